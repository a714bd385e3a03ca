"""The web app with two Rasa workers: spreading, retrying on another worker, readiness, Telegram.

The workers here are small stand-ins on loopback that record what they receive (the real workers
are exercised in test_faults.py); what is tested is the web app's forwarding.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web

from bot.web.app import create_app
from ssgp_settings import Settings
from tests.scale.conftest import free_port_run

CID = "conv_0123456789abcdefABCDEF-xyz"
TOKEN = "internal-token-for-tests"


class Worker:
    def __init__(self, name: str, status: int = 200) -> None:
        self.name, self.status, self.received = name, status, []

    def app(self) -> web.Application:
        app = web.Application()

        async def rest(request: web.Request) -> web.Response:
            body = await request.json()
            self.received.append(("rest", body))
            if self.status != 200:
                return web.Response(status=self.status, text="boom")
            return web.json_response([{"recipient_id": body["sender"], "text": f"hi from {self.name}"}])

        async def forget(request: web.Request) -> web.Response:
            self.received.append(("forget", await request.json(), request.headers.get("X-Internal-Token")))
            return web.json_response({"forgotten": True})

        async def telegram(request: web.Request) -> web.Response:
            self.received.append(("telegram", await request.json(),
                                  request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
            return web.Response(status=200)

        async def root(_: web.Request) -> web.Response:
            return web.Response(text="Hello from Rasa")

        app.router.add_post("/webhooks/rest/webhook", rest)
        app.router.add_post("/webhooks/private/forget", forget)
        app.router.add_post("/webhooks/telegram_ptb/webhook", telegram)
        app.router.add_get("/", root)
        return app


def settings(base: int) -> Settings:
    return Settings(rasa_port=base, rasa_workers=2, internal_token=TOKEN, chat_rate_per_minute=1000)


async def _chat(client: Any, message: str = "hello") -> tuple[int, dict]:
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": message})
    return response.status, await response.json()


async def test_a_worker_that_is_down_is_skipped(aiohttp_server, aiohttp_client) -> None:
    base = free_port_run(2)
    second = Worker("two")
    await aiohttp_server(second.app(), port=base + 1)  # worker 1 (base) is not running
    client = await aiohttp_client(create_app(settings(base)))
    for _ in range(3):
        status, body = await _chat(client)
        assert status == 200 and body["messages"][0]["text"] == "hi from two"
    response = await client.post("/api/forget", json={"conversation_id": CID})
    assert response.status == 204
    assert ("forget", {"sender": CID}, TOKEN) in second.received
    ready = await client.get("/readyz")
    assert ready.status == 200
    assert await ready.json() == {"status": "degraded", "workers_up": 1, "workers": 2}


async def test_messages_spread_over_both_workers(aiohttp_server, aiohttp_client) -> None:
    base = free_port_run(2)
    one, two = Worker("one"), Worker("two")
    await aiohttp_server(one.app(), port=base)
    await aiohttp_server(two.app(), port=base + 1)
    client = await aiohttp_client(create_app(settings(base)))
    results = await asyncio.gather(*(client.post("/api/chat", json={
        "conversation_id": f"conversation-number-{i:04d}", "message": "hi"}) for i in range(20)))
    assert all(r.status == 200 for r in results)
    assert one.received and two.received
    assert len(one.received) + len(two.received) == 20
    assert (await (await client.get("/readyz")).json())["status"] == "ready"


async def test_a_message_a_worker_did_not_handle_goes_to_another(aiohttp_server, aiohttp_client) -> None:
    """503 from our REST channel: Rasa could not take the conversation's lock and handled nothing."""
    base = free_port_run(2)
    busy, healthy = Worker("one", status=503), Worker("two")
    await aiohttp_server(busy.app(), port=base)
    await aiohttp_server(healthy.app(), port=base + 1)
    client = await aiohttp_client(create_app(settings(base)))
    for number in range(6):
        response = await client.post("/api/chat", json={"conversation_id": f"conversation-{number:04d}",
                                                        "message": "hi"})
        assert response.status == 200
        assert (await response.json())["messages"][0]["text"] == "hi from two"
    assert busy.received  # some conversations were tried on the busy worker first
    assert len(healthy.received) == 6  # and each was handled once


@pytest.mark.parametrize(("worker_status", "tries"), [
    (500, 1),  # an HTTP error: the worker may have handled it, so it is never sent again
    (503, 6),  # "not handled" (rest.py): three rounds over both workers, then give up
])
async def test_workers_that_fail_give_503_with_999(aiohttp_server, aiohttp_client, worker_status: int,
                                                   tries: int) -> None:
    base = free_port_run(2)
    one, two = Worker("one", status=worker_status), Worker("two", status=worker_status)
    await aiohttp_server(one.app(), port=base)
    await aiohttp_server(two.app(), port=base + 1)
    client = await aiohttp_client(create_app(settings(base)))
    status, body = await _chat(client)
    assert status == 503 and "999" in body["error"]
    assert len(one.received) + len(two.received) == tries


async def test_no_worker_up_gives_503_with_999_and_readyz_503(aiohttp_client) -> None:
    base = free_port_run(2)
    client = await aiohttp_client(create_app(settings(base)))
    status, body = await _chat(client)
    assert status == 503 and "999" in body["error"]
    ready = await client.get("/readyz")
    assert ready.status == 503 and (await ready.json())["workers_up"] == 0


async def test_telegram_webhook_is_forwarded_with_its_secret(aiohttp_server, aiohttp_client) -> None:
    base = free_port_run(2)
    second = Worker("two")
    await aiohttp_server(second.app(), port=base + 1)
    client = await aiohttp_client(create_app(settings(base)))
    update = {"update_id": 7, "message": {"chat": {"id": 42}, "text": "hi"}}
    response = await client.post("/webhooks/telegram_ptb/webhook", json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
    assert response.status == 200
    assert second.received == [("telegram", update, "s3cret")]
    bad = await client.post("/webhooks/telegram_ptb/webhook", data=b"not json",
                            headers={"Content-Type": "application/json"})
    assert bad.status == 400
