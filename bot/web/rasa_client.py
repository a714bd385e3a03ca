"""The web app's client for the private Rasa server: one session, the worker pool, and the internal token.

Every request the web app makes to Rasa goes through ``RasaClient``: the widget's messages (Rasa's
REST channel), "forget this conversation" (the private channel, which needs the ``X-Internal-Token``
shared secret) and Telegram updates forwarded to a worker. Only this module knows the header name
and the token. Errors are raised as they come (``aiohttp.ClientError``, ``asyncio.TimeoutError``,
``ValueError`` for a reply that is not JSON), so each caller answers its own client in its own words.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.rasa_pool import RasaPool

logger = logging.getLogger(__name__)

# The private channel's shared-secret header (bot/channels/private.py checks it).
INTERNAL_TOKEN_HEADER = "X-Internal-Token"  # noqa: S105 - a header name, not a secret
REST_PATH = "/webhooks/rest/webhook"
FORGET_PATH = "/webhooks/private/forget"
CHAT_TIMEOUT = aiohttp.ClientTimeout(total=30, connect=3)
FORGET_TIMEOUT = aiohttp.ClientTimeout(total=5, connect=2)


@dataclass
class RasaClient:
    pool: RasaPool
    internal_token: str
    # Open while the app runs (see ``_client_session``); None before start-up and after shutdown.
    session: aiohttp.ClientSession | None = None

    @property
    def ready(self) -> bool:
        return self.session is not None

    @property
    def can_forget(self) -> bool:
        """Without the token the private channel refuses every forget request."""
        return bool(self.internal_token)

    async def post(
        self,
        path: str,
        body: dict[str, Any],
        *,
        key: str,
        timeout: aiohttp.ClientTimeout,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """POST to one worker (rasa_pool.py picks it; ``key`` keeps a conversation on one worker)."""
        if self.session is None:
            raise aiohttp.ClientConnectionError("the Rasa client session is closed")
        return await self.pool.post_json(self.session, path, body, key=key, timeout=timeout, headers=headers)

    async def send_message(self, conversation_id: str, text: str) -> tuple[int, Any]:
        """One widget message to Rasa's REST channel: (HTTP status, Rasa's JSON reply if 200)."""
        return await self.post(
            REST_PATH, {"sender": conversation_id, "message": text}, key=conversation_id, timeout=CHAT_TIMEOUT
        )

    async def forget(self, conversation_id: str) -> int:
        """Ask Rasa to delete one conversation now; returns the HTTP status (200 = deleted or absent)."""
        status, _ = await self.post(
            FORGET_PATH, {"sender": conversation_id}, key=conversation_id, timeout=FORGET_TIMEOUT,
            headers={INTERNAL_TOKEN_HEADER: self.internal_token},
        )
        return status


RASA_CLIENT_KEY = web.AppKey("rasa_client", RasaClient)


async def _client_session(app: web.Application) -> AsyncIterator[None]:
    client = app[RASA_CLIENT_KEY]
    # No cookie jar: the session talks to Rasa on behalf of many people and must not mix them.
    client.session = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
    yield
    await client.session.close()
    client.session = None


def setup(app: web.Application) -> None:
    settings = app[SETTINGS_KEY]
    app[RASA_CLIENT_KEY] = RasaClient(pool=RasaPool(settings.rasa_urls), internal_token=settings.internal_token)
    if not settings.internal_token:
        logger.warning("SSGP_INTERNAL_TOKEN is empty: /api/forget cannot delete conversations")
    app.cleanup_ctx.append(_client_session)
