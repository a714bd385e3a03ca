"""Phone numbers: published groupings kept, bare digits formatted, short codes handled, junk rejected."""

from __future__ import annotations

import pytest

from services_directory.phones import PhoneError, format_phone, parse_phone


@pytest.mark.parametrize(
    ("raw", "display", "tel"),
    [
        ("0808 2000 247", "0808 2000 247", "tel:+448082000247"),
        ("08 08 16 89 111", "08 08 16 89 111", "tel:+448081689111"),
        ("0800 5999 247", "0800 5999 247", "tel:+448005999247"),
        ("01452 726570", "01452 726570", "tel:+441452726570"),
        ("08082000247", "0808 200 0247", "tel:+448082000247"),  # bare digits: phonenumbers' national format
        ("01452396396", "01452 396396", "tel:+441452396396"),
    ],
)
def test_uk_numbers(raw: str, display: str, tel: str) -> None:
    parsed = parse_phone(raw)
    assert (parsed.display, parsed.tel_uri, parsed.short_code) == (display, tel, False)


@pytest.mark.parametrize(
    ("raw", "display", "tel"),
    [
        ("999", "999", "tel:999"),
        ("101", "101", "tel:101"),
        ("116 123", "116 123", "tel:116123"),
        ("116123", "116 123", "tel:116123"),
        ("18000", "18000", "tel:18000"),
        ("999 then 55", "999 then 55", "tel:999"),
        ("999 THEN 55", "999 then 55", "tel:999"),
    ],
)
def test_short_codes(raw: str, display: str, tel: str) -> None:
    parsed = parse_phone(raw)
    assert (parsed.display, parsed.tel_uri, parsed.short_code) == (display, tel, True)
    assert format_phone(raw) == display


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "55",
        "12345",
        "0808 000",
        "+1 212 555 0100",
        "0808-2000-247",
        "call 999",
        "999 then 66",
        "101 then 55",
        "0808 2000 247 ext 2",
        "<script>",
        "０８０８ ２０００ ２４７",
    ],
)
def test_rejects_what_is_not_a_uk_number(raw: str) -> None:
    with pytest.raises(PhoneError):
        parse_phone(raw)
