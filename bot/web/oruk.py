"""Read-only Open Referral UK (UK Profile 3.0) API under /oruk/, for other directories to consume.

Public, no key, CORS open (profile compliance). Bad parameters get a 400 with a message, unknown ids a
404; both are JSON. A confidential location never leaves services_directory.oruk, which builds
every object served here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import time
from typing import Any

from aiohttp import web

from bot.web.directory import request_directory
from bot.web.responses import json_error
from services_directory import oruk
from services_directory.export import package_zip
from services_directory.filters import ServiceFilter
from services_directory.filters import filter_services as matching_services
from services_directory.loader import DirectoryError
from services_directory.schedules import DAYS

PREFIX = "/oruk"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_SEARCH_CHARS = 200
DAY_NAMES = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message is shown to the caller."""


def _json(data: Any, status: int = 200) -> web.Response:
    response = web.json_response(data, status=status)
    if status == 200:
        # Public, non-personal data: short shared caching is fine.
        response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _int(request: web.Request, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError as exc:
        raise BadParameter(f"{name} must be a whole number") from exc
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low} and {high}")
    return value


def _number(request: web.Request, name: str) -> float | None:
    raw = request.query.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        value = float(raw.strip())
    except ValueError as exc:
        raise BadParameter(f"{name} must be a number") from exc
    if not 0 <= value <= 150:
        raise BadParameter(f"{name} must be between 0 and 150")
    return value


def _time(request: web.Request, name: str) -> time | None:
    raw = request.query.get(name)
    if raw is None or raw.strip() == "":
        return None
    match = _TIME.match(raw.strip())
    if not match:
        raise BadParameter(f"{name} must be a time like 09:00 or 09:00:00")
    return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def _day(request: web.Request) -> str | None:
    raw = request.query.get("day")
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value.upper() in DAYS:
        return value.upper()
    if value in DAY_NAMES:
        return DAY_NAMES[value]
    raise BadParameter("day must be one of MO, TU, WE, TH, FR, SA, SU (or a day name)")


def _uuid_param(request: web.Request, name: str) -> str | None:
    raw = request.query.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        return str(uuid.UUID(raw.strip()))
    except ValueError as exc:
        raise BadParameter(f"{name} must be a UUID") from exc


def _paging(request: web.Request) -> tuple[int, int]:
    page = _int(request, "page", 1, 1, 1_000_000) or 1
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
    return page, per_page


def _paged(items: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    start = (page - 1) * per_page
    return oruk.page(items[start : start + per_page], len(items), page, per_page)


def service_filter(request: web.Request) -> ServiceFilter:
    """Read and check the profile's /services parameters; raises BadParameter with a readable message.

    What each value means is services_directory.filters' business; this only reads them.
    """
    search = request.query.get("search")
    if search is not None and len(search) > MAX_SEARCH_CHARS:
        raise BadParameter(f"search must be at most {MAX_SEARCH_CHARS} characters")
    wanted = ServiceFilter(
        search=search,
        taxonomy_term_id=_uuid_param(request, "taxonomy_term_id"),
        taxonomy_id=_uuid_param(request, "taxonomy_id"),
        minimum_age=_number(request, "minimum_age"),
        maximum_age=_number(request, "maximum_age"),
        day=_day(request),
        start_time=_time(request, "start_time"),
        end_time=_time(request, "end_time"),
    )
    if wanted.start_time and wanted.end_time and wanted.start_time > wanted.end_time:
        raise BadParameter("start_time must not be after end_time")
    return wanted


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _guarded(handler: Handler) -> Handler:
    """Turn parameter and record problems into clear JSON errors instead of 500s."""

    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except BadParameter as exc:
            return json_error(400, str(exc))
        except DirectoryError:
            return json_error(503, "The services directory is being updated. Please try again shortly.")

    return wrapper


async def meta(_: web.Request) -> web.Response:
    return _json(oruk.api_meta())


async def services(request: web.Request) -> web.Response:
    page, per_page = _paging(request)
    found = matching_services(request_directory(request), service_filter(request))
    return _json(_paged([oruk.service_list_item(s) for s in found], page, per_page))


def _path_uuid(request: web.Request, what: str) -> str:
    try:
        return str(uuid.UUID(request.match_info["id"]))
    except ValueError as exc:
        raise BadParameter(f"{what} id must be a UUID") from exc


async def service(request: web.Request) -> web.Response:
    found = request_directory(request).by_id(_path_uuid(request, "service"))
    if found is None:
        return json_error(404, "No service with that id.")
    return _json(oruk.service_full(found))


async def taxonomies(request: web.Request) -> web.Response:
    page, per_page = _paging(request)
    return _json(_paged(oruk.all_taxonomies(with_terms=False), page, per_page))


async def taxonomy(request: web.Request) -> web.Response:
    wanted = _path_uuid(request, "taxonomy")
    for key in oruk.TAXONOMIES:
        if oruk.taxonomy_id(key) == wanted:
            return _json(oruk.taxonomy(key))
    return json_error(404, "No taxonomy with that id.")


async def taxonomy_terms(request: web.Request) -> web.Response:
    page, per_page = _paging(request)
    terms = oruk.all_terms()
    tax = _uuid_param(request, "taxonomy_id")
    if tax:
        terms = [t for t in terms if t["taxonomy_id"] == tax]
    return _json(_paged(terms, page, per_page))


async def taxonomy_term(request: web.Request) -> web.Response:
    wanted = _path_uuid(request, "taxonomy term")
    for term in oruk.all_terms():
        if term["id"] == wanted:
            return _json(term)
    return json_error(404, "No taxonomy term with that id.")


async def export_zip(request: web.Request) -> web.Response:
    body = package_zip(request_directory(request))
    return web.Response(
        body=body,
        content_type="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="ssgp-services-oruk.zip"',
            "Cache-Control": "public, max-age=300",
        },
    )


async def fallthrough(request: web.Request) -> web.Response:
    """Unknown /oruk paths and non-GET methods: a JSON 404 or 405 from here, so no later route sees them."""
    if request.method not in ("GET", "HEAD"):
        response = json_error(405, "This API is read-only: use GET.")
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
        return response
    return json_error(404, "No such ORUK endpoint. Start at /oruk/ for what is available.")


async def preflight(_: web.Request) -> web.Response:
    return web.Response(
        status=204,
        headers={"Access-Control-Allow-Methods": "GET, OPTIONS", "Access-Control-Max-Age": "86400"},
    )


async def _cors(request: web.Request, response: web.StreamResponse) -> None:
    # Every /oruk response (errors included) may be read by any site: the data is public by design.
    if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
        response.headers["Access-Control-Allow-Origin"] = "*"


def setup(app: web.Application) -> None:
    routes = [
        ("", meta),
        ("/", meta),
        ("/services", services),
        ("/services/{id}", service),
        ("/taxonomies", taxonomies),
        ("/taxonomies/{id}", taxonomy),
        ("/taxonomy_terms", taxonomy_terms),
        ("/taxonomy_terms/{id}", taxonomy_term),
        ("/export.zip", export_zip),
    ]
    for path, handler in routes:
        app.router.add_get(PREFIX + path, _guarded(handler), allow_head=True)
        app.router.add_route("OPTIONS", PREFIX + path, preflight)
    # Answer unknown /oruk paths and other methods here, as JSON, rather than letting later routes see them.
    app.router.add_route("*", PREFIX, fallthrough)
    app.router.add_route("*", PREFIX + "/{tail:.*}", fallthrough)
    app.on_response_prepare.append(_cors)
