"""Liveness and readiness endpoints for operators, the proxy and the process supervisor.

``GET /healthz``: the web app is up. ``GET /readyz``: how many Rasa workers answer now; 200 while
at least one does (the service can answer residents), 503 when none does.
"""

import aiohttp
from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.rasa_pool import RasaPool


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def ready(request: web.Request) -> web.Response:
    pool = RasaPool(request.app[SETTINGS_KEY].rasa_urls)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        up = await pool.probe(session)
    count = sum(up)
    body = {
        "status": "ready" if count == len(up) else ("degraded" if count else "unavailable"),
        "workers_up": count,
        "workers": len(up),
    }
    return web.json_response(body, status=200 if count else 503)


def setup(app: web.Application) -> None:
    app.router.add_get("/healthz", health)
    app.router.add_get("/readyz", ready)
