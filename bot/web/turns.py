"""Running the engine for a web request: inline on the event loop, the turn's rows written by the
group commit of this loop pass before the answer goes out."""
from __future__ import annotations

from typing import Any, Callable

from aiohttp import web

from .keys import COMMIT


async def run_engine(app: web.Application, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # Inline on the loop: a turn is CPU under the GIL, so worker threads only added hand-offs and
    # GIL contention (BENCHMARKS.md).
    return fn(*args, **kwargs)


async def run_turn(app: web.Application, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``engine.handle`` / ``engine.feedback`` for a web request: the rows are written by the group
    commit of this loop pass, and this returns only once they are on disk (WAL + synchronous=NORMAL:
    a write, no fsync), so a crash never loses a turn somebody was answered for."""
    commit = app.get(COMMIT)
    if commit is None:
        return await run_engine(app, fn, *args, **kwargs)
    result = await run_engine(app, fn, *args, defer_commit=True, **kwargs)
    await commit()
    return result
