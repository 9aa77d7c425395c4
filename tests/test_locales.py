"""The five English locales through the simulator: each hears by its own model and answers
in its own content (launch, relief, a stretch, an emergency, an urgent flag, painkillers,
help, stop, and the walking reminders' time zone).

Assertions name content keys, levels and the locale's own data (its numbers as it says
them, its same-day route, its drug name, its time zone), never whole sentences."""
from __future__ import annotations

import json

import pytest

from spasm_coach.content import LOCALES_DIR, for_locale, locales
from spasm_coach.routine import Coach, routine_steps, step_name
from spasm_coach_tools.simulator.conversation import Conversation

LOCALES = ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"]
START = "2026-11-20T09:00:00Z"
# Said the way each country says it (the models' own words: interaction_model/source/).
EMERGENCY = {"en-GB": "I can't go to the loo", "en-AU": "I can't go to the dunny",
             "en-CA": "I can't go to the washroom", "en-IN": "I can't pass urine",
             "en-US": "I wet myself"}
URGENT = "I've got a temperature and feel shivery"


@pytest.fixture
def talk(api_standin, simulated_skill):
    api_standin.reset()

    def make(locale, now=START):
        return Conversation(simulated_skill, locale=locale, now=now, apis=api_standin)
    return make


def test_these_are_the_locales_with_content_of_their_own():
    assert locales() == LOCALES


@pytest.mark.parametrize("locale", LOCALES)
def test_launch_relief_a_stretch_help_and_stop(talk, locale):
    words = for_locale(locale)
    conversation = talk(locale)
    launch = conversation.line("open back spasm coach")[0]
    assert launch["request_type"] == "LaunchRequest" and launch["end_session"] is False
    assert words.text("welcome.first_time") in launch["speech"]
    assert words.fill("{number}{local_note}") in launch["speech"]

    relief = conversation.line("my back is spasming")[0]
    assert relief["intent"] == "SpasmIntent" and words.text("relief.offer") in relief["speech"]
    assert conversation.session.info.attributes["pending"] == "offer_stretches"

    screening = conversation.line("yes")[0]
    assert screening["intent"] == "AMAZON.YesIntent"
    assert words.text("safety.ask.screening_legs") in screening["speech"]
    assert words.text("safety.ask.screening_saddle") in conversation.line("no")[0]["speech"]
    first = conversation.line("no")[0]
    steps = routine_steps(words, "gentle")
    stretch = words.stretches[steps[0].stretch]
    assert words.text("routine_lines.step_intro", number=words.number(1), total=words.number(len(steps)),
                      name=step_name(words, steps[0])) in first["speech"]
    assert stretch["caution"]["question"] in first["speech"]  # knee to chest: osteoporosis first
    set_up = conversation.line("no")[0]
    assert stretch["setup"] in set_up["speech"] and words.side(steps[0].sides[0]) in set_up["speech"]
    repetitions = conversation.line("ready")[0]
    assert words.fill(stretch["rep"][0]["say"], side=words.side(steps[0].sides[0])) in repetitions["speech"]
    assert words.number(stretch["hold"]["default"]) in repetitions["speech"]  # the hold, counted
    routine = conversation.session.info.attributes["routine"]
    assert (routine["step"], routine["status"]) == (0, "active")

    helped = conversation.line("help")[0]
    assert helped["intent"] == "AMAZON.HelpIntent" and helped["end_session"] is False
    assert words.text("help.routine", **Coach(words).describe(routine)) in helped["speech"]

    stop = conversation.line("stop")[0]
    assert stop["intent"] in ("AMAZON.StopIntent", "AMAZON.CancelIntent") and stop["end_session"] is True
    assert stop["speech"] == words.text("routine_lines.stopped")


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_names_the_country_s_number_and_the_phone(talk, locale):
    words = for_locale(locale)
    said = talk(locale).line("ask back spasm coach %s" % EMERGENCY[locale])[0]
    assert said["safety"] == "emergency" and said["end_session"] is True
    assert said["speech"] == words.text("safety.emergency")
    assert words.fill("{number}{local_note}") in said["speech"]
    assert "use your phone" in said["speech"].lower() and "alexa will call" not in said["speech"].lower()
    if locale == "en-GB":  # 999, never NHS 111, for an emergency
        assert words.fill("{same_day_number}") not in said["speech"]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_urgent_flag_names_the_local_same_day_route(talk, locale):
    words = for_locale(locale)
    said = talk(locale).line("ask back spasm coach %s" % URGENT)[0]
    assert said["safety"] == "urgent" and said["end_session"] is False
    assert said["speech"].startswith(words.text("safety.urgent"))  # the advice whole and first, then what to say
    assert words.fill("{urgent_line}") in said["speech"] and words.fill("{number}{local_note}") in said["speech"]


@pytest.mark.parametrize("locale", LOCALES)
def test_painkiller_information_uses_the_local_drug_name(talk, locale):
    words = for_locale(locale)
    said = talk(locale).line("ask back spasm coach what painkillers can I take")[0]
    assert said["intent"] == "MedicineInfoIntent"
    for line in words.lines("info.medicine.lines"):
        assert line in said["speech"]
    assert words.fill("{paracetamol}") in said["speech"]


ZONES = {"en-US": "America/New_York", "en-CA": "America/Toronto", "en-GB": "Europe/London",
         "en-AU": "Australia/Sydney", "en-IN": "Asia/Kolkata"}
# 9 a.m. or so where each zone is, on 20 November 2026.
MORNINGS = {"en-US": "2026-11-20T14:00:00Z", "en-CA": "2026-11-20T14:00:00Z", "en-GB": "2026-11-20T09:00:00Z",
            "en-AU": "2026-11-19T22:00:00Z", "en-IN": "2026-11-20T03:30:00Z"}


@pytest.mark.parametrize("locale", LOCALES)
def test_walking_reminders_default_to_the_locale_s_time_zone(talk, locale):
    """The stand-in serves no device time zone: the skill uses its locale's usual zone."""
    own = json.loads((LOCALES_DIR / ("%s.json" % locale)).read_text(encoding="utf-8"))
    assert own["time_zone"] == ZONES[locale]
    conversation = talk(locale, MORNINGS[locale])
    conversation.line("open back spasm coach")
    asked = conversation.line("remind me to get up and walk every hour")
    assert asked[-1]["request_type"] == "Connections.Response"  # Alexa asked, the person allowed it
    assert conversation.session.info.attributes["reminder_zone"] == ZONES[locale]
    done = conversation.line("yes")[0]
    assert done["reminders"] and {r["trigger"]["timeZoneId"] for r in done["reminders"]} == {ZONES[locale]}
