"""``python -m bot run``: start the Rasa server, the action server and the web app together.

Runs in the foreground; Ctrl-C (or SIGTERM) stops all three cleanly. If one of them dies, the
others are stopped too, so a half-working service is never left running.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from bot.model_cache import ensure_model, verified
from bot.settings import PROJECT_ROOT, Settings

STOP_GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 180


def write_runtime_config(settings: Settings, runtime_dir: Path) -> tuple[Path, Path]:
    """Endpoints and credentials for this run, with this run's ports and optional channels."""
    runtime_dir.mkdir(parents=True, exist_ok=True)
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text()) or {}
    endpoints["action_endpoint"] = {
        **(endpoints.get("action_endpoint") or {}),
        "url": f"http://{settings.action_host}:{settings.action_port}/webhook",
    }
    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()) or {}
    credentials.update(optional_channels())
    endpoints_path = runtime_dir / "endpoints.yml"
    credentials_path = runtime_dir / "credentials.yml"
    endpoints_path.write_text(yaml.safe_dump(endpoints))
    credentials_path.write_text(yaml.safe_dump(credentials))
    return endpoints_path, credentials_path


def optional_channels() -> dict[str, dict]:
    """Channels that are enabled only when configured (Telegram needs a bot token)."""
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        return {}
    return {"bot.channels.telegram.TelegramInput": {}}


def _wait_ready(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
                return True
        except urllib.error.HTTPError:
            return True  # it answered
        except OSError:
            time.sleep(0.3)
    return False


class Supervisor:
    """Owns the child processes and stops them together."""

    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen] = {}
        self.stopping = False

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        # Each child gets its own process group so Ctrl-C is handled once, here.
        proc = subprocess.Popen(args, env=env, cwd=PROJECT_ROOT, start_new_session=True)  # noqa: S603
        self.procs[name] = proc
        return proc

    def stop(self, *_: object) -> None:
        if self.stopping:
            return
        self.stopping = True
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def watch(self) -> int:
        """Block until a stop is requested (exit 0) or a child dies (exit 1)."""
        while True:
            if self.stopping:
                return 0
            for name, proc in self.procs.items():
                code = proc.poll()
                if code is not None and not self.stopping:
                    print(f"{name} stopped (exit code {code}); stopping the others.", file=sys.stderr)
                    self.stop()
                    return 1
            time.sleep(0.5)


def child_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SSGP_INTERNAL_TOKEN", settings.internal_token or secrets.token_urlsafe(32))
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["SANIC_ACCESS_LOG"] = "False"  # Sanic's access log records client addresses
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def main(argv: list[str]) -> int:
    settings = Settings.from_env()
    model = verified(settings.model_path) if settings.model_path else ensure_model(settings)
    env = child_env(settings)
    endpoints, credentials = write_runtime_config(settings, settings.var_dir / "runtime")
    supervisor = Supervisor()
    signal.signal(signal.SIGINT, supervisor.stop)
    signal.signal(signal.SIGTERM, supervisor.stop)

    supervisor.start("action server", [sys.executable, "-m", "bot", "actions"], env)
    rasa = supervisor.start(
        "rasa server",
        [
            sys.executable, "-m", "bot", "rasa", "run",
            "--model", str(model),
            "--interface", settings.rasa_host,
            "--port", str(settings.rasa_port),
            "--endpoints", str(endpoints),
            "--credentials", str(credentials),
            "--response-timeout", "30",
        ],
        env,
    )
    web = supervisor.start("web app", [sys.executable, "-m", "bot", "web"], env)
    ready = _wait_ready(f"{settings.rasa_url}/", rasa, READY_TIMEOUT_SECONDS) and _wait_ready(
        f"http://{settings.web_host}:{settings.web_port}/healthz", web, 30
    )
    if ready and not supervisor.stopping:
        print(
            f"\nReady. Web chat and staff pages: http://{settings.web_host}:{settings.web_port}/\n"
            f"Rasa REST channel (private): {settings.rasa_url}/webhooks/rest/webhook\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
    return supervisor.watch()
