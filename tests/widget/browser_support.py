"""Helpers for the widget's browser tests: Chromium settings, a request recorder, a threaded
server for aiohttp apps, storage and axe checks, screenshots."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp import web
from stub_rasa import StubRasa

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "widget"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# Collects CSP violations from the first moment of each document (init scripts run via the
# DevTools protocol, so the page's CSP does not block them).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


@dataclass
class Recorder:
    """Everything a browser context asked for, and what went wrong on its pages."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page: Any) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))

    def off_origin(self, base: str) -> list[str]:
        return [url for url in self.requests if not same_origin(url, base)]


class ThreadedApps:
    """Runs aiohttp apps on loopback in a background thread, so sync Playwright can drive them."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.runners: list[web.AppRunner] = []

    def start(self, app: web.Application, port: int = 0) -> int:
        async def _start() -> int:
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", port)
            await site.start()
            self.runners.append(runner)
            return runner.addresses[0][1]

        return asyncio.run_coroutine_threadsafe(_start(), self.loop).result(30)

    def close(self) -> None:
        for runner in reversed(self.runners):
            asyncio.run_coroutine_threadsafe(runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@dataclass
class StubSite:
    """The real web app and widget, in front of a stand-in Rasa; the exit page is local."""

    url: str
    exit_url: str
    rasa: StubRasa


def rasa_exists(rasa_url: str, token: str, sender: str) -> bool:
    """Ask the real Rasa's private endpoint whether it still holds a conversation."""
    request = urllib.request.Request(
        rasa_url + "/webhooks/private/exists",
        data=json.dumps({"sender": sender}).encode(),
        headers={"Content-Type": "application/json", "X-Internal-Token": token},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return bool(json.load(response)["exists"])


def storage_report(page: Any, context: Any) -> dict[str, Any]:
    """Everything a page could have left on the device."""
    report = page.evaluate(
        """async () => ({
            localStorage: window.localStorage.length,
            sessionStorage: window.sessionStorage.length,
            indexedDB: (await indexedDB.databases()).map((d) => d.name),
            cookie: document.cookie,
            caches: 'caches' in window ? (await caches.keys()) : [],
        })"""
    )
    report["context_cookies"] = context.cookies()
    return report


EMPTY_STORAGE = {
    "localStorage": 0,
    "sessionStorage": 0,
    "indexedDB": [],
    "cookie": "",
    "caches": [],
    "context_cookies": [],
}


def run_axe(page: Any, context_selector: str | None = None) -> list[dict[str, Any]]:
    """Runs axe-core (from widget/node_modules) and returns its violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} missing: run `make widget` (cd widget && npm ci && npm run build)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (selector) => {
            const results = await axe.run(selector || document, { resultTypes: ['violations'] });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
            }));
        }""",
        context_selector,
    )
    return result


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# Generous: the first message of a live service wakes the action server.
REPLY_TIMEOUT = 60_000


def ask(page: Any, text: str, timeout: int = REPLY_TIMEOUT) -> list[str]:
    """Type ``text`` into the widget, wait for the whole reply, and return the new bot bubbles' text."""
    from playwright.sync_api import expect

    bots = page.locator(".ssgp-msg--bot")
    before = bots.count()
    page.locator(".ssgp-input").fill(text)
    page.keyboard.press("Enter")
    expect(bots).not_to_have_count(before, timeout=timeout)
    expect(page.locator(".ssgp-typing--on")).to_have_count(0, timeout=timeout)
    expect(page.locator(".ssgp-msg--error")).to_have_count(0)
    return [bots.nth(i).inner_text() for i in range(before, bots.count())]


def open_widget(page: Any, url: str, *, with_languages: bool = False) -> None:
    """Load the test page at ``url`` and open the chat (and wait for the language button)."""
    from playwright.sync_api import expect

    page.goto(url + "/")
    launcher = page.locator(".ssgp-launcher")
    expect(launcher).to_be_visible()
    launcher.click()
    expect(page.locator(".ssgp-input")).to_be_focused()
    if with_languages:
        expect(page.locator(".ssgp-language")).to_be_visible()  # once config.json has the languages


def send(page: Any, text: str) -> None:
    """Type ``text``, press Enter, and wait until the reply has arrived and the typing dots are gone."""
    from playwright.sync_api import expect

    bots_before = page.locator(".ssgp-msg--bot").count()
    page.locator(".ssgp-input").fill(text)
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--bot")).not_to_have_count(bots_before)
    expect(page.locator(".ssgp-typing--on")).to_have_count(0)


def wait_for(predicate: Any, page: Any, what: str) -> None:
    """Poll a condition that depends on a background request (sendBeacon, a server-side forget)."""
    for _ in range(50):
        if predicate():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never happened: {what}")
