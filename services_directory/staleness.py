"""Which records need re-checking: too long since their facts were assured, or carrying unverified facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services_directory.directory import Directory


@dataclass(frozen=True)
class StaleRecord:
    """One record that needs a person to re-check it, with the reasons why."""

    key: str
    name: str
    assured_date: date
    age_days: int
    verified: bool
    reasons: tuple[str, ...]


def staleness_report(
    directory: Directory, days: int, today: date | None = None, include_unverified: bool = True
) -> list[StaleRecord]:
    """Records assured more than ``days`` ago (and, by default, any with unverified facts), oldest first."""
    if days < 0:
        raise ValueError("days must be zero or more")
    today = today or date.today()
    report = []
    for s in directory.services:
        age = (today - s.assured_date).days
        reasons = []
        if age > days:
            reasons.append(f"last checked {age} days ago (limit {days})")
        if include_unverified and not s.fully_verified:
            reasons.append("has unverified facts" + (f": {s.notes.strip()}" if s.notes else ""))
        if reasons:
            report.append(StaleRecord(s.key, s.name, s.assured_date, age, s.fully_verified, tuple(reasons)))
    report.sort(key=lambda r: (-r.age_days, r.key))
    return report
