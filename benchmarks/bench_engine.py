"""In-process latency of ``Engine.handle`` per message over the NLU question corpus, and memory.

    python benchmarks/bench_engine.py [--rounds 5] [--corpus tests/corpus] [--json]

Every corpus phrasing goes through the whole engine (NLU → dialogue → rules → templates → the
in-memory SQLite store) — as a first message of a fresh session, and again as the next message of
a running conversation. Multi-turn scripts of the corpus, when it has them, run turn by turn in one
session. Reported: p50 / p90 / p99 / max per message, the share of it spent in the NLU, the peak
Python heap (tracemalloc) of building the engine and answering the corpus once, and the process's
peak RSS. Targets: p50 < 1 ms, p99 < 5 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = datetime(2023, 3, 1, 10, 0)  # during the notice's season, so dated answers are realistic


def load_corpus(directory: Path) -> tuple[list[str], list[list[str]]]:
    """(single messages, multi-turn scripts) from the corpus files (YAML/JSON/JSONL/TXT)."""
    import yaml

    singles: list[str] = []
    scripts: list[list[str]] = []

    def take(item) -> None:
        if isinstance(item, str):
            singles.append(item)
        elif isinstance(item, dict):
            for key in ("text", "q", "question", "phrase"):
                if isinstance(item.get(key), str):
                    singles.append(item[key])
                    return
            for key in ("turns", "script", "messages"):
                turns = item.get(key)
                if isinstance(turns, list):
                    texts = [t if isinstance(t, str) else (t.get("text") or t.get("say") or t.get("user")) for t in turns]
                    texts = [t for t in texts if isinstance(t, str)]
                    if texts:
                        scripts.append(texts)
                    return
            for value in item.values():
                if isinstance(value, (list, dict)):
                    take(value)
        elif isinstance(item, list):
            for x in item:
                take(x)

    for path in sorted(directory.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            take(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".json":
            take(json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    take(json.loads(line))
        elif path.suffix == ".txt":
            singles += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return singles, scripts


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def build_engine():
    from bot.engine import Engine
    from bot.nlu import understand
    from bot.storage import Store

    nlu_ns: list[int] = []

    def timed_understand(*args, **kwargs):
        start = time.perf_counter_ns()
        try:
            return understand(*args, **kwargs)
        finally:
            nlu_ns.append(time.perf_counter_ns() - start)

    engine = Engine(store=Store(None), understand=timed_understand, clock=lambda: NOW)
    return engine, nlu_ns


def run_once(engine, singles, scripts, samples: list[int], tag: str, cpu: list[int] | None = None) -> None:
    """Answer every phrasing; record wall-clock ns in ``samples`` and thread CPU ns in ``cpu``."""
    messages = [(f"{tag}-single-{i}", text) for i, text in enumerate(singles)]
    # The same texts inside one long conversation (flows started, slots filled, corrections …).
    messages += [(f"{tag}-running", text) for text in singles]
    messages += [(f"{tag}-script-{j}", text) for j, script in enumerate(scripts) for text in script]
    for session, text in messages:
        start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        engine.handle(session, text, channel="bench", now=NOW)
        samples.append(time.perf_counter_ns() - start)
        if cpu is not None:
            cpu.append(time.thread_time_ns() - start_cpu)


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), else the peak."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def memory_only(corpus: Path) -> dict:
    """Run in a fresh interpreter: heap traced from before the first import of the bot."""
    tracemalloc.start()
    engine, _ = build_engine()
    engine.handle("warm", "안녕하세요", now=NOW)
    after_startup = _rss_mb()
    singles, scripts = load_corpus(corpus)
    run_once(engine, singles, scripts, [], "memory")
    _, peak_heap = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "peak_python_heap_mb": round(peak_heap / 2**20, 1),
        "rss_after_startup_mb": after_startup,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure_memory_in_a_fresh_process(corpus: Path) -> dict:
    import subprocess

    done = subprocess.run(
        [sys.executable, __file__, "--memory-only", "--corpus", str(corpus)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the corpus (after one warm-up)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--memory-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_only:
        print(json.dumps(memory_only(args.corpus)))
        return 0

    singles, scripts = load_corpus(args.corpus)
    if not singles and not scripts:
        print(f"no corpus phrasings found under {args.corpus}", file=sys.stderr)
        return 1

    # Start-up: build the engine (knowledge, compiled templates, NLU indexes) and answer once.
    t0 = time.perf_counter()
    engine, nlu_ns = build_engine()
    engine.handle("warm", "안녕하세요", now=NOW)
    startup_ms = (time.perf_counter() - t0) * 1000

    # Latency: one warm-up pass, then the timed rounds.
    run_once(engine, singles, scripts, [], "warmup")
    nlu_ns.clear()
    samples: list[int] = []
    cpu_samples: list[int] = []
    for r in range(args.rounds):
        run_once(engine, singles, scripts, samples, f"r{r}", cpu_samples)
    del engine
    memory = measure_memory_in_a_fresh_process(args.corpus)

    ms = sorted(s / 1e6 for s in samples)
    cpu_ms = sorted(s / 1e6 for s in cpu_samples)
    nlu_ms = sorted(s / 1e6 for s in nlu_ns[: len(samples)])
    figures = {
        "messages": len(ms),
        "corpus_phrasings": len(singles),
        "corpus_scripts": len(scripts),
        "p50_ms": round(percentile(ms, 50), 4),
        "p90_ms": round(percentile(ms, 90), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "max_ms": round(ms[-1], 4),
        "mean_ms": round(statistics.fmean(ms), 4),
        # CPU time of the handling thread: what the message costs, without time the OS gave to
        # other processes (this machine is shared; wall-clock tails include their bursts).
        "cpu_p50_ms": round(percentile(cpu_ms, 50), 4),
        "cpu_p99_ms": round(percentile(cpu_ms, 99), 4),
        "load_average": round(os.getloadavg()[0], 2),
        "nlu_p50_ms": round(percentile(nlu_ms, 50), 4),
        "nlu_share_of_total": round(sum(nlu_ms) / sum(ms), 3) if ms else 0.0,
        "startup_ms": round(startup_ms, 1),
        "peak_python_heap_mb": memory["peak_python_heap_mb"],
        "peak_rss_mb": memory["peak_rss_mb"],
        "rss_after_startup_mb": memory["rss_after_startup_mb"],
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(f"Engine.handle over {figures['corpus_phrasings']} phrasings + {figures['corpus_scripts']} scripts, "
              f"{figures['messages']} timed messages (in-memory store):")
        print(f"  p50 {figures['p50_ms']:.3f} ms · p90 {figures['p90_ms']:.3f} ms · p99 {figures['p99_ms']:.3f} ms · "
              f"max {figures['max_ms']:.3f} ms · mean {figures['mean_ms']:.3f} ms   (targets: p50 < 1 ms, p99 < 5 ms)")
        print(f"  thread CPU time: p50 {figures['cpu_p50_ms']:.3f} ms · p99 {figures['cpu_p99_ms']:.3f} ms "
              f"(load average during the run: {figures['load_average']})")
        print(f"  NLU alone: p50 {figures['nlu_p50_ms']:.3f} ms, {figures['nlu_share_of_total']:.0%} of the total")
        print(f"  start-up (load knowledge, compile templates, first answer): {figures['startup_ms']:.0f} ms")
        print(f"  memory (fresh process): RSS after start-up {figures['rss_after_startup_mb']} MB, "
              f"peak RSS {figures['peak_rss_mb']} MB; peak Python heap {figures['peak_python_heap_mb']} MB "
              "(imports + engine + one corpus pass, tracemalloc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
