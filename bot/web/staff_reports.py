"""Reports of outdated directory records: check the note, then append one JSON line.

A report holds only the record key, the note (length-limited, control characters removed,
HTML-escaped so it is inert wherever it is later shown) and the date. Never an IP address, a time
of day or anything about the sender.
"""

from __future__ import annotations

import html
import json
import os
import re
import threading
from datetime import date
from pathlib import Path

MAX_NOTE_CHARS = 500
MAX_FILE_BYTES = 5 * 1024 * 1024
REPORTS_FILE = "directory-reports.jsonl"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_lock = threading.Lock()


class ReportError(ValueError):
    """The note cannot be stored; the message says why, in plain words."""


def clean_note(text: str) -> str:
    """The note as stored: trimmed, no control or direction characters, at most MAX_NOTE_CHARS, escaped."""
    cleaned = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not cleaned:
        raise ReportError("Say what looks out of date, for example a changed phone number or opening hours.")
    if len(cleaned) > MAX_NOTE_CHARS:
        raise ReportError(f"The note must be {MAX_NOTE_CHARS} characters or fewer (it has {len(cleaned)}).")
    return html.escape(cleaned, quote=True)


def append_report(var_dir: Path, key: str, note: str, today: date) -> Path:
    """Append one report line; raises ReportError when the inbox file is full."""
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / REPORTS_FILE
    line = json.dumps({"key": key, "note": clean_note(note), "date": today.isoformat()}, ensure_ascii=False)
    data = (line + "\n").encode("utf-8")
    with _lock:
        if path.exists() and path.stat().st_size + len(data) > MAX_FILE_BYTES:
            raise ReportError("The reports inbox is full. Please tell the directory team another way.")
        # One write() on an O_APPEND file: each report lands whole, even with several writers.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    return path
