"""Opening hours: plain-English descriptions and open-now in London time, across clock changes."""

from __future__ import annotations

from datetime import datetime, time, timezone

from services_directory.schedules import DAYS, LONDON, Schedule, describe, next_opening, open_now

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
