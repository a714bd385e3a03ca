"""Logging a concern anonymously, and adding to it or checking it later by reference code.

The actions only collect answers and call the concern store (``concerns``); redaction, storage
and reference codes are the store's job. After anything is saved, ``scrub_history`` asks the
tracker store to remove the conversation's text, so the unredacted words are not kept.
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
from actions.forms import SafeFormValidationAction
from actions.prompts import say_prompt
from concerns import ConcernService, InvalidConcern, StoreUnavailable
from concerns.areas import match_area
from concerns.db import resolve_database_url
from concerns.redaction import describe_removed
from concerns.references import format_reference, normalise_reference
from concerns.vocab import CATEGORY_LABELS, STATUS_DESCRIPTIONS, normalise_when

CONCERN_SLOTS = (
    "concern_safe", "concern_category", "concern_area", "concern_when",
    "concern_what", "concern_extra", "concern_confirm",
)
NOTHING = "nothing else"
SKIP_AREA = "prefer not to say"

# Typed answers -> categories, checked in order; the buttons send the labels themselves.
CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"cuckoo|drug|dealer|dealing|county lines|crack|heroin|weed|cannabis", "cuckooing_drugs"),
    (r"child|kid|young|teen|exploit|groom|missing|school", "child_at_risk"),
    (r"domestic|partner|husband|wife|boyfriend|girlfriend|controlling|coercive", "domestic_abuse"),
    (r"hate|racis|homophob|transphob|religio|disab", "hate_crime"),
    (r"drinking|drunk|begging|beg\b|street drink|alcohol", "street_drinking_begging"),
    (r"anti.?social|asb|noise|vandal|graffiti|nuisance|youths|fly.?tip", "antisocial_behaviour"),
    (r"something else|other|else", "other"),
)
YES = re.compile(r"^(?:y|yes|yeah|yep|yup|sure|ok|okay|send|send it|submit|go ahead|please do)\b", re.I)
NO = re.compile(r"^(?:n|no|nope|nah|don't|do not|not really|none|no one|nobody|carry on)\b", re.I)
STATUS_WORDS = re.compile(r"\b(?:status|progress|update|happened|check|what's happening|any news)\b", re.I)
REFERENCE_CANDIDATE = re.compile(r"\b[A-Za-z0-9]{3}[\s\-‐–—_.]?[A-Za-z0-9]{3}[\s\-‐–—_.]?[A-Za-z0-9]{3}\b")


@lru_cache(maxsize=4)
def _service(database_url: str) -> ConcernService:
    return ConcernService(database_url)


def concern_service() -> ConcernService:
    return _service(resolve_database_url(settings()))


async def call_store(dispatcher: CollectingDispatcher, method: Any, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    """Run a blocking store call off the event loop. On failure, tell the person plainly.

    Returns (succeeded, result). The store commits in one transaction, so a failure leaves nothing.
    """
    try:
        return True, await asyncio.to_thread(method, *args, **kwargs)
    except StoreUnavailable:
        say_prompt(dispatcher, "concern_store_down")
    except InvalidConcern as problem:
        say_prompt(dispatcher, "concern_invalid", reason=str(problem))
    return False, None


def category_for(text: str) -> str | None:
    low = text.lower()
    for key, label in CATEGORY_LABELS.items():
        if low == label.lower():
            return key
    for pattern, key in CATEGORY_WORDS:
        if re.search(pattern, low):
            return key
    return None


def find_reference(text: str) -> str | None:
    for match in REFERENCE_CANDIDATE.finditer(text or ""):
        code = normalise_reference(match.group(0))
        if code:
            return code
    return None


def removed_sentence(removed: list[str]) -> str:
    if not removed:
        return "I didn't find any names, numbers or addresses to remove."
    return f"To protect everyone's privacy, I removed {describe_removed(removed)} before saving."


def scrub_events() -> list[dict[str, Any]]:
    """Clear every answer and ask the tracker store to remove this conversation's text."""
    slots = [*CONCERN_SLOTS, "concern_reference", "concern_addition"]
    return [SlotSet(slot, None) for slot in slots] + [SlotSet("scrub_history", True)]


class ValidateConcernForm(SafeFormValidationAction):
    def name(self) -> str:
        return "validate_concern_form"

    async def extract_concern_safe(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_safe")
        if text is None:
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm" or (YES.match(text) and not NO.match(text)):
            # Danger first: the guidance comes before any more questions.
            say_prompt(dispatcher, "concern_in_danger_now")
            return {"concern_safe": "danger reported"}
        return {"concern_safe": "checked"}

    async def extract_concern_category(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_category")
        if text is None:
            return {}
        category = category_for(text)
        if category is None:
            say_prompt(dispatcher, "concern_category_unclear")
            return {}
        return {"concern_category": category}

    async def extract_concern_area(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_area")
        if text is None:
            return {}
        # Only a known ward or coarse place is kept; anything else (a street, a door number) is dropped.
        return {"concern_area": match_area(text) or SKIP_AREA}

    async def extract_concern_when(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_when")
        return {} if text is None else {"concern_when": normalise_when(text)}

    async def extract_concern_what(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_what")
        return {} if text is None else {"concern_what": text}

    async def extract_concern_extra(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_extra")
        if text is None:
            return {}
        return {"concern_extra": "" if NO.match(text) or text.lower() == NOTHING else text}

    async def extract_concern_confirm(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_confirm")
        if text is None:
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        yes = intent == "affirm" or bool(YES.match(text))
        return {"concern_confirm": "yes" if yes else "no"}


class ActionAskConcernConfirm(Action):
    """Shows a summary of the answers and asks whether to send."""

    def name(self) -> str:
        return "action_ask_concern_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        extra = tracker.get_slot("concern_extra")
        lines = [
            f"- **About:** {CATEGORY_LABELS.get(tracker.get_slot('concern_category') or 'other')}",
            f"- **Where:** {tracker.get_slot('concern_area') or SKIP_AREA}",
            f"- **When:** {tracker.get_slot('concern_when') or 'not sure'}",
            f"- **What is happening:** {tracker.get_slot('concern_what') or ''}",
        ]
        if extra:
            lines.append(f"- **Anything else:** {extra}")
        say_prompt(dispatcher, "concern_confirm", summary="\n".join(lines))
        return []


class ActionSubmitConcern(Action):
    """Saves the concern (committed before the person is told) and gives the reference code."""

    def name(self) -> str:
        return "action_submit_concern"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("concern_confirm") != "yes":
            say_prompt(dispatcher, "concern_not_sent")
            return scrub_events()
        saved, receipt = await call_store(
            dispatcher,
            concern_service().submit,
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
            reference=receipt.reference,
            removed=removed_sentence(list(receipt.removed_kinds)),
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
            say_prompt(dispatcher, "concern_reference_needed")
            return []
        answered, status = await call_store(dispatcher, concern_service().status, code)
        if not answered:
            return []
        if status is None:
            say_prompt(dispatcher, "concern_reference_unknown")
            return []
        if STATUS_WORDS.search(text):
            say_prompt(
                dispatcher,
                "concern_status",
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
        say_prompt(dispatcher, "concern_addition", reference=reference)
        return []


class ValidateConcernAdditionForm(SafeFormValidationAction):
    def name(self) -> str:
        return "validate_concern_addition_form"

    async def extract_concern_addition(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "concern_addition")
        return {} if text is None else {"concern_addition": text}


class ActionSubmitConcernAddition(Action):
    def name(self) -> str:
        return "action_submit_concern_addition"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        code = tracker.get_slot("concern_reference") or ""
        saved, result = await call_store(
            dispatcher, concern_service().add_information_receipt, code, tracker.get_slot("concern_addition") or ""
        )
        if not saved:
            return scrub_events()
        if not result:
            say_prompt(dispatcher, "concern_reference_unknown")
            return scrub_events()
        removed = list(getattr(result, "removed_kinds", []) or [])
        say_prompt(
            dispatcher, "concern_addition_saved", reference=format_reference(code), removed=removed_sentence(removed)
        )
        return scrub_events()
