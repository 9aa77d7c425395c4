"""Hearing requests by kind, not by phrase: a question or request that no sample spells out
reaches the skill with its words after a carrier (a question word, a modal, a polite opener),
and is answered as the request or topic it names; a yes word inside a longer request is not
taken for yes; a timer asked about by its pack, or a change asked for in everyday words, does
what was asked."""
import json

import pytest

from envelopes import Said, intent, speaks
from lambda_function import lambda_handler
from spasm_coach.content import for_locale
from spasm_coach.handlers.describe import REQUEST_INTENTS
from spasm_coach.handlers.wording import topic_in, words_of
from spasm_coach_tools.simulator.conversation import Conversation
from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path

NLU = load_nlu(model_path("en-US"))
ROUTINE = {"routine": {"id": "gentle", "step": 2, "part": 0, "status": "active"}, "screened": True}
LAUNCHED = {"pending": "launch"}


def send(name, words, attributes=None):
    slot = "Description" if name.startswith("Describe") else "Request"
    return Said(lambda_handler(intent(name, {slot: words}, dict(attributes or {})), None))


@pytest.mark.parametrize("said,carrier,rest", [
    ("how do i get settled on the sofa", "RequestHowIntent", "do i get settled on the sofa"),
    ("could we make each hold go on a bit longer", "RequestCouldIntent", "we make each hold go on a bit longer"),
    ("is it a good idea to go bowling on sunday", "RequestIsIntent", "it a good idea to go bowling on sunday"),
    ("nah let's leave that one out", "RequestNahIntent", "lets leave that one out"),
    ("kindly put a clock on the wheat bag", "RequestKindlyIntent", "put a clock on the wheat bag"),
])
def test_a_request_no_sample_spells_out_reaches_the_skill_with_its_words(said, carrier, rest):
    heard = NLU.hear(said)
    assert heard.intent == carrier, said
    assert heard.slots["Request"].words == rest


def test_a_longer_carrier_or_a_sample_said_as_written_still_wins():
    assert NLU.hear("what if my legs go numb").intent == "DescribeWhatIfIntent"
    assert NLU.hear("how many are left").intent == "HowManyLeftIntent"
    assert NLU.hear("can i go to work").intent == "WorkInfoIntent"


@pytest.mark.parametrize("locale", model_locales())
def test_every_request_carrier_is_handled_and_read_with_its_meaning(locale):
    model = json.loads(model_path(locale).read_text())["interactionModel"]["languageModel"]
    carried = {i["name"] for i in model["intents"] if i["name"].startswith("Request")
               and [s["type"] for s in i.get("slots", [])] == ["AMAZON.SearchQuery"]}
    assert carried == set(REQUEST_INTENTS)
    meanings = for_locale(locale).raw("describe.carrier_meaning")
    for name in ("RequestHowIntent", "RequestWhatIntent", "RequestCanIntent", "RequestNahIntent"):
        assert meanings.get(name), name


@pytest.mark.parametrize("name,words,topic", [
    ("RequestCanIntent", "i still go bowling at the weekend", "exercise"),
    ("RequestIsIntent", "it fine to do the vacuuming with my back like this", "work"),
    ("RequestHowIntent", "should i lie so the pressure comes off", "comfortable"),
    ("RequestWhatIntent", "brings these on in the first place", "causes"),
    ("RequestShouldIntent", "i take something over the counter", "medicine"),
    ("RequestShouldIntent", "i lie in bed until it passes", "activity"),
    ("RequestIsIntent", "there a way to keep this from recurring", "prevention"),
])
def test_a_question_after_a_question_word_gets_its_topic(name, words, topic):
    _gets_topic(name, words, None, topic)


def test_a_yes_word_inside_a_question_is_the_question_not_a_yes():
    # "Is your back in spasm right now?" waiting: "okay" is no answer to it here.
    said = send("DescribeIntent", "think its okay to do the gardening today", LAUNCHED)
    assert said.says("info.work.lines") and not said.says("relief.lines")
    said = send("RequestLetsIntent", "do the stretching then", LAUNCHED)
    assert not said.says("relief.lines")
    assert said.attributes.get("pending") == "screening_legs"  # the stretches' screening begins


def test_a_yes_or_no_in_other_words_still_answers_the_question():
    said = send("RequestIsIntent", "good for me", {"pending": "offer_stretches"})
    assert said.attributes.get("pending") == "screening_legs"
    said = send("RequestNahIntent", "i would prefer not to", {"pending": "offer_stretches"})
    assert said.end is True and "routine" not in said.attributes


@pytest.mark.parametrize("name,words,key,value", [
    ("RequestCouldIntent", "you step it up a bit i know these", "pace", None),
    ("RequestCanIntent", "we stay longer in each stretch", "hold", "longer"),
    ("RequestThatsIntent", "too much holding for me decrease it", "hold", "shorter"),
])
def test_a_change_of_pace_or_hold_in_everyday_words(name, words, key, value):
    attributes = dict(ROUTINE, prefs={"pace": "slower"}) if key == "pace" else ROUTINE
    said = send(name, words, attributes)
    assert (said.attributes.get("prefs") or {}).get(key) == value, (words, said.text)
    assert said.attributes["routine"]["status"] == "active"


def test_how_many_are_left_and_moving_on_in_other_words():
    said = send("RequestIsIntent", "we nearly at the end of them", ROUTINE)
    asked = Said(lambda_handler(intent("HowManyLeftIntent", None, dict(ROUTINE)), None))
    assert said.text == asked.text and said.attributes["routine"] == ROUTINE["routine"]
    said = send("RequestKindlyIntent", "on to the cat cow then", ROUTINE)
    moved = Said(lambda_handler(intent("AMAZON.NextIntent", None, dict(ROUTINE)), None))
    assert said.attributes["routine"] == moved.attributes["routine"] != ROUTINE["routine"]


def test_feeling_the_same_in_other_words_is_answered_as_the_same_with_nothing_left_out():
    said = send("DescribeCantIntent", "say i notice any difference", ROUTINE)
    same = Said(lambda_handler(intent("FeelingSameIntent", None, dict(ROUTINE)), None))
    assert said.text == same.text and not said.attributes.get("left_out")


@pytest.fixture
def heat_timer_set(api_standin, simulated_skill):
    api_standin.reset()
    talk = Conversation(simulated_skill, now="2026-11-20T15:00:00Z", apis=api_standin)
    talk.run(["open back spasm coach", "set a heat timer"])
    assert len(talk.active_timers()) == 1
    return talk


@pytest.mark.parametrize("said", ["how much longer has the heat pack got", "is the wheat bag done yet",
                                  "how long till it comes off"])
def test_asking_about_a_timer_by_its_pack_reads_it_and_creates_none(heat_timer_set, said):
    before = heat_timer_set.active_timers()
    report = heat_timer_set.line(said)[-1]
    assert report["intent"] in REQUEST_INTENTS and report["timers"] == [], report
    assert heat_timer_set.active_timers() == before
    assert report["end_session"] is not True or "left" in report["speech"]


def test_stopping_in_everyday_words_ends_the_session(heat_timer_set):
    report = heat_timer_set.line("that is enough for me now you can switch yourself off")[-1]
    assert report["end_session"] is True and report["safety"] is None


# A command, then the reason for it: the verb carries the rest (RequestDeleteIntent,
# RequestPauseIntent, ...), and its meaning is read before the reason.
@pytest.mark.parametrize("said,carrier", [
    ("bin the timer the pack has gone cold anyway", "RequestDeleteIntent"),
    ("hang about the kettle is boiling", "RequestPauseIntent"),
    ("end it here i have to pick up the kids", "RequestStopIntent"),
    ("leave out the cat cow my wrists are not up to it", "RequestSkipIntent"),
    ("set one up for the wheat bag it is on my back now", "RequestStartIntent"),
    ("nudge me to get up every hour i sit at a desk", "RequestRemindIntent"),
])
def test_a_command_with_its_reason_after_it_reaches_the_skill_with_its_words(said, carrier):
    _carried_with_the_rest(said, carrier)


def _answers_as(name, words, attributes, wanted):
    """Said as `name` with `words`: answered as `wanted` would be, in the same conversation."""
    said = send(name, words, attributes)
    assert said.text == answered_as(wanted, attributes).text, (words, said.text)


def _gets_topic(name, words, attributes, topic):
    """Said as `name` with `words`: the topic's information, and no safety answer."""
    said = send(name, words, attributes)
    assert said.says("info.%s.lines" % topic), (words, said.text)
    assert said.attributes.get("safety") is None
    return said


def _carried_with_the_rest(said, carrier):
    """Heard as `carrier`, its Request slot holding some of the words said after it."""
    heard = NLU.hear(said)
    assert heard.intent == carrier, said
    assert heard.slots["Request"].words and heard.slots["Request"].words in said


@pytest.mark.parametrize("said,topic", [("hold it the postman is at the door", "pause"),
                                        ("skip this one my knees are not good today", "skip"),
                                        ("stop there please i have had plenty", "stop")])
def test_a_routine_command_with_a_reason_does_what_the_command_says(said, topic):
    heard = NLU.hear(said)
    said_ = send(heard.intent, heard.slots["Request"].words, ROUTINE)
    if topic == "pause":
        assert said_.says("routine_lines.paused")
    elif topic == "skip":
        assert said_.attributes["routine"]["step"] > ROUTINE["routine"]["step"]
    else:
        assert said_.end is True
    assert said_.attributes.get("safety") is None


def test_forgetting_with_a_reason_asks_to_delete():
    heard = NLU.hear("erase whatever you saved about me it is a shared speaker")
    said = send(heard.intent, heard.slots["Request"].words, LAUNCHED)
    assert said.attributes.get("pending") == "forget"


@pytest.mark.parametrize("said,done", [("ditch the timer i put the pack back in the freezer", "cancel"),
                                       ("freeze the timer the dog wants out", "pause")])
def test_a_timer_command_with_a_reason_changes_the_timer_and_creates_none(heat_timer_set, said, done):
    before = heat_timer_set.active_timers()
    report = heat_timer_set.line(said)[-1]
    assert report["intent"] in REQUEST_INTENTS and report["timers"] == [], report
    after = heat_timer_set.active_timers()
    if done == "cancel":
        assert before and not after
    else:
        assert len(after) == 1 and after[0].get("status") == "PAUSED", after


@pytest.mark.parametrize("said", ["hang on my legs have both gone numb", "stop i have wet myself"])
def test_a_red_flag_after_a_command_is_still_routed(said):
    heard = NLU.hear(said)
    said_ = send(heard.intent, heard.slots["Request"].words, ROUTINE)
    assert said_.attributes.get("safety") == "emergency" or said_.end is True


def test_a_doctor_question_mid_routine_is_answered_not_taken_for_moving_on():
    said = send("RequestShouldIntent", "i get my gp to look at it before i keep going with these", ROUTINE)
    assert said.says("info.doctor.lines"), said.text
    assert said.attributes["routine"] == ROUTINE["routine"]


@pytest.mark.parametrize("said", ["at what point do i need a doctor for this", "when to go to the gp about my back"])
def test_asking_when_in_other_words_reaches_the_skill_and_gets_the_doctor_answer(said):
    heard = NLU.hear(said)
    assert heard.intent == "RequestWhenIntent", said
    assert send(heard.intent, heard.slots["Request"].words, LAUNCHED).says("info.doctor.lines")


def test_a_question_meant_to_stop_it_coming_back_is_about_prevention():
    said = send("RequestShouldIntent", "i go swimming more so this does not happen again", LAUNCHED)
    assert said.says("info.prevention.lines"), said.text


def test_staying_lying_down_or_getting_up_is_a_question_about_rest_not_a_routine():
    said = send("RequestShouldIntent", "i just stay lying on the floor or get up", LAUNCHED)
    assert said.says("info.activity.lines"), said.text
    assert "routine" not in said.attributes and said.attributes.get("pending") != "screening_legs"


@pytest.mark.parametrize("words", ["oof that one is really sore", "ow ow this one hurts"])
def test_pain_in_a_stretch_in_words_of_ones_own_is_that_hurts(words):
    said = Said(lambda_handler(intent("DescribeIntent", {"Description": words}, dict(ROUTINE)), None))
    hurts = Said(lambda_handler(intent("PainIntent", None, dict(ROUTINE)), None))
    assert said.attributes.get("left_out") == hurts.attributes.get("left_out") and said.attributes["left_out"]
    # The same legs question as "that hurts" (a safety question), and no level raised.
    assert said.attributes.get("pending") == hurts.attributes.get("pending") == "pain_leg"
    assert said.attributes.get("safety") is None


def test_pain_said_outside_a_routine_still_gets_the_clarifying_question():
    said = Said(lambda_handler(intent("DescribeIntent", {"Description": "ow ow this one hurts"}, dict(LAUNCHED)), None))
    assert said.attributes.get("pending") == "clarify_pain" and not said.attributes.get("left_out")


# A change of pace or hold, going back, or a timer named first, and then more words.
@pytest.mark.parametrize("said,carrier,key,value", [
    ("slower please i am getting on a bit", "RequestSlowerIntent", "pace", "slower"),
    ("speak more slowly english is not my first language", "RequestSpeakIntent", "pace", "slower"),
    ("hurry up i know this one", "RequestFasterIntent", "pace", None),
    ("make each hold longer i can manage more", "RequestMakeIntent", "hold", "longer"),
])
def test_a_change_with_more_words_after_it_is_made(said, carrier, key, value):
    heard = NLU.hear(said)
    assert heard.intent == carrier, said
    attributes = dict(ROUTINE, prefs={"pace": "slower"}) if key == "pace" and value is None else ROUTINE
    done = send(heard.intent, heard.slots["Request"].words, attributes)
    assert (done.attributes.get("prefs") or {}).get(key) == value, (said, done.text)
    assert done.attributes["routine"]["status"] == "active"


def test_going_back_in_other_words_goes_back():
    heard = NLU.hear("rewind to the stretch we just did")
    assert heard.intent == "RequestBackIntent"
    said = send(heard.intent, heard.slots["Request"].words, ROUTINE)
    assert said.attributes["routine"]["step"] < ROUTINE["routine"]["step"]


@pytest.mark.parametrize("said,done", [("timer off now the pack is cold", "cancel"),
                                       ("hows that timer of mine doing", "check")])
def test_a_timer_named_first_does_what_is_asked_and_creates_none(heat_timer_set, said, done):
    before = heat_timer_set.active_timers()
    report = heat_timer_set.line(said)[-1]
    assert report["intent"] in REQUEST_INTENTS and report["timers"] == [], report
    after = heat_timer_set.active_timers()
    assert (not after) if done == "cancel" else (after == before)


@pytest.mark.parametrize("said,wanted", [("loads better honestly", "FeelingBetterIntent"),
                                         ("meh no change", "FeelingSameIntent"),
                                         ("a bit worse to be honest", "FeelingWorseIntent"),
                                         ("much better i think ta", "FeelingBetterIntent")])
def test_an_answer_with_a_filler_around_it_is_heard_as_the_answer(said, wanted):
    assert NLU.hear(said).intent == wanted, said


@pytest.mark.parametrize("locale,words,topic", [
    ("en-GB", "paracetamol any use for this", "medicine"),
    ("en-IN", "i take dolo or not", "medicine"),
    ("en-CA", "i put my magic bag on it", "heat_ice"),
])
def test_a_locale_s_own_words_for_a_topic_are_heard_there_and_not_read_into_every_locale(locale, words, topic):
    said = Said(lambda_handler(intent("RequestShouldIntent", {"Request": words}, dict(LAUNCHED), locale=locale), None))
    assert said.says("info.%s.lines" % topic, locale=locale), (locale, said.text)
    assert topic_in(words_of("should " + words), for_locale(locale).raw("describe.topics")) == topic
    if topic == "medicine":  # en-US content never says paracetamol: its words do not take it in
        assert topic_in(words_of("should " + words), for_locale("en-US").raw("describe.topics")) is None


# A request that opens with the word that matters most: only, again, restart, done, finish,
# enough, sure; the rest of it after.
@pytest.mark.parametrize("said,carrier", [
    ("only the ones on the mat my knees are shot", "RequestOnlyIntent"),
    ("again from beginning all of them", "RequestAgainIntent"),
    ("restart the lot from the first stretch", "RequestRestartIntent"),
    ("done that one what comes after", "RequestDoneIntent"),
    ("enough now the kids are home", "RequestEnoughIntent"),
    ("sure thing lets give it a go", "RequestSureIntent"),
])
def test_a_request_opening_with_its_key_word_reaches_the_skill_with_the_rest(said, carrier):
    _carried_with_the_rest(said, carrier)


def test_only_the_floor_ones_asks_for_the_lying_down_routine():
    said = send("RequestOnlyIntent", "the floor ones today i cannot kneel", LAUNCHED)
    # The screening questions come first; the lying-down routine is what they lead to.
    assert (said.attributes.get("deferred") or {}).get("lying_only") is True, said.text


def test_again_from_the_beginning_starts_over():
    said = send("RequestAgainIntent", "from beginning all the stretches", ROUTINE)
    assert said.attributes["routine"]["step"] == 0, said.text


def test_done_with_this_one_moves_on_and_enough_for_today_ends():
    said = send("RequestDoneIntent", "that one lets keep going", ROUTINE)
    moved = Said(lambda_handler(intent("AMAZON.NextIntent", None, dict(ROUTINE)), None))
    assert said.attributes["routine"] == moved.attributes["routine"] != ROUTINE["routine"]
    said = send("RequestEnoughIntent", "for today cheerio", ROUTINE)
    assert said.end is True and said.attributes.get("safety") is None


def test_sure_in_other_words_takes_the_offer():
    said = send("RequestSureIntent", "thing lets get into it", {"pending": "offer_stretches"})
    assert said.attributes.get("pending") == "screening_legs"


@pytest.mark.parametrize("words,key,value", [("for more seconds on each one", "hold", "longer"),
                                             ("less long i am flagging", "hold", "shorter")])
def test_hold_said_of_the_holds_changes_them_and_does_not_pause(words, key, value):
    assert NLU.hear("hold " + words).intent == "RequestHoldIntent"
    said = send("RequestHoldIntent", words, ROUTINE)
    assert (said.attributes.get("prefs") or {}).get(key) == value, said.text
    assert said.attributes["routine"]["status"] == "active" and not said.says("routine_lines.paused")


@pytest.mark.parametrize("said,wanted", [("bit better ta", "FeelingBetterIntent"), ("bit worse", "FeelingWorseIntent"),
                                         ("same like before", "FeelingSameIntent")])
def test_a_feeling_said_without_its_article_or_with_a_comparison_is_heard(said, wanted):
    assert NLU.hear(said).intent == wanted


@pytest.mark.parametrize("words", ["that pinches a lot", "ooh it is catching me there"])
def test_a_pinch_in_a_stretch_is_that_hurts(words):
    said = send("DescribeIntent", words, ROUTINE)
    assert said.attributes.get("left_out") and said.attributes.get("pending") == "pain_leg", said.text


@pytest.mark.parametrize("name,words", [("RequestWantIntent", "a short break please"),
                                        ("RequestStopIntent", "for a little moment i will be right there")])
def test_a_short_break_or_a_moment_mid_routine_pauses_it(name, words):
    said = send(name, words, ROUTINE)
    assert said.says("routine_lines.paused"), said.text
    assert "short" not in (said.attributes.get("routine") or {}).get("id", "")


def test_ease_up_slows_down_and_the_last_part_is_said_again():
    heard = NLU.hear("ease up on the talking a bit")
    assert heard.intent == "RequestSlowerIntent"
    said = send(heard.intent, heard.slots["Request"].words, ROUTINE)
    assert (said.attributes.get("prefs") or {}).get("pace") == "slower"
    said = send("RequestWhatIntent", "was that last part", ROUTINE)
    assert said.attributes["routine"] == ROUTINE["routine"] and not said.says("describe.not_followed_routine")


@pytest.mark.parametrize("said", ["could you stop the clock while i heat it up again",
                                  "stop the timer for a minute i am turning the pack over"])
def test_stopping_a_timer_for_a_while_pauses_it_and_keeps_it(heat_timer_set, said):
    report = heat_timer_set.line(said)[-1]
    assert report["intent"] in REQUEST_INTENTS and report["timers"] == [], report
    after = heat_timer_set.active_timers()
    assert len(after) == 1 and after[0].get("status") == "PAUSED", after


def answered_as(wanted, attributes):
    """The response the intent `wanted` gets in the same state, to compare a reading with."""
    return Said(lambda_handler(intent(wanted, None, dict(attributes)), None))


OFFERED = {"pending": "offer_stretches"}
PAUSED = {"routine": {"id": "gentle", "step": 2, "part": 0, "status": "paused"}, "screened": True}


@pytest.mark.parametrize("name,words,attributes,wanted", [
    # two words where a contraction could be are read as it
    ("DescribeIntent", "it has not changed at all", ROUTINE, "FeelingSameIntent"),
    ("RequestKindlyIntent", "i am done for the day", ROUTINE, "AMAZON.StopIntent"),
    # a short routine named as a quick (fast, small) version of it, not a change of pace
    ("RequestWantIntent", "a fast version today please", LAUNCHED, "ShortRoutineIntent"),
    ("RequestGiveIntent", "me the small one my bus is due", LAUNCHED, "ShortRoutineIntent"),
    # stepping away to fetch something pauses
    ("DescribeIntent", "got to get my glasses from the kitchen", ROUTINE, "AMAZON.PauseIntent"),
    # "this time" is no timer; leaving one out with its name in between skips it
    ("RequestCouldIntent", "we leave the pelvic tilt out this time my knees are stiff", ROUTINE, "SkipIntent"),
    # getting off the sofa is no cancelling of reminders
    ("RequestCanIntent", "you remind me to get off the sofa every hour", LAUNCHED, "WalkReminderIntent"),
    ("RequestDeleteIntent", "my account and forget me", LAUNCHED, "ForgetMeIntent"),
    ("RequestCanIntent", "we do them all lying flat", LAUNCHED, "LyingOnlyIntent"),
    ("RequestCanIntent", "we begin the whole routine again", ROUTINE, "AMAZON.StartOverIntent"),
    ("RequestWhatIntent", "commands can i give you during the stretches", ROUTINE, "AMAZON.HelpIntent"),
    ("RequestWhatIntent", "all is there for me to try", LAUNCHED, "AMAZON.HelpIntent"),
    ("RequestIsIntent", "there a lot more to get through", ROUTINE, "HowManyLeftIntent"),
    ("RequestIsIntent", "that the last one or is there another", ROUTINE, "HowManyLeftIntent"),
    ("RequestCanIntent", "we redo the knee to chest", ROUTINE, "AMAZON.PreviousIntent"),
    ("DescribeIntent", "sorry couldnt hear you", ROUTINE, "AMAZON.RepeatIntent"),
    ("RequestKindlyIntent", "take up from last time", PAUSED, "AMAZON.ResumeIntent"),
    ("DescribeNotIntent", "needed thanks", OFFERED, "AMAZON.NoIntent"),
    ("DescribeIntent", "certainly would", OFFERED, "AMAZON.YesIntent"),
    ("RequestStopIntent", "the session now thanks for your help", ROUTINE, "AMAZON.StopIntent"),
])
def test_a_request_read_by_its_kind_is_answered_as_its_intent(name, words, attributes, wanted):
    said = send(name, words, attributes)
    expected = answered_as(wanted, attributes)
    assert said.text == expected.text, (words, said.text)
    assert said.attributes.get("safety") is None


@pytest.mark.parametrize("name,words,attributes,key,value", [
    ("DescribeIntent", "need more time in each position", ROUTINE, "hold", "longer"),
    ("RequestSpeakIntent", "slow please my english is not good", ROUTINE, "pace", "slower"),
    ("DescribeNotIntent", "so fast please", ROUTINE, "pace", "slower"),
])
def test_a_change_of_hold_or_pace_said_by_its_kind_is_made(name, words, attributes, key, value):
    said = send(name, words, attributes)
    assert (said.attributes.get("prefs") or {}).get(key) == value, (words, said.text)


@pytest.mark.parametrize("name,words,attributes,topic", [
    # a question with "better" or "pain" in it is no feeling and no pain in the stretch
    ("RequestIsIntent", "it better to keep moving or stay put", ROUTINE, "activity"),
    ("RequestWhatIntent", "tablets are good for the pain", ROUTINE, "medicine"),
    ("RequestWhenIntent", "will it stop hurting", ROUTINE, "recovery"),
    # "next time" is no next stretch
    ("RequestHowIntent", "do i stop this happening next time", ROUTINE, "prevention"),
    # a question said without its verb ("physio any good?")
    ("DescribeIntent", "physio any good for this", LAUNCHED, "other_treatments"),
    # a pack named in bed is about the pack; how to lie while it is on, about comfort
    ("RequestCanIntent", "i use the heat pack in bed at bedtime", LAUNCHED, "heat_ice"),
    ("RequestKindlyIntent", "best to lie while the ice pack is on", LAUNCHED, "comfortable"),
    ("RequestShouldIntent", "i sleep the whole day", LAUNCHED, "activity"),
    ("RequestCanIntent", "i do the laundry today", LAUNCHED, "work"),
    ("RequestCanIntent", "i go for a surf this weekend", LAUNCHED, "exercise"),
    # a cause word wins over the activity that may have caused it
    ("RequestCouldIntent", "driving to work all day cause this", LAUNCHED, "causes"),
    ("RequestShouldIntent", "i get this looked at", LAUNCHED, "doctor"),
    ("RequestWouldIntent", "better posture help", LAUNCHED, "prevention"),
    ("RequestShouldIntent", "i buy a firmer bed", LAUNCHED, "sleep"),
    ("RequestWhatIntent", "position is best to rest in right now", LAUNCHED, "comfortable"),
])
def test_a_topic_read_by_its_kind_gets_its_answer(name, words, attributes, topic):
    _gets_topic(name, words, attributes, topic)


def test_a_spasm_now_and_what_to_do_gets_relief_before_the_topic_it_happened_in():
    said = send("DescribeIntent", "back went into spasm doing the gardening what do i do", LAUNCHED)
    assert said.says("relief.lines") and not said.says("info.work.lines"), said.text


def test_a_timer_held_a_moment_or_its_pack_paused_keeps_the_timer(heat_timer_set):
    for said in ("stop the timer a second the kettle is boiling", "could you pause the heat pack for a mo"):
        report = heat_timer_set.line(said)[-1]
        assert len(heat_timer_set.active_timers()) == 1, (said, report["speech"])
        assert report["timers"] == []


def test_asking_how_much_longer_a_pack_has_checks_the_timer(heat_timer_set):
    report = heat_timer_set.line("how's the heat pack coming along much longer to go")[-1]
    assert report["timers"] == [] and len(heat_timer_set.active_timers()) == 1, report["speech"]
    assert speaks(report["speech"], "timers.status.one"), report["speech"]


@pytest.mark.parametrize("said,carrier,attributes,wanted", [
    # a verb of change or of going on, before what it changes
    ("increase the length of each hold a little", "RequestIncreaseIntent", ROUTINE, "LongerHoldsIntent"),
    ("count a little quicker if you can", "RequestCountIntent", ROUTINE, "NormalPaceIntent"),
    ("do it a bit slower i cannot keep up", "RequestDoItIntent", ROUTINE, "SlowerIntent"),
    ("take it slow i am not as young as i was", "RequestTakeItIntent", ROUTINE, "SlowerIntent"),
    ("too fast i cannot follow", "RequestSlowerIntent", ROUTINE, "SlowerIntent"),
    ("talk me through some gentle stretches", "RequestThroughIntent", LAUNCHED, "StartRoutineIntent"),
    ("carry on with my stretches from last time", "RequestContinueIntent", PAUSED, "AMAZON.ResumeIntent"),
    ("proceed with the next one", "RequestProceedIntent", ROUTINE, "AMAZON.NextIntent"),
    ("leave this one i will do the rest", "RequestLeaveIntent", ROUTINE, "SkipIntent"),
    ("worse i would say", "RequestWorseIntent", ROUTINE, "FeelingWorseIntent"),
    ("good it has loosened right up", "RequestKindlyIntent", ROUTINE, "FeelingBetterIntent"),
    ("knock off the reminders please", "RequestDeleteIntent", LAUNCHED, "CancelRemindersIntent"),
])
def test_a_carrier_of_change_or_going_on_is_heard_and_read_with_its_meaning(said, carrier, attributes, wanted):
    heard = NLU.hear(said)
    assert heard.intent == carrier, said
    answer = send(carrier, heard.slots["Request"].words, attributes)
    assert answer.text == answered_as(wanted, attributes).text, (said, answer.text)


@pytest.mark.parametrize("said,carrier,topic", [
    # a question said without its verb, or a need said as a question
    ("worth trying a massage", "RequestWorthIntent", "other_treatments"),
    ("okay to go to the gym this week", "RequestBestIntent", "exercise"),
    ("best way to sit at my desk right now", "RequestBestWayIntent", "comfortable"),
    ("i need a doctor for this or not", "RequestNeedIntent", "doctor"),
    ("roughly how many days will this take", "RequestHowIntent", "recovery"),
])
def test_a_question_without_its_verb_is_heard_and_gets_its_topic(said, carrier, topic):
    heard = NLU.hear(said)
    assert heard.intent == carrier, said
    answer = send(carrier, heard.slots["Request"].words, LAUNCHED)
    assert answer.says("info.%s.lines" % topic), (said, answer.text)


@pytest.fixture(scope="module")
def hearings():
    return {locale: (load_nlu(model_path(locale)), load_nlu(model_path(locale), hearing="approximate"))
            for locale in ("en-US", "en-IN")}


@pytest.mark.parametrize("locale,said,wanted", [
    # "what's next" asks to go on, not for the count of those left
    ("en-US", "so what's next", "AMAZON.NextIntent"),
    # a refusal word before a skip is the skip, not a no
    ("en-US", "nope skip this one", "SkipIntent"),
    # a decline or an agreement in other words (Indian English yes words)
    ("en-US", "no need thank you", "AMAZON.NoIntent"),
    ("en-US", "yes by all means", "AMAZON.YesIntent"),
    ("en-IN", "haan theek hai", "AMAZON.YesIntent"),
    ("en-US", "yes i want that", "AMAZON.YesIntent"),
    # agreeing, or letting it go ahead, in a word of agreement or of proceeding
    ("en-US", "yes you may proceed", "AMAZON.YesIntent"),
    ("en-US", "okay i agree go ahead", "AMAZON.YesIntent"),
    # agreeing with an all-clear word: its own slot value, a yes to an offer (handlers/dialogue.py, agrees)
    ("en-US", "yeah no problem", "SafetyAnswerIntent"),
    # taking the walking reminders away is cancelling them, not asking for them
    ("en-US", "could you remove all of the walking reminders", "CancelRemindersIntent"),
    ("en-US", "take away my walking reminders", "CancelRemindersIntent"),
    # fewer seconds said as less
    ("en-US", "less holding time", "ShorterHoldsIntent"),
    # going on said casually (after a word on the last stretch it is still heard as that word)
    ("en-US", "yeah keep it going mate", "AMAZON.NextIntent"),
    ("en-US", "right then push on", "AMAZON.NextIntent"),
    # a casual goodbye
    ("en-US", "okay i'm out of here now", "AMAZON.StopIntent"),
    ("en-US", "that's me finished for the day thanks", "AMAZON.StopIntent"),
])
def test_everyday_answers_and_commands_are_heard_by_the_approximate_hearing(hearings, locale, said, wanted):
    """The classifier learns them from the model's samples: a confident guess is heard over a carrier."""
    assert hearings[locale][1].hear(said).intent == wanted, said


@pytest.mark.parametrize("said,pack", [
    ("start a ten minute timer for the ice pack", "ice"),
    ("switch me over to the heat timer", "heat"),
    ("start an ice one", "ice"),
])
def test_a_timer_asked_for_by_its_length_or_as_a_switch_is_heard(said, pack):
    heard = NLU.hear(said)
    assert heard.intent == "SetTimerIntent", said
    assert heard.slots["Pack"].resolved_id == pack


def test_let_me_know_when_a_pack_comes_off_starts_its_timer():
    # "let me ..." is a carrier: the skill reads "know when" without its "let me".
    said = send("RequestLetsIntent", "know when the peas need to come off", LAUNCHED)
    asked = [d for d in said.raw["response"].get("directives") or [] if d.get("name") == "AskFor"]
    assert asked and "timers" in asked[0]["payload"]["permissionScopes"][0]["permissionScope"], said.text


@pytest.mark.parametrize("name,words,topic", [
    # a word of the routine's own inside a question about a topic: the question, not the request
    ("RequestWouldIntent", "a chiropractor be better than these stretches", "other_treatments"),
    ("RequestCanIntent", "i go to the gym after this", "exercise"),
    ("RequestShouldIntent", "i have an ibuprofen before we carry on", "medicine"),
    # pain spoken of as what is to end or be spared is no pain in the stretch
    ("RequestHowIntent", "many days before the pain goes away", "recovery"),
    ("RequestIsIntent", "naproxen all right for my back pain", "medicine"),
])
def test_a_question_about_a_topic_mid_routine_is_not_taken_for_a_routine_request(name, words, topic):
    _gets_topic(name, words, ROUTINE, topic)


@pytest.mark.parametrize("name,words,attributes,wanted", [
    ("RequestCanIntent", "we go on to the next one", ROUTINE, "AMAZON.NextIntent"),
    ("DescribeIntent", "feel better after that one", ROUTINE, "FeelingBetterIntent"),
    ("RequestIsIntent", "it okay if i skip this one", ROUTINE, "SkipIntent"),
    ("DescribeIntent", "that one hurt my back should i stop", ROUTINE, "PainIntent"),
])
def test_a_routine_request_that_names_no_topic_is_still_the_request(name, words, attributes, wanted):
    _answers_as(name, words, attributes, wanted)


@pytest.mark.parametrize("name,words,topic", [
    # how one sits or lies and the pain spared, in either order: comfort, not prevention
    ("RequestHowIntent", "do i get on the couch so it doesnt hurt", "comfortable"),
    ("RequestWhatIntent", "way of lying causes the least pain", "comfortable"),
    # staying in bed in other words, and days on end
    ("RequestShouldIntent", "i have a duvet day tomorrow", "activity"),
    ("RequestShouldIntent", "i just lie flat for a couple of days", "activity"),
    ("RequestShouldIntent", "i avoid getting out of bed", "activity"),
    # everyday jobs about the house
    ("RequestCanIntent", "i still do things around the house", "work"),
    # a game one plays, a TENS unit, what set it off, a negated repeat, the doc
    ("RequestCanIntent", "i play in the match on saturday", "exercise"),
    ("RequestDoIntent", "tens units do anything for this", "other_treatments"),
    ("RequestWhatIntent", "might have set this off", "causes"),
    ("RequestHowIntent", "do i stop it so it does not repeat", "prevention"),
    ("RequestShouldIntent", "i get the doc to look at it", "doctor"),
])
def test_a_topic_said_in_other_forms_of_its_words_gets_its_answer(name, words, topic):
    _gets_topic(name, words, LAUNCHED, topic)


@pytest.mark.parametrize("said", [
    "when is the timer going off",  # when it goes off: a check, never a cancel
    "tell me the remaining time on the wheat bag",
    "i reckon its almost time to take the pack off",
])
def test_asking_when_a_timer_ends_in_other_words_checks_it_and_keeps_it(heat_timer_set, said):
    report = heat_timer_set.line(said)[-1]
    assert len(heat_timer_set.active_timers()) == 1, (said, report["speech"])
    assert report["timers"] == [] and "left" in report["speech"], report["speech"]


@pytest.mark.parametrize("said,pack", [
    ("ice pack timer start fifteen minutes", "ice"),
    ("time me on the heat pack", "heat"),
    ("start timing my ice pack", "ice"),
])
def test_a_pack_timer_said_pack_first_or_as_timing_is_heard(said, pack):
    heard = NLU.hear(said)
    assert heard.intent == "SetTimerIntent", said
    assert heard.slots["Pack"].resolved_id == pack


def test_pausing_it_while_a_timer_runs_pauses_the_timer(heat_timer_set):
    report = heat_timer_set.line("pause it for a little while")[-1]
    after = heat_timer_set.active_timers()
    assert len(after) == 1 and after[0].get("status") == "PAUSED", report["speech"]


@pytest.mark.parametrize("name,words,attributes,wanted", [
    # navigation and pace in other words
    ("DescribeIntent", "need to give this one a pass", ROUTINE, "SkipIntent"),
    ("RequestCouldIntent", "you say that part over", ROUTINE, "AMAZON.RepeatIntent"),
    ("RequestCanIntent", "we slow the pace a little", ROUTINE, "SlowerIntent"),
    ("RequestHoldIntent", "the routine please", ROUTINE, "AMAZON.PauseIntent"),
    ("RequestHowIntent", "many stretches before we finish", ROUTINE, "HowManyLeftIntent"),
    ("RequestWhichIntent", "ones are coming up", ROUTINE, "ListStretchesIntent"),
    # a feeling, an agreement, an ending, help, in other words
    ("DescribeMyIntent", "back feels more stiff after that", ROUTINE, "FeelingWorseIntent"),
    ("DescribeIntent", "righto then", OFFERED, "AMAZON.YesIntent"),
    ("DescribeIntent", "thats me finished", ROUTINE, "AMAZON.StopIntent"),
    ("RequestWhatIntent", "can you actually help with", LAUNCHED, "AMAZON.HelpIntent"),
    # a routine, a reminder, a shorter or lying-down routine asked for in other words
    ("RequestCanIntent", "we get cracking on the exercises", LAUNCHED, "StartRoutineIntent"),
    ("RequestTellIntent", "me to get moving each hour", LAUNCHED, "WalkReminderIntent"),
    ("RequestCanIntent", "you get rid of my walking reminders", LAUNCHED, "CancelRemindersIntent"),
    ("RequestCanIntent", "we do a ten minute version", LAUNCHED, "ShortRoutineIntent"),
    ("RequestRatherIntent", "keep to the ones on the floor", LAUNCHED, "LyingOnlyIntent"),
])
def test_a_request_said_in_other_words_of_its_kind_is_answered_as_its_intent(name, words, attributes, wanted):
    said = send(name, words, attributes)
    assert said.text == answered_as(wanted, attributes).text, (words, said.text)
    assert said.attributes.get("safety") is None


@pytest.mark.parametrize("name,words", [
    ("DescribeMyIntent", "backs out again"),
    ("DescribeIntent", "think its caught again"),
    ("DescribeIntent", "got a horrible knot low down"),
    ("DescribeIntent", "cant straighten up at all"),
])
def test_a_back_gone_caught_or_knotted_gets_relief(name, words):
    said = send(name, words, LAUNCHED)
    assert said.says("relief.lines"), (words, said.text)
    assert said.attributes.get("safety") is None


@pytest.mark.parametrize("said,wanted", [
    ("onwards", "AMAZON.NextIntent"),
    ("back up to the last one", "AMAZON.PreviousIntent"),
    ("steady on", "SlowerIntent"),
    ("kind of worse", "FeelingWorseIntent"),
    ("eased off a bit", "FeelingBetterIntent"),
])
def test_everyday_navigation_and_feedback_are_samples(said, wanted):
    assert NLU.hear(said).intent == wanted, said


def test_back_to_a_named_stretch_goes_to_it():
    heard = NLU.hear("take me back to the knee rolls")
    assert heard.intent == "StretchIntent" and heard.slots["Stretch"].resolved_id == "knee_rolls"


@pytest.mark.parametrize("name,words,topic", [
    # a medicine named as fine for the pain asks about it, question word or not
    ("DescribeIntent", "naproxen ok for my back", "medicine"),
    # how to position oneself is comfort
    ("RequestHowIntent", "should i position myself on the couch", "comfortable"),
    # when it will be gone or right again is recovery, never a timer
    ("RequestWouldIntent", "this be gone by christmas", "recovery"),
    ("RequestHowIntent", "long till im right again", "recovery"),
    ("RequestHowIntent", "much time it takes to heal up", "recovery"),
])
def test_a_topic_asked_by_what_is_fine_or_by_when_it_ends_gets_its_answer(name, words, topic):
    said = _gets_topic(name, words, LAUNCHED, topic)
    assert said.raw["response"].get("directives") in (None, []), said.text


def test_a_quick_version_of_some_minutes_is_the_short_routine_not_a_pace():
    said = send("RequestCanIntent", "we have a quick ten minute version", LAUNCHED)
    assert said.text == answered_as("ShortRoutineIntent", LAUNCHED).text, said.text


@pytest.mark.parametrize("name,words", [
    ("RequestWhatIntent", "can i take for this pain"),
    ("RequestIsIntent", "there anything to take for the pain"),
    ("DescribeIntent", "need a pain tablet for this"),
])
def test_a_medicine_question_naming_this_pain_mid_routine_gets_the_medicine_answer_not_that_hurts(name, words):
    said = send(name, words, ROUTINE)
    assert said.says("info.medicine.lines"), (words, said.text)
    assert said.attributes.get("pending") != "pain_leg" and said.attributes.get("safety") is None


def test_pain_in_the_stretch_said_mid_routine_is_still_that_hurts():
    said = send("DescribeIntent", "this stretch is really hurting me", ROUTINE)
    assert said.attributes.get("pending") == "pain_leg"


# --- going from one pack to the other, heat questions, relief and routine words by meaning ---

@pytest.mark.parametrize("said,pack", [
    ("the cold compress is finished so switch me over to heat", "heat"),
    ("right the heating pad is over now time the frozen peas", "ice"),
])
def test_a_pack_that_is_done_and_the_next_one_sets_the_next_one(hearings, said, pack):
    """Two packs named: the one said to be done is not the one to time (the approximate hearing
    fills each slot with the value said where the nearest sample has it)."""
    heard = hearings["en-US"][1].hear(said)
    assert heard.intent == "SetTimerIntent", (said, heard.intent)
    assert heard.slots["Pack"].resolved_id == pack, (said, {k: v.words for k, v in heard.slots.items()})


def test_a_pack_that_is_done_said_as_a_sample_is_heard_with_both_packs():
    heard = NLU.hear("the ice is off now time the heat")
    assert heard.intent == "SetTimerIntent"
    assert (heard.slots["Finished"].resolved_id, heard.slots["Pack"].resolved_id) == ("ice", "heat")


def test_a_pack_said_to_be_done_with_no_other_named_times_the_other_one():
    said = Said(lambda_handler(intent("SetTimerIntent", {"Finished": "ice"}, {}), None))
    assert "heat pack" in said.text, said.text


@pytest.mark.parametrize("said", [
    "would my wheat bag be any use for this",
    "should i pop the heat pad on once we're done",
    "is a warm compress better than the ice",
    "how many minutes can the gel pack stay on",
])
def test_a_question_about_a_pack_is_the_heat_and_ice_answer_not_a_timer(hearings, said):
    assert hearings["en-US"][1].hear(said).intent == "HeatIceInfoIntent", said


@pytest.mark.parametrize("said", ["how long to go on the wheat bag"])
def test_how_long_to_go_on_a_pack_checks_the_timer(hearings, said):
    assert hearings["en-US"][1].hear(said).intent == "TimerStatusIntent", said


@pytest.mark.parametrize("said", [
    "back is cramping up badly please help",
    "lower back has gone into lockdown",
    "back has caught really bad this morning",
])
def test_the_back_named_without_my_still_reaches_the_skill_and_gets_relief(said):
    heard = NLU.hear(said)
    assert heard.intent == "DescribeBackIntent", (said, heard.intent)
    answer = send("DescribeBackIntent", heard.slots["Description"].words, LAUNCHED)
    assert answer.says("relief.lines"), (said, answer.text)
    assert answer.attributes.get("safety") is None


@pytest.mark.parametrize("name,words", [
    ("DescribeMyIntent", "back is pulling something terrible"),
    ("DescribeIntent", "think its gone into lockdown"),
])
def test_a_back_pulling_or_locked_down_gets_relief(name, words):
    said = send(name, words, LAUNCHED)
    assert said.says("relief.lines"), (words, said.text)


@pytest.mark.parametrize("name,words", [
    ("DescribeExerciseIntent", "is pulling a fair bit"),
    ("DescribeIntent", "ooh that ones nipping"),
])
def test_a_stretch_pulling_or_twinging_is_that_hurts(name, words):
    _answers_as(name, words, ROUTINE, "PainIntent")


@pytest.mark.parametrize("name,words", [
    ("DescribeExerciseIntent", "was okay press on"),
    ("DescribeIntent", "that was grand off we go"),
    ("DescribeIntent", "keep things rolling"),
])
def test_going_on_said_after_a_word_on_the_last_stretch_moves_on(name, words):
    _answers_as(name, words, ROUTINE, "AMAZON.NextIntent")


@pytest.mark.parametrize("name,words,wanted", [
    ("DescribeIntent", "see some improvement", "FeelingBetterIntent"),
    ("DescribeIntent", "got a bit of relief from that", "FeelingBetterIntent"),
    ("DescribeIntent", "its all unchanged", "FeelingSameIntent"),
    ("DescribeIntent", "much as it was before", "FeelingSameIntent"),
])
def test_a_feeling_said_as_improvement_relief_or_unchanged_is_the_answer(name, words, wanted):
    _answers_as(name, words, ROUTINE, wanted)


@pytest.mark.parametrize("name,words", [
    ("DescribeIntent", "the lie down exercises today"),
    ("DescribeIntent", "the floor ones thanks"),
    ("DescribeIntent", "lying ones from here on"),
])
def test_the_lying_down_ones_asked_for_without_only_is_the_lying_down_routine(name, words):
    _answers_as(name, words, LAUNCHED, "LyingOnlyIntent")


@pytest.mark.parametrize("name,words,topic", [
    ("RequestWhatIntent", "is the usual healing time", "recovery"),
    ("RequestWouldIntent", "i be right for my sisters wedding", "recovery"),
    ("RequestIsIntent", "it the chair thats doing this to me", "causes"),
])
def test_healing_time_or_being_right_for_a_day_is_recovery_and_what_is_doing_this_is_causes(name, words, topic):
    _gets_topic(name, words, LAUNCHED, topic)


def test_pausing_with_no_pack_named_and_no_timer_running_mid_routine_pauses_the_routine():
    said = Said(lambda_handler(intent("PauseTimerIntent", None, dict(ROUTINE)), None))
    assert said.text == answered_as("AMAZON.PauseIntent", ROUTINE).text, said.text


# --- a length, a break one is on, a hold's time, a reminder's other names, placing oneself ---

@pytest.mark.parametrize("name,words", [
    ("DescribeIntent", "something fast maybe ten minutes"),
    ("RequestIsIntent", "there a quicker session im on my tea break"),
])
def test_minutes_with_quick_or_a_break_one_is_on_is_the_short_routine(name, words):
    _answers_as(name, words, LAUNCHED, "ShortRoutineIntent")


def test_the_time_of_a_hold_is_the_holds_not_a_timer():
    # '{BodyPart} is {Sensation}' filled with words of no symptom: "... holding time it" is no "time it"
    said = Said(lambda_handler(intent("SensationIntent", {"BodyPart": "kindly cut down the holding time it",
                                                          "Sensation": "too long"}, dict(ROUTINE)), None))
    assert (said.attributes.get("prefs") or {}).get("hold") == "shorter", said.text
    assert said.raw["response"].get("directives") in (None, []), said.text


@pytest.mark.parametrize("name,words,wanted", [
    ("DescribeIntent", "dont want the walking alarms now anymore", "CancelRemindersIntent"),
    ("DescribeDenialIntent", "nudges to get up thanks", "CancelRemindersIntent"),
    ("RequestTellIntent", "me when i need to get up and move", "WalkReminderIntent"),
])
def test_walking_reminders_by_their_other_names(name, words, wanted):
    _answers_as(name, words, LAUNCHED, wanted)


@pytest.mark.parametrize("name,words,topic", [
    ("DescribeImOnIntent", "the couch how do i prop up my back", "comfortable"),
    ("RequestHowIntent", "s best to sit in the car seat", "comfortable"),
    ("DescribeIntent", "where should i lean while we do these", "comfortable"),
    ("RequestWhatIntent", "s the best way to kip with this back", "sleep"),
])
def test_how_to_place_oneself_is_comfort_and_a_kip_is_sleep(name, words, topic):
    _gets_topic(name, words, LAUNCHED, topic)


@pytest.mark.parametrize("name,words,wanted", [
    ("RequestIsIntent", "there still more to come after this", "HowManyLeftIntent"),
    ("DescribeIntent", "sorry what was it you just said", "AMAZON.RepeatIntent"),
    ("DescribeIntent", "a livelier pace please", "NormalPaceIntent"),
])
def test_more_to_come_a_repeat_with_just_and_a_livelier_pace(name, words, wanted):
    attributes = dict(ROUTINE, prefs={"pace": "slower"}) if wanted == "NormalPaceIntent" else ROUTINE
    _answers_as(name, words, attributes, wanted)


# --- answers, feedback and routine words said around the word that means them ---

QUESTION = {"pending": "offer_stretches"}


@pytest.mark.parametrize("name,words,wanted", [
    ("DescribeIntent", "that sounds lovely to me", "AMAZON.YesIntent"),
    ("DescribeIntent", "proceed with it", "AMAZON.YesIntent"),
    ("DescribeNotIntent", "quite yet thank you", "AMAZON.NoIntent"),
])
def test_a_yes_said_as_pleasure_or_going_ahead_and_a_softened_not_yet_answer_the_question(name, words, wanted):
    _answers_as(name, words, QUESTION, wanted)


@pytest.mark.parametrize("name,words,wanted", [
    ("DescribeNotIntent", "hmm not better not worse really", "FeelingSameIntent"),
    ("DescribeIntent", "it feels not as stiff now", "FeelingBetterIntent"),
    ("DescribeIntent", "okay bring it on", "AMAZON.NextIntent"),
    ("DescribeIntent", "right im ready for another", "AMAZON.NextIntent"),
    ("DescribeIntent", "it catches a bit when i bend", "PainIntent"),
])
def test_feedback_going_on_and_pain_said_in_the_spasms_own_words(name, words, wanted):
    _answers_as(name, words, ROUTINE, wanted)


@pytest.mark.parametrize("name,words,wanted,attributes", [
    ("DescribeIntent", "not very good with technology how does this go", "AMAZON.HelpIntent", LAUNCHED),
    ("RequestWhatIntent", "sort of things can i ask you about the exercises", "AMAZON.HelpIntent", ROUTINE),
    ("RequestWhatIsIntent", "lined up for me today", "ListStretchesIntent", LAUNCHED),
])
def test_help_said_as_not_good_with_gadgets_and_the_stretches_as_what_is_lined_up(name, words, wanted, attributes):
    _answers_as(name, words, attributes, wanted)


def test_a_pack_on_and_the_time_watched_sets_a_timer():
    said = send("DescribeIntent", "wheat bag is on now could you watch the time for me", LAUNCHED)
    assert "timer" in said.text and not said.says("info.heat_ice.lines"), said.text


def test_a_back_gone_tight_or_twitching_gets_relief():
    said = send("DescribeBackIntent", "is twitching and so tight i dont know what to do", LAUNCHED)
    assert said.says("relief.lines"), said.text


@pytest.mark.parametrize("name,words,topic,attributes", [
    ("DescribeIntent", "work at a till on my feet all day will that be alright", "work", ROUTINE),
    ("RequestIsIntent", "dog walking alright for now", "exercise", ROUTINE),
    ("RequestCanIntent", "i do some press ups later on", "exercise", LAUNCHED),
    ("RequestWouldIntent", "a back rub from my partner do any good", "other_treatments", LAUNCHED),
    ("RequestHowIntent", "do i stop ending up like this again", "prevention", LAUNCHED),
    ("RequestShouldIntent", "i lie down for the afternoon or stay up and about", "activity", ROUTINE),
])
def test_a_topic_named_by_what_one_does_or_fears(name, words, topic, attributes):
    _gets_topic(name, words, attributes, topic)


# --- "how much is left": the timer or the stretches, by what is under way ---

def test_how_much_is_left_heard_as_the_timer_mid_routine_with_no_timer_set_counts_the_stretches():
    said = Said(lambda_handler(intent("TimerStatusIntent", None, dict(ROUTINE)), None))
    assert said.text == answered_as("HowManyLeftIntent", ROUTINE).text, said.text
    assert said.attributes["routine"] == ROUTINE["routine"]


def test_how_many_are_left_with_no_routine_and_a_pack_timed_checks_the_timer(heat_timer_set):
    before = heat_timer_set.active_timers()
    report = heat_timer_set.line("how many are left")[-1]
    assert report["intent"] == "HowManyLeftIntent", report
    assert "heat" in report["speech"] and "left" in report["speech"], report["speech"]
    assert report["timers"] == [] and heat_timer_set.active_timers() == before


@pytest.mark.parametrize("said,wanted", [
    ("the lying stretches only thank you", "LyingOnlyIntent"),
    ("my knees cant take the kneeling", "LyingOnlyIntent"),
    ("a short routine please i have not got much time", "ShortRoutineIntent"),
])
def test_a_routine_asked_for_with_its_word_last_or_its_reason_after(hearings, said, wanted):
    assert hearings["en-US"][1].hear(said).intent == wanted, said


@pytest.mark.parametrize("said", [
    "the hot water bottle is on now please keep an eye on the clock",
    "gel pack is on mate get me a timer",
])
def test_a_pack_said_first_and_the_time_asked_after_reaches_the_timer_carrier(said):
    heard = NLU.hear(said)
    assert heard.intent == "RequestTimerIntent", (said, heard.intent)
    answer = send("RequestTimerIntent", heard.slots["Request"].words, LAUNCHED)
    assert "timer" in answer.text and not answer.says("info.heat_ice.lines"), answer.text


@pytest.mark.parametrize("carrier,words", [
    ("DescribeIntent", "frozen peas on could you time those"),
    ("RequestTimerIntent", "ive got the frozen peas on can you"),
])
def test_packs_timed_as_them_or_those_set_a_timer_whichever_carrier_heard_it(carrier, words):
    """Two carriers can hear such a sentence; both readings time the pack, so the answer
    never depends on which of them won."""
    answer = send(carrier, words, LAUNCHED)
    assert "timer" in answer.text and not answer.says("info.heat_ice.lines"), answer.text


@pytest.mark.parametrize("said", ["halt the timer", "suspend the countdown", "please halt the clock"])
def test_halting_or_suspending_the_countdown_pauses_the_timer(said):
    assert NLU.hear(said).intent == "PauseTimerIntent", said


def test_being_in_pain_said_to_the_offer_of_stretches_is_no_yes():
    said = send("DescribeIntent", "sorry i am in the middle of a spasm right now", QUESTION)
    assert said.says("relief.lines"), said.text


@pytest.mark.parametrize("words,wanted", [
    ("you are speaking really quick for me", "SlowerIntent"),
    ("could you talk a bit faster", "NormalPaceIntent"),
])
def test_speech_said_to_be_fast_is_slower_and_asked_to_be_faster_is_faster(words, wanted):
    attributes = dict(ROUTINE, prefs={"pace": "slower"}) if wanted == "NormalPaceIntent" else ROUTINE
    _answers_as("DescribeIntent", words, attributes, wanted)


@pytest.mark.parametrize("said,topic", [
    ("before we carry on can i take a painkiller with this", "medicine"),
    ("before i go on with these should i get my gp to have a look", "doctor"),
])
def test_a_question_after_a_clause_of_when_asks_the_question_and_the_routine_waits(said, topic):
    """"Before we keep going, ..." says when; the question after it is what is asked, so the
    routine stays where it is (content: describe.requests.time_clauses)."""
    heard = NLU.hear(said)
    assert heard.intent == "DescribeBeforeIntent", (said, heard.intent)
    said_ = _gets_topic(heard.intent, heard.slots["Description"].value, ROUTINE, topic)
    assert said_.attributes["routine"] == ROUTINE["routine"]


# Stopping or leaving in everyday words, said whole, mid-routine: the session ends. Said with more
# ("I want to stop the pain", "I have to go back to work"), the words are read. "Going to the loo"
# pauses the routine (clinical.md's benign "hang on, I need the loo"), unless it hurts.
def _said_in_routine(phrase):
    heard = NLU.hear(phrase)
    slot = next(iter(heard.slots.values()), None)
    return heard.intent, send(heard.intent, slot.words if slot else None, ROUTINE)


@pytest.mark.parametrize("phrase", ["want to stop", "wanna stop", "gotta go", "i've got to go", "i have to go now",
                                    "sorry i have to go"])
def test_wanting_to_stop_or_having_to_go_said_whole_ends_the_session(phrase):
    assert NLU.hear(phrase).intent == "AMAZON.StopIntent", phrase


@pytest.mark.parametrize("phrase", ["i want to stop the pain", "i have to go back to work", "i have to go easy on it",
                                    "gotta go but nothing comes out"])
def test_leaving_words_with_more_after_them_are_read_not_taken_for_stop(phrase):
    intent_heard, said = _said_in_routine(phrase)
    assert intent_heard != "AMAZON.StopIntent" and said.end is not True, (phrase, intent_heard, said.text)


@pytest.mark.parametrize("name,words", [
    ("DescribeHaveToIntent", "go to the loo"), ("DescribeIntent", "just going to the bathroom"),
    ("DescribeIntent", "i need a quick wee"),
])
def test_going_to_the_loo_mid_routine_pauses_it(name, words):
    said = send(name, words, ROUTINE)
    paused = Said(lambda_handler(intent("AMAZON.PauseIntent", None, dict(ROUTINE)), None))
    assert said.text == paused.text and said.end == paused.end and said.attributes == paused.attributes, said.text


@pytest.mark.parametrize("words", ["i need a wee but i havent been since yesterday", "i need the loo i feel dizzy",
                                   "i need the loo then can we skip this one"])
def test_the_loo_said_with_more_is_read_not_taken_for_a_pause(words):
    said = send("DescribeIntent", words, ROUTINE)
    paused = Said(lambda_handler(intent("AMAZON.PauseIntent", None, dict(ROUTINE)), None))
    assert said.text != paused.text, words


@pytest.mark.parametrize("words", ["i need the loo and it hurts", "it hurts going to the loo"])
def test_the_loo_with_pain_is_that_hurts_not_a_pause(words):
    said = send("DescribeIntent", words, ROUTINE)
    assert said.end is not True and said.attributes.get("pending") == "pain_leg", said.text
