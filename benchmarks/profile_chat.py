"""Where `applicant-bot serve` spends its time under load: py-spy samples the server while wrk drives
``POST /api/v1/chat`` the way ``bench_http.py`` does.

    python benchmarks/profile_chat.py [--duration 10] [--top 30] [--svg flame.svg]

Prints the functions with the most samples, by self time and by inclusive time (share of the
samples of the thread holding the GIL, i.e. where the server's CPU goes; ``--all-threads`` samples
every thread, which also shows where threads wait on locks). Needs py-spy (``pip install py-spy``) and wrk;
py-spy must be allowed to read the server's memory (root, or ptrace_scope 0).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_http  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--rate-limit", default="off", help="APPLICANT_BOT_RATE_LIMIT for the server (default off)")
    parser.add_argument("--web-only", action="store_true",
                        help="profile benchmarks/web_only_server.py (stub engine) instead of serve")
    parser.add_argument("--svg", type=Path, help="also write a flame graph here")
    parser.add_argument("--all-threads", action="store_true",
                        help="sample every thread, also those waiting on a lock (default: only the thread "
                             "holding the GIL, i.e. where the CPU goes)")
    args = parser.parse_args(argv)
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists() or not shutil.which("wrk"):
        print("needs py-spy (pip install py-spy) and wrk (apt-get install -y wrk)", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="profile-chat-"))
    questions = bench_http.load_questions(bench_http.ROOT / "tests" / "corpus")
    questions_file = workdir / "questions.jsonl"
    questions_file.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    port = bench_http.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
    env.update(APPLICANT_BOT_DATA_DIR=str(workdir / "data"), APPLICANT_BOT_RATE_LIMIT=args.rate_limit)
    command = bench_http.serve_command() + ["serve", "--host", "127.0.0.1", "--port", str(port), "--today", "2023-03-01"]
    if args.web_only:
        command = [sys.executable, str(Path(__file__).resolve().parent / "web_only_server.py"), "--port", str(port)]
    server, _ = bench_http.start(command, env, port, workdir / "serve.log")
    wrk_args = argparse.Namespace(wrk=shutil.which("wrk"), threads=1, connections=args.connections, sessions=1000)
    raw = workdir / "profile.txt"
    try:
        bench_http.run_wrk(port, questions_file, wrk_args, 2.0)  # warm-up
        result: dict = {}
        load = threading.Thread(target=lambda: result.update(bench_http.run_wrk(port, questions_file, wrk_args, args.duration + 2)))
        load.start()
        subprocess.run([py_spy, "record", "--pid", str(server.pid), "--duration", f"{int(args.duration)}",
                        "--rate", "250", "--format", "raw", "--output", str(raw), "--nonblocking",
                        *([] if args.all_threads else ["--gil"])],
                       check=True, capture_output=True)
        if args.svg:
            subprocess.run([py_spy, "record", "--pid", str(server.pid), "--duration", "1", "--format", "flamegraph",
                            "--output", str(args.svg), "--nonblocking"], capture_output=True)
        load.join()
    finally:
        bench_http.stop(server)
    print(f"under load: {result.get('rps', 0):,.0f} req/s, p99 {result.get('p99_ms', 0):.1f} ms (py-spy attached)")
    report(raw, args.top)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def report(raw: Path, top: int) -> None:
    self_counts: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f and not f.startswith("thread")]
        names = [_short(f) for f in frames]
        if not names:
            continue
        total += n
        self_counts[names[-1]] += n
        for name in set(names):
            inclusive[name] += n
    print(f"{total} samples")
    for title, counter in (("self", self_counts), ("inclusive", inclusive)):
        print(f"\n-- top {top} by {title} time --")
        for name, n in counter.most_common(top):
            print(f"{n / total:6.1%}  {name}")


def _short(frame: str) -> str:
    # "function (path/to/file.py:123)" → "function (file.py)"; site-packages paths shortened
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    path = where.rsplit(":", 1)[0]
    parts = Path(path).parts
    for anchor in ("site-packages", "bot", "rules", "knowledge"):
        if anchor in parts:
            path = "/".join(parts[parts.index(anchor) + (1 if anchor == "site-packages" else 0):])
            break
    else:
        path = Path(path).name
    return f"{name} ({path})"


if __name__ == "__main__":
    sys.exit(main())
