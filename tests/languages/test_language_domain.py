"""The language slot, menu and replies in the domain agree with content/languages.py."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from content.languages import CODES, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def domain() -> dict:
    merged: dict = {"slots": {}, "responses": {}}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged["slots"].update(data.get("slots") or {})
        merged["responses"].update(data.get("responses") or {})
    return merged


def test_language_slot_values_are_the_language_list() -> None:
    slot = domain()["slots"]["language"]
    assert slot["values"] == list(CODES) and slot["initial_value"] == "en"
    assert slot["influence_conversation"] is False
    assert slot["mappings"] == [{"type": "from_entity", "entity": "language"}]


def test_no_other_slot_is_filled_from_the_language_entities() -> None:
    for name, slot in domain()["slots"].items():
        if name == "language":
            continue
        for mapping in slot.get("mappings") or []:
            assert mapping.get("entity") not in {"language", "unsupported_language"}, name


def test_language_menu_lists_every_language_by_its_own_name() -> None:
    buttons = domain()["responses"]["utter_choose_language"][0]["buttons"]
    assert [b["title"] for b in buttons] == [lang.endonym for lang in LANGUAGES]
    payloads = [json.loads(b["payload"].replace("{{", "{").replace("}}", "}").split("choose_language", 1)[1])
                for b in buttons]
    assert [p["language"] for p in payloads] == list(CODES)


def test_unsupported_language_reply_puts_999_first_and_names_every_language() -> None:
    responses = domain()["responses"]
    text = responses["utter_unsupported_language"][0]["text"]
    assert text.startswith("**If you are in danger now, call {phone:police-emergency}.**")
    assert all(lang.endonym in text for lang in LANGUAGES)
    assert "interpreter" in responses["utter_interpreters"][0]["text"]
