"""End to end: the real trained assistant behind the ``telegram_ptb`` channel.

Each module-scoped fixture starts the whole service (``python -m bot run``, through the lead's
``start_service``) with the Telegram channel pointed at the fake Bot API, once in webhook mode and
once in polling mode. Answers are checked against what the same assistant says over the REST
channel, so the tests follow the content without copying it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import secrets
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fake_bot_api import TOKEN, FakeBotApi
from telegram_support import SECRET

from bot.channels.telegram import texts
from bot.channels.telegram.conversation_state import ConversationIds
from bot.channels.telegram.formatting import to_plain
from content.tokens import with_contacts
from ssgp_settings import DEFAULT_DIRECTORY_PATH

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ID_KEY = "e2e-" + secrets.token_hex(8)
CHAT = 5550001234
CHAT_IDS = re.compile(r"55500012\d\d")  # every chat id used below
USERNAME = "very_private_username"
FIRST_NAME = "Quillon"  # distinctive, so a leak into the logs cannot be a coincidence


def _lead_conftest() -> ModuleType:
    """tests/conftest.py by path: every test directory has a conftest, so never ``import conftest``."""
    name = "ssgp_tests_root_conftest"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def _post(url: str, body: Any, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


class TelegramRun:
    """A running service with the Telegram channel, plus helpers to talk to it."""

    def __init__(self, service: Any, fake: FakeBotApi) -> None:
        self.service = service
        self.fake = fake
        self.webhook_url = f"{service.rasa_url}/webhooks/telegram_ptb/webhook"

    def deliver(self, update: dict[str, Any]) -> int:
        status, _ = _post(self.webhook_url, update, {"X-Telegram-Bot-Api-Secret-Token": SECRET})
        return status

    def rest_answer(self, text: str) -> str:
        """What the assistant answers over the REST channel (a fresh conversation), as one text.

        Rasa's collecting channel splits paragraphs into separate messages while Telegram sends a
        reply whole, so answers are compared as joined, whitespace-normalised text.
        """
        status, body = _post(
            f"{self.service.rasa_url}/webhooks/rest/webhook",
            {"sender": "rest-" + secrets.token_hex(8), "message": text},
        )
        assert status == 200
        return _normalise(" ".join(to_plain(m["text"]) for m in json.loads(body) if m.get("text")))

    def exists(self, sender_id: str) -> bool:
        status, body = _post(
            f"{self.service.rasa_url}/webhooks/private/exists", {"sender": sender_id},
            {"X-Internal-Token": self.service.internal_token},
        )
        assert status == 200, body
        return bool(json.loads(body)["exists"])


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _start(tmp: Path, fake: FakeBotApi, mode: str) -> Any:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_MODE": mode,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_ID_KEY": ID_KEY,
        "LOG_LEVEL": "INFO",
    }
    return _lead_conftest().start_service(tmp, extra_env=env)


@pytest.fixture(scope="module")
def webhook_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TelegramRun]:
    with FakeBotApi() as fake:
        service = _start(tmp_path_factory.mktemp("telegram-webhook"), fake, "webhook")
        try:
            yield TelegramRun(service, fake)
        finally:
            service.stop()


def user(run: TelegramRun, text: str, chat: int = CHAT) -> dict[str, Any]:
    return run.fake.user_text(chat, text, username=USERNAME, first_name=FIRST_NAME)


def replies_after(run: TelegramRun, before: int, chat: int = CHAT) -> str:
    """Everything the bot sent to ``chat`` since ``before`` messages, as one normalised text."""
    return _normalise(" ".join(run.fake.sent_texts(chat)[before:]))


def test_ask_for_angela_question_gets_the_assistants_answer(webhook_run: TelegramRun) -> None:
    question = "what is Ask for Angela?"
    before = len(webhook_run.fake.sent_texts(CHAT))
    assert webhook_run.deliver(user(webhook_run, question)) == 200
    replies = replies_after(webhook_run, before)
    assert replies == webhook_run.rest_answer(question)
    assert "Angela" in replies and "participating" in replies
    # Sent as escaped HTML with the assistant's bold converted.
    last = webhook_run.fake.calls("sendMessage")[-1].params
    assert last["parse_mode"] == "HTML" and "<b>" in last["text"] and "**" not in last["text"]
    assert webhook_run.fake.calls("sendChatAction")[-1].params["action"] == "typing"


def test_crisis_message_gets_999_guidance(webhook_run: TelegramRun) -> None:
    chat = CHAT + 1
    before = len(webhook_run.fake.sent_texts(chat))
    assert webhook_run.deliver(user(webhook_run, "he says he is going to kill me tonight", chat)) == 200
    replies = webhook_run.fake.sent_texts(chat)[before:]
    assert replies and "999" in replies[0]
    assert "55" in " ".join(replies)


def test_start_warns_then_greets_and_a_button_press_round_trips(webhook_run: TelegramRun) -> None:
    chat = CHAT + 2
    assert webhook_run.deliver(user(webhook_run, "/start", chat)) == 200
    sent = webhook_run.fake.calls("sendMessage")
    mine = [c for c in sent if c.params["chat_id"] == chat]
    assert "This chat is not anonymous." in mine[0].params["_visible"]
    greeting = mine[-1].params
    keyboard = greeting["reply_markup"]["inline_keyboard"]
    titles = [row[0]["text"] for row in keyboard]
    assert "Ask for Angela" in titles
    angela = next(row[0] for row in keyboard if row[0]["text"] == "Ask for Angela")

    before = len(webhook_run.fake.sent_texts(chat))
    assert webhook_run.deliver(webhook_run.fake.callback(chat, angela["callback_data"])) == 200
    assert webhook_run.fake.calls("answerCallbackQuery")
    replies = replies_after(webhook_run, before, chat)
    assert replies and replies == webhook_run.rest_answer(angela["callback_data"])
    # The pressed keyboard was removed from the greeting.
    edit = webhook_run.fake.calls("editMessageReplyMarkup")[-1].params
    assert edit["chat_id"] == chat and "reply_markup" not in edit


def test_forget_deletes_the_tracker_and_the_messages(webhook_run: TelegramRun) -> None:
    chat = CHAT + 3
    sender = ConversationIds(ID_KEY).sender_id(chat)
    assert webhook_run.deliver(user(webhook_run, "hello", chat)) == 200
    assert webhook_run.deliver(user(webhook_run, "what is cuckooing?", chat)) == 200
    assert webhook_run.exists(sender)
    assert len(webhook_run.fake.messages_in(chat)) >= 4
    assert webhook_run.deliver(user(webhook_run, "/forget", chat)) == 200
    assert not webhook_run.exists(sender)
    assert [m["text"] for m in webhook_run.fake.messages_in(chat)] == [texts.FORGOTTEN]


def test_webhook_without_the_secret_is_forbidden(webhook_run: TelegramRun) -> None:
    calls = len(webhook_run.fake.calls())
    status, body = _post(webhook_run.webhook_url, user(webhook_run, "hello"))
    assert status == 403 and b"forbidden" in body
    status, _ = _post(webhook_run.webhook_url, user(webhook_run, "hello"),
                      {"X-Telegram-Bot-Api-Secret-Token": "guess"})
    assert status == 403
    assert len(webhook_run.fake.calls()) == calls


def test_group_and_media_messages_are_answered_by_the_channel(webhook_run: TelegramRun) -> None:
    assert webhook_run.deliver(webhook_run.fake.group_text(-1001234, "hello bot", "supergroup")) == 200
    assert webhook_run.fake.sent_texts(-1001234) == [with_contacts(texts.PRIVATE_ONLY, DEFAULT_DIRECTORY_PATH)]
    chat = CHAT + 4
    update = webhook_run.fake.user_message(chat, voice={"file_id": "v", "file_unique_id": "u", "duration": 2})
    assert webhook_run.deliver(update) == 200
    assert webhook_run.fake.sent_texts(chat) == [with_contacts(texts.NOT_TEXT, DEFAULT_DIRECTORY_PATH)]


def test_logs_hold_no_chat_id_names_token_or_text(webhook_run: TelegramRun) -> None:
    # Runs after the conversations above (module order); the log is the Rasa process output.
    secret_words = "my neighbour's flat has strangers coming at night"
    assert webhook_run.deliver(user(webhook_run, secret_words, CHAT + 5)) == 200
    log = webhook_run.service.log_text()
    assert "Telegram channel on (webhook mode)" in log
    assert not CHAT_IDS.search(log)
    for private in (USERNAME, FIRST_NAME, TOKEN, SECRET, ID_KEY, secret_words, "what is Ask for Angela?"):
        assert private not in log, private


@pytest.fixture(scope="module")
def polling_run(tmp_path_factory: pytest.TempPathFactory, webhook_run: TelegramRun) -> Iterator[TelegramRun]:
    # Depends on webhook_run only so the two services never run at the same time (2 CPU cores).
    webhook_run.service.stop()
    with FakeBotApi() as fake:
        service = _start(tmp_path_factory.mktemp("telegram-polling"), fake, "polling")
        try:
            yield TelegramRun(service, fake)
        finally:
            service.stop()


def test_polling_mode_answers_from_get_updates(polling_run: TelegramRun) -> None:
    fake = polling_run.fake
    expected = polling_run.rest_answer("what is Ask for Angela?")
    fake.push_update(user(polling_run, "what is Ask for Angela?"))
    # Replies arrive asynchronously; wait for as many messages as it takes to make the answer.
    count = 1
    while True:
        fake.wait_for("sendMessage", count=count, chat_id=CHAT)
        got = _normalise(" ".join(fake.sent_texts(CHAT)))
        if len(got) >= len(expected):
            break
        count += 1
    assert got == expected
    # The webhook route is off in polling mode.
    assert polling_run.deliver(user(polling_run, "hello")) == 404
    polls = fake.calls("getUpdates")
    assert polls and polls[0].params["timeout"] > 0


def test_polling_stops_cleanly_with_the_server(polling_run: TelegramRun) -> None:
    polling_run.service.stop()
    log = polling_run.service.log_text()
    assert "Telegram long polling started" in log and "Telegram long polling stopped" in log
    assert "Telegram update failed" not in log and "getUpdates failed" not in log
    assert not CHAT_IDS.search(log)
    for private in (USERNAME, FIRST_NAME, TOKEN):
        assert private not in log
