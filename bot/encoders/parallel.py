"""Encode many texts in several processes: for training, where thousands of texts wait at once.

The encoder runs on one thread (``bot.encoders.e5``: a server must not take every core for one
message), so featurising the training data used one core for about two minutes while the other
stood idle. Here each worker process loads its own one-thread encoder, self-check included, and
encodes a share of the texts. The vectors are the same, bit for bit, as one process would give
(``tests/encoder/test_parallel.py``): every text is still encoded on its own, on one thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

import numpy as np

#: Below this many texts, starting worker processes (each loads the encoder) costs more than it saves.
MIN_TEXTS_PER_PROCESS = 200

_worker_encoder = None


def _start_worker(name: str) -> None:
    global _worker_encoder
    from bot.encoders import load_encoder

    _worker_encoder = load_encoder(name)


def _encode_chunk(texts: list[str]) -> np.ndarray:
    assert _worker_encoder is not None, "worker started without its encoder"
    return _worker_encoder.encode(texts)


def default_processes() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worth_parallel(count: int, processes: int) -> bool:
    return processes > 1 and count >= MIN_TEXTS_PER_PROCESS * 2


def encode_in_processes(name: str, texts: Sequence[str], processes: int) -> np.ndarray:
    """The encoder ``name``'s vectors for ``texts``, computed by ``processes`` worker processes.

    Workers are spawned, not forked: the parent may hold TensorFlow's and OpenMP's threads, which a
    fork would copy in an unusable state. An encoder that fails its self-check in a worker raises
    here, as it would in one process.
    """
    texts = list(texts)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    processes = max(1, min(processes, len(texts)))
    # Interleaved shares: texts of similar length sit together in training data, so slices would
    # give one worker all the long answers.
    shares = [texts[index::processes] for index in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start_worker, initargs=(name,)) as pool:
        results = pool.map(_encode_chunk, shares)
    vectors = np.empty((len(texts), results[0].shape[1]), dtype=np.float32)
    for index, result in enumerate(results):
        vectors[index::processes] = result
    return vectors
