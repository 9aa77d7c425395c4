"""Hearing: every first-person description reaches the skill with its words, in every
conversation state; ordinary requests still reach their own intents; a description with
no red flag in it is answered as what it most likely was; a triage that fails is
answered with the safety question, never as "nothing found"."""
import functools
import json
import logging
import re
from pathlib import Path

import pytest

from envelopes import Said, intent
from lambda_function import lambda_handler
from spasm_coach import questions, triage
from spasm_coach.content import for_locale
from spasm_coach.handlers.describe import describe_handlers
from spasm_coach.handlers.safety import safety_handlers
from spasm_coach_tools.simulator.conversation import Conversation, default_handler
from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
from spasm_coach.skill import request_handlers

ROOT = Path(__file__).resolve().parents[1]
NLU = load_nlu(model_path("en-US"))
ROUTINE = {"routine": {"id": "gentle", "step": 2, "part": 0, "status": "active"}, "screened": True}
CARRIER_MEANING = for_locale("en-US").raw("describe.carrier_meaning")
STATES = {"fresh": {}, "launched": {"pending": "launch"}, "routine": ROUTINE}


def _one_shot(said: str, user_id: str) -> dict:
    """What the skill made of `said`, one-shot by a new person; it reached the skill (not
    FallbackIntent)."""
    talk = Conversation(default_handler(), user_id=user_id)
    report = talk.line("tell back spasm coach " + said)[-1]
    assert report["intent"] != "AMAZON.FallbackIntent", said
    return report


def _routed_one_shot(said: str, user_id: str) -> None:
    """`said` one-shot by a new person reaches the skill (not FallbackIntent) and is routed."""
    report = _one_shot(said, user_id)
    assert report["safety"] in ("doctor", "urgent", "emergency"), (said, report["intent"], report["slots"])


@pytest.mark.parametrize("said,name", [
    ("I don't know", "UnsureIntent"), ("I want to stop", "AMAZON.StopIntent"), ("next", "AMAZON.NextIntent"),
    ("yes", "AMAZON.YesIntent"), ("no", "AMAZON.NoIntent"), ("my back just seized up", "SpasmIntent"),
    ("set an ice timer", "SetTimerIntent"), ("start stretches", "StartRoutineIntent"), ("repeat", "AMAZON.RepeatIntent"),
    ("hold on i need to pee", "AMAZON.PauseIntent"), ("help", "AMAZON.HelpIntent"), ("i'm not sure", "UnsureIntent"),
    ("check my symptoms", "SymptomCheckIntent"), ("how long will this last", "RecoveryInfoIntent"),
    ("just one", "SafetyAnswerIntent"), ("only the left", "SafetyAnswerIntent"), ("yeah both of them", "SafetyAnswerIntent"),
    ("what painkillers can i take", "MedicineInfoIntent"), ("should i use heat or ice", "HeatIceInfoIntent"),
    ("how many are left", "HowManyLeftIntent"), ("slower please", "SlowerIntent"), ("that's enough", "AMAZON.StopIntent"),
    ("that hurts", "PainIntent"), ("go back", "AMAZON.PreviousIntent"), ("skip this one", "SkipIntent"),
])
def test_ordinary_requests_and_answers_reach_their_own_intents(said, name):
    assert NLU.hear(said).intent == name, said


@pytest.mark.parametrize("locale", model_locales())
def test_every_fixed_sample_is_heard_as_its_own_intent(locale):
    """Carriers for free phrases never take a request the model spells out in full."""
    nlu = load_nlu(model_path(locale))
    model = json.loads(model_path(locale).read_text())["interactionModel"]["languageModel"]
    for item in model["intents"]:
        for sample in item.get("samples", []):
            if "{" not in sample:
                assert nlu.hear(sample).intent == item["name"], (locale, sample)


@pytest.mark.parametrize("locale", model_locales())
def test_no_fixed_sample_hides_a_red_flag(locale):
    """A sample with no slot sends no words, so the triage never reads them: none may be a
    red flag. ("That hurts" is the exception that asks its own safety questions.)"""
    model = json.loads(model_path(locale).read_text())["interactionModel"]["languageModel"]
    hidden = [(item["name"], sample, triage.assess(sample, locale).level)
              for item in model["intents"] if item["name"] != "PainIntent"
              for sample in item.get("samples", []) if "{" not in sample]
    assert [h for h in hidden if h[2] not in ("none", "clarify")] == []


@pytest.mark.parametrize("said", [
    "sore leg all the way down", "can't pee", "numb down there", "weak legs", "yeah both of them", "only the left",
    "lost a lot of weight without trying", "fell off a ladder at work", "suddenly my leg gave way",
    "tight chest and my back hurts", "night sweats every night", "osteoporosis and I slipped on the step",
    "burning when I pee", "toes scraping the ground", "bum feels numb", "lying down doesn't ease it",
    "at night it gets much worse", "uh my legs are numb", "me leg's gone weak", "legs feel like jelly",
    "on steroids for years and I lifted a box", "tight band round my chest going into my arm", "wet meself again",
    "this is weird but I can't feel anything down there", "that one made my leg go numb",
    # Shapes learnt from development sets A, B and C: a place, a toilet word, a stretch, an
    # event, a duration, a negated verb, a simile, what others say, an aside first.
    "around my back passage it feels numb", "between my legs there's tingling", "in both legs I have numbness",
    "sitting on the sofa feels different", "toilet paper feels strange", "stool comes out without me knowing",
    "chest is paining and my arm too", "stomach throbbing and back pain", "heavy pressure on my chest",
    "three weeks now and it's getting worse", "nothing eases it, even lying down", "peed the bed",
    "didn't make it to the loo and wet myself", "came off my motorbike", "sciatica down my left leg",
    "everyone says I look thinner and I'm not dieting", "ow that really hurt and it's not going away",
    "dribbling wee all the time now", "trouble peeing since yesterday", "crushing chest pain", "car crash this morning",
    "running a temperature", "short of breath", "wakes me up at night", "still bad after six weeks",
    "look, I can't feel my bum", "sorry but I've wet myself", "it feels like I'm sitting on a bag of peas",
    "knee to chest makes my pain worse", "not able to walk even two steps",
    # Shapes learnt from development sets D and E: a verb with no subject, "each time", a
    # vocative first, "down between", loose motions, a named accident, "from one month".
    "tried to get up and my knee buckled", "each time I stand up the leg is weaker than before",
    "mate my bum has gone tingly", "down between my legs is numb", "loose motion came out by itself",
    "bike accident on the road and now my back hurts", "from one month I am having this pain, no improvement",
    "lying here both my feet have gone numb",
])
def test_fragments_starting_with_a_symptom_or_body_word_reach_the_skill(said):
    """Said without "I" or "my", as people do when they hurt: heard with their words (a carrier's
    meaning read in its place, content: describe.carrier_meaning), and routed one-shot."""
    _routed_one_shot(said, "describe-fragments")


@pytest.mark.parametrize("said", [
    "my legs have gone all tingly", "I've got a funny feeling down below", "I can't feel the paper when I wipe",
    "there's something wrong with my waterworks", "it feels like I'm sitting on a balloon", "I think I wet the bed",
    "I'm leaking a bit", "since the spasm I can't get an erection", "when I wee it stings", "I keep tripping over my foot",
    "something's not right down there", "I keep dribbling and I can't stop it", "it's gone dead around my backside",
    "my right leg gave out under me", "my chest feels tight and heavy", "I've had a fever since yesterday",
    "um I can't really feel my bum", "I fell off the ladder this morning", "I've got pins and needles in both feet",
])
def test_first_person_descriptions_reach_the_skill_with_their_words(said):
    heard = NLU.hear(said)
    assert heard.intent not in (None, "AMAZON.FallbackIntent"), said
    words = " ".join(slot.value for slot in heard.slots.values())
    assert words, said
    meaning = CARRIER_MEANING.get(heard.intent, "")
    assert triage.assess(meaning + " " + words).level != "none", (said, words)


def _openers():
    import yaml
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml's, as scripts/build_models.py reads it
    source = yaml.load((ROOT / "interaction_model" / "source" / "en.yaml").read_text(), Loader=loader)
    return source["openers"]


def test_a_sentence_opened_any_way_reaches_the_skill_with_its_words():
    """Each opener group (the ways a sentence begins) carries a description to the skill,
    in every locale, strict hearing: the body words arrive and the red flag is read."""
    groups = _openers()
    assert len(groups) >= 6 and sum(len(g) for g in groups.values()) >= 150
    for locale in model_locales():
        nlu = load_nlu(model_path(locale))
        for group, openers in groups.items():
            for opener in openers:
                said = "%s both of my legs have gone numb" % opener
                heard = nlu.hear(said)
                # stances keep that one was said ("hopefully not" is no plain no): their own intent
                opened = "DescribeStanceIntent" if group == "stances" else "DescribeIntent"
                assert heard.intent == opened, (locale, group, said, heard.intent)
                words = heard.slots["Description"].value
                assert triage.assess(words, locale=locale).level == "emergency", (locale, said, words)


@pytest.mark.parametrize("said, meant", [
    ("private area has gone numb since lunch", "DescribeSaddleIntent"),
    ("stretches made the pain shoot down my left leg", "DescribeExerciseIntent"),
    ("stools are coming out without me knowing", "DescribeBowelIntent"),
    ("urinating, nothing comes out since this morning", "DescribeBladderIntent"),
])
def test_a_bare_noun_opens_the_intent_of_its_meaning(said, meant):
    # Speech often drops the article: the noun that opens the sentence is not lost with
    # the carrier, its intent carries its meaning.
    heard = NLU.hear(said)
    assert heard.intent == meant, (said, heard.intent)
    read = triage.assess("%s %s" % (CARRIER_MEANING[meant], heard.slots["Description"].value))
    assert read.level in ("emergency", "urgent", "doctor"), (said, read)


@pytest.mark.parametrize("said", [
    # An aside or a comment first ("bit embarrassing, but ...", "at my age ...").
    "bit embarrassing, but my bum has gone numb", "forgive me, I can't feel anything round my back passage",
    "at my age you expect aches but I wet myself today for the first time",
    # A verb with no subject telling what one was doing.
    "helped my son move house and now both legs are tingling", "driving to work I couldn't feel the seat under my bum",
    "stood up from the chair and some wee came out without me knowing",
    "did the pelvic tilts and now the pain is much worse and won't settle",
    # A place, a time or a clause opened by a conjunction.
    "near my back passage it's gone numb", "when the urge comes I can't hold my poo any more",
    "soon as I lie down at night the pain gets much worse", "for about a week my left leg has felt weaker",
    "about an hour ago my foot went floppy and I can't lift my toes", "within the hour both my legs went weak",
    "halfway through the knee rolls my leg went numb and it's still numb",
    "from my hip the pain goes right down my left leg to the foot",
    # A word of meaning first: its own intent reads it (describe.carrier_meaning).
    "ever since my back went I keep leaking wee", "weaker and weaker in my right leg since lunch",
    "heartburn going into my jaw and down my left arm", "lying still doesn't ease it one bit",
    "a month and a half now and no better at all", "puffing and panting after two steps since my back went",
    "years ago I had bowel cancer", "weight keeps dropping off me and I'm not trying",
    "current type pain shooting down my left leg", "very fast my legs went weak and I can hardly stand",
    "body is hot and I'm shaking with this back pain",
    "passed wind and more came with it, I couldn't hold it in",
    # The verb "feel" is part of what is felt ("I feel hot all over").
    "I feel hot all over since last night with this back",
    # How much or what kind first: the noun it qualifies stays in the free phrase.
    "loads of tingling round my bum since this morning", "only a dribble comes out when I try to wee",
    "few hours ago both legs went weak",
    # A part of the body the triage needs nothing of, a day, or an occasion first.
    "teeth rattling and I'm shivering all over with this back",
    "sunday night I wet the bed for the first time", "christmas shopping all day and now both legs are numb",
    # What one was doing, with no subject.
    "watched telly all evening and now I can't feel my bum on the chair",
    "bending over the sink my left leg went numb and weak",
    # A word of meaning first, or a noun with "'s": its own intent reads it.
    "tearing pain went right through to my back", "almost six weeks now and it's no better at all",
    "worst at night, the pain wakes me and lying still does not ease it",
    "water infection, it stings when I go, and my back is killing me", "chest's tight and my left arm aches",
    "breathlessness since yesterday even when I sit still",
    # "my" is read with what it owns ("my water" is urine).
    "my water stinks and it stings and my back aches",
])
def test_a_sentence_begun_any_way_is_routed(said):
    """However a description begins, it reaches the skill with its words and is routed:
    one-shot, each said by a new person."""
    _routed_one_shot(said, "describe-openings")


@pytest.mark.parametrize("said", [
    "my water smells and stings", "neither of my feet can feel the floor", "tearing pain through to my back",
    "worst when I lie down at night", "almost wet myself when I sneezed", "nearly fell off the step",
])
def test_a_carrier_that_means_something_is_read_as_said(said):
    """Alexa drops the carrier; where it means something, the words the triage reads are
    the words as said ("almost" still hedges, "neither" still denies, "my" still owns)."""
    heard = NLU.hear(said)
    read = "%s %s" % (CARRIER_MEANING[heard.intent], heard.slots["Description"].value)
    assert triage.assess(read).level == triage.assess(said).level, (said, heard.intent, read)
    assert heard.intent != "DescribeIntent" and read.split()[-3:] == said.lower().split()[-3:], (said, read)


@pytest.mark.parametrize("said, meant", [
    # The company one was in says what the feeling is about.
    ("with my partner there's no feeling at all anymore since my back went", "DescribeWithIntent"),
    ("with my boyfriend it just feels like nothing now since the spasm", "DescribeWithIntent"),
    # What one had to do tells what happened ("I to change my pants" tells nothing).
    ("i've had to change my pants because of the other thing", "DescribeHadToIntent"),
    # "I have no ..." names what is missing as often as it denies.
    ("i have no air when i climb one stair", "DescribeHaveNoIntent"),
    # What is new is said first.
    ("new thing, i get puffed out just walking to the letterbox", "DescribeNewIntent"),
    # What began is new ("I needing a pad, never before" says nothing began).
    ("i've started needing a pad when I go out, which was never a thing for me", "DescribeNewIntent"),
    ("started wearing a pad, I never used to", "DescribeNewIntent"),
])
def test_a_carrier_that_changes_what_follows_keeps_its_words(said, meant):
    heard = NLU.hear(said)
    assert heard.intent == meant, (said, heard.intent)
    read = "%s %s" % (CARRIER_MEANING[meant], heard.slots["Description"].value)
    assert triage.assess(read).level in ("emergency", "urgent"), (said, read)


@pytest.mark.parametrize("said", [
    # A noun with 's, a dialect's "them" for "those".
    "left leg's gone floppy and i keep tripping on it",
    "them exercises sent a pain shooting down my left leg that won't settle",
    # What one hit or missed, with no subject.
    "hit a tree on my bike this morning and now my legs feel weak",
    "missed the bottom step and landed on my bum, i've got osteoporosis",
    # Who one told, with no subject.
    "texted work to say i can't walk, my legs keep giving way",
    # A general question about backs or people, then what happened to the speaker.
    "do people lose feeling in their bum from this because mine's gone numb",
    "do back spasms ever cause a fever? i'm burning up and shivery",
])
def test_a_sentence_begun_another_way_is_routed(said):
    _routed_one_shot(said, "describe-openings-more")


@pytest.mark.parametrize("said, meant", [
    # Someone close named first with no "my": what they said follows.
    ("daughter says I keep wetting myself and not noticing", "DescribeOthersSayIntent"),
    ("everyone at work says I've lost loads of weight without trying, and my back aches", "DescribeOthersSayIntent"),
    # The back named first with no "my".
    ("back's locked and now both legs are numb", "DescribeBackIntent"),
    ("back spasm all morning and now I can't feel my bum on the seat", "DescribeBackPainIntent"),
    # A spill said first with no subject.
    ("rolled the tractor yesterday and my back's gone", "DescribeHitIntent"),
    ("wiped out on my bike and landed hard on my back", "DescribeHitIntent"),
    # "feel like" without its subject.
    ("feel like I'm burning up with a fever and all shivery", "DescribeFeelsLikeIntent"),
    # A vehicle named first: part of what happened.
    ("car flipped on the motorway and my back has been agony since", "DescribeVehicleIntent"),
    ("scooter skidded and I went over the handlebars, now my back's in spasm", "DescribeVehicleIntent"),
    # A part of the day, an activity first.
    ("evening time the shivers start and I'm burning up", "DescribeIntent"),
    ("showering this morning I couldn't feel the water on my bum", "DescribeIntent"),
    # "I'm on ..." and "it's been ..." keep their words.
    ("I'm on immunosuppressants after my transplant and my back hurts", "DescribeImOnIntent"),
    ("it's been seven weeks and it's no better at all", "DescribeItsBeenIntent"),
])
def test_a_sentence_begun_with_a_name_a_spill_or_a_state_is_routed(said, meant):
    assert NLU.hear(said).intent == meant, (said, NLU.hear(said).intent)
    _routed_one_shot(said, "describe-openings-named")



@pytest.mark.parametrize("said, meant", [
    # Whom one speaks to, said first ("duck", "hen", "mister"); "pal" and "mate" (a person to
    # the triage) only before a word that says whose it is.
    ("duck, I can't feel the toilet seat under me any more", "DescribeIntent"),
    ("hen, both my legs went numb this morning", "DescribeIntent"),
    ("pal my legs have gone numb", "DescribeMyIntent"),
    # "when" with its subject and verb.
    ("when I'm walking my left foot slaps down and I trip on it", "DescribeIntent"),
    # A preposition that joins what follows to something else.
    ("apart from the back pain I've got no feeling in my bum", "DescribeIntent"),
    # A time with "'s" before what happened then.
    ("last night's walk left both my legs numb and weak", "DescribeIntent"),
    # A pack named first with no article.
    ("ice pack's not helping and now both my legs are numb", "DescribeColdPackIntent"),
    ("hot water bottle on my back and I can't feel my bum", "DescribeHeatPackIntent"),
    # How what one passes smells or looks, said first.
    ("stinky wee and a fever, and my back aches on one side", "DescribeSmellyIntent"),
    ("cloudy wee and shivers and pain in my side", "DescribeCloudyIntent"),
    # A bare noun for what one passes, or for thin bones.
    ("latrine is not coming since four days and I can't feel my bottom", "DescribeLatrineIntent"),
    ("bone density scan showed thin bones and I fell off a chair", "DescribeBonesIntent"),
    # A vehicle named first.
    ("lorry hit my car from behind and my back is agony and my legs are numb", "DescribeVehicleIntent"),
    ("dirt bike threw me off and I landed on my back, now my legs tingle", "DescribeVehicleIntent"),
    # A year, or years gone, said first.
    ("back in twenty ten I had breast cancer and now my back won't stop aching at night", "DescribeBackInIntent"),
    ("last year I had prostate cancer and now my back hurts at night", "DescribeAgoIntent"),
    # "feel" with no subject.
    ("feel hot and shivery and my back is throbbing", "DescribeFeelIntent"),
])
def test_a_sentence_that_fell_back_reaches_the_skill_with_its_words(said, meant):
    """Openings Alexa's model sent to FallbackIntent (no words): heard by the intent of their
    carrier in the session, and routed one-shot."""
    heard = NLU.hear(said)
    assert heard.intent == meant, (said, heard.intent)
    _routed_one_shot(said, "describe-fell-back")


@pytest.mark.parametrize("said, meant, level", [
    # How long, said first: the words that say how fast it came on stay.
    ("over the past hour my left leg has gone weak and floppy", "DescribeOverThePastIntent", "emergency"),
    # "For ..." first, in the session (one-shot, "for" is taken as a connector).
    ("for three days I've had a fever and my back is killing me", "DescribeForIntent", "urgent"),
    # "been" stays: "I've been shooting up" is not "I shooting up".
    ("been shooting up again and now my back is agony", "DescribeBeenIntent", "urgent"),
    # "morning" is no greeting here.
    ("morning erections have stopped since my back went", "DescribeMorningIntent", "emergency"),
])
def test_a_carrier_that_says_when_or_how_long_keeps_its_words(said, meant, level):
    heard = NLU.hear(said)
    assert heard.intent == meant, (said, heard.intent)
    read = "%s %s" % (CARRIER_MEANING[meant], heard.slots["Description"].value)
    assert triage.assess(read).level == level, (said, read)


@functools.lru_cache(maxsize=None)
def _written_samples(locale):
    """Every sample of the locale's model as a client that compares sample words as written
    reads it (bespoken's virtual-core): its pattern, the values each slot takes (None: any
    words, as AMAZON.SearchQuery; a custom type only its listed values), and its intent."""
    model = json.loads(model_path(locale).read_text())["interactionModel"]["languageModel"]
    listed = {t["name"]: {w.lower() for v in t["values"] for w in [v["name"]["value"]] + v["name"].get("synonyms", [])}
              for t in model.get("types", [])}
    samples = []
    for item in model["intents"]:
        types = {slot["name"]: slot["type"] for slot in item.get("slots", [])}
        for sample in item.get("samples", []):
            pattern = "(.*)".join(re.escape(piece.strip()) for piece in re.split(r"\{\w+\}", sample))
            takes = [listed.get(types[name]) for name in re.findall(r"\{(\w+)\}", sample)]
            samples.append((re.compile("^%s$" % pattern), takes, item["name"]))
    return samples


def _heard_as_written(locale, phrase):
    """The intent whose sample matches `phrase` word for word (apostrophes kept, a slot takes
    whole words, the longest literal wins), or None when no sample does."""
    best = None
    for pattern, takes, name in _written_samples(locale):
        found = pattern.match(phrase)
        if not found or any(g and not g.startswith(" ") and g != phrase for g in found.groups()):
            continue
        if any(values is not None and g.strip() not in values for g, values in zip(found.groups(), takes)):
            continue
        literal = len(phrase) - sum(len(g) for g in found.groups())
        if best is None or literal > best[0]:
            best = (literal, name)
    return best and best[1]


@pytest.mark.parametrize("locale", model_locales())
@pytest.mark.parametrize("phrase", [
    "ive got pins and needles in both feet", "ive been wetting myself", "ive noticed my foot slapping",
    "im on steroids for my asthma", "its been three months and no better", "theres a numb patch on my bum",
    "im losing weight without trying", "ive lost a stone without trying", "im a diabetic on insulin",
    # and as written
    "i've got pins and needles in both feet", "i'm on steroids for my asthma", "it's been three months and no better",
    "there's a numb patch on my bum", "i've been wetting myself",
    # an "its" carrier longer than "it's", as a recogniser writes it
    "its just like sitting on nothing down there", "its all gone numb down below",
])
def test_a_contraction_is_heard_as_written_and_as_a_recogniser_writes_it(locale, phrase):
    """A recogniser may write "ive", "im", "its", "theres": a carrier that starts with a
    contraction is written without its apostrophe where its shorter carrier hears the written
    form, so a client that compares words as written hears both."""
    assert _heard_as_written(locale, phrase) not in (None, "AMAZON.FallbackIntent"), phrase


@pytest.mark.parametrize("said", [
    "if both my legs went numb would that be an emergency", "so if i wet myself should i call an ambulance",
    "um if the pain went down one leg would i have to stop",
])
def test_a_condition_said_in_a_session_reaches_the_skill_as_a_condition(said):
    """In a session "if" is heard (one-shot, "ask back spasm coach if" is Alexa's own): it is
    read with the words, so a question about what might happen is asked about, not alarmed at."""
    heard = NLU.hear(said)
    assert heard.intent == "DescribeIfIntent", (said, heard.intent)
    assert triage.assess("%s %s" % (CARRIER_MEANING[heard.intent], heard.slots["Description"].value)).level == "clarify"


@pytest.mark.parametrize("said", ["supposing i wet myself, what should i do", "suppose both my legs went numb"])
def test_a_supposition_is_heard_as_one(said):
    """A hypothetical opened without "if" is asked about, not alarmed at."""
    heard = NLU.hear(said)
    assert heard.intent == "DescribeWhatIfIntent", (said, heard.intent)
    assert triage.assess("%s %s" % (CARRIER_MEANING[heard.intent], heard.slots["Description"].value)).level == "clarify"


@pytest.mark.parametrize("said", ["is paracetamol any good for my back", "do you recommend a firm mattress"])
def test_a_question_is_no_opener(said):
    # Questions open requests for information as often as descriptions: they are no carrier.
    assert NLU.hear(said).intent != "DescribeIntent", said


@pytest.mark.parametrize("locale", model_locales())
def test_a_carrier_never_holds_words_the_triage_needs(locale):
    """Alexa sends the slot, not the carrier: a carrier with meaning ("no", "both", "what if",
    "I can't") would drop it. Every carrier is read by the locale's triage as nothing at all."""
    model = json.loads(model_path(locale).read_text())["interactionModel"]["languageModel"]
    free = [i for i in model["intents"] if [s["type"] for s in i.get("slots", [])] == ["AMAZON.SearchQuery"]]
    assert sum(len(i["samples"]) for i in free) >= 100
    # What the skill reads before the phrase stands for the carrier (content: describe.carrier_meaning).
    meanings = for_locale(locale).raw("describe.carrier_meaning")
    # Carriers that mean nothing: the speaker ("I ...") and polite openers ("kindly ...").
    meaningless = ("DescribeIntent", "RequestKindlyIntent")
    for item in free:
        meaning = meanings.get(item["name"], "")
        assert item["name"] in meaningless or meaning, item["name"]
        phrase = "{%s}" % item["slots"][0]["name"]
        for sample in item["samples"]:  # the carrier before the phrase, or after it ("... time it")
            for symptom in ("numb bum", "down my leg", "wet myself", "feels numb", "legs are tingling"):
                said = triage.assess(sample.replace(phrase, symptom), locale=locale)
                read = triage.assess("%s %s" % (meaning, symptom), locale=locale)
                assert (said.level, said.flags) == (read.level, read.flags), (item["name"], sample, symptom)


@pytest.mark.parametrize("state", list(STATES), ids=list(STATES))
@pytest.mark.parametrize("words", ["dribbling and i cant stop it", "legs have gone all tingly", "bum is numb"])
def test_a_red_flag_in_a_free_phrase_is_routed_in_every_state(state, words):
    for pending in (None, "screening_legs", "legs_where"):
        attributes = dict(STATES[state], **({"pending": pending} if pending else {}))
        said = Said(lambda_handler(intent("DescribeIntent", {"Description": words}, attributes), None))
        assert said.attributes.get("safety") in ("emergency", "doctor") or said.end is True, (state, pending)


def test_sensation_reads_every_slot_with_nothing_dropped():
    said = Said(lambda_handler(intent("SensationIntent", {"Sensation": ("numb", "numb"), "BodyPart": ("both legs", "legs")}), None))
    assert said.attributes["safety"] == "emergency" and said.end is True
    talk = Conversation(default_handler(), user_id="describe-test")
    report = talk.line("tell back spasm coach numbness in both legs")[-1]
    assert report["intent"] == "SensationIntent" and report["safety"] == "emergency"


@pytest.mark.parametrize("state", ["fresh", "launched", "routine"])
@pytest.mark.parametrize("words", ["back just went again", "back is spasming like mad", "back has locked up completely"])
def test_relief_words_get_the_relief_answer(state, words):
    said = Said(lambda_handler(intent("DescribeIntent", {"Description": words}, STATES[state]), None))
    assert said.attributes.get("safety") is None and said.end is not True
    assert said.attributes.get("pending") == "offer_stretches"
    assert "?" not in said.text.split(".")[0]


@pytest.mark.parametrize("state", ["fresh", "launched", "routine"])
@pytest.mark.parametrize("words", ["had a long day at work", "want to talk to my sister", "zzz", "am ready for lunch"])
def test_nothing_found_is_answered_calmly_never_with_a_medical_question(state, words):
    said = Said(lambda_handler(intent("DescribeIntent", {"Description": words}, STATES[state]), None))
    assert said.attributes.get("safety") is None and said.end is not True
    assert said.says("describe.not_followed_routine" if state == "routine" else "describe.not_followed")
    for medical in ("leg", "bladder", "bowel", "numb", "tingl"):
        assert medical not in said.text.lower(), said.text
    if state == "routine":
        assert said.attributes["routine"]["status"] == "active"


@pytest.mark.parametrize("pending", sorted(q.id for q in questions.QUESTIONS.values() if q.safety))
def test_describe_and_unsure_yield_while_a_safety_question_is_pending(pending):
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.attributes_manager import AttributesManager
    from ask_sdk_model import RequestEnvelope
    from ask_sdk_core.serialize import DefaultSerializer
    for name, slots in (("DescribeIntent", {"Description": "had a long day"}), ("UnsureIntent", None)):
        event = intent(name, slots, {"pending": pending})
        envelope_ = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
        handler_input = HandlerInput(request_envelope=envelope_,
                                     attributes_manager=AttributesManager(request_envelope=envelope_))
        for handler in describe_handlers()[1:]:
            assert not handler.can_handle(handler_input), (name, pending)


def test_unsure_outside_a_safety_question():
    said = Said(lambda_handler(intent("UnsureIntent", None, {"pending": "launch"}), None))
    assert said.says("describe.unsure") and said.end is not True and said.attributes.get("safety") is None


def test_describe_handlers_come_right_after_the_safety_handlers():
    names = [type(h).__name__ for h in request_handlers()]
    safety, describe = len(safety_handlers()), len(describe_handlers())
    assert names[safety:safety + describe] == [type(h).__name__ for h in describe_handlers()]
    assert names[safety] == "TriageFailedHandler"


def test_a_failed_triage_is_logged_without_words_and_answered_with_the_symptom_check(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise triage.VocabularyError("vocabulary broken for the test")

    monkeypatch.setattr(triage, "assess", broken)
    words = "my secret words about my bum"
    for name, slots in (("DescribeIntent", {"Description": words}), ("SensationIntent", {"Sensation": "numb", "BodyPart": "bum"}),
                        ("StretchIntent", {"Stretch": "cat cow"})):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            said = Said(lambda_handler(intent(name, slots, {"pending": "launch"}), None))
        # The structured symptom check from its first question (or, before an exercise, the
        # screening): questions about the red flags, never "nothing found".
        assert said.attributes.get("pending") in (questions.SEQUENCES["check"][0], questions.SEQUENCES["screening"][0])
        assert said.attributes.get("safety") is None and said.end is not True
        errors = [r for r in caplog.records if r.levelno == logging.ERROR and "triage failed" in r.getMessage()]
        assert errors, name
        for record in caplog.records:
            assert "secret" not in record.getMessage() and "bum" not in record.getMessage()


def test_the_failed_triage_flag_is_recorded_for_the_safety_dialogue(monkeypatch):
    from spasm_coach.handlers import describe

    seen = {}

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    original = describe.start_check

    def spy(handler_input, lead=None):
        attributes = handler_input.attributes_manager.request_attributes
        seen.update(failed=attributes.get("triage_failed"), assessment=attributes.get("assessment"))
        return original(handler_input, lead)

    monkeypatch.setattr(triage, "assess", broken)
    monkeypatch.setattr(describe, "start_check", spy)
    lambda_handler(intent("DescribeIntent", {"Description": "i wet myself"}), None)
    assert seen == {"failed": True, "assessment": None}

def test_the_simulator_hears_exact_samples_before_carriers_and_phrases_before_guesses():
    from spasm_coach_tools.simulator.nlu import NLU
    nlu = NLU({"interactionModel": {"languageModel": {"invocationName": "test skill", "intents": [
        {"name": "AMAZON.FallbackIntent", "samples": []},
        {"name": "Spasm", "samples": ["my back seized up"]},
        {"name": "Symptom", "slots": [{"name": "Symptom", "type": "SYMPTOM"}], "samples": ["my {Symptom}"]},
        {"name": "Describe", "slots": [{"name": "Description", "type": "AMAZON.SearchQuery"}],
         "samples": ["my {Description}"]},
    ], "types": [{"name": "SYMPTOM", "values": [{"id": "saddle_numbness", "name": {"value": "bum is numb"}}]}]}}})
    assert nlu.hear("my back seized up").intent == "Spasm"  # an exact sample
    symptom = nlu.hear("my bum is numb")  # a listed value
    assert symptom.intent == "Symptom" and symptom.slots["Symptom"].resolved_id == "saddle_numbness"
    described = nlu.hear("my legs are tingly")  # a free phrase, not an unlisted guess at a symptom
    assert described.intent == "Describe" and described.slots["Description"].value == "legs are tingly"
    assert not described.ties


def test_a_body_part_id_is_not_a_red_flag_of_its_own():
    """Slot ids that are flag ids raise that flag (SYMPTOM, SAFETY_ANSWER); a body part's id
    must not: "pain in my bladder" is read from its words (a possible urine infection)."""
    model = json.loads((ROOT / "interaction_model/en-US.json").read_text())["interactionModel"]["languageModel"]
    for slot_type in model["types"]:
        if slot_type["name"] in ("BODY_PART", "SENSATION"):
            for value in slot_type["values"]:
                assert triage.flag_level(value["id"]) == "none", value["id"]
    said = Said(lambda_handler(intent("SensationIntent", {"Sensation": ("pain", "pain"),
                                                          "BodyPart": ("bladder", "bladder_area")}), None))
    assert said.attributes["safety"] == "urgent"


@pytest.mark.parametrize("said", [
    # An activity said first, a term of address, a quantity or a place that says nothing the
    # triage needs, and a fall said as a spill.
    "riding the bus is hard but sitting down my bottom feels numb and strange",
    "beta in the last hour my left leg has gone very weak i cannot lift it",
    "more than six weeks this pain is there and there is no improvement",
    "down in the groin area it has gone completely numb since this morning",
    "took a spill on the ice yesterday and my back has been in spasm since",
    # An activity said in the past, an aside before something private, someone close named
    # with no "my".
    "mowed the lawn this morning and since then both my legs are numb from the knees down",
    "personal question but since the spasm i can't feel anything when i wipe",
    "grandson noticed i've been dragging my right foot and catching my toes",
])
def test_a_sentence_begun_with_an_activity_an_address_a_quantity_or_a_spill_is_routed(said):
    _routed_one_shot(said, "describe-openings-k")


@pytest.mark.parametrize("said", [
    # A span of time said first, with no "for" or "over"; an intensity said first.
    "past three days my left foot slaps down when i walk and i can't lift it", "past week i keep wetting myself",
    "very weak legs since this morning and i keep falling", "extremely sore back and i have a fever",
])
def test_a_sentence_begun_with_a_span_of_time_or_an_intensity_is_routed(said):
    _routed_one_shot(said, "describe-openings-p")


@pytest.mark.parametrize("said", ["i don't have the weakness in my legs i walk fine it's only my back that's stiff",
                                  "i haven't got the numbness down below just a very tight back"])
def test_a_denial_before_the_is_no_alarm(said):
    """"I don't have the ..." denies what follows; "no the ..." (its reading when it shared "no"'s
    carrier) did not."""
    report = _one_shot(said, "describe-denial")
    assert report["safety"] in (None, "none", "clarify"), (said, report["safety"])


@pytest.mark.parametrize("said,alarm", [("just curious is numbness between the legs something to worry about", False),
                                        ("out of curiosity can a spasm make your bladder stop working", False),
                                        ("just curious i wet myself this morning is that the spasm", True)])
def test_curiosity_said_first_asks_and_what_is_told_after_it_still_counts(said, alarm):
    """"Just curious, ..." asks (read as said, not as "i curious ..."), and what the speaker
    tells after it is still theirs."""
    report = _one_shot(said, "describe-curious")
    assert (report["safety"] == "emergency") is alarm, (said, report["intent"], report["safety"])


@pytest.mark.parametrize("locale", model_locales())
@pytest.mark.parametrize("said,kept", [
    # A verb of the carrier that says how often or what must be done.
    ("i have to rush to the toilet every half hour and it stings", "i have to"),
    ("i've got to rush to the toilet every half hour and it stings", "have to"),
    ("i keep wetting myself a little when i stand", "i keep"),
    # What one has: the noun alone may be anything ("temperature"), had it is a symptom.
    ("i have temperature and shivering since the night", "i have"),
    ("ive got temperature and shivering since the night", "i have"),
    # When it began, said first: within the hour.
    ("just now my knee gave out and i cannot lift my leg at all", "in the last hour"),
    ("an hour ago i could walk and now my knee folds under me", "in the last hour"),
    ("in the last hour my leg has got too weak to stand on", "in the last hour"),
    # Earlier the same day: it came on within the day.
    ("this afternoon my leg just went and i've been on the floor since", "earlier today"),
    ("so this morning i was walking fine and now my foot drags", "earlier today"),
    # When, said first: what came before what.
    ("before i could reach the loo it had all come out", "before"),
    # How many: "one" says one side.
    ("one knee keeps buckling under me on the stairs", "one"),
    # "this" or "that" before a body part is the body part, not the stretch.
    ("this leg won't hold me up since lunch", "one leg"),
    ("that foot keeps slapping down when i walk", "foot"),
    # A function named first with "'s", and wind said as gas.
    ("peeing's like passing broken glass", "pee"),
    ("passing gas and the rest came out without me knowing", "wind"),
    # When it began, who with, and what happened, said first.
    ("after the fall last week i can't tell when my bladder is full", "after"),
    ("me and my partner tried and there was nothing down below", "me"),
    ("went flat on my face off the trampoline and my back seized", "went"),
    ("went to the toilet and nothing would come out", "went"),
])
def test_a_carrier_that_says_something_keeps_it(locale, said, kept):
    """The carrier's words that the triage needs reach it (the intent's meaning, content:
    describe.carrier_meaning), in both hearings."""
    for hearing in ("strict", "approximate"):
        heard = load_nlu(model_path(locale), hearing=hearing).hear(said)
        assert "Description" in heard.slots, (hearing, said, heard.intent)
        read = "%s %s" % (CARRIER_MEANING.get(heard.intent, ""), heard.slots["Description"].value)
        assert re.search(r"\b%s\b" % kept, read), (hearing, said, heard.intent, read)
        assert "stretch" not in read, (hearing, said, heard.intent, read)  # no carrier read as what it is not


@pytest.mark.parametrize("said", ["when we cuddle in bed i cannot feel anything down below any more"])
def test_a_description_opened_with_we_is_routed(said):
    """"When we ..." (the speaker and someone else) opens a description like "when I ..."."""
    _routed_one_shot(said, "describe-carriers-m")


@pytest.mark.parametrize("said, meant", [
    # A warning given first ("heads up", "fair warning", "fyi") says nothing the triage
    # needs: the words after it reach the skill.
    ("heads up, I had bowel cancer a few years back and my back is killing me", "DescribeIntent"),
    ("fair warning, I'm on steroid tablets for my lungs and I took a tumble", "DescribeIntent"),
    ("fyi i came off my quad bike yesterday and my back is wrecked", "DescribeIntent"),
    # What others keep telling the speaker is said of the speaker.
    ("everyone keeps telling me I've gone skinny and I'm not dieting, and my back aches", "DescribeMeIntent"),
    ("my wife keeps telling me I'm wetting the bed since my back went", "DescribeMeIntent"),
    # A week of the episode counted ("week five", "sixth week") keeps its count.
    ("week six and the pain in my back is no better at all", "DescribeWeeksIntent"),
    ("sixth week now and it still hasn't improved one bit", "DescribeWeeksIntent"),
])
def test_a_warning_what_others_tell_one_and_a_week_counted_are_routed(said, meant):
    assert NLU.hear(said).intent == meant, (said, NLU.hear(said).intent)
    _routed_one_shot(said, "describe-openings-told")


# Set R's hearing: sentences begun in ways no carrier began, each heard by the intent of its
# meaning (content: describe.carrier_meaning): a quality of pain said first ("electric pain",
# "searing pain": "pain"); "each leg", "each foot" (both: "legs"); "each hour" (no time it
# began, a plain account); "tumbled" ("fell"); "your stretches", "your exercises" ("stretch");
# "when i rest" ("lying down"). ("in case" is no carrier: "in case it matters, both my legs are
# numb" tells, it does not ask.)
@pytest.mark.parametrize("locale, said, level", [
    ("en-US", "electric pain zips through both feet", "emergency"),
    ("en-AU", "searing pain runs into both shins whenever i stand", "emergency"),
    ("en-CA", "electric pains jolt through both my legs", "emergency"),
    ("en-IN", "each foot has gone numb on the top", "emergency"), ("en-US", "each leg tingles from the knee down", "emergency"),
    ("en-AU", "each thigh has gone dead on the outside", "emergency"),
    ("en-US", "each hour my foot drags more", "emergency"), ("en-CA", "each hour the numbness creeps further up both legs", "emergency"),
    ("en-GB", "tumbled down the stairs last night and my back is screaming", "emergency"),
    ("en-AU", "tumbled off the ladder onto the patio", "emergency"),
    ("en-US", "your exercises made the pain worse and it still hasnt settled", "doctor"),
    ("en-GB", "your routine left me with pain that wont settle", "doctor"),
    ("en-IN", "when i rest the pain doesnt ease at all", "doctor"), ("en-US", "when i rest it still hurts the same", "doctor"),
])
def test_set_r_openings_are_heard_by_the_intent_of_their_meaning(locale, said, level):
    talk = Conversation(default_handler(), locale=locale, user_id="describe-openings-r")
    report = talk.line("tell back spasm coach " + said)[-1]
    assert report["intent"] != "AMAZON.FallbackIntent" and report["safety"] == level, (said, report["intent"], report["slots"])


@pytest.mark.parametrize("locale, said", [
    ("en-US", "your stretches are great thanks"), ("en-GB", "your exercises are really helping"),
    ("en-AU", "your routine is a bit long"), ("en-CA", "your stretches are lovely"),
])
def test_your_stretches_praised_are_calm(locale, said):
    talk = Conversation(default_handler(), locale=locale, user_id="describe-openings-r")
    report = talk.line("tell back spasm coach " + said)[-1]
    assert report["safety"] in (None, "none", "clarify"), (said, report["intent"], report["safety"])


# "in case" is no carrier: "in case it matters, both my legs are numb" tells of the legs, it asks
# nothing (clinical.md: Red flags, emergency row); a red flag said after it is raised as said.
@pytest.mark.parametrize("locale, said", [
    ("en-US", "in case you need to know both my legs are numb"), ("en-US", "in case it matters my bum has gone numb"),
    ("en-GB", "in case you need to know i have wet myself and cant feel the paper"),
    ("en-CA", "in case it matters my legs are both numb"), ("en-AU", "in case it matters me legs are both numb"),
    ("en-IN", "in case you need to know both legs are numb since morning"),
])
def test_a_red_flag_said_after_in_case_is_raised(locale, said):
    talk = Conversation(default_handler(), locale=locale, user_id="describe-in-case")
    report = talk.line("tell back spasm coach " + said)[-1]
    assert report["safety"] == "emergency", (said, report["intent"], report["safety"])


# "each hour" said first tells of no time a symptom began (not "in the last hour"): asked of the
# walk it is the hourly walk reminder (clinical.md: get up every hour); of anything else, a plain
# account, never the recovery time.
@pytest.mark.parametrize("locale, said, intent", [
    ("en-US", "each hour should i get up and walk", "WalkReminderIntent"),
    ("en-GB", "each hour remind me to get up", "WalkReminderIntent"),
    ("en-AU", "each hour remind me to walk", "WalkReminderIntent"),
])
def test_each_hour_asked_of_the_walk_is_the_walk_reminder(locale, said, intent):
    heard = load_nlu(model_path(locale)).hear(said).intent
    assert heard == intent, (locale, said, heard)


@pytest.mark.parametrize("locale, said", [
    ("en-US", "each hour i need the loo"), ("en-GB", "each hour i get up and walk like you said"),
    ("en-US", "each hour i have to pee"), ("en-CA", "each hour i get up like you said"),
])
def test_each_hour_said_of_anything_else_is_no_time_a_symptom_began(locale, said):
    assert NLU.hear(said).intent != "DescribeLastHourIntent", (said, NLU.hear(said).intent)
    talk = Conversation(default_handler(), locale=locale, user_id="describe-each-hour")
    report = talk.line("tell back spasm coach " + said)[-1]
    assert report["safety"] in (None, "none", "clarify"), (said, report["intent"], report["safety"])


# "Thanks mate" is thanks, not an answer to a safety question, and "every hour i get up and
# walk around" is a habit, not a time course said first: neither is heard as one (clinical.md:
# Red flags, only what is told is asked about; "mate, both me legs" still answers).
@pytest.mark.parametrize("said, not_heard_as", [
    ("thanks mate", "SafetyAnswerIntent"),
    ("every hour i get up and walk around", "DescribeLastHourIntent"),
    ("hour by hour i do a few stretches", "DescribeLastHourIntent"),
])
def test_thanks_mate_or_an_hourly_habit_is_not_heard_as_a_finding(said, not_heard_as):
    for locale in model_locales():
        heard = load_nlu(model_path(locale)).hear(said)
        assert heard.intent != not_heard_as, (locale, said, heard)


@pytest.mark.parametrize("said", [
    # The temperature or the thermometer named first (clinical.md: Red flags, urgent row, fever):
    # its own intent keeps the word the triage reads a reading with.
    "thermometer reads thirty eight point five and my back aches", "thermometer said a hundred and one this morning",
    "temperature keeps coming and going with this back pain",
    "temperature is coming since yesterday", "temperature been coming every evening",
    "temperature of thirty nine and shivering", "temperature thirty eight and rising",
    # Sweating named first (clinical.md: emergency row, chest pain spreading to an arm or the
    # jaw; NHS heart attack symptoms: sweating, feeling sick): "clammy and ..." keeps its meaning.
    "clammy and dizzy and my left arm aches", "clammy and sick with a pain in my jaw",
    "sweaty and sick, and an ache going into my left arm",
    "clammy and pale with an ache in my arm", "sweating and sick with a pain in my left arm", "clammy and my jaw aches",
])
def test_a_sentence_opened_by_the_temperature_or_sweating_is_routed(said):
    _routed_one_shot(said, "describe-temperature")
