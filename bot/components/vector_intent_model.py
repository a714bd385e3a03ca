"""VectorIntentModel: a logistic regression on the sentence vector alone, over every full label.

One label per FAQ answer (``faq/<answer>``) and one per other intent, learnt from the multilingual
sentence encoder's vector of each training example, so a paraphrase or another language is placed
by meaning rather than by the words it shares with the examples. It decides nothing: at run time
it records its probability for every label on the message (``VECTOR_INTENT_KEY``, not in the parse
output), and ``VectorIntentBlend``, after DIET and the ResponseSelector, blends them with DIET's.

It sits before ``VectorOnlyExamples``, so it also learns from the examples marked
``intent_vector_only`` (data/nlu/voices.yml), which DIET never sees; the crisis signal's own
examples (``crisis_signal_only``) are left out, as they were written to tell crisis from not.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import SentenceEncoderFeaturizer
from bot.components.sentence_vector import Linear, labelled_vectors, load_weights, save_weights, unit_sentence_vector
from bot.components.unique_examples import keep_examples
from bot.components.vector_only_examples import is_signal_only

#: Where the probabilities are recorded on a message (read by ``VectorIntentBlend``).
VECTOR_INTENT_KEY = "vector_intent_probabilities"
_WEIGHTS_FILE = "vector_intent_model.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class VectorIntentModel(GraphComponent):
    """Records P(label) for every full label, from the sentence vector alone."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [SentenceEncoderFeaturizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C chosen with the blend's weight and the fallback thresholds on the validation batches.
        return {"C": 128.0}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 linear: Linear | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.linear = linear

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> VectorIntentModel:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        own = keep_examples(training_data, lambda example: not is_signal_only(example))
        features, labels = labelled_vectors(own, full_labels=True)
        if len(set(labels)) < 2:
            raise ValueError("VectorIntentModel needs examples of at least two intents")
        fitted = LogisticRegression(C=self.config["C"], max_iter=5000).fit(features, labels)
        self.linear = Linear(fitted.coef_, fitted.intercept_, [str(c) for c in fitted.classes_])
        save_weights(self._model_storage, self._resource, _WEIGHTS_FILE, self.linear.as_dict())
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> VectorIntentModel:
        weights = load_weights(model_storage, resource, _WEIGHTS_FILE)
        return cls(config, model_storage, resource, Linear.from_dict(weights))

    def probabilities(self, message: Message) -> dict[str, float] | None:
        vector = unit_sentence_vector(message)
        if vector is None or self.linear is None:
            return None
        found = self.linear.probabilities(vector)
        return {label: float(p) for label, p in zip(self.linear.classes, found, strict=True)}

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = self.probabilities(message)
            if found is not None:
                message.set(VECTOR_INTENT_KEY, found)
        return messages
