"""Yes and no: each answers the question the skill asked last (session "pending")."""
from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .common import IntentHandler, content_of, in_routine, reply, session
from .launch import relief
from .routine import NextHandler, continue_routine, start_routine


class YesHandler(IntentHandler):
    intents = ("AMAZON.YesIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        pending = session(handler_input).get("pending")
        if pending == "launch":  # "Is your back in spasm right now...?"
            return relief(handler_input)
        if pending == "offer_stretches":
            return start_routine(handler_input)
        if pending == "welcome_back":  # "Say resume, or start over."
            return continue_routine(handler_input)
        if in_routine(handler_input):  # "yes" after "say next when you're ready"
            return NextHandler().handle(handler_input)
        content = content_of(handler_input)
        return reply(handler_input, content.text("yes_no.unexpected"), content.text("welcome.reprompt"))


class NoHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        pending = session(handler_input).get("pending")
        if pending == "welcome_back":
            return reply(handler_input, content.text("welcome.question"),
                         content.text("welcome.reprompt"), pending="launch")
        if pending == "launch":
            return reply(handler_input, content.text("yes_no.no_launch"),
                         content.text("relief.reprompt"), pending="offer_stretches")
        if pending == "offer_stretches":
            return reply(handler_input, content.text("yes_no.no_relief_offer"), end=True)
        if in_routine(handler_input):
            return reply(handler_input, content.text("routine_lines.next_reprompt"),
                         content.text("routine_lines.next_reprompt"))
        return reply(handler_input, content.text("yes_no.unexpected"), content.text("welcome.reprompt"))
