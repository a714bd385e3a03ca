"""CORS for the chat widget embedded on allow-listed partner sites (``WIDGET_ALLOWED_ORIGINS``).

Only the widget's own endpoints take part: its assets and config under ``/widget/``, and the two
API calls it makes (``/api/chat``, ``/api/forget``). Every other route (staff pages, review app,
ORUK API) never sends CORS headers. An allowed origin is echoed back exactly; there is no
wildcard and no ``Access-Control-Allow-Credentials``, because the widget sends no cookies.
Responses on these paths always carry ``Vary: Origin`` so a cache never hands one site's answer
to another.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from multidict import CIMultiDict

from ssgp_settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Set on requests whose Origin is allow-listed, so the chat API accepts them although the browser
# marks them Sec-Fetch-Site: cross-site.
ALLOWED_ORIGIN = "ssgp_cors_allowed_origin"

WIDGET_PATHS = ("/api/chat", "/api/forget")
WIDGET_PREFIX = "/widget/"
ALLOW_METHODS = "GET, POST"
ALLOW_HEADERS = "Content-Type, Accept"
MAX_AGE_SECONDS = "600"


def in_scope(path: str) -> bool:
    return path in WIDGET_PATHS or path.startswith(WIDGET_PREFIX)


def _add_vary(headers: CIMultiDict[str]) -> None:
    vary = headers.get("Vary", "")
    if "origin" not in vary.lower():
        headers["Vary"] = f"{vary}, Origin" if vary else "Origin"


def _decorate(headers: CIMultiDict[str], origin: str | None) -> None:
    _add_vary(headers)
    if origin:
        headers["Access-Control-Allow-Origin"] = origin


def cors_middleware_for(settings: Settings) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    allowed = frozenset(settings.widget_allowed_origins)

    @web.middleware
    async def cors_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not in_scope(request.path):
            return await handler(request)
        origin = request.headers.get("Origin", "").strip().rstrip("/").lower() or None
        permitted = origin if origin in allowed else None
        if permitted:
            request[ALLOWED_ORIGIN] = permitted
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            # Preflight: answered here, never by a feature handler.
            response = web.Response(status=204 if permitted else 403)
            _decorate(response.headers, permitted)
            if permitted:
                response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
                response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                response.headers["Access-Control-Max-Age"] = MAX_AGE_SECONDS
            return response
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            # 404s, 405s and the like: still readable by the partner page, so the widget can say why.
            _decorate(exc.headers, permitted)
            raise
        _decorate(response.headers, permitted)
        return response

    return cors_middleware


def origin_allowed(request: web.Request) -> bool:
    """True when this request's Origin is an allow-listed partner site."""
    return bool(request.get(ALLOWED_ORIGIN))


def setup(app: web.Application) -> None:
    """Registers the middleware first (outermost), so error and rate-limit replies carry CORS too."""
    from bot.web.app import SETTINGS_KEY

    app.middlewares.insert(0, cors_middleware_for(app[SETTINGS_KEY]))
