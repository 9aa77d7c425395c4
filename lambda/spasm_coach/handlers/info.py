"""Information on request: heat or ice, staying active, work, exercise, causes, medicine, other
treatments, sleep, getting comfortable, prevention, recovery, when to see a doctor."""
from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import screens
from .advice import raised_level
from .common import IntentHandler, coach_of, content_of, in_routine, intent_name, reply, slot_values
from .wording import topic_in, words_of

# Intents that ask about one topic in so many words; InfoIntent names it in a slot.
TOPIC_INTENTS = {
    "HeatIceInfoIntent": "heat_ice",
    "MedicineInfoIntent": "medicine",
    "ActivityInfoIntent": "activity",
    "PreventionInfoIntent": "prevention",
    "RecoveryInfoIntent": "recovery",
    "DoctorInfoIntent": "doctor",
    "SleepInfoIntent": "sleep",
    "WorkInfoIntent": "work",
    "ExerciseInfoIntent": "exercise",
    "CausesInfoIntent": "causes",
    "TreatmentsInfoIntent": "other_treatments",
    "ComfortInfoIntent": "comfortable",
}
INFO_INTENT = "InfoIntent"
COMFORT = "comfortable"


def tell(handler_input: HandlerInput, topic: str) -> Response:
    content = content_of(handler_input)
    speech = coach_of(handler_input).speech()
    screen = screens.info(topic)
    if raised_level(handler_input) is not None:
        # After a red flag: no stretches offered, and getting comfortable is said as the
        # advice put it (safety.comfort: no heat on numb skin).
        lines = [content.text("safety.comfort")] if topic == COMFORT else content.lines("info.%s.lines" % topic)
        for line in lines:
            speech.say(line).pause(0.6)
        prompt = content.text("safety.after_flag_reprompt")
        return reply(handler_input, speech.say(prompt), prompt, screen=screen)
    for line in content.lines("info.%s.lines" % topic):
        speech.say(line).pause(0.6)
    if in_routine(handler_input):
        speech.say(content.text("info_routine_follow_up"))
        return reply(handler_input, speech, content.text("routine_lines.next_reprompt"), screen=screen)
    speech.say(content.text("info_follow_up"))
    return reply(handler_input, speech, content.text("info_reprompt"), question="offer_stretches",
                 screen=screen)


class InfoHandler(IntentHandler):
    intents = (INFO_INTENT,) + tuple(TOPIC_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        name = intent_name(handler_input)
        topic = TOPIC_INTENTS.get(name)
        if topic is None:
            slot = slot_values(handler_input).get("Topic") or {}
            # A topic Alexa could not resolve may still name one in other words ("some
            # nurofen or something"): asking about it is the question (describe.topics).
            topic = slot.get("id") or topic_in(words_of(slot.get("value") or ""), content.raw("describe.topics"),
                                               asked=True)
        if topic not in content.raw("info"):
            return reply(handler_input, content.text("info_unknown"), content.text("info_reprompt"))
        return tell(handler_input, topic)
