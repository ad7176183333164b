"""`applicant-bot ask` (one message) and `applicant-bot chat` (a conversation in the terminal).

Both go through the same dialogue engine as the web widget and Telegram, with a file store under
``APPLICANT_BOT_DATA_DIR`` (default: the per-user data folder), so ``ask --session ID`` continues a
conversation saved by an earlier process.
"""
from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import TextIO

from .options import add_clock_options


def register(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser(
        "ask",
        help="한 메시지를 봇에 보내고 답을 출력합니다",
        description="한 메시지를 대화 엔진에 보내고 답을 출력합니다. --session으로 저장된 대화를 이어 갑니다.",
    )
    ask.add_argument("--session", help="대화 ID (같은 ID로 다시 부르면 대화가 이어집니다)")
    add_clock_options(ask)
    ask.add_argument("--json", action="store_true", help='{"replies", "intent", "confidence"} JSON으로 출력')
    ask.add_argument("text", nargs="+", help="질문 (또는 누를 버튼의 글자)")
    ask.set_defaults(func=run_ask)

    chat = sub.add_parser(
        "chat",
        help="터미널에서 봇과 대화합니다 (버튼은 번호로 선택)",
        description="터미널에서 대화합니다. 버튼은 번호로 표시되고, 번호를 입력하면 그 버튼을 누릅니다. 끝내려면 /quit.",
    )
    chat.add_argument("--session", help="이어서 할 대화 ID (없으면 새 대화)")
    add_clock_options(chat)
    chat.set_defaults(func=run_chat)


def _engine(args: argparse.Namespace):
    """The engine over the file store; one line and exit 2 (``CliError``) for a bad --now/--today
    or exam setting, as `serve` gives."""
    from knowledge import KnowledgeError

    from bot.config import ConfigError, parse_frozen_moment
    from bot.engine import Engine, frozen_clock
    from bot.storage import Store, default_db_path

    try:
        moment = parse_frozen_moment(today=args.today, now=args.now)
    except ConfigError as error:
        raise CliError(str(error)) from None
    store = Store(default_db_path())
    try:
        return Engine(store=store, clock=frozen_clock(moment) if moment else None)
    except KnowledgeError as error:
        store.close()
        raise CliError(f"configuration error: cannot load the exam data: {error}") from None


class CliError(Exception):
    """One line for the operator; the command exits 2."""


def run_ask(args: argparse.Namespace) -> int:
    try:
        engine = _engine(args)
    except CliError as error:
        print(f"applicant-bot ask: {error}", file=sys.stderr)
        return 2
    try:
        session = args.session or f"cli-{uuid.uuid4().hex}"
        turn = engine.handle(session, " ".join(args.text), channel="cli")
    finally:
        engine.store.close()
    if args.json:
        print(json.dumps(turn.to_json(), ensure_ascii=False))
    else:
        _print_turn(turn, sys.stdout)
        if not args.session:
            print(f"(대화를 이어 가려면: --session {session})", file=sys.stderr)
    return 0


def run_chat(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    try:
        engine = _engine(args)
    except CliError as error:
        print(f"applicant-bot chat: {error}", file=sys.stderr)
        return 2
    session = args.session or f"chat-{uuid.uuid4().hex}"
    buttons: tuple[str, ...] = ()
    print(f"{engine.exam.title} 안내 도우미예요. 궁금한 것을 입력하세요. 버튼은 번호로 고를 수 있어요. (끝내기: /quit)", file=stdout)
    try:
        while True:
            if interactive:
                print("\n> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:  # end of input (Ctrl-D, or the end of piped text)
                break
            text = line.strip()
            if not text:
                continue
            if text.lower() in ("/quit", "/exit", "quit", "exit"):
                break
            if text.isdigit() and 1 <= int(text) <= len(buttons):
                text = buttons[int(text) - 1]  # "2" presses button 2
            if not interactive:
                print(f"\n> {text}", file=stdout)
            turn = engine.handle(session, text, channel="cli")
            _print_turn(turn, stdout)
            buttons = turn.replies[-1].buttons if turn.replies else ()
    finally:
        engine.store.close()
    return 0


def _print_turn(turn, out: TextIO) -> None:
    for reply in turn.replies:
        print(reply.text, file=out)
        if reply.buttons:
            print("  ".join(f"[{i}] {label}" for i, label in enumerate(reply.buttons, 1)), file=out)
    out.flush()
