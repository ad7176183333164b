"""What compressing costs and saves: every chat answer of the benchmark conversations as the API's
JSON, with the response-prepare hook's settings (gzip level 6; brotli quality 4, used only for a
client that takes no gzip), and the static files as they are held in memory (made once at start).

    python benchmarks/bench_compression.py [--rounds 5] [--json]

Reported: bytes before/after per coding (median and total over the answers), CPU µs to compress
one answer (median of the rounds, process CPU clock), the share of answers under the 1 KiB
threshold (sent as they are), and for the files their sizes and the start-up time of Assets.load.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def answers() -> list[bytes]:
    import bench_http
    import orjson
    from bot.engine import Engine, frozen_clock
    from bot.storage import Store

    engine = Engine(store=Store(None), clock=frozen_clock(datetime(2023, 3, 1, 12, 0)))
    bodies = []
    for i, text in enumerate(bench_http.load_questions(HERE.parent / "tests" / "corpus")):
        turn = engine.handle(f"web:bench-{i % 40}", text, channel="web")
        bodies.append(orjson.dumps(turn.to_json()))
    return bodies


def cpu_us(fn, bodies: list[bytes], rounds: int) -> float:
    per_round = []
    for _ in range(rounds):
        start = time.process_time()
        for body in bodies:
            fn(body)
        per_round.append((time.process_time() - start) / len(bodies) * 1e6)
    return statistics.median(per_round)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import brotli
    from bot.web import assets

    bodies = answers()
    compressible = [b for b in bodies if len(b) >= assets.MIN_COMPRESS_BYTES]
    coders = {
        "gzip": lambda b: gzip.compress(b, compresslevel=assets.DYNAMIC_GZIP_LEVEL, mtime=0),
        "br": lambda b: brotli.compress(b, quality=assets.DYNAMIC_BROTLI_QUALITY),
    }
    report = {"answers": len(bodies), "under_threshold": len(bodies) - len(compressible),
              "identity_median_bytes": statistics.median(len(b) for b in compressible),
              "identity_total_bytes": sum(len(b) for b in compressible)}
    for name, fn in coders.items():
        sizes = [len(fn(b)) for b in compressible]
        report[f"{name}_median_bytes"] = statistics.median(sizes)
        report[f"{name}_total_bytes"] = sum(sizes)
        report[f"{name}_cpu_us_per_answer"] = round(cpu_us(fn, compressible, args.rounds), 1)

    static_dir = HERE.parent / "bot" / "web" / "static"
    start = time.perf_counter()
    files = assets.Assets.load(static_dir)
    report["assets_load_ms"] = round((time.perf_counter() - start) * 1000, 1)
    report["files"] = {p.name: {c: len(b) for c, b in files.get(p.name).bodies.items()}
                       for p in sorted(static_dir.iterdir())}

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"answers: {report['answers']} ({report['under_threshold']} under {assets.MIN_COMPRESS_BYTES} B, sent as they are)")
    print(f"  identity: median {report['identity_median_bytes']:.0f} B, total {report['identity_total_bytes']:,} B")
    for name in coders:
        print(f"  {name}: median {report[f'{name}_median_bytes']:.0f} B, total {report[f'{name}_total_bytes']:,} B, "
              f"{report[f'{name}_cpu_us_per_answer']} µs CPU an answer")
    print(f"files (Assets.load {report['assets_load_ms']} ms at start):")
    for name, sizes in report["files"].items():
        print(f"  {name}: " + ", ".join(f"{c} {n:,} B" for c, n in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
