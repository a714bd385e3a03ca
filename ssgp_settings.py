"""All runtime configuration, read from environment variables in one place, with safe defaults.

Every default keeps the service private (loopback only), forgetful (short idle expiry) and
self-contained (SQLite file, no external servers).

Why a top-level module called ``ssgp_settings``: the Rasa side (``bot/``, ``actions/``) and the
operator commands of the plain libraries (``python -m concerns``) all read the same settings, and
the plain libraries (``concerns/``, ``content/``, ``services_directory/``) must not import ``bot/``;
so the settings live beside them rather than inside ``bot/``. The ``ssgp_`` prefix (Stronger Safer
Gloucester Partnership, as in the ``SSGP_*`` variables) keeps the name from colliding with any
installed package's ``settings`` module. The libraries' code never imports this module (only an
operator command's ``__main__`` does): callers pass them plain values (a database URL, a records folder).

Read settings with ``get_settings()``: built once per process and cached, so a message never
re-reads the environment. Each child process (Rasa server, action server, workers) builds its own
from the environment it was started with. Tests that change the environment call
``get_settings.cache_clear()``; code that needs particular values takes a ``Settings`` argument.
"""

from __future__ import annotations

import functools
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DIRECTORY_PATH = PROJECT_ROOT / "services_directory" / "records"
DEFAULT_TTL_SECONDS = 1800
CONCERN_DB_NAME = "concerns.sqlite3"


def sqlite_url(var_dir: Path) -> str:
    """The default concern store: an SQLite file in the var folder."""
    return f"sqlite:///{Path(var_dir) / CONCERN_DB_NAME}"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def _origins(name: str) -> tuple[str, ...]:
    """Comma-separated web origins (scheme://host[:port]), normalised; exits on a malformed one."""
    origins: list[str] = []
    for raw in os.environ.get(name, "").split(","):
        value = raw.strip().rstrip("/")
        if not value:
            continue
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise SystemExit(f"{name}: {value!r} is not an origin such as https://www.example.gov.uk")
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin not in origins:
            origins.append(origin)
    return tuple(origins)


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def _networks(name: str) -> tuple[str, ...]:
    """Comma-separated IP addresses or CIDR ranges, checked now so a typo stops the start."""
    raw = os.environ.get(name, "")
    out = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            out.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as exc:
            raise SystemExit(f"{name}: {item!r} is not an IP address or CIDR range") from exc
    return tuple(out)


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Read them with ``get_settings()`` (``Settings.from_env()`` builds a fresh
    copy); never read os.environ elsewhere."""

    # Public web app (widget, staff pages, ORUK API, /api/chat).
    web_host: str = "127.0.0.1"
    web_port: int = 8000
    # Private Rasa server and action server: loopback by default, never exposed.
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_host: str = "127.0.0.1"
    action_port: int = 5055
    # Rasa server processes (RASA_WORKERS). 1 = one process with conversations in its memory;
    # 2 or more = workers on ports rasa_port .. rasa_port+N-1 sharing conversations through Redis.
    rasa_workers: int = 1
    # Redis for several workers (redis://[:password@]host:port/db). Empty = a private redis-server.
    redis_url: str = field(default="", repr=False)
    # Shared secret between the web app and Rasa's private channel endpoints (forget).
    internal_token: str = ""
    # Conversations are forgotten after this many idle seconds.
    conversation_ttl_seconds: int = DEFAULT_TTL_SECONDS
    # A stored conversation keeps its last this many messages (and the state they left, so forms
    # and rules carry on); older ones are folded away at each save. 0 keeps the whole session.
    conversation_keep_messages: int = 6
    # Where trained models are cached by fingerprint.
    model_cache_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "models")
    # A specific trained model to serve (it must carry the .sha256 recorded when it was trained).
    model_path: Path | None = None
    # Services directory records.
    directory_path: Path = DEFAULT_DIRECTORY_PATH
    # Runtime files: the SQLite concern store, staff reports, generated Rasa config (SSGP_VAR_DIR).
    var_dir: Path = DEFAULT_VAR_DIR
    # Concern store (PostgreSQL via DATABASE_URL). Empty here means the SQLite file in var_dir;
    # __post_init__ fills it, so settings.database_url is always a complete URL.
    database_url: str = ""
    concern_retention_days: int = 365
    # Web chat limits.
    chat_max_chars: int = 2000
    chat_rate_per_minute: int = 30
    # Where the widget's quick exit sends the browser.
    exit_url: str = "https://www.bbc.co.uk/weather"
    # Partner web origins allowed to embed the widget from their own site (CORS on the widget's
    # endpoints only). Empty: the widget works only on pages served from this app's origin.
    widget_allowed_origins: tuple[str, ...] = ()
    # Log level for our own loggers; message text is never logged at INFO.
    log_level: str = "INFO"
    # Cookie "Secure" flag for staff sessions (off only for plain-http local development).
    secure_cookies: bool = False
    # Reverse proxies whose X-Forwarded-For we believe (IPs or CIDRs). Empty: the header is ignored
    # and the connecting address is the client.
    trusted_proxies: tuple[str, ...] = ()
    # Telegram channel (bot/channels/telegram). No token = channel present but inert.
    telegram_bot_token: str = field(default="", repr=False)
    # "webhook" (Telegram POSTs updates to us) or "polling" (we long-poll getUpdates).
    telegram_mode: str = "webhook"
    # Secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; webhook calls without it get 403.
    telegram_webhook_secret: str = field(default="", repr=False)
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    # HMAC key for conversation ids; empty = random per process (conversations end on restart).
    telegram_id_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "var_dir", Path(self.var_dir))
        if not self.database_url:
            object.__setattr__(self, "database_url", sqlite_url(self.var_dir))

    @classmethod
    def from_env(cls) -> Settings:
        var_dir = Path(_str("SSGP_VAR_DIR", str(DEFAULT_VAR_DIR)))
        return cls(
            web_host=_str("WEB_HOST", cls.web_host),
            web_port=_int("WEB_PORT", cls.web_port),
            rasa_host=_str("RASA_HOST", cls.rasa_host),
            rasa_port=_int("RASA_PORT", cls.rasa_port),
            action_host=_str("ACTION_HOST", cls.action_host),
            action_port=_int("ACTION_PORT", cls.action_port),
            rasa_workers=max(1, _int("RASA_WORKERS", cls.rasa_workers)),
            redis_url=_str("REDIS_URL", ""),
            internal_token=_str("SSGP_INTERNAL_TOKEN", ""),
            conversation_ttl_seconds=_int("CONVERSATION_TTL_SECONDS", cls.conversation_ttl_seconds),
            conversation_keep_messages=max(0, _int("CONVERSATION_KEEP_MESSAGES", cls.conversation_keep_messages)),
            model_cache_dir=Path(_str("MODEL_CACHE_DIR", str(PROJECT_ROOT / "models"))),
            model_path=Path(os.environ["SSGP_MODEL"]) if os.environ.get("SSGP_MODEL") else None,
            directory_path=Path(_str("DIRECTORY_PATH", str(DEFAULT_DIRECTORY_PATH))),
            var_dir=var_dir,
            database_url=_str("DATABASE_URL", sqlite_url(var_dir)),
            concern_retention_days=_int("CONCERN_RETENTION_DAYS", cls.concern_retention_days),
            chat_max_chars=_int("CHAT_MAX_CHARS", cls.chat_max_chars),
            chat_rate_per_minute=_int("CHAT_RATE_PER_MINUTE", cls.chat_rate_per_minute),
            exit_url=_str("EXIT_URL", cls.exit_url),
            widget_allowed_origins=_origins("WIDGET_ALLOWED_ORIGINS"),
            log_level=_str("LOG_LEVEL", cls.log_level).upper(),
            secure_cookies=_bool("SECURE_COOKIES", cls.secure_cookies),
            trusted_proxies=_networks("TRUSTED_PROXIES"),
            telegram_bot_token=_str("TELEGRAM_BOT_TOKEN", ""),
            telegram_mode=_str("TELEGRAM_MODE", cls.telegram_mode).lower(),
            telegram_webhook_secret=_str("TELEGRAM_WEBHOOK_SECRET", ""),
            telegram_api_base_url=_str("TELEGRAM_API_BASE_URL", cls.telegram_api_base_url),
            telegram_id_key=_str("TELEGRAM_ID_KEY", ""),
        )

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def rasa_urls(self) -> tuple[str, ...]:
        """Every Rasa worker's base URL (one per RASA_WORKERS, on consecutive ports)."""
        return tuple(f"http://{self.rasa_host}:{self.rasa_port + i}" for i in range(self.rasa_workers))


@functools.cache
def get_settings() -> Settings:
    """This process's settings, read from the environment once (``get_settings.cache_clear()``
    makes the next call read it again)."""
    return Settings.from_env()
