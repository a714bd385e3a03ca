"""Opening hours: is a service open at a given moment, and how to say its hours in plain English.

All times are UK local time (Europe/London), so a 9am opening stays 9am across clock changes.
A schedule is either open all day on its days, or open between two clock times; a closing time
at or before the opening time means the window runs past midnight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property

from gloucester import TIMEZONE

LONDON = TIMEZONE  # Gloucester local time (gloucester.TIMEZONE)
DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES: dict[str, str] = {
    "MO": "Mon",
    "TU": "Tue",
    "WE": "Wed",
    "TH": "Thu",
    "FR": "Fri",
    "SA": "Sat",
    "SU": "Sun",
}
PHONE = "phone"


@dataclass(frozen=True)
class Schedule:
    """One weekly opening pattern for one way of contacting the service."""

    byday: tuple[str, ...]
    opens_at: time | None = None
    closes_at: time | None = None
    all_day: bool = False
    channel: str = PHONE
    description: str | None = None
    verified: bool | None = None  # None: inherit from the record

    @cached_property
    def windows(self) -> list[tuple[int, int, int]]:
        """(weekday index, start minute, end minute) with end possibly past 1440 for overnight.

        Worked out once per schedule: every open/closed check reads it."""
        out = []
        for day in self.byday:
            index = DAYS.index(day)
            if self.all_day or self.opens_at is None or self.closes_at is None:
                out.append((index, 0, 1440))
                continue
            start = self.opens_at.hour * 60 + self.opens_at.minute
            end = self.closes_at.hour * 60 + self.closes_at.minute
            if end <= start:
                end += 1440
            out.append((index, start, end))
        return out

    def is_open(self, local: datetime) -> bool:
        """True when ``local`` (Europe/London wall time) falls inside this schedule."""
        minute = local.hour * 60 + local.minute
        today = local.weekday()
        for day, start, end in self.windows:
            if day == today and start <= minute < end:
                return True
            if end > 1440 and (day + 1) % 7 == today and minute < end - 1440:
                return True
        return False


def to_london(now: datetime | None) -> datetime:
    """The given moment as London wall time; naive datetimes are taken to be London time already."""
    if now is None:
        return datetime.now(LONDON)
    if now.tzinfo is None:
        return now.replace(tzinfo=LONDON)
    return now.astimezone(LONDON)


def is_always_open(schedules: tuple[Schedule, ...]) -> bool:
    """True when the schedules cover every minute of the week (24/7)."""
    days = {d for s in schedules if s.all_day for d in s.byday}
    return days == set(DAYS)


def open_now(schedules: tuple[Schedule, ...], now: datetime | None = None) -> bool | None:
    """True/False when hours are known, None when the record lists no hours."""
    if not schedules:
        return None
    local = to_london(now)
    return any(s.is_open(local) for s in schedules)


def closing_time(schedules: tuple[Schedule, ...], now: datetime | None = None) -> datetime | None:
    """When an open service next closes, to the minute, within the next 24 hours (None: not within them).

    Openness can only end where a window ends, so only those moments are checked, not every minute.
    Times are London wall-clock times, as ``is_open`` reads them.
    """
    local = to_london(now).replace(second=0, microsecond=0)
    horizon = local + timedelta(minutes=24 * 60)
    ends = set()
    for schedule in schedules:
        for back in (-1, 0, 1):
            day = (local + timedelta(days=back)).date()
            start_of_day = datetime.combine(day, time(), tzinfo=local.tzinfo)
            for weekday, _start, end in schedule.windows:
                if weekday == day.weekday():
                    ends.add(start_of_day + timedelta(minutes=end))
    for moment in sorted(e for e in ends if local < e <= horizon):
        if not any(s.is_open(moment) for s in schedules):
            return moment
    return None


def next_opening(schedules: tuple[Schedule, ...], now: datetime | None = None) -> datetime | None:
    """The next time (within a week) a closed service opens, on a 15-minute grid."""
    if not schedules:
        return None
    local = to_london(now).replace(second=0, microsecond=0)
    step = timedelta(minutes=15)
    probe = local + (step - timedelta(minutes=local.minute % 15)) if local.minute % 15 else local + step
    for _ in range(7 * 24 * 4):
        if any(s.is_open(probe) for s in schedules):
            return probe
        probe += step
    return None


def format_time(value: time) -> str:
    """9am, 8:30pm, 12pm, midnight."""
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    suffix = "am" if value.hour < 12 else "pm"
    hour = value.hour % 12 or 12
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


# The English words of the hours text, by the names content/ui_strings.yml gives their
# translations (day_mo ... day_su, card_*). Callers may pass their own ``words`` with the same names.
ENGLISH_WORDS: dict[str, str] = {
    **{f"day_{code.lower()}": name for code, name in DAY_NAMES.items()},
    "card_every_day": "every day",
    "card_always": "24 hours a day, every day",
    "card_all_day": "24 hours",
    "card_and": "and",
}


def word(words: Mapping[str, str] | None, name: str) -> str:
    """``words[name]``, or the English when the caller has none."""
    return (words or {}).get(name) or ENGLISH_WORDS[name]


def day_name(code: str, words: Mapping[str, str] | None = None) -> str:
    """The short name of a day code ('MO' -> 'Mon')."""
    return word(words, f"day_{code.lower()}")


def format_days(days: set[str], words: Mapping[str, str] | None = None) -> str:
    """Mon–Fri, Sat and Sun, Mon and Wed, Tue, Thu and Fri, every day."""
    if set(days) == set(DAYS):
        return word(words, "card_every_day")
    indexes = sorted(DAYS.index(d) for d in days)
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{day_name(DAYS[run[0]], words)}–{day_name(DAYS[run[-1]], words)}")
        else:
            parts.extend(day_name(DAYS[i], words) for i in run)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {word(words, 'card_and')} " + parts[-1]


def describe(schedules: tuple[Schedule, ...], words: Mapping[str, str] | None = None) -> str | None:
    """Hours in plain English, e.g. '24 hours a day, every day' or 'Mon–Fri 9am–5pm' (``words``: another language)."""
    if not schedules:
        return None
    if is_always_open(schedules):
        return word(words, "card_always")
    groups: dict[tuple[str, ...], set[str]] = {}
    for s in schedules:
        if s.all_day or s.opens_at is None or s.closes_at is None:
            span = (word(words, "card_all_day"),)
        else:
            span = (f"{format_time(s.opens_at)}–{format_time(s.closes_at)}",)
        groups.setdefault(span, set()).update(s.byday)
    ordered = sorted(groups.items(), key=lambda item: min(DAYS.index(d) for d in item[1]))
    text = "; ".join(f"{format_days(days, words)} {span[0]}" for span, days in ordered)
    return text[0].upper() + text[1:]


WEEK_MINUTES = 7 * 1440


def week_mask(schedules: tuple[Schedule, ...]) -> int:
    """Every open minute of the week as one bit (bit 0 = Monday 00:00), for constant-time open-now checks."""
    mask = 0
    for s in schedules:
        for day, start, end in s.windows:
            begin = day * 1440 + start
            length = end - start
            bits = ((1 << length) - 1) << begin
            # Sunday-night windows wrap round to Monday morning.
            mask |= (bits | (bits >> WEEK_MINUTES)) & ((1 << WEEK_MINUTES) - 1)
    return mask


def minute_of_week(local: datetime) -> int:
    """Minutes since Monday 00:00 of London wall time."""
    return local.weekday() * 1440 + local.hour * 60 + local.minute
