"""Safety answers that stick: every question the skill asks, answered every way, through
the simulator (Alexa's hearing, the real skill). Assertions are on levels, pending
question ids and routine positions, never on English."""
import pytest

from spasm_coach import questions, triage
from spasm_coach.content import for_locale
from spasm_coach_tools.simulator.conversation import Conversation, default_handler

SCREENING = questions.SEQUENCES["screening"]
CHECK = questions.SEQUENCES["check"]
INTO_ROUTINE = ("open back spasm coach", "start stretches") + ("no",) * len(SCREENING)
RANK = {level: i for i, level in enumerate(triage.LEVELS)}

# How a person reaches each safety question, said as they would say it.
PATHS = {
    "screening_legs": ("open back spasm coach", "start stretches"),
    "screening_saddle": ("open back spasm coach", "start stretches", "no"),
    "legs_where": ("open back spasm coach", "start stretches", "yes"),
    "leg_weak": ("open back spasm coach", "start stretches", "yes", "one leg"),
    "weak_sudden": ("open back spasm coach", "start stretches", "yes", "one leg", "yes"),
    "pain_leg": INTO_ROUTINE + ("that hurts",),
    "pain_settles": INTO_ROUTINE + ("that hurts", "no"),
}
for _index, _question in enumerate(CHECK):
    PATHS[_question] = ("open back spasm coach", "check my symptoms") + ("no",) * _index
# Clarifying questions follow a near miss, whose wording is the triage's business: the
# tests open the skill and put the question in place as the skill itself would.
INJECTED = sorted(q.id for q in questions.QUESTIONS.values() if q.safety and q.id not in PATHS)


def conversation():
    return Conversation(default_handler(), user_id="dialogue-test")


def attributes(talk):
    return talk.session.info.attributes if talk.session else {}


def pending(talk):
    return attributes(talk).get("pending")


def level(talk, report):
    return report.get("safety") or attributes(talk).get("safety") or "none"


def reach(question_id):
    talk = conversation()
    if question_id in PATHS:
        for line in PATHS[question_id]:
            talk.line(line)
    else:
        for line in INTO_ROUTINE:
            talk.line(line)
        talk.session.info.attributes["pending"] = question_id
    assert pending(talk) == question_id, (question_id, attributes(talk))
    return talk


def say(talk, line):
    return talk.line(line)[-1]


SAFETY_QUESTIONS = sorted(q.id for q in questions.QUESTIONS.values() if q.safety)
# Answers that do not answer a question: each leaves it pending and clears nothing.
UNCLEAR = ("help", "repeat", "purple elephants dancing", "next", "start stretches", "resume",
           "i don't know", "start over", "skip", "hopefully not", "generally no", "rather not", "kind of")


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
@pytest.mark.parametrize("words", UNCLEAR)
def test_an_unclear_answer_asks_again_and_clears_nothing(question, words):
    talk = reach(question)
    before_level, before_routine = attributes(talk).get("safety"), attributes(talk).get("routine")
    report = say(talk, words)
    assert report["end_session"] is False
    assert pending(talk) == question, (words, report["intent"], report["speech"])
    assert attributes(talk).get("safety") == before_level
    assert attributes(talk).get("routine") == before_routine  # nothing guided, nothing moved


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
def test_silence_replays_the_question_then_ends_with_the_level_kept(question):
    talk = reach(question)
    before = attributes(talk).get("safety")
    first = say(talk, "/silence")
    assert first["request_type"] == "Reprompt" and pending(talk) == question
    last = say(talk, "/silence")
    assert talk.session is None and (last.get("safety") or before) == before


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
def test_stop_still_stops(question):
    talk = reach(question)
    assert say(talk, "stop")["end_session"] is True


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
def test_yes_to_a_red_flag_question_raises_and_locks_exercise(question):
    talk = reach(question)
    before = attributes(talk).get("safety") or "none"
    report = say(talk, "yes")
    now = level(talk, report)
    if not questions.QUESTIONS[question].red_flag:
        assert RANK[now] >= RANK[before]
        return
    assert RANK[now] >= max(RANK["doctor"], RANK[before]), report["speech"]
    if talk.session is not None:
        for words in ("next", "resume", "start over", "start stretches", "how do i do the pelvic tilt"):
            at = attributes(talk).get("routine")
            report = say(talk, words)
            assert "Hold" not in report["speech"]
            assert attributes(talk).get("routine") in (at, None) or attributes(talk)["routine"]["status"] != "active"
            assert RANK[level(talk, report)] >= RANK[now]


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
def test_no_never_lowers_a_level_raised_earlier(question):
    talk = reach(question)
    attributes(talk)["safety"] = "urgent"
    report = say(talk, "no")
    assert RANK[level(talk, report)] >= RANK["urgent"]


@pytest.mark.parametrize("question", [q for q in SAFETY_QUESTIONS if "both_legs" in questions.QUESTIONS[q].follow_ups])
def test_both_legs_as_a_follow_up_is_an_emergency(question):
    talk = reach(question)
    report = say(talk, "both legs")
    assert report["safety"] == "emergency" and report["end_session"] is True


@pytest.mark.parametrize("question", [q for q in SAFETY_QUESTIONS if "one_leg" in questions.QUESTIONS[q].follow_ups])
def test_one_leg_as_a_follow_up_is_at_least_doctor_and_asks_about_weakness(question):
    talk = reach(question)
    say(talk, "just one leg")
    assert level(talk, {}) in ("doctor", "urgent", "emergency") and pending(talk) == "leg_weak"


# -- the cases that started this ---------------------------------------------------------------
def test_a_confirmed_leg_symptom_after_that_hurts_holds_on_next():
    talk = reach("pain_leg")
    step = attributes(talk)["routine"]["step"]
    say(talk, "yes")
    say(talk, "next")
    assert attributes(talk)["safety"] == "doctor"
    assert attributes(talk)["routine"]["step"] == step and attributes(talk)["routine"]["status"] != "active"


def test_an_unclear_follow_up_never_clears_a_yes():
    talk = reach("clarify_legs")
    say(talk, "yes")
    assert pending(talk) == "legs_where" and attributes(talk)["safety"] == "doctor"
    say(talk, "no")
    assert attributes(talk)["safety"] == "doctor" and pending(talk) is None


def test_start_stretches_during_a_follow_up_does_not_start_the_screening_again():
    talk = reach("legs_where")
    say(talk, "start stretches")
    assert pending(talk) == "legs_where" and attributes(talk)["safety"] == "doctor"


def test_a_symptom_no_single_question_covers_gets_the_whole_check_not_an_all_clear(monkeypatch):
    talk = conversation()
    for line in INTO_ROUTINE:
        talk.line(line)
    unplaced = triage.Assessment(level="clarify", flags=(), clarify="general")
    monkeypatch.setattr(triage, "assess", lambda *args, **kwargs: unplaced)
    say(talk, "my chest feels a bit funny")
    monkeypatch.undo()
    assert pending(talk) == CHECK[0]
    say(talk, "no")
    assert pending(talk) == CHECK[1]  # one no clears one group, the check goes on
    for _ in CHECK[1:CHECK.index("check_chest")]:
        say(talk, "no")
    assert pending(talk) == "check_chest"
    assert say(talk, "yes")["safety"] == "emergency"


def test_that_hurts_then_no_leaves_the_stretch_out():
    talk = reach("pain_leg")
    hurt = attributes(talk)["routine"]
    stretch = hurt["id"], hurt["step"]
    say(talk, "no")
    assert pending(talk) == "pain_settles"
    say(talk, "yes")
    assert pending(talk) == "pain_next"
    say(talk, "yes")
    moved = attributes(talk)["routine"]
    assert moved["status"] == "active" and moved["step"] > stretch[1]
    assert attributes(talk)["safety"] is None
    # And the same stretch's other side is not next either.
    from spasm_coach.routine import routine_steps
    steps = routine_steps(for_locale("en-US"), moved["id"])
    assert steps[moved["step"]].stretch != steps[stretch[1]].stretch


def test_pain_that_does_not_settle_is_a_doctor_matter():
    talk = reach("pain_settles")
    say(talk, "no")
    assert attributes(talk)["safety"] == "doctor"


def test_a_second_that_hurts_suggests_stopping_for_today():
    talk = reach("pain_leg")
    for line in ("no", "yes", "yes", "that hurts", "no", "yes"):
        say(talk, line)
    assert pending(talk) == "pain_stop"
    report = say(talk, "yes")
    assert report["end_session"] is True


def test_a_no_to_the_screening_asks_the_second_question_then_starts():
    talk = reach("screening_legs")
    say(talk, "no")
    assert pending(talk) == "screening_saddle" and "routine" not in attributes(talk)
    say(talk, "no")
    assert attributes(talk)["routine"]["status"] == "active" and attributes(talk)["screened"] is True


def test_yes_to_the_second_screening_question_is_an_emergency():
    talk = reach("screening_saddle")
    assert say(talk, "yes")["safety"] == "emergency"


def test_the_screening_is_not_asked_again_on_resume_in_the_same_session():
    talk = conversation()
    for line in INTO_ROUTINE + ("next", "help"):
        talk.line(line)
    say(talk, "resume")
    # Back at the first stretch's own question (its caution), not the screening.
    assert pending(talk) == "caution_osteoporosis" and attributes(talk)["routine"]["status"] == "active"


def test_a_legs_yes_in_the_screening_still_asks_the_second_screening_question():
    talk = reach("legs_where")
    say(talk, "one leg")
    say(talk, "no")  # not weak
    assert attributes(talk)["safety"] == "doctor" and pending(talk) == "screening_saddle"
    assert say(talk, "yes")["safety"] == "emergency"


def test_fallback_outside_the_routine_offers_the_symptom_check_in_full_then_shorter():
    talk = conversation()
    talk.line("open back spasm coach")
    first = say(talk, "purple elephants dancing")
    second = say(talk, "orange giraffes singing")
    assert "check my symptoms" in first["speech"] and "check my symptoms" in second["speech"]
    assert len(second["speech"]) < len(first["speech"])
    say(talk, "check my symptoms")
    assert pending(talk) == CHECK[0]


def test_the_symptom_check_with_every_no_says_nothing_needs_a_doctor_and_counts_as_screening():
    talk = conversation()
    talk.line("open back spasm coach")
    say(talk, "check my symptoms")
    for _ in CHECK:
        report = say(talk, "no")
    assert report["safety"] is None and report["end_session"] is False and pending(talk) is None
    assert attributes(talk)["screened"] is True
    say(talk, "start stretches")
    assert attributes(talk)["routine"]["status"] == "active"


@pytest.mark.parametrize("question,expected", [("check_fever", "urgent"), ("check_history", "urgent"),
                                                ("check_doctor", "doctor"), ("check_fall", "emergency")])
def test_a_yes_in_the_check_ends_in_the_advice_at_its_level(question, expected):
    talk = reach(question)
    report = say(talk, "yes")
    for _ in CHECK:
        if pending(talk) not in CHECK:
            break
        report = say(talk, "no")
    assert report["safety"] == expected and pending(talk) is None
    assert report["end_session"] is (expected == "emergency")


def test_one_weak_leg_that_is_not_sudden_is_urgent():
    talk = reach("leg_weak")
    say(talk, "yes")
    assert attributes(talk)["safety"] == "urgent" and pending(talk) == "weak_sudden"
    say(talk, "no")
    assert attributes(talk)["safety"] == "urgent"
    report = say(talk, "yes")  # a yes after the question is answered asks nothing more
    assert RANK[level(talk, report)] >= RANK["urgent"]


def test_sudden_weakness_is_an_emergency():
    talk = reach("weak_sudden")
    assert say(talk, "yes")["safety"] == "emergency"


def test_after_a_flag_nothing_guides_exercise_for_the_rest_of_the_session():
    talk = reach("clarify_pain")
    say(talk, "yes")
    say(talk, "just one leg")
    say(talk, "no")
    assert attributes(talk)["safety"] == "doctor" and pending(talk) is None
    for words in ("next", "resume", "start over", "start stretches", "start the pelvic tilt", "yes", "skip"):
        at = attributes(talk).get("routine")
        report = say(talk, words)
        assert attributes(talk).get("routine") == at, words
        assert report["safety"] == "doctor" and "Hold" not in report["speech"]


def test_a_described_leg_symptom_answers_the_question_and_its_follow_up_at_once():
    talk = reach("screening_legs")
    say(talk, "i've got pain going down my leg")
    assert attributes(talk)["safety"] == "doctor" and pending(talk) == "leg_weak"


# -- the conversation questions: yes and no do what the registry says; help, repeat and
# fallback keep the question open --------------------------------------------------------------
CONVERSATION = sorted(q.id for q in questions.QUESTIONS.values() if not q.safety)
CONVERSATION_PATHS = {
    "launch": ("open back spasm coach",),
    "offer_stretches": ("open back spasm coach", "my back is spasming"),
    "forget": ("open back spasm coach", "forget my data"),
}


def reach_conversation(question_id):
    talk = conversation()
    for line in CONVERSATION_PATHS.get(question_id, ("open back spasm coach",)):
        talk.line(line)
    if question_id not in CONVERSATION_PATHS:
        talk.session.info.attributes["pending"] = question_id  # as the asking handler leaves it
    assert pending(talk) == question_id
    return talk


@pytest.mark.parametrize("question", CONVERSATION)
@pytest.mark.parametrize("words", ["help", "repeat", "purple elephants dancing"])
def test_help_repeat_and_fallback_keep_a_conversation_question_open(question, words):
    talk = reach_conversation(question)
    report = say(talk, words)
    assert report["end_session"] is False and pending(talk) == question, (words, report["speech"])


@pytest.mark.parametrize("question", CONVERSATION)
@pytest.mark.parametrize("answer", ["yes", "no"])
def test_yes_and_no_to_a_conversation_question_do_what_the_registry_says(question, answer):
    talk = reach_conversation(question)
    then = getattr(questions.QUESTIONS[question], answer)
    report = say(talk, answer)
    assert report["error"] is None and report["speech"]
    if then.ask:
        assert pending(talk) == then.ask
    elif then.do == "start_routine":
        assert pending(talk) == SCREENING[0]  # the screening comes before any exercise
    elif then.do in ("goodbye", "forget"):
        assert report["end_session"] is True
    else:
        assert pending(talk) != question or report["end_session"]  # answered, not asked again


@pytest.mark.parametrize("words", ["i don't have any of that", "i haven't got anything like that in my legs"])
def test_a_denial_in_other_words_answers_the_screening_no(words):
    """"I don't have ..." (its own carrier, read as said) answers a safety question as "no" does."""
    talk = reach("screening_legs")
    report = say(talk, words)
    assert report["intent"] == "DescribeDontHaveIntent"
    assert pending(talk) == "screening_saddle" and level(talk, report) == "none"


# A denial that goes on to tell of something the body does, which the triage does not route
# (a feeling said vaguely, the urge gone with no bladder word), must not clear the question.
# ("the urge to go" no longer felt is now the bladder emergency itself: tests/test_triage_kinds.py.)
TELLING_DENIALS = ("no but it feels sort of weird down there", "i don't have the urge anymore",
                   "no but my groin hurts", "no but my leg feels a bit dodgy")


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
@pytest.mark.parametrize("words", TELLING_DENIALS)
def test_a_denial_that_tells_of_a_symptom_is_no_plain_no(question, words):
    talk = reach(question)
    report = say(talk, words)
    assert report["intent"] in ("DescribeDenialIntent", "DescribeDontHaveIntent")
    assert triage.assess(words).level not in ("doctor", "urgent", "emergency")  # else this tests nothing
    # Asked again, or what it told asked about first (its clarifying question), or a level raised.
    told = questions.CLARIFY_QUESTIONS.get(triage.assess(words).clarify or "")
    assert pending(talk) in (question, told) or level(talk, report) != "none", (words, report["speech"])


@pytest.mark.parametrize("words", ["no nothing like that", "i don't have any of that"])
def test_a_denial_when_the_triage_fails_is_asked_again(monkeypatch, words):
    """A failed triage never lets a denial clear a safety question: what it said is unknown."""
    talk = reach("screening_legs")

    def broken(*args, **kwargs):
        raise RuntimeError("broken vocabulary")
    monkeypatch.setattr(triage, "assess", broken)
    report = say(talk, words)
    monkeypatch.undo()
    assert report["error"] is None and report["speech"]
    assert pending(talk) == "screening_legs" and level(talk, report) == "none"


@pytest.mark.parametrize("words", ["nothing like that", "none of that", "none of those"])
def test_none_of_it_said_whole_answers_the_screening_no(words):
    talk = reach("screening_legs")
    report = say(talk, words)
    assert pending(talk) == "screening_saddle" and level(talk, report) == "none", report["intent"]


@pytest.mark.parametrize("words", ["no my back just feels heavy", "no it's just my back playing up",
                                   "no the spasm has gone", "no i peed fine this morning"])
def test_a_denial_that_tells_only_of_the_back_answers_no(words):
    talk = reach("screening_legs")
    report = say(talk, words)
    assert report["intent"] in ("DescribeDenialIntent", "DescribeDontHaveIntent")
    assert pending(talk) == "screening_saddle" and level(talk, report) == "none"


@pytest.mark.parametrize("words", ["nothing like that", "none of those", "neither of them"])
def test_none_of_it_with_no_safety_question_is_no_symptom(words):
    """Out of turn, a safety answer of none tells of no symptom: it is a no to the welcome's
    question, never the start of a symptom check."""
    talk = conversation()
    talk.line("open back spasm coach")
    asked = pending(talk)
    report = say(talk, words)
    assert report["error"] is None and report["speech"]
    assert pending(talk) not in questions.SEQUENCES["check"], (asked, pending(talk))
    assert level(talk, report) == "none"


@pytest.mark.parametrize("words", ["no nothing in my legs", "no just tight hamstrings", "no my knees are ok",
                                   "no my legs are tired from walking"])
def test_a_denial_that_names_a_part_of_the_body_as_fine_answers_no(words):
    talk = reach("screening_legs")
    report = say(talk, words)
    assert pending(talk) == "screening_saddle" and level(talk, report) == "none", (report["intent"], report["speech"])


# -- a "none" answer that goes on to tell of something, in every state ----------------------------
STATES = ("launch", "mid_routine") + tuple(SAFETY_QUESTIONS)


def reach_state(state):
    if state == "launch":
        talk = conversation()
        talk.line("open back spasm coach")
        return talk
    if state == "mid_routine":
        talk = conversation()
        for line in INTO_ROUTINE + ("next",):
            talk.line(line)
        assert attributes(talk)["routine"]["status"] == "active"
        return talk
    return reach(state)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("words,least", [("none of those but both my legs are numb", "emergency"),
                                         ("neither of them, except i can't feel the paper when i wipe", "emergency"),
                                         ("none at all apart from a temperature", "urgent")])
def test_none_and_then_a_red_flag_is_triaged_in_every_state(state, words, least):
    talk = reach_state(state)
    report = say(talk, words)
    assert report["intent"] != "AMAZON.FallbackIntent" and report["error"] is None
    assert RANK[level(talk, report)] >= RANK[least], (state, report["intent"], report["speech"])
    assert report["end_session"] is (least == "emergency")


# -- a red flag of another family, told in answer ---------------------------------------------------
# Flags of every family but the legs', each said as a "no, but ...".
OTHER_FLAGS = ("no but there's blood in my wee", "no but i've got a fever", "no but i've had cancer before",
               "no but i've lost a lot of weight without trying", "no but i'm a bit short of breath")
LEG_FOLLOW_UPS = ("legs_where", "leg_weak", "weak_sudden")
ADVICE = for_locale("en-US")  # what the skill says at each level, from its content


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
@pytest.mark.parametrize("words", OTHER_FLAGS)
def test_a_flag_of_another_family_is_advised_at_its_own_level_at_once(question, words):
    """Never a yes to a question about something else (no "one leg or both?", no emergency for
    "I've had cancer" said to the saddle question): raised at its own level and advised on."""
    found = triage.assess(words)
    assert found.level in ("doctor", "urgent") and not set(found.flags) & {"one_leg", "both_legs", "leg_weakness"}
    talk = reach(question)
    if any(questions.asks_about(questions.QUESTIONS[question], flag) for flag in found.flags):
        # Of what the question asks about ("a fever" to the fever question): a yes to it.
        report = say(talk, words)
        assert RANK[level(talk, report)] >= RANK[found.level]
        return
    expected = triage.max_level(attributes(talk).get("safety") or "none", found.level)
    report = say(talk, words)
    assert level(talk, report) == expected and report["end_session"] is False, (question, report["speech"])
    assert pending(talk) is None, (question, pending(talk))
    assert ADVICE.text("safety." + expected) in report["speech"], (question, report["speech"])
    assert (attributes(talk).get("routine") or {}).get("status") != "active"


@pytest.mark.parametrize("leaving", ["stop", "cancel"])
def test_leaving_while_a_flag_is_still_being_followed_up_gives_its_advice(leaving):
    """A leg symptom's advice comes once its follow-up questions are answered; leaving before
    then, the advice is said with the goodbye: never lost."""
    talk = reach("leg_weak")  # "yes" to the legs question, "one leg": doctor, "is it weak?" waiting
    expected = attributes(talk).get("safety")
    assert expected == "doctor"
    report = say(talk, leaving)
    assert report["end_session"] is True
    assert ADVICE.text("safety." + expected) in report["speech"], report["speech"]


# -- what is told that another safety question asks about -------------------------------------------
@pytest.mark.parametrize("question, words, asked", [
    ("screening_saddle", "no, but my legs feel weird", "clarify_legs"),
    ("screening_legs", "no but it feels odd down there", "clarify_saddle"),
])
def test_what_another_question_asks_about_is_asked_first_and_starts_nothing(question, words, asked):
    """A near miss told in answer to a question about something else is asked about at once
    (never lost to a "no" that starts the stretches); its "no" leaves the routine where it was,
    and the screening is asked afresh before any exercise."""
    talk = reach(question)
    before = (attributes(talk).get("routine") or {}).get("status")
    say(talk, words)
    assert pending(talk) == asked, (question, words, pending(talk))
    say(talk, "no")
    assert (attributes(talk).get("routine") or {}).get("status") == before
    assert pending(talk) != "caution_osteoporosis"
    say(talk, "start stretches")
    assert pending(talk) == SCREENING[0]


@pytest.mark.parametrize("words", ["no, my legs are fine", "no, no numbness", "no, my back is just stiff"])
def test_a_plain_denial_still_answers_no(words):
    talk = reach("screening_saddle")
    say(talk, words)
    assert (attributes(talk).get("routine") or {}).get("status") == "active", (words, pending(talk))


@pytest.mark.parametrize("path", [
    # Elsewhere than the screening with nothing raised, the question is asked again: no question
    # of the symptom check, no leg follow-up, no "is it settling?" and no advice is lost.
    ("open back spasm coach", "check my symptoms"),
    ("open back spasm coach", "start stretches", "yes"),
    ("open back spasm coach", "start stretches", "yes", "one leg", "yes"),
    INTO_ROUTINE + ("that hurts",),
])
def test_told_elsewhere_outside_the_screening_asks_the_same_question_again(path):
    talk = conversation()
    for line in path:
        talk.line(line)
    question = pending(talk)
    say(talk, "no, but it feels odd down there" if question != "check_saddle" else "no, but my legs feel funny")
    assert pending(talk) == question, (path, pending(talk))


# A plain belly ache (clinical.md names only a throbbing or pulsing belly, sudden tearing pain
# through to the back and chest pain) is asked about in every locale: "yes" is the emergency,
# "no" is none. (Said with back pain, or any sign of those, it is the emergency: test_triage_kinds.)
BELLY_ACHES = {"en-US": "my stomach hurts", "en-GB": "my tummy is sore",
               "en-AU": "i have a stomach ache", "en-CA": "my belly hurts", "en-IN": "stomach is paining since morning"}


@pytest.mark.parametrize("locale", sorted(BELLY_ACHES))
@pytest.mark.parametrize("answer, expected", [("yes", "emergency"), ("no", "none")])
def test_a_plain_belly_ache_gets_the_belly_question(locale, answer, expected):
    talk = Conversation(default_handler(), locale=locale, user_id="dialogue-test")
    report = say(talk, "ask back spasm coach " + BELLY_ACHES[locale])
    assert pending(talk) == "clarify_belly" and level(talk, report) == "none", (locale, report["intent"])
    report = say(talk, answer)
    assert level(talk, report) == expected, (locale, answer, report["speech"])
    assert report["end_session"] is (expected == "emergency")


# The belly question's answer is read in its context: words that name what it asks ("it's
# pulsing", "yes it throbs") are a yes, and in "no X, just Y" the Y is read by itself (chest
# pain is the emergency). clinical.md: Red flags, emergency row.
@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-IN"])
@pytest.mark.parametrize("answer", [
    "yes it throbs", "its pulsing", "kind of throbbing", "theres a tearing pain", "it is throbbing a bit",
    "no throbbing but some pain in my chest", "no throbbing some pain in my chest",
    "no pulsing just pain in my chest", "not pulsing just a pain in my chest",
])
def test_an_answer_to_the_belly_question_that_names_what_it_asks_is_the_emergency(locale, answer):
    talk = Conversation(default_handler(), locale=locale, user_id="dialogue-test")
    say(talk, "ask back spasm coach " + BELLY_ACHES[locale])
    assert pending(talk) == "clarify_belly"
    report = say(talk, answer)
    assert level(talk, report) == "emergency", (locale, answer, report["intent"], report["speech"])
    assert report["end_session"] is True


@pytest.mark.parametrize("answer", ["no just an ache", "no its not throbbing", "no nothing like that",
                                    "no pulsing, just a dull ache"])
def test_a_plain_no_to_the_belly_question_is_none(answer):
    talk = Conversation(default_handler(), locale="en-GB", user_id="dialogue-test")
    say(talk, "ask back spasm coach my tummy is sore")
    report = say(talk, answer)
    assert level(talk, report) == "none" and pending(talk) != "clarify_belly", (answer, report["speech"])


# "I don't know", "not sure" and "stop" do at the belly question what they do at the skill's
# other clarifying questions (the saddle one): no new policy for this one.
@pytest.mark.parametrize("answer", ["i dont know", "not sure", "stop"])
def test_unsure_or_stop_at_the_belly_question_is_as_at_the_other_questions(answer):
    results = []
    for opening, question in (("my tummy is sore", "clarify_belly"), ("it feels odd down there", "clarify_saddle")):
        talk = Conversation(default_handler(), locale="en-GB", user_id="dialogue-test")
        say(talk, "ask back spasm coach " + opening)
        assert pending(talk) == question, (opening, pending(talk))
        report = say(talk, answer)
        results.append((level(talk, report), report["end_session"], pending(talk) == question))
    assert results[0] == results[1], (answer, results)


# -- "I don't know" twice (questions.py, rule 5) ------------------------------------------
# A first "I don't know" asks again (test_an_unclear_answer_asks_again_and_clears_nothing); a
# second to the same question is a symptom that cannot be ruled out: never asked forever,
# never taken as no.
def _answer_the_rest_no(talk):
    """Say no to every safety question still waiting (a sequence's next ones); at most eight."""
    for _ in range(8):
        if pending(talk) not in SAFETY_QUESTIONS:
            return
        say(talk, "no")
    raise AssertionError("still asked %s" % pending(talk))


# A question with its own unsure action (someone with the person: the emergency advice for them,
# which ends the session) has its own tests (tests/test_safety_someone_else.py).
UNSURE_ADVISED = [q for q in SAFETY_QUESTIONS if not questions.QUESTIONS[q].unsure_do]


@pytest.mark.parametrize("question", UNSURE_ADVISED)
def test_a_second_i_dont_know_raises_the_questions_unsure_level(question):
    talk = reach(question)
    before = attributes(talk).get("safety")
    say(talk, "i don't know")
    assert pending(talk) == question and attributes(talk).get("safety") == before
    report = say(talk, "i'm not sure")
    assert pending(talk) != question and report["end_session"] is False
    _answer_the_rest_no(talk)
    expected = questions.QUESTIONS[question].unsure
    assert RANK[attributes(talk).get("safety") or "none"] >= RANK[expected], (question, attributes(talk))
    for words in ("start stretches", "next", "resume"):  # the exercise gate holds
        say(talk, words)
        routine = attributes(talk).get("routine")
        assert routine is None or routine.get("status") != "active", (question, words, routine)


# Every way of saying one cannot tell, heard as "I don't know" in every locale, never as no.
UNSURE_WORDS = ("i don't know", "not sure", "no idea", "no clue", "no i don't know", "i really don't know",
                "not really sure", "can't tell", "i couldn't say", "haven't a clue", "perhaps", "dunno",
                "idk", "beats me", "maybe")


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-AU", "en-CA", "en-IN"])
@pytest.mark.parametrize("words", UNSURE_WORDS)
def test_unsure_however_said_is_no_no_and_twice_raises(locale, words):
    talk = Conversation(default_handler(), locale=locale, user_id="dialogue-test")
    for line in ("open back spasm coach", "start stretches", "no"):
        say(talk, line)
    assert pending(talk) == "screening_saddle"
    say(talk, words)
    assert pending(talk) == "screening_saddle" and attributes(talk).get("routine") is None, words
    say(talk, words)
    assert attributes(talk).get("safety") == "urgent" and attributes(talk).get("routine") is None, words


@pytest.mark.parametrize("between", ["purple elephants dancing", "help", "repeat"])
def test_a_second_i_dont_know_to_the_same_question_counts_whatever_came_between(between):
    talk = reach("clarify_saddle")
    for words in ("i don't know", between, "i don't know"):
        say(talk, words)
    assert attributes(talk).get("safety") == "urgent" and pending(talk) is None


def test_unsure_at_the_first_screening_question_still_asks_the_second():
    talk = reach("screening_legs")
    say(talk, "not sure")
    say(talk, "no idea")
    assert pending(talk) == "screening_saddle" and attributes(talk).get("safety") == "doctor"
    report = say(talk, "yes")  # what the second question finds is still found
    assert level(talk, report) == "emergency" and report["end_session"] is True


def test_unsure_through_the_screening_gives_the_advice_and_no_exercise():
    talk = reach("screening_legs")
    for words in ("not sure", "not sure", "no"):
        report = say(talk, words)
    assert level(talk, report) == "doctor" and pending(talk) is None
    assert attributes(talk).get("routine") is None


@pytest.mark.parametrize("words", ["no", "hold on"])
def test_a_first_unsure_is_forgotten_once_the_question_is_no_longer_waiting(words):
    talk = reach("screening_legs")
    say(talk, "i don't know")
    say(talk, words)  # answered, or the screening left
    if pending(talk) != "screening_saddle":
        say(talk, "start stretches")
        assert pending(talk) == "screening_legs"
    asked = pending(talk)
    say(talk, "i don't know")  # a first "I don't know" to the question now waiting
    assert pending(talk) == asked and attributes(talk).get("safety") is None


def test_unsure_about_the_chest_gives_the_chest_safety_net(monkeypatch):
    said = []
    for question in ("clarify_belly", "check_chest", "clarify_saddle"):
        talk = reach(question)
        say(talk, "no idea")
        report = say(talk, "no idea")
        said.append(for_locale("en-US").text("safety.unsure.chest") in report["speech"])
    assert said == [True, True, False]


@pytest.mark.parametrize("question", ["clarify_belly", "clarify_saddle", "clarify_bladder", "clarify_legs"])
def test_no_to_a_clarifying_question_in_the_routine_says_how_to_carry_on(question):
    talk = reach(question)  # put in place in the running routine
    report = say(talk, "no")
    assert level(talk, report) == "none" and pending(talk) is None
    assert report["reprompt"] == for_locale("en-US").text("routine_lines.next_reprompt"), report["reprompt"]
    assert attributes(talk)["routine"]["status"] == "active"  # nothing paused it


def test_no_to_a_clarifying_question_after_a_flag_does_not_invite_exercise():
    talk = reach("pain_leg")
    for words in ("yes", "one leg", "no"):  # a leg symptom: the doctor's advice
        say(talk, words)
    assert attributes(talk).get("safety") == "doctor"
    talk.session.info.attributes["pending"] = "clarify_belly"
    report = say(talk, "no")
    assert report["reprompt"] == for_locale("en-US").text("safety.after_flag_reprompt"), report["reprompt"]


# A casual all-clear ("it's fine", "all good") in every locale: a plain one is a no to a red-flag
# question and, to "is the pain settling now that you've stopped?", a yes (it has settled); never
# "not settling" (clinical.md, doctor row: pain during the exercises that does not settle). Said
# after a yes ("yes, it's fine" to "any numbness when you wipe?") it may mean "it's bearable", so
# the question is asked again and nothing starts (clinical.md: Red flags; the answer must be clear).
LOCALES = ("en-AU", "en-CA", "en-GB", "en-IN", "en-US")


def talk_in(locale):
    from spasm_coach_tools.simulator.nlu import load_nlu, model_path
    return Conversation(default_handler(), locale=locale, nlu=load_nlu(model_path(locale)), user_id="all-clear")


def reach_in(locale, question_id):
    talk = talk_in(locale)
    for line in PATHS[question_id]:
        talk.line(line)
    assert pending(talk) == question_id, (locale, question_id, attributes(talk))
    return talk


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("question", ["screening_legs", "screening_saddle"])
@pytest.mark.parametrize("words", ["yes it's fine", "yeah they're fine", "yes all good", "yeah i'm good",
                                   "yeah it's fine"])
def test_an_all_clear_after_a_yes_is_asked_again(locale, question, words):
    talk = reach_in(locale, question)
    report = say(talk, words)
    assert pending(talk) == question and level(talk, report) == "none", (locale, words, attributes(talk))
    assert "routine" not in attributes(talk) or attributes(talk)["routine"].get("status") != "active"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["it's fine", "all good", "i'm fine", "it's fine now", "nah it's fine"])
def test_an_all_clear_to_is_the_pain_settling_is_settled(locale, words):
    talk = reach_in(locale, "pain_settles")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) == "pain_next", (locale, words, attributes(talk))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["yeah it's fine", "yep all good", "yes it's gone"])
def test_an_all_clear_after_a_yes_to_is_the_pain_settling_is_settled(locale, words):
    """The yes and the all-clear say the same there: it has settled."""
    talk = reach_in(locale, "pain_settles")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) == "pain_next", (locale, words, attributes(talk))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["it's fine", "all good", "nah it's fine", "yeah nah all good"])
def test_a_plain_all_clear_is_a_no_to_the_second_screening_question(locale, words):
    talk = reach_in(locale, "screening_saddle")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) != "screening_saddle", (locale, words, attributes(talk))


# "yes, it's fine" to a red-flag question is neither a yes nor a no: asked again once, and a second
# time it counts as "I don't know" (questions.py, rule 5), so the question is never asked forever.
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("question", ["screening_legs", "screening_saddle"])
def test_a_second_all_clear_after_a_yes_counts_as_i_dont_know(locale, question):
    talk = reach_in(locale, question)
    say(talk, "yes it's fine")
    assert pending(talk) == question and attributes(talk).get("safety") is None
    say(talk, "yeah it's fine")
    assert pending(talk) != question, (locale, attributes(talk))
    _answer_the_rest_no(talk)
    expected = questions.QUESTIONS[question].unsure
    assert RANK[attributes(talk).get("safety") or "none"] >= RANK[expected], (locale, attributes(talk))
    assert attributes(talk).get("routine") is None  # nothing guided


@pytest.mark.parametrize("question", UNSURE_ADVISED)
def test_an_all_clear_after_a_yes_then_i_dont_know_ends_the_question(question):
    talk = reach(question)
    say(talk, "yes it's fine")
    if pending(talk) != question:
        return  # answered there (a question whose all-clear is a yes)
    report = say(talk, "i don't know")
    assert pending(talk) != question or report["end_session"], question
    _answer_the_rest_no(talk)
    expected = questions.QUESTIONS[question].unsure
    assert RANK[attributes(talk).get("safety") or "none"] >= RANK[expected], (question, attributes(talk))


# "It's gone" to "is the pain settling?" has settled, in every locale; how the pain is now answers it
# too: better is settling, the same, worse or still hurting is not (clinical.md, doctor row).
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["it's gone", "it's all gone", "gone now", "its all gone", "nah it's gone",
                                   "it's getting better", "it's a bit better", "it's settled", "it's eased off"])
def test_gone_or_better_to_is_the_pain_settling_is_settled(locale, words):
    talk = reach_in(locale, "pain_settles")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) == "pain_next", (locale, words, attributes(talk))


@pytest.mark.parametrize("words", ["still hurts", "it's worse", "about the same"])
def test_the_same_or_worse_to_is_the_pain_settling_is_not_settling(words):
    talk = reach("pain_settles")
    report = say(talk, words)
    assert level(talk, report) == "doctor" and pending(talk) is None, (words, attributes(talk))


@pytest.mark.parametrize("words", ["it's gone", "all gone"])
def test_gone_is_still_a_no_to_a_red_flag_question(words):
    talk = reach("screening_legs")
    say(talk, words)
    assert pending(talk) == "screening_saddle" and attributes(talk).get("safety") is None


# An all-clear, a yes or a no said with a red flag ("yeah it's fine, just both legs are a bit numb",
# as a recogniser writes it too): the flag routes at its level at once, whatever the question and
# the state (screening, symptom check, mid-routine, after a flag). clinical.md: anyone who mentions
# leg pain or incontinence is routed to medical advice, at any point of the conversation.
MIXED_EMERGENCIES = ("yeah it's fine, just both legs are a bit numb", "yeah its fine just both legs are a bit numb",
                     "no its fine just both my legs are numb", "it's fine both legs are numb",
                     "yep all good, just can't pee", "no worries just both legs numb",
                     "nah all good except i wet myself", "no but i cant feel my bum",
                     "it's fine apart from the numb saddle", "nah mate all good, just can't feel me bum")


@pytest.mark.parametrize("question", SAFETY_QUESTIONS)
@pytest.mark.parametrize("words", MIXED_EMERGENCIES)
def test_a_red_flag_said_with_an_all_clear_routes_at_once(question, words):
    talk = reach(question)
    report = say(talk, words)
    assert report["safety"] == "emergency" and report["end_session"] is True, (question, words, report["intent"])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["yeah mate it's fine, just both me legs are numb", "all good mate i just wet myself",
                                   "mate both legs are numb"])
def test_a_red_flag_said_with_an_all_clear_routes_at_once_in_every_locale(locale, words):
    talk = reach_in(locale, "screening_legs")
    report = say(talk, words)
    assert report["safety"] == "emergency" and report["end_session"] is True, (locale, words, report["intent"])


# "Fine", "no worries", "yes, that's fine" agree to an offer; at a red-flag question they are never
# a yes ("fine" to "any numbness around your bottom?" is no emergency): a plain one is an
# all-clear, one after a yes is neither answer (asked again, then "I don't know").
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["fine", "no worries", "no problem"])
def test_a_plain_agreeing_word_is_an_all_clear_at_a_red_flag_question(locale, words):
    talk = reach_in(locale, "screening_saddle")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) != "screening_saddle", (locale, words, attributes(talk))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["yeah fine", "yep no worries", "yes that's fine", "sure no worries", "sure it's fine",
                                   "okay no problem"])
def test_a_yes_with_an_agreeing_word_is_asked_again_at_a_red_flag_question(locale, words):
    talk = reach_in(locale, "screening_saddle")
    report = say(talk, words)
    assert level(talk, report) == "none" and pending(talk) == "screening_saddle", (locale, words, attributes(talk))


@pytest.mark.parametrize("words", ["fine", "yes that's fine", "no worries", "yeah fine", "sure no worries",
                                   "okay no problem"])
def test_an_agreeing_word_to_the_offer_of_stretches_is_a_yes(words):
    talk = reach_conversation("offer_stretches")
    say(talk, words)
    assert pending(talk) == SCREENING[0]  # the screening comes before any exercise


# Yes or no in other words, to every red-flag question: never asked forever, never the wrong way.
@pytest.mark.parametrize("question", [q for q in PATHS if questions.QUESTIONS[q].red_flag])
@pytest.mark.parametrize("words", ["yes there is", "yeah i have", "yes it is", "a bit", "yes sometimes",
                                   "yeah a little bit", "afraid so", "i'm afraid so", "aye",
                                   "ya", "too right", "unfortunately yes"])
def test_a_yes_in_other_words_raises(question, words):
    talk = reach(question)
    before = attributes(talk).get("safety") or "none"
    report = say(talk, words)
    assert RANK[level(talk, report)] >= max(RANK["doctor"], RANK[before]) and pending(talk) != question, \
        (question, words, report["intent"])


@pytest.mark.parametrize("question", [q for q in PATHS if questions.QUESTIONS[q].red_flag])
@pytest.mark.parametrize("words", ["not at all", "definitely not", "nah nothing", "not a thing"])
def test_a_no_in_other_words_clears_only_the_question(question, words):
    talk = reach(question)
    before = attributes(talk).get("safety")
    report = say(talk, words)
    assert attributes(talk).get("safety") == before and pending(talk) != question and not report["end_session"], \
        (question, words, report["intent"])


def test_definitely_not_is_no_yes_in_the_approximate_hearing():
    talk = Conversation(default_handler(), user_id="dialogue-test", hearing="approximate")
    for line in PATHS["screening_saddle"]:
        talk.line(line)
    report = say(talk, "definitely not")
    assert level(talk, report) == "none" and pending(talk) != "screening_saddle", report["intent"]


@pytest.mark.parametrize("words", MIXED_EMERGENCIES[:6])
def test_a_red_flag_said_with_an_all_clear_routes_with_no_question_waiting(words):
    in_routine = conversation()
    for line in INTO_ROUTINE:
        in_routine.line(line)
    in_routine.session.info.attributes.pop("pending", None)  # mid-routine, nothing asked
    after_flag = reach("pain_leg")
    for line in ("yes", "one leg", "no"):  # a doctor's flag, its questions answered
        say(after_flag, line)
    assert pending(after_flag) is None and attributes(after_flag)["safety"] == "doctor"
    for talk in (in_routine, after_flag):
        report = say(talk, words)
        assert report["safety"] == "emergency" and report["end_session"] is True, (words, report["intent"])


# The leg-weakness follow-ups read an answer as said of the weak leg (content: safety.answer_context):
# "all of a sudden" or "it's been getting worse" to "did it come on suddenly?" is the emergency
# (clinical.md: sudden or worsening leg weakness); "it gives way" to "is that leg weak?" is a yes.
@pytest.mark.parametrize("words", ["all of a sudden", "it's been getting worse", "it gives way"])
def test_sudden_or_worsening_in_words_is_an_emergency(words):
    talk = reach("weak_sudden")
    report = say(talk, words)
    assert report["safety"] == "emergency" and report["end_session"] is True, (words, report["intent"])


@pytest.mark.parametrize("words", ["it feels weak", "it's a bit wobbly", "it gives way"])
def test_weakness_in_words_is_a_yes_to_is_that_leg_weak(words):
    talk = reach("leg_weak")
    report = say(talk, words)
    assert RANK[level(talk, report)] >= RANK["urgent"] and pending(talk) != "leg_weak", (words, report["intent"])


@pytest.mark.parametrize("question", ["leg_weak", "weak_sudden"])
@pytest.mark.parametrize("words", ["no it came on slowly", "no it's not weak"])
def test_a_denial_to_the_weakness_follow_ups_raises_nothing_more(question, words):
    talk = reach(question)
    before = attributes(talk)["safety"]
    say(talk, words)
    assert attributes(talk)["safety"] == before, (question, words)


# Words not heard at all (AMAZON.FallbackIntent): asked again, then taken as "I don't know"
# (questions.py, rule 3): never asked forever, never taken as no.
@pytest.mark.parametrize("question", UNSURE_ADVISED)
def test_answers_never_heard_are_asked_again_then_count_as_i_dont_know(question):
    talk = reach(question)
    before = attributes(talk).get("safety")
    for words in ("purple elephants dancing", "orange giraffes singing"):
        report = say(talk, words)
        assert report["intent"] == "AMAZON.FallbackIntent" and pending(talk) == question, words
        assert attributes(talk).get("safety") == before
    report = say(talk, "green zebras humming")
    assert pending(talk) != question and report["end_session"] is False
    _answer_the_rest_no(talk)
    assert RANK[attributes(talk).get("safety") or "none"] >= RANK[questions.QUESTIONS[question].unsure]


def test_an_answer_never_heard_counts_only_while_its_question_waits():
    talk = reach("screening_legs")
    say(talk, "purple elephants dancing")
    say(talk, "no")  # on to the second screening question: the count starts again
    for words in ("orange giraffes singing", "green zebras humming"):
        say(talk, words)
        assert pending(talk) == "screening_saddle" and attributes(talk).get("safety") is None, words
