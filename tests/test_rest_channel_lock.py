"""Our REST channel when Rasa cannot take a conversation's lock: a 503 that says "send it again".

Rasa raises LockError before it touches the conversation, so the message was not handled and the
web app may give it to another worker (bot/web/rasa_pool.py). Seen in CI during a rolling restart:
a stopping worker's clean-up deleted the lock another worker was waiting on.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.lock_store import LockError

from bot.channels.rest import NOT_HANDLED_STATUS, SafeRestInput


class _Request:
    """The one attribute the webhook reads from Sanic's request."""

    def __init__(self, body: Any) -> None:
        self.json = body


def _webhook(on_new_message: Any) -> Any:
    blueprint = SafeRestInput().blueprint(on_new_message)
    return next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")


async def test_a_lock_not_taken_is_a_503_the_web_app_may_send_again() -> None:
    async def locked(_: UserMessage) -> None:
        raise LockError("Could not acquire lock for conversation_id 'abc'.")

    reply = await _webhook(locked)(_Request({"sender": "abc", "message": "hello"}))
    assert reply.status == NOT_HANDLED_STATUS == 503
    assert "send the message again" in json.loads(reply.body)["error"]


async def test_a_handled_message_still_gets_its_replies() -> None:
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "hello back")

    reply = await _webhook(answer)(_Request({"sender": "abc", "message": "hello"}))
    assert reply.status == 200
    assert json.loads(reply.body) == [{"recipient_id": "abc", "text": "hello back"}]
