"""CrisisSafetyNet: a pipeline component that makes sure crisis messages are never missed.

It runs last in the NLU pipeline, after DIET and the FallbackClassifier, and sets the intent to a
crisis intent when any of these holds:
- the crisis phrase rules (`bot.components.crisis_patterns`) match, even if the classifier chose
  something else or fell back; or
- the classifier ranked a crisis intent first and gave the crisis intents together at least
  ``min_top_confidence`` (even below the fallback threshold), or gave them together at least
  ``promote_threshold`` from lower down; or
- ``CrisisVectorSignal`` (`bot.components.crisis_vector`, a crisis-or-not classifier on the sentence
  vector) gives the message a crisis probability of at least ``vector_threshold``, unless the
  classifier is sure (``vector_out_of_scope_veto``) that the message is out of scope: that is where
  the vector's false alarms were, everyday hyperbole ("this heat is killing me").
When none of these holds but the message fell back (``nlu_fallback``, or the unsupported-language
reply that LanguageIntent gave such a message) and the crisis signal gives at least
``vector_threshold_unsure``, the intent is left as it is and the message is marked as a possible
crisis (``safety.possible_crisis``): the fallback reply then gives that crisis guidance instead of "not
sure I understood" (the unsupported-language reply gives it first), while a form that asked for free
text keeps the text as its answer. There a false alarm replaces the fallback text; a miss leaves
someone who may be in danger with it.
The classifier's crisis call (the second case) gives way when no phrase rule matched, the crisis
signal is under its threshold, and ``VectorIntentBlend`` found the sentence vector sure of one
ordinary answer (``SURE_ANSWER_KEY``; "Strangers coming and going from the flat below at all hours":
cuckooing signs 0.97, where DIET trained on some machines said crisis_danger 0.98). DIET's weights
differ from one machine to another for the same inputs, the sentence-vector models' do not, so such
messages no longer turn on where the model was trained.
It also gives way outside English when the crisis signal is almost silent (under
``other_language_signal_floor``): in the six community languages most false alarms were the
classifier's calls on calm questions, which the signal, trained on many more crisis examples in
those languages, did not share. A crisis intent the classifier had put first then becomes
``nlu_fallback``, so the person gets "not sure" in their language, not a guess.
Rules then route every crisis intent to the 999-first guidance, interrupting any active form.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import IntentOverride
from bot.components.crisis_patterns import detect
from bot.components.crisis_vector import CRISIS_VECTOR_KEY
from bot.components.language import LANGUAGE_ENTITY, UNSUPPORTED_ENTITY
from bot.components.language import UNSUPPORTED_INTENT as UNSUPPORTED_LANGUAGE_INTENT
from bot.components.vector_intent_blend import SURE_ANSWER_KEY
from bot.metrics import count_crisis, count_possible_crisis
from safety.crisis_intents import is_crisis
from safety.possible_crisis import POSSIBLE_CRISIS_KEY

logger = logging.getLogger(__name__)

SAFETY_NET_KEY = "safety_net"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisSafetyNet(IntentOverride):
    """Overrides the intent with a crisis intent when danger is signalled."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"promote_threshold": 0.6, "min_top_confidence": 0.4, "vector_threshold": 1.01,
                "vector_threshold_unsure": 1.01, "vector_out_of_scope_veto": 1.01,
                "other_language_signal_floor": 0.0}

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        super().__init__(config)
        self.promote_threshold = float(self.config["promote_threshold"])
        self.min_top_confidence = float(self.config["min_top_confidence"])
        self.vector_threshold = float(self.config["vector_threshold"])  # above 1: not used
        # Never above vector_threshold: not being sure must not make a crisis harder to see.
        self.vector_threshold_unsure = min(float(self.config["vector_threshold_unsure"]), self.vector_threshold)
        self.vector_out_of_scope_veto = float(self.config["vector_out_of_scope_veto"])  # above 1: no veto
        self.other_language_signal_floor = float(self.config["other_language_signal_floor"])  # 0: not used

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    @staticmethod
    def _classifier_ranking(message: Message) -> list[dict[str, Any]]:
        """The classifier's intent ranking without the FallbackClassifier's entry."""
        return [
            item
            for item in message.get(INTENT_RANKING_KEY) or []
            if item.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ]

    def _classifier_crisis(self, message: Message) -> tuple[str, float] | None:
        """A crisis intent the classifier ranked first, or gave at least ``promote_threshold``."""
        ranking = self._classifier_ranking(message)
        crisis = [(position, item) for position, item in enumerate(ranking) if is_crisis(item.get("name"))]
        if not crisis:
            return None
        # The classifier is often sure that a message is a crisis but split between kinds
        # ("I can't go on" between suicide and cannot-speak): what counts is the confidence of all
        # crisis intents together, given to the likeliest kind. First place counts even under the
        # fallback threshold, but not when the classifier is guessing (below ``min_top_confidence``):
        # a one-word "Me" must not become a crisis. Measured on the validation batches
        # (docs/README-nlu.md): 10 more crises caught, 12 more false alarms, of 981 messages.
        total = sum(float(item.get("confidence") or 0.0) for _, item in crisis)
        first_position, likeliest = crisis[0]
        if (first_position == 0 and total >= self.min_top_confidence) or total >= self.promote_threshold:
            return likeliest["name"], total
        return None

    def _answer_outweighs_classifier(self, message: Message) -> bool:
        """The sentence vector is sure of one ordinary answer, and its crisis signal is quiet."""
        signal = message.get(CRISIS_VECTOR_KEY) or {}
        return bool(message.get(SURE_ANSWER_KEY)) and float(signal.get("probability") or 0.0) < self.vector_threshold

    def _quiet_signal_in_another_language(self, message: Message) -> bool:
        """The message shows a language other than English, and the crisis signal is under the floor."""
        entities = message.get(ENTITIES) or []
        kinds = (LANGUAGE_ENTITY, UNSUPPORTED_ENTITY)
        language = next((e.get("value") for e in entities if e.get("entity") in kinds), None)
        if language in (None, "en"):
            return False
        signal = message.get(CRISIS_VECTOR_KEY) or {}
        return float(signal.get("probability") or 0.0) < self.other_language_signal_floor

    @staticmethod
    def _stand_down(message: Message) -> None:
        """A crisis intent the classifier put first becomes ``nlu_fallback``: "not sure", not a guess."""
        if not is_crisis((message.get(INTENT) or {}).get("name")):
            return
        ranking = CrisisSafetyNet._classifier_ranking(message)
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}
        message.set(INTENT, dict(fallback), add_to_output=True)
        message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)

    def _vector_crisis(self, message: Message) -> str | None:
        """The crisis kind ``CrisisVectorSignal`` found with at least ``vector_threshold``."""
        signal = message.get(CRISIS_VECTOR_KEY) or {}
        if float(signal.get("probability") or 0.0) < self.vector_threshold or not is_crisis(signal.get("intent")):
            return None
        top = next(iter(self._classifier_ranking(message)), {})
        if top.get("name") == "out_of_scope" and float(top.get("confidence") or 0.0) >= self.vector_out_of_scope_veto:
            return None
        return str(signal["intent"])

    @staticmethod
    def _fell_back(message: Message) -> bool:
        """``nlu_fallback``, or the unsupported-language reply LanguageIntent gave a message that fell back."""
        intent = (message.get(INTENT) or {}).get("name")
        if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return True
        ranking = message.get(INTENT_RANKING_KEY) or []
        return intent == UNSUPPORTED_LANGUAGE_INTENT and any(
            item.get("name") == DEFAULT_NLU_FALLBACK_INTENT_NAME for item in ranking
        )

    def _mark_possible_crisis(self, message: Message) -> None:
        """A message that fell back with a moderate crisis signal: its reply gives the crisis guidance."""
        if not self._fell_back(message):
            return
        signal = message.get(CRISIS_VECTOR_KEY) or {}
        probability = float(signal.get("probability") or 0.0)
        if probability >= self.vector_threshold_unsure and is_crisis(signal.get("intent")):
            mark = {"intent": str(signal["intent"]), "probability": round(probability, 3)}
            message.set(POSSIBLE_CRISIS_KEY, mark, add_to_output=True)
            count_possible_crisis(mark["intent"])

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        match = detect(text)
        found = self._classifier_crisis(message)
        if match is None and found is not None and self._answer_outweighs_classifier(message):
            logger.debug("safety net: classifier's %s outweighed by the sentence vector's answer", found[0])
            found = None
        if match is None and found is not None and self._quiet_signal_in_another_language(message):
            logger.debug("safety net: classifier's %s outside English with a quiet crisis signal", found[0])
            found = None
            self._stand_down(message)
        if match is not None:
            crisis, source = match.intent, "rules"
        elif found is not None:
            crisis, source = found[0], "classifier"
        elif (vector_kind := self._vector_crisis(message)) is not None:
            crisis, source = vector_kind, "vector"
        else:
            self._mark_possible_crisis(message)
            return
        current = (message.get(INTENT) or {}).get("name")
        count_crisis(crisis)
        record = {"intent": crisis, "source": source, "classifier_confidence": round(found[1], 3) if found else None}
        message.set(SAFETY_NET_KEY, record, add_to_output=True)
        if current == crisis:
            return
        # Counted in bot.metrics, not logged at INFO: a timed log line per crisis type could point
        # at a person. DEBUG (off in service) is for developers tuning the net.
        logger.debug("safety net set intent %s (source: %s, classifier said %s)", crisis, source, current)
        message.set(INTENT, {"name": crisis, "confidence": 1.0}, add_to_output=True)
        ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != crisis]
        message.set(INTENT_RANKING_KEY, [{"name": crisis, "confidence": 1.0}, *ranking], add_to_output=True)
