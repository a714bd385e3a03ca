"""Load the content register (content/register.yml). Plain Python: no Rasa imports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

REGISTER_PATH = Path(__file__).resolve().parent / "register.yml"


@dataclass(frozen=True)
class RegisterEntry:
    response: str
    topic: str
    sources: tuple[str, ...]
    # The date the answer's facts were checked against their sources (or the shared facts reference
    # that cites them): not a publication date, not a confirmation by any service. Never shown to residents.
    checked: dt.date | None
    needs: tuple[str, ...] = field(default_factory=tuple)
    services: tuple[str, ...] = field(default_factory=tuple)


def _entry(raw: dict) -> RegisterEntry:
    checked = raw.get("checked")
    if isinstance(checked, str):
        checked = dt.date.fromisoformat(checked)
    return RegisterEntry(
        response=str(raw["response"]),
        topic=str(raw.get("topic", "")),
        sources=tuple(raw.get("sources") or ()),
        checked=checked,
        needs=tuple(raw.get("needs") or ()),
        services=tuple(raw.get("services") or ()),
    )


@lru_cache(maxsize=4)
def load_register(path: Path = REGISTER_PATH) -> dict[str, RegisterEntry]:
    """Entries by response name, e.g. ``utter_faq/cuckooing_what``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = [_entry(raw) for raw in data.get("answers", [])]
    return {entry.response: entry for entry in entries}


@dataclass(frozen=True)
class CheckedSource:
    """A public source read with the search tool that is not in the shared facts reference."""

    url: str
    checked: dt.date
    supports: str


@lru_cache(maxsize=4)
def load_sources_checked(path: Path = REGISTER_PATH) -> dict[str, CheckedSource]:
    """The register's `sources_checked` ledger, by URL."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    ledger: dict[str, CheckedSource] = {}
    for raw in data.get("sources_checked", []):
        checked = raw["checked"]
        if isinstance(checked, str):
            checked = dt.date.fromisoformat(checked)
        ledger[str(raw["url"])] = CheckedSource(str(raw["url"]), checked, str(raw["supports"]))
    return ledger
