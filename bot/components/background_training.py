"""Train a classifier in a process of its own while the training graph goes on.

Rasa 3.6 runs a training graph's nodes one after another (``dask.get``, the synchronous
scheduler), so DIET and the ResponseSelector, which need nothing from each other, trained in
turn: about 90 s each, each keeping 1.3-1.4 of this machine's 2 cores busy (docs/README-nlu.md).
With ``enable()`` (called by ``python -m bot.train`` only), a component with this mixin hands its
``train`` to a spawned process and returns its resource at once; that process builds the same
component from the same config and trains and persists it into the same model storage. The graph
goes on, so the two classifiers train side by side, and ``wait_for_all()`` joins them before
Rasa packs the model archive: a failure in either fails the training.

Without ``enable()`` (``rasa train``, tests, finetuning) ``train`` runs here, as Rasa's does. A
spawned process starts from a fresh interpreter, so it trains in place too: nothing nests.
"""

from __future__ import annotations

import copy
import logging
import multiprocessing
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

#: Classifiers that may train at once, each in its own process (DIET and the ResponseSelector).
PROCESSES = 2

_pool: ProcessPoolExecutor | None = None
_pending: list[tuple[str, Future]] = []


class BackgroundTrainingFailed(RuntimeError):
    """A classifier trained in its own process did not finish; the model must not be packed."""


def _start_trainer() -> None:
    """Each trainer process imports Rasa's classifiers (and TensorFlow) while the graph's first,
    one-core steps run, not when its classifier is handed over."""
    from rasa.nlu.classifiers import diet_classifier  # noqa: F401
    from rasa.nlu.selectors import response_selector  # noqa: F401


def _ready() -> None:
    """A no-op task: submitting it makes the pool start its processes."""


def enable(processes: int = PROCESSES) -> None:
    """Start the trainer processes; components with the mixin then train there (the caller must
    ``wait_for_all`` before anything reads what they persist)."""
    global _pool
    if _pool is not None:
        return
    _pool = ProcessPoolExecutor(
        max_workers=processes,
        # Spawned, not forked: this process will hold TensorFlow's threads, which a fork copies broken.
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_trainer,
    )
    for _ in range(processes):
        _pool.submit(_ready)  # start them now, so their imports overlap the graph's first steps


def enabled() -> bool:
    return _pool is not None


def shutdown() -> None:
    """Wait for what is training, then stop the trainer processes (``enable`` starts them again)."""
    global _pool
    try:
        wait_for_all()
    finally:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def abandon() -> None:
    """Stop the trainer processes now, whatever they are doing: the training failed elsewhere and
    nothing will be packed. (Python's exit would otherwise wait for their work to finish.)"""
    global _pool
    if _pool is None:
        return
    for process in list(getattr(_pool, "_processes", {}).values()):
        process.kill()  # SIGKILL: a handler in the process may catch SIGTERM, and nothing there is kept
    _pool.shutdown(wait=False, cancel_futures=True)
    _pool = None
    _pending.clear()


def wait_for_all() -> None:
    """Wait for every classifier training in its own process; raise if any of them failed."""
    failed: list[str] = []
    while _pending:
        name, future = _pending.pop(0)
        try:
            future.result()
        except Exception as error:  # noqa: BLE001 - any failure there means no model here
            failed.append(f"{name}: {type(error).__name__}: {error}")
    if failed:
        raise BackgroundTrainingFailed("training failed in its own process: " + "; ".join(failed))


_SPACY_DOC_KEYS = frozenset(SPACY_DOCS.values())


def _without_spacy_docs(message: Message) -> Message:
    light = copy.copy(message)
    light.data = {key: value for key, value in message.data.items() if key not in _SPACY_DOC_KEYS}
    return light


def for_trainer(training_data: TrainingData) -> TrainingData:
    """What a trainer process is sent: the training data without spaCy's parsed documents.

    The classifiers read tokens and features, never the documents, yet the documents were most of
    what was pickled to each trainer process and read back there (about 75 MB for the training
    data here; docs/README-bench.md). The graph's own training data is left as it was.
    """
    light = copy.copy(training_data)
    for name in [name for name in vars(light) if name.startswith("_lazy_")]:
        delattr(light, name)  # cached example lists: they would carry the documents along
    light.training_examples = [_without_spacy_docs(message) for message in training_data.training_examples]
    return light


def _train_here(
    component_class: type,
    config: dict[str, Any],
    model_storage: ModelStorage,
    resource: Resource,
    execution_context: ExecutionContext,
    training_data: TrainingData,
) -> None:
    """In a trainer process: the same component, trained and persisted as Rasa would in the graph."""
    component = component_class.create(config, model_storage, resource, execution_context)
    started = time.monotonic()
    super(TrainsInBackground, component).train(training_data)
    logger.info("%s trained in its own process in %.0f s", execution_context.node_name, time.monotonic() - started)


class TrainsInBackground:
    """Mixin for a trainable Rasa component whose ``train(training_data)`` returns its resource."""

    _creation: tuple[dict[str, Any], ModelStorage, Resource, ExecutionContext]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Any:
        component = super().create(config, model_storage, resource, execution_context, **kwargs)  # type: ignore[misc]
        # The config as the graph gave it: the component may rewrite its own copy while it starts.
        component._creation = (dict(config), model_storage, resource, execution_context)
        return component

    def train(self, training_data: TrainingData) -> Resource:
        config, model_storage, resource, execution_context = self._creation
        if _pool is None or execution_context.is_finetuning:
            return super().train(training_data)  # type: ignore[misc]
        future = _pool.submit(
            _train_here, type(self), config, model_storage, resource, execution_context, for_trainer(training_data)
        )
        _pending.append((execution_context.node_name, future))
        return resource
