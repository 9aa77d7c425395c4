"""Ice and heat timers, walking reminders, and the voice permissions they need.

"Set an ice timer", "time my heat pack for fifteen minutes", "how long is left on my
timer", "cancel the timer", "pause the timer", "remind me to get up and walk every hour",
"cancel my reminders". The Alexa API calls go through alexa_api (TimerService,
ReminderService); every failure comes back as an AlexaApiError and is spoken, never raised.

Timers never guide an exercise, so they stay available after a safety flag; every timer
confirmation repeats the care note (a cloth, not on numb skin, don't fall asleep on it).

Permissions: each request says whether the person has granted the scope. Without it the
skill asks by voice (Connections.SendRequest AskFor); Alexa answers later with a
Connections.Response, in a new session. What was asked for travels in the directive's
token (Alexa returns it as is) and in the session attributes. After a refusal the skill
does not ask again for REFUSAL_DAYS days.

Session attributes used here (JSON, nothing the person said):
  refusals       {scope: "YYYY-MM-DD"}: the day a permission was refused (kept across
                 sessions by the memory layer)
  alert_request  {"scope": "timers", "kind": "ice", "minutes": 20} or {"scope": "reminders"}:
                 what to do once the permission is granted
  timer_kind     the pack named while the skill asks how many minutes
  reminder_zone  the time zone the reminder plan was read out in
"""
from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..alexa_api import (REMINDERS_SCOPE, TIMERS_SCOPE, AlexaApiError, ReminderService,
                         TimerResult, TimerService, normal_label, parse_iso_duration,
                         reminders_permission_granted, timers_permission_granted)
from ..content import DEFAULT_LOCALE, Content
from ..speech import Speech, spoken_list
from .common import (NO_SCREEN, IntentHandler, content_of, in_routine, reply, request_time, session, slot_values,
                     speech_of)

log = logging.getLogger(__name__)

SET_TIMER = "SetTimerIntent"
TIMER_STATUS = "TimerStatusIntent"
CANCEL_TIMER = "CancelTimerIntent"
PAUSE_TIMER = "PauseTimerIntent"
RESUME_TIMER = "ResumeTimerIntent"
WALK_REMINDERS = "WalkReminderIntent"
CANCEL_REMINDERS = "CancelRemindersIntent"

KINDS = ("ice", "heat")     # ids of the TIMER_KIND slot type
ANY_KIND = "pack"           # a timer asked for without saying which pack
KIND_SLOT = "Pack"
# The pack said to be done when switching ("the ice is off, now the heat"): not the one to time.
FINISHED_SLOT = "Finished"
MINUTES_SLOT = "Minutes"
DURATION_SLOT = "Duration"

ASK_FOR = "AskFor"
TOKEN_PREFIX = "spasm-coach"
REFUSAL_DAYS = 7            # alexa-platform.md: after a no, do not ask again for at least 7 days
SCOPES = {"timers": TIMERS_SCOPE, "reminders": REMINDERS_SCOPE}

CONFIRM_REMINDERS = "confirm_reminders"
# The pack each offer of a timer (questions.py) is about; None: ask which.
OFFERED_KINDS = {"offer_timer": None, "offer_heat_timer": "heat", "offer_ice_timer": "ice"}

# Walking reminders only in waking hours: "every hour from now (not before 8 am) until 6 pm".
REMINDERS_FROM_HOUR, REMINDERS_UNTIL_HOUR = 8, 18
# Where the device's time zone cannot be read: the locale's most populous zone (its
# content file's time_zone), else UTC. The confirmation reads the times out, so a
# wrong guess is heard before anything is set.
FALLBACK_TIME_ZONE = "UTC"
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+){0,2}$")
# Words as heard: runs of letters of any alphabet.
_WORD = re.compile(r"[^\W\d_]+")


# -- pure helpers ----------------------------------------------------------------------

def kind_from(slot: Optional[Dict[str, Optional[str]]], kinds: Dict[str, Any],
              cues: Sequence[str] = ()) -> Optional[str]:
    """ice, heat, or None from the Pack slot: its resolved id, else a word of the heard
    value that the content's ``kinds`` (timers.kinds) list as ``heard`` for a pack. With
    both packs named, the first one named after the last of ``cues`` (timers.switch_words:
    "the ice is off, now time the heat") is wanted."""
    if not slot:
        return None
    if slot.get("id") in KINDS:
        return slot["id"]
    words = _WORD.findall((slot.get("value") or "").casefold())
    named = {kind: [i for i, word in enumerate(words) if word in kinds[kind]["heard"]] for kind in KINDS}
    named = {kind: places for kind, places in named.items() if places}
    if len(named) > 1:
        last_cue = max((i for i, word in enumerate(words) if word in cues), default=-1)
        after = [(min(i for i in places if i > last_cue), kind) for kind, places in named.items()
                 if max(places) > last_cue]
        if after:
            return min(after)[1]
    return next((kind for kind in KINDS if kind in named), None)


def other_kind(finished: Optional[str]) -> Optional[str]:
    """The pack to time when only the one that is done was named: the other one."""
    others = [kind for kind in KINDS if kind != finished]
    return others[0] if finished in KINDS and len(others) == 1 else None


def requested_minutes(slots: Dict[str, Dict[str, Optional[str]]]) -> Tuple[Optional[float], bool]:
    """(minutes asked for or None, whether any length was heard at all).

    Minutes holds a number ("15"); Duration an ISO 8601 length ("PT15M", "PT30S").
    An unrecognised number ("?") counts as not said.
    """
    minutes_value = (slots.get(MINUTES_SLOT) or {}).get("value")
    if minutes_value:
        try:
            number = float(minutes_value)
        except ValueError:
            number = None
        if number is not None and math.isfinite(number):
            return bounded_minutes(number), True
    duration_value = (slots.get(DURATION_SLOT) or {}).get("value")
    if duration_value:
        length = parse_iso_duration(duration_value)
        if length is not None:
            return bounded_minutes(length.total_seconds() / 60.0), True
    return None, False


# More than a week is not a length anyone means for a pack: it is kept as "a week",
# which set_timer caps (and says so) like any other length over its limit. Bounding
# here keeps every later calculation (timedelta, speech) within range.
MAX_HEARD_MINUTES = 7 * 24 * 60.0


def bounded_minutes(minutes: float) -> float:
    return max(-MAX_HEARD_MINUTES, min(float(minutes), MAX_HEARD_MINUTES))


def _as_minutes(minutes: Any, default: float) -> float:
    """A length from a slot or from the session (which may have been tampered with)."""
    if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) and math.isfinite(minutes) \
            and minutes > 0:
        return bounded_minutes(minutes)
    return default


def refused_recently(refusals: Any, scope: str, today: _dt.date) -> bool:
    """Whether `scope` was refused less than REFUSAL_DAYS days before `today`."""
    if not isinstance(refusals, dict):
        return False
    day = refusals.get(scope)
    try:
        refused = _dt.date.fromisoformat(str(day)[:10])
    except ValueError:
        return False
    return 0 <= (today - refused).days < REFUSAL_DAYS


def make_token(request: Dict[str, Any]) -> str:
    """The AskFor token: what was asked for, returned as is in the Connections.Response."""
    if request.get("scope") == "timers":
        return "%s:timers:%s:%s" % (TOKEN_PREFIX, request.get("kind", ANY_KIND),
                                    _minutes_text(request.get("minutes")))
    return "%s:%s" % (TOKEN_PREFIX, request.get("scope"))


def read_token(token: Optional[str]) -> Optional[Dict[str, Any]]:
    """The request a make_token token stands for; None for anything else."""
    parts = (token or "").split(":")
    if len(parts) < 2 or parts[0] != TOKEN_PREFIX or parts[1] not in SCOPES:
        return None
    if parts[1] == "reminders":
        return {"scope": "reminders"}
    request: Dict[str, Any] = {"scope": "timers", "kind": ANY_KIND, "minutes": None}
    if len(parts) >= 4:
        if parts[2] in KINDS + (ANY_KIND,):
            request["kind"] = parts[2]
        try:
            minutes = float(parts[3])
            if math.isfinite(minutes) and minutes > 0:
                request["minutes"] = bounded_minutes(minutes)
        except ValueError:
            pass
    return request


def _minutes_text(minutes: Any) -> str:
    if isinstance(minutes, (int, float)) and math.isfinite(minutes):
        return ("%g" % round(float(minutes), 2))
    return ""


def spoken_length(length: _dt.timedelta, content: Content) -> str:
    """A length of time as said aloud: "twenty minutes", "4 minutes and 30 seconds"."""
    units = content.raw("timers.units")
    total = max(0, int(round(length.total_seconds())))
    minutes, seconds = divmod(total, 60)
    parts = []
    if minutes:
        parts.append("%s %s" % (content.number(minutes), units["minute" if minutes == 1 else "minutes"]))
    if seconds or not minutes:
        parts.append("%s %s" % (content.number(seconds), units["second" if seconds == 1 else "seconds"]))
    return (" %s " % units["and"]).join(parts)


def spoken_clock(moment: _dt.datetime, clock: Dict[str, str]) -> str:
    """A local time as said aloud: "5 p.m.", "11:15 a.m."."""
    hour = moment.hour % 12 or 12
    half = clock["am"] if moment.hour < 12 else clock["pm"]
    template = clock["on_the_hour"] if moment.minute == 0 else clock["with_minutes"]
    return template.format(hour=hour, minute="%02d" % moment.minute, half=half)


# -- reading the request ---------------------------------------------------------------

def request_locale(handler_input: HandlerInput) -> str:
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    return locale if isinstance(locale, str) and _LOCALE.match(locale) else DEFAULT_LOCALE


def _kinds(handler_input: HandlerInput) -> Dict[str, Any]:
    return content_of(handler_input).raw("timers.kinds")


def _switch_words(handler_input: HandlerInput) -> Sequence[str]:
    return content_of(handler_input).raw("timers.switch_words")


def _kind_of_label(handler_input: HandlerInput, label: Optional[str]) -> str:
    wanted = normal_label(label)
    for kind, words in _kinds(handler_input).items():
        if isinstance(words, dict) and words.get("label") == wanted:
            return kind
    return ANY_KIND


def _name_of(handler_input: HandlerInput, timer: TimerResult) -> str:
    kinds = _kinds(handler_input)
    kind = _kind_of_label(handler_input, timer.label)
    if kind in kinds and (timer.label or "").strip():
        return kinds[kind]["name"]
    return timer.label or kinds[ANY_KIND]["name"]


def _refusals(handler_input: HandlerInput) -> Dict[str, str]:
    refusals = session(handler_input).get("refusals")
    return refusals if isinstance(refusals, dict) else {}


# -- speaking --------------------------------------------------------------------------

def _say(handler_input: HandlerInput, *texts: str) -> Speech:
    return speech_of(handler_input, *texts)


def closing(handler_input: HandlerInput, said: Any, reprompt_key: str) -> Response:
    """An open turn that ends with what can be said next: the reprompt's words said last too."""
    prompt = content_of(handler_input).text(reprompt_key)
    speech = said if isinstance(said, Speech) else _say(handler_input, said)
    return reply(handler_input, speech.say(prompt), prompt)


def speak_error(handler_input: HandlerInput, error: AlexaApiError, service: str,
                lead: Optional[Speech] = None) -> Response:
    """One calm line per kind of failure; the session stays open."""
    content = content_of(handler_input)
    log.info("%s API call failed: %s (status %s)", service, error.kind, error.status)
    speech = lead if lead is not None else _say(handler_input)
    if error.kind in ("unauthorized", "forbidden"):
        # Reading or changing what exists: asking again would not say what for.
        speech.say(content.text("alert_permission.%s.lost" % service))
        return closing(handler_input, speech, "alert_permission.reprompt")
    name = error.kind if error.kind in ("bad_request", "not_found", "rate_limited", "server",
                                        "device_offline", "timeout", "unavailable") else "server"
    speech.say(content.text("alert_errors.%s" % name,
                            service=content.text("alert_errors.services.%s" % service)))
    if service == "timers" and name not in ("not_found",):
        speech.say(content.text("alert_errors.timer_tip"))
    return closing(handler_input, speech, "alert_errors.reprompt")


def ask_permission(handler_input: HandlerInput, request: Dict[str, Any],
                   lead: Optional[Speech] = None) -> Response:
    """Ask for the scope by voice (Connections.SendRequest AskFor), unless the person
    refused it in the last REFUSAL_DAYS days; then offer another way instead."""
    content = content_of(handler_input)
    service = request["scope"]
    scope = SCOPES[service]
    attributes = session(handler_input)
    speech = lead if lead is not None else _say(handler_input)
    if refused_recently(_refusals(handler_input), scope, request_time(handler_input).date()):
        attributes.pop("alert_request", None)
        speech.say(content.text("alert_permission.%s.refused_recently" % service))
        return closing(handler_input, speech, "alert_permission.reprompt")
    attributes["alert_request"] = request
    name = _kinds(handler_input).get(request.get("kind") or ANY_KIND, {}).get("name", "")
    speech.say(content.text("alert_permission.%s.ask" % service, name=name))
    # Imported here: ask-sdk-model's Connections package costs about 1.5 ms of cold start,
    # for the few requests that ask for a permission.
    from ask_sdk_model.interfaces.connections import SendRequestDirective
    ask_for = SendRequestDirective(
        name=ASK_FOR,
        payload={"@type": "AskForPermissionsConsentRequest", "@version": "2",
                 "permissionScopes": [{"permissionScope": scope, "consentLevel": "ACCOUNT"}]},
        token=make_token(request))
    # Alexa takes over to ask, which ends this session: no reprompt, and no screen of
    # ours over Alexa's own. No question stays pending.
    return reply(handler_input, speech, end=True, screen=NO_SCREEN, directives=[ask_for])


# -- timers ----------------------------------------------------------------------------

def set_timer(handler_input: HandlerInput, kind: str, minutes: Optional[float],
              after_grant: bool = False, lead: Optional[Speech] = None) -> Response:
    """Create the pack's ANNOUNCE timer: `minutes` (default and cap from the content),
    asking for the permission first when the request shows none."""
    content = content_of(handler_input)
    attributes = session(handler_input)
    limits = content.raw("timers.limits")
    kind = kind if kind in KINDS + (ANY_KIND,) else ANY_KIND
    words = _kinds(handler_input)[kind]
    asked = _as_minutes(minutes, float(limits["default_minutes"]))
    use = min(asked, float(limits["max_minutes"]))
    attributes.pop("timer_kind", None)
    # What was asked, uncapped: after a yes to the permission the cap is still explained.
    request = {"scope": "timers", "kind": kind, "minutes": asked}
    speech = lead if lead is not None else _say(handler_input)

    if not after_grant and not timers_permission_granted(handler_input.request_envelope):
        return ask_permission(handler_input, request, speech)
    attributes.pop("alert_request", None)
    service = TimerService(handler_input)
    try:
        service.create_announce_timer(words["label"], use, words["announce"],
                                      request_locale(handler_input))
    except AlexaApiError as error:
        if error.kind in ("unauthorized", "forbidden"):
            if after_grant:
                speech.say(content.text("alert_permission.timers.still_refused"))
                return closing(handler_input, speech, "alert_permission.reprompt")
            return ask_permission(handler_input, request, speech)
        if error.kind == "duplicate":
            return _duplicate(handler_input, service, kind, speech)
        return speak_error(handler_input, error, "timers", speech)

    duration = spoken_length(_dt.timedelta(minutes=use), content)
    speech.say(content.text("timers.set.done", name=words["name"], duration=duration))
    if asked > use:
        speech.say(content.text("timers.set.capped", duration=duration,
                                asked=spoken_length(_dt.timedelta(minutes=asked), content)))
    speech.say(words["care"]).pause(0.5).say(content.text("timers.set.follow_up"))
    return reply(handler_input, speech, content.text("timers.set.reprompt"))


def _duplicate(handler_input: HandlerInput, service: TimerService, kind: str,
               speech: Speech) -> Response:
    """A timer with this label runs already: keep it, and say how long it has left."""
    content = content_of(handler_input)
    words = _kinds(handler_input)[kind]
    try:
        existing = service.find_by_label(words["label"])
    except AlexaApiError:
        existing = None
    if existing is not None:
        left = spoken_length(service.remaining(existing), content)
        speech.say(content.text("timers.duplicate.running", a_name=words["a_name"], left=left,
                                kind=words["word"]))
    else:
        speech.say(content.text("timers.duplicate.exists", a_name=words["a_name"], kind=words["word"]))
    return reply(handler_input, speech, content.text("timers.set.reprompt"))


class SetTimerHandler(IntentHandler):
    """ "Set an ice timer", "time my heat pack for fifteen minutes", "twenty minutes"."""

    intents = (SET_TIMER,)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        attributes = session(handler_input)
        slots = slot_values(handler_input)
        kind = kind_from(slots.get(KIND_SLOT), _kinds(handler_input), _switch_words(handler_input))
        if kind is None:
            kind = other_kind(kind_from(slots.get(FINISHED_SLOT), _kinds(handler_input)))
        if kind is None and attributes.get("timer_kind") in KINDS + (ANY_KIND,):
            kind = attributes["timer_kind"]
        kind = kind or ANY_KIND
        minutes, heard = requested_minutes(slots)
        if heard and minutes is not None and minutes < 1:
            # Less than a minute is a hold, which the routine counts out loud; none or
            # fewer is no timer at all. Ask again, remembering the pack.
            attributes["timer_kind"] = kind
            problem = "seconds" if minutes > 0 else "zero"
            return reply(handler_input, content.text("timers.refuse.%s" % problem),
                         content.text("timers.refuse.reprompt"))
        return set_timer(handler_input, kind, minutes)


def _timer_call(handler_input: HandlerInput, action: str) -> Response:
    """Cancel, pause or resume a timer: the one named, or the only one there is.

    A pack named that has no timer while exactly one other timer of the skill's runs
    ("turn off the ice timer" with the heat one running) means that one: it is said that
    there is no such timer, and which one was acted on. At most three API calls.
    """
    content = content_of(handler_input)
    if not timers_permission_granted(handler_input.request_envelope):
        return reply(handler_input, content.text("timers.status.none"),
                     content.text("timers.status.reprompt"))
    kind = kind_from(slot_values(handler_input).get(KIND_SLOT), _kinds(handler_input), _switch_words(handler_input))
    service = TimerService(handler_input)
    label = _kinds(handler_input)[kind]["label"] if kind else None
    lead = ""
    try:
        try:
            timer = getattr(service, action)(label)
        except AlexaApiError as error:
            if error.kind != "not_found" or kind is None:
                raise
            lead = content.text("timers.status.none_kind", name=_kinds(handler_input)[kind]["name"])
            timer = getattr(service, action)(None)
    except AlexaApiError as error:
        if error.kind != "not_found":
            return speak_error(handler_input, error, "timers")
        if kind is not None:
            return reply(handler_input, lead, content.text("timers.status.reprompt"))
        return _which_timer(handler_input, service, action)
    left = spoken_length(service.remaining(timer), content)
    said = content.text("timers.%s.done" % action, name=_name_of(handler_input, timer), left=left)
    return reply(handler_input, _say(handler_input, lead, said) if lead else said,
                 content.text("timers.%s.reprompt" % action))


def _which_timer(handler_input: HandlerInput, service: TimerService, action: str) -> Response:
    content = content_of(handler_input)
    try:
        timers = service.list()
    except AlexaApiError as error:
        return speak_error(handler_input, error, "timers")
    if not timers:
        return reply(handler_input, content.text("timers.status.none"),
                     content.text("timers.status.reprompt"))
    names = spoken_list([_name_of(handler_input, t) for t in timers], content.text("speech.list_and"))
    return reply(handler_input, content.text("timers.%s.which" % action, names=names),
                 content.text("timers.%s.reprompt" % action))


def pause_a_running_timer(handler_input: HandlerInput) -> Optional[Response]:
    """Pause the skill's timers' running one ("pause" said with no routine under way), or
    None when there is none to pause (or the timers cannot be read)."""
    if not timers_permission_granted(handler_input.request_envelope):
        return None
    try:
        running = [t for t in TimerService(handler_input).list() if t.status == "ON"]
    except AlexaApiError:
        return None
    return _timer_call(handler_input, "pause") if running else None


class TimerStatusHandler(IntentHandler):
    """ "How long is left on my timer": one GET, every timer of the skill's (two in a routine with
    no pack named: the first decides whether any is set). With no pack named and none of the
    skill's timers set, "how much is left" said in a routine under way asks how many stretches
    are left."""

    intents = (TIMER_STATUS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        if not (slot_values(handler_input).get(KIND_SLOT) or {}).get("value") and in_routine(handler_input) \
                and not a_timer_set(handler_input):
            from .routine import HowManyLeftHandler
            return HowManyLeftHandler().handle(handler_input)
        content = content_of(handler_input)
        reprompt = content.text("timers.status.reprompt")
        if not timers_permission_granted(handler_input.request_envelope):
            return reply(handler_input, content.text("timers.status.none"), reprompt)
        kind = kind_from(slot_values(handler_input).get(KIND_SLOT), _kinds(handler_input), _switch_words(handler_input))
        service = TimerService(handler_input)
        try:
            timers = service.list()
        except AlexaApiError as error:
            return speak_error(handler_input, error, "timers")
        if kind is not None:
            label = _kinds(handler_input)[kind]["label"]
            timers = [t for t in timers if normal_label(t.label) == label]
            if not timers:
                return reply(handler_input, content.text(
                    "timers.status.none_kind", name=_kinds(handler_input)[kind]["name"]), reprompt)
        if not timers:
            return reply(handler_input, content.text("timers.status.none"), reprompt)
        speech = _say(handler_input)
        for timer in timers:
            line = "paused" if timer.status == "PAUSED" else "one"
            speech.say(content.text("timers.status.%s" % line, name=_name_of(handler_input, timer),
                                    left=spoken_length(service.remaining(timer), content)))
        return reply(handler_input, speech, reprompt)


class CancelTimerHandler(IntentHandler):
    intents = (CANCEL_TIMER,)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _timer_call(handler_input, "cancel")


class PauseTimerHandler(IntentHandler):
    """Pause a timer. With no pack named and none of the skill's timers running, "pause for a
    second" said in a routine under way is about the routine: it is paused, as "pause" is."""

    intents = (PAUSE_TIMER,)

    def handle(self, handler_input: HandlerInput) -> Response:
        if not (slot_values(handler_input).get(KIND_SLOT) or {}).get("value") and in_routine(handler_input) \
                and not _a_timer_running(handler_input):
            from .routine import PauseHandler
            return PauseHandler().handle(handler_input)
        return _timer_call(handler_input, "pause")


def a_timer_set(handler_input: HandlerInput) -> bool:
    """Whether one of the skill's timers is set, running or paused (False when the timers
    cannot be read)."""
    if not timers_permission_granted(handler_input.request_envelope):
        return False
    try:
        return bool(TimerService(handler_input).list())
    except AlexaApiError:
        return False


def _a_timer_running(handler_input: HandlerInput) -> bool:
    """Whether one of the skill's timers runs (False when the timers cannot be read)."""
    if not timers_permission_granted(handler_input.request_envelope):
        return False
    try:
        return any(t.status == "ON" for t in TimerService(handler_input).list())
    except AlexaApiError:
        return False


class ResumeTimerHandler(IntentHandler):
    intents = (RESUME_TIMER,)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _timer_call(handler_input, "resume")


# -- reminders -------------------------------------------------------------------------

def device_time_zone(handler_input: HandlerInput) -> str:
    """The device's time zone from Alexa's settings API; the locale's usual zone when
    it cannot be read (no API client, an error, a slow answer, a name dateutil lacks)."""
    fallback = content_of(handler_input).time_zone or FALLBACK_TIME_ZONE
    try:
        device_id = handler_input.request_envelope.context.system.device.device_id
        zone = handler_input.service_client_factory.get_ups_service().get_system_time_zone(device_id)
    except Exception as error:  # noqa: BLE001 - any failure means: use the fallback
        log.info("device time zone not read (%s); using %s", type(error).__name__, fallback)
        return fallback
    zone = zone.strip().strip('"') if isinstance(zone, str) else ""
    return zone if _known_zone(zone) else fallback


def _known_zone(zone: Any) -> bool:
    """An IANA zone name that dateutil (bundled with ask-sdk-core) can read."""
    from dateutil import tz
    return isinstance(zone, str) and bool(_ZONE_NAME.match(zone)) and tz.gettz(zone) is not None


def offer_reminders(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """Say exactly what will be set ("every hour from 11 a.m. until 5 p.m.") and ask."""
    content = content_of(handler_input)
    attributes = session(handler_input)
    attributes.pop("alert_request", None)
    speech = lead if lead is not None else _say(handler_input)
    zone = device_time_zone(handler_input)
    times = reminder_plan(handler_input, zone)
    if not times:
        speech.say(content.text("reminders.too_late"))
        return reply(handler_input, speech, content.text("reminders.reprompt"))
    attributes["reminder_zone"] = zone
    clock = content.raw("reminders.clock")
    first, last = spoken_clock(times[0], clock), spoken_clock(times[-1], clock)
    speech.say(content.text("reminders.confirm_one" if len(times) == 1 else "reminders.confirm_many",
                            first=first, last=last))
    return reply(handler_input, speech, content.text("reminders.confirm_reprompt"),
                 question=CONFIRM_REMINDERS)


def reminder_plan(handler_input: HandlerInput, zone: str) -> list:
    """The local times the walking reminders would be set for today (waking hours only)."""
    return ReminderService(handler_input).plan_hourly(zone, REMINDERS_UNTIL_HOUR, from_hour=REMINDERS_FROM_HOUR)


def create_reminders(handler_input: HandlerInput) -> Response:
    content = content_of(handler_input)
    attributes = session(handler_input)
    zone = attributes.pop("reminder_zone", None)
    if not _known_zone(zone):
        zone = device_time_zone(handler_input)
    try:
        result = ReminderService(handler_input).create_hourly(
            content.text("reminders.text"), request_locale(handler_input), zone,
            REMINDERS_UNTIL_HOUR, from_hour=REMINDERS_FROM_HOUR)
    except AlexaApiError as error:
        if error.kind in ("unauthorized", "forbidden"):
            return ask_permission(handler_input, {"scope": "reminders"})
        if error.kind == "bad_request" and not reminder_plan(handler_input, zone):
            return reply(handler_input, content.text("reminders.too_late"),
                         content.text("reminders.reprompt"))
        return speak_error(handler_input, error, "reminders")
    clock = content.raw("reminders.clock")
    times = result.times
    line = "reminders.done_one" if len(times) == 1 else "reminders.done_many"
    speech = _say(handler_input, content.text(line, first=spoken_clock(times[0], clock),
                                              last=spoken_clock(times[-1], clock)))
    speech.say(content.text("reminders.follow_up"))
    return reply(handler_input, speech, content.text("reminders.reprompt"))


class WalkReminderHandler(IntentHandler):
    """ "Remind me to get up and walk every hour": permission, then a confirmation."""

    intents = (WALK_REMINDERS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        # Whether any waking hour is left today is decided before anything is asked:
        # never a permission request followed by "too late".
        if not reminder_plan(handler_input, device_time_zone(handler_input)):
            content = content_of(handler_input)
            return reply(handler_input, content.text("reminders.too_late"), content.text("reminders.reprompt"))
        if not reminders_permission_granted(handler_input.request_envelope):
            return ask_permission(handler_input, {"scope": "reminders"})
        return offer_reminders(handler_input)


class CancelRemindersHandler(IntentHandler):
    intents = (CANCEL_REMINDERS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        reprompt = content.text("reminders.reprompt")
        if not reminders_permission_granted(handler_input.request_envelope):
            return reply(handler_input, content.text("reminders.cancelled_none"), reprompt)
        try:
            count = ReminderService(handler_input).cancel_all_ours()
        except AlexaApiError as error:
            return speak_error(handler_input, error, "reminders")
        line = "reminders.cancelled" if count else "reminders.cancelled_none"
        return reply(handler_input, content.text(line), reprompt)


# -- yes / no to this module's own questions (questions.py names them) --------------------

def decline_reminders(handler_input: HandlerInput, question: Any = None) -> Response:
    content = content_of(handler_input)
    session(handler_input).pop("reminder_zone", None)
    return reply(handler_input, content.text("reminders.declined"), content.text("reminders.reprompt"))


def set_offered_timer(handler_input: HandlerInput, question: Any) -> Response:
    """ "Yes" to an offered timer: the pack the offer named, or ask which."""
    kind = OFFERED_KINDS.get(getattr(question, "id", None))
    if kind is None:
        content = content_of(handler_input)
        return reply(handler_input, content.text("timers.offer.which"),
                     content.text("timers.offer.which_reprompt"))
    return set_timer(handler_input, kind, None)


def decline_timer(handler_input: HandlerInput, question: Any = None) -> Response:
    content = content_of(handler_input)
    return closing(handler_input, content.text("timers.offer.declined"), "alert_permission.reprompt")


# -- Alexa's answer to AskFor ------------------------------------------------------------

def _answer_status(payload: Any) -> str:
    """ACCEPTED, DENIED or NOT_ANSWERED from a Connections.Response payload."""
    if not isinstance(payload, dict):
        return "NOT_ANSWERED"
    status = payload.get("status")
    if status is None:
        for scope in payload.get("permissionScopes") or []:
            if isinstance(scope, dict) and scope.get("status"):
                status = scope["status"]
    status = str(status or "").upper()
    return status if status in ("ACCEPTED", "DENIED") else "NOT_ANSWERED"


def _answered_scopes(payload: Any) -> List[str]:
    if not isinstance(payload, dict):
        return []
    names = [s.get("permissionScope") for s in payload.get("permissionScopes") or []
             if isinstance(s, dict)]
    if payload.get("permissionScope"):
        names.append(payload["permissionScope"])
    return [n for n in names if n in SCOPES.values()]


class PermissionAnswerHandler(AbstractRequestHandler):
    """Connections.Response to this skill's AskFor: carry on with what was asked for."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return (getattr(request, "object_type", None) == "Connections.Response"
                and getattr(request, "name", None) == ASK_FOR)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        request = handler_input.request_envelope.request
        attributes = session(handler_input)
        code = str(getattr(getattr(request, "status", None), "code", "200") or "200")
        status = _answer_status(request.payload) if code == "200" else "NOT_ANSWERED"
        asked = read_token(getattr(request, "token", None))
        kept = attributes.pop("alert_request", None)
        if asked is None and isinstance(kept, dict) and kept.get("scope") in SCOPES:
            asked = kept
        if asked is None:
            scopes = _answered_scopes(request.payload)
            service = "reminders" if REMINDERS_SCOPE in scopes else "timers"
            asked = {"scope": service, "kind": ANY_KIND, "minutes": None}
        service = asked["scope"]
        scope = SCOPES[service]
        refusals = dict(_refusals(handler_input))
        if status == "ACCEPTED":
            refusals.pop(scope, None)
            self._keep(attributes, refusals)
            if service == "timers":
                return set_timer(handler_input, asked.get("kind") or ANY_KIND,
                                 asked.get("minutes"), after_grant=True)
            return offer_reminders(handler_input)
        if status == "DENIED":
            refusals[scope] = request_time(handler_input).date().isoformat()
            self._keep(attributes, refusals)
            return closing(handler_input, content.text("alert_permission.%s.denied" % service),
                           "alert_permission.reprompt")
        return closing(handler_input, content.text("alert_permission.%s.not_answered" % service),
                       "alert_permission.reprompt")

    @staticmethod
    def _keep(attributes: Dict[str, Any], refusals: Dict[str, str]) -> None:
        if refusals:
            attributes["refusals"] = refusals
        else:
            attributes.pop("refusals", None)


def timer_handlers():
    """In the order they must be asked, after the safety handlers. Yes and no to this
    module's questions are answered through the question registry (handlers/dialogue.py)."""
    return [PermissionAnswerHandler(), SetTimerHandler(),
            TimerStatusHandler(), CancelTimerHandler(), PauseTimerHandler(),
            ResumeTimerHandler(), WalkReminderHandler(), CancelRemindersHandler()]
