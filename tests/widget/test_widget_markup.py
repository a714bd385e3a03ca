"""Replies in a real browser: the shared reply markup (same fixtures as Telegram's test), tappable
phone numbers, the 999 call-out, service cards with a "More about" disclosure, replies that open
at their start, and a panel tall enough to read."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from browser_support import DESKTOP, MOBILE, open_widget, run_axe, screenshot, send
from playwright.sync_api import expect

from gloucester import TIMEZONE
from services_directory import card_text, format_card, load_directory

pytestmark = pytest.mark.browser

CASES = json.loads((Path(__file__).resolve().parent / "markup_cases.json").read_text())["cases"]
LAPTOP = {"width": 1366, "height": 768}
MONDAY_2PM = datetime(2026, 11, 23, 14, 0, tzinfo=TIMEZONE)

CRISIS = (
    "**If you are in danger now, call 999.**\n\n"
    "If you call 999 from a mobile and can't speak, press 55 when asked.\n\n"
    "When you are safe, the helpline is free on 0808 2000 247."
)
LIST_CRISIS = "It's good you're asking.\n- In danger now: **999**\n- Samaritans: 116 123"
LONG = "\n\n".join(f"Paragraph {i}. " + "Some words of advice here. " * 12 for i in range(1, 9))


def reply(text: str) -> list[dict]:
    return [{"recipient_id": "x", "text": text}]


def cards_reply() -> str:
    directory = load_directory()
    keys = ["samaritans", "mens-advice-line", "national-domestic-abuse-helpline"]
    cards = "\n\n".join(card_text(format_card(directory.get(k), MONDAY_2PM)) for k in keys)
    return f"Services that can help:\n\n{cards}"


@pytest.fixture
def site(stub_site):
    stub_site.rasa.replies.update({c["name"]: reply(c["source"]) for c in CASES})
    stub_site.rasa.replies.update(
        {
            "crisis": reply(CRISIS),
            "list crisis": reply(LIST_CRISIS),
            "cards": reply(cards_reply()),
            "long": [
                {"recipient_id": "x", "text": "**If you are in danger now, call 999.**\n\n" + LONG},
                {"recipient_id": "x", "text": "Second bubble. " * 30},
                {"recipient_id": "x", "text": "Third bubble.", "buttons": [{"title": "OK", "payload": "ok"}]},
            ],
        }
    )
    return stub_site


def visible_text(locator) -> str:
    """Text a sighted reader sees: without the visually hidden helper text."""
    return locator.evaluate(
        """(node) => {
            const copy = node.cloneNode(true);
            copy.querySelectorAll('.ssgp-vh').forEach((n) => n.remove());
            copy.querySelectorAll('br').forEach((n) => n.replaceWith(' '));
            copy.querySelectorAll('p, li, summary').forEach((n) => n.append(' '));
            return copy.textContent.replace(/\\s+/g, ' ').trim();
        }"""
    )


def test_shared_markup_fixtures_render_in_the_widget(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    for case in CASES:
        send(page, case["name"])
        body = page.locator(".ssgp-msg--bot .ssgp-msg__body").last
        assert visible_text(body) == case["widget_text"], case["name"]
        expect(body.locator("strong")).to_have_text(case["strong"])
        expect(body.locator("em")).to_have_text(case["em"])
        links = body.locator("a").evaluate_all(
            "(as) => as.map((a) => [a.firstChild.textContent, a.getAttribute('href')])"
        )
        assert links == case["links"], case["name"]
        expect(body.locator("details > summary")).to_have_text(case.get("details", []))
    assert page.locator(".ssgp-chat-host").evaluate("(h) => h.shadowRoot.querySelectorAll('script, img').length") == 0
    assert recorder.page_errors == []


def test_every_phone_number_is_a_tel_link_and_999_is_a_call_out(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "crisis")
    bubble = page.locator(".ssgp-msg--bot").last
    hrefs = bubble.locator("a").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert hrefs == ["tel:999", "tel:999", "tel:08082000247"]  # "55" is a key to press, not a number
    callout = bubble.locator(".ssgp-callout")
    expect(callout).to_have_count(1)  # the first 999 block only
    expect(callout).to_have_attribute("role", "note")
    expect(callout).to_have_attribute("aria-label", "Emergency")
    expect(callout).to_have_text("If you are in danger now, call 999.")
    edge = callout.evaluate("(n) => getComputedStyle(n).borderLeftWidth")
    assert float(edge.rstrip("px")) >= 4
    # In a list, the item keeps its list semantics and gets a spoken "Emergency:" prefix.
    send(page, "list crisis")
    item = page.locator(".ssgp-msg--bot").last.locator("li.ssgp-callout")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Emergency: In danger now: 999")
    expect(item.locator('a[href="tel:999"]')).to_have_count(1)


def test_service_cards_are_short_with_more_behind_a_disclosure(open_context, site):
    context, _ = open_context(bypass_csp=True)
    page = context.new_page()
    open_widget(page, site.url)
    send(page, "cards")
    bubble = page.locator(".ssgp-msg--bot").last
    text = bubble.inner_text()
    assert "<http" not in text and "\\" not in text
    assert not any(w.startswith("_") or w.endswith("_") for w in text.split()), text
    details = bubble.locator("details.ssgp-more")
    expect(details).to_have_count(3)
    expect(details.locator("summary")).to_have_text(
        ["More about Samaritans", "More about Men's Advice Line", "More about National Domestic Abuse Helpline"]
    )
    # Closed: only name, one line, phone and hours show (about 30 words per card, not 70).
    shown_words = len(text.split())
    assert shown_words <= 3 * 45 + 10, shown_words
    expect(details.first.locator("a[href^='https://www.samaritans.org']")).to_be_hidden()
    expect(bubble.locator("a[href='tel:116123']")).to_be_visible()
    # Opening one shows its website link; Enter on the summary works from the keyboard.
    details.first.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details.first.locator("a[href^='https://www.samaritans.org']")).to_be_visible()
    expect(details.first).to_contain_text("Information from")
    assert run_axe(page) == []
    screenshot(page, "stub-desktop-cards")


def test_new_replies_open_at_their_start(open_context, site):
    for viewport in (LAPTOP, MOBILE):
        context, _ = open_context(viewport=viewport)
        page = context.new_page()
        open_widget(page, site.url)
        send(page, "hello")
        send(page, "long")
        page.wait_for_timeout(300)  # let the panel's opening animation settle before measuring
        first = page.locator(".ssgp-msg--bot").nth(2)  # the intro, "Stub reply.", then the new reply
        expect(first).to_contain_text("Paragraph 1.")
        log = page.locator(".ssgp-log")
        log_box, first_box = log.bounding_box(), first.bounding_box()
        # The start of the new reply (with its 999 call-out) is at the top of the visible log...
        assert log_box["y"] <= first_box["y"] <= log_box["y"] + 40, (viewport, log_box, first_box)
        expect(first.locator(".ssgp-callout")).to_be_in_viewport()
        # ...and the log was not scrolled to its end.
        at_end = log.evaluate("(l) => l.scrollTop + l.clientHeight >= l.scrollHeight - 2")
        assert not at_end, viewport
        screenshot(page, f"stub-reply-start-{viewport['width']}")


def test_desktop_panel_is_tall_enough_to_read(open_context, site):
    heights = {}
    for name, viewport in (("laptop", LAPTOP), ("desktop", DESKTOP)):
        context, _ = open_context(viewport=viewport)
        page = context.new_page()
        open_widget(page, site.url)
        heights[name] = page.locator(".ssgp-log").evaluate("(l) => l.clientHeight")
        panel = page.locator(".ssgp-panel").bounding_box()
        assert panel["y"] >= 144 and panel["y"] + panel["height"] <= viewport["height"], panel
    print("log heights", heights)  # 282 px before at 1366x768
    assert heights["laptop"] >= 360, heights
    # The phone layout still fills the screen.
    context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_widget(page, site.url)
    page.wait_for_timeout(300)
    box = page.locator(".ssgp-panel").bounding_box()
    assert round(box["height"]) == MOBILE["height"] and round(box["width"]) == MOBILE["width"]
    assert page.locator(".ssgp-log").evaluate("(l) => l.clientHeight") >= 500
