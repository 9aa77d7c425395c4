"""'How long do I hold it?': the current stretch's hold, however it is asked."""
import pytest

from envelopes import Said, intent
from lambda_function import lambda_handler
from spasm_coach.content import for_locale
from spasm_coach.routine import routine_steps
from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path

WORDS = for_locale("en-US")
HOLDS = {name: stretch.get("hold") for name, stretch in WORDS.stretches.items()}


def at(step, prefs=None, status="active"):
    attributes = {"routine": {"id": "gentle", "step": step, "part": 0, "status": status}, "screened": True}
    return dict(attributes, prefs=prefs) if prefs else attributes


def send(name, attributes, slots=None):
    return Said(lambda_handler(intent(name, slots, dict(attributes)), None))


def seconds(stretch, choice="default"):
    return WORDS.number(HOLDS[stretch][choice])


@pytest.mark.parametrize("prefs, choice", [(None, "default"), ({"hold": "longer"}, "max"), ({"hold": "shorter"}, "min")])
def test_the_hold_of_the_stretch_under_way_at_this_persons_hold_length(prefs, choice):
    attributes = at(0, prefs)  # knee to chest
    said = send("HoldLengthIntent", attributes)
    assert said.says("routine_lines.hold_length", seconds=seconds("knee_to_chest", choice)), said.text
    # Nothing moves, and the turn still waits for what it waited for.
    assert said.attributes["routine"] == attributes["routine"]
    assert said.says("routine_lines.next_prompt") or said.says("routine_lines.next_side_prompt",
                                                                side=WORDS.side("left"))


def test_a_stretch_moved_with_the_breath_has_no_hold():
    steps = [step.stretch for step in routine_steps(WORDS, "gentle")]
    step = next(i for i, name in enumerate(steps) if not HOLDS[name])
    said = send("HoldLengthIntent", at(step))
    assert said.says("routine_lines.hold_length_none", name=WORDS.raw("stretches.%s.name" % steps[step])), said.text
    assert not said.says("routine_lines.hold_length", seconds=seconds("knee_to_chest"))


def test_without_a_routine_every_hold_is_counted_and_the_stretches_are_offered():
    said = send("HoldLengthIntent", {})
    assert said.says("routine_lines.hold_length_general") and said.attributes["pending"] == "offer_stretches"
    assert "routine" not in said.attributes


@pytest.mark.parametrize("name, words", [
    ("RequestHowIntent", "long do i hold it"), ("RequestHowIntent", "long should i stay like this mate"),
    ("RequestHowIntent", "many seconds do we hold each one"), ("RequestTellIntent", "me how long to hold it for"),
    ("RequestWhatIntent", "s the count on this one how long do i hold"),
])
def test_asked_in_other_words_mid_routine(name, words):
    said = send(name, at(0), {"Request": words})
    assert said.says("routine_lines.hold_length", seconds=seconds("knee_to_chest")), (words, said.text)
    assert said.attributes.get("safety") is None


@pytest.mark.parametrize("name, words", [
    ("RequestHowIntent", "long should i keep the ice on"), ("RequestHowIntent", "long will this last"),
    ("RequestHowIntent", "long is left on the heat timer"), ("RequestHowIntent", "long should i rest in bed"),
    ("RequestCanIntent", "we hold longer"),
])
def test_other_how_long_questions_are_not_the_hold(name, words):
    said = send(name, at(0), {"Request": words})
    assert not said.says("routine_lines.hold_length", seconds=seconds("knee_to_chest")), (words, said.text)


@pytest.mark.parametrize("locale", model_locales())
@pytest.mark.parametrize("words", ["how long do i hold it", "how long should i hold this stretch",
                                   "how many seconds is each hold"])
def test_heard_as_the_hold_in_every_locale(locale, words):
    assert load_nlu(model_path(locale)).hear(words).intent == "HoldLengthIntent"
