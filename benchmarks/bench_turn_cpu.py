"""CPU time of one chat turn in process, as `serve` runs it (real NLU, dialogue, templates, a SQLite
file store in WAL mode), measured with the process CPU clock so other load on the machine barely
moves it. The yardstick for each optimisation in BENCHMARKS.md.

    python benchmarks/bench_turn_cpu.py [--rounds 5] [--sessions 500] [--messages 3000]
                                        [--nlu-cache N] [--batch 12]

The messages are those of bench_http.py (benchmarks/chat_questions.txt plus tests/corpus/ when
present), walked per session the same way as the wrk script, so sessions sit at different points
of multi-turn flows. Turns are committed ``--batch`` at a time, as serve's group commit does under
load (bench_http reports ~10 turns a commit; ``--batch 1`` commits every turn). Reported: CPU µs
per turn (median of the rounds, and each round), the share of it inside ``understand`` (the NLU,
through the engine's memo; ``--nlu-cache 0`` turns the memo off) and inside the store's writes.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

NOW = datetime(2023, 3, 1, 10, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--messages", type=int, default=3000, help="turns per round")
    parser.add_argument("--nlu-cache", type=int, default=None,
                        help="messages the NLU memo keeps (default: the engine's default; 0 = off)")
    parser.add_argument("--batch", type=int, default=12,
                        help="turns per commit, as serve's group commit batches them (measured under wrk: ~13; 1 = "
                             "commit every turn)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import bench_http
    from bot.engine import Engine
    from bot.storage import Store

    questions = bench_http.load_questions(HERE.parent / "tests" / "corpus")
    spent = {"nlu": 0.0, "store": 0.0}

    store = Store(Path(tempfile.mkdtemp(prefix="bench-turn-")) / "applicant-bot.db")
    original_save = store.save_turn

    def timed_save(*a, **k):
        t = time.process_time()
        try:
            return original_save(*a, **k)
        finally:
            spent["store"] += time.process_time() - t

    store.save_turn = timed_save

    def timed_flush():
        t = time.process_time()
        try:
            store.flush()
        finally:
            spent["store"] += time.process_time() - t
    engine = Engine(store=store, clock=lambda: NOW, nlu_cache=args.nlu_cache)
    understand = engine.dialogue.understand  # the NLU as the engine calls it (through its memo)

    def timed_understand(*a, **k):
        t = time.process_time()
        try:
            return understand(*a, **k)
        finally:
            spent["nlu"] += time.process_time() - t

    engine.dialogue.understand = timed_understand

    def one_round(tag: str) -> float:
        started = time.process_time()
        for counter in range(args.messages):
            session, turn = counter % args.sessions, counter // args.sessions
            engine.handle(f"{tag}-{session}", questions[(session * 17 + turn) % len(questions)], channel="web", now=NOW,
                          defer_commit=args.batch > 1)
            if args.batch > 1 and counter % args.batch == args.batch - 1:
                timed_flush()
        return (time.process_time() - started) / args.messages * 1e6

    one_round("warm")
    spent.update(nlu=0.0, store=0.0)
    per_round = [one_round(f"r{r}") for r in range(args.rounds)]
    total = sum(per_round) * args.messages / 1e6
    figures = {
        "cpu_us_per_turn": round(statistics.median(per_round), 1),
        "rounds": [round(x, 1) for x in per_round],
        "nlu_share": round(spent["nlu"] / total, 3),
        "store_write_share": round(spent["store"] / total, 3),
        "distinct_messages": len(questions),
        "nlu_memo": engine.nlu_memo.stats() if engine.nlu_memo else None,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"CPU per turn: {figures['cpu_us_per_turn']:.0f} µs (rounds: {', '.join(f'{x:.0f}' for x in per_round)}); "
              f"NLU {figures['nlu_share']:.0%}, store writes {figures['store_write_share']:.0%}; "
              f"{len(questions)} distinct messages; NLU memo {figures['nlu_memo']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
