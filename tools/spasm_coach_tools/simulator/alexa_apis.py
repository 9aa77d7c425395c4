"""A local HTTPS stand-in of Alexa's Timers and Reminders APIs.

It plays Alexa's side honestly for the simulator and the tests: real TLS on
127.0.0.1 (a throwaway CA from tls.py, trusted by the skill's API client through
its CA bundle), bearer tokens mapped to users, 401 for a user who has not granted
the scope, request bodies checked against Amazon's API reference, state kept per
user, and a simulated clock: timers go off and reminders fire when it passes them.

Paths, fields and status codes follow Amazon's Timers and Reminders REST API
references. Error bodies have Amazon's shape, {"code": ..., "message": ...}; the
reference does not list every code, so some code names here are the stand-in's own.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple, Union

from spasm_coach.alexa_api import (
    REMINDERS_SCOPE, TIMERS_SCOPE, iso_duration, parse_iso_duration)
from spasm_coach_tools.simulator.tls import TlsFiles, make_tls_files, server_context

UTC = dt.timezone.utc
MAX_TIMERS = 10
MAX_TIMER_DURATION = dt.timedelta(hours=2)
MAX_BODY_BYTES = 64 * 1024
FAULT_STATUSES = {
    400: "INVALID_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_SERVER_ERROR",
    503: "SERVICE_UNAVAILABLE",
    504: "DEVICE_OFFLINE",
}
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # datetime.weekday() order
_LOCALE = re.compile(r"^[a-z]{2,3}-[A-Z]{2}$")
_LOCAL_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$")


class ApiError(Exception):
    """An answer other than 200, with Amazon's error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _bad(code: str, message: str) -> ApiError:
    return ApiError(400, code, message)


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        "%03dZ" % (value.microsecond // 1000)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _zone(name: str) -> Any:
    from dateutil import tz
    zone = tz.gettz(name) if isinstance(name, str) and name.strip() else None
    if zone is None:
        raise _bad("INVALID_TIME_ZONE", "unknown timeZoneId %r" % (name,))
    return zone


# ---------------------------------------------------------------------------
# Body checks


def _object(value: Any, where: str, required: Tuple[str, ...] = (),
            optional: Tuple[str, ...] = (), code: str = "INVALID_REQUEST") -> Dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(code, "%s must be an object" % where)
    for key in required:
        if key not in value or value[key] is None:
            raise _bad(code, "%s.%s is required" % (where, key))
    unknown = set(value) - set(required) - set(optional)
    if unknown:
        raise _bad(code, "%s has unknown field(s): %s" % (where, ", ".join(sorted(unknown))))
    return value


def _text(value: Any, where: str, code: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad(code, "%s must be a non-empty string" % where)
    return value


def _localized(value: Any, where: str, code: str, text_keys: Tuple[str, ...] = ("text",)
               ) -> List[Dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise _bad(code, "%s must be a non-empty list" % where)
    for index, item in enumerate(value):
        item_where = "%s[%d]" % (where, index)
        _object(item, item_where, ("locale",), text_keys, code=code)
        locale = _text(item["locale"], item_where + ".locale", code)
        if not _LOCALE.match(locale):
            raise _bad(code, "%s.locale %r is not a locale such as en-US" % (item_where, locale))
        if not any(isinstance(item.get(k), str) and item[k].strip() for k in text_keys):
            raise _bad(code, "%s needs %s" % (item_where, " or ".join(text_keys)))
        for key in text_keys:
            if key in item:
                _text(item[key], "%s.%s" % (item_where, key), code)
    return value


def _local_time(value: Any, where: str) -> dt.datetime:
    """A local date-time with no zone, as the Reminders API wants it."""
    match = _LOCAL_TIME.match(value) if isinstance(value, str) else None
    if not match:
        raise _bad("INVALID_TRIGGER_SCHEDULED_TIME_FORMAT",
                   "%s must be a local ISO 8601 time with no zone, such as "
                   "2024-05-01T10:00:00.000" % where)
    year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise _bad("INVALID_TRIGGER_SCHEDULED_TIME_FORMAT", "%s is not a real time" % where)


def _any_time(value: Any, where: str, code: str) -> dt.datetime:
    if not isinstance(value, str):
        raise _bad(code, "%s must be an ISO 8601 time" % where)
    try:
        from dateutil.parser import isoparse
        return isoparse(value)
    except (ValueError, OverflowError):
        raise _bad(code, "%s must be an ISO 8601 time" % where)


def check_timer_request(body: Any) -> Tuple[dt.timedelta, Optional[str]]:
    """Check a Timers API create body; returns (duration, label). Raises ApiError."""
    _object(body, "body", ("duration", "creationBehavior", "triggeringBehavior"),
            ("timerLabel",))
    duration = parse_iso_duration(body["duration"]) if isinstance(body["duration"], str) else None
    if duration is None:
        raise _bad("INVALID_DURATION", "duration must be an ISO 8601 duration such as PT20M")
    if duration <= dt.timedelta(0):
        raise _bad("INVALID_DURATION", "duration must be more than zero")
    if duration > MAX_TIMER_DURATION:
        raise _bad("INVALID_DURATION", "duration must be at most PT2H")
    label = body.get("timerLabel")
    if label is not None and not isinstance(label, str):
        raise _bad("INVALID_TIMER_LABEL", "timerLabel must be a string")
    creation = _object(body["creationBehavior"], "creationBehavior", ("displayExperience",))
    display = _object(creation["displayExperience"], "creationBehavior.displayExperience",
                      ("visibility",))
    if display["visibility"] not in ("VISIBLE", "HIDDEN"):
        raise _bad("INVALID_REQUEST", "displayExperience.visibility must be VISIBLE or HIDDEN")
    triggering = _object(body["triggeringBehavior"], "triggeringBehavior",
                         ("operation", "notificationConfig"))
    operation = triggering["operation"]
    kind = operation.get("type") if isinstance(operation, dict) else None
    if kind == "ANNOUNCE":
        _object(operation, "operation", ("type", "textToAnnounce"))
        _localized(operation["textToAnnounce"], "operation.textToAnnounce",
                   "INVALID_TEXT_TO_ANNOUNCE")
    elif kind == "NOTIFY_ONLY":
        _object(operation, "operation", ("type",))
    elif kind == "LAUNCH_TASK":
        _object(operation, "operation", ("type", "textToConfirm", "task"))
        _localized(operation["textToConfirm"], "operation.textToConfirm",
                   "INVALID_TEXT_TO_CONFIRM")
        task = _object(operation["task"], "operation.task", ("name", "version"), ("input",))
        _text(task["name"], "operation.task.name", "INVALID_TASK")
        _text(task["version"], "operation.task.version", "INVALID_TASK")
    else:
        raise _bad("INVALID_OPERATION", "operation.type must be ANNOUNCE, NOTIFY_ONLY or LAUNCH_TASK")
    config = _object(triggering["notificationConfig"], "notificationConfig", ("playAudible",))
    if not isinstance(config["playAudible"], bool):
        raise _bad("INVALID_REQUEST", "notificationConfig.playAudible must be true or false")
    return duration, label


class _Rule:
    """One recurrence rule: FREQ=DAILY or WEEKLY, with BYHOUR, BYMINUTE,
    BYSECOND, BYDAY and INTERVAL (what Amazon's reference documents)."""

    def __init__(self, text: str, start: dt.datetime) -> None:
        parts: Dict[str, str] = {}
        for piece in text.strip().strip(";").split(";"):
            key, sep, value = piece.partition("=")
            if not sep or not value or key in parts:
                raise _bad("INVALID_RECURRENCE", "bad recurrence rule %r" % text)
            parts[key.upper()] = value.upper()
        unknown = set(parts) - {"FREQ", "INTERVAL", "BYHOUR", "BYMINUTE", "BYSECOND", "BYDAY"}
        if unknown or parts.get("FREQ") not in ("DAILY", "WEEKLY"):
            raise _bad("INVALID_RECURRENCE", "unsupported recurrence rule %r" % text)
        self.freq = parts["FREQ"]
        self.interval = self._numbers(parts.get("INTERVAL", "1"), 1, 366, text)[0]
        self.hours = self._numbers(parts.get("BYHOUR", str(start.hour)), 0, 23, text)
        self.minutes = self._numbers(parts.get("BYMINUTE", str(start.minute)), 0, 59, text)
        self.seconds = self._numbers(parts.get("BYSECOND", "0"), 0, 59, text)
        days = parts.get("BYDAY")
        if days is None:
            self.days = {start.weekday()} if self.freq == "WEEKLY" else set(range(7))
        else:
            names = days.split(",")
            if any(d not in _DAYS for d in names):
                raise _bad("INVALID_RECURRENCE", "bad BYDAY in %r" % text)
            self.days = {_DAYS.index(d) for d in names}
        self.start_date = start.date()

    @staticmethod
    def _numbers(text: str, low: int, high: int, rule: str) -> List[int]:
        try:
            values = [int(v) for v in text.split(",")]
        except ValueError:
            raise _bad("INVALID_RECURRENCE", "bad number in %r" % rule)
        if not values or any(v < low or v > high for v in values):
            raise _bad("INVALID_RECURRENCE", "number out of range in %r" % rule)
        return values

    def on_day(self, day: dt.date) -> List[Tuple[int, int, int]]:
        if day.weekday() not in self.days:
            return []
        offset = (day - self.start_date).days
        period = offset if self.freq == "DAILY" else offset // 7
        if offset < 0 or period % self.interval:
            return []
        return [(h, m, s) for h in self.hours for m in self.minutes for s in self.seconds]


def check_reminder_request(body: Any, now: dt.datetime, default_zone: str
                           ) -> Dict[str, Any]:
    """Check a Reminders API create/update body. Returns the schedule the
    stand-in keeps: {"zone", "once": aware time or None, "rules", "start", "end"}."""
    _object(body, "body", ("requestTime", "trigger", "alertInfo"), ("pushNotification",))
    _any_time(body["requestTime"], "requestTime", "INVALID_REQUEST_TIME")
    trigger = body["trigger"]
    kind = trigger.get("type") if isinstance(trigger, dict) else None
    alert = _object(body["alertInfo"], "alertInfo", ("spokenInfo",), code="INVALID_ALERT_INFO")
    spoken = _object(alert["spokenInfo"], "alertInfo.spokenInfo", ("content",),
                     code="INVALID_ALERT_INFO")
    _localized(spoken["content"], "alertInfo.spokenInfo.content", "INVALID_ALERT_INFO",
               ("text", "ssml"))
    if "pushNotification" in body:
        push = _object(body["pushNotification"], "pushNotification", ("status",),
                       code="INVALID_PUSH_NOTIFICATION")
        if push["status"] not in ("ENABLED", "DISABLED"):
            raise _bad("INVALID_PUSH_NOTIFICATION", "pushNotification.status must be ENABLED or DISABLED")

    if kind == "SCHEDULED_RELATIVE":
        _object(trigger, "trigger", ("type", "offsetInSeconds"), ("timeZoneId",),
                code="INVALID_TRIGGER")
        offset = trigger["offsetInSeconds"]
        if isinstance(offset, bool) or not isinstance(offset, int) or offset <= 0:
            raise _bad("INVALID_TRIGGER", "trigger.offsetInSeconds must be a positive integer")
        zone_name = trigger.get("timeZoneId") or default_zone
        _zone(zone_name)
        return {"zone": zone_name, "once": now + dt.timedelta(seconds=offset),
                "rules": [], "start": None, "end": None}
    if kind != "SCHEDULED_ABSOLUTE":
        raise _bad("INVALID_TRIGGER", "trigger.type must be SCHEDULED_ABSOLUTE or SCHEDULED_RELATIVE")

    _object(trigger, "trigger", ("type",), ("scheduledTime", "timeZoneId", "recurrence"),
            code="INVALID_TRIGGER")
    zone_name = trigger.get("timeZoneId") or default_zone
    zone = _zone(zone_name)
    recurrence = trigger.get("recurrence")
    if recurrence is None:
        if "scheduledTime" not in trigger:
            raise _bad("INVALID_TRIGGER", "trigger.scheduledTime is required")
        when = _local_time(trigger["scheduledTime"], "trigger.scheduledTime").replace(tzinfo=zone)
        if when <= now:
            raise _bad("PAST_SCHEDULED_TIME", "trigger.scheduledTime is in the past")
        return {"zone": zone_name, "once": _utc(when), "rules": [], "start": None, "end": None}

    _object(recurrence, "trigger.recurrence", (), ("freq", "byDay", "interval", "startDateTime",
            "endDateTime", "recurrenceRules"), code="INVALID_RECURRENCE")
    start = (_local_time(recurrence["startDateTime"], "recurrence.startDateTime")
             if recurrence.get("startDateTime") else None)
    end = (_local_time(recurrence["endDateTime"], "recurrence.endDateTime")
           if recurrence.get("endDateTime") else None)
    if start and end and end <= start:
        raise _bad("INVALID_RECURRENCE", "recurrence.endDateTime must be after startDateTime")
    local_now = now.astimezone(zone).replace(tzinfo=None)
    if recurrence.get("recurrenceRules") is not None:
        rules_text = recurrence["recurrenceRules"]
        if not isinstance(rules_text, list) or not rules_text or \
                not all(isinstance(r, str) for r in rules_text):
            raise _bad("INVALID_RECURRENCE", "recurrence.recurrenceRules must be a list of rules")
        anchor = start or local_now
        rules = [_Rule(r, anchor) for r in rules_text]
    else:
        # The older form: freq and byDay, at the time of day of scheduledTime.
        if recurrence.get("freq") not in ("DAILY", "WEEKLY") or "scheduledTime" not in trigger:
            raise _bad("INVALID_RECURRENCE",
                       "recurrence needs recurrenceRules, or freq with trigger.scheduledTime")
        at = _local_time(trigger["scheduledTime"], "trigger.scheduledTime")
        rule = "FREQ=%s;BYHOUR=%d;BYMINUTE=%d;BYSECOND=%d" % (
            recurrence["freq"], at.hour, at.minute, at.second)
        if recurrence.get("byDay"):
            if not isinstance(recurrence["byDay"], list):
                raise _bad("INVALID_RECURRENCE", "recurrence.byDay must be a list")
            rule += ";BYDAY=" + ",".join(str(d) for d in recurrence["byDay"])
        if recurrence.get("interval") is not None:
            rule += ";INTERVAL=%s" % recurrence["interval"]
        rules = [_Rule(rule, start or at)]
    if end is not None and end.replace(tzinfo=zone) <= now:
        raise _bad("PAST_SCHEDULED_TIME", "recurrence.endDateTime is in the past")
    return {"zone": zone_name, "once": None, "rules": rules,
            "start": start.replace(tzinfo=zone) if start else None,
            "end": end.replace(tzinfo=zone) if end else None}


# ---------------------------------------------------------------------------
# State


class _Timer:
    def __init__(self, body: Dict[str, Any], duration: dt.timedelta, label: Optional[str],
                 now: dt.datetime) -> None:
        self.id = str(uuid.uuid4())
        self.body = body
        self.label = label
        self.duration = duration
        self.status = "ON"
        self.trigger_time: Optional[dt.datetime] = now + duration
        self.remaining_when_paused: Optional[dt.timedelta] = None
        self.created = now
        self.updated = now

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        if self.status == "PAUSED" and self.remaining_when_paused is not None:
            return self.remaining_when_paused
        return max(dt.timedelta(0), (self.trigger_time or now) - now)

    def to_json(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "duration": self.body["duration"],
            "createdTime": _stamp(self.created),
            "updatedTime": _stamp(self.updated),
        }
        if self.label is not None:
            data["timerLabel"] = self.label
        if self.status == "ON" and self.trigger_time is not None:
            data["triggerTime"] = _stamp(self.trigger_time)
        if self.status == "PAUSED" and self.remaining_when_paused is not None:
            data["remainingTimeWhenPaused"] = iso_duration(self.remaining_when_paused)
        return data

    def announcement(self) -> str:
        operation = self.body["triggeringBehavior"]["operation"]
        name = 'timer "%s"' % self.label if self.label else "timer"
        texts = operation.get("textToAnnounce") or []
        if operation.get("type") == "ANNOUNCE" and texts:
            return "%s went off: %s" % (name, texts[0]["text"])
        return "%s went off" % name


class _Reminder:
    def __init__(self, body: Dict[str, Any], schedule: Dict[str, Any], now: dt.datetime) -> None:
        self.token = str(uuid.uuid4())
        self.created = now
        self.version = 0
        self.update(body, schedule, now)

    def update(self, body: Dict[str, Any], schedule: Dict[str, Any], now: dt.datetime) -> None:
        self.body = body
        self.schedule = schedule
        self.status = "ON"
        self.updated = now
        self.version += 1

    def to_json(self) -> Dict[str, Any]:
        return {
            "alertToken": self.token,
            "createdTime": _stamp(self.created),
            "updatedTime": _stamp(self.updated),
            "status": self.status,
            "version": str(self.version),
            "trigger": self.body["trigger"],
            "alertInfo": self.body["alertInfo"],
            "pushNotification": self.body.get("pushNotification", {"status": "ENABLED"}),
        }

    def text(self) -> str:
        content = self.body["alertInfo"]["spokenInfo"]["content"][0]
        if content.get("text"):
            return content["text"]
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content.get("ssml", ""))).strip()

    def times_between(self, after: dt.datetime, until: dt.datetime) -> List[dt.datetime]:
        """When it fires in (after, until], UTC."""
        once = self.schedule["once"]
        if once is not None:
            return [once] if after < once <= until else []
        zone = _zone(self.schedule["zone"])
        start, end = self.schedule["start"], self.schedule["end"]
        first_day = after.astimezone(zone).date() - dt.timedelta(days=1)
        last_day = until.astimezone(zone).date() + dt.timedelta(days=1)
        found: List[dt.datetime] = []
        day = first_day
        while day <= last_day and len(found) < 1000:
            for rule in self.schedule["rules"]:
                for hour, minute, second in rule.on_day(day):
                    local = dt.datetime(day.year, day.month, day.day, hour, minute, second,
                                        tzinfo=zone)
                    if (start and local < start) or (end and local > end):
                        continue
                    when = _utc(local)
                    if after < when <= until:
                        found.append(when)
            day += dt.timedelta(days=1)
        return sorted(set(found))

    def finished_by(self, now: dt.datetime) -> bool:
        if self.schedule["once"] is not None:
            return self.schedule["once"] <= now
        end = self.schedule["end"]
        return end is not None and _utc(end) <= now


class _User:
    def __init__(self) -> None:
        self.scopes: set = set()
        self.timers: Dict[str, _Timer] = {}
        self.reminders: Dict[str, _Reminder] = {}


# ---------------------------------------------------------------------------
# HTTP


class _Handler(BaseHTTPRequestHandler):
    server_version = "AlexaApiStandIn/1.0"
    protocol_version = "HTTP/1.1"
    timeout = 10  # seconds a client may stall on a connection

    def setup(self) -> None:
        # The handshake runs here, in this connection's own thread, so a stalled
        # client cannot block the accept loop.
        self.request.settimeout(self.timeout)
        self.request.do_handshake()
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # bodies carry people's reminders; nothing is logged

    def _serve(self) -> None:
        standin: AlexaApiStandIn = self.server.standin  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._answer(413, {"code": "PAYLOAD_TOO_LARGE", "message": "body too large"})
            return
        raw = self.rfile.read(length) if length else b""
        status, body, headers = standin._handle(
            self.command, self.path, self.headers.get("Authorization"), raw)
        self._answer(status, body, headers)

    def _answer(self, status: int, body: Optional[Any],
                headers: Optional[Dict[str, str]] = None) -> None:
        data = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (its timeout); nothing to tell it

    do_GET = do_POST = do_PUT = do_DELETE = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or distrust the certificate just go away


class AlexaApiStandIn:
    """The Timers and Reminders APIs on https://127.0.0.1:<ephemeral port>.

    Use as a context manager, or start() and stop(). The clock starts at the
    real time unless `now` is given; it moves only by set_now() and advance().
    """

    def __init__(self, now: Optional[dt.datetime] = None, time_zone: str = "UTC",
                 tls: Optional[TlsFiles] = None) -> None:
        self._now = _utc(now) if now else dt.datetime.now(UTC).replace(microsecond=0)
        self.time_zone = time_zone  # the device's zone, for reminders that name none
        self._lock = threading.RLock()
        self._tokens: Dict[str, str] = {}
        self._users: Dict[str, _User] = {}
        self._created: List[Tuple[str, Dict[str, Any]]] = []
        self._calls: List[Dict[str, Any]] = []
        self._faults: List[int] = []
        self._delays: List[float] = []
        self._stopping = threading.Event()
        self._own_tls_dir: Optional[str] = None
        self._tls = tls
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    # -- life cycle ---------------------------------------------------------

    def start(self) -> "AlexaApiStandIn":
        if self._server is not None:
            return self
        if self._tls is None:
            self._tls = make_tls_files()
            self._own_tls_dir = os.path.dirname(self._tls.ca_path)
        server = _Server(("127.0.0.1", 0), _Handler)
        server.standin = self  # type: ignore[attr-defined]
        server.socket = server_context(self._tls).wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False)
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1},
            name="alexa-api-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._own_tls_dir:
            shutil.rmtree(self._own_tls_dir, ignore_errors=True)
            self._own_tls_dir = None
            self._tls = None

    def __enter__(self) -> "AlexaApiStandIn":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def api_endpoint(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not running")
        return "https://127.0.0.1:%d" % self._server.server_address[1]

    @property
    def ca_path(self) -> str:
        if self._tls is None:
            raise RuntimeError("the stand-in is not running")
        return self._tls.ca_path

    # -- people and permissions --------------------------------------------

    def _user(self, user_id: str) -> _User:
        if user_id not in self._users:
            self._users[user_id] = _User()
        return self._users[user_id]

    def register_token(self, token: str, user_id: str) -> None:
        """Requests bearing `token` act for `user_id` (as apiAccessToken does)."""
        with self._lock:
            self._tokens[token] = user_id
            self._user(user_id)

    def grant(self, user_id: str, scope: str) -> None:
        with self._lock:
            self._user(user_id).scopes.add(scope)

    def revoke(self, user_id: str, scope: str) -> None:
        with self._lock:
            self._user(user_id).scopes.discard(scope)

    def granted(self, user_id: str, scope: str) -> bool:
        with self._lock:
            return scope in self._user(user_id).scopes

    # -- what happened ------------------------------------------------------

    def take_created(self, api: Optional[str] = None) -> List[Dict[str, Any]]:
        """Request bodies of timers/reminders created since the last call (only
        those accepted). api: "timers", "reminders", or None for both."""
        with self._lock:
            taken = [body for kind, body in self._created if api in (None, kind)]
            self._created = [(k, b) for k, b in self._created if api not in (None, k)]
            return taken

    def take_calls(self) -> List[Dict[str, Any]]:
        """Every request since the last call: method, path, token, body, status."""
        with self._lock:
            calls, self._calls = self._calls, []
            return calls

    def timers(self, user_id: str) -> List[Dict[str, Any]]:
        """The user's timers as the API reports them, soonest first."""
        with self._lock:
            return [t.to_json() for t in self._sorted_timers(self._user(user_id))]

    def reminders(self, user_id: str) -> List[Dict[str, Any]]:
        with self._lock:
            return [r.to_json() for r in self._user(user_id).reminders.values()]

    # -- the clock ----------------------------------------------------------

    @property
    def now(self) -> dt.datetime:
        return self._now

    def set_now(self, now: dt.datetime) -> None:
        """Set the clock without reporting anything (a jump, e.g. a new run)."""
        with self._lock:
            self._now = _utc(now)

    def advance(self, to: Union[dt.datetime, dt.timedelta]) -> List[str]:
        """Move the clock forward (to a time, or by a timedelta) and return what
        happened on the way, in order: timers going off, reminders firing."""
        with self._lock:
            old = self._now
            new = old + to if isinstance(to, dt.timedelta) else _utc(to)
            if new <= old:
                self._now = new
                return []
            happened: List[Tuple[dt.datetime, str]] = []
            for user in self._users.values():
                for timer in list(user.timers.values()):
                    if timer.status == "ON" and timer.trigger_time and timer.trigger_time <= new:
                        happened.append((timer.trigger_time, timer.announcement()))
                        del user.timers[timer.id]  # a timer that has rung is gone
                for reminder in user.reminders.values():
                    if reminder.status != "ON":
                        continue
                    for when in reminder.times_between(old, new):
                        happened.append((when, "reminder went off: %s" % reminder.text()))
                    if reminder.finished_by(new):
                        reminder.status = "COMPLETED"
            self._now = new
            happened.sort(key=lambda item: item[0])
            return [text for _, text in happened]

    # -- faults -------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1) -> None:
        """The next `times` requests get `status` with an Amazon-style error body."""
        if status not in FAULT_STATUSES:
            raise ValueError("fail_next takes one of %s" % sorted(FAULT_STATUSES))
        with self._lock:
            self._faults.extend([status] * times)

    def delay_next(self, seconds: float, times: int = 1) -> None:
        """The next `times` requests wait `seconds` before being handled."""
        with self._lock:
            self._delays.extend([float(seconds)] * times)

    def reset(self) -> None:
        """Forget every user, token, timer, reminder, record and fault."""
        with self._lock:
            self._tokens.clear()
            self._users.clear()
            self._created, self._calls = [], []
            self._faults, self._delays = [], []

    # -- request handling ---------------------------------------------------

    def _handle(self, method: str, path: str, authorization: Optional[str], raw: bytes
                ) -> Tuple[int, Optional[Any], Dict[str, str]]:
        with self._lock:
            delay = self._delays.pop(0) if self._delays else 0.0
        if delay and self._stopping.wait(delay):
            return 503, {"code": "SERVICE_UNAVAILABLE", "message": "shutting down"}, {}
        token = None
        if authorization and authorization.startswith("Bearer "):
            token = authorization[len("Bearer "):].strip()
        body: Any = None
        with self._lock:
            call = {"method": method, "path": path.split("?", 1)[0], "token": token,
                    "body": None, "status": None}
            self._calls.append(call)
            if raw:
                try:
                    body = json.loads(raw.decode("utf-8"))
                except (ValueError, UnicodeDecodeError):
                    body = _Malformed
                call["body"] = None if body is _Malformed else body
            headers: Dict[str, str] = {}
            try:
                if self._faults:
                    status = self._faults.pop(0)
                    if status == 429:
                        headers["Retry-After"] = "1"
                    raise ApiError(status, FAULT_STATUSES[status],
                                   "injected failure %d" % status)
                status, answer = self._route(method, call["path"], token, body)
            except ApiError as error:
                status, answer = error.status, {"code": error.code, "message": error.message}
            call["status"] = status
            return status, answer, headers

    def _route(self, method: str, path: str, token: Optional[str], body: Any
               ) -> Tuple[int, Optional[Any]]:
        parts = [p for p in path.split("/") if p]
        if parts[:2] != ["v1", "alerts"] or len(parts) < 3 or parts[2] not in ("timers", "reminders"):
            raise ApiError(404, "NOT_FOUND", "no such resource")
        api = parts[2]
        user = self._authorize(token, TIMERS_SCOPE if api == "timers" else REMINDERS_SCOPE)
        if body is _Malformed:
            raise _bad("INVALID_REQUEST", "the body is not JSON")
        rest = parts[3:]
        if api == "timers":
            return self._timers(method, rest, user, body)
        return self._reminders(method, rest, user, body)

    def _authorize(self, token: Optional[str], scope: str) -> _User:
        user_id = self._tokens.get(token or "")
        if user_id is None:
            raise ApiError(401, "UNAUTHORIZED", "missing or unknown bearer token")
        user = self._user(user_id)
        if scope not in user.scopes:
            raise ApiError(401, "UNAUTHORIZED", "the user has not granted %s" % scope)
        return user

    @staticmethod
    def _method_not_allowed() -> ApiError:
        return ApiError(405, "METHOD_NOT_ALLOWED", "method not allowed here")

    def _sorted_timers(self, user: _User) -> List[_Timer]:
        return sorted(user.timers.values(), key=lambda t: t.remaining(self._now))

    def _timers(self, method: str, rest: List[str], user: _User, body: Any
                ) -> Tuple[int, Optional[Any]]:
        now = self._now
        if not rest:
            if method == "POST":
                duration, label = check_timer_request(body)
                if label is not None and any(
                        t.label is not None and t.label.strip().lower() == label.strip().lower()
                        for t in user.timers.values()):
                    raise _bad("DUPLICATE_TIMER_LABEL", "a timer labelled %r already exists" % label)
                if len(user.timers) >= MAX_TIMERS:
                    raise _bad("MAX_TIMERS_EXCEEDED", "at most %d timers" % MAX_TIMERS)
                timer = _Timer(body, duration, label, now)
                user.timers[timer.id] = timer
                self._created.append(("timers", body))
                return 200, timer.to_json()
            if method == "GET":
                timers = [t.to_json() for t in self._sorted_timers(user)]
                return 200, {"timers": timers, "totalCount": len(timers)}
            if method == "DELETE":
                user.timers.clear()
                return 200, None
            raise self._method_not_allowed()
        timer = user.timers.get(rest[0])
        if timer is None:
            raise ApiError(404, "TIMER_NOT_FOUND", "no timer with that id")
        if len(rest) == 1:
            if method == "GET":
                return 200, timer.to_json()
            if method == "DELETE":
                del user.timers[timer.id]
                return 200, None
            raise self._method_not_allowed()
        if len(rest) == 2 and rest[1] in ("pause", "resume") and method == "POST":
            if rest[1] == "pause" and timer.status == "ON":
                timer.remaining_when_paused = timer.remaining(now)
                timer.status, timer.trigger_time, timer.updated = "PAUSED", None, now
            elif rest[1] == "resume" and timer.status == "PAUSED":
                left = timer.remaining_when_paused or dt.timedelta(0)
                timer.status, timer.trigger_time, timer.updated = "ON", now + left, now
                timer.remaining_when_paused = None
            return 200, None
        raise ApiError(404, "NOT_FOUND", "no such resource")

    def _reminders(self, method: str, rest: List[str], user: _User, body: Any
                   ) -> Tuple[int, Optional[Any]]:
        now = self._now
        if not rest:
            if method == "POST":
                schedule = check_reminder_request(body, now, self.time_zone)
                reminder = _Reminder(body, schedule, now)
                user.reminders[reminder.token] = reminder
                self._created.append(("reminders", body))
                return 200, self._reminder_receipt(reminder)
            if method == "GET":
                alerts = [r.to_json() for r in user.reminders.values()]
                return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}
            raise self._method_not_allowed()
        reminder = user.reminders.get(rest[0])
        if len(rest) != 1:
            raise ApiError(404, "NOT_FOUND", "no such resource")
        if reminder is None:
            raise ApiError(404, "ALERT_NOT_FOUND", "no reminder with that alertToken")
        if method == "GET":
            return 200, reminder.to_json()
        if method == "DELETE":
            del user.reminders[reminder.token]
            return 200, None
        if method == "PUT":
            schedule = check_reminder_request(body, now, self.time_zone)
            reminder.update(body, schedule, now)
            return 200, self._reminder_receipt(reminder)
        raise self._method_not_allowed()

    @staticmethod
    def _reminder_receipt(reminder: _Reminder) -> Dict[str, Any]:
        return {
            "alertToken": reminder.token,
            "createdTime": _stamp(reminder.created),
            "updatedTime": _stamp(reminder.updated),
            "status": reminder.status,
            "version": str(reminder.version),
            "href": "/v1/alerts/reminders/%s" % reminder.token,
        }


class _MalformedBody:
    """Marks a request body that was not JSON."""


_Malformed = _MalformedBody()
