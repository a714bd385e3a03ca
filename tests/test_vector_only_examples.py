"""data/nlu/crisis_signal/ trains CrisisVectorSignal only (bot/components/signal_only_examples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.signal_only_examples import SIGNAL_ONLY, SignalOnlyExamples, is_signal_only

ROOT = Path(__file__).resolve().parents[1]
SIGNAL_DIR = ROOT / "data" / "nlu" / "crisis_signal"
SIGNAL_FILES = sorted(SIGNAL_DIR.glob("*.yml"))


def _read(path: Path) -> TrainingData:
    return RasaYAMLReader().reads(path.read_text(encoding="utf-8"))


def test_there_is_signal_data_for_english_and_every_community_language() -> None:
    assert {p.stem for p in SIGNAL_FILES} == {"en", "gu", "pa", "pl", "pt", "ro", "ur"}


@pytest.mark.parametrize("path", SIGNAL_FILES, ids=lambda p: p.name)
def test_every_block_is_marked_so_no_example_reaches_diet(path: Path) -> None:
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
    assert blocks and all((block.get("metadata") or {}).get(SIGNAL_ONLY) is True for block in blocks)
    assert all(is_signal_only(example) for example in _read(path).training_examples)


def test_marked_examples_are_held_back_and_the_rest_keep_their_order() -> None:
    ordinary = _read(ROOT / "data" / "nlu" / "core.yml")
    signal = _read(SIGNAL_DIR / "en.yml")
    merged = ordinary.merge(signal)
    passed_on = SignalOnlyExamples().process_training_data(merged)
    assert [m.get("text") for m in passed_on.training_examples] == [m.get("text") for m in ordinary.training_examples]
    assert len(merged.training_examples) == len(ordinary.training_examples) + len(signal.training_examples)


def test_the_pipeline_trains_the_signal_on_everything_and_the_classifiers_without_it() -> None:
    names = [step["name"].rsplit(".", 1)[-1] for step in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    signal, hold_back = names.index("CrisisVectorSignal"), names.index("SignalOnlyExamples")
    assert names.index("SentenceEncoderFeaturizer") < signal < hold_back
    assert hold_back < names.index("CountVectorsFeaturizer") < names.index("DIETClassifier")
    assert hold_back < names.index("ResponseSelector")
