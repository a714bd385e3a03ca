"""Score the trained assistant's NLU on the held-out test set (never trained on).

Labels are full intents: ``faq/<sub-intent>`` for questions the ResponseSelector answers, so a
right topic with the wrong answer counts as wrong. Prints accuracy and macro-F1, writes
results/nlu_eval.json, and exits 1 below the threshold.

    python scripts/evaluate_nlu.py MODEL tests/nlu/nlu_test.yml --min-macro-f1 0.90
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def read_examples(path: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent_response_key") or m.get("intent")) for m in data.intent_examples]


def full_label(parse: dict) -> str:
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = (parse.get("response_selector") or {}).get(intent) or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return key if intent == "faq" and key else intent


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, dict[str, float]]]:
    labels = sorted({gold for gold, _ in pairs})
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[label] = {"precision": p, "recall": r, "f1": f, "support": tp[label] + fn[label]}
    return sum(v["f1"] for v in per.values()) / len(per), per


async def _parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    return [await agent.parse_message(text) for text in texts]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model")
    parser.add_argument("test_file")
    parser.add_argument("--min-macro-f1", type=float, default=0.90)
    parser.add_argument("--out", default="results/nlu_eval.json")
    args = parser.parse_args()

    examples = read_examples(Path(args.test_file))
    parses = asyncio.run(_parse_all(args.model, [text for text, _ in examples]))
    pairs = [(gold, full_label(parse)) for (_, gold), parse in zip(examples, parses, strict=True)]
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    f1, per = macro_f1(pairs)
    errors = [{"text": t, "gold": g, "predicted": p} for (t, g), (_, p) in zip(examples, pairs, strict=True) if g != p]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"accuracy": accuracy, "macro_f1": f1, "per_label": per, "errors": errors}, indent=2)
    )
    print(f"NLU held-out test set: {len(pairs)} messages, {len(per)} labels")
    print(f"  intent accuracy (full retrieval intents): {accuracy:.3f}")
    print(f"  macro-F1:                                 {f1:.3f}  (threshold {args.min_macro_f1:.2f})")
    weakest = sorted(per.items(), key=lambda kv: kv[1]["f1"])[:5]
    print("  weakest labels: " + ", ".join(f"{k} {v['f1']:.2f}" for k, v in weakest))
    for err in errors[:15]:
        print(f"  miss: {err['gold']} -> {err['predicted']}")
    return 0 if f1 >= args.min_macro_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
