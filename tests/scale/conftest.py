"""Fixtures for the scale-out tests: a real redis-server, and the real service with several workers.

These tests need Debian's redis-server (scripts/ensure_redis.sh installs it; scripts/test.sh runs
that). Outside CI they are skipped, with the reason, when it is missing; in CI (``CI`` set) a
missing redis-server is a failure, so they can never be skipped silently there.
"""

from __future__ import annotations

import json
import os
import random
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.conftest
from bot.redis_store import PrivateRedis, redis_server_binary
from tests.conftest import LiveService, start_service

WORKERS = 2
WORKER_READY_TIMEOUT = 240
# Two workers loading their models at once on a busy 2-core machine can take minutes.
START_TIMEOUT = 600


def require_redis_server() -> None:
    if redis_server_binary() is not None:
        return
    message = "redis-server is not installed (run scripts/ensure_redis.sh, or apt-get install redis-server)"
    if os.environ.get("CI"):
        pytest.fail(message + "; in CI it must be installed")
    pytest.skip(message)


@pytest.fixture
def redis_server() -> Iterator[PrivateRedis]:
    require_redis_server()
    server = PrivateRedis()
    proc = server.start()
    yield server
    proc.terminate()
    proc.wait(timeout=10)
    server.cleanup()


def free_port_run(count: int) -> int:
    """A port P with P .. P+count-1 all free on loopback (the workers use consecutive ports).

    Chosen below Linux's ephemeral range (32768 and up), so outgoing connections made meanwhile by
    other programs cannot take one of them before a worker binds it.
    """
    rng = random.Random()
    for _ in range(500):
        base = rng.randrange(20000, 32000 - count)
        socks: list[socket.socket] = []
        try:
            for offset in range(count):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError("no run of free ports")


def get_json(url: str, timeout: float = 5) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except OSError:
        return 0, {}


def wait_workers_up(service: LiveService, count: int = WORKERS, timeout: float = WORKER_READY_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    body: dict = {}
    while time.monotonic() < deadline:
        status, body = get_json(service.web_url + "/readyz")
        if status == 200 and body.get("workers_up") == count:
            return
        time.sleep(0.5)
    raise AssertionError(f"workers not up after {timeout} s: {body}\n{service.log_text()[-3000:]}")


def start_workers(tmp: Path, extra_env: dict[str, str] | None = None, workers: int = WORKERS) -> LiveService:
    """``tests.conftest.start_service`` with RASA_WORKERS workers on a run of free ports.

    start_service picks RASA_PORT with ``free_port()`` (its first call); here that call returns the
    start of ``workers`` consecutive free ports, and the other ports it picks avoid that run.
    """
    require_redis_server()
    env = {"RASA_WORKERS": str(workers), "CHAT_RATE_PER_MINUTE": "100000", **(extra_env or {})}
    base = free_port_run(workers)
    real_free_port = tests.conftest.free_port
    calls = 0

    def free_port() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return base
        while True:
            port = real_free_port()
            if not base <= port < base + workers:
                return port

    saved = tests.conftest.START_TIMEOUT
    tests.conftest.START_TIMEOUT, tests.conftest.free_port = START_TIMEOUT, free_port
    try:
        service = start_service(tmp, env)
    finally:
        tests.conftest.START_TIMEOUT, tests.conftest.free_port = saved, real_free_port
    try:
        wait_workers_up(service, workers)
    except BaseException:
        service.stop()
        raise
    return service
