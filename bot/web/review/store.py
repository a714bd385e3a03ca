"""The review app's handle on the concern database: engine, migration on start, thread offloading."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Engine

from concerns.db import make_engine, migrate_engine
from concerns.errors import StoreUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")


class ReviewStore:
    """Owns the engine; migrates on start and again on the first request if start-up failed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._ready = False
        self._lock = asyncio.Lock()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    async def ensure_ready(self) -> None:
        if self._ready:
            return
        async with self._lock:
            if not self._ready:
                await asyncio.to_thread(migrate_engine, self.engine)
                self._ready = True

    async def start(self) -> None:
        try:
            await self.ensure_ready()
        except StoreUnavailable:
            # The public widget must keep working; /review answers 503 until the store is back.
            logger.warning("concern store unavailable at start-up; review pages will retry")

    async def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._ready = False

    async def run(self, func: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run a blocking database call in a worker thread (the event loop keeps serving)."""
        await self.ensure_ready()
        return await asyncio.to_thread(func, self.engine, *args, **kwargs)
