"""The Telegram channel's parts on their own: per-chat ordering, callback data, HTML, splitting, ledger."""
from __future__ import annotations

import asyncio

from channels_fake_bot_api import text_update
from telegram import Message, Update

from bot.telegram.ledger import UpdateLedger
from bot.telegram.ordering import PerChatOrder
from bot.telegram.render import MAX_MESSAGE_CHARS, callback_data, keyboard, label_from_callback, split_message, to_html


async def test_one_chat_waits_for_itself_other_chats_do_not():
    processor = PerChatOrder(8)
    events: list[str] = []
    gate = asyncio.Event()

    async def work(tag: str, block: bool = False) -> None:
        events.append(f"start {tag}")
        if block:
            await gate.wait()
        events.append(f"end {tag}")

    a1, a2, b1 = (Update.de_json(text_update(chat, "x"), None) for chat in (1, 1, 2))
    tasks = [
        asyncio.create_task(processor.process_update(a1, work("A1", block=True))),
        asyncio.create_task(processor.process_update(a2, work("A2"))),
        asyncio.create_task(processor.process_update(b1, work("B1"))),
    ]
    await asyncio.sleep(0.05)
    assert "end B1" in events  # chat 2 was not held up by chat 1's slow update
    assert "start A2" not in events  # chat 1's second update waits for its first
    gate.set()
    await asyncio.gather(*tasks)
    assert events.index("end A1") < events.index("start A2")
    assert processor.busy_chats == 0  # locks of idle chats are dropped


def test_callback_data_fits_64_bytes_and_resolves_back_to_the_label():
    short = "수수료 환불 계산"
    long = "장애인 등 응시 편의 제공 신청서류와 제출 기간을 한 번에 알려 주세요"
    assert callback_data(short) == "t:" + short
    data = callback_data(long)
    assert data.startswith("h:") and len(data.encode("utf-8")) <= 64
    markup = keyboard([short, long])
    message = Message.de_json({
        "message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "x",
        "reply_markup": markup.to_dict(),
    }, None)
    assert label_from_callback(callback_data(short), None) == short  # needs no message
    assert label_from_callback(data, message) == long
    assert label_from_callback(data, None) is None  # a stale long button cannot be guessed
    assert label_from_callback("h:unknown", message) is None
    for row in markup.inline_keyboard:
        for button in row:
            assert len(button.callback_data.encode("utf-8")) <= 64


def test_short_buttons_share_rows_long_ones_get_their_own():
    rows = keyboard(["1차", "2차", "다른 날짜로 다시 계산", "👍", "👎"]).inline_keyboard
    assert [[b.text for b in row] for row in rows] == [["1차", "2차"], ["다른 날짜로 다시 계산"], ["👍", "👎"]]
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


def test_ledger_remembers_across_connections_and_keys_by_bot(tmp_path):
    path = tmp_path / "bot.db"
    ledger = UpdateLedger(path, bot_id=1)
    assert ledger.claim(10) is True
    assert ledger.claim(10) is False
    ledger.close()
    again = UpdateLedger(path, bot_id=1)  # after a restart
    assert again.claim(10) is False and again.claim(11) is True
    other_bot = UpdateLedger(path, bot_id=2)  # another token numbers its updates on its own
    assert other_bot.claim(10) is True
    again.close()
    other_bot.close()
