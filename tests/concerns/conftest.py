"""Fixtures for the concern library: a fresh database per test, SQLite always and PostgreSQL
as well when DATABASE_URL_TEST points at a server (scripts/start_test_postgres.sh starts one)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.future import create_engine

from concerns.schema import metadata
from concerns.service import ConcernService

PG_URL = os.environ.get("DATABASE_URL_TEST", "")
FIXED_TODAY = date(2025, 6, 10)


def reset_postgres(url: str) -> None:
    """Drop every table of ours (and Alembic's) so each test starts from an empty database."""
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            conn.execute(text("DROP FUNCTION IF EXISTS ssgp_test_fail() CASCADE"))
        metadata.drop_all(engine)
    finally:
        engine.dispose()


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="DATABASE_URL_TEST is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'concerns.sqlite3'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def service(database_url: str) -> Iterator[ConcernService]:
    svc = ConcernService(database_url, today=lambda: FIXED_TODAY)
    yield svc
    svc.close()
