"""CrisisVectorSignal on its own: trained on real sentence-encoder vectors of a few examples, it
tells crisis from ordinary messages, names the kind, survives persist and load, and records nothing
for a message without a vector. (End to end, the trained assistant is scored in CI.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.crisis_vector import CRISIS_VECTOR_KEY, CrisisVectorSignal
from tests.sentence_vectors import encoded_messages

EXAMPLES = {
    "crisis_danger": ["he is outside with a knife", "my husband is hitting me right now",
                      "someone is breaking into my house", "he says he will kill me tonight"],
    "crisis_suicide": ["i want to end my life", "i have taken all my pills", "i don't want to live anymore",
                       "tonight i will kill myself"],
    "greet": ["hello", "hi there", "good morning", "hey"],
    "faq": ["what is cuckooing", "what is ask for angela", "where can i get support for domestic abuse",
            "what are adverse childhood experiences"],
}


@pytest.fixture(scope="module")
def featurise():
    return encoded_messages


def _component(tmp_path: Path) -> tuple[CrisisVectorSignal, LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("crisis_vector")
    context = ExecutionContext(GraphSchema({}), "test")
    return CrisisVectorSignal.create({"C": 16.0}, storage, resource, context), storage, resource


def test_trained_signal_separates_crisis_names_the_kind_and_survives_loading(tmp_path: Path, featurise) -> None:
    component, storage, resource = _component(tmp_path)
    component.train(TrainingData(featurise([(t, i) for i, texts in EXAMPLES.items() for t in texts])))
    loaded = CrisisVectorSignal.load({}, storage, resource, ExecutionContext(GraphSchema({}), "test"))
    danger, suicide, hello = featurise([("there is a man with a knife at my door", None),
                                        ("i want to die tonight", None), ("hiya", None)])
    loaded.process([danger, suicide, hello])
    assert danger.get(CRISIS_VECTOR_KEY)["intent"] == "crisis_danger"
    assert suicide.get(CRISIS_VECTOR_KEY)["intent"] == "crisis_suicide"
    assert danger.get(CRISIS_VECTOR_KEY)["probability"] > hello.get(CRISIS_VECTOR_KEY)["probability"]
    assert suicide.get(CRISIS_VECTOR_KEY)["probability"] > 0.5 > hello.get(CRISIS_VECTOR_KEY)["probability"]
    assert (loaded.signal(danger), loaded.signal(hello)) == (component.signal(danger), component.signal(hello))


def test_a_message_without_a_sentence_vector_gets_no_signal(tmp_path: Path, featurise) -> None:
    component, _, _ = _component(tmp_path)
    component.train(TrainingData(featurise([(t, i) for i, texts in EXAMPLES.items() for t in texts])))
    bare = Message({TEXT: "hello"})
    component.process([bare])
    assert bare.get(CRISIS_VECTOR_KEY) is None


def test_training_without_crisis_examples_is_refused(tmp_path: Path, featurise) -> None:
    component, _, _ = _component(tmp_path)
    with pytest.raises(ValueError, match="crisis and other examples"):
        component.train(TrainingData(featurise([("hello", "greet"), ("what is cuckooing", "faq")])))
