"""Work done around every request: the repeat memory, the safety level, a safe log."""
from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .handlers.common import REPEAT_SSML, SCREEN_SPEC, intent_name, session

log = logging.getLogger(__name__)


class RequestLogInterceptor(AbstractRequestInterceptor):
    """Logs what kind of request came in: never slot values or anything the person said."""

    def process(self, handler_input: HandlerInput) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        request = handler_input.request_envelope.request
        intent = intent_name(handler_input)
        log.info("request %s %s%s", getattr(request, "request_id", "?"),
                 getattr(request, "object_type", "?"), " " + intent if intent else "")


class SafetyStateInterceptor(AbstractResponseInterceptor):
    """Every response carries ``safety`` in its session attributes: None, or the highest
    level raised in this session ("doctor", "urgent", "emergency"), for tools to read."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        session(handler_input).setdefault("safety", None)


class RepeatInterceptor(AbstractResponseInterceptor):
    """Keeps the last speech and reprompt so "repeat" can say them again exactly, and
    what the screen showed (reply keeps its spec in the request attributes)."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        if response is None or response.should_end_session:
            return
        speech = getattr(response.output_speech, "ssml", None)
        if not speech:
            return
        reprompt = getattr(getattr(response.reprompt, "output_speech", None), "ssml", None)
        own = handler_input.attributes_manager.request_attributes.get(REPEAT_SSML)
        last = {"speech": own or speech, "reprompt": reprompt}
        screen = handler_input.attributes_manager.request_attributes.get(SCREEN_SPEC)
        if screen is not None:
            last["screen"] = screen
        session(handler_input)["last"] = last


class EndedSessionInterceptor(AbstractResponseInterceptor):
    """A response that ends the conversation carries only ``safety`` in its session
    attributes.

    Alexa drops session attributes with the session, so the rest would be sent for
    nothing (the last speech alone is over a kilobyte) and serialised on the way.
    A response that hands the person to Alexa (asking for a permission, a Connections
    directive) keeps them all: the skill picks up from there when the answer comes back.
    Registered last: the memory has already written what it keeps by then.
    """

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        if response is None or not response.should_end_session:
            return
        if any((getattr(d, "object_type", None) or "").startswith("Connections.")
               for d in response.directives or ()):
            return
        if handler_input.request_envelope.session is None:
            return
        level = session(handler_input).get("safety")
        handler_input.attributes_manager.session_attributes = {"safety": level}
