"""A fake Telegram Bot API server on 127.0.0.1, speaking the Bot API's HTTP/JSON protocol.

It runs an aiohttp app in a background thread (so both sync and async tests, and other
processes such as a Rasa server, can use it) and records every call. It checks what the real
API checks where that matters to us: the token in the URL, HTML parse mode (allowed tags,
balanced, escaped), the 4096-character limit, inline keyboards, callback_data size, deleting only
messages that exist, getUpdates offsets and long-poll timeouts, and 409 while a webhook is set.

Build updates with ``user_text``/``user_message``/``callback``/``group_text`` and deliver them with
``push_update`` (long polling) or POST them to a webhook yourself.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456789:TEST-fake-token_for-ssgp"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "SSGP Test", "username": "ssgp_test_bot"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "tg-spoiler", "span", "blockquote", "tg-emoji"}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections"}
JSON_FIELDS = {"reply_markup", "allowed_updates", "link_preview_options", "reply_parameters"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    # (chat_id, message_id) -> message
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)


# Attributes with a value, or bare (Telegram documents <blockquote expandable>).
_TAG = re.compile(r'<(/?)([a-z-]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>')
_ATTR = re.compile(r'([a-z-]+)="([^"<>]*)"')
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")


def _parse_html(text: str) -> tuple[str, str | None]:
    """Visible text and the first error, as Telegram's HTML parse mode sees ``text``.

    Telegram requires every <, > and & that is not markup to be an entity, only knows a few
    tags, and needs them balanced; links must be http(s) or tg://.
    """
    visible: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            tag = _TAG.match(text, pos)
            if tag is None:
                return "".join(visible), f"Unexpected < at byte offset {pos}"
            closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
            if name not in ALLOWED_TAGS:
                return "".join(visible), f'Unsupported start tag "{name}"'
            if closing:
                if not stack or stack[-1] != name:
                    return "".join(visible), f'Unmatched end tag "{name}"'
                stack.pop()
            else:
                if name == "a":
                    href = html.unescape(dict(_ATTR.findall(attrs)).get("href", ""))
                    if not href.startswith(("http://", "https://", "tg://")):
                        return "".join(visible), "Unsupported URL protocol"
                stack.append(name)
            pos = tag.end()
        elif char == "&":
            entity = _ENTITY.match(text, pos)
            if entity is None:
                return "".join(visible), f"Unexpected & at byte offset {pos}"
            visible.append(html.unescape(entity.group(0)))
            pos = entity.end()
        elif char == ">":
            return "".join(visible), f"Unexpected > at byte offset {pos}"
        else:
            visible.append(char)
            pos += 1
    if stack:
        return "".join(visible), f'Can\'t find end tag for "{stack[-1]}"'
    return "".join(visible), None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    """The fake server. ``start()``/``stop()``, or use it as a context manager."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self._state = _State()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._closing = False
        self.port = 0

    # ----- server life cycle ------------------------------------------------------------------

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            app = web.Application()
            app.router.add_route("*", "/bot{token}/{method}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())  # type: ignore[union-attr]
            ready.set()
            self._loop.run_forever()  # type: ignore[union-attr]

        self._thread = threading.Thread(target=run, name="fake-bot-api", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Bot API did not start")

    def stop(self) -> None:
        if self._loop is None:
            return
        self._closing = True  # ends held getUpdates long polls

        async def shutdown() -> None:
            if self._runner is not None:
                await self._runner.cleanup()
            current = asyncio.current_task()
            leftover = [t for t in asyncio.all_tasks() if t is not current]
            for task in leftover:
                task.cancel()
            await asyncio.gather(*leftover, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        self._loop.close()
        self._loop = None

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_API_BASE_URL (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ----- inspection -------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Visible text of every sendMessage (tags stripped, entities decoded)."""
        return [
            c.params["_visible"]
            for c in self.calls("sendMessage")
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 60.0, **match: Any) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` (with matching params) were made."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [
                    c for c in self._state.calls
                    if c.method == method and all(c.params.get(k) == v for k, v in match.items())
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} {method} call(s) matching {match}, got {len(found)}; "
                        f"all calls: {[c.method for c in self._state.calls]}"
                    )
                self._changed.wait(remaining)

    async def until(self, method: str, count: int = 1, timeout: float = 60.0, **match: Any) -> list[Call]:
        """``wait_for`` for async tests (waits in a thread so the test's event loop keeps running)."""
        return await asyncio.to_thread(self.wait_for, method, count, timeout, **match)

    def message_exists(self, chat_id: int, message_id: int) -> bool:
        with self._lock:
            return (chat_id, message_id) in self._state.messages

    def messages_in(self, chat_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return [m for (c, _), m in sorted(self._state.messages.items()) if c == chat_id]

    @property
    def webhook(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._state.webhook)

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._state.updates)

    def reset_calls(self) -> None:
        with self._lock:
            self._state.calls.clear()

    # ----- building updates -------------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _store(self, message: dict[str, Any]) -> dict[str, Any]:
        with self._changed:
            self._state.messages[(message["chat"]["id"], message["message_id"])] = message
            self._changed.notify_all()
        return message

    def user_message(
        self,
        chat_id: int,
        *,
        chat_type: str = "private",
        username: str | None = "someone_private",
        first_name: str = "Alex",
        **content: Any,
    ) -> dict[str, Any]:
        """A message from a user, stored so it can later be deleted, as an update."""
        user = {"id": chat_id if chat_type == "private" else 555000111, "is_bot": False,
                "first_name": first_name, "language_code": "en"}
        if username:
            user["username"] = username
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat.update({k: v for k, v in user.items() if k in {"first_name", "username"}})
        else:
            chat["title"] = "Neighbourhood group"
        with self._lock:
            message_id = self._next_message_id(chat_id)
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat, **content}
        if chat_type != "channel":
            message["from"] = user
        self._store(message)
        key = "channel_post" if chat_type == "channel" else "message"
        return {"update_id": next(self._update_ids), key: message}

    def user_text(self, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        update = self.user_message(chat_id, text=text, **kwargs)
        if text.startswith("/"):
            command = text.split()[0]
            update["message"]["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return update

    def group_text(self, chat_id: int, text: str, chat_type: str = "group") -> dict[str, Any]:
        return self.user_message(chat_id, chat_type=chat_type, text=text)

    def edited(self, update: dict[str, Any], new_text: str) -> dict[str, Any]:
        message = dict(update["message"], text=new_text, edit_date=int(time.time()))
        return {"update_id": next(self._update_ids), "edited_message": message}

    def callback(self, chat_id: int, data: str, message_id: int | None = None) -> dict[str, Any]:
        """A button press on the bot's latest message with a keyboard (or ``message_id``)."""
        with self._lock:
            candidates = [
                m for (c, mid), m in self._state.messages.items()
                if c == chat_id and m.get("from", {}).get("is_bot") and (message_id in (None, mid))
                and (message_id is not None or m.get("reply_markup"))
            ]
        if not candidates:
            raise AssertionError("no bot message with a keyboard to press")
        message = max(candidates, key=lambda m: m["message_id"])
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._ids)),
                "from": {"id": chat_id, "is_bot": False, "first_name": "Alex", "username": "someone_private"},
                "message": message,
                "chat_instance": "-42",
                "data": data,
            },
        }

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates."""
        with self._changed:
            self._state.updates.append(update)
            self._changed.notify_all()

    # ----- the Bot API ------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw = await request.json()
            return dict(raw) if isinstance(raw, dict) else {}
        params: dict[str, Any] = {}
        form = await request.post() if request.can_read_body else {}
        merged = {**request.query, **form}
        for key, value in merged.items():
            value = str(value)
            if key in INT_FIELDS:
                params[key] = int(value)
            elif key in JSON_FIELDS or value in {"true", "false"}:
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str) -> web.Response:
        return web.json_response({"ok": False, "error_code": code, "description": description}, status=code)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        handler = getattr(self, f"_api_{method}", None)
        if method != "getUpdates":  # getUpdates is recorded when it answers
            self._record(method, params)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        return await handler(params)

    def _record(self, method: str, params: dict[str, Any]) -> None:
        with self._changed:
            self._state.calls.append(Call(method, params))
            self._changed.notify_all()

    async def _api_getMe(self, params: dict[str, Any]) -> web.Response:
        return self._ok(BOT_USER)

    async def _api_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id, text = params.get("chat_id"), params.get("text")
        if not isinstance(chat_id, int) or not text:
            return self._error(400, "Bad Request: chat_id and text are required")
        visible = text
        if params.get("parse_mode") == "HTML":
            visible, error = _parse_html(text)
            if error:
                return self._error(400, f"Bad Request: can't parse entities: {error}")
        if not visible.strip():
            return self._error(400, "Bad Request: message text is empty")
        if utf16_len(visible) > 4096:
            return self._error(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        if markup:
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(data.encode()) <= 64:
                        return self._error(400, "Bad Request: BUTTON_DATA_INVALID")
        params["_visible"] = visible
        with self._lock:
            message_id = self._next_message_id(chat_id)
        message = {
            "message_id": message_id, "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER, "text": visible,
        }
        if markup:
            message["reply_markup"] = markup
        self._store(message)
        return self._ok(message)

    async def _api_sendChatAction(self, params: dict[str, Any]) -> web.Response:
        if params.get("action") not in {"typing", "upload_photo", "record_voice"}:
            return self._error(400, "Bad Request: wrong parameter action in request")
        return self._ok(True)

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        if not params.get("callback_query_id"):
            return self._error(400, "Bad Request: query id is required")
        return self._ok(True)

    async def _api_deleteMessage(self, params: dict[str, Any]) -> web.Response:
        key = (params.get("chat_id"), params.get("message_id"))
        with self._changed:
            if key not in self._state.messages:
                return self._error(400, "Bad Request: message to delete not found")
            del self._state.messages[key]  # type: ignore[arg-type]
            self._changed.notify_all()
        return self._ok(True)

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> web.Response:
        key = (params.get("chat_id"), params.get("message_id"))
        with self._lock:
            message = self._state.messages.get(key)  # type: ignore[arg-type]
            if message is None:
                return self._error(400, "Bad Request: message to edit not found")
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return self._ok(message)

    async def _api_setWebhook(self, params: dict[str, Any]) -> web.Response:
        url = params.get("url") or ""
        if url and not url.startswith("https://"):
            return self._error(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        with self._lock:
            self._state.webhook = {k: v for k, v in params.items() if v is not None} if url else {}
        return self._ok(True)

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            self._state.webhook = {}
            if params.get("drop_pending_updates"):
                self._state.updates.clear()
        return self._ok(True)

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            info = {
                "url": self._state.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._state.updates),
            }
        return self._ok(info)

    async def _api_getUpdates(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            if self._state.webhook:
                webhook_set = True
            else:
                webhook_set = False
                offset = params.get("offset")
                if offset is not None:  # confirms every update below the offset
                    self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
        if webhook_set:
            self._record("getUpdates", params)
            return self._error(
                409, "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        while True:
            with self._lock:
                ready = self._state.updates[:limit]
            if ready or time.monotonic() >= deadline or self._closing:
                break
            await asyncio.sleep(0.05)  # long poll: hold the request until updates arrive
        self._record("getUpdates", dict(params, _returned=[u["update_id"] for u in ready]))
        return self._ok(ready)


def parse_html(html_text: str) -> tuple[str, str | None]:
    """(visible text, error or None) for ``html_text`` in Telegram's HTML parse mode."""
    return _parse_html(html_text)
