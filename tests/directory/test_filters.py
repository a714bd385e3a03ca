"""The ORUK /services filter rules (services_directory/filters.py) on their own, without the web app."""

from __future__ import annotations

from datetime import time
from typing import Any

from directory_support import PUBLIC_RECORD

from services_directory import Directory
from services_directory.filters import (
    ServiceFilter,
    filter_services,
    meets_maximum_age,
    meets_minimum_age,
    schedule_matches,
)
from services_directory.loader import build_service
from services_directory.model import Service
from services_directory.oruk import term_id


def service(**changes: Any) -> Service:
    """A real Service built by the loader from the test record, with some fields changed."""
    raw = {**PUBLIC_RECORD, **changes}
    raw["eligibility"] = {"audiences": ["everyone"], **changes.get("eligibility", {})}
    return build_service(raw)


def test_minimum_age_is_at_least_the_value_and_none_counts_as_zero() -> None:
    sixteen = service(eligibility={"minimum_age": 16})
    anyone = service()
    assert meets_minimum_age(sixteen, 16) and meets_minimum_age(sixteen, 11)
    assert not meets_minimum_age(sixteen, 17)
    assert meets_minimum_age(anyone, 0) and not meets_minimum_age(anyone, 1)


def test_maximum_age_is_at_most_the_value_and_none_never_matches() -> None:
    under_19 = service(eligibility={"maximum_age": 18})
    assert meets_maximum_age(under_19, 18) and meets_maximum_age(under_19, 25)
    assert not meets_maximum_age(under_19, 17.5)
    assert not meets_maximum_age(service(), 150)


def test_schedule_opening_at_or_after_start_and_closing_by_end() -> None:
    weekdays = service(schedules=[{"byday": ["MO", "TU"], "opens_at": "09:00", "closes_at": "17:00"}])
    assert schedule_matches(weekdays, "MO", None, None)
    assert not schedule_matches(weekdays, "SU", None, None)
    assert schedule_matches(weekdays, "TU", time(9), time(17))
    assert not schedule_matches(weekdays, "TU", time(9, 30), None)  # opens before the start asked for
    assert not schedule_matches(weekdays, None, None, time(16))  # closes after the end asked for
    assert schedule_matches(weekdays, None, time(8), time(18))


def test_all_day_counts_as_midnight_to_end_of_day() -> None:
    always = service(schedules=[{"open_24_7": True}])
    assert schedule_matches(always, "SU", time(0), None)
    assert not schedule_matches(always, "SU", time(0, 1), None)
    assert not schedule_matches(always, None, None, time(23, 59))
    assert schedule_matches(always, None, None, time(23, 59, 59))
    assert not schedule_matches(service(), "MO", None, None)  # no schedules: never matches a day


def test_filter_services_combines_filters(directory: Directory) -> None:
    assert filter_services(directory, ServiceFilter()) == sorted(
        directory.services, key=lambda s: (s.name.lower(), s.key)
    )
    assert [s.name for s in filter_services(directory, ServiceFilter(maximum_age=18))] == ["Childline"]
    sunday = {s.name for s in filter_services(directory, ServiceFilter(day="SU"))}
    assert "Samaritans" in sunday and "Men's Advice Line" not in sunday
    evening = filter_services(directory, ServiceFilter(day="MO", start_time=time(9), end_time=time(20)))
    assert {s.name for s in evening} == {"Men's Advice Line"}
    da = term_id("ssgp-needs", "domestic-abuse")
    assert {s.key for s in filter_services(directory, ServiceFilter(taxonomy_term_id=da))} == {
        s.key for s in directory.services if "domestic-abuse" in s.needs
    }
    found = filter_services(directory, ServiceFilter(search="anonymous crime"))
    assert "Crimestoppers" in {s.name for s in found}
    assert found == directory.query(text="anonymous crime")  # search order is kept
    assert filter_services(directory, ServiceFilter(search="zzzqqq")) == []
