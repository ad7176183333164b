"""Per-message latency of ``bot.nlu.understand`` over the question corpus, and peak memory.

    python benchmarks/bench_nlu.py [--rounds N] [--json]

Prints p50/p90/p99/max per message (in-process, warm: the first call, which loads the knowledge
file and builds the phrasing index, is timed separately as "cold start"), the corpus intent
accuracy, and memory: the process's peak resident set size (ru_maxrss) before the import, after
loading and after the run, and the peak traced Python allocations (tracemalloc) during one pass.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_cases() -> list[dict]:
    cases = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            cases.append({**case, "today": data["today"], "year": data["year"]})
    return cases


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    cases = load_cases()
    rss_before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    from bot.nlu import understand  # noqa: E402  (import cost belongs to the cold start)

    understand("시작", year=2023, today=date(2023, 3, 15))
    cold_ms = (time.perf_counter() - start) * 1000
    rss_loaded_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    tracemalloc.start()

    def run(case):
        return understand(case["text"], year=case["year"], today=case["today"], expecting=case.get("expecting"))

    tracemalloc.reset_peak()
    correct = 0
    for case in cases:  # one pass under tracemalloc: memory and accuracy
        u = run(case)
        correct += ("out_of_scope" if u.out_of_scope else u.intent) == case.get("intent")
    _, pass_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    gc.collect()  # start the timed passes without the tracing pass's garbage
    timings: list[float] = []
    for _ in range(args.rounds):  # timed passes without tracemalloc, which slows allocation
        for case in cases:
            t0 = time.perf_counter()
            run(case)
            timings.append((time.perf_counter() - t0) * 1000)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t0 = time.perf_counter()
    understand("토익 750점 3월 25일 환불 " * 10_000, year=2023, today=date(2023, 3, 15))
    huge_ms = (time.perf_counter() - t0) * 1000

    figures = {
        "messages": len(cases),
        "rounds": args.rounds,
        "accuracy": round(correct / len(cases), 4),
        "p50_ms": round(statistics.median(timings), 3),
        "p90_ms": round(percentile(timings, 90), 3),
        "p99_ms": round(percentile(timings, 99), 3),
        "max_ms": round(max(timings), 3),
        "mean_ms": round(statistics.fmean(timings), 3),
        "cold_start_ms": round(cold_ms, 1),
        "huge_input_ms": round(huge_ms, 2),
        "tracemalloc_peak_pass_mib": round(pass_peak / 2**20, 2),
        "rss_before_import_mib": round(rss_before_kb / 1024, 1),
        "rss_after_load_mib": round(rss_loaded_kb / 1024, 1),
        "max_rss_mib": round(rss_kb / 1024, 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"understand() over {figures['messages']} corpus messages × {args.rounds} rounds")
    print(f"  accuracy            {figures['accuracy']:.1%}")
    print(f"  per message         p50 {figures['p50_ms']} ms · p90 {figures['p90_ms']} ms · "
          f"p99 {figures['p99_ms']} ms · max {figures['max_ms']} ms")
    print(f"  cold start          {figures['cold_start_ms']} ms (import, knowledge file, phrasing index)")
    print(f"  150,000-char input  {figures['huge_input_ms']} ms")
    print(f"  memory              peak RSS {figures['rss_before_import_mib']} MiB before import → "
          f"{figures['rss_after_load_mib']} MiB loaded (bot.nlu + knowledge + rules) → "
          f"{figures['max_rss_mib']} MiB after the run; tracemalloc peak during a pass "
          f"{figures['tracemalloc_peak_pass_mib']} MiB")


if __name__ == "__main__":
    main()
