"""Teach the classifiers to answer from the sentence encoder alone when the word features are blank.

Word and character n-gram counts help in English (text-speak, typos) but are nearly empty for a
message in Polish or Urdu, whose words the training data never had. A classifier trained with
both learns to lean on the counts, and then a message in another language, which only the
multilingual sentence vector describes, is lost. So in training each example is also shown once
more with its sparse (count) text features all zero, as if no word of it were known: the classifier
must then also classify from the sentence vector alone. Replies are unchanged (this component
does nothing outside training). Measured in docs/README-nlu.md.

Runs after ``SentenceFeaturesOnly`` (only sentence-level features are left to blank) and before
the classifiers.
"""

from __future__ import annotations

from typing import Any

import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


def blank_sparse_text(features: list[Features]) -> list[Features]:
    """The same features with every sparse text feature replaced by zeros of the same shape."""
    out = []
    for feature in features:
        if feature.attribute == TEXT and feature.is_sparse():
            zeros = scipy.sparse.coo_matrix(feature.features.shape, dtype=feature.features.dtype)
            feature = Features(zeros, feature.type, feature.attribute, feature.origin)
        out.append(feature)
    return out


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class DenseOnlyCopies(GraphComponent):
    """Adds, in training only, a copy of each intent example with its sparse text features blank."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DenseOnlyCopies:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        copies = [
            Message(data=dict(m.data), output_properties=set(m.output_properties), time=m.time,
                    features=blank_sparse_text(m.features))
            for m in training_data.training_examples
            if m.get(INTENT) and any(f.attribute == TEXT and f.is_sparse() for f in m.features)
        ]
        training_data.training_examples.extend(copies)
        # TrainingData caches views of its examples (intent_examples, nlu_examples...): drop them.
        for name in [n for n in vars(training_data) if n.startswith("_lazy_")]:
            delattr(training_data, name)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        return messages
