"""The Panjabi crisis batch (tests/nlu/validation/crisis_pa/): a tuning set, checked for shape only.

Written on 1 December 2026 by a helper that read no training or test data, because Panjabi is the
language whose blind crisis recall is lowest (README, "Languages"). Tune on it; never train on it;
its scores are figures, not gates.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from safety.crisis_intents import CRISIS_INTENTS
from scripts.evaluate_nlu import read_messages
from tests.nlu.check_overlap import blind_messages, find_overlaps

ROOT = Path(__file__).resolve().parent.parent
BATCH = ROOT / "tests" / "nlu" / "validation" / "crisis_pa" / "pa.yml"


def test_batch_has_every_crisis_kind_everyday_words_and_romanised_panjabi() -> None:
    messages = read_messages(BATCH)
    counts = Counter(m["label"] for m in messages)
    assert set(counts) == {*CRISIS_INTENTS, "not_crisis"}
    assert all(counts[kind] >= 15 for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= 35
    assert all("lang_pa" in m.get("tags", []) for m in messages)
    assert sum("romanised" in m.get("tags", []) for m in messages) >= 20


def test_batch_repeats_no_blind_message() -> None:
    """Tuning on a message a blind set also holds would be tuning on the blind set."""
    batch = [(m["label"], m["text"]) for m in read_messages(BATCH)]
    assert find_overlaps(blind_messages(), batch) == []
