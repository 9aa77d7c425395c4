"""A fixed-seed slice of scripts/fuzz.py (`make fuzz` runs it in full), so CI fails on a
regression: odd emergency envelopes, mutated envelopes of every type, the store's waits,
and DEBUG logs with SQLite and with DynamoDB on moto's server."""
import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import fuzz  # noqa: E402
from spasm_coach import log_privacy  # noqa: E402

SEED = 17


@pytest.fixture(scope="module")
def handler(tmp_path_factory):
    return fuzz.skill_handler(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(autouse=True)
def quiet():
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.CRITICAL)  # the fuzz's own errors are counted, not printed
    yield
    root.setLevel(level)


def test_odd_but_readable_emergency_envelopes_all_get_the_advice(handler):
    result = fuzz.run_emergency(handler, 300, SEED)
    assert result["without_advice"] == 0, result["samples"]


def test_mutated_envelopes_of_every_type_break_nothing(handler):
    result = fuzz.run_envelopes(handler, 400, SEED)
    assert result["exceptions"] == 0 and result["problems"] == {}, result["samples"]
    assert result["errors_caught_by_the_skill"] == 0
    assert result["request_types"] >= 8


def test_a_locked_or_silent_store_is_waited_for_briefly_and_nothing_is_said_remembered(tmp_path):
    result = fuzz.run_store(tmp_path)
    assert result["sqlite_ok"]["said_remembered"]
    assert not result["sqlite_locked"]["said_remembered"]
    assert not result["dynamodb_silent"]["said_remembered"]
    # Generous bounds here; `make fuzz` holds them to 2 s.
    assert all(part["slowest_s"] < 5.0 for part in result.values()), result


def test_debug_logs_carry_no_user_id_words_or_credentials(tmp_path):
    result = fuzz.run_logs(tmp_path)
    for store in ("sqlite", "dynamodb"):
        assert result[store]["log_lines"] > 0
        assert result[store]["leaks"] == {}, result


def test_the_leak_check_finds_what_an_uncapped_library_would_write(tmp_path, monkeypatch):
    """Without the caps and the filter, the same run leaks: the check is not vacuous."""
    monkeypatch.setattr(log_privacy, "configure", _debug_everywhere)
    result = fuzz.run_logs(tmp_path)
    assert result["dynamodb"]["leaks"]


def _debug_everywhere(level=None, environ=None):
    logging.getLogger().setLevel(logging.DEBUG)
    for name in log_privacy.CAPPED_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_the_filter_blanks_ids_and_credentials():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "user %s key %s token %s",
                               ("amzn1.ask.account.ABC123", "AKIAABCDEFGHIJKLMNOP",
                                "averylongsessiontokenvalue"), None)
    log_privacy.RedactingFilter(["averylongsessiontokenvalue"]).filter(record)
    message = record.getMessage()
    assert "ABC123" not in message and "AKIA" not in message and "averylong" not in message
