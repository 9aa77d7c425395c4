"""The guided stretches and hands-free navigation through them."""
from __future__ import annotations

import re
from typing import Optional

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import screens
from ..routine import FINISHED, PAUSED, SINGLE_PREFIX, Turn
from ..speech import Speech
from ..questions import pending_in
from .common import (IntentHandler, coach_of, content_of, in_routine, reply, ongoing_routine,
                     routine_state, session, slot_values)

GENTLE = "gentle"


def _speak_turn(handler_input: HandlerInput, state: dict, speech: Speech,
                turn: Optional[Turn] = None) -> Response:
    """Say one turn of the routine (and show it), and keep its new position."""
    content = content_of(handler_input)
    session(handler_input)["routine"] = state
    screen = screens.stretch(turn) if turn is not None else None
    if state["status"] == FINISHED:
        if state["id"].startswith(SINGLE_PREFIX):
            return reply(handler_input, speech, content.text("routine_lines.finished_reprompt"),
                         screen=screen)
        speech.pause(1).say(content.text("routine_lines.finished_offer"))
        # A "yes" sets a heat timer (questions.py: offer_heat_timer).
        return reply(handler_input, speech, content.text("routine_lines.finished_reprompt"),
                     question="offer_heat_timer", screen=screen)
    return reply(handler_input, speech, content.text("routine_lines.next_reprompt"), screen=screen)


def start_routine(handler_input: HandlerInput, routine_id: str = GENTLE,
                  lead: Optional[Speech] = None) -> Response:
    return _speak_turn(handler_input, *coach_of(handler_input).start(routine_id, lead))


def continue_routine(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """Pick the routine up where it was, from the start of the current part."""
    content = content_of(handler_input)
    state = routine_state(handler_input)
    if state is None:
        return no_routine(handler_input)
    if state["status"] == FINISHED:
        return reply(handler_input, content.text("routine_lines.already_finished"),
                     content.text("routine_lines.finished_reprompt"))
    coach = coach_of(handler_input)
    lead = lead if lead is not None else coach.speech()
    lead.say(content.text("routine_lines.resume")).pause(1)
    return _speak_turn(handler_input, *coach.current(state, lead=lead, avoid=left_out(handler_input)))


def no_routine(handler_input: HandlerInput) -> Response:
    content = content_of(handler_input)
    return reply(handler_input, content.text("routine_lines.no_routine"),
                 content.text("routine_lines.no_routine_reprompt"), question="offer_stretches")


class StartRoutineHandler(IntentHandler):
    intents = ("StartRoutineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)


# Runs of letters of any alphabet: a name as heard, without its spaces and punctuation.
_LETTERS = re.compile(r"[^\W\d_]+")


def _letters(text: str) -> str:
    return "".join(_LETTERS.findall(text.casefold()))


def stretch_id_of(handler_input: HandlerInput) -> Optional[str]:
    """The stretch asked for: the resolved id, or the heard words matching a name
    ("childs pose" is "child's pose")."""
    content = content_of(handler_input)
    slot = slot_values(handler_input).get("Stretch") or {}
    if slot.get("id") in content.stretches:
        return slot["id"]
    heard = _letters(slot.get("value") or "")
    for stretch_id, stretch in content.stretches.items():
        if heard and heard == _letters(stretch["name"]):
            return stretch_id
    return None


class StretchHandler(IntentHandler):
    """A single stretch on request: "how do I do cat cow", "start the pelvic tilt"."""

    intents = ("StretchIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        stretch_id = stretch_id_of(handler_input)
        if stretch_id is None:
            names = [s["name"] for s in content.stretches.values() if not s.get("prevention_only")]
            return reply(handler_input,
                         content.text("routine_lines.unknown_stretch", names=", ".join(names)),
                         content.text("routine_lines.no_routine_reprompt"))
        stretch = content.stretches[stretch_id]
        if stretch.get("prevention_only"):
            return reply(handler_input, stretch["explain"],
                         content.text("routine_lines.prevention_only_reprompt"),
                         question="offer_stretches")
        return start_routine(handler_input, SINGLE_PREFIX + stretch_id)


class _Navigation(IntentHandler):
    """Base for the navigation intents: without a routine, offer to start one."""

    intents = ()  # type: tuple

    def handle(self, handler_input: HandlerInput) -> Response:
        state = routine_state(handler_input)
        if state is None:
            return self.without_routine(handler_input)
        return self.move(handler_input, state)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        return no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        raise NotImplementedError


class NextHandler(_Navigation):
    intents = ("AMAZON.NextIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        asked = pending_in(session(handler_input))
        if asked is not None and asked.id == "offer_stretches":
            return start_routine(handler_input)
        return no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == PAUSED:
            return continue_routine(handler_input)
        return _speak_turn(handler_input, *coach_of(handler_input).next(state, left_out(handler_input)))


class SkipHandler(_Navigation):
    intents = ("SkipIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).skip(state, left_out(handler_input)))


class PreviousHandler(_Navigation):
    intents = ("AMAZON.PreviousIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).previous(state, left_out(handler_input)))


class StartOverHandler(_Navigation):
    intents = ("AMAZON.StartOverIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).start_over(state, left_out(handler_input)))


class ResumeHandler(_Navigation):
    intents = ("AMAZON.ResumeIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return continue_routine(handler_input)


class PauseHandler(_Navigation):
    """Alexa closes an idle session after about 16 seconds, so a pause ends the
    session cleanly, keeps the position, and says how to come back."""

    intents = ("AMAZON.PauseIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        content = content_of(handler_input)
        if state["status"] == FINISHED:
            return reply(handler_input, content.text("goodbye"), end=True)
        session(handler_input)["routine"] = dict(state, status=PAUSED)
        return reply(handler_input, content.text("routine_lines.paused"), end=True)


class HowManyLeftHandler(_Navigation):
    intents = ("HowManyLeftIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        content = content_of(handler_input)
        speech = coach_of(handler_input).remaining(state)
        return reply(handler_input, speech, content.text("routine_lines.remaining_reprompt"))


class PainHandler(IntentHandler):
    """ "That hurts": stop the stretch, leave it out for the rest of the session, and ask
    whether the pain goes down a leg (a red flag) before anything else."""

    intents = ("PainIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        from .dialogue import ask  # dialogue's actions live in this module
        attributes = session(handler_input)
        state = ongoing_routine(handler_input)
        if state is not None:
            stretch = coach_of(handler_input).stretch_at(state)
            left_out = [s for s in attributes.get("left_out") or [] if isinstance(s, str)]
            attributes["left_out"] = sorted(set(left_out) | {stretch})
        hurts = attributes.get("hurts")
        attributes["hurts"] = (hurts if isinstance(hurts, int) and hurts > 0 else 0) + 1
        content = content_of(handler_input)
        lead = coach_of(handler_input).speech().say(content.text("routine_lines.pain")).pause(1)
        return ask(handler_input, "pain_leg", lead)


def left_out(handler_input: HandlerInput) -> frozenset:
    """The stretches that hurt in this session."""
    kept = session(handler_input).get("left_out")
    return frozenset(s for s in kept if isinstance(s, str)) if isinstance(kept, list) else frozenset()


def after_pain_settles(handler_input: HandlerInput, question=None) -> Response:
    """The pain settled: offer the next stretch, or after a second painful one, to stop."""
    from .dialogue import ask
    content = content_of(handler_input)
    lead = coach_of(handler_input).speech().say(content.text("safety.pain_settled")).pause(0.5)
    again = session(handler_input).get("hurts")
    if isinstance(again, int) and again >= 2:
        return ask(handler_input, "pain_stop", lead)
    return ask(handler_input, "pain_next", lead)


def rest_after_pain(handler_input: HandlerInput, question=None) -> Response:
    content = content_of(handler_input)
    return reply(handler_input, content.text("routine_lines.pain_rest"),
                 content.text("routine_lines.pain_rest_reprompt"))


def next_stretch(handler_input: HandlerInput, question=None, lead: Optional[Speech] = None) -> Response:
    """On to the next stretch that has not hurt today."""
    state = routine_state(handler_input)
    if state is None:
        return no_routine(handler_input)
    coach = coach_of(handler_input)
    return _speak_turn(handler_input, *coach.skip(state, left_out(handler_input), lead=lead, announce=False))


def stop_for_today(handler_input: HandlerInput, question=None) -> Response:
    state = ongoing_routine(handler_input)
    if state is not None:
        session(handler_input)["routine"] = dict(state, status=PAUSED)
    return reply(handler_input, content_of(handler_input).text("routine_lines.stopped_for_today"), end=True)


__all__ = [
    "StartRoutineHandler", "StretchHandler", "NextHandler", "SkipHandler", "PreviousHandler",
    "StartOverHandler", "ResumeHandler", "PauseHandler", "HowManyLeftHandler", "PainHandler",
    "start_routine", "no_routine", "in_routine",
]
