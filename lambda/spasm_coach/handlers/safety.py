"""Safety sits in front: red flags are routed to medical care before anything else answers.

These handlers are registered first (see skill.py), so for every request, in every
state, they are asked before any other handler:

1. RedFlagHandler: the triage reads every slot value of every intent; a red flag gets
   the advice for its level at once. An emergency ends the session.
2. SafetyAnswerHandler: the answers to the skill's own safety questions (the screening
   question, a clarifying question, "does the pain go down your leg?").
3. ClarifyHandler: a near miss ("no numbness, and I can pee fine", "I've leaked a bit
   for years") or a symptom the triage cannot place gets a clarifying question.
4. ExerciseGateHandler: after any flag no exercise is guided for the rest of the
   session; before the first exercise of a session, one screening question.

Only the level reached is kept, in the session (``safety``), never what was said, and
nothing of it outlives the session.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import triage
from ..routine import FINISHED
from ..speech import Speech
from .common import (coach_of, content_of, intent_name, reply, routine_state, session,
                     slot_values)

FLAG_LEVELS = ("doctor", "urgent", "emergency")
SYMPTOM_INTENT = "SymptomIntent"
SENSATION_INTENT = "SensationIntent"
ANSWER_INTENT = "SafetyAnswerIntent"
YES, NO = "AMAZON.YesIntent", "AMAZON.NoIntent"
# What the answer slot's ids mean for the level.
ANSWER_LEVELS = {"one_leg": "doctor", "both_legs": "emergency", "bladder": "emergency",
                 "bowel": "emergency", "saddle": "emergency", "none": None}
# The skill's own safety questions (session "pending"), and what a yes or a no to each
# means: a level to advise, another question ("ask:<kind>"), or all clear.
# Questions come from clinical.md's plain-language wording (content: safety.clarify).
QUESTIONS = {
    "screening": {"yes": "ask:where", "no": "clear"},
    "pain_leg": {"yes": "ask:where", "no": "clear"},
    "legs": {"yes": "ask:where", "no": "clear"},
    "where": {"yes": "doctor", "no": "clear"},  # a yes we cannot place is taken seriously
    "saddle": {"yes": "emergency", "no": "clear"},
    "bladder": {"yes": "emergency", "no": "clear"},
    "bowel": {"yes": "emergency", "no": "clear"},
    "weakness": {"yes": "emergency", "no": "urgent"},  # one weak leg, not sudden: same day
    "pain": {"yes": "ask:where", "no": "clear"},
    "general": {"yes": "ask:where", "no": "clear"},
}
SAFETY_QUESTIONS = tuple(QUESTIONS)


# -- reading the request -------------------------------------------------------------
def assessment(handler_input: HandlerInput) -> Optional[triage.Assessment]:
    """The triage of everything the person said in this request (computed once).

    The triage reads every slot value Alexa sent, in the order the intent declares
    them, and every resolved id: nothing is rebuilt or dropped. Concepts combine in
    any order, so "numb" and "both legs" from two slots read as "numb both legs".
    Alexa drops a free phrase's carrier; where the carrier means something ("no ...",
    "both ...", "what if ..."), its intent says so (content: describe.carrier_meaning)
    and that meaning is read first.

    A triage that fails (a broken vocabulary, a bug) is logged at ERROR without the
    person's words and recorded as ``request_attributes["triage_failed"]``, with no
    assessment: never quietly "nothing found". Whoever answers must then ask about
    the red flags directly (handlers/describe.py's TriageFailedHandler does).
    """
    attributes = handler_input.attributes_manager.request_attributes
    if "assessment" not in attributes:
        attributes["assessment"] = None
        if not getattr(getattr(handler_input.request_envelope.request, "intent", None), "slots", None):
            return None  # nothing said beyond the intent itself
        slots = slot_values(handler_input).values()
        carrier = content_of(handler_input).raw("describe.carrier_meaning").get(intent_name(handler_input), "")
        words = " ".join([slot["value"] for slot in slots if slot["value"]])
        words = "%s %s" % (carrier, words) if words and carrier else words
        ids = [slot["id"] for slot in slots if slot["id"]]
        if words or ids:
            locale = getattr(handler_input.request_envelope.request, "locale", None) or "en-US"
            try:
                attributes["assessment"] = triage.assess(words, ids, locale)
            except Exception as error:  # noqa: BLE001 - any failure must be answered, not swallowed
                import logging  # here: this function is the only part of the module this change owns
                logging.getLogger(__name__).error("triage failed for locale %s: %s (the person's words are not logged)",
                          locale, type(error).__name__)
                attributes["triage_failed"] = True
    return attributes["assessment"]


def raised_level(handler_input: HandlerInput) -> Optional[str]:
    level = session(handler_input).get("safety")
    return level if level in FLAG_LEVELS else None


# -- speaking ------------------------------------------------------------------------
def _say_with_number(speech: Speech, text: str, number: str) -> Speech:
    """`text` said into `speech`, the emergency number in it (in digits) read digit by digit."""
    if number.isdigit():
        pieces = text.split(number)
        for index, piece in enumerate(pieces):
            speech.say(piece)
            if index < len(pieces) - 1:
                speech.say_digits(number)
    else:
        speech.say(text)
    return speech


def advise(handler_input: HandlerInput, level: str) -> Response:
    """The advice for a level; the session keeps the highest level raised."""
    content = content_of(handler_input)
    attributes = session(handler_input)
    attributes["safety"] = triage.max_level(attributes.get("safety") or "none", level)
    attributes.pop("deferred", None)
    state = routine_state(handler_input)
    if state is not None and state["status"] != FINISHED:
        attributes["routine"] = dict(state, status="paused")
    text = content.text("safety.%s" % level)
    number = content.emergency["number"]
    # The same words for everyone at this level in this locale: rendered once.
    speech = coach_of(handler_input).fixed("safety." + level, lambda s: _say_with_number(s, text, number))
    if level == "emergency":
        return reply(handler_input, speech, end=True, card=text)
    return reply(handler_input, speech, content.text("safety.after_flag_reprompt"), card=text)


def ask_clarifying(handler_input: HandlerInput, kind: Optional[str]) -> Response:
    """One of the safety questions; an unknown kind asks the general one."""
    kind = kind if kind in QUESTIONS and kind not in ("screening", "pain_leg") else "general"
    return ask(handler_input, "safety.clarify.%s" % kind, "safety.clarify.%s_reprompt" % kind, kind)


def ask(handler_input: HandlerInput, question: str, reprompt: str, pending: str,
        lead: Optional[Speech] = None) -> Response:
    content = content_of(handler_input)
    speech = lead or coach_of(handler_input).speech()
    speech.say(content.text(question))
    return reply(handler_input, speech, content.text(reprompt), pending=pending)


# -- handlers ------------------------------------------------------------------------
class RedFlagHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        found = assessment(handler_input)
        return found is not None and found.level in FLAG_LEVELS

    def handle(self, handler_input: HandlerInput) -> Response:
        return advise(handler_input, assessment(handler_input).level)


class SafetyAnswerHandler(AbstractRequestHandler):
    """Answers to the skill's own safety questions."""

    intents = (YES, NO, ANSWER_INTENT, SYMPTOM_INTENT, SENSATION_INTENT)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (session(handler_input).get("pending") in SAFETY_QUESTIONS
                and intent_name(handler_input) in self.intents)

    def handle(self, handler_input: HandlerInput) -> Response:
        pending = session(handler_input)["pending"]
        name = intent_name(handler_input)
        answer = (slot_values(handler_input).get("Answer") or {}).get("id")
        if answer in ANSWER_LEVELS and ANSWER_LEVELS[answer]:
            return advise(handler_input, ANSWER_LEVELS[answer])
        if name == NO or answer == "none":
            outcome = QUESTIONS[pending]["no"]
        elif name == YES:
            outcome = QUESTIONS[pending]["yes"]
        else:  # a described symptom the triage could not place, in answer to our question
            outcome = "ask:where" if pending != "where" else "doctor"
        if outcome == "clear":
            return self.all_clear(handler_input, pending)
        if outcome.startswith("ask:"):
            return ask_clarifying(handler_input, outcome[4:])
        return advise(handler_input, outcome)

    def all_clear(self, handler_input: HandlerInput, pending: str) -> Response:
        content = content_of(handler_input)
        attributes = session(handler_input)
        if pending == "screening":
            attributes["screened"] = True
            deferred = attributes.pop("deferred", None)
            lead = coach_of(handler_input).speech().say(content.text("safety.screening_clear")).pause(0.5)
            return run_deferred(handler_input, deferred, lead)
        if pending == "pain_leg":
            speech = coach_of(handler_input).speech().say(content.text("safety.pain_settled"))
            speech.say(content.text("routine_lines.pain_options"))
            return reply(handler_input, speech, content.text("routine_lines.pain_options"))
        speech = coach_of(handler_input).speech().say(content.text("safety.clarify.settled"))
        return reply(handler_input, speech, content.text("help.general_reprompt"))


class ClarifyHandler(AbstractRequestHandler):
    """Near misses and unplaced symptoms: one clarifying question, never an alarm.

    It also answers a symptom, or an answer to a safety question, said out of turn.
    """

    intents = (SYMPTOM_INTENT, SENSATION_INTENT, ANSWER_INTENT)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        found = assessment(handler_input)
        if found is not None and found.level == "clarify":
            return True
        return intent_name(handler_input) in self.intents

    def handle(self, handler_input: HandlerInput) -> Response:
        found = assessment(handler_input)
        kind = found.clarify if found is not None and found.level == "clarify" else "general"
        return ask_clarifying(handler_input, kind)


# Intents that guide an exercise, and what to do once the screening question is answered.
START_INTENTS = ("StartRoutineIntent", "StretchIntent", "AMAZON.StartOverIntent")
MOVE_INTENTS = ("AMAZON.NextIntent", "AMAZON.PreviousIntent", "SkipIntent", "AMAZON.ResumeIntent")
EXERCISE_INTENTS = frozenset(START_INTENTS + MOVE_INTENTS + (YES,))


def exercise_wanted(handler_input: HandlerInput) -> Optional[Dict[str, Any]]:
    """What exercise this request would guide, if any: {"action": "start"|"resume", ...}."""
    name = intent_name(handler_input)
    if name not in EXERCISE_INTENTS:
        return None
    attributes = session(handler_input)
    pending = attributes.get("pending")
    state = routine_state(handler_input)
    ongoing = state is not None and state["status"] != FINISHED
    if name == "StretchIntent":
        from .routine import stretch_id_of
        stretch = stretch_id_of(handler_input)
        if stretch is None or content_of(handler_input).stretches[stretch].get("prevention_only"):
            return None  # the handler explains; nothing is guided
        return {"action": "start", "routine": "single:" + stretch}
    if name in START_INTENTS and not (name == "AMAZON.StartOverIntent" and ongoing):
        return {"action": "start", "routine": "gentle"}
    if name in START_INTENTS + MOVE_INTENTS and ongoing:
        return {"action": "resume"}
    if name in (YES, "AMAZON.NextIntent") and pending == "offer_stretches":
        return {"action": "start", "routine": "gentle"}
    if name == YES and pending in (None, "welcome_back") and ongoing:
        return {"action": "resume"}
    return None


class ExerciseGateHandler(AbstractRequestHandler):
    """No exercise after a flag; one screening question before the first exercise."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if exercise_wanted(handler_input) is None:
            return False
        attributes = session(handler_input)
        return raised_level(handler_input) is not None or not attributes.get("screened")

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        if raised_level(handler_input) is not None:
            return reply(handler_input, content.text("safety.exercise_declined"),
                         content.text("safety.after_flag_reprompt"))
        session(handler_input)["deferred"] = exercise_wanted(handler_input)
        return ask(handler_input, "safety.screening", "safety.screening_reprompt", "screening")


def run_deferred(handler_input: HandlerInput, deferred: Any, lead: Speech) -> Response:
    """Carry out the exercise that was asked for before the screening question."""
    from .routine import continue_routine, start_routine
    if isinstance(deferred, dict) and deferred.get("action") == "resume" and routine_state(handler_input):
        return continue_routine(handler_input, lead)
    routine_id = deferred.get("routine") if isinstance(deferred, dict) else None
    return start_routine(handler_input, routine_id if isinstance(routine_id, str) else "gentle", lead)


def safety_handlers():
    """In the order they must be asked, ahead of every other handler."""
    return [RedFlagHandler(), SafetyAnswerHandler(), ClarifyHandler(), ExerciseGateHandler()]
