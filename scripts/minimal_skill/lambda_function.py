"""The smallest useful ask-sdk-core skill, written the way the SDK's samples write one.

A launch handler and one intent, registered on a ``SkillBuilder``, with the SDK's own
``lambda_handler()``. It does only what every skill on this SDK must do, so its times
are the floor the coach is measured against (scripts/bench.py).
"""
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type

INTENT_NAME = "HelloWorldIntent"


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        return (handler_input.response_builder
                .speak("Welcome. Say hello.")
                .ask("Say hello.")
                .response)


class HelloWorldIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name(INTENT_NAME)(handler_input)

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello world.").response


skill_builder = SkillBuilder()
skill_builder.add_request_handler(LaunchRequestHandler())
skill_builder.add_request_handler(HelloWorldIntentHandler())

lambda_handler = skill_builder.lambda_handler()
