"""SpacyNLP that skips the spaCy pipes nothing in our pipeline reads.

Rasa's own SpacyNLP disables only the parser. Our pipeline also never reads named entities (entity
recognition is off in DIET and no spaCy entity extractor is configured), yet spaCy's NER pipe was
more than half the cost of processing a message. Skipping it leaves every feature unchanged
(tokens, lemmas and vectors come from tok2vec, tagger, attribute_ruler and lemmatizer) and makes
training and every reply faster.

The class keeps the name ``SpacyNLP`` on purpose: Rasa 3.6's recipe finds the model provider for
SpacyTokenizer and SpacyFeaturizer by class *name* (``model_from="SpacyNLP"``).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel

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
    def load_model(spacy_model_name: str) -> SpacyModel:
        model = spacy_utils.SpacyNLP.load_model(spacy_model_name)
        for pipe in UNUSED_PIPES:
            if pipe in model.model.pipe_names:
                model.model.disable_pipe(pipe)
        return model
