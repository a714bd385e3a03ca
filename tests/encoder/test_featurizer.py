"""The Rasa featuriser around the sentence encoder: one sentence-level vector per message."""

from __future__ import annotations

import numpy as np
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import SentenceEncoderFeaturizer
from bot.components.sentence_features import SentenceFeaturesOnly


def _tokenised(*messages: Message) -> list[Message]:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process_training_data(TrainingData(list(messages)))
    return list(messages)


def _featurizer() -> SentenceEncoderFeaturizer:
    return SentenceEncoderFeaturizer(SentenceEncoderFeaturizer.get_default_config(), "encoder")


def test_each_message_gets_one_sentence_vector_and_a_token_placeholder() -> None:
    message, = _tokenised(Message({TEXT: "my bf tracks my phone wat do i do"}))
    _featurizer().process([message])
    sentence = message.get_dense_features(TEXT)[1]
    sequence = message.get_dense_features(TEXT)[0]
    assert sentence.features.shape == (1, 384)
    assert abs(float(np.linalg.norm(sentence.features)) - 20.0) < 0.02  # the configured scale
    assert sequence.features.shape == (len(message.get(TOKENS_NAMES[TEXT])), 1)
    assert not sequence.features.any()


def test_answers_are_not_encoded_unless_asked() -> None:
    example, = _tokenised(Message({TEXT: "what is cuckooing", RESPONSE: "Cuckooing is when..."}))
    _featurizer().process_training_data(TrainingData([example]))
    assert example.get_dense_features(TEXT)[1].features.shape == (1, 384)
    assert example.get_dense_features(RESPONSE) == (None, None)


def test_answers_are_featurised_in_training_when_asked() -> None:
    example, = _tokenised(Message({TEXT: "what is cuckooing", RESPONSE: "Cuckooing is when..."}))
    config = {**SentenceEncoderFeaturizer.get_default_config(), "featurise_responses": True}
    SentenceEncoderFeaturizer(config, "encoder").process_training_data(TrainingData([example]))
    assert example.get_dense_features(RESPONSE)[1].features.shape == (1, 384)


def test_the_same_text_gets_the_same_vector_in_training_and_in_a_reply() -> None:
    first, = _tokenised(Message({TEXT: "is there a helpline 4 dv"}))
    second, = _tokenised(Message({TEXT: "is there a helpline 4 dv"}))
    featurizer = _featurizer()
    featurizer.process_training_data(TrainingData([first]))
    featurizer.process([second])
    assert np.array_equal(first.get_dense_features(TEXT)[1].features, second.get_dense_features(TEXT)[1].features)


def test_sentence_features_only_keeps_the_encoder_vector() -> None:
    message, = _tokenised(Message({TEXT: "where do i signpost someone"}))
    _featurizer().process([message])
    SentenceFeaturesOnly().process([message])
    types = {(f.type, f.origin) for f in message.features if f.attribute == TEXT}
    assert (FEATURE_TYPE_SENTENCE, "encoder") in types
    assert (FEATURE_TYPE_SEQUENCE, "encoder") not in types
