"""Issue 14 item 5, in a real browser against the real trained assistant: a message typed while
the find-a-service menu is open is handled as one turn, with one reply."""

from __future__ import annotations

import re

import pytest
from browser_support import MOBILE
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

REPLY_TIMEOUT = 60_000  # generous: the first message wakes the action server


def _send(page, text: str) -> list[str]:
    """Type ``text``, wait for the whole reply, and return the new bot bubbles' text."""
    bots = page.locator(".ssgp-msg--bot")
    before = bots.count()
    page.locator(".ssgp-input").fill(text)
    page.keyboard.press("Enter")
    expect(bots).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".ssgp-typing--on")).to_have_count(0, timeout=REPLY_TIMEOUT)
    expect(page.locator(".ssgp-msg--error")).to_have_count(0)
    return [bots.nth(i).inner_text() for i in range(before, bots.count())]


def test_a_question_typed_at_the_find_a_service_menu_gets_one_answer(open_context, live_service):
    context, _ = open_context(viewport=MOBILE)
    page = context.new_page()
    page.goto(live_service.web_url + "/")
    page.locator(".ssgp-launcher").click()
    assert "What do you need help with?" in "\n".join(_send(page, "I need to find a service"))

    reply = "\n".join(_send(page, "what is cuckooing?"))
    assert re.search("cuckoo", reply, re.I), reply
    # No "couldn't match" after the answer, and the menu is not shown again.
    assert "couldn't match" not in reply and "What do you need help with?" not in reply

    unclear = "\n".join(_send(page, "I need to find a service") + _send(page, "zxq vvb plork"))
    assert unclear.count("couldn't match") == 1 and "not sure I understood" not in unclear
