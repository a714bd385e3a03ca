"""DIET and the ResponseSelector trained in their own processes (bot/components/background_training.py):
they learn what they would have learnt in place, a failure there fails the training, and
``python -m bot.train`` packs the model only after both have persisted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components import background_training
from bot.components.diet import DIETClassifier
from tests.sentence_vectors import encoded_messages

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hey", "hiya"],
    "goodbye": ["bye", "see you later", "goodbye then", "that is all, thanks"],
    "report_concern": ["i want to report something", "can i tell you about my neighbour",
                       "there are dealers in the flat next door", "i want to log a concern"],
}
CONFIG = {"epochs": 5, "number_of_transformer_layers": 0, "entity_recognition": False,
          "constrain_similarities": True, "random_seed": 42}


@pytest.fixture
def side_by_side() -> Iterator[None]:
    background_training.enable()
    try:
        yield
    finally:
        background_training.shutdown()


def _diet(storage_path: Path, make: bool = True) -> tuple[DIETClassifier, LocalModelStorage, Resource]:
    if make:
        storage_path.mkdir(parents=True, exist_ok=True)
    storage, resource = LocalModelStorage(storage_path), Resource("train_diet")
    context = ExecutionContext(GraphSchema({}), "test", node_name="train_diet")
    config = {**DIETClassifier.get_default_config(), **CONFIG}
    return DIETClassifier.create(config, storage, resource, context), storage, resource


def _featurised(pairs: list[tuple[str, str | None]]) -> list[Message]:
    """Sentence vectors and the one constant token-level feature, as the pipeline leaves messages."""
    messages = encoded_messages(pairs)
    for message in messages:
        message.add_features(Features(np.zeros((1, 1), dtype=np.float32), "sequence", TEXT, "constant"))
    return messages


def _training_data() -> TrainingData:
    return TrainingData(_featurised([(t, i) for i, texts in EXAMPLES.items() for t in texts]))


def _ranking(storage: LocalModelStorage, resource: Resource, texts: list[str]) -> list[list[tuple[str, float]]]:
    loaded = DIETClassifier.load({**DIETClassifier.get_default_config(), **CONFIG}, storage, resource,
                                 ExecutionContext(GraphSchema({}), "test"))
    messages = _featurised([(text, None) for text in texts])
    loaded.process(messages)
    return [[(r["name"], r["confidence"]) for r in m.get("intent_ranking")] for m in messages]


def test_a_classifier_trained_in_its_own_process_learns_what_it_would_have_here(
    tmp_path: Path, side_by_side: None
) -> None:
    texts = ["hello there", "i need to report dealers", "bye now", "what is cuckooing"]
    here, storage, resource = _diet(tmp_path / "here")
    background_training.shutdown()  # in place, as `rasa train` does
    assert here.train(_training_data()) == resource
    expected = _ranking(storage, resource, texts)

    background_training.enable()
    there, storage2, resource2 = _diet(tmp_path / "there")
    assert there.train(_training_data()) == resource2
    background_training.wait_for_all()
    got = _ranking(storage2, resource2, texts)

    for mine, theirs in zip(got, expected, strict=True):
        assert [name for name, _ in mine] == [name for name, _ in theirs]
        np.testing.assert_allclose([c for _, c in mine], [c for _, c in theirs], atol=1e-5)


def test_a_classifier_that_fails_in_its_own_process_fails_the_training(tmp_path: Path, side_by_side: None) -> None:
    component, _, _ = _diet(tmp_path / "no such folder", make=False)  # persisting there fails
    component.train(_training_data())
    with pytest.raises(background_training.BackgroundTrainingFailed, match="train_diet"):
        background_training.wait_for_all()


def test_a_trainer_process_that_dies_fails_the_training(tmp_path: Path, side_by_side: None) -> None:
    slow = {**DIETClassifier.get_default_config(), **CONFIG, "epochs": 2000}
    component = DIETClassifier.create(slow, LocalModelStorage(tmp_path), Resource("train_diet"),
                                      ExecutionContext(GraphSchema({}), "test", node_name="train_diet"))
    component.train(_training_data())
    time.sleep(1.0)
    for pid in list(background_training._pool._processes):  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(background_training.BackgroundTrainingFailed, match="train_diet"):
        background_training.wait_for_all()


def test_a_trainer_process_is_sent_the_training_data_without_spacy_docs() -> None:
    import pickle

    import spacy
    from rasa.nlu.constants import SPACY_DOCS

    nlp = spacy.blank("en")
    original = _training_data()
    for message in original.training_examples:
        message.set(SPACY_DOCS[TEXT], nlp(message.get(TEXT)))
    assert original.intent_examples  # the lazily cached lists hold the messages with their docs

    light = background_training.for_trainer(original)

    assert [m.get(TEXT) for m in light.intent_examples] == [m.get(TEXT) for m in original.intent_examples]
    for before, after in zip(original.training_examples, light.training_examples, strict=True):
        assert after.get(SPACY_DOCS[TEXT]) is None
        assert before.get(SPACY_DOCS[TEXT]) is not None  # the graph's own data keeps them
        assert after.features is before.features
        assert {k: v for k, v in before.data.items() if k != SPACY_DOCS[TEXT]} == after.data
    assert len(pickle.dumps(light)) < len(pickle.dumps(original)) / 2


def test_without_enable_the_classifier_trains_in_place(tmp_path: Path) -> None:
    assert not background_training.enabled()
    component, _, resource = _diet(tmp_path)
    component.train(_training_data())
    assert any((tmp_path / resource.name).iterdir())  # persisted before train returned


# Seeded, and enough epochs that the tiny model's answer is not a coin toss: with 5 unseeded epochs,
# one CI run (4 December 2026, an AVX-512 machine under load) read "what is cuckooing" as greet.
PROJECT_CONFIG = """
recipe: default.v1
language: en
assistant_id: background-training-test
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: bot.components.diet.DIETClassifier
    epochs: 30
    number_of_transformer_layers: 0
    entity_recognition: false
    random_seed: 42
  - name: bot.components.response_selector.ResponseSelector
    epochs: 30
    number_of_transformer_layers: 0
    retrieval_intent: faq
    random_seed: 42
policies:
  - name: RulePolicy
"""
PROJECT_NLU = """
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
- intent: faq/what_is_cuckooing
  examples: |
    - what is cuckooing
    - what does cuckooing mean
    - explain cuckooing
- intent: faq/what_is_angela
  examples: |
    - what is ask for angela
    - who is angela
    - ask for angela meaning
"""
PROJECT_DOMAIN = """
version: "3.1"
intents: [greet, faq]
responses:
  utter_greet:
  - text: "Hello."
  utter_faq/what_is_cuckooing:
  - text: "Cuckooing is when someone takes over a home."
  utter_faq/what_is_angela:
  - text: "Ask for Angela is a code phrase."
"""


def test_bot_train_packs_the_model_after_both_classifiers_have_persisted(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "config.yml").write_text(PROJECT_CONFIG)
    (tmp_path / "domain.yml").write_text(PROJECT_DOMAIN)
    (tmp_path / "data" / "nlu.yml").write_text(PROJECT_NLU)
    from bot.train import training_command, training_env

    command = training_command(str(tmp_path / "config.yml"), str(tmp_path / "domain.yml"),
                               str(tmp_path / "data"), str(tmp_path / "models"), "tiny")
    env = {**training_env(), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    archive = tmp_path / "models" / "tiny.tar.gz"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    for node in ("train_bot.components.diet.DIETClassifier", "train_bot.components.response_selector.ResponseSelector"):
        files = [n for n in names if f"/{node}" in f"/{n}" and n.endswith(".tf_model.index")]
        assert files, f"{node} not in the archive: {names}"

    from rasa.core.agent import Agent

    agent = Agent.load(str(archive))
    import asyncio

    parsed = asyncio.run(agent.parse_message("what is cuckooing"))
    assert parsed["intent"]["name"] == "faq"
    assert parsed["response_selector"]["faq"]["response"]["intent_response_key"] == "faq/what_is_cuckooing"


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_abandon_stops_a_training_at_once(tmp_path: Path) -> None:
    background_training.enable()
    slow = {**DIETClassifier.get_default_config(), **CONFIG, "epochs": 100000}
    component = DIETClassifier.create(slow, LocalModelStorage(tmp_path), Resource("train_diet"),
                                      ExecutionContext(GraphSchema({}), "test", node_name="train_diet"))
    component.train(_training_data())
    pids = list(background_training._pool._processes)  # type: ignore[union-attr]
    background_training.abandon()
    # The pool's own thread may reap them first, so ask the system, not the Process objects.
    deadline = time.monotonic() + 60
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in pids)
    assert not background_training.enabled()
    background_training.wait_for_all()  # nothing left to wait for


FAILING_TRAINING = """
import sys
from pathlib import Path

if __name__ == "__main__":
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    import tests.test_background_training as t
    from bot import train
    from bot.components import background_training

    background_training.enable()
    slow = {**t.DIETClassifier.get_default_config(), **t.CONFIG, "epochs": 100000}
    context = ExecutionContext(GraphSchema({}), "test", node_name="train_diet")
    diet = t.DIETClassifier.create(slow, LocalModelStorage(Path(sys.argv[1])), Resource("d"), context)
    diet.train(t._training_data())
    # The classifier trains for hours; the rest of the training then fails (a config that is not there).
    sys.exit(train.main(["--config", sys.argv[1] + "/missing.yml", "--domain", sys.argv[1], "--data", sys.argv[1]]))
"""


def test_a_training_that_fails_elsewhere_does_not_wait_for_its_classifiers(tmp_path: Path) -> None:
    script = tmp_path / "failing_training.py"
    script.write_text(FAILING_TRAINING)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Python's exit waits for a process pool's work; without bot.train stopping it this would hang.
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode != 0
