"""Retention: conversations, messages, unanswered questions and feedback are kept for a limited time.

    cutoff(older_than_days, now=None) -> datetime     what is stamped before this is deleted
    DailyPurge(store, days)                            serve: a purge at start, then one a day

Personal-data law (PIPA) expects a retention limit; ``APPLICANT_BOT_RETENTION_DAYS`` (default 90)
sets it and `serve` applies it by itself. `applicant-bot purge --older-than DAYS` (bot/cli/purge_cmd.py)
does the same at once and also shrinks the file. Days are real days: rows are stamped with the real
Seoul time even when the bot's clock is frozen (--now), so a demo's frozen date never purges or
keeps anything by mistake.

Inside `serve` the purge runs in a thread, in transactions of a few hundred rows, so turns go on
between them; the freed pages are reused by new turns (the file stops growing) and a passive WAL
checkpoint follows. Shrinking the file (VACUUM) rewrites all of it and would stall every turn, so
only the `purge` command does it.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from .clock import seoul_now

log = logging.getLogger(__name__)

DAY_SECONDS = 24 * 60 * 60
SERVE_BATCH = 500  # rows a transaction while serving


def cutoff(older_than_days: int, now: datetime | None = None) -> datetime:
    """The moment before which rows are deleted (0 days: everything before now)."""
    return (now or seoul_now()) - timedelta(days=older_than_days)


class DailyPurge:
    """Purge ``store`` of what is older than ``days`` at start, then every ``interval`` seconds."""

    def __init__(self, store: Any, days: int, *, interval: float = DAY_SECONDS) -> None:
        self.store, self.days, self.interval = store, days, interval
        self.runs = 0  # purges done (tests wait for them)
        self.done = asyncio.Event()  # set after each purge
        self._task: asyncio.Task | None = None
        self._stopping = threading.Event()  # seen by the purge between two transactions

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="retention")

    async def stop(self) -> None:
        """Cancel the next purge; one under way stops after its current transaction (the store
        is closed after this returns)."""
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _run(self) -> None:
        while True:
            await self.purge_once()
            await asyncio.sleep(self.interval)

    async def purge_once(self) -> dict[str, int] | None:
        before = cutoff(self.days)
        work = asyncio.ensure_future(asyncio.to_thread(self._purge, before))
        try:
            deleted = await asyncio.shield(work)
        except asyncio.CancelledError:
            await asyncio.wait([work])  # the thread ends its transaction before the store closes
            if not work.cancelled():
                work.exception()  # retrieved: nothing is left to be reported as never retrieved
            raise
        except Exception:  # a locked or lost file must not stop the server; tried again next time
            log.exception("retention: could not delete what is older than %d days", self.days)
            return None
        finally:
            self.runs += 1
            self.done.set()
        log.info("retention: deleted what was last active before %s (%d days)", before.isoformat(timespec="minutes"),
                 self.days, extra={"deleted": deleted})
        return deleted

    def _purge(self, before: datetime) -> dict[str, int]:
        deleted = self.store.purge(before, batch=SERVE_BATCH, stop=self._stopping)
        if not self._stopping.is_set():
            self.store.checkpoint()
        return deleted
