"""The ceiling for this stack: a bare aiohttp JSON handler (parse the body, return a fixed reply).

    python benchmarks/bare_server.py --host 127.0.0.1 --port 8181

Same framework, same JSON library, same event loop as `applicant-bot serve`, no bot: the chat
endpoint's requests/s are reported as a share of this one's by ``bench_http.py``.
"""
from __future__ import annotations

import argparse

from aiohttp import web

# About the size of a real answer (a refund figure with its dates and clause).
REPLY = {
    "replies": [
        {
            "text": "2023. 3. 25.(토)에 1차 시험 접수를 취소하면 응시수수료 40,000원의 50%인 20,000원을 "
            "돌려받아요. 50% 환불 기간: 2023. 3. 20. ~ 3. 29. (9. 라. 수수료 환불) 2023년도 제34회 공고 기준",
            "buttons": ["다른 날짜로 계산", "환불 신청 방법", "처음으로"],
        }
    ],
    "intent": "refund",
    "confidence": 0.93,
}


async def chat(request: web.Request) -> web.Response:
    try:
        data = await request.json()
    except ValueError:
        return web.json_response({"error": "bad_request"}, status=400)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return web.json_response({"error": "bad_request"}, status=400)
    return web.json_response(REPLY)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8181)
    args = parser.parse_args()
    app = web.Application()
    app.router.add_post("/api/v1/chat", chat)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
