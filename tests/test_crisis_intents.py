"""The crisis intents are named once (safety/crisis_intents.py) and every layer reads that list.

No model needed: the NLU components and the form validator are run on hand-built messages and
trackers. Adding an intent to the shared tuple (monkeypatched here) makes it a crisis in the
safety net, the reference-code component and the forms at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.concern_form import ValidateConcernForm
from actions.find_service import ValidateFindServiceForm
from actions.forms import free_text_slots, reply_to_read
from bot.components import crisis_patterns
from bot.components.reference_code import ReferenceCodeIntent
from bot.components.safety_net import SAFETY_NET_KEY, CrisisSafetyNet
from safety import crisis_intents
from safety.crisis_intents import CRISIS_INTENTS, is_crisis

ROOT = Path(__file__).resolve().parent.parent
FAKE = "crisis_test_only"
# Two crisis intent names side by side in a literal ("a", "b" or "a": "x", "b"): a copy of the list.
LIST_OF_CRISIS_NAMES = re.compile(r"""["']crisis_\w+["']\s*[,:]\s*(?:["'][^"'\n]*["']\s*,\s*)?["']crisis_\w+["']""")


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _tracker(text: str, intent: str, requested: str, form: str, source: str | None = None) -> Tracker:
    latest: dict = {"text": text, "intent": {"name": intent, "confidence": 0.95}}
    if source:
        latest[SAFETY_NET_KEY] = {"intent": intent, "source": source}
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest},
        {"event": "action", "name": form},
    ]
    return Tracker("t", {"requested_slot": requested}, latest, events, False, None, {"name": form}, form)


@pytest.fixture
def with_fake_crisis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crisis_intents, "CRISIS_INTENTS", (*CRISIS_INTENTS, FAKE))


def test_the_list_is_the_four_kinds_most_urgent_first() -> None:
    assert CRISIS_INTENTS == ("crisis_cannot_speak", "crisis_danger", "crisis_suicide", "crisis_child")
    assert all(is_crisis(i) for i in CRISIS_INTENTS)
    assert not is_crisis("faq") and not is_crisis(None) and not is_crisis("crisis_")


def test_no_other_copy_of_the_list_exists() -> None:
    # Outside the shared module, an intent name may appear only in the phrase rules' keys, in
    # data, domain and rule files, and in test data; never as a list of crisis intents in code.
    offenders = []
    for folder in ("bot", "actions", "scripts", "conversation", "concerns", "content", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if path.name in {"crisis_patterns.py", "test_crisis_intents.py"}:
                continue
            if LIST_OF_CRISIS_NAMES.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_phrase_rules_cover_only_listed_intents() -> None:
    assert set(crisis_patterns._PATTERNS) <= set(CRISIS_INTENTS)


def test_an_added_intent_is_a_crisis_for_the_safety_net(with_fake_crisis: None) -> None:
    message = Message({TEXT: "hmm"})
    message.set(INTENT, {"name": "faq", "confidence": 0.5})
    message.set(INTENT_RANKING_KEY, [{"name": FAKE, "confidence": 0.9}, {"name": "faq", "confidence": 0.1}])
    CrisisSafetyNet({}).process([message])
    assert message.get(INTENT)["name"] == FAKE
    assert message.get(SAFETY_NET_KEY)["source"] == "classifier"


def test_an_added_intent_wins_over_a_reference_code(with_fake_crisis: None) -> None:
    message = Message({TEXT: "K7Q-4MX-P2D"})
    message.set(INTENT, {"name": FAKE, "confidence": 1.0})
    ReferenceCodeIntent().process([message])
    assert message.get(INTENT)["name"] == FAKE


@pytest.mark.parametrize(
    ("validator", "form", "slot", "text", "source"),
    [
        (ValidateConcernForm(), "concern_form", "concern_what", "people are in and out of the flat all night", "rules"),
        (ValidateFindServiceForm(), "find_service_form", "service_need", "i need help with my drinking", None),
    ],
)
async def test_an_added_intent_is_never_a_form_answer(
    with_fake_crisis: None, validator, form: str, slot: str, text: str, source: str | None
) -> None:
    # The same message fills the slot when it is not a crisis, and is left to the rules when it is
    # (caught by the phrase rules, or, for a question that is not free text, by the classifier).
    domain = _yaml(ROOT / "domain" / ("concern.yml" if form == "concern_form" else "services.yml"))
    ordinary = await validator.run(CollectingDispatcher(), _tracker(text, "faq", slot, form), domain)
    assert any(e.get("name") == slot and e.get("value") for e in ordinary)
    tracker = _tracker(text, FAKE, slot, form, source)
    assert reply_to_read(tracker, free_text_slots(validator.questions())) is None
    assert await validator.run(CollectingDispatcher(), tracker, domain) == []


async def test_a_description_only_the_classifier_calls_an_added_crisis_is_kept_after_its_guidance(
    with_fake_crisis: None,
) -> None:
    text = "people are in and out of the flat all night"
    domain = _yaml(ROOT / "domain" / "concern.yml")
    dispatcher = CollectingDispatcher()
    tracker = _tracker(text, FAKE, "concern_what", "concern_form", "classifier")
    events = await ValidateConcernForm().run(dispatcher, tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "concern_what", "value": text} in events
    assert dispatcher.messages[0]["response"] == f"utter_{FAKE}"


def test_the_phrase_rules_follow_the_shared_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # "can't speak" outranks "danger" because it comes first in the shared tuple; reversed, danger wins.
    text = "he's outside with a knife and I can't talk, he'll hear me"
    assert crisis_patterns.detect(text).intent == "crisis_cannot_speak"
    monkeypatch.setattr(crisis_intents, "CRISIS_INTENTS", tuple(reversed(CRISIS_INTENTS)))
    assert crisis_patterns.detect(text).intent != "crisis_cannot_speak"


# ---------------------------------------------------------------- domain and rules


def _rules() -> list[dict]:
    return [r for path in sorted((ROOT / "data" / "rules").glob("*.yml")) for r in _yaml(path).get("rules", [])]


def _forms() -> set[str]:
    return {f for path in (ROOT / "domain").glob("*.yml") for f in (_yaml(path).get("forms") or {})}


@pytest.mark.parametrize("intent", CRISIS_INTENTS)
def test_domain_has_the_intent_and_its_guidance(intent: str) -> None:
    crisis = _yaml(ROOT / "domain" / "crisis.yml")
    assert intent in crisis["intents"]
    assert f"utter_{intent}" in crisis["responses"]


@pytest.mark.parametrize("intent", CRISIS_INTENTS)
def test_rules_send_the_guidance_anywhere_and_inside_every_form(intent: str) -> None:
    guidance = [{"intent": intent}, {"action": f"utter_{intent}"}]
    anywhere = [r for r in _rules() if not r.get("condition") and r["steps"] == guidance]
    assert anywhere, f"no unconditional rule for {intent}"
    interrupted = {
        c["active_loop"]
        for r in _rules()
        for c in r.get("condition") or []
        if "active_loop" in c and r["steps"][:2] == guidance
        and {"action": "action_deactivate_loop"} in r["steps"]
    }
    assert interrupted == _forms()
