"""The threshold sweep reruns the real threshold components on stored parses (no model)."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from scripts.tune_thresholds import apply, configured_thresholds, sweep

SETTING = {"fallback_threshold": 0.5, "ambiguity_threshold": 0.05, "retrieval_threshold": 0.4,
           "min_top_confidence": 0.4, "promote_threshold": 0.6}


def _parse(text: str, intent: str, confidence: float, second: str, second_conf: float,
           answer: str = "faq/da_get_help", answer_conf: float = 0.9) -> Message:
    return Message(data={
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}, {"name": second, "confidence": second_conf}],
        "response_selector": {"faq": {"response": {"intent_response_key": answer, "confidence": answer_conf}}},
    })


def test_thresholds_decide_between_an_answer_and_a_fallback() -> None:
    raw = [_parse("where can i get help", "faq", 0.7, "greet", 0.1, answer_conf=0.45)]
    assert apply(raw, SETTING) == ["faq/da_get_help"]
    assert apply(raw, {**SETTING, "retrieval_threshold": 0.5}) == ["nlu_fallback"]
    assert apply(raw, {**SETTING, "fallback_threshold": 0.75}) == ["nlu_fallback"]
    assert raw[0].data["intent"]["name"] == "faq"  # the stored parse is never changed


def test_the_safety_net_promotes_a_crisis_ranked_second_from_its_threshold() -> None:
    raw = [_parse("he keeps shouting", "faq", 0.35, "crisis_danger", 0.55)]
    assert apply(raw, {**SETTING, "promote_threshold": 0.5}) == ["crisis_danger"]
    assert apply(raw, {**SETTING, "promote_threshold": 0.6}) == ["nlu_fallback"]


def test_the_sweep_puts_crisis_recall_first() -> None:
    raw = [_parse("he keeps shouting", "faq", 0.35, "crisis_danger", 0.55)]
    items = [{"text": "he keeps shouting", "label": "crisis_danger"}]
    grid = {k: [v] for k, v in SETTING.items()} | {"promote_threshold": [0.5, 0.6, 0.7]}
    best = sweep(raw, items, grid)[0]
    assert best.setting["promote_threshold"] == 0.5
    assert best.figures.crisis_recall == 1.0


def test_it_reads_the_configured_thresholds() -> None:
    assert set(configured_thresholds()) == set(SETTING)
