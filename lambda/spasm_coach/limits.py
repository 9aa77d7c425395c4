"""Alexa's limits on a response, checked on the way out.

Output speech is at most 8000 characters and the whole response at most 120 KB
(docs: "Request and Response JSON Reference"). The speech builder keeps speech within
its limit and session attributes are checked on the way in (session_attributes.py),
so this only acts when something slipped past both: session attributes go first
(all but the safety level), then the answer becomes the short apology.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict

from .session_attributes import json_size

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


MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 120 * 1024


def _speech_chars(body: Dict[str, Any]) -> int:
    """The longest of the output speech and the reprompt, in characters."""
    longest = 0
    reprompt = body.get("reprompt")
    for speech in (body.get("outputSpeech"),
                   reprompt.get("outputSpeech") if type(reprompt) is dict else None):
        if type(speech) is dict:
            text = speech.get("ssml") or speech.get("text") or ""
            if len(text) > longest:
                longest = len(text)
    return longest


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def size_of(response: Dict[str, Any]) -> int:
    """The response's size in bytes as JSON (an upper bound: the SDK may write it more
    compactly still)."""
    text = _ENCODER.encode(response)
    if len(text) * 4 <= MAX_RESPONSE_BYTES:  # no character takes more than 4 bytes
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _surely_small(response: Dict[str, Any], body: Dict[str, Any], speech_chars: int) -> bool:
    """True when the response cannot be near MAX_RESPONSE_BYTES, without encoding it:
    every character takes at most 4 bytes, so 4 x an estimate of its characters is an
    upper bound. Almost every response is a few kilobytes; only a large one is encoded."""
    attributes = response.get("sessionAttributes")
    estimate = json_size(attributes) if attributes else 0
    if estimate < 0:
        return False
    estimate += 2 * speech_chars + 1024
    card = body.get("card")
    if card:
        estimate += sum(len(v) for v in card.values() if isinstance(v, str)) + 128
    if body.get("directives") or set(body) - {"outputSpeech", "reprompt", "card",
                                               "shouldEndSession"}:
        return False  # documents and other parts: measured exactly
    return 4 * estimate <= MAX_RESPONSE_BYTES


def fit_limits(response: Dict[str, Any]) -> Dict[str, Any]:
    """``response`` (Alexa response JSON) within Alexa's limits; usually as it is."""
    body = response.get("response") if isinstance(response, dict) else None
    if not isinstance(body, dict):
        return response
    speech_chars = _speech_chars(body)
    if speech_chars > MAX_SPEECH_CHARS:
        log.error("speech over %d characters replaced", MAX_SPEECH_CHARS)
        return _apology(response)
    if _surely_small(response, body, speech_chars) or size_of(response) <= MAX_RESPONSE_BYTES:
        return response
    attributes = response.get("sessionAttributes")
    if isinstance(attributes, dict):
        response = dict(response, sessionAttributes={"safety": attributes.get("safety")})
        log.error("response over %d bytes: session attributes dropped", MAX_RESPONSE_BYTES)
        if size_of(response) <= MAX_RESPONSE_BYTES:
            return response
    return _apology(response)


def _apology(response: Dict[str, Any]) -> Dict[str, Any]:
    safe = apology_response()
    attributes = response.get("sessionAttributes")
    if isinstance(attributes, dict) and attributes.get("safety"):
        safe["sessionAttributes"] = {"safety": attributes["safety"]}
    return safe
