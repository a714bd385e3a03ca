"""Hardening of the public web app (issue 14): compressed bodies, headers on every response,
client addresses behind a trusted proxy, the 999 line in a 429, malformed-request logging and
the start-up warning about cookies.

The compressed-body and malformed-request tests run the real web app process
(``python -m bot web``) and measure it from /proc.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.web.app import SECURITY_HEADERS, create_app, startup_warnings
from bot.web.client_address import resolve
from content.tokens import with_contacts
from ssgp_settings import DEFAULT_DIRECTORY_PATH, Settings

ROOT = Path(__file__).resolve().parents[2]
CID = "conv_0123456789abcdefABCDEF-xyz"
EMERGENCY = with_contacts("{phone:police-emergency}", DEFAULT_DIRECTORY_PATH)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WebProcess:
    def __init__(self, tmp: Path, **extra_env: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "web.log"
        env = {
            **os.environ,
            "WEB_PORT": str(self.port),
            "RASA_PORT": str(_free_port()),  # nothing there: chat answers 503, which is fine here
            "SSGP_VAR_DIR": str(tmp / "var"),
            "DATABASE_URL": f"sqlite:///{tmp / 'concerns.sqlite3'}",
            "SSGP_INTERNAL_TOKEN": secrets.token_urlsafe(16),
            "PYTHONPATH": str(ROOT),
            **extra_env,
        }
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "web"], cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log_path.read_text()
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("web app did not start:\n" + self.log_path.read_text())

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


@pytest.fixture(scope="module")
def web_process(tmp_path_factory) -> Iterator[WebProcess]:
    process = WebProcess(tmp_path_factory.mktemp("web"))
    yield process
    process.stop()


def _deflate_bomb() -> bytes:
    # Zeros compress about 1000:1: this is the case, ~48 KB that unpacks to ~48 MB,
    # wrapped in a JSON-looking prefix so a parser would keep reading.
    body = zlib.compress(b'{"conversation_id": "' + b"0" * (48 * 1024 * 1024) + b'"}', 9)
    assert 40_000 < len(body) < 60_000
    return body


@pytest.mark.parametrize("path,content_type", [
    ("/api/chat", "application/json"),
    ("/api/forget", "text/plain"),
    ("/services/gdass/report", "application/x-www-form-urlencoded"),
    ("/review/login", "application/x-www-form-urlencoded"),
    ("/no/such/route", "application/json"),
])
@pytest.mark.parametrize("encoding", ["deflate", "gzip"])
def test_compressed_bodies_are_refused_without_unpacking(web_process, path, content_type, encoding):
    bomb = _deflate_bomb()
    if encoding == "gzip":
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        bomb = compressor.compress(zlib.decompress(bomb)) + compressor.flush()
    headers = {"Content-Type": content_type, "Content-Encoding": encoding, "Origin": web_process.url,
               "Sec-Fetch-Site": "same-origin"}
    web_process.post(path, b"{}", {"Content-Type": "application/json"})  # warm the route
    before = web_process.rss_kb()
    statuses = [web_process.post(path, bomb, headers)[0] for _ in range(3)]
    grown_mb = (web_process.rss_kb() - before) / 1024
    # Refused (415); an unknown route may say 404 or 405 first, but nothing is unpacked either way.
    assert all(s in (415, 404, 405) for s in statuses), statuses
    if path != "/no/such/route":
        assert statuses == [415, 415, 415]
    assert grown_mb < 4, f"the web app grew by {grown_mb:.1f} MB"


def test_refusal_says_why(web_process):
    status, body = web_process.post(
        "/api/chat", zlib.compress(b'{"conversation_id": "x", "message": "hi"}'),
        {"Content-Type": "application/json", "Content-Encoding": "deflate"},
    )
    assert status == 415 and b"uncompressed" in body


@pytest.mark.parametrize("path", ["/review/login", "/services/gdass/report", "/api/chat"])
def test_multipart_bodies_are_refused(web_process, path):
    boundary = "b0undary"
    part = f'--{boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n'
    body = (part * 50 + f"--{boundary}--\r\n").encode()
    status, text = web_process.post(path, body, {
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": web_process.url,
        "Sec-Fetch-Site": "same-origin",
    })
    assert status == 415 and b"ordinary form data" in text


@pytest.mark.parametrize("path", ["/review/login", "/services/gdass/report"])
def test_oversized_form_bodies_are_refused_before_parsing(web_process, path):
    """Many tiny form fields cost aiohttp time to split (CVE-2026-128126): forms are capped at 64 KB."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": web_process.url,
               "Sec-Fetch-Site": "same-origin"}
    status, text = web_process.post(path, b"&" * (200 * 1024), headers)
    assert status == 413 and b"too large" in text
    # An ordinary form still reaches the page (which then judges it on its own terms).
    status, _ = web_process.post(path, b"username=a&password=b", headers)
    assert status != 413


def test_malformed_header_lines_are_not_logged_with_tracebacks(web_process):
    marker = "Zebedee" + secrets.token_hex(4)
    with socket.create_connection(("127.0.0.1", web_process.port), timeout=10) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: {marker}\x01\r\n{marker} no colon\r\n\r\n".encode())
        reply = sock.recv(4096)
    assert reply.split(b" ")[1] == b"400"
    server = [line for line in reply.split(b"\r\n") if line.lower().startswith(b"server:")]
    assert server and b"aiohttp" not in server[0] and not any(chr(c).isdigit() for c in server[0])
    time.sleep(0.3)
    log = web_process.log_path.read_text(errors="replace")
    assert marker not in log
    assert "Traceback" not in log
    assert "rejected a malformed HTTP request" in log


# --- headers on every response ---------------------------------------------------------------


@pytest.fixture
async def app_client(aiohttp_client, tmp_path):
    return await aiohttp_client(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}")))


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/no-such-page", 404),
    ("GET", "/api/no-such-api", 404),
    ("GET", "/api/chat", 405),
    ("GET", "/review", 302),
    ("GET", "/review/", 303),
    ("GET", "/healthz", 200),
])
async def test_security_headers_on_every_response(app_client, method, path, status):
    response = await app_client.request(method, path, allow_redirects=False)
    assert response.status == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    server = response.headers.get("Server", "")
    assert "aiohttp" not in server.lower() and "python" not in server.lower()
    assert not any(ch.isdigit() for ch in server), server


def test_warns_when_cookies_are_not_secure_off_loopback():
    assert startup_warnings(Settings(web_host="127.0.0.1", secure_cookies=False)) == []
    assert startup_warnings(Settings(web_host="::1", secure_cookies=False)) == []
    assert startup_warnings(Settings(web_host="0.0.0.0", secure_cookies=True)) == []
    [warning] = startup_warnings(Settings(web_host="0.0.0.0", secure_cookies=False))
    assert "SECURE_COOKIES" in warning


def test_the_running_web_app_logs_the_cookie_warning_at_start(tmp_path):
    """The warning above reaches the operator: the real process logs it when it starts."""
    process = WebProcess(tmp_path, WEB_HOST="0.0.0.0", SECURE_COOKIES="false")
    try:
        log = process.log_path.read_text()
    finally:
        process.stop()
    assert "SECURE_COOKIES is off while WEB_HOST=0.0.0.0" in log, log
    (tmp_path / "loopback").mkdir()
    quiet = WebProcess(tmp_path / "loopback", SECURE_COOKIES="false")
    quiet.stop()
    assert "SECURE_COOKIES is off" not in quiet.log_path.read_text()


@pytest.mark.parametrize(
    ("name", "value"),
    [("WIDGET_ALLOWED_ORIGINS", "partner.example.gov.uk"), ("WIDGET_ALLOWED_ORIGINS", "https://x.gov.uk/chat"),
     ("TRUSTED_PROXIES", "my-proxy")],
)
def test_a_malformed_origin_or_proxy_stops_the_start_with_the_reason(tmp_path, name, value):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SSGP_VAR_DIR": str(tmp_path), name: value,
           "WEB_PORT": str(_free_port())}
    done = subprocess.run([sys.executable, "-m", "bot", "web"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    assert name in done.stderr and repr(value) in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


# --- client addresses ------------------------------------------------------------------------


def test_forwarded_for_is_believed_only_from_trusted_proxies():
    proxies = ("10.0.0.0/8", "127.0.0.1")
    # Not from a trusted proxy: the header is whatever the client wrote, ignored.
    assert resolve("203.0.113.9", ["198.51.100.1"], proxies) == "203.0.113.9"
    assert resolve("127.0.0.1", ["198.51.100.1"], ()) == "127.0.0.1"
    # From our proxy: the right-most address it did not add itself.
    assert resolve("127.0.0.1", ["198.51.100.1"], proxies) == "198.51.100.1"
    assert resolve("127.0.0.1", ["6.6.6.6, 198.51.100.1, 10.1.2.3"], proxies) == "198.51.100.1"
    assert resolve("127.0.0.1", ["6.6.6.6", "198.51.100.1"], proxies) == "198.51.100.1"
    assert resolve("127.0.0.1", ["[2001:db8::7]:443"], proxies) == "2001:db8::7"
    # Nothing forwarded, or only our own proxies: the request started inside.
    assert resolve("127.0.0.1", [], proxies) == "127.0.0.1"
    assert resolve("::ffff:127.0.0.1", ["10.0.0.5"], proxies) == "127.0.0.1"


def test_trusted_proxies_setting_is_checked(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")
    assert Settings.from_env().trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    monkeypatch.setenv("TRUSTED_PROXIES", "my-proxy")
    with pytest.raises(SystemExit):
        Settings.from_env()


async def _chat_statuses(client, forwarded_for: str | None, count: int) -> list[int]:
    headers = {"Content-Type": "application/json"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    # Malformed bodies: counted by the address limit like any request, and need no Rasa.
    return [(await client.post("/api/chat", data=b"{bad", headers=headers)).status for _ in range(count)]


async def test_behind_the_proxy_one_client_cannot_rate_limit_everyone(aiohttp_client):
    settings = Settings(chat_rate_per_minute=1, trusted_proxies=("127.0.0.1/32",))
    client = await aiohttp_client(create_app(settings))
    # The address limit is 3 a minute here: the fourth from one resident is refused...
    assert await _chat_statuses(client, "198.51.100.1", 5) == [400, 400, 400, 429, 429]
    # ...while another resident behind the same proxy is not affected.
    assert await _chat_statuses(client, "198.51.100.2", 3) == [400, 400, 400]
    # A resident cannot dodge the limit by writing their own X-Forwarded-For: the proxy appends.
    assert await _chat_statuses(client, "1.2.3.4, 198.51.100.1", 1) == [429]


async def test_without_trusted_proxies_the_header_is_ignored(aiohttp_client):
    client = await aiohttp_client(create_app(Settings(chat_rate_per_minute=1)))
    statuses = []
    for i in range(5):  # a different forged address each time: still one client
        statuses += await _chat_statuses(client, f"198.51.100.{i}", 1)
    assert statuses == [400, 400, 400, 429, 429]


async def test_429_carries_the_999_line(aiohttp_client):
    client = await aiohttp_client(create_app(Settings(chat_rate_per_minute=1)))
    await _chat_statuses(client, None, 3)
    response = await client.post("/api/chat", json={"conversation_id": CID, "message": "help"})
    assert response.status == 429 and int(response.headers["Retry-After"]) >= 1
    error = (await response.json())["error"]
    assert "danger" in error and EMERGENCY in error and "{" not in error
