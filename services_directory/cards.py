"""How a service is shown: contact tokens for answers, plain-text cards, and a short markdown card."""

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


def _md(text: str) -> str:
    """Escape markdown so record text can never turn into links, emphasis or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def card_text(card: dict[str, str]) -> str:
    """A short markdown card: bold title, then one line per field that has something to say."""
    lines = [f"**{_md(card['title'])}**"]
    if card.get("summary"):
        lines.append(_md(card["summary"]))
    lines.append(f"Phone: {_md(card['phone'])}")
    lines.append(f"Hours: {_md(card['hours'])}")
    if card.get("other_hours"):
        lines.append(_md(card["other_hours"]))
    if card.get("open_now_text"):
        lines.append(_md(card["open_now_text"]))
    website = card.get("website", CHECK)
    lines.append(
        f"Website: <{website}>"
        if website.startswith(("https://", "http://")) and " " not in website
        else f"Website: {_md(website)}"
    )
    if card.get("email"):
        lines.append(f"Email: {_md(card['email'])}")
    lines.append(_md(card["last_checked"]))
    if card.get("unverified_note"):
        lines.append(f"_{_md(card['unverified_note'])}_")
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
