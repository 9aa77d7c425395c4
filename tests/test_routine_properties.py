"""The routine engine's properties, for every routine, stretch, side, pace and hold length,
and for any sequence of events. Expected words are built from the content's own
templates, so a new stretch or locale needs no change here."""
import pytest
from hypothesis import given, settings, strategies as st

from spasm_coach.content import for_locale
from spasm_coach.routine import ACTIVE, FINISHED, PAUSED, SINGLE_PREFIX, Coach, is_valid, routine_steps, step_name
from spasm_coach.speech import MAX_BREAK_MS, MAX_SSML_CHARS

CONTENT = for_locale("en-US")
STRETCHES = sorted(s for s, v in CONTENT.stretches.items() if not v.get("prevention_only"))
ROUTINES = sorted(CONTENT.routines) + [SINGLE_PREFIX + s for s in STRETCHES]
PREFS = [{}, {"hold": "longer"}, {"hold": "shorter"}, {"pace": "slower"},
         {"hold": "longer", "pace": "slower"}, {"hold": "shorter", "pace": "slower"}]
EVENTS = ("next", "skip", "previous", "start_over", "current")
CASES = [(r, p) for r in ROUTINES for p in PREFS]
IDS = ["%s-%s" % (r, "+".join("%s=%s" % kv for kv in sorted(p.items())) or "default") for r, p in CASES]


def walk(coach, routine_id, avoid=frozenset()):
    """(state, speech, turn) for every turn of a routine said with "next" to its end."""
    state, speech, turn = coach.start(routine_id)
    if coach.stretch_at(state) in avoid:
        state, speech, turn = coach.current(state, avoid=avoid)
    turns = [(state, speech, turn)]
    for _ in range(200):
        if state["status"] == FINISHED:
            return turns
        state, speech, turn = coach.next(state, avoid)
        turns.append((state, speech, turn))
    raise AssertionError("the routine never finished")


def count_words(seconds):
    return " ".join(CONTENT.number(n) for n in range(1, seconds + 1))


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_a_walk_visits_every_part_of_every_step_once_in_order(routine, prefs):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    turns = walk(coach, routine)
    seen = [(s["step"], s["part"]) for s, _, _ in turns[:-1]] + [(turns[-1][0]["step"], None)]
    expected = [(i, p) for i, step in enumerate(steps) for p in range(len(coach.parts(step)))]
    assert [x for x in seen if x[1] is not None] + [seen[-1]] == seen
    # Every part once, in order; the last turn both says the last part and finishes.
    walked = [x for x in seen[:-1]] + [(len(steps) - 1, len(coach.parts(steps[-1])) - 1)]
    assert walked == expected
    assert turns[-1][0]["status"] == FINISHED
    assert all(s["status"] == ACTIVE and is_valid(CONTENT, s) for s, _, _ in turns[:-1])


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_each_step_is_announced_with_its_own_number_and_name(routine, prefs):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    for state, speech, _ in walk(coach, routine):
        if routine.startswith(SINGLE_PREFIX) or state["part"] != 0 or state["status"] != ACTIVE:
            continue
        step = steps[state["step"]]
        intro = CONTENT.text("routine_lines.step_intro", number=CONTENT.number(state["step"] + 1),
                             total=CONTENT.number(len(steps)), name=step_name(CONTENT, step))
        assert intro in speech.text


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_every_repetition_is_counted_to_a_hold_within_clinical_limits(routine, prefs):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    said = {}
    for state, speech, turn in walk(coach, routine):
        said.setdefault(state["step"], []).append((speech.text, turn))
    for index, step in enumerate(steps):
        stretch = CONTENT.stretches[step.stretch]
        parts = coach.parts(step)
        assert sum(parts) == stretch["reps"]["default"]  # one number true for the whole stretch
        assert max(parts) - min(parts) <= 1  # spread evenly across turns
        turns = [turn for _, turn in said[index]]
        assert [t.reps for t in turns] == list(parts)
        assert all(t.total_reps == sum(parts) and t.steps == len(steps) for t in turns)
        assert [t.first_rep for t in turns] == [1 + sum(parts[:i]) for i in range(len(parts))]
        holds = sum(1 for move in stretch["rep"] if move.get("hold"))
        if not holds:
            assert all(t.hold_s is None for t in turns)
            continue
        seconds = coach.hold_seconds(stretch)
        assert stretch["hold"]["min"] <= seconds <= stretch["hold"]["max"]
        expected = {"longer": "max", "shorter": "min"}.get(prefs.get("hold"), "default")
        assert seconds == stretch["hold"][expected] and all(t.hold_s == seconds for t in turns)
        text = " ".join(words for words, _ in said[index])
        assert text.count(count_words(seconds)) == holds * sum(parts)
        assert count_words(seconds + 1) not in text


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_every_turn_fits_alexas_limits(routine, prefs):
    for _, speech, _ in walk(Coach(CONTENT, prefs), routine):
        ssml = speech.ssml()
        assert len(ssml) <= MAX_SSML_CHARS
        for chunk in ssml.split('<break time="')[1:]:
            assert int(chunk.split("ms")[0]) <= MAX_BREAK_MS


@pytest.mark.parametrize("prefs", PREFS, ids=lambda p: "+".join(sorted(p.values())) or "default")
def test_the_second_side_says_it_is_the_other_side_and_the_first_does_not(prefs):
    coach = Coach(CONTENT, prefs)
    other = CONTENT.text("routine_lines.side_intro")
    for routine in ROUTINES:
        steps = routine_steps(CONTENT, routine)
        for state, speech, _ in walk(coach, routine):
            if state["part"] != 0 or state["status"] != ACTIVE:
                continue
            step = steps[state["step"]]
            sides = CONTENT.stretches[step.stretch].get("sides") or [None]
            assert (other in speech.text) == bool(step.side and step.side != sides[0]), (routine, state)


def test_slower_speaks_more_slowly_but_never_holds_longer():
    for routine in ROUTINES:
        plain_coach, slower = Coach(CONTENT), Coach(CONTENT, {"pace": "slower"})
        assert slower.rate != plain_coach.rate and slower.wps < plain_coach.wps
        assert slower.gap_ms > plain_coach.gap_ms
        for step in routine_steps(CONTENT, routine):
            stretch = CONTENT.stretches[step.stretch]
            assert slower.hold_seconds(stretch) == plain_coach.hold_seconds(stretch)


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
    return coach.current(state, avoid=avoid)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(routine=st.sampled_from(ROUTINES), prefs=st.sampled_from(PREFS),
       events=st.lists(st.sampled_from(EVENTS), max_size=30),
       avoid=st.frozensets(st.sampled_from(STRETCHES), max_size=2))
def test_any_sequence_of_events_keeps_a_valid_state_and_leaves_out_what_hurt(routine, prefs, events, avoid):
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    state, _, _ = coach.start(routine)
    for event in events:
        before = state
        state, speech, _ = apply(coach, before, event, avoid)
        assert is_valid(CONTENT, state) and state["status"] in (ACTIVE, FINISHED), (event, state)
        assert speech and len(speech.ssml()) <= MAX_SSML_CHARS
        assert 0 <= state["part"] < len(coach.parts(steps[state["step"]]))
        moved_on = event in ("next", "skip", "current", "start_over")
        if state["status"] == ACTIVE and (moved_on or before["status"] == FINISHED):
            assert steps[state["step"]].stretch not in avoid, (event, before, state)
        if event in ("next", "skip") and before["status"] == ACTIVE:
            assert (state["step"], state["part"]) > (before["step"], before["part"]) or state["status"] == FINISHED
        if event == "skip" and before["status"] == ACTIVE and state["status"] == ACTIVE:
            assert state["step"] > before["step"] and state["part"] == 0
        if event == "previous" and before["status"] == ACTIVE:
            assert state["step"] <= before["step"] or steps[before["step"]].stretch in avoid
        if event == "start_over" and state["status"] == ACTIVE:
            assert all(steps[i].stretch in avoid for i in range(state["step"]))
        if event == "current" and before["status"] == ACTIVE and steps[before["step"]].stretch not in avoid:
            assert (state["step"], state["part"]) == (before["step"], before["part"])


def test_leaving_out_every_stretch_finishes_at_once():
    coach = Coach(CONTENT)
    state, _, _ = coach.start("gentle")
    done, _, _ = coach.next(state, frozenset(STRETCHES))
    assert done["status"] == FINISHED
    done, _, _ = coach.start_over(state, frozenset(STRETCHES))
    assert done["status"] == FINISHED


def test_a_paused_state_resumes_where_it_was():
    coach = Coach(CONTENT)
    state = {"id": "gentle", "step": 2, "part": 0, "status": PAUSED}
    resumed, _, _ = coach.current(state)
    assert resumed == dict(state, status=ACTIVE)


def walked_steps(routine, prefs):
    """The coach, and (state, speech, turn, step) for every turn of a walk to the end."""
    coach = Coach(CONTENT, prefs)
    steps = routine_steps(CONTENT, routine)
    return coach, [(state, speech, turn, steps[state["step"]]) for state, speech, turn in walk(coach, routine)]


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_each_turn_says_what_its_structured_turn_says(routine, prefs):
    coach, turns = walked_steps(routine, prefs)
    for state, speech, turn, step in turns:
        assert (turn.routine, turn.step, turn.stretch, turn.side) == (routine, state["step"], step.stretch, step.side)
        assert turn.part == (state["part"] if state["status"] == ACTIVE else len(coach.parts(step)) - 1)
        assert len(turn.rep_starts) == turn.reps and list(turn.rep_starts) == sorted(turn.rep_starts)
        assert turn.rep_starts[0] >= turn.lead_s >= 0
        holds = sum(1 for move in CONTENT.stretches[step.stretch]["rep"] if move.get("hold"))
        assert len(turn.hold_starts) == holds * turn.reps
        assert list(turn.hold_starts) == sorted(turn.hold_starts)
        assert all(start > turn.lead_s and start < speech.seconds for start in turn.hold_starts)


@pytest.mark.parametrize("routine,prefs", CASES, ids=IDS)
def test_a_stretch_is_set_up_once_with_its_caution_and_its_count_of_repetitions(routine, prefs):
    coach, turns = walked_steps(routine, prefs)
    for state, speech, turn, step in turns:
        stretch = CONTENT.stretches[step.stretch]
        first_side = step.side == (stretch.get("sides") or [None])[0]
        if turn.part == 0:
            assert (stretch["setup"] in speech.text) == first_side
            if stretch.get("caution"):
                assert (stretch["caution"] in speech.text) == first_side
            count = CONTENT.text("routine_lines.rep_count", count=CONTENT.number(coach.parts(step)[0]))
            assert count in speech.text
        else:
            assert stretch["setup"] not in speech.text


def test_singles_keep_every_side_of_their_stretch():
    for stretch_id in STRETCHES:
        sides = CONTENT.stretches[stretch_id].get("sides") or [None]
        steps = routine_steps(CONTENT, SINGLE_PREFIX + stretch_id)
        assert [(s.stretch, s.side) for s in steps] == [(stretch_id, side) for side in sides]
    assert len({routine_steps(CONTENT, r) for r in ROUTINES}) == len(ROUTINES)  # each its own steps


@pytest.mark.parametrize("routine", ROUTINES)
def test_how_many_are_left_names_this_stretch_and_every_later_one(routine):
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, routine)
    for state, _, _ in walk(coach, routine):
        said = coach.remaining(state).text
        if state["status"] == FINISHED:
            assert said == CONTENT.text("routine_lines.already_finished")
            continue
        later = steps[state["step"] + 1:]
        assert CONTENT.number(state["step"] + 1) in said and CONTENT.number(len(steps)) in said
        assert step_name(CONTENT, steps[state["step"]]) in said
        for other in later:
            assert step_name(CONTENT, other) in said
        for earlier in steps[:state["step"]]:
            if earlier not in later and earlier != steps[state["step"]]:
                assert step_name(CONTENT, earlier) not in said
        assert (CONTENT.text("routine_lines.remaining_last") in said) == (not later)


def test_previous_goes_to_the_start_of_this_stretch_then_the_one_before():
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, "gentle")
    multi = next(i for i, step in enumerate(steps) if len(coach.parts(step)) > 1 and i > 0)
    state = {"id": "gentle", "step": multi, "part": 1, "status": ACTIVE}
    back, _, _ = coach.previous(state)
    assert (back["step"], back["part"]) == (multi, 0)
    back, _, _ = coach.previous(back)
    assert (back["step"], back["part"]) == (multi - 1, 0)
    # Left-out stretches are stepped over backwards, and forwards when none is before.
    later = len(steps) - 1
    avoid = frozenset({steps[later - 1].stretch})
    back, _, _ = coach.previous({"id": "gentle", "step": later, "part": 0, "status": ACTIVE}, avoid)
    expected = max(i for i in range(later) if steps[i].stretch not in avoid)
    assert back["step"] == expected
    first = frozenset({steps[0].stretch})
    back, _, _ = coach.previous({"id": "gentle", "step": 2, "part": 0, "status": ACTIVE}, first)
    assert back["step"] == next(i for i, s in enumerate(steps) if s.stretch not in first)


def test_holds_without_limits_in_the_content_fall_back_safely():
    for prefs, expected in (({}, 7), ({"hold": "longer"}, 7), ({"hold": "shorter"}, 7)):
        assert Coach(CONTENT, prefs).hold_seconds({"hold": {"default": 7}}) == expected
    for prefs in ({}, {"hold": "longer"}, {"hold": "shorter"}):
        assert Coach(CONTENT, prefs).hold_seconds({}) == 5


def test_a_state_without_a_part_is_at_the_start_of_its_step():
    assert is_valid(CONTENT, {"id": "gentle", "step": 1, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "part": -1, "status": ACTIVE})
    assert not is_valid(CONTENT, {"id": "gentle", "step": 1, "part": None, "status": ACTIVE})


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
            for _, speech, _ in walk(coach, routine):
                assert "{" not in speech.text and "None" not in speech.text
        state, _, _ = coach.start("gentle")
        for move in (lambda lead: coach.start("gentle", lead), lambda lead: coach.current(state, lead),
                     lambda lead: coach.skip(state, lead=lead)):
            assert move(coach.speech().say("Lead words."))[1].text.startswith("Lead words.")
        opening = CONTENT.text("routine_lines.intro")
        assert opening in coach.start("gentle")[1].text
        assert coach.start_over(state)[1].text.startswith(CONTENT.text("routine_lines.start_over"))
        assert coach.skip(state)[1].text.startswith(CONTENT.text("routine_lines.skip"))
        assert coach.previous(state)[1].text.startswith(CONTENT.text("routine_lines.first_step"))


def test_a_part_out_of_range_is_brought_back_and_next_from_a_pause_is_active_again():
    coach = Coach(CONTENT)
    steps = routine_steps(CONTENT, "gentle")
    state, _, _ = coach.current({"id": "gentle", "step": 0, "part": 99, "status": PAUSED})
    assert state["part"] == len(coach.parts(steps[0])) - 1 and state["status"] == ACTIVE
    paused = {"id": "gentle", "step": 0, "part": 0, "status": PAUSED}
    if len(coach.parts(steps[0])) > 1:
        moved, _, _ = coach.next(paused)
        assert moved["status"] == ACTIVE and moved["part"] == 1
