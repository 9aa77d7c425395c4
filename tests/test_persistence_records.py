"""The stored record: what may be kept, and how anything else is turned away."""
from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest

from spasm_coach.persistence import records

NOW = 1_700_000_000  # 2023-11-14 UTC


def full_state():
    return {
        "routine": {"id": "pelvic_tilt", "step": 3, "part": 1},
        "prefs": {"hold": 20, "pace": "slow"},
        "refusals": {"alexa::alerts:timers:skill:readwrite": "2023-11-10"},
        "disclaimer_given": True,
        "last_seen": "2023-11-14",
    }


def test_dump_keeps_the_whitelisted_usage_and_adds_version_and_expiry():
    record = records.dump(full_state(), now=NOW)
    assert record == dict(full_state(), schema=records.SCHEMA_VERSION,
                          ttl=NOW + records.RETENTION_DAYS * 86400)
    assert records.expires_at(record) == NOW + records.RETENTION_DAYS * 86400


def test_dump_then_load_round_trips_and_is_json_and_float_free():
    record = records.dump(full_state(), now=NOW)
    text = json.dumps(record)  # plain JSON types only
    assert all(type(v) in (str, int, bool) for v in _leaves(record))
    loaded = records.load(json.loads(text))
    assert {k: v for k, v in loaded.items() if k != "ttl"} == dict(full_state(), schema=1)
    assert records.dump(loaded, now=NOW) == record  # idempotent


def test_dump_drops_everything_that_is_not_usage():
    state = dict(full_state())
    state.update({
        "symptoms": ["numbness"], "red_flag": "saddle", "pain_spot": "lower back",
        "episode_started": "2023-11-12", "utterance": "it hurts so much",
    })
    state["routine"] = dict(state["routine"], said="my left leg is numb")
    state["prefs"] = dict(state["prefs"], note="hurts when I bend")
    record = records.dump(state, now=NOW)
    assert set(record) == {"schema", "ttl", "routine", "prefs", "refusals",
                           "disclaimer_given", "last_seen"}
    assert record["routine"] == {"id": "pelvic_tilt", "step": 3, "part": 1}
    assert record["prefs"] == {"hold": 20, "pace": "slow"}


def test_free_text_is_never_stored_even_in_whitelisted_fields():
    record = records.dump({
        "routine": {"id": "my back hurts a lot", "step": 1},
        "prefs": {"pace": "slower please, it hurts"},
        "refusals": {"timers because I hate them": "2023-11-10"},
        "last_seen": "yesterday when I fell",
    }, now=NOW)
    assert set(record) == {"schema", "ttl"}


@pytest.mark.parametrize("value, expected", [
    (20.0, 20), (19.6, 20), (Decimal("15"), 15), (Decimal("7.4"), 7),
    (float("nan"), None), (float("inf"), None), (Decimal("NaN"), None),
    (True, None), ("20", None), (0, None), (301, None),
])
def test_numbers_become_ints_or_are_dropped(value, expected):
    record = records.dump({"prefs": {"hold": value}}, now=NOW)
    if expected is None:
        assert "prefs" not in record
    else:
        assert record["prefs"] == {"hold": expected}
        assert type(record["prefs"]["hold"]) is int


def test_decimals_from_dynamodb_load_as_ints():
    raw = {"schema": Decimal("1"), "routine": {"id": "knee_to_chest", "step": Decimal("2"),
                                                "part": Decimal("0")},
           "ttl": Decimal(NOW), "disclaimer_given": True}
    state = records.load(raw)
    assert state["routine"] == {"id": "knee_to_chest", "step": 2, "part": 0}
    assert type(state["routine"]["step"]) is int
    assert state["disclaimer_given"] is True


@pytest.mark.parametrize("raw", [
    None, [], "text", 42, {"schema": 2, "routine": {"id": "a", "step": 1}},
    {"schema": "one"}, {"schema": -1}, {"schema": 1.5e300}, {"schema": None},
])
def test_unknown_version_or_not_a_record_loads_empty(raw):
    assert records.load(raw) == records.empty()


def test_wrong_types_are_dropped_field_by_field():
    raw = {
        "schema": 1,
        "routine": {"id": 7, "step": 2},           # bad id: the whole position goes
        "prefs": {"hold": ["long"], "pace": "fast"},
        "refusals": ["alexa::alerts:timers:skill:readwrite"],
        "disclaimer_given": "yes",
        "last_seen": "2023-02-30",                 # no such day
    }
    assert records.load(raw) == {"schema": 1, "prefs": {"pace": "fast"}}


def test_unversioned_record_is_migrated_field_by_field():
    raw = {"routine": {"id": "cat_cow", "step": 4}, "disclaimer_given": 1,
           "last_seen": "2023-11-01T08:30:00+00:00", "junk": {"x": 1}}
    assert records.load(raw) == {"schema": 1, "routine": {"id": "cat_cow", "step": 4},
                                 "disclaimer_given": True, "last_seen": "2023-11-01"}


def test_refusal_dates_keep_only_the_day():
    record = records.dump({"refusals": {
        "alexa::alerts:reminders:skill:readwrite": "2023-11-10T21:15:00Z"}}, now=NOW)
    assert record["refusals"] == {"alexa::alerts:reminders:skill:readwrite": "2023-11-10"}


def test_load_never_raises_on_hostile_input():
    class Exploding(dict):
        def get(self, *args):
            raise RuntimeError("boom")

    assert records.load(Exploding(schema=1)) == records.empty()
    deep = {"schema": 1, "routine": {"id": "a", "step": {"nested": [1, 2]}}}
    assert records.load(deep) == records.empty()


def test_today_is_the_utc_day():
    assert records.today(NOW) == "2023-11-14"


def test_retention_is_a_whole_number_of_days():
    record = records.dump({}, now=NOW + 0.9, retention_days=30)
    assert record["ttl"] == NOW + 30 * 86400
    assert not math.isnan(record["ttl"])


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    else:
        yield value
