"""The documented same-origin set-up, as written: the nginx snippet from docs/README-widget.md in
front of the web app, and a council page on the same nginx using the documented script tag.

Needs nginx (Debian's nginx-light); skipped where it is not installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from browser_support import ThreadedApps, free_port
from playwright.sync_api import expect
from stub_rasa import TOKEN, StubRasa

from bot.web.app import create_app
from ssgp_settings import Settings

pytestmark = pytest.mark.browser

DOC = Path(__file__).resolve().parents[2] / "docs" / "README-widget.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def doc_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return next(b for b in blocks if containing in b)


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[str, StubRasa]]:
    if NGINX is None:
        if os.environ.get("CI"):  # CI installs it (scripts/ensure_nginx.sh): never skip there
            pytest.fail("nginx is not installed: scripts/ensure_nginx.sh should have installed it")
        pytest.skip("nginx is not installed (apt-get install -y nginx-light)")
    apps = ThreadedApps()
    rasa = StubRasa()
    rasa_port = apps.start(rasa.app())
    app_port, site_port, nginx_port = free_port(), free_port(), free_port()
    site = f"http://127.0.0.1:{nginx_port}"
    apps.start(
        create_app(Settings(rasa_port=rasa_port, internal_token=TOKEN, exit_url=f"{site}/left")), app_port
    )
    script_tag = doc_block("html", 'src="/widget/ssgp-chat.js"')

    async def council_page(request: web.Request) -> web.Response:
        body = (
            '<!doctype html><html lang="en"><head><title>Council</title><link rel="icon" href="data:,">'
            "</head><body><main><h1>Council page</h1></main>" + script_tag + "</body></html>"
        )
        return web.Response(text=body, content_type="text/html")

    async def left(request: web.Request) -> web.Response:
        return web.Response(text="left", content_type="text/plain")

    council = web.Application()
    council.router.add_get("/", council_page)
    council.router.add_get("/left", left)
    apps.start(council, site_port)
    snippet = doc_block("nginx", "location /widget/").replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    temp = [f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"daemon off;\nworker_processes 1;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\nhttp {\n  access_log off;\n  " + "\n  ".join(temp) + "\n"
        f"  server {{\n    listen 127.0.0.1:{nginx_port};\n"
        f"    location / {{ proxy_pass http://127.0.0.1:{site_port}; }}\n"
        + snippet
        + "  }\n}\n"
    )
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(site + "/widget/config.json", timeout=1).read()
                break
            except OSError:
                if nginx.poll() is not None:
                    pytest.fail(f"nginx did not start: {nginx.stderr.read().decode()}")
                time.sleep(0.05)
        yield site, rasa
    finally:
        nginx.terminate()
        nginx.wait(10)
        apps.close()


def test_documented_nginx_snippet_serves_the_widget_same_origin(open_context, proxied):
    site, rasa = proxied
    context, recorder = open_context()
    page = context.new_page()
    page.goto(site + "/")
    page.locator(".ssgp-launcher").click()
    page.locator(".ssgp-input").fill("hello through the proxy")
    page.keyboard.press("Enter")
    expect(page.locator(".ssgp-msg--bot").last).to_contain_text("Stub reply.")
    assert [c["message"] for c in rasa.chats] == ["hello through the proxy"]
    sender = rasa.chats[-1]["sender"]
    page.get_by_role("button", name="Start again").click()
    for _ in range(50):
        if {"sender": sender} in rasa.forgets:
            break
        page.wait_for_timeout(100)
    assert {"sender": sender} in rasa.forgets
    assert recorder.off_origin(site) == []
    assert recorder.console_errors == [] and recorder.page_errors == []
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(site + "/left")
