"""Convert record files from the old single ``assured_date`` to ``information_date`` (re-runnable).

Records written before the two dates were kept apart carry ``assured_date``: the day their facts were
checked against the facts reference. Nobody confirmed them with the service, so the honest
conversion is ``information_date`` with ``information_date_kind: checked``, and no
``confirmed_with_service``. The file is edited as text, line by line, so comments and layout stay as
they are; a file without ``assured_date`` is left untouched, so running it twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from services_directory.dates import CHECKED

# Top-level key only (no indentation); an optional trailing comment is dropped with it, because old
# comments called this date "last checked".
_OLD = re.compile(r"^assured_date:[ \t]*['\"]?(?P<value>[0-9-]+)['\"]?[ \t]*(#.*)?$", re.M)
_NEW = re.compile(r"^information_date:[ \t]*['\"]?(?P<value>[0-9-]+)['\"]?", re.M)


@dataclass(frozen=True)
class Conversion:
    name: str
    changed: bool
    problem: str | None = None


def convert_text(text: str) -> tuple[str, str | None]:
    """(new text, problem or None). Text without ``assured_date`` comes back unchanged."""
    old = _OLD.search(text)
    if old is None:
        if re.search(r"^\s*assured_date:", text, re.M):
            return text, "assured_date is not a plain top-level YYYY-MM-DD line; convert it by hand"
        return text, None
    value = old["value"]
    try:
        date.fromisoformat(value)
    except ValueError:
        return text, f"assured_date {value!r} is not a real date; fix it by hand"
    new = _NEW.search(text)
    if new is not None:
        if new["value"] != value:
            return text, f"has both assured_date {value} and information_date {new['value']}; keep one by hand"
        return text[: old.start()] + text[old.end() + 1 :], None  # already converted: drop the old line
    replacement = f"information_date: {value}\ninformation_date_kind: {CHECKED}"
    return text[: old.start()] + replacement + text[old.end() :], None


def convert_folder(folder: Path, write: bool = True) -> list[Conversion]:
    """Convert every record file in ``folder``; with ``write=False`` only report what would change."""
    results = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        text = path.read_text(encoding="utf-8")
        new, problem = convert_text(text)
        changed = new != text
        if changed and write:
            path.write_text(new, encoding="utf-8")
        results.append(Conversion(path.name, changed, problem))
    return results
