"""The register of translations (content/translations.yml) and the English each one was made from.

Plain Python, no Rasa. Keys (LANG.md "Keys and hashes"):

- a domain response: its name (``utter_crisis_danger``, ``utter_faq/cuckooing_what``); when a
  response has several English variations, ``utter_x#1``, ``utter_x#2`` ... for the 2nd, 3rd ...;
- a form prompt (content/prompts.yml): ``prompt.<name>``;
- a fixed interface string (content/ui_strings.yml): ``ui.<name>``.

The hash of a key is the sha256 hex of its English text exactly as written; with buttons, the text,
"\\n", then the button titles joined by "\\n". A translation records the hash of the English it was
made from, so a changed English text makes it *stale*: at run time the English is sent with a
notice, and tests/languages/test_translation_register.py fails until it is re-translated.

A translated domain variation is the English variation's conditions plus ``language == <code>``;
the k-th translated variation of a language with the same other conditions translates the k-th
English variation with those conditions.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from content.ui_strings import ui_text

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIR = ROOT / "domain"
PROMPTS_PATH = ROOT / "content" / "prompts.yml"
UI_STRINGS_PATH = ROOT / "content" / "ui_strings.yml"
REGISTER_PATH = ROOT / "content" / "translations.yml"

LANGUAGE_SLOT = "language"
CURRENT, STALE, UNREVIEWED = "current", "stale", "unreviewed"


# ---------------------------------------------------------------- hashing


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hash_source(text: str, button_titles: Iterable[str] = ()) -> str:
    """The hash rule: text, then "\\n" and the button titles joined by "\\n" when there are buttons."""
    titles = list(button_titles)
    return sha256_text(text + ("\n" + "\n".join(titles) if titles else ""))


# ---------------------------------------------------------------- domain responses


def variation_language(variation: dict[str, Any]) -> str | None:
    """The language a variation is conditioned on, or None for an English (unconditioned) one."""
    for condition in variation.get("condition") or []:
        if condition.get("type") == "slot" and condition.get("name") == LANGUAGE_SLOT:
            value = condition.get("value")
            return None if value in (None, "en") else str(value)
    return None


def other_conditions(variation: dict[str, Any]) -> list[tuple[str, str, Any]]:
    return [
        (c.get("type"), c.get("name"), c.get("value"))
        for c in variation.get("condition") or []
        if not (c.get("type") == "slot" and c.get("name") == LANGUAGE_SLOT)
    ]


def english_indices(variations: list[dict[str, Any]]) -> list[int]:
    """Positions (in the response's list) of its English variations, in order."""
    return [i for i, v in enumerate(variations) if variation_language(v) is None]


def response_key(name: str, english_number: int) -> str:
    return name if english_number == 0 else f"{name}#{english_number}"


def split_response_key(key: str) -> tuple[str, int]:
    name, _, number = key.partition("#")
    return name, int(number) if number else 0


def source_of(variations: list[dict[str, Any]], position: int) -> int | None:
    """For the translated variation at ``position``: the number (0, 1 ...) of its English variation."""
    variation = variations[position]
    language = variation_language(variation)
    if language is None:
        return english_indices(variations).index(position)
    conditions = other_conditions(variation)
    same_lang = [i for i, v in enumerate(variations)
                 if variation_language(v) == language and other_conditions(v) == conditions]
    english = [n for n, i in enumerate(english_indices(variations)) if other_conditions(variations[i]) == conditions]
    k = same_lang.index(position)
    return english[k] if k < len(english) else None


def variation_hash(variation: dict[str, Any]) -> str:
    titles = [str(b.get("title", "")) for b in variation.get("buttons") or []]
    return hash_source(str(variation.get("text") or ""), titles)


def english_variation(variations: list[dict[str, Any]], number: int) -> dict[str, Any] | None:
    indices = english_indices(variations)
    return variations[indices[number]] if number < len(indices) else None


def domain_files(domain_dir: Path = DOMAIN_DIR) -> list[Path]:
    return sorted(domain_dir.glob("*.yml")) if domain_dir.is_dir() else [domain_dir]


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), 0, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_yaml(stamp: tuple[str, int, int]) -> Any:
    # Keyed by path, modification time and size: a rewritten file is read again.
    path = Path(stamp[0])
    return yaml.safe_load(path.read_text(encoding="utf-8")) if stamp[2] >= 0 else None


def read_yaml(path: Path) -> Any:
    """The parsed file (cached until it changes). Callers must not modify what it returns."""
    return _load_yaml(_stamp(path))


def load_domain_responses(domain_dir: Path = DOMAIN_DIR) -> dict[str, list[dict[str, Any]]]:
    responses: dict[str, list[dict[str, Any]]] = {}
    for path in domain_files(domain_dir):
        data = read_yaml(path) or {}
        responses.update(data.get("responses") or {})
    return responses


# ---------------------------------------------------------------- prompts and UI strings


def load_prompt_entries(path: Path = PROMPTS_PATH) -> dict[str, dict[str, Any]]:
    data = read_yaml(path) or {}
    return dict(data.get("prompts") or {})


def load_ui_strings(path: Path = UI_STRINGS_PATH) -> dict[str, dict[str, str]]:
    data = read_yaml(path) or {}
    return dict(data.get("strings") or {})


@dataclass(frozen=True)
class Sources:
    """Where English text and translations live; tests point these at temporary copies."""

    domain_dir: Path = DOMAIN_DIR
    prompts: Path = PROMPTS_PATH
    ui_strings: Path = UI_STRINGS_PATH
    register: Path = REGISTER_PATH


DEFAULT_SOURCES = Sources()


@dataclass(frozen=True)
class EnglishSource:
    key: str
    text: str
    button_titles: tuple[str, ...]

    @property
    def sha256(self) -> str:
        return hash_source(self.text, self.button_titles)


def english_source(key: str, sources: Sources = DEFAULT_SOURCES) -> EnglishSource | None:
    """The English text (and button titles) a key stands for, or None for an unknown key."""
    if key.startswith("prompt."):
        prompt = load_prompt_entries(sources.prompts).get(key[len("prompt."):])
        if not prompt:
            return None
        titles = tuple(str(b.get("title", "")) for b in prompt.get("buttons") or [])
        return EnglishSource(key, str(prompt.get("text") or ""), titles)
    if key.startswith("ui."):
        entry = load_ui_strings(sources.ui_strings).get(key[len("ui."):]) or {}
        return EnglishSource(key, str(entry["en"]), ()) if "en" in entry else None
    name, number = split_response_key(key)
    variations = load_domain_responses(sources.domain_dir).get(name) or []
    variation = english_variation(variations, number)
    if variation is None:
        return None
    titles = tuple(str(b.get("title", "")) for b in variation.get("buttons") or [])
    return EnglishSource(key, str(variation.get("text") or ""), titles)


def english_hash(key: str, sources: Sources = DEFAULT_SOURCES) -> str:
    """sha256 of the English text ``key`` stands for (KeyError for an unknown key)."""
    source = english_source(key, sources)
    if source is None:
        raise KeyError(key)
    return source.sha256


def all_english_sources(sources: Sources = DEFAULT_SOURCES) -> Iterator[EnglishSource]:
    """Every translatable English text: domain responses, then prompts, then UI strings."""
    for name, variations in load_domain_responses(sources.domain_dir).items():
        for number, index in enumerate(english_indices(variations)):
            variation = variations[index]
            titles = tuple(str(b.get("title", "")) for b in variation.get("buttons") or [])
            yield EnglishSource(response_key(name, number), str(variation.get("text") or ""), titles)
    for name, prompt in load_prompt_entries(sources.prompts).items():
        titles = tuple(str(b.get("title", "")) for b in prompt.get("buttons") or [])
        yield EnglishSource(f"prompt.{name}", str(prompt.get("text") or ""), titles)
    for name, entry in load_ui_strings(sources.ui_strings).items():
        if "en" in entry:
            yield EnglishSource(f"ui.{name}", str(entry["en"]), ())


# ---------------------------------------------------------------- the register


@dataclass(frozen=True)
class TranslationRecord:
    key: str
    language: str
    source_sha256: str
    method: str
    reviewed_by: str | None
    reviewed_on: str | None


def load_register(path: Path = REGISTER_PATH) -> dict[tuple[str, str], TranslationRecord]:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    records: dict[tuple[str, str], TranslationRecord] = {}
    for raw in data.get("translations") or []:
        record = TranslationRecord(
            key=str(raw["key"]), language=str(raw["language"]), source_sha256=str(raw["source_sha256"]),
            method=str(raw.get("method") or ""),
            reviewed_by=raw.get("reviewed_by") or None,
            reviewed_on=str(raw["reviewed_on"]) if raw.get("reviewed_on") else None,
        )
        records[(record.key, record.language)] = record
    return records


def status(record: TranslationRecord | None, current_sha256: str) -> str:
    """current / stale / unreviewed for one translation. No record counts as unreviewed."""
    if record is not None and record.source_sha256 != current_sha256:
        return STALE
    if record is None or not record.reviewed_by:
        return UNREVIEWED
    return CURRENT


class RegisterCache:
    """The register, re-read when the file changes (the run-time path reads it for every reply)."""

    def __init__(self, path: Path = REGISTER_PATH) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._records: dict[tuple[str, str], TranslationRecord] = {}

    def records(self) -> dict[tuple[str, str], TranslationRecord]:
        try:
            stat = os.stat(self.path)
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return {}
        if stamp != self._stamp:
            self._records = load_register(self.path)
            self._stamp = stamp
        return self._records

    def status(self, key: str, language: str, current_sha256: str) -> str:
        return status(self.records().get((key, language)), current_sha256)

    def resolve(self, key: str, language: str, current_sha256: str) -> Resolution:
        """What to send for one translation: the one rule for responses, prompts and UI words."""
        state = self.status(key, language, current_sha256)
        if state == STALE:
            return Resolution(state, use_translation=False, notice=ui_string("translation_stale", language))
        if state == UNREVIEWED:
            return Resolution(state, use_translation=True, notice=ui_string("translation_unreviewed", language))
        return Resolution(state, use_translation=True, notice=None)


@dataclass(frozen=True)
class Resolution:
    """A translation's register state, whether to send it (a stale one is replaced by the English),
    and the line in the person's language to add (stale: "shown in English"; unreviewed: "not yet
    checked by a person")."""

    state: str
    use_translation: bool
    notice: str | None


def ui_string(name: str, language: str) -> str:
    """A fixed interface string in ``language`` (English when it has none); "" for an unknown name.

    The same cached reading of content/ui_strings.yml that the widget, Telegram and the actions use."""
    try:
        return ui_text(name, language)
    except KeyError:
        return ""


# ---------------------------------------------------------------- checks (used by the tests)


def stale_translations(sources: Sources = DEFAULT_SOURCES) -> list[str]:
    """Register entries whose English has changed (or gone) since they were translated."""
    problems = []
    for (key, language), record in sorted(load_register(sources.register).items()):
        source = english_source(key, sources)
        if source is None:
            problems.append(f"{key} ({language}): the English text no longer exists")
        elif source.sha256 != record.source_sha256:
            problems.append(f"{key} ({language}): stale, the English changed since it was translated")
    return problems


def translations_in_files(sources: Sources = DEFAULT_SOURCES) -> set[tuple[str, str]]:
    """(key, language) of every translation written in the domain, prompts and UI strings."""
    found: set[tuple[str, str]] = set()
    for name, variations in load_domain_responses(sources.domain_dir).items():
        for position, variation in enumerate(variations):
            language = variation_language(variation)
            if language is not None:
                number = source_of(variations, position)
                found.add((response_key(name, number if number is not None else -1), language))
    for name, prompt in load_prompt_entries(sources.prompts).items():
        for language in (prompt.get("translations") or {}):
            found.add((f"prompt.{name}", str(language)))
    return found


def unregistered_translations(sources: Sources = DEFAULT_SOURCES) -> list[str]:
    """Translations in the files with no register entry (so nobody could tell they are stale)."""
    register = load_register(sources.register)
    return sorted(f"{key} ({language})" for key, language in translations_in_files(sources) - set(register))
