"""The widget in Urdu and Polish against the real trained assistant (``live_service``), in
Debian's Chromium: the assistant detects or is told the language, answers in it, and the widget
lays Urdu out right to left with its interface strings in Urdu.

These need lang-core's language detection and slot, the /api/chat language fields and the
translations (lang-translate) merged into the same tree; until then they are skipped (the guard
below), and from then on they run and can fail like any other test.
"""

from __future__ import annotations

import re

import pytest
from browser_support import EMPTY_STORAGE, REPLY_TIMEOUT, ask, open_widget, screenshot, storage_report
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

pytest.importorskip("content.languages", reason="needs lang-core (language detection) merged")

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
# More than three words, about being in danger, written as a resident might (not from training data).
URDU_DANGER = "میرا شوہر مجھے مار رہا ہے اور میں اس وقت بہت خطرے میں ہوں"
# The newest assistant message's first paragraph: its language, direction and where its text sits.
LAYOUT = """() => {
  const root = document.querySelector('.ssgp-chat-host').shadowRoot;
  const all = root.querySelectorAll('.ssgp-msg--bot:not(.ssgp-msg--intro)');
  const msg = Array.from(all).find((m) => m.getAttribute('lang') === 'ur') || all[all.length - 1];
  const p = msg.querySelector('p');
  const range = document.createRange();
  range.selectNodeContents(p);
  const text = range.getBoundingClientRect();
  const box = p.getBoundingClientRect();
  const style = getComputedStyle(p);
  return {
    lang: msg.getAttribute('lang'), dir: msg.getAttribute('dir'), text: msg.innerText,
    direction: style.direction, textAlign: style.textAlign, rightGap: box.right - text.right,
  };
}"""


def assert_urdu_layout(page) -> None:
    layout = page.evaluate(LAYOUT)
    assert layout["lang"] == "ur" and layout["dir"] == "rtl", layout
    assert layout["direction"] == "rtl" and layout["textAlign"] in ("start", "right"), layout
    assert layout["rightGap"] < 2, layout  # the text starts at the right
    assert ARABIC_SCRIPT.search(layout["text"]), layout
    # The interface follows: Urdu strings, and the panel right to left.
    expect(page.locator(".ssgp-panel")).to_have_attribute("dir", "rtl")
    expect(page.locator(".ssgp-send")).to_have_text("بھیجیں")
    expect(page.locator(".ssgp-restart")).to_have_text("دوبارہ شروع کریں")
    expect(page.locator(".ssgp-panel .govuk-exit-this-page__button")).to_contain_text("یہ صفحہ چھوڑیں")


def test_real_urdu_danger_message_gets_an_urdu_reply_laid_out_right_to_left(open_context, live_service):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, URDU_DANGER)
    assert_urdu_layout(page)
    # Crisis guidance: 999 first, tappable.
    expect(page.locator('.ssgp-msg--bot[lang="ur"] a[href="tel:999"]').first).to_be_visible()
    screenshot(page, "e2e-urdu-rtl")
    assert storage_report(page, context) == EMPTY_STORAGE
    assert recorder.off_origin(live_service.web_url) == []
    assert page.evaluate("window.__cspViolations") == []


def test_real_language_button_switches_to_urdu(open_context, live_service):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, live_service.web_url)
    bots = page.locator(".ssgp-msg--bot")
    before = bots.count()
    page.locator(".ssgp-language").click()
    page.locator(".ssgp-languages__button", has_text="اردو").click()
    expect(bots).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".ssgp-typing--on")).to_have_count(0, timeout=REPLY_TIMEOUT)
    assert_urdu_layout(page)
    # Shift x3 still leaves.
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(live_service.env["EXIT_URL"])


def test_real_polish_then_english_please(open_context, live_service):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, live_service.web_url)
    ask(page, "Polski")  # an explicit switch word switches even though it is one word
    expect(page.locator(".ssgp-send")).to_have_text("Wyślij")
    expect(page.locator(".ssgp-panel")).to_have_attribute("lang", "pl")
    expect(page.locator(".ssgp-msg--bot").last).to_have_attribute("lang", "pl")
    ask(page, "English please")
    expect(page.locator(".ssgp-send")).to_have_text("Send")
    expect(page.locator(".ssgp-panel")).to_have_attribute("dir", "ltr")
    assert storage_report(page, context) == EMPTY_STORAGE
