"""A Redis ticket lock that takes two round trips a message instead of seven, and cannot be torn.

Rasa's RedisLockStore keeps the same first-come-first-served tickets per conversation, but issues a
ticket as GET, then SET from Python, and releases it as GET, SET, GET, DEL: seven blocking calls
on the event loop for every message, and two workers issuing tickets at the same moment can both
read the old lock and hand out the same number. Here each change is one Lua script that Redis
runs atomically:

* ``issue`` drops expired tickets, appends the next number and says who is now served, so an
  uncontended message holds the lock after one call;
* ``release`` drops this ticket (and expired ones) and deletes the key when nobody waits.

The key also expires with its newest ticket, so a worker killed mid-message leaves nothing behind
for longer than the lock lifetime (Rasa's key stayed until the next message of that conversation).
Times come from the Redis server's clock, the same for every worker on every host.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The lock is JSON: {"tickets": [[number, expires_ms], ...]}, oldest first. Both scripts return
# the number now served (the oldest unexpired ticket), or -1 when no ticket is left.
_PRUNE = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local raw = redis.call('GET', KEYS[1])
local kept = {}
if raw then
  for _, t in ipairs(cjson.decode(raw)['tickets']) do
    if t[2] > now_ms then kept[#kept + 1] = t end
  end
end
local function store()
  if #kept == 0 then
    redis.call('DEL', KEYS[1])
    return -1
  end
  local newest = 0
  for _, t in ipairs(kept) do if t[2] > newest then newest = t[2] end end
  redis.call('SET', KEYS[1], cjson.encode({tickets = kept}), 'PX', math.max(1, newest - now_ms))
  return kept[1][1]
end
"""

# ARGV[1]: lifetime in ms. Returns {ticket, now serving}.
ISSUE_SCRIPT = _PRUNE + """
local number = 0
if #kept > 0 then number = kept[#kept][1] + 1 end
kept[#kept + 1] = {number, now_ms + tonumber(ARGV[1])}
return {number, store()}
"""

# ARGV[1]: the ticket to drop. Returns the number now served, -1 if none.
RELEASE_SCRIPT = _PRUNE + """
local mine = tonumber(ARGV[1])
local others = {}
for _, t in ipairs(kept) do if t[1] ~= mine then others[#others + 1] = t end end
kept = others
return store()
"""

# ARGV[1]: the waiter's ticket. Returns the number now served, or -1 if the waiter's own ticket
# has expired (it must not run unlocked).
SERVING_SCRIPT = _PRUNE + """
local mine = tonumber(ARGV[1])
local present = false
for _, t in ipairs(kept) do if t[1] == mine then present = true end end
local serving = store()
if not present then return -1 end
return serving
"""


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with atomic, two-call tickets (``type: bot.lock_store.AtomicRedisLockStore``)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        settings: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        settings.update(kwargs)
        host = settings.pop("host", "localhost")
        if endpoint_config and endpoint_config.url:
            host = endpoint_config.url
        # Values from endpoints.yml's ${VAR} substitution arrive as strings.
        for number in ("port", "db"):
            if number in settings:
                settings[number] = int(settings[number])
        super().__init__(host=host, **settings)
        self._issue = self.red.register_script(ISSUE_SCRIPT)
        self._release = self.red.register_script(RELEASE_SCRIPT)
        self._serving = self.red.register_script(SERVING_SCRIPT)

    def _lock_key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def issue(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> tuple[int, int]:
        """A new ticket for ``conversation_id``, and the ticket now served."""
        ticket, serving = self._issue(keys=[self._lock_key(conversation_id)], args=[int(lock_lifetime * 1000)])
        return int(ticket), int(serving)

    def release(self, conversation_id: str, ticket: int) -> None:
        self._release(keys=[self._lock_key(conversation_id)], args=[ticket])

    def now_serving(self, conversation_id: str, ticket: int) -> int:
        """The ticket now served, or -1 if ``ticket`` itself has expired."""
        return int(self._serving(keys=[self._lock_key(conversation_id)], args=[ticket]))

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock; as Rasa's, but waiting only when someone is served first."""
        try:
            ticket, serving = self.issue(conversation_id, lock_lifetime)
        except Exception as error:  # Rasa raises LockError for any failure to get a ticket
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        try:
            while serving != ticket:
                # Our own ticket expired while we waited: give up rather than run unlocked (Rasa
                # gave up only once every ticket had expired).
                if serving < 0 or serving > ticket:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                await asyncio.sleep(wait_time_in_seconds)
                serving = self.now_serving(conversation_id, ticket)
            yield TicketLock(conversation_id, deque([Ticket(ticket, 0.0)]))
        finally:
            try:
                self.release(conversation_id, ticket)
            except RedisError:
                # The ticket expires by itself; an error here must not hide the message's own.
                logger.warning("Could not release a conversation lock; it expires in %s s.", lock_lifetime)

    # Rasa's other LockStore methods (get_lock, save_lock, is_someone_waiting...) read and write
    # the same key in the same format, so they keep working.
    def get_lock(self, conversation_id: str) -> TicketLock | None:
        raw = self.red.get(self._lock_key(conversation_id))
        if not raw:
            return None
        tickets = [Ticket(int(number), expires_ms / 1000) for number, expires_ms in json.loads(raw)["tickets"]]
        return TicketLock(conversation_id, deque(tickets))

    def save_lock(self, lock: TicketLock) -> None:
        tickets = [[t.number, int(t.expires * 1000)] for t in lock.tickets]
        if not tickets:
            self.delete_lock(lock.conversation_id)
            return
        seconds, microseconds = self.red.time()
        newest = max(expires for _, expires in tickets)
        lifetime_ms = max(1, newest - (int(seconds) * 1000 + int(microseconds) // 1000))
        self.red.set(self._lock_key(lock.conversation_id), json.dumps({"tickets": tickets}), px=lifetime_ms)
