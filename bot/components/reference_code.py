"""ReferenceCodeIntent: a message that carries a concern reference code is about that concern.

Codes look like ``K7Q-4MX-P2D`` (three groups of three from an unambiguous alphabet). The
classifier cannot learn every random code, so this component sets ``concern_followup`` when a
code is present (found by ``concerns.references.find_references``, the rule the actions and the
store use too), unless a crisis was recognised (crisis guidance always wins).
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import IntentOverride
from concerns.references import find_references
from safety.crisis_intents import is_crisis

FOLLOWUP_INTENT = "concern_followup"
CONTEXT_WORDS = re.compile(r"\b(?:concern|reference|ref|code|status|report)\b", re.IGNORECASE)


def has_reference_code(text: str) -> bool:
    """A valid code with a digit; an all-letter one only typed in groups and beside a word like
    "concern" (an unbroken nine-letter run such as "something" is taken for a word)."""
    text = text or ""
    for found in find_references(text):
        if found.has_digit or (found.separated and CONTEXT_WORDS.search(text)):
            return True
    return False


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ReferenceCodeIntent(IntentOverride):
    """Sets ``concern_followup`` when a message carries a concern reference code."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            current = (message.get(INTENT) or {}).get("name", "")
            if is_crisis(current) or not has_reference_code(message.get(TEXT) or ""):
                continue
            message.set(INTENT, {"name": FOLLOWUP_INTENT, "confidence": 1.0}, add_to_output=True)
            ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != FOLLOWUP_INTENT]
            ranking.insert(0, {"name": FOLLOWUP_INTENT, "confidence": 1.0})
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
