"""Helpers for the action tests: saved trackers (fixtures/*.json) and what a dispatcher kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A Monday morning: a fixed moment for the cards' opening-hours lines.
FIXED_NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def tracker_state(name: str, **placeholders: str) -> dict[str, Any]:
    """The saved tracker ``name``, with ``{placeholder}`` markers (e.g. a reference code) filled in."""
    text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
    for key, value in placeholders.items():
        text = text.replace("{" + key + "}", value)
    return json.loads(text)


def load_tracker(
    name: str,
    *,
    text: str | None = None,
    intent: str | None = None,
    confidence: float | None = None,
    slots: dict[str, Any] | None = None,
    **placeholders: str,
) -> Tracker:
    """A ``Tracker`` from a saved state; ``text``/``intent``/``confidence`` replace the latest user
    message (in ``latest_message`` and in its event), so one saved turn serves many replies."""
    state = tracker_state(name, **placeholders)
    message = state["latest_message"]
    if text is not None:
        message["text"] = text
    if intent is not None:
        message["intent"] = {"name": intent, "confidence": message["intent"]["confidence"]}
    if confidence is not None:
        message["intent"]["confidence"] = confidence
    if text is not None or intent is not None or confidence is not None:
        message["intent_ranking"] = [dict(message["intent"])]
        last_user = next(e for e in reversed(state["events"]) if e["event"] == "user")
        last_user["text"] = message["text"]
        last_user["parse_data"] = message
    state["slots"].update(slots or {})
    return Tracker.from_dict(state)


def said(dispatcher: CollectingDispatcher) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """What the action said: (text, buttons) per message."""
    return [(m["text"], m["buttons"]) for m in dispatcher.messages]


def texts(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [m["text"] for m in dispatcher.messages]

