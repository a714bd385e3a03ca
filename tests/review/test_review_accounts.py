"""Reviewer accounts, password hashing, sessions and the `python -m bot users` command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from concerns import accounts
from concerns.accounts import (
    SESSION_ABSOLUTE,
    SESSION_IDLE,
    AccountError,
    authenticate,
    create_reviewer,
    create_session,
    load_session,
)
from concerns.schema import review_sessions, reviewers

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2025, 6, 1, 9, 0, 0)


def test_passwords_are_stored_as_argon2id_hashes(engine):
    create_reviewer(engine, "Rita", "a-long-password-1", role="reviewer")
    with engine.connect() as conn:
        row = conn.execute(select(reviewers)).one()
    assert row.username == "rita"
    assert row.password_hash.startswith("$argon2id$")
    assert "a-long-password-1" not in row.password_hash


@pytest.mark.parametrize(
    ("username", "password", "role"),
    [("ok-name", "short", "reviewer"), ("no spaces", "a-long-password-1", "reviewer"),
     ("x", "a-long-password-1", "reviewer"), ("ok-name", "a-long-password-1", "superuser")],
)
def test_bad_accounts_are_refused(engine, username, password, role):
    with pytest.raises(AccountError):
        create_reviewer(engine, username, password, role=role)


def test_duplicate_usernames_are_refused(engine):
    create_reviewer(engine, "rita", "a-long-password-1")
    with pytest.raises(AccountError):
        create_reviewer(engine, "RITA", "another-password-2")


def test_authenticate(engine):
    create_reviewer(engine, "rita", "a-long-password-1")
    assert authenticate(engine, "Rita", "a-long-password-1").username == "rita"
    assert authenticate(engine, "rita", "a-long-password-2") is None
    assert authenticate(engine, "nobody", "a-long-password-1") is None
    assert authenticate(engine, "rita", "") is None
    accounts.set_disabled(engine, "rita", True)
    assert authenticate(engine, "rita", "a-long-password-1") is None


def test_session_tokens_are_stored_hashed(engine):
    reviewer = create_reviewer(engine, "rita", "a-long-password-1")
    token, _session = create_session(engine, reviewer, now=T0)
    with engine.connect() as conn:
        stored = conn.execute(select(review_sessions.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64
    assert load_session(engine, token, now=T0).reviewer.username == "rita"
    assert load_session(engine, token + "x", now=T0) is None
    assert load_session(engine, None) is None


def test_sessions_expire_when_idle(engine):
    reviewer = create_reviewer(engine, "rita", "a-long-password-1")
    token, _ = create_session(engine, reviewer, now=T0)
    assert load_session(engine, token, now=T0 + SESSION_IDLE - timedelta(seconds=1)) is not None
    # Activity slid the expiry; a full idle period after the last use it is gone.
    last = T0 + SESSION_IDLE - timedelta(seconds=1)
    assert load_session(engine, token, now=last + SESSION_IDLE + timedelta(seconds=1)) is None


def test_sessions_end_after_the_absolute_limit_even_if_busy(engine):
    reviewer = create_reviewer(engine, "rita", "a-long-password-1")
    token, _ = create_session(engine, reviewer, now=T0)
    moment = T0
    while moment + timedelta(minutes=20) < T0 + SESSION_ABSOLUTE:
        moment += timedelta(minutes=20)
        assert load_session(engine, token, now=moment) is not None
    assert load_session(engine, token, now=T0 + SESSION_ABSOLUTE + timedelta(seconds=1)) is None


def test_new_password_ends_sessions(engine):
    reviewer = create_reviewer(engine, "rita", "a-long-password-1")
    token, _ = create_session(engine, reviewer)
    accounts.set_password(engine, "rita", "a-new-password-22")
    assert load_session(engine, token) is None
    assert authenticate(engine, "rita", "a-new-password-22") is not None


def _users(*args: str, db: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "users", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )


def test_users_command(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    done = _users("add", "--role", "reviewer", "Rita", "--password-stdin", db=db, stdin="a-long-password-1\n")
    assert done.returncode == 0, done.stderr
    assert "created reviewer account 'rita'" in done.stdout
    assert "a-long-password-1" not in done.stdout + done.stderr
    done = _users("add", "--role", "admin", "adam", "--password-stdin", db=db, stdin="admin-password-22\n")
    assert done.returncode == 0, done.stderr
    done = _users("add", "rita", "--password-stdin", db=db, stdin="another-password-3\n")
    assert done.returncode == 1 and "already exists" in done.stderr
    done = _users("add", "weak", "--password-stdin", db=db, stdin="short\n")
    assert done.returncode == 1 and "at least 12" in done.stderr
    done = _users("add", "--role", "owner", "x-user", "--password-stdin", db=db, stdin="a-long-password-1\n")
    assert done.returncode == 2
    done = _users("list", db=db)
    assert done.stdout.splitlines() == ["adam\tadmin\tactive", "rita\treviewer\tactive"]
    assert _users("disable", "rita", db=db).returncode == 0
    assert "rita\treviewer\tdisabled" in _users("list", db=db).stdout
    assert _users("passwd", "adam", "--password-stdin", db=db, stdin="fresh-password-44\n").returncode == 0
    assert _users("role", "adam", "reviewer", db=db).returncode == 0
    assert _users("delete", "nobody", db=db).returncode == 1
    assert _users("delete", "rita", db=db).returncode == 0
    assert _users("list", db=db).stdout.splitlines() == ["adam\treviewer\tactive"]
