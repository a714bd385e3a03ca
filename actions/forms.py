"""A base for our form validators: free-text extraction that never swallows a crisis or a cancel."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.forms import FormValidationAction

# Intents that must reach the rules (crisis guidance, cancel) instead of filling a slot.
NOT_SLOT_VALUES = frozenset(
    {"crisis_danger", "crisis_cannot_speak", "crisis_suicide", "crisis_child", "cancel"}
)
MAX_ANSWER_CHARS = 2000


class SafeFormValidationAction(FormValidationAction):
    """Shared helpers for forms whose answers are typed or chosen from buttons."""

    def name(self) -> str:  # pragma: no cover - subclasses name themselves
        raise NotImplementedError

    @staticmethod
    def answer_for(tracker: Tracker, slot: str, *, also_on_activation: bool = False) -> str | None:
        """The latest message text if it answers ``slot`` (and is not a crisis or cancel)."""
        requested = tracker.get_slot("requested_slot")
        if requested != slot and not (also_on_activation and requested is None):
            return None
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in NOT_SLOT_VALUES:
            return None
        text = (tracker.latest_message.get("text") or "").strip()
        if not text or text.startswith("/"):
            return None
        return text[:MAX_ANSWER_CHARS]
