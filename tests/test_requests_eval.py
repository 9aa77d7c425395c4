"""Issue 15's targets on every sealed request set (tests/data/sealed/requests-*.jsonl), in both
hearings: at least 80% answered right in the strict hearing and 90% in the approximate one
(expected failures, with their figures, while the issue is open). On those, and under
`make dev-report` on the development sets too (requests_eval.DEV_SETS, learnt from, so held
to no share; `make requests-report` measures them as well), no request may raise a safety
level: always a failure on a development set, and an expected failure with its count on a
sealed set while issue 15 is open (a fresh set's over-read may be learnt from only once the
set is a development set). The figures (tests/requests_eval.py) are printed at
the end of every run, -s or not.
"""
from __future__ import annotations

import json

import pytest

import requests_eval as ev
from requests_eval import WITH_DEV_SETS

SETS = ev.tested_sets()
NAMES = [ev.set_name(path) for path in SETS]
SEALED = ev.sealed_sets()
SEALED_NAMES = [ev.set_name(path) for path in SEALED]


@pytest.fixture(scope="session")
def requests_report(request):
    report = ev.evaluate(SETS)
    ev.show_in_summary(request.config, "natural requests through the simulator (issue 15)", ev.format_report(report))
    return report


def test_a_sealed_request_set_is_present():
    assert SEALED and all(ev.is_sealed(path) for path in SEALED)


def test_the_development_sets_are_present_and_unsealed():
    assert ev.DEV_SETS and all(path.exists() and not ev.is_sealed(path) for path in ev.DEV_SETS)
    assert all(ev.set_name(path) not in SEALED_NAMES for path in ev.DEV_SETS)


@pytest.mark.skipif(not WITH_DEV_SETS, reason="the development sets are measured by make dev-report")
def test_the_development_sets_are_reported_unsealed(requests_report):
    for path in ev.DEV_SETS:
        assert requests_report["sets"][ev.set_name(path)]["sealed"] is False


@pytest.mark.parametrize("hearing", ev.HEARINGS)
@pytest.mark.parametrize("name", SEALED_NAMES)
def test_share_answered_right(requests_report, name, hearing):
    ev.assert_target(hearing, requests_report["sets"][name][hearing])


@pytest.mark.parametrize("hearing", ev.HEARINGS)
@pytest.mark.parametrize("name", NAMES)
def test_no_request_raises_a_safety_level(requests_report, name, hearing):
    ev.assert_no_raise(name, hearing, requests_report["sets"][name][hearing], name in SEALED_NAMES)


@pytest.mark.parametrize("hearing", ev.HEARINGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_row_reached_the_skill_as_intended(requests_report, name, hearing):
    figures = requests_report["sets"][name][hearing]
    assert figures["harness_errors"] == [] and figures["problems"] == []


def test_sealed_rows_are_never_quoted(requests_report):
    text = ev.format_report(requests_report, show_misses=10 ** 6) + json.dumps(requests_report)
    # Words a development set also holds are quoted as that set's (two writers may say the same).
    quoted = {row.text for path in ev.DEV_SETS for row in ev.load_rows(path)}
    for path in SEALED:
        for row in ev.load_rows(path):
            # Quoted as a whole, as the report and its JSON quote a row (a short sealed row may
            # also be a few words inside a development row).
            shown = repr(row.text) in text or json.dumps(row.text) in text
            assert row.text in quoted or not shown


def test_a_development_sets_misses_are_quoted_and_a_sealed_sets_are_not():
    miss = ev.Outcome(ev.Row("what is the weather", "opened", "help", line=7))
    quoted, unquoted = ev.Figures(quote=True), ev.Figures(quote=False)
    quoted.add(miss)
    unquoted.add(miss)
    assert "what is the weather" in quoted.misses[0] and "line 7" in quoted.misses[0]
    assert "what is the weather" not in unquoted.misses[0] and "line 7" in unquoted.misses[0]


def test_every_label_of_every_set_has_a_judgement():
    for path in ev.default_sets():
        assert {row.expects for row in ev.load_rows(path)} <= set(ev.JUDGEMENTS)


# --- the harness's own rules, on requests written here ------------------------------------------

def run(text, context, expects, locale="en-US"):
    with ev.Harness("strict") as harness:
        return harness.run(ev.Row(text, context, expects, locale=locale))


@pytest.mark.parametrize("text, context, expects", [
    ("my back is spasming", "opened", "relief"),
    ("start stretches", "opened", "start_routine"),
    ("yes", "question", "yes"),
    ("no", "question", "no"),
    ("next", "routine", "next"),
    ("go back", "routine", "previous"),
    ("repeat", "routine", "repeat"),
    ("skip", "routine", "skip"),
    ("pause", "routine", "pause"),
    ("resume", "opened", "resume"),
    ("start over", "routine", "start_over"),
    ("slower please", "routine", "slower"),
    ("longer holds", "routine", "longer_holds"),
    ("that hurts", "routine", "that_hurts"),
    ("help", "routine", "help"),
    ("stop", "routine", "stop"),
    ("set an ice timer", "opened", "timer_ice"),
    ("how long is left on my timer", "timer", "timer_check"),
    ("cancel the timer", "timer", "timer_cancel"),
    ("pause the timer", "timer", "timer_pause"),
    ("remind me to walk every hour", "opened", "reminder_walk"),
    ("forget my data", "opened", "forget_me"),
    ("should i use heat or ice", "routine", "info_heat_ice"),
    ("a short routine", "question", "short_routine"),
    ("only lying down", "routine", "lying_only"),
    ("what are the stretches", "opened", "list_stretches"),
    ("how many are left", "routine", "how_many_left"),
    ("better", "feedback", "better"),
    ("about the same", "feedback", "same"),
    ("worse", "feedback", "worse"),
])
def test_the_skills_own_phrases_are_judged_right(text, context, expects):
    outcome = run(text, context, expects)
    assert outcome.harness is None and outcome.ok, outcome


@pytest.mark.parametrize("text, context, expects", [
    ("next", "routine", "previous"),           # moved on, not back
    ("pause", "routine", "stop"),              # paused is not stopped
    ("set a heat timer", "opened", "timer_ice"),
    ("set an ice timer", "timer", "timer_check"),  # a timer asked about must not be created
    ("repeat", "routine", "next"),
    ("should i use heat or ice", "opened", "info_painkillers"),
    ("start stretches", "opened", "lying_only"),
    ("start stretches", "opened", "short_routine"),
    ("a short routine", "opened", "start_routine"),
    ("better", "feedback", "worse"),
    ("worse", "feedback", "same"),
    ("what's the weather like", "opened", "help"),
])
def test_the_wrong_behaviour_is_judged_wrong(text, context, expects):
    outcome = run(text, context, expects)
    assert outcome.harness is None and not outcome.ok


def test_a_red_flag_is_never_right_and_is_counted():
    outcome = run("I wet myself", "opened", "relief")
    assert not outcome.ok and outcome.level == "emergency"
    figures = ev.Figures()
    figures.add(outcome)
    assert figures.raised and figures.all.hit == 0


def test_a_locale_without_its_own_model_is_heard_with_en_us_and_said_so():
    with ev.Harness("strict") as harness:
        outcome = harness.run(ev.Row("start stretches", "opened", "start_routine", locale="xx-XX"))
        assert outcome.ok and any("xx-XX" in note for note in harness.notes.values())


def test_a_missed_target_is_an_expected_failure_while_open():
    low = {"all": {"share": 0.1}}
    with pytest.raises(pytest.xfail.Exception):
        ev.assert_target("strict", low)
    ev.assert_target("approximate", {"all": {"share": 0.95}})


def test_a_raised_level_fails_on_a_development_set_and_is_expected_on_a_sealed_one_while_open():
    raised = {"raised": [(1, "relief", "opened", "doctor")]}
    with pytest.raises(AssertionError):
        ev.assert_no_raise("dev", "strict", raised, sealed=False)
    with pytest.raises(pytest.xfail.Exception):
        ev.assert_no_raise("sealed", "strict", raised, sealed=True)
    ev.assert_no_raise("sealed", "strict", {"raised": []}, sealed=True)


# --- issue 15's findings, each said as people say them (these fell back, or did the wrong
# thing, before the hearing's breadth) ----------------------------------------------------------

@pytest.mark.parametrize("text, context, expects", [
    ("I'm in agony", "opened", "relief"),
    ("my back just seized up", "opened", "relief"),
    ("how much time is left on my heat pack", "timer", "timer_check"),
    ("is it time to take it off yet", "timer", "timer_check"),
    ("can you stop the timer", "timer", "timer_cancel"),
    ("turn the timer off please", "timer", "timer_cancel"),
    ("stop the clock for a minute", "timer", "timer_pause"),
    ("can I take ibuprofen for this", "opened", "info_painkillers"),
    ("is a heat pack okay", "opened", "info_heat_ice"),
    ("yes please do", "question", "yes"),
    ("yeah go on", "question", "yes"),
    ("wait a moment", "routine", "pause"),
    ("say that again differently", "routine", "repeat"),
    ("delete everything about me", "opened", "forget_me"),
    ("okay bye for now", "routine", "stop"),
    ("can I go to work", "opened", "info_work"),
    ("should I stay in bed all day", "opened", "info_bed_rest"),
    ("can I still go to the gym", "opened", "info_exercise"),
    ("what causes back spasms", "opened", "info_causes"),
    ("would a massage help", "opened", "info_treatments"),
    ("should I see a chiropractor", "opened", "info_treatments"),
    ("can I stretch before bed", "opened", "info_exercise"),
    ("how can I get comfortable", "opened", "info_comfortable"),
    ("what's the best position to sleep in", "opened", "info_sleep"),
    ("how long will it take to heal", "opened", "info_recovery"),
    ("can you remind me to get up every hour", "opened", "reminder_walk"),
    ("i don't want the reminders anymore", "opened", "reminder_cancel"),
])
@pytest.mark.parametrize("hearing", ev.HEARINGS)
def test_everyday_requests_get_their_behaviour(hearing, text, context, expects):
    with ev.Harness(hearing) as harness:
        outcome = harness.run(ev.Row(text, context, expects))
    assert outcome.harness is None and outcome.ok and outcome.level == "none", outcome


def test_a_timer_question_never_creates_a_timer():
    with ev.Harness("strict") as harness:
        for text in ("how long has my heat pack got left", "is my timer done", "when can I take the heat off",
                     "pause my timer please", "cancel the heat timer", "is it time to take the heat pack off"):
            talk = harness.conversation("en-US")
            harness.timer(talk, "timer_check")
            reports = talk.line(text)
            assert [t for r in reports for t in r.get("timers") or []] == [], text
