"""Turns a skill into the function Lambda calls, which never raises.

This does what ask-sdk-core's ``SkillBuilder.lambda_handler()`` does (deserialize,
invoke, serialize) and adds the one thing it lacks: an envelope the SDK cannot read,
or an error outside the skill's own exception handlers, still gets a valid answer
instead of an exception (and a stack trace) out of the function: the safety advice
when the person's words are a red flag (unreadable.py), else a spoken apology, and
nothing for an event.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Optional

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope, ResponseEnvelope

from .handlers.common import SPOKEN_REQUESTS
from .limits import apology_response, fit_limits
from .unreadable import advice_response

log = logging.getLogger(__name__)

EMPTY_RESPONSE = {"version": "1.0", "response": {}}


class _ReceivedAttributes(dict):
    """The session attributes of an envelope deserialized for one request only.

    ask-sdk-core's AttributesManager deep-copies the envelope's session attributes so a
    handler cannot change an envelope its caller still holds. Here nobody else holds it
    (it was just built from the event), so the copy is only cost, on every request: a
    deep copy made of this dict is a plain shallow one, which handlers change as they like.
    """

    def __deepcopy__(self, memo: Any) -> Dict[str, Any]:
        return dict(self)


# The form Alexa writes a request's timestamp in: UTC, to the second (or to the millisecond).
_ALEXA_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z")


def _alexa_timestamp(event: Any) -> Optional[datetime]:
    """The request's timestamp, read here when it is in the form Alexa writes; else None,
    and the SDK reads it as before (an odd one included: unreadable.py).

    The SDK reads every timestamp with dateutil's parser, which tries one format after
    another: about a fifth of all the work of reading an envelope, on every request. The
    standard library reads Alexa's one form directly, to the same moment.
    """
    request = event.get("request") if type(event) is dict else None
    stamp = request.get("timestamp") if type(request) is dict else None
    if type(stamp) is not str or not _ALEXA_TIMESTAMP.fullmatch(stamp):
        return None
    try:
        return datetime.fromisoformat(stamp[:-1]).replace(tzinfo=timezone.utc)
    except ValueError:  # a date that does not exist: the SDK refuses it as before
        return None


def _serialized(serializer: Any, envelope: ResponseEnvelope) -> Dict[str, Any]:
    """The response envelope as JSON for Lambda, as the SDK's serializer writes it, except
    that the session attributes go out as they are.

    They are JSON already (the skill keeps nothing else there: handlers/common.py), and
    the serializer would rebuild them value by value, on every request, into an equal copy.
    Only their top level is copied, into a plain dict (the skill's own may be the
    _ReceivedAttributes the request came with), in the place the serializer gives them.
    """
    attributes = envelope.session_attributes
    if attributes is None:
        return serializer.serialize(envelope)
    envelope.session_attributes = None
    rest = serializer.serialize(envelope)
    envelope.session_attributes = attributes
    serialized = {"version": rest.pop("version")} if "version" in rest else {}
    serialized["sessionAttributes"] = dict(attributes)
    serialized.update(rest)
    return serialized


def _expects_speech(event: Any) -> bool:
    """Only a request a person made can take speech; events and unknown types get none."""
    request = event.get("request") if isinstance(event, dict) else None
    return not isinstance(request, dict) or request.get("type") in SPOKEN_REQUESTS


def unreadable_response(event: Any) -> Dict[str, Any]:
    """The answer to a request the skill could not handle: the advice when its words
    are a red flag, else an apology (no speech for events)."""
    advice = advice_response(event)
    if advice is not None:
        return advice
    if not _expects_speech(event):
        return EMPTY_RESPONSE
    request = event.get("request") if isinstance(event, dict) else None
    return apology_response(request.get("locale") if isinstance(request, dict) else None)


def make_lambda_handler(skill: CustomSkill) -> Callable[[Any, Any], Dict[str, Any]]:
    serializer = skill.serializer

    def lambda_handler(event: Any, context: Any) -> Dict[str, Any]:
        try:
            stamp = _alexa_timestamp(event)
            readable = event if stamp is None else dict(event, request=dict(event["request"], timestamp=None))
            # The SDK's serializer reads JSON text only, so the parsed event goes back to
            # text first, as the SDK's own lambda_handler does.
            envelope = serializer.deserialize(payload=json.dumps(readable), obj_type=RequestEnvelope)
            if getattr(envelope, "request", None) is None:
                raise ValueError("no request in the envelope")
            if stamp is not None:
                envelope.request.timestamp = stamp
            if type(getattr(envelope.session, "attributes", None)) is dict:
                envelope.session.attributes = _ReceivedAttributes(envelope.session.attributes)
        except Exception as error:  # not an envelope the SDK can read
            log.warning("unreadable request envelope: %s", type(error).__name__)
            return unreadable_response(event)
        try:
            return fit_limits(_serialized(serializer, skill.invoke(request_envelope=envelope, context=context)),
                              getattr(envelope.request, "locale", None))
        except Exception as error:  # the skill's exception handler itself failed
            log.error("request %s failed: %s", getattr(envelope.request, "request_id", "?"),
                      type(error).__name__)
            return unreadable_response(event)

    return lambda_handler
