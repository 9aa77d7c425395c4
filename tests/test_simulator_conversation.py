"""Conversations through the simulator: the real skill for the main flows, and a small skill
of the tests' own for Alexa's side of permissions, timers, silence and broken responses."""
from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.connections import SendRequestDirective

from spasm_coach.alexa_api import TIMERS_SCOPE, AlexaApiError, LazyApiClient, TimerService
from spasm_coach.config import Settings
from spasm_coach.content import for_locale
from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn
from spasm_coach_tools.simulator.conversation import (REPORT_KEYS, Conversation, plain_speech,
                                                      response_problem, skill_handler)
from spasm_coach_tools.simulator.nlu import NLU

START = "2025-03-01T09:00:00Z"


class Spy:
    """Wraps a handler; keeps every envelope sent and every response, after checking the
    envelope deserializes as the SDK would read it."""

    def __init__(self, handler):
        self.handler = handler
        self.envelopes: List[Dict[str, Any]] = []
        self.responses: List[Any] = []

    def __call__(self, event, context):
        DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
        self.envelopes.append(event)
        result = self.handler(event, context)
        self.responses.append(result)
        return result


def said(reports):
    return [r["speech"] for r in reports]


# --- the real skill ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_skill():
    return skill_handler(Settings(store="session"))


@pytest.fixture
def talk(real_skill):
    spy = Spy(real_skill)
    return Conversation(spy, now=START), spy


def test_every_report_has_the_documented_keys(talk):
    conversation, _ = talk
    for report in conversation.run(["open back spasm coach", "/bogus", "/silence"]):
        assert set(REPORT_KEYS) <= set(report)


def test_spasm_then_stretches_then_stop(talk):
    conversation, spy = talk
    launch = conversation.line("open back spasm coach")[0]
    assert launch["request_type"] == "LaunchRequest" and launch["end_session"] is False
    assert "not medical advice" in launch["speech"] and for_locale("en-US").fill("{number}") in launch["speech"]
    assert launch["reprompt"] and launch["error"] is None

    spasm = conversation.line("my back is spasming")[0]
    assert (spasm["intent"], spasm["sample"]) == ("SpasmIntent", "my back is spasming")
    assert spasm["end_session"] is False and spasm["speech"]

    # Yes to stretches: the safety question comes first, before any exercise.
    yes = conversation.line("yes")[0]
    assert yes["intent"] == "AMAZON.YesIntent" and "leg" in yes["speech"].lower()
    assert "hold" not in yes["speech"].lower()
    first_no = conversation.line("no")[0]
    assert first_no["intent"] == "AMAZON.NoIntent" and "hold" not in first_no["speech"].lower()
    no = conversation.line("no")[0]
    assert no["intent"] == "AMAZON.NoIntent" and "stretch one of" in no["speech"].lower()
    assert no["safety"] is None
    nxt = conversation.line("next")[0]
    assert nxt["intent"] == "AMAZON.NextIntent" and nxt["speech"] != no["speech"]
    back = conversation.line("go back")[0]
    assert back["intent"] == "AMAZON.PreviousIntent"

    stop = conversation.line("stop")[0]
    assert stop["intent"] == "AMAZON.StopIntent" and stop["end_session"] is True

    # One session throughout: same id, new only at the start, attributes carried over.
    sessions = [e["session"] for e in spy.envelopes]
    assert len({s["sessionId"] for s in sessions}) == 1
    assert [s["new"] for s in sessions] == [True] + [False] * 7
    for envelope, previous in zip(spy.envelopes[1:], spy.responses):
        assert envelope["session"]["attributes"] == previous.get("sessionAttributes", {})

    # The session is over: the next utterance is a one-shot in a new session.
    again = conversation.line("how do i do the cat cow")[0]
    assert again["intent"] == "StretchIntent" and again["resolved"]["Stretch"]
    assert spy.envelopes[-1]["session"]["new"] is True
    assert spy.envelopes[-1]["session"]["sessionId"] != sessions[0]["sessionId"]


def test_one_shot_question(talk):
    conversation, spy = talk
    report = conversation.line("ask back spasm coach how do i do the knee hug")[0]
    assert report["one_shot"] is True and report["intent"] == "StretchIntent"
    assert report["slots"] == {"Stretch": "knee hug"}
    assert report["resolved"]["Stretch"] is not None
    assert spy.envelopes[0]["session"]["new"] is True
    assert report["end_session"] is False and report["speech"]


def test_information_topics(talk):
    conversation, _ = talk
    heat, sleep = conversation.run(["ask back spasm coach should i use heat or ice", "tell me about sleeping"])
    assert heat["intent"] == "HeatIceInfoIntent" and "twenty minutes" in heat["speech"]
    assert sleep["intent"] == "InfoIntent" and "mattress" in sleep["speech"].lower()


def test_silence_reprompts_then_ends_the_session(talk):
    conversation, spy = talk
    launch, reprompt, ended = conversation.run(["open back spasm coach", "/silence", "/silence"])
    assert reprompt["request_type"] == "Reprompt" and reprompt["speech"] == launch["reprompt"]
    assert len(spy.envelopes) == 2  # the reprompt sent nothing
    assert ended["request_type"] == "SessionEndedRequest"
    assert spy.envelopes[-1]["request"]["reason"] == "EXCEEDED_MAX_REPROMPTS"
    assert conversation.line("/silence") == [] and conversation.line("/end") == []


def test_end_and_switching_users(talk):
    conversation, spy = talk
    reports = conversation.run(["open back spasm coach", "/end", "/user bob", "open back spasm coach"])
    assert [r["request_type"] for r in reports] == ["LaunchRequest", "SessionEndedRequest", "LaunchRequest"]
    assert spy.envelopes[1]["request"]["reason"] == "USER_INITIATED"
    first, last = spy.envelopes[0], spy.envelopes[-1]
    assert first["context"]["System"]["user"]["userId"] == "amzn1.ask.account.simulated-user"
    assert last["context"]["System"]["user"]["userId"] == "amzn1.ask.account.bob"
    assert reports[-1]["user"] == "bob"


def test_timestamps_follow_the_simulated_clock(talk):
    conversation, spy = talk
    conversation.run(["open back spasm coach", "/advance 3h", "open back spasm coach"])
    stamps = [e["request"]["timestamp"] for e in spy.envelopes]
    assert stamps[0] == "2025-03-01T09:00:00Z"
    assert stamps[-1] == "2025-03-01T12:00:00Z"


def test_advance_with_a_session_open_lets_the_silence_run_out(talk):
    conversation, spy = talk
    reports = conversation.run(["open back spasm coach", "/advance 20m"])
    assert [r["request_type"] for r in reports] == ["LaunchRequest", "Reprompt", "SessionEndedRequest", None]
    assert conversation.session is None


def test_bad_lines_give_errors_and_the_script_goes_on(talk):
    conversation, _ = talk
    reports = conversation.run(["/advance", "/advance soon", "/user", "/user a b", "/launch now", "/frobnicate",
                                "", "# a comment", "open back spasm coach"])
    errors = [r["error"] for r in reports[:-1]]
    assert len(errors) == 6 and all(errors)
    assert all(r["request_type"] is None for r in reports[:-1])
    assert reports[-1]["request_type"] == "LaunchRequest" and reports[-1]["error"] is None


# --- a skill of the tests' own: Alexa's side ------------------------------------------

TEST_MODEL = NLU({"interactionModel": {"languageModel": {
    "invocationName": "back spasm coach",
    "intents": [
        {"name": "TimerIntent", "slots": [{"name": "Minutes", "type": "AMAZON.NUMBER"}],
         "samples": ["set a timer for {Minutes} minutes"]},
        {"name": "BoomIntent", "samples": ["break something"]},
        {"name": "BadSsmlIntent", "samples": ["say it badly"]},
        {"name": "LongBreakIntent", "samples": ["pause a long time"]},
        {"name": "WorryIntent", "samples": ["my legs are numb"]},
        {"name": "AMAZON.FallbackIntent", "samples": []},
        {"name": "AMAZON.StopIntent", "samples": []},
    ],
}}})


class _Launch(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello.").ask("Say set a timer.").response


class _Timer(AbstractRequestHandler):
    """Sets an ice-pack timer; asks for the permission by voice when it is missing."""

    def can_handle(self, handler_input):
        return is_intent_name("TimerIntent")(handler_input) or is_request_type("Connections.Response")(handler_input)

    def handle(self, handler_input):
        request = handler_input.request_envelope.request
        builder = handler_input.response_builder
        if is_request_type("Connections.Response")(handler_input):
            minutes = 20
            if request.payload.get("status") != "ACCEPTED":
                return builder.speak("Okay, no timer.").set_should_end_session(True).response
        else:
            minutes = int(request.intent.slots["Minutes"].value)
        try:
            TimerService(handler_input).create_announce_timer(
                "ice pack", minutes, "Time to take the ice pack off.", request.locale)
        except AlexaApiError as error:
            if error.kind != "unauthorized":
                return builder.speak("The timer failed: %s." % error.kind).response
            builder.add_directive(SendRequestDirective(
                name="AskFor", token="timer",
                payload={"@type": "AskForPermissionsConsentRequest", "@version": "2",
                         "permissionScopes": [{"permissionScope": TIMERS_SCOPE, "consentLevel": "ACCOUNT"}]}))
            return builder.speak("I need your permission for timers.").response
        return builder.speak("Timer set for %d minutes." % minutes).ask("Anything else?").response


class _Broken(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("IntentRequest")(handler_input) and \
            handler_input.request_envelope.request.intent.name in ("BadSsmlIntent", "LongBreakIntent", "WorryIntent")

    def handle(self, handler_input):
        name = handler_input.request_envelope.request.intent.name
        builder = handler_input.response_builder
        if name == "BadSsmlIntent":
            builder.speak("one <break time='1s'> two")  # not well-formed
        elif name == "LongBreakIntent":
            builder.speak('wait <break time="12s"/> done')
        else:
            handler_input.attributes_manager.session_attributes["safety"] = "emergency"
            builder.speak("Call 911 now.").ask("Are you safe?")
        return builder.response


class _Rest(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        if is_intent_name("BoomIntent")(handler_input):
            raise RuntimeError("boom")
        if is_request_type("SessionEndedRequest")(handler_input):
            return handler_input.response_builder.response
        return handler_input.response_builder.speak("Goodbye.").set_should_end_session(True).response


def _test_skill(ca_path):
    builder = CustomSkillBuilder(api_client=LazyApiClient(timeout=5.0, ca_bundle=ca_path))
    for handler in (_Launch(), _Timer(), _Broken(), _Rest()):
        builder.add_request_handler(handler)
    skill = builder.create()
    serializer = DefaultSerializer()

    def handler(event, context):
        request = serializer.deserialize(json.dumps(event), RequestEnvelope)
        return serializer.serialize(skill.invoke(request_envelope=request, context=context))

    return handler


@pytest.fixture(scope="module")
def stand_in():
    with AlexaApiStandIn() as server:
        yield server


@pytest.fixture
def own(stand_in):
    stand_in.reset()
    spy = Spy(_test_skill(stand_in.ca_path))

    def make(**options):
        return Conversation(spy, now=START, nlu=TEST_MODEL, apis=stand_in, **options), spy
    return make


def test_permission_asked_by_voice_is_granted_and_the_timer_goes_off(own):
    conversation, spy = own()
    reports = conversation.run(["open back spasm coach", "set a timer for 20 minutes"])
    asked, answered = reports[1], reports[2]
    assert asked["directives"] == ["Connections.SendRequest:AskFor"] and asked["timers"] == []
    assert answered["request_type"] == "Connections.Response" and answered["input"] == "set a timer for 20 minutes"
    response_request = spy.envelopes[2]
    assert response_request["request"]["payload"]["status"] == "ACCEPTED"
    assert response_request["session"]["new"] is True  # Alexa handed control back in a new session
    system_user = response_request["context"]["System"]["user"]
    assert system_user["permissions"]["scopes"][TIMERS_SCOPE]["status"] == "GRANTED"
    assert system_user["permissions"]["consentToken"]
    assert answered["speech"] == "Timer set for 20 minutes."
    assert [t["duration"] for t in answered["timers"]] == ["PT20M"]
    assert answered["timers"][0]["timerLabel"] == "ice pack"
    timers = conversation.active_timers()
    assert timers and timers[0]["remaining_seconds"] == 20 * 60

    # Later requests still carry the permission; the timer goes off when the clock passes it.
    reports = conversation.run(["/advance 19m", "/advance 1m"])
    assert [r["request_type"] for r in reports] == ["Reprompt", "SessionEndedRequest", None, None]
    assert [r["events"] for r in reports] == [[], [], [], ['timer "ice pack" went off: Time to take the ice pack off.']]
    assert conversation.active_timers() == []
    again = conversation.line("ask back spasm coach to set a timer for 5 minutes")
    assert again[0]["speech"] == "Timer set for 5 minutes." and len(again) == 1
    assert spy.envelopes[-1]["context"]["System"]["user"]["permissions"]["scopes"][TIMERS_SCOPE]["status"] == "GRANTED"


def test_denied_permission(own):
    conversation, spy = own(deny_permissions=True)
    reports = conversation.run(["ask back spasm coach to set a timer for 10 minutes"])
    assert [r["request_type"] for r in reports] == ["IntentRequest", "Connections.Response"]
    assert spy.envelopes[-1]["request"]["payload"]["status"] == "DENIED"
    assert spy.envelopes[-1]["context"]["System"]["user"]["permissions"]["scopes"][TIMERS_SCOPE]["status"] == "DENIED"
    assert reports[-1]["speech"] == "Okay, no timer." and reports[-1]["timers"] == []
    assert conversation.session is None


def test_skill_errors_are_reported_and_alexa_ends_the_session(own):
    conversation, spy = own()
    reports = conversation.run(["open back spasm coach", "break something", "open back spasm coach"])
    assert reports[1]["error"].startswith("the skill raised")
    assert reports[2]["request_type"] == "SessionEndedRequest"
    assert spy.envelopes[2]["request"]["reason"] == "ERROR"
    assert spy.envelopes[2]["request"]["error"]["type"] == "INVALID_RESPONSE"
    assert reports[3]["request_type"] == "LaunchRequest" and reports[3]["error"] is None


@pytest.mark.parametrize("line, problem", [("say it badly", "not valid"), ("pause a long time", "break of 12s")])
def test_invalid_responses_are_errors(own, line, problem):
    conversation, _ = own()
    reports = conversation.run(["open back spasm coach", line])
    assert problem in reports[1]["error"]
    assert conversation.session is None


def test_safety_is_reported_from_session_attributes(own):
    conversation, _ = own()
    launch, worry = conversation.run(["open back spasm coach", "my legs are numb"])
    assert launch["safety"] is None and worry["safety"] == "emergency"
    assert worry["speech"] == "Call 911 now."


def test_not_understood_without_fallback_is_an_error_line(real_skill):
    nlu = NLU({"interactionModel": {"languageModel": {"invocationName": "back spasm coach", "intents": [
        {"name": "AMAZON.StopIntent", "samples": []}]}}})
    spy = Spy(real_skill)
    report = Conversation(spy, now=START, nlu=nlu).line("tell me a story")[0]
    assert report["error"] and report["request_type"] is None and spy.envelopes == []


def test_response_checks():
    ok = {"version": "1.0", "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Hi <break time=\"500ms\"/> there</speak>"}}}
    assert response_problem(ok) is None
    assert plain_speech(ok["response"]["outputSpeech"]) == "Hi there"
    assert plain_speech({"type": "SSML", "ssml": '<speak>Call <sub alias="nine one one">911</sub>.</speak>'}) == "Call nine one one ."
    assert "not a JSON object" in response_problem(None)
    assert "version" in response_problem({"response": {}})
    assert "longer than" in response_problem({"version": "1.0", "response": {
        "outputSpeech": {"type": "PlainText", "text": "x" * 8001}}})
    assert "bytes" in response_problem({"version": "1.0", "response": {}, "sessionAttributes": {"x": "y" * 130000}})
    assert "speak" in response_problem({"version": "1.0", "response": {
        "outputSpeech": {"type": "SSML", "ssml": "<p>hi</p>"}}})
