"""One in-memory sliding-window rate limiter, shared by the web chat API, the staff pages and Telegram.

Plain Python (no aiohttp, no Rasa), so both the web app and the Rasa process can use it. Keys are
opaque strings (a keyed hash of an address, a conversation id); nothing here is logged or stored.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

RATE_WINDOW_SECONDS = 60.0


class SlidingWindowLimiter:
    """At most ``limit`` events per ``window`` seconds per key (``limit`` below 1 counts as 1).

    Keys are dropped once their window empties, and the table is capped at ``max_keys`` so a flood
    of new keys cannot grow memory without bound: when full, empty keys go first, then the least
    recently used ones.
    """

    def __init__(
        self,
        limit: int,
        window: float = RATE_WINDOW_SECONDS,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = max(1, limit)
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float:
        """Record an event; return 0 if allowed, else the seconds until the next one would be."""
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self.max_keys:
                self._prune(now)
            events = self._events[key] = deque()
        else:
            self._events.move_to_end(key)  # most recently used last
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return max(0.0, events[0] + self.window - now)
        events.append(now)
        return 0.0

    def allow(self, key: str) -> bool:
        """Record an event; True if it is within the limit."""
        return self.hit(key) == 0.0

    def __len__(self) -> int:
        """Keys held now (for tests of the memory bound)."""
        return len(self._events)

    def _prune(self, now: float) -> None:
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]:
            del self._events[key]
        # Still full: drop the least recently used keys.
        while len(self._events) >= self.max_keys:
            self._events.popitem(last=False)
