"""One ward list and one clock for Gloucester, read by the concern store and the directory alike."""

from __future__ import annotations

from datetime import datetime

import yaml

import concerns.areas
import services_directory.areas
from gloucester import TIMEZONE, WARD_GROUPS, WARDS, WARDS_FILE


def test_the_ward_file_names_its_source_and_when_it_was_checked() -> None:
    data = yaml.safe_load(WARDS_FILE.read_text(encoding="utf-8"))
    assert data["source"] and data["source_url"].startswith("https://www.legislation.gov.uk/")
    datetime.strptime(data["checked"], "%Y-%m-%d")
    assert len(WARDS) == 18


def test_both_libraries_use_the_one_list() -> None:
    assert concerns.areas.GLOUCESTER_WARDS == tuple(WARDS)
    assert services_directory.areas.WARDS is WARDS
    assert services_directory.areas.WARD_GROUPS is WARD_GROUPS


def test_a_short_name_belongs_to_one_ward_and_groups_name_real_wards() -> None:
    short_names = [alias.lower() for aliases in WARDS.values() for alias in aliases]
    assert len(short_names) == len(set(short_names))
    for members in WARD_GROUPS.values():
        assert len(members) > 1 and set(members) <= set(WARDS)


def test_quedgeley_covers_both_wards_in_the_directory_but_is_never_a_concern_area() -> None:
    assert set(WARD_GROUPS["Quedgeley"]) == {"Quedgeley Fieldcourt", "Quedgeley Severn Vale"}
    assert concerns.areas.match_area("Quedgeley") is None
    assert concerns.areas.match_area("Fieldcourt") == "Quedgeley Fieldcourt"


def test_one_clock() -> None:
    from actions.common import LONDON
    from concerns.db import LOCAL_TZ
    from services_directory.schedules import LONDON as DIRECTORY_LONDON

    assert LONDON is LOCAL_TZ is DIRECTORY_LONDON is TIMEZONE
    assert str(TIMEZONE) == "Europe/London"
