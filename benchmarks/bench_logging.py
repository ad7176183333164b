"""CPU cost of the per-request logging: one access line through ``bot.logs`` (privacy filter, JSON
formatter, a file handler), and ``bot.privacy.mask`` on typical strings.

    python benchmarks/bench_logging.py [--lines 20000]
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cpu_us(fn, n: int) -> float:
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(n):
            fn()
        rounds.append((time.process_time() - started) / n * 1e6)
    return round(statistics.median(rounds), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    args = parser.parse_args(argv)

    from bot.logs import configure_logging
    from bot.privacy import mask

    path = Path(tempfile.mkdtemp(prefix="bench-logging-")) / "serve.log"
    handler = configure_logging("INFO", path=path)
    access = logging.getLogger("applicant_bot.access")
    extra = {"method": "POST", "path": "/api/v1/chat", "status": 200, "duration_ms": 1.23}

    def one_line():
        access.info("%s %s %d", "POST", "/api/v1/chat", 200, extra=extra)

    reply = ("[2023년도 제34회 공고 기준] 1차 시험 수수료 환불\n환불액: 20,000원 (응시수수료 40,000원의 50%)\n"
             "50% 환불 기간: 2023. 3. 20. ~ 3. 29. (시험시행일 10일 전까지)\n") * 5
    figures = {
        "access_line_us": cpu_us(one_line, args.lines),
        "mask_question_without_digits_us": cpu_us(lambda: mask("모바일 신분증도 시험장에서 인정되나요?"), args.lines),
        "mask_question_with_a_date_us": cpu_us(lambda: mask("3월 25일에 1차 시험 취소하면 환불 얼마예요?"), args.lines),
        "mask_long_reply_us": cpu_us(lambda: mask(reply), max(1, args.lines // 10)),
        "mask_phone_with_spaces_us": cpu_us(lambda: mask("연락처 010 8765 4321 로 전화 주세요"), args.lines),
        "mask_fullwidth_rrn_us": cpu_us(lambda: mask("주민번호 ９１０２０３－２３４５６７８ 이에요"), args.lines),
    }
    logging.getLogger().removeHandler(handler)
    for name, value in figures.items():
        print(f"{name:34} {value:8.2f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
