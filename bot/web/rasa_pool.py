"""Spreads requests over the Rasa workers, and tries another worker when one does not answer.

With one worker (RASA_WORKERS=1) this is a plain POST to it. With several, each request goes to the
worker with the fewest requests in flight from this web app (ties broken by the conversation, so a
conversation tends to stay on one worker). Conversations live in Redis, so any worker can continue
any conversation.

Only failures that mean "the worker never handled it" are retried elsewhere: the connection was
refused or dropped before a reply (a worker that is starting, stopping or was killed; a killed
worker never saved the turn, because Rasa saves a conversation after handling the whole message),
or a 503 from our REST channel, which means Rasa could not take the conversation's lock and handled
nothing (bot/channels/rest.py). A timeout or any other HTTP error is not retried, so a message is
never handled twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

# A worker that refused a connection is tried last for this long.
DOWN_SECONDS = 2.0
# Between tries, when every worker refused (a rolling restart or a worker restarting).
RETRY_PAUSE_SECONDS = 0.25
# Rounds over all workers before giving up: covers a worker restarting during a short outage.
ROUNDS = 3
# A worker's "not handled, send it again": our REST channel answers it when Rasa raised LockError,
# before it touched the conversation (bot/channels/rest.py).
NOT_HANDLED_STATUS = 503


@dataclass
class RasaPool:
    urls: tuple[str, ...]
    in_flight: list[int] = field(default_factory=list)
    down_until: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.urls:
            raise ValueError("no Rasa worker URL")
        self.in_flight = [0] * len(self.urls)
        self.down_until = [0.0] * len(self.urls)

    def order(self, key: str) -> list[int]:
        """Worker indexes to try, best first."""
        count = len(self.urls)
        if count == 1:
            return [0]
        start = zlib.crc32(key.encode()) % count
        now = time.monotonic()
        return sorted(
            range(count),
            key=lambda i: (self.down_until[i] > now, self.in_flight[i], (i - start) % count),
        )

    async def post_json(
        self,
        session: aiohttp.ClientSession,
        path: str,
        body: dict[str, Any],
        *,
        key: str,
        timeout: aiohttp.ClientTimeout,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """POST ``body`` to one worker; returns (HTTP status, JSON body or None if not 200).

        Raises the last connection error if no worker would take the request, ``asyncio.TimeoutError``
        on a timeout and ``ValueError`` on a 200 reply that is not JSON.
        """
        last_error: Exception | None = None
        not_handled = False
        rounds = ROUNDS if len(self.urls) > 1 else 1
        for attempt in range(rounds):
            if attempt:
                await asyncio.sleep(RETRY_PAUSE_SECONDS * attempt)
            for index in self.order(key):
                self.in_flight[index] += 1
                try:
                    async with session.post(
                        self.urls[index] + path, json=body, headers=headers, timeout=timeout
                    ) as response:
                        if response.status == NOT_HANDLED_STATUS:
                            not_handled = True
                            continue
                        if response.status != 200:
                            return response.status, None
                        return 200, await response.json(content_type=None)
                except aiohttp.ClientConnectionError as exc:
                    # Includes refused connections and a worker dying before its reply.
                    self.down_until[index] = time.monotonic() + DOWN_SECONDS
                    last_error = exc
                    if len(self.urls) > 1:
                        logger.info("Rasa worker %d did not answer (%s); trying another",
                                    index + 1, type(exc).__name__)
                finally:
                    self.in_flight[index] -= 1
        if not_handled:
            return NOT_HANDLED_STATUS, None
        assert last_error is not None
        raise last_error

    async def probe(self, session: aiohttp.ClientSession, timeout: float = 1.5) -> list[bool]:
        """Which workers answer Rasa's ``GET /`` now (each loads its model before it listens)."""

        async def one(url: str) -> bool:
            try:
                async with session.get(url + "/", timeout=aiohttp.ClientTimeout(total=timeout)) as response:
                    return response.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return False

        return list(await asyncio.gather(*(one(url) for url in self.urls)))
