"""The REST channel with input checks: a malformed request gets a 400 with a message, never a 500.

Same URL and reply format as Rasa's built-in ``rest`` channel (/webhooks/rest/webhook). Client
metadata is dropped: nothing about the sender travels into the tracker. A message whose
conversation lock could not be taken gets a 503: Rasa handled none of it, so the web app may send
it to another worker (bot/web/rasa_pool.py).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import LockError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.rasa_pool import NOT_HANDLED_STATUS
from content import load_prompts

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128
LANGUAGE_KEYS = frozenset({"lang", "dir", "language"})


class LanguageCollectingOutputChannel(CollectingOutputChannel):
    """Rasa's collector, with the reply generator's language marker folded into its message.

    bot/nlg.py attaches ``custom: {"lang", "dir", "language"}`` to every response; Rasa sends that as
    a separate message after the text. Here it becomes ``lang``/``dir``/``language`` fields of the
    message it belongs to, so REST clients (the web app) get one message per text (issue 12).
    """

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if isinstance(json_message, dict) and json_message and set(json_message) <= LANGUAGE_KEYS:
            if self.messages and self.messages[-1].get("recipient_id") == recipient_id:
                self.messages[-1].update({k: str(v) for k, v in json_message.items()})
            return  # a marker with no message before it carries nothing to show
        await super().send_custom_json(recipient_id, json_message, **kwargs)
MAX_MESSAGE_CHARS = 10_000


def _bad_request(message: str) -> HTTPResponse:
    return response.json({"error": message}, status=400)


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        bp = Blueprint("safe_rest_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - any parse failure is the client's
                return _bad_request("The request body must be JSON: {\"sender\": \"...\", \"message\": \"...\"}.")
            if not isinstance(body, dict):
                return _bad_request("The request body must be a JSON object with sender and message.")
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
                return _bad_request(f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} characters.")
            if not isinstance(text, str):
                return _bad_request("'message' must be a string.")
            if len(text) > MAX_MESSAGE_CHARS:
                return response.json(
                    {"error": f"'message' is longer than {MAX_MESSAGE_CHARS} characters."}, status=413
                )
            if not text.strip():
                return response.json([{"recipient_id": sender, "text": load_prompts()["empty_message"]["text"]}])
            collector = LanguageCollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text.replace("\x00", ""), collector, sender, input_channel=self.name())
                )
            except LockError:
                # Seen in a rolling restart: a stopping worker's clean-up deleted the lock while this
                # worker waited on it (Rasa's ticket lock is read-modify-write, not atomic).
                logger.info("rest: conversation lock not taken; the message was not handled")
                return response.json({"error": "The conversation is busy; send the message again."},
                                     status=NOT_HANDLED_STATUS)
            return response.json(collector.messages)

        return bp
