"""The widget against the real trained assistant (``live_service``: Rasa, action server and web
app started as ``make run`` starts them), in Debian's Chromium.

The quick exit goes to the live service's EXIT_URL, a page on the same loopback origin, so no
request leaves the machine.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_support import (
    DESKTOP,
    EMPTY_STORAGE,
    MOBILE,
    REPLY_TIMEOUT,
    ask,
    open_widget,
    rasa_exists,
    run_axe,
    screenshot,
    storage_report,
    wait_for,
)
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def conversation_ids(context) -> list[str]:
    """Collects the conversation ids the page sends to /api/chat (the id is only in memory)."""
    ids: list[str] = []

    def on_request(request) -> None:
        if request.url.endswith("/api/chat") and request.method == "POST":
            ids.append(json.loads(request.post_data)["conversation_id"])

    context.on("request", on_request)
    return ids


def test_real_assistant_answers_and_buttons_work(open_context, live_service):
    context, recorder = open_context(viewport=DESKTOP)
    page = context.new_page()
    open_widget(page, live_service.web_url)

    ask(page, "what is cuckooing")
    answer = page.locator(".ssgp-msg--bot").last
    expect(answer).to_contain_text(re.compile("cuckoo", re.I))
    assert "{" not in answer.inner_text()  # no unfilled template slots reach the person

    ask(page, "hello")
    menu = page.get_by_role("group", name="Suggested replies").last
    expect(menu.get_by_role("button", name="Cuckooing and county lines")).to_be_visible()
    bots = page.locator(".ssgp-msg--bot")
    before = bots.count()
    menu.get_by_role("button", name="Cuckooing and county lines").click()
    expect(bots).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".ssgp-msg--user").last).to_have_text("You said: Cuckooing and county lines")
    expect(bots.last).to_contain_text(re.compile("cuckooing", re.I))
    expect(bots.last.get_by_role("button").first).to_be_visible()
    screenshot(page, "desktop-1280x800")

    assert storage_report(page, context) == EMPTY_STORAGE
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.requests and recorder.off_origin(live_service.web_url) == []
    assert recorder.page_errors == [] and recorder.console_errors == []


def test_real_quick_exit_with_shift_deletes_the_conversation(open_context, live_service):
    context, recorder = open_context()
    ids = conversation_ids(context)
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, "what is cuckooing")
    conversation = ids[-1]
    assert rasa_exists(live_service.rasa_url, live_service.internal_token, conversation)

    for _ in range(3):
        page.keyboard.press("Shift")
    exit_url = live_service.env["EXIT_URL"]
    page.wait_for_url(exit_url)
    wait_for(
        lambda: not rasa_exists(live_service.rasa_url, live_service.internal_token, conversation),
        page,
        "the server forgot the conversation",
    )
    page.go_back()
    assert page.url != live_service.web_url + "/"  # replaced, not pushed: Back skips the chat
    assert context.cookies() == []
    assert recorder.off_origin(live_service.web_url) == []


def test_real_start_again_deletes_the_old_conversation(open_context, live_service):
    context, _ = open_context()
    ids = conversation_ids(context)
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, "hello")
    old = ids[-1]
    assert rasa_exists(live_service.rasa_url, live_service.internal_token, old)
    page.get_by_role("button", name="Start again").click()
    wait_for(
        lambda: not rasa_exists(live_service.rasa_url, live_service.internal_token, old),
        page,
        "the old conversation was forgotten",
    )
    ask(page, "what is cuckooing")
    assert ids[-1] != old


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_real_conversation_has_no_axe_violations(open_context, live_service, scheme):
    # bypass_csp only so axe-core can be injected; the other tests run under the real CSP.
    context, _ = open_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, "hello")
    ask(page, "what is cuckooing")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_real_mobile_layout(open_context, live_service):
    context, recorder = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, "hello")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    # Wait (bounded) for the slide-in to settle, then compare to the pixel (sub-pixel rounding is not layout).
    page.wait_for_function(
        "() => Math.abs(document.querySelector('.ssgp-chat-host').shadowRoot"
        ".querySelector('.ssgp-panel').getBoundingClientRect().y) < 0.5", timeout=3000
    )
    panel = page.locator(".ssgp-panel").bounding_box()
    assert round(panel["width"]) == MOBILE["width"] and round(panel["height"]) == MOBILE["height"]
    screenshot(page, "mobile-390x844")
    assert recorder.off_origin(live_service.web_url) == []
