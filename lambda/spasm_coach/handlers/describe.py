"""Someone describing their body in their own words, once the safety handlers have read it.

DescribeIntent carries a free phrase (AMAZON.SearchQuery) after a carrier such as "my",
"I've got" or "there's", so every first-person description reaches the skill with its
words. The safety handlers see it first (handlers/safety.py): a red flag is routed and a
near miss gets its clarifying question. What reaches these handlers had no red flag in
it, and is answered as what it most likely was, read from its words (the content's
describe.requests, describe.topics and describe.relief_words, in that order): a request
("I'd rather skip this one", "I've got a bag of peas on, time it") is answered as if its
intent had been heard, every handler asked again in order so the exercise gate and the
routine's rules still apply; a question naming a topic gets the topic; relief words get
the relief answer; anything else a calm "I'm not sure I followed" with what to say.
Never a medical question out of nowhere.

While one of the skill's safety questions is pending these handlers yield, so the
safety dialogue answers it. TriageFailedHandler is the exception that comes first:
when the triage itself failed, the request is answered with the structured symptom
check, never as if nothing had been said.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Intent, IntentConfirmationStatus, Response, Slot

from ..content import Content
from .advice import assessment, persists
from .common import SAME, IntentHandler, coach_of, content_of, in_routine, intent_name, reply, slot_values
from .dialogue import pending, start_check
from .info import TOPIC_INTENTS
from .wording import mentions_any, request_in, says_any, topic_asked, topic_in, words_of
from .launch import relief

# A free phrase after a carrier; the ones whose carrier means something are listed,
# with that meaning, in the content (describe.carrier_meaning).
DESCRIBE_INTENTS = ("DescribeIntent", "DescribeDenialIntent", "DescribeDontHaveIntent", "DescribeBothIntent",
                    "DescribeWhatIfIntent", "DescribeIfIntent", "DescribePainIntent", "DescribeCantIntent", "DescribeWeakIntent", "DescribeBackPainIntent",
                    "DescribeBladderIntent", "DescribeBowelIntent", "DescribeNumbIntent", "DescribeExerciseIntent",
                    "DescribeSittingIntent", "DescribeSexIntent",
                    "DescribeLostIntent", "DescribeFallIntent", "DescribeSuddenIntent",
                    "DescribeChestIntent", "DescribeFeverIntent", "DescribeBonesIntent",
                    "DescribeBurnIntent", "DescribeLegIntent", "DescribeLegsIntent",
                    "DescribeFootIntent", "DescribeSaddleIntent", "DescribeRestIntent",
                    "DescribeNightIntent", "DescribeTightIntent", "DescribeWetIntent",
                    "DescribeNothingIntent", "DescribeNeverIntent", "DescribeDidntIntent", "DescribeHaventIntent",
                    "DescribeDontIntent", "DescribeWontIntent", "DescribeWeeksIntent", "DescribePooedIntent",
                    "DescribeChestWordIntent", "DescribeSciaticaIntent", "DescribeFeelsLikeIntent",
                    "DescribeSitIntent", "DescribeWipeIntent", "DescribeSinceIntent", "DescribePeedIntent",
                    "DescribeNotIntent", "DescribeFellIntent", "DescribeHeavyIntent", "DescribeOthersSayIntent",
                    "DescribeBellyIntent", "DescribeLeakingIntent", "DescribeWalkingIntent",
                    "DescribeBreathlessIntent", "DescribeCancerIntent", "DescribeWakesIntent", "DescribeStillIntent",
                    "DescribeBreathingIntent", "DescribeSlipIntent", "DescribeAgoIntent", "DescribeWeightIntent",
                    "DescribeEverSinceIntent", "DescribeMonthIntent", "DescribeWeakerIntent", "DescribeHeartburnIntent",
                    "DescribeLyingStillIntent", "DescribeBodyIntent", "DescribeTemperatureIntent",
                    "DescribeThermometerIntent", "DescribeSweatingIntent", "DescribeArmIntent", "DescribeJawIntent",
                    "DescribeDizzyIntent", "DescribeSickIntent", "DescribeBloodIntent", "DescribeSteroidsIntent",
                    "DescribeHeartIntent", "DescribeThrobIntent", "DescribeKidneyIntent", "DescribeTrippedIntent",
                    "DescribeChemoIntent", "DescribeFaintIntent",
                    "DescribeWindIntent", "DescribeFeelIntent", "DescribeMyIntent", "DescribeBackIntent", "DescribeNeitherIntent",
                    "DescribeNeitherOfThemIntent",
                    "DescribeTearingIntent", "DescribeWorstIntent", "DescribeAlmostIntent", "DescribeInfectionIntent",
                    "DescribeWithIntent", "DescribeHadToIntent", "DescribeHaveNoIntent", "DescribeNewIntent",
                    "DescribeHitIntent", "DescribeMissedIntent", "DescribeImOnIntent", "DescribeItsBeenIntent",
                    "DescribeVehicleIntent", "DescribeHaveIntent", "DescribeHaveToIntent", "DescribeKeepIntent",
                    "DescribeLastHourIntent", "DescribeEarlierTodayIntent", "DescribeOneIntent",
                    "DescribeBeforeIntent", "DescribeAfterIntent", "DescribeMeIntent", "DescribeTheIntent", "DescribeWentIntent",
                    "DescribeOverThePastIntent", "DescribeForIntent", "DescribeBeenIntent", "DescribeMorningIntent",
                    "DescribeHeatPackIntent", "DescribeColdPackIntent", "DescribeSmellyIntent", "DescribeCloudyIntent",
                    "DescribeLatrineIntent", "DescribeBackInIntent", "DescribeWorriedIntent", "DescribeSometimesIntent",
                    "DescribeAlwaysIntent", "DescribeMaybeIntent", "DescribeBarelyIntent", "DescribeHeIntent",
                    "DescribeStanceIntent")
# A request or question in words no sample spells out: a carrier (a question word, a modal, a
# polite opener; its meaning in describe.carrier_meaning) and the free phrase after it.
REQUEST_INTENTS = ("RequestHowIntent", "RequestWhatIntent", "RequestWhatIsIntent", "RequestWhichIntent", "RequestWhyIntent",
                   "RequestWhenIntent", "RequestCanIntent", "RequestCouldIntent", "RequestIsIntent", "RequestShouldIntent",
                   "RequestDoIntent", "RequestDoBackIntent", "RequestWouldIntent", "RequestLetsIntent", "RequestNahIntent",
                   "RequestRatherIntent", "RequestWantIntent", "RequestKindlyIntent", "RequestGoIntent",
                   "RequestGiveIntent", "RequestThatsIntent", "RequestDeleteIntent", "RequestPauseIntent", "RequestHoldIntent",
                   "RequestStopIntent", "RequestSkipIntent", "RequestStartIntent", "RequestRemindIntent",
                   "RequestTellIntent", "RequestSlowerIntent", "RequestFasterIntent", "RequestMakeIntent",
                   "RequestSpeakIntent", "RequestBackIntent", "RequestTimerIntent", "RequestOnlyIntent",
                   "RequestAgainIntent", "RequestRestartIntent", "RequestDoneIntent", "RequestFinishIntent",
                   "RequestEnoughIntent", "RequestSureIntent", "RequestIncreaseIntent", "RequestReduceIntent",
                   "RequestCountIntent", "RequestDoItIntent", "RequestTakeItIntent", "RequestThroughIntent",
                   "RequestContinueIntent", "RequestProceedIntent", "RequestLeaveIntent", "RequestWorseIntent",
                   "RequestWorthIntent", "RequestBestIntent", "RequestBestWayIntent", "RequestNeedIntent",
                   "RequestCuriousIntent")
# Both, looked up on every request (most are neither): in a set, not name by name.
FREE_PHRASE_INTENTS = frozenset(DESCRIBE_INTENTS + REQUEST_INTENTS)
UNSURE_INTENT = "UnsureIntent"
# Pain said mid-routine is answered as pain even inside a question: the stretch stops first.
PAIN_INTENT = "PainIntent"
# Intents with an open slot type that words which are no value of it may fill: a symptom
# ("ice is good or heat is good for my back" as '{BodyPart} is {Sensation}'), a stretch
# ("proceed to the following stretch"), a timer's pack ("cancel the ice timer").
UNPLACED_INTENTS = {"SensationIntent": ("Sensation", "BodyPart"), "SymptomIntent": ("Symptom",),
                    "StretchIntent": ("Stretch",), "SetTimerIntent": ("Pack",)}


def safety_question_pending(handler_input: HandlerInput) -> bool:
    question = pending(handler_input)
    return question is not None and question.safety


class TriageFailedHandler(AbstractRequestHandler):
    """The triage raised on this request: ask about the red flags directly."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        assessment(handler_input)  # computed once per request; records triage_failed
        return bool(handler_input.attributes_manager.request_attributes.get("triage_failed"))

    def handle(self, handler_input: HandlerInput) -> Response:
        lead = coach_of(handler_input).speech().say(content_of(handler_input).text("safety.check.failed_lead"))
        return start_check(handler_input, lead)


def free_phrase(handler_input: HandlerInput) -> str:
    """The words a describing intent carried: its free phrase, or (a symptom intent whose
    values Alexa could not resolve) its slots' words."""
    slots = slot_values(handler_input)
    for name in ("Description", "Request"):
        if name in slots:
            return slots[name].get("value") or ""
    names = UNPLACED_INTENTS.get(intent_name(handler_input) or "", ())
    return " ".join(slot.get("value") or "" for name, slot in slots.items() if name in names).strip()


def unplaced_symptom(handler_input: HandlerInput) -> bool:
    """One of UNPLACED_INTENTS with words in its open slots, none of which Alexa resolved
    to a value of its slot type."""
    names = UNPLACED_INTENTS.get(intent_name(handler_input) or "", ())
    if not names:
        return False  # most requests: no need to read the slots
    slots = [slot for name, slot in slot_values(handler_input).items() if name in names]
    return any(slot.get("value") for slot in slots) and not any(slot.get("id") for slot in slots)


def said_with_carrier(handler_input: HandlerInput) -> str:
    """The free phrase with its carrier's meaning before it (describe.carrier_meaning; the
    speaker's own "i" left out): "back has caught" arrives as DescribeBackIntent "caught", and
    is read as "my back caught"."""
    carrier = content_of(handler_input).raw("describe.carrier_meaning").get(intent_name(handler_input) or "", "")
    return ("%s %s" % (carrier if carrier != "i" else "", free_phrase(handler_input))).strip()


def after_time_clause(words: List[str], content: Content) -> Optional[List[str]]:
    """The words after a clause that says when (describe.requests.time_clauses: "before we carry
    on, is it wise to see a doctor"), from the question that follows it, or None (no such clause,
    or no question after it)."""
    if not words or words[0] not in content.raw("describe.requests.time_clauses"):
        return None
    asking = content.raw("describe.topics.asking_openers")
    return next((words[i:] for i, word in enumerate(words) if i > 1 and word in asking), None)


def request_of(handler_input: HandlerInput) -> Optional[str]:
    """The intent that the words of a describing intent ask for (describe.requests, then
    describe.topics unless a spasm now is asked about (describe.relief_now), then a yes or no
    to the skill's own question), or None. The carrier's meaning is read first ("no" of "no, not now").
    After a clause that says when, the question that follows is read first: the clause asks nothing
    ("before we carry on, ..." is no request to carry on)."""
    content = content_of(handler_input)
    words = words_of(said_with_carrier(handler_input))
    question = after_time_clause(words, content)
    wanted = None if question is None else request_in_words(handler_input, question)
    return wanted or request_in_words(handler_input, words)


def request_in_words(handler_input: HandlerInput, words: List[str]) -> Optional[str]:
    """request_of, read from `words`."""
    content = content_of(handler_input)
    question = pending(handler_input)
    routes, routine_now = content.raw("describe.requests.routes"), in_routine(handler_input)
    waiting = question is not None and not question.safety
    wanted = request_in(words, routes, routine_now, waiting)
    spasm_now = mentions_any(said_with_carrier(handler_input), content.raw("describe.relief_words")) and says_any(
        words, content.raw("describe.relief_now"))
    topics = content.raw("describe.topics")
    if routine_now and wanted not in (None, PAIN_INTENT) and not spasm_now and topic_asked(words, topics):
        # A word of the routine's own ("better", "after this") inside a question about a topic ("would
        # physio be better than this", "can I do the school run after this") asks about the topic.
        wanted = request_in(words, routes, False, waiting)
    if wanted is None and not spasm_now:  # a spasm now, and what to do: relief, not the topic it happened in
        topic = topic_in(words, topics)
        wanted = next((name for name, known in TOPIC_INTENTS.items() if known == topic), None)
    if wanted is None:  # a yes or no said in other words, to the skill's own question
        wanted = request_in(words, routes, routine_now, waiting, answers=True)
    return wanted


def answer_in_flag_words(handler_input: HandlerInput) -> Optional[str]:
    """The intent of the answer to the skill's own question (not a safety one) when every red
    flag the triage found is one that question's answer names (questions.Question.flag_answers:
    "the pain's gone up after that stretch" answers "better, the same, or worse?" as worse), or
    None. A flag the question does not ask about ("...and down my leg") is never an answer."""
    question = pending(handler_input)
    if question is None or question.safety or not question.flag_answers:
        return None
    found = assessment(handler_input)
    if found is None or not found.is_red_flag or not found.flags:
        return None
    answers = {question.flag_answers.get(flag) for flag in found.flags}
    if len(answers) != 1 or None in answers:
        return None
    # Worse is the answer; pain that has not settled since is the red flag itself.
    return None if persists(handler_input) else answers.pop()


def asks_about_a_topic(handler_input: HandlerInput) -> bool:
    """A topic's intent, or a describing or request intent (or an unplaced symptom) whose words
    ask about one of the skill's topics: "what can I take for this pain" asks about medicine, whatever pain it
    names."""
    name = intent_name(handler_input) or ""
    if name in TOPIC_INTENTS:
        return True  # a topic's own intent (also a request read as one: DescribeHandler.answer_as)
    if name not in FREE_PHRASE_INTENTS and not unplaced_symptom(handler_input):
        return False
    words = words_of(said_with_carrier(handler_input))
    return topic_in(words, content_of(handler_input).raw("describe.topics")) is not None


def names_another_request(handler_input: HandlerInput) -> bool:
    """An intent of UNPLACED_INTENTS whose open slots hold no value of their type but words
    that ask for another request: it is answered as that request, not as itself."""
    return unplaced_symptom(handler_input) and request_of(handler_input) not in (None, intent_name(handler_input))


class DescribeHandler(IntentHandler):
    """A description with no red flag in it: the request or topic its words name, relief,
    or "I'm not sure I followed". A symptom intent whose words resolved to nothing and name
    a request is answered here too (the safety handlers' ClarifyHandler leaves it), and so is
    an answer to the skill's own question said in a flag's words (answer_in_flag_words)."""

    intents = DESCRIBE_INTENTS + REQUEST_INTENTS

    def can_handle(self, handler_input: HandlerInput) -> bool:
        name = intent_name(handler_input)
        if name not in FREE_PHRASE_INTENTS and name not in UNPLACED_INTENTS:
            # Most requests are neither a description nor a symptom in words of its own; one
            # may still answer the skill's own (never a safety) question in a flag's words.
            return answer_in_flag_words(handler_input) is not None
        if safety_question_pending(handler_input):
            return False
        return (name in FREE_PHRASE_INTENTS or names_another_request(handler_input)
                or answer_in_flag_words(handler_input) is not None)

    def __init__(self) -> None:
        # Every handler of the skill, in order (skill.request_handlers sets it), to answer a
        # request read from the words as its own intent would be answered.
        self.handlers: Sequence[AbstractRequestHandler] = ()

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        said = said_with_carrier(handler_input)  # the carrier may name the pack: "ice pack's on, time it"
        wanted = answer_in_flag_words(handler_input) or request_of(handler_input)
        if wanted is not None and self.handlers:
            return self.answer_as(handler_input, wanted, said)
        if mentions_any(said_with_carrier(handler_input), content.raw("describe.relief_words")):
            return relief(handler_input)
        line = "describe.not_followed_routine" if in_routine(handler_input) else "describe.not_followed"
        # A question of the skill's own (not a safety one) stays open: the person may still answer it.
        return reply(handler_input, content.text(line), content.text("describe.reprompt"), question=SAME)

    def answer_as(self, handler_input: HandlerInput, name: str, said: str) -> Response:
        """Answer as the intent `name` would be: the request becomes that intent (the words,
        with their carrier's meaning, go along as its Pack slot, which names a timer's pack:
        "time the frozen peas", "hot water bottle's on, time it") and
        every handler is asked again in order. The triage's reading of the words is kept
        for the request (advice.assessment), so safety reads them once, as they were said."""
        request = handler_input.request_envelope.request
        request.intent = Intent(name=name, slots={"Pack": Slot(name="Pack", value=said)},
                                confirmation_status=IntentConfirmationStatus.NONE)
        for handler in self.handlers:
            if handler is not self and handler.can_handle(handler_input):
                return handler.handle(handler_input)
        raise LookupError("no handler answers %s" % name)


class UnsureHandler(IntentHandler):
    """ "I don't know", "not sure": no harm done, here is what you can say."""

    intents = (UNSURE_INTENT,)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and not safety_question_pending(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        if in_routine(handler_input):
            return reply(handler_input, content.text("describe.unsure_routine"),
                         content.text("routine_lines.next_reprompt"), question=SAME)
        return reply(handler_input, content.text("describe.unsure"), content.text("help.general_reprompt"),
                     question=SAME)


def describe_handlers():
    """Registered right after the safety handlers (skill.py); the failed-triage one first."""
    return [TriageFailedHandler(), DescribeHandler(), UnsureHandler()]
