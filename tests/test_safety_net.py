"""The crisis phrase rules on their own (no model): the independent crisis sets must all be caught
by the rules alone, and the not-crisis set must pass through. The end-to-end test checks the same
sets against the real trained assistant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.crisis_patterns import detect, normalise
from bot.components.safety_net import SAFETY_NET_KEY, CrisisSafetyNet

ROOT = Path(__file__).resolve().parent.parent
CRISIS = yaml.safe_load((ROOT / "tests/crisis/crisis_messages.yml").read_text())["messages"]
NOT_CRISIS = yaml.safe_load((ROOT / "tests/crisis/not_crisis.yml").read_text())["messages"]


@pytest.mark.parametrize("case", CRISIS, ids=lambda c: c["text"][:40])
def test_rules_catch_every_crisis_message(case: dict) -> None:
    match = detect(case["text"])
    assert match is not None, case["text"]
    assert match.intent == f"crisis_{case['expect']}"


@pytest.mark.parametrize("case", NOT_CRISIS, ids=lambda c: c["text"][:40])
def test_rules_leave_ordinary_messages_alone(case: dict) -> None:
    assert detect(case["text"]) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I want to kil myself", "crisis_suicide"),
        ("hes gna stab me", "crisis_danger"),
        ("sucidal", "crisis_suicide"),
        ("HE'S OUTSIDE BANGINGGGG ON THE DOOR", "crisis_danger"),
        ("cnt tlk he's here, he will hear me if i call", "crisis_cannot_speak"),
    ],
)
def test_misspellings_slang_and_shouting(typed: str, expected: str) -> None:
    match = detect(typed)
    assert match is not None and match.intent == expected


@pytest.mark.parametrize(
    "text",
    [
        "grazed my knee but it's stopped bleeding now",
        "my older brother self-harmed years ago and is doing really well now, any leaflets for families?",
        "is the suicide challenge on that app a hoax",
    ],
)
def test_rules_leave_healed_wounds_and_topics_alone(text: str) -> None:
    """Exceptions for a wound that has stopped bleeding, and for suicide named as a past event or a topic."""
    assert detect(text) is None


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "\x00\x01", "x" * 10_000, "<script>alert(1)</script>"])
def test_odd_input_is_handled(text: str) -> None:
    assert detect(text) is None
    assert isinstance(normalise(text), str)


def _message(text: str, ranking: list[tuple[str, float]], intent: str | None = None) -> Message:
    message = Message({TEXT: text})
    names = [{"name": n, "confidence": c} for n, c in ranking]
    message.set(INTENT, {"name": intent or ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, names)
    return message


def test_component_overrides_classifier_when_rules_match() -> None:
    net = CrisisSafetyNet(CrisisSafetyNet.get_default_config())
    message = _message("he's got a knife and he's outside", [("faq", 0.9), ("greet", 0.1)])
    net.process([message])
    assert message.get(INTENT)["name"] == "crisis_danger"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "crisis_danger"
    assert message.get(SAFETY_NET_KEY)["intent"] == "crisis_danger"
    assert message.get(SAFETY_NET_KEY)["source"] == "rules"


def test_component_keeps_a_low_confidence_crisis_prediction_from_fallback() -> None:
    net = CrisisSafetyNet(CrisisSafetyNet.get_default_config())
    message = _message(
        "everything is too much",
        [("nlu_fallback", 0.55), ("crisis_suicide", 0.41), ("faq", 0.3)],
        intent="nlu_fallback",
    )
    net.process([message])
    assert message.get(INTENT)["name"] == "crisis_suicide"


def test_component_promotes_a_crisis_intent_above_threshold() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.35, "min_top_confidence": 0.4})
    message = _message("hmm", [("faq", 0.5), ("crisis_child", 0.36)])
    net.process([message])
    assert message.get(INTENT)["name"] == "crisis_child"


def test_component_ignores_a_crisis_guess_below_the_floor() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.4})
    message = _message("Me", [("nlu_fallback", 0.55), ("crisis_danger", 0.3), ("affirm", 0.2)], intent="nlu_fallback")
    net.process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


def test_component_leaves_other_messages_alone() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.35, "min_top_confidence": 0.4})
    message = _message("what is cuckooing", [("faq", 0.8), ("crisis_child", 0.1)])
    net.process([message])
    assert message.get(INTENT)["name"] == "faq"
    assert message.get(SAFETY_NET_KEY) is None


def test_component_adds_up_crisis_kinds_the_classifier_is_split_between() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5})
    split = _message("vreau sa dispar", [("crisis_cannot_speak", 0.34), ("crisis_suicide", 0.31), ("faq", 0.2)])
    net.process([split])
    assert split.get(INTENT)["name"] == "crisis_cannot_speak"  # the likeliest kind
    assert split.get(SAFETY_NET_KEY)["classifier_confidence"] == 0.65

    lower_down = _message("hmm", [("faq", 0.35), ("crisis_danger", 0.33), ("crisis_child", 0.3)])
    net.process([lower_down])
    assert lower_down.get(INTENT)["name"] == "crisis_danger"


def test_split_crisis_kinds_below_the_floor_are_not_a_crisis() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5})
    first = _message(
        "hmm", [("nlu_fallback", 0.3), ("crisis_danger", 0.25), ("crisis_child", 0.2), ("faq", 0.2)],
        intent="nlu_fallback",
    )
    lower = _message("hmm", [("faq", 0.45), ("crisis_danger", 0.3), ("crisis_child", 0.25)])
    net.process([first, lower])
    assert first.get(INTENT)["name"] == "nlu_fallback"
    assert lower.get(INTENT)["name"] == "faq"
    assert first.get(SAFETY_NET_KEY) is None and lower.get(SAFETY_NET_KEY) is None


def test_component_takes_the_sentence_vector_signal_from_its_threshold() -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.8})
    sure = _message("he's sat against the front door", [("faq", 1.0), ("crisis_danger", 0.0)])
    sure.set(CRISIS_VECTOR_KEY, {"probability": 0.86, "intent": "crisis_danger"})
    unsure = _message("what is cuckooing", [("faq", 1.0), ("crisis_child", 0.0)])
    unsure.set(CRISIS_VECTOR_KEY, {"probability": 0.79, "intent": "crisis_child"})
    net.process([sure, unsure])
    assert sure.get(INTENT)["name"] == "crisis_danger"
    assert sure.get(SAFETY_NET_KEY)["source"] == "vector"
    assert unsure.get(INTENT)["name"] == "faq"
    assert unsure.get(SAFETY_NET_KEY) is None


def test_component_ignores_the_vector_signal_by_default() -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY

    net = CrisisSafetyNet(CrisisSafetyNet.get_default_config())
    message = _message("what is cuckooing", [("faq", 1.0)])
    message.set(CRISIS_VECTOR_KEY, {"probability": 1.0, "intent": "crisis_child"})
    net.process([message])
    assert message.get(INTENT)["name"] == "faq"


def test_the_vector_signal_gives_way_when_the_classifier_is_sure_it_is_out_of_scope() -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY

    config = {"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.8,
              "vector_out_of_scope_veto": 0.6}
    net = CrisisSafetyNet(config)
    everyday = _message("so hungry i could eat a horse", [("out_of_scope", 0.95), ("goodbye", 0.02)])
    unsure = _message("he took my keys", [("nlu_fallback", 0.6), ("out_of_scope", 0.4), ("faq", 0.3)],
                      intent="nlu_fallback")
    for message in (everyday, unsure):
        message.set(CRISIS_VECTOR_KEY, {"probability": 0.9, "intent": "crisis_danger"})
    net.process([everyday, unsure])
    assert everyday.get(INTENT)["name"] == "out_of_scope"
    assert unsure.get(INTENT)["name"] == "crisis_danger"


def test_the_classifiers_crisis_call_gives_way_when_the_sentence_vector_is_sure_of_an_answer() -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY
    from bot.components.vector_intent_blend import SURE_ANSWER_KEY

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.75})

    def case(text: str, sure: bool, signal: float) -> Message:
        message = _message(text, [("faq", 0.7), ("crisis_danger", 0.97)])
        if sure:
            message.set(SURE_ANSWER_KEY, True)
        message.set(CRISIS_VECTOR_KEY, {"probability": signal, "intent": "crisis_danger"})
        return message

    description = case("strangers in and out of the flat below all night", sure=True, signal=0.5)
    not_sure = case("strangers in and out of the flat below all night", sure=False, signal=0.5)
    signal_says_crisis = case("strangers in and out of the flat below all night", sure=True, signal=0.8)
    rule_matches = case("he's got a knife and he's outside", sure=True, signal=0.1)
    net.process([description, not_sure, signal_says_crisis, rule_matches])
    assert description.get(INTENT)["name"] == "faq"
    assert description.get(SAFETY_NET_KEY) is None
    for message in (not_sure, signal_says_crisis, rule_matches):
        assert message.get(SAFETY_NET_KEY)["intent"] == "crisis_danger", message.get(TEXT)
        assert message.get(INTENT)["name"] == "crisis_danger"


def test_outside_english_the_classifiers_crisis_call_needs_the_signal_above_its_floor() -> None:
    from rasa.shared.nlu.constants import ENTITIES

    from bot.components.crisis_vector import CRISIS_VECTOR_KEY

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "other_language_signal_floor": 0.1})

    def case(text: str, language: str | None, signal: float) -> Message:
        message = _message(text, [("crisis_danger", 0.7), ("faq", 0.2), ("out_of_scope", 0.1)])
        if language:
            message.set(ENTITIES, [{"entity": "language", "value": language}])
        message.set(CRISIS_VECTOR_KEY, {"probability": signal, "intent": "crisis_danger"})
        return message

    calm_polish = case("zabiłabym teraz za porządną kawę", "pl", 0.03)
    polish_signal = case("boję się, on stoi pod drzwiami", "pl", 0.4)
    english = case("this is a calm english question", "en", 0.03)
    no_language = case("ok", None, 0.03)
    polish_rule = case("on ma nóż i grozi mi", "pl", 0.03)
    net.process([calm_polish, polish_signal, english, no_language, polish_rule])
    # Stood down: "not sure" in the person's language, not a guess and not the 999 guidance.
    assert calm_polish.get(INTENT)["name"] == "nlu_fallback"
    assert calm_polish.get(INTENT_RANKING_KEY)[0]["name"] == "nlu_fallback"
    assert calm_polish.get(SAFETY_NET_KEY) is None
    for message in (polish_signal, english, no_language, polish_rule):
        assert message.get(INTENT)["name"].startswith("crisis_"), message.get(TEXT)
    assert polish_rule.get(SAFETY_NET_KEY)["source"] == "rules"


def test_the_other_language_floor_is_off_by_default() -> None:
    from rasa.shared.nlu.constants import ENTITIES

    net = CrisisSafetyNet(CrisisSafetyNet.get_default_config())
    message = _message("zabiłabym teraz za porządną kawę", [("crisis_danger", 0.7), ("faq", 0.3)])
    message.set(ENTITIES, [{"entity": "language", "value": "pl"}])
    net.process([message])
    assert message.get(INTENT)["name"] == "crisis_danger"


def test_a_message_that_fell_back_with_a_moderate_signal_is_marked_as_a_possible_crisis() -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY
    from safety.possible_crisis import POSSIBLE_CRISIS_KEY, replies

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.75,
                           "vector_threshold_unsure": 0.5})
    unsure = _message("can someone come round without me ringing", [("nlu_fallback", 0.4), ("capabilities", 0.26)],
                      intent="nlu_fallback")
    answered = _message("how do the police keep you safe", [("faq", 0.7), ("capabilities", 0.1)])
    quiet = _message("shoot me a text", [("nlu_fallback", 0.4), ("out_of_scope", 0.3)], intent="nlu_fallback")
    for message, probability in ((unsure, 0.56), (answered, 0.6), (quiet, 0.3)):
        message.set(CRISIS_VECTOR_KEY, {"probability": probability, "intent": "crisis_cannot_speak"})
    net.process([unsure, answered, quiet])
    # The intent stays the fallback, so a form asking for free text keeps the text as its answer;
    # the fallback reply gives the guidance.
    assert unsure.get(INTENT)["name"] == "nlu_fallback"
    assert unsure.get(POSSIBLE_CRISIS_KEY) == {"intent": "crisis_cannot_speak", "probability": 0.56}
    assert replies("action_fallback", unsure.as_dict(only_output_properties=True)) == ("utter_crisis_cannot_speak",)
    assert unsure.get(SAFETY_NET_KEY) is None
    assert answered.get(INTENT)["name"] == "faq" and answered.get(POSSIBLE_CRISIS_KEY) is None
    assert quiet.get(POSSIBLE_CRISIS_KEY) is None
    assert replies("action_fallback", quiet.as_dict(only_output_properties=True)) == ("utter_fallback",)


def test_possible_crises_are_counted_apart_from_crises() -> None:
    from bot import metrics
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.75,
                           "vector_threshold_unsure": 0.5})
    before = metrics.snapshot()
    unsure = _message("can someone come round without me ringing", [("nlu_fallback", 0.4), ("greet", 0.2)],
                      intent="nlu_fallback")
    unsure.set(CRISIS_VECTOR_KEY, {"probability": 0.6, "intent": "crisis_cannot_speak"})
    net.process([unsure])
    after = metrics.snapshot()
    gained = after["possible_crises"].get("crisis_cannot_speak", 0) - before["possible_crises"].get(
        "crisis_cannot_speak", 0)
    assert gained == 1
    assert after["crises"] == before["crises"]


@pytest.mark.parametrize(
    ("ranking", "intent", "probability", "marked"),
    [
        ([("nlu_fallback", 0.4), ("out_of_scope", 0.3)], "nlu_fallback", 0.5, True),  # at the threshold
        ([("nlu_fallback", 0.4), ("out_of_scope", 0.3)], "nlu_fallback", 0.49, False),
        # RetrievalConfidenceFallback: an FAQ answer too unsure to give
        ([("nlu_fallback", 0.4), ("faq", 0.55), ("greet", 0.1)], "nlu_fallback", 0.6, True),
        # LanguageIntent gave a message that fell back the unsupported-language reply: marked, and the
        # intent kept (that reply carries our languages and interpreters)
        ([("unsupported_language", 1.0), ("nlu_fallback", 0.4), ("faq", 0.2)], "unsupported_language", 0.6,
         True),
        # "do you speak Spanish?", understood: not a fallback
        ([("unsupported_language", 0.9), ("faq", 0.05)], "unsupported_language", 0.6, False),
        # a reference code chose the reply: left alone
        ([("concern_followup", 1.0), ("nlu_fallback", 0.4)], "concern_followup", 0.6, False),
    ],
)
def test_which_messages_are_marked(ranking: list[tuple[str, float]], intent: str, probability: float,
                                   marked: bool) -> None:
    from bot.components.crisis_vector import CRISIS_VECTOR_KEY
    from safety.possible_crisis import POSSIBLE_CRISIS_KEY

    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.75,
                           "vector_threshold_unsure": 0.5, "vector_out_of_scope_veto": 0.6})
    message = _message("someone keeps coming round", ranking, intent=intent)
    message.set(CRISIS_VECTOR_KEY, {"probability": probability, "intent": "crisis_danger"})
    net.process([message])
    assert message.get(INTENT)["name"] == intent
    assert (message.get(POSSIBLE_CRISIS_KEY) is not None) is marked


def test_not_being_sure_never_raises_the_vector_threshold() -> None:
    net = CrisisSafetyNet({"promote_threshold": 0.6, "min_top_confidence": 0.5, "vector_threshold": 0.75,
                           "vector_threshold_unsure": 0.9})
    assert net.vector_threshold_unsure == 0.75
