"""Engines, migrations and error translation for the concern store.

SQLite (a file under the var directory) by default; PostgreSQL when DATABASE_URL says so.
Migrations are Alembic scripts in ``concerns/migrations``, configured here in code (no
alembic.ini): ``migrate(url)`` brings any database to the latest schema and is safe to call on
every start, also from two processes at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.future import create_engine

from concerns.errors import StoreUnavailable
from gloucester import TIMEZONE

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCAL_TZ = TIMEZONE  # Gloucester local time
# Any fixed number works: it only has to be the same in every process migrating one database.
_PG_MIGRATION_LOCK = 7_240_317


def today_local() -> date:
    """Today's date in Gloucester: the only clock reading a concern ever stores."""
    return datetime.now(LOCAL_TZ).date()


def utcnow() -> datetime:
    """Naive UTC timestamp for staff-side rows (sessions, audit, notes)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def make_engine(url: str, *, sqlite_timeout: float = 5.0) -> Engine:
    """A 2.0-style engine. For SQLite: the directory is created (owner-only) and foreign keys on."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreUnavailable("the concern store address is not a valid database URL") from exc
    kwargs: dict[str, Any] = {"future": True}
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(url)
        if path is not None:
            # If this fails, connecting fails too and the caller gets StoreUnavailable then.
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        kwargs["connect_args"] = {"timeout": sqlite_timeout}
    else:
        kwargs["pool_pre_ping"] = True
        if backend == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": 5}
    engine = create_engine(url, **kwargs)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted text is overwritten on disk, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


@contextlib.contextmanager
def store_errors(action: str) -> Iterator[None]:
    """Turn any database failure into ``StoreUnavailable`` (the transaction has rolled back)."""
    try:
        yield
    except StoreUnavailable:
        raise
    except SQLAlchemyError as exc:
        # The exception class only: driver messages can echo parameters (concern text).
        logger.error("concern store failed while %s (%s)", action, type(exc).__name__)
        raise StoreUnavailable(f"the concern store is unavailable ({action})") from exc


if TYPE_CHECKING:  # alembic itself is imported only when migrating
    from alembic.config import Config


def _alembic_config(connection: Any) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    import fcntl

    lock_path = path.with_name(path.name + ".migrate-lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def migrate_engine(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the latest schema, serialised across processes."""
    from alembic import command

    url = str(engine.url)
    path = _sqlite_path(url)
    with store_errors("migrating"):
        try:
            lock = _file_lock(path) if path is not None else contextlib.nullcontext()
            with lock, engine.begin() as connection:
                if engine.dialect.name == "postgresql":
                    # Held until this transaction ends: a second process waits, then finds head.
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK}
                    )
                command.upgrade(_alembic_config(connection), "head")
        except OSError as exc:
            raise StoreUnavailable("the concern store file cannot be opened") from exc
    if path is not None and path.exists():
        # Owner-only: the file holds concern text.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the latest schema (``python -m concerns migrate``)."""
    engine = make_engine(url)
    try:
        migrate_engine(engine)
    finally:
        engine.dispose()
