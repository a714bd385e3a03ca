"""Reference codes: random, unguessable, and forgiving to type back.

A code is 9 symbols from Crockford's base-32 alphabet (no I, L, O or U), drawn with the
``secrets`` module: 32**9 = 2**45 possibilities. Nothing about the person or the concern goes
into it. Shown as ``K7Q-4MX-P2D``; looked up ignoring case, spaces and dashes, and reading the
look-alikes O as 0 and I/L as 1.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 9
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


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
