"""What the channel keeps in memory: keyed conversation ids, the 48-hour message log, seen keys, locks."""

from __future__ import annotations

import asyncio

from bot.channels.telegram.conversation_state import (
    DELETE_WINDOW_SECONDS,
    ConversationIds,
    KeyedLocks,
    MessageLog,
    RecentKeys,
)


class Clock:
    """A clock the test moves by hand (time itself is not what these tests are about)."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_sender_id_is_a_keyed_hash_not_the_chat_id() -> None:
    ids = ConversationIds("key-one")
    sender = ids.sender_id(987654321)
    assert sender == ids.sender_id(987654321)
    assert sender.startswith("tg-") and len(sender) == 3 + 64
    assert "987654321" not in sender
    assert sender != ids.sender_id(987654322)
    assert sender != ConversationIds("key-two").sender_id(987654321)
    assert ids.persistent


def test_without_a_key_each_process_gets_a_random_one() -> None:
    first, second = ConversationIds(""), ConversationIds("")
    assert not first.persistent
    assert first.sender_id(42) != second.sender_id(42)


def test_message_log_keeps_ids_for_48_hours_only() -> None:
    clock = Clock()
    log = MessageLog(clock=clock)
    log.record("a", 1)
    clock.now += 3600
    log.record("a", 2)
    log.record("b", 9)
    assert log.deletable("a") == [2, 1]
    # Close to the 48 h limit the old message is no longer offered for deletion...
    clock.now += DELETE_WINDOW_SECONDS - 3600 - 60
    assert log.deletable("a") == [2]
    # ...and after 48 h it is gone from memory entirely.
    clock.now += 120
    assert len(log) == 2
    clock.now += 3600
    assert len(log) == 0 and log.deletable("a") == []


def test_forget_drops_one_conversation() -> None:
    log = MessageLog()
    log.record("a", 1)
    log.record("b", 2)
    log.forget("a")
    assert log.deletable("a") == [] and log.deletable("b") == [2]


def test_recent_keys_expire_and_stay_bounded() -> None:
    clock = Clock()
    keys = RecentKeys(ttl_seconds=10, max_items=3, clock=clock)
    assert keys.add(1) and not keys.add(1)
    clock.now += 11
    assert keys.add(1)
    for k in (2, 3, 4, 5):
        keys.add(k)
    assert keys.add(1)  # pushed out by newer keys


async def test_keyed_locks_serialise_one_conversation_and_clean_up() -> None:
    locks, order = KeyedLocks(), []

    async def work(key: str, label: str, pause: float) -> None:
        async with locks.hold(key):
            order.append(f"{label}-start")
            await asyncio.sleep(pause)
            order.append(f"{label}-end")

    await asyncio.gather(work("a", "first", 0.05), work("a", "second", 0), work("b", "other", 0))
    assert order.index("first-end") < order.index("second-start")
    assert order.index("other-start") < order.index("first-end")  # other chats are not blocked
    assert len(locks) == 0
