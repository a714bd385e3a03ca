"""Saving a concern, and adding to it or checking it later by reference code.

The form that collects the answers is in ``actions.concern_form``. These actions only call the
concern store (``concerns``); redaction, storage and reference codes are the store's job. After
anything is saved, ``scrub_history`` asks the tracker store to remove the conversation's text, so
the unredacted words are not kept.
"""

from __future__ import annotations

import asyncio
import re
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import settings
from actions.prompts import language_of, localised, say_prompt
from actions.service_labels import words
from concerns import ConcernService, InvalidConcern, StoreUnavailable
from concerns.redaction import describe_removed
from concerns.references import find_reference, format_reference
from concerns.vocab import STATUS_DESCRIPTIONS
from content.languages import DEFAULT_LANGUAGE

CONCERN_SLOTS = (
    "concern_safe", "concern_category", "concern_area", "concern_when",
    "concern_what", "concern_extra", "concern_confirm",
)
STATUS_WORDS = re.compile(r"\b(?:status|progress|update|happened|check|what's happening|any news)\b", re.I)


@lru_cache(maxsize=4)
def _service(database_url: str) -> ConcernService:
    return ConcernService(database_url)


def concern_service() -> ConcernService:
    return _service(settings().database_url)


async def call_store(
    dispatcher: CollectingDispatcher, method: Any, *args: Any, language: str | None = None, **kwargs: Any
) -> tuple[bool, Any]:
    """Run a blocking store call off the event loop. On failure, tell the person plainly.

    Returns (succeeded, result). The store commits in one transaction, so a failure leaves nothing.
    """
    try:
        return True, await asyncio.to_thread(method, *args, **kwargs)
    except StoreUnavailable:
        say_prompt(dispatcher, "concern_store_down", language=language)
    except InvalidConcern as problem:
        say_prompt(dispatcher, "concern_invalid", language=language, reason=str(problem))
    return False, None


def text_language(prompt: str, tracker: Tracker) -> str:
    """The language the prompt will actually be sent in (English when it has no current translation)."""
    return localised(prompt, language_of(tracker))[2]


def removed_sentence(removed: list[str], language: str = DEFAULT_LANGUAGE) -> str:
    if language != DEFAULT_LANGUAGE:
        # The kinds list is English wording, so other languages get the general sentence.
        return words(language, "concern_removed_some" if removed else "concern_removed_none")[0]
    if not removed:
        return "I didn't find any names, numbers or addresses to remove."
    return f"To protect everyone's privacy, I removed {describe_removed(removed)} before saving."


def scrub_events() -> list[dict[str, Any]]:
    """Clear every answer and ask the tracker store to remove this conversation's text."""
    slots = [*CONCERN_SLOTS, "concern_reference", "concern_addition"]
    return [SlotSet(slot, None) for slot in slots] + [SlotSet("scrub_history", True)]


class ActionSubmitConcern(Action):
    """Saves the concern (committed before the person is told) and gives the reference code."""

    def name(self) -> str:
        return "action_submit_concern"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("concern_confirm") != "yes":
            say_prompt(dispatcher, "concern_not_sent", language=language_of(tracker))
            return scrub_events()
        saved, receipt = await call_store(
            dispatcher,
            concern_service().submit,
            language=language_of(tracker),
            category=tracker.get_slot("concern_category") or "other",
            area=tracker.get_slot("concern_area"),
            when=tracker.get_slot("concern_when") or "not sure",
            what=tracker.get_slot("concern_what") or "",
            extra=tracker.get_slot("concern_extra") or "",
        )
        if not saved:
            return scrub_events()
        say_prompt(
            dispatcher,
            "concern_logged",
            language=language_of(tracker),
            reference=receipt.reference,
            removed=removed_sentence(list(receipt.removed_kinds), text_language("concern_logged", tracker)),
        )
        return scrub_events()


class ActionConcernFollowup(Action):
    """"I have more about concern K7Q-4MX-P2D" or "status of K7Q-4MX-P2D"."""

    def name(self) -> str:
        return "action_concern_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        code = find_reference(text)
        if code is None:
            say_prompt(dispatcher, "concern_reference_needed", language=language_of(tracker))
            return []
        answered, status = await call_store(dispatcher, concern_service().status, code, language=language_of(tracker))
        if not answered:
            return []
        if status is None:
            say_prompt(dispatcher, "concern_reference_unknown", language=language_of(tracker))
            return []
        if STATUS_WORDS.search(text):
            say_prompt(
                dispatcher,
                "concern_status",
                language=language_of(tracker),
                reference=format_reference(code),
                status=STATUS_DESCRIPTIONS.get(status, status),
            )
            return []
        return [SlotSet("concern_reference", code), FollowupAction("concern_addition_form")]


class ActionAskConcernAddition(Action):
    def name(self) -> str:
        return "action_ask_concern_addition"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reference = format_reference(tracker.get_slot("concern_reference") or "")
        say_prompt(dispatcher, "concern_addition", language=language_of(tracker), reference=reference)
        return []


class ActionSubmitConcernAddition(Action):
    def name(self) -> str:
        return "action_submit_concern_addition"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        code = tracker.get_slot("concern_reference") or ""
        saved, result = await call_store(
            dispatcher, concern_service().add_information_receipt, code, tracker.get_slot("concern_addition") or "",
            language=language_of(tracker),
        )
        if not saved:
            return scrub_events()
        if not result:
            say_prompt(dispatcher, "concern_reference_unknown", language=language_of(tracker))
            return scrub_events()
        removed = list(getattr(result, "removed_kinds", []) or [])
        say_prompt(
            dispatcher, "concern_addition_saved", language=language_of(tracker),
            reference=format_reference(code),
            removed=removed_sentence(removed, text_language("concern_addition_saved", tracker)),
        )
        return scrub_events()
