"""Turns a skill into the function Lambda calls, which never raises.

This does what ask-sdk-core's ``SkillBuilder.lambda_handler()`` does (deserialize,
invoke, serialize), and adds the one thing it lacks: an envelope the SDK cannot read,
or an error outside the skill's own exception handlers, still gets a valid spoken
answer instead of an exception (and a stack trace) out of the function.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Callable, Dict

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


def apology_response() -> Dict[str, Any]:
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": "<speak>%s</speak>" % APOLOGY},
            "shouldEndSession": True,
        },
    }


EMPTY_RESPONSE = {"version": "1.0", "response": {}}
SPOKEN_REQUESTS = ("LaunchRequest", "IntentRequest", "CanFulfillIntentRequest")


def _expects_speech(event: Any) -> bool:
    """Only a request a person made can take speech; events and unknown types get none."""
    request = event.get("request") if isinstance(event, dict) else None
    return not isinstance(request, dict) or request.get("type") in SPOKEN_REQUESTS


def make_lambda_handler(skill: CustomSkill) -> Callable[[Any, Any], Dict[str, Any]]:
    serializer = skill.serializer

    def lambda_handler(event: Any, context: Any) -> Dict[str, Any]:
        try:
            envelope = serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
            if getattr(envelope, "request", None) is None:
                raise ValueError("no request in the envelope")
        except Exception as error:  # not an envelope the SDK can read
            log.warning("unreadable request envelope: %s", type(error).__name__)
            return apology_response() if _expects_speech(event) else EMPTY_RESPONSE
        try:
            return serializer.serialize(skill.invoke(request_envelope=envelope, context=context))
        except Exception as error:  # the skill's exception handler itself failed
            log.error("request %s failed: %s", getattr(envelope.request, "request_id", "?"),
                      type(error).__name__)
            return apology_response()

    return lambda_handler
