"""The widget in a real browser (Debian's Chromium), in front of a stand-in Rasa.

These tests exercise the widget itself: keyboard use, focus, safe rendering of replies, quick
replies, errors and retry, Start again, the quick exit (button, Shift x3, skip link), storage,
CSP and same-origin requests, and axe-core. The e2e file repeats the key checks against the real
trained assistant.
"""

from __future__ import annotations

import json

import pytest
from browser_support import (
    DESKTOP,
    EMPTY_STORAGE,
    MOBILE,
    open_widget,
    run_axe,
    screenshot,
    send,
    storage_report,
    wait_for,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARKDOWN_REPLY = (
    "Here is **important** help.\n\n"
    "- First point with a [safe link](https://example.org/help)\n"
    "- Second point: https://example.org/more.\n"
    "1. Call [0800 000 0000](tel:08000000000)\n\n"
    "Bad link: [click me](javascript:window.__pwned=1) and "
    '<img src="/widget/x.png" onerror="window.__pwned=1"> <b>not bold</b>'
)
# The focused element, looking inside shadow roots (the widget lives in one).
DEEP_ACTIVE = (
    "(() => { let a = document.activeElement;"
    " while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;"
    " return a; })()"
)
# The chat's shadow root.
CHAT_ROOT = "document.querySelector('.ssgp-chat-host').shadowRoot"
BUTTONS_REPLY = [
    {
        "recipient_id": "x",
        "text": "What would you like to do?",
        "buttons": [
            {"title": "Find support", "payload": "/find_service"},
            {"title": "Report a concern", "payload": "/log_concern"},
        ],
    }
]


@pytest.fixture
def site(stub_site):
    stub_site.rasa.replies.update(
        {
            "show markdown": [{"recipient_id": "x", "text": MARKDOWN_REPLY}],
            "show buttons": BUTTONS_REPLY,
            "/find_service": [{"recipient_id": "x", "text": "Here are some services."}],
        }
    )
    return stub_site


def test_keyboard_only_open_talk_and_close(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    page.goto(site.url + "/")
    expect(page.locator(".ssgp-launcher")).to_be_visible()
    # Reach the launcher with Tab alone.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(DEEP_ACTIVE + ".classList.contains('ssgp-launcher')"):
            break
    else:
        raise AssertionError("the chat launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-panel")).to_be_visible()
    expect(page.locator(".ssgp-input")).to_be_focused()
    expect(page.locator(".ssgp-launcher")).to_have_attribute("aria-expanded", "true")

    intro = page.locator(".ssgp-msg--intro")
    expect(intro).to_contain_text("Shift")
    expect(intro).to_contain_text("does not erase your browsing history")
    expect(intro).to_contain_text("Exit this page")
    assert site.rasa.chats == []  # the intro is client-side: nothing was sent

    page.keyboard.type("hello there")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--user")).to_have_text("You said: hello there")
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Stub reply.")
    log = page.locator("[role=log]")
    expect(log).to_have_attribute("aria-live", "polite")

    # Escape closes the panel (not the page) and focus returns to the launcher.
    page.keyboard.press("Escape")
    expect(page.locator(".ssgp-panel")).to_be_hidden()
    expect(page.locator(".ssgp-launcher")).to_be_focused()
    assert page.url == site.url + "/"
    # Reopening keeps the conversation.
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-input")).to_be_focused()
    expect(page.locator(".ssgp-msg--user")).to_have_count(1)
    # The close button works the same way.
    page.locator(".ssgp-close").click()
    expect(page.locator(".ssgp-launcher")).to_be_focused()
    assert recorder.page_errors == []


def test_reply_markdown_is_rendered_without_html_injection(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "show markdown")
    reply = page.locator(".ssgp-msg--bot").last
    expect(reply.locator("strong")).to_have_text("important")
    expect(reply.locator("ul > li")).to_have_count(2)
    expect(reply.locator("ol > li")).to_have_count(1)

    safe = reply.get_by_role("link", name="safe link")
    expect(safe).to_have_attribute("href", "https://example.org/help")
    expect(safe).to_have_attribute("target", "_blank")
    expect(safe).to_have_attribute("rel", "noopener noreferrer")
    bare = reply.locator('a[href="https://example.org/more"]')
    expect(bare).to_have_count(1)  # the full stop is not part of the link
    tel = reply.locator('a[href="tel:08000000000"]')
    expect(tel).to_have_count(1)
    assert tel.get_attribute("target") is None

    # javascript: links and raw HTML stay as text.
    assert reply.locator('a[href^="javascript"]').count() == 0
    expect(reply).to_contain_text("click me")
    assert reply.locator("img, b, script").count() == 0
    expect(reply).to_contain_text('<img src="/widget/x.png"')
    assert page.evaluate("window.__pwned") is None
    assert not any("/widget/x.png" in url for url in recorder.requests)
    for link in reply.locator("a[target=_blank]").all():
        assert link.get_attribute("rel") == "noopener noreferrer"


def test_quick_replies_send_the_payload_and_show_the_title(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "show buttons")
    group = page.get_by_role("group", name="Suggested replies")
    expect(group.get_by_role("button")).to_have_count(2)
    group.get_by_role("button", name="Find support").click()
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Here are some services.")
    assert site.rasa.chats[-1]["message"] == "/find_service"
    expect(page.locator(".ssgp-msg--user").last).to_have_text("You said: Find support")
    expect(page.locator(".ssgp-quick")).to_have_count(0)  # old suggestions are cleared
    expect(page.locator(".ssgp-input")).to_be_focused()


def test_network_failure_shows_an_error_and_retry_works(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    context.set_offline(True)
    page.locator(".ssgp-input").fill("are you there")
    page.keyboard.press("Enter")
    error = page.locator(".ssgp-msg--error")
    # The cause is named, and the 999 line is always there, as a tappable number.
    expect(error).to_contain_text("No connection")
    expect(error.locator(".ssgp-callout")).to_contain_text("If you are in danger now, call 999.")
    expect(error.locator('a[href="tel:999"]')).to_have_count(1)
    context.set_offline(False)
    error.get_by_role("button", name="Try again").click()
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Stub reply.")
    expect(page.locator(".ssgp-msg--error")).to_have_count(0)
    expect(page.locator(".ssgp-msg--user")).to_have_count(1)  # not duplicated by the retry
    assert [c["message"] for c in site.rasa.chats] == ["are you there"]

    # The server's own message is shown when Rasa is down (503), and retry recovers.
    site.rasa.fail_next = 1
    page.locator(".ssgp-input").fill("second try")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--error")).to_contain_text("not available right now")
    expect(page.locator(".ssgp-msg--error .ssgp-callout")).to_contain_text("call 999")
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Stub reply.")


def test_too_long_message_is_limited_by_the_input(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    expect(page.locator(".ssgp-input")).to_have_attribute("maxlength", "2000")
    page.locator(".ssgp-input").fill("a" * 2500)
    assert len(page.locator(".ssgp-input").input_value()) == 2000


def test_start_again_clears_both_sides(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "first conversation")
    old_id = site.rasa.chats[-1]["sender"]
    assert old_id in site.rasa.held
    page.get_by_role("button", name="Start again").click()
    wait_for(lambda: {"sender": old_id} in site.rasa.forgets, page, "old conversation forgotten")
    assert old_id not in site.rasa.held
    expect(page.locator(".ssgp-msg")).to_have_count(1)
    expect(page.locator(".ssgp-msg--intro")).to_have_count(1)
    expect(page.locator(".ssgp-input")).to_be_focused()
    send(page, "second conversation")
    new_id = site.rasa.chats[-1]["sender"]
    assert new_id != old_id and len(new_id) == 32


def test_shift_three_times_exits_forgets_and_replaces_history(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "please help")
    conversation = site.rasa.chats[-1]["sender"]
    # Shift as a modifier (capital letters) never counts towards the exit.
    for _ in range(3):
        page.keyboard.down("Shift")
        page.keyboard.press("KeyA")
        page.keyboard.up("Shift")
    assert page.url == site.url + "/"
    expect(page.locator(".ssgp-panel")).to_be_visible()
    # Three bare Shift presses exit.
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(site.exit_url)
    wait_for(lambda: conversation not in site.rasa.held, page, "conversation forgotten on exit")
    assert {"sender": conversation} in site.rasa.forgets
    # location.replace: Back does not return to the chat page.
    page.go_back()
    assert page.url != site.url + "/"
    assert recorder.off_origin(site.url) == []


def test_exit_button_in_the_widget_blanks_and_exits(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "hello")
    conversation = site.rasa.chats[-1]["sender"]
    button = page.locator(".ssgp-panel .govuk-exit-this-page__button")
    expect(button).to_have_attribute("href", site.exit_url)
    expect(button).to_have_attribute("rel", "nofollow noreferrer")
    # Record, from inside the page, what it looks like when the overlay goes in; the navigation
    # to the exit page gets a 204 (a navigation to "no content" leaves the page in place).
    asked: list[str] = []
    page.route(site.exit_url, lambda route: (asked.append(route.request.url), route.fulfill(status=204)))
    page.evaluate(
        """() => new MutationObserver(() => {
            const overlay = document.querySelector('.govuk-exit-this-page-overlay');
            if (overlay && !window.__blanked) {
              const main = document.querySelector('main');
              const shown = main.getClientRects().length ? 'shown' : 'none';
              window.__blanked = shown + ' ' + overlay.textContent;
            }
        }).observe(document.body, { childList: true, attributes: true })"""
    )
    button.click()
    wait_for(lambda: asked == [site.exit_url], page, "navigation to the exit page")
    assert page.evaluate("window.__blanked") == "none Loading."
    wait_for(lambda: {"sender": conversation} in site.rasa.forgets, page, "conversation forgotten")


def test_page_exit_button_and_hidden_skip_link(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    page.goto(site.url + "/")
    page_button = page.locator("main .govuk-exit-this-page__button")
    expect(page_button).to_be_visible()
    expect(page_button).to_have_attribute("href", site.exit_url)
    # The skip link is hidden until focused: it is the second Tab stop on the page.
    skip = page.locator(".govuk-js-exit-this-page-skiplink")
    assert skip.bounding_box() is None or skip.bounding_box()["width"] <= 1
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(site.exit_url)


def test_page_exit_button_activates_with_space(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    page.goto(site.url + "/")
    page.locator("main .govuk-exit-this-page__button").focus()
    page.keyboard.press("Space")
    page.wait_for_url(site.exit_url)


def test_nothing_stored_no_csp_violation_and_only_same_origin_requests(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "show buttons")
    page.get_by_role("button", name="Find support").click()
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Here are some services.")
    page.get_by_role("button", name="Start again").click()
    assert storage_report(page, context) == EMPTY_STORAGE
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.requests and recorder.off_origin(site.url) == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    # The widget's stylesheet is a <link> to its own file; no inline style attributes in markup.
    assert page.locator('link[rel=stylesheet][href$="/widget/ssgp-chat.css"]').count() == 1
    # Only the root carries styles, set through CSSOM (custom properties for the host colour).
    assert page.locator(".ssgp-chat[style], .ssgp-chat [style]").count() == 1
    # The conversation id is random and in memory only.
    ids = {c["sender"] for c in site.rasa.chats}
    assert len(ids) == 1 and len(next(iter(ids))) == 32


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(open_context, site, scheme):
    # bypass_csp only so axe can be injected with add_script_tag; other tests keep the CSP on.
    context, _ = open_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(site.url + "/")
    expect(page.locator(".ssgp-launcher")).to_be_visible()
    assert run_axe(page) == []  # closed
    page.locator(".ssgp-launcher").click()
    send(page, "show markdown")
    send(page, "show buttons")
    site.rasa.fail_next = 1
    page.locator(".ssgp-input").fill("this one fails")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--error")).to_have_count(1)
    page.keyboard.press("Shift")  # progress lights and the live announcement
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_mobile_layout_fills_the_screen_and_nothing_overflows(open_context, site):
    context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "show buttons")
    # The panel slides in; wait for the slide to finish (bounded) before measuring.
    page.wait_for_function(
        "() => { const r = " + CHAT_ROOT + ".querySelector('.ssgp-panel').getBoundingClientRect();"
        " return Math.abs(r.x) < 0.5 && Math.abs(r.y) < 0.5; }",
        timeout=3000,
    )
    box = page.locator(".ssgp-panel").bounding_box()
    assert round(box["x"]) == 0 and round(box["y"]) == 0
    assert round(box["width"]) == MOBILE["width"] and round(box["height"]) == MOBILE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    for selector in [".ssgp-close", ".ssgp-panel .govuk-exit-this-page__button", ".ssgp-send", ".ssgp-input"]:
        b = page.locator(selector).bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= MOBILE["width"], selector
        assert b["height"] >= 24 and b["width"] >= 24, selector  # WCAG 2.2 target size
    screenshot(page, "stub-mobile-open")


def test_zoom_400_percent_reflows_without_clipping(open_context, site):
    # 1280 px at 400% zoom is a 320 CSS px wide viewport.
    context, _ = open_context(viewport={"width": 320, "height": 256})
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "show buttons")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Everything in the panel can still be reached: the panel scrolls rather than clipping.
    for selector in [".ssgp-title", ".ssgp-send", ".ssgp-hint"]:
        page.locator(selector).scroll_into_view_if_needed()
        expect(page.locator(selector)).to_be_in_viewport()


def test_reduced_motion_turns_off_animation(open_context, site):
    context, _ = open_context(reduced_motion="reduce")
    page = context.new_page()
    open_widget(page, site.url)
    assert page.locator(".ssgp-panel").evaluate("(el) => getComputedStyle(el).animationName") == "none"


def test_desktop_screenshots(open_context, site):
    context, _ = open_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site.url + "/")
    expect(page.locator(".ssgp-launcher")).to_be_visible()
    screenshot(page, "stub-desktop-closed")
    page.locator(".ssgp-launcher").click()
    send(page, "show markdown")
    send(page, "show buttons")
    screenshot(page, "stub-desktop-open")
    dark, _ = open_context(viewport=DESKTOP, color_scheme="dark")
    page = dark.new_page()
    open_widget(page, site.url)
    send(page, "show buttons")
    screenshot(page, "stub-desktop-dark")


def test_host_page_without_exit_markup_gets_one(open_context, site):
    """A host page with only the script tag still gets the skip link, a page-level exit button
    and Shift x3; a very light host colour still gives readable text."""
    context, _ = open_context(bypass_csp=True)
    page = context.new_page()
    page.route(
        site.url + "/plain-host",
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                '<!doctype html><html lang="en"><head><title>Host</title></head><body>'
                "<main><h1>Plain host page</h1></main>"
                '<script src="/widget/ssgp-chat.js" defer data-primary-colour="#ffdd00" '
                'data-title="Help"></script></body></html>'
            ),
        ),
    )
    page.goto(site.url + "/plain-host")
    expect(page.locator(".ssgp-launcher")).to_have_text("Help")
    expect(page.locator(".govuk-js-exit-this-page-skiplink")).to_have_count(1)
    page_exit = page.locator(".ssgp-page-exit .govuk-exit-this-page__button")
    expect(page_exit).to_be_visible()
    expect(page_exit).to_have_attribute("href", site.exit_url)  # from /widget/config.json
    page.locator(".ssgp-launcher").click()
    send(page, "show buttons")
    assert run_axe(page) == []
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(site.exit_url)
