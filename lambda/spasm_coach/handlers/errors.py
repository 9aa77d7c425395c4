"""The last line of defence: any exception becomes a short spoken apology."""
from __future__ import annotations

import logging
import traceback

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .common import SPOKEN_REQUESTS, content_of

log = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request = handler_input.request_envelope.request
        # The exception's message may quote what the person said, so log only its
        # type and where it happened, with the request id to find it again.
        log.error("error handling %s %s: %s\n%s",
                  getattr(request, "object_type", "?"), getattr(request, "request_id", "?"),
                  type(exception).__name__, "".join(traceback.format_tb(exception.__traceback__)))
        request_type = getattr(request, "object_type", None)
        builder = handler_input.response_builder
        if request_type not in SPOKEN_REQUESTS:
            return builder.response  # events and SessionEndedRequest take no speech
        try:
            content = content_of(handler_input)
            message, reprompt = content.text("error"), content.text("error_reprompt")
        except Exception:  # the content itself failed: still answer
            message, reprompt = ("Sorry, something went wrong. Please try again.", "Please try again.")
        builder.speak(message).ask(reprompt)
        return builder.response
