"""A base for our form validators: each message is read once, by ``conversation.form_reading``.

What the base does with a reply, so that nothing typed is silently dropped:
- a crisis or a cancel is never a slot value: the form rejects it and the rules take over; except
  that a free-text answer (the description) only the classifier or the signal read as a crisis
  (not the phrase rules) is kept, with the crisis guidance first, so a report of something
  dangerous is neither lost nor left without it;
- an answer to the question asked fills it; an answer to another question still open is kept
  there, and the question asked is asked again with a short note;
- a question for the assistant is left to the rules to answer (the form rejects it);
- anything else gets a short "I couldn't use that" and the same question again, in one reply.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.prompts import language_of, say_prompt
from content import load_prompts
from conversation.form_reading import Reading, SlotQuestion, read_reply
from conversation.replies import Reply
from safety.crisis_intents import guidance_response, is_crisis
from safety.possible_crisis import crisis_response

MAX_ANSWER_CHARS = 2000
# Actions Rasa runs between a user message and the form without their own ActionExecuted event.
_QUIET_ACTIONS = frozenset({"action_listen", "action_extract_slots"})


class SafeFormValidationAction(FormValidationAction, metaclass=ABCMeta):
    """Reads each reply with the form's ``questions``. Abstract, so rasa-sdk registers only subclasses."""

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def questions(self) -> dict[str, SlotQuestion]: ...

    def on_activation(self, reply: Reply, tracker: Tracker) -> dict[str, Any]:
        """Slots the message that started the form fills (none by default)."""
        return {}

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # Replaces rasa-sdk's extract-then-validate loop: one reading per message decides every slot.
        questions = self.questions()
        reply = reply_to_read(tracker, free_text_slots(questions))
        if reply is None:
            return []
        requested = tracker.get_slot("requested_slot")
        if requested is None:
            return [SlotSet(k, v) for k, v in self.on_activation(reply, tracker).items()]
        if requested not in questions:
            return []
        reply = Reply(reply.text, reply.intent, reply.confidence, _is_button_answer(requested, reply.text))
        required = self.domain_slots(domain)
        unfilled = [s for s in required if tracker.get_slot(s) is None]
        reading = read_reply(requested, reply, questions, unfilled)
        return self.apply(reading, requested, dispatcher, tracker)

    def apply(
        self, reading: Reading, requested: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[dict[str, Any]]:
        if reading.outcome == "for_rules":
            return []  # nothing filled: the form rejects the message and the rules answer it
        if reading.outcome == "unclear" and (guidance := crisis_response(tracker.latest_message)):
            # A reply the form cannot use, which the safety net marked as a possible crisis: the
            # crisis guidance first, as the fallback reply gives it outside a form
            # (safety/possible_crisis.py). A free-text answer is used, so it never gets here.
            dispatcher.utter_message(response=guidance)
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if is_crisis(intent) and requested in reading.slots and self.questions()[requested].free_text:
            # A description the classifier read as a crisis (reply_to_read let it through): the
            # guidance the crisis rules would give, then the report goes on.
            dispatcher.utter_message(response=guidance_response(intent))
        for prompt, values in reading.prompts:
            say_prompt(dispatcher, prompt, language=language_of(tracker), **values)
        if reading.outcome == "unclear":
            # Setting the asked slot to empty counts as "validated", so the form does not reject
            # the message (which would add a second, contradictory reply) but asks again.
            return [SlotSet(requested, None)]
        return [SlotSet(k, v) for k, v in reading.slots.items()]


def free_text_slots(questions: dict[str, SlotQuestion]) -> frozenset[str]:
    """The slots whose answer is whatever the person writes (a description)."""
    return frozenset(slot for slot, question in questions.items() if question.free_text)


def reply_to_read(tracker: Tracker, free_text: frozenset[str] = frozenset()) -> Reply | None:
    """The latest message as a Reply, or None when it is not this form's to read.

    None for a crisis or a cancel (the rules must see it), for a "/intent" payload, and when the
    message was already read: a form resumed after the rules answered a question must not read
    that question again as an answer. A crisis is read after all when it answers one of the
    question's own buttons, or one of the ``free_text`` questions, and the safety net's phrase
    rules did not catch it.
    """
    message = tracker.latest_message or {}
    text = (message.get("text") or "").strip()
    if not text or text.startswith("/") or not is_fresh(tracker):
        return None
    intent = message.get("intent") or {}
    name = intent.get("name")
    if is_crisis(name) or name == "cancel":
        # A press of one of the question's own buttons ("Me", "No", "Send it") still counts as the
        # answer when only the classifier called it a crisis or a cancel: one-word replies carry
        # too little for it, and the safety net's phrase rules, which catch real danger in a word
        # or two, have not fired on them.
        # A description of something dangerous, or one with an odd name in it, can read as a
        # crisis to the classifier or the signal (CI saw a plain report of strangers at a flat do
        # so): ending the form would lose the whole report.
        caught_by_rules = (message.get("safety_net") or {}).get("source") == "rules"
        requested = tracker.get_slot("requested_slot") or ""
        described = is_crisis(name) and requested in free_text
        if caught_by_rules or not (described or _is_button_answer(requested, text)):
            return None
    return Reply(text[:MAX_ANSWER_CHARS], name, float(intent.get("confidence") or 0.0))


def is_fresh(tracker: Tracker) -> bool:
    """True when no action has run since the latest user message, other than this form.

    The form calls its validator with a copy of the tracker ending in the form's own
    ActionExecuted event; any other action after the user message (an answer given by the rules
    while the form was interrupted) means the message has been dealt with.
    """
    seen_form = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in _QUIET_ACTIONS:
            if seen_form:
                return False
            seen_form = True
    return True


def _is_button_answer(slot: str, text: str) -> bool:
    buttons = (load_prompts().get(slot) or {}).get("buttons") or []
    return text.casefold() in {str(b.get("payload", "")).casefold() for b in buttons}
