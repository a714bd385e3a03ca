"""``python -m bot actions``: the Rasa SDK action server, bound to the private interface.

rasa-sdk's own runner listens on 0.0.0.0 and has no authentication, so we build its app and
run it on ACTION_HOST (loopback by default) ourselves.
"""

from __future__ import annotations

import logging

from bot.logging_setup import configure_logging
from ssgp_settings import get_settings

logger = logging.getLogger(__name__)


def _migrate_now() -> None:
    """Bring the concern store to the latest schema before the first concern, so nothing about
    a submission (a migration's log lines or its delay) happens at the moment of sending."""
    from actions.concern import concern_service
    from concerns.errors import StoreUnavailable

    try:
        concern_service().prepare()
    except StoreUnavailable:
        # The assistant still answers; a concern will be refused plainly until the store is back.
        logger.warning("concern store unavailable at start-up; it will be retried when needed")


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    from rasa_sdk.endpoint import create_app

    from concerns.redaction import preload

    preload()  # load spaCy now, so the first concern is not slow
    _migrate_now()

    app = create_app("actions", cors_origins=None)
    app.run(settings.action_host, settings.action_port, workers=1, access_log=False, motd=False)
    return 0
