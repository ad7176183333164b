"""Settings from the environment: defaults, every malformed value named in one line."""
from __future__ import annotations

import ipaddress
from datetime import date
from pathlib import Path

import pytest

from bot.config import ConfigError, RateLimit, Settings, ensure_data_dir

P = "APPLICANT_BOT_"


def settings(**env) -> Settings:
    return Settings.from_env({P + k: v for k, v in env.items()})


def test_no_configuration_at_all_gives_working_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    s = Settings.from_env({})
    assert s.data_dir == tmp_path / "xdg" / "applicant-bot"  # platformdirs' user data dir
    assert s.db_path.name == "applicant-bot.db"
    assert (s.host, s.port, s.today) == ("127.0.0.1", 8080, None)
    assert s.telegram_mode is None and s.telegram_token is None and s.telegram_secret is None
    assert s.telegram_api_url == "https://api.telegram.org/bot"
    assert s.staff_token is None and s.allowed_origins == () and s.trusted_proxies == ()
    assert s.rate_limit == RateLimit(30, 60)


def test_every_setting_is_read():
    s = settings(
        DATA_DIR="/srv/bot", TELEGRAM_TOKEN="123:abc_DEF-ghi", TELEGRAM_SECRET="s3cret_-X",
        TELEGRAM_API_URL="http://127.0.0.1:8081/bot", PUBLIC_URL="https://bot.example.kr/applicant/",
        STAFF_TOKEN="a-long-staff-token-123", ALLOWED_ORIGINS=" https://Exam.Example.kr/ ,http://localhost:3000,",
        RATE_LIMIT="10/30", TRUSTED_PROXIES="10.0.0.0/8, 127.0.0.1, ::1",
    )
    assert s.data_dir == Path("/srv/bot")
    assert s.telegram_mode == "webhook"
    assert s.webhook_url == "https://bot.example.kr/applicant/telegram/webhook"
    assert s.telegram_secret == "s3cret_-X" and not s.telegram_secret_generated
    assert s.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert s.allowed_origins == ("https://exam.example.kr", "http://localhost:3000")
    assert s.rate_limit == RateLimit(10, 30)
    assert ipaddress.ip_address("10.1.2.3") in s.trusted_proxies[0]
    assert len(s.trusted_proxies) == 3


def test_polling_when_no_public_url_and_a_secret_is_made_for_webhooks():
    assert settings(TELEGRAM_TOKEN="1:x").telegram_mode == "polling"
    assert settings(TELEGRAM_TOKEN="1:x").telegram_secret is None
    s = settings(TELEGRAM_TOKEN="1:x", PUBLIC_URL="https://bot.example.kr")
    assert s.telegram_secret_generated and len(s.telegram_secret) >= 32
    assert all(c.isalnum() or c in "_-" for c in s.telegram_secret)


@pytest.mark.parametrize("value", ["off", "OFF", "none", "0"])
def test_rate_limit_off(value):
    assert settings(RATE_LIMIT=value).rate_limit is None


def test_options_override_and_secrets_stay_out_of_repr():
    s = Settings.from_env({P + "STAFF_TOKEN": "a-long-staff-token-123", P + "TELEGRAM_TOKEN": "1:secretpart"},
                          host="0.0.0.0", port="9000", today="2023-03-25")
    assert (s.host, s.port, s.today) == ("0.0.0.0", 9000, date(2023, 3, 25))
    assert "secretpart" not in repr(s) and "a-long-staff-token" not in repr(s)


BAD = [
    ({"TELEGRAM_TOKEN": "not-a-token"}, "TELEGRAM_TOKEN"),
    ({"TELEGRAM_TOKEN": "123:has space"}, "TELEGRAM_TOKEN"),
    ({"TELEGRAM_SECRET": "has space"}, "TELEGRAM_SECRET"),
    ({"TELEGRAM_SECRET": "semi;colon"}, "TELEGRAM_SECRET"),
    ({"TELEGRAM_SECRET": "한글비밀"}, "TELEGRAM_SECRET"),
    ({"TELEGRAM_SECRET": "a" * 257}, "TELEGRAM_SECRET"),
    ({"PUBLIC_URL": "http://bot.example.kr"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "bot.example.kr"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "https://"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "https://bot.example.kr/?a=1"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "https://bot.example.kr:9000"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "https://bot.example.kr:abc"}, "PUBLIC_URL"),
    ({"TELEGRAM_API_URL": "ftp://api.example"}, "TELEGRAM_API_URL"),
    ({"TELEGRAM_API_URL": "localhost:8081"}, "TELEGRAM_API_URL"),
    ({"STAFF_TOKEN": "short"}, "STAFF_TOKEN"),
    ({"STAFF_TOKEN": "long enough but spaced"}, "STAFF_TOKEN"),
    ({"STAFF_TOKEN": "a" * 16}, "STAFF_TOKEN"),
    ({"STAFF_TOKEN": "abcdabcdabcdabcdabcd"}, "STAFF_TOKEN"),
    ({"STAFF_TOKEN": "passwordpassword"}, "STAFF_TOKEN"),
    ({"ALLOWED_ORIGINS": "exam.example.kr"}, "ALLOWED_ORIGINS"),
    ({"ALLOWED_ORIGINS": "https://exam.example.kr/path"}, "ALLOWED_ORIGINS"),
    ({"RATE_LIMIT": "fast"}, "RATE_LIMIT"),
    ({"RATE_LIMIT": "0/60"}, "RATE_LIMIT"),
    ({"RATE_LIMIT": "30/0"}, "RATE_LIMIT"),
    ({"TRUSTED_PROXIES": "10.0.0.300"}, "TRUSTED_PROXIES"),
    ({"TRUSTED_PROXIES": "proxy.local"}, "TRUSTED_PROXIES"),
]


@pytest.mark.parametrize("env, name", BAD, ids=[f"{k}={v[:20]}" for e, _ in BAD for k, v in e.items()])
def test_malformed_settings_fail_with_one_line_naming_the_variable(env, name):
    with pytest.raises(ConfigError) as error:
        settings(**env)
    message = str(error.value)
    assert f"APPLICANT_BOT_{name}" in message and "\n" not in message


def test_secret_values_are_not_echoed_in_errors():
    with pytest.raises(ConfigError) as error:
        settings(STAFF_TOKEN="pw123")
    assert "pw123" not in str(error.value)
    with pytest.raises(ConfigError) as error:
        settings(TELEGRAM_TOKEN="secret-value")
    assert "secret-value" not in str(error.value)


@pytest.mark.parametrize("options", [{"port": "0"}, {"port": "65536"}, {"port": "http"}, {"today": "2023-02-30"},
                                     {"today": "25.3.2023"}, {"host": "a b"}])
def test_bad_serve_options(options):
    with pytest.raises(ConfigError) as error:
        Settings.from_env({}, **options)
    assert f"--{next(iter(options))}" in str(error.value)


def test_data_dir_must_be_writable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    s = Settings(data_dir=blocker / "data")
    with pytest.raises(ConfigError, match="APPLICANT_BOT_DATA_DIR"):
        ensure_data_dir(s)
    ok = Settings(data_dir=tmp_path / "new" / "dir")
    assert ensure_data_dir(ok).is_dir()


def test_unknown_setting_is_warned_about(caplog):
    Settings.from_env({P + "STAF_TOKEN": "typo", P + "EXAM": "x"})
    assert "APPLICANT_BOT_STAF_TOKEN" in caplog.text
    assert "APPLICANT_BOT_EXAM" not in caplog.text
