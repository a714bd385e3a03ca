"""``python -m bot telegram``: webhook registration against the fake Bot API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_bot_api import TOKEN, FakeBotApi
from telegram_support import SECRET

from bot.telegram_cli import main

ROOT = Path(__file__).resolve().parents[2]
HOOK = "https://bot.example.org/webhooks/telegram_ptb/webhook"
NO_SECRET = "TELEGRAM_WEBHOOK_SECRET must be set"


@pytest.fixture
def env(fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> FakeBotApi:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake_api.base_url)
    return fake_api


def test_set_webhook_registers_url_secret_and_update_kinds(
    env: FakeBotApi, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["set-webhook", "--url", HOOK]) == 0
    hook = env.webhook
    assert hook["url"] == HOOK and hook["secret_token"] == SECRET
    assert set(hook["allowed_updates"]) == {
        "message", "edited_message", "callback_query", "channel_post", "edited_channel_post"
    }
    out = capsys.readouterr().out
    assert "Webhook set for @ssgp_test_bot" in out
    assert TOKEN not in out and SECRET not in out


def test_webhook_info_and_delete(env: FakeBotApi, capsys: pytest.CaptureFixture[str]) -> None:
    main(["set-webhook", "--url", HOOK])
    assert main(["webhook-info"]) == 0
    assert f"Webhook URL: {HOOK}" in capsys.readouterr().out
    assert main(["delete-webhook", "--drop-pending-updates"]) == 0
    assert env.webhook == {}
    assert env.calls("deleteWebhook")[0].params["drop_pending_updates"] is True
    main(["webhook-info"])
    assert "(none: polling possible)" in capsys.readouterr().out


def test_a_path_other_than_the_channel_route_gets_a_note(
    env: FakeBotApi, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["set-webhook", "--url", "https://bot.example.org/tg"]) == 0
    assert "/webhooks/telegram_ptb/webhook" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "unset", "secret", "message"),
    [
        (["set-webhook", "--url", HOOK], "TELEGRAM_BOT_TOKEN", None, "TELEGRAM_BOT_TOKEN is not set"),
        (["set-webhook", "--url", HOOK], "TELEGRAM_WEBHOOK_SECRET", None, NO_SECRET),
        (["set-webhook", "--url", HOOK], None, "has spaces!", NO_SECRET),
        (["set-webhook", "--url", "http://bot.example.org/x"], None, None, "https://"),
        (["set-webhook", "--url", "not a url"], None, None, "https://"),
        (["set-webhook", "--url", HOOK, "--max-connections", "0"], None, None, "between 1 and 100"),
    ],
    ids=["no-token", "no-secret", "bad-secret", "http", "garbage", "connections"],
)
def test_bad_configuration_is_refused_before_calling_telegram(
    env: FakeBotApi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    args: list[str], unset: str | None, secret: str | None, message: str,
) -> None:
    if unset:
        monkeypatch.delenv(unset)
    if secret:
        monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", secret)
    assert main(args) == 2
    assert message in capsys.readouterr().out
    assert env.calls() == []


def test_a_rejected_token_is_reported_without_echoing_it(
    env: FakeBotApi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "999:not-the-right-token")
    assert main(["delete-webhook"]) == 1
    out = capsys.readouterr().out
    assert "Telegram refused the request" in out and "not-the-right-token" not in out


def test_wired_as_python_dash_m_bot_telegram(env: FakeBotApi) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram", "set-webhook", "--url", HOOK],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert env.webhook["url"] == HOOK
    assert TOKEN not in result.stdout + result.stderr
