"""Crisis recall and false alarms on the second validation batch (tests/nlu/validation/languages/extra/).

That batch holds, per language, 24 crisis messages (6 per crisis kind) and 12 everyday messages
with alarming words (label ``not_crisis``). Each message is parsed by the trained assistant's NLU
pipeline, safety net included; a crisis intent counts as caught (the 999-first guidance), and any
crisis intent on a ``not_crisis`` message is a false alarm. It is a tuning set, like the rest of
tests/nlu/validation/: the crisis phrase rules were extended on its misses (30 November 2026).

    python scripts/evaluate_crisis_batch.py MODEL [--show-misses]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import yaml

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
ROOT = Path(__file__).resolve().parents[1]
BATCH = ROOT / "tests" / "nlu" / "validation" / "languages" / "extra"


async def _score(model: str, show: bool) -> int:
    from rasa.core.agent import Agent

    from safety.crisis_intents import is_crisis

    agent = Agent.load(model)
    total_caught = total_crisis = 0
    for path in sorted(BATCH.glob("*.yml")):
        caught = crisis = alarms = everyday = 0
        for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            got = (await agent.parse_message(message["text"]))["intent"]["name"]
            if is_crisis(message["label"]):
                crisis += 1
                caught += is_crisis(got)
                if show and not is_crisis(got):
                    print(f"  missed {path.stem} {message['label']}: got {got}")
            else:
                everyday += 1
                alarms += is_crisis(got)
        total_caught, total_crisis = total_caught + caught, total_crisis + crisis
        print(f"{path.stem}: crisis recall {caught}/{crisis}, false alarms {alarms}/{everyday}")
    print(f"all: crisis recall {total_caught}/{total_crisis}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--show-misses", action="store_true", help="name the kind of each missed message")
    args = parser.parse_args(argv)
    return asyncio.run(_score(args.model, args.show_misses))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
