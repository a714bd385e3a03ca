"""``python -m bot run``: start the Rasa server, the action server and the web app together.

Runs in the foreground; Ctrl-C (or SIGTERM) stops all of them cleanly. With one Rasa process
(RASA_WORKERS=1, the default) conversations live in its memory and, if one process dies, the others
are stopped too, so a half-working service is never left running. With RASA_WORKERS of 2 or more,
the workers share conversations through Redis (a private memory-only redis-server unless REDIS_URL
is set) and any process that dies is started again.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.model_cache import ensure_model, verified
from bot.redis_store import (
    DEFAULT_LOCK_LIFETIME_SECONDS,
    PrivateRedis,
    RedisAddress,
    endpoint_env,
    endpoint_sections,
)
from ssgp_settings import PROJECT_ROOT, Settings, get_settings

STOP_GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 180
REDIS_PASSWORD_ENV = "SSGP_REDIS_PASSWORD"  # noqa: S105 - the name of a variable, not a secret


def write_runtime_config(
    settings: Settings, runtime_dir: Path, shared: bool = False, channels: bool = True
) -> tuple[Path, Path]:
    """Endpoints and credentials for this run, with this run's ports and optional channels.

    ``shared``: conversations and locks in Redis (several workers). ``channels=False`` leaves out
    the optional channels (Telegram polling must run in one worker only).
    """
    runtime_dir.mkdir(parents=True, exist_ok=True)
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text()) or {}
    endpoints["action_endpoint"] = {
        **(endpoints.get("action_endpoint") or {}),
        "url": f"http://{settings.action_host}:{settings.action_port}/webhook",
    }
    if shared:
        endpoints.update(endpoint_sections(REDIS_PASSWORD_ENV))
    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()) or {}
    if channels:
        credentials.update(optional_channels(settings))
    suffix = ("-shared" if shared else "") + ("" if channels else "-nochannels")
    endpoints_path = runtime_dir / f"endpoints{suffix}.yml"
    credentials_path = runtime_dir / f"credentials{suffix}.yml"
    endpoints_path.write_text(yaml.safe_dump(endpoints))
    credentials_path.write_text(yaml.safe_dump(credentials))
    return endpoints_path, credentials_path


def optional_channels(settings: Settings) -> dict[str, dict]:
    """Channels that are enabled only when configured (Telegram needs a bot token)."""
    if not settings.telegram_bot_token:
        return {}
    return {"bot.channels.telegram.channel.TelegramInput": {}}


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


@dataclass
class Child:
    """A supervised process and how to start it again."""

    starter: Callable[[], subprocess.Popen]
    restart: bool
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0  # quick deaths in a row, for the restart back-off


class Supervisor:
    """Owns the child processes and stops them together.

    A child started with ``restart=True`` (with RASA_WORKERS of 2 or more: every Rasa worker, the
    action server, the web app and the private redis-server) is started again when it dies, after a
    back-off that grows while it keeps dying quickly; any other child dying stops the whole service,
    so it is never left half-working.
    """

    def __init__(self) -> None:
        self.children: dict[str, Child] = {}
        self.stopping = False

    @property
    def procs(self) -> dict[str, subprocess.Popen]:
        return {name: c.proc for name, c in self.children.items() if c.proc is not None}

    def start(self, name: str, args: list[str], env: dict[str, str], restart: bool = False) -> subprocess.Popen:
        # Each child gets its own process group so Ctrl-C is handled once, here.
        def starter() -> subprocess.Popen:
            return subprocess.Popen(args, env=env, cwd=PROJECT_ROOT, start_new_session=True)  # noqa: S603

        return self.add(name, starter, restart)

    def add(self, name: str, starter: Callable[[], subprocess.Popen], restart: bool = False) -> subprocess.Popen:
        child = Child(starter=starter, restart=restart)
        self.children[name] = child
        child.proc, child.started_at = starter(), time.monotonic()
        return child.proc

    def stop(self, *_: object) -> None:
        if self.stopping:
            return
        self.stopping = True
        procs = list(self.procs.values())
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _restart(self, name: str, child: Child, code: int) -> None:
        now = time.monotonic()
        # Died within a minute of starting: wait longer each time (1, 2, 4 ... 30 s).
        child.failures = child.failures + 1 if now - child.started_at < 60 else 0
        delay = min(30.0, 2.0 ** max(0, child.failures - 1)) if child.failures else 0.0
        print(f"{name} stopped (exit code {code}); restarting it in {delay:.0f} s.", file=sys.stderr, flush=True)
        wake = now + delay
        while time.monotonic() < wake and not self.stopping:
            time.sleep(0.1)
        if self.stopping:
            return
        try:
            child.proc, child.started_at = child.starter(), time.monotonic()
        except (OSError, RuntimeError) as exc:
            print(f"{name} could not be restarted ({exc}); trying again.", file=sys.stderr, flush=True)
            child.started_at = time.monotonic()

    def watch(self) -> int:
        """Block until a stop is requested (exit 0) or a child that is not restarted dies (exit 1)."""
        while True:
            if self.stopping:
                return 0
            for name, child in list(self.children.items()):
                code = child.proc.poll() if child.proc is not None else -1
                if code is None or self.stopping:
                    continue
                if child.restart:
                    self._restart(name, child, code)
                    continue
                print(f"{name} stopped (exit code {code}); stopping the others.", file=sys.stderr)
                self.stop()
                return 1
            time.sleep(0.2)


def child_env(settings: Settings) -> dict[str, str]:
    # The children (Rasa, actions, web) read their own settings from this environment, so it is
    # passed on whole; only what the children must not decide for themselves is set here.
    env = dict(os.environ)
    env.setdefault("SSGP_INTERNAL_TOKEN", settings.internal_token or secrets.token_urlsafe(32))
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["SANIC_ACCESS_LOG"] = "False"  # Sanic's access log records client addresses
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # numpy's OpenBLAS starts a thread per core for a matrix-vector product as small as
    # VectorIntentModel's (66 x 384), and the threads spin after it: 48-50 ms of CPU per message
    # across the service instead of 30-32 (scripts.cpu_per_message, docs/README-bench.md). Each
    # worker serves one message at a time, so one thread loses nothing.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env


def rasa_args(model: Path, settings: Settings, port: int, endpoints: Path, credentials: Path) -> list[str]:
    return [
        sys.executable, "-m", "bot", "rasa", "run",
        "--model", str(model),
        "--interface", settings.rasa_host,
        "--port", str(port),
        "--endpoints", str(endpoints),
        "--credentials", str(credentials),
        "--response-timeout", "30",
    ]


def _print_ready(settings: Settings) -> None:
    workers = ", ".join(settings.rasa_urls)
    print(
        f"\nReady. Web chat and staff pages: http://{settings.web_host}:{settings.web_port}/\n"
        f"Rasa REST channel (private): {settings.rasa_url}/webhooks/rest/webhook\n"
        + (f"Rasa workers (private): {workers}\n" if settings.rasa_workers > 1 else "")
        + "Press Ctrl-C to stop.\n",
        flush=True,
    )


def run_single(settings: Settings, model: Path, env: dict[str, str], supervisor: Supervisor) -> int:
    """One Rasa process, conversations in its memory (RASA_WORKERS=1, the default)."""
    endpoints, credentials = write_runtime_config(settings, settings.var_dir / "runtime")
    supervisor.start("action server", [sys.executable, "-m", "bot", "actions"], env)
    rasa = supervisor.start(
        "rasa server", rasa_args(model, settings, settings.rasa_port, endpoints, credentials), env
    )
    web = supervisor.start("web app", [sys.executable, "-m", "bot", "web"], env)
    ready = _wait_ready(f"{settings.rasa_url}/", rasa, READY_TIMEOUT_SECONDS) and _wait_ready(
        f"http://{settings.web_host}:{settings.web_port}/healthz", web, 30
    )
    if ready and not supervisor.stopping:
        _print_ready(settings)
    return supervisor.watch()


def _redis(settings: Settings, supervisor: Supervisor) -> tuple[RedisAddress, PrivateRedis | None]:
    if settings.redis_url:
        address = RedisAddress.from_url(settings.redis_url)
        if not address.ping(3.0):
            # Not fatal: the workers retry, and residents get the "not available" reply meanwhile.
            print("REDIS_URL does not answer yet; starting anyway.", file=sys.stderr, flush=True)
        return address, None
    private = PrivateRedis()
    supervisor.add("redis-server", private.start, restart=True)
    return private.address, private


def run_workers(settings: Settings, model: Path, env: dict[str, str], supervisor: Supervisor) -> int:
    """RASA_WORKERS Rasa processes sharing conversations and locks through Redis, self-healing."""
    address, private = _redis(settings, supervisor)
    try:
        env = {
            **env,
            **endpoint_env(address, REDIS_PASSWORD_ENV),
            # Rasa's own variable: how long a dead worker's lock on a conversation can hold it up.
            "TICKET_LOCK_LIFETIME": env.get("TICKET_LOCK_LIFETIME") or str(DEFAULT_LOCK_LIFETIME_SECONDS),
            # Every worker must turn a Telegram chat into the same conversation id. Without a
            # configured key, one random key for this run (conversations end on restart, as before).
            "TELEGRAM_ID_KEY": env.get("TELEGRAM_ID_KEY") or secrets.token_urlsafe(32),
        }
        runtime = settings.var_dir / "runtime"
        endpoints, credentials = write_runtime_config(settings, runtime, shared=True)
        # Telegram polling must have exactly one poller: the first worker.
        polling = settings.telegram_mode == "polling"
        _, quiet_credentials = write_runtime_config(settings, runtime, shared=True, channels=not polling)

        supervisor.start("action server", [sys.executable, "-m", "bot", "actions"], env, restart=True)
        first = supervisor.start(
            "rasa worker 1", rasa_args(model, settings, settings.rasa_port, endpoints, credentials), env,
            restart=True,
        )
        web = supervisor.start("web app", [sys.executable, "-m", "bot", "web"], env, restart=True)
        # The other workers start once the first one serves, so it gets the CPU to itself first and
        # answers sooner; they join as they become ready (the web app probes them).
        ready = _wait_ready(f"{settings.rasa_url}/", first, READY_TIMEOUT_SECONDS)
        for index in range(1, settings.rasa_workers):
            if supervisor.stopping:
                break
            supervisor.start(
                f"rasa worker {index + 1}",
                rasa_args(model, settings, settings.rasa_port + index, endpoints, quiet_credentials),
                env, restart=True,
            )
        ready = ready and _wait_ready(f"http://{settings.web_host}:{settings.web_port}/healthz", web, 30)
        if ready and not supervisor.stopping:
            _print_ready(settings)
        return supervisor.watch()
    finally:
        supervisor.stop()
        if private is not None:
            private.cleanup()


def main(argv: list[str]) -> int:
    settings = get_settings()
    model = verified(settings.model_path) if settings.model_path else ensure_model(settings)
    env = child_env(settings)
    supervisor = Supervisor()
    signal.signal(signal.SIGINT, supervisor.stop)
    signal.signal(signal.SIGTERM, supervisor.stop)
    if settings.rasa_workers > 1:
        return run_workers(settings, model, env, supervisor)
    return run_single(settings, model, env, supervisor)
