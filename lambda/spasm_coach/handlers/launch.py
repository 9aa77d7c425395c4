"""Opening the skill, and "my back is spasming": immediate, calm relief."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from .. import screens
from ..routine import PAUSED
from ..speech import Speech
from .common import IntentHandler, coach_of, content_of, reply, routine_state, session


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        attributes = session(handler_input)
        coach = coach_of(handler_input)
        greeting = "welcome.returning" if attributes.get("disclaimer_given") else "welcome.first_time"
        attributes["disclaimer_given"] = True
        state = routine_state(handler_input)
        if state is not None and state["status"] == PAUSED:
            speech = coach.fixed(greeting, lambda s: s.say(content.text(greeting)).pause(0.5))
            speech.say(content.text("memory.welcome_back_routine", **coach.describe(state)))
            return reply(handler_input, speech, content.text("memory.welcome_back_reprompt"),
                         question="welcome_back")
        speech = coach.fixed(greeting + "+question", lambda s: s.say(content.text(greeting)).pause(0.5)
                             .say(content.text("welcome.question")))
        return reply(handler_input, speech, content.text("welcome.reprompt"), question="launch")


def relief(handler_input: HandlerInput) -> Response:
    content = content_of(handler_input)

    def build(speech: Speech) -> Speech:
        for line in content.lines("relief.lines"):
            if line.startswith("PAUSE:"):
                speech.pause(float(line.split(":", 1)[1]))
            else:
                speech.say(line).pause(0.8)
        return speech.say(content.text("relief.offer"))

    speech = coach_of(handler_input).fixed("relief", build)
    return reply(handler_input, speech, content.text("relief.reprompt"), question="offer_stretches",
                 screen=screens.relief())


def no_relief(handler_input: HandlerInput, question=None) -> Response:
    """ "No" to "is your back in spasm right now?": offer the stretches instead."""
    content = content_of(handler_input)
    return reply(handler_input, content.text("yes_no.no_launch"), content.text("relief.reprompt"),
                 question="offer_stretches")


def goodbye_for_now(handler_input: HandlerInput, question=None) -> Response:
    """ "No" to the stretches: how to rest, and how to come back."""
    return reply(handler_input, content_of(handler_input).text("yes_no.no_relief_offer"), end=True)


class SpasmHandler(IntentHandler):
    intents = ("SpasmIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return relief(handler_input)
