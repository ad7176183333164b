"""`applicant-bot eval`: the outcome of each conversation, the file checks, the command's output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluation import Conversation, EvalError, judge, load_eval_set

ROOT = Path(__file__).resolve().parents[2]


def conversation(**fields) -> Conversation:
    return Conversation.model_validate({"id": "c", "turns": ["질문"], **fields})


@pytest.mark.parametrize(
    ("fields", "reply", "kind", "outcome"),
    [
        ({"must": [r"20,000\s*원"]}, "환불액: 20,000원", "answer", "right"),
        ({"expect": "fallback", "must": ["1644-8000"]}, "고객센터(☎ 1644-8000)", "fallback", "right"),
        ({"must": [r"20,000\s*원"]}, "잘 모르겠어요. 1644-8000", "fallback", "honest_fallback"),
        ({"must": ["340"]}, "응시일을 알려 주세요", "question", "unnecessary_question"),
        ({"expect": "question", "must": ["언제"]}, "몇 차 시험인가요?", "question", "wrong_fact"),
        ({"must": [r"20,000\s*원"]}, "시험은 2023. 4. 8.(토)예요", "answer", "wrong_fact"),
        ({"must": [r"20,000\s*원"], "must_not": [r"24,000\s*원"]}, "환불액: 24,000원", "answer", "confident_wrong"),
        ({"expect": "fallback", "must": ["1644-8000"]}, "시험은 2023. 4. 8.(토)예요", "answer", "confident_wrong"),
        # a forbidden fact inside an honest "I am not sure" is still a fallback, not a confident answer
        ({"must_not": ["24,000원"]}, "확실하지 않아요 (24,000원?)", "fallback", "honest_fallback"),
    ],
)
def test_each_outcome(fields, reply, kind, outcome):
    assert judge(conversation(**fields), reply, kind, "refund", 0.9).outcome == outcome


def test_a_bad_file_names_the_file_and_the_problem(tmp_path):
    bad_regex = tmp_path / "bad.yaml"
    bad_regex.write_text('conversations:\n  - {id: a, turns: ["x"], must: ["(unclosed"]}\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad\.yaml.*bad regular expression"):
        load_eval_set(bad_regex)
    twice = tmp_path / "twice.yaml"
    twice.write_text('conversations:\n  - {id: a, turns: ["x"]}\n  - {id: a, turns: ["y"]}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="more than once: a"):
        load_eval_set(twice)
    clock = tmp_path / "clock.yaml"
    clock.write_text('today: 2023-02-30\nconversations:\n  - {id: a, turns: ["x"]}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="today"):
        load_eval_set(clock)


def run_eval(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", "eval", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_scores_a_file_through_the_engine(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text(
        "name: mini\n"
        "today: 2023-03-15\n"
        "conversations:\n"
        '  - {id: tier, class: calculator, turns: ["3월 25일에 1차 취소하면 환불 얼마예요?"],'
        ' must: ["20,000\\\\s*원"], must_not: ["24,000원을"]}\n'
        '  - {id: two-turns, class: multi_turn, turns: ["환불 얼마 받아요?", "1차", "3월 10일"],'
        ' must: ["24,000\\\\s*원"]}\n'
        '  - {id: wrong, class: fact, turns: ["응시수수료 얼마예요?"], must_not: ["40,000원"]}\n',
        encoding="utf-8",
    )
    done = run_eval(str(path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["conversations"], report["right"]) == (3, 2)
    assert report["outcomes"]["confident_wrong"] == 1
    assert [f["id"] for f in report["failures"]] == ["wrong"]
    assert report["by_class"]["multi_turn"]["right"] == 1

    text = run_eval(str(path))
    assert text.returncode == 0 and text.stdout.startswith("mini: 2/3 = 66.7%")
    assert "✗ wrong [fact] confident_wrong" in text.stdout


def test_the_command_refuses_a_file_it_cannot_use(tmp_path):
    done = run_eval(str(tmp_path / "missing.yaml"))
    assert done.returncode == 2 and "cannot read" in done.stderr and "Traceback" not in done.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("conversations: [\n", encoding="utf-8")
    done = run_eval(str(broken))
    assert done.returncode == 2 and "not valid YAML" in done.stderr
