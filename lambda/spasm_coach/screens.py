"""What a screen shows beside what is said: APL documents filled from the content.

A reply names what it presents with a ``Screen``; ``render`` turns it into an APL
document (``content/apl/*.json``: data beside the words, not code) and its datasource,
filled from the locale's content. Plain functions with no SDK types: the reply builder
(handlers/common.py: reply) sends the result as ``Alexa.Presentation.APL.RenderDocument``
to devices that support APL, and nothing to the others.

    kind       document        shows
    stretch    stretch.json    a routine turn (routine.Turn): the drawing, name, step n of m,
                               side, repetition, a hold countdown in time with the spoken
                               count, and touch buttons for Next, Repeat, Pause, That hurts
    relief     points.json     the few things to do right now
    info       points.json     an information topic: its title and its lines
    advice     points.json     the advice at the doctor or urgent level
    emergency  emergency.json  the number, very large, and "use your phone to call"
    message    points.json     what was just said, for every other reply

APL has no countdown component: the stretch document reads ``elapsedTime`` on each tick
(handleTick) and looks the second up in ``countdown`` and ``repAt``, tables made here
from the turn's timing, which is estimated the same way the speech's length is.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple

from .content import Content
from .routine import SINGLE_PREFIX, Coach, Turn, is_valid

APL_VERSION = "2024.2"
APL_DIR = Path(__file__).resolve().parent / "content" / "apl"
DOCUMENTS = {"stretch": "stretch", "relief": "points", "info": "points", "advice": "points",
             "message": "points", "emergency": "emergency"}
# The stretch document's touch targets (their ids, sent as the UserEvent's argument) and
# the intent each one stands for: a touch is handled exactly as the spoken intent.
TOUCH_INTENTS = {"next": "AMAZON.NextIntent", "repeat": "AMAZON.RepeatIntent",
                 "pause": "AMAZON.PauseIntent", "hurts": "PainIntent"}
ADVICE_LEVELS = ("doctor", "urgent")


class Screen(NamedTuple):
    """What an answer presents on a screen: a document of DOCUMENTS and what it shows."""

    kind: str                   # one of DOCUMENTS
    key: Optional[str] = None   # the info topic or the advice level
    turn: Optional[Turn] = None

    def spec(self) -> Dict[str, Any]:
        """A small JSON form, kept with the last speech so "repeat" can show it again."""
        spec: Dict[str, Any] = {"kind": self.kind}
        if self.key is not None:
            spec["key"] = self.key
        if self.turn is not None:
            turn = self.turn
            spec["at"] = [turn.routine, turn.step, turn.part, round(turn.lead_s, 2), turn.stage]
        return spec


def stretch(turn: Turn) -> Screen:
    return Screen("stretch", turn=turn)


def relief() -> Screen:
    return Screen("relief")


def info(topic: str) -> Screen:
    return Screen("info", key=topic)


def advice(level: str) -> Screen:
    return Screen("emergency") if level == "emergency" else Screen("advice", key=level)


def message() -> Screen:
    return Screen("message")


def from_spec(spec: Any, coach: Coach) -> Screen:
    """The Screen a kept spec stands for; a message for anything unusable (old or odd data)."""
    if not isinstance(spec, dict) or spec.get("kind") not in DOCUMENTS:
        return message()
    kind, key = spec["kind"], spec.get("key")
    if kind == "stretch":
        at = spec.get("at")
        try:
            routine_id, step, part, lead = at[:4]
            stage = at[4] if len(at) > 4 else None
            state = {"id": routine_id, "step": step, "part": part, "status": "active", "stage": stage}
            if not is_valid(coach.content, state):
                return message()
            return stretch(coach.turn_at(routine_id, int(step), int(part), float(lead), stage))
        except (TypeError, ValueError, KeyError, AttributeError):
            return message()
    if kind in ("info", "advice") and not isinstance(key, str):
        return message()
    return Screen(kind, key=key)


# -- documents ---------------------------------------------------------------------------

_DOCUMENTS: Dict[str, Dict[str, Any]] = {}


def _read(name: str) -> Dict[str, Any]:
    with open(APL_DIR / (name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)


def drawings() -> Dict[str, Any]:
    """Every stretch drawing (Alexa Vector Graphics), by stretch id."""
    return document("drawings")


def document(name: str) -> Dict[str, Any]:
    """An APL document by file name, read once. The stretch document carries every
    drawing in its ``graphics``; callers must not change what they get."""
    found = _DOCUMENTS.get(name)
    if found is None:
        found = _read(name)
        if name == "drawings":
            found = found["drawings"]
        elif name == "stretch":
            found["graphics"] = dict(drawings())
        _DOCUMENTS[name] = found
    return found


def render(screen: Screen, content: Content, said: str) -> Tuple[str, Dict[str, Any], Dict[str, Any]]:
    """(token, document, datasources) for a screen; ``said`` is the reply's plain text."""
    words = content.raw("screens")
    if screen.kind == "stretch" and screen.turn is not None:
        data = _stretch_data(screen.turn, content, words)
    elif screen.kind == "emergency":
        number = content.emergency["number"]
        # A number in digits is shown huge; "your local emergency number" at title size.
        data = {"number": number, "spelledOut": not number.isdigit(),
                "call": content.show(words["emergency"]["call"])}
    elif screen.kind == "relief":
        data = _points(content, words["relief"]["title"], words["relief"]["points"])
    elif screen.kind == "advice" and screen.key in ADVICE_LEVELS:
        level = words["advice"][screen.key]
        data = _points(content, level["title"], level["points"])
    elif screen.kind == "info" and screen.key in content.raw("info"):
        data = _points(content, words["info"].get(screen.key, words["title"]),
                       content.raw("info.%s.lines" % screen.key))
    else:
        screen = message()
        data = _points(content, words["title"], [said] if said else [])
    return screen.kind, document(DOCUMENTS[screen.kind]), {"coach": data}


def _points(content: Content, title: str, points: List[str]) -> Dict[str, Any]:
    return {"title": content.show(title), "points": [content.show(point) for point in points]}


def _stretch_data(turn: Turn, content: Content, words: Mapping[str, Any]) -> Dict[str, Any]:
    lines = words["stretch"]
    stretch_words = content.stretches[turn.stretch]
    drawing = drawings().get(turn.stretch)
    countdown, rep_at = timeline(turn)
    single = turn.routine.startswith(SINGLE_PREFIX)
    return {
        "title": _capital(stretch_words["name"]),
        "step": "" if single else content.show(lines["step"], number=turn.step + 1, total=turn.steps),
        "side": _capital(content.show(lines["side"], side=content.side(turn.side))) if turn.side else "",
        "drawing": turn.stretch if drawing else "",
        "drawingLabel": drawing.get("description", "") if drawing else "",
        "repLabels": [content.show(lines["rep"], number=turn.first_rep + index, total=turn.total_reps)
                      for index in range(turn.reps)],
        "repAt": rep_at,
        "countdown": countdown,
        "lastSecond": len(countdown) - 1,
        "holdSeconds": turn.hold_s or 0,
        "counting": lines["counting"],
        "holdNote": (content.show(lines["hold"], seconds=turn.hold_s) if turn.hold_s
                     else lines["breath"]),
        "buttons": dict(words["buttons"]),
    }


def timeline(turn: Turn) -> Tuple[List[int], List[int]]:
    """Per second from the start of the reply: the hold's seconds left (0 when nothing is
    held), and which of this turn's repetitions is under way (an index into its reps).

    Each count shows the hold's seconds down to 1, one a second from the moment the
    spoken count starts, so the countdown lasts exactly as long as the hold.
    """
    hold = turn.hold_s or 0
    ends = [int(round(start)) + hold + 1 for start in turn.hold_starts + turn.rep_starts]
    length = max(ends + [1])
    countdown = [0] * length
    for start in turn.hold_starts:
        first = int(round(start))
        for offset in range(hold):
            if first + offset < length:
                countdown[first + offset] = hold - offset
    rep_at = [0] * length
    for index, start in enumerate(turn.rep_starts):
        for second in range(int(round(start)), length):
            rep_at[second] = index
    return countdown, rep_at


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
