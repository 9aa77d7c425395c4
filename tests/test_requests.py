"""Request envelopes through lambda_handler: every intent in every routine state."""
import datetime as dt
import json

import pytest

from envelopes import Said, envelope, intent, launch, session_ended
from lambda_function import lambda_handler
from spasm_coach.content import for_locale

MODEL = json.load(open("interaction_model/en-US.json"))["interactionModel"]["languageModel"]
MODEL_INTENTS = [i["name"] for i in MODEL["intents"]]


def send(event):
    return Said(lambda_handler(event, None))


WORDS = for_locale("en-US")
US_NUMBER = WORDS.fill("{number}")  # 911, as said in the United States


def stretch(number, name):
    """The values of `routine_lines.step_intro` for stretch `number` of the gentle five."""
    return {"number": WORDS.number(number), "total": WORDS.number(5), "name": WORDS.raw("stretches.%s.name" % name)}
SCREENED = {"screened": True}  # the safety question was answered "no" earlier in the session


def routine_at(step, part=0, status="active", routine="gentle"):
    return {"routine": {"id": routine, "step": step, "part": part, "status": status}, **SCREENED}


STATES = {
    "not started": {},
    "first step": routine_at(0),
    "middle": routine_at(2, 1),
    "last step": routine_at(4),
    "finished": routine_at(4, status="finished"),
    "paused": routine_at(3, status="paused"),
}
SLOTS = {"StretchIntent": {"Stretch": ("pelvic tilt", "pelvic_tilt")},
         "InfoIntent": {"Topic": ("ice", "heat_ice")}}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("name", MODEL_INTENTS)
def test_every_intent_in_every_state_answers_validly(name, state):
    for new in (False, True):
        said = send(intent(name, SLOTS.get(name), STATES[state], new=new))
        assert said.raw["version"] == "1.0"
        assert said.text, "every intent gets speech"
        assert not said.says("error") and not said.says("apology")
        if not said.end:
            assert said.reprompt, "an open session always has a reprompt"
        assert len(said.ssml) < 8000


def test_launch_gives_disclaimer_once_then_one_question():
    said = send(launch())
    assert said.says("welcome.first_time", number=US_NUMBER) and said.says("welcome.question")
    assert said.text.endswith("?") and said.text.count("?") == 1
    assert said.end is False and said.reprompt
    again = send(launch(attributes=said.attributes))
    assert not again.says("welcome.first_time") and again.says("welcome.returning")


def test_spasm_gives_relief_then_offers_stretches_and_yes_starts_them():
    said = send(intent("SpasmIntent"))
    assert said.says("relief.lines")
    # Short, with its one prompt at the end (no "just say: set a timer" in the middle).
    assert said.says("relief.offer") and said.text.endswith("?") and said.text.count("?") == 1
    assert not said.says("timers.offer.which") and said.reprompt == WORDS.raw("relief.reprompt")
    said = send(intent("AMAZON.YesIntent", attributes=said.attributes))
    assert said.attributes["pending"] == "screening_legs" and said.end is False
    assert "routine" not in said.attributes
    said = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert said.attributes["pending"] == "screening_saddle" and "routine" not in said.attributes
    said = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert said.says("safety.screening_clear") and said.says("routine_lines.step_intro", **stretch(1, "knee_to_chest"))
    assert said.says("stretches.knee_to_chest.caution.question")
    assert said.attributes["routine"] == {"id": "gentle", "step": 0, "part": 0, "status": "active",
                                          "stage": "caution"}
    assert said.attributes["pending"] == "caution_osteoporosis"


def test_no_to_the_stretch_offer_ends_kindly():
    said = send(intent("SpasmIntent"))
    said = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert said.end is True and said.says("yes_no.no_relief_offer")


def test_yes_and_no_at_launch():
    first = send(launch())
    assert send(intent("AMAZON.YesIntent", attributes=first.attributes)).says("relief.offer")
    no = send(intent("AMAZON.NoIntent", attributes=first.attributes))
    assert no.says("yes_no.no_launch") and no.attributes["pending"] == "offer_stretches"
    assert send(intent("AMAZON.YesIntent", attributes=no.attributes)).attributes["pending"] == "screening_legs"
    started = send(intent("AMAZON.YesIntent", attributes={**no.attributes, **SCREENED}))
    assert started.says("routine_lines.step_intro", **stretch(1, "knee_to_chest"))


def test_start_stretches_asks_the_caution_then_sets_up_then_counts():
    said = send(intent("StartRoutineIntent", attributes=SCREENED))
    assert said.attributes["pending"] == "caution_osteoporosis" and not said.says("routine_lines.hold_intro")
    assert said.reprompt == WORDS.raw("stretches.knee_to_chest.caution.reprompt")
    # "next" is not an answer to a caution: it is asked again.
    again = send(intent("AMAZON.NextIntent", attributes=said.attributes))
    assert again.attributes["routine"] == said.attributes["routine"]
    assert again.says("stretches.knee_to_chest.caution.question") and again.attributes["pending"] == "caution_osteoporosis"
    setup = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert setup.says("routine_lines.ready_prompt") and not setup.says("routine_lines.hold_intro")
    assert setup.says("stretches.knee_to_chest.setup")
    assert setup.says("routine_lines.rep_count_sides", count=WORDS.number(2), side=WORDS.side("right"))
    ready = send(intent("AMAZON.NextIntent", attributes=setup.attributes))
    assert ready.says("routine_lines.hold_intro") and ready.says("routine_lines.next_side_prompt", side=WORDS.side("left"))
    assert not ready.says("stretches.knee_to_chest.setup")
    # Yes to the caution leaves the stretch out for the session and sets up the next.
    left = send(intent("AMAZON.YesIntent", attributes=said.attributes))
    assert left.attributes["left_out"] == ["knee_to_chest"]
    assert left.says("routine_lines.step_intro", **stretch(2, "pelvic_tilt"))


def test_walk_the_whole_routine_with_next_to_its_close():
    said = send(intent("StartRoutineIntent", attributes=SCREENED))
    said = send(intent("AMAZON.NoIntent", attributes=said.attributes))  # no osteoporosis
    for _ in range(40):
        if said.attributes["routine"]["status"] == "finished":
            break
        said = send(intent("AMAZON.NextIntent", attributes=said.attributes))
    assert said.says("routine_lines.finished") and said.says("routine_lines.finished_offer")
    assert said.attributes["pending"] == "offer_heat_timer"
    no = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert no.end is not True and no.says("timers.offer.declined")


def test_navigation_mid_routine():
    attrs = routine_at(2, 1)
    said = send(intent("AMAZON.PreviousIntent", attributes=attrs))
    assert said.attributes["routine"]["step"] == 2 and said.attributes["routine"]["part"] == 0
    said = send(intent("SkipIntent", attributes=attrs))
    assert said.attributes["routine"]["step"] == 3 and said.says("routine_lines.skip")
    said = send(intent("HowManyLeftIntent", attributes=attrs))
    assert said.says("routine_lines.remaining", **stretch(3, "knee_rolls"))
    assert said.says("routine_lines.remaining_some", count=WORDS.number(2))
    assert WORDS.raw("stretches.cat_cow.name") in said.text
    assert said.says("routine_lines.next_prompt") and said.attributes["routine"] == attrs["routine"]
    said = send(intent("AMAZON.StartOverIntent", attributes=attrs))
    assert said.attributes["routine"]["step"] == 0 and said.says("routine_lines.start_over")


def test_repeat_says_the_last_thing_again_and_a_stretch_without_its_lead():
    setup = send(intent("AMAZON.NoIntent", attributes=send(intent("StartRoutineIntent", attributes=SCREENED)).attributes))
    again = send(intent("AMAZON.RepeatIntent", attributes=setup.attributes))
    assert again.ssml == setup.ssml and again.reprompt == setup.reprompt
    assert again.attributes["routine"] == setup.attributes["routine"]
    # The first stretch came after "let's do five gentle stretches": repeat says the stretch.
    first = send(intent("StartRoutineIntent", attributes=SCREENED))
    again = send(intent("AMAZON.RepeatIntent", attributes=first.attributes))
    intro = {"count": WORDS.number(5)}
    assert first.says("routine_lines.intro", **intro) and not again.says("routine_lines.intro", **intro)
    assert again.says("routine_lines.step_intro", **stretch(1, "knee_to_chest"))
    assert again.attributes["pending"] == "caution_osteoporosis"


def test_repeat_keeps_the_question_open():
    offer = send(intent("SpasmIntent"))
    again = send(intent("AMAZON.RepeatIntent", attributes=offer.attributes))
    assert again.attributes.get("pending") == "offer_stretches"
    assert send(intent("AMAZON.YesIntent", attributes=again.attributes)).attributes["pending"] == "screening_legs"


def test_pause_ends_the_session_and_says_how_to_come_back_then_resume():
    said = send(intent("AMAZON.PauseIntent", attributes=routine_at(3, 1)))
    assert said.end is True and said.says("routine_lines.paused")
    # The session is over: its attributes go no further (the memory keeps the position).
    assert said.attributes == {"safety": None}
    resumed = send(intent("AMAZON.ResumeIntent", attributes=routine_at(3, 1, status="paused")))
    assert resumed.says("routine_lines.resume") and resumed.attributes["routine"]["status"] == "active"
    assert resumed.attributes["routine"]["step"] == 3


def test_an_answer_that_ends_the_session_sends_only_the_safety_level_in_its_attributes():
    stopped = send(intent("AMAZON.StopIntent", attributes=routine_at(2, 1)))
    assert stopped.end is True and stopped.attributes == {"safety": None}
    emergency = send(intent("SymptomIntent", {"Symptom": "I wet myself"}, routine_at(2, 1)))
    assert emergency.end is True and emergency.attributes == {"safety": "emergency"}
    # An answer that keeps the session open keeps everything.
    going_on = send(intent("AMAZON.NextIntent", attributes=routine_at(2, 2)))
    assert going_on.end is False and going_on.attributes["routine"]["step"] == 3


def test_that_hurts_stops_the_stretch_and_asks_about_the_leg():
    said = send(intent("PainIntent", attributes=routine_at(1)))
    assert said.says("routine_lines.pain")
    assert said.attributes["pending"] == "pain_leg" and said.end is False
    assert said.attributes["left_out"] == ["pelvic_tilt"]
    not_leg = send(intent("AMAZON.NoIntent", attributes=said.attributes))
    assert not_leg.attributes["pending"] == "pain_settles" and not_leg.attributes["safety"] is None
    settled = send(intent("AMAZON.YesIntent", attributes=not_leg.attributes))
    assert settled.attributes["pending"] == "pain_next" and settled.attributes["safety"] is None
    spreading = send(intent("AMAZON.YesIntent", attributes=said.attributes))
    assert spreading.attributes["safety"] == "doctor" and spreading.attributes["pending"] == "legs_where"


def test_single_stretch_on_request_and_plank_is_for_later():
    said = send(intent("StretchIntent", {"Stretch": ("cat cow", "cat_cow")}, SCREENED))
    assert said.says("routine_lines.single_intro", name=WORDS.raw("stretches.cat_cow.name"))
    assert said.says("routine_lines.ready_prompt") and said.attributes["routine"]["id"] != "gentle"
    said = send(intent("AMAZON.NextIntent", attributes=said.attributes))
    assert said.says("routine_lines.hold_intro") and said.attributes["routine"]["status"] == "active"
    said = send(intent("StretchIntent", {"Stretch": ("kneeling plank", "plank")}))
    assert said.says("stretches.plank.explain") and not said.says("routine_lines.hold_intro")
    said = send(intent("StretchIntent", {"Stretch": "Pelvic Tilt"}, SCREENED))  # heard, not resolved
    assert said.says("routine_lines.single_intro", name=WORDS.raw("stretches.pelvic_tilt.name"))
    assert said.says("stretches.pelvic_tilt.setup")
    said = send(intent("StretchIntent", {"Stretch": "the splits"}))
    assert said.says("routine_lines.unknown_stretch")


@pytest.mark.parametrize("name,topic", [
    ("HeatIceInfoIntent", "heat_ice"), ("MedicineInfoIntent", "medicine"), ("ActivityInfoIntent", "activity"),
    ("PreventionInfoIntent", "prevention"), ("RecoveryInfoIntent", "recovery"), ("DoctorInfoIntent", "doctor"),
    ("SleepInfoIntent", "sleep")])
def test_information_on_request(name, topic):
    said = send(intent(name))
    assert said.says("info.%s.lines" % topic, number=US_NUMBER)
    others = [other for other in ("heat_ice", "medicine", "sleep", "recovery") if other != topic]
    assert not any(said.says("info.%s.lines" % other) for other in others)


def test_medicine_line_is_exactly_what_clinical_allows():
    said = send(intent("MedicineInfoIntent"))
    assert said.says("info.medicine.lines")
    for forbidden in ("mg", "milligram", "every four hours", "muscle relaxant", "codeine", "opioid", "Flexall"):
        assert forbidden.lower() not in said.text.lower()


def test_info_topic_from_slot_and_unknown_topic():
    assert send(intent("InfoIntent", {"Topic": ("hot water bottle", "heat_ice")})).says("info.heat_ice.lines")
    assert send(intent("InfoIntent", {"Topic": "astrology"})).says("info_unknown")
    assert send(intent("InfoIntent")).says("info_unknown")


def test_help_depends_on_where_you_are():
    assert send(intent("AMAZON.HelpIntent")).says("help.general")
    said = send(intent("AMAZON.HelpIntent", attributes=routine_at(1)))
    assert said.says("help.routine", **stretch(2, "pelvic_tilt"))


def test_stop_and_cancel_say_a_short_goodbye():
    for name in ("AMAZON.StopIntent", "AMAZON.CancelIntent"):
        said = send(intent(name))
        assert said.end is True and said.says("goodbye") and len(said.text) < 80


def test_fallback_offers_the_main_choices():
    said = send(intent("AMAZON.FallbackIntent"))
    assert said.says("fallback.general") and said.end is False


def test_session_ended_has_no_speech():
    for reason in ("USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"):
        body = lambda_handler(session_ended(reason, routine_at(2)), None)["response"]
        assert "outputSpeech" not in body


@pytest.mark.parametrize("event", [
    {}, [], None, "text", {"request": None}, {"version": "1.0", "request": {"type": "IntentRequest"}},
    {"version": "1.0", "request": {"type": "LaunchRequest", "locale": 5}},
    {"version": "1.0", "request": {"type": "LaunchRequest", "odd": {1, 2}}},  # not even JSON
])
def test_unreadable_envelopes_still_get_a_valid_answer(event):
    response = lambda_handler(event, None)
    assert response["version"] == "1.0" and "response" in response


def test_unknown_intent_and_unknown_request_type():
    said = send(intent("SomethingNewIntent", attributes=routine_at(1)))
    assert said.says("fallback.routine") and said.end is False
    event = envelope({"type": "AlexaSkillEvent.SkillEnabled"})
    assert "outputSpeech" not in lambda_handler(event, None)["response"]
    event = envelope({"type": "Some.FutureRequest"})
    assert "outputSpeech" not in lambda_handler(event, None)["response"]


def test_missing_and_odd_slot_values_and_session_attributes():
    said = send(intent("StretchIntent", {"Stretch": None}))
    assert said.says("routine_lines.unknown_stretch")
    said = send(intent("StretchIntent", {"Stretch": "x" * 5000}))
    assert said.says("routine_lines.unknown_stretch")
    for junk in ({"routine": "garbage"}, {"routine": {"id": "gentle", "step": 42}}, {"prefs": "fast"},
                 {"last": 7}, {"pending": ["launch"]}):
        said = send(intent("AMAZON.NextIntent", attributes=junk))
        assert not said.says("error") and not said.says("apology")


def test_one_shot_intent_in_a_new_session():
    said = send(intent("AMAZON.NextIntent", new=True))
    assert said.says("routine_lines.no_routine") and said.end is False


def test_unsupported_locale_answers_in_english():
    said = send(launch(locale="fr-FR"))
    assert said.says("welcome.first_time", number=WORDS.raw("local.number"), local_note="")


def test_emergency_number_is_chosen_by_country():
    def spoken(locale, name="number"):
        return for_locale(locale).fill("{%s}" % name)
    assert spoken("en-GB") == "nine nine nine" and "call nine nine nine" in send(launch(locale="en-GB"))
    said = send(launch(locale="en-AU"))
    assert spoken("en-AU") == "triple zero" and spoken("en-AU") in said and spoken("en-AU", "nz_number") in said
    assert spoken("en-IN") in send(launch(locale="en-IN"))


def test_an_exception_in_a_handler_becomes_a_spoken_apology(monkeypatch, caplog):
    from spasm_coach.handlers import launch as launch_module

    words = " ".join(["I", "wet", "myself"])  # what a person said must never reach the log

    def broken(handler_input):
        raise RuntimeError(words)

    monkeypatch.setattr(launch_module, "relief", broken)
    said = send(intent("SpasmIntent"))
    assert "wrong on my side" in said and said.end is False
    assert "wet myself" not in caplog.text and "RuntimeError" in caplog.text


@pytest.mark.parametrize("stamp,expected", [
    ("2026-03-01T23:30:00Z", "2026-03-01T23:30:00+00:00"),
    ("2026-03-01T01:30:00+02:00", "2026-02-28T23:30:00+00:00"),  # another zone: the UTC moment
    ("2026-03-01T23:30:00", "2026-03-01T23:30:00+00:00"),  # no zone: read as UTC
])
def test_the_request_time_is_the_requests_own_in_utc(stamp, expected):
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope
    from spasm_coach.handlers.common import request_time

    event = launch()
    event["request"]["timestamp"] = stamp
    read = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
    assert request_time(HandlerInput(request_envelope=read)).isoformat() == expected
    for unusable in ("0001-01-01T00:00:00Z", None):  # no clock: this machine's
        event["request"]["timestamp"] = unusable
        read = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
        before = dt.datetime.now(dt.timezone.utc)
        assert before <= request_time(HandlerInput(request_envelope=read)) <= dt.datetime.now(dt.timezone.utc)


@pytest.mark.parametrize("name", ["AMAZON.NextIntent", "AMAZON.PreviousIntent", "SkipIntent", "HowManyLeftIntent",
                                  "AMAZON.PauseIntent"])
def test_a_request_works_out_its_context_once(monkeypatch, name):
    """The locale's content and the routine position are made and checked once per request
    (handlers.common.RequestContext), however many helpers read them; a coach is made once
    per locale and style (routine.coach_for), so a second request makes none."""
    from spasm_coach import routine
    from spasm_coach.handlers import common
    send(intent(name, attributes=routine_at(2)))
    made = {"content": 0, "coach": 0, "checked": 0}

    def counted(key, function):
        def call(*args, **kwargs):
            made[key] += 1
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(common, "for_locale", counted("content", common.for_locale))
    monkeypatch.setattr(routine, "Coach", counted("coach", routine.Coach))
    monkeypatch.setattr(common, "is_valid", counted("checked", common.is_valid))
    said = send(intent(name, attributes=routine_at(2)))
    assert said.end is (name == "AMAZON.PauseIntent")
    assert made == {"content": 1, "coach": 0, "checked": 1}


def test_skipping_a_stretch_by_name_leaves_that_one_out_and_keeps_the_place():
    at = routine_at(1, 1)
    current = send(intent("AMAZON.RepeatIntent", None, at)).attributes["routine"]
    later = send(intent("SkipIntent", {"Stretch": ("cat cow", "cat_cow")}, at))
    assert "cat_cow" in later.attributes["left_out"]
    assert later.attributes["routine"]["step"] == current["step"] and later.end is False
    # The one under way, by its name, is skipped as "skip" would.
    here = send(intent("SkipIntent", {"Stretch": ("pelvic tilt", "pelvic_tilt")}, at))
    plain = send(intent("SkipIntent", None, at))
    assert here.attributes["routine"] == plain.attributes["routine"]
    assert plain.attributes["routine"]["step"] != current["step"]
    # Before any routine: left out, and the stretches offered.
    before = send(intent("SkipIntent", {"Stretch": ("cat cow", "cat_cow")}, SCREENED))
    assert before.attributes["left_out"] == ["cat_cow"] and "routine" not in before.attributes
