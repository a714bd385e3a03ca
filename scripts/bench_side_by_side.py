"""Side-by-side benchmark: this assistant against a stock ``rasa init`` bot, in one run.

``make bench BENCH_ARGS="--side-by-side"`` (or ``python -m scripts.bench --side-by-side``):

1. trains the stock bot with ``rasa init --no-prompt`` in a temporary folder, with the same Rasa
   (``rasa init`` copies Rasa's bundled example project and trains it; it downloads nothing), unless
   ``--stock-model`` names one trained earlier;
2. starts it (``rasa run``, REST channel) and this assistant (``python -m bot run`` with
   ``RASA_WORKERS``, 2 by default), both on loopback;
3. load A: ``--clients`` concurrent conversations (20) of ``--messages`` messages (15) each, stock
   bot through its REST channel, this assistant through the public ``POST /api/chat``;
4. load B (paced): ``--paced`` conversations (200), ``--pace`` seconds (5) between one reply and the
   next message, ``--paced-messages`` (15) each, conversations starting evenly over the first pace;
5. prints both, the throughput ratio, and the goals (3x stock at load A, p95 <= 300 ms at load B,
   no errors), with the load average so shared-machine noise is visible. Exit 0 once measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from scripts.bench import SCRIPT, _read, cpu_seconds, percentile, process_tree

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 3.0
GOAL_PACED_P95_MS = 300.0
# The stock bot's own example conversations (its data/nlu.yml and stories).
STOCK_SCRIPT: tuple[str, ...] = (
    "hello", "I am feeling very sad", "yes", "are you a bot?", "great", "good morning", "not good",
    "no", "bye", "hey there", "I am great", "am I talking to a human?", "perfect", "goodbye",
    "very bad",
)
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=60)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def loadavg() -> str:
    return " ".join(_read("/proc/loadavg").split()[:3])


# ---------------------------------------------------------------- the stock bot


def train_stock(folder: Path) -> Path:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - fixed arguments, our venv's Rasa
        [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800,
    )
    models = sorted((folder / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError("rasa init trained no model")
    say(f"   stock bot trained in {time.monotonic() - started:.0f} s")
    return models[-1]


@dataclass
class Process:
    proc: subprocess.Popen
    url: str

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _answers(url: str, body: dict[str, str]) -> bool:
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status == 200
    except (OSError, ValueError):
        return False


def start_stock(folder: Path, model: Path, port: int) -> tuple[Process, float]:
    started = time.monotonic()
    log = (folder / "stock.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "rasa", "run", "--model", str(model), "--interface", "127.0.0.1",
         "--port", str(port)],
        cwd=folder, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "SANIC_ACCESS_LOG": "False"},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    stock = Process(proc, f"http://127.0.0.1:{port}/webhooks/rest/webhook")
    while time.monotonic() - started < 300:
        if proc.poll() is not None:
            raise RuntimeError("the stock bot exited at start")
        if _answers(stock.url, {"sender": "warm-up", "message": "hello"}):
            return stock, time.monotonic() - started
        time.sleep(0.2)
    stock.stop()
    raise RuntimeError("the stock bot did not answer within 300 s")


# ---------------------------------------------------------------- load


@dataclass
class Result:
    name: str
    sent: int = 0
    answered: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    # Latencies by the message's place in its conversation: under the paced load every conversation
    # is at about the same step at the same time, so a backlog that builds up shows here.
    by_step: dict[int, list[float]] = field(default_factory=dict)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    load: str = ""
    # Handled messages whose reply was an empty list: counted as answered for the stock bot, whose
    # stories end some turns without a message; an error for this assistant, which always replies.
    empty: int = 0

    @property
    def latencies_ms(self) -> list[float]:
        return [value for values in self.by_step.values() for value in values]

    @property
    def rate(self) -> float:
        return self.answered / self.wall_s if self.wall_s else 0.0

    def line(self) -> str:
        p50, p95 = percentile(self.latencies_ms, 50), percentile(self.latencies_ms, 95)
        cpu = self.cpu_s * 1000 / self.answered if self.answered else math.nan
        return (f"{self.name}: {self.answered}/{self.sent} answered in {self.wall_s:.1f} s = "
                f"{self.rate:.1f} msg/s; p50 {p50:.0f} ms, p95 {p95:.0f} ms; "
                f"errors {dict(self.errors) or 'none'}"
                + (f" ({self.empty} empty replies counted as answered)" if self.empty else "")
                + f"; CPU {cpu:.0f} ms/message (all its processes); "
                f"load average before: {self.load}")

    def step_line(self) -> str:
        """p95 by conversation step, e.g. ``p95 by step (ms): 0:40 1:45 ...``."""
        return "p95 by step (ms): " + " ".join(
            f"{step}:{percentile(values, 95):.0f}" for step, values in sorted(self.by_step.items()))

    def summary(self) -> dict[str, Any]:
        return {"sent": self.sent, "answered": self.answered, "errors": dict(self.errors),
                "empty_replies": self.empty, "wall_s": self.wall_s, "msg_per_s": self.rate, "cpu_s": self.cpu_s,
                "p50_ms": percentile(self.latencies_ms, 50), "p95_ms": percentile(self.latencies_ms, 95),
                "by_step": {step: {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95)}
                            for step, values in sorted(self.by_step.items())},
                "load_avg_before": self.load}


def _body(web: bool, conversation: str, text: str) -> dict[str, str]:
    return {"conversation_id": conversation, "message": text} if web else {"sender": conversation, "message": text}


async def conversations(
    name: str, url: str, web: bool, script: tuple[str, ...], count: int, messages: int,
    pace: float, pids: list[int], empty_ok: bool = False,
) -> Result:
    """``count`` conversations of ``messages`` each; ``pace`` seconds between a reply and the next.

    ``empty_ok``: an empty list of replies is a handled message (the stock bot), not an error."""
    result = Result(name=name, load=loadavg())
    rng = random.Random(13)  # noqa: S311 - load shape, not security

    async def one(index: int, session: aiohttp.ClientSession) -> None:
        conversation = secrets.token_urlsafe(24)
        offset = rng.randrange(len(script))
        if pace:
            await asyncio.sleep(pace * index / count)  # even start over the first pace
        for step in range(messages):
            text = script[(offset + step) % len(script)]
            result.sent += 1
            started = time.perf_counter()
            try:
                async with session.post(url, json=_body(web, conversation, text)) as response:
                    status = response.status
                    data = await response.json(content_type=None)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
                result.errors[type(exc).__name__] += 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            replies = (data or {}).get("messages") if web and isinstance(data, dict) else data
            if status != 200 or not isinstance(replies, list) or not (replies or empty_ok):
                result.errors[f"HTTP {status}" if status != 200 else "empty reply"] += 1
            else:
                result.answered += 1
                result.empty += not replies
                result.by_step.setdefault(step, []).append(elapsed)
            if pace and step + 1 < messages:
                await asyncio.sleep(pace)

    cpu_before = sum(cpu_seconds(p) for pid in pids for p in process_tree(pid))
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=REQUEST_TIMEOUT) as session:
        started = time.perf_counter()
        await asyncio.gather(*(one(i, session) for i in range(count)))
        result.wall_s = time.perf_counter() - started
    # Children that exited in the meantime are not counted; nothing exits during a run.
    result.cpu_s = sum(cpu_seconds(p) for pid in pids for p in process_tree(pid)) - cpu_before
    return result


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench --side-by-side")
    parser.add_argument("--side-by-side", action="store_true")
    parser.add_argument("--stock-model", type=Path, help="a stock `rasa init` model trained earlier")
    parser.add_argument("--workers", type=int, default=2, help="RASA_WORKERS for this assistant")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--messages", type=int, default=15)
    parser.add_argument("--paced", type=int, default=200, help="conversations in the paced load")
    parser.add_argument("--pace", type=float, default=5.0)
    parser.add_argument("--paced-messages", type=int, default=15)
    parser.add_argument("--skip-paced-stock", action="store_true", help="paced load on this assistant only")
    parser.add_argument("--json", type=Path)
    return parser.parse_args(argv)


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from scripts.bench import ensure_model
    from tests.conftest import free_port
    from tests.scale.conftest import start_workers

    figures: dict[str, Any] = {"load_avg_at_start": loadavg(), "nproc": os.cpu_count(), "workers": args.workers}
    stock_dir = tmp / "stock"
    stock_dir.mkdir()
    if args.stock_model:
        model = args.stock_model.resolve()
    else:
        say("1/4 training the stock bot: rasa init --no-prompt in a temporary folder...")
        model = train_stock(stock_dir)
    figures["model"] = os.environ.get("SSGP_MODEL") or ensure_model()
    say("2/4 starting the stock bot and this assistant...")
    stock, stock_start = start_stock(stock_dir, model, free_port())
    ours = None
    try:
        (tmp / "ours").mkdir()
        started = time.monotonic()
        ours = start_workers(tmp / "ours", {"CHAT_RATE_PER_MINUTE": "1000000", "LOG_LEVEL": "WARNING"},
                             workers=args.workers)
        all_up = time.monotonic() - started
        figures["start_s"] = {"stock_first_reply": stock_start, "ours_all_workers": all_up}
        web = ours.web_url + "/api/chat"
        # Warm-up: one short conversation each, not counted.
        asyncio.run(conversations("warm-up", stock.url, False, STOCK_SCRIPT, 2, 5, 0, [], empty_ok=True))
        asyncio.run(conversations("warm-up", web, True, SCRIPT, 4, len(SCRIPT), 0, []))

        say(f"3/4 load A: {args.clients} concurrent conversations x {args.messages} messages...")
        a_stock = asyncio.run(conversations("stock rasa init (REST)", stock.url, False, STOCK_SCRIPT,
                                            args.clients, args.messages, 0, [stock.proc.pid], empty_ok=True))
        say("   " + a_stock.line())
        a_ours = asyncio.run(conversations(f"this assistant ({args.workers} workers, /api/chat)", web, True,
                                           SCRIPT, args.clients, args.messages, 0, [ours.process.pid]))
        say("   " + a_ours.line())
        figures["load_a"] = {"stock": a_stock.summary(), "ours": a_ours.summary(),
                             "ratio": a_ours.rate / a_stock.rate if a_stock.rate else math.nan}

        say(f"4/4 load B (paced): {args.paced} conversations, {args.pace:g} s between messages, "
            f"{args.paced_messages} messages each...")
        b_ours = asyncio.run(conversations(f"this assistant ({args.workers} workers, /api/chat)", web, True,
                                           SCRIPT, args.paced, args.paced_messages, args.pace,
                                           [ours.process.pid]))
        say("   " + b_ours.line())
        say("   " + b_ours.step_line())
        figures["load_b"] = {"ours": b_ours.summary()}
        if not args.skip_paced_stock:
            b_stock = asyncio.run(conversations("stock rasa init (REST)", stock.url, False, STOCK_SCRIPT,
                                                args.paced, args.paced_messages, args.pace, [stock.proc.pid],
                                                empty_ok=True))
            say("   " + b_stock.line())
            figures["load_b"]["stock"] = b_stock.summary()
    finally:
        stock.stop()
        if ours is not None:
            ours.stop()
    figures["load_avg_at_end"] = loadavg()
    return figures


def report(figures: dict[str, Any]) -> None:
    a, b = figures["load_a"], figures["load_b"]
    ratio = a["ratio"]
    errors = sum(sum(part["errors"].values()) for part in (a["ours"], b["ours"]))
    print(f"\n## Side by side ({time.strftime('%Y-%m-%d %H:%M')}, {figures['nproc']} CPUs, "
          f"load average {figures['load_avg_at_start']} at start, {figures['load_avg_at_end']} at end)\n")
    print("| Load | Stock `rasa init` (REST) | This assistant (/api/chat, "
          f"{figures['workers']} workers) | Goal | Result |")
    print("|---|---|---|---|---|")
    print(f"| A: throughput | {a['stock']['msg_per_s']:.1f} msg/s | {a['ours']['msg_per_s']:.1f} msg/s "
          f"(**{ratio:.2f}x**) | >= {GOAL_RATIO:g}x | {'PASS' if ratio >= GOAL_RATIO else 'MISS'} |")
    print(f"| A: p50 / p95 | {a['stock']['p50_ms']:.0f} / {a['stock']['p95_ms']:.0f} ms | "
          f"{a['ours']['p50_ms']:.0f} / {a['ours']['p95_ms']:.0f} ms | - | info |")
    stock_b = b.get("stock")
    stock_b_text = f"{stock_b['p50_ms']:.0f} / {stock_b['p95_ms']:.0f} ms" if stock_b else "not run"
    print(f"| B (paced): p50 / p95 | {stock_b_text} | {b['ours']['p50_ms']:.0f} / {b['ours']['p95_ms']:.0f} ms "
          f"| p95 <= {GOAL_PACED_P95_MS:.0f} ms | {'PASS' if b['ours']['p95_ms'] <= GOAL_PACED_P95_MS else 'MISS'} |")
    print(f"| errors (this assistant, A + B) | - | {errors} | 0 | {'PASS' if errors == 0 else 'MISS'} |")
    cpu = {k: a[k]["cpu_s"] * 1000 / max(1, a[k]["answered"]) for k in ("stock", "ours")}
    print(f"| CPU per message, load A (all processes) | {cpu['stock']:.0f} ms | {cpu['ours']:.0f} ms | - | info |")
    s = figures["start_s"]
    print(f"\nStart: stock first reply {s['stock_first_reply']:.1f} s; this assistant, all "
          f"{figures['workers']} workers ready {s['ours_all_workers']:.1f} s (busy machine: see load).")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    with tempfile.TemporaryDirectory(prefix="ssgp-bench-sbs-") as tmp:
        try:
            figures = run(args, Path(tmp))
        except (RuntimeError, OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            say(f"side-by-side benchmark could not measure: {exc}")
            return 1
    report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return 0
