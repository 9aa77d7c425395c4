"""The timer permission flow end to end: spoken words heard by the real interaction model,
the real skill, Alexa's AskFor played by the simulator, timers kept by the HTTPS stand-in."""
from __future__ import annotations

import io
import json

import pytest

from spasm_coach.alexa_api import TIMERS_SCOPE
from spasm_coach_tools.simulator import cli
from spasm_coach_tools.simulator.conversation import Conversation

START = "2026-11-20T15:00:00Z"
WENT_OFF = 'timer "ice pack" went off: Time to take the ice pack off your back.'


@pytest.fixture
def conversation(api_standin, simulated_skill):
    api_standin.reset()

    def make(**options):
        return Conversation(simulated_skill, now=START, apis=api_standin, **options)
    return make


def test_ice_timer_asked_for_granted_set_and_going_off(conversation):
    talk = conversation()
    reports = talk.run(["open back spasm coach", "set an ice timer"])
    launch, asked, answered = reports
    assert asked["intent"] == "SetTimerIntent" and asked["resolved"] == {"Pack": "ice"}
    assert asked["directives"] == ["Connections.SendRequest:AskFor"] and asked["timers"] == []
    assert answered["request_type"] == "Connections.Response" and answered["error"] is None
    assert [(t["timerLabel"], t["duration"]) for t in answered["timers"]] == [("ice pack", "PT20M")]
    assert "ice pack timer is set for twenty minutes" in answered["speech"]
    assert talk.user.scopes[TIMERS_SCOPE] == "GRANTED"

    status = talk.line("how long is left on my timer")
    assert status[0]["intent"] == "TimerStatusIntent"
    assert "twenty minutes left" in status[0]["speech"]

    reports = talk.line("/advance 20m")
    assert [r["request_type"] for r in reports] == ["Reprompt", "SessionEndedRequest", None]
    assert reports[-1]["events"] == [WENT_OFF]
    assert talk.active_timers() == []

    # Later, the permission is there: a one-shot sets the timer at once.
    again = talk.line("ask back spasm coach to time my heat pack for fifteen minutes")
    assert len(again) == 1 and not again[0]["directives"]
    assert [(t["timerLabel"], t["duration"]) for t in again[0]["timers"]] == [("heat pack", "PT15M")]
    paused = talk.line("pause the timer")
    assert paused[0]["intent"] == "PauseTimerIntent" and "paused" in paused[0]["speech"]
    cancelled = talk.line("cancel the heat timer")
    assert cancelled[0]["intent"] == "CancelTimerIntent" and "cancelled your heat pack timer" in cancelled[0]["speech"]
    assert talk.active_timers() == []


def test_denied_permission_gets_the_alternative_and_nothing_is_set(conversation):
    talk = conversation(deny_permissions=True)
    reports = talk.run(["open back spasm coach", "set an ice timer"])
    answered = reports[-1]
    assert answered["request_type"] == "Connections.Response"
    assert "Alexa, set a timer for twenty minutes" in answered["speech"]
    assert answered["timers"] == [] and answered["end_session"] is False
    # Still in the session Alexa opened for the answer: no second question.
    again = talk.line("set a heat timer")
    assert again[0]["directives"] == [] and "Alexa, set a timer for twenty minutes" in again[0]["speech"]
    assert talk.line("/advance 20m")[-1]["events"] == []


def test_walking_reminders_through_the_simulator(conversation):
    talk = conversation()
    reports = talk.run(["open back spasm coach", "remind me to get up and walk every hour"])
    assert reports[1]["directives"] == ["Connections.SendRequest:AskFor"]
    assert "every hour, from 11 a.m. until 6 p.m." in reports[2]["speech"]
    done = talk.line("yes")
    assert done[0]["intent"] == "AMAZON.YesIntent" and len(done[0]["reminders"]) == 1
    fired = talk.line("/advance 2h")[-1]["events"]
    assert fired and all(e.startswith("reminder went off: Time to get up and walk") for e in fired)
    cancelled = talk.line("ask back spasm coach to cancel my reminders")
    assert cancelled[0]["intent"] == "CancelRemindersIntent" and "cancelled" in cancelled[0]["speech"]
    assert talk.line("/advance 2h")[-1]["events"] == []


@pytest.mark.parametrize("deny", [False, True])
def test_spasm_coach_simulate_with_and_without_permissions(monkeypatch, tmp_path, deny):
    monkeypatch.setenv("SPASM_COACH_STORE", "session")
    monkeypatch.setenv("SPASM_COACH_DATA_DIR", str(tmp_path))
    out = io.StringIO()
    options = ["--now", START] + (["--deny-permissions"] if deny else [])
    code = cli.main("simulate", options, stdin=io.StringIO("open back spasm coach\nset an ice timer\n/advance 20m\n"),
                    stdout=out)
    assert code == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["request_type"] for line in lines[:3]] == ["LaunchRequest", "IntentRequest", "Connections.Response"]
    assert all(line.get("error") is None for line in lines)
    if deny:
        assert lines[2]["timers"] == [] and "Alexa, set a timer for twenty minutes" in lines[2]["speech"]
        assert all(line["events"] == [] for line in lines)
    else:
        assert [t["duration"] for t in lines[2]["timers"]] == ["PT20M"]
        assert lines[-1]["events"] == [WENT_OFF]


def _at(standin, handler, now):
    standin.reset()
    return Conversation(handler, now=now, apis=standin)


def test_walking_reminders_are_offered_only_for_waking_hours(api_standin, simulated_skill):
    # 03:00 in New York: the plan starts in the morning, not "from 4 a.m.".
    talk = _at(api_standin, simulated_skill, "2026-11-20T08:00:00Z")
    reports = talk.run(["open back spasm coach", "remind me to get up and walk every hour"])
    offer = reports[-1]["speech"]
    assert "from 8 a.m. until 6 p.m." in offer and "4 a.m." not in offer


def test_too_late_for_walking_reminders_is_said_before_any_permission_is_asked(api_standin, simulated_skill):
    # 18:30 in New York: no hour is left today, so the permission is never asked for.
    talk = _at(api_standin, simulated_skill, "2026-11-20T23:30:00Z")
    reports = talk.run(["open back spasm coach", "remind me to get up and walk every hour"])
    assert [r["request_type"] for r in reports] == ["LaunchRequest", "IntentRequest"]
    assert reports[1]["directives"] == [] and "late in the day" in reports[1]["speech"]
    assert reports[1]["end_session"] is False


def _heat_timer_running(talk):
    talk.run(["open back spasm coach", "set a heat timer"])
    assert [t["timerLabel"] for t in talk.active_timers()] == ["heat pack"]


def test_cancelling_the_ice_timer_while_only_the_heat_one_runs_cancels_that_one(conversation):
    talk = conversation()
    _heat_timer_running(talk)
    cancelled = talk.line("cancel the ice timer")[0]
    assert cancelled["intent"] == "CancelTimerIntent" and cancelled["resolved"] == {"Pack": "ice"}
    assert talk.active_timers() == []
    assert "heat" in cancelled["speech"]


def test_pause_with_no_routine_pauses_the_running_timer_not_a_routine(conversation):
    talk = conversation()
    _heat_timer_running(talk)
    paused = talk.line("pause")[0]
    assert paused["intent"] == "AMAZON.PauseIntent"
    assert [t["status"] for t in talk.active_timers()] == ["PAUSED"]
    assert paused["end_session"] is False


def test_pause_with_no_routine_and_no_timer_offers_the_stretches(conversation):
    talk = conversation()
    talk.run(["open back spasm coach", "no"])
    paused = talk.line("pause")[0]
    assert paused["intent"] == "AMAZON.PauseIntent" and talk.active_timers() == []
    assert paused["end_session"] is False


@pytest.mark.parametrize("hearing", ["strict", "approximate"])
@pytest.mark.parametrize("said,label", [
    # What the person is doing with the pack first, then the request for a timer.
    ("heat pack's warmed up and on my back, can you time it", "heat pack"),
    ("frozen peas wrapped in a towel and on, set a timer please", "ice pack"),
    # A pack named first with no article: its carrier names the pack for the timer.
    ("wheat bag on, time it", "heat pack"),
    ("ice pack on, time it", "ice pack"),
    # The timer asked for with an everyday verb before the pack.
    ("stick a timer on for the heat pack", "heat pack"),
])
def test_a_timer_asked_for_after_a_lead_in_is_set_for_the_pack_named(conversation, said, label, hearing):
    talk = conversation(hearing=hearing)
    reports = talk.run(["open back spasm coach", said])
    created = [t["timerLabel"] for r in reports for t in r.get("timers") or []]
    assert created == [label], (said, [r["intent"] for r in reports], reports[-1]["speech"][:120])


@pytest.mark.parametrize("hearing", ["strict", "approximate"])
@pytest.mark.parametrize("said,label", [
    # Changing over to the other pack, then asking for it to be timed: "over" here is the
    # change, not a timer that is over.
    ("switching over to the ice pack now, time it", "ice pack"),
    ("going over to the ice now, can you time it", "ice pack"),
])
def test_switching_over_to_the_other_pack_times_that_pack(conversation, said, label, hearing):
    talk = conversation(hearing=hearing)
    _heat_timer_running(talk)
    reports = talk.run([said])
    created = [t["timerLabel"] for r in reports for t in r.get("timers") or []]
    assert created == [label], (said, [r["intent"] for r in reports], reports[-1]["speech"][:120])
