"""HTTP throughput and latency of ``POST /api/v1/chat`` against the bare-aiohttp ceiling, with wrk.

    python benchmarks/bench_http.py [--duration 10] [--connections 32] [--json-out FILE]

One run, one machine, loopback only (127.0.0.1). In order:

1. ``bare``  — ``benchmarks/bare_server.py``: an aiohttp handler that parses the JSON body and
   returns a fixed reply. The practical ceiling of the stack.
2. ``chat``  — ``applicant-bot serve --today 2023-03-01`` with ``APPLICANT_BOT_RATE_LIMIT=off`` on a
   fresh temporary data directory (real SQLite file, WAL).
3. ``chat+ratelimit`` — the same with the rate limit on but set so high that nothing is refused
   (``1000000/1``): what the bookkeeping itself costs on every request.
4. ``web-only`` (only when asked for with ``--targets``) — serve's web application with a stub engine
   (``benchmarks/web_only_server.py``): the cost of the web layer alone.

Each target gets a warm-up, then ``--duration`` seconds of wrk at ``--connections`` connections
with ``benchmarks/wrk_chat.lua``: mixed realistic questions (``benchmarks/chat_questions.txt`` plus
the NLU corpus under ``tests/corpus/`` when present) across many sessions, each session walking a
multi-turn flow. The server is pinned to CPU 0 and wrk to CPU 1 (when there are two), so they do
not fight over a core. Reported: requests/s, p50/p90/p99/max latency, non-2xx and socket errors,
the ratio chat/bare (goal ≥ 0.5), p99 (goal < 20 ms), RSS of the serving process (now and peak),
and cold start: process start → first chat answer.

Needs wrk (Debian: ``apt-get install -y wrk``) and the project installed (``pip install -e .``).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOAL_RATIO = 0.5
GOAL_P99_MS = 20.0


# --- inputs -----------------------------------------------------------------------------------


def load_questions(corpus: Path) -> list[str]:
    """Our multi-turn list first (its order matters), then the corpus phrasings, deduplicated."""
    lines = [
        line.strip()
        for line in (HERE / "chat_questions.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if corpus.is_dir():
        sys.path.insert(0, str(HERE))
        from bench_engine import load_corpus  # the engine benchmark's reader of the corpus formats

        singles, scripts = load_corpus(corpus)
        for script in scripts:
            lines.extend(script)
        lines.extend(singles)
    return list(dict.fromkeys(t for t in lines if t))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pin(cpu: int):
    """preexec_fn pinning a child to one CPU (when the machine has more than one)."""
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


# --- the processes ----------------------------------------------------------------------------


def chat_once(port: int, session: str, text: str, timeout: float = 5.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        body = json.dumps({"session": session, "text": text}, ensure_ascii=False).encode()
        conn.request("POST", "/api/v1/chat", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def start(command: list[str], env: dict, port: int, log_path: Path, limit_s: float = 60.0, cwd: Path = ROOT):
    """Start a server; return (process, seconds from start to its first 200 chat answer)."""
    log = open(log_path, "wb")
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=pin(0), cwd=cwd)
    while time.perf_counter() - started < limit_s:
        if process.poll() is not None:
            raise SystemExit(f"{command[0]} exited with {process.returncode}; see {log_path}")
        try:
            status, _ = chat_once(port, "cold-start", "응시수수료 얼마예요", timeout=10)
            if status == 200:
                return process, time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.005)
    stop(process)
    raise SystemExit(f"no answer from {' '.join(command)} within {limit_s:.0f} s; see {log_path}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory in MB of ``pid`` and its children."""
    pids = [pid]
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            pids.append(int(status.parent.name))
    current = peak = 0.0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    current += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak += int(line.split()[1]) / 1024
        except OSError:
            pass
    return round(current, 1), round(peak, 1)


def run_wrk(port: int, questions_file: Path, args, duration: float) -> dict:
    command = [
        args.wrk, "-t", str(args.threads), "-c", str(args.connections), "-d", f"{duration:g}s",
        "--timeout", "5s", "-s", str(HERE / "wrk_chat.lua"), f"http://127.0.0.1:{port}",
        "--", str(questions_file), str(args.sessions),
    ]
    out = subprocess.run(command, capture_output=True, text=True, preexec_fn=pin(1), timeout=duration + 60)
    for line in out.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line[len("WRK_JSON "):])
    raise SystemExit(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by ``pid`` (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(name: str, command: list[str], env: dict, port: int, questions_file: Path, args, workdir: Path) -> dict:
    cwd = args.checkouts.get(name, args.checkout if name.startswith("chat") else None) or ROOT
    process, cold = start(command, env, port, workdir / f"{name}.log", cwd=cwd)
    try:
        if args.warmup > 0:
            run_wrk(port, questions_file, args, args.warmup)
        cpu_before = cpu_seconds(process.pid)
        result = run_wrk(port, questions_file, args, args.duration)
        cpu = cpu_seconds(process.pid) - cpu_before
        result["rss_mb"], result["peak_rss_mb"] = rss_mb(process.pid)
        result["cold_start_ms"] = round(cold * 1000, 1)
        # CPU time the server spent per request: unlike req/s, barely moved by other load on the machine
        result["cpu_us_per_request"] = round(cpu / max(1, result["requests"]) * 1e6, 1)
    finally:
        stop(process)
    result.update(serving_figures(workdir / f"{name}.log"))
    result["target"] = name
    result["errors"] = sum(result[k] for k in result if k.startswith("errors_"))
    return result


def serving_figures(log_path: Path) -> dict:
    """Turns per group commit and the NLU memo's hit rate, from the line serve logs when it stops."""
    figures: dict = {}
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if '"serving figures"' in line:
            try:
                figures = json.loads(line).get("figures") or {}
            except ValueError:
                pass
    out = {}
    if figures.get("commits"):
        out["turns_per_commit"] = round(figures["turns"] / figures["commits"], 1)
    looked_up = figures.get("nlu_memo_hits", 0) + figures.get("nlu_memo_misses", 0)
    if looked_up:
        out["nlu_memo_hit_rate"] = round(figures["nlu_memo_hits"] / looked_up, 3)
    return out


def median_run(runs: list[dict]) -> dict:
    """The run with the median requests/s (its own latencies), plus the spread of all runs."""
    ordered = sorted(runs, key=lambda r: r["rps"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["rps_all"] = [r["rps"] for r in runs]
    chosen["cpu_us_per_request"] = sorted(r["cpu_us_per_request"] for r in runs)[len(runs) // 2]
    chosen["cold_start_ms"] = sorted(r["cold_start_ms"] for r in runs)[len(runs) // 2]
    return chosen


def serve_command(checkout: Path | None = None) -> list[str]:
    script = Path(sys.executable).with_name("applicant-bot")
    if checkout is None and script.exists():
        return [str(script)]
    return [sys.executable, "-m", "bot"]  # run from the checkout's directory: its own code


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per target (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first (default 2)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1, pinned to CPU 1)")
    parser.add_argument("--sessions", type=int, default=1000, help="sessions per wrk thread (default 1000)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--targets", default="bare,chat,chat+ratelimit")
    parser.add_argument("--json-out", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds over all targets, interleaved; the median round is reported (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data dir and server logs")
    parser.add_argument("--checkout", type=Path,
                        help="serve the code of another checkout (a git worktree of an older commit) with this "
                             "interpreter: `python -m bot serve` run in that directory; for before/after figures")
    parser.add_argument("--compare", default="",
                        help="NAME=DIR,NAME=DIR…: one chat target per checkout (chat@NAME), interleaved with the "
                             "others in every round, so drifting load on the machine hits them all alike")
    args = parser.parse_args(argv)
    args.wrk = shutil.which("wrk")
    if not args.wrk:
        print("wrk not found: apt-get install -y wrk", file=sys.stderr)
        return 2

    questions = load_questions(args.corpus)
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    questions_file = workdir / "questions.jsonl"
    questions_file.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")

    base_env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
    base_env["PYTHONUNBUFFERED"] = "1"
    if args.checkout:
        args.checkout = args.checkout.resolve()
        base_env["PYTHONPATH"] = str(args.checkout)
    args.checkouts = {}
    for item in filter(None, (x.strip() for x in args.compare.split(","))):
        name, _, directory = item.partition("=")
        args.checkouts[f"chat@{name}"] = Path(directory).resolve()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()] + list(args.checkouts)
    runs: dict[str, list[dict]] = {t: [] for t in targets}
    try:
        for round_number in range(args.repeat):
            for target in targets:
                port = free_port()
                if target == "bare":
                    command = [sys.executable, str(HERE / "bare_server.py"), "--host", "127.0.0.1", "--port", str(port)]
                    env = dict(base_env)
                elif target == "web-only":
                    command = [sys.executable, str(HERE / "web_only_server.py"), "--host", "127.0.0.1", "--port", str(port)]
                    env = dict(base_env, APPLICANT_BOT_DATA_DIR=str(workdir / f"data-web-{round_number}"),
                               APPLICANT_BOT_RATE_LIMIT="off")
                elif target in args.checkouts:
                    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--today", "2023-03-01"]
                    env = dict(base_env, APPLICANT_BOT_DATA_DIR=str(workdir / f"data-{target}-{round_number}"),
                               APPLICANT_BOT_RATE_LIMIT="off", PYTHONPATH=str(args.checkouts[target]))
                elif target in ("chat", "chat+ratelimit", "chat-nomemo"):
                    data_dir = workdir / f"data-{target}-{round_number}"
                    command = serve_command(args.checkout) + ["serve", "--host", "127.0.0.1", "--port", str(port),
                                                              "--today", "2023-03-01"]
                    env = dict(base_env, APPLICANT_BOT_DATA_DIR=str(data_dir),
                               APPLICANT_BOT_RATE_LIMIT="1000000/1" if target == "chat+ratelimit" else "off")
                    if target == "chat-nomemo":  # every message understood from scratch
                        env["APPLICANT_BOT_NLU_CACHE"] = "0"
                else:
                    print(f"unknown target {target!r}", file=sys.stderr)
                    return 2
                print(f"… round {round_number + 1}/{args.repeat} {target}: {args.duration:g} s at "
                      f"{args.connections} connections", file=sys.stderr)
                runs[target].append(measure(target, command, env, port, questions_file, args, workdir))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results = {target: median_run(target_runs) for target, target_runs in runs.items()}

    report = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_average_at_end": round(os.getloadavg()[0], 2)},
        "settings": {"duration_s": args.duration, "connections": args.connections, "wrk_threads": args.threads,
                     "sessions": args.sessions * args.threads, "questions": len(questions), "repeat": args.repeat},
        "results": results,
    }
    if "bare" in results and "chat" in results:
        report["chat_over_bare"] = round(results["chat"]["rps"] / results["bare"]["rps"], 3)
        report["chat_over_bare_by_cpu"] = round(
            results["bare"]["cpu_us_per_request"] / results["chat"]["cpu_us_per_request"], 3)
    if "chat" in results and "chat+ratelimit" in results:
        report["ratelimit_cost"] = round(1 - results["chat+ratelimit"]["rps"] / results["chat"]["rps"], 3)
        report["ratelimit_cpu_us_per_request"] = round(
            results["chat+ratelimit"]["cpu_us_per_request"] - results["chat"]["cpu_us_per_request"], 1)
    print_table(report)
    if args.json_out:
        args.json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


def print_table(report: dict) -> None:
    s = report["settings"]
    m = report["machine"]
    print(f"POST /api/v1/chat · {s['connections']} connections · {s['duration_s']:g} s each · "
          f"{s['sessions']} sessions · {s['questions']} distinct messages · {m['cpus']} CPUs · "
          f"median of {s['repeat']} · load average {m['load_average_at_end']}")
    print("| target | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU µs/req | RSS MB (peak) "
          "| cold start ms | turns/commit | NLU memo hits |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in report["results"].items():
        per_commit = f"{r['turns_per_commit']:.1f}" if "turns_per_commit" in r else "–"
        hits = f"{r['nlu_memo_hit_rate']:.0%}" if "nlu_memo_hit_rate" in r else "–"
        print(f"| {name} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p90_ms']:.2f} | {r['p99_ms']:.2f} | "
              f"{r['max_ms']:.1f} | {r['errors']} | {r['cpu_us_per_request']:.0f} | "
              f"{r['rss_mb']:.0f} ({r['peak_rss_mb']:.0f}) | {r['cold_start_ms']:.0f} | {per_commit} | {hits} |")
    if "chat_over_bare" in report:
        chat = report["results"]["chat"]
        ok_ratio = "met" if report["chat_over_bare"] >= GOAL_RATIO else "NOT met"
        ok_p99 = "met" if chat["p99_ms"] < GOAL_P99_MS else "NOT met"
        print(f"chat/bare = {report['chat_over_bare']:.2f} by req/s, {report['chat_over_bare_by_cpu']:.2f} by server CPU "
              f"per request (goal ≥ {GOAL_RATIO}: {ok_ratio}); chat p99 = {chat['p99_ms']:.2f} ms "
              f"(goal < {GOAL_P99_MS:g} ms: {ok_p99})")
    if "ratelimit_cost" in report:
        print(f"rate limit on (never triggered) costs {report['ratelimit_cost']:.1%} of chat requests/s, "
              f"{report['ratelimit_cpu_us_per_request']:+.0f} µs of server CPU per request")


if __name__ == "__main__":
    sys.exit(main())
