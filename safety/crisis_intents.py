"""The crisis intents, named once. Plain Python (no Rasa), so every layer can import it.

Readers: the NLU components (``bot.components``: the safety net, the reference-code intent) and
the form validators (``actions.forms``), which must never take a crisis message as a form
answer. Each reads ``CRISIS_INTENTS`` from this module at call time, so an intent added here is
treated as a crisis everywhere at once. The domain (``domain/crisis.yml``) and the rules
(``data/rules/*.yml``) still need an entry per intent; ``tests/test_crisis_intents.py`` checks that
they cover every intent listed here.
"""

from __future__ import annotations

# Most urgent first: when the safety net's phrase rules match several kinds, the first wins.
CRISIS_INTENTS: tuple[str, ...] = (
    "crisis_cannot_speak",
    "crisis_danger",
    "crisis_suicide",
    "crisis_child",
)


def guidance_response(intent: str) -> str:
    """The response that gives a crisis intent's guidance (``utter_<intent>``, domain/crisis.yml)."""
    return f"utter_{intent}"


def is_crisis(intent: str | None) -> bool:
    """Whether ``intent`` is one of the crisis intents (``None`` is not)."""
    return intent is not None and intent in CRISIS_INTENTS
