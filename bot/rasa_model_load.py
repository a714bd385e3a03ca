"""Load a trained Rasa model faster for serving: the same model, three steps less work.

Used only by ``python -m bot rasa run``; training, fine-tuning and the evaluation scripts keep
Rasa's loading. ``tests/test_rasa_model_load.py`` loads the real model both ways and requires the
same intent and answer rankings, confidences included, and the same domain.

1. **Classifiers without a training step.** Rasa 3.6's ``RasaModel.load`` builds a classifier's
   variables by running ``fit`` on one example: it traces the whole training graph (gradients and
   all), creates the Adam optimizer's two slot variables for every weight (tens of millions of
   numbers for the sparse layers here), and then reads those slots back from the checkpoint,
   although serving never trains. Here the variables are built by one *eager* prediction (nothing
   traced), the weights are read (the optimizer's part of the checkpoint is left unread), and the
   prediction function is traced once, with the real weights.
2. **The archive read once, while Rasa imports.** Rasa checks the archive's members (``tarsafe``)
   in one pass over the gzip stream and extracts them in another. ``extract_archive`` reads it
   once, as a stream, with Python's ``data`` extraction filter, which refuses the same things:
   members outside the target folder, links pointing out of it, and device files. ``prefetch``
   starts that extraction in a thread before Rasa and TensorFlow are imported (decompression
   releases the GIL, so it runs on the second core); Rasa's extraction then only moves the files.
3. **Each prediction called flat.** A ``tf.function`` call matches its arguments against the
   function's signature every time (about 0.4 ms per classifier per message here, as much as the
   network itself); the prediction step has one fixed signature, so the traced graph is called
   directly with the flattened batch (``FlatPrediction``).
4. **The domain parsed once.** The model carries its domain twice: in ``metadata.json`` (read
   first, a fast JSON parse) and as ``domain.yml`` for the graph's domain provider, which Rasa
   parses again with a pure-Python YAML parser (about 2.3 s for our seven-language domain). Both
   are written from the same domain at training time, so the provider is given the metadata's.
"""

from __future__ import annotations

import logging
import shutil
import tarfile
import tempfile
import threading
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: The attribute under which a model storage carries the domain read from its metadata.
_DOMAIN_ATTRIBUTE = "_ssgp_metadata_domain"


def _load_for_serving(original: Any) -> Any:
    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode or predict_data_example is None:
            return original.__func__(cls, model_file_name, model_data_example, predict_data_example,
                                     finetune_mode, *args, **kwargs)
        model = cls(*args, **kwargs)
        # One eager prediction creates every variable the prediction graph needs; tracing it now
        # would be wasted, because the trace must be made again once the real weights are in.
        run_eagerly = model._run_eagerly
        model._run_eagerly = True
        model.run_inference(predict_data_example)
        model._run_eagerly = run_eagerly
        model.load_weights(model_file_name).expect_partial()
        # Label embeddings computed with the initial weights must be computed again, and the
        # traced prediction function holds them as constants, so it is traced after the load.
        model.prepared_for_prediction = False
        model._tf_predict_step = _prediction_function(model, predict_data_example)
        model.run_inference(predict_data_example)
        logger.debug("Loaded %s for serving (no training step).", cls.__name__)
        return model

    return classmethod(load)


def _prediction_function(model: Any, predict_data_example: Any) -> Any:
    """Rasa's traced prediction step, traced without AutoGraph.

    AutoGraph rewrites Python control flow on tensors into graph ops by converting the source of
    every function it meets, about 2 s per classifier here. Rasa's prediction step branches only on
    Python values (its configuration and the shapes of the features), so there is nothing for it to
    convert: a tensor used as a Python condition would fail the trace, not change an answer.
    """
    import tensorflow as tf
    from rasa.utils.train_utils import create_data_generators

    generator, _ = create_data_generators(model_data=predict_data_example, batch_sizes=1, epochs=1,
                                          shuffle=False)
    batch_in = next(iter(generator))[0]
    function = tf.function(model.predict_step, input_signature=model._dynamic_signature(batch_in),
                           autograph=False)
    return FlatPrediction.wrap(function)


class FlatPrediction:
    """A traced prediction step called with its flattened inputs, skipping ``tf.function``'s
    per-call matching of the arguments against the signature. Same graph, same outputs.

    The first call goes through the ``tf.function``, which traces it then: the trace holds the
    label embeddings as constants, and Rasa computes them (``prepare_for_predict``) just before
    that first call, after the weights are read. Later calls use that same trace, flat.
    """

    def __init__(self, function: Any) -> None:
        self.function = function
        self.concrete: Any = None
        self.dtypes: list[Any] = []
        self.traced = False

    @classmethod
    def wrap(cls, function: Any) -> Any:
        """``FlatPrediction(function)``, or ``function`` itself if this TensorFlow lacks the hooks."""
        return cls(function) if callable(getattr(function, "get_concrete_function", None)) else function

    def __call__(self, batch_in: Any) -> Any:
        import tensorflow as tf

        if not self.traced:
            outputs = self.function(batch_in)
            self.traced = True
            concrete = self.function.get_concrete_function()
            if callable(getattr(concrete, "_call_flat", None)):  # else: a TensorFlow we have not checked
                self.dtypes = [spec.dtype for spec in tf.nest.flatten(concrete.structured_input_signature,
                                                                      expand_composites=True)]
                self.concrete = concrete
            return outputs
        values = tf.nest.flatten(batch_in, expand_composites=True)
        if self.concrete is None or len(values) != len(self.dtypes):
            return self.function(batch_in)  # unchecked TensorFlow, or a batch of another shape: as before
        tensors = [tf.convert_to_tensor(value, dtype=dtype) for value, dtype in zip(values, self.dtypes, strict=True)]
        return self.concrete._call_flat(tensors, self.concrete.captured_inputs)


def _extract(model_archive_path: str | Path, directory: Path) -> None:
    with tarfile.open(model_archive_path, mode="r|gz") as tar:
        tar.extractall(directory, filter="data")


class _Prefetch:
    """One archive being extracted in a background thread into a private temporary folder."""

    def __init__(self, archive: Path) -> None:
        self.archive = archive
        self.folder = Path(tempfile.mkdtemp(prefix="ssgp-model-"))
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="model-prefetch", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            _extract(self.archive, self.folder)
        except BaseException as exc:  # noqa: BLE001 - reported by take(), which extracts again
            self.error = exc

    def take(self, archive: Path, directory: Path) -> bool:
        """Move the extracted files into ``directory``; False if this is not that archive or it failed."""
        self.thread.join()
        try:
            if self.error is not None or archive != self.archive:
                return False
            for child in self.folder.iterdir():
                shutil.move(str(child), str(directory / child.name))
            return True
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


_prefetched: _Prefetch | None = None


def prefetch(model_archive_path: str | Path) -> None:
    """Start extracting the archive the server will load (``python -m bot rasa run --model``)."""
    global _prefetched
    archive = Path(model_archive_path).resolve()
    if _prefetched is None and archive.is_file():
        _prefetched = _Prefetch(archive)


def extract_archive(model_archive_path: str | Path, directory: Path) -> None:
    """Extract a model archive in one pass; refuse members that would land outside ``directory``."""
    global _prefetched
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    prefetched, _prefetched = _prefetched, None
    if prefetched is None or not prefetched.take(Path(model_archive_path).resolve(), directory):
        _extract(model_archive_path, directory)
    LocalModelStorage._assert_not_rasa2_archive(directory)


def _from_model_archive_keeping_domain(original: Any) -> Any:
    def from_model_archive(cls: Any, storage_path: Path, model_archive_path: str | Path) -> Any:
        storage, metadata = original.__func__(cls, storage_path, model_archive_path)
        setattr(storage, _DOMAIN_ATTRIBUTE, metadata.domain)
        return storage, metadata

    return classmethod(from_model_archive)


def _domain_provider_load(original: Any) -> Any:
    def load(cls: Any, config: dict, model_storage: Any, resource: Any, execution_context: Any,
             **kwargs: Any) -> Any:
        domain = getattr(model_storage, _DOMAIN_ATTRIBUTE, None)
        if domain is None:  # a storage not opened from an archive by Rasa: Rasa's own load
            return original.__func__(cls, config, model_storage, resource, execution_context, **kwargs)
        return cls(model_storage, resource, domain)

    return classmethod(load)


def _replace_classmethod(owner: type, name: str, wrap: Any) -> bool:
    original = owner.__dict__.get(name)
    if not isinstance(original, classmethod) or getattr(original.__func__, "_ssgp_serving", False):
        return False
    patched = wrap(original)
    patched.__func__._ssgp_serving = True
    setattr(owner, name, patched)
    return True


def install() -> bool:
    """Install all three; False (and no further change) if this Rasa lacks a hook or it is done."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.graph_components.providers.domain_provider import DomainProvider
    from rasa.utils.tensorflow.models import RasaModel

    if not isinstance(LocalModelStorage.__dict__.get("_extract_archive_to_directory"), staticmethod):
        return False
    if not _replace_classmethod(RasaModel, "load", _load_for_serving):
        return False
    LocalModelStorage._extract_archive_to_directory = staticmethod(extract_archive)  # type: ignore[method-assign]
    _replace_classmethod(LocalModelStorage, "from_model_archive", _from_model_archive_keeping_domain)
    _replace_classmethod(DomainProvider, "load", _domain_provider_load)
    return True
