"""Logging for our processes: concise, and never the content of what people type."""

from __future__ import annotations

import logging


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(levelname)s %(name)s: %(message)s",
    )
    # Third-party loggers that may echo request data at INFO are kept at WARNING.
    for noisy in ("aiohttp.access", "sanic.access", "httpx", "telegram", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Lines written exactly when a concern is submitted would time the submission in the log:
    # rasa_sdk warns "Skipping validation" for form slots, Alembic reports each migration run.
    # The schema is migrated at start-up instead (bot/actions_server.py, the review store).
    for timed in ("rasa_sdk.forms", "alembic"):
        logging.getLogger(timed).setLevel(logging.ERROR)
