"""The concern store: what is stored (and what never is), commits, failures, migrations.

Every test here runs against SQLite, and against PostgreSQL too when DATABASE_URL_TEST is set.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime, func, inspect, select, text
from sqlalchemy.future import create_engine
from store_helpers import install_failing_trigger

from concerns import ConcernService, InvalidConcern, StoreUnavailable
from concerns.db import make_engine, migrate, migrate_engine
from concerns.references import normalise_reference
from concerns.schema import concern_additions, concerns, metadata
from concerns.vocab import STATUSES

FIXED_TODAY = date(2025, 6, 10)  # the service fixture's clock (tests/concerns/conftest.py)

IDENTIFYING = re.compile(r"sender|user|chat|ip|agent|addr|time|_at$|phone|email|name|device|session")

WHAT = "My neighbour Gary Pike at flat 3 has lads from Birmingham dealing, ring 07700 900461."
EXTRA = "His car is WX19 KPL and his email is gary.p@example.com"


def _reader(url: str):
    """A second, independent connection: proves the data is committed, not just in a session."""
    return create_engine(url, future=True)


def _count(url: str, table) -> int:
    engine = _reader(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_submit_is_committed_before_the_receipt(service, database_url):
    receipt = service.submit("cuckooing_drugs", "in Tuffley", "every night", WHAT, EXTRA)
    assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}", receipt.reference)
    engine = _reader(database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(concerns)).one()
    finally:
        engine.dispose()
    assert row.reference == normalise_reference(receipt.reference)
    assert row.category == "cuckooing_drugs"
    assert row.area == "Tuffley"
    assert row.when_label == "it keeps happening"
    assert row.status == "new"
    assert row.created_on == FIXED_TODAY
    assert receipt.area == "Tuffley" and receipt.when == "it keeps happening"
    assert {"a name", "a house or flat number", "a phone number", "a vehicle registration",
            "an email address"} <= set(receipt.removed_kinds)


def test_nothing_identifying_is_stored(service, database_url):
    service.submit("domestic_abuse", "12 Barton Street", "Tuesday at 3.14pm", WHAT, EXTRA)
    engine = _reader(database_url)
    try:
        insp = inspect(engine)
        for table in ("concerns", "concern_additions"):
            columns = insp.get_columns(table)
            for col in columns:
                # No column that could hold who sent it, how, or at what time.
                if col["name"] not in {"created_on", "concern_id"}:
                    assert not IDENTIFYING.search(col["name"]), (table, col["name"])
                assert not isinstance(col["type"], DateTime), (table, col["name"])
        assert {c["name"] for c in insp.get_columns("concerns")} == {
            "id", "reference", "category", "area", "when_label", "created_on",
            "what_text", "extra_text", "status", "new_information",
        }
        with engine.connect() as conn:
            row = conn.execute(select(concerns)).one()
            raw_day = conn.execute(text("SELECT created_on FROM concerns")).scalar_one()
    finally:
        engine.dispose()
    # A day, not a moment: the raw stored value has no time part.
    assert str(raw_day) == FIXED_TODAY.isoformat()
    assert row.area is None  # a door number and street: dropped, not stored
    assert row.when_label == "in the last week"  # not "Tuesday at 3.14pm"
    stored = f"{row.what_text} {row.extra_text}"
    for secret in ("Gary", "Pike", "flat 3", "07700 900461", "WX19 KPL", "gary.p@example.com", "3.14pm"):
        assert secret not in stored
    assert "Birmingham" in stored and "dealing" in stored
    if database_url.startswith("sqlite"):
        raw = Path(database_url.removeprefix("sqlite:///")).read_bytes()
        for secret in (b"Gary", b"Pike", b"900461", b"WX19", b"example.com"):
            assert secret not in raw


@pytest.mark.parametrize(
    ("category", "what"),
    [("burglary", "someone broke in"), ("other", ""), ("other", "   \u200b  "), ("other", "x" * 5001)],
)
def test_invalid_concerns_are_refused_and_nothing_stored(service, database_url, category, what):
    with pytest.raises(InvalidConcern):
        service.submit(category, None, None, what, None)
    service._ensure_ready()
    assert _count(database_url, concerns) == 0


def test_add_information_and_status_by_reference(service, database_url):
    receipt = service.submit("child_at_risk", "Podsmead", "today", "A girl is picked up after school.")
    typed = receipt.reference.lower().replace("-", " ")
    assert service.status(typed) == "new"
    assert service.add_information(typed, "The driver is called Reece, 07700 900333.") is True
    detailed = service.add_information_receipt(receipt.reference, "Also a man named Dean.")
    assert detailed is not None and detailed.removed_kinds == ["a name"]
    engine = _reader(database_url)
    try:
        with engine.connect() as conn:
            additions = conn.execute(select(concern_additions).order_by(concern_additions.c.id)).all()
            flag = conn.execute(select(concerns.c.new_information)).scalar_one()
    finally:
        engine.dispose()
    assert len(additions) == 2
    assert all(a.created_on == FIXED_TODAY for a in additions)
    assert "Reece" not in additions[0].text and "900333" not in additions[0].text
    assert "driver" in additions[0].text
    assert flag is True


def test_status_gives_only_the_status(service):
    receipt = service.submit("hate_crime", None, None, "Slurs shouted at the corner shop owner.")
    status = service.status(receipt.reference)
    assert status in STATUSES
    assert "Slurs" not in status


@pytest.mark.parametrize("code", ["ZZZ-ZZZ-ZZZ", "not a code", "", "K7Q-4MX"])
def test_unknown_reference(service, database_url, code):
    service.submit("other", None, None, "Something else entirely.")
    assert service.status(code) is None
    assert service.add_information(code, "more") is False
    assert _count(database_url, concern_additions) == 0


def test_logs_never_contain_concern_text(service, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "Zebedee-marker-text outside the launderette"
    receipt = service.submit("antisocial_behaviour", "Westgate", "today", marker, marker)
    service.add_information(receipt.reference, marker)
    service.status(receipt.reference)
    logged = caplog.text
    assert "Zebedee" not in logged and "launderette" not in logged
    assert normalise_reference(receipt.reference) not in logged.replace("-", "")


# --- failures: StoreUnavailable and nothing half-written ----------------------------------


def test_unreachable_sqlite_store(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    service = ConcernService(f"sqlite:///{blocker / 'concerns.sqlite3'}")
    with pytest.raises(StoreUnavailable):
        service.submit("other", None, None, "Something is wrong.")
    with pytest.raises(StoreUnavailable):
        service.status("K7Q-4MX-P2D")


def test_unreachable_postgres_store():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on the port once the socket is closed.
    service = ConcernService(f"postgresql://nobody:nothing@127.0.0.1:{port}/none")
    with pytest.raises(StoreUnavailable):
        service.submit("other", None, None, "Something is wrong.")


def test_failed_submit_stores_nothing(service, database_url):
    service._ensure_ready()
    install_failing_trigger(database_url, "concerns", "AFTER INSERT")
    with pytest.raises(StoreUnavailable):
        service.submit("other", None, None, "Needles in the play area.")
    assert _count(database_url, concerns) == 0


def test_failed_addition_is_all_or_nothing(service, database_url):
    receipt = service.submit("other", None, None, "Needles in the play area.")
    # The addition row is inserted first; the flag update then fails: the insert must roll back.
    install_failing_trigger(database_url, "concerns", "BEFORE UPDATE")
    with pytest.raises(StoreUnavailable):
        service.add_information(receipt.reference, "They were there again today.")
    assert _count(database_url, concern_additions) == 0
    assert service.status(receipt.reference) == "new"


def test_locked_sqlite_store_raises_and_writes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'concerns.sqlite3'}"
    migrate(url)
    service = ConcernService(engine=make_engine(url, sqlite_timeout=0.05), today=lambda: FIXED_TODAY)
    holder = sqlite3.connect(tmp_path / "concerns.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreUnavailable):
            service.submit("other", None, None, "Street drinking by the bins.")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _count(url, concerns) == 0
    # Once the store is back the same call works.
    assert service.status(service.submit("other", None, None, "Street drinking.").reference) == "new"
    service.close()


# --- migrations ---------------------------------------------------------------------------


def test_migrations_create_exactly_the_schema(database_url):
    migrate(database_url)
    migrate(database_url)  # idempotent
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_concurrent_migrations_do_not_collide(database_url):
    errors: list[BaseException] = []

    def run() -> None:
        engine = make_engine(database_url)
        try:
            migrate_engine(engine)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_sqlite_file_is_private(tmp_path):
    url = f"sqlite:///{tmp_path / 'deep' / 'dir' / 'concerns.sqlite3'}"
    migrate(url)
    path = tmp_path / "deep" / "dir" / "concerns.sqlite3"
    assert path.exists()
    assert path.stat().st_mode & 0o077 == 0


def test_service_needs_a_database():
    with pytest.raises(ValueError):
        ConcernService("")

