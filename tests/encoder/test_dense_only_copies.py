"""DenseOnlyCopies: in training, each intent example also appears with its word features blank."""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.dense_only_copies import DenseOnlyCopies


def _example(text: str, intent: str) -> Message:
    message = Message({TEXT: text, INTENT: intent})
    message.add_features(Features(scipy.sparse.coo_matrix(np.ones((1, 5))), FEATURE_TYPE_SENTENCE, TEXT, "words"))
    message.add_features(Features(np.full((1, 3), 0.5), FEATURE_TYPE_SENTENCE, TEXT, "encoder"))
    return message


def test_each_intent_example_gets_a_copy_with_blank_word_features_and_the_same_sentence_vector() -> None:
    data = TrainingData([_example("hello there", "greet"), _example("bye now", "goodbye")])
    assert len(data.intent_examples) == 2  # a cached view, which must be refreshed
    DenseOnlyCopies().process_training_data(data)
    assert len(data.training_examples) == 4
    assert len(data.intent_examples) == 4
    copy = data.training_examples[2]
    assert copy.get(TEXT) == "hello there" and copy.get(INTENT) == "greet"
    sparse, dense = copy.get_sparse_features(TEXT)[1], copy.get_dense_features(TEXT)[1]
    assert sparse.features.shape == (1, 5) and sparse.features.nnz == 0
    assert np.array_equal(dense.features, np.full((1, 3), 0.5))
    # the original keeps its word features
    assert data.training_examples[0].get_sparse_features(TEXT)[1].features.nnz == 5


def test_replies_are_untouched() -> None:
    message = _example("hello there", "greet")
    assert DenseOnlyCopies().process([message]) == [message]
    assert message.get_sparse_features(TEXT)[1].features.nnz == 5
