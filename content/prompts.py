"""Form prompts from content/prompts.yml. Plain Python: no Rasa imports."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PROMPTS_PATH = Path(__file__).resolve().parent / "prompts.yml"


@lru_cache(maxsize=2)
def load_prompts(path: Path = PROMPTS_PATH) -> dict[str, dict[str, Any]]:
    """Prompts by name: each has ``text`` and optional ``buttons`` ({title, payload})."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(data.get("prompts") or {})
