"""What the Telegram channel keeps in memory per conversation, and how little.

Nothing here is written to disk; all of it is bounded and most of it expires. The per-conversation
flood limit is the shared ``bot.rate_limit.SlidingWindowLimiter`` (the web chat uses it too).

* Conversation ids are a keyed hash (HMAC-SHA256) of the chat id, so trackers, concerns and logs
  never hold the chat id itself. Without a configured key a random one is made per process:
  conversations then do not survive a restart, which is acceptable.
* For ``/forget`` we need the ids of the messages exchanged in the last 48 hours (Telegram lets a
  bot delete messages in a private chat only within that window). They are kept in memory only,
  keyed by the hashed id, and pruned after 48 hours.
* Update ids already handled, group chats already told we decline, conversations already warned
  about the rate limit: expiring, bounded sets (``RecentKeys``).
* One lock per conversation while its messages are handled (``KeyedLocks``), dropped when idle.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

# Telegram allows deleting messages in private chats for 48 hours; stop a little earlier so a
# deletion is never attempted on a message that has just become undeletable.
DELETE_WINDOW_SECONDS = 48 * 3600
DELETE_MARGIN_SECONDS = 600
MAX_MESSAGES_PER_CONVERSATION = 1000


class ConversationIds:
    """Derives Rasa sender ids from Telegram chat ids with a secret key."""

    PREFIX = "tg-"

    def __init__(self, key: str = "") -> None:
        self.persistent = bool(key)
        self._key = key.encode() if key else secrets.token_bytes(32)

    def sender_id(self, chat_id: int) -> str:
        digest = hmac.new(self._key, str(int(chat_id)).encode(), hashlib.sha256).hexdigest()
        return self.PREFIX + digest


class MessageLog:
    """Message ids per hashed conversation, for deletion on ``/forget``; in memory, 48 h at most."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        # Wall-clock time, because Telegram's 48-hour window is wall-clock time.
        self._clock = clock
        self._messages: dict[str, deque[tuple[float, int]]] = {}

    def record(self, sender_id: str, message_id: int) -> None:
        self.prune()
        entries = self._messages.setdefault(
            sender_id, deque(maxlen=MAX_MESSAGES_PER_CONVERSATION)
        )
        entries.append((self._clock(), int(message_id)))

    def deletable(self, sender_id: str) -> list[int]:
        """Ids still inside Telegram's deletion window, newest first."""
        self.prune()
        cutoff = self._clock() - (DELETE_WINDOW_SECONDS - DELETE_MARGIN_SECONDS)
        entries = self._messages.get(sender_id, ())
        return sorted({mid for ts, mid in entries if ts > cutoff}, reverse=True)

    def forget(self, sender_id: str) -> None:
        self._messages.pop(sender_id, None)

    def prune(self) -> None:
        cutoff = self._clock() - DELETE_WINDOW_SECONDS
        for sender_id in list(self._messages):
            entries = self._messages[sender_id]
            while entries and entries[0][0] <= cutoff:
                entries.popleft()
            if not entries:
                del self._messages[sender_id]

    def __len__(self) -> int:
        self.prune()
        return sum(len(entries) for entries in self._messages.values())


class RecentKeys:
    """A bounded, expiring set (seen update ids, group chats already told we decline)."""

    def __init__(
        self, ttl_seconds: float, max_items: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._max_items = max_items
        self._clock = clock
        self._items: OrderedDict[object, float] = OrderedDict()

    def add(self, key: object) -> bool:
        """Remember ``key``; True if it was new."""
        now = self._clock()
        while self._items:
            oldest, seen = next(iter(self._items.items()))
            if seen > now - self._ttl and len(self._items) < self._max_items:
                break
            del self._items[oldest]
        if key in self._items:
            return False
        self._items[key] = now
        return True


class KeyedLocks:
    """One asyncio lock per conversation, so a chat's messages are handled in order."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                # Nobody waiting: drop the lock so the map does not grow with every chat.
                del self._users[key]
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)
