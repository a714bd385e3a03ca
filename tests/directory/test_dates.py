"""Honest dates: records keep the information date and the confirmation date apart, and cards, the staff
page and the ORUK API say "confirmed" (or ORUK assured_date) only when someone confirmed the record with
the service. Also the converter for records that still carry the old assured_date."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from directory_support import MONDAY_2PM, write_record

from bot.web.app import create_app
from services_directory import card_text, format_card, load_directory, oruk, staleness_report
from services_directory.cards import card_plain_text
from services_directory.convert_dates import convert_folder, convert_text
from services_directory.dates import date_line
from services_directory.loader import DEFAULT_RECORDS, OLD_DATE_FIELD, check_records
from ssgp_settings import Settings

INFO = "Information from public sources, recorded on 21 November 2026"


def _info(service) -> str:
    """The honest date line for a record that nobody has confirmed with the service."""
    day = service.information_date
    return f"Information from public sources, recorded on {day.day} {day:%B %Y}"
# A claim that someone checked or confirmed the facts. ("has not been confirmed" in a description is
# honest, so only the phrases that assert a check or a confirmation are matched.)
CLAIM = re.compile(r"\bchecked\b|\bconfirmed (with|on|by)\b|\bassured\b|\bverified on\b", re.I)


def _raw(records: Path, key: str) -> dict:
    return yaml.safe_load((records / f"{key}.yml").read_text(encoding="utf-8"))


def _confirm(records: Path, key: str, day: str, **extra: str) -> None:
    raw = _raw(records, key)
    raw.update(confirmed_with_service=day, **extra)
    write_record(records, raw)


def _card_texts(service) -> str:
    card = format_card(service, MONDAY_2PM)
    return "\n".join([card_text(card), card_plain_text(card), date_line(service)])


# -- the records -------------------------------------------------------------------------------


def test_record_files_carry_two_dates_and_no_old_field() -> None:
    for path in sorted(DEFAULT_RECORDS.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "assured_date" not in raw, path.name
        assert isinstance(raw["information_date"], date), path.name
        assert raw.get("information_date_kind", "checked") in {"checked", "published"}, path.name
        assert "confirmed_with_service" not in raw, f"{path.name}: nobody has confirmed a record yet"


def test_old_assured_date_is_refused_with_a_pointer_to_the_converter() -> None:
    raw = yaml.safe_load((DEFAULT_RECORDS / "samaritans.yml").read_text(encoding="utf-8"))
    raw["assured_date"] = raw.pop("information_date").isoformat()
    raw.pop("information_date_kind")
    errors = check_records([("samaritans.yml", raw)])[1]
    assert errors == [f"samaritans.yml: {OLD_DATE_FIELD}"]
    assert "convert-dates" in errors[0]


# -- what people are told ----------------------------------------------------------------------


def test_no_card_claims_a_check_or_a_confirmation(directory) -> None:
    for service in directory.services:
        text = _card_texts(service)
        assert _info(service) in text, service.key
        assert not CLAIM.search(text), (service.key, CLAIM.search(text))
        assert "last checked" not in text.lower()


def test_a_confirmed_record_says_so_everywhere(records_copy: Path) -> None:
    _confirm(records_copy, "samaritans", "2026-11-25")
    d = load_directory(records_copy)
    samaritans = d.get("samaritans")
    assert samaritans.confirmed_with_service == date(2026, 11, 25)
    card = format_card(samaritans, MONDAY_2PM)
    assert card["last_checked"] == "Confirmed with the service on 25 November 2026"
    assert "Confirmed with the service on 25 November 2026" in card_text(card)
    assert "Confirmed with the service on 25 November 2026" in card_plain_text(card)
    # The others are untouched.
    assert not CLAIM.search(_card_texts(d.get("childline")))


def test_an_older_confirmation_does_not_stretch_over_newer_information(records_copy: Path) -> None:
    _confirm(records_copy, "samaritans", "2026-10-01")
    line = date_line(load_directory(records_copy).get("samaritans"))
    assert line == f"{INFO}; confirmed with the service on 1 October 2026"


def test_published_kind_names_the_source_date(records_copy: Path) -> None:
    raw = _raw(records_copy, "galop")
    raw.update(information_date="2023-02-01", information_date_kind="published")
    write_record(records_copy, raw)
    galop = load_directory(records_copy).get("galop")
    assert date_line(galop) == "Information from a source published on 1 February 2023"
    assert not CLAIM.search(_card_texts(galop))


# -- ORUK -------------------------------------------------------------------------------------


def test_oruk_assured_date_only_when_confirmed(records_copy: Path, oruk_validator) -> None:
    _confirm(records_copy, "samaritans", "2026-11-25")
    d = load_directory(records_copy)
    for service in d.services:
        full = oruk.service_full(service)
        listed = oruk.service_list_item(service)
        assert oruk_validator("service", full) == [], service.key
        for body in (full, listed):
            assert body["x_ssgp_information_date"] == service.information_date.isoformat()
            assert body["x_ssgp_information_date_kind"] == "checked"
            if service.key == "samaritans":
                assert body["assured_date"] == "2026-11-25" == body["x_ssgp_confirmed_with_service"]
                assert body["x_ssgp_date_note"] == "Confirmed with the service on 25 November 2026"
            else:
                assert "assured_date" not in body and "x_ssgp_confirmed_with_service" not in body
                assert body["x_ssgp_date_note"] == _info(service)
                words = [v for k, v in body.items() if isinstance(v, str) and k != "x_ssgp_information_date_kind"]
                assert not any(CLAIM.search(v) for v in words), service.key


async def test_oruk_api_and_csv_leave_assured_date_out(aiohttp_client, oruk_validator) -> None:
    client = await aiohttp_client(create_app(Settings()))
    page = await (await client.get("/oruk/services?per_page=100")).json()
    assert oruk_validator("service_page", page) == []
    assert page["contents"] and all("assured_date" not in s for s in page["contents"])
    notes = [s["x_ssgp_date_note"] for s in page["contents"]]
    assert all(n.startswith("Information from public sources, recorded on ") for n in notes)
    archive = zipfile.ZipFile(io.BytesIO(await (await client.get("/oruk/export.zip")).read()))
    rows = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8"))))
    assert rows and all(row["assured_date"] == "" for row in rows)


async def test_oruk_csv_carries_a_confirmation(aiohttp_client, records_copy: Path) -> None:
    _confirm(records_copy, "samaritans", "2026-11-25")
    client = await aiohttp_client(create_app(Settings(directory_path=records_copy)))
    archive = zipfile.ZipFile(io.BytesIO(await (await client.get("/oruk/export.zip")).read()))
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8")))}
    assert rows["Samaritans"]["assured_date"] == "2026-11-25"
    assert rows["Childline"]["assured_date"] == ""


# -- the staff page ---------------------------------------------------------------------------


def _articles(html: str) -> dict[str, str]:
    """Each card's HTML by service key."""
    return dict(
        re.findall(r'<article class="ssgp-card" aria-labelledby="title-([a-z0-9-]+)">(.*?)</article>', html, re.S)
    )


async def test_staff_cards_never_claim_a_check_unless_confirmed(aiohttp_client, records_copy: Path) -> None:
    _confirm(records_copy, "samaritans", "2026-11-25")
    client = await aiohttp_client(create_app(Settings(directory_path=records_copy)))
    cards: dict[str, str] = {}
    for page in range(1, 10):
        cards.update(_articles(await (await client.get(f"/services?page={page}")).text()))
    assert len(cards) == len(load_directory(records_copy).services)
    for key, html in cards.items():
        if key == "samaritans":
            assert "Confirmed with the service on 25 November 2026" in html
            continue
        assert _info(load_directory(records_copy).get(key)) in html, key
        # Notes from the records are shown for unverified services; they say what to check, never "checked".
        assert not CLAIM.search(html), (key, CLAIM.search(html))


# -- staleness --------------------------------------------------------------------------------


def test_staleness_measures_from_the_freshest_date(records_copy: Path) -> None:
    _confirm(records_copy, "samaritans", "2026-11-25")
    d = load_directory(records_copy)
    assert staleness_report(d, days=100, today=date(2027, 3, 1), include_unverified=False) == []  # 100 days
    later = {r.key: r for r in staleness_report(d, days=100, today=date(2027, 3, 3), include_unverified=False)}
    assert later["childline"].reasons == ("information recorded from public sources 102 days ago (limit 100)",)
    assert "samaritans" not in later  # confirmed four days after the information was recorded
    latest = {r.key: r for r in staleness_report(d, days=100, today=date(2027, 3, 7), include_unverified=False)}
    assert latest["samaritans"].reasons == ("confirmed with the service 102 days ago (limit 100)",)
    assert latest["samaritans"].confirmed_with_service == date(2026, 11, 25)


# -- the converter ----------------------------------------------------------------------------

OLD_STYLE = """key: example
# a comment that stays
keywords: [a, b]
assured_date: 2026-11-21   # the day the facts were last checked
confidence: High
"""


def test_convert_text_rewrites_only_the_date_line() -> None:
    new, problem = convert_text(OLD_STYLE)
    assert problem is None
    assert new == (
        "key: example\n# a comment that stays\nkeywords: [a, b]\n"
        "information_date: 2026-11-21\ninformation_date_kind: checked\nconfidence: High\n"
    )
    assert convert_text(new) == (new, None)  # re-running changes nothing


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("assured_date: 2026-13-40\n", "not a real date"),
        ("assured_date: 2026-11-21\ninformation_date: 2026-11-01\n", "keep one by hand"),
        ("notes:\n  assured_date: 2026-11-21\n", "convert it by hand"),
    ],
)
def test_convert_text_refuses_what_it_cannot_do_safely(text: str, problem: str) -> None:
    new, found = convert_text(text)
    assert new == text and found and problem in found


def test_convert_drops_a_duplicate_old_line() -> None:
    both = "information_date: 2026-11-21\nassured_date: 2026-11-21\nconfidence: High\n"
    assert convert_text(both) == ("information_date: 2026-11-21\nconfidence: High\n", None)


def test_convert_folder_makes_old_records_load(records_copy: Path) -> None:
    for name in ("samaritans.yml", "grasac.yml"):
        path = records_copy / name
        text = path.read_text(encoding="utf-8")
        text = text.replace("information_date_kind: checked\n", "").replace("information_date:", "assured_date:")
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="convert-dates"):
        load_directory(records_copy)
    dry = convert_folder(records_copy, write=False)
    assert sorted(r.name for r in dry if r.changed) == ["grasac.yml", "samaritans.yml"]
    assert "assured_date" in (records_copy / "grasac.yml").read_text(encoding="utf-8")  # dry run wrote nothing
    done = convert_folder(records_copy)
    assert sorted(r.name for r in done if r.changed) == ["grasac.yml", "samaritans.yml"]
    assert not any(r.changed or r.problem for r in convert_folder(records_copy))
    d = load_directory(records_copy)
    assert d.get("grasac").information_date == date(2026, 11, 21) and d.get("grasac").confirmed_with_service is None
    for name in ("samaritans.yml", "grasac.yml"):
        assert (records_copy / name).read_text(encoding="utf-8") == (DEFAULT_RECORDS / name).read_text(encoding="utf-8")


def test_convert_leaves_a_converted_folder_alone(records_copy: Path) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in records_copy.iterdir()}
    assert not any(r.changed or r.problem for r in convert_folder(records_copy))
    assert before == {p.name: p.read_text(encoding="utf-8") for p in records_copy.iterdir()}
    assert len(before) > 20  # the folder really had records in it
