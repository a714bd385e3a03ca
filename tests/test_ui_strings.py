"""content/ui_strings.yml: every fixed interface string in every supported language, kept in step
with the English the code sends, with placeholders and the 999 line intact."""

from __future__ import annotations

import re

import pytest

from bot.channels.telegram import texts as telegram_texts
from bot.web import chat
from content.ui_strings import (
    RTL_LANGUAGES,
    direction,
    load_ui_strings,
    register_entries,
    strings_for,
    supported,
    ui_text,
)

LANGUAGES = ("en", "pl", "ro", "ur", "pa", "pt", "gu")
PLACEHOLDER = re.compile(r"{[^{}\n]+}")
STRINGS = load_ui_strings()


def test_the_file_covers_the_seven_languages_with_english_first():
    assert STRINGS.languages == LANGUAGES


@pytest.mark.parametrize("name", sorted(STRINGS.texts))
def test_every_string_exists_in_every_language_with_the_same_placeholders(name):
    entry = STRINGS.texts[name]
    assert set(entry) == set(LANGUAGES), f"{name} lacks {set(LANGUAGES) - set(entry)}"
    english_tokens = sorted(PLACEHOLDER.findall(entry["en"]))
    for lang, text in entry.items():
        assert text.strip() and text == text.strip(), (name, lang)
        assert sorted(PLACEHOLDER.findall(text)) == english_tokens, (name, lang)
        assert text.count("**") == entry["en"].count("**"), (name, lang)
        if lang != "en" and name != "language_name" and len(entry["en"]) > 12:
            assert text != entry["en"], f"{name} in {lang} is still English"


@pytest.mark.parametrize(
    "name", ["emergency_line", "error_unavailable", "error_rate_limited", "telegram_failed", "telegram_start"]
)
def test_every_error_and_safety_text_keeps_the_emergency_number(name):
    for lang in LANGUAGES:
        assert "{phone:police-emergency}" in ui_text(name, lang), (name, lang)


def test_english_matches_what_the_code_sends():
    assert ui_text("error_unavailable") == chat.UNAVAILABLE_MESSAGE
    assert ui_text("error_rate_limited") == chat.RATE_LIMITED_MESSAGE
    assert ui_text("error_forget_failed") == chat.FORGET_FAILED_MESSAGE
    for constant, key in telegram_texts._UI_KEYS.items():
        assert ui_text(key) == constant, key


def test_the_notice_lines_for_translated_answers_exist():
    # lang-core's NLG appends these under translated answers (LANG.md).
    for lang in LANGUAGES:
        assert ui_text("translation_stale", lang) and ui_text("translation_unreviewed", lang)


def test_unknown_language_or_missing_text_falls_back_to_english():
    assert ui_text("send", "xx") == "Send"
    assert ui_text("send", None) == "Send"
    assert ui_text("send", "pl") == "Wyślij"
    with pytest.raises(KeyError):
        ui_text("no_such_string", "en")


def test_directions_and_the_language_list():
    assert direction("ur") == "rtl" and RTL_LANGUAGES == {"ur"}
    assert all(direction(lang) == "ltr" for lang in LANGUAGES if lang != "ur")
    assert supported("gu") and not supported("de") and not supported(None)
    assert [strings_for(lang)["language_name"] for lang in LANGUAGES] == [
        "English", "Polski", "Română", "اردو", "ਪੰਜਾਬੀ", "Português", "ગુજરાતી",
    ]


def test_languages_and_directions_agree_with_the_shared_language_list_when_it_exists():
    languages = pytest.importorskip("content.languages")  # lang-core's list, after the merge
    assert tuple(lang.code for lang in languages.LANGUAGES) == LANGUAGES
    assert {lang.code for lang in languages.LANGUAGES if lang.direction == "rtl"} == RTL_LANGUAGES
    assert [lang.endonym for lang in languages.LANGUAGES] == [strings_for(c)["language_name"] for c in LANGUAGES]


def test_every_translation_is_recorded_as_an_unreviewed_machine_draft():
    rows = list(register_entries())
    assert len(rows) == len(STRINGS.texts) * (len(LANGUAGES) - 1)
    for row in rows:
        assert row["key"].startswith("ui.") and len(row["source_sha256"]) == 64
        assert row["method"].startswith("machine draft") and row["reviewed_by"] is None


def test_telegram_texts_follow_the_language():
    assert telegram_texts.in_language(telegram_texts.FORGOTTEN, "pl").startswith("Gotowe.")
    assert telegram_texts.in_language(telegram_texts.FORGOTTEN, None) == telegram_texts.FORGOTTEN
    assert telegram_texts.in_language("An answer from the assistant", "pl") == "An answer from the assistant"
    assert "2,000" in telegram_texts.localised_too_long(2000, "ur")
    memory = telegram_texts.LanguageMemory(max_entries=2)
    memory.learn("a", {"lang": "ur", "dir": "rtl", "language": "ur"})
    memory.learn("b", {"language": "de"})  # not supported: ignored
    memory.learn("c", "not a dict")
    assert memory.of("a") == "ur" and memory.of("b") is None
    memory.learn("b", {"language": "pl"})
    memory.learn("c", {"language": "gu"})  # over the bound: the oldest goes
    assert memory.of("a") is None and memory.of("c") == "gu"
    memory.forget("c")
    assert memory.of("c") is None


def test_the_telegram_language_memory_expires_with_the_conversation():
    now = [1000.0]
    memory = telegram_texts.LanguageMemory(ttl_seconds=1800, clock=lambda: now[0])
    memory.learn("a", {"language": "pl"})
    now[0] += 1799
    assert memory.of("a") == "pl"
    now[0] += 2
    assert memory.of("a") is None


def test_one_rule_decides_stale_unreviewed_and_current_translations(tmp_path):
    """RegisterCache.resolve is what responses, prompts and UI words all follow (content.translation)."""
    from content.translation import STALE, UNREVIEWED, RegisterCache, sha256_text, ui_string

    english = sha256_text("Call 999")
    register = tmp_path / "translations.yml"
    register.write_text(
        "translations:\n"
        f"- {{key: ui.a, language: pl, source_sha256: {english}, method: m, reviewed_by: null, reviewed_on: null}}\n"
        f"- {{key: ui.b, language: pl, source_sha256: {english}, method: m,"
        " reviewed_by: partner, reviewed_on: 2026-11-30}\n",
        encoding="utf-8",
    )
    cache = RegisterCache(register)
    stale = cache.resolve("ui.a", "pl", sha256_text("Call 999 now"))
    assert (stale.state, stale.use_translation, stale.notice) == (STALE, False, ui_string("translation_stale", "pl"))
    unreviewed = cache.resolve("ui.a", "pl", english)
    assert (unreviewed.state, unreviewed.use_translation) == (UNREVIEWED, True)
    assert unreviewed.notice == ui_string("translation_unreviewed", "pl") and unreviewed.notice
    reviewed = cache.resolve("ui.b", "pl", english)
    assert (reviewed.use_translation, reviewed.notice) == (True, None)
    assert cache.resolve("ui.missing", "pl", english).state == UNREVIEWED
