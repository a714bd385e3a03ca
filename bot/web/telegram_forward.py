"""``POST /webhooks/telegram_ptb/webhook`` on the web app, forwarded to a Rasa worker.

With several workers, the proxy sends Telegram's webhook here rather than to one Rasa port, so
updates are spread over the workers and a worker that does not answer is skipped (rasa_pool.py).
The worker checks Telegram's secret header and the update itself, exactly as before; this only
passes the request on, through the web app's Rasa client (rasa_client.py). If no worker takes it,
Telegram gets a 503 and delivers the update again later.
"""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
from aiohttp import web

from bot.web.rasa_client import RASA_CLIENT_KEY

logger = logging.getLogger(__name__)

PATH = "/webhooks/telegram_ptb/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
TIMEOUT = aiohttp.ClientTimeout(total=30, connect=3)


async def forward(request: web.Request) -> web.Response:
    try:
        update = json.loads(await request.read() or b"null")
    except ValueError:
        update = None
    if not isinstance(update, dict):
        return web.json_response({"error": "expected a Telegram update as JSON"}, status=400)
    key = str(((update.get("message") or {}).get("chat") or {}).get("id") or update.get("update_id"))
    try:
        status, _ = await request.app[RASA_CLIENT_KEY].post(
            PATH, update, key=key, timeout=TIMEOUT,
            headers={SECRET_HEADER: request.headers.get(SECRET_HEADER, "")},
        )
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        logger.warning("telegram: no Rasa worker took the update (%s)", type(exc).__name__)
        return web.json_response({"error": "unavailable"}, status=503)
    if status == 200:
        return web.Response(status=200)
    return web.json_response({"error": "rejected"}, status=status)


def setup(app: web.Application) -> None:
    app.router.add_post(PATH, forward)
