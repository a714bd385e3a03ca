"""A small stand-in for Rasa's REST and private channels, for tests of the web layer.

The web layer (bot/web/chat.py and the widget) is what is under test; this stub lets those tests
control Rasa's replies and see exactly what was forwarded. Tests marked e2e use the real
trained assistant instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "test-internal-token-0123456789"


@dataclass
class StubRasa:
    """Replies from ``replies`` (by message text, else ``default``) and records every call."""

    replies: dict[str, Any] = field(default_factory=dict)
    default: Any = field(default_factory=lambda: [{"recipient_id": "x", "text": "Stub reply."}])
    status: int = 200
    fail_next: int = 0  # answer this many chat calls with HTTP 500 first
    chats: list[dict[str, Any]] = field(default_factory=list)
    forgets: list[dict[str, Any]] = field(default_factory=list)
    forget_tokens: list[str] = field(default_factory=list)
    held: set[str] = field(default_factory=set)

    async def rest(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.chats.append(body)
        if self.fail_next > 0:
            self.fail_next -= 1
            return web.json_response({"error": "boom"}, status=500)
        self.held.add(body["sender"])
        reply = self.replies.get(body["message"], self.default)
        return web.Response(status=self.status, text=json.dumps(reply), content_type="application/json")

    async def forget(self, request: web.Request) -> web.Response:
        token = request.headers.get("X-Internal-Token", "")
        self.forget_tokens.append(token)
        if token != TOKEN:
            return web.json_response({"error": "forbidden"}, status=403)
        body = await request.json()
        self.forgets.append(body)
        existed = body["sender"] in self.held
        self.held.discard(body["sender"])
        return web.json_response({"forgotten": existed})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.rest)
        app.router.add_post("/webhooks/private/forget", self.forget)
        return app
