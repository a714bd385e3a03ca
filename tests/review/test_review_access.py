"""Access control: nothing under /review without signing in; sessions and cookies behave."""

from __future__ import annotations

import re

import pytest
from review_helpers import ADMIN, REVIEWER, csrf_from, login, page_token, sign_out_locally
from sqlalchemy import func, select

from bot.web.app import create_app
from concerns.schema import reviewers
from ssgp_settings import Settings

PUBLIC = {"review:login", "review:login_submit", "review:static"}


def _protected_routes(app) -> list[tuple[str, str]]:
    """Every route under /review/ except the sign-in page and stylesheet, with ids filled in."""
    routes = []
    for route in app.router.routes():
        canonical = route.resource.canonical if route.resource else ""
        if not canonical.startswith("/review/") or route.name in PUBLIC or route.method == "HEAD":
            continue
        routes.append((route.method, re.sub(r"\{[^}]+\}", "1", canonical)))
    return routes


def test_every_review_route_is_listed():
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    routes = _protected_routes(app)
    # If a route is added, it is automatically covered by the anonymous-access test below.
    assert len(routes) >= 8
    assert all(path.startswith("/review/") for _, path in routes)


async def test_anonymous_requests_are_refused_everywhere(client):
    routes = _protected_routes(client.server.app)
    for method, path in routes:
        response = await client.request(method, path, allow_redirects=False)
        if method == "GET":
            assert response.status == 303, (method, path)
            assert response.headers["Location"].startswith("/review/login"), path
        else:
            assert response.status == 403, (method, path, response.status)
        body = await response.text()
        assert "concern" not in body.lower() or "sign in" in body.lower()


async def test_unknown_review_paths_and_bare_prefix_need_sign_in(client):
    response = await client.get("/review/no-such-page", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/review/login"
    response = await client.get("/review", allow_redirects=True)
    assert response.url.path == "/review/login"


async def test_login_page_and_stylesheet_are_open(client):
    response = await client.get("/review/login")
    assert response.status == 200
    assert "Sign in" in await response.text()
    css = await client.get("/review/static/review.css")
    assert css.status == 200 and "text/css" in css.headers["Content-Type"]


async def test_security_headers_on_review_pages(client, accounts):
    await login(client, *REVIEWER)
    response = await client.get("/review/")
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def _set_cookie_header(response) -> str:
    headers = [v for k, v in response.headers.items() if k.lower() == "set-cookie"]
    assert headers, "no cookie set"
    return headers[-1]


async def test_session_cookie_flags(client):
    response = await client.get("/review/login")
    cookie = _set_cookie_header(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Path=/review" in cookie
    assert "Secure" not in cookie  # secure_cookies=False in this app
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()  # browser-session cookie


async def test_secure_flag_follows_settings(aiohttp_client, tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 's.sqlite3'}", secure_cookies=True)
    client = await aiohttp_client(create_app(settings))
    response = await client.get("/review/login")
    assert "Secure" in _set_cookie_header(response)


async def test_there_are_no_default_accounts(client, engine):
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reviewers)).scalar_one() == 0
    for username, password in (("admin", "admin"), ("admin", "password"), ("reviewer", "reviewer")):
        await login(client, username, password, expect=401)


async def test_login_issues_a_new_session_and_logout_ends_it(client, accounts):
    await client.get("/review/login")
    # Opening the sign-in page issues no session; a planted session cookie is replaced.
    assert "ssgp_review" not in {c.key for c in client.session.cookie_jar}
    before = "planted-by-someone-else"
    client.session.cookie_jar.update_cookies({"ssgp_review": before}, client.make_url("/review/"))
    await login(client, *REVIEWER)
    after = {c.key: c.value for c in client.session.cookie_jar}["ssgp_review"]
    assert before != after  # no session fixation
    assert (await client.get("/review/", allow_redirects=False)).status == 200

    token = await page_token(client)
    response = await client.post("/review/logout", data={"csrf_token": token}, allow_redirects=False)
    assert response.status == 303
    # Replaying the old cookie after sign-out gets nothing.
    sign_out_locally(client)
    client.session.cookie_jar.update_cookies({"ssgp_review": after}, client.make_url("/review/"))
    response = await client.get("/review/", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/review/login")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/elsewhere", "/review/login"])
async def test_no_open_redirect_after_login(client, accounts, target):
    page = await client.get("/review/login")
    token = csrf_from(await page.text())
    response = await client.post(
        "/review/login",
        data={"csrf_token": token, "username": ADMIN[0], "password": ADMIN[1], "next": target},
        allow_redirects=False,
    )
    assert response.status == 303
    assert response.headers["Location"] == "/review/"


async def test_login_returns_to_the_page_asked_for(client, accounts):
    response = await client.get("/review/trends?from=2025-01-01", allow_redirects=False)
    assert response.status == 303
    page = await client.get(response.headers["Location"])
    html = await page.text()
    assert 'name="next" value="/review/trends?from=2025-01-01"' in html
    response = await client.post(
        "/review/login",
        data={"csrf_token": csrf_from(html), "username": REVIEWER[0], "password": REVIEWER[1],
              "next": "/review/trends?from=2025-01-01"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/review/trends?from=2025-01-01"


async def test_disabled_account_loses_its_session(client, accounts, engine):
    from concerns.accounts import set_disabled

    await login(client, *REVIEWER)
    assert (await client.get("/review/", allow_redirects=False)).status == 200
    set_disabled(engine, REVIEWER[0], True)
    assert (await client.get("/review/", allow_redirects=False)).status == 303
    sign_out_locally(client)
    await login(client, *REVIEWER, expect=401)


async def test_store_down_gives_a_clear_503(aiohttp_client, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    settings = Settings(database_url=f"sqlite:///{blocker / 'db.sqlite3'}")
    client = await aiohttp_client(create_app(settings))
    response = await client.get("/review/login")
    assert response.status == 503
    assert "cannot be reached" in await response.text()
    # The rest of the web app still works.
    assert (await client.get("/healthz")).status == 200
