"""scripts/crisis_ablation.py: with DIET's crisis call taken out, a crisis only the classifier saw is
no longer one, and a crisis the phrase rules see still is. Run in a child process, because the
diagnostic patches the components for the rest of the process it runs in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from bot.components.safety_net import CrisisSafetyNet
from bot.components.vector_intent_blend import VectorIntentBlend
from bot.components.vector_intent_model import VECTOR_INTENT_KEY
if sys.argv[1] == "ablated":
    from scripts.crisis_ablation import drop_classifier_crisis
    drop_classifier_crisis()
blend = VectorIntentBlend(VectorIntentBlend.get_default_config())
net = CrisisSafetyNet(CrisisSafetyNet.get_default_config())
out = {}
for text in ("hmm, everything", "he has a knife and says he will kill me"):
    # DIET puts a crisis first; the sentence-vector classifier would answer a greeting.
    ranking = [{"name": "crisis_suicide", "confidence": 0.9}, {"name": "greet", "confidence": 0.1}]
    message = Message(data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking,
                            VECTOR_INTENT_KEY: {"greet": 0.7, "out_of_scope": 0.3}})
    blend.process([message])
    net.process([message])
    out[text] = message.get(INTENT)["name"]
print(json.dumps(out))
"""

def _run(mode: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, mode], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_the_classifier_only_the_other_layers_call_a_crisis() -> None:
    assert _run("as trained") == {
        "hmm, everything": "crisis_suicide",
        "he has a knife and says he will kill me": "crisis_danger",
    }
    assert _run("ablated") == {
        "hmm, everything": "greet",  # DIET's call alone: gone
        "he has a knife and says he will kill me": "crisis_danger",  # the phrase rules: still caught
    }
