"""Command line entry: ``python -m bot <command>``.

Commands: ``run`` (supervise Rasa, actions and web app), ``web`` (web app only),
``actions`` (action server only), ``rasa`` (the Rasa CLI, as the service runs it),
``model`` (train or find the model), ``users`` (reviewer accounts), ``telegram`` (webhook admin).
"""

from __future__ import annotations

import sys
from importlib import import_module

# command -> module whose main(argv) -> int implements it; imported lazily so that
# `python -m bot users` does not load TensorFlow.
COMMANDS: dict[str, str] = {
    "run": "bot.runner",
    "web": "bot.web.cli",
    "actions": "bot.actions_server",
    "rasa": "bot.rasa_server",
    "model": "bot.model_cache",
    "users": "bot.users_cli",
    "telegram": "bot.telegram_cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        print("usage: python -m bot {" + ",".join(COMMANDS) + "} [options]", file=sys.stderr)
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module = import_module(COMMANDS[argv[0]])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
