"""Hold back training examples meant for ``CrisisVectorSignal`` alone from everything after it.

``data/nlu/crisis_signal/`` holds crises told as acts and everyday words that only sound alarming,
each intent block marked with the metadata ``crisis_signal_only: true``. Given to DIET too, they
caught the same crises on the validation batches but made the intent classifier read calm questions
about teenagers or neighbours as child crises, and lose short replies to the fallback
(docs/README-nlu.md). Placed in the pipeline after ``CrisisVectorSignal`` and before the count
featurisers, this component removes them from the training data that flows on, so the featurisers,
DIET and the ResponseSelector are trained exactly as without them. It changes nothing at run time.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import METADATA, METADATA_INTENT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

#: The intent-block metadata key that marks an example as the crisis signal's alone.
SIGNAL_ONLY = "crisis_signal_only"


def is_signal_only(message: Message) -> bool:
    intent_metadata = (message.get(METADATA) or {}).get(METADATA_INTENT) or {}
    return isinstance(intent_metadata, dict) and intent_metadata.get(SIGNAL_ONLY) is True


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SignalOnlyExamples(GraphComponent):
    """Drops ``crisis_signal_only`` examples from the training data passed down the pipeline."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SignalOnlyExamples:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data.filter_training_examples(lambda example: not is_signal_only(example))

    def process(self, messages: list[Message]) -> list[Message]:
        return messages  # nothing to do for a message being answered
