"""Helpers of the hardening tests: a real `applicant-bot serve` subprocess on 127.0.0.1 for the hardening tests.

``Server(tmp_path, env={...}).start()`` runs the installed command (``python -m bot serve``) on a
free port with its own data directory, its log (stderr) in a file, and ``--today 2023-03-01`` (or
the ``clock`` options given) so answers are those of the notice's season. Everything stays on the loopback interface.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import aiohttp

TODAY = "2023-03-01"
STAFF_TOKEN = "staff-token-for-tests-0123456789"
APOLOGY = "문제가 생겼어요"  # templates/error.j2: the engine caught a bug


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp_path: Path, env: dict[str, str] | None = None, name: str = "server",
                 clock: tuple[str, ...] = ("--today", TODAY), fd_limit: int | None = None) -> None:
        self.clock = clock
        self.fd_limit = fd_limit  # RLIMIT_NOFILE of the server process: cheap descriptor-exhaustion tests
        self.data_dir = tmp_path / f"{name}-data"
        self.log_path = tmp_path / f"{name}.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
        self.env.update({"APPLICANT_BOT_DATA_DIR": str(self.data_dir), "APPLICANT_BOT_RATE_LIMIT": "off",
                         "PYTHONUNBUFFERED": "1"})
        self.env.update(env or {})
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "applicant-bot.db"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(self.port), *self.clock]

    def start(self, timeout: float = 30.0) -> "Server":
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.command(), env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                        preexec_fn=self._limit_descriptors)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited with {self.process.returncode}:\n{self.log_path.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"serve did not answer within {timeout} s:\n{self.log_path.read_text()}")

    def _limit_descriptors(self) -> None:
        if self.fd_limit is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (self.fd_limit, self.fd_limit))

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM and wait: the graceful stop. Returns the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self._close_log()
        return code

    def kill(self) -> None:
        """kill -9: no chance to flush or close anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_lines(self) -> list[str]:
        """The complete lines written so far (a line still being written has no newline yet)."""
        text = self.log_path.read_text(encoding="utf-8")
        complete = text[: text.rfind("\n") + 1]
        return [line for line in complete.splitlines() if line.strip()]

    def log_entries(self) -> list[dict]:
        return [json.loads(line) for line in self.log_lines()]

    def wait_for_log(self, done: Callable[[list[dict]], bool], timeout: float = 30.0) -> list[dict]:
        """The log entries once ``done(entries)`` holds. The server writes an access line after the
        response has gone out, so a client that has its answer cannot know the line is there yet:
        it waits for the line itself (the timeout only bounds a test that fails)."""
        deadline = time.monotonic() + timeout
        while True:
            entries = self.log_entries()
            if done(entries):
                return entries
            if time.monotonic() > deadline:
                raise AssertionError(f"the log never held what was waited for; last lines: {entries[-5:]}")
            time.sleep(0.02)


def run_bot(*args: str, env: dict[str, str], timeout: float = 60.0) -> subprocess.CompletedProcess:
    """`applicant-bot ARGS` as a process of its own, run to the end (stdout and stderr as text)."""
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=timeout)


async def chat(session: aiohttp.ClientSession, url: str, sid: str, text: str, **kwargs) -> tuple[int, dict]:
    async with session.post(f"{url}/api/v1/chat", json={"session": sid, "text": text}, **kwargs) as response:
        return response.status, await response.json(content_type=None)


def reply_text(body: dict) -> str:
    return "\n".join(r["text"] for r in body["replies"])
