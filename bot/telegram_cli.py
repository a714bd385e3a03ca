"""``python -m bot telegram``: register or remove the Telegram webhook (never done at start-up).

    python -m bot telegram set-webhook --url https://example.org/webhooks/telegram_ptb/webhook
    python -m bot telegram delete-webhook
    python -m bot telegram webhook-info

Uses TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and TELEGRAM_API_BASE_URL (see ssgp_settings.py).
The token and secret are never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import TelegramError

from bot.channels.telegram.config import ALLOWED_UPDATES, valid_secret
from ssgp_settings import Settings, get_settings

WEBHOOK_PATH = "/webhooks/telegram_ptb/webhook"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot telegram", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    set_hook = sub.add_parser("set-webhook", help="tell Telegram where to send updates")
    set_hook.add_argument("--url", required=True, help=f"public https URL ending in {WEBHOOK_PATH}")
    set_hook.add_argument("--max-connections", type=int, default=10, help="1-100 (default 10)")
    set_hook.add_argument("--drop-pending-updates", action="store_true")
    delete_hook = sub.add_parser("delete-webhook", help="stop webhook delivery (needed for polling)")
    delete_hook.add_argument("--drop-pending-updates", action="store_true")
    sub.add_parser("webhook-info", help="show the webhook Telegram has registered")
    return parser


def _problem(settings: Settings, args: argparse.Namespace) -> str | None:
    if not settings.telegram_bot_token:
        return "TELEGRAM_BOT_TOKEN is not set."
    if not settings.telegram_api_base_url.lower().startswith(("https://", "http://")):
        return "TELEGRAM_API_BASE_URL must start with https://"
    if args.command == "set-webhook":
        if not valid_secret(settings.telegram_webhook_secret):
            return (
                "TELEGRAM_WEBHOOK_SECRET must be set (1-256 characters of A-Z, a-z, 0-9, _ and -); "
                "the channel refuses webhook calls without it."
            )
        url = urlsplit(args.url)
        if url.scheme != "https" or not url.hostname:
            return "--url must be a public https:// URL (Telegram only delivers to https)."
        if not 1 <= args.max_connections <= 100:
            return "--max-connections must be between 1 and 100."
    return None


async def _run(settings: Settings, args: argparse.Namespace) -> str:
    bot = Bot(settings.telegram_bot_token, base_url=settings.telegram_api_base_url)
    async with bot:  # initialize() checks the token with getMe
        if args.command == "set-webhook":
            await bot.set_webhook(
                url=args.url,
                secret_token=settings.telegram_webhook_secret,
                allowed_updates=list(ALLOWED_UPDATES),
                max_connections=args.max_connections,
                drop_pending_updates=args.drop_pending_updates,
            )
            note = "" if urlsplit(args.url).path.endswith(WEBHOOK_PATH) else (
                f"\nNote: the channel listens on {WEBHOOK_PATH}; check that your proxy maps this URL there."
            )
            return f"Webhook set for @{bot.username}: {args.url}{note}"
        if args.command == "delete-webhook":
            await bot.delete_webhook(drop_pending_updates=args.drop_pending_updates)
            return f"Webhook deleted for @{bot.username}."
        info = await bot.get_webhook_info()
        lines = [f"Bot: @{bot.username}", f"Webhook URL: {info.url or '(none: polling possible)'}",
                 f"Pending updates: {info.pending_update_count}"]
        if info.last_error_message:
            lines.append(f"Last delivery error: {info.last_error_message}")
        return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    # httpx would log each request URL, and Bot API URLs contain the token.
    for name in ("httpx", "httpcore", "telegram"):
        logging.getLogger(name).setLevel(logging.WARNING)
    settings = get_settings()
    problem = _problem(settings, args)
    if problem:
        print(f"Error: {problem}")
        return 2
    try:
        print(asyncio.run(_run(settings, args)))
    except TelegramError as exc:
        # PTB's InvalidToken message repeats the token; describe the failure without it.
        message = str(exc).replace(settings.telegram_bot_token, "<token>")
        print(f"Error: Telegram refused the request ({type(exc).__name__}: {message})")
        return 1
    return 0
