"""SpacyNLP that runs only the spaCy pipes config.yml names (``pipes``), and skips repeated texts.

Rasa's own SpacyNLP disables only the parser. Our pipeline never reads named entities (entity
recognition is off in DIET and no spaCy entity extractor is configured), so the parser, NER and
sentence pipes never run. By default the pipes that make lemmas still run (tok2vec, tagger,
attribute_ruler, lemmatizer), because Rasa's count featurisers count lemmas. ``pipes: []`` runs the
tokeniser alone: each token's lemma is then its lower-cased text, and a message costs spaCy about
0.01 ms of CPU instead of 1.2 ms (docs/README-bench.md).

In training it also runs spaCy once per distinct text. Every FAQ example carries the text of its
answer, so about 1,050 answer texts, the longest texts in the data, are about 30 distinct ones;
each was parsed again for every example that carries it.

The class keeps the name ``SpacyNLP`` on purpose: Rasa 3.6's recipe finds the model provider for
SpacyTokenizer and SpacyFeaturizer by class *name* (``model_from="SpacyNLP"``).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from spacy.language import Language
from spacy.tokens import Doc

#: spaCy pipes whose output no component in config.yml uses.
UNUSED_PIPES = ("parser", "ner", "senter")
#: The pipes that run unless config.yml's ``pipes`` names others: those that make lemmas.
LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


@dataclasses.dataclass
class SpacyPipesModel(SpacyModel):
    """Rasa's SpacyModel, whose fingerprint also names the pipes that run.

    Rasa fingerprints a spaCy model by its name alone, so its training cache would reuse tokens
    made with other pipes (other lemmas) after ``pipes`` changes.
    """

    pipes: tuple[str, ...] = LEMMA_PIPES

    def fingerprint(self) -> str:
        return f"{self.model_name} pipes={','.join(self.pipes)}"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Rasa's SpacyNLP, loading the model with only the configured pipes enabled."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**spacy_utils.SpacyNLP.get_default_config(), "pipes": list(LEMMA_PIPES)}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyNLP:
        config = {**cls.get_default_config(), **config}
        model = cls.load_model(config.get("model"), tuple(config["pipes"]))
        cls.ensure_proper_language_model(model.model)
        return cls(model, config)

    @staticmethod
    @functools.lru_cache(maxsize=4)
    def load_model(spacy_model_name: str, pipes: tuple[str, ...] = LEMMA_PIPES) -> SpacyPipesModel:
        # Cached: Rasa's graph has two nodes built from this class (the model provider and the
        # message processor), and each loaded the whole model again, about 2 s of every start.
        loaded = spacy_utils.SpacyNLP.load_model(spacy_model_name)
        unknown = set(pipes) - set(loaded.model.pipe_names)
        if unknown:
            raise ValueError(f"spaCy model {spacy_model_name} has no pipe {sorted(unknown)}")
        for pipe in loaded.model.pipe_names:
            if pipe not in pipes:
                loaded.model.disable_pipe(pipe)
        return SpacyPipesModel(model=loaded.model, model_name=loaded.model_name, pipes=tuple(pipes))

    @staticmethod
    def _process_content_bearing_samples(
        model: Language, samples_to_pipe: list[tuple[int, str]]
    ) -> list[tuple[int, Doc]]:
        """Rasa's version, with each distinct text parsed once and its doc shared."""
        distinct = list(dict.fromkeys(text for _, text in samples_to_pipe))
        docs = dict(zip(distinct, model.pipe(distinct, batch_size=50), strict=True))
        return [(index, docs[text]) for index, text in samples_to_pipe]
