"""Where a service works, and what a person's typed place or postcode means.

Areas nest: a Gloucester city ward sits inside "Gloucester", which sits inside "Gloucestershire",
which sits inside "national". A service covering a wider area also covers every narrower one.

The ward list is ``gloucester/wards.yml`` (Gloucester City Council's wards, with their source and
the date checked), the one the concern store reads too; it is not checked against a boundary file.
Postcode districts GL1-GL4 are treated as Gloucester city: this is an
approximation (GL2 and GL3 also reach villages outside the city), good enough for signposting.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from gloucester import WARD_GROUPS, WARDS

NATIONAL = "national"
COUNTY = "Gloucestershire"
CITY = "Gloucester"

# WARDS (canonical ward name -> the shorter names people use) and WARD_GROUPS (a name that means
# more than one ward, such as "Quedgeley") come from gloucester/wards.yml; a search for a group
# covers each of its wards.
CITY_DISTRICTS = frozenset({"GL1", "GL2", "GL3", "GL4"})

_OWN_LABEL = re.compile(r"\s*\((?:Gloucester|Gloucestershire)\)$", re.IGNORECASE)
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)(?:\s*([0-9][A-Z]{2}))?$")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# Normalised name -> the canonical area names it stands for.
_NAMES: dict[str, tuple[str, ...]] = {}
for _ward, _aliases in WARDS.items():
    for _name in (_ward, *_aliases):
        _NAMES[_norm(_name)] = (_ward,)
for _group, _members in WARD_GROUPS.items():
    _NAMES[_norm(_group)] = _members
for _name in (CITY, "Gloucester city", "city of Gloucester"):
    _NAMES[_norm(_name)] = (CITY,)
for _name in (COUNTY, "Glos", "the county"):
    _NAMES[_norm(_name)] = (COUNTY,)
for _name in (NATIONAL, "UK", "England", "England and Wales", "nationwide"):
    _NAMES[_norm(_name)] = (NATIONAL,)


def canonical_service_area(name: str) -> str | None:
    """The canonical form of an area a record may name (ward, city, county or national)."""
    hits = _NAMES.get(_norm(name))
    if hits and len(hits) == 1:
        return hits[0]
    return None


def level(area: str) -> int:
    """How local an area is: 0 ward, 1 city, 2 county, 3 national."""
    if area == NATIONAL:
        return 3
    if area == COUNTY:
        return 2
    if area == CITY:
        return 1
    return 0


@dataclass(frozen=True)
class Place:
    """A resolved place: the canonical areas it stands for and a label to show back to the user."""

    areas: tuple[str, ...]
    label: str
    in_county: bool
    note: str | None = None

    def covering_areas(self) -> frozenset[str]:
        """Every service area that covers this place (the place itself and everything wider)."""
        covering = {NATIONAL}
        if self.in_county:
            covering.add(COUNTY)
        for area in self.areas:
            covering.add(area)
            if area in WARDS:
                covering.add(CITY)
        return frozenset(covering)


def parse_postcode(text: str) -> str | None:
    """The outward code (district) of a UK postcode or bare district, e.g. 'gl1 2ab' -> 'GL1'."""
    match = _POSTCODE.match(text.strip().upper())
    return match.group(1) if match else None


def resolve_place(text: str) -> Place | None:
    """Turn a typed ward, town or postcode into a Place; None when it means nothing we know."""
    # Accept our own labels back ("GL1 (Gloucester)"), so a stored label resolves to the same place.
    cleaned = _OWN_LABEL.sub("", text.strip()[:100])
    if not cleaned:
        return None
    district = parse_postcode(cleaned)
    if district:
        if district in CITY_DISTRICTS:
            return Place((CITY,), f"{district} (Gloucester)", in_county=True)
        if district.startswith("GL"):
            return Place((COUNTY,), f"{district} (Gloucestershire)", in_county=True)
        return Place(
            (NATIONAL,),
            district,
            in_county=False,
            note=f"{district} is outside Gloucestershire, so only national services are shown.",
        )
    key = _norm(cleaned)
    hits = _NAMES.get(key)
    if hits is None:
        close = difflib.get_close_matches(key, list(_NAMES), n=1, cutoff=0.8)
        if not close:
            return None
        hits = _NAMES[close[0]]
    label = hits[0] if len(hits) == 1 else cleaned.title()
    return Place(hits, label, in_county=hits != (NATIONAL,))
