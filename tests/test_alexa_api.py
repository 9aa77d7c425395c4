"""The skill's Alexa API client and services, against the HTTPS stand-in.

Handler inputs are built the way ask_sdk_core.skill.CustomSkill.invoke builds
them: a full request envelope deserialized by the SDK's serializer, and a
ServiceClientFactory over ApiConfiguration(serializer, api_client, token,
endpoint). Underneath is the skill's own ApiClient (requests, with timeouts), over
real TLS trusted through the stand-in's own CA.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.services import ApiConfiguration, ServiceClientFactory, ServiceException

from alerts import announce_timer
from spasm_coach.alexa_api import (
    REMINDERS_SCOPE, TIMERS_SCOPE, AlexaApiError, LazyApiClient, ReminderService, TimerService,
    hourly_plan, iso_duration, parse_iso_duration, reminders_permission_granted,
    timers_permission_granted)
from spasm_coach.config import PROJECT_ROOT, Settings
from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn

START = dt.datetime(2024, 5, 1, 14, 0, tzinfo=dt.timezone.utc)
SERIALIZER = DefaultSerializer()
_numbers = itertools.count(1)


def envelope(endpoint, token, user_id, scopes=(TIMERS_SCOPE, REMINDERS_SCOPE), consent=True,
             now=START):
    """A full IntentRequest envelope as Alexa sends it."""
    permissions = {"scopes": {s: {"status": "GRANTED"} for s in scopes}}
    if consent:
        permissions["consentToken"] = "consent-" + token
    return {
        "version": "1.0",
        "session": {
            "new": False,
            "sessionId": "amzn1.echo-api.session.%s" % uuid.uuid4(),
            "application": {"applicationId": "amzn1.ask.skill.test"},
            "attributes": {},
            "user": {"userId": user_id, "permissions": permissions},
        },
        "context": {
            "System": {
                "application": {"applicationId": "amzn1.ask.skill.test"},
                "user": {"userId": user_id, "permissions": permissions},
                "device": {"deviceId": "amzn1.ask.device.test", "supportedInterfaces": {}},
                "apiEndpoint": endpoint,
                "apiAccessToken": token,
            }
        },
        "request": {
            "type": "IntentRequest",
            "requestId": "amzn1.echo-api.request.%s" % uuid.uuid4(),
            "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": "en-US",
            "intent": {"name": "SetTimerIntent", "confirmationStatus": "NONE", "slots": {}},
        },
    }


def handler_input_for(envelope_dict, api_client):
    request_envelope = SERIALIZER.deserialize(json.dumps(envelope_dict), RequestEnvelope)
    system = request_envelope.context.system
    factory = ServiceClientFactory(api_configuration=ApiConfiguration(
        serializer=SERIALIZER, api_client=api_client,
        authorization_value=system.api_access_token, api_endpoint=system.api_endpoint))
    return HandlerInput(request_envelope=request_envelope, service_client_factory=factory)


@pytest.fixture(scope="module")
def standin():
    with AlexaApiStandIn(now=START, time_zone="America/New_York") as server:
        yield server


@pytest.fixture(scope="module")
def api_client(standin):
    # Small timeouts keep the slow-server test quick; the CA is the stand-in's own.
    return LazyApiClient(timeout=0.6, ca_bundle=standin.ca_path)


class Person:
    """A user of the stand-in with a token and both scopes granted."""

    def __init__(self, standin, api_client):
        number = next(_numbers)
        self.standin, self.api_client = standin, api_client
        self.user_id = "amzn1.ask.account.person%d" % number
        self.token = "api-access-token-%d-%s" % (number, uuid.uuid4().hex[:8])
        standin.register_token(self.token, self.user_id)
        standin.grant(self.user_id, TIMERS_SCOPE)
        standin.grant(self.user_id, REMINDERS_SCOPE)

    def handler_input(self, **kwargs):
        kwargs.setdefault("now", self.standin.now)
        return handler_input_for(
            envelope(self.standin.api_endpoint, self.token, self.user_id, **kwargs), self.api_client)

    def timers(self, **kwargs):
        return TimerService(self.handler_input(**kwargs))

    def reminders(self, **kwargs):
        return ReminderService(self.handler_input(**kwargs))


@pytest.fixture()
def person(standin, api_client):
    standin.reset()
    standin.set_now(START)
    return Person(standin, api_client)


def ice_timer(service, label="ice pack", minutes=20):
    return service.create_announce_timer(label, minutes, "Time to take the ice pack off your back",
                                         "en-US")


# ---------------------------------------------------------------------------


def test_importing_the_module_does_not_import_requests():
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT / "lambda"))
    code = ("import sys; import spasm_coach.alexa_api as a; "
            "c = a.LazyApiClient(); assert not c.built; "
            "assert 'requests' not in sys.modules, 'requests imported'; "
            "assert 'ask_sdk_core.api_client' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


def test_client_is_built_on_first_call_only(standin, person):
    client = LazyApiClient(timeout=2, ca_bundle=standin.ca_path)
    assert not client.built
    person.api_client = client
    person.timers().list()
    assert client.built


def test_settings_give_timeout_and_ca_bundle():
    client = LazyApiClient.from_settings(Settings(api_timeout=1.5, api_ca_bundle="/x/ca.pem"))
    assert (client.timeout, client.ca_bundle) == (1.5, "/x/ca.pem")
    assert LazyApiClient.from_settings(Settings()).timeout == 3.0
    with pytest.raises(ValueError):
        LazyApiClient(timeout=0)


def test_create_timer_sends_the_documented_body_with_the_envelope_token(standin, person):
    result = ice_timer(person.timers())
    assert result.label == "ice pack" and result.status == "ON"
    assert result.duration == dt.timedelta(minutes=20)
    assert result.trigger_time == START + dt.timedelta(minutes=20)

    calls = standin.take_calls()
    assert [(c["method"], c["path"], c["token"]) for c in calls] == [
        ("POST", "/v1/alerts/timers", person.token)]
    assert standin.take_created("timers") == [announce_timer()]
    assert standin.advance(dt.timedelta(minutes=20)) == [
        'timer "ice pack" went off: Time to take the ice pack off your back']


def test_find_remaining_pause_resume_cancel(standin, person):
    ice_timer(person.timers(), "heat pack", 60)
    created = ice_timer(person.timers())
    standin.advance(dt.timedelta(minutes=8))

    service = person.timers()  # a later request: its timestamp is 8 minutes on
    found = service.find_by_label("Ice  Pack")
    assert found is not None and found.id == created.id
    assert service.remaining(found) == dt.timedelta(minutes=12)
    assert service.find_by_label("hot water bottle") is None

    standin.take_calls()
    paused = service.pause("ice pack")
    assert paused.status == "PAUSED" and paused.remaining_when_paused == dt.timedelta(minutes=12)
    assert [(c["method"], c["path"]) for c in standin.take_calls()] == [
        ("GET", "/v1/alerts/timers"), ("POST", "/v1/alerts/timers/%s/pause" % created.id)]
    standin.advance(dt.timedelta(minutes=30))
    later = person.timers()
    again = later.get(created.id)
    assert again.status == "PAUSED"
    assert later.remaining(again) == dt.timedelta(minutes=12)

    resumed = later.resume(created.id)
    assert resumed.status == "ON"
    assert later.remaining(later.get(created.id)) == dt.timedelta(minutes=12)

    standin.take_calls()
    cancelled = later.cancel("heat pack")
    assert cancelled.label == "heat pack"
    assert [(c["method"], c["path"]) for c in standin.take_calls()] == [
        ("GET", "/v1/alerts/timers"), ("DELETE", "/v1/alerts/timers/%s" % cancelled.id)]
    assert [t.label for t in later.list()] == ["ice pack"]


def test_cancel_without_a_name_takes_the_only_timer(person):
    ice_timer(person.timers())
    assert person.timers().cancel().label == "ice pack"
    with pytest.raises(AlexaApiError) as caught:
        person.timers().cancel()
    assert caught.value.kind == "not_found"


def test_duplicate_label_is_its_own_kind(person):
    ice_timer(person.timers())
    with pytest.raises(AlexaApiError) as caught:
        ice_timer(person.timers())
    assert caught.value.kind == "duplicate"
    assert caught.value.status == 400 and caught.value.code == "DUPLICATE_TIMER_LABEL"


def test_over_two_hours_is_a_bad_request(person):
    with pytest.raises(AlexaApiError) as caught:
        ice_timer(person.timers(), minutes=121)
    assert caught.value.kind == "bad_request"


def test_missing_permission_is_unauthorized(standin, person):
    standin.revoke(person.user_id, TIMERS_SCOPE)
    with pytest.raises(AlexaApiError) as caught:
        ice_timer(person.timers())
    assert caught.value.kind == "unauthorized" and caught.value.status == 401


def test_unknown_timer_is_not_found(person):
    with pytest.raises(AlexaApiError) as caught:
        person.timers().get("no-such-timer")
    assert caught.value.kind == "not_found" and caught.value.status == 404


@pytest.mark.parametrize("status, kind", [
    (400, "bad_request"), (401, "unauthorized"), (403, "forbidden"), (404, "not_found"),
    (429, "rate_limited"), (500, "server"), (503, "unavailable"), (504, "device_offline"),
])
def test_each_timer_error_status_maps_to_a_kind(standin, person, status, kind):
    standin.fail_next(status)
    with pytest.raises(AlexaApiError) as caught:
        ice_timer(person.timers())
    assert caught.value.kind == kind
    assert caught.value.status == status
    # The next call goes through: failures are not sticky.
    assert ice_timer(person.timers()).status == "ON"


@pytest.mark.parametrize("status, kind", [
    (401, "unauthorized"), (429, "rate_limited"), (500, "server"), (504, "timeout"),
])
def test_reminder_errors_map_to_kinds(standin, person, status, kind):
    standin.fail_next(status)
    with pytest.raises(AlexaApiError) as caught:
        person.reminders().create_hourly("Time to get up and walk", "en-US", "America/New_York")
    assert caught.value.kind == kind


def test_a_slow_server_is_a_timeout_well_under_eight_seconds(standin, person):
    standin.delay_next(3.0)
    began = time.monotonic()
    with pytest.raises(AlexaApiError) as caught:
        ice_timer(person.timers())
    elapsed = time.monotonic() - began
    assert caught.value.kind == "timeout"
    assert elapsed < 2.0, elapsed
    assert isinstance(caught.value.__cause__, ServiceException)


def test_nothing_listening_is_unavailable(standin, person):
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    env = envelope("https://127.0.0.1:%d" % closed_port, person.token, person.user_id)
    with pytest.raises(AlexaApiError) as caught:
        TimerService(handler_input_for(env, person.api_client)).list()
    assert caught.value.kind == "unavailable"


def test_an_untrusted_certificate_is_refused(standin, person):
    person.api_client = LazyApiClient(timeout=2)  # system CAs only: the stand-in is not trusted
    with pytest.raises(AlexaApiError) as caught:
        person.timers().list()
    assert caught.value.kind == "unavailable"
    assert standin.take_calls() == []


def test_a_plain_http_endpoint_is_never_called(standin, person):
    plain = standin.api_endpoint.replace("https://", "http://")
    with pytest.raises(AlexaApiError) as caught:
        TimerService(handler_input_for(envelope(plain, person.token, person.user_id), person.api_client)).list()
    assert caught.value.kind == "server"
    assert standin.take_calls() == []


def test_a_request_without_api_access_is_refused_before_calling(standin, person):
    env = envelope(standin.api_endpoint, person.token, person.user_id)
    del env["context"]["System"]["apiAccessToken"]
    with pytest.raises(AlexaApiError) as caught:
        TimerService(handler_input_for(env, person.api_client)).list()
    assert caught.value.kind == "unauthorized"
    no_factory = HandlerInput(request_envelope=SERIALIZER.deserialize(
        json.dumps(envelope(standin.api_endpoint, person.token, person.user_id)), RequestEnvelope))
    with pytest.raises(AlexaApiError) as caught:
        TimerService(no_factory).list()
    assert caught.value.kind == "unavailable"
    assert standin.take_calls() == []


# ---------------------------------------------------------------------------
# Permissions in the request


def _request_envelope(**kwargs):
    return SERIALIZER.deserialize(json.dumps(
        envelope("https://api.amazonalexa.com", "t", "u", **kwargs)), RequestEnvelope)


def test_permission_checks_read_scopes_and_consent_token():
    both = _request_envelope()
    assert timers_permission_granted(both) and reminders_permission_granted(both)
    timers_only = _request_envelope(scopes=(TIMERS_SCOPE,))
    assert timers_permission_granted(timers_only)
    assert not reminders_permission_granted(timers_only)
    assert not timers_permission_granted(_request_envelope(consent=False))

    denied = envelope("https://api.amazonalexa.com", "t", "u")
    denied["context"]["System"]["user"]["permissions"]["scopes"][TIMERS_SCOPE]["status"] = "DENIED"
    assert not timers_permission_granted(SERIALIZER.deserialize(json.dumps(denied), RequestEnvelope))

    bare = envelope("https://api.amazonalexa.com", "t", "u")
    del bare["context"]["System"]["user"]["permissions"]
    assert not timers_permission_granted(SERIALIZER.deserialize(json.dumps(bare), RequestEnvelope))


# ---------------------------------------------------------------------------
# Reminders


def test_hourly_plan():
    now = dt.datetime(2024, 5, 1, 10, 37)
    plan = hourly_plan(now, until_hour=18)
    assert [t.strftime("%H:%M") for t in plan] == [
        "11:37", "12:37", "13:37", "14:37", "15:37", "16:37", "17:37"]
    assert hourly_plan(dt.datetime(2024, 5, 1, 17, 30), until_hour=18) == []
    assert len(hourly_plan(dt.datetime(2024, 5, 1, 0, 0), until_hour=23, max_count=5)) == 5
    with pytest.raises(ValueError):
        hourly_plan(now, until_hour=24)


def test_hourly_reminders_created_fire_and_are_cancelled(standin, person):
    # 14:00 UTC is 10:00 in New York.
    service = person.reminders()
    planned = service.plan_hourly("America/New_York", until_hour=14)
    assert [t.hour for t in planned] == [11, 12, 13, 14]
    result = service.create_hourly("Time to get up and walk for a few minutes", "en-US",
                                   "America/New_York", until_hour=14)
    assert result.times == planned and result.alert_token

    calls = standin.take_calls()
    assert [(c["method"], c["path"], c["token"]) for c in calls] == [
        ("POST", "/v1/alerts/reminders", person.token)]
    body = standin.take_created("reminders")[0]
    assert body["trigger"]["type"] == "SCHEDULED_ABSOLUTE"
    assert body["trigger"]["timeZoneId"] == "America/New_York"
    assert body["trigger"]["recurrence"]["recurrenceRules"][0] == \
        "FREQ=DAILY;BYHOUR=11;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    assert body["alertInfo"]["spokenInfo"]["content"] == [
        {"locale": "en-US", "text": "Time to get up and walk for a few minutes"}]
    assert body["pushNotification"] == {"status": "ENABLED"}
    assert "T" in body["requestTime"] and not body["requestTime"].endswith("Z")

    fired = standin.advance(dt.timedelta(hours=2, minutes=30))  # to 12:30 local
    assert fired == ["reminder went off: Time to get up and walk for a few minutes"] * 2

    assert person.reminders().cancel_all_ours() == 1
    assert standin.reminders(person.user_id) == []
    assert standin.advance(dt.timedelta(days=1)) == []


def test_no_hour_left_today_is_a_bad_request_without_a_call(standin, person):
    standin.set_now(dt.datetime(2024, 5, 1, 21, 30, tzinfo=dt.timezone.utc))  # 17:30 in New York
    with pytest.raises(AlexaApiError) as caught:
        person.reminders().create_hourly("Walk", "en-US", "America/New_York", until_hour=18)
    assert caught.value.kind == "bad_request"
    assert standin.take_calls() == []


def test_reminders_without_permission(standin, person):
    standin.revoke(person.user_id, REMINDERS_SCOPE)
    with pytest.raises(AlexaApiError) as caught:
        person.reminders().cancel_all_ours()
    assert caught.value.kind == "unauthorized"


def test_iso_durations_round_trip():
    for text, value in (("PT20M", dt.timedelta(minutes=20)), ("PT1H30M", dt.timedelta(minutes=90)),
                        ("PT14M30S", dt.timedelta(minutes=14, seconds=30)), ("PT0S", dt.timedelta(0))):
        assert parse_iso_duration(text) == value
        assert iso_duration(value) == text
    assert parse_iso_duration("P1D") == dt.timedelta(days=1)
    for bad in ("", "PT", "P", "20M", "PT20", None):
        assert parse_iso_duration(bad) is None
