"""The shared sliding-window rate limiter (bot/rate_limit.py), used by the web chat, staff pages and Telegram."""

from __future__ import annotations

from bot.rate_limit import SlidingWindowLimiter


class Clock:
    """A clock the test moves by hand (time itself is not what these tests are about)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_a_burst_per_window_per_key() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # other keys are unaffected
    clock.now += 61
    assert limiter.allow("a")


def test_hit_says_how_long_to_wait() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, window=10, clock=clock)
    assert limiter.hit("a") == 0
    clock.now += 4
    assert limiter.hit("a") == 6
    clock.now += 6
    assert limiter.hit("a") == 0


def test_a_limit_below_one_still_allows_one() -> None:
    limiter = SlidingWindowLimiter(0, clock=Clock())
    assert limiter.allow("a") and not limiter.allow("a")


def test_a_full_table_drops_expired_then_least_recently_used_keys() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(5, window=10, max_keys=3, clock=clock)
    limiter.hit("old")
    clock.now += 11  # "old" has left its window
    limiter.hit("a")
    limiter.hit("b")
    limiter.hit("c")  # full: "old" goes first
    assert len(limiter) == 3
    limiter.hit("a")  # "a" is now the most recently used
    limiter.hit("d")  # full again, nothing expired: "b" (least recently used) goes
    assert len(limiter) == 3
    for _ in range(4):
        limiter.hit("a")
    assert not limiter.allow("a")  # "a" kept its count: it was not the one dropped
    assert limiter.allow("b")  # "b" starts again from nothing
