"""`applicant-bot serve`'s web application with the dialogue engine replaced by a stub that returns
a fixed turn: what the web layer itself costs (middlewares, validation, JSON, logging, the engine
thread hand-off), between the bare ceiling and the real chat.

    python benchmarks/web_only_server.py --host 127.0.0.1 --port 8182

Same settings from the environment as `serve` (APPLICANT_BOT_RATE_LIMIT …), same JSON logs.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class StubEngine:
    """Answers every message with the same refund turn; no NLU, no dialogue, no store writes."""

    def __init__(self) -> None:
        import knowledge
        from bare_server import REPLY
        from bot.engine import Reply, Turn, seoul_now
        from bot.storage import Store

        self.exam = knowledge.load_exam()
        self.store = Store(None)
        self.clock = seoul_now
        reply = REPLY["replies"][0]
        self.turn = Turn((Reply(reply["text"], tuple(reply["buttons"])),), REPLY["intent"], REPLY["confidence"])

    def handle(self, session_id, text, *, channel="api", now=None):
        return self.turn

    def feedback(self, session_id, value, note=""):
        return None


def main() -> None:
    from aiohttp import web

    from bot.cli.serve_cmd import _configure_logging
    from bot.config import Settings
    from bot.web.app import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8182)
    args = parser.parse_args()
    _configure_logging()
    settings = Settings.from_env(host=args.host, port=args.port)
    engine = StubEngine()
    app = create_app(settings, engine=engine, store=engine.store)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
