"""The triage's mechanics, each on a small vocabulary built here (not the real one, so
these tests neither depend on nor constrain the red-flag words): every check a broken
vocabulary must fail, with the exact problem it reports; how words are read from what a
recogniser or a keyboard hands over; and what denial, history, hypotheticals, someone
else, sides and neighbouring clauses do to a finding, each on a minimal phrase.

The phrases below only have to make sense to this vocabulary: "two weeks ago" reads
as new and "# weeks ago" as long-standing because the vocabulary says so, to show
which of two phrases wins."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import pytest

from spasm_coach import triage
from spasm_coach.triage import MAX_CHARS, Assessment, VocabularyError, assess, normalize

SOURCE = "tests/test_triage_mechanics.py: a vocabulary for the mechanics only"


def _concept(*terms: str, also=()) -> Dict[str, Any]:
    concept: Dict[str, Any] = {"source": SOURCE, "terms": list(terms)}
    if also:
        concept["also"] = list(also)
    return concept


def _flag(level: str, clarify: str, **more: Any) -> Dict[str, Any]:
    return dict(level=level, clarify=clarify, source=SOURCE, **more)


def _rule(rule_id: str, when, **more: Any) -> Dict[str, Any]:
    return dict(id=rule_id, when=list(when), source=SOURCE, **more)


TOY: Dict[str, Any] = {
    "locale": "en",
    "about": "A small vocabulary for the triage's mechanics.",
    "clarify_questions": {"about": "the topics a clarifying question may take", "legs": "", "saddle": "",
                          "bladder": "", "weakness": "", "general": "", "elbow": ""},
    "flags": {  # in the order flags are listed when they tie
        "bladder": _flag("emergency", "bladder"),
        "both_legs": _flag("emergency", "legs"),
        "sudden_weakness": _flag("emergency", "weakness"),
        "fever": _flag("urgent", "general"),
        "cancer": _flag("urgent", "general"),
        "leg_weakness": _flag("urgent", "weakness", follow_up="weakness",
                              superseded_by=["both_legs", "sudden_weakness"]),
        "one_leg": _flag("doctor", "legs", follow_up="legs", follow_up_unless_side=True,
                         superseded_by=["both_legs"]),
    },
    "equivalents": {"about": "ways of writing one word", "cannot": "cant", "unable to": "cant"},
    "fillers": ["um", "you know", "a little bit"],
    "like_kept_after": ["feels"],
    "number_words": ["one", "two"],
    "clauses": {"always": ["but"], "before_a_new_subject": ["and"], "subjects": ["i", "my", "it"]},
    "negation": {"window": 3, "never_undone_by": ["before"], "determiner_cues": ["no"],
                 "determiner_stops": ["my"]},
    "side_tags": ["left", "right", "one", "both"],
    "places": ["body regions", "functions"],
    "qualifying_tags": ["sudden"],
    "brief_and_gone": {"flags": ["leg_weakness"]},
    "both_sides": {"tag": "both", "flag": "both_legs"},
    "concepts": {
        "body regions": {"leg": _concept("leg"), "arm": _concept("arm"), "saddle": _concept("bum")},
        "functions": {"bladder": _concept("pee")},
        "findings": {
            "numb": _concept("numb"), "weak": _concept("weak"), "leak": _concept("leak"),
            "wet_self": _concept("wet myself", also=["bladder", "leak"]),
            "fever": _concept("fever"), "cancer": _concept("cancer"), "pain": _concept("hurts", "pain", "ow"),
            "sudden": _concept("suddenly", "sudden"),
            "tablets": _concept("tablets"), "gym": _concept("gym"), "sauna": _concept("sauna"),
        },
        "sides": {"left": _concept("left"), "right": _concept("right"), "one": _concept("one"),
                  "both": _concept("both", "two")},
        "markers": {
            "@negation": _concept("no", "not", "never"),
            "@restart": _concept("i"), "@first_person": _concept("i", "me"),
            "@history": _concept("# years ago", "# weeks ago", "two or # years ago"), "@new": _concept("new", "two weeks ago"),
            "@hypothetical": _concept("what if"), "@third_person": _concept("my wife"),
            "@resolved": _concept("fine now"), "@brief": _concept("for a second"),
        },
    },
    "explanations": {"about": "causes that explain a finding away", "causes": [
        {"when": ["tablets"], "explains": ["fever"], "source": SOURCE},
        {"when": ["gym"], "explains": ["leg_weakness"], "source": SOURCE}]},
    "rules": [  # candidates are tried in this order
        _rule("fever", ["fever"], flag="fever", unless=["sauna"]),
        _rule("bladder", ["bladder", "leak"], flag="bladder"),
        _rule("sudden weakness", ["leg", "weak", "sudden"], flag="sudden_weakness"),
        _rule("weak leg", ["leg", "weak"], flag="leg_weakness", sided=True),
        _rule("numb leg", ["leg", "numb"], flag="one_leg", sided=True, resolvable=True),
        _rule("cancer", ["cancer"], flag="cancer", history_is_the_flag=True),
        _rule("saddle pain", ["saddle", "pain"], clarify="saddle"),
        _rule("pee pain", ["bladder", "pain"], clarify="bladder"),
        _rule("arm", ["arm", "numb | pain"], clarify="elbow"),
    ],
}


@pytest.fixture
def toy(tmp_path: Path, monkeypatch) -> Callable[..., None]:
    """The triage reads its vocabulary files from an empty folder; ``toy(change)``
    writes TOY there as the shared vocabulary after ``change(data)``, and
    ``toy(data, name="en-GB")`` writes a locale's additions."""
    monkeypatch.setattr(triage, "CONTENT_DIR", tmp_path)
    monkeypatch.setattr(triage, "_VOCABULARIES", {})

    def write(change: Optional[Callable[[Dict[str, Any]], Any]] = None, name: str = "en",
              data: Optional[Dict[str, Any]] = None) -> None:
        data = copy.deepcopy(TOY) if data is None else data
        if change is not None:
            change(data)
        (tmp_path / ("redflags.%s.json" % name)).write_text(json.dumps(data), encoding="utf-8")
        triage._VOCABULARIES.clear()

    write()
    return write


def problem(toy, change, locale: str = "en") -> str:
    """What check() reports for TOY after ``change``."""
    toy(change)
    with pytest.raises(VocabularyError) as raised:
        triage.check(locale)
    return str(raised.value)


def _group(data: Dict[str, Any], tag: str) -> Dict[str, Any]:
    return next(group for group in data["concepts"].values() if tag in group)


def _rule_named(data: Dict[str, Any], rule_id: str) -> Dict[str, Any]:
    return next(rule for rule in data["rules"] if rule["id"] == rule_id)


def read(text, slot_ids=(), locale: str = "en") -> Assessment:
    return assess(text, slot_ids, locale=locale)


# --------------------------------------------------------------------------- a vocabulary that checks out


def test_the_toy_vocabulary_checks_out(toy):
    vocabulary = triage.check("en")
    assert vocabulary.locale == "en"
    assert [rule.id for rule in vocabulary.rules] == [rule["id"] for rule in TOY["rules"]]
    assert triage.check_all() == ["en"]
    assert triage.flag_level("one_leg", locale="en") == "doctor"
    assert read("I wet myself").flags == ("bladder",)


def test_optional_parts_may_be_left_out(toy):
    """No equivalents, no reading tags, no phrase that starts with a number: still a vocabulary."""
    toy(lambda d: (d.update(equivalents={"about": "none yet"}), d.pop("brief_and_gone"),
                   d["concepts"]["markers"]["@history"].update(terms=["years ago"])))
    triage.check("en")
    assert normalize("um i cannot pee", locale="en") == "i cannot pee"
    assert read("my leg went numb 2 years ago").level == "clarify"
    assert read("my leg is weak for a second, but it is fine now").level == "urgent"  # nothing is brief and gone
    assert "reading_tags" not in TOY


def test_what_an_equivalent_writes_is_read_again(toy):
    toy(lambda d: d["equivalents"].update({"its": "it is", "is not": "isnt", "okay": "okay"}))
    assert normalize("okay its not numb", locale="en") == "okay it isnt numb"
    # Forty rewrites in one utterance are well within the bound on rewriting.
    assert normalize("its not " * 20, locale="en") == " ".join(["it isnt"] * 20)


def test_equivalents_that_go_round_in_a_circle_still_end(toy):
    toy(lambda d: d["equivalents"].update({"foo": "bar", "bar": "foo"}))
    assert normalize("foo numb", locale="en") in ("foo numb", "bar numb")


# --------------------------------------------------------------------------- a broken vocabulary, problem by problem


@pytest.mark.parametrize("change,reported", [
    (lambda d: d["flags"]["fever"].update(level="soon"), "flag fever: level 'soon'"),
    (lambda d: d["flags"]["fever"].update(level="clarify"), "flag fever: level 'clarify'"),
    (lambda d: d["flags"]["fever"].pop("level"), "flag fever: level None"),
    (lambda d: d["flags"]["fever"].update(clarify="nowhere"),
     "flag fever: clarify topic 'nowhere'; rule fever: clarify topic 'nowhere'"),  # the rule takes the flag's
    (lambda d: d["flags"]["fever"].update(clarify="about"),
     "flag fever: clarify topic 'about'; rule fever: clarify topic 'about'"),
    (lambda d: d["flags"]["fever"].pop("source"), "flag fever has no source"),
    (lambda d: d["concepts"]["findings"]["numb"].update(source=""), "concept numb has no source"),
    (lambda d: d["concepts"]["findings"]["numb"].pop("terms"), "concept numb has no terms"),
    (lambda d: d["concepts"]["findings"]["numb"].update(terms=[]), "concept numb has no terms"),
    (lambda d: d["concepts"]["findings"]["numb"].update(terms=["Numb!", "numb", "", "dead #"]),
     "concept numb: term 'Numb!' is not plain lower-case words; "
     "concept numb: term '' is not plain lower-case words"),
    (lambda d: d["concepts"]["findings"]["wet_self"].update(also=["bladder", "soaked"]),
     "concept wet_self stands for 'soaked', which is not defined"),
    (lambda d: d["concepts"]["findings"].update(knee=_concept("knee"), ankle=_concept("ankle")),
     "concepts no rule uses: ankle, knee"),
    (lambda d: d["rules"].append(_rule("fever", ["fever"], flag="fever")), "rule fever is defined twice"),
    (lambda d: _rule_named(d, "fever").pop("source"), "rule fever has no source"),
    (lambda d: _rule_named(d, "fever").update(when=["fever", "chills"]),
     "rule fever uses 'chills', which no concept defines"),
    (lambda d: _rule_named(d, "fever").update(unless=["chills"]),
     "rule fever uses 'chills', which no concept defines; concepts no rule uses: sauna"),
    (lambda d: _rule_named(d, "fever").update(flag="chills"),
     "rule fever raises unknown flag 'chills'; concepts no rule uses: fever, sauna; flags no rule raises: fever"),
    (lambda d: _rule_named(d, "saddle pain").pop("clarify"), "rule saddle pain: clarify topic None"),
    (lambda d: _rule_named(d, "saddle pain").update(clarify="elbows"), "rule saddle pain: clarify topic 'elbows'"),
    (lambda d: _rule_named(d, "saddle pain").update(clarify="about"), "rule saddle pain: clarify topic 'about'"),
    (lambda d: d.update(rules=[r for r in d["rules"] if r["id"] not in ("fever", "cancer")]),
     "concepts no rule uses: cancer, fever, sauna; flags no rule raises: cancer, fever"),
    (lambda d: [r.pop("sided", None) for r in d["rules"]], "flags no rule raises: both_legs"),
    (lambda d: d["explanations"]["causes"][0].update(when=["pills"]),
     "an explanation uses 'pills', which no concept defines; concepts no rule uses: tablets"),
    (lambda d: d["explanations"]["causes"][0].update(explains=["chills"]),
     "an explanation explains unknown flag 'chills'"),
    (lambda d: d["brief_and_gone"].update(flags=["leg_weakness", "chills"]),
     "brief_and_gone names unknown flag 'chills'"),
    (lambda d: (d["flags"]["fever"].update(level="soon"), _rule_named(d, "fever").pop("source")),
     "flag fever: level 'soon'; rule fever has no source"),
])
def test_each_problem_is_reported_exactly(toy, change, reported):
    assert problem(toy, change) == "triage vocabulary for en: " + reported


def test_a_term_the_reading_would_rewrite_is_refused(toy):
    """A filler or an equivalent in a term is rewritten before reading: it could never match."""
    assert problem(toy, lambda d: d["concepts"]["findings"]["numb"]["terms"].extend(["um numb", "cannot pee"])) == \
        "triage vocabulary for en: terms that can never be read as written " \
        "(a filler or an equivalent in them is rewritten first): cannot pee, um numb"


def test_reading_tags_are_concepts_the_reading_uses(toy):
    toy(lambda d: (d["concepts"]["findings"].update(knee=_concept("knee"), ankle=_concept("ankle")),
                   d.update(reading_tags=["knee", "ankle"])))
    triage.check("en")


def test_a_vocabulary_that_lost_its_meaning_fails_the_check(toy):
    """It loads and validates, but no longer routes the phrases every English vocabulary must."""
    assert problem(toy, lambda d: d["flags"]["bladder"].update(level="urgent")) == \
        "vocabulary for en reads 'I wet myself' as urgent, not emergency"
    assert problem(toy, lambda d: d["concepts"]["findings"]["fever"]["terms"].append("spasming")) == \
        "vocabulary for en reads 'my back is spasming' as urgent, not none"


def test_a_malformed_vocabulary_says_what_is_missing(toy):
    assert problem(toy, lambda d: d.pop("rules")) == "triage vocabulary for en is malformed: KeyError('rules')"


def test_a_file_that_is_not_a_vocabulary(toy, tmp_path):
    (tmp_path / "redflags.en.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        triage.check("en")
    assert str(raised.value).startswith("triage vocabulary redflags.en.json does not load: Expecting")
    (tmp_path / "redflags.en.json").write_text("[]", encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        triage.check("en")
    assert str(raised.value) == "triage vocabulary redflags.en.json is not an object"


def test_check_all_checks_every_file(toy, tmp_path):
    toy(name="en-GB", data={"concepts": {"functions": {"bladder": {"terms": ["wee"]}}}})
    assert triage.check_all() == ["en-GB", "en"]  # in the order of the file names
    toy(name="en-GB", data={"concepts": {"functions": {"chills": {"terms": ["shivers"]}}}})
    with pytest.raises(VocabularyError) as raised:
        triage.check_all()
    assert str(raised.value) == "en-GB adds words to 'chills', which the shared vocabulary does not define"
    (tmp_path / "redflags.en.json").unlink()
    with pytest.raises(VocabularyError) as raised:
        triage.check_all()
    assert str(raised.value) == "no shared triage vocabulary: %s" % (tmp_path / "redflags.en.json")


def test_the_real_vocabulary_files_all_check_out():
    assert triage.check_all() == ["en-AU", "en-CA", "en-GB", "en-IN", "en-US", "en"]


# --------------------------------------------------------------------------- a locale's additions


def test_a_locale_file_adds_words_equivalents_and_fillers(toy):
    toy(name="en-GB", data={
        "concepts": {"functions": {"bladder": {"terms": ["wee"]}}, "findings": {"pain": {}}},
        "equivalents": {"cannae": "cant"}, "fillers": ["innit"]})
    assert read("my wee hurts", locale="en-GB").clarify == "bladder"
    assert read("my wee hurts", locale="en-US") == Assessment()  # no en-US file: the shared words
    assert normalize("innit i cannae wee", locale="en-GB") == "i cant wee"
    assert normalize("um i cannot wee", locale="en-GB") == "i cant wee"  # the shared ones still hold
    assert normalize("innit i cannae wee", locale="en-US") == "innit i cannae wee"
    assert triage.check("en-GB").locale == "en-GB"


def test_a_locale_without_a_file_reads_the_shared_vocabulary(toy):
    assert triage.read_vocabulary("en-NZ") == triage.read_vocabulary("en") == TOY
    assert triage.check("en-NZ").locale == "en"
    for locale in ("en-NZ", "not a locale", "", None, 42, ["en-GB"]):
        assert read("I wet myself", locale=locale).flags == ("bladder",)


@pytest.mark.parametrize("addition,reported", [
    ({"concepts": {"functions": {"chills": {"terms": ["shivers"]}}}},
     "en-GB adds words to 'chills', which the shared vocabulary does not define"),
    ({"concepts": {"functions": ["wee"]}}, "en-GB: concepts.functions is not an object"),
    ({"concepts": {"functions": {"bladder": "wee"}}},
     "triage vocabulary for en-GB is malformed: AttributeError(\"'str' object has no attribute 'get'\")"),
])
def test_a_broken_locale_file_is_reported(toy, addition, reported):
    toy(name="en-GB", data=addition)
    with pytest.raises(VocabularyError) as raised:
        triage.check("en-GB")
    assert str(raised.value) == reported
    assert read("I wet myself", locale="en-US").level == "emergency"  # the other locales still read


def test_a_loaded_vocabulary_is_kept_and_check_reads_the_file_again(toy, tmp_path):
    assert read("I wet myself").level == "emergency"
    (tmp_path / "redflags.en.json").write_text("[]", encoding="utf-8")
    assert read("I wet myself").level == "emergency"
    with pytest.raises(VocabularyError):
        triage.check("en")


# --------------------------------------------------------------------------- words as a recogniser or a keyboard gives them


@pytest.mark.parametrize("text,words", [
    ("it's numb", "it is numb"),  # "'s" after a pronoun is "is" (and "is" is not "i"'s)
    ("as us", "as us"),
    ("my bum's numb", "my bum numb"),  # any other "'s" goes
    ("my bums numb", "my bum numb"),  # and so does a recogniser's "bums" for "bum's"
    ("y'all's leg", "yall leg"),
    ("i'd wet myself", "i wet myself"),
    ("I don’t know", "i dont know"),  # typographic apostrophes too
    ("arms ows", "arm ow"),
    ("wets", "wets"),  # only a word of its own loses its s: "wet" only begins a phrase
    ("i cannot pee", "i cant pee"),
    ("i am unable to pee", "i am cant pee"),
    ("about my leg", "about my leg"),  # the file's "about" note is not an equivalent
    ("um you know my leg a little bit numb", "my leg numb"),  # fillers of one, two and three words
    ("my leg like hurts like", "my leg hurts"),
    ("like numb", "numb"),
    ("it feels like numb", "it feels like numb"),
    ("numb&weak", "numb and weak"),
    ("cross-legged_sitting", "cross legged sitting"),
    ("leg @#$ numb", "leg numb"),
    ("Numb, leg. Fever!", "numb , leg . fever !"),
    ("Ünïcödé  \t numb", "unicode numb"),
    (42, "42"),
    (None, ""),
])
def test_words_are_read_the_way_a_recogniser_writes_them(toy, text, words):
    assert normalize(text, locale="en") == words


def test_bytes_are_read_as_utf8_whatever_they_hold(toy):
    assert read(b"I wet myself").level == "emergency"
    assert read(b"I wet myself \xff\xfe").level == "emergency"


@pytest.mark.parametrize("text,level", [
    ("my leg went numb two years ago", "clarify"),  # a number word ...
    ("my leg went numb 2 years ago", "clarify"),  # ... or digits stand for "#"
    ("my leg went numb 2 weeks ago", "clarify"),
    ("my leg went numb two weeks ago", "doctor"),  # the phrase written out beats the pattern
    ("my leg went numb two", "emergency"),  # "two" alone is a side here: both legs
])
def test_numbers_in_phrases(toy, text, level):
    assert read(text).level == level


def test_long_input_is_cut_at_the_last_word_before_the_limit(toy):
    exact = " ".join(["abcd"] * 119 + ["abcde"])  # 600 characters: nothing is cut
    assert len(exact) == MAX_CHARS and normalize(exact, locale="en") == exact
    over = normalize("abcdefgh " * 200, locale="en")
    assert over == " ".join(["abcdefgh"] * (MAX_CHARS // 9)) and MAX_CHARS - 9 < len(over) <= MAX_CHARS
    assert normalize("a" * 700, locale="en") == "a" * MAX_CHARS  # one word too long: cut within it
    assert normalize("a " + "b" * 700, locale="en") == "a"
    # Only the first 4 x MAX_CHARS characters are looked at, spaces included.
    assert read(" " * (4 * MAX_CHARS - 20) + "I wet myself").level == "emergency"
    assert read(" " * (4 * MAX_CHARS) + "I wet myself") == Assessment()


# --------------------------------------------------------------------------- what sets a finding aside


@pytest.mark.parametrize("text,level,near", [
    ("numb is my leg", "doctor", ()),  # concepts in any order, words between
    ("my leg is not numb", "clarify", ("one_leg",)),
    ("my leg not so very much numb", "clarify", ("one_leg",)),  # three words between: in the window
    ("my leg not so very very much numb", "doctor", ()),  # four: out of it
    ("my leg no i am not numb", "clarify", ("one_leg",)),  # "no" stops at "i", "not" denies
    ("my leg no i am numb", "doctor", ()),
    ("no my leg not numb", "clarify", ("one_leg",)),  # "no" stops at "my", "not" denies
    ("no my leg numb", "doctor", ()),
    ("my leg never went numb", "clarify", ("one_leg",)),
    ("my leg never went numb before", "doctor", ()),  # never ... before: new, not denied
    ("my leg never before not numb", "clarify", ("one_leg",)),  # a later cue still denies
    ("my leg hurts, never mind i am numb", "doctor", ()),  # the place borrowed lies before any cue
    ("my leg went numb two years ago", "clarify", ("one_leg",)),
    ("my leg went numb two or 3 years ago", "clarify", ("one_leg",)),  # "two" begins a phrase with # in it
    ("my leg went numb two years ago, but this is new", "doctor", ()),
    ("my back hurts, my leg is numb, two years ago", "clarify", ("one_leg",)),  # the next clause qualifies
    ("i had cancer two years ago", "urgent", ()),  # history is the flag itself
    ("my leg went numb, but it is fine now", "clarify", ("one_leg",)),
    ("my leg is weak, but it is fine now", "urgent", ()),  # only a resolvable finding goes away
    ("my leg is weak for a second, but it is fine now", "clarify", ("leg_weakness",)),  # ... or a brief one
    ("my leg is weak for a second", "urgent", ()),  # brief and not over
    ("i wet myself for a second, fine now", "emergency", ()),  # a flag not listed as brief_and_gone stays
    ("what if my leg went numb", "clarify", ("one_leg",)),
    ("my wife has a numb leg", "clarify", ("one_leg",)),
    ("my wife says i have a numb leg", "doctor", ()),
    ("i have a fever", "urgent", ()),
    ("i have a fever from the tablets", "clarify", ("fever",)),  # a cause explains it away
    ("i got a fever and a weak leg from the tablets and the gym", "clarify", ("fever", "leg_weakness")),
    ("i have a fever from the sauna", "none", ()),  # what stops a rule (unless) ...
    ("not cold i have a fever from the sauna", "none", ()),  # ... even with a denial elsewhere
    ("i have a fever not from the sauna", "urgent", ()),  # ... unless it is itself denied
    ("my leg went numb two years ago, fever not from the sauna", "urgent", ("one_leg",)),  # each its own
])
def test_what_sets_a_finding_aside(toy, text, level, near):
    found = read(text)
    assert (found.level, found.near_misses) == (level, near)


def test_a_finding_set_aside_leaves_the_rest_of_its_clause(toy):
    found = read("no fever i wet myself")
    assert (found.level, found.flags, found.near_misses) == ("emergency", ("bladder",), ("fever",))


def test_near_misses_most_urgent_first_then_in_the_files_order(toy):
    found = read("my leg is not suddenly weak, no fever")
    assert (found.level, found.clarify) == ("clarify", "weakness")
    assert found.near_misses == ("sudden_weakness", "fever", "leg_weakness")


# --------------------------------------------------------------------------- sides, and clauses that lean on each other


@pytest.mark.parametrize("text,flags,clarify", [
    ("my leg is numb", ("one_leg",), "legs"),  # no side named: one leg or both?
    ("my left leg is numb", ("one_leg",), None),
    ("my leg is numb on both sides", ("both_legs",), None),
    ("my left leg is numb, my right leg too", ("both_legs",), None),
    ("my left leg is numb, my right arm hurts", ("one_leg",), None),  # a right arm is no leg
    ("left leg, right leg", (), None),  # sides with no finding
    ("fever, left leg, right leg", ("fever",), None),
    ("my leg is weak", ("leg_weakness",), "weakness"),
    ("my leg is suddenly weak", ("sudden_weakness",), None),  # supersedes leg_weakness
    ("no fever my leg is weak, and it came on suddenly", ("sudden_weakness",), None),  # lent to the clause before
    ("i am numb, my leg is weak", ("leg_weakness",), "weakness"),  # the first clause borrows nothing from the last
    ("it is numb, the left, in my leg", ("one_leg",), "legs"),  # past a clause that only names a side
    ("well, my leg, my arm, numb", (), "elbow"),
    ("my leg is weak, i have a fever", ("fever", "leg_weakness"), "weakness"),  # same level: the file's order
    ("my leg is weak, no pee leak", ("leg_weakness",), "bladder"),  # a question that could raise it
    ("my leg is weak, no fever", ("leg_weakness",), "weakness"),  # one at the same level could not
    ("it was sudden, my leg is weak", ("sudden_weakness",), None),  # the time course of the clause before
    ("it was not sudden, my leg is weak", ("leg_weakness",), "weakness"),  # ... unless denied there
    ("it was sudden, not long after that my leg went weak", ("sudden_weakness",), None),
    ("it was sudden, my leg is not weak", (), "weakness"),  # lent, but what it qualifies is denied
    ("my left leg is numb, tablets for my right leg", ("one_leg",), None),  # a side said of something else
])
def test_sides_and_neighbouring_clauses(toy, text, flags, clarify):
    found = read(text)
    assert (found.flags, found.clarify) == (flags, clarify)


@pytest.mark.parametrize("text,topic", [
    ("my bum hurts", "saddle"),
    ("my pee hurts and my bum hurts", "saddle"),  # the preferred topic, not the first
    ("my arm hurts and my bum hurts", "saddle"),  # a topic the code does not know comes last
    ("my arm hurts", "elbow"),
])
def test_the_clarifying_topic(toy, text, topic):
    assert (read(text).level, read(text).clarify) == ("clarify", topic)


def test_slot_ids(toy):
    assert read("", [42, "fever"]).flags == ("fever",)  # odd ids are passed over, not stopped at
    assert read("", ["no_such_flag", "fever"]).flags == ("fever",)
    assert read("no fever", ["fever"]).level == "clarify"  # the words beat the id
    assert read("no fever", ["fever", "bladder"]).flags == ("bladder",)
    assert read("my leg is weak", ["leg_weakness", "one_leg"]).flags == ("leg_weakness", "one_leg")


def test_levels_and_flags_of_unknown_names():
    assert triage.level_rank("bogus") == 0 == triage.level_rank("none")
    assert triage.max_level("bogus", "none") == triage.max_level(None, "none") == "none"
    assert triage.flag_level("no_such_flag") == "none"


def test_an_ending_is_spelt_by_englishs_usual_rules():
    from spasm_coach.triage import _forms
    # A silent e goes before a vowel ending, not before a consonant one, and not from "ee".
    assert {"tingly", "tingling", "tingled"} <= _forms("tingle", "y") | _forms("tingle", "ing") | _forms("tingle", "ed")
    assert "sorness" not in _forms("sore", "ness") and "beed" not in _forms("bee", "ed")
    # y after a consonant becomes i (ie before s), never before -ing, never after a vowel.
    assert {"heavier", "heaviness"} <= _forms("heavy", "er") | _forms("heavy", "ness")
    assert "bodies" in _forms("body", "s")
    assert "heaviing" not in _forms("heavy", "ing") and "staied" not in _forms("stay", "ed")
    # Plurals: es after ss, x, ch and sh; a word in a single s takes none.
    assert _forms("loss", "s") == {"losses"} and _forms("leg", "s") == {"legs"}
    assert {"rashes", "boxes", "stitches"} <= _forms("rash", "s") | _forms("box", "s") | _forms("stitch", "s")
    assert _forms("hips", "s") == set()  # already a plural
    # A short word doubles its last consonant before a vowel ending; not w, x or y, not
    # after two vowels, not before a consonant ending, not a longer word.
    assert {"wetting", "dragged", "stopping"} <= _forms("wet", "ing") | _forms("drag", "ed") | _forms("stop", "ing")
    for term, ending, wrong in (("flow", "ing", "flowwing"), ("tax", "ing", "taxxing"), ("pain", "ing", "painning"),
                                ("wet", "ness", "wettness"), ("swell", "ing", "swellling")):
        assert wrong not in _forms(term, ending), (term, ending)


def test_an_ending_after_y_a_vowel_or_a_longer_word_follows_the_same_rules():
    from spasm_coach.triage import _forms
    # y after a vowel stays, however long the word; y stays before -ish and -y too.
    assert _forms("delay", "ed") == {"delayed"}
    assert _forms("heavy", "ish") == {"heavyish"} and _forms("heavy", "y") == {"heavyy"}
    # Only a short word doubles: a word of five letters does not, nor one that opens with a
    # vowel before its last vowel ("eat").
    assert _forms("visit", "ing") == {"visiting"} and _forms("eat", "ing") == {"eating"}


def test_a_form_takes_only_the_plural_and_a_word_an_equivalent_means_is_never_a_form():
    from spasm_coach.triage import inflected_forms
    terms = ["weak", "tingling", "numbed", "weakness", "wobbly"]
    data = {"number_words": [], "equivalents": {"feebler": "weaker"}, "fillers": [],
            "inflections": {"groups": {"what went wrong": ["s", "er"]}},
            "concepts": {"what went wrong": {"weak": {"terms": terms}}}}
    found = inflected_forms(data, {(term,): {"weak"} for term in terms})
    assert set(found) == {"weaks", "tinglings", "numbeds", "weaknesses", "wobblies", "wobblys"}


def test_inflected_forms_come_from_one_word_base_terms_of_the_groups_named():
    from spasm_coach.triage import inflected_forms
    data = {"number_words": ["one"], "equivalents": {"numbing": "numb"}, "fillers": ["um"],
            "inflections": {"groups": {"what went wrong": ["s", "er", "ing"], "places": ["s"]}},
            "concepts": {"what went wrong": {"weak": {"terms": ["weak", "tingling", "ow", "numb", "two words", "x2"]}},
                         "places": {"leg": {"terms": ["leg"]}}, "markers": {"@new": {"terms": ["new"]}}}}
    phrases = {("weak",): {"weak"}, ("tingling",): {"tingle"}, ("ow",): {"ow"}, ("numb",): {"numb"},
               ("two", "words"): {"two"}, ("x2",): {"x"}, ("leg",): {"leg"}, ("new",): {"@new"},
               ("number", "two"): {"bowel"}}
    assert inflected_forms(data, phrases) == {
        "weaker": {"weak"}, "weaks": {"weak"}, "weaking": {"weak"},  # a base word takes every ending
        "tinglings": {"tingle"},  # a form ("-ing") only a plural
        "numbs": {"numb"},  # "number" is a word of the vocabulary, "numbing" an equivalent
        "legs": {"leg"},  # its group's endings only; markers take none; short, spaced, non-letter terms none
    }


def test_a_question_in_a_clause_of_its_own_sets_aside_the_finding_after_it():
    assert assess("numbness in both feet").level == "emergency"
    asked = assess("out of curiosity, numbness in both feet")
    assert asked.level == "clarify" and asked.near_misses == ("both_legs",)
    # A clause before that asks nothing lends nothing; one that asks does not hide what the
    # speaker says of themself.
    assert assess("well then, numbness in both feet").level == "emergency"
    assert assess("out of curiosity, i have wet myself").flags == ("bladder",)


def test_a_cause_said_before_lends_its_past_but_a_finding_new_today_still_alarms():
    assert assess("i had a slipped disc years ago, both legs went numb from that this morning").flags == ("both_legs",)
    old = assess("i have had ms for years, both my legs get numb from that")
    assert old.level == "clarify" and old.near_misses == ("both_legs",)  # both legs, set aside


def test_all_fine_now_after_a_past_finding_keeps_it_in_the_past():
    # The "now" of "all fine now" is not a new finding's.
    past = assess("i wet myself years ago, all fine now")
    assert past.level == "clarify" and past.near_misses == ("bladder",)


def test_an_inflected_form_is_one_word_and_the_next_is_read():
    assert assess("numbish groin").flags == ("saddle_numbness",)


# --------------------------------------------------------------------------- exceptions said first; a condition asked about

def _with_cold(data: Dict[str, Any]) -> None:
    """A second exception to fever ("cold"), which is not one said first."""
    data["concepts"]["findings"]["cold"] = _concept("cold")
    _rule_named(data, "fever")["unless"] = ["sauna", "cold"]
    _rule_named(data, "numb leg")["unless"] = ["cold"]
    data["exceptions_said_first"] = {"tags": ["sauna"]}


def test_an_exception_said_in_the_clause_before_counts_only_when_listed(toy):
    toy(_with_cold)
    assert read("i was in the sauna and i have a fever").level == "none"
    assert read("i was in the cold and i have a fever").level == "urgent"   # cold: only said after
    assert read("i have a fever and i was in the cold").level == "none"
    assert read("i have a fever").level == "urgent"
    # Only the listed exception is lent forward, not the rest of what the clause before says.
    assert read("i was in the sauna in the cold and my leg is numb").level == "doctor"
    # The clause before, not the last one; and added to what the clause after lends.
    assert read("i have a fever and my leg is numb and i was in the sauna").level == "urgent"
    assert read("i was in the sauna and my leg is numb with a fever and i was in the cold").level == "none"


def test_without_exceptions_said_first_the_clause_before_lends_none(toy):
    toy(lambda d: d["rules"][0].update(unless=["sauna"]))
    assert read("i was in the sauna and i have a fever").level == "urgent"
    assert read("i have a fever and i was in the sauna").level == "none"


def test_an_exception_said_first_that_no_rule_holds_is_refused(toy):
    assert problem(toy, lambda d: d.update(exceptions_said_first={"tags": ["gym"]})) == \
        "triage vocabulary for en: exceptions_said_first names 'gym', which no rule's unless holds"


def test_a_condition_that_asks_is_hypothetical_throughout(toy):
    toy(lambda d: d.update(asked_if={"openers": ["if"]}))
    assert read("if my leg is numb what if it is bad").level != "doctor"   # asked about
    assert read("my leg is numb what if it is bad").level == "doctor"      # said, then asked
    assert read("if i sit my leg is numb").level == "doctor"               # a trigger asks nothing


def test_without_asked_if_a_condition_is_read_as_said(toy):
    toy(lambda d: None)
    assert read("if my leg is numb what if it is bad").level == "doctor"


# What tells more than "no" (handlers/dialogue.py: a denial that does is asked again).
@pytest.mark.parametrize("text", ["i don't have the urge to go anymore", "no but my groin hurts",
                                  "no but it feels weird down there", "no but i keep leaking",
                                  "no but my left foot is numb", "no but my leg feels a bit dodgy",
                                  "no, but something's not right with my feet"])
def test_words_that_tell_of_the_body(text):
    assert triage.tells_of_symptom(text)


@pytest.mark.parametrize("text", ["no just my back hurts", "no my knees are ok", "no i don't have any numbness",
                                  "no nothing like that", "no my back feels heavy", "i don't have pain down my leg",
                                  "", "no my legs are fine", "no my back is a bit dodgy", "no nothing wrong with my legs",
                                  "no, nothing's off"])
def test_words_that_tell_of_nothing_but_the_back(text):
    assert not triage.tells_of_symptom(text)


def test_a_vocabulary_is_made_whole_and_never_changed():
    """Vocabulary is a plain class (no dataclass cost at import): it still takes every field by
    name, refuses a missing or unknown one, and is never changed or unmade once made."""
    vocabulary = triage.check("en-US")
    fields = dict(vars(vocabulary))
    assert triage.Vocabulary(**fields).locale == vocabulary.locale
    with pytest.raises(TypeError):
        triage.Vocabulary(**{name: value for name, value in fields.items() if name != "rules"})
    with pytest.raises(TypeError):
        triage.Vocabulary(unknown_field=1, **fields)
    with pytest.raises(AttributeError):
        vocabulary.locale = "en-GB"
    with pytest.raises(AttributeError):
        del vocabulary.rules
    assert vocabulary.rules == fields["rules"]
