"""Texts sent by custom actions (content/prompts.yml), and the ``action_ask_<slot>`` actions."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import settings
from content import load_prompts
from content.languages import DEFAULT_LANGUAGE, direction
from content.tokens import with_contacts
from content.translation import RegisterCache, hash_source

_REGISTER = RegisterCache()


def language_of(tracker: Tracker) -> str:
    """The conversation's language (the ``language`` slot), English if unset or unknown."""
    return str(tracker.get_slot("language") or DEFAULT_LANGUAGE)


def localised(name: str, language: str | None) -> tuple[str, list[dict[str, str]], str, str | None]:
    """A prompt in ``language``: its text and buttons, the language of that text, and a notice line.

    Same rules as domain responses (bot/nlg.py): a stale translation is replaced by the English and
    a line in the person's language saying so; an unreviewed one carries a line saying no person
    has checked it yet. Payloads are never translated.
    """
    prompt = load_prompts()[name]
    english_buttons = [dict(b) for b in prompt.get("buttons") or []]
    translation = ((prompt.get("translations") or {}).get(language or "") or {}) if language != "en" else {}
    if not language or not translation.get("text"):
        return prompt["text"], english_buttons, DEFAULT_LANGUAGE, None
    titles = [str(b.get("title", "")) for b in english_buttons]
    resolution = _REGISTER.resolve(f"prompt.{name}", language, hash_source(prompt["text"], titles))
    if not resolution.use_translation:
        return prompt["text"], english_buttons, DEFAULT_LANGUAGE, resolution.notice
    translated_titles = list(translation.get("buttons") or [])
    buttons = [
        {**button, "title": str(translated_titles[i]) if i < len(translated_titles) else button["title"]}
        for i, button in enumerate(english_buttons)
    ]
    return str(translation["text"]), buttons, language, resolution.notice


def render(name: str, language: str | None = None, **values: Any) -> tuple[str, list[dict[str, str]]]:
    """A prompt's text with directory contact details and ``values`` filled in, and its buttons."""
    text, buttons, _, notice = localised(name, language)
    filled = with_contacts(text, settings().directory_path, values)
    return (f"{filled}\n\n{notice}" if notice else filled), buttons


def say_prompt(dispatcher: CollectingDispatcher, name: str, *, language: str | None = None, **values: Any) -> None:
    """Send a prompt in the conversation's language, with the lang/dir marker the web app reads."""
    text, buttons = render(name, language, **values)
    _, _, text_language, _ = localised(name, language)
    marker = {"lang": text_language, "dir": direction(text_language), "language": language or DEFAULT_LANGUAGE}
    dispatcher.utter_message(text=text, buttons=buttons, json_message=marker)


class AskPrompt(Action, metaclass=ABCMeta):
    """Asks the question stored under ``prompt``. Abstract, so rasa-sdk registers only the subclasses."""

    prompt: str = ""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        say_prompt(dispatcher, self.prompt, language=language_of(tracker))
        return []


# One action class per form slot; rasa-sdk discovers Action subclasses when it imports this module.
ASK_SLOTS = (
    "service_need", "service_for", "service_area",
    "concern_safe", "concern_category", "concern_area", "concern_when", "concern_what", "concern_extra",
)
ASK_ACTIONS = {
    slot: type(
        f"AskPrompt_{slot}",
        (AskPrompt,),
        {"prompt": slot, "name": lambda self, s=slot: f"action_ask_{s}", "__module__": __name__},
    )
    for slot in ASK_SLOTS
}
