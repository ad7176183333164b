"""What the web application shares with its handlers: aiohttp ``AppKey``s and where its files are.

A leaf module (it imports nothing of ``bot.web``): ``app.py`` fills the keys, the handlers in
``api.py``, ``staff.py``, ``net.py``, ``openapi.py`` and ``bot.telegram.webhook`` read them, and
none of those has to import ``app.py`` back.
"""
from __future__ import annotations

from importlib.resources import files

from aiohttp import web

from ..config import Settings

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", object)  # bot.engine.Engine, or a stand-in (tests, benchmarks)
STORE = web.AppKey("store", object)  # bot.storage.Store
TELEGRAM = web.AppKey("telegram", object)  # bot.telegram.channel.TelegramChannel, when a token is set
COMMIT = web.AppKey("group_commit", object)  # bot.groupcommit.GroupCommit
SEARCH = web.AppKey("search", object)  # bot.web.search.NoticeSearch
ASSETS = web.AppKey("assets", object)  # bot.web.assets.Assets: the static files, compressed
RETENTION = web.AppKey("retention", object)  # bot.retention.DailyPurge, when serve owns the store
METRICS = web.AppKey("metrics", object)  # bot.metrics.Metrics
STAFF_SESSIONS = web.AppKey("staff_sessions", object)  # bot.web.staffauth.StaffSessions
STAFF_THROTTLE = web.AppKey("staff_login_throttle", object)  # bot.web.staffauth.LoginThrottle

STATIC_DIR = files("bot.web") / "static"
PAGES_DIR = files("bot.web") / "pages"
