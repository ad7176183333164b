"""What the engine remembers (understood messages, rendered answers, chosen facts) changes its
speed, never its answers: two engines, one with every memo on and one with every memo off, walk the
whole question corpus as multi-turn conversations, on several days and times, and must agree on
every reply, every button and every saved session state."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "nlu"))
from nlu_support import load_corpus  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.storage import Store  # noqa: E402

TEXTS = list(dict.fromkeys(case.text for case in load_corpus()))
# The application's last day before and after 18:00, the 50% refund window, the 2nd stage's days.
MOMENTS = [datetime(2023, 2, 10, 17, 59), datetime(2023, 2, 10, 18, 1), datetime(2023, 3, 25, 9, 0),
           datetime(2023, 7, 1, 23, 30)]


def engines() -> tuple[Engine, Engine]:
    remembering = Engine(store=Store(None))
    fresh = Engine(store=Store(None), nlu_cache=0)
    fresh.renderer.kept = 0
    fresh.dialogue.facts.texts_kept = 0
    return remembering, fresh


@pytest.mark.parametrize("now", MOMENTS, ids=lambda d: d.strftime("%m%d-%H%M"))
def test_every_memo_leaves_every_answer_unchanged(now):
    remembering, fresh = engines()
    sessions, turns = 120, 12  # each session walks consecutive corpus messages: real multi-turn flows
    for turn in range(turns):
        for session in range(sessions):
            text = TEXTS[(session * 17 + turn) % len(TEXTS)]
            a = remembering.handle(f"s{session}", text, now=now)
            b = fresh.handle(f"s{session}", text, now=now)
            assert a == b, (session, turn, text)
            assert remembering.store.load_session(f"s{session}") == fresh.store.load_session(f"s{session}")
    hits = remembering.nlu_memo.stats()["hits"]
    assert hits > sessions * turns // 4  # the memo really was used, not bypassed
    assert len(remembering.renderer._texts) > 0 and fresh.renderer._texts == {}
