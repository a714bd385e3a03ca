"""Rasa's DIETClassifier, able to train in a process of its own (bot/components/background_training.py).

Everything it learns and predicts is Rasa's. The class keeps Rasa's name so that anything in Rasa
that looks it up by name still finds it.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers import diet_classifier

from bot.components.background_training import TrainsInBackground


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class DIETClassifier(TrainsInBackground, diet_classifier.DIETClassifier):
    """Rasa's DIETClassifier; with background training enabled it trains beside the graph."""
