"""Check that the held-out NLU test set does not repeat the training data.

A test message that equals a training example (after lower-casing and stripping punctuation and
extra spaces) would make the evaluation measure memory, not understanding. Near-duplicates are
listed for a human to review but do not fail the check.

Usage: python tests/nlu/check_overlap.py   (exit code 1 if any exact overlap is found)
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
TRAINING_DIR = REPO / "data" / "nlu"
BLIND_DIR = REPO / "tests" / "nlu" / "blind"
TEST_FILES = (
    REPO / "tests" / "nlu" / "nlu_test.yml",
    REPO / "tests" / "crisis" / "crisis_messages.yml",
    REPO / "tests" / "crisis" / "not_crisis.yml",
)
NEAR_RATIO = 0.9

# Rasa entity annotations look like [text](entity) or [text]{"entity": ...}; keep only the text.
_ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


def normalise(text: str) -> str:
    """Lower-case, drop punctuation, collapse whitespace: what "the same message" means here."""
    text = _ANNOTATION.sub(r"\1", text).lower()
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def _examples_block(block: str) -> Iterator[str]:
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("- "):
            yield line[2:].strip()


def nlu_examples(path: Path) -> Iterator[tuple[str, str]]:
    """(intent, example) pairs from a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for item in data.get("nlu", []) or []:
        if "intent" in item:
            for example in _examples_block(item.get("examples", "")):
                yield item["intent"], example


def load_test_messages(path: Path) -> Iterator[tuple[str, str]]:
    """(label, text) pairs from either an NLU file or a crisis message list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "nlu" in data:
        yield from nlu_examples(path)
    for item in data.get("messages", []) or []:
        yield str(item.get("expect", "not_crisis")), item["text"]


def blind_messages(blind_dir: Path = BLIND_DIR) -> list[tuple[str, str]]:
    """("blind", text) for every message of every blind set, English and per language."""
    return [("blind", text) for path in sorted(blind_dir.rglob("*.yml")) for _, text in load_test_messages(path)]


def training_examples(training_dir: Path = TRAINING_DIR) -> list[tuple[str, str]]:
    return [pair for path in sorted(training_dir.rglob("*.yml")) for pair in nlu_examples(path)]


def find_overlaps(
    training: Iterable[tuple[str, str]], tests: Iterable[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """Test messages equal to a training example: (test text, test label, training intent)."""
    index = {normalise(text): intent for intent, text in training}
    return [(text, label, index[normalise(text)]) for label, text in tests if normalise(text) in index]


def find_near(
    training: Iterable[tuple[str, str]], tests: Iterable[tuple[str, str]], ratio: float = NEAR_RATIO
) -> list[tuple[str, str]]:
    """Test messages very similar (but not equal) to a training example, for human review."""
    train_norm = [normalise(text) for _, text in training]
    near = []
    for _, text in tests:
        norm = normalise(text)
        for candidate in difflib.get_close_matches(norm, train_norm, n=1, cutoff=ratio):
            if candidate != norm:
                near.append((text, candidate))
    return near


def main() -> int:
    training = training_examples()
    tests = [pair for path in TEST_FILES if path.exists() for pair in load_test_messages(path)]
    overlaps = find_overlaps(training, tests)
    for text, label, intent in overlaps:
        print(f"OVERLAP: test message {text!r} ({label}) equals a training example of {intent}")
    for text, candidate in find_near(training, tests):
        print(f"near (review): {text!r} ~ training {candidate!r}")
    print(f"{len(tests)} test messages checked against {len(training)} training examples")
    return 1 if overlaps else 0


if __name__ == "__main__":
    sys.exit(main())
