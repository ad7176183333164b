"""The schema of the everyday-language files: ``knowledge/lexicon.yaml`` (topics, word lists,
situations, kinds of question, time scope) and ``phrasings.yaml`` / ``training.yaml`` (phrasings and
example messages per intent). Validated at load time like the exam file."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from .source import Strict


AskKind = Literal[
    "amount", "date", "time", "place", "documents", "procedure", "list", "rule", "contact", "score", "duration", "cost",
]


class Situation(Strict):
    words: list[str] = []  # compact substrings that say the situation
    # …or a description: one word of every group ("시험장" + "바뀌" + "공단" → the organiser moved it)
    all_of: list[list[str]] = []
    window: int = 0  # all_of: the groups' words within this many letters of each other (0: anywhere)
    evidence: dict[str, float] = {}  # intent → classifier evidence the situation adds
    reason: str | None = None  # the refund reason the situation is (a refund case's ``reason``)
    # words that make it another situation ("늦었" of the application is no late arrival: "지금 접수하면 늦었나요?")
    none_of: list[str] = []

    @model_validator(mode="after")
    def _said_somehow(self) -> "Situation":
        if not self.words and not self.all_of:
            raise ValueError("a situation needs words or all_of groups")
        return self


class TimeScope(Strict):
    relative: dict[str, int]  # 내년: 1, 작년: -1, 재작년: -2 … (years from today)
    this_year: list[str]  # 올해, 금년 …
    # relative words that speak of the next sitting, not of a year: inside the round while one of
    # its sittings is still ahead ("다음 시험 언제예요?" in May is the 2차)
    next_sitting: list[str] = []
    exam: list[str]  # words that make a year the year of an exam being asked about
    history: list[str]  # words that make it the applicant's own past instead


class TopicEntry(Strict):
    label: str  # the topic button's Korean label
    kind: Literal["calculator", "fact", "talk"] = "fact"
    rule: str | None = None  # a calculator: the fact that states its rule
    of: str | None = None  # a fact: the calculator whose topic it belongs to
    # the kinds of answer this topic gives ("timetable": time): a follow-up that asks a kind the last
    # answer's topic does not give goes to the related topic that gives it ("그거 몇 분이에요?")
    answers: list[AskKind] = []
    # a calculator: the exam file's section its rule reads ("ids"), or "guide" (the walk-through):
    # what the calculator's knowledge speaks of, beside its phrasings
    data: str | None = None
    # a calculator choosing among the closed list of kinds its table has (the accommodation rows):
    # the endings that make a word name such a kind ("공황장애", "우울증"). A kind named so that
    # nothing the bot knows uses is one the list does not hold — the question is not guessed at
    kind_endings: list[str] = []
    # a calculator: the slots of a message that are its inputs (``bot.nlu.types.Slots`` names). A
    # message giving them may name things in the calculator's own words ("중사인데 휴가 통제돼서"); a
    # thing said beside another topic's inputs is still checked ("실무수습 부산에서도 받아요?")
    inputs: list[str] = []


class Words(Strict):
    countries: dict[str, str]  # word → ISO 3166 alpha-2 ("ZZ": abroad)
    other_regions: list[str]
    mobile: list[str]
    cancel: list[str]
    plain_cancel: list[str]
    other_tests: list[str]
    still_working: list[str]
    general_group: list[str]
    age_units: list[str] = []  # "17살", "만 16세": an age said, which may tell the ID group
    age_not_now: list[str] = []  # "18살 때", "20세 이상": an age that is not the applicant's own now
    # "경력서류처럼", "원서랑 같나요": a word set beside the question as the standard it is compared
    # with, not what is asked about — particles that mark it, and words of sameness after "X랑"
    compared_as: list[str] = []
    same_as: list[str] = []
    # the things of the exam a name is set before ("보름달 전형", "퐁당 과목"): a name the notice and
    # the bot never use there makes the question about something the bot does not know
    exam_things: list[str] = []
    not_held: list[str] = []  # "주민등록증은 없고": a document the applicant does not have
    # what may follow a kind's name in the same word or after it ("우울증이라서", "ADHD 있는데"):
    # particles and the words that say one has it (``topics.*.kind_endings``)
    kind_said_with: list[str] = []
    set_aside: list[str] = []  # "지텔프 말고 플렉스", "주민증 말고 여권": a test or document set aside for another
    # adverbs and pronouns set where a question's thing would be ("지금 가능해요?"): no thing asked of
    not_things: list[str] = []
    # the particles that make a relative named the subject of what is told ("엄마가 입원하셔서")
    subject_particles: list[str] = []
    # the exam's everyday names, set anywhere in a story ("작년에 감평 1차 붙었어요"): no word of a situation
    own_exam: list[str] = []


class Lexicon(Strict):
    lexicon: Literal[1]  # format version
    topics: dict[str, TopicEntry]
    words: Words
    phrases: dict[str, list[str]]
    situations: dict[str, Situation]
    asks: dict[AskKind, list[str]]
    generic: list[str]
    context_buttons: list[str] = []  # regexes: bot button labels that need the answer they followed
    time_scope: TimeScope
    english: dict[str, str] = {}  # glosses for a question written in English: phrase → Korean word

    @model_validator(mode="after")
    def _topics_refer_to_topics(self) -> "Lexicon":
        calculators = {n for n, t in self.topics.items() if t.kind == "calculator"}
        for name, topic in self.topics.items():
            if topic.of is not None and topic.of not in calculators:
                raise ValueError(f"topics.{name}.of: {topic.of!r} is not a calculator")
            if topic.rule is not None and self.topics.get(topic.rule, TopicEntry(label="")).kind != "fact":
                raise ValueError(f"topics.{name}.rule: {topic.rule!r} is not a fact")
        return self


class Phrasings(BaseModel):
    """knowledge/phrasings.yaml (keywords and example phrasings per intent) and training.yaml
    (example messages per intent): the NLU checks their intents and topics when it builds its model;
    here only their shape."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    intents: dict[str, dict | list]
    topics: dict[str, dict] = {}
    anchors: list[str] = []
