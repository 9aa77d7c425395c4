"""Alexa's limits on a response, checked on the way out.

Output speech is at most 8000 characters and the whole response at most 120 KB
(docs: "Request and Response JSON Reference"). The speech builder keeps speech within
its limit and session attributes are checked on the way in (session_attributes.py),
so this only acts when something slipped past both: session attributes go first
(all but the safety level), then the answer becomes the short apology (the content's
``apology``, in the request's language).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, Optional

from .content import DEFAULT_LOCALE, for_locale
from .session_attributes import json_size
from .speech import say_ssml

log = logging.getLogger(__name__)


def apology_ssml(locale: Any = None) -> Optional[str]:
    """The short apology in the locale's words (content: apology); the default locale's
    when those cannot be had; None when no content can be read at all."""
    for choice in (locale, DEFAULT_LOCALE):
        try:
            return say_ssml(for_locale(choice).text("apology"))
        except Exception as error:  # noqa: BLE001 - the last resort must not raise
            log.error("no apology in the content for %s: %s", choice, type(error).__name__)
    return None


def apology_response(locale: Any = None) -> Dict[str, Any]:
    """An answer that ends the session with the apology (with no speech if even that
    cannot be read)."""
    body: Dict[str, Any] = {"shouldEndSession": True}
    ssml = apology_ssml(locale)
    if ssml:
        body["outputSpeech"] = {"type": "SSML", "ssml": ssml}
    return {"version": "1.0", "response": body}


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


def fit_limits(response: Dict[str, Any], locale: Any = None) -> Dict[str, Any]:
    """``response`` (Alexa response JSON) within Alexa's limits; usually as it is.
    ``locale``: the request's, for the words of the apology."""
    body = response.get("response") if isinstance(response, dict) else None
    if not isinstance(body, dict):
        return response
    speech_chars = _speech_chars(body)
    if speech_chars > MAX_SPEECH_CHARS:
        log.error("speech over %d characters replaced", MAX_SPEECH_CHARS)
        return _apology(response, locale)
    if _surely_small(response, body, speech_chars) or size_of(response) <= MAX_RESPONSE_BYTES:
        return response
    attributes = response.get("sessionAttributes")
    if isinstance(attributes, dict):
        response = dict(response, sessionAttributes={"safety": attributes.get("safety")})
        log.error("response over %d bytes: session attributes dropped", MAX_RESPONSE_BYTES)
        if size_of(response) <= MAX_RESPONSE_BYTES:
            return response
    return _apology(response, locale)


def _apology(response: Dict[str, Any], locale: Any) -> Dict[str, Any]:
    safe = apology_response(locale)
    attributes = response.get("sessionAttributes")
    if isinstance(attributes, dict) and attributes.get("safety"):
        safe["sessionAttributes"] = {"safety": attributes["safety"]}
    return safe
