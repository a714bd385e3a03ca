"""Public chat API for the web widget: ``POST /api/chat`` and ``POST /api/forget``.

The web app is the only public face: these handlers validate and rate-limit each request, then
forward it to Rasa's REST channel (and its private forget endpoint) on the loopback interface
through ``bot.web.rasa_client``. The rate limiter is the shared one in ``bot.rate_limit``.
Nothing here logs message text, conversation ids or client addresses.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from bot.rate_limit import SlidingWindowLimiter
from bot.web.app import MAX_REQUEST_BYTES, SETTINGS_KEY
from bot.web.client_address import client_address
from bot.web.cors import origin_allowed
from bot.web.rasa_client import RASA_CLIENT_KEY
from bot.web.responses import json_error
from content.languages import CODES as LANGUAGE_CODES
from content.languages import DEFAULT_LANGUAGE
from content.languages import direction as language_direction
from content.tokens import with_contacts
from ssgp_settings import Settings

logger = logging.getLogger(__name__)

# Random, url-safe, long enough to be unguessable; the widget makes 32 characters.
CONVERSATION_ID_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
ACCEPTED_CONTENT_TYPES = frozenset({"application/json", "text/plain"})  # text/plain: sendBeacon
# One address may hold several conversations (a shared library or office network).
ADDRESS_LIMIT_FACTOR = 3
# Bounds on what we pass back from Rasa, so a bad reply cannot flood the widget.
MAX_REPLY_MESSAGES = 20
MAX_BUTTONS = 12
MAX_BUTTON_TITLE = 200
MAX_BUTTON_PAYLOAD = 500
MAX_REPLY_TEXT = 8000

UNAVAILABLE_MESSAGE = (
    "The assistant is not available right now. Please try again in a few minutes. "
    "If you are in danger now, call {phone:police-emergency}."
)
FORGET_FAILED_MESSAGE = "We could not delete the conversation just now. It will expire on its own."


class ChatRequestError(Exception):
    """A client mistake, answered with ``status`` and a short message for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ChatState:
    """Per-app state: the limiters and the address salt (memory only)."""

    settings: Settings
    conversation_limiter: SlidingWindowLimiter
    address_limiter: SlidingWindowLimiter
    forget_limiter: SlidingWindowLimiter
    address_salt: bytes

    def address_key(self, request: web.Request) -> str:
        # A keyed hash with a per-process random salt: lets us count requests per client without
        # keeping the address, and the value is useless once the process ends.
        # Behind a trusted proxy, the resident's own address (see client_address.py), so one
        # client cannot use up the limit of everyone sharing the proxy.
        address = client_address(request).encode()
        return hmac.new(self.address_salt, address, hashlib.sha256).hexdigest()[:32]


CHAT_STATE_KEY = web.AppKey("chat_state", ChatState)


def _unavailable(settings: Settings) -> web.Response:
    """503 with the unavailable message, its emergency number filled from the directory."""
    return json_error(503, with_contacts(UNAVAILABLE_MESSAGE, settings.directory_path))


def _body_limit(settings: Settings) -> int:
    # JSON may escape each character as up to 12 bytes (a \uXXXX surrogate pair).
    return min(MAX_REQUEST_BYTES, max(4096, settings.chat_max_chars * 12 + 1024))


async def _read_json_object(request: web.Request, limit: int) -> dict[str, Any]:
    """Read a small JSON object sent as application/json or text/plain (sendBeacon)."""
    if request.content_type not in ACCEPTED_CONTENT_TYPES:
        raise ChatRequestError(415, "Please send the request as JSON (Content-Type: application/json).")
    if request.content_length is not None and request.content_length > limit:
        raise ChatRequestError(413, "The request is too large.")
    raw = bytearray()
    try:
        # Read in chunks and stop early: a body without Content-Length could be any size.
        while chunk := await request.content.read(8192):
            raw.extend(chunk)
            if len(raw) > limit:
                raise ChatRequestError(413, "The request is too large.")
    except (aiohttp.ClientPayloadError, ValueError) as exc:
        raise ChatRequestError(400, "The request body could not be read.") from exc
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ChatRequestError(400, "The request must be JSON text (UTF-8).") from exc
    if not text.strip():
        raise ChatRequestError(400, "The request body is empty: expected a JSON object.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ChatRequestError(400, "The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise ChatRequestError(400, "The request must be a JSON object.")
    return data


def _conversation_id(data: dict[str, Any]) -> str:
    value = data.get("conversation_id")
    if not isinstance(value, str) or not CONVERSATION_ID_RE.fullmatch(value):
        raise ChatRequestError(400, "conversation_id must be a random string of 16 to 64 letters, digits, '-' or '_'.")
    return value


def _unreadable(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Control characters (except ordinary whitespace) and lone surrogates: binary or broken text.
    return (category == "Cc" and ch not in "\t\n\r") or category == "Cs"


def _message_text(data: dict[str, Any], max_chars: int) -> str:
    value = data.get("message")
    if not isinstance(value, str):
        raise ChatRequestError(400, "message must be text.")
    text = value.strip()
    if not text:
        raise ChatRequestError(400, "Please type a message before sending.")
    if len(text) > max_chars:
        raise ChatRequestError(413, f"Your message is too long. Please keep it under {max_chars} characters.")
    if any(_unreadable(ch) for ch in text):
        raise ChatRequestError(400, "Your message contains characters we cannot read. Please type it again.")
    return unicodedata.normalize("NFC", text)


def _is_cross_site(request: web.Request) -> bool:
    # Browsers set Sec-Fetch-Site; refusing "cross-site" stops other websites driving a
    # visitor's browser against this API. Non-browser clients simply omit the header.
    # Partner sites in WIDGET_ALLOWED_ORIGINS are the exception (bot/web/cors.py).
    return request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site" and not origin_allowed(request)


def _clean_button(raw: Any) -> dict[str, str] | None:
    if not isinstance(raw, dict):
        return None
    title, payload = raw.get("title"), raw.get("payload")
    if not isinstance(title, str) or not title.strip():
        return None
    if not isinstance(payload, str) or not payload.strip():
        payload = title
    return {"title": title.strip()[:MAX_BUTTON_TITLE], "payload": payload.strip()[:MAX_BUTTON_PAYLOAD]}


def _language_of(item: dict[str, Any]) -> tuple[str, str]:
    # bot/channels/rest.py puts the reply generator's lang/dir on each message (issue 12); only
    # known codes pass, so the widget can put them straight into lang="" and dir="" attributes.
    lang = item.get("lang")
    lang = lang if lang in LANGUAGE_CODES else DEFAULT_LANGUAGE
    return lang, language_direction(lang)


def reply_language(reply: Any) -> str:
    """The conversation's language after this reply (from its last message that says it)."""
    for item in reversed(reply if isinstance(reply, list) else []):
        if isinstance(item, dict) and item.get("language") in LANGUAGE_CODES:
            return str(item["language"])
    return DEFAULT_LANGUAGE


def clean_rasa_reply(reply: Any) -> list[dict[str, Any]]:
    """Keep only text, quick-reply buttons and lang/dir from Rasa's REST reply, within fixed bounds."""
    if not isinstance(reply, list):
        raise ValueError("Rasa reply is not a list")
    messages: list[dict[str, Any]] = []
    for item in reply[:MAX_REPLY_MESSAGES]:
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        text = text[:MAX_REPLY_TEXT] if isinstance(text, str) else ""
        raw_buttons = item.get("buttons")
        buttons = []
        if isinstance(raw_buttons, list):
            buttons = [b for b in map(_clean_button, raw_buttons[:MAX_BUTTONS]) if b]
        if text.strip() or buttons:
            lang, direction = _language_of(item)
            messages.append({"text": text, "buttons": buttons, "lang": lang, "dir": direction})
    return messages


def _state(request: web.Request) -> ChatState:
    return request.app[CHAT_STATE_KEY]


RATE_LIMITED_MESSAGE = (
    "You are sending messages faster than we can answer. Please wait a moment and try again. "
    "If you are in danger now, call {phone:police-emergency}."
)


def _rate_limited(settings: Settings, seconds: float) -> web.Response:
    # The 999 line too: a person in danger may be the one who typed fast.
    return json_error(429, with_contacts(RATE_LIMITED_MESSAGE, settings.directory_path), retry_after=seconds)


async def chat(request: web.Request) -> web.Response:
    """Forward one message to Rasa and return its reply as {"messages": [...]}."""
    state = _state(request)
    settings = state.settings
    if _is_cross_site(request):
        return json_error(403, "Requests from other websites are not accepted.")
    # Count every request per address, including malformed ones, so floods are throttled too.
    wait = state.address_limiter.hit(state.address_key(request))
    if wait:
        return _rate_limited(state.settings, wait)
    try:
        data = await _read_json_object(request, _body_limit(settings))
        conversation_id = _conversation_id(data)
        text = _message_text(data, settings.chat_max_chars)
    except ChatRequestError as exc:
        return json_error(exc.status, exc.message)
    wait = state.conversation_limiter.hit(conversation_id)
    if wait:
        return _rate_limited(state.settings, wait)

    rasa = request.app[RASA_CLIENT_KEY]
    if not rasa.ready:
        return _unavailable(state.settings)
    try:
        # Any worker can serve any conversation; one that does not answer is skipped (rasa_pool.py).
        status, reply = await rasa.send_message(conversation_id, text)
        if status != 200:
            logger.warning("chat: Rasa answered HTTP %s", status)
            return _unavailable(state.settings)
        messages = clean_rasa_reply(reply)
        language = reply_language(reply)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        logger.warning("chat: Rasa unreachable (%s)", type(exc).__name__)
        return _unavailable(state.settings)
    except ValueError:
        logger.warning("chat: Rasa sent a reply we could not read")
        return _unavailable(state.settings)
    return web.json_response({"messages": messages, "language": language, "dir": language_direction(language)})


async def forget(request: web.Request) -> web.StreamResponse:
    """Delete one conversation in Rasa (quick exit, "Start again", leaving the page)."""
    state = _state(request)
    if _is_cross_site(request):
        return json_error(403, "Requests from other websites are not accepted.")
    wait = state.forget_limiter.hit(state.address_key(request))
    if wait:
        return _rate_limited(state.settings, wait)
    try:
        data = await _read_json_object(request, 4096)
        conversation_id = _conversation_id(data)
    except ChatRequestError as exc:
        return json_error(exc.status, exc.message)

    rasa = request.app[RASA_CLIENT_KEY]
    if not rasa.can_forget:
        logger.error("forget: SSGP_INTERNAL_TOKEN is not set, so conversations cannot be deleted early")
        return json_error(503, FORGET_FAILED_MESSAGE)
    if not rasa.ready:
        return json_error(503, FORGET_FAILED_MESSAGE)
    try:
        status = await rasa.forget(conversation_id)
        if status != 200:
            logger.error("forget: Rasa answered HTTP %s", status)
            return json_error(503, FORGET_FAILED_MESSAGE)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        logger.warning("forget: Rasa unreachable (%s)", type(exc).__name__)
        return json_error(503, FORGET_FAILED_MESSAGE)
    return web.Response(status=204)


def setup(app: web.Application) -> None:
    settings = app[SETTINGS_KEY]
    rate = settings.chat_rate_per_minute
    app[CHAT_STATE_KEY] = ChatState(
        settings=settings,
        conversation_limiter=SlidingWindowLimiter(rate),
        address_limiter=SlidingWindowLimiter(rate * ADDRESS_LIMIT_FACTOR),
        forget_limiter=SlidingWindowLimiter(rate * ADDRESS_LIMIT_FACTOR),
        address_salt=secrets.token_bytes(32),
    )
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/forget", forget)
