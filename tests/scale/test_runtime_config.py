"""Runtime configuration for several workers: REDIS_URL parsing and no secret in the written files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.redis_store import RedisAddress
from bot.runner import write_runtime_config
from ssgp_settings import Settings


def test_redis_url_is_parsed_and_unsupported_forms_are_refused() -> None:
    address = RedisAddress.from_url("redis://:p%40ss@10.0.0.1:6380/2")
    assert (address.host, address.port, address.db, address.password) == ("10.0.0.1", 6380, 2, "p@ss")
    assert RedisAddress.from_url("redis://localhost").port == 6379
    for bad in ("rediss://:x@host/0", "redis://user:x@host/0", "http://host", "redis://host/zero"):
        with pytest.raises(SystemExit):
            RedisAddress.from_url(bad)


def test_shared_endpoints_use_redis_and_hold_no_password(tmp_path: Path) -> None:
    endpoints, credentials = write_runtime_config(Settings(), tmp_path, shared=True, channels=False)
    data = yaml.safe_load(endpoints.read_text())
    assert data["tracker_store"]["type"] == "bot.tracker_store.ExpiringRedisTrackerStore"
    assert data["lock_store"]["type"] == "bot.lock_store.AtomicRedisLockStore"
    assert data["tracker_store"]["password"] == data["lock_store"]["password"] == "${SSGP_REDIS_PASSWORD}"
    assert "${SSGP_REDIS_PASSWORD}" in endpoints.read_text()  # plain, so Rasa substitutes it
    single, _ = write_runtime_config(Settings(), tmp_path)
    assert "redis" not in single.read_text().lower()
    assert credentials.exists()


def test_children_run_numpy_on_one_blas_thread_unless_told_otherwise(monkeypatch) -> None:
    from bot.runner import child_env
    from ssgp_settings import get_settings

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert child_env(get_settings())["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    assert child_env(get_settings())["OPENBLAS_NUM_THREADS"] == "4"
