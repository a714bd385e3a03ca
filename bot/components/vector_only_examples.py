"""Hold back training examples meant for the sentence-vector classifiers alone from everything after them.

Two kinds of example are marked with intent-block metadata:

- ``crisis_signal_only: true`` (``data/nlu/crisis_signal/``): crises told as acts, and everyday words
  that only sound alarming. They train ``CrisisVectorSignal`` only. Given to DIET too, they caught the
  same crises on the validation batches but made the intent classifier read calm questions about
  teenagers or neighbours as child crises, and lose short replies to the fallback.
- ``intent_vector_only: true`` (``data/nlu/voices.yml``): everyday questions in the voices of frontline
  staff, young people and text-speak. They train ``VectorIntentModel`` only. Given to DIET too, they
  answered more questions right on the validation batches but DIET then read radiator and bus-pass
  questions as crises and lost crises it had caught (docs/README-nlu.md).

Each sentence-vector classifier sits before this component and leaves out the other's examples;
this component removes both kinds from the training data that flows on, so the count featurisers,
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

from bot.components.unique_examples import keep_examples

#: The intent-block metadata key that marks an example as the crisis signal's alone.
SIGNAL_ONLY = "crisis_signal_only"
#: The intent-block metadata key that marks an example as the sentence-vector intent model's alone.
INTENT_VECTOR_ONLY = "intent_vector_only"


def _marked(message: Message, key: str) -> bool:
    intent_metadata = (message.get(METADATA) or {}).get(METADATA_INTENT) or {}
    return isinstance(intent_metadata, dict) and intent_metadata.get(key) is True


def is_signal_only(message: Message) -> bool:
    return _marked(message, SIGNAL_ONLY)


def is_intent_vector_only(message: Message) -> bool:
    return _marked(message, INTENT_VECTOR_ONLY)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class VectorOnlyExamples(GraphComponent):
    """Drops ``crisis_signal_only`` and ``intent_vector_only`` examples from the training data passed on."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> VectorOnlyExamples:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return keep_examples(
            training_data,
            lambda example: not (is_signal_only(example) or is_intent_vector_only(example))
        )

    def process(self, messages: list[Message]) -> list[Message]:
        return messages  # nothing to do for a message being answered
