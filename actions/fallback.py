"""The fallback replies: say we are not sure and offer the menu, never guess.

``ActionFallback`` answers a message the NLU was not sure of (``nlu_fallback``): the plain fallback,
or, when the safety net marked it as a possible crisis, that crisis guidance instead
(``safety.possible_crisis`` says why). ``ActionUnsupportedLanguage`` answers a message in a language we
do not answer in: a marked message's crisis guidance first, then the crisis line, our languages and
interpreters. ``ActionCoreFallback`` answers when no next step is clear.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from safety.possible_crisis import replies


class ActionCoreFallback(Action):
    def name(self) -> str:
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_fallback")
        # Forget the unclear message so it does not steer the next prediction.
        return [UserUtteranceReverted()]


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        for response in replies(self.name(), tracker.latest_message):
            dispatcher.utter_message(response=response)
        return []


class ActionUnsupportedLanguage(ActionFallback):
    def name(self) -> str:
        return "action_unsupported_language"
