"""Debug-line arguments are built only with debug logging on (bot/rasa_debug_logs.py)."""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import logging

import pytest

from bot import rasa_debug_logs


def _is_debug_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "debug" and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"structlogger", "logger"})


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _inside_debug_call(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if _is_debug_call(node):
            return True
    return False


@pytest.mark.parametrize("module_name", rasa_debug_logs.LOG_ONLY_COPY_MODULES)
def test_every_copy_in_these_rasa_modules_is_a_debug_line_argument(module_name: str) -> None:
    """If a Rasa upgrade copies for real in these modules, the shortcut must go: this fails."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    parents = _parents(tree)
    uses = [node for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "copy"]
    assert uses, f"{module_name} no longer uses copy: drop it from LOG_ONLY_COPY_MODULES"
    for node in uses:
        assert node.attr == "deepcopy" and _inside_debug_call(node, parents), (module_name, node.lineno)


def test_the_rule_policys_formatted_states_feed_only_a_debug_line() -> None:
    from rasa.core.policies import rule_policy

    tree = ast.parse(inspect.getsource(rule_policy))
    parents = _parents(tree)
    calls = [node for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr == "format_tracker_states"]
    assert len(calls) == 1
    assigned = parents[parents[calls[0]]]
    assert isinstance(assigned, ast.Assign) and isinstance(assigned.targets[0], ast.Name)
    name = assigned.targets[0].id
    reads = [node for node in ast.walk(tree)
             if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)]
    assert reads and all(_inside_debug_call(node, parents) for node in reads)


def test_copies_and_formats_only_with_debug_on() -> None:
    from rasa.core import processor
    from rasa.core.policies import rule_policy
    from rasa.core.policies.policy import Policy
    from rasa.core.policies.rule_policy import RulePolicy

    saved = [(module, module.copy) for module in (processor, rule_policy)]
    had_own = "format_tracker_states" in RulePolicy.__dict__
    logger = logging.getLogger("rasa")
    level = logger.level
    try:
        assert rasa_debug_logs.install() is True
        assert rasa_debug_logs.install() is False  # not twice
        states = [{"user": {"intent": "greet"}}]
        value = {"events": [{"event": "user"}]}
        logger.setLevel(logging.INFO)
        if not logging.getLogger().isEnabledFor(logging.DEBUG):
            assert processor.copy.deepcopy(value) is value
            assert RulePolicy.format_tracker_states(states) == ""
        logger.setLevel(logging.DEBUG)
        copied = rule_policy.copy.deepcopy(value)
        assert copied == value and copied is not value
        assert RulePolicy.format_tracker_states(states) == Policy.format_tracker_states(states)
        assert processor.copy.copy is copy.copy  # everything else is the real module
    finally:
        logger.setLevel(level)
        for module, original in saved:
            module.copy = original
        if not had_own:
            del RulePolicy.format_tracker_states
