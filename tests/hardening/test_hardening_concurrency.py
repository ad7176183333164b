"""150+ concurrent multi-turn conversations over real HTTP: no answer crosses into another session.

Every session runs the refund flow with its own stage and its own two dates (the second one after
"다른 날짜로 다시 계산"), all sessions interleaved on one server. Each reply must name that
session's stage, its date and the amount the notice gives for it (DESIGN: 1차 60% through 3. 19.,
50% through 3. 29.; 2차 60% through 6. 25., 50% through 7. 5.) — an answer meant for another
session would carry another date or stage.
"""
from __future__ import annotations

import asyncio
import random
from datetime import date, timedelta

import aiohttp

from hardening_support import APOLOGY, chat, reply_text

SESSIONS = 160
WEEKDAYS = "월화수목금토일"


def kdate(day: date) -> str:
    return f"{day.year}. {day.month}. {day.day}.({WEEKDAYS[day.weekday()]})"


def expected_amount(stage: int, day: date) -> str:
    sixty_until, fifty_until = {1: (date(2023, 3, 19), date(2023, 3, 29)), 2: (date(2023, 6, 25), date(2023, 7, 5))}[stage]
    assert day <= fifty_until
    return "24,000원" if day <= sixty_until else "20,000원"


def plan(k: int, rng: random.Random) -> tuple[int, date, date]:
    stage = 1 + k % 2
    first, last = (date(2023, 2, 11), date(2023, 3, 29)) if stage == 1 else (date(2023, 5, 27), date(2023, 7, 5))
    span = (last - first).days
    return stage, first + timedelta(days=rng.randint(0, span)), first + timedelta(days=rng.randint(0, span))


async def conversation(http: aiohttp.ClientSession, url: str, k: int, rng: random.Random) -> None:
    stage, day1, day2 = plan(k, rng)
    sid = f"conc-{k}"
    pauses = [rng.random() * 0.02 for _ in range(5)]

    async def say(text: str) -> str:
        await asyncio.sleep(pauses.pop())
        status, body = await chat(http, url, sid, text)
        assert status == 200, (sid, text, status, body)
        answer = reply_text(body)
        assert APOLOGY not in answer, (sid, text, answer)
        return answer

    assert "언제 취소하셨나요" in await say("환불 받을 수 있나요")  # the day first: it says the stage too
    assert f"{stage}차 시험 접수를 언제" in await say(f"{stage}차")
    for day, then in ((day1, "다른 날짜로 다시 계산"), (day2, None)):
        answer = await say(f"{day.month}월 {day.day}일")
        assert f"{stage}차 시험 수수료 환불" in answer, (sid, answer)
        assert kdate(day) in answer, (sid, day, answer)
        assert f"환불액: {expected_amount(stage, day)}" in answer, (sid, day, answer)
        if then:
            assert f"{stage}차 시험 접수를 언제" in await say(then)


async def test_many_concurrent_conversations_never_cross(server_factory):
    server = server_factory()
    rng = random.Random(34)
    connector = aiohttp.TCPConnector(limit=SESSIONS)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:
        await asyncio.gather(*(conversation(http, server.url, k, random.Random(rng.random())) for k in range(SESSIONS)))
