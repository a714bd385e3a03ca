"""data/nlu/crisis_signal/ trains CrisisVectorSignal only, and data/nlu/voices.yml trains VectorIntentModel
only (bot/components/vector_only_examples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.vector_only_examples import (
    INTENT_VECTOR_ONLY,
    SIGNAL_ONLY,
    VectorOnlyExamples,
    is_intent_vector_only,
    is_signal_only,
)

ROOT = Path(__file__).resolve().parents[1]
SIGNAL_DIR = ROOT / "data" / "nlu" / "crisis_signal"
SIGNAL_FILES = sorted(SIGNAL_DIR.glob("*.yml"))
VOICES = ROOT / "data" / "nlu" / "voices.yml"


def _read(path: Path) -> TrainingData:
    return RasaYAMLReader().reads(path.read_text(encoding="utf-8"))


def test_there_is_signal_data_for_english_and_every_community_language() -> None:
    stems = {p.stem for p in SIGNAL_FILES}
    languages = {"en", "gu", "pa", "pl", "pt", "ro", "ur"}
    assert languages <= stems
    # Beside one file per language, English files with one purpose each, named here so that a
    # stray file is noticed (each header says who wrote it and why).
    assert stems - languages == {"unfamiliar_strings"}


@pytest.mark.parametrize("path", SIGNAL_FILES, ids=lambda p: p.name)
def test_every_block_is_marked_so_no_example_reaches_diet(path: Path) -> None:
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
    assert blocks and all((block.get("metadata") or {}).get(SIGNAL_ONLY) is True for block in blocks)
    assert all(is_signal_only(example) for example in _read(path).training_examples)


def test_every_voices_block_is_marked_so_no_example_reaches_diet() -> None:
    blocks = yaml.safe_load(VOICES.read_text(encoding="utf-8"))["nlu"]
    assert blocks and all((block.get("metadata") or {}).get(INTENT_VECTOR_ONLY) is True for block in blocks)
    examples = _read(VOICES).training_examples
    assert all(is_intent_vector_only(e) and not is_signal_only(e) for e in examples)
    assert not any(e.get("intent", "").startswith("crisis_") for e in examples)  # never crisis examples


def test_marked_examples_are_held_back_and_the_rest_keep_their_order() -> None:
    ordinary = _read(ROOT / "data" / "nlu" / "core.yml")
    signal = _read(SIGNAL_DIR / "en.yml")
    voices = _read(VOICES)
    merged = ordinary.merge(signal).merge(voices)
    passed_on = VectorOnlyExamples().process_training_data(merged)
    assert [m.get("text") for m in passed_on.training_examples] == [m.get("text") for m in ordinary.training_examples]
    assert len(merged.training_examples) == sum(len(d.training_examples) for d in (ordinary, signal, voices))


def test_each_sentence_vector_classifier_learns_only_its_own_held_back_examples(tmp_path: Path) -> None:
    """The intent model trains on the voices and not on the signal's data; the signal the other way round."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    from bot.components import crisis_vector, vector_intent_model
    from bot.components.crisis_vector import CrisisVectorSignal
    from bot.components.vector_intent_model import VectorIntentModel

    merged = _read(ROOT / "data" / "nlu" / "crisis.yml").merge(_read(SIGNAL_DIR / "en.yml")).merge(_read(VOICES))
    seen: dict[str, list[str]] = {}

    def recording(name: str, real):
        def labelled(training_data, full_labels=False):
            seen[name] = [m.get("text") for m in training_data.intent_examples]
            return real(training_data, full_labels)
        return labelled

    context = ExecutionContext(GraphSchema({}), "test")
    for name, module, component in (("model", vector_intent_model, VectorIntentModel),
                                    ("signal", crisis_vector, CrisisVectorSignal)):
        real = module.labelled_vectors
        module.labelled_vectors = recording(name, real)
        try:
            trained = component.create({}, LocalModelStorage(tmp_path / name), Resource(name), context)
            try:
                trained.train(merged)
            except ValueError:
                pass  # no sentence vectors here: only what each was given is checked
        finally:
            module.labelled_vectors = real
    signal_texts = {m.get("text") for m in _read(SIGNAL_DIR / "en.yml").intent_examples}
    voice_texts = {m.get("text") for m in _read(VOICES).intent_examples}
    assert voice_texts <= set(seen["model"]) and not signal_texts & set(seen["model"])
    assert signal_texts <= set(seen["signal"]) and not voice_texts & set(seen["signal"])


def test_the_pipeline_trains_the_signal_on_everything_and_the_classifiers_without_it() -> None:
    names = [step["name"].rsplit(".", 1)[-1] for step in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    signal, hold_back = names.index("CrisisVectorSignal"), names.index("VectorOnlyExamples")
    assert names.index("SentenceEncoderFeaturizer") < signal < hold_back
    assert names.index("SentenceEncoderFeaturizer") < names.index("VectorIntentModel") < hold_back
    assert names.index("ResponseSelector") < names.index("VectorIntentBlend")
    assert hold_back < names.index("CountVectorsFeaturizer") < names.index("DIETClassifier")
    assert hold_back < names.index("ResponseSelector")
