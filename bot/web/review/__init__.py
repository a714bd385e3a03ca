"""Partnership review web app at /review: sign in, list and filter concerns, review, export, trends.

``setup(app)`` adds the routes and a middleware that guards every path under /review/ (only the
sign-in page and the stylesheet are open), including paths that match no route. Server-rendered
HTML that works without JavaScript; the main app's middlewares add the strict CSP.

Not an aiohttp sub-application on purpose: with the pinned aiohttp 3.9.5 and yarl 1.25,
sub-app routing reads ``request.url``, which raises when the Host header carries a port.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.review import auth, views
from bot.web.review.keys import JINJA_KEY, LOGIN_SECRET_KEY, STORE_KEY, THROTTLE_KEY
from bot.web.review.store import ReviewStore
from bot.web.review.throttle import LoginThrottle

HERE = Path(__file__).resolve().parent

__all__ = ["STORE_KEY", "THROTTLE_KEY", "setup"]


async def _store_ctx(app: web.Application) -> AsyncIterator[None]:
    store = app[STORE_KEY]
    await store.start()
    yield
    await store.close()


async def _to_index(_: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/review/")


def setup(app: web.Application) -> None:
    settings = app[SETTINGS_KEY]
    app[STORE_KEY] = ReviewStore(settings.database_url)
    app[THROTTLE_KEY] = LoginThrottle()
    app[LOGIN_SECRET_KEY] = secrets.token_bytes(32)
    aiohttp_jinja2.setup(
        app,
        app_key=JINJA_KEY,  # our own key: other features may set up Jinja for themselves
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every template is HTML; text from concerns is always escaped
        undefined=jinja2.StrictUndefined,
    )
    app.cleanup_ctx.append(_store_ctx)
    app.middlewares.append(auth.session_middleware)

    router = app.router
    router.add_get("/review", _to_index)
    router.add_get("/review/", views.concern_list, name="review:list")
    router.add_get("/review/login", auth.login_form, name="review:login")
    router.add_post("/review/login", auth.login_submit, name="review:login_submit")
    router.add_post("/review/logout", auth.logout, name="review:logout")
    router.add_get("/review/concerns/{concern_id:\\d{1,9}}", views.concern_detail, name="review:detail")
    router.add_post("/review/concerns/{concern_id:\\d{1,9}}/status", views.concern_status,
                    name="review:status")
    router.add_post("/review/concerns/{concern_id:\\d{1,9}}/delete", views.concern_delete,
                    name="review:delete")
    router.add_get("/review/export.csv", views.export_csv, name="review:export")
    router.add_get("/review/trends", views.trends_page, name="review:trends")
    router.add_get("/review/audit", views.audit_page, name="review:audit")
    router.add_static("/review/static/", HERE / "static", name="review:static", follow_symlinks=False)
