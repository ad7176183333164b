"""`applicant-bot knowledge check|show`."""
from __future__ import annotations

from bot.cli import main


def test_check_bundled_files(capsys):
    assert main(["knowledge", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK") and "appraiser-2023-34" in out and "cert-lookup" in out
    assert len(out.strip().splitlines()) == 1


def test_check_lists_every_problem(write_exam, capsys):
    def two_faults(d):
        d["stages"][0].pop("place")
        d["refund"]["tiers"][0]["percent"] = "sixty"

    path = write_exam(two_faults)
    assert main(["knowledge", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "2 problems" in err
    assert f"{path}: stages[0].place:" in err and f"{path}: refund.tiers[0].percent:" in err


def test_check_by_bundled_id(capsys):
    assert main(["knowledge", "check", "appraiser-2023-34"]) == 0


def test_show_summary(capsys):
    assert main(["knowledge", "show"]) == 0
    out = capsys.readouterr().out
    assert "2023. 4. 8.(토)" in out and "40,000원" in out and "TOEIC 700/350" in out
