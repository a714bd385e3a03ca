"""Shared helpers for actions: settings, the directory, and reading the latest parse."""

from __future__ import annotations

import datetime as dt

from rasa_sdk import Tracker

from gloucester import TIMEZONE
from services_directory import Directory, load_directory
from ssgp_settings import Settings, get_settings

LONDON = TIMEZONE  # Gloucester local time


def settings() -> Settings:
    return get_settings()


def directory() -> Directory:
    # load_directory caches by path and modification time, so edits to records show at once.
    return load_directory(settings().directory_path)


def now() -> dt.datetime:
    return dt.datetime.now(tz=LONDON)


def retrieval_key(tracker: Tracker, retrieval_intent: str = "faq") -> str | None:
    """The full retrieval intent the ResponseSelector chose, e.g. ``faq/cuckooing_what``."""
    selector = (tracker.latest_message or {}).get("response_selector") or {}
    chosen = selector.get(retrieval_intent) or selector.get("default") or {}
    response = chosen.get("response") or {}
    return response.get("intent_response_key")
