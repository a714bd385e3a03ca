"""How a service is shown: contact tokens for answers, plain-text cards, and a short card in the reply markup."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from services_directory.dates import date_line
from services_directory.model import Service
from services_directory.schedules import (
    DAY_NAMES,
    DAYS,
    describe,
    format_time,
    is_always_open,
    next_opening,
    open_now,
    to_london,
)

CHECK = "check with the service"
UNVERIFIED_SUFFIX = " (check with the service before relying on this)"


def _mark(value: str | None, verified: bool) -> str:
    if not value:
        return CHECK
    return value if verified else value + UNVERIFIED_SUFFIX


def phone_text(service: Service) -> str:
    """The first (main) number, marked when unverified."""
    if not service.phones:
        return CHECK
    first = service.phones[0]
    return _mark(first.display, first.verified)


def hours_text(service: Service) -> str:
    """Phone hours in plain English, marked when unverified; 'check with the service' when unknown."""
    schedules = service.phone_schedules
    text = describe(schedules)
    verified = all(s.verified is not False for s in schedules)
    return _mark(text, verified)


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


def open_now_text(service: Service, now: datetime | None = None) -> str:
    """'Open now until 5pm', 'Closed now: opens Tue 9am', or a prompt to check when hours are unknown."""
    schedules = service.phone_schedules
    state = open_now(schedules, now)
    if state is None:
        return "Opening hours not listed: check with the service"
    verified = all(s.verified is not False for s in schedules)
    if is_always_open(schedules):
        text = "Open now: 24 hours a day"
    elif state:
        local = to_london(now)
        # Find when the current window ends by walking forward in 15-minute steps.
        closes = _closing_time(service, local)
        text = f"Open now until {closes}" if closes else "Open now"
    else:
        nxt = next_opening(schedules, now)
        text = f"Closed now: opens {DAY_NAMES[DAYS[nxt.weekday()]]} {format_time(nxt.time())}" if nxt else "Closed now"
    return text if verified else text + UNVERIFIED_SUFFIX


def _closing_time(service: Service, local: datetime) -> str | None:
    probe = local.replace(second=0, microsecond=0)
    for _ in range(24 * 60):
        probe += timedelta(minutes=1)
        if not any(s.is_open(probe) for s in service.phone_schedules):
            return format_time(probe.time())
    return None


def _phones_line(service: Service) -> str:
    if not service.phones:
        return CHECK
    if len(service.phones) == 1:
        return phone_text(service)
    parts = []
    for p in service.phones:
        label = f"{p.display} ({p.description})" if p.description else p.display
        parts.append(_mark(label, p.verified))
    return "; ".join(parts)


def format_card(service: Service, now: datetime | None = None) -> dict[str, str]:
    """Plain-text fields for one service; every missing value reads 'check with the service'."""
    unverified = not service.fully_verified
    other_hours = []
    for s in service.other_schedules:
        text = describe((s,)) or ""
        other_hours.append(_mark(f"{s.channel.capitalize()}: {text}", s.verified is not False))
    return {
        "key": service.key,
        "title": service.name,
        "organization": service.organization.name,
        "summary": service.description,
        "phone": _phones_line(service),
        "main_phone": phone_text(service),
        "hours": hours_text(service),
        "other_hours": "; ".join(other_hours),
        "open_now_text": open_now_text(service, now),
        "website": _mark(service.url, service.url_verified),
        "email": _mark(service.email, service.email_verified) if service.email else "",
        "last_checked": date_line(service),  # "Information from …"; "Confirmed with the service on …" only if so
        "unverified_note": (
            "Some details here come from older or single sources: check with the service before relying on them."
            if unverified
            else ""
        ),
    }


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


def card_text(card: dict[str, str]) -> str:
    """A short card in the reply markup (docs/README-widget.md): name, one line, phone and hours,
    then a "More about" disclosure with the rest (the widget shows it as an expandable section,
    Telegram as an expandable quotation)."""
    lines = [f"**{_md(card['title'])}**"]
    line, rest = one_line(card.get("summary") or "")
    if line:
        lines.append(_md(line))
    main_phone = card.get("main_phone") or card["phone"]
    lines.append(f"Phone: {_md(main_phone)}")
    lines.append(f"Hours: {_md(card['hours'])}")
    more: list[str] = []
    if rest:
        more.append(_md(rest))
    if card["phone"] != main_phone:
        more.append(f"All numbers: {_md(card['phone'])}")
    if card.get("open_now_text"):
        more.append(_md(card["open_now_text"]))
    if card.get("other_hours"):
        more.append(_md(card["other_hours"]))
    website = card.get("website", CHECK)
    # A bare URL is a link in both renderers; anything else is escaped text.
    is_url = website.startswith(("https://", "http://")) and not any(c in website for c in " <>()")
    more.append(f"Website: {website}" if is_url else f"Website: {_md(website)}")
    if card.get("email"):
        more.append(f"Email: {_md(card['email'])}")
    more.append(_md(card["last_checked"]))
    if card.get("unverified_note"):
        more.append(f"_{_md(card['unverified_note'])}_")
    lines.append(f"::: More about {_md(card['title'])}")
    lines.extend(more)
    lines.append(":::")
    return "\n".join(lines)


def card_plain_text(card: dict[str, str]) -> str:
    """The card as plain text for copying into an email or letter (no markdown)."""
    lines = [card["title"], card.get("summary", ""), f"Phone: {card['phone']}", f"Hours: {card['hours']}"]
    if card.get("other_hours"):
        lines.append(card["other_hours"])
    lines.append(f"Website: {card.get('website', CHECK)}")
    if card.get("email"):
        lines.append(f"Email: {card['email']}")
    lines.append(card["last_checked"])
    if card.get("unverified_note"):
        lines.append(card["unverified_note"])
    return "\n".join(line for line in lines if line)
