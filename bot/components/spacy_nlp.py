"""SpacyNLP that skips the spaCy pipes nothing in our pipeline reads, and repeated texts.

Rasa's own SpacyNLP disables only the parser. Our pipeline also never reads named entities (entity
recognition is off in DIET and no spaCy entity extractor is configured), yet spaCy's NER pipe was
more than half the cost of processing a message. Skipping it leaves every feature unchanged
(tokens, lemmas and vectors come from tok2vec, tagger, attribute_ruler and lemmatizer) and makes
training and every reply faster.

In training it also runs spaCy once per distinct text. Every FAQ example carries the text of its
answer, so about 1,050 answer texts, the longest texts in the data, are about 30 distinct ones;
each was parsed again for every example that carries it.

The class keeps the name ``SpacyNLP`` on purpose: Rasa 3.6's recipe finds the model provider for
SpacyTokenizer and SpacyFeaturizer by class *name* (``model_from="SpacyNLP"``).
"""

from __future__ import annotations

import functools

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from spacy.language import Language
from spacy.tokens import Doc

#: spaCy pipes whose output no component in config.yml uses.
UNUSED_PIPES = ("parser", "ner", "senter")


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Rasa's SpacyNLP, loading the model with the unused pipes disabled."""

    @staticmethod
    @functools.lru_cache(maxsize=2)
    def load_model(spacy_model_name: str) -> SpacyModel:
        # Cached: Rasa's graph has two nodes built from this class (the model provider and the
        # message processor), and each loaded the whole model again, about 2 s of every start.
        model = spacy_utils.SpacyNLP.load_model(spacy_model_name)
        for pipe in UNUSED_PIPES:
            if pipe in model.model.pipe_names:
                model.model.disable_pipe(pipe)
        return model

    @staticmethod
    def _process_content_bearing_samples(
        model: Language, samples_to_pipe: list[tuple[int, str]]
    ) -> list[tuple[int, Doc]]:
        """Rasa's version, with each distinct text parsed once and its doc shared."""
        distinct = list(dict.fromkeys(text for _, text in samples_to_pipe))
        docs = dict(zip(distinct, model.pipe(distinct, batch_size=50), strict=True))
        return [(index, docs[text]) for index, text in samples_to_pipe]
