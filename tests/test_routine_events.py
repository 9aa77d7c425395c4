"""The routine's events one at a time, from the states a session can hold: where each moves
(step, part, stage, status), what it leaves out, the pause it makes before the turn at each
pace, and what a set-up picked up part-way says. Expected words come from the content's own
templates, so a new stretch or locale needs no change here."""
import pytest

from spasm_coach.content import Content, for_locale
from spasm_coach.routine import (ACTIVE, CAUTION, FINISHED, PAUSED, SETUP, SINGLE_PREFIX, Coach,
                                 routine_steps)
from spasm_coach.speech import spoken_list

CONTENT = for_locale("en-US")
PACES = [{}, {"pace": "slower"}]
STEPS = routine_steps(CONTENT, "gentle")
STRETCHES = sorted(s for s, v in CONTENT.stretches.items() if not v.get("prevention_only"))
ROUTINES = sorted(CONTENT.routines) + [SINGLE_PREFIX + s for s in STRETCHES]


def at(step, part=None, stage=None, status=ACTIVE, routine="gentle"):
    state = {"id": routine, "step": step, "status": status}
    if part is not None:
        state["part"] = part
    if stage:
        state["stage"] = stage
    return state


def where(state):
    return state["step"], state.get("part"), state.get("stage"), state["status"]


def first_stage(index):
    """Where arriving at a stretch of the gentle routine starts: its caution, if it has one."""
    return CAUTION if CONTENT.stretches[STEPS[index].stretch].get("caution") else SETUP


def said_alone(coach, key):
    return coach.speech().say(CONTENT.text(key)).seconds


# -- the pause before the turn -------------------------------------------------------------
@pytest.mark.parametrize("prefs", PACES, ids=["usual", "slower"])
def test_each_line_before_a_turn_is_followed_by_its_pause_at_this_pace(prefs):
    coach = Coach(CONTENT, prefs)
    beat = coach.pause_factor
    state, _, turn = coach.start("gentle")
    intro = CONTENT.text("routine_lines.intro", count=CONTENT.number(len(STEPS)))
    assert turn.lead_s == pytest.approx(coach.speech().say(intro).seconds + beat)
    _, _, turn = coach.skip(state)
    assert turn.lead_s == pytest.approx(said_alone(coach, "routine_lines.skip") + beat)
    _, _, turn = coach.start_over(at(2, 0, SETUP))
    assert turn.lead_s == pytest.approx(said_alone(coach, "routine_lines.start_over") + beat)
    _, _, turn = coach.previous(at(0, 0, SETUP))
    assert turn.lead_s == pytest.approx(said_alone(coach, "routine_lines.first_step") + beat)
    _, _, turn = coach.answer_caution(state, True)
    assert turn.lead_s == pytest.approx(said_alone(coach, "routine_lines.caution_left_out") + beat / 2)


# -- moving on past what is left out -------------------------------------------------------
def test_a_caution_that_applies_moves_to_the_next_stretch_that_is_kept():
    coach = Coach(CONTENT)
    state, _, _ = coach.start("gentle")
    assert where(state) == (0, 0, CAUTION, ACTIVE)
    moved, _, turn = coach.answer_caution(state, True)
    assert where(moved) == (1, 0, first_stage(1), ACTIVE) and turn.stretch == STEPS[1].stretch
    moved, _, _ = coach.answer_caution(state, True, frozenset({STEPS[1].stretch}))
    assert where(moved) == (2, 0, first_stage(2), ACTIVE)


@pytest.mark.parametrize("event", ["current", "next"])
def test_resuming_or_going_on_from_a_stretch_left_out_goes_to_the_next_one_kept(event):
    coach = Coach(CONTENT)
    move = {"current": lambda s, avoid: coach.current(s, avoid=avoid), "next": coach.next}[event]
    for status in (ACTIVE, PAUSED):
        state = at(1, 1, None, status)
        moved, _, _ = move(state, frozenset({STEPS[1].stretch}))
        assert where(moved) == (2, 0, first_stage(2), ACTIVE)
        moved, _, _ = move(state, frozenset({STEPS[1].stretch, STEPS[2].stretch}))
        assert where(moved) == (3, 0, first_stage(3), ACTIVE)


def test_the_end_of_a_stretch_goes_past_the_stretches_left_out():
    coach = Coach(CONTENT)
    last = len(coach.parts(STEPS[1])) - 1
    moved, _, _ = coach.next(at(1, last), frozenset({STEPS[2].stretch}))
    assert where(moved) == (3, 0, first_stage(3), ACTIVE)
    moved, _, turn = coach.next(at(1, last), frozenset(s.stretch for s in STEPS[2:]))
    assert moved == {"id": "gentle", "step": len(STEPS) - 1, "part": 0, "status": FINISHED} and turn is None


def test_previous_goes_past_a_stretch_left_out_down_to_the_first():
    coach = Coach(CONTENT)
    back, _, _ = coach.previous(at(2, 0), frozenset({STEPS[1].stretch}))
    assert where(back) == (0, 0, first_stage(0), ACTIVE)


# -- states as they are stored: without a part, part-way, paused, finished ------------------
def test_a_state_without_a_part_is_at_its_first_part_for_every_event():
    coach = Coach(CONTENT)
    assert len(coach.parts(STEPS[1])) > 1
    moved, _, turn = coach.next(at(1))
    assert where(moved) == (1, 1, None, ACTIVE) and turn.first_rep == coach.parts(STEPS[1])[1].first + 1
    assert coach.asks(at(1)) is None
    assert len(coach.parts(STEPS[0])) == 2 and coach.asks(at(0)) is None  # the first of two parts
    moved, _, _ = coach.current(at(1, status=PAUSED))
    assert where(moved) == (1, 0, SETUP, ACTIVE)
    back, _, _ = coach.previous(at(1))
    assert where(back) == (0, 0, first_stage(0), ACTIVE)


def test_resuming_keeps_an_unanswered_caution_and_the_part_reached():
    coach = Coach(CONTENT)
    moved, speech, turn = coach.current(at(0, 0, CAUTION, PAUSED))
    assert where(moved) == (0, 0, CAUTION, ACTIVE)
    assert turn.asks == "caution_" + CONTENT.stretches[STEPS[0].stretch]["caution"]["id"]
    last = len(coach.parts(STEPS[1])) - 1
    moved, speech, turn = coach.current(at(1, last, None, PAUSED))
    assert where(moved) == (1, last, SETUP, ACTIVE)
    # The set-up asks for "ready", not yet how the back feels: the repetitions come first.
    assert turn.asks is None and coach.asks(moved) is None
    assert coach.prompt(moved)[0] == CONTENT.text("routine_lines.ready_prompt")
    assert speech.text.endswith(CONTENT.text("routine_lines.ready_prompt"))


def test_previous_from_a_set_up_picked_up_part_way_goes_to_the_stretch_before():
    coach = Coach(CONTENT)
    back, _, _ = coach.previous(at(1, 2, SETUP))
    assert where(back) == (0, 0, first_stage(0), ACTIVE)
    back, _, _ = coach.previous(at(1, 2, None))
    assert where(back) == (1, 0, None, ACTIVE)


def test_previous_after_the_end_sets_up_the_last_stretch_whatever_part_was_stored():
    coach = Coach(CONTENT)
    last = len(STEPS) - 1
    for part in (0, 1):
        back, _, _ = coach.previous(at(last, part, status=FINISHED))
        assert where(back) == (last, 0, first_stage(last), ACTIVE)


def test_a_finished_routine_is_only_said_to_be_finished():
    coach = Coach(CONTENT)
    done = at(len(STEPS) - 1, 0, status=FINISHED)
    finished = CONTENT.text("routine_lines.already_finished")
    for moved, speech, turn in (coach.next(dict(done)), coach.skip(dict(done))):
        assert moved == done and turn is None and speech.text == finished
    assert coach.prompt(done) == (finished, CONTENT.text("routine_lines.already_finished_reprompt"))
    assert coach.asks(done) is None and coach.again(done) is None


# -- what a set-up says ---------------------------------------------------------------------
@pytest.mark.parametrize("prefs", [{}, {"pace": "slower"}, {"hold": "longer"}], ids=["usual", "slower", "longer"])
def test_a_set_up_says_how_many_times_or_where_it_picks_up(prefs):
    coach = Coach(CONTENT, prefs)
    text, number = CONTENT.text, CONTENT.number
    for routine in ROUTINES:
        for index, step in enumerate(routine_steps(CONTENT, routine)):
            stretch = CONTENT.stretches[step.stretch]
            for part_index, part in enumerate(coach.parts(step)):
                _, speech, _ = coach.current(at(index, part_index, None, PAUSED, routine))
                said = speech.text
                picked_up = part.first > 0 or part.side != step.sides[0]
                resume = text("routine_lines.resume_from", number=number(part.first + 1), total=number(step.reps))
                resume_side = text("routine_lines.resume_from_side", side=CONTENT.side(part.side),
                                   number=number(part.first + 1), total=number(step.reps))
                assert (resume in said) == (picked_up and part.side is None), (routine, index, part)
                assert (resume_side in said) == (picked_up and part.side is not None), (routine, index, part)
                if picked_up:
                    continue
                if stretch.get("count"):
                    line = CONTENT.fill(stretch["count"], count=number(step.reps))
                elif part.side is not None:
                    line = text("routine_lines.rep_count_sides", count=number(step.reps), side=CONTENT.side(part.side))
                else:
                    line = text("routine_lines.rep_count", count=number(step.reps))
                assert line in said, (routine, index, part)


# -- the rest -------------------------------------------------------------------------------
def test_a_repetition_is_by_default_the_first_said_in_full_on_its_side():
    coach = Coach(CONTENT)
    for step in STEPS:
        stretch = CONTENT.stretches[step.stretch]
        side = step.sides[0]
        said_side = (stretch.get("alternate") or [side])[0]  # a stretch that alternates starts its own way
        opening = CONTENT.fill(stretch["rep"][0]["say"], side=CONTENT.side(said_side))
        assert opening in coach.rep(step, side).text
        if stretch.get("again") and not stretch.get("alternate"):
            assert opening not in coach.rep(step, side, 1).text


def test_the_list_names_the_routine_and_joins_its_stretches_as_the_locale_does():
    coach = Coach(CONTENT)
    for routine in CONTENT.routines:
        names = [CONTENT.stretches[s.stretch]["name"] for s in routine_steps(CONTENT, routine)]
        said = coach.listing(routine).text
        assert CONTENT.routines[routine]["name"] in said
        assert spoken_list(names, CONTENT.text("speech.list_and")) in said


def test_a_routines_repetitions_are_kept_anywhere_in_the_stretchs_range():
    data = dict(CONTENT.data)
    low = {name: CONTENT.stretches[name]["reps"]["min"] for name in STRETCHES}
    high = {name: CONTENT.stretches[name]["reps"]["max"] for name in STRETCHES}
    over = {name: value + 1 for name, value in high.items()}
    odd = {name: str(value) for name, value in low.items()}
    data["routines"] = {name: {"name": name, "steps": STRETCHES, "reps": reps}
                        for name, reps in (("low", low), ("high", high), ("over", over), ("odd", odd))}
    content = Content("en-US", data)
    default = {name: CONTENT.stretches[name]["reps"]["default"] for name in STRETCHES}
    for name, expected in (("low", low), ("high", high), ("over", default), ("odd", default)):
        assert {s.stretch: s.reps for s in routine_steps(content, name)} == expected, name


# -- prompts, sides and the structured turn -------------------------------------------------
@pytest.mark.parametrize("prefs", PACES, ids=["usual", "slower"])
def test_each_part_ends_by_naming_the_side_that_comes_next_or_asking_how_it_feels(prefs):
    coach = Coach(CONTENT, prefs)
    text = CONTENT.text
    for routine in ROUTINES:
        for index, step in enumerate(routine_steps(CONTENT, routine)):
            parts = coach.parts(step)
            for number, part in enumerate(parts):
                line, _ = coach.prompt(at(index, number, routine=routine))
                if number == len(parts) - 1:
                    expected = text("routine_lines.feedback")
                elif parts[number + 1].side != part.side:
                    expected = text("routine_lines.next_side_prompt", side=CONTENT.side(parts[number + 1].side))
                else:
                    expected = text("routine_lines.next_prompt")
                assert line == expected, (routine, index, number)
            # A stored part past the last (an older split) is the last; none is the first.
            assert coach.prompt(at(index, len(parts) + 5, routine=routine))[0] == text("routine_lines.feedback")
            assert coach.prompt(at(index, routine=routine)) == coach.prompt(at(index, 0, routine=routine))


def test_every_side_and_way_is_said_in_its_own_words():
    """Each side's repetitions name that side; a stretch that alternates goes its ways in turn."""
    for prefs in PACES:
        coach = Coach(CONTENT, prefs)
        for step in STEPS:
            stretch = CONTENT.stretches[step.stretch]
            ways = stretch.get("alternate")
            for side in step.sides:
                for part_index, part in enumerate(coach.parts(step)):
                    if part.side != side:
                        continue
                    said = coach.again(at(STEPS.index(step), part_index)).text
                    for rep in range(part.first, part.first + part.reps):
                        word = ways[rep % len(ways)] if ways else side
                        move = stretch["rep"] if rep < max(1, len(ways or [])) else stretch["again"]
                        assert CONTENT.fill(move[0]["say"], side=CONTENT.side(word)) in said, (step, side, rep)
                        assert CONTENT.fill(move[0]["say"], side=CONTENT.side(word)) in \
                            coach.rep(step, side, rep).text


def test_a_turn_read_on_its_own_starts_at_nought_and_keeps_to_its_step():
    coach = Coach(CONTENT)
    parts = coach.parts(STEPS[1])
    turn = coach.turn_at("gentle", 1, 0)
    assert turn.lead_s == 0 and turn.rep_starts[0] == 0
    turn = coach.turn_at("gentle", 1, len(parts) + 3)
    assert turn.part == len(parts) - 1 and turn.asks == "feedback"
    turn = coach.turn_at("gentle", 1, 0, stage="dancing")
    assert turn.stage is None and turn.reps == parts[0].reps
    assert coach.again(at(1)).text == coach.again(at(1, 0)).text != coach.again(at(1, 1)).text


@pytest.mark.parametrize("step", range(len(STEPS)))
def test_a_turn_said_after_other_speech_starts_each_repetition_and_hold_that_much_later(step):
    coach = Coach(CONTENT)
    alone, after = coach.turn_at("gentle", step, 0), coach.turn_at("gentle", step, 0, lead_s=7.5)
    assert after.lead_s == 7.5
    assert after.rep_starts == tuple(7.5 + t for t in alone.rep_starts)
    assert after.hold_starts == tuple(7.5 + t for t in alone.hold_starts)
    assert (after.step, after.part, after.reps, after.hold_s) == (alone.step, alone.part, alone.reps, alone.hold_s)


# -- splitting a stretch across turns ------------------------------------------------------
def with_budget(seconds, short_feedback=False):
    """The content with another turn budget; with ``short_feedback``, the question after a
    stretch shorter than the side's prompt, so that the side's prompt is the longest ending."""
    data = dict(CONTENT.data, voice=dict(CONTENT.voice, turn_budget_s=seconds))
    if short_feedback:
        data["routine_lines"] = dict(CONTENT.data["routine_lines"], feedback="Better?")
    return Content("en-US", data)


def allowed(coach, content, step, side):
    """What the split allows a side's repetitions (the turn budget, less the side's first
    words and two beats on a later side, less a beat and the longest line a part may end
    with), and each repetition's seconds with the beat before it."""
    text = content.text
    prompts = [text("routine_lines.feedback"), text("routine_lines.next_prompt")] + [
        text("routine_lines.next_side_prompt", side=content.side(s)) for s in step.sides if s]
    ending = coach.pause_factor + max(coach.speech().say(line).seconds for line in prompts)
    lead = 0.0
    if side != step.sides[0]:
        lead = coach.speech().say(text("routine_lines.side_intro", side=content.side(side))).seconds \
            + 2 * coach.pause_factor
    reps = [coach.rep(step, side, i).seconds(coach.wps) + (coach.pause_factor if i else 0.0)
            for i in range(step.reps)]
    return content.voice["turn_budget_s"] - lead - ending, reps


@pytest.mark.parametrize("prefs,short_feedback", [({}, False), ({"pace": "slower"}, False), ({}, True)],
                         ids=["usual", "slower", "short-feedback"])
def test_a_side_is_split_into_the_fewest_turns_that_fit_the_budget(prefs, short_feedback):
    """At any budget: every part of more than one repetition fits, and no two neighbours
    would fit together (so one turn fewer could not do)."""
    seen = set()
    for budget in [10 + 0.25 * i for i in range(300)]:
        content = with_budget(budget, short_feedback)
        coach = Coach(content, prefs)
        for routine in content.routines:
            for step in routine_steps(content, routine):
                parts = coach.parts(step)
                for side in step.sides:
                    limit, reps = allowed(coach, content, step, side)
                    mine = [(p.first, p.reps) for p in parts if p.side == side]
                    seen.add(len(mine))
                    took = [sum(reps[first:first + count]) for first, count in mine]
                    assert all(t <= limit for t, (_, count) in zip(took, mine) if count > 1), (budget, step, side)
                    assert all(a + b > limit for a, b in zip(took, took[1:])), (budget, step, side)
    assert {1, 2, 3} <= seen


# -- pace -----------------------------------------------------------------------------------
def test_the_pace_sets_the_words_a_second_and_the_gap_after_each_counted_number():
    voice = CONTENT.voice
    assert Coach(CONTENT).wps == pytest.approx(voice["words_per_second"])
    assert Coach(CONTENT, {"pace": "slower"}).wps == pytest.approx(
        voice["words_per_second"] * voice["slower_words_factor"])
    # However slowly the words are said, a counted number keeps a short gap after it.
    slow = Content("en-US", dict(CONTENT.data, voice=dict(voice, words_per_second=1.0)))
    assert Coach(slow).gap_ms == 200


@pytest.mark.parametrize("prefs", [{}, {"pace": "slower"}, {"hold": "longer", "pace": "slower"}],
                         ids=["usual", "slower", "longer-slower"])
def test_a_repetition_pauses_for_its_holds_breaths_and_rests_at_this_pace(prefs):
    """A repetition's silence: each counted second's gap, each breath in and out, and each
    rest, the breaths and rests longer when slower; and the cues to breathe are said."""
    coach = Coach(CONTENT, prefs)
    voice, beat = CONTENT.voice, coach.pause_factor
    breathe = (CONTENT.text("routine_lines.breathe_in"), CONTENT.text("routine_lines.breathe_out"))
    for step in STEPS:
        stretch = CONTENT.stretches[step.stretch]
        for index in (0, 1):
            block = coach.rep(step, step.sides[0], index)
            moves = stretch["rep"] if index < max(1, len(stretch.get("alternate") or [])) else stretch["again"]
            expected = 0
            for move in moves:
                if move.get("hold"):
                    expected += coach.hold_seconds(stretch) * coach.gap_ms
                breaths = int(move.get("breath") or 0)
                expected += breaths * (round(voice["breath_in_s"] * beat * 1000) + round(voice["breath_out_s"] * beat * 1000))
                expected += round((move.get("pause") or 0) * beat * 1000)
            assert block.pause_ms == expected, (step.stretch, index)
            if any(move.get("breath") for move in moves):
                assert all(cue in block.text for cue in breathe)


def test_an_odd_preference_shares_the_default_rendering():
    """Preferences come from storage: an unknown hold length is rendered as the default,
    never once more for each odd value."""
    content = with_budget(CONTENT.voice["turn_budget_s"])
    built = []

    def build(speech):
        built.append(1)
        return speech.say("Fixed words.")

    for prefs in ({}, {"hold": "x" * 40}, {"hold": "y"}, {"hold": 3}):
        Coach(content, prefs).fixed("test.fixed", build)
    assert len(built) == 1
