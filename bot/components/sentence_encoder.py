"""A dense featuriser giving each message one sentence vector from a pretrained sentence encoder.

The encoder (``bot.encoders``; multilingual-e5-small by default) was trained on many languages
and on paraphrase pairs, so a message worded far from every training example, or written in
Polish or Urdu, still lands near the examples that mean the same. It encodes whole messages, so
its feature is sentence-level. Rasa also wants token-level features from every dense featuriser
(one row per token); the encoder has none to give, so each token gets a single zero, which
``SentenceFeaturesOnly`` then drops anyway.

It featurises the message text; the FAQ answers' text only with ``featurise_responses`` (our
ResponseSelector learns answer keys, so nothing reads it). The encoder is loaded, and
self-checked against its stored reference vector, once per process; a failed check stops training
and start-up with the reason.

Training stores digests of the training texts with the model (``public_texts.bin``), so that the
running assistant caches the encodings of those texts, and of nothing a resident writes
(``bot.encoders.public_cache``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.encoders import DEFAULT_ENCODER, SentenceEncoder, load_encoder
from bot.encoders.parallel import default_processes, encode_in_processes, worth_parallel
from bot.encoders.public_cache import PublicTextCache, pack_digests, unpack_digests

PUBLIC_TEXTS_FILE = "public_texts.bin"


@lru_cache(maxsize=4)
def shared_encoder(name: str) -> SentenceEncoder:
    """One loaded encoder per process (training builds the component more than once)."""
    return load_encoder(name)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the sentence encoder's vector as a sentence-level dense feature."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The encoder's vectors have unit length, so each of their 384 components is about 0.05:
        # far smaller than the word-vector features DIET's layer sizes and weight penalty were set
        # for, and the classifiers learnt to ignore them (measured: docs/README-nlu.md). Scaling by
        # about sqrt(dim) gives components of about unit spread.
        # training_processes: worker processes that encode the training data (0: one per CPU).
        # The vectors are identical either way; only training's wall time changes.
        # featurise_responses: also encode the answers' texts. Only a ResponseSelector with
        # use_text_as_label reads them; ours learns answer keys, so nothing did, and the 43 answers
        # (about 700 characters each) cost about 15 CPU-s of every training (docs/README-bench.md).
        # cache_size: how many public texts' encodings to keep (0: none).
        return {
            **DenseFeaturizer.get_default_config(),
            "encoder": DEFAULT_ENCODER,
            "scale": 20.0,
            "training_processes": 0,
            "featurise_responses": False,
            "cache_size": 4096,
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Fail early, at training, on an encoder name nobody can load."""
        from bot.encoders import DEFAULT_ENCODER as known

        if config.get("encoder", known) != known:
            raise ValueError(f"{cls.__name__}: unknown encoder {config.get('encoder')!r}; known: {known}")

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        public: frozenset[bytes] = frozenset(),
        model_storage: ModelStorage | None = None,
        resource: Resource | None = None,
    ) -> None:
        super().__init__(name, config)
        self.encoder = PublicTextCache(
            shared_encoder(str(self._config["encoder"])), public, max_size=int(self._config["cache_size"])
        )
        self.scale = float(self._config["scale"])
        self.attributes = (TEXT, RESPONSE) if self._config["featurise_responses"] else (TEXT,)
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEncoderFeaturizer:
        return cls({**cls.get_default_config(), **config}, execution_context.node_name,
                   model_storage=model_storage, resource=resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SentenceEncoderFeaturizer:
        try:
            with model_storage.read_from(resource) as directory:
                public = unpack_digests((Path(directory) / PUBLIC_TEXTS_FILE).read_bytes())
        except (ValueError, OSError):
            public = frozenset()  # a model without the digests: correct, just nothing cached
        return cls({**cls.get_default_config(), **config}, execution_context.node_name, public,
                   model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Store digests of the training texts: the only texts the running assistant will cache."""
        if self._model_storage is None or self._resource is None:
            raise ValueError(f"{type(self).__name__} was built without model storage, so it cannot train")
        texts = {m.get(TEXT) for m in training_data.training_examples if isinstance(m.get(TEXT), str)}
        with self._model_storage.write_to(self._resource) as directory:
            (Path(directory) / PUBLIC_TEXTS_FILE).write_bytes(pack_digests(t for t in texts if t))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        messages = training_data.training_examples
        processes = int(self._config["training_processes"]) or default_processes()
        distinct = sorted({m.get(a) for a in self.attributes for m in self._featurisable(messages, a)})
        if worth_parallel(len(distinct), processes):
            vectors = encode_in_processes(str(self._config["encoder"]), distinct, processes)
            known = dict(zip(distinct, vectors, strict=True))
            self._add_features(messages, lambda texts: np.stack([known[text] for text in texts]))
        else:
            self.process(messages)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._add_features(messages, self.encoder.encode)
        return messages

    @staticmethod
    def _featurisable(messages: list[Message], attribute: str) -> list[Message]:
        return [m for m in messages if isinstance(m.get(attribute), str) and m.get(TOKENS_NAMES[attribute])]

    def _add_features(self, messages: list[Message], encode: Callable[[list[str]], np.ndarray]) -> None:
        for attribute in self.attributes:
            todo = self._featurisable(messages, attribute)
            if not todo:
                continue
            vectors = encode([m.get(attribute) for m in todo])
            for message, vector in zip(todo, vectors, strict=True):
                tokens = message.get(TOKENS_NAMES[attribute])
                self.add_features_to_message(
                    sequence=np.zeros((len(tokens), 1), dtype=np.float32),
                    sentence=(self.scale * vector).reshape(1, -1),
                    attribute=attribute,
                    message=message,
                )
