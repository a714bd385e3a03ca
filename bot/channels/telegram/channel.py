"""Rasa input channel ``telegram_ptb``: Telegram through python-telegram-bot 21, privately.

Why not Rasa's built-in Telegram channel: it calls setWebhook at start-up, never checks
Telegram's secret header and uses the raw chat id as the conversation id. This one:

* ``POST /webhooks/telegram_ptb/webhook`` accepts updates only with the right
  ``X-Telegram-Bot-Api-Secret-Token`` (403 otherwise); in ``polling`` mode a background task
  long-polls getUpdates instead (``polling.LongPoller``, started and stopped with the Sanic server);
* never registers a webhook itself (``python -m bot telegram set-webhook`` does);
* is switched off, harmlessly, when no bot token is configured.

Credentials (``credentials.yml``), each falling back to the environment settings (``get_settings()``)::

    bot.channels.telegram.channel.TelegramInput:
      token: ${TELEGRAM_BOT_TOKEN}          # optional: TELEGRAM_BOT_TOKEN
      mode: webhook                         # or polling; TELEGRAM_MODE
      webhook_secret: ${TELEGRAM_WEBHOOK_SECRET}
      api_base_url: https://api.telegram.org/bot
      id_key: ${TELEGRAM_ID_KEY}
"""

from __future__ import annotations

import hmac
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.telegram.config import CHANNEL_NAME, TelegramConfig
from bot.channels.telegram.service import ForgetConversation, TelegramService
from bot.tracker_store import unwrap
from ssgp_settings import Settings, get_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
MAX_UPDATE_BYTES = 1_000_000  # real updates are a few kilobytes


def config_from(credentials: dict[str, Any] | None, settings: Settings) -> TelegramConfig:
    """Merge credentials.yml values over the environment settings (empty values fall through)."""
    credentials = credentials if isinstance(credentials, dict) else {}

    def pick(key: str, default: str) -> str:
        value = credentials.get(key)
        return default if value is None or not str(value).strip() else str(value).strip()

    return TelegramConfig(
        token=pick("token", settings.telegram_bot_token),
        mode=pick("mode", settings.telegram_mode).lower(),
        webhook_secret=pick("webhook_secret", settings.telegram_webhook_secret),
        api_base_url=pick("api_base_url", settings.telegram_api_base_url),
        id_key=pick("id_key", settings.telegram_id_key),
        max_text_chars=settings.chat_max_chars,
        rate_per_minute=settings.chat_rate_per_minute,
        directory_path=settings.directory_path,
        conversation_ttl_seconds=settings.conversation_ttl_seconds,
    )


def tracker_forgetter(app: Sanic) -> ForgetConversation:
    """Deletes a conversation from the tracker store of the agent Rasa loaded into ``app``."""

    async def forget(sender_id: str) -> bool:
        agent = getattr(app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return False
        delete = getattr(unwrap(agent.tracker_store), "delete", None)
        if delete is None:
            logger.warning("The tracker store cannot delete conversations; /forget kept the tracker")
            return False
        result = delete(sender_id)
        if inspect.isawaitable(result):
            result = await result
        return bool(result)

    return forget


class TelegramInput(InputChannel):
    """The ``telegram_ptb`` channel. Inert (webhook answers 404) without a valid configuration."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        return cls(config_from(credentials, get_settings()))

    def __init__(self, config: TelegramConfig) -> None:
        self.config = config
        self.service: TelegramService | None = None
        if not config.enabled:
            logger.info("Telegram channel off: no TELEGRAM_BOT_TOKEN")
            return
        problems = config.problems()
        if problems:
            for problem in problems:
                logger.error("Telegram channel off: %s", problem)
            return
        self.service = TelegramService(config)
        logger.info("Telegram channel on (%s mode)", config.mode)
        if not config.id_key:
            logger.info(
                "TELEGRAM_ID_KEY not set: conversation ids use a random key, so Telegram "
                "conversations do not survive a restart"
            )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(CHANNEL_NAME, __name__)
        service = self.service
        polling = service is not None and self.config.mode == "polling"

        @bp.listener("after_server_start")
        async def start(app: Sanic, _loop: Any) -> None:
            if service is None:
                return
            await service.start()
            if polling:
                service.start_polling(on_new_message, tracker_forgetter(app))

        @bp.listener("before_server_stop")
        async def stop(_app: Sanic, _loop: Any) -> None:
            if service is not None:
                await service.stop()

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if service is None or polling:
                return response.json({"error": "The Telegram webhook is not enabled."}, status=404)
            supplied = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(supplied.encode(), self.config.webhook_secret.encode()):
                return response.json({"error": "forbidden"}, status=403)
            if len(request.body or b"") > MAX_UPDATE_BYTES:
                return response.json({"error": "update too large"}, status=413)
            try:
                update = request.json
            except Exception:  # noqa: BLE001 - malformed JSON is the sender's error
                update = None
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                return response.json({"error": "expected a Telegram update as JSON"}, status=400)
            await service.handle_update(update, on_new_message, tracker_forgetter(request.app))
            # An empty 200: Telegram would treat a JSON body with "method" as a reply call.
            return response.empty(status=200)

        return bp
