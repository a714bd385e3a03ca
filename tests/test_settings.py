"""Settings: read once per process in ssgp_settings, and the plain libraries never reach into bot/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ssgp_settings import DEFAULT_VAR_DIR, PROJECT_ROOT, Settings, get_settings

LIBRARIES = ("concerns", "content", "services_directory", "gloucester")


def test_settings_are_read_once_until_the_cache_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAT_MAX_CHARS", "123")
    first = get_settings()
    assert first.chat_max_chars == 123
    monkeypatch.setenv("CHAT_MAX_CHARS", "456")
    assert get_settings() is first  # a message never re-reads the environment
    get_settings.cache_clear()
    assert get_settings().chat_max_chars == 456


def test_the_database_url_and_var_folder_are_always_filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SSGP_VAR_DIR", str(tmp_path))
    settings = Settings.from_env()
    assert settings.var_dir == tmp_path
    assert settings.database_url == f"sqlite:///{tmp_path / 'concerns.sqlite3'}"
    assert Settings().var_dir == DEFAULT_VAR_DIR == PROJECT_ROOT / "var"
    assert Settings().database_url == f"sqlite:///{DEFAULT_VAR_DIR / 'concerns.sqlite3'}"
    assert Settings(var_dir=tmp_path).database_url.endswith(f"{tmp_path}/concerns.sqlite3")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert Settings.from_env().database_url == "postgresql://u@h/db"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("library", LIBRARIES)
def test_plain_libraries_import_nothing_from_bot_and_read_no_environment(library: str) -> None:
    for path in (PROJECT_ROOT / library).rglob("*.py"):
        imports = _imports(path)
        assert not {m for m in imports if m == "bot" or m.startswith("bot.")}, path
        # Only an operator command's entry point may read the settings (and then passes plain values).
        if path.name != "__main__.py":
            assert "ssgp_settings" not in imports, path
        assert "os.environ" not in path.read_text(encoding="utf-8"), path
