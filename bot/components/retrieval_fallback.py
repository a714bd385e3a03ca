"""RetrievalConfidenceFallback: when the answer to a question is a guess, say so instead.

The FallbackClassifier looks only at the intent. For ``faq`` the intent can be certain while the
ResponseSelector is unsure which answer fits (nonsense and off-topic text often land here), so a
low answer confidence also becomes ``nlu_fallback``: say we are not sure and offer the menu.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import IntentOverride


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class RetrievalConfidenceFallback(IntentOverride):
    """Turns a low-confidence FAQ answer into ``nlu_fallback``."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"retrieval_intent": "faq", "threshold": 0.5}

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        super().__init__(config)
        self.retrieval_intent = str(self.config["retrieval_intent"])
        self.threshold = float(self.config["threshold"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != self.retrieval_intent:
                continue
            selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(self.retrieval_intent) or {}
            confidence = float((selected.get("response") or {}).get("confidence") or 0.0)
            if confidence >= self.threshold:
                continue
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": self.threshold}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
        return messages
