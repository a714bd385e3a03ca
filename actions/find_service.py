"""The "find a service" form and the service cards it ends with."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import directory, now
from actions.forms import SafeFormValidationAction
from conversation.form_reading import SlotQuestion
from conversation.replies import Reply
from conversation.service_answers import SERVICE_QUESTIONS, SKIP, read_need
from services_directory import card_text, format_card

PAGE_SIZE = 3


class ValidateFindServiceForm(SafeFormValidationAction):
    def name(self) -> str:
        return "validate_find_service_form"

    def questions(self) -> dict[str, SlotQuestion]:
        return SERVICE_QUESTIONS

    def on_activation(self, reply: Reply, tracker: Tracker) -> dict[str, Any]:
        # "I need help with drugs" names the need; "yes" to an offer after an answer takes the
        # need that answer was about.
        offered = tracker.get_slot("offered_need")
        if reply.is_yes() and offered:
            return {"service_need": offered, "offered_need": None}
        answer = read_need(reply, True)
        return {"service_need": answer.value} if answer else {}


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
