"""Settings read from the environment, once, at start-up."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, NamedTuple, Optional

# The folder that holds lambda/, interaction_model/ and skill.json when run from source.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(NamedTuple):
    """Where the skill keeps its memory and how it reaches Alexa's APIs.

    store: "sqlite" (the embedded default), "dynamodb" (when a table is named), or
    "session" (nothing outlives the session: Lambda without a table).
    """

    store: str = "session"
    data_dir: Path = PROJECT_ROOT / "data"
    dynamodb_table: Optional[str] = None
    dynamodb_region: Optional[str] = None
    dynamodb_endpoint: Optional[str] = None
    # True when the table deletes expired items itself (DynamoDB Time to Live on the "ttl"
    # attribute, as template.yaml sets up). Alexa-hosted tables have no TTL, so by default
    # the skill deletes expired records itself: on read, and a few stale rows on each save.
    dynamodb_ttl: bool = False
    # Seconds for one call to an Alexa API; Alexa allows about 8 s for the whole response.
    api_timeout: float = 3.0
    # A CA bundle to trust for Alexa API calls (the simulator's local stand-in); None = system trust.
    api_ca_bundle: Optional[str] = None
    # WARNING logs only what needs attention; INFO adds one line per request (its type and
    # intent, never what was said), which costs about 20 us a request on Lambda.
    log_level: str = "WARNING"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        table = environ.get("DYNAMODB_PERSISTENCE_TABLE_NAME") or None
        on_lambda = bool(environ.get("AWS_LAMBDA_FUNCTION_NAME"))
        store = environ.get("SPASM_COACH_STORE")
        if not store:
            if table:
                store = "dynamodb"
            elif on_lambda:
                store = "session"  # the deployment folder is read-only; never write there
            else:
                store = "sqlite"
        return cls(
            store=store,
            data_dir=Path(environ.get("SPASM_COACH_DATA_DIR") or PROJECT_ROOT / "data"),
            dynamodb_table=table,
            dynamodb_region=environ.get("DYNAMODB_PERSISTENCE_REGION") or None,
            dynamodb_endpoint=environ.get("SPASM_COACH_DYNAMODB_ENDPOINT") or None,
            dynamodb_ttl=(environ.get("SPASM_COACH_TABLE_TTL") or "").strip().lower()
            in ("1", "true", "yes", "on"),
            api_timeout=float(environ.get("SPASM_COACH_API_TIMEOUT") or 3.0),
            api_ca_bundle=environ.get("SPASM_COACH_API_CA_BUNDLE") or None,
            log_level=_log_level(environ),
        )


def _log_level(environ: Mapping[str, str]) -> str:
    """LOG_LEVEL, else the level set in Lambda's logging controls, else WARNING."""
    for name in ("LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL"):
        level = (environ.get(name) or "").strip().upper()
        if level in LOG_LEVELS:
            return level
    return "WARNING"
