"""CPU per message, by process, of a running service: ``python -m scripts.cpu_per_message PID URL``.

PID is the ``python -m bot run`` supervisor; URL the web app (http://127.0.0.1:8000). One client
walks the benchmark script through ``POST /api/chat`` (``--messages``, 120 by default) and the
CPU time (user + system, from /proc) each process used meanwhile is divided by the messages
answered. CPU time hardly depends on what else the machine is doing, unlike wall time.
Run the service with CHAT_RATE_PER_MINUTE raised (e.g. 100000) so the rate limit does not answer.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cpu_per_message")
    parser.add_argument("pid", type=int)
    parser.add_argument("url")
    parser.add_argument("--messages", type=int, default=120)
    args = parser.parse_args(argv)
    before = snapshot(args.pid)
    answered, conversation = 0, secrets.token_urlsafe(24)
    for index in range(args.messages):
        if index % len(SCRIPT) == 0:
            conversation = secrets.token_urlsafe(24)
        body = json.dumps({"conversation_id": conversation, "message": SCRIPT[index % len(SCRIPT)]}).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback
            args.url + "/api/chat", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            answered += response.status == 200
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
