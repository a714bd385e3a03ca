"""A stored conversation keeps its recent part, and the state the rest left (bot/tracker_window.py)."""

from __future__ import annotations

import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    LoopInterrupted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import REMOVED, ExpiringInMemoryTrackerStore, for_storage
from bot.tracker_window import keep_recent

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, log_concern, inform, faq, thanks]
slots:
  concern_what:
    type: text
    mappings: [{type: custom}]
  language:
    type: categorical
    values: [en, pl]
    initial_value: en
    mappings: [{type: custom}]
  scrub_history:
    type: bool
    initial_value: false
    mappings: [{type: custom}]
  requested_slot:
    type: any
    mappings: [{type: custom}]
forms:
  concern_form:
    required_slots: [concern_what]
responses:
  utter_greet: [{text: hi}]
  utter_faq: [{text: an answer}]
  utter_ask_concern_what: [{text: "what happened"}]
"""
)


def _turn(text: str, intent: str, *then) -> list:
    return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 1.0}), *then]


def _conversation() -> list:
    """A session: small talk, a form started, interrupted by a question, then more messages."""
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        *_turn("hello", "greet", ActionExecuted("utter_greet"), BotUttered("hi")),
        *_turn("czesc", "greet", SlotSet("language", "pl"), ActionExecuted("utter_greet"), BotUttered("hi")),
        *_turn("i want to report something", "log_concern", ActionExecuted("concern_form"),
               ActiveLoop("concern_form"), SlotSet("requested_slot", "concern_what"),
               BotUttered("what happened?")),
        *_turn("what is cuckooing?", "faq", LoopInterrupted(True), ActionExecuted("utter_faq"),
               BotUttered("an answer"), ActionExecuted("concern_form"), BotUttered("what happened?")),
        *_turn("strangers at the flat", "inform", SlotSet("concern_what", "strangers at the flat"),
               ActionExecuted("concern_form"), SlotSet("requested_slot", None), ActiveLoop("concern_form")),
        *_turn("thanks", "thanks", ActionExecuted("utter_greet"), BotUttered("hi")),
        *_turn("one more", "faq", ActionExecuted("utter_faq"), BotUttered("an answer")),
    ]


def _serialised(events: list) -> dict:
    tracker = DialogueStateTracker.from_events("a", events, DOMAIN.slots)
    return tracker.as_dialogue().as_dict()


def _rebuilt(data: dict) -> DialogueStateTracker:
    return DialogueStateTracker.from_dict("a", data["events"], DOMAIN.slots)


def _state(tracker: DialogueStateTracker) -> tuple:
    loop = tracker.active_loop
    return (
        {name: slot.value for name, slot in tracker.slots.items()},
        (loop.name, loop.is_interrupted, loop.rejected) if loop else None,
        tracker.latest_message.text,
        tracker.latest_action_name,
    )


def test_short_conversations_are_kept_whole() -> None:
    data = _serialised(_conversation())
    before = json.dumps(data)
    assert keep_recent(data, DOMAIN, keep_turns=7) is False
    assert keep_recent(data, DOMAIN, keep_turns=0) is False
    assert json.dumps(data) == before


def _small_talk(turns: int) -> list:
    events = [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("language", "pl")]
    for i in range(turns):
        events += _turn(f"message {i}", "faq" if i % 2 else "greet",
                        ActionExecuted("utter_faq" if i % 2 else "utter_greet"), BotUttered(f"answer {i}"))
    return events


def test_the_kept_part_has_the_same_recent_states() -> None:
    """What the rule policy reads: outside a form, every state of the kept part is unchanged."""
    full = _serialised(_small_talk(9))
    for keep in (1, 2, 4, 8):
        data = json.loads(json.dumps(full))
        assert keep_recent(data, DOMAIN, keep_turns=keep) is True
        original, cut = _rebuilt(full), _rebuilt(data)
        # Per kept message the state before its answer, and between messages the one before the
        # next listen; before them only the session start and the snapshot.
        kept_states = 2 * keep - 1
        assert cut.past_states(DOMAIN)[-kept_states:] == original.past_states(DOMAIN)[-kept_states:], keep
        assert len(cut.past_states(DOMAIN)) == kept_states + 2
        texts = [e["text"] for e in data["events"] if e["event"] == "user"]
        assert texts == [f"message {i}" for i in range(9 - keep, 9)]
        # Still one session, starting where it did.
        assert [e["event"] for e in data["events"][:2]] == ["action", "session_started"]


def test_the_state_is_unchanged_wherever_the_cut_falls() -> None:
    full = _serialised(_conversation())
    for keep in (1, 2, 3, 4, 6):
        data = json.loads(json.dumps(full))
        assert keep_recent(data, DOMAIN, keep_turns=keep) is True
        original, cut = _rebuilt(full), _rebuilt(data)
        assert _state(cut) == _state(original), keep
        # The latest state, from which the next action is predicted, is the same.
        assert cut.past_states(DOMAIN)[-1] == original.past_states(DOMAIN)[-1], keep


def test_the_form_and_its_interruption_survive_the_cut() -> None:
    events = _conversation()[:-8]  # stop while the form is active and was interrupted earlier
    data = _serialised(events)
    assert keep_recent(data, DOMAIN, keep_turns=1) is True
    cut = _rebuilt(data)
    assert cut.active_loop_name == "concern_form"
    assert cut.slots["concern_what"].value == "strangers at the flat"
    assert cut.slots["language"].value == "pl"
    assert _state(cut) == _state(_rebuilt(_serialised(events)))


def test_cutting_again_is_stable() -> None:
    data = _serialised(_conversation())
    keep_recent(data, DOMAIN, keep_turns=3)
    once = _rebuilt(data)
    again = json.loads(json.dumps(data))
    assert keep_recent(again, DOMAIN, keep_turns=3) is False
    data2 = json.loads(json.dumps(data))
    keep_recent(data2, DOMAIN, keep_turns=2)
    assert _state(_rebuilt(data2)) == _state(once)


def test_the_store_keeps_only_recent_words_and_scrubs_first() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, keep_messages=2)
    events = [*_conversation(), *_turn("done", "thanks", SlotSet("scrub_history", True))]
    tracker = DialogueStateTracker.from_events("a", events, DOMAIN.slots)
    before = json.dumps(tracker.as_dialogue().as_dict())
    written = json.loads(for_storage(tracker, DOMAIN, 2))
    # Scrubbing, cutting and slimming work on the copy that is written, never on the live tracker.
    assert json.dumps(tracker.as_dialogue().as_dict()) == before
    users = [e["text"] for e in written["events"] if e["event"] == "user"]
    # The scrub ran first (every word up to the saved concern), then the cut (two messages kept).
    assert users == [REMOVED, REMOVED]
    assert not any(e.get("text") not in (None, REMOVED) for e in written["events"] if e["event"] in ("user", "bot"))
    assert store.keep_messages == 2


def test_older_messages_lose_only_what_their_own_turn_read() -> None:
    from bot.tracker_window import TURN_ONLY_PARSE_KEYS, slim_older_parses

    def asked(text: str, key: str) -> UserUttered:
        intent = {"name": "faq", "confidence": 0.9, "full_retrieval_intent_name": f"faq/{key}"}
        return UserUttered(text, intent, parse_data={
            "intent": intent, "entities": [], "text": text,
            "intent_ranking": [intent, {"name": "greet", "confidence": 0.1}],
            "response_selector": {"faq": {"ranking": [{"intent_response_key": f"faq/{key}"}],
                                          "response": {"responses": [{"text": "x" * 500}]}}},
            "text_tokens": [[0, 4]],
        })

    events = [ActionExecuted("action_session_start"), SessionStarted()]
    for i, key in enumerate(("cuckooing", "angela", "aces")):
        events += [ActionExecuted("action_listen"), asked(f"question {i}", key),
                   ActionExecuted("utter_faq"), BotUttered(f"answer {i}")]
    full = _serialised(events)
    data = json.loads(json.dumps(full))
    assert slim_older_parses(data) is True
    users = [e for e in data["events"] if e["event"] == "user"]
    for event in users[:-1]:
        assert not set(event["parse_data"]) & set(TURN_ONLY_PARSE_KEYS)
        assert event["parse_data"]["intent"]["full_retrieval_intent_name"].startswith("faq/")
    assert users[-1]["parse_data"] == [e for e in full["events"] if e["event"] == "user"][-1]["parse_data"]
    assert len(json.dumps(full)) - len(json.dumps(data)) > 2 * 500  # two answers of 500 characters
    original, slim = _rebuilt(full), _rebuilt(data)
    assert slim.past_states(DOMAIN) == original.past_states(DOMAIN)
    assert _state(slim) == _state(original)
    assert slim_older_parses(data) is False  # nothing more to drop

    # Through the store's path (slimmed; and scrubbed after a saved concern), the live tracker keeps
    # every parse.
    for then, kept in (([], [None, None, "aces"]), ([SlotSet("scrub_history", True)], [None, None, None])):
        tracker = DialogueStateTracker.from_events("a", [*events, *then], DOMAIN.slots)
        live = json.dumps(tracker.as_dialogue().as_dict())
        written = json.loads(for_storage(tracker, DOMAIN, 0))
        assert json.dumps(tracker.as_dialogue().as_dict()) == live
        selectors = [e["parse_data"].get("response_selector") for e in written["events"] if e["event"] == "user"]
        assert [s and s["faq"]["ranking"][0]["intent_response_key"][4:] for s in selectors] == kept
