"""Fixtures for the Telegram channel tests: the fake Bot API and a small stand-in assistant.

The stand-in replaces Rasa only in the channel tests (the channel is what is under test); the
end-to-end tests in test_telegram_e2e.py use the real trained assistant.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_bot_api import TOKEN, FakeBotApi

from bot.channels.telegram_config import TelegramConfig
from bot.channels.telegram_service import TelegramService

SECRET = "test_webhook-secret_0123456789"
ID_KEY = "test-id-key"


class ToyAssistant:
    """Answers like a tiny assistant and remembers what it was asked."""

    def __init__(self) -> None:
        self.received: list[Any] = []
        self.forgotten: list[str] = []

    async def __call__(self, message: Any) -> None:
        self.received.append(message)
        out, text = message.output_channel, message.text
        if text == "/greet":
            await out.send_text_message(message.sender_id, "Hello, I'm the test assistant.")
        elif text == "buttons":
            await out.send_text_with_buttons(
                message.sender_id,
                "Would you like to **find a service**?",
                [{"title": "Yes", "payload": "/affirm"},
                 {"title": "Choose Gloucester", "payload": '/inform{"place": "' + "Gloucester " * 8 + '"}'},
                 {"title": "Website", "url": "https://example.org/help"}],
            )
        elif text == "long":
            paragraph = "Support is available. " * 40
            text = "\n\n".join([paragraph.strip()] * 12)
            await out.send_text_with_buttons(message.sender_id, text, [{"title": "OK", "payload": "/affirm"}])
        elif text == "boom":
            raise RuntimeError("assistant failure")
        else:
            await out.send_text_message(message.sender_id, f"You said: {text}")

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.received]

    async def forget(self, sender_id: str) -> bool:
        self.forgotten.append(sender_id)
        return True


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def config(fake_api: FakeBotApi) -> TelegramConfig:
    return TelegramConfig(
        token=TOKEN, mode="webhook", webhook_secret=SECRET, api_base_url=fake_api.base_url, id_key=ID_KEY
    )


@pytest.fixture
async def service(config: TelegramConfig) -> AsyncIterator[TelegramService]:
    svc = TelegramService(config)
    yield svc
    await svc.stop()


@pytest.fixture
def assistant() -> ToyAssistant:
    return ToyAssistant()
