"""Cache sentence encodings of public texts only, so that no resident's words stay in memory.

Encoding a message costs the encoder 20-35 ms of CPU, and people send "yes", "hi" and "thanks" again
and again, so repeated texts are worth caching. A cache keyed by whatever people type, though,
would keep up to thousands of their messages in each worker's memory after the conversation has
expired, been forgotten ("Exit this page", "Start again") or had a concern's free text scrubbed.
So only texts known to be public are cached: the training examples, which are in this repository.
They are recognised by a digest made when the model is trained (``digest``), so the model carries
no text. Any other text is encoded and not kept.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np

from bot.encoders import SentenceEncoder

DIGEST_BYTES = 16


def digest(text: str) -> bytes:
    """A fixed-size fingerprint of a public text (what the model stores instead of the text)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST_BYTES).digest()


def pack_digests(texts: Iterable[str]) -> bytes:
    """The sorted digests of ``texts`` as one byte string (for the model's storage)."""
    return b"".join(sorted({digest(text) for text in texts}))


def unpack_digests(data: bytes) -> frozenset[bytes]:
    if len(data) % DIGEST_BYTES:
        raise ValueError(f"public text digests: {len(data)} bytes is not a whole number of digests")
    return frozenset(data[index : index + DIGEST_BYTES] for index in range(0, len(data), DIGEST_BYTES))


class PublicTextCache:
    """A :class:`SentenceEncoder` that remembers the encodings of public texts, and of nothing else."""

    def __init__(self, encoder: SentenceEncoder, public: frozenset[bytes], max_size: int = 4096) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        self.public = public
        self.max_size = max_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._cache)

    def _encode_one(self, text: str) -> np.ndarray:
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            self.hits += 1
            return cached
        self.misses += 1
        vector = self.encoder.encode([text])[0]
        if self.max_size > 0 and digest(text) in self.public:
            vector.setflags(write=False)  # shared between callers through the cache
            self._cache[text] = vector
            if len(self._cache) > self.max_size:
                self._cache.popitem(last=False)
        return vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._encode_one(text) for text in texts])
