"""The entry point Alexa calls through AWS Lambda: lambda_function.lambda_handler."""
import logging

from spasm_coach.entry import make_lambda_handler
from spasm_coach.skill import build_skill

logging.getLogger().setLevel(logging.INFO)

skill = build_skill()
lambda_handler = make_lambda_handler(skill)
