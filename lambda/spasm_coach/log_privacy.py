"""Logs never carry a user id, what a person said, or credentials, at any level.

The skill's own log lines are written that way (request ids, types and outcomes
only). Libraries are not: at DEBUG botocore logs whole DynamoDB requests (the user id
is the item key) and signed headers (the access key id and session token), urllib3
logs every call. ``configure`` keeps those libraries at WARNING whatever the root
level is, and puts a filter on the root handlers that blanks anything shaped like an
Alexa id or an AWS key, and the values of the AWS credential variables, in every
record that reaches them (a second line of defence for a library missed here).
"""
from __future__ import annotations

import logging
import os
import re
from typing import Iterable, Mapping, Optional

# Libraries whose DEBUG and INFO lines can quote requests, responses or headers.
CAPPED_LOGGERS = ("botocore", "boto3", "urllib3", "s3transfer", "requests", "werkzeug",
                  "gunicorn.access", "ask_sdk_core", "ask_sdk_runtime", "ask_sdk_dynamodb",
                  "ask_sdk_webservice_support", "flask_ask_sdk", "gevent", "moto")
CREDENTIAL_VARIABLES = ("AWS_SESSION_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
                        "AWS_SECURITY_TOKEN")
REDACTED = "[redacted]"
_SHAPES = re.compile(
    r"amzn1\.(?:ask\.account|ask\.person|ask\.device|echo-api\.session)\.[A-Za-z0-9._\-]+"
    r"|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")


class RedactingFilter(logging.Filter):
    """Blanks ids and credentials in a record's message (a handler filter)."""

    def __init__(self, secrets: Iterable[str] = ()):
        super().__init__()
        # Short values would blank ordinary words; real credentials are long.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 12}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        cleaned = _SHAPES.sub(REDACTED, message)
        for secret in self.secrets:
            if secret in cleaned:
                cleaned = cleaned.replace(secret, REDACTED)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_text is None and record.exc_info[0] is not None:
            # Exception messages may quote a request: keep the type and traceback only.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = _SHAPES.sub(REDACTED, record.exc_text)
        return True


def configure(level: Optional[str] = "WARNING", environ: Optional[Mapping[str, str]] = None) -> None:
    """Set the root level (None: leave it), cap the libraries, filter the root
    handlers (idempotent)."""
    environ = os.environ if environ is None else environ
    root = logging.getLogger()
    if level is not None:
        root.setLevel(level)
    floor = max(logging.WARNING, root.level)
    for name in CAPPED_LOGGERS:
        logging.getLogger(name).setLevel(floor)
    secrets = [environ.get(name, "") for name in CREDENTIAL_VARIABLES]
    for handler in root.handlers:
        for existing in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(existing)
        handler.addFilter(RedactingFilter(secrets))
