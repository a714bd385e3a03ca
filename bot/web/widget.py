"""Serves the chat widget: its built assets, its public config and a demo host page at ``/``.

The assets are built from ``widget/`` (``make widget``) into ``bot/web/static/widget/`` and are
committed, so ``make run`` needs no npm. Everything is same-origin: no CDN. The fonts for Urdu,
Gurmukhi and Gujarati come from pinned npm packages (bot/web/widget_fonts.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from bot.web.app import SETTINGS_KEY
from bot.web.widget_fonts import font_file, installed_fonts
from content.tokens import ContactTokens, fill
from content.ui_strings import direction, languages, strings_for, supported
from ssgp_settings import Settings

STATIC_DIR = Path(__file__).resolve().parent / "static" / "widget"
DEFAULT_EXIT_URL = Settings.exit_url


def safe_exit_url(url: str) -> str:
    """The quick-exit destination, only if it is an absolute http(s) URL; else the default."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    return DEFAULT_EXIT_URL


DEMO_PAGE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Community help and advice - Example Council</title>
<link rel="icon" href="/widget/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/widget/demo-host.css">
</head>
<body>
<header class="demo-header">
  <a href="#main" class="demo-skip-link">Skip to main content</a>
  <a href="{exit_url}" class="govuk-skip-link govuk-js-exit-this-page-skiplink"
     rel="nofollow noreferrer">Exit this page</a>
  <div class="demo-width">
    <span class="demo-logo">Example Council</span>
  </div>
</header>
<div class="demo-width">
  <main id="main" class="demo-main" tabindex="-1">
    <div class="govuk-exit-this-page" data-module="govuk-exit-this-page">
      <a href="{exit_url}" role="button" draggable="false"
         class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
         rel="nofollow noreferrer"><span class="govuk-visually-hidden">Emergency</span> Exit this page</a>
    </div>
    <h1>Community help and advice</h1>
    <p class="demo-lead">Find local support, information and advice, at any time of day.</p>
    <p>This is a demonstration page. It shows how the Stronger Safer Gloucester chat can sit on
      a council or partner website with one line of code.</p>
    <h2>Ask a question</h2>
    <p>Use the <strong>chat</strong> button in the corner of the screen. You do not need to give
      your name, and nothing from the chat is saved on this device.</p>
    <h2>Leaving this page quickly</h2>
    <p>Select <strong>Exit this page</strong>, or press the <kbd>Shift</kbd> key three times, to
      leave this page straight away. The chat is deleted and a weather website opens instead.
      This does not erase your browsing history.</p>
    <h2>Add the chat to your website</h2>
    <p>Serve the widget from the same address as your page, then add:</p>
    <pre class="demo-code"><code>{snippet}</code></pre>
  </main>
</div>
<footer class="demo-footer">
  <div class="demo-width">
    <p>Example Council is a made-up organisation used to demonstrate the chat.</p>
  </div>
</footer>
{script}
</body>
</html>
"""

SNIPPET = (
    '<script src="/widget/ssgp-chat.js" defer data-title="Chat to us" '
    'data-greeting="Hello. I can help you find support and information in Gloucester." '
    'data-primary-colour="#1d5e82"></script>'
)


async def demo_page(request: web.Request) -> web.Response:
    """A neutral council-style page that embeds the widget with the one-line snippet."""
    settings = request.app[SETTINGS_KEY]
    body = DEMO_PAGE.format(
        exit_url=html.escape(safe_exit_url(settings.exit_url)),
        snippet=html.escape(SNIPPET),
        script=SNIPPET,
    )
    return web.Response(text=body, content_type="text/html", charset="utf-8")


async def widget_config(request: web.Request) -> web.Response:
    """Same-origin settings the widget needs before the first message."""
    settings = request.app[SETTINGS_KEY]
    return web.json_response(
        {
            "exit_url": safe_exit_url(settings.exit_url),
            "max_chars": settings.chat_max_chars,
            # The language menu: each language named in itself, with its writing direction.
            "languages": [
                {"code": code, "name": strings_for(code)["language_name"], "dir": direction(code)}
                for code in languages()
            ],
            "fonts": installed_fonts(),
        }
    )


async def widget_strings(request: web.Request) -> web.Response:
    """The widget's interface strings in one language, directory tokens filled (999 and so on).

    Fetched by the widget when the conversation's language changes; nothing is stored on the
    device (the browser's HTTP cache may keep this public, person-independent file).
    """
    lang = request.match_info["lang"]
    if not supported(lang):
        return web.json_response({"error": "That language is not available.", "status": 404}, status=404)
    # The services directory is read once per request, for all the strings.
    from services_directory import load_directory

    tokens = ContactTokens(load_directory(request.app[SETTINGS_KEY].directory_path).contact_tokens())
    strings = {name: fill(text, tokens) for name, text in strings_for(lang).items() if not name.startswith("telegram_")}
    response = web.json_response({"language": lang, "dir": direction(lang), "strings": strings})
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def setup(app: web.Application) -> None:
    app.router.add_get("/", demo_page)
    # Registered before the static route so it is matched first.
    app.router.add_get("/widget/config.json", widget_config)
    app.router.add_get("/widget/strings/{lang:[a-z]{2}}.json", widget_strings)
    app.router.add_get("/widget/fonts/{name:[a-z0-9-]+\\.woff2}", font_file)
    app.router.add_static("/widget", STATIC_DIR, show_index=False, follow_symlinks=False)
