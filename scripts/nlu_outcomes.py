"""What a resident met, per message, and the figures over a set: pure functions, no model.

A message's outcome, from what the assistant understood (intent, the FAQ answer chosen) and the
first thing it then did (the next action the rules chose):

- ``correct``: an in-scope message got its label or one of its ``accept`` labels; any crisis
  guidance counts as correct for a crisis message (every crisis reply gives 999 first);
- ``fallback``: an in-scope message got "Sorry, I'm not sure" (``nlu_fallback`` / the fallback);
- ``wrong``: a message got another answer (an out-of-scope message answered counts here too);
- ``declined``: an out-of-scope message got ``out_of_scope`` or the fallback;
- ``false_alarm``: a non-crisis message got crisis guidance (unless its ``accept`` names a crisis
  intent: then the guidance is ``correct``).

Crisis recall is over messages whose label is a crisis intent: any crisis guidance counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from safety import crisis_intents

OUT_OF_SCOPE = "out_of_scope"
#: Label of the validation batches' everyday messages with alarming words: judged as out of scope
#: (declined is right; another answer is "wrong"; crisis guidance is a false alarm).
NOT_CRISIS = "not_crisis"
FALLBACK_INTENT = "nlu_fallback"
#: Actions that mean "I'm not sure": the rule for nlu_fallback, and the core fallbacks.
FALLBACK_ACTIONS = frozenset({"utter_fallback", "action_fallback", "action_default_fallback", "action_core_fallback"})
OUTCOMES = ("correct", "fallback", "wrong", "declined", "false_alarm")


def is_crisis(name: str | None) -> bool:
    """A crisis intent named in safety/crisis_intents.py, or its guidance (``utter_<intent>``)."""
    if name and name.startswith("utter_"):
        name = name[len("utter_"):]
    return crisis_intents.is_crisis(name)


def predicted_label(parse: dict[str, Any]) -> str:
    """The full label a parse stands for: ``faq/<answer>`` for FAQ answers, else the intent."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = (parse.get("response_selector") or {}).get(intent) or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return key if intent == "faq" and key else intent


@dataclass(frozen=True)
class Judged:
    text: str
    label: str
    predicted: str
    action: str | None
    outcome: str
    crisis_expected: bool
    crisis_given: bool
    tags: tuple[str, ...] = ()
    #: The layer that gave the crisis guidance (``crisis_layer``), None when none did.
    layer: str | None = None


def outcome(label: str, accept: Iterable[str], predicted: str, action: str | None = None) -> tuple[str, bool]:
    """(outcome, crisis guidance given) for one message; ``action`` is the rules' first action."""
    crisis_given = is_crisis(predicted) or is_crisis(action)
    fell_back = predicted == FALLBACK_INTENT or (action in FALLBACK_ACTIONS)
    if is_crisis(label):
        if crisis_given:
            return "correct", True
        return ("fallback" if fell_back else "wrong"), False
    if crisis_given:
        # Crisis guidance is a false alarm unless the writer accepted it for this message.
        return ("correct" if any(is_crisis(a) for a in accept) else "false_alarm"), True
    if label == OUT_OF_SCOPE:
        return ("declined" if fell_back or predicted == OUT_OF_SCOPE else "wrong"), False
    if predicted == label or predicted in set(accept):
        return "correct", False
    return ("fallback" if fell_back else "wrong"), False


def crisis_layer(parse: dict[str, Any]) -> str | None:
    """Which part of the safety net gave a parse its crisis intent or mark, if any.

    The net's own record (``rules``, ``classifier``, ``vector``); ``possible`` for a message that
    fell back and was marked as a possible crisis (its fallback reply gives the guidance); or
    ``intent`` for a crisis intent the classifiers chose that the net left as it was (ranked first
    above the fallback threshold but under the net's own floor, ``min_top_confidence``).
    """
    record = parse.get("safety_net") or {}
    if isinstance(record, dict) and record.get("source"):
        return str(record["source"])
    mark = parse.get("possible_crisis") or {}
    if isinstance(mark, dict) and mark.get("intent"):
        return "possible"
    return "intent" if is_crisis((parse.get("intent") or {}).get("name")) else None


def judge(item: dict[str, Any], predicted: str, action: str | None = None, layer: str | None = None) -> Judged:
    label = str(item["label"])
    label = OUT_OF_SCOPE if label == NOT_CRISIS else label
    result, crisis_given = outcome(label, item.get("accept") or (), predicted, action)
    return Judged(
        text=str(item["text"]), label=label, predicted=predicted, action=action, outcome=result,
        crisis_expected=is_crisis(label), crisis_given=crisis_given, tags=tuple(item.get("tags") or ()),
        layer=layer if crisis_given else None,
    )


def by_layer(judged: Sequence[Judged]) -> dict[str, dict[str, int]]:
    """Crises caught and false alarms, counted by the layer that gave the guidance (no text).

    Where false alarms come from decides what can cut them: a phrase rule, the classifier's call
    or the crisis signal each need a different change.
    """
    table: dict[str, dict[str, int]] = {"crises caught": {}, "false alarms": {}}
    for item in judged:
        if not item.crisis_given:
            continue
        row = "crises caught" if item.crisis_expected else "false alarms" if item.outcome == "false_alarm" else None
        if row:
            name = item.layer or "unrecorded"
            table[row][name] = table[row].get(name, 0) + 1
    return table


@dataclass
class Figures:
    messages: int = 0
    in_scope: int = 0
    out_of_scope: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    crisis: int = 0
    crisis_caught: int = 0
    non_crisis: int = 0

    @property
    def correct(self) -> float:
        """In-scope messages answered correctly, of in-scope messages."""
        return self.counts["correct"] / self.in_scope if self.in_scope else 1.0

    @property
    def fallback(self) -> float:
        return self.counts["fallback"] / self.in_scope if self.in_scope else 0.0

    @property
    def wrong(self) -> float:
        """Wrong answers (in scope or out of scope) of all messages."""
        return self.counts["wrong"] / self.messages if self.messages else 0.0

    @property
    def declined(self) -> float:
        """Out-of-scope messages declined, of out-of-scope messages."""
        oos_declined = self.counts["declined"]
        return oos_declined / self.out_of_scope if self.out_of_scope else 1.0

    @property
    def crisis_recall(self) -> float:
        return self.crisis_caught / self.crisis if self.crisis else 1.0

    @property
    def false_alarms(self) -> float:
        """Non-crisis messages given crisis guidance, of non-crisis messages."""
        return self.counts["false_alarm"] / self.non_crisis if self.non_crisis else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages, "in_scope": self.in_scope, "out_of_scope": self.out_of_scope,
            "counts": dict(self.counts), "correct": self.correct, "fallback": self.fallback,
            "wrong": self.wrong, "declined": self.declined, "crisis": self.crisis,
            "crisis_recall": self.crisis_recall, "false_alarms": self.false_alarms,
        }


def figures(judged: Sequence[Judged]) -> Figures:
    out = Figures()
    for item in judged:
        out.messages += 1
        out.counts[item.outcome] += 1
        if item.label == OUT_OF_SCOPE:
            out.out_of_scope += 1
        else:
            out.in_scope += 1
        if item.crisis_expected:
            out.crisis += 1
            out.crisis_caught += item.crisis_given
        else:
            out.non_crisis += 1
    return out


def by_tag(judged: Sequence[Judged]) -> dict[str, Figures]:
    tags = sorted({tag for item in judged for tag in item.tags})
    return {tag: figures([item for item in judged if tag in item.tags]) for tag in tags}


def gate_failures(fig: Figures, min_correct: float | None, max_wrong: float | None,
                  min_crisis_recall: float | None, max_false_alarms: float | None = None) -> list[str]:
    """The gates a set of figures misses, in words (empty when all pass)."""
    failures = []
    if min_correct is not None and fig.correct < min_correct:
        failures.append(f"correct {fig.correct:.3f} < {min_correct}")
    if max_wrong is not None and fig.wrong > max_wrong:
        failures.append(f"wrong {fig.wrong:.3f} > {max_wrong}")
    if min_crisis_recall is not None and fig.crisis_recall < min_crisis_recall:
        failures.append(f"crisis recall {fig.crisis_recall:.3f} < {min_crisis_recall}")
    if max_false_alarms is not None and fig.false_alarms > max_false_alarms:
        failures.append(f"false alarms {fig.false_alarms:.3f} > {max_false_alarms}")
    return failures


def table(overall: Figures, tags: dict[str, Figures]) -> str:
    """A plain-text table: one row for the whole set, one per tag."""
    head = f"{'':18s} {'n':>5s} {'correct':>8s} {'fallback':>9s} {'wrong':>6s} {'declined':>9s} " \
           f"{'crisis rec':>10s} {'false al':>9s}"
    rows = [head]
    for name, fig in [("ALL", overall), *tags.items()]:
        rows.append(
            f"{name:18s} {fig.messages:5d} "
            f"{_pct(fig.correct, fig.in_scope):>8s} {_pct(fig.fallback, fig.in_scope):>9s} "
            f"{_pct(fig.wrong, fig.messages):>6s} {_pct(fig.declined, fig.out_of_scope):>9s} "
            f"{_pct(fig.crisis_recall, fig.crisis):>10s} {_pct(fig.false_alarms, fig.non_crisis):>9s}"
        )
    return "\n".join(rows)


def _pct(value: float, denominator: int) -> str:
    return f"{100 * value:.1f}%" if denominator else "-"
