"""The channel's conversation handling over the real Bot API protocol (fake Bot API server)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import Any

import pytest
from fake_bot_api import FakeBotApi
from telegram_support import ID_KEY, ToyAssistant

from bot.channels.telegram import texts
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.conversation_state import ConversationIds
from bot.channels.telegram.service import TelegramService
from content.tokens import with_contacts
from ssgp_settings import DEFAULT_DIRECTORY_PATH

CHAT = 424242001
OTHER_CHAT = 424242002


def sender(chat_id: int = CHAT) -> str:
    return ConversationIds(ID_KEY).sender_id(chat_id)


async def test_text_goes_to_the_assistant_under_a_hashed_id(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "What is **Ask for Angela**? <b>"), assistant)
    [message] = assistant.received
    assert message.sender_id == sender() and str(CHAT) not in message.sender_id
    assert message.metadata is None
    assert message.input_channel == "telegram_ptb"
    assert message.text == "What is **Ask for Angela**? <b>"
    methods = [c.method for c in fake_api.calls()]
    assert methods == ["sendChatAction", "sendMessage"]  # typing first, then the answer
    [sent] = fake_api.calls("sendMessage")
    assert sent.params["chat_id"] == CHAT and sent.params["parse_mode"] == "HTML"
    assert sent.params["_visible"] == "You said: What is Ask for Angela? <b>"
    assert sent.params["text"] == "You said: What is <b>Ask for Angela</b>? &lt;b&gt;"


@pytest.mark.parametrize("chat_type", ["group", "supergroup", "channel"])
async def test_non_private_chats_are_declined_once(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant, chat_type: str
) -> None:
    group = -100123456
    for text in ("hello bot", "/start", "help me"):
        await service.handle_update(fake_api.group_text(group, text, chat_type=chat_type), assistant)
    assert assistant.received == []
    assert fake_api.sent_texts(group) == [with_contacts(texts.PRIVATE_ONLY, DEFAULT_DIRECTORY_PATH)]


@pytest.mark.parametrize(
    "content",
    [
        {"sticker": {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512,
                     "is_animated": False, "is_video": False, "type": "regular"}},
        {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}],
         "caption": "look at this"},
        {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
        {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "x.pdf"}},
        {"location": {"latitude": 51.86, "longitude": -2.24}},
        {"contact": {"phone_number": "+440000000000", "first_name": "Sam"}},
    ],
    ids=["sticker", "photo", "voice", "document", "location", "contact"],
)
async def test_media_gets_a_clear_text_reply(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant, content: dict
) -> None:
    await service.handle_update(fake_api.user_message(CHAT, **content), assistant)
    assert assistant.received == []
    assert fake_api.sent_texts(CHAT) == [with_contacts(texts.NOT_TEXT, DEFAULT_DIRECTORY_PATH)]


async def test_edited_messages_get_a_reply_not_a_second_answer(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    original = fake_api.user_text(CHAT, "hello")
    await service.handle_update(original, assistant)
    await service.handle_update(fake_api.edited(original, "hello again"), assistant)
    assert assistant.texts == ["hello"]
    assert fake_api.sent_texts(CHAT)[-1] == texts.EDITED


async def test_very_long_text_is_truncated_with_a_note(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "please help " * 500), assistant)
    [message] = assistant.received
    assert 1500 < len(message.text) <= 2000
    assert fake_api.sent_texts(CHAT)[0] == texts.TOO_LONG.format(limit=2000)


async def test_blank_text_and_unknown_commands_are_answered_by_the_channel(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "   \n "), assistant)
    # A typed "/intent" must not trigger Rasa intents directly.
    await service.handle_update(fake_api.user_text(CHAT, "/crisis_danger"), assistant)
    await service.handle_update(fake_api.user_text(CHAT, '/inform{"x": 1}'), assistant)
    assert assistant.received == []
    assert fake_api.sent_texts(CHAT) == [texts.EMPTY, texts.UNKNOWN_COMMAND, texts.UNKNOWN_COMMAND]


async def test_start_warns_before_the_assistant_greets(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "/start"), assistant)
    sent = fake_api.sent_texts(CHAT)
    assert len(sent) == 2
    assert "This chat is not anonymous." in sent[0]
    assert "Telegram's servers" in sent[0] and "Delete chat" in sent[0] and "previews" in sent[0]
    assert sent[1] == "Hello, I'm the test assistant."
    assert assistant.texts == ["/greet"]


async def test_help_and_services_and_bot_suffix(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "/help@ssgp_test_bot"), assistant)
    await service.handle_update(fake_api.user_text(CHAT, "/services"), assistant)
    assert fake_api.sent_texts(CHAT)[0] == with_contacts(texts.HELP, DEFAULT_DIRECTORY_PATH).replace("**", "")
    assert assistant.texts == ["Find a service"]


async def test_buttons_round_trip_as_payloads(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "buttons"), assistant)
    [sent] = fake_api.calls("sendMessage")
    rows = sent.params["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["Yes", "Choose Gloucester", "Website"]
    assert rows[2][0]["url"] == "https://example.org/help"

    await service.handle_update(fake_api.callback(CHAT, "/affirm"), assistant)
    pressed = fake_api.callback(CHAT, rows[1][0]["callback_data"], sent_id(fake_api))
    await service.handle_update(pressed, assistant)
    assert assistant.texts == ["buttons", "/affirm", '/inform{"place": "' + "Gloucester " * 8 + '"}']
    assert len(fake_api.calls("answerCallbackQuery")) == 2
    # The pressed keyboard is removed so an old choice cannot be pressed again.
    edit = fake_api.calls("editMessageReplyMarkup")[0]
    assert edit.params["message_id"] == sent_id(fake_api) and "reply_markup" not in edit.params
    keyboard_message = next(m for m in fake_api.messages_in(CHAT) if m["message_id"] == sent_id(fake_api))
    assert "reply_markup" not in keyboard_message


def sent_id(fake_api: FakeBotApi) -> int:
    """Message id of the first message the bot sent (the one with the keyboard)."""
    return next(m["message_id"] for m in fake_api.messages_in(CHAT) if m["from"]["is_bot"])


async def test_unknown_button_tokens_get_a_clear_reply(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "buttons"), assistant)
    await service.handle_update(fake_api.callback(CHAT, "~0123456789abcdef"), assistant)
    assert assistant.texts == ["buttons"]
    assert fake_api.sent_texts(CHAT)[-1] == texts.BUTTON_EXPIRED
    assert len(fake_api.calls("answerCallbackQuery")) == 1


async def test_long_replies_are_split_and_buttons_go_last(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "long"), assistant)
    sent = fake_api.calls("sendMessage")
    assert len(sent) >= 2  # the fake refuses anything over 4096 characters
    assert all("reply_markup" not in c.params for c in sent[:-1])
    assert "reply_markup" in sent[-1].params
    assert sum(c.params["_visible"].count("Support is available.") for c in sent) == 40 * 12


async def test_forget_deletes_tracker_and_messages_of_this_chat_only(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "/start"), assistant)
    await service.handle_update(fake_api.user_text(CHAT, "I am worried about my neighbour"), assistant)
    await service.handle_update(fake_api.user_text(OTHER_CHAT, "hello"), assistant)
    assert len(fake_api.messages_in(CHAT)) == 5
    await service.handle_update(fake_api.user_text(CHAT, "/forget"), assistant, assistant.forget)
    assert assistant.forgotten == [sender()]
    remaining = fake_api.messages_in(CHAT)
    assert [m["text"] for m in remaining] == [texts.FORGOTTEN]  # even the /forget message is gone
    assert len(fake_api.calls("deleteMessage")) == 6
    assert len(fake_api.messages_in(OTHER_CHAT)) == 2
    # A second /forget removes the confirmation too.
    await service.handle_update(fake_api.user_text(CHAT, "/forget"), assistant, assistant.forget)
    assert [m["text"] for m in fake_api.messages_in(CHAT)] == [texts.FORGOTTEN]


async def test_assistant_failure_becomes_an_apology(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    await service.handle_update(fake_api.user_text(CHAT, "boom"), assistant)
    assert fake_api.sent_texts(CHAT) == [with_contacts(texts.FAILED, DEFAULT_DIRECTORY_PATH)]


async def test_repeated_and_malformed_updates_are_dropped(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    update = fake_api.user_text(CHAT, "once")
    await service.handle_update(update, assistant)
    await service.handle_update(update, assistant)  # Telegram retrying a delivery
    await service.handle_update({"update_id": 5, "message": {"text": "no chat"}}, assistant)
    await service.handle_update({"update_id": 6, "my_chat_member": {}}, assistant)
    assert assistant.texts == ["once"]


async def test_logs_hold_no_ids_names_or_text(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for text in ("/start", "my secret words", "buttons"):
        await service.handle_update(fake_api.user_text(CHAT, text, username="hidden_user"), assistant)
    await service.handle_update(fake_api.callback(CHAT, "/affirm"), assistant)
    await service.handle_update(fake_api.user_message(CHAT, sticker={"file_id": "s"}), assistant)
    await service.handle_update(fake_api.user_text(CHAT, "/forget"), assistant, assistant.forget)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Telegram command /start" in logged  # the channel does log events
    for private in (str(CHAT), "hidden_user", "Alex", "my secret words", sender()):
        assert private not in logged


async def test_polling_processes_updates_and_stops_cleanly(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    service.start_polling(assistant, assistant.forget)
    # An update the channel cannot read must not block the ones after it.
    fake_api.push_update({"update_id": 1, "message": {"message_id": 1, "text": "no chat, no date"}})
    fake_api.push_update(fake_api.user_text(CHAT, "first"))
    fake_api.push_update(fake_api.user_text(OTHER_CHAT, "second"))
    await fake_api.until("sendMessage", count=2)
    assert sorted(assistant.texts) == ["first", "second"]
    # The next getUpdates confirms both (offset past them), so they are not delivered again.
    fake_api.push_update(fake_api.user_text(CHAT, "/forget"))
    await fake_api.until("sendMessage", count=3)
    assert fake_api.pending_updates() <= 1
    polls = fake_api.calls("getUpdates")
    assert polls[0].params["timeout"] == 25 and "callback_query" in polls[0].params["allowed_updates"]
    assert any(p.params.get("offset") for p in polls[1:])
    assert assistant.forgotten == [sender()]
    await service.stop_polling()
    assert not service.polling


async def test_polling_while_a_webhook_is_set_warns_and_keeps_running(
    service: TelegramService, fake_api: FakeBotApi, assistant: ToyAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    await service.start()
    await service.bot.set_webhook("https://example.org/webhooks/telegram_ptb/webhook")
    service.start_polling(assistant)
    await fake_api.until("getUpdates")
    for _ in range(200):  # the warning follows the 409 answer
        if any("delete-webhook" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.05)
    assert service.polling
    await service.stop_polling()
    assert any("delete-webhook" in r.getMessage() for r in caplog.records)


async def test_flooding_is_limited_but_forget_always_works(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    service = TelegramService(replace(config, rate_per_minute=3))
    try:
        for i in range(6):
            await service.handle_update(fake_api.user_text(CHAT, f"message {i}"), assistant)
        await service.handle_update(fake_api.user_text(OTHER_CHAT, "someone else"), assistant)
        assert assistant.texts == ["message 0", "message 1", "message 2", "someone else"]
        assert fake_api.sent_texts(CHAT).count(with_contacts(texts.RATE_LIMITED, DEFAULT_DIRECTORY_PATH)) == 1
        await service.handle_update(fake_api.user_text(CHAT, "/forget"), assistant, assistant.forget)
        assert assistant.forgotten == [sender()]
        assert [m["text"] for m in fake_api.messages_in(CHAT)] == [texts.FORGOTTEN]
    finally:
        await service.stop()


async def test_a_rate_of_zero_switches_the_limit_off(
    config: TelegramConfig, fake_api: FakeBotApi, assistant: ToyAssistant
) -> None:
    service = TelegramService(replace(config, rate_per_minute=0))
    try:
        for i in range(3):
            await service.handle_update(fake_api.user_text(CHAT, f"message {i}"), assistant)
        assert assistant.texts == ["message 0", "message 1", "message 2"]  # a limit of 1 would pass one
    finally:
        await service.stop()


async def test_buttons_without_text_still_arrive(
    service: TelegramService, fake_api: FakeBotApi
) -> None:
    async def buttons_only(message: Any) -> None:
        await message.output_channel.send_text_with_buttons(
            message.sender_id, "", [{"title": "Yes", "payload": "/affirm"}]
        )
        await message.output_channel.send_text_message(message.sender_id, "   ")  # nothing to send

    await service.handle_update(fake_api.user_text(CHAT, "hi"), buttons_only)
    [sent] = fake_api.calls("sendMessage")
    assert sent.params["_visible"] == texts.CHOOSE and sent.params["reply_markup"]["inline_keyboard"]
