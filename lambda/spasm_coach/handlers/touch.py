"""A touch on the screen is handled exactly like the words it stands for.

The stretch screen's buttons (Next, Repeat, Pause, That hurts) send an
``Alexa.Presentation.APL.UserEvent`` whose argument names the button. Before any handler
is asked, this interceptor turns such an event into the IntentRequest of the intent the
button stands for (screens.TOUCH_INTENTS), in this one place, so everything that applies
to the spoken intent applies to the touch: the red-flag check, a pending safety question,
the exercise gate after a flag, the routine's own rules. Any other UserEvent is left as
it is (and answered by the catch-all with an empty response).
"""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import DialogState, Intent, IntentConfirmationStatus, IntentRequest

from ..screens import TOUCH_INTENTS

TOUCHED = "touched"  # request attribute: the button pressed, for logs and tests
# Read by its type name: importing ask-sdk-model's APL package would cost every cold start.
USER_EVENT = "Alexa.Presentation.APL.UserEvent"


class TouchInterceptor(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        request = handler_input.request_envelope.request
        if getattr(request, "object_type", None) != USER_EVENT:
            return
        arguments = request.arguments or []
        button = arguments[0] if arguments and isinstance(arguments[0], str) else None
        intent = TOUCH_INTENTS.get(button or "")
        if intent is None:
            return
        handler_input.request_envelope.request = IntentRequest(
            request_id=request.request_id, timestamp=request.timestamp, locale=request.locale,
            dialog_state=DialogState.COMPLETED,
            intent=Intent(name=intent, slots={}, confirmation_status=IntentConfirmationStatus.NONE))
        handler_input.attributes_manager.request_attributes[TOUCHED] = button
