"""Response generation: directory contact details, and the person's language.

Responses in the domain never spell out a phone number, web address or opening time; they say
``{phone:national-domestic-abuse-helpline}``, ``{url:...}`` or ``{hours:...}`` and this generator
fills the value from the directory records at the moment the response is sent. Editing a record
therefore changes every answer that mentions that service.

Languages (issue 12, docs/README-languages.md): Rasa's conditional variations on the ``language`` slot
choose the translation. When several conditional variations match (a Polish topic menu has the
conditions topic + language, the English one topic only), the most specific wins. Then the register
of translations (content/translations.yml) decides what is sent: a *stale* translation is replaced by
the English text plus a line in the person's language saying it is being updated; an *unreviewed*
one gets a line saying no person has checked it yet. Every response carries
``custom: {"lang", "dir", "language"}``: the language of its text, the text direction and the
conversation's language, for the web widget (bot/channels/rest.py folds it into the message).
"""

from __future__ import annotations

import copy
import logging
import random
from typing import Any

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.components.language import UNSUPPORTED_ENTITY, UNSUPPORTED_INTENT
from content.languages import DEFAULT_LANGUAGE, direction
from content.tokens import ContactTokens, contact_tokens
from content.translation import (
    RegisterCache,
    english_variation,
    response_key,
    source_of,
    ui_string,
    variation_hash,
    variation_language,
)
from safety.crisis_intents import is_crisis
from ssgp_settings import Settings, get_settings

logger = logging.getLogger(__name__)

#: Responses that get the "Language" button (the language menu), in the person's language.
MENU_RESPONSES = frozenset({"utter_menu", "utter_greet"})
#: What a message in a language we do not answer in gets (999 first, our languages, interpreters).
UNSUPPORTED_RESPONSE = "utter_unsupported_language"
LANGUAGE_MENU_PAYLOAD = "/language_menu"


def current_tokens(settings: Settings | None = None) -> ContactTokens:
    return contact_tokens((settings or get_settings()).directory_path)


def language_marker(text_language: str, conversation_language: str) -> dict[str, str]:
    """The custom payload that tells the web app the language and direction of a message."""
    return {"lang": text_language, "dir": direction(text_language), "language": conversation_language}


def first_reply_to_unsupported(tracker: DialogueStateTracker) -> bool:
    """The first reply to a message the detector found in an unsupported language, which the
    classifier answered (not a crisis: crisis guidance is already 999 first)."""
    latest = tracker.latest_message
    if latest is None or not any(e.get("entity") == UNSUPPORTED_ENTITY for e in latest.entities or []):
        return False
    if is_crisis(latest.intent.get("name")) or latest.intent.get("name") == UNSUPPORTED_INTENT:
        return False
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, UserUttered):
            return True
    return False


def with_notice(text: str, notice: str) -> str:
    return f"{text}\n\n{notice}" if text else notice


class DirectoryNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG plus directory contact tokens and the translation rules."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self._settings = get_settings()
        self._register = RegisterCache()

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if response is None or utter_action == UNSUPPORTED_RESPONSE or not first_reply_to_unsupported(tracker):
            return response
        # The classifier understood a message in a language we do not answer in (the multilingual
        # sentence vector places many): its answer is in English, which the person may not read, so
        # the three things come first (issue 12: 999, our languages, interpreters).
        notice = self.generate_from_slots(UNSUPPORTED_RESPONSE, tracker.current_slot_values(), output_channel)
        if notice and notice.get("text"):
            response["text"] = f"{notice['text']}\n\n{response.get('text') or ''}".rstrip()
        return response

    def _response_variables(self, filled_slots: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        values = current_tokens(self._settings)
        values.update({k: v for k, v in (filled_slots or {}).items()})
        values.update(kwargs)
        return values

    def _random_response_for(
        self, utter_action: str, output_channel: str, filled_slots: dict[str, Any]
    ) -> dict[str, Any] | None:
        if utter_action not in self.responses:
            return None
        suitable = ResponseVariationFilter(self.responses).responses_for_utter_action(
            utter_action, output_channel, filled_slots
        )
        if not suitable:
            return None
        # The most specific matching variation: a translation (its conditions plus the language)
        # beats the English variation it translates, which also matches.
        most = max(len(r.get("condition") or []) for r in suitable)
        return random.choice([r for r in suitable if len(r.get("condition") or []) == most])  # noqa: S311 - not security

    def generate_from_slots(
        self, utter_action: str, filled_slots: dict[str, Any], output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        chosen = self._random_response_for(utter_action, output_channel, filled_slots)
        if chosen is None:
            return None
        language = str((filled_slots or {}).get("language") or DEFAULT_LANGUAGE)
        response, text_language, notice = self._localise(utter_action, chosen)
        filled = self._fill_response(copy.deepcopy(response), filled_slots, **kwargs)
        if notice:
            filled["text"] = with_notice(str(filled.get("text") or ""), notice)
        if utter_action in MENU_RESPONSES and filled.get("buttons"):
            title = ui_string("language_menu", language) or "Language"
            filled["buttons"] = [*filled["buttons"], {"title": title, "payload": LANGUAGE_MENU_PAYLOAD}]
        custom = filled.get("custom") if isinstance(filled.get("custom"), dict) else {}
        filled["custom"] = {**custom, **language_marker(text_language, language)}
        return filled

    def _localise(self, name: str, chosen: dict[str, Any]) -> tuple[dict[str, Any], str, str | None]:
        """The variation to send, the language of its text, and the notice line to add (if any)."""
        language = variation_language(chosen)
        if language is None:
            return chosen, DEFAULT_LANGUAGE, None
        variations = self.responses[name]
        position = next(i for i, v in enumerate(variations) if v is chosen)
        number = source_of(variations, position)
        english = english_variation(variations, number) if number is not None else None
        if english is None:  # a translation with no English to check it against: send it, flagged
            return chosen, language, ui_string("translation_unreviewed", language)
        resolution = self._register.resolve(response_key(name, number), language, variation_hash(english))
        if not resolution.use_translation:
            logger.warning("stale translation %s (%s): sending the English", response_key(name, number), language)
            return english, DEFAULT_LANGUAGE, resolution.notice
        return chosen, language, resolution.notice
