"""The coarse areas a concern may be tagged with, and matching free text to them.

A concern's area is never more precise than a ward. Anything the user types is matched to
one of ``AREAS`` or dropped; a door number or street can never reach the store through it.

Ward names come from ``gloucester/wards.yml`` (Gloucester City Council's 18 wards, with their
source and the date checked), the list the services directory reads too.
"""

from __future__ import annotations

import re

from gloucester import WARDS

GLOUCESTER_WARDS: tuple[str, ...] = tuple(WARDS)

CITY_CENTRE = "Gloucester city centre"
ELSEWHERE = "elsewhere in Gloucestershire"
PREFER_NOT_TO_SAY = "prefer not to say"

# Everything a concern's area column may hold (None = not given).
AREAS: tuple[str, ...] = (*GLOUCESTER_WARDS, CITY_CENTRE, ELSEWHERE, PREFER_NOT_TO_SAY)

# Parts of a ward's name people use on their own. Only names that belong to exactly one ward:
# "Quedgeley" spans two wards (a group in wards.yml), so it is not matched (the area is dropped
# rather than guessed).
_WARD_ALIASES: dict[str, str] = {alias.lower(): ward for ward, aliases in WARDS.items() for alias in aliases}

_CITY_CENTRE_ALIASES = ("city centre", "town centre", "town", "centre", "center", "city center")

_PREFER_NOT_ALIASES = (
    "prefer not to say",
    "rather not say",
    "id rather not say",
    "i'd rather not say",
    "dont want to say",
    "don't want to say",
    "not saying",
    "skip",
)

# Towns and districts of Gloucestershire outside the city: coarse enough to keep.
GLOUCESTERSHIRE_PLACES: tuple[str, ...] = (
    "Cheltenham",
    "Stroud",
    "Tewkesbury",
    "Cirencester",
    "Forest of Dean",
    "the Forest of Dean",
    "Cotswolds",
    "the Cotswolds",
    "Cotswold",
    "Lydney",
    "Coleford",
    "Cinderford",
    "Newent",
    "Dursley",
    "Stonehouse",
    "Nailsworth",
    "Tetbury",
    "Wotton-under-Edge",
    "Bishop's Cleeve",
    "Winchcombe",
    "Moreton-in-Marsh",
    "Stow-on-the-Wold",
    "Brockworth",
    "Churchdown",
)

# Places too large to point at anyone: cities, regions and nations. Kept in redacted text
# because "people coming up from Birmingham" matters for county lines and identifies no one.
COARSE_PLACES: tuple[str, ...] = (
    "Gloucester",
    "Gloucestershire",
    "Glos",
    "Quedgeley",
    "UK",
    "U.K.",
    "United Kingdom",
    "Britain",
    "Great Britain",
    "England",
    "Wales",
    "Scotland",
    "Northern Ireland",
    "NI",
    "Ireland",
    "London",
    "Birmingham",
    "Bristol",
    "Cardiff",
    "Swindon",
    "Worcester",
    "Hereford",
    "Bath",
    "Oxford",
    "Manchester",
    "Liverpool",
    "Leeds",
    "Coventry",
    "Wolverhampton",
    "Newport",
    "Swansea",
    "the Midlands",
    "West Midlands",
    "Midlands",
    "South West",
    "the South West",
)


def _norm(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_KNOWN: dict[str, str] = {}
for _ward in GLOUCESTER_WARDS:
    _KNOWN[_norm(_ward)] = _ward
_KNOWN[_norm("Matson Robinswood and White City")] = "Matson, Robinswood and White City"
for _alias, _ward in _WARD_ALIASES.items():
    _KNOWN[_norm(_alias)] = _ward
for _alias in _CITY_CENTRE_ALIASES:
    _KNOWN[_norm(_alias)] = CITY_CENTRE
for _alias in ("gloucester city centre", "gloucester town centre", "centre of gloucester",
               "gloucester centre", "the city centre", "the town centre"):
    _KNOWN[_norm(_alias)] = CITY_CENTRE
for _place in GLOUCESTERSHIRE_PLACES:
    _KNOWN[_norm(_place)] = ELSEWHERE
for _alias in ("elsewhere in gloucestershire", "elsewhere", "outside gloucester",
               "somewhere else in gloucestershire", "gloucestershire"):
    _KNOWN[_norm(_alias)] = ELSEWHERE
for _alias in _PREFER_NOT_ALIASES:
    _KNOWN[_norm(_alias)] = PREFER_NOT_TO_SAY

# Filler words stripped before an exact match: "in Tuffley", "near the Matson area".
_FILLER = re.compile(
    r"\b(?:in|at|on|near|around|round|by|the|area|ward|estate|bit|of|part|side|just|off|"
    r"somewhere|up|down|over|gloucester)\b"
)
# A name followed by one of these is a street, not the area: "Barnwood Road" is dropped.
_STREET_AFTER = re.compile(
    r"^\s*(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|place|court|"
    r"gardens|terrace|walk|grove|row|mews|square|parade|rise|view)\b"
)
_DIGIT = re.compile(r"\d")
# Aliases too loose to look for inside a longer phrase ("the other side of town").
_EXACT_ONLY = frozenset({"town", "centre", "center", "elsewhere", "gloucestershire"})


def match_area(text: str | None) -> str | None:
    """Return the one area in ``AREAS`` that ``text`` names, or None to drop it.

    Anything holding a digit (door numbers, postcodes) or naming a street is dropped, as is
    anything ambiguous: the store would rather have no area than a wrong or precise one.
    """
    if not text or not text.strip():
        return None
    if _DIGIT.search(text):
        return None
    norm = _norm(text)
    if norm in _KNOWN:
        return _KNOWN[norm]
    stripped = re.sub(r"\s+", " ", _FILLER.sub(" ", norm)).strip()
    if stripped in _KNOWN:
        return _KNOWN[stripped]
    if not stripped and "gloucester" in norm:
        return None
    found: set[str] = set()
    for name, area in _KNOWN.items():
        if area == PREFER_NOT_TO_SAY or name in _EXACT_ONLY:
            continue
        for m in re.finditer(rf"\b{re.escape(name)}\b", norm):
            if _STREET_AFTER.match(norm[m.end():]):
                return None
            found.add(area)
    if len(found) == 1:
        return found.pop()
    return None


_COARSE_NORMS: frozenset[str] = frozenset(
    {_norm(p) for p in COARSE_PLACES}
    | {_norm(p) for p in GLOUCESTERSHIRE_PLACES}
    | {_norm(w) for w in GLOUCESTER_WARDS}
    | {_norm(a) for a in _WARD_ALIASES}
    | {_norm(a) for a in _CITY_CENTRE_ALIASES}
    | {"gloucester city centre", "gloucester city", "city of gloucester"}
)


def is_coarse_place(name: str) -> bool:
    """True when a place name is a ward, Gloucester, a county town or larger: safe to keep."""
    norm = _norm(name)
    if norm.startswith("the "):
        norm = norm[4:]
    return norm in _COARSE_NORMS
