"""Ice and heat timers, walking reminders and their permissions, through the Lambda entry.

The skill is the real one (build_skill + make_lambda_handler) with its real API client;
Alexa's Timers and Reminders APIs are the local HTTPS stand-in (real TLS, a CA made for
the run), so every call here crosses a socket and is checked against the API reference.
"""
from __future__ import annotations

import datetime as dt
import time

import pytest

import envelopes
from envelopes import Said
from alerts import announce_timer
from spasm_coach.alexa_api import REMINDERS_SCOPE, TIMERS_SCOPE
from spasm_coach.config import Settings
from spasm_coach.content import for_locale
from spasm_coach.entry import make_lambda_handler
from spasm_coach.handlers import timers
from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn
from spasm_coach.skill import build_skill

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 20, 15, 0, 0, tzinfo=UTC)   # 10 a.m. in New York
USER = "amzn1.ask.account.TIMERS"
# Long enough that a loaded machine's slow answer is not taken for a failing service; the
# slow-server test waits longer than this and less than Alexa's own budget of about 8 s.
API_TIMEOUT = 3.0
TOKEN = "api-token-timers"
ICE, HEAT = ("ice", "ice"), ("heat", "heat")
# What the skill says is named by its content key (Said.says), with the values filled in
# rendered from the same content; test_the_wording_of_a_timer_in_english reads the English.
WORDS = for_locale("en-US")
ICE_PACK, HEAT_PACK = WORDS.text("timers.kinds.ice.name"), WORDS.text("timers.kinds.heat.name")
TIMER_SERVICE = WORDS.text("alert_errors.services.timers")
REMINDER_SERVICE = WORDS.text("alert_errors.services.reminders")


def length(minutes, seconds=0):
    """A length of time in the content's words: whole minutes as words, seconds in digits."""
    units = WORDS.raw("timers.units")
    said = "%s %s" % (WORDS.number(minutes), units["minute" if minutes == 1 else "minutes"])
    return "%s %s %d %s" % (said, units["and"], seconds, units["seconds"]) if seconds else said


def clock(hour, half):
    """A clock time on the hour in the content's words ("11 a.m.")."""
    return WORDS.fill(WORDS.raw("reminders.clock.on_the_hour"), hour=hour, half=WORDS.raw("reminders.clock." + half))


def asked(minutes):
    """A length asked for beyond the cap, as the cap's explanation repeats it."""
    return "%d %s" % (minutes, WORDS.raw("timers.units.minutes"))


@pytest.fixture(scope="module")
def standin():
    with AlexaApiStandIn(now=NOW) as server:
        yield server


@pytest.fixture(scope="module")
def handler(standin):
    skill = build_skill(settings=Settings(store="session", api_ca_bundle=standin.ca_path,
                                          api_timeout=API_TIMEOUT))
    return make_lambda_handler(skill)


@pytest.fixture
def alexa(standin, handler):
    standin.reset()
    standin.set_now(NOW)
    standin.register_token(TOKEN, USER)
    return Alexa(standin, handler)


class Alexa:
    """Sends envelopes as Alexa would, with the stand-in's endpoint and this user's token."""

    def __init__(self, standin, handler):
        self.standin = standin
        self.handler = handler

    def grant(self, *scopes):
        for scope in scopes:
            self.standin.grant(USER, scope)

    def envelope(self, event, granted=(TIMERS_SCOPE,), at=NOW):
        system = event["context"]["System"]
        system["apiEndpoint"] = self.standin.api_endpoint
        system["apiAccessToken"] = TOKEN
        system["user"]["userId"] = USER
        event["session"]["user"]["userId"] = USER
        if granted:
            system["user"]["permissions"] = {
                "consentToken": "consent-token",
                "scopes": {scope: {"status": "GRANTED"} for scope in granted}}
        event["request"]["timestamp"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        return event

    def send(self, event):
        said = Said(self.handler(event, None))
        assert said.raw["version"] == "1.0"
        assert not said.says("error") and not said.says("apology") and not said.says("apology"), said.text
        if not said.end:
            assert said.reprompt, "an open session always has a reprompt"
        return said

    def intent(self, name, slots=None, attributes=None, granted=(TIMERS_SCOPE,), at=NOW, **kwargs):
        return self.send(self.envelope(envelopes.intent(name, slots, attributes, **kwargs),
                                       granted, at))

    def answer(self, status, token, attributes=None, granted=(TIMERS_SCOPE,), at=NOW, scope=TIMERS_SCOPE):
        """Alexa's Connections.Response to an AskFor, in a new session as Alexa sends it."""
        request = {"type": "Connections.Response", "name": "AskFor",
                   "status": {"code": "200", "message": "OK"},
                   "payload": {"permissionScopes": [{"permissionScope": scope, "consentLevel": "ACCOUNT"}],
                               "status": status},
                   "token": token}
        event = envelopes.envelope(request, attributes, new=True)
        return self.send(self.envelope(event, granted, at))

    def timers(self):
        return self.standin.timers(USER)


def ask_for(said):
    (directive,) = said.directives
    assert directive["type"] == "Connections.SendRequest" and directive["name"] == "AskFor"
    return directive


# -- creating ------------------------------------------------------------------------

def test_ice_timer_is_an_announce_timer_with_label_and_the_bearer_token(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", {"Pack": ICE})
    assert alexa.standin.take_created("timers") == [
        announce_timer(text=WORDS.text("timers.kinds.ice.announce"))]
    calls = alexa.standin.take_calls()
    assert [(c["method"], c["path"], c["token"], c["status"]) for c in calls] == [
        ("POST", "/v1/alerts/timers", TOKEN, 200)]
    assert said.says("timers.set.done", name=ICE_PACK, duration=length(20))
    assert said.says("timers.kinds.ice.care")
    assert said.end is False and not said.directives
    assert not said.says("timers.set.capped")  # nothing was capped


def test_default_is_twenty_minutes_and_a_heat_duration_is_honoured(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.intent("SetTimerIntent", {"Pack": HEAT, "Duration": "PT15M"})
    alexa.intent("SetTimerIntent", {})  # no pack named, no length
    bodies = alexa.standin.take_created("timers")
    assert [(b["timerLabel"], b["duration"]) for b in bodies] == [
        ("heat pack", "PT15M"), ("heat or ice pack", "PT20M")]
    assert bodies[0]["triggeringBehavior"]["operation"]["textToAnnounce"][0]["text"] == \
        WORDS.text("timers.kinds.heat.announce")


@pytest.mark.parametrize("slots, minutes", [({"Duration": "PT45M"}, 45),
                                            ({"Duration": "PT2H"}, 120),
                                            ({"Minutes": "30"}, 30)])
def test_a_longer_timer_is_capped_at_twenty_minutes_and_the_cap_explained(alexa, slots, minutes):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", dict(slots, Pack=HEAT))
    assert [b["duration"] for b in alexa.standin.take_created("timers")] == ["PT20M"]
    assert said.says("timers.set.capped", duration=length(20), asked=asked(minutes))


@pytest.mark.parametrize("slots, key", [({"Duration": "PT30S"}, "timers.refuse.seconds"),
                                        ({"Minutes": "0"}, "timers.refuse.zero"),
                                        ({"Minutes": "-5"}, "timers.refuse.zero")])
def test_seconds_and_zero_are_refused_and_the_pack_remembered(alexa, slots, key):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", dict(slots, Pack=ICE))
    assert said.says(key) and said.end is False
    assert alexa.standin.take_calls() == []
    assert said.attributes["timer_kind"] == "ice"
    # "ten minutes" next: the ice pack asked for before.
    again = alexa.intent("SetTimerIntent", {"Minutes": "10"}, said.attributes)
    assert [(b["timerLabel"], b["duration"]) for b in alexa.standin.take_created("timers")] == [
        ("ice pack", "PT10M")]
    assert again.says("timers.set.done", name=ICE_PACK, duration=length(10)) and "timer_kind" not in again.attributes


def test_an_unheard_number_gets_the_default(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.intent("SetTimerIntent", {"Pack": ICE, "Minutes": "?"})
    assert [b["duration"] for b in alexa.standin.take_created("timers")] == ["PT20M"]


def test_a_duplicate_label_keeps_the_running_timer_and_says_how_long_it_has(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.intent("SetTimerIntent", {"Pack": ICE})
    alexa.standin.advance(dt.timedelta(minutes=5))
    said = alexa.intent("SetTimerIntent", {"Pack": ("ice pack", "ice")}, at=NOW + dt.timedelta(minutes=5))
    assert said.says("timers.duplicate.running", a_name=WORDS.text("timers.kinds.ice.a_name"),
                     left=length(15), kind=WORDS.text("timers.kinds.ice.word"))
    assert len(alexa.timers()) == 1 and said.end is False


# -- failures, each spoken ---------------------------------------------------------------

@pytest.mark.parametrize("status, key", [
    (400, "alert_errors.bad_request"),
    (404, "alert_errors.not_found"),
    (429, "alert_errors.rate_limited"),
    (500, "alert_errors.server"),
    (503, "alert_errors.unavailable"),
    (504, "alert_errors.device_offline"),
])
def test_each_api_failure_is_spoken_calmly(alexa, status, key):
    alexa.grant(TIMERS_SCOPE)
    alexa.standin.fail_next(status)
    said = alexa.intent("SetTimerIntent", {"Pack": ICE})
    assert said.says(key, service=TIMER_SERVICE), said.text
    assert said.end is False and not said.directives
    assert alexa.timers() == []
    assert said.says("alert_errors.timer_tip") is (status != 404)


@pytest.mark.parametrize("status", [401, 403])
def test_unauthorized_and_forbidden_ask_for_the_permission(alexa, status):
    alexa.grant(TIMERS_SCOPE)
    alexa.standin.fail_next(status)
    said = alexa.intent("SetTimerIntent", {"Pack": HEAT, "Duration": "PT10M"})
    directive = ask_for(said)
    assert directive["payload"]["permissionScopes"] == [
        {"permissionScope": TIMERS_SCOPE, "consentLevel": "ACCOUNT"}]
    assert said.attributes["alert_request"] == {"scope": "timers", "kind": "heat", "minutes": 10}


def test_a_slow_server_is_spoken_as_slow_within_the_timeout(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.standin.delay_next(API_TIMEOUT * 2)
    started = time.monotonic()
    said = alexa.intent("SetTimerIntent", {"Pack": ICE})
    elapsed = time.monotonic() - started
    assert said.says("alert_errors.timeout", service=TIMER_SERVICE)
    assert elapsed < API_TIMEOUT * 1.8, elapsed  # gave up at the timeout, not at the answer


def test_an_unreachable_api_is_spoken_as_unavailable(alexa):
    event = alexa.envelope(envelopes.intent("SetTimerIntent", {"Pack": ICE}))
    event["context"]["System"]["apiEndpoint"] = "https://127.0.0.1:9"  # nothing listens there
    said = alexa.send(event)
    assert said.says("alert_errors.unavailable", service=TIMER_SERVICE) and said.end is False


def test_the_wording_of_a_timer_in_english(alexa):
    """The one place the English is read: the rest of this file names lines by content key."""
    alexa.grant(TIMERS_SCOPE, REMINDERS_SCOPE)
    said = alexa.intent("SetTimerIntent", {"Pack": ICE})
    assert "Your ice pack timer is set for twenty minutes." in said
    alexa.standin.advance(dt.timedelta(minutes=2, seconds=30))
    said = alexa.intent("TimerStatusIntent", at=NOW + dt.timedelta(minutes=2, seconds=30))
    assert "Your ice pack timer has seventeen minutes and 30 seconds left." in said
    said = alexa.intent("WalkReminderIntent", granted=(TIMERS_SCOPE, REMINDERS_SCOPE))
    assert "every hour, from 11 a.m. until 6 p.m., today" in said
    alexa.standin.fail_next(429)
    said = alexa.intent("TimerStatusIntent")
    assert "Alexa's timer service is busy right now." in said


# -- permissions -----------------------------------------------------------------------

def test_without_the_permission_the_skill_asks_by_voice_and_calls_nothing(alexa):
    said = alexa.intent("SetTimerIntent", {"Pack": ICE}, granted=())
    directive = ask_for(said)
    assert directive["payload"] == {
        "@type": "AskForPermissionsConsentRequest", "@version": "2",
        "permissionScopes": [{"permissionScope": TIMERS_SCOPE, "consentLevel": "ACCOUNT"}]}
    assert directive["token"] == "spasm-coach:timers:ice:20"
    assert said.says("alert_permission.timers.ask", name=ICE_PACK)
    assert said.end is True and not said.reprompt  # Alexa takes over to ask
    assert said.attributes["alert_request"] == {"scope": "timers", "kind": "ice", "minutes": 20}
    assert alexa.standin.take_calls() == []


def test_accepted_creates_the_timer_that_was_asked_for(alexa):
    asked = alexa.intent("SetTimerIntent", {"Pack": HEAT, "Duration": "PT15M"}, granted=())
    token = ask_for(asked)["token"]
    alexa.grant(TIMERS_SCOPE)  # the person said yes to Alexa
    said = alexa.answer("ACCEPTED", token)  # a new session: the token carries the request
    assert [(b["timerLabel"], b["duration"]) for b in alexa.standin.take_created("timers")] == [
        ("heat pack", "PT15M")]
    assert said.says("timers.set.done", name=HEAT_PACK, duration=length(15)) and said.end is False
    assert "alert_request" not in said.attributes and "refusals" not in said.attributes


def test_accepted_falls_back_on_the_session_when_the_token_is_not_ours(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.answer("ACCEPTED", "", {"alert_request": {"scope": "timers", "kind": "ice", "minutes": 12}})
    assert [(b["timerLabel"], b["duration"]) for b in alexa.standin.take_created("timers")] == [
        ("ice pack", "PT12M")]
    assert said.says("timers.set.done", name=ICE_PACK, duration=length(12))


def test_accepted_but_still_refused_by_the_api_does_not_ask_again(alexa):
    said = alexa.answer("ACCEPTED", "spasm-coach:timers:ice:20")  # stand-in has no grant
    assert not said.directives and said.says("alert_permission.timers.still_refused")
    assert alexa.timers() == []


def test_denied_gets_another_way_and_no_new_question_for_seven_days(alexa):
    said = alexa.answer("DENIED", "spasm-coach:timers:ice:20", granted=())
    assert said.says("alert_permission.timers.denied")
    assert said.attributes["refusals"] == {TIMERS_SCOPE: "2026-11-20"}
    assert said.end is False and not said.directives
    kept = {"refusals": said.attributes["refusals"]}  # what the memory layer carries over
    for days in (0, 1, 6):
        later = alexa.intent("SetTimerIntent", {"Pack": ICE}, kept, granted=(),
                             at=NOW + dt.timedelta(days=days))
        assert not later.directives, days
        assert later.says("alert_permission.timers.refused_recently") and later.end is False
    for days in (7, 8):
        later = alexa.intent("SetTimerIntent", {"Pack": ICE}, kept, granted=(),
                             at=NOW + dt.timedelta(days=days))
        assert ask_for(later)["payload"]["permissionScopes"][0]["permissionScope"] == TIMERS_SCOPE
    assert alexa.standin.take_calls() == []


def test_a_grant_clears_an_old_refusal(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.answer("ACCEPTED", "spasm-coach:timers:ice:20",
                        {"refusals": {TIMERS_SCOPE: "2026-11-01", REMINDERS_SCOPE: "2026-11-19"}})
    assert said.attributes["refusals"] == {REMINDERS_SCOPE: "2026-11-19"}


def test_not_answered_sets_nothing_and_records_no_refusal(alexa):
    said = alexa.answer("NOT_ANSWERED", "spasm-coach:timers:heat:20", granted=())
    assert said.says("alert_permission.timers.not_answered") and said.end is False
    assert "refusals" not in said.attributes and alexa.timers() == []


def test_an_error_status_from_alexa_counts_as_not_answered(alexa):
    event = alexa.envelope(envelopes.envelope({
        "type": "Connections.Response", "name": "AskFor", "token": "spasm-coach:timers:ice:20",
        "status": {"code": "500", "message": "error"}, "payload": {}}, new=True), granted=())
    said = alexa.send(event)
    assert said.says("alert_permission.timers.not_answered") and alexa.timers() == []


# -- status, cancel, pause, resume -------------------------------------------------------

def test_status_pause_resume_and_cancel(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.intent("SetTimerIntent", {"Pack": ICE})
    alexa.intent("SetTimerIntent", {"Pack": HEAT, "Duration": "PT10M"})
    alexa.standin.advance(dt.timedelta(minutes=2, seconds=30))
    at = NOW + dt.timedelta(minutes=2, seconds=30)
    alexa.standin.take_calls()

    said = alexa.intent("TimerStatusIntent", at=at)
    assert said.says("timers.status.one", name=HEAT_PACK, left=length(7, 30))
    assert said.says("timers.status.one", name=ICE_PACK, left=length(17, 30))
    assert [(c["method"], c["path"]) for c in alexa.standin.take_calls()] == [("GET", "/v1/alerts/timers")]

    said = alexa.intent("TimerStatusIntent", {"Pack": ICE}, at=at)
    assert said.says("timers.status.one", name=ICE_PACK, left=length(17, 30))
    assert not said.says("timers.status.one", name=HEAT_PACK)

    said = alexa.intent("PauseTimerIntent", {"Pack": ICE}, at=at)
    assert said.says("timers.pause.done", name=ICE_PACK, left=length(17, 30))
    assert {t["timerLabel"]: t["status"] for t in alexa.timers()} == {"ice pack": "PAUSED", "heat pack": "ON"}
    alexa.standin.advance(dt.timedelta(minutes=5))
    later = at + dt.timedelta(minutes=5)
    said = alexa.intent("TimerStatusIntent", {"Pack": ICE}, at=later)
    assert said.says("timers.status.paused", name=ICE_PACK, left=length(17, 30))

    said = alexa.intent("ResumeTimerIntent", {"Pack": ICE}, at=later)
    assert said.says("timers.resume.done", name=ICE_PACK, left=length(17, 30))
    assert {t["status"] for t in alexa.timers()} == {"ON"}

    said = alexa.intent("CancelTimerIntent", at=later)  # two timers, none named
    assert said.says("timers.cancel.which") and ICE_PACK in said and HEAT_PACK in said
    assert len(alexa.timers()) == 2

    said = alexa.intent("CancelTimerIntent", {"Pack": ICE}, at=later)
    assert said.says("timers.cancel.done", name=ICE_PACK)
    said = alexa.intent("CancelTimerIntent", at=later)  # only the heat pack is left
    assert said.says("timers.cancel.done", name=HEAT_PACK)
    assert alexa.timers() == []
    said = alexa.intent("TimerStatusIntent", at=later)
    assert said.says("timers.status.none")
    said = alexa.intent("PauseTimerIntent", at=later)
    assert said.says("timers.status.none")
    said = alexa.intent("CancelTimerIntent", {"Pack": HEAT}, at=later)
    assert said.says("timers.status.none_kind", name=HEAT_PACK)


def test_status_without_the_permission_makes_no_call(alexa):
    said = alexa.intent("TimerStatusIntent", granted=())
    assert said.says("timers.status.none")
    assert alexa.standin.take_calls() == []


def test_status_failure_is_spoken(alexa):
    alexa.grant(TIMERS_SCOPE)
    alexa.standin.fail_next(429)
    said = alexa.intent("TimerStatusIntent")
    assert said.says("alert_errors.rate_limited", service=TIMER_SERVICE) and said.end is False


# -- reminders -------------------------------------------------------------------------

def test_walking_reminders_confirm_then_create_then_cancel(alexa):
    alexa.grant(REMINDERS_SCOPE)
    both = (TIMERS_SCOPE, REMINDERS_SCOPE)
    said = alexa.intent("WalkReminderIntent", granted=both)
    # No time zone from the stand-in's settings API: the locale's usual zone.
    assert said.says("reminders.confirm_many", first=clock(11, "am"), last=clock(6, "pm"))
    assert said.attributes["pending"] == "confirm_reminders"
    assert said.attributes["reminder_zone"] == "America/New_York"
    assert alexa.standin.take_created("reminders") == []

    done = alexa.intent("AMAZON.YesIntent", attributes=said.attributes, granted=both)
    assert done.says("reminders.done_many", first=clock(11, "am"), last=clock(6, "pm"))
    (body,) = alexa.standin.take_created("reminders")
    trigger = body["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE" and trigger["timeZoneId"] == "America/New_York"
    hours = [int(rule.split("BYHOUR=")[1].split(";")[0]) for rule in trigger["recurrence"]["recurrenceRules"]]
    assert hours == list(range(11, 19))
    assert body["alertInfo"]["spokenInfo"]["content"][0]["text"] == WORDS.text("reminders.text")
    assert "pending" not in done.attributes

    fired = alexa.standin.advance(dt.timedelta(hours=1, minutes=1))
    assert fired and fired[0].endswith(WORDS.text("reminders.text"))

    cancelled = alexa.intent("CancelRemindersIntent", granted=both)
    assert cancelled.says("reminders.cancelled")
    assert all(r["status"] != "ON" for r in alexa.standin.reminders(USER))
    again = alexa.intent("CancelRemindersIntent", granted=both)
    assert again.says("reminders.cancelled_none")


def test_no_to_the_reminder_plan_sets_nothing(alexa):
    alexa.grant(REMINDERS_SCOPE)
    said = alexa.intent("WalkReminderIntent", granted=(REMINDERS_SCOPE,))
    no = alexa.intent("AMAZON.NoIntent", attributes=said.attributes, granted=(REMINDERS_SCOPE,))
    assert no.says("reminders.declined") and "reminder_zone" not in no.attributes
    assert alexa.standin.take_created("reminders") == []


def test_too_late_in_the_day_for_reminders(alexa):
    alexa.grant(REMINDERS_SCOPE)
    late = NOW.replace(hour=23, minute=30)  # 6:30 p.m. in New York
    said = alexa.intent("WalkReminderIntent", granted=(REMINDERS_SCOPE,), at=late)
    assert said.says("reminders.too_late") and "pending" not in said.attributes


def test_reminders_ask_for_their_own_permission_then_confirm(alexa):
    said = alexa.intent("WalkReminderIntent", granted=(TIMERS_SCOPE,))
    directive = ask_for(said)
    assert directive["payload"]["permissionScopes"] == [
        {"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}]
    assert directive["token"] == "spasm-coach:reminders"
    alexa.grant(REMINDERS_SCOPE)
    answered = alexa.answer("ACCEPTED", directive["token"], granted=(REMINDERS_SCOPE,),
                            scope=REMINDERS_SCOPE)
    assert answered.says("reminders.confirm_many") and answered.attributes["pending"] == "confirm_reminders"
    denied = alexa.answer("DENIED", directive["token"], granted=(), scope=REMINDERS_SCOPE)
    assert denied.says("alert_permission.reminders.denied")
    assert denied.attributes["refusals"] == {REMINDERS_SCOPE: "2026-11-20"}


def test_reminder_failure_is_spoken_and_unauthorized_asks_again(alexa):
    alexa.grant(REMINDERS_SCOPE)
    said = alexa.intent("WalkReminderIntent", granted=(REMINDERS_SCOPE,))
    alexa.standin.fail_next(500)
    failed = alexa.intent("AMAZON.YesIntent", attributes=said.attributes, granted=(REMINDERS_SCOPE,))
    assert failed.says("alert_errors.server", service=REMINDER_SERVICE) and failed.end is False
    alexa.standin.fail_next(401)
    asked = alexa.intent("AMAZON.YesIntent", attributes=said.attributes, granted=(REMINDERS_SCOPE,))
    assert ask_for(asked)["token"] == "spasm-coach:reminders"


# -- offers from other parts of the skill, and safety --------------------------------

def test_an_offered_timer_is_set_on_yes(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("AMAZON.YesIntent", attributes={"pending": "offer_heat_timer"})
    assert said.says("timers.set.done", name=HEAT_PACK, duration=length(20))
    which = alexa.intent("AMAZON.YesIntent", attributes={"pending": "offer_timer"})
    assert which.says("timers.offer.which") and which.end is False
    heard = alexa.intent("SetTimerIntent", {"Pack": ICE}, which.attributes)
    assert heard.says("timers.set.done", name=ICE_PACK)
    no = alexa.intent("AMAZON.NoIntent", attributes={"pending": "offer_ice_timer"})
    assert no.says("timers.offer.declined")
    assert [b["timerLabel"] for b in alexa.standin.take_created("timers")] == ["heat pack", "ice pack"]


def test_timers_are_allowed_after_a_safety_flag(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", {"Pack": HEAT}, {"safety": "doctor"})
    assert said.says("timers.set.done", name=HEAT_PACK) and said.says("timers.kinds.heat.care")
    assert said.attributes["safety"] == "doctor"


def test_the_safety_check_still_answers_first(alexa):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", {"Pack": "both legs are going numb"})
    assert said.attributes["safety"] == "emergency" and said.end is True
    assert alexa.standin.take_calls() == []


# -- pure parts ------------------------------------------------------------------------

def test_tokens_round_trip_and_strangers_are_ignored():
    request = {"scope": "timers", "kind": "heat", "minutes": 12.5}
    assert timers.read_token(timers.make_token(request)) == request
    assert timers.read_token(timers.make_token({"scope": "reminders"})) == {"scope": "reminders"}
    for token in ("", None, "other:timers:ice:20", "spasm-coach:calendar"):
        assert timers.read_token(token) is None
    assert timers.read_token("spasm-coach:timers:lava:-3") == {"scope": "timers", "kind": "pack", "minutes": None}


def test_refusal_window():
    day = dt.date(2026, 11, 20)
    refusals = {TIMERS_SCOPE: "2026-11-14"}
    assert timers.refused_recently(refusals, TIMERS_SCOPE, day)           # 6 days
    assert not timers.refused_recently(refusals, TIMERS_SCOPE, day + dt.timedelta(days=1))
    assert not timers.refused_recently(refusals, REMINDERS_SCOPE, day)
    assert not timers.refused_recently({TIMERS_SCOPE: "soon"}, TIMERS_SCOPE, day)
    assert not timers.refused_recently(None, TIMERS_SCOPE, day)


def test_spoken_lengths_and_clock_times():
    content = for_locale("en-US")
    assert timers.spoken_length(dt.timedelta(minutes=20), content) == "twenty minutes"
    assert timers.spoken_length(dt.timedelta(minutes=1, seconds=1), content) == "one minute and one second"
    assert timers.spoken_length(dt.timedelta(seconds=0), content) == "zero seconds"
    assert timers.spoken_length(dt.timedelta(minutes=4, seconds=30), content) == "four minutes and 30 seconds"
    clock = {"on_the_hour": "{hour} {half}", "with_minutes": "{hour}:{minute} {half}", "am": "a.m.", "pm": "p.m."}
    assert timers.spoken_clock(dt.datetime(2026, 1, 1, 0, 5), clock) == "12:05 a.m."
    assert timers.spoken_clock(dt.datetime(2026, 1, 1, 12, 0), clock) == "12 p.m."
    assert timers.spoken_clock(dt.datetime(2026, 1, 1, 17, 0), clock) == "5 p.m."


def test_kind_from_heard_words():
    kinds = for_locale("en-US").raw("timers.kinds")
    assert timers.kind_from({"value": "hot water bottle", "id": None}, kinds) == "heat"
    assert timers.kind_from({"value": "bag of frozen peas", "id": None}, kinds) == "ice"
    assert timers.kind_from({"value": "Frozen PEAS", "id": None}, kinds) == "ice"
    assert timers.kind_from({"value": "lava", "id": None}, kinds) is None
    assert timers.kind_from({"value": "lava", "id": "heat"}, kinds) == "heat"
    assert timers.kind_from(None, kinds) is None
    # Both packs named: the one named after the last word that asks for a timer.
    cues = for_locale("en-US").raw("timers.switch_words")
    assert timers.kind_from({"value": "the frozen peas are off so start the hot water bottle", "id": None},
                            kinds, cues) == "heat"
    assert timers.kind_from({"value": "heat is done now the ice", "id": None}, kinds, cues) == "ice"
    assert timers.kind_from({"value": "finished with it now a timer for the cold one and the heat later",
                             "id": None}, kinds, cues) == "ice"
    # The words are the content's: another language's list is read the same way.
    other = {"ice": {"heard": ["glace"]}, "heat": {"heard": ["chaleur", "bouillotte"]}}
    assert timers.kind_from({"value": "une bouillotte", "id": None}, other) == "heat"
    assert timers.kind_from({"value": "frozen peas", "id": None}, other) is None


@pytest.mark.parametrize("status", [401, 403])
def test_a_lost_permission_on_status_or_cancel_is_spoken_without_asking(alexa, status):
    alexa.grant(TIMERS_SCOPE, REMINDERS_SCOPE)
    for name in ("TimerStatusIntent", "CancelTimerIntent", "PauseTimerIntent"):
        alexa.standin.fail_next(status)
        said = alexa.intent(name)
        assert not said.directives and said.says("alert_permission.timers.lost"), name
    alexa.standin.fail_next(status)
    said = alexa.intent("CancelRemindersIntent", granted=(REMINDERS_SCOPE,))
    assert not said.directives and said.says("alert_permission.reminders.lost")


def test_the_cap_is_still_explained_after_the_permission_is_granted(alexa):
    question = alexa.intent("SetTimerIntent", {"Pack": ICE, "Duration": "PT30M"}, granted=())
    assert ask_for(question)["token"] == "spasm-coach:timers:ice:30"
    alexa.grant(TIMERS_SCOPE)
    said = alexa.answer("ACCEPTED", ask_for(question)["token"])
    assert [b["duration"] for b in alexa.standin.take_created("timers")] == ["PT20M"]
    assert said.says("timers.set.capped", duration=length(20), asked=asked(30))


@pytest.mark.parametrize("slots", [{"Minutes": "99999999999999999999"}, {"Minutes": "1e308"},
                                   {"Duration": "PT99999999999999H"}, {"Duration": "P99999999999D"}])
def test_absurd_lengths_are_bounded_before_the_api_call(alexa, slots):
    alexa.grant(TIMERS_SCOPE)
    said = alexa.intent("SetTimerIntent", dict(slots, Pack=ICE))
    created = [b["duration"] for b in alexa.standin.take_created("timers")]
    assert created in ([], ["PT20M"])  # capped like any long timer, or not heard at all
    assert said.end is False and said.reprompt
    assert not said.says("error") and not said.says("apology")


def test_a_tampered_length_in_the_session_cannot_break_the_timer(alexa):
    alexa.grant(TIMERS_SCOPE)
    for minutes in (1e300, "ten", [5], float("inf")):
        attributes = {"alert_request": {"scope": "timers", "kind": ICE, "minutes": minutes}}
        said = alexa.intent("AMAZON.YesIntent", attributes=attributes)
        assert not said.says("error") and not said.says("apology")


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
def test_a_timestamp_at_the_end_of_time_cannot_break_a_reminder_plan(alexa, stamp):
    alexa.grant(REMINDERS_SCOPE)
    event = alexa.envelope(envelopes.intent("WalkReminderIntent"), granted=(REMINDERS_SCOPE,))
    event["request"]["timestamp"] = stamp  # the device's zone is behind UTC: year 0 at 0001
    said = alexa.send(event)
    assert not said.says("error") and not said.says("apology") and said.end is False
