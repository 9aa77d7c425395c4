"""Someone describing their body in their own words, once the safety handlers have read it.

DescribeIntent carries a free phrase (AMAZON.SearchQuery) after a carrier such as "my",
"I've got" or "there's", so every first-person description reaches the skill with its
words. The safety handlers see it first (handlers/safety.py): a red flag is routed and a
near miss gets its clarifying question. What reaches these handlers had no red flag in
it, and is answered as what it most likely was: relief words get the relief answer,
anything else a calm "I'm not sure I followed" with what to say. Never a medical
question out of nowhere.

While one of the skill's safety questions is pending these handlers yield, so the
safety dialogue answers it. TriageFailedHandler is the exception that comes first:
when the triage itself failed, the request is answered with the structured symptom
check, never as if nothing had been said.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Set

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .advice import assessment
from .common import SAME, IntentHandler, coach_of, content_of, in_routine, reply, slot_values
from .dialogue import pending, start_check
from .launch import relief

# A free phrase after a carrier; the ones whose carrier means something are listed,
# with that meaning, in the content (describe.carrier_meaning).
DESCRIBE_INTENTS = ("DescribeIntent", "DescribeDenialIntent", "DescribeBothIntent", "DescribeWhatIfIntent",
                    "DescribePainIntent", "DescribeCantIntent", "DescribeWeakIntent", "DescribeBackPainIntent",
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
                    "DescribeBreathingIntent", "DescribeSlipIntent")
UNSURE_INTENT = "UnsureIntent"


def safety_question_pending(handler_input: HandlerInput) -> bool:
    question = pending(handler_input)
    return question is not None and question.safety


# A word as heard: letters of any alphabet; an apostrophe inside a word is dropped.
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> Set[str]:
    return set(_WORD.findall(text.casefold().replace("'", "").replace("\u2019", "")))


def mentions_any(text: Optional[str], phrases: Iterable[str]) -> bool:
    """Whether `text` holds every word of one of `phrases`, in any order ("my back
    just went" holds "back went"), as the triage reads concepts."""
    if not text:
        return False
    said = _words(text)
    return any(_words(phrase) <= said for phrase in phrases)


class TriageFailedHandler(AbstractRequestHandler):
    """The triage raised on this request: ask about the red flags directly."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        assessment(handler_input)  # computed once per request; records triage_failed
        return bool(handler_input.attributes_manager.request_attributes.get("triage_failed"))

    def handle(self, handler_input: HandlerInput) -> Response:
        lead = coach_of(handler_input).speech().say(content_of(handler_input).text("safety.check.failed_lead"))
        return start_check(handler_input, lead)


class DescribeHandler(IntentHandler):
    """A description with no red flag in it: relief, or "I'm not sure I followed"."""

    intents = DESCRIBE_INTENTS

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and not safety_question_pending(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        said = (slot_values(handler_input).get("Description") or {}).get("value")
        if mentions_any(said, content.raw("describe.relief_words")):
            return relief(handler_input)
        line = "describe.not_followed_routine" if in_routine(handler_input) else "describe.not_followed"
        # A question of the skill's own (not a safety one) stays open: the person may still answer it.
        return reply(handler_input, content.text(line), content.text("describe.reprompt"), question=SAME)


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
