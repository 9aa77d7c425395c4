"""Where the skill keeps what it remembers between sessions.

    adapter = make_adapter(settings)   # SafeAdapter(...) or None ("session")
    CustomSkillBuilder(persistence_adapter=adapter, ...)

Three stores, chosen by Settings.store:
- "sqlite": one file, data_dir/spasm_coach.sqlite3 (local runs, the simulator);
- "dynamodb": ask-sdk's DynamoDB adapter on the table Alexa-hosted skills and
  template.yaml name; boto3 is imported on this path only;
- "session": nothing outlives the session (Lambda without a table).

make_adapter wraps the store in SafeAdapter: only records.dump output reaches
the store, records.load output comes back, and a failing store never stops
the skill from answering.
"""
from __future__ import annotations

import collections
import logging
import threading
import time
from pathlib import Path
from typing import Any, Callable, Deque, Dict, Optional, Set

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from spasm_coach.persistence import records
from spasm_coach.persistence.sqlite import SqliteAdapter

__all__ = ["make_adapter", "SafeAdapter", "SqliteAdapter", "records", "SQLITE_FILENAME",
           "TTL_ATTRIBUTE"]

log = logging.getLogger(__name__)

SQLITE_FILENAME = "spasm_coach.sqlite3"
TTL_ATTRIBUTE = records.TTL_KEY

# Store calls get little time: every answer should leave within 2 s whatever the store
# does (Alexa gives up after about 8), and a read plus a save both come out of it.
# botocore's defaults (60 s timeouts, up to 10 retries for DynamoDB) would outlast the
# request. A DynamoDB call takes at most 2 x (0.2 + 0.25) = 0.9 s, a read and a save
# 1.8 s; a failed read skips the save (SafeAdapter). In-region DynamoDB answers in
# milliseconds: a call that needs a quarter of a second is better retried once.
DYNAMODB_CONNECT_TIMEOUT = 0.2
DYNAMODB_READ_TIMEOUT = 0.25
DYNAMODB_MAX_ATTEMPTS = 2
# SQLite waits at most this long for another writer's lock, per statement.
SQLITE_BUSY_TIMEOUT = 0.4


def make_adapter(settings: Any, safe: bool = True) -> Optional[AbstractPersistenceAdapter]:
    """The persistence adapter for `settings` (a spasm_coach.config.Settings).

    Returns None for "session". With safe=False, the bare store (for tests and
    tools that want errors to surface). Raises ValueError for an unknown store
    or a "dynamodb" store without a table name: configuration errors show at
    start-up, not on a user's request.
    """
    store = (settings.store or "session").strip().lower()
    if store == "session":
        return None
    if store == "sqlite":
        inner: AbstractPersistenceAdapter = SqliteAdapter(
            Path(settings.data_dir) / SQLITE_FILENAME, busy_timeout=SQLITE_BUSY_TIMEOUT)
    elif store == "dynamodb":
        inner = _dynamodb_adapter(settings)
    else:
        raise ValueError("unknown store %r: use sqlite, dynamodb or session" % settings.store)
    return SafeAdapter(inner) if safe else inner


def _dynamodb_adapter(settings: Any) -> AbstractPersistenceAdapter:
    if not settings.dynamodb_table:
        raise ValueError("the dynamodb store needs a table name "
                         "(DYNAMODB_PERSISTENCE_TABLE_NAME)")
    import boto3
    from botocore.config import Config
    from botocore.exceptions import NoRegionError

    region = settings.dynamodb_region
    try:
        from spasm_coach.persistence.dynamodb import ExpiringDynamoDbAdapter
    except NoRegionError:
        # ask_sdk_dynamodb.adapter builds a default boto3 resource when imported,
        # which needs a region; Lambda always has one (AWS_REGION), a local run
        # may only have the table's.
        if not region:
            raise ValueError("no AWS region for DynamoDB: set DYNAMODB_PERSISTENCE_REGION")
        boto3.setup_default_session(region_name=region)
        from spasm_coach.persistence.dynamodb import ExpiringDynamoDbAdapter

    config = Config(connect_timeout=DYNAMODB_CONNECT_TIMEOUT,
                    read_timeout=DYNAMODB_READ_TIMEOUT,
                    retries={"mode": "standard", "total_max_attempts": DYNAMODB_MAX_ATTEMPTS})
    try:
        resource = boto3.resource("dynamodb", region_name=region,
                                  endpoint_url=settings.dynamodb_endpoint, config=config)
    except NoRegionError:
        raise ValueError("no AWS region for DynamoDB: set DYNAMODB_PERSISTENCE_REGION")
    return ExpiringDynamoDbAdapter(
        table_name=settings.dynamodb_table, partition_key_name="id",
        attribute_name="attributes", create_table=False, dynamodb_resource=resource,
        purge=not settings.dynamodb_ttl)


class SafeAdapter(AbstractPersistenceAdapter):
    """A store that cannot make the skill fail.

    - get_attributes: records.load of what the store holds; on any failure,
      the empty record (the skill answers without resume).
    - save_attributes: stores records.dump(attributes) (whitelisted usage keys
      only, fresh expiry); returns False instead of raising on failure. A save
      in a request whose read failed is skipped: it would overwrite the stored
      record with one built from nothing.
    - delete_attributes: returns True when the record is gone, False when the
      store failed (the caller can say "I couldn't do that right now").
    - After a failure the store is left alone for `cooldown` seconds (reads
      answer empty, saves are skipped), so an unreachable store costs one
      timeout, not one per call.

    Logs carry the operation, the kind of error and a short hash of the user
    id; never the user id itself, the attributes or the error text (which may
    quote them).
    """

    def __init__(self, inner: AbstractPersistenceAdapter, cooldown: float = 5.0,
                 sanitize: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        self.inner = inner
        self.cooldown = cooldown
        self.sanitize = sanitize
        self.clock = clock
        self._lock = threading.Lock()
        self._resume_at = 0.0
        # Requests whose read failed (bounded: only the most recent matter).
        self._failed_reads: Deque[str] = collections.deque(maxlen=256)
        self._failed_set: Set[str] = set()

    def get_attributes(self, request_envelope: Any) -> Dict[str, Any]:
        if self._cooling_down():
            self._remember_failed_read(request_envelope)
            return records.empty() if self.sanitize else {}
        try:
            raw = self.inner.get_attributes(request_envelope)
        except Exception as exc:
            self._failed("read", request_envelope, exc)
            self._remember_failed_read(request_envelope)
            return records.empty() if self.sanitize else {}
        return records.load(raw) if self.sanitize else dict(raw or {})

    def save_attributes(self, request_envelope: Any, attributes: Dict[str, Any]) -> bool:
        if self.read_failed(request_envelope):
            log.info("save skipped after a failed read (user %s)", user_ref(request_envelope))
            return False
        if self._cooling_down():
            return False
        record = records.dump(attributes) if self.sanitize else attributes
        try:
            self.inner.save_attributes(request_envelope, record)
        except Exception as exc:
            self._failed("save", request_envelope, exc)
            return False
        return True

    def delete_attributes(self, request_envelope: Any) -> bool:
        # Deleting is what a person asked for: try even while cooling down.
        try:
            self.inner.delete_attributes(request_envelope)
        except Exception as exc:
            self._failed("delete", request_envelope, exc)
            return False
        return True

    def _cooling_down(self) -> bool:
        return self.clock() < self._resume_at

    def _failed(self, operation: str, request_envelope: Any, exc: BaseException) -> None:
        with self._lock:
            self._resume_at = self.clock() + self.cooldown
        cause = exc.__cause__ or exc.__context__
        log.warning("%s store %s failed (%s%s, user %s); answering without memory",
                    type(self.inner).__name__, operation, type(exc).__name__,
                    "/" + type(cause).__name__ if cause is not None else "",
                    user_ref(request_envelope))

    def _remember_failed_read(self, request_envelope: Any) -> None:
        request_id = _request_id(request_envelope)
        if request_id is None:
            return
        with self._lock:
            if len(self._failed_reads) == self._failed_reads.maxlen:
                self._failed_set.discard(self._failed_reads[0])
            self._failed_reads.append(request_id)
            self._failed_set.add(request_id)

    def read_failed(self, request_envelope: Any) -> bool:
        """True when this request's read failed or was skipped: what it saw is not what is stored."""
        request_id = _request_id(request_envelope)
        return request_id is not None and request_id in self._failed_set


def user_ref(request_envelope: Any) -> str:
    """A short, stable, non-reversible reference to the user, for logs."""
    try:
        user_id = request_envelope.context.system.user.user_id
    except AttributeError:
        return "-"
    if not user_id:
        return "-"
    # Imported here: only a failed store call is logged with it, and hashlib (OpenSSL) costs
    # about 3 ms of every cold start.
    import hashlib
    # surrogatepass: a lone surrogate (never from Alexa, but JSON allows it) still hashes.
    return hashlib.sha256(str(user_id).encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _request_id(request_envelope: Any) -> Optional[str]:
    try:
        return request_envelope.request.request_id or None
    except AttributeError:
        return None
