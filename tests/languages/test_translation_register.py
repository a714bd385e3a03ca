"""The register of translations: every translation records the English it was made from."""

from __future__ import annotations

import shutil
from pathlib import Path

from content.translation import (
    ROOT,
    Sources,
    english_hash,
    hash_source,
    load_register,
    stale_translations,
    unregistered_translations,
)


def test_no_translation_is_stale() -> None:
    """Fails when an English text changes after it was translated: translate it again, then
    record the new source_sha256 (python -m content translations import FILE)."""
    assert stale_translations() == []


def test_every_translation_in_the_files_is_registered() -> None:
    assert unregistered_translations() == []


def test_register_entries_are_honest() -> None:
    for (key, language), record in load_register().items():
        assert record.method, f"{key} ({language}) does not say how it was translated"
        assert record.reviewed_on is None or record.reviewed_by, f"{key} ({language}): reviewed on, but by whom?"


def copy_sources(tmp_path: Path) -> Sources:
    shutil.copytree(ROOT / "domain", tmp_path / "domain")
    for name in ("prompts.yml", "ui_strings.yml", "translations.yml"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    return Sources(domain_dir=tmp_path / "domain", prompts=tmp_path / "prompts.yml",
                   ui_strings=tmp_path / "ui_strings.yml", register=tmp_path / "translations.yml")


def test_the_staleness_check_fails_when_the_english_changes(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    assert stale_translations(sources) == []
    crisis = sources.domain_dir / "crisis.yml"
    crisis.write_text(crisis.read_text().replace("Even a whisper to the call handler helps.",
                                                 "Even a whisper helps."), encoding="utf-8")
    stale = stale_translations(sources)
    translated = sorted(lang for key, lang in load_register(sources.register) if key == "utter_crisis_danger")
    assert translated and stale == [
        f"utter_crisis_danger ({lang}): stale, the English changed since it was translated" for lang in translated
    ]


def test_the_hash_rule() -> None:
    # LANG.md: sha256 of the text, then "\n" and the button titles joined by "\n".
    import hashlib

    assert hash_source("Hello") == hashlib.sha256(b"Hello").hexdigest()
    assert hash_source("Hi", ["A", "B"]) == hashlib.sha256(b"Hi\nA\nB").hexdigest()
    assert english_hash("utter_crisis_danger") == load_register()[("utter_crisis_danger", "pl")].source_sha256
