"""Sweep the NLU fallback and safety-net thresholds on the VALIDATION split (never the blind set).

Each validation message is parsed once by the trained model up to the ResponseSelector (spaCy,
the sentence encoder, the count featurisers, DIET, the ResponseSelector). The components after it
are threshold rules, so the real components (FallbackClassifier, RetrievalConfidenceFallback,
ReferenceCodeIntent, CrisisSafetyNet) are then rerun on copies of those parses for every setting
in the grid, which takes seconds. Each setting is judged by ``scripts.nlu_outcomes`` on the
understood label (the rules' action is not simulated; confirm the chosen setting end to end with
``scripts/evaluate_nlu.py`` on the validation split after putting it in config.yml).

The score puts safety first: the highest crisis recall, then the fewest false alarms, then
correct + declined - 3 x wrong (a wrong answer costs a resident more than an honest "not sure").

    python -m scripts.tune_thresholds MODEL tests/nlu/validation/validation.yml [--top 10]

Re-run it after the training data or the pipeline changes, and copy the best line's values into
config.yml (FallbackClassifier, RetrievalConfidenceFallback, CrisisSafetyNet).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import itertools
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from scripts import nlu_outcomes as outcomes
from scripts.evaluate_nlu import read_messages

#: Swept in two stages: the three fallback thresholds with the safety net as configured now, then
#: the safety net's two thresholds with the best fallback setting (each stage takes seconds).
FALLBACK_GRID = {
    "fallback_threshold": [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7],
    "ambiguity_threshold": [0.0, 0.02, 0.05, 0.08, 0.12],
    "retrieval_threshold": [0.2, 0.3, 0.4, 0.5, 0.6],
}
SAFETY_NET_GRID = {
    "min_top_confidence": [0.3, 0.35, 0.4, 0.5],
    "promote_threshold": [0.4, 0.5, 0.6, 0.7],
}


@dataclass(frozen=True)
class Result:
    setting: dict[str, float]
    figures: outcomes.Figures

    @property
    def score(self) -> tuple[float, float, float]:
        f = self.figures
        return (f.crisis_recall, -f.counts["false_alarm"],
                f.counts["correct"] + f.counts["declined"] - 3 * f.counts["wrong"])


async def raw_parses(model: str, texts: list[str]) -> list:
    """Each text parsed by the model's graph up to and including the ResponseSelector."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.engine.graph import GraphSchema
    from rasa.nlu.selectors.response_selector import ResponseSelector
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    agent = Agent.load(model)
    processor = agent.processor
    schema: GraphSchema = processor.model_metadata.predict_schema
    target = next(name for name, node in schema.nodes.items()
                  if isinstance(node.uses, type) and issubclass(node.uses, ResponseSelector))
    parsed = []
    for number, text in enumerate(texts):
        message = UserMessage(text, sender_id=f"tune-{number}")
        tracker = DialogueStateTracker.from_events(message.sender_id, [])
        results = processor.graph_runner.run(
            inputs={PLACEHOLDER_MESSAGE: [message], PLACEHOLDER_TRACKER: tracker}, targets=[target]
        )
        parsed.append(results[target][0])
    return parsed


def apply(raw, setting: dict[str, float]) -> list[str]:
    """The labels the full pipeline would give with these thresholds (real components)."""
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.shared.nlu.training_data.message import Message

    from bot.components.reference_code import ReferenceCodeIntent
    from bot.components.retrieval_fallback import RetrievalConfidenceFallback
    from bot.components.safety_net import CrisisSafetyNet

    chain = [
        FallbackClassifier({**FallbackClassifier.get_default_config(),
                            "threshold": setting["fallback_threshold"],
                            "ambiguity_threshold": setting["ambiguity_threshold"]}),
        RetrievalConfidenceFallback({"threshold": setting["retrieval_threshold"]}),
        ReferenceCodeIntent({}),
        CrisisSafetyNet({"min_top_confidence": setting["min_top_confidence"],
                         "promote_threshold": setting["promote_threshold"]}),
    ]
    # Only what the threshold components read or write (copying tokens and features is slow).
    keep = ("text", "intent", "intent_ranking", "response_selector")
    messages = [Message(data={k: copy.deepcopy(m.data[k]) for k in keep if k in m.data}) for m in raw]
    for component in chain:
        component.process(messages)
    return [outcomes.predicted_label(m.data) for m in messages]


def sweep(raw, items: list[dict], grid: dict[str, list[float]]) -> list[Result]:
    results = []
    keys = list(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        setting = dict(zip(keys, values, strict=True))
        if setting["promote_threshold"] < setting["min_top_confidence"]:
            continue
        labels = apply(raw, setting)
        judged = [outcomes.judge(item, label) for item, label in zip(items, labels, strict=True)]
        results.append(Result(setting, outcomes.figures(judged)))
    return sorted(results, key=lambda r: r.score, reverse=True)


def configured_thresholds(config: Path = Path("config.yml")) -> dict[str, float]:
    """The thresholds config.yml sets now (the starting point of the sweep)."""
    import yaml

    pipeline = yaml.safe_load(config.read_text())["pipeline"]
    by_name = {step["name"].rsplit(".", 1)[-1]: step for step in pipeline}
    return {
        "fallback_threshold": float(by_name["FallbackClassifier"]["threshold"]),
        "ambiguity_threshold": float(by_name["FallbackClassifier"]["ambiguity_threshold"]),
        "retrieval_threshold": float(by_name["RetrievalConfidenceFallback"]["threshold"]),
        "min_top_confidence": float(by_name["CrisisSafetyNet"]["min_top_confidence"]),
        "promote_threshold": float(by_name["CrisisSafetyNet"]["promote_threshold"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("validation_file")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    if "blind" in Path(args.validation_file).parts:
        print("refusing to tune on the blind set: use tests/nlu/validation/validation.yml", file=sys.stderr)
        return 2
    items = read_messages(Path(args.validation_file))
    raw = asyncio.run(raw_parses(args.model, [str(i["text"]) for i in items]))
    current = {k: [v] for k, v in configured_thresholds().items()}
    first = sweep(raw, items, {**FALLBACK_GRID, **{k: current[k] for k in SAFETY_NET_GRID}})
    best = {k: [first[0].setting[k]] for k in FALLBACK_GRID}
    results = sweep(raw, items, {**best, **SAFETY_NET_GRID}) + first
    results.sort(key=lambda r: r.score, reverse=True)
    print("configured now: " + " ".join(f"{k}={v[0]}" for k, v in current.items()))
    now = sweep(raw, items, current)[0].figures
    print(f"  configured now scores: correct {now.correct:.3f} fallback {now.fallback:.3f} wrong {now.wrong:.3f}"
          f" declined {now.declined:.3f} crisis {now.crisis_recall:.3f} false alarms {now.false_alarms:.3f}")
    print(f"{len(results)} settings on {len(items)} validation messages; best first")
    for result in results[: args.top]:
        f = result.figures
        print(" ".join(f"{k}={v}" for k, v in result.setting.items())
              + f" | correct {f.correct:.3f} fallback {f.fallback:.3f} wrong {f.wrong:.3f}"
              f" declined {f.declined:.3f} crisis {f.crisis_recall:.3f} false alarms {f.false_alarms:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
