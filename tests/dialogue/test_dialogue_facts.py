"""FACT intents answer from the knowledge file; among several facts of one intent, the keywords pick."""
from bot.dialogue.facts import FactBook
from knowledge import load_exam

EXAM = load_exam()
BOOK = FactBook(EXAM)


def test_every_fact_intent_of_the_round_has_an_answer():
    from bot.nlu.intents import FACT

    assert all(BOOK.has(intent) for intent in FACT)


def test_the_keywords_pick_among_facts_of_one_intent():
    assert BOOK.pick("subjects", "2차 시험 과목이 뭐예요").id == "subjects_stage2"
    assert BOOK.pick("subjects", "1차 시험 과목 알려줘").id == "subjects_stage1"
    assert BOOK.pick("refund_info", "코로나 걸려서 시험 못 봄 환불").id == "refund_special_cases"


def test_without_any_keyword_the_first_fact_of_the_intent_answers():
    first = next(f for f in EXAM.facts if f.intent == "timetable")
    assert BOOK.pick("timetable", "음").id == first.id


def test_unknown_intent_has_no_fact():
    assert BOOK.pick("no_such_intent", "x") is None
