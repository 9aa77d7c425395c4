"""The triage's fourth round, by kind of meaning (issue 13).

Over-reads set F showed, each as a pair of sentences written here, not taken from any set:
a harmless one of the same kind must stay calm, and the red-flag meaning beside it must
still alarm. Then coverage of each concept lexicon, checked by generating combinations
(region x problem x time words x carrier) rather than by listing sentences.
"""
from __future__ import annotations

import itertools

import pytest

from spasm_coach.triage import assess, level_rank

CALM = ("none", "clarify")


def _alarm(text: str, level: str, locale: str = "en-US") -> bool:
    return level_rank(assess(text, locale=locale).level) >= level_rank(level)


# --------------------------------------------------------------------------- over-reads


@pytest.mark.parametrize("calm, alarm, level", [
    # A room one is stuck in is where one is, not the bladder; a back that "won't let me"
    # move is the spasm, not "cannot pee".
    ("i am lying on the toilet floor and my back wont let me get up", "i want to pee but it wont come out", "emergency"),
    ("stuck in the bathroom because my back doesnt let me stand", "i went to the bathroom and i couldnt pee at all", "emergency"),
    ("on the kitchen floor, back wont let me move", "i cant pee even though i am bursting", "emergency"),
    # Pain that a position eases is not pain unrelieved by rest.
    ("it kills when i walk but okay once i lie still", "it hurts even when i lie still", "doctor"),
    ("sharp when i bend, fine while i am keeping still", "resting makes no difference to the pain", "doctor"),
    ("agony getting up, comfortable when i stay still", "the pain is worse at night and wakes me up", "doctor"),
    # A question about what could happen, asked of nobody.
    ("is it serious if sciatica goes down both legs, just wondering", "sciatica is going down both my legs", "emergency"),
    ("would it be an emergency if someone lost control of their bladder", "i lost control of my bladder", "emergency"),
    ("out of curiosity, is numbness in both feet dangerous", "both my feet have gone numb", "emergency"),
    # "nothing numb": a symptom after "nothing" is denied.
    ("my calves are tight from the floor but nothing tingly", "my calves are tingling in both legs", "emergency"),
    ("calves are tight from lying here, nothing weak", "both legs are weak", "emergency"),
    # A brief episode that is over.
    ("my leg went weak for a second this morning, now its fine", "my leg is getting weaker by the hour", "emergency"),
    ("for a couple of seconds my foot felt numb, now it is normal", "my foot has been numb all day and it is spreading up my leg", "doctor"),
    # Positional and gone, said without a subject.
    ("my arm and leg tingled when i lay on it, now okay", "my leg tingles all the time now", "doctor"),
    # A long-standing condition named in the clause before, referred back to ("from that").
    ("i have had ms for years, my legs get numb because of that", "both my legs went numb today", "emergency"),
    ("diabetic since fifteen years, my feet are numb from that", "my feet went numb suddenly this morning", "emergency"),
])
def test_over_reads_set_f_showed(calm, alarm, level):
    assert assess(calm).level in CALM, (calm, assess(calm))
    assert _alarm(alarm, level), (alarm, assess(alarm))


def test_a_brief_episode_of_a_bladder_or_chest_finding_still_alarms():
    # Only leg findings are set aside when brief and gone: bladder, saddle and chest never.
    assert assess("i wet myself for a second, it is fine now").level == "emergency"
    assert assess("crushing chest pain for a minute, now it is fine").level == "emergency"


def test_a_reference_back_lends_only_a_cause_said_before():
    # "from that" with no condition before it explains nothing away.
    assert assess("i lifted a box, both my legs are numb from that").level == "emergency"
