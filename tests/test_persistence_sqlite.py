"""The SQLite store on real files, SafeAdapter in front of broken stores, make_adapter."""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_model import Context, IntentRequest, LaunchRequest, RequestEnvelope
from ask_sdk_model.interfaces.system import SystemState
from ask_sdk_model.user import User

from spasm_coach.config import PROJECT_ROOT, Settings
from spasm_coach.persistence import (SQLITE_FILENAME, SafeAdapter, SqliteAdapter, make_adapter,
                                     records, user_ref)

LAMBDA_DIR = PROJECT_ROOT / "lambda"
NOW = 1_700_000_000


def envelope(user_id="amzn1.ask.account.TESTUSER1", request_id="req-1"):
    return RequestEnvelope(
        context=Context(system=SystemState(user=User(user_id=user_id))),
        request=LaunchRequest(request_id=request_id))


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


# --- SqliteAdapter ------------------------------------------------------------

def test_round_trip_on_a_real_file(tmp_path):
    adapter = SqliteAdapter(tmp_path / "store.sqlite3")
    assert adapter.get_attributes(envelope()) == {}
    adapter.save_attributes(envelope(), {"routine": {"id": "pelvic_tilt", "step": 3}})
    assert adapter.get_attributes(envelope()) == {"routine": {"id": "pelvic_tilt", "step": 3}}
    # A second adapter (another process would do the same) reads it back from the file.
    assert SqliteAdapter(tmp_path / "store.sqlite3").get_attributes(envelope()) == {
        "routine": {"id": "pelvic_tilt", "step": 3}}


def test_users_are_isolated_and_delete_removes_one_user(tmp_path):
    adapter = SqliteAdapter(tmp_path / "store.sqlite3")
    alice, bob = envelope("amzn1.ask.account.ALICE"), envelope("amzn1.ask.account.BOB")
    adapter.save_attributes(alice, {"who": "a"})
    adapter.save_attributes(bob, {"who": "b"})
    assert adapter.get_attributes(alice) == {"who": "a"}
    assert adapter.get_attributes(bob) == {"who": "b"}
    adapter.delete_attributes(alice)
    assert adapter.get_attributes(alice) == {}
    assert adapter.get_attributes(bob) == {"who": "b"}
    adapter.delete_attributes(alice)  # deleting nothing is fine
    rows = sqlite3.connect(str(tmp_path / "store.sqlite3")).execute(
        "SELECT id FROM attributes").fetchall()
    assert rows == [("amzn1.ask.account.BOB",)]


def test_a_save_replaces_the_whole_record(tmp_path):
    adapter = SqliteAdapter(tmp_path / "store.sqlite3")
    adapter.save_attributes(envelope(), {"a": 1, "b": 2})
    adapter.save_attributes(envelope(), {"b": 3})
    assert adapter.get_attributes(envelope()) == {"b": 3}


def test_opened_lazily_with_folder_wal_and_normal_sync(tmp_path):
    path = tmp_path / "not" / "yet" / "store.sqlite3"
    adapter = SqliteAdapter(path)
    assert not path.parent.exists()  # nothing happens at construction
    adapter.get_attributes(envelope())
    assert path.exists()
    check = sqlite3.connect(str(path))
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection = adapter._connection()
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_corrupt_or_foreign_rows_read_as_empty(tmp_path):
    path = tmp_path / "store.sqlite3"
    adapter = SqliteAdapter(path, clock=Clock())
    adapter.save_attributes(envelope(), {"ok": True})
    raw = sqlite3.connect(str(path), isolation_level=None)
    raw.execute("UPDATE attributes SET value = ?", ('{"routine": {"id": "pel',))
    assert adapter.get_attributes(envelope()) == {}
    raw.execute("UPDATE attributes SET value = ?", ("[1, 2, 3]",))
    assert adapter.get_attributes(envelope()) == {}
    raw.execute("UPDATE attributes SET value = ?", ("\x00\xff not json",))
    assert adapter.get_attributes(envelope()) == {}
    # and the next save repairs the row
    adapter.save_attributes(envelope(), {"ok": 1})
    assert adapter.get_attributes(envelope()) == {"ok": 1}


def test_non_json_attributes_are_refused_without_touching_the_row(tmp_path):
    adapter = SqliteAdapter(tmp_path / "store.sqlite3")
    adapter.save_attributes(envelope(), {"step": 1})
    with pytest.raises(PersistenceException):
        adapter.save_attributes(envelope(), {"step": float("nan")})
    with pytest.raises(PersistenceException):
        adapter.save_attributes(envelope(), {"when": object()})
    assert adapter.get_attributes(envelope()) == {"step": 1}


def test_expired_records_read_as_empty_and_are_purged_at_most_once_per_interval(tmp_path):
    clock = Clock()
    path = tmp_path / "store.sqlite3"
    adapter = SqliteAdapter(path, ttl_days=10, purge_interval=600, clock=clock)
    old, recent = envelope("amzn1.ask.account.OLD"), envelope("amzn1.ask.account.RECENT")
    adapter.save_attributes(old, {"n": 1})            # expires at NOW + 10 days
    clock.now = NOW + 10 * 86400 - 100
    adapter.save_attributes(recent, {"n": 2})         # purges (nothing yet); expires in 10 days
    # A record carrying its own expiry (records.dump) uses that one.
    keeper = envelope("amzn1.ask.account.KEEPER")
    adapter.save_attributes(keeper, records.dump({"disclaimer_given": True},
                                                 now=clock.now, retention_days=100))

    def count():
        return sqlite3.connect(str(path)).execute("SELECT COUNT(*) FROM attributes").fetchone()[0]

    clock.now = NOW + 10 * 86400  # OLD has just expired
    assert adapter.get_attributes(old) == {}
    assert adapter.get_attributes(recent) == {"n": 2}
    assert count() == 3  # the last purge ran less than 600 s ago
    clock.now += 501
    adapter.get_attributes(recent)  # the first request after the interval purges
    assert count() == 2
    clock.now = NOW + 200 * 86400
    assert adapter.purge_expired() == 2
    assert count() == 0


def test_purge_does_not_run_on_every_request(tmp_path):
    clock = Clock()
    adapter = SqliteAdapter(tmp_path / "store.sqlite3", purge_interval=600, clock=clock)
    calls = []
    original = adapter.purge_expired

    def counting(now=None, **options):
        calls.append(now)
        return original(now, **options)

    adapter.purge_expired = counting
    for i in range(50):
        clock.now = NOW + i * 10  # 50 requests over 500 s
        adapter.save_attributes(envelope(request_id="r%d" % i), {"i": i})
        adapter.get_attributes(envelope(request_id="r%d" % i))
    assert len(calls) == 1
    clock.now = NOW + 700
    adapter.get_attributes(envelope())
    assert len(calls) == 2


def test_concurrent_threads_lose_no_write_and_see_no_partial_record(tmp_path):
    """8 writer threads (one user each, plus one user they all share) and 4 readers."""
    adapter = SqliteAdapter(tmp_path / "store.sqlite3")
    writers, rounds = 8, 40
    errors, stop = [], threading.Event()
    shared = envelope("amzn1.ask.account.SHARED")
    padding = "x" * 2000  # a row bigger than a trivial one, to widen any torn-write window

    def write(n):
        own = envelope("amzn1.ask.account.W%d" % n)
        try:
            for i in range(rounds):
                record = {"writer": n, "i": i, "check": "%d-%d" % (n, i), "pad": padding}
                adapter.save_attributes(own, record)
                adapter.save_attributes(shared, record)
                assert adapter.get_attributes(own)["i"] == i  # reads its own write
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    def read():
        try:
            while not stop.is_set():
                value = adapter.get_attributes(shared)
                if value:
                    assert value["check"] == "%d-%d" % (value["writer"], value["i"])
                    assert value["pad"] == padding
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(4)]
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in readers + threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    for thread in readers:
        thread.join(timeout=10)
    assert not errors
    for n in range(writers):
        final = adapter.get_attributes(envelope("amzn1.ask.account.W%d" % n))
        assert (final["writer"], final["i"]) == (n, rounds - 1)
    last = adapter.get_attributes(shared)
    assert last["i"] == rounds - 1 and last["check"] == "%d-%d" % (last["writer"], last["i"])


WORKER = r"""
import sys
from ask_sdk_model import Context, LaunchRequest, RequestEnvelope
from ask_sdk_model.interfaces.system import SystemState
from ask_sdk_model.user import User
from spasm_coach.persistence import SqliteAdapter

path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
adapter = SqliteAdapter(path)
def env(user):
    return RequestEnvelope(context=Context(system=SystemState(user=User(user_id=user))),
                           request=LaunchRequest(request_id="r"))
for i in range(rounds):
    adapter.save_attributes(env("amzn1.ask.account." + name), {"i": i})
    adapter.save_attributes(env("amzn1.ask.account.SHARED"), {"by": name, "i": i})
    assert adapter.get_attributes(env("amzn1.ask.account." + name)) == {"i": i}
print("done")
"""


def test_concurrent_processes_share_one_file(tmp_path):
    """Like gunicorn workers: separate processes writing the same database at once."""
    path = tmp_path / "store.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(LAMBDA_DIR))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), "P%d" % n, "200"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for n in range(3)]
    adapter = SqliteAdapter(path)
    deadline = time.monotonic() + 30
    while any(w.poll() is None for w in workers) and time.monotonic() < deadline:
        value = adapter.get_attributes(envelope("amzn1.ask.account.SHARED"))
        assert value == {} or set(value) == {"by", "i"}
    outputs = [w.communicate(timeout=30) for w in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
        assert out.strip() == "done"
    for n in range(3):
        assert adapter.get_attributes(envelope("amzn1.ask.account.P%d" % n)) == {"i": 199}


def test_a_store_that_cannot_be_opened_raises_persistence_errors(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    adapter = SqliteAdapter(blocker / "store.sqlite3")
    with pytest.raises(PersistenceException):
        adapter.get_attributes(envelope())
    with pytest.raises(PersistenceException):
        adapter.save_attributes(envelope(), {"a": 1})
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PersistenceException):
        SqliteAdapter(garbage).get_attributes(envelope())


# --- SafeAdapter --------------------------------------------------------------

def broken_sqlite(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return SqliteAdapter(blocker / "store.sqlite3")


def test_safe_adapter_answers_empty_and_never_raises_on_a_broken_store(tmp_path, caplog):
    user_id = "amzn1.ask.account.SECRETUSER"
    safe = SafeAdapter(broken_sqlite(tmp_path))
    with caplog.at_level(logging.INFO):
        assert safe.get_attributes(envelope(user_id)) == records.empty()
        assert safe.save_attributes(envelope(user_id), {"routine": {"id": "a", "step": 1}}) is False
        assert safe.delete_attributes(envelope(user_id)) is False
    assert caplog.records, "failures are logged"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert user_id not in logged and "SECRETUSER" not in logged
    assert user_ref(envelope(user_id)) in logged
    assert "PersistenceException" in logged


def test_safe_adapter_through_the_sdk_attributes_manager(tmp_path):
    """The skill's own path: read once per request, save only when asked."""
    inner = SqliteAdapter(tmp_path / "store.sqlite3")
    reads = []
    original = inner.get_attributes
    inner.get_attributes = lambda env: reads.append(1) or original(env)
    safe = SafeAdapter(inner)

    manager = AttributesManager(envelope(request_id="r1"), persistence_adapter=safe)
    state = manager.persistent_attributes
    state["routine"] = {"id": "pelvic_tilt", "step": 3, "part": 0}
    state["prefs"] = {"hold": 30.0}
    state["what_they_said"] = "my back is killing me"
    assert manager.persistent_attributes is state
    manager.save_persistent_attributes()
    assert len(reads) == 1

    stored = json.loads(sqlite3.connect(str(tmp_path / "store.sqlite3")).execute(
        "SELECT value FROM attributes").fetchone()[0])
    assert "what_they_said" not in stored and "killing" not in json.dumps(stored)
    assert stored["prefs"] == {"hold": 30} and isinstance(stored["ttl"], int)

    later = AttributesManager(envelope(request_id="r2"), persistence_adapter=safe)
    assert later.persistent_attributes["routine"] == {"id": "pelvic_tilt", "step": 3, "part": 0}
    later.delete_persistent_attributes()
    assert AttributesManager(envelope(request_id="r3"),
                             persistence_adapter=safe).persistent_attributes == records.empty()


def test_safe_adapter_skips_the_store_for_a_while_after_a_failure(tmp_path):
    calls = []

    class Flaky(SqliteAdapter):
        fail = True

        def get_attributes(self, request_envelope):
            calls.append("get")
            if self.fail:
                raise PersistenceException("down")
            return super().get_attributes(request_envelope)

    inner = Flaky(tmp_path / "store.sqlite3")
    inner.save_attributes(envelope(), records.dump({"disclaimer_given": True}))
    clock = Clock(100.0)
    safe = SafeAdapter(inner, cooldown=5.0, clock=clock)
    assert safe.get_attributes(envelope(request_id="a")) == records.empty()
    inner.fail = False
    clock.now += 1
    assert safe.get_attributes(envelope(request_id="b")) == records.empty()
    assert calls == ["get"]  # the second read did not touch the store
    assert safe.save_attributes(envelope(request_id="c"), {"disclaimer_given": False}) is False
    clock.now += 5
    assert safe.get_attributes(envelope(request_id="d"))["disclaimer_given"] is True


def test_no_save_in_a_request_whose_read_failed(tmp_path):
    """A save built on an empty read would wipe the stored preferences."""

    class ReadFails(SqliteAdapter):
        def get_attributes(self, request_envelope):
            raise PersistenceException("read failed")

    path = tmp_path / "store.sqlite3"
    SqliteAdapter(path).save_attributes(envelope(), records.dump({"prefs": {"pace": "slow"}}))
    safe = SafeAdapter(ReadFails(path), cooldown=0)
    assert safe.get_attributes(envelope(request_id="same")) == records.empty()
    assert safe.read_failed(envelope(request_id="same"))
    assert not safe.read_failed(envelope(request_id="other"))
    assert safe.save_attributes(envelope(request_id="same"), {"routine": {"id": "a", "step": 1}}) \
        is False
    assert SqliteAdapter(path).get_attributes(envelope())["prefs"] == {"pace": "slow"}
    # another request, whose read is not known to have failed, may save
    assert safe.save_attributes(envelope(request_id="other"), {"prefs": {"pace": "fast"}}) is True


def test_delete_is_attempted_even_while_cooling_down(tmp_path):
    path = tmp_path / "store.sqlite3"
    inner = SqliteAdapter(path)
    inner.save_attributes(envelope(), {"a": 1})
    safe = SafeAdapter(inner, cooldown=60)
    safe._resume_at = safe.clock() + 60  # as after a failure
    assert safe.delete_attributes(envelope()) is True
    assert inner.get_attributes(envelope()) == {}


# --- make_adapter -------------------------------------------------------------

def test_make_adapter_session_is_none():
    assert make_adapter(Settings(store="session")) is None


def test_make_adapter_sqlite_uses_the_data_folder(tmp_path):
    adapter = make_adapter(Settings(store="sqlite", data_dir=tmp_path / "data"))
    assert isinstance(adapter, SafeAdapter)
    assert isinstance(adapter.inner, SqliteAdapter)
    assert adapter.inner.path == tmp_path / "data" / SQLITE_FILENAME
    assert not (tmp_path / "data").exists()
    assert adapter.save_attributes(envelope(), {"disclaimer_given": True}) is True
    assert (tmp_path / "data" / SQLITE_FILENAME).exists()
    bare = make_adapter(Settings(store="sqlite", data_dir=tmp_path / "data"), safe=False)
    assert isinstance(bare, SqliteAdapter)
    assert bare.get_attributes(envelope())["disclaimer_given"] is True


def test_make_adapter_rejects_bad_configuration():
    with pytest.raises(ValueError):
        make_adapter(Settings(store="postgres"))
    with pytest.raises(ValueError):
        make_adapter(Settings(store="dynamodb", dynamodb_table=None))


def test_importing_persistence_does_not_import_boto3():
    code = ("import sys, spasm_coach.persistence, spasm_coach.persistence.sqlite\n"
            "from spasm_coach.config import Settings\n"
            "from spasm_coach.persistence import make_adapter\n"
            "make_adapter(Settings(store='session'))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))\n")
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(LAMBDA_DIR)),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
