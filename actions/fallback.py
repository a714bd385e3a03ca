"""Core fallback: when no next step is clear, say so and offer the menu, never guess."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher


class ActionCoreFallback(Action):
    def name(self) -> str:
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_fallback")
        # Forget the unclear message so it does not steer the next prediction.
        return [UserUtteranceReverted()]
