"""The action server (``python -m bot actions``) prepares the concern store when it starts.

Issue 14: nothing about a submission (a migration's log lines or its delay) may happen at the
moment a concern is sent, so the schema must be in place before the first concern arrives.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_the_concern_store_is_migrated_at_start_before_any_concern(tmp_path):
    database = tmp_path / "concerns.sqlite3"
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SSGP_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{database}",
        "ACTION_PORT": str(port),
    }
    log = (tmp_path / "actions.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "bot", "actions"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "actions.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "action server did not start"
                time.sleep(0.3)
        # Serving, and no concern has been sent: the schema is already there.
        assert database.is_file()
        tables = _tables(database)
        assert "alembic_version" in tables and "concerns" in tables, tables
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT count(*) FROM concerns").fetchone() == (0,)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
