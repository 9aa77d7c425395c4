"""The entry point Alexa calls through AWS Lambda: lambda_function.lambda_handler."""
import logging

from spasm_coach.config import Settings
from spasm_coach.entry import make_lambda_handler
from spasm_coach.skill import build_skill

settings = Settings.from_env()
logging.getLogger().setLevel(settings.log_level)

skill = build_skill(settings)
lambda_handler = make_lambda_handler(skill)
