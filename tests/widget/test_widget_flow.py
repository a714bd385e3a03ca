"""Issue 14 item 5, in a real browser against the real trained assistant: a message typed while
the find-a-service menu is open is handled as one turn, with one reply."""

from __future__ import annotations

import re

import pytest
from browser_support import MOBILE, ask

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

def test_a_question_typed_at_the_find_a_service_menu_gets_one_answer(open_context, live_service):
    context, _ = open_context(viewport=MOBILE)
    page = context.new_page()
    page.goto(live_service.web_url + "/")
    page.locator(".ssgp-launcher").click()
    assert "What do you need help with?" in "\n".join(ask(page, "I need to find a service"))

    reply = "\n".join(ask(page, "what is cuckooing?"))
    assert re.search("cuckoo", reply, re.I), reply
    # No "couldn't match" after the answer, and the menu is not shown again.
    assert "couldn't match" not in reply and "What do you need help with?" not in reply

    unclear = "\n".join(ask(page, "I need to find a service") + ask(page, "zxq vvb plork"))
    assert unclear.count("couldn't match") == 1 and "not sure I understood" not in unclear
