"""Telegram channel configuration: light to import (no Rasa), shared by the channel and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ssgp_settings import DEFAULT_DIRECTORY_PATH

CHANNEL_NAME = "telegram_ptb"
MODES = ("webhook", "polling")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "channel_post", "edited_channel_post")


@dataclass(frozen=True)
class TelegramConfig:
    """What the channel needs; ``token`` empty means the channel is present but does nothing."""

    token: str = field(default="", repr=False)  # secrets never appear in a repr or log
    mode: str = "webhook"
    webhook_secret: str = field(default="", repr=False)
    api_base_url: str = DEFAULT_API_BASE_URL
    id_key: str = field(default="", repr=False)
    max_text_chars: int = 2000
    # Messages and button presses per conversation per minute (/forget is never limited).
    rate_per_minute: int = 30
    # Services directory records: contact placeholders in the channel's own texts are filled from them.
    directory_path: Path = DEFAULT_DIRECTORY_PATH
    # The conversation's expiry: the channel's per-chat language memory is forgotten after it too.
    conversation_ttl_seconds: int = 1800

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    def problems(self) -> list[str]:
        """Configuration mistakes that keep the channel switched off (empty list = fine)."""
        found = []
        if self.mode not in MODES:
            found.append(f"TELEGRAM_MODE must be one of {', '.join(MODES)}")
        if not self.api_base_url.lower().startswith(("https://", "http://")):
            found.append("TELEGRAM_API_BASE_URL must start with https:// (or http:// for a local server)")
        if self.mode == "webhook" and not valid_secret(self.webhook_secret):
            found.append(
                "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - in webhook mode"
            )
        return found


def valid_secret(secret: str) -> bool:
    """Telegram's rule for the webhook secret token."""
    return 0 < len(secret) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-") for c in secret)
