"""Reference codes: random, unguessable, and forgiving to type back.

A code is 9 symbols from Crockford's base-32 alphabet (no I, L, O or U), drawn with the
``secrets`` module: 32**9 = 2**45 possibilities. Nothing about the person or the concern goes
into it. Shown as ``K7Q-4MX-P2D``; looked up ignoring case, spaces and dashes, and reading the
look-alikes O as 0 and I/L as 1.

``find_reference`` is the one rule for spotting a code in a message; the NLU component
(bot/components/reference_code.py), the follow-up action and the store all use it, so a code
typed one way is recognised everywhere or nowhere.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 9
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# What people put between the groups: spaces, hyphens and dashes of every width, dots, underscores.
SEPARATOR_CHARS = r"\s\-‐‑‒–—_."
_SEPARATORS = re.compile(f"[{SEPARATOR_CHARS}]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")
# Messages are capped well below this by the channels; the cap keeps the scan cheap regardless.
MAX_TEXT_CHARS = 20_000
# A code-shaped token in free text: three groups of three letters or digits, each pair of groups
# joined by up to three separator characters or by nothing ("K7Q - 4MX - P2D", "k7q4mxp2d"), and
# not part of a longer run of letters and digits. Whether it is a valid code is normalise_reference's
# job; this only finds candidates.
_NOT_AFTER_ALNUM = r"(?<![A-Za-z0-9])"
_CODE_SHAPE = rf"[A-Za-z0-9]{{3}}(?:[{SEPARATOR_CHARS}]{{0,3}}[A-Za-z0-9]{{3}}){{2}}(?![A-Za-z0-9])"
REFERENCE_PATTERN = re.compile(_NOT_AFTER_ALNUM + _CODE_SHAPE)
# The same, tried at every start so overlapping candidates are all seen: in "ref K7Q 4MX P2D" both
# "ref K7Q 4MX" and "K7Q 4MX P2D" are code-shaped.
_OVERLAPPING = re.compile(rf"{_NOT_AFTER_ALNUM}(?=({_CODE_SHAPE}))")


def new_reference() -> str:
    """A fresh code in its canonical stored form (9 symbols, no dashes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(text: str | None) -> str | None:
    """Canonical form of a typed code, or None when it cannot be one of ours."""
    if not text or len(text) > 40:
        return None
    code = _SEPARATORS.sub("", text.strip().upper()).translate(_LOOKALIKES)
    return code if _VALID.match(code) else None


def format_reference(code: str) -> str:
    """``K7Q4MXP2D`` -> ``K7Q-4MX-P2D`` for showing to people."""
    return f"{code[0:3]}-{code[3:6]}-{code[6:9]}"


@dataclass(frozen=True)
class FoundReference:
    """A valid code found in a message: its canonical form and the text as typed."""

    code: str
    typed: str

    @property
    def digit_groups(self) -> int:
        """How many of the three groups, as typed, hold a digit (English words hold none)."""
        bare = _SEPARATORS.sub("", self.typed)
        return sum(any(c.isdigit() for c in bare[i : i + 3]) for i in range(0, LENGTH, 3))

    @property
    def has_digit(self) -> bool:
        return self.digit_groups > 0

    @property
    def separated(self) -> bool:
        """Typed in groups, as codes are shown (an unbroken run of letters may just be a word)."""
        return len(self.typed) > LENGTH


def find_references(text: str | None) -> list[FoundReference]:
    """Every valid code in ``text``, most likely first.

    Codes with more digit-bearing groups come first, so a neighbouring three-letter word ("ref",
    "and") never wins over the code beside it; then letter-only codes typed in groups; then
    letter-only runs of nine, which may be ordinary words such as "yesterday". Ties keep the
    order of the text.
    """
    found: list[FoundReference] = []
    for match in _OVERLAPPING.finditer((text or "")[:MAX_TEXT_CHARS]):
        typed = match.group(1)
        code = normalise_reference(typed)
        if code and all(f.code != code for f in found):
            found.append(FoundReference(code, typed))
    return sorted(found, key=lambda f: (-f.digit_groups, not f.separated))


def find_reference(text: str | None) -> str | None:
    """The canonical code a message most likely refers to, or None."""
    found = find_references(text)
    return found[0].code if found else None
