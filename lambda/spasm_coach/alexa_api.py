"""Alexa's Timers and Reminders APIs, as the skill's handlers use them.

Three layers, each small:

- `LazyApiClient`: the API client given to `CustomSkillBuilder(api_client=...)`.
  It builds the SDK's `DefaultApiClient` (with timeouts) on the first call, so
  `requests` is imported only by a request that really talks to Alexa.
- `TimerService` and `ReminderService`: what the handlers call. They know the
  APIs, not speech; every failure comes out as one exception type,
  `AlexaApiError`, whose `kind` tells the handler which line to speak.
- `timers_permission_granted` / `reminders_permission_granted`: whether the
  request says the person has granted the scope.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import threading
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse
from ask_sdk_model.services.service_exception import ServiceException

TIMERS_SCOPE = "alexa::alerts:timers:skill:readwrite"
REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"

# What AlexaApiError.kind can be; handlers speak one line per kind.
ERROR_KINDS = (
    "duplicate",       # a timer with that label exists (400)
    "bad_request",     # the API refused the request (400, or 409 on update)
    "unauthorized",    # no permission or a bad token (401): ask for permission
    "forbidden",       # the skill may not do this (403)
    "not_found",       # no such timer or reminder (404, or none matched)
    "rate_limited",    # too many calls (429)
    "server",          # Alexa's service failed (5xx, or an unreadable answer)
    "device_offline",  # the device cannot be reached (504 from the Timers API)
    "timeout",         # no answer within Settings.api_timeout
    "unavailable",     # could not connect, or no API client/endpoint in this request
)


class AlexaApiError(Exception):
    """An Alexa API call failed. `kind` is one of ERROR_KINDS; `status` is the
    HTTP status when there was one; `code` is the API's error code when given."""

    def __init__(self, kind: str, message: str = "", status: Optional[int] = None,
                 code: Optional[str] = None) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError("unknown AlexaApiError kind %r" % kind)
        super().__init__(message or kind)
        self.kind = kind
        self.status = status
        self.code = code

    def __repr__(self) -> str:
        return "AlexaApiError(%r, status=%r, code=%r)" % (self.kind, self.status, self.code)


class ApiTransportError(ServiceException):
    """The HTTP call itself failed (timeout, refused connection, TLS failure).

    A ServiceException, as the SDK's service clients raise, so code that catches
    ServiceException catches this too. The SDK's BaseServiceClient re-raises any
    client error as a plain ServiceException(500) while handling it, so this one
    is found again on that exception's __context__ (see `_transport_kind`).
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message=message, status_code=None, headers=None, body=None)
        self.kind = kind


# ---------------------------------------------------------------------------
# The API client


class RequestsApiClient(ApiClient):
    """The ask_sdk_model ApiClient over `requests`, with timeouts and a CA bundle.

    ask-sdk-core's DefaultApiClient calls `requests.<method>(url=, headers=, data=)` with
    no timeout and has no public way to add one, so a slow Alexa API would hold the skill
    past the 8 s Alexa waits for a response. This is that client written on public
    interfaces only (ApiClient.invoke: ApiClientRequest in, ApiClientResponse out; and
    `requests`): HTTPS only, headers and a JSON body as the SDK sends them, and
    timeout=(connect, read) and verify=<CA bundle> on every call. Transport failures
    come out as ApiTransportError; `requests` is imported by the first client made.
    """

    def __init__(self, timeout: Tuple[float, float], verify: Any) -> None:
        import requests
        self._requests = requests
        self._timeout = timeout
        self._verify = verify

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        if not (request.url or "").startswith("https://"):
            raise ValueError("Alexa APIs are called over HTTPS only")
        headers: Dict[str, str] = {}
        for name, value in request.headers or ():
            headers[name] = "%s, %s" % (headers[name], value) if name in headers else value
        body = request.body
        if body and "json" in headers.get("Content-type", ""):
            body = json.dumps(body)
        try:
            answer = self._requests.request((request.method or "GET").upper(), request.url,
                                            headers=headers, data=body or None,
                                            timeout=self._timeout, verify=self._verify)
        except self._requests.exceptions.Timeout as error:
            raise ApiTransportError("timeout", "Alexa API call timed out") from error
        except self._requests.exceptions.ConnectionError as error:
            raise ApiTransportError("unavailable", "could not reach the Alexa API") from error
        return ApiClientResponse(
            headers=[(name, part.strip()) for name, values in answer.headers.items()
                     for part in values.split(",") if part.strip()],
            status_code=answer.status_code, body=answer.text)


class LazyApiClient(ApiClient):
    """An ask_sdk_model ApiClient that builds the real client on first use.

    timeout: seconds allowed for connecting and, separately, for the answer.
    ca_bundle: a PEM file of CAs to trust instead of the system's (the simulator's
    local stand-in); None trusts the usual public CAs.
    """

    def __init__(self, timeout: float = 3.0, ca_bundle: Optional[str] = None,
                 connect_timeout: Optional[float] = None) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.timeout = float(timeout)
        self.connect_timeout = float(connect_timeout) if connect_timeout else self.timeout
        self.ca_bundle = ca_bundle
        self._client: Optional[ApiClient] = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any) -> "LazyApiClient":
        return cls(timeout=settings.api_timeout, ca_bundle=settings.api_ca_bundle)

    @property
    def built(self) -> bool:
        """Whether the real client (and so `requests`) has been loaded."""
        return self._client is not None

    def _real_client(self) -> ApiClient:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = RequestsApiClient(
                        timeout=(self.connect_timeout, self.timeout),
                        verify=self.ca_bundle if self.ca_bundle else True,
                    )
        return self._client

    def invoke(self, request):  # type: ignore[no-untyped-def]
        return self._real_client().invoke(request)


# ---------------------------------------------------------------------------
# Permissions


def _scope_granted(request_envelope: Any, scope: str) -> bool:
    try:
        permissions = request_envelope.context.system.user.permissions
    except AttributeError:
        return False
    if permissions is None or not permissions.consent_token:
        return False
    scopes = permissions.scopes or {}
    entry = scopes.get(scope)
    status = getattr(entry, "status", None)
    value = getattr(status, "value", status)
    return value == "GRANTED"


def timers_permission_granted(request_envelope: Any) -> bool:
    """True when context.System.user.permissions has a consent token and the
    timers scope with status GRANTED."""
    return _scope_granted(request_envelope, TIMERS_SCOPE)


def reminders_permission_granted(request_envelope: Any) -> bool:
    """True when context.System.user.permissions has a consent token and the
    reminders scope with status GRANTED."""
    return _scope_granted(request_envelope, REMINDERS_SCOPE)


# ---------------------------------------------------------------------------
# Turning failures into AlexaApiError


def _transport_kind(error: BaseException) -> Optional[str]:
    seen = 0
    current: Optional[BaseException] = error
    while current is not None and seen < 10:
        if isinstance(current, ApiTransportError):
            return current.kind
        current = current.__cause__ or current.__context__
        seen += 1
    return None


def _error_code(body: Any) -> Tuple[Optional[str], str]:
    if body is None:
        return None, ""
    if isinstance(body, (str, bytes)):
        # Statuses a service client does not declare arrive as raw text.
        try:
            body = json.loads(body)
        except ValueError:
            return None, ""
    code = getattr(body, "code", None)
    message = getattr(body, "message", None)
    if isinstance(body, dict):
        code, message = body.get("code"), body.get("message")
    return (str(code) if code else None), (str(message) if message else "")


# HTTP status → error kind, for the statuses whose meaning does not depend on the body.
_STATUS_KINDS = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "unauthorized",  # the SDK's Reminders client documents 409 as UserAuthenticationException
    429: "rate_limited",
    503: "unavailable",
}


def _kind_for_status(status: Optional[int], code: Optional[str], message: str,
                     api: str) -> str:
    if status == 400:
        text = "%s %s" % (code or "", message)
        return "duplicate" if re.search(r"duplicate|already exists", text, re.I) else "bad_request"
    if status == 504:
        # Timers API: the device is offline. Reminders API: a gateway timeout.
        return "device_offline" if api == "timers" else "timeout"
    if status in _STATUS_KINDS:
        return _STATUS_KINDS[status]
    if status is not None and 400 <= status < 500:
        return "bad_request"
    return "server"


def _call(api: str, operation: Callable[[], Any]) -> Any:
    """Run one SDK service call, turning every failure into AlexaApiError."""
    try:
        return operation()
    except AlexaApiError:
        raise
    except ServiceException as error:
        kind = _transport_kind(error)
        if kind is not None:
            raise AlexaApiError(kind, str(error)) from error
        status = error.status_code
        code, message = _error_code(error.body)
        raise AlexaApiError(_kind_for_status(status, code, message, api),
                            message or str(error), status=status, code=code) from error
    except Exception as error:
        # The SDK raises SerializationException for an unreadable answer.
        kind = _transport_kind(error) or "server"
        raise AlexaApiError(kind, "%s: %s" % (type(error).__name__, error)) from error


# ---------------------------------------------------------------------------
# Small time helpers (no SDK types)

_DURATION = re.compile(
    r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$")


def parse_iso_duration(text: Optional[str]) -> Optional[_dt.timedelta]:
    """'PT20M' -> timedelta(minutes=20); None for anything else."""
    if not text:
        return None
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    try:
        return _dt.timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"])
    except OverflowError:  # "PT99999999999999H": no length at all
        return None


def iso_duration(value: _dt.timedelta) -> str:
    """timedelta(minutes=20) -> 'PT20M'; whole seconds."""
    total = max(0, int(round(value.total_seconds())))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT"
    if hours:
        text += "%dH" % hours
    if minutes:
        text += "%dM" % minutes
    if seconds or text == "PT":
        text += "%dS" % seconds
    return text


def _aware_utc(value: Optional[_dt.datetime]) -> Optional[_dt.datetime]:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=_dt.timezone.utc)
    return value.astimezone(_dt.timezone.utc)


def normal_label(label: Optional[str]) -> str:
    """A timer label as compared: lower case, single spaces ("Ice  Pack" is "ice pack")."""
    return " ".join((label or "").lower().split())


def _service_client(handler_input: Any, getter: str, api: str) -> Any:
    try:
        # HandlerInput raises ValueError when the skill has no API client.
        factory = handler_input.service_client_factory
    except (AttributeError, ValueError):
        factory = None
    if factory is None:
        raise AlexaApiError("unavailable", "the skill was built without an API client")
    system = handler_input.request_envelope.context.system
    if not system.api_access_token:
        raise AlexaApiError("unauthorized", "the request carries no apiAccessToken")
    if not system.api_endpoint:
        raise AlexaApiError("unavailable", "the request carries no apiEndpoint")
    try:
        return getattr(factory, getter)()
    except ValueError as error:
        raise AlexaApiError("unavailable", str(error)) from error


# ---------------------------------------------------------------------------
# Timers


class TimerResult(NamedTuple):
    """One timer as the Timers API reports it."""

    id: str
    label: Optional[str]
    status: str                               # ON, PAUSED or OFF
    duration: Optional[_dt.timedelta]
    trigger_time: Optional[_dt.datetime]       # UTC; None while paused
    remaining_when_paused: Optional[_dt.timedelta]
    created_time: Optional[_dt.datetime] = None

    @classmethod
    def from_response(cls, response: Any) -> "TimerResult":
        status = getattr(response.status, "value", response.status)
        return cls(
            id=response.id,
            label=response.timer_label,
            status=str(status) if status else "ON",
            duration=parse_iso_duration(response.duration),
            trigger_time=_aware_utc(response.trigger_time),
            remaining_when_paused=parse_iso_duration(response.remaining_time_when_paused),
            created_time=_aware_utc(response.created_time),
        )

    def remaining_at(self, now: _dt.datetime) -> _dt.timedelta:
        if self.status == "PAUSED" and self.remaining_when_paused is not None:
            return self.remaining_when_paused
        if self.trigger_time is None:
            return self.remaining_when_paused or _dt.timedelta(0)
        left = self.trigger_time - _aware_utc(now)  # type: ignore[operator]
        return max(left, _dt.timedelta(0))


class _AlertService:
    """One Alexa alerts API for one request: its SDK client, made on first use, and
    the request's own time (so the simulated clock drives everything)."""

    factory_method = ""
    api_name = ""

    def __init__(self, handler_input: Any) -> None:
        self.handler_input = handler_input
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = _service_client(self.handler_input, self.factory_method, self.api_name)
        return self._client

    def now(self) -> _dt.datetime:
        """The request's own time (the simulator's clock offline)."""
        from .handlers.common import request_time
        return request_time(self.handler_input)


class TimerService(_AlertService):
    """The Timers API for one request. Each method makes at most two calls, so
    two of them stay inside Alexa's 8 s even when every call hits the timeout."""

    factory_method = "get_timer_management_service"
    api_name = "timers"

    def create_announce_timer(self, label: str, minutes: float, announce_text: str,
                              locale: str, visible: bool = True) -> TimerResult:
        """An ANNOUNCE timer: after `minutes`, Alexa says `announce_text`."""
        from ask_sdk_model.services.timer_management import (
            AnnounceOperation, CreationBehavior, DisplayExperience, NotificationConfig,
            TextToAnnounce, TimerRequest, TriggeringBehavior, Visibility)

        request = TimerRequest(
            duration=iso_duration(_dt.timedelta(minutes=minutes)),
            timer_label=label,
            creation_behavior=CreationBehavior(display_experience=DisplayExperience(
                visibility=Visibility.VISIBLE if visible else Visibility.HIDDEN)),
            triggering_behavior=TriggeringBehavior(
                operation=AnnounceOperation(text_to_announce=[
                    TextToAnnounce(locale=locale, text=announce_text)]),
                notification_config=NotificationConfig(play_audible=True),
            ),
        )
        response = _call("timers", lambda: self.client.create_timer(request))
        return TimerResult.from_response(response)

    def list(self) -> List[TimerResult]:
        response = _call("timers", lambda: self.client.get_timers())
        return [TimerResult.from_response(t) for t in (getattr(response, "timers", None) or [])]

    def get(self, timer_id: str) -> TimerResult:
        return TimerResult.from_response(_call("timers", lambda: self.client.get_timer(timer_id)))

    def find_by_label(self, label: str) -> Optional[TimerResult]:
        wanted = normal_label(label)
        for timer in self.list():
            if normal_label(timer.label) == wanted:
                return timer
        return None

    def _resolve(self, label_or_id: Optional[str]) -> TimerResult:
        """A timer by id or label; with None, the only timer there is."""
        timers = self.list()
        if label_or_id is None:
            if len(timers) == 1:
                return timers[0]
            raise AlexaApiError("not_found", "%d timers, none named" % len(timers))
        wanted = normal_label(label_or_id)
        for timer in timers:
            if timer.id == label_or_id or normal_label(timer.label) == wanted:
                return timer
        raise AlexaApiError("not_found", "no timer by that label or id", status=404)

    def remaining(self, timer: TimerResult) -> _dt.timedelta:
        """Time left on `timer` at this request's time."""
        return timer.remaining_at(self.now())

    def cancel(self, label_or_id: Optional[str] = None) -> TimerResult:
        timer = self._resolve(label_or_id)
        _call("timers", lambda: self.client.delete_timer(timer.id))
        return timer

    def pause(self, label_or_id: Optional[str] = None) -> TimerResult:
        timer = self._resolve(label_or_id)
        if timer.status != "PAUSED":
            _call("timers", lambda: self.client.pause_timer(timer.id))
        left = timer.remaining_at(self.now())
        return TimerResult(timer.id, timer.label, "PAUSED", timer.duration, None, left,
                           timer.created_time)

    def resume(self, label_or_id: Optional[str] = None) -> TimerResult:
        timer = self._resolve(label_or_id)
        if timer.status != "ON":
            _call("timers", lambda: self.client.resume_timer(timer.id))
        left = timer.remaining_at(self.now())
        return TimerResult(timer.id, timer.label, "ON", timer.duration, self.now() + left,
                           None, timer.created_time)


# ---------------------------------------------------------------------------
# Reminders


def hourly_plan(now_local: _dt.datetime, until_hour: int = 18,
                max_count: int = 12, from_hour: int = 0) -> List[_dt.datetime]:
    """Local times, one hour apart, from an hour after `now_local` (and not before
    `from_hour`:00) up to and including `until_hour`:00 the same day (at most
    `max_count`). Empty when that hour has passed. Pure: handlers use it to say what
    will be set."""
    if not 0 <= from_hour <= until_hour <= 23:
        raise ValueError("from_hour and until_hour must be 0..23, from_hour first")
    end = now_local.replace(hour=until_hour, minute=0, second=0, microsecond=0)
    first = (now_local + _dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    first = max(first, now_local.replace(hour=from_hour, minute=0, second=0, microsecond=0))
    times = []
    current = first
    while current <= end and len(times) < max_count:
        times.append(current)
        current += _dt.timedelta(hours=1)
    return times


class ReminderResult(NamedTuple):
    """What create_hourly set: one reminder that recurs at `times` (local)."""

    alert_token: str
    times: List[_dt.datetime]
    time_zone: str = "UTC"


def _time_zone(name: str) -> Any:
    from dateutil import tz  # bundled with ask-sdk-core; carries its own zone data
    zone = tz.gettz(name) if name else None
    if zone is None:
        raise ValueError("unknown time zone %r" % name)
    return zone


class ReminderService(_AlertService):
    """The Reminders API for one request."""

    factory_method = "get_reminder_management_service"
    api_name = "reminders"

    def plan_hourly(self, time_zone: str, until_hour: int = 18,
                    max_count: int = 12, from_hour: int = 0) -> List[_dt.datetime]:
        """The local times create_hourly would use, for the confirmation question."""
        local_now = self.now().astimezone(_time_zone(time_zone))
        return hourly_plan(local_now.replace(tzinfo=None), until_hour, max_count, from_hour)

    def create_hourly(self, text: str, locale: str, time_zone: str, until_hour: int = 18,
                      max_count: int = 12, from_hour: int = 0) -> ReminderResult:
        """One reminder saying `text` every hour from an hour from now until
        `until_hour`:00 today (local time in `time_zone`, an IANA name such as
        the device's). It uses the API's recurrence rules (one DAILY rule per
        hour, bounded by startDateTime/endDateTime), so a single call sets it and
        a single delete removes it."""
        from ask_sdk_model.services.reminder_management import (
            AlertInfo, PushNotification, PushNotificationStatus, Recurrence,
            ReminderRequest, SpokenInfo, SpokenText, Trigger, TriggerType)

        times = self.plan_hourly(time_zone, until_hour, max_count, from_hour)
        if not times:
            raise AlexaApiError("bad_request", "no hour left today before %d:00" % until_hour)
        rules = ["FREQ=DAILY;BYHOUR=%d;BYMINUTE=%d;BYSECOND=0;INTERVAL=1;" % (t.hour, t.minute)
                 for t in times]
        request = ReminderRequest(
            request_time=self.now().replace(tzinfo=None),
            trigger=Trigger(
                object_type=TriggerType.SCHEDULED_ABSOLUTE,
                time_zone_id=time_zone,
                recurrence=Recurrence(
                    start_date_time=times[0] - _dt.timedelta(minutes=1),
                    end_date_time=times[-1] + _dt.timedelta(minutes=1),
                    recurrence_rules=rules,
                ),
            ),
            alert_info=AlertInfo(spoken_info=SpokenInfo(content=[
                SpokenText(locale=locale, text=text)])),
            push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
        )
        response = _call("reminders", lambda: self.client.create_reminder(request))
        return ReminderResult(alert_token=response.alert_token, times=times, time_zone=time_zone)

    def list_raw(self) -> List[dict]:
        """The skill's reminders for this person, as the API's JSON objects.

        The SDK's own get_reminders cannot read them: ask-sdk-model 1.82.0's
        AlertInfo names a module that does not exist
        (reminder_management.alert_info_spoken_info), so deserializing any
        reminder with alertInfo fails. The same GET goes through the service
        client's generic invoke with the plain "object" type instead."""
        from ask_sdk_model.services.service_client_response import ServiceClientResponse

        client = self.client
        token = self.handler_input.request_envelope.context.system.api_access_token
        error_type = "ask_sdk_model.services.reminder_management.error.Error"
        definitions = [ServiceClientResponse(response_type=error_type, status_code=code,
                                             message=message)
                       for code, message in ((401, "Unauthorized"), (429, "Too many requests"),
                                             (500, "Internal Server Error"))]
        response = _call("reminders", lambda: client.invoke(
            method="GET",
            endpoint=self.handler_input.request_envelope.context.system.api_endpoint,
            path="/v1/alerts/reminders",
            query_params=[],
            header_params=[("Content-type", "application/json"),
                           ("Authorization", "Bearer " + token)],
            path_params={},
            response_definitions=definitions,
            body=None,
            response_type="object",
        ))
        body = getattr(response, "body", None) or {}
        alerts = body.get("alerts") if isinstance(body, dict) else None
        return [a for a in (alerts or []) if isinstance(a, dict)]

    def delete(self, alert_token: str) -> None:
        _call("reminders", lambda: self.client.delete_reminder(alert_token))

    def cancel_all_ours(self) -> int:
        """Delete every active reminder this skill has set for this person (the
        API lists only the calling skill's own). Returns how many."""
        count = 0
        for alert in self.list_raw():
            token = alert.get("alertToken")
            if token and alert.get("status", "ON") == "ON":
                self.delete(token)
                count += 1
        return count
