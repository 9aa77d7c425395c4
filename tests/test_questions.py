"""The question registry (questions.py): its rules, checked for every question it holds."""
import re
from pathlib import Path

import pytest

from spasm_coach import questions, triage
from spasm_coach.content import for_locale
from spasm_coach.handlers.dialogue import actions
from spasm_coach.questions import FOLLOW_UPS, NO, QUESTIONS, UNCLEAR, YES, decide

ROOT = Path(__file__).resolve().parents[1]
SAFETY = [q for q in QUESTIONS.values() if q.safety]
RED_FLAG = [q for q in SAFETY if q.red_flag]
LEVELS = ("none", "doctor", "urgent", "emergency")
RANK = {level: i for i, level in enumerate(triage.LEVELS)}


def test_the_registry_keeps_its_own_rules():
    questions.check_registry()


def test_every_action_is_bound_to_a_handler():
    assert set(actions()) == set(questions.ACTIONS)


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=lambda q: q.id)
def test_every_question_has_words_and_a_reprompt_in_the_content(question):
    content = for_locale("en-US")
    for key in (question.text, question.reprompt) + ((question.help,) if question.help else ()):
        assert content.text(key).strip(), key


@pytest.mark.parametrize("question", RED_FLAG, ids=lambda q: q.id)
@pytest.mark.parametrize("level", LEVELS)
def test_yes_to_a_red_flag_question_raises_at_once_to_at_least_doctor(question, level):
    decision = decide(question, YES, level)
    if question.yes is None:
        assert decision.restate
        return
    assert RANK[decision.level] >= max(RANK["doctor"], RANK[level])


@pytest.mark.parametrize("question", SAFETY, ids=lambda q: q.id)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("answer", (YES, NO) + FOLLOW_UPS)
def test_no_answer_ever_lowers_the_level(question, level, answer):
    assert RANK[decide(question, answer, level).level] >= RANK[level]


@pytest.mark.parametrize("question", SAFETY, ids=lambda q: q.id)
@pytest.mark.parametrize("level", LEVELS)
def test_no_keeps_the_level_it_found(question, level):
    """A no raises nothing by itself except where the question is a follow-up to a yes
    (weakness that is there but not sudden is still urgent)."""
    decision = decide(question, NO, level)
    assert decision.level == level or (question.no.level and decision.level == triage.max_level(level, question.no.level))


@pytest.mark.parametrize("question", SAFETY, ids=lambda q: q.id)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("answer", [UNCLEAR, "", "maybe", "none_of_these"])
def test_an_unclear_answer_clears_nothing_and_asks_again(question, level, answer):
    decision = decide(question, answer, level)
    assert decision.restate and decision.level == level and not decision.ask and not decision.do


@pytest.mark.parametrize("question", [q for q in SAFETY if "both_legs" in q.follow_ups], ids=lambda q: q.id)
def test_both_legs_is_an_emergency_wherever_it_is_an_answer(question):
    assert decide(question, "both_legs", "doctor").level == "emergency"


def test_the_leg_follow_ups_reach_clinical_levels():
    """clinical.md: one leg doctor; one weak leg urgent; sudden or worsening weakness, or
    both legs, emergency."""
    assert decide(QUESTIONS["legs_where"], "one_leg", "doctor") == questions.Decision("doctor", ask="leg_weak")
    assert decide(QUESTIONS["leg_weak"], YES, "doctor").level == "urgent"
    assert decide(QUESTIONS["weak_sudden"], NO, "urgent").level == "urgent"
    assert decide(QUESTIONS["weak_sudden"], YES, "urgent").level == "emergency"
    assert decide(QUESTIONS["leg_weak"], NO, "doctor").level == "doctor"


def test_the_screening_covers_every_emergency_group_in_at_most_two_yes_no_questions():
    screening = [QUESTIONS[q] for q in questions.SEQUENCES["screening"]]
    assert 1 <= len(screening) <= 2
    covered = set().union(*(q.covers for q in screening))
    assert {"legs", "saddle", "bladder", "bowel"} <= covered
    for question in screening:
        assert question.red_flag and question.yes and question.no  # one yes or no answers each
        # "no" means no to all of it: it moves on, it never asks about a part of it.
        assert question.no.do == "continue" and question.no.level is None


def test_the_symptom_check_has_a_question_per_red_flag_group_most_urgent_first():
    check = [QUESTIONS[q] for q in questions.SEQUENCES["check"]]
    covered = set().union(*(q.covers for q in check))
    groups = {"saddle", "bladder", "bowel", "sexual", "legs", "weakness", "foot_drop", "chest_or_belly",
              "trauma", "fever", "cancer_history", "osteoporosis_steroids", "immune", "night_pain",
              "weight_loss", "not_improving"}
    assert groups <= covered, groups - covered
    # Most urgent first: the levels a yes reaches never go up along the check.
    reached = [RANK[decide(q, YES, "none").level] for q in check if q.yes.ask is None]
    assert reached == sorted(reached, reverse=True)


def test_pending_is_read_and_written_only_through_the_registry():
    """No module but questions.py names the session key of the pending question."""
    package = ROOT / "lambda" / "spasm_coach"
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "questions.py":
            continue
        text = path.read_text()
        if re.search(r"""["']pending["']""", text) or re.search(r"\bpending\s*=\s*[\"']", text):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []


def test_an_unknown_question_id_is_refused_and_odd_session_values_are_no_question():
    attributes = {}
    with pytest.raises(KeyError):
        questions.put_pending(attributes, "screening")
    for odd in ("screening", 5, None, ["legs_where"], {"id": "forget"}):
        assert questions.pending_in({"pending": odd}) is None
    questions.put_pending(attributes, "legs_where")
    assert questions.pending_in(attributes).id == "legs_where"
    questions.put_pending(attributes, None)
    assert attributes == {}


def test_sequences_walk_in_order_and_end():
    order = questions.SEQUENCES["check"]
    walked = [questions.next_in_sequence("check", None)]
    while walked[-1] is not None:
        walked.append(questions.next_in_sequence("check", walked[-1]))
    assert tuple(walked[:-1]) == order
    assert questions.next_in_sequence("nothing", "check_fall") is None
    assert questions.sequence_of("legs_where") is None and questions.sequence_of("check_fall") == "check"


# -- the registry's own checks catch a broken entry ---------------------------------------------
def _question(**changes):
    fields = dict(id="q", asked_by="tests", text="welcome.question", reprompt="welcome.reprompt",
                  yes=questions.Then(do="relief"), no=questions.Then(do="goodbye"))
    fields.update(changes)
    return questions.Question(**fields)


@pytest.mark.parametrize("broken,why", [
    (_question(yes=questions.Then(ask="nowhere")), "asks unknown"),
    (_question(no=questions.Then(do="dance")), "does unknown"),
    (_question(yes=questions.Then(ask="q", do="relief")), "both asks and does"),
    (_question(yes=None), "takes yes and no"),
    (_question(no=None), "takes yes and no"),
    (_question(safety=True, follow_ups={"left_knee": questions.Then(level="doctor")}), "unknown follow-up"),
    (_question(red_flag=True), "is a safety question"),
    (_question(safety=True, red_flag=True), "unsure level"),       # a safety question without one
    (_question(unsure="doctor"), "unsure level"),                   # a conversation question with one
    (_question(safety=True, unsure="emergency"), "unsure level"),   # above urgent
    (_question(safety=True, unsure="urgent", unsure_do="dance"), "unsure_do needs"),  # an unknown action
    (_question(unsure_do="relief"), "unsure_do needs"),             # no unsure level to raise
])
def test_a_broken_entry_fails_the_registry_check(broken, why):
    with pytest.raises(ValueError, match=why):
        questions.check_registry({"q": broken}, {})
    questions.check_registry({"q": _question()}, {})  # the same entry, unbroken, passes


@pytest.mark.parametrize("sequence", [("q",), ("missing",)])
def test_a_sequence_holds_only_registered_safety_questions(sequence):
    with pytest.raises(ValueError, match="not a safety question"):
        questions.check_registry({"q": _question()}, {"s": sequence})
    questions.check_registry({"q": _question(safety=True, red_flag=True, unsure="urgent")}, {"s": ("q",)})


def test_a_red_flag_yes_without_a_level_still_raises_to_doctor():
    """Rule 1 holds for a new entry that forgets to name a level."""
    forgetful = _question(safety=True, red_flag=True, yes=questions.Then(ask="legs_where"))
    assert decide(forgetful, YES).level == "doctor"
    assert decide(forgetful, YES, "urgent").level == "urgent"
    assert decide(_question(safety=True, yes=questions.Then(do="settled")), YES).level == "none"


@pytest.mark.parametrize("question", sorted(q for q in QUESTIONS if QUESTIONS[q].safety))
def test_a_second_unsure_raises_to_doctor_or_urgent_and_never_lowers(question):
    """Rule 5: what cannot be ruled out is checked by a doctor, today at the most urgent."""
    decision = decide(QUESTIONS[question], questions.UNSURE)
    assert decision.level in ("doctor", "urgent") and not decision.restate and decision.ask is None
    assert decide(QUESTIONS[question], questions.UNSURE, "emergency").level == "emergency"


def test_a_second_unsure_in_a_sequence_goes_on_and_elsewhere_gives_the_advice():
    assert decide(QUESTIONS["screening_legs"], questions.UNSURE) == questions.Decision("doctor", do="continue")
    assert decide(QUESTIONS["check_saddle"], questions.UNSURE) == questions.Decision("urgent", do="continue")
    assert decide(QUESTIONS["clarify_saddle"], questions.UNSURE) == questions.Decision("urgent")
    assert decide(_question(), questions.UNSURE).restate  # a conversation question: asked again


def test_decide_starts_from_no_level():
    assert decide(QUESTIONS["screening_legs"], NO) == questions.Decision("none", do="continue")


def test_next_in_sequence_outside_the_sequence_is_none():
    assert questions.next_in_sequence("check", "legs_where") is None
    assert questions.next_in_sequence(None, None) is None


def test_clearing_an_absent_question_is_harmless_and_an_unknown_id_is_named():
    attributes = {"other": 1}
    questions.put_pending(attributes, None)
    assert attributes == {"other": 1}
    with pytest.raises(KeyError, match="screening"):
        questions.put_pending(attributes, "screening")


def test_clarify_elsewhere_names_the_clarifying_question_of_another_topic_only():
    saddle, legs = questions.QUESTIONS["screening_saddle"], questions.QUESTIONS["screening_legs"]
    assert questions.clarify_elsewhere(saddle, "legs") == "clarify_legs"
    assert questions.clarify_elsewhere(legs, "saddle") == "clarify_saddle"
    assert questions.clarify_elsewhere(legs, "legs") is None  # its own topic: asked again
    assert questions.clarify_elsewhere(saddle, "bladder") is None
    assert questions.clarify_elsewhere(saddle, None) is None



# -- rules 3 and 5 count while one question waits ---------------------------------------------------
def test_a_second_unsure_to_the_same_question_is_counted_once():
    attributes = {}
    assert questions.second_unsure(attributes, "screening_legs") is False
    assert attributes[questions.UNSURE_KEY] == "screening_legs"
    assert questions.second_unsure(attributes, "screening_legs") is True
    assert questions.UNSURE_KEY not in attributes  # counted, and the count starts again
    assert questions.second_unsure(attributes, "screening_legs") is False
    assert questions.second_unsure(attributes, "screening_saddle") is False  # another question: a first


def test_an_unheard_answer_is_noted_and_every_later_one_to_the_same_question_counts():
    attributes = {}
    assert questions.unheard_before(attributes, "screening_legs") is False
    assert attributes[questions.UNHEARD_KEY] == "screening_legs"
    assert questions.unheard_before(attributes, "screening_legs") is True
    assert questions.unheard_before(attributes, "screening_legs") is True
    assert questions.unheard_before(attributes, "screening_saddle") is False


@pytest.mark.parametrize("key", [questions.UNSURE_KEY, questions.UNHEARD_KEY])
def test_the_counts_are_kept_for_the_same_question_and_cleared_for_another(key):
    attributes = {key: "screening_legs"}
    questions.put_pending(attributes, "screening_legs")  # asked again: the count stands
    assert attributes[key] == "screening_legs"
    questions.put_pending(attributes, "screening_saddle")
    assert key not in attributes
    attributes[key] = "screening_saddle"
    questions.put_pending(attributes, None)
    assert key not in attributes


def test_asks_about_reads_a_flag_by_its_group():
    legs, chest = questions.QUESTIONS["screening_legs"], questions.QUESTIONS["check_chest"]
    assert questions.asks_about(legs, "both_legs") and questions.asks_about(legs, "one_leg")
    assert not questions.asks_about(legs, "bladder") and not questions.asks_about(legs, "chest_or_belly")
    assert questions.asks_about(chest, "chest_or_belly")
