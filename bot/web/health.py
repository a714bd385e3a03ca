"""Liveness endpoint for operators and the process supervisor."""

from aiohttp import web


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def setup(app: web.Application) -> None:
    app.router.add_get("/healthz", health)
