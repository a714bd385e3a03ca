"""Facts about Gloucester itself that more than one library needs: its wards and its clock.

Plain data, no settings and no Rasa: the concern store (``concerns``) and the services directory
(``services_directory``) both read the ward list from here, so they can never disagree about it,
and everything that tells the time in Gloucester uses ``TIMEZONE``. The wards, with their source
and the date they were checked, are in ``gloucester/wards.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

# UK local time: a 9am opening stays 9am, and a concern's date is Gloucester's date, across clock changes.
TIMEZONE = ZoneInfo("Europe/London")

WARDS_FILE = Path(__file__).resolve().parent / "wards.yml"


def _load(path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    wards = {str(ward): tuple(str(a) for a in aliases or ()) for ward, aliases in data["wards"].items()}
    groups = {str(name): tuple(str(w) for w in members) for name, members in (data.get("groups") or {}).items()}
    for name, members in groups.items():
        unknown = [m for m in members if m not in wards]
        if unknown:
            raise ValueError(f"{path}: group {name!r} names unknown wards {unknown}")
    return wards, groups


# Canonical ward name -> the shorter names people use for it (in the order of the file).
WARDS: dict[str, tuple[str, ...]]
# A name that covers several wards -> those wards.
WARD_GROUPS: dict[str, tuple[str, ...]]
WARDS, WARD_GROUPS = _load(WARDS_FILE)

__all__ = ["TIMEZONE", "WARDS", "WARDS_FILE", "WARD_GROUPS"]
