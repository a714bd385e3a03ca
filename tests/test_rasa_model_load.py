"""Serving's faster model loading (bot/rasa_model_load.py) gives the same assistant.

Each loading runs in its own process (the change is installed into Rasa's classes), parses the same
messages, and the intent and FAQ-answer rankings must be identical, confidences included, and the
graph's domain the same as the one Rasa parses from the model's domain.yml. The archive extraction
must refuse what Rasa's refuses.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import tarfile
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

    provider = agent.processor.graph_runner._instantiated_nodes["domain_provider"]._component
    domain = provider.provide_inference()
    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    steps = [type(node._component.model._tf_predict_step).__name__ for node in nodes
             if hasattr(getattr(getattr(node, "_component", None), "model", None), "_tf_predict_step")]
    return {
        "prediction_steps": steps,
        "parses": asyncio.run(parse()),
        "domain": domain.fingerprint(),
        "domain_is_metadata_domain": domain is agent.processor.model_metadata.domain,
    }


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
    assert serving_load["parses"] == rasa_load["parses"]
    # DIET and the ResponseSelector: the serving load calls each prediction flat (FlatPrediction).
    assert serving_load["prediction_steps"] == ["FlatPrediction", "FlatPrediction"]
    assert "FlatPrediction" not in rasa_load["prediction_steps"]
    assert serving_load["domain"] == rasa_load["domain"]  # Rasa's is parsed from domain.yml
    assert serving_load["domain_is_metadata_domain"] and not rasa_load["domain_is_metadata_domain"]


def test_install_replaces_rasas_loading_once() -> None:
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.graph_components.providers.domain_provider import DomainProvider
    from rasa.utils.tensorflow.models import RasaModel

    from bot import rasa_model_load

    hooks = [(RasaModel, "load"), (LocalModelStorage, "_extract_archive_to_directory"),
             (LocalModelStorage, "from_model_archive"), (DomainProvider, "load")]
    originals = [owner.__dict__[name] for owner, name in hooks]
    try:
        assert rasa_model_load.install() is True
        assert rasa_model_load.install() is False  # already installed: not wrapped twice
        for (owner, name), original in zip(hooks, originals, strict=True):
            assert owner.__dict__[name] is not original
    finally:
        for (owner, name), original in zip(hooks, originals, strict=True):
            setattr(owner, name, original)


def _archive(tmp_path: Path, member: tarfile.TarInfo, data: bytes = b"") -> Path:
    path = tmp_path / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        ok = tarfile.TarInfo("metadata.json")
        ok.size = 2
        tar.addfile(ok, io.BytesIO(b"{}"))
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data) if data else None)
    return path


def test_extraction_unpacks_a_model_archive(tmp_path: Path) -> None:
    from bot.rasa_model_load import extract_archive

    archive = _archive(tmp_path, tarfile.TarInfo("components/a/weights.bin"), b"\x00\x01")
    (tmp_path / "out").mkdir()
    extract_archive(archive, tmp_path / "out")
    assert (tmp_path / "out" / "components" / "a" / "weights.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "out" / "metadata.json").read_text() == "{}"


@pytest.mark.parametrize("kind", ["parent", "symlink out", "hard link out", "device"])
def test_extraction_refuses_members_that_escape_the_folder(tmp_path: Path, kind: str) -> None:
    from bot.rasa_model_load import extract_archive

    member = tarfile.TarInfo("../escaped.txt")
    data = b"x"
    if kind == "symlink out":
        member, data = tarfile.TarInfo("components/link"), b""
        member.type, member.linkname = tarfile.SYMTYPE, "../../../etc/passwd"
    elif kind == "hard link out":
        member, data = tarfile.TarInfo("components/hard"), b""
        member.type, member.linkname = tarfile.LNKTYPE, "/etc/passwd"
    elif kind == "device":
        member, data = tarfile.TarInfo("components/dev"), b""
        member.type = tarfile.CHRTYPE
    archive = _archive(tmp_path, member, data)
    (tmp_path / "out").mkdir()
    with pytest.raises(tarfile.FilterError):
        extract_archive(archive, tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


if __name__ == "__main__":
    print(json.dumps(_parse_all(sys.argv[1], sys.argv[2] == "serving")))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_prefetched_archive_is_moved_into_place_once(tmp_path: Path) -> None:
    from bot import rasa_model_load

    archive = _archive(tmp_path, tarfile.TarInfo("components/a/weights.bin"), b"\x07")
    rasa_model_load.prefetch(archive)
    prefetched = rasa_model_load._prefetched
    assert prefetched is not None
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    rasa_model_load.extract_archive(archive, tmp_path / "first")
    rasa_model_load.extract_archive(archive, tmp_path / "second")  # no prefetch left: extracted again
    assert _files(tmp_path / "first") == _files(tmp_path / "second") == {
        "components/a/weights.bin": b"\x07", "metadata.json": b"{}"}
    assert not prefetched.folder.exists()


def test_a_prefetch_of_another_archive_is_not_used(tmp_path: Path) -> None:
    from bot import rasa_model_load

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    other = _archive(tmp_path / "a", tarfile.TarInfo("components/other.bin"), b"\x01")
    wanted = _archive(tmp_path / "b", tarfile.TarInfo("components/wanted.bin"), b"\x02")
    rasa_model_load.prefetch(other)
    prefetched = rasa_model_load._prefetched
    (tmp_path / "out").mkdir()
    rasa_model_load.extract_archive(wanted, tmp_path / "out")
    assert _files(tmp_path / "out") == {"components/wanted.bin": b"\x02", "metadata.json": b"{}"}
    assert prefetched is not None and not prefetched.folder.exists()


def test_a_failed_prefetch_fails_the_extraction_the_same_way(tmp_path: Path) -> None:
    from bot import rasa_model_load

    archive = _archive(tmp_path, tarfile.TarInfo("../escaped.txt"), b"x")
    rasa_model_load.prefetch(archive)
    (tmp_path / "out").mkdir()
    with pytest.raises(tarfile.FilterError):
        rasa_model_load.extract_archive(archive, tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()
