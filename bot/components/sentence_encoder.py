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
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
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


@lru_cache(maxsize=4)
def shared_encoder(name: str) -> SentenceEncoder:
    """One loaded encoder per process (training builds the component more than once)."""
    return load_encoder(name)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
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
        return {
            **DenseFeaturizer.get_default_config(),
            "encoder": DEFAULT_ENCODER,
            "scale": 20.0,
            "training_processes": 0,
            "featurise_responses": False,
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Fail early, at training, on an encoder name nobody can load."""
        from bot.encoders import DEFAULT_ENCODER as known

        if config.get("encoder", known) != known:
            raise ValueError(f"{cls.__name__}: unknown encoder {config.get('encoder')!r}; known: {known}")

    def __init__(self, config: dict[str, Any], name: str, encoder: SentenceEncoder | None = None) -> None:
        super().__init__(name, config)
        self.encoder = encoder or shared_encoder(str(self._config["encoder"]))
        self.scale = float(self._config["scale"])
        self.attributes = (TEXT, RESPONSE) if self._config["featurise_responses"] else (TEXT,)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEncoderFeaturizer:
        return cls({**cls.get_default_config(), **config}, execution_context.node_name)

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
