"""The message's language (issue 12): an entity for the ``language`` slot, and the intents it implies.

``LanguageDetector`` runs right after the tokenizer. It applies the rules of
content/language_detection.py (switch words, romanised Urdu, three words or fewer never switch,
lingua with a minimum relative distance) and adds:

- entity ``language`` (ISO 639-1) when the message shows a supported language; the slot mapping
  ``from_entity`` copies it into the ``language`` slot, so the conversation switches;
- entity ``unsupported_language`` when it recognises a language we do not answer in.

NLU components do not see the conversation, so the detector only says what this message shows;
"switching" is the slot taking the new value.

``LanguageIntent`` runs after the classifiers and before the crisis safety net: a bare switch word
("Polski", "English please") means ``choose_language``, and a message in an unsupported language
means ``unsupported_language`` (crisis line, our languages, interpreters) instead of a guess or the
bare fallback; so does romanised Urdu that the classifier could not place (it must never get the
fallback). A crisis intent is never replaced, and the safety net still has the last word.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import IntentOverride
from content.language_detection import DETECTOR, decide
from safety.crisis_intents import is_crisis

logger = logging.getLogger(__name__)

LANGUAGE_ENTITY = "language"
UNSUPPORTED_ENTITY = "unsupported_language"
CHOOSE_INTENT = "choose_language"
UNSUPPORTED_INTENT = "unsupported_language"
#: Message properties (not output) for LanguageIntent: a bare switch word; romanised Urdu.
SWITCH_WORD_KEY = "language_switch_word"
ROMAN_URDU_KEY = "language_romanised_urdu"


def _entity(name: str, value: str, text: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(text), "confidence_entity": 1.0,
            "extractor": LanguageDetector.__name__}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Adds the ``language`` / ``unsupported_language`` entities from the message's own language."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # lingua's high-accuracy models cost about 700 MB per process for our 29 candidate
        # languages; low-accuracy mode about 70 MB (docs/README-languages.md has the measurements).
        return {"low_accuracy": True}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = {**self.get_default_config(), **(config or {})}
        DETECTOR.configure(bool(self.config["low_accuracy"]))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        component = cls(config)
        DETECTOR.get()  # build it now (about 0.6 s), not while the first person waits
        return component

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not text.strip() or text.startswith("/"):
            return  # empty, or a button payload (Rasa reads its intent and entities itself)
        try:
            decision = decide(text, None)
        except Exception:
            logger.exception("language detection failed")
            return
        entities = list(message.get(ENTITIES) or [])
        if decision.unsupported:
            entities.append(_entity(UNSUPPORTED_ENTITY, decision.unsupported, text))
        elif decision.detected:
            entities.append(_entity(LANGUAGE_ENTITY, decision.detected, text))
        else:
            return
        message.set(ENTITIES, entities, add_to_output=True)
        if decision.reason == "switch word":
            message.set(SWITCH_WORD_KEY, True)
        elif decision.reason == "romanised urdu":
            message.set(ROMAN_URDU_KEY, True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageIntent(IntentOverride):
    """A bare switch word means choose_language; an unsupported language means unsupported_language."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            current = (message.get(INTENT) or {}).get("name", "")
            if is_crisis(current):
                continue
            if message.get(SWITCH_WORD_KEY):
                self._set_intent(message, CHOOSE_INTENT)
            elif current == DEFAULT_NLU_FALLBACK_INTENT_NAME and any(
                e.get("entity") == UNSUPPORTED_ENTITY for e in message.get(ENTITIES) or []
            ):
                # Only where the classifier could not place the message (it would get the bare
                # fallback): a message it understood keeps its answer, even if the detector
                # mistook its language.
                self._set_intent(message, UNSUPPORTED_INTENT)
            elif message.get(ROMAN_URDU_KEY) and current == DEFAULT_NLU_FALLBACK_INTENT_NAME:
                # Romanised Urdu the classifier could not place never gets the bare fallback: the
                # same reply as an unsupported language (999 first, our languages incl. اردو, and
                # interpreters), which invites the person to choose Urdu.
                self._set_intent(message, UNSUPPORTED_INTENT)
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str) -> None:
        message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
        ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != name]
        ranking.insert(0, {"name": name, "confidence": 1.0})
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
