"""What a message says beyond its topic: the applicant's situation, what kind of answer they want,
and whether they ask about another year or round than the notice's.

Reads the word lists of ``knowledge/lexicon.yaml``. Each list is one precompiled alternation
searched in the compact text (no spaces), so a message costs a dozen regex searches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from knowledge import load_lexicon

from .boundaries import inside_longer, straddles
from .normalize import compact, normalize
from .order import longest_first


# A year said on its own ("2026년 시험", "2024 감평"), not inside a date (dates are masked first).
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\s*년|(?=\s*(?:감정|감평|시험|[12]\s*차|제\s*\d)))")
# "24년도 1차 시험일", "25년 시험 날짜": 2024, 2025 (not "21년 3월 토익", a date)
_SHORT_YEAR = re.compile(r"(?<![\d.])'?(\d\d)\s*년(?:도|(?!\s*\d{1,2}\s*월)(?=\s*(?:시험|[12]\s*차|원서|접수|감정|감평|합격|일정|응시)))")
# "제35회", "35회 시험" — not "38 회계" (a score before a subject name)
_ROUND = re.compile(r"(?:제\s*(\d{2})\s*회|(?<![\d.])(\d{2})회)(?![가-힣])|(?<![\d.])(\d{2})회(?=차|\s*(?:시험|감정|감평|원서|접수|합격|일정|때))")


def _alternation(words) -> re.Pattern[str] | None:
    keys = sorted({compact(normalize(str(w))) for w in words if compact(normalize(str(w)))}, key=longest_first)
    return re.compile("|".join(re.escape(k) for k in keys)) if keys else None


@dataclass(frozen=True)
class FrameLexicon:
    phrases: dict[str, re.Pattern[str]]
    situations: dict[str, re.Pattern[str] | None]
    descriptions: dict[str, tuple[tuple[re.Pattern[str], ...], int]]  # situation → (a pattern per group, window)
    evidence: dict[str, dict[str, float]]  # situation → intent → weight
    excluded: dict[str, re.Pattern[str] | None]  # situation → words that make it another situation
    reasons: dict[str, str]  # situation → the refund reason it is
    asks: dict[str, re.Pattern[str]]
    generic: tuple[str, ...]  # compact words, longest first
    relative_years: dict[str, int]  # compact word → years from today
    relative_words: re.Pattern[str] | None
    this_year: re.Pattern[str] | None
    next_sitting: re.Pattern[str] | None
    exam_words: re.Pattern[str] | None
    history_words: re.Pattern[str] | None
    context_buttons: re.Pattern[str] | None


@lru_cache(maxsize=1)
def frame_lexicon() -> FrameLexicon:
    lexicon = load_lexicon()
    scope = lexicon.time_scope
    return FrameLexicon(
        phrases={name: _alternation(words) for name, words in lexicon.phrases.items()},
        situations={name: _alternation(s.words) for name, s in lexicon.situations.items()},
        descriptions={
            name: (tuple(_alternation(group) for group in s.all_of), s.window)
            for name, s in lexicon.situations.items() if s.all_of
        },
        evidence={name: dict(s.evidence) for name, s in lexicon.situations.items() if s.evidence},
        excluded={name: _alternation(s.none_of) for name, s in lexicon.situations.items() if s.none_of},
        reasons={name: s.reason for name, s in lexicon.situations.items() if s.reason},
        asks={name: _alternation(words) for name, words in lexicon.asks.items()},
        generic=tuple(sorted({compact(normalize(w)) for w in lexicon.generic}, key=longest_first)),
        relative_years={compact(normalize(w)): n for w, n in scope.relative.items()},
        relative_words=_alternation(scope.relative),
        this_year=_alternation(scope.this_year),
        next_sitting=_alternation(scope.next_sitting),
        exam_words=_alternation(scope.exam),
        history_words=_alternation(scope.history),
        context_buttons=re.compile("|".join(f"(?:{p})" for p in lexicon.context_buttons)) if lexicon.context_buttons else None,
    )


@lru_cache(maxsize=1)
def _comparisons() -> re.Pattern[str] | None:
    words = load_lexicon().words
    marks = "|".join(re.escape(w) for w in sorted(words.compared_as, key=longest_first))
    same = "|".join(re.escape(w) for w in sorted(words.same_as, key=longest_first))
    parts = []
    if marks:
        parts.append(rf"(?<!\S)\S+?(?:{marks})(?=[\s?？.!,~]|$)")  # "경력서류처럼"
    if same:
        parts.append(rf"(?<!\S)\S+?(?:이랑|랑|와|과|하고)\s+(?=(?:{same}))")  # "원서랑 같나요"
    return re.compile("|".join(parts)) if parts else None


def without_comparisons(normalized: str) -> str:
    """The message without the words it compares its question with ("장애인 편의 서류도
    경력서류처럼 5월 26일까지 내요?" asks about the accommodation papers, not the career papers)."""
    pattern = _comparisons()
    if pattern is None or not pattern.search(normalized):
        return normalized
    rest = re.sub(r"\s{2,}", " ", pattern.sub(" ", normalized)).strip()
    return rest if compact(rest) else normalized


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[str, ...]:
    """Every word of the lexicon's phrases, situations and asks."""
    lexicon = load_lexicon()
    words = [w for ws in lexicon.phrases.values() for w in ws]
    words += [w for s in lexicon.situations.values() for w in (*s.words, *(x for g in s.all_of for x in g))]
    words += [w for ws in lexicon.asks.values() for w in ws]
    return tuple(dict.fromkeys(compact(normalize(w)) for w in words))


def said(name: str, squeezed: str) -> bool:
    """Does the message hold one of the lexicon's ``phrases[name]``?"""
    pattern = frame_lexicon().phrases.get(name)
    return bool(pattern and pattern.search(squeezed))


def told_of_relative(relative: str, squeezed: str) -> bool:
    """Is a relative named the subject of the story ("엄마가 입원하셔서", "아버지께서 확진")? Not when
    the applicant also tells of themself ("제가 입원해서 엄마가 …"), nor when the story is told for
    another, who may be the applicant ("동생이 입원해서 못 봤대요")."""
    if said("applicant_subject", squeezed) or said("told_for_another", squeezed):
        return False
    particles = "|".join(re.escape(p) for p in load_lexicon().words.subject_particles)
    return bool(particles) and any(
        re.search(re.escape(word) + f"(?:{particles})", squeezed) for word in relative.split()
    )


def _said_as_a_word(pattern: re.Pattern[str], squeezed: str, whole: bool = False, terms_only: bool = False) -> bool:
    """A match that is a word of the message, not the tail of a known word and its particle
    ("임신부도" holds no 부도) — nor, with ``whole``, the start of a longer known word ("시각장애")."""
    first = pattern.search(squeezed)
    if first is None:
        return False
    for m in (first, *pattern.finditer(squeezed, first.end())):
        if not straddles(squeezed, m.start(), m.end()) and not (
            whole and inside_longer(squeezed, m.start(), m.end(), terms_only=terms_only)
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _own_exam() -> re.Pattern[str] | None:
    names = sorted(load_lexicon().words.own_exam, key=len, reverse=True)
    return re.compile("|".join(re.escape(compact(n)) for n in names)) if names else None


def situations(squeezed: str) -> list[str]:
    """The lexicon situations a message says, by a word or by a description (a word of every group);
    the exam's own name said inside the story ("작년에 감평 1차 붙었어요") left out."""
    own = _own_exam()
    plain = own.sub("", squeezed) if own is not None else squeezed
    found = _situations(squeezed)
    return found + [s for s in _situations(plain) if s not in found] if plain != squeezed else found


def _situations(squeezed: str) -> list[str]:
    lex = frame_lexicon()
    said = [name for name, pattern in lex.situations.items() if pattern and _said_as_a_word(pattern, squeezed)]
    for name, (groups, window) in lex.descriptions.items():
        if name not in said and _described(squeezed, groups, window):
            said.append(name)
    return [name for name in said if not (lex.excluded.get(name) and lex.excluded[name].search(squeezed))]


# Where one clause ends and the next begins ("신분증은 있는데 | 수험표를 잃어버렸어요"): a described
# situation's words must be said in one clause, or the lost thing is not the ID.
# (The compact text has no punctuation; a past tense joined on — "챙겼고", "했지만" — ends a clause.)
_PAST = "".join(chr(0xAC00 + lead_vowel * 28 + 20) for lead_vowel in range(19 * 21))  # syllables ending in ㅆ
_CLAUSE_BREAK = re.compile(rf"있(?:는데|고|지만|어요|어서|습니다)|는데|은데|인데|지만|[{_PAST}](?:고|는데|지만|어요|어서)|[.,?!;]")


def _described(squeezed: str, groups, window: int) -> bool:
    """A word of every group; with a window, each next group's word close after the one before,
    in the same clause."""
    if not all(g is not None and g.search(squeezed) for g in groups):
        return False
    if not window:
        return True
    for first in groups[0].finditer(squeezed):
        end, ok = first.end(), True
        for group in groups[1:]:
            nxt = group.search(squeezed, end)
            if nxt is None or nxt.start() - end > window or _CLAUSE_BREAK.search(squeezed, end, nxt.start()):
                ok = False
                break
            end = nxt.end()
        if ok:
            return True
    return False


def refund_reason(situations_said: list[str]) -> str | None:
    """The refund reason a described situation is ("공단 사정으로 시험장이 바뀌어서" → organiser_fault)."""
    reasons = frame_lexicon().reasons
    return next((reasons[s] for s in situations_said if s in reasons), None)


def asks(squeezed: str) -> list[str]:
    """The kinds of answer asked for, by words said as words ("시각" of "시각장애" asks no time)."""
    return [
        name for name, pattern in frame_lexicon().asks.items()
        # a kind asked is no kind when it begins the name of a thing ("시각" of "시각장애"), but is
        # when it begins a keyword that asks it ("얼마 돌려받아요")
        if pattern and _said_as_a_word(pattern, squeezed, whole=True, terms_only=True)
    ]


# what is left of a keyword of a kind of answer asked ("무슨서류", "어디로내", "서류뭐") once its
# generic words are gone: a question word, a particle, the verb of handing in — no topic
_KIND_LEFTOVER = re.compile(r"(?:무슨|어떤|어느|무엇|뭐|뭘|로|으로|에|을|를|내|요)*")


def is_generic(word: str) -> bool:
    """A keyword made only of generic words ("신청방법", "어디서", "무슨서류", "어디로내") names no topic."""
    rest = word
    for generic in frame_lexicon().generic:
        rest = rest.replace(generic, "")
    rest = re.sub(r"[^가-힣a-z0-9]", "", rest)
    return len(rest) < 2 or _KIND_LEFTOVER.fullmatch(rest) is not None


def is_context_button(normalized: str) -> bool:
    """Is the whole message one of the bot's own follow-up button labels ("다른 날짜로 다시 계산")?"""
    pattern = frame_lexicon().context_buttons
    return bool(pattern and pattern.fullmatch(normalized.strip()))


# The exam's own name, not an employer's ("감정평가사사무소", "감정평가사협회")
_EXAM_NAME = re.compile(r"(?:감정평가사|감평)(?!사무소|협회|법인|님|사님)")
NEAR_AFTER, NEAR_BEFORE = 10, 4  # compact letters between a year word and the exam word it is about


def _on_an_exam_word(squeezed: str, start: int, end: int) -> bool:
    """Is an exam word ("시험", "응시료", "1차" …) right after (or just before) ``squeezed[start:end]``?"""
    words = frame_lexicon().exam_words
    if words is None:
        return False
    after = words.search(squeezed, end)
    if after is not None and after.start() - end <= NEAR_AFTER:
        return True
    if _EXAM_NAME.match(squeezed, end) or _EXAM_NAME.match(squeezed, end + 1):  # "2026년 감정평가사 …"
        return True
    return any(m.end() <= start and start - m.end() <= NEAR_BEFORE for m in words.finditer(squeezed, 0, start))


# "내년에도 … 그대로예요?": a year asked whether the same still holds then
_ALSO_THEN = re.compile(r"(?:에도|도|엔|에는)")
_SAME_OR_CHANGED = re.compile(r"그대로|같아|같나|같은가|같은지|똑같|동일|바뀌|바뀐|달라|유지|변경|변동")
_HEARSAY_CHANGE = re.compile(r"\d{4}년부터.{0,30}(?:던데|라고|라는데|다고|대요|래요)")
_THIS_TIME = re.compile(r"이번(?:에|시험|회|회차)")  # "2024년부터 100%라던데 이번에도 …?": asked of this round
_MONTH_NEXT = re.compile(r"(?:에|도)?\d{1,2}월")
# what follows a relative year that dates an event of the applicant's ("작년에 …", "작년이에요")
_WHEN_IT_HAPPENED = re.compile(r"(?:에|엔|에는|이에요|이요|였|이었|인데|이라)")
# …unless the round itself is asked about ("작년에 합격선 몇 점이었어요?", "작년엔 시험 언제였어요?")
_ASKED_OF_THE_ROUND = re.compile(r"언제|어디|얼마|몇|합격선|커트|경쟁률|합격률|난이도|기출|일정|응시료|수수료|같아|같나|같은가|똑같|동일|바뀌|달라")


def asks_a_change(squeezed: str) -> bool:
    """Does the message ask whether something stays the same or changes ("바뀌나요", "그대로예요")?"""
    return bool(_SAME_OR_CHANGED.search(squeezed))


def _asks_the_same_then(lex, squeezed: str) -> bool:
    """"내년에도 토익 700점 기준 그대로에요?": a year said with "also", and whether the same holds."""
    found = lex.relative_words.search(squeezed) if lex.relative_words is not None else None
    return bool(found and _ALSO_THEN.match(squeezed, found.end()) and _SAME_OR_CHANGED.search(squeezed))


def next_sitting(squeezed: str, today: date, sittings: tuple[date, ...]) -> int | None:
    """The stage (1, 2 …) of the round's next sitting when the message speaks of "the next exam"
    and one of the round's sittings is still ahead of ``today``; else None."""
    lex = frame_lexicon()
    if lex.next_sitting is None or not lex.next_sitting.search(squeezed) or _SAME_OR_CHANGED.search(squeezed):
        return None  # "다음 시험 때도 똑같아요?": whether a rule holds in a later round
    return next((number for number, day in enumerate(sittings, 1) if day >= today), None)


def other_time(
    rest: str, squeezed: str, *, exam_year: int, exam_round: int, today: date, relative_only: bool = False,
    sittings: tuple[date, ...] = (),
) -> tuple[str, int] | None:
    """The other year or round a message asks about, as said ("2026년", "내년", "35회") with the
    year it stands for, or None.

    ``rest``: the normalised text with its dates masked ("2021년 3월" is a test date, not a year
    asked about). The year must come with an exam word (시험, 일정, 합격선 …) and without words of
    the applicant's own past ("작년에 1차 붙었는데" is a situation of this round)."""
    lex = frame_lexicon()
    # "내년에도 … 그대로예요?", "2025년 토익 기준 바뀌나요?": whether the rule holds in another year
    same_then = _asks_the_same_then(lex, squeezed) or (asks_a_change(squeezed) and bool(_YEAR.search(rest)))
    if not same_then and (lex.exam_words is None or not (lex.exam_words.search(squeezed) or _EXAM_NAME.search(squeezed))):
        return None
    if lex.history_words is not None and lex.history_words.search(squeezed):
        return None
    this_round = (lex.this_year is not None and lex.this_year.search(squeezed)) or _THIS_TIME.search(squeezed)
    if _HEARSAY_CHANGE.search(squeezed) and this_round and today.year == exam_year:
        return None  # "2024년부터 100%라던데 저 올해 1차 때 …": a later change heard of, asked of this round
    for m in _YEAR.finditer(rest):
        # with an English test named, a year is when it was taken ("2022년 토익") unless it sits
        # on the exam itself ("2026년 감정평가사 토익 기준점수")
        if int(m.group(1)) != exam_year and (
            not relative_only or same_then or _on_an_exam_word(compact(rest[m.end():]), 0, 0)
        ):
            return f"{m.group(1)}년", int(m.group(1))
    for m in _SHORT_YEAR.finditer(rest):
        if 2000 + int(m.group(1)) != exam_year and (not relative_only or _on_an_exam_word(compact(rest[m.end():]), 0, 0)):
            return m.group(0).strip("' "), 2000 + int(m.group(1))
    for m in _ROUND.finditer(rest):
        number = int(next(g for g in m.groups() if g))
        if number != exam_round:
            return f"제{number}회", exam_year + number - exam_round
    found = lex.relative_words.search(squeezed) if lex.relative_words is not None else None
    if found and next_sitting(squeezed, today, sittings) is not None:
        found = None  # "다음 시험 언제예요?" while a sitting of this round is ahead: that sitting
    if found and not _on_an_exam_word(squeezed, found.start(), found.end()) and not same_then:
        # "작년에 회사 그만두고 … 이번 1차에": a year of the applicant's life, not a round — unless
        # the rule is asked of that year too ("내년에도 토익 700점 기준 그대로에요?")
        found = None
    if found and _MONTH_NEXT.match(squeezed, found.end()):
        found = None  # "작년 11월 시험": a month of last year, a date
    if found and _WHEN_IT_HAPPENED.match(squeezed, found.end()) and not _ASKED_OF_THE_ROUND.search(squeezed) and not same_then:
        # "본 날짜는 작년이에요", "작년에 입력한 토익이 …": when something of the applicant's happened
        found = None
    if found and today.year + lex.relative_years[found.group()] != exam_year:
        return found.group(), today.year + lex.relative_years[found.group()]
    if lex.this_year is not None and today.year != exam_year:
        found = lex.this_year.search(squeezed)
        if found:
            return found.group(), today.year
    return None
