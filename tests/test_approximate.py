"""The approximate hearing: a classifier trained on the interaction model alone.

Its thresholds are checked here on what it may learn from (the model's samples, each left out in
turn) and on requests meant for other skills, written for this test; never on a test set.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasm_coach_tools.simulator import approximate
from spasm_coach_tools.simulator.approximate import ApproximateNLU, learnable, plain_request
from spasm_coach_tools.simulator.nlu import ER_MATCH, FALLBACK, load_nlu, normalize

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "interaction_model").glob("*.json"))

MODEL = {"interactionModel": {"languageModel": {
    "invocationName": "back spasm coach",
    "intents": [
        {"name": "AMAZON.FallbackIntent", "samples": []},
        {"name": "AMAZON.StopIntent", "samples": []},
        {"name": "AMAZON.YesIntent", "samples": []},
        {"name": "SpasmIntent", "samples": ["my back is spasming", "my back has gone into spasm",
                                            "my back just seized up"]},
        {"name": "StartIntent", "samples": ["start the stretches", "let's do the stretches", "begin stretching"]},
        {"name": "TimerIntent", "slots": [{"name": "Pack", "type": "PACK"},
                                          {"name": "Length", "type": "AMAZON.DURATION"}],
         "samples": ["set a {Pack} timer", "set a {Pack} timer for {Length}", "time my {Pack}"]},
        {"name": "DescribeIntent", "slots": [{"name": "Words", "type": "AMAZON.SearchQuery"}],
         "samples": ["my {Words}", "i have {Words}"]},
    ],
    "types": [{"name": "PACK", "values": [
        {"id": "heat", "name": {"value": "heat", "synonyms": ["hot water bottle", "heat pack"]}},
        {"id": "ice", "name": {"value": "ice", "synonyms": ["ice pack", "frozen peas"]}},
    ]}],
}}}

# Requests for other skills: none of them is about this one.
ELSEWHERE = [
    "what's the weather like tomorrow", "play some jazz music", "turn on the kitchen lights",
    "what time is it in tokyo", "tell me a joke", "add milk to my shopping list",
    "who won the football last night", "how many ounces in a pound", "call my mum",
    "what's on my calendar today", "set an alarm for seven in the morning", "order more dog food",
    "how tall is mount everest", "spell necessary", "what's two plus two", "read me the news",
    "play the radio", "how do you make pancakes", "what's the capital of australia",
    "lock the front door", "is it going to rain", "find me a recipe for lasagne",
    "what's the score in the cricket", "translate hello into french", "how far is the moon",
    "buy a new phone charger", "what films are on tonight", "sing me a song",
    "what's the traffic like on the way to work", "remind me to buy bread", "who is the prime minister",
    "turn the volume up", "what's the exchange rate for euros", "how do i change a tyre",
    "play my workout playlist", "what's the best pizza place near me", "send a message to dave",
    "start the dishwasher", "what's the meaning of life", "how old is the queen",
]
# Of the model's own samples, left out of training one at a time, at least this share must
# still be heard as their own intent.
LEAVE_ONE_OUT_MIN = 0.85


@pytest.fixture(scope="module")
def nlu():
    return ApproximateNLU(MODEL)


def test_a_sample_said_as_written_is_heard_exactly(nlu):
    heard = nlu.hear("set a heat timer")
    assert heard.intent == "TimerIntent" and heard.confidence is None
    assert heard.slots["Pack"].resolved_id == "heat"


def test_words_near_a_sample_are_heard_with_a_confidence(nlu):
    heard = nlu.hear("could you please start the stretches now thanks")
    assert heard.intent == "StartIntent"
    heard = nlu.hear("begin the stretches")
    assert heard.intent == "StartIntent" and heard.confidence >= approximate.CONFIDENCE
    assert heard.sample in ("start the stretches", "begin stretching")


def test_slots_are_filled_from_the_words(nlu):
    heard = nlu.hear("could you set me a timer for the hot water bottle for fifteen minutes")
    assert heard.intent == "TimerIntent"
    pack = heard.slots["Pack"]
    assert (pack.value, pack.er_status, pack.resolved_id) == ("hot water bottle", ER_MATCH, "heat")
    assert heard.slots["Length"].value == "PT15M"


def test_far_from_every_sample_is_fallback(nlu):
    for said in ("play some jazz music", "what's the weather like tomorrow", "order a taxi"):
        assert nlu.hear(said).intent == FALLBACK, said


def test_a_carrier_phrase_keeps_words_no_other_intent_accounts_for(nlu):
    heard = nlu.hear("my left leg has gone numb")
    assert heard.intent == "DescribeIntent" and heard.slots["Words"].value == "left leg has gone numb"
    heard = nlu.hear("my back has just gone and now my left leg is numb")
    assert heard.intent == "DescribeIntent" and heard.confidence is None


def test_a_carrier_gives_way_when_an_intent_accounts_for_every_word(nlu):
    heard = nlu.hear("my back has just seized up into spasm")
    assert heard.intent == "SpasmIntent" and heard.confidence is not None


def test_an_intent_that_takes_a_value_on_its_own_must_account_for_every_word():
    nlu = load_nlu(ROOT / "interaction_model" / "en-US.json", hearing="approximate")
    assert nlu.hear("will losing weight help my back").intent != "SymptomIntent"
    assert nlu.hear("do i do both legs").intent != "SafetyAnswerIntent"


def test_a_one_shot_prefers_what_the_model_matches_to_a_guess():
    nlu = load_nlu(ROOT / "interaction_model" / "en-US.json", hearing="approximate")
    heard = nlu.hear("ask back spasm coach that stretch made it much worse and it's still hurting")
    assert heard.one_shot and heard.confidence is None and "Description" in heard.slots


def test_hesitations_and_ignored_words_are_not_learnt_from_the_request():
    assert plain_request(normalize("um could you uh start the stretches please")) == \
        ("start", "the", "stretches")


def test_it_learns_from_the_model_alone(nlu):
    """Every word it knows comes from a sample, a slot value or synonym, a built-in phrase."""
    allowed = set()
    for sample in nlu.samples:
        allowed |= {p for p in sample.pieces if isinstance(p, str)}
    for table in nlu.types.values():
        for phrase in table.phrases:
            allowed |= set(phrase)
    allowed |= {w for words in approximate.BUILT_IN_FILLS.values() for w in words}
    learnt = {f[2:] for f in nlu.classifier.idf if f.startswith("w:")}
    assert learnt <= allowed


def test_load_nlu_gives_each_hearing_and_refuses_others():
    path = MODELS[0]
    assert type(load_nlu(path)).__name__ == "NLU"
    assert isinstance(load_nlu(path, hearing="approximate"), ApproximateNLU)
    with pytest.raises(ValueError):
        load_nlu(path, hearing="lenient")


# --- the thresholds, on every model of the project --------------------------------------------

@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_requests_for_other_skills_fall_back(path):
    nlu = load_nlu(path, hearing="approximate")
    heard = {said: nlu.hear(said).intent for said in ELSEWHERE}
    wrong = {said: intent for said, intent in heard.items()
             if intent != FALLBACK and nlu.hear(said).confidence is not None}
    assert wrong == {}


def test_the_models_own_samples_left_out_of_training_are_still_mostly_heard_as_their_intent():
    """Leave-one-out over every eighth sample of the shared English model (en-US adds a few)."""
    nlu = load_nlu(ROOT / "interaction_model" / "en-US.json", hearing="approximate")
    right = total = 0
    for sample in list(filter(learnable, nlu.samples))[::8]:
        words = plain_request(nlu._fillings(sample)[0])
        guess = nlu.classifier.best(words, leave_out=(sample.intent, sample.text))
        total += 1
        right += guess is not None and guess.intent == sample.intent and guess.score >= approximate.CONFIDENCE
    assert right / total >= LEAVE_ONE_OUT_MIN, "%d of %d" % (right, total)


# Requests for this skill, written for this test, said the way people say them.
HERE = ["i would like to begin the stretching exercises", "my back has gone again", "can i have a hot bath",
        "how long should i keep the ice on", "is it alright to go for a walk", "put a timer on for my heat",
        "i think i need to see someone", "what can i do for it", "slow it down a bit", "that one is too hard"]


def test_the_best_guess_is_the_first_of_every_guess():
    """`best` skips examples that cannot come first: it must give what ranking them all gives."""
    nlu = load_nlu(ROOT / "interaction_model" / "en-US.json", hearing="approximate")
    said = [plain_request(normalize(text)) for text in ELSEWHERE + HERE]
    for words in said:
        guesses = nlu.classifier.guesses(words)
        assert nlu.classifier.best(words) == (guesses[0] if guesses else None), words
    for sample in list(filter(learnable, nlu.samples))[::60]:
        words = plain_request(nlu._fillings(sample)[0])
        out = (sample.intent, sample.text)
        guesses = nlu.classifier.guesses(words, leave_out=out)
        assert nlu.classifier.best(words, leave_out=out) == (guesses[0] if guesses else None), words


def test_the_simulator_command_takes_the_hearing():
    import io
    from spasm_coach_tools.simulator import cli
    out = io.StringIO()
    assert cli.main("simulate", ["--hearing", "approximate", "--now", "2026-12-01T15:00:00Z"],
                    stdin=io.StringIO("open back spasm coach\nhow about we begin the stretches\n"),
                    stdout=out) == 0
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    assert reports[-1]["intent"] == "StartRoutineIntent" and reports[-1]["confidence"] is not None
