"""Serving loads the classifiers without a training step (bot/rasa_model_load.py): same replies.

Each loading runs in its own process (the change is installed into Rasa's class), parses the same
messages, and the intent and FAQ-answer rankings must be identical, confidences included.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = [
    "hello",
    "what is cuckooing",
    "my bf tracks my phone wat do i do",
    "where can i report a hate crime in glos",
    "he's outside with a knife",
    "Gdzie mogę uzyskać pomoc?",
    "میرا شوہر مجھے مارتا ہے",
    "what does ask for angela mean",
    "how can i b a good adult 4 a kid whos had a rough time",
    "my neighbour's flat has strangers coming and going all night",
    "can i report without giving my name",
    "what's the weather like tomorrow",
]


def _parse_all(model: str, serving_load: bool) -> dict:
    if serving_load:
        from bot import rasa_model_load

        assert rasa_model_load.install()
    from rasa.core.agent import Agent

    agent = Agent.load(model)

    async def parse() -> list[dict]:
        out = []
        for text in MESSAGES:
            parsed = await agent.parse_message(text)
            selector = (parsed.get("response_selector") or {}).get("faq") or {}
            out.append({
                "intent": [(r["name"], r["confidence"]) for r in parsed.get("intent_ranking") or []],
                "answers": [(r["intent_response_key"], r["confidence"]) for r in selector.get("ranking") or []],
            })
        return out

    return {"parses": asyncio.run(parse())}


def _parse_in_own_process(model: Path, serving_load: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    result = subprocess.run(
        [sys.executable, __file__, str(model), "serving" if serving_load else "rasa"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.e2e
def test_serving_load_gives_the_same_rankings_as_rasas_load() -> None:
    from bot.model_cache import ensure_model, verified
    from ssgp_settings import get_settings

    settings = get_settings()
    model = verified(settings.model_path) if settings.model_path else ensure_model(settings)
    rasa_load, serving_load = _parse_in_own_process(model, False), _parse_in_own_process(model, True)
    assert len(rasa_load["parses"]) == len(MESSAGES)
    assert serving_load == rasa_load


def test_install_replaces_rasas_load_once() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    from bot import rasa_model_load

    original = RasaModel.__dict__["load"]
    try:
        assert rasa_model_load.install() is True
        assert rasa_model_load.install() is False  # already installed: not wrapped twice
        assert RasaModel.__dict__["load"] is not original
    finally:
        RasaModel.load = original


if __name__ == "__main__":
    print(json.dumps(_parse_all(sys.argv[1], sys.argv[2] == "serving")))
