"""The fallback reply for a message the assistant was not sure of. Plain Python (no Rasa).

When the assistant falls back ("not sure I understood") but the sentence-vector crisis signal gave
the message a moderate crisis probability, ``bot.components.safety_net.CrisisSafetyNet`` marks the
parse data with ``POSSIBLE_CRISIS_KEY`` (the crisis kind and the probability) and leaves the intent
as ``nlu_fallback`` (or, where LanguageIntent gave a message that fell back the unsupported-language
reply, ``unsupported_language``). The fallback action (``actions.fallback.ActionFallback``) then gives
that kind's crisis guidance instead of the fallback text; the unsupported-language action gives it
before its own reply. Deciding in the replies, not in the intent, keeps it out of
forms: a concern form's free-text answer often falls back, and there it is the answer, not a crisis.
A reply a form cannot use gets the crisis guidance before the question is asked again
(``actions.forms``). A message a reference code answered is not marked (its follow-up reply does not
give crisis guidance yet).
``scripts/evaluate_nlu.py`` reads the same function, so the figures score what the action does.
"""

from __future__ import annotations

from typing import Any

from safety.crisis_intents import guidance_response, is_crisis

#: Parse-data key the safety net sets on a fallen-back message with a moderate crisis signal.
POSSIBLE_CRISIS_KEY = "possible_crisis"
#: The actions that answer a message the assistant could not place: their own reply, and whether a
#: possible crisis's guidance replaces it (the fallback text) or comes before it (the
#: unsupported-language reply names our languages and says 999 and helplines can use interpreters).
_OWN_REPLIES: dict[str, tuple[str, bool]] = {
    "action_fallback": ("utter_fallback", True),
    "action_unsupported_language": ("utter_unsupported_language", False),
}
REPLY_ACTIONS = frozenset(_OWN_REPLIES)


def possible_crisis(parse_data: dict[str, Any] | None) -> str | None:
    """The crisis kind the safety net marked on this parse, if any."""
    mark = (parse_data or {}).get(POSSIBLE_CRISIS_KEY) or {}
    kind = mark.get("intent") if isinstance(mark, dict) else None
    return kind if is_crisis(kind) else None


def crisis_response(parse_data: dict[str, Any] | None) -> str | None:
    """The crisis guidance (``utter_<crisis kind>``) for a marked parse, if any."""
    kind = possible_crisis(parse_data)
    return guidance_response(kind) if kind else None


def replies(action: str, parse_data: dict[str, Any] | None) -> tuple[str, ...]:
    """The responses ``action`` (one of ``REPLY_ACTIONS``) gives, in order."""
    own, replaced = _OWN_REPLIES[action]
    guidance = crisis_response(parse_data)
    if guidance is None:
        return (own,)
    return (guidance,) if replaced else (guidance, own)
