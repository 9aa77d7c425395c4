"""Request envelopes are valid: they deserialize into ask_sdk_model's RequestEnvelope intact."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.slu.entityresolution import StatusCode

from spasm_coach_tools.simulator import envelope as env
from spasm_coach_tools.simulator.nlu import NLU

MOMENT = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
TIMERS = "alexa::alerts:timers:skill:readwrite"
MODEL = {"interactionModel": {"languageModel": {
    "invocationName": "back spasm coach",
    "intents": [
        {"name": "StretchIntent", "slots": [{"name": "Stretch", "type": "STRETCH"},
                                            {"name": "Length", "type": "AMAZON.DURATION"}],
         "samples": ["do the {Stretch} for {Length}", "do the {Stretch}"]},
        {"name": "AMAZON.FallbackIntent", "samples": []},
    ],
    "types": [{"name": "STRETCH", "values": [{"id": "CAT_COW", "name": {"value": "cat cow"}}]}],
}}}


def identity(**changes):
    values = dict(application_id=SKILL, user_id="amzn1.ask.account.test", device_id="amzn1.ask.device.test",
                  api_endpoint="https://127.0.0.1:8443", api_access_token="token-1")
    values.update(changes)
    return env.Identity(**values)


def round_trip(body):
    # Through JSON text, as the request reaches a skill.
    return DefaultSerializer().deserialize(json.dumps(body), RequestEnvelope)


def test_timestamps_are_utc_with_z():
    assert env.timestamp(MOMENT) == "2025-03-01T09:30:15Z"
    assert env.timestamp(datetime(2025, 3, 1, 9, 30)) == "2025-03-01T09:30:00Z"


def test_launch_request_in_a_new_session():
    session = env.SessionInfo(env.new_id("session"), new=True)
    body = env.envelope(env.launch_request(MOMENT, "en-US"), identity(), session)
    parsed = round_trip(body)
    assert parsed.version == "1.0"
    assert parsed.request.object_type == "LaunchRequest"
    assert parsed.request.request_id.startswith("amzn1.echo-api.request.")
    assert parsed.request.timestamp == datetime(2025, 3, 1, 9, 30, 15, tzinfo=timezone.utc)
    assert parsed.request.locale == "en-US"
    assert parsed.session.new is True and parsed.session.session_id.startswith("amzn1.echo-api.session.")
    assert parsed.session.application.application_id == SKILL
    system = parsed.context.system
    assert system.application.application_id == SKILL
    assert system.user.user_id == "amzn1.ask.account.test"
    assert system.device.device_id == "amzn1.ask.device.test"
    assert system.api_endpoint == "https://127.0.0.1:8443" and system.api_access_token == "token-1"
    assert system.device.supported_interfaces.alexa_presentation_apl is None
    assert parsed.context.viewport is None


def test_intent_request_with_slots_and_resolutions():
    nlu = NLU(MODEL, skill_id=SKILL)
    heard = nlu.hear("do the cat cow for twenty minutes")
    session = env.SessionInfo("amzn1.echo-api.session.x", new=False, attributes={"step": 2, "safety": None})
    parsed = round_trip(env.envelope(env.intent_request(heard, MOMENT, "en-US", SKILL), identity(), session))
    intent = parsed.request.intent
    assert intent.name == "StretchIntent" and intent.confirmation_status.value == "NONE"
    stretch = intent.slots["Stretch"]
    assert stretch.value == "cat cow"
    authority = stretch.resolutions.resolutions_per_authority[0]
    assert authority.authority == "amzn1.er-authority.echo-sdk.%s.STRETCH" % SKILL
    assert authority.status.code == StatusCode.ER_SUCCESS_MATCH
    assert (authority.values[0].value.id, authority.values[0].value.name) == ("CAT_COW", "cat cow")
    assert stretch.slot_value.value == "cat cow"
    assert intent.slots["Length"].value == "PT20M" and intent.slots["Length"].resolutions is None
    assert parsed.session.attributes == {"step": 2, "safety": None} and parsed.session.new is False


def test_unfilled_slots_are_present_without_value_and_no_match_has_no_values():
    nlu = NLU(MODEL, skill_id=SKILL)
    heard = nlu.hear("do the side bend")
    parsed = round_trip(env.envelope(env.intent_request(heard, MOMENT, "en-US", SKILL), identity(), None))
    slots = parsed.request.intent.slots
    assert slots["Length"].value is None and slots["Length"].name == "Length"
    authority = slots["Stretch"].resolutions.resolutions_per_authority[0]
    assert authority.status.code == StatusCode.ER_SUCCESS_NO_MATCH and authority.values is None
    assert parsed.session is None


def test_intent_request_needs_an_intent():
    heard = NLU({"interactionModel": {"languageModel": {"invocationName": "a b", "intents": [
        {"name": "X", "samples": ["hello there"]}]}}}).hear("goodbye")
    with pytest.raises(ValueError):
        env.intent_request(heard, MOMENT, "en-US", SKILL)


def test_permissions_and_screen():
    who = identity(screen=True, scopes={TIMERS: "GRANTED"}, consent_token="consent-1")
    parsed = round_trip(env.envelope(env.launch_request(MOMENT, "en-US"), who,
                                     env.SessionInfo("amzn1.echo-api.session.y", new=True)))
    permissions = parsed.context.system.user.permissions
    assert permissions.consent_token == "consent-1"
    assert permissions.scopes[TIMERS].status.value == "GRANTED"
    assert parsed.session.user.permissions.consent_token == "consent-1"
    apl = parsed.context.system.device.supported_interfaces.alexa_presentation_apl
    assert apl is not None and apl.runtime.max_version
    assert parsed.context.viewport.pixel_width == 1024


def test_connections_response_for_ask_for():
    payload = {"permissionScopes": [{"permissionScope": TIMERS, "consentLevel": "ACCOUNT"}], "status": "ACCEPTED"}
    request = env.connections_response(MOMENT, "en-US", "AskFor", payload, token="t")
    parsed = round_trip(env.envelope(request, identity(scopes={TIMERS: "GRANTED"}),
                                     env.SessionInfo("amzn1.echo-api.session.z", new=True)))
    assert parsed.request.object_type == "Connections.Response"
    assert parsed.request.name == "AskFor" and parsed.request.status.code == "200"
    assert parsed.request.payload["status"] == "ACCEPTED" and parsed.request.token == "t"


@pytest.mark.parametrize("reason, error", [("USER_INITIATED", None), ("EXCEEDED_MAX_REPROMPTS", None),
                                           ("ERROR", "INVALID_RESPONSE")])
def test_session_ended_request(reason, error):
    request = env.session_ended_request(MOMENT, "en-US", reason, error, "why" if error else "")
    parsed = round_trip(env.envelope(request, identity(), env.SessionInfo("amzn1.echo-api.session.e", new=False)))
    assert parsed.request.object_type == "SessionEndedRequest"
    assert parsed.request.reason.value == reason
    if error:
        assert parsed.request.error.object_type.value == error and parsed.request.error.message == "why"
    else:
        assert parsed.request.error is None
