"""Training encodes its data in several processes; the vectors must equal one process's, bit for bit."""

from __future__ import annotations

import numpy as np
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import SentenceEncoderFeaturizer, shared_encoder
from bot.encoders import DEFAULT_ENCODER
from bot.encoders.parallel import MIN_TEXTS_PER_PROCESS, encode_in_processes, worth_parallel

#: Varied lengths, scripts and repeats, as in the training data.
TEXTS = [
    "my bf tracks my phone wat do i do",
    "Gdzie mogę uzyskać pomoc?",
    "میرا شوہر مجھے مارتا ہے",
    "is there a helpline 4 dv",
    "is there a helpline 4 dv",
    "Cuckooing is when someone takes over a vulnerable person's home to deal drugs from it. " * 3,
    "hi",
]


def test_worker_processes_give_the_same_vectors_as_one_process() -> None:
    expected = shared_encoder(DEFAULT_ENCODER).encode(TEXTS)
    got = encode_in_processes(DEFAULT_ENCODER, TEXTS, processes=3)
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)


def test_only_large_batches_are_worth_the_worker_start_up() -> None:
    assert not worth_parallel(MIN_TEXTS_PER_PROCESS * 2 - 1, processes=2)
    assert worth_parallel(MIN_TEXTS_PER_PROCESS * 2, processes=2)
    assert not worth_parallel(10_000, processes=1)


def test_training_data_featurised_in_processes_equals_a_reply() -> None:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    texts = [f"{TEXTS[i % len(TEXTS)]} {i}" for i in range(MIN_TEXTS_PER_PROCESS * 2)]
    examples = [Message({TEXT: text, RESPONSE: TEXTS[5]}) for text in texts]
    tokenizer.process_training_data(TrainingData(examples))
    config = {**SentenceEncoderFeaturizer.get_default_config(), "training_processes": 2, "featurise_responses": True}
    SentenceEncoderFeaturizer(config, "encoder").process_training_data(TrainingData(examples))

    replies = [Message({TEXT: text}) for text in (texts[0], texts[-1])]
    tokenizer.process_training_data(TrainingData(replies))
    SentenceEncoderFeaturizer(config, "encoder").process(replies)
    for example, reply in zip((examples[0], examples[-1]), replies, strict=True):
        assert np.array_equal(example.get_dense_features(TEXT)[1].features, reply.get_dense_features(TEXT)[1].features)
    assert example.get_dense_features(RESPONSE)[1].features.shape == (1, 384)
