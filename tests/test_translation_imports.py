"""The translators' import files (content/translations/import/<lang>.csv) keep the LANG.md format.

These are the deliverable partner translators review, so each row must be importable as it stands:
the right columns, a hash that matches the English it carries, every placeholder and bold marker
kept, and an honest method with no reviewer claimed.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from scripts.translation_scope import HEADER, METHOD, scope

ROOT = Path(__file__).resolve().parent.parent
IMPORT_DIR = ROOT / "content" / "translations" / "import"
LANGUAGES = ("pl", "ro", "ur", "pa", "pt", "gu")
PLACEHOLDER = re.compile(r"\{[^{}]+\}")
BUTTON_KEY = re.compile(r"^(?P<parent>.+)\.button\.(?P<index>\d+)$")


def _rows(language: str) -> list[dict[str, str]]:
    with (IMPORT_DIR / f"{language}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_are_honest_machine_drafts_in_the_right_language(language: str) -> None:
    for row in _rows(language):
        assert row["language"] == language, row["key"]
        assert row["method"] == METHOD, row["key"]
        # Nobody fluent has checked these yet; claiming a reviewer would be a lie.
        assert row["reviewed_by"] == "" and row["reviewed_on"] == "", row["key"]
        assert row["translation"].strip(), f"{row['key']} has no translation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_hash_is_the_hash_of_the_english_it_was_translated_from(language: str) -> None:
    rows = _rows(language)
    by_key = {row["key"]: row for row in rows}
    titles: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        match = BUTTON_KEY.match(row["key"])
        if match:
            titles.setdefault(match["parent"], []).append((int(match["index"]), row["english"]))
    for key, row in by_key.items():
        if BUTTON_KEY.match(key):
            continue
        ordered = [title for _, title in sorted(titles.get(key, []))]
        english = "\n".join([row["english"], *ordered]) if ordered else row["english"]
        assert row["source_sha256"] == hashlib.sha256(english.encode()).hexdigest(), key
        for index, _ in titles.get(key, []):
            assert by_key[f"{key}.button.{index}"]["source_sha256"] == row["source_sha256"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_bold_survive_translation(language: str) -> None:
    for row in _rows(language):
        english, translation = row["english"], row["translation"]
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(english)), row["key"]
        assert translation.count("**") == english.count("**"), row["key"]
        assert translation.count("\n- ") == english.count("\n- "), row["key"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_in_scope_is_covered(language: str) -> None:
    expected = set()
    for entry in scope():
        expected.add(entry.key)
        expected.update(f"{entry.key}.button.{i}" for i in range(len(entry.buttons)))
    assert {row["key"] for row in _rows(language)} == expected
