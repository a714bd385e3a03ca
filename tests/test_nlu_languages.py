"""The community-language training data (issue 12): data/nlu/languages/<code>.yml.

Reads the real files; trains nothing. Checks that every language of issue 12 has examples for each
crisis intent (the most), the core topics, greeting, menu and reporting, with the same labels as the
English data, and that the files stay balanced: a language block much larger than the others could
pull ordinary English messages towards it (the classifier is shared).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from safety.crisis_intents import CRISIS_INTENTS
from tests.nlu.check_overlap import nlu_examples, training_examples

ROOT = Path(__file__).resolve().parent.parent
LANG_DIR = ROOT / "data" / "nlu" / "languages"
LANGUAGES = ("pl", "ro", "ur", "pa", "pt", "gu")
CORE = (
    "faq/da_disclosure", "faq/da_get_help", "faq/cuckooing_what", "faq/county_lines_what", "faq/angela_what",
    "faq/ask_for_ani", "faq/aces_what", "greet", "topic_menu", "log_concern", "out_of_scope",
)


def _counts(code: str) -> Counter:
    return Counter(intent for intent, _ in nlu_examples(LANG_DIR / f"{code}.yml"))


def test_one_file_per_language_and_no_other() -> None:
    assert {p.stem for p in LANG_DIR.glob("*.yml")} == set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_crisis_intent_has_examples(code: str) -> None:
    counts = _counts(code)
    assert {intent: counts[intent] for intent in CRISIS_INTENTS if counts[intent] < 7} == {}


@pytest.mark.parametrize("code", LANGUAGES)
def test_core_topics_greeting_menu_and_reporting_are_covered(code: str) -> None:
    counts = _counts(code)
    assert {intent for intent in CORE if counts[intent] < 3} == set()


@pytest.mark.parametrize("code", LANGUAGES)
def test_labels_are_the_english_labels(code: str) -> None:
    english = {intent for path in (ROOT / "data" / "nlu").glob("*.yml") for intent, _ in nlu_examples(path)}
    assert set(_counts(code)) <= english


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_blocks_stay_small_beside_english(code: str) -> None:
    counts = _counts(code)
    # Urdu holds two blocks (Urdu script and romanised), hence the larger cap.
    assert max(counts.values()) <= (20 if code == "ur" else 12)
    assert sum(counts.values()) <= (220 if code == "ur" else 120)


def test_romanised_urdu_has_its_own_crisis_examples() -> None:
    examples = nlu_examples(LANG_DIR / "ur.yml")
    romanised = {intent for intent, text in examples if text.isascii() and intent in CRISIS_INTENTS}
    assert romanised == set(CRISIS_INTENTS)


def test_language_examples_are_in_the_training_set_checks() -> None:
    # tests/nlu/check_overlap.training_examples (duplicate and overlap checks) reads these files too.
    texts = {text for _, text in training_examples()}
    assert "mă omoară, ajutor" in texts
