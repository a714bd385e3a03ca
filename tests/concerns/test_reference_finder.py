"""The one reference-code finder (concerns.references.find_reference), used by the NLU component,
the follow-up action and the store: every way people type a code back is read the same way."""

from __future__ import annotations

import pytest

from concerns.references import REFERENCE_PATTERN, find_reference, find_references, normalise_reference

CODE = "K7Q4MXP2D"


@pytest.mark.parametrize(
    "typed",
    [
        "K7Q 4MX P2D",  # spaces
        "K7Q-4MX-P2D",  # hyphens, as shown
        "K7Q–4MX–P2D",  # en dashes (phones turn "--" into these)
        "K7Q—4MX—P2D",  # em dashes
        "K7Q‑4MX‑P2D",  # non-breaking hyphens
        "K7Q4MXP2D",  # no separators
        "K7Q.4MX.P2D",  # dots
        "K7Q_4MX_P2D",  # underscores
        "k7q-4mx-p2d",  # lower case
        "k7q4mxp2d",
        "K7Q - 4MX - P2D",  # spaced dashes
        "K7Q-4MX P2D",  # mixed
    ],
)
def test_every_separator_finds_the_same_code(typed: str) -> None:
    assert find_reference(typed) == CODE
    assert find_reference(f"I have more about concern {typed}, thanks") == CODE
    assert REFERENCE_PATTERN.search(typed)
    assert normalise_reference(typed) == CODE


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1O0-ABC-DEF", "100ABCDEF"),  # O read as 0
        ("L1I-ABC-DEF", "111ABCDEF"),  # I and L read as 1
        ("l1i abc def", "111ABCDEF"),
        ("ioL-ABC-DEF", "101ABCDEF"),
    ],
)
def test_lookalike_letters_are_read_as_digits(typed: str, code: str) -> None:
    assert find_reference(f"status of {typed}") == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nothing to see here",
        "call 020 7946 0958",
        "K7Q-4MX",  # too short
        "K7Q4MXP2DX",  # ten symbols
        "UUU-UUU-UUU",  # U is not in the alphabet
        "K7Q/4MX/P2D",  # a slash is not a separator
    ],
)
def test_not_a_code(text: str) -> None:
    assert find_reference(text) is None


def test_a_bare_nine_letter_word_is_only_a_last_resort() -> None:
    # "something" reads as S0METH1NG, a valid code: the follow-up action may try it when nothing
    # likelier is there, but the NLU component never takes it for a code (tests/test_nlu_components.py).
    [found] = find_references("something else entirely")
    assert not found.has_digit and not found.separated


def test_a_three_letter_word_beside_the_code_never_wins() -> None:
    assert find_reference("ref K7Q 4MX P2D") == CODE
    assert find_reference("K7Q 4MX P2D and more") == CODE
    assert find_reference("status of concern K7Q 4MX P2D now") == CODE


def test_a_code_with_digits_wins_over_a_nine_letter_word() -> None:
    assert find_reference("yesterday I sent k7q4mxp2d") == CODE
    assert find_reference("yesterday I sent KQM-XPD-RTW") == "KQMXPDRTW"  # grouped beats a bare word


def test_a_letter_only_code_is_still_found_when_it_is_all_there_is() -> None:
    assert find_reference("status of kqmxpdrtw") == "KQMXPDRTW"
    [found] = find_references("status of kqmxpdrtw")
    assert not found.has_digit and not found.separated


def test_huge_input_is_cheap_and_safe() -> None:
    assert find_reference("hello " * 100_000) is None
    assert find_reference("hello " * 100_000 + "K7Q-4MX-P2D") is None  # past the scanning cap
    assert find_reference("K7Q-4MX-P2D " + "hello " * 100_000) == CODE
