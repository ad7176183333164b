"""Fixtures of the hardening tests (the helpers live in hardening_support.py)."""
from __future__ import annotations

import pytest

from hardening_support import Server


@pytest.fixture
def server_factory(tmp_path):
    started: list[Server] = []

    def make(env: dict[str, str] | None = None, name: str = "server", **options) -> Server:
        server = Server(tmp_path, env, name=f"{name}{len(started)}", **options)
        started.append(server)
        return server.start()

    yield make
    for server in started:
        server.kill()
