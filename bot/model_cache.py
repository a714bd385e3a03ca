"""Train the assistant only when its inputs change, and load only models we trained.

The fingerprint is a SHA-256 over every file that shapes the model (config, domain, training
data, custom components, pinned dependencies). Models are stored as ``<fingerprint>.tar.gz``
with a ``.sha256`` beside them; a model whose archive does not match its recorded hash is
never loaded (a crafted model archive is a code-execution risk: CVE-2024-49375).

``python -m bot model ensure`` trains if needed and prints the model path;
``python -m bot model path`` prints it or fails; ``python -m bot model fingerprint``.
"""

from __future__ import annotations

import fcntl
import hashlib
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from bot.train import training_command, training_env
from ssgp_settings import PROJECT_ROOT, Settings, get_settings

MODEL_INPUTS: tuple[str, ...] = (
    "config.yml",
    "domain",
    "data",
    "bot/components",  # custom pipeline components (the crisis patterns are read at run time too)
    "safety",  # the crisis intents, imported by the components
    "bot/encoders",  # the sentence encoder adapter and its reference vector
    "bot/train.py",
    # Read by the LanguageDetector and the crisis phrase rules: a change there changes answers.
    "content/language_detection.py",
    "content/languages.py",
    "requirements/lock.txt",
    "requirements/spacy-model.txt",
    "requirements/sentence-encoder.txt",
    "requirements/language-detector.txt",
)


def _input_files(root: Path) -> Iterable[Path]:
    for name in MODEL_INPUTS:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for path in _input_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(model: Path) -> Path:
    """Return ``model`` if its archive matches the hash recorded at training time; refuse otherwise."""
    recorded = model.with_suffix(".sha256")
    if not model.is_file() or not recorded.is_file() or recorded.read_text().strip() != _sha256(model):
        raise SystemExit(f"model {model} has no matching recorded hash; refusing to load it")
    return model


def cached_model(settings: Settings | None = None, root: Path = PROJECT_ROOT) -> Path | None:
    """The verified model for the current inputs, or None."""
    settings = settings or get_settings()
    model = settings.model_cache_dir / f"{fingerprint(root)}.tar.gz"
    recorded = model.with_suffix(".sha256")
    if not model.is_file() or not recorded.is_file():
        return None
    return verified(model)


def ensure_model(settings: Settings | None = None, root: Path = PROJECT_ROOT) -> Path:
    """Return the model for the current inputs, training it first if needed (one trainer at a time)."""
    settings = settings or get_settings()
    settings.model_cache_dir.mkdir(parents=True, exist_ok=True)
    lock_path = settings.model_cache_dir / ".train.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        existing = cached_model(settings, root)
        if existing is not None:
            return existing
        fp = fingerprint(root)
        started = time.monotonic()
        print(f"Training the assistant (inputs changed; fingerprint {fp})...", file=sys.stderr, flush=True)
        subprocess.run(  # noqa: S603 - fixed argument list, our own venv's Python
            training_command(
                config=str(root / "config.yml"),
                domain=str(root / "domain"),
                data=str(root / "data"),
                out=str(settings.model_cache_dir),
                name=fp,
            ),
            check=True,
            cwd=root,
            env=training_env(),
            stdout=sys.stderr,  # stdout carries only the model path (scripts capture it)
        )
        model = settings.model_cache_dir / f"{fp}.tar.gz"
        model.with_suffix(".sha256").write_text(_sha256(model) + "\n")
        print(f"Trained in {time.monotonic() - started:.0f} s: {model}", file=sys.stderr, flush=True)
        return model


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "ensure"
    if command == "fingerprint":
        print(fingerprint())
        return 0
    if command == "path":
        model = cached_model()
        if model is None:
            print("no trained model for the current inputs; run `python -m bot model ensure`", file=sys.stderr)
            return 1
        print(model)
        return 0
    if command == "ensure":
        print(ensure_model())
        return 0
    print("usage: python -m bot model {ensure,path,fingerprint}", file=sys.stderr)
    return 2
