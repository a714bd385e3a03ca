"""Only public texts (the training examples) are cached; what a resident writes is encoded and not kept.

Real encoder, real Rasa model storage: the featuriser is trained, stored and loaded as in a model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import PUBLIC_TEXTS_FILE, SentenceEncoderFeaturizer, shared_encoder
from bot.encoders import DEFAULT_ENCODER
from bot.encoders.public_cache import PublicTextCache, digest, pack_digests, unpack_digests

PUBLIC = ("what is cuckooing", "thanks", "hello")
RESIDENT = "my neighbour Qwertzuiop Brindlewood at 14 Zzyzx Road hits me"


@pytest.fixture(scope="module")
def raw():
    return shared_encoder(DEFAULT_ENCODER)


def _cache_keys(cache: PublicTextCache) -> list[str]:
    return list(cache._cache)


def test_a_public_text_is_encoded_once_then_served_from_the_cache(raw) -> None:
    cache = PublicTextCache(raw, unpack_digests(pack_digests(PUBLIC)))
    first = cache.encode(["thanks", "hello"])
    again = cache.encode(["hello", "thanks"])
    assert (cache.misses, cache.hits) == (2, 2)
    assert np.array_equal(first[0], again[1]) and np.array_equal(first, raw.encode(["thanks", "hello"]))


def test_a_residents_message_is_encoded_and_not_kept(raw) -> None:
    cache = PublicTextCache(raw, unpack_digests(pack_digests(PUBLIC)))
    vectors = cache.encode([RESIDENT, RESIDENT])
    assert np.array_equal(vectors[0], raw.encode([RESIDENT])[0])
    assert len(cache) == 0 and cache.hits == 0 and cache.misses == 2
    assert not any("Qwertzuiop" in key for key in _cache_keys(cache))


def test_the_cache_is_bounded(raw) -> None:
    cache = PublicTextCache(raw, unpack_digests(pack_digests(PUBLIC)), max_size=2)
    cache.encode(list(PUBLIC))
    assert _cache_keys(cache) == ["thanks", "hello"]


def test_digests_round_trip_and_a_torn_file_is_refused() -> None:
    packed = pack_digests(["a", "b", "a"])
    assert unpack_digests(packed) == {digest("a"), digest("b")}
    with pytest.raises(ValueError, match="whole number"):
        unpack_digests(packed[:-1])


def _tokenised(texts: tuple[str, ...]) -> TrainingData:
    data = TrainingData([Message({TEXT: text}) for text in texts])
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    return data


def test_a_trained_featuriser_stores_digests_not_texts_and_its_loaded_copy_caches_only_those(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("encoder")
    context = ExecutionContext(GraphSchema({}), node_name="encoder")
    config = SentenceEncoderFeaturizer.get_default_config()
    SentenceEncoderFeaturizer.create(config, storage, resource, context).train(_tokenised(PUBLIC))

    stored = (tmp_path / resource.name / PUBLIC_TEXTS_FILE).read_bytes()
    assert len(stored) == 16 * len(PUBLIC)
    assert not any(text.encode() in stored for text in PUBLIC)

    loaded = SentenceEncoderFeaturizer.load(config, storage, resource, context)
    replies = _tokenised(("thanks", RESIDENT, "thanks", RESIDENT)).training_examples
    loaded.process(replies)
    assert _cache_keys(loaded.encoder) == ["thanks"]
    assert all(m.get_dense_features(TEXT)[1] is not None for m in replies)


def test_a_model_without_digests_still_answers_and_caches_nothing(tmp_path: Path) -> None:
    context = ExecutionContext(GraphSchema({}), node_name="encoder")
    config = SentenceEncoderFeaturizer.get_default_config()
    loaded = SentenceEncoderFeaturizer.load(config, LocalModelStorage(tmp_path), Resource("missing"), context)
    messages = _tokenised(("thanks", "thanks")).training_examples
    loaded.process(messages)
    assert len(loaded.encoder) == 0
    assert messages[0].get_dense_features(TEXT)[1] is not None
