"""After a topic answer, show the services that can help, drawn from the directory.

When the answer ends by asking "Would you like me to find a service?", the action records the
offer (slot ``service_offered``, and the need it is about in ``offered_need``) so that the rules
take the next "yes" or "no" as the answer to it (data/rules/services.yml).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import directory, now, retrieval_key
from actions.prompts import language_of
from actions.service_labels import CARD_WORDS, card_labels, message_marker, notice, words
from content import load_register
from services_directory import card_text, format_card

MAX_CARDS = 3
OFFER = re.compile(r"\bwould you like me to find\b", re.I)


def last_bot_text(tracker: Tracker) -> str:
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return event.get("text") or ""
    return ""


class ActionSignpostServices(Action):
    """Append up to three relevant service cards to a topic answer."""

    def name(self) -> str:
        return "action_signpost_services"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        key = retrieval_key(tracker)
        entry = load_register().get(f"utter_{key}") if key else None
        offered = bool(OFFER.search(last_bot_text(tracker)))
        offer = [
            SlotSet("service_offered", offered),
            SlotSet("offered_need", entry.needs[0] if offered and entry and entry.needs else None),
        ]
        self.show_cards(dispatcher, entry, language_of(tracker))
        return offer

    @staticmethod
    def show_cards(dispatcher: CollectingDispatcher, entry: Any, language: str = "en") -> None:
        if entry is None or not (entry.needs or entry.services):
            return
        found = directory()
        services = [s for s in (found.get(k) for k in entry.services) if s is not None]
        for need in entry.needs:
            if len(services) >= MAX_CARDS:
                break
            for service in found.search(need=need, area="Gloucester", limit=MAX_CARDS).items:
                if all(service.key != s.key for s in services):
                    services.append(service)
        services = services[:MAX_CARDS]
        if not services:
            return
        moment = now()
        labels = card_labels(language)
        cards = "\n\n".join(card_text(format_card(s, moment, labels), labels) for s in services)
        names = ("signposting_header", "button_find_another_service")
        header, another = words(language, *names)
        line = notice(language, (*names, *CARD_WORDS))
        dispatcher.utter_message(
            text=f"{header}\n\n{cards}" + (f"\n\n{line}" if line else ""),
            buttons=[{"title": another, "payload": "Find a service"}],
            **({"json_message": message_marker(language)} if labels else {}),
        )
