"""The last line of defence: any exception becomes the safety advice when the person's
words are a red flag, else a short spoken apology (nothing for an event)."""
from __future__ import annotations

import logging
import traceback
from typing import Optional

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..limits import apology_ssml
from .advice import FLAG_LEVELS, advise, assessment
from .common import SAME, SPOKEN_REQUESTS, content_of, reply

log = logging.getLogger(__name__)


def _advice_despite(handler_input: HandlerInput) -> Optional[Response]:
    """The advice, when the words of a request that failed elsewhere are a red flag:
    whatever broke, the advice goes out. None when they are not, or it cannot be made."""
    try:
        found = assessment(handler_input)
        if found is None or found.level not in FLAG_LEVELS:
            return None
        handler_input.response_builder.response.output_speech = None
        handler_input.response_builder.response.reprompt = None
        return advise(handler_input, found.level)
    except Exception as error:  # the advice itself failed: the apology follows
        log.error("advice after an error failed: %s", type(error).__name__)
        return None


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
        advice = _advice_despite(handler_input)
        if advice is not None:
            return advice
        try:
            content = content_of(handler_input)
            # The pending question stays: an error answers nothing.
            return reply(handler_input, content.text("error"), content.text("error_reprompt"),
                         question=SAME)
        except Exception:  # the content or the reply itself failed: still answer, and end
            apology = apology_ssml(getattr(request, "locale", None))
            if apology:
                builder.speak(apology)
            builder.set_should_end_session(True)
            return builder.response
