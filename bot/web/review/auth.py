"""Sign-in, sessions, CSRF and role checks for the review app.

- Session: random token in a cookie (HttpOnly, SameSite=Strict, Secure when settings say so,
  Path=/review); only its hash is stored, with idle and absolute expiry. A new session is issued
  at sign-in (no fixation).
- CSRF: a synchronizer token per session, required on every POST (403 without it). The sign-in
  form has one too: a keyed hash of a random value in its own short cookie, so that merely
  opening the sign-in page writes nothing to the database.
- Rate limiting: per username and per client address, see ``throttle.py``.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Awaitable, Callable
from functools import wraps
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.client_address import client_address
from bot.web.review.keys import JINJA_KEY, LOGIN_SECRET_KEY, STORE_KEY, THROTTLE_KEY
from concerns import accounts
from concerns.accounts import Session
from concerns.areas import AREAS
from concerns.errors import StoreUnavailable
from concerns.review import audit
from concerns.vocab import CATEGORY_LABELS, STATUS_LABELS, STATUSES

SESSION_KEY = "ssgp_review_session"
COOKIE = "ssgp_review"
LOGIN_COOKIE = "ssgp_review_login"
PREFIX = "/review/"
PUBLIC_ROUTES = frozenset({"review:login", "review:login_submit", "review:static"})
_SAFE_NEXT = re.compile(r"^/review/[A-Za-z0-9/_\-.?=&%+]*$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def render(request: web.Request, template: str, context: dict[str, object],
           status: int = 200) -> web.Response:
    """Render with the values every page needs (who is signed in, the CSRF token, vocabularies)."""
    session = request.get(SESSION_KEY)
    base: dict[str, object] = {
        "title": "Concern review",
        "session": session,
        "reviewer": session.reviewer if session else None,
        "csrf_token": session.csrf_token if session else "",
        "category_labels": CATEGORY_LABELS,
        "status_labels": STATUS_LABELS,
        "statuses": STATUSES,
        "areas": AREAS,
    }
    base.update(context)
    return aiohttp_jinja2.render_template(template, request, base, app_key=JINJA_KEY, status=status)


def error_page(request: web.Request, status: int, title: str, message: str) -> web.Response:
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def current_session(request: web.Request) -> Session | None:
    return request.get(SESSION_KEY)


def username_of(request: web.Request) -> str:
    session = current_session(request)
    assert session is not None and session.reviewer is not None
    return session.reviewer.username


def _set_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    settings = request.config_dict[SETTINGS_KEY]
    response.set_cookie(
        COOKIE, token, path="/review", httponly=True, samesite="Strict",
        secure=bool(settings.secure_cookies),
    )


def _clear_cookie(request: web.Request, response: web.StreamResponse) -> None:
    settings = request.config_dict[SETTINGS_KEY]
    response.del_cookie(COOKIE, path="/review")
    # del_cookie cannot set the attributes; re-state them on the expiring cookie.
    morsel = response.cookies[COOKIE]
    morsel["httponly"] = True
    morsel["samesite"] = "Strict"
    if settings.secure_cookies:
        morsel["secure"] = True


async def csrf_ok(request: web.Request, session: Session | None) -> bool:
    if session is None:
        return False
    sent = request.headers.get("X-CSRF-Token", "")
    if not sent and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        data = await request.post()
        value = data.get("csrf_token", "")
        sent = value if isinstance(value, str) else ""
    return bool(sent) and hmac.compare_digest(sent.encode(), session.csrf_token.encode())


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Under /review/: load the session; refuse all but the sign-in page and stylesheet without one."""
    if not request.path.startswith(PREFIX):
        return await handler(request)
    store = request.config_dict[STORE_KEY]
    try:
        session = await store.run(accounts.load_session, request.cookies.get(COOKIE))
    except StoreUnavailable:
        request[SESSION_KEY] = None
        return error_page(request, 503, "Service unavailable",
                          "The concern store cannot be reached. Please try again later.")
    request[SESSION_KEY] = session
    route_name = request.match_info.route.name
    if route_name not in PUBLIC_ROUTES:
        if session is None or session.reviewer is None:
            if request.method in ("GET", "HEAD"):
                target = "/review/login"
                if route_name and _SAFE_NEXT.match(request.path_qs):
                    target += "?next=" + quote(request.path_qs, safe="")
                raise web.HTTPSeeOther(target)
            return error_page(request, 403, "Sign in first", "You need to sign in to do that.")
        if request.method not in ("GET", "HEAD") and not await csrf_ok(request, session):
            return error_page(request, 403, "Form expired",
                              "This form has expired or did not come from this site. "
                              "Go back, reload the page and try again.")
    try:
        response = await handler(request)
    except StoreUnavailable:
        return error_page(request, 503, "Service unavailable",
                          "The concern store cannot be reached. Nothing was changed. Please try again later.")
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def require_admin(handler: Handler) -> Handler:
    """Refuse (403, and record the attempt) unless the signed-in reviewer is an admin."""

    @wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        session = current_session(request)
        if session is None or session.reviewer is None or not session.reviewer.is_admin:
            store = request.config_dict[STORE_KEY]
            await store.run(audit, session.reviewer.username if session and session.reviewer else None,
                            "forbidden", detail=f"{request.method} {request.path}")
            return error_page(request, 403, "Not allowed", "Only administrators can see this page.")
        return await handler(request)

    return wrapper


def _safe_next(value: str | None) -> str:
    if value and _SAFE_NEXT.match(value) and "//" not in value and not value.startswith("/review/login"):
        return value
    return "/review/"


def _client_key(request: web.Request) -> tuple[str, str]:
    # X-Forwarded-For only from TRUSTED_PROXIES (client_address.py): a client cannot forge it.
    return ("client", client_address(request))


def _login_token(request: web.Request, nonce: str) -> str:
    key = request.config_dict[LOGIN_SECRET_KEY]
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()


def _login_csrf_ok(request: web.Request, sent: str) -> bool:
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or not sent or len(nonce) > 64:
        return False
    return hmac.compare_digest(sent.encode(), _login_token(request, nonce).encode())


async def login_form(request: web.Request) -> web.StreamResponse:
    session = current_session(request)
    if session is not None and session.reviewer is not None:
        raise web.HTTPSeeOther("/review/")
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or len(nonce) > 64:
        nonce = secrets.token_urlsafe(24)
    response = render(request, "login.html", {
        "title": "Sign in",
        "csrf_token": _login_token(request, nonce),
        "next": _safe_next(request.query.get("next")),
        "error": None,
        "username": "",
    })
    settings = request.config_dict[SETTINGS_KEY]
    response.set_cookie(LOGIN_COOKIE, nonce, path="/review", httponly=True, samesite="Strict",
                        secure=bool(settings.secure_cookies))
    return response


async def login_submit(request: web.Request) -> web.StreamResponse:
    session = current_session(request)
    data = await request.post()
    sent = data.get("csrf_token", "")
    sent_token = sent if isinstance(sent, str) else ""
    # The sign-in form's own token, or (signed in already, in another tab) the session's.
    from_session = session is not None and bool(sent_token) and hmac.compare_digest(
        sent_token.encode(), session.csrf_token.encode())
    if not (from_session or _login_csrf_ok(request, sent_token)):
        return error_page(request, 403, "Form expired",
                          "The sign-in form has expired. Go back to the sign-in page and try again.")
    form_token = sent_token
    username = accounts.normalise_username(str(data.get("username", "")))[:64]
    password = str(data.get("password", ""))
    next_url = _safe_next(str(data.get("next", "")))
    store = request.config_dict[STORE_KEY]
    throttle = request.config_dict[THROTTLE_KEY]
    keys = [("user", username), _client_key(request)]

    def again(error: str, status: int) -> web.Response:
        return render(request, "login.html", {
            "title": "Sign in", "csrf_token": form_token, "next": next_url,
            "error": error, "username": username,
        }, status=status)

    if not username or not password:
        return again("Enter your username and password.", 400)

    exists = await store.run(accounts.reviewer_exists, username)
    # Checked and counted in one step, before the password is verified: parallel guesses each
    # take a place in the count, so no more than the limit are ever verified.
    wait = throttle.attempt(keys)
    if wait > 0:
        # Refused without looking at the password: guessing cannot go on during the wait.
        await store.run(audit, username if exists else None, "login_throttled",
                        detail="" if exists else "unknown account")
        minutes = max(1, math.ceil(wait / 60))
        response = again(
            "Too many failed sign-in attempts. For your security, wait "
            f"{minutes} minute{'s' if minutes != 1 else ''} and try again.", 429,
        )
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response

    reviewer = await store.run(accounts.authenticate, username, password)
    if reviewer is None:
        # Already counted by attempt().
        await store.run(audit, username if exists else None, "login_failed",
                        detail="" if exists else "unknown account")
        return again("The username or password is not right.", 401)

    throttle.success([("user", username)], refunded=[_client_key(request)])
    if session is not None:
        await store.run(accounts.end_session, session.id)
    token, _new = await store.run(accounts.create_session, reviewer)
    await store.run(audit, reviewer.username, "login")
    response = web.HTTPSeeOther(next_url)
    _set_cookie(request, response, token)
    response.del_cookie(LOGIN_COOKIE, path="/review")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    session = current_session(request)
    store = request.config_dict[STORE_KEY]
    if session is not None:
        await store.run(accounts.end_session, session.id)
        if session.reviewer is not None:
            await store.run(audit, session.reviewer.username, "logout")
    response = web.HTTPSeeOther("/review/login")
    _clear_cookie(request, response)
    raise response
