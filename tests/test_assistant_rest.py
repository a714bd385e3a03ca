"""End to end: the real trained assistant, started by ``python -m bot run``, over the REST channel."""

from __future__ import annotations

import json
import re
import secrets
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from services_directory import load_directory

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
CRISIS = yaml.safe_load((ROOT / "tests/crisis/crisis_messages.yml").read_text())["messages"]
NOT_CRISIS = yaml.safe_load((ROOT / "tests/crisis/not_crisis.yml").read_text())["messages"]
# Known regressions of the current model, as strict xfails (README "Measured figures"): a case
# fails as soon as the model gets it right again, and must then go. Never add a case here to make
# CI pass without saying so in the README.
KNOWN_REGRESSIONS: dict[str, str] = {}


def _known(text: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_REGRESSIONS.get(text)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
EMERGENCY = load_directory().contact_tokens()["phone:police-emergency"]
SAMARITANS = load_directory().contact_tokens()["phone:samaritans"]
# How each kind of crisis guidance begins (domain/crisis.yml), with the directory's 999 filled in.
CRISIS_OPENINGS = {
    "danger": f"**If you are in danger now, call {EMERGENCY}.**",
    "cannot_speak": f"**Call {EMERGENCY} now.**",
    "suicide": "I'm really sorry you're feeling like this.",
    "child": f"**If a child is in danger right now, call {EMERGENCY}.**",
}


def post(url: str, body: bytes | str, content_type: str = "application/json") -> tuple[int, str]:
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def say(live_service, text: str, sender: str | None = None) -> list[dict]:
    status, body = post(
        live_service.rasa_url + "/webhooks/rest/webhook",
        json.dumps({"sender": sender or secrets.token_hex(8), "message": text}),
    )
    assert status == 200, body
    return json.loads(body)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def assert_no_placeholders(replies: list[dict]) -> None:
    for reply in replies:
        assert not re.search(r"{[a-z]+:[a-z0-9-]+}", reply.get("text", "")), reply
        assert "check with the service" not in reply.get("text", "") or "unverified" not in reply.get("text", "")


def test_greeting_offers_a_menu_and_999(live_service) -> None:
    replies = say(live_service, "hello")
    assert f"call {EMERGENCY}" in texts(replies)
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "Domestic abuse" in titles and "Ask for Angela" in titles


def test_menu_button_opens_a_topic(live_service) -> None:
    replies = say(live_service, '/topic_menu{"topic":"cuckooing"}')
    assert "Cuckooing" in texts(replies)
    assert any(b["title"] == "What is cuckooing" for r in replies for b in r.get("buttons", []))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is cuckooing", "home"),
        ("what does county lines mean", "drugs"),
        ("what is ask for angela", "venue"),
        ("what are ACEs", "childhood"),
        ("how can I get help with domestic abuse in gloucester", "0808 2000 247"),
        ("what is clare's law", "police"),
        ("what is ask for ani", "pharmac"),
    ],
)
def test_topic_answers_come_with_directory_details(live_service, question: str, expected: str) -> None:
    replies = say(live_service, question)
    answer = texts(replies)
    assert expected.lower() in answer.lower(), answer
    assert_no_placeholders(replies)


@pytest.mark.parametrize("case", CRISIS, ids=lambda c: c["text"][:40])
def test_every_crisis_message_gets_999_first(live_service, case: dict) -> None:
    replies = say(live_service, case["text"])
    first = replies[0]["text"]
    assert EMERGENCY in first, first
    assert first.startswith(CRISIS_OPENINGS[case["expect"]]), first


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=_known(c["text"]), id=c["text"][:40]) for c in NOT_CRISIS]
)
def test_ordinary_messages_do_not_get_crisis_guidance(live_service, case: dict) -> None:
    replies = say(live_service, case["text"])
    assert replies, "no reply"
    assert not any(replies[0]["text"].startswith(o) for o in CRISIS_OPENINGS.values()), replies[0]["text"]


def test_crisis_interrupts_a_form(live_service) -> None:
    sender = secrets.token_hex(8)
    asked = texts(say(live_service, "I need to find a service", sender))
    assert "What do you need help with?" in asked
    replies = say(live_service, "he's back and he's got a knife", sender)
    assert replies[0]["text"].startswith(CRISIS_OPENINGS["danger"])
    # The form has stopped: the next message is understood on its own.
    after = texts(say(live_service, "what is cuckooing", sender))
    assert "What do you need help with?" not in after
    assert "home" in after.lower()


@pytest.mark.parametrize(
    "text", [pytest.param(t, marks=_known(t)) for t in ("zxq vvb plork", "purple elephant seventeen umbrella")]
)
def test_unclear_or_off_topic_says_so_and_offers_the_menu(live_service, text: str) -> None:
    replies = say(live_service, text)
    answer = texts(replies)
    # Either the low-confidence fallback or the out-of-scope reply: both say so, neither guesses.
    assert "not sure I understood" in answer or "not something I can help with" in answer, answer
    # A crisis the classifier missed lands here too, so both replies carry 999 and Samaritans.
    assert EMERGENCY in answer and SAMARITANS in answer, answer
    assert any(r.get("buttons") for r in replies)
    assert "Services that can help" not in answer


def test_is_this_a_person_and_privacy(live_service) -> None:
    assert "not a person" in texts(say(live_service, "am I talking to a real person?"))
    privacy = texts(say(live_service, "is this anonymous? what do you keep?"))
    assert "30 minutes" in privacy and "not linked to your name" in privacy


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_000, "🙂🙂🙂🙂", "¿Dónde puedo encontrar ayuda?", "<script>alert('x')</script><b>hi</b>",
     "\u202eevil\u200b", "Robert'); DROP TABLE concerns;--"],
    ids=["empty", "whitespace", "10k", "emoji", "spanish", "html", "rtl-zero-width", "sql"],
)
def test_bad_input_gets_a_clear_reply_and_is_never_echoed(live_service, text: str) -> None:
    replies = say(live_service, text)
    assert replies, "every message gets an answer"
    joined = texts(replies)
    assert "<script>" not in joined and "DROP TABLE" not in joined
    if text.strip():
        assert text not in joined


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"{not json", "application/json"), (b"\x00\xff\xfe", "application/octet-stream"), (b"[]", "application/json")],
)
def test_malformed_requests_get_4xx_and_the_server_keeps_running(live_service, body: bytes, content_type: str) -> None:
    status, _ = post(live_service.rasa_url + "/webhooks/rest/webhook", body, content_type)
    assert 400 <= status < 500
    assert say(live_service, "hello")


def test_forget_deletes_the_conversation(live_service) -> None:
    sender = secrets.token_hex(8)
    say(live_service, "hello", sender)
    url = live_service.rasa_url + "/webhooks/private/"
    headers = {"Content-Type": "application/json", "X-Internal-Token": live_service.internal_token}

    def call(op: str, token_ok: bool = True) -> tuple[int, dict]:
        h = dict(headers) if token_ok else {"Content-Type": "application/json"}
        req = urllib.request.Request(url + op, data=json.dumps({"sender": sender}).encode(), headers=h, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, {}

    assert call("exists") == (200, {"exists": True})
    assert call("forget", token_ok=False)[0] == 403
    assert call("forget") == (200, {"forgotten": True})
    assert call("exists") == (200, {"exists": False})


def test_logs_hold_no_message_text_or_sender_ids(live_service) -> None:
    sender = "privacy-check-" + secrets.token_hex(6)
    marker = "Zebedee-" + secrets.token_hex(4)
    say(live_service, f"my neighbour {marker} has people round all night", sender)
    log = live_service.log_text()
    assert marker not in log
    assert sender not in log
