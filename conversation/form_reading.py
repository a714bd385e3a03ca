"""Reading one reply inside a form, so that nothing a person types is silently dropped.

The rules, in order:
1. A press of the question's own button answers it.
2. A question for the assistant ("what is cuckooing?") goes to the rules to be answered.
3. A valid answer to the question asked fills it. A long reply at a short question (a
   description typed at "which category?") is also kept as the free-text slot, if still empty.
4. Otherwise, a valid answer to another unfilled question is kept there, and the question asked
   is asked again with a short note saying so. Short questions are tried before free text.
5. Otherwise, a message that is confidently something else (a greeting, another flow) goes to
   the rules; anything else gets a short "I couldn't use that" and the question again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from conversation.replies import Reply


@dataclass(frozen=True)
class Answer:
    value: Any
    prompt: str | None = None  # something to say with it (e.g. the danger guidance)


# read(reply, asked): the value this reply gives the slot, or None. ``asked`` is True when the slot
# is the question just asked; out of turn, readers accept only unmistakable answers.
ReadSlot = Callable[[Reply, bool], Answer | None]


@dataclass(frozen=True)
class SlotQuestion:
    read: ReadSlot
    label: str  # how the note names it: "the description", "the area"
    unclear_prompt: str  # said when a reply answers nothing
    free_text: bool = False


Outcome = Literal["answered", "kept", "unclear", "for_rules"]


@dataclass
class Reading:
    outcome: Outcome
    slots: dict[str, Any] = field(default_factory=dict)
    prompts: list[tuple[str, dict[str, str]]] = field(default_factory=list)


KEPT_PROMPT = "kept_answer"  # "Thanks, I've kept that as {label}."
KEPT_ALSO_PROMPT = "kept_answer_also"  # "I've also kept what you wrote as {label}."


def read_reply(
    requested: str,
    reply: Reply,
    questions: Mapping[str, SlotQuestion],
    unfilled: Sequence[str],
) -> Reading:
    """Decide what ``reply`` fills, given the question asked and the slots still empty."""
    asked = questions[requested]
    if reply.button:
        answer = asked.read(reply, True)
        if answer is not None:
            return _answered(requested, answer)
    if reply.is_question():
        return Reading("for_rules")
    answer = asked.read(reply, True)
    if answer is not None:
        reading = _answered(requested, answer)
        free = _free_text_slot(questions, unfilled, requested)
        if not asked.free_text and free and reply.is_long():
            reading.slots[free] = questions[free].read(reply, False).value  # type: ignore[union-attr]
            reading.prompts.append((KEPT_ALSO_PROMPT, {"label": questions[free].label}))
        return reading
    others = [s for s in unfilled if s != requested and s in questions]
    others.sort(key=lambda s: questions[s].free_text)  # short questions first, free text last
    for slot in others:
        kept = questions[slot].read(reply, False)
        if kept is not None:
            reading = Reading("kept", {slot: kept.value})
            if kept.prompt:
                reading.prompts.append((kept.prompt, {}))
            reading.prompts.append((KEPT_PROMPT, {"label": questions[slot].label}))
            return reading
    if reply.is_for_the_rules():
        return Reading("for_rules")
    return Reading("unclear", prompts=[(asked.unclear_prompt, {})])


def _answered(slot: str, answer: Answer) -> Reading:
    reading = Reading("answered", {slot: answer.value})
    if answer.prompt:
        reading.prompts.append((answer.prompt, {}))
    return reading


def _free_text_slot(questions: Mapping[str, SlotQuestion], unfilled: Sequence[str], requested: str) -> str | None:
    return next((s for s in unfilled if s != requested and s in questions and questions[s].free_text), None)
