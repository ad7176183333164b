"""The Telegram webhook path with the outbox: how long Telegram waits for its 200 (update, turn and
replies written, one group commit), how many updates a second that takes, and how fast the sender
drains the outbox against a fake Bot API on loopback (Telegram's 30 messages/s per bot caps it).

    python benchmarks/bench_telegram.py [--updates 600] [--chats 200] [--concurrency 32]

Everything in this process: the real app (engine, SQLite file store in a temporary directory, the
sender) on one port, the fake Bot API of the tests on another, an aiohttp client posting updates
like Telegram does. Reported: webhook latency p50 / p99, accepted updates/s, and the delivery rate.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "channels"))

TOKEN = "123456:BENCH-token_for_the_fake_api"
SECRET = "bench-secret"
QUESTIONS = ["환불", "1차", "오늘", "/help", "신분증", "토익 750점 2022년 5월 인정돼요?", "/cancel"]


async def main(updates: int, chats: int, concurrency: int) -> None:
    import aiohttp
    from aiohttp import web
    from channels_fake_bot_api import FakeBotApi, text_update

    from bot.config import Settings
    from bot.web.app import STORE, create_app

    fake = await FakeBotApi(TOKEN).start()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), rate_limit=None, telegram_token=TOKEN, telegram_api_url=fake.base_url,
                            public_url="https://bot.example.kr", telegram_secret=SECRET)
        runner = web.AppRunner(create_app(settings), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/telegram/webhook"
        batch = [text_update(1000 + n % chats, QUESTIONS[(n // chats) % len(QUESTIONS)]) for n in range(updates)]
        latencies: list[float] = []
        queue: asyncio.Queue = asyncio.Queue()
        for update in batch:
            queue.put_nowait(update)

        async def client(http: aiohttp.ClientSession) -> None:
            while not queue.empty():
                update = queue.get_nowait()
                started = time.perf_counter()
                async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                    assert response.status == 200, response.status
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(client(http) for _ in range(concurrency)))
        accepted_in = time.perf_counter() - began
        await fake.wait_for(lambda: len(fake.sent()) >= updates, timeout=updates / 10 + 60)
        delivered_in = time.perf_counter() - began
        outbox = getattr(runner.app[STORE], "outbox", None)  # none before the outbox existed
        counters = outbox.stats() if outbox is not None else {}
        await runner.cleanup()
    await fake.close()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{updates} updates, {chats} chats, {concurrency} concurrent webhook calls")
    print(f"webhook 200 after: p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms; "
          f"{updates / accepted_in:.0f} updates/s accepted")
    print(f"all replies delivered after {delivered_in:.1f} s: {updates / delivered_in:.1f} messages/s")
    print(f"sendMessage calls {len(fake.sent())}; outbox: {counters}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.chats, args.concurrency))
