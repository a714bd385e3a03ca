"""Redis for several Rasa workers: a private ``redis-server``, or the one ``REDIS_URL`` names.

The private server holds conversations in memory only: no RDB snapshots, no append-only file
(``save ""``, ``appendonly no``), loopback only, a random password for each run, and its working
directory is a fresh private folder that is removed when it stops. Conversations never reach a disk.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Key prefixes inside one Redis database (hosted Redis often offers only database 0).
KEY_PREFIX = "ssgp"
# A worker killed in the middle of a message leaves its lock ticket behind; the next worker
# waits at most this long for it (Rasa's default is 60 s, longer than the web app's timeout).
DEFAULT_LOCK_LIFETIME_SECONDS = 20
START_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class RedisAddress:
    host: str
    port: int
    db: int = 0
    password: str = field(default="", repr=False)
    username: str = ""
    use_ssl: bool = False

    @classmethod
    def from_url(cls, url: str) -> RedisAddress:
        """``redis://[:password@]host[:port][/db]``.

        TLS (``rediss://``) and user names are refused rather than ignored: the workers' endpoint
        configuration passes host, port, database and password only.
        """
        parts = urlsplit(url)
        if parts.scheme != "redis" or not parts.hostname:
            raise SystemExit("REDIS_URL must look like redis://:password@host:6379/0 (rediss:// is not supported)")
        if parts.username:
            raise SystemExit("REDIS_URL: user names are not supported; give only a password (redis://:password@host)")
        db = parts.path.strip("/") or "0"
        if not db.isdigit():
            raise SystemExit("REDIS_URL: the database after the last / must be a number")
        return cls(
            host=parts.hostname,
            port=parts.port or 6379,
            db=int(db),
            password=unquote(parts.password or ""),
        )

    def ping(self, timeout: float = 1.0) -> bool:
        import redis

        try:
            client = redis.Redis(
                host=self.host, port=self.port, db=self.db, password=self.password or None,
                username=self.username or None, ssl=self.use_ssl,
                socket_timeout=timeout, socket_connect_timeout=timeout,
            )
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.RedisError, OSError):
            return False


def endpoint_sections(password_env: str) -> dict[str, dict]:
    """``tracker_store`` and ``lock_store`` for endpoints.yml; secrets come from the environment.

    Rasa substitutes ``${VAR}`` in endpoints.yml when it reads it, so the password is never written
    into the runtime file. ``record_exp`` is left out: the store reads CONVERSATION_TTL_SECONDS.
    """
    common = {
        "url": "${SSGP_REDIS_HOST}",
        "port": "${SSGP_REDIS_PORT}",
        "db": "${SSGP_REDIS_DB}",
        "password": "${" + password_env + "}",
        "key_prefix": KEY_PREFIX,
    }
    return {
        "tracker_store": {"type": "bot.tracker_store.ExpiringRedisTrackerStore", **common},
        "lock_store": {"type": "bot.lock_store.AtomicRedisLockStore", **common},
    }


def endpoint_env(address: RedisAddress, password_env: str) -> dict[str, str]:
    return {
        "SSGP_REDIS_HOST": address.host,
        "SSGP_REDIS_PORT": str(address.port),
        "SSGP_REDIS_DB": str(address.db),
        password_env: address.password,
    }


def redis_server_binary() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateRedis:
    """A ``redis-server`` child on loopback, memory only. ``start`` may be called again after a crash
    (same port and password, so workers reconnect by themselves)."""

    def __init__(self, port: int | None = None) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise SystemExit(
                "RASA_WORKERS is 2 or more but redis-server is not installed: run "
                "scripts/ensure_redis.sh (Debian's redis-server package), or set REDIS_URL."
            )
        self.binary = binary
        self.address = RedisAddress(host="127.0.0.1", port=port or _free_port(),
                                    password=secrets.token_urlsafe(32))
        self.workdir = Path(tempfile.mkdtemp(prefix="ssgp-redis-"))  # mode 0700
        self.proc: subprocess.Popen | None = None

    def config_text(self) -> str:
        # One directive a line; the password is quoted (token_urlsafe has no quotes or spaces).
        return "\n".join([
            "bind 127.0.0.1",
            f"port {self.address.port}",
            "protected-mode yes",
            f'requirepass "{self.address.password}"',
            'save ""',
            "appendonly no",
            f"dir {self.workdir}",
            'dbfilename "never-written.rdb"',
            "daemonize no",
            "loglevel warning",
            'logfile ""',
            "databases 1",
        ]) + "\n"

    def start(self) -> subprocess.Popen:
        # The configuration arrives on stdin ("redis-server -"), so the password is neither on the
        # command line (visible in ps) nor in a file.
        self.proc = subprocess.Popen(  # noqa: S603 - fixed arguments
            [self.binary, "-"], stdin=subprocess.PIPE, start_new_session=True, cwd=self.workdir,
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(self.config_text().encode())
        self.proc.stdin.close()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited at start (code {self.proc.returncode})")
            if self.address.ping(0.5):
                return self.proc
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer within 10 s")

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
