"""A diagnostic: the safety net without the classifier's crisis call (DIET's), for one evaluation run.

The safety net has four layers (``bot.components.safety_net``): the phrase rules, the crisis
classifier's call (DIET, retrained on each machine, whose calls differ from one CPU to another), the
sentence-vector crisis signal, and the possible-crisis guidance when the assistant is not sure. CI
can only demand 100% crisis recall where no crisis depends on DIET alone. This shows which do: DIET's
crisis intents are taken out of its ranking before the blend (so the blend always answers and the
safety net never sees a crisis from the classifier), and the safety net's classifier layer is off.
Everything else runs as trained.

    python scripts/evaluate_nlu.py MODEL tests/nlu/blind/languages/ur.yml --without-classifier-crisis

Never used in service or in a gate; only ``scripts/evaluate_nlu.py`` calls it, before loading the model.
"""

from __future__ import annotations

from typing import Any


def drop_classifier_crisis() -> None:
    """Patch, in this process only, the blend and the safety net so that DIET's crisis call counts for nothing."""
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

    from bot.components.safety_net import CrisisSafetyNet
    from bot.components.vector_intent_blend import VectorIntentBlend
    from safety.crisis_intents import is_crisis

    blend_one = VectorIntentBlend._process_one

    def without_crisis(self: VectorIntentBlend, message: Any) -> None:
        ranking = [item for item in message.get(INTENT_RANKING_KEY) or [] if not is_crisis(item.get("name"))]
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        if ranking and is_crisis((message.get(INTENT) or {}).get("name")):
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
        blend_one(self, message)

    VectorIntentBlend._process_one = without_crisis  # type: ignore[method-assign]
    CrisisSafetyNet._classifier_crisis = lambda self, message: None  # type: ignore[method-assign]
