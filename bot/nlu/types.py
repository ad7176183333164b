"""What the NLU hands to the dialogue: an intent with a confidence, and the slots it found."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, time


@dataclass
class Slots:
    """Every slot found in one message. ``None`` / empty means "not said"."""

    dates: list[date] = field(default_factory=list)  # in the order written
    invalid_dates: list[str] = field(default_factory=list)  # "2월 30일": said, but impossible
    time: time | None = None
    date_span: tuple[date, date] | None = None  # "다음주쯤", "이번 달 말": the days said instead of a day
    invalid_time: str | None = None  # "25시 10분": said as a time of day, but no clock shows it
    time_ambiguous: bool = False  # "6시" without 오전/오후: 06:00 or 18:00? (``time`` holds 06:00)
    day_shift: int | None = None  # "하루 뒤", "이틀 전": days from a date said earlier in the conversation
    shift_from_exam: bool = False  # …counted from the exam day ("시험 사흘 전")
    last_day: bool = False  # "마감일에": the application period's last day
    correction: bool = False  # "아 잘못 말했어요": the message corrects the one before
    scores_stage: int | None = None  # the stage whose subject names the scores came with
    just_now: bool = False  # "방금 접수했어요": at the moment of the message
    months: list[tuple[int, int]] = field(default_factory=list)  # (year, month) said without a day
    moments: list[tuple[str, object]] = field(default_factory=list)  # dates and months, in the order written
    years: list[int] = field(default_factory=list)  # a year said without its month ("2019년에 본", "작년에")
    date_followed_by: list[str] = field(default_factory=list)  # for each of ``dates``: the letters after it
    # "6년 일했어요", "3년 … 2년 반": months of work said as lengths, summed (fewest, most): "7년차" is 72–84
    worked_months: tuple[int, int] | None = None
    worked_more: bool = False  # "…에서도 1년 반": added to a length said before
    stage: int | None = None  # 1 or 2
    stages_said: int = 0  # how many stage mentions ("1차 못 봤는데 … 2차 접수는"): more than one is unsure
    test: str | None = None  # English test id from knowledge ("toeic", "toefl_ibt", …)
    test_options: list[str] = field(default_factory=list)  # "토플": several test ids it may mean
    score: float | None = None
    invalid_score: str | None = None  # said as a score but not a number ("7oo점")
    level: int | None = None  # G-TELP level
    hearing_impaired: bool | None = None
    country: str | None = None  # ISO alpha-2, e.g. "JP"
    regular: bool | None = None  # False when a special/in-house sitting is mentioned
    document: str | None = None  # ID document phrase as written, e.g. "모바일 운전면허증"
    paid_krw: int | None = None  # a sum said paid ("8만원이 빠져나갔어요"), in won
    times_paid: int | None = None  # …or paid twice ("두 번 결제됐어요")
    document_form_only: bool = False  # …naming only a form of one ("셀카로 찍은 사진"), no document
    id_group: str | None = None  # IdGroup value
    disability: str | None = None  # canonical phrase, e.g. "시각 중증", "상지 중증 하지", "임신"
    refund_reason: str | None = None  # RefundReason value
    subject_scores: list[float] = field(default_factory=list)
    subject_places: list[int] = field(default_factory=list)  # with subject names: each score's subject in the notice's order
    one_subject_score: float | None = None  # a score said of one subject only ("한 과목이 39점", "이론 39점")
    average_score: float | None = None  # an average said ("평균 58점이면")
    # one subject named with its score ("회계 45였어요"): (stage, the subject's place in the notice's order, score)
    named_subject: tuple[int, int, float] | None = None
    region: str | None = None  # "서울", "부산", …
    yes: bool | None = None  # 네/아니요 answers
    relative: str | None = None  # who died, as named ("할머니", "사촌 형"): the bereavement refund's list
    told_of_relative: bool = False  # what is told happened to that relative ("엄마가 입원하셔서"), not to the applicant
    in_application_period: bool = False  # "접수기간에 취소하면": inside the period, whatever the day
    missed_exam: bool = False  # "시험 못 봤어요"
    situations: list[str] = field(default_factory=list)  # lexicon situations: "lost_id", "closed_employer" …
    asks: list[str] = field(default_factory=list)  # what kind of answer: "amount", "date", "place" …
    other_time: str | None = None  # another year or round asked about, as said: "2026년", "내년", "제35회"
    other_year: int | None = None  # …and the year it stands for

    def copy(self) -> "Slots":
        """An independent copy: its lists are new lists (the values inside are immutable)."""
        twin = object.__new__(Slots)  # a plain field copy; copy.copy's reduce protocol is 4x slower
        fields_ = twin.__dict__
        fields_.update(self.__dict__)
        for name in _LIST_FIELDS:
            fields_[name] = list(fields_[name])
        return twin


@dataclass
class Understanding:
    intent: str | None  # None below the confidence threshold
    confidence: float  # 0..1
    slots: Slots
    alternatives: list[tuple[str, float]] = field(default_factory=list)  # next best intents
    text: str = ""  # the normalized text
    out_of_scope: bool = False  # recognised as another exam / outside the notice
    # while a slot was asked: the message answers nothing but asks about a named topic, so it is a
    # new question even when no topic is confident (not a failed answer to the slot's question)
    new_question: bool = False
    # the whole message is one of the bot's follow-up button labels ("다른 날짜로 다시 계산"): it means
    # something only right after the answer that offered it
    context_button: bool = False
    # how strongly topic words (not generic ones, not slots) name the chosen intent: "그럼 환불은요?"
    # names a topic, "그럼 어디로 보내면 돼요?" leans on the question before
    named: float = 0.0
    # the best reading was sure enough but not grounded (generic words only, or about a word the bot
    # never saw): no later step may answer it confidently after all
    ungrounded: bool = False
    # the thing the message asks about that the best reading's knowledge never speaks of ("정수기"
    # in "시험장에 정수기 있어요?"): the reply says so before the nearest clause
    unknown_thing: str = ""

    def copy(self) -> "Understanding":
        """An independent copy, so a remembered result can be handed out again (``bot.nlu.memo``)."""
        twin = object.__new__(Understanding)
        twin.__dict__.update(self.__dict__)
        twin.slots = self.slots.copy()
        twin.alternatives = list(self.alternatives)
        return twin


_LIST_FIELDS = tuple(f.name for f in fields(Slots) if f.default_factory is list)  # type: ignore[misc]
