"""The calculator flows: one module each; ``bot.capabilities`` declares which flow serves which
calculator (``FLOWS``)."""
from __future__ import annotations


# What ``understand(..., expecting=...)`` is told while a question is pending: the slot asked for.
# A bare answer ("2", "750", "25일", "중증") should be read as that slot, and should not look like a
# confident new topic.
EXPECTING: dict[str, str] = {
    "stage": "exam stage: 1차 / 2차, or a bare 1 / 2",
    "date": "a date (cancelling, applying); '오늘', '25일', '3/25' …",
    "taken": "the date an English test was taken",
    "time": "a time of day: '오후 3시', '15:00'",
    "reason": "a refund reason: 입원, 돌아가셔서, 격리, 결시, 그냥 취소 …",
    "test": "an English test name",
    "score": "one English score: '750', '4.5', '레벨2 65'",
    "scores": "subject scores for a pass check: '70 65 80 55 60'",
    "level": "a G-TELP level",
    "document": "an ID document",
    "kind": "a disability type: 시각, 청각, 상지, 하지, 임신, 깁스 …",
    "severity": "중증 / 경증",
    "cert_step": "a screen of the certificate-lookup guide, '다음', 'N단계'",
    "periods": "work periods: pairs of dates, '현재' for an open end",
    "region": "an exam region: 서울, 부산, 대구, 광주, 대전",
}
