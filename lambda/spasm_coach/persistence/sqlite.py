"""Persistent attributes in one SQLite file: the embedded store for local runs.

One row per user (the same key as the DynamoDB adapter: the Alexa user id),
the attributes as JSON, and an expiry. Safe under concurrent requests from
several threads and several processes (gunicorn workers): every thread has its
own connection, the journal is WAL (readers never wait for the writer), a busy
timeout queues writers instead of failing, and each save is one statement
that replaces the whole row, so a reader sees the old record or the new one,
never a mix.

Every write is a single statement on a connection in autocommit mode, which SQLite
runs as its own transaction. An explicit BEGIN IMMEDIATE … COMMIT around it would
add two round trips (about 40 us of a 70 us save) and no safety: a lone write
statement takes the write lock before it reads, so it cannot deadlock on a lock
upgrade the way a read-then-write transaction can.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Union

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException
# A plain function of the request envelope; this module does not import boto3.
from ask_sdk_dynamodb.partition_keygen import user_id_partition_keygen

from spasm_coach.persistence import records

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attributes (
    id TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attributes_expires_at ON attributes (expires_at);
"""


def _sqlite3() -> Any:
    """The sqlite3 module, imported on first use: when the first connection opens (an
    ``except`` clause asks for it only once something failed). A Lambda on DynamoDB never
    opens one, and importing it costs about 2 ms of every cold start."""
    import sqlite3
    return sqlite3


# One encoder for every save: json.dumps with options other than the defaults builds a
# new encoder on every call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), allow_nan=False)


class SqliteAdapter(AbstractPersistenceAdapter):
    """ask-sdk persistence adapter on a SQLite file.

    path: the database file; its folder is created on first use. Nothing is
        opened until the first request.
    ttl_days: a row expires this long after its last save, unless the saved
        attributes carry their own expiry (records.TTL_KEY, epoch seconds).
        Expired rows read as empty and are purged.
    purge_interval: seconds between two purges of expired rows, per process.
    busy_timeout: seconds a writer waits for another writer before failing.
    """

    def __init__(self, path: Union[str, Path], ttl_days: int = records.RETENTION_DAYS,
                 partition_keygen: Callable[[Any], str] = user_id_partition_keygen,
                 purge_interval: float = 600.0, busy_timeout: float = 5.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.ttl_days = ttl_days
        self.partition_keygen = partition_keygen
        self.purge_interval = purge_interval
        self.busy_timeout = busy_timeout
        self.clock = clock
        self._local = threading.local()
        self._setup_lock = threading.Lock()
        self._schema_ready = False
        self._purge_lock = threading.Lock()
        self._next_purge = 0.0

    # --- AbstractPersistenceAdapter ---------------------------------------

    def get_attributes(self, request_envelope: Any) -> Dict[str, Any]:
        key = self.partition_keygen(request_envelope)
        now = int(self.clock())
        try:
            row = self._connection().execute(
                "SELECT value, expires_at FROM attributes WHERE id = ?", (key,)).fetchone()
        except _sqlite3().Error as exc:
            raise PersistenceException("SQLite read failed: %s" % type(exc).__name__) from exc
        self._maybe_purge(now)
        if row is None or row[1] <= now:
            return {}
        try:
            value = json.loads(row[0])
        except ValueError:
            log.warning("unreadable record in %s treated as empty", self.path.name)
            return {}
        return value if isinstance(value, dict) else {}

    def save_attributes(self, request_envelope: Any, attributes: Dict[str, Any]) -> None:
        key = self.partition_keygen(request_envelope)
        now = int(self.clock())
        try:
            value = _ENCODER.encode(attributes)
        except (TypeError, ValueError) as exc:
            raise PersistenceException("attributes are not JSON: %s" % exc) from exc
        expires_at = records.expires_at(attributes) or now + int(self.ttl_days) * 86400
        try:
            self._connection().execute(
                "INSERT OR REPLACE INTO attributes (id, value, updated_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (key, value, now, expires_at))
        except _sqlite3().Error as exc:
            raise PersistenceException("SQLite write failed: %s" % type(exc).__name__) from exc
        self._maybe_purge(now)

    def delete_attributes(self, request_envelope: Any) -> None:
        key = self.partition_keygen(request_envelope)
        try:
            self._connection().execute("DELETE FROM attributes WHERE id = ?", (key,))
        except _sqlite3().Error as exc:
            raise PersistenceException("SQLite delete failed: %s" % type(exc).__name__) from exc

    # --- housekeeping -----------------------------------------------------

    def purge_expired(self, now: Optional[float] = None, wait: bool = True) -> int:
        """Delete every expired row now; returns how many went. With wait=False it
        gives up at once if another connection holds the write lock."""
        now = int(self.clock() if now is None else now)
        connection = self._connection()
        try:
            if not wait:
                connection.execute("PRAGMA busy_timeout = 0")
            cursor = connection.execute("DELETE FROM attributes WHERE expires_at <= ?", (now,))
        except _sqlite3().Error as exc:
            raise PersistenceException("SQLite purge failed: %s" % type(exc).__name__) from exc
        finally:
            if not wait:
                connection.execute("PRAGMA busy_timeout = %d" % int(self.busy_timeout * 1000))
        return cursor.rowcount

    def close(self) -> None:
        """Close this thread's connection (other threads' close when they end)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            connection.close()

    def _maybe_purge(self, now: float) -> None:
        # At most once per purge_interval per process, by whichever request
        # comes first; a failed purge only waits for the next turn.
        if now < self._next_purge or not self._purge_lock.acquire(blocking=False):
            return
        try:
            if now < self._next_purge:
                return
            self._next_purge = now + self.purge_interval
            # Housekeeping inside a request: it never waits for another writer.
            removed = self.purge_expired(now, wait=False)
            if removed:
                log.info("purged %d expired record(s)", removed)
        except PersistenceException:
            log.warning("purge of expired records failed; trying again later")
        finally:
            self._purge_lock.release()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (and again after a fork)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None and self._local.pid == os.getpid():
            return connection
        connection = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = _sqlite3().connect(str(self.path), timeout=self.busy_timeout,
                                            isolation_level=None)
            connection.execute("PRAGMA busy_timeout = %d" % int(self.busy_timeout * 1000))
            connection.execute("PRAGMA synchronous = NORMAL")
            self._ensure_schema(connection)
        except (OSError, _sqlite3().Error) as exc:
            if connection is not None:
                connection.close()
            raise PersistenceException(
                "cannot open the SQLite store: %s" % type(exc).__name__) from exc
        self._local.connection = connection
        self._local.pid = os.getpid()
        return connection

    def _ensure_schema(self, connection: sqlite3.Connection) -> None:
        if self._schema_ready:
            return
        with self._setup_lock:
            if self._schema_ready:
                return
            # WAL is a property of the file: set once, kept by every later connection.
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("SQLite journal mode is %s, not WAL", mode)
            connection.executescript(_SCHEMA)
            self._schema_ready = True

