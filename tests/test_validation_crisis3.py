"""The third validation batch (tests/nlu/validation/crisis3/): crisis recall and false alarms.

Written on 30 November 2026 by a helper that read no project file, from the four crisis kinds'
descriptions only. ``CrisisVectorSignal``'s settings were chosen on it (docs/README-nlu.md), so it is
a tuning set: never train on it. Here only its shape is checked; its scores are figures, not gates.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from safety.crisis_intents import CRISIS_INTENTS
from scripts.evaluate_nlu import read_messages
from tests.nlu.check_overlap import blind_messages, find_overlaps

ROOT = Path(__file__).resolve().parent.parent
BATCH = ROOT / "tests" / "nlu" / "validation" / "crisis3"
LANGUAGES = ("pl", "ro", "ur", "pa", "pt", "gu")


def _labels(path: Path) -> Counter:
    return Counter(message["label"] for message in read_messages(path))


def test_english_batch_has_every_crisis_kind_and_everyday_danger_words() -> None:
    counts = _labels(BATCH / "en.yml")
    assert sum(counts.values()) >= 290
    assert set(counts) == {*CRISIS_INTENTS, "not_crisis"}
    assert all(counts[kind] >= 25 for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= 150


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_every_crisis_kind(lang: str) -> None:
    messages = [m for m in read_messages(BATCH / "languages.yml") if f"lang_{lang}" in m.get("tags", [])]
    counts = Counter(m["label"] for m in messages)
    assert len(messages) >= 37
    assert all(counts[kind] >= 4 for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= 17


def test_batch_repeats_no_blind_message() -> None:
    """Tuning on a message the blind set also holds would be tuning on the blind set."""
    batch = [(m["label"], m["text"]) for path in BATCH.glob("*.yml") for m in read_messages(path)]
    assert find_overlaps(blind_messages(), batch) == []
