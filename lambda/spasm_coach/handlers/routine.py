"""The guided stretches and hands-free navigation through them."""
from __future__ import annotations

import re
from typing import Optional

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import screens
from ..routine import ACTIVE, CAUTION, FINISHED, PAUSED, SINGLE_PREFIX, Turn
from ..speech import Speech
from ..questions import pending_in
from .common import SAME, IntentHandler, context_of, in_routine, intent_name, reply, slot_values

GENTLE, SHORT = "gentle", "short"
# Where a stretch is done; "lying down only" leaves out the others for the session.
LYING = "lying"


def _speak_turn(handler_input: HandlerInput, state: dict, speech: Speech,
                turn: Optional[Turn] = None) -> Response:
    """Say one turn of the routine (and show it), and keep its new position. The turn
    ends with what it waits for (ready, next, or its question), and its reprompt says
    that again; "repeat" says the turn's own words, without what led into it."""
    context = context_of(handler_input)
    content = context.content
    coach = context.coach
    context.session["routine"] = state
    screen = screens.stretch(turn) if turn is not None else None
    if state["status"] == FINISHED:
        if state["id"].startswith(SINGLE_PREFIX):
            return reply(handler_input, speech, content.text("routine_lines.single_finished_reprompt"),
                         screen=screen)
        speech.pause(1).say(content.text("routine_lines.finished_offer"))
        # A "yes" sets a heat timer (questions.py: offer_heat_timer).
        return reply(handler_input, speech, content.text("routine_lines.finished_reprompt"),
                     question="offer_heat_timer", screen=screen)
    return reply(handler_input, speech, coach.prompt(state)[1], question=coach.asks(state), screen=screen,
                 repeat=coach.again(state))


def start_routine(handler_input: HandlerInput, routine_id: str = GENTLE,
                  lead: Optional[Speech] = None) -> Response:
    return _speak_turn(handler_input, *context_of(handler_input).coach.start(routine_id, lead, left_out(handler_input)))


def continue_routine(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """Pick the routine up where it was: the set-up of the current stretch again."""
    context = context_of(handler_input)
    content = context.content
    state = context.routine
    if state is None:
        return no_routine(handler_input)
    if state["status"] == FINISHED:
        return reply(handler_input, content.text("routine_lines.already_finished"),
                     content.text("routine_lines.already_finished_reprompt"))
    coach = context.coach
    lead = lead if lead is not None else coach.speech()
    lead.say(content.text("routine_lines.resume")).pause(1)
    return _speak_turn(handler_input, *coach.current(state, lead=lead, avoid=left_out(handler_input)))


def no_routine(handler_input: HandlerInput) -> Response:
    content = context_of(handler_input).content
    return reply(handler_input, content.text("routine_lines.no_routine"),
                 content.text("routine_lines.no_routine_reprompt"), question="offer_stretches")


def no_routine_after(handler_input: HandlerInput, lead: Speech) -> Response:
    """`lead`, then the offer of the stretches."""
    content = context_of(handler_input).content
    return reply(handler_input, lead.pause(0.5).say(content.text("routine_lines.no_routine")),
                 content.text("routine_lines.no_routine_reprompt"), question="offer_stretches")


def where_we_are(handler_input: HandlerInput, speech: Speech) -> Response:
    """Something said during the routine that is not a move (how many are left, a list,
    a preference): then what the current turn waits for, and its question kept."""
    context = context_of(handler_input)
    state = context.ongoing_routine
    if state is None:
        return reply(handler_input, speech, context.content.text("routine_lines.list_reprompt"))
    coach = context.coach
    if state["status"] == PAUSED:
        return reply(handler_input, speech.say(context.content.text("memory.welcome_back_reprompt")),
                     context.content.text("memory.welcome_back_reprompt"), question=SAME)
    line, reprompt = coach.prompt(state)
    return reply(handler_input, speech.say(line), reprompt, question=SAME)


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
    content = context_of(handler_input).content
    slot = slot_values(handler_input).get("Stretch") or {}
    if slot.get("id") in content.stretches:
        return slot["id"]
    heard = _letters(slot.get("value") or "")
    for stretch_id, stretch in content.stretches.items():
        if heard and heard == _letters(stretch["name"]):
            return stretch_id
    return None


class StretchHandler(IntentHandler):
    """A single stretch on request: "how do I do cat cow", "start the pelvic tilt". During a
    routine that has it, the routine goes to it ("back to the knee rolls", "skip to the cat
    cow") and carries on from there."""

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
        state = context_of(handler_input).ongoing_routine
        if state is not None and not state["id"].startswith(SINGLE_PREFIX):
            moved = context_of(handler_input).coach.go_to(state, stretch_id, left_out(handler_input))
            if moved is not None:
                return _speak_turn(handler_input, *moved)
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
        context = context_of(handler_input)
        if state["status"] == PAUSED:
            return continue_routine(handler_input)
        if state.get("stage") == CAUTION and state["status"] != FINISHED:
            # A caution needs its answer: "next" is not one.
            return _speak_turn(handler_input, *context.coach.current(state, avoid=left_out(handler_input)))
        return _speak_turn(handler_input, *context.coach.next(state, left_out(handler_input)))


class SkipHandler(_Navigation):
    """ "Skip this one", or a stretch by its name ("skip the cat cow"): the current one is
    skipped; another named one is left out for the rest of the session, and the turn goes on."""

    intents = ("SkipIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        context = context_of(handler_input)
        named = stretch_id_of(handler_input)
        state = context.ongoing_routine
        if named is None or (state is not None and state["status"] != FINISHED
                             and context.coach.stretch_at(state) == named):
            return super().handle(handler_input)
        leave_out(handler_input, named)
        lead = context.coach.speech().say(context.content.text(
            "routine_lines.skip_named", name=context.content.stretches[named]["name"]))
        if state is None:
            return no_routine_after(handler_input, lead)
        return where_we_are(handler_input, lead.pause(0.5))

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
        return start_over(handler_input)


def start_over(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """The routine it was on (paused, finished or under way) from its first stretch."""
    context = context_of(handler_input)
    state = context.routine
    if state is None:
        return start_routine(handler_input, GENTLE, lead)
    return _speak_turn(handler_input, *context.coach.start_over(state, left_out(handler_input), lead))


class ResumeHandler(_Navigation):
    """ "Carry on": a paused routine picks up where it was; one that is running (its last
    turn ended with "say next when you're ready") goes on, as "next" does."""

    intents = ("AMAZON.ResumeIntent",)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == ACTIVE:
            return NextHandler().move(handler_input, state)
        return continue_routine(handler_input)


class PauseHandler(_Navigation):
    """Alexa closes an idle session after about 16 seconds, so a pause ends the
    session cleanly, keeps the position, and says how to come back. With no routine,
    "pause" or "hold on a sec" is about a timer when one of the skill's is running."""

    intents = ("AMAZON.PauseIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        from .timers import pause_a_running_timer
        return pause_a_running_timer(handler_input) or no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        context = context_of(handler_input)
        content = context.content
        if state["status"] == FINISHED:
            return reply(handler_input, content.text("goodbye"), end=True)
        context.session["routine"] = dict(state, status=PAUSED)
        return reply(handler_input, content.text("routine_lines.paused"), end=True)


class HowManyLeftHandler(_Navigation):
    """How many stretches are left, as a number, and their names. With no routine and one of
    the skill's timers set, "how much is left" asks about the timer."""

    intents = ("HowManyLeftIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        from .timers import TimerStatusHandler, a_timer_set
        if a_timer_set(handler_input):
            return TimerStatusHandler().handle(handler_input)
        return no_routine(handler_input)

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == FINISHED:
            return continue_routine(handler_input)
        return where_we_are(handler_input, context_of(handler_input).coach.remaining(state, left_out(handler_input)))


class HoldLengthHandler(_Navigation):
    """ "How long do I hold it": the current stretch's hold in seconds (or that it has none),
    then what the turn waits for. Without a routine, that every hold is counted out."""

    intents = ("HoldLengthIntent",)

    def without_routine(self, handler_input: HandlerInput) -> Response:
        context = context_of(handler_input)
        return no_routine_after(handler_input, context.coach.speech().say(
            context.content.text("routine_lines.hold_length_general")))

    def move(self, handler_input: HandlerInput, state: dict) -> Response:
        if state["status"] == FINISHED:
            return continue_routine(handler_input)
        return where_we_are(handler_input, context_of(handler_input).coach.hold_length(state))


class ListStretchesHandler(IntentHandler):
    """ "What are the stretches": the routine's stretches, how many, and what next."""

    intents = ("ListStretchesIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        context = context_of(handler_input)
        content = context.content
        state = context.ongoing_routine
        routine_id = state["id"] if state is not None and not state["id"].startswith(SINGLE_PREFIX) else GENTLE
        speech = context.coach.listing(routine_id, left_out(handler_input))
        if state is None:
            return reply(handler_input, speech.say(content.text("routine_lines.list_start")),
                         content.text("routine_lines.list_reprompt"), question="offer_stretches")
        return where_we_are(handler_input, speech)


class ShortRoutineHandler(IntentHandler):
    """ "A short routine": the short routine from its start."""

    intents = ("ShortRoutineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_routine(handler_input, SHORT)


class LyingOnlyHandler(IntentHandler):
    """ "Only lying down" / "I can't kneel": no stretch on hands and knees for the rest of
    the session; the routine goes on (or starts) with the ones lying down."""

    intents = ("LyingOnlyIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        context = context_of(handler_input)
        content = context.content
        context.session["lying_only"] = True
        coach = context.coach
        lead = coach.speech().say(content.text("routine_lines.lying_only")).pause(0.5)
        state = context.ongoing_routine
        if state is None:
            return start_routine(handler_input, GENTLE, lead)
        if state["status"] == PAUSED:
            return continue_routine(handler_input, lead)
        if coach.stretch_at(state) in left_out(handler_input):
            return _speak_turn(handler_input, *coach.current(state, lead=lead, avoid=left_out(handler_input)))
        return where_we_are(handler_input, lead)


# "Better", "the same", "worse": one intent each (fixed words, heard as they are said).
FEELINGS = {"FeelingBetterIntent": "better", "FeelingSameIntent": "same", "FeelingWorseIntent": "worse"}


class FeelingHandler(IntentHandler):
    """ "Better", "about the same", "worse": the answer to how the back feels after a
    stretch. Worse leaves that stretch out for the rest of the session (nothing is kept
    beyond it) and offers rest; otherwise on to the next stretch."""

    intents = tuple(FEELINGS)

    def handle(self, handler_input: HandlerInput) -> Response:
        from .dialogue import ask
        from .launch import relief
        context = context_of(handler_input)
        content = context.content
        feeling = FEELINGS.get(intent_name(handler_input) or "", "same")
        state = context.ongoing_routine
        if state is None:
            if feeling == "worse":
                return relief(handler_input)
            return reply(handler_input, content.text("routine_lines.feedback_%s" % ("better" if feeling == "better" else "same"))
                         + " " + content.text("welcome.question"), content.text("welcome.reprompt"), question="launch")
        coach = context.coach
        asked = pending_in(context.session)
        if asked is None or asked.id != "feedback":
            # Not the question after a stretch: worse during one is treated as "that hurts";
            # otherwise noted, and the turn's own prompt again.
            if feeling == "worse":
                return PainHandler().handle(handler_input)
            lead = coach.speech().say(content.text("routine_lines.feedback_%s" % (
                "better" if feeling == "better" else "same")))
            return where_we_are(handler_input, lead)
        if feeling == "worse":
            stretch = coach.stretch_at(state)
            leave_out(handler_input, stretch)
            return ask(handler_input, "worse_rest", name=content.stretches[stretch]["name"])
        lead = coach.speech().say(content.text("routine_lines.feedback_%s" % feeling))
        return next_stretch(handler_input, None, lead.pause(0.5))


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
            leave_out(handler_input, context.coach.stretch_at(state))
        hurts = attributes.get("hurts")
        attributes["hurts"] = (hurts if isinstance(hurts, int) and hurts > 0 else 0) + 1
        content = context.content
        lead = context.coach.speech().say(content.text("routine_lines.pain")).pause(1)
        return ask(handler_input, "pain_leg", lead)


def left_out(handler_input: HandlerInput) -> frozenset:
    """The stretches left out for this session: the ones that hurt, made it worse or
    whose caution applies, and those not lying down after "only lying down"."""
    context = context_of(handler_input)
    attributes = context.session
    kept = attributes.get("left_out")
    out = frozenset(s for s in kept if isinstance(s, str)) if isinstance(kept, list) else frozenset()
    if attributes.get("lying_only") is True:
        stretches = context.content.stretches
        out |= {s for s, v in stretches.items() if v.get("position", LYING) != LYING}
    return out


def leave_out(handler_input: HandlerInput, stretch: str) -> None:
    """Leave a stretch out for the rest of this session (never kept beyond it)."""
    attributes = context_of(handler_input).session
    kept = [s for s in attributes.get("left_out") or [] if isinstance(s, str)]
    attributes["left_out"] = sorted(set(kept) | {stretch})


def after_pain_settles(handler_input: HandlerInput, question=None) -> Response:
    """The pain settled: offer the next stretch, or after a second painful one, to stop."""
    from .dialogue import ask
    context = context_of(handler_input)
    content = context.content
    lead = context.coach.speech().say(content.text("safety.pain_settled")).pause(0.5)
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
    coach = context.coach
    return _speak_turn(handler_input, *coach.skip(state, left_out(handler_input), lead=lead, announce=False))


def caution_applies(handler_input: HandlerInput, question=None) -> Response:
    """Yes to a stretch's caution: leave it out for the session, on to the next one."""
    context = context_of(handler_input)
    state = context.ongoing_routine
    if state is None:
        return no_routine(handler_input)
    coach = context.coach
    leave_out(handler_input, coach.stretch_at(state))
    return _speak_turn(handler_input, *coach.answer_caution(state, True, left_out(handler_input)))


def caution_clear(handler_input: HandlerInput, question=None) -> Response:
    """No to a stretch's caution: its set-up."""
    context = context_of(handler_input)
    state = context.ongoing_routine
    if state is None:
        return no_routine(handler_input)
    return _speak_turn(handler_input, *context.coach.answer_caution(state, False))


def stop_for_today(handler_input: HandlerInput, question=None) -> Response:
    context = context_of(handler_input)
    state = context.ongoing_routine
    if state is not None:
        context.session["routine"] = dict(state, status=PAUSED)
    return reply(handler_input, context.content.text("routine_lines.stopped_for_today"), end=True)


__all__ = [
    "StartRoutineHandler", "StretchHandler", "NextHandler", "SkipHandler", "PreviousHandler",
    "StartOverHandler", "ResumeHandler", "PauseHandler", "HowManyLeftHandler", "HoldLengthHandler", "PainHandler",
    "ListStretchesHandler", "ShortRoutineHandler", "LyingOnlyHandler", "FeelingHandler",
    "start_routine", "no_routine", "in_routine",
]
