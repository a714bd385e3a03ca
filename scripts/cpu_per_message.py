"""CPU per message, by process, of a running service: ``python -m scripts.cpu_per_message PID URL``.

PID is the ``python -m bot run`` supervisor; URL the web app (http://127.0.0.1:8000). One client
walks the benchmark script through ``POST /api/chat`` (``--messages``, 120 by default) and the
CPU time (user + system, from /proc) each process used meanwhile is divided by the messages
answered. CPU time hardly depends on what else the machine is doing, unlike wall time.
Run the service with CHAT_RATE_PER_MINUTE raised (e.g. 100000) so the rate limit does not answer.

``--by-step N`` instead walks ``--conversations`` conversations side by side for ``--length``
messages each (the script without its goodbye, repeated) and prints the CPU per message for every N
steps: how a turn's cost changes as a conversation grows (docs/README-bench.md).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import urllib.request
from collections import Counter

from scripts.bench import SCRIPT, cmdline, cpu_seconds, process_tree, role


def label(pid: int) -> str:
    name = role(pid)
    args = cmdline(pid)
    if name == "rasa server" and "--port" in args:
        return f"rasa worker :{args[args.index('--port') + 1]}"
    if name == "other" and args and "redis-server" in args[0]:
        return "redis-server"
    return name


def snapshot(root: int) -> Counter[str]:
    usage: Counter[str] = Counter()
    for pid in process_tree(root):
        usage[label(pid)] += cpu_seconds(pid)
    return usage


def _send(url: str, conversation: str, text: str) -> bool:
    body = json.dumps({"conversation_id": conversation, "message": text}).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback
        url + "/api/chat", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status == 200


def by_step(pid: int, url: str, conversations: int, length: int, bucket: int) -> None:
    """CPU per message (all processes, and the Rasa workers) for each ``bucket`` steps."""
    script = [text for text in SCRIPT if text != "bye"]
    ids = [secrets.token_urlsafe(24) for _ in range(conversations)]
    for start in range(0, length, bucket):
        before, answered = snapshot(pid), 0
        for step in range(start, min(length, start + bucket)):
            answered += sum(_send(url, conversation, script[step % len(script)]) for conversation in ids)
        after = snapshot(pid)
        used = {name: (after[name] - before.get(name, 0.0)) * 1000 / max(1, answered) for name in after}
        workers = sum(value for name, value in used.items() if name.startswith("rasa "))
        print(f"steps {start}-{min(length, start + bucket) - 1}: {sum(used.values()):5.1f} ms per message "
              f"in all, {workers:5.1f} ms in Rasa ({answered} answered)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cpu_per_message")
    parser.add_argument("pid", type=int)
    parser.add_argument("url")
    parser.add_argument("--messages", type=int, default=120)
    parser.add_argument("--by-step", type=int, default=0, metavar="N", help="CPU per message every N steps")
    parser.add_argument("--conversations", type=int, default=6)
    parser.add_argument("--length", type=int, default=40)
    args = parser.parse_args(argv)
    if args.by_step:
        by_step(args.pid, args.url, args.conversations, args.length, args.by_step)
        return 0
    before = snapshot(args.pid)
    answered, conversation = 0, secrets.token_urlsafe(24)
    for index in range(args.messages):
        if index % len(SCRIPT) == 0:
            conversation = secrets.token_urlsafe(24)
        answered += _send(args.url, conversation, SCRIPT[index % len(SCRIPT)])
    after = snapshot(args.pid)
    print(f"{answered} messages answered; CPU per message by process:")
    total = 0.0
    for name in sorted(after):
        used = (after[name] - before.get(name, 0.0)) * 1000 / max(1, answered)
        total += used
        print(f"  {name:28s} {used:6.1f} ms")
    print(f"  {'total':28s} {total:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
