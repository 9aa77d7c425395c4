"""Memory across sessions: where the person was, how they like it, and forgetting.

What is remembered is usage, never health (persistence/records.py is the whitelist):
the routine position, preferences (hold length, pace), permission refusals with their
dates, and whether the disclaimer was given. Symptoms and safety levels stay in the
session and are gone when it ends.

The record is read once, when a session starts, through ask-sdk's attributes manager,
and written only when something in it changed. What moves on every turn (the routine
position, the day) is written when the session ends: in the answer that ends it (stop,
pause) or on the SessionEndedRequest Alexa sends when it ends any other way (silence,
"exit", an error). A choice the person made (a preference, a refused permission, the
disclaimer heard) is written at once.

An emergency answer never waits on the store (with DynamoDB a read or a write may take
two attempts of a second each): a session that opens with an emergency is not read,
and a session that ends in one writes nothing at its end. Its position is not kept,
so the next session does not offer to carry on with stretches an emergency cut short;
its choices were written when they were made.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from ask_sdk_core.dispatch_components import (AbstractRequestHandler, AbstractRequestInterceptor,
                                              AbstractResponseInterceptor)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..persistence import records
from ..routine import PAUSED
from .common import (IntentHandler, coach_of, content_of, in_routine, intent_name, ongoing_routine, reply,
                     request_time, session)
from .safety import assessment

log = logging.getLogger(__name__)

SNAPSHOT = "remembered"  # session key: the record as last read or written
# Session key: nothing more is written in this session (the person asked to be forgotten,
# or the store could not be read when the session began).
FORGOTTEN = "forgotten"
REMEMBERED_KEYS = ("prefs", "refusals", "disclaimer_given")
# Record keys that change as a session goes on: written when it ends, not on every turn.
AT_SESSION_END = ("routine", "last_seen")


class Memory:
    """The skill's access to its store; ``adapter`` is None when nothing is kept."""

    def __init__(self, adapter: Any = None):
        self.adapter = adapter

    @property
    def enabled(self) -> bool:
        return self.adapter is not None

    def restore(self, handler_input: HandlerInput) -> None:
        """At the start of a session, bring the remembered record into the session."""
        attributes = session(handler_input)
        if not self.enabled or SNAPSHOT in attributes or handler_input.request_envelope.session is None:
            return
        if _emergency_said(handler_input):
            return  # the advice goes out without waiting for the store
        stored = handler_input.attributes_manager.persistent_attributes
        # SafeAdapter hands back records.load's output already; any other adapter is checked here.
        record = stored if getattr(self.adapter, "sanitize", False) else records.load(stored)
        read_failed = getattr(self.adapter, "read_failed", None)
        if read_failed is not None and read_failed(handler_input.request_envelope):
            # The store could not be read: answer without resume, and write nothing in
            # this session, or a record built from nothing would replace the real one.
            attributes[FORGOTTEN] = True
        for key in REMEMBERED_KEYS:
            if key in record and key not in attributes:
                attributes[key] = record[key]
        position = record.get("routine")
        if position and "routine" not in attributes:
            attributes["routine"] = {"id": position["id"], "step": position["step"],
                                     "part": position.get("part", 0), "status": PAUSED}
        # records.load has validated it already: the snapshot is the record without its expiry.
        attributes[SNAPSHOT] = {k: v for k, v in record.items() if k != records.TTL_KEY}

    def save_if_changed(self, handler_input: HandlerInput, response: Optional[Response] = None) -> bool:
        """Write the record if it changed. True when the store holds the record as it
        stands (written now, or unchanged since it was read or written); False when it
        does not (nothing is kept, the session is not written, or the save failed)."""
        attributes = session(handler_input)
        if not self.enabled or SNAPSHOT not in attributes or attributes.get(FORGOTTEN):
            return False
        snapshot = attributes[SNAPSHOT]
        ends = _session_ends(handler_input, response)
        if ends and attributes.get("safety") == "emergency":
            return False  # the advice goes out without waiting for the store

        def differs(record: Dict[str, Any]) -> bool:
            if not ends:  # what changes on every turn waits for the end of the session
                record = {k: v for k, v in record.items() if k not in AT_SESSION_END}
                record.update((k, snapshot[k]) for k in AT_SESSION_END if k in snapshot)
            return record != snapshot

        # Before the session ends, the position and the day are compared as they were
        # (differs), so they are worked out only for a record that is written.
        record = self._record_from(handler_input, with_position=ends)
        if not differs(record):
            return True
        if not ends:
            record = self._record_from(handler_input)
        if not getattr(self.adapter, "sanitize", False):
            # A bare store gets only what the record format allows. SafeAdapter checks
            # every record itself (records.dump) on its way to the store, so the
            # record is not checked twice.
            record = _comparable(record)
            if not differs(record):
                return True
        manager = handler_input.attributes_manager
        manager.persistent_attributes = record
        # The adapter is called directly rather than through the attributes manager's
        # save_persistent_attributes(), which drops the adapter's answer: SafeAdapter
        # says False when the save failed, and the caller needs to know.
        saved = self.adapter.save_attributes(handler_input.request_envelope, record) is not False
        if saved:
            # What this session's later turns are compared with: the record as built
            # here, so a turn that changes nothing writes nothing.
            attributes[SNAPSHOT] = record
        return saved

    def forget(self, handler_input: HandlerInput) -> bool:
        """Delete everything stored for this user; False if the store could not."""
        attributes = session(handler_input)
        for key in REMEMBERED_KEYS + ("routine",):
            attributes.pop(key, None)
        # Nothing more is written in this session: forgotten means forgotten.
        attributes[FORGOTTEN] = True
        if not self.enabled:
            return True
        deleted = self.adapter.delete_attributes(handler_input.request_envelope)
        return deleted is not False

    def _record_from(self, handler_input: HandlerInput, with_position: bool = True) -> Dict[str, Any]:
        """The record as the session stands; without ``with_position``, without what
        changes on every turn (AT_SESSION_END)."""
        attributes = session(handler_input)
        record: Dict[str, Any] = {records.SCHEMA_KEY: records.SCHEMA_VERSION}
        record.update((key, attributes[key]) for key in REMEMBERED_KEYS if key in attributes)
        if not with_position:
            return record
        state = ongoing_routine(handler_input)
        if state is not None:
            record["routine"] = {"id": state["id"], "step": state["step"], "part": state.get("part", 0)}
        record["last_seen"] = request_time(handler_input).date().isoformat()
        return record


def _comparable(record: Dict[str, Any]) -> Dict[str, Any]:
    """The record as validated, without its expiry (which is set when it is written)."""
    validated = records.load(record)
    validated.pop(records.TTL_KEY, None)
    return validated


def _session_ends(handler_input: HandlerInput, response: Optional[Response]) -> bool:
    """Whether this is the session's last request: its answer ends it, or Alexa says it ended."""
    if response is not None and response.should_end_session:
        return True
    request = handler_input.request_envelope.request
    return getattr(request, "object_type", None) == "SessionEndedRequest"


def _emergency_said(handler_input: HandlerInput) -> bool:
    """Whether this request's words are an emergency (the triage, done once per request)."""
    found = assessment(handler_input)
    return found is not None and found.level == "emergency"


class RestoreInterceptor(AbstractRequestInterceptor):
    def __init__(self, memory: Memory):
        self.memory = memory

    def process(self, handler_input: HandlerInput) -> None:
        self.memory.restore(handler_input)


class SaveInterceptor(AbstractResponseInterceptor):
    def __init__(self, memory: Memory):
        self.memory = memory

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        self.memory.save_if_changed(handler_input, response)


# -- preferences ------------------------------------------------------------------------
PREFERENCE_INTENTS = {
    "SlowerIntent": ("pace", "slower"),
    "NormalPaceIntent": ("pace", None),
    "LongerHoldsIntent": ("hold", "longer"),
    "ShorterHoldsIntent": ("hold", "shorter"),
}


class PreferenceHandler(IntentHandler):
    """ "Slower please", "longer holds": saved at once, and said to be remembered only
    once the store has it (otherwise it holds for this session)."""

    intents = tuple(PREFERENCE_INTENTS)

    def __init__(self, memory: Optional[Memory] = None):
        self.memory = memory or Memory()

    def handle(self, handler_input: HandlerInput) -> Response:
        name = intent_name(handler_input)
        key, value = PREFERENCE_INTENTS[name]
        attributes = session(handler_input)
        prefs = dict(attributes.get("prefs") or {}) if isinstance(attributes.get("prefs"), dict) else {}
        if value is None:
            prefs.pop(key, None)
        else:
            prefs[key] = value
        attributes["prefs"] = prefs
        saved = self.memory.save_if_changed(handler_input)
        content = content_of(handler_input)
        said = "memory.prefs.%s" if saved else "memory.prefs_this_session.%s"
        speech = coach_of(handler_input).speech().say(content.text(said % name))
        if in_routine(handler_input):
            speech.say(content.text("routine_lines.next_prompt"))
            return reply(handler_input, speech, content.text("routine_lines.next_reprompt"))
        speech.say(content.text("memory.prefs.after"))
        return reply(handler_input, speech, content.text("welcome.reprompt"))


# -- forgetting -------------------------------------------------------------------------
class ForgetMeHandler(IntentHandler):
    intents = ("ForgetMeIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_of(handler_input)
        return reply(handler_input, content.text("memory.forget_confirm"),
                     content.text("memory.forget_reprompt"), question="forget")


def forget_data(handler_input: HandlerInput, memory: Optional[Memory]) -> Response:
    """ "Yes" to "delete everything?" (questions.py: forget)."""
    content = content_of(handler_input)
    if memory is not None and memory.forget(handler_input):
        return reply(handler_input, content.text("memory.forgotten"), end=True)
    return reply(handler_input, content.text("memory.forget_failed"), content.text("welcome.reprompt"))


def keep_data(handler_input: HandlerInput, question: Any = None) -> Response:
    content = content_of(handler_input)
    return reply(handler_input, content.text("memory.forget_kept"), content.text("welcome.reprompt"))


class SkillDisabledHandler(AbstractRequestHandler):
    """The person disabled the skill: delete everything kept for them."""

    def __init__(self, memory: Memory):
        self.memory = memory

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return getattr(handler_input.request_envelope.request, "object_type", None) == \
            "AlexaSkillEvent.SkillDisabled"

    def handle(self, handler_input: HandlerInput) -> Response:
        if self.memory.enabled and self.memory.adapter.delete_attributes(handler_input.request_envelope) is False:
            log.warning("could not delete a disabled user's record")
        return handler_input.response_builder.response
