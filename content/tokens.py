"""Contact-detail placeholders: ``{phone:<service-key>}``, ``{url:<key>}``, ``{hours:<key>}``.

Answers and prompts name a service; the value comes from the services directory when the
message is sent. Unknown tokens read "check with the service", never a guess.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

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


def with_contacts(text: str) -> str:
    """``text`` with contact placeholders filled from the services directory (read at call time)."""
    if "{" not in text:
        return text
    from bot.settings import Settings
    from services_directory import load_directory

    directory = load_directory(Settings.from_env().directory_path)
    return fill(text, ContactTokens(directory.contact_tokens()))
