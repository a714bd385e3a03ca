"""Opening hours: plain-English descriptions and open-now in London time, across clock changes."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta, timezone

from services_directory.schedules import (
    DAYS,
    LONDON,
    Schedule,
    closing_time,
    describe,
    next_opening,
    open_now,
)

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
NINE_TO_FIVE = (Schedule(WEEKDAYS, time(9), time(17)),)


def test_describe() -> None:
    assert describe((Schedule(DAYS, all_day=True),)) == "24 hours a day, every day"
    assert describe(NINE_TO_FIVE) == "Mon–Fri 9am–5pm"
    mens = (Schedule(("MO", "WE"), time(9), time(20)), Schedule(("TU", "TH", "FR"), time(9), time(17)))
    assert describe(mens) == "Mon and Wed 9am–8pm; Tue, Thu and Fri 9am–5pm"
    galop = (Schedule(("MO", "TU", "WE", "TH"), time(10), time(20, 30)), Schedule(("FR",), time(10), time(16, 30)))
    assert describe(galop) == "Mon–Thu 10am–8:30pm; Fri 10am–4:30pm"
    assert describe((Schedule(("SA", "SU"), all_day=True),)) == "Sat and Sun 24 hours"
    assert describe((Schedule(DAYS, time(12), time(0)),)) == "Every day 12pm–midnight"
    assert describe(()) is None


def test_open_now_in_london_time() -> None:
    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
    assert open_now(NINE_TO_FIVE, monday_10) is True
    assert open_now(NINE_TO_FIVE, datetime(2026, 11, 23, 17, 0, tzinfo=LONDON)) is False  # closes at 5
    assert open_now(NINE_TO_FIVE, datetime(2026, 11, 22, 10, 0, tzinfo=LONDON)) is False  # Sunday
    assert open_now((), monday_10) is None


def test_open_now_follows_british_summer_time() -> None:
    # 08:30 UTC on Monday 29 June 2026 is 09:30 BST: open. The same UTC time in winter is 08:30 GMT: closed.
    assert open_now(NINE_TO_FIVE, datetime(2026, 6, 29, 8, 30, tzinfo=timezone.utc)) is True
    assert open_now(NINE_TO_FIVE, datetime(2026, 11, 23, 8, 30, tzinfo=timezone.utc)) is False


def test_overnight_window_runs_past_midnight() -> None:
    night = (Schedule(("FR",), time(22), time(2)),)
    assert open_now(night, datetime(2026, 11, 27, 23, 0, tzinfo=LONDON)) is True  # Friday 11pm
    assert open_now(night, datetime(2026, 11, 28, 1, 30, tzinfo=LONDON)) is True  # Saturday 1:30am
    assert open_now(night, datetime(2026, 11, 28, 2, 0, tzinfo=LONDON)) is False
    assert open_now(night, datetime(2026, 11, 27, 1, 0, tzinfo=LONDON)) is False  # Friday 1am


def test_next_opening() -> None:
    friday_6pm = datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)
    nxt = next_opening(NINE_TO_FIVE, friday_6pm)
    assert (nxt.weekday(), nxt.hour, nxt.minute) == (0, 9, 0)  # Monday 9am


def minute_by_minute_closing(schedules: tuple[Schedule, ...], local: datetime) -> datetime | None:
    """The plain definition: the first minute, within 24 hours, at which no schedule is open."""
    probe = local.replace(second=0, microsecond=0)
    for _ in range(24 * 60):
        probe += timedelta(minutes=1)
        if not any(s.is_open(probe) for s in schedules):
            return probe
    return None


def test_closing_time() -> None:
    monday_10 = datetime(2026, 11, 23, 10, 0, 30, tzinfo=LONDON)
    assert closing_time(NINE_TO_FIVE, monday_10) == datetime(2026, 11, 23, 17, 0, tzinfo=LONDON)
    back_to_back = (Schedule(("MO",), time(9), time(13)), Schedule(("MO",), time(13), time(20, 30)))
    assert closing_time(back_to_back, monday_10) == datetime(2026, 11, 23, 20, 30, tzinfo=LONDON)
    friday_night = datetime(2026, 11, 27, 23, 15, tzinfo=LONDON)
    assert closing_time((Schedule(("FR",), time(22), time(2)),), friday_night) == datetime(
        2026, 11, 28, 2, 0, tzinfo=LONDON
    )
    assert closing_time((Schedule(DAYS, all_day=True),), monday_10) is None


def test_closing_time_agrees_with_the_minute_by_minute_definition() -> None:
    """Random schedules (overnight, back to back, all day) at random moments, clock changes included."""
    chance = random.Random(13)
    starts = [datetime(2026, 3, 27, tzinfo=LONDON), datetime(2026, 10, 23, tzinfo=LONDON),
              datetime(2026, 11, 30, tzinfo=LONDON)]
    checked = 0
    for _ in range(400):
        schedules = tuple(
            Schedule(
                tuple(chance.sample(DAYS, chance.randint(1, 7))),
                time(chance.randrange(24), chance.choice((0, 15, 30, 45))),
                time(chance.randrange(24), chance.choice((0, 30))),
                all_day=chance.random() < 0.15,
            )
            for _ in range(chance.randint(1, 3))
        )
        moment = chance.choice(starts) + timedelta(minutes=chance.randrange(4 * 24 * 60))
        if open_now(schedules, moment):
            assert closing_time(schedules, moment) == minute_by_minute_closing(schedules, moment), (
                schedules, moment)
            checked += 1
    assert checked > 100
