"""The Prometheus metrics of one `serve` process, served at ``GET /metrics`` (``bot.web.scrape``).

    metrics = Metrics()                         # one per app, its own CollectorRegistry
    metrics.request(route, status, started)     # every HTTP request (front middleware)
    metrics.turn(channel, turn)                 # every answered message (web API, Telegram)
    metrics.feedback(channel, value)            # 👍 (+1) / 👎 (-1)
    metrics.refused(scope)                      # a 429: "session", "client", "staff_login"
    metrics.commit_batch(size)                  # one group commit of ``size`` turns
    metrics.telegram_update(duplicate)          # an update seen by the Telegram channel
    metrics.client_event(event)                 # "body_timeout", "client_gone"
    metrics.sources["telegram_outbox"] = stats  # the outbox's backlog and sends, read when scraped
    metrics.render() -> bytes                   # the Prometheus text format

The hooks run on the request path, so they only add 1 to an entry of a plain dict (or a histogram
bucket) on the event loop's thread, the one thread every hook runs on; prometheus-client builds its
metric families from those numbers when /metrics is scraped (a custom collector). Its own
``Counter.labels(...).inc()`` takes a lock and a label lookup on every call, which this avoids.
Figures that already exist elsewhere — the NLU memo's hits, the open connections — are read at
scrape time through ``sources``. Every label has a small, fixed set of values (route names,
intents, statuses), so the number of series stays bounded.
"""
from __future__ import annotations

import time
from bisect import bisect_left
from collections import defaultdict
from typing import Any, Callable, Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

__all__ = ["Metrics", "CONTENT_TYPE", "CHAT_ROUTE"]

CONTENT_TYPE = CONTENT_TYPE_LATEST
PREFIX = "applicant_bot_"
CHAT_ROUTE = "chat"
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)


class _Histogram:
    def __init__(self, bounds: tuple[float, ...]) -> None:
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)  # the last one is +Inf
        self.sum = 0.0

    def observe(self, value: float) -> None:
        self.counts[bisect_left(self.bounds, value)] += 1  # bucket "le" bound: value <= bound
        self.sum += value

    def family(self, name: str, documentation: str) -> HistogramMetricFamily:
        cumulative, buckets = 0, []
        for bound, count in zip((*(repr(float(b)) for b in self.bounds), "+Inf"), self.counts):
            cumulative += count
            buckets.append((bound, cumulative))
        return HistogramMetricFamily(PREFIX + name, documentation, buckets=buckets, sum_value=self.sum)


def _counter(name: str, documentation: str, labels: tuple[str, ...], values: dict) -> CounterMetricFamily:
    family = CounterMetricFamily(PREFIX + name, documentation, labels=labels)
    for key, value in sorted(values.items()):
        family.add_metric(key if isinstance(key, tuple) else (key,), value)
    return family


class Metrics:
    def __init__(self) -> None:
        self.requests: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.chat_latency = _Histogram(LATENCY_BUCKETS)
        self.turns: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.fallbacks: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.feedbacks: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.refusals: defaultdict[str, int] = defaultdict(int)
        self.batches = _Histogram(BATCH_BUCKETS)
        self.telegram_updates: defaultdict[str, int] = defaultdict(int)
        self.client_events: defaultdict[str, int] = defaultdict(int)
        # Read when scraped: name -> () -> number or dict (see collect)
        self.sources: dict[str, Callable[[], Any]] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        self.registry.register(self)

    # -- hooks (hot path: a dict entry and an addition each) ---------------------------------------

    def request(self, route: str, status: int, started: float) -> None:
        self.requests[(route, str(status))] += 1
        if route == CHAT_ROUTE:
            self.chat_latency.observe(time.perf_counter() - started)

    def turn(self, channel: str, turn: Any) -> None:
        self.turns[(channel, turn.intent or "none")] += 1
        reason = getattr(turn, "unanswered", None)
        if reason:
            self.fallbacks[(channel, reason)] += 1
        if getattr(turn, "feedback", None):
            self.feedback(channel, turn.feedback)

    def feedback(self, channel: str, value: int) -> None:
        self.feedbacks[(channel, "up" if value > 0 else "down")] += 1

    def refused(self, scope: str) -> None:
        self.refusals[scope] += 1

    def commit_batch(self, size: int) -> None:
        self.batches.observe(size)

    def telegram_update(self, duplicate: bool) -> None:
        self.telegram_updates["duplicate" if duplicate else "new"] += 1

    def client_event(self, event: str) -> None:
        self.client_events[event] += 1

    # -- scrape ----------------------------------------------------------------------------------

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def collect(self) -> Iterator[Any]:
        yield _counter("http_requests", "HTTP requests answered, by route name and status.", ("route", "status"),
                       self.requests)
        yield self.chat_latency.family(
            "chat_latency_seconds", "Time from receiving POST /api/v1/chat to its answer being ready.")
        yield _counter("turns", "Messages answered, by channel and intent ('none': not understood).",
                       ("channel", "intent"), self.turns)
        yield _counter("fallbacks", "Messages the bot could not answer (logged for staff), by channel and reason.",
                       ("channel", "reason"), self.fallbacks)
        yield _counter("feedback", "Feedback given: up (👍) or down (👎), by channel.", ("channel", "value"),
                       self.feedbacks)
        yield _counter("rate_limited", "Requests refused with 429: session, client or staff_login.", ("scope",),
                       self.refusals)
        yield self.batches.family("group_commit_batch_size", "Turns written by one group commit (one transaction).")
        yield _counter("telegram_updates", "Telegram updates seen: new, or a duplicate delivery not answered again.",
                       ("outcome",), self.telegram_updates)
        yield _counter("client_events", "Requests whose client went away (client_gone) or sent its body too slowly "
                       "(body_timeout).", ("event",), self.client_events)
        memo = self._read("nlu_memo")
        if memo:
            yield CounterMetricFamily(PREFIX + "nlu_memo_hits", "Messages understood from the NLU memo.", value=memo["hits"])
            yield CounterMetricFamily(PREFIX + "nlu_memo_misses", "Messages understood afresh (not in the memo).",
                                      value=memo["misses"])
            yield GaugeMetricFamily(PREFIX + "nlu_memo_entries", "Messages kept in the NLU memo.", value=memo["size"])
        connections = self._read("connections")
        if connections:
            yield GaugeMetricFamily(PREFIX + "connections_open", "Open client connections.", value=connections["open"])
            yield GaugeMetricFamily(PREFIX + "connections_max", "The bound on open connections.",
                                    value=connections["max"])
            yield CounterMetricFamily(PREFIX + "connections_closed_for_room",
                                      "Least recently active connections closed to make room at the bound.",
                                      value=connections["closed_for_room"])

        outbox = self._read("telegram_outbox")
        if outbox:
            yield from _outbox_families(outbox)

    def _read(self, name: str) -> Any:
        source = self.sources.get(name)
        return source() if source is not None else None


_OUTBOX_COUNTERS = {
    "queued": "Telegram replies put in the outbox by this process.",
    "delivered": "Telegram replies Telegram accepted.",
    "retried": "Telegram sends tried again after a failure (5xx, timeout, dropped connection).",
    "rate_limited": "Telegram sends put off by a 429 (retry_after, its own chat only).",
    "failed": "Telegram replies given up (blocked, chat not found, out of retries).",
    "dropped": "Telegram replies dropped without a send.",
}


def _outbox_families(stats: dict) -> Iterator[Any]:
    """The outbox's backlog (from the database: every process's) and this process's sends."""
    yield GaugeMetricFamily(PREFIX + "telegram_outbox_pending", "Telegram replies waiting to be sent.",
                            value=stats.get("pending", 0))
    age = stats.get("oldest_pending_age_s")
    yield GaugeMetricFamily(PREFIX + "telegram_outbox_oldest_pending_seconds",
                            "Age of the oldest reply waiting to be sent (0: none waiting).", value=age or 0)
    failed = GaugeMetricFamily(PREFIX + "telegram_outbox_failed", "Telegram replies kept as failed, by reason.",
                               labels=("reason",))
    for reason, count in sorted((stats.get("failed_by_reason") or {}).items()):
        failed.add_metric((str(reason),), count)
    yield failed
    for name, documentation in _OUTBOX_COUNTERS.items():
        yield CounterMetricFamily(PREFIX + f"telegram_replies_{name}", documentation,
                                  value=stats.get(f"{name}_total", 0))
