"""Contact-detail placeholders: ``{phone:<service-key>}``, ``{url:<key>}``, ``{hours:<key>}``.

Answers and prompts name a service; the value comes from the services directory when the
message is sent. Unknown tokens read "check with the service", never a guess.

``contact_tokens(directory_path)`` is the one way to get those values: the response generator
(bot/nlg.py), the Telegram channel and the form prompts (actions/prompts.py) all use it, with the
records folder passed in by the caller (this package reads no settings). The directory is cached
by folder until a record file changes, and its tokens are cached per loaded directory.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services_directory import Directory

logger = logging.getLogger(__name__)

TOKEN_KINDS = ("phone", "url", "hours")
UNKNOWN_VALUE = "check with the service"
PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")


class ContactTokens(dict):
    """Directory values by token; a missing contact token degrades to "check with the service"."""

    def __missing__(self, key: str) -> str:
        if key.split(":", 1)[0] in TOKEN_KINDS:
            logger.warning("text refers to unknown directory token %s", key)
            return UNKNOWN_VALUE
        raise KeyError(key)


def fill(text: str, tokens: Mapping[str, Any]) -> str:
    """Replace every ``{name}`` in text; unknown non-contact names are left as they are."""

    def replace(match: re.Match[str]) -> str:
        try:
            return str(tokens[match.group(1)])
        except KeyError:
            return match.group(0)

    return PLACEHOLDER.sub(replace, text)


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


@lru_cache(maxsize=4)
def _directory_tokens(directory: Directory) -> Mapping[str, str]:
    # Keyed by the loaded Directory object: an edited record loads a new one, so a change shows at once.
    return MappingProxyType(directory.contact_tokens())


def contact_tokens(directory_path: Path) -> ContactTokens:
    """Every contact token's value from the records in ``directory_path``, as a fresh mapping the
    caller may add its own values to."""
    from services_directory import load_directory

    return ContactTokens(_directory_tokens(load_directory(directory_path)))


def with_contacts(text: str, directory_path: Path, values: Mapping[str, Any] | None = None) -> str:
    """``text`` with contact placeholders (and any ``values``) filled from the directory."""
    if "{" not in text:
        return text
    tokens = contact_tokens(directory_path)
    tokens.update({k: str(v) for k, v in (values or {}).items()})
    return fill(text, tokens)
