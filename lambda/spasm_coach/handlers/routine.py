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
from .common import IntentHandler, context_of, in_routine, reply, slot_values

GENTLE = "gentle"


def _speak_turn(handler_input: HandlerInput, state: dict, speech: Speech,
                turn: Optional[Turn] = None) -> Response:
    """Say one turn of the routine (and show it), and keep its new position."""
    context = context_of(handler_input)
    content = context.content
    context.session["routine"] = state
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
    return _speak_turn(handler_input, *context_of(handler_input).coach.start(routine_id, lead))


def continue_routine(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """Pick the routine up where it was, from the start of the current part."""
    context = context_of(handler_input)
    content, state = context.content, context.routine
    if state is None:
        return no_routine(handler_input)
    if state["status"] == FINISHED:
        return reply(handler_input, content.text("routine_lines.already_finished"),
                     content.text("routine_lines.finished_reprompt"))
    coach = context.coach
    lead = lead if lead is not None else coach.speech()
    lead.say(content.text("routine_lines.resume")).pause(1)
    return _speak_turn(handler_input, *coach.current(state, lead=lead, avoid=left_out(handler_input)))


def no_routine(handler_input: HandlerInput) -> Response:
    content = context_of(handler_input).content
    return reply(handler_input, content.text("routine_lines.no_routine"),
                 content.text("routine_lines.no_routine_reprompt"), question="offer_stretches")


class StartRoutineHandler(IntentHandler):
    intents = ("StartRoutineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)


_NON_WORD = re.compile(r"[^a-z ]+")


def stretch_id_of(handler_input: HandlerInput) -> Optional[str]:
    """The stretch asked for: the resolved id, or the heard words matching a name."""
    content = context_of(handler_input).content
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
        content = context_of(handler_input).content
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
        state = context_of(handler_input).routine
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
        asked = pending_in(context_of(handler_input).session)
        if asked is not None and asked.id == "offer_stretches":
            return start_routine(handler_input)
        return no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == PAUSED:
            return continue_routine(handler_input)
        return _speak_turn(handler_input, *context_of(handler_input).coach.next(state, left_out(handler_input)))


class SkipHandler(_Navigation):
    intents = ("SkipIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *context_of(handler_input).coach.skip(state, left_out(handler_input)))


class PreviousHandler(_Navigation):
    intents = ("AMAZON.PreviousIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *context_of(handler_input).coach.previous(state, left_out(handler_input)))


class StartOverHandler(_Navigation):
    intents = ("AMAZON.StartOverIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return _speak_turn(handler_input, *context_of(handler_input).coach.start_over(state, left_out(handler_input)))


class ResumeHandler(_Navigation):
    intents = ("AMAZON.ResumeIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        return continue_routine(handler_input)


class PauseHandler(_Navigation):
    """Alexa closes an idle session after about 16 seconds, so a pause ends the
    session cleanly, keeps the position, and says how to come back."""

    intents = ("AMAZON.PauseIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        context = context_of(handler_input)
        content = context.content
        if state["status"] == FINISHED:
            return reply(handler_input, content.text("goodbye"), end=True)
        context.session["routine"] = dict(state, status=PAUSED)
        return reply(handler_input, content.text("routine_lines.paused"), end=True)


class HowManyLeftHandler(_Navigation):
    intents = ("HowManyLeftIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        context = context_of(handler_input)
        content = context.content
        speech = context.coach.remaining(state)
        return reply(handler_input, speech, content.text("routine_lines.remaining_reprompt"))


class PainHandler(IntentHandler):
    """ "That hurts": stop the stretch, leave it out for the rest of the session, and ask
    whether the pain goes down a leg (a red flag) before anything else."""

    intents = ("PainIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        from .dialogue import ask  # dialogue's actions live in this module
        context = context_of(handler_input)
        attributes = context.session
        state = context.ongoing_routine
        if state is not None:
            stretch = context.coach.stretch_at(state)
            left_out = [s for s in attributes.get("left_out") or [] if isinstance(s, str)]
            attributes["left_out"] = sorted(set(left_out) | {stretch})
        hurts = attributes.get("hurts")
        attributes["hurts"] = (hurts if isinstance(hurts, int) and hurts > 0 else 0) + 1
        lead = context.coach.speech().say(context.content.text("routine_lines.pain")).pause(1)
        return ask(handler_input, "pain_leg", lead)


def left_out(handler_input: HandlerInput) -> frozenset:
    """The stretches that hurt in this session."""
    kept = context_of(handler_input).session.get("left_out")
    return frozenset(s for s in kept if isinstance(s, str)) if isinstance(kept, list) else frozenset()


def after_pain_settles(handler_input: HandlerInput, question=None) -> Response:
    """The pain settled: offer the next stretch, or after a second painful one, to stop."""
    from .dialogue import ask
    context = context_of(handler_input)
    lead = context.coach.speech().say(context.content.text("safety.pain_settled")).pause(0.5)
    again = context.session.get("hurts")
    if isinstance(again, int) and again >= 2:
        return ask(handler_input, "pain_stop", lead)
    return ask(handler_input, "pain_next", lead)


def rest_after_pain(handler_input: HandlerInput, question=None) -> Response:
    content = context_of(handler_input).content
    return reply(handler_input, content.text("routine_lines.pain_rest"),
                 content.text("routine_lines.pain_rest_reprompt"))


def next_stretch(handler_input: HandlerInput, question=None, lead: Optional[Speech] = None) -> Response:
    """On to the next stretch that has not hurt today."""
    context = context_of(handler_input)
    state = context.routine
    if state is None:
        return no_routine(handler_input)
    return _speak_turn(handler_input, *context.coach.skip(state, left_out(handler_input), lead=lead, announce=False))


def stop_for_today(handler_input: HandlerInput, question=None) -> Response:
    context = context_of(handler_input)
    state = context.ongoing_routine
    if state is not None:
        context.session["routine"] = dict(state, status=PAUSED)
    return reply(handler_input, context.content.text("routine_lines.stopped_for_today"), end=True)


__all__ = [
    "StartRoutineHandler", "StretchHandler", "NextHandler", "SkipHandler", "PreviousHandler",
    "StartOverHandler", "ResumeHandler", "PauseHandler", "HowManyLeftHandler", "PainHandler",
    "start_routine", "no_routine", "in_routine",
]
