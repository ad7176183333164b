"""The dialogue engine contract shared by every channel.

``Engine.handle(session_id, text, now=...) -> Turn`` takes one message (typed text or a pressed
button's text), loads the session, runs NLU → dialogue → rules → templates, saves the session and
returns the replies. Channels only render a Turn.

The contract channels code against (implemented in this module by the dialogue work):

    engine = Engine(exam=None, store=None, clock=None)
        exam:  knowledge.schema.Exam (default: knowledge.load_exam())
        store: bot.storage.Store (default: an in-memory store; `serve`/`ask` pass a file store)
        clock: () -> datetime, naive Asia/Seoul wall time (default: now in Asia/Seoul);
               `--now`/`--today` pass a frozen one (bot.clock.frozen_clock). The store stamps
               rows with the real time, whatever this clock says (retention counts real days).
        (keyword-only, for tests and benchmarks: understand=callable(text, *, year, today,
        expecting) replacing the NLU; by default bot.nlu.understand bound to this engine's exam,
        remembering the last ``nlu_cache`` (default 4096, 0 = off) messages: bot.nlu.memo)
    turn = engine.handle(session_id: str, text: str, *, channel: str = "api",
                         now: datetime | None = None, defer_commit: bool = False) -> Turn
        Never raises on any user text; an empty/oversized text gets a polite reply.
        The turn is on disk when it returns, unless ``defer_commit``: then it is pending in the
        store until the caller flushes it (``bot.groupcommit``; `serve`'s web API does).
    engine.feedback(session_id: str, value: int, note: str = "", *, defer_commit=False) -> None  # +1 / -1

    store = bot.storage.Store(path: str | Path | None)   # None = in-memory SQLite
    store.list_unanswered(limit: int = 100) -> list[dict]  # {"id","session","text","channel","at"}
    store.close()
"""
from __future__ import annotations

import functools
import gc
import logging
import threading
import unicodedata
import re
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from .clock import KST, frozen_clock, seoul_now  # noqa: F401  (imported from here by channels and tests)

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1000
MAX_SESSION_ID_CHARS = 200
# Control characters (NUL …) and bidi overrides carry no meaning for the bot and can disguise text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    replies: tuple[Reply, ...]
    intent: str | None
    confidence: float
    # Not part of the JSON: what the channels count (bot.metrics)
    unanswered: str | None = None  # why the question went to staff's unanswered list, if it did
    feedback: int | None = None  # +1 / -1 when the message was a 👍/👎

    def to_json(self) -> dict:
        """The public JSON shape of `ask --json` and `POST /api/v1/chat`."""
        return {
            "replies": [{"text": r.text, "buttons": list(r.buttons)} for r in self.replies],
            "intent": self.intent,
            "confidence": round(float(self.confidence), 4),
        }


class Engine:
    """One dialogue engine for every channel. See the module docstring for the contract."""

    def __init__(
        self,
        exam: Any = None,
        store: Any = None,
        clock: Callable[[], datetime] | None = None,
        *,
        guide: Any = None,
        understand: Callable[..., Any] | None = None,
        nlu_cache: int | None = None,
        warm: bool = True,
    ) -> None:
        from knowledge import load_exam, load_guide

        from .capabilities import FLOWS
        from .dialogue import Dialogue, State
        from .dialogue.facts import FactBook
        from .dialogue.flows.base import Context
        from .dialogue.render import Renderer
        from .storage import Store

        self.exam = exam if exam is not None else load_exam()
        self.nlu_memo = None
        if understand is None:
            from .nlu import understand as nlu_understand
            from .nlu.memo import DEFAULT_SIZE, Memo

            # the NLU reads test names, IDs … with this round's vocabularies, not the default round's
            understand = self.nlu_memo = Memo(
                functools.partial(nlu_understand, exam=self.exam), DEFAULT_SIZE if nlu_cache is None else nlu_cache
            )
        self.guide = guide if guide is not None else load_guide()
        self.store = store if store is not None else Store(None)
        self.clock = clock or seoul_now
        self.renderer = Renderer()  # every template compiled once, here
        self.dialogue = Dialogue(understand, FactBook(self.exam), FLOWS)
        self._state_type, self._context_type = State, Context  # kept: imported lazily, not per message
        self._locks: "weakref.WeakValueDictionary[str, threading.Lock]" = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()
        if warm:
            self._warm_up()

    def _warm_up(self) -> None:
        """Build the NLU's lazy indexes now (the first applicant should not wait for them), then
        move everything loaded so far — knowledge, indexes, compiled templates — out of the garbage
        collector's view (``gc.freeze``). They live as long as the process; without this, every full
        collection walks them and a message now and then took 10–30 ms instead of under 1."""
        try:
            self.dialogue.understand("안녕하세요", year=self.exam.year, today=self.clock().date(), expecting=None)
            from .nlu import known

            known.everyday_words()  # read only when a strange word comes; load it before the first one
        except Exception:  # warming up is an optimisation; a failure shows on the first message
            log.exception("NLU warm-up failed")
        gc.collect()
        gc.freeze()

    # -- one message ---------------------------------------------------------------------------

    def handle(
        self, session_id: str, text: str, *, channel: str = "api", now: datetime | None = None,
        defer_commit: bool = False,
    ) -> Turn:
        """Answer one message (typed text or a pressed button's text). Never raises on user input."""
        session_id = str(session_id)[:MAX_SESSION_ID_CHARS]
        try:
            now = now or self.clock()
            with self._session_lock(session_id):
                return self._handle(session_id, text, channel, now, defer_commit)
        except Exception:  # a bug must not take the channel down: apologise, log without the text
            log.exception("engine failed on a message (channel=%s)", channel)
            return Turn((Reply(self._safe_render("error.j2")),), None, 0.0)

    def _handle(self, session_id: str, text: Any, channel: str, now: datetime, defer: bool) -> Turn:
        State, Context = self._state_type, self._context_type
        state = State.from_dict(self.store.load_session(session_id))
        clean = clean_text(text)
        ctx = Context(self.exam, self.guide, now.date(), now, self.renderer, clean)
        if not clean:
            outcome = self.dialogue.canned("empty.j2", state, ctx)
        elif len(clean) > MAX_TEXT_CHARS:
            outcome = self.dialogue.canned("too_long.j2", state, ctx, limit=MAX_TEXT_CHARS)
            clean = clean[:MAX_TEXT_CHARS]
        else:
            outcome = self.dialogue.step(state, clean, ctx)
        state.buttons = {label: action for label, action in outcome.buttons}
        state.turns += 1
        reply = Reply("\n\n".join(outcome.texts), tuple(label for label, _ in outcome.buttons))
        self._save(session_id, state, clean, reply, outcome, channel, defer)
        return Turn((reply,), outcome.intent, outcome.confidence, outcome.unanswered_reason, outcome.feedback)

    def _save(self, session_id, state, text, reply, outcome, channel, defer) -> None:
        # Storage trouble (disk full, locked file) must not cost the applicant the answer; the rows
        # stay pending in the store and go out with the next write.
        try:
            # unanswered/feedback first, deferred: the turn's own save writes all three at once
            if outcome.unanswered_reason:
                self.store.add_unanswered(
                    session_id, text, channel=channel, best_guess=outcome.guesses,
                    reason=outcome.unanswered_reason, defer=True,
                )
            if outcome.feedback:
                self.store.add_feedback(
                    session_id, outcome.feedback, intent=state.last_intent, channel=channel, defer=True,
                )
            self.store.save_turn(
                session_id, state.to_dict(), channel=channel, incoming=text, outgoing=(reply.text,),
                intent=outcome.intent, confidence=outcome.confidence, defer=defer,
            )
        except Exception:
            log.exception("could not save a turn (channel=%s)", channel)

    # -- feedback from a channel (e.g. a Telegram reaction) ------------------------------------

    def feedback(self, session_id: str, value: int, note: str = "", *, defer_commit: bool = False) -> None:
        from .dialogue import State

        session_id = str(session_id)[:MAX_SESSION_ID_CHARS]
        value = 1 if value > 0 else -1
        state = State.from_dict(self.store.load_session(session_id))
        self.store.add_feedback(
            session_id, value, note=note, intent=state.last_intent, defer=defer_commit,
        )

    # -- helpers -------------------------------------------------------------------------------

    def _session_lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(session_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[session_id] = lock
            return lock

    def _safe_render(self, name: str) -> str:
        try:
            return self.renderer.render(name, exam=self.exam)
        except Exception:
            return "죄송해요, 답변을 만드는 중에 문제가 생겼어요. HRD 고객센터(☎ 1644-8000)로 문의해 주세요."


def clean_text(text: Any) -> str:
    """NFC, without control/bidi characters, trimmed. Non-strings (a JSON number …) become text."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()
