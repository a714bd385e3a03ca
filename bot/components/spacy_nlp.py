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

spaCy 3.7 adds every word it meets to the pipeline's string table and keeps it there, so a
long-running worker would hold every name and street residents had typed. Each pipeline is therefore
reloaded from disk (``FreshVocabulary``) once it has parsed anything and ``CONVERSATION_TTL_SECONDS``
has passed: a word is kept no longer than the conversation it came in. The reload runs on a
background thread (about 2.5 s of CPU, and a second copy of the pipeline, about 240 MB, while it loads).

The class keeps the name ``SpacyNLP`` on purpose: Rasa 3.6's recipe finds the model provider for
SpacyTokenizer and SpacyFeaturizer by class *name* (``model_from="SpacyNLP"``).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from spacy.language import Language
from spacy.tokens import Doc

from ssgp_settings import get_settings

logger = logging.getLogger(__name__)

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


def _load_pipes(spacy_model_name: str, pipes: tuple[str, ...]) -> SpacyPipesModel:
    """A newly loaded pipeline with only ``pipes`` enabled."""
    loaded = spacy_utils.SpacyNLP.load_model(spacy_model_name)
    unknown = set(pipes) - set(loaded.model.pipe_names)
    if unknown:
        raise ValueError(f"spaCy model {spacy_model_name} has no pipe {sorted(unknown)}")
    for pipe in loaded.model.pipe_names:
        if pipe not in pipes:
            loaded.model.disable_pipe(pipe)
    return SpacyPipesModel(model=loaded.model, model_name=loaded.model_name, pipes=tuple(pipes))


class FreshVocabulary:
    """One spaCy pipeline, replaced by a newly loaded copy every ``lifetime`` seconds in which it was used.

    ``current()`` is what parses messages; using it starts the timer thread. A pipeline nobody used
    since the last reload is kept (nothing new in it).
    """

    def __init__(self, spacy_model_name: str, pipes: tuple[str, ...], lifetime: float) -> None:
        self.spacy_model_name = spacy_model_name
        self.pipes = pipes
        self.lifetime = lifetime
        self.reloads = 0
        self._current = _load_pipes(spacy_model_name, pipes)
        self._used = False
        self._timer: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def loaded(self) -> SpacyPipesModel:
        """The current pipeline, for inspection: not counted as use."""
        return self._current

    def current(self) -> SpacyPipesModel:
        """The pipeline to parse with; parsing with it counts as use."""
        self._used = True
        if self._timer is None and self.lifetime > 0:
            with self._lock:
                if self._timer is None:
                    self._timer = threading.Thread(target=self._run, name="spacy-vocabulary", daemon=True)
                    self._timer.start()
        return self._current

    def reload(self) -> None:
        """Swap in a newly loaded pipeline; messages already being parsed finish on the old one."""
        self._used = False  # before loading: a message parsed meanwhile counts for the next round
        self._current = _load_pipes(self.spacy_model_name, self.pipes)
        self.reloads += 1
        # The old pipeline is a web of reference cycles, long-lived by now, and a Rasa worker holds
        # millions of long-lived objects, so Python's collector would seldom get round to it: each
        # reload kept about 250 MB more (measured). Collect now, off the request path.
        gc.collect()

    def close(self) -> None:
        """Stop the timer thread (tests; a server's pipelines live as long as the process)."""
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.lifetime):
            if self._used:
                try:
                    self.reload()
                except Exception:  # keep serving on the pipeline we have
                    logger.exception("spaCy pipeline reload failed; keeping the loaded one")


#: A reload costs about 2.5 s of CPU; a much shorter conversation lifetime would keep a core busy.
MIN_LIFETIME_SECONDS = 60.0
_PIPELINES: dict[tuple[str, tuple[str, ...]], FreshVocabulary] = {}
_PIPELINES_LOCK = threading.Lock()


def pipeline(spacy_model_name: str, pipes: tuple[str, ...] = LEMMA_PIPES) -> FreshVocabulary:
    """The process's one ``FreshVocabulary`` for this model and pipes (Rasa builds two nodes from SpacyNLP)."""
    key = (spacy_model_name, tuple(pipes))
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            lifetime = max(MIN_LIFETIME_SECONDS, float(get_settings().conversation_ttl_seconds))
            _PIPELINES[key] = FreshVocabulary(spacy_model_name, key[1], lifetime)
        return _PIPELINES[key]


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

    def __init__(self, model: SpacyModel, config: dict[str, Any]) -> None:
        # Not Rasa's ``self._model``: an instance holding the pipeline would keep it, and every word
        # it parsed, alive after a reload.
        self._config = config
        pipes = model.pipes if isinstance(model, SpacyPipesModel) else LEMMA_PIPES
        self._vocabulary = pipeline(model.model_name, pipes)

    def provide(self) -> SpacyModel:
        """The current pipeline (Rasa calls this for every message)."""
        return self._vocabulary.current()

    @staticmethod
    def load_model(spacy_model_name: str, pipes: tuple[str, ...] = LEMMA_PIPES) -> SpacyPipesModel:
        # Shared: Rasa's graph has two nodes built from this class (the model provider and the
        # message processor), and each loaded the whole model again, about 2 s of every start.
        return pipeline(spacy_model_name, tuple(pipes)).loaded()

    @staticmethod
    def _process_content_bearing_samples(
        model: Language, samples_to_pipe: list[tuple[int, str]]
    ) -> list[tuple[int, Doc]]:
        """Rasa's version, with each distinct text parsed once and its doc shared."""
        distinct = list(dict.fromkeys(text for _, text in samples_to_pipe))
        docs = dict(zip(distinct, model.pipe(distinct, batch_size=50), strict=True))
        return [(index, docs[text]) for index, text in samples_to_pipe]
