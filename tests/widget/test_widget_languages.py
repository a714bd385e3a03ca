"""The widget in the conversation's language, in Debian's Chromium, in front of a stand-in Rasa.

The stand-in answers the language buttons' payloads; the web app, the widget, its strings and
fonts are the real ones. (Against the real assistant, after lang-core's detection and the
translations are merged: test_widget_languages_e2e.py.)
"""

from __future__ import annotations

import json

import pytest
from browser_support import EMPTY_STORAGE, open_widget, run_axe, screenshot, storage_report, wait_for
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PL_PAYLOAD = '/choose_language{"language":"pl"}'
UR_PAYLOAD = '/choose_language{"language":"ur"}'
# Test data for the stand-in only (the assistant's real answers come from the domain).
UR_REPLY = "ٹھیک ہے، اب میں اردو میں بات کروں گا۔ اگر آپ ابھی خطرے میں ہیں تو 999 پر کال کریں۔"
PL_REPLY = "Dobrze, teraz piszę po polsku."

# Computed layout of the newest assistant message and of its first paragraph.
LAYOUT = """(sel) => {
  const root = document.querySelector('.ssgp-chat-host').shadowRoot;
  const all = root.querySelectorAll(sel);
  const msg = all[all.length - 1];
  const p = msg.querySelector('p');
  const range = document.createRange();
  range.selectNodeContents(p);
  const text = range.getBoundingClientRect();
  const box = p.getBoundingClientRect();
  const style = getComputedStyle(p);
  return {
    lang: msg.getAttribute('lang'), dir: msg.getAttribute('dir'),
    direction: style.direction, textAlign: style.textAlign, fontFamily: style.fontFamily,
    rightGap: box.right - text.right, leftGap: text.left - box.left,
  };
}"""


@pytest.fixture
def site(stub_site):
    stub_site.rasa.replies.update(
        {
            # As the real assistant's REST channel replies (bot/channels/rest.py): each message carries
            # its lang/dir and the conversation's language.
            PL_PAYLOAD: [{"recipient_id": "x", "text": PL_REPLY, "lang": "pl", "dir": "ltr", "language": "pl"}],
            UR_PAYLOAD: [{"recipient_id": "x", "text": UR_REPLY, "lang": "ur", "dir": "rtl", "language": "ur"}],
        }
    )
    return stub_site


def choose(page, name: str) -> None:
    bots = page.locator(".ssgp-msg--bot")
    before = bots.count()
    page.locator(".ssgp-language").click()
    expect(page.locator(".ssgp-languages")).to_be_visible()
    page.locator(".ssgp-languages__button", has_text=name).click()
    expect(bots).not_to_have_count(before)
    expect(page.locator(".ssgp-typing--on")).to_have_count(0)


def test_polish_interface_after_choosing_polski(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    expect(page.locator(".ssgp-send")).to_have_text("Send")
    choose(page, "Polski")
    # The assistant was told with the same payload its own language buttons send.
    assert site.rasa.chats[-1]["message"] == PL_PAYLOAD
    expect(page.locator(".ssgp-msg--user").last).to_have_attribute("lang", "pl")
    panel = page.locator(".ssgp-panel")
    expect(panel).to_have_attribute("lang", "pl")
    expect(panel).to_have_attribute("dir", "ltr")
    expect(page.locator(".ssgp-send")).to_have_text("Wyślij")
    expect(page.locator(".ssgp-restart")).to_have_text("Zacznij od nowa")
    expect(page.locator(".ssgp-panel .govuk-exit-this-page__button")).to_have_text("Nagły wypadek Opuść tę stronę")
    expect(page.locator(".ssgp-hint")).to_have_text(
        "Naciśnij Enter, aby wysłać. Naciśnij Shift 3 razy, aby szybko opuścić tę stronę."
    )
    expect(page.locator(".ssgp-input")).to_have_attribute("placeholder", "Wpisz tutaj swoją wiadomość")
    expect(page.locator(".ssgp-language")).to_have_text("Język")
    expect(page.locator(".ssgp-close")).to_have_accessible_name("Zamknij czat")
    reply = page.locator(".ssgp-msg--bot").last
    expect(reply).to_have_attribute("lang", "pl")
    expect(reply).to_have_attribute("dir", "ltr")
    expect(reply.locator(".ssgp-vh").first).to_have_text("Asystent: ")
    # Start again: the introduction is now in Polish too.
    page.locator(".ssgp-restart").click()
    expect(page.locator(".ssgp-msg--intro")).to_contain_text("Zanim zaczniesz:")
    expect(page.locator(".ssgp-msg--intro")).to_contain_text("Opuść tę stronę")
    # Still nothing on the device, nothing off-site, no CSP violation.
    assert storage_report(page, context) == EMPTY_STORAGE
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.off_origin(site.url) == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    assert any(url.endswith("/widget/strings/pl.json") for url in recorder.requests)


def test_a_reply_that_arrives_before_its_strings_is_relabelled_in_its_language(open_context, site):
    """The Polish strings are held back until the Polish reply is on screen: its spoken "Assistant:"
    label must still end up in Polish once they arrive (a race seen under load)."""
    context, _ = open_context()
    page = context.new_page()
    held: list = []
    page.route("**/widget/strings/pl.json", lambda route: held.append(route))
    open_widget(page, site.url, with_languages=True)
    choose(page, "Polski")
    reply = page.locator(".ssgp-msg--bot").last
    expect(reply).to_have_attribute("lang", "pl")
    expect(reply.locator(".ssgp-vh").first).to_have_text("Assistant: ")  # the strings are not here yet
    wait_for(lambda: bool(held), page, "the request for the Polish strings")
    held[0].continue_()
    expect(page.locator(".ssgp-send")).to_have_text("Wyślij")
    expect(reply.locator(".ssgp-vh").first).to_have_text("Asystent: ")
    expect(page.locator(".ssgp-msg--user").last.locator(".ssgp-vh").first).not_to_have_text("You said: ")


def test_errors_come_in_the_interface_language_with_the_999_line(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    choose(page, "Polski")
    expect(page.locator(".ssgp-send")).to_have_text("Wyślij")
    site.rasa.fail_next = 1  # Rasa answers 500: the web app says 503
    page.locator(".ssgp-input").fill("to się nie uda")
    page.keyboard.press("Enter")
    error = page.locator(".ssgp-msg--error")
    expect(error).to_have_count(1)
    expect(error).to_contain_text("Asystent jest teraz niedostępny.")
    expect(error.locator(".ssgp-callout")).to_contain_text("Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.")
    expect(error.locator('.ssgp-callout a[href="tel:999"]')).to_have_text("999")
    expect(error.locator(".ssgp-retry")).to_have_text("Spróbuj ponownie")


def test_urdu_reply_is_laid_out_right_to_left_in_a_nastaliq_face(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    choose(page, "اردو")
    panel = page.locator(".ssgp-panel")
    expect(panel).to_have_attribute("dir", "rtl")
    expect(panel).to_have_attribute("lang", "ur")
    expect(page.locator(".ssgp-send")).to_have_text("بھیجیں")
    expect(page.locator(".ssgp-restart")).to_have_text("دوبارہ شروع کریں")
    expect(page.locator(".ssgp-hint")).to_contain_text("Shift کو 3 بار دبائیں")
    expect(page.locator(".ssgp-input")).to_have_attribute("placeholder", "اپنا پیغام یہاں لکھیں")
    assert page.locator(".ssgp-input").evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    layout = page.evaluate(LAYOUT, ".ssgp-msg--bot")
    assert layout["lang"] == "ur" and layout["dir"] == "rtl"
    assert layout["direction"] == "rtl"
    assert layout["textAlign"] in ("start", "right")
    # The text hugs the right edge of its paragraph (a short line would otherwise sit left).
    assert layout["rightGap"] < 2 < layout["leftGap"] or layout["leftGap"] < 2 > layout["rightGap"]
    assert layout["rightGap"] < 2
    assert layout["fontFamily"].startswith('"SSGP Noto Nastaliq Urdu"')
    # The Nastaliq face came from our own server and is in use.
    page.evaluate("document.fonts.ready")
    wait_for(
        lambda: page.evaluate("document.fonts.check('16px \"SSGP Noto Nastaliq Urdu\"', 'اردو')"),
        page,
        "the Urdu font loaded",
    )
    assert any("/widget/fonts/noto-nastaliq-urdu-arabic-400-normal.woff2" in url for url in recorder.requests)
    # The person's own words take their direction from the text.
    page.locator(".ssgp-input").fill("میں خطرے میں ہوں")
    page.keyboard.press("Enter")
    user = page.locator(".ssgp-msg--user").last
    expect(user).to_have_attribute("dir", "auto")
    assert user.evaluate("(el) => getComputedStyle(el.querySelector('p')).direction") == "rtl"
    expect(page.locator(".ssgp-typing--on")).to_have_count(0)
    screenshot(page, "urdu-rtl")
    assert storage_report(page, context) == EMPTY_STORAGE
    assert recorder.off_origin(site.url) == []
    assert page.evaluate("window.__cspViolations") == []


def test_quick_exit_still_works_in_urdu(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    choose(page, "اردو")
    expect(page.locator(".ssgp-panel .govuk-exit-this-page__button")).to_contain_text("یہ صفحہ چھوڑیں")
    conversation = site.rasa.chats[-1]["sender"]
    page.keyboard.press("Shift")
    # GOV.UK's first instance on the page counts the presses; it announces them in Urdu now.
    expect(page.locator("[role=status]", has_text="Shift: باہر نکلنے کے لیے 2 بار اور دبائیں۔")).to_have_count(1)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(site.exit_url)
    wait_for(lambda: {"sender": conversation} in site.rasa.forgets, page, "conversation forgotten on exit")
    assert recorder.off_origin(site.url) == []


def test_exit_button_works_after_switching_language(open_context, site):
    context, _ = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    choose(page, "Polski")
    conversation = site.rasa.chats[-1]["sender"]
    page.locator(".ssgp-panel .govuk-exit-this-page__button").click()
    page.wait_for_url(site.exit_url)
    wait_for(lambda: {"sender": conversation} in site.rasa.forgets, page, "conversation forgotten on exit")


def test_language_menu_by_keyboard_and_every_script_has_a_font(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    button = page.locator(".ssgp-language")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    menu = page.locator(".ssgp-languages__button")
    expect(menu).to_have_count(7)
    expect(menu.first).to_be_focused()
    expect(menu.first).to_have_attribute("aria-current", "true")  # English, for now
    names = [menu.nth(i).inner_text() for i in range(7)]
    assert names == ["English", "Polski", "Română", "اردو", "ਪੰਜਾਬੀ", "Português", "ગુજરાતી"]
    expect(page.locator('.ssgp-languages__button[lang="ur"]')).to_have_attribute("dir", "rtl")
    # Gurmukhi and Gujarati are drawn with our fonts (a device may have none for them).
    page.evaluate("document.fonts.ready")
    for family, sample in (("SSGP Noto Sans Gurmukhi", "ਪੰਜਾਬੀ"), ("SSGP Noto Sans Gujarati", "ગુજરાતી")):
        check = f"document.fonts.check('16px \"{family}\"', '{sample}')"
        wait_for(lambda check=check: page.evaluate(check), page, family)
    # Latin text with Polish, Romanian and Portuguese letters needs no download.
    assert not any("latin" in url for url in recorder.requests if "/widget/fonts/" in url)
    # Escape closes the menu first (and keeps the chat open), then the chat.
    page.keyboard.press("Escape")
    expect(page.locator(".ssgp-languages")).to_be_hidden()
    expect(button).to_be_focused()
    expect(page.locator(".ssgp-panel")).to_be_visible()


def test_the_interface_follows_the_language_the_server_reports(open_context, site):
    """With lang-core's /api/chat contract (top-level `language`, and `lang`/`dir` per message)
    the widget follows the server, e.g. when the assistant detects Urdu in a typed message. The
    web app before that merge drops these fields, so this drives the widget's side through a
    route that answers as the merged web app does."""
    context, _ = open_context()
    page = context.new_page()
    answer = {
        "messages": [
            {"text": UR_REPLY, "buttons": [], "lang": "ur", "dir": "rtl"},
            {"text": "This service card is in English.", "buttons": [], "lang": "en", "dir": "ltr"},
        ],
        "language": "ur",
        "dir": "rtl",
    }
    page.route(
        site.url + "/api/chat",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(answer)),
    )
    open_widget(page, site.url, with_languages=True)
    page.locator(".ssgp-input").fill("میرا شوہر مجھے مارتا ہے اور میں بہت ڈری ہوئی ہوں")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-send")).to_have_text("بھیجیں")
    expect(page.locator(".ssgp-panel")).to_have_attribute("dir", "rtl")
    bots = page.locator(".ssgp-msg--bot")
    expect(bots.nth(-2)).to_have_attribute("lang", "ur")
    expect(bots.nth(-2)).to_have_attribute("dir", "rtl")
    # A message the server marks as English stays English and left to right inside the Urdu panel.
    expect(bots.last).to_have_attribute("lang", "en")
    expect(bots.last).to_have_attribute("dir", "ltr")
    # And back to English when the server says so.
    answer.update(
        messages=[{"text": "Hello again.", "buttons": [], "lang": "en", "dir": "ltr"}], language="en", dir="ltr"
    )
    page.locator(".ssgp-input").fill("English please")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-send")).to_have_text("Send")
    expect(page.locator(".ssgp-panel")).to_have_attribute("dir", "ltr")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_urdu(open_context, site, scheme):
    context, _ = open_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    choose(page, "اردو")
    expect(page.locator(".ssgp-send")).to_have_text("بھیجیں")
    page.locator(".ssgp-language").click()
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_an_english_conversation_downloads_no_font(open_context, site):
    context, recorder = open_context()
    page = context.new_page()
    open_widget(page, site.url, with_languages=True)
    page.locator(".ssgp-input").fill("hello")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--bot")).to_have_count(2)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(500)
    assert [url for url in recorder.requests if "/widget/fonts/" in url] == []
    # Not even registered: a partner page whose CSP lacks font-src sees nothing of them.
    assert page.evaluate("Array.from(document.fonts).map((f) => f.family)") == []
