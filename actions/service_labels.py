"""The fixed words of service cards and the signposting around them, in the conversation's language.

services_directory/cards.py is a plain library: it takes a ``labels`` mapping and knows nothing of
languages. This module builds that mapping from content/ui_strings.yml, with the same rules as
every other translated text (bot/nlg.py, actions/prompts.py): a translation whose English has
changed since (stale in content/translations.yml) gives way to the English, and a message with
unchecked machine-drafted words carries one line saying no person has checked them yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from content.languages import DEFAULT_LANGUAGE, direction
from content.translation import CURRENT, UNREVIEWED, RegisterCache, sha256_text
from content.ui_strings import supported, ui_text
from services_directory.cards import ENGLISH_LABELS

_REGISTER = RegisterCache()


def _translated(name: str, language: str) -> tuple[str, str]:
    """(text, register state) of one UI string in ``language``; English when stale or missing."""
    english = ui_text(name, DEFAULT_LANGUAGE)
    text = ui_text(name, language)
    if text == english:
        return english, CURRENT
    resolution = _REGISTER.resolve(f"ui.{name}", language, sha256_text(english))
    return (text if resolution.use_translation else english), resolution.state


def card_labels(language: str) -> dict[str, str] | None:
    """The card words for ``language``, or None in English (the cards' own English, unchanged)."""
    if language == DEFAULT_LANGUAGE or not supported(language):
        return None
    return {name: _translated(name, language)[0] for name in ENGLISH_LABELS}


def words(language: str, *names: str) -> list[str]:
    """The signposting lines (``signposting_header``, ``button_show_more`` ...) in ``language``."""
    if language == DEFAULT_LANGUAGE:
        return [ui_text(name, DEFAULT_LANGUAGE) for name in names]
    return [_translated(name, language)[0] for name in names]


def notice(language: str, names: Iterable[str]) -> str | None:
    """The 'not yet checked by a person' line when any of these words is an unreviewed draft."""
    if language == DEFAULT_LANGUAGE:
        return None
    if any(_translated(name, language)[1] == UNREVIEWED for name in names):
        return ui_text("translation_unreviewed", language)
    return None


def message_marker(language: str) -> dict[str, Any]:
    """The lang/dir marker the web app reads (as actions.prompts.say_prompt sends)."""
    return {"lang": language, "dir": direction(language), "language": language}


# The card words whose review state decides the notice line (all of them are shown on every card).
CARD_WORDS: tuple[str, ...] = tuple(name for name in ENGLISH_LABELS if name.startswith("card_"))
