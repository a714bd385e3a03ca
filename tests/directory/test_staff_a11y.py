"""Staff page in a real browser: axe-core finds no accessibility violations, everything works with
JavaScript switched off (search and the report form), nothing is fetched from anywhere else, and the
print view hides the controls. Debian's Chromium driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from directory_support import ROOT

from bot.web.app import create_app
from bot.web.staff_reports import REPORTS_FILE
from ssgp_settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "bot" / "web" / "staff" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    "/services",
    "/services?q=cuckooing&area=Kingsholm",
    "/services?need=domestic-abuse&audience=men&open_now=1",
    "/services?need=bogus",
    "/services?q=zzzqqq",
    "/services/gdass/report",
    "/services/gdass/report/sent",
]


@pytest.fixture
async def site(aiohttp_server, tmp_path: Path):
    server = await aiohttp_server(create_app(Settings(var_dir=tmp_path / "var")))
    return f"http://{server.host}:{server.port}", tmp_path / "var"


@pytest.fixture
async def browser(tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium (never download a browser)")
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} missing: run `npm ci` in bot/web/staff")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        await launched.close()


async def _axe(page) -> list[str]:
    # Evaluated through DevTools, so the page's strict CSP (no inline script) stays switched on.
    await page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = await page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
            return r.violations.map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.map(n => n.target).join(' | '));
        }"""
    )
    return list(result)


async def test_no_accessibility_violations(site, browser) -> None:
    base, _ = site
    context = await browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    problems = {}
    for path in PAGES:
        await page.goto(base + path)
        violations = await _axe(page)
        if violations:
            problems[path] = violations
    # Mobile width too: the layout must reflow without hiding anything.
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(base + "/services?q=domestic+abuse")
    if violations := await _axe(page):
        problems["mobile"] = violations
    await context.close()
    assert problems == {}, json.dumps(problems, indent=1)
    # No CSP violations or script errors (the deliberately bad search answers 400, which Chrome logs).
    assert [e for e in errors if "status of 400" not in e] == []
    base_netloc = urlsplit(base).netloc
    assert [u for u in requests if urlsplit(u).netloc != base_netloc] == []


async def test_works_without_javascript(site, browser) -> None:
    base, var_dir = site
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(base + "/services")
    await page.fill("#q", "county lines")
    await page.select_option("#audience", "young-people")
    await page.click("button[type=submit]")
    assert "q=county+lines" in page.url
    text = await page.inner_text("main")
    assert "Fearless" in text and "services found" in text
    # Copyable text is native <details>: opens without scripts.
    await page.click("details summary >> nth=0")
    assert await page.is_visible("pre.ssgp-copy >> nth=0")
    # The report form: a real browser post passes the same-origin check and lands in the file.
    await page.click("text=Report an outdated record >> nth=0")
    await page.fill("#note", "The opening hours on the website are different now.")
    await page.click("button[type=submit]")
    assert page.url.endswith("/report/sent")
    assert "Report sent" in await page.inner_text("main")
    [line] = (var_dir / REPORTS_FILE).read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["note"] == "The opening hours on the website are different now."
    # An empty report is refused with an error message linked to the field.
    await page.goto(base + "/services/gdass/report")
    await page.click("button[type=submit]")
    assert "There is a problem" in await page.inner_text("main")
    assert await page.get_attribute("#note", "aria-describedby") == "note-hint note-error"
    await context.close()


async def test_print_view_hides_controls(site, browser) -> None:
    base, _ = site
    page = await browser.new_page()
    await page.goto(base + "/services?q=samaritans")
    await page.emulate_media(media="print")
    assert not await page.is_visible("form")
    assert not await page.is_visible("text=Report an outdated record")
    assert await page.is_visible("h3:has-text('Samaritans')")
    assert "116 123" in await page.inner_text("main")
    await page.close()
