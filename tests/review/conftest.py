"""Fixtures for the review web app: the real app from create_app(), a temporary SQLite store,
real accounts (argon2id hashes) and helpers to sign in through the real login form."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from review_helpers import ADMIN, REVIEWER
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from concerns import ConcernService
from concerns.accounts import create_reviewer
from concerns.db import make_engine, migrate_engine
from ssgp_settings import Settings


@pytest.fixture
def review_settings(tmp_path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'review.sqlite3'}", secure_cookies=False)


@pytest.fixture
def engine(review_settings) -> Iterator[Engine]:
    eng = make_engine(review_settings.database_url)
    migrate_engine(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def accounts(engine) -> dict[str, tuple[str, str]]:
    create_reviewer(engine, *REVIEWER, role="reviewer")
    create_reviewer(engine, *ADMIN, role="admin")
    return {"reviewer": REVIEWER, "admin": ADMIN}


@pytest.fixture
def concern_service(review_settings) -> Iterator[ConcernService]:
    svc = ConcernService(review_settings.database_url, today=lambda: date(2025, 5, 20))
    yield svc
    svc.close()


@pytest.fixture
async def client(aiohttp_client, review_settings, engine):
    return await aiohttp_client(create_app(review_settings))
