"""Builds the public aiohttp application from its feature modules.

Each feature module exposes ``setup(app: web.Application) -> None`` and reads settings from
``app[SETTINGS_KEY]``. The web app is the only public face of the service: Rasa and the action
server stay on the private interface.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.settings import Settings

logger = logging.getLogger(__name__)

SETTINGS_KEY = web.AppKey("settings", Settings)

# Feature modules, in registration order. Each one owns its routes.
FEATURES: tuple[str, ...] = (
    "bot.web.health",
    "bot.web.oruk",
    "bot.web.staff",
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
        return web.json_response({"error": message, "status": status}, status=status)
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


@web.middleware
async def security_headers_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'self'; form-action 'self'",
    )
    headers.setdefault("Cache-Control", "no-store")
    return response


def create_app(settings: Settings | None = None) -> web.Application:
    settings = settings or Settings.from_env()
    app = web.Application(
        client_max_size=MAX_REQUEST_BYTES,
        middlewares=[error_middleware, security_headers_middleware],
    )
    app[SETTINGS_KEY] = settings
    for name in FEATURES:
        importlib.import_module(name).setup(app)
    return app


def run(settings: Settings | None = None) -> None:
    settings = settings or Settings.from_env()
    # access_log=None: the default access log records client IP addresses.
    web.run_app(
        create_app(settings),
        host=settings.web_host,
        port=settings.web_port,
        access_log=None,
        print=lambda *_: None,
    )
