"""Staff lookup page for the services directory: GET /services (search + filters, printable cards) and
a form to report an outdated record. Server-rendered, works without JavaScript, GOV.UK Frontend styles
served from this app (no CDN).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.rate_limit import SlidingWindowLimiter
from bot.web.app import SETTINGS_KEY
from bot.web.client_address import client_address
from bot.web.directory import request_directory
from bot.web.staff_reports import MAX_NOTE_CHARS, ReportError, append_report
from services_directory import Service, format_card
from services_directory.cards import card_plain_text
from services_directory.dates import date_line
from services_directory.loader import DirectoryError
from services_directory.schedules import LONDON, format_time
from services_directory.taxonomy import AUDIENCES, NEEDS

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent / "staff"
STYLESHEET = HERE / "static" / "staff.css"
JINJA_KEY = web.AppKey("staff_directory_jinja", jinja2.Environment)
PER_PAGE = 10
MAX_TEXT = 200
MAX_AREA = 60


def _render(request: web.Request, template: str, context: dict[str, Any], status: int = 200) -> web.Response:
    response = aiohttp_jinja2.render_template(template, request, context, app_key=JINJA_KEY, status=status)
    # The report form relies on the browser sending its Origin on POST; "no-referrer" would make it "null".
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _card(service: Service, now: datetime) -> dict[str, Any]:
    card = format_card(service, now)
    location = service.public_location  # never a confidential one
    return {
        **card,
        "copy_text": card_plain_text(card),
        "phones": [
            {"display": p.display, "tel": p.tel_uri, "description": p.description, "verified": p.verified}
            for p in service.phones
        ],
        "url": service.url,
        "areas": ", ".join(service.service_areas),
        "audiences": ", ".join(AUDIENCES[a].label for a in service.eligibility.audiences),
        "ages": _ages(service),
        "needs": ", ".join(NEEDS[n].label for n in service.needs),
        "where": location.name if location else None,
        "date_line": date_line(service),  # the same words as the chat card
        "confidence": service.confidence,
        "notes": service.notes,
        "sources": list(service.sources),
        "verified": service.fully_verified,
    }


def _sentence(text: str) -> str:
    """Capital first letter ('check with the service' -> 'Check with the service')."""
    return text[:1].upper() + text[1:]


def _ages(service: Service) -> str | None:
    low, high = service.eligibility.minimum_age, service.eligibility.maximum_age
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} and over"
    if high is not None:
        return f"Up to {high}"
    return None


def _form(request: web.Request) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The search form's values and any problems with them (each problem names its field)."""
    query = request.query
    errors: list[dict[str, str]] = []
    text = query.get("q", "").strip()
    if len(text) > MAX_TEXT:
        errors.append({"field": "q", "text": f"Search words must be {MAX_TEXT} characters or fewer"})
        text = text[:MAX_TEXT]
    need = query.get("need", "")
    if need and need not in NEEDS:
        errors.append({"field": "need", "text": "Choose a need from the list"})
        need = ""
    audience = query.get("audience", "")
    if audience and audience not in AUDIENCES:
        errors.append({"field": "audience", "text": "Choose who the service is for from the list"})
        audience = ""
    area = query.get("area", "").strip()
    if len(area) > MAX_AREA:
        errors.append({"field": "area", "text": f"Area must be {MAX_AREA} characters or fewer"})
        area = area[:MAX_AREA]
    page_raw = query.get("page", "1")
    page = int(page_raw) if page_raw.isdigit() and 0 < int(page_raw) < 10_000 else 0
    if not page:
        errors.append({"field": "page", "text": "Page must be a whole number from 1"})
        page = 1
    values = {"q": text, "need": need, "audience": audience, "area": area, "open_now": query.get("open_now") == "1"}
    return {**values, "page": page}, errors


def _page_url(values: dict[str, Any], page: int) -> str:
    params = {k: v for k, v in values.items() if k != "page" and v}
    params = {k: ("1" if v is True else v) for k, v in params.items()}
    params["page"] = str(page)
    return "/services?" + urlencode(params)


async def services_page(request: web.Request) -> web.Response:
    now = datetime.now(LONDON)
    values, errors = _form(request)
    try:
        directory = request_directory(request)
    except DirectoryError:
        return web.Response(status=503, text="The services directory is being updated. Please try again shortly.")
    page = values["page"]
    searching = any(values[k] for k in ("q", "need", "audience", "area", "open_now"))
    note = None
    fallback = False
    if searching:
        results = directory.search(
            need=values["need"] or None,
            text=values["q"] or None,
            area=values["area"] or None,
            audience=values["audience"] or None,
            open_now=values["open_now"],
            now=now,
            limit=PER_PAGE,
            offset=(page - 1) * PER_PAGE,
        )
        services, total, note, fallback = results.items, results.total, results.note, results.fallback
        page = results.offset // PER_PAGE + 1
    else:
        everything = sorted(directory.services, key=lambda s: s.name.lower())
        total = len(everything)
        if (page - 1) * PER_PAGE >= total:
            page = 1
        services = everything[(page - 1) * PER_PAGE : page * PER_PAGE]
    pages = max(1, math.ceil(total / PER_PAGE))
    context = {
        "values": values,
        "errors": errors,
        "needs": NEEDS.values(),
        "audiences": [a for a in AUDIENCES.values() if a.key != "everyone"],
        "cards": [_card(s, now) for s in services],
        "total": total,
        "searching": searching,
        "note": note,
        "fallback": fallback,
        "page": page,
        "pages": pages,
        "prev_url": _page_url(values, page - 1) if page > 1 else None,
        "next_url": _page_url(values, page + 1) if page < pages else None,
        "worked_out_at": f"{now.day} {now:%B %Y}, {format_time(now.time().replace(second=0, microsecond=0))}",
    }
    return _render(request, "services.html", context, status=400 if errors else 200)


def _same_origin(request: web.Request) -> bool:
    """Reject cross-site form posts: the Origin (or Sec-Fetch-Site) must say the form came from here."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == request.host.lower()
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in {"same-origin", "none"}
    # No browser markers at all: not a browser, so not a cross-site request forgery.
    return True


def _service_or_404(request: web.Request) -> Service:
    service = request_directory(request).get(request.match_info["key"])
    if service is None:
        raise web.HTTPNotFound(text="No service with that key.")
    return service


async def report_form(request: web.Request) -> web.Response:
    service = _service_or_404(request)
    context = {"service": service, "note": "", "error": None, "max_chars": MAX_NOTE_CHARS}
    return _render(request, "report.html", context)


def _report_wait(request: web.Request) -> float:
    """Count a report against its client and the whole inbox; seconds to wait, 0 if allowed."""
    limits = request.app[REPORT_LIMITS_KEY]
    key = hmac.new(limits.salt, client_address(request).encode(), hashlib.sha256).hexdigest()[:32]
    wait = limits.per_client.hit(key)
    return wait or limits.everyone.hit("all")


async def report_submit(request: web.Request) -> web.StreamResponse:
    service = _service_or_404(request)
    if not _same_origin(request):
        return web.Response(status=403, text="This form can only be sent from the services directory page.")
    if request.content_type not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return web.Response(status=415, text="Send the report with the form on the page.")
    wait = _report_wait(request)
    if wait:
        # Reports are rare; a flood would fill the inbox (capped in staff_reports) for everyone.
        return web.Response(
            status=429,
            text="Too many reports have been sent just now. Please try again later, or tell the "
            "directory team another way.",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    form = await request.post()
    note = form.get("note", "")
    if not isinstance(note, str):
        return web.Response(status=400, text="The note must be text.")
    try:
        append_report(request.app[SETTINGS_KEY].var_dir, service.key, note, datetime.now(LONDON).date())
    except ReportError as exc:
        context = {
            "service": service,
            "note": note[: MAX_NOTE_CHARS * 2],
            "error": str(exc),
            "max_chars": MAX_NOTE_CHARS,
        }
        return _render(request, "report.html", context, status=400)
    logger.info("outdated-record report stored for %s", service.key)
    raise web.HTTPSeeOther(f"/services/{service.key}/report/sent")


async def report_sent(request: web.Request) -> web.Response:
    service = _service_or_404(request)
    return _render(request, "report_sent.html", {"service": service})


async def stylesheet(_: web.Request) -> web.StreamResponse:
    # One fixed file, so no path from the request ever reaches the file system.
    return web.FileResponse(
        STYLESHEET, headers={"Cache-Control": "public, max-age=3600", "Content-Type": "text/css; charset=utf-8"}
    )


@dataclass
class ReportLimits:
    per_client: SlidingWindowLimiter
    everyone: SlidingWindowLimiter
    salt: bytes  # keyed hash: addresses are counted, never kept


REPORT_LIMITS_KEY = web.AppKey("staff_report_limits", ReportLimits)
REPORTS_PER_CLIENT_PER_HOUR = 5
# All clients together: the 5 MB inbox holds well over a thousand reports, so this keeps it
# from being filled even from many addresses, and the team gets a manageable number.
REPORTS_PER_DAY = 100


def setup(app: web.Application) -> None:
    app[REPORT_LIMITS_KEY] = ReportLimits(
        per_client=SlidingWindowLimiter(REPORTS_PER_CLIENT_PER_HOUR, window=3600.0),
        everyone=SlidingWindowLimiter(REPORTS_PER_DAY, window=86400.0),
        salt=secrets.token_bytes(32),
    )
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        app_key=JINJA_KEY,  # our own key: other features set up Jinja for themselves
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        filters={"sentence": _sentence},
    )
    app.router.add_get("/services", services_page)
    key = "{key:[a-z0-9-]{1,64}}"
    app.router.add_get(f"/services/{key}/report", report_form)
    app.router.add_post(f"/services/{key}/report", report_submit)
    app.router.add_get(f"/services/{key}/report/sent", report_sent)
    app.router.add_get("/staff-static/staff.css", stylesheet)
