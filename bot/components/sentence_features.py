"""Keep only sentence-level text features for classifiers that never look at token positions.

With ``number_of_transformer_layers: 0``, DIET and the ResponseSelector classify a message from
its sentence position alone: their feed-forward layers run on every token position, but nothing
joins the token positions to the sentence, so token-level features cannot change a prediction.
They only cost time: about half of each classifier's training here (docs/README-bench.md).
Rasa insists on some token-level text features, so this component swaps them for one constant,
one-position feature. It refuses a pipeline in which a classifier has transformer layers,
because there the token features matter.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

TRANSFORMER_LAYERS = "number_of_transformer_layers"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class SentenceFeaturesOnly(GraphComponent):
    """Replaces a message's token-level text features with a single constant one."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceFeaturesOnly:
        for name, node in execution_context.graph_schema.nodes.items():
            if isinstance(node.uses, type) and issubclass(node.uses, DIETClassifier):
                settings = {**node.uses.get_default_config(), **node.config}
                if settings.get(TRANSFORMER_LAYERS):
                    raise InvalidConfigException(
                        f"{cls.__name__} drops token-level features, but {name} has "
                        f"{settings[TRANSFORMER_LAYERS]} transformer layers that would read them."
                        f" Set {TRANSFORMER_LAYERS}: 0 or remove {cls.__name__}."
                    )
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not any(f.attribute == TEXT for f in message.features):
                continue
            message.features = [
                f for f in message.features
                if not (f.attribute == TEXT and f.type == FEATURE_TYPE_SEQUENCE)
            ]
            message.add_features(
                Features(np.zeros((1, 1), dtype=np.float32), FEATURE_TYPE_SEQUENCE, TEXT,
                         type(self).__name__)
            )
        return messages
