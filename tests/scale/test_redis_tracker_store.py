"""The Redis tracker store against a real redis-server: expiry, forget, scrub-after-concern, memory only."""

from __future__ import annotations

import json
import time
from pathlib import Path

import redis
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered

from bot.redis_store import KEY_PREFIX, PrivateRedis, RedisAddress
from bot.tracker_store import REMOVED, ExpiringRedisTrackerStore
from tests.test_tracker_store import DOMAIN, _tracker


def _store(server: PrivateRedis, ttl: int = 60) -> ExpiringRedisTrackerStore:
    a = server.address
    return ExpiringRedisTrackerStore(
        DOMAIN, host=a.host, port=str(a.port), db="0", password=a.password, record_exp=ttl,
        key_prefix=KEY_PREFIX,
    )


def _client(server: PrivateRedis) -> redis.Redis:
    return redis.Redis(port=server.address.port, password=server.address.password, decode_responses=True)


async def test_save_retrieve_and_idle_expiry_is_set_on_every_save(redis_server: PrivateRedis) -> None:
    store = _store(redis_server, ttl=600)
    await store.save(_tracker("conv-a", UserUttered("hello")))
    tracker = await store.retrieve("conv-a")
    assert tracker is not None and tracker.latest_message.text == "hello"
    key = store.key_prefix + "conv-a"
    assert key.startswith("ssgp:")
    client = _client(redis_server)
    client.expire(key, 5)  # as if most of the idle time had passed
    await store.save(_tracker("conv-a", UserUttered("hello"), UserUttered("again")))
    assert 590 <= client.ttl(key) <= 600  # activity restarts the clock
    assert list(await store.keys()) == ["conv-a"]


async def test_a_conversation_expires_by_itself(redis_server: PrivateRedis) -> None:
    store = _store(redis_server, ttl=1)
    await store.save(_tracker("conv-b", UserUttered("hello")))
    deadline = time.monotonic() + 10
    while await store.exists("conv-b") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert await store.retrieve("conv-b") is None


async def test_forget_deletes_at_once(redis_server: PrivateRedis) -> None:
    store = _store(redis_server)
    await store.save(_tracker("conv-c", UserUttered("hello")))
    await store.save(_tracker("conv-d", UserUttered("hi")))
    assert await store.delete("conv-c") is True
    assert await store.retrieve("conv-c") is None
    assert await store.delete("conv-c") is False
    assert await store.retrieve("conv-d") is not None


async def test_scrub_after_concern_reaches_redis(redis_server: PrivateRedis) -> None:
    store = _store(redis_server)
    tracker = _tracker(
        "conv-e",
        UserUttered("my neighbour Dave at 12 Acacia Road"),
        BotUttered("Thanks, what else?"),
        SlotSet("concern_what", "Dave at 12 Acacia Road"),
        SlotSet("scrub_history", True),
        UserUttered("thanks"),
    )
    await store.save(tracker)
    raw = _client(redis_server).get(store.key_prefix + "conv-e")
    assert "Dave" not in raw and "Acacia" not in raw
    events = json.loads(raw)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == [REMOVED, "thanks"]
    restored = await store.retrieve("conv-e")
    assert restored is not None and restored.get_slot("concern_what") is None


async def test_the_private_server_keeps_nothing_on_disk(redis_server: PrivateRedis) -> None:
    client = _client(redis_server)
    assert client.config_get("save")["save"] == ""
    assert client.config_get("appendonly")["appendonly"] == "no"
    assert client.config_get("bind")["bind"] == "127.0.0.1"
    assert client.config_get("requirepass")["requirepass"]
    store = _store(redis_server)
    await store.save(_tracker("conv-f", UserUttered("hello")))
    assert list(Path(client.config_get("dir")["dir"]).iterdir()) == []
    # And without the password, nothing.
    assert not RedisAddress(host="127.0.0.1", port=redis_server.address.port).ping()
