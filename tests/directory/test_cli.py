"""The command line, run for real as `python -m services_directory`."""

from __future__ import annotations

import json
from pathlib import Path

from directory_support import SECRET_STRINGS, run


def test_validate_ok_and_broken(records_copy: Path) -> None:
    ok = run("validate")
    assert ok.returncode == 0 and "0 problem(s)" in ok.stdout
    (records_copy / "samaritans.yml").write_text("key: samaritans\nname: S\n", encoding="utf-8")
    bad = run("--records", str(records_copy), "validate")
    assert bad.returncode == 1 and "samaritans.yml" in bad.stderr
    # Every other command refuses to run on broken records, with a pointer to validate.
    assert run("--records", str(records_copy), "tokens").returncode == 1


def test_search_prints_cards() -> None:
    result = run("search", "cuckooing", "--area", "Kingsholm", "--at", "2026-11-23T14:00")
    assert result.returncode == 0, result.stderr
    assert "**Crimestoppers**" in result.stdout and "0800 555 111" in result.stdout
    fallback = run("search", "zzzz")
    assert fallback.returncode == 0 and "Note:" in fallback.stdout


def test_stale_and_tokens() -> None:
    stale = run("stale", "--days", "30", "--today", "2027-01-31", "--dates-only")
    assert stale.returncode == 0 and "71 days ago" in stale.stdout
    tokens = run("tokens")
    assert "phone:silent-solution" in tokens.stdout and "999 then 55" in tokens.stdout


def test_export_and_json_never_show_a_confidential_location(tmp_path: Path, records_with_locations: Path) -> None:
    out = tmp_path / "export"
    result = run("--records", str(records_with_locations), "export-csv", str(out))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.iterdir()}
    assert {"datapackage.json", "services.csv", "phones.csv", "schedule.csv", "organizations.csv"} <= names
    exported = "\n".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    as_json = run("--records", str(records_with_locations), "oruk-json").stdout
    assert json.loads(as_json)
    assert "3 Public Street" in exported and "3 Public Street" in as_json
    for secret in SECRET_STRINGS:
        assert secret not in exported and secret not in as_json
