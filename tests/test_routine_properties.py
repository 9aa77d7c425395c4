"""The routine engine's properties, for every routine, stretch, side, pace and hold length,
and for any sequence of events. Expected words are built from the content's own
templates, so a new stretch or locale needs no change here."""
import pytest
from hypothesis import given, settings, strategies as st

from spasm_coach import questions
from spasm_coach.content import for_locale
from spasm_coach.routine import (ACTIVE, CAUTION, FINISHED, PAUSED, SETUP, SINGLE_PREFIX,
                                 Coach, is_valid, routine_steps, step_name)
from spasm_coach.speech import MAX_BREAK_MS, MAX_SSML_CHARS

CONTENT = for_locale("en-US")
STRETCHES = sorted(s for s, v in CONTENT.stretches.items() if not v.get("prevention_only"))
ROUTINES = sorted(CONTENT.routines) + [SINGLE_PREFIX + s for s in STRETCHES]
PREFS = [{}, {"hold": "longer"}, {"hold": "shorter"}, {"pace": "slower"},
         {"hold": "longer", "pace": "slower"}, {"hold": "shorter", "pace": "slower"}]
EVENTS = ("next", "skip", "previous", "start_over", "current", "caution_yes", "caution_no")
CASES = [(r, p) for r in ROUTINES for p in PREFS]
IDS = ["%s-%s" % (r, "+".join("%s=%s" % kv for kv in sorted(p.items())) or "default") for r, p in CASES]


def walk(coach, routine_id, avoid=frozenset()):
    """(state, speech, turn) for every turn of a routine said through to its end: "no" to
    a caution, "ready" after a set-up, "next" after repetitions."""
    state, speech, turn = coach.start(routine_id, avoid=avoid)
    turns = [(state, speech, turn)]
    for _ in range(200):
        if state["status"] == FINISHED:
            return turns
        state, speech, turn = coach.next(state, avoid)
        turns.append((state, speech, turn))
    raise AssertionError("the routine never finished")


def count_words(seconds):
    return " ".join(CONTENT.number(n) for n in range(1, seconds + 1))


def holds_in(stretch, full=True):
    return sum(1 for move in stretch["rep" if full or not stretch.get("again") else "again"] if move.get("hold"))


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_a_walk_visits_caution_set_up_and_every_part_of_every_step_once_in_order(routine, prefs):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    turns = walk(coach, routine)
    seen = [(s["step"], s.get("stage"), s["part"]) for s, _, _ in turns[:-1]]
    expected = []
    for index, step in enumerate(steps):
        if CONTENT.stretches[step.stretch].get("caution"):
            expected.append((index, CAUTION, 0))
        expected.append((index, SETUP, 0))
        expected += [(index, None, p) for p in range(len(coach.parts(step)))]
    assert seen == expected
    assert turns[-1][0]["status"] == FINISHED and turns[-1][2] is None
    assert all(s["status"] == ACTIVE and is_valid(CONTENT, s) for s, _, _ in turns[:-1])


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_a_stretch_starts_with_its_set_up_then_its_repetitions(routine, prefs):
    """Set-up first, with one number of repetitions true for the whole stretch and "say
    ready"; a caution that needs an answer is a question before it; repetitions after."""
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    for state, speech, turn in walk(coach, routine)[:-1]:
        step = steps[state["step"]]
        stretch = CONTENT.stretches[step.stretch]
        said = speech.text
        if not routine.startswith(SINGLE_PREFIX) and state.get("stage"):
            assert CONTENT.text("routine_lines.step_intro", number=CONTENT.number(state["step"] + 1),
                                total=CONTENT.number(len(steps)), name=step_name(CONTENT, step)) in said
        if state.get("stage") == CAUTION:
            assert said.endswith(stretch["caution"]["question"]) and stretch["setup"] not in said
            assert turn.asks == "caution_" + stretch["caution"]["id"] and turn.asks in questions.QUESTIONS
            assert not turn.hold_starts and turn.reps == 0
        elif state.get("stage") == SETUP:
            assert stretch["setup"] in said and said.endswith(CONTENT.text("routine_lines.ready_prompt"))
            assert CONTENT.number(step.reps) in said and "hold" not in said.lower()
            assert not turn.hold_starts and not turn.rep_starts and turn.reps == 0
        else:
            assert stretch["setup"] not in said and turn.reps > 0
            assert CONTENT.text("routine_lines.ready_prompt") not in said


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_every_repetition_is_counted_to_a_hold_within_clinical_limits(routine, prefs):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    said = {}
    for state, speech, turn in walk(coach, routine)[:-1]:
        if not state.get("stage"):
            said.setdefault(state["step"], []).append((speech.text, turn))
    for index, step in enumerate(steps):
        stretch = CONTENT.stretches[step.stretch]
        assert stretch["reps"]["min"] <= step.reps <= stretch["reps"]["max"]
        parts = coach.parts(step)
        turns = [turn for _, turn in said[index]]
        assert [(t.side, t.first_rep, t.reps) for t in turns] == [(p.side, p.first + 1, p.reps) for p in parts]
        for side in step.sides:  # every side gets every repetition, once, in order
            mine = [p for p in parts if p.side == side]
            assert sum(p.reps for p in mine) == step.reps and mine[0].first == 0
            assert all(a.first + a.reps == b.first for a, b in zip(mine, mine[1:]))
        assert all(t.total_reps == step.reps and t.steps == len(steps) for t in turns)
        if not holds_in(stretch):
            assert all(t.hold_s is None and not t.hold_starts for t in turns)
            continue
        seconds = coach.hold_seconds(stretch)
        assert stretch["hold"]["min"] <= seconds <= stretch["hold"]["max"]
        expected = {"longer": "max", "shorter": "min"}.get(prefs.get("hold"), "default")
        assert seconds == stretch["hold"][expected] and all(t.hold_s == seconds for t in turns)
        text = " ".join(words for words, _ in said[index])
        per_side = holds_in(stretch) + holds_in(stretch, False) * (step.reps - 1)
        assert text.count(count_words(seconds)) == per_side * len(step.sides)
        assert count_words(seconds + 1) not in text


@pytest.mark.parametrize("prefs", PREFS, ids=lambda p: "+".join(sorted(p.values())) or "default")
def test_a_count_keeps_one_number_a_second_at_every_pace(prefs):
    """A hold lasts its count (each number and its gap a second, as the turn's length is
    estimated), so it stays within the stretch's range whatever the pace."""
    coach = Coach(CONTENT, prefs)
    assert abs(1.0 / coach.wps + coach.gap_ms / 1000.0 - 1.0) < 0.001
    for stretch_id in STRETCHES:
        stretch = CONTENT.stretches[stretch_id]
        if not stretch.get("hold"):
            continue
        seconds = coach.hold_seconds(stretch)
        block = coach.speech().count(seconds, CONTENT.raw("speech.numbers"), gap_ms=coach.gap_ms).freeze()
        assert abs(block.seconds(coach.wps) - seconds) < 0.01
        assert stretch["hold"]["min"] - 0.01 <= block.seconds(coach.wps) <= stretch["hold"]["max"] + 0.01


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_every_turn_fits_alexas_limits_and_the_turn_budget(routine, prefs):
    coach = Coach(CONTENT, prefs)
    for state, speech, turn in walk(coach, routine):
        ssml = speech.ssml()
        assert len(ssml) <= MAX_SSML_CHARS
        for chunk in ssml.split('<break time="')[1:]:
            assert int(chunk.split("ms")[0]) <= MAX_BREAK_MS
        if turn is not None and turn.reps > 1:
            assert speech.seconds <= coach.budget, (state, speech.seconds)


@pytest.mark.parametrize("routine", ROUTINES)
def test_at_the_usual_pace_a_stretch_needs_at_most_ready_and_two_nexts(routine):
    coach = Coach(CONTENT)
    for step in routine_steps(CONTENT, routine):
        assert len(coach.parts(step)) <= 3, step


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_every_turn_ends_with_what_it_waits_for_and_asks_after_each_stretch(routine, prefs):
    coach = Coach(CONTENT, prefs)
    for state, speech, turn in walk(coach, routine)[:-1]:
        line, reprompt = coach.prompt(state)
        assert speech.text.endswith(line) and reprompt
        last = state.get("stage") is None and state["part"] == len(coach.parts(coach.step_at(state))) - 1
        assert (turn.asks == "feedback") == last == (coach.asks(state) == "feedback")
        if last:
            assert line == CONTENT.text("routine_lines.feedback")
        if turn.asks:
            assert turn.asks in questions.QUESTIONS


@pytest.mark.parametrize("prefs", PREFS, ids=lambda p: "+".join(sorted(p.values())) or "default")
def test_only_the_first_turn_of_a_later_side_says_which_side(prefs):
    coach = Coach(CONTENT, prefs)
    for routine in ROUTINES:
        for state, speech, turn in walk(coach, routine)[:-1]:
            step = coach.step_at(state)
            for side in step.sides[1:]:
                announced = CONTENT.text("routine_lines.side_intro", side=CONTENT.side(side)) in speech.text
                assert announced == (turn.reps > 0 and turn.side == side and turn.first_rep == 1), (routine, state)


def test_slower_speaks_and_breathes_more_slowly_but_never_holds_longer():
    for routine in ROUTINES:
        usual, slower = Coach(CONTENT), Coach(CONTENT, {"pace": "slower"})
        assert slower.rate != usual.rate and slower.wps < usual.wps
        assert slower.pause_factor > usual.pause_factor == 1.0
        for step in routine_steps(CONTENT, routine):
            stretch = CONTENT.stretches[step.stretch]
            assert slower.hold_seconds(stretch) == usual.hold_seconds(stretch)
            assert slower.rep(step, step.sides[0]).seconds(slower.wps) > usual.rep(step, step.sides[0]).seconds(usual.wps)


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_resuming_gives_the_set_up_again_and_then_the_part_it_was_on(routine, prefs):
    coach = Coach(CONTENT, prefs)
    for state, _, _ in walk(coach, routine)[:-1]:
        if state.get("stage"):
            continue
        stretch = CONTENT.stretches[coach.stretch_at(state)]
        paused = {"id": state["id"], "step": state["step"], "part": state["part"], "status": PAUSED}
        resumed, speech, turn = coach.current(paused)
        assert resumed == dict(paused, status=ACTIVE, stage=SETUP) and stretch["setup"] in speech.text
        assert turn.reps == 0 and speech.text.endswith(CONTENT.text("routine_lines.ready_prompt"))
        ready, again, _ = coach.next(resumed)
        assert ready == state


@pytest.mark.parametrize("routine", ROUTINES)
def test_repeat_says_the_turn_without_what_led_into_it(routine):
    coach = Coach(CONTENT)
    state, speech, _ = coach.start(routine, coach.speech().say("Lead words."))
    again = coach.again(state)
    assert speech.text.startswith("Lead words.") and "Lead words." not in again.text
    assert CONTENT.text("routine_lines.intro", count="x")[:10] not in again.text
    assert speech.text.endswith(again.text)
    for state, speech, _ in walk(coach, routine)[1:-1]:
        assert coach.again(state).text == speech.text


# -- any sequence of events ----------------------------------------------------------------
def apply(coach, state, event, avoid):
    if event == "next":
        return coach.next(state, avoid)
    if event == "skip":
        return coach.skip(state, avoid)
    if event == "previous":
        return coach.previous(state, avoid)
    if event == "start_over":
        return coach.start_over(state, avoid)
    if event in ("caution_yes", "caution_no") and state.get("stage") == CAUTION and state["status"] == ACTIVE:
        return coach.answer_caution(state, event == "caution_yes", avoid)
    return coach.current(state, avoid=avoid)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(routine=st.sampled_from(ROUTINES), prefs=st.sampled_from(PREFS),
       events=st.lists(st.sampled_from(EVENTS), max_size=30),
       avoid=st.frozensets(st.sampled_from(STRETCHES), max_size=2))
def test_any_sequence_of_events_keeps_a_valid_state_and_leaves_out_what_hurt(routine, prefs, events, avoid):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    state, _, _ = coach.start(routine, avoid=avoid)
    for event in events:
        before = state
        state, speech, turn = apply(coach, before, event, avoid)
        assert is_valid(CONTENT, state) and state["status"] in (ACTIVE, FINISHED), (event, state)
        assert speech and len(speech.ssml()) <= MAX_SSML_CHARS
        assert 0 <= state["part"] < len(coach.parts(steps[state["step"]]))
        assert (turn is None) == (state["status"] == FINISHED)
        if turn is not None:  # the structured turn is the state's
            assert (turn.step, turn.part, turn.stage) == (state["step"], state["part"], state.get("stage"))
            assert turn.side == coach.parts(steps[state["step"]])[state["part"]].side
        if state["status"] == ACTIVE:
            assert steps[state["step"]].stretch not in avoid, (event, before, state)
        if event in ("next", "skip") and before["status"] == ACTIVE:
            order = {CAUTION: 0, SETUP: 1, None: 2}
            assert (state["step"], state["part"], order[state.get("stage")]) > \
                (before["step"], before["part"], order[before.get("stage")]) or state["status"] == FINISHED
        if event == "skip" and before["status"] == ACTIVE and state["status"] == ACTIVE:
            assert state["step"] > before["step"] and state["part"] == 0 and state.get("stage")
        if event == "previous" and before["status"] == ACTIVE:
            assert state["step"] <= before["step"] or steps[before["step"]].stretch in avoid
        if event == "start_over" and state["status"] == ACTIVE:
            assert all(steps[i].stretch in avoid for i in range(state["step"])) and state.get("stage")
        if event == "caution_yes" and before.get("stage") == CAUTION and state["status"] == ACTIVE:
            assert state["step"] > before["step"]


def test_leaving_out_every_stretch_finishes_at_once():
    coach = Coach(CONTENT)
    state, _, _ = coach.start("gentle")
    done, _, _ = coach.next(state, frozenset(STRETCHES))
    assert done["status"] == FINISHED
    done, _, _ = coach.start_over(state, frozenset(STRETCHES))
    assert done["status"] == FINISHED


def test_a_caution_that_applies_leaves_its_stretch_out_and_one_that_does_not_sets_it_up():
    coach = Coach(CONTENT)
    for routine in ROUTINES:
        state, _, _ = coach.start(routine)
        if state.get("stage") != CAUTION:
            continue
        moved, speech, _ = coach.answer_caution(state, True)
        assert CONTENT.text("routine_lines.caution_left_out") in speech.text
        assert moved["status"] == FINISHED or coach.stretch_at(moved) != coach.stretch_at(state)
        moved, speech, _ = coach.answer_caution(state, False)
        assert (moved["step"], moved.get("stage")) == (state["step"], SETUP)


def walked_steps(routine, prefs):
    """The coach, and (state, speech, turn, step) for every turn of a walk to the end."""
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    return coach, [(state, speech, turn, steps[state["step"]]) for state, speech, turn in walk(coach, routine)[:-1]]


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_each_turn_says_what_its_structured_turn_says(routine, prefs):
    coach, turns = walked_steps(routine, prefs)
    for state, speech, turn, step in turns:
        assert (turn.routine, turn.step, turn.stretch) == (routine, state["step"], step.stretch)
        assert turn.part == state["part"] and turn.stage == state.get("stage")
        assert len(turn.rep_starts) == turn.reps and list(turn.rep_starts) == sorted(turn.rep_starts)
        stretch = CONTENT.stretches[step.stretch]
        holds = [holds_in(stretch, turn.first_rep + i <= max(1, len(stretch.get("alternate") or [])))
                 for i in range(turn.reps)]
        assert len(turn.hold_starts) == sum(holds)
        assert list(turn.hold_starts) == sorted(turn.hold_starts)
        assert all(turn.lead_s < start < speech.seconds for start in turn.hold_starts)
        if turn.reps:
            assert turn.rep_starts[0] >= turn.lead_s >= 0


def test_singles_keep_every_side_of_their_stretch():
    for stretch_id in STRETCHES:
        sides = tuple(CONTENT.stretches[stretch_id].get("sides") or [None])
        steps = routine_steps(CONTENT, SINGLE_PREFIX + stretch_id)
        assert [(s.stretch, s.sides) for s in steps] == [(stretch_id, sides)]
    assert len({routine_steps(CONTENT, r) for r in ROUTINES}) == len(ROUTINES)  # each its own steps


def test_routine_repetitions_stay_within_each_stretchs_range():
    for routine_id, routine in CONTENT.routines.items():
        for step in routine_steps(CONTENT, routine_id):
            limits = CONTENT.stretches[step.stretch]["reps"]
            assert limits["min"] <= step.reps <= limits["max"]
            assert step.reps == (routine.get("reps") or {}).get(step.stretch, limits["default"])


@pytest.mark.parametrize("routine", ROUTINES)
def test_how_many_are_left_says_the_number_and_names_every_later_one(routine):
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, routine)
    for avoid in (frozenset(), frozenset(STRETCHES[:1])):
        for state, _, _ in walk(coach, routine, avoid):
            said = coach.remaining(state, avoid).text
            if state["status"] == FINISHED:
                assert said == CONTENT.text("routine_lines.already_finished")
                continue
            later = [s for s in steps[state["step"] + 1:] if s.stretch not in avoid]
            assert CONTENT.number(state["step"] + 1) in said and CONTENT.number(len(steps)) in said
            assert step_name(CONTENT, steps[state["step"]]) in said
            for other in later:
                assert step_name(CONTENT, other) in said
            if later:
                assert CONTENT.text("routine_lines.remaining_some", count=CONTENT.number(len(later)),
                                    names="")[:-1].rstrip(": ") in said
            for earlier in steps[:state["step"]]:
                if earlier not in later:
                    assert step_name(CONTENT, earlier) not in said
            assert (CONTENT.text("routine_lines.remaining_last") in said) == (not later)


def test_previous_goes_to_the_start_of_this_stretch_then_the_set_up_of_the_one_before():
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, "gentle")
    multi = next(i for i, step in enumerate(steps) if len(coach.parts(step)) > 1 and i > 0)
    state = {"id": "gentle", "step": multi, "part": 1, "status": ACTIVE}
    back, _, _ = coach.previous(state)
    assert (back["step"], back["part"], back.get("stage")) == (multi, 0, None)
    back, _, _ = coach.previous(back)
    assert back["step"] == multi - 1 and back.get("stage") in (CAUTION, SETUP)
    later = len(steps) - 1
    avoid = frozenset({steps[later - 1].stretch})
    back, _, _ = coach.previous({"id": "gentle", "step": later, "part": 0, "status": ACTIVE}, avoid)
    assert back["step"] == max(i for i in range(later) if steps[i].stretch not in avoid)
    first = frozenset({steps[0].stretch})
    back, _, _ = coach.previous({"id": "gentle", "step": 2, "part": 0, "status": ACTIVE}, first)
    assert back["step"] == 1
    back, speech, _ = coach.previous({"id": "gentle", "step": 0, "part": 0, "status": ACTIVE, "stage": SETUP}, first)
    assert back["step"] == next(i for i, s in enumerate(steps) if s.stretch not in first)


def test_holds_without_limits_in_the_content_fall_back_safely():
    for prefs, expected in (({}, 7), ({"hold": "longer"}, 7), ({"hold": "shorter"}, 7)):
        assert Coach(CONTENT, prefs).hold_seconds({"hold": {"default": 7}}) == expected
    for prefs in ({}, {"hold": "longer"}, {"hold": "shorter"}):
        assert Coach(CONTENT, prefs).hold_seconds({}) == 5


def test_a_state_without_a_part_is_at_the_start_of_its_step_and_odd_stages_are_refused():
    assert is_valid(CONTENT, {"id": "gentle", "step": 1, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "part": -1, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "part": None, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "part": True, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "status": ACTIVE, "stage": "dancing"})
    uncautioned = next(i for i, s in enumerate(routine_steps(CONTENT, "gentle"))
                       if not CONTENT.stretches[s.stretch].get("caution"))
    assert not is_valid(CONTENT, {"id": "gentle", "step": uncautioned, "status": ACTIVE, "stage": CAUTION})


def test_each_hold_length_and_pace_is_rendered_for_itself_on_one_content():
    """Turns are kept per style: a choice made later in a session is never answered with
    words rendered for an earlier one."""
    content = for_locale("en-US")
    seen = {}
    for prefs in PREFS:
        coach = Coach(content, prefs)
        stretch = CONTENT.stretches["knee_to_chest"]
        text = " ".join(speech.text for _, speech, _ in walk(coach, "gentle"))
        assert count_words(coach.hold_seconds(stretch)) in text
        assert count_words(coach.hold_seconds(stretch) + 1) not in text
        seen[tuple(sorted(prefs.items()))] = [speech.ssml() for _, speech, _ in walk(coach, "gentle")]
    assert len({tuple(v) for v in seen.values()}) == len(PREFS)


@pytest.mark.parametrize("routine", ROUTINES)
def test_describe_says_where_a_state_stands(routine):
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, routine)
    for state, _, _ in walk(coach, routine):
        assert coach.describe(state) == {"number": CONTENT.number(state["step"] + 1),
                                         "total": CONTENT.number(len(steps)),
                                         "name": step_name(CONTENT, steps[state["step"]])}


def test_the_list_says_how_many_and_leaves_out_what_is_left_out():
    coach = Coach(CONTENT)
    for routine in CONTENT.routines:
        steps = routine_steps(CONTENT, routine)
        said = coach.listing(routine).text
        assert CONTENT.number(len(steps)) in said and all(step_name(CONTENT, s) in said for s in steps)
        gone = steps[0].stretch
        said = coach.listing(routine, frozenset({gone})).text
        assert CONTENT.number(len(steps) - 1) in said and CONTENT.stretches[gone]["name"] not in said


def test_fixed_speech_is_built_once_per_key_and_style_and_spoken_as_built():
    content = for_locale("en-US")
    content.forget_derived()
    calls = []

    def build(speech):
        calls.append(speech.rate)
        return speech.say("Fixed words.").pause(0.5)

    plain_coach, slower = Coach(content), Coach(content, {"pace": "slower"})
    first = plain_coach.fixed("test.fixed", build)
    again = plain_coach.fixed("test.fixed", build)
    assert first.ssml() == again.ssml() and len(calls) == 1
    assert first.text == "Fixed words." and first.rate == plain_coach.rate
    slow = slower.fixed("test.fixed", build)
    assert len(calls) == 2 and slow.rate == slower.rate and slow.ssml() != first.ssml()
    other = plain_coach.fixed("test.other", build)
    assert len(calls) == 3 and other.text == "Fixed words."
    # A fixed block can be spoken on: what follows is added to a new speech each time.
    assert plain_coach.fixed("test.fixed", build).say("More.").text == "Fixed words. More."
    assert plain_coach.fixed("test.fixed", build).text == "Fixed words."


def test_every_line_is_filled_and_every_lead_is_said_first():
    for prefs in PREFS:
        coach = Coach(CONTENT, prefs)
        assert coach.speech().words_per_second == coach.wps and coach.speech().rate == coach.rate
        for routine in ROUTINES:
            for state, speech, _ in walk(coach, routine):
                assert "{" not in speech.text and "None" not in speech.text
                if state["status"] == ACTIVE:
                    assert all("{" not in line for line in coach.prompt(state))
        state, _, _ = coach.start("gentle")
        for move in (lambda lead: coach.start("gentle", lead), lambda lead: coach.current(state, lead),
                     lambda lead: coach.skip(state, lead=lead), lambda lead: coach.start_over(state, lead=lead),
                     lambda lead: coach.answer_caution(state, False, lead=lead)):
            assert move(coach.speech().say("Lead words."))[1].text.startswith("Lead words.")
        opening = CONTENT.text("routine_lines.intro", count=CONTENT.number(len(routine_steps(CONTENT, "gentle"))))
        assert opening in coach.start("gentle")[1].text
        assert coach.start_over(state)[1].text.startswith(CONTENT.text("routine_lines.start_over"))
        assert coach.skip(state)[1].text.startswith(CONTENT.text("routine_lines.skip"))
        assert coach.previous(state)[1].text.startswith(CONTENT.text("routine_lines.first_step"))


def test_a_part_out_of_range_is_brought_back_and_next_from_a_pause_is_active_again():
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, "gentle")
    state, _, _ = coach.current({"id": "gentle", "step": 0, "part": 99, "status": PAUSED})
    assert state["part"] == len(coach.parts(steps[0])) - 1 and state["status"] == ACTIVE
    paused = {"id": "gentle", "step": 1, "part": 0, "status": PAUSED}
    moved, _, _ = coach.next(paused)
    assert moved["status"] == ACTIVE
