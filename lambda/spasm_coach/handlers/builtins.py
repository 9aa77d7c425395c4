"""Help, repeat, stop, fallback, the end of a session, and anything unexpected."""
from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from ..questions import SOMEONE_WITH_YOU, pending_in
from ..speech import is_own_ssml
from .advice import advice_speech, raised_level
from .common import (SAME, IntentHandler, Ssml, coach_of, content_of, in_routine, ongoing_routine,
                     replay_screen, reply, session, speech_of)

log = logging.getLogger(__name__)


class HelpHandler(IntentHandler):
    """What you can say, depending on where you are."""

    intents = ("AMAZON.HelpIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        asked = pending_in(session(handler_input))
        state = ongoing_routine(handler_input)
        if state is not None:
            # In the routine: what can be said here, then what the turn waits for (its
            # question stays open).
            from .routine import where_we_are
            where = coach_of(handler_input).describe(state)
            return where_we_are(handler_input, speech_of(handler_input, content.text("help.routine", **where)))
        if asked is not None:
            # Help answers nothing: say what can be said, then what the question wants.
            speech = speech_of(handler_input, content.text("help.general"), content.text(asked.reprompt))
            return reply(handler_input, speech, content.text(asked.reprompt), question=SAME)
        return reply(handler_input, content.text("help.general"), content.text("help.general_reprompt"))


class RepeatHandler(IntentHandler):
    """Says again exactly what was said last (kept by the repeat interceptor).

    What comes back in the session is checked first (speech.is_own_ssml): a tampered
    or damaged copy gets the general help instead of being replayed."""

    intents = ("AMAZON.RepeatIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes = session(handler_input)
        last = attributes.get("last")
        # Only SSML the skill could have written is said again (the session comes back
        # from the client and can be tampered with).
        if isinstance(last, dict) and is_own_ssml(last.get("speech")) and (
                last.get("reprompt") is None or is_own_ssml(last["reprompt"])):
            reprompt = last.get("reprompt")
            # Repeating does not change what a yes or no would answer (the pending
            # question stays as it is); a screen shows again what it showed.
            return reply(handler_input, Ssml(last["speech"]), Ssml(reprompt or last["speech"]),
                         question=SAME, screen=replay_screen(handler_input, last.get("screen")))
        content = content_of(handler_input)
        return reply(handler_input, content.text("help.general"), content.text("help.general_reprompt"))


class StopHandler(IntentHandler):
    """Stop, cancel, or going home on a screen device: a short goodbye.

    The routine position stays in the session attributes, where the memory layer
    keeps it for next time.
    """

    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        level = raised_level(handler_input)
        question = pending_in(session(handler_input))
        if question is not None and question.id == SOMEONE_WITH_YOU:
            # Leaving while asked about someone else's emergency: what to do for them is said
            # first, as an "if", never lost.
            speech = coach_of(handler_input).speech().say(content.text("safety.someone_else.leaving"))
            speech.say(content.text("goodbye"))
            return reply(handler_input, speech, end=True, card=content.shown("safety.someone_else.card"))
        if level and question is not None and question.safety:
            # A red flag told while the safety questions were still being asked has its advice
            # once they are done: leaving before then, it is said now, never lost.
            speech = advice_speech(coach_of(handler_input), level).say(content.text("goodbye"))
            return reply(handler_input, speech, end=True, card=content.shown("safety.%s_card" % level))
        if in_routine(handler_input):
            return reply(handler_input, content.text("routine_lines.stopped"), end=True)
        return reply(handler_input, content.text("goodbye"), end=True)


class FallbackHandler(IntentHandler):
    """Words the model could not place: a helpful reprompt with the main choices."""

    intents = ("AMAZON.FallbackIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return fallback(handler_input)


def fallback(handler_input: HandlerInput) -> Response:
    """What to say when nothing was understood; it keeps any pending question, and ends
    with a way to report a red flag ("check my symptoms"): in full once a session,
    shorter after."""
    content = content_of(handler_input)
    attributes = session(handler_input)
    asked = pending_in(attributes)
    ongoing = in_routine(handler_input)
    speech = speech_of(handler_input, content.text("fallback.routine" if ongoing else "fallback.general"))
    speech.say(content.text("safety.net_short" if attributes.get("net_said") else "safety.net"))
    attributes["net_said"] = True
    if ongoing:
        from .routine import where_we_are
        return where_we_are(handler_input, speech)
    if asked is not None:
        speech.say(content.text(asked.reprompt))
        return reply(handler_input, speech, content.text(asked.reprompt), question=SAME)
    return reply(handler_input, speech, content.text("fallback.reprompt"), question=None)


class SessionEndedHandler(AbstractRequestHandler):
    """Alexa says the session is over: no speech is allowed in the answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(getattr(request, "reason", None), "value", None)
        log.info("session ended: %s", reason)
        return handler_input.response_builder.response


class UnknownIntentHandler(AbstractRequestHandler):
    """An intent this skill does not know (an older or newer model): treat it as fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("unhandled intent")
        return fallback(handler_input)


class UnknownRequestHandler(AbstractRequestHandler):
    """Any other request type (events, display callbacks): an empty, valid answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("unhandled request type %s",
                 getattr(handler_input.request_envelope.request, "object_type", None))
        return handler_input.response_builder.response
