"""Score the trained assistant on a test set it was never trained on.

Two kinds of test file:

- a blind set or the validation split (``messages:`` with ``text``, ``label``, ``accept``, ``tags``;
  tests/nlu/blind/, tests/nlu/validation/): END TO END through the trained assistant. Each message
  is a fresh conversation; the whole NLU pipeline runs (classifiers, FallbackClassifier,
  RetrievalConfidenceFallback, CrisisSafetyNet) and then the rules choose the first action. Each
  outcome is judged by ``scripts.nlu_outcomes`` (correct, fallback, wrong, declined, false alarm,
  crisis recall), printed as a table overall and per tag, and the gates make it exit 1
  (``--without-classifier-crisis`` scores it as if DIET made no crisis call: a diagnostic):

    python scripts/evaluate_nlu.py MODEL tests/nlu/blind/blind.yml \
        --min-correct 0.90 --max-wrong 0.03 --min-crisis-recall 1.0 --max-false-alarms 0.01 --out results/blind.json

  Two more views of the same run, with no message text: the figures over the messages that are
  not, word for word, a training example (``unseen``), and crises caught and false alarms counted by
  the layer of the safety net that gave the guidance (``crisis_layers``: rules, classifier, vector,
  possible, intent).

  ``--known-labels-only`` scores only messages whose label exists in the model's domain (to measure
  a branch that lacks answers the set already expects). The per-language sets
  (tests/nlu/blind/languages/<lang>.yml, scored one file at a time and gated together by
  ``scripts/check_language_gates.py``) may use ``choose_language`` (switching language): it is
  scored like any label, and reported as unknown by a model that has no such intent yet. Message
  texts are never printed unless ``--show-misses`` is given: use that on the validation split only,
  never on a blind set (it is refused there).

- the older held-out file in Rasa's NLU format (tests/nlu/nlu_test.yml): intent accuracy and
  macro-F1 over full retrieval intents (``faq/<answer>``), exit 1 below ``--min-macro-f1``.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
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


def _quiet_rasa_logs() -> None:
    """Rasa's debug log would print every message: a test set's texts do not belong in CI logs."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)


async def _parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    _quiet_rasa_logs()
    agent = Agent.load(model)
    return [await agent.parse_message(text) for text in texts]


def read_messages(path: Path) -> list[dict]:
    """The messages of a blind-format file (``version: "1"``, ``messages: [...]``).

    Always read as UTF-8: the per-language sets (tests/nlu/blind/languages/) hold Urdu, Gurmukhi and
    Gujarati script, which a non-UTF-8 locale would garble or refuse. A message without a text or a
    label is a mistake in the file, so it stops the run with its number rather than being scored.
    """
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages = list(data.get("messages") or [])
    for number, item in enumerate(messages, start=1):
        if not isinstance(item, dict) or not str(item.get("text") or "").strip() or not item.get("label"):
            raise SystemExit(f"{path}: message {number} needs a non-empty text and a label")
    return messages


def is_blind_format(path: Path) -> bool:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "messages" in data


@functools.cache
def _training_texts() -> frozenset[str]:
    from tests.nlu.check_overlap import normalise, training_examples

    return frozenset(normalise(example) for _, example in training_examples())


def repeats_training(text: str) -> bool:
    """The message is, word for word, a training example (data/nlu/, compared as check_overlap does).

    Short everyday messages ("hi", "thanks") are bound to be in both; the figures on the messages
    that are not show what a resident meets who writes something the assistant has never seen.
    """
    from tests.nlu.check_overlap import normalise

    return normalise(text) in _training_texts()


def domain_labels(domain) -> set[str]:
    """Every label a model can give: its intents, and ``faq/<answer>`` for each FAQ answer."""
    labels = set(domain.intents)
    labels.update(name.removeprefix("utter_") for name in domain.responses if "/" in name)
    return labels | {"nlu_fallback"}


async def _converse_all(model: str, texts: list[str]) -> tuple[list[tuple[dict, str | None]], object]:
    """Each text as a fresh conversation: (parse data, the rules' first action). No actions run."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    from safety.possible_crisis import REPLY_ACTIONS, replies

    _quiet_rasa_logs()  # the blind sets' texts must never be shown
    agent = Agent.load(model)
    processor = agent.processor
    results = []
    for number, text in enumerate(texts):
        message = UserMessage(text, sender_id=f"evaluate-{number}")
        tracker = await processor.log_message(message, should_save_tracker=False)
        prediction = processor.predict_next_with_tracker(tracker) or {}
        scores = prediction.get("scores") or []
        action = max(scores, key=lambda s: s["score"])["action"] if scores else None
        if action in REPLY_ACTIONS:  # the first reply that action gives (safety/possible_crisis.py)
            action = replies(action, tracker.latest_message.parse_data)[0]
        results.append((tracker.latest_message.parse_data, action))
    return results, agent.domain


def evaluate_end_to_end(args: argparse.Namespace) -> int:
    from scripts import nlu_outcomes as outcomes

    items = read_messages(Path(args.test_file))
    conversed, domain = asyncio.run(_converse_all(args.model, [str(i["text"]) for i in items]))
    judged = [outcomes.judge(item, outcomes.predicted_label(parse), action, outcomes.crisis_layer(parse))
              for item, (parse, action) in zip(items, conversed, strict=True)]
    known = domain_labels(domain)
    unknown = sorted({j.label for j in judged} - known - {outcomes.OUT_OF_SCOPE})
    if args.known_labels_only:
        judged = [j for j in judged if j.label in known or j.label == outcomes.OUT_OF_SCOPE]
    overall = outcomes.figures(judged)
    tags = outcomes.by_tag(judged)
    unseen = outcomes.figures([j for j in judged if not repeats_training(j.text)])
    print(f"End to end on {args.test_file}: {overall.messages} messages "
          f"({overall.in_scope} in scope, {overall.out_of_scope} out of scope, {overall.crisis} crisis)")
    if unknown:
        state = "left out" if args.known_labels_only else "scored (expect them wrong)"
        print(f"  labels this model does not have, {state}: {', '.join(unknown)}")
    print(outcomes.table(overall, tags))
    print(f"  unseen by training ({unseen.messages} of {overall.messages}; the rest repeat a training example "
          f"word for word): correct {100 * unseen.correct:.1f}%, fallback {100 * unseen.fallback:.1f}%, "
          f"wrong {100 * unseen.wrong:.1f}%, crisis recall {100 * unseen.crisis_recall:.1f}%, "
          f"false alarms {100 * unseen.false_alarms:.1f}%")
    layers = outcomes.by_layer(judged)
    for row, counts in layers.items():
        print(f"  {row} by layer: " + (", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "none"))
    if args.show_misses:
        for j in judged:
            if j.outcome not in ("correct", "declined"):
                print(f"  {j.outcome:11s} {j.label} -> {j.predicted} [{j.action}]  {j.text!r}")
    failures = outcomes.gate_failures(overall, args.min_correct, args.max_wrong, args.min_crisis_recall,
                                      args.max_false_alarms)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({
            "test_file": args.test_file, "model": args.model, "overall": overall.as_dict(),
            "by_tag": {tag: fig.as_dict() for tag, fig in tags.items()}, "unseen": unseen.as_dict(),
            "crisis_layers": layers,
            "unknown_labels": unknown,
            "gate_failures": failures,
            "by_label": _by_label(judged),
        }, indent=2))
    for failure in failures:
        print(f"GATE MISSED: {failure}")
    return 1 if failures else 0


def _by_label(judged) -> dict[str, dict[str, int]]:
    """Outcome counts per label (no message text, so the file is safe to share)."""
    table: dict[str, Counter] = {}
    for j in judged:
        table.setdefault(j.label, Counter())[j.outcome] += 1
    return {label: dict(counts) for label, counts in sorted(table.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("test_file")
    parser.add_argument("--min-macro-f1", type=float, default=0.90, help="held-out format only")
    parser.add_argument("--min-correct", type=float, default=None, help="gate: in-scope answered correctly")
    parser.add_argument("--max-wrong", type=float, default=None, help="gate: wrong answers of all messages")
    parser.add_argument("--min-crisis-recall", type=float, default=None, help="gate: crisis recall")
    parser.add_argument("--max-false-alarms", type=float, default=None,
                        help="gate: crisis guidance given to messages that are not crises")
    parser.add_argument("--known-labels-only", action="store_true",
                        help="score only labels that exist in the model's domain")
    parser.add_argument("--show-misses", action="store_true",
                        help="print the text of every miss (validation split only; never the blind set)")
    parser.add_argument("--out", default=None, help="write the figures as JSON here")
    parser.add_argument("--without-classifier-crisis", action="store_true",
                        help="diagnostic: the safety net without DIET's crisis call (scripts/crisis_ablation.py)")
    args = parser.parse_args()
    if args.without_classifier_crisis:
        from scripts.crisis_ablation import drop_classifier_crisis

        drop_classifier_crisis()

    if is_blind_format(Path(args.test_file)):
        if args.show_misses and "blind" in Path(args.test_file).parts:
            # The blind sets (English and per language) are never read to decide anything.
            print("refusing --show-misses on a blind set: use the validation split", file=sys.stderr)
            return 2
        return evaluate_end_to_end(args)
    args.out = args.out or "results/nlu_eval.json"
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
