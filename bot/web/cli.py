"""``python -m bot web``: run the public web app alone."""

from __future__ import annotations

from bot.logging_setup import configure_logging
from ssgp_settings import get_settings


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    from bot.web.app import run

    run(settings)
    return 0
