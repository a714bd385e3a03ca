"""Shared fixtures. ``live_service`` runs the real assistant: trained model, Rasa server, action
server and web app, started by the same supervisor ``make run`` uses, on free loopback ports."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SSGP_SHARED_DIR", ROOT.parent / "shared"))
START_TIMEOUT = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@dataclass
class LiveService:
    """A running assistant started by ``python -m bot run``."""

    web_url: str
    rasa_url: str
    internal_token: str
    log_path: Path
    var_dir: Path
    process: subprocess.Popen
    env: dict[str, str] = field(default_factory=dict)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_service(tmp_dir: Path, extra_env: dict[str, str] | None = None) -> LiveService:
    """Start the whole service; raises if it is not ready in time."""
    token = secrets.token_urlsafe(24)
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "WEB_PORT": free_port()}
    var_dir = tmp_dir / "var"
    env = {
        **os.environ,
        **{k: str(v) for k, v in ports.items()},
        "SSGP_INTERNAL_TOKEN": token,
        "SSGP_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'concerns.sqlite3'}",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    env.setdefault("EXIT_URL", f"http://127.0.0.1:{ports['WEB_PORT']}/healthz")
    log_path = tmp_dir / "service.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    service = LiveService(
        web_url=f"http://127.0.0.1:{ports['WEB_PORT']}",
        rasa_url=f"http://127.0.0.1:{ports['RASA_PORT']}",
        internal_token=token,
        log_path=log_path,
        var_dir=var_dir,
        process=process,
        env=env,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"service exited early:\n{service.log_text()[-4000:]}")
        if _answers(service.rasa_url + "/") and _answers(service.web_url + "/healthz"):
            # Rasa answers only once the model is loaded; the action server may lag a moment.
            time.sleep(0.5)
            return service
        time.sleep(0.5)
    service.stop()
    raise RuntimeError(f"service not ready in {START_TIMEOUT}s:\n{service.log_text()[-4000:]}")


@pytest.fixture(scope="session")
def live_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    service = start_service(tmp_path_factory.mktemp("live"))
    yield service
    service.stop()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}; set SSGP_SHARED_DIR")
    return SHARED


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Each test reads the environment afresh: ``get_settings()`` caches per process, and tests
    change the environment with monkeypatch."""
    from ssgp_settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the sync-Playwright browser tests last.

    The session-wide sync Playwright keeps its event loop marked as running in the main thread
    until the session ends, so any async test collected after the first browser test would fail
    with "Runner.run() cannot be called from a running event loop"."""
    browser = [item for item in items if "playwright_instance" in getattr(item, "fixturenames", ())]
    if browser:
        others = [item for item in items if "playwright_instance" not in getattr(item, "fixturenames", ())]
        items[:] = others + browser
