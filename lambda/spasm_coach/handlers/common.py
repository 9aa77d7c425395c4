"""What every handler needs: the locale's words, the session, and one way to reply.

A request's context (RequestContext: the locale's content, the coach, the routine
position) is worked out once, on first use, and kept in the request attributes;
content_of, coach_of, routine_state and ongoing_routine read it.

Session attributes the skill keeps (all JSON, none of them what the person said):
  routine   the routine position (see routine.py), or absent
  pending   the question a yes or a no answers right now (questions.py, the only reader)
  last      the last speech and reprompt, so "repeat" can say them again exactly (and,
            on a screen, the screen's spec: screens.Screen.spec)
  prefs     {"hold": "longer"|"shorter", "pace": "slower"}
"""
from __future__ import annotations

import datetime as _dt
import weakref
from typing import Any, Dict, Iterable, Optional, Tuple, Union

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces
from ask_sdk_model import Directive, Response
from ask_sdk_model.ui import SimpleCard

from .. import screens
from ..content import Content, for_locale
from ..questions import put_pending
from ..routine import ACTIVE, PAUSED, Coach, coach_for, is_valid
from ..screens import Screen
from ..speech import Speech, plain, say_ssml


class Ssml(str):
    """Speech already rendered to SSML (what "repeat" says again), sent as it is."""


Said = Union[Speech, Ssml, str, None]
# reply(question=SAME) leaves the pending question as it is (repeat, an error);
# reply(screen=NO_SCREEN) sends no screen even where there is one (handing over to Alexa).
SAME = object()
NO_SCREEN = Screen("none")
SCREEN_SPEC = "screen"  # request attribute: the spec of the screen this reply sent
REPEAT_SSML = "repeat"  # request attribute: what "repeat" says of this reply, when not all of it

# Requests a person made, which may take speech; events and SessionEndedRequest get none.
SPOKEN_REQUESTS = ("LaunchRequest", "IntentRequest", "CanFulfillIntentRequest",
                   "Connections.Response", "Alexa.Presentation.APL.UserEvent")


class IntentHandler(AbstractRequestHandler):
    """A handler for the IntentRequests named in ``intents``.

    Declaring the names (rather than testing them inside can_handle) lets the tests
    check that every intent of the model has a handler and every handler an intent.
    """

    intents: Tuple[str, ...] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.intents


def intent_name(handler_input: HandlerInput) -> Optional[str]:
    """The intent's name for an IntentRequest, else None."""
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) != "IntentRequest":
        return None
    return getattr(getattr(request, "intent", None), "name", None)


def request_time(handler_input: HandlerInput) -> _dt.datetime:
    """When the request was made, in UTC: its own timestamp (Alexa's clock, not this
    machine's), or this machine's clock for a request without a usable one. A year at
    either end of what datetime holds is no clock (date arithmetic on it would overflow)."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if not (isinstance(stamp, _dt.datetime) and 1970 <= stamp.year <= 9000):
        return _dt.datetime.now(_dt.timezone.utc)
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=_dt.timezone.utc)
    return stamp.astimezone(_dt.timezone.utc)


_UNCHECKED = object()  # the routine position has not been read yet


class RequestContext:
    """What the handlers of one request read, worked out once for it: the locale's
    content, the coach for the person's preferences as they stand (routine.coach_for:
    one per locale and style; looked up again only once new preferences are stored: a
    handler never changes them in place) and the routine position, checked once (and
    again only once a handler has stored a new one: the engine never changes a state in
    place). The session attributes are read where they are each time: an interceptor may
    replace them.

    The handler input is held by a weak reference: it holds this context (in its request
    attributes), and a strong reference back would make a cycle, which keeps every object of
    the request (the envelope, the response, the attributes) alive after the request until
    the garbage collector runs, instead of freeing them as soon as the request is answered.
    """

    def __init__(self, handler_input: HandlerInput) -> None:
        self._handler_input = weakref.ref(handler_input)
        self.content = for_locale(getattr(handler_input.request_envelope.request, "locale", None))
        self._checked: Tuple[Any, Optional[Dict[str, Any]]] = (_UNCHECKED, None)  # (stored, usable)
        self._coach: Tuple[Any, Optional[Coach]] = (_UNCHECKED, None)  # (stored preferences, their coach)

    @property
    def session(self) -> Dict[str, Any]:
        return session(self._handler_input())

    @property
    def coach(self) -> Coach:
        prefs = self.session.get("prefs")
        if prefs is not self._coach[0]:
            self._coach = (prefs, coach_for(self.content, prefs if isinstance(prefs, dict) else None))
        return self._coach[1]  # type: ignore[return-value]

    @property
    def routine(self) -> Optional[Dict[str, Any]]:
        """The routine position in this session, if there is a usable one."""
        state = self.session.get("routine")
        if state is not self._checked[0]:
            self._checked = (state, state if is_valid(self.content, state) else None)
        return self._checked[1]

    @property
    def ongoing_routine(self) -> Optional[Dict[str, Any]]:
        """The routine position if a routine is under way (active or paused), else None."""
        state = self.routine
        return state if state is not None and state["status"] in (ACTIVE, PAUSED) else None


CONTEXT = "context"  # request attribute: the RequestContext


def context_of(handler_input: HandlerInput) -> RequestContext:
    """This request's context, made on first use."""
    attributes = handler_input.attributes_manager.request_attributes
    context = attributes.get(CONTEXT)
    if context is None:
        context = attributes[CONTEXT] = RequestContext(handler_input)
    return context


def session(handler_input: HandlerInput) -> Dict[str, Any]:
    """The session attributes; for a request outside a session (an event), a scratch
    dict that lives as long as the request."""
    if handler_input.request_envelope.session is None:
        return handler_input.attributes_manager.request_attributes.setdefault("no_session", {})
    return handler_input.attributes_manager.session_attributes


def content_of(handler_input: HandlerInput) -> Content:
    return context_of(handler_input).content


def coach_of(handler_input: HandlerInput) -> Coach:
    """The coach for this request's locale and the person's preferences."""
    return context_of(handler_input).coach


def routine_state(handler_input: HandlerInput) -> Optional[Dict[str, Any]]:
    """The routine position in this session, if there is a usable one."""
    return context_of(handler_input).routine


def ongoing_routine(handler_input: HandlerInput) -> Optional[Dict[str, Any]]:
    """The routine position if a routine is under way (active or paused), else None."""
    return context_of(handler_input).ongoing_routine


def in_routine(handler_input: HandlerInput) -> bool:
    return ongoing_routine(handler_input) is not None


def speech_of(handler_input: HandlerInput, *texts: str) -> Speech:
    """Speech at the locale's calm rate (slower if the person asked for slower)."""
    return coach_of(handler_input).speech().say(*texts)


def _ssml(handler_input: HandlerInput, said: Said) -> Optional[str]:
    if said is None:
        return None
    if isinstance(said, Ssml):
        return str(said) or None
    if isinstance(said, str):
        return say_ssml(said, coach_of(handler_input).rate) or None
    return said.ssml() if said else None


def has_screen(handler_input: HandlerInput) -> bool:
    """Whether the device shows APL (context.System.device.supportedInterfaces)."""
    try:
        return get_supported_interfaces(handler_input).alexa_presentation_apl is not None
    except AttributeError:  # no device in the context (a tool's request): no screen
        return False


def reply(handler_input: HandlerInput, speech: Said, reprompt: Said = None, *,
          end: Optional[bool] = None, question: Any = None, card: Optional[str] = None,
          screen: Optional[Screen] = None, directives: Iterable[Directive] = (),
          repeat: Optional[Speech] = None) -> Response:
    """Build the response: the one way every handler answers. A reply that keeps the
    session open always has a reprompt.

    ``question`` is the registered question (questions.py) that a following answer
    answers; every reply sets it anew (unless SAME), so a yes is never read against an
    older question. ``screen`` says what the reply presents (screens.py); on a device
    with a screen it is rendered as APL, and a reply that names none shows what it says.
    ``directives`` go out as they are (a permission request). ``repeat`` is what
    "repeat" says again when that is not the whole speech (a stretch without the words
    that led into it).
    """
    if question is not SAME:
        put_pending(session(handler_input), question)
    builder = handler_input.response_builder
    speech_ssml = _ssml(handler_input, speech)
    if speech_ssml:
        builder.speak(speech_ssml)
    if end:
        builder.set_should_end_session(True)
    else:
        reprompt_ssml = _ssml(handler_input, reprompt) or _ssml(
            handler_input, content_of(handler_input).text("help.general_reprompt"))
        builder.ask(reprompt_ssml)
    if card:
        builder.set_card(SimpleCard(title=content_of(handler_input).shown("speech.card_title"), content=card))
    for directive in directives:
        builder.add_directive(directive)
    if screen is not NO_SCREEN and has_screen(handler_input):
        show(handler_input, screen or screens.message(), speech_ssml)
    if repeat:
        attributes = handler_input.attributes_manager.request_attributes
        attributes[REPEAT_SSML] = repeat.ssml()
        spec = attributes.get(SCREEN_SPEC)
        if isinstance(spec, dict) and "at" in spec:  # said again without its lead
            spec["at"][3] = 0
    return builder.response


def show(handler_input: HandlerInput, screen: Screen, speech_ssml: Optional[str]) -> None:
    """Add the screen's RenderDocument, and keep its spec for "repeat"."""
    # Imported here: the APL package of ask-sdk-model costs about 35 ms of cold start,
    # which a device without a screen never needs.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
    said = plain(speech_ssml) if speech_ssml else ""
    token, document, datasources = screens.render(screen, content_of(handler_input), said)
    handler_input.response_builder.add_directive(
        RenderDocumentDirective(token=token, document=document, datasources=datasources))
    handler_input.attributes_manager.request_attributes[SCREEN_SPEC] = screen.spec()


def replay_screen(handler_input: HandlerInput, spec: Any) -> Screen:
    """The screen a kept spec stands for, for "repeat"."""
    return screens.from_spec(spec, coach_of(handler_input))


def slot_values(handler_input: HandlerInput) -> Dict[str, Dict[str, Optional[str]]]:
    """Every slot of an IntentRequest: {name: {"value": heard words, "id": resolved id}}.

    Values are trimmed to a sane length; missing parts are None. Never raises.
    """
    request = handler_input.request_envelope.request
    return slots_of(getattr(request, "intent", None))


def slots_of(intent: Any) -> Dict[str, Dict[str, Optional[str]]]:
    """slot_values for an intent, as the SDK reads it or as raw JSON (the request
    the SDK could not read: see unreadable.py). Never raises."""
    slots = _field(intent, "slots", "slots")
    found: Dict[str, Dict[str, Optional[str]]] = {}
    if not isinstance(slots, dict):
        return found
    for name, slot in list(slots.items())[:MAX_SLOTS]:
        if not isinstance(name, str):
            continue
        value = _field(slot, "value", "value")
        value = value.strip()[:MAX_SLOT_CHARS] if isinstance(value, str) else None
        found[name] = {"value": value or None, "id": _resolved_id(slot)}
    return found


MAX_SLOT_CHARS = 200
MAX_SLOTS = 32


def _field(thing: Any, attribute: str, key: str) -> Any:
    """A field of an SDK model object (snake_case attribute) or of raw JSON (camelCase key)."""
    if isinstance(thing, dict):
        return thing.get(key)
    return getattr(thing, attribute, None)


def _resolved_id(slot: Any) -> Optional[str]:
    resolutions = _field(slot, "resolutions", "resolutions")
    authorities = _field(resolutions, "resolutions_per_authority", "resolutionsPerAuthority")
    for authority in authorities if isinstance(authorities, list) else []:
        status = _field(_field(authority, "status", "status"), "code", "code")
        if getattr(status, "value", status) != "ER_SUCCESS_MATCH":
            continue
        values = _field(authority, "values", "values")
        for wrapper in values if isinstance(values, list) else []:
            value = _field(wrapper, "value", "value")
            resolved = _field(value, "id", "id")
            if resolved and isinstance(resolved, (str, int)) and not isinstance(resolved, bool):
                return str(resolved)[:MAX_SLOT_CHARS]
    return None
