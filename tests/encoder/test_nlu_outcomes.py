"""How the end-to-end evaluation judges each message (pure functions, no model)."""

from __future__ import annotations

import pytest

from scripts import nlu_outcomes as o


@pytest.mark.parametrize(
    ("label", "accept", "predicted", "action", "expected"),
    [
        ("faq/stalking", [], "faq/stalking", "utter_faq", "correct"),
        ("faq/stalking", ["faq/da_get_help"], "faq/da_get_help", "utter_faq", "correct"),
        ("faq/stalking", [], "faq/da_male_victim", "utter_faq", "wrong"),
        ("faq/stalking", [], "nlu_fallback", "utter_fallback", "fallback"),
        ("greet", [], "greet", "action_listen", "correct"),
        ("greet", [], "faq", "action_core_fallback", "fallback"),
        ("out_of_scope", [], "out_of_scope", "utter_out_of_scope", "declined"),
        ("out_of_scope", [], "nlu_fallback", "utter_fallback", "declined"),
        ("out_of_scope", [], "faq/antisocial_behaviour", "utter_faq", "wrong"),
        ("out_of_scope", [], "crisis_danger", "utter_crisis_danger", "false_alarm"),
        ("faq/da_get_help", [], "crisis_danger", "utter_crisis_danger", "false_alarm"),
        ("faq/rough_sleeping", ["crisis_child"], "crisis_child", "utter_crisis_child", "correct"),
        ("faq/rough_sleeping", ["crisis_child"], "faq/rough_sleeping", "utter_faq", "correct"),
        ("crisis_danger", [], "crisis_danger", "utter_crisis_danger", "correct"),
        ("crisis_danger", [], "crisis_cannot_speak", "utter_crisis_cannot_speak", "correct"),
        ("crisis_suicide", [], "nlu_fallback", "utter_fallback", "fallback"),
        ("crisis_child", [], "faq/aces_what", "utter_faq", "wrong"),
    ],
)
def test_outcome(label: str, accept: list[str], predicted: str, action: str, expected: str) -> None:
    assert o.outcome(label, accept, predicted, action)[0] == expected


def test_the_crisis_guidance_counts_even_when_the_intent_was_not_a_crisis_one() -> None:
    assert o.outcome("crisis_danger", [], "faq/da_get_help", "utter_crisis_danger") == ("correct", True)


def test_predicted_label_reads_the_chosen_faq_answer() -> None:
    parse = {"intent": {"name": "faq"},
             "response_selector": {"faq": {"response": {"intent_response_key": "faq/stalking"}}}}
    assert o.predicted_label(parse) == "faq/stalking"
    assert o.predicted_label({"intent": {"name": "greet"}}) == "greet"
    assert o.predicted_label({}) == ""


SAMPLE = [
    ({"text": "a", "label": "faq/x", "tags": ["textspeak"]}, "faq/x", None),
    ({"text": "b", "label": "faq/x", "tags": ["textspeak", "child"]}, "nlu_fallback", None),
    ({"text": "c", "label": "greet"}, "faq/y", None),
    ({"text": "d", "label": "out_of_scope", "tags": ["out_of_scope"]}, "out_of_scope", None),
    ({"text": "e", "label": "crisis_suicide", "tags": ["crisis", "child"]}, "crisis_suicide", None),
    ({"text": "f", "label": "crisis_danger", "tags": ["crisis"]}, "nlu_fallback", None),
    ({"text": "g", "label": "out_of_scope", "tags": ["everyday_danger"]}, "crisis_danger", None),
]


def _judged() -> list[o.Judged]:
    return [o.judge(item, predicted, action) for item, predicted, action in SAMPLE]


def test_figures_over_a_set() -> None:
    fig = o.figures(_judged())
    assert (fig.messages, fig.in_scope, fig.out_of_scope, fig.crisis) == (7, 5, 2, 2)
    assert fig.correct == pytest.approx(2 / 5)
    assert fig.fallback == pytest.approx(2 / 5)
    assert fig.wrong == pytest.approx(1 / 7)
    assert fig.declined == pytest.approx(1 / 2)
    assert fig.crisis_recall == pytest.approx(1 / 2)
    assert fig.false_alarms == pytest.approx(1 / 5)


def test_figures_per_tag() -> None:
    tags = o.by_tag(_judged())
    assert tags["child"].messages == 2
    assert tags["child"].crisis_recall == 1.0
    assert tags["textspeak"].correct == pytest.approx(0.5)
    assert tags["everyday_danger"].counts["false_alarm"] == 1


def test_gates() -> None:
    fig = o.figures(_judged())
    failures = o.gate_failures(fig, min_correct=0.9, max_wrong=0.03, min_crisis_recall=1.0)
    assert len(failures) == 3
    assert o.gate_failures(fig, None, None, None) == []
    perfect = o.figures([o.judge({"text": "x", "label": "crisis_child"}, "crisis_child")])
    assert o.gate_failures(perfect, 0.9, 0.03, 1.0) == []


def test_the_false_alarm_gate() -> None:
    fig = o.figures(_judged())
    assert fig.false_alarms > 0
    assert o.gate_failures(fig, None, None, None, max_false_alarms=fig.false_alarms) == []
    failures = o.gate_failures(fig, None, None, None, max_false_alarms=fig.false_alarms - 0.001)
    assert len(failures) == 1 and failures[0].startswith("false alarms")


def test_the_table_has_a_row_per_tag() -> None:
    text = o.table(o.figures(_judged()), o.by_tag(_judged()))
    assert text.splitlines()[1].startswith("ALL")
    assert any(line.startswith("child") for line in text.splitlines())


def test_not_crisis_is_judged_as_out_of_scope() -> None:
    declined = o.judge({"text": "this traffic is killing me", "label": "not_crisis"}, "out_of_scope")
    alarm = o.judge({"text": "this traffic is killing me", "label": "not_crisis"}, "crisis_danger")
    answered = o.judge({"text": "this traffic is killing me", "label": "not_crisis"}, "faq/spiking")
    assert (declined.label, declined.outcome) == ("out_of_scope", "declined")
    assert alarm.outcome == "false_alarm"
    assert answered.outcome == "wrong"


def test_the_layer_that_gave_the_crisis_guidance() -> None:
    assert o.crisis_layer({"safety_net": {"intent": "crisis_danger", "source": "rules"}}) == "rules"
    assert o.crisis_layer({"possible_crisis": {"intent": "crisis_child", "probability": 0.6}}) == "possible"
    assert o.crisis_layer({"intent": {"name": "crisis_danger", "confidence": 0.45}}) == "intent"
    assert o.crisis_layer({"intent": {"name": "faq"}}) is None


def test_crises_and_false_alarms_counted_by_layer() -> None:
    judged = [
        o.judge({"text": "a", "label": "crisis_danger"}, "crisis_danger", "utter_crisis_danger", "rules"),
        o.judge({"text": "b", "label": "crisis_child"}, "nlu_fallback", "utter_crisis_child", "possible"),
        o.judge({"text": "c", "label": "not_crisis"}, "crisis_danger", "utter_crisis_danger", "classifier"),
        o.judge({"text": "d", "label": "faq/stalking"}, "faq/stalking", "utter_faq", "vector"),  # no guidance given
        o.judge({"text": "e", "label": "crisis_suicide"}, "faq/aces_what", "utter_faq", None),  # missed
    ]
    assert o.by_layer(judged) == {"crises caught": {"rules": 1, "possible": 1}, "false alarms": {"classifier": 1}}
