"""Builds the skill: every handler and interceptor, in the order they are asked.

The order matters: the first handler whose can_handle() says yes answers. Specific
handlers come first; the catch-alls (unknown intents, unknown request types) last.
"""
from __future__ import annotations

from typing import Optional

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from .config import Settings
from .handlers.answers import NoHandler, YesHandler
from .handlers.builtins import (FallbackHandler, HelpHandler, RepeatHandler, SessionEndedHandler,
                                StopHandler, UnknownIntentHandler, UnknownRequestHandler)
from .handlers.errors import CatchAllExceptionHandler
from .handlers.info import InfoHandler
from .handlers.launch import LaunchHandler, SpasmHandler
from .handlers.safety import safety_handlers
from .handlers.routine import (HowManyLeftHandler, NextHandler, PainHandler, PauseHandler,
                               PreviousHandler, ResumeHandler, SkipHandler, StartOverHandler,
                               StartRoutineHandler, StretchHandler)
from .interceptors import (ContentInterceptor, RepeatInterceptor, RequestLogInterceptor,
                           SafetyStateInterceptor)


def request_handlers():
    """Every request handler, in the order the SDK asks them. Safety first: nothing
    can answer before the red-flag check has seen the request."""
    return safety_handlers() + [
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
        PainHandler(),
        YesHandler(),
        NoHandler(),
        InfoHandler(),
        HelpHandler(),
        RepeatHandler(),
        StopHandler(),
        FallbackHandler(),
        SessionEndedHandler(),
        # Catch-alls: always last.
        UnknownIntentHandler(),
        UnknownRequestHandler(),
    ]


def build_skill(settings: Optional[Settings] = None, api_client=None,
                persistence_adapter=None) -> CustomSkill:
    settings = settings or Settings.from_env()
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter, api_client=api_client)
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(ContentInterceptor())
    builder.add_global_request_interceptor(RequestLogInterceptor())
    builder.add_global_response_interceptor(SafetyStateInterceptor())
    builder.add_global_response_interceptor(RepeatInterceptor())
    return builder.create()
