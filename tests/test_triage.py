"""Triage: behaviour, not wording. Levels, flags and clarifying topics for clinical.md's
phrases, the labelled development sets, concepts combined in any order, what sets a
finding aside (denial, history, hypotheticals, someone else, positional and gone),
speech-recogniser text, dialect words, per-locale vocabularies, odd input, and a
vocabulary that is broken (which must fail loudly, never quietly answer "clarify").

How fast it is is measured by `make bench` (the red-flag row), not here."""
from __future__ import annotations

import json
import re
import shutil
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from spasm_coach import triage
from spasm_coach.triage import LEVELS, Assessment, VocabularyError, assess, level_rank, max_level

DATA = Path(__file__).resolve().parent / "data"
ROWS = [json.loads(line) for line in (DATA / "triage_en-US.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
CONCEPT_ROWS = [json.loads(line) for line in (DATA / "triage_concepts_en.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
CONTENT = Path(triage.__file__).resolve().parent / "content"
LOCALE_FILES = sorted(p for p in CONTENT.glob("redflags.*.json"))

# clinical.md, "Examples of real phrasings (a development set)", exactly as written there.
CLINICAL_DEV_SET = [
    ("I can't really feel the toilet paper when I wipe", {"emergency"}),
    ("my bum's gone numb", {"emergency"}),
    ("I wet myself", {"emergency"}),
    ("I'm trying to pee but nothing comes", {"emergency"}),
    ("I pooed myself", {"emergency"}),
    ("both legs are going numb", {"emergency"}),
    ("I can't get an erection since my back went", {"emergency"}),
    ("my foot drags and my toes catch the floor", {"emergency", "urgent"}),
    ("I can't lift my foot", {"emergency", "urgent"}),
    ("I fell down the stairs", {"emergency"}),
    ("I've got a temperature and feel shivery", {"urgent"}),
    ("I've had cancer before", {"urgent"}),
    ("pain going down the back of my leg", {"doctor", "urgent", "emergency"}),
    ("pins and needles in my feet", {"doctor", "urgent", "emergency"}),
]
# clinical.md's near misses: a clarifying question, not an automatic emergency.
CLINICAL_NEAR_MISSES = [
    ("I've leaked a bit when I sneeze ever since my kids", {"clarify"}),
    ("no numbness, and I can pee fine", {"clarify"}),
    ("my leg went dead from sitting cross-legged but it's fine now", {"clarify"}),
    ("it burns when I pee", {"urgent"}),
    ("the codeine has made me constipated", {"clarify", "none"}),
]
CLINICAL_BENIGN = ["my back is spasming", "my hamstrings feel tight", "should I do leg raises"]


def asr(text: str) -> str:
    """What a speech recogniser hands over: lower case words, no punctuation or apostrophes."""
    text = text.lower().replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]+", "", text)).strip()


def _accepted(row) -> set:
    return {row["level"], *row.get("accept", ())}


# --------------------------------------------------------------------------- clinical.md


@pytest.mark.parametrize("text,levels", CLINICAL_DEV_SET + CLINICAL_NEAR_MISSES)
def test_clinical_phrases_route_at_their_level(text, levels):
    assert assess(text).level in levels
    assert assess(asr(text)).level in levels


@pytest.mark.parametrize("text", CLINICAL_BENIGN)
def test_clinical_benign_phrases_are_not_flagged(text):
    assert assess(text).level == "none"
    assert assess(asr(text)).level == "none"


def test_every_clinical_phrase_is_in_the_labelled_set():
    texts = {row["text"] for row in ROWS}
    for text, _ in CLINICAL_DEV_SET + CLINICAL_NEAR_MISSES:
        assert text in texts
    for text in CLINICAL_BENIGN:
        assert text in texts


# --------------------------------------------------------------------------- labelled sets


def test_labelled_set_is_large_and_well_formed():
    assert len(ROWS) >= 400
    assert len({row["text"] for row in ROWS}) == len(ROWS), "duplicate phrases"
    for row in ROWS:
        assert set(row) <= {"text", "level", "accept", "category", "set"}
        assert row["level"] in LEVELS
        assert all(level in LEVELS for level in row.get("accept", ()))
        assert row["category"]
    counts = Counter(row["level"] for row in ROWS)
    assert counts["emergency"] >= 100 and counts["none"] >= 100
    assert counts["urgent"] >= 40 and counts["doctor"] >= 40 and counts["clarify"] >= 40


def test_labelled_set_rates():
    """Recall per level, false alarms and under-triage over the whole labelled set (printed; run with -rA or -s)."""
    # Read with a vocabulary compiled afresh (check), not the cached one: the vocabulary is compiled
    # once per process, so a mistake in compiling it is seen only by a test that compiles it.
    vocabulary = triage.check("en-US")
    start = time.perf_counter()
    results = [(row, triage._assess_with(vocabulary, row["text"], ())) for row in ROWS]
    elapsed = time.perf_counter() - start

    caught = defaultdict(int)  # red flag found at its level or higher
    totals = Counter(row["level"] for row in ROWS)
    missed, emergency_low, false_alarms, wrong = [], [], [], []
    for row, result in results:
        label, got = row["level"], result.level
        if got not in _accepted(row):
            wrong.append((row["text"], label, got))
        if label in ("doctor", "urgent", "emergency"):
            if level_rank(got) >= level_rank(label):
                caught[label] += 1
            if got == "none":
                missed.append(row["text"])
            if label == "emergency" and level_rank(got) < level_rank("urgent"):
                emergency_low.append(row["text"])
        elif label == "none" and result.is_red_flag:
            false_alarms.append((row["text"], got))

    print()
    print("triage labelled set: %d phrases, %d at an accepted level (%.1f%%)"
          % (len(ROWS), len(ROWS) - len(wrong), 100.0 * (len(ROWS) - len(wrong)) / len(ROWS)))
    for level in ("emergency", "urgent", "doctor"):
        print("  recall %-9s at its level or higher: %d/%d" % (level, caught[level], totals[level]))
    print("  false alarms: %d; red flags answered none: %d" % (len(false_alarms), len(missed)))
    for text, label, got in wrong:
        print("    %-9s -> %-9s %s" % (label, got, text))
    print("  mean time per phrase: %.3f ms" % (1000.0 * elapsed / len(ROWS)))

    assert caught["emergency"] / totals["emergency"] >= 0.98
    assert not missed, missed
    assert not emergency_low, emergency_low
    assert len(false_alarms) / totals["none"] <= 0.01, false_alarms
    assert len(wrong) / len(ROWS) <= 0.02, wrong


def test_concept_development_set():
    """Phrasings written for the concept design (tests/data/triage_concepts_en.jsonl), as typed and as heard.

    Batch 1 was written before the vocabulary was tuned on it (95 of 98 at first), batch 2
    after batch 1 passed (75 of 95 at first), batch 3 after batch 2 (64 of 78 at first),
    batch 4 after batch 3 (53 of 58 at first; through the simulator 32 of 39 red flags),
    batch 5 after batch 4 (60 of 69 at first, 1 false alarm in 60 benign phrases; through the
    simulator 41 of 49 red flags, 3 to FallbackIntent), batch 6 after development sets A and B were
    learnt from (at first 11 of its 180 red flags missed, 20 of its 178 near misses and benign phrasings flagged),
    batch 7 after batch 6 (130 near misses and benign phrasings: 10 flagged at first; the 3 a leg cramp or a
    cancer history still flags are left out, as clinical.md and the labelled set route them), batch 8
    after batch 7 (red flags said as fragments and in dialects and non-native English: through the
    simulator 61 of 88 fragments and 58 of 79 others at first, by the triage 60 of those 79), batch 9
    beside learning from development set D (the concepts its misses showed, in other words); all now pass, so
    they are development sets, not a measure of phrasings nobody wrote down yet."""
    wrong = []
    for row in CONCEPT_ROWS:
        for text in (row["text"], asr(row["text"])):
            if assess(text).level not in _accepted(row):
                wrong.append((text, row["level"], assess(text).level))
    assert len(CONCEPT_ROWS) >= 90
    assert not wrong, wrong


@pytest.mark.parametrize("name, rows_at_least, missed_at_most, alarms_at_most", [
    ("devset-a.en", 350, 0, 0), ("devset-b.en", 350, 2, 0), ("devset-c.en", 450, 9, 0),
    ("devset-d.en", 360, 3, 5), ("devset-e.en", 320, 3, 5),
])
def test_development_sets(name, rows_at_least, missed_at_most, alarms_at_most):
    """Development sets A, B, C and D (tests/data/devset-*.en.jsonl), written from public NHS,
    charity and patient material and everyday speech by people who had not seen the vocabulary;
    A and B were sealed until set D was written, D until set E was, E until set F was. Before the vocabulary learnt
    from them, the triage alone routed 200 of A's 251 red flags, 205 of B's 261, 260 of C's 339
    239 of D's 261 and 209 of E's 229, and raised an alarm on 6 of A's 64 near misses, 8 of B's 62,
    7 of C's 72, 9 of D's 64 and 4 of E's 56. The misses left: answers
    out of context ("only the left", "yep, both legs": the hearing gives those a slot id), a leg
    that "just went", "I couldn't finish", "when I touch, you know, there", "pain not going"."""
    import safety_eval as ev
    rows = ev.load_rows(DATA / ("%s.jsonl" % name))
    reached = {row.line: assess(row.text).level for row in rows}
    missed = [(row.line, row.text, reached[row.line]) for row in rows if row.kind == "red_flag" and not row.met(reached[row.line])]
    alarms = [(row.line, row.text, reached[row.line]) for row in rows
              if row.kind != "red_flag" and not row.met(reached[row.line]) and level_rank(reached[row.line]) >= level_rank("doctor")]
    assert len(rows) >= rows_at_least
    assert len(missed) <= missed_at_most, missed
    assert len(alarms) <= alarms_at_most, alarms


@pytest.mark.parametrize("text,level", [
    ("Sudden weakness, right leg.", "emergency"),  # a clause that names a place and a side only
    ("One leg, the right, it's on fire down the back.", "doctor"),  # places read past a clause with a side only
    ("I tried to walk to the kitchen and I couldn't.", "emergency"),
    ("walking is impossible now", "emergency"),
    ("I can't walk far", "none"),
    ("I can't take a step back", "none"),
    ("I sat on the loo and nothing came out", "emergency"),
    ("I sat down and nothing happened", "none"),
    ("the urge to wee has vanished", "emergency"),
    ("the urge to stretch has gone", "none"),
    ("I had a temperature last week but it's gone.", "clarify"),
    ("I had a skin cancer scare but it came back clear", "none"),
    ("the kids have all had a temperature this week", "clarify"),
    ("i did the stretches yesterday and its been worse ever since", "doctor"),
    ("I wake up every night to pee", "none"),
])
def test_what_development_set_c_taught(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize("text, level, flag", [
    # Kinds of meaning development sets D and E showed missing (clinical.md's red-flag table),
    # each said in other words than the sets' rows.
    ("i felt a warm trickle i didnt choose to go", "emergency", "bladder"),  # passing urine without choosing to
    ("my bum doesnt squeeze shut anymore things are leaking out", "emergency", "bowel"),  # a back passage that does not close
    ("my back passage wont stay shut", "emergency", "bowel"),
    ("i pushed for ages on the toilet and cant feel anything back there", "emergency", "saddle_numbness"),
    ("both my legs feel like they are full of cold water", "emergency", "both_legs"),  # a limb not one's own
    ("my leg feels like it isnt mine", "doctor", "one_leg"),
    ("nothing happens down there with my wife anymore", "emergency", "sexual"),  # said of being with a partner
    ("when i touch myself it feels like it isnt my body ever since the spasm", "emergency", "sexual"),
    ("the leg became weak very fast", "emergency", "sudden_weakness"),  # fast and "an hour ago I could"
    ("i cant lift my leg onto the bed anymore, an hour ago i could", "emergency", "sudden_weakness"),
    ("my knee wont straighten and it happened quickly", "emergency", "sudden_weakness"),
    ("my right leg tires out much quicker than the other", "urgent", "leg_weakness"),  # fatigue and less power
    ("right leg has less power since a few days", "urgent", "leg_weakness"),
    ("i tried walking to the kitchen and my legs wouldnt go", "emergency", "both_legs"),
    ("a car hit my scooter yesterday now my back is paining", "emergency", "trauma"),  # a vehicle that hit
    ("the pain tore through between my shoulder blades", "emergency", "chest_or_belly"),  # tearing said as a verb
    ("breathing is difficult since this morning with the back pain", "urgent", "breathless"),
    ("im puffing and ive just been lying here", "urgent", "breathless"),
    ("im on an injection that stops my immune system", "urgent", "immune"),
    ("my thermometer says thirty nine", "urgent", "fever"),
    ("its worse when im in bed", "doctor", "night_pain"),  # not eased by rest
    ("since i did your stretches yesterday ive been worse all day", "doctor", "exercise_pain"),  # the skill's stretches
    ("weeks now, the pain stays the same", "doctor", "not_improving"),  # a duration lent to its neighbour
    ("five weeks in and i still cant go back to work", "doctor", "not_improving"),
    ("wiping after the toilet felt weird like the skin down there was asleep", "emergency", "saddle_numbness"),
])
def test_what_development_sets_d_and_e_taught(text, level, flag):
    got = assess(text)
    assert (got.level, flag in got.flags) == (level, True), (text, got)


@pytest.mark.parametrize("text, level", [
    # Over-reads: a normal temperature, a slip that was caught, a position the routine uses,
    # an answer that means "the same", a question "if", and shivers or breathlessness with a cause.
    ("my temperature is thirty six point eight", "none"),
    ("my temp is thirty seven point five", "none"),
    ("i thought i had a fever but the thermometer says im normal", "none"),
    ("i slipped a little but caught myself", "none"),
    ("i slipped", "clarify"),
    ("i cant go on my hands and knees", "none"),
    ("no better no worse", "none"),
    ("can you tell me if numb legs are serious", "clarify"),
    ("i felt a bit shivery but the window was open", "clarify"),
    ("i was out of breath but id just climbed the stairs", "clarify"),
    ("things feel a bit strange downstairs", "clarify"),
    ("my bum went to sleep sitting on the hard floor", "clarify"),
    ("i tore a muscle in my calf", "none"),
    ("i walked with my wife and my legs felt fine", "none"),
])
def test_over_reads_development_sets_d_and_e_showed(text, level):
    assert assess(text).level == level, (text, assess(text))


# --------------------------------------------------------------------------- concepts


@pytest.mark.parametrize("text", [
    "my bum is numb", "numb bum", "numbness around my bum", "my bum has gone all numb you know",
    "i have got this numbness in my bum", "bum numb", "there is numbness and it is in my bum",
])
def test_concepts_combine_in_any_order_with_filler_words(text):
    result = assess(text)
    assert (result.level, result.flags) == ("emergency", ("saddle_numbness",)), text


def test_a_concept_alone_is_not_a_red_flag():
    assert assess("my bum").level == "none"
    assert assess("i need a wee").level == "none"
    assert assess("numb").level == "clarify"  # numb, but where?
    assert assess("numb").clarify == "where"


def test_concepts_do_not_combine_across_clauses():
    # The place of one clause and the symptom of another, each with its own place.
    assert assess("my bum is fine, my toes are numb").flags == ("one_leg",)


def test_a_clause_borrows_only_what_the_one_before_said_of_the_speaker():
    # A clause naming a place and nothing else reads the symptom of the clause before, as said.
    assert assess("there's numbness, and it's in my bum").level == "emergency"
    assert assess("no numbness, my bum").level != "emergency"
    assert not assess("my son's got a temperature but I'm the one with the back").is_red_flag
    assert assess("I've got a temperature but I'm the one with the back").level == "urgent"


def test_a_denied_exception_does_not_stop_a_rule():
    # A hot-water bottle explains feeling hot; "without" one it does not.
    assert assess("I feel hot from the hot water bottle").level != "urgent"
    assert assess("I feel hot without a hot water bottle").level == "urgent"


def test_a_following_clause_about_another_place_lends_no_time_course():
    assert assess("I fell years ago, but it only started again today").level == "emergency"
    assert assess("I fell years ago, but the back only started today").level == "clarify"


def test_a_time_course_said_before_or_after_belongs_to_the_finding():
    assert assess("I went to stand and my leg had no strength in it").level == "emergency"  # sudden, said before
    assert assess("my leg has no strength in it").level == "urgent"
    assert assess("I did the knee rolls and now it's worse").flags == ("exercise_pain",)  # "and now": one clause
    assert assess("my back hurts, worst in the small hours").flags == ("night_pain",)


def test_both_sides_said_in_another_clause():
    assert assess("it shoots down one leg and then the other").flags == ("both_legs",)
    assert assess("my legs, the two of them, they are burning").flags == ("both_legs",)
    assert assess("it started in my right leg and now my left leg is doing the same thing").flags == ("both_legs",)
    assert assess("it shoots down one leg, not both").flags == ("one_leg",)
    assert assess("it's going down the left and the right leg").flags == ("both_legs",)
    # The other side said to be fine is one leg.
    assert assess("my right leg tingles, the left one is fine").flags == ("one_leg",)
    assert assess("pain down my right leg, the left is ok").flags == ("one_leg",)


def test_a_cause_that_explains_a_finding_away():
    assert assess("the tablets make me a bit wobbly on my feet").level == "clarify"
    assert assess("I'm a bit wobbly on my feet").level == "emergency"
    assert not assess("I feel hot, but that's only because of the heat pack").is_red_flag
    assert assess("I take steroid tablets and they make me sweat").level == "urgent"  # a history that is the flag


@pytest.mark.parametrize("text", [
    "is incontinence a sign of something bad", "are pins and needles in your legs a bad sign",
    "my neuropathy makes my feet tingle", "I get breathless with my asthma", "I nearly didn't make it to the loo",
    "my leg went dead for a second", "I slipped but I didn't hurt myself", "I was in a car crash as a teenager",
    "I'm a bit out of breath from climbing the stairs", "I had a water infection but the antibiotics cleared it",
])
def test_questions_known_causes_and_things_past_are_near_misses(text):
    assert not assess(text).is_red_flag, text


def test_a_question_that_tells_of_the_speaker_still_counts():
    assert assess("I wet myself, is that a bad sign?").level == "emergency"
    assert assess("my bum is numb, is that serious").level == "emergency"
    assert assess("I had cancer, is that a bad sign?").level == "urgent"


def test_an_exception_said_in_a_following_clause():
    assert assess("I've lost a few pounds, but I've been dieting on purpose").level != "doctor"
    assert assess("I've lost a few pounds without trying").level == "doctor"


def test_a_denial_never_cancels_another_flag():
    result = assess("no fever but I wet myself")
    assert (result.level, result.flags) == ("emergency", ("bladder",))
    assert "fever" in result.near_misses
    for text in ("no fever i wet myself", "i don't have any leg pain but i pooed myself",
                 "no fever no chest pain but my bum is numb", "i haven't fallen but i can't pee"):
        assert assess(text).level == "emergency", text


@pytest.mark.parametrize("text", [
    "no numbness", "i have no numbness in my legs", "my legs aren't numb", "there's no tingling in my bum",
    "i haven't wet myself", "i'm not leaking", "without any numbness", "i don't have pins and needles in my feet",
    "never had any leaking", "i can still feel my legs fine", "my bladder is fine",
])
def test_negation_sets_a_finding_aside(text):
    result = assess(text)
    assert result.level in ("clarify", "none") and not result.flags, (text, result)


def test_negation_reaches_only_so_far():
    assert assess("no i can't feel my legs").level == "emergency"  # "no" answers, then a new statement
    assert assess("no, my leg is numb").level == "doctor"
    assert assess("no numbness or tingling in my legs").level == "clarify"  # a list
    assert assess("no numbness and my legs are tingling").level == "emergency"  # a new subject
    assert assess("i've never had numbness like this before in my legs").level == "emergency"  # new, not denied


@pytest.mark.parametrize("text", [
    "i've leaked a bit when i sneeze ever since my kids", "i've had a dodgy bladder for years",
    "i used to get pins and needles in my leg", "i wet myself but that was years ago",
    "i've always had numb toes", "my foot has dragged since i was a child",
])
def test_history_is_a_near_miss(text):
    assert assess(text).level == "clarify", text


def test_history_is_the_red_flag_itself_for_cancer_steroids_and_drugs():
    assert assess("i had cancer years ago").level == "urgent"
    assert assess("i've been on steroid tablets for years").level == "urgent"
    assert assess("i used to inject drugs").level == "urgent"


def test_new_beats_history():
    assert assess("i've leaked for years but now i can't pee at all").level == "emergency"
    assert assess("i can't get an erection since my back went").level == "emergency"


@pytest.mark.parametrize("text", [
    "what if my legs go numb", "should i worry if my bum goes numb", "is it bad if i leak a bit",
    "what happens if i can't pee", "what are the warning signs of numbness", "can back pain cause numbness",
    "how do i know if it's sciatica",
])
def test_hypotheticals_and_questions_about_red_flags_are_not_alarms(text):
    assert assess(text).level == "clarify", text


@pytest.mark.parametrize("text", [
    "my mum had cancer", "my husband fell off a ladder last year", "my dad can't feel his legs",
    "she wet herself",
])
def test_someone_else_is_not_the_person_speaking(text):
    assert not assess(text).is_red_flag, text


def test_the_speaker_after_someone_else_counts():
    assert assess("my wife says i wet myself in my sleep").level == "emergency"


@pytest.mark.parametrize("text", [
    "my leg went dead from sitting cross-legged but it's fine now", "my foot fell asleep",
    "my toes were tingling but it passed", "my leg went numb from kneeling but it's gone now",
])
def test_positional_and_gone_is_a_near_miss(text):
    assert assess(text).level == "clarify", text


def test_one_leg_and_both_legs():
    one = assess("pain going down my leg")
    assert (one.level, one.flags, one.clarify) == ("doctor", ("one_leg",), "legs")
    left = assess("pain going down my left leg")
    assert (left.level, left.clarify) == ("doctor", None)
    for text in ("pain in both legs", "my legs are numb", "pain down either leg", "pain in my left and right leg",
                 "numbness in my left leg and tingling in my right foot", "sciatica on both sides",
                 "pain in my left leg and my right leg", "now it's in the other leg too", "each leg is tingling"):
        result = assess(text)
        assert result.level == "emergency" and "both_legs" in result.flags, text
    assert assess("pins and needles between my legs").flags == ("saddle_numbness",)


def test_weakness_levels():
    weak = assess("my left leg feels weak")
    assert (weak.level, weak.flags, weak.clarify) == ("urgent", ("leg_weakness",), "weakness")
    for text, flag in (("my leg suddenly went weak", "sudden_weakness"), ("my leg is getting weaker", "sudden_weakness"),
                       ("my knees keep buckling", "sudden_weakness"), ("my foot drags", "foot_drop"),
                       ("my toes catch the floor", "foot_drop"), ("i can't walk", "cannot_walk"),
                       ("both legs are weak", "both_legs")):
        result = assess(text)
        assert result.level == "emergency" and flag in result.flags, text
        assert "leg_weakness" not in result.flags, text


def test_urine_infection_is_urgent_not_emergency():
    for text in ("it burns when I pee", "it stings when i have a wee", "i think i have a uti", "there's blood in my pee"):
        result = assess(text)
        assert (result.level, result.flags) == ("urgent", ("urine_infection",)), text
    assert assess("i can pee fine but it burns").level == "urgent"


def test_non_back_emergencies():
    for text in ("my chest is tight", "pain in my chest going into my left arm", "a tearing pain through to my back",
                 "my belly is throbbing", "i suddenly can't breathe and my chest hurts"):
        assert assess(text).flags[:1] == ("chest_or_belly",), text
    assert assess("i get short of breath").level == "urgent"  # new breathlessness: same day


def test_systemic_flags():
    for text, flag in (("i've got a temperature", "fever"), ("i feel shivery", "fever"),
                       ("i've lost weight without trying", "weight_loss"), ("it's worse at night", "night_pain"),
                       ("i've got osteoporosis", "osteoporosis_steroids"), ("i had a transplant", "immune"),
                       ("it's been six weeks and it's not getting better", "not_improving"),
                       ("the stretches are making it worse", "exercise_pain")):
        assert flag in assess(text).flags, text
    assert assess("i'm trying to lose weight").level == "none"
    assert assess("what temperature should the heat pack be").level == "none"


@pytest.mark.parametrize("text,level", [
    ("i cant feel my bum", "emergency"), ("im leaking", "emergency"), ("i dont know when i need to pee", "emergency"),
    ("um i uh cant like feel my legs you know", "emergency"), ("it burns when i wee", "urgent"),
    ("i fell down two flights of stairs", "emergency"), ("i lost ten pounds without trying", "doctor"),
    ("ive had this for three weeks and it isnt getting better", "doctor"), ("i had sciatica for ten years", "clarify"),
])
def test_speech_recogniser_text(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize("text,level", [
    ("my bum's gone numb", "emergency"), ("i've wet myself", "emergency"), ("i can't do a wee", "emergency"),
    ("i had an accident with my waterworks", "emergency"), ("i can't control my motions", "emergency"),
    ("i can't feel my backside", "emergency"), ("i've lost feeling in my back passage", "emergency"),
    ("i couldn't hold my number two", "emergency"), ("i'm having trouble passing water", "emergency"),
    ("numbness in my private parts", "emergency"), ("it's numb down below", "emergency"),
    ("i'm knackered", "none"), ("i need the loo", "none"), ("my bottom is sore from sitting", "clarify"),
])
def test_everyday_and_dialect_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize("text", ["my back is spasming", "my back just seized up", "my hamstrings feel tight",
                                  "should i do leg raises", "knee to chest", "the ice pack fell off",
                                  "the hot water bottle is leaking", "set an ice timer", "i'm on my hands and knees",
                                  "lie on your tummy", "i can't stand up straight", "i fell asleep with the heat pack on"])
def test_benign_phrases_are_not_flagged(text):
    assert not assess(text).is_red_flag and assess(text).level == "none", text


def test_clarifying_question_ids():
    assert assess("I've leaked a bit when I sneeze ever since my kids").clarify == "bladder"
    assert assess("my leg went dead from sitting cross-legged but it's fine now").clarify == "legs"
    assert assess("I feel numb").clarify == "where"
    assert assess("that hurts").clarify == "pain"
    assert assess("something feels wrong down there").clarify == "saddle"
    assert assess("i'm constipated").clarify == "bowel"
    assert assess("my back is spasming").clarify is None
    assert assess("I wet myself").clarify is None
    assert assess("numbness in my left leg").clarify is None
    assert assess("numbness in my leg").clarify == "legs"


def test_slot_ids():
    assert assess("", ["bladder"]).level == "emergency"
    assert assess("", ["one_leg"]).flags == ("one_leg",)
    assert assess("", ["not_a_flag", 7, None]).level == "none"
    # The words win over a resolved id when they deny it.
    assert assess("no leg pain", ["one_leg"]).level == "clarify"
    both = assess("my back", ["fever", "saddle_numbness"])
    assert both.level == "emergency" and both.flags == ("saddle_numbness", "fever")


def test_flags_ordered_most_urgent_first():
    result = assess("i've had cancer and now i can't feel my legs")
    assert result.level == "emergency"
    assert result.flags[0] == "both_legs" and "cancer_history" in result.flags


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("text", [None, "", "   ", "\x00\x01", "'''", "'s 'd n't", 42, b"bytes", "\t\n"])
def test_empty_or_unreadable_input_is_none(text):
    assert assess(text) == Assessment()


@pytest.mark.parametrize("text", ["!!!???", "🙂" * 50, "1234567890", "@#$%^&*()", "…—–", "☃☃☃ ✓✓"])
def test_symbol_only_input_is_none(text):
    assert assess(text) == Assessment()


@pytest.mark.parametrize("text", ["me duele mucho la espalda", "j'ai mal au dos", "मेरी पीठ में दर्द है",
                                  "腰が痛いです", "ich habe Rückenschmerzen", "Ünïcödé"])
def test_non_english_input_is_no_alarm(text):
    assert not assess(text).is_red_flag


def test_long_input_is_cut_at_the_documented_length():
    assert len(triage.normalize("my back " * 10_000)) <= triage.MAX_CHARS
    start = time.perf_counter()
    for text in ("a" * 100_000, "my leg " * 20_000, "no " * 50_000):
        assert assess(text).level in LEVELS
    assert time.perf_counter() - start < 1.0
    # A symptom within the limit is read; one past it is not.
    assert assess("my back hurts " * 10 + "and i wet myself").level == "emergency"
    assert assess("my back hurts " * 100 + "and i wet myself").level == "none"


def test_unicode_and_typed_forms():
    assert assess("I CAN’T FEEL MY LEGS").level == "emergency"
    assert assess("cant pee").level == "emergency"
    assert assess("Ünïcödé: pain down my lég").level == "doctor"
    assert assess("pain\tdown\nmy   leg").level == "doctor"


def test_assessment_is_small_frozen_and_serializable():
    result = assess("I wet myself")
    with pytest.raises(Exception):
        result.level = "none"  # type: ignore[misc]
    assert json.loads(json.dumps(result.to_dict())) == {
        "level": "emergency", "flags": ["bladder"], "clarify": None, "near_misses": [], "someone_else": []}
    assert assess("my back is spasming") == Assessment()


def test_max_level():
    assert LEVELS == ("none", "clarify", "doctor", "urgent", "emergency")
    for a in LEVELS:
        for b in LEVELS:
            assert max_level(a, b) == max_level(b, a) == LEVELS[max(LEVELS.index(a), LEVELS.index(b))]


# --------------------------------------------------------------------------- locales and vocabulary


@pytest.mark.parametrize("path", LOCALE_FILES, ids=lambda p: p.name)
def test_every_vocabulary_file_loads_and_validates(path):
    name = path.name[len("redflags."):-len(".json")]
    vocabulary = triage.check(name)
    assert vocabulary.rules and vocabulary.flag_levels


def test_the_shared_file_and_locale_additions():
    assert (CONTENT / "redflags.en.json").exists()
    for locale in ("en-US", "en-GB", "en-AU", "en-IN", "en-CA"):
        extra = json.loads((CONTENT / ("redflags.%s.json" % locale)).read_text(encoding="utf-8"))
        assert set(extra) <= {"locale", "about", "source", "concepts", "equivalents", "fillers"}, locale  # additions only
        assert extra["source"], locale


def test_assess_honours_its_locale():
    assert assess("i can't use the dunny, i haven't been able to have a leak", locale="en-AU").level == "emergency"
    assert assess("i need the dunny", locale="en-AU").level == "none"
    assert assess("i've got loose motions and can't control them", locale="en-IN").level == "emergency"
    assert assess("my fanny is numb", locale="en-GB").level == "emergency"
    assert assess("my fanny is numb", locale="en-IN").level == "clarify"  # not an en-IN word
    # An English locale without a file, or an unknown one, reads the shared vocabulary.
    for locale in ("en-NZ", "xx-XX", "not a locale", "es-US"):
        assert assess("I wet myself", locale=locale).level == "emergency"
        assert assess("my fanny is numb", locale=locale).level == "clarify"
    for locale in ("", None):  # no locale: en-US
        assert assess("my fanny is numb", locale=locale).level == "emergency"


def test_vocabulary_is_data_with_sources():
    data = json.loads((CONTENT / "redflags.en.json").read_text(encoding="utf-8"))
    for name, info in data["flags"].items():
        assert "clinical.md" in info["source"], name
    for group in data["concepts"].values():
        for tag, concept in group.items():
            assert concept["source"], tag
    for rule in data["rules"]:
        assert "clinical.md" in rule["source"], rule["id"]
    assert set(triage.known_flags()) == set(data["flags"])
    raised = {flag for row in ROWS + CONCEPT_ROWS for flag in assess(row["text"]).flags}
    assert raised == set(data["flags"]), set(data["flags"]) - raised


@pytest.fixture
def broken_content(tmp_path, monkeypatch):
    """A copy of the vocabulary files the test may break; the triage reads it afresh."""
    for path in LOCALE_FILES:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(triage, "CONTENT_DIR", tmp_path)
    monkeypatch.setattr(triage, "_VOCABULARIES", {})
    return tmp_path


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_vocabulary_that_does_not_load_raises(broken_content):
    (broken_content / "redflags.en.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(VocabularyError, match="does not load"):
        triage.check("en-US")
    with pytest.raises(VocabularyError):
        assess("I wet myself")  # never a quiet "clarify"


def test_a_missing_vocabulary_raises(broken_content):
    (broken_content / "redflags.en.json").unlink()
    with pytest.raises(VocabularyError):
        assess("I wet myself", locale="en-GB")


@pytest.mark.parametrize("change,message", [
    (lambda d: d["rules"][0].update(when=["saddle", "no_such_concept"]), "no_such_concept"),
    (lambda d: d["rules"][0].update(flag="no_such_flag"), "no_such_flag"),
    (lambda d: d["rules"][0].pop("source"), "no source"),
    (lambda d: d["concepts"]["body regions"]["saddle"].update(terms=["Bum!"]), "plain lower-case"),
    (lambda d: d["flags"]["fever"].update(level="soon"), "level"),
    (lambda d: d.pop("rules"), "malformed"),
    (lambda d: d["rules"].clear(), "flags no rule raises"),
    (lambda d: [d["concepts"][g].pop("leaking", None) for g in d["concepts"]], "reads 'I wet myself'|leaking"),
    # A term with a filler or an equivalent in it is rewritten before it is read: never matched.
    (lambda d: d["concepts"]["sensations"]["numb"]["terms"].append("even numb"), "never be read.*even numb"),
    (lambda d: d["concepts"]["sensations"]["numb"]["terms"].append("cannot feel"), "never be read.*cannot feel"),
    (lambda d: d["told_symptoms"]["places"].update(groups=["no such group"]), "told_symptoms names unknown group"),
    (lambda d: d["told_symptoms"]["tags"].append("no_such_tag"), "told_symptoms names unknown tag"),
])
def test_a_vocabulary_that_makes_no_sense_raises(broken_content, change, message):
    _edit(broken_content / "redflags.en.json", change)
    with pytest.raises(VocabularyError, match=message):
        triage.check("en-US")


def test_a_locale_file_adding_to_an_unknown_concept_raises(broken_content):
    _edit(broken_content / "redflags.en-GB.json",
          lambda d: d["concepts"].update({"extra": {"no_such_concept": {"terms": ["x"]}}}))
    with pytest.raises(VocabularyError, match="no_such_concept"):
        triage.check("en-GB")
    assert assess("I wet myself", locale="en-US").level == "emergency"  # other locales are unaffected


def test_importing_the_skill_reads_no_vocabulary():
    import subprocess
    import sys
    code = ("import lambda_function, spasm_coach.triage as t; "
            "assert t._VOCABULARIES == {}, 'read at import'; "
            "lambda_function.lambda_handler({'version': '1.0', 'request': {'type': 'LaunchRequest', "
            "'requestId': 'r', 'timestamp': '2026-01-01T00:00:00Z', 'locale': 'en-US'}}, None); "
            "assert t._VOCABULARIES == {}, 'a launch needs no triage'; "
            "assert t.assess('I wet myself').level == 'emergency'; "
            "assert list(t._VOCABULARIES) == ['en-US']")
    lambda_dir = Path(triage.__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=str(lambda_dir), capture_output=True,
                            text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(lambda_dir),
                                                         "SPASM_COACH_STORE": "session"})
    assert result.returncode == 0, result.stderr[-2000:]


# --------------------------------------------------------------------------- proposed interaction model

MODELS = Path(__file__).resolve().parents[1] / "interaction_model"
MODEL_LOCALES = sorted(path.stem for path in MODELS.glob("*.json"))
SYMPTOM_PARTS = ("SymptomIntent", "DescribeIntent", "SYMPTOM")  # the symptom part of the skill's model
NEAR_MISS = "near_miss"  # listed so Alexa hears them whole; the words decide, never the id
SAMPLE = re.compile(r"^(?:[a-z]+(?:'[a-z]+)?|\{[A-Za-z]+\})(?: (?:[a-z]+(?:'[a-z]+)?|\{[A-Za-z]+\}))*$")


def _model(locale="en-US"):
    path = MODELS / ("%s.json" % locale)
    language_model = json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    return {"intents": [i for i in language_model["intents"] if i["name"] in SYMPTOM_PARTS],
            "types": [t for t in language_model["types"] if t["name"] in SYMPTOM_PARTS]}


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_symptom_model_is_well_formed(locale):
    model = _model(locale)
    types = {t["name"]: t for t in model["types"]}
    samples_seen = set()
    for intent in model["intents"]:
        slots = {slot["name"]: slot["type"] for slot in intent["slots"]}
        for slot_type in slots.values():
            assert slot_type.startswith("AMAZON.") or slot_type in types
        for sample in intent["samples"]:
            assert SAMPLE.match(sample), sample
            assert sample not in samples_seen, sample
            samples_seen.add(sample)
            used = re.findall(r"\{([A-Za-z]+)\}", sample)
            assert all(name in slots for name in used), sample
            if any(slots[name] == "AMAZON.SearchQuery" for name in used):
                # A SearchQuery slot needs a carrier phrase and cannot share an utterance.
                assert len(used) == 1 and sample != "{%s}" % used[0], sample
    for slot_type in types.values():
        phrases = []
        for value in slot_type["values"]:
            assert value["id"] in triage.known_flags() or value["id"] == NEAR_MISS, value["id"]
            phrases += [value["name"]["value"], *value["name"].get("synonyms", ())]
        assert len(phrases) == len(set(phrases)), "a phrasing listed twice"
        for phrase in phrases:
            assert SAMPLE.match(phrase) and len(phrase) <= 140, phrase


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_every_listed_symptom_routes_to_its_flag(locale):
    """In each locale, by its own triage: a locale's words for a symptom mean it there."""
    for slot_type in _model(locale)["types"]:
        for value in slot_type["values"]:
            flag = value["id"]
            for phrase in [value["name"]["value"], *value["name"].get("synonyms", ())]:
                result = assess(phrase, locale=locale)
                if flag == NEAR_MISS:
                    assert result.level in ("clarify", "none"), (phrase, result)
                    continue
                assert flag in result.flags or (flag == "one_leg" and "both_legs" in result.flags), (flag, phrase, result)
                assert level_rank(result.level) >= level_rank(triage.flag_level(flag)), (flag, phrase)
                # The resolved id alone gives the same level.
                assert assess("", [flag]).level == triage.flag_level(flag)


def test_what_a_carrier_leaves_in_the_slot_still_routes():
    """Alexa drops the carrier words ("i've got {Description}"): the rest must route the same."""
    carriers = sorted(
        (s.replace(" {Description}", "") for intent in _model()["intents"] for s in intent["samples"] if s.endswith("{Description}")),
        key=len,
    )
    checked = 0
    wrong = []
    for row in ROWS:
        spoken = asr(row["text"])
        for carrier in carriers:
            if spoken.startswith(carrier + " "):
                rest = spoken[len(carrier) + 1:]
                checked += 1
                if assess(rest).level not in _accepted(row):
                    wrong.append((carrier, rest, row["level"], assess(rest).level))
    print("\ncarrier-stripped phrases checked: %d, wrong: %d" % (checked, len(wrong)))
    assert checked >= 300
    assert not wrong, wrong




@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-AU", "en-IN", "en-CA"])
def test_every_english_locale_routes_clinical_phrases_alike(locale):
    """Locale files only add words: clinical.md's phrases route the same in every one."""
    for text, levels in CLINICAL_DEV_SET + CLINICAL_NEAR_MISSES:
        assert assess(text, locale=locale).level in levels, (locale, text)
    for text in CLINICAL_BENIGN:
        assert assess(text, locale=locale).level == "none", (locale, text)
