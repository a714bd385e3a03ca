"""The Telegram channel (``telegram_ptb``), built on python-telegram-bot 21.

Modules, each with one job:

* ``channel``  - the Rasa input channel ``TelegramInput`` (Sanic routes, start and stop);
* ``service``  - one update in, Bot API calls out (independent of Sanic);
* ``polling``  - the getUpdates long-polling loop (``LongPoller``), for ``TELEGRAM_MODE=polling``;
* ``config``   - ``TelegramConfig``; light to import (no Rasa), shared with ``python -m bot telegram``;
* ``conversation_state`` - what the channel keeps in memory per conversation (keyed ids, message ids
  for /forget, seen updates, per-chat locks), and how little;
* ``formatting`` - the reply markup dialect to Telegram HTML, buttons to inline keyboards;
* ``texts``    - the fixed messages the channel sends itself.

credentials.yml names the channel ``bot.channels.telegram.channel.TelegramInput``. This package stays
light to import (the CLI reads ``config`` without loading Rasa), so the older path
``bot.channels.telegram.TelegramInput`` is resolved lazily below for deployments that still name it.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "TelegramInput":
        from bot.channels.telegram.channel import TelegramInput

        return TelegramInput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
