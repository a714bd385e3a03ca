"""Brute-force protection: sign-in slows down, then locks, per username and per client.

Time is a fake clock injected into the app's throttle: the tests assert what the app does,
never how long anything takes.
"""

from __future__ import annotations

import pytest
from review_helpers import REVIEWER, login
from sqlalchemy import select

from bot.web.review import THROTTLE_KEY
from bot.web.review.throttle import CLIENT_POLICY, USER_POLICY, LoginThrottle, Policy
from concerns.schema import audit_log


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(client) -> FakeClock:
    fake = FakeClock()
    client.server.app[THROTTLE_KEY].clock = fake
    return fake


async def test_wrong_passwords_slow_down_then_lock_the_account(client, accounts, clock, engine):
    user, password = REVIEWER
    for _ in range(USER_POLICY.free_attempts):
        await login(client, user, "not-the-password", expect=401)
    # Now even the right password is refused until the delay has passed.
    response = await login(client, user, password, expect=429)
    assert int(response.headers["Retry-After"]) >= 1
    assert "Too many failed sign-in attempts" in await response.text()
    clock.advance(USER_POLICY.base_delay + 0.1)
    await login(client, user, password)  # allowed again, and it works

    # Keep failing (waiting out each delay): the delays double, then a long lockout.
    client.session.cookie_jar.clear()
    delays = []
    for _attempt in range(USER_POLICY.lockout_after):
        await login(client, user, "not-the-password", expect=401)
        wait = client.server.app[THROTTLE_KEY].retry_after([("user", user)])
        delays.append(wait)
        clock.advance(wait + 1 if wait < USER_POLICY.lockout_seconds - 1 else 0)
    assert delays[: USER_POLICY.free_attempts - 1] == [0] * (USER_POLICY.free_attempts - 1)
    growing = [d for d in delays if 0 < d < USER_POLICY.lockout_seconds - 1]
    assert growing == sorted(growing) and len(set(growing)) > 2  # exponential slow-down
    assert delays[-1] == pytest.approx(USER_POLICY.lockout_seconds)
    await login(client, user, password, expect=429)
    clock.advance(USER_POLICY.lockout_seconds - 60)
    await login(client, user, password, expect=429)  # still locked
    clock.advance(61)
    await login(client, user, password)

    with engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(audit_log).where(audit_log.c.username == user))]
    assert actions.count("login_throttled") >= 3 and actions.count("login_failed") >= 10


async def test_one_client_trying_many_usernames_is_slowed(client, accounts, clock):
    for index in range(CLIENT_POLICY.free_attempts):
        await login(client, f"guess{index:03d}", "whatever-password", expect=401)
    # A username never tried before, from the same client: refused.
    await login(client, "someone-new", "whatever-password", expect=429)
    await login(client, *REVIEWER, expect=429)
    clock.advance(CLIENT_POLICY.max_delay + 1)
    await login(client, *REVIEWER)


async def test_a_locked_username_does_not_leak_whether_it_exists(client, accounts, clock):
    for _ in range(USER_POLICY.free_attempts):
        await login(client, "rita", "bad-password-000", expect=401)
        await login(client, "ghost", "bad-password-000", expect=401)
    real = await login(client, "rita", "bad-password-000", expect=429)
    ghost = await login(client, "ghost", "bad-password-000", expect=429)
    assert (await real.text()).replace("rita", "X") == (await ghost.text()).replace("ghost", "X")


def test_throttle_unit_behaviour():
    clock = FakeClock()
    policy = Policy(free_attempts=2, base_delay=1.0, max_delay=8.0, lockout_after=6,
                    lockout_seconds=100.0, forget_after=50.0)
    throttle = LoginThrottle(policies={"user": policy}, clock=clock)
    key = [("user", "x")]
    waits = []
    for _ in range(6):
        throttle.failure(key)
        waits.append(throttle.retry_after(key))
    assert waits == [0, 1.0, 2.0, 4.0, 8.0, 100.0]
    assert throttle.is_locked_out(key)
    clock.advance(100)
    assert throttle.retry_after(key) == 0
    # Quiet for longer than forget_after: starts afresh.
    clock.advance(51)
    throttle.failure(key)
    assert throttle.retry_after(key) == 0
    throttle.failure(key)
    throttle.success(key)
    assert throttle.retry_after(key) == 0
