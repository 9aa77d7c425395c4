"""Asking questions and acting on their answers, for every question in questions.py.

- ``ask`` puts a registered question to the person (its words and reprompt come from
  the content, keyed by the registry) and makes it the pending one.
- ``SafetyQuestionHandler`` answers every request while a safety question is pending:
  yes, no and the listed follow-ups are decided by ``questions.decide``; help and
  fallback answer and then ask again; anything else (next, start stretches, resume, a
  first "I don't know" or "yes, it's fine") asks again without clearing anything; a second
  "I don't know" to the same question is a symptom that cannot be ruled out (questions.py,
  rule 5). Stop still stops.
- ``AnswerHandler`` is the one place where yes and no to the skill's other questions are
  handled; the actions it can carry out are named in the registry and bound here.
- ``SymptomCheckHandler``: "check my symptoms", at any time.

Session attributes used here (JSON; never what the person said):
  pending    the id of the question waiting for an answer (through questions.py only)
  unsure     the pending safety question, once it was answered "I don't know" (questions.py, rule 5)
  sequence   [name, question id]: the sequence being asked (screening, check) and where
  hurts      how many times "that hurts" was said in this session
  left_out   stretch ids that hurt in this session (never stored beyond it)
  net_said   the fallback's "check my symptoms" line has been said in full
  interrupted  the safety question "is this happening to someone with you?" was asked over
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Dict, List, Mapping, Optional

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import questions, screens
from ..questions import NO, UNCLEAR, UNSURE, YES, Decision, Question
from ..speech import Speech
from ..triage import level_rank
from .advice import FLAG_LEVELS, advise, assess_said_of, assessment, raise_level, raised_level, tells_of_symptom
from .wording import says_any, words_of
from .common import (IntentHandler, coach_of, content_of, in_routine, intent_name, reply, routine_state,
                     session, slot_values, speech_of)

log = logging.getLogger(__name__)

YES_INTENT, NO_INTENT = "AMAZON.YesIntent", "AMAZON.NoIntent"
ANSWER_INTENT = "SafetyAnswerIntent"
UNSURE_INTENT = "UnsureIntent"  # "I don't know", "I can't tell"
# "no, ..." and "I don't have ..." with a free phrase after it
DENIAL_INTENTS = ("DescribeDenialIntent", "DescribeDontHaveIntent")
CHECK_INTENT = "SymptomCheckIntent"
# How the pain is now, said to "is the pain settling?" (a question whose all-clear is a yes):
# better is settling; the same, worse or pain now is not (clinical.md, doctor row).
SETTLING = {"FeelingBetterIntent": YES, "FeelingSameIntent": NO, "FeelingWorseIntent": NO, "PainIntent": NO}
# Requests that still do what they say while a safety question waits: ending the
# conversation is always allowed (the level already raised stays in the session).
LEAVING_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent",
                   "AMAZON.PauseIntent")
Action = Callable[[HandlerInput, Question], Response]


def pending(handler_input: HandlerInput) -> Optional[Question]:
    return questions.pending_in(session(handler_input))


def ask(handler_input: HandlerInput, question_id: str, lead: Optional[Speech] = None,
        **values: Any) -> Response:
    """Ask a registered question; inside a sequence, remember where the sequence is."""
    question = questions.QUESTIONS[question_id]
    content = content_of(handler_input)
    attributes = session(handler_input)
    sequence = questions.sequence_of(question_id)
    if sequence:
        attributes["sequence"] = [sequence, question_id]
    speech = lead if lead is not None else coach_of(handler_input).speech()
    speech.say(content.text(question.text, **values))
    return reply(handler_input, speech, content.text(question.reprompt, **values), question=question_id)


def restate(handler_input: HandlerInput, question: Question, lead_key: str) -> Response:
    """Ask the pending question again, after a short line saying why."""
    return ask_after(handler_input, question.id, lead_key)


def ask_after(handler_input: HandlerInput, question_id: str, lead_key: str) -> Response:
    """Ask a question after a short line saying why."""
    lead = coach_of(handler_input).speech().say(content_of(handler_input).text(lead_key)).pause(0.4)
    return ask(handler_input, question_id, lead)


# -- reading an answer -------------------------------------------------------------------
def answer_of(handler_input: HandlerInput, question: Question, found: Any) -> str:
    """yes, no, a follow-up id, or unclear: what this request says to ``question``.

    ``found`` is the triage of the request's words (or None): a described symptom
    that answers a follow-up ("both legs are numb") counts as that follow-up, and a
    red flag of what a red-flag question asks about counts as yes (``questions.asks_about``).
    """
    name = intent_name(handler_input)
    if name == YES_INTENT:
        return YES
    context = content_of(handler_input).raw("safety.answer_context").get(question.id)
    if context and question.red_flag and name != NO_INTENT:
        # "yes it throbs", "it's pulsing" to the belly question: the words are read as said of
        # what it asks about; "no throbbing, just pain in my chest": what follows the denied
        # word is read by itself. What it asks about, as urgent as a yes, is a yes.
        for reading in assess_said_of(handler_input, context["said_of"], context["asks"]):
            if _says_yes(question, reading):
                return YES
    if question.all_clear == YES and not (found is not None and found.level in FLAG_LEVELS):
        # "it's getting better", "still hurts", "about the same": how the pain is now answers it.
        told = SETTLING.get(name) or SETTLING.get(_told_request(handler_input, name))
        if told is not None:
            return told
    if name == NO_INTENT or (name in DENIAL_INTENTS and plain_no(handler_input, found)):
        return NO
    told = _answer_in_words(handler_input, question, name, found)
    if told is not None:
        return told
    if name == ANSWER_INTENT:
        if all_clear(handler_input):
            return question.all_clear  # "it's fine": no symptom, or the pain has settled
        if yes_all_clear(handler_input):
            # "yes, it's fine" to "is the pain settling?": both say it has. To "any numbness when you
            # wipe?": a yes, or "it's bearable"? No answer (a second one counts as "I don't know").
            if question.all_clear == YES:
                return YES
            return UNSURE if question.safety else NO
        answer = _slot_id(handler_input, "Answer")
        if answer == "none":
            return NO
        if answer in question.follow_ups:
            return answer
    if found is not None:
        for flag in found.flags:
            answer = questions.FLAG_ANSWERS.get(flag)
            if answer in question.follow_ups:
                return answer
        # A flag of what the question asks about, as urgent as a yes to it, is a yes; any other
        # flag is no answer ("I've had cancer" to "numbness when you wipe?", "my leg is weak" to
        # "did it come on suddenly?"): it is raised at its own level and advised on at once.
        if _says_yes(question, found):
            return YES
    return UNCLEAR


def _answer_in_words(handler_input: HandlerInput, question: Question, name: Optional[str],
                     found: Any) -> Optional[str]:
    """Yes or no said in other words, all of the free phrase one of safety.answer_words ("yes
    there is", "a bit", "not at all"), or None; never with a flag or anything else said. A yes
    with an all-clear ("sure, no worries") reads as the YesClear slot does (answer_of)."""
    own = _own_words(handler_input, name)
    if own is None or (found is not None and found.level in FLAG_LEVELS):
        return None
    said = " ".join(own)
    words = content_of(handler_input).raw("safety.answer_words")
    if said in words["yes_all_clear"]:
        return YES if question.all_clear == YES else UNSURE if question.safety else NO
    return YES if said in words["yes"] else NO if said in words["no"] else None


def _own_words(handler_input: HandlerInput, name: Optional[str]) -> Optional[List[str]]:
    """The words of a describing or request intent, its carrier's meaning first; None for any other."""
    from .describe import FREE_PHRASE_INTENTS, said_with_carrier  # describe.py asks questions through this module
    return words_of(said_with_carrier(handler_input)) if name in FREE_PHRASE_INTENTS else None


def _told_request(handler_input: HandlerInput, name: Optional[str]) -> Optional[str]:
    """The request a describing intent's words make ("it's a bit better": FeelingBetterIntent)."""
    from .describe import FREE_PHRASE_INTENTS, request_of  # describe.py asks questions through this module
    return request_of(handler_input) if name in FREE_PHRASE_INTENTS else None


def _told(handler_input: HandlerInput, question: Question, name: Optional[str]) -> bool:
    """Words of the person's own (a describing or request intent) that say one of the question's
    ``told`` "here" phrases, ask for nothing, and say no "no" or "not" (safety.answer_words) and
    none of its "away" phrases ("he's at work", "that was last year")."""
    words = _own_words(handler_input, name)
    if words is None or _told_request(handler_input, name) is not None:
        return False
    content = content_of(handler_input)
    told = content.raw(question.told)
    return (says_any(words, told["here"]) and not says_any(words, told["away"])
            and not says_any(words, content.raw("safety.answer_words")["no"]))


def _says_yes(question: Question, found: Any) -> bool:
    """A flag of what the red-flag question asks about, as urgent as a yes to it."""
    return (found is not None and found.level in FLAG_LEVELS and question.red_flag
            and any(questions.asks_about(question, flag) for flag in found.flags)
            and level_rank(found.level) >= level_rank(questions.decide(question, YES).level))


def says_none(handler_input: HandlerInput) -> bool:
    """A safety answer of none ("nothing like that", "none of those") or a casual all-clear
    ("it's fine", "all good"): with no safety question pending it tells of no symptom, and is
    a no to whatever else was asked."""
    return (intent_name(handler_input) == ANSWER_INTENT
            and (_slot_id(handler_input, "Answer") == "none" or all_clear(handler_input)
                 or yes_all_clear(handler_input)))


CLEAR_IDS = ("all_clear", "agreeable")


def all_clear(handler_input: HandlerInput) -> bool:
    """A casual all-clear ("it's fine", "all good", "nah, it's fine", "fine"): the Clear slot,
    heard only without a yes before it (YesClear: "yes, it's fine" counts as "I don't know" at
    a red-flag question, and is a no thanks to anything else)."""
    return intent_name(handler_input) == ANSWER_INTENT and _slot_id(handler_input, "Clear") in CLEAR_IDS


def yes_all_clear(handler_input: HandlerInput) -> bool:
    """An all-clear said after a yes ("yes, it's fine"): the YesClear slot."""
    return _slot_id(handler_input, "YesClear") in CLEAR_IDS


def agrees(handler_input: HandlerInput) -> bool:
    """"Fine", "no worries", "yes, that's fine": a yes to an offer (the all-clear slots' id
    "agreeable"), an all-clear at a safety question. Never heard as AMAZON.YesIntent, so that
    "fine" to "any numbness around your bottom?" is never a yes."""
    return intent_name(handler_input) == ANSWER_INTENT and "agreeable" in (
        _slot_id(handler_input, "Clear"), _slot_id(handler_input, "YesClear"))


def _slot_id(handler_input: HandlerInput, name: str) -> Optional[str]:
    return (slot_values(handler_input).get(name) or {}).get("id")


def plain_no(handler_input: HandlerInput, found: Any) -> bool:
    """Whether a denial ("no ...", "I don't have ...") answers plainly no: the triage ran,
    raised no flag, and the words tell of nothing the body does besides the back pain
    ("no, I just don't get the urge any more" tells of something the triage may not know:
    asked again, never taken as no)."""
    if found is not None and found.level in FLAG_LEVELS:
        return False
    if handler_input.attributes_manager.request_attributes.get("triage_failed"):
        return False
    return not tells_of_symptom(handler_input)


def carry_out(handler_input: HandlerInput, question: Question, decision: Decision,
              actions: Mapping[str, Action]) -> Response:
    if decision.restate:
        return restate(handler_input, question, "safety.restate.first")
    before = raised_level(handler_input)
    raise_level(handler_input, decision.level)
    now = raised_level(handler_input)
    if now == "emergency":
        return advise(handler_input, now)
    if decision.ask:
        key = "safety.ask.noted" if now and not before else "safety.ask.next"
        lead = coach_of(handler_input).speech().say(content_of(handler_input).text(key))
        return ask(handler_input, decision.ask, lead)
    if decision.do:
        return actions[decision.do](handler_input, question)
    return advise(handler_input, now) if now else settled(handler_input, question)


# -- actions shared by the safety questions -------------------------------------------------
def continue_sequence(handler_input: HandlerInput, question: Question,
                      lead: Optional[Speech] = None) -> Response:
    """The next question of the sequence the session is in; past its end, its close."""
    attributes = session(handler_input)
    where = attributes.get("sequence")
    name, at = (where if isinstance(where, list) and len(where) == 2 else (None, None))
    following = questions.next_in_sequence(name, at) if name else None
    if following:
        lead = lead if lead is not None else coach_of(handler_input).speech()
        return ask(handler_input, following, lead.say(content_of(handler_input).text("safety.ask.next")))
    attributes.pop("sequence", None)
    level = raised_level(handler_input)
    if name == "screening" and level is None:
        attributes["screened"] = True
        lead = coach_of(handler_input).speech().say(
            content_of(handler_input).text("safety.screening_clear")).pause(0.5)
        return run_deferred(handler_input, attributes.pop("deferred", None), lead)
    if name == "check" and level is None:
        attributes["screened"] = True  # the check covers everything the screening asks
        content = content_of(handler_input)
        return reply(handler_input, content.text("safety.check.clear"), content.text("help.general_reprompt"))
    return advise(handler_input, level, lead) if level else settled(handler_input, question)


def advise_unsure(handler_input: HandlerInput, question: Question, unheard: bool = False) -> Response:
    """Rule 5: a second "I don't know" raises the question's unsure level and says so; a
    question of a sequence goes on to the next one (the advice comes at its end), any other
    gives the advice now. ``unheard``: the last answer was not heard at all (rule 3), and is
    said to have been taken as a maybe."""
    decision = questions.decide(question, UNSURE, raised_level(handler_input) or "none")
    raise_level(handler_input, decision.level)
    content = content_of(handler_input)
    goes_on = decision.do == "continue"
    key = ("unheard_" if unheard else "") + ("go_on" if goes_on else "checked")
    lead = coach_of(handler_input).speech().say(content.text("safety.unsure." + key))
    # What a doctor today cannot wait for, when it is what the question asked about: the
    # heart and aorta emergencies of clinical.md's emergency row.
    if "chest_or_belly" in question.covers:
        lead.say(content.text("safety.unsure.chest"))
    lead.pause(0.4)
    if goes_on:
        return continue_sequence(handler_input, question, lead)
    return advise(handler_input, raised_level(handler_input), lead)


def their_emergency(handler_input: HandlerInput, question: Question, unsure: bool = False) -> Response:
    """Someone with the person has what clinical.md's emergency row names: the emergency advice,
    said for them (use your phone to call the emergency number now, or go to the emergency
    department; Alexa cannot call). The session is flagged as for the person's own emergency, so
    no exercise is guided after it, and ends. ``unsure``: after a second "I don't know", said as an
    "if" (rule 5, on the safe side: what was described needs emergency care wherever they are)."""
    raise_level(handler_input, "emergency")
    attributes = session(handler_input)
    for key in ("deferred", "sequence", questions.INTERRUPTED_KEY):
        attributes.pop(key, None)
    content = content_of(handler_input)
    speech = coach_of(handler_input).speech()
    if unsure:
        speech.say(content.text("safety.someone_else.unsure")).pause(0.4)
    speech.say(content.text("safety.someone_else.emergency"))
    return reply(handler_input, speech, end=True, card=content.shown("safety.someone_else.card"),
                 screen=screens.advice("emergency"))


def carry_on(handler_input: HandlerInput, question: Question) -> Response:
    """No one with the person has it: back to the safety question it interrupted (asked again),
    or, with none, what a no to a clarifying question says (settled: in the routine, how to carry on)."""
    interrupted = questions.get(session(handler_input).pop(questions.INTERRUPTED_KEY, None))
    if interrupted is not None and interrupted.safety:
        return ask_after(handler_input, interrupted.id, "safety.someone_else.back")
    return settled(handler_input, question)


def run_deferred(handler_input: HandlerInput, deferred: Any, lead: Speech) -> Response:
    """Carry out the exercise that was asked for before the screening questions."""
    # Imported here: the routine handlers ask questions through this module.
    from .routine import continue_routine, next_stretch, start_over, start_routine
    action = deferred.get("action") if isinstance(deferred, dict) else None
    if action == "resume" and routine_state(handler_input):
        return continue_routine(handler_input, lead)
    if action == "start_over" and routine_state(handler_input):
        return start_over(handler_input, lead)
    if action == "next" and routine_state(handler_input):
        return next_stretch(handler_input, None, lead)
    if isinstance(deferred, dict) and deferred.get("lying_only") is True:
        session(handler_input)["lying_only"] = True
    routine_id = deferred.get("routine") if isinstance(deferred, dict) else None
    return start_routine(handler_input, routine_id if isinstance(routine_id, str) else "gentle", lead)


def settled(handler_input: HandlerInput, question: Question) -> Response:
    """A "no" that clears what the question asked about (and nothing else); after a flag, what
    was advised still stands; in the routine, what to say to carry on with it."""
    content = content_of(handler_input)
    if raised_level(handler_input) is not None:  # what was advised still stands: no exercise
        prompt = content.text("safety.after_flag_reprompt")
        speech = speech_of(handler_input, content.text("safety.settled_after_flag"), prompt)
        return reply(handler_input, speech, prompt)
    if in_routine(handler_input):
        return reply(handler_input, content.text("safety.settled_routine"),
                     content.text("routine_lines.next_reprompt"))
    return reply(handler_input, content.text("safety.settled"), content.text("help.general_reprompt"))


def start_check(handler_input: HandlerInput, lead: Optional[Speech] = None) -> Response:
    """The structured symptom check, from its first question."""
    content = content_of(handler_input)
    speech = lead if lead is not None else coach_of(handler_input).speech()
    speech.say(content.text("safety.check.intro")).pause(0.3)
    return ask(handler_input, questions.SEQUENCES["check"][0], speech)


# -- handlers --------------------------------------------------------------------------------
class SafetyQuestionHandler(AbstractRequestHandler):
    """Every request while a safety question waits for its answer."""

    def __init__(self, actions: Mapping[str, Action]):
        self.actions = actions

    def can_handle(self, handler_input: HandlerInput) -> bool:
        question = pending(handler_input)
        if question is None or not question.safety:
            return False
        request = handler_input.request_envelope.request
        return (getattr(request, "object_type", None) == "IntentRequest"
                and intent_name(handler_input) not in LEAVING_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        question = pending(handler_input)
        name = intent_name(handler_input)
        if name == UNSURE_INTENT:
            return self.unsure(handler_input, question, "safety.restate.unsure")
        if name == "AMAZON.HelpIntent":
            return restate(handler_input, question, question.help or "safety.restate.help")
        if name == "AMAZON.RepeatIntent":
            return restate(handler_input, question, "safety.ask.next")
        if name == "AMAZON.FallbackIntent":
            if questions.unheard_before(session(handler_input), question.id):  # rule 3: never forever
                return self.unsure(handler_input, question, "safety.restate.fallback", unheard=True)
            return restate(handler_input, question, "safety.restate.fallback")
        found = assessment(handler_input)
        flagged = found is not None and found.level in FLAG_LEVELS
        if flagged:
            # A red flag described in answer holds whatever the question (an emergency
            # was already routed by the red-flag handler).
            raise_level(handler_input, found.level)
        answer = answer_of(handler_input, question, found)
        if answer == UNCLEAR and question.told and not flagged and _told(handler_input, question, name):
            answer = YES  # "he's here with me", "it's my husband": the question's own reading
        if answer == UNSURE and not flagged:
            # "yes, it's fine": neither yes nor no, as "I don't know" is (rule 5)
            return self.unsure(handler_input, question, "safety.restate.mixed")
        decision = questions.decide(question, answer, raised_level(handler_input) or "none")
        if decision.restate and flagged:
            return advise(handler_input, raised_level(handler_input))
        elsewhere = questions.clarify_elsewhere(question, found.clarify) \
            if found is not None and found.level == "clarify" else None
        if decision.restate and elsewhere is not None and question.id in questions.SEQUENCES["screening"] \
                and raised_level(handler_input) is None:
            # "no, but my legs feel weird" to the saddle question: what another question asks
            # about is asked now, before anything else. The screening is left (asked afresh
            # before any exercise), so no "no" here starts one. Only the screening, with nothing
            # raised: elsewhere (the symptom check, a leg's follow-ups, "that hurts") the question
            # is asked again, so no question of a sequence and no advice is lost.
            session(handler_input).pop("sequence", None)
            return ask_after(handler_input, elsewhere, "safety.ask.elsewhere")
        if decision.restate and name in DENIAL_INTENTS:
            # "no, but it feels odd down there": what was told is thanked for, then asked plainly.
            return restate(handler_input, question, "safety.restate.told")
        return carry_out(handler_input, question, decision, self.actions)

    def unsure(self, handler_input: HandlerInput, question: Question, lead_key: str,
               unheard: bool = False) -> Response:
        """Rule 5: the first time asked again (after ``lead_key``), the second time the question's
        unsure level (and its ``unsure_do``, where it has one)."""
        if questions.second_unsure(session(handler_input), question.id):
            if question.unsure_do:
                decision = questions.decide(question, UNSURE, raised_level(handler_input) or "none")
                return carry_out(handler_input, question, decision, self.actions)
            return advise_unsure(handler_input, question, unheard)
        return restate(handler_input, question, lead_key)


class AnswerHandler(IntentHandler):
    """Yes and no to the skill's conversation questions (safety questions are answered
    by SafetyQuestionHandler), and a yes or no with no question pending."""

    intents = (YES_INTENT, NO_INTENT)

    def __init__(self, actions: Mapping[str, Action]):
        self.actions = actions

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) or says_none(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        yes = intent_name(handler_input) == YES_INTENT or agrees(handler_input)
        question = pending(handler_input)
        if question is not None and not question.safety:
            decision = questions.decide(question, YES if yes else NO)
            return carry_out(handler_input, question, decision, self.actions)
        content = content_of(handler_input)
        if in_routine(handler_input):
            if yes:  # "yes" after "say next when you're ready"
                from .routine import NextHandler
                return NextHandler().handle(handler_input)
            return reply(handler_input, content.text("routine_lines.next_reprompt"),
                         content.text("routine_lines.next_reprompt"))
        return reply(handler_input, content.text("yes_no.unexpected"), content.text("welcome.reprompt"))


class SymptomCheckHandler(IntentHandler):
    """ "Check my symptoms", "something's wrong": the structured check, at any time."""

    intents = (CHECK_INTENT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_check(handler_input)


def actions(memory: Any = None) -> Dict[str, Action]:
    """Every action a question can lead to (questions.ACTIONS), bound to what does it."""
    from . import launch, memory as memory_handlers, routine, timers
    bound: Dict[str, Action] = {
        "continue": continue_sequence,
        "settled": settled,
        "relief": lambda h, q: launch.relief(h),
        "no_relief": launch.no_relief,
        "start_routine": lambda h, q: routine.start_routine(h),
        "resume": lambda h, q: routine.continue_routine(h),
        "goodbye": launch.goodbye_for_now,
        "forget": lambda h, q: memory_handlers.forget_data(h, memory),
        "keep_data": memory_handlers.keep_data,
        "create_reminders": lambda h, q: timers.create_reminders(h),
        "decline_reminders": timers.decline_reminders,
        "set_offered_timer": timers.set_offered_timer,
        "decline_timer": timers.decline_timer,
        "pain_next": routine.after_pain_settles,
        "pain_rest": routine.rest_after_pain,
        "next_stretch": routine.next_stretch,
        "stop_for_today": routine.stop_for_today,
        "leave_out_stretch": routine.caution_applies,
        "stretch_setup": routine.caution_clear,
        "their_emergency": their_emergency,
        "their_emergency_unsure": lambda h, q: their_emergency(h, q, unsure=True),
        "carry_on": carry_on,
    }
    missing = set(questions.ACTIONS) - set(bound)
    if missing:
        raise RuntimeError("actions without a handler: %s" % sorted(missing))
    return bound


def dialogue_handlers(bound: Optional[Mapping[str, Action]] = None):
    """The safety-question handler goes with the safety handlers (see safety.py); the
    others are returned here in the order skill.py registers them. ``bound``: the
    actions (actions(memory)), made once per skill and shared with the safety handlers."""
    return [SymptomCheckHandler(), AnswerHandler(bound if bound is not None else actions())]
