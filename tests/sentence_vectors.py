"""Messages featurised with the real sentence encoder, as the pipeline leaves them for the
classifiers on the sentence vector (tests of CrisisVectorSignal, VectorIntentModel and VectorIntentBlend)."""

from __future__ import annotations

import numpy as np
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

_VECTORS: dict[str, np.ndarray] = {}  # test texts only: the tests reuse them, and encoding costs 20-35 ms


def encoded_messages(pairs: list[tuple[str, str | None]]) -> list[Message]:
    """One message per (text, label); a label ``faq/<answer>`` sets the intent and the answer."""
    from bot.components.sentence_encoder import shared_encoder

    new = [text for text in dict.fromkeys(text for text, _ in pairs) if text not in _VECTORS]
    if new:
        _VECTORS.update(zip(new, shared_encoder("multilingual-e5-small-q4").encode(new), strict=True))
    vectors = [_VECTORS[text] for text, _ in pairs]
    out = []
    for (text, label), vector in zip(pairs, vectors, strict=True):
        data: dict = {TEXT: text}
        if label:
            data[INTENT] = label.partition("/")[0]
            if "/" in label:
                data[INTENT_RESPONSE_KEY] = label
        message = Message(data)
        # The featuriser's scale (config.yml); the classifiers bring vectors back to unit length.
        message.add_features(Features(20.0 * vector.reshape(1, -1), "sentence", TEXT, "encoder"))
        out.append(message)
    return out
