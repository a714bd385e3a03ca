"""Where a Rasa worker's CPU goes, from a py-spy raw profile: ``python -m scripts.profile_breakdown FILE``.

FILE comes from ``py-spy record --pid <worker pid> --rate 200 --format raw -o FILE`` taken while
messages are sent. Each sample is put in the first stage of handling a message it is inside
(outermost first); samples in the event loop's wait (uvloop, which py-spy cannot tell from work)
are left out. A few costs inside the stages are shown too. Percentages are of the busy samples.
"""

from __future__ import annotations

import sys
from collections import Counter

# (label, marker): a frame "function (file:line)" whose text contains the marker.
STAGES: tuple[tuple[str, str], ...] = (
    ("read the conversation (tracker store)", "fetch_tracker_and_update_session ("),
    ("NLU: parse the message", "parse_message (rasa/core/processor.py"),
    ("dialogue policies: predict next action", "_predict_next_with_tracker ("),
    ("run actions (responses, custom actions over HTTP)", "_run_action ("),
    ("save the conversation (tracker store)", "save_tracker ("),
    ("HTTP in and out (Sanic, REST channel), rest of handling", "connection_task"),
)
INSIDE: tuple[tuple[str, str], ...] = (
    ("event type lookup (Event.resolve_by_type)", "resolve_by_type ("),
    ("graph runner bookkeeping (dask)", "dask/"),
    ("TensorFlow function dispatch", "_maybe_define_function ("),
    ("spaCy", "spacy/"),
    ("JSON (de)serialisation of the tracker", "serialise_tracker ("),
    ("Redis client", "redis/client.py"),
    ("custom action HTTP call", "rasa/utils/endpoints.py"),
)


def main(argv: list[str]) -> int:
    stages: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    busy = 0
    for line in open(argv[0], encoding="utf-8"):
        if not line.strip():
            continue
        stack, count_text = line.rstrip().rsplit(" ", 1)
        count = int(count_text)
        stage = next((label for label, marker in STAGES if marker in stack), None)
        if stage is None:
            continue  # the event loop waiting
        busy += count
        stages[stage] += count
        for label, marker in INSIDE:
            if marker in stack and not (label.startswith("graph") and stack.rfind("dask/") < stack.rfind(
                    "rasa/engine/graph.py")):
                inside[label] += count
    print(f"{busy} busy samples")
    for label, _ in STAGES:
        print(f"  {stages[label] * 100 / max(1, busy):5.1f}%  {label}")
    print("  of which, anywhere above:")
    for label, _ in INSIDE:
        print(f"  {inside[label] * 100 / max(1, busy):5.1f}%  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
