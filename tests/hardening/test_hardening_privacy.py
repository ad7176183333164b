"""Personal data never reaches the disk unmasked (the SQLite file, its WAL, the log file), and the
logs are one JSON object a line with a request id. Checked on the files a real server wrote."""
from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings

from hardening_support import STAFF_TOKEN, Server
from privacy_forms import Secret, readable, sentences

# (what the applicant types, the part that must never be on disk)
PERSONAL = [
    ("제 주민등록번호는 850315-2345678 이에요", "2345678"),
    ("주민번호 8503152345678 로 접수했어요", "8503152345678"),
    ("연락처 010-9876-5432 로 전화 주세요", "9876-5432"),
    ("01087654321 번으로 문자 주세요", "87654321"),
    ("+82 10 5555 4444 해외 로밍 중이에요", "5555 4444"),
    ("사무실 02-987-6543", "987-6543"),
    ("메일은 kim.applicant77@example.co.kr 입니다", "kim.applicant77"),
    ("자격증번호 : 15201010123A 조회 실패 떠요", "15201010123"),
    ("등록번호 2023-0456789 인데 가산점 조회가 안 돼요", "0456789"),
    ("자격증 번호는 21301234567B 예요", "21301234567"),
    ("여권번호 M73920145 로 신분증 되나요", "73920145"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("privacy"), env={"APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN}).start()
    yield server
    server.kill()


async def test_logs_are_json_lines_with_request_ids(server):
    # first in the file: the test after it stops this module's server
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{server.url}/api/v1/chat", headers={"X-Request-Id": "trace-abc.123"},
                             json={"session": "logs", "text": "응시수수료 얼마예요"}) as response:
            assert response.headers["X-Request-Id"] == "trace-abc.123"
        async with http.post(f"{server.url}/api/v1/chat", json={"session": "logs", "text": "1차"}) as response:
            generated = response.headers["X-Request-Id"]
    def access_ids(entries: list[dict]) -> set[str]:
        return {e.get("request_id") for e in entries if e.get("logger") == "applicant_bot.access"}

    # raises on any line that is not one JSON object
    entries = server.wait_for_log(lambda entries: {"trace-abc.123", generated} <= access_ids(entries))
    assert all(isinstance(e, dict) and {"ts", "level", "logger", "msg", "request_id"} <= e.keys() for e in entries)
    access = [e for e in entries if e["logger"] == "applicant_bot.access"]
    assert {"trace-abc.123", generated} <= {e["request_id"] for e in access}
    assert all(e["request_id"] and e["method"] and e["path"] and isinstance(e["status"], int) for e in access)


async def test_personal_data_is_masked_in_the_database_wal_and_logs(server):
    request_ids = []
    async with aiohttp.ClientSession() as http:
        for k, (text, _) in enumerate(PERSONAL):
            for sid, message in ((f"pii-{k}", text), ("pii-flow", "환불"), ("pii-flow", text), ("pii-id", "신분증"),
                                 ("pii-id", text)):
                async with http.post(f"{server.url}/api/v1/chat", json={"session": sid, "text": message}) as response:
                    assert response.status == 200
                    request_ids.append(response.headers["X-Request-Id"])
            async with http.post(f"{server.url}/api/v1/feedback",
                                 json={"session": f"pii-{k}", "value": -1, "note": text}) as response:
                assert response.status == 200
        # personal data in places that only reach the access log
        async with http.get(f"{server.url}/api/v1/lookup/010-9876-5432/kim.applicant77@example.co.kr") as response:
            assert response.status == 404
        async with http.post(f"{server.url}/api/v1/chat", headers={"X-Request-Id": "850315-2345678"},
                             json={"session": "hdr", "text": "안녕"}) as response:
            assert response.headers["X-Request-Id"] != "850315-2345678"
        # staff see what applicants asked, masked
        async with http.get(f"{server.url}/staff/api/unanswered?limit=500",
                            headers={"Authorization": f"Bearer {STAFF_TOKEN}"}) as response:
            assert response.status == 200
            listed = json.dumps(await response.json(), ensure_ascii=False)

    files_while_running = {p.name: p.read_bytes() for p in server.data_dir.iterdir() if p.is_file()}
    assert server.terminate() == 0
    files_after_stop = {p.name: p.read_bytes() for p in server.data_dir.iterdir() if p.is_file()}
    on_disk = {**{f"{n} (running)": b for n, b in files_while_running.items()}, **files_after_stop,
               "server log": server.log_path.read_bytes(), "staff listing": listed.encode()}
    assert any(name.endswith("-wal (running)") for name in on_disk), "expected a WAL file while serving"
    assert b"[\xec\xa0\x84\xed\x99\x94\xeb\xb2\x88\xed\x98\xb8]" in on_disk["applicant-bot.db"]  # "[전화번호]"

    for text, secret in PERSONAL:
        for name, data in on_disk.items():
            for form in {secret, secret.replace("-", ""), secret.replace(" ", "")}:
                assert form.encode() not in data, f"{form!r} (from {text!r}) is readable in {name}"


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def _get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _leaks(secret: Secret, files: dict[str, bytes], rows: list[str], log: list[dict]) -> list[str]:
    """Where ``secret`` can still be read: the files as bytes (as typed, or its identifying part
    in plain ASCII), every stored text and every text field of a log line as the NLU reads them
    (the time stamp and request id are left out: their digits are no one's)."""
    found = [name for name, data in files.items()
             if secret.typed.encode() in data or secret.identifying.encode() in data]
    found += [f"stored text {row!r}" for row in rows if readable(secret, row)]
    found += [f"log line {entry!r}" for entry in log
              if any(isinstance(value, str) and readable(secret, value)
                     for key, value in entry.items() if key not in ("ts", "request_id"))]
    return found


def _stored_texts(db_path) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        return [value for sql in ("SELECT text FROM messages", "SELECT text FROM unanswered",
                                  "SELECT note FROM feedback", "SELECT state FROM sessions")
                for (value,) in db.execute(sql)]


def test_generated_forms_of_personal_data_never_reach_the_database_wal_or_log(tmp_path):
    server = Server(tmp_path, name="forms").start()
    sent: list[Secret] = []

    def on_disk() -> dict[str, bytes]:
        files = {p.name: p.read_bytes() for p in server.data_dir.iterdir() if p.is_file()}
        return {**files, "server log": server.log_path.read_bytes()}

    @settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(case=sentences())
    def applicant_types(case):
        secret, text = case
        k = len(sent)
        sent.append(secret)
        for session, message in ((f"forms-{k}", text), ("forms-flow", "환불"), ("forms-flow", text)):
            assert _post(f"{server.url}/api/v1/chat", {"session": session, "text": message}) == 200
        assert _post(f"{server.url}/api/v1/feedback", {"session": f"forms-{k}", "value": -1, "note": text}) == 200
        assert _get_status(f"{server.url}/api/v1/lookup/{urllib.parse.quote(text, safe='')}") == 404
        # the chat answer came after its turn was written; the access lines come after the answers
        log = server.wait_for_log(lambda entries: sum("/api/v1/lookup/" in e.get("path", "") for e in entries) > k)
        leaks = _leaks(secret, on_disk(), _stored_texts(server.db_path), log)
        assert not leaks, f"{secret.kind} {secret.typed!r} (in {text!r}) readable in {leaks[0]}"

    try:
        applicant_types()
        files_while_running = on_disk()
        assert any(name.endswith("-wal") for name in files_while_running), "expected a WAL file while serving"
        assert server.terminate() == 0
        files = {**{f"{n} (running)": b for n, b in files_while_running.items()}, **on_disk()}
        rows, log = _stored_texts(server.db_path), server.log_entries()
        assert len(rows) > len(sent)
        for secret in sent:
            leaks = _leaks(secret, files, rows, log)
            assert not leaks, f"{secret.kind} {secret.typed!r} readable in {leaks[0]} after the stop"
    finally:
        server.kill()
