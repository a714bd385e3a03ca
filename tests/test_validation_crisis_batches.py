"""The crisis validation batches (tests/nlu/validation/crisis3/, 5, 6, 7 and 8): their shape.

Each was written by a helper that read no project file, from the four crisis kinds' descriptions
only: crisis3 on 30 November 2026 (``CrisisVectorSignal``'s settings were chosen on it), crisis5 on
3 December 2026 (phrase rules were extended from its misses; docs/README-nlu.md), crisis6 on
4 December 2026 (romanised and Arabic-script Urdu, Gujarati in both scripts, Portuguese: the
languages whose blind crises leaned on DIET; phrase rules from its misses), crisis7 on 4 December
2026 (all six languages, crisis and calm in-scope questions; used only to choose the safety net's
settings, never to write rules), crisis8 on 4 December 2026 (romanised and Arabic-script Urdu,
Gujarati in both scripts; phrase rules from the crises it missed). All are tuning sets: never
train on them. Here only their shape is checked; their scores are figures, not gates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from safety.crisis_intents import CRISIS_INTENTS
from scripts.evaluate_nlu import read_messages
from tests.nlu.check_overlap import blind_messages, find_overlaps

ROOT = Path(__file__).resolve().parent.parent
VALIDATION = ROOT / "tests" / "nlu" / "validation"
LANGUAGES = ("pl", "ro", "ur", "pa", "pt", "gu")


@dataclass(frozen=True)
class Shape:
    """The least each batch holds: English messages, per crisis kind, everyday; per language likewise."""

    english: int
    english_per_kind: int
    english_everyday: int
    per_language: int
    per_language_kind: int
    per_language_everyday: int


BATCHES = {
    "crisis3": Shape(290, 25, 150, 37, 4, 17),
    "crisis5": Shape(298, 49, 99, 25, 4, 9),
}


def _labels(path: Path) -> Counter:
    return Counter(message["label"] for message in read_messages(path))


def _language_labels(batch: str, lang: str, tag: str | None = None) -> Counter:
    """Labels of one language's messages in a batch's languages.yml (only those also tagged ``tag``)."""
    tags_needed = {f"lang_{lang}", *([tag] if tag else [])}
    return Counter(
        m["label"] for m in read_messages(VALIDATION / batch / "languages.yml") if tags_needed <= set(m.get("tags", []))
    )


@pytest.mark.parametrize("batch", BATCHES)
def test_english_batch_has_every_crisis_kind_and_everyday_danger_words(batch: str) -> None:
    shape = BATCHES[batch]
    counts = _labels(VALIDATION / batch / "en.yml")
    assert sum(counts.values()) >= shape.english
    assert set(counts) == {*CRISIS_INTENTS, "not_crisis"}
    assert all(counts[kind] >= shape.english_per_kind for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= shape.english_everyday


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_every_crisis_kind(batch: str, lang: str) -> None:
    shape = BATCHES[batch]
    counts = _language_labels(batch, lang)
    assert sum(counts.values()) >= shape.per_language
    assert all(counts[kind] >= shape.per_language_kind for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= shape.per_language_everyday


#: crisis6 and crisis8 have no English: (batch, language, tag that must be present too or None) ->
#: (least messages, least calm messages).
ROMANISED_BATCHES = {
    ("crisis6", "ur", "romanised"): (60, 1), ("crisis6", "ur", None): (90, 1), ("crisis6", "gu", None): (40, 1),
    ("crisis6", "pt", None): (25, 1),
    ("crisis8", "ur", "romanised"): (90, 10), ("crisis8", "ur", None): (120, 10),
    ("crisis8", "gu", "romanised"): (30, 10), ("crisis8", "gu", None): (79, 10),
}


@pytest.mark.parametrize(("batch", "lang", "tag"), ROMANISED_BATCHES)
def test_crisis6_and_8_have_every_crisis_kind_per_language(batch: str, lang: str, tag: str | None) -> None:
    least, least_calm = ROMANISED_BATCHES[(batch, lang, tag)]
    counts = _language_labels(batch, lang, tag)
    assert sum(counts.values()) >= least
    assert set(counts) == {*CRISIS_INTENTS, "not_crisis"}
    assert all(counts[kind] >= 5 for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= least_calm


@pytest.mark.parametrize("lang", LANGUAGES)
def test_crisis7_has_every_crisis_kind_and_calm_questions_per_language(lang: str) -> None:
    counts = _language_labels("crisis7", lang)
    assert set(counts) == {*CRISIS_INTENTS, "not_crisis"}
    assert all(counts[kind] >= 4 for kind in CRISIS_INTENTS)
    assert counts["not_crisis"] >= 10


@pytest.mark.parametrize("batch", [*BATCHES, "crisis6", "crisis7", "crisis8"])
def test_batch_repeats_no_blind_message(batch: str) -> None:
    """Tuning on a message the blind set also holds would be tuning on the blind set."""
    messages = [(m["label"], m["text"]) for path in (VALIDATION / batch).glob("*.yml") for m in read_messages(path)]
    assert find_overlaps(blind_messages(), messages) == []
