"""The atomic Redis ticket lock against a real redis-server: order, atomicity, expiry, round trips."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import redis
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore
from bot.redis_store import KEY_PREFIX, PrivateRedis, endpoint_sections


def _store(server: PrivateRedis) -> AtomicRedisLockStore:
    a = server.address
    # As endpoints.yml gives them: ${VAR} substitutions arrive as strings.
    config = EndpointConfig(url=a.host, type="bot.lock_store.AtomicRedisLockStore", port=str(a.port), db="0",
                            password=a.password, key_prefix=KEY_PREFIX)
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    return store


def _client(server: PrivateRedis) -> redis.Redis:
    return redis.Redis(port=server.address.port, password=server.address.password, decode_responses=True)


def test_the_runtime_endpoints_name_this_lock_store() -> None:
    assert endpoint_sections("PW")["lock_store"]["type"] == "bot.lock_store.AtomicRedisLockStore"


async def test_an_uncontended_message_takes_two_calls_and_leaves_no_key(redis_server: PrivateRedis) -> None:
    store = _store(redis_server)
    client = _client(redis_server)
    key = store.key_prefix + "conv-a"
    assert key.startswith(KEY_PREFIX + ":")
    async with store.lock("conv-a", lock_lifetime=20):
        assert 0 < client.pttl(key) <= 20_000  # the key expires with its ticket
        assert store.is_someone_waiting("conv-a")  # Rasa's own methods read the same key
    assert client.exists(key) == 0
    sent: list[str] = []
    execute = store.red.execute_command

    def counted(*args: object, **kwargs: object) -> object:
        sent.append(str(args[0]))
        return execute(*args, **kwargs)

    store.red.execute_command = counted  # type: ignore[method-assign]
    async with store.lock("conv-a"):
        pass
    # Rasa's RedisLockStore sent seven (GET, SET, GET, GET, SET, GET, DEL). The scripts were
    # loaded by the first message, so there is no SCRIPT LOAD here.
    assert sent == ["EVALSHA", "EVALSHA"]


async def test_messages_of_one_conversation_are_served_one_at_a_time_in_order(redis_server: PrivateRedis) -> None:
    stores = [_store(redis_server) for _ in range(3)]  # as if three workers
    inside = 0
    most_inside = 0
    order: list[int] = []

    async def message(i: int) -> None:
        nonlocal inside, most_inside
        await asyncio.sleep(0.02 * i)  # arrive in order 0, 1, 2...
        async with stores[i % 3].lock("conv-b", wait_time_in_seconds=0.01):
            inside += 1
            most_inside = max(most_inside, inside)
            order.append(i)
            await asyncio.sleep(0.1)
            inside -= 1

    await asyncio.gather(*(message(i) for i in range(6)))
    assert most_inside == 1
    assert order == list(range(6))
    assert _client(redis_server).exists(stores[0].key_prefix + "conv-b") == 0


def test_tickets_issued_at_the_same_moment_by_many_clients_are_all_different(redis_server: PrivateRedis) -> None:
    stores = [_store(redis_server) for _ in range(8)]
    tickets: list[int] = []
    start = threading.Barrier(len(stores))

    def take(store: AtomicRedisLockStore) -> None:
        start.wait()
        for _ in range(25):
            tickets.append(store.issue("conv-c", lock_lifetime=60)[0])

    threads = [threading.Thread(target=take, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(tickets) == list(range(200))


async def test_a_ticket_left_by_a_killed_worker_delays_the_next_message_only_until_it_expires(
    redis_server: PrivateRedis,
) -> None:
    store = _store(redis_server)
    store.issue("conv-d", lock_lifetime=1.0)  # a worker took the lock and died: no release
    started = time.monotonic()
    async with store.lock("conv-d", lock_lifetime=20, wait_time_in_seconds=0.05):
        waited = time.monotonic() - started
    assert 0.5 < waited < 5
    store.issue("conv-e", lock_lifetime=0.5)  # ...and with nobody coming after it, the key goes by itself
    time.sleep(1.0)
    assert _client(redis_server).exists(store.key_prefix + "conv-e") == 0


async def test_a_waiter_whose_own_ticket_expired_gives_up_with_rasas_lock_error(redis_server: PrivateRedis) -> None:
    store = _store(redis_server)
    store.issue("conv-f", lock_lifetime=30)  # held for longer than the waiter's ticket lives
    with pytest.raises(LockError):
        async with store.lock("conv-f", lock_lifetime=0.3, wait_time_in_seconds=0.1):
            pytest.fail("must not get the lock")


async def test_redis_down_is_a_lock_error(redis_server: PrivateRedis) -> None:
    store = _store(redis_server)
    redis_server.proc.terminate()
    redis_server.proc.wait(timeout=10)
    with pytest.raises(LockError):
        async with store.lock("conv-g"):
            pytest.fail("must not get the lock")
