"""How to read a message in the light of the conversation so far: a new topic, a change to the
last answer ("아 2차요"), or the same question for the other stage ("그럼 2차는?")."""
from __future__ import annotations

import re

from bot.bounded import keep
from bot.nlu import coverage, known
from bot.nlu.intents import ANSWERS, FACT, FLOW, TALK, TOPIC_OF, gives_inputs
from bot.privacy import holds_personal_data
from bot.nlu.types import Understanding
from rules.terms import compact

from . import topics
from .facts import FactBook
from .flows.base import Absorbed
from .state import State

# Inside a flow, a message that answers the pending question stays in the flow unless the NLU is at
# least this sure it is about something else ("2차 시험일 언제예요?" while asked for 1차/2차).
SWITCH_OVER_ANSWER = 0.85
OTHER_TOPIC_HINT = 0.3  # an alternative this close is offered as a button when an answer is not understood
TOPIC_BIAS = 0.15  # how much less sure a reading in the last answer's topic may be and still win
SAME_TOPIC = 0.35  # a follow-up read in the last answer's topic at least this sure is taken as such
OWN_READING = 0.5  # a message placed alone at least this surely asks its own question, not the last one's
LONG_FOLLOW_UP = 30  # a connective-led follow-up may be this long ("그럼 시간 연장은 없는 거고 대신 뭐 해주나요")
# a question word: the message asks something of its own
QUESTION_WORD = re.compile(r"언제|어디|얼마|몇|무슨|어떤|어떻게|어케|왜|누구|누가|뭐|무엇|나요|까요|가요")
NAMES_A_TOPIC = 1.0  # topic-word evidence that makes a message its own question
SHORT_FOLLOW_UP = 12  # compact characters: "아 텝스였어요", "2차는요?" read as a change to the last answer
# A message that names a stage and nothing else: "2차는요?", "그럼 1차는?", "1차 시험도요"
ONLY_A_STAGE = re.compile(r"(?:그럼|그러면|그럼요|혹시|그리고|아)?[12]차(?:시험)?(?:은|는|도|의경우는?)?(?:요|용)?[?？.!~]*")


def switches_topic(u: Understanding, state: State, absorbed: Absorbed, slots: tuple[str, ...] = ()) -> bool:
    """Inside a flow: does this message leave it for another topic? ``slots``: the flow's inputs —
    one of them told while another is asked ("2차요" while the day is asked) answers as well."""
    if u.intent is None or u.intent == state.flow or u.intent in TALK:
        return False
    if u.intent not in FLOW and u.intent not in FACT:
        return False
    # A usable answer to the question asked keeps the flow unless the NLU is very sure of the
    # other topic. Nothing recognised (or an error about it) does not hold a clear new question back.
    answers_pending = state.pending is not None and (
        state.pending in absorbed.filled or any(slot in absorbed.filled for slot in slots)
    )
    return not answers_pending or u.confidence >= SWITCH_OVER_ANSWER


def may_correct(u: Understanding, state: State, text: str) -> bool:
    """Right after an answer, may this message change one of its inputs ("아 2차요", "여권은요?")?
    Yes for the same topic, or for no topic when the message is short or leans to no other
    topic — not for a longer question the NLU almost placed elsewhere ("경력으로 1차 면제 …")."""
    if asks_the_rule(u):
        return False  # "그럼 2차도 같은 기준이에요?": the rule is asked, not a new computation
    if u.slots.correction:
        return True  # "아 잘못 말했어요 6월 30일이요"
    if u.intent == state.last_flow:
        return True
    if u.intent is not None:
        # "1차 1교시요" right after an accommodation answer leans to the timetable, weakly: a short
        # message that the NLU is not sure of may still only change the last answer
        return len(compact(text)) <= SHORT_FOLLOW_UP and u.confidence < SWITCH_OVER_ANSWER
    top = _closest_topic(u)
    return len(compact(text)) <= SHORT_FOLLOW_UP or top is None or top[0] == state.last_flow or top[1] < OTHER_TOPIC_HINT


def asks_other_stage(u: Understanding, state: State, text: str, facts: FactBook) -> bool:
    """A short message naming only a stage, right after a notice fact ("2차는요?", "그럼 1차는?"):
    the applicant asks the same thing for that stage. Not when the NLU leans to another topic."""
    if u.intent is not None or u.slots.stage not in (1, 2) or state.last_flow:
        return False
    if state.last_intent not in FACT or not facts.has(state.last_intent):
        return False
    if ONLY_A_STAGE.fullmatch(compact(text)):  # "1차는요?": any topic the NLU leans to is noise
        return True
    top = _closest_topic(u)
    return len(compact(text)) <= SHORT_FOLLOW_UP and (
        top is None or top[0] == state.last_intent or top[1] < OTHER_TOPIC_HINT
    )


def _closest_topic(u: Understanding) -> tuple[str, float] | None:
    return next(((i, score) for i, score in u.alternatives if topics.is_topic(i)), None)


RULE_ASKS = frozenset({"rule", "list", "procedure"})


def asks_the_rule(u: Understanding) -> bool:
    """"입금 기한 규칙이 어떻게 돼요?", "환불 규정 전부 알려줘", "환불은 어떤 절차로 해요?": the rule
    or the procedure itself is asked for, not a computation."""
    return bool(RULE_ASKS.intersection(u.slots.asks))


# "청각장애 있으면요?", "서울이면?", "경증인 경우는요?": a "what if" about the answer before
FOLLOW_UP = re.compile(r"(?:면|경우|때)(?:는|은|엔|에는)?\s*(?:요|용|여)?\s*[?？.!~]*$")


def read_with_context(
    understand, context: str, text: str, ctx, last_intent: str | None = None, own: Understanding | None = None,
    last_topic_takes: bool = False,
) -> Understanding | None:
    """A short message with no topic of its own ("광주요", "2차는요?", "청각장애 있으면요?") read
    together with the question before it; the combined reading if it is confident, else None.
    Among close readings, one in the topic of the last answer wins ("일본 토익도 돼요?" → "그럼 어디로
    보내요?" asks where the Japan score goes, not where exemption papers go)."""
    # a longer message too, when the bot could not place it alone and it names no topic ("언제 본
    # 건지는 기억 안 나는데 1차 영어 되나요?" after "토익 650점이에요") — unless it names something
    # the bot has never heard of
    unplaced = (
        own is not None and (own.intent is None or _from_scratch(own)) and own.named < NAMES_A_TOPIC
        and not own.out_of_scope and bool(_WORDS.search(text))  # a question in words, not marks and numbers
    )
    longest = LONG_FOLLOW_UP if unplaced or CONNECTIVE.search(text.strip()) or STATEMENT.search(text.strip()) else SHORT_FOLLOW_UP
    if len(compact(text)) > longest:
        return None
    u = understand(f"{context} {text}", year=ctx.exam.year, today=ctx.today, expecting=None)
    if u.out_of_scope:
        return None
    if own is not None and own.slots.stage in (1, 2):
        # "1차 시험 언제예요?" → "그럼 2차는요?": the stage said now is the one asked about
        u.slots.stage, u.slots.stages_said = own.slots.stage, own.slots.stages_said
    # "시험 중 화장실 가도 돼요?" → "임신 중이에요": a calculator's input said now (a disability, a test,
    # a document) takes the question to that calculator, not back to the last answer's topic
    # — unless the last answer's own calculator takes it ("토익 몇 점 있어야 돼요?" → "아 저 청각장애
    # 있어요": the hearing-impaired thresholds)
    adds_input = own is not None and bool(own.slots.disability or own.slots.test or own.slots.document) and not last_topic_takes
    if last_intent and not adds_input:
        group = topics.topic_of(last_intent)
        readings = ([(u.intent, u.confidence)] if u.intent else []) + list(u.alternatives)
        best = max((c for _, c in readings), default=0.0)
        near = next(((i, c) for i, c in readings if i in group and c >= min(best - TOPIC_BIAS, SAME_TOPIC)), None)
        if near is not None:
            gives_the_kind = bool(set(own.slots.asks) & ANSWERS.get(last_intent, frozenset())) if own is not None else False
            if (
                own is not None and own.intent is not None and own.intent not in group and near[1] < own.confidence
                and not last_topic_takes and not gives_the_kind  # "전화번호도요" after an office's address
            ):
                # "지금 1차 원서 접수하려고요" → "가상계좌로 결제 가능해요?": the message placed alone more
                # surely than the reading that pulls it back to the last topic asks its own question
                return None
            u.intent, u.confidence = near
            u.intent = _sibling_speaking_of(u.intent, group, text)
            if own is not None and _names_what_only_its_own_reading_speaks_of(own, u.intent, text):
                # "외국인인데 응시자격 …" → "신분증은 뭐 가져가야 돼요?": the ID is nothing the
                # eligibility speaks of; the message asks its own question
                return None
    if u.intent is None or u.intent in TALK:
        return None
    if known.names_unknown(text):
        return None  # "그럼 트렌질 점수는요?": about a thing the bot never heard of, not the last answer's
    return u


def _names_what_only_its_own_reading_speaks_of(own: Understanding, pulled_to: str, text: str) -> bool:
    """Does the message name a thing that the topic it is pulled back to never speaks of, while the
    topic it leans to alone does?"""
    things = coverage.things_asked_about(text)
    mine = own.intent or next((i for i, _ in own.alternatives if topics.is_topic(i)), None)
    if not things or mine is None or mine in topics.topic_of(pulled_to):
        return False
    last, own_topic = topics.topic_of(pulled_to), topics.topic_of(mine)
    return not any(coverage.speaks_of(last, t) for t in things) and all(coverage.speaks_of(own_topic, t) for t in things)


def _sibling_speaking_of(intent: str, group, text: str) -> str:
    """"면제서류 제출할 때 …" → "동의서는 몇 부에요?": of the last answer's topic, the fact whose
    knowledge speaks of what the follow-up names, when the one read does not."""
    things = coverage.things_asked_about(text) + coverage.asked_things(text)
    if not things or all(coverage.speaks_of((intent,), t) for t in things):
        return intent
    return next(
        (i for i in group if i in FACT and all(coverage.speaks_of((i,), t) for t in things)), intent
    )


_WORDS = re.compile(r"[가-힣]{2}")
# "그럼 어디로 보내면 돼요?": a question that leans on the one before
CONNECTIVE = re.compile(r"^(?:그럼|그러면|그럼요|그건|그거는?|그때는?|그래서|근데)\b")
# a statement, not a question ("지체장애고 장애인등록증 있어요"): more about the question before
STATEMENT = re.compile(r"(?:이에요|예요|이요|요|어요|었어요|았어요|습니다|했어요|해요|입니다|거든요|는데요?|고요)[.!~ㅠㅜ]*$")


# "2교시는?", "토플은요?": "and what about this?" — a word and a topic particle, nothing else
WHAT_ABOUT = re.compile(r"^\S{1,10}(?:은|는)\s*(?:요|용)?\s*[?？]*$")


# "장애인 기준으로 보면요?", "청각장애인이면요?": the case asked again under what was just said
_WHAT_IF = re.compile(r"(?:면|라면|이면|으면|경우)(?:요|은요|는요)?\s*[?？]*\s*$")


def asks_only_what_if(u: Understanding, text: str) -> bool:
    """A question that only asks the case again under a condition told ("… 기준으로 보면요?"), no
    kind of answer of its own (the standard it names is the condition, not the rule asked for)."""
    return bool(_WHAT_IF.search(text.strip())) and set(u.slots.asks) <= {"rule"}


def asks_something(text: str) -> bool:
    """Does the message ask (a question word, a question mark), rather than tell?"""
    plain = text.strip()
    return bool(QUESTION_WORD.search(plain) or "?" in plain or "？" in plain)


def is_follow_up(u: Understanding, text: str, state: State) -> bool:
    """A short follow-up-shaped message right after an answer ("청각장애 있으면요?", "그럼 어디로
    보내면 돼요?"), whose own reading leaves the topic of that answer: worth reading together with
    the question before it."""
    if not state.context or not state.last_intent or len(compact(text)) > LONG_FOLLOW_UP:
        return False
    plain = (u.text or text).strip()  # as read: "what about ielts?" is "ielts는요?"
    if CONNECTIVE.search(plain) or WHAT_ABOUT.search(plain):
        # "그럼 어디로 보내면 돼요?" leans on the question before; "그럼 환불은요?" names a topic
        return u.intent not in topics.topic_of(state.last_intent) and u.named < NAMES_A_TOPIC
    if _from_scratch(u) and u.named < NAMES_A_TOPIC and asks_something(plain):
        # "면제서류 제출기간이 언제예요?" → "토요일에 가져가도 받아주나요?": a calculator the message
        # gives nothing to would start from scratch; the question before is what it asks of
        return u.intent not in topics.topic_of(state.last_intent)
    statement = bool(STATEMENT.search(plain) and not asks_something(plain))
    if statement and state.last_intent in FACT:
        # "응시편의 서류가 뭐예요" answered, then "지체장애고 장애인등록증 있어요": what the applicant
        # adds about themselves belongs to the question they asked, in its topic or another
        return True
    if len(compact(text)) > SHORT_FOLLOW_UP:
        return False
    if u.intent in topics.topic_of(state.last_intent):
        return False
    # "언제까지 보내야 돼요?" right after the Japan-TOEIC answer: a short question that names no
    # topic of its own asks it of the topic before
    asks_unnamed = asks_something(plain) and u.named < NAMES_A_TOPIC and u.confidence < SWITCH_OVER_ANSWER
    return bool(FOLLOW_UP.search(plain) or statement or asks_unnamed)



def _from_scratch(u: Understanding) -> bool:
    """A calculator's reading of a message that gives it none of its inputs."""
    return u.intent in FLOW and not gives_inputs(u.intent, u.slots)


def asks_of_last_fact(u: Understanding, text: str, state: State) -> bool:
    """"언제까지 보내야 돼요?" right after the Japan-TOEIC answer: a short question that names no
    topic of its own and that the NLU is not sure of asks it of the notice fact just quoted."""
    plain = text.strip()
    return (
        state.last_intent in FACT and not state.last_flow and bool(state.context)
        and len(compact(text)) <= SHORT_FOLLOW_UP and u.named < NAMES_A_TOPIC
        and u.confidence < SWITCH_OVER_ANSWER and asks_something(plain)
        # placed alone in another topic more surely than a guess: its own question, not the last's
        and (u.intent is None or u.intent in topics.topic_of(state.last_intent) or u.confidence < OWN_READING)
        and not _names_what_only_its_own_reading_speaks_of(u, state.last_intent, text)
    )


def questions_the_last_answer(u: Understanding, text: str, state: State) -> bool:
    """"평균은 넘잖아요?" right after the pass check failed: a short message on a fact of the topic of
    the calculator just answered, asking no rule ("합격 기준이 뭐예요?" asks the rule), is said about
    that answer."""
    if not state.last_flow or u.intent not in FACT or TOPIC_OF.get(u.intent) != state.last_flow:
        return False
    return (
        not asks_the_rule(u) and len(compact(text)) <= SHORT_FOLLOW_UP and not u.slots.stage and not u.slots.situations
    )


# Where one question ends and the next begins in a run-on message ("몇 시까지 입실해요? 그리고 계산기
# 돼요?", "…입실해야 하고, 계산기 가져가도 되나요?")
_QUESTION_BREAK = re.compile(
    r"(?<=[?？])\s+|\s+그리고\s+|(?<=하고|되고|이고),\s+"
    # "제출 서류는 뭐고 2차 합격 기준은 …": a question word joined to the next question by 고
    r"|(?:(?<=뭐고)|(?<=언제고)|(?<=어디고)|(?<=얼마고)|(?<=몇시고)|(?<=몇분이고)|(?<=몇점이고)),?\s+"
)
MIN_QUESTION = 6  # compact characters a part needs to be a question of its own
SPLITS_KEPT = 4096  # split decisions remembered (messages come again; never one with personal data)
# a question word proper (not an ending): what each of two joined questions must have
ASKS_SOMETHING = re.compile(r"언제|어디|얼마|몇|무슨|어떤|어떻게|누구|뭐|무엇")


# Sentence ends in a message of several sentences ("… 걱정이네요. 근데 계산기 써도 되나요? …")
_SENTENCE_END = re.compile(r"(?<=[?？!.])\s+")


def main_question(understand, text: str, ctx) -> tuple[Understanding, str] | None:
    """In a message the NLU could not place as a whole, the one sentence that asks something it
    can: "2차 보는데요 점심시간이 언제예요? 도시락 … 식당이 있는지도 모르겠고" asks the lunch break."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    if len(sentences) < 2:
        return None
    for sentence in sentences:
        if not asks_something(sentence) or len(compact(sentence)) < MIN_QUESTION:
            continue
        u = understand(sentence, year=ctx.exam.year, today=ctx.today, expecting=None)
        if u.intent is not None and not u.out_of_scope and u.intent not in TALK:
            return u, sentence
    return None


_questions: dict[str, list[str]] = {}


def questions(text: str) -> list[str]:
    """The separate questions of a run-on message, in order (one item when it is one question);
    remembered per message (never one with personal data)."""
    found = _questions.get(text)
    if found is None:
        found = _questions_in(text)
        if not holds_personal_data(text):
            keep(_questions, SPLITS_KEPT, text, found)
    return list(found)


def _questions_in(text: str) -> list[str]:
    parts = [p.strip() for p in _QUESTION_BREAK.split(text) if p and p.strip()]
    parts = [half for p in parts for half in _two_asks(p)]
    # a part that asks for something counts, with a question word or without ("수수료도 알려주세요")
    asked = [p for p in parts if len(compact(p)) >= MIN_QUESTION and _ASKS_OR_ASKS_FOR.search(p)]
    return asked if len(asked) >= 2 else [text]


# "2차는 언제 접수하고 시험은 언제예요?": two questions joined by 하고/되고 with no comma
_JOINED_ASKS = re.compile(r"(?<=하고|되고)\s+")


def _two_asks(part: str) -> list[str]:
    for m in _JOINED_ASKS.finditer(part):
        left, right = part[:m.start()], part[m.end():]
        if all(ASKS_SOMETHING.search(x) and len(compact(x)) >= MIN_QUESTION for x in (left, right)):
            return [left.strip(), right.strip()]
    return [part]


# Where two questions may be joined with no question mark between them: a noun conjunction ("토익
# 기준점수랑 인정기간 알려줘"), a clause ending in 고 ("2차 원서 언제 내고 시험은 언제 봐요"), a comma.
# Only a place where each side is a question of its own topic splits (``split_by_topics``).
_JOINS = re.compile(r"(?<=[가-힣])(?:이랑|랑|하고|이고|고|와|과|,)\s+|\s+(?:및|그리고|또)\s+")
_ASKS_OR_ASKS_FOR = re.compile(QUESTION_WORD.pattern + r"|알려|궁금|되나|돼요|됩니까|는지|인지|[?？]")
SPLIT_CONFIDENT = 0.6  # each side's own reading must be at least this sure
MIN_TOPIC_PHRASE = 3  # compact characters of a bare topic phrase ("사진규격")
SPLITS_TRIED = 3


_splits: dict[tuple, list[str] | None] = {}


TOPIC_PHRASE_WORDS = 4  # "사진 규격이랑 …": a bare topic phrase; longer, a statement that tells a story


def split_by_topics(understand, text: str, ctx) -> list[str] | None:
    """Two questions of two topics in one message with no question mark between them: the halves,
    when each is confidently a question of its own and their topics differ. The first half may be
    a bare topic phrase ("사진규격이랑 …") if it reads as a notice fact; a calculator's input alone
    ("장애인등록증이랑 …") is what the second half is about, not a question."""
    if len(compact(text)) < MIN_TOPIC_PHRASE + MIN_QUESTION or not _JOINS.search(text):
        return None
    key = (text, ctx.today, ctx.exam.id)
    if key in _splits:
        return _splits[key]
    halves = _split_by_topics(understand, text, ctx)
    return halves if holds_personal_data(text) else keep(_splits, SPLITS_KEPT, key, halves)


def _split_by_topics(understand, text: str, ctx) -> list[str] | None:
    for m in list(_JOINS.finditer(text))[:SPLITS_TRIED]:
        left, right = text[:m.start()].strip(), text[m.end():].strip()
        if len(compact(left)) < MIN_TOPIC_PHRASE or len(compact(right)) < MIN_QUESTION:
            continue
        if _LIST_ITEM.search(left):
            continue  # "실무 42점, 이론 78점, …": items of one list, not two questions
        if not _ASKS_OR_ASKS_FOR.search(right):
            continue
        first = understand(left, year=ctx.exam.year, today=ctx.today, expecting=None)
        if not _own_question(first) or not (
            QUESTION_WORD.search(left) or _ASKED_WITHIN.search(left)
            or (first.intent in FACT and len(left.split()) <= TOPIC_PHRASE_WORDS)
        ):
            continue  # a long statement before the question is its story, not a question of its own
        second = understand(right, year=ctx.exam.year, today=ctx.today, expecting=None)
        if _own_question(second) and second.intent != first.intent:
            return [left, right]
    return None


# a question asked inside the sentence ("써도 되는지 궁금하고 …", "보청기 껴도 되는지랑 …")
_ASKED_WITHIN = re.compile(r"(?:는지|인지|은지|을지|할지|될지|궁금)$")
# a figure ending the left side of a join: one item of a list of figures ("실무 42점, 이론 78점")
_LIST_ITEM = re.compile(r"\d\s*(?:점|분|원|%|개월|년|시|일)?$")


def _own_question(u: Understanding) -> bool:
    return (
        u.intent is not None and u.intent not in TALK and not u.out_of_scope and u.confidence >= SPLIT_CONFIDENT
    )


# "청각장애 토익 기준 말고 일반인 지텔프 기준 몇 점?", "신분증 분실신고는 했고요 질문은 2차 시험 몇 시에
# 끝나요?", "임신 중이긴 한데 그건 상관없고 …": what comes after these is what is asked
_FOCUS = re.compile(
    r"(?:말고요?|말구|상관\s*없고|상관없구|관계없고|질문은|궁금한\s*(?:건|거는?|것은)|다름이\s*아니라|그건\s*그렇고|그나저나|본론은)\s+"
)


# "계산기는 된다던데 전자사전도 가져가도 돼요?", "원서 마감이 18시니까 어학성적 입력도 …": what the
# applicant heard or knows, then the same asked of something else ("…도")
_HEARD_THEN_ALSO = re.compile(r"(?:다던데|라던데|던데|다는데|라는데|다니까|라니까|니까)[요,]?\s+(?=(?:\S+\s+){0,2}?\S+도\s)")


def also_asked(text: str) -> str | None:
    """The question after what the applicant heard or knows, when it asks the same of another
    thing ("…던데 Y도 …?"); else None."""
    marks = list(_HEARD_THEN_ALSO.finditer(text))
    if not marks:
        return None
    rest = text[marks[-1].end():].strip()
    return rest if len(compact(rest)) >= MIN_QUESTION and _ASKS_OR_ASKS_FOR.search(rest) else None


def focus(text: str) -> str:
    """The question of a message that sets something aside before it asks; else the message."""
    marks = list(_FOCUS.finditer(text))
    if not marks:
        return text
    rest = text[marks[-1].end():].strip()
    asks = len(compact(rest)) >= MIN_QUESTION and _ASKS_OR_ASKS_FOR.search(rest)
    return rest if asks else text

