"""Long polling that confirms an update only once it is stored.

Telegram forgets every update below the ``offset`` of the next getUpdates. PTB's Updater raises the
offset as soon as it has queued a batch, before anything is handled, so a crash then loses those
updates for good. Here a batch is first handed to ``accept`` (turns, replies and update marks
written in one commit); only when that says they are on disk does the offset move past them. If
the write failed, the same updates are asked for again after a backoff (the marks make that safe).
"""
from __future__ import annotations

import asyncio
import logging
import random
from typing import Any, Awaitable, Callable, Sequence

from telegram import Update
from telegram.error import InvalidToken

from .delivery import backoff, describe
from .sender import ApiHealth

log = logging.getLogger(__name__)

POLL_SECONDS = 20  # how long one getUpdates waits for news on Telegram's side


async def poll(
    bot: Any, accept: Callable[[Sequence[Update]], Awaitable[bool]], health: ApiHealth, *,
    allowed_updates: list[str], timeout: float, backoff_seconds: tuple[float, float],
    running: Callable[[], bool] = lambda: True,
) -> None:
    """Until ``running()`` is false (checked each round, so a cancellation lost inside a library's
    ``wait_for`` cannot keep it going) or the task is cancelled."""
    offset: int | None = None
    failures = 0
    while running():
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=POLL_SECONDS, allowed_updates=allowed_updates,
                read_timeout=POLL_SECONDS + timeout, write_timeout=timeout, connect_timeout=timeout,
                pool_timeout=timeout,
            )
        except asyncio.CancelledError:
            raise
        except InvalidToken as error:
            health.failing(describe(error), token_refused=True)
            log.error("Telegram refused the token while polling; polling stops (check APPLICANT_BOT_TELEGRAM_TOKEN)")
            return
        except Exception as error:  # noqa: BLE001 - unreachable, 5xx, 409 (a webhook is set) …: try again
            failures += 1
            health.failing(describe(error))
            delay = backoff(failures, *backoff_seconds, random.random())
            log.warning("Telegram getUpdates failed (%s); trying again in %.1f s", describe(error), delay)
            await asyncio.sleep(delay)
            continue
        health.ok()
        if not updates:
            failures = 0
            continue
        if await accept(updates):
            offset = updates[-1].update_id + 1
            failures = 0
            continue
        failures += 1
        delay = backoff(failures, *backoff_seconds, random.random())
        log.warning("could not store Telegram updates %s–%s; asking for them again in %.1f s",
                    updates[0].update_id, updates[-1].update_id, delay,
                    extra={"update_id": updates[0].update_id, "updates": len(updates)})
        await asyncio.sleep(delay)
