"""Someone else's emergency said as happening now ("my husband has chest pain going into his arm"):
the skill asks whether it is happening to someone with the person right now, wherever words are
read. Yes, or a second "I don't know", gives the emergency advice for them and flags the session;
no carries on where the person was. Through the simulator (Alexa's hearing, the real skill) and
the request envelopes; assertions on levels, pending questions, content keys and directives,
never on English."""
import pytest

from envelopes import Said, intent, speaks
from lambda_function import lambda_handler
from spasm_coach import questions
from spasm_coach.content import for_locale
from spasm_coach_tools.simulator.conversation import Conversation, default_handler

ASKED = questions.SOMEONE_WITH_YOU
LOCALES = ("en-US", "en-GB", "en-AU", "en-IN", "en-CA")
INTO_ROUTINE = ("open back spasm coach", "start stretches", "no", "no")


def talk_in(locale="en-US", screen=False):
    return Conversation(default_handler(), user_id="someone-else-test", locale=locale, screen=screen)


def attributes(talk):
    return talk.session.info.attributes if talk.session else {}


def pending(talk):
    return attributes(talk).get("pending")


def say(talk, line):
    return talk.line(line)[-1]


def asked(talk, line):
    report = say(talk, line)
    assert pending(talk) == ASKED, (line, report["intent"], report["speech"])
    assert report["end_session"] is False and speaks(report["speech"], "safety.someone_else.question")
    return report


# What the task started from: each of these was answered as the speaker's own near miss, or not at all.
SAID_OF_SOMEONE_WITH_THEM = (
    "my husband has chest pain going into his arm",
    "my dad has chest pain going into his jaw",
    "he has chest pain going down his arm",
    "my husbands got chest pain",  # as a speech recogniser writes it
    "my husband's got chest pain going down his arm",
    "my wife has got chest pain and it goes to her jaw",
)


@pytest.mark.parametrize("text", SAID_OF_SOMEONE_WITH_THEM)
def test_one_shot_someone_elses_emergency_asks_whether_they_are_with_the_person(text):
    talk = talk_in()
    report = asked(talk, "ask back spasm coach " + text)
    assert report["safety"] is None  # nothing of the speaker's is raised by asking


@pytest.mark.parametrize("locale", LOCALES)
def test_yes_is_the_emergency_advice_for_them_with_the_locales_number(locale):
    talk = talk_in(locale, screen=True)
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, "yes")
    assert report["safety"] == "emergency" and report["end_session"] is True
    assert speaks(report["speech"], "safety.someone_else.emergency", locale)
    assert not speaks(report["speech"], "safety.emergency", locale)  # worded for them, not the speaker
    assert for_locale(locale).fill("{number}{local_note}") in report["speech"]
    assert report["screen"]["document"] == "emergency"
    for phrase in ("i will call", "i'll call", "alexa will"):
        assert phrase not in report["speech"].lower()


@pytest.mark.parametrize("locale,number", [("en-US", "911"), ("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112"),
                                           ("en-CA", "911")])
def test_yes_shows_the_number_in_digits_on_the_card(locale, number):
    said = Said(lambda_handler(intent("AMAZON.YesIntent", attributes={"pending": ASKED}, locale=locale), None))
    assert said.end is True and said.card and number in said.card["content"]
    assert speaks(said.card["content"], "safety.someone_else.card", locale)
    if locale == "en-GB":  # never the UK's non-urgent line for an emergency
        assert for_locale(locale).fill("{same_day_number}") not in said.text
    if locale == "en-AU":  # published in New Zealand too
        assert "111" in said.card["content"]


def test_no_carries_on_and_flags_nothing():
    talk = talk_in()
    asked(talk, "ask back spasm coach my dad has chest pain going into his jaw")
    report = say(talk, "no")
    assert report["safety"] is None and report["end_session"] is False and pending(talk) is None
    assert speaks(report["speech"], "safety.settled")
    say(talk, "start stretches")
    assert pending(talk) == questions.SEQUENCES["screening"][0]  # exercise is not refused


def test_an_unclear_answer_asks_again_and_a_second_i_dont_know_takes_the_safe_side():
    talk = talk_in()
    asked(talk, "ask back spasm coach he has chest pain going down his arm")
    for words in ("purple elephants dancing", "next", "start stretches"):
        report = say(talk, words)
        assert pending(talk) == ASKED and report["safety"] is None, words
    report = say(talk, "i don't know")
    assert pending(talk) == ASKED and report["safety"] is None
    report = say(talk, "i'm not sure")
    assert report["safety"] == "emergency" and report["end_session"] is True
    assert speaks(report["speech"], "safety.someone_else.unsure")
    assert speaks(report["speech"], "safety.someone_else.emergency")


def test_answers_never_heard_count_as_i_dont_know_and_take_the_safe_side_too():
    talk = talk_in()
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    for words in ("purple elephants dancing", "orange giraffes singing"):
        report = say(talk, words)
        assert report["intent"] == "AMAZON.FallbackIntent" and pending(talk) == ASKED, words
    report = say(talk, "green zebras humming")
    assert report["safety"] == "emergency" and report["end_session"] is True
    assert speaks(report["speech"], "safety.someone_else.unsure")


def test_mid_routine_asks_then_no_resumes_the_routine():
    talk = talk_in()
    for line in INTO_ROUTINE + ("no", "next"):  # the first stretch's caution, then on
        say(talk, line)
    routine = attributes(talk)["routine"]
    asked(talk, "my dad has chest pain going into his jaw")
    say(talk, "next")  # not an answer: asked again, nothing guided
    assert pending(talk) == ASKED and attributes(talk)["routine"] == routine
    report = say(talk, "no")
    assert pending(talk) is None and report["safety"] is None
    assert speaks(report["speech"], "safety.settled_routine")
    say(talk, "next")
    moved = attributes(talk)["routine"]
    assert moved["status"] == "active" and (moved["step"], moved["part"]) != (routine["step"], routine["part"])


def test_mid_routine_yes_is_their_emergency_and_nothing_more_is_guided():
    talk = talk_in()
    for line in INTO_ROUTINE + ("no", "next"):
        say(talk, line)
    asked(talk, "my wife has got chest pain and it goes to her jaw")
    report = say(talk, "yes")
    assert report["safety"] == "emergency" and report["end_session"] is True and talk.session is None


def test_said_in_answer_to_the_screening_asks_then_no_asks_the_screening_again():
    talk = talk_in()
    say(talk, "open back spasm coach")
    say(talk, "start stretches")
    asked(talk, "no, but my husband's got chest pain going down his arm")
    report = say(talk, "no")
    assert pending(talk) == questions.SEQUENCES["screening"][0]
    assert speaks(report["speech"], "safety.someone_else.back")
    say(talk, "no")
    say(talk, "no")
    assert attributes(talk)["routine"]["status"] == "active"  # the deferred start goes ahead


def test_said_during_the_symptom_check_asks_then_no_goes_back_to_the_check():
    talk = talk_in()
    say(talk, "open back spasm coach")
    say(talk, "check my symptoms")
    first = pending(talk)
    asked(talk, "my wife has chest pain")
    say(talk, "no")
    assert pending(talk) == first == questions.SEQUENCES["check"][0]


def test_after_a_flag_asks_and_the_flag_still_holds():
    talk = talk_in()
    say(talk, "open back spasm coach")
    assert say(talk, "i have pain going down my leg")["safety"] == "doctor"
    asked(talk, "my husband has chest pain going into his arm")
    report = say(talk, "no")
    assert report["safety"] == "doctor" and speaks(report["speech"], "safety.settled_after_flag")
    report = say(talk, "start stretches")
    assert speaks(report["speech"], "safety.exercise_declined")


def test_after_a_flag_yes_is_their_emergency():
    talk = talk_in()
    say(talk, "open back spasm coach")
    say(talk, "i have pain going down my leg")
    asked(talk, "he has chest pain going down his arm")
    report = say(talk, "yes")
    assert report["safety"] == "emergency" and report["end_session"] is True


@pytest.mark.parametrize("answer,expected,key", [
    ("i wet myself", "emergency", "safety.emergency"),
    ("i've got pain going down my leg", "doctor", "safety.doctor"),
])
def test_a_red_flag_of_the_speakers_own_in_the_answer_routes_at_once(answer, expected, key):
    talk = talk_in()
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, answer)
    assert report["safety"] == expected and pending(talk) != ASKED
    assert speaks(report["speech"], key)


@pytest.mark.parametrize("text", [
    "my dad had a heart attack last year",         # past
    "my wife doesn't have chest pain",             # denied
    "what if my husband fell down the stairs",     # supposed
    "my mum had a slipped disc once",
    "my wife has a fever",                         # urgent: no question (handlers/safety.py)
    "my husband has sciatica",                     # doctor: no question
    "my back is spasming",
])
def test_no_question_for_the_past_the_denied_the_supposed_or_what_is_not_an_emergency(text):
    talk = talk_in()
    report = say(talk, "ask back spasm coach " + text)
    assert pending(talk) != ASKED and report["safety"] is None, (text, report["speech"])


def test_the_question_takes_yes_no_and_a_second_unsure_in_the_registry():
    question = questions.QUESTIONS[ASKED]
    assert question.safety and question.red_flag and question.unsure_do
    assert questions.decide(question, questions.YES).do == "their_emergency"
    assert questions.decide(question, questions.NO) == questions.Decision("none", do="carry_on")
    assert questions.decide(question, questions.UNSURE).do == question.unsure_do
    assert questions.decide(question, questions.UNCLEAR).restate
    broken = question._replace(unsure_do="dance")
    with pytest.raises(ValueError, match="unsure_do"):
        questions.check_registry({ASKED: broken}, {})


# Only the heart and aorta emergencies of someone else are asked about (handlers/safety.py,
# ASKED_OF_OTHERS): the rest of clinical.md's emergency row is one with back pain, which the skill
# cannot know of them, and said of others it is mostly ordinary.
@pytest.mark.parametrize("text", ["sorry the toddler has wet himself", "my son has pooed himself",
                                  "my husband cant get an erection", "my dad has wet himself and can't get up",
                                  "my son has fallen over again", "my dad cant walk without his stick",
                                  "he can't feel his legs", "my wife has fallen pregnant"])
def test_someone_elses_findings_other_than_the_heart_are_not_asked_about(text):
    talk = talk_in()
    for line in INTO_ROUTINE + ("no", "next"):
        say(talk, line)
    report = say(talk, text)
    assert pending(talk) != ASKED and report["safety"] is None and report["end_session"] is False, text


# Said in answer, in words of one's own: "he's here with me" is a yes (questions.py, told);
# "no" and what asks for something else ("next") are not.
@pytest.mark.parametrize("answer", ["he is with me", "its my husband", "yes hes here with me",
                                    "he is in the next room"])
def test_an_answer_in_words_that_says_they_are_here_is_a_yes(answer):
    talk = talk_in()
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, answer)
    assert report["safety"] == "emergency" and report["end_session"] is True, answer


def test_something_of_the_speakers_own_is_routed_or_asked_about_first():
    talk = talk_in()
    report = say(talk, "ask back spasm coach my husband has chest pain and my legs are numb")
    assert report["safety"] == "emergency" and pending(talk) != ASKED  # the speaker's own emergency
    talk = talk_in()
    say(talk, "ask back spasm coach my husband has chest pain and i dont have any numbness down below")
    assert pending(talk) not in (ASKED, None)  # the speaker's own near miss: their clarifying question


def test_help_at_the_question_explains_it_and_asks_again():
    talk = talk_in()
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, "help")
    assert pending(talk) == ASKED and speaks(report["speech"], "safety.someone_else.help")


# An answer in words that says they are not with the speaker, or that it is over, is no yes.
@pytest.mark.parametrize("answer", ["hes at work", "shes fine now", "that was last year", "hopefully not",
                                    "my husband is at work", "its me"])
def test_an_answer_in_words_that_says_they_are_away_or_well_is_no_yes(answer):
    talk = talk_in()
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, answer)
    assert report["safety"] is None and report["end_session"] is False, answer


# Leaving at the question says what to do for them first, as an "if": the advice is never lost.
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["stop", "gotta go", "cancel"])
def test_leaving_at_the_question_says_what_to_do_for_them_first(locale, words):
    talk = talk_in(locale)
    asked(talk, "ask back spasm coach my husband has chest pain going into his arm")
    report = say(talk, words)
    assert report["end_session"] is True and speaks(report["speech"], "safety.someone_else.leaving", locale)
    assert for_locale(locale).fill("{number}{local_note}") in report["speech"]
