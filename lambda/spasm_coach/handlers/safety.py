"""Safety sits in front: red flags are routed to medical care before anything else answers.

These handlers are registered first (see skill.py), so for every request, in every
state, they are asked before any other handler:

1. RedFlagHandler: the triage reads every slot value of every intent; a red flag gets
   the advice for its level at once. An emergency ends the session. (While one of the
   skill's safety questions waits, a doctor or urgent flag is weighed with the answer
   by the next handler instead, so a follow-up can still raise it. A flag that is the very
   answer the skill's own question asks for, "worse after that stretch" to "better, the
   same, or worse?", is that answer: handlers/describe.py, answer_in_flag_words.)
2. SomeoneElseHandler: no red flag of the speaker's, but someone else's emergency said as
   happening now ("my husband has chest pain going into his arm"): is it happening to someone
   with them right now? Asked wherever words are read, a safety question waiting or not.
3. SafetyQuestionHandler (dialogue.py): everything said while a safety question waits.
4. ClarifyHandler: a near miss ("no numbness, and I can pee fine", "I've leaked a bit
   for years") gets the clarifying question for its topic; a symptom the triage cannot
   place gets the structured symptom check.
5. ExerciseGateHandler: after any flag no exercise is guided for the rest of the
   session; before the first exercise of a session, the screening questions.

The questions themselves, and what each answer does, are in questions.py.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import questions
from .advice import FLAG_LEVELS, advise, assessment, raised_level
from .common import content_of, in_routine, intent_name, reply, routine_state, session
from .describe import answer_in_flag_words, asks_about_a_topic, names_another_request
from .dialogue import (YES_INTENT, SafetyQuestionHandler, actions, agrees, ask, pending, says_none,
                       start_check)

SYMPTOM_INTENTS = ("SymptomIntent", "SensationIntent", "SafetyAnswerIntent")
PAIN = "pain"  # the triage's clarify topic for pain said now (questions.CLARIFY_QUESTIONS)


class RedFlagHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        found = assessment(handler_input)
        if found is None or found.level not in FLAG_LEVELS:
            return False
        if answer_in_flag_words(handler_input) is not None:
            return False  # the answer to the question asked, in a flag's words (handlers/describe.py)
        question = pending(handler_input)
        return found.level == "emergency" or question is None or not question.safety

    def handle(self, handler_input: HandlerInput) -> Response:
        return advise(handler_input, assessment(handler_input).level)


# Someone else's findings asked about: only the heart and aorta emergencies, which clinical.md's
# emergency row names as emergencies in themselves. The rest of that row is an emergency with back
# pain (cauda equina, a serious fall), which the skill cannot know of someone else, and said of
# others it is mostly ordinary: "the toddler has wet himself", "my husband can't get an
# erection", "my son has fallen over again", "my dad can't walk without his stick".
ASKED_OF_OTHERS = frozenset(("chest_or_belly",))


class SomeoneElseHandler(AbstractRequestHandler):
    """Someone else's emergency, said as happening now, and no red flag of the speaker's own:
    is it happening to someone with them right now? (questions.py, someone_with_you.)

    The triage sets aside what is said of someone else (Assessment.someone_else keeps what was
    set aside for that alone, now: not past, denied, supposed or asked about). Only the heart and
    aorta are asked about (ASKED_OF_OTHERS); urgent and doctor findings of someone else ("my wife
    has a fever", "my husband has sciatica") are ordinary remarks, too many to question, and a
    doctor today or soon is theirs to arrange. A red flag of the speaker's own is routed first
    (RedFlagHandler; a doctor or urgent one with a safety question waiting is weighed with the
    answer by SafetyQuestionHandler, as everywhere else)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        found = assessment(handler_input)
        if found is None or not found.someone_else or found.level in FLAG_LEVELS:
            return False  # most requests: nothing said of anyone else
        question = pending(handler_input)
        if question is not None and question.id == questions.SOMEONE_WITH_YOU:
            return False  # an answer to it (SafetyQuestionHandler)
        if set(found.near_misses) - set(found.someone_else) or found.clarify not in (None, "general"):
            return False  # something of the speaker's own is asked about first (ClarifyHandler)
        return any(flag in ASKED_OF_OTHERS for flag in found.someone_else)

    def handle(self, handler_input: HandlerInput) -> Response:
        question = pending(handler_input)
        attributes = session(handler_input)
        if question is not None and question.safety:
            attributes[questions.INTERRUPTED_KEY] = question.id  # asked again after a no (dialogue.carry_on)
        else:
            attributes.pop(questions.INTERRUPTED_KEY, None)
        return ask(handler_input, questions.SOMEONE_WITH_YOU)


class ClarifyHandler(AbstractRequestHandler):
    """Near misses and unplaced symptoms: a clarifying question, never an alarm.

    It also answers a symptom, or an answer to a safety question, said out of turn.
    """

    intents = SYMPTOM_INTENTS

    def can_handle(self, handler_input: HandlerInput) -> bool:
        found = assessment(handler_input)
        if found is not None and found.level == "clarify":
            # Pain said now is no red flag: a question about a topic that names it ("what can I
            # take for this pain") gets its topic (handlers/describe.py), not "that hurts".
            return found.clarify != PAIN or not asks_about_a_topic(handler_input)
        if intent_name(handler_input) not in SYMPTOM_INTENTS:
            return False  # most requests: asked first, as it costs least
        if says_none(handler_input):
            return False  # "nothing like that" with no safety question pending: a no (dialogue.AnswerHandler)
        if names_another_request(handler_input) or answer_in_flag_words(handler_input) is not None:
            return False  # no symptom at all: a request, or an answer, said in other words (handlers/describe.py)
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        found = assessment(handler_input)
        topic = found.clarify if found is not None and found.level == "clarify" else None
        if topic == PAIN and in_routine(handler_input):
            # Pain now, said in a stretch in words of one's own ("ooh, that one really hurts"):
            # "that hurts", whose handler asks the same legs question, then whether it settles,
            # and leaves the stretch out.
            from .routine import PainHandler
            return PainHandler().handle(handler_input)
        question = questions.CLARIFY_QUESTIONS.get(topic or "")
        if question is None:
            # Nothing placed, or a topic no single question covers: ask about every group.
            return start_check(handler_input)
        return ask(handler_input, question)


# Intents that guide an exercise, and what to do once the screening is answered.
START_INTENTS = ("StartRoutineIntent", "StretchIntent", "AMAZON.StartOverIntent", "ShortRoutineIntent",
                 "LyingOnlyIntent")
MOVE_INTENTS = ("AMAZON.NextIntent", "AMAZON.PreviousIntent", "SkipIntent", "AMAZON.ResumeIntent",
                "FeelingBetterIntent", "FeelingSameIntent", "FeelingWorseIntent")
EXERCISE_INTENTS = frozenset(START_INTENTS + MOVE_INTENTS + (YES_INTENT,))
_DEFERRED = {"start_routine": {"action": "start", "routine": "gentle"}, "resume": {"action": "resume"},
             "next_stretch": {"action": "next"}, "leave_out_stretch": {"action": "resume"},
             "stretch_setup": {"action": "resume"}}


def exercise_wanted(handler_input: HandlerInput) -> Optional[Dict[str, Any]]:
    """What exercise this request would guide, if any: {"action": "start"|"resume"|"next", ...}."""
    name = YES_INTENT if agrees(handler_input) else intent_name(handler_input)  # "fine" to an offer
    if name not in EXERCISE_INTENTS:
        return None
    question = pending(handler_input)
    ongoing = in_routine(handler_input)
    if question is not None and question.yes is not None and question.yes.do in questions.EXERCISE_ACTIONS:
        if name == YES_INTENT or (name == "AMAZON.NextIntent" and question.id == "offer_stretches"):
            return dict(_DEFERRED[question.yes.do])
    if name == "StretchIntent":
        from .routine import stretch_id_of
        stretch = stretch_id_of(handler_input)
        if stretch is None or content_of(handler_input).stretches[stretch].get("prevention_only"):
            return None  # the handler explains; nothing is guided
        return {"action": "start", "routine": "single:" + stretch}
    if name == "AMAZON.StartOverIntent" and routine_state(handler_input) is not None:
        return {"action": "start_over"}  # from the start of the routine it was on
    if name == "LyingOnlyIntent" and not ongoing:
        return {"action": "start", "routine": "gentle", "lying_only": True}
    if name in START_INTENTS and name != "LyingOnlyIntent":
        return {"action": "start", "routine": "short" if name == "ShortRoutineIntent" else "gentle"}
    if name in START_INTENTS + MOVE_INTENTS and ongoing:
        return {"action": "resume"}
    if name == YES_INTENT and question is None and ongoing:
        return {"action": "resume"}
    return None


class ExerciseGateHandler(AbstractRequestHandler):
    """No exercise after a flag; the screening questions before the first exercise."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        # Most requests come after the screening with no flag raised: nothing to gate,
        # whatever exercise they would guide (so that is not worked out first).
        if raised_level(handler_input) is None and session(handler_input).get("screened"):
            return False
        return exercise_wanted(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        if raised_level(handler_input) is not None:
            return reply(handler_input, content.text("safety.exercise_declined"),
                         content.text("safety.after_flag_reprompt"))
        session(handler_input)["deferred"] = exercise_wanted(handler_input)
        return ask(handler_input, questions.SEQUENCES["screening"][0])


def safety_handlers(bound: Optional[Mapping[str, Any]] = None):
    """In the order they must be asked, ahead of every other handler. ``bound``: the
    question actions (dialogue.actions(memory)), made once per skill."""
    return [RedFlagHandler(), SomeoneElseHandler(), SafetyQuestionHandler(bound if bound is not None else actions()),
            ClarifyHandler(), ExerciseGateHandler()]
