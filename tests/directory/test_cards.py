"""Cards, contact tokens and the staleness report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from directory_support import MONDAY_2PM, MONDAY_3AM, SECRET_STRINGS, SUNDAY_2PM, write_record

from services_directory import card_text, format_card, load_directory, staleness_report
from services_directory.cards import CHECK, UNVERIFIED_SUFFIX

CARD_FIELDS = {"title", "summary", "phone", "hours", "open_now_text", "website", "last_checked", "unverified_note"}


def test_card_for_a_verified_24_7_line(directory) -> None:
    card = format_card(directory.get("samaritans"), MONDAY_3AM)
    assert CARD_FIELDS <= set(card)
    assert card["title"] == "Samaritans"
    assert card["phone"] == "116 123"
    assert card["hours"] == "24 hours a day, every day"
    assert card["open_now_text"] == "Open now: 24 hours a day"
    assert card["website"] == "https://www.samaritans.org/how-we-can-help/contact-samaritan/"
    assert card["last_checked"] == "Information from public sources, recorded on 21 November 2026"
    assert card["unverified_note"] == ""


def test_card_with_unverified_hours(directory) -> None:
    mens = directory.get("mens-advice-line")
    open_card = format_card(mens, MONDAY_2PM)
    assert open_card["hours"] == "Mon and Wed 9am–8pm; Tue, Thu and Fri 9am–5pm" + UNVERIFIED_SUFFIX
    assert open_card["open_now_text"] == "Open now until 8pm" + UNVERIFIED_SUFFIX
    assert open_card["phone"] == "0808 801 0327"  # the number itself is High confidence
    assert open_card["unverified_note"]
    closed = format_card(mens, SUNDAY_2PM)
    assert closed["open_now_text"].startswith("Closed now: opens Mon 9am")


def test_card_with_missing_values_says_check_with_the_service(directory) -> None:
    card = format_card(directory.get("gdass"), MONDAY_2PM)
    assert card["phone"] == "01452 726570" + UNVERIFIED_SUFFIX
    assert card["hours"] == CHECK
    assert card["website"] == CHECK
    assert "check with the service" in card["open_now_text"]
    assert card["unverified_note"]


def test_card_text_is_short_markdown_with_escaped_record_text(records_copy: Path) -> None:
    raw = yaml.safe_load((records_copy / "grasac.yml").read_text(encoding="utf-8"))
    raw["name"] = "GRASAC *bold* [click](https://evil.example) <b>x</b>"
    (records_copy / "grasac.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    service = load_directory(records_copy).get("grasac")
    text = card_text(format_card(service, MONDAY_2PM))
    first = text.splitlines()[0]
    assert first.startswith("**") and first.endswith("**")
    assert r"\*bold\*" in first and r"\[click\]" in first and r"\<b\>" in first
    assert "Phone: 01452 526770" in text
    assert "Information from public sources, recorded on 21 November 2026" in text


def test_card_text_links_a_verified_website(directory) -> None:
    text = card_text(format_card(directory.get("national-domestic-abuse-helpline"), MONDAY_2PM))
    # A bare URL (a link in the widget and on Telegram): no angle brackets.
    assert "Website: https://nationaldahelpline.org.uk" in text and "<" not in text
    assert "Chat: Mon–Fri 3pm–10pm" + UNVERIFIED_SUFFIX in text


def _visible_part(text: str) -> str:
    return text.split("\n::: ", 1)[0]


def test_card_shows_name_one_line_phone_and_hours_and_folds_the_rest(directory) -> None:
    for service in directory.services:
        card = format_card(service, MONDAY_2PM)
        text = card_text(card)
        lines = text.splitlines()
        visible = _visible_part(text).splitlines()
        assert len(visible) == 4, text
        assert visible[0].startswith("**") and visible[0].endswith("**")
        assert visible[2].startswith("Phone: ") and visible[3].startswith("Hours: ")
        assert len(" ".join(visible).split()) <= 45, visible
        assert lines[4].startswith("::: More about ") and lines[-1] == ":::"
        # The date line stays one line of its own, inside the disclosure.
        assert card["last_checked"] in lines


def test_card_has_no_raw_angle_brackets_or_stray_underscores(directory) -> None:
    from bot.channels.telegram.formatting import to_plain

    for service in directory.services:
        plain = to_plain(card_text(format_card(service, MONDAY_2PM)))
        assert "<http" not in plain and "\\" not in plain
        assert not any(line.startswith("_") or line.endswith("_") for line in plain.splitlines()), plain


def test_search_never_puts_a_service_without_a_phone_first(directory) -> None:
    phoneless = {s.key for s in directory.services if not s.phones}
    assert phoneless, "the test needs a record without a phone number"
    needs = {n for s in directory.services for n in s.needs}
    for need in sorted(needs):
        for limit in (1, 3, 50):
            items = directory.search(need=need, limit=limit).items
            has_phone = [s for s in directory.search(need=need, limit=50).items if s.phones]
            if items and has_phone:
                assert items[0].key not in phoneless, (need, limit, [s.key for s in items])


def test_contact_tokens(directory) -> None:
    tokens = directory.contact_tokens()
    assert tokens["phone:police-emergency"] == "999"
    assert tokens["phone:silent-solution"] == "999 then 55"
    assert tokens["phone:samaritans"] == "116 123"
    assert tokens["phone:victim-support"] == "08 08 16 89 111"
    assert tokens["phone:gdass"] == "01452 726570" + UNVERIFIED_SUFFIX
    assert tokens["phone:bright-sky"] == CHECK
    assert tokens["url:bright-sky"] == CHECK
    assert tokens["url:action-on-aces-gloucestershire"] == "https://www.actionaces.org/"
    assert tokens["hours:samaritans"] == "24 hours a day, every day"
    assert tokens["hours:galop"] == "Mon–Thu 10am–8:30pm; Fri 10am–4:30pm"
    assert tokens["hours:mens-advice-line"].endswith(UNVERIFIED_SUFFIX)
    assert tokens["hours:respect-phoneline"] == CHECK
    for key in ("phone", "url", "hours"):
        assert all(f"{key}:{s.key}" in tokens for s in directory.services)


def test_changing_a_record_changes_its_token(records_copy: Path) -> None:
    before = load_directory(records_copy).contact_tokens()["phone:crimestoppers"]
    path = records_copy / "crimestoppers.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"0800 555 111"', '"0800 555 112"'), encoding="utf-8")
    after = load_directory(records_copy).contact_tokens()["phone:crimestoppers"]
    assert (before, after) == ("0800 555 111", "0800 555 112")


def test_confidential_location_never_on_a_card(records_with_locations: Path) -> None:
    d = load_directory(records_with_locations)
    for service in d.services:
        text = card_text(format_card(service, MONDAY_2PM)) + repr(format_card(service, MONDAY_2PM))
        for secret in SECRET_STRINGS:
            assert secret not in text


# -- staleness ---------------------------------------------------------------------------------


def test_staleness_today_lists_only_records_with_unverified_facts(directory) -> None:
    report = staleness_report(directory, days=365, today=date(2026, 11, 21))
    keys = {r.key for r in report}
    assert {"gdass", "change-grow-live", "early-help", "mens-advice-line"} <= keys
    assert "samaritans" not in keys
    assert all(any("unverified" in reason for reason in r.reasons) for r in report)
    assert staleness_report(directory, 365, date(2026, 11, 21), include_unverified=False) == []


def test_staleness_by_age(directory, records_copy: Path) -> None:
    everything = staleness_report(directory, days=90, today=date(2027, 6, 1), include_unverified=False)
    assert len(everything) == len(directory.services)
    for r in everything:
        age = (date(2027, 6, 1) - directory.get(r.key).information_date).days
        assert f"information recorded from public sources {age} days ago (limit 90)" in r.reasons[0]
    old = yaml.safe_load((records_copy / "samaritans.yml").read_text(encoding="utf-8"))
    old["information_date"] = "2025-01-01"
    write_record(records_copy, old)
    d = load_directory(records_copy)
    report = staleness_report(d, days=180, today=date(2026, 11, 21), include_unverified=False)
    assert [r.key for r in report] == ["samaritans"] and report[0].age_days == 689
    with pytest.raises(ValueError):
        staleness_report(d, days=-1)
