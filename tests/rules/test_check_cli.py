"""`applicant-bot check …`: in process through ``bot.cli.main`` and as the installed console script."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

TODAY = ["--today", "2023-03-01"]


def run_json(capsys, *argv):
    assert main(["check", *argv, "--json", *TODAY]) == 0
    return json.loads(capsys.readouterr().out)


def test_refund_json_contract(capsys):
    out = run_json(capsys, "refund", "--stage", "1", "--on", "2023-03-25")
    assert (out["percent"], out["amount_krw"]) == (50, 20000)
    assert out["explanation"].endswith("(2023년도 제34회 공고 기준)")
    assert out["citations"] and out["citations"][0]["label"] == "9. 라. 수수료 환불"
    out = run_json(capsys, "refund", "--stage", "1", "--on", "2023-02-10T18:01")
    assert out["percent"] == 60
    out = run_json(capsys, "refund", "--stage", "2", "--on", "2023-07-20", "--reason", "입원")
    assert (out["percent"], out["amount_krw"], out["reason"]) == (50, 20000, "hospitalisation")
    out = run_json(capsys, "refund", "--stage", "1", "--on", "3월 19일")  # year-less: the round's year
    assert out["percent"] == 60


def test_english_json_contract(capsys):
    out = run_json(capsys, "english", "--test", "토플 iBT", "--score", "80", "--taken", "2022-05-01")
    assert out["valid"] is True and out["threshold"] == 71
    out = run_json(capsys, "english", "--test", "토플 iBT", "--score", "80", "--taken", "2022-05-01", "--hearing-impaired")
    assert out["valid"] is False and out["threshold"] is None
    out = run_json(capsys, "english", "--test", "지텔프", "--score", "70", "--taken", "2022-05-01", "--level", "3",
                   "--country", "일본")
    assert out["valid"] is False and len(out["failures"]) == 1


def test_id_and_accommodation_json_contract(capsys):
    assert run_json(capsys, "id", "--document", "모바일 운전면허증")["accepted"] is True
    assert run_json(capsys, "id", "--document", "주민등록증 복사본")["accepted"] is False
    assert run_json(capsys, "id", "--document", "학생증", "--group", "학생")["accepted"] is True
    assert run_json(capsys, "id", "--document", "도서관 카드")["accepted"] is None
    out = run_json(capsys, "accommodation", "--disability", "시각 중증")
    assert out["time_multiplier"] == 1.7 and out["minutes"] == [204, 136]
    out = run_json(capsys, "accommodation", "--disability", "상지 경증", "--stage", "2")
    assert out["time_multiplier"] == 1.2 and out["minutes"] == [120, 120, 120]
    assert out["citations"]


def test_extra_calculators(capsys):
    assert run_json(capsys, "payment", "--stage", "1", "--at", "2023-02-06T13:30")["deadline"] == "2023-02-07T14:00:00"
    assert run_json(capsys, "pass", "--stage", "2", "--scores", "70,65,68")["average_truncated"] == "67.66"
    assert run_json(capsys, "exemption", "--periods", "2018-03-02~")["eligible"] is True
    assert run_json(capsys, "office", "--region", "광주")["phone"] == "062-970-1799"


def test_exemption_by_a_length_of_work(capsys):
    out = run_json(capsys, "exemption", "--worked", "72")
    assert out["eligible"] is True and out["worked_months"] == [72, 72] and out["required_months"] == 60
    assert run_json(capsys, "exemption", "--worked", "59")["eligible"] is False
    # on the five-year line the dates decide: the command names the option it needs
    assert main(["check", "exemption", "--worked", "60", *TODAY]) == 2
    assert "--periods" in capsys.readouterr().err
    assert main(["check", "exemption", "--worked", "-3", *TODAY]) == 2
    assert "0부터 1200" in capsys.readouterr().err
    assert main(["check", "exemption", "--worked", "72", *TODAY]) == 0
    assert "충족 (경력 6년 / 필요 5년" in capsys.readouterr().out


def test_readable_text_answer_cites_the_clause(capsys):
    assert main(["check", "refund", "--stage", "1", "--on", "2023-03-25", *TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[2023년도 제34회 공고 기준] 환불: 50% — 20,000원")
    assert "근거:" in out and "9. 라. 수수료 환불" in out
    assert "60% 환불: 2023. 2. 11. ~ 3. 19." in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["english", "--test", "토익", "--score", "-5", "--taken", "2022-01-01"], "0 ~ 990점"),
        (["refund", "--stage", "1", "--on", "2023-02-30"], "없는 날짜"),
        (["refund", "--stage", "3", "--on", "2023-03-01"], "1차 또는 2차"),
        (["refund", "--stage", "1"], "--on"),
        (["refund", "--stage", "1", "--on", "2023-01-01"], "원서접수 시작"),
        (["english", "--test", "토플", "--score", "80", "--taken", "2022-01-01"], "TOEFL PBT"),
        (["accommodation", "--disability", "시각"], "시각 중증"),
        (["id", "--document", "여권", "--group", "우주인"], "수험자 구분"),
        (["refund", "--stage", "1", "--on", "2023-03-01", "--reason", "그냥"], "환불 사유"),
    ],
)
def test_bad_input_exits_2_with_a_korean_message(capsys, argv, message):
    assert main(["check", *argv, *TODAY]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and "Traceback" not in captured.err


def _installed_script() -> str:
    here = Path(sys.executable).parent / "applicant-bot"
    found = str(here) if here.exists() else shutil.which("applicant-bot")
    assert found, "the applicant-bot console script is not installed (pip install -e .)"
    return found


def test_installed_console_script_json_and_exit_codes():
    script = _installed_script()
    ok = subprocess.run(
        [script, "check", "english", "--test", "토익", "--score", "750", "--taken", "2021-03-15", "--json", *TODAY],
        capture_output=True, text=True, timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["valid"] is True and data["threshold"] == 700 and data["citations"]
    for argv in (["english", "--test", "토익", "--score", "-5", "--taken", "2022-01-01"],
                 ["refund", "--stage", "1", "--on", "2023-02-30"]):
        bad = subprocess.run([script, "check", *argv, "--json", *TODAY], capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and bad.stdout == ""
        assert "입력을 확인해 주세요" in bad.stderr and "Traceback" not in bad.stderr


def test_arrival_on_exam_day(capsys):
    late = run_json(capsys, "arrival", "--at", "09:40")  # 1교시: the same in both stages
    assert late["verdict"] == "too_late" and late["later_periods"] == ["2교시"] and "입실할 수 없어요" in late["explanation"]
    seated = run_json(capsys, "arrival", "--at", "12:05", "--period", "2", "--stage", "2")
    assert seated["verdict"] == "on_time" and seated["entry"] == "12:10:00"
    assert main(["check", "arrival", "--at", "12:05", "--period", "2", *TODAY]) == 2  # the stages differ
    assert "시험 차수" in capsys.readouterr().err
    assert main(["check", "arrival", "--at", "25:00", "--stage", "1", *TODAY]) == 2


@pytest.mark.parametrize("period, message", [("0", "0교시는 없"), ("2.5", "정수로"), ("1e309", "숫자로 읽을 수 없")])
def test_arrival_refuses_a_period_that_is_not_one_of_the_stages(capsys, period, message):
    assert main(["check", "arrival", "--at", "09:10", "--stage", "1", "--period", period, *TODAY]) == 2
    assert message in capsys.readouterr().err
