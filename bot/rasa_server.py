"""``python -m bot rasa ...``: the Rasa CLI with one fix that keeps replies fast.

(``run`` also installs ``bot.rasa_events``, ``bot.rasa_graph``, ``bot.rasa_model_load`` and
``bot.rasa_debug_logs``: faster event lookups, graph runs and model loading, and debug-line
arguments built only when debug logging is on.)

Rasa 3.6 checks every action server reply with ``jsonschema.validate(result, schema)``, which
re-checks the whole schema against its metaschema and builds a new validator on every call: about
26 ms of CPU per custom action here, more than the rest of a reply. ``checked_action_result`` does
the same validation with one validator built and checked once, and raises the same error (with
Rasa's advice added) on a bad reply. Everything else is the ordinary ``rasa`` command.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import validator_for

from bot import rasa_debug_logs, rasa_events, rasa_graph, rasa_model_load


@functools.lru_cache(maxsize=1)
def action_result_validator() -> Any:
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def checked_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Drop-in for ``RemoteAction._validate_action_result`` (same checks, same errors)."""
    error: ValidationError | None = best_match(action_result_validator().iter_errors(result))
    if error is not None:
        from rasa.shared.constants import DOCS_BASE_URL

        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> bool:
    """Use ``checked_action_result`` in Rasa; False (and no change) if this Rasa lacks the hook."""
    from rasa.core.actions.action import RemoteAction

    if not callable(getattr(RemoteAction, "_validate_action_result", None)):
        return False  # a Rasa we have not checked: leave it alone (slower, still correct)
    RemoteAction._validate_action_result = checked_action_result  # type: ignore[method-assign]
    return True


def main(argv: list[str]) -> int:
    """Run the Rasa CLI with ``argv`` (``run ...``, ``train ...``), this module's fix installed."""
    serving = argv[:1] == ["run"]  # serving only; training is left exactly as Rasa does it
    if serving:
        # Before anything imports TensorFlow: the model archive is extracted meanwhile.
        if "--model" in argv[:-1]:
            rasa_model_load.prefetch(argv[argv.index("--model") + 1])
        # TensorFlow 2.12 imports jax (its dependency) only for TFLite conversion, and treats it as
        # optional (ImportError is caught). Serving never converts; not importing it saves about
        # 0.5 s of every start.
        sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
    install()
    if serving:
        rasa_events.install()
        rasa_graph.install()
        rasa_model_load.install()
        rasa_debug_logs.install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()
    return 0
