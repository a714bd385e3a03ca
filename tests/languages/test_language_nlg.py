"""Replies in the person's language: DirectoryNLG, form prompts, the REST fold and /api/chat's lang/dir."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import OutputChannel
from rasa.shared.core.domain import Domain

from actions import prompts as prompt_actions
from bot.channels.rest import LanguageCollectingOutputChannel
from bot.channels.telegram.config import TelegramConfig
from bot.nlg import DirectoryNLG
from bot.web.chat import clean_rasa_reply, reply_language
from content.translation import RegisterCache, hash_source, ui_string

ENGLISH = "Call {phone:police-emergency} now."
POLISH = "Zadzwoń teraz pod {phone:police-emergency}."
RESPONSES = {
    "utter_help": [
        {"text": ENGLISH, "buttons": [{"title": "Safe", "payload": "/affirm"}]},
        {"condition": [{"type": "slot", "name": "language", "value": "pl"}], "text": POLISH,
         "buttons": [{"title": "Bezpiecznie", "payload": "/affirm"}]},
    ],
    "utter_topic": [
        {"condition": [{"type": "slot", "name": "topic", "value": "a"}], "text": "Topic A"},
        {"condition": [{"type": "slot", "name": "topic", "value": "a"},
                       {"type": "slot", "name": "language", "value": "pl"}], "text": "Temat A"},
        {"text": "Which topic?"},
    ],
    "utter_menu": [{"text": "Menu", "buttons": [{"title": "Domestic abuse", "payload": "/x"}]}],
}


def nlg_with(tmp_path: Path, records: list[dict[str, Any]]) -> DirectoryNLG:
    register = tmp_path / "translations.yml"
    register.write_text(yaml.safe_dump({"translations": records}, allow_unicode=True), encoding="utf-8")
    nlg = DirectoryNLG(domain=Domain.from_dict({"responses": RESPONSES}))
    nlg._register = RegisterCache(register)
    return nlg


def record(key: str, sha: str, reviewed_by: str | None = None) -> dict[str, Any]:
    return {"key": key, "language": "pl", "source_sha256": sha, "method": "machine draft",
            "reviewed_by": reviewed_by, "reviewed_on": "2026-11-30" if reviewed_by else None}


def say(nlg: DirectoryNLG, name: str, **slots: Any) -> dict[str, Any]:
    return nlg.generate_from_slots(name, {"language": "en", **slots}, "rest")


HELP_SHA = hash_source(ENGLISH, ["Safe"])


def test_english_conversation_gets_english_marked_en(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, []), "utter_help")
    assert reply["text"].startswith("Call ") and "{phone:" not in reply["text"]
    assert reply["custom"] == {"lang": "en", "dir": "ltr", "language": "en"}


def test_unreviewed_translation_carries_the_notice_in_the_language(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, [record("utter_help", HELP_SHA)]), "utter_help", language="pl")
    assert reply["text"].startswith("Zadzwoń teraz pod ") and "{phone:" not in reply["text"]
    assert reply["text"].endswith("\n\n" + ui_string("translation_unreviewed", "pl"))
    assert reply["buttons"] == [{"title": "Bezpiecznie", "payload": "/affirm"}]
    assert reply["custom"] == {"lang": "pl", "dir": "ltr", "language": "pl"}


def test_reviewed_current_translation_has_no_notice(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, [record("utter_help", HELP_SHA, "a fluent reviewer")]), "utter_help", language="pl")
    assert reply["text"].startswith("Zadzwoń") and ui_string("translation_unreviewed", "pl") not in reply["text"]


def test_stale_translation_falls_back_to_english_with_the_stale_notice(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, [record("utter_help", "0" * 64, "a fluent reviewer")]), "utter_help", language="pl")
    assert reply["text"].startswith("Call ")
    assert reply["text"].endswith("\n\n" + ui_string("translation_stale", "pl"))
    assert reply["buttons"] == [{"title": "Safe", "payload": "/affirm"}]
    assert reply["custom"] == {"lang": "en", "dir": "ltr", "language": "pl"}


def test_the_most_specific_variation_wins(tmp_path: Path) -> None:
    nlg = nlg_with(tmp_path, [record("utter_topic", hash_source("Topic A"))])
    for _ in range(20):  # Rasa alone would pick either matching variation at random
        assert say(nlg, "utter_topic", language="pl", topic="a")["text"].startswith("Temat A")
    assert say(nlg, "utter_topic", topic="a")["text"] == "Topic A"
    assert say(nlg, "utter_topic", language="pl")["text"] == "Which topic?"


def test_untranslated_response_in_another_language_is_english_marked_en(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, []), "utter_topic", language="ur")
    assert reply["text"] == "Which topic?" and reply["custom"] == {"lang": "en", "dir": "ltr", "language": "ur"}


def test_the_menu_offers_the_language_menu_in_the_language(tmp_path: Path) -> None:
    reply = say(nlg_with(tmp_path, []), "utter_menu", language="ur")
    assert reply["buttons"][-1] == {"title": ui_string("language_menu", "ur"), "payload": "/language_menu"}


def test_rest_fold_puts_lang_and_dir_on_the_message() -> None:
    collector = LanguageCollectingOutputChannel()

    async def run() -> None:
        await collector.send_response("u1", {"text": "میرا", "custom": {"lang": "ur", "dir": "rtl", "language": "ur"}})
        await collector.send_response("u1", {"text": "plain"})
        await collector.send_custom_json("u1", {"other": 1})

    asyncio.run(run())
    assert collector.messages[0] == {"recipient_id": "u1", "text": "میرا", "lang": "ur", "dir": "rtl", "language": "ur"}
    assert collector.messages[1] == {"recipient_id": "u1", "text": "plain"}
    assert collector.messages[2] == {"recipient_id": "u1", "custom": {"other": 1}}


def test_api_chat_messages_carry_lang_and_dir() -> None:
    reply = [
        {"recipient_id": "x", "text": "Jeśli", "lang": "pl", "dir": "ltr", "language": "pl"},
        {"recipient_id": "x", "text": "English only", "lang": "en", "dir": "ltr", "language": "pl"},
        {"recipient_id": "x", "text": "evil", "lang": "<script>", "dir": "sideways"},
        {"recipient_id": "x", "custom": {"lang": "ur"}},
    ]
    messages = clean_rasa_reply(reply)
    assert [(m["lang"], m["dir"]) for m in messages] == [("pl", "ltr"), ("en", "ltr"), ("en", "ltr")]
    assert reply_language(reply) == "pl"
    assert reply_language([{"text": "no marker"}]) == "en"


class RecordingService:
    payloads = None
    config = TelegramConfig()

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_message(self, chat_id: int, sender_id: str, html_text: str, source: str, markup: Any) -> None:
        self.sent.append(source)


def test_telegram_sends_nothing_extra_for_the_language_marker() -> None:
    from bot.channels.telegram.service import TelegramOutput

    service = RecordingService()
    output: OutputChannel = TelegramOutput(service, 1, "s")  # type: ignore[arg-type]
    marker = {"lang": "pl", "dir": "ltr", "language": "pl"}
    asyncio.run(output.send_response("s", {"text": "Zadzwoń", "custom": marker}))
    assert len(service.sent) == 1 and "Zadzwoń" in service.sent[0]


@pytest.fixture
def polish_prompt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    prompt = {"text": "Who is the help for?", "buttons": [{"title": "Me", "payload": "Me"}],
              "translations": {"pl": {"text": "Dla kogo jest pomoc?", "buttons": ["Dla mnie"]}}}
    monkeypatch.setattr(prompt_actions, "load_prompts", lambda: {"service_for": prompt})
    register = tmp_path / "translations.yml"
    monkeypatch.setattr(prompt_actions, "_REGISTER", RegisterCache(register))
    return {"register": register, "sha": hash_source("Who is the help for?", ["Me"])}


def _register(path: Path, sha: str) -> None:
    path.write_text(yaml.safe_dump({"translations": [record("prompt.service_for", sha)]}), encoding="utf-8")


def test_form_prompt_in_the_language_with_the_unreviewed_line(polish_prompt: dict[str, Any]) -> None:
    _register(polish_prompt["register"], polish_prompt["sha"])
    text, buttons, lang, notice = prompt_actions.localised("service_for", "pl")
    assert (text, lang) == ("Dla kogo jest pomoc?", "pl")
    assert buttons == [{"title": "Dla mnie", "payload": "Me"}]
    assert notice == ui_string("translation_unreviewed", "pl")


def test_stale_form_prompt_is_english_with_the_stale_line(polish_prompt: dict[str, Any]) -> None:
    _register(polish_prompt["register"], "1" * 64)
    text, buttons, lang, notice = prompt_actions.localised("service_for", "pl")
    assert (text, lang, buttons[0]["title"]) == ("Who is the help for?", "en", "Me")
    assert notice == ui_string("translation_stale", "pl")


def test_say_prompt_sends_the_marker(polish_prompt: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    _register(polish_prompt["register"], polish_prompt["sha"])
    dispatcher = CollectingDispatcher()
    prompt_actions.say_prompt(dispatcher, "service_for", language="pl")
    message = dispatcher.messages[0]
    assert message["text"].startswith("Dla kogo jest pomoc?")
    assert message["custom"] == {"lang": "pl", "dir": "ltr", "language": "pl"}


def _tracker_after(text: str, intent: str, entities: list[dict[str, Any]], replied: bool = False):
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [UserUttered(text, {"name": intent, "confidence": 0.9}, entities)]
    if replied:
        events.append(BotUttered("first reply"))
    return DialogueStateTracker.from_events("t", events)


SPANISH = [{"entity": "unsupported_language", "value": "es", "start": 0, "end": 10}]
UNSUPPORTED_REPLY = {
    "utter_unsupported_language": [{"text": "Call {phone:police-emergency}. I can answer in these languages"}],
    "utter_answer": [{"text": "The answer."}],
}


@pytest.mark.parametrize(("intent", "entities", "replied", "notice"), [
    ("faq", SPANISH, False, True),                      # understood, in a language we do not answer in
    ("faq", SPANISH, True, False),                      # only the first reply of the turn
    ("faq", [], False, False),                          # a language we answer in
    ("crisis_danger", SPANISH, False, False),           # crisis guidance is already 999 first
    ("unsupported_language", SPANISH, False, False),    # the reply itself
])
def test_an_understood_unsupported_language_gets_the_three_things_first(intent, entities, replied, notice) -> None:
    nlg = DirectoryNLG(domain=Domain.from_dict({"responses": UNSUPPORTED_REPLY}))
    tracker = _tracker_after("Hola, mi marido me pega", intent, entities, replied)
    reply = asyncio.run(nlg.generate("utter_answer", tracker, "rest"))
    assert reply["text"].endswith("The answer.")
    assert reply["text"].startswith("Call 999. I can answer in these languages") is notice
