"""Concerns on PostgreSQL under concurrency, with two Rasa workers and their private redis-server:
20 submissions at once, the action server killed (-9) in the middle. Every concern acknowledged to
the resident is stored exactly once, and no row is half-written. Needs DATABASE_URL_TEST.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from concerns.references import normalise_reference
from tests.conftest import LiveService
from tests.scale.conftest import start_workers
from tests.scale.processes import REFERENCE, action_server_pid, chat, children, cmdline, new_conversation, say

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

PG_URL = os.environ.get("DATABASE_URL_TEST", "")


@pytest.fixture(scope="module")
def workers_on_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    if not PG_URL:
        pytest.skip("DATABASE_URL_TEST is not set (scripts/start_test_postgres.sh starts a server)")
    service = start_workers(tmp_path_factory.mktemp("workers-pg"), {"DATABASE_URL": PG_URL})
    yield service
    service.stop()


CONCERN_STEPS = (
    ("I want to report something anonymously", "in danger right now"),
    ("No", "What is your concern about?"),
    ("Cuckooing or drug dealing", "Roughly where"),
    ("Kingsholm", "Roughly when"),
    ("it keeps happening", "What is happening?"),
    ("People in and out of the flat below all night.", "anything else"),
    ("Nothing else", "Shall I send it?"),
)


def _rows(url: str) -> list[dict]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text("SELECT * FROM concerns"))]
    finally:
        engine.dispose()


def test_concerns_on_postgres_survive_a_killed_action_server(workers_on_postgres: LiveService) -> None:
    service = workers_on_postgres
    # This service started its own private redis-server (no REDIS_URL).
    assert any("redis-server" in " ".join(cmdline(p)) for p in children(service.process.pid))
    conversations = [new_conversation() for _ in range(20)]

    def walk(conversation: str) -> None:
        for text, expected in CONCERN_STEPS:
            assert expected in say(service, conversation, text)

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(walk, conversations))

    victim = action_server_pid(service)
    replies: dict[str, tuple[int, dict]] = {}

    def send(conversation: str) -> None:
        replies[conversation] = chat(service, conversation, "Send it")

    with ThreadPoolExecutor(max_workers=20) as pool:
        futures = [pool.submit(send, c) for c in conversations]
        time.sleep(0.3)  # the first submissions are being saved now
        os.kill(victim, signal.SIGKILL)
        for future in futures:
            future.result()

    acknowledged = []
    for status, body in replies.values():
        if status == 200:
            match = REFERENCE.search(" ".join(m["text"] for m in body["messages"]))
            if match:
                acknowledged.append(match.group(1))
        else:
            assert status == 503 and "999" in body["error"], (status, body)
    rows = _rows(PG_URL)
    # Stored codes are canonical (no dashes); residents are shown them as K7Q-4MX-P2D.
    counts = Counter(normalise_reference(r["reference"]) for r in rows)
    for reference in acknowledged:
        assert counts[normalise_reference(reference)] == 1, reference
    for row in rows:  # no half-written row, from this test or any other (other suites seed rows too)
        assert re.fullmatch(r"[A-Z0-9]{3}-?[A-Z0-9]{3}-?[A-Z0-9]{3}", row["reference"] or ""), row
        assert row["category"] and row["when_label"] and row["what_text"] and row["created_on"], row
    # The supervisor brought the action server back: a new concern is acknowledged again.
    deadline = time.monotonic() + 120
    while True:
        conversation = new_conversation()
        try:
            walk(conversation)
            status, body = chat(service, conversation, "Send it")
        except AssertionError:
            status, body = 0, {}
        if (status == 200 and REFERENCE.search(json.dumps(body))) or time.monotonic() > deadline:
            break
        time.sleep(1)
    match = REFERENCE.search(json.dumps(body))
    assert status == 200 and match, body
    # This one is always acknowledged, so the stored-exactly-once check above is never vacuous here.
    stored = Counter(normalise_reference(r["reference"]) for r in _rows(PG_URL))
    assert stored[normalise_reference(match.group(1))] == 1, match.group(1)
    assert action_server_pid(service) != victim
