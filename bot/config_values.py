"""How each setting of `applicant-bot serve` is read: one parser per value (each raises
``ConfigError`` with the variable's name), and the defaults and limits they apply. ``bot.config``
reads the environment with them into ``Settings``."""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from . import clock

PREFIX = "APPLICANT_BOT_"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"
DEFAULT_RATE_LIMIT = "30/60"
DEFAULT_NLU_CACHE = 4096
MAX_NLU_CACHE = 1_000_000
MIN_STAFF_TOKEN_CHARS = 16
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 36_500
MIN_STAFF_TOKEN_DISTINCT = 8  # "aaaaaaaaaaaaaaaa" is 16 characters and one guess
DEFAULT_HEAD_TIMEOUT = 15.0
DEFAULT_BODY_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0
DEFAULT_TELEGRAM_BACKOFF = (1.0, 300.0)
DEFAULT_TELEGRAM_GIVE_UP_AFTER = 24 * 3600.0
DEFAULT_TELEGRAM_TIMEOUT = 10.0

_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")  # "<bot id>:<secret>", as BotFather prints it
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook's secret_token accepts
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*(?:s|sec|seconds?)?\s*$")
_NUMBER = r"\d+(?:\.\d+)?"
_BACKOFF = re.compile(rf"^({_NUMBER})\s*-\s*({_NUMBER})$")
_DURATION = re.compile(rf"^({_NUMBER})\s*(s|m|h|d)?$")
_DURATION_UNITS = {None: 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class ConfigError(ValueError):
    """A setting is malformed. ``str()`` is the one line shown to the operator."""


@dataclass(frozen=True)
class RateLimit:
    requests: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.requests}/{self.seconds}"


def parse_telegram_token(value: str | None) -> str | None:
    if value is not None and not _TOKEN.match(value):
        raise ConfigError(
            f"{PREFIX}TELEGRAM_TOKEN is not a bot token (expected '<digits>:<letters>' as BotFather gives it)"
        )
    return value


def parse_telegram_secret(value: str | None) -> str | None:
    if value is not None and not _SECRET.match(value):
        raise ConfigError(
            f"{PREFIX}TELEGRAM_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram refuses others)"
        )
    return value


def parse_secret_token(name: str, value: str | None) -> str | None:
    """A password-like token: long enough, without spaces, and not a few characters repeated."""
    if value is None:
        return None
    if len(value) < MIN_STAFF_TOKEN_CHARS or re.search(r"\s", value) or len(set(value)) < MIN_STAFF_TOKEN_DISTINCT:
        raise ConfigError(
            f"{PREFIX}{name} is too weak: use at least {MIN_STAFF_TOKEN_CHARS} characters, no spaces, at least "
            f"{MIN_STAFF_TOKEN_DISTINCT} different ones (e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
        )
    return value


def parse_data_dir(value: str | None) -> Path:
    if value is None:
        from .storage import default_data_dir

        return default_data_dir()
    if "\x00" in value:
        raise ConfigError(f"{PREFIX}DATA_DIR is not a usable path")
    return Path(value).expanduser()


def parse_public_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme != "https":
        raise ConfigError(f"{PREFIX}PUBLIC_URL must start with https:// (Telegram only calls https webhooks): {value!r}")
    if not parts.hostname or parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(f"{PREFIX}PUBLIC_URL must be a plain https://host[:port][/path] URL: {value!r}")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(f"{PREFIX}PUBLIC_URL has an invalid port: {value!r}") from None
    if parts.port not in (None, 443, 80, 88, 8443):
        raise ConfigError(f"{PREFIX}PUBLIC_URL port must be 443, 80, 88 or 8443 (Telegram's webhook ports): {value!r}")
    return value.rstrip("/")


def parse_api_url(value: str | None) -> str:
    if value is None:
        return DEFAULT_TELEGRAM_API_URL
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{PREFIX}TELEGRAM_API_URL must be an http(s) URL such as https://api.telegram.org/bot: {value!r}"
        )
    return value


def parse_origins(value: str | None, name: str = "ALLOWED_ORIGINS") -> tuple[str, ...]:
    if value is None:
        return ()
    origins = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        if item == "*":
            origins.append(item)
            continue
        parts = urlsplit(item)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
            raise ConfigError(
                f"{PREFIX}{name} entries must be origins like https://exam.example.kr (no path): {item!r}"
            )
        origins.append(f"{parts.scheme}://{parts.netloc}".lower())
    return tuple(dict.fromkeys(origins))


def parse_rate_limit(value: str) -> RateLimit | None:
    if value.lower() in ("off", "none", "0", "false", "no"):
        return None
    m = _RATE.match(value)
    if not m or int(m.group(1)) < 1 or int(m.group(2)) < 1:
        raise ConfigError(f"{PREFIX}RATE_LIMIT must be 'N/S' (N messages per S seconds, e.g. 30/60) or 'off': {value!r}")
    return RateLimit(int(m.group(1)), int(m.group(2)))


def parse_nlu_cache(value: str | None) -> int:
    if value is None:
        return DEFAULT_NLU_CACHE
    if value.lower() == "off":
        return 0
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_NLU_CACHE:
        raise ConfigError(f"{PREFIX}NLU_CACHE must be a number of messages from 0 (off) to {MAX_NLU_CACHE:,}: {value!r}")
    return int(value)


def parse_seconds(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= MAX_TIMEOUT:  # NaN fails this too
        raise ConfigError(f"{PREFIX}{name} must be a number of seconds above 0 and up to {MAX_TIMEOUT:g}: {value!r}")
    return seconds


def parse_max_connections(value: str | None) -> int | None:
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 1_000_000:
        raise ConfigError(f"{PREFIX}MAX_CONNECTIONS must be a number of connections from 1 to 1,000,000: {value!r}")
    return int(value)


def parse_backoff(value: str | None) -> tuple[float, float]:
    if value is None:
        return DEFAULT_TELEGRAM_BACKOFF
    m = _BACKOFF.match(value)
    if not m or not 0 < float(m.group(1)) <= float(m.group(2)) <= 86400:
        raise ConfigError(
            f"{PREFIX}TELEGRAM_BACKOFF must be 'MIN-MAX' seconds between tries, MIN > 0 and MIN <= MAX (e.g. 1-300): {value!r}"
        )
    return float(m.group(1)), float(m.group(2))


def parse_duration(name: str, value: str | None, default: float, *, at_most: float = 30 * 86400.0) -> float:
    """Seconds, or a number with s / m / h / d ("90s", "15m", "24h", "2d")."""
    if value is None:
        return default
    m = _DURATION.match(value.lower())
    seconds = float(m.group(1)) * _DURATION_UNITS[m.group(2)] if m else 0.0
    if not 0 < seconds <= at_most:
        raise ConfigError(f"{PREFIX}{name} must be a duration such as 30s, 15m or 24h (more than 0, at most "
                          f"{at_most / 86400:g} days): {value!r}")
    return seconds


def parse_proxies(value: str | None) -> tuple:
    if value is None:
        return ()
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(f"{PREFIX}TRUSTED_PROXIES entries must be IP addresses or CIDR ranges: {item!r}") from None
    return tuple(networks)


def parse_port(value: int | str) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"--port must be a number from 1 to 65535: {value!r}") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"--port must be a number from 1 to 65535: {value!r}")
    return port


def parse_host(value: str) -> str:
    if not value.strip() or re.search(r"[\s/]", value.strip()):
        raise ConfigError(f"--host must be a host name or IP address: {value!r}")
    return value.strip()


def parse_today(value: str | date | None) -> date | None:
    return value if value is None or isinstance(value, date) else _option(clock.parse_today, value)


def parse_now(value: str | datetime | None) -> datetime | None:
    return value if value is None or isinstance(value, datetime) else _option(clock.parse_now, value)


def _option(parse, value: str):
    """``parse(value)``, its ValueError (which names the option) as a ConfigError."""
    try:
        return parse(value)
    except ValueError as error:
        raise ConfigError(str(error)) from None


def parse_frozen_moment(*, today: str | date | None, now: str | datetime | None) -> datetime | None:
    """``--now`` as given, ``--today D`` as D at 12:00 (bot.clock), neither: the real clock."""
    if today is not None and now is not None:
        raise ConfigError("give --now or --today, not both (--now YYYY-MM-DDTHH:MM fixes the time of day too)")
    moment = parse_now(now) if now is not None else parse_today(today)
    return clock.frozen_moment(moment) if moment is not None else None


def parse_retention_days(value: str | None) -> int:
    if value is None:
        return DEFAULT_RETENTION_DAYS
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_RETENTION_DAYS:
        raise ConfigError(
            f"{PREFIX}RETENTION_DAYS must be a whole number of days from 1 to {MAX_RETENTION_DAYS:,} (default "
            f"{DEFAULT_RETENTION_DAYS}): {value!r}"
        )
    return int(value)
