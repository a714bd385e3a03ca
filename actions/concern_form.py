"""The concern form's validators and its summary question. Reading replies is plain logic in
``conversation.concern_answers``; storing is the concern store's job (``actions.concern``)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms import SafeFormValidationAction
from actions.prompts import language_of, localised, say_prompt
from actions.service_labels import words
from concerns.vocab import CATEGORY_LABELS
from content.languages import DEFAULT_LANGUAGE
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


def category_label(category: str, language: str) -> str:
    """The category as the person chose it: the concern_category button's title in their language."""
    english = CATEGORY_LABELS.get(category, CATEGORY_LABELS["other"])
    if language == DEFAULT_LANGUAGE:
        return english

    def plain(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    english_titles = [b["title"] for b in localised("concern_category", None)[1]]
    titles = [b["title"] for b in localised("concern_category", language)[1]]
    for english_title, title in zip(english_titles, titles, strict=False):
        if plain(english_title).startswith(plain(english)):
            return title
    return english


class ActionAskConcernConfirm(Action):
    """Shows a summary of the answers and asks whether to send."""

    def name(self) -> str:
        return "action_ask_concern_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        about, where, when, what, extra_label, not_sure = words(
            language, "concern_summary_about", "concern_summary_where", "concern_summary_when",
            "concern_summary_what", "concern_summary_extra", "concern_not_sure",
        )
        extra = tracker.get_slot("concern_extra")
        category = tracker.get_slot("concern_category") or "other"
        lines = [
            f"- **{about}:** {category_label(category, language)}",
            f"- **{where}:** {tracker.get_slot('concern_area') or SKIP_AREA}",
            f"- **{when}:** {tracker.get_slot('concern_when') or not_sure}",
            f"- **{what}:** {tracker.get_slot('concern_what') or ''}",
        ]
        if extra:
            lines.append(f"- **{extra_label}:** {extra}")
        say_prompt(dispatcher, "concern_confirm", language=language, summary="\n".join(lines))
        return []
