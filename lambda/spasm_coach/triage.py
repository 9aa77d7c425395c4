"""Triage: what a person said (and any resolved slot ids) in, how urgent it is out.

A plain function with no SDK types, so it can sit in front of every handler and be
tested directly. It reads meaning, not memorised sentences:

1. The words are normalised the way a speech recogniser writes them ("can't", "cant",
   "cannot" and "unable to" are one word; fillers such as "um" and "you know" go).
2. They are split into clauses ("no fever, but I wet myself" is two).
3. Each clause is read for concepts: a lexicon (content/redflags.<locale>.json) maps
   words and short phrases to tags such as ``saddle``, ``numb``, ``bladder``, ``leak``,
   ``both`` or ``sudden``, and to markers (``@negation``, ``@history``, ...).
4. A rule fires when a clause holds one tag of each of its ``when`` groups, in any
   order and with any words between ("my bum's gone numb", "numbness around my bum"),
   and none of its ``unless`` tags, said or left undenied.
   A rule marked ``across_clauses`` also fires on its concepts said in different clauses
   of one utterance ("my jaw aches, and I'm sweating buckets").
5. Neighbouring clauses lend what they lack: a place ("I'm trying to pee, but nothing
   comes"), a symptom said of the speaker to a clause that only names a place ("there's
   numbness, and it's in my bum"), a time course ("I went to stand, and my leg had no
   strength in it"; "..., and it's getting worse"), a side of the legs ("it shoots down
   one leg, and then the other"), and, from following clauses with nothing of their own,
   markers and exceptions ("I wet myself, but that was years ago"; "..., only a few
   seconds, and after that nothing"), unless they speak of another symptom.
6. A rule whose concepts are denied ("no numbness"), long-standing ("for years"),
   hypothetical ("what if"), asked about of nobody ("is incontinence a bad sign?"),
   about someone else ("my mum had"), positional and gone ("went dead from sitting ...
   fine now") or explained by a cause the vocabulary names ("the tablets make me
   wobbly") is a near miss: a clarifying question, never an alarm. A denial covers only
   what follows it in its clause, so it never cancels a different symptom ("no fever
   but I wet myself" is an emergency). What is set aside only as someone else's, told
   as happening now ("my husband has chest pain"), is kept apart as theirs
   (``Assessment.someone_else``), never as the speaker's.

Levels follow clinical.md's red-flag table:

    none < clarify < doctor < urgent < emergency

The highest level wins. Odd input (None, empty, symbols, another language) is "none";
text longer than MAX_CHARS (600 characters) is cut at the last word boundary before it.
A vocabulary that does not load or validate raises
VocabularyError: a broken vocabulary must stop the skill, never quietly turn every
emergency into a question. ``check(locale)`` loads and validates one up front.
"""
from __future__ import annotations

import json
import re
import sys
import threading
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple

LEVELS: Tuple[str, ...] = ("none", "clarify", "doctor", "urgent", "emergency")
_RANK = {name: index for index, name in enumerate(LEVELS)}

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LOCALE = "en-US"
SHARED = "en"  # the vocabulary every English locale starts from
# What is read of one utterance: Alexa's slot values are far shorter; a longer text is
# cut at the last word boundary before this many characters.
MAX_CHARS = 600

# Order in which clarifying topics are preferred when several fit equally.
_TOPIC_ORDER = ("saddle", "bladder", "bowel", "legs", "weakness", "belly", "where", "pain", "general")
# Markers: tags a rule never asks for, which change how a clause is read.
MARKERS = ("@negation", "@not_negation", "@denied", "@new", "@persisting", "@history", "@hypothetical", "@resolved",
           "@asking", "@third_person", "@first_person", "@restart", "@brief", "@back_reference", "@affirming")
NUMBER = "#"  # in a lexicon phrase: any number, in words or digits


class VocabularyError(ValueError):
    """A triage vocabulary that cannot be read or does not make sense."""


def level_rank(level: str) -> int:
    """Position of a level in LEVELS (unknown levels count as "none")."""
    return _RANK.get(level, 0)


def max_level(a: str, b: str) -> str:
    """The more urgent of two levels (an unknown level counts as "none")."""
    return LEVELS[max(level_rank(a), level_rank(b))]


class Assessment(NamedTuple):
    """The outcome of one triage.

    level: one of LEVELS.
    flags: red-flag ids raised (see content/redflags.en.json "flags"), most urgent first.
    clarify: which clarifying question fits ("legs", "saddle", "bladder", "bowel",
        "weakness", "where", "pain", "general"), or None. Set when level is "clarify",
        and also when a doctor/urgent answer could rise with one follow-up (a leg
        symptom with no side given: "one leg or both?").
    near_misses: red-flag ids mentioned but denied, past, hypothetical or resolved.
    someone_else: red-flag ids set aside only because they were said of someone else, as
        happening now ("my husband has chest pain", "my dad has wet himself"): not denied,
        hypothetical, past, resolved, explained or asked about, and not of a thing ("the vase
        fell"). Never the speaker's: nothing of it is in the level or the flags
        (handlers/safety.py asks whether that someone is with the speaker now).
    """

    level: str = "none"
    flags: Tuple[str, ...] = ()
    clarify: Optional[str] = None
    near_misses: Tuple[str, ...] = ()
    someone_else: Tuple[str, ...] = ()

    @property
    def is_red_flag(self) -> bool:
        return level_rank(self.level) >= _RANK["doctor"]

    def to_dict(self) -> Dict[str, object]:
        return {
            "level": self.level,
            "flags": list(self.flags),
            "clarify": self.clarify,
            "near_misses": list(self.near_misses),
            "someone_else": list(self.someone_else),
        }


NONE = Assessment()


# --------------------------------------------------------------------------- vocabulary


class Rule(NamedTuple):
    """Tags that together mean a red flag (``flag``) or call for a question (``clarify``)."""

    id: str
    when: Tuple[FrozenSet[str], ...]  # one tag of each group, anywhere in the clause
    unless: FrozenSet[str]  # any of these in the clause and the rule does not fire
    flag: Optional[str]
    clarify: str
    level: str
    sided: bool  # a leg rule: "both legs" (or left and right) makes it both_legs
    resolvable: bool  # may be set aside as positional and gone ("fine now")
    # only when a later clause says it is over ("..., but today I'm fine"), never by a
    # position said with it: breathless "when I lie on the mat" is still breathless
    resolved_only_after: bool
    history_is_the_flag: bool  # "I had cancer years ago" is the red flag itself
    across_clauses: bool = False  # also fires on its concepts said in different clauses of one utterance
    # its concepts said in the clause itself, none borrowed from the one before ("my legs are
    # fine, just struggling to walk": the legs are not what struggles)
    own_clause: bool = False
    # only when the utterance also names a position or a cause that wears off ("from sitting on
    # the hard floor, it came back as soon as I moved"): saddle numbness that came and went
    # with none named is still saddle numbness
    resolved_only_positional: bool = False
    # a question's rule only: said of the speaker beside any red flag, it raises this flag
    # ("my tummy hurts and I have a fever": no plain belly ache, so the belly keeps its emergency)
    beside_a_flag: Optional[str] = None
    # ... and so it does when any of these is said of the speaker anywhere in the utterance
    # ("my tummy hurts, and I feel clammy"; "stomach pain and back pain")
    raised_with: FrozenSet[str] = frozenset()


class HeardRunOn(NamedTuple):
    """Where a clause ends in words a recogniser sends with no punctuation (the vocabulary's
    `heard_without_punctuation`): the openers of a question turned round after a statement,
    each with its subjects, and the words after which one is the statement's own; the
    speaker's reason and own case after a general question, with the verbs said of that
    case; and the words a time is made of and its tags, which alone are read with the
    speaker's answer too."""

    turned: Dict[str, FrozenSet[str]]
    turned_not_after: FrozenSet[str]
    reasons: FrozenSet[str]
    own: FrozenSet[str]
    own_then: FrozenSet[str]
    time_words: FrozenSet[str]
    time_tags: FrozenSet[str]
    starts: FrozenSet[str]  # every word a clause may begin at for one of these reasons


def _told_symptoms(data: Mapping[str, Any], problems: List[str]) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """`told_symptoms`: its feelings and faults; its aches; and the places an ache tells of (its
    groups' concepts but its exceptions)."""
    told = data.get("told_symptoms", {})
    places: Set[str] = set()
    for group in told.get("places", {}).get("groups", ()):
        if group not in data["concepts"]:
            problems.append("told_symptoms names unknown group %r" % group)
            continue
        places.update(tag for tag in data["concepts"][group] if tag != "about")
    tags, aches = set(told.get("tags", ())), set(told.get("aches", ()))
    known = {tag for concepts in data["concepts"].values() for tag in concepts if tag != "about"}
    problems.extend("told_symptoms names unknown tag %r" % tag for tag in sorted((tags | aches) - known))
    return frozenset(tags), frozenset(aches), frozenset(places - set(told.get("places", {}).get("except", ())))


def _heard_run_on(data: Mapping[str, Any]) -> HeardRunOn:
    turned = {opener: frozenset(subjects) for opener, subjects in data.get("turned", {}).items()}
    reasons, own = frozenset(data.get("reasons", ())), frozenset(data.get("own", ()))
    return HeardRunOn(turned=turned, turned_not_after=frozenset(data.get("turned_not_after", ())),
                      reasons=reasons, own=own, own_then=frozenset(data.get("own_then", ())),
                      time_words=frozenset(data.get("time_words", ())),
                      time_tags=frozenset(data.get("time_tags", ())),
                      starts=frozenset(turned) | reasons | own)


class Vocabulary:
    """One locale's red-flag vocabulary, compiled once from its data (_compile): made once per
    locale, never changed, compared or printed whole.

    A plain class that takes every field below by name, not a dataclass: a dataclass writes
    and compiles an ``__init__`` of all these fields (and more methods) when the module is
    imported, which cost every cold start two to three milliseconds; this reads the same.
    """

    locale: str
    equivalents: Dict[Tuple[str, ...], Tuple[str, ...]]  # "can not" -> "cant"
    fillers: FrozenSet[Tuple[str, ...]]  # "um", "you know": dropped
    like_kept_after: FrozenSet[str]  # "feels like" is not a filler
    numbers: FrozenSet[str]
    # Every phrase with its tags, looked up whole; by first word, the lengths to try, longest
    # first; and by first word ("#" for a number) the few phrases with a number in them.
    phrases: Dict[Tuple[str, ...], FrozenSet[str]]
    lengths: Dict[str, Tuple[int, ...]]
    numbered: Dict[str, Tuple[Tuple[Tuple[str, ...], FrozenSet[str]], ...]]
    single_words: FrozenSet[str]  # phrases of one word
    # Forms of one-word concept terms the lexicon does not list ("weaker", "tingly",
    # "numbness", "paining"): read as the term's concept (see inflected_forms).
    inflected: Dict[str, FrozenSet[str]]
    clause_breaks: FrozenSet[str]  # "but" always starts a clause
    breaks_before_subject: FrozenSet[str]  # "and", "so": only before a new subject
    subjects: FrozenSet[str]
    negation_window: int
    never_undone_by: FrozenSet[str]  # "never ... before" says new, not denied
    determiner_cues: FrozenSet[Tuple[str, ...]]  # "no", "without": stopped by a possessive too
    determiner_stops: FrozenSet[str]
    determiner_through: FrozenSet[str]  # "of": "neither of my legs" denies what the legs are said to be
    denials_said_after: FrozenSet[Tuple[str, ...]]  # "is fine", "all good": clear what came before them
    rules: Tuple[Rule, ...]
    rules_by_tag: Dict[str, Tuple[int, ...]]  # a tag -> the rules filed under it (_index_rules)
    sided_places: FrozenSet[str]  # the places leg rules are read in
    # By first word, the lengths of the equivalents and of the fillers that start with it,
    # longest first: only those are tried where a word could start one.
    equivalent_lengths: Dict[str, Tuple[int, ...]]
    filler_lengths: Dict[str, Tuple[int, ...]]
    rewritten_starts: FrozenSet[str]  # first words of equivalents and fillers: only there is a rewrite tried
    flag_levels: Dict[str, str]
    flag_topics: Dict[str, str]
    flag_order: Dict[str, int]
    follow_up: Dict[str, str]  # flag -> the question that could raise it
    follow_up_unless_side: FrozenSet[str]  # flags asked about only when no side was named
    places: FrozenSet[str]  # tags of body regions and functions, which a next clause may borrow
    qualifying: FrozenSet[str]  # tags a following clause with nothing of its own lends ("and it's getting worse")
    # Causes that explain findings away ("the tablets make me wobbly"): (one tag of each
    # group, the flags they explain, tags that keep them from explaining: "after a few steps")
    explanations: Tuple[Tuple[Tuple[FrozenSet[str], ...], FrozenSet[str], FrozenSet[str]], ...]
    explaining: FrozenSet[str]  # every tag of every cause: a clause with none has nothing explained
    superseded: Dict[str, FrozenSet[str]]  # flag -> flags that make it redundant
    side_tags: FrozenSet[str]  # a side was named: "left", "right", "one", "both"
    both_tag: str  # in a clause with a sided rule: the finding is on both sides
    both_flag: str  # what it then raises
    brief_flags: FrozenSet[str]  # flags set aside when the episode was brief and is gone ("for a few seconds ... fine now")
    exceptions_said_first: FrozenSet[str]  # `unless` tags a clause lends to the one after it ("I've been dieting, and ...")
    exceptions_said_after: FrozenSet[str]  # `unless` tags a clause lends to the one before it ("I can't stay firm, my back gives way")
    said_last_only: FrozenSet[str]  # tags read only from words that end their clause ("... in agony since")
    exceptions_after_whose: FrozenSet[str]  # lent only by a clause that names one of these (the back, the core)
    exceptions_after_not_with: FrozenSet[str]  # nor by one that says one of these ("my back collapses under me")
    exceptions_after_not_to: FrozenSet[str]  # nor to a clause that names one of these (sex, the genitals)
    rest_tags: FrozenSet[str]  # going to rest ("fell into bed"), unless a part or a mishap says a fall
    rest_parts: FrozenSet[str]  # a part of the furniture right after it: "fell onto the bed frame"
    rest_not_with: FrozenSet[Tuple[str, ...]]  # a mishap in the clause or the next: "tripped", "couldnt get up"
    exceptions_over_by_now: FrozenSet[str]  # of those, the ones a "now" after them puts in the past ("I had the runs, and now ...")
    asked_if: FrozenSet[str]  # words that open a condition: with a question, the whole clause is hypothetical
    other_symptoms: FrozenSet[str]  # a following clause saying one of these that this one does not speaks of that
    onset_tags: FrozenSet[str]  # a question that says when it began is told of the speaker
    asked_back: FrozenSet[Tuple[str, ...]]  # "is that normal?": a question about what was just said
    # A feeling named as a thing ("the ache") and placed by its own "in my X" belongs to X:
    # its tags, the words that name it as a thing, the words that place it, and how many
    # words may stand between those and the place.
    placed_tags: FrozenSet[str]
    # A toilet (or a tap, a shower) named with a fault of its own ("the loo won't flush") is
    # the fixture: each fixture's words, by first word, with the kind of fixture they name
    # (its faults, said after it or right before it, and the words that may stand between).
    fixture_nouns: Dict[str, Tuple[Tuple[Tuple[str, ...], "FixtureKind"], ...]]
    # A general question ("can a spasm make your leg weak") ends where the speaker begins.
    # "never noticed my seat had gone numb": the noticing is denied, not what was found.
    unnoticed_cues: FrozenSet[str]
    unnoticed_tags: FrozenSet[str]
    unnoticed_then: FrozenSet[str]
    unnoticed_not_after: FrozenSet[str]
    question_openers: FrozenSet[str]
    question_generic: FrozenSet[str]
    question_speaker: FrozenSet[str]
    question_joined: FrozenSet[str]  # "what to do if i ...": the speaker joined to the question
    run_on: HeardRunOn  # clauses heard with no punctuation
    placed_after: FrozenSet[str]
    # Words for one side ("left"): a plural after one is that side's own ("my left legs gone").
    one_side_words: FrozenSet[str]
    owners: FrozenSet[str]  # whose a side is ("my"): "my left legs gone" is one leg
    one_side_owners: Dict[str, FrozenSet[str]]  # more owners of one side word ("the one legs")
    phrase_endings: FrozenSet[Tuple[str, str]]  # the last two words of each phrase of several
    placing_words: FrozenSet[str]
    gone_places: FrozenSet[str]  # "bladder has gone": only the place, after "the ache in my"
    placing_gap: int
    scene_places: FrozenSet[str]  # places that only set a scene ("sat there"): they lend what came before
    # The toilet's functions a clause whose only places set a scene still reads from the one before:
    # "I went to the bathroom, and I couldn't get started, I sat there for ages".
    scene_borrows: FrozenSet[str]
    across_rules: Tuple[Rule, ...]  # rules also read across the clauses of one utterance
    persisting: FrozenSet[str]  # tags that say a finding goes on ("hasn't settled", "ever since")
    told_symptoms: FrozenSet[str]  # a feeling or a fault of the body ("no urge", "leaking")
    told_aches: FrozenSet[str]  # an ache, which tells only of a place but the back ("my groin hurts")
    told_places: FrozenSet[str]
    lent_with_places: FrozenSet[str]  # borrowed with the places: the touch told before ("..., and I didn't feel it")
    affirmed_of_joining: FrozenSet[str]  # "to": "that happened to my mum"
    lent_whoever_did_it: FrozenSet[str]  # of those, lent though someone else did it ("my wife put a flannel on my bum")
    other_side_too: FrozenSet[str]  # "the left leg tingles too": the side of the leg beside it counts
    positional_causes: FrozenSet[str]  # a position or cause that wears off ("from sitting", "a bike ride")
    # Walking is the legs' own: the time course said of it ("this morning I could walk") is lent
    # to the clause after it, as one said of no place is.
    walking_places: FrozenSet[str]
    walking_lends: FrozenSet[str]
    # A fall or crash said of a thing or an animal ("the dog crashed into the fence"): its tags,
    # the determiners and joining words around the thing's name, and how long that name may be.
    thing_tags: FrozenSet[str]
    thing_determiners: FrozenSet[str]
    thing_joining: FrozenSet[str]
    thing_gap: int
    thing_speaker: FrozenSet[str]
    thing_kept: FrozenSet[str]
    thing_consequence: FrozenSet[str]
    thing_afterwards: FrozenSet[Tuple[str, ...]]  # "and i bent to pick it up": what the speaker did next
    thing_owners: FrozenSet[str]  # "my laptop crashed": the speaker only owns the thing
    thing_owned: FrozenSet[str]  # what an owner's word may name: devices nobody sits, stands or rides on
    thing_naming: FrozenSet[str]
    sign_needs: Dict[str, FrozenSet[str]]  # a sign beside a flag that counts only said with these
    addressed: FrozenSet[str]  # "mate" with no owner before it: the listener, not someone else
    addressed_not_after: FrozenSet[str]  # "my", "a", "best": "my mate" is someone else
    # Words that tell someone else's finding as happening now ("has", "can't", "is"): without one
    # in its clause, it is a story ("my mate fell off a ladder"), not Assessment.someone_else.
    someone_else_now: FrozenSet[str]
    nobody_in_particular: FrozenSet[Tuple[str, ...]]  # "your", "everyone": nobody to ask after

    def __init__(self, **fields: Any) -> None:
        missing, unknown = self.__annotations__.keys() - fields.keys(), fields.keys() - self.__annotations__.keys()
        if missing or unknown:
            raise TypeError("Vocabulary: fields missing %s, unknown %s" % (sorted(missing), sorted(unknown)))
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Vocabulary is not changed once made")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Vocabulary is not changed once made")


def _vocabulary_path(name: str) -> Path:
    return CONTENT_DIR / ("redflags.%s.json" % name)


def vocabulary_files() -> List[Path]:
    """Every vocabulary file: the shared English one and each locale's additions."""
    return sorted(CONTENT_DIR.glob("redflags.*.json"))


def _read(name: str) -> Dict[str, Any]:
    path = _vocabulary_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise VocabularyError("triage vocabulary %s does not load: %s" % (path.name, error)) from error
    if not isinstance(data, dict):
        raise VocabularyError("triage vocabulary %s is not an object" % path.name)
    return data


def read_vocabulary(locale: str) -> Dict[str, Any]:
    """The shared English vocabulary with the locale's additions merged in, as data.

    A locale file (redflags.en-GB.json) only adds: words to concepts, phrases to
    equivalents and fillers. It never copies the shared file.
    """
    data = _read(SHARED)
    if locale != SHARED and _vocabulary_path(locale).exists():
        extra = _read(locale)
        # The shared data is read afresh for each locale, so it can be extended in place.
        for group, concepts in (extra.get("concepts") or {}).items():
            if not isinstance(concepts, dict):
                raise VocabularyError("%s: concepts.%s is not an object" % (locale, group))
            for tag, addition in concepts.items():
                known = _find_concept(data, tag)
                if known is None:
                    raise VocabularyError("%s adds words to %r, which the shared vocabulary does not define"
                                          % (locale, tag))
                known["terms"] = list(known["terms"]) + list(addition.get("terms", ()))
        data["equivalents"] = dict(data["equivalents"], **(extra.get("equivalents") or {}))
        data["fillers"] = list(data["fillers"]) + list(extra.get("fillers") or [])
    return data


def _find_concept(data: Mapping[str, Any], tag: str) -> Optional[Dict[str, Any]]:
    for concepts in (data.get("concepts") or {}).values():
        if tag in concepts:
            return concepts[tag]
    return None


def _words(phrase: str) -> Tuple[str, ...]:
    # Interned: the same word in a thousand phrases is kept once.
    return tuple(sys.intern(word) for word in phrase.lower().split())


def _build(locale: str) -> Vocabulary:
    try:
        return _compile(locale, read_vocabulary(locale))
    except VocabularyError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise VocabularyError("triage vocabulary for %s is malformed: %r" % (locale, error)) from error


def _compile(locale: str, data: Mapping[str, Any]) -> Vocabulary:
    """The vocabulary's data made ready to read with; every problem found is reported at once."""
    flags = data["flags"]
    topics = set(data["clarify_questions"]) - {"about"}
    problems = _flag_problems(flags, topics)
    phrases, defined, compounds = _read_concepts(data["concepts"], problems)
    rules = _read_rules(data["rules"], flags, topics, defined, problems)
    explanations = tuple((tuple(frozenset(t.strip() for t in group.split("|")) for group in cause["when"]),
                          frozenset(cause["explains"]), frozenset(cause.get("unless", ())))
                         for cause in data["explanations"]["causes"])
    explaining = {t for groups, _, _ in explanations for group in groups for t in group}
    for tag in (explaining | {t for _, _, unless in explanations for t in unless}) - defined:
        problems.append("an explanation uses %r, which no concept defines" % tag)
    for flag in {f for _, explained, _ in explanations for f in explained} - set(flags):
        problems.append("an explanation explains unknown flag %r" % flag)
    positional = set(data.get("positional_causes", {}).get("tags", ()))
    for tag in positional - defined:
        problems.append("positional_causes names %r, which no concept defines" % tag)
    said_after = data.get("exceptions_said_after", {})  # lent to the clause before (_assess_with)
    rest = data.get("gone_to_rest", {})  # "fell into bed" (_gone_to_rest)
    unused = defined - set(MARKERS) - compounds - {t for r in rules for g in r.when for t in g} - explaining - \
        {t for _, _, unless in explanations for t in unless} - \
        {t for r in rules for t in r.unless | r.raised_with} - set(data["side_tags"]) - set(data.get("reading_tags", ())) - positional - \
        {t for key in ("whose", "not_with", "not_to") for t in said_after.get(key, ())}
    if unused:
        problems.append("concepts no rule uses: %s" % ", ".join(sorted(unused)))
    both_flag = data["both_sides"]["flag"]
    reached = {r.flag for r in rules if r.flag} | ({both_flag} if any(r.sided for r in rules) else set())
    for flag in set(data.get("brief_and_gone", {}).get("flags", ())) - set(flags):
        problems.append("brief_and_gone names unknown flag %r" % flag)
    for tag in set(data.get("exceptions_said_first", {}).get("tags", ())) - {t for r in rules for t in r.unless}:
        problems.append("exceptions_said_first names %r, which no rule's unless holds" % tag)
    for tag in set(data.get("exceptions_said_first", {}).get("over_by_now", ())) - \
            set(data.get("exceptions_said_first", {}).get("tags", ())):
        problems.append("exceptions_said_first's over_by_now names %r, which is not one of its tags" % tag)
    for tag in set(said_after.get("tags", ())) - {t for r in rules for t in r.unless}:
        problems.append("exceptions_said_after names %r, which no rule's unless holds" % tag)
    for tag in set(data.get("said_last_only", {}).get("tags", ())) - defined:
        problems.append("said_last_only names %r, which no concept defines" % tag)
    for key in ("whose", "not_with", "not_to"):
        for tag in set(said_after.get(key, ())) - defined:
            problems.append("exceptions_said_after's %s names %r, which no concept defines" % (key, tag))
    for tag in set(rest.get("tags", ())) - defined:
        problems.append("gone_to_rest names %r, which no concept defines" % tag)
    if set(flags) - reached:
        problems.append("flags no rule raises: %s" % ", ".join(sorted(set(flags) - reached)))
    told = _told_symptoms(data, problems)
    thing = data.get("said_of_a_thing", {})  # a fall or crash said of a thing (_said_of_a_thing)
    walking = data.get("time_course_of_walking", {})
    for tag in set(walking.get("places", ())) - {t for group in data["places"] for t in data["concepts"][group]}:
        problems.append("time_course_of_walking names %r, which is no place" % tag)
    for tag in set(walking.get("tags", ())) - set(data["qualifying_tags"]):
        problems.append("time_course_of_walking lends %r, which is no qualifying tag" % tag)
    if problems:
        raise VocabularyError("triage vocabulary for %s: %s" % (locale, "; ".join(problems)))

    equivalents = {k: v for k, v in data["equivalents"].items() if k != "about"}
    reading = data["clauses"]
    owners = reading.get("owners", {})
    # More owners of a side word than "my" ("the one legs"): such a word is a side word too.
    one_side_owners = {word: frozenset(whose) for word, whose in owners.get("one_side", {}).items()}
    negation = data["negation"]
    vocabulary = Vocabulary(
        locale=locale,
        equivalents={_words(k): _words(v) for k, v in equivalents.items()},
        fillers=frozenset(_words(f) for f in data["fillers"]),
        addressed=frozenset(data.get("addressed", {}).get("terms", ())),
        addressed_not_after=frozenset(data.get("addressed", {}).get("not_after", ())),
        like_kept_after=frozenset(data["like_kept_after"]),
        numbers=frozenset(data["number_words"]),
        **_lexicon(phrases),
        single_words=frozenset(words[0] for words in phrases if len(words) == 1),
        phrase_endings=frozenset(words[-2:] for words in phrases if len(words) > 1),
        one_side_words=frozenset(words[0] for words, tags in phrases.items() if len(words) == 1 and
                                 tags & set(data["side_tags"]) - {data["both_sides"]["tag"]})
        | frozenset(one_side_owners),
        owners=frozenset(owners.get("words", ())),
        one_side_owners=one_side_owners,
        inflected=inflected_forms(data, phrases),
        clause_breaks=frozenset(reading["always"]),
        breaks_before_subject=frozenset(reading["before_a_new_subject"]),
        subjects=frozenset(reading["subjects"]),
        question_openers=frozenset(reading.get("a_question_then_the_speaker", {}).get("openers", ())),
        question_generic=frozenset(reading.get("a_question_then_the_speaker", {}).get("generic", ())),
        question_speaker=frozenset(reading.get("a_question_then_the_speaker", {}).get("speaker", ())),
        question_joined=frozenset(reading.get("a_question_then_the_speaker", {}).get("not_after", ())),
        run_on=_heard_run_on(reading.get("heard_without_punctuation", {})),

        negation_window=int(negation["window"]),
        never_undone_by=frozenset(negation["never_undone_by"]),
        determiner_cues=frozenset(_words(c) for c in negation["determiner_cues"]),
        determiner_stops=frozenset(negation["determiner_stops"]),
        determiner_through=frozenset(negation.get("determiner_through", ())),
        denials_said_after=frozenset(_words(c) for c in negation.get("said_after", {}).get("terms", ())),
        unnoticed_cues=frozenset(negation.get("unnoticed", {}).get("cues", ())),
        unnoticed_tags=frozenset(negation.get("unnoticed", {}).get("tags", ())),
        unnoticed_then=frozenset(negation.get("unnoticed", {}).get("then", ())),
        unnoticed_not_after=frozenset(negation.get("unnoticed", {}).get("not_after", ())),
        rules=tuple(rules),
        rules_by_tag=_index_rules(rules, phrases),
        sided_places=frozenset().union(*(r.when[0] for r in rules if r.sided)),
        equivalent_lengths=_lengths_by_first_word(_words(k) for k in equivalents),
        filler_lengths=_lengths_by_first_word(_words(f) for f in data["fillers"]),
        rewritten_starts=frozenset(_words(k)[0] for k in list(equivalents) + list(data["fillers"])) | {"like"},
        flag_levels={name: info["level"] for name, info in flags.items()},
        flag_topics={name: info["clarify"] for name, info in flags.items()},
        flag_order={name: index for index, name in enumerate(flags)},
        follow_up={name: info["follow_up"] for name, info in flags.items() if info.get("follow_up")},
        follow_up_unless_side=frozenset(n for n, info in flags.items() if info.get("follow_up_unless_side")),
        places=frozenset(tag for group in data["places"] for tag in data["concepts"][group]),
        qualifying=frozenset(data["qualifying_tags"]),
        explanations=explanations,
        explaining=frozenset(explaining),
        superseded={name: frozenset(info.get("superseded_by", ())) for name, info in flags.items()},
        side_tags=frozenset(data["side_tags"]),
        both_tag=data["both_sides"]["tag"],
        both_flag=both_flag,
        brief_flags=frozenset(data.get("brief_and_gone", {}).get("flags", ())),
        positional_causes=frozenset(positional),
        exceptions_said_first=frozenset(data.get("exceptions_said_first", {}).get("tags", ())),
        exceptions_said_after=frozenset(said_after.get("tags", ())),
        said_last_only=frozenset(data.get("said_last_only", {}).get("tags", ())),
        exceptions_after_whose=frozenset(said_after.get("whose", ())),
        exceptions_after_not_with=frozenset(said_after.get("not_with", ())),
        exceptions_after_not_to=frozenset(said_after.get("not_to", ())),
        rest_tags=frozenset(rest.get("tags", ())),
        rest_parts=frozenset(rest.get("parts", ())),
        rest_not_with=frozenset(_words(phrase) for phrase in rest.get("not_with", ())),
        exceptions_over_by_now=frozenset(data.get("exceptions_said_first", {}).get("over_by_now", ())),
        asked_if=frozenset(data.get("asked_if", {}).get("openers", ())),
        other_symptoms=frozenset(data.get("another_symptom", {}).get("tags", ())),
        onset_tags=frozenset(data.get("asked_of_the_speaker", {}).get("tags", ())),
        asked_back=frozenset(_words(p) for p in data.get("asked_of_what_was_said", {}).get("phrases", ())),
        placed_tags=frozenset(data.get("placed_feelings", {}).get("tags", ())),
        **_fixture_words(data.get("fixtures", {})),
        placed_after=frozenset(data.get("placed_feelings", {}).get("named_by", ())),
        placing_words=frozenset(data.get("placed_feelings", {}).get("words", ())),
        gone_places=frozenset(data.get("placed_feelings", {}).get("said_gone", {}).get("tags", ())),
        placing_gap=int(data.get("placed_feelings", {}).get("gap", 0)),
        across_rules=tuple(rule for rule in rules if rule.across_clauses),
        persisting=frozenset(data.get("persisting", {}).get("tags", ())),
        told_symptoms=told[0], told_aches=told[1], told_places=told[2],
        lent_with_places=frozenset(data.get("lent_with_places", {}).get("tags", ())),
        lent_whoever_did_it=frozenset(data.get("lent_with_places", {}).get("whoever_did_it", ())),
        affirmed_of_joining=frozenset(data.get("affirmed_of_someone_else", {}).get("joining", ())),
        other_side_too=frozenset(data.get("other_side_too", {}).get("tags", ())),
        scene_places=frozenset(tag for group in data.get("scene_setting", {}).get("groups", ())
                               for tag in data["concepts"][group]),
        scene_borrows=frozenset(data.get("scene_setting", {}).get("borrows", ())),
        walking_places=frozenset(walking.get("places", ())),
        walking_lends=frozenset(walking.get("tags", ())),
        thing_tags=frozenset(thing.get("tags", ())),
        thing_determiners=frozenset(thing.get("determiners", ())),
        thing_joining=frozenset(thing.get("joining", ())),
        thing_gap=int(thing.get("gap", 0)),
        thing_speaker=frozenset(thing.get("speaker", ())),
        thing_kept=frozenset(thing.get("kept", ())),
        thing_consequence=frozenset(thing.get("consequence", ())),
        thing_afterwards=frozenset(_words(phrase) for phrase in thing.get("afterwards", ())),
        thing_owners=frozenset(thing.get("owners", ())),
        thing_owned=frozenset(thing.get("owned", ())),
        thing_naming=frozenset(thing.get("naming", ())),
        sign_needs={tag: frozenset(needs) for tag, needs in data.get("sign_needs", {}).get("signs", {}).items()},
        someone_else_now=frozenset(data.get("said_of_someone_else_now", {}).get("words", ())),
        nobody_in_particular=frozenset(_words(p) for p in data.get("said_of_someone_else_now", {}).get("nobody", ())),
    )
    return vocabulary


class FixtureKind(NamedTuple):
    """One kind of fixture's faults: said after it (after at most `gap` of the `between`
    words), or right before it ("I can't get the shower to work")."""

    faults: FrozenSet[Tuple[str, ...]]
    fault_lengths: Tuple[int, ...]
    between: FrozenSet[str]
    gap: int
    faults_before: FrozenSet[Tuple[str, ...]]
    before_lengths: Tuple[int, ...]


def _fixture_words(fixtures: Mapping[str, Any]) -> Dict[str, Any]:
    nouns: Dict[str, List[Tuple[Tuple[str, ...], FixtureKind]]] = {}
    for kind_data in (fixtures, *fixtures.get("others", ())):
        faults = frozenset(_words(fault) for fault in kind_data.get("faults", ()))
        before = frozenset(_words(fault) for fault in kind_data.get("faults_before", ()))
        kind = FixtureKind(faults, tuple(sorted({len(f) for f in faults}, reverse=True)),
                           frozenset(kind_data.get("between", ())), int(kind_data.get("gap", 0)),
                           before, tuple(sorted({len(f) for f in before}, reverse=True)))
        for noun in kind_data.get("nouns", ()):
            words = _words(noun)
            nouns.setdefault(words[0], []).append((words, kind))
    return {"fixture_nouns": {first: tuple(sorted(found, key=lambda f: len(f[0]), reverse=True))
                              for first, found in nouns.items()}}


_VOWELS = frozenset("aeiou")


def _forms(term: str, ending: str) -> Set[str]:
    """The spellings of `term` with `ending`, by English's usual rules: a silent e goes
    ("tingle" -> "tingly", "tingling"), y after a consonant becomes i ("heavy" -> "heavier"),
    and a short word doubles its last consonant ("wet" -> "wetting")."""
    if ending == "s" and term.endswith("s"):
        return {term + "es"} if term.endswith("ss") else set()
    forms = {term + ending}
    vowel_ending = ending[0] in _VOWELS or ending == "y"
    if term.endswith("e") and vowel_ending and not term.endswith("ee"):
        forms.add(term[:-1] + ending)
    if term.endswith("y") and term[-2:-1] not in _VOWELS and ending not in ("ing", "ish", "y"):
        forms.add(term[:-1] + ("ie" if ending == "s" else "i") + ending)
    if ending == "s" and term.endswith(("x", "ch", "sh")):
        forms.add(term + "es")
    if vowel_ending and len(term) <= 4 and term[-1] not in _VOWELS | set("wxy") and \
            term[-2] in _VOWELS and term[-3:-2] not in _VOWELS:
        forms.add(term + term[-1] + ending)  # "wet" -> "wetting", "drag" -> "dragging"
    return forms


def inflected_forms(data: Mapping[str, Any], phrases: Mapping[Tuple[str, ...], Set[str]]
                    ) -> Dict[str, FrozenSet[str]]:
    """Every form the vocabulary's `inflections` allow of its one-word terms, with the
    term's tags: the endings a concept group takes ("weak" -> "weaker", "weakness"; "pain"
    -> "paining"). A form that is a word of the vocabulary already keeps its own reading
    ("number" of "number two" is not "numb"); terms of fewer than three letters take none."""
    known = {word for words in phrases for word in words} | set(data["number_words"])
    for said, meant in data["equivalents"].items():
        known.update(said.split() + meant.split())
    for filler in data["fillers"]:
        known.update(filler.split())
    found: Dict[str, Set[str]] = {}
    for group, endings in data.get("inflections", {}).get("groups", {}).items():
        for tag, concept in data["concepts"][group].items():
            for term in concept["terms"]:
                if len(term) < 3 or not term.isalpha():  # one word of letters only
                    continue
                # A form is made from a base word, not from a form ("tingling", "wobbly").
                base = not term.endswith(("ing", "ed", "ness", "ly"))
                tags = phrases[(term,)]
                for ending in endings if base else [e for e in endings if e == "s"]:
                    for form in _forms(term, ending) - known:
                        found.setdefault(form, set()).update(tags)
    return {form: frozenset(tags) for form, tags in found.items()}


def _unreachable(vocab: "Vocabulary") -> List[str]:
    """Terms the normalisation would rewrite before reading ("even lying flat" loses the
    filler "even"; "cannot walk" becomes "cant walk"): they could never match."""
    found = []
    phrases = list(vocab.phrases) + [words for found_ in vocab.numbered.values() for words, _ in found_]
    for words in phrases:
        said = ["feels"] + list(words)  # a word before, as in speech: "feels like ..." keeps "like"
        if _drop_fillers(_replace_equivalents(said, vocab), vocab) != said:
            found.append(" ".join(words))
    return found


def _flag_problems(flags: Mapping[str, Any], topics: Set[str]) -> List[str]:
    problems = []
    for name, info in flags.items():
        if info.get("level") not in ("doctor", "urgent", "emergency"):
            problems.append("flag %s: level %r" % (name, info.get("level")))
        if info.get("clarify") not in topics:
            problems.append("flag %s: clarify topic %r" % (name, info.get("clarify")))
        if not info.get("source"):
            problems.append("flag %s has no source" % name)
    return problems


_TERM_WORD = re.compile(r"[a-z0-9]+|#")  # a term is plain lower-case words, one space apart


def _read_concepts(groups: Mapping[str, Any], problems: List[str]
                   ) -> Tuple[Dict[Tuple[str, ...], Set[str]], Set[str], Set[str]]:
    """Every phrase with its tags; the tags defined; the compound concepts ("wet myself"
    stands for bladder + leak)."""
    phrases: Dict[Tuple[str, ...], Set[str]] = {}
    defined: Set[str] = set(MARKERS)
    compounds: Set[str] = set()
    implied: Set[Tuple[str, str]] = set()
    for concepts in groups.values():
        for tag, concept in concepts.items():
            if not concept.get("source"):
                problems.append("concept %s has no source" % tag)
            if not concept.get("terms"):
                problems.append("concept %s has no terms" % tag)
            defined.add(tag)
            also = set(concept.get("also", ()))
            if also:
                compounds.add(tag)
                implied.update((tag, t) for t in also)
            tags = {tag} | also
            for term in concept.get("terms", ()):
                if not isinstance(term, str) or not all(_TERM_WORD.fullmatch(w) for w in term.split(" ")):
                    problems.append("concept %s: term %r is not plain lower-case words" % (tag, term))
                    continue
                phrases.setdefault(_words(term), set()).update(tags)
    problems.extend("concept %s stands for %r, which is not defined" % (tag, other)
                    for tag, other in sorted(implied) if other not in defined)
    return phrases, defined, compounds


def _read_rules(raws: Sequence[Mapping[str, Any]], flags: Mapping[str, Any], topics: Set[str],
                defined: Set[str], problems: List[str]) -> List[Rule]:
    rules: List[Rule] = []
    seen_ids: Set[str] = set()
    for raw in raws:
        rule_id = raw["id"]
        if rule_id in seen_ids:
            problems.append("rule %s is defined twice" % rule_id)
        seen_ids.add(rule_id)
        if not raw.get("source"):
            problems.append("rule %s has no source" % rule_id)
        when = tuple(frozenset(t.strip() for t in group.split("|")) for group in raw["when"])
        unless = frozenset(raw.get("unless", ()))
        raised_with = {t.strip() for t in raw.get("raised_with", "").split("|") if t.strip()}
        for tag in set().union(*when, unless, raised_with):
            if tag not in defined:
                problems.append("rule %s uses %r, which no concept defines" % (rule_id, tag))
        flag = raw.get("flag")
        if raw.get("beside_a_flag") is not None and (flag is not None or raw["beside_a_flag"] not in flags):
            problems.append("rule %s: beside_a_flag %r" % (rule_id, raw["beside_a_flag"]))
        if flag is not None and flag not in flags:
            problems.append("rule %s raises unknown flag %r" % (rule_id, flag))
            continue
        clarify = raw.get("clarify") or (flags[flag].get("clarify") if flag else None)
        if clarify not in topics:
            problems.append("rule %s: clarify topic %r" % (rule_id, clarify))
        rules.append(Rule(
            id=rule_id, when=when, unless=unless, flag=flag, clarify=clarify,
            level=flags[flag].get("level") if flag else "clarify",
            sided=bool(raw.get("sided")), resolvable=bool(raw.get("resolvable")),
            resolved_only_after=raw.get("resolvable") == "when_over",
            resolved_only_positional=raw.get("resolvable") == "when_positional",
            history_is_the_flag=bool(raw.get("history_is_the_flag")),
            across_clauses=bool(raw.get("across_clauses")),
            own_clause=bool(raw.get("own_clause")),
            beside_a_flag=raw.get("beside_a_flag"),
            raised_with=frozenset(raised_with)))
    return rules


def _lexicon(phrases: Mapping[Tuple[str, ...], Set[str]]) -> Dict[str, Any]:
    """The phrase table: whole phrases looked up in one dict, the lengths to try for each
    first word, and the phrases with a number (#) in them by first word; one frozen set per
    distinct set of tags (a flat table: far less memory than a trie of dicts, and as readable)."""
    shared: Dict[FrozenSet[str], FrozenSet[str]] = {}
    exact: Dict[Tuple[str, ...], FrozenSet[str]] = {}
    lengths: Dict[str, Set[int]] = {}
    numbered: Dict[str, List[Tuple[Tuple[str, ...], FrozenSet[str]]]] = {}
    for words, tags in phrases.items():
        frozen = shared.setdefault(frozenset(tags), frozenset(tags))
        if NUMBER in words:
            numbered.setdefault(words[0], []).append((words, frozen))
        else:
            exact[words] = frozen
            lengths.setdefault(words[0], set()).add(len(words))
    return {
        "phrases": exact,
        "lengths": {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()},
        "numbered": {first: tuple(sorted(found, key=lambda item: -len(item[0]))) for first, found in numbered.items()},
    }


def _lengths_by_first_word(phrases: Iterable[Tuple[str, ...]]) -> Dict[str, Tuple[int, ...]]:
    """For each first word, the lengths of the phrases that start with it, longest first."""
    lengths: Dict[str, Set[int]] = {}
    for words in phrases:
        if words:
            lengths.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def _index_rules(rules: Sequence[Rule], phrases: Mapping[Tuple[str, ...], Set[str]]
                 ) -> Dict[str, Tuple[int, ...]]:
    """A rule can fire only in a clause that holds a tag of each of its groups: file each
    rule under the tags of one group, the one the fewest lexicon phrases carry, so a
    clause tries few rules it cannot fire ("I wet myself" tries the rules of a leak, not
    every rule about the bladder)."""
    carried: Dict[str, int] = {}
    for tags in phrases.values():
        for tag in tags:
            carried[tag] = carried.get(tag, 0) + 1
    index: Dict[str, List[int]] = {}
    for number, rule in enumerate(rules):
        rarest = min(rule.when, key=lambda group: sum(carried.get(tag, 0) for tag in group))
        for tag in rarest:
            index.setdefault(tag, []).append(number)
    return {tag: tuple(numbers) for tag, numbers in index.items()}


def _candidate_rules(clause_tags: Iterable[str], vocab: "Vocabulary") -> List[Rule]:
    numbers: Set[int] = set()
    for tag in clause_tags:
        numbers.update(vocab.rules_by_tag.get(tag, ()))
    return list(map(vocab.rules.__getitem__, sorted(numbers)))


_VOCABULARIES: Dict[str, Vocabulary] = {}
_LOADING = threading.Lock()


# locale -> (the folder it was looked up in, the vocabulary it reads); the folder is kept
# beside the name (tests point CONTENT_DIR elsewhere) rather than in the key, which would
# hash a Path on every request.
_NAMES: Dict[str, Tuple[Path, str]] = {}


def _vocabulary_name(locale: Optional[str]) -> str:
    """The vocabulary a locale reads: its own additions if it has a file, else the shared one."""
    locale = locale or DEFAULT_LOCALE
    if not isinstance(locale, str):
        return SHARED
    known = _NAMES.get(locale)  # looked up once per locale, not once per request
    if known is not None and known[0] is CONTENT_DIR:
        return known[1]
    if not re.fullmatch(r"[a-z]{2}-[A-Z]{2}", locale):
        return SHARED
    name = locale if _vocabulary_path(locale).exists() else SHARED
    if len(_NAMES) < 64 or locale in _NAMES:  # locales come from requests: bound what is kept
        _NAMES[locale] = (CONTENT_DIR, name)
    return name


def _vocabulary(locale: Optional[str]) -> Vocabulary:
    name = _vocabulary_name(locale)
    found = _VOCABULARIES.get(name)
    if found is None:
        with _LOADING:
            found = _VOCABULARIES.get(name)
            if found is None:
                found = _VOCABULARIES[name] = _build(name)
    return found


def check(locale: str = DEFAULT_LOCALE) -> Vocabulary:
    """Load and validate the vocabulary a locale reads; raise VocabularyError if it is broken.

    Called by the tests for every vocabulary file and by ``spasm-coach serve`` at start-up.
    It builds afresh (not from the cache), so an edited file is checked as it is now.
    """
    vocabulary = _build(_vocabulary_name(locale))
    unreachable = _unreachable(vocabulary)
    if unreachable:
        raise VocabularyError("triage vocabulary for %s: terms that can never be read as written "
                              "(a filler or an equivalent in them is rewritten first): %s"
                              % (locale, ", ".join(sorted(unreachable))))
    # A few phrases every English vocabulary must route, so a file that loads but has
    # lost its meaning still fails here.
    for text, level in (("I wet myself", "emergency"), ("my back is spasming", "none")):
        got = _assess_with(vocabulary, text, ())
        if got.level != level:
            raise VocabularyError("vocabulary for %s reads %r as %s, not %s" % (locale, text, got.level, level))
    return vocabulary


def check_all() -> List[str]:
    """check() every vocabulary file (the shared one and each locale's additions); the
    names checked. Raises VocabularyError at the first broken one."""
    names = [path.name[len("redflags."):-len(".json")] for path in vocabulary_files()]
    if SHARED not in names:
        raise VocabularyError("no shared triage vocabulary: %s" % _vocabulary_path(SHARED))
    for name in names:
        check(name)
    return names


def flag_level(flag: str, locale: str = DEFAULT_LOCALE) -> str:
    """The level a red-flag id raises on its own ("none" for unknown ids)."""
    return _vocabulary(locale).flag_levels.get(flag, "none")


def known_flags(locale: str = DEFAULT_LOCALE) -> Tuple[str, ...]:
    return tuple(_vocabulary(locale).flag_levels)


# --------------------------------------------------------------------------- text

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'"})
# Words and clause punctuation; anything else ("-", "_", symbols) parts words as a space
# does: "cross-legged" is two words.
_TOKEN = re.compile(r"[a-z0-9']+|[.,;:!?]")
_PUNCTUATION = frozenset(".,;:!?")
# "it's" is "it is"; any other "'s" ("my bum's gone numb") is dropped: for meaning, the
# possessive and "is" read the same.
_S_IS = frozenset(("it", "that", "there", "what", "he", "she", "who", "here", "where"))
# Possessives that are words of their own, never a noun with "'s" written without the apostrophe.
_POSSESSIVE_PRONOUNS = frozenset(("its", "his", "hers", "ours", "yours", "theirs"))


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_CHARS)
    return text[: cut if cut > 0 else MAX_CHARS]


def normalize(text: object, locale: str = DEFAULT_LOCALE) -> str:
    """The words the triage reads, space-separated, clause punctuation kept."""
    return " ".join(_tokens(text, _vocabulary(locale)))


def _tokens(text: object, vocab: Vocabulary) -> List[str]:
    if text is None:
        return []
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        text = str(text)
    # Only the first 4 x MAX_CHARS characters are looked at, so no padding of spaces
    # makes the triage read through megabytes to find the words. A run of spaces counts
    # once towards the cut; a text short enough is not cut (and its spaces part words
    # as they are).
    text = text[: MAX_CHARS * 4]
    if len(text) > MAX_CHARS:
        text = _cut(" ".join(text.split()))
    if not text.isascii():
        import unicodedata  # accents are rare in what a recogniser writes: loaded when one comes
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower().translate(_APOSTROPHES).replace("&", " and ")
    words = _TOKEN.findall(text)
    if "'" in text:  # most texts have no apostrophe (a recogniser mostly writes none)
        words = _without_apostrophes(words)
    words = _drop_fillers(_replace_equivalents(_drop_address(words, vocab), vocab), vocab)
    return [_possessive(word, vocab, words[max(index - 2, 0):index]) if word[-1:] == "s" else word
            for index, word in enumerate(words)]


def _drop_address(words: List[str], vocab: Vocabulary) -> List[str]:
    """The person spoken to ("mate, both legs are numb", "yeah mate, I wet myself", and in a
    slot's words "numb mate both legs") is the listener: the word goes, as it is nobody the
    words tell of. After an owner or a determiner ("my mate", "a mate") it is someone else."""
    return [word for index, word in enumerate(words)
            if word not in vocab.addressed or (index and words[index - 1] in vocab.addressed_not_after)]


def _without_apostrophes(tokens: List[str]) -> List[str]:
    """Words joined by an apostrophe, written as a recogniser writes them: "it's" is "it
    is", another "'s" goes, "i'd" is "i", "can't" is "cant"."""
    words: List[str] = []
    for token in tokens:
        if "'" not in token:  # most words: nothing to undo
            words.append(token)
        elif token.endswith("'s"):
            stem = token[:-2].replace("'", "")
            if stem:
                words.extend((stem, "is") if stem in _S_IS else (stem,))
        elif token.startswith("i'd"):
            words.append("i")
        else:
            token = token.replace("'", "")
            if token:
                words.append(token)
    return words


def _possessive(word: str, vocab: Vocabulary, before: Sequence[str] = ()) -> str:
    """A recogniser writes "my bum's gone" as "my bums gone": an unknown word ending in s
    whose stem is a known word reads as the stem (a stem of two letters at least: "is"
    is not "i"; a pronoun's own possessive, "its" of "lost its strength", is not "it").
    After "my" and a word for one side, a known plural is that one too: "my left legs gone
    weak" is "my left leg's gone weak", one leg, as no one has two left legs ("on the left
    legs are tingling" is not said of one); so is "the one legs been weak" (the vocabulary's
    further owners of a side word: "the" of "one", not of "left"). So is the last word of a phrase of several,
    after the word before it there ("the old fellas stopped")."""
    if len(word) <= 2 or word in _POSSESSIVE_PRONOUNS:
        return word
    last = before[-1] if before else ""
    known = word in vocab.lengths or word in vocab.numbered
    if word[:-1] in vocab.single_words and (not known or (
            last in vocab.one_side_words and len(before) == 2
            and (before[0] in vocab.owners or before[0] in vocab.one_side_owners.get(last, ())))):
        return word[:-1]
    if (last, word[:-1]) in vocab.phrase_endings and not known:
        return word[:-1]  # the last word of a phrase: "the old fellas stopped working"
    return word


def _replace_equivalents(words: List[str], vocab: Vocabulary) -> List[str]:
    """"can not", "cannot", "couldnt", "unable to" -> "cant", and so on (longest first).

    What a replacement writes is read again with the words after it, so a recogniser's
    "its not" ("it is" + "not") reads as the typed "it's not" ("it isnt")."""
    words = list(words)
    out: List[str] = []
    index = 0
    lengths = vocab.equivalent_lengths
    rewrites = 0
    while index < len(words):
        sizes = lengths.get(words[index])
        if sizes is None:
            out.append(words[index])
            index += 1
            continue
        left = len(words) - index
        for size in sizes:
            if size > left:
                continue
            said = tuple(words[index:index + size])
            replacement = vocab.equivalents.get(said)
            if replacement is not None:
                if replacement == said or rewrites > _MAX_REWRITES:
                    out.extend(replacement)
                    index += size
                else:
                    words[index:index + size] = replacement
                    rewrites += 1
                break
        else:
            out.append(words[index])
            index += 1
    return out


_MAX_REWRITES = 64  # a bound on rewriting, whatever the vocabulary says


def _drop_fillers(words: List[str], vocab: Vocabulary) -> List[str]:
    out: List[str] = []
    index = 0
    starts = vocab.rewritten_starts
    while index < len(words):
        word = words[index]
        if word not in starts:
            out.append(word)
            index += 1
            continue
        if word == "like" and not (out and out[-1] in vocab.like_kept_after) and not _simile_at(words, index, vocab):
            index += 1
            continue
        for size in vocab.filler_lengths.get(word, ()):
            if tuple(words[index:index + size]) in vocab.fillers:
                index += size
                break
        else:
            out.append(word)
            index += 1
    return out


def _simile_at(words: List[str], index: int, vocab: Vocabulary) -> bool:
    """Whether a simile the lexicon lists starts here ("numb, like they fell asleep"): its
    "like" is kept wherever it is said, not only after "feels"."""
    for size in vocab.lengths.get("like", ()):
        if vocab.phrases.get(tuple(words[index:index + size])) is not None:
            return True
    return False


# --------------------------------------------------------------------------- reading


class Mention:
    """A concept found in a clause: its tags and where it lies (word positions). Each
    mention is itself (compared by identity): a clause finds one in its list quickly.
    Nothing changes a mention once made."""

    __slots__ = ("tags", "start", "end")

    def __init__(self, tags: FrozenSet[str], start: int, end: int) -> None:
        self.tags = tags
        self.start = start
        self.end = end


def _is_number(word: str, vocab: Vocabulary) -> bool:
    return word.isdigit() or word in vocab.numbers


def _mentions(words: Sequence[str], vocab: Vocabulary) -> List[Mention]:
    """The longest lexicon phrase at each position, left to right, not overlapping."""
    words = tuple(words)
    found: List[Mention] = []
    index = 0
    while index < len(words):
        end, tags = _longest(words, index, vocab)
        if tags:
            found.append(Mention(tags, index, end))
            index = end
        else:
            index += 1
    return found


def _longest(words: Tuple[str, ...], start: int, vocab: Vocabulary) -> Tuple[int, Optional[FrozenSet[str]]]:
    """The end and tags of the longest phrase starting at `start`; where a phrase has #,
    any number (a number word or digits) may stand."""
    word = words[start]
    found_end, found = start, None
    left = len(words) - start
    for size in vocab.lengths.get(word, ()):
        if size <= left:
            tags = vocab.phrases.get(words[start:start + size])
            if tags is not None:
                found_end, found = start + size, tags
                break
    candidates = vocab.numbered.get(word, ())
    if word.isdigit() or word in vocab.numbers:  # _is_number, inline: it runs for every word
        candidates += vocab.numbered.get(NUMBER, ())
    for phrase, tags in candidates:
        end = start + len(phrase)
        if end > found_end and end <= len(words) and all(
                expected == heard or (expected == NUMBER and _is_number(heard, vocab))
                for expected, heard in zip(phrase, words[start:end])):
            found_end, found = end, tags
    if found is None and word in vocab.inflected:
        return start + 1, vocab.inflected[word]
    return found_end, found


def _clauses(words: Sequence[str], vocab: Vocabulary) -> List[List[str]]:
    clauses: List[List[str]] = [[]]
    inside: Optional[FrozenSet[int]] = None  # where a phrase goes on past a word: found once, when needed
    for index, word in enumerate(words):
        if word in _PUNCTUATION:
            clauses.append([])
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        current = clauses[-1]
        if word in vocab.question_speaker and current and current[0] in vocab.question_openers \
                and current[-1] not in vocab.question_joined and not vocab.question_generic.isdisjoint(current):
            # "can a spasm make your leg weak | i cant stand on it", and "... weak in the last
            # hour | in the last hour i cant hop on it": the time between them is read with both.
            clauses.append(_time_said_last(current, vocab))
        elif word in vocab.run_on.starts and current and _run_on_ends(words, index, current, vocab) and index not in (
                inside if inside is not None else (inside := _inside_phrases(words, vocab))):
            # Heard with no punctuation: "it burns every time | could my back be related",
            # "... empty your bladder | because i cant", "how long is too long | mine has been going".
            clauses.append(_time_said_last(current, vocab) if word in vocab.run_on.reasons else [])
        elif current and (word in vocab.clause_breaks or
                          (word in vocab.breaks_before_subject and following in vocab.subjects)):
            # "and now it's worse" is one clause: joining words in a row start one, not several.
            if not all(said in vocab.breaks_before_subject or said in vocab.clause_breaks for said in current):
                clauses.append([])
        clauses[-1].append(word)
    return [clause for clause in clauses if clause]


def _run_on_ends(words: Sequence[str], index: int, current: Sequence[str], vocab: Vocabulary) -> bool:
    """Whether the clause `current` ends before words[index], where a recogniser wrote no
    punctuation (the vocabulary's `heard_without_punctuation`)."""
    run_on, word = vocab.run_on, words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if current[-1] in vocab.question_joined:  # "what should i do if ...": one question
        return False
    if current[0] in vocab.question_openers:
        if word in run_on.reasons and following in vocab.question_speaker \
                and not vocab.question_generic.isdisjoint(current):
            return True  # "can a spasm stop your bladder working | because i cant"
        if word in run_on.own and following in run_on.own_then and len(current) > 1:
            return True  # "how long is too long | mine has been going for weeks"
        return False  # "how long should a spasm last": one question
    # Not after a place, the subject of what follows: "my foot does this slapping thing".
    return len(current) > 1 and following in run_on.turned.get(word, ()) \
        and current[-1] not in run_on.turned_not_after and vocab.asked_if.isdisjoint(current) \
        and vocab.places.isdisjoint(vocab.phrases.get((current[-1],), ()))


def _inside_phrases(words: Sequence[str], vocab: Vocabulary) -> FrozenSet[int]:
    """The positions a phrase of the lexicon goes on past, wherever it starts: no clause ends
    there ("is it normal that when i wipe my bum feels like its not mine")."""
    words = tuple(words)
    inside: Set[int] = set()
    for start in range(len(words)):
        end, tags = _longest(words, start, vocab)
        if tags:
            inside.update(range(start + 1, end))
    return frozenset(inside)


def _time_said_last(clause: Sequence[str], vocab: Vocabulary) -> List[str]:
    """A time a general question ends with, when the speaker's answer follows with no question
    mark ("can a spasm make your leg weak in the last hour i cant hop on it"): heard between
    the two, it is read with both, so it begins the answer as well. Only a phrase of the
    lexicon ending the question, of a time's tags only ("for hours" also says "unable"), whose
    every word is a time word or a number is given: no finding is read twice, and the question
    keeps all it said."""
    words = tuple(clause)
    time_words = vocab.run_on.time_words
    start = len(words)
    while start > 1 and (words[start - 1] in time_words or _is_number(words[start - 1], vocab)):
        start -= 1
    for at in range(start, len(words)):
        end, tags = _longest(words, at, vocab)
        if tags and end == len(words) and not tags.isdisjoint(vocab.run_on.time_tags) \
                and all(tag in vocab.run_on.time_tags or tag.startswith("@") for tag in tags):
            return list(words[at:])
    return []


class _Clause:
    """One clause as read: its words, the concepts found in them, and its tags."""

    __slots__ = ("words", "mentions", "tags", "own", "placed")

    def __init__(self, words: List[str], mentions: List[Mention], tags: Set[str], own: FrozenSet[str],
                 placed: Tuple[Mention, ...] = ()) -> None:
        self.words = words
        self.mentions = mentions
        self.tags = tags  # what it says, with what it borrows from its neighbours
        self.own = own  # what it says itself
        self.placed = placed  # feelings placed elsewhere than the legs said before them


def _read_clause(words: List[str], vocab: Vocabulary, speaker_named: bool = False,
                 following: Sequence[str] = ()) -> _Clause:
    # The rarer readings are only looked for where their words are: a request is answered
    # between others, which leave each function cold, so a call saved is worth its cost.
    mentions = _mentions(words, vocab)
    if vocab.rest_tags and any(m.tags & vocab.rest_tags for m in mentions):
        mentions = _gone_to_rest(words, mentions, vocab, following)
    if vocab.said_last_only:
        # "I did the tilts yesterday and I've been in agony since": a bare word whose time is
        # said before counts only where it ends the clause ("since I woke up it hurts" does not).
        mentions = [m if m.end >= len(words) or not m.tags & vocab.said_last_only
                    else Mention(m.tags - vocab.said_last_only, m.start, m.end) for m in mentions]
        mentions = [m for m in mentions if m.tags]
    if not vocab.fixture_nouns.keys().isdisjoint(words):
        mentions = _fixtures(words, mentions, vocab)
    tags = {t for m in mentions for t in m.tags}
    if tags & vocab.placed_tags and tags & vocab.gone_places:
        mentions = _place_not_gone(words, mentions, vocab)
        tags = {t for m in mentions for t in m.tags}
    if "@affirming" in tags and "@third_person" in tags:
        mentions = _affirmed_of_someone_else(words, mentions, vocab)
        tags = {t for m in mentions for t in m.tags}
    if (tags & vocab.thing_tags and not speaker_named and vocab.thing_speaker.isdisjoint(words)
            and ("@first_person" not in tags or _only_owns(words, mentions, vocab))):
        mentions = _said_of_a_thing(words, mentions, vocab)
        tags = {t for m in mentions for t in m.tags}
    placed = _placed(words, mentions, vocab) if tags & vocab.placed_tags else ()
    return _Clause(words, mentions, tags, frozenset(tags), placed)


def _gone_to_rest(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary,
                  following: Sequence[str]) -> List[Mention]:
    """"I fell into bed exhausted" is going to rest; "I fell onto the bed frame", "I tripped and
    fell onto the bed" or "I collapsed on the couch and couldn't get up" is not: there the
    phrase's first word is read alone (the fall or the collapse) and the rest as it reads."""
    mishap = _says_any(list(words) + [""] + list(following), vocab.rest_not_with)
    for mention in mentions:
        if mention.tags & vocab.rest_tags and (
                mishap or (mention.end < len(words) and words[mention.end] in vocab.rest_parts)):
            # Read up to its first word as if the phrase were not there ("i collapsed" whole),
            # then the phrase's other words, then what followed as it was read.
            cut = mention.start + 1  # past the verb ("i collapsed on the couch": past "collapsed")
            rest = _mentions(words[cut:mention.end], vocab)
            while cut < mention.end - 1 and any(m.tags & vocab.rest_tags for m in rest):
                cut += 1
                rest = _mentions(words[cut:mention.end], vocab)
            head = _mentions(words[:cut], vocab)
            return (head + [Mention(m.tags, m.start + cut, m.end + cut) for m in rest]
                    + _gone_to_rest(words, [m for m in mentions if m.start >= mention.end], vocab, following))
    return mentions


def _said_of_a_thing(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary) -> List[Mention]:
    """"the dog crashed into the fence", "the vase fell off the shelf": a fall or crash right
    after a thing or an animal named as the clause's subject (a determiner, then up to
    `thing_gap` words no concept reads, at the clause's start or after a joining word), in a
    clause that never names the speaker, is that thing's: it reads as said of someone else.
    The caller keeps the clause whole when the speaker is named in any clause of the utterance,
    before or after ("i was on the ladder and the ladder fell", "the ladder fell, i was on it"),
    or as "we", "us" or "me"; a vehicle, a thing people stand on or ride, or an injury named by
    its word ("the vertebra fractured"), is never a thing's (`thing_kept`)."""
    covered = {index for m in mentions if not m.tags <= vocab.thing_naming
               for index in range(max(m.start, 0), m.end)}
    out: List[Mention] = []
    for mention in mentions:
        if mention.tags & vocab.thing_tags and vocab.thing_kept.isdisjoint(words[max(mention.start - vocab.thing_gap, 0):mention.end]):
            for gap in range(1, vocab.thing_gap + 1):
                at = mention.start - gap - 1  # where the determiner would be
                if at < 0 or (words[at] not in vocab.thing_determiners and words[at] not in vocab.thing_owners):
                    continue
                owner = words[at] in vocab.thing_owners  # "my laptop": the owner's word names the speaker
                if any(index in covered for index in range(at + owner, mention.start)):
                    break
                if owner and words[at] not in vocab.thing_determiners \
                        and vocab.thing_owned.isdisjoint(words[at + 1:mention.start]):
                    break  # "my wheelchair fell over": the speaker was likely in it
                if at == 0 or words[at - 1] in vocab.thing_joining:
                    out.append(Mention(_A_THING, at, mention.start))
                break
        out.append(mention)
    return out


# A thing's fall is read as said of someone else, and marked as a thing's: nobody to ask after.
_A_THING = frozenset(("@third_person", "@a_thing"))


def _only_owns(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary) -> bool:
    """Whether the speaker is named in the clause only as the owner of a thing that fell or
    crashed ("my laptop crashed", "my phone fell off the table"): each word that names the
    speaker is an owner's word right before a name no concept reads, then the fall or crash
    (`_said_of_a_thing` decides whether it is the thing's)."""
    covered = {index for m in mentions if not m.tags <= vocab.thing_naming
               for index in range(max(m.start, 0), m.end)}
    speakers = [m for m in mentions if "@first_person" in m.tags]
    for mention in speakers:
        if mention.end - mention.start != 1 or words[mention.start] not in vocab.thing_owners:
            return False
        after = mention.end
        ahead = [m for m in mentions if m.start >= after and m.tags & vocab.thing_tags]
        if not ahead or not 1 <= ahead[0].start - after <= vocab.thing_gap \
                or any(index in covered for index in range(after, ahead[0].start)) \
                or vocab.thing_owned.isdisjoint(words[after:ahead[0].start]):
            return False
    return bool(speakers)


def _says_any(words: Sequence[str], phrases: Iterable[Tuple[str, ...]]) -> bool:
    """Whether one of the phrases (word tuples) is said, word for word, somewhere in the words."""
    return any(tuple(words[at:at + len(phrase)]) == phrase
               for phrase in phrases for at in range(len(words) - len(phrase) + 1))


# How many words may stand between "that happened" and whom it happened to ("to my mum").
_AFFIRMED_OF_GAP = 2


def _affirmed_of_someone_else(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary) -> List[Mention]:
    """"can back pain make you lose control of your bladder? that happened to my mum once": what
    happened TO someone else named right after it (the vocabulary's affirmed_of_someone_else),
    with the speaker not said after, does not tell of the speaker, so it does not affirm the
    general question ("it happened to me", "that happened at work, my boss saw", "it happened
    last night my wife had to change the sheets", "it happened to me and my wife saw" still do)."""
    out: List[Mention] = []
    for index, mention in enumerate(mentions):
        if "@affirming" in mention.tags and not any("@first_person" in vocab.phrases.get((word,), ())
                                                    for word in words[mention.start:mention.end]):
            after = mentions[index + 1] if index + 1 < len(mentions) else None
            if after is not None and "@third_person" in after.tags \
                    and after.start - mention.end <= _AFFIRMED_OF_GAP \
                    and vocab.affirmed_of_joining.intersection(words[mention.end:after.start]) \
                    and not any("@first_person" in m.tags for m in mentions[index + 1:]):
                mention = Mention(mention.tags - {"@affirming"}, mention.start, mention.end)
        out.append(mention)
    return out


def _place_not_gone(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary) -> List[Mention]:
    """A place said gone as one phrase ("bladder has gone"), with a feeling placed in it before
    ("the ache in my bladder has gone"), is only the place: the rest is read on its own."""
    out: List[Mention] = []
    for index, mention in enumerate(mentions):
        placing = words[max(mention.start - 1 - vocab.placing_gap, 0):mention.start]
        if not (mention.tags & vocab.gone_places and vocab.placing_words.intersection(placing)
                and any(m.tags & vocab.placed_tags for m in mentions[:index])):
            out.append(mention)
            continue
        size = mention.end - mention.start
        for shorter in vocab.lengths.get(words[mention.start], ()):
            tags = vocab.phrases.get(tuple(words[mention.start:mention.start + shorter])) if shorter < size else None
            if tags is not None:
                out.append(Mention(tags, mention.start, mention.start + shorter))
                out.extend(Mention(m.tags, m.start + mention.start + shorter, m.end + mention.start + shorter)
                           for m in _mentions(words[mention.start + shorter:mention.end], vocab))
                break
        else:
            out.append(mention)
    return out


def _fixtures(words: Sequence[str], mentions: List[Mention], vocab: Vocabulary) -> List[Mention]:
    """A toilet named with a fault of its own ("our loo won't flush", "the downstairs loo is
    broken"), or a tap or a shower with its own ("the tap only gives a trickle"), is the
    fixture: what is said in those words is read as nothing of the person."""
    spans: List[Tuple[int, int]] = []
    for start, word in enumerate(words):
        for noun, kind in vocab.fixture_nouns.get(word, ()):  # longest first
            if tuple(words[start:start + len(noun)]) == noun:
                end = _fault_after(words, start + len(noun), kind)
                if end:
                    spans.append((start, end))
                since = _fault_before(words, start, kind)
                if since < start:
                    spans.append((since, start + len(noun)))
                break
    if not spans:
        return mentions
    return [m for m in mentions if not any(m.start < to and m.end > since for since, to in spans)]


def _fault_after(words: Sequence[str], at: int, kind: FixtureKind) -> int:
    """Where a fixture's fault said at `at` (after at most the kind's gap of words such
    as "is") ends; 0 if none is said there."""
    for _ in range(kind.gap + 1):
        for size in kind.fault_lengths:
            if tuple(words[at:at + size]) in kind.faults:
                return at + size
        if at >= len(words) or words[at] not in kind.between:
            return 0
        at += 1
    return 0


def _fault_before(words: Sequence[str], at: int, kind: FixtureKind) -> int:
    """Where a fault said right before the fixture at `at` begins; `at` if none is."""
    for size in kind.before_lengths:
        if size <= at and tuple(words[at - size:at]) in kind.faults_before:
            return at - size
    return at


def _placed(words: Sequence[str], mentions: Sequence[Mention], vocab: Vocabulary) -> Tuple[Mention, ...]:
    """Feelings named as a thing and placed by their own "in my X" at a place that is not a
    leg, with no leg said after them: "my legs are strong its only the ache in my back" puts
    the ache in the back, not in the legs said before it ("the ache in my back goes down my
    leg" still reaches the leg; "my leg hurts in my hip" says it of the leg)."""
    placed: List[Mention] = []
    for index, mention in enumerate(mentions[:-1]):
        if not mention.tags & vocab.placed_tags or words[mention.end] not in vocab.placing_words \
                or mention.start == 0 or words[mention.start - 1] not in vocab.placed_after:
            continue
        place = next((m for m in mentions[index + 1:] if m.tags & vocab.places), None)
        if place is None or place.start - mention.end - 1 > vocab.placing_gap \
                or any(m.tags & vocab.sided_places for m in mentions[index + 1:]):
            continue
        placed.append(mention)
    return tuple(placed)


def _negated(mention: Mention, clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether a denial covers this mention: a negation cue before it in its clause,
    within the window, with no new subject between ("no i can't feel my legs" is not a
    denial of the legs). "never ... before" tells of something new, not a denial."""
    if "@denied" in mention.tags:
        return True
    before = _said_before(mention, clause)
    for cue in before:
        if "@negation" not in cue.tags or mention.start - cue.end > vocab.negation_window:
            continue
        if tuple(clause.words[cue.start:cue.end]) in vocab.denials_said_after:
            continue  # "its fine both legs are numb": the all-clear is said of what came before it
        if clause.words[cue.start] == "never" and vocab.never_undone_by & set(clause.words[cue.end:]):
            continue
        if any("@restart" in m.tags for m in before if m.start >= cue.end):
            continue
        if clause.words[cue.start] in vocab.unnoticed_cues and \
                (cue.start == 0 or clause.words[cue.start - 1] not in vocab.unnoticed_not_after) and any(
                m.tags & vocab.unnoticed_tags and clause.words[m.end:m.end + 1] and clause.words[m.end] in vocab.unnoticed_then
                for m in before if m.start >= cue.end):
            continue  # "i never noticed my seat had gone numb": it was there, unnoticed
        if tuple(clause.words[cue.start:cue.end]) in vocab.determiner_cues:
            through = cue.end < len(clause.words) and clause.words[cue.end] in vocab.determiner_through
            if through and mention.tags & vocab.places:
                continue  # "neither of my legs ...": the legs are named; what is said of them is denied
            if not through and vocab.determiner_stops & set(clause.words[cue.end:mention.start]):
                continue
        return True
    return False


def _said_before(mention: Mention, clause: _Clause) -> List[Mention]:
    """The mentions before this one in its clause (a clause keeps them in the order said)."""
    return clause.mentions[:clause.mentions.index(mention)]


def _before(marker: str, mention: Mention, clause: _Clause, until: Optional[str] = None) -> bool:
    """A marker such as "what if" somewhere before the mention in its clause; with
    ``until``, not if that comes between ("my wife says I ..." is about the speaker)."""
    seen = False
    for m in _said_before(mention, clause):
        if marker in m.tags:
            seen = True
        elif seen and until is not None and until in m.tags:
            seen = False
    return seen


def _fires(rule: Rule, clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether the clause holds a tag of each of the rule's groups, and none of its `unless`
    (a denied `unless` does not count: "I'm not on a diet and I've lost weight")."""
    tags = clause.tags
    for group in rule.when:
        if (clause.own if rule.own_clause else tags).isdisjoint(group):
            return False
    if rule.sided and clause.placed and not all(
            any(m.tags & group and m not in clause.placed for m in clause.mentions) for group in rule.when[1:]):
        return False  # "my legs are strong, only the ache in my back": the ache is not the legs'
    if rule.unless.isdisjoint(tags):
        return True
    if "@negation" not in tags:
        return False
    stops = rule.unless & tags
    for mention in clause.mentions:
        if mention.tags & stops and not _negated(mention, clause, vocab):
            return False
    return True


def _aside(mention: Mention, clause: _Clause, vocab: Vocabulary, dated: bool = False,
           others: bool = True) -> bool:
    """Whether a mention is denied, hypothetical or (unless ``others`` is false) about someone
    else (its callers first check that the clause holds something that could set it aside).
    With ``dated`` (the utterance says when it began: "is it the spasm if my foot won't lift,
    it's been like that since Monday") an "if" tells what is happening, not what might."""
    return (_negated(mention, clause, vocab)
            or (not dated and (_before("@hypothetical", mention, clause) or _asked_if(clause, vocab)))
            or (others and _before("@third_person", mention, clause, until="@first_person")
                and not _opens_with_the_speaker(mention, clause, vocab)))


def _opens_with_the_speaker(mention: Mention, clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether the speaker is said between someone else and the mention, or in it, inside a
    phrase of its own ("my daughter fetched the wheelchair because i cant walk": "because i"
    and "i cant walk" are phrases, and their "i" is the speaker as a separate "i" would be)."""
    said = _said_before(mention, clause) + [mention]
    last_other = max((i for i, m in enumerate(said) if "@third_person" in m.tags), default=-1)
    # A phrase that itself tells of the speaker ("says the bed": what someone else told of
    # the speaker's bed) counts as the speaker said, as its own "i" would.
    return any(_speaker_word_in(m, clause, vocab) or "@first_person" in m.tags for m in said[last_other + 1:])


def _speaker_word_in(mention: Mention, clause: _Clause, vocab: Vocabulary) -> bool:
    return any("@first_person" in vocab.phrases.get((word,), ())
               for word in clause.words[max(mention.start, 0):mention.end])


def _asked_if(clause: _Clause, vocab: Vocabulary) -> bool:
    """A clause that opens a condition (the vocabulary's `asked_if`: "if") and asks what would
    follow ("if the pain went down my leg, would I have to stop?"): all of it is hypothetical,
    not only what comes after the question."""
    return clause.words[0] in vocab.asked_if and "@hypothetical" in clause.own


def _set_aside(rule: Rule, clause: _Clause, vocab: Vocabulary, only_denied: bool, dated: bool = False,
               others: bool = True) -> bool:
    """Whether some concept the rule needs is only ever mentioned denied, hypothetically
    or (unless ``others`` is false) about someone else (with ``only_denied``: denied; with
    ``dated``: see _aside)."""
    if not clause.tags & _SETTING_ASIDE:
        return False
    aside = (lambda m: _negated(m, clause, vocab)) if only_denied else (lambda m: _aside(m, clause, vocab, dated, others))
    return any(all(aside(m) for m in clause.mentions if m.tags & group) for group in rule.when)


def _in_their_words(rule: Rule, clause: _Clause) -> bool:
    """Whether a concept the rule needs is said only in phrases that name someone else
    themselves ("wet himself", "pooed herself": the vocabulary gives them ``@third_person``)."""
    return "@third_person" in clause.tags and any(
        all("@third_person" in m.tags for m in clause.mentions if m.tags & group) for group in rule.when)


def _someone_now(rule: Rule, clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether the clause tells the rule's finding of someone in particular, as now: a person
    named (not a thing's fall, not "your" or "everyone": the vocabulary's
    `said_of_someone_else_now`), and one of its words of now ("has", "can't", "is") by the time
    the finding is told ("my mate fell off a ladder" is a story; so is "... lost feeling in both
    legs after his disc went, I'm just sore", heard as one clause)."""
    if "@a_thing" in clause.tags or not any(
            "@third_person" in m.tags and tuple(clause.words[m.start:m.end]) not in vocab.nobody_in_particular
            for m in clause.mentions if m.start >= 0):
        return False
    told_by = max((next((m.end for m in clause.mentions if m.tags & group and m.start >= 0), 0) for group in rule.when),
                  default=0)
    return not vocab.someone_else_now.isdisjoint(clause.words[:told_by])


_SETTING_ASIDE = frozenset(("@negation", "@denied", "@hypothetical", "@third_person"))
_DENIAL_OR_OVER = frozenset(("@denied", "@resolved"))  # "all fine now", "it's gone now"
_PAST = frozenset(("@history", "@resolved"))
_ASKING = frozenset(("@asking",))



# --------------------------------------------------------------------------- assess


def assess(text: object, slot_ids: Iterable[object] = (), locale: str = DEFAULT_LOCALE) -> Assessment:
    """Triage one utterance (or the words of a request's slots).

    Odd input (None, empty, symbols, another language, very long) is "none". A broken
    vocabulary raises VocabularyError: the caller decides what a failed triage means,
    never this function.
    """
    return _assess_with(_vocabulary(locale), text, slot_ids)


def persists(text: object, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether the words say that what is felt goes on, has not settled ("it still hasn't
    settled", "sore ever since"): one of the vocabulary's `persisting` tags, said of the
    speaker and not denied. Pain a stretch made worse answers "better, the same, or worse?"
    as worse; pain that does not settle is a red flag (clinical.md, doctor row)."""
    vocab = _vocabulary(locale)
    for clause in _read_clauses(text, vocab):
        if clause.tags & vocab.persisting and _said(clause, clause.tags & vocab.persisting, vocab):
            return True
    return False


def tells_of_symptom(text: object, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether the words tell, not denied, of a feeling or fault of the body, or of an ache
    somewhere other than the back (the vocabulary's `told_symptoms`): "no, I just don't get the
    urge any more" and "no, but my groin hurts" say more than no; "no, my knees are fine" does
    not. A denial that does is no plain "no" to a safety question, whatever the triage made of
    it (handlers/dialogue.py)."""
    vocab = _vocabulary(locale)
    for clause in _read_clauses(text, vocab):
        if clause.tags & vocab.told_symptoms and _said(clause, clause.tags & vocab.told_symptoms, vocab):
            return True
        if clause.tags & vocab.told_aches and clause.tags & vocab.told_places \
                and _said(clause, clause.tags & vocab.told_aches, vocab) \
                and _said(clause, clause.tags & vocab.told_places, vocab):
            return True
    return False


def _read_clauses(text: object, vocab: Vocabulary) -> List[_Clause]:
    """The utterance's clauses, each read: what assess, persists and tells_of_symptom look at."""
    # Read first as if the speaker were named (a thing's fall set aside only if the speaker is
    # in no clause of the utterance, before or after: "the ladder fell, i was on it").
    # A clause after it that tells only what followed for the speaker ("the laptop crashed, so i
    # lost the video": `thing_consequence`) does not name the speaker as the one who fell.
    said = _clauses(_tokens(text, vocab), vocab)
    following = list(said[1:]) + [()]  # the words of the clause after each one
    clauses = [_read_clause(words, vocab, speaker_named=True, following=after) for words, after in zip(said, following)]
    # A clause that names the speaker only as the owner of the thing ("my laptop crashed"), or
    # one after it that tells what the speaker did next ("and i bent to pick it up", "so i
    # went to grab it": `thing_afterwards`), does not name the speaker as the one who fell either.
    things = [index for index, c in enumerate(clauses) if c.tags & vocab.thing_tags]
    if things and not any(
            (("@first_person" in c.tags and not (index in things and _only_owns(c.words, c.mentions, vocab)))
             or not vocab.thing_speaker.isdisjoint(c.words))
            and not (index > things[0] and c.words and (c.words[0] in vocab.thing_consequence
                                                         or _says_any(c.words, vocab.thing_afterwards)))
            for index, c in enumerate(clauses)):
        clauses = [_read_clause(c.words, vocab, speaker_named=False, following=following[index])
                   if c.tags & vocab.thing_tags else c for index, c in enumerate(clauses)]
    return clauses


def _assess_with(vocab: Vocabulary, text: object, slot_ids: Iterable[object]) -> Assessment:
    clauses = _read_clauses(text, vocab)
    raised: Dict[str, str] = {}  # flag -> level
    near: Dict[str, int] = {}  # flag -> rank of what it could have been
    others: Dict[str, int] = {}  # of those, the ones said only of someone else, now (Assessment.someone_else)
    topics: List[Tuple[int, str]] = []  # (rank, clarify topic)
    asked_side: List[str] = []  # flags of one-leg findings with no side named
    beside: Dict[str, FrozenSet[str]] = {}  # flag -> tags that raise it beside no other (Rule.beside_a_flag)
    sides: Set[str] = set()
    # A position or a cause that wears off, named anywhere ("from sitting on the hard floor"):
    # saddle numbness that came and went with it may be set aside (rules `when_positional`).
    positional = any(clause.tags & vocab.positional_causes for clause in clauses)

    for index, clause in enumerate(clauses):
        previous = clauses[index - 1] if index else None
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        if previous is not None and index > 1 and not previous.tags & vocab.places and not _symptoms(previous, vocab):
            # "one leg, the right, it's on fire down the back": a clause that only names a
            # side reads as part of the one before it, so the places come from that one.
            previous = clauses[index - 2]
        if previous is not None:
            _borrow_places(clause, previous, vocab)
        if previous is not None and index > 1 and previous is clauses[index - 1] and not clause.own & vocab.places \
                and previous.own & vocab.places and not previous.own & vocab.places - vocab.scene_places \
                and not _symptoms(previous, vocab):
            # "I went to the loo to pee, sat there, and nothing came": a clause that only sets
            # the scene lends the places of the one before it as well.
            _lend(clause, clauses[index - 2], vocab.places, vocab)
        # A following clause with no concept of its own can qualify this one:
        # "I wet myself, but that was years ago" / "... but it's fine now".
        # One that names a place this one does not speaks of that place: "I came off my
        # bike in the summer, but the back only started today" keeps the fall in the past.
        qualifiers = _unasked(clause, clause.tags, vocab)
        over_after = False  # a later clause says it is over
        excepted: Set[str] = set()  # what it says of the speaker stops rules here too ("..., but I've been dieting")
        # So can several in a row ("..., only a few seconds, and after that nothing"), up to
        # one that says something of its own, or speaks of another symptom ("my leg is
        # numb, but the pain is better now" says nothing of the numbness).
        for after in clauses[index + 1:]:
            if (after.tags & vocab.places) - clause.tags or _has_findings(after, vocab) \
                    or (after.own & vocab.other_symptoms) - clause.tags:
                break
            lent = _unasked(after, after.tags, vocab)
            if lent & _DENIAL_OR_OVER and not lent & vocab.side_tags:
                # "the fever was last winter, all fine now": a "now" beside "fine" tells
                # that it is over, not that it is new ("the left one is fine" is another leg).
                lent = (lent - {"@new"}) | {"@resolved"}
            qualifiers |= lent
            over_after = over_after or "@resolved" in lent
            excepted |= _said(after, after.tags, vocab)
        before = clauses[index - 1] if index else None
        lent_first = before.own & vocab.exceptions_said_first if before is not None else frozenset()
        if "@new" in clause.own:
            # "I had the runs, and now there's no warning before a poo": the "now" puts the
            # runs before, so they do not explain what is new.
            lent_first -= vocab.exceptions_over_by_now
        if lent_first:
            # "I've been dieting, and I've lost weight": said first, such an exception counts too.
            excepted |= _said(before, lent_first, vocab)
        if following is not None and following.own & vocab.exceptions_said_after \
                and following.tags & vocab.exceptions_after_whose \
                and not following.tags & vocab.exceptions_after_not_with \
                and not clause.tags & vocab.exceptions_after_not_to:
            # "I can't stay firm, my back gives way": what gives way is said after. Only the
            # back or the core ("the sofa gives way" is no posture of the speaker's, "my back
            # collapses under me" the whole body going down), and never to a clause that names
            # sex or the genitals ("I can't stay firm during sex, my back gives way").
            excepted |= _said(following, following.own & vocab.exceptions_said_after, vocab)
        if following is not None and not following.tags & vocab.places:
            # "my leg is weak, and it's getting worse": the time course is this clause's.
            lent = following.tags & vocab.qualifying
            if lent:
                clause.mentions.append(Mention(frozenset(lent), len(clause.words), len(clause.words)))
                clause.tags |= lent
        if previous is not None and not previous.tags & vocab.places:
            # "I went to stand, and my leg had no strength in it": so is the one before's.
            _lend(clause, previous, vocab.qualifying, vocab)
        elif previous is not None and previous.tags & vocab.places <= vocab.walking_places:
            # "this morning I could walk, now my leg is so weak": a time course said of walking
            # is the legs' (the time course only: a walk taken for exercise excuses nothing).
            _lend(clause, previous, vocab.walking_lends, vocab)
        if previous is not None and not previous.own & vocab.places and not _has_findings(previous, vocab):
            # "out of curiosity, is numbness in both feet dangerous": the question is asked
            # in a clause of its own before.
            qualifiers |= _unasked(previous, previous.own, vocab) & _ASKING
        if previous is not None and "@back_reference" in clause.tags:
            # "I'm diabetic since ten years, feet have some numbness from that": the cause
            # and its time are said in the clause before.
            qualifiers |= previous.own & (vocab.explaining | _PAST)
        history = "@history" in qualifiers and "@new" not in qualifiers
        # "it went dead and stayed that way for an hour, but it's fine now": a later clause
        # that says it is over outweighs a persisting word said before it.
        resolved = "@resolved" in qualifiers and ("@persisting" not in qualifiers or over_after)
        brief = resolved and "@brief" in qualifiers
        # "is incontinence a sign of something bad?": a question about a symptom, said of
        # nobody; "I wet myself, is that bad?" tells of the speaker.
        # "can a spasm make your thighs numb? mine do": a general question, then said of
        # the speaker; only a denial still sets a finding aside.
        affirmed = "@affirming" in qualifiers
        # "sciatica on both sides since this morning, is that normal?": a time it began tells
        # of the speaker too.
        asking = "@asking" in qualifiers and "@first_person" not in qualifiers and not affirmed \
            and not qualifiers & vocab.onset_tags
        explained: Optional[FrozenSet[str]] = None  # worked out when a finding needs it
        for rule in _candidate_rules(clause.tags, vocab):
            if not _fires(rule, clause, vocab) or rule.unless & excepted:
                continue
            flag, rank = rule.flag, _RANK[rule.level]
            both = rule.sided and vocab.both_tag in clause.tags
            if both:
                flag = vocab.both_flag
                rank = _RANK[vocab.flag_levels[flag]]
            if flag is None:
                topics.append((_RANK["clarify"], rule.clarify))
                if rule.beside_a_flag and not (history or asking or resolved) \
                        and all(group & _said(clause, clause.tags, vocab) for group in rule.when):
                    beside[rule.beside_a_flag] = beside.get(rule.beside_a_flag, frozenset()) | rule.raised_with
                continue
            if explained is None:
                explained = _explained(qualifiers, vocab)
            dated = bool(qualifiers & vocab.onset_tags)
            # Reasons that set a finding aside whoever it is said of: past, asked about, over,
            # brief, explained.
            not_now = (
                ((history or asking) and not rule.history_is_the_flag)
                or (resolved and rule.resolvable and (over_after or not rule.resolved_only_after)
                    and (positional or not rule.resolved_only_positional))
                or (brief and flag in vocab.brief_flags)
                or flag in explained
            )
            theirs = _in_their_words(rule, clause)
            set_aside = theirs or not_now or _set_aside(rule, clause, vocab, only_denied=affirmed, dated=dated)
            if set_aside:
                # Someone else's, now ("my husband has chest pain"): set aside for nothing but that;
                # nothing past, over or asked about even where the rule itself would not set it
                # aside for that ("my husband had chest pain, but he's fine now"); see _someone_now.
                if not (not_now or history or resolved or "@asking" in qualifiers) and _someone_now(rule, clause, vocab) \
                        and not _set_aside(rule, clause, vocab, only_denied=affirmed, dated=dated, others=False):
                    others[flag] = rank
                if theirs:
                    continue  # "my dad has wet himself": theirs alone, not even a near miss of the speaker's
                near[flag] = rank
                topics.append((rank, vocab.flag_topics[flag]))
                continue
            raised[flag] = LEVELS[rank]  # a flag has one level, whichever rule raised it
            if rule.sided:
                sides |= _sides(clauses, index, vocab)
                if not both and not clause.tags & vocab.side_tags:
                    asked_side.append(flag)

    _across_clauses(clauses, raised, vocab)

    # "numbness in my left leg, and tingling in my right foot" is both legs: a left and a
    # right leg, each with a leg finding; so is a finding with the other side, or "both",
    # said in a clause beside it with no place of its own ("it shoots down one leg, and
    # then the other"; "it's going down the left, and the right leg").
    if {"left", "right"} <= sides:
        raised[vocab.both_flag] = vocab.flag_levels[vocab.both_flag]

    for slot_id in slot_ids or ():
        if not isinstance(slot_id, str):
            continue
        level = vocab.flag_levels.get(slot_id)
        if level is None or slot_id in near:
            continue  # words beat a resolved id: "no leg pain" may still resolve to one_leg
        raised[slot_id] = level

    if beside:
        said: Set[str] = set()
        for clause in clauses:
            # "my belly hurts, back to bed": the back beside a belly ache is back pain, not the word.
            said |= {tag for tag in _said(clause, clause.own, vocab)
                     if tag not in vocab.sign_needs or vocab.sign_needs[tag] & clause.tags}
        for flag, signs in beside.items():
            if flag not in raised and (raised or signs & said):
                raised[flag] = vocab.flag_levels[flag]

    for flag in list(raised):
        if vocab.superseded[flag] & set(raised):
            del raised[flag]  # "sudden weakness in one leg" is the emergency, not also the urgent one

    level = LEVELS[max(map(_RANK.__getitem__, raised.values()), default=0)]
    if level == "none" and (near or topics):
        level = "clarify"

    order = vocab.flag_order  # sorted only when there is something to sort: most utterances raise one flag or none
    flags = tuple(raised)
    if len(flags) > 1:
        flags = tuple(sorted(raised, key=lambda f: (-_RANK[raised[f]], order[f])))
    near_misses: Tuple[str, ...] = ()
    someone_else: Tuple[str, ...] = ()
    if others:
        someone_else = tuple(sorted((f for f in others if f not in raised), key=lambda f: (-others[f], order[f])))
    if near:
        near_misses = tuple(sorted((f for f in near if f not in raised), key=lambda f: (-near[f], order[f])))

    clarify: Optional[str] = None
    if level == "clarify":
        clarify = _best_topic(topics)
    elif level in ("doctor", "urgent"):
        higher = [(rank, topic) for rank, topic in topics if rank > _RANK[level]]
        if higher:
            clarify = _best_topic(higher)
        else:
            # A question that could raise the level: "did it come on suddenly?", and
            # "one leg or both?" when no side was named.
            for flag in flags:
                if flag in vocab.follow_up and (flag not in vocab.follow_up_unless_side or flag in asked_side):
                    clarify = vocab.follow_up[flag]
                    break
    return Assessment(level=level, flags=flags, clarify=clarify, near_misses=near_misses, someone_else=someone_else)


def _across_clauses(clauses: Sequence[_Clause], raised: Dict[str, str], vocab: Vocabulary) -> None:
    """Rules marked ``across_clauses`` also fire on what the whole utterance says of the
    speaker now: "my jaw aches, and I'm sweating buckets" is the heart's picture though no
    clause holds all of it. Only what is said, not denied, hypothetical or of someone else,
    counts; nothing past ("years ago") and no rule's exceptions anywhere."""
    if len(clauses) < 2:
        return
    rules = [rule for rule in vocab.across_rules if rule.flag not in raised]
    if not rules:
        return
    said: Set[str] = set()
    for clause in clauses:
        said |= _said(clause, clause.own, vocab)
    if said & _PAST and "@new" not in said:
        return
    for rule in rules:
        if all(group & said for group in rule.when) and not rule.unless & said:
            raised[rule.flag] = rule.level


def _unasked(clause: _Clause, tags: Iterable[str], vocab: Vocabulary) -> Set[str]:
    """`tags` without "@asking" when the clause's only question is about what was just
    said ("..., is that normal?"): that tells of the speaker, as "I wet myself" does. A
    question asked of nobody ("is numbness a bad sign?") keeps it."""
    tags = set(tags)
    if "@asking" in tags and not any("@asking" in m.tags and tuple(clause.words[m.start:m.end]) not in vocab.asked_back
                                     for m in clause.mentions if m.start >= 0):
        tags.discard("@asking")
    return tags


def _explained(qualifiers: Set[str], vocab: Vocabulary) -> FrozenSet[str]:
    """The flags a cause said in the clause explains away ("the tablets make me wobbly")."""
    found: FrozenSet[str] = frozenset()
    if not vocab.explaining & qualifiers:
        return found
    for groups, flags, unless in vocab.explanations:
        if all(group & qualifiers for group in groups) and not unless & qualifiers:
            found |= flags
    return found


def _sides(clauses: Sequence[_Clause], index: int, vocab: Vocabulary) -> Set[str]:
    """The sides said of a leg finding in clause `index`: its own, and those of a clause
    beside it that names no place but a leg, says nothing else and denies nothing ("...,
    and my right leg" counts; "..., the left one is fine" does not). "both" counts as
    left and right. A finding said "too" ("it was always the right, now the left leg tingles
    too") also reads the side of a leg beside it that says more, and so does a finding beside
    a clause that says "too" itself ("my sciatica jumped across, it's in the other leg as
    well now"), unless that clause says the other leg is well or was so long ago."""
    sides: Set[str] = set()
    too = bool(clauses[index].own & vocab.other_side_too)
    for near in (index - 1, index, index + 1):
        if not 0 <= near < len(clauses):
            continue
        clause = clauses[near]
        # "..., it's in the other leg as well now": the neighbour that says "too" itself places
        # the same finding, whatever else it says, unless it says that one is well or was long ago.
        # Its own finding counts only if it is a leg finding itself ("my left calf is tight as
        # well" is no sciatica on that side); when the finding says "too" as well, a neighbour
        # long-standing counts, as the base rule reads it ("..., the right one has been numb for
        # ages as well"), one said well never.
        its_own_too = bool(clause.own & vocab.other_side_too)
        also = too or its_own_too
        if near != index and (clause.own & _DENIAL
                              or (its_own_too and clause.own & (_WELL if too else _OVER_OR_WELL))
                              or clause.own & vocab.places - vocab.sided_places or
                              (not also and clause.own & vocab.places and _symptoms(clause, vocab)) or
                              (its_own_too and not too and _symptoms(clause, vocab) - _OTHER_LEG
                               and not _a_leg_finding(clause, vocab))):
            continue
        said = _said(clause, clause.tags & vocab.side_tags, vocab)
        sides |= said & {"left", "right"}
        if vocab.both_tag in said:
            sides |= {"left", "right"}
    return sides


_DENIAL = frozenset(("@negation", "@denied"))
_WELL = frozenset(("@said_well",))
_OTHER_LEG = frozenset(("other_leg",))  # "it's in the other leg as well": a place, no finding
_OVER_OR_WELL = frozenset(("@history", "@resolved", "@said_well"))  # "the other leg was like that too, years ago"


def _a_leg_finding(clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether a clause tells a leg red flag of its own (a sided rule fires in it: numb,
    tingling, pain going down, weak), not a tight calf, a cold foot or a pulled hamstring."""
    return any(rule.sided and _fires(rule, clause, vocab) for rule in _candidate_rules(clause.tags, vocab))


def _borrow_places(clause: _Clause, previous: _Clause, vocab: Vocabulary) -> None:
    """Clauses that need the one before to make sense. One with no place of its own
    reads the places of the one before ("I'm trying to pee, but nothing comes", "I can
    pee fine, but it burns"); one that only names a place reads what the one before,
    with no place, said ("there's numbness, and it's in my bum")."""
    own_places = clause.tags & vocab.places
    if not own_places:
        # The place, even where something was denied of it ("I can pee fine, but it
        # burns"), and the side said of it ("my legs, they're both burning").
        borrowed = previous.tags & vocab.places
        if not borrowed:
            return
        borrowed |= _said(previous, vocab.side_tags | vocab.lent_with_places, vocab)
        if previous.tags & vocab.lent_whoever_did_it:
            # "my wife put a cold flannel on my bottom, and I didn't feel it": the touch is
            # hers, what was not felt is the speaker's; a touch denied or supposed is not lent.
            borrowed |= {tag for m in previous.mentions for tag in m.tags & vocab.lent_whoever_did_it
                         if not _negated(m, previous, vocab) and not _before("@hypothetical", m, previous)
                         and not _asked_if(previous, vocab)}
    elif own_places <= vocab.walking_places and previous.tags & vocab.sided_places and _symptoms(clause, vocab):
        # "it's my legs, they crumple when I try to take a step": walking is the legs' own, and
        # a clause whose only place it is, saying something of its own, reads the legs (and their
        # side) of the one before ("no weakness in the legs, I can walk okay" lends them nothing).
        borrowed = (previous.tags & vocab.sided_places) | _said(previous, vocab.side_tags, vocab)
    elif not own_places - vocab.scene_places and previous.tags & vocab.scene_borrows and _symptoms(clause, vocab):
        # "I went to the bathroom, and I couldn't get started, I sat there": sitting sets the
        # scene; the struggle is the bladder's the clause before named.
        borrowed = _said(previous, previous.tags & vocab.scene_borrows, vocab)
    elif not _symptoms(clause, vocab) and not previous.tags & _PAST and "@denied" not in clause.tags and \
            (not previous.tags & vocab.places or _only_names(clause, vocab)):
        # Only what the one before said of the speaker, now and as said: "I've not got any
        # numb bits, and my bladder's behaving itself" lends no numbness; "I fell years
        # ago, but the back only started today" no fall. A place added to a list ("pain in
        # my back, and my legs") has what the one before said, whatever place that named; a
        # place said to be fine ("tingling in my hands, my bum is fine") has nothing lent. A
        # plain "no" or "without" denies nothing of the one before: "losing control, stool
        # comes without I know" is still about control.
        borrowed = _said(previous, _symptoms(previous, vocab), vocab)
    else:
        return
    if borrowed:
        clause.mentions.insert(0, Mention(frozenset(borrowed), -1, -1))
        clause.tags |= borrowed


def _only_names(clause: _Clause, vocab: Vocabulary) -> bool:
    """Whether a clause is nothing but a joining word and the places it names ("and my chest"),
    with no word of its own besides ("but my legs are good", "my bum is fine" say something of
    the place)."""
    named = vocab.places | vocab.side_tags | {"@first_person", "@restart"}
    if any(m.tags - named for m in clause.mentions):
        return False
    covered = {index for m in clause.mentions for index in range(max(m.start, 0), m.end)}
    return all(index in covered or word in vocab.breaks_before_subject or word in vocab.clause_breaks
               for index, word in enumerate(clause.words))


def _lend(clause: _Clause, earlier: _Clause, tags: FrozenSet[str], vocab: Vocabulary) -> None:
    """Those of `tags` an earlier clause says of the speaker, added to this one (before its own)."""
    lent = _said(earlier, earlier.tags & tags, vocab) - clause.tags
    if lent:
        clause.mentions.insert(0, Mention(frozenset(lent), -1, -1))
        clause.tags |= lent


def _said(clause: _Clause, tags: Iterable[str], vocab: Vocabulary) -> Set[str]:
    """Those of `tags` the clause says without denying them, or saying them of someone else."""
    wanted = set(tags) & clause.tags
    if not wanted or not clause.tags & _SETTING_ASIDE:
        return wanted
    return {tag for m in clause.mentions if m.tags & wanted and not _aside(m, clause, vocab)
            for tag in m.tags & wanted}


def _symptoms(clause: _Clause, vocab: Vocabulary) -> Set[str]:
    """What a clause says besides its places, markers and sides ("right leg" names a place only)."""
    return {tag for tag in clause.tags - vocab.places - vocab.side_tags if not tag.startswith("@")}


def _has_findings(clause: _Clause, vocab: Vocabulary) -> bool:
    return any(_fires(rule, clause, vocab) for rule in _candidate_rules(clause.tags, vocab))


def _best_topic(topics: Sequence[Tuple[int, str]]) -> str:
    """The preferred topic among those of the highest rank (never called with none)."""
    best_rank = max(rank for rank, _ in topics)
    candidates = [topic for rank, topic in topics if rank == best_rank]
    return min(candidates, key=lambda t: _TOPIC_ORDER.index(t) if t in _TOPIC_ORDER else len(_TOPIC_ORDER))
