"""Someone else's red flags said as happening now (triage.Assessment.someone_else): kept apart
from the speaker's, whose level and flags stay as they are; nothing past, denied, supposed, asked
about or said of a thing."""
import pytest

from spasm_coach.triage import assess, flag_level

SAID_NOW = [
    ("my husband has chest pain going into his arm", "chest_or_belly"),
    ("my husbands got chest pain", "chest_or_belly"),  # as a recogniser writes it
    ("my dad has wet himself and can't get up", "bladder"),
    ("he can't feel his legs", "both_legs"),
    ("my wife cant move her legs", "both_legs"),
    ("my dad's fallen down the stairs", "trauma"),
    ("she has pooed herself and she cant get up", "bowel"),
]


@pytest.mark.parametrize("text,flag", SAID_NOW)
def test_someone_elses_emergency_said_now_is_kept_as_theirs(text, flag):
    found = assess(text)
    assert flag in found.someone_else and flag_level(flag) == "emergency", found
    assert found.level in ("none", "clarify") and found.flags == (), found  # never the speaker's


@pytest.mark.parametrize("text", [
    "my dad had a heart attack last year",          # history
    "my wife doesn't have chest pain",              # denied
    "what if my husband fell down the stairs",      # hypothetical
    "my mum had a slipped disc once",
    "my husband had chest pain but he's fine now",  # over
    "my mate fell off a ladder",                    # a story, told in the past
    "my mum wet herself last year",
    "the vase fell off the shelf",                  # a thing's fall
    "can a back spasm make your legs go numb",      # nobody in particular
    "my back is spasming",
])
def test_nothing_past_denied_supposed_or_of_nobody_is_someone_elses_now(text):
    assert assess(text).someone_else == (), text


@pytest.mark.parametrize("text,flag", [
    ("my wife has a fever", "fever"),
    ("my husband has sciatica", "one_leg"),
])
def test_urgent_and_doctor_findings_of_someone_else_are_kept_too(text, flag):
    """The triage keeps them; the dialogue asks only about the emergency ones (handlers/safety.py)."""
    found = assess(text)
    assert flag in found.someone_else and flag_level(flag) != "emergency"


@pytest.mark.parametrize("text,level,flags", [
    ("i wet myself and so did he", "emergency", ("bladder",)),
    ("he wet himself and i wet myself", "emergency", ("bladder",)),
    ("i have chest pain and my wife has a fever", "emergency", ("chest_or_belly",)),
    ("my dad has wet himself", "none", ()),
    ("the baby wet himself", "none", ()),
])
def test_the_speakers_own_level_and_flags_are_untouched(text, level, flags):
    found = assess(text)
    assert (found.level, found.flags) == (level, flags), found
    assert not set(found.someone_else) & set(found.flags)


def test_someone_else_is_serialised_with_the_rest():
    assert assess("my husband has chest pain").to_dict()["someone_else"] == ["chest_or_belly"]
