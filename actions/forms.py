"""A base for our form validators: free-text extraction that never swallows a crisis or a cancel."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.forms import FormValidationAction

from content import load_prompts

# Intents that must reach the rules (crisis guidance, cancel) instead of filling a slot.
NOT_SLOT_VALUES = frozenset(
    {"crisis_danger", "crisis_cannot_speak", "crisis_suicide", "crisis_child", "cancel"}
)
MAX_ANSWER_CHARS = 2000


class SafeFormValidationAction(FormValidationAction, metaclass=ABCMeta):
    """Shared helpers for forms whose answers are typed or chosen from buttons.

    Abstract, so rasa-sdk registers only the concrete validators.
    """

    @abstractmethod
    def name(self) -> str: ...

    @staticmethod
    def answer_for(tracker: Tracker, slot: str, *, also_on_activation: bool = False) -> str | None:
        """The latest message text if it answers ``slot``; None for a crisis or a cancel.

        A press of one of the question's own buttons ("Me", "No", "Send it") counts as the answer:
        one-word replies carry too little for the classifier, and the phrase rules of the safety
        net, which are what catch real danger in a word or two, have not fired on them.
        """
        requested = tracker.get_slot("requested_slot")
        if requested != slot and not (also_on_activation and requested is None):
            return None
        message = tracker.latest_message or {}
        text = (message.get("text") or "").strip()
        if not text or text.startswith("/"):
            return None
        intent = (message.get("intent") or {}).get("name")
        if intent in NOT_SLOT_VALUES:
            caught_by_rules = (message.get("safety_net") or {}).get("source") == "rules"
            if caught_by_rules or not _is_button_answer(slot, text):
                return None
        return text[:MAX_ANSWER_CHARS]


def _is_button_answer(slot: str, text: str) -> bool:
    buttons = (load_prompts().get(slot) or {}).get("buttons") or []
    return text.casefold() in {str(b.get("payload", "")).casefold() for b in buttons}
