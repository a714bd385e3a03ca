"""Browser fixtures for the widget tests: Debian's Chromium driven by Playwright (never a
downloaded browser), a fresh empty profile per context, and a recorder of every request the
page makes, of CSP violations and of console errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    CSP_RECORDER,
    DESKTOP,
    Recorder,
    StubSite,
    ThreadedApps,
    free_port,
)
from stub_rasa import TOKEN, StubRasa

from bot.web.app import create_app
from ssgp_settings import Settings


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium (never download a browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def open_context(playwright_instance, tmp_path) -> Iterator[Callable[..., tuple[Any, Recorder]]]:
    """Opens a browser context with an empty profile; returns (context, recorder)."""
    contexts: list[Any] = []

    def _open(viewport: dict[str, int] = DESKTOP, **options: Any) -> tuple[Any, Recorder]:
        profile = tmp_path / f"profile-{len(contexts)}"
        profile.mkdir()
        context = playwright_instance.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=viewport,
            **options,
        )
        contexts.append(context)
        context.add_init_script(CSP_RECORDER)
        recorder = Recorder()
        recorder.attach(context)
        return context, recorder

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def stub_site() -> Iterator[StubSite]:
    apps = ThreadedApps()
    rasa = StubRasa()
    rasa_port = apps.start(rasa.app())
    web_port = free_port()
    url = f"http://127.0.0.1:{web_port}"
    settings = Settings(
        rasa_port=rasa_port,
        internal_token=TOKEN,
        # A local page, so the quick exit never leaves this machine. (/healthz is registered first,
        # so it resolves before other features' routes.)
        exit_url=f"{url}/healthz",
        chat_rate_per_minute=1000,
    )
    app = create_app(settings)
    apps.start(app, web_port)
    try:
        yield StubSite(url=url, exit_url=settings.exit_url, rasa=rasa)
    finally:
        apps.close()
