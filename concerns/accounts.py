"""Reviewer accounts and their server-side sessions.

Passwords are hashed with argon2id (argon2-cffi's RFC 9106 low-memory profile). There are no
default accounts: every account is made with ``python -m bot users add``. Session tokens are
random (256 bits); only their SHA-256 is stored, with an idle and an absolute expiry.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from concerns.db import store_errors, utcnow
from concerns.errors import ConcernError, StoreUnavailable
from concerns.schema import review_sessions, reviewers

ROLES: tuple[str, ...] = ("reviewer", "admin")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024

# Signed-in sessions end after 30 idle minutes or 8 hours in all; a pre-login session (which
# only carries the login form's CSRF token) after 30 minutes.
SESSION_IDLE = timedelta(minutes=30)
SESSION_ABSOLUTE = timedelta(hours=8)
# Avoid a write on every request: last_seen_at moves at most once a minute.
_TOUCH_EVERY = timedelta(minutes=1)

_hasher = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both cases cost the same time."""
    return _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ConcernError, ValueError):
    """A reviewer account could not be created or changed (message is safe to print)."""


@dataclass(frozen=True)
class Reviewer:
    id: int
    username: str
    role: str
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Session:
    id: int
    csrf_token: str
    reviewer: Reviewer | None  # None: pre-login session


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def check_username(username: str) -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise AccountError(
            "a username is 3 to 64 characters: lower-case letters, digits, dot, dash or underscore"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"a password can have at most {MAX_PASSWORD_CHARS} characters")
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"role must be one of: {', '.join(ROLES)}")
    return role


def create_reviewer(engine: Engine, username: str, password: str, role: str = "reviewer") -> Reviewer:
    name = check_username(username)
    check_password(password)
    check_role(role)
    password_hash = _hasher.hash(password)
    try:
        with store_errors("creating an account"), engine.begin() as conn:
            result = conn.execute(
                insert(reviewers).values(
                    username=name, password_hash=password_hash, role=role,
                    disabled=False, created_at=utcnow(),
                )
            )
            new_id = int(result.inserted_primary_key[0])
    except StoreUnavailable as exc:
        if isinstance(exc.__cause__, IntegrityError):
            raise AccountError(f"an account called {name!r} already exists") from None
        raise
    return Reviewer(new_id, name, role)


def list_reviewers(engine: Engine) -> list[Reviewer]:
    with store_errors("listing accounts"), engine.connect() as conn:
        rows = conn.execute(
            select(reviewers.c.id, reviewers.c.username, reviewers.c.role, reviewers.c.disabled)
            .order_by(reviewers.c.username)
        ).all()
    return [Reviewer(r.id, r.username, r.role, bool(r.disabled)) for r in rows]


def _require(conn: Connection, name: str) -> int:
    row = conn.execute(select(reviewers.c.id).where(reviewers.c.username == name)).first()
    if row is None:
        raise AccountError(f"no account called {name!r}")
    return int(row.id)


def set_password(engine: Engine, username: str, password: str) -> None:
    name = normalise_username(username)
    check_password(password)
    password_hash = _hasher.hash(password)
    with store_errors("changing a password"), engine.begin() as conn:
        rid = _require(conn, name)
        conn.execute(update(reviewers).where(reviewers.c.id == rid).values(password_hash=password_hash))
        # A new password ends every existing session.
        conn.execute(delete(review_sessions).where(review_sessions.c.reviewer_id == rid))


def set_disabled(engine: Engine, username: str, disabled: bool) -> None:
    name = normalise_username(username)
    with store_errors("changing an account"), engine.begin() as conn:
        rid = _require(conn, name)
        conn.execute(update(reviewers).where(reviewers.c.id == rid).values(disabled=disabled))
        if disabled:
            conn.execute(delete(review_sessions).where(review_sessions.c.reviewer_id == rid))


def set_role(engine: Engine, username: str, role: str) -> None:
    name = normalise_username(username)
    check_role(role)
    with store_errors("changing an account"), engine.begin() as conn:
        rid = _require(conn, name)
        conn.execute(update(reviewers).where(reviewers.c.id == rid).values(role=role))
        conn.execute(delete(review_sessions).where(review_sessions.c.reviewer_id == rid))


def delete_reviewer(engine: Engine, username: str) -> None:
    name = normalise_username(username)
    with store_errors("deleting an account"), engine.begin() as conn:
        rid = _require(conn, name)
        conn.execute(delete(review_sessions).where(review_sessions.c.reviewer_id == rid))
        conn.execute(delete(reviewers).where(reviewers.c.id == rid))


def authenticate(engine: Engine, username: str, password: str) -> Reviewer | None:
    """The reviewer if the password is right and the account enabled; None otherwise.

    Costs one argon2 verification whether or not the account exists.
    """
    name = normalise_username(username)
    if not password or len(password) > MAX_PASSWORD_CHARS:
        return None
    with store_errors("checking a login"), engine.connect() as conn:
        row = conn.execute(select(reviewers).where(reviewers.c.username == name)).first() \
            if USERNAME_RE.match(name) else None
    stored = row.password_hash if row is not None else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    updates: dict[str, object] = {"last_login_at": utcnow()}
    if _hasher.check_needs_rehash(stored):
        updates["password_hash"] = _hasher.hash(password)
    with store_errors("recording a login"), engine.begin() as conn:
        conn.execute(update(reviewers).where(reviewers.c.id == row.id).values(**updates))
    return Reviewer(int(row.id), row.username, row.role, False)


def reviewer_exists(engine: Engine, username: str) -> bool:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        return False
    with store_errors("checking an account"), engine.connect() as conn:
        return conn.execute(select(reviewers.c.id).where(reviewers.c.username == name)).first() is not None


# --- sessions -----------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(engine: Engine, reviewer: Reviewer | None, *, now: datetime | None = None) -> tuple[str, Session]:
    """A new session; returns the cookie token (shown once, never stored) and the session."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = now + SESSION_IDLE
    with store_errors("starting a session"), engine.begin() as conn:
        # Housekeeping on the way: expired sessions are useless and only take space.
        conn.execute(delete(review_sessions).where(review_sessions.c.expires_at < now))
        result = conn.execute(
            insert(review_sessions).values(
                token_hash=_token_hash(token),
                reviewer_id=reviewer.id if reviewer else None,
                csrf_token=csrf,
                created_at=now,
                last_seen_at=now,
                expires_at=expires,
            )
        )
        session_id = int(result.inserted_primary_key[0])
    return token, Session(session_id, csrf, reviewer)


def load_session(engine: Engine, token: str | None, *, now: datetime | None = None) -> Session | None:
    """The live session for a cookie token (sliding the idle expiry), or None."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    with store_errors("loading a session"), engine.begin() as conn:
        row = conn.execute(
            select(
                review_sessions, reviewers.c.username, reviewers.c.role, reviewers.c.disabled,
            )
            .select_from(
                review_sessions.outerjoin(reviewers, review_sessions.c.reviewer_id == reviewers.c.id)
            )
            .where(review_sessions.c.token_hash == _token_hash(token))
        ).first()
        if row is None:
            return None
        absolute_end = row.created_at + SESSION_ABSOLUTE
        if row.expires_at <= now or absolute_end <= now or (row.reviewer_id is not None and row.disabled):
            conn.execute(delete(review_sessions).where(review_sessions.c.id == row.id))
            return None
        if now - row.last_seen_at >= _TOUCH_EVERY:
            conn.execute(
                update(review_sessions)
                .where(review_sessions.c.id == row.id)
                .values(last_seen_at=now, expires_at=min(now + SESSION_IDLE, absolute_end))
            )
    reviewer = (
        Reviewer(int(row.reviewer_id), row.username, row.role, False)
        if row.reviewer_id is not None
        else None
    )
    return Session(int(row.id), row.csrf_token, reviewer)


def end_session(engine: Engine, session_id: int) -> None:
    with store_errors("ending a session"), engine.begin() as conn:
        conn.execute(delete(review_sessions).where(review_sessions.c.id == session_id))
