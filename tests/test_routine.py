import pytest

from envelopes import speaks
from spasm_coach.content import for_locale
from spasm_coach.routine import FINISHED, Coach, is_valid, routine_steps
from spasm_coach.speech import MAX_BREAK_MS

CONTENT = for_locale("en-US")


def counted(first, last):
    """The count from `first` to `last` as the locale says its numbers."""
    return " ".join(CONTENT.number(n) for n in range(first, last + 1))


def name(stretch):
    return CONTENT.raw("stretches.%s.name" % stretch)


def walk(coach, routine_id="gentle"):
    """Every turn of a routine: "no" to the caution, "ready", then "next" to its end."""
    state, speech, _turn = coach.start(routine_id)
    turns = [(state, speech)]
    for _ in range(100):
        if state["status"] == FINISHED:
            return turns
        state, speech, _turn = coach.next(state)
        turns.append((state, speech))
    raise AssertionError("the routine never finished")


@pytest.mark.parametrize("prefs", [{}, {"hold": "longer"}, {"hold": "shorter", "pace": "slower"}])
def test_every_turn_is_short_enough_to_follow_lying_down(prefs):
    for state, speech in walk(Coach(CONTENT, prefs)):
        assert speech.seconds <= CONTENT.voice["turn_budget_s"], (state, speech.seconds)
        assert len(speech.ssml()) < 8000


def test_routine_starts_lying_down_and_ends_on_hands_and_knees():
    steps = routine_steps(CONTENT, "gentle")
    positions = [CONTENT.stretches[s.stretch]["position"] for s in steps]
    assert positions[0] == "lying" and positions[-1] == "hands_and_knees"
    assert positions == sorted(positions, key=["lying", "hands_and_knees"].index)
    assert steps[0].stretch == "knee_to_chest" and steps[0].sides == ("right", "left")


def test_every_stretch_and_its_repetitions_are_spoken():
    coach = Coach(CONTENT)
    text = " ".join(speech.text for _, speech in walk(coach))
    for number, stretch in enumerate(("knee_to_chest", "pelvic_tilt", "knee_rolls", "childs_pose", "cat_cow"), 1):
        assert speaks(text, "routine_lines.step_intro", number=CONTENT.number(number), total=CONTENT.number(5),
                      name=name(stretch))
    assert speaks(text, "routine_lines.side_intro", side=CONTENT.side("left"))
    # Knee to chest: two holds a side, each counted to ten (clinical.md: 5 to 15 s).
    assert text.count("%s %s" % (CONTENT.text("routine_lines.hold_intro"), counted(1, 10))) == 4
    assert speaks(text, "routine_lines.rep_count_sides", count=CONTENT.number(2), side=CONTENT.side("right"))
    assert text.rstrip().endswith(CONTENT.text("routine_lines.finished"))


def test_holds_follow_preferences_within_clinical_limits():
    longer = " ".join(s.text for _, s in walk(Coach(CONTENT, {"hold": "longer"})))
    assert counted(13, 15) in longer and CONTENT.number(16) not in longer
    shorter = [s.text for _, s in walk(Coach(CONTENT, {"hold": "shorter"}))]
    first_hold = next(text for text in shorter if CONTENT.text("routine_lines.hold_intro") in text)
    assert counted(1, 5) in first_hold and CONTENT.number(6) not in first_hold.split(counted(1, 5))[1]


def test_no_break_is_longer_than_alexa_allows():
    for _, speech in walk(Coach(CONTENT, {"pace": "slower"})):
        for chunk in speech.ssml().split('<break time="')[1:]:
            assert int(chunk.split("ms")[0]) <= MAX_BREAK_MS


def test_previous_skip_start_over_and_remaining():
    coach = Coach(CONTENT)
    state, _, _turn = coach.start("gentle")
    state, speech, _turn = coach.previous(state)
    assert speaks(speech.text, "routine_lines.first_step") and state["step"] == 0
    state, speech, _turn = coach.skip(state)
    assert state["step"] == 1 and speaks(speech.text, "routine_lines.skip")
    state, _, _turn = coach.skip(state)
    assert state["step"] == 2
    said = coach.remaining(state).text
    assert speaks(said, "routine_lines.remaining", number=CONTENT.number(3), total=CONTENT.number(5), name=name("knee_rolls"))
    names = "%s %s %s" % (name("childs_pose"), CONTENT.text("speech.list_and"), name("cat_cow"))
    assert speaks(said, "routine_lines.remaining_some", count=CONTENT.number(2), names=names)
    state, speech, _turn = coach.previous(state)
    assert state["step"] == 1
    state, speech, _turn = coach.start_over(state)
    assert state == {"id": "gentle", "step": 0, "part": 0, "status": "active", "stage": "caution"}


def test_finished_routine_stays_finished():
    coach = Coach(CONTENT)
    state = walk(coach)[-1][0]
    assert state["status"] == FINISHED
    same, speech, _turn = coach.next(state)
    assert same == state and speaks(speech.text, "routine_lines.already_finished")
    back, _, _turn = coach.previous(state)
    assert back["status"] == "active" and back["step"] == 4 and back["stage"] == "setup"


def test_single_stretch_and_its_close():
    turns = walk(Coach(CONTENT), "single:cat_cow")
    assert speaks(turns[0][1].text, "routine_lines.single_intro", name=name("cat_cow"))
    assert speaks(turns[-1][1].text, "routine_lines.single_finished", name=name("cat_cow"))
    assert speaks(turns[-2][1].text, "routine_lines.feedback")


@pytest.mark.parametrize("state", [None, [], {"id": "gentle"}, {"id": "gentle", "step": 99, "part": 0, "status": "active"},
                                   {"id": "nope", "step": 0, "part": 0, "status": "active"},
                                   {"id": "gentle", "step": "1", "part": 0, "status": "active"},
                                   {"id": "gentle", "step": 0, "part": 0, "status": "dancing"},
                                   {"id": "single:plank", "step": 0, "part": 0, "status": "active"}])
def test_invalid_states_are_rejected(state):
    assert not is_valid(CONTENT, state)


def test_odd_preferences_speak_as_the_defaults_and_slower_is_slower():
    default = [(state, speech.ssml()) for state, speech in walk(Coach(CONTENT, {}))]
    for prefs in ({"hold": "x" * 300}, {"pace": 7, "hold": None}, {"extra": "anything"}):
        assert [(state, speech.ssml()) for state, speech in walk(Coach(CONTENT, prefs))] == default
    slower = walk(Coach(CONTENT, {"pace": "slower"}))
    assert all('rate="%s"' % CONTENT.voice["slower_rate"] in speech.ssml() for _, speech in slower)
    assert routine_steps(CONTENT, "no such routine") == routine_steps(CONTENT, "single:nope") == ()
