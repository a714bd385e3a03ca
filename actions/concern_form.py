"""The concern form's validators and its summary question. Reading replies is plain logic in
``conversation.concern_answers``; storing is the concern store's job (``actions.concern``)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms import SafeFormValidationAction
from actions.prompts import language_of, say_prompt
from concerns.vocab import CATEGORY_LABELS
from conversation.concern_answers import CONCERN_QUESTIONS, SKIP_AREA
from conversation.form_reading import Answer, SlotQuestion
from conversation.replies import Reply


class ValidateConcernForm(SafeFormValidationAction):
    def name(self) -> str:
        return "validate_concern_form"

    def questions(self) -> dict[str, SlotQuestion]:
        return CONCERN_QUESTIONS


def _read_addition(reply: Reply, asked: bool) -> Answer | None:
    return Answer(reply.text) if asked and reply.text.strip() else None


class ValidateConcernAdditionForm(SafeFormValidationAction):
    QUESTIONS = {"concern_addition": SlotQuestion(_read_addition, "the addition", "concern_what_unclear", True)}

    def name(self) -> str:
        return "validate_concern_addition_form"

    def questions(self) -> dict[str, SlotQuestion]:
        return self.QUESTIONS


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
        say_prompt(dispatcher, "concern_confirm", language=language_of(tracker), summary="\n".join(lines))
        return []
