"""Group commit for the event loop: the turns of one loop pass share one SQLite transaction.

    commit = GroupCommit(store)          # inside the running loop
    turn = engine.handle(session, text, defer_commit=True)
    await commit()                       # returns once that turn is on disk
    # ... only now send the answer

Under load many requests are handled in the same pass of the event loop. Each one's turn goes into
the store's pending rows; the first ``await commit()`` of the pass schedules one ``store.flush()``
for the end of the pass (``call_soon``), and every request of the pass waits for that one flush.
A request is answered only after its turn is written, as before, but a commit is paid once per
pass instead of once per message.

A failed flush (disk full …) is logged and does not fail the requests: the rows stay pending in the
store for the next flush and the applicants still get their answers, as when a synchronous write
fails (``Engine._save``). The future says which it was — True once written, False when the write
failed — for a caller that must not acknowledge what is not on disk (the Telegram webhook answers
5xx then, so Telegram delivers the update again).
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

log = logging.getLogger(__name__)


class GroupCommit:
    def __init__(self, store: Any, on_flush: Callable[[int], None] | None = None) -> None:
        self.store = store
        self.on_flush = on_flush  # hears how many turns each commit wrote (bot.metrics)
        # One future per waiting request (not one shared): a request cancelled while it waits
        # (client gone) cancels only its own future, never its neighbours'.
        self._waiting: list[asyncio.Future[bool]] = []
        self.flushes = 0  # for tests and benchmarks: how many commits served how many turns
        self.waits = 0

    def __call__(self) -> "asyncio.Future[bool]":
        """A future that completes when everything pending now has been flushed (True) or the flush
        failed (False; the rows stay pending)."""
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._flush)
        self._waiting.append(waiter)
        self.waits += 1
        return waiter

    def _flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        self.flushes += 1
        if self.on_flush is not None:
            self.on_flush(len(waiting))
        written = True
        try:
            self.store.flush()
        except Exception:
            written = False
            log.exception("could not write %s pending rows; kept for the next write", getattr(self.store, "pending", "?"))
        for waiter in waiting:
            if not waiter.done():
                waiter.set_result(written)
