"""What a question asks about, and whether a topic's knowledge speaks of it at all.

"시험장에 정수기 있어요?" names the exam venue, and the venue's fact fits every word but the one
asked about: the water dispenser, which no clause of the notice mentions. The thing a closing
predicate asks of ("있어요", "돼요", "주나요", "가져가도 돼요") is read here; a topic whose phrasings,
training messages and facts never speak of that thing does not answer it confidently.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

# Particles and endings that follow a word ("뽀로롱이", "크앙삐는"): cut before a word is looked up.
ENDING = re.compile(r"(?:이랑|에서|으로|이에요|에요|예요|이요|인데|하고|랑|로|은|는|이|가|을|를|의|에|엔|도|만|요)$")
_HANGUL_ONLY = re.compile(r"[가-힣]+")
# the closing predicate of a question about a thing: it is there, allowed, given ("있어요", "돼요",
# "주나요", "되나요?")
_PREDICATE = re.compile(r"^(?:있|없|되|돼|될|가능|주|줘|해주|틀어|써도|사용|필요|괜찮|상관)\S*(?:요|나|까|죠|니|냐|음|임|지|가|래)\??$")
# a noun made a verb with 하다 ("코팅해도 돼요"): the noun is the thing
_NOUN_VERB = re.compile(r"(?:해도|하면|해야|해요|하나요|해주나요|해줘요)$")
# a verb's form, not a thing: connectives ("가져가", "마셔", "들어올수"), nominalised verbs ("찍은거"),
# forms set before a noun ("가능한", "통화할")
_VERB_FORM = re.compile(
    r"(?:어|아|여|해|와|워|져|셔|쳐|려|겨|줘|봐|돼|되|하|고|면|게|는|은|던|수|거|건|걸|것|한|할|받|데|니|며|라|야|난|된|쓴|낸"
    # "늦잠자서", "상태라서", "힘들어서": -아서/-어서 (원서, 증명서 close the syllable before; 동의서,
    # 보고서 end in other vowels)
    r"|[가자나라어아여해워와봐돼져쳐셔려겨줘]서"
    # "뒀는지", "될지", "받았던지": a verb before a clause's -는지/-을지
    r"|는지|을지|던지|았는지|었는지"
    # "먹으러", "하러": what one goes out to do
    r"|으러|하러|보러|사러|자러)$"
)
# a question's own ending on a verb ("나오나요", "되냐"): no thing
_QUESTION_ENDING = re.compile(r"\S(?:나요|나여|냐|니까|래요|대요|다가)\??$")  # …and -다가 ("보다가 나가면")
_QUESTION_WORD = re.compile(r"^(?:뭐|뭔|무엇|몇|어디|언제|얼마|무슨|어떤|어떻게|어느|누구)")
# vowels a verb's connective form ends in, open ("닫혀", "마셔", "써", "돼"); ㅓ after ㅋ/ㅌ/ㅍ is a
# loanword's ending ("엘리베이터", "스티커") and ㅏ ends as many nouns ("액자") as verbs
_CONNECTIVE_VOWELS = frozenset({4, 6, 14, 9, 10})  # ㅓ ㅕ ㅝ ㅘ ㅙ (jungseong index)
_LOANWORD_ONSETS = frozenset({15, 16, 17})  # ㅋ ㅌ ㅍ (choseong index)
_SAE = 1  # ㅐ


def _open_connective(stem: str) -> bool:
    """Does the stem end as a verb's connective form ("닫혀", "마셔", "써")? ㅓ after a closed
    syllable ends a thing as often ("원서", "증명서")."""
    code = ord(stem[-1]) - 0xAC00
    if not 0 <= code < 11172 or code % 28:
        return False
    onset, vowel = code // 588, (code % 588) // 28
    if vowel == 4 and (onset in _LOANWORD_ONSETS or len(stem) >= 3 or (len(stem) > 1 and _closed(stem[-2]))):
        return False  # (a verb's 아서/어서 form is short: "가서", "해서"; "동의서", "보고서" are things)
    return vowel in _CONNECTIVE_VOWELS or vowel == _SAE


def _wonders(word: str) -> bool:
    """"볼까", "할까요", "될지": a verb's -ㄹ까 / -ㄹ지 (final ㄹ before 까 or 지); no thing ends so."""
    word = word.removesuffix("요")
    if len(word) < 2 or word[-1] not in "까지":
        return False
    code = ord(word[-2]) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 8  # final ㄹ


def _reason_form(stem: str) -> bool:
    """"가서", "봐서", "아파서", "늦어서": a verb's -아서/-어서 after an open syllable — any 아/어 vowel
    in a two-syllable word, ㅏ ㅐ ㅓ ㅕ in a longer one (교과서, 보고서, 증명서 end otherwise)."""
    if len(stem) == 2:
        return _permission(stem, "서")
    if len(stem) < 3 or not stem.endswith("서"):
        return False
    code = ord(stem[-2]) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 0 and (code % 588) // 28 in _REASON_VOWELS


_REASON_VOWELS = frozenset({0, 1, 4, 6})  # ㅏ ㅐ ㅓ ㅕ


def _past_form(stem: str) -> bool:
    """"나갔다 올 수", "했다가": a verb's past form (ㅆ before 다); no thing ends so."""
    if len(stem) < 2 or stem[-1] != "다":
        return False
    code = ord(stem[-2]) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 20  # final ㅆ


def _closed(syllable: str) -> bool:
    code = ord(syllable) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _permission(word: str, ending: str = "도") -> bool:
    """"가져가도 돼요", "내도 돼요", "차도 되나요" (or "가서", "해서" with ``ending`` 서): a verb's
    아도/어도 form — the ending after an open syllable."""
    if len(word) < 2 or not word.endswith(ending):
        return False
    code = ord(word[-2]) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 0 and (code % 588) // 28 in _PERMISSION_VOWELS


# the vowels an 아/어 form ends in: ㅏ ㅐ ㅓ ㅕ ㅘ ㅙ ㅚ ㅝ ("가도", "해도", "써도", "마셔도", "봐도",
# "돼도", "되도", "줘도"); a thing with its particle ends in others ("마스크도", "커피도", "점심시간에도")
_PERMISSION_VOWELS = frozenset({0, 1, 4, 6, 9, 10, 11, 14})


_POSTPOSITION = re.compile(r"(?:까지|부터|마다|처럼|보다|밖에|만큼|한테|에게|이나|씩)$")  # "찍은거까지", "문제씩"


_ALSO = re.compile(r"[도만은는]$")
_PARTICLE_BEFORE_ALSO = re.compile(r"(?:으로|에서|에게|한테|까지|부터|에|로|와|과|랑|이랑)$")


def thing_named(word: str) -> str | None:
    """The thing one word of a message names, punctuation and particle off (None for a verb form)."""
    return _noun_of(word.strip("?!.,~"))


# "다음주쯤", "말경": about a time
_ABOUT = re.compile(r"(?:쯤|경|께|즈음|무렵)$")
# an adverb made with 히 ("여전히", "확실히", "충분히")
_ADVERB = re.compile(r"[가-힣]{2,}히")


def is_no_thing(word: str, thing: str) -> bool:
    """An adverb or pronoun where a thing would be ("지금", "이거", "자세히", "다음주쯤")."""
    bare = word.strip("?!.,~")
    return (
        thing in _not_things() or bare in _not_things() or _ABOUT.sub("", thing) in _not_things()
        or _ADVERB.fullmatch(bare) is not None  # "여전히", "정확히": how, not what
    )


def _noun_of(word: str) -> str | None:
    """The thing a word names, with its particle ("정수기가") or its 하다 ("코팅해도") off; None
    for a verb form or a word narrowing the thing before it ("아날로그만 되죠")."""
    if not _HANGUL_ONLY.fullmatch(word) or word.endswith("만") or _QUESTION_WORD.match(word):
        return None
    if len(word) >= 3 and _QUESTION_ENDING.search(word):
        return None
    if _wonders(word) or (word.startswith("못") and len(word) >= 2):
        return None  # "볼까", "할까" (-ㄹ까); "못감", "못봄": a verb negated with 못
    if len(word) > 3 and _ALSO.search(word) and _PARTICLE_BEFORE_ALSO.search(word[:-1]):
        word = word[:-1]  # "영문으로도", "사람한테도", "점심시간에도": the particle before 도 goes too
        word = _PARTICLE_BEFORE_ALSO.sub("", word)
    word = _POSTPOSITION.sub("", word) if len(word) > 2 else word
    made_verb = _NOUN_VERB.search(word)
    if made_verb:
        return word[: made_verb.start()] if made_verb.start() >= 2 else None
    stem = ENDING.sub("", word) if len(word) > 2 else word
    if len(stem) < 2 or _VERB_FORM.search(stem) or _past_form(stem) or _open_connective(stem) or _reason_form(stem):
        return None  # (a thing may end in 서 after a closed syllable: "원서", "증명서"; "가서" is a verb)
    return stem


@lru_cache(maxsize=1)
def _not_things() -> frozenset[str]:
    from knowledge import load_lexicon

    return frozenset(load_lexicon().words.not_things)


def asked_thing(words: list[str]) -> str | None:
    """The thing the closing predicate of a question asks of: "시험장에 정수기 있어요?" → 정수기,
    "담요 가져가도 돼요?" → 담요, "수험표 코팅해도 돼요?" → 코팅."""
    if len(words) < 2 or not _PREDICATE.search(words[-1]):
        return None
    before = words[-2]
    if before.endswith("지") and words[-1].startswith(_NEGATION):
        return None  # "늦지 않았죠": a verb negated, no thing
    if _permission(before) and not _NOUN_VERB.search(before):
        if len(words) < 3:
            return None
        before = words[-3]
        if _WHERE_TO.search(before) and len(words) >= 4 and _noun_of(words[-4]):
            before = words[-4]  # "문제지 집에 가져가도 돼요?": what is taken, not where to
    thing = _noun_of(before)
    return None if thing is None or is_no_thing(before, thing) else thing


# a sentence ends at ?, !, . or a chat sign of feeling ("못 갔어요ㅠ 이런 경우 환불 되나요?")
_SENTENCE = re.compile(r"[^?!.\nㅠㅜㅋㅎ]+[?!.ㅠㅜㅋㅎ]*")
# what a predicate is made of, not a thing ("가능", "맞", "있나"), and the ending of a clause
_PREDICATE_PART = re.compile(r"있|없|되|돼|가능|맞|하는|했|싶|알려|궁금|모르|어떡|어캄|나요|까요|죠|임$|음$|함$")


def _predicate_part(thing: str) -> bool:
    """A piece of the predicate ("가능", "신청함"), not a noun that ends like one ("사물함")."""
    found = _PREDICATE_PART.search(thing)
    if found is None:
        return False
    if found.group() == "함":
        from .known import corpus  # known reads this module: imported when first needed

        return thing[:-1] + "하" in corpus()  # "신청함" of 신청하다; no 사물하다
    return True


def _asking_sentences(normalized: str) -> list[str]:
    """The sentences that ask ("전공 상관있나요? 경영학과 아닌데": the first); the whole message when
    none is marked."""
    return [part for part in _SENTENCE.findall(normalized) if part.strip().endswith("?")] or [normalized]


def asking_words(normalized: str) -> list[str]:
    """The words of the sentences that ask."""
    return [w for sentence in _asking_sentences(normalized) for w in _after_the_story(sentence.split())]


_WHERE_TO = re.compile(r"(?:에|에서|한테|에게|께|으로)$")  # where a thing goes, not the thing
_ALLOWED = ("돼", "되", "된", "될", "괜찮", "상관", "가능", "문제")  # what a verb's -아도 is said with ("가져가도 돼요")
_NEGATION = ("않", "못", "말")  # after a verb's -지 ("늦지 않았죠", "내지 못했어요")
# nouns a verb's form is set before ("넣을 수", "찍은 거", "한 걸로")
DEPENDENT_NOUNS = frozenset({"수", "거", "것", "걸", "건", "게", "때", "줄", "적", "뿐"})


def asked_things(normalized: str) -> list[str]:
    """The thing each asking sentence's closing predicate asks of ("1차 끝나고 문제지 가져가도
    돼요? 가채점하려구요": 문제지); the message's own end when no sentence is marked."""
    return [thing for sentence in _asking_sentences(normalized) if (thing := asked_thing(sentence.split()))]


# the end of a clause that tells the applicant's story before the question, with no full stop
# ("작년에 직장 그만두고 처음 준비하는데요 … 상태라서요 1차 과목이 뭐뭐예요?")
_STORY_END = re.compile(
    r"(?:는데요|인데요|라서요|니까요|거든요|구요|고요"
    # a reason told with -아서/-어서 ("문을 닫아서", "늦잠 자서", "다쳐서"; 원서, 증명서 are things;
    # "가서", "와서", "나서" go on to what is done next: "큐넷 가서 뽑아도 돼요?" asks of it all;
    # "사물함 있어서 맡길 수 있어요?" asks whether the thing is there)
    r"|(?<!있)(?:아|어|여|해|라|워|봐|돼|져|쳐|셔|려|겨|줘|자)서)[,.~]*$"
)


def _after_the_story(words: list[str]) -> list[str]:
    ends = [i for i, word in enumerate(words[:-1]) if _STORY_END.search(word)]
    return words[ends[-1] + 1:] if ends else words


# the end of a clause inside a sentence: a reason or a background (…는데, …해서, …느라), a
# condition or a time (…가려면, …볼때), a statement ended before more is said (…경증이에요)
_CLAUSE_END = re.compile(
    r"(?:[는은인던]데|[어아해여져쳐셔려겨워와봐돼]서|니까|느라|느라고|다가|지만|면서|[았었였했됐있없]고"
    r"|[으려다라하내가보오되이]면|어요|아요|에요|예요|이에요|해요|세요)[,.~]*$"
)


def _last_clause(words: list[str]) -> list[str]:
    ends = [i for i, word in enumerate(words[:-1]) if _CLAUSE_END.search(word) or _clause_time(word)]
    return words[ends[-1] + 1:] if ends else words


def _clause_time(word: str) -> bool:
    """"보여줄때", "볼 때": a verb's ㄹ form and 때 — when something happens, the clause before."""
    if not word.endswith("때") or len(word) < 2:
        return False
    code = ord(word[-2]) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 8  # final ㄹ


# a sentence that asks: its question mark, or a question's ending ("…되나요", "…내려야돼요")
_ASKS = re.compile(r"(?:[?？]|나요|까요|가요|죠|냐|니|래요|돼요|되요|될까|되나|있어요|없어요|있나|없나|주나요|줘요)[~.!]*$")


def things_asked_in_the_last_clause(normalized: str) -> list[str]:
    """The things the last clause of each sentence that asks names, the story before it left out:
    "입원해서 시험 못봤는데 보호자가 대신 환불 신청해도 되나요?" → 보호자, 환불; nothing of a
    message that only tells ("태풍 와서 기차가 다 끊기는 바람에 못 갔어요")."""
    if not any(_ASKS.search(s.strip()) for s in _SENTENCE.findall(normalized)):
        return []
    return things_asked_about(normalized, last_clause=True)


def things_asked_about(normalized: str, last_clause: bool = False) -> list[str]:
    """The things the asking sentences name, each sentence's closing predicate left out:
    "원서 사진 안경 쓴 사진도 괜찮아요?" → 원서, 사진, 안경, 사진."""
    found = []
    for sentence in _asking_sentences(normalized):
        words = _after_the_story(sentence.split())
        if last_clause:
            words = _last_clause(words)
        for word, following in zip(words, words[1:]):
            if following in DEPENDENT_NOUNS or (_permission(word.strip("?!.,~")) and following.startswith(_ALLOWED)) or (
                word.endswith("지") and following.startswith(_NEGATION)
            ):
                continue  # "넣을 수 있어요", "가져가도 돼요": a verb
            thing = thing_named(word)
            if thing and not is_no_thing(word, thing) and not _predicate_part(thing):
                found.append(thing)
    return found


@lru_cache(maxsize=None)
def _spoken_of() -> dict[str, str]:
    """Per intent, everything its knowledge says, compact: its keywords and example phrasings, its
    training messages, and its facts in every exam file."""
    from knowledge.loader import HERE

    here = Path(HERE)
    parts: dict[str, list[str]] = {}
    phrasings = yaml.safe_load((here / "phrasings.yaml").read_text(encoding="utf-8"))["intents"]
    for intent, spec in phrasings.items():
        spec = spec or {}
        parts.setdefault(intent, []).extend(
            [str(k) for k in (spec.get("keywords") or {})] + [str(p) for p in (spec.get("phrasings") or [])]
        )
    training = yaml.safe_load((here / "training.yaml").read_text(encoding="utf-8"))["intents"]
    for intent, messages in training.items():
        parts.setdefault(intent, []).extend(str(m) for m in messages or ())
    exams = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((here / "exams").glob("*.yaml"))]
    for exam in exams:
        for fact in exam.get("facts") or ():
            words = [str(fact.get(k, "")) for k in ("title", "answer")] + [str(k) for k in fact.get("keywords") or ()]
            parts.setdefault(fact.get("intent") or "", []).extend(words)
    # a calculator speaks of what its rule reads — its section of the exam file, or the guide — and
    # of the names of the bot's topics (a thing naming a topic is the classifier's to weigh); not of
    # the lexicon's word lists: a word of them that was read is an input, and one that was not
    # ("핸드폰 모바일로도 돼요?" of a score's submission) is no input
    from knowledge import load_lexicon

    topics = load_lexicon().topics
    labels = [t.label for t in topics.values()]
    guides = [p.read_text(encoding="utf-8") for p in sorted((here / "guides").glob("*.yaml"))]
    for name, topic in topics.items():
        if topic.data:
            sections = guides if topic.data == "guide" else [yaml.safe_dump(e.get(topic.data), allow_unicode=True) for e in exams]
            parts.setdefault(name, []).extend([*sections, *labels])
    return {intent: "".join(" ".join(words).lower().split()) for intent, words in parts.items()}


@lru_cache(maxsize=256)
def _spoken_by(intents: tuple[str, ...]) -> str:
    spoken = _spoken_of()
    return "".join(spoken.get(i, "") for i in intents)


# one-syllable suffixes that make a person or a use of a word ("저시력자", "시험용"), or a share
# of it ("교시당", "과목당")
_SUFFIX = frozenset("자용인생당")
MODIFIER = 2  # syllables of a modifier before a word the topic knows ("컬러복사본")


def speaks_of(intents: tuple[str, ...], thing: str) -> bool:
    """Does the knowledge of any of these intents speak of ``thing``, or of the word it is made of
    with a suffix ("저시력자") or a modifier ("컬러복사본")?"""
    text = _spoken_by(intents)
    return (
        thing in text
        or (len(thing) >= 3 and thing[-1] in _SUFFIX and thing[:-1] in text)
        # …not when the word after the modifier is a general one of the exam ("영어성적" is no 성적 of
        # the licence's; a kind of it the topic never names)
        or (len(thing) >= MODIFIER + 2 and thing[MODIFIER:] in text and thing[MODIFIER:] not in _exam_things())
    )


@lru_cache(maxsize=1)
def _exam_things() -> frozenset[str]:
    from knowledge import load_lexicon

    return frozenset(load_lexicon().words.exam_things)


_TOKEN = re.compile(r"[가-힣a-z0-9]+")


def answered_in(part: str, answer: str) -> bool:
    """Does an answer speak of everything a question names ("그럼 2교시는 볼 수 있어요?": 2교시)?
    Not when it names nothing (a bare "어디로 해요?" asks another kind of thing)."""
    words = [w for w in part.lower().split()]
    named = [
        ENDING.sub("", w) for w, following in zip(words, words[1:])
        if following not in DEPENDENT_NOUNS and not _QUESTION_WORD.match(w) and not is_no_thing(w, ENDING.sub("", w))
        and len(ENDING.sub("", w)) >= 2
    ]
    said = "".join(answer.lower().split())
    if named and all(n in said for n in named):
        return True
    # the things it asks about, its verbs left out ("평균 몇점 넘어야 붙는거에요?": 평균)
    things = things_asked_about(part.lower()) + asked_things(part.lower())
    return bool(things) and all(t in said for t in things)
