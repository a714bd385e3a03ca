"""VectorIntentModel and VectorIntentBlend on their own: the model, trained on real sentence-encoder
vectors, survives persist and load; the blend answers a paraphrase DIET was unsure of, points the FAQ
answer at the blended choice and leaves crisis to the safety net. (End to end, the trained assistant
is scored in CI.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.vector_intent_blend import SURE_ANSWER_KEY, VectorIntentBlend
from bot.components.vector_intent_model import VECTOR_INTENT_KEY, VectorIntentModel
from tests.sentence_vectors import encoded_messages

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hey"],
    "faq/cuckooing_what": ["what is cuckooing", "what does cuckooing mean", "dealers took over my neighbour's flat",
                           "explain cuckooing to me"],
    "faq/angela_what": ["what is ask for angela", "how does ask for angela work",
                        "what do i say to bar staff if a date goes wrong", "ask for angela meaning"],
    "out_of_scope": ["what's the weather tomorrow", "recommend a pizza place", "who won the football",
                     "how do i reset my wifi router"],
}


@pytest.fixture(scope="module")
def featurise():
    return encoded_messages


CONTEXT = ExecutionContext(GraphSchema({}), "test")


def _trained(tmp_path: Path, featurise) -> tuple[VectorIntentModel, LocalModelStorage, Resource]:
    storage, resource = LocalModelStorage(tmp_path), Resource("vector_intents")
    model = VectorIntentModel.create({"C": 16.0}, storage, resource, CONTEXT)
    model.train(TrainingData(featurise([(t, label) for label, texts in EXAMPLES.items() for t in texts])))
    return model, storage, resource


def _blend() -> VectorIntentBlend:
    return VectorIntentBlend.create({"diet_weight": 0.3}, None, None, CONTEXT)  # type: ignore[arg-type]


def _as_diet_left_it(message: Message, ranking: list[tuple[str, float]], answers: list[tuple[str, float]]) -> Message:
    """What DIET and the ResponseSelector would have set on the message."""
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking], add_to_output=True)
    message.set(RESPONSE_SELECTOR_PROPERTY_NAME, {"faq": {
        "response": {"responses": [{"text": "..."}], "confidence": answers[0][1], "intent_response_key": answers[0][0],
                     "utter_action": f"utter_{answers[0][0]}"},
        "ranking": [{"intent_response_key": k, "confidence": c} for k, c in answers]}}, add_to_output=True)
    return message


def test_an_unsure_diet_is_overruled_by_a_clear_vector_and_the_answer_follows(tmp_path: Path, featurise) -> None:
    model, storage, resource = _trained(tmp_path, featurise)
    loaded = VectorIntentModel.load({}, storage, resource, CONTEXT)
    (message,) = featurise([("people selling drugs from a vulnerable man's home next door", None)])
    trained_p = model.probabilities(message)
    loaded.process([message])
    assert message.get(VECTOR_INTENT_KEY) == pytest.approx(trained_p)  # the same model after persist and load
    assert max(trained_p, key=trained_p.get) == "faq/cuckooing_what"
    _as_diet_left_it(message, [("out_of_scope", 0.35), ("faq", 0.33), ("greet", 0.32)],
                     [("faq/angela_what", 0.6), ("faq/cuckooing_what", 0.4)])
    blend = _blend()
    expected = blend.blended(message) or {}
    assert expected["faq/cuckooing_what"] == pytest.approx(0.3 * 0.33 * 0.4 + 0.7 * trained_p["faq/cuckooing_what"])
    blend.process([message])
    assert message.get(INTENT)["name"] == "faq"
    selected = message.get(RESPONSE_SELECTOR_PROPERTY_NAME)["faq"]["response"]
    assert selected["intent_response_key"] == "faq/cuckooing_what"
    assert selected["utter_action"] == "utter_faq/cuckooing_what"
    assert selected["responses"] == []  # the old answer's text is not carried to the new answer
    assert selected["confidence"] == pytest.approx(message.get(INTENT)["confidence"])
    assert message.get(INTENT)["confidence"] == pytest.approx(expected["faq/cuckooing_what"])
    ranking = message.get(INTENT_RANKING_KEY)
    assert [item["confidence"] for item in ranking] == sorted((item["confidence"] for item in ranking), reverse=True)


def test_crisis_first_is_left_alone_and_crisis_never_wins_the_blend(tmp_path: Path, featurise) -> None:
    model, _, _ = _trained(tmp_path, featurise)
    component = _blend()
    first, lower = model.process(featurise([("hello there", None), ("hello there", None)]))
    _as_diet_left_it(first, [("crisis_danger", 0.55), ("greet", 0.45)], [("faq/angela_what", 1.0)])
    before = (dict(first.get(INTENT)), list(first.get(INTENT_RANKING_KEY)))
    component.process([first])
    assert (first.get(INTENT), first.get(INTENT_RANKING_KEY)) == before

    _as_diet_left_it(lower, [("greet", 0.5), ("crisis_suicide", 0.45), ("faq", 0.05)], [("faq/angela_what", 1.0)])
    component.process([lower])
    ranking = lower.get(INTENT_RANKING_KEY)
    assert lower.get(INTENT)["name"] == "greet"
    # DIET's crisis confidence is kept, last, for the safety net to judge
    assert ranking[-1] == {"name": "crisis_suicide", "confidence": 0.45}
    assert all(item["name"] != "crisis_suicide" for item in ranking[:-1])


def test_a_sure_vector_answers_even_when_diet_put_a_crisis_first() -> None:
    blend = VectorIntentBlend.create({"diet_weight": 0.3, "sure_answer": 0.9}, None, None, CONTEXT)  # type: ignore[arg-type]
    sure, unsure = Message({TEXT: "a"}), Message({TEXT: "b"})
    for message, p in ((sure, 0.95), (unsure, 0.85)):
        message.set(VECTOR_INTENT_KEY, {"faq/cuckooing_signs": p, "crisis_danger": 1 - p})
        _as_diet_left_it(message, [("crisis_danger", 0.97), ("faq", 0.03)], [("faq/cuckooing_signs", 1.0)])
    blend.process([sure, unsure])
    assert sure.get(SURE_ANSWER_KEY) is True
    assert sure.get(INTENT) == {"name": "faq", "confidence": pytest.approx(0.3 * 0.03 + 0.7 * 0.95)}
    assert sure.get(INTENT_RANKING_KEY)[-1] == {"name": "crisis_danger", "confidence": 0.97}  # kept for the safety net
    assert sure.get(RESPONSE_SELECTOR_PROPERTY_NAME)["faq"]["response"]["intent_response_key"] == "faq/cuckooing_signs"
    assert unsure.get(SURE_ANSWER_KEY) is None
    assert unsure.get(INTENT) == {"name": "crisis_danger", "confidence": 0.97}  # left alone


def test_a_message_without_a_vector_or_ranking_is_untouched(tmp_path: Path, featurise) -> None:
    model, _, _ = _trained(tmp_path, featurise)
    bare = _as_diet_left_it(Message({TEXT: "hello"}), [("greet", 0.9), ("faq", 0.1)], [("faq/angela_what", 1.0)])
    (unranked,) = model.process(featurise([("hello", None)]))
    model.process([bare])
    assert bare.get(VECTOR_INTENT_KEY) is None  # no sentence vector, no probabilities
    _blend().process([bare, unranked])
    assert bare.get(INTENT) == {"name": "greet", "confidence": 0.9}
    assert unranked.get(INTENT) is None


def test_probabilities_are_a_softmax() -> None:
    from bot.components.sentence_vector import Linear

    linear = Linear(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), np.zeros(3), ["a", "b", "c"])
    p = linear.probabilities(np.array([2.0, 0.0]))
    assert p.sum() == pytest.approx(1.0)
    assert p[0] == pytest.approx(np.exp(2) / (np.exp(2) + 2))
