"""What the classifiers on the sentence vector share: the message's unit vector, and linear weights.

``CrisisVectorSignal`` and ``VectorIntentModel`` each fit a logistic regression on the multilingual
sentence encoder's vector. Their weights are kept as plain JSON numbers, so a model never holds a
pickle.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


def unit_sentence_vector(message: Message) -> np.ndarray | None:
    """The message's sentence-encoder vector, back to unit length (the featuriser scales it)."""
    _, sentence = message.get_dense_features(TEXT)
    if sentence is None:
        return None
    vector = np.asarray(sentence.features, dtype=np.float64).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else None


class Linear:
    """A fitted linear classifier's numbers: plain arrays, so the model never holds a pickle."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.coef, self.intercept, self.classes = coef, intercept, classes

    def scores(self, vector: np.ndarray) -> np.ndarray:
        return self.coef @ vector + self.intercept

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        """Softmax over the classes, as scikit-learn's multinomial ``predict_proba`` gives them."""
        scores = self.scores(vector)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def as_dict(self) -> dict[str, Any]:
        return {"coef": self.coef.tolist(), "intercept": self.intercept.tolist(), "classes": self.classes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Linear:
        return cls(np.asarray(data["coef"], dtype=np.float64), np.asarray(data["intercept"], dtype=np.float64),
                   list(data["classes"]))


def labelled_vectors(training_data: TrainingData, full_labels: bool = False) -> tuple[np.ndarray, list[str]]:
    """Unit vectors of the intent examples that have one, with their intents (``faq/<answer>`` if
    ``full_labels``)."""
    rows, labels = [], []
    for example in training_data.intent_examples:
        vector = unit_sentence_vector(example)
        if vector is not None:
            rows.append(vector)
            labels.append(str(example.get_full_intent() if full_labels else example.get(INTENT)))
    return np.array(rows), labels


def save_weights(model_storage: ModelStorage, resource: Resource, filename: str, data: dict[str, Any]) -> None:
    with model_storage.write_to(resource) as folder:
        (folder / filename).write_text(json.dumps(data))


def load_weights(model_storage: ModelStorage, resource: Resource, filename: str) -> dict[str, Any]:
    with model_storage.read_from(resource) as folder:
        return dict(json.loads((folder / filename).read_text()))
