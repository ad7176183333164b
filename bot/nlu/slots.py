"""Slots: everything a message states that a rule can use (see ``types.Slots``).

Reads normalised text. Dates and times come first and their spans are masked, so that "2021년 3월
750점" yields a month and a score, not a score of 2021. The notice's vocabularies (tests, ID
documents, disabilities, refund reasons, regions) come from ``vocab`` (the knowledge aliases).
"""
from __future__ import annotations

import re
from datetime import date

from . import frames
from .normalize import compact, normalize
from .spans import vague_span
from .temporal import find_temporal
from .types import Slots
from .vocab import Vocabulary, vocabulary

# The slot names the dialogue may be waiting for, grouped by what kind of answer fits them.
DATE_SLOTS = {"date", "taken", "issued", "day", "on", "applied_at", "start", "end"}
STAGE_SLOTS = {"stage"}
SCORE_SLOTS = {"score"}
SCORES_SLOTS = {"scores", "subject_scores"}
LEVEL_SLOTS = {"level"}
YES_NO_SLOTS = {"yes", "yes_no", "confirm", "hearing_impaired", "regular"}

_STAGE = re.compile(r"(?<![\d.])([1-9])\s*차")
_STAGE_BARE = {"1": 1, "2": 2, "일": 1, "이": 2, "1번": 1, "2번": 2, "첫번째": 1, "두번째": 2, "처음": 1,
               "1차": 1, "2차": 2, "첫째": 1, "둘째": 2}
_LEVEL = re.compile(r"(?:레벨|level|lv)\s*(\d)(?![\d.])|(?<![\d.])(\d)\s*(?:급|레벨)")
_NUMBER = re.compile(r"(?<![\d.a-z])(-\s?)?(\d+(?:\.\d+)?)(?![\d.]*\d)(?![a-z])")
_SCORE_WITH_UNIT = re.compile(r"(?<![\d.a-z])(-\s?)?(\d+(?:\.\d+)?)\s*점")
_NOT_A_SCORE_AFTER = re.compile(r"\s*(?:년|월|일|시|분|회|차|교시|급|%|퍼센트|명|원|번|개|배|살|세|주|시간|층|호|등|위|기)")
_MIXED_SCORE = re.compile(r"(?<![0-9a-z])([0-9]+[a-z]+[0-9a-z]*|[a-z]+[0-9]+[0-9a-z]*)\s*점")
_HEARING = re.compile(r"청각\s*장애|청각장애|난청|청각\s*기준|청각\s*(?:이|인데|있)")
# "청각장애 그런 거 없어요", "청각장애는 아니에요": said, and denied
# "청각장애는 아니에요", "장애나 임신은 아니고요": a disability said only to be denied
_DISABILITY_DENIED = re.compile(
    r"(?:장애|임신|깁스|부상)\s*(?:같은\s*거|그런\s*거|그런건|는|은|도|이|가)?\s*(?:없어|없고|없습|없는데|아니|아님|아녜|해당\s*(?:없|안))"
)
_HEARING_DENIED = re.compile(r"(?:청각\s*장애|난청)\s*(?:같은\s*거|그런\s*거|그런건|는|은|도|이)?\s*(?:없|아니|아님|아녜|해당\s*(?:없|안))")
_NOT_REGULAR = re.compile(r"특별\s*시험|특별\s*(?:토익|접수|회차)|수시\s*(?:시험|토익|접수)?|단체\s*(?:시험|응시|토익)|"
                          r"(?:회사|학교|기업|사내|대학)\s*(?:에서|서)?\s*(?:본|단체|치른|시행|특별)|사내\s*시험|기업\s*특별|"
                          r"(?:승진|입사|입학|졸업|연수)\s*(?:용|때문에|목적|시험)")
_REGULAR = re.compile(r"정기\s*시험|정기\s*(?:토익|회차)|정기적")
_COUNTRY_CONTEXT = re.compile(r"\s*(?:에서|서|현지|에선|에 있|에 살|에서만|시행|에 거주|에서 본|토익|토플|텝스|아이엘츠|ielts|toeic|toefl|성적|시험|어학|유학|거주|살\s*때|살던|살았|사는|살면서|체류|있을\s*때|있었을\s*때|근무|출장|어학연수|연수)")
_ANSWER_ENDING = re.compile(r"(요|이요|예요|이에요|입니다|시험|[.!?~])+$")
_DIGIT = re.compile(r"\d")
_YES = re.compile(r"^(?:네|예|응|맞아요|맞아|맞습니다|그래요|그렇습니다|그럼요|좋아요|yes|y|ok|오케이|당연하죠|있어요|있습니다)(?=$|[\s,.!~요])")
_NO = re.compile(r"^(?:아니요|아뇨|아니오|아니에요|아닙니다|아니|노|no|n|없어요|없습니다|안 했어요|안했어요)(?=$|[\s,.!~요])")

_STAGE1_SUBJECTS = (("민법", r"민법"), ("경제", r"경제(?:학원론|학)?"), ("부동산", r"부동산(?:학원론|학)?"),
                    ("법규", r"(?:감정평가\s*)?(?:관계\s*)?법규"), ("회계", r"회계(?:학)?"))
_STAGE2_SUBJECTS = (("실무", r"(?:감정평가\s*)?실무"), ("이론", r"(?:감정평가\s*)?이론"),
                    ("보상법규", r"(?:감정평가\s*및\s*)?보상\s*법규|보상|법규"))
_SCORE_VALUE = r"\s*[:은는이가]?\s*(\d+(?:\.\d+)?)\s*점?"
_PAIR1 = re.compile("(?:" + "|".join(f"(?P<s1_{i}>{p})" for i, (_, p) in enumerate(_STAGE1_SUBJECTS)) + ")" + _SCORE_VALUE)
_PAIR2 = re.compile("(?:" + "|".join(f"(?P<s2_{i}>{p})" for i, (_, p) in enumerate(_STAGE2_SUBJECTS)) + ")" + _SCORE_VALUE)
_SCORE_LIST = re.compile(
    r"(?<![\d.])\d{1,3}(?:\.\d+)?\s*점?(?:(?:\s*[,/·]\s*|\s+|\s*점\s*)\d{1,3}(?:\.\d+)?\s*점?){2,}(?![\d.])"
)
_AVERAGE = re.compile(r"평균\s*(?:점수)?\s*(?:이|은|가)?\s*(\d{1,3}(?:\.\d+)?)\s*점?")
_RULE_AFTER_SCORE = re.compile(r"\s*(?:이|을|은|만|도)?\s*(?:안\s*되|안\s*돼|미만|이하|이상|못\s*넘|안\s*넘|넘어야|넘으면|아래)")
_RULE_AFTER_AVERAGE = re.compile(r"\s*(?:을|은|이|만)?\s*(?:이상|이하|미만|넘|안\s*넘|못\s*넘|기준|커트|되어야|돼야|이어야)")
# "시험 3주 전", "시험일로부터 10일 전", "시험 열흘 전": a length counted from the exam day
_FROM_THE_EXAM = re.compile(r"시험(?:일|날)?(?:로부터|부터)?(?:\d{1,2}(?:일|주)|하루|이틀|사흘|나흘|닷새|엿새|일주일|이주일|열흘|보름|한달)")
_SITTING_YEAR = re.compile(r"(?<!\d)\d{4}\s*년\s*(?:에\s*)?(?=본|봤|친|쳤|시험|응시|정기)")
_TEST_YEAR = re.compile(r"(?<!\d)\d{4}\s*년\s*(?:에|도|에\s*본|에\s*친)?\s*")
_LIST_NUMBER = re.compile(r"\d{1,3}(?:\.\d+)?")
# a score said of one subject, unnamed: "한 과목만 39점", "과목 하나가 35점이어도", "과락 과목이 38점"
_ONE_SUBJECT = re.compile(
    r"(?:한\s*과목|과목\s*하나|1\s*과목|한\s*개\s*과목|어느\s*(?:한\s*)?과목|과락\s*(?:난\s*)?과목)\s*(?:만|이|은|도|에서|이라도)?\s*"
    r"(\d{1,3}(?:\.\d+)?)\s*점"
)
# "6년", "2년 반", "1년 6개월", "7년차", "18개월": a length of time (a year is four digits: "2017년")
_LENGTH = re.compile(r"(?<![\d.])(?:(\d{1,2})\s*년\s*(?:(반)|(\d{1,2})\s*개월)?\s*(차|째)?|(\d{1,3})\s*개월)(?!\s*\d)")
# …not a length worked: a point in time ("3년 전"), or the rule asked about ("5년 이상이면 되나요")
_NOT_WORKED_AFTER = re.compile(
    r"\s*(?:전|후|뒤|만에|이상|이하|미만|넘|안\s*되|채워|채우|필요|되어야|돼야|이어야|인가|인지|이\s*안)"
)


def extract_slots(text: str, *, year: int, today: date, expecting: str | None = None, exam=None) -> Slots:
    """The slots in ``text`` (raw or normalised). ``year`` is the exam round's year for year-less
    dates; relative dates count from ``today``; ``expecting`` is the slot the dialogue asked for;
    ``exam`` the round whose vocabularies to use (default: the active one)."""
    normalized = normalize(text)
    return read_slots(
        normalized, compact(normalized), year=year, today=today, expecting=expecting, vocab=vocabulary(exam),
    )


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def read_slots(
    text: str, squeezed: str, *, year: int, today: date, expecting: str | None = None,
    vocab: Vocabulary | None = None,
) -> Slots:
    vocab = vocab or vocabulary()
    slots = Slots()
    temporal = find_temporal(text, year=year, today=today, expecting_date=expecting in DATE_SLOTS)
    slots.dates, slots.invalid_dates, slots.months = temporal.dates, temporal.invalid_dates, temporal.months
    slots.moments, slots.years, slots.date_followed_by = temporal.moments, temporal.years, temporal.date_followed_by
    slots.time, slots.time_ambiguous, slots.invalid_time = temporal.time, temporal.time_ambiguous, temporal.invalid_time
    slots.day_shift, slots.just_now = temporal.day_shift, temporal.just_now
    slots.date_span = None if temporal.dates else vague_span(text, today)
    rest = _mask(text, temporal.spans)  # text left after dates and times

    _read_stage(slots, rest, squeezed, expecting)
    _read_english(slots, text, rest, squeezed, expecting, vocab)
    _read_subject_scores(slots, rest)
    if slots.subject_scores and len(slots.subject_scores) >= 3 and slots.test is None:
        slots.score = None

    slots.document = vocab.document(text, squeezed)
    slots.document_form_only = bool(slots.document) and vocab.form_only(slots.document)
    slots.id_group = vocab.id_group(text, squeezed) or _foreign_national(text, vocab)
    slots.disability = None if _DISABILITY_DENIED.search(text) else vocab.disability(text, squeezed)
    slots.refund_reason = vocab.refund_reason(text, squeezed)
    slots.region = vocab.region(text, squeezed)
    _read_yes_no(slots, text, expecting)
    _read_worked(slots, rest, squeezed, expecting)
    _read_frame(slots, rest, squeezed, year=year, today=today, vocab=vocab)
    return slots


def _read_worked(slots: Slots, rest: str, squeezed: str, expecting: str | None = None) -> None:
    """Months of work said as lengths, with a word of working ("감정평가법인 3년 일하다가 … 2년 반"),
    or alone when the periods of work were asked ("4년 8개월이요")."""
    if expecting != "periods" and not frames.said("worked", squeezed):
        return
    fewest = most = 0
    for m in _LENGTH.finditer(rest):
        if _NOT_WORKED_AFTER.match(rest, m.end()):
            continue
        years, half, months, nth, only_months = m.groups()
        if only_months:
            length = int(only_months)
            fewest, most = fewest + length, most + length
            continue
        length = int(years) * 12 + (6 if half else int(months or 0))
        # "7년차": in the seventh year, i.e. six years and more
        fewest, most = fewest + (length - 12 if nth else length), most + length
    if most:
        slots.worked_months = (max(0, fewest), most)
        slots.worked_more = frames.said("worked_more", squeezed)


def _slot_situations(slots: Slots) -> list[str]:
    """Situations a slot already says: who the applicant is (a soldier, a pupil …), where a score
    was taken (Japan, abroad)."""
    said = []
    if slots.id_group and slots.id_group != "general":
        said.append(slots.id_group)
    if slots.hearing_impaired:
        said.append("hearing_impaired")
    if slots.country == "JP":
        said.append("japan")
    elif slots.country not in (None, "KR"):
        said.append("abroad")
    return said


# "8만원이 빠져나갔어요", "40,000원 결제", "두 번 결제됐어요": what was paid, for an overpayment
_PAID = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3})+|\d+)\s*(만\s*)?원")
_TWICE = re.compile(r"두\s*번|2\s*번|이중\s*(?:결제|납부|출금)|중복\s*(?:결제|납부|출금)")


def _payment_told(text: str) -> tuple[int | None, int | None]:
    found = _PAID.search(text)
    paid = None
    if found:
        paid = int(found.group(1).replace(",", "")) * (10000 if found.group(2) else 1)
    return paid, (2 if _TWICE.search(text) else None)


def _read_frame(slots: Slots, rest: str, squeezed: str, *, year: int, today: date, vocab) -> None:
    """The situation around the question: who died, a missed exam, the application period, the
    lexicon's situations, the kind of answer asked for, another year or round."""
    slots.relative = vocab.relative(rest, squeezed)
    slots.paid_krw, slots.times_paid = _payment_told(rest)
    slots.told_of_relative = bool(slots.relative) and frames.told_of_relative(slots.relative, squeezed)
    slots.in_application_period = frames.said("in_application_period", squeezed)
    slots.missed_exam = frames.said("missed_exam", squeezed)
    if slots.refund_reason == "absent" and not frames.said("no_reason", squeezed):
        # "1차 결시했어요": a missed exam whose reason is not said yet (it may still be one that refunds)
        slots.refund_reason, slots.missed_exam = None, True
    elif slots.refund_reason is None and slots.missed_exam and frames.said("no_reason", squeezed):
        slots.refund_reason = "absent"  # "결혼식이라 못 갔어요": a reason the refund rules do not know
    slots.correction = frames.said("correction", squeezed)
    slots.last_day = frames.said("application_last_day", squeezed)
    slots.shift_from_exam = slots.day_shift is not None and (
        frames.said("from_the_exam", squeezed) or bool(_FROM_THE_EXAM.search(squeezed))
    )
    if frames.said("right_now", squeezed):
        slots.just_now = True  # "지금 취소하면": the moment of the message
    slots.situations = frames.situations(squeezed) + _slot_situations(slots)
    described = frames.refund_reason(slots.situations)
    if described and (slots.refund_reason in (None, "absent", "cancel") or described == "organiser_fault"):
        # the organiser's fault decides over what caused it ("태풍 때문에 공단이 시험을 취소했어요")
        slots.refund_reason = described  # "공단 사정으로 시험장이 바뀌어서 못 봤어요"
    if slots.refund_reason in ("hospitalisation", "quarantine") and frames.said("reason_denied", squeezed):
        slots.refund_reason = "absent"  # "입원은 안 했고 통원치료만 받았어요": no stay, a plain absence
    slots.asks = frames.asks(squeezed)
    # "2021년 토익": the year a test was taken — with a test named only "내년 1차에도" speaks of a round
    # "2025년 토익 기준 바뀌나요": whether the rule changes in a year is asked of that round, not
    # of a sitting
    named_test = bool(slots.test or slots.test_options) and not frames.asks_a_change(squeezed)
    if named_test and vocab.test_names is not None:
        # "2022년 토익 …": the year the test was taken, whatever follows
        rest = _TEST_YEAR.sub(lambda m: " " * len(m.group()) if vocab.test_names.match(rest, m.end()) else m.group(), rest)
    if named_test and slots.score is not None:
        rest = _SITTING_YEAR.sub(lambda m: " " * len(m.group()), rest)  # "토플 530점 2022년 시험": its sitting
    sittings = tuple(s.exam_date for s in vocab.exam.stages) if vocab.exam is not None else ()
    scope = frames.other_time(
        rest, squeezed, exam_year=year, exam_round=getattr(vocab.exam, "round", 0), today=today,
        relative_only=named_test, sittings=sittings,
    )
    if scope:
        slots.other_time, slots.other_year = scope
    elif slots.stage is None and (coming := frames.next_sitting(squeezed, today, sittings)) is not None:
        slots.stage = coming  # "다음 시험" in May: the 2차


def _read_stage(slots: Slots, rest: str, squeezed: str, expecting: str | None) -> None:
    stages = [int(m.group(1)) for m in _STAGE.finditer(rest)]
    said = [s for s in stages if s in (1, 2)]
    slots.stages_said = len(set(said))
    if said:
        slots.stage = said[-1]  # "1차 붙고 2차 환불": the last one said is the one asked about
    elif expecting in STAGE_SLOTS:
        bare = _ANSWER_ENDING.sub("", squeezed)
        slots.stage = _STAGE_BARE.get(bare)


def _read_english(slots: Slots, text: str, rest: str, squeezed: str, expecting: str | None, vocab) -> None:
    candidates = vocab.test(text, squeezed) or []
    if len(candidates) == 1:
        slots.test = candidates[0]
    elif len(candidates) > 1:
        slots.test_options = list(candidates)
    gtelp = slots.test == "gtelp" or "지텔프" in squeezed or "g-telp" in text or "gtelp" in squeezed

    level_span = None
    for m in _LEVEL.finditer(rest):
        if m.group(1) or (m.group(2) and "레벨" in m.group()) or gtelp or expecting in LEVEL_SLOTS:
            slots.level = int(m.group(1) or m.group(2))
            level_span = m.span()
            break
    if level_span:
        rest = _mask(rest, [level_span])
    if slots.level is None and expecting in LEVEL_SLOTS:
        number = _NUMBER.search(rest)
        if number and "." not in number.group(2):
            slots.level = int(number.group(2))

    rest = _mask(rest, [m.span() for m in _STAGE.finditer(rest)])
    scored = _SCORE_WITH_UNIT.search(rest)
    if scored:
        slots.score = _signed(scored)
    elif candidates or expecting in SCORE_SLOTS or slots.level is not None:
        numbers = [m for m in _NUMBER.finditer(rest) if not _NOT_A_SCORE_AFTER.match(rest, m.end())]
        named = vocab.test_names.search(rest) if candidates and vocab.test_names is not None else None
        after_name = [m for m in numbers if named is not None and m.start() >= named.end()]
        chosen = (after_name or numbers or [None])[0]
        if chosen is not None:
            slots.score = _signed(chosen)
    if slots.score is None:
        mixed = _MIXED_SCORE.search(rest)
        if mixed:
            slots.invalid_score = mixed.group(1)
        elif expecting in SCORE_SLOTS and not _DIGIT.search(rest):
            slots.invalid_score = text[:40] or None

    if _HEARING_DENIED.search(text):
        slots.hearing_impaired = False
    elif _HEARING.search(text):
        slots.hearing_impaired = True
    if _NOT_REGULAR.search(text):
        slots.regular = False
    elif _REGULAR.search(text):
        slots.regular = True
    for m in vocab.country.finditer(text):
        word = m.group()
        if word in ("해외", "외국에서", "국외") or _COUNTRY_CONTEXT.match(text, m.end()):
            if word == "한국" and not text[m.end():].lstrip().startswith(("에서", "서")):
                continue
            slots.country = vocab.countries[word]
            break


# "베트남 국적이에요", "중국 사람인데": the applicant's nationality, another country's
_NATIONALITY = re.compile(r"\s*(?:국적|사람|인(?=이|인데|입니다|이에요|이고|이라))")


def _foreign_national(text: str, vocab) -> str | None:
    for m in vocab.country.finditer(text):
        if vocab.countries[m.group()] not in ("KR", "ZZ") and _NATIONALITY.match(text, m.end()):
            return "foreigner"
    return None


def _signed(match: re.Match) -> float:
    value = float(match.group(2))
    return -value if match.group(1) else value


def _read_subject_scores(slots: Slots, rest: str) -> None:
    average = _AVERAGE.search(rest)
    if average and _RULE_AFTER_AVERAGE.match(rest, average.end()):
        average = None  # "평균 60 안 넘어도 붙어요?": the rule's figure, not the applicant's
    if average:
        slots.average_score = float(average.group(1))
        rest = rest[:average.start()] + " " * (average.end() - average.start()) + rest[average.end():]
    # Subject names of both stages ("법규" is either stage's law subject): the stage whose names
    # match more of the message, the stage said on a tie.
    readings = []
    for stage, pattern in ((1, _PAIR1), (2, _PAIR2)):
        pairs: dict[int, float] = {}
        for m in pattern.finditer(rest):
            index = next(int(k.rsplit("_", 1)[1]) for k, v in m.groupdict().items() if v is not None)
            pairs.setdefault(index, float(m.groups()[-1]))
        readings.append((len(pairs), stage == slots.stage, pairs))
    count, _, pairs = max(readings, key=lambda r: (r[0], r[1]))
    if count == 1:
        slots.one_subject_score = next(iter(pairs.values()))  # "2차 이론 39점이고 나머지는 …"
        named_in = [(stage, p) for (n, _, p), stage in zip(readings, (1, 2)) if n]
        if len(named_in) == 1:
            stage, named = named_in[0]
            slots.scores_stage = stage  # "민법 45점": a 1차 subject
            (index, value), = named.items()
            slots.named_subject = (stage, index, value)
    elif (one := _ONE_SUBJECT.search(rest)) and not _RULE_AFTER_SCORE.match(rest, one.end()):
        slots.one_subject_score = float(one.group(1))  # not "한 과목이라도 40점 안 되면" (the rule)
    if count >= 2:
        slots.subject_scores = [pairs[i] for i in sorted(pairs)]  # the notice's subject order
        slots.subject_places = sorted(pairs)
        slots.scores_stage = next(stage for (n, _, p), stage in zip(readings, (1, 2)) if p is pairs)
        return
    listed = _SCORE_LIST.search(rest)
    if listed:
        slots.subject_scores = [float(n) for n in _LIST_NUMBER.findall(listed.group())]


def _read_yes_no(slots: Slots, text: str, expecting: str | None) -> None:
    if len(text) > 40 and expecting not in YES_NO_SLOTS:
        return
    if _NO.match(text):
        slots.yes = False
    elif _YES.match(text):
        slots.yes = True
