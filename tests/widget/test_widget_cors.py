"""CORS for allow-listed partner origins (issue 14, bot/web/cors.py), header by header.

The browser test in test_widget_embedding.py shows a partner page chatting; these check the
details a browser relies on and a security reviewer asks about: the exact origin echoed, never a
wildcard or credentials, ``Vary: Origin`` on every widget response, a refused preflight, and no
CORS at all outside the widget's own paths.
"""

from __future__ import annotations

import json

import pytest
from stub_rasa import StubRasa
from test_widget_api import CID, settings_for

from bot.web.app import create_app

PARTNER = "https://www.partner.example.gov.uk"
STRANGER = "https://evil.example.com"


@pytest.fixture
async def client(aiohttp_client, aiohttp_server):
    rasa = StubRasa()
    server = await aiohttp_server(rasa.app())
    settings = settings_for(server.port, widget_allowed_origins=(PARTNER,))
    return await aiohttp_client(create_app(settings))


def _chat_body() -> str:
    return json.dumps({"conversation_id": CID, "message": "hello"})


async def test_an_allowed_origin_is_echoed_exactly_without_credentials(client):
    response = await client.post("/api/chat", data=_chat_body(),
                                 headers={"Origin": PARTNER, "Content-Type": "application/json"})
    assert response.status == 200, await response.text()
    assert response.headers["Access-Control-Allow-Origin"] == PARTNER
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "origin" in response.headers.get("Vary", "").lower()


async def test_another_origin_gets_no_cors_header_but_still_vary(client):
    response = await client.post("/api/chat", data=_chat_body(),
                                 headers={"Origin": STRANGER, "Content-Type": "application/json"})
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "origin" in response.headers.get("Vary", "").lower()


async def test_preflight_allowed_for_the_partner_and_refused_for_others(client):
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = await client.options("/api/chat", headers={"Origin": PARTNER, **ask})
    assert allowed.status == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == PARTNER
    assert set(allowed.headers["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert "content-type" in allowed.headers["Access-Control-Allow-Headers"].lower()
    refused = await client.options("/api/chat", headers={"Origin": STRANGER, **ask})
    assert refused.status == 403
    assert "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize("path", ["/widget/config.json", "/widget/ssgp-chat.js", "/widget/no-such-file.js"])
async def test_widget_files_and_their_errors_are_readable_by_the_partner(client, path):
    response = await client.get(path, headers={"Origin": PARTNER})
    assert response.headers.get("Access-Control-Allow-Origin") == PARTNER, (path, response.status)


@pytest.mark.parametrize("path", ["/review/login", "/services", "/healthz", "/"])
async def test_no_cors_outside_the_widget_even_for_the_partner(client, path):
    response = await client.get(path, headers={"Origin": PARTNER}, allow_redirects=False)
    assert "Access-Control-Allow-Origin" not in response.headers, (path, response.status)
    preflight = await client.options(path, headers={"Origin": PARTNER, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers, path
