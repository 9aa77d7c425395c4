"""The record kept per user: usage only, never health.

What may be stored is written out here, key by key, and nothing else passes:
no symptoms, no red flags, no painful spots, no dates of an episode, never
anything a person said. Strings are short tokens (ids, scopes, dates), never
free text.

    {
      "schema": 1,
      "routine": {"id": "pelvic_tilt", "step": 3, "part": 0},  # where they stopped
      "prefs": {"hold": 20, "pace": "slow"},                   # how they like it
      "refusals": {"alexa::alerts:timers:skill:readwrite": "2024-05-01"},
      "disclaimer_given": true,
      "last_seen": "2024-05-03",                               # a day, not a time
      "ttl": 1722643200                                        # expiry, epoch seconds
    }

`load` turns whatever came out of a store (None, an old format, a record of an
unknown version, wrong types, Decimals from DynamoDB) into a valid state and
never raises. `dump` turns a state into a record for a store: whitelisted keys,
ints, bools and str only (boto3 rejects floats), and the expiry that the
DynamoDB table's TTL and the SQLite purge both read.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import time
from decimal import Decimal
from typing import Any, Callable, Dict, Mapping, Optional

SCHEMA_VERSION = 1
SCHEMA_KEY = "schema"
# Top-level attribute holding the expiry in epoch seconds; template.yaml names
# the same attribute in the table's TimeToLiveSpecification.
TTL_KEY = "ttl"
# A record nobody has touched for this long is deleted.
RETENTION_DAYS = 90

_TOKEN = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_WORD = re.compile(r"^[a-z_]{1,16}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MAX_STEP = 999
_MAX_HOLD_SECONDS = 300
_MAX_REFUSALS = 16


def empty() -> Dict[str, Any]:
    """The state of someone the skill knows nothing about."""
    return {SCHEMA_KEY: SCHEMA_VERSION}


def load(raw: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """A valid current-version state from whatever a store returned; never raises."""
    try:
        if not isinstance(raw, Mapping):
            return empty()
        version = raw.get(SCHEMA_KEY, 0)
        version = _as_int(version)
        if version is None:
            return empty()
        if not 0 <= version <= SCHEMA_VERSION:
            # A newer (or nonsense) version: this code cannot read it safely.
            return empty()
        while version < SCHEMA_VERSION:
            raw = _MIGRATIONS[version](raw)
            version += 1
        return _validated(raw)
    except Exception:  # a record must never take the skill down
        return empty()


def dump(state: Optional[Mapping[str, Any]], now: Optional[float] = None,
         retention_days: int = RETENTION_DAYS) -> Dict[str, Any]:
    """The record to store for `state`: whitelisted keys only, with a fresh expiry.

    Keys that are not part of the format are dropped, values of the wrong type
    are dropped, floats and Decimals become ints. Idempotent: dump(dump(s)) only
    differs by the expiry if `now` differs.
    """
    record = _validated(state if isinstance(state, Mapping) else {})
    now = time.time() if now is None else now
    record[TTL_KEY] = int(now) + int(retention_days) * 86400
    return record


def expires_at(record: Optional[Mapping[str, Any]]) -> Optional[int]:
    """The expiry (epoch seconds) written by `dump`, if the record has a valid one."""
    if not isinstance(record, Mapping):
        return None
    value = _as_int(record.get(TTL_KEY))
    return value if value is not None and value > 0 else None


def today(now: Optional[float] = None) -> str:
    """The UTC day as stored in `last_seen` and `refusals`."""
    moment = _dt.datetime.fromtimestamp(time.time() if now is None else now, _dt.timezone.utc)
    return moment.date().isoformat()


# --- validation -------------------------------------------------------------

def _validated(raw: Mapping[str, Any]) -> Dict[str, Any]:
    state = empty()
    for key, check in _FIELDS.items():
        if key in raw:
            value = check(raw[key])
            if value is not None:
                state[key] = value
    return state


def _as_int(value: Any) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        try:
            if not math.isfinite(value):
                return None
            return int(round(value))
        except (ValueError, ArithmeticError):  # Decimal NaN and friends
            return None
    return None


def _bounded_int(low: int, high: int) -> Callable[[Any], Optional[int]]:
    def check(value: Any) -> Optional[int]:
        number = _as_int(value)
        if number is None or not low <= number <= high:
            return None
        return number
    return check


def _token(value: Any) -> Optional[str]:
    if isinstance(value, str) and _TOKEN.match(value):
        return value
    return None


def _date(value: Any) -> Optional[str]:
    """An ISO day; a full timestamp is cut to its day."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _bool(value: Any) -> Optional[bool]:
    if isinstance(value, bool):
        return value
    number = _as_int(value)
    if number in (0, 1):  # DynamoDB or old writers may hand back 0/1
        return bool(number)
    return None


_step = _bounded_int(0, _MAX_STEP)
_hold_seconds = _bounded_int(1, _MAX_HOLD_SECONDS)


def _routine(value: Any) -> Optional[Dict[str, Any]]:
    if not isinstance(value, Mapping):
        return None
    routine_id = _token(value.get("id"))
    step = _step(value.get("step"))
    if routine_id is None or step is None:
        return None
    position: Dict[str, Any] = {"id": routine_id, "step": step}
    part = _step(value.get("part"))
    if part is not None:
        position["part"] = part
    return position


def _pref(value: Any) -> Any:
    """A preference is either a number of seconds or a short word such as "slow"."""
    number = _hold_seconds(value)
    if number is not None:
        return number
    if isinstance(value, str) and _WORD.match(value):
        return value
    return None


def _prefs(value: Any) -> Optional[Dict[str, Any]]:
    if not isinstance(value, Mapping):
        return None
    prefs = {}
    for key in ("hold", "pace"):
        checked = _pref(value.get(key))
        if checked is not None:
            prefs[key] = checked
    return prefs or None


def _refusals(value: Any) -> Optional[Dict[str, str]]:
    if not isinstance(value, Mapping):
        return None
    refusals = {}
    for scope in sorted(value, key=str)[:_MAX_REFUSALS]:
        name, day = _token(scope), _date(value[scope])
        if name is not None and day is not None:
            refusals[name] = day
    return refusals or None


_FIELDS: Dict[str, Callable[[Any], Any]] = {
    "routine": _routine,
    "prefs": _prefs,
    "refusals": _refusals,
    "disclaimer_given": _bool,
    "last_seen": _date,
}


# --- migrations -------------------------------------------------------------
# A record of version N is brought to version N + 1 by _MIGRATIONS[N], in turn,
# until it reaches SCHEMA_VERSION. A change of format adds a step here and
# bumps SCHEMA_VERSION; a record is never read in a shape this code does not know.

def _from_unversioned(raw: Mapping[str, Any]) -> Dict[str, Any]:
    """A record without a schema field: keep each field that is valid as it is."""
    migrated = dict(raw)
    migrated[SCHEMA_KEY] = 1
    return migrated


_MIGRATIONS: Dict[int, Callable[[Mapping[str, Any]], Dict[str, Any]]] = {
    0: _from_unversioned,
}
