"""The local stand-in of Alexa's Timers and Reminders APIs, over real HTTPS."""
from __future__ import annotations

import copy
import datetime as dt
import itertools
import os
import ssl

import pytest
import requests

from spasm_coach.alexa_api import REMINDERS_SCOPE, TIMERS_SCOPE
from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn
from alerts import announce_timer
from spasm_coach_tools.simulator.tls import make_tls_files

START = dt.datetime(2024, 5, 1, 14, 0, tzinfo=dt.timezone.utc)
ANNOUNCE_TIMER = announce_timer()
ONE_REMINDER = {
    "requestTime": "2024-05-01T14:00:00.000",
    "trigger": {"type": "SCHEDULED_ABSOLUTE", "scheduledTime": "2024-05-01T15:30:00.000",
                "timeZoneId": "America/New_York"},
    "alertInfo": {"spokenInfo": {"content": [{"locale": "en-US", "text": "Time to get up and walk"}]}},
    "pushNotification": {"status": "ENABLED"},
}
_users = itertools.count(1)


@pytest.fixture(scope="module")
def standin():
    with AlexaApiStandIn(now=START) as server:
        yield server


@pytest.fixture()
def api(standin):
    """A fresh user with both scopes granted, and a small HTTPS client for them."""
    number = next(_users)
    user, token = "user-%d" % number, "token-%d" % number
    standin.reset()
    standin.set_now(START)
    standin.register_token(token, user)
    standin.grant(user, TIMERS_SCOPE)
    standin.grant(user, REMINDERS_SCOPE)

    class Client:
        user_id = user

        def __call__(self, method, path, body=None, token=token, raw=None):
            headers = {"Authorization": "Bearer %s" % token} if token else {}
            if raw is not None:
                headers["Content-Type"] = "application/json"
                return requests.request(method, standin.api_endpoint + path, data=raw,
                                        headers=headers, verify=standin.ca_path, timeout=5)
            return requests.request(method, standin.api_endpoint + path, json=body,
                                    headers=headers, verify=standin.ca_path, timeout=5)
    return Client()


def timer(**changes):
    body = copy.deepcopy(ANNOUNCE_TIMER)
    body.update(changes)
    return body


def test_certificate_names_loopback_and_is_only_trusted_through_the_ca(tmp_path, standin):
    files = make_tls_files(str(tmp_path))
    assert all(os.path.exists(p) for p in files)
    assert oct(os.stat(files.key_path).st_mode & 0o777) == "0o600"
    # A client with the default trust store refuses the stand-in ...
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(standin.api_endpoint + "/v1/alerts/timers", timeout=5)
    # ... and Python's strict default context accepts it with the CA, by IP and by name.
    context = ssl.create_default_context(cafile=standin.ca_path)
    port = int(standin.api_endpoint.rsplit(":", 1)[1])
    import socket
    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                assert tls.version() in ("TLSv1.2", "TLSv1.3")


def test_timer_created_listed_and_goes_off_with_its_announcement(standin, api):
    answer = api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER)
    assert answer.status_code == 200
    created = answer.json()
    assert created["status"] == "ON"
    assert created["duration"] == "PT20M"
    assert created["timerLabel"] == "ice pack"
    assert created["triggerTime"] == "2024-05-01T14:20:00.000Z"
    assert created["createdTime"] == "2024-05-01T14:00:00.000Z"
    assert standin.take_created("timers") == [ANNOUNCE_TIMER]
    assert standin.take_created() == []

    listed = api("GET", "/v1/alerts/timers").json()
    assert listed["totalCount"] == 1 and listed["timers"][0]["id"] == created["id"]
    assert api("GET", "/v1/alerts/timers/" + created["id"]).json()["status"] == "ON"

    assert standin.advance(dt.timedelta(minutes=19)) == []
    assert standin.advance(START + dt.timedelta(minutes=25)) == [
        'timer "ice pack" went off: Time to take the ice pack off your back']
    assert api("GET", "/v1/alerts/timers").json()["timers"] == []


def test_pause_keeps_remaining_time_and_resume_restarts_it(standin, api):
    timer_id = api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER).json()["id"]
    standin.advance(dt.timedelta(minutes=5, seconds=30))
    assert api("POST", "/v1/alerts/timers/%s/pause" % timer_id).status_code == 200
    paused = api("GET", "/v1/alerts/timers/" + timer_id).json()
    assert paused["status"] == "PAUSED"
    assert paused["remainingTimeWhenPaused"] == "PT14M30S"
    assert "triggerTime" not in paused
    # A paused timer does not go off.
    assert standin.advance(dt.timedelta(hours=1)) == []
    assert api("POST", "/v1/alerts/timers/%s/resume" % timer_id).status_code == 200
    resumed = api("GET", "/v1/alerts/timers/" + timer_id).json()
    assert resumed["status"] == "ON"
    expected = START + dt.timedelta(minutes=5, seconds=30) + dt.timedelta(hours=1, minutes=14, seconds=30)
    assert resumed["triggerTime"] == expected.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert len(standin.advance(expected)) == 1


def test_delete_one_and_all(api):
    first = api("POST", "/v1/alerts/timers", timer(timerLabel="ice")).json()["id"]
    api("POST", "/v1/alerts/timers", timer(timerLabel="heat"))
    assert api("DELETE", "/v1/alerts/timers/" + first).status_code == 200
    assert api("GET", "/v1/alerts/timers/" + first).status_code == 404
    assert api("DELETE", "/v1/alerts/timers/" + first).json()["code"] == "TIMER_NOT_FOUND"
    assert [t["timerLabel"] for t in api("GET", "/v1/alerts/timers").json()["timers"]] == ["heat"]
    assert api("DELETE", "/v1/alerts/timers").status_code == 200
    assert api("GET", "/v1/alerts/timers").json()["totalCount"] == 0


def test_duplicate_label_and_the_ten_timer_limit(standin, api):
    assert api("POST", "/v1/alerts/timers", timer()).status_code == 200
    duplicate = api("POST", "/v1/alerts/timers", timer(timerLabel="Ice Pack"))
    assert duplicate.status_code == 400
    assert duplicate.json()["code"] == "DUPLICATE_TIMER_LABEL"
    for n in range(9):
        assert api("POST", "/v1/alerts/timers", timer(timerLabel="t%d" % n)).status_code == 200
    eleventh = api("POST", "/v1/alerts/timers", timer(timerLabel="one too many"))
    assert eleventh.status_code == 400 and eleventh.json()["code"] == "MAX_TIMERS_EXCEEDED"
    assert len(standin.take_created("timers")) == 10


def _without(path):
    body = copy.deepcopy(ANNOUNCE_TIMER)
    node = body
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return body


def _with(path, value):
    body = copy.deepcopy(ANNOUNCE_TIMER)
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@pytest.mark.parametrize("body, code", [
    (_without(["duration"]), "INVALID_REQUEST"),
    (_without(["creationBehavior"]), "INVALID_REQUEST"),
    (_without(["triggeringBehavior", "notificationConfig"]), "INVALID_REQUEST"),
    (_without(["creationBehavior", "displayExperience", "visibility"]), "INVALID_REQUEST"),
    (_with(["duration"], "PT2H1M"), "INVALID_DURATION"),
    (_with(["duration"], "P1D"), "INVALID_DURATION"),
    (_with(["duration"], "20 minutes"), "INVALID_DURATION"),
    (_with(["duration"], "PT"), "INVALID_DURATION"),
    (_with(["duration"], "PT0S"), "INVALID_DURATION"),
    (_with(["duration"], 1200), "INVALID_DURATION"),
    (_with(["timerLabel"], 7), "INVALID_TIMER_LABEL"),
    (_with(["creationBehavior", "displayExperience", "visibility"], "LOUD"), "INVALID_REQUEST"),
    (_with(["triggeringBehavior", "operation", "type"], "SHOUT"), "INVALID_OPERATION"),
    (_with(["triggeringBehavior", "operation", "textToAnnounce"], []), "INVALID_TEXT_TO_ANNOUNCE"),
    (_with(["triggeringBehavior", "operation", "textToAnnounce"], [{"text": "hi"}]),
     "INVALID_TEXT_TO_ANNOUNCE"),
    (_with(["triggeringBehavior", "operation", "textToAnnounce"], [{"locale": "en-US"}]),
     "INVALID_TEXT_TO_ANNOUNCE"),
    (_with(["triggeringBehavior", "operation", "textToAnnounce"],
           [{"locale": "english", "text": "hi"}]), "INVALID_TEXT_TO_ANNOUNCE"),
    (_with(["triggeringBehavior", "notificationConfig", "playAudible"], "yes"), "INVALID_REQUEST"),
    (_with(["label"], "a typo for timerLabel"), "INVALID_REQUEST"),
    ([ANNOUNCE_TIMER], "INVALID_REQUEST"),
])
def test_malformed_timer_bodies_are_refused(standin, api, body, code):
    answer = api("POST", "/v1/alerts/timers", body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == code
    assert answer.json()["message"]
    assert standin.take_created() == []


def test_a_body_that_is_not_json_is_refused(api):
    answer = api("POST", "/v1/alerts/timers", raw=b"{duration: PT20M")
    assert answer.status_code == 400 and answer.json()["code"] == "INVALID_REQUEST"


def test_notify_only_and_launch_task_operations(standin, api):
    notify = timer(timerLabel="plain")
    notify["triggeringBehavior"]["operation"] = {"type": "NOTIFY_ONLY"}
    assert api("POST", "/v1/alerts/timers", notify).status_code == 200
    task = timer(timerLabel="task", duration="PT30M")
    task["triggeringBehavior"]["operation"] = {
        "type": "LAUNCH_TASK",
        "textToConfirm": [{"locale": "en-US", "text": "Shall I start your stretches?"}],
        "task": {"name": "amzn1.ask.skill.x.StartStretches", "version": "1"},
    }
    assert api("POST", "/v1/alerts/timers", task).status_code == 200
    bad = copy.deepcopy(task)
    del bad["triggeringBehavior"]["operation"]["task"]
    assert api("POST", "/v1/alerts/timers", dict(bad, timerLabel="t2")).status_code == 400
    assert standin.advance(dt.timedelta(minutes=20)) == ['timer "plain" went off']


def test_tokens_and_scopes(standin, api):
    assert api("GET", "/v1/alerts/timers", token=None).status_code == 401
    assert api("GET", "/v1/alerts/timers", token="nobody").status_code == 401
    standin.revoke(api.user_id, TIMERS_SCOPE)
    refused = api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER)
    assert refused.status_code == 401 and refused.json()["code"] == "UNAUTHORIZED"
    # The reminders scope is separate.
    assert api("GET", "/v1/alerts/reminders").status_code == 200
    standin.grant(api.user_id, TIMERS_SCOPE)
    assert api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER).status_code == 200


def test_users_do_not_see_each_other(standin, api):
    api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER)
    standin.register_token("other-token", "other-user")
    standin.grant("other-user", TIMERS_SCOPE)
    other = api("GET", "/v1/alerts/timers", token="other-token").json()
    assert other["timers"] == []
    assert len(standin.timers(api.user_id)) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500, 503, 504])
def test_injected_failures_answer_once_with_an_error_body(standin, api, status):
    standin.fail_next(status)
    failed = api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER)
    assert failed.status_code == status
    assert set(failed.json()) == {"code", "message"}
    assert standin.take_created() == []
    assert api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER).status_code == 200


def test_fail_next_rejects_statuses_it_does_not_know(standin):
    with pytest.raises(ValueError):
        standin.fail_next(418)


def test_the_record_of_calls(standin, api):
    api("POST", "/v1/alerts/timers", ANNOUNCE_TIMER)
    api("GET", "/v1/alerts/timers?limit=5")
    calls = standin.take_calls()
    assert [(c["method"], c["path"], c["status"]) for c in calls] == [
        ("POST", "/v1/alerts/timers", 200), ("GET", "/v1/alerts/timers", 200)]
    assert calls[0]["token"] == "token-%s" % api.user_id.split("-")[1]
    assert calls[0]["body"] == ANNOUNCE_TIMER
    assert standin.take_calls() == []


def test_unknown_paths_and_methods(api):
    assert api("GET", "/v1/alerts/alarms").status_code == 404
    assert api("PUT", "/v1/alerts/timers").status_code == 405
    assert api("POST", "/v1/alerts/timers/nope/pause").status_code == 404


# ---------------------------------------------------------------------------
# Reminders


def test_reminder_created_read_and_fires_once(standin, api):
    answer = api("POST", "/v1/alerts/reminders", ONE_REMINDER)
    assert answer.status_code == 200
    receipt = answer.json()
    assert receipt["status"] == "ON" and receipt["version"] == "1"
    assert receipt["href"] == "/v1/alerts/reminders/" + receipt["alertToken"]
    assert standin.take_created("reminders") == [ONE_REMINDER]

    one = api("GET", "/v1/alerts/reminders/" + receipt["alertToken"]).json()
    assert one["alertInfo"] == ONE_REMINDER["alertInfo"]
    assert one["trigger"] == ONE_REMINDER["trigger"]
    listed = api("GET", "/v1/alerts/reminders").json()
    assert listed["totalCount"] == "1" and listed["alerts"][0]["alertToken"] == receipt["alertToken"]

    # 15:30 in New York is 19:30 UTC.
    assert standin.advance(dt.datetime(2024, 5, 1, 19, 29, tzinfo=dt.timezone.utc)) == []
    assert standin.advance(dt.timedelta(minutes=2)) == ["reminder went off: Time to get up and walk"]
    assert standin.advance(dt.timedelta(days=2)) == []
    assert api("GET", "/v1/alerts/reminders/" + receipt["alertToken"]).json()["status"] == "COMPLETED"


def test_relative_reminder(standin, api):
    body = dict(copy.deepcopy(ONE_REMINDER), trigger={"type": "SCHEDULED_RELATIVE",
                                                       "offsetInSeconds": 600})
    assert api("POST", "/v1/alerts/reminders", body).status_code == 200
    assert standin.advance(dt.timedelta(minutes=9)) == []
    assert standin.advance(dt.timedelta(minutes=2)) == ["reminder went off: Time to get up and walk"]


def test_recurring_reminder_fires_at_each_rule_within_its_span(standin, api):
    body = copy.deepcopy(ONE_REMINDER)
    body["trigger"] = {
        "type": "SCHEDULED_ABSOLUTE",
        "timeZoneId": "Europe/London",
        "recurrence": {
            "startDateTime": "2024-05-01T15:59:00.000",
            "endDateTime": "2024-05-01T18:01:00.000",
            "recurrenceRules": ["FREQ=DAILY;BYHOUR=%d;BYMINUTE=0;BYSECOND=0;INTERVAL=1;" % h
                                for h in (16, 17, 18)],
        },
    }
    token = api("POST", "/v1/alerts/reminders", body).json()["alertToken"]
    # London is UTC+1 in May: 16:00, 17:00, 18:00 local are 15:00..17:00 UTC.
    assert standin.advance(dt.datetime(2024, 5, 1, 15, 30, tzinfo=dt.timezone.utc)) == [
        "reminder went off: Time to get up and walk"]
    assert standin.advance(dt.datetime(2024, 5, 2, 23, 0, tzinfo=dt.timezone.utc)) == [
        "reminder went off: Time to get up and walk"] * 2
    assert api("GET", "/v1/alerts/reminders/" + token).json()["status"] == "COMPLETED"


def test_update_and_delete_reminder(standin, api):
    token = api("POST", "/v1/alerts/reminders", ONE_REMINDER).json()["alertToken"]
    changed = copy.deepcopy(ONE_REMINDER)
    changed["alertInfo"]["spokenInfo"]["content"][0]["text"] = "Stand up and stretch"
    updated = api("PUT", "/v1/alerts/reminders/" + token, changed)
    assert updated.status_code == 200 and updated.json()["version"] == "2"
    assert api("DELETE", "/v1/alerts/reminders/" + token).status_code == 200
    missing = api("GET", "/v1/alerts/reminders/" + token)
    assert missing.status_code == 404 and missing.json()["code"] == "ALERT_NOT_FOUND"
    assert standin.advance(dt.timedelta(days=1)) == []


def _reminder_with(path, value=None, delete=False):
    body = copy.deepcopy(ONE_REMINDER)
    node = body
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return body


@pytest.mark.parametrize("body, code", [
    (_reminder_with(["requestTime"], delete=True), "INVALID_REQUEST"),
    (_reminder_with(["requestTime"], "yesterday"), "INVALID_REQUEST_TIME"),
    (_reminder_with(["trigger", "type"], "WHENEVER"), "INVALID_TRIGGER"),
    (_reminder_with(["trigger", "scheduledTime"], delete=True), "INVALID_TRIGGER"),
    (_reminder_with(["trigger", "scheduledTime"], "2024-05-01T15:30:00Z"),
     "INVALID_TRIGGER_SCHEDULED_TIME_FORMAT"),
    (_reminder_with(["trigger", "scheduledTime"], "2024-05-01T09:30:00.000"), "PAST_SCHEDULED_TIME"),
    (_reminder_with(["trigger", "timeZoneId"], "Mars/Olympus_Mons"), "INVALID_TIME_ZONE"),
    (_reminder_with(["trigger", "recurrence"], {"recurrenceRules": ["FREQ=HOURLY;INTERVAL=1"]}),
     "INVALID_RECURRENCE"),
    (_reminder_with(["trigger", "recurrence"], {"recurrenceRules": "FREQ=DAILY"}), "INVALID_RECURRENCE"),
    (_reminder_with(["trigger", "recurrence"], {"recurrenceRules": ["FREQ=DAILY;BYHOUR=25"]}),
     "INVALID_RECURRENCE"),
    (_reminder_with(["alertInfo", "spokenInfo", "content"], []), "INVALID_ALERT_INFO"),
    (_reminder_with(["alertInfo", "spokenInfo", "content"], [{"text": "walk"}]), "INVALID_ALERT_INFO"),
    (_reminder_with(["alertInfo", "spokenInfo", "content"], [{"locale": "en-US"}]),
     "INVALID_ALERT_INFO"),
    (_reminder_with(["alertInfo"], delete=True), "INVALID_REQUEST"),
    (_reminder_with(["pushNotification", "status"], "LOUD"), "INVALID_PUSH_NOTIFICATION"),
])
def test_malformed_reminder_bodies_are_refused(standin, api, body, code):
    answer = api("POST", "/v1/alerts/reminders", body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == code
    assert standin.take_created() == []


def test_relative_trigger_needs_a_positive_offset(api):
    for offset in (0, -5, "600", True):
        body = dict(copy.deepcopy(ONE_REMINDER),
                    trigger={"type": "SCHEDULED_RELATIVE", "offsetInSeconds": offset})
        assert api("POST", "/v1/alerts/reminders", body).status_code == 400


def test_stand_in_stops_and_removes_its_files():
    server = AlexaApiStandIn(now=START).start()
    ca = server.ca_path
    endpoint = server.api_endpoint
    assert os.path.exists(ca)
    server.stop()
    assert not os.path.exists(ca)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(endpoint + "/v1/alerts/timers", timeout=2)
