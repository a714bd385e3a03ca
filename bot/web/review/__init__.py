"""Partnership review web app at /review: sign in, list and filter concerns, review, export, trends.

Registered by ``setup(app)`` as an aiohttp sub-application, so its session middleware guards
every route under /review (only the sign-in page and the stylesheet are open). Server-rendered
HTML that works without JavaScript; the main app's middlewares add the strict CSP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.review import auth, views
from bot.web.review.keys import JINJA_KEY, REVIEW_APP_KEY, STORE_KEY, THROTTLE_KEY
from bot.web.review.store import ReviewStore
from bot.web.review.throttle import LoginThrottle
from concerns.areas import AREAS
from concerns.db import resolve_database_url
from concerns.vocab import CATEGORY_LABELS, STATUS_LABELS, STATUSES, WHEN_LABELS

HERE = Path(__file__).resolve().parent

__all__ = ["REVIEW_APP_KEY", "STORE_KEY", "THROTTLE_KEY", "setup"]


async def _context(request: web.Request) -> dict[str, object]:
    session = request.get(auth.SESSION_KEY)
    return {
        "session": session,
        "reviewer": session.reviewer if session else None,
        "csrf_token": session.csrf_token if session else "",
        "category_labels": CATEGORY_LABELS,
        "status_labels": STATUS_LABELS,
        "statuses": STATUSES,
        "areas": AREAS,
        "when_labels": WHEN_LABELS,
    }


async def _store_ctx(review: web.Application) -> AsyncIterator[None]:
    store = review[STORE_KEY]
    await store.start()
    yield
    await store.close()


async def _to_index(_: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/review/")


def setup(app: web.Application) -> None:
    settings = app[SETTINGS_KEY]
    review = web.Application(middlewares=[auth.session_middleware])
    review[STORE_KEY] = ReviewStore(resolve_database_url(settings))
    review[THROTTLE_KEY] = LoginThrottle()
    aiohttp_jinja2.setup(
        review,
        app_key=JINJA_KEY,
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every template is HTML; text from concerns is always escaped
        context_processors=[_context],
        undefined=jinja2.StrictUndefined,
    )
    review.cleanup_ctx.append(_store_ctx)

    router = review.router
    router.add_get("/", views.concern_list, name="list")
    router.add_get("/login", auth.login_form, name="login")
    router.add_post("/login", auth.login_submit, name="login_submit")
    router.add_post("/logout", auth.logout, name="logout")
    router.add_get("/concerns/{concern_id:\\d{1,12}}", views.concern_detail, name="detail")
    router.add_post("/concerns/{concern_id:\\d{1,12}}/status", views.concern_status, name="status")
    router.add_post("/concerns/{concern_id:\\d{1,12}}/delete", views.concern_delete, name="delete")
    router.add_get("/export.csv", views.export_csv, name="export")
    router.add_get("/trends", views.trends_page, name="trends")
    router.add_get("/audit", views.audit_page, name="audit")
    router.add_static("/static/", HERE / "static", name="static", follow_symlinks=False)

    # "/review" itself belongs to the main app (the sub-app only sees "/review/...").
    app.router.add_get("/review", _to_index)
    app.add_subapp("/review", review)
    app[REVIEW_APP_KEY] = review
