"""``rasa train`` as the project runs it: one full training, without Rasa's per-component cache.

``bot.model_cache`` already keeps whole models by a fingerprint of their inputs, so Rasa's own
training cache (``.rasa/cache``) only repeats that work. Turning it off (``RASA_MAX_CACHE_SIZE=0``)
is not enough on its own: Rasa 3.6's ``TrainingHook`` still fingerprints every node's input and
output, which hashes the whole featurised training set after each featuriser (about 25 s of a
full training here, see docs/README-bench.md). With the cache off that hashing has no reader, so
this entry point swaps the hook for one that does nothing. It also lets DIET and the
ResponseSelector train side by side in processes of their own (``train_classifiers_side_by_side``;
bot/components/background_training.py), and then runs the Rasa CLI as ``bot.rasa_server`` does.

    python -m bot.train --config config.yml --domain domain --data data --out models ...
"""

from __future__ import annotations

import os
import sys
from typing import Any

#: Rasa's training cache size in MiB; "0" disables it (rasa/engine/caching.py: CACHE_SIZE_ENV).
CACHE_SIZE_ENV = "RASA_MAX_CACHE_SIZE"


def training_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a training run: telemetry off and, unless the caller chose, no Rasa cache."""
    env = dict(os.environ if base is None else base)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault(CACHE_SIZE_ENV, "0")
    return env


def training_command(config: str, domain: str, data: str, out: str, name: str) -> list[str]:
    """The argument list that trains one model into ``out/<name>.tar.gz``."""
    # --force: Rasa's fingerprint run only serves its own training cache, which is off here.
    # --skip-validation: `make test` runs `rasa data validate --fail-on-warnings`, stricter than
    # training's own check, which only repeated the data loading (about 6 s).
    return [
        sys.executable, "-m", "bot.train",
        "--config", config, "--domain", domain, "--data", data,
        "--out", out, "--fixed-model-name", name, "--quiet", "--force", "--skip-validation",
    ]


def cache_disabled(env: dict[str, str] | None = None) -> bool:
    value = (os.environ if env is None else env).get(CACHE_SIZE_ENV, "")
    try:
        return float(value) == 0.0
    except ValueError:
        return False


def skip_training_hook() -> bool:
    """Replace Rasa's caching TrainingHook with a no-op; False if this Rasa no longer has it."""
    from rasa.engine.training import graph_trainer, hooks

    original = getattr(graph_trainer, "TrainingHook", None)
    if original is not hooks.TrainingHook:
        return False  # a Rasa version we have not checked: leave it alone (slower, still correct)

    class NoCacheTrainingHook(hooks.TrainingHook):
        """Caches nothing, so it need not fingerprint anything."""

        def on_before_node(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            return {}

        def on_after_node(self, *args: Any, **kwargs: Any) -> None:
            return None

    graph_trainer.TrainingHook = NoCacheTrainingHook
    return True


def train_classifiers_side_by_side() -> None:
    """DIET and the ResponseSelector train in their own processes; the archive waits for both.

    bot/components/background_training.py says why. The wait sits in front of Rasa packing the
    model storage into the archive, the first thing after the graph that reads what they persist.
    """
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    from bot.components import background_training

    pack = LocalModelStorage.create_model_package

    def create_model_package(self: LocalModelStorage, *args: Any, **kwargs: Any) -> Any:
        background_training.shutdown()  # waits for both; their memory is free before packing
        return pack(self, *args, **kwargs)

    LocalModelStorage.create_model_package = create_model_package  # type: ignore[method-assign]
    background_training.enable()


def main(argv: list[str]) -> int:
    os.environ.update(training_env())
    if cache_disabled():
        skip_training_hook()
    train_classifiers_side_by_side()
    from bot.components import background_training
    from bot.rasa_server import main as rasa_cli

    try:
        return rasa_cli(["train", *argv])
    finally:
        background_training.abandon()  # only if the graph failed: a packed model has shut them down


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
