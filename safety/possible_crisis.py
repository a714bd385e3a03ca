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

from safety.crisis_intents import is_crisis

#: Parse-data key the safety net sets on a fallen-back message with a moderate crisis signal.
POSSIBLE_CRISIS_KEY = "possible_crisis"
#: The reply when no crisis is possible.
FALLBACK_RESPONSE = "utter_fallback"
#: The reply to a message in a language we do not answer in: crisis line, our languages, interpreters.
UNSUPPORTED_LANGUAGE_RESPONSE = "utter_unsupported_language"
#: The actions that answer a message the assistant could not place, and their plain replies.
PLAIN_REPLIES = {
    "action_fallback": (FALLBACK_RESPONSE,),
    "action_unsupported_language": (UNSUPPORTED_LANGUAGE_RESPONSE,),
}


def possible_crisis(parse_data: dict[str, Any] | None) -> str | None:
    """The crisis kind the safety net marked on this parse, if any."""
    mark = (parse_data or {}).get(POSSIBLE_CRISIS_KEY) or {}
    kind = mark.get("intent") if isinstance(mark, dict) else None
    return kind if is_crisis(kind) else None


def fallback_response(parse_data: dict[str, Any] | None) -> str:
    """``utter_<crisis kind>`` for a marked message, else the plain fallback reply."""
    return replies("action_fallback", parse_data)[0]


def replies(action: str, parse_data: dict[str, Any] | None) -> tuple[str, ...]:
    """The responses ``action`` gives, in order: a marked message's crisis guidance replaces the
    fallback text, and comes before the unsupported-language reply (which names our languages and
    says that 999 and the helplines can use interpreters, so it stays)."""
    kind = possible_crisis(parse_data)
    if action == "action_fallback":
        return (f"utter_{kind}",) if kind else PLAIN_REPLIES[action]
    if action == "action_unsupported_language":
        return ((f"utter_{kind}",) if kind else ()) + PLAIN_REPLIES[action]
    raise KeyError(action)
