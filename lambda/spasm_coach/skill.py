"""Builds the skill: every handler and interceptor, in the order they are asked.

The order matters: the first handler whose can_handle() says yes answers. Specific
handlers come first; the catch-alls (unknown intents, unknown request types) last.
"""
from __future__ import annotations

from typing import Optional

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from .alexa_api import LazyApiClient
from .config import Settings
from .persistence import make_adapter
from .session_attributes import SessionAttributesInterceptor
from .handlers.describe import DescribeHandler, describe_handlers
from .handlers.builtins import (FallbackHandler, HelpHandler, RepeatHandler, SessionEndedHandler,
                                StopHandler, UnknownIntentHandler, UnknownRequestHandler)
from .handlers.errors import CatchAllExceptionHandler
from .handlers.info import InfoHandler
from .handlers.launch import LaunchHandler, SpasmHandler
from .handlers.dialogue import actions, dialogue_handlers
from .handlers.memory import (ForgetMeHandler, Memory, PreferenceHandler,
                              RestoreInterceptor, SaveInterceptor, SkillDisabledHandler)
from .handlers.safety import safety_handlers
from .handlers.timers import timer_handlers
from .handlers.touch import TouchInterceptor
from .handlers.routine import (FeelingHandler, HoldLengthHandler, HowManyLeftHandler, ListStretchesHandler, LyingOnlyHandler,
                               NextHandler, PainHandler, PauseHandler, PreviousHandler, ResumeHandler,
                               ShortRoutineHandler, SkipHandler, StartOverHandler, StartRoutineHandler,
                               StretchHandler)
from .interceptors import (EndedSessionInterceptor, RepeatInterceptor, RequestLogInterceptor,
                           SafetyStateInterceptor)


def request_handlers(memory: Optional[Memory] = None):
    """Every request handler, in the order the SDK asks them. Safety first: nothing
    can answer before the red-flag check has seen the request."""
    memory = memory or Memory()
    bound = actions(memory)  # what each question's answers lead to, bound once
    handlers = safety_handlers(bound) + describe_handlers() + timer_handlers() + dialogue_handlers(bound) + [
        LaunchHandler(),
        SpasmHandler(),
        StartRoutineHandler(),
        StretchHandler(),
        NextHandler(),
        PreviousHandler(),
        SkipHandler(),
        StartOverHandler(),
        ResumeHandler(),
        PauseHandler(),
        HowManyLeftHandler(),
        HoldLengthHandler(),
        ListStretchesHandler(),
        ShortRoutineHandler(),
        LyingOnlyHandler(),
        FeelingHandler(),
        PainHandler(),
        InfoHandler(),
        PreferenceHandler(memory),
        ForgetMeHandler(),
        SkillDisabledHandler(memory),
        HelpHandler(),
        RepeatHandler(),
        StopHandler(),
        FallbackHandler(),
        SessionEndedHandler(),
        # Catch-alls: always last.
        UnknownIntentHandler(),
        UnknownRequestHandler(),
    ]
    for handler in handlers:
        if isinstance(handler, DescribeHandler):
            handler.handlers = handlers  # a request read from a free phrase is asked of them all
    return handlers


def build_skill(settings: Optional[Settings] = None, api_client=None,
                persistence_adapter=None) -> CustomSkill:
    settings = settings or Settings.from_env()
    if persistence_adapter is None:
        persistence_adapter = make_adapter(settings)
    if api_client is None:
        # Timers, reminders and the device's time zone: calls with timeouts (alexa_api).
        api_client = LazyApiClient.from_settings(settings)
    memory = Memory(persistence_adapter)
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter, api_client=api_client)
    for handler in request_handlers(memory):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    # First: every later interceptor and handler reads checked session attributes;
    # then a touch becomes its intent before anything reads the request.
    builder.add_global_request_interceptor(SessionAttributesInterceptor())
    builder.add_global_request_interceptor(TouchInterceptor())
    builder.add_global_request_interceptor(RequestLogInterceptor())
    builder.add_global_request_interceptor(RestoreInterceptor(memory))
    builder.add_global_response_interceptor(SafetyStateInterceptor())
    builder.add_global_response_interceptor(RepeatInterceptor())
    builder.add_global_response_interceptor(SaveInterceptor(memory))
    builder.add_global_response_interceptor(EndedSessionInterceptor())
    return builder.create()
