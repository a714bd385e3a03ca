"""Open Referral UK (UK Profile 3.0, HSDS 3.0) views of the directory, as plain dicts.

Every output goes through ``Service.public_location``, so a confidential location never appears.
Deliberate deviations, documented in docs/README-directory.md:
- phones are nested in ``contacts[].phones[]`` (HSDS 3.0 shape). The UK profile removed phones from
  service and contact but keeps ``phone.contact_id``, so this is the only place they can sit.
- ``attributes[].link_entity`` is included because the profile's tabular rules require it.
- Local extension fields are prefixed ``x_ssgp_``.
- ``assured_date`` appears only when someone confirmed the record with the service
  (``confirmed_with_service``); the date the facts come from is ``x_ssgp_information_date``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from services_directory.dates import date_line
from services_directory.model import Service, derived_id
from services_directory.schedules import DAYS, Schedule
from services_directory.taxonomy import AUDIENCES, NEEDS, Term

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
UNVERIFIED_NOTE = "Unverified: check with the service before relying on this."
ALERT = "Some details of this service are unverified: check with the service before relying on them."

# taxonomy key -> (display name, description, terms, link_type used on services)
TAXONOMIES: dict[str, tuple[str, str, dict[str, Term], str]] = {
    "ssgp-needs": (
        "Stronger Safer Gloucester needs",
        "What a person needs help with, as used by the Stronger Safer Gloucester assistant.",
        NEEDS,
        "need",
    ),
    "ssgp-audiences": (
        "Stronger Safer Gloucester audiences",
        "Who a service is for (service eligibility), as used by the Stronger Safer Gloucester assistant.",
        AUDIENCES,
        "eligibility",
    ),
}


def taxonomy_id(taxonomy: str) -> str:
    return derived_id("taxonomy", taxonomy)


def term_id(taxonomy: str, term: str) -> str:
    return derived_id("taxonomy_term", taxonomy, term)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def taxonomy_term(taxonomy: str, term: Term) -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, term.key),
        "name": term.label,
        "description": term.description,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
        "term": term.key,
    }


def taxonomy(key: str, with_terms: bool = True) -> dict[str, Any]:
    name, description, terms, _ = TAXONOMIES[key]
    out: dict[str, Any] = {"id": taxonomy_id(key), "name": name, "description": description, "version": "1"}
    if with_terms:
        out["taxonomy_terms"] = [taxonomy_term(key, t) for t in terms.values()]
    return out


def all_taxonomies(with_terms: bool = True) -> list[dict[str, Any]]:
    return [taxonomy(k, with_terms) for k in TAXONOMIES]


def all_terms() -> list[dict[str, Any]]:
    return [taxonomy_term(k, t) for k, (_, _, terms, _) in TAXONOMIES.items() for t in terms.values()]


def service_term_ids(service: Service) -> set[str]:
    return {term_id("ssgp-needs", n) for n in service.needs} | {
        term_id("ssgp-audiences", a) for a in service.eligibility.audiences
    }


def organization(service: Service, nested: bool = True) -> dict[str, Any]:
    org = service.organization
    out = _drop_none({"id": org.id, "name": org.name, "description": org.description, "website": org.website})
    if nested:
        out["organization_identifiers"] = []
    return out


def _hhmmss(value: Any) -> str:
    return f"{value.hour:02d}:{value.minute:02d}:00"


def schedule(service: Service, index: int, s: Schedule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": derived_id("schedule", service.key, str(index)),
        "service_id": service.id,
        "freq": "WEEKLY",
        "interval": 1,
        "byday": ",".join(d for d in DAYS if d in s.byday),
        "attending_type": s.channel,
    }
    if s.all_day:
        # Round the clock: the whole day on every listed day, said in words as well.
        out["opens_at"], out["closes_at"] = "00:00:00", "23:59:59"
        out["description"] = s.description or "Open 24 hours a day"
    else:
        out["opens_at"], out["closes_at"] = _hhmmss(s.opens_at), _hhmmss(s.closes_at)
        if s.description:
            out["description"] = s.description
    if s.verified is False:
        out["notes"] = UNVERIFIED_NOTE
    return out


def _phones(service: Service, contact_id: str) -> list[dict[str, Any]]:
    phones = []
    for i, p in enumerate(service.phones):
        description = p.description or ""
        if not p.verified:
            description = f"{description} ({UNVERIFIED_NOTE})".strip()
        phones.append(
            _drop_none(
                {
                    "id": derived_id("phone", service.key, str(i)),
                    "contact_id": contact_id,
                    "number": p.display,
                    "description": description or None,
                }
            )
        )
    return phones


def contacts(service: Service) -> list[dict[str, Any]]:
    if not service.phones:
        return []
    contact_id = derived_id("contact", service.key)
    return [
        {
            "id": contact_id,
            "service_id": service.id,
            "name": service.name,
            "phones": _phones(service, contact_id),
        }
    ]


def service_areas(service: Service) -> list[dict[str, Any]]:
    return [
        {
            "id": derived_id("service_area", service.key, area),
            "service_id": service.id,
            "name": area,
            "service_area": area,
        }
        for area in service.service_areas
    ]


def attributes(service: Service) -> list[dict[str, Any]]:
    out = []
    for key, (_, _, terms, link_type) in TAXONOMIES.items():
        values = service.needs if key == "ssgp-needs" else service.eligibility.audiences
        for value in values:
            out.append(
                {
                    "id": derived_id("attribute", service.key, key, value),
                    "link_id": service.id,
                    "link_type": link_type,
                    "link_entity": "service",
                    "taxonomy_term_id": term_id(key, value),
                    "taxonomy_term": taxonomy_term(key, terms[value]),
                }
            )
    return out


def location(service: Service) -> dict[str, Any] | None:
    """The public location (never a confidential one) as an ORUK location with its address."""
    loc = service.public_location
    if loc is None:
        return None
    location_id = derived_id("location", service.key)
    out = _drop_none(
        {
            "id": location_id,
            "location_type": "physical",
            "name": loc.name,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
        }
    )
    out["addresses"] = []
    if loc.address_1 and loc.city and loc.postal_code and loc.state_province:
        out["addresses"].append(
            {
                "id": derived_id("address", service.key),
                "location_id": location_id,
                "address_1": loc.address_1,
                "city": loc.city,
                "state_province": loc.state_province,
                "postal_code": loc.postal_code,
                "country": "GB",
                "address_type": "physical",
            }
        )
    out["accessibility"] = []
    return out


def service_at_locations(service: Service) -> list[dict[str, Any]]:
    loc = location(service)
    if loc is None:
        return []
    return [
        {
            "id": derived_id("service_at_location", service.key),
            "service_id": service.id,
            "location_id": loc["id"],
            "location": loc,
        }
    ]


def service_core(service: Service) -> dict[str, Any]:
    """The service's one-to-one fields."""
    return _drop_none(
        {
            "id": service.id,
            "organization_id": service.organization.id,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "minimum_age": service.eligibility.minimum_age,
            "maximum_age": service.eligibility.maximum_age,
            # ORUK's assured_date ("the date that the information about the service was last checked")
            # is optional in the UK profile. A consumer reads it as assurance, so it is published only
            # once someone has confirmed the record with the service; the date the facts come from
            # travels in the x_ssgp_ fields.
            "assured_date": _iso(service.confirmed_with_service),
            "alert": None if service.fully_verified else ALERT,
            "x_ssgp_information_date": service.information_date.isoformat(),
            "x_ssgp_information_date_kind": service.information_date_kind,
            "x_ssgp_confirmed_with_service": _iso(service.confirmed_with_service),
            "x_ssgp_date_note": date_line(service),
        }
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def service_list_item(service: Service) -> dict[str, Any]:
    """A service as it appears in GET /services: one-to-one fields plus its organisation."""
    out = service_core(service)
    out["organization"] = organization(service, nested=False)
    return out


def service_full(service: Service) -> dict[str, Any]:
    """The fully nested service for GET /services/{id}, shaped like the profile's service_full example."""
    out = service_core(service)
    out.update(
        {
            "schedules": [schedule(service, i, s) for i, s in enumerate(service.schedules)],
            "service_areas": service_areas(service),
            "service_at_locations": service_at_locations(service),
            "languages": [],
            "organization": organization(service),
            "funding": [],
            "cost_options": [],
            "contacts": contacts(service),
            "attributes": attributes(service),
            "x_ssgp_key": service.key,
            "x_ssgp_verified": service.fully_verified,
            "x_ssgp_confidence": service.confidence,
            "x_ssgp_sources": list(service.sources),
        }
    )
    return out


def page(contents: list[dict[str, Any]], total: int, page_number: int, per_page: int) -> dict[str, Any]:
    """The profile's page wrapper."""
    total_pages = math.ceil(total / per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def api_meta(openapi_url: str = OPENAPI_URL) -> dict[str, str]:
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url}
