"""Helpers for the scale tests: talk to the web app, and find the service's child processes."""

from __future__ import annotations

import json
import os
import re
import secrets
import time
import urllib.error
import urllib.request

from tests.conftest import LiveService

REFERENCE = re.compile(r"\*\*([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\*\*")


def chat(service: LiveService, conversation: str, text: str, timeout: float = 60) -> tuple[int, dict]:
    request = urllib.request.Request(
        service.web_url + "/api/chat",
        data=json.dumps({"conversation_id": conversation, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def say(service: LiveService, conversation: str, text: str) -> str:
    status, body = chat(service, conversation, text)
    assert status == 200, (status, body)
    return "\n".join(m["text"] for m in body["messages"])


def new_conversation() -> str:
    return secrets.token_urlsafe(24)


def children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == parent:
                found.append(int(entry))
                todo.append(int(entry))
    return found


def cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline") as handle:
            return [a for a in handle.read().split("\0") if a]
    except OSError:
        return []


def worker_pids(service: LiveService) -> dict[int, int]:
    """Rasa worker port -> pid."""
    pids = {}
    for pid in children(service.process.pid):
        args = cmdline(pid)
        if "rasa" in args and "run" in args and "--port" in args:
            pids[int(args[args.index("--port") + 1])] = pid
    return pids


def action_server_pid(service: LiveService) -> int:
    for pid in children(service.process.pid):
        if cmdline(pid)[-2:] == ["bot", "actions"]:
            return pid
    raise AssertionError("no action server")


def wait_gone(pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}") and cmdline(pid):
        time.sleep(0.1)
