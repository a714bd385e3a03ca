"""In-process counters for operators, read through the private metrics endpoint.

Crises are counted here rather than logged: a log line pairs a time with each crisis, which in a
small town could point at one person. A count per kind since the process started says how much
the crisis guidance is used without saying when. Possible crises (a message the assistant was not
sure of, which the crisis signal marked, so its reply carries the guidance: safety/possible_crisis.py)
are counted apart, so the two figures are not mixed.
"""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_crises: Counter[str] = Counter()
_possible_crises: Counter[str] = Counter()


def count_crisis(kind: str) -> None:
    with _lock:
        _crises[kind] += 1


def count_possible_crisis(kind: str) -> None:
    with _lock:
        _possible_crises[kind] += 1


def snapshot() -> dict[str, dict[str, int]]:
    with _lock:
        return {
            "crises": dict(sorted(_crises.items())),
            "possible_crises": dict(sorted(_possible_crises.items())),
        }
