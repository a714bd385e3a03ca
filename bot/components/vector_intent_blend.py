"""VectorIntentBlend: DIET's answer blended with the sentence-vector classifier's.

DIET and the ResponseSelector learn from the encoder's vector *and* from word and character
counts, and lean on the counts: a paraphrase with other words falls back ("not sure") or gets a
wrong answer. ``VectorIntentModel``, earlier in the pipeline, records a multinomial logistic
regression's probabilities on the multilingual sentence vector alone, over every full label
(``faq/<answer>`` for each FAQ answer, else the intent). This component blends the two per label:

    blended = diet_weight x DIET (intent confidence x answer confidence for FAQ answers)
              + (1 - diet_weight) x logistic regression

and sets the intent, the intent ranking and the chosen FAQ answer from it. The FallbackClassifier
and RetrievalConfidenceFallback after it then apply their thresholds to the blended confidence.

Crisis is not decided here. When DIET ranks a crisis intent first the message is left untouched,
unless the regression gives one ordinary label at least ``sure_answer``; crisis intents never win the
blend: they keep DIET's confidences, at the end of the ranking, so ``CrisisSafetyNet`` (which reads
crisis confidences, and "ranked first" only for DIET's first place) still sees them. When the
regression is that sure, the message carries ``SURE_ANSWER_KEY`` and the safety net lets its crisis
phrase rules and crisis signal, not DIET's crisis call, decide (bot/components/safety_net.py).

The model's C, the weight and the fallback thresholds were chosen together on the validation batches only,
by replaying the pipeline's outputs offline (docs/README-nlu.md has the figures).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.components.vector_intent_model import VECTOR_INTENT_KEY, VectorIntentModel
from safety.crisis_intents import is_crisis

_RANKING_LENGTH = 10
#: Set on a message (not in the parse output) when the regression is sure of one ordinary label.
SURE_ANSWER_KEY = "vector_sure_of_answer"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class VectorIntentBlend(GraphComponent):
    """Blends DIET + ResponseSelector with ``VectorIntentModel``'s probabilities."""

    @classmethod
    def required_components(cls) -> list[type]:
        # It also reads DIET's and the ResponseSelector's output; config.yml puts it after them.
        return [VectorIntentModel]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"diet_weight": 0.3, "retrieval_intent": "faq", "sure_answer": 1.01}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = {**self.get_default_config(), **config}
        self.diet_weight = float(self.config["diet_weight"])
        self.retrieval_intent = str(self.config["retrieval_intent"])
        self.sure_answer = float(self.config["sure_answer"])  # above 1: never

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> VectorIntentBlend:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def _selector(self, message: Message) -> dict[str, Any]:
        return (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(self.retrieval_intent) or {}

    def diet_labels(self, message: Message) -> dict[str, float]:
        """DIET's confidence per full label; a FAQ answer's is faq's times the answer's."""
        selector_ranking = self._selector(message).get("ranking") or []
        out: dict[str, float] = {}
        for item in message.get(INTENT_RANKING_KEY) or []:
            name, confidence = str(item.get("name")), float(item.get("confidence") or 0.0)
            if name != self.retrieval_intent:
                out[name] = out.get(name, 0.0) + confidence
                continue
            for answer in selector_ranking:
                key = answer.get("intent_response_key")
                if key:
                    out[key] = out.get(key, 0.0) + confidence * float(answer.get("confidence") or 0.0)
        return out

    def is_sure(self, message: Message) -> bool:
        """The regression gives one ordinary (non-crisis) label at least ``sure_answer``."""
        vector_p = message.get(VECTOR_INTENT_KEY) or {}
        return max((float(p) for label, p in vector_p.items() if not is_crisis(label)), default=0.0) >= self.sure_answer

    def blended(self, message: Message, sure: bool | None = None) -> dict[str, float] | None:
        """The blended confidence of every label, or None when this component must stay out."""
        vector_p = message.get(VECTOR_INTENT_KEY)
        ranking = message.get(INTENT_RANKING_KEY) or []
        if not vector_p or not ranking:
            return None
        if is_crisis(ranking[0].get("name")) and not (self.is_sure(message) if sure is None else sure):
            return None
        diet = self.diet_labels(message)
        labels = set(diet) | set(vector_p)
        weight = self.diet_weight
        return {label: weight * diet.get(label, 0.0) + (1 - weight) * float(vector_p.get(label, 0.0))
                for label in labels}

    def _process_one(self, message: Message) -> None:
        sure = self.is_sure(message)
        blend = self.blended(message, sure)
        if blend is None:
            return
        if sure:
            message.set(SURE_ANSWER_KEY, True)
        crisis = [item for item in message.get(INTENT_RANKING_KEY) or [] if is_crisis(item.get("name"))]
        answers = sorted(((label, p) for label, p in blend.items() if not is_crisis(label)),
                         key=lambda pair: pair[1], reverse=True)
        # One entry per intent: a FAQ answer stands for "faq" with its own confidence, so the
        # fallback thresholds judge the answer that would be given.
        per_intent: dict[str, float] = {}
        for label, p in answers:
            per_intent.setdefault(label.split("/", 1)[0], p)
        ranking = [{"name": name, "confidence": p} for name, p in per_intent.items()][:_RANKING_LENGTH]
        if not ranking:
            return
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, [*ranking, *crisis], add_to_output=True)
        self._set_answer(message, [(label, p) for label, p in answers if label.startswith(self.retrieval_intent + "/")])

    def _set_answer(self, message: Message, answers: list[tuple[str, float]]) -> None:
        """Points the ResponseSelector's output at the best blended FAQ answer."""
        selector = self._selector(message)
        if not selector or not answers:
            return
        previous = selector.get("response") or {}
        key, confidence = answers[0]
        response = {
            # The answer's text comes from the domain through its utter action; the selector's
            # copy of the texts is kept only when the answer is unchanged.
            "responses": previous.get("responses") if previous.get("intent_response_key") == key else [],
            "confidence": confidence,
            "intent_response_key": key,
            "utter_action": f"utter_{key}",
        }
        ranking = [{"intent_response_key": label, "confidence": p} for label, p in answers[:_RANKING_LENGTH]]
        properties = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
        properties[self.retrieval_intent] = {**selector, "response": response, "ranking": ranking}
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
