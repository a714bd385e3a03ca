"""How a service is shown: contact tokens for answers, plain-text cards, and a short card in the reply markup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from services_directory import dates, schedules
from services_directory.dates import date_line
from services_directory.model import Service
from services_directory.schedules import (
    DAYS,
    closing_time,
    day_name,
    describe,
    format_time,
    is_always_open,
    next_opening,
    open_now,
    to_london,
)

CHECK = "check with the service"
UNVERIFIED_SUFFIX = " (check with the service before relying on this)"

# Every fixed word a card shows, in English, by the names content/ui_strings.yml gives their
# translations. Callers pass ``labels`` (a plain name -> text mapping, e.g. built from
# content.ui_strings for the conversation's language); a name they lack reads in English. This
# module knows nothing of languages itself: names, numbers, descriptions and times come from the
# record. ``card_english_note`` is empty in English: a caller showing another language sets it.
ENGLISH_LABELS: dict[str, str] = {
    "card_phone": "Phone",
    "card_hours": "Hours",
    "card_all_numbers": "All numbers",
    "card_website": "Website",
    "card_email": "Email",
    "card_more_about": "More about {name}",
    "card_check": CHECK,
    "card_check_before": UNVERIFIED_SUFFIX.strip(),
    "card_hours_unlisted": "Opening hours not listed: check with the service",
    "card_open_always": "Open now: 24 hours a day",
    "card_open_now": "Open now",
    "card_open_until": "Open now until {time}",
    "card_closed": "Closed now",
    "card_closed_opens": "Closed now: opens {day} {time}",
    "card_older_sources": (
        "Some details here come from older or single sources: check with the service before relying on them."
    ),
    "card_english_note": "",
    **schedules.ENGLISH_WORDS,
    **dates.ENGLISH_WORDS,
}
Labels = Mapping[str, str]


def _label(labels: Labels | None, key: str, /, **values: str) -> str:
    text = (labels or {}).get(key) or ENGLISH_LABELS[key]
    return text.format(**values) if values else text


def _words(labels: Labels | None) -> Labels | None:
    """The labels for the hours and date sentences, or None when they are English: then dates keep
    their English long form ('21 November 2026'); other languages get ISO dates (services_directory.dates)."""
    english = ENGLISH_LABELS["card_info_recorded"]
    return labels if labels and labels.get("card_info_recorded", english) != english else None


def _mark(value: str | None, verified: bool, labels: Labels | None = None) -> str:
    if not value:
        return _label(labels, "card_check")
    return value if verified else f"{value} {_label(labels, 'card_check_before')}"


def phone_text(service: Service, labels: Labels | None = None) -> str:
    """The first (main) number, marked when unverified."""
    if not service.phones:
        return _label(labels, "card_check")
    first = service.phones[0]
    return _mark(first.display, first.verified, labels)


def hours_text(service: Service, labels: Labels | None = None) -> str:
    """Phone hours in plain words, marked when unverified; 'check with the service' when unknown."""
    found = service.phone_schedules
    text = describe(found, _words(labels))
    verified = all(s.verified is not False for s in found)
    return _mark(text, verified, labels)


def contact_tokens(services: Iterable[Service]) -> dict[str, str]:
    """Placeholder map for the assistant's answers, e.g. {'phone:samaritans': '116 123'}."""
    tokens: dict[str, str] = {}
    for s in services:
        tokens[f"name:{s.key}"] = s.name
        tokens[f"phone:{s.key}"] = phone_text(s)
        tokens[f"url:{s.key}"] = _mark(s.url, s.url_verified)
        tokens[f"hours:{s.key}"] = hours_text(s)
        tokens[f"email:{s.key}"] = _mark(s.email, s.email_verified)
    return tokens


def open_now_text(service: Service, now: datetime | None = None, labels: Labels | None = None) -> str:
    """'Open now until 5pm', 'Closed now: opens Tue 9am', or a prompt to check when hours are unknown."""
    found = service.phone_schedules
    state = open_now(found, now)
    if state is None:
        return _label(labels, "card_hours_unlisted")
    verified = all(s.verified is not False for s in found)
    if is_always_open(found):
        text = _label(labels, "card_open_always")
    elif state:
        local = to_london(now)
        closes = closing_time(found, local)
        text = (
            _label(labels, "card_open_until", time=format_time(closes.time()))
            if closes
            else _label(labels, "card_open_now")
        )
    else:
        nxt = next_opening(found, now)
        text = (
            _label(labels, "card_closed_opens", day=day_name(DAYS[nxt.weekday()], labels), time=format_time(nxt.time()))
            if nxt
            else _label(labels, "card_closed")
        )
    return text if verified else f"{text} {_label(labels, 'card_check_before')}"


def _phones_line(service: Service, labels: Labels | None = None) -> str:
    if not service.phones:
        return _label(labels, "card_check")
    if len(service.phones) == 1:
        return phone_text(service, labels)
    parts = []
    for p in service.phones:
        label = f"{p.display} ({p.description})" if p.description else p.display
        parts.append(_mark(label, p.verified, labels))
    return "; ".join(parts)


def format_card(service: Service, now: datetime | None = None, labels: Labels | None = None) -> dict[str, str]:
    """Plain-text fields for one service; every missing value reads 'check with the service'.

    ``labels`` gives the fixed words in another language (see ENGLISH_LABELS); without it the card
    is in English exactly as always.
    """
    unverified = not service.fully_verified
    other_hours = []
    for s in service.other_schedules:
        text = describe((s,), _words(labels)) or ""
        other_hours.append(_mark(f"{s.channel.capitalize()}: {text}", s.verified is not False, labels))
    card = {
        "key": service.key,
        "title": service.name,
        "organization": service.organization.name,
        "summary": service.description,
        "phone": _phones_line(service, labels),
        "main_phone": phone_text(service, labels),
        "hours": hours_text(service, labels),
        "other_hours": "; ".join(other_hours),
        "open_now_text": open_now_text(service, now, labels),
        "website": _mark(service.url, service.url_verified, labels),
        "email": _mark(service.email, service.email_verified, labels) if service.email else "",
        # "Information from …"; "Confirmed with the service on …" only if so
        "last_checked": date_line(service, _words(labels)),
        "unverified_note": _label(labels, "card_older_sources") if unverified else "",
    }
    # Only when the caller shows the card in another language: the record's own words stay English.
    note = _label(labels, "card_english_note")
    if note and service.description:
        card["english_note"] = note
    return card


_MD_SPECIAL = re.compile(r"([\\*_`\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)([-:+]|\d+[.)])")
# The card's one-line summary: its first sentence, at most this many words.
SUMMARY_WORDS = 20


def _md(text: str) -> str:
    """Escape reply markup so record text can never turn into links, emphasis, lists or blocks."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIAL.sub(r"\\\1", text))


def one_line(summary: str, max_words: int = SUMMARY_WORDS) -> tuple[str, str]:
    """(first sentence of ``summary``, cut to ``max_words`` words, and the rest of the summary)."""
    text = " ".join(summary.split())
    first, _, rest = text.partition(". ")
    first = first if not rest else first + "."
    words = first.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:") + "…", text
    return first, rest


def card_text(card: dict[str, str], labels: Labels | None = None) -> str:
    """A short card in the reply markup (docs/README-widget.md): name, one line, phone and hours,
    then a "More about" disclosure with the rest (the widget shows it as an expandable section,
    Telegram as an expandable quotation). ``labels``: the fixed words in another language."""
    lines = [f"**{_md(card['title'])}**"]
    line, rest = one_line(card.get("summary") or "")
    if line:
        lines.append(_md(line))
        if card.get("english_note"):
            lines.append(f"_{_md(card['english_note'])}_")
    main_phone = card.get("main_phone") or card["phone"]
    lines.append(f"{_label(labels, 'card_phone')}: {_md(main_phone)}")
    lines.append(f"{_label(labels, 'card_hours')}: {_md(card['hours'])}")
    more: list[str] = []
    if rest:
        more.append(_md(rest))
    if card["phone"] != main_phone:
        more.append(f"{_label(labels, 'card_all_numbers')}: {_md(card['phone'])}")
    if card.get("open_now_text"):
        more.append(_md(card["open_now_text"]))
    if card.get("other_hours"):
        more.append(_md(card["other_hours"]))
    website = card.get("website", _label(labels, "card_check"))
    website_label = _label(labels, "card_website")
    # A bare URL is a link in both renderers; anything else is escaped text.
    is_url = website.startswith(("https://", "http://")) and not any(c in website for c in " <>()")
    more.append(f"{website_label}: {website}" if is_url else f"{website_label}: {_md(website)}")
    if card.get("email"):
        more.append(f"{_label(labels, 'card_email')}: {_md(card['email'])}")
    more.append(_md(card["last_checked"]))
    if card.get("unverified_note"):
        more.append(f"_{_md(card['unverified_note'])}_")
    lines.append(f"::: {_label(labels, 'card_more_about', name=_md(card['title']))}")
    lines.extend(more)
    lines.append(":::")
    return "\n".join(lines)


def card_plain_text(card: dict[str, str], labels: Labels | None = None) -> str:
    """The card as plain text for copying into an email or letter (no markdown)."""
    lines = [
        card["title"],
        card.get("summary", ""),
        card.get("english_note", ""),
        f"{_label(labels, 'card_phone')}: {card['phone']}",
        f"{_label(labels, 'card_hours')}: {card['hours']}",
    ]
    if card.get("other_hours"):
        lines.append(card["other_hours"])
    lines.append(f"{_label(labels, 'card_website')}: {card.get('website', _label(labels, 'card_check'))}")
    if card.get("email"):
        lines.append(f"{_label(labels, 'card_email')}: {card['email']}")
    lines.append(card["last_checked"])
    if card.get("unverified_note"):
        lines.append(card["unverified_note"])
    return "\n".join(line for line in lines if line)
