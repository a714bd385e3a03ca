"""Fixed vocabularies: concern categories, review statuses and coarse "roughly when" labels."""

from __future__ import annotations

import re

CATEGORIES: tuple[str, ...] = (
    "cuckooing_drugs",
    "domestic_abuse",
    "child_at_risk",
    "antisocial_behaviour",
    "street_drinking_begging",
    "hate_crime",
    "other",
)

CATEGORY_LABELS: dict[str, str] = {
    "cuckooing_drugs": "Cuckooing or drug dealing",
    "domestic_abuse": "Domestic abuse",
    "child_at_risk": "A child at risk",
    "antisocial_behaviour": "Antisocial behaviour",
    "street_drinking_begging": "Street drinking or begging",
    "hate_crime": "Hate crime",
    "other": "Something else",
}

STATUSES: tuple[str, ...] = ("new", "reviewed", "referred", "closed")

STATUS_LABELS: dict[str, str] = {
    "new": "New",
    "reviewed": "Reviewed",
    "referred": "Referred",
    "closed": "Closed",
}

# What a person checking their reference is told: the status only, never any text.
STATUS_DESCRIPTIONS: dict[str, str] = {
    "new": "received and waiting to be read by the partnership team",
    "reviewed": "read by the partnership team",
    "referred": "passed to the right service to act on",
    "closed": "dealt with and closed",
}

# The coarse "roughly when" labels stored with a concern. The chat form should offer these
# as buttons; free text is mapped onto them by ``normalise_when`` and never stored as typed.
WHEN_LABELS: tuple[str, ...] = (
    "today",
    "yesterday",
    "in the last week",
    "in the last month",
    "more than a month ago",
    "it keeps happening",
    "not sure",
)

_WHEN_RULES: tuple[tuple[str, str], ...] = (
    (r"\b(keeps?|kept|every|always|ongoing|all the time|regularly|often|still|constantly|"
     r"each (?:day|night|week)|most (?:days|nights)|on ?going)\b", "it keeps happening"),
    (r"\b(today|tonight|this (?:morning|afternoon|evening)|earlier|right now|just now|"
     r"an hour ago|hours ago)\b", "today"),
    (r"\b(yesterday|last night)\b", "yesterday"),
    (r"\b(this week|last week|few days|couple of days|days ago|weekend|monday|tuesday|"
     r"wednesday|thursday|friday|saturday|sunday)\b", "in the last week"),
    (r"\b(this month|last month|few weeks|couple of weeks|weeks ago|fortnight)\b",
     "in the last month"),
    (r"\b(months|month ago|a year|years|last year|ages|long time|a while)\b",
     "more than a month ago"),
)


def normalise_when(text: str | None) -> str:
    """Map whatever the user said about timing onto one coarse label ("not sure" if unclear)."""
    if not text:
        return "not sure"
    low = re.sub(r"\s+", " ", text.lower()).strip()
    if low in WHEN_LABELS:
        return low
    for pattern, label in _WHEN_RULES:
        if re.search(pattern, low):
            return label
    return "not sure"
