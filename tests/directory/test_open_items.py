"""Open items from the facts reference: stored as data (services_directory/open_items.yml), checked by
`validate`, and printed by the staleness report until someone resolves them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from directory_support import run

from services_directory.open_items import OPEN_ITEMS_PATH, load_open_items, open_only

# The reference's open items the issue names, and the records each must point at.
NAMED = {
    "grasac-hours-and-website": ["grasac"],
    "victim-support-local-contract": ["victim-support"],
    "karma-nirvana-hours": ["karma-nirvana"],
    "nspcc-helpline-hours": ["nspcc-helpline"],
    "respect-phoneline-hours": ["respect-phoneline"],
    "gloucester-city-homes-or-rooftop": ["gloucester-city-homes"],
}


def _raw() -> dict:
    return yaml.safe_load(OPEN_ITEMS_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "open_items.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_the_file_is_valid_and_names_real_records(directory) -> None:
    items, problems = load_open_items(record_keys=[s.key for s in directory.services])
    assert problems == []
    by_id = {i.id: i for i in open_only(items)}
    for item_id, records in NAMED.items():
        assert item_id in by_id, item_id
        assert list(by_id[item_id].records) == records
    # Every item of the reference's list of nine is there.
    assert {i.reference_item for i in items} == set(range(1, 10))


def test_no_contact_details_in_open_items(directory) -> None:
    text = OPEN_ITEMS_PATH.read_text(encoding="utf-8")
    for service in directory.services:
        for phone in service.phones:
            if len(phone.number) > 4:  # 999 and 101 could appear as ordinary words
                assert phone.number not in text, phone.number
    assert "http" not in text and "@" not in text


def test_stale_report_prints_the_open_items() -> None:
    result = run("stale", "--days", "180", "--today", "2026-11-30")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Open items from the facts reference (12):" in out
    for phrase in (
        "GRASAC: helpline hours and website (grasac)",
        "Victim Support: is it still Gloucestershire's local victim service after April 2025? (victim-support)",
        "Karma Nirvana: opening hours (karma-nirvana)",
        "NSPCC Helpline: opening hours (nspcc-helpline)",
        "Respect Phoneline: opening hours (respect-phoneline)",
        "Gloucester City Homes or Rooftop: what actually happened? (gloucester-city-homes)",
    ):
        assert phrase in out, phrase
    total = len(list((OPEN_ITEMS_PATH.parent / "records").glob("*.yml")))
    assert f"{total} of {total} record(s) not yet confirmed with the service" in out
    dates_only = run("stale", "--days", "180", "--today", "2026-11-30", "--dates-only")
    assert "Open items" not in dates_only.stdout and "0 record(s) to re-check" in dates_only.stdout


def test_a_resolved_item_leaves_the_report(tmp_path: Path) -> None:
    data = _raw()
    for item in data["items"]:
        if item["id"] == "gloucester-city-homes-or-rooftop":
            item["resolved"] = "2026-11-29"
            item["resolution"] = "Test only: GCH confirmed it has not merged with Rooftop."
    path = _write(tmp_path, data)
    assert run("--open-items", str(path), "validate").returncode == 0
    out = run("--open-items", str(path), "stale", "--today", "2026-11-30").stdout
    assert "Open items from the facts reference (11):" in out
    assert "Rooftop" not in out and "GRASAC: helpline hours and website" in out


BROKEN = {
    "unknown record key": lambda items: items[0].update(records=["no-such-service"]),
    "no records and nothing it applies to": lambda items: items[0].update(records=[]),
    "missing check": lambda items: items[0].pop("check"),
    "empty title": lambda items: items[0].update(title="  "),
    "duplicate id": lambda items: items[1].update(id=items[0]["id"]),
    "bad id": lambda items: items[0].update(id="Not A Slug"),
    "reference item not a number": lambda items: items[0].update(reference_item="two"),
    "resolved without a resolution": lambda items: items[0].update(resolved="2026-11-29"),
    "resolved in the future": lambda items: items[0].update(resolved="2999-01-01", resolution="x"),
    "unknown field": lambda items: items[0].update(owner="someone"),
}


@pytest.mark.parametrize("mutation", BROKEN.values(), ids=BROKEN.keys())
def test_validate_rejects_a_broken_open_items_file(tmp_path: Path, mutation, directory) -> None:
    data = _raw()
    mutation(data["items"])
    path = _write(tmp_path, data)
    problems = load_open_items(path, [s.key for s in directory.services])[1]
    assert problems, "the broken file was accepted"


def test_validate_command_reports_open_item_problems(tmp_path: Path) -> None:
    data = _raw()
    data["items"][0]["records"] = ["no-such-service"]
    result = run("--open-items", str(_write(tmp_path, data)), "validate")
    assert result.returncode == 1 and "no record with key 'no-such-service'" in result.stderr
    garbage = tmp_path / "garbage.yml"
    garbage.write_text("- just\n- a list\n", encoding="utf-8")
    result = run("--open-items", str(garbage), "validate")
    assert result.returncode == 1 and "expected an 'items:' list" in result.stderr
