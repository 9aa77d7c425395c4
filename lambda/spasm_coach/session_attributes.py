"""Session attributes checked on their way in: what Alexa hands back is what the skill
sent, unless someone tampered with it, so every value is checked before a handler reads it.

Alexa returns the session attributes of the last response with the next request. A
request that was tampered with (or a bug in an older version of the skill) can carry
any JSON there: the wrong type for a key the skill reads, NaN, very deep nesting, or
megabytes of text that would be echoed back past Alexa's response limit. ``checked``
keeps each key that passes its check and drops the others, one by one: an invalid
attribute costs what it held, never the answer.

Keys this module does not know are kept when they pass the general limits (JSON only,
finite numbers, bounded depth and size), so a key added elsewhere keeps working.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Dict, Mapping

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from . import questions
from .persistence import records

log = logging.getLogger(__name__)

MAX_DEPTH = 6              # levels of nesting inside one attribute
MAX_STRING_CHARS = 8000    # one string (the last speech, in SSML, is the longest kept)
MAX_ITEMS = 64             # entries in one list or object
MAX_TOTAL_CHARS = 24000    # all attributes, as JSON: well inside the 120 KB response
SAFETY_LEVELS = (None, "doctor", "urgent", "emergency")


_INF = float("inf")


def json_size(value: Any, depth: int = 0) -> int:
    """About how many characters ``value`` takes as JSON, or -1 when it is not a JSON
    value within the limits: finite numbers, strings of at most MAX_STRING_CHARS,
    at most MAX_ITEMS entries per list or object, at most MAX_DEPTH levels of nesting.
    One pass, no encoding: this runs on every request."""
    kind = type(value)
    if kind is str:
        return len(value) + 2 if len(value) <= MAX_STRING_CHARS else -1
    if value is None or kind is bool:
        return 5
    if kind is int:
        return 20 if -2 ** 53 < value < 2 ** 53 else -1
    if kind is float:
        return 24 if value == value and value not in (_INF, -_INF) else -1
    if kind is dict:
        if depth >= MAX_DEPTH or len(value) > MAX_ITEMS:
            return -1
        total = 2
        for key, item in value.items():
            if type(key) is not str or len(key) > 64:
                return -1
            # A string, the commonest value, is sized here rather than in a call of its own.
            size = len(item) + 2 if type(item) is str and len(item) <= MAX_STRING_CHARS \
                else json_size(item, depth + 1)
            if size < 0:
                return -1
            total += size + len(key) + 4
        return total
    if kind is list:
        if depth >= MAX_DEPTH or len(value) > MAX_ITEMS:
            return -1
        total = 2
        for item in value:
            size = json_size(item, depth + 1)
            if size < 0:
                return -1
            total += size + 1
        return total
    return -1


def _of(*types: type) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, types) and not (
        bool not in types and isinstance(value, bool))


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _last(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("speech"), str)
            and isinstance(value.get("reprompt"), (str, type(None))))


def _record_field(key: str) -> Callable[[Any], bool]:
    """A remembered key is valid when the record format (persistence/records.py) keeps it as is."""
    return lambda value: records.load({records.SCHEMA_KEY: records.SCHEMA_VERSION,
                                       key: value}).get(key) == value


def _prefs(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(item, (str, int)) and not isinstance(item, bool) for item in value.values())


# What each key the skill reads must look like (see handlers/common.py for what they hold).
CHECKS: Dict[str, Callable[[Any], bool]] = {
    "safety": lambda value: value in SAFETY_LEVELS,
    "routine": _of(dict),
    questions.SESSION_KEY: _of(str),
    questions.UNSURE_KEY: _of(str),
    questions.UNHEARD_KEY: _of(str),
    "last": _last,
    "prefs": _prefs,
    "refusals": _record_field("refusals"),
    "disclaimer_given": _of(bool),
    "remembered": _of(dict),
    "forgotten": _of(bool),
    "net_said": _of(bool),
    questions.INTERRUPTED_KEY: _of(str),
    "screened": _of(bool),
    "deferred": lambda value: value is None or isinstance(value, dict),
    "sequence": _str_list,
    "hurts": _of(int),
    "left_out": _str_list,
    "timer_kind": _of(str),
    "alert_request": _of(dict),
    "reminder_zone": _of(str),
}


def checked(attributes: Any) -> Dict[str, Any]:
    """The attributes that pass their checks (the same dict when all do); never raises."""
    if not isinstance(attributes, dict) and not isinstance(attributes, Mapping):  # a dict: no ABC check
        return {}
    kept: Dict[str, Any] = {}
    dropped = []
    total = 2
    for key, value in attributes.items():
        try:
            size = json_size(value) if type(key) is str else -1
            check = CHECKS.get(key)
            ok = size >= 0 and total + size <= MAX_TOTAL_CHARS and (check is None or check(value))
        except (ValueError, TypeError, RecursionError):
            ok = False
        if ok:
            total += size + len(key) + 4
            kept[key] = value
        else:
            dropped.append(key if isinstance(key, str) and len(key) <= 32 else "?")
    if not dropped:
        return attributes if isinstance(attributes, dict) else kept
    # Key names are the skill's own words; the values are never logged.
    log.warning("dropped invalid session attributes: %s", ", ".join(sorted(dropped)[:8]))
    return kept


class SessionAttributesInterceptor(AbstractRequestInterceptor):
    """Registered first: every handler and interceptor after it sees checked attributes."""

    def process(self, handler_input: HandlerInput) -> None:
        if handler_input.request_envelope.session is None:
            return
        manager = handler_input.attributes_manager
        manager.session_attributes = checked(manager.session_attributes)
