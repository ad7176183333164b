"""Words the bot has never seen: "뽀로롱", "후루룩빤쮸", "asdfg".

A Hangul word is unknown when most of its syllables are rare in everything the bot knows (the
notice, the knowledge files, the lexicon, the NLU's phrasings and training messages); a Latin word
when it does not occur there whole. An unknown word in a short question usually *is* what is asked about ("후루룩빤쮸 자격요건이
뭐예요"), so the pipeline does not answer such a question confidently however well the rest fits.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .coverage import DEPENDENT_NOUNS, ENDING as _ENDING, asked_thing, asking_words, is_no_thing, thing_named

_HANGUL_WORD = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[a-z]{3,}")
_COMMENT = re.compile(r"(?m)(?:^|\s)#.*$")
RARE = 3  # a syllable seen fewer times than this in everything the bot knows is rare
SHORT_QUESTION_WORDS = 6  # a message of at most this many words is "short"
MADE_UP_LENGTH = 4  # …and with a rare syllable, this long a word is made up on its own ("턱걸이" is not)
UNSEEN_PAIRS_LENGTH = 3  # a word this long none of whose neighbouring syllables the bot has seen together


def _texts() -> list[str]:
    from knowledge.loader import HERE

    # every knowledge file: the notices, the exam and guide data, the lexicon, the phrasings and
    # the training messages
    texts = [_data(p.read_text(encoding="utf-8")) for p in sorted(Path(HERE).rglob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path(HERE).rglob("*.txt"))]
    return texts


def _data(yaml_text: str) -> str:
    """A YAML file without its comments (they quote made-up words as examples)."""
    return _COMMENT.sub("", yaml_text)


@lru_cache(maxsize=1)
def corpus() -> str:
    """Everything the bot knows as one lower-cased text."""
    return "\n".join(_texts()).lower()


@lru_cache(maxsize=1)
def _known() -> tuple[Counter, frozenset[str], frozenset[str]]:
    syllables: Counter = Counter()
    latin: set[str] = set()
    pairs: set[str] = set()
    for text in _texts():
        text = text.lower()
        syllables.update(ch for ch in text if "가" <= ch <= "힣")
        latin.update(_LATIN_WORD.findall(text))
        for word in _HANGUL_WORD.findall(text):
            pairs.update(word[i:i + 2] for i in range(len(word) - 1))
    return syllables, frozenset(latin), frozenset(pairs)


@lru_cache(maxsize=4)
def _generic_forms(generic: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """A generic word starting the stem, every prefix of a generic word, a generic word ending the word."""
    ordered = sorted(generic, key=lambda w: (-len(w), w))
    starts = re.compile("|".join(re.escape(g) for g in ordered))
    prefixes = frozenset(g[:i] for g in generic for i in range(1, len(g) + 1))
    ends = re.compile("(?:" + "|".join(re.escape(g) for g in ordered if len(g) > 1) + ")$")
    return starts, prefixes, ends


def _is_generic(word: str, stem: str, generic: tuple[str, ...]) -> bool:
    starts, prefixes, ends = _generic_forms(generic)
    return bool(starts.match(stem)) or stem in prefixes or bool(ends.search(word))


def unknown_words(normalized: str, generic: tuple[str, ...] = ()) -> list[str]:
    """The words of a normalised message made of syllables the bot has hardly ever seen: at least
    two rare syllables, and at least half of the word ("뽀로롱", "후루룩빤쮸"). Inflected everyday
    words ("못봐", "다닌지") are made of common syllables and pass."""
    syllables, latin, pairs = _known()
    unknown, unseen, odd, others = [], [], [], 0
    for word in _HANGUL_WORD.findall(normalized):
        stem = _ENDING.sub("", word) if len(word) > 2 else word
        rare = sum(1 for ch in stem if syllables[ch] < RARE)
        if rare >= 2 and rare * 2 >= len(stem):
            unknown.append(stem)
        elif len(stem) >= UNSEEN_PAIRS_LENGTH and not any(stem[i:i + 2] in pairs for i in range(len(stem) - 1)):
            if rare and len(stem) >= MADE_UP_LENGTH:
                unknown.append(stem)  # "플루미넥스": a rare syllable, and no two ever seen together
            else:
                unseen.append(stem)
        elif len(stem) >= UNSEEN_PAIRS_LENGTH and 2 * sum(stem[i:i + 2] not in pairs for i in range(len(stem) - 1)) >= len(stem) - 1:
            odd.append(stem)  # half its neighbouring syllables never seen together ("플라뇽")
        elif generic and not _is_generic(word, stem, generic):
            others += 1  # a word of its own, not a generic one
    alone = bool(generic) and others == 0
    if alone and len(unseen) + len(odd) == 1:
        unseen += odd
    # Common syllables in an order never seen ("플루미 시험의 트랄라 점수"): one such word is as often
    # an everyday word the notice never uses ("컨디션", "턱걸이"); two in one message are made up,
    # and so is one that the question is about, with nothing but generic words around it
    # ("플라뇽 서류는 어디에 내나요").
    if len(unseen) >= 2 or (unseen and unknown) or (unseen and alone):
        unknown += unseen
    unknown += [w for w in _LATIN_WORD.findall(normalized) if w not in latin]
    return unknown


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Korean words in everyday use: wordfreq's Korean list (about 30,000 words from subtitles,
    Wikipedia, the web …), read from the package, no download."""
    from wordfreq import get_frequency_dict

    return frozenset(get_frequency_dict("ko", "small"))


def is_everyday(stem: str) -> bool:
    """An everyday word, or one made of everyday words ("자가격리", "신혼여행"); a word of four
    syllables or more may end in a one-syllable suffix ("컴퓨터용")."""
    words = everyday_words()
    if stem in words:
        return True
    for cut in range(2, len(stem) - 1):
        if stem[:cut] in words and is_everyday(stem[cut:]):
            return True
    return stem[:-1] in words and (len(stem) >= 4 or stem[-1] in NOUN_SUFFIXES)


# one-syllable endings that make a noun of a word ("맹장염", "각도기", "연수원")
NOUN_SUFFIXES = frozenset("염증병기실장비료원사자용식권표서제인법금과계관소부생성적화")


# a word ending like a verb or a clause ("고칠때", "뽑은거", "몇시임"): no name of a thing
_INFLECTED = re.compile(r"(?:때|면|서|고|구|야|지|게|시|임|좀|거|요|데|까|죠|음|함|냐|니|나|며|자|율|률|다|터|꺼|놔|걸|건|래)$")
_HANGUL_ONLY = re.compile(r"[가-힣]+")
_VERB_ENDING = re.compile(r"(?:면|서|고|야|지|게|요|데|까|죠|냐|니|나|며)$")  # "되나요", not "교시"


def strange_modifiers(normalized: str, generic: tuple[str, ...] = ()) -> list[str]:
    """Words set before another word as its name or kind ("플라몬 점수", "트렌질 수수료", "블라쿠
    교시") that the bot has never seen and that are no everyday Korean word either: three syllables
    or more, half or more of their neighbouring syllables never seen together, not in wordfreq's
    list (so "인플루엔자 확진" passes), before a word that names a thing (not "턱걸이인데 되나요").
    The question is then about that unknown thing."""
    _, _, pairs = _known()
    strange = []
    words = normalized.split()
    for word, following in zip(words, words[1:]):
        if not _HANGUL_ONLY.fullmatch(word) or _ENDING.search(word):
            continue  # a name said bare ("트렌질 수수료"), not a word with its particle or a number
        stem = word
        named = _ENDING.sub("", following) if len(following) > 2 else following
        if (
            len(stem) >= UNSEEN_PAIRS_LENGTH and not _INFLECTED.search(stem)
            and len(named) >= 2 and not _VERB_ENDING.search(named) and not _is_generic(following, named, generic)
            and 2 * sum(stem[i:i + 2] not in pairs for i in range(len(stem) - 1)) >= len(stem) - 1
            and not is_everyday(stem) and not _known_but_one(stem) and not is_no_thing(word, stem)
        ):
            strange.append(stem)
    return strange


@lru_cache(maxsize=1)
def _exam_things() -> frozenset[str]:
    from knowledge import load_lexicon

    return frozenset(load_lexicon().words.exam_things)


_COUNTED = "한두세네각매총전"  # "한과목", "세과목", "각교시", "총점": a count or a whole of the thing


def is_exam_thing(word: str) -> bool:
    """One of the exam's own general things ("합격", "접수", "과목"), counted or not ("세과목"):
    every topic speaks of them."""
    return word in _exam_things() or (len(word) >= 3 and word[0] in _COUNTED and word[1:] in _exam_things())


def _adnominal(word: str) -> bool:
    """A verb form set before a noun ("떼준 서류", "보는 시험"), not a name: the last syllable closes
    in ㄴ, or is 는/던. (Not ㄹ: many names end so, "보름달"; "받을" is a word the bot knows.)"""
    last = ord(word[-1]) - 0xAC00
    return 0 <= last < 11172 and (last % 28 == 4 or word[-1] in "는던")


def names_unseen(normalized: str) -> list[str]:
    """Bare words set as the name or kind of an exam thing ("보름달 전형", "퐁당 과목") that occur
    nowhere in everything the bot knows — everyday words or not: the question is about a kind of
    that thing the notice does not have."""
    things = _exam_things()
    words = normalized.split()
    text = corpus()
    return [
        word for word, following in zip(words, words[1:])
        if len(word) >= 2 and _HANGUL_ONLY.fullmatch(word) and not _ENDING.search(word)
        and not _CLAUSE_END.search(word) and not _adnominal(word)
        and (following in things or _ENDING.sub("", following) in things) and word not in text
    ]


# the end of a clause or an adverb before a noun ("3월 말이라 시험은", "4시 반쯤 접수", "그래서 서류")
_CLAUSE_END = re.compile(r"(?:이나|라|쯤|면|서|고|게|데|까|때|지|야|며|니|자|다|죠|요|거|건|걸|음|함|임|좀|터|래|냐)$")


def _known_but_one(stem: str) -> bool:
    """A word the bot knows with one syllable before or after it ("한과목", "깁스중", "전과목")."""
    text = corpus()
    return len(stem) >= 3 and (stem[1:] in text or stem[:-1] in text)


# a question word opening the word after the one asked about ("별자리가 뭐예요", "구름 몇 시에")
_QUESTION_WORD = re.compile(r"^(?:뭐|뭔|무엇|몇|어디|언제|얼마|무슨|어떤|어떻게|어느|누구)")
COMPOUND_PART = 2  # syllables each part of a compound of known words has at least ("출제+기준")


def _known_compound(stem: str, text: str) -> bool:
    """Made of words the bot knows, each of two syllables or more ("실무교육", "파일형식")."""
    return any(
        stem[:cut] in text and (stem[cut:] in text or _known_compound(stem[cut:], text))
        for cut in range(COMPOUND_PART, len(stem) - COMPOUND_PART + 1)
    )


def asked_of_the_unseen(normalized: str) -> list[str]:
    """Everyday words the bot's knowledge never uses, right before the question word that asks
    about them ("회계학 별자리가 뭐예요", "가상계좌 구름 몇 시에 떠요"), or the thing the closing
    predicate asks of ("시험장에 정수기 있어요?", "에어컨 틀어주나요?", "코팅해도 돼요?"): the question is
    about that thing, which the notice does not have, however well the topic word around it fits."""
    text = corpus()
    words = normalized.split()
    found = [
        stem for word, following in zip(words, words[1:])
        if _HANGUL_ONLY.fullmatch(word) and _QUESTION_WORD.match(following)
        and len(stem := _ENDING.sub("", word) if len(word) > 2 else word) >= 2
        and stem not in text and not _INFLECTED.search(stem) and not _known_compound(stem, text)
        and stem in everyday_words()
    ]
    thing = asked_thing(words)
    if thing and _unseen_everyday(thing, text):
        found.append(thing)
    return found


def _unseen_everyday(thing: str, text: str) -> bool:
    """An everyday word that nothing the bot knows uses, whole or as a compound of its words."""
    return thing not in text and not _known_compound(thing, text) and is_everyday(thing)


def unseen_things(normalized: str) -> list[str]:
    """Things the message names, in everyday words, that nothing the bot knows ever uses
    ("시험장에 말랑존", "안내견이랑", "아포스티유는"): what the question is about, or what it is
    said beside, is outside the notice."""
    text = corpus()
    return [
        thing for word in asking_words(normalized)
        if (thing := thing_named(word)) and not is_no_thing(word, thing) and _unseen_everyday(thing, text)
    ]


def unfamiliar_words(normalized: str) -> list[str]:
    """Nouns of the message that nothing the bot knows uses ("고양이", "우주선", "뿌뿌"), bare or
    with a particle, and no compound of words it knows. Many real questions hold one ("동네 병원"),
    so this only keeps an unsure reading from being promoted to an answer."""
    text = corpus()
    found = []
    for word in normalized.split():
        if not _HANGUL_ONLY.fullmatch(word) or _ENDING.sub("", word) in DEPENDENT_NOUNS:  # "한 거랑"
            continue
        stem = _ENDING.sub("", word) if len(word) > 2 else word
        if (
            len(stem) >= 2 and stem not in text and not _INFLECTED.search(stem)
            and not _known_compound(stem, text)
        ):
            found.append(stem)
    return found


def names_unknown(normalized: str) -> bool:
    """Does the message name something the bot has never heard of: a made-up word, or a strange
    name before the thing asked about? (The dialogue's guard before it reads a message into an answer.)"""
    from .classifier import model

    generic = model().generic_words
    return bool(
        unknown_words(normalized, generic) or strange_modifiers(normalized, generic) or names_unseen(normalized)
        or asked_of_the_unseen(normalized)
    )


def word_count(normalized: str) -> int:
    return len(normalized.split())


_LATIN_NAME = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,6})(?![A-Za-z])\s*(\S*)")


def unlisted_kinds(text: str, endings: tuple[str, ...], said_with: tuple[str, ...]) -> list[str]:
    """Kinds of a closed list named in the message that nothing the bot knows uses: a word ending
    in one of ``endings`` with a particle or "있" after it ("공황장애가 있어서", "우울증이라"), or a
    Latin acronym said as had ("ADHD 있는데"). ``text`` is the message as written (acronyms are
    capitals)."""
    known_text = corpus()
    after = tuple(sorted(said_with, key=len, reverse=True))
    found: list[str] = []
    for word in _HANGUL_WORD.findall(text):
        for ending in endings:
            at = word.find(ending, 1)
            while at > 0:
                name, rest = word[:at + len(ending)], word[at + len(ending):]
                if (not rest or rest.startswith(after)) and name not in known_text and name not in found:
                    found.append(name)
                at = word.find(ending, at + 1)
    for acronym, following in _LATIN_NAME.findall(text):
        if acronym.isupper() and acronym.lower() not in known_text and following.startswith(after):
            found.append(acronym)
    return found
