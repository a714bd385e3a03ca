"""Review app hardening (issue 14): parallel sign-ins cannot pass the limit, the throttle table
never frees a locked key, the sign-in page stores nothing, and the trends range is capped."""

from __future__ import annotations

import asyncio

import pytest
from argon2 import PasswordHasher
from review_helpers import REVIEWER, csrf_from, login
from sqlalchemy import func, select

from bot.web.review import THROTTLE_KEY, throttle
from bot.web.review.throttle import CLIENT_POLICY, USER_POLICY, LoginThrottle, Policy
from bot.web.review.views import MAX_TRENDS_DAYS, TRENDS_RANGE_ERROR
from concerns import accounts
from concerns.schema import review_sessions


@pytest.fixture
def verifications(monkeypatch) -> list[str]:
    """Records each argon2 verification the real hasher does (it still does the work)."""
    seen: list[str] = []
    real = accounts._hasher

    class CountingHasher(PasswordHasher):
        def verify(self, hash, password):
            seen.append(password)
            return super().verify(hash, password)

    counting = CountingHasher(time_cost=real.time_cost, memory_cost=real.memory_cost,
                              parallelism=real.parallelism, hash_len=real.hash_len,
                              salt_len=real.salt_len, type=real.type)
    monkeypatch.setattr(accounts, "_hasher", counting)
    return seen


async def _parallel_sign_ins(client, usernames: list[str]) -> list[int]:
    # A clock that stands still: the delays cannot run out while argon2 works (no timing here).
    client.server.app[THROTTLE_KEY].clock = lambda: 1000.0
    page = await client.get("/review/login")
    token = csrf_from(await page.text())

    async def one(username: str, index: int) -> int:
        response = await client.post(
            "/review/login",
            data={"csrf_token": token, "username": username, "password": f"guess-{index:04d}-x",
                  "next": "/review/"},
            allow_redirects=False,
        )
        return response.status

    return await asyncio.gather(*(one(name, i) for i, name in enumerate(usernames)))


async def test_parallel_guesses_at_one_account_check_no_more_than_the_limit(client, accounts, verifications):
    statuses = await _parallel_sign_ins(client, [REVIEWER[0]] * 25)
    assert len(verifications) <= USER_POLICY.free_attempts, len(verifications)
    assert statuses.count(401) == len(verifications)
    assert statuses.count(429) == 25 - len(verifications)
    # The right password is refused too while the account is slowed down.
    await login(client, *REVIEWER, expect=429)


async def test_parallel_guesses_across_accounts_from_one_client_are_limited(client, accounts, verifications):
    statuses = await _parallel_sign_ins(client, [f"someone{i:02d}" for i in range(25)])
    assert len(verifications) <= CLIENT_POLICY.free_attempts, len(verifications)
    assert statuses.count(429) >= 25 - CLIENT_POLICY.free_attempts


async def test_a_successful_sign_in_does_not_count_against_the_office(client, accounts, verifications):
    for _ in range(CLIENT_POLICY.free_attempts + 2):
        client.session.cookie_jar.clear()
        await login(client, *REVIEWER)
    assert client.server.app[THROTTLE_KEY].retry_after([("client", "127.0.0.1")]) == 0


def test_eviction_never_frees_a_locked_account(monkeypatch):
    monkeypatch.setattr(throttle, "MAX_KEYS", 5)
    now = [1000.0]
    policy = Policy(free_attempts=1, base_delay=1.0, max_delay=2.0, lockout_after=2,
                    lockout_seconds=900.0, forget_after=60.0)
    guard = LoginThrottle(policies={"user": policy}, clock=lambda: now[0])
    locked = [("user", "victim")]
    assert guard.attempt(locked) == 0
    now[0] += 5
    assert guard.attempt(locked) == 0
    assert guard.retry_after(locked) == pytest.approx(900.0)
    # A flood of other names: they take the free places, never the locked one.
    for i in range(50):
        guard.attempt([("user", f"flood{i}")])
        now[0] += 0.01
    assert guard.retry_after(locked) > 800
    assert guard.is_locked_out(locked)


def test_a_table_full_of_locked_keys_admits_no_new_key(monkeypatch):
    monkeypatch.setattr(throttle, "MAX_KEYS", 3)
    policy = Policy(free_attempts=1, base_delay=1.0, max_delay=2.0, lockout_after=1,
                    lockout_seconds=900.0, forget_after=60.0)
    guard = LoginThrottle(policies={"user": policy}, clock=lambda: 1000.0)
    for name in ("a", "b", "c"):
        assert guard.attempt([("user", name)]) == 0  # each is now locked
    assert guard.attempt([("user", "new")]) > 0
    assert all(guard.is_locked_out([("user", n)]) for n in ("a", "b", "c"))


async def test_opening_the_sign_in_page_creates_no_session_row(client, engine):
    def count() -> int:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(review_sessions)).scalar_one()

    before = count()
    for _ in range(5):
        client.session.cookie_jar.clear()
        assert (await client.get("/review/login")).status == 200
    assert (await client.get("/review/", allow_redirects=False)).status == 303
    assert count() == before


async def test_sign_in_form_token_must_match_its_cookie(client, accounts):
    page = await client.get("/review/login")
    token = csrf_from(await page.text())
    client.session.cookie_jar.clear()  # the token without the cookie it belongs to
    response = await client.post("/review/login", data={
        "csrf_token": token, "username": REVIEWER[0], "password": REVIEWER[1], "next": "/review/",
    }, allow_redirects=False)
    assert response.status == 403


async def test_a_huge_trends_range_is_capped_with_a_message(client, accounts):
    await login(client, *REVIEWER)
    response = await client.get("/review/trends", params={"from": "0001-01-01", "to": "9999-12-31"})
    assert response.status == 200
    html = await response.text()
    assert TRENDS_RANGE_ERROR in html
    assert html.count("<tr") < 200  # twelve months, not ten thousand years

    one_sided = await client.get("/review/trends", params={"to": "9999-12-31"})
    assert one_sided.status == 200
    assert (await one_sided.text()).count("<tr") < 2 * MAX_TRENDS_DAYS // 28

    ok = await client.get("/review/trends", params={"from": "2024-01-01", "to": "2025-12-31"})
    assert TRENDS_RANGE_ERROR not in await ok.text()
