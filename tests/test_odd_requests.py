"""Odd envelopes through lambda_handler: the advice survives them, nothing else breaks."""
import json
import math

import pytest

from envelopes import Said, envelope, intent, launch, session_ended
from lambda_function import lambda_handler
from spasm_coach.content import for_locale
from spasm_coach.limits import MAX_RESPONSE_BYTES, fit_limits, size_of
from spasm_coach.session_attributes import MAX_TOTAL_CHARS, checked
from spasm_coach.speech import is_own_ssml

CONTENT = for_locale("en-US")
EMERGENCY_CARD = CONTENT.shown("safety.emergency_card")


def send(event):
    return Said(lambda_handler(event, None))


def wet(**kwargs):
    return intent("SymptomIntent", {"Symptom": "I wet myself"}, **kwargs)


ODD_FIELDS = [
    (("request", "timestamp"), "2026-02-30T10:00:00Z"),
    (("request", "timestamp"), ""),
    (("request", "timestamp"), 12345),
    (("request", "intent", "confirmationStatus"), "SOMETHING_NEW"),
    (("request", "dialogState"), "SOMETHING_NEW"),
    (("context", "System", "device"), "a string"),
    (("context", "System", "user", "permissions"), ["x"]),
]


def _set(event, path, value):
    node = event
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return event


@pytest.mark.parametrize("path, value", ODD_FIELDS)
def test_an_emergency_in_an_envelope_the_sdk_cannot_read_still_gets_the_advice(path, value):
    said = send(_set(wet(), path, value))
    assert said.card["content"] == EMERGENCY_CARD
    assert said.end is True and said.attributes["safety"] == "emergency"


def test_an_unknown_resolution_code_keeps_the_advice():
    event = wet()
    event["request"]["intent"]["slots"]["Symptom"]["resolutions"] = {"resolutionsPerAuthority": [
        {"authority": "a", "status": {"code": "ER_SUCCESS_SOMETHING_NEW"}, "values": []}]}
    said = send(event)
    assert said.card["content"] == EMERGENCY_CARD and said.end is True


def test_doctor_level_words_in_an_unreadable_envelope_get_that_advice_and_the_session_goes_on():
    event = intent("SymptomIntent", {"Symptom": "pain going down the back of my leg"})
    said = send(_set(event, ("request", "timestamp"), "2026-02-30T10:00:00Z"))
    assert said.attributes["safety"] in ("doctor", "urgent", "emergency")
    assert said.card["content"] == CONTENT.shown("safety.%s_card" % said.attributes["safety"])
    if said.attributes["safety"] != "emergency":
        assert said.end is False and said.reprompt


def test_an_unreadable_envelope_without_a_red_flag_gets_the_apology_and_an_event_nothing():
    said = send(_set(intent("AMAZON.HelpIntent"), ("request", "timestamp"), "2026-02-30"))
    assert said.text and said.end is True and "safety" not in said.attributes
    event = _set(envelope({"type": "AlexaSkillEvent.SkillEnabled"}), ("request", "timestamp"), "x")
    assert lambda_handler(event, None)["response"] == {}


@pytest.mark.parametrize("attributes", [
    {"safety": ["x"]}, {"remembered": 5}, {"prefs": "slow"}, {"last": 5}, {"routine": [1]},
    {"hurts": "x"}, {"sequence": 5}, {"refusals": "x"}, {"left_out": 3}, {"x": float("nan")},
])
def test_session_attributes_of_the_wrong_type_are_dropped_not_fatal(attributes):
    said = send(wet(attributes=attributes))
    assert said.card["content"] == EMERGENCY_CARD and said.end is True
    said = send(intent("AMAZON.HelpIntent", attributes=attributes))
    assert said.end is False and said.text
    json.dumps(said.raw, allow_nan=False)  # nothing NaN echoed back


def test_checked_keeps_valid_attributes_and_drops_each_invalid_one_alone():
    deep = {}
    for _ in range(20):
        deep = {"a": deep}
    attributes = {"safety": "doctor", "screened": True, "prefs": {"pace": "slower"},
                  "future_key": {"ok": [1, 2]}, "nan": math.nan, "inf": [math.inf],
                  "deep": deep, "big": "x" * 9000, "safety_typo": {"x": object()}}
    kept = checked(attributes)
    assert kept == {"safety": "doctor", "screened": True, "prefs": {"pace": "slower"},
                    "future_key": {"ok": [1, 2]}}
    assert checked(["not", "a", "dict"]) == {} and checked(None) == {}
    many = {"k%d" % n: "x" * 1000 for n in range(100)}
    assert len(json.dumps(checked(many))) <= MAX_TOTAL_CHARS


def test_no_speech_for_events_or_session_ended_with_a_null_system():
    for event in (session_ended(), envelope({"type": "AlexaSkillEvent.SkillEnabled"}),
                  envelope({"type": "Messaging.MessageReceived"})):
        event["context"]["System"] = None
        body = lambda_handler(event, None)["response"]
        assert "outputSpeech" not in body and "reprompt" not in body


def test_repeat_replays_only_speech_the_skill_could_have_made():
    good = send(launch())
    replay = send(intent("AMAZON.RepeatIntent", attributes=good.attributes))
    assert replay.ssml == good.ssml
    help_ssml = send(intent("AMAZON.HelpIntent")).ssml
    for bad in ('<speak>Hi <break time="60s"/></speak>', "<speak>unclosed", "<speak>" + "a" * 9000 + "</speak>",
                '<speak><audio src="https://example.com/x.mp3"/></speak>', 5):
        said = send(intent("AMAZON.RepeatIntent", attributes={"last": {"speech": bad, "reprompt": None}}))
        assert said.ssml == help_ssml


def test_is_own_ssml():
    assert is_own_ssml('<speak><prosody rate="92%">Hello <break time="10000ms"/> nine one one</prosody></speak>')
    assert not is_own_ssml('<speak><say-as interpret-as="digits">911</say-as></speak>')  # not how the skill writes it
    assert not is_own_ssml('<speak>Hello <break time="10001ms"/></speak>')
    assert not is_own_ssml('<speak>Hello <break time="2s"/></speak>')  # not how the skill writes it
    assert not is_own_ssml("Hello")


def test_responses_are_kept_within_alexas_limits():
    big = {"version": "1.0", "sessionAttributes": {"safety": "urgent", "x": "y" * 200_000},
           "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Hi</speak>"}}}
    fitted = fit_limits(big)
    assert size_of(fitted) <= MAX_RESPONSE_BYTES
    assert fitted["sessionAttributes"] == {"safety": "urgent"}
    assert fitted["response"]["outputSpeech"]["ssml"] == "<speak>Hi</speak>"
    long_speech = {"version": "1.0", "response": {"outputSpeech": {
        "type": "SSML", "ssml": "<speak>" + "a" * 9000 + "</speak>"}}}
    assert len(fit_limits(long_speech)["response"]["outputSpeech"]["ssml"]) < 8000
    small = {"version": "1.0", "response": {}}
    assert fit_limits(small) is small


def test_a_red_flag_still_gets_its_advice_when_something_else_breaks(monkeypatch):
    from spasm_coach.handlers import memory

    def broken(self, handler_input, response=None):
        raise RuntimeError("the store layer broke")

    monkeypatch.setattr(memory.Memory, "save_if_changed", broken)
    monkeypatch.setattr(memory.Memory, "enabled", property(lambda self: True))
    said = send(wet())
    assert said.card["content"] == EMERGENCY_CARD and said.end is True
    said = send(intent("AMAZON.HelpIntent"))  # no red flag: the apology
    assert said.text and said.card is None and "safety" not in said.attributes


def test_the_event_is_left_as_it_came_while_the_session_changes():
    """The envelope is read from a copy of the event (entry.py; the SDK's own copy of the
    session attributes is skipped), so what the handlers change never reaches the event."""
    attributes = {"screened": True, "routine": {"id": "gentle", "step": 0, "part": 0, "status": "active"}}
    event = intent("SymptomIntent", {"Symptom": "I wet myself"}, attributes=attributes)
    before = json.dumps(event, sort_keys=True)
    answer = lambda_handler(event, None)
    assert answer["sessionAttributes"] == {"safety": "emergency"}
    assert json.dumps(event, sort_keys=True) == before


def test_the_answer_is_what_the_sdks_serializer_makes_of_the_response():
    """entry.py hands the session attributes out as they are, not rebuilt value by value by
    the SDK's serializer: the JSON is the same, key for key and in the same order."""
    import lambda_function
    from ask_sdk_model import RequestEnvelope

    skill = lambda_function.skill
    screened = {"screened": True, "prefs": {"pace": "slower"}, "refusals": {"a::b": "2026-11-01"}}
    started = send(intent("StartRoutineIntent", attributes=screened)).attributes
    events = [launch(), intent("StartRoutineIntent", attributes=screened),
              intent("AMAZON.NextIntent", attributes=started), intent("AMAZON.RepeatIntent", attributes=started),
              wet(attributes=started), intent("AMAZON.HelpIntent", screen=True), session_ended()]
    for event in events:
        envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
        expected = fit_limits(skill.serializer.serialize(skill.invoke(request_envelope=envelope, context=None)))
        answer = lambda_handler(event, None)
        assert json.dumps(answer) == json.dumps(expected)
        assert type(answer.get("sessionAttributes", {})) is dict


@pytest.mark.parametrize("stamp", ["2026-11-20T10:00:00Z", "2024-02-29T23:59:59.999Z", "2026-01-01T00:00:00.000Z"])
def test_a_timestamp_alexa_writes_is_read_to_the_moment_the_sdk_reads(stamp):
    from dateutil.parser import parse

    from spasm_coach.entry import _alexa_timestamp

    read = _alexa_timestamp(_with_timestamp(stamp))
    assert read == parse(stamp) and read.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("stamp", ["2026-02-30T10:00:00Z", "", 12345, None, "2026-11-20T10:00:00+01:00",
                                   "2026-11-20 10:00:00Z", "2026-11-20T10:00:00.1234Z", "2026-11-20T24:00:00Z"])
def test_any_other_timestamp_is_left_to_the_sdk(stamp):
    from spasm_coach.entry import _alexa_timestamp

    assert _alexa_timestamp(_with_timestamp(stamp)) is None


def _with_timestamp(stamp):
    event = intent("AMAZON.HelpIntent")
    event["request"]["timestamp"] = stamp
    return event


def test_a_request_frees_what_it_made_without_the_garbage_collector(monkeypatch):
    """The request context holds the handler input by a weak reference (handlers/common.py):
    with the garbage collector off, a request's handler input (its envelope, response and
    attributes) is freed as soon as the request is answered, on the error path too."""
    import gc
    import weakref

    from spasm_coach.handlers import common

    made = []
    original = common.RequestContext.__init__

    def noting(self, handler_input):
        made.append(weakref.ref(handler_input))
        original(self, handler_input)
    monkeypatch.setattr(common.RequestContext, "__init__", noting)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for event in (launch(), intent("AMAZON.NextIntent"), intent("NoSuchIntent")):
            assert lambda_handler(event, None)["response"] is not None
    finally:
        if was_enabled:
            gc.enable()
    assert made and all(ref() is None for ref in made)
