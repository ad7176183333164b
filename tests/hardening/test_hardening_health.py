"""/healthz of a real `serve` says when the database it writes to is no longer the file at its path
(deleted, replaced): 503 with the reason and an ERROR line, instead of "ok" while every answer is
written to a file that is gone at the next start. That next start says it begins with a new one."""
from __future__ import annotations

import os
import shutil
import sqlite3

import aiohttp
import pytest

from hardening_support import chat


async def health(http: aiohttp.ClientSession, url: str) -> tuple[int, dict]:
    async with http.get(f"{url}/healthz") as response:
        return response.status, await response.json()


def errors_naming(entries: list[dict], words: str) -> list[dict]:
    return [e for e in entries if e.get("level") == "ERROR" and words in e.get("msg", "")]


@pytest.mark.parametrize("lost", [("applicant-bot.db",), ("applicant-bot.db", "applicant-bot.db-wal", "applicant-bot.db-shm")],
                         ids=["database file", "database, WAL and shared memory"])
async def test_a_deleted_database_turns_healthz_503_with_the_reason_and_an_error_line(server_factory, lost):
    server = server_factory(name="lost")
    first_start = server.wait_for_log(lambda entries: any(e.get("msg", "").startswith("new database") for e in entries))
    assert not [e for e in first_start if e["level"] == "WARNING"]  # a first start is no loss
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, server.url, "before", "응시 수수료 얼마예요"))[0] == 200
        status, body = await health(http, server.url)
        assert (status, body["status"], body["database"]) == (200, "ok", "ok")

        for name in lost:
            (server.data_dir / name).unlink()

        status, body = await health(http, server.url)
        assert status == 503 and body["status"] == "error"
        assert "deleted" in body["database"] and str(server.db_path) in body["database"]
        assert (await chat(http, server.url, "after", "1차"))[0] == 200  # applicants are still answered
    server.wait_for_log(lambda entries: errors_naming(entries, "health check failed"))
    server.terminate()

    restarted = server_factory(env={"APPLICANT_BOT_DATA_DIR": str(server.data_dir)}, name="after-loss")
    entries = restarted.wait_for_log(lambda entries: any("no database at" in e.get("msg", "") for e in entries))
    assert any(e["level"] == "WARNING" and "owned this data directory before" in e["msg"] for e in entries)


async def test_a_database_replaced_under_the_server_is_reported(server_factory, tmp_path):
    server = server_factory(name="replaced")
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, server.url, "s", "안녕하세요"))[0] == 200
        copy = tmp_path / "copy.db"
        with sqlite3.connect(f"file:{server.db_path}?mode=ro", uri=True) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        os.replace(copy, server.db_path)  # e.g. a restore from backup while serving

        status, body = await health(http, server.url)
    assert status == 503 and "replaced" in body["database"]
    server.wait_for_log(lambda entries: errors_naming(entries, "replaced"))


async def test_a_moved_data_directory_is_reported(server_factory, tmp_path):
    server = server_factory(name="moved")
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, server.url, "s", "안녕하세요"))[0] == 200
        shutil.move(server.data_dir, tmp_path / "elsewhere")
        status, body = await health(http, server.url)
    assert status == 503 and "deleted" in body["database"]
