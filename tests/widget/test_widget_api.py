"""The public chat API (/api/chat, /api/forget) and the widget routes, against a stand-in Rasa.

Bad input of every kind must get a 4xx JSON message (never a 500); the forwarding to Rasa must
be exact; rate limits and an unreachable Rasa must give 429 and 503 with a message.
"""

from __future__ import annotations

import json
import logging
import re
import socket
from typing import Any

import pytest
from stub_rasa import TOKEN, StubRasa

from bot.rate_limit import SlidingWindowLimiter
from bot.web.app import create_app
from bot.web.chat import clean_rasa_reply
from ssgp_settings import Settings

CID = "conv_0123456789abcdefABCDEF-xyz"


def settings_for(port: int, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "rasa_port": port,
        "internal_token": TOKEN,
        "exit_url": "http://127.0.0.1:9/exit-test",
    }
    values.update(overrides)
    return Settings(**values)


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def stub(aiohttp_server) -> StubRasa:
    rasa = StubRasa()
    server = await aiohttp_server(rasa.app())
    rasa.port = server.port  # type: ignore[attr-defined]
    return rasa


@pytest.fixture
async def client(aiohttp_client, stub):
    return await aiohttp_client(create_app(settings_for(stub.port)))


async def assert_json_error(response, status: int) -> str:
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    data = await response.json()
    assert isinstance(data.get("error"), str) and data["error"]
    # Clear to a person: a sentence, no stack trace, no echoed markup.
    assert "Traceback" not in data["error"] and "<" not in data["error"]
    return data["error"]


# --- /api/chat: forwarding -------------------------------------------------------------------


async def test_chat_forwards_exactly_and_returns_clean_messages(client, stub):
    stub.default = [
        {
            "recipient_id": CID,
            "text": "Hello **there**",
            "buttons": [
                {"title": "Find support", "payload": "/find_service"},
                {"title": "", "payload": "/ignored"},
                {"title": "No payload"},
                "not a button",
            ],
            "custom": {"x": 1},
        },
        {"recipient_id": CID, "image": "http://example.invalid/x.png"},
        {"recipient_id": CID, "text": "Second"},
    ]
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "  hi  "})
    assert response.status == 200
    assert stub.chats == [{"sender": CID, "message": "hi"}]
    data = await response.json()
    assert data == {
        "messages": [
            {
                "text": "Hello **there**",
                "buttons": [
                    {"title": "Find support", "payload": "/find_service"},
                    {"title": "No payload", "payload": "No payload"},
                ],
                "lang": "en",
                "dir": "ltr",
            },
            {"text": "Second", "buttons": [], "lang": "en", "dir": "ltr"},
        ],
        "language": "en",
        "dir": "ltr",
    }


async def test_html_in_a_message_is_passed_on_as_plain_text(client, stub):
    text = '<script>alert("x")</script> is this <b>safe</b>?'
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": text})
    assert response.status == 200
    assert response.content_type == "application/json"
    assert stub.chats[-1]["message"] == text


async def test_other_languages_are_accepted(client, stub):
    for text in ["Dw i angen help", "Potrzebuję pomocy", "أحتاج مساعدة", "我需要帮助 🙏"]:
        response = await client.post("/api/chat", json={"conversation_id": CID, "message": text})
        assert response.status == 200
    assert [c["message"] for c in stub.chats][-1] == "我需要帮助 🙏"


async def test_beacon_style_text_plain_json_is_accepted(client, stub):
    body = json.dumps({"conversation_id": CID, "message": "hello"})
    response = await client.post("/api/chat", data=body, headers={"Content-Type": "text/plain;charset=UTF-8"})
    assert response.status == 200


# --- /api/chat: bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b"", "application/json", 400),
        (b"   ", "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b"null", "application/json", 400),
        (b"\xff\xfe\x00\x01binary\x80\x81", "application/json", 400),
        (bytes(range(256)), "application/octet-stream", 415),
        (b"<html><body>hello</body></html>", "text/html", 415),
        (b"<html><body>hello</body></html>", "application/json", 400),
        (b"conversation_id=abc&message=hi", "application/x-www-form-urlencoded", 415),
        (b"[" * 50_000 + b"]" * 50_000, "application/json", 413),
        (b"[" * 2_000 + b"]" * 2_000, "application/json", 400),
    ],
)
async def test_malformed_requests_get_a_4xx_json_message(client, stub, body, content_type, status):
    response = await client.post("/api/chat", data=body, headers={"Content-Type": content_type})
    await assert_json_error(response, status)
    assert stub.chats == []


@pytest.mark.parametrize(
    "payload",
    [
        {"message": "hi"},
        {"conversation_id": "", "message": "hi"},
        {"conversation_id": "short", "message": "hi"},
        {"conversation_id": "x" * 65, "message": "hi"},
        {"conversation_id": "has spaces in it 12345", "message": "hi"},
        {"conversation_id": "../../etc/passwd/abcdef", "message": "hi"},
        {"conversation_id": "<script>alert(1)</script>", "message": "hi"},
        {"conversation_id": 1234567890123456789, "message": "hi"},
        {"conversation_id": CID},
        {"conversation_id": CID, "message": None},
        {"conversation_id": CID, "message": 42},
        {"conversation_id": CID, "message": ["hi"]},
        {"conversation_id": CID, "message": ""},
        {"conversation_id": CID, "message": " \n\t "},
        {"conversation_id": CID, "message": "nul \x00 byte"},
        {"conversation_id": CID, "message": "bell \x07 and escape \x1b[31m"},
        {"conversation_id": CID, "message": "lone surrogate \ud800"},
    ],
)
async def test_bad_fields_get_400(client, stub, payload):
    response = await client.post("/api/chat", data=json.dumps(payload), headers={"Content-Type": "application/json"})
    await assert_json_error(response, 400)
    assert stub.chats == []


async def test_empty_message_says_to_type_something(client):
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "   "})
    assert "type a message" in (await assert_json_error(response, 400)).lower()


async def test_too_long_message_gets_413_with_the_limit(client, stub):
    limit = Settings().chat_max_chars
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "a" * (limit + 1)})
    message = await assert_json_error(response, 413)
    assert str(limit) in message
    ok = await client.post("/api/chat", json={"conversation_id": CID, "message": "a" * limit})
    assert ok.status == 200
    assert len(stub.chats[-1]["message"]) == limit


async def test_huge_body_gets_413(client, stub):
    response = await client.post(
        "/api/chat",
        data=b'{"message": "' + b"a" * 600_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    await assert_json_error(response, 413)
    assert stub.chats == []


async def test_wrong_method_is_a_json_4xx(client):
    response = await client.get("/api/chat")
    assert response.status == 405
    assert response.content_type == "application/json"


async def test_requests_from_other_websites_are_refused(client, stub):
    response = await client.post(
        "/api/chat", json={"conversation_id": CID, "message": "hi"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    await assert_json_error(response, 403)
    response = await client.post("/api/forget", json={"conversation_id": CID}, headers={"Sec-Fetch-Site": "cross-site"})
    await assert_json_error(response, 403)
    assert stub.chats == [] and stub.forgets == []
    same = await client.post(
        "/api/chat", json={"conversation_id": CID, "message": "hi"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert same.status == 200


# --- rate limiting and Rasa failures -----------------------------------------------------------


async def test_rate_limit_per_conversation_gives_429(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, chat_rate_per_minute=3)))
    for _ in range(3):
        assert (await client.post("/api/chat", json={"conversation_id": CID, "message": "hi"})).status == 200
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "hi"})
    assert "wait" in (await assert_json_error(response, 429)).lower()
    assert int(response.headers["Retry-After"]) >= 1
    assert len(stub.chats) == 3
    # Another conversation is not held back by this one.
    other = await client.post("/api/chat", json={"conversation_id": "another_conversation_01", "message": "hi"})
    assert other.status == 200


async def test_rate_limit_per_client_address_gives_429(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, chat_rate_per_minute=2)))
    statuses = []
    for i in range(8):  # a fresh conversation id each time: only the address limit applies
        response = await client.post("/api/chat", json={"conversation_id": f"rotating_id_{i:06d}", "message": "x"})
        statuses.append(response.status)
    assert statuses[:6] == [200] * 6
    assert statuses[6:] == [429, 429]


async def test_malformed_floods_are_rate_limited_too(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, chat_rate_per_minute=1)))
    statuses = [
        (await client.post("/api/chat", data=b"{bad", headers={"Content-Type": "application/json"})).status
        for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]


async def test_rasa_unreachable_gives_503_with_a_friendly_message(aiohttp_client):
    client = await aiohttp_client(create_app(settings_for(closed_port())))
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "hello"})
    message = await assert_json_error(response, 503)
    assert "try again" in message.lower()
    assert "999" in message  # the safety pointer survives an outage
    forget = await client.post("/api/forget", json={"conversation_id": CID})
    await assert_json_error(forget, 503)


async def test_rasa_error_or_nonsense_reply_gives_503(client, stub):
    stub.fail_next = 1
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "hello"})
    await assert_json_error(response, 503)
    stub.default = {"not": "a list"}
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "hello"})
    await assert_json_error(response, 503)


# --- /api/forget -------------------------------------------------------------------------------


async def test_forget_calls_rasa_privately_and_returns_204(client, stub):
    await client.post("/api/chat", json={"conversation_id": CID, "message": "hello"})
    assert CID in stub.held
    response = await client.post("/api/forget", json={"conversation_id": CID})
    assert response.status == 204
    assert stub.forgets == [{"sender": CID}]
    assert stub.forget_tokens == [TOKEN]
    assert CID not in stub.held


async def test_forget_accepts_a_send_beacon_body(client, stub):
    body = json.dumps({"conversation_id": CID})
    response = await client.post("/api/forget", data=body, headers={"Content-Type": "text/plain;charset=UTF-8"})
    assert response.status == 204
    assert stub.forgets == [{"sender": CID}]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{oops", "text/plain", 400),
        (b"", "text/plain", 400),
        (b'{"conversation_id": "tiny"}', "application/json", 400),
        (b'{"sender": "conv_0123456789abcdef"}', "application/json", 400),
        (b"\x00\x01\x02\xff", "text/plain", 400),
        (b"<p>forget me</p>", "text/html", 415),
        (b'{"conversation_id": "' + b"a" * 5000 + b'"}', "application/json", 413),
    ],
)
async def test_forget_rejects_bad_input(client, stub, body, content_type, status):
    response = await client.post("/api/forget", data=body, headers={"Content-Type": content_type})
    await assert_json_error(response, status)
    assert stub.forgets == []


async def test_forget_without_internal_token_is_503_not_silent(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, internal_token="")))
    response = await client.post("/api/forget", json={"conversation_id": CID})
    await assert_json_error(response, 503)


async def test_forget_with_wrong_token_is_503(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, internal_token="wrong-token")))
    response = await client.post("/api/forget", json={"conversation_id": CID})
    await assert_json_error(response, 503)
    assert stub.forget_tokens == ["wrong-token"]


# --- privacy of logs ---------------------------------------------------------------------------


async def test_no_message_text_ids_or_addresses_in_logs(aiohttp_client, stub, caplog):
    caplog.set_level(logging.DEBUG)
    client = await aiohttp_client(create_app(settings_for(stub.port)))
    secret = "my neighbour at 12 Acacia Avenue is being cuckooed"
    await client.post("/api/chat", json={"conversation_id": CID, "message": secret})
    await client.post("/api/chat", data=b"{bad " + secret.encode(), headers={"Content-Type": "application/json"})
    await client.post("/api/forget", json={"conversation_id": CID})
    down = await aiohttp_client(create_app(settings_for(closed_port())))
    await down.post("/api/chat", json={"conversation_id": CID, "message": secret})
    await down.post("/api/forget", json={"conversation_id": CID})
    assert "Acacia" not in caplog.text and CID not in caplog.text
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert any("unreachable" in m for m in ours)  # the failure itself is logged, without details
    assert not any("127.0.0.1" in m for m in ours)


# --- widget routes -----------------------------------------------------------------------------


async def test_demo_page_embeds_the_widget_with_one_script_tag(client):
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == [
        '<script src="/widget/ssgp-chat.js" defer data-title="Chat to us" '
        'data-greeting="Hello. I can help you find support and information in Gloucester." '
        'data-primary-colour="#1d5e82">'
    ]
    assert re.findall(r"<script[^>]*>(.*?)</script>", page, re.S) == [""]  # no inline code
    assert "style=" not in page and "<style" not in page
    assert 'href="http://127.0.0.1:9/exit-test"' in page  # the exit button uses settings.exit_url
    assert "govuk-js-exit-this-page-skiplink" in page
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp


async def test_config_json_gives_exit_url_and_limit(client):
    response = await client.get("/widget/config.json")
    assert response.status == 200
    data = await response.json()
    assert data["exit_url"] == "http://127.0.0.1:9/exit-test" and data["max_chars"] == 2000
    # The language menu and the fonts: tests/widget/test_widget_api_strings.py.
    assert set(data) == {"exit_url", "max_chars", "languages", "fonts"}


async def test_unsafe_exit_url_setting_falls_back_to_the_default(aiohttp_client, stub):
    client = await aiohttp_client(create_app(settings_for(stub.port, exit_url="javascript:alert(1)")))
    data = await (await client.get("/widget/config.json")).json()
    assert data["exit_url"] == "https://www.bbc.co.uk/weather"
    assert "javascript:" not in await (await client.get("/")).text()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/widget/ssgp-chat.js", "application/javascript"),
        ("/widget/ssgp-chat.css", "text/css"),
        ("/widget/demo-host.css", "text/css"),
        ("/widget/favicon.svg", "image/svg+xml"),
    ],
)
async def test_built_assets_are_served_locally(client, path, content_type):
    response = await client.get(path)
    assert response.status == 200
    assert response.content_type in {content_type, "text/javascript"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/widget/../chat.py", "/widget/%2e%2e/chat.py", "/widget/", "/widget/nope.js"])
async def test_static_route_does_not_leak_files(client, path):
    response = await client.get(path)
    assert response.status in {403, 404}
    assert "SlidingWindowLimiter" not in await response.text()


# --- helpers -----------------------------------------------------------------------------------


def test_sliding_window_slides():
    now = [1000.0]
    limiter = SlidingWindowLimiter(2, window=60, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    wait = limiter.hit("a")
    assert 59 < wait <= 60
    now[0] += 30
    assert limiter.hit("a") > 0
    now[0] += 30.5
    assert limiter.hit("a") == 0  # the first event has left the window
    assert limiter.hit("b") == 0  # keys are independent


def test_sliding_window_memory_is_bounded():
    now = [0.0]
    limiter = SlidingWindowLimiter(1, window=10, max_keys=100, clock=lambda: now[0])
    for i in range(1000):
        now[0] += 1
        limiter.hit(f"k{i}")
    assert len(limiter._events) <= 100


def test_clean_rasa_reply_bounds_what_reaches_the_browser():
    reply = [{"text": "x" * 20_000, "buttons": [{"title": "t", "payload": "p"}] * 50}] * 50
    cleaned = clean_rasa_reply(reply)
    assert len(cleaned) == 20
    assert len(cleaned[0]["text"]) == 8000
    assert len(cleaned[0]["buttons"]) == 12
    with pytest.raises(ValueError):
        clean_rasa_reply({"text": "not a list"})
