"""Texts sent by custom actions (content/prompts.yml), and the ``action_ask_<slot>`` actions."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import settings
from content import load_prompts
from content.tokens import with_contacts


def render(name: str, **values: Any) -> tuple[str, list[dict[str, str]]]:
    """A prompt's text with directory contact details and ``values`` filled in, and its buttons."""
    prompt = load_prompts()[name]
    return with_contacts(prompt["text"], settings().directory_path, values), list(prompt.get("buttons") or [])


def say_prompt(dispatcher: CollectingDispatcher, name: str, **values: Any) -> None:
    text, buttons = render(name, **values)
    dispatcher.utter_message(text=text, buttons=buttons)


class AskPrompt(Action, metaclass=ABCMeta):
    """Asks the question stored under ``prompt``. Abstract, so rasa-sdk registers only the subclasses."""

    prompt: str = ""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        say_prompt(dispatcher, self.prompt)
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
