"""Performance benchmark (a measurement, not a test): ``make bench`` or ``python -m scripts.bench``.

Measures, on this machine, and prints a markdown table compared with the baseline and targets:

1. full training: ``rasa train`` of this project into a temporary ``--out`` directory, with Rasa's
   training cache pointed at an empty temporary directory (``RASA_CACHE_DIRECTORY``), so nothing is
   reused; wall time and peak RSS of the training process tree;
2. cold start: from launching ``python -m bot run`` (through ``tests.conftest.start_service``, which
   uses the cached trained model) to the Rasa REST channel answering a first message; RSS after start;
3. reply latency over Rasa's REST channel with one client, then throughput and latency with N
   concurrent clients; peak RSS of the service's processes during the run;
4. the same through the public web app's ``POST /api/chat`` (skipped if the route is missing).

``--side-by-side`` instead measures this assistant against a stock ``rasa init`` bot in one run
(scripts/bench_side_by_side.py).

All traffic is loopback. Every loop is bounded in count and time, and the script stops everything
it starts. It always exits 0 once it has measured (PASS/MISS are information, not a gate); it exits
1 only if it could not measure (for example the service did not start).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.train import training_command, training_env

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
REQUEST_TIMEOUT_S = 60
COLD_START_LIMIT_S = 300

# Stock `rasa init` assistant on a 2-core machine (shared/reference/rasa-environment.md).
BASELINE = {
    "train_s": "73-77 s",
    "train_rss": "about 1.15 GB",
    "start_s": "29-31 s",
    "start_rss": "about 1.15 GB",
    "one_p50_p95": "24-41 / 31-56 ms",
    "many_rate": "34-40 msg/s",
    "many_p95": "p95 700-840 ms",
}
TARGET_TRAIN_S = 180.0
TARGET_START_S = 30.0
TARGET_ONE_CLIENT_P95_MS = 100.0

# One realistic conversation: greeting, FAQ questions, the find-a-service form (which calls the
# action server) and leaving it, a privacy question, a crisis message, thanks and goodbye.
# Each client walks this script; a new conversation id starts every time it wraps round.
SCRIPT: tuple[str, ...] = (
    "hello",
    "what is cuckooing",
    "what is ask for angela",
    "how can I get help with domestic abuse in gloucester",
    "I need to find a service",
    "cancel",
    "what are ACEs",
    "what does county lines mean",
    "is this anonymous? what do you keep?",
    "I don't want to be alive anymore",
    "thanks",
    "bye",
)


# ---------------------------------------------------------------- processes and memory (/proc)


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""  # the process has gone


def _parent_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _read(f"/proc/{entry}/stat")
        if not stat:
            continue
        # Fields after the command name, which is in parentheses and may contain spaces.
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants that exist now."""
    children = _parent_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss_bytes(pid: int) -> int:
    statm = _read(f"/proc/{pid}/statm").split()
    return int(statm[1]) * PAGE_SIZE if len(statm) > 1 else 0


def cpu_seconds(pid: int) -> float:
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return 0.0
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def cmdline(pid: int) -> list[str]:
    return [a for a in _read(f"/proc/{pid}/cmdline").split("\0") if a]


def role(pid: int) -> str:
    """Which part of the service a process is, from its command line."""
    args = cmdline(pid)
    if args[-2:] == ["bot", "run"]:
        return "supervisor"
    if "run" in args and (any(a.endswith("/rasa") for a in args) or args[1:4] == ["-m", "bot", "rasa"]):
        return "rasa server"
    if args[-2:] == ["bot", "actions"]:
        return "action server"
    if args[-2:] == ["bot", "web"]:
        return "web app"
    return "other"


def load_average() -> float:
    return float(_read("/proc/loadavg").split()[0] or 0.0)


def mem_total_bytes() -> int:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def gb(value: float) -> str:
    return f"{value / 1e9:.2f} GB"


class MemorySampler:
    """Samples the RSS of a process tree (and the 1-minute load average) in a background thread."""

    def __init__(self, root_pid: int, interval: float = 0.5) -> None:
        self.root_pid = root_pid
        self.interval = interval
        self.peak_total = 0
        self.peak_by_role: Counter[str] = Counter()
        self.load_max = 0.0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.sample()  # one last look

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        total = 0
        by_role: Counter[str] = Counter()
        for pid in process_tree(self.root_pid):
            rss = rss_bytes(pid)
            total += rss
            by_role[role(pid)] += rss
        self.peak_total = max(self.peak_total, total)
        for name, rss in by_role.items():
            self.peak_by_role[name] = max(self.peak_by_role[name], rss)
        self.load_max = max(self.load_max, load_average())
        self.samples += 1


# ---------------------------------------------------------------- 1. full training


def measure_training(tmp: Path, time_limit: float) -> dict[str, Any]:
    """A real full ``rasa train``: empty --out directory and an empty Rasa training cache."""
    out, cache, log_path = tmp / "train-out", tmp / "rasa-cache", tmp / "train.log"
    out.mkdir()
    cache.mkdir()
    # The same training `make run` and `make test` do (bot/train.py), into an empty directory.
    env = {
        **training_env(),
        "RASA_CACHE_DIRECTORY": str(cache),  # rasa/engine/caching.py: CACHE_LOCATION_ENV
        "PYTHONPATH": str(ROOT),
    }
    command = training_command(
        config=str(ROOT / "config.yml"),
        domain=str(ROOT / "domain"),
        data=str(ROOT / "data"),
        out=str(out),
        name="bench",
    )
    load_start = load_average()
    cpu_before = _children_cpu_seconds()
    with log_path.open("wb") as log:
        started = time.monotonic()
        proc = subprocess.Popen(  # noqa: S603 - fixed argument list, our own venv's rasa
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            with MemorySampler(proc.pid, interval=0.25) as sampler:
                try:
                    code = proc.wait(timeout=time_limit)
                except subprocess.TimeoutExpired:
                    code = None
        finally:
            if proc.poll() is None:  # timed out or interrupted: stop the whole training group
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        seconds = time.monotonic() - started
    model = out / "bench.tar.gz"
    if code != 0 or not model.is_file():
        tail = log_path.read_text(errors="replace")[-3000:]
        reason = f"timed out after {time_limit:.0f} s" if code is None else f"exit code {code}"
        raise RuntimeError(f"rasa train failed ({reason}):\n{tail}")
    return {
        "seconds": seconds,
        # CPU time is far less sensitive than wall time to other work on the machine.
        "cpu_seconds": _children_cpu_seconds() - cpu_before,
        "peak_rss_bytes": sampler.peak_total,
        "model_bytes": model.stat().st_size,
        "load_avg_start": load_start,
        "load_avg_max": sampler.load_max,
        "load_avg_end": load_average(),
    }


def _children_cpu_seconds() -> float:
    """User + system CPU of all finished child processes (and the children they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- 2. cold start


def ensure_model() -> str:
    """The cached model's path, training it first through the project's locked cache if needed."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "model", "ensure"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True, text=True, check=True, timeout=3600,
    )
    return done.stdout.strip().splitlines()[-1]


def _rasa_server(root_pid: int) -> tuple[int, int] | None:
    """(pid, port) of the ``rasa run`` process below ``root_pid``, once it exists."""
    for pid in process_tree(root_pid):
        args = cmdline(pid)
        if role(pid) == "rasa server" and "--port" in args:
            return pid, int(args[args.index("--port") + 1])
    return None


def _first_reply(port: int) -> bool:
    """True once the REST channel answers a message with at least one bot message."""
    body = json.dumps({"sender": secrets.token_hex(8), "message": "hello"}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        data=body, headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:  # noqa: S310
            replies = json.loads(response.read())
            return response.status == 200 and isinstance(replies, list) and bool(replies)
    except (OSError, ValueError):  # not listening yet, or not ready to answer
        return False


@dataclass
class ColdStart:
    service: Any = None
    error: BaseException | None = None
    ready_at: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)


def measure_cold_start(tmp: Path, extra_env: dict[str, str]) -> tuple[Any, dict[str, Any]]:
    """Launch the service and time the first answered message. Returns (service, figures).

    ``start_service`` blocks until Rasa and the web app answer; meanwhile this thread finds the
    Rasa server's port from its command line and keeps sending a first message, so the figure is
    the moment a person would first get an answer.
    """
    from tests.conftest import start_service  # the same launcher the end-to-end tests use

    state = ColdStart()
    load_start = load_average()

    def launch() -> None:
        try:
            state.service = start_service(tmp, extra_env)
            state.ready_at = time.monotonic()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            state.error = exc
        finally:
            state.done.set()

    started = time.monotonic()
    launcher = threading.Thread(target=launch, name="start-service", daemon=True)
    launcher.start()
    my_pid, found, first_reply_at = os.getpid(), None, None
    try:
        while time.monotonic() - started < COLD_START_LIMIT_S and state.error is None:
            found = found or _rasa_server(my_pid)
            if found and _first_reply(found[1]):
                first_reply_at = time.monotonic()
                break
            time.sleep(0.2)
        state.done.wait(timeout=COLD_START_LIMIT_S)
    except BaseException:  # interrupted: never leave the service running
        state.done.wait(timeout=COLD_START_LIMIT_S)
        if state.service is not None:
            state.service.stop()
        raise
    if state.error is not None:
        raise RuntimeError(f"the service did not start: {state.error}")
    service = state.service
    if service is None or first_reply_at is None or found is None:
        if service is not None:
            service.stop()
        raise RuntimeError(f"no reply from the Rasa REST channel within {COLD_START_LIMIT_S} s")
    time.sleep(2.0)  # let start-up allocations settle before reading RSS
    by_role: Counter[str] = Counter()
    for pid in process_tree(service.process.pid):
        by_role[role(pid)] += rss_bytes(pid)
    return service, {
        # Inputs edited after ensure_model() would make `bot run` train first: that run is no cold start.
        "trained_during_start": "Training the assistant" in service.log_text(),
        "seconds_to_first_reply": first_reply_at - started,
        "seconds_to_start_service_ready": state.ready_at - started,
        "rasa_rss_bytes": rss_bytes(found[0]),
        "service_rss_bytes": sum(by_role.values()),
        "rss_by_role_bytes": dict(by_role),
        "load_avg_start": load_start,
        "load_avg_end": load_average(),
    }


# ---------------------------------------------------------------- 3./4. latency and throughput


class Conversation:
    """Walks SCRIPT from an offset; a new conversation id each time the script wraps round."""

    def __init__(self, channel: str, offset: int) -> None:
        self.channel = channel
        self.position = offset % len(SCRIPT)
        self.conversation_id = self._new_id()

    @staticmethod
    def _new_id() -> str:
        return secrets.token_urlsafe(24)  # 32 characters of [A-Za-z0-9_-], as the widget makes

    def next_body(self) -> dict[str, str]:
        text = SCRIPT[self.position]
        self.position = (self.position + 1) % len(SCRIPT)
        body = (
            {"sender": self.conversation_id, "message": text}
            if self.channel == "rest"
            else {"conversation_id": self.conversation_id, "message": text}
        )
        if self.position == 0:
            self.conversation_id = self._new_id()
        return body


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


@dataclass
class LoadResult:
    clients: int
    sent: int = 0
    answered: int = 0
    empty_replies: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0
    stopped_by_time_limit: bool = False
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    by_message_ms: dict[str, list[float]] = field(default_factory=dict, repr=False)
    rasa_cpu_s: float = 0.0

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 95)

    @property
    def rate(self) -> float:
        return self.answered / self.wall_s if self.wall_s else 0.0

    @property
    def rasa_cpu_ms_per_message(self) -> float:
        return self.rasa_cpu_s * 1000 / self.answered if self.answered else math.nan

    def slowest_messages(self, count: int = 3) -> list[tuple[str, float, float]]:
        """(message, p50, p95) of the script messages with the highest p95."""
        rows = [(text, percentile(v, 50), percentile(v, 95)) for text, v in self.by_message_ms.items()]
        return sorted(rows, key=lambda row: row[2], reverse=True)[:count]

    def summary(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("latencies_ms", "by_message_ms")}
        data.update(
            p50_ms=self.p50, p95_ms=self.p95, p99_ms=percentile(self.latencies_ms, 99),
            max_ms=max(self.latencies_ms, default=math.nan), msg_per_s=self.rate,
            rasa_cpu_ms_per_message=self.rasa_cpu_ms_per_message,
            by_message=[{"message": t, "p50_ms": p50, "p95_ms": p95}
                        for t, p50, p95 in self.slowest_messages(len(self.by_message_ms))],
        )
        return data


async def run_load(url: str, channel: str, clients: int, per_client: int, time_limit: float) -> LoadResult:
    """``clients`` concurrent clients, each sending ``per_client`` messages one after another."""
    result = LoadResult(clients=clients)
    errors: Counter[str] = Counter()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + time_limit
    stride = max(1, len(SCRIPT) // max(1, min(clients, len(SCRIPT))))
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    async def client(index: int, session: aiohttp.ClientSession) -> None:
        conversation = Conversation(channel, offset=index * stride)
        for _ in range(per_client):
            if loop.time() > deadline:
                result.stopped_by_time_limit = True
                return
            body = conversation.next_body()
            result.sent += 1
            started = time.perf_counter()
            try:
                async with session.post(url, json=body) as response:
                    status = response.status
                    data = await response.json(content_type=None) if status == 200 else None
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
                errors[type(exc).__name__] += 1
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            if status != 200:
                errors[f"HTTP {status}"] += 1
                continue
            replies = data if channel == "rest" else (data or {}).get("messages")
            if not isinstance(replies, list):
                errors["unexpected body"] += 1
                continue
            result.answered += 1
            result.empty_replies += not replies
            result.latencies_ms.append(elapsed_ms)
            result.by_message_ms.setdefault(body["message"], []).append(elapsed_ms)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(i, session) for i in range(clients)))
        result.wall_s = time.perf_counter() - started
    result.errors = dict(errors)
    return result


def measure_load(
    service: Any, url: str, channel: str, clients: int, per_client: int, time_limit: float
) -> tuple[LoadResult, MemorySampler]:
    found = _rasa_server(service.process.pid)
    cpu_before = cpu_seconds(found[0]) if found else 0.0
    with MemorySampler(service.process.pid) as sampler:
        result = asyncio.run(run_load(url, channel, clients, per_client, time_limit))
    if found:
        result.rasa_cpu_s = cpu_seconds(found[0]) - cpu_before
    return result, sampler


def web_chat_available(web_url: str) -> bool:
    """False if the web app has no POST /api/chat (404/405); the web phase is then skipped."""
    body = json.dumps({"conversation_id": secrets.token_urlsafe(24), "message": "hello"}).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback
        web_url + "/api/chat", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:  # noqa: S310
            return response.status == 200
    except urllib.error.HTTPError as error:
        return error.code not in (404, 405)
    except OSError:
        return False


# ---------------------------------------------------------------- report


def ms(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0f} ms"


def verdict(value: float | None, limit: float) -> str:
    if value is None or math.isnan(value):
        return "not measured"
    return "PASS" if value <= limit else "MISS"


def load_rows(label: str, one: LoadResult | None, many: LoadResult | None, mem: MemorySampler | None,
              baseline: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    if one is not None:
        rows.append([
            f"{label}, 1 client: p50 / p95 ({one.answered} msgs)",
            f"{ms(one.p50)} / {ms(one.p95)}",
            BASELINE["one_p50_p95"] if baseline else "-",
            f"p95 <= {TARGET_ONE_CLIENT_P95_MS:.0f} ms" if baseline else "-",
            verdict(one.p95, TARGET_ONE_CLIENT_P95_MS) if baseline else "info",
        ])
    if many is not None:
        rows.append([
            f"{label}, {many.clients} clients: throughput ({many.answered} msgs)",
            f"{many.rate:.1f} msg/s", BASELINE["many_rate"] if baseline else "-", "-", "info",
        ])
        rows.append([
            f"{label}, {many.clients} clients: p50 / p95",
            f"{ms(many.p50)} / {ms(many.p95)}", BASELINE["many_p95"] if baseline else "-", "-", "info",
        ])
    if mem is not None:
        rows.append([
            f"{label}: peak RSS during the run (all service processes; Rasa server alone)",
            f"{gb(mem.peak_total)}; {gb(mem.peak_by_role['rasa server'])}", "-", "-", "info",
        ])
    failures = sum(sum(r.errors.values()) for r in (one, many) if r is not None)
    empties = sum(r.empty_replies for r in (one, many) if r is not None)
    rows.append([f"{label}: failed requests / empty replies", f"{failures} / {empties}", "-", "0",
                 "PASS" if failures == 0 else "MISS"])
    return rows


def render_table(rows: list[list[str]]) -> str:
    head = ["Measure", "This run", "Baseline (stock `rasa init`, 2 cores)", "Target", "Result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def git_revision() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        rev = subprocess.run(  # noqa: S603 - fixed arguments
            [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603 - fixed arguments
            [git, "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + (" (with uncommitted changes)" if dirty else "")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--skip-train", action="store_true", help="do not measure a full training")
    parser.add_argument("--skip-web", action="store_true", help="do not measure the web app's /api/chat")
    parser.add_argument("--messages", type=int, default=200, help="messages sent by the single client")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients in the load run")
    parser.add_argument("--per-client", type=int, default=40, help="messages each concurrent client sends")
    parser.add_argument("--phase-timeout", type=float, default=300, help="seconds; each load run stops then")
    parser.add_argument("--train-timeout", type=float, default=1800, help="seconds; training is killed then")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    for name in ("messages", "clients", "per_client"):
        if not 1 <= getattr(args, name) <= 10_000:
            parser.error(f"--{name.replace('_', '-')} must be between 1 and 10000")
    return args


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, tmp: Path) -> tuple[list[list[str]], dict[str, Any]]:
    results: dict[str, Any] = {
        "machine": {
            "nproc": os.cpu_count(), "mem_total_bytes": mem_total_bytes(), "platform": platform.platform(),
            "python": platform.python_version(), "load_avg_at_start": _read("/proc/loadavg").strip(),
        },
        "git": git_revision(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    rows: list[list[str]] = []

    if args.skip_train:
        rows.append(["Full training (`rasa train`, empty cache)", "skipped (--skip-train)",
                     BASELINE["train_s"], f"<= {TARGET_TRAIN_S:.0f} s", "not measured"])
    else:
        say("1/4 full training (rasa train into a temporary directory, empty Rasa cache)...")
        (tmp / "train").mkdir()
        train = measure_training(tmp / "train", args.train_timeout)
        results["training"] = train
        rows.append(["Full training (`rasa train`, empty cache)", f"{train['seconds']:.0f} s",
                     BASELINE["train_s"], f"<= {TARGET_TRAIN_S:.0f} s",
                     verdict(train["seconds"], TARGET_TRAIN_S)])
        rows.append(["Training peak RSS (process tree)", gb(train["peak_rss_bytes"]), BASELINE["train_rss"],
                     "-", "info"])

    say("2/4 cold start (python -m bot run with the cached model)...")
    results["model"] = ensure_model()
    # The web app's per-conversation and per-address rate limits would turn the load run into 429s.
    extra_env = {"CHAT_RATE_PER_MINUTE": "1000000", "LOG_LEVEL": "WARNING"}
    (tmp / "service").mkdir()
    service, start = measure_cold_start(tmp / "service", extra_env)
    try:
        results["cold_start"] = start
        rows.append(["Cold start: launch to first answered message",
                     f"{start['seconds_to_first_reply']:.1f} s", BASELINE["start_s"],
                     f"<= {TARGET_START_S:.0f} s",
                     "not valid (trained first: inputs changed)" if start["trained_during_start"]
                     else verdict(start["seconds_to_first_reply"], TARGET_START_S)])
        rows.append(["RSS after start: Rasa server; all service processes",
                     f"{gb(start['rasa_rss_bytes'])}; {gb(start['service_rss_bytes'])}",
                     BASELINE["start_rss"], "-", "info"])

        say(f"3/4 REST channel: warm-up, 1 client x {args.messages}, "
            f"{args.clients} clients x {args.per_client}...")
        rest_url = service.rasa_url + "/webhooks/rest/webhook"
        asyncio.run(run_load(rest_url, "rest", 1, len(SCRIPT), args.phase_timeout))  # warm-up, not counted
        one, mem_one = measure_load(service, rest_url, "rest", 1, args.messages, args.phase_timeout)
        many, mem_many = measure_load(service, rest_url, "rest", args.clients, args.per_client,
                                      args.phase_timeout)
        peak = mem_one if mem_one.peak_total >= mem_many.peak_total else mem_many
        results["rest"] = {"one_client": one.summary(), "concurrent": many.summary(),
                           "peak_rss_bytes": peak.peak_total,
                           "peak_rss_by_role_bytes": dict(peak.peak_by_role),
                           "load_avg_max": max(mem_one.load_max, mem_many.load_max)}
        rows += load_rows("REST channel", one, many, peak, baseline=True)

        if args.skip_web:
            say("4/4 web app /api/chat: skipped (--skip-web)")
        elif not web_chat_available(service.web_url):
            say("4/4 web app /api/chat: not available (404), skipped")
            results["web"] = "not available"
        else:
            say(f"4/4 web app /api/chat: 1 client x {args.messages}, "
                f"{args.clients} clients x {args.per_client}...")
            web_url = service.web_url + "/api/chat"
            w_one, w_mem_one = measure_load(service, web_url, "web", 1, args.messages, args.phase_timeout)
            w_many, w_mem_many = measure_load(service, web_url, "web", args.clients, args.per_client,
                                              args.phase_timeout)
            w_peak = w_mem_one if w_mem_one.peak_total >= w_mem_many.peak_total else w_mem_many
            results["web"] = {"one_client": w_one.summary(), "concurrent": w_many.summary(),
                              "peak_rss_bytes": w_peak.peak_total,
                              "peak_rss_by_role_bytes": dict(w_peak.peak_by_role),
                              "load_avg_max": max(w_mem_one.load_max, w_mem_many.load_max)}
            rows += load_rows("Web app /api/chat", w_one, w_many, w_peak, baseline=False)
    finally:
        service.stop()
    results["machine"]["load_avg_at_end"] = _read("/proc/loadavg").strip()
    return rows, results


def print_report(rows: list[list[str]], results: dict[str, Any]) -> None:
    machine = results["machine"]
    loads = [results.get(k, {}).get("load_avg_max", 0.0) for k in ("training", "rest", "web")
             if isinstance(results.get(k), dict)]
    print(f"\n## Benchmark ({time.strftime('%Y-%m-%d')}, git {results['git']})\n")
    print(f"Machine: {machine['nproc']} CPUs, {gb(machine['mem_total_bytes'])} memory, "
          f"{machine['platform']}, Python {machine['python']}.")
    print(f"Load average (1/5/15 min): at start {' '.join(machine['load_avg_at_start'].split()[:3])}; "
          f"at end {' '.join(machine['load_avg_at_end'].split()[:3])}; "
          f"highest 1-min value while measuring {max(loads, default=0.0):.2f}.\n")
    print(render_table(rows))
    print("\nPASS/MISS compare with the targets (train <= 180 s, start <= 30 s, "
          "p95 <= 100 ms at one client); this is a measurement, not a gate.")
    train = results.get("training")
    if train:
        print(f"training: {train['cpu_seconds']:.0f} CPU-s (user + system) in {train['seconds']:.0f} s wall.")
    for name in ("rest", "web"):
        part = results.get(name)
        if not isinstance(part, dict):
            continue
        one, many = part["one_client"], part["concurrent"]
        print(f"{name}: Rasa server CPU per message {one['rasa_cpu_ms_per_message']:.0f} ms (1 client), "
              f"{many['rasa_cpu_ms_per_message']:.0f} ms ({many['clients']} clients: "
              f"{many['rasa_cpu_s']:.0f} CPU-s in {many['wall_s']:.0f} s); "
              f"errors {many['errors'] or 'none'}; stopped by time limit: {many['stopped_by_time_limit']}.")
        slowest = "; ".join(f'"{m["message"]}" p50 {ms(m["p50_ms"])}, p95 {ms(m["p95_ms"])}'
                            for m in one["by_message"][:3])
        print(f"{name}: slowest messages at 1 client: {slowest}.")


def main(argv: list[str] | None = None) -> int:
    if "--side-by-side" in (sys.argv[1:] if argv is None else argv):
        from scripts.bench_side_by_side import main as side_by_side

        return side_by_side(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    with tempfile.TemporaryDirectory(prefix="ssgp-bench-") as tmp:
        try:
            rows, results = run(args, Path(tmp))
        except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            say(f"benchmark could not measure: {exc}")
            return 1
    print_report(rows, results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_plain(results), indent=2) + "\n")
        say(f"figures written to {args.json}")
    return 0


def _plain(value: Any) -> Any:
    """JSON-safe copy: NaN (no data) becomes null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


if __name__ == "__main__":
    raise SystemExit(main())
