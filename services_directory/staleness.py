"""Which records need re-checking: information too old, or carrying unverified facts.

Age is measured from a record's freshest date (its information date, or the day someone confirmed
it with the service if that is later; see services_directory/dates.py). The open questions from
the facts reference are listed separately, from services_directory/open_items.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services_directory.dates import age_reason, freshest
from services_directory.directory import Directory


@dataclass(frozen=True)
class StaleRecord:
    """One record that needs a person to re-check it, with the reasons why."""

    key: str
    name: str
    information_date: date
    confirmed_with_service: date | None
    age_days: int
    verified: bool
    reasons: tuple[str, ...]


def staleness_report(
    directory: Directory, days: int, today: date | None = None, include_unverified: bool = True
) -> list[StaleRecord]:
    """Records whose freshest date is more than ``days`` old (and, by default, any with unverified facts),
    oldest first."""
    if days < 0:
        raise ValueError("days must be zero or more")
    today = today or date.today()
    report = []
    for s in directory.services:
        age = (today - freshest(s)).days
        reasons = []
        if age > days:
            reasons.append(age_reason(s, age, days))
        if include_unverified and not s.fully_verified:
            reasons.append("has unverified facts" + (f": {s.notes.strip()}" if s.notes else ""))
        if reasons:
            report.append(
                StaleRecord(
                    s.key, s.name, s.information_date, s.confirmed_with_service, age, s.fully_verified, tuple(reasons)
                )
            )
    report.sort(key=lambda r: (-r.age_days, r.key))
    return report


def never_confirmed(directory: Directory) -> list[str]:
    """Keys of records nobody has yet confirmed with the service."""
    return [s.key for s in directory.services if s.confirmed_with_service is None]
