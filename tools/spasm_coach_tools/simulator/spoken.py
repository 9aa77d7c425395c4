"""Spoken numbers and durations, both ways, the way Alexa's built-in slot types read them.

Speech arrives as words ("twenty five minutes"); AMAZON.NUMBER sends digits ("25") and
AMAZON.DURATION sends ISO 8601 ("PT25M"). Typed input may hold digits ("25 minutes"), so
normalization first turns digits into words, and these parsers turn words back.
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Dict, List, Optional, Sequence, Tuple

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")]

_UNIT_VALUE = {word: i for i, word in enumerate(UNITS)}
_TENS_VALUE = {word: i * 10 for i, word in enumerate(TENS) if word}
_SCALE_BY_NAME = {name: scale for scale, name in SCALES}
_ORDINAL_WORDS = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
    "ninth": "nine", "twelfth": "twelve",
}


def number_to_words(n: int) -> List[str]:
    """25 -> ["twenty", "five"]; 105 -> ["one", "hundred", "five"] (American, no "and")."""
    if n < 0:
        return ["minus"] + number_to_words(-n)
    if n < 20:
        return [UNITS[n]]
    if n < 100:
        tens, unit = divmod(n, 10)
        return [TENS[tens]] + ([UNITS[unit]] if unit else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [UNITS[hundreds], "hundred"] + (number_to_words(rest) if rest else [])
    for scale, name in SCALES:
        if n >= scale:
            high, rest = divmod(n, scale)
            return number_to_words(high) + [name] + (number_to_words(rest) if rest else [])
    raise ValueError(n)  # pragma: no cover - every int is covered above


def ordinal_to_words(n: int) -> List[str]:
    """3 -> ["third"]; 21 -> ["twenty", "first"]."""
    words = number_to_words(n)
    last = words[-1]
    for ordinal, cardinal in _ORDINAL_WORDS.items():
        if last == cardinal:
            words[-1] = ordinal
            return words
    if last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return words


def _below_hundred(tokens: Sequence[str], i: int) -> Tuple[Optional[int], int]:
    if i >= len(tokens):
        return None, i
    word = tokens[i]
    if word in _TENS_VALUE:
        value = _TENS_VALUE[word]
        if i + 1 < len(tokens) and tokens[i + 1] in _UNIT_VALUE and 0 < _UNIT_VALUE[tokens[i + 1]] < 10:
            return value + _UNIT_VALUE[tokens[i + 1]], i + 2
        return value, i + 1
    if word in _UNIT_VALUE:
        return _UNIT_VALUE[word], i + 1
    return None, i


def _below_thousand(tokens: Sequence[str], i: int) -> Tuple[Optional[int], int]:
    if i < len(tokens) and tokens[i] in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1] == "hundred":
        hundreds, j = 1, i + 1
    else:
        hundreds, j = _below_hundred(tokens, i)
        if hundreds is None:
            return None, i
        if not (j < len(tokens) and tokens[j] == "hundred" and 0 < hundreds < 10):
            return hundreds, j
    j += 1  # "hundred"
    value = hundreds * 100
    k = j + 1 if j < len(tokens) and tokens[j] == "and" else j
    rest, after = _below_hundred(tokens, k)
    if rest is not None and rest > 0:
        return value + rest, after
    return value, j


def words_to_number(tokens: Sequence[str]) -> Optional[int]:
    """["twenty", "five"] -> 25; None unless every word is part of one number."""
    tokens = list(tokens)
    if not tokens:
        return None
    sign = 1
    if tokens[0] in ("minus", "negative"):
        sign, tokens = -1, tokens[1:]
        if not tokens:
            return None
    total, i = 0, 0
    scales_left = [scale for scale, _ in SCALES]
    while True:
        if tokens[i:i + 1] == ["a"] and i + 1 < len(tokens) and tokens[i + 1] in _SCALE_BY_NAME:
            part, j = 1, i + 1
        else:
            part, j = _below_thousand(tokens, i)
        if part is None:
            return None
        if j < len(tokens) and _SCALE_BY_NAME.get(tokens[j]) in scales_left and part > 0:
            scale = _SCALE_BY_NAME[tokens[j]]
            scales_left = [s for s in scales_left if s < scale]
            total += part * scale
            i = j + 1
            if i < len(tokens) and tokens[i] == "and":
                i += 1
            if i == len(tokens):
                return sign * total
            continue
        total += part
        return sign * total if j == len(tokens) else None


# --- durations -------------------------------------------------------------------------

_DURATION_UNITS: Dict[str, str] = {
    "second": "S", "seconds": "S", "sec": "S", "secs": "S",
    "minute": "MIN", "minutes": "MIN", "min": "MIN", "mins": "MIN",
    "hour": "H", "hours": "H", "hr": "H", "hrs": "H",
    "day": "D", "days": "D",
    "week": "W", "weeks": "W",
    "month": "MON", "months": "MON",
    "year": "Y", "years": "Y",
}
# Half of each unit, as (amount, smaller unit); None where ISO 8601 has no exact half.
_HALF = {"Y": (6, "MON"), "MON": None, "W": None, "D": (12, "H"), "H": (30, "MIN"), "MIN": (30, "S"), "S": None}
def _iso(parts: Dict[str, int]) -> str:
    date = "".join("%d%s" % (parts[u], u if u != "MON" else "M") for u in ("Y", "MON", "W", "D") if u in parts)
    time = "".join("%d%s" % (parts[u], u if u != "MIN" else "M") for u in ("H", "MIN", "S") if u in parts)
    return "P" + date + ("T" + time if time else "")


def words_to_duration(tokens: Sequence[str]) -> Optional[str]:
    """["an", "hour", "and", "a", "half"] -> "PT1H30M"; None unless the words are one duration."""
    tokens = list(tokens)
    if not tokens:
        return None
    parts: Dict[str, int] = {}
    i = 0
    n = len(tokens)

    def add(unit: str, amount: int) -> bool:
        if unit in parts:
            return False
        parts[unit] = amount
        return True

    def add_half(unit: str) -> bool:
        half = _HALF[unit]
        if half is None:
            return False
        amount, smaller = half
        return add(smaller, amount)

    while i < n:
        if tokens[i] == "and" and parts:
            i += 1
            continue
        # half a(n) <unit>
        if tokens[i] == "half" and i + 2 < n and tokens[i + 1] in ("a", "an") and tokens[i + 2] in _DURATION_UNITS:
            if not add_half(_DURATION_UNITS[tokens[i + 2]]):
                return None
            i += 3
            continue
        # a quarter (of an) hour
        if tokens[i:i + 2] == ["a", "quarter"] or tokens[i:i + 1] == ["quarter"]:
            j = i + (2 if tokens[i] == "a" else 1)
            if tokens[j:j + 3] == ["of", "an", "hour"]:
                j += 3
            elif tokens[j:j + 1] == ["hour"]:
                j += 1
            else:
                return None
            if not add("MIN", 15):
                return None
            i = j
            continue
        # <count> <unit> [and a half], <count> and a half <units>
        j = i
        count: Optional[int]
        if tokens[i] in ("a", "an"):
            count, j = 1, i + 1
        else:
            count = None
            for end in range(n, i, -1):
                value = words_to_number(tokens[i:end])
                if value is not None and end < n and (tokens[end] in _DURATION_UNITS or tokens[end:end + 3] == ["and", "a", "half"]):
                    count, j = value, end
                    break
            if count is None or count < 0:
                return None
        half = False
        if tokens[j:j + 3] == ["and", "a", "half"] and j + 3 < n and tokens[j + 3] in _DURATION_UNITS:
            half, j = True, j + 3
        if j >= n or tokens[j] not in _DURATION_UNITS:
            return None
        unit = _DURATION_UNITS[tokens[j]]
        j += 1
        if not half and tokens[j:j + 3] == ["and", "a", "half"]:
            half, j = True, j + 3
        if not add(unit, count):
            return None
        if half and not add_half(unit):
            return None
        i = j
    if not parts:
        return None
    return _iso(parts)


_CLOCK_STEP = re.compile(r"(\d+)\s*(d|h|m|s)", re.I)
_ISO_DURATION = re.compile(
    r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.I)


def parse_step(text: str) -> timedelta:
    """A clock step for `/advance`: "90s", "20m", "3h", "2d", "1h30m", or ISO "PT20M"."""
    text = text.strip()
    iso = _ISO_DURATION.match(text)
    if iso and text.upper() not in ("P", "PT"):
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in iso.groups())
        return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    compact = text.replace(" ", "").lower()
    if not compact or _CLOCK_STEP.sub("", compact):
        raise ValueError("not a duration: %r (try 90s, 20m, 3h, 2d)" % text)
    total = timedelta()
    for amount, unit in _CLOCK_STEP.findall(compact):
        total += timedelta(**{{"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}[unit]: int(amount)})
    return total
