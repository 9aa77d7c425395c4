"""The triage of a request, the session's safety level, and the advice for a level.

Only the level reached is kept, in the session (``safety``), never what was said, and
nothing of it outlives the session (the memory layer keeps no safety key).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import screens, triage
from ..routine import PAUSED, Coach
from ..speech import Speech
from .common import coach_of, content_of, intent_name, ongoing_routine, reply, session, slot_values

log = logging.getLogger(__name__)

FLAG_LEVELS = ("doctor", "urgent", "emergency")


def assessment(handler_input: HandlerInput) -> Optional[triage.Assessment]:
    """The triage of everything the person said in this request (computed once).

    The triage reads every slot value Alexa sent, in the order the intent declares
    them, and every resolved id: nothing is rebuilt or dropped. Alexa drops a free
    phrase's carrier; where the carrier means something ("no ...", "both ...", "what
    if ..."), its intent says so (content: describe.carrier_meaning) and that is read first.

    A triage that fails (a broken vocabulary, a bug) is logged at ERROR without the
    person's words and recorded as ``request_attributes["triage_failed"]``, with no
    assessment: never quietly "nothing found" (handlers/describe.py then runs the
    structured symptom check).
    """
    attributes = handler_input.attributes_manager.request_attributes
    if "assessment" not in attributes:
        attributes["assessment"] = None
        request = handler_input.request_envelope.request
        if not getattr(getattr(request, "intent", None), "slots", None):
            return None  # nothing said beyond the intent itself
        try:
            attributes["assessment"] = assess_slots(*_read(handler_input))
        except Exception as error:  # any failure must be answered, never swallowed as "nothing"
            log.error("triage failed (%s); the person's words are not logged", type(error).__name__)
            attributes["triage_failed"] = True
    return attributes["assessment"]


def persists(handler_input: HandlerInput) -> bool:
    """Whether what was said in this request, read as the triage read it, says that what is
    felt goes on and has not settled (triage.persists)."""
    slots, locale, carrier = _read(handler_input)
    return triage.persists(_words(slots, carrier), _locale(locale))


def tells_of_symptom(handler_input: HandlerInput) -> bool:
    """Whether what was said in this request, read as the triage read it, tells of a feeling or
    a fault of the body besides the back pain itself (triage.tells_of_symptom)."""
    slots, locale, carrier = _read(handler_input)
    return triage.tells_of_symptom(_words(slots, carrier), _locale(locale))


def _read(handler_input: HandlerInput) -> Tuple[Dict[str, Dict[str, Optional[str]]], Any, str]:
    """The intent's slots, the request's locale and the carrier's meaning: what the triage reads."""
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    carrier = content_of(handler_input).raw("describe.carrier_meaning").get(intent_name(handler_input), "")
    return slot_values(handler_input), locale, carrier


def _words(slots: Dict[str, Dict[str, Optional[str]]], carrier: str) -> str:
    words = " ".join(s["value"] for s in slots.values() if s["value"])
    return "%s %s" % (carrier, words) if words and carrier else words


def _locale(locale: Any) -> str:
    return locale if isinstance(locale, str) and locale else "en-US"


def assess_slots(slots: Dict[str, Dict[str, Optional[str]]], locale: Any,
                 carrier: str = "") -> Optional[triage.Assessment]:
    """The triage of an intent's slots (common.slots_of), the carrier's meaning read
    first; None when nothing was said."""
    words = _words(slots, carrier)
    ids = [s["id"] for s in slots.values() if s["id"]]
    return triage.assess(words, ids, _locale(locale)) if (words or ids) else None


def assess_said_of(handler_input: HandlerInput, said_of: str, after: Sequence[str] = ()) -> List[triage.Assessment]:
    """The request's words read as said of `said_of` ("my belly" + "it's pulsing"), and, for each
    word of `after` in them, what follows that word read by itself ("no throbbing, just pain in
    my chest" -> "just pain in my chest"): how an answer to a question about one thing is read."""
    slots, locale, carrier = _read(handler_input)
    words = _words(slots, carrier)
    if not words:
        return []
    found = [triage.assess("%s %s" % (said_of, words), (), _locale(locale))]
    tokens = words.split()
    for index, token in enumerate(tokens[:-1]):
        if token.strip(",.?!").lower() in after:
            found.append(triage.assess(" ".join(tokens[index + 1:]), (), _locale(locale)))
    return found


def raised_level(handler_input: HandlerInput) -> Optional[str]:
    """The highest level raised in this session, or None."""
    level = session(handler_input).get("safety")
    return level if level in FLAG_LEVELS else None


def raise_level(handler_input: HandlerInput, level: str) -> None:
    """Raise the session's level to at least ``level`` (never lower it). From a flag
    on, the routine is paused: no exercise is guided for the rest of the session."""
    if level not in FLAG_LEVELS:
        return
    attributes = session(handler_input)
    attributes["safety"] = triage.max_level(raised_level(handler_input) or "none", level)
    state = ongoing_routine(handler_input)
    if state is not None:
        attributes["routine"] = dict(state, status=PAUSED)


def advice_speech(coach: Coach, level: str) -> Speech:
    """The advice for a level in the coach's locale and style (rendered once)."""
    # The same words for everyone at this level in this locale: looked up and rendered once.
    return coach.fixed("safety." + level, lambda s: s.say(coach.content.text("safety.%s" % level)))


def advise(handler_input: HandlerInput, level: str, lead: Optional[Speech] = None) -> Response:
    """The advice for a level (after ``lead``, when given); the session keeps the highest level
    raised. An emergency ends the session; after the others, no exercise is guided in this session."""
    content = content_of(handler_input)
    raise_level(handler_input, level)
    attributes = session(handler_input)
    attributes.pop("deferred", None)
    attributes.pop("sequence", None)
    speech = advice_speech(coach_of(handler_input), level)
    if lead is not None:
        speech = lead.extend(speech)
    card = content.shown("safety.%s_card" % level)
    screen = screens.advice(level)
    if level == "emergency":
        return reply(handler_input, speech, end=True, card=card, screen=screen)
    # An open turn ends with what can be said next, after the advice (a new Speech: the
    # advice itself is rendered once).
    prompt = content.text("safety.after_flag_reprompt")
    return reply(handler_input, speech.say(prompt), prompt, card=card, screen=screen)
