"""Fault tests against real processes: two Rasa workers, a real redis-server (here one the test
controls, given as REDIS_URL), the real action server and web app. Nothing is mocked; faults are
real signals. Concerns on PostgreSQL are in test_concerns_postgres.py.

* kill -9 of a worker in the middle of a form: the next message continues the form elsewhere;
* Redis stopped: residents get the 503 with its 999 line, and the service recovers by itself;
* rolling restart of every worker under a light load: no failed message.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from bot.redis_store import PrivateRedis
from tests.conftest import LiveService
from tests.scale.conftest import require_redis_server, start_workers, wait_workers_up
from tests.scale.processes import chat, new_conversation, say, wait_gone, worker_pids

pytestmark = pytest.mark.e2e


# ------------------------------------------------------------ workers on a Redis the test controls


@pytest.fixture(scope="module")
def outside_redis() -> Iterator[PrivateRedis]:
    require_redis_server()
    server = PrivateRedis()
    server.start()
    yield server
    if server.proc is not None and server.proc.poll() is None:
        server.proc.terminate()
        server.proc.wait(timeout=10)
    server.cleanup()


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory, outside_redis: PrivateRedis) -> Iterator[LiveService]:
    a = outside_redis.address
    service = start_workers(
        tmp_path_factory.mktemp("workers"), {"REDIS_URL": f"redis://:{a.password}@127.0.0.1:{a.port}/0"}
    )
    yield service
    service.stop()


def test_kill_9_in_the_middle_of_a_form_loses_nothing(workers: LiveService) -> None:
    conversation = new_conversation()
    assert "What do you need help with?" in say(workers, conversation, "I need to find a service")
    assert "Who is the help for?" in say(workers, conversation, "Domestic abuse")
    first, second = sorted(worker_pids(workers).items())
    # Kill each worker in turn, so the conversation certainly moves to a worker that did not serve it.
    os.kill(first[1], signal.SIGKILL)
    wait_gone(first[1])
    assert "Where are you" in say(workers, conversation, "Me")
    wait_workers_up(workers)  # the supervisor started it again
    assert worker_pids(workers)[first[0]] != first[1]
    os.kill(second[1], signal.SIGKILL)
    wait_gone(second[1])
    cards = say(workers, conversation, "Kingsholm")
    assert "services that can help" in cards.lower(), cards
    wait_workers_up(workers)


def test_redis_stopped_says_999_and_recovers_by_itself(workers: LiveService, outside_redis: PrivateRedis) -> None:
    conversation = new_conversation()
    assert say(workers, conversation, "hello")
    assert outside_redis.proc is not None
    outside_redis.proc.terminate()
    outside_redis.proc.wait(timeout=10)
    status, body = chat(workers, conversation, "what is cuckooing")
    assert status == 503
    assert "not available" in body["error"] and "999" in body["error"]
    outside_redis.start()  # same address and password, as a restarted Redis would have
    deadline = time.monotonic() + 60
    while True:
        status, body = chat(workers, new_conversation(), "what is cuckooing")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 200, body
    assert "cuckooing" in json.dumps(body).lower()


SCRIPT = ("hello", "what is cuckooing", "I need to find a service", "Domestic abuse", "Me", "Kingsholm",
          "what is ask for angela", "thanks")


def test_rolling_restart_under_light_load_fails_no_message(workers: LiveService) -> None:
    wait_workers_up(workers)
    stop = threading.Event()
    outcomes: Counter[str] = Counter()
    failures: list[str] = []

    def client() -> None:
        conversation, position = new_conversation(), 0
        while not stop.is_set():
            status, body = chat(workers, conversation, SCRIPT[position % len(SCRIPT)])
            outcomes[str(status)] += 1
            if status != 200 or not body.get("messages"):
                failures.append(f"{status} {body}")
            position += 1
            time.sleep(0.3)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for port, pid in sorted(worker_pids(workers).items()):
            os.kill(pid, signal.SIGTERM)  # what an operator does to restart one worker
            wait_gone(pid)
            wait_workers_up(workers)
            assert worker_pids(workers)[port] != pid
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
    assert outcomes["200"] >= 10, outcomes
    assert failures == [], failures[:5]
