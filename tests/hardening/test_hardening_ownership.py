"""One `serve` per data directory: a second one (or a `purge`) is refused with exit status 2 and one
line naming the directory and the owner's PID; the OS lock goes with its owner, kill -9 included."""
from __future__ import annotations

import json
import subprocess

import aiohttp
import pytest

from bot.ownership import LOCK_FILENAME, DataDirInUse, DataDirLock
from hardening_support import Server, chat, reply_text, run_bot


def _second_serve(tmp_path, owner: Server) -> tuple[int, str]:
    """A second `serve` on the owner's data directory: how it exits, and what it wrote."""
    second = Server(tmp_path, env={"APPLICANT_BOT_DATA_DIR": str(owner.data_dir)}, name="second")
    process = subprocess.Popen(second.command(), env=second.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"a second serve on {owner.data_dir} kept running beside the first:\n{err}")
    return process.returncode, err


async def test_a_second_serve_on_the_same_data_directory_exits_2_naming_the_owner(tmp_path, server_factory):
    owner = server_factory(name="owner")
    async with aiohttp.ClientSession() as http:
        assert "언제 취소하셨나요" in reply_text((await chat(http, owner.url, "flow", "환불 받을 수 있나요"))[1])

    code, err = _second_serve(tmp_path, owner)

    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(owner.data_dir) in lines[0] and f"process {owner.process.pid}" in lines[0] and "Traceback" not in err
    # the owner goes on, and its conversation with it
    async with aiohttp.ClientSession() as http:
        status, body = await chat(http, owner.url, "flow", "1차")
    assert status == 200 and "1차 시험 접수를 언제" in reply_text(body)
    assert (owner.data_dir / LOCK_FILENAME).read_text().strip() == str(owner.process.pid)


async def test_the_lock_goes_with_a_killed_owner_and_a_restart_continues_the_conversation(server_factory):
    crashed = server_factory(name="crashed")
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, crashed.url, "mid-flow", "환불 받을 수 있나요"))[0] == 200
        assert (await chat(http, crashed.url, "mid-flow", "1차"))[0] == 200
    crashed.kill()  # SIGKILL: the process never unlocks anything itself

    restarted = server_factory(env={"APPLICANT_BOT_DATA_DIR": str(crashed.data_dir)}, name="restarted")
    async with aiohttp.ClientSession() as http:
        status, body = await chat(http, restarted.url, "mid-flow", "3월 25일")
    assert status == 200 and "환불액: 20,000원" in reply_text(body)
    assert (crashed.data_dir / LOCK_FILENAME).read_text().strip() == str(restarted.process.pid)
    assert restarted.terminate() == 0
    assert (crashed.data_dir / LOCK_FILENAME).read_text() == ""  # a clean stop leaves no PID behind


async def test_purge_is_refused_while_a_serve_owns_the_directory_and_works_after_it_stops(server_factory):
    server = server_factory(name="busy")
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, server.url, "kept", "응시 수수료 얼마예요"))[0] == 200

    refused = run_bot("purge", "--older-than", "0", env=server.env)
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert str(server.data_dir) in refused.stderr and f"process {server.process.pid}" in refused.stderr
    async with aiohttp.ClientSession() as http:  # nothing was deleted under the running server
        assert (await chat(http, server.url, "kept", "1차"))[0] == 200

    assert server.terminate() == 0
    done = run_bot("purge", "--older-than", "0", "--json", env=server.env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deleted"]["messages"] == 4


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    with DataDirLock(tmp_path) as first:
        assert first.held
        with pytest.raises(DataDirInUse) as refused:
            DataDirLock(tmp_path).acquire()  # another open file description: flock refuses it too
        assert refused.value.data_dir == tmp_path and refused.value.pid is not None
        assert str(tmp_path) in str(refused.value) and "\n" not in str(refused.value)
    with DataDirLock(tmp_path) as second:  # released on exit
        assert second.held


def test_an_exclusive_store_holds_the_lock_until_it_is_closed(tmp_path):
    from bot.storage import Store

    store = Store(tmp_path / "applicant-bot.db", exclusive=True)
    with pytest.raises(DataDirInUse):
        Store(tmp_path / "applicant-bot.db", exclusive=True)
    Store(tmp_path / "applicant-bot.db").close()  # `ask` and `chat` do not take it
    store.close()
    Store(tmp_path / "applicant-bot.db", exclusive=True).close()
