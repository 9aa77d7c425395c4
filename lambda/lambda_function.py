"""The entry point Alexa calls through AWS Lambda: lambda_function.lambda_handler."""
from spasm_coach import log_privacy
from spasm_coach.config import Settings
from spasm_coach.entry import make_lambda_handler
from spasm_coach.skill import build_skill

settings = Settings.from_env()
# Lambda's root handler gets every record: libraries capped, ids and credentials blanked.
log_privacy.configure(settings.log_level)

skill = build_skill(settings)
lambda_handler = make_lambda_handler(skill)
