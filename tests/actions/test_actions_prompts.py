"""The form questions (actions/prompts.py) and the fallback replies (actions/fallback.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from actions_support import load_tracker, said
from rasa_sdk.events import UserUtteranceReverted

from actions.fallback import ActionCoreFallback, ActionFallback, ActionUnsupportedLanguage
from actions.prompts import ASK_ACTIONS, ASK_SLOTS
from safety.crisis_intents import CRISIS_INTENTS

PROMPTS_FILE = Path(__file__).resolve().parents[2] / "content" / "prompts.yml"
PROMPTS = yaml.safe_load(PROMPTS_FILE.read_text(encoding="utf-8"))["prompts"]


def test_every_question_of_both_forms_has_an_ask_action(domain) -> None:
    required = [slot for form in domain["forms"].values() for slot in form["required_slots"]]
    asked_elsewhere = {"concern_confirm", "concern_addition"}  # their own actions build the text
    assert sorted(ASK_SLOTS) == sorted(set(required) - asked_elsewhere)
    assert {action().name() for action in ASK_ACTIONS.values()} <= set(domain["actions"])


@pytest.mark.parametrize("slot", ["service_need", "service_for", "concern_category", "concern_when"])
async def test_a_question_is_asked_with_its_buttons(dispatcher, slot) -> None:
    action = ASK_ACTIONS[slot]()
    assert action.name() == f"action_ask_{slot}"
    assert await action.run(dispatcher, load_tracker("show_services"), {}) == []
    assert said(dispatcher) == [(PROMPTS[slot]["text"], PROMPTS[slot]["buttons"])]


async def test_the_fallback_says_so_and_forgets_the_unclear_message(dispatcher) -> None:
    tracker = load_tracker("signpost_no_offer", text="zxq vvb plork", intent="nlu_fallback")
    assert await ActionCoreFallback().run(dispatcher, tracker, {}) == [UserUtteranceReverted()]
    assert [m["response"] for m in dispatcher.messages] == ["utter_fallback"]


async def test_the_fallback_reply_says_it_is_not_sure(dispatcher) -> None:
    tracker = load_tracker("signpost_no_offer", text="zxq vvb plork", intent="nlu_fallback")
    assert ActionFallback().name() == "action_fallback"
    assert await ActionFallback().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_fallback"]


@pytest.mark.parametrize("kind", CRISIS_INTENTS)
async def test_the_fallback_reply_gives_the_guidance_of_a_possible_crisis(dispatcher, kind: str) -> None:
    tracker = load_tracker("signpost_no_offer", text="can someone come without me ringing", intent="nlu_fallback")
    tracker.latest_message["possible_crisis"] = {"intent": kind, "probability": 0.6}
    assert await ActionFallback().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == [f"utter_{kind}"]


async def test_a_mark_that_is_not_a_crisis_intent_is_ignored(dispatcher) -> None:
    tracker = load_tracker("signpost_no_offer", text="zxq vvb plork", intent="nlu_fallback")
    tracker.latest_message["possible_crisis"] = {"intent": "greet", "probability": 0.9}
    await ActionFallback().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_fallback"]


async def test_an_unsupported_language_gets_its_reply_after_the_guidance_of_a_possible_crisis(dispatcher) -> None:
    tracker = load_tracker("signpost_no_offer", text="mon mari me frappe", intent="unsupported_language")
    assert await ActionUnsupportedLanguage().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_unsupported_language"]
    dispatcher.messages.clear()
    tracker.latest_message["possible_crisis"] = {"intent": "crisis_danger", "probability": 0.6}
    await ActionUnsupportedLanguage().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_crisis_danger", "utter_unsupported_language"]
