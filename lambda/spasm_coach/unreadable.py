"""Safety first for a request the SDK cannot read.

ask-sdk-model refuses a whole envelope over one field it cannot read: a timestamp
such as "2026-02-30T10:00:00Z", an enum value Amazon adds tomorrow (a new
confirmationStatus, dialogState or resolution code), a wrongly typed device. The
person's words may be intact all the same. This reads them from the raw JSON (the
slot values of an IntentRequest, as the triage reads them in a normal request) and,
when they are a red flag, answers with the advice at its level, in the same words
(handlers/advice.py). Anything else gets the caller's usual answer to an unreadable
request. Nothing here touches the store or an Alexa API.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from .content import for_locale
from .handlers.advice import FLAG_LEVELS, advice_speech, assess_slots
from .handlers.common import slots_of
from .routine import Coach
from . import triage

log = logging.getLogger(__name__)

def red_flag_level(event: Any) -> Optional[str]:
    """The advice level ("doctor", "urgent", "emergency") of the words in a raw
    IntentRequest, or None. Never raises."""
    try:
        request = event.get("request") if isinstance(event, dict) else None
        if not isinstance(request, dict) or request.get("type") != "IntentRequest":
            return None
        found = assess_slots(slots_of(request.get("intent")), request.get("locale"))
    except Exception as error:  # the triage must never take the answer down
        log.error("triage of an unreadable request failed: %s", type(error).__name__)
        return None
    level = getattr(found, "level", None)
    return level if level in FLAG_LEVELS else None


def _session_level(event: Dict[str, Any]) -> Optional[str]:
    """The level already raised in this session, as the raw session attributes say."""
    session = event.get("session")
    attributes = session.get("attributes") if isinstance(session, dict) else None
    level = attributes.get("safety") if isinstance(attributes, dict) else None
    return level if isinstance(level, str) and level in FLAG_LEVELS else None


def advice_response(event: Any) -> Optional[Dict[str, Any]]:
    """The advice answer (Alexa response JSON) for a raw request whose words are a red
    flag; None for any other request. An emergency ends the session."""
    level = red_flag_level(event)
    if level is None:
        return None
    request = event["request"]
    content = for_locale(request.get("locale"))
    speech = advice_speech(Coach(content), level)
    # The session keeps the highest level raised, as in a readable request.
    highest = triage.max_level(_session_level(event) or "none", level)
    body: Dict[str, Any] = {
        "outputSpeech": {"type": "SSML", "ssml": speech.ssml()},
        "card": {"type": "Simple", "title": content.shown("speech.card_title"),
                 "content": content.shown("safety.%s_card" % level)},
        "shouldEndSession": level == "emergency",
    }
    if level != "emergency":
        reprompt = Coach(content).speech().say(content.text("safety.after_flag_reprompt"))
        body["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": reprompt.ssml()}}
    log.warning("unreadable request answered with the %s advice", level)
    return {"version": "1.0", "sessionAttributes": {"safety": highest}, "response": body}
