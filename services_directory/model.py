"""The in-memory shape of a directory record, after loading and checking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from services_directory.schedules import PHONE, Schedule

# Fixed namespace for every id the directory publishes: ids are uuid5(namespace, stable name), so
# records never need hand-typed UUIDs and ids survive reloads, exports and restarts unchanged.
NAMESPACE = uuid.UUID("cf1c7fd5-dd89-4bea-8e01-5487dc13167a")


def derived_id(*parts: str) -> str:
    """A stable UUID for a directory object, e.g. derived_id('service', key)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(key: str) -> str:
    """The ORUK service id for a record key."""
    return derived_id("service", key)


@dataclass(frozen=True)
class Organization:
    key: str
    name: str
    description: str
    website: str | None = None

    @property
    def id(self) -> str:
        return derived_id("organization", self.key)


@dataclass(frozen=True)
class Phone:
    number: str  # as stored in the record (the source's own grouping)
    display: str
    tel_uri: str
    description: str | None
    verified: bool


@dataclass(frozen=True)
class Eligibility:
    audiences: tuple[str, ...]
    minimum_age: int | None = None
    maximum_age: int | None = None
    description: str | None = None

    def accepts_age(self, age: int) -> bool:
        if self.minimum_age is not None and age < self.minimum_age:
            return False
        return not (self.maximum_age is not None and age > self.maximum_age)


@dataclass(frozen=True)
class Location:
    name: str
    address_1: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Service:
    """One checked directory record. Field names follow Open Referral UK where one exists."""

    key: str
    name: str
    organization: Organization
    description: str
    status: str
    url: str | None
    url_verified: bool
    email: str | None
    email_verified: bool
    phones: tuple[Phone, ...]
    schedules: tuple[Schedule, ...]
    hours_verified: bool
    service_areas: tuple[str, ...]
    eligibility: Eligibility
    languages: tuple[str, ...]
    needs: tuple[str, ...]
    keywords: tuple[str, ...]
    # Two dates kept apart (see services_directory/dates.py): where the facts come from, and when
    # (if ever) someone confirmed them with the service.
    information_date: date
    information_date_kind: str
    confidence: str
    sources: tuple[str, ...]
    verified: bool
    notes: str | None = None
    fallback_rank: int | None = None
    rank_weight: int = 0
    confidential_location: bool = False
    confirmed_with_service: date | None = None
    # The record's location; never published when confidential_location is true.
    location: Location | None = field(default=None, repr=False)
    source_file: str = ""

    @property
    def id(self) -> str:
        return service_id(self.key)

    @property
    def phone_schedules(self) -> tuple[Schedule, ...]:
        """Hours for phoning the service: what "open now" and the hours line describe."""
        return tuple(s for s in self.schedules if s.channel == PHONE)

    @property
    def other_schedules(self) -> tuple[Schedule, ...]:
        return tuple(s for s in self.schedules if s.channel != PHONE)

    @property
    def public_location(self) -> Location | None:
        """The location only when it may be shown; every output goes through this."""
        return None if self.confidential_location else self.location

    @property
    def fully_verified(self) -> bool:
        """True when no fact in the record carries an unverified mark."""
        return (
            self.verified
            and self.url_verified
            and self.email_verified
            and self.hours_verified
            and all(p.verified for p in self.phones)
            and all(s.verified is not False for s in self.schedules)
        )
