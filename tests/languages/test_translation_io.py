"""Export and import of translations (CSV and XLIFF 1.2) on temporary copies of the content files."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from content.translation import ROOT, english_hash, load_domain_responses, load_register, stale_translations
from content.translation_io import (
    export_rows,
    import_file,
    import_rows,
    read_csv_rows,
    read_xliff_rows,
    to_csv,
    to_xliff,
)
from tests.languages.test_translation_register import copy_sources

FIXTURE = ROOT / "tests/languages/fixtures/pl_crisis_danger.csv"


def snapshot(sources) -> dict[str, bytes]:
    files = [*sorted(sources.domain_dir.glob("*.yml")), sources.prompts, sources.ui_strings, sources.register]
    return {str(p): p.read_bytes() for p in files}


def test_export_lists_the_english_its_hash_and_the_current_translation() -> None:
    rows = export_rows("pl", prefixes=["utter_crisis_danger"])
    assert [r["key"] for r in rows] == [
        "utter_crisis_danger", "utter_crisis_danger.button.0", "utter_crisis_danger.button.1"]
    main = rows[0]
    assert main["source_sha256"] == english_hash("utter_crisis_danger")
    assert main["english"].startswith("**If you are in danger now")
    assert main["translation"].startswith("**Jeśli jesteś teraz w niebezpieczeństwie")
    assert main["reviewed_by"] == ""
    assert rows[1]["english"] == "I'm safe now"


def fill(rows: list[dict[str, str]], key: str, text: str, titles: list[str] = ()) -> list[dict[str, str]]:
    out = []
    for row in rows:
        if row["key"] == key:
            row = {**row, "translation": text, "method": "machine draft by an AI assistant, 2026-11-30"}
        elif row["key"].startswith(key + ".button."):
            row = {**row, "translation": titles[int(row["key"].rsplit(".", 1)[1])]}
        else:
            continue
        out.append(row)
    return out


def test_csv_round_trip_writes_the_domain_and_the_register_and_is_idempotent(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    crisis_before = (sources.domain_dir / "crisis.yml").read_text()
    rows = fill(export_rows("pl", sources, ["utter_crisis_child"]), "utter_crisis_child",
                "Dziecko: zadzwoń {phone:police-emergency}.", ["Tytuł"] * 10)
    path = tmp_path / "pl.csv"
    path.write_text(to_csv(rows), encoding="utf-8")

    report = import_file(path, sources)
    assert report.ok and report.imported == ["utter_crisis_child (pl)"]
    variations = load_domain_responses(sources.domain_dir)["utter_crisis_child"]
    polish = [v for v in variations if v.get("condition")]
    assert polish[0]["text"] == "Dziecko: zadzwoń {phone:police-emergency}."
    english = variations[0]
    payloads = [b["payload"] for b in english.get("buttons") or []]
    assert [b["payload"] for b in polish[0].get("buttons") or []] == payloads
    record = load_register(sources.register)[("utter_crisis_child", "pl")]
    assert record.source_sha256 == english_hash("utter_crisis_child", sources) and record.reviewed_by is None
    assert stale_translations(sources) == []
    # Comments and the untouched responses stay as they were.
    crisis_after = (sources.domain_dir / "crisis.yml").read_text()
    assert [line for line in crisis_before.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in crisis_after.splitlines() if line.lstrip().startswith("#")]
    assert crisis_after.startswith(crisis_before.split("utter_crisis_child:")[0])

    before = snapshot(sources)
    again = import_file(path, sources)
    assert again.imported == [] and again.unchanged == ["utter_crisis_child (pl)"]
    assert snapshot(sources) == before


def test_importing_the_fixture_again_updates_rather_than_duplicates(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    rows = read_csv_rows(FIXTURE.read_text(encoding="utf-8"))
    rows[0]["translation"] = rows[0]["translation"].replace("Nawet szept", "Nawet cichy szept")
    report = import_rows(rows, sources)
    assert report.imported == ["utter_crisis_danger (pl)"]
    variations = load_domain_responses(sources.domain_dir)["utter_crisis_danger"]
    in_polish = {"type": "slot", "name": "language", "value": "pl"}
    polish = [v for v in variations if in_polish in (v.get("condition") or [])]
    assert len(polish) == 1 and "Nawet cichy szept" in polish[0]["text"]
    entries = yaml.safe_load(sources.register.read_text())["translations"]
    assert [(e["key"], e["language"]) for e in entries].count(("utter_crisis_danger", "pl")) == 1


def test_a_stale_row_is_refused_and_reported_and_the_rest_imported(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    rows = fill(export_rows("ro", sources, ["utter_crisis_suicide", "utter_crisis_child"]), "utter_crisis_suicide",
                "Îmi pare foarte rău.", ["Titlu"] * 10)
    rows += fill(export_rows("ro", sources, ["utter_crisis_child"]), "utter_crisis_child", "Copil.", ["Titlu"] * 10)
    rows[0]["source_sha256"] = "0" * 64
    before = load_register(sources.register).get(("utter_crisis_suicide", "ro"))
    report = import_rows(rows, sources)
    assert not report.ok
    assert len(report.refused) == 1 and report.refused[0].startswith("utter_crisis_suicide (ro): stale")
    assert report.imported == ["utter_crisis_child (ro)"]
    assert load_register(sources.register).get(("utter_crisis_suicide", "ro")) == before
    suicide = load_domain_responses(sources.domain_dir)["utter_crisis_suicide"]
    assert not any("Îmi pare foarte rău." == v.get("text") for v in suicide)


@pytest.mark.parametrize(
    ("row", "reason"),
    [({"key": "utter_nothing_like_this"}, "no such English text"), ({"language": "xx"}, "not a language"),
     ({"translation": "  "}, "empty translation")],
)
def test_bad_rows_are_refused(tmp_path: Path, row: dict[str, str], reason: str) -> None:
    sources = copy_sources(tmp_path)
    base = {"key": "utter_crisis_child", "language": "pl", "source_sha256": english_hash("utter_crisis_child"),
            "translation": "Tekst", "method": "m"}
    before = snapshot(sources)
    report = import_rows([{**base, **row}], sources)
    assert reason in report.refused[0]
    assert snapshot(sources) == before


def test_xliff_round_trip(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    rows = fill(export_rows("pt", sources, ["utter_crisis_cannot_speak"]), "utter_crisis_cannot_speak",
                "**Ligue {phone:police-emergency} agora.**", ["Estou em segurança agora"])
    xliff = to_xliff(rows, "pt")
    assert 'target-language="pt"' in xliff and "urn:oasis:names:tc:xliff:document:1.2" in xliff
    assert read_xliff_rows(xliff) == rows
    path = tmp_path / "pt.xlf"
    path.write_text(xliff, encoding="utf-8")
    report = import_file(path, sources)
    assert report.ok and report.imported == ["utter_crisis_cannot_speak (pt)"]
    portuguese = [v for v in load_domain_responses(sources.domain_dir)["utter_crisis_cannot_speak"]
                  if {"type": "slot", "name": "language", "value": "pt"} in (v.get("condition") or [])]
    assert len(portuguese) == 1
    assert portuguese[0]["buttons"][0] == {"title": "Estou em segurança agora", "payload": "/affirm"}


def test_xliff_with_entities_is_refused() -> None:
    with pytest.raises(ValueError):
        read_xliff_rows('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff/>')


def test_prompts_and_ui_strings_are_imported_too(tmp_path: Path) -> None:
    sources = copy_sources(tmp_path)
    rows = fill(export_rows("pl", sources, ["prompt.service_for"]), "prompt.service_for", "Dla kogo jest pomoc?",
                ["Dla mnie", "Dla przyjaciela", "Dla dziecka", "Jestem specjalistą", "Pomiń"])
    rows += fill(export_rows("pl", sources, ["ui.language_menu"]), "ui.language_menu", "🌐 Język polski")
    report = import_rows(rows, sources)
    assert report.ok, report.refused
    prompt = yaml.safe_load(sources.prompts.read_text())["prompts"]["service_for"]
    assert prompt["translations"]["pl"]["text"] == "Dla kogo jest pomoc?"
    assert prompt["translations"]["pl"]["buttons"][:2] == ["Dla mnie", "Dla przyjaciela"]
    assert yaml.safe_load(sources.ui_strings.read_text())["strings"]["language_menu"]["pl"] == "🌐 Język polski"
    before = snapshot(sources)
    assert import_rows(rows, sources).imported == []
    assert snapshot(sources) == before


def test_the_command_line_exports_csv() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "content", "translations", "export", "--language", "pl", "--key", "utter_crisis_danger"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["key"] == "utter_crisis_danger" and rows[0]["language"] == "pl"


def test_the_command_line_reports_a_refused_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    text = FIXTURE.read_text(encoding="utf-8").replace(english_hash("utter_crisis_danger"), "f" * 64)
    bad.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "content", "translations", "import", str(bad)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "refused utter_crisis_danger (pl): stale" in result.stderr
