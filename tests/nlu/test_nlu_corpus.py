"""The question corpus (tests/corpus/*.yaml): intent accuracy, out-of-scope safety, slots, coverage,
and that the classifier's own example phrasings are not the test sentences."""
from collections import Counter

from bot.nlu import compact, normalize, understand
from bot.nlu.classifier import load_phrasings
from bot.nlu.intents import ALL, OUT_OF_SCOPE

from nlu_support import slot_mismatches

MIN_ACCURACY = 0.95
MIN_CASES = 450


def predicted(case):
    u = understand(case.text, year=case.year, today=case.today, expecting=case.expecting)
    return u, (OUT_OF_SCOPE if u.out_of_scope else u.intent)


def test_corpus_is_large_and_covers_every_intent(corpus):
    assert len(corpus) >= MIN_CASES
    covered = Counter(c.intent for c in corpus)
    missing = [i for i in [*ALL, OUT_OF_SCOPE] if covered[i] < 3]
    assert not missing, f"intents with fewer than 3 corpus questions: {missing}"


def test_intent_accuracy(corpus):
    wrong = []
    for case in corpus:
        u, got = predicted(case)
        if got != case.intent:
            wrong.append(f"{case.text!r}: want {case.intent}, got {got} ({u.confidence:.2f})")
    accuracy = 1 - len(wrong) / len(corpus)
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.3f}; misses:\n" + "\n".join(wrong)


def test_no_out_of_scope_question_gets_a_confident_in_scope_answer(corpus):
    leaks = []
    for case in corpus:
        if case.intent != OUT_OF_SCOPE:
            continue
        u, _ = predicted(case)
        if u.intent not in (None, OUT_OF_SCOPE):
            leaks.append(f"{case.text!r} → {u.intent} ({u.confidence:.2f})")
    assert not leaks, "\n".join(leaks)


def test_in_scope_questions_are_not_thrown_out(corpus):
    # the other side of the safety net: an applicant's real question must not be called off-topic
    thrown = [c.text for c in corpus if c.intent not in (OUT_OF_SCOPE, None) and predicted(c)[0].out_of_scope]
    assert len(thrown) <= len(corpus) * 0.01, thrown


def test_expected_slots(corpus):
    problems = []
    for case in corpus:
        if case.slots:
            u, _ = predicted(case)
            problems += [f"{case.text!r}: {p}" for p in slot_mismatches(case.slots, u.slots)]
    assert not problems, "\n".join(problems)


def test_phrasings_are_not_corpus_sentences(corpus):
    data = load_phrasings()
    phrasings = {
        compact(normalize(p)) for spec in data["intents"].values() for p in (spec.get("phrasings") or ())
    }
    overlap = [c.text for c in corpus if compact(normalize(c.text)) in phrasings]
    assert not overlap, f"corpus sentences copied into phrasings.yaml: {overlap}"


def test_corpus_has_no_duplicates(corpus):
    seen = Counter((compact(normalize(c.text)), c.expecting) for c in corpus)
    assert [k for k, n in seen.items() if n > 1] == []
