"""Load Rasa's trained classifiers without first tracing and running a training step.

Rasa 3.6's ``RasaModel.load`` builds a classifier's variables by running ``fit`` on one example:
that traces the whole training graph (gradients and all), creates the Adam optimizer's two slot
variables for every weight (tens of millions of numbers for the sparse layers here), and then
reads those optimizer slots back from the checkpoint, although serving never trains. Here the
variables are built by one prediction instead, the weights are read (the optimizer's part of the
checkpoint is left unread), and the model is prepared for prediction again with the real
weights. Replies are the same (``tests/test_rasa_model_load.py`` compares them with Rasa's own
loading); the service starts sooner. Used only by ``python -m bot rasa run``; training and
fine-tuning keep Rasa's loading.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def _load_for_serving(original: Any) -> Any:
    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode or predict_data_example is None:
            return original.__func__(cls, model_file_name, model_data_example, predict_data_example,
                                     finetune_mode, *args, **kwargs)
        model = cls(*args, **kwargs)
        # The first prediction creates every variable the prediction graph needs.
        model.run_inference(predict_data_example)
        model.load_weights(model_file_name).expect_partial()
        # Label embeddings computed with the initial weights must be computed again, and the
        # traced prediction function holds them as constants, so it is traced again too.
        model.prepared_for_prediction = False
        model._tf_predict_step = None
        model.run_inference(predict_data_example)
        logger.debug("Loaded %s for serving (no training step).", cls.__name__)
        return model

    return classmethod(load)


def install() -> bool:
    """Use the serving load in Rasa's classifiers; False (no change) if this Rasa lacks the hook."""
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel.__dict__.get("load")
    if not isinstance(original, classmethod) or getattr(original.__func__, "_ssgp_serving", False):
        return False
    patched = _load_for_serving(original)
    patched.__func__._ssgp_serving = True  # type: ignore[attr-defined]
    RasaModel.load = patched  # type: ignore[method-assign]
    return True
