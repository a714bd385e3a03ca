"""The widget on another site: CORS for allow-listed partner origins (WIDGET_ALLOWED_ORIGINS), the
error a page not on the list gets (with the 999 line), and styles that stay inside the widget.

The chat service runs on http://127.0.0.1:<port>; partner pages are served from a second loopback
server at http://localhost:<port> — a different origin and a different site, so the browser
applies real CORS and Sec-Fetch-Site: cross-site, exactly as on a council's own domain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from aiohttp import web
from browser_support import ThreadedApps, free_port, run_axe, screenshot, send
from playwright.sync_api import expect
from stub_rasa import TOKEN, StubRasa

from bot.web.app import create_app
from ssgp_settings import Settings

pytestmark = pytest.mark.browser

# A council page with its own purple GOV.UK-style buttons and :root variables, and a strict CSP
# that allows the chat service's origin (as the README tells partners to set).
HOST_PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Partner council</title>
<link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' {chat};
 style-src 'self' {chat}; connect-src {chat}; img-src 'self' data:">
<link rel="stylesheet" href="/council.css">
</head><body>
<header><a href="#main">Skip to main content</a><p class="logo">Partner Council</p></header>
<main id="main"><h1>Report a problem</h1>
<button class="govuk-button" type="button">Start now</button>
<p class="lead">Our own styles.</p></main>
<script src="{chat}/widget/ssgp-chat.js" defer data-title="Chat to us" data-primary-colour="#4c2c92" {extra}></script>
</body></html>"""
COUNCIL_CSS = """
:root { --govuk-brand-colour: #4c2c92; --council-accent: #4c2c92; }
body { font-family: Georgia, serif; color: #222222; }
.govuk-button { background-color: #4c2c92; color: #ffffff; border: 0; padding: 8px 16px; }
.lead { color: var(--council-accent); }
"""
PURPLE = "rgb(76, 44, 146)"
# A page that places the widget's Exit this page button itself.
PLACED_PAGE = """<!doctype html>
<html lang="en"><head><title>Placed</title><link rel="icon" href="data:,"></head><body><main>
<h1>Placed</h1><div id="slot" data-ssgp-exit-this-page></div></main>
<script src="{chat}/widget/ssgp-chat.js" defer></script></body></html>"""


@dataclass
class Embedding:
    chat: str  # the chat service (widget, /api/chat)
    partner: str  # an allow-listed partner site (other origin, other site)
    stranger: str  # a site not on the list
    rasa: StubRasa


def _host_app(chat: str, extra: str = "") -> web.Application:
    async def page(request: web.Request) -> web.Response:
        extra_attrs = request.query.get("attrs", extra)
        return web.Response(
            text=HOST_PAGE.format(chat=chat, extra=extra_attrs), content_type="text/html", charset="utf-8"
        )

    async def placed(request: web.Request) -> web.Response:
        return web.Response(text=PLACED_PAGE.format(chat=chat), content_type="text/html", charset="utf-8")

    async def css(request: web.Request) -> web.Response:
        return web.Response(text=COUNCIL_CSS, content_type="text/css")

    app = web.Application()
    app.router.add_get("/", page)
    app.router.add_get("/council.css", css)
    app.router.add_get("/placed", placed)
    return app


@pytest.fixture
def embedding() -> Iterator[Embedding]:
    apps = ThreadedApps()
    rasa = StubRasa()
    rasa_port = apps.start(rasa.app())
    chat_port, partner_port, stranger_port = free_port(), free_port(), free_port()
    chat = f"http://127.0.0.1:{chat_port}"
    partner = f"http://localhost:{partner_port}"
    settings = Settings(
        rasa_port=rasa_port,
        internal_token=TOKEN,
        exit_url=f"{chat}/healthz",
        chat_rate_per_minute=1000,
        widget_allowed_origins=(partner,),
    )
    apps.start(create_app(settings), chat_port)
    apps.start(_host_app(chat), partner_port)
    apps.start(_host_app(chat), stranger_port)
    try:
        yield Embedding(chat=chat, partner=partner, stranger=f"http://localhost:{stranger_port}", rasa=rasa)
    finally:
        apps.close()


def test_allow_listed_partner_site_can_chat_and_forget(open_context, embedding):
    context, recorder = open_context()
    page = context.new_page()
    page.goto(embedding.partner + "/")
    page.locator(".ssgp-launcher").click()
    send(page, "hello from a partner")
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Stub reply.")
    expect(page.locator(".ssgp-msg--error")).to_have_count(0)
    assert [c["message"] for c in embedding.rasa.chats] == ["hello from a partner"]
    # Start again forgets the conversation across origins too (sendBeacon to /api/forget).
    sender = embedding.rasa.chats[-1]["sender"]
    page.get_by_role("button", name="Start again").click()
    for _ in range(50):
        if {"sender": sender} in embedding.rasa.forgets:
            break
        page.wait_for_timeout(100)
    assert {"sender": sender} in embedding.rasa.forgets
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    # Every request went to the partner page's own origin or to the chat service.
    assert all(u.startswith((embedding.partner, embedding.chat)) for u in recorder.requests)


def test_site_not_on_the_list_is_told_why_with_the_999_line(open_context, embedding):
    context, _ = open_context()
    page = context.new_page()
    # This page cannot read the service's config.json, so it names its exit destination itself.
    exit_attr = quote(f'data-exit-url="{embedding.chat}/healthz"')
    page.goto(embedding.stranger + "/?attrs=" + exit_attr)
    page.locator(".ssgp-launcher").click()
    error = page.locator(".ssgp-msg--error")
    expect(error).to_have_count(1)
    expect(error).to_contain_text("This page isn't allowed to use the chat service")
    expect(error.locator(".ssgp-callout")).to_contain_text("If you are in danger now, call 999.")
    expect(error.locator('a[href="tel:999"]')).to_be_visible()
    expect(error).not_to_contain_text("Check your connection")
    # Sending says the same, and nothing reached the assistant.
    page.locator(".ssgp-input").fill("hello")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--user")).to_have_count(1)
    expect(page.locator(".ssgp-msg--error")).to_have_count(1)
    expect(page.locator(".ssgp-msg--error")).to_contain_text("isn't allowed")
    expect(page.locator(".ssgp-msg--error .ssgp-callout")).to_contain_text("call 999")
    assert embedding.rasa.chats == []
    screenshot(page, "embed-not-allowed")
    # The quick exit still works on a page that cannot chat.
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(embedding.chat + "/healthz")


def test_host_page_styles_survive_the_widget(open_context, embedding):
    context, _ = open_context(bypass_csp=True)
    page = context.new_page()
    page.goto(embedding.partner + "/")
    expect(page.locator(".ssgp-launcher")).to_be_visible()
    button = page.locator("main .govuk-button")
    styles = button.evaluate(
        """(b) => ({ bg: getComputedStyle(b).backgroundColor, font: getComputedStyle(b).fontFamily,
                    brand: getComputedStyle(document.documentElement).getPropertyValue('--govuk-brand-colour').trim(),
                    lead: getComputedStyle(document.querySelector('.lead')).color,
                    body: getComputedStyle(document.body).fontFamily,
                    sheets: document.styleSheets.length })"""
    )
    assert styles["bg"] == PURPLE and styles["lead"] == PURPLE, styles
    assert styles["brand"] == "#4c2c92", styles
    assert "Georgia" in styles["body"], styles
    assert styles["sheets"] == 1  # only the council's own: the widget's is inside its shadow roots
    # The red Exit this page button the widget adds sits in its own shadow root at the top.
    page_exit = page.locator(".ssgp-page-exit-host .govuk-exit-this-page__button")
    expect(page_exit).to_be_visible()
    assert page_exit.evaluate("(b) => getComputedStyle(b).backgroundColor") == "rgb(202, 53, 53)"
    page.locator(".ssgp-launcher").click()
    send(page, "hello")
    assert button.evaluate("(b) => getComputedStyle(b).backgroundColor") == PURPLE
    assert run_axe(page) == []
    screenshot(page, "embed-partner-open")
    # Quick exit with Shift x3 still blanks the page and leaves.
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(embedding.chat + "/healthz")


def test_exit_button_can_be_placed_or_turned_off(open_context, embedding):
    context, _ = open_context(bypass_csp=True)
    page = context.new_page()
    page.goto(embedding.partner + "/?attrs=data-page-exit%3D%22false%22")
    expect(page.locator(".ssgp-launcher")).to_be_visible()
    expect(page.locator(".ssgp-page-exit-host")).to_have_count(0)
    # The chat's own header keeps its Exit this page button.
    page.locator(".ssgp-launcher").click()
    expect(page.locator(".ssgp-panel .govuk-exit-this-page__button")).to_be_visible()
    # Placed: inside the page's own element marked data-ssgp-exit-this-page.
    page.goto(embedding.partner + "/placed")
    placed = page.locator("#slot .ssgp-page-exit-host .govuk-exit-this-page__button")
    expect(placed).to_be_visible()
    assert page.locator(".ssgp-page-exit-host").evaluate("(h) => getComputedStyle(h).position") == "static"
    placed.click()
    page.wait_for_url(embedding.chat + "/healthz")
