"""The Telegram channel's own texts follow the conversation's language (content/ui_strings.yml),
learnt from the language marker the assistant's replies carry (lang-core's NLG sends
``custom: {"lang", "dir", "language"}`` with every response). Over the fake Bot API."""

from __future__ import annotations

from typing import Any

import pytest
from fake_bot_api import FakeBotApi
from telegram_support import ToyAssistant

from bot.channels.telegram import texts
from bot.channels.telegram.service import TelegramService
from content.ui_strings import ui_text

CHAT = 424242101


class MultilingualToy(ToyAssistant):
    """Answers "po polsku" / "urdu" / "english" in that language, with the NLG's marker."""

    REPLIES = {"po polsku": ("pl", "Dobrze, piszę po polsku."), "urdu": ("ur", "ٹھیک ہے۔"), "english": ("en", "OK.")}

    async def __call__(self, message: Any) -> None:
        if message.text in self.REPLIES:
            self.received.append(message)
            lang, text = self.REPLIES[message.text]
            await message.output_channel.send_text_message(message.sender_id, text)
            await message.output_channel.send_custom_json(
                message.sender_id, {"lang": lang, "dir": "rtl" if lang == "ur" else "ltr", "language": lang}
            )
            return
        await super().__call__(message)


@pytest.fixture
def toy() -> MultilingualToy:
    return MultilingualToy()


async def test_fixed_texts_come_in_the_conversation_language_until_forget(
    service: TelegramService, fake_api: FakeBotApi, toy: MultilingualToy
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "/help"), toy)
    assert "I can tell you about local support services" in fake_api.sent_texts(CHAT)[-1]

    await service.handle_update(fake_api.user_text(CHAT, "po polsku"), toy)
    # The marker itself sends nothing: only the reply arrives.
    assert fake_api.sent_texts(CHAT)[-1] == "Dobrze, piszę po polsku."
    await service.handle_update(fake_api.user_text(CHAT, "/help"), toy)
    assert fake_api.sent_texts(CHAT)[-1].startswith("Mogę opowiedzieć o lokalnych usługach wsparcia")
    assert "999" in fake_api.sent_texts(CHAT)[-1]
    await service.handle_update(fake_api.user_text(CHAT, "/nonsense"), toy)
    assert fake_api.sent_texts(CHAT)[-1] == ui_text("telegram_unknown_command", "pl")
    await service.handle_update(fake_api.user_text(CHAT, "pomocy " * 400), toy)
    assert "Twoja wiadomość była bardzo długa" in fake_api.sent_texts(CHAT)[-2]

    await service.handle_update(fake_api.user_text(CHAT, "urdu"), toy)
    await service.handle_update(fake_api.user_text(CHAT, "   "), toy)
    assert fake_api.sent_texts(CHAT)[-1] == ui_text("telegram_empty", "ur")

    # /forget says goodbye in the language, then the channel forgets the language too.
    await service.handle_update(fake_api.user_text(CHAT, "/forget"), toy)
    assert fake_api.sent_texts(CHAT)[-1] == ui_text("telegram_forgotten", "ur")
    await service.handle_update(fake_api.user_text(CHAT, "   "), toy)
    assert fake_api.sent_texts(CHAT)[-1] == texts.EMPTY


async def test_an_assistant_without_language_markers_keeps_english(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "hello"), assistant)
    await service.handle_update(fake_api.user_text(CHAT, "/nonsense"), assistant)
    assert fake_api.sent_texts(CHAT)[-1] == texts.UNKNOWN_COMMAND
