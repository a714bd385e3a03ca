"""Event type lookup without a class-tree walk: part of ``python -m bot rasa``.

Rasa 3.6 turns each stored event back into an object with ``Event.resolve_by_type``, which walks
every subclass of ``Event`` (``all_subclasses``, about 50 classes) to find the one with the stored
name, once per event. A tracker is read back from the store on every message, so a conversation of
a few dozen turns spends several milliseconds of CPU per message walking the same class tree (about
4% of a Rasa worker's busy time, measured with py-spy; docs/README-bench.md). ``install`` remembers
each name's class after the first lookup: the same answers, and the same errors for unknown names.
"""

from __future__ import annotations

from typing import Any


def install() -> bool:
    """Cache Rasa's event-type lookup; False (and no change) if this Rasa lacks the hook."""
    from rasa.shared.core.events import Event

    original = Event.__dict__.get("resolve_by_type")
    if not isinstance(original, staticmethod) or getattr(original.__func__, "_ssgp_cached", False):
        return False
    lookup = original.__func__
    found: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        cls = found.get(type_name)
        if cls is None:
            cls = lookup(type_name, default)  # Rasa's own search, default and errors
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    resolve_by_type._ssgp_cached = True  # type: ignore[attr-defined]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
    return True
