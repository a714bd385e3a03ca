"""The real records are valid, match the facts reference, and the checks reject bad records.

Records added after the reference (issue 11) cite public sources read with the search tool; those
sources are listed, with what each supports, in the ledger `sources_checked` in content/register.yml.
A fact passes if it is in the reference or in the ledger text of one of the record's own sources."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from directory_support import FACTS, SECRET_RECORD, write_record

from content import load_sources_checked
from services_directory import DirectoryError, load_directory, validate_directory
from services_directory.loader import DEFAULT_RECORDS, check_records, read_directory
from services_directory.model import service_id

REQUIRED_KEYS = {
    "police-emergency",
    "police-non-emergency",
    "silent-solution",
    "national-domestic-abuse-helpline",
    "gdass",
    "mens-advice-line",
    "galop",
    "respect-phoneline",
    "karma-nirvana",
    "crimestoppers",
    "fearless",
    "samaritans",
    "childline",
    "nspcc-helpline",
    "bright-sky",
    "victim-support",
    "hope-house-sarc",
    "grasac",
    "change-grow-live",
    "solace-asb",
    "gloucester-city-council-community-safety",
    "early-help",
    "gloucester-city-homes",
    "gloucestershire-fire-rescue",
    "action-on-aces-gloucestershire",
    "mental-health-crisis-line",
    "clares-law",
}


@pytest.fixture(scope="module")
def facts() -> str:
    return FACTS.read_text(encoding="utf-8")


def test_all_real_records_are_valid() -> None:
    count, errors = validate_directory()
    assert errors == []
    assert count == len(list(DEFAULT_RECORDS.glob("*.yml")))


def test_required_services_present_and_nothing_without_a_contact(directory) -> None:
    keys = {s.key for s in directory.services}
    assert REQUIRED_KEYS <= keys
    # The reference gives no public contact for these, so they are documented, not listed.
    assert not {"street-aware", "nightsafe"} & keys
    readme = (DEFAULT_RECORDS.parent / "README.md").read_text(encoding="utf-8")
    assert "Street Aware" in readme and "NightSafe" in readme


def test_ids_are_stable_uuid5_of_the_key(directory) -> None:
    ndah = directory.get("national-domestic-abuse-helpline")
    assert ndah.id == service_id("national-domestic-abuse-helpline")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", ndah.id)
    assert len({s.id for s in directory.services}) == len(directory.services)


def _ledger_text(service) -> str:
    """What the ledger records for this service's own sources: their URLs and what they support."""
    ledger = load_sources_checked()
    return "\n".join(f"{u} {ledger[u].supports}" for u in service.sources if u in ledger)


def test_every_phone_number_appears_verbatim_in_the_reference(directory, facts: str) -> None:
    for s in directory.services:
        for phone in s.phones:
            # "999 then 55" is written that way in the reference too.
            assert phone.number in facts or phone.number in _ledger_text(s), (
                f"{s.key}: {phone.number!r} is in neither facts-and-safety.md nor its sources' ledger"
            )


def test_every_source_and_email_is_in_the_reference(directory, facts: str) -> None:
    ledger = load_sources_checked()
    for s in directory.services:
        assert s.sources, s.key
        for url in s.sources:
            assert url in facts or url in ledger, f"{s.key}: source {url} is not in facts-and-safety.md"
        if s.email:
            assert s.email in facts, f"{s.key}: {s.email}"


def test_every_website_comes_from_the_reference(directory, facts: str) -> None:
    """A website is either cited verbatim or is the host the reference (or the ledger) names."""
    for s in directory.services:
        known = facts + _ledger_text(s)
        for url in filter(None, [s.url, s.organization.website]):
            host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
            assert url in known or url.rstrip("/") in known or host in known, f"{s.key}: {url}"


def test_dates_and_confidence_on_every_record(directory, facts: str) -> None:
    """The two dates are kept apart: a record's information date is when its facts were checked
    (against the reference on 21 November 2026, or the day its own sources were read), and nobody
    has yet confirmed any record with the service."""
    ledger = load_sources_checked()
    for s in directory.services:
        read = [ledger[u].checked for u in s.sources if u in ledger and u not in facts]
        expected = max(read).isoformat() if read else "2026-11-21"
        assert s.information_date.isoformat() == expected, s.key
        assert s.information_date_kind == "checked"
        assert s.confirmed_with_service is None
        assert s.confidence


def test_unverified_facts_carry_their_marks(directory) -> None:
    # Records whose core facts are Medium-Low, Low or UNVERIFIED in the reference.
    for key in ("gdass", "change-grow-live", "early-help"):
        service = directory.get(key)
        assert service.verified is False and service.notes
        assert all(not p.verified for p in service.phones), key
    # Field-level marks on otherwise solid records.
    assert directory.get("mens-advice-line").hours_verified is False
    assert directory.get("mens-advice-line").phones[0].verified is True
    chat = [s for s in directory.get("national-domestic-abuse-helpline").schedules if s.channel == "chat"]
    assert chat and chat[0].verified is False
    assert directory.get("early-help").url_verified is True


def test_conflicting_or_unknown_hours_are_left_out(directory) -> None:
    for key in ("respect-phoneline", "karma-nirvana", "nspcc-helpline", "grasac", "gdass", "change-grow-live"):
        assert directory.get(key).schedules == (), key
    # Fearless' age range is Low confidence, so no ages are set.
    fearless = directory.get("fearless")
    assert fearless.eligibility.minimum_age is None and fearless.eligibility.maximum_age is None


def test_fire_service_has_only_999(directory) -> None:
    fire = directory.get("gloucestershire-fire-rescue")
    assert [p.display for p in fire.phones] == ["999"]
    assert fire.url is None and fire.email is None and fire.organization.website is None


def test_silent_solution_is_described_accurately(directory) -> None:
    silent = directory.get("silent-solution")
    assert silent.phones[0].display == "999 then 55"
    text = silent.description.lower()
    for phrase in ("mobile", "press 55", "does not tell the police where you are", "call ends", "do not automatically"):
        assert phrase in text, phrase


# -- the checks reject bad records -------------------------------------------------------------


def _good() -> dict[str, Any]:
    raw = yaml.safe_load((DEFAULT_RECORDS / "mens-advice-line.yml").read_text(encoding="utf-8"))
    raw["information_date"] = raw["information_date"].isoformat()
    return raw


def _errors(raw: dict[str, Any], name: str = "mens-advice-line.yml") -> list[str]:
    return check_records([(name, raw)])[1]


def test_the_unchanged_sample_record_passes() -> None:
    assert _errors(_good()) == []


BAD_RECORDS = {
    "no sources": lambda r: r.update(sources=[]),
    "sources missing": lambda r: r.pop("sources"),
    "information_date missing": lambda r: r.pop("information_date"),
    "information_date not a date": lambda r: r.update(information_date="2026-13-40"),
    "information_date in the future": lambda r: r.update(information_date="2999-01-01"),
    "unknown information_date_kind": lambda r: r.update(information_date_kind="guessed"),
    "confirmed_with_service not a date": lambda r: r.update(confirmed_with_service="last week"),
    "confirmed_with_service in the future": lambda r: r.update(confirmed_with_service="2999-01-01"),
    "old assured_date": lambda r: r.update(assured_date="2026-11-21"),
    "unknown field (typo)": lambda r: r.update(hours_verifed=False),
    "bad key": lambda r: r.update(key="Mens Advice Line"),
    "unquoted phone": lambda r: r["phones"][0].update(number=999),
    "letters in phone": lambda r: r["phones"][0].update(number="0808 ABC 0327"),
    "not a UK number": lambda r: r["phones"][0].update(number="0808 000"),
    "unsupported sequence": lambda r: r["phones"][0].update(number="999 then 66"),
    "unquoted time (YAML reads 17:00 as 1020)": lambda r: r["schedules"][0].update(closes_at=1020),
    "bad clock": lambda r: r["schedules"][0].update(opens_at="25:00"),
    "open and close equal": lambda r: r["schedules"][0].update(opens_at="09:00", closes_at="09:00"),
    "24/7 plus days": lambda r: r["schedules"][0].update(open_24_7=True),
    "bad day": lambda r: r["schedules"][0].update(byday=["MON"]),
    "unknown need": lambda r: r.update(needs=["parking"]),
    "unknown audience": lambda r: r["eligibility"].update(audiences=["aliens"]),
    "unknown area": lambda r: r.update(service_areas=["Narnia"]),
    "min age above max": lambda r: r["eligibility"].update(minimum_age=30, maximum_age=18),
    "ftp url": lambda r: r.update(url="ftp://example.org/x"),
    "url without host": lambda r: r.update(url="https://localhost"),
    "url with quote": lambda r: r.update(url='https://example.org/"onmouseover'),
    "bad source url": lambda r: r.update(sources=["not a url"]),
    "bad email": lambda r: r.update(email="not-an-email"),
    "unverified without notes": lambda r: r.pop("notes"),
    "fallback on a line that is not 24/7": lambda r: r.update(fallback_rank=1),
    "verified missing": lambda r: r.pop("verified"),
    "confidential flag missing": lambda r: r.pop("x_ssgp_confidential_location"),
    "bad status": lambda r: r.update(status="open"),
    "too short description": lambda r: r.update(description="Help."),
}


@pytest.mark.parametrize("mutation", BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_checks_reject_bad_records(mutation) -> None:
    raw = copy.deepcopy(_good())
    mutation(raw)
    assert _errors(raw), "the broken record was accepted"


def test_key_must_match_file_name() -> None:
    assert any("must match the file name" in e for e in _errors(_good(), "other-name.yml"))


def test_duplicate_keys_and_inconsistent_organisations_are_reported() -> None:
    first = _good()
    dup = copy.deepcopy(first)
    assert any("already used" in e for e in check_records([("a.json", first), ("b.json", dup)])[1])
    other = copy.deepcopy(first)
    other["key"] = "respect-copy"
    other["organization"]["description"] = "A different description of the same organisation."
    errors = check_records([("a.json", first), ("b.json", other)])[1]
    assert any("described differently" in e for e in errors)


def test_error_messages_name_the_field_and_give_a_hint() -> None:
    raw = _good()
    raw["schedules"][0]["closes_at"] = 1020
    errors = _errors(raw)
    assert any("schedules[0].closes_at" in e and "quotes" in e for e in errors), errors


def test_load_directory_raises_with_every_problem(records_copy: Path) -> None:
    (records_copy / "broken.yml").write_text("key: broken\nname: [unclosed\n", encoding="utf-8")
    (records_copy / "binary.yml").write_bytes(b"\x00\xff\xfe garbage")
    (records_copy / "scalar.yml").write_text("just a string\n", encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        load_directory(records_copy)
    text = str(info.value)
    assert "broken.yml" in text and "binary.yml" in text


def test_not_a_mapping_and_oversized_files_are_rejected(records_copy: Path) -> None:
    (records_copy / "scalar.yml").write_text("just a string\n", encoding="utf-8")
    _, errors = validate_directory(records_copy)
    assert any("scalar.yml" in e for e in errors)
    (records_copy / "scalar.yml").unlink()
    (records_copy / "huge.yml").write_text("key: huge\n# " + "x" * 70_000 + "\n", encoding="utf-8")
    with pytest.raises(DirectoryError, match=r"huge\.yml"):
        read_directory(records_copy)


def test_cache_reloads_when_a_file_changes(records_copy: Path) -> None:
    first = load_directory(records_copy)
    assert load_directory(records_copy) is first
    write_record(records_copy, SECRET_RECORD)
    second = load_directory(records_copy)
    assert second is not first and second.get("test-secret-refuge") is not None
