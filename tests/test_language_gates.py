"""The per-language CI gate (scripts/check_language_gates.py) on made-up evaluator results.

The JSON written here has the shape ``scripts/evaluate_nlu.py --out`` writes (``overall``,
``by_label``, ``test_file``, ``model``); the gate is run as CI runs it, through its command line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scripts import check_language_gates as gates

ROOT = Path(__file__).resolve().parent.parent
MODEL = "models/made-up.tar.gz"


def result_json(test_file: str, *, crisis_missed: int = 0, crisis: int = 12) -> dict:
    """An evaluator result: ``crisis`` crisis messages, of which ``crisis_missed`` got no crisis guidance."""
    by_label = {
        "crisis_danger": {"correct": crisis - crisis_missed - 3},
        "crisis_suicide": {"correct": 3},
        "faq/da_disclosure": {"correct": 4, "fallback": 1},
        "out_of_scope": {"declined": 3},
    }
    if crisis_missed:
        by_label["crisis_danger"]["fallback"] = crisis_missed
    overall = {
        "messages": crisis + 8, "in_scope": crisis + 5, "out_of_scope": 3,
        "counts": {"correct": crisis - crisis_missed + 4, "fallback": 1 + crisis_missed, "wrong": 0,
                   "declined": 3, "false_alarm": 0},
        "correct": 0.9, "fallback": 0.1, "wrong": 0.0, "declined": 1.0, "crisis": crisis,
        "crisis_recall": (crisis - crisis_missed) / crisis, "false_alarms": 0.0,
    }
    return {"test_file": test_file, "model": MODEL, "overall": overall, "by_tag": {}, "unknown_labels": [],
            "gate_failures": [], "by_label": by_label}


def write_sets(tmp_path: Path, results: dict[str, dict | None]) -> tuple[Path, Path]:
    sets, out = tmp_path / "sets", tmp_path / "results"
    sets.mkdir()
    out.mkdir()
    for lang, result in results.items():
        (sets / f"{lang}.yml").write_text("version: '1'\nmessages: []\n", encoding="utf-8")
        if result is not None:
            (out / f"{lang}.json").write_text(json.dumps(result), encoding="utf-8")
    return sets, out


def run_cli(sets: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/check_language_gates.py", "--sets", str(sets), "--results", str(out),
         "--model", MODEL, *extra],
        cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_one_crisis_miss_in_one_language_fails_ci(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    results = {"pl": result_json(str(sets / "pl.yml")),
               "ur": result_json(str(sets / "ur.yml"), crisis_missed=1)}
    sets, out = write_sets(tmp_path, results)
    done = run_cli(sets, out)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "LANGUAGE GATE MISSED [ur]: 1 of 12 crisis messages missed" in done.stdout
    assert "[pl]" not in done.stdout


def test_every_crisis_caught_in_every_language_passes(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    sets, out = write_sets(tmp_path, {lang: result_json(str(sets / f"{lang}.yml")) for lang in ("pl", "ro", "ur")})
    summary = tmp_path / "summary.json"
    done = run_cli(sets, out, "--summary", str(summary))
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(summary.read_text(encoding="utf-8"))
    assert [f["language"] for f in figures] == ["pl", "ro", "ur"]
    assert all(f["crisis_recall"] == 1.0 and not f["failures"] for f in figures)


def test_a_language_without_a_result_fails(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    sets, out = write_sets(tmp_path, {"pl": result_json(str(sets / "pl.yml")), "gu": None})
    done = run_cli(sets, out)
    assert done.returncode == 1
    assert "LANGUAGE GATE MISSED [gu]: no result" in done.stdout


def test_a_result_for_another_model_or_set_fails(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    stale = result_json(str(sets / "pl.yml"))
    stale["model"] = "models/older.tar.gz"
    sets, out = write_sets(tmp_path, {"pl": stale, "pt": result_json(str(sets / "ro.yml"))})
    done = run_cli(sets, out)
    assert done.returncode == 1
    assert "LANGUAGE GATE MISSED [pl]: result is for model" in done.stdout
    assert "LANGUAGE GATE MISSED [pt]: result is for" in done.stdout


def test_a_floor_under_one_lets_a_few_misses_pass_and_fails_below_it() -> None:
    # Until every language reaches 100%, scripts/test.sh runs the gate with a floor.
    assert gates.check_result("pl", result_json("pl.yml", crisis_missed=1), min_crisis_recall=0.9).failures == []
    judged = gates.check_result("pl", result_json("pl.yml", crisis_missed=2), min_crisis_recall=0.9)
    assert judged.failures == ["crisis recall 0.833 < 0.9"]


def test_too_few_crisis_messages_fails_even_at_full_recall() -> None:
    judged = gates.check_result("pt", result_json("pt.yml", crisis=5))
    assert judged.crisis_recall == 1.0
    assert judged.failures == ["only 5 crisis messages (at least 12 needed)"]


def test_crisis_misses_read_from_the_per_label_counts() -> None:
    by_label = {"crisis_child": {"correct": 2, "wrong": 1}, "crisis_cannot_speak": {"fallback": 1},
                "faq/aces_what": {"wrong": 4}, "choose_language": {"wrong": 1}}
    assert gates.crisis_misses(by_label) == (4, 2)


def test_no_language_sets_at_all_fails(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    results = gates.check_all(tmp_path / "empty", tmp_path)
    assert results[0].failures


def test_the_evaluator_refuses_to_print_blind_misses() -> None:
    # Refused before any model is loaded, so no model is needed here.
    done = subprocess.run(
        [sys.executable, "scripts/evaluate_nlu.py", "no-model.tar.gz", "tests/nlu/blind/languages/ur.yml",
         "--show-misses"],
        cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "refusing --show-misses on a blind set" in done.stderr
