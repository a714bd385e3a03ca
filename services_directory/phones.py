"""UK phone numbers: check them with `phonenumbers`, show them the way the service publishes them.

Records keep a number exactly as the public source prints it (services choose memorable groupings
such as "0808 2000 247" or "08 08 16 89 111"). We check that it is a real UK number, derive a
tel: link from it, and only reformat numbers typed as a bare run of digits.

Short codes are handled explicitly because `phonenumbers` treats them as invalid full numbers:
999 and 112 (emergency), 101 (police non-emergency), 116 123 (Samaritans), 18000 (emergency
textphone relay) and the Silent Solution sequence "999 then 55".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# Digits -> how we show them. 55 is never dialled on its own; it only appears after "999 then".
SHORT_CODES: dict[str, str] = {
    "999": "999",
    "112": "112",
    "101": "101",
    "116123": "116 123",
    "18000": "18000",
}

_SEQUENCE = re.compile(r"^\s*(\d{3})\s+then\s+(\d{2})\s*$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[0-9 ]+$")


class PhoneError(ValueError):
    """A phone number that is not a valid UK number or known short code."""


@dataclass(frozen=True)
class ParsedPhone:
    """A checked number: the text to show, the digits to dial and a tel: URI."""

    display: str
    dial: str
    tel_uri: str
    short_code: bool


def parse_phone(raw: str) -> ParsedPhone:
    """Check a UK number or short code and return how to show and dial it."""
    text = str(raw).strip()
    sequence = _SEQUENCE.match(text)
    if sequence:
        first, then = sequence.groups()
        if first != "999" or then != "55":
            raise PhoneError(f"{text!r}: the only supported sequence is '999 then 55' (Silent Solution)")
        return ParsedPhone(display="999 then 55", dial="999", tel_uri="tel:999", short_code=True)
    if not _ALLOWED.match(text):
        raise PhoneError(f"{text!r}: write UK numbers with digits and spaces only, e.g. '0808 2000 247'")
    digits = text.replace(" ", "")
    if digits in SHORT_CODES:
        return ParsedPhone(display=SHORT_CODES[digits], dial=digits, tel_uri=f"tel:{digits}", short_code=True)
    try:
        number = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(f"{text!r}: not a phone number ({exc})") from exc
    if not phonenumbers.is_valid_number(number) or number.country_code != 44:
        raise PhoneError(f"{text!r}: not a valid UK phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # Keep the published grouping when the author typed one; format bare digits the standard way.
    display = text if " " in text else phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return ParsedPhone(display=display, dial=digits, tel_uri=f"tel:{e164}", short_code=False)


def format_phone(raw: str) -> str:
    """The number as people should see it."""
    return parse_phone(raw).display
