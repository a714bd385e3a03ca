"""The side-by-side benchmark's result keeps latencies by conversation step (scripts/bench_side_by_side.py)."""

from __future__ import annotations

from scripts.bench_side_by_side import Result


def test_latencies_are_reported_by_conversation_step() -> None:
    result = Result(name="ours", answered=6, wall_s=1.0)
    result.by_step = {1: [30.0, 50.0, 40.0], 0: [10.0, 20.0, 900.0]}
    summary = result.summary()
    assert list(summary["by_step"]) == [0, 1]
    assert summary["by_step"][1]["p50_ms"] == 40.0
    assert summary["by_step"][0]["p95_ms"] > summary["by_step"][1]["p95_ms"]
    assert result.step_line().startswith("p95 by step (ms): 0:")
    assert " 1:" in result.step_line()


def test_a_result_without_steps_still_summarises() -> None:
    result = Result(name="stock")
    assert result.summary()["by_step"] == {}
    assert result.step_line() == "p95 by step (ms): "
