"""Private maintenance endpoints inside the Rasa server, for the web app only.

``POST /webhooks/private/forget`` deletes a conversation (quick exit, "start again");
``POST /webhooks/private/exists`` says whether one is held, ``/held`` how many of its messages
still carry their words (used by tests and operators); ``POST /webhooks/private/metrics`` gives the
in-process counters (crises by kind, no times; see ``bot.metrics``).
Both require the ``X-Internal-Token`` shared secret and live on the loopback-only Rasa server.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics
from bot.tracker_store import REMOVED, unwrap
from ssgp_settings import get_settings

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Internal-Token"  # noqa: S105 - a header name, not a secret
MAX_SENDER_LENGTH = 128


class PrivateMaintenanceInput(InputChannel):
    """Not a chat channel: exposes forget/exists for conversations held by the tracker store."""

    @classmethod
    def name(cls) -> str:
        return "private"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> PrivateMaintenanceInput:
        credentials = credentials or {}
        token = credentials.get("token") or get_settings().internal_token
        return cls(str(token))

    def __init__(self, token: str) -> None:
        self.token = token

    def _authorised(self, request: Request) -> bool:
        supplied = request.headers.get(TOKEN_HEADER, "")
        # An empty configured token disables these endpoints rather than leaving them open.
        return bool(self.token) and hmac.compare_digest(supplied.encode(), self.token.encode())

    @staticmethod
    def _sender(request: Request) -> str | None:
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - malformed JSON is a client error
            return None
        sender = body.get("sender") if isinstance(body, dict) else None
        if not isinstance(sender, str) or not sender or len(sender) > MAX_SENDER_LENGTH:
            return None
        return sender

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        bp = Blueprint("private_maintenance", __name__)

        async def _guarded(request: Request, op: str) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "forbidden"}, status=403)
            if op == "metrics":
                return response.json(metrics.snapshot())
            sender = self._sender(request)
            if sender is None:
                return response.json({"error": "expected JSON {\"sender\": \"...\"}"}, status=400)
            store = unwrap(request.app.ctx.agent.tracker_store)
            if op == "forget":
                delete = getattr(store, "delete", None)
                if delete is None:
                    return response.json({"error": "tracker store cannot forget"}, status=501)
                return response.json({"forgotten": bool(await delete(sender))})
            if op == "held":
                tracker = await store.retrieve_full_tracker(sender)
                # A count, never the words: whether a scrub happened can be checked from outside.
                held = 0 if tracker is None else sum(
                    1 for e in tracker.events
                    if isinstance(e, (UserUttered, BotUttered)) and e.text and e.text != REMOVED
                )
                return response.json({"messages_with_text": held})
            exists = await store.retrieve(sender) is not None
            return response.json({"exists": exists})

        @bp.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            return await _guarded(request, "forget")

        @bp.route("/exists", methods=["POST"])
        async def exists(request: Request) -> HTTPResponse:
            return await _guarded(request, "exists")

        @bp.route("/held", methods=["POST"])
        async def held(request: Request) -> HTTPResponse:
            return await _guarded(request, "held")

        @bp.route("/metrics", methods=["POST"])
        async def metrics_endpoint(request: Request) -> HTTPResponse:
            return await _guarded(request, "metrics")

        return bp
