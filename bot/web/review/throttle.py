"""Login rate limiting: exponential slow-down, then a lockout, per username and per client.

Kept in memory (one web process); a restart clears it. While a key is blocked, login attempts
for it are refused without checking the password at all, so guessing cannot continue in the
meantime even with the right password. The clock is injectable so tests assert behaviour
without waiting.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    free_attempts: int  # failures before attempts are delayed
    base_delay: float  # seconds after the first delayed failure, doubling each time
    max_delay: float
    lockout_after: int  # failures that trigger the long lockout
    lockout_seconds: float
    forget_after: float  # a key with no failure for this long starts afresh


# A username is attacked by guessing its password: slow down early, lock for 15 minutes at 10.
USER_POLICY = Policy(free_attempts=3, base_delay=2.0, max_delay=300.0, lockout_after=10,
                     lockout_seconds=900.0, forget_after=3600.0)
# A client may be an office behind one address: allow more before slowing it.
CLIENT_POLICY = Policy(free_attempts=10, base_delay=2.0, max_delay=300.0, lockout_after=30,
                       lockout_seconds=900.0, forget_after=3600.0)

MAX_KEYS = 10_000


@dataclass
class _Entry:
    failures: int = 0
    blocked_until: float = 0.0
    last_failure: float = 0.0


class LoginThrottle:
    def __init__(
        self,
        *,
        policies: dict[str, Policy] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policies = policies or {"user": USER_POLICY, "client": CLIENT_POLICY}
        self.clock = clock
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()

    def _entry(self, key: tuple[str, str], now: float, create: bool) -> _Entry | None:
        entry = self._entries.get(key)
        policy = self.policies[key[0]]
        if entry is not None and now - entry.last_failure > policy.forget_after and now >= entry.blocked_until:
            del self._entries[key]
            entry = None
        if entry is None and create:
            entry = _Entry()
            self._entries[key] = entry
            while len(self._entries) > MAX_KEYS:
                self._entries.popitem(last=False)
        return entry

    def retry_after(self, keys: Iterable[tuple[str, str]]) -> float:
        """Seconds until an attempt for all ``keys`` is allowed (0 = now)."""
        now = self.clock()
        wait = 0.0
        for key in keys:
            entry = self._entry(key, now, create=False)
            if entry is not None and entry.blocked_until > now:
                wait = max(wait, entry.blocked_until - now)
        return wait

    def is_locked_out(self, keys: Iterable[tuple[str, str]]) -> bool:
        now = self.clock()
        for key in keys:
            entry = self._entry(key, now, create=False)
            if entry is not None and entry.failures >= self.policies[key[0]].lockout_after \
                    and entry.blocked_until > now:
                return True
        return False

    def failure(self, keys: Iterable[tuple[str, str]]) -> None:
        now = self.clock()
        for key in keys:
            policy = self.policies[key[0]]
            entry = self._entry(key, now, create=True)
            assert entry is not None
            entry.failures += 1
            entry.last_failure = now
            self._entries.move_to_end(key)
            if entry.failures >= policy.lockout_after:
                entry.blocked_until = now + policy.lockout_seconds
            elif entry.failures >= policy.free_attempts:
                extra = entry.failures - policy.free_attempts
                entry.blocked_until = now + min(policy.base_delay * (2 ** extra), policy.max_delay)

    def success(self, keys: Iterable[tuple[str, str]]) -> None:
        for key in keys:
            self._entries.pop(key, None)
