"""Helpers for the review tests (imported by module name: tests/ has no packages)."""

from __future__ import annotations

import re

REVIEWER = ("rita", "rita-password-123")
ADMIN = ("adam", "adam-password-456")
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


async def login(client, username: str, password: str, *, expect: int = 303):
    """Sign in through the real form; returns the POST response."""
    page = await client.get("/review/login")
    assert page.status == 200
    token = csrf_from(await page.text())
    response = await client.post(
        "/review/login",
        data={"csrf_token": token, "username": username, "password": password, "next": "/review/"},
        allow_redirects=False,
    )
    assert response.status == expect, await response.text()
    return response


async def page_token(client, path: str = "/review/") -> str:
    response = await client.get(path)
    assert response.status == 200
    return csrf_from(await response.text())


def sign_out_locally(client) -> None:
    """Forget the browser's cookies: the next request is anonymous."""
    client.session.cookie_jar.clear()
