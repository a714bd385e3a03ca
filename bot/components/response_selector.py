"""Rasa's ResponseSelector without a second, redundant deduplication of its training examples.

Rasa's ResponseSelector keeps the examples of its retrieval intent with
``TrainingData.filter_training_examples``, which builds a new ``TrainingData`` and so drops
duplicates again by hashing every example together with all its feature matrices: about 15 s of
each training here (bot/components/unique_examples.py says why it need not). Like our DIET, it can
train in a process of its own (bot/components/background_training.py). Everything else is Rasa's.
The class keeps Rasa's name so that anything in Rasa that looks it up by name still finds it.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors import response_selector
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.model_data import RasaModelData

from bot.components.background_training import TrainsInBackground
from bot.components.unique_examples import ExamplesAlreadyUnique


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ResponseSelector(TrainsInBackground, response_selector.ResponseSelector):
    """Rasa's ResponseSelector, filtering its training examples without re-hashing them."""

    def preprocess_train_data(self, training_data: TrainingData) -> RasaModelData:
        return super().preprocess_train_data(ExamplesAlreadyUnique(training_data))

