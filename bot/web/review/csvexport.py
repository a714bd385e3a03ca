"""CSV export with protection against formula injection.

A cell that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
return, even after leading spaces) is prefixed with an apostrophe so it is shown as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    stripped = text.lstrip(" \n")
    if text.startswith(_FORMULA_STARTS) or stripped.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row; every cell passed through ``safe_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(c, "")) for c in columns])
    return buffer.getvalue()
