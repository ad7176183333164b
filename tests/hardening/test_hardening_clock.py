"""`--now YYYY-MM-DDTHH:MM` freezes the date and the time of day for serve, ask and chat; `--today D`
means D at 12:00 (whatever the real time of day: at 23:36 "오늘" on the last application day used
to be read as after its 18:00 deadline); a bad value or an unknown APPLICANT_BOT_EXAM stops the
command with one line and exit status 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import aiohttp
import pytest

from hardening_support import chat, free_port, reply_text, run_bot

LAST_DAY = "2023-02-10"  # the 1st stage's application closes at 18:00 that day
QUESTION = "1차 오늘 취소하면 환불 얼마예요?"


def env_for(tmp_path, **settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
    env.update({"APPLICANT_BOT_DATA_DIR": str(tmp_path / "data"), **{f"APPLICANT_BOT_{k}": v for k, v in settings.items()}})
    return env


@pytest.mark.parametrize("clock, percent, moment", [
    (("--now", f"{LAST_DAY}T17:59"), "100%", "17:59"),
    (("--now", f"{LAST_DAY}T23:36"), "60%", "23:36"),
    (("--today", LAST_DAY), "100%", "12:00"),
])
async def test_serve_answers_at_the_frozen_moment(server_factory, clock, percent, moment):
    server = server_factory(name="clock", clock=clock)
    async with aiohttp.ClientSession() as http:
        status, body = await chat(http, server.url, "today", QUESTION)
    answer = reply_text(body)
    assert status == 200
    assert f"2023. 2. 10.(금) {moment}에" in answer and f"응시수수료의 {percent}" in answer


@pytest.mark.parametrize("clock, percent", [(("--now", f"{LAST_DAY}T23:36"), "60%"), (("--today", LAST_DAY), "100%")])
def test_ask_answers_at_the_frozen_moment(tmp_path, clock, percent):
    done = run_bot("ask", *clock, "--json", QUESTION, env=env_for(tmp_path))
    assert done.returncode == 0, done.stderr
    assert f"응시수수료의 {percent}" in json.loads(done.stdout)["replies"][0]["text"]


def test_chat_answers_at_the_frozen_moment(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--now", f"{LAST_DAY}T23:36"], input=f"{QUESTION}\n",
                          env=env_for(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "2023. 2. 10.(금) 23:36에" in done.stdout and "60%" in done.stdout


BAD_CLOCKS = [
    ("--now", "2023-02-10"),  # a date without the time
    ("--now", "2023-02-30T10:00"),
    ("--now", "10:00"),
    ("--today", "2023-13-01"),
]


@pytest.mark.parametrize("command", ["serve", "ask", "chat"])
@pytest.mark.parametrize("option, value", BAD_CLOCKS, ids=[f"{o} {v}" for o, v in BAD_CLOCKS])
def test_a_bad_clock_value_is_one_line_and_status_2(tmp_path, command, option, value):
    extra = {"serve": ["--port", str(free_port())], "ask": ["안녕"], "chat": []}[command]
    done = run_bot(command, option, value, *extra, env=env_for(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and option in lines[0] and value in lines[0], done.stderr


def test_now_and_today_together_are_refused(tmp_path):
    done = run_bot("ask", "--now", f"{LAST_DAY}T10:00", "--today", LAST_DAY, "안녕", env=env_for(tmp_path))
    assert done.returncode == 2 and "--today" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["serve", "ask", "chat"])
def test_an_unknown_exam_setting_is_one_line_and_status_2(tmp_path, command):
    extra = {"serve": ["--port", str(free_port())], "ask": ["안녕"], "chat": []}[command]
    done = run_bot(command, *extra, env=env_for(tmp_path, EXAM="nope"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "APPLICANT_BOT_EXAM" in lines[0] and "nope" in lines[0], done.stderr
