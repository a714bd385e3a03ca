"""``python -m bot actions``: the Rasa SDK action server, bound to the private interface.

rasa-sdk's own runner listens on 0.0.0.0 and has no authentication, so we build its app and
run it on ACTION_HOST (loopback by default) ourselves.
"""

from __future__ import annotations

from bot.logging_setup import configure_logging
from bot.settings import Settings


def main(argv: list[str]) -> int:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    from rasa_sdk.endpoint import create_app

    from concerns.redaction import preload

    preload()  # load spaCy now, so the first concern is not slow

    app = create_app("actions", cors_origins=None)
    app.run(settings.action_host, settings.action_port, workers=1, access_log=False, motd=False)
    return 0
