"""The Rasa input channel inside a real Sanic server: webhook authentication and parsing, the
polling listeners, the inert (unconfigured) state and /forget against the lead's tracker store.

The assistant is the stand-in from conftest; test_telegram_e2e.py runs the real one.
"""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin

import aiohttp
import pytest
from fake_bot_api import TOKEN, FakeBotApi
from rasa.core.tracker_store import AwaitableTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic
from telegram_support import ID_KEY, SECRET, ToyAssistant

from bot.channels.telegram import texts
from bot.channels.telegram.channel import SECRET_HEADER, TelegramInput, config_from
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.conversation_state import ConversationIds
from bot.tracker_store import ExpiringInMemoryTrackerStore
from ssgp_settings import Settings

CHAT = 77001


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # Several Sanic apps in one process need test mode (Sanic rewrites protocol methods per app).
    monkeypatch.setattr(Sanic, "test_mode", True)


@asynccontextmanager
async def serve(
    channel: TelegramInput, on_new_message: Any, tracker_store: Any = None
) -> AsyncIterator[str]:
    """Run the channel's blueprint in a real Sanic server, mounted where Rasa mounts it."""
    app = Sanic(f"telegram_test_{uuid.uuid4().hex}", configure_logging=False)
    app.ctx.agent = SimpleNamespace(tracker_store=tracker_store) if tracker_store else None
    app.blueprint(channel.blueprint(on_new_message), url_prefix=urljoin("/webhooks/", channel.url_prefix()))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}/webhooks/telegram_ptb/webhook"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


def tracker_store() -> AwaitableTrackerStore:
    return AwaitableTrackerStore(ExpiringInMemoryTrackerStore(Domain.empty()))


async def post(url: str, body: Any, secret: str | None = SECRET, raw: bytes | None = None) -> tuple[int, str]:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with aiohttp.ClientSession() as session:
        kwargs: dict[str, Any] = {"data": raw, "headers": {**headers, "Content-Type": "application/json"}} \
            if raw is not None else {"json": body, "headers": headers}
        async with session.post(url, **kwargs) as resp:
            return resp.status, await resp.text()


@pytest.mark.parametrize(
    "secret", [None, "", "wrong", SECRET[:-1], SECRET + "x", SECRET.upper()],
    ids=["missing", "empty", "wrong", "prefix", "longer", "case"],
)
async def test_webhook_without_the_right_secret_is_forbidden(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant, secret: str | None
) -> None:
    async with serve(TelegramInput(config), assistant) as url:
        status, body = await post(url, fake_api.user_text(CHAT, "hello"), secret=secret)
    assert status == 403 and "forbidden" in body
    assert assistant.received == [] and fake_api.calls() == []


async def test_webhook_with_the_secret_answers_through_the_bot_api(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    async with serve(TelegramInput(config), assistant) as url:
        status, body = await post(url, fake_api.user_text(CHAT, "hello"))
    assert (status, body) == (200, "")
    assert assistant.texts == ["hello"]
    assert fake_api.sent_texts(CHAT) == ["You said: hello"]


@pytest.mark.parametrize(
    ("raw", "status"),
    [(b"{not json", 400), (b"[1, 2]", 400), (b'{"message": {}}', 400), (b'{"update_id": "7"}', 400),
     (b"\xff\xfe\x00binary", 400), (b'{"update_id": 1, "pad": "' + b"x" * 1_100_000 + b'"}', 413)],
    ids=["malformed", "list", "no-update-id", "string-id", "binary", "huge"],
)
async def test_malformed_webhook_bodies_get_a_clear_4xx(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant, raw: bytes, status: int
) -> None:
    async with serve(TelegramInput(config), assistant) as url:
        got, body = await post(url, None, raw=raw)
    assert got == status and "error" in body
    assert assistant.received == []


async def test_unreadable_but_well_formed_updates_are_accepted_and_ignored(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    async with serve(TelegramInput(config), assistant) as url:
        status, _ = await post(url, {"update_id": 3, "message": {"text": "no chat or date"}})
        status2, _ = await post(url, {"update_id": 4, "poll": {"id": "1"}})
    # 200 so Telegram does not redeliver an update that can never be processed.
    assert status == status2 == 200 and assistant.received == []


async def test_forget_deletes_the_tracker_from_the_agents_store(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    store = tracker_store()
    sender = ConversationIds(ID_KEY).sender_id(CHAT)
    other = ConversationIds(ID_KEY).sender_id(CHAT + 1)
    for sender_id in (sender, other):
        await store.save(DialogueStateTracker(sender_id, slots=[]))
    async with serve(TelegramInput(config), assistant, store) as url:
        await post(url, fake_api.user_text(CHAT, "hello"))
        status, _ = await post(url, fake_api.user_text(CHAT, "/forget"))
    assert status == 200
    assert await store.retrieve(sender) is None
    assert await store.retrieve(other) is not None
    assert [m["text"] for m in fake_api.messages_in(CHAT)] == [texts.FORGOTTEN]


async def test_polling_runs_with_the_server_and_stops_with_it(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    channel = TelegramInput(replace(config, mode="polling"))
    store = tracker_store()
    sender = ConversationIds(ID_KEY).sender_id(CHAT)
    await store.save(DialogueStateTracker(sender, slots=[]))
    async with serve(channel, assistant, store) as url:
        assert channel.service is not None and channel.service.polling
        fake_api.push_update(fake_api.user_text(CHAT, "via polling"))
        await fake_api.until("sendMessage", _visible="You said: via polling")
        fake_api.push_update(fake_api.user_text(CHAT, "/forget"))
        await fake_api.until("sendMessage", _visible=texts.FORGOTTEN)
        # In polling mode the webhook route is switched off.
        status, _ = await post(url, fake_api.user_text(CHAT, "hello"))
        assert status == 404
    assert not channel.service.polling
    assert await store.retrieve(sender) is None


async def test_without_a_token_the_channel_is_inert(
    fake_api: FakeBotApi, assistant: ToyAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("TELEGRAM_MODE", "polling")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_api.base_url)
    channel = TelegramInput.from_credentials(None)
    assert channel.service is None
    async with serve(channel, assistant) as url:
        status, body = await post(url, fake_api.user_text(CHAT, "hello"))
    assert status == 404 and "not enabled" in body
    assert fake_api.calls() == []  # no getUpdates, nothing at all


@pytest.mark.parametrize(
    "change",
    [{"mode": "webhook", "webhook_secret": ""}, {"webhook_secret": "has spaces"}, {"mode": "push"},
     {"api_base_url": "ftp://example.org/bot"}],
    ids=["no-secret", "bad-secret", "bad-mode", "bad-url"],
)
async def test_misconfiguration_switches_the_channel_off_with_an_error(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant, change: dict,
    caplog: pytest.LogCaptureFixture,
) -> None:
    channel = TelegramInput(replace(config, **change))
    assert channel.service is None
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("Telegram channel off" in e for e in errors)
    async with serve(channel, assistant) as url:
        status, _ = await post(url, fake_api.user_text(CHAT, "hello"))
    assert status == 404 and fake_api.calls() == []


def test_credentials_override_the_environment_and_blanks_fall_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "env-token")
    monkeypatch.setenv("TELEGRAM_MODE", "POLLING")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "env_secret")
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_ID_KEY", raising=False)
    settings = Settings.from_env()
    from_env = config_from(None, settings)
    assert (from_env.token, from_env.mode, from_env.webhook_secret) == ("env-token", "polling", "env_secret")
    assert from_env.api_base_url == "https://api.telegram.org/bot" and from_env.id_key == ""
    merged = config_from({"token": "yml-token", "mode": " ", "webhook_secret": None, "id_key": "k"}, settings)
    assert (merged.token, merged.mode, merged.webhook_secret, merged.id_key) == (
        "yml-token", "polling", "env_secret", "k"
    )
    # Secrets never show up in a repr (and so in a log line).
    assert "yml-token" not in repr(merged) and "env_secret" not in repr(merged) and "'k'" not in repr(merged)


def test_channel_name_and_route_match_rasas_mounting() -> None:
    channel = TelegramInput(TelegramConfig(token=TOKEN, webhook_secret=SECRET))
    assert TelegramInput.name() == "telegram_ptb"
    assert urljoin("/webhooks/", channel.url_prefix()) + "/webhook" == "/webhooks/telegram_ptb/webhook"
