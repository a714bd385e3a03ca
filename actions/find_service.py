"""The "find a service" form and the service cards it ends with."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import directory, now
from actions.forms import SafeFormValidationAction
from actions.prompts import language_of
from actions.service_labels import CARD_WORDS, card_labels, message_marker, notice, words
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
        language = language_of(tracker)
        labels = card_labels(language)
        # The lang/dir marker only in another language, so English messages are as they always were.
        marker = {"json_message": message_marker(language)} if labels else {}
        if need is None:
            start, find = words(language, "services_start", "button_find_service")
            dispatcher.utter_message(text=start, buttons=[{"title": find, "payload": "Find a service"}], **marker)
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
            (none_left,) = words(language, "services_none_left")
            dispatcher.utter_message(text=none_left, **marker)
        else:
            header_name = "services_header" if offset == 0 else "services_more_header"
            names = (header_name, "button_show_more", "button_search_again")
            header, show_more, search_again = words(language, *names)
            note = getattr(results, "note", None)
            cards = "\n\n".join(card_text(format_card(s, moment, labels), labels) for s in items)
            line = notice(language, (*names, *CARD_WORDS))
            text = f"{header}\n\n{cards}" + (f"\n\n{note}" if note else "") + (f"\n\n{line}" if line else "")
            buttons = []
            if offset + len(items) < results.total:
                buttons.append({"title": show_more, "payload": "/show_more_services"})
            buttons.append({"title": search_again, "payload": "Find a service"})
            dispatcher.utter_message(text=text, buttons=buttons, **marker)
        return [SlotSet("service_offset", float(offset + len(items)))]
