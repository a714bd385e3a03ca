"""Long polling: fetch updates with getUpdates and hand each to the service, for ``TELEGRAM_MODE=polling``.

The loop runs as one background task, started and stopped with the Rasa server. Each update is
handled in its own task, so a slow answer to one chat does not hold up the others; ``drain`` gives
those tasks a moment to finish at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Bot
from telegram.error import Conflict

from bot.channels.telegram.config import ALLOWED_UPDATES

logger = logging.getLogger(__name__)

# Long-poll duration for getUpdates; the HTTP read timeout is a little longer.
POLL_TIMEOUT_SECONDS = 25
MAX_POLL_BACKOFF_SECONDS = 30

UpdateHandler = Callable[[dict[str, Any]], Coroutine[Any, Any, None]]


class RawUpdatesBot(Bot):
    """PTB's Bot plus getUpdates returning the raw JSON.

    ``Bot.get_updates`` parses the whole batch at once: one update it cannot parse would stop
    the offset from advancing (polling stuck for good), and PTB logs the raw batch (names,
    texts) at CRITICAL. Raw JSON goes through ``handle_update``, which drops bad updates alone.
    """

    async def raw_updates(self, offset: int | None, timeout: int) -> list[Any]:
        result = await self._post(
            "getUpdates",
            {"offset": offset, "timeout": timeout, "allowed_updates": list(ALLOWED_UPDATES)},
            read_timeout=timeout + 10.0,
        )
        return result if isinstance(result, list) else []


class LongPoller:
    """The getUpdates loop: one background task, and one task per update it receives."""

    def __init__(self, bot: RawUpdatesBot, prepare: Callable[[], Awaitable[None]]) -> None:
        self._bot = bot
        self._prepare = prepare  # opens the HTTP pools before the first getUpdates
        self._task: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, handle: UpdateHandler) -> None:
        """Start polling (once: a second call while it runs does nothing)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(handle), name="telegram-polling")

    async def stop(self) -> None:
        """Stop fetching updates; updates already received keep being handled (see ``drain``)."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def drain(self, timeout: float = 10) -> None:
        """Let updates in hand finish for up to ``timeout`` seconds, then cancel the rest."""
        if self._inflight:
            _, pending = await asyncio.wait(self._inflight, timeout=timeout)
            for task in pending:
                task.cancel()

    async def _run(self, handle: UpdateHandler) -> None:
        await self._prepare()
        logger.info("Telegram long polling started")
        try:
            await self._poll_forever(handle)
        finally:
            logger.info("Telegram long polling stopped")

    async def _poll_forever(self, handle: UpdateHandler) -> None:
        offset: int | None = None
        backoff = 1.0
        while True:
            try:
                updates = await self._bot.raw_updates(offset, POLL_TIMEOUT_SECONDS)
                backoff = 1.0
            except Conflict:
                logger.warning(
                    "Telegram refused getUpdates (a webhook is set or another process is polling); "
                    "run `python -m bot telegram delete-webhook` to use polling"
                )
                await asyncio.sleep(MAX_POLL_BACKOFF_SECONDS)
                continue
            except Exception as exc:  # noqa: BLE001 - keep polling through network trouble
                # Exception texts can carry request details; the class name is enough for operators.
                logger.warning("Telegram getUpdates failed (%s); retry in %.0f s", type(exc).__name__, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_POLL_BACKOFF_SECONDS)
                continue
            for data in updates:
                update_id = data.get("update_id") if isinstance(data, dict) else None
                if not isinstance(update_id, int):
                    continue
                offset = max(offset or 0, update_id + 1)
                task = asyncio.get_running_loop().create_task(handle(data))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
