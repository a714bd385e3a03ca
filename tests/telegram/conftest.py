"""Fixtures for the Telegram channel tests: the fake Bot API and a small stand-in assistant.

The stand-in (telegram_support.ToyAssistant) replaces Rasa only in the channel tests (the channel
is what is under test); the end-to-end tests in test_telegram_e2e.py use the real trained assistant.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # fake_bot_api and telegram_support import by name
    sys.path.insert(0, HERE)

from fake_bot_api import TOKEN, FakeBotApi  # noqa: E402
from telegram_support import ID_KEY, SECRET, ToyAssistant  # noqa: E402

from bot.channels.telegram.config import TelegramConfig  # noqa: E402
from bot.channels.telegram.service import TelegramService  # noqa: E402


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
