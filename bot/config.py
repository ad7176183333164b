"""Settings of `applicant-bot serve`, read from the environment once at start and checked there.

Every setting has an embedded default, so `applicant-bot serve` runs with no configuration at all
(web only, SQLite under the per-user data directory). A setting that is present but malformed
stops the start with one line naming the variable (``ConfigError``; `serve` exits with status 2):
a typo must not quietly turn a feature off or expose it.

    APPLICANT_BOT_DATA_DIR         data directory (default: platformdirs user data dir)
    APPLICANT_BOT_TELEGRAM_TOKEN   BotFather token; Telegram is on when it is set
    APPLICANT_BOT_TELEGRAM_SECRET  webhook secret (1-256 of A-Z a-z 0-9 _ -); generated when unset
    APPLICANT_BOT_TELEGRAM_API_URL Bot API base URL, the token is appended (PTB's base_url)
    APPLICANT_BOT_PUBLIC_URL       https URL of this server: webhook mode; unset: long polling
    APPLICANT_BOT_STAFF_TOKEN      staff page password (>= 16 characters, >= 8 different); unset: off
    APPLICANT_BOT_ALLOWED_ORIGINS  comma list of origins allowed to call the API from a browser
    APPLICANT_BOT_RATE_LIMIT       "N/S" = N messages per S seconds per session, or "off"
    APPLICANT_BOT_TRUSTED_PROXIES  comma list of proxy IPs/CIDRs whose X-Forwarded-* is believed
    APPLICANT_BOT_NLU_CACHE        how many understood messages to remember (default 4096, 0 = off)
    APPLICANT_BOT_RETENTION_DAYS   days conversations are kept (default 90); serve purges older ones daily
    APPLICANT_BOT_FRAME_ANCESTORS  comma list of origins that may frame the chat page (default: none)
    APPLICANT_BOT_HEAD_TIMEOUT     seconds a connection has to send a complete request head (default 15)
    APPLICANT_BOT_BODY_TIMEOUT     seconds a request has to deliver its body after its head (default 30)
    APPLICANT_BOT_MAX_CONNECTIONS  open connections at most (default 4096, always under the descriptor limit)
    APPLICANT_BOT_METRICS_TOKEN    Bearer token for GET /metrics from other hosts (loopback needs none)
    APPLICANT_BOT_TELEGRAM_BACKOFF "MIN-MAX" seconds between tries of a failed send (default 1-300)
    APPLICANT_BOT_TELEGRAM_GIVE_UP_AFTER  how long a reply is retried before it is marked failed (24h)
    APPLICANT_BOT_TELEGRAM_TIMEOUT seconds one Bot API call may take (default 10)
"""
from __future__ import annotations

import ipaddress
import logging
import os
import secrets
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Mapping

from .config_values import (  # noqa: F401  (imported from here by serve, the web app and tests)
    ConfigError,
    RateLimit,
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEAD_TIMEOUT,
    DEFAULT_HOST,
    DEFAULT_NLU_CACHE,
    DEFAULT_PORT,
    DEFAULT_RATE_LIMIT,
    DEFAULT_RETENTION_DAYS,
    DEFAULT_TELEGRAM_API_URL,
    DEFAULT_TELEGRAM_BACKOFF,
    DEFAULT_TELEGRAM_GIVE_UP_AFTER,
    DEFAULT_TELEGRAM_TIMEOUT,
    MAX_NLU_CACHE,
    MAX_RETENTION_DAYS,
    MAX_TIMEOUT,
    MIN_STAFF_TOKEN_CHARS,
    MIN_STAFF_TOKEN_DISTINCT,
    PREFIX,
    parse_api_url,
    parse_backoff,
    parse_data_dir,
    parse_duration,
    parse_frozen_moment,
    parse_host,
    parse_max_connections,
    parse_nlu_cache,
    parse_now,
    parse_origins,
    parse_port,
    parse_proxies,
    parse_public_url,
    parse_rate_limit,
    parse_retention_days,
    parse_seconds,
    parse_secret_token,
    parse_telegram_secret,
    parse_telegram_token,
    parse_today,
)

log = logging.getLogger(__name__)

# Other modules read these themselves; listed so the unknown-variable warning stays quiet.
KNOWN_ELSEWHERE = {"EXAM", "LOG_LEVEL"}
KNOWN = {
    "DATA_DIR", "TELEGRAM_TOKEN", "TELEGRAM_SECRET", "TELEGRAM_API_URL", "PUBLIC_URL", "STAFF_TOKEN",
    "ALLOWED_ORIGINS", "RATE_LIMIT", "TRUSTED_PROXIES", "NLU_CACHE", "RETENTION_DAYS",
    "FRAME_ANCESTORS", "HEAD_TIMEOUT", "BODY_TIMEOUT", "MAX_CONNECTIONS", "METRICS_TOKEN",
    "TELEGRAM_BACKOFF", "TELEGRAM_GIVE_UP_AFTER", "TELEGRAM_TIMEOUT",
} | KNOWN_ELSEWHERE


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    now: datetime | None = None  # --now / --today: the frozen moment of the bot's clock
    telegram_token: str | None = field(default=None, repr=False)
    telegram_secret: str | None = field(default=None, repr=False)
    telegram_secret_generated: bool = False
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL
    public_url: str | None = None
    staff_token: str | None = field(default=None, repr=False)
    allowed_origins: tuple[str, ...] = ()
    rate_limit: RateLimit | None = RateLimit(30, 60)
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    nlu_cache: int = DEFAULT_NLU_CACHE
    retention_days: int = DEFAULT_RETENTION_DAYS
    frame_ancestors: tuple[str, ...] = ()
    head_timeout: float = DEFAULT_HEAD_TIMEOUT
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    max_connections: int | None = None  # None: bot.web.connections decides from the descriptor limit
    metrics_token: str | None = field(default=None, repr=False)
    telegram_backoff: tuple[float, float] = DEFAULT_TELEGRAM_BACKOFF
    telegram_give_up_after: float = DEFAULT_TELEGRAM_GIVE_UP_AFTER
    telegram_timeout: float = DEFAULT_TELEGRAM_TIMEOUT

    @property
    def today(self) -> date | None:
        return self.now.date() if self.now else None

    @property
    def db_path(self) -> Path:
        from .storage import DB_FILENAME

        return self.data_dir / DB_FILENAME

    @property
    def telegram_mode(self) -> str | None:
        """"webhook", "polling", or None when Telegram is off."""
        if not self.telegram_token:
            return None
        return "webhook" if self.public_url else "polling"

    @property
    def webhook_url(self) -> str | None:
        return f"{self.public_url}/telegram/webhook" if self.public_url else None

    @property
    def allows_any_origin(self) -> bool:
        return "*" in self.allowed_origins

    def with_overrides(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        host: str | None = None,
        port: int | str | None = None,
        today: str | date | None = None,
        now: str | datetime | None = None,
    ) -> "Settings":
        """Read and check every setting; ``host``/``port``/``today``/``now`` are `serve`'s options."""
        env = os.environ if env is None else env
        _warn_unknown(env)

        def get(name: str) -> str | None:
            value = env.get(PREFIX + name)
            return value.strip() if value is not None and value.strip() else None

        token = parse_telegram_token(get("TELEGRAM_TOKEN"))
        public_url = parse_public_url(get("PUBLIC_URL"))
        secret = parse_telegram_secret(get("TELEGRAM_SECRET"))
        generated = False
        if secret is None and token and public_url:
            # Webhook mode needs a secret; one made here is registered with set_webhook at start,
            # so it works without the operator inventing one (it changes on every restart).
            secret, generated = secrets.token_urlsafe(32), True
        staff = parse_secret_token("STAFF_TOKEN", get("STAFF_TOKEN"))
        return cls(
            data_dir=parse_data_dir(get("DATA_DIR")),
            host=parse_host(host) if host is not None else DEFAULT_HOST,
            port=parse_port(port) if port is not None else DEFAULT_PORT,
            now=parse_frozen_moment(today=today, now=now),
            telegram_token=token,
            telegram_secret=secret,
            telegram_secret_generated=generated,
            telegram_api_url=parse_api_url(get("TELEGRAM_API_URL")),
            public_url=public_url,
            staff_token=staff,
            allowed_origins=parse_origins(get("ALLOWED_ORIGINS")),
            rate_limit=parse_rate_limit(get("RATE_LIMIT") or DEFAULT_RATE_LIMIT),
            trusted_proxies=parse_proxies(get("TRUSTED_PROXIES")),
            nlu_cache=parse_nlu_cache(get("NLU_CACHE")),
            retention_days=parse_retention_days(get("RETENTION_DAYS")),
            frame_ancestors=parse_origins(get("FRAME_ANCESTORS"), "FRAME_ANCESTORS"),
            head_timeout=parse_seconds("HEAD_TIMEOUT", get("HEAD_TIMEOUT"), DEFAULT_HEAD_TIMEOUT),
            body_timeout=parse_seconds("BODY_TIMEOUT", get("BODY_TIMEOUT"), DEFAULT_BODY_TIMEOUT),
            max_connections=parse_max_connections(get("MAX_CONNECTIONS")),
            metrics_token=parse_secret_token("METRICS_TOKEN", get("METRICS_TOKEN")),
            telegram_backoff=parse_backoff(get("TELEGRAM_BACKOFF")),
            telegram_give_up_after=parse_duration("TELEGRAM_GIVE_UP_AFTER", get("TELEGRAM_GIVE_UP_AFTER"),
                                                  DEFAULT_TELEGRAM_GIVE_UP_AFTER),
            telegram_timeout=parse_seconds("TELEGRAM_TIMEOUT", get("TELEGRAM_TIMEOUT"), DEFAULT_TELEGRAM_TIMEOUT),
        )


def _warn_unknown(env: Mapping[str, str]) -> None:
    for name in env:
        if name.startswith(PREFIX) and name[len(PREFIX):] not in KNOWN:
            log.warning("unknown setting %s is ignored (check its spelling)", name)


def ensure_data_dir(settings: Settings) -> Path:
    """Create the data directory and prove it is writable, or fail with one line."""
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"{PREFIX}DATA_DIR {str(path)!r} is not a writable directory: {exc.strerror or exc}") from None
    return path
