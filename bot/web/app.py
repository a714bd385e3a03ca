"""Builds the public aiohttp application from its feature modules.

Each feature module exposes ``setup(app: web.Application) -> None`` and reads settings from
``app[SETTINGS_KEY]``. The web app is the only public face of the service: Rasa and the action
server stay on the private interface.
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web, web_response
from aiohttp.http_exceptions import HttpProcessingError

from bot.web.responses import json_error
from ssgp_settings import Settings, get_settings

logger = logging.getLogger(__name__)

SETTINGS_KEY = web.AppKey("settings", Settings)

# Feature modules, in registration order. Each one owns its routes.
FEATURES: tuple[str, ...] = (
    "bot.web.cors",
    "bot.web.health",
    "bot.web.oruk",
    "bot.web.staff",
    "bot.web.rasa_client",  # before chat and telegram_forward, which talk to Rasa through it
    "bot.web.chat",
    "bot.web.telegram_forward",
    "bot.web.widget",
    "bot.web.review",
)

MAX_REQUEST_BYTES = 256 * 1024

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _wants_json(request: web.Request) -> bool:
    return (
        request.path.startswith(("/api/", "/oruk"))
        or "application/json" in request.headers.get("Accept", "")
    )


def _error_response(request: web.Request, status: int, message: str) -> web.Response:
    if _wants_json(request):
        return json_error(status, message)
    return web.Response(text=message, status=status, content_type="text/plain")


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn every failure into a short, plain message: no stack traces, no echoed input."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400 and exc.content_type != "application/json" and _wants_json(request):
            return _error_response(request, exc.status, exc.reason)
        raise
    except Exception:
        # Log the exception type and route only: request bodies may hold personal information.
        logger.exception("unhandled error on %s %s", request.method, request.rel_url.path)
        return _error_response(request, 500, "Something went wrong on our side. Please try again.")


SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'self'; form-action 'self'"
    ),
    "Cache-Control": "no-store",
}
# Names the software but not its version (aiohttp's default says "Python/3.10 aiohttp/3.9.5").
SERVER_HEADER = "ssgp"
# Request bodies are read as sent: a compressed body could unpack to many times its size
# before any limit applies, so only "identity" is accepted.
IDENTITY_ENCODINGS = frozenset({"", "identity"})
# Our forms (sign-in, review notes of up to 2,000 characters, directory reports) fit easily; a
# smaller cap than the JSON body limit bounds the time aiohttp spends splitting form fields
# (CVE-2026-128126, docs/security-advisories.md).
MAX_FORM_BYTES = 64 * 1024


# aiohttp answers a request it cannot parse before any application code runs; its default
# Server value is module state in aiohttp.web_response, so name the software there too.
web_response.SERVER_SOFTWARE = SERVER_HEADER


async def security_headers_on_prepare(_request: web.Request, response: web.StreamResponse) -> None:
    """Every response gets the security headers, including aiohttp's own 404, 405 and redirects
    (raised as exceptions, they skip what a middleware adds after the handler returns)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = SERVER_HEADER


@web.middleware
async def identity_body_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse compressed and multipart request bodies (415), and form bodies over MAX_FORM_BYTES or
    of unknown length (413), before anything reads them.

    No page here sends multipart forms, and aiohttp 3.9.5's ``request.post()`` does not hold a
    multipart body to ``client_max_size`` as a whole (CVE-2025-69228, see
    docs/security-advisories.md), so such bodies are never parsed.
    """
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in IDENTITY_ENCODINGS:
        return _error_response(request, 415, "Compressed request bodies are not accepted. Send the body uncompressed.")
    if request.content_type.startswith("multipart/"):
        return _error_response(request, 415, "Multipart bodies are not accepted. Send the form as ordinary form data.")
    if request.content_type == "application/x-www-form-urlencoded" and request.can_read_body and (
        request.content_length is None or request.content_length > MAX_FORM_BYTES
    ):
        return _error_response(request, 413, "This form is too large. Shorten the text and send it again.")
    return await handler(request)


class _MalformedRequestFilter(logging.Filter):
    """aiohttp logs a malformed request with a traceback whose message quotes the raw header
    line (which may carry personal data). Keep one short line naming the error type instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg = "rejected a malformed HTTP request (%s)"
            record.args = (type(exc).__name__,)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_MALFORMED_FILTER = _MalformedRequestFilter()


def quiet_malformed_request_logs() -> None:
    server_logger = logging.getLogger("aiohttp.server")
    if _MALFORMED_FILTER not in server_logger.filters:
        server_logger.addFilter(_MALFORMED_FILTER)


def create_app(settings: Settings | None = None) -> web.Application:
    settings = settings or get_settings()
    app = web.Application(
        client_max_size=MAX_REQUEST_BYTES,
        middlewares=[error_middleware, identity_body_middleware],
        # The HTTP parser would otherwise inflate gzip/deflate bodies as they arrive, before any
        # handler or size limit sees them (a 48 KB body became 77 MB in memory).
        handler_args={"auto_decompress": False},
    )
    app.on_response_prepare.append(security_headers_on_prepare)
    quiet_malformed_request_logs()
    app[SETTINGS_KEY] = settings
    for name in FEATURES:
        importlib.import_module(name).setup(app)
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def startup_warnings(settings: Settings) -> list[str]:
    """Configuration that works but is unsafe where it is used."""
    warnings = []
    if not settings.secure_cookies and not _is_loopback(settings.web_host):
        warnings.append(
            f"SECURE_COOKIES is off while WEB_HOST={settings.web_host} is not loopback: staff sign-in "
            "cookies would also travel over plain HTTP. Serve over HTTPS and set SECURE_COOKIES=true."
        )
    return warnings


def run(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    for warning in startup_warnings(settings):
        logger.warning("%s", warning)
    # access_log=None: the default access log records client IP addresses.
    web.run_app(
        create_app(settings),
        host=settings.web_host,
        port=settings.web_port,
        access_log=None,
        print=lambda *_: None,
    )
