"""The triage's fourth round, by kind of meaning (issue 13).

Over-reads set F showed, each as a pair of sentences written here, not taken from any set:
a harmless one of the same kind must stay calm, and the red-flag meaning beside it must
still alarm. Then coverage of each concept lexicon, checked by generating combinations
(region x problem x time words x carrier) rather than by listing sentences.
"""
from __future__ import annotations

import itertools

import pytest

from spasm_coach import triage
from spasm_coach.triage import assess, level_rank, normalize

CALM = ("none", "clarify")


def _alarm(text: str, level: str, locale: str = "en-US") -> bool:
    return level_rank(assess(text, locale=locale).level) >= level_rank(level)


def _calm_beside_alarm(calm: str, alarm: str, level: str) -> None:
    """A pair of one kind: the calm sentence stays calm, the red-flag one alarms at ``level``."""
    assert assess(calm).level in CALM, (calm, assess(calm))
    assert _alarm(alarm, level), (alarm, assess(alarm))


# --------------------------------------------------------------------------- over-reads


@pytest.mark.parametrize("calm, alarm, level", [
    # A room one is stuck in is where one is, not the bladder; a back that "won't let me"
    # move is the spasm, not "cannot pee".
    ("i am lying on the toilet floor and my back wont let me get up", "i want to pee but it wont come out", "emergency"),
    ("stuck in the bathroom because my back doesnt let me stand", "i went to the bathroom and i couldnt pee at all", "emergency"),
    ("on the kitchen floor, back wont let me move", "i cant pee even though i am bursting", "emergency"),
    # Coming onto hands and knees is the routine's position, not "cannot come" in sex.
    ("i cannot come on my hands and knees", "i cant come with my partner since my back went", "emergency"),
    ("i cant come onto all fours today", "since the spasm i cant come at all", "emergency"),
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
    _calm_beside_alarm(calm, alarm, level)


def test_a_brief_episode_of_a_bladder_or_chest_finding_still_alarms():
    # Only leg findings are set aside when brief and gone: bladder, saddle and chest never.
    assert assess("i wet myself for a second, it is fine now").level == "emergency"
    assert assess("crushing chest pain for a minute, now it is fine").level == "emergency"


def test_a_reference_back_lends_only_a_cause_said_before():
    # "from that" with no condition before it explains nothing away.
    assert assess("i lifted a box, both my legs are numb from that").level == "emergency"


# --------------------------------------------------------------------------- coverage by combination
# Everyday words for each concept (NHS and cauda equina charity plain language, regional and
# older speakers' words, a recogniser's forms), combined with carriers with and without "I".

SADDLE_PLACES = ["bum", "bottom", "backside", "butt", "buttocks", "bum cheeks", "privates", "private parts",
                 "genitals", "groin", "inner thighs", "crotch", "rear end", "undercarriage", "back passage"]
SADDLE_PROBLEMS = ["numb", "dead", "tingly", "without feeling"]
SADDLE_CARRIERS = ["my {r} is {p}", "my {r} has gone {p}", "{r} feels {p}", "{r} gone {p} since this morning",
                   "it is all {p} around my {r}", "the skin around my {r} feels {p}", "suddenly my {r} is {p}"]


def test_saddle_places_by_problems_by_carriers():
    said = [c.format(r=r, p=p) for r, p, c in itertools.product(SADDLE_PLACES, SADDLE_PROBLEMS, SADDLE_CARRIERS)]
    missed = [text for text in said if not _alarm(text, "emergency")]
    assert len(said) == 420 and not missed, missed


PEE_WORDS = ["pee", "wee", "urinate", "pass water", "pass urine", "have a wee", "empty my bladder", "piddle"]
PEE_CARRIERS = ["i cant {f}", "i try to {f} but nothing comes", "it is hard to {f}", "cant {f} since yesterday",
                "i cant tell when i need to {f}", "i dont feel the need to {f}", "i have to strain to {f}"]
URINE_WORDS = ["wee", "pee", "urine", "water", "waterworks"]
URINE_CARRIERS = ["my {n} just dribbles out", "my {n} comes out drop by drop", "{n} keeps stopping and starting",
                  "lost control of my {n}", "my {n} is only trickling", "cant hold my {n}"]


def test_bladder_words_by_problems_by_carriers():
    said = [c.format(f=f) for f, c in itertools.product(PEE_WORDS, PEE_CARRIERS)]
    said += [c.format(n=n) for n, c in itertools.product(URINE_WORDS, URINE_CARRIERS)]
    missed = [text for text in said if not _alarm(text, "emergency")]
    assert len(said) == 86 and not missed, missed


LEGS = ["both legs", "both my legs", "my legs", "two legs", "both feet", "my feet", "both thighs", "both calves"]
LEG_PROBLEMS = ["numb", "weak", "tingly", "dead", "like jelly", "giving way", "pins and needles", "without feeling"]
LEG_CARRIERS = ["{r} {p}", "{r} feel {p}", "{r} have gone {p}", "{r} are going {p} since this morning"]


def test_both_legs_by_problems_by_carriers():
    said = [c.format(r=r, p=p) for r, p, c in itertools.product(LEGS, LEG_PROBLEMS, LEG_CARRIERS)]
    missed = [text for text in said if not _alarm(text, "emergency")]
    assert len(said) == 256 and not missed, missed


@pytest.mark.parametrize("text, level", [
    # Breathlessness without the word: the air, the breath, the pace of breathing.
    ("cant catch me breath since this afternoon", "urgent"),
    ("i cant get enough air in", "urgent"),
    ("breathing is becoming difficult from evening", "urgent"),
    ("i am breathing fast and hard lying here", "urgent"),
    ("struggling for air and my back hurts", "urgent"),
    # Sexual function in plain words.
    ("since the spasm i lost my erection", "emergency"),
    ("i cant climax since my back went", "emergency"),
    ("cant keep it up since the back went", "emergency"),
    # A leg that gives way or will not push, in other words.
    ("my leg folded under me when i stood", "emergency"),
    ("i cant press down with my right foot", "urgent"),
    ("my left leg wont take my weight", "urgent"),
])
def test_plain_words_for_breath_sex_and_legs(text, level):
    assert _alarm(text, level), (text, assess(text))


def test_new_words_do_not_read_everyday_uses():
    for text in ("i folded the towel under my knees", "i sat on the toilet and had a wee, all fine",
                 "my breathing is slow and calm", "the tap is only trickling"):
        assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- fifth round

@pytest.mark.parametrize("calm, alarm, level", [
    # A concept said in another form of its word is that concept: a comparative, a -y
    # adjective, an -ing form (the words are generated by a rule, not listed).
    ("my back is a bit stiffer than yesterday", "my right leg keeps getting weaker and weaker", "urgent"),
    ("the stretch felt tingly in a nice way, gone now", "both my feet are tingly since lunch", "emergency"),
    ("my back is paining less after the heat", "back paining and the pain shoots down my left leg", "doctor"),
    ("not feverish at all, just sore and stiff", "i feel feverish and shivery with this back", "urgent"),
    ("they checked a lump, it was not cancerous", "i had a cancerous growth taken out years ago", "urgent"),
])
def test_inflected_forms_read_as_their_concept(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_inflected_forms_never_take_a_word_the_vocabulary_has():
    # "number" is a word of "number two", not a form of "numb"; a marker never grows.
    from spasm_coach.triage import _vocabulary
    vocab = _vocabulary("en-US")
    assert "number" not in vocab.inflected and "noted" not in vocab.inflected
    assert "numbish" in vocab.inflected and "cancerous" in vocab.inflected
    assert assess("i have to do a number two").level in CALM


@pytest.mark.parametrize("calm, alarm, level", [
    # A clause after the finding that says all is fine now tells that it is over: its
    # "now" is not "new". A finding still under way, or one that is never set aside, alarms.
    ("i had a temperature back in the spring, all fine now", "i have a temperature now and my back is killing me", "urgent"),
    ("my calf went numb yesterday, it is all good now", "my calf went numb yesterday and it is spreading now", "doctor"),
    ("i had a temperature back in the spring, all fine now", "i wet myself this morning, all fine now", "emergency"),
    # "X is not possible" and "impossible to X" say "can't X" whichever way round.
    ("it is impossible to get comfortable on this floor", "weeing is not possible at all today", "emergency"),
    ("getting up off the carpet is impossible with this spasm", "it is impossible to pass water", "emergency"),
])
def test_readings_the_fifth_rounds_development_sets_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A question whose "that" clause tells what is happening to the speaker discloses it; the
    # same question with "if" asks about what could happen.
    ("should i worry if i ever leak a bit of wee", "should i be worried that i have leaked wee twice today", "emergency"),
    ("is it bad if my legs go numb one day", "is it bad that both my legs have gone numb", "emergency"),
    ("is it normal to ask about heat or ice", "is it normal to be shivering and sweating at night with this back", "urgent"),
    # A question turned round ("why can't I", "can I not") says "I can't".
    ("cant i just skip the cat cow today", "why cant i feel the toilet paper when i wipe", "emergency"),
    ("can i not do the knee rolls", "why can i not feel my bottom on the chair", "emergency"),
    # "What is wrong with me" asks about what the speaker has, unlike "what is ... a sign of".
    ("what is numbness in both legs a sign of", "what is wrong with me i cant feel my bum at all", "emergency"),
    # "ever since" the back tells of something new; "ever since" childhood, of something old.
    ("ever since i was a teenager i leak a little when i laugh", "ever since my back seized up i keep dribbling wee", "emergency"),
    # "long ago" is history, as "years ago" is: a cancer long ago is still a cancer history.
    ("long ago i wet myself once when i was poorly", "long ago i had cancer of the bowel", "urgent"),
    # Indigestion spreading into the arm or jaw is chest pain spreading (NHS: heart attack).
    ("i get heartburn after a curry", "heartburn going up into my jaw and down my arm", "emergency"),
])
def test_readings_the_sixth_rounds_development_sets_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Not telling it was coming is not feeling the need to go, whatever "can't" says besides.
    ("i couldnt tell it was the last stretch", "i soiled myself and couldnt tell it was coming", "emergency"),
    ("i cant tell anymore when the timer is done", "i cant tell anymore when i need to open my bowels", "emergency"),
    # A leg that quits on you gives way.
    ("my back quit on me halfway through the hoovering", "my right leg quit on me on the stairs", "emergency"),
    # "From long time" is long-standing, as "since long time" is.
    ("feet are a bit numb from long time, doctor knows about it", "both feet went numb this morning", "emergency"),
    # A fever that has "been gone for days" is over.
    ("i had a fever last week but it has been gone for days", "i have had a fever for days and it will not go", "urgent"),
])
def test_readings_of_control_giving_way_and_time_the_sixth_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A friend's illness is someone else's; a simile of being run over is pain, not a crash.
    ("my pals heart attack started with back pain, so i am nervous", "i have chest pain going into my left arm", "emergency"),
    ("i feel like i have been hit by a truck", "i was hit by a truck on my bike this morning", "emergency"),
    # Furniture called a chest is no chest; not working out how to get up is not "can't work".
    ("lifting the chest of drawers set my back off", "my chest feels heavy and tight", "emergency"),
    ("i cant figure out how to get up off the floor", "i cant feel my legs and i cant get up off the floor", "emergency"),
    # "Not normal for me" tells that it is new, where "normal for me" tells that it is old.
    ("i am short of breath, which is normal for me with my asthma", "i get breathless talking, which is not normal for me", "urgent"),
    # Pain from a stretch that stays.
    ("the knee rolls felt a bit sore but it eased straight away", "after the cat cow the pain got sharper and it stays", "doctor"),
    # A small fall is asked about; with thin bones it is urgent.
    ("i had a small fall onto the grass, no thin bones", "i have osteoporosis and had a small fall this morning", "urgent"),
    # Out of breath from hauling oneself up is exertion.
    ("out of breath from pulling myself up off the floor", "out of breath just sitting here since my back went", "urgent"),
    # Passing wind is nothing; more than wind coming out is loss of bowel control.
    ("i passed wind, sorry about that", "i passed wind and more came out, i couldnt stop it", "emergency"),
])
def test_someone_else_similes_and_more_than_wind_the_sixth_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A car hit side-on ("T-boned") is a serious accident.
    ("had a t bone steak for tea and my back still aches", "i got t boned in my car yesterday and now my back is in spasm", "emergency"),
    # Pain like something ripping inside, through from the front, is a tearing pain.
    ("something ripped in my jeans when i bent down", "it felt like something ripped inside me and went right through from the front", "emergency"),
    # The underwear area is the saddle.
    ("i washed my undies and hung them out", "my undies area has gone numb", "emergency"),
    # Nothing working down below with a partner is sexual dysfunction.
    ("nothing is working for the pain", "nothing is working down below when my wife and i try", "emergency"),
    # Not rising onto the toes is a weak or dropping foot.
    ("i cant bring up the app on my phone", "i cant rise up onto my toes on the left foot", "emergency"),
])
def test_crashes_tearing_saddle_and_foot_words_the_sixth_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Pain that goes down to the knee goes down the leg; the knee alone does not.
    ("my knee hurts from kneeling on the floor", "the pain goes from my hip right down to my left knee", "doctor"),
    # "One foot" is a foot: a foot that flaps or drags is a dropping foot.
    ("one foot in front of the other, slowly", "one foot keeps flapping on the floor when i walk", "urgent"),
])
def test_knee_and_foot_words_the_sixth_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said, topic", [
    # A vague change is asked about, never alarmed at and never let pass: going less often,
    # a belly that feels off, feeling off in oneself, a region that feels peculiar.
    ("i seem to be going to the loo less since the new tablets", "bladder"),
    ("i pee less than usual since the pills", "bladder"),
    ("me tummy feels a bit off as well as the back", "belly"),
    ("i have come over a bit funny in myself", "general"),
    ("it feels peculiar down below today", "saddle"),
])
def test_a_vague_change_gets_a_question(said, topic):
    read = assess(said)
    assert (read.level, read.clarify) == ("clarify", topic), (said, read)


@pytest.mark.parametrize("said", ["i drink less coffee these days", "my back hurts less today", "i pee as much as usual",
                                  "can i do less holds"])
def test_less_of_something_else_is_no_question(said):
    assert assess(said).level == "none", (said, assess(said))


@pytest.mark.parametrize("calm, alarm, level", [
    # Nights that are "murder" are pain at night.
    ("work was murder today", "nights are absolute murder with this back", "doctor"),
    # An ache that never lets up while resting is pain not eased by rest.
    ("the rain never lets up here", "resting flat the ache never lets up", "doctor"),
    # Doing what the skill said is doing the exercises.
    ("i did what you said and it helped", "i did what you said and now it is worse", "doctor"),
])
def test_night_rest_and_exercise_words_the_sixth_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A back that "went into spasm" near a vehicle is a spasm, not a collision: "went into"
    # is an impact only with what was hit after it.
    ("my back went into spasm as i climbed out of the ute", "a van went into the side of my car and my back is sore", "emergency"),
    ("back went into a spasm while i was loading the truck", "a truck went into us on the motorway yesterday", "emergency"),
    ("my lower back went into a bad spasm in the car park", "someone went into my car at the lights, now my back aches", "emergency"),
])
def test_went_into_is_an_impact_only_with_what_was_hit(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A change hard to put into words is no "can't": it is asked about, never alarmed at.
    ("my wee seems a bit odd, it is hard to describe", "my wee is hard to get going, it barely starts", "emergency"),
    ("something is off with my bladder but i cant explain it", "i cant empty my bladder at all", "emergency"),
    # "No urine problems" denies the problem as one thing, not "no urine".
    ("no temperature, no urine problems, only the back", "there is no urine coming at all since this morning", "emergency"),
    # "Not just" is "not only": "just" is a filler only on its own.
    ("its just my back the rest is fine", "its not just my back the chest is crushing too", "emergency"),
    # A little fall is a small fall: asked about, or urgent with thin bones, not a serious accident.
    ("i had a little fall on the lawn, no thin bones or anything", "i had a bad fall off a ladder this morning", "emergency"),
    # A finding that has been fine since, or an infection cleared by antibiotics, is over.
    ("my knee buckled once last week on the ice, been fine since", "my knee keeps buckling since this morning", "emergency"),
    ("i had a water infection last month and finished the antibiotics", "it stings when i pee and my back aches", "urgent"),
])
def test_fillers_denials_and_descriptions_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_little_fall_with_thin_bones_is_the_urgent_flag_not_trauma():
    read = assess("i have thin bones and had a little fall in the hall")
    assert (read.level, read.flags) == ("urgent", ("osteoporosis_steroids",)), read


@pytest.mark.parametrize("said, topic", [
    ("since the new tablets i am not peeing that much", "bladder"),
    ("i am not feeling right in myself today", "general"),
    ("it feels not normal down below", "saddle"),
])
def test_a_vague_change_said_otherwise_gets_a_question(said, topic):
    read = assess(said)
    assert (read.level, read.clarify) == ("clarify", topic), (said, read)


@pytest.mark.parametrize("calm, alarm, level", [
    # Touch barely felt is lost feeling of the saddle; a stretch barely felt is a mild stretch.
    ("i barely felt the stretch in my hamstring", "i barely felt the towel on my bottom after the bath", "emergency"),
    ("i hardly felt the ice pack, it was so thin", "my inner thigh, i hardly felt it when he touched it", "emergency"),
    # Feeling that is less or gone, and a simile of sleeping or a glove.
    ("my back is less stiff than yesterday", "around my privates the feeling is less since this morning", "emergency"),
    ("my legs are tired from lying here", "both my legs feel like they are sleeping", "emergency"),
    # Cleaning oneself is wiping; the toilet seat is sitting.
    ("i was cleaning the kitchen when my back went", "when i clean myself after the loo i feel almost nothing", "emergency"),
    ("the commode seat is too low for my back", "i cant feel the commode seat under me any more", "emergency"),
    # Only a trickle, only a few drops, or not having managed to pee is retention.
    ("a trickle of sweat ran down my back", "only a trickle comes when i try to pee", "emergency"),
    ("i havent managed the knee rolls yet", "i havent managed a wee since last night", "emergency"),
    # Coming out without being felt is loss of bowel control.
    ("the heat pack slid off without me feeling it", "poo is coming out without me feeling it", "emergency"),
    # Going soft with a partner, and the feeling gone with a partner, are sexual dysfunction.
    ("the ice pack went soft after an hour", "with my wife i just went soft last night", "emergency"),
    ("my husband and i watched a film", "my husband and i tried and i felt almost nothing", "emergency"),
    ("my relations are visiting", "in husband and wife relations there is no feeling since the spasm", "emergency"),
])
def test_lost_feeling_scant_flow_and_partners_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said", [
    "my back passage wont stay closed since yesterday",
    "no morning glory since the spasm started, never had that before",
    "my man bits wont respond since my back went",
    "urine comes drop by drop since last night",
])
def test_control_and_function_lost_said_plainly_alarm(said):
    assert _alarm(said, "emergency"), (said, assess(said))


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg that folds gives way; a folded towel does not.
    ("i folded the towel under my knee", "my knee just folded on the step", "emergency"),
    # Power or strength being lost, legs that do not bear the weight, minutes ago: sudden weakness.
    ("the remote is losing power", "my right leg is losing the power quickly", "emergency"),
    ("my legs are stiff but they are fine to walk on", "my legs are not taking my weight at all", "emergency"),
    ("i did two stretches in the last few minutes", "my thigh lost its strength in the last few minutes", "emergency"),
    ("i cant stay on the floor all day", "i cannot to stand up, my legs dont carry me", "emergency"),
    # Something sitting on the chest, or squeezing under the breast bone, is chest pain.
    ("my cat likes sitting on my lap", "it feels like someone is sitting on my chest", "emergency"),
    ("breast stroke helps my back", "under the breast bone it is squeezing", "emergency"),
    # Breath getting short is breathlessness; a short breath in an exercise is not.
    ("take a short breath between holds", "my breath is getting short since this morning", "urgent"),
    # Thrown by a horse, a hard tackle: a serious accident.
    ("that stretch threw me this morning", "the horse threw me off at the gallop", "emergency"),
    ("i want to tackle the stretches again", "i took a hard tackle at footy last night", "emergency"),
    # A temperature that is up is a fever; a room's is not.
    ("can you turn the temperature up a bit", "temperature's up and i feel rotten", "urgent"),
    # A foot that stays down is a dropping foot.
    ("the ice pack stays down on the floor", "my left foot stays down when i try to walk", "urgent"),
    # Zinging is tingling; pain that travels to a foot goes down the leg.
    ("my phone keeps zinging with messages", "my left calf keeps zinging since the stretch", "doctor"),
    ("i travel a lot for work", "it travels to the outside of my right foot", "doctor"),
    # Bone weakness is thin bones; steroid medicine is steroid tablets.
    ("i feel a general stiffness today", "i have bone weakness and had a small slip on the step", "urgent"),
    ("i use a steroid cream for eczema", "i take steroid medicine every day for my lungs", "urgent"),
    # The tilt is an exercise: pain from it that stays.
    ("i tilt my head to the side", "the tilt gave me a sharp pain that has been there since", "doctor"),
])
def test_weakness_chest_breath_and_exercise_words_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A general question, then "mine do" or "it happened to me": said of the speaker.
    ("can a spasm make your legs go numb? asking for my dad", "can a spasm make your legs go numb? mine do", "emergency"),
    ("can a bad back make you lose control of your bladder? just wondering",
     "can a bad back make you lose control of your bladder? it happened to me twice today", "emergency"),
    # An accident on the way to the toilet is not making it in time.
    ("i had a little accident in the kitchen and spilled the tea", "i had a little accident on the way to the loo this morning",
     "emergency"),
    # Said in a clause of its own, rest that does not ease the pain is still pain at rest.
    ("when i rest, it eases off nicely", "when i rest, the pain is not any less", "doctor"),
    # "And nothing has changed" after weeks is not improving ("and nothing" is not "nothing comes").
    ("i started the stretches two weeks ago and it is easing", "my back has been sore since before the summer and nothing has changed",
     "doctor"),
    # Arm or jaw pain with sweating or feeling sick is a heart emergency presenting as back pain.
    ("my arm aches from holding the ice pack and i am sweating", "my back pain came with sweating and an ache down my left arm",
     "emergency"),
    ("my jaw aches from clenching with the pain", "my jaw aches with sweating and feeling sick on top of the back", "emergency"),
])
def test_questions_answered_accidents_rest_and_heart_signs_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said, level", [
    ("my left foot is not coming back up when i walk", "urgent"),
    ("my face looks thinner and i have not been dieting", "doctor"),
])
def test_overlapping_phrases_still_read(said, level):
    assert _alarm(said, level), (said, assess(said))


@pytest.mark.parametrize("calm, alarm, level", [
    # Wiping that feels like wiping someone else is a simile of lost feeling.
    ("wiping my face with a cold cloth helps", "when i wipe it feels like i am wiping somebody else", "emergency"),
    # Numbness that does not wake up is not positional.
    ("my foot went to sleep on the floor but it woke up when i moved", "my bum has gone to sleep and it doesnt wake up",
     "emergency"),
    # Hard to feel anything there is lost feeling; hard to say how is a description.
    ("it is hard to feel the stretch in my hamstrings", "it is hard to feel anything down below since tuesday", "emergency"),
    ("my wee seems different, i cant say how", "my wee will not come, i cant go at all", "emergency"),
    # "Can't feel whether" is "can't feel if": not a hypothetical "if I".
    ("i wonder whether i need more stretches", "i cant feel whether i need to do a poo any more", "emergency"),
])
def test_similes_wiping_and_not_feeling_whether_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Shivering beside a cold floor, or boiling under a duvet, is asked about; a fever is not.
    ("i am shivering lying on the bathroom floor", "i am shivering and i have a temperature", "urgent"),
    ("im shivering, the tiles are freezing", "i have had the shivers since last night", "urgent"),
    ("i'm boiling under this duvet", "i'm boiling one minute and freezing the next", "urgent"),
    # Out of breath from getting down on the floor is exertion; from rolling over in bed it is not.
    ("i'm a bit out of breath from getting down on the floor", "i'm out of breath just sitting still", "urgent"),
    ("i'm out of breath from getting onto the floor", "i have been out of breath since the pain started", "urgent"),
])
def test_safe_side_over_reads_with_their_reason_said_are_asked_about(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "If I sit" or "if I walk" tells what happens whenever the person does: no hypothetical.
    ("if i ever sit for hours could my bum go numb", "if i sit down my bum goes numb", "emergency"),
    ("if i walk too far will my legs go numb", "if i walk my left leg gives way", "emergency"),
    ("should i worry if i cant pee one day", "if i try to pee nothing comes out", "emergency"),
    # A clause that opens with "if" and asks what would follow is hypothetical throughout.
    ("if the pain went down my leg would i have to stop the stretches", "the pain goes down my leg when i stretch", "doctor"),
])
def test_if_tells_a_trigger_or_asks_a_question(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Not getting "the pressure" to pass urine (Indian English) is not feeling the need to go.
    ("no pressure, take your time with the stretches", "since yesterday i am not getting the pressure to pass urine", "emergency"),
    # "Arse over tit" down the stairs is a fall.
    ("i am sitting on the stairs resting", "i went arse over tit down the stairs this morning", "emergency"),
    # Shaking and sweating, or feeling like the flu, is feeling feverish.
    ("my hands are shaking from the cold floor", "i am shaking and sweating and feel awful", "urgent"),
    ("i had my flu jab last week", "i feel like i have got the flu with this back", "urgent"),
])
def test_everyday_words_for_urge_falls_and_fever_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Dieting said in the clause before explains the weight lost after it, as it does after.
    ("i have been dieting, and i have lost weight", "i have not been dieting, and i have lost weight", "doctor"),
    ("i started running in may and my face looks thinner", "my face looks thinner and i have no idea why", "doctor"),
    # A heat pack sitting on the chest is where it lies, not a weight on the chest.
    ("the heat pack is sitting on my chest now", "it feels like somebody is sitting on my chest", "emergency"),
])
def test_dieting_said_first_and_what_sits_on_the_chest(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_out_of_breath_on_the_stairs_from_being_unfit_is_asked_about():
    assert assess("i was a bit breathless climbing the stairs but i am unfit").level == "clarify"
    assert _alarm("i get out of breath on the stairs now, it never used to happen", "urgent")


@pytest.mark.parametrize("calm, alarm, level", [
    # Urine named as not passing is retention, whatever is said of the bowels beside it.
    ("i can wee fine but i cant poo", "i am not able to pass stool or urine since morning", "emergency"),
    # A fender bender, a prang, a bingle: a car accident.
    ("my fender needs fixing", "i had a fender bender this morning and now my back hurts", "emergency"),
    ("i was doing the washing up", "i pranged the car on the way home", "emergency"),
])
def test_urine_not_passing_and_car_accidents_said_plainly(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A double negative ("can't feel nothing") is a single one in many people's English.
    ("i cant do nothing about the weather", "i cant feel nothing down there", "emergency"),
    # "Ever since yesterday" is new; "ever since" alone is long-standing.
    ("ever since i was a girl i have leaked a bit when i sneeze", "my bottom feels numb ever since yesterday", "emergency"),
    # Going in one's sleep, or waking in a wet bed, is going without knowing.
    ("my partner says i was groaning in my sleep", "i pooed in my sleep last night", "emergency"),
    ("i woke up in a cold bedroom", "i woke up in a wet bed this morning", "emergency"),
])
def test_double_negatives_recent_ever_since_and_going_in_ones_sleep(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Not being able to do anything about it is losing control, not an exception to it.
    ("i cant help it, i keep crying with the pain", "my bowels went and i couldnt do anything about it", "emergency"),
    # Finding oneself soiled or wet is going without knowing.
    ("i found myself on the floor again", "i keep finding myself soiled in the morning", "emergency"),
    # Peeing like through a kinked hose is a blocked stream.
    ("the garden hose is kinked", "peeing is like pushing through a kinked hose since my back went", "emergency"),
    # A foot or leg that could this morning and cannot now: sudden; harder over a week: weaker.
    ("i could touch my toes this morning", "i cant press my foot down on the pedal like i could this morning", "emergency"),
    ("it is getting harder to bend", "it is getting harder to stand on my right leg this week", "urgent"),
    # Weeks of stretches and still can't: not improving.
    ("i still cant find the heat pack", "four weeks of stretches and i still cant bend", "doctor"),
    # Not trying to lose weight is weight lost without trying.
    ("i am trying to lose weight and my jeans are loose", "my jeans are falling off me and i havent been trying to lose weight",
     "doctor"),
])
def test_control_flow_weakness_and_weight_the_seventh_round_showed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_wet_patch_someone_noticed_never_felt_is_the_bladder():
    # Noticed by someone else, said of where the speaker sat, and never felt: lost control.
    read = assess("my son noticed a wet patch where i had sat, and i never felt it happen")
    assert "bladder" in read.flags, read
    assert assess("there is a wet patch on my back from the ice pack").level == "none"


@pytest.mark.parametrize("calm, alarm, level", [
    # Sensation that is less is lost feeling.
    ("the pain is less in the mornings", "sensation is less in the buttock area since yesterday", "emergency"),
    # Heroin and needles are drug use that weakens the body's defences.
    ("i had a flu jab with a needle last week", "i am a heroin user", "urgent"),
])
def test_less_sensation_and_drug_use_said_plainly(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said", [
    # Trouble "with" the bladder, something up with the waterworks, a struggle on the loo:
    # something is wrong, unsaid what; a question, never an alarm.
    "i have had some bladder trouble lately",
    "there is something up with my waterworks",
    "my bladder is a bit troublesome today",
    "it is a bit of a struggle on the loo",
])
def test_vague_bladder_remarks_get_the_bladder_question(said):
    read = assess(said)
    assert (read.level, read.clarify) == ("clarify", "bladder"), (said, read)


def test_trouble_peeing_itself_still_alarms():
    assert _alarm("i have had trouble peeing since my back went", "emergency")


@pytest.mark.parametrize("calm, alarm, level", [
    # Pain in an arm and the jaw together is chest pain's spread (NHS: heart attack).
    ("my arm aches from holding the phone", "pain in my left arm and jaw with the back pain", "emergency"),
    # Feeling faint said in a clause of its own still goes with the pain beside it.
    ("i fainted once as a teenager", "i feel faint and my back is killing me all of a sudden", "emergency"),
])
def test_arm_and_jaw_together_and_faintness_beside_the_pain(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_less_feeling_of_stiffness_is_no_lost_feeling():
    assert assess("i have less feeling of stiffness today").level == "none"
    assert _alarm("there is less feeling in my bum since this morning", "emergency")


def test_breathless_from_rolling_over_still_alarms():
    assert _alarm("i am puffed out just from rolling over in bed", "urgent")


@pytest.mark.parametrize("calm, alarm, level", [
    # Tripping on the stairs is a fall down them, as slipping on them is.
    ("i nearly tripped on the stairs but caught the rail", "i tripped at the top of the stairs this morning", "emergency"),
    # Blood-coloured water in the toilet after going is blood in the urine.
    ("my pink ice pack fell in the toilet", "there is some pink in the toilet bowl after i go", "urgent"),
    # A leg that cannot step up, or has to be lifted with the hands, is weak.
    ("i cant step up the pace today", "i cant step up onto the bus with my right leg", "urgent"),
    ("i lift my knee to my chest with my hands in the stretch", "i have to lift my leg with my hands to get into bed", "urgent"),
])
def test_stairs_toilet_colour_and_legs_lifted_by_hand(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Just now" is a moment ago: weakness that came on then is sudden.
    ("just now i did the stretches and my back feels better", "my leg went floppy when i stood up just now", "emergency"),
    # A leg that won't hold is weak.
    ("the ice pack wont hold on my leg", "i keep losing my balance because my leg wont hold", "urgent"),
])
def test_just_now_and_what_will_not_hold(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # No control "down below" is lost control; everything there stopped working is lost function.
    ("my bum is wet from the ice pack", "i have got no control down below", "emergency"),
    ("the heat pack on my bottom has stopped working", "everything down below has stopped working", "emergency"),
    # An hour on the toilet, then "I can't go", is trying and failing to pee.
    ("i sat on the loo for ten minutes reading", "i have been sitting on the toilet for an hour and i cant go", "emergency"),
])
def test_control_and_function_down_below_and_an_hour_on_the_toilet(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_wet_bottom_or_lets_go_is_no_lost_control():
    assert assess("my bottom is wet after the shower").level == "none"
    assert assess("lets go, my bum is numb").flags == ("saddle_numbness",)


# --------------------------------------------------------------------------- requests that raised a level


@pytest.mark.parametrize("calm, alarm, level", [
    # "Can barely", "can hardly" and "can only just" are "can't": standing up straight is the
    # spasm's posture, standing it is bearing the pain, standing at all is walking.
    ("i can hardly stand up straight this morning", "i can hardly stand since this morning", "emergency"),
    ("i can barely stand it any more", "i can only just walk to the door", "emergency"),
])
def test_a_hedged_can_reads_as_cant(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_touch_barely_felt_and_a_leg_barely_stood_on_keep_their_reading():
    assert assess("i can barely feel the stretch in my hamstring").level in CALM
    assert assess("i can hardly feel the toilet paper when i wipe").level == "emergency"
    assert assess("my right leg suddenly went weak and i can hardly stand on it").level == "emergency"


@pytest.mark.parametrize("calm, alarm, level", [
    # A bed one lies or stays in is where one is; wetting it is what is said of it.
    ("i am lying in my bed and cant get comfortable", "i went in the bed last night without knowing", "emergency"),
    ("i have been in my bed since the spasm started", "i did a wee in the bed and never felt it", "emergency"),
    ("i am stuck in the bed, my back has locked", "i had an accident in my bed this morning", "emergency"),
])
def test_a_bed_one_is_in_is_no_wet_bed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A question about the course to come ("is it going to", "will this") is about recovery.
    ("is it going to last for weeks", "it has lasted for weeks and is not getting better", "doctor"),
    ("am i going to be like this for months", "i have been like this for months", "doctor"),
    ("will this drag on for weeks", "it has dragged on for weeks now", "doctor"),
])
def test_a_question_about_the_weeks_to_come_is_about_recovery(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weight loss asked about as a remedy is weight lost on purpose; weight that goes unasked is not.
    ("would losing some weight take the strain off my back", "i am losing weight and i do not know why", "doctor"),
    ("will losing a few pounds stop it coming back", "i have lost a few pounds without trying", "doctor"),
])
def test_weight_loss_asked_about_as_a_remedy_is_on_purpose(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A stretch barely felt is a mild stretch; a part of one's own body barely felt is numbness.
    ("i can barely feel the stretch in my legs", "i can barely feel my legs", "emergency"),
    ("i can hardly feel the stretch in my hamstring", "i can hardly feel my left leg", "doctor"),
    ("i barely felt that one at all", "i barely felt my feet when i stood up", "emergency"),
])
def test_a_body_part_barely_felt_is_numbness_where_a_stretch_barely_felt_is_mild(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The heart's picture said one piece after another: an aching jaw or arm in one clause,
    # sweating or sickness in the next. A workout or a cause given for them stays calm.
    ("i was sweating at the gym, and my arm aches from the weights",
     "my arm has been aching, and i am sweating and i feel sick", "emergency"),
    ("my jaw aches from clenching my teeth, no sweating though",
     "i am sweating a lot, and my jaw aches", "emergency"),
])
def test_arm_or_jaw_pain_with_sweating_in_another_clause_is_the_heart(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A walk or the stairs explain being out of breath; an effort as slight as a few steps
    # or getting dressed does not.
    ("i am out of breath after the walk to the shops", "i am out of breath after a couple of steps", "urgent"),
    ("i was puffed after climbing the stairs, i am so unfit", "i am puffed after getting dressed, i am so unfit", "urgent"),
])
def test_breathless_after_a_slight_effort_is_not_explained_by_it(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Breathlessness said through what one cannot do; "finish" is sexual only said of sex or
    # a partner, never of a stretch or a sentence.
    ("i cant finish the stretches today", "i cant finish a sentence without gasping", "urgent"),
    ("i had to stop for a rest on the walk", "i have to keep stopping for air on the way to the kitchen", "urgent"),
    ("i couldnt finish the routine, my back hurt", "with my husband i cant finish anymore since my back went", "emergency"),
])
def test_breathlessness_said_through_what_one_cannot_do(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg that no longer does a movement it could (lift one, hold one up, obey), said
    # with a sudden onset, is sudden weakness; the same verbs said of something else are not.
    ("i cant lift the shopping with this back", "my thigh suddenly wont lift me up the step", "emergency"),
    ("the stretch is not holding me in the right position", "all of a sudden my legs are not holding me up", "emergency"),
    ("my dog wont do what i told it", "out of nowhere my leg wont do what i told it", "emergency"),
    ("i did the stretch and lost the thread", "my right leg suddenly lost the strength", "emergency"),
])
def test_a_leg_failing_at_a_movement_it_could_do_is_weakness(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A knee or leg that "gives", said mildly, is leg weakness; one that gives the speaker
    # a twinge is not, and one that gives way is still sudden weakness.
    ("my knee gave me a twinge on the stairs", "my left knee gives when i go down the stairs", "urgent"),
    ("my leg gave me grief at the gym last year", "my knee keeps giving way under me", "emergency"),
])
def test_a_knee_that_gives_said_mildly_is_weakness(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Legs that will not walk cannot walk; a walk one chooses not to take is a choice.
    ("my legs are stiff so i wont walk far today", "my legs just wont walk", "emergency"),
    ("i wont walk the dog today", "its my legs, they wont let me walk", "emergency"),
])
def test_legs_that_will_not_walk_cannot_walk(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The genitals said not to work is sexual dysfunction; a position or a heat pack that
    # does not work is not. Married life is a partner named.
    ("lying on my bottom doesnt work, it still hurts", "since the spasm things dont work down there", "emergency"),
    ("the heat pack down there doesnt work", "my privates have stopped working since my back went", "emergency"),
    ("married life is good, my back is the problem", "in married life there is no feeling for me now", "emergency"),
])
def test_the_genitals_not_working_is_sexual_dysfunction(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "after this back problem" tells when it began, not where it is: it does not stop a
    # partner's words from being read.
    ("with my wife i go for walks, after this back problem i go slower",
     "with my wife i am not getting any feeling after this back problem", "emergency"),
])
def test_after_this_back_problem_tells_when_not_where(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Not feeling the urge, or whether the bladder is full, or whether anything came out,
    # is losing the bladder's sensation; not noticing a change is a denial.
    ("i havent noticed any change in my bladder", "i havent felt the urge to pee since yesterday", "emergency"),
    ("i dont feel any burning when i pee", "i dont feel whether my bladder is full anymore", "emergency"),
    ("i had no sense of how long the spasm would last", "on the toilet i had no sense of whether anything came out", "emergency"),
])
def test_not_feeling_the_need_is_a_lost_bladder_sensation(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A trickle when one goes is a weak stream, however small the words before it
    # ("a little", which a filler takes away).
    ("a little trickle of sweat ran down my back", "i only get a little trickle when i go", "emergency"),
])
def test_a_trickle_when_one_goes_is_a_weak_stream(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Half asleep" said of a body part is numbness that stays; said of the speaker it is
    # tiredness. "Fell asleep" as a simile ("numb, like they fell asleep") is not a limb
    # that fell asleep from sitting and is fine now.
    ("i am half asleep, i slept badly last night", "my bum is half asleep whenever i sit down", "emergency"),
    ("my leg fell asleep when i sat cross legged, fine now", "my feet are both numb, like they fell asleep", "emergency"),
    ("my legs went to sleep on the floor, gone now", "my legs are both tingling, like they went to sleep", "emergency"),
    ("i walked on gravel in my bare feet", "both my feet feel like i am walking on gravel", "emergency"),
])
def test_asleep_said_as_a_state_or_a_simile_is_numbness(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Knocked off a ladder or a bike is a fall; the pain that knocks one off one's feet is not.
    ("the spasm knocked me off my feet this morning", "a branch knocked me off the ladder onto the patio", "emergency"),
    ("i climbed off the ladder and then my back went", "the dog knocked me off my bike yesterday", "emergency"),
])
def test_knocked_off_something_is_a_fall(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("slow, sudden", [
    # "It was fine this afternoon", "they were fine at breakfast": an onset within the day
    # is sudden weakness (an emergency), said in any of the day's words; weakness for weeks
    # is leg weakness (urgent).
    ("i cant go up on my toes on the right side, it has been creeping on for weeks",
     "i cant go up on my toes on the right side and it was fine this arvo"),
    ("my left leg is weak, it has been for weeks", "my left leg is weak now and it was fine at lunch"),
])
def test_fine_earlier_the_same_day_is_a_sudden_onset(slow, sudden):
    assert assess(slow).level == "urgent", (slow, assess(slow))
    assert assess(sudden).level == "emergency", (sudden, assess(sudden))


@pytest.mark.parametrize("calm, alarm, level", [
    # Older words for wetting oneself, and passing wind with something coming out.
    ("i need to drink more water", "i have never lost my water like this before", "emergency"),
    ("i keep passing wind since the codeine", "i pass wind and stuff comes out and i cant stop it", "emergency"),
])
def test_older_and_plain_words_for_losing_control(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The backs of both knees are both legs.
    ("i stretched the backs of my knees gently", "shooting pain behind both knees since this morning", "emergency"),
])
def test_behind_both_knees_is_both_legs(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A general question followed by "mine have", or a why-question about one's own body,
    # tells of the speaker: only a denial still sets it aside.
    ("do bad backs ever numb your bum? mine hasnt, just asking",
     "do bad backs ever numb your bum? because mine has since tuesday", "emergency"),
    ("why would a leg suddenly go weak, just wondering", "why would my leg suddenly go weak?", "emergency"),
])
def test_a_question_then_mine_or_why_my_tells_of_the_speaker(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Bones said to be like lace are thin bones (osteoporosis).
    ("the curtains are like lace", "the doctor said my bones are like lace and i lifted a box", "urgent"),
])
def test_bones_like_lace_are_thin_bones(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("cause, instrument", [
    # "With my leg" names the leg that does something, not a cause: a walk does not explain
    # a leg that cannot push off.
    ("my legs feel heavy after walking with my dog", "i cant push off with my right leg when i walk now"),
])
def test_with_my_leg_names_the_leg_not_a_cause(cause, instrument):
    assert assess(cause).level in CALM, (cause, assess(cause))
    assert _alarm(instrument, "urgent"), (instrument, assess(instrument))


@pytest.mark.parametrize("calm, alarm, level", [
    # Needing pads for the first time is new leaking; pads worn for years, or for a
    # period, are not, and a garment alone is not wetting.
    ("i have worn pads ever since my kids were born", "i have started needing a pad, i never did before", "emergency"),
    ("i need a pad today, my period started", "since the spasm i have to wear pads", "emergency"),
])
def test_needing_pads_for_the_first_time_is_leaking(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg that has to be lifted with the hands is a weak leg, however many words lie
    # between the leg and the hands.
    ("i lifted the shopping into the car with both hands", "i have to lift my right leg into the car with my hands", "urgent"),
    ("i stretch my leg gently with my hands", "i have to haul both legs into bed with my hands", "emergency"),
])
def test_a_leg_lifted_with_the_hands_is_weak(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "The other one joined in" after a leg symptom is the other leg: both legs.
    ("my friend had a sore leg and then her husband joined in the walk",
     "my left leg was sore for a week, and last night the other one joined in", "emergency"),
    ("i did one stretch and then the other one", "my right leg tingles and now the other one is doing it too", "emergency"),
])
def test_the_other_one_joining_in_is_both_legs(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A question about a symptom that says when it began is told of the speaker; asked of
    # nobody, or of someone else, it is still a question.
    ("is sciatica on both sides a bad sign", "sciatica on both sides since this morning, is that normal", "emergency"),
    ("my husband has had numb legs since yesterday, is that normal", "numb bum since yesterday, is that normal?", "emergency"),
])
def test_a_question_that_says_when_it_began_is_told_of_the_speaker(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A hedged "could" (could hardly, could barely) reads as a hedged "can": what one could
    # hardly do, not a hypothetical.
    ("i could hardly sleep last night with this back", "by lunch my left leg could hardly hold me up", "emergency"),
    ("i could barely believe how stiff i was", "my partner touched my inner thigh and i could barely feel it", "emergency"),
])
def test_a_hedged_could_reads_as_a_hedged_can(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The toilet paper "not touching anything" is a numb saddle; a leg that "switched off"
    # gave way; "fuzzy" skin is pins and needles (a fuzzy head is not); the inner legs are
    # the saddle.
    ("i wiped down the bench, my back is not touching anything", "when i wipe it feels like the paper is not touching anything", "emergency"),
    ("i switched off the tv and lay on my leg", "my grandson said my leg looked like it switched off", "emergency"),
    ("my head is fuzzy from the codeine", "the tops of my inner legs have gone all fuzzy", "emergency"),
])
def test_everyday_words_for_numbness_and_a_leg_giving_way(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Cannot pee told step by step: a clause that only sets the scene ("sat there") lends
    # the place said before it, so "nothing came" is still about peeing.
    ("i went to the loo for a wee, sat there, and it was fine",
     "i went to the loo for a wee, sat there, and nothing came", "emergency"),
])
def test_a_scene_set_between_lends_the_place_before_it(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said, read", [
    # A recogniser's "backs gone" is "back's gone": no phrase of the lexicon may start with
    # the plural of a body word and so keep it from being read as the possessive.
    ("my backs gone again", "my back gone again"),
    ("my backs killing me", "my back killing me"),
])
def test_a_recognisers_possessive_still_reads_as_the_body_word(said, read):
    from spasm_coach.triage import normalize
    assert normalize(said) == read


@pytest.mark.parametrize("calm, alarm, level", [
    # Keeping a hold up for a time is a task; "can't keep it up" said alone is sexual.
    ("can we do shorter holds, i cant keep it up that long", "since my back went i cant keep it up", "emergency"),
    ("i cant keep it up for thirty seconds", "i cant keep it up with my wife since the spasm", "emergency"),
])
def test_keeping_a_hold_up_for_a_time_is_a_task(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Sex that "felt like nothing" is no feeling during sex; feeling that nothing helps is not.
    ("i felt like nothing could help my back", "sex with my husband felt like nothing completely numb", "emergency"),
    # "Ever since I tweaked my back" tells that it is new, where "ever since my kids" tells
    # that it is long-standing.
    ("ever since my kids i leak a bit when i sneeze", "ever since i tweaked my back i cant climax", "emergency"),
])
def test_felt_like_nothing_and_ever_since_the_back(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Said without punctuation, as a recogniser sends it: the back named as the suspected
    # cause ("is that my back", "coming from the back") is no place of its own, so the
    # finding keeps the place said before it. "After back pain" tells when it began.
    ("my hamstrings are tight is that my back", "we had sex last night and i couldnt feel a thing is that my back", "emergency"),
    ("my partner rubbed my bottom and i felt better is this coming from the back",
     "my partner pinched my bottom and i feel nothing is this coming from the back", "emergency"),
    ("with my girlfriend i go walking after back pain", "with my girlfriend i have no feeling since two days after back pain", "emergency"),
])
def test_the_back_named_as_the_cause_is_no_place_of_its_own(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A time said with "from" (from evening, from two days) tells when it began, not a cause
    # that explains breathlessness away; "temperature's up" as a recogniser writes it.
    ("i am out of breath from the walk to the shops", "breathing is becoming difficult from evening back is also paining", "urgent"),
    ("my temperatures normal, feel rotten", "temperatures up feel rotten", "urgent"),
])
def test_a_time_said_with_from_and_a_temperature_said_as_written(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Ever since" alone means since what was just told (a fall on Sunday), not "for years";
    # "ever since my kids" is still long-standing.
    ("i have leaked a little when i sneeze ever since my kids", "came off my bike on sunday backs been locked up ever since", "emergency"),
])
def test_ever_since_alone_is_since_what_was_told(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Can't keep it up" said of a hold or a stretch is the hold; said alone, or with a
    # partner or sex named, it is sexual dysfunction.
    ("i cant keep it up that long, can the holds be shorter", "i cant keep it up since my back went", "emergency"),
    ("couldnt keep it up for the whole count", "i couldnt keep it up with my wife last night", "emergency"),
    ("i cant keep it up in this stretch", "cant keep it up in the bedroom any more", "emergency"),
    ("i cant finish the stretch", "i cant finish since my back went", "emergency"),
    ("i cant finish the count", "i cant finish with my wife any more", "emergency"),
])
def test_keeping_it_up_or_finishing_is_the_hold_where_a_hold_or_stretch_is_named(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A general question, then "mine has", "because I've got that", "that's what's happening
    # to me", tells of the speaker; "mine has never", "mine have been fine" deny it.
    ("can a spasm make both your feet numb? mine has never done that", "can a spasm make both your feet numb? mine have", "emergency"),
    ("can a bad back make your legs weak, mine have been fine", "can a bad back make your legs weak, because mine has", "emergency"),
    ("can a spasm make your groin numb, mine did not", "can a spasm make your groin numb cos thats whats happening to me", "emergency"),
    ("can back pain cause chest pain in your neck, mine is not like that",
     "can back pain cause chest pain that spreads to your neck? because ive got that right now", "emergency"),
])
def test_a_general_question_then_said_of_the_speaker_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Sexual function said through a partner or an idiom: being touched by a partner and
    # feeling nothing, not getting things going with a partner, not standing to attention.
    ("when my wife touches my back it hurts", "i feel nothing when my partner touches me there", "emergency"),
    ("i cant get things going in the morning", "i cant get things going with my wife since the spasm", "emergency"),
    ("me and my wife went for a walk and my back seized", "it wont stand to attention since my back went", "emergency"),
])
def test_sexual_function_said_through_a_partner_or_an_idiom(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Breath that cannot be got ("can't get a proper breath", "me breath"), sentences that
    # cannot be finished, stopping for air: new breathlessness. A stretch not finished is not.
    ("i cant get a proper stretch in", "i cant get a proper breath lately", "urgent"),
    ("i cant finish the stretch today", "i cant finish a sentence without stopping", "urgent"),
    ("i had to stop for a rest on the stairs", "i have to keep stopping for air on the stairs", "urgent"),
    ("me back is tight today", "cant get me breath today and me back is tight", "urgent"),
])
def test_breathlessness_said_through_what_cannot_be_done(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Immune suppression said in two words; a fall headfirst down or off something; legs that
    # will not take one's weight; weakness that is worse now than it was.
    ("i take tablets for my blood pressure", "i am on immune suppressant tablets for my arthritis", "urgent"),
    ("i dove headfirst into bed", "i went headfirst down the stairs last night", "emergency"),
    ("i dont want to put weight on the sore side yet", "my legs wont take any weight this morning", "emergency"),
    ("my back was a bit stiff this morning but now it is way worse", "my leg was a bit weak this morning but now it is way worse", "emergency"),
])
def test_immune_suppression_headfirst_falls_weight_and_weakness_worse_now(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Rest that brings no relief said otherwise ("doesn't settle it", "never takes the edge
    # off"); what a pack does not help is no word on rest; "it's no better" said after weeks.
    ("lying down is fine but the ice pack doesnt help", "lying flat on the couch doesnt settle it", "doctor"),
    ("resting is lovely, i dont get any relief from the heat pack though", "i dont get any relief from resting", "doctor"),
    ("a hot bath takes the edge off it", "lying down never takes the edge off this pain", "doctor"),
    ("four weeks ago i had a cold and now it is fine", "four weeks i have had this back pain and it does not become better", "doctor"),
])
def test_rest_without_relief_and_weeks_without_change_said_otherwise(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Could the spasm be why I'm short of breath?" asks why the speaker has it: a disclosure.
    # Asked of someone else it stays a question. "and both my legs" begins a clause of its own.
    ("could a spasm be why someone is short of breath", "could the spasm be why i am so short of breath", "urgent"),
    ("would the cold be why my son has a fever", "would the cold be why i have a fever", "urgent"),
    ("my daughter says i am walking funny and she has numb legs",
     "my daughter says i am walking funny and both my legs feel numb", "emergency"),
])
def test_a_question_about_why_the_speaker_has_it_and_both_beginning_a_clause(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # An exercise named in a clause of its own is what the next clause's pain follows; sore
    # "ever since" or for hours after it is pain that has not settled, not a long-standing one.
    ("i did the knee rolls yesterday, and my back has felt easier ever since",
     "i did the knee rolls yesterday, and my back has been aching ever since", "doctor"),
    ("after the cat cow i rested on the sofa for hours", "after the cat cow my back was throbbing for hours", "doctor"),
    ("i tried the plank and then the pain went down", "i tried the plank, the pain goes up and it wont come down", "doctor"),
    ("the tilts went fine, i felt much better after", "the tilts went badly, it is much sorer than it was", "doctor"),
])
def test_pain_that_outlasts_an_exercise_is_said_across_clauses(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "each day" or "quickly" beside an exercise says how often or how fast it is done; only
    # with pain does it say the pain grows.
    ("i do the knee rolls three times each day", "the knee rolls make it hurt more and more each day", "doctor"),
    ("i got through the pelvic tilts quickly", "the pelvic tilts make the pain spread quickly", "doctor"),
])
def test_how_often_an_exercise_is_done_is_not_pain_growing(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weeks said in one clause and "no better" or "still same" in the next is one finding;
    # "a good month" or "a whole month" is a month.
    ("it has been a good month now, and it is much better", "it has been a good month now, and it is still same", "doctor"),
    ("a whole month, and the pain is much less now", "a whole month, and the pain is not less", "doctor"),
])
def test_weeks_said_apart_from_no_better_is_not_improving(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Lying or keeping still is where the person is; with pain it is pain that rest does not
    # ease. "in night" (no article) is at night.
    ("i am keeping dead still on the floor", "it throbs even when i keep dead still", "doctor"),
    ("i am lying still on the floor for now", "it aches even when i am lying still", "doctor"),
    ("it does not matter if i lie down or sit for the stretches, right",
     "it does not matter if i lie down or sit, it keeps throbbing", "doctor"),
    ("my back is sore in the day when i bend", "my back is sore in night, it wakes me", "doctor"),
])
def test_stillness_alone_is_where_one_is_and_with_pain_is_pain_rest_does_not_ease(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Long-standing, said by a decade, by which child it dates from, or as "old news".
    ("my foot has been numb since a skiing accident in the eighties", "my foot has gone numb since this morning", "doctor"),
    ("i have leaked a little since my third baby", "i have started leaking since my back went", "emergency"),
    ("i dribble when i cough, but that is old news", "i dribble when i cough, and that is new since the spasm", "emergency"),
])
def test_long_standing_said_by_decade_child_or_old_news(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Came and went: several clauses in a row may say it was brief and is over; one that
    # speaks of another symptom says nothing of this one.
    ("my foot tingled once, only a few seconds, and after that nothing",
     "my foot tingles, every few minutes, and it keeps coming back", "doctor"),
    ("my leg went numb for a second, but the numbness is gone now", "my leg is numb, but the pain is better now", "doctor"),
    ("my legs tingled on a long drive, but they were fine after a walk around",
     "both my legs have tingled since the long drive and they still do", "emergency"),
    # Breathlessness that a later clause says is over is asked about; one said with a
    # position ("when I lie on the mat") is not over.
    ("i was a bit puffed yesterday, but today it is fine", "i get puffed when i lie on the mat", "urgent"),
    ("i was out of breath earlier, but it passed", "i am out of breath, but the pain is better now", "urgent"),
])
def test_what_came_and_went_is_asked_about(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weight lost is often noticed by what one wears; on a diet it is on purpose.
    ("my trousers are baggier because i am trying to lose weight", "my trousers are baggier and i do not know why", "doctor"),
    ("my wedding ring keeps slipping off since i joined slimming world", "my wedding ring keeps slipping off these days", "doctor"),
    # "should I mention that I ..." tells the speaker's own finding; it is no hypothetical.
    ("should i mention to the doctor that my back is stiff", "should i mention that i have lost weight without trying", "doctor"),
])
def test_weight_lost_noticed_by_what_one_wears_or_told_in_a_question(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "on and off" says it comes back, not that it is old; "on and off for years" is old.
    ("my foot has tingled on and off for years", "my foot has pins and needles on and off", "doctor"),
    ("my right calf has been numb on and off for ages", "my right calf goes numb on and off", "doctor"),
])
def test_on_and_off_is_recurring_not_long_standing(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_getting_on_and_off_the_toilet_is_moving_and_still_a_place():
    # "on and off" no longer reads as long-standing: getting on and off the toilet is moving
    # with a stiff back (a question), and the toilet is still where nothing comes out.
    assert assess("i struggle to get on and off the loo").level in CALM
    assert assess("i keep getting on and off the toilet but nothing comes out").level == "emergency"


@pytest.mark.parametrize("calm, alarm, level", [
    # "after that nothing" is over; "no nothing, since ..." is no feeling since then.
    ("my leg tingled once, after that nothing", "gone dead down there no feeling no nothing since i hurt my back", "emergency"),
])
def test_nothing_since_is_no_feeling_since_not_over(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("vague, plain", [
    # Vague remarks that must be asked about, never ignored: shaky legs, peeing less, back
    # pain going round to the front, a body that feels wrong; the same words without the
    # finding stay quiet.
    ("my legs feel shaky today", "the table i lean on is shaky"),
    ("i have not been weeing as much since the new pills", "i drink as much water as you said"),
    ("it aches right round to the front now", "i rolled round to the front of the bed"),
    ("something is wrong in my body, i can not say what", "something is wrong with my phone"),
    # A racing heart, aching kidneys and a changed walk are asked about too.
    ("my heart keeps racing, maybe it is nerves", "my heart is fine, thanks"),
    ("my kidneys are aching today", "i had kidney beans for lunch"),
    ("my wife says i am walking funny", "i am walking to the kitchen"),
    # A knee that feels odd is a leg; pain said to spread, with no place, is asked where.
    ("my knees feel a bit shaky", "my knees are on the mat"),
    ("the pain is spreading", "i am spreading a towel on the floor"),
])
def test_a_vague_remark_is_asked_about(vague, plain):
    assert assess(vague).level == "clarify", (vague, assess(vague))
    assert assess(plain).level == "none", (plain, assess(plain))


@pytest.mark.parametrize("calm, alarm, level", [
    # "not trying", "eating normally", "not dieting" say weight loss is not on purpose only
    # when weight, its loss or thinness is said; alone they are about something else.
    ("i am eating normally and my back is just stiff", "i am eating normally but the weight keeps coming down", "doctor"),
    ("i was not trying to lift anything heavy when it went", "i was not trying to, but i have gone skinny", "doctor"),
    ("eating as usual, just my back hurts", "eating as usual, and i am much lighter", "doctor"),
])
def test_not_on_purpose_needs_weight_said(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "the pain is not going" after an exercise is pain that does not settle; "not going down
    # my leg" still denies the leg.
    ("i did the plank and the pain is not going down my leg", "i did the plank and the pain is not going", "doctor"),
    ("after the knee rolls it is not going into my legs", "after the knee rolls it hurts and it is not going", "doctor"),
])
def test_pain_not_going_is_pain_that_stays(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Pain said as worse ("hurts more", "sorer") is pain: a leg that hurts more is a leg that hurts.
    ("my back hurts more now", "my leg hurts more now", "doctor"),
    ("my shoulders are sorer today", "my right leg is sorer today", "doctor"),
])
def test_a_leg_that_hurts_more_is_a_leg_that_hurts(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A touch on the saddle not felt (water, a towel, a hand, the cold) is numbness there;
    # a stretch not felt there is a mild stretch, and water not felt on the back is no saddle.
    ("i didnt feel the stretch in my bottom", "i didnt feel the towel on my bottom", "emergency"),
    ("i did not feel the water on my back in the shower", "i did not feel the water on my backside in the shower", "emergency"),
    ("i dont feel the pull in my inner thigh", "i dont feel his hand on my inner thigh", "emergency"),
    # Wiping: the paper itself is the touch.
    ("i didnt feel like wiping down the mat", "i didnt feel the loo roll when wiping", "emergency"),
])
def test_a_touch_on_the_saddle_not_felt_is_numbness(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The need or urge to go denied by "never", "no longer" or "don't have" is not feeling
    # the need to go, as "don't feel the need" already was; the need to do anything else is not.
    ("i never feel the need to stretch in the morning", "i never feel the need to go to the loo now", "emergency"),
    ("i no longer get the urge to go to the gym", "i no longer get the urge to wee", "emergency"),
    ("i dont have the urge to eat much", "i dont have the urge to pee any more", "emergency"),
])
def test_the_need_to_go_denied_every_way(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A vehicle that tipped over is one that rolled, a serious accident; a thing that is no
    # vehicle tipping over is not.
    ("the ironing board tipped over on top of me", "the tractor tipped over on top of me", "emergency"),
    ("my mug tipped over on the mat", "the quad bike tipped up with me on it", "emergency"),
])
def test_a_vehicle_that_tipped_over_is_a_serious_accident(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The back pain said beside another feeling is the spasm itself: it gives that feeling
    # no pain of its own. The feeling's own pain still counts.
    ("my tummy feels strange along with the back pain", "my tummy hurts along with the back pain", "emergency"),
    ("my belly feels odd on top of my back pain", "a pulsing in my belly as well as the back pain", "emergency"),
])
def test_the_back_pain_said_beside_a_feeling_is_not_that_feelings_pain(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Getting off the toilet is moving with a stiff back, and the toilet is still the place
    # where nothing comes out.
    ("i cant get off the toilet because of my back", "i cant get off the loo and nothing will come out", "emergency"),
    ("i struggle to get up off the toilet with this back", "i was on the loo for ages and couldnt go", "emergency"),
    ("im stuck and cant get off the loo", "i sat on the toilet and nothing came out", "emergency"),
])
def test_getting_off_the_toilet_is_moving_not_the_bladder(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A month said as part of it ("since the middle of April", "since the end of") is
    # a month or more ago.
    ("i started the stretches in the middle of april", "sore since the middle of april and it has not changed", "doctor"),
    ("i have done the stretches since the end of the summer", "aching since the end of january, no better", "doctor"),
    # Compared with how it began ("as bad as day one", "as bad as ever"); said without the
    # -ing ("not get better"). A question about how long it takes is information.
    ("how long will it take, is it the same for everyone", "two months of this, and it is as bad as ever", "doctor"),
    ("today is as bad as it gets for a spasm, they say", "five weeks of this and it is as bad as the first day", "doctor"),
    ("will my back not get better if i skip a day", "one month and more, my back not get better", "doctor"),
])
def test_not_improving_said_by_date_or_by_comparison(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # An exercise said by its everyday name ("knee hugs") is an exercise.
    ("the knee hugs feel lovely", "the knee hugs made the pain worse and it has not settled", "doctor"),
    # More pain said with an intensifier, or as the exercise making the back hurt, or not
    # yet settled an hour on.
    ("the pelvic tilts help a lot more than the heat", "after the pelvic tilts my back hurts a lot more", "doctor"),
    ("i did the cat cow an hour later and felt fine", "i did the cat cow and it was throbbing an hour later", "doctor"),
    ("knee rolls are fine, the back does its own thing", "the knee rolls made my back hurt", "doctor"),
    # Non-native grammar: "the pain increase" is the pain increased.
    ("when i do child pose my back relaxes", "when i do child pose the pain increase", "doctor"),
])
def test_pain_from_an_exercise_said_every_way(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Lying perfectly still, or lying without moving, is rest; pain that goes on through it
    # is pain rest does not ease.
    ("lying perfectly still on the floor eases it", "lying perfectly still the pain keeps throbbing", "doctor"),
    ("when i lie and dont move it settles", "when i lie and dont move, the pain is the same", "doctor"),
    # "most bad" is worst; rest "not making it better" is rest that does not help.
    ("the spasm is most bad when i bend", "at night it is most bad", "doctor"),
    ("the heat pack is making it better", "resting is not making it better", "doctor"),
    # "worst when resting" as "worse when resting".
    ("it is worst when i bend forward", "it is worst when i am resting", "doctor"),
])
def test_pain_rest_does_not_ease_said_every_way(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A question about "that" asks about what was just said, so it tells of the speaker; a
    # question asked of nobody still only gets a question back.
    ("is pain that is worse at night a bad sign", "the pain is worse at night, is that normal?", "doctor"),
    ("out of curiosity, is numbness in both legs serious", "numbness in both legs, is that serious?", "emergency"),
    ("my dad has pins and needles down one leg, is that bad", "pins and needles down one leg, is that bad", "doctor"),
])
def test_a_question_about_what_was_just_said_tells_of_the_speaker(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_question_about_that_keeps_the_side_said_beside_it():
    # The question says nothing of its own: the right leg said with it is still the other leg.
    assert assess("my left leg aches and now my right calf is starting too is that normal").level == "emergency"


@pytest.mark.parametrize("calm, alarm, level", [
    # An approximate length is a length: "for about twenty years" is long-standing.
    ("my left foot has been numb for about twenty years", "my left foot went numb an hour ago", "doctor"),
    # "now and then" says how often, not that it is new, and its "and then" starts no clause.
    ("my knee gives way now and then, always has", "my knee keeps giving way since this morning", "emergency"),
    # "no different now" says it is unchanged, not that it is new.
    ("both feet have tingled for years, it is no different now",
     "both feet started tingling this morning and it is getting worse now", "emergency"),
])
def test_long_standing_said_approximately_or_as_unchanged(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Over and gone said plainly ("right as rain"), or by the position that caused it
    # being changed ("gone now I've shifted").
    ("cramp in my calf in the night, right as rain since", "a cramp in my calf that keeps coming back", "doctor"),
    ("my leg tingled lying on the floor, gone now i shifted", "my leg tingles lying on the floor, and shifting does nothing", "doctor"),
])
def test_gone_said_plainly_or_by_a_change_of_position(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A feeling placed by its own "in my X" belongs to X: legs said before it, unpunctuated,
    # do not have it. A leg said after it does.
    ("my legs are strong its only the ache in my back", "its the ache in my back and down both legs", "emergency"),
    ("both legs work well its only the burning in my back", "the burning in my back goes into both legs", "emergency"),
    # A feeling said of the leg stays the leg's, wherever it is felt.
    ("my legs are fine its the pain in my back", "my left leg hurts in my hip", "doctor"),
])
def test_a_feeling_placed_in_the_back_is_not_the_legs(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A toilet named with a fault of its own is the fixture, not going to the toilet: no
    # bladder, and its breaking is no fall. The bladder said beside it still counts.
    ("the toilet doesnt work", "the toilet wont flush and i cant pee", "emergency"),
    ("our loo wont flush", "our loo wont flush and i cant wee either", "emergency"),
    ("the downstairs loo is broken", "nothing comes when i try to pee, and the downstairs loo is broken", "emergency"),
    ("the bathroom is blocked again", "i keep leaking in the bathroom", "emergency"),
])
def test_a_toilet_with_a_fault_of_its_own_is_the_fixture(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_a_locale_toilet_with_a_fault_is_the_fixture_too():
    assert assess("the lav wont flush", locale="en-GB").level in CALM
    assert assess("i cant pee in the lav", locale="en-GB").level == "emergency"


@pytest.mark.parametrize("calm, alarm, level", [
    # Fine again within minutes is brief and over ("after five minutes it was ok"); fine
    # before it started is not ("they were okay this morning, now ...").
    ("my foot went numb on the bus but after ten minutes it was ok", "my foot went numb on the bus and it still is", "doctor"),
    ("my leg tingled, it was alright after a few minutes", "my leg was alright this morning, now it tingles all the time", "doctor"),
])
def test_fine_again_within_minutes_is_over(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # An operation on a limb named with its part is in the past ("since my ankle surgery");
    # one said to be last week is new.
    ("my right foot has been numb since my ankle surgery", "my right foot has been numb since my ankle surgery last week", "doctor"),
    ("my knee gives way now and then since my knee operation", "my knee gave way on the stairs today", "emergency"),
])
def test_an_old_operation_named_by_its_part_is_the_past(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("vague, unrelated", [
    # A vague change said of a region or a function, in everyday words, gets a question;
    # the same words said of something else are nothing.
    ("my insides are all at sixes and sevens", "the house is all at sixes and sevens"),
    ("it feels a bit strange below the waist", "my new jeans are loose below the waist"),
    ("it is a bit weird in the nether region", "it is a bit weird that the app is quiet"),
    ("things are not regular in the bathroom", "my hours at work are not regular"),
    ("i am not feeling like myself", "i am feeling like myself again"),
])
def test_a_vague_change_in_everyday_words_gets_a_question(vague, unrelated):
    assert assess(vague).level == "clarify", (vague, assess(vague))
    assert assess(unrelated).level == "none", (unrelated, assess(unrelated))


@pytest.mark.parametrize("calm, alarm, level", [
    # One leg said through where the pain travels ("runs all the way to my heel").
    ("the ache runs along my lower back", "it runs all the way to my heel", "doctor"),
    # Weight loss said through clothes, a ring, the scales or how one looks to others.
    ("my ring slides on easily", "my wedding ring slides off now", "doctor"),
    ("my belt is a nice one", "my belt needs a new hole", "doctor"),
    ("i am down a stone on purpose, i am on a diet", "the scales say i am down a stone", "doctor"),
    ("my wife says she looks thin", "my wife says i look thin", "doctor"),
    # Night pain and pain rest does not ease, said in other words.
    ("the heat pack takes the pain away", "lying down does not take the pain away", "doctor"),
    ("i get comfortable on the sofa at night", "i cant get comfortable at night", "doctor"),
    ("i toss and turn when it is hot", "i toss and turn all night with the pain", "doctor"),
    ("i take my tablets at 8am", "i wake up at 3am in pain", "doctor"),
    ("when i am resting it eases", "it hurts more when i am resting", "doctor"),
    ("is staying in bed the worst thing for a spasm", "in bed it still hurts", "doctor"),
    # Not improving, compared with a month ago or long-standing ("for ages"), unchanged.
    ("the heat is no better than the ice", "no better than last month", "doctor"),
    ("i have wanted to try yoga for ages", "it has been going on for ages with no change", "doctor"),
    # Exercise pain: "aches more", "lingered", "set my back off", "since the stretches".
    ("since the stretches i feel great", "since the stretches my back aches more", "doctor"),
    ("the knee rolls were lovely", "the knee rolls hurt and the pain lingered", "doctor"),
    ("the pelvic tilt settled my back", "the pelvic tilt set my back off", "doctor"),
])
def test_doctor_level_flags_said_through_signs_and_comparisons(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weight loss through clothes that fall down, hang, are taken in or bought smaller, and
    # a face that has sunk.
    ("my jumper is lovely and warm", "my jumper is hanging on me", "doctor"),
    ("i had to buy bigger trousers", "i had to buy smaller trousers", "doctor"),
    ("my cheeks are rosy", "my cheeks have sunk in", "doctor"),
    # Night pain said through how one sleeps or wakes.
    ("i like to nap in the chair", "i have to sleep in the chair because of the pain", "doctor"),
    ("i keep waking the dog", "i keep waking with the pain", "doctor"),
    ("night times are quiet here", "night times are the worst", "doctor"),
    ("the minute i lie down it eases", "the minute i lie down it gets worse", "doctor"),
    # Not improving and exercise pain said in other words.
    ("six weeks until my holiday", "six weeks and counting", "doctor"),
    ("im still learning the stretches", "im still struggling after all these weeks", "doctor"),
    ("that last stretch left me relaxed", "that last stretch left me in agony", "doctor"),
])
def test_doctor_level_flags_said_through_daily_life(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_trousers_that_keep_falling_down_are_weight_loss_not_a_fall():
    # The garment falls, not the person: a sign of weight loss (doctor), not a fall.
    assert assess("my trousers keep falling down").level == "doctor"
    assert assess("my jeans are falling down on me").level == "doctor"
    assert assess("i keep falling down").level == "emergency"


@pytest.mark.parametrize("calm, alarm, level", [
    # A fear of what might happen is not what happens.
    ("i am scared i might lose control of my bladder", "i have lost control of my bladder", "emergency"),
    ("im afraid i might wet myself on the way to the loo", "i wet myself on the way to the loo", "emergency"),
    # "but not now" says a past finding is over, not that it is new.
    ("i had sciatica down my left leg years ago but not now", "i have sciatica down my left leg now", "doctor"),
])
def test_a_fear_or_a_past_finding_not_now_is_a_near_miss(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Non-native and Indian English: "pain is more", "sleeping time", "lying also", the
    # pain "not leaving", "weight is less".
    ("after doing exercise pain is less", "after doing exercise pain is more", "doctor"),
    ("sleeping time is ten oclock", "sleeping time pain is too much", "doctor"),
    ("lying also is fine", "lying also pain is there", "doctor"),
    ("after stretching the back is free", "after stretching the back is catching and not leaving", "doctor"),
    ("my weight is the same", "i am becoming weak and weight is less", "doctor"),
])
def test_doctor_level_flags_in_non_native_and_past_forms(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "No position eases it" denies the easing: rest does not help, even said after a
    # clause of its own.
    ("lying on my side in bed eases it", "i wake at five, and no position in bed eases it", "doctor"),
    ("lying flat eases it", "it wakes me at four, no position eases it", "doctor"),
])
def test_no_position_that_eases_it_is_rest_that_does_not_help(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A month said as "back in March" is long ago (and "back" there is no body part): with
    # "still can't" it is not improving.
    ("back in march i started the stretches and they help", "i still cant bend, and it started back in april", "doctor"),
])
def test_back_in_a_month_is_long_ago(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # What someone else noticed or found is told of the speaker; "her" or "he" after it
    # still speaks of someone else.
    ("my wife noticed her bladder leaks when she sneezes", "my wife noticed the sheets were wet when i woke", "emergency"),
    # The speaker said inside a phrase ("because i", "i cant walk") is the speaker still.
    ("my dad uses a wheelchair because he cant walk", "my son brought the walking frame because i cant walk", "emergency"),
    ("my mum is worried because she had cancer", "my husband is worried because i had breast cancer", "urgent"),
    # A muscle relaxer is a medicine: heavy legs from it are a side effect, asked about.
    ("the muscle relaxer makes my legs feel heavy", "my legs suddenly feel heavy", "emergency"),
])
def test_what_someone_else_noticed_is_the_speakers(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A recogniser's "theyve" is "they have"; "any urge" and "any need" read as "the urge" and
    # "the need", so every denial of the need to go already known holds with "any".
    ("my legs feel like theyve had a good stretch", "my legs feel like theyve gone to sleep since this morning", "emergency"),
    ("i havent felt any urge to go to the gym", "i havent felt any urge to pee all day", "emergency"),
    # "honestly" and "absolutely" only stress what follows: "felt absolutely nothing" is "felt nothing".
    ("i felt absolutely nothing in the stretch", "i felt absolutely nothing down there when we tried", "emergency"),
])
def test_contractions_any_and_intensifiers_read_as_the_plain_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg dragged or trailing behind is a weak leg; dragging more by the hour is worsening.
    ("i dragged myself to the sofa", "my right leg drags behind me when i walk", "urgent"),
    ("i dragged the heat pack onto my leg", "my leg started dragging an hour ago", "emergency"),
    # Within the last hour, a pop or a snap, "this afternoon i could": weakness that came on fast.
    ("within the last hour my back has eased", "within the last hour my leg has gone weak", "emergency"),
    ("during the plank i felt a pop in my back, now it is easing", "doing the cat cow i felt a twang, and now my leg is weak", "emergency"),
    ("i cant touch my toes now, this afternoon i could", "i cant stand on my left leg now, this afternoon i could", "emergency"),
    # Strength lost in other words: all of it, the oomph, legs that stop obeying, wobblier.
    ("the heat pack lost all its warmth", "my leg lost all its power", "urgent"),
    ("i dont have the oomph to cook tonight", "my leg doesnt have the oomph to climb the stairs", "urgent"),
    ("the dog has stopped obeying me", "my legs have stopped obeying me", "emergency"),
    ("the table is getting wobblier", "my left leg is wobblier than my right", "urgent"),
])
def test_a_dragged_leg_strength_lost_and_weakness_that_came_on_fast(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A place added to a list after another place ("pain in my back, and my legs") has what
    # was said of the first; a place said with something of its own ("fine", "alright") not.
    ("my back is killing me but my legs are alright", "i have pain in my back and my legs", "emergency"),
    ("an ache in my shoulders, but my chest feels fine", "an ache between my shoulder blades and my chest", "emergency"),
    ("tingling in my hands, my bum is fine", "tingling in my hands and my bum", "emergency"),
    # A plain "no" or "without" in the place's clause denies nothing of the one before.
    ("i am losing my keys, my bowels are fine", "i keep losing control, the stool comes without i know it", "emergency"),
])
def test_a_place_added_to_a_list_has_what_the_first_had(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Only drops coming is retention; drops of something else are not.
    ("i put a few drops of oil on the heat pack", "when i go only small drops come", "emergency"),
    ("my eye drops come in a little bottle", "i try to wee and only small drops come", "emergency"),
    # Stood at the toilet "for ages" is the trying, as sat on it was; nothing coming is nothing out.
    ("i have been at the toilet for ages because my back is stuck", "i stood at the toilet for ages and couldnt go", "emergency"),
    ("i keep checking my phone but nothing coming through", "on the toilet trying to go and nothing coming", "emergency"),
    # Wet clothes or bedding not noticed ("hadnt noticed"), in everyday garments and bedding.
    ("i hadnt noticed the time", "i realised my trousers were soaked and i hadnt noticed", "emergency"),
    ("my shorts are damp from the ice pack", "i woke up and my pyjamas were wet", "emergency"),
])
def test_drops_trying_at_the_toilet_and_wet_clothes_unnoticed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "nothing down there works": the nothing is what does not work, not a denial.
    ("nothing down there hurts, just my back", "since the spasm nothing down there works", "emergency"),
    # The private part not working (or not for a while), sensation being lost with a partner,
    # no feeling during relations: new sexual dysfunction in plain and older words.
    ("my private part is fine", "my private part hasnt been working since the spasm", "emergency"),
    ("i am losing sensation of time lying here", "i keep losing sensation with my wife since the back went", "emergency"),
    ("family relations are tense this week", "no feeling during relations with my husband since the back went", "emergency"),
])
def test_sexual_dysfunction_in_plain_and_older_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_the_old_fella_is_the_genitals_in_australian_english():
    assert assess("my old fella is fine mate", locale="en-AU").level in CALM
    assert _alarm("my old fella hasnt been working since the back went", "emergency", locale="en-AU")


@pytest.mark.parametrize("calm, alarm, level", [
    # Being carried to the toilet is not walking; carrying something is.
    ("my husband carried the shopping in for me", "my husband had to carry me to the toilet", "emergency"),
    # "if i take a step" tells what happens whenever one does; what might happen ("might
    # fall") is a worry, not a fall.
    ("if i walk i might fall over", "if i take a step my knees buckle", "emergency"),
    # Plain words for new breathlessness, injected drugs and a foot that will not point up.
    ("i breathe fast when i am anxious", "my breath is not enough even lying still", "urgent"),
    ("the nurse gave me an injection for the pain", "i am using injection drugs", "urgent"),
    ("the pain keeps shooting up my back", "i have been shooting up for years and my back is agony", "urgent"),
    ("i point my toes on the mat", "my foot wont point up since yesterday", "urgent"),
    # Tackled at sport is a serious impact; tackling a job is not.
    ("i tackled the weeds in the garden", "i got speared into the ground at rugby", "emergency"),
    # A little accident in the chair is the bladder; "on the way back" is a journey, not long ago.
    ("i had a little accident in the kitchen with a glass", "i had a little accident in my chair this morning", "emergency"),
    ("on the way back from the shop my back seized", "i wet my pants on the way back from the shop", "emergency"),
])
def test_carried_stepping_breath_needles_tackles_and_accidents(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg dragged far more than this morning is worsening; dragging one's feet about a
    # task is putting it off.
    ("my son says i am dragging my feet about booking the physio", "my son says i am dragging my leg much more than this morning", "emergency"),
    # Not telling any more whether one needs to go is not feeling the need.
    ("i cant tell anymore if the stretch is working", "i cant tell anymore if i need a wee", "emergency"),
    # Like cotton, rubbery: numbness in the saddle said as a likeness.
    ("my pillow feels like cotton", "my bottom feels like cotton since this morning", "emergency"),
    ("the mat feels rubbery", "down there feels rubbery since the spasm", "emergency"),
    # "like I used to" compares with before: a change, not a long-standing problem.
    ("i cant bend like i used to", "i cant stand on my left leg like i used to", "urgent"),
    # Having to go all the time is the bladder: with a sting, a urine infection.
    ("i have to go to work all the time", "i have to go all the time and it stings", "urgent"),
])
def test_worse_than_this_morning_likenesses_and_plain_bladder_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Out of breath doing what never used to leave one breathless is new breathlessness,
    # even during an exercise.
    ("i get out of breath doing the plank", "i get out of breath doing the knee rolls which never used to happen", "urgent"),
    # Wind passing without being felt or noticed is lost feeling at the back passage.
    ("i passed wind during the knee rolls, sorry", "i keep passing gas without noticing", "emergency"),
    # An "if" in a question that says when it began tells what is happening, not what might.
    ("is it bad if my foot goes floppy, just wondering", "is it bad if my foot wont lift, its been like that since monday", "urgent"),
    ("would it matter if my legs went numb", "is it the spasm if my legs are numb, theyve been like that since this morning", "emergency"),
])
def test_breath_unlike_before_wind_unfelt_and_a_dated_if(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # What someone else saw or heard somewhere is their knowledge; what they spotted in the
    # speaker's bed is the speaker's red flag.
    ("my wife saw on the news that numbness in the legs can be serious", "my wife spotted that the sheets were wet this morning", "emergency"),
    ("my friend found out that a numb bum means hospital", "my wife found the sheets wet this morning", "emergency"),
])
def test_what_someone_else_saw_elsewhere_is_not_the_speakers(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Someone else's touch on the speaker ("poked my", "pinched my") is told of the speaker,
    # and "i didnt feel it" after it is that touch not felt, on the saddle or a leg; a stretch
    # not felt after a touch told elsewhere stays calm.
    ("my wife poked my arm as a joke and i didnt feel it", "my husband pinched my bum as a joke and i didnt feel it at all", "emergency"),
    ("the heat is lovely on my back, and i didnt feel the stretch in my bottom", "my wife touched my inner thigh and i didnt feel it", "emergency"),
    ("the nurse tapped my shoulder and i didnt feel it", "the nurse tapped my leg and i didnt feel it", "doctor"),
])
def test_a_touch_by_someone_else_not_felt(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


def test_the_john_thomas_is_the_genitals_in_british_english():
    assert assess("my john thomas is fine", locale="en-GB").level in CALM
    assert _alarm("my john thomas wont work since my back went", "emergency", locale="en-GB")
    assert _alarm("my john thomas has gone numb", "emergency", locale="en-GB")
    assert _alarm("my old fella has gone numb", "emergency", locale="en-AU")


@pytest.mark.parametrize("calm, alarm, level", [
    # Indirect descriptions: a weight standing on the chest, going in one's sleep, legs that
    # won't do it, someone who has to lift one's legs, tablets against rejecting a new organ.
    ("it feels like someone is standing on my foot", "it feels like someone is standing on my chest", "emergency"),
    ("our dog has been going in the garden at night", "my wife says ive been going in my sleep", "emergency"),
    ("my back just wont do it today", "my legs wont do it since lunch", "emergency"),
    ("my wife has to lift the shopping", "my wife has to lift my legs into bed", "emergency"),
    ("i take tablets so my hay fever doesnt flare", "i take tablets so my body doesnt reject my new kidney", "urgent"),
])
def test_indirect_descriptions_of_the_chest_bladder_legs_and_immunity(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Downstairs" that does not work is the genitals; the heating downstairs is not.
    ("the heating doesnt work downstairs", "since my back went things dont work downstairs", "emergency"),
    ("the downstairs department is fine", "the downstairs department is not working since the spasm", "emergency"),
])
def test_downstairs_not_working_is_sexual_dysfunction(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weakness that came on within hours, said by the hours or the time of day it began, is
    # sudden (the emergency); the same words of breath or of a back alone stay as they were.
    ("my back has ached every hour since lunch", "my leg has gone weak over the past couple of hours", "emergency"),
    ("the spasm started since breakfast", "my left leg has been weak since breakfast", "emergency"),
    ("back is stiff two hours back", "two hours back my leg went weak and heavy", "emergency"),
    # Weakness said with "more", or with the verb ("weakened", "weakening").
    ("i feel more relaxed now", "my leg is more weak than it was", "emergency"),
    ("my back has weakened my resolve", "my right leg has weakened", "urgent"),
    ("my back is weakening my mood", "my left leg keeps weakening", "emergency"),
    # Strength said to be less than it was.
    ("my back does not have the same stiffness", "my leg doesnt have the same strength", "urgent"),
    # Legs that will not hold one up, or a knee that bends by itself, give way.
    ("hold me up a minute while i find the mat", "my legs dont hold me up anymore", "emergency"),
    ("i bend by myself into the stretch", "my knee bends by itself when i walk", "emergency"),
    ("i am staggering through this routine ha", "my legs keep staggering", "emergency"),
])
def test_weakness_within_hours_and_legs_that_will_not_hold(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The jaw and an arm, or the chest and an arm, said in different clauses of one
    # utterance are the heart's spread; not with a cause or a workout given for them.
    ("my jaw aches after the dentist, and my arm is sore from the jab",
     "the ache climbs into my jaw, and my right arm feels heavy", "emergency"),
    ("i pulled my chest at the gym, and my arm hurts from the weights",
     "it has moved round to my chest now, and my arm is aching", "emergency"),
])
def test_jaw_chest_and_arm_said_apart(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A reading of 38 or more said of the temperature in the clause beside it is a fever;
    # an age, or a reading said to be fine, is not.
    ("i am thirty nine and my temp is fine", "i checked my temperature, and it said thirty nine", "urgent"),
    ("my temperature was thirty seven, and i am forty", "the thermometer beeped, and it says thirty eight and a half", "urgent"),
])
def test_a_high_temperature_reading(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weight gone without trying: eating unchanged, or no diet, said beside it.
    ("i havent changed how i eat and my back is sore", "i am down a belt notch, and i havent changed how i eat", "doctor"),
    ("i am on a diet and i lose weight", "i lose weight without diet", "doctor"),
    # Not improving: "week seven", and persisting verbs said of plural subjects.
    ("this is week seven of my new job", "it is week six and the pain is still the same", "doctor"),
    ("the spasms havent come back", "four weeks on and the spasms havent let up", "doctor"),
    # Pain that does not settle after the skill's own exercise ("your stretches").
    ("your stretches are lovely", "i tried your cat cow, and the back has been worse since then", "doctor"),
    ("the weather is still as bad", "during the knee rolls it went sharp, and it is as sore as ever", "doctor"),
    # Breath: having to stop to catch it, or breathless more than usual even on an exercise.
    ("let me catch my breath", "walking to the shop i had to stop and catch my breath", "urgent"),
    ("on the knee rolls i was a bit puffed, which is fine", "on the knee rolls i was breathless, more than usual", "urgent"),
])
def test_weight_weeks_exercise_pain_and_breath_said_indirectly(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The time told with the leg in one clause is the time of the weakness said of it in the
    # next ("earlier today it was fine, now it will not lift"): sudden, the emergency.
    ("this morning my leg was fine, and it still feels fine", "this morning my leg was fine, now i cant lift it up at all", "emergency"),
    ("two hours back my back was stiff, now it is easing", "two hours back my leg was fine, now i cant lift it", "emergency"),
])
def test_the_time_told_with_the_leg_is_the_weaknesss(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg that gave once and has "been solid" since is asked about, not an alarm.
    ("my knee gave way once on the stairs, but it has been solid since", "my knee gave way on the stairs and keeps doing it", "emergency"),
    # A general question about what a back condition can cause, or about what might come
    # ("if the pain ..."), is asked about.
    ("can a trapped nerve cause numbness in both legs", "a trapped nerve and now numbness in both legs", "emergency"),
    ("if the numbness comes in my leg, do i stop", "the numbness has come in my leg", "doctor"),
    # A burning stomach from a tablet is the tablet's side effect, asked about.
    ("the pain pill gives me a burning stomach", "a throbbing in my stomach that goes through to my back", "emergency"),
])
def test_near_misses_once_and_solid_general_questions_and_a_tablet(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Heels or toes said fine (a recogniser leaves out "are") are not where the back's pain is.
    ("i can go up on my toes and my heels fine the back is just sore", "i can go up on my toes but my heels are sore and numb", "doctor"),
    # A general question the speaker then says is so ("because they do") tells of the speaker.
    ("could a spasm make both legs feel dead? just wondering", "could a spasm make both legs feel dead? because they do", "emergency"),
    # "Lost the ability to" is "can't".
    ("i have lost the ability to sleep in", "my left leg, i have lost the ability to stand on it", "urgent"),
])
def test_feet_said_fine_questions_said_so_and_abilities_lost(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Behind my ribs" is the chest, not "my behind".
    ("i sat on my behind and it hurts", "a heavy pressure behind my ribs", "emergency"),
])
def test_behind_the_ribs_is_the_chest(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("one_side, both_sides", [
    # "Right down", "right into": "right" says how far, not which side; one leg stays one leg.
    ("the pain runs right down my left leg to the ankle", "the pain runs down my left leg and my right leg"),
    ("a burning goes right into my left calf", "a burning goes into my left calf and my right calf"),
    ("it shoots right down my left leg", "it shoots left and right down my legs"),
])
def test_right_down_is_how_far_not_a_side(one_side, both_sides):
    assert "both_legs" not in assess(one_side).flags and assess(one_side).level == "doctor", assess(one_side)
    assert assess(both_sides).level == "emergency", assess(both_sides)


@pytest.mark.parametrize("one_side, both_sides", [
    # One leg said "too" beside the other leg said before, long-standing or not, is both sides.
    ("my right arm has always ached, now my left leg tingles too",
     "my right leg has always had sciatica, now my left leg tingles too"),
    ("my right leg is fine, and my left leg aches as well", "my right leg has been numb for years, and now my left leg is numb as well"),
])
def test_the_other_leg_too_is_both_sides(one_side, both_sides):
    assert assess(one_side).level == "doctor", assess(one_side)
    assert assess(both_sides).level == "emergency", assess(both_sides)


@pytest.mark.parametrize("calm, alarm, level", [
    # A recogniser writes no commas: "now only ..." starts a clause of its own, so a knee
    # weak from an old injury is not made new by the "now" said of the back.
    ("my knee is weak from an old injury of many years now only the back is sore",
     "my knee has gone weak now only since this morning", "emergency"),
    # A recogniser may drop "one" of "one hour back" with the carrier it heard.
    ("hour back i was fine and i still am", "hour back my leg was fine now i cant lift it", "emergency"),
])
def test_run_on_clauses_and_hours_back_as_a_recogniser_writes_them(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Getting up from a chair, a sofa or bed is a movement, not the bedding or the seat: the
    # time said with it ("an hour ago") is the time of the weakness in the clause before.
    ("my back is stiff, since i got off the sofa an hour ago", "my right leg is weak, since i got off the couch an hour ago", "emergency"),
])
def test_getting_up_from_furniture_sets_the_time(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Needing to be held up to walk is not walking; said while settling onto the mat it is not.
    ("hold me up a minute while i find the mat", "my daughter has to hold me up to walk", "emergency"),
    ("the shelf needs holding up while i fix it", "i need holding up to get to the loo", "emergency"),
    # A leg that has "packed up" or "won't do what it's told" gives way; a job packed in does not.
    ("i packed in football because of my knee", "my left leg has packed up", "emergency"),
    ("the dog wont do what its told", "my right leg wont do what its told", "emergency"),
    # Legs "not cooperating", a leg "like a dead weight": weakness.
    ("the weather is not cooperating", "my legs are not cooperating", "emergency"),
    ("this shopping bag is a dead weight", "my left leg is like a dead weight", "urgent"),
])
def test_legs_that_will_not_carry_or_obey(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg "getting wobblier" is weakness getting worse.
    ("the table is getting wobblier", "my right leg is getting wobblier", "emergency"),
])
def test_a_leg_getting_wobblier(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# --------------------------------------------------------------------------- bladder, bowel, saddle, sex: round M


@pytest.mark.parametrize("calm, alarm, level", [
    # Touch barely felt during sex is "no feeling during sex", as it is with a partner named.
    ("when we make love my back is fine now", "since my back went i barely feel anything when we make love", "emergency"),
    # "Not done that since I was a child" tells that it is new, where "since I was a child"
    # alone tells that it is long-standing.
    ("i have wet the bed now and then since i was a child", "i wet the bed last night and i havent done that since i was a child", "emergency"),
    ("my pants get damp when i sneeze, since i was a girl", "my knickers were wet when i woke, not happened since i was a girl", "emergency"),
])
def test_sex_barely_felt_and_new_since_childhood(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Wiping or sitting felt as through a barrier, or as if nothing were there; a part "like
    # asleep" is that part numb, not a position that wore off.
    ("i wrapped the ice pack in cling film", "when i wipe its like theres a layer of cling film in the way", "emergency"),
    ("i looked in the cupboard for the heat pack and nothing is there", "when i clean myself after the loo it is as if nothing is there", "emergency"),
    ("i am perched on the edge of the bed", "when i sit on the loo it feels like i am perched on air", "emergency"),
    ("my back is like asleep this morning", "my privates are like asleep since this morning", "emergency"),
])
def test_saddle_felt_through_a_barrier_or_not_at_all(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Going for a slash (British and Australian for a pee) and nothing coming is "cannot pee".
    ("i went for a slash and it was fine", "i went for a slash and nothing came", "emergency"),
    # A trickle described is retention beside the bladder or peeing, never of a shower.
    ("the shower only gives a feeble trickle", "when i pee its only a feeble trickle with a full bladder", "emergency"),
    # Not getting the feeling, or no idea any more when one needs to go.
    ("i am not getting the feeling of the stretch", "i am not getting the feeling to pass urine", "emergency"),
    ("i have no idea any more when the next bus is", "i have no idea any more when i need to open my bowels", "emergency"),
    # Strong-smelling or dark urine with back pain is a possible urine infection (urgent).
    ("my trainers are stinky after the walk", "my pee is stinky and my back hurts on one side", "urgent"),
])
def test_cannot_pee_no_urge_and_urine_infection_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The back named only to date the start ("since the back seized up", "after this back
    # sprain") is a time, not the place of what follows: the bladder or sex named beside it
    # still counts.
    ("since my back seized up i have been resting on the sofa", "my bladder just lets go since the back seized up", "emergency"),
    ("after this back sprain we were together at the beach all day", "after this back sprain i felt nothing when we were together", "emergency"),
    # Pads one has had to start wearing are new; what escapes on the way to the loo is leaking.
    ("i have had to start wearing a back brace", "i have had to start wearing pads, it keeps escaping", "emergency"),
    ("the water escaped from the hot water bottle", "when i go to the loo it just escapes before i sit", "emergency"),
    # "Nothing stands to attention": the nothing is what does not work, not a denial.
    ("the kids stand to attention when grandad comes in", "since the spasm nothing stands to attention", "emergency"),
    ("can the spasm stop you getting out of bed", "can a bad back stop you getting it up, mine has since monday", "emergency"),
])
def test_bladder_and_sex_said_beside_the_back_dated_or_indirectly(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Sitting there sets the scene: the struggle said with it is the bladder's named before.
    ("i went to the loo and then i sat on the sofa and could not get comfy",
     "i went to the toilet, and i sat there ten minutes and it wouldnt start", "emergency"),
    # Wind that turned into more than gas is the bowel let go; a plan followed through with is not.
    ("my tummy is full of gas and my back aches", "i passed gas and it was more than gas, twice today", "emergency"),
    ("i followed through with all the stretches", "i broke wind and followed through, my pants are a mess", "emergency"),
])
def test_toilet_scenes_and_wind_with_stool(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "Me and my wife" is "with my wife I", as "my wife and I" is: the partner stays with what
    # the two did, and a clause after it borrows the partner ("..., and I couldn't feel a thing").
    ("me and my wife went for a walk and my back was fine", "me and the missus tried last night and i couldnt feel a thing", "emergency"),
    # A general question about feeling when to go is asked of nobody; with "because mine has"
    # after it, it tells of the speaker.
    ("can a spasm stop you feeling when your bladder is full?",
     "can a spasm stop you feeling when your bladder is full? because mine has", "emergency"),
])
def test_partner_said_first_and_a_question_told_of_the_speaker(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The feeling named as a thing that has gone, in a region or function, is no feeling
    # there; a burning or aching feeling that has gone is that symptom over.
    ("the burning feeling in my bum has gone", "the feeling in my bits has gone since the spasm", "emergency"),
    ("the feeling in my bum has come back", "all the feeling around my backside has gone", "emergency"),
    ("the ache during the stretch has gone", "the feeling during sex has gone since my back went", "emergency"),
])
def test_the_feeling_there_has_gone(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A bladder that never feels empty, or wee left in after going, is not emptying (NHS:
    # cauda equina syndrome, problems peeing); a stomach that never feels empty is not.
    ("my stomach never feels empty these days", "my bladder never feels empty since the spasm", "emergency"),
    ("there is wee left in the sample bottle", "it feels like there is wee left in me after i go", "emergency"),
    # The toilet seat is where one sits, read before "the toilet": feeling odd on it is the saddle.
    ("the toilet seat is cold this morning", "the toilet seat feels strange under me since this morning", "emergency"),
    # Arousal and erections lost are sexual dysfunction, and "foof" is the vulva in British English.
    ("i get aroused fine, its just my back", "i cant get aroused since my back went", "emergency"),
    ("i have lost my reading glasses", "i have lost my morning erections since the spasm", "emergency"),
    ("my foof is fine, its my back", "my foof has gone numb", "emergency"),
])
def test_emptying_the_toilet_seat_and_arousal(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Wind passing without realising is the bowel unfelt; wind alone is not.
    ("i keep farting today, sorry", "i keep farting without realising since the spasm", "emergency"),
    # A bowel or bladder "not in my control" is control lost; back pain not under control is not.
    ("my back pain is not under control", "my bowel is not in my control since yesterday", "emergency"),
    # Soiling oneself, said by whoever noticed it.
    ("the dog has been soiling the carpet", "the carer says i have been soiling myself", "emergency"),
    # Not making it to the toilet in time is leaking; not making the bus in time is not.
    ("i dont make it to the bus stop in time anymore", "i dont make it to the toilet in time anymore", "emergency"),
    # Susu (Indian and East African English for pee) that cannot be done is "cannot pee".
    ("my grandson calls it susu", "i cant do susu since morning", "emergency"),
    # The trouser department is the genitals; the saddle named by its medical name.
    ("the trouser department at the shop was closed", "nothings happening in the trouser department since my back went", "emergency"),
    ("i had anaesthesia for my knee years ago", "i think i have saddle anaesthesia", "emergency"),
])
def test_control_wind_and_regional_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A recogniser writes "because mine's" as "because mines": still told of the speaker.
    ("can a spasm make your bum go numb", "can a spasm make your bum go numb cos mines like that now", "emergency"),
    # "Starting with this back" dates the start: the back is no place of what is said with it.
    ("when we are together we go walking, starting with this back we stopped",
     "i cant feel anything when we are together now starting with this back", "emergency"),
])
def test_recognised_possessive_affirms_and_onset_starting_with_the_back(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # The feeling in a leg named as a thing that has gone is numbness there: one leg is the
    # doctor row, both legs the emergency; the pain or a burning there gone is over.
    ("the pain in my legs has gone back to normal", "the feeling in my left leg has gone", "doctor"),
    ("the feeling in my legs has not gone", "the feeling in both my legs has gone", "emergency"),
    # Legs that have lost their feeling, said with the legs' own possessive.
    ("my legs have lost their stiffness", "my legs have lost their feeling", "emergency"),
])
def test_the_feeling_in_a_leg_gone_is_numbness_there(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A tap's or a shower's weak flow, or a fault said right before it, is the fixture's;
    # the person's own trickle, wherever they stand, is still theirs.
    ("the garden tap only gives a trickle", "i only manage a thin trickle when i pee", "emergency"),
    ("the shower just dribbles this morning", "in the shower only a trickle came out when i tried to pee", "emergency"),
    ("i went to the loo and couldnt get the tap to work", "i went to the loo and couldnt go at all", "emergency"),
])
def test_a_tap_or_a_shower_with_a_fault_of_its_own(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("one_side, both, locale", [
    # A recogniser writes "my left leg's" as "my left legs": after a word for one side it is
    # that one leg (no one has two left legs); without the side it is still both.
    ("my left legs gone numb", "my legs gone numb", "en-US"),
    ("my right legs been tingling all day", "my legs been tingling all day", "en-GB"),
])
def test_a_plural_after_one_side_is_that_side(one_side, both, locale):
    assert assess(one_side, locale=locale).level == "doctor", assess(one_side, locale=locale)
    assert assess(both, locale=locale).level == "emergency", assess(both, locale=locale)


@pytest.mark.parametrize("calm, alarm, locale", [
    # The last word of a term of several, written with a recogniser's possessive "s".
    ("my old fellas fine, its only my back", "the old fellas stopped working since my back went", "en-GB"),
    ("my old fellas fine, its only my back", "my old fellas stopped working since the spasm", "en-AU"),
    # The term's first word is the utterance's first word.
    ("old fellas fine, its only my back", "old fellas stopped working since my back went", "en-GB"),
])
def test_a_possessive_on_the_last_word_of_a_term(calm, alarm, locale):
    assert assess(calm, locale=locale).level in CALM, assess(calm, locale=locale)
    assert _alarm(alarm, "emergency", locale), assess(alarm, locale=locale)


@pytest.mark.parametrize("calm, alarm, level", [
    # A general question ("... your leg ...") then, with no comma, the speaker's own statement:
    # the statement is the speaker's. The speaker joined to the question ("if i") is asked.
    ("can you tell me what to do if i get numb legs", "can a spasm make your leg weak in the last hour i cant stand on it", "urgent"),
    ("can your bum go numb if i sit too long", "is it normal for your legs to tingle i have pins and needles down both", "emergency"),
])
def test_a_general_question_then_the_speaker(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # "never noticed" followed by what was found, with its own subject: the noticing is
    # denied, not the finding; "never noticed any ..." and "have never noticed" still deny.
    ("i never noticed any numbness in my bum", "i never even noticed my bum had gone numb", "emergency"),
    ("ive never noticed my legs go numb", "never noticed my legs were both numb till i stood", "emergency"),
])
def test_a_noticing_denied_is_not_the_finding_denied(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("placed, alarm", [
    # A feeling placed in the bladder and said gone: the feeling has gone, not the bladder's
    # control ("my bladder has gone" still is).
    ("the dull ache in my bladder has gone", "my bladder has gone since the spasm"),
    ("the nagging pain in the bowels has gone", "my bowels have gone since the spasm"),
])
def test_a_feeling_placed_in_the_bladder_said_gone(placed, alarm):
    assert assess(placed).level != "emergency", assess(placed)
    assert assess(alarm).level == "emergency", assess(alarm)


@pytest.mark.parametrize("calm, alarm, level", [
    # A trickle described in one clause, the bladder named in another: still cannot pee.
    ("my bladder is fine and only a feeble trickle comes out of the tap",
     "i stood there ages with a full bladder and only managed a weak trickle", "emergency"),
])
def test_a_trickle_and_the_bladder_in_different_clauses(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# --------------------------------------------------------------------------- legs that will not hold

@pytest.mark.parametrize("calm, alarm, level", [
    # Legs likened to something soft or heavy are weak legs; the food or the float is not.
    ("i had noodles for lunch then did the leg stretches", "both my legs have gone to spaghetti", "emergency"),
    ("i lie with a pool noodle under my knees", "an hour ago my left leg went like a wet noodle", "emergency"),
    ("my shoes were full of sand after the beach", "my legs feel like sandbags when i try to stand", "emergency"),
    # A leg gone woolly is numb; woolly socks are socks.
    ("my woolly socks keep my feet warm", "both my legs have gone all woolly", "emergency"),
])
def test_legs_likened_to_something_soft_or_heavy(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Strength said missing with the verb of having negated: a leg that hasn't the strength.
    ("i dont have the strength to do the stretches today", "my right leg hasnt got the strength to climb the step", "urgent"),
    ("my legs have not lost any strength", "suddenly my thigh has no force in it", "emergency"),
    ("i have no strength problems, just a stiff back", "my left leg doesnt have the power it had", "urgent"),
])
def test_strength_said_missing(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A leg that lets the speaker down gives way.
    ("the stretches let me down, my back is no better", "my legs keep letting me down", "emergency"),
    # 'gives' and 'folds' with an auxiliary between the knee and the verb; a knee that
    # has been giving the speaker gyp is a sore knee, and a leg giving gyp is still a sore leg.
    ("my knee has been giving me gyp since the weekend", "my left knee has been giving more each day", "urgent"),
    ("the towel is folded under my knee", "my knee is folding when i stand up", "emergency"),
    ("my knees were folded under me on the mat", "my legs are folding under me since lunch", "emergency"),
])
def test_a_leg_that_gives_said_with_an_auxiliary(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)
    assert assess("my leg has been giving me gyp all week").flags == ("one_leg",)


@pytest.mark.parametrize("calm, alarm, level", [
    # A foot that dangles or goes limp from the ankle drops; feet dangling off a bed sit.
    ("i sit with my feet dangling over the edge of the bed", "my foot just dangles when i take a step", "urgent"),
    ("the cat dangles her toy over my foot", "my right foot has gone limp at the ankle", "urgent"),
])
def test_a_foot_that_hangs(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Getting about only by holding on to the walls or the furniture: barely walking.
    # Holding the wall for a stretch, or someone else doing it, is not.
    ("i hold on to the wall to get up off the floor after the stretches", "im holding onto the furniture to get around the house", "emergency"),
    ("i used the wall to get my balance during the stretch", "i have to cling to the walls to get to the loo", "emergency"),
    ("my mum has to hold onto the furniture to get around", "since this morning ive been leaning on the worktop to walk", "emergency"),
])
def test_getting_about_by_holding_on(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Up on the toes or the heels, tried and not managed: a leg too weak to lift the body.
    # A shelf out of reach on tiptoe is a shelf.
    ("i cant reach the top shelf even on tiptoe", "i struggle to go up on tiptoe on my right side", "urgent"),
    ("can i stand on tiptoe for the calf raises", "since this morning i have trouble going up on my toes on the left", "emergency"),
    ("i can stand on my tiptoes and my heels fine", "i cant stand on my heels", "urgent"),
])
def test_toes_or_heels_tried_and_not_managed(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Bones likened to chalk or glass, or said to crumble, are thin bones.
    ("my bones are fine, the density scan was normal", "my bones are like chalk and my back went reaching for a cup", "urgent"),
    ("i chalked the line on the floor for the exercise", "the doctor says my bones are crumbling and i tripped on the rug", "urgent"),
])
def test_thin_bones_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Falls in the words of cyclists, riders and older speakers: over my handlebars, a
    # header, a stack, a spill, body slammed, a smash; a header stretch, a stacked
    # dishwasher, dropping off to sleep or a bird that flew over the garden are not.
    ("the handlebars on my exercise bike are too low", "over my handlebars on monday and my back has locked up since", "emergency"),
    ("i stacked the dishwasher and my back went", "i had a stack on the bike coming down the hill", "emergency"),
    ("a bird flew over the garden while i stretched", "i took a header down the stairs last night", "emergency"),
    ("i had a spell on the sofa after lunch", "had a spill off the motorbike on sunday", "emergency"),
    ("i threw my back out picking up the toys", "i got body slammed at rugby", "emergency"),
    ("i dropped off to sleep on the sofa", "i had a smash on the motorway and my back is sore", "emergency"),
    ("i went down on the floor to do the stretches", "i went down on the ice this morning", "emergency"),
])
def test_falls_and_crashes_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A touch on a leg barely felt is a touch not felt (a stretch barely felt is mild), and a
    # touch on both of the speaker's legs lends the legs and the touch to the clause after.
    ("i could barely feel the stretch in my hamstring", "the nurse tapped my left foot and i could hardly feel it", "doctor"),
    ("my son poked both my shins for fun and i laughed", "my son poked both my shins and i barely felt it", "emergency"),
])
def test_a_touch_on_the_legs_barely_felt(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Legs that stop working, said in the present ("make your leg stop working"); the
    # speaker who stops working has a job.
    ("i stopped working on friday to rest my leg", "my legs suddenly stop working when i stand", "emergency"),
    ("i had to stop working last year, my back is stiff", "can a spasm make your leg stop working? mine did", "emergency"),
    # A leg that will not lift, or that the speaker cannot get to move.
    ("im not lifting my leg too high in the exercise", "my right leg is not lifting properly", "urgent"),
    ("i cant get my kids to move", "i cant get my legs to move", "emergency"),
    # The stairs climbed on the bottom, or getting about by shuffling along holding on.
    ("i sat on the stairs on my bum to put my shoes on", "i had to go up the stairs on my bum", "emergency"),
    ("we get along fine holding hands", "i have to shuffle along holding the furniture", "emergency"),
])
def test_legs_that_stop_working_or_will_not_carry(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # What the speaker could do earlier tells when the weakness came ("could do tiptoes this
    # morning, now ..."): not a hypothetical. A question of what one could do still is.
    ("could i do the stretches if my leg is weak", "i could do the stretches this morning, now my right leg is weak", "emergency"),
    ("could i do the knee rolls with a weak leg", "could manage the stairs at lunch, now my left leg wont lift me", "emergency"),
])
def test_what_could_be_done_earlier_dates_the_weakness(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Legs that cannot get or carry the speaker up (the stairs, a step): weak legs; a lift
    # that will not take the speaker up, or a son who cannot get them up, is not.
    ("the lift wont take me up to my floor", "my legs cant get me up the stairs since yesterday", "emergency"),
    ("my son cant get me up off the floor, my back is locked", "my right leg cant carry me up the step", "urgent"),
])
def test_legs_that_cannot_get_the_speaker_up(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# --------------------------------------------------------------------------- the saddle's functions


@pytest.mark.parametrize("calm, alarm, level", [
    # "nothing happens" after a joining word ("but nothing happens") is still nothing happening,
    # not a denial; a heat pad that does nothing names no region.
    ("i pressed the button on the heat pad but nothing happens", "i try with my partner but nothing happens down there anymore", "emergency"),
    ("i did the knee rolls and nothing happened", "we tried last night and nothing happened down below", "emergency"),
])
def test_nothing_happening_after_a_joining_word(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Not reacting, responding or cooperating, said of the genitals (in slang too) or of a
    # touch there: sexual dysfunction. Said of the back, a heat pack or a person: calm.
    ("my back didnt react to the heat pack at all", "since the spasm it doesnt react when she touches me down there", "emergency"),
    ("my old fella drove me to the physio today", "since my back went the little fella wont cooperate", "emergency"),
    ("my partner touched my shoulder and it felt lovely", "when she touches me there i feel nothing since the spasm", "emergency"),
])
def test_the_genitals_not_responding(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Erections or the drive said gone or lost ("morning wood"): sexual dysfunction; a pain
    # gone or keys lost: calm.
    ("the stiffness in my back has gone this morning", "my morning wood has completely gone since the spasm", "emergency"),
    ("i have lost my keys since the spasm", "i have lost my sex drive since my back went", "emergency"),
])
def test_erections_or_drive_gone(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Numbness in other tenses and forms of its idioms ("didn't register", "not having any
    # feeling"); a simile of a limb gone to sleep or of an injection, said with "like when"
    # or "like after", compares, it is no position that wore off.
    ("the heat pack didnt register on my back at first but now its warm", "the warm water didnt register on my bottom in the bath", "emergency"),
    ("i am not having any trouble sitting on my bottom", "since yesterday the bit i sit on is not having any feeling", "emergency"),
    ("my foot fell asleep when i sat on it but it is fine now", "my bum has gone tingly like when your leg goes to sleep", "emergency"),
    ("my back feels better now, like after a good massage", "my bottom, it is like after an injection", "emergency"),
])
def test_saddle_numbness_in_other_forms_and_similes(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Washing or cleaning after the toilet shows the saddle's feeling as wiping does.
    ("when i wash after the stretches my back feels looser", "when i wash after the loo i dont feel the water", "emergency"),
    # "Is it normal for the spasm to make your ..." asks about what the spasm is doing to
    # the speaker, not about people in general.
    ("is it normal for the spasm to make your back ache all day", "is it normal for the spasm to make your bum go numb", "emergency"),
])
def test_saddle_said_of_washing_or_asked_if_normal(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # What someone else told of the speaker's bed or chair ("my wife says the bed was wet")
    # is the speaker's, as what they noticed is.
    ("my wife says the bed is too soft for my back", "my wife says the bed was wet this morning", "emergency"),
    # Not knowing or feeling when the need comes, going by the clock instead.
    ("i do not know when to do the stretches", "the spasm makes me not know when i need a wee", "emergency"),
    ("i go by the clock for my stretches", "i only go to the loo by the clock now, not cos i feel like i need to", "emergency"),
    # Pee that only drips: cannot pee. A tap dripping in the bathroom is the tap's.
    ("the tap in the bathroom keeps dripping", "my wee only comes in drips since this morning", "emergency"),
])
def test_bladder_told_by_others_unfelt_or_in_drips(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Wet under the speaker; a soaked bed the first since childhood; a mishap with the bowels.
    ("the mat under me is soft enough", "it was all wet under me when i got up off the floor", "emergency"),
    ("i have not slept this badly since i was a kid, the bed is soaked with sweat",
     "the bed was soaked this morning, i have not done that since i was a kid", "emergency"),
    ("i had a little mishap with the heat pack", "i had a little mishap with my bowels today", "emergency"),
])
def test_bladder_or_bowel_let_go_said_of_the_bed_or_a_mishap(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Sitting on the toilet in regional words ("the bog", "the throne", "the dunny") sets the
    # scene as "on the toilet" does; trying there "for ages" is the trying, not long-standing.
    ("i sat on the bog reading the paper and my back eased", "sat on the bog for ages and nothing came", "emergency"),
    ("on the dunny my back feels a bit better", "on the dunny it feels odd and i cant feel the seat", "emergency"),
    # Nothing at all in other words ("not a drop", "zilch") when trying to pee.
    ("i tried the stretches and zilch, no change", "i need to pee but not a drop comes out", "emergency"),
    # Cannot perform with a partner: sexual dysfunction; a stretch performed is calm.
    ("i cant perform the stretch with my wife watching", "since my back went i cant perform with my wife", "emergency"),
    # Sitting on one's bottom and nothing happening is no sexual dysfunction.
    ("i sat down on my bottom and nothing happened", "we tried and nothing happened down below", "emergency"),
])
def test_toilet_and_partner_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Wetting or soiling in other words: regional verbs, the pee or poo itself unfelt or
    # running out, in clothes, a slow start, loose motions that cannot be held.
    ("i piddled about in the garden before my back went", "i piddled myself on the way to the loo", "emergency"),
    ("i did the stretches by my self", "i wet my self last night", "emergency"),
    ("i dont feel the stretch in my hamstring", "i didnt feel the wee come out", "emergency"),
    ("i ran out of ibuprofen", "the wee just runs out of me", "emergency"),
    ("i changed my clothes after the stretches", "i am passing urine in my clothes", "emergency"),
    ("the heat pack takes forever to warm up", "my wee takes forever to get started", "emergency"),
    ("can you hurry it up please, this is taking forever", "my pee is taking forever to start", "emergency"),
    ("i had the trots last week from a curry but its fine now", "i had the trots and couldnt hold it in", "emergency"),
])
def test_bladder_and_bowel_let_go_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Sexual dysfunction and the genitals in other words ("love life", "lady garden", a
    # non-native "no erection since two days"); "no erection problems" still denies.
    ("my love life is fine thanks", "my love life has stopped since the spasm", "emergency"),
    ("no erection problems, just back pain", "no erection since two days", "emergency"),
    ("my lady garden is fine, it is my back", "my lady garden has gone numb", "emergency"),
])
def test_sexual_function_in_other_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Having to look to know one has wiped: the feeling no longer tells (a heat pack looked
    # at is calm); the saddle in a recogniser's spellings and as the seat of one's pants.
    ("i have to look to see if the heat pack is on", "i have to look to see if i have wiped properly", "emergency"),
    ("my bum is fine, it is my back that hurts", "my bumb is numb", "emergency"),
    ("i ripped the seat of my pants doing the stretch", "the seat of my pants area has gone numb", "emergency"),
])
def test_saddle_by_sight_and_in_other_spellings(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Saddle numbness that came and went is set aside only with a position or a cause that
    # wears off named (a hard floor, a bike ride, sitting): with none, it is still an emergency.
    ("my bum went numb on the hard floor but came back as soon as i moved", "my bum went numb for an hour this morning, its fine now", "emergency"),
    ("after the long bike ride my crotch felt numb but it came back", "my privates went numb for a while yesterday, back to normal now", "emergency"),
])
def test_saddle_numbness_gone_is_set_aside_only_with_a_position(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# --------------------------------------------------------------------------- round O: systemic and doctor-level wording


@pytest.mark.parametrize("calm, alarm, level", [
    # Bones likened to something that breaks ("like chalk", "like glass") are osteoporosis in
    # plain words; someone else's bones are not the speaker's.
    ("my nan has bones like glass, i just pulled my back", "i have bones like glass and my back went on the step", "urgent"),
    ("the old plaster on this wall is crumbling", "my bones are crumbling, the doctor told me, and i twisted my back", "urgent"),
])
def test_bones_likened_to_something_that_breaks(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weight loss told by a belt or a size, or in the present simple, with eating as usual; wanting
    # to lose weight is dieting whatever is eaten.
    ("i want to lose weight and i eat the same as always", "i lose weight every week but i eat the same", "doctor"),
    ("my belt went down a notch since i started the diet", "i am down two belt notches this month and i eat as normal", "doctor"),
])
def test_weight_lost_by_a_belt_or_in_the_present_while_eating_as_usual(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A long time with pain that does not become less, or "without improving".
    ("two months ago i had a spasm and the pain is less now", "it is seven weeks and not lessening", "doctor"),
    ("five weeks ago it started but it got better", "five weeks it has gone on without getting better", "doctor"),
])
def test_a_long_time_without_the_pain_becoming_less(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Pain "even when I rest" (non-native "even I rest"), in its clause or the next, is pain
    # rest does not ease; "even lying down it's better" is not; nor is nothing easing it.
    ("even when i lie down it feels better", "even i rest the whole day, my back is no less sore", "doctor"),
    ("i take rest and the pain goes", "even i take rest all day, the pain is staying", "doctor"),
    ("lying down eases it a lot", "nothing i try eases it, it is there all the time", "doctor"),
])
def test_pain_even_at_rest(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # An exercise that "set the back off" or "stirred it up" made it worse.
    ("the pelvic tilts set me up nicely for the day", "the pelvic tilts set the pain off again", "doctor"),
    ("the knee rolls stirred up some memories of my old physio", "the knee rolls stirred it up and it is aching", "doctor"),
])
def test_an_exercise_that_set_the_pain_off(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Long-standing, said the way people say it: since having children, "been that way forever",
    # since childhood, an old accident; what is new today still alarms.
    ("a bit of a leak when i cough after having three kids, been that way forever",
     "i leaked today for the first time, my back went this morning", "emergency"),
    ("my toes have tingled all my life", "my toes started tingling this morning", "doctor"),
    ("my hip is stiff since an old riding accident, the back is separate",
     "i had a riding accident this morning and my back is agony", "emergency"),
])
def test_long_standing_said_in_everyday_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Australian and New Zealand "came good" is over; "hasn't come good" is not.
    ("my foot went numb kneeling in the garden but came good in a minute",
     "my foot went numb kneeling in the garden and it hasnt come good", "doctor"),
])
def test_came_good_is_over(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("vague", [
    "i dont feel myself since the spasm", "bit out of sorts in myself today", "something is not right in the lower part, hard to say", "i feel off colour in myself",
])
def test_a_vague_unwell_remark_is_asked_about(vague):
    # clinical.md: a change said vaguely gets a clarifying question, never an alarm, and is not ignored.
    assert assess(vague).level == "clarify", assess(vague)
    assert assess(vague + ", and i wet myself").level == "emergency"


def test_burning_up_a_place_is_a_burning_that_travels_not_a_fever():
    travels = assess("it is burning up the back of my thigh")
    assert travels.level == "doctor" and "fever" not in travels.flags, travels
    assert assess("my chest is burning up into my jaw").level == "emergency"
    assert "fever" in assess("i am burning up and shivering").flags


@pytest.mark.parametrize("calm, alarm, level", [
    # A band "round" the chest as well as "around" it; an exercise band is equipment.
    ("i put the resistance band round my chest for the stretch", "it feels like a band round my chest", "emergency"),
    # Up every night, or lying awake, with the pain; awake worrying is not the pain.
    ("i lay awake all night worrying about work", "i am up every night with it", "doctor"),
    # The base form of a verb of worsening ("aggravate", "worsen") as well as its other forms.
    ("the exercises are gentle and do not aggravate it", "the exercises aggravate it", "doctor"),
])
def test_older_and_plain_forms_of_chest_night_and_exercise_words(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Numb where a cold pack lay, said as its cause, is asked about (the saddle question); a
    # heat pack does not numb, and a touch of the pack not felt is still numbness.
    ("the frozen peas have made my backside numb", "my backside has gone numb since i sat on the heat pack", "emergency"),
    ("my bottom is numb from the ice pack", "i cant feel the ice pack on my bottom", "emergency"),
])
def test_numb_from_a_cold_pack_is_asked_about(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)
    assert assess(calm).clarify == "saddle"


@pytest.mark.parametrize("calm, alarm, level", [
    # The breathing said to have become hard, a struggle or an effort; a breathing exercise
    # that is hard is the exercise.
    ("the breathing exercise is hard", "my breathing has become difficult", "urgent"),
    ("no breathing problems, just the back", "it is a struggle to get my breath lately", "urgent"),
    # Fever in Indian and everyday English: "temperature is there", "running hot".
    ("the temperature in here is fine", "temperature is there since last night", "urgent"),
    ("i am running late for work", "i have been running hot all day", "urgent"),
    # Cancer said by where it has spread.
    ("the warmth of the heat pack spreads right through my back", "they told me it has spread to my spine", "urgent"),
    # No sleep for the pain, said with the pain; no sleep for another reason is not it.
    ("i had no sleep because the baby was up", "i have had no sleep with the pain", "doctor"),
    ("hardly slept, the neighbours were loud", "i cant get a wink of sleep with it", "doctor"),
])
def test_everyday_words_for_breathing_fever_cancer_and_sleep(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Weeks that end "much better" are recovery, not "not improving"; "not much better" is not.
    ("its been three weeks and its much better", "its been six weeks and its not much better", "doctor"),
    # A heart pounding after the stairs is asked about; a pounding heart with chest pain alarms.
    ("my heart is pounding after the stairs", "my heart is pounding and my chest hurts", "emergency"),
    # Wanting to lose "some weight" is dieting.
    ("i would like to lose some weight", "i have lost some weight without trying", "doctor"),
])
def test_recovery_exertion_and_dieting_said_beside_a_flag_word(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Rest taken, then pain still there or the same, said without "even" (as Alexa
    # sends it after an "even" carrier): pain not eased by rest.
    ("i have been resting and the pain is much better", "i took rest for two days and the pain is still there", "doctor"),
    ("i rested all day and the pain is a bit less today", "i took rest for two days, the pain is same only", "doctor"),
])
def test_rest_taken_and_the_pain_not_easing(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # Feeling or control said to be there only a little ("hardly any", "not much") is lost
    # feeling or control; "not much" of something else is nothing.
    ("i dont have much time for the stretches today", "i dont have much feeling down there", "emergency"),
    ("there is hardly any pain when i sit now", "there is hardly any feeling in my bum when i wipe", "emergency"),
    ("i dont have much patience with this back", "i dont have much control of my bladder since the spasm", "emergency"),
])
def test_feeling_or_control_said_to_be_there_only_a_little(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# --------------------------------------------------------------------------- heard without punctuation


def _heard(text: str) -> str:
    """The words as a recogniser sends them: lower case, no punctuation."""
    return " ".join("".join(ch if ch.isalnum() or ch in "' " else " " for ch in text.lower()).split())


@pytest.mark.parametrize("calm, alarm, level", [
    # A statement then a question turned round ("... could my back be ..."), with no comma:
    # the question begins a clause of its own, and the statement before it is the speaker's.
    ("my back is stiff and it aches every time could my pillow be the problem",
     "i have to wee all the time and it stings could that be my back", "urgent"),
    ("i sleep badly and my back aches in the morning should i buy a new mattress",
     "i keep going to the loo and it burns when i go should i see someone about my back", "urgent"),
])
def test_a_statement_then_a_question_heard_without_punctuation(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("calm, alarm, level", [
    # A general question, then the speaker's reason ("because i cant") or own case ("mine
    # has been going ...") with no question mark: what follows is said of the speaker.
    ("can a spasm stop you stretching your hamstrings because i cant",
     "can a bad back stop you feeling when your bladder is full because i cant", "emergency"),
    ("how long should a spasm last mine started this morning",
     "how long is too long mine has been going for eight weeks and nothing helps", "doctor"),
    # A time between the question and the answer is read with the answer too.
    ("can a spasm make your leg feel weak in the last hour i was just wondering",
     "can a spasm make your leg weak in the last hour i cant lift it off the floor", "emergency"),
])
def test_a_general_question_answered_by_the_speaker_heard_without_punctuation(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("said", [
    # No clause ends inside a phrase: "mine" ends "feels like its not mine".
    "Is it normal that when I wipe my bum feels like it's not mine?",
    "Is it normal that when I wipe, it feels like it is not mine too?",
    # "at a" and "by a" are no times of day.
    "I was standing at a bus stop and got hit by a car.",
    "I got knocked over by a cyclist at a crossing.",
    # A finding said with a time stays where it is said; the question keeps its time.
    "Can a spasm do this to your back? Because my legs won't hold me up since this morning.",
    "Can your back do this? Because I can't feel my legs since an hour ago.",
    "Can a spasm do this to your bladder in the last hour? Because I can't pee.",
    # A statement then a turned question: the statement still alarms.
    "Both my legs have gone numb and weak, do you think it's my back?",
    "I fell off a ladder this afternoon, can I still do the stretches?",
    # "how long should ..." is one question, with the speaker's own case after it.
    "How long should numbness down below last? Mine started this morning.",
])
def test_emergencies_heard_without_punctuation_stay_routed(said):
    for text in (said, _heard(said)):
        assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("said, clauses", [
    # Where a clause ends in words heard with no punctuation, and where it does not.
    ("i keep needing to pee and it burns could my back be the cause",
     "i keep needing to pee | and it burns | could my back be the cause"),
    ("how long should a spasm last mine has gone seven weeks", "how long should a spasm last | mine has gone seven weeks"),
    ("is it normal that when i wipe it feels like it is not mine too",
     "is it normal that when i wipe it feels like it is not mine too"),
    ("can your back do this because i cant feel my legs since an hour ago",
     "can your back do this | because i cant feel my legs since an hour ago"),
    ("can a spasm make your leg weak in the last hour i cant lift it",
     "can a spasm make your leg weak in the last hour | in the last hour i cant lift it"),
    ("what should i do if it burns could it be my back", "what should i do if it burns could it be my back"),
    # "could" after the statement's own subject is the statement's verb, not a question.
    ("i cant walk as far as i could an hour ago", "i cant walk as far as i could an hour ago"),
])
def test_where_a_clause_ends_heard_without_punctuation(said, clauses):
    # Built afresh (check), not taken from the cache: the reading of heard_without_punctuation
    # is compiled once per vocabulary, so only a test that compiles it sees a mistake there.
    vocab = triage.check("en-US")
    assert " | ".join(" ".join(c) for c in triage._clauses(normalize(said).split(), vocab)) == clauses


# Heard with no punctuation, a question turned round after a statement starts a clause of its
# own, but not after a word of the lexicon: "my foot does this ..." is the foot's, not a question;
# and a time given to the speaker's answer is a time only ("for hours" also says "unable").
@pytest.mark.parametrize("text", [
    "my bum does this tingling thing when i sit", "my left foot does this slapping thing when i walk",
    "my left leg does it again it gives way when i walk",
])
def test_a_body_part_before_does_keeps_its_finding(text):
    assert triage.assess(text).level == "emergency"


@pytest.mark.parametrize("text", ["can your back stay stiff for hours i need the loo now"])
def test_a_time_given_to_the_answer_brings_no_finding(text):
    assert triage.assess(text).level in ("none", "clarify")


# "No, just ...", "no, only ...", "apart from", "other than": what follows is said, not denied.
@pytest.mark.parametrize("calm,alarm", [
    ("no just my back", "no just a little numbness around my bottom"),
    ("no only stiffness", "no only a little bit of leaking"),
    ("no, apart from the stiffness", "no apart from some leaking"),
])
def test_what_follows_no_just_is_said(calm, alarm):
    _calm_beside_alarm(calm, alarm, "emergency")


# "Sensation" is read as "feeling" is: not having any is numbness.
@pytest.mark.parametrize("calm,alarm", [
    ("i don't have any sensation problems", "i don't have any sensation when i wipe"),
    ("the sensation in my back is just soreness", "i haven't got any sensation in my bum"),
])
def test_no_sensation_is_no_feeling(calm, alarm):
    _calm_beside_alarm(calm, alarm, "emergency")


# --------------------------------------------------------------------------- the cauda equina functions and places
# Saddle, bladder, bowel, sex and urine infection, each kind said in several other ways (other
# verbs, nouns and word orders; British, Australian, Indian and older speakers' words; heard
# without punctuation), beside sentences with the same words that are not the red flag.


# A hedge between the denial and the verb ("I don't seem to feel when I need to go", "I never
# once felt the urge") is the same denial of the feeling: not feeling the need to go.
@pytest.mark.parametrize("text", [
    "i dont seem to feel when i need a poo anymore",
    "I don't seem to know when I need the loo these days",
    "I never once felt the need to pee yesterday",
    "i havent once felt the urge for a wee today",
    "I did not seem to feel the toilet paper when I wiped",
    "didnt once feel the urge to go for a number two all day",
    "since the spasm I don't seem to feel when my bowels need to go",
    "my mum says I never once felt the need to spend a penny at her house",
])
def test_a_hedged_denial_of_the_feeling_is_no_feeling(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "I don't seem to need the stretches today",
    "I never once had trouble with my bladder",
    "i never once lost control of my bladder",
    "I don't seem to have any numbness down below",
    "my husband doesn't seem to feel when he needs a wee",
])
def test_a_hedged_denial_of_the_finding_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# The saddle felt as far away, switched off, or not one's own skin: numbness in other words.
@pytest.mark.parametrize("text", [
    "when I wipe it feels far away, like it's not my skin",
    "my bum feels miles away",
    "down below feels all switched off since this morning",
    "my privates feel like they're not connected to me",
    "the skin between my legs feels like someone else's skin",
    "my backside feels detached, like it is switched off",
    "during sex it all felt far away down there",
    "wiping my bottom it feels detached",
])
def test_the_saddle_felt_far_away_is_numbness(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "I sat down far away from the telly",
    "sitting in the lounge I feel disconnected from everyone",
    "I switched off the telly and sat on the sofa",
    "the loo roll is far away when I wipe",
    "no, my bottom doesn't feel far away or numb",
])
def test_far_away_said_of_anything_else_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# "has lost its feeling": a heard "its" is read "it is" (as "it's" is), so the phrase is kept in
# that form too.
@pytest.mark.parametrize("calm, alarm", [
    ("my bottom hasn't lost its feeling", "my bottom has lost its feeling"),
    ("the area round my bum has not lost its feeling at all", "the area round my bum's lost all its feeling"),
    ("my privates haven't lost its sensation", "down below has lost its sensation since sunday"),
    ("my daughter's bottom lost its feeling after the epidural", "the skin round my back passage is losing its feeling"),
])
def test_lost_its_feeling(calm, alarm):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        _calm_beside_alarm(c, a, "emergency")


# "stops me (from) being able to" is "can't": "the spasm stops me being able to start a wee".
@pytest.mark.parametrize("calm, alarm", [
    ("the pain stops me being able to garden", "the spasm stops me being able to start a wee"),
    ("my back is stopping me from being able to bend", "it's stopping me from being able to pee"),
    ("the spasm stopped me being able to do the stretches", "something has stopped me being able to pass water"),
    ("the pain stopped me from being able to sit", "is it my back that stops me being able to get my wee started"),
])
def test_stops_me_being_able_to_is_cant(calm, alarm):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        _calm_beside_alarm(c, a, "emergency")


# Little or hardly anything comes with the bladder named: cannot pee (NHS: cauda equina
# syndrome, difficulty peeing). "could only" says what happened, not what might.
@pytest.mark.parametrize("text", [
    "I'm bursting for a wee but hardly anything comes out",
    "my bladder feels full but hardly anything comes out",
    "I went for a wee and barely anything came out",
    "in the toilet i could only squeeze out a few drops of wee",
    "very little comes out when I pass water though my bladder is full",
    "i need to pee badly and hardly anything came out",
])
def test_little_comes_with_the_bladder_named_is_cannot_pee(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "I could only do two of the stretches",
    "the bathroom tap only lets out a few drops",
    "I put a few drops of lavender oil on my pillow, then went to the loo",
    "i squeeze out the flannel in the bathroom",
])
def test_little_said_of_anything_else_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# A general question, then "that happened" of the speaker: the speaker has it. What happened
# to someone else named right after it does not tell of the speaker.
@pytest.mark.parametrize("calm, alarm", [
    ("can back pain make you lose control of your bladder? that happened to my mum once",
     "can back pain make you lose control of your bladder? that happened at work today"),
    ("can a bad back make you lose control of your bowels, because it happened to my uncle",
     "can a bad back make you lose control of your bowels, because this happened this morning"),
    ("can a slipped disc make you lose feeling in your bottom? that happened to my sister",
     "can a slipped disc make you lose feeling in your bottom? because that is happening now"),
    ("can sciatica make you lose control of your bladder, it happened to my dad last year",
     "can sciatica make you lose control of your bladder, that has happened twice today"),
])
def test_that_happened_tells_of_the_speaker_unless_of_someone_else(calm, alarm):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        _calm_beside_alarm(c, a, "emergency")


# Burning when peeing in other words ("smarts", "scalds", "like passing glass"): a possible
# urine infection, urgent, never an emergency.
@pytest.mark.parametrize("text", [
    "it smarts when I wee",
    "passing water scalds",
    "peeing is like passing glass",
    "my wee is smarting and it's been two days",
    "it scalds when I go to the loo and my back aches",
    "weeing feels like passing razor blades",
    "i keep going back and forth to the toilet and it smarts",
])
def test_burning_when_peeing_in_other_words_is_urgent(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "urgent", (said, assess(said))


@pytest.mark.parametrize("text", [
    "the heat pack scalded my back a bit",
    "my eyes smart from the onions",
    "I scalded my hand on the kettle in the kitchen",
    "no, it doesn't smart when I pee",
])
def test_smarting_or_scalding_said_of_anything_else_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# A touch someone else gave the saddle, not felt by the speaker: the touch is theirs, the
# numbness the speaker's. A touch denied or supposed, or not felt by someone else, is not.
@pytest.mark.parametrize("text", [
    "my wife put a cold flannel on my bottom for the pain and I didn't feel it",
    "my husband put the ice pack between my legs and i never felt it",
    "the doctor pressed on my inner thigh, and I didn't feel it",
    "the district nurse washed my bottom and I couldn't feel the cloth",
    "mum put her hand on my backside and i didnt feel her hand",
    "is it normal not to feel the toilet paper when I wipe",
    "is it normal not to feel the water on my bum in the shower, its been like that since sunday",
])
def test_a_touch_someone_else_gave_the_saddle_not_felt_is_numbness(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "my wife didn't put a flannel on my bottom, and I didn't feel anything",
    "if my wife put a flannel on my bum would I feel it",
    "my wife put a flannel on her bottom and she didn't feel it",
    "my wife put a cold flannel on my back and I didn't feel the cold much",
    "is it normal not to feel the stretch in my hamstrings",
    "i try not to feel the pain when i sit",
])
def test_a_touch_denied_supposed_or_elsewhere_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# Not having passed urine, in the words of "not passed water": cannot pee.
@pytest.mark.parametrize("text", [
    "not passed urine since morning",
    "I have not passed any water since last night",
    "havent passed urine all day and my tummy feels full",
    "I've not had a wee since breakfast and I've drunk loads",
    "i have not urinated since lunchtime",
    "he says I haven't passed any urine all day, I've been on the floor",
])
def test_not_passed_urine_is_cannot_pee(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "my husband hasn't passed urine since morning",
    "she has not had a wee since lunch",
    "no problems, I've passed urine fine today",
])
def test_not_passed_urine_said_of_someone_else_or_denied_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# The back pain named as the time a symptom began ("only since my lower back pain") is no
# place of its own: heard without punctuation, it does not take the clause away from the
# finding said before it; it is still pain ("I can't sleep at night since my back pain started").
@pytest.mark.parametrize("text", [
    "when we make love now I feel almost nothing only since my lower back pain",
    "with my partner it all feels numb down there ever since my back pain",
    "in bed with my husband I feel nothing at all since my back pain started",
    "we tried to have sex last night and I couldn't feel anything since my bad back",
    "with the wife I've got no feeling down there since the back spasm",
    "i cant feel a thing with my partner since i hurt my lower back",
])
def test_the_back_pain_as_the_time_it_began_is_no_place(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text, level", [
    ("i cant sleep at night since my back pain started", "doctor"),
    ("my legs have both gone weak since my back pain started", "emergency"),
])
def test_the_back_pain_as_the_time_it_began_is_still_pain(text, level):
    for said in (text, _heard(text)):
        assert _alarm(said, level), (said, assess(said))


@pytest.mark.parametrize("text", [
    "my back pain started on monday",
    "I've been walking less since my back pain",
    "no numbness since my back pain started",
    "my wife has been great since my back pain started",
])
def test_the_back_pain_as_the_time_it_began_alone_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# Someone else named by who they are to the speaker at work or by marriage ("my coworker's",
# "my mother-in-law"): what they have is theirs. The speaker said after them still counts.
@pytest.mark.parametrize("calm, alarm, level", [
    ("my coworker's back spasm turned out to be a kidney infection, could mine be that?",
     "my back spasm came with a kidney infection, it burns when I wee", "urgent"),
    ("my workmate lost control of his bladder when his back went",
     "my workmate says I lost control of my bladder when my back went", "emergency"),
    ("my mother-in-law can't feel anything down below since the fall", "I can't feel anything down below since the fall", "emergency"),
    ("my fiance had no feeling down there after his fall", "my fiance noticed I have no feeling down there", "emergency"),
    ("my flatmate has been leaking urine since his back went", "since my flatmate moved out I've been leaking urine", "emergency"),
    ("my sister in law couldnt pee when her back went", "my sister in law drove me here because I can't pee", "emergency"),
])
def test_someone_at_work_or_by_marriage_is_someone_else(calm, alarm, level):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        _calm_beside_alarm(c, a, level)


# Sex on one's own named ("with my toy", "when I pleasure myself") is sex: no feeling then is
# new sexual dysfunction. A toy or a vibrating setting that is no such thing stays calm.
@pytest.mark.parametrize("text", [
    "I couldn't feel a thing with my toy last night",
    "when i masturbate i cant feel anything since the spasm",
    "i tried pleasuring myself and felt nothing at all",
    "no feeling with my toy anymore",
    "since my back went I feel almost nothing when I play with myself",
    "things in the bedroom haven't been working for me since I hurt my back",
])
def test_sex_on_ones_own_without_feeling_is_sexual_dysfunction(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "i tripped over my son's toy but didn't fall",
    "the vibrator setting on the massage gun helps my back",
    "i was playing with my toy car and my back went",
    "the stretches haven't been working for me",
])
def test_a_toy_or_a_vibrating_setting_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# The bladder that does not empty, or still feels full straight after a wee, said in one clause
# with the bladder or the pee: cannot pee (NHS: cauda equina syndrome, difficulty peeing). A
# bath, a dishwasher or a full stomach said beside a trip to the loo stays calm.
@pytest.mark.parametrize("text", [
    "i still feel full after i wee",
    "it feels like I haven't finished when I pee",
    "my bladder doesn't empty properly since the spasm",
    "my bladder never empties fully these days",
    "I still need to go after going for a wee",
    "the waterworks won't empty, I've been sat here ages",
])
def test_a_bladder_that_does_not_empty_is_cannot_pee(text):
    for said in (text, _heard(text)):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "i still feel full after dinner so i went to the loo",
    "the bath doesn't empty, the plug is stuck, and i need a wee",
    "I don't empty the dishwasher with my back like this, my husband takes me to the loo",
    "it feels like I haven't finished the stretches and I need a wee",
    "my bladder empties fine",
    "no, my bladder doesn't feel full after I wee",
])
def test_emptying_said_of_anything_else_stays_calm(text):
    for said in (text, _heard(text)):
        assert assess(said).level in CALM, (said, assess(said))


# "No wee is coming (out)": nothing comes, in the words of "no urine". Said as a whole phrase, so
# "no wee problems" still denies.
@pytest.mark.parametrize("calm, alarm", [
    ("no, no wee problems", "no wee is coming out at all"),
    ("no pee problems, just my back", "there's no pee coming out when I try"),
    ("no urine trouble, thanks", "I'm sat on the loo and no urine comes"),
    ("my bladder's fine, no wee issues", "no wee came out even though I was bursting"),
])
def test_no_wee_coming_is_cannot_pee(calm, alarm):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        _calm_beside_alarm(c, a, "emergency")


# Needing a wee again and again, then "it hurts" or "it's painful": peeing that hurts, a
# possible urine infection (urgent). A back that hurts on the way to the loo is the back.
@pytest.mark.parametrize("calm, alarm", [
    ("I keep needing a wee but my back hurts when I get up", "I keep needing a wee and it hurts"),
    ("i keep needing to pee and getting up hurts my back", "i keep needing to pee and its painful"),
    ("I keep needing a wee", "I'm weeing all the time and it hurts"),
])
def test_needing_a_wee_again_and_again_and_it_hurts(calm, alarm):
    for c, a in ((calm, alarm), (_heard(calm), _heard(alarm))):
        assert assess(c).level in CALM, (c, assess(c))
        assert assess(a).level == "urgent", (a, assess(a))


# --------------------------------------------------------------------------- legs, weakness, walking, foot drop, trauma
# Written here, by kind, in other words than any set's: each kind with its calm twins (the same
# words, not the red flag), which must stay calm.


@pytest.mark.parametrize("text", [
    # Older, British and Australian words for the legs as a pair; the clinic's "lower extremities".
    "both my pins have gone wobbly since dinner",
    "me pins are like jelly this morning",
    "my pins went numb from the hips down",
    "both pegs are tingling",
    "my pegs feel heavy as lead",
    "weakness in both lower extremities since yesterday",
    "numbness in my lower extremities",
    "me pins wont hold me up",
])
def test_slang_for_both_legs_is_both_legs(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "pins and needles in my hand", "my pins are fine, it is only my back", "no trouble with my pins",
    "i hung the washing out with pegs", "the surgeon put pins in my wrist years ago",
])
def test_pins_and_pegs_that_are_not_the_legs_stay_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # "Neither" with a modal denies the modal of both legs: what follows is said of both.
    "neither leg would push me up off the sofa",
    "neither leg will hold me this morning",
    "neither of my legs can take my weight",
    "neither of my legs would hold me up when i got out of bed",
    "neither foot will lift off the floor",
    "neither of me legs could support me",
])
def test_neither_leg_with_a_modal_is_both_legs(text):
    for said in (text, text.replace(",", "")):
        assert assess(said).level == "emergency", (said, assess(said))


@pytest.mark.parametrize("text", [
    "neither leg is numb", "neither leg hurts", "neither leg is weak",
    "neither of them would help me with the shopping", "no numbness in either leg",
])
def test_neither_said_as_a_denial_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A leg that no longer pushes the speaker up or off: one leg, not sudden, is urgent.
    "my left leg doesn't push like it did",
    "my right leg won't push me out of the chair",
    "my leg doesnt push off when i climb the stairs",
    "the left leg is not pushing me up the stairs any more",
    "since monday my right leg doesnt push up when i stand",
    "my leg wouldn't push me up off the loo",
])
def test_a_leg_that_does_not_push_is_weak(text):
    assert _alarm(text, "urgent"), (text, assess(text))


@pytest.mark.parametrize("text", [
    "i won't push it today", "my wife doesn't push me to do the stretches", "the door doesnt push open",
    "i am not pushing my legs too hard in the stretches", "i don't push my leg past what is comfortable",
])
def test_pushing_that_is_not_the_leg_failing_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # The shoe that scuffs, catches or drags as the speaker walks is the foot that does.
    "my shoe scuffs the ground every step",
    "my right boot drags when i walk",
    "my slipper keeps catching on the rug since monday",
    "the sole of my shoe keeps scraping along the pavement on the left",
    "my left trainer catches on every step now",
    "my chappal keeps dragging on the road",
])
def test_a_shoe_that_catches_is_foot_drop(text):
    assert _alarm(text, "urgent"), (text, assess(text))


@pytest.mark.parametrize("text", [
    "i scuffed my shoes on the kerb", "my slippers keep catching on the rug because they are too big",
    "my laces keep catching", "i tripped over my shoes in the hall", "my new shoes are rubbing my heel",
    "i bought new trainers for walking",
])
def test_a_shoe_of_its_own_fault_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A foot gone slack hangs: foot drop.
    "my foot went slack", "my foot has gone slack at the ankle", "my right foot goes slack when i walk",
    "the left foot is slack and i cant lift it", "both feet going slack", "suddenly my foot went slack",
])
def test_a_foot_gone_slack_is_foot_drop(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "the rope went slack", "my back muscles went slack after the heat pack", "the strap went slack",
])
def test_slack_that_is_not_the_foot_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Legs that refuse to walk, move or work will not walk.
    "my legs refused to walk this morning",
    "my legs are refusing to move",
    "my legs just refuse to work",
    "my leg refused to move when i stood up",
    "today my legs refused to walk and my son had to hold me",
    "me legs refuse to move",
])
def test_legs_that_refuse_will_not_walk(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "my son refused to walk the dog", "i refused to walk to the shops because of my back",
    "my back refuses to move in the mornings",
])
def test_refusing_that_is_not_the_legs_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A leg or the legs that crumple give way, the pronoun's place read from the clause before.
    "my legs just crumple under me",
    "it is my legs, they crumple",
    "it's my knee, it crumpled as i stood",
    "my leg crumples on the stairs",
    "both knees crumpling when i get up",
    "my left leg crumpled",
])
def test_a_leg_that_crumples_gives_way(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i crumpled the paper", "my face crumpled when the spasm hit", "my shirt is all crumpled",
])
def test_crumpling_that_is_not_the_legs_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A leg fine at a meal or walking earlier today and weak now: weakness within hours.
    "i walked fine at dinner but now my leg is so weak",
    "this morning i could walk, now my left thigh is so weak i cant lift it",
    "at supper i could walk to the table, now my leg is useless",
    "i was walking fine at teatime and now my leg has no strength",
    "since dinner my right leg has got weaker",
    "earlier today i could walk to the shop now my leg wont hold me",
])
def test_walking_fine_earlier_today_and_weak_now_is_sudden(text):
    for said in (text, text.replace(",", "")):
        assert assess(said).level == "emergency", (said, assess(said))


def test_walking_lends_its_time_course_only():
    # A habit ("every day") is no time course of the weakness; a walk for exercise excuses nothing.
    assert assess("i walk every day and my leg is weak").level == "urgent"
    assert assess("i went for a walk for exercise, and my leg felt weak").level == "urgent"
    for calm in ("i walked fine at dinner and my legs feel normal", "at dinner i could walk fine, and i still can"):
        assert assess(calm).level in CALM, (calm, assess(calm))


@pytest.mark.parametrize("text", [
    # Vehicles of India, south-east Asia and the farm, rolled or hit.
    "our auto rickshaw overturned on the way to the market",
    "the tuk tuk flipped over on the way back",
    "the rickshaw turned turtle and i landed on my back",
    "my dirt bike rolled on top of me",
    "the golf cart tipped over with me in it",
    "our auto went into the ditch",
    "a rickshaw hit me on the road",
])
def test_vehicles_that_rolled_or_hit_are_trauma(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i took an auto rickshaw to the clinic", "the rickshaw ride was bumpy and my back is sore",
    "i rolled over in bed and my back spasmed", "we went to the market by tuk tuk",
])
def test_a_ride_that_did_not_roll_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A foot that drags on the floor is foot drop, though "dragging on" alone is a spell that goes on.
    "my foot keeps dragging on the floor",
    "my right foot drags on the ground when i walk",
    "my left foot dragged on the pavement all the way home",
    "my toes drag on the carpet",
    "the foot is dragging on the lino",
    "my shoe keeps dragging on the road",
])
def test_a_foot_dragging_on_the_floor_is_foot_drop(text):
    assert assess(text).level == "emergency", (text, assess(text))


def test_a_spell_dragging_on_is_still_not_improving():
    for text in ("this spasm is dragging on the whole month", "it keeps dragging on and on"):
        assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("text, level", [
    # A leg's strength or power said going down is weakness; going down by the hour, sudden.
    ("power is reducing in my right leg", "urgent"),
    ("the strength in my left leg has reduced since last week", "urgent"),
    ("my leg power is decreasing", "urgent"),
    ("the muscle power in my right leg is fading", "urgent"),
    ("since this morning the strength in my leg is draining away", "emergency"),
    ("my leg power is reducing hour by hour", "emergency"),
    ("the power in both legs has dropped", "emergency"),
])
def test_strength_said_going_down_is_weakness(text, level):
    assert _alarm(text, level), (text, assess(text))


@pytest.mark.parametrize("text", [
    "my leg strength is improving", "the pain is reducing and my leg strength is good",
    "im reducing my tablets, the power in my legs is fine", "the power went off and my back seized",
    "i have dropped the leg exercises, my strength is fine",
])
def test_strength_not_going_down_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A leg named by the knee a feeling goes past or starts at: one leg (doctor at least).
    "a hot line of pain from my right buttock down past my knee",
    "it is tingling from the knee down on the left",
    "numbness from my knee down",
    "the ache goes beyond my knee",
    "shooting pain past the knee into my calf",
    "burning from the knee downwards",
])
def test_a_feeling_past_the_knee_is_in_the_leg(text):
    assert _alarm(text, "doctor"), (text, assess(text))


@pytest.mark.parametrize("text", [
    "i put a pillow under my knee", "my knee hurts when i kneel", "i bent down past my knee to touch my toes",
])
def test_the_knee_alone_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Walking is the legs' own: a clause naming only walking, with something of its own, reads the
    # legs of the clause before ("they" are the legs).
    "it's not my back, it's my legs, they crumple when i try to take a step",
    "my legs, they give way when i walk",
    "it's my legs, they buckle as soon as i take a step",
    "it's the legs, they feel like jelly when i walk",
    "both legs, they go weak after a few steps",
    "my legs they wont hold me when i try to walk",
])
def test_a_clause_of_walking_reads_the_legs_before_it(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "there is no weakness in the legs, i can walk okay, only bending is hurting",
    "my legs are fine, i can walk to the shop",
    "my legs are fine, walking helps the back",
    "my legs feel normal, i walked the dog this morning",
])
def test_walking_said_well_lends_the_legs_nothing(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # The hips or thighs a feeling starts at name the legs below them.
    "both legs went numb from the thighs down after dancing and my back is catching",
    "numb from my hips down since this morning",
    "tingling from the thighs down on both sides",
])
def test_from_the_thighs_down_is_the_legs(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    # "Is it the spasm if ..." asks what causes the speaker's own symptom: the "if" tells what is
    # happening, not what might.
    "is it the spasm if my legs won't support me to walk",
    "is it just the spasm if my foot drags",
    "is it my back if my foot keeps catching on the carpet",
    "could it be the spasm if i cant feel my bum when i wipe",
    "is it from the spasm if both my legs are numb",
    "is this the spasm if my legs keep giving way",
    "is it because of the spasm if my right leg wont take my weight",
])
def test_asking_if_the_spasm_causes_it_tells_of_the_speaker(text):
    assert _alarm(text, "urgent"), (text, assess(text))


@pytest.mark.parametrize("text", [
    "what if my legs go numb, is it the spasm", "if my legs went numb would it be the spasm",
    "is it the spasm if my wife's legs go numb", "is it the spasm if my legs are not numb",
    "is it the spasm if my legs feel fine", "is it the spasm if it only hurts when i bend",
])
def test_a_condition_that_is_not_the_speakers_symptom_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A knee that gives out since school or college days, or said to be old, is long-standing: a
    # question, not an alarm. (A bare "since school" or "since college" is also a time of today:
    # "numb since school pickup" is new.)
    "ive had a dodgy knee since college so it gives out sometimes but thats old",
    "my knee has given way now and then since my school days",
    "my bad knee gives out sometimes, but that is old",
    "the knee has been giving way since my uni days, rugby really",
    "my left knee buckles on the stairs, has done since my twenties",
    "it gives way since high school, my knee",
])
def test_a_knee_giving_way_since_school_is_long_standing(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Old age named as a cause sets nothing aside; a time of today beats "that's old".
    "my legs give way, but that is old age",
    "my legs keep giving way, i think thats old age",
    "both legs numb since yesterday, but that is old",
    "my knee gave way this morning and i fell down the stairs, my knee is old",
])
def test_old_age_and_a_new_time_keep_the_alarm(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    # A clock time or a part of today, with the leg fine then and weak now: within hours.
    "my leg was fine at noon now its useless",
    "my leg got weak over the afternoon",
    "at 9 oclock i could walk, by 11 oclock my right leg was dragging",
    "since midday my left leg has no strength",
    "my leg has been getting weaker through the day",
    "fine at 7 am, now my leg wont hold me",
])
def test_a_time_of_today_makes_weakness_sudden(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i walk at noon every day", "my leg was fine at noon and it is fine now",
    "my leg has been weak for years, it is worse over the afternoon",
])
def test_a_time_of_today_without_new_weakness_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Legs that won't let the speaker stand or get up will not walk; a back that won't is the spasm.
    "my legs wont let me stand", "my legs won't let me get up off the floor", "me legs wont let me stand up",
    "my legs don't let me stand for long now", "my legs won't let me move this morning",
    "the legs just wont let me stand",
])
def test_legs_that_wont_let_me_stand_will_not_walk(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "my back wont let me get up", "my back wont let me stand up straight", "my wife's legs wont let her stand",
])
def test_a_back_that_wont_let_me_stand_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Walking round a foot that will not lift: the leg swung out, the hip hitched to clear the toes.
    "i have to swing my leg out to walk",
    "i am hitching my hip to clear my foot",
    "i keep swinging my leg round when i walk since monday",
    "i hitch my hip up to walk now",
    "i have to swing my leg around as i walk or my toes catch",
    "i lift my hip to clear my toes off the floor",
])
def test_walking_round_a_foot_that_will_not_lift_is_foot_drop(text):
    assert _alarm(text, "urgent"), (text, assess(text))


@pytest.mark.parametrize("text", [
    "swing your leg out to the side ten times", "in the stretch i swing my leg out and back",
    "my golf swing hurts my back", "i hitch my trousers up when i walk",
])
def test_swinging_and_hitching_of_other_kinds_stay_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- denied through "of"
# "Neither of my legs is numb", "none of my toes tingle": a denial reaches through "of" to what is
# said of the part named (a possessive stops "no fever my legs are numb" only without the "of"),
# never to the part itself, so "neither of my legs feels right they're both tingly" still tells of
# both legs.
@pytest.mark.parametrize("calm, alarm", [
    ("neither of my legs is numb", "both of my legs are numb"),
    ("neither of my legs are weak", "neither of my legs feels right theyre both weak"),
    ("none of my toes tingle", "all of my toes tingle on both feet"),
    ("neither of me legs feel numb or tingly", "neither of me legs will hold me up"),
])
def test_a_denial_through_of_denies_what_is_said_of_the_part(calm, alarm):
    assert triage.assess(calm).level in ("none", "clarify"), triage.assess(calm)
    assert triage.assess(alarm).level == "emergency", triage.assess(alarm)


@pytest.mark.parametrize("text", [
    # Said today: "since school pickup", "since college this afternoon"; and something old that
    # is not the finding ("a ladder that's old", "that is old hat").
    "my bum has been numb since school drop off", "i havent been able to pee since school pickup",
    "i havent passed water since college this afternoon", "i fell off a ladder thats old",
    "the tractor that is old tipped over on me", "i wet myself i know that is old hat with back pain",
    # Someone who only saw or helped does not take what happened from the speaker.
    "can a bad back make you wet yourself it happened last night my wife had to change the sheets",
    "can a back spasm make you lose control of your bowels it happened earlier my partner had to help",
])
def test_old_things_and_onlookers_set_no_emergency_aside(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    # Words with an everyday meaning besides the one a red flag needs: a car's boot, a personal
    # trainer, a keen runner, "wank" for rubbish, a back massager, a love life that feels distant,
    # pain that has gone down, a leg heavier through the day (a pattern, not a sudden onset).
    "i hurt my back dragging a bag of compost out of the boot", "my personal trainer keeps catching me slouching",
    "i'm a keen runner catching up on my stretches", "this app is wank i cant get it to work",
    "i used my vibrator massage thing on my lower back and cant feel much difference",
    "our love life feels a bit distant since the spasm", "sex feels disconnected since my back went",
    "my knee pain has gone down this morning strength feels fine",
    "neither leg would go numb no", "neither leg will be numb after the stretch will it",
])
def test_everyday_meanings_raise_no_emergency(text):
    assert assess(text).level != "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    # "my pins" is the legs, but "my pins and needles" is pins and needles, wherever they are.
    "i've got me pins and needles in me bum cheeks", "my pins and needles in my bum",
    "i've got my pins and needles in both feet again since this morning",
])
def test_my_pins_and_needles_are_pins_and_needles(text):
    assert assess(text).level == "emergency", (text, assess(text))


# --------------------------------------------------------------------------- chest, belly, systemic, doctor level

# Feeling hot or sweating, then shivering or shaking, is the fever's picture, in one clause or
# the next; "hot to the touch" said of the speaker is a fever. Not beside a heat pack, a cold
# floor or a workout, not of someone else, not over, not supposed.
@pytest.mark.parametrize("text", [
    "my wife says i'm hot to the touch and i keep shaking",
    "im all hot and sweaty then freezing cold and me back is killing me",
    "sweating buckets one minute then shivering the next",
    "burning up and shaky since last night",
    "me missus reckons im hot to touch and im trembling",
    "i am having hot sweats and my whole body shakes",
    "hot flushes and the shakes, back is agony",
    "clammy and shivery, and my back's gone",
    "my forehead is hot and my back is killing me",
    "my husband says i am burning up",
])
def test_hot_then_shivering_is_a_fever(text):
    assert assess(text).level == "urgent", (text, assess(text))


@pytest.mark.parametrize("text", [
    "he is all hot and shaking",
    "what if i get hot and shivery",
    "no sweats and no shaking",
    "the heat pack made me hot and my hands are shaking",
    "my hands shake when i do the plank and i get sweaty",
    "i am freezing on this cold floor and shaking",
    "sweating after my walk up the hill and shaking",
    "the radiator is hot to the touch",
    "my legs are shaking",
])
def test_hot_or_shaking_otherwise_is_no_fever(text):
    assert assess(text).level in CALM, (text, assess(text))


# Sciatica said as a line of pain from the buttock past (below, beyond) the knee is pain down
# one leg; both sides is both legs; a stretch past the knee, or a denial, is nothing.
@pytest.mark.parametrize("text", [
    "a hot line of pain running from my right buttock down past my knee",
    "a streak of pain from my bum to below the knee",
    "shooting from the buttock past my knee",
    "burning from my hip down beyond my knee",
    "pain goin from bum past the knee",
    "sharp pain from my backside down below my left knee",
])
def test_pain_past_the_knee_is_down_the_leg(text):
    assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("calm,alarm,level", [
    ("no pain past my knee", "pain past my knee", "doctor"),
    ("my son has pain past the knee", "i have pain past the knee", "doctor"),
    ("i stretched past my knee", "pain from my bum past the knees on both sides", "emergency"),
])
def test_past_the_knee_twins(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# No comfortable way to lie at night or lying down, and pain that does not ease however one
# lies (in one clause or the next), or is the same in bed, is pain rest does not ease. A chair,
# a stretch's position, someone else, a pregnancy years ago, or pain that eases stay calm.
@pytest.mark.parametrize("text", [
    "i cant find a comfortable position at night, the ache doesnt ease however i lie",
    "cant get comfy in the night, back is murder",
    "no comfortable position at night, it throbs",
    "whichever way i lie it wont ease off",
    "lying in bed the pain stays the same",
    "every night i cant settle, the pain",
    "in the wee hours i cant get comfortable for the ache",
    "any way i lie nothing helps",
    "the back ache is worst in the dead of night",
])
def test_no_way_to_lie_is_night_pain(text):
    assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i cant get comfortable on the sofa",
    "i can't find a comfortable position in my chair, any ideas?",
    "my husband cant get comfortable at night",
    "when i was pregnant i couldnt get comfortable at night",
    "the pain eases whichever way i lie",
    "i cant get comfortable in this stretch position",
    "lying down the pain is better",
    "whichever way i lie the heat pack does nothing",
    "no i can get comfortable at night",
])
def test_comfort_otherwise_is_no_night_pain(text):
    assert assess(text).level in CALM, (text, assess(text))


# Weeks or months of it with no change seen ("not seeing any change", "hasn't budged"), or with
# the back still hurting or locking in the clause beside, is not improving; a change for the
# better, someone else's weeks, a question about the weeks to come, or a back said fine is not.
@pytest.mark.parametrize("text", [
    "it's week seven of this back spasm and i'm not seeing any change at all",
    "three weeks now and i havent noticed any difference",
    "six weeks on and no sign of improvement",
    "a good few weeks and honestly i dont feel any change",
    "5 weeks and it is not shifting at all",
    "been a fortnight and its just as bad",
    "two months of this and my back still locks up every single morning",
    "six weeks on and my back is still seizing",
    "its been a couple of months, and it still aches",
    "a month now and still my back goes into spasm",
])
def test_weeks_without_change_is_not_improving(text):
    assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("text", [
    "after three weeks i notice a big improvement",
    "six weeks and im on the mend",
    "my dad had back pain for months and still does",
    "will my back still hurt in six weeks",
    "two weeks ago my back went but its still much better now",
    "its been two days and i dont see any change",
    "i am not seeing any change in the leaflet",
])
def test_weeks_otherwise_are_not_not_improving(text):
    assert assess(text).level in CALM, (text, assess(text))


# Pain from an exercise that "does not go", "won't wear off", "hasn't died down" or is "still
# not gone" does not settle; pain that went, someone else's, or a supposed one does not
# count, and "the pain does not go down my leg" keeps its denial.
@pytest.mark.parametrize("text", [
    "when i do the exercise the pain comes strong and after one hour still it does not go",
    "after the stretches the pain hasnt died down",
    "the knee rolls hurt and it wont wear off",
    "since the cat cow my back pain has not subsided",
    "the stretch set off a pain that wont calm",
    "doing the exercise the pain comes and it is not going off",
    "after the plank it pains and still not gone",
])
def test_exercise_pain_that_does_not_go(text):
    assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("text", [
    "the stretch hurt a bit but it passed",
    "my wifes pain after the stretch didnt go",
    "if the pain after the stretch doesnt go off what do i do",
    "the pain does not go down my leg",
    "i do the exercise and the pain doesnt go down my leg",
    "i haven't passed urine since this morning",
])
def test_exercise_pain_that_went_or_was_not_said(text):
    level = assess(text).level
    assert level in CALM or (text.startswith("i haven't passed") and level == "emergency"), (text, level)


# Heartburn said to be given by a medicine (or a meal) explains a burning in the chest said
# beside it: a question, not an alarm. Never pain, tightness or crushing; never a burning that
# spreads to the jaw or an arm, or comes with sweating, sickness, breathlessness or suddenly;
# never a burning with no cause named, or heartburn merely named beside it.
@pytest.mark.parametrize("text", [
    "the ibuprofen's giving me heartburn, a real burning behind my breastbone after i take it",
    "the tablets give me heartburn, a burning in my chest",
    "naproxen gives me indigestion and my chest burns",
    "the painkillers cause acid reflux, my chest is on fire",
    "the codeine gave me indigestion, theres a burning in the middle of my chest",
    "the anti inflammatories are giving me heartburn burning up my chest after meals",
    "my husbands tablets give him heartburn, his chest burns",
])
def test_heartburn_a_medicine_gives_is_asked_about(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "a burning in my chest",
    "my chest is burning and i have heartburn",
    "burning behind my breastbone, i am sweating",
    "heartburn from the pills, burning chest and i feel sick",
    "burning chest with heartburn that came on suddenly",
    "the pills give me heartburn, my chest burns and its going into my jaw",
    "the tablets give me heartburn, burning in my chest and i cant catch my breath",
    "the ibuprofen is giving me heartburn and now there is a crushing pain in my chest",
    "heartburn from the tablets and my chest is tight",
])
def test_a_burning_chest_otherwise_is_an_emergency(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Someone at work is someone else, as a colleague is: "my coworker's ..., could mine be that?"
@pytest.mark.parametrize("calm,alarm,level", [
    ("my coworker's back spasm turned out to be a kidney infection, could mine be that?",
     "my back spasm turned out to be a kidney infection", "urgent"),
    ("my workmate lost feeling in both legs", "i lost feeling in both legs", "emergency"),
    ("a guy at work had a kidney infection", "i think i have a kidney infection", "urgent"),
    ("my sister in law couldnt feel her bum after her disc went", "i cant feel my bum since my disc went", "emergency"),
    ("a friend of mine wet himself when his back went", "i wet myself when my back went", "emergency"),
    ("my other half has a fever", "my other half says i have a fever", "urgent"),
])
def test_someone_at_work_is_someone_else(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# Back pain said "along with", "alongside", "as well as" or "on top of" another feeling is the
# spasm itself, neither that feeling's pain nor its cause ("out of breath on the stairs, which is
# new, along with my back" is new breathlessness); the feeling beside it is read as said.
@pytest.mark.parametrize("text,level", [
    ("getting a bit breathless going up the stairs which is new along with my back", "urgent"),
    ("my tummy is really hurting along with my back ache", "emergency"),
    ("numb round my bum alongside the back pain", "emergency"),
    ("alongside my back ache my chest is tight", "emergency"),
    ("both legs are paining from hip to ankle, along with the back catch", "emergency"),
    ("along with me back pain i cant feel me legs", "emergency"),
])
def test_back_pain_beside_another_feeling_leaves_it_as_said(text, level):
    assert assess(text).level == level, (text, assess(text))


@pytest.mark.parametrize("text", [
    "my tummy has been feeling strange alongside the back ache, sort of uneasy",
    "a bit queasy as well as my back pain",
    "feeling off together with the back spasm",
])
def test_back_pain_beside_a_vague_feeling_is_no_alarm(text):
    assert assess(text).level in CALM, (text, assess(text))


# From the knee down is down the leg, as past the knee is.
@pytest.mark.parametrize("calm,alarm,level", [
    ("no tingling from the knee down", "my leg on the left side, it is tingling from the knee down since two days", "doctor"),
    ("my dad is numb from the knee down", "numb from the knee down on the right", "doctor"),
    ("i bend from the knee down in the stretch", "pins and needles from my knee downwards", "doctor"),
    ("what if it goes numb from the knee down", "from the knees down both are burning", "emergency"),
])
def test_from_the_knee_down_is_down_the_leg(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# "All hot and cold" is hot and cold: "all" before it takes nothing from the fever.
@pytest.mark.parametrize("text", [
    "ive come over all hot and cold", "all hot then cold all day", "gone all hot and cold since lunch",
    "i am all hot and shivery",
])
def test_all_hot_and_cold_is_a_fever(text):
    assert assess(text).level == "urgent", (text, assess(text))


# No sleep for it, or awake in the night with the back or because of it, is pain worse at
# night; no sleep for another reason, sleeping on one's back, or someone else's back is not.
@pytest.mark.parametrize("text", [
    "i cant sleep for it", "awake half the night with my back", "i couldnt sleep last night because of my back",
    "cant get off to sleep for the ache", "up all night with me back", "i was awake at 3am with the bad back",
    "i'm up every night at three with this gnawing pain",
])
def test_no_sleep_for_the_back_is_night_pain(text):
    assert assess(text).level == "doctor", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i cant sleep for excitement", "my husband cant sleep with his back", "i couldnt sleep last night because of the noise",
    "i cant sleep on my back", "i slept fine with my back", "i cant wait for it", "up all night with the baby",
    "i couldnt sleep because i needed the loo",
])
def test_no_sleep_otherwise_is_no_night_pain(text):
    assert assess(text).level in CALM, (text, assess(text))


# "But that's old", "it is from before only", "an old thing", "since college", said after a
# finding, tell that it is long-standing: a question, not an alarm. Said "not an old thing",
# "not from before" or "something new", it is new; and a finding said beside an old back
# problem is the finding.
@pytest.mark.parametrize("calm,alarm,level", [
    ("ive had a dodgy knee since college so it gives out sometimes but thats old",
     "my knee gives out since this morning and that is new", "emergency"),
    ("after my second delivery i have some leakage when i laugh, it is from before only",
     "i have some leakage since this morning, it is not from before", "emergency"),
    ("my leg goes numb sometimes but thats an old thing", "both my legs went numb an hour ago, its not an old thing",
     "emergency"),
    ("pins and needles in my foot, it is from before only, since long back", "i wet myself, it is something new",
     "emergency"),
    ("my leg is weak, but that is old", "my leg is weak, it isnt an old problem", "urgent"),
    ("i wet myself, that is nothing new", "my back is an old problem but today i wet myself", "emergency"),
])
def test_said_old_after_a_finding_is_long_standing(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# A neck and an arm that ache (from the gym, a stiff neck from sleeping, a trapped nerve, someone
# else's, a supposed spread) are no heart emergency: clinical.md names chest pain spreading to an
# arm or the jaw, and a neck with an arm is a neck's.
@pytest.mark.parametrize("text", [
    "my neck and arm ache after the gym",
    "i slept funny and my neck is stiff and my arm aches",
    "no pain in my neck or arm",
    "my neck is sore and my arm is sore from carrying the shopping",
    "what if pain spreads up my neck and down my arm",
    "my wife has pain going up her neck and down her arm",
    "the pain in my neck radiates into my arm since i slept on it",
])
def test_neck_and_arm_otherwise_are_no_emergency(text):
    assert assess(text).level in CALM, (text, assess(text))


# The pain said not to stop, at rest or after an exercise, is pain that does not settle;
# not stopping the exercises, or a pain that does not stop one walking, is not.
@pytest.mark.parametrize("calm,alarm", [
    ("i am not stopping the exercises the pain is fine", "after the exercise the pain is not stopping"),
    ("the pain doesnt stop me walking", "the pain is not stopping when i take rest and in the night it is worse"),
    ("my wifes pain never stops", "lying in bed the ache never stops"),
])
def test_pain_that_does_not_stop(calm, alarm):
    _calm_beside_alarm(calm, alarm, "doctor")


# A chest said to feel as if someone sat or stood "on it" is a heavy chest; a foot that feels so,
# or someone else's chest, is not.
@pytest.mark.parametrize("calm,alarm", [
    ("my foot feels like someone is standing on it", "my chest feels like someone is standing on it"),
    ("my wife feels like someone is sitting on her chest", "my chest feels like somebody is sitting on it"),
    ("i tore my trousers", "felt something rip in my back and now i feel faint"),
])
def test_a_weight_on_the_chest_and_a_tear_felt(calm, alarm):
    _calm_beside_alarm(calm, alarm, "emergency")


# Out of breath after a walk this short (from the car, to the letterbox, down the hall) is not
# explained by the walk: new breathlessness.
@pytest.mark.parametrize("calm,alarm", [
    ("im out of breath from walking up the hill", "i am getting puffed walking from the car"),
    ("i get puffed out from the stairs because i am unfit", "breathless walking to the letterbox"),
    ("my husband gets puffed walking to the car", "puffed out walking down the hall"),
])
def test_breathless_after_a_short_walk(calm, alarm):
    _calm_beside_alarm(calm, alarm, "urgent")


# A chest that grips, squeezes or is uncomfortable is a tight chest; breath said to come short
# is breathlessness; pain that "comes and does not go", "still continues" or "stays there" does
# not settle. Gripping a chair, squeezing one's bottom in a tilt, holding one's breath in a
# stretch, or a question whether the routine continues are nothing.
@pytest.mark.parametrize("calm,alarm,level", [
    ("i squeeze my bum in the pelvic tilt", "my chest feels squeezed tight", "emergency"),
    ("i pull my knees to my chest and squeeze", "my chest feels constricted", "emergency"),
    ("my tummy feels a bit of discomfort after lunch, its the tablets", "chest discomfort and sweating", "emergency"),
    ("i hold my breath in the stretch", "breath is coming short since morning", "urgent"),
    ("is the exercise still continuing", "doing the stretch pain started and still it is continuing", "doctor"),
    ("the pain comes and goes", "after exercise pain is coming and not going", "doctor"),
    ("the ache stays there when i dont rest, and lying down eases it", "i lie down and the ache stays there", "doctor"),
])
def test_gripping_chest_short_breath_and_pain_that_stays(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


@pytest.mark.parametrize("text", [
    # Stretch and exercise talk, nerves and the menopause, a baby at night: no alarm.
    "i pull my knees to my chest and squeeze", "i squeeze my bum and tummy during the bridge",
    "my chest feels squashed when i lie on my front", "my hands are shaking and i feel flushed i am so nervous",
    "i get hot flushes with the menopause and i am trembling", "i cant settle the baby at night",
])
def test_stretch_talk_nerves_and_flushes_raise_no_flag(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # A burning chest said to spread, or unlike before, is never explained away as a medicine's heartburn.
    "i take omeprazole because the naproxen gives me heartburn and now i have a burning chest spreading to my back",
    "naproxen gives me heartburn, this burning in my chest never happened before",
    # Strength dropping within hours; the saddle detached; nothing felt in sex; "from before lunch" is today.
    "my leg strength is dropping by the hour", "my bottom feels detached", "during sex it feels far away",
    "i cant feel when i wipe it is from before lunch only",
    # "Neither ... would" before what legs, knees and feet do for one.
    "neither knee would hold me", "neither of my legs would let me stand", "neither leg would work properly",
])
def test_what_a_review_found_lost_is_routed(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    # "Neither of them" with no leg named is children, sticks or chairs; a stretch's range is no
    # weakness; lying down uncomfortable is the spasm (night pain is at night).
    "i rang my daughters but neither of them could come", "i tried two walking sticks and neither of them can take my weight",
    "neither knee would move much in the knee rolls", "neither leg can lift that high yet",
    "i cant get comfortable lying down",
])
def test_a_round_of_new_words_raises_no_flag_in_ordinary_talk(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    # Improvement said by someone else, or in the past, leaves weeks without improvement a doctor matter.
    "its not improving after three weeks, the physio keeps saying im getting there",
    "four weeks and not improving, it was on the mend but went backwards",
])
def test_improvement_said_by_others_or_before_leaves_not_improving(text):
    assert assess(text).level == "doctor", (text, assess(text))


# --------------------------------------------------------------------------- saddle, bladder, bowel and sex (set Q)
# Each kind said other ways, and calm twins of it (denied, someone else's, hypothetical, over,
# or a look-alike) that must not alarm.

_SADDLE_BLADDER_BOWEL_SEX = {
    # Saddle: the chair, seat or a hand there not felt ("my rear" is the saddle too).
    "seat or hand unfelt": (
        ["i dont feel the chair under my bottom", "my bum doesnt feel the seat", "my bottom doesnt feel the chair anymore",
         "i sat down and didnt feel the seat under my bum", "i didnt feel the toilet seat on my bum this morning",
         "my bum is not feeling the bike seat", "my wife rubbed my rear and i could not feel her hand"],
        ["i sat on the chair and felt much better", "my back hurts when i sit on the toilet seat",
         "i cant feel the benefit of the cushion yet", "my husband rubs cream on my lower back",
         "i dont feel the chair helps my back", "my rear view mirror is hard to see with my stiff neck"]),
    # Saddle: gone to sleep and stayed that way is not numbness that came and went.
    "asleep and stayed": (
        ["my bum went to sleep on the sofa and it has stayed that way",
         "my bottom went to sleep during the film and it hasnt woken up",
         "my bum cheeks went to sleep at my desk and it has not woken up since",
         "my backside went to sleep in the car and its stayed that way",
         "my bum went to sleep last night and it hasnt woken up yet",
         "my groin went to sleep on the drive and has stayed that way since"],
        ["my bum went to sleep on the hard bench and came back when i stood up", "the pain has stayed that way all day",
         "my back has stayed stiff all day", "my bum went to sleep from sitting on the floor but its fine now",
         "i stayed in bed all day", "my leg went to sleep at the cinema and it woke up when i walked",
         # "didn't wake up" is said of the sleeper, and a later "fine now" wins
         "my bum went numb from the hard chair but it didnt wake up for an hour and its fine now",
         "my leg went dead in the night i didnt wake up but its fine now",
         "my leg went to sleep while sitting on the loo but its fine now i didnt wake up to it"]),
    # Saddle: "feels as if ..." compares; it supposes nothing.
    "as if": (
        ["my bum feels as if the dentist numbed it", "my bottom feels as if the feeling has gone",
         "down there feels as if the nerves are frozen", "my backside feels as though the dentist has been at it",
         "between my legs feels as if the anaesthetic hasnt worn off, all frozen",
         "my bum feels as if the cold got into it, frozen"],
        ["it feels as if my back is locked", "i feel as though i will never get better",
         "it feels as if someone is stabbing my back", "what if my bottom went numb",
         "it feels as if the spasm will never end", "i feel as if i should stretch more",
         # before "might", "will" or "would", "as if" supposes
         "it feels as if i might wet myself", "feels like as if i might pee myself when i cough",
         "it feels as if i might poo myself", "it feels as if my bum will go numb if i sit too long",
         "it feels as if my legs will give way", "as if i would ever get sciatica"]),
    # "Is it normal that ..." tells of the speaker.
    "is it normal that": (
        ["is it normal that i dont feel the chair under my bum", "is normal that my bum doesnt feel the seat",
         "normal that i dont feel the seat under my bottom?", "is it normal that my bottom doesnt feel the cushion",
         "is it usual that i cant feel the chair under my backside", "is it normal that i have wet myself twice today",
         "is it normal that i dont feel the seat under my bottom"],
        ["is it normal that my back is so stiff in the morning", "is it normal that the spasm lasts a week",
         "is it normal that it hurts when i bend", "is it normal that stretching makes me tired",
         "is it common that a spasm comes back", "is it usual that heat helps more than ice",
         "normal that it hurts when i cough"]),
    # Bladder: wee passed in one's sleep.
    "wee in sleep": (
        ["my husband says i weed during the night while asleep, never before", "i am peeing in sleep since my back went",
         "i passed urine during my sleep last night, that never happens", "i have been passing urine in sleep since the spasm",
         "my wife says i pee while sleeping now", "since the spasm i pass urine while asleep"],
        ["i get up to pee in the night", "my back hurts in my sleep", "i sweat in my sleep",
         "i talk in my sleep, my wife says", "my husband wet the bed in his sleep when he was a child",
         "i never wet myself in my sleep", "i woke up in the night and it was sore as i slept on it"]),
    # Bladder: clothes or the bed flooded.
    "flooded": (
        ["i flooded my bed last night, that never happens", "i flooded the sheets in the night",
         "this morning i flooded the bed", "i flooded myself before i could get up",
         "i have flooded myself twice today", "i flooded my sheets again since the spasm"],
        ["the bathroom flooded last night", "i flooded the kitchen floor with the mop", "my mind is flooded with worry",
         "our basement flooded in the storm", "the washing machine flooded my utility room", "i flooded the bathroom floor",
         # "flooded my ..." is said of rooms, bags and spills
         "i flooded my bathroom when the bath overflowed", "the geyser flooded my bathroom",
         "my water bottle flooded my bag", "i spilled water and flooded my pants"]),
    # Bladder: wee that comes very little, only a dribble, or takes ages to start.
    "little comes": (
        ["my pee is coming very little even though my bladder feels full", "the pee is coming little since yesterday",
         "the wee comes very little now", "then only a dribble when i went to the loo",
         "my wee took forever to start this morning", "i went to the loo and it took ages to start, then a trickle"],
        ["the car took ages to start this morning", "my computer takes forever to start",
         "the exercise class took ages to start", "i can pee fine, no dribble", "very little helps my back",
         "the kettle took forever to start",
         # taking forever, said of getting there or of the room, and a dribble with no wee named
         "getting to the toilet took forever", "it took forever to get to the toilet this morning",
         "i took forever in the bathroom because of the pain", "the toilet took forever to flush",
         "the restroom line took forever", "the washroom took forever to warm up",
         "the water took forever to heat up for my bath",
         "going to the toilet took a while to start because i had to get off the floor",
         "the tap only gives a trickle then a dribble", "the shower is only a dribble", "i get only a dribble of sweat"]),
    # Bladder: the urge to go no longer felt.
    "urge to go": (
        ["i dont get the urge to go anymore", "i never feel that urge to go now", "i dont get an urge to go at all",
         "i dont feel that urge to go at all to the toilet",
         "i dont feel that urge to go these days", "i no longer get that urge to go lately",
         "i dont feel an urge to go to the loo these days"],
        ["i dont get the urge to go to the gym anymore", "i dont get that urge to exercise since the spasm",
         "i never feel the urge to go for a walk now", "i dont get the urge to go out lately",
         "i get the urge to pee as normal", "the urge to stretch is gone",
         # another place after "the urge to go ... at all" makes it that place's
         "i dont feel that urge to go at all to the party", "i dont get the urge to go anymore to the gym"]),
    # Bowel and bladder: passing "without I know" (English as another language).
    "without i know": (
        ["wee is coming without i know", "stool is coming without i knowing", "the motion comes without i notice",
         "urine is coming without i feel", "poo is coming out without my notice", "some poo comes out without i know"],
        ["the pain came without i know why", "my back went without i noticing what i did",
         "i left the house without i knowing the time", "i passed wind and nothing else came",
         "no poo came out without me knowing", "my poo is normal"]),
    # Sex: an erection said to be absent.
    "no erection": (
        ["no erection at all since the spasm", "i get no erection lately", "no erection is coming since my back went",
         "no erection comes in the morning since the back pain", "no erections coming since the spasm",
         "erection is not there since my back seized"],
        ["no erection problems at all", "no erection problems, i am fine that way",
         "if i had no erections at all would that be serious", "my husband has had no erection in the mornings for years",
         "no erection trouble, just back pain", "no erectile problems", "no climax to the film"]),
    # Sex: the back said to stop the speaker doing it; "you" or "a man" asks, until it is the speaker's.
    "stopped from it": (
        ["why would a slipped disc stop me getting an erection", "can a bad back stop you getting a hard on? it is happening to me",
         "the back pain keeps me from having an orgasm now", "my back is preventing me from having an erection",
         "could a back spasm prevent a man having an erection, because that is what is happening to me",
         "why would a spasm stop me being able to climax", "my back keeps me from getting an erection since monday"],
        ["can a back spasm stop you getting an erection", "could a bad back prevent a man having an orgasm",
         "the spasm stops me getting a good nights sleep", "the pain keeps me from having a shower",
         "my back stops me being able to bend", "is it possible for a slipped disc to stop you being able to climax",
         # what is stopped is sleep, rest or a sex life, not the wee or the erection itself
         "needing a wee every hour stops me getting a good nights sleep",
         "getting up for a wee keeps me from getting a full nights sleep",
         "having to pee every hour stops me from getting a proper rest",
         "the loo being upstairs stops me getting a wee when i need one",
         "my back pain stops me from having a normal sex life"]),
    # A question about one's own present symptom tells it; a hypothetical one asks.
    "why would i": (
        ["why would i suddenly not be able to wee", "why would i not be able to pee since this morning",
         "why would i not be able to feel my bum", "why would i suddenly not be able to feel the paper when i wipe",
         "why would i not be able to get an erection since my back went", "why would i not be able to hold my wee"],
        ["if i ever could not pee, would that mean hospital", "what would happen if i was not able to pee",
         "why would my back be so stiff", "why would i not be able to touch my toes",
         "would it be bad if my bum went numb", "why would someone lose bladder control with back pain",
         # "might / may / could not be able to" supposes
         "i might not be able to come tomorrow", "i might not be able to come to the appointment",
         "my husband might not be able to come home early", "will i not be able to come to yoga",
         "i may not be able to get to the loo in time", "i might not be able to feel my bum"]),
}


@pytest.mark.parametrize("kind", sorted(_SADDLE_BLADDER_BOWEL_SEX))
def test_saddle_bladder_bowel_and_sex_by_kind(kind):
    alarms, calms = _SADDLE_BLADDER_BOWEL_SEX[kind]
    for text in alarms:
        assert assess(text).level == "emergency", (kind, text, assess(text))
    for text in calms:
        assert assess(text).level in CALM, (kind, text, assess(text))


@pytest.mark.parametrize("text", [
    # What one was reading or heard sets nothing after it aside ...
    "i was reading when the chest pain started spreading to my arm",
    "i was reading the paper when i got a throbbing feeling in my belly",
    "i heard that rip and felt tearing pain through to my back",
    "i was reading when i wet myself", "i was reading on the loo and couldnt pee", "i was reading when my bum went numb",
    "i heard that crack and fell down the stairs", "i heard that crunch when i was in a car accident",
    "i heard that bang when the car hit me", "i heard that snap when i fell off the ladder",
    "i read the paper when i slipped and fell down the stairs", "i heard that thud when i fell off the roof",
    "my wife heard that i fell down the stairs", "i was reading when i fell down the stairs",
    # ... and needing a wee hardly at all is not feeling the need to go
    "i hardly need a wee since my back went", "i hardly need to pee these days", "i barely need to pee now",
    "i hardly ever need a wee now", "i barely need the toilet any more", "i hardly go to the bathroom anymore",
    "i barely go pee anymore", "i barely go to the toilet now", "ive hardly been to the loo today",
])
def test_reading_or_hearing_and_hardly_needing_to_go_stay_emergencies(text):
    assert assess(text).level == "emergency", (text, assess(text))


def test_a_bike_seat_unfelt_stays_the_saddle_emergency_in_india():
    assert assess("i cannot feel the bike seat anymore", locale="en-IN").level == "emergency"


# --------------------------------------------------------------------------- legs that will not carry the person
# Cannot walk: a leg or the legs said not to carry, hold up or take the weight of the person
# (can't, won't, barely, hardly, struggle to, stopped ...ing), or not to take a step, or
# someone else holding the person up under the arms to walk, said with the legs. Calm:
# hypothetical, denied, past, over.


@pytest.mark.parametrize("text", [
    "my legs barely hold me up since lunch",
    "both legs are hardly taking my weight today",
    "my legs have stopped carrying me",
    "my left leg cant support me at all",
    "my legs struggle to keep me upright this evening",
    "my feet have stopped holding me up",
    "my legs wont take another step",
    "my wife held me under the arms to walk on my legs",
])
def test_legs_that_will_not_carry_the_person_cannot_walk(text):
    result = assess(text)
    assert result.level == "emergency" and "cannot_walk" in result.flags, (text, result)


@pytest.mark.parametrize("text", [
    "what if my legs couldnt carry me",
    "my legs dont struggle to carry me, it is only the back",
    "my legs wouldnt hold me for a second when i stood, fine now",
    "years ago after the operation my leg barely took my weight",
    "i used to be so weak my legs couldnt carry me, that was years ago",
    "the traffic is holding me up",
    "the old stool barely takes my weight",
])
def test_legs_not_carrying_denied_past_or_not_legs_raise_no_alarm(text):
    assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- a leg's ability lost compared with before
# Sudden or worsening weakness: a leg lifted or raised less than it could before, less each
# time, or not at all ("can't get my leg up onto the step"), with a time course of hours
# ("managed it before lunch"); a leg that went weak or dead within minutes is sudden. Without a time course a leg that
# cannot be raised is weakness (urgent). Calm: better than before, the exercise's own count,
# long ago, hypothetical, someone else's, a bag that cannot be lifted.


@pytest.mark.parametrize("text, level", [
    ("i can raise my right leg less each time i try", "emergency"),
    ("my foot lifts less than it could this morning", "emergency"),
    ("i cant get my legs up into the car since lunch", "emergency"),
    ("my leg went weak within a few minutes", "emergency"),
    ("my right leg went dead in a few minutes", "emergency"),
    ("i cant get my leg up onto the stool now and i did it easily before lunch", "emergency"),
    ("i cant raise my left leg off the bed", "urgent"),
    ("i cant get my foot up on the step since lunch", "emergency"),
    ("i cant get my left leg off the bed", "urgent"),
])
def test_a_leg_that_does_less_than_before_is_weakness(text, level):
    assert _alarm(text, level), (text, assess(text))


@pytest.mark.parametrize("text", [
    "i can lift my leg higher than before",
    "in the leg raise exercise i lift less each time",
    "i could lift my leg higher when i was younger",
    "what if i cant lift my leg onto the stool",
    "my daughter cant get her leg up onto the step",
    "i cant lift the shopping bags",
    "give me a few minutes, my leg is tired",
    "i peed less than before",
    "i put my leg up on a pillow",
    "in the stretch i cant get my leg up very high",
    "lift your leg up slowly",
])
def test_doing_less_that_is_no_leg_weakness_raises_no_alarm(text):
    assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- one leg with less power than the other
# One-leg weakness: a leg said to have less strength, power or force than the other, or not
# the same. Calm: more power, someone else's leg, the exercise's own effort.


@pytest.mark.parametrize("text", [
    "my right leg has less power than the left",
    "since monday my left foot doesnt have the same strength as the other",
    "my right leg hasnt got the same force as my left one",
    "my left knee is not getting the same power as the other one",
    "my left leg has nowhere near the same strength as my right",
    "my right thigh has half the power of the left one",
])
def test_one_leg_with_less_power_than_the_other_is_weakness(text):
    result = assess(text)
    assert result.level == "urgent" and "leg_weakness" in result.flags, (text, result)


@pytest.mark.parametrize("text", [
    "my right leg has more power than the left now",
    "my dads left leg has less power than his right",
    "in the plank i have less power in my legs than before",
])
def test_power_that_is_not_the_speakers_leg_weakness_raises_no_alarm(text):
    assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- neither leg feels like one's own
# Both legs: "neither leg feels (properly) mine / my own / right" is both legs not feeling
# like one's own; "neither leg feels numb" keeps its denial.


@pytest.mark.parametrize("text", [
    "neither foot feels like my own since this afternoon",
    "neither of my legs feel really mine today",
    "neither leg feels quite like mine",
    "neither of my feet feels my own",
    "neither leg feels mine anymore",
    "neither foot feels properly like mine",
])
def test_neither_leg_feeling_ones_own_is_both_legs(text):
    result = assess(text)
    assert result.level == "emergency" and "both_legs" in result.flags, (text, result)


@pytest.mark.parametrize("text", ["neither leg feels sore", "neither leg feels numb", "neither of my feet feels tingly"])
def test_neither_leg_said_of_a_symptom_keeps_its_denial(text):
    assert assess(text).level in CALM, (text, assess(text))


# --------------------------------------------------------------------------- steady again, back to normal; only the back is new
# Near misses: a leg "steady again", "strong again" or "fully back to normal" is over (not
# "steady now" or "all gone": a weak leg can be steady, a feeling all gone is numbness);
# "only the back is new" leaves what else was said with its own long time.
# Still alarming: a leg not steady now, legs numb today with a new back too.


@pytest.mark.parametrize("text", [
    "my leg buckled when i got up but it is steady again",
    "my foot went numb kneeling in the garden, now it is fully fine",
    "my knee felt wobbly on the stairs, strong again after a minute",
    "my foot tingled from sitting on my heels, it is fully back to normal",
    "my hands have been numb for years, only the back is new",
    "my feet have tingled for ages, what is new is the back",
])
def test_over_or_long_standing_beside_a_new_back_is_a_question(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text, level", [
    ("my leg is not steady now", "urgent"),
    ("my legs went numb today and the back is new too", "emergency"),
    ("my leg went weak this morning and it is still not strong", "urgent"),
])
def test_a_leg_not_steady_or_numb_today_still_alarms(text, level):
    assert _alarm(text, level), (text, assess(text))


# --------------------------------------------------------------------------- "the one leg's", written without its apostrophe
# One-leg weakness: "the one legs been weak" (a recogniser's "the one leg's been weak") is one
# leg, as "my left legs gone" is ("on the left legs are tingling" stays both); getting up from a chair names where one got up from, not a
# cause that explains the weakness away. Still both legs: "the legs are both numb"; still a
# cause: weak from getting up from the floor all day.


@pytest.mark.parametrize("text, flag", [
    ("the one legs been weak since friday", "leg_weakness"),
    ("the one legs dragging a bit", "leg_weakness"),
    ("the one legs gone numb down the back", "one_leg"),
    ("i think the one legs been tingling all week", "one_leg"),
    ("i struggle getting up from the settee the one legs weak", "leg_weakness"),
    ("i have bother getting up from my armchair, my left leg has been weak for days", "leg_weakness"),
])
def test_the_one_legs_is_one_leg(text, flag):
    result = assess(text)
    assert flag in result.flags and "both_legs" not in result.flags, (text, result)


@pytest.mark.parametrize("text, calm", [
    ("the legs are both numb", False),
    ("my legs are heavy from getting up from the floor all day", True),
])
def test_both_legs_and_a_cause_are_kept(text, calm):
    result = assess(text)
    assert (result.level in CALM) if calm else (result.level == "emergency"), (text, result)


# --------------------------------------------------------------------------- narrowed after review: what is still said, what is no longer read
# Still alarming: a feeling "all gone" or "fully gone" is numbness, not something over; a weak
# leg "steady now" or "stable now" is still weak (only "again" or "back to normal" says it
# came back). Calm: minutes that time a walk, a hot shower or a plan ("within a few minutes
# of walking", "I'll try again in a few minutes") are no sudden onset; a leg not got up
# because of the back, to dress, or with something in the way; tight hamstrings; knees on
# all fours; a sore heel; legs tired after a race; being helped off the floor or propped up
# with no leg said; less pain and more strength; a stool that will not take one's weight.


@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "the feeling in my bum is all gone", "emergency"),
    ("en-US", "the feeling in my butt is all gone", "emergency"),
    ("en-GB", "all feeling in my backside is gone fully", "emergency"),
    ("en-CA", "the feeling in both legs is all gone", "emergency"),
    ("en-US", "my bladder control is all gone", "emergency"),
    ("en-GB", "both legs went weak this morning, they are stable now", "emergency"),
    ("en-GB", "my legs are weak but they are steady now", "emergency"),
    ("en-GB", "my leg gave way, it is strong now", "emergency"),
    ("en-US", "my right leg is weak but stable now", "urgent"),
    ("en-GB", "my left leg has gone fully numb", "doctor"),
    ("en-CA", "my right foot has gone fully numb", "doctor"),
    ("en-US", "the feeling in my left leg is fully gone", "doctor"),
    ("en-GB", "the pain down my leg is steady now", "doctor"),
    ("en-AU", "the sciatica down my left leg is strong now", "doctor"),
    ("en-AU", "my right leg barely takes my weight since this morning", "emergency"),
    ("en-GB", "i cant lift my leg onto the bed since this morning", "emergency"),
    ("en-GB", "i cant raise my left leg off the bed", "urgent"),
    ("en-GB", "my right leg has less power than the left", "urgent"),
])
def test_narrowed_words_still_alarm(locale, text, level):
    result = assess(text, locale=locale)
    assert result.level == level, (locale, text, result)


@pytest.mark.parametrize("locale, text, most", [
    # minutes that time something else
    ("en-GB", "i feel lightheaded within a few minutes of standing up", "clarify"),
    ("en-GB", "i felt a bit faint in a few minutes in the hot bath", "clarify"),
    ("en-CA", "i feel faint within a few minutes in a hot shower", "clarify"),
    ("en-GB", "i get out of breath within a few minutes of walking", "urgent"),
    ("en-AU", "im puffed within a few minutes of walking up the hill", "urgent"),
    ("en-IN", "i will do the stretches in a few minutes, my leg is a bit weak", "urgent"),
    ("en-GB", "my right leg feels weak, ill try again in a few minutes", "urgent"),
    ("en-GB", "heat pack will be ready in a few minutes, my leg feels heavy", "urgent"),
    ("en-GB", "within ten minutes of walking my leg goes weak and i have to sit down", "urgent"),
    # a leg not got up for another reason
    ("en-GB", "its hard to straighten my leg because my hamstrings are tight", "clarify"),
    ("en-AU", "i struggle to straighten my legs when i get out of bed, back is stiff", "clarify"),
    ("en-GB", "it is hard to push down through my heels in the bridge", "clarify"),
    ("en-GB", "i cant get my leg up to put my shoes on this morning, my back is so stiff", "clarify"),
    ("en-AU", "i cant get my foot up to put my sock on since this morning, my back is locked", "clarify"),
    ("en-CA", "i had difficulty raising my leg to get my trousers on", "clarify"),
    ("en-GB", "I can't get my leg up into the car because of my back.", "clarify"),
    ("en-AU", "i cant get my leg up into the ute with this back", "clarify"),
    ("en-GB", "i cant get my leg up on the sofa, the dog is in the way", "clarify"),
    ("en-GB", "i cant get my foot up on the bed to cut my toenails", "clarify"),
    ("en-IN", "I am not able to get my leg up onto the bed because of back pain.", "doctor"),
    ("en-GB", "i find it hard to step up with my left foot because my back twinges", "doctor"),
    ("en-GB", "i cant lift my leg as high as in the video", "clarify"),
    # less, harder, lacking
    ("en-GB", "i lifted my leg less each time because it hurt", "doctor"),
    ("en-AU", "lifting my leg into the car is harder every time", "clarify"),
    ("en-GB", "i can raise my leg less than before because of the pain", "doctor"),
    ("en-GB", "i have less pain in my leg and more strength now", "doctor"),
    ("en-US", "my leg has less pain and more power today", "doctor"),
    ("en-AU", "i am missing the power in my legs i had at the gym", "clarify"),
    ("en-GB", "my leg is sore so i cant get it straight away", "doctor"),
    # knees, heels, tired legs, furniture
    ("en-GB", "my knees cant take the weight on all fours", "clarify"),
    ("en-CA", "my knees struggle to take my weight when i kneel on the hard floor", "clarify"),
    ("en-GB", "my knees dont take my weight when i kneel, i have arthritis", "urgent"),
    ("en-GB", "my knees wont take my weight on all fours", "clarify"),
    ("en-US", "my heel barely takes my weight first thing in the morning, plantar fasciitis", "clarify"),
    ("en-GB", "my legs barely held me up after the marathon", "clarify"),
    ("en-IN", "my legs were not supporting me after the long walk yesterday, today fine", "clarify"),
    ("en-IN", "my legs are tired after the walk, they are barely carrying me", "clarify"),
    ("en-GB", "my legs are shattered after the race, they are barely carrying me", "clarify"),
    ("en-IN", "my knee pain is there since years, knee not taking my weight fully", "urgent"),
    ("en-GB", "the stool wont take my weight", "clarify"),
    # held up with no leg said
    ("en-GB", "my husband held me under the arms to help me off the floor when my back went", "clarify"),
    ("en-GB", "my son had to prop me up in bed so i could drink my tea", "clarify"),
    ("en-US", "my wife had to hold me upright in the shower, my back was spasming", "clarify"),
    # today's hours that time something else
    ("en-GB", "i did it before breakfast and now my leg feels a bit heavy", "urgent"),
    ("en-GB", "no problem before dinner, now my leg feels a bit weak after the walk", "clarify"),
    ("en-US", "i was fine before bed, now my right leg is a bit heavy", "urgent"),
])
def test_narrowed_words_raise_no_more_than_before(locale, text, most):
    result = assess(text, locale=locale)
    assert level_rank(result.level) <= level_rank(most), (locale, text, result)


@pytest.mark.parametrize("locale, text, level", [
    # "not the same power as the right" names the other side only to compare: one leg
    ("en-CA", "my left leg has not got the same power as the right", "urgent"),
    ("en-GB", "my right leg hasnt got the same strength as the left one", "urgent"),
    ("en-US", "my left leg doesnt have the same power as my right", "urgent"),
    # both sides said of themselves stay both legs
    ("en-GB", "my right leg is as weak as the left", "emergency"),
    ("en-GB", "my left leg has not got the same power as the right one, and the right is numb too", "emergency"),
])
def test_a_leg_compared_with_the_other_is_one_leg(locale, text, level):
    result = assess(text, locale=locale)
    assert result.level == level, (locale, text, result)


@pytest.mark.parametrize("text", [
    # tired after a walk, then legs that fail with more: still both legs
    "my legs are tired after the walk, now they cant carry me at all and i cant feel them",
    "after the walk my legs went numb and they are still numb",
])
def test_tired_after_a_walk_with_more_still_alarms(text):
    assert assess(text).level == "emergency", (text, assess(text))


# --------------------------------------------------------------------------- learnt from set Q by kind

# Thrown or driven into something hard, or a vehicle of any kind that hit, threw or ran one
# over, is a serious accident: snow and water vehicles, boards and e-scooters as much as cars.
# Leaning on a wall to stretch, a near miss, someone else's crash, a fear of one, a ride that
# tired one out, or a carrier in the car are not.
@pytest.mark.parametrize("text", [
    "got flung off the quad when it hit a rut and my lower back has not been right since",
    "my toboggan slammed into a fence post and now my back is in bits",
    "i came off my skateboard straight into a lamp post",
    "a jet ski ploughed into me at the lake on saturday",
    "i was skiing and went head first into a tree, my back has been killing me",
    "got thrown into the boards at hockey last night and my back is screaming",
    "a guy on an electric bike collided with me on the path this morning",
    "the bull threw me against the rails at the rodeo",
])
def test_thrown_or_driven_into_something_hard_is_trauma(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i leaned into the wall for the calf stretch",
    "i nearly went into a tree on my sled but managed to stop",
    "a bus almost hit me this morning and my back twinged when i jumped",
    "my cousin crashed his snowmobile into a tree last winter",
    "im scared ill come off the quad bike",
    "the long ride on the bus wore me out and my back aches",
    "my son took me out in the car for a drive",
    "i put the heat pack against the wall",
])
def test_leaning_near_misses_and_others_crashes_are_no_trauma(text):
    assert assess(text).level != "emergency", (text, assess(text))


# Short of wind, winded easily, running out of breath: new breathlessness. Passing wind,
# someone else's, or what was over last year is not.
@pytest.mark.parametrize("calm, alarm", [
    ("i passed wind a lot today", "im short of wind just sitting in the chair"),
    ("my husband gets short winded on hills", "i get short winded walking to the letterbox since monday"),
    ("i was out of wind after the hill last year but that is long gone", "i keep running out of breath just talking"),
    ("what if i get short of wind", "ive been losing my wind doing nothing at all"),
    ("no wind today", "i have been sucking wind climbing three steps"),
    ("i had to stop for a breather during knee rolls, fine now", "i run out of breath getting dressed these days"),
])
def test_short_of_wind_is_breathless(calm, alarm):
    _calm_beside_alarm(calm, alarm, "urgent")


# At night the back that will not let one lie still or sleep, pacing the floor, no position
# where it eases: pain worse at night or not eased by rest. A baby or noise that keeps one up,
# a position found where it eases, someone pacing for other reasons are not.
@pytest.mark.parametrize("calm, alarm", [
    ("the baby wont let me sleep", "my back wont let me sleep"),
    ("the neighbours kept me awake", "the ache stopped me from sleeping again"),
    ("i found a position where it eases", "i cant find a single position where it eases"),
    ("im pacing the floor waiting for the plumber", "i was walking the floor at three in the morning because of my back"),
    ("my back stopped me sleeping last month, but it is fine now", "the pain keeps me from sleeping"),
    ("i found a spot that settles it on the sofa", "there is no spot that settles it, i have tried them all"),
    ("i cant lie still on the mat for the whole stretch", "at night my back wont let me lie down"),
])
def test_the_back_that_will_not_let_one_rest_at_night(calm, alarm):
    _calm_beside_alarm(calm, alarm, "doctor")


# Weeks said as a non-native speaker says them ("five week pass", "six weeks gone by") and
# still the same: not improving. One week, or much better after weeks, is not.
@pytest.mark.parametrize("calm, alarm", [
    ("one week pass and it is still same", "six week pass and it is still same"),
    ("four weeks passed and it is much better", "four weeks passed and my back is no better"),
    ("my friend had it for five week", "already 5 week and my back same only"),
    ("a week gone by and still stiff", "three months have gone by and it hurts the same"),
    ("two days passed and no change", "seven weeks gone by and nothing has changed"),
    ("it was bad for three week once, years ago, then fine", "three week now and still the same pain"),
])
def test_weeks_gone_by_and_still_the_same_is_not_improving(calm, alarm):
    _calm_beside_alarm(calm, alarm, "doctor")


# Feeling unwell in oneself, generally, all over: a vague change that gets the general
# clarifying question, never an alarm; a back that is "crook" is only the back.
@pytest.mark.parametrize("text", [
    "i feel rotten in myself as well as the back",
    "feeling generally poorly with it all",
    "im just unwell all over, hard to describe",
    "i feel rough in myself these last few days",
    "feeling crook, not sure what it is",
    "i feel poorly in general on top of my back",
])
def test_unwell_in_oneself_gets_the_general_question(text):
    said = assess(text)
    assert (said.level, said.clarify) == ("clarify", "general"), (text, said)


@pytest.mark.parametrize("text", ["my back is crook", "my back went crook on sunday", "feeling better in myself today"])
def test_a_crook_back_or_feeling_better_is_not_unwell(text):
    assert assess(text).level == "none", (text, assess(text))


# "Could" asking whether the back comes with, causes or explains something the speaker has
# reads as "can" does: what the speaker has, not what might happen. A question about what
# could happen, asked of nobody or said to be idle, is still asked about.
@pytest.mark.parametrize("calm, alarm, level", [
    ("could a spasm cause tearing pains in your chest, just wondering",
     "could my back spasm be behind this tearing pain in my chest", "emergency"),
    ("what if a spasm comes with a ripping pain in the chest",
     "could the spasm be causing the ripping pain through my chest", "emergency"),
    ("could a slipped disc come with numbness in both legs? just curious",
     "could a slipped disc be causing the numbness in both my legs since this morning", "emergency"),
    ("could a spasm ever cause numbness down there", "could my back be to blame for my bum going numb", "emergency"),
    ("could a bad back come with a fever in general", "could the back spasm explain why i am shivery and burning up", "urgent"),
    ("if i got pain at night could it be my back", "could it come with pain at night that wakes me every night", "doctor"),
])
def test_could_the_back_come_with_or_explain_what_one_has(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# No sleep in one clause, and the pain that never lets up in the next: pain worse at night
# and not eased by rest. A baby that keeps one up, a back said much better, or all of it over
# now is not.
@pytest.mark.parametrize("calm, alarm", [
    ("cant sleep, the baby is teething, and my back still hurts", "i cant sleep, the ache never lets up"),
    ("i cant sleep, my back is much better though", "barely slept, the pain just would not settle"),
    ("couldnt sleep last week, the pain wouldnt ease, but its gone now", "no sleep again, the throbbing wont ease off"),
    ("i could not sleep for the heat, my back is fine", "havent slept, the pain keeps on and on"),
    ("i cant sleep because my husband snores, the pain eases when i lie down", "sleepless nights, the pain doesnt go away"),
    ("my wife cant sleep, her pain never lets up", "hardly slept a wink, the pain wont go away"),
])
def test_no_sleep_and_the_pain_never_lets_up(calm, alarm):
    _calm_beside_alarm(calm, alarm, "doctor")


# --------------------------------------------------------------------------- set Q's kinds, mended after review

# A crash nearly had ("a car almost hit me", "I narrowly missed a car") is none, but it never
# cancels a crash or a fall said beside it; swerving is no near miss at all.
@pytest.mark.parametrize("text, locale", [
    ("I swerved to miss a dog and crashed into a tree", "en-US"),
    ("I swerved and hit a tree", "en-US"),
    ("i swerved and came off my bike", "en-US"),
    ("the car swerved and hit us", "en-US"),
    ("a car almost hit me so I swerved and fell off the motorbike", "en-US"),
    ("I almost crashed then fell down the embankment", "en-US"),
    ("I narrowly missed a car and was thrown off my motorbike", "en-US"),
    ("I swerved and fell down the stairs carrying the washing", "en-US"),
    ("i swerved my bike and a van hit me", "en-US"),
    ("I almost hit the car in front and someone rear ended me", "en-US"),
    ("i swerved and fell hard onto the concrete", "en-US"),
    ("i swerved and was thrown from the quad bike", "en-US"),
    ("I swerved and fell off the ladder", "en-GB"),
    ("i swerved to miss a roo and hit a tree", "en-AU"),
    ("i swerved to miss a roo and came off the motorbike", "en-AU"),
    ("the ute swerved and slammed into a pole", "en-AU"),
])
def test_a_near_miss_or_a_swerve_never_cancels_the_crash_beside_it(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "i nearly went into a tree on my sled but managed to stop",
    "a car nearly hit me on the crossing and my back has been sore since",
    "i almost crashed my bike but stopped in time",
    "a van almost ran me over this morning",
    "i swerved to miss a cat and my back twinged",
    "i was nearly hit by a bus and jumped back, now my back aches",
])
def test_a_crash_nearly_had_is_none(text):
    assert assess(text).level in CALM, (text, assess(text))


# Into something hard is an accident only when slammed, thrown, crashed or driven into it:
# going into a room, a town or a wall sit, sliding into a seat, a ball off a wall, walking
# into a fence are not; a vehicle's "went into" needs a tree, a wall or a ditch, or the
# speaker's car ("someone went into my car"): a car into the garage, or the speaker into the
# car, is none. A spasm that "hit" one in the car is the back.
@pytest.mark.parametrize("text", [
    "I went into the post office and my back went",
    "i went into the post office",
    "I went into the garage to get the ice",
    "I went into the shower and leaned against the wall",
    "I went into the wall sit and it hurt",
    "i went into the wall of pain",
    "the ball bounced off the wall and I bent to get it",
    "I ran straight into the kitchen wall chasing the dog",
    "i walked straight into the fence in the dark",
    "I went into the fence post with the strimmer",
    "I slid into the car seat and my back twinged",
    "I went into town on the bus",
    "my car went into the garage for a service and i walked",
    "i went into the car to get my heat pack",
    "i went into my car to get the heat pack",
    "it hit me in the car on the way home",
    "I was hit by a spasm in the car",
    "the pain hit me as i got out of the truck",
])
def test_going_into_a_place_or_a_spasm_that_hit_is_no_accident(text):
    assert assess(text).level == "none", (text, assess(text))


@pytest.mark.parametrize("text", [
    "the car went into a tree",
    "my bike went into a wall at the bottom of the hill",
    "we went into a ditch in the car",
    "a van went into our car at the roundabout",
    "i went into a tree on my mountain bike",
    "i skied into a tree yesterday and my back is sore",
    "i got slammed into the wall in the rugby game",
    "i flew into the boards at hockey",
])
def test_driven_or_slammed_into_something_hard_is_trauma(text):
    assert assess(text).level == "emergency", (text, assess(text))


# A bus, a boat, a board or an animal is the speaker's accident only when it hit, threw or
# ran over the speaker, or the speaker came off it; a pushchair ("buggy") is no vehicle. What
# flew off a bike, or what struck one as odd, is no impact.
@pytest.mark.parametrize("text", [
    "the buggy hit the kerb and my back twinged",
    "I hit the bus stop running",
    "i caught the bus and hit traffic",
    "the bus hit a pothole and my back jolted",
    "the boat hit a wave and I jarred my back",
    "my bike chain flew off",
    "I got struck by how stiff I am in the car",
    "my son's skateboard hit my ankle",
    "the buggy hit me in the shins",
])
def test_a_bus_boat_board_or_pushchair_that_hit_something_else_is_none(text):
    assert assess(text).level == "none", (text, assess(text))


@pytest.mark.parametrize("text", [
    "a bus hit me",
    "the bus hit me as i crossed the road",
    "I was struck by a car",
    "i flew off my bike",
    "i came off my skateboard at speed",
    "the bull threw me against the rails at the rodeo",
    "the pony bucked me off",
    "i got thrown off the boat when it hit the jetty",
])
def test_a_bus_boat_board_or_animal_that_hit_or_threw_the_speaker_is_trauma(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Up pacing or walking the floor at night, or unable to keep still, is night pain only with
# the back or its pain as the cause: with a baby, for worry, or a toddler, it is none. The
# back that will not let one lie still or settle is still night pain.
@pytest.mark.parametrize("text", [
    "i walk the floor with the baby at night",
    "I was pacing the floor with the baby all night",
    "we walked the floor all night with the teething baby",
    "im pacing at night worrying about work",
    "i was pacing the floor at night waiting for the results",
    "the toddler cant keep still at night",
    "i cant stay in bed at night the kids wake me",
    "people keep telling me to stop pacing at night",
])
def test_pacing_at_night_for_something_else_is_none(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "i cant lie still at night because of my back",
    "im pacing the floor at night in pain",
    "up all night pacing with my back",
    "i was pacing the room at 3am with the pain",
    "at night my back wont let me settle",
    "i walked the floors in the small hours because of the back",
])
def test_pacing_at_night_for_the_back_is_night_pain(text):
    assert assess(text).level == "doctor", (text, assess(text))


# Weeks without the plural are a time gone by only as one says it ("three week now",
# "already five week", "five week pass"); a two week old baby, a two week holiday or a six
# week course is no length of the back's trouble.
@pytest.mark.parametrize("text", [
    "I have a two week old baby and my back still hurts",
    "I've got a 2 week old and it still aches",
    "I'm on a two week holiday and my back still hurts",
    "i have a two week break from work and my back still hurts",
    "my back still hurts, I start a six week physio course",
    "the 3 week course of physio still hurts",
])
def test_a_thing_n_weeks_long_is_no_length_of_the_trouble(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "already four week and my back is still the same",
    "for three week my back is same, no change",
    "six week already and still the same pain",
])
def test_weeks_said_without_the_plural_and_still_the_same(text):
    assert assess(text).level == "doctor", (text, assess(text))


# The back or its pain must be what keeps one from sleeping: a baby or a dog that does is not
# the back's, even beside a back said fine or stiff, or pain said in the next clause.
@pytest.mark.parametrize("text", [
    "my back is fine but the baby won't let me sleep",
    "the dog kept me up all night, my back's a bit stiff",
    "the dog wont let me sleep and my back pain never lets up",
    "the neighbours party wouldnt let me sleep and my back is sore",
    "the baby wont let me sleep, my back is ok",
])
def test_something_else_that_keeps_one_awake_is_not_the_back(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "my back wouldnt let me sleep",
    "this spasm is keeping me up",
    "the pain in my back is stopping me from sleeping",
    "my lower back wont let me get to sleep",
    "it keeps me from sleeping most nights",
])
def test_the_back_that_keeps_one_awake_is_night_pain(text):
    assert assess(text).level == "doctor", (text, assess(text))


# "In general", "overall", "all over" or "generally" gets the general question only with a
# word that can only be health (unwell, poorly, crook); the weather, one's posture or how
# things are going is none. Puffing children, and the "fine now" of no position found, are
# not alarms.
@pytest.mark.parametrize("text", [
    "the weather is bad in general",
    "my posture is bad in general",
    "things are not great in general",
    "it's not great overall but improving",
    "I'm not good in general at stretching",
    "I felt poorly after the ibuprofen",
    "the kids huff and puff when I ask them to tidy",
])
def test_generic_words_in_general_or_huffing_children_are_none(text):
    assert assess(text).level == "none", (text, assess(text))


def test_no_position_found_but_fine_now_is_no_alarm():
    said = assess("no position where it eases im fine now")
    assert said.level in CALM, said


# "Could my back be the reason I can't pee" tells that the speaker cannot pee, as "is my back
# why I can't pee" does: the question is why, not whether.
@pytest.mark.parametrize("calm, alarm, level", [
    ("could a spasm ever make you unable to pee", "could my back be the reason i cant pee", "emergency"),
    ("what if my back stopped me peeing one day", "could my back be why i cant feel when i wipe", "emergency"),
    ("could a bad back stop your bladder in theory", "can my back be the reason i cant pee", "emergency"),
    ("could a spasm ever be why someone cant walk", "could my back be the reason i cant walk properly", "emergency"),
])
def test_could_my_back_be_why_i_cant_tells_what_i_cant(calm, alarm, level):
    _calm_beside_alarm(calm, alarm, level)


# Reading a collision whole never loses the crash or fall its words told before: crashed into
# someone, head first into the wardrobe, into the back of a lorry or a parked car; nor the
# belly's throbbing that will not let one sleep. A car park is a place, not the car.
@pytest.mark.parametrize("text", [
    "i crashed into someone on the ski slope",
    "i went head first into the wardrobe",
    "we went into the back of a lorry",
    "i went into a parked car on my bike",
    "i went flying into the door",
    "my belly throbbing wont let me sleep",
])
def test_a_collision_read_whole_keeps_the_crash_or_fall_it_told(text):
    assert assess(text).level == "emergency", (text, assess(text))


@pytest.mark.parametrize("text", [
    "i went into a car park to stretch",
    "the shopping trolley went into the car",
    "i cant stay in bed at night the kids wake me",
])
def test_a_car_park_or_a_trolley_into_the_car_is_none(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "i cant lie still at night because of my back",
    "i cant keep still at night because of my back",
])
def test_unable_to_lie_still_at_night_for_the_back_is_night_pain(text):
    assert assess(text).level == "doctor", (text, assess(text))


# ---------------------------------------------------------------------------------------------
# Merged kinds meet: a back that "won't let me" is read whole, so a back that will not let one
# settle at night is still night pain (the back as the cause, clinical.md: doctor row), while
# the same back keeping a leg down while dressing is still no leg weakness.

@pytest.mark.parametrize("text", ["my back won't let me settle at night", "at night my back wont let me lie down",
                                  "every night my lower back won't let me rest", "the pain doesnt let me rest at night",
                                  "at night it wont let me lie down"])
def test_a_back_that_will_not_let_one_rest_at_night_is_night_pain(text):
    assert "night_pain" in assess(text).flags


@pytest.mark.parametrize("text", ["my back won't let me settle, the stretches helped though, i'm fine now",
                                  "the baby won't let me settle at night", "at night the dog wont let me lie down",
                                  "my back won't let me rest on the sofa today"])
def test_a_back_that_will_not_let_one_rest_calmly_said_is_no_night_pain(text):
    assert "night_pain" not in assess(text).flags


# ---------------------------------------------------------------------------------------------
# Second review of the merged kinds, 1: a bus, a boat or a board is the accident only when it
# did the hitting or threw the speaker (clinical.md: emergency row, serious accident); a bus
# or boat the speaker was on is the place, a feeling that "hit me" there is no impact, a board
# that knocked an ankle or that someone swung is no ride come off.
@pytest.mark.parametrize("text", [
    "the nausea hit me on the boat", "the stiffness hit me on the bus to work",
    "the sleepiness hit me on the bus home", "the tiredness hit me on the bus",
    "the cold hit me when i got off the bus", "my bag hit me on the bus",
    "a kid on the bus hit me with his backpack", "the skateboard hit me on the ankle",
    "the skateboard flew off and hit me in the shin", "it hit me on the bus that i left my heat pack at home",
    "my son hit me with his skateboard by accident",
])
def test_a_bus_or_board_that_is_only_the_place_or_a_knock_is_no_accident(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "a bus hit me", "i got hit by a bus", "i came off my skateboard", "the pony threw me",
    "i fell off the bus", "a car hit me on the leg", "a bus hit me on the way to work",
    "i was thrown off the boat",
])
def test_a_bus_or_board_that_hit_or_threw_the_speaker_is_still_an_accident(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Second review, 2: a back or its pain that keeps one awake is night pain (clinical.md: doctor
# row); it does not make a pain of every body part said beside it, so a belly slept on or legs
# kept straight are positions, while the pain said to go down both legs or a tight chest
# still alarm.
@pytest.mark.parametrize("text", [
    "my back wont let me sleep on my stomach", "my back wont let me sleep on my belly anymore",
    "my back wont let me sleep on my tummy", "my back wont let me sleep with my legs straight",
    "the spasm kept me awake so i put my feet up on the sofa", "my back wont let me sleep with my leg straight",
])
def test_a_back_keeping_one_awake_lends_no_pain_to_a_position(text):
    result = assess(text)
    assert result.level == "doctor" and result.flags == ("night_pain",), (text, result)


@pytest.mark.parametrize("text", [
    "the pain wont let me sleep and it goes down both legs", "my back wont let me sleep and my chest is tight",
    "the pain keeps me awake and my legs are numb",
])
def test_night_pain_beside_a_true_red_flag_still_alarms(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Second review, 3: a leg not got up because the spasm, a stiff or bad back or the pain will
# not let it is the back, not a weak leg (clinical.md: leg weakness beside a back spasm), said
# in the clause or the next; a leg that has no strength, or one lost since the morning, still
# alarms.
@pytest.mark.parametrize("text", [
    "i cant get my leg up onto the bed because of the spasm", "i cant get my leg up onto the bed because of my spasm",
    "i cant get my leg up onto the bed with this spasm", "i cant get my leg up into the car because it is so stiff",
    "i cant get my leg up into the car, too stiff", "i cant get my leg up into the truck with my back like this",
    "i cant get my leg up into the ute with my bad back", "i cant get my leg up into the bath, my back wont bend",
    "i cant get my foot up onto the step my back wont let me", "i cant get my leg up onto the stool, the spasm wont let me",
    "i cant get my leg up into the car because the pain is too much",
])
def test_a_leg_kept_down_by_the_back_or_its_pain_is_no_weakness(text):
    result = assess(text)
    assert level_rank(result.level) < level_rank("urgent") and "leg_weakness" not in result.flags, (text, result)


@pytest.mark.parametrize("text, level", [
    ("i cant get my leg up onto the bed, it just has no strength", "urgent"),
    ("since this morning i cant lift my right leg at all", "emergency"),
    ("i cant lift either leg off the bed, they have no strength", "emergency"),
])
def test_a_leg_that_cannot_be_got_up_for_want_of_strength_still_alarms(text, level):
    assert assess(text).level == level, (text, assess(text))


# Second review, 4: one leg with less strength or power than the other is weakness
# (clinical.md: urgent row) only when strength or power is said; the same comparison of
# flexibility, grip or range is not.
@pytest.mark.parametrize("text", [
    "my right leg doesnt have the same flexibility as the left", "my left foot doesnt have the same range as the right",
    "my right leg hasnt got the same grip as the left",
])
def test_a_leg_unequal_in_something_other_than_strength_is_no_weakness(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "my left leg is not having the same power as the right one", "my right leg has half the strength of my left",
    "my left leg doesnt have the same strength as the right",
])
def test_a_leg_with_less_strength_than_the_other_is_still_weakness(text):
    assert assess(text).level == "urgent", (text, assess(text))


# Second review, 5: "could X be behind this" asks what causes a symptom, as "could X be causing
# this" does; its "behind" is no saddle word, while numbness behind, around or of the behind
# still is (clinical.md: emergency row, saddle numbness).
@pytest.mark.parametrize("text", [
    "could my back be behind this tingling", "could the spasm be behind my numb toes",
    "could a slipped disc be behind the tingling in my foot", "can my back be behind this tingling",
])
def test_could_it_be_behind_is_no_saddle_word(text):
    result = assess(text)
    assert "saddle_numbness" not in result.flags and result.level != "emergency", (text, result)


@pytest.mark.parametrize("text", [
    "the numbness seems to be behind my balls", "my behind is numb", "it feels numb behind, around my bum",
])
def test_numbness_behind_or_of_the_behind_is_still_saddle_numbness(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Second review, 6: the urge to go no longer felt is the bladder's (clinical.md: emergency row,
# not feeling the need to go) unless an outing is said beside it: then it is the urge to go out.
@pytest.mark.parametrize("text", [
    "i dont get the urge to go at all these days, even to the pub", "i dont get the urge to go anymore, to the shops i mean",
    "i dont get the urge to go at all, even to the gym",
])
def test_an_urge_to_go_out_is_no_bladder(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text", [
    "i dont get the urge to go anymore, to the toilet i mean", "i dont get the urge to go at all these days",
    "i dont get the urge to wee anymore, not even after a few pints at the pub", "i dont get the urge to go now, i just leak",
])
def test_an_urge_to_go_to_the_toilet_unfelt_still_alarms(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Second review, 7: a limb that went dead and "stayed that way" for a while is positional and
# gone when a later clause says it is fine now (clinical.md: Near misses); said still there,
# or of the saddle, it is not.
@pytest.mark.parametrize("text", [
    "my foot went to sleep and stayed that way for an hour but its fine now",
    "my leg went dead and stayed that way for a minute, its fine now",
])
def test_stayed_that_way_then_fine_now_is_a_near_miss(text):
    assert assess(text).level in CALM, (text, assess(text))


@pytest.mark.parametrize("text, level", [
    ("my leg went dead and stayed that way", "doctor"),
    ("my leg is still numb but the pain is fine now", "doctor"),
    ("my bum went numb and stayed that way for an hour, its fine now", "emergency"),
])
def test_stayed_that_way_still_there_or_in_the_saddle_still_alarms(text, level):
    assert assess(text).level == level, (text, assess(text))


# Second review, 8: smaller readings. A back that will not let one sleep on one's side or in
# one's own bed tells of a position, and one better by the morning is over (clinical.md:
# doctor row, night pain; Near misses); driving into the garage is parking, so a wall touched
# there is no crash; a wee not had in peace is privacy, not a bladder that will not empty.
@pytest.mark.parametrize("text", [
    "my back wont let me sleep on my side", "my back wont let me sleep in my own bed so i sleep on the couch",
    "my back kept me up last night but it was better by the morning",
    "my back kept me awake the first night but now i sleep fine",
    "i drove into the garage and hit the wall, only a tap",
])
def test_a_sleeping_position_a_night_now_over_or_parking_is_no_alarm(text):
    assert assess(text).level in CALM, (text, assess(text))


def test_a_wee_not_had_in_peace_is_no_bladder_emergency():
    result = assess("the pain stops me having a wee in peace because the kids barge in")
    assert "bladder" not in result.flags, result


@pytest.mark.parametrize("text, level", [
    ("my back wont let me sleep", "doctor"), ("my back kept me up last night", "doctor"),
    ("my back wont let me sleep on my side, the pain never lets up", "doctor"),
    ("i drove into a tree", "emergency"), ("i drove into the driveway and slammed into the wall", "emergency"),
    ("a bus hit me at the bus stop", "emergency"), ("the pain stops me having a wee", "emergency"),
    ("my back stops me from peeing", "emergency"),
])
def test_night_pain_crashes_and_a_wee_stopped_still_alarm(text, level):
    assert assess(text).level == level, (text, assess(text))


# --------------------------------------------------------------------------- round: set R, saddle, bladder, bowel, sexual

# Someone else who wet or soiled (clinical.md: red flags are about the person speaking): a
# pet, a baby or the kids named as the one who did it is not the speaker's bladder or bowel.
@pytest.mark.parametrize("text, locale", [
    ("our cat peed on the sofa again", "en-US"), ("the baby wet the bed last night", "en-GB"),
    ("the puppy had an accident on the rug", "en-AU"), ("the puppy peed on my bed", "en-CA"),
    ("the baby peed on me during the nappy change", "en-IN"), ("the dog had an accident in the kitchen", "en-GB"),
    ("the toddler wet his pants at nursery", "en-CA"), ("the cat did a poo behind the couch", "en-US"),
])
def test_a_pet_or_a_child_who_wet_is_not_the_speaker(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "the dog woke me and i had wet the bed", "the baby cried and i wet myself",
    "the dog peed on the floor and then i peed myself too", "i tripped over the dog and fell down the stairs",
    "the cat cow stretch hurt and it still hasnt settled",
])
def test_the_speaker_beside_a_pet_still_alarms(text):
    assert level_rank(assess(text).level) >= level_rank("doctor"), (text, assess(text))


# Coming somewhere is going there (clinical.md: new sexual dysfunction is "cannot climax",
# said alone): "can't come to the phone", "couldn't come in to work".
@pytest.mark.parametrize("text, locale", [
    ("sorry i cant come over tonight my back has gone", "en-US"), ("i couldnt come in to work today", "en-GB"),
    ("i cant come downstairs for tea", "en-AU"), ("tell them i cant come round this weekend", "en-CA"),
    ("i am unable to come home yet", "en-IN"), ("i cannot come out with the lads tonight", "en-GB"),
    ("i cant come up the stairs to bed", "en-US"),
])
def test_coming_somewhere_is_no_climax(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "i cant come anymore since my back went", "since the spasm i cant come at all",
    "i cant come with my partner since my back went", "i cant climax since the injury",
])
def test_cannot_come_said_alone_still_alarms(text):
    assert assess(text).level == "emergency", (text, assess(text))


# A leg or a thing that cannot be got up onto a step, the bed or the stairs is lifting it
# there (clinical.md: leg weakness), not "can't get it up".
@pytest.mark.parametrize("text, locale", [
    ("the suitcase is too heavy, i cant get it up onto the bed", "en-US"),
    ("i couldnt get it up on to the shelf", "en-GB"), ("i cant get it up onto the roof rack", "en-AU"),
    ("i struggle to get it up onto the shelf", "en-GB"),
    ("the box is heavy and i cant get it up on the table", "en-CA"), ("i could not get it up into the loft", "en-IN"),
    ("i cant get it up over the fence", "en-US"),
])
def test_getting_something_up_onto_a_place_is_no_erection(text, locale):
    assert "sexual" not in assess(text, locale=locale).flags, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, flags", [
    ("my right leg is weak and i cant get it up onto the bed", {"leg_weakness"}),
    ("my leg has no strength, i cant get it up the step", {"leg_weakness"}),
    ("i cant get it up since my back went", {"sexual"}), ("i cant get it up anymore", {"sexual"}),
])
def test_a_leg_not_got_up_is_the_legs_and_cant_get_it_up_alone_is_sexual(text, flags):
    assert set(assess(text).flags) == flags, (text, assess(text))


# Sex not had for someone else's reason or the day's (the kids were up, she was tired) is an
# occasion missed, not the body failing (clinical.md: new sexual dysfunction); the failure
# itself named ("couldn't get an erection") is the body's whatever the occasion.
@pytest.mark.parametrize("text, locale", [
    ("we couldnt have sex because my husband was tired", "en-US"), ("we couldnt make love because the baby woke", "en-GB"),
    ("we couldnt have sex because we had guests", "en-US"), ("we didnt have sex because my wife was too tired", "en-US"),
    ("we cant have sex because the kids are always up", "en-AU"), ("couldnt have sex because we had visitors", "en-CA"),
    ("we could not be intimate because of the guests", "en-IN"), ("no sex this week because of work", "en-GB"),
])
def test_sex_missed_for_an_outside_reason_is_calm(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "we cant have sex because of my back", "i couldnt get an erection because she was tired",
    "i cant get hard because the kids were up", "i cant have sex since my back went, nothing works",
])
def test_sex_failing_in_the_body_still_alarms(text):
    assert assess(text).level == "emergency", (text, assess(text))


# Erections weaker, softer or gone by another name (clinical.md: new sexual dysfunction):
# "weaker since the spasm", "morning glory has vanished", "can't stay firm", "man part not working".
@pytest.mark.parametrize("text, locale", [
    ("my erection is weak since my back went", "en-US"), ("my hard ons have got weaker since the spasm", "en-GB"),
    ("erections are much weaker now", "en-AU"), ("my morning glory has disappeared since i hurt my back", "en-GB"),
    ("i cant stay firm anymore since the injury", "en-CA"), ("my man part is not working since the back pain", "en-IN"),
    ("the wife says i wont stay firm, thats new", "en-AU"),
])
def test_erections_weaker_or_gone_by_another_name_alarm(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (text, result)


@pytest.mark.parametrize("text", [
    "my erections are not weaker, everything works", "my husbands erections have got weaker",
    "would my erections get weaker if this goes on", "my morning glory is back to normal",
    "i cant stay firm on my feet", "i cant keep firm in the plank", "my man part is fine",
    "im too weak for sex with this back",
])
def test_erections_words_negated_of_someone_else_or_of_standing_stay_calm(text):
    assert "sexual" not in assess(text).flags, (text, assess(text))


# The seat area (clinical.md: numbness around the buttocks, the saddle): "seat area", "sitting area".
@pytest.mark.parametrize("text, locale", [
    ("my whole seat area is numb", "en-US"), ("the seat area is tingling", "en-GB"),
    ("my whole seat area has no feeling", "en-AU"), ("the seat area feels like it belongs to someone else", "en-CA"),
    ("my sitting area is tingly", "en-IN"), ("pins and needles in the seat area", "en-US"),
    ("my sitting area has gone numb", "en-AU"),
])
def test_the_seat_area_is_the_saddle(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "saddle_numbness" in result.flags, (text, result)


@pytest.mark.parametrize("text", [
    "my seat area is fine, no numbness", "the car seat is cold", "my seat area went numb on the long drive but its fine now",
    "my dads seat area is numb",
])
def test_the_seat_area_denied_over_or_someone_elses_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# Loss of bowel control said as dirtied, fouled, in one's boxers, a bottom that will not hold
# anything in, no warning before going (clinical.md: new loss of bowel or bladder control,
# not feeling the need to go).
@pytest.mark.parametrize("text, locale", [
    ("i dirtied myself on the way to the toilet", "en-US"), ("found poo in my briefs this morning", "en-GB"),
    ("i fouled myself in bed", "en-AU"), ("my bottom wont hold anything in since the spasm", "en-GB"),
    ("i get no warning before a poo now, it just comes", "en-CA"), ("no warning at all before i need a wee", "en-IN"),
    ("there was a mess in my pyjamas when i woke", "en-US"),
])
def test_bowel_control_lost_by_another_name_alarms(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "the spasm comes without warning when i am on the toilet", "my back goes without warning",
    "the pain hits without any warning", "i didnt dirty myself, i made it to the loo",
    "my grandson dirtied himself at the park", "lying here on the floor in my pyjamas",
    "i need a poo but im still in my pyjamas", "something ripped in my jeans when i bent down",
])
def test_no_warning_for_the_back_or_dirtied_denied_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# A bladder, bowel or bottom with "a mind of its own" is control lost (clinical.md: new loss
# of bladder or bowel control); "back end" and "tail end" are the bottom (the saddle). Said of
# a leg, the back, the kids or a week's end it is not.
@pytest.mark.parametrize("text, locale", [
    ("my bladder has a mind of its own since the spasm", "en-US"), ("my bowels have got a mind of their own", "en-GB"),
    ("my bladder does what it wants now", "en-AU"), ("my tail end has a mind of its own", "en-GB"),
    ("since my back went my bowel does its own thing", "en-CA"), ("my back end is numb", "en-IN"),
    ("no feeling in my back end since this morning", "en-AU"),
])
def test_a_mind_of_its_own_below_is_control_lost(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "my leg has a mind of its own in the cat cow", "my back has a mind of its own",
    "by the back end of the week my back was better", "the kids have a mind of their own",
    "the back end of the routine hurts", "towards the tail end of the stretch i feel it in my bum",
    "my mums bladder has a mind of its own", "my bladder doesnt have a mind of its own, its fine",
])
def test_a_mind_of_its_own_elsewhere_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# Wiping called cleaning up, with a poo or the toilet said (clinical.md: wiping feels
# different): "after a number two, cleaning up feels weird". Cleaning up a room, the dog's
# mess with the back named, or cleaning up that feels fine is no saddle finding.
@pytest.mark.parametrize("text, locale", [
    ("after a poo cleaning up feels strange", "en-US"), ("after a number two, cleaning up is funny", "en-GB"),
    ("i did a poo and cleaning up was strange", "en-AU"), ("after my poo this morning cleaning up felt different", "en-CA"),
    ("after a poo cleaning up feels different down there", "en-IN"),
    ("had a poo and cleaning up felt weird, like through a glove", "en-AU"),
])
def test_cleaning_up_after_a_poo_feeling_different_is_the_saddle(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "cleaning up the kitchen feels weird", "cleaning up the dogs poo feels weird with my back",
    "after a poo cleaning up feels fine", "cleaning up the garage feels strange with this back",
    "after a poo my husband says cleaning up feels weird",
])
def test_cleaning_up_elsewhere_or_fine_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# Someone else's pads put on, worn or borrowed are pads the speaker newly needs (clinical.md:
# new loss of bladder control, leaking). Someone else wearing them, "pads" as a walk, or pads
# bought for someone else are not.
@pytest.mark.parametrize("text, locale", [
    ("ive had to borrow the wifes pads", "en-GB"), ("im wearing my wifes pads now", "en-US"),
    ("i had to put on one of my partners pads", "en-AU"), ("ive been using my girlfriends liners since the spasm", "en-CA"),
    ("i am wearing my mothers pads from yesterday", "en-IN"), ("nicked one of the missus pads this morning", "en-GB"),
])
def test_someone_elses_pads_worn_are_new_pads(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "my wife wears pads", "my wife pads around the house", "i bought my wife pads at the shop",
    "my mum has to wear pads", "i didnt need to borrow the wifes pads",
])
def test_pads_of_someone_else_worn_by_them_or_bought_stay_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# The speaker or their clothes smelling of wee is wee leaked (clinical.md: new loss of bladder
# control, leaking); the wee itself smelling is a sign of infection (urgent, not emergency);
# someone else smelling of it is theirs.
@pytest.mark.parametrize("text, locale", [
    ("i smell of pee all the time now", "en-US"), ("my trousers stink of urine", "en-GB"),
    ("my husband says i smell of wee", "en-AU"), ("i keep smelling of wee and i dont know why", "en-CA"),
    ("my undies reek of urine by lunchtime", "en-AU"), ("people at work say i smell of piss", "en-GB"),
])
def test_smelling_of_wee_is_a_leak(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bladder" in result.flags, (text, result)


@pytest.mark.parametrize("text, level", [
    ("my wee smells strong", "urgent"), ("my son smells of wee", "clarify"),
    ("i dont smell of wee, i checked", "clarify"),
])
def test_wee_that_smells_or_someone_else_smelling_is_no_leak(text, level):
    assert level_rank(assess(text).level) <= level_rank(level), (text, assess(text))
    assert "bladder" not in assess(text).flags, (text, assess(text))


# --------------------------------------------------------------------------- round: set R, mended after review

# "Can't get it up" followed by the / to / on / over is still the erection (clinical.md: new
# sexual dysfunction); only a thing got up onto a named place (the step, the kerb, the car) is
# lifting it there (clinical.md: leg weakness).
@pytest.mark.parametrize("text, locale", [
    ("i cant get it up the way i used to", "en-US"), ("since the spasm i cant get it up the way i could", "en-GB"),
    ("since my back went i cant get it up to have sex", "en-US"), ("i cant get it up to have sex with my wife", "en-AU"),
    ("i am not able to get it up to do intercourse", "en-IN"), ("i cant get it up on demand anymore", "en-GB"),
    ("i cant get it up on my own or with her", "en-CA"), ("cant get it up on the weekend either", "en-GB"),
    ("i cant get it up over the past few days since my back went", "en-US"), ("i cant get it up the last few days", "en-AU"),
    ("cant get it up the last couple of nights", "en-US"), ("i cant get it up to save my life since the spasm", "en-CA"),
    ("cant get it up to be honest since the spasm", "en-GB"),
])
def test_cant_get_it_up_before_the_to_on_or_over_is_still_the_erection(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (text, result)


@pytest.mark.parametrize("text, locale", [
    ("my left leg is weak and i cant get it up onto the step", "en-US"),
    ("my leg is weak, i cant get it up the step", "en-GB"),
    ("my right leg has no strength, i cant get it up on the kerb", "en-AU"),
])
def test_a_weak_leg_not_got_up_onto_a_step_is_the_legs_only(text, locale):
    assert set(assess(text, locale=locale).flags) == {"leg_weakness"}, (text, assess(text, locale=locale))


# No feeling during sex is the body's (clinical.md: no feeling during sex), whatever reason or
# occasion is said beside it; only sex not had "because the kids were up" is an occasion.
@pytest.mark.parametrize("text, locale", [
    ("sex feels completely numb now because we tried twice and nothing", "en-GB"),
    ("no feeling during sex because we tried last night and nothing", "en-GB"),
    ("sex feels numb because we tried it on the weekend", "en-CA"),
    ("no sensation during intercourse because we tried after my back went", "en-IN"),
    ("i have no feeling during sex because he says its my back", "en-US"),
    ("my partner noticed i cant feel anything during sex because she asked", "en-GB"),
    ("we tried to have sex but i couldnt feel anything because he noticed i went soft", "en-US"),
    ("i couldnt feel a thing when we made love because we were rushing", "en-GB"),
    ("sex is numb and we were too tired to keep trying", "en-US"),
    ("sex feels different since the spasm and not in the mood either", "en-GB"),
    ("i cant feel anything during sex not in the mood anymore either", "en-AU"),
])
def test_no_feeling_during_sex_with_a_reason_said_still_alarms(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (text, result)


# The speaker who wet or soiled themselves after a pet or a child is named (no subject said:
# "chasing the dog, wet myself") is the speaker; the child or the pet named as the one who did
# it is not (clinical.md: red flags are about the person speaking).
@pytest.mark.parametrize("text, locale, flag", [
    ("chasing the dog wet myself", "en-US", "bladder"), ("after walking the dog wet myself on the way home", "en-GB", "bladder"),
    ("was changing the baby wet myself no warning", "en-US", "bladder"),
    ("i picked up the baby wet myself and didnt even feel it", "en-AU", "bladder"),
    ("picked up the toddler wet my pants", "en-AU", "bladder"), ("holding the little one wet myself", "en-GB", "bladder"),
    ("the baby wet the bed and so did i", "en-AU", "bladder"), ("the puppy had an accident and i did too", "en-US", "bladder"),
    ("picking up the kid fell down the stairs", "en-AU", "trauma"),
    ("lifting the kid both legs went numb", "en-US", "both_legs"),
    ("carrying the grandkids upstairs both legs gave way", "en-GB", "both_legs"),
    ("after bathing the kid cant feel the toilet paper", "en-US", "saddle_numbness"),
    ("carrying the kid foot is dropping and cant lift it", "en-IN", "foot_drop"),
])
def test_the_speakers_own_emergency_after_a_child_or_a_pet_is_named(text, locale, flag):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and flag in result.flags, (text, result)


@pytest.mark.parametrize("text, locale", [
    ("hold on the baby wet the bed", "en-US"), ("wait the dog had an accident", "en-CA"),
    ("the baby pooed in my jeans", "en-GB"), ("the dog pooped in my boxers lol", "en-US"),
    ("the puppy peed on my bed", "en-CA"), ("our toddler had an accident in the car", "en-AU"),
])
def test_a_child_or_a_pet_that_wet_is_still_someone_else(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# "Can't stay firm" is the erection only with a partner, sex or the genitals named, someone
# noticing it in the speaker, or the speaker as its subject (clinical.md: new sexual
# dysfunction); a mattress, a cushion or the tummy muscles that won't stay firm are not.
@pytest.mark.parametrize("text, locale", [
    ("the mattress doesnt stay firm", "en-US"), ("my new mattress wont stay firm", "en-GB"),
    ("the mattress topper isnt getting firm", "en-AU"), ("my bed doesnt stay firm", "en-IN"),
    ("my pillow doesnt stay firm at night", "en-GB"), ("the sofa cushions wont stay firm", "en-US"),
    ("the foam roller doesnt stay firm", "en-CA"), ("the yoga mat wont stay firm on the floor", "en-US"),
    ("the gel wont stay stiff in the freezer", "en-GB"), ("my tummy muscles cant stay firm", "en-GB"),
    ("my core cant stay stiff", "en-US"), ("i cant stay firm on my feet", "en-GB"),
])
def test_things_that_wont_stay_firm_are_no_erection(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("my wife says i cant stay firm anymore", "en-US"), ("i cant stay firm with my partner since the spasm", "en-GB"),
    ("i cant stay firm since my back went", "en-AU"),
])
def test_the_speaker_who_cant_stay_firm_still_alarms(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


# Weaker erections (clinical.md: new sexual dysfunction) are the erection words only: a
# volume, a heat pad or a love life that is weak, or "turn it up", is not.
@pytest.mark.parametrize("text, locale", [
    ("the volume is weak can you turn it up", "en-US"), ("the volume is weak can you turn it up", "en-GB"),
    ("the signal is weak turn it up", "en-US"), ("the heat pad feels weak ill turn it up", "en-US"),
    ("the ibuprofen feels weak shall i step it up", "en-GB"), ("im weak from the pain, i need to pick it up", "en-US"),
    ("my arms feel weak when i lift it up", "en-US"), ("my core feels weak in the bedroom", "en-US"),
    ("i feel weak and intimate moments are hard", "en-GB"), ("my wife says my love life is weak lol", "en-US"),
    ("your voice is weak turn it up please", "en-AU"), ("the morning glory is weak this year", "en-US"),
    ("i couldnt get the morning glory off the fence", "en-GB"),
])
def test_weak_beside_it_up_or_the_garden_is_no_erection(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# Cleaning up is wiping only with no object of its own (clinical.md: wiping feels different):
# cleaning up the kitchen, the garden or the dog's poo after the loo is housework.
@pytest.mark.parametrize("text, locale", [
    ("i had a poo then i was cleaning up the kitchen and felt odd", "en-GB"),
    ("after my poo i started cleaning up the house and felt weird", "en-US"),
    ("i was on the loo and then cleaning up the bathroom felt odd", "en-GB"),
    ("cleaning up dog poo in the garden feels weird bending over", "en-GB"),
    ("cleaning up the garden after the dog poo feels strange bending", "en-AU"),
    ("cleaning up the spilled poop from the diaper felt weird", "en-CA"),
    ("cleaning up after dinner is strange with this back", "en-GB"),
])
def test_cleaning_something_up_is_housework(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# No warning before going (clinical.md: not feeling the need to go) is not the back going
# "without warning" on the toilet, nor the runs coming without warning, nor the kids.
@pytest.mark.parametrize("text, locale", [
    ("it went without warning when i was having a poo", "en-US"),
    ("i was having a poo and it went without warning, now i cant stand up straight", "en-GB"),
    ("doing a number two and it caught me without warning", "en-US"),
    ("i bent down to flush the toilet after a poo and it seized without warning", "en-US"),
    ("i was on the toilet doing a wee and it locked up without warning", "en-GB"),
    ("went for a pee and it seized up without any warning", "en-CA"),
    ("while passing urine it caught without warning", "en-IN"),
    ("the kids gave me no heads up they needed a wee", "en-GB"),
    ("i have the runs and it comes without warning", "en-US"), ("the diarrhea comes without warning", "en-US"),
])
def test_the_back_going_without_warning_on_the_toilet_is_no_lost_warning(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# A place or a pet's bed smelling of wee is no leak of the speaker's (clinical.md: new loss
# of bladder control is the speaker's; a smell of wee in a place is no infection sign either).
@pytest.mark.parametrize("text, locale", [
    ("the bathroom has a smell of wee", "en-GB"), ("this public toilet has a smell of urine", "en-US"),
    ("the lift was stinking of piss", "en-AU"), ("the dog bed has a smell of pee", "en-GB"),
])
def test_a_place_smelling_of_wee_is_no_leak(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# Pads to kneel on for hands-and-knees stretches (clinical.md: cat-cow) are no incontinence
# pads; dirtied with mud, paint or a rub is not soiled (clinical.md: I pooed myself).
@pytest.mark.parametrize("text, locale", [
    ("i borrowed my daughters pads for kneeling", "en-GB"), ("i use my wifes pads to kneel on", "en-US"),
    ("i dirtied myself doing the gardening", "en-GB"), ("i got mud all over and dirtied my pants in the garden", "en-US"),
    ("i dirtied the bed with my muddy feet", "en-GB"), ("i fouled the bed sheets with the heat rub", "en-AU"),
])
def test_kneeling_pads_and_mud_are_no_leak(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale, flag", [
    ("my carer says i dirtied myself in bed", "en-GB", "bowel"), ("i fouled myself in the chair and didnt notice", "en-US", "bowel"),
    ("ive had to wear my wifes pads since the spasm", "en-AU", "bladder"),
])
def test_dirtied_oneself_or_pads_worn_still_alarm(text, locale, flag):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and flag in result.flags, (text, result)


# "Can't come" on one's own or near finishing is the climax (clinical.md: cannot climax);
# "can't come for the session" is going there; the morning glory said gone is the erection.
@pytest.mark.parametrize("text, locale", [
    ("i cant come on my own anymore", "en-AU"), ("i cant come near to finishing", "en-US"),
    ("morning glory has gone since my back went", "en-GB"), ("my morning glory has disappeared since the spasm", "en-AU"),
])
def test_cant_come_on_my_own_and_morning_glory_gone_alarm(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (text, result)


@pytest.mark.parametrize("text, locale", [
    ("i cant come for the session tomorrow", "en-IN"), ("sorry i cant come for a walk today", "en-GB"),
])
def test_cant_come_for_something_is_going_there(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


# Being dressed is no leak (clinical.md: it happened in my pants is a leak; a person with a
# back spasm is often on the floor): lying on the floor in one's underwear, going out in one's
# jeans or pyjamas, or changing the sheets the kids wet.
@pytest.mark.parametrize("text, locale", [
    ("i am lying on the floor in my underwear", "en-GB"), ("im lying on the floor in my pants", "en-GB"),
    ("i am lying on the floor in my shorts", "en-AU"), ("lying here in my boxers doing the stretches", "en-US"),
    ("the kids wet the bed and i had to change the sheets", "en-GB"),
    ("the dog wet the floor and i had to change my socks", "en-US"),
    ("im going in my jeans", "en-GB"), ("i'll go in my pyjamas, can we start", "en-US"),
    ("ill go in my trackies to the physio", "en-AU"),
])
def test_being_dressed_or_changing_what_someone_else_wet_is_no_leak(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("i wet my pants", "en-GB"), ("i went in my pants without knowing", "en-US"),
    ("there was wee in my underwear", "en-GB"), ("i went in my pants lying on the floor", "en-GB"),
    ("i woke up lying in a wet bed", "en-US"), ("i keep going in my pants", "en-AU"),
    ("ive been going in my pyjamas at night without knowing", "en-GB"),
    ("it happened in my underwear and i didnt feel it", "en-CA"),
    ("the kids wet the bed and so did i", "en-GB"),
])
def test_a_leak_in_ones_clothes_still_alarms(text, locale):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bladder" in result.flags, (text, result)


# The belly (clinical.md: Red flags, emergency row: a throbbing or pulsing feeling in the belly,
# sudden tearing pain through to the back, chest pain, heart or aortic emergencies that present
# as back pain). A plain belly ache said alone is none of these by itself: it is not raised, nor
# let pass, but asked about (topic "belly": questions.py, clarify_belly, asks about exactly
# those). Said with back pain it stays the emergency it was: clinical.md does not say it is none.
@pytest.mark.parametrize("text, locale", [
    ("i have a stomach ache", "en-US"), ("my tummy is sore", "en-GB"),
    ("me belly hurts", "en-AU"), ("stomach is aching since morning", "en-IN"),
    ("ive got a bit of a tummy ache", "en-GB"), ("my gut feels tight", "en-CA"),
])
def test_a_plain_belly_ache_is_asked_about_not_raised(text, locale):
    result = assess(text, locale=locale)
    assert (result.level, result.clarify) == ("clarify", "belly"), (text, locale, result)


@pytest.mark.parametrize("text, locale", [
    ("my tummy is sore and so is my back", "en-GB"), ("my belly hurts along with the back", "en-AU"),
    ("ive got a bit of a tummy ache on top of my back pain", "en-GB"),
    ("my gut feels tight and my lower back is killing me", "en-CA"),
    ("the back hurts and my stomach hurts too", "en-US"), ("me tummys been sore all day with this back", "en-AU"),
])
def test_a_belly_ache_with_back_pain_stays_the_emergency(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("my tummy is throbbing and my back hurts", "en-GB"), ("i can feel a pulse in my belly", "en-US"),
    ("theres a pounding in my stomach like a heartbeat", "en-AU"), ("sudden tearing pain in my back", "en-CA"),
    ("a ripping pain from my stomach through to my back", "en-IN"), ("my chest hurts as well as my back", "en-US"),
])
def test_what_clinical_md_names_of_the_belly_and_chest_is_still_an_emergency(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, locale, assess(text, locale=locale))


# A pain said to go through to the back in any of the back's names (the spine, the lower back,
# the backbone) is the pain through to the back of the emergency row, as "through to my back"
# already was; other things that go right through to the morning or the end are not.
@pytest.mark.parametrize("text, locale", [
    ("a pain that goes right through to my spine", "en-US"), ("its like a knife going through to my lower back", "en-GB"),
    ("a sharp pain right through to my backbone", "en-AU"), ("sharp pain straight through to the spine", "en-CA"),
    ("pain went through into my spine out of nowhere", "en-IN"), ("stabbing feeling through to the lower back from the front", "en-US"),
])
def test_a_pain_through_to_the_spine_or_lower_back_is_an_emergency(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "i slept right through to the morning", "i got through to my doctor about my back",
    "the pain in my stomach was years ago, its fine now", "my husband has a stomach ache",
    "ibuprofen gives me a sore tummy", "should i lie on my tummy for the stretch",
    "what if my belly hurts during the stretch",
])
def test_the_belly_or_through_to_said_otherwise_stays_calm(text):
    assert assess(text).level in CALM, (text, assess(text))


# Set R's urgent and doctor kinds, and the belly's beat, each said in other words, in other
# locales, in the recogniser's style:
# - a belly that has a beat to it, in it, or of its own (clinical.md: Red flags, emergency row,
#   a throbbing or pulsing feeling in the belly); a heart with a beat, or a song, is none;
# - feeling like flu, with no article (clinical.md: urgent row, fever or feeling shivery);
# - breathing with difficulty, trouble or problems "in" it, the noun first ("breathing
#   difficulty"), breathing as if through a straw, a breath that finishes or runs out
#   (clinical.md: urgent row, new breathlessness);
# - drugs taken with, by or through a needle, being on the needle (clinical.md: urgent row,
#   injecting drug use); a needle for insulin is none;
# - gone skinny, a face got thin, or others saying one "loses weight", while eating a lot or
#   changing nothing (clinical.md: doctor row, weight loss without trying);
# - pain the same whether moving or still (clinical.md: doctor row, pain not eased by rest).
@pytest.mark.parametrize("text, locale, level", [
    ("my stomach has a beat to it", "en-US", "emergency"), ("me tummy has got a beat in it", "en-GB", "emergency"),
    ("in my stomach there is a beat like a second heart", "en-IN", "emergency"),
    ("my gut has a beat to it and my back is killing me", "en-US", "emergency"),
    ("my belly has a beat in it since this morning", "en-US", "emergency"), ("me guts got a beat to it", "en-AU", "emergency"),
    ("i feel like i have flu and my back is in spasm", "en-US", "urgent"), ("i feel like flu, aching and my back is stuffed", "en-AU", "urgent"),
    ("feeling like flu since yesterday with back pain", "en-IN", "urgent"), ("feels like flu on top of the back pain", "en-CA", "urgent"),
    ("like i am getting flu and my lower back hurts", "en-US", "urgent"), ("feeling like flu with my back", "en-GB", "urgent"),
    ("i am having difficulty in breathing since evening", "en-IN", "urgent"),
    ("breathing problems since this morning and my back is bad", "en-GB", "urgent"),
    ("its like breathing through a straw", "en-AU", "urgent"), ("my breath is finishing fast when i climb stairs", "en-IN", "urgent"),
    ("i am having trouble in breathing with the back pain", "en-CA", "urgent"), ("breathing difficulty since the morning", "en-US", "urgent"),
    ("i used to take drugs with a needle", "en-US", "urgent"), ("i took drugs with a needle for years", "en-GB", "urgent"),
    ("i take drugs through a needle", "en-IN", "urgent"), ("needle for drugs, yeah, thats me", "en-US", "urgent"),
    ("i take my drugs by needles", "en-IN", "urgent"), ("i shoot drugs with a needle", "en-US", "urgent"),
    ("i use a needle for drugs", "en-CA", "urgent"),
    ("my face has got thin and i am eating loads", "en-US", "doctor"), ("ive gone skinny but i eat heaps", "en-GB", "doctor"),
    ("my wife says i lose weight and i eat a lot", "en-AU", "doctor"),
    ("got skinny this month and havent changed a thing", "en-CA", "doctor"),
    ("my mates say i lose weight and i havent changed a thing", "en-GB", "doctor"), ("gone skinny and i eat loads", "en-AU", "doctor"),
    ("the pain is the same whether i am moving or resting", "en-US", "doctor"), ("it aches whether i move or lie still", "en-GB", "doctor"),
    ("pain is same whether i am walking or lying down", "en-IN", "doctor"),
    ("doesnt matter if i move or stay still, it hurts", "en-CA", "doctor"), ("it throbs whether i am up or lying in bed", "en-US", "doctor"),
    ("it hurts whether i move or rest", "en-US", "doctor"),
])
def test_set_r_urgent_and_doctor_kinds_in_other_words(text, locale, level):
    assert _alarm(text, level, locale), (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("my heart has a beat to it when i run", "en-US"), ("the song has a beat to it", "en-GB"),
    ("i drink my smoothie through a straw", "en-US"), ("my son has difficulty in breathing at night", "en-GB"),
    ("i had breathing problems as a child, its fine now", "en-IN"), ("the nurse gives me a needle for my insulin", "en-US"),
    ("my brother was on the needle for years", "en-AU"), ("i had flu last winter", "en-GB"),
    ("my husband says i lose weight when i diet", "en-US"), ("my daughter is skinny and eats heaps", "en-AU"),
    ("i eat a lot when i am stressed", "en-US"), ("what if it hurts whether i am moving or resting", "en-CA"),
    ("it used to hurt whether i moved or lay still but its fine now", "en-US"),
])
def test_set_r_urgent_and_doctor_kinds_said_otherwise_stay_calm(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, locale, assess(text, locale=locale))


# A place "not feeling right" is as vague as one that "doesn't feel right" (clinical.md: Near
# misses, too vague to place: a clarifying question, for the belly the belly question); the
# back, a stretch or a plan not feeling right is no symptom to place.
@pytest.mark.parametrize("text, locale, topic", [
    ("my tummy is not feeling right", "en-GB", "belly"), ("stomach not feeling right since the spasm", "en-IN", "belly"),
    ("me guts not feeling right today", "en-AU", "belly"), ("my bum is not feeling right when i sit", "en-US", "saddle"),
    ("my leg is not feeling right", "en-CA", "legs"), ("down below is not feeling right", "en-GB", "saddle"),
])
def test_a_place_not_feeling_right_gets_its_question(text, locale, topic):
    result = assess(text, locale=locale)
    assert (result.level, result.clarify) == ("clarify", topic), (text, locale, result)


@pytest.mark.parametrize("text", ["my back is not feeling right", "the stretch is not feeling right",
                                  "i am not feeling right about this plan"])
def test_the_back_or_a_plan_not_feeling_right_is_no_question(text):
    assert assess(text).level == "none", (text, assess(text))


# What goes through to the back is the pain of the emergency row (clinical.md: sudden tearing
# pain through to the back) unless it is the warmth of a heat pack or the cold of an ice pack;
# a pain said with it still alarms, heat pack or not.
@pytest.mark.parametrize("text, locale", [
    ("the heat pack warms right through to my back", "en-US"), ("the ice pack goes through to my spine", "en-GB"),
    ("the hot water bottle heats through to the back", "en-AU"), ("the wheat bag warms straight through to my lower back", "en-GB"),
    ("the gel pack gets right through into my back, lovely", "en-CA"), ("that heating pad gets right through to the spine", "en-US"),
])
def test_a_heat_or_ice_pack_through_to_the_back_is_no_alarm(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text", [
    "pain through to my back since i used the heat pack", "a sharp pain went right through to my spine on the heat pad",
    "it goes right through to my back", "stabbing pain through into my back while the ice pack was on",
])
def test_a_pain_through_to_the_back_still_alarms_beside_a_pack(text):
    assert assess(text).level == "emergency", (text, assess(text))


# A belly pain with any sign of the non-back emergencies (clinical.md: Red flags, emergency row:
# chest pain spreading to an arm, the jaw or the back; sudden tearing pain through to the back;
# heart or aortic emergencies that present as back pain; NHS heart attack and aortic aneurysm
# symptoms: sudden, severe, crushing or pressing, clammy, sweaty, faint, pale, dizzy, sick) is the
# emergency, said in one clause or beside it; so is a belly ache beside any other red flag (it is
# no plain ache then: the emergency it always was is kept). Only a plain belly ache is asked about.
@pytest.mark.parametrize("text, locale", [
    ("pain in the pit of my stomach and down my left arm", "en-US"),
    ("upper stomach pain spreading up to my jaw", "en-US"), ("my guts hurt and me jaw aches", "en-AU"),
    ("sudden crushing pain in my stomach", "en-CA"), ("sudden severe stomach pain and my back is agony", "en-US"),
    ("worst tummy pain of my life with the back pain", "en-GB"),
    ("terrible pain in my belly going into my back", "en-US"), ("pain in my abdomen that shoots to my back", "en-US"),
    ("my stomach pain goes round to my back", "en-GB"), ("severe pain in abdomen radiating to back", "en-IN"),
    ("stomach is paining very badly and going to back", "en-IN"), ("pain in my stomach that bores into my back", "en-US"),
    ("stomach pain and i feel clammy and sweaty", "en-US"), ("my tummy hurts and i feel dizzy and pale", "en-AU"),
    ("tight band around my stomach and back", "en-GB"), ("heavy pressure in my tummy and back", "en-US"),
    ("stomach pain, back pain, i am 72 and i smoke", "en-US"), ("i've got a really bad tummy ache", "en-US"),
    ("my stomach hurts and i feel sick", "en-CA"), ("my belly hurts and my neck aches", "en-GB"),
])
def test_a_belly_pain_with_a_sign_of_the_emergency_stays_the_emergency(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale, other", [
    ("my stomach hurts and the pain goes down my left leg", "en-US", "one_leg"),
    ("stomach pain and im short of breath", "en-US", "breathless"),
    ("tummy ache and a temperature", "en-GB", "fever"),
    ("my tummy hurts and i have a fever and chills", "en-US", "fever"),
    ("my tummy is sore and i have had cancer before", "en-GB", "cancer_history"),
    ("me guts are aching and i feel shivery", "en-AU", "fever"),
])
def test_a_belly_ache_beside_a_lower_red_flag_keeps_the_emergency(text, locale, other):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "chest_or_belly" in result.flags and other in result.flags, \
        (text, locale, result)


@pytest.mark.parametrize("text, locale", [
    ("my tummy hurts", "en-US"), ("i have a stomach ache", "en-US"), ("me tummy is a bit sore", "en-AU"),
    ("stomach is paining since morning", "en-IN"), ("my belly aches a bit today", "en-CA"),
    ("ive got tummy ache", "en-GB"),
])
def test_a_plain_belly_ache_alone_still_gets_the_belly_question(text, locale):
    result = assess(text, locale=locale)
    assert (result.level, result.clarify) == ("clarify", "belly"), (text, locale, result)


@pytest.mark.parametrize("text", [
    "my stomach hurts from the ibuprofen", "stomach pain when i do the pelvic tilt",
    "my dad has a stomach ache and his back hurts", "my tummy is full of gas and my back aches",
    "my husband has a stomach ache and i have a fever",
])
def test_a_belly_ache_of_a_cause_or_of_someone_else_raises_no_belly_emergency(text):
    assert "chest_or_belly" not in assess(text).flags, (text, assess(text))


# Narrowed after review (each kind keeps its clinical.md source; the calm twins are ordinary
# uses of the same words):
# - what goes through to the back (emergency row, sudden tearing pain through to the back): the
#   back named plainly fires alone, unless only the warmth or cold itself goes through; the spine,
#   the lower back and "into" forms need a pain, a tear or a sudden word; rooms never count;
# - a belly with a beat: the belly itself has it (emergency row, a throbbing or pulsing belly);
# - feeling like flu (urgent row, fever): said as felt, never flu's season, jab or a comparison;
# - a breath lost (urgent row, new breathlessness): not laughing, for a moment, with the spasm;
# - weight lost (doctor row, without trying): eating plenty only with a change; not "easily";
# - the same whether moving or still (doctor row, not eased by rest): a rest state as the other half.
@pytest.mark.parametrize("text, locale", [
    ("it went right through to my back while i had the heat pack on", "en-US"),
    ("i was on the heating pad and something went straight through to my back", "en-GB"),
    ("a jolt went right through to my back from my belly with the ice on", "en-AU"),
    ("something went right through to my back, i have ice on it now", "en-CA"),
    ("it shot straight through to my back while the heating pad was on", "en-CA"),
    ("it went straight through to my back like a bolt, ice pack on now", "en-GB"),
    ("a stabbing pain went right through into my lower back", "en-US"),
    ("sudden pain through to my spine", "en-IN"),
])
def test_what_goes_through_to_the_back_with_a_pack_named_is_still_the_emergency(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("go through into the back room", "en-GB"), ("i went through into the back garden to hang the washing", "en-AU"),
    ("go through to the back room", "en-GB"),
    ("the heat pad goes right through into my back", "en-US"), ("the warmth goes right through into my back", "en-US"),
    ("the heat from the bath goes right through into my lower back", "en-GB"),
    ("the massage goes right through to my spine", "en-US"), ("the oil massage goes through to my spine nicely", "en-IN"),
    ("the tens machine buzzes right through into my lower back", "en-US"),
    ("the cream soaks right through into my lower back", "en-US"), ("the heat goes right through to my back", "en-CA"),
])
def test_rooms_and_the_warmth_that_go_through_to_the_back_stay_calm(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale, level", [
    ("my stomach has a beat to it", "en-US", "emergency"), ("me tummy has got a beat in it", "en-GB", "emergency"),
    ("theres a beat in my belly", "en-AU", "emergency"),
    ("lying on my tummy, put on a song that has a beat to it", "en-GB", "calm"),
    ("my stomach growls, it has got a beat like a drum", "en-US", "calm"),
    ("my tummy stretch music has a beat to it", "en-CA", "calm"),
    ("i feel like i have flu and my back hurts", "en-GB", "urgent"), ("feeling like flu since this morning", "en-IN", "urgent"),
    ("feels like flu, shaking under the duvet", "en-AU", "urgent"),
    ("feels like flu season", "en-US", "calm"), ("looks like flu is going round the office", "en-GB", "calm"),
    ("is back pain like flu aches", "en-US", "calm"), ("i would like flu jab information", "en-US", "calm"),
    ("should i get my flu jab, feels like flu time again", "en-GB", "calm"), ("it aches all over like flu", "en-CA", "calm"),
    ("my back aches like i have flu", "en-GB", "calm"), ("body is paining like flu", "en-IN", "calm"),
    ("i keep losing my breath on the stairs", "en-US", "urgent"), ("i lose my breath when i laugh", "en-US", "calm"),
    ("i lost my breath for a second when the spasm hit", "en-US", "calm"),
    ("i get breathing problems when i am anxious", "en-US", "calm"),
    ("i put the thread on the needle", "en-US", "calm"), ("i cast on twenty stitches on the needle", "en-GB", "calm"),
    ("im on the needle for my diabetes", "en-US", "calm"),
    ("ive gone skinny and i eat heaps", "en-AU", "doctor"), ("i have lost weight but i eat loads", "en-GB", "doctor"),
    ("my skinny jeans are tight and i eat heaps", "en-US", "calm"), ("im skinny and i eat heaps", "en-AU", "calm"),
    ("i have always been skinny but i eat loads", "en-US", "calm"),
    ("my husband says i lose weight easily when i walk", "en-US", "calm"),
    ("the doctor says i lose weight fast when i exercise", "en-GB", "calm"),
    ("my wife says i lose weight and i eat the same", "en-US", "doctor"),
    ("i lost weight, i diet sometimes but not lately", "en-GB", "doctor"),
    ("it hurts the same whether i move or rest", "en-GB", "doctor"), ("it throbs whether i am up or lying in bed", "en-US", "doctor"),
    ("is moving or lying down better for back pain", "en-GB", "calm"), ("it hurts whether i walk or drive", "en-US", "calm"),
    ("its sore whether i am up or down the stairs", "en-AU", "calm"),
    ("it only hurts when moving or lying on my side, not when i sit", "en-US", "calm"),
    ("pain is less whether i am walking or sitting", "en-IN", "calm"),
    ("my back pain is worse moving or still, i cant tell", "en-US", "calm"),
])
def test_kinds_narrowed_after_review(text, locale, level):
    result = assess(text, locale=locale)
    if level == "calm":
        assert result.level in CALM, (text, locale, result)
    else:
        assert result.level == level, (text, locale, result)


# --------------------------------------------------------------------------- kinds from set R
# Legs, weakness, walking, foot drop and falls: each kind read anew, with the calm beside it.
# The phrasings are written here, not taken from any set.

def _level(locale: str, text: str) -> str:
    return assess(text, locale=locale).level


# A leg gone weak during the stretches, after them, since them or made weak by them
# (clinical.md: Self-care, "any new leg numbness or weakness during an exercise is a red
# flag"; Red flags, urgent row, weakness in one leg; both legs = emergency). Calm: a leg the
# exercise is meant for, a question about exercising weak legs, a workout's tired legs, a
# range not reached, less power in a hold than before.
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "i was fine before the knee rolls and now my left leg is weak", "urgent"),
    ("en-US", "my right leg went weak during the pelvic tilt", "urgent"),
    ("en-AU", "after the stretches me left leg is weak", "urgent"),
    ("en-CA", "since the stretches my right leg feels weak", "urgent"),
    ("en-IN", "the stretches made my leg weak", "urgent"),
    ("en-US", "halfway through the cat cow my left leg went weak", "urgent"),
    ("en-GB", "both my legs went weak during the stretches", "emergency"),
])
def test_a_leg_gone_weak_with_the_stretches_is_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "is the knee to chest ok for weak legs"),
    ("en-GB", "which stretches help a weak leg"),
    ("en-AU", "my legs feel like jelly after the workout"),
    ("en-CA", "i cant lift my leg as high as in the video during the stretch"),
    ("en-US", "in the plank i have less power in my legs than before"),
    ("en-GB", "if my leg goes weak during the stretches should i stop"),
    ("en-IN", "my brothers leg went weak during his exercises"),
])
def test_an_exercise_for_weak_legs_or_a_workouts_tired_legs_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Less power or strength than someone else is fitness, not weakness (clinical.md: Red flags
# are about the speaker's own legs); than the other leg, or than before, it still is (urgent row).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "ive got less power in my legs than my mate when we ride"),
    ("en-GB", "i have less strength in my legs than my husband"),
    ("en-US", "my legs have less power than the other guys on the team"),
    ("en-CA", "i have a lot less power in my legs than most people my age"),
    ("en-IN", "my legs are not strong like my brother, i am slower than my brother"),
    ("en-GB", "less power in my legs than the other riders at spin class"),
])
def test_less_power_than_someone_else_is_no_weakness(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text, level", [
    ("en-AU", "ive got less power in my left leg than the right", "urgent"),
    ("en-GB", "my right leg has less strength than it used to", "urgent"),
    ("en-US", "less power in both my legs than yesterday", "emergency"),
    ("en-IN", "my right leg is having less power than left leg", "urgent"),
])
def test_less_power_than_the_other_leg_or_than_before_is_still_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


# A leg with less feeling, than the other or than before, is numbness there (clinical.md: Red
# flags, numbness down one leg = doctor; both legs = emergency). Calm: less pain or tightness,
# less of a stretch felt, someone else's leg, a question.
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "my right leg has less feeling than my left", "doctor"),
    ("en-US", "my left foot has got less feeling than the right one", "doctor"),
    ("en-AU", "me right leg has got less feeling than it used to", "doctor"),
    ("en-CA", "not as much feeling in my left calf as before", "doctor"),
    ("en-IN", "my right leg is having less feeling than left leg", "doctor"),
    ("en-US", "both my feet have less feeling than yesterday", "emergency"),
])
def test_less_feeling_in_a_leg_is_numbness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i get less feeling of the stretch in my left leg"),
    ("en-US", "my left leg has less feeling of tightness than the right"),
    ("en-AU", "my wife has less feeling in her left foot than the right"),
    ("en-CA", "is it bad if one leg has less feeling than the other"),
    ("en-GB", "i have less feeling of stiffness in my back today"),
    ("en-IN", "my leg had less feeling yesterday but now it is normal"),
])
def test_less_of_a_stretch_or_someone_elses_leg_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# A fall or a crash said of a thing or an animal ("the dog crashed into the fence") happened to
# it, not to the speaker (clinical.md: Red flags, emergency, the speaker's own accident or
# fall). A vehicle, or the speaker named, is still the speaker's accident.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "the dog crashed into the fence chasing a possum"),
    ("en-GB", "the vase fell off the shelf"),
    ("en-US", "the laptop crashed so i lost the video"),
    ("en-CA", "the cat fell off the couch"),
    ("en-IN", "the waves crashed on the rocks"),
    ("en-GB", "the picture fell off the wall in the night"),
    ("en-US", "the trolley crashed into the wall at the shop"),
])
def test_a_thing_or_an_animal_that_fell_or_crashed_is_no_accident_of_the_speaker(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-AU", "the dog knocked me over and i landed on my back"),
    ("en-GB", "a shelf fell on me"),
    ("en-US", "the car crashed into a pole"),
    ("en-CA", "the ladder slipped and i fell"),
    ("en-IN", "the scooter crashed and i was thrown off"),
])
def test_a_fall_or_crash_that_reached_the_speaker_still_alarms(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# Swerving, veering, aquaplaning or losing control of the car name the vehicle: with a roll, a
# ditch or a hit it is the accident (clinical.md: Red flags, emergency, a serious accident);
# alone it is driving.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "swerved to miss a roo and ended up in a ditch"),
    ("en-GB", "i veered off the road and rolled over"),
    ("en-US", "i aquaplaned into the barrier on the freeway"),
    ("en-CA", "lost control of the car and ended up in a ditch"),
    ("en-IN", "swerving to miss a dog i went into a tree"),
    ("en-GB", "i swerved into a wall on my bike"),
])
def test_swerving_into_something_or_off_the_road_is_an_accident(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-AU", "i had to swerve to miss a cyclist this morning"),
    ("en-GB", "i swerved to avoid a cat"),
    ("en-US", "the ball swerved into the net"),
    ("en-CA", "swerving in traffic makes my back tense"),
    ("en-IN", "i swerved into the next lane"),
    ("en-US", "i slid into the car seat and my back twinged"),
])
def test_swerving_alone_is_only_driving(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# A leg's power or strength said lost (clinical.md: Red flags, urgent row, weakness in one
# leg; both legs or within hours = emergency).
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "my right leg has lost most of its power", "urgent"),
    ("en-US", "my right leg is losing its power", "urgent"),
    ("en-AU", "me left leg lost all the force", "urgent"),
    ("en-IN", "both legs lost the power since two days", "emergency"),
    ("en-CA", "my legs lost their strength this morning", "emergency"),
    ("en-GB", "my right leg lost its power in the space of an hour", "emergency"),
])
def test_a_legs_power_said_lost_is_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my knee pain has gone down and my strength feels fine"),
    ("en-US", "the heat pack lost its power on my leg"),
    ("en-AU", "my mate lost the strength in his legs after the race"),
    ("en-CA", "i lost a bit of power in my legs after the marathon"),
    ("en-IN", "i have not lost any strength in my legs"),
    ("en-GB", "i lose power in my legs on the plank"),
])
def test_power_lost_by_something_else_or_after_a_race_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Legs that feel far away, detached or crawl with ants are numb or tingling (clinical.md: Red
# flags, numbness or tingling down one leg = doctor, both legs = emergency; cauda equina
# charity symptom descriptions).
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "my left leg feels miles away", "doctor"),
    ("en-US", "my right foot feels detached", "doctor"),
    ("en-AU", "both me feet feel far away", "emergency"),
    ("en-CA", "my legs feel like theyre full of ants", "emergency"),
    ("en-IN", "my right calf feels full of ants", "doctor"),
    ("en-GB", "its like ants marching up both my shins", "emergency"),
])
def test_legs_far_away_or_full_of_ants_are_numb_or_tingling(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "the toilet feels miles away on these legs"),
    ("en-US", "we have ants in the kitchen"),
    ("en-AU", "the ants bit my mates legs"),
    ("en-CA", "my son says his legs feel far away"),
    ("en-IN", "the shop feels far away"),
    ("en-GB", "no ants crawling feeling in my legs"),
])
def test_distance_ants_or_someone_elses_legs_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# "In the space of a morning" is within hours (clinical.md: Red flags, emergency, sudden leg weakness).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "in the space of a morning my right leg has gone weak"),
    ("en-US", "my left leg got weak in the space of an afternoon"),
    ("en-AU", "in one morning me leg went useless"),
    ("en-CA", "my right leg felt weak, in the space of a morning it was useless"),
    ("en-IN", "within the morning my leg became weak"),
    ("en-GB", "my leg went weak in a single morning"),
])
def test_weakness_in_the_space_of_a_morning_is_sudden(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# A foot that hangs down or will not pick up is foot drop (clinical.md: Red flags, emergency,
# foot drop); feet hanging off the bed, or someone else's, are not.
@pytest.mark.parametrize("locale, text", [
    ("en-IN", "my right foot hang down when i am walking"),
    ("en-GB", "my right foot is not picking up"),
    ("en-US", "my foot wont pick up when i walk"),
    ("en-AU", "me foot doesnt pick up properly on the stairs"),
    ("en-CA", "my foot doesnt clear the ground any more"),
    ("en-GB", "my foot wont clear the ground"),
])
def test_a_foot_that_hangs_down_or_wont_pick_up_is_foot_drop(locale, text):
    assert level_rank(_level(locale, text)) >= level_rank("urgent"), (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my feet dangle off the end of the bed"),
    ("en-US", "i hang my legs over the side of the bed"),
    ("en-AU", "the phone wont pick up"),
    ("en-CA", "my sons foot hangs down when he walks"),
    ("en-IN", "the shop does not pick up the phone"),
])
def test_feet_off_the_bed_or_a_phone_not_picked_up_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# A leg that throbs or pounds hurts (the project's rule: anyone who mentions leg pain is routed
# to medical advice; clinical.md: Red flags, doctor row, pain down one leg). A pulse felt there
# does not; a calf throbbing after a run is the run's.
@pytest.mark.parametrize("locale, text, level", [
    ("en-AU", "me left leg throbs from the hip down", "doctor"),
    ("en-GB", "my right calf is throbbing", "doctor"),
    ("en-US", "theres a throbbing in my left thigh", "doctor"),
    ("en-CA", "my right leg is throbbing", "doctor"),
    ("en-IN", "my left leg throbbed from the back", "doctor"),
    ("en-GB", "both my legs are throbbing", "emergency"),
])
def test_a_throbbing_leg_is_leg_pain(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i can feel my pulse in my feet"),
    ("en-GB", "my calf throbs after the run"),
    ("en-AU", "my head is pounding"),
    ("en-CA", "my heart is pounding after the stretch"),
    ("en-IN", "my leg was throbbing yesterday but its fine now"),
    ("en-GB", "the music is pounding next door"),
])
def test_a_pulse_or_a_throb_elsewhere_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Footing lost or a step missed on the stairs is a fall down them, as slipping is (clinical.md:
# Red flags, emergency, a serious fall); caught in time, or a slipped disc, it is not.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i lost my footing on the stairs"),
    ("en-US", "missed a step on the staircase"),
    ("en-AU", "missed my footing going down the stairs"),
    ("en-CA", "i missed the bottom step on the stairs"),
    ("en-IN", "i lost footing on the staircase"),
    ("en-GB", "missed my step in the stairwell last night"),
])
def test_footing_lost_on_the_stairs_is_a_fall(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i nearly lost my footing on the stairs"),
    ("en-US", "i slipped a disc going down the stairs"),
    ("en-AU", "almost missed a step on the stairs but grabbed the rail"),
    ("en-CA", "i missed a step on the stairs but caught myself"),
    ("en-IN", "i am scared i will lose my footing on the stairs"),
])
def test_footing_nearly_lost_or_a_slipped_disc_is_no_fall(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# "It came right again", "it's come right": a leg finding that is over (clinical.md: Near misses, a leg
# that went dead and is fine now gets a question); not come right, or said of the saddle, it is not.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "my calf went numb then it came right again"),
    ("en-AU", "my leg went numb this morning but it came right in the end"),
    ("en-GB", "my leg went tingly in the garden, it came right again after a bit"),
    ("en-US", "my left leg felt numb this morning but it has come right"),
    ("en-IN", "my leg was paining, then it has come right"),
    ("en-CA", "my leg hurt down the back this morning but it has come right"),
])
def test_a_leg_finding_that_came_right_is_a_near_miss(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text, level", [
    ("en-AU", "my leg went numb and it hasnt come right", "doctor"),
    ("en-AU", "then it came right down my leg", "doctor"),
    ("en-GB", "the pain came right down to my foot", "doctor"),
])
def test_a_leg_finding_not_come_right_still_alarms(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


# Short answers to "is there pain down either leg?" that name both legs with a possessive
# ("both me legs"), or are said to a mate, are the answer both legs, in every locale
# (clinical.md: both legs = emergency).
@pytest.mark.parametrize("answer", [
    "mate, both me legs", "both my legs", "both me legs mate", "in both my legs", "the both of them",
    "yeah mate both legs", "both of my legs",
])
def test_a_short_answer_naming_both_legs_is_heard_as_both_legs(answer):
    from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(answer)
        ids = [r.id for slot in heard.slots.values() for r in slot.resolutions]
        assert heard.intent == "SafetyAnswerIntent" and ids == ["both_legs"], (locale, answer, heard)


# Heard one-shot, a sentence that opens on "the" keeps its "the" (describe.carrier_meaning):
# "the dog crashed into the fence" is the dog's, not "i dog crashed ..." (clinical.md: Red
# flags, emergency, the speaker's own accident); "the car crashed into me" is still the speaker's.
@pytest.mark.parametrize("said, calm", [
    ("the dog crashed into the fence", True), ("the vase fell off the shelf", True),
    ("the car crashed into me", False), ("the ladder slipped and i fell", False),
])
def test_a_sentence_opening_on_the_is_heard_with_its_the(said, calm):
    from spasm_coach.content import for_locale
    from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(said)
        meaning = for_locale(locale).raw("describe.carrier_meaning").get(heard.intent, "")
        words = " ".join(w for w in (meaning, heard.slots["Description"].value) if w)
        level = assess(words, locale=locale).level
        assert (level in CALM) == calm and (calm or level == "emergency"), (locale, said, heard.intent, words, level)


# --------------------------------------------------------------------------- kinds from set R, narrowed
# What the kinds above must not swallow: the speaker's own emergencies said near their words,
# and ordinary lines that only share a word with them. Written here, not taken from any set.

# "Came right" is also "came straight" ("the pain came right after the fall"): only "came
# right again", "has come right" or "came right in the end" say a finding
# is over (clinical.md: Red flags, emergency, the pain started after a serious accident or
# fall; sudden or worsening leg weakness; numbness or tingling down one leg = doctor).
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "the pain came right after i fell down the stairs", "emergency"),
    ("en-US", "the back pain came right after the car crash", "emergency"),
    ("en-AU", "it came right on after the crash", "emergency"),
    ("en-GB", "my back went and the leg pain came right away after i fell off the ladder", "emergency"),
    ("en-AU", "the pain in my leg came right after the fall", "emergency"),
    ("en-GB", "both legs went weak, it came right out of nowhere", "emergency"),
    ("en-CA", "the tingling in my leg came right away", "doctor"),
    ("en-IN", "the pain came right after i slipped in the bathroom", "emergency"),
])
def test_came_right_after_a_fall_or_out_of_nowhere_still_alarms(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


# A time "as" ("as my wife came in"), "than the rest of me", "than most days", "than him" is
# no comparison with someone else's strength, and a sudden change is never fitness
# (clinical.md: Red flags, emergency, sudden or worsening leg weakness; both legs = emergency).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my left leg suddenly went weak and now i am slower than my wife"),
    ("en-CA", "my legs went weak just as my wife came in"),
    ("en-US", "my legs went weak as my husband was helping me up"),
    ("en-AU", "both my legs are weaker than the rest of my body"),
    ("en-GB", "my legs have gone weak, weaker than the rest of me"),
    ("en-IN", "my right leg is weaker today than most days"),
    ("en-US", "my legs are weaker today than the rest of the week"),
    ("en-GB", "both my legs went weak this morning, i cant keep up with him, im slower than him"),
    ("en-AU", "me legs went weak this arvo, cant keep up with the others, slower than them"),
    ("en-CA", "my legs are weaker than they were, and my husband says im slower than him"),
    ("en-GB", "my leg has gone weak, weaker than everyone says it should be"),
])
def test_weakness_said_beside_other_people_is_still_weakness(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# A thing that fell or crashed is the speaker's accident when the speaker was on it or in it
# a clause before, when "we" or "us" are named, when it is a vehicle people ride in, when it
# is a bone ("the vertebra fractured"), or when "a horrible fall" is said alone (clinical.md:
# Red flags, emergency, the pain started after a serious accident or fall).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i was on the ladder and the ladder fell"),
    ("en-IN", "i was cleaning the gutters and the ladder fell"),
    ("en-US", "i was in a taxi and the taxi crashed"),
    ("en-IN", "i was sitting in the auto and the auto crashed"),
    ("en-IN", "the auto crashed into a truck"),
    ("en-GB", "the taxi crashed"),
    ("en-US", "the uber crashed"),
    ("en-GB", "the cab crashed into a lorry"),
    ("en-GB", "the coach crashed on the motorway"),
    ("en-AU", "the train crashed"),
    ("en-AU", "the tram crashed"),
    ("en-IN", "the tempo crashed"),
    ("en-CA", "we were on the trampoline and the trampoline collapsed"),
    ("en-GB", "the scaffolding collapsed"),
    ("en-AU", "the roof collapsed on us"),
    ("en-GB", "a horrible fall"),
    ("en-AU", "a proper fall last week"),
    ("en-US", "a massive crash"),
    ("en-GB", "a nasty tumble down the stairs"),
    ("en-US", "a compression fracture"),
    ("en-GB", "a hairline fracture"),
    ("en-CA", "the vertebra fractured"),
])
def test_a_fall_or_crash_near_a_thing_named_is_still_the_speakers(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# "The steps" are also the routine's steps and what one walks: "i cant manage the steps" is
# not walking (clinical.md: Red flags, emergency, cannot walk); a step of a video is no stair.
@pytest.mark.parametrize("locale, text", [
    ("en-CA", "i cant manage the steps"),
    ("en-AU", "i cant manage the steps, i keep losing my balance"),
    ("en-US", "i cant take the steps anymore"),
])
def test_steps_not_managed_are_not_walking(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# A slip mat, non-slip socks, or balance lost doing the video's steps is no fall on the stairs
# (clinical.md: Red flags, emergency, a fall; near misses, a slip with no fall).
@pytest.mark.parametrize("locale, text", [
    ("en-CA", "i have a slip mat on the stairs"),
    ("en-AU", "i put a non slip mat on the stairs"),
    ("en-US", "i wear non slip socks on the stairs"),
    ("en-GB", "i lost my balance doing the steps in the video"),
    ("en-IN", "there are non slip strips on the stairs"),
    ("en-GB", "i bought slip mats for the staircase"),
])
def test_a_slip_mat_or_the_videos_steps_are_no_fall(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Pounding the pavement, music thumping, a machine pulsing, feet throbbing in new shoes are
# no leg pain (the project's rule routes leg pain; clinical.md: Red flags, pain down a leg).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "ive been pounding the pavement on my feet all day"),
    ("en-US", "i was on my feet all day with the music pounding"),
    ("en-GB", "my feet throb in these new shoes"),
    ("en-CA", "my foot was thumping to the music"),
    ("en-IN", "the tens machine is pulsing on my leg"),
    ("en-GB", "my feet were pounding the treadmill"),
])
def test_pounding_thumping_or_pulsing_beside_a_leg_is_no_leg_pain(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Legs wobbly or like jelly during or after the plank or the stretches are effort, and a leg
# the physio gave a stretch for is not weak with the stretch (clinical.md: Self-care, gentle
# stretches; Prevention, the plank); "went weak" with them still is (urgent row).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my legs went wobbly halfway through the plank"),
    ("en-IN", "my legs were like jelly after the stretches"),
    ("en-US", "the physio gave me this stretch because my left leg is weak"),
    ("en-AU", "me legs were wobbly during the plank"),
    ("en-CA", "my doctor gave me these exercises because my right leg is weak"),
])
def test_legs_wobbly_with_the_plank_or_a_stretch_given_for_a_weak_leg_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# "Less feeling of" stiffness or the stretch is less of that, not numbness (clinical.md: Near
# misses); "less feeling than the right" still is numbness (doctor row).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my legs have less feeling of stiffness today"),
    ("en-US", "both feet have less feeling of stiffness this week"),
    ("en-AU", "my left leg has less feeling of stiffness today"),
    ("en-CA", "my legs have less feeling of stiffness than before"),
    ("en-IN", "my legs have less sensation of stiffness in the morning now"),
])
def test_less_feeling_of_stiffness_is_no_numbness(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# What a numb part is likened to is also an ordinary thing: a wooden floor lain on, feet
# soaked in cold water, thick socks worn, a layer of cream put on. Of a leg it is numbness only
# when a feeling is said (clinical.md: Red flags, numbness down one leg = doctor; both legs =
# emergency; the routine starts lying on the floor).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "lying on the wooden floor with my feet up"),
    ("en-AU", "im lying here with thick socks on my feet"),
    ("en-US", "i soaked my feet in cold water"),
    ("en-CA", "i put a layer of cream on my legs"),
    ("en-IN", "my feet are on a wooden chair"),
    ("en-GB", "i am on the wooden floor with my legs bent"),
])
def test_an_ordinary_thing_named_with_the_legs_is_no_numbness(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "my feet feel like they are wrapped in thick socks", "emergency"),
    ("en-US", "both feet feel like blocks of wood", "emergency"),
    ("en-AU", "me legs feel wooden", "emergency"),
    ("en-CA", "my feet feel like they are in cold water", "emergency"),
    ("en-IN", "my left leg has gone wooden", "doctor"),
    ("en-GB", "my leg feels like there is a layer of plastic on it", "doctor"),
])
def test_a_leg_said_to_feel_like_an_ordinary_thing_is_still_numb(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


# Knocking over a cup, a drink or a lamp is no accident of the speaker's; knocked over oneself,
# or a fall said beside it, still is (clinical.md: Red flags, emergency, a serious accident or fall).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "the cat knocked over my tea"),
    ("en-US", "i knocked over a glass of water"),
    ("en-AU", "i knocked over my coffee"),
    ("en-IN", "i knocked over a plant pot"),
])
def test_a_thing_knocked_over_is_no_accident(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "a car knocked me over"),
    ("en-US", "i got knocked over by a bike"),
    ("en-AU", "i knocked over a vase and fell down the stairs"),
    ("en-CA", "i knocked over my drink when i fell off the chair"),
])
def test_knocked_over_oneself_or_a_fall_beside_it_still_alarms(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# Review of the merged round: a thing's fall is the speaker's when the speaker is named in any
# clause, before or after, or as "me" ("the ladder fell out from under me"); a ladder, step
# stool, trampoline, stage or scooter is something people stand on or ride (clinical.md:
# emergency row, serious accident or fall). A belly "in agony", "killing me" or with being sick
# keeps its emergency (clinical.md: heart or aortic emergencies; NHS). Smelling of wee from a
# baby, a child or a pet, "can't stay firm" on a bed, and flu's season are calm (Near misses).
@pytest.mark.parametrize("text, locale", [
    ("the ladder fell and i hurt my back", "en-GB"), ("the ladder fell, i was on it", "en-US"),
    ("the ladder fell. i was on it", "en-AU"), ("the ladder fell out from under me", "en-CA"),
    ("the ladder fell", "en-GB"), ("then the ladder fell", "en-US"),
    ("the stepladder collapsed", "en-GB"), ("the trampoline collapsed", "en-AU"),
    ("the scooty crashed", "en-IN"), ("the ladder fell and my husband found me", "en-GB"),
    ("so the ladder fell and i went with it", "en-CA"),
    ("my stomach is in agony", "en-GB"), ("my stomach is killing me", "en-US"),
    ("pain in my tummy and i have been sick", "en-GB"),
])
def test_merged_review_lost_emergencies_are_back(text, locale):
    assert assess(text, locale=locale).level == "emergency", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("the dog crashed into the fence", "en-GB"), ("the vase fell off the shelf", "en-US"),
    ("the laptop crashed so i lost the video", "en-US"),
    ("i smell of wee from changing the baby", "en-GB"), ("i smell of pee because the baby weed on me", "en-US"),
    ("my trousers stink of wee, the dog did it", "en-GB"),
    ("i cant stay firm on the bed, it is too soft", "en-GB"), ("i cant stay stiff", "en-US"),
    ("it feels like flu season", "en-GB"), ("it feels like flu time", "en-AU"),
])
def test_merged_review_false_alarms_are_calm(text, locale):
    assert assess(text, locale=locale).level in CALM, (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, level", [
    ("i smell of wee", "emergency"), ("my trousers stink of pee", "emergency"),
    ("i cant stay firm with my wife", "emergency"), ("it feels like flu", "urgent"),
    ("my tummy hurts so bad", "emergency"),
])
def test_merged_review_twins_still_alarm(text, level):
    assert assess(text).level == level, (text, assess(text))


@pytest.mark.parametrize("text, level", [
    ("my belly hurts, back to bed", "clarify"), ("my tummy hurts and my back hurts", "emergency"),
    ("my tummy hurts and my back aches", "emergency"),
])
def test_merged_review_the_back_beside_a_belly_ache_is_back_pain(text, level):
    assert assess(text).level == level, (text, assess(text))


# --------------------------------------------------------------------------- development set S
# Kinds learnt from development set S (fever, breathlessness, immune, weight loss, night pain,
# exercise pain, not improving, cancer, osteoporosis and steroids, chest and belly), its vague
# near misses, and three false alarms found by hand. Each alarm list fails without its kind;
# the calm twins (negated, someone else's, ordinary use of the same words) stay calm.


def _routes(text: str, locale: str, level: str) -> None:
    read = assess(text, locale=locale)
    assert read.level == level, (text, locale, read)


def _stays_calm(text: str, locale: str) -> None:
    read = assess(text, locale=locale)
    assert read.level in CALM, (text, locale, read)


# Sweating at night that the bedding or a hot room explains is asked about, not alarmed at
# (clinical.md: Red flags, urgent row, fever: night sweats; Self-care, heat). Sweats with no
# such reason, or with shivering, are still a fever.
@pytest.mark.parametrize("text, locale", [
    ("sweating at night under this heavy duvet", "en-GB"),
    ("i get sweaty at night because my bedroom is so hot", "en-US"),
    ("i sweat in the night under two blankets", "en-AU"),
    ("night sweats in this heatwave", "en-CA"),
    ("drenched in sweat at night, the duvet is too warm", "en-US"),
    ("i sweat at night because the duvet is thick", "en-GB"),
])
def test_s_night_sweats_the_bedding_explains_are_asked_about(text, locale):
    assert assess(text, locale=locale).level == "clarify", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("i sweat at night and soak the sheets", "en-GB"), ("drenched in sweat every night", "en-US"),
    ("night sweats and shivers", "en-GB"), ("i have night sweats", "en-AU"),
    ("sweating at night, and i am shivering under the duvet", "en-CA"), ("i am sweating at night", "en-IN"),
])
def test_s_night_sweats_with_no_such_reason_are_a_fever(text, locale):
    _routes(text, locale, "urgent")


# Out of breath from laughing, giggling or singing is the laugh's (clinical.md: Red flags,
# urgent row, new breathlessness; ordinary use of the same words). For no reason, at rest, or
# "which never used to happen", it is still breathlessness.
@pytest.mark.parametrize("text, locale", [
    ("out of breath from laughing so much", "en-GB"), ("i was laughing so hard i got out of breath", "en-US"),
    ("singing in the choir left me out of breath", "en-GB"), ("short of breath from giggling with the kids", "en-AU"),
    ("puffed out from laughing at the telly", "en-GB"), ("i am breathless from laughing with my friends", "en-IN"),
    ("i am out of breath from laughing", "en-US"),
])
def test_s_out_of_breath_from_laughing_is_calm(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale", [
    ("out of breath for no reason", "en-US"), ("short of breath since this morning", "en-US"),
    ("im breathless just sitting here", "en-GB"), ("out of breath from laughing which never used to happen", "en-AU"),
    ("the kids made me laugh and now im short of breath and it wont stop", "en-CA"),
    ("i get out of breath talking", "en-IN"),
])
def test_s_breathlessness_with_no_laugh_to_explain_it_alarms(text, locale):
    _routes(text, locale, "urgent")


# The back one lies on is a position, not back pain: a belly ache from lying on one's back
# gets the belly question (clinical.md: Red flags, emergency: a throbbing belly, pain through
# to the back; Near misses). A belly ache beside back pain, or a throbbing belly, alarms.
@pytest.mark.parametrize("text, locale", [
    ("tummy is sore from lying on my back all day", "en-US"), ("my belly hurts sleeping on my back", "en-AU"),
    ("lying flat on my back makes my stomach ache", "en-CA"), ("stomach paining when i sleep on my back", "en-IN"),
    ("my tummy hurts from lying on my back", "en-GB"), ("my stomach hurts when i lay on my back", "en-US"),
])
def test_s_a_belly_ache_lying_on_the_back_is_asked_about(text, locale):
    assert assess(text, locale=locale).level == "clarify", (text, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("my tummy hurts and my back is killing me", "en-GB"), ("my belly hurts lying on my back and it is throbbing", "en-GB"),
    ("my tummy hurts and so does my back", "en-US"), ("i fell on my back and my tummy hurts", "en-AU"),
    ("im lying on my back and i cant feel my legs", "en-CA"), ("my stomach is pulsing when i lie on my back", "en-IN"),
])
def test_s_the_belly_beside_back_pain_or_a_red_flag_still_alarms(text, locale):
    _routes(text, locale, "emergency")


# A tumour said as a growth taken out or found (clinical.md: Red flags, urgent row, history of
# cancer). A benign growth, a wart, a growth spurt or growth plates are none.
@pytest.mark.parametrize("text, locale", [
    ("they removed a growth from my colon", "en-US"), ("i had a growth cut out of my breast last year", "en-GB"),
    ("had growths taken out of my bowel", "en-AU"), ("the surgeon took a growth off my kidney", "en-CA"),
    ("a growth was found in my lung two years ago", "en-US"), ("they took a growth out of my womb", "en-IN"),
])
def test_s_a_growth_taken_out_is_a_history_of_cancer(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("my son is having a growth spurt", "en-US"), ("i had a growth removed but it was benign", "en-GB"),
    ("a little growth on my toe, just a wart", "en-AU"), ("the doctor checked my growth plates", "en-US"),
    ("the lump was not cancer", "en-CA"), ("my mum had a growth removed", "en-IN"),
])
def test_s_a_benign_growth_or_growing_up_is_calm(text, locale):
    _stays_calm(text, locale)


# Steroid tablets by a short or other name (clinical.md: Red flags, urgent row, long-term
# steroid tablets). Someone else's, or an injection into a joint, is not the speaker's.
@pytest.mark.parametrize("text, locale", [
    ("been on pred for years for my asthma", "en-GB"), ("i take pred every day for my lungs", "en-AU"),
    ("long term pred for my arthritis", "en-US"), ("on methylprednisolone for months and i bent over", "en-CA"),
    ("i am on steroid for years", "en-IN"), ("on deflazacort since childhood", "en-GB"),
])
def test_s_steroid_tablets_by_another_name(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("my mum is on pred", "en-GB"), ("i had a steroid injection in my knee", "en-US"),
    ("my dog is on pred for his skin", "en-AU"), ("i am not on any steroids", "en-CA"),
    ("my husband is on pred", "en-IN"), ("my wife takes prednisolone", "en-US"),
])
def test_s_someone_elses_steroids_or_an_injection_are_calm(text, locale):
    _stays_calm(text, locale)


# A worry question whose reason, after "given", "since", "as", "because" or "seeing as", tells
# the speaker's own case is a disclosure (clinical.md: Red flags, urgent row; people ask about
# what is happening to them). "If" asks about what could be; a parent's cancer is theirs.
@pytest.mark.parametrize("text, locale", [
    ("should i worry since i had breast cancer", "en-US"), ("should i be concerned given i have hiv", "en-GB"),
    ("should i be worried because i had chemo last year", "en-AU"), ("do i need to worry seeing as i had melanoma", "en-CA"),
    ("should i worry as i am on steroids for ten years", "en-IN"), ("should i worry given i was treated for bowel cancer", "en-GB"),
])
def test_s_a_worry_question_with_the_speakers_reason_discloses(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("should i worry if i had cancer", "en-US"), ("should i worry because my mum had cancer", "en-GB"),
    ("should i be worried given my dad had chemo", "en-AU"), ("should i worry since i never had cancer", "en-CA"),
    ("should i worry given the spasm", "en-IN"), ("should i be concerned since it is my first spasm", "en-US"),
])
def test_s_a_worry_question_about_someone_else_or_what_could_be_is_calm(text, locale):
    _stays_calm(text, locale)


# The scales, or the weight, said to show less (clinical.md: Red flags, doctor row, weight
# loss without trying). Dieting, stepping down off the scales, or another's weight are none.
@pytest.mark.parametrize("text, locale", [
    ("the scales say i am down a lot", "en-US"), ("the scale says i weigh less every week", "en-CA"),
    ("the scale shows i am a lot lighter", "en-US"), ("bathroom scales say i weigh less than last month", "en-GB"),
    ("scales showing i am down loads", "en-AU"), ("my weight is down a lot", "en-IN"),
])
def test_s_the_scales_showing_less_is_weight_loss(text, locale):
    _routes(text, locale, "doctor")


@pytest.mark.parametrize("text, locale", [
    ("the scales say im down but im on a diet", "en-GB"), ("i stepped down off the scales and my back twinged", "en-US"),
    ("my wife weighs less than me", "en-US"), ("the scales in the bathroom need a new battery", "en-GB"),
    ("i am trying to lose weight and the scales say i am down", "en-AU"), ("i cant put my weight down on the scales", "en-IN"),
])
def test_s_the_scales_beside_a_diet_or_a_step_are_no_weight_loss(text, locale):
    assert "weight_loss" not in assess(text, locale=locale).flags, (text, assess(text, locale=locale))


# "Already one month", "one month and half": time gone by with it, as non-native English says
# it (clinical.md: Red flags, doctor row, not improving after a few weeks). A baby's age, a
# month ahead or a month ago are no time with the back.
@pytest.mark.parametrize("text, locale", [
    ("already one month my back is like this", "en-IN"), ("already 5 weeks it is like this", "en-IN"),
    ("one month and half i am suffering with this back", "en-IN"), ("already one month i have this pain", "en-IN"),
    ("one and half months with this back now", "en-GB"), ("already one month, the pain is not going down", "en-US"),
])
def test_s_already_a_month_is_not_improving(text, locale):
    _routes(text, locale, "doctor")


@pytest.mark.parametrize("text, locale", [
    ("my son is one month old", "en-US"), ("in one month i go on holiday", "en-US"),
    ("i stopped the exercises one month ago", "en-GB"), ("my daughter is already one month old", "en-IN"),
    ("one month ago i started a new job", "en-AU"), ("the appointment is in one month", "en-CA"),
])
def test_s_a_month_that_is_no_time_with_the_back_is_calm(text, locale):
    assert "not_improving" not in assess(text, locale=locale).flags, (text, assess(text, locale=locale))


# The exercise said in one clause and its pain still there, or there since, in the next
# (clinical.md: Red flags, doctor row, pain during the exercises that does not settle). Pain
# that settled or eased, or someone else's, is none.
@pytest.mark.parametrize("text, locale", [
    ("the knee hugs hurt, and its still throbbing", "en-US"), ("did the cat cow this morning and i have been sore since", "en-GB"),
    ("tried the childs pose yesterday, been hurting since", "en-AU"), ("the plank really hurt, and i have been in agony since", "en-CA"),
    ("my knee rolls hurt so much and it is still throbbing now", "en-IN"), ("did the stretches, been aching since", "en-US"),
])
def test_s_exercise_pain_that_lasts_into_the_next_clause(text, locale):
    _routes(text, locale, "doctor")


@pytest.mark.parametrize("text, locale", [
    ("the stretches hurt a bit but it settled straight away", "en-US"), ("the stretches help, i have had less pain since", "en-US"),
    ("my husband did the cat cow and he has been sore since", "en-US"), ("i did the stretches yesterday, they were fine", "en-GB"),
    ("the knee rolls were lovely, no pain since", "en-GB"), ("the pain has eased since i started the exercises", "en-AU"),
])
def test_s_exercise_pain_that_settled_or_is_someone_elses_is_calm(text, locale):
    _stays_calm(text, locale)


# A pain through the middle, the chest or the belly and out at the back, said across a comma
# (clinical.md: Red flags, emergency, sudden tearing pain through to the back). Walking
# through a shop, a pack's warmth or a stretch felt through the body are none.
@pytest.mark.parametrize("text, locale", [
    ("like being stabbed right through me, out the back", "en-GB"), ("stabbed through the middle, out my back", "en-GB"),
    ("a knife through my middle, straight to my back", "en-US"), ("pain through my middle and into the back, like a stab", "en-IN"),
    ("sudden stabbing right through me, out through my back", "en-US"), ("felt a stab through the middle, right to the back", "en-AU"),
])
def test_s_a_pain_through_the_body_to_the_back(text, locale):
    _routes(text, locale, "emergency")


@pytest.mark.parametrize("text, locale", [
    ("i walked through the middle of the shop to the back", "en-US"),
    ("the heat pack warms right through my tummy to my back", "en-GB"),
    ("the stretch goes right through my middle into my back", "en-US"), ("a pain went right through me when i sneezed", "en-GB"),
    ("i went through the front and out the back door", "en-AU"), ("the warmth goes through my middle, to my back", "en-CA"),
])
def test_s_through_the_body_without_a_pain_is_calm(text, locale):
    _stays_calm(text, locale)


# Vague near misses that deserve a question (clinical.md: Red flags: a change said vaguely
# gets a clarifying question, never an alarm): unwell said of the whole body; weakness with a
# degree word and no place; something spreading with no place; pain said to feel different.
@pytest.mark.parametrize("text, locale", [
    ("poorly all round today", "en-GB"), ("i feel not well in whole body", "en-IN"),
    ("not well in my whole body today", "en-IN"), ("i feel ill from head to toe", "en-US"),
    ("my whole body feels unwell", "en-CA"), ("feeling little bit weak since morning", "en-IN"),
    ("feeling bit weak today", "en-IN"), ("feeling rather weak", "en-GB"), ("i feel slightly weak", "en-US"),
    ("feeling somewhat weak this morning", "en-AU"),
    ("its spreading and i dont know where", "en-US"), ("it spreads, hard to say where", "en-GB"),
    ("its been spreading since this morning", "en-GB"), ("it started spreading", "en-AU"), ("it keeps spreading", "en-US"),
    ("the pain feels different today", "en-US"), ("my back pain has changed, it is sharper", "en-GB"),
    ("the ache is weird now, not the same as before", "en-AU"), ("pain is feeling different from yesterday", "en-IN"),
    ("the pain feels strange this morning", "en-CA"), ("the pain has changed today", "en-US"),
])
def test_s_vague_changes_get_a_question(text, locale):
    assert assess(text, locale=locale).level == "clarify", (text, locale, assess(text, locale=locale))


@pytest.mark.parametrize("text, locale", [
    ("i was sick all over the floor", "en-US"), ("my son is poorly", "en-GB"), ("my coffee is a bit weak", "en-US"),
    ("the wifi signal is weak", "en-US"), ("the cream spreads nicely", "en-US"),
    ("the bug is spreading round the office", "en-GB"), ("my mum says it spreads", "en-US"),
    ("the pain is the same as always", "en-US"), ("the stretch felt different today", "en-GB"),
])
def test_s_ordinary_use_of_those_words_is_calm(text, locale):
    assert assess(text, locale=locale).level == "none", (text, locale, assess(text, locale=locale))


# --------------------------------------------------------------------------- set S: bladder, bowel, saddle, sexual

# A function said to have quit as a worker or a machine does: the waterworks "on strike",
# things down there "packed in" (clinical.md: emergency row, cannot pee; new sexual
# dysfunction). Bowels that packed up may be constipation, asked about (clinical.md: Near
# misses, "the codeine has made me constipated"); a machine or a habit that quit is calm.
@pytest.mark.parametrize("locale, text, flag", [
    ("en-GB", "the waterworks have gone on strike since yesterday", "bladder"),
    ("en-US", "my bladder has packed up on me", "bladder"),
    ("en-IN", "my bladder quit working from morning", "bladder"),
    ("en-GB", "my wees have packed in on me", "bladder"),
    ("en-AU", "me old fella has packed it in since i did me back", "sexual"),
    ("en-CA", "down there has shut down since my back went", "sexual"),
    ("en-US", "things in the bedroom quit on me after i hurt my back", "sexual"),
])
def test_a_function_that_quit_is_the_flag(locale, text, flag):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and flag in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i quit smoking since my back went"), ("en-GB", "the washing machine has packed up"),
    ("en-US", "my bladder hasnt quit on me"), ("en-GB", "my husbands bladder packed up last year"),
    ("en-AU", "if my bladder packed up what would i do"), ("en-GB", "my bowels have packed up"),
    ("en-US", "we gave up on sex because of the kids"), ("en-US", "the car conked out"),
])
def test_a_machine_a_habit_or_someone_elses_bladder_that_quit_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# The bottom or the stomach said to have let go (clinical.md: emergency row, new loss of
# bowel control). A grip, a tension, a spasm, a knot or a muscle let go of is the routine
# or the spasm easing; someone else's, or denied, is calm.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my backside just let go on the stairs"), ("en-US", "my bottom let go when i coughed"),
    ("en-CA", "my stomach let go and i didnt even feel it"), ("en-US", "my butt let go in bed last night"),
    ("en-GB", "my arse let go getting off the floor"), ("en-IN", "my bum has let go twice today"),
])
def test_a_bottom_or_stomach_that_let_go_is_bowel_control_lost(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bowel" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my bum let go of the chair"),  # raised before
    ("en-GB", "i let go of the tension in my bum"), ("en-US", "the spasm in my bum let go"),
    ("en-US", "my stomach muscles let go when i breathe out"), ("en-AU", "my sons tummy let go at school"),
    ("en-GB", "my bum didnt let go"), ("en-CA", "the knot in my backside let go"),
    ("en-GB", "lets go numb bum"),
])
def test_a_grip_a_muscle_or_someone_elses_tummy_letting_go_is_no_bowel_flag(locale, text):
    result = assess(text, locale=locale)
    assert "bowel" not in result.flags, (locale, text, result)
    if "numb" not in text:
        assert result.level in CALM, (locale, text, result)


# Nothing felt during sex, told in the past (clinical.md: emergency
# row, no feeling during sex). A pain not felt, a stretch not felt, or someone else's
# feeling is calm.
@pytest.mark.parametrize("locale, text", [
    ("en-US", "we made love last night and i didnt feel anything"),
    ("en-GB", "had sex with my wife and didnt feel much at all"),
    ("en-AU", "tried to pleasure myself but i did not feel anything"),
    ("en-CA", "when we were intimate i never felt anything, first time ever"),
    ("en-IN", "made love with my girlfriend last night and i didnt feel anything"),
    ("en-US", "when my partner touched me during sex i didnt feel anything"),
])
def test_nothing_felt_during_sex_told_in_the_past_is_the_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "had sex and didnt feel anything in my back, no pain"), ("en-GB", "we had sex and i didnt feel any pain"),
    ("en-US", "my wife said she didnt feel anything during sex"), ("en-AU", "i did the stretch and didnt feel anything"),
    ("en-GB", "i didnt feel anything during the pelvic tilt"),
    ("en-CA", "we had sex last night, didnt feel anything in my legs thankfully"),
])
def test_a_pain_or_a_stretch_not_felt_beside_sex_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# The feeling no longer tells whether a thing is so: whether one is touching oneself when
# cleaning up or wiping, whether one has finished going (clinical.md: emergency row, can't
# feel the toilet paper; not feeling the need to go). Someone else, the exercises, a room
# cleaned, or whether the ice helps, are calm.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "when i clean up i cant tell if im touching my bum"),
    ("en-US", "i cant tell if im done going anymore"),
    ("en-CA", "honestly i cant tell whether ive finished going since the back went"),
    ("en-AU", "i cant tell if ive finished going on the dunny"),
    ("en-IN", "i can hardly tell if ive finished going these days"),
    ("en-GB", "i cant tell anymore if ive finished going"),
])
def test_not_able_to_tell_a_touch_or_the_end_of_going_is_the_flag(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i cant tell if my son has finished going"),
    ("en-GB", "i cant tell if ive finished going through the exercises"),
    ("en-AU", "i cant tell if the ice on my bum is helping"),
    ("en-GB", "when i clean up after the dog i cant tell if i got it all"),
    ("en-US", "i cant tell if the stretch is in my bum"),
    ("en-CA", "i dont know if ive finished going to the physio"),
])
def test_not_able_to_tell_about_other_things_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# The back injury named as the cause or the time ("after back injury", "since hurting my
# back") is no place of its own: no feeling with a partner stays the sexual flag
# (clinical.md: emergency row, no feeling during sex). The back itself numb is not.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "since injuring my back i cant feel a thing with the missus"),
    ("en-GB", "after the back injury there is no feeling in married life"),
    ("en-US", "since back injury theres no sensation with my husband"),
    ("en-CA", "after a back injury i dont feel anything with my partner"),
    ("en-IN", "since hurting my back i feel nothing with the hubby"),
    ("en-US", "after injuring my back i dont feel anything with my wife"),
    ("en-GB", "since hurting my back i have no feeling with my husband"),
])
def test_no_feeling_with_a_partner_after_a_back_injury_is_the_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-AU", "after back injury my back is numb with my wife"), ("en-GB", "since my back went my back feels numb"),
    ("en-US", "i hurt my back last year and the wife said i was fine"),
    ("en-CA", "after hurting my back, no numbness with my wife"),
])
def test_the_back_itself_after_an_injury_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# A "now" after the runs puts them before: no warning before a poo now is a new loss of
# warning the runs do not explain (clinical.md: emergency row, not feeling the need to go;
# new loss of bowel control). The runs now, with no "now", still explain it.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i had the runs and now no warning before a poo it just comes"),
    ("en-GB", "had diarrhoea last week, now i get no warning before a number two"),
    ("en-AU", "i had a stomach bug but now theres no warning before a poo"),
    ("en-CA", "i had a tummy bug and now my poo comes without any warning"),
    ("en-GB", "had the squits at the weekend and now no warning before a number two"),
    ("en-IN", "i had loose motions last week, now motion is coming without warning"),
    ("en-US", "had a stomach bug on monday and now i dont get any warning before i poo"),
])
def test_no_warning_now_after_the_runs_is_the_bowel_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bowel" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i have the runs and it comes without warning"),
    ("en-US", "ive got diarrhoea and there is no warning before a poo"),
    ("en-AU", "i had the runs and now im fine"),
])
def test_the_runs_still_explain_no_warning_said_of_now(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Clothes wet from outside (rain, a puddle, the wash, a swim, a spilt drink) are no leak
# (clinical.md: emergency row, leaking: it went in my pants); wet clothes not felt are.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my jeans are wet from the rain"), ("en-US", "my joggers are wet from the puddle"),
    ("en-AU", "my shorts are wet from sitting on the wet grass"), ("en-CA", "my jeans got wet in the downpour"),
    ("en-GB", "my undies are damp after the swim"), ("en-US", "my pants are damp from the washing line"),
    ("en-IN", "i spilt my tea and my trousers are wet"),
])
def test_clothes_wet_from_outside_are_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my pants are wet and i didnt feel it"), ("en-US", "my trousers are wet and its not raining"),
    ("en-AU", "my knickers are wet again and i never felt it"),
])
def test_wet_clothes_with_no_outside_cause_still_alarm(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# A bottom sore from a wooden floor, bench or chair: the wood is the cause, not a likeness
# of numbness (clinical.md: Near misses, a position as the cause gets a question at most);
# a bottom that feels wooden is saddle numbness (emergency row).
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my bum is sore from the wooden floor"), ("en-AU", "my butt hurts from the wooden stool"),
    ("en-US", "my bottom hurts from the wooden chair"), ("en-AU", "me backside aches from the wooden pew"),
    ("en-IN", "my bum is sore from the wooden bench"), ("en-CA", "my bottom aches from the wooden seat"),
])
def test_a_bottom_sore_from_wood_is_no_saddle_numbness(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my bum feels wooden"), ("en-US", "my bottom feels like a layer of cardboard"),
    ("en-AU", "my bum feels wooden since the spasm"),
])
def test_a_bottom_likened_to_wood_stays_saddle_numbness(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# "I can't stay firm" with the back or the core giving way said after it is posture, not
# an erection (clinical.md: emergency row, new sexual dysfunction); alone it stays the flag.
@pytest.mark.parametrize("locale, text", [
    ("en-US", "i cant stay firm, my back gives way"), ("en-CA", "i cant stay firm, my back keeps buckling"),
    ("en-CA", "i cant stay firm, my core gives out"), ("en-US", "i cant stay firm, my back keeps giving way"),
    ("en-US", "i cant stay firm, my tummy muscles give out"), ("en-US", "i cant stay firm, my middle gives way"),
    ("en-US", "i cant stay firm, my back collapses"),
])
def test_not_staying_firm_as_the_back_gives_way_is_posture(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i cant stay firm"), ("en-GB", "i cant stay firm anymore since the spasm"),
    ("en-AU", "i cant stay firm, its been two days"),
])
def test_not_staying_firm_alone_stays_the_sexual_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


# "I went in my pyjamas" said with an errand is going out dressed so. Bare, it stays the
# bladder flag: clinical.md routes anyone who mentions incontinence, and "it went in my
# pants" is how people say it; nothing in the bare words tells of going anywhere.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i went in my pyjamas to get the post"), ("en-GB", "i went in my nightie to put the bins out"),
    ("en-US", "i went in my nightie to answer the door"), ("en-AU", "i went in my pyjama bottoms to the letterbox"),
    ("en-AU", "went in my pyjamas to the front door"),
])
def test_going_in_ones_pyjamas_on_an_errand_is_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i went in my pyjamas"), ("en-US", "i went in my pants"),
    ("en-GB", "i went in my pyjamas last night"), ("en-AU", "i went in my pyjamas and didnt feel it"),
    ("en-US", "i went in my pants on the way to the loo"),
])
def test_going_in_ones_clothes_with_no_errand_stays_the_bladder_flag(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# Woolly said of clothes, or of someone else's bottom, or from the ice pack and over, is calm
# ("numb and woolly" and "gone all woolly" are read through "numb" and "all woolly").
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my bum is cold, i need a woolly blanket"), ("en-US", "i put on warm and woolly socks"),
    ("en-GB", "my jumper is soft and woolly"), ("en-AU", "my husbands bum went cold and woolly"),
    ("en-GB", "my bum was cold and woolly from the ice pack, fine now"),
])
def test_woolly_clothes_or_someone_elses_woolly_bottom_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# The speaker not able to be or become hard is an erection lost (clinical.md: emergency
# row, new sexual dysfunction); being hard on oneself or on someone, or "it can't be hard
# to ...", is not.
@pytest.mark.parametrize("locale, text", [
    ("en-US", "since monday i cant be hard"), ("en-GB", "i cant be hard for my wife since the back went"),
    ("en-AU", "i cannot be hard anymore"), ("en-IN", "i am not able to be hard since my back went"),
    ("en-CA", "i cant become hard since the spasm"), ("en-US", "i can not be hard since friday"),
])
def test_not_able_to_be_hard_is_the_sexual_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i cant be hard on myself"), ("en-GB", "i cant be hard on the kids"),  # raised before
    ("en-AU", "it cant be hard to do a plank"), ("en-CA", "i can be hard on myself"),
    ("en-GB", "i try not to be too hard on myself about it"), ("en-US", "my husband cant be hard on the kids"),
    ("en-US", "he cant be hard"),
])
def test_being_hard_on_someone_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# --------------------------------------------------------------------------- development set S, by kind
# (legs, weakness, walking, trauma). Each kind: phrasings not from the set, in several locales and
# in the recogniser's style, and calm twins of the same words.

# A leg's strength or power said to be going down, declining or going away is strength lessening
# (clinical.md: Red flags, urgent row, weakness in one leg; emergency row, sudden or worsening leg
# weakness, both legs). "Going down" said of a pain is where the pain goes, and stays that.
@pytest.mark.parametrize("locale, text, level", [
    ("en-IN", "my right leg power is going down since last week", "urgent"),
    ("en-IN", "leg strength going down day by day", "urgent"),
    ("en-CA", "my left leg strength is declining", "urgent"),
    ("en-GB", "leg power has gone down since lunch", "emergency"),
    ("en-US", "my left leg muscle power is going down by the hour", "emergency"),
    ("en-AU", "me leg strength keeps going down", "urgent"),
])
def test_s_leg_strength_going_down_is_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text, level", [
    ("en-US", "my strength is going down with age", "none"),
    ("en-GB", "the strength in my leg is not going down", "none"),
    ("en-US", "its going down both my legs now", "emergency"),
    ("en-GB", "the pain is going down my left leg", "doctor"),
])
def test_s_going_down_said_of_no_strength_keeps_its_reading(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


# Legs said not to walk, as a learner of English says it ("my legs is not walking"), cannot walk
# (clinical.md: Red flags, emergency row, cannot walk). The speaker not walking is no such thing.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "legs not walking properly"), ("en-IN", "my leg is not walking"),
    ("en-GB", "both legs are not walking"), ("en-US", "my legs are not walking at all"),
    ("en-CA", "feet not walking"), ("en-AU", "my legs arent walking"),
])
def test_s_legs_said_not_to_walk_cannot_walk(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "emergency" and "cannot_walk" in found.flags, (locale, text, found)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "i am not walking much to rest my legs"),
    ("en-GB", "my legs are fine i am just not walking far today"),
    ("en-IN", "my legs were not walking for a minute years ago"),
    ("en-US", "his legs are not walking"),
])
def test_s_not_walking_said_of_the_speaker_or_the_past_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Pain, burning or numbness "to knee", "till knee", "upto knee", with no article, is a leg
# symptom going past the knee (clinical.md: Red flags, doctor row, pain going down one leg).
@pytest.mark.parametrize("locale, text", [
    ("en-IN", "pain from hip till knee on left side"), ("en-GB", "burning from my bum to knee on the right"),
    ("en-AU", "it shoots from the buttock until the knee"), ("en-IN", "ache upto knee on one side"),
    ("en-CA", "there is tingling from the hip until knee only on left"),
    ("en-US", "burning down till knee on the right side"),
])
def test_s_pain_to_knee_without_an_article_is_a_leg_symptom(locale, text):
    assert level_rank(_level(locale, text)) >= level_rank("doctor"), (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "the pain brought me to my knees"), ("en-US", "the water came up to my knee"),
    ("en-GB", "no pain from buttock to knee"),
])
def test_s_to_the_knee_twins_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Another player running into the speaker, or the speaker boarded, body checked, cross checked
# or clotheslined, in a contact sport, are the speaker's accident (clinical.md: Red flags,
# emergency row, the pain started after a serious accident or fall).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "some bloke clattered into me at footy"), ("en-CA", "got body checked into the glass last night"),
    ("en-AU", "he slammed into me at netball"), ("en-CA", "got cross checked in hockey"),
    ("en-US", "got clotheslined playing football"),
])
def test_s_hit_in_a_contact_sport_is_trauma(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "emergency" and "trauma" in found.flags, (locale, text, found)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "the spasm slammed into me"), ("en-GB", "the pain hit me during football"),
    ("en-CA", "i nearly got boarded"), ("en-AU", "it hit me at the footy"),
    ("en-US", "i checked my back"), ("en-GB", "i went down on one knee to tie my shoes"),
])
def test_s_sport_and_impact_words_without_a_hit_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# Falling, tumbling, crashing or collapsing into bed, onto the sofa or (collapsing) into a chair
# is going to rest, not a fall (clinical.md: Red flags, emergency row, a fall; benign phrases must
# not be flagged). A fall out of bed or off the sofa is still one.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "i tumbled into bed"), ("en-GB", "i fell into bed exhausted"),
    ("en-GB", "crashed on the sofa after work"), ("en-US", "i collapsed into bed last night"),
    ("en-CA", "i collapsed on the couch"), ("en-AU", "crashed out on the couch"),
    ("en-IN", "i collapsed into a chair"), ("en-US", "tumbled onto the settee after the gym"),
])
def test_s_falling_into_bed_or_onto_the_sofa_is_no_fall(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i fell out of bed"), ("en-GB", "i fell off the sofa"), ("en-US", "i collapsed in the kitchen"),
    ("en-GB", "i tripped and fell into the chair"), ("en-US", "tumbling down the stairs"),
])
def test_s_a_fall_out_of_bed_is_still_a_fall(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# Tired or heavy legs from or after a run, a race, a match or a hike: exertion said as the cause
# (clinical.md: Self-care, stay active; Near misses, a cause said with it). The skill asks the
# legs question rather than stay silent or alarm: a "yes" to it routes. Pain, numbness, tingling
# or weakness named in both legs is no tiredness, and stays the emergency whatever the exercise.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "my legs are heavy from the race"), ("en-GB", "both my legs are heavy from the run"),
    ("en-US", "both legs are tired and heavy after the game"), ("en-CA", "my legs feel heavy from the hike"),
    ("en-IN", "my legs are heavy from my run"),
])
def test_s_both_legs_tired_from_exertion_get_the_legs_question(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "clarify" and found.clarify == "legs" and "both_legs" in found.near_misses, (locale, text, found)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "both legs tingle after my run"), ("en-GB", "both legs went numb during the game"),
    ("en-GB", "both my legs are sore"), ("en-US", "both legs lost power this morning"),
])
def test_s_numb_legs_after_exercise_and_legs_with_no_cause_stay_the_emergency(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# A clause that says "too" itself places the finding beside it on that side too: "my sciatica
# has jumped across, it's in the other leg as well now" is both legs (clinical.md: Red flags,
# emergency row, sciatica on both sides); the other leg said to be well, or so long ago, is not.
@pytest.mark.parametrize("locale, text", [
    ("en-IN", "sciatica in my left leg and its in the other leg aswell"),
    ("en-US", "my leg has been burning, now its in the other leg as well"),
    ("en-GB", "me sciatica has crossed over and its in the other leg as well now"),
    ("en-AU", "pain down me right leg, and its in the other leg as well now"),
    ("en-CA", "my left leg is tingling, it is in the other leg as well now"),
    ("en-US", "the burning in my leg, its in the other leg as well"),
    ("en-CA", "my right leg aches, its in the other leg aswell now"),
])
def test_s_the_other_leg_said_too_in_its_own_clause_is_both_legs(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "emergency" and "both_legs" in found.flags, (locale, text, found)


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my left leg is numb, the right one has been fine too"),
    ("en-US", "my left leg hurts, the other leg was like that too years ago"),
])
def test_s_the_other_leg_well_or_long_ago_stays_one_leg(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "doctor" and found.flags == ("one_leg",), (locale, text, found)


# A fall or crash of a thing the speaker only owns ("my laptop crashed"), or one after which the
# speaker only tells what they did about it ("and i bent to pick it up"), is the thing's
# (clinical.md: Red flags, emergency row, the speaker's own accident or fall): a question at most.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my laptop crashed"), ("en-US", "my computer crashed again"),
    ("en-GB", "my mug fell and i bent down to get it"), ("en-AU", "the washing basket fell and i bent to pick it up"),
    ("en-US", "the box fell and i picked it up"), ("en-CA", "our laptop crashed and i picked up the pieces"),
    ("en-IN", "my printer fell off the desk"),
])
def test_s_a_things_fall_is_not_the_speakers(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "my laptop crashed and i fell"), ("en-GB", "the ladder fell and i hurt my back"),
    ("en-US", "my car crashed"), ("en-GB", "my bike crashed"), ("en-US", "my laptop fell on me"),
    ("en-AU", "the shelf fell on me"),
])
def test_s_the_speakers_own_fall_or_crash_stays_trauma(locale, text):
    assert _level(locale, text) == "emergency", (locale, text, assess(text, locale=locale))


# Struggling, trouble or difficulty on the stairs or walking, said of a leg, is that leg's weakness
# (clinical.md: Red flags, urgent row, weakness in one leg that is not sudden; both legs emergency).
@pytest.mark.parametrize("locale, text, level", [
    ("en-US", "having trouble walking on my right leg", "urgent"),
    ("en-GB", "struggling up the stairs with my left leg", "urgent"),
    ("en-IN", "i have difficulty climbing stairs on my right leg", "urgent"),
    ("en-AU", "my left leg struggles on the stairs", "urgent"),
    ("en-CA", "i struggle to walk on my left leg since monday", "urgent"),
    ("en-US", "i have difficulty climbing stairs with both legs", "emergency"),
    ("en-GB", "i cant get up the stairs on my left leg since the weekend", "urgent"),
    ("en-AU", "cant climb the stairs with me right leg", "urgent"),
])
def test_s_struggling_on_the_stairs_with_a_leg_is_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "struggling up the stairs with the shopping"), ("en-US", "i struggle to walk because of my back"),
    ("en-GB", "my husband struggles on the stairs with his bad leg"),
    ("en-AU", "i used to struggle on the stairs with my left leg years ago"),
    ("en-US", "trouble with the stairs because my knee hurts"),
    ("en-GB", "it is a bit of a struggle on the stairs these days"),
    ("en-US", "i cant get up the stairs because of my back"),
])
def test_s_struggling_without_a_leg_or_of_someone_else_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# A leg without the strength it used to have is weaker than before: "used to" there compares, it
# does not date (clinical.md: Red flags, urgent row, weakness in one leg; both legs emergency).
@pytest.mark.parametrize("locale, text, level", [
    ("en-GB", "my left leg doesnt have the power it used to", "urgent"),
    ("en-AU", "my calf hasnt got the strength it used to", "urgent"),
    ("en-IN", "my leg lost the strength it used to have", "urgent"),
    ("en-US", "my right foot doesnt have the strength it used to this week", "urgent"),
    ("en-CA", "the one leg just doesnt have the power it used to", "urgent"),
    ("en-GB", "my left leg has not the strength it used to", "urgent"),
])
def test_s_not_the_strength_it_used_to_is_weakness(locale, text, level):
    assert _level(locale, text) == level, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my arms dont have the strength they used to"),
    ("en-US", "my husbands leg doesnt have the strength it used to"),
    ("en-US", "my leg used to be weak years ago"),
])
def test_s_strength_it_used_to_twins_stay_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# "At what point should ...", "how bad does ...": asked with a red flag named, it is routed as
# the red flag, whoever it seems to be asked of (a review of the merged round found chest pain
# "going into the jaw, it started twenty minutes ago" set aside by reading these as general):
# over-routing a question is the safe side (clinical.md: Red flags, anyone who mentions one).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "at what point should numb legs worry me"),
    ("en-US", "how bad does leg weakness have to get before i call someone"),
    ("en-GB", "at what point does tingling in the legs become serious"),
    ("en-CA", "how bad should the numbness in the legs get before i go in"),
    ("en-IN", "at what point is weakness in both legs an emergency"),
    ("en-US", "how bad do numb legs have to be to go to the er"),
])
def test_s_a_how_bad_question_with_a_leg_red_flag_is_routed(locale, text):
    assert _level(locale, text) in ("urgent", "emergency"), (locale, text, assess(text, locale=locale))


def test_s_the_speakers_own_legs_beside_the_question_stay_the_emergency():
    text = "both my legs are tingly, at what point should i worry"
    assert _level("en-US", text) == "emergency", assess(text, locale="en-US")


# The other leg said to be going now too, with nothing said of either leg ("it used to be just
# my left leg, but now the right is going too"): the legs question (clinical.md: Red flags, one
# leg doctor, both legs emergency; plain-language questions). Said of the routine, nothing.
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "it was only my right leg, now the left one too"),
    ("en-GB", "first my left leg and now the right one as well"),
    ("en-US", "it was just the left leg, but now the right leg is going too"),
    ("en-CA", "used to be only my right leg now the left is going as well"),
    ("en-AU", "it was me left leg but now the right ones going too"),
    ("en-IN", "earlier it was my left leg, now the right leg also too"),
])
def test_s_the_other_leg_going_now_too_gets_the_legs_question(locale, text):
    found = assess(text, locale=locale)
    assert found.level == "clarify" and found.clarify == "legs", (locale, text, found)


@pytest.mark.parametrize("locale, text", [
    ("en-US", "do the right leg and then the left one too"), ("en-GB", "i stretched my left leg and the right leg too"),
])
def test_s_both_legs_named_in_the_routine_stay_calm(locale, text):
    assert _level(locale, text) == "none", (locale, text, assess(text, locale=locale))


# A casual all-clear said to the leg question ("is there pain down either leg?"): "nah mate, it's
# fine", "nah all good", "I'm fine" answer no in every locale, as "no" does (clinical.md: ask
# plain-language questions; the answer is the person's). Said after a yes ("yeah mate, it's fine")
# it is heard as such, and asked again (tests/test_safety_dialogue.py). A bare "fine" is still a
# yes to an offer, and an answer that names the legs is still that answer.
CASUAL_ALL_CLEAR = ("nah mate its fine", "nah all good", "all good", "its fine",
                    "im fine", "all good mate", "yeah nah all good", "nope its fine")


@pytest.mark.parametrize("answer", CASUAL_ALL_CLEAR)
def test_s_a_casual_all_clear_is_heard_as_no_in_every_locale(answer):
    from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(answer)
        ids = {name: [r.id for r in slot.resolutions] for name, slot in heard.slots.items()}
        assert heard.intent == "SafetyAnswerIntent" and ids == {"Clear": ["all_clear"]}, (locale, answer, heard)


@pytest.mark.parametrize("answer", ["yeah mate its fine", "yeah its fine", "yes all good", "yep im fine"])
def test_s_an_all_clear_after_a_yes_is_heard_as_such_in_every_locale(answer):
    from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(answer)
        ids = {name: [r.id for r in slot.resolutions] for name, slot in heard.slots.items()}
        assert heard.intent == "SafetyAnswerIntent" and ids == {"YesClear": ["all_clear"]}, (locale, answer, heard)


@pytest.mark.parametrize("locale", ["en-AU", "en-GB", "en-US", "en-CA", "en-IN"])
@pytest.mark.parametrize("answer", ["nah mate its fine", "nah all good", "im fine"])
def test_s_a_casual_all_clear_answers_the_leg_question(locale, answer):
    from spasm_coach_tools.simulator.conversation import Conversation, default_handler
    from spasm_coach_tools.simulator.nlu import load_nlu, model_path
    talk = Conversation(default_handler(), locale=locale, nlu=load_nlu(model_path(locale)), user_id="casual-answer")
    talk.line("open back spasm coach")
    talk.line("start stretches")
    assert talk.session.info.attributes.get("pending") == "screening_legs"
    talk.line(answer)
    attributes = talk.session.info.attributes
    assert attributes.get("pending") == "screening_saddle" and attributes.get("safety") in (None, "none"), \
        (locale, answer, attributes)


@pytest.mark.parametrize("answer, intent, ids", [
    # "fine" agrees to an offer, and is an all-clear at a safety question: never AMAZON.YesIntent
    ("fine", "SafetyAnswerIntent", ["agreeable"]), ("yeah", "AMAZON.YesIntent", []),
    ("yeah mate both legs", "SafetyAnswerIntent", ["both_legs"]), ("yeah mate one leg", "SafetyAnswerIntent", ["one_leg"]),
])
def test_s_a_yes_or_a_leg_named_casually_keeps_its_meaning(answer, intent, ids):
    from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(answer)
        found = [r.id for slot in heard.slots.values() for r in slot.resolutions]
        assert heard.intent == intent and found == ids, (locale, answer, heard)


# review of the merged round, A3: a fever, a temperature, a reading or shivering named is never
# explained away by a hot room, the bedding or hot weather (clinical.md: Red flags, urgent row,
# fever or feeling shivery); sweating or feeling hot said alone there is still asked about.
@pytest.mark.parametrize("text, locale", [
    ("I've got a temperature of 39 and I'm sweating, the bedroom is so hot", "en-CA"),
    ("I have a fever and night sweats even in this hot weather", "en-CA"),
    ("im sweating and shivery with a high fever, its humid here", "en-CA"),
    ("drenched in sweat at night with a fever, the room is too hot", "en-GB"),
    ("ive got a temperature of thirty nine and im sweating the bedroom is so hot", "en-GB"),
    ("i have a fever and feel hot its the heatwave", "en-AU"),
    ("i have a fever and feel hot its the heatwave", "en-US"),
])
def test_review_a_fever_named_is_not_explained_by_a_hot_room(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("night sweats every night under a thick duvet", "en-GB"), ("im sweating a lot under the duvet", "en-AU"),
    ("i feel so hot in this heatwave", "en-US"),
])
def test_review_sweating_in_a_hot_room_alone_stays_a_question(text, locale):
    _stays_calm(text, locale)


# review of the merged round, A4: a benign finding (a cyst, a wart) sets aside only a growth or
# a tumour, never a cancer named by type or treated (clinical.md: Red flags, urgent row, history
# of cancer); the word "growth" alone (the garden) is no tumour.
@pytest.mark.parametrize("text, locale", [
    ("I had breast cancer five years ago, the latest scan showed a benign cyst", "en-CA"),
    ("I've had bowel cancer before and now they found a cyst, it's benign", "en-CA"),
    ("I've had melanoma, they removed a wart as well", "en-CA"),
    ("i had lymphoma and they found a benign cyst", "en-US"),
    ("i had prostate cancer, now they found a cyst on my kidney", "en-IN"),
    ("had radiotherapy years ago and now a skin tag", "en-AU"),
])
def test_review_a_benign_finding_does_not_cancel_a_named_cancer(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("i had a tumour removed last year, it was benign", "en-GB"),
    ("there's so much growth in the garden, I was weeding and my back went", "en-CA"),
    ("the hedge has had a lot of growth this year", "en-GB"),
])
def test_review_a_benign_tumour_or_garden_growth_is_calm(text, locale):
    _stays_calm(text, locale)


# review of the merged round, A5: laughing or singing sets breathlessness aside only as its
# stated cause ('from laughing'), never when the laugh only shows it ('I can't sing anymore',
# 'even laughing makes me gasp') (clinical.md: Red flags, urgent row, new breathlessness).
@pytest.mark.parametrize("text, locale", [
    ("I'm so out of breath I can't sing in the choir anymore", "en-GB"),
    ("i am breathless since yesterday and laughing hurts my back", "en-GB"),
    ("short of breath all day, even talking and laughing", "en-GB"),
    ("im so out of breath even laughing makes me gasp", "en-AU"),
    ("im so out of breath even laughing makes me gasp", "en-US"),
    ("im so out of breath i cant sing in the choir anymore", "en-US"),
])
def test_review_a_laugh_that_shows_breathlessness_does_not_excuse_it(text, locale):
    _routes(text, locale, "urgent")


@pytest.mark.parametrize("text, locale", [
    ("im out of breath from laughing at the telly", "en-GB"), ("short of breath after singing at church", "en-IN"),
])
def test_review_out_of_breath_from_a_laugh_stays_calm(text, locale):
    _stays_calm(text, locale)


# review of the merged round, C1: a pain rated on a scale is no weighing (clinical.md: Red flags,
# doctor row, weight loss without trying); the scales or weighing oneself still are.
@pytest.mark.parametrize("text, locale", [
    ("on a scale of one to ten its dropped to a four", "en-CA"),
    ("on a scale of 1 to 10 the pain is coming down, maybe a 5", "en-CA"),
    ("the pain on a scale of ten is going down since yesterday", "en-CA"),
    ("the pain scale is going down", "en-AU"), ("the pain scale is going down", "en-US"),
    ("out of ten its down to a three on the scale now", "en-GB"),
])
def test_review_a_pain_scale_going_down_is_no_weight_loss(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale", [
    ("the scales say ive dropped a stone without trying", "en-GB"),
    ("my scale says im down ten pounds and im eating normally", "en-US"),
])
def test_review_the_scales_showing_less_stay_weight_loss(text, locale):
    _routes(text, locale, "doctor")


# review of the merged round, C3: a span of weeks or months said of a baby's age, of a move long
# ago or of a routine going well is no pain that is not improving (clinical.md: Red flags, doctor
# row, not improving after a few weeks).
@pytest.mark.parametrize("text, locale", [
    ("my baby is already 3 months old and I carry her all day", "en-IN"),
    ("we moved house one month and a half ago and I lifted boxes", "en-IN"),
    ("already 2 weeks into the routine and feeling great", "en-IN"),
    ("my son is already two months old and i lift him a lot", "en-GB"),
])
def test_review_a_span_of_something_else_is_not_not_improving(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale", [
    ("it has been a month and a half and the pain is still there", "en-IN"),
    ("already 2 weeks into the routine and its not getting better", "en-GB"),
])
def test_review_a_span_of_the_pain_stays_not_improving(text, locale):
    _routes(text, locale, "doctor")


# review of the merged round, C4: a bare "since" tells an exercise's pain lasting only where it
# ends its clause, its time said before (clinical.md: Red flags, doctor row, pain during the
# exercises that does not settle); "since I woke up" dates the pain.
@pytest.mark.parametrize("text, locale", [
    ("since I woke up it hurts, is the childs pose okay", "en-CA"),
    ("since this morning it aches, can i do the knee hugs", "en-GB"),
])
def test_review_since_opening_a_clause_is_no_exercise_pain(text, locale):
    assert "exercise_pain" not in assess(text, locale=locale).flags


def test_review_since_ending_a_clause_keeps_exercise_pain():
    _routes("i did the pelvic tilts yesterday and ive been in agony since", "en-GB", "doctor")


# --------------------------------------------------------------------------- review of the merged round, A1
# "It went in my pants" said with a place is still the accident (clinical.md: emergency row,
# loss of bladder control): only nightwear worn to the door or the bins is an errand, and
# "on the way to ..." is the journey, not an errand.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "I went in my pants on the way to work"), ("en-GB", "i went in my pants on the way to the hospital"),
    ("en-GB", "i went in my trousers next door at the neighbours"),
    ("en-AU", "i went in my knickers on the way to the school gate"),
    ("en-US", "i went in my knickers on the way to the school gate"),
    ("en-CA", "i went in my underwear to the chemist"), ("en-IN", "i went in my pants on my way to the pharmacy"),
    ("en-GB", "i went in my pyjamas on the way to the school gate"),
])
def test_review_soiled_pants_with_a_place_stay_the_bladder_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bladder" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i went in my pyjamas to get the post"), ("en-US", "i went in my pajamas to get the mail"),
    ("en-AU", "i went in my nightie to the front door"),
])
def test_review_nightwear_on_an_errand_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# --------------------------------------------------------------------------- review of the merged round, A2
# "Can't stay firm" said with sex or the genitals is the erection lost (clinical.md: emergency
# row, new sexual dysfunction), whatever gives way after it; so is one beside a thing that gives
# way, or a body that goes down under the speaker. Only the back or the core is posture.
@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i cant stay firm during sex, my back gives way"),
    ("en-GB", "down there i cant stay firm, my back keeps giving way"),
    ("en-GB", "i cant stay firm, my back collapses under me"), ("en-GB", "i cant stay firm, the sofa gives way"),
    ("en-US", "i cant stay firm with my wife, my back gives out"), ("en-AU", "i cant stay firm in the bedroom, my back buckles"),
])
def test_review_not_staying_firm_with_sex_named_stays_the_sexual_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "i cant stay firm, my back gives way"), ("en-US", "i cant stay firm, my core gives way"),
    ("en-CA", "i cant stay firm, my tummy muscles give out"),
])
def test_review_not_staying_firm_as_the_back_or_core_gives_way_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


# --------------------------------------------------------------------------- review of the merged round, B1
# Nothing felt is the sexual flag only with sex itself named (clinical.md: emergency row, no
# feeling during sex); a walk or a heat pack "with my husband", or "didn't feel much like
# talking", is ordinary talk (Near misses: ordinary use of the same words).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "I didn't feel much like talking with my wife today"),
    ("en-AU", "I didn't feel much like going out with my girlfriend last night"),
    ("en-AU", "I put the heat pack on with my husband's help and I didn't feel anything"),
    ("en-AU", "we went for a walk with my husband and I didnt feel anything unusual"),
    ("en-US", "i did the stretches with my wife and didnt feel anything"),
    ("en-GB", "i didnt feel much like sex last night"),
])
def test_review_nothing_felt_with_a_partner_but_no_sex_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "we made love and i didnt feel anything"), ("en-US", "we had sex last night and i didnt feel anything"),
    ("en-IN", "when i touched myself i didnt feel anything"),
])
def test_review_nothing_felt_during_sex_stays_the_sexual_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


# --------------------------------------------------------------------------- review of the merged round, B2
# A function that quit is the bladder itself or sex (clinical.md: emergency row, cannot pee; new
# sexual dysfunction); a toilet, a loo or a bathroom is a place, and a bare "quit" or "shut
# down" is a habit or a place stopped (Near misses: ordinary use of the same words).
@pytest.mark.parametrize("locale, text", [
    ("en-US", "the toilet shut down, the plumber is coming"),
    ("en-US", "I quit my job because I had to keep going to the toilet"),
    ("en-AU", "i need the loo but the lift is shut down"),
    ("en-AU", "the bathroom is closed for business, the kids are in there"),
    ("en-AU", "i quit going to the toilet at work because the stairs hurt"),
    ("en-US", "I quit smoking last month and our sex life is fine"),
    ("en-IN", "i quit the gym since the sex is hard on my back"),
    ("en-IN", "the toilet shut down the plumber is coming"),
    ("en-GB", "the bathroom fan packed in"), ("en-GB", "the bathroom light conked out"),
])
def test_review_a_place_or_a_habit_that_quit_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text, flag", [
    ("en-GB", "my bladder has quit on me", "bladder"), ("en-GB", "the waterworks have quit on me", "bladder"),
    ("en-GB", "things in the bedroom have packed up since my back went", "sexual"),
    ("en-US", "my bladder has shut down", "bladder"),
])
def test_review_the_bladder_or_sex_that_quit_stays_the_flag(locale, text, flag):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and flag in result.flags, (locale, text, result)


# --------------------------------------------------------------------------- review of the merged round, B3
# Being hard with the children is strictness, not an erection (clinical.md: Near misses).
@pytest.mark.parametrize("locale, text", [
    ("en-US", "I can't be hard with the kids at the moment"),
    ("en-US", "i cant be hard and strict with the children right now"),
    ("en-GB", "i cant be hard with my students anymore"), ("en-AU", "i cant be too hard with the grandkids"),
])
def test_review_hard_with_the_children_stays_calm(locale, text):
    assert _level(locale, text) in CALM, (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-US", "since two days i cannot be hard"), ("en-US", "i cant be hard anymore since the spasm"),
    ("en-GB", "i cant be hard with my wife since my back went"),
])
def test_review_not_able_to_be_hard_stays_the_sexual_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "sexual" in result.flags, (locale, text, result)


# --------------------------------------------------------------------------- review of the merged round, B4
# A tummy that lets go as one breathes out is the routine's relaxing (clinical.md: Self-care);
# the stomach let go with soiling, the pants, the toilet or the shower is bowel control lost
# (emergency row), and bare it is asked about; the bottom that let go stays the flag.
@pytest.mark.parametrize("locale, text", [
    ("en-US", "as I breathed out my tummy let go"), ("en-AU", "as i breathed out my tummy let go"),
    ("en-GB", "my tummy let go when i relaxed into the stretch"), ("en-CA", "my belly let go as i exhaled"),
])
def test_review_a_tummy_let_go_on_the_breath_stays_calm(locale, text):
    assert _level(locale, text) == "none", (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my stomach let go in the shower"), ("en-GB", "my tummy let go and i messed my pants"),
    ("en-US", "my belly let go on the toilet before i could sit"),
    ("en-GB", "my bum let go when the spasm hit and the pain was awful"),
])
def test_review_a_stomach_let_go_with_soiling_stays_the_bowel_flag(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "bowel" in result.flags, (locale, text, result)


def test_review_a_bare_stomach_let_go_is_asked_about():
    result = assess("my stomach let go", locale="en-GB")
    assert result.level == "clarify" and result.clarify == "bowel", result


# --------------------------------------------------------------------------- review of the merged round, B5
# Woolly said of fabric is no numbness (withdrawn: "and woolly").
@pytest.mark.parametrize("locale, text", [
    ("en-IN", "I'm sitting on a warm and woolly blanket"),
    ("en-IN", "my bum is on a soft and woolly cushion on the floor"),
    ("en-IN", "I've put on thick and woolly socks, my feet are cold"),
    ("en-CA", "im sitting on a warm and woolly blanket"),
])
def test_review_woolly_fabric_stays_calm(locale, text):
    assert _level(locale, text) == "none", (locale, text, assess(text, locale=locale))


@pytest.mark.parametrize("locale, text", [
    ("en-GB", "my bum feels numb and woolly"), ("en-GB", "down there feels all woolly"),
])
def test_review_numb_and_woolly_stays_saddle_numbness(locale, text):
    result = assess(text, locale=locale)
    assert result.level == "emergency" and "saddle_numbness" in result.flags, (locale, text, result)


# --------------------------------------------------------------------------- review of the merged round, B6
# "Finished my business" is work as often as the toilet (Near misses: ordinary use of words).
@pytest.mark.parametrize("locale, text", [
    ("en-AU", "I can't tell when I've finished my business emails with this pain"),
    ("en-GB", "i cant tell if ive finished my business calls for today"),
])
def test_review_finished_business_is_no_bladder(locale, text):
    result = assess(text, locale=locale)
    assert "bladder" not in result.flags and result.level != "emergency", (locale, text, result)


def test_review_not_telling_one_has_finished_going_stays_the_bladder_flag():
    result = assess("i cant tell if ive finished going", locale="en-GB")
    assert result.level == "emergency" and "bladder" in result.flags, result


# review of the merged round (legs and falls), 1: a vehicle, a person or an animal that smashed,
# barrelled or careered into the speaker is the speaker's accident (clinical.md: Red flags,
# emergency row, the pain started after a serious accident); a child who ran into a parent is
# asked about, as before.
@pytest.mark.parametrize("text, locale", [
    ("a car smashed into me at the lights", "en-GB"), ("a ute smashed into me when i was crossing the road", "en-AU"),
    ("a drunk driver smashed into me", "en-US"), ("a van careered into me on my bike", "en-GB"),
    ("the truck careened into me", "en-US"), ("a car barreled into me in the parking lot", "en-US"),
    ("a cyclist smashed into me on the pavement", "en-IN"), ("a guy smashed into me on the ice", "en-CA"),
    ("a lorry clattered into me", "en-GB"),
])
def test_review_legs_falls_struck_by_a_vehicle_or_someone_is_trauma(text, locale):
    _routes(text, locale, "emergency")


def test_review_legs_falls_a_child_who_ran_into_a_parent_is_asked_about():
    assert _level("en-GB", "my kid smashed into me on the trampoline") == "clarify"


# review of the merged round (legs and falls), 2: "nearly got to the top and fell" is a fall; only
# a collision nearly had is none (clinical.md: Red flags, emergency row, a serious accident or fall).
@pytest.mark.parametrize("text, locale", [
    ("i almost got to the top of the ladder and fell off", "en-GB"),
    ("i nearly got to the top of the stairs and fell", "en-AU"), ("i nearly got out of the bath and fell over", "en-US"),
    ("i almost got over the fence and fell off", "en-CA"), ("i nearly got to the top and fell down from the ladder", "en-IN"),
    ("nearly got to work then got hit by a car", "en-GB"), ("i almost was home and crashed the car", "en-US"),
])
def test_review_legs_falls_nearly_got_somewhere_then_fell_is_a_fall(text, locale):
    _routes(text, locale, "emergency")


@pytest.mark.parametrize("text, locale", [
    ("i nearly got knocked down by a bus", "en-GB"), ("i almost got run down by a car", "en-US"),
])
def test_review_legs_falls_nearly_knocked_down_stays_calm(text, locale):
    _stays_calm(text, locale)


# review of the merged round (legs and falls), 4: "during the walk", "halfway through" and "by the
# end of" tell when, not why: pain or weakness in both legs, a fever or breathlessness said with
# them keeps its flag (clinical.md: Red flags, emergency row, pain or weakness in both legs; urgent
# row, fever, new breathlessness). Legs tired or heavy from a run or a game are still asked about.
@pytest.mark.parametrize("text, locale, level", [
    ("pain in both legs during the walk", "en-GB", "emergency"),
    ("shooting pain down both legs during my walk", "en-GB", "emergency"),
    ("both legs went weak halfway through my walk", "en-CA", "emergency"),
    ("both legs pain during the morning walk", "en-IN", "emergency"),
    ("towards the end of my walk both legs went weak and heavy", "en-US", "emergency"),
    ("both legs are weak from the game yesterday", "en-US", "emergency"),
    ("both legs are heavy and weak from the footy", "en-AU", "emergency"),
    ("my legs feel like jelly from the hike", "en-GB", "emergency"),
    ("my left leg went weak during the walk", "en-GB", "urgent"),
    ("i had a fever during the run", "en-GB", "urgent"),
    ("i got a temperature during the hike", "en-US", "urgent"),
    ("i got breathless during the walk", "en-AU", "urgent"),
])
def test_review_legs_falls_a_time_said_is_no_cause(text, locale, level):
    _routes(text, locale, level)


# review of the merged round (legs and falls), 5: falling onto a part of the bed or the sofa, or
# tripping, slipping, knocking oneself or not getting up again, is a fall or a collapse
# (clinical.md: Red flags, emergency row, a fall; sudden leg weakness, cannot walk); going to rest
# on them stays calm.
@pytest.mark.parametrize("text, locale", [
    ("i tripped and fell onto the bed frame", "en-GB"), ("i fell on the couch and hit my back on the coffee table", "en-US"),
    ("i collapsed on the couch and couldnt get up", "en-CA"), ("i slipped and fell onto the bed", "en-AU"),
    ("i fell onto the edge of the bed", "en-IN"),
])
def test_review_legs_falls_a_fall_onto_furniture_is_still_one(text, locale):
    _routes(text, locale, "emergency")


def test_review_legs_falls_a_collapse_onto_the_bed_keeps_its_flags():
    assert "cannot_walk" in assess("i collapsed onto the bed when my legs gave way", locale="en-GB").flags
    assert "sudden_weakness" in assess("i collapsed on the couch with chest pain", locale="en-GB").flags


@pytest.mark.parametrize("text, locale", [
    ("i fell into bed exhausted", "en-GB"), ("i crashed out on the sofa", "en-AU"),
    ("we collapsed on the sofa and watched tv", "en-US"), ("i collapsed on the sofa after a long day", "en-CA"),
])
def test_review_legs_falls_going_to_rest_stays_calm(text, locale):
    _stays_calm(text, locale)


# review of the merged round (legs and falls), 6: a mobility aid, a seat or a deck that fell or
# collapsed fell with the person on it, and a falling thing caught or got on the back hit the
# speaker (clinical.md: Red flags, emergency row, a serious accident or fall); a device the speaker
# owns, or a thing picked up after it fell, is asked about at most.
@pytest.mark.parametrize("text, locale", [
    ("my wheelchair fell over", "en-GB"), ("my zimmer frame fell over", "en-AU"), ("my walker collapsed", "en-US"),
    ("my recliner collapsed", "en-CA"), ("my deck collapsed", "en-IN"), ("my hang glider crashed", "en-GB"),
    ("the wardrobe fell and i got it on my back", "en-GB"), ("the bookcase fell and i caught it with my back", "en-US"),
])
def test_review_legs_falls_a_seat_or_aid_that_fell_is_the_speakers_fall(text, locale):
    _routes(text, locale, "emergency")


@pytest.mark.parametrize("text, locale", [
    ("my laptop crashed", "en-GB"), ("my phone fell off the table", "en-US"),
    ("the washing basket fell and i picked it up", "en-AU"),
])
def test_review_legs_falls_a_device_or_a_thing_picked_up_stays_calm(text, locale):
    _stays_calm(text, locale)


# review of the merged round (legs and falls), 7: "how bad does ..." or "at what point ..." about a
# symptom the speaker owns ("my chest pain", "my legs") or affirms in another clause ("mine go down
# my arm", "it started today") tells of it (clinical.md: Red flags are about the person speaking);
# asked of nobody, it is a question.
@pytest.mark.parametrize("text, locale", [
    ("how bad do the chest pains have to be, mine go down my left arm", "en-US"),
    ("how bad does my chest pain need to be before i call 999", "en-GB"),
    ("at what point is the numbness in my saddle area a problem, it started today", "en-GB"),
    ("how bad do the pins and needles in my bum need to be", "en-AU"),
    ("at what point is numbness in both my legs a problem", "en-CA"),
    ("at what point do i go to the er for my legs being numb, they both are", "en-US"),
])
def test_review_legs_falls_how_bad_of_ones_own_symptom_routes(text, locale):
    _routes(text, locale, "emergency")


# The merged round's review: asked of nobody in words, a red flag named with an onset or an
# ambulance in view is the speaker's (the reading that set these aside was withdrawn).
@pytest.mark.parametrize("text, locale", [
    ("how bad does chest pain need to be, it started twenty minutes ago and goes into the jaw", "en-GB"),
    ("how bad does chest pain have to get, it came on an hour ago", "en-CA"),
    ("at what point do you call 911 for chest pain going into your arm", "en-CA"),
    ("how bad does the tearing pain have to be before calling triple zero", "en-AU"),
    ("how bad does numbness down there have to be, it started this morning", "en-US"),
    ("how bad do the pins and needles in both legs have to be, came on suddenly", "en-GB"),
    ("at what point is chest pain an emergency", "en-GB"), ("how bad does numbness in both legs have to be", "en-US"),
])
def test_review_merged_how_bad_with_a_red_flag_named_is_routed(text, locale):
    _routes(text, locale, "emergency")


# review of the merged round (legs and falls), 8: a neighbour clause that says "too" places a leg
# finding on its side only when it has no finding of its own or a leg red flag of its own (a
# tight calf or hamstring, a cold foot or arthritis is none: clinical.md, Near misses); a finding
# said "too" beside a long-standing other leg is both legs (clinical.md: Red flags, emergency row,
# sciatica on both sides).
@pytest.mark.parametrize("text, locale", [
    ("pain down my right leg, and my left calf is tight as well", "en-US"),
    ("pain down my right leg and my left hamstring feels tight too", "en-US"),
    ("my right leg has sciatica, my left knee has arthritis too", "en-GB"),
    ("my left leg tingles, my right foot is cold too", "en-AU"),
    ("pain down my right leg, i pulled my left hamstring at the gym as well", "en-GB"),
])
def test_review_legs_falls_a_benign_finding_too_stays_one_leg(text, locale):
    _routes(text, locale, "doctor")


@pytest.mark.parametrize("text, locale", [
    ("now my left leg is numb too, the right one has been numb for ages as well", "en-GB"),
    ("my left leg tingles too, my right leg has had sciatica for years as well", "en-CA"),
    ("my sciatica has jumped across, it's in the other leg as well now", "en-GB"),
])
def test_review_legs_falls_a_leg_finding_too_is_both_legs(text, locale):
    _routes(text, locale, "emergency")


# review of the merged round (legs and falls), 9 and 10: lying down on one's back for a stretch
# is the routine, and "smashed it at training" or "boarded first" is no accident (clinical.md:
# benign phrases must not be flagged); a player who ran into or boarded the speaker in a named
# sport is (clinical.md: Red flags, emergency row, a serious accident).
@pytest.mark.parametrize("text, locale", [
    ("i went down on my back to do the stretch", "en-US"), ("ok i went down on my back on the mat", "en-GB"),
    ("i went down on my side for the knee rolls", "en-AU"), ("we smashed it at netball training last night", "en-AU"),
    ("training was rammed tonight", "en-GB"), ("i hit the gym after training", "en-IN"),
    ("we got smashed in the match on saturday", "en-GB"), ("i was boarded first on the plane because of my back", "en-US"),
    ("they boarded me early at the airport", "en-CA"), ("i hit the pillow during the game", "en-GB"),
])
def test_review_legs_falls_the_routine_and_sport_talk_stay_calm(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale", [
    ("i slipped on the ice and went down on my back", "en-CA"), ("i got boarded in hockey last night", "en-CA"),
    ("a player ran into me at football", "en-GB"), ("i got knocked down at footy training", "en-AU"),
    ("i went down hard on the tiles", "en-GB"),
])
def test_review_legs_falls_a_fall_or_a_hit_in_sport_stays_trauma(text, locale):
    _routes(text, locale, "emergency")


# review of the merged round (legs and falls), 11: struggling on the stairs or to walk is a leg's
# weakness only where the leg is said in that clause (clinical.md: Red flags, urgent row, weakness
# in one leg); beside legs said to be fine, or with a brace, a prosthesis or a load, it is not.
@pytest.mark.parametrize("text, locale", [
    ("legs are all good, just struggling to walk", "en-GB"), ("legs are fine, just struggling to walk", "en-US"),
    ("my legs are fine but i struggle on the stairs", "en-AU"), ("legs are fine, only difficulty in walking", "en-IN"),
    ("i struggle on the stairs with my leg brace", "en-GB"), ("i have a prosthetic leg and trouble walking", "en-US"),
    ("i struggled up the stairs carrying my daughter on my leg", "en-CA"),
    ("no leg problems but i'm struggling to walk", "en-GB"),
])
def test_review_legs_falls_struggling_beside_well_legs_stays_calm(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale, level", [
    ("my left leg struggles on the stairs", "en-US", "urgent"), ("my legs struggle on the stairs", "en-CA", "emergency"),
    ("i cant get up the stairs on my left leg", "en-GB", "urgent"),
])
def test_review_legs_falls_a_leg_that_struggles_is_weak(text, locale, level):
    _routes(text, locale, level)


# Review of the whole merged round, 2: the back or core giving way, said after "I can't stay
# firm", explains it as posture only said plainly; in bed or since an onset it stays the new
# sexual dysfunction (clinical.md: Red flags, emergency).
@pytest.mark.parametrize("text, locale", [
    ("i cant stay firm in bed, my back gives way", "en-GB"),
    ("since my back went i cant stay firm, my core just gives out on me", "en-GB"),
    ("i cant stay firm in bed anymore, my back just gives way", "en-AU"),
    ("since the spasm i cant stay firm, my back keeps giving way", "en-US"),
])
def test_review_merged_cant_stay_firm_in_bed_or_since_an_onset_is_routed(text, locale):
    _routes(text, locale, "emergency")


# Review of the whole merged round, 3: "hard to tell if" with the bladder is asked about again
# (clinical.md: plain-language questions, not feeling when you need to go).
@pytest.mark.parametrize("text, locale", [
    ("hard to tell if i need to go", "en-GB"), ("difficult to tell if my bladder is full", "en-US"),
])
def test_review_merged_hard_to_tell_with_the_bladder_is_asked(text, locale):
    assert assess(text, locale=locale).level in ("clarify", "emergency"), (text, locale)


# Review of the whole merged round: the temperature of a thing, a room or the weather is no
# reading of the person's (now heard one-shot through the temperature intent); a thermometer
# that fell is the thermometer's fall (clinical.md: Red flags, urgent fever; emergency trauma).
@pytest.mark.parametrize("text, locale", [
    ("temperature of the heat pack is fine", "en-GB"), ("temperature of the room is nice", "en-US"),
    ("the temperature outside is freezing", "en-CA"), ("is room temperature water ok for the ice pack", "en-AU"),
    ("the thermometer fell off the shelf", "en-IN"),
])
def test_review_merged_a_things_temperature_or_fall_stays_calm(text, locale):
    _stays_calm(text, locale)


@pytest.mark.parametrize("text, locale", [
    ("i have a temperature of thirty nine", "en-GB"), ("temperature of a hundred and two and shivering", "en-US"),
])
def test_review_merged_a_persons_temperature_stays_urgent(text, locale):
    _routes(text, locale, "urgent")
