"""What a record's dates mean, and the only words used to show them.

A record keeps two dates apart, because they promise different things:

- ``information_date``: the day the record's facts come from. Its ``information_date_kind`` says
  which day that is: ``published`` (the day the record's main source, the first in ``sources``, was
  published) or ``checked`` (the day the facts were checked against the project's facts reference,
  which cites public sources). Neither means anyone spoke to the service.
- ``confirmed_with_service`` (optional): the day someone confirmed the record with the service
  itself. No record has one yet. Only this date may be called "confirmed", and only this date is
  published as Open Referral UK ``assured_date``.

Cards, the staff page and the ORUK API all take their wording from here, so a date written down
when the text was written can never be shown as "last checked".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

PUBLISHED = "published"
CHECKED = "checked"


class Dated(Protocol):
    """Anything carrying a record's dates (a Service). Read-only, as on the frozen Service."""

    @property
    def information_date(self) -> date: ...

    @property
    def information_date_kind(self) -> str: ...

    @property
    def confirmed_with_service(self) -> date | None: ...


# The English words, by the names content/ui_strings.yml gives their translations. A caller may pass
# its own ``words`` (same names) to show the line in another language; this module stays plain.
ENGLISH_WORDS: dict[str, str] = {
    "card_info_published": "Information from a source published on {date}",
    "card_info_recorded": "Information from public sources, recorded on {date}",
    "card_confirmed": "Confirmed with the service on {date}",
}


def long_date(day: date) -> str:
    """'21 November 2026' (no leading zero, UK order)."""
    return f"{day.day} {day:%B %Y}"


def _show_date(day: date, words: Mapping[str, str] | None) -> str:
    # English month names read wrongly inside a translated sentence; other languages get the
    # unambiguous ISO date instead.
    return long_date(day) if words is None else day.isoformat()


def _word(words: Mapping[str, str] | None, name: str) -> str:
    return (words or {}).get(name) or ENGLISH_WORDS[name]


def information_text(record: Dated, words: Mapping[str, str] | None = None) -> str:
    """Where the facts come from and the date that goes with it; never claims the service confirmed them."""
    name = "card_info_published" if record.information_date_kind == PUBLISHED else "card_info_recorded"
    return _word(words, name).format(date=_show_date(record.information_date, words))


def confirmed_text(record: Dated, words: Mapping[str, str] | None = None) -> str | None:
    """'Confirmed with the service on <date>', or None when nobody has confirmed it."""
    if record.confirmed_with_service is None:
        return None
    return _word(words, "card_confirmed").format(date=_show_date(record.confirmed_with_service, words))


def date_line(record: Dated, words: Mapping[str, str] | None = None) -> str:
    """The one line a card shows about its dates (``words``: the sentences in another language).

    A confirmation at least as recent as the information covers it, so it stands alone; an older
    confirmation is shown after the newer information so neither date is stretched.
    """
    confirmed = confirmed_text(record, words)
    if confirmed is None:
        return information_text(record, words)
    if record.confirmed_with_service >= record.information_date:  # type: ignore[operator]
        return confirmed
    return f"{information_text(record, words)}; {confirmed[0].lower()}{confirmed[1:]}"


def freshest(record: Dated) -> date:
    """The most recent of the two dates: what the staleness report measures age from."""
    confirmed = record.confirmed_with_service
    return max(record.information_date, confirmed) if confirmed else record.information_date


def age_reason(record: Dated, age_days: int, limit_days: int) -> str:
    """Why the staleness report lists a record for its age, naming which date is old."""
    confirmed = record.confirmed_with_service
    if confirmed is not None and confirmed >= record.information_date:
        what = "confirmed with the service"
    elif record.information_date_kind == PUBLISHED:
        what = "main source published"
    else:
        what = "information recorded from public sources"
    return f"{what} {age_days} days ago (limit {limit_days})"
