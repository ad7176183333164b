"""The Telegram channel's parts on their own: reading updates, judging failures, callback data, HTML,
splitting."""
from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from channels_fake_bot_api import button_update, text_update
from telegram import Message, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.commands import CANCEL_TEXT, HELP_TEXT
from bot.engine import Reply, Turn
from bot.telegram.delivery import backoff, judge
from bot.telegram.inbound import NOT_TEXT, STALE_BUTTON, read_update, replies
from bot.telegram.render import MAX_MESSAGE_CHARS, callback_data, keyboard, label_from_callback, split_message, to_html


def test_callback_data_fits_64_bytes_and_resolves_back_to_the_label():
    short = "수수료 환불 계산"
    long = "장애인 등 응시 편의 제공 신청서류와 제출 기간을 한 번에 알려 주세요"
    assert callback_data(short) == "t:" + short
    data = callback_data(long)
    assert data.startswith("h:") and len(data.encode("utf-8")) <= 64
    markup = keyboard([short, long])
    message = Message.de_json({
        "message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "x", "reply_markup": markup,
    }, None)
    assert label_from_callback(callback_data(short), None) == short  # needs no message
    assert label_from_callback(data, message) == long
    assert label_from_callback(data, None) is None  # a stale long button cannot be guessed
    assert label_from_callback("h:unknown", message) is None
    for row in markup["inline_keyboard"]:
        for button in row:
            assert len(button["callback_data"].encode("utf-8")) <= 64


def test_short_buttons_share_rows_long_ones_get_their_own():
    rows = keyboard(["1차", "2차", "다른 날짜로 다시 계산", "👍", "👎"])["inline_keyboard"]
    assert [[b["text"] for b in row] for row in rows] == [["1차", "2차"], ["다른 날짜로 다시 계산"], ["👍", "👎"]]
    assert keyboard([]) is None


def test_html_escapes_everything_and_bolds_header_and_clause():
    html = to_html("[2023년도 제34회 공고 기준] <환불>\n사용자 입력: <script>&\n근거: 9. 라. 수수료 환불")
    assert html.split("\n") == [
        "<b>[2023년도 제34회 공고 기준] &lt;환불&gt;</b>",
        "사용자 입력: &lt;script&gt;&amp;",
        "<b>근거:</b> 9. 라. 수수료 환불",
    ]


def test_long_replies_are_split_under_telegrams_limit_without_losing_text():
    for text in ("가나다라\n" * 3000, "&" * 9000, "x" * 5000 + "\n" + "<" * 100, "짧은 답"):
        pieces = split_message(text)
        assert all(len(to_html(p)) <= MAX_MESSAGE_CHARS for p in pieces)
        assert "".join(pieces).replace("\n", "") == text.replace("\n", "")
    assert split_message("짧은 답") == ["짧은 답"]


# -- reading an update ----------------------------------------------------------------------------


def _update(data: dict) -> Update:
    return Update.de_json(data, None)


def test_commands_become_the_engine_text_other_text_goes_as_typed():
    assert read_update(_update(text_update(1, "/start"))).text == HELP_TEXT
    assert read_update(_update(text_update(1, "/help@applicant_test_bot"))).text == HELP_TEXT
    assert read_update(_update(text_update(1, "/cancel"))).text == CANCEL_TEXT
    assert read_update(_update(text_update(1, "/unknown"))).text == "/unknown"
    typed = read_update(_update(text_update(7, "환불 얼마예요?", update_id=42)))
    assert (typed.update_id, typed.chat_id, typed.text, typed.note, typed.first) == (42, 7, "환불 얼마예요?", None, ())


def test_a_sticker_gets_the_note_a_status_update_gets_nothing():
    sticker = text_update(1, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1,
                                     "is_animated": False, "is_video": False, "type": "regular"}
    assert read_update(_update(sticker)).note == NOT_TEXT
    joined = text_update(1, "x")
    del joined["message"]["text"]
    joined["message"]["new_chat_members"] = [{"id": 5, "is_bot": False, "first_name": "새 회원"}]
    inbound = read_update(_update(joined))
    assert inbound.text is None and inbound.note is None and inbound.first == ()


def test_a_pressed_button_stops_the_spinner_marks_the_button_and_reads_the_label():
    sent = {"message_id": 77, "date": 0, "chat": {"id": 3, "type": "private"}, "text": "1차인가요, 2차인가요?",
            "reply_markup": keyboard(["1차", "2차"])}
    inbound = read_update(_update(button_update(3, sent, "2차")))
    assert inbound.text == "2차" and inbound.chat_id == 3
    spinner, mark = inbound.first
    assert spinner.method == "answerCallbackQuery" and spinner.best_effort
    assert mark.method == "editMessageText" and mark.best_effort and mark.params["message_id"] == 77
    assert mark.params["text"].endswith("▶ <i>2차</i>")
    stale = button_update(3, sent, "1차")
    stale["callback_query"]["data"] = "h:unknown"
    inbound = read_update(_update(stale))
    assert inbound.text is None and inbound.note == STALE_BUTTON and [c.method for c in inbound.first] == ["answerCallbackQuery"]


def test_a_long_reply_is_split_with_the_keyboard_under_the_last_piece():
    calls = replies(9, Turn((Reply("가나다라\n" * 2000, ("1차", "2차")),), "refund", 1.0))
    assert len(calls) == 3 and all(c.method == "sendMessage" and c.params["chat_id"] == 9 for c in calls)
    assert [("reply_markup" in c.params) for c in calls] == [False, False, True]
    assert all(c.params["parse_mode"] == "HTML" and c.params["link_preview_options"] == {"is_disabled": True}
               for c in calls)


# -- judging a failed call --------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter's own int/timedelta notice
@pytest.mark.parametrize("make_error, action, reason", [
    (lambda: RetryAfter(7), "wait", None),
    (lambda: RetryAfter(timedelta(seconds=7)), "wait", None),
    (lambda: Forbidden("Forbidden: bot was blocked by the user"), "fail", "blocked"),
    (lambda: BadRequest("Bad Request: chat not found"), "fail", "chat_not_found"),
    (lambda: BadRequest("Bad Request: can't parse entities"), "fail", "refused"),
    (lambda: ChatMigrated(-100123), "fail", "migrated"),
    (lambda: NetworkError("Internal Server Error"), "retry", None),  # what PTB makes of a 500 or a 502 page
    (lambda: TimedOut(), "retry", None),
    (lambda: InvalidToken("Unauthorized"), "retry", None),  # the bot's token, not this reply: keep it
    (lambda: KeyError("result"), "retry", None),  # {"ok": false} under HTTP 200
    (lambda: httpx.ConnectError("refused"), "retry", None),
    (lambda: TimeoutError(), "retry", None),
], ids=["429", "429-timedelta", "403", "400-chat", "400-other", "migrated", "5xx", "timeout", "401", "ok-false",
        "connect", "asyncio-timeout"])
def test_failures_are_sorted_into_wait_retry_or_fail(make_error, action, reason):
    verdict = judge(make_error())
    assert (verdict.action, verdict.reason) == (action, reason)
    assert verdict.error
    if action == "wait":
        assert verdict.after == 7


def test_backoff_doubles_up_to_the_longest_with_bounded_jitter():
    assert [backoff(n, 1, 300, 0.5) for n in (1, 2, 3, 4, 10, 20)] == [1, 2, 4, 8, 300, 300]
    assert backoff(3, 1, 300, 0.0) == pytest.approx(3.2) and backoff(3, 1, 300, 1.0) == pytest.approx(4.8)
