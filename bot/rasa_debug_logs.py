"""Debug-log arguments built only when debug logging is on: part of ``python -m bot rasa run``.

Rasa 3.6 writes structured debug lines such as ``structlogger.debug("processor.actions.log",
rasa_events=copy.deepcopy(events))`` on every action, and the rule policy formats every past state
of the conversation and deep-copies the result for ``rule_policy.actions.find`` on every
prediction. Python builds those arguments before the logger looks at its level, so a server at INFO
paid for them on every message: about 3-4% of a Rasa worker's busy time (py-spy,
docs/README-bench.md). Those copies and formats are used for nothing but these debug lines (checked
by ``tests/test_rasa_debug_logs.py`` against the installed Rasa's source). With debug logging off,
``install`` lets them hand over the value itself (the logger drops it unread) and skips the
formatting; with debug on (``--debug``, ``LOG_LEVEL=DEBUG``) everything is exactly as in Rasa.
"""

from __future__ import annotations

import copy
import logging
from types import ModuleType
from typing import Any

#: Rasa modules whose every ``copy.deepcopy`` call is an argument of a debug line.
LOG_ONLY_COPY_MODULES = ("rasa.core.processor", "rasa.core.policies.rule_policy")


def debug_enabled() -> bool:
    return logging.getLogger("rasa").isEnabledFor(logging.DEBUG) or logging.getLogger().isEnabledFor(logging.DEBUG)


class CopyForDebugLines:
    """Stands in for the ``copy`` module in ``LOG_ONLY_COPY_MODULES``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        return copy.deepcopy(value, memo) if debug_enabled() else value


def _format_states_for_debug(original: Any) -> Any:
    def format_tracker_states(states: Any) -> Any:
        return original(states) if debug_enabled() else ""

    format_tracker_states._ssgp_debug_only = True  # type: ignore[attr-defined]
    return staticmethod(format_tracker_states)


def install() -> bool:
    """Install both; False (and no change) if already installed or this Rasa lacks the hooks."""
    import importlib

    from rasa.core.policies.rule_policy import RulePolicy

    modules: list[ModuleType] = [importlib.import_module(name) for name in LOG_ONLY_COPY_MODULES]
    original = getattr(RulePolicy, "format_tracker_states", None)
    if not callable(original) or getattr(original, "_ssgp_debug_only", False):
        return False
    if not all(getattr(module, "copy", None) is copy for module in modules):
        return False
    for module in modules:
        module.copy = CopyForDebugLines()  # type: ignore[attr-defined]
    RulePolicy.format_tracker_states = _format_states_for_debug(original)  # type: ignore[method-assign]
    return True
