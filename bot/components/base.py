"""The shared shape of our rule-based NLU components that run after the classifiers.

Each one reads what DIET and the ResponseSelector decided and may override the intent; none of
them learns anything, so they share creation and configuration here and each keeps only its own
``process``. (Each subclass still needs its own ``@DefaultV1Recipe.register``.)
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.training_data.message import Message


class IntentOverride(GraphComponent, IntentClassifier):
    """A non-trainable component that may replace the classifier's intent."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverride:
        return cls(config)

    @abstractmethod
    def process(self, messages: list[Message]) -> list[Message]: ...
