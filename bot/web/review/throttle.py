"""Login rate limiting: exponential slow-down, then a lockout, per username and per client.

Kept in memory (one web process); a restart clears it. While a key is blocked, login attempts
for it are refused without checking the password at all, so guessing cannot continue in the
meantime even with the right password. The clock is injectable so tests assert behaviour
without waiting.

An attempt is counted *before* its password is checked (``attempt``), in one step with the
check of the limit, so sign-ins sent in parallel cannot all slip in before the first failure
is recorded; a successful sign-in then takes its count back (``success``).
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

    def _stale(self, key: tuple[str, str], entry: _Entry, now: float) -> bool:
        policy = self.policies[key[0]]
        return now - entry.last_failure > policy.forget_after and now >= entry.blocked_until

    def _entry(self, key: tuple[str, str], now: float, create: bool) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is not None and self._stale(key, entry, now):
            del self._entries[key]
            entry = None
        if entry is None and create:
            if len(self._entries) >= MAX_KEYS and not self._make_room(now):
                return None
            entry = _Entry()
            self._entries[key] = entry
        return entry

    def _make_room(self, now: float) -> bool:
        """Free one slot without ever freeing a blocked key: stale keys first, then the oldest
        key that is not blocked. False when every key is blocked (then nothing new is admitted)."""
        for key in [k for k, e in self._entries.items() if self._stale(k, e, now)]:
            del self._entries[key]
        if len(self._entries) < MAX_KEYS:
            return True
        for key, entry in self._entries.items():  # oldest failure first
            if entry.blocked_until <= now:
                del self._entries[key]
                return True
        return False

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

    def attempt(self, keys: Iterable[tuple[str, str]]) -> float:
        """Check and count one sign-in attempt in a single step (no await in between).

        Returns 0 if the password may be checked now (the attempt is counted as a failure until
        ``success`` takes it back), else the seconds to wait (nothing is counted). Keys that
        cannot be tracked because the table is full of blocked keys are refused too.
        """
        keys = list(keys)
        wait = self.retry_after(keys)
        if wait > 0:
            return wait
        now = self.clock()
        if any(key not in self._entries for key in keys) and len(self._entries) >= MAX_KEYS \
                and not self._make_room(now):
            return max(p.lockout_seconds for p in self.policies.values())
        self.failure(keys)
        return 0.0

    def failure(self, keys: Iterable[tuple[str, str]]) -> None:
        now = self.clock()
        for key in keys:
            policy = self.policies[key[0]]
            entry = self._entry(key, now, create=True)
            if entry is None:
                continue  # table full of blocked keys: attempt() refuses before we get here
            entry.failures += 1
            entry.last_failure = now
            self._entries.move_to_end(key)
            if entry.failures >= policy.lockout_after:
                entry.blocked_until = now + policy.lockout_seconds
            elif entry.failures >= policy.free_attempts:
                extra = entry.failures - policy.free_attempts
                entry.blocked_until = now + min(policy.base_delay * (2 ** extra), policy.max_delay)

    def success(self, cleared: Iterable[tuple[str, str]],
                refunded: Iterable[tuple[str, str]] = ()) -> None:
        """A right password: forget ``cleared`` keys and take back one counted attempt from each
        ``refunded`` key (an office's client address keeps its other failures)."""
        for key in cleared:
            self._entries.pop(key, None)
        for key in refunded:
            entry = self._entries.get(key)
            if entry is not None and entry.failures > 0:
                entry.failures -= 1
                if entry.failures < self.policies[key[0]].free_attempts:
                    entry.blocked_until = 0.0
