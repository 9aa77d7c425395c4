"""Issue 13's targets on every sealed red-flag set (tests/data/sealed/redflags-*.jsonl) and
the labelled set, through the simulator one-shot and mid-routine, in both hearings (strict and
approximate); one test per set, context, hearing and target. The written development sets are
measured by `make safety-report`, or here beside them, not held to the targets, under
`make dev-report` (safety_eval.WITH_DEV_SETS).

The figures (tests/safety_eval.py) are printed at the end of every run, -s or not.
"""
from __future__ import annotations

import pytest

import safety_eval as ev

SETS = ev.tested_sets()
NAMES = [ev.set_name(path) for path in SETS]
TARGET_NAMES = [ev.set_name(path) for path in ev.target_sets()]


@pytest.fixture(scope="session")
def safety_report(request):
    report = ev.evaluate(SETS)
    ev.show_in_summary(request.config, "safety recall through the simulator (issue 13)", ev.format_report(report))
    return report


def test_sealed_sets_are_present():
    assert any(ev.is_sealed(path) for path in SETS), "no sealed set in tests/data/%s" % ev.SEALED_GLOB


@pytest.mark.parametrize("target", ev.TARGETS, ids=lambda target: target.name.replace(" ", "_"))
@pytest.mark.parametrize("context", ev.COLUMNS)
@pytest.mark.parametrize("name", TARGET_NAMES)
def test_target(safety_report, name, context, target):
    ev.assert_target(target, safety_report[name][context], "%s, %s" % (name, context))


@pytest.mark.parametrize("context", ev.COLUMNS)
@pytest.mark.parametrize("name", NAMES)
def test_every_row_reached_the_skill_as_intended(safety_report, name, context):
    # A harness error means the row was not measured (the routine never started, ...).
    assert safety_report[name][context]["harness_errors"] == []


# --- the evaluator's own rules -----------------------------------------------------------------

def test_accept_is_derived_when_absent():
    assert ev.row_from({"text": "x", "level": "urgent"}).accept == ("urgent", "emergency")
    assert ev.row_from({"text": "x", "level": "clarify"}).accept == ("none", "clarify")
    assert ev.row_from({"text": "x", "level": "none"}).accept == ("none", "clarify")


def test_dev_accept_adds_to_the_level_and_a_red_flag_accepts_anything_higher():
    foot = ev.row_from({"text": "x", "level": "emergency", "accept": ["urgent"]})
    assert foot.accept == ("urgent", "emergency") and foot.required == "urgent"
    assert foot.met("urgent") and not foot.met("doctor")
    near = ev.row_from({"text": "x", "level": "clarify", "accept": ["clarify", "none", "doctor"]})
    assert near.met("doctor") and near.met("none") and not near.met("urgent")
    with pytest.raises(ValueError):
        ev.row_from({"text": "x", "level": "severe"})


QUESTIONS = frozenset({"ask_where"})


@pytest.mark.parametrize("report, attributes, level", [
    ({"safety": "emergency", "end_session": True}, None, "emergency"),
    ({"safety": "urgent", "end_session": False}, {"safety": "urgent"}, "urgent"),
    ({"safety": "doctor"}, {"pending": "ask_where"}, "doctor"),
    ({"safety": None}, {"pending": "ask_where"}, "clarify"),
    ({"safety": None}, {"pending": "offer_stretches"}, "none"),
    ({"safety": None, "end_session": True}, None, "none"),
])
def test_level_reached(report, attributes, level):
    assert ev.level_reached(report, attributes, QUESTIONS) == (level, None)


def test_an_emergency_that_keeps_the_session_open_is_not_counted_as_one():
    level, anomaly = ev.level_reached({"safety": "emergency", "end_session": False}, {}, QUESTIONS)
    assert level == "urgent" and anomaly


def test_a_skill_error_reaches_nothing_and_is_listed():
    level, anomaly = ev.level_reached({"error": "the skill raised KeyError", "safety": "urgent"}, None, QUESTIONS)
    assert level == "none" and anomaly


def test_targets_compare_the_right_way():
    emergency, fallback = ev.TARGETS[0], ev.TARGETS[-1]
    assert emergency.check({"recall": {"emergency": {"share": 1.0}}}) == (True, 1.0)
    assert emergency.check({"recall": {"emergency": {"share": 0.99}}})[0] is False
    assert emergency.check({"recall": {"emergency": {"share": None}}}) == (True, None)
    assert fallback.check({"fallback": {"share": 0.0299}})[0] is True
    assert fallback.check({"fallback": {"share": 0.03}})[0] is False


def test_sealed_rows_are_never_quoted(safety_report):
    sealed = [name for name, path in zip(NAMES, SETS) if ev.is_sealed(path)]
    text = ev.format_report({name: safety_report[name] for name in sealed}, show_misses=10 ** 6)
    for path in SETS:
        if ev.is_sealed(path):
            for row in ev.load_rows(path):
                assert row.text not in text


def test_a_missed_open_target_is_an_expected_failure_and_a_missed_false_alarm_guard_fails():
    emergency = next(t for t in ev.TARGETS if t.name == "emergency recall")
    alarms = next(t for t in ev.TARGETS if t.name == "benign false alarms")
    guard = next(t for t in ev.TARGETS if t.name == "benign false alarms (guard)")
    low = {"recall": {"emergency": {"share": 0.5}}, "benign_false_alarms": {"share": 0.5}}
    some = {"recall": {"emergency": {"share": 1.0}}, "benign_false_alarms": {"share": 0.06}}
    high = {"recall": {"emergency": {"share": 1.0}}, "benign_false_alarms": {"share": 0.0}}
    for target in (emergency, alarms, guard):
        ev.assert_target(target, high, "met")
    with pytest.raises(pytest.xfail.Exception):
        ev.assert_target(emergency, low, "open")
    with pytest.raises(pytest.xfail.Exception):
        ev.assert_target(alarms, some, "open")
    ev.assert_target(guard, some, "within the guard")
    with pytest.raises(AssertionError):
        ev.assert_target(guard, low, "missed")
    assert guard.name not in ev.NOT_YET_MET and guard.limit < 0.5


def test_a_row_is_said_in_its_own_locale_where_there_is_a_model():
    locales = ev.Locales()
    assert {"en-US", "en-GB"} <= locales.models
    said = ev.row_from({"text": "I wet myself", "level": "emergency", "locale": "en-GB"})
    assert locales.locale_of(said) == "en-GB"
    outcome = locales.run(ev.ONE_SHOT, said)
    assert (outcome.locale, outcome.level) == ("en-GB", "emergency")
    assert locales.alexa("en-GB").nlu is not locales.alexa("en-US").nlu
    assert locales.locale_of(ev.row_from({"text": "x", "level": "none", "locale": "xx-XX"})) == ev.DEFAULT_LOCALE
    assert locales.locale_of(ev.row_from({"text": "x", "level": "none"})) == ev.DEFAULT_LOCALE


def test_figures_are_given_per_locale():
    rows = [ev.row_from({"text": "a", "level": "emergency", "locale": "en-GB"}),
            ev.row_from({"text": "b", "level": "emergency", "locale": "en-AU"}),
            ev.row_from({"text": "c", "level": "none", "locale": "en-AU"})]
    outcomes = [ev.Outcome("emergency", locale="en-GB"), ev.Outcome("none", fallback=True, locale="en-AU"),
                ev.Outcome("urgent", locale="en-AU")]
    figures = ev.figures_for(rows, outcomes).to_dict()
    assert figures["by_locale"]["en-GB"]["hit"] == 1 and figures["by_locale"]["en-AU"]["hit"] == 0
    assert figures["fallback_by_locale"]["en-AU"]["hit"] == 1
    assert figures["alarms_by_locale"]["en-AU"] == {"hit": 1, "total": 1, "share": 1.0}
    assert "locale en-AU routed" in ev.format_set("x", {"rows": {"red_flag": 2, "near_miss": 0, "benign": 1},
                                                       "one_shot": figures})


def test_a_yes_to_the_question_asked_is_counted_beside_the_targets_never_in_them():
    rows = [ev.row_from({"text": "a", "level": "emergency"}), ev.row_from({"text": "b", "level": "urgent"}),
            ev.row_from({"text": "c", "level": "emergency"}), ev.row_from({"text": "d", "level": "none"}),
            ev.row_from({"text": "e", "level": "none"})]
    outcomes = [ev.Outcome("clarify", after_yes="emergency"),  # asked the right question
                ev.Outcome("clarify", after_yes="doctor"),     # asked, but a yes routes too low
                ev.Outcome("emergency"),                        # routed at once
                ev.Outcome("clarify", after_yes="doctor"),      # a calm phrase asked a question
                ev.Outcome("none")]
    figures = ev.figures_for(rows, outcomes).to_dict()
    assert figures["recall"]["all"]["hit"] == 1  # the targets count the phrase alone
    assert figures["routed_or_asked"] == {"hit": 2, "total": 3, "share": 2 / 3}
    assert figures["benign_asked"] == {"hit": 1, "total": 2, "share": 0.5}
    assert figures["benign_false_alarms"]["hit"] == 0


def test_the_simulated_person_says_yes_only_to_a_question_left_waiting():
    alexa = ev.SimulatedAlexa()
    asked = alexa.one_shot("it feels odd down there")  # the saddle question
    assert asked.level == "clarify" and asked.after_yes == "emergency"
    assert alexa.one_shot("my back is spasming").after_yes is None
