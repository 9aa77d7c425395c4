"""The speech builder's properties for any text, pause, count and rate: well-formed SSML
within Alexa's limits, plain text that matches it, and time estimates that add up."""
import re
from xml.etree import ElementTree

from hypothesis import given, settings, strategies as st

from spasm_coach.speech import MAX_BREAK_MS, MAX_SSML_CHARS, Speech, escape, number_word, plain, say_ssml

SETTINGS = settings(max_examples=200, deadline=None, database=None, derandomize=True)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
WORDS = st.text(alphabet="abcdefghij ,.'&<>\"", min_size=1, max_size=30).filter(lambda t: t.strip(" "))
PHRASES = st.text(alphabet="abcdefghij &<>\"'", min_size=1, max_size=30).filter(lambda t: t.strip(" "))
RATES = st.sampled_from([None, "80%", "92%", "x-slow"])
# Number words as a locale's content gives them (content: speech.numbers); any words will do.
NUMBERS = ("nil", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn")


def breaks(ssml):
    return [int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)]


def parse(ssml):
    return ElementTree.fromstring(ssml)


@SETTINGS
@given(texts=st.lists(TEXT, max_size=6), rate=RATES)
def test_any_text_makes_well_formed_ssml_whose_plain_text_is_the_speech_text(texts, rate):
    speech = Speech(rate=rate).say(*texts)
    ssml = speech.ssml()
    root = parse(ssml)
    assert root.tag == "speak"
    if rate:
        assert root[0].tag == "prosody" and root[0].get("rate") == rate
    assert plain(ssml) == speech.text
    assert bool(speech) == bool(speech.text)


@SETTINGS
@given(seconds=st.floats(min_value=0, max_value=120, allow_nan=False), rate=RATES)
def test_a_pause_is_kept_whole_in_breaks_of_at_most_ten_seconds(seconds, rate):
    ssml = Speech(rate=rate).say("a").pause(seconds).say("b").ssml()
    found = breaks(ssml)
    assert all(0 < ms <= MAX_BREAK_MS for ms in found)
    assert sum(found) == int(round(seconds * 1000))
    assert len(found) == -(-int(round(seconds * 1000)) // MAX_BREAK_MS)


@SETTINGS
@given(count=st.integers(min_value=-3, max_value=30), gap=st.integers(min_value=0, max_value=2000),
       lead=st.sampled_from(["", "Hold,"]), end=st.sampled_from(["", "and release."]))
def test_a_count_says_every_number_once_with_its_gap(count, gap, lead, end):
    speech = Speech(words_per_second=2.0).count(count, NUMBERS, gap_ms=gap, lead=lead, end=end)
    numbers = max(1, count)
    expected = [lead] if lead else []
    expected += [number_word(n, NUMBERS) for n in range(1, numbers + 1)]
    expected += [end] if end else []
    assert speech.text == " ".join(expected)
    ssml = speech.ssml()
    assert breaks(ssml) == ([gap] * numbers if gap else [])
    words = numbers + len(lead.split()) + len(end.split())
    assert abs(speech.seconds - (words / 2.0 + numbers * gap / 1000.0)) < 1e-9


@SETTINGS
@given(inhale=st.integers(min_value=1, max_value=9), exhale=st.integers(min_value=1, max_value=9))
def test_a_breath_is_two_cues_each_followed_by_its_time(inhale, exhale):
    speech = Speech(words_per_second=2.0).breath(inhale, exhale, inhale="In,", exhale="out.")
    assert speech.text == "In, out."
    assert breaks(speech.ssml()) == [inhale * 1000, exhale * 1000]
    assert speech.seconds == inhale + exhale + 2 / 2.0


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(sentences=st.lists(PHRASES, min_size=1, max_size=20), repeat=st.integers(min_value=1, max_value=80),
       rate=RATES)
def test_any_speech_fits_alexas_limit_and_is_cut_between_whole_pieces(sentences, repeat, rate):
    speech = Speech(rate=rate)
    for _ in range(repeat):
        speech.say(*sentences).pause(0.5)
    ssml = speech.ssml()
    assert len(ssml) <= MAX_SSML_CHARS
    parse(ssml)
    if len(speech.text) < 1000:
        assert plain(ssml) == speech.text  # nothing cut when it fits


@SETTINGS
@given(first=st.lists(WORDS, max_size=4), second=st.lists(WORDS, max_size=4),
       pause=st.floats(min_value=0, max_value=15, allow_nan=False), rate=RATES)
def test_a_frozen_block_is_the_speech_it_came_from(first, second, pause, rate):
    built = Speech(words_per_second=2.0).say(*first).pause(pause).say(*second)
    block = built.freeze()
    reused = Speech(rate=rate, words_per_second=2.0).say("Start.").extend(block)
    direct = Speech(rate=rate, words_per_second=2.0).say("Start.").extend(built)
    assert reused.ssml() == direct.ssml() and reused.text == direct.text
    assert reused.seconds == direct.seconds
    assert block.seconds(2.0) == built.seconds and block.text == built.text


@SETTINGS
@given(text=TEXT, rate=RATES)
def test_one_line_of_ssml_is_that_line_spoken(text, rate):
    speech = Speech(rate=rate).say(text)
    assert say_ssml(text, rate) == (speech.ssml() if speech else "")


@SETTINGS
@given(text=st.text(alphabet="abc XYZ019&<>\"'", max_size=40))
def test_escape_round_trips_through_plain(text):
    clean = " ".join(text.split())
    assert plain("<speak>%s</speak>" % escape(clean)) == clean


def test_a_number_is_the_locales_word_for_it_and_digits_beyond_them():
    assert [number_word(n, NUMBERS) for n in range(len(NUMBERS))] == list(NUMBERS)
    assert number_word(len(NUMBERS), NUMBERS) == str(len(NUMBERS)) and number_word(-1, NUMBERS) == "-1"


def test_a_count_with_its_defaults_is_just_the_numbers_a_second_apart():
    speech = Speech().count(3, NUMBERS)
    assert speech.text == "ein zwei drei"
    assert breaks(speech.ssml()) == [700, 700, 700]
    assert Speech().count(0, NUMBERS).text == "ein"  # a hold is never counted to nothing


def test_plain_reads_every_entity_ssml_may_hold():
    assert plain("<speak>&quot;Hi&apos; &lt;b&gt; &amp; done</speak>") == "\"Hi' <b> & done"
    assert plain("<speak>a , b .</speak>") == "a, b."


def test_speech_exactly_at_the_limit_is_kept_whole_and_one_over_is_cut_to_what_fits():
    exact = Speech().say("a" * (MAX_SSML_CHARS - len("<speak></speak>")))
    assert len(exact.ssml()) == MAX_SSML_CHARS and plain(exact.ssml()) == exact.text
    two = Speech().say("a" * (MAX_SSML_CHARS - len("<speak></speak>")), "b")
    assert two.ssml() == exact.ssml()  # the first piece alone fits exactly: it is kept
    slow = Speech(rate="80%")
    for i in range(3000):
        slow.say("Sentence %d." % i)
    ssml = slow.ssml()
    assert ssml.startswith('<speak><prosody rate="80%">') and len(ssml) <= MAX_SSML_CHARS
    # The most whole pieces that fit: one more would not.
    kept = plain(ssml).count(".")
    fits = Speech(rate="80%").say(*["Sentence %d." % i for i in range(kept)])
    assert fits.ssml() == ssml
    more = Speech(rate="80%").say(*["Sentence %d." % i for i in range(kept + 1)])
    assert plain(more.ssml()) != more.text  # one more sentence would not fit


def test_text_with_spaces_to_fold_is_folded():
    for text in ("a  b", " a", "a ", "\ta\nb"):
        speech = Speech().say(text)
        assert speech.text == " ".join(text.split())


def test_spoken_lists_join_with_the_locales_word():
    from spasm_coach.speech import spoken_list
    assert spoken_list([], "and") == "" and spoken_list(["a"], "and") == "a"
    assert spoken_list(["a", "b"], "and") == "a and b"
    assert spoken_list(["a", "b", "c", "d"], "und") == "a, b, c und d"


def test_only_ssml_the_skill_could_have_written_is_its_own():
    from spasm_coach.speech import is_own_ssml
    own = Speech(rate="92%").say("Hold,").count(3, NUMBERS).pause(1).say("911").ssml()
    assert is_own_ssml(own)
    for odd in (None, 5, "", "hello", "<speak>" + "a" * MAX_SSML_CHARS + "</speak>", "<SPEAK>a</SPEAK>",
                '<speak><say-as interpret-as="digits">911</say-as></speak>',
                '<speak><audio src="x"/></speak>', '<speak><break time="60000ms"/></speak>', "<speak>a"):
        assert not is_own_ssml(odd), odd
    exact = Speech().say("a" * (MAX_SSML_CHARS - len("<speak></speak>"))).ssml()
    assert len(exact) == MAX_SSML_CHARS and is_own_ssml(exact)


def test_nothing_said_is_no_speech_and_a_block_keeps_its_text():
    assert not Speech().say("") and not Speech().say(None) and not Speech().pause(0)
    block = Speech(words_per_second=1.0).say("Call", "nine nine nine").freeze()
    assert block.text == "Call nine nine nine" and block.seconds(1.0) == 4
    assert Speech(words_per_second=1.0).say("a b").extend(block).seconds == 6
    assert Speech().say("a").say("Xylophone").text == "a Xylophone"
    assert len(Speech().say("a" * (MAX_SSML_CHARS + 10)).ssml()) <= MAX_SSML_CHARS
