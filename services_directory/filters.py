"""Which services match the Open Referral UK ``/services`` filters: the rules, without a web framework.

The ORUK API (``bot/web/oruk.py``) reads and checks the query parameters and hands the values here as
a ``ServiceFilter``; what each value means (the profile's age and opening-time semantics) lives only
in this module, so it can be tested and reused without aiohttp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from services_directory import oruk
from services_directory.directory import Directory
from services_directory.model import Service

MIDNIGHT = time(0, 0)
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class ServiceFilter:
    """Already-checked filter values; None (or empty text) means "do not filter on this"."""

    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None  # "MO".."SU"
    start_time: time | None = None
    end_time: time | None = None


def meets_minimum_age(service: Service, minimum_age: float) -> bool:
    """Profile: "services with a minimum age of at least the specified value"; no minimum counts as 0."""
    return (service.eligibility.minimum_age or 0) >= minimum_age


def meets_maximum_age(service: Service, maximum_age: float) -> bool:
    """Profile: "services with a maximum age equal to or below the specified value"; no maximum never matches."""
    return service.eligibility.maximum_age is not None and service.eligibility.maximum_age <= maximum_age


def schedule_matches(service: Service, day: str | None, start: time | None, end: time | None) -> bool:
    """Profile semantics: some schedule on ``day`` opening at or after ``start`` and closing by ``end``.

    An all-day schedule, or one without times, counts as open from midnight to the end of the day.
    """
    for schedule in service.schedules:
        if day and day not in schedule.byday:
            continue
        all_day = schedule.all_day
        opens = MIDNIGHT if all_day or schedule.opens_at is None else schedule.opens_at
        closes = END_OF_DAY if all_day or schedule.closes_at is None else schedule.closes_at
        if start and opens < start:
            continue
        if end and closes > end:
            continue
        return True
    return False


def filter_services(directory: Directory, wanted: ServiceFilter) -> list[Service]:
    """The services matching every given filter: search order for a search, else by name."""
    if wanted.search and wanted.search.strip():
        services = directory.query(text=wanted.search)
    else:
        services = sorted(directory.services, key=lambda s: (s.name.lower(), s.key))
    if wanted.taxonomy_term_id:
        term = wanted.taxonomy_term_id
        services = [s for s in services if term in oruk.service_term_ids(s)]
    if wanted.taxonomy_id:
        terms = {t["id"] for t in oruk.all_terms() if t["taxonomy_id"] == wanted.taxonomy_id}
        services = [s for s in services if terms & oruk.service_term_ids(s)]
    if wanted.minimum_age is not None:
        low = wanted.minimum_age
        services = [s for s in services if meets_minimum_age(s, low)]
    if wanted.maximum_age is not None:
        high = wanted.maximum_age
        services = [s for s in services if meets_maximum_age(s, high)]
    day, start, end = wanted.day, wanted.start_time, wanted.end_time
    if day or start or end:
        services = [s for s in services if schedule_matches(s, day, start, end)]
    return services
