"""The forgetful tracker store: expiry, forgetting on request, and scrubbing after a concern."""

from __future__ import annotations

import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import REMOVED, ExpiringInMemoryTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, log_concern, inform, cancel, crisis_danger]
slots:
  concern_what:
    type: text
    mappings: [{type: custom}]
  scrub_history:
    type: bool
    initial_value: false
    mappings: [{type: custom}]
responses:
  utter_greet: [{text: hi}]
"""
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _tracker(sender: str, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, list(events), DOMAIN.slots)


async def test_conversation_expires_after_idle_time() -> None:
    clock = Clock()
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=60, clock=clock)
    await store.save(_tracker("a", UserUttered("hello")))
    clock.now += 59
    assert await store.retrieve("a") is not None
    clock.now += 2
    assert await store.retrieve("a") is None
    assert list(await store.keys()) == []


async def test_activity_keeps_a_conversation_alive() -> None:
    clock = Clock()
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=60, clock=clock)
    await store.save(_tracker("a", UserUttered("hello")))
    await store.save(_tracker("b", UserUttered("hi")))
    clock.now += 50
    await store.save(_tracker("a", UserUttered("hello"), UserUttered("again")))
    clock.now += 20
    assert await store.exists("a") and not await store.exists("b")


async def test_delete_forgets_at_once() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=600)
    await store.save(_tracker("a", UserUttered("hello")))
    assert await store.delete("a") is True
    assert await store.retrieve("a") is None
    assert await store.delete("a") is False


async def test_scrub_removes_text_and_concern_answers() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=600)
    secret = "Dave at 12 Acacia Road deals from flat 3"
    tracker = _tracker(
        "a",
        UserUttered(secret, {"name": "log_concern", "confidence": 1.0}),
        SlotSet("concern_what", secret),
        ActionExecuted("action_submit_concern"),
        BotUttered(f"You said: {secret}"),
        SlotSet("scrub_history", True),
    )
    await store.save(tracker)
    raw = store._store["a"][0]
    assert secret not in raw and "Acacia" not in raw
    restored = await store.retrieve("a")
    assert restored is not None
    user_texts = [e.text for e in restored.events if isinstance(e, UserUttered)]
    assert user_texts == [REMOVED]
    assert restored.get_slot("concern_what") is None
    assert restored.get_slot("scrub_history") is False
    # The shape of the conversation (intents, actions) is kept for the dialogue policies.
    assert restored.latest_message.intent["name"] == "log_concern"
    assert json.loads(raw)["events"]


def _form_turns(secret: str, *ending) -> DialogueStateTracker:
    return _tracker(
        "f",
        UserUttered("I want to report something", {"name": "log_concern", "confidence": 1.0}),
        ActionExecuted("concern_form"),
        ActiveLoop("concern_form"),
        UserUttered(secret, {"name": "inform", "confidence": 1.0}),
        SlotSet("concern_what", secret),
        *ending,
    )


async def test_a_cancelled_concern_form_is_scrubbed_at_once() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=600)
    secret = "Dave at 12 Acacia Road deals from flat 3"
    await store.save(_form_turns(
        secret,
        UserUttered("cancel", {"name": "cancel", "confidence": 1.0}),
        ActionExecuted("action_deactivate_loop"),
        ActiveLoop(None),
        ActionExecuted("utter_cancelled"),
        BotUttered("OK, I've stopped. Nothing was saved."),
    ))
    raw = store._store["f"][0]
    assert secret not in raw and "Acacia" not in raw
    restored = await store.retrieve("f")
    assert restored is not None and restored.get_slot("concern_what") is None
    # Words said after the form ended are kept (the conversation goes on normally).
    assert [e.text for e in restored.events if isinstance(e, BotUttered)] == ["OK, I've stopped. Nothing was saved."]


async def test_a_concern_form_interrupted_by_a_crisis_is_scrubbed_at_once() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=600)
    secret = "the man at number 9 with the red van"
    await store.save(_form_turns(
        secret,
        UserUttered("he is kicking the door in", {"name": "crisis_danger", "confidence": 1.0}),
        ActionExecuted("utter_crisis_danger"),
        BotUttered("If you are in danger now, call 999."),
        ActionExecuted("action_deactivate_loop"),
        ActiveLoop(None),
    ))
    raw = store._store["f"][0]
    assert secret not in raw and "kicking the door" not in raw


async def test_an_active_concern_form_keeps_its_answers() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, ttl_seconds=600)
    secret = "people in and out all night"
    await store.save(_form_turns(secret))
    restored = await store.retrieve("f")
    assert restored is not None and restored.get_slot("concern_what") == secret
