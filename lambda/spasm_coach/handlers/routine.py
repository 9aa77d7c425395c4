"""The guided stretches and hands-free navigation through them."""
from __future__ import annotations

import re
from typing import Optional

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..routine import FINISHED, PAUSED, SINGLE_PREFIX
from ..speech import Speech
from .common import (IntentHandler, coach_of, content_of, in_routine, reply, routine_finished,
                     routine_state, session, slot_values)

GENTLE = "gentle"


def _speak_turn(handler_input: HandlerInput, state: dict, speech: Speech) -> Response:
    """Say one turn of the routine and keep its new position."""
    content = content_of(handler_input)
    session(handler_input)["routine"] = state
    if state["status"] == FINISHED:
        if state["id"].startswith(SINGLE_PREFIX):
            return reply(handler_input, speech, content.text("routine_lines.finished_reprompt"))
        speech.pause(1).say(content.text("routine_lines.finished_offer"))
        # A "yes" is answered by the timer handlers (handlers/timers.py).
        return reply(handler_input, speech, content.text("routine_lines.finished_reprompt"),
                     pending="offer_heat_timer")
    return reply(handler_input, speech, content.text("routine_lines.next_reprompt"))


def start_routine(handler_input: HandlerInput, routine_id: str = GENTLE,
                  lead: Optional[Speech] = None) -> Response:
    state, speech = coach_of(handler_input).start(routine_id, lead)
    return _speak_turn(handler_input, state, speech)


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
    return _speak_turn(handler_input, *coach.current(state, lead=lead))


def no_routine(handler_input: HandlerInput) -> Response:
    content = content_of(handler_input)
    return reply(handler_input, content.text("routine_lines.no_routine"),
                 content.text("routine_lines.no_routine_reprompt"), pending="offer_stretches")


class StartRoutineHandler(IntentHandler):
    intents = ("StartRoutineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)


_NON_WORD = re.compile(r"[^a-z ]+")


def stretch_id_of(handler_input: HandlerInput) -> Optional[str]:
    """The stretch asked for: the resolved id, or the heard words matching a name."""
    content = content_of(handler_input)
    slot = slot_values(handler_input).get("Stretch") or {}
    if slot.get("id") in content.stretches:
        return slot["id"]
    heard = _NON_WORD.sub("", (slot.get("value") or "").lower().replace("'", ""))
    for stretch_id, stretch in content.stretches.items():
        if heard and heard == _NON_WORD.sub("", stretch["name"].lower().replace("'", "")):
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
                         pending="offer_stretches")
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
        if session(handler_input).get("pending") == "offer_stretches":
            return start_routine(handler_input)
        return no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == PAUSED:
            return continue_routine(handler_input)
        return _speak_turn(handler_input, *coach_of(handler_input).next(state))


class SkipHandler(_Navigation):
    intents = ("SkipIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).skip(state))


class PreviousHandler(_Navigation):
    intents = ("AMAZON.PreviousIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).previous(state))


class StartOverHandler(_Navigation):
    intents = ("AMAZON.StartOverIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *coach_of(handler_input).start_over(state))


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
    """ "That hurts": stop the stretch, comfort, never push through pain."""

    intents = ("PainIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        speech = coach_of(handler_input).speech().say(content.text("routine_lines.pain"))
        # Pain that spreads down a leg is a red flag: ask, so the safety handlers can route it.
        speech.pause(1).say(content.text("safety.pain_leg"))
        return reply(handler_input, speech, content.text("safety.pain_leg_reprompt"), pending="pain_leg")


__all__ = [
    "StartRoutineHandler", "StretchHandler", "NextHandler", "SkipHandler", "PreviousHandler",
    "StartOverHandler", "ResumeHandler", "PauseHandler", "HowManyLeftHandler", "PainHandler",
    "start_routine", "no_routine", "in_routine", "routine_finished",
]
