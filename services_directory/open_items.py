"""Open questions from the facts reference that someone must settle locally (services_directory/open_items.yml).

They are data, not code: staff add, word and resolve items in the YAML file, and the staleness report
prints every item that is still open. An item may name the directory records it affects; those keys
must exist. A resolved item stays in the file (with ``resolved`` and ``resolution``) as the record of
what was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

OPEN_ITEMS_PATH = Path(__file__).resolve().parent / "open_items.yml"
_FIELDS = {"id", "reference_item", "title", "why", "check", "records", "applies_to", "resolved", "resolution"}


@dataclass(frozen=True)
class OpenItem:
    id: str
    reference_item: int
    title: str
    why: str
    check: str
    records: tuple[str, ...]
    applies_to: str | None = None
    resolved: date | None = None
    resolution: str | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved is None


def _text(raw: dict[str, Any], name: str, where: str, errors: list[str], required: bool = True) -> str | None:
    value = raw.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: {name} must be non-empty text")
        return None
    return " ".join(value.split())


def _item(raw: Any, index: int, errors: list[str], today: date) -> OpenItem | None:
    where = f"open_items.yml items[{index}]"
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected 'key: value' lines")
        return None
    before = len(errors)
    unknown = set(raw) - _FIELDS
    if unknown:
        errors.append(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item_id):
        errors.append(f"{where}: id must be a lower-case slug")
    else:
        where = f"open_items.yml {item_id}"
    number = raw.get("reference_item")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        errors.append(f"{where}: reference_item must be the item's number in the reference's open-items list")
    title = _text(raw, "title", where, errors)
    why = _text(raw, "why", where, errors)
    check = _text(raw, "check", where, errors)
    applies_to = _text(raw, "applies_to", where, errors, required=False)
    records = raw.get("records", [])
    if not isinstance(records, list) or not all(isinstance(k, str) for k in records):
        errors.append(f"{where}: records must be a list of record keys")
        records = []
    if not records and not applies_to:
        errors.append(f"{where}: name the records it affects, or say what it applies_to")
    resolved = raw.get("resolved")
    if isinstance(resolved, str):
        try:
            resolved = date.fromisoformat(resolved)
        except ValueError:
            errors.append(f"{where}: resolved {resolved!r} is not a real date")
    if resolved is not None and not isinstance(resolved, date):
        errors.append(f"{where}: resolved must be a date (YYYY-MM-DD)")
    elif isinstance(resolved, date) and resolved > today:
        errors.append(f"{where}: resolved is in the future")
    resolution = _text(raw, "resolution", where, errors, required=resolved is not None)
    # A bad id or number has added an error above; the isinstance checks only tell the type checker.
    if len(errors) > before or not isinstance(item_id, str) or not isinstance(number, int):
        return None
    return OpenItem(
        id=item_id,
        reference_item=number,
        title=title or "",
        why=why or "",
        check=check or "",
        records=tuple(records),
        applies_to=applies_to,
        resolved=resolved if isinstance(resolved, date) else None,
        resolution=resolution,
    )


def load_open_items(
    path: Path = OPEN_ITEMS_PATH, record_keys: Iterable[str] | None = None, today: date | None = None
) -> tuple[list[OpenItem], list[str]]:
    """(items, problems). With ``record_keys``, every record an item names must be one of them."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [], [f"{path.name}: cannot read ({exc.__class__.__name__})"]
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return [], [f"{path.name}: expected an 'items:' list"]
    errors: list[str] = []
    items: list[OpenItem] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["items"]):
        item = _item(raw, i, errors, today or date.today())
        if item is None:
            continue
        if item.id in seen:
            errors.append(f"{path.name}: id {item.id!r} is used twice")
            continue
        seen.add(item.id)
        items.append(item)
    if record_keys is not None:
        known = set(record_keys)
        for item in items:
            for key in item.records:
                if key not in known:
                    errors.append(f"{path.name} {item.id}: no record with key {key!r}")
    return items, errors


def open_only(items: Iterable[OpenItem]) -> list[OpenItem]:
    """Items still open, in the reference's order."""
    return sorted((i for i in items if i.is_open), key=lambda i: (i.reference_item, i.id))


def describe(item: OpenItem) -> str:
    """One item as a few plain lines for the report."""
    about = ", ".join(item.records) if item.records else item.applies_to
    return f"[{item.reference_item}] {item.title} ({about})\n    Why: {item.why}\n    Check: {item.check}"
