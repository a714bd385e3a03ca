"""Fixtures for the custom actions, in the pattern of RasaHQ/financial-demo's tests/conftest.py:
a saved tracker (fixtures/*.json, the JSON Rasa sends the action server) loaded into rasa_sdk's
``Tracker`` (actions_support.load_tracker), a ``CollectingDispatcher`` that keeps what the action
says, and the domain as the dict Rasa sends. Nothing here needs a trained model.

The concern store is real: a ConcernService on a fresh SQLite file per test. The directory is the
real records. Only the clock is fixed, so that "open now" lines on the service cards do not depend
on when the tests run.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# No __init__.py in this folder: with one, "tests/actions" would shadow the real ``actions`` package.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # actions_support imports by name, as the other test folders' helpers do
    sys.path.insert(0, HERE)

from actions_support import FIXED_NOW  # noqa: E402
from rasa.shared.core.domain import Domain  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

import actions.concern  # noqa: E402
import actions.find_service  # noqa: E402
import actions.signposting  # noqa: E402
from concerns import ConcernService  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The real domain, as the dict Rasa sends with each action call."""
    return Domain.load(str(ROOT / "domain")).as_dict()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ConcernService]:
    """A real concern store on a temporary SQLite file, used by the concern actions."""
    service = ConcernService(f"sqlite:///{tmp_path / 'concerns.sqlite3'}")
    service.prepare()  # the tables exist from the start, so "nothing was stored" can be checked
    monkeypatch.setattr(actions.concern, "concern_service", lambda: service)
    yield service
    service.close()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr(actions.find_service, "now", lambda: FIXED_NOW)
    monkeypatch.setattr(actions.signposting, "now", lambda: FIXED_NOW)
    return FIXED_NOW
