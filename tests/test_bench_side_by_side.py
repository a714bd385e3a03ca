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


async def test_the_stock_bots_empty_replies_count_as_handled() -> None:
    """Rasa's REST channel answers ``[]`` when a turn ends without a message; for the stock bot that
    is a handled message, so leaving it out would understate its throughput and flatter the ratio."""
    from aiohttp import web

    from scripts.bench_side_by_side import conversations
    from tests.conftest import free_port

    async def handler(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response([] if body["message"] == "quiet" else [{"text": "hi"}])

    app = web.Application()
    app.router.add_post("/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        url = f"http://127.0.0.1:{port}/webhook"
        stock = await conversations("stock", url, False, ("hello", "quiet"), 2, 4, 0, [], empty_ok=True)
        ours = await conversations("ours", url, False, ("hello", "quiet"), 2, 4, 0, [])
    finally:
        await runner.cleanup()
    assert (stock.sent, stock.answered, stock.empty, dict(stock.errors)) == (8, 8, 4, {})
    assert (ours.answered, dict(ours.errors)) == (4, {"empty reply": 4})
    assert "4 empty replies counted as answered" in stock.line()
