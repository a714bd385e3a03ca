"""End to end (issue 14): on the real assistant, nothing is logged at the moment a concern is
sent, crises are counted rather than logged, an unsaved concern form is scrubbed at once, and a
malformed request to the Rasa server leaves no trace of its raw header lines."""

from __future__ import annotations

import json
import re
import secrets
import socket
import time
import urllib.request

import pytest

from safety.crisis_intents import CRISIS_INTENTS
from tests.test_assistant_rest import CRISIS_OPENINGS
from tests.test_forms_rest import Chat

pytestmark = pytest.mark.e2e

TIMED_LINES = re.compile(r"Skipping validation|alembic|Context impl|migrat|safety net|crisis_", re.I)


def private(service, op: str, sender: str = "metrics") -> dict:
    request = urllib.request.Request(
        f"{service.rasa_url}/webhooks/private/{op}",
        data=json.dumps({"sender": sender}).encode(),
        headers={"Content-Type": "application/json", "X-Internal-Token": service.internal_token},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_sending_a_concern_writes_no_log_line(live_service) -> None:
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    chat("Antisocial behaviour")
    chat("Kingsholm")
    chat("most evenings")
    chat("Youths kicking the bins over by the shops every night.")
    assert "Shall I send it?" in chat("Nothing else")
    time.sleep(0.5)
    before = len(live_service.log_text())
    assert "reference" in chat("Send it").lower()
    time.sleep(1.0)  # let the action server's and Rasa's log lines for this turn reach the file
    during = live_service.log_text()[before:]
    assert during.strip() == "", during
    assert not TIMED_LINES.search(live_service.log_text())


def test_crises_are_counted_not_logged(live_service) -> None:
    before = sum(private(live_service, "metrics")["crises"].values())
    chat = Chat(live_service)
    reply = chat("he's kicking the door in right now and I'm scared")
    assert "999" in reply or "danger" in reply.lower()
    after = private(live_service, "metrics")["crises"]
    assert sum(after.values()) == before + 1
    assert set(after) <= set(CRISIS_INTENTS)
    assert set(private(live_service, "metrics")["possible_crises"]) <= set(CRISIS_INTENTS)
    assert not TIMED_LINES.search(live_service.log_text())


def test_a_cancelled_concern_form_is_scrubbed_at_once(live_service) -> None:
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    chat("Cuckooing or drug dealing")
    chat("Kingsholm")
    chat("last night")
    marker = "Zebedee" + secrets.token_hex(3)
    chat(f"{marker} at 12 Acacia Road has people in and out all night")
    held_before = private(live_service, "held", chat.sender)["messages_with_text"]
    assert held_before >= 10
    assert "Nothing was saved" in chat("cancel")
    # Only the reply to "cancel" keeps its words; everything typed in the form is gone now,
    # not when the conversation expires.
    assert private(live_service, "held", chat.sender)["messages_with_text"] == len(chat.last)


def test_a_concern_form_interrupted_by_danger_is_scrubbed_at_once(live_service) -> None:
    chat = Chat(live_service)
    chat("I want to report something anonymously")
    chat("No")
    chat("Domestic abuse")
    chat("he's kicking the door in right now")
    assert private(live_service, "held", chat.sender)["messages_with_text"] <= len(chat.last)


def test_rasa_server_does_not_log_raw_malformed_headers(live_service) -> None:
    marker = "Zebedee" + secrets.token_hex(4)
    port = int(live_service.rasa_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: x\r\n{marker} no colon\x01\r\n\r\n".encode())
        reply = sock.recv(4096)
    assert reply.split(b" ")[1] == b"400"
    time.sleep(0.5)
    log = live_service.log_text()
    assert marker not in log
    assert "Traceback" not in log


def test_a_long_conversation_keeps_its_recent_messages_and_its_form(live_service) -> None:
    """A stored conversation keeps its last six messages and the state they left
    (CONVERSATION_KEEP_MESSAGES, bot/tracker_window.py): a concern form interrupted twice by
    questions still has its early answers, while the words of older messages are no longer held."""
    from tests.test_forms_rest import REFERENCE, concern_rows

    before = len(concern_rows(live_service))
    chat = Chat(live_service)
    held: list[int] = []
    replies: list[int] = []
    marker = "Zebedee" + secrets.token_hex(3)
    turns = ("I want to report something anonymously", "No", "Cuckooing or drug dealing",
             "what is cuckooing?", "Kingsholm", "what is ask for angela?", "last night",
             f"Strangers in and out of flat 3 at all hours, one called {marker}")
    for text in turns:
        chat(text)
        # One reply to a form step; a description the classifier took for a crisis is still kept,
        # after the crisis guidance (actions/forms.py), which a model trained elsewhere may give.
        guidance = len(chat.last) == 2 and chat.last[0]["text"].startswith(tuple(CRISIS_OPENINGS.values()))
        assert len(chat.last) == 1 or text.startswith("what is") or (text == turns[-1] and guidance), chat.last
        held.append(private(live_service, "held", chat.sender)["messages_with_text"])
        replies.append(len(chat.last))
    # From the seventh message on, each new message and its replies push out the oldest message
    # and its replies, so the words held stop growing; the whole session would hold every text.
    assert held[7] - held[6] == replies[7] - replies[1], (held, replies)
    assert held[5] > held[4] > held[3]  # before six messages, everything is kept
    summary = chat("Nothing else")
    # The category (message 3) was folded into the form's state; the summary still has everything.
    assert "Shall I send it?" in summary, summary
    for line in ("**About:** Cuckooing or drug dealing", "**Where:** Kingsholm", "**When:** yesterday", marker):
        assert line in summary, summary
    assert REFERENCE.search(chat("Send it"))
    rows = concern_rows(live_service)
    assert len(rows) == before + 1
    assert rows[-1]["category"] == "cuckooing_drugs"
    assert marker not in " ".join(str(v) for v in dict(rows[-1]).values())  # a name is redacted
