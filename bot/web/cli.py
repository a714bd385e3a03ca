"""``python -m bot web``: run the public web app alone."""

from __future__ import annotations

from bot.logging_setup import configure_logging
from bot.settings import Settings


def main(argv: list[str]) -> int:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    from bot.web.app import run

    run(settings)
    return 0
