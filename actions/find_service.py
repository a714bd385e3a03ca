"""The "find a service" form and the service cards it ends with."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import directory, now
from actions.forms import SafeFormValidationAction
from actions.prompts import say_prompt
from services_directory import card_text, format_card
from services_directory.areas import resolve_place
from services_directory.textsearch import parse_query

PAGE_SIZE = 3
SKIP = "any"
# "Who is it for" answers -> directory audience keys (None: anyone).
AUDIENCES: dict[str, str | None] = {
    "me": None,
    "myself": None,
    "friend": None,
    "family": None,
    "child": "young-people",
    "young": "young-people",
    "teen": "young-people",
    "son": "young-people",
    "daughter": "young-people",
    "professional": "professionals",
    "work": "professionals",
    "worker": "professionals",
    "practitioner": "professionals",
}


def _is_skip(text: str) -> bool:
    return text.strip().lower() in {"skip", "no", "any", "anywhere", "don't know", "dont know", "not sure",
                                    "prefer not to say", "rather not say", "none", "n/a"}


class ValidateFindServiceForm(SafeFormValidationAction):
    def name(self) -> str:
        return "validate_find_service_form"

    async def extract_service_need(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "service_need", also_on_activation=True)
        if text is None:
            return {}
        needs = parse_query(text).needs
        if needs:
            return {"service_need": needs[0]}
        if tracker.get_slot("requested_slot") == "service_need":
            say_prompt(dispatcher, "service_need_unclear")
        return {}

    async def extract_service_for(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "service_for")
        if text is None:
            return {}
        if _is_skip(text):
            return {"service_for": SKIP}
        words = text.lower().replace("'", " ").split()
        for word in words:
            for stem, audience in AUDIENCES.items():
                if word.startswith(stem):
                    return {"service_for": audience or SKIP}
        return {"service_for": SKIP}

    async def extract_service_area(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self.answer_for(tracker, "service_area")
        if text is None:
            return {}
        if _is_skip(text):
            return {"service_area": SKIP}
        place = resolve_place(text)
        return {"service_area": place.label if place else SKIP, "service_offset": 0}


class ActionShowServices(Action):
    """Show a page of service cards for the form's answers; "show more" shows the next page."""

    def name(self) -> str:
        return "action_show_services"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        need = tracker.get_slot("service_need")
        audience = tracker.get_slot("service_for")
        area = tracker.get_slot("service_area")
        showing_more = (tracker.latest_message.get("intent") or {}).get("name") == "show_more_services"
        offset = int(tracker.get_slot("service_offset") or 0) if showing_more else 0
        if need is None:
            dispatcher.utter_message(
                text="Let's find a service. What do you need help with?",
                buttons=[{"title": "Find a service", "payload": "Find a service"}],
            )
            return []
        results = directory().search(
            need=need,
            area=None if area in (None, SKIP) else area,
            audience=None if audience in (None, SKIP) else audience,
            limit=PAGE_SIZE,
            offset=offset,
        )
        moment = now()
        items = results.items
        if not items:
            dispatcher.utter_message(text="That's all the services I have for this. You can search again.")
        else:
            header = "Here are services that can help:" if offset == 0 else "Here are more services:"
            note = getattr(results, "note", None)
            cards = "\n\n".join(card_text(format_card(s, moment)) for s in items)
            text = f"{header}\n\n{cards}" + (f"\n\n{note}" if note else "")
            buttons = []
            if offset + len(items) < results.total:
                buttons.append({"title": "Show more", "payload": "/show_more_services"})
            buttons.append({"title": "Search again", "payload": "Find a service"})
            dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("service_offset", float(offset + len(items)))]
