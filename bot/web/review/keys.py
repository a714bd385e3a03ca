"""Application keys shared by the review app's modules."""

from __future__ import annotations

import jinja2
from aiohttp import web

from bot.web.review.store import ReviewStore
from bot.web.review.throttle import LoginThrottle

STORE_KEY = web.AppKey("review_store", ReviewStore)
THROTTLE_KEY = web.AppKey("review_throttle", LoginThrottle)
JINJA_KEY = web.AppKey("review_jinja", jinja2.Environment)
# Per-process key for the sign-in form's CSRF token (a keyed hash of a random cookie value), so
# an anonymous visit to the sign-in page stores nothing in the database.
LOGIN_SECRET_KEY = web.AppKey("review_login_secret", bytes)
