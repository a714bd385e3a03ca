"""The per-language blind and validation sets (issue 12): shape and coverage, never their scores.

Checks what the sets promise (tests/nlu/blind/languages/README.md): every supported language has a
blind set of at least 45 messages with at least 12 crisis messages of all four kinds, and a separate
validation batch; each message is tagged with its language; every label is one the assistant has
(or ``choose_language``, the language switch, or ``out_of_scope``); no text is in both splits.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from safety.crisis_intents import CRISIS_INTENTS
from scripts.evaluate_nlu import read_messages

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "nlu" / "blind" / "languages"
VALIDATION = ROOT / "tests" / "nlu" / "validation" / "languages"
LANGUAGES = ("pl", "ro", "ur", "pa", "pt", "gu")
EXTRA_LABELS = {"out_of_scope", "choose_language"}
#: Topic tags every blind set covers (README.md beside the sets).
COVERAGE = ("crisis", "child", "domestic_abuse", "cuckooing", "angela", "aces", "menu", "concern",
            "out_of_scope", "mixed")


def domain_labels() -> set[str]:
    labels: set[str] = set()
    for path in (ROOT / "domain").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        labels.update(i if isinstance(i, str) else next(iter(i)) for i in data.get("intents") or [])
        labels.update(name.removeprefix("utter_") for name in data.get("responses") or {} if "/" in name)
    return labels | EXTRA_LABELS


@pytest.fixture(scope="module")
def labels() -> set[str]:
    return domain_labels()


def test_the_sets_are_exactly_the_supported_languages() -> None:
    assert sorted(p.stem for p in BLIND.glob("*.yml")) == sorted(LANGUAGES)
    assert sorted(p.stem for p in VALIDATION.glob("*.yml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("split", [BLIND, VALIDATION], ids=["blind", "validation"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_well_formed(split: Path, lang: str, labels: set[str]) -> None:
    messages = read_messages(split / f"{lang}.yml")
    texts = [str(m["text"]).strip() for m in messages]
    assert len(texts) == len(set(texts)), "a text appears twice"
    for m in messages:
        tags = m.get("tags") or []
        assert f"lang_{lang}" in tags, m
        assert m["label"] in labels, m
        assert set(m.get("accept") or []) <= labels, m
        # The crisis tag and a crisis label go together, so per-tag crisis figures mean what they say.
        assert ("crisis" in tags) == (m["label"] in CRISIS_INTENTS), m
        assert ("out_of_scope" in tags) == (m["label"] == "out_of_scope"), m


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blind_set_size_and_coverage(lang: str) -> None:
    messages = read_messages(BLIND / f"{lang}.yml")
    tags = Counter(t for m in messages for t in m.get("tags") or [])
    kinds = Counter(m["label"] for m in messages if m["label"] in CRISIS_INTENTS)
    assert len(messages) >= 45
    assert sum(kinds.values()) >= 12
    assert set(kinds) == set(CRISIS_INTENTS), "all four kinds of crisis"
    assert tags["indirect"] >= 3 and tags["concern"] >= 2 and tags["out_of_scope"] >= 3
    missing = [t for t in COVERAGE if not tags[t]]
    assert not missing, missing
    if lang == "ur":
        assert tags["romanised"] >= 12


@pytest.mark.parametrize("lang", LANGUAGES)
def test_validation_is_a_separate_batch(lang: str) -> None:
    blind = {str(m["text"]).strip().lower() for m in read_messages(BLIND / f"{lang}.yml")}
    validation = read_messages(VALIDATION / f"{lang}.yml")
    assert 18 <= len(validation) <= 30
    assert sum(m["label"] in CRISIS_INTENTS for m in validation) >= 6
    assert not blind & {str(m["text"]).strip().lower() for m in validation}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_second_crisis_batch_is_separate_and_balanced(lang: str) -> None:
    """tests/nlu/validation/languages/extra/: 6 messages per crisis kind and 12 everyday ones as
    written (a message that happened to equal one of another set was dropped), sharing no text with
    the blind set, the first validation batch or the training data."""
    from collections import Counter

    batch = read_messages(VALIDATION / "extra" / f"{lang}.yml")
    kinds = Counter(m["label"] for m in batch)
    assert all(5 <= kinds[kind] <= 6 for kind in CRISIS_INTENTS), kinds
    assert 11 <= kinds["not_crisis"] <= 12 and 34 <= len(batch) <= 36
    assert all(f"lang_{lang}" in m["tags"] for m in batch)
    texts = {str(m["text"]).strip().lower() for m in batch}
    others = {str(m["text"]).strip().lower() for m in read_messages(BLIND / f"{lang}.yml")}
    others |= {str(m["text"]).strip().lower() for m in read_messages(VALIDATION / f"{lang}.yml")}
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            others |= {line.strip()[2:].strip().lower() for line in str(item.get("examples", "")).splitlines()}
    assert not texts & others


def test_a_message_without_a_label_stops_the_evaluation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("version: '1'\nmessages:\n- text: cześć\n  tags: [lang_pl]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="message 1 needs a non-empty text and a label"):
        read_messages(bad)
