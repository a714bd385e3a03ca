"""Fixed interface strings in every supported language (content/ui_strings.yml).

The widget, the web app's resident-facing errors and the Telegram channel's own texts read their
words from here, so one file holds every translation of them and its review state. Plain Python
and PyYAML only: the web app and the Telegram channel load it without Rasa.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from content import languages as _languages

UI_STRINGS_PATH = Path(__file__).resolve().parent / "ui_strings.yml"
DEFAULT_LANGUAGE = _languages.DEFAULT_LANGUAGE
# Languages written right to left, from the one list of languages (content/languages.py).
RTL_LANGUAGES = frozenset(lang.code for lang in _languages.LANGUAGES if lang.direction == "rtl")


class UiStrings:
    """The parsed file: ``texts[name][lang]`` and ``review[lang]``."""

    def __init__(self, texts: Mapping[str, Mapping[str, str]], review: Mapping[str, Mapping[str, Any]]) -> None:
        self.texts = texts
        self.review = review

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the file covers, English first, in file order."""
        return tuple(self.review) or (DEFAULT_LANGUAGE,)

    def text(self, name: str, lang: str | None) -> str:
        entry = self.texts.get(name)
        if entry is None:
            raise KeyError(f"unknown UI string {name!r}")
        value = entry.get(lang or DEFAULT_LANGUAGE)
        return value if isinstance(value, str) and value.strip() else entry[DEFAULT_LANGUAGE]

    def for_language(self, lang: str) -> dict[str, str]:
        """Every string in ``lang`` (English where it has none)."""
        return {name: self.text(name, lang) for name in self.texts}


def load_ui_strings(path: Path = UI_STRINGS_PATH) -> UiStrings:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = data.get("strings") or {}
    texts: dict[str, dict[str, str]] = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get(DEFAULT_LANGUAGE), str):
            raise ValueError(f"{path.name}: {name} needs an English text")
        texts[str(name)] = {str(k): str(v) for k, v in entry.items() if isinstance(v, str)}
    review = {str(k): dict(v or {}) for k, v in (data.get("review") or {}).items()}
    return UiStrings(texts, review)


@lru_cache(maxsize=1)
def _strings() -> UiStrings:
    return load_ui_strings()


def ui_text(name: str, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """The interface string ``name`` in ``lang``, falling back to English (unknown or missing)."""
    return _strings().text(name, lang)


def languages() -> tuple[str, ...]:
    """The languages the file covers, English first."""
    return _strings().languages


def supported(lang: Any) -> bool:
    return isinstance(lang, str) and lang in _strings().languages


def direction(lang: str | None) -> str:
    return _languages.direction(lang)


def strings_for(lang: str) -> dict[str, str]:
    """Every interface string in ``lang`` (raw: directory tokens are not yet filled)."""
    return _strings().for_language(lang)


def register_entries() -> Iterator[dict[str, Any]]:
    """One row per (ui.<name>, language) for the register of translations (content/translations.yml):
    the hash of the English it was translated from, and how it was made and reviewed."""
    strings = _strings()
    for name, entry in strings.texts.items():
        english = entry[DEFAULT_LANGUAGE]
        for lang in entry:
            if lang == DEFAULT_LANGUAGE:
                continue
            review = strings.review.get(lang, {})
            yield {
                "key": f"ui.{name}",
                "language": lang,
                "source_sha256": hashlib.sha256(english.encode()).hexdigest(),
                "method": review.get("method"),
                "reviewed_by": review.get("reviewed_by"),
                "reviewed_on": review.get("reviewed_on"),
            }
