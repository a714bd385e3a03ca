"""Retention: purge deletes old concerns with everything attached, keeps the rest; the CLI works."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_helpers import install_failing_trigger

from concerns import ConcernService, StoreUnavailable
from concerns.db import make_engine, today_local
from concerns.retention import purge
from concerns.review import audit, change_status, get_concern
from concerns.schema import audit_log, concern_additions, concerns, review_notes, review_sessions

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 6, 10)


def _submit_on(url: str, day: date, text: str) -> tuple[str, int]:
    service = ConcernService(url, today=lambda: day)
    try:
        receipt = service.submit("other", None, None, text)
        service.add_information(receipt.reference, f"more about {text}")
    finally:
        service.close()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            concern_id = conn.execute(
                select(concerns.c.id).where(concerns.c.what_text == text)
            ).scalar_one()
    finally:
        engine.dispose()
    return receipt.reference, concern_id


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (concerns, concern_additions, review_notes, audit_log)
            }
    finally:
        engine.dispose()


def _populate(url: str) -> dict[str, int]:
    ids = {}
    for label, age in (("ancient", 400), ("boundary-old", 31), ("boundary-kept", 30), ("fresh", 2)):
        _ref, ids[label] = _submit_on(url, TODAY - timedelta(days=age), f"concern {label}")
    engine = make_engine(url)
    try:
        for concern_id in ids.values():
            get_concern(engine, concern_id, "rita")  # audit entry pointing at the concern
            change_status(engine, concern_id, "reviewed", "looked at it", "rita")  # note + audit
    finally:
        engine.dispose()
    return ids


def test_purge_deletes_old_concerns_and_everything_attached(database_url):
    ids = _populate(database_url)
    engine = make_engine(database_url)
    try:
        result = purge(engine, 30, today=TODAY, now=datetime(2025, 6, 10, 12, 0))
        with engine.connect() as conn:
            left = set(conn.execute(select(concerns.c.what_text)).scalars())
            for table in (concern_additions, review_notes, audit_log):
                orphan_ids = set(conn.execute(select(table.c.concern_id)).scalars()) - {None}
                assert orphan_ids <= {ids["boundary-kept"], ids["fresh"]}, table.name
    finally:
        engine.dispose()
    assert left == {"concern boundary-kept", "concern fresh"}
    assert result.cutoff == TODAY - timedelta(days=30)
    assert result.concerns == 2 and result.additions == 2 and result.notes == 2
    assert result.audit_entries >= 4
    counts = _counts(database_url)
    assert counts["concern_additions"] == 2 and counts["review_notes"] == 2


def test_purge_with_nothing_old_deletes_nothing(database_url):
    _populate(database_url)
    before = _counts(database_url)
    engine = make_engine(database_url)
    try:
        result = purge(engine, 1000, today=TODAY, now=datetime(2025, 6, 10, 12, 0))
    finally:
        engine.dispose()
    assert result.concerns == 0
    assert _counts(database_url) == before


def test_purge_removes_old_staff_audit_and_expired_sessions(database_url):
    from concerns.accounts import create_session

    engine = make_engine(database_url)
    try:
        from concerns.db import migrate_engine

        migrate_engine(engine)
        audit(engine, "rita", "login")
        create_session(engine, None, now=datetime(2025, 1, 1, 9, 0))  # long expired
    finally:
        engine.dispose()
    engine = make_engine(database_url)
    try:
        # The audit entry was written "now" (real clock): purging as of a far-future day removes it.
        result = purge(engine, 30, today=today_local() + timedelta(days=400),
                       now=datetime(2025, 6, 10, 12, 0))
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(audit_log)).scalar_one() == 0
            assert conn.execute(select(func.count()).select_from(review_sessions)).scalar_one() == 0
    finally:
        engine.dispose()
    assert result.sessions == 1


def test_failed_purge_deletes_nothing(database_url):
    _populate(database_url)
    before = _counts(database_url)
    # Additions, notes and audit rows are deleted before the concerns; then that delete fails.
    install_failing_trigger(database_url, "concerns", "BEFORE DELETE")
    engine = make_engine(database_url)
    try:
        with pytest.raises(StoreUnavailable):
            purge(engine, 30, today=TODAY)
    finally:
        engine.dispose()
    assert _counts(database_url) == before


def test_negative_days_refused(database_url):
    engine = make_engine(database_url)
    try:
        with pytest.raises(ValueError):
            purge(engine, -1)
    finally:
        engine.dispose()


def _cli(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_extra, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "concerns", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_cli_migrate_and_purge(database_url, tmp_path):
    today = today_local()
    env = {"DATABASE_URL": database_url, "SSGP_VAR_DIR": str(tmp_path / "var")}
    done = _cli("migrate", env_extra=env)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    _submit_on(database_url, today - timedelta(days=500), "very old concern")
    _submit_on(database_url, today - timedelta(days=100), "middle concern")
    _submit_on(database_url, today, "today's concern")

    # Default period from CONCERN_RETENTION_DAYS (365): only the 500-day-old one goes.
    done = _cli("purge", env_extra={**env, "CONCERN_RETENTION_DAYS": "365"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("deleted 1 concerns")
    # --days overrides it.
    done = _cli("purge", "--days", "30", env_extra=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("deleted 1 concerns")
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            assert list(conn.execute(select(concerns.c.what_text)).scalars()) == ["today's concern"]
    finally:
        engine.dispose()
    # The database password never reaches the output.
    assert "***" in _cli("migrate", env_extra=env).stdout or database_url.startswith("sqlite")


def test_cli_reports_an_unavailable_store(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = _cli("purge", env_extra={"DATABASE_URL": f"sqlite:///{blocker / 'db.sqlite3'}"})
    assert done.returncode == 1
    assert "error:" in done.stderr and "Traceback" not in done.stderr
