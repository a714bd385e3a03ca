"""In-process counters for operators, read through the private metrics endpoint.

Crises are counted here rather than logged: a log line pairs a time with each crisis, which in a
small town could point at one person. A count per kind since the process started says how much
the crisis guidance is used without saying when.
"""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_crises: Counter[str] = Counter()


def count_crisis(kind: str) -> None:
    with _lock:
        _crises[kind] += 1


def snapshot() -> dict[str, dict[str, int]]:
    with _lock:
        return {"crises": dict(sorted(_crises.items()))}
