"""Run Rasa's prediction graph in plain order, without dask: part of ``python -m bot rasa run``.

Rasa 3.6 runs its graph (NLU pipeline, policies) through ``dask.get`` for every message and every
action prediction. Serving runs the graph in one thread anyway (dask's synchronous scheduler), so
dask only adds bookkeeping: building its task graph, ordering it, and the scheduler's state, about
5% of a Rasa worker's busy CPU (py-spy, docs/README-bench.md), plus working out the same minimal
sub-graph for the same targets every time. ``SequentialGraphRunner.run`` does the same work in a
topological order computed once per set of targets; every component is called exactly as before,
with the same inputs, so predictions are unchanged.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


def _order(runner: DaskGraphRunner, targets: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """(node, the nodes it needs) for the minimal graph of ``targets``, each after what it needs."""
    cache: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = runner.__dict__.setdefault(
        "_ssgp_orders", {}
    )
    if targets in cache:
        return cache[targets]
    schema = runner._graph_schema.minimal_graph_schema(list(targets))
    order: list[tuple[str, tuple[str, ...]]] = []
    state: dict[str, int] = {}  # 1 = being visited, 2 = done

    def visit(name: str) -> None:
        if state.get(name) == 2 or name not in schema.nodes:
            return  # done, or an input (not a node)
        if state.get(name) == 1:
            raise GraphRunError(f"The graph has a cycle through '{name}'.")
        state[name] = 1
        needs = tuple(schema.nodes[name].needs.values())
        for need in needs:
            visit(need)
        state[name] = 2
        order.append((name, needs))

    for target in targets:
        visit(target)
    cache[targets] = order
    return order


def run(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """Drop-in for ``DaskGraphRunner.run``: the same results, the same input checks."""
    run_targets = tuple(targets if targets else self._graph_schema.target_names)
    order = _order(self, run_targets)
    values: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and value in self._graph_schema.nodes:
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                f"names passed to the `run` method are the same as node names in the graph schema."
            )
        values[name] = (name, value)  # what dask hands a node for a literal input
    try:
        for name, needs in order:
            if name in values:
                continue  # an input given under a node's name replaces that node, as with dask
            values[name] = self._instantiated_nodes[name](*(values[need] for need in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(values[target] for target in run_targets)


def install() -> bool:
    """Use ``run`` for serving; False (and no change) if this Rasa's runner is not the one checked."""
    if not callable(getattr(DaskGraphRunner, "run", None)) or not hasattr(DaskGraphRunner, "_build_dask_graph"):
        return False
    if getattr(DaskGraphRunner.run, "_ssgp", False):
        return False
    run._ssgp = True  # type: ignore[attr-defined]
    DaskGraphRunner.run = run  # type: ignore[method-assign]
    return True
