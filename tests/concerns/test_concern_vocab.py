"""Reference codes, area matching and the coarse "when" labels."""

from __future__ import annotations

import math

import pytest

from concerns.areas import AREAS, CITY_CENTRE, ELSEWHERE, GLOUCESTER_WARDS, PREFER_NOT_TO_SAY, match_area
from concerns.references import ALPHABET, LENGTH, format_reference, new_reference, normalise_reference
from concerns.vocab import WHEN_LABELS, normalise_when


def test_reference_has_at_least_45_bits_and_an_unambiguous_alphabet():
    assert LENGTH * math.log2(len(ALPHABET)) >= 45
    assert not set("ILOU") & set(ALPHABET)


def test_references_are_random_and_well_formed():
    codes = {new_reference() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == LENGTH and set(code) <= set(ALPHABET)
        assert normalise_reference(format_reference(code)) == code
    # Every symbol turns up: the codes are not drawn from a narrow range.
    assert set("".join(codes)) == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    ["K7Q-4MX-P2D", "k7q4mxp2d", " k7q 4mx p2d ", "K7Q–4MX–P2D", "k7q_4mx.p2d"],
)
def test_lookup_ignores_case_spaces_and_dashes(typed):
    assert normalise_reference(typed) == "K7Q4MXP2D"


def test_lookalike_letters_read_as_digits():
    assert normalise_reference("1O0-ABC-DEF") == normalise_reference("100-ABC-DEF") == "100ABCDEF"
    assert normalise_reference("L1I-ABC-DEF") == "111ABCDEF"


@pytest.mark.parametrize("bad", ["", None, "K7Q-4MX", "K7Q-4MX-P2D-X", "K7Q-4MX-P2!", "U" * 9, "x" * 100])
def test_not_a_reference(bad):
    assert normalise_reference(bad) is None


def test_area_list_is_wards_plus_three():
    assert len(GLOUCESTER_WARDS) == 18
    assert AREAS[-3:] == (CITY_CENTRE, ELSEWHERE, PREFER_NOT_TO_SAY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Tuffley", "Tuffley"),
        ("tuffley", "Tuffley"),
        ("in Tuffley", "Tuffley"),
        ("near the Matson estate", "Matson, Robinswood and White City"),
        ("Barton & Tredworth", "Barton and Tredworth"),
        ("Tredworth", "Barton and Tredworth"),
        ("kingsholm", "Kingsholm and Wotton"),
        ("Gloucester city centre", CITY_CENTRE),
        ("town centre", CITY_CENTRE),
        ("Cheltenham", ELSEWHERE),
        ("prefer not to say", PREFER_NOT_TO_SAY),
        ("Abbeymead", "Abbeymead"),
        ("Coney Hill", "Coney Hill"),
    ],
)
def test_area_matching(typed, expected):
    assert match_area(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "12 Barton Street",  # a door number: never stored
        "flat 3 in Tuffley",
        "GL1 2AB",
        "Barnwood Road",  # a street, even though it contains a ward name
        "Quedgeley",  # two wards: dropped rather than guessed
        "Gloucester",
        "the other side of town",
        "Birmingham",
        "",
        None,
        "Tuffley or Podsmead",
    ],
)
def test_area_dropped(typed):
    assert match_area(typed) is None


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("today", "today"),
        ("this morning", "today"),
        ("last night", "yesterday"),
        ("on Saturday", "in the last week"),
        ("a few weeks ago", "in the last month"),
        ("months now", "more than a month ago"),
        ("every night", "it keeps happening"),
        ("Tuesday at 3.14pm outside number 4", "in the last week"),
        ("dunno", "not sure"),
        ("", "not sure"),
        (None, "not sure"),
    ],
)
def test_when_is_always_a_coarse_label(typed, label):
    assert normalise_when(typed) == label
    assert normalise_when(typed) in WHEN_LABELS
