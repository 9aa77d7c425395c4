"""Safety end to end: what a person says, heard by the simulator as Alexa would hear it,
through the real skill. Red flags are routed from any point; nothing routes around it."""
import json
from pathlib import Path

import pytest

from envelopes import Said, intent, speaks
from lambda_function import lambda_handler
from spasm_coach import questions, triage
from spasm_coach.content import for_locale
from spasm_coach.handlers.safety import safety_handlers
from spasm_coach_tools.simulator.conversation import Conversation, default_handler
from spasm_coach.skill import request_handlers

ROOT = Path(__file__).resolve().parents[1]
CARRIER_MEANING = for_locale("en-US").raw("describe.carrier_meaning")
MODEL = json.loads((ROOT / "interaction_model/en-US.json").read_text())["interactionModel"]["languageModel"]
RANK = {level: i for i, level in enumerate(triage.LEVELS)}

# clinical.md's development set, with the levels it accepts.
DEV_SET = [
    ("I can't really feel the toilet paper when I wipe", "emergency"), ("my bum's gone numb", "emergency"),
    ("I wet myself", "emergency"), ("I'm trying to pee but nothing comes", "emergency"),
    ("I pooed myself", "emergency"), ("both legs are going numb", "emergency"),
    ("I can't get an erection since my back went", "emergency"),
    ("my foot drags and my toes catch the floor", "urgent"), ("I can't lift my foot", "urgent"),
    ("I fell down the stairs", "emergency"), ("I've got a temperature and feel shivery", "urgent"),
    ("I've had cancer before", "urgent"), ("pain going down the back of my leg", "doctor"),
    ("pins and needles in my feet", "doctor"),
]
BENIGN = ["my back is spasming", "my hamstrings feel tight", "should I do leg raises"]


def conversation():
    return Conversation(default_handler(), user_id="safety-test")


def one_shot(text):
    """ "Alexa, tell back spasm coach <text>": a new session, one request."""
    return conversation().line("tell back spasm coach " + text)[-1]


# Into the routine: the screening questions answered with no.
INTO_ROUTINE = ("open back spasm coach", "start stretches") + ("no",) * len(questions.SEQUENCES["screening"])


def pending(talk):
    """The id of the question the skill is waiting on (None with no session open)."""
    return talk.session.info.attributes.get("pending") if talk.session else None


def mid_routine(text):
    talk = conversation()
    for line in INTO_ROUTINE + ("next",):
        talk.line(line)
    assert talk.line("repeat")[-1]["speech"], "the routine is under way"
    return talk.line(text)[-1]


def level_of(report):
    return report["safety"] or "none"


@pytest.mark.parametrize("text,lowest", DEV_SET)
@pytest.mark.parametrize("where", [one_shot, mid_routine], ids=["one-shot", "mid-routine"])
def test_clinical_development_set_routes_at_its_level(text, lowest, where):
    report = where(text)
    assert RANK[level_of(report)] >= RANK[lowest], (text, report["intent"], report["speech"])
    if level_of(report) == "emergency":
        assert report["end_session"] is True
        assert for_locale("en-US").fill("{number}{local_note}") in report["speech"]
        assert speaks(report["speech"], "safety.emergency")


@pytest.mark.parametrize("text", BENIGN)
def test_benign_controls_are_not_flagged(text):
    for where in (one_shot, mid_routine):
        assert where(text)["safety"] is None


@pytest.mark.parametrize("text", ["no numbness, and I can pee fine", "I've leaked a bit when I sneeze ever since my kids",
                                  "my leg went dead from sitting cross-legged but it's fine now"])
def test_near_misses_get_a_clarifying_question_not_an_alarm(text):
    report = one_shot(text)
    assert report["safety"] is None and report["end_session"] is not True
    assert report["speech"].rstrip().endswith("?"), report["speech"]


def test_advice_per_level_names_the_right_number_and_never_says_alexa_will_call():
    for locale, number in (("en-US", "911"), ("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112")):
        said = Said(lambda_handler(intent("SymptomIntent", {"Symptom": ("I wet myself", "bladder")}, locale=locale), None))
        spoken = for_locale(locale).fill("{number}")  # as that country says it ("triple zero")
        assert spoken in said.text and said.end is True
        assert said.card and number in said.card["content"] and speaks(said.card["content"], "safety.emergency_card", locale)
        if locale == "en-GB":  # never the UK's non-urgent line, NHS 111
            assert for_locale(locale).fill("{same_day_number}") not in said.text
        for phrase in ("i will call", "i'll call", "calling", "alexa will"):
            assert phrase not in said.text.lower()
    urgent = Said(lambda_handler(intent("DescribeIntent", {"Description": "had cancer before"}), None))
    assert urgent.says("safety.urgent") and urgent.end is False and urgent.attributes["safety"] == "urgent"
    doctor = Said(lambda_handler(intent("DescribeIntent", {"Description": "pain going down my leg"}), None))
    assert doctor.says("safety.doctor") and doctor.attributes["safety"] == "doctor"


def test_exercises_are_refused_for_the_rest_of_the_session_after_a_flag():
    talk = conversation()
    talk.line("open back spasm coach")
    assert talk.line("i've got pain going down my leg")[-1]["safety"] == "doctor"
    for line in ("start stretches", "how do i do cat cow", "start over"):
        report = talk.line(line)[-1]
        assert speaks(report["speech"], "safety.exercise_declined"), (line, report["speech"])
        assert not speaks(report["speech"], "routine_lines.hold_intro")
    assert speaks(talk.line("should i use heat or ice")[-1]["speech"], "info.heat_ice.lines")
    assert talk.line("i wet myself")[-1]["safety"] == "emergency"  # the level only rises


def test_the_screening_question_comes_once_per_session_before_the_first_exercise():
    talk = conversation()
    talk.line("tell back spasm coach to start stretches")
    for question in questions.SEQUENCES["screening"]:
        assert pending(talk) == question and "routine" not in talk.session.info.attributes
        talk.line("no")
    assert talk.session.info.attributes["routine"]["status"] == "active"
    talk.line("start over")
    assert pending(talk) not in questions.SEQUENCES["screening"]
    assert talk.session.info.attributes["routine"]["step"] == 0
    talk = conversation()
    talk.line("tell back spasm coach to start stretches")
    assert talk.line("yes")[-1]["safety"] == "doctor" and pending(talk) == "legs_where"
    assert talk.line("both legs")[-1]["safety"] == "emergency"


def test_that_hurts_asks_about_the_leg_and_routes_a_yes():
    talk = conversation()
    for line in INTO_ROUTINE:
        talk.line(line)
    talk.line("that hurts")
    assert pending(talk) == "pain_leg"
    assert talk.line("yes")[-1]["safety"] == "doctor"
    talk.line("just one leg")
    assert pending(talk) == "leg_weak"
    assert talk.line("no")[-1]["safety"] == "doctor" and pending(talk) is None


def test_fallback_in_a_routine_says_how_to_report_leg_or_bladder_problems():
    talk = conversation()
    for line in INTO_ROUTINE:
        talk.line(line)
    report = talk.line("purple elephants dancing")[-1]
    assert report["intent"] == "AMAZON.FallbackIntent"
    assert speaks(report["speech"], "fallback.routine")
    assert speaks(report["speech"], "safety.net") or speaks(report["speech"], "safety.net_short")


def test_safety_handlers_are_registered_ahead_of_every_other_handler():
    handlers = request_handlers()
    names = [type(h).__name__ for h in handlers]
    assert names[:5] == [type(h).__name__ for h in safety_handlers()]
    assert names[0] == "RedFlagHandler"


def _slot_cases():
    for item in MODEL["intents"]:
        for slot in item.get("slots", []):
            yield item["name"], slot["name"]


@pytest.mark.parametrize("name,slot", list(_slot_cases()))
@pytest.mark.parametrize("state", [{}, {"routine": {"id": "gentle", "step": 2, "part": 0, "status": "active"}, "screened": True},
                                   {"pending": "screening_legs"}, {"pending": "legs_where"}, {"pending": "forget"}])
def test_a_red_flag_in_any_slot_of_any_intent_is_routed(name, slot, state):
    words = "I wet myself and can't feel my bum"
    said = Said(lambda_handler(intent(name, {slot: words}, state), None))
    carrier = CARRIER_MEANING.get(name, "")
    if name in ("DescribeWhatIfIntent", "InfoIntent") or (
            carrier and triage.assess("%s %s" % (carrier, words), locale="en-US").level == "clarify"):
        # "what if I wet myself ...", "tell me about numbness", "could I wet myself ...": a question
        # about a red flag gets a safety question, not an alarm (content: describe.carrier_meaning).
        assert said.attributes.get("safety") is None and questions.QUESTIONS[said.attributes["pending"]].safety
        return
    assert said.attributes["safety"] == "emergency" and said.end is True, (name, slot)
