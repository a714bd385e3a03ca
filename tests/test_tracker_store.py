"""The forgetful tracker store: expiry, forgetting on request, and scrubbing after a concern."""

from __future__ import annotations

import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import REMOVED, ExpiringInMemoryTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, log_concern]
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
