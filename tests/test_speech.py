from spasm_coach.content import for_locale
from spasm_coach.speech import MAX_SSML_CHARS, Speech, number_word, plain

NUMBERS = for_locale("en-US").raw("speech.numbers")


def test_breaks_never_exceed_ten_seconds():
    ssml = Speech().say("Hold").pause(25).say("release").ssml()
    assert ssml.count("<break") == 3
    assert 'time="10000ms"' in ssml and 'time="5000ms"' in ssml
    assert "10001" not in ssml


def test_text_is_escaped_and_invalid_xml_dropped():
    ssml = Speech().say('Tom & Jerry <b> "quote" \x07bell').ssml()
    assert "&amp;" in ssml and "&lt;b&gt;" in ssml
    assert "\x07" not in ssml
    assert plain(ssml) == 'Tom & Jerry <b> "quote" bell'


def test_rate_wraps_everything_in_prosody():
    assert Speech(rate="90%").say("hi").ssml() == '<speak><prosody rate="90%">hi</prosody></speak>'


def test_length_is_capped_at_whole_pieces():
    speech = Speech()
    for i in range(2000):
        speech.say("Sentence number %d." % i)
    ssml = speech.ssml()
    assert len(ssml) <= MAX_SSML_CHARS
    assert ssml.endswith(".</speak>")


def test_count_keeps_time_with_the_hold():
    speech = Speech(words_per_second=2.5).count(10, NUMBERS, gap_ms=700, lead="Hold,", end="and release.")
    assert plain(speech.ssml()).startswith("Hold, one two three")
    assert "ten and release." in speech.text
    assert 10 <= speech.seconds <= 13


def test_breath_and_estimate():
    speech = Speech(words_per_second=2.0).breath(3, 4, "Breathe in,", "and out.")
    assert speech.seconds == (3 + 4) + 4 / 2.0  # "Breathe in, and out." is four words
    assert not Speech() and bool(speech)


def test_number_words():
    assert number_word(0, NUMBERS) == "zero" and number_word(15, NUMBERS) == "fifteen"
    assert number_word(99, NUMBERS) == "99"


def test_a_frozen_block_speaks_exactly_like_the_speech_it_came_from():
    built = Speech(words_per_second=2.0).say("Lie on your back & relax.").count(3, NUMBERS, gap_ms=500).pause(2)
    block = built.freeze()
    reused = Speech(rate="90%", words_per_second=2.0).say("First,").extend(block).say("Next.")
    direct = Speech(rate="90%", words_per_second=2.0).say("First,").extend(built).say("Next.")
    assert reused.ssml() == direct.ssml()
    assert reused.text == direct.text
    assert reused.seconds == direct.seconds
    assert block.seconds(2.0) == built.seconds


def test_an_overlong_speech_is_cut_inside_a_block_not_before_it():
    long_block = Speech()
    for i in range(1500):
        long_block.say("Sentence number %d." % i)
    ssml = Speech().say("Start.").extend(long_block.freeze()).ssml()
    assert len(ssml) <= MAX_SSML_CHARS
    assert ssml.startswith("<speak>Start. Sentence number 0.") and ssml.endswith(".</speak>")


def test_text_needing_no_cleaning_and_text_that_does():
    assert Speech().say("Breathe out, slowly.").text == "Breathe out, slowly."
    assert Speech().say("  two\tspaces  and\na line\u0007 ").text == "two spaces and a line"


def test_one_line_of_ssml_is_the_speech_of_that_line():
    from spasm_coach.speech import say_ssml
    for text, rate in (("Say next when you're ready.", "92%"), ("Tom & Jerry", None), (" \x07 ", "80%")):
        speech = Speech(rate=rate).say(text)
        assert say_ssml(text, rate) == (speech.ssml() if speech else "")
