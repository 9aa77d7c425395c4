"""Hearing: map what a person says to a request, the way Alexa's NLU does, from the model.

The model (interaction_model/<locale>.json) is compiled once into sample patterns and
slot tables; each utterance is then matched against them. The rules are deliberately no
more lenient than Alexa: a sample matches only when all its words are heard in order and
each {slot} is filled by words the slot type accepts. There is no keyword spotting.

- Normalization: case, punctuation, apostrophes ("child's" == "childs"), hyphens, spelled
  abbreviations ("n. h. s."), and digits, which become words ("20" -> "twenty").
- Custom slot types: a listed value or synonym resolves (ER_SUCCESS_MATCH with its id);
  other words fill the slot too (ER_SUCCESS_NO_MATCH), up to a few words, and only where
  the sample has words of its own around the slot.
- AMAZON.NUMBER -> digits, AMAZON.DURATION -> ISO 8601, AMAZON.SearchQuery -> the phrase
  (only in samples with a carrier phrase, as Alexa's model build demands).
- Built-in intents declared by the model answer to their usual phrases without samples.
- Words Alexa ignores around a sample (IGNORED_BEFORE, IGNORED_AFTER: please, thanks, um,
  can you, for me, ...) do not stop it matching: "um, can you slow down please" is "slow
  down". The words as said are tried first; a reading without the ignored words wins when
  it matches a sample's own words (no free phrase, no unlisted slot value), or when the
  words as said match nothing at all. So "oh no I wet myself" keeps its "no" inside the
  free phrase of "oh {Description}" rather than becoming "no {Description}".
- Several matches: the most literal wins. First fewest words in unlisted custom values (a
  guess at a value the type does not list), then fewest words in AMAZON.SearchQuery
  phrases, then fewest words inside slots. So an exact sample or a listed value beats any
  carrier phrase, and a free-phrase intent beats a guess at a custom slot ("my back just
  went again" is a phrase, not BodyPart "back just" + Sensation "again"). Other intents
  scoring the same are reported as ties.
- "open <invocation>" is a launch; "ask <invocation> to <utterance>" a one-shot.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple, Union

from spasm_coach_tools.simulator.spoken import number_to_words, ordinal_to_words, words_to_duration, words_to_number

FALLBACK = "AMAZON.FallbackIntent"
ER_MATCH = "ER_SUCCESS_MATCH"
ER_NO_MATCH = "ER_SUCCESS_NO_MATCH"

# Unlisted words a custom slot accepts: a little longer than its longest listed value.
OPEN_SLOT_EXTRA_WORDS = 2
OPEN_SLOT_MIN_WORDS = 4
OPEN_SLOT_MAX_WORDS = 8
SEARCH_QUERY_MAX_WORDS = 25
OTHER_BUILTIN_MAX_WORDS = 4  # built-in types without a parser here (AMAZON.FirstName, ...)

# The usual phrases of Amazon's built-in intents (phrases Alexa maps to them with no samples).
BUILTIN_PHRASES: Dict[str, Tuple[str, ...]] = {
    "AMAZON.StopIntent": ("stop", "stop it", "off", "shut up", "be quiet", "quiet", "stop talking",
                          "that's enough", "enough", "exit", "quit", "i'm done", "goodbye", "bye"),
    "AMAZON.CancelIntent": ("cancel", "cancel that", "never mind", "nevermind", "forget it", "forget about it"),
    "AMAZON.HelpIntent": ("help", "help me", "can you help me", "i need help", "what can i say",
                          "what can you do", "how does this work"),
    "AMAZON.YesIntent": ("yes", "yeah", "yep", "yup", "yes please", "sure", "of course", "okay", "ok",
                         "alright", "all right", "i do", "i am", "correct", "that's right", "definitely"),
    "AMAZON.NoIntent": ("no", "nope", "nah", "no thanks", "no thank you", "not really", "i don't",
                        "i'm not", "no way", "negative"),
    "AMAZON.NextIntent": ("next", "next one", "next please", "skip", "skip it", "skip this", "skip ahead",
                          "skip forward", "go forward", "move on"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back", "last one", "previous one", "skip back",
                              "go to the previous one"),
    "AMAZON.RepeatIntent": ("repeat", "repeat that", "say that again", "say it again", "again",
                            "can you repeat that", "what did you say", "pardon", "come again"),
    "AMAZON.PauseIntent": ("pause", "pause it", "pause that", "hold on", "wait", "wait a minute",
                           "wait a second", "hang on", "one moment", "just a moment"),
    "AMAZON.ResumeIntent": ("resume", "continue", "keep going", "carry on", "go on", "resume it",
                            "i'm ready", "i'm back", "unpause"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "begin again",
                               "start from the beginning", "from the top", "start over again"),
    "AMAZON.NavigateHomeIntent": ("go home", "go to home", "home screen"),
}
# Words Alexa ignores around a sample: politeness, hesitations, and the openings and
# closings people put around a request ("can you ...", "... for me").
IGNORED_BEFORE = ("please", "oh", "um", "uh", "er", "erm", "hmm", "just", "can you", "could you",
                  "would you", "will you", "can you please", "could you please", "okay", "ok", "so",
                  "now", "alright", "all right", "well", "hey", "right", "actually", "yeah", "yes",
                  "sorry", "excuse me", "listen", "meh", "huh", "ah", "aw", "ugh")
IGNORED_AFTER = ("please", "thanks", "thank you", "thanks very much", "thank you very much", "for me",
                 "now", "right now", "okay", "ok", "then", "um", "uh", "alright", "mate", "love",
                 "dear", "eh", "cheers", "if you can", "if you could", "if possible", "ta", "honey", "bud",
                 "actually", "honestly", "to be honest", "i think", "i guess", "really")

LAUNCH_VERBS = ("open", "launch", "start", "begin", "load", "run", "play")
ASK_VERBS = ("ask", "tell", "use")
ONE_SHOT_CONNECTORS = ("to", "that", "about", "for", "if", "whether", "and")
ONE_SHOT_SUFFIXES = ("using", "from", "with")


# --- normalization ---------------------------------------------------------------------

_APOSTROPHES = "\u2019\u2018\u02bc`\u00b4"
_ABBREVIATION = re.compile(r"\b([a-z])\.")
_CLOCK_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?")


def _number_words(match: "re.Match[str]") -> str:
    whole, decimals, ordinal = match.group(1), match.group(2), match.group(3)
    n = int(whole.replace(",", ""))
    if ordinal and not decimals:
        return " %s " % " ".join(ordinal_to_words(n))
    words = number_to_words(n)
    if decimals:
        words += ["point"] + [number_to_words(int(d))[0] for d in decimals]
    return " %s " % " ".join(words)


def _clock_words(match: "re.Match[str]") -> str:
    hours, minutes = int(match.group(1)), int(match.group(2))
    words = number_to_words(hours)
    if minutes == 0:
        words += ["o'clock"]
    elif minutes < 10:
        words += ["oh"] + number_to_words(minutes)
    else:
        words += number_to_words(minutes)
    return " %s " % " ".join(words)


# Written capitals that are letters said one by one ("GP", "ER", "NHS"), as Alexa writes them
# ("g. p."): two capitals that are not a word, or three or four with no vowel.
_CAPITALS = re.compile(r"\b[A-Z]{2,4}\b")
_TWO_LETTER_WORDS = frozenset("AH AM AN AS AT BE BY DO GO HA HE HI IF IN IS IT ME MY NO OF OH OK "
                              "ON OR OW SO TO UH UM UP US WE YA YO".split())


def _spelled(match: "re.Match[str]") -> str:
    letters = match.group(0)
    if len(letters) == 2 and letters in _TWO_LETTER_WORDS:
        return letters
    if len(letters) > 2 and set(letters) & set("AEIOUY"):
        return letters
    return " ".join(letters)


def normalize(text: str) -> List[str]:
    """The words of `text` as Alexa's speech recognition would write them, lower case."""
    text = _CAPITALS.sub(_spelled, unicodedata.normalize("NFKC", text)).lower()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    text = text.replace("&", " and ").replace("%", " percent ")
    text = _ABBREVIATION.sub(r"\1 ", text)
    text = _CLOCK_TIME.sub(_clock_words, text)
    text = _NUMBER.sub(_number_words, text)
    text = text.replace("'", "")
    text = re.sub(r"[^\w\s]|_", " ", text)
    return text.split()


# --- the compiled model ----------------------------------------------------------------

@dataclass(frozen=True)
class SlotRef:
    name: str
    type: str


Piece = Union[str, SlotRef]


@dataclass(frozen=True)
class Sample:
    intent: str
    text: str  # as written in the model, or the built-in phrase
    pieces: Tuple[Piece, ...]
    literals: FrozenSet[str]
    literal_count: int
    builtin_phrase: bool = False


@dataclass(frozen=True)
class Resolved:
    id: str
    name: str


@dataclass
class SlotFill:
    """One filled slot: the words heard and the value Alexa sends for them."""

    name: str
    type: str
    words: str
    value: str
    er_status: Optional[str] = None  # ER_SUCCESS_MATCH, ER_SUCCESS_NO_MATCH, or None (built-in types)
    resolutions: List[Resolved] = field(default_factory=list)

    @property
    def resolved_id(self) -> Optional[str]:
        return self.resolutions[0].id if self.resolutions else None


@dataclass
class Match:
    intent: str
    sample: str
    slots: Dict[str, SlotFill]
    score: Tuple[int, int, int]
    builtin_phrase: bool = False


@dataclass
class Heard:
    """What Alexa made of one utterance."""

    text: str  # normalized words
    request_type: Optional[str]  # "LaunchRequest", "IntentRequest", or None (nothing to send)
    intent: Optional[str] = None
    slots: Dict[str, SlotFill] = field(default_factory=dict)
    sample: Optional[str] = None
    one_shot: bool = False  # said with the invocation name ("ask ... to ..."): a new session
    ties: List[Match] = field(default_factory=list)
    slot_types: Dict[str, str] = field(default_factory=dict)  # every slot the intent declares
    confidence: Optional[float] = None  # the approximate hearing's score, when it chose the intent

    def describe(self) -> str:
        if self.request_type == "LaunchRequest":
            return "LaunchRequest"
        if self.intent is None:
            return "(nothing understood)"
        filled = ", ".join("%s=%r" % (name, slot.value) for name, slot in self.slots.items())
        return "%s(%s)" % (self.intent, filled)


@dataclass
class _SlotTable:
    name: str
    phrases: Dict[Tuple[str, ...], List[Resolved]]
    open_limit: int


def _value_id(type_name: str, value: str) -> str:
    # Alexa makes up an id for a value listed without one; a stable hash stands in for it.
    return sha256(("%s:%s" % (type_name, value)).encode("utf-8")).hexdigest()[:32]


class ModelError(ValueError):
    pass


class NLU:
    """A compiled interaction model: `hear(text)` gives what Alexa would send."""

    def __init__(self, model: dict, skill_id: str = "amzn1.ask.skill.simulated"):
        try:
            language = model["interactionModel"]["languageModel"]
        except (KeyError, TypeError):
            raise ModelError("not an interaction model: no interactionModel.languageModel")
        self.skill_id = skill_id
        self.invocation_name: str = language.get("invocationName", "")
        self.invocation: Tuple[str, ...] = tuple(normalize(self.invocation_name))
        self.problems: List[str] = []  # what would fail Alexa's model build
        self.types: Dict[str, _SlotTable] = {}
        for slot_type in language.get("types", []) or []:
            self.types[slot_type["name"]] = self._compile_type(slot_type)
        self.intents: Dict[str, Dict[str, str]] = {}
        self.samples: List[Sample] = []
        seen: Dict[Tuple[Piece, ...], str] = {}
        for intent in language.get("intents", []) or []:
            name = intent["name"]
            slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", []) or []}
            self.intents[name] = slot_types
            for text in intent.get("samples", []) or []:
                sample = self._compile_sample(name, text, slot_types)
                if sample is None:
                    continue
                if sample.pieces in seen:
                    self.problems.append("duplicate sample %r in %s and %s" % (text, seen[sample.pieces], name))
                    continue
                seen[sample.pieces] = name
                self.samples.append(sample)
        for name, phrases in BUILTIN_PHRASES.items():
            if name not in self.intents:
                continue
            for phrase in phrases:
                words = tuple(normalize(phrase))
                if words in seen:
                    continue  # the model's own sample for this phrase wins
                seen[words] = name
                self.samples.append(Sample(name, phrase, words, frozenset(words), len(words), True))
        self._declared = {name: index for index, name in enumerate(self.intents)}
        self._by_literal: Dict[str, List[Sample]] = {}
        self._slot_only: List[Sample] = []
        for sample in self.samples:
            if sample.literals:
                # Index each sample under its rarest-looking word: its longest literal.
                key = max(sample.literals, key=lambda w: (len(w), w))
                self._by_literal.setdefault(key, []).append(sample)
            else:
                self._slot_only.append(sample)

    # -- compilation --

    def _compile_type(self, slot_type: dict) -> _SlotTable:
        name = slot_type["name"]
        phrases: Dict[Tuple[str, ...], List[Resolved]] = {}
        longest = 1
        for value in slot_type.get("values", []) or []:
            written = value.get("name", {}).get("value", "")
            value_id = value.get("id") or _value_id(name, written)
            resolved = Resolved(value_id, written)
            for phrase in [written] + list(value.get("name", {}).get("synonyms", []) or []):
                words = tuple(normalize(phrase))
                if not words:
                    continue
                longest = max(longest, len(words))
                entries = phrases.setdefault(words, [])
                if resolved not in entries:
                    entries.append(resolved)
        limit = min(max(longest + OPEN_SLOT_EXTRA_WORDS, OPEN_SLOT_MIN_WORDS), OPEN_SLOT_MAX_WORDS)
        return _SlotTable(name, phrases, limit)

    def _compile_sample(self, intent: str, text: str, slot_types: Dict[str, str]) -> Optional[Sample]:
        pieces: List[Piece] = []
        for part in re.split(r"(\{[^{}]*\})", text):
            if part.startswith("{") and part.endswith("}"):
                slot_name = part[1:-1].strip()
                if slot_name not in slot_types:
                    self.problems.append("sample %r of %s uses undeclared slot {%s}" % (text, intent, slot_name))
                    return None
                slot_type = slot_types[slot_name]
                if not slot_type.startswith("AMAZON.") and slot_type not in self.types:
                    self.problems.append("slot {%s} of %s has undefined type %s" % (slot_name, intent, slot_type))
                    return None
                pieces.append(SlotRef(slot_name, slot_type))
            else:
                if re.search(r"\d", part):
                    self.problems.append("sample %r of %s has digits: spell numbers out" % (text, intent))
                pieces.extend(normalize(part))
        if not pieces:
            self.problems.append("empty sample in %s" % intent)
            return None
        literals = [p for p in pieces if isinstance(p, str)]
        if not literals and any(isinstance(p, SlotRef) and p.type == "AMAZON.SearchQuery" for p in pieces):
            self.problems.append("sample %r of %s: AMAZON.SearchQuery needs a carrier phrase" % (text, intent))
            return None
        return Sample(intent, text, tuple(pieces), frozenset(literals), len(literals))

    # -- slot values --

    def _slot_value(self, ref: SlotRef, words: Tuple[str, ...], carried: bool) -> Optional[SlotFill]:
        """The value `words` give slot `ref`, or None if the slot type does not take them."""
        text = " ".join(words)
        kind = ref.type
        if kind == "AMAZON.NUMBER":
            number = words_to_number(words)
            return None if number is None else SlotFill(ref.name, kind, text, str(number))
        if kind == "AMAZON.DURATION":
            duration = words_to_duration(words)
            return None if duration is None else SlotFill(ref.name, kind, text, duration)
        if kind == "AMAZON.SearchQuery":
            return SlotFill(ref.name, kind, text, text) if len(words) <= SEARCH_QUERY_MAX_WORDS else None
        if kind.startswith("AMAZON."):
            return SlotFill(ref.name, kind, text, text) if len(words) <= OTHER_BUILTIN_MAX_WORDS else None
        table = self.types[kind]
        listed = table.phrases.get(words)
        if listed:
            return SlotFill(ref.name, kind, text, text, ER_MATCH, list(listed))
        if carried and len(words) <= table.open_limit:
            return SlotFill(ref.name, kind, text, text, ER_NO_MATCH, [])
        return None

    # -- matching --

    def _candidates(self, tokens: Sequence[str]) -> Iterable[Sample]:
        present = set(tokens)
        for word in present:
            for sample in self._by_literal.get(word, ()):
                if sample.literals <= present and sample.literal_count <= len(tokens):
                    yield sample
        yield from self._slot_only

    def _match_sample(self, sample: Sample, tokens: Tuple[str, ...]) -> Optional[Match]:
        pieces = sample.pieces
        n = len(tokens)
        carried = sample.literal_count > 0
        cache: Dict[Tuple[int, int, int], Optional[SlotFill]] = {}
        best: Optional[Tuple[Tuple[int, int], Dict[str, SlotFill]]] = None

        def slot_at(k: int, start: int, end: int) -> Optional[SlotFill]:
            key = (k, start, end)
            if key not in cache:
                ref = pieces[k]
                assert isinstance(ref, SlotRef)
                cache[key] = self._slot_value(ref, tokens[start:end], carried)
            return cache[key]

        def walk(k: int, j: int, filled: List[SlotFill]) -> None:
            nonlocal best
            if k == len(pieces):
                if j == n:
                    slot_words = sum(len(f.words.split()) for f in filled)
                    unlisted = sum(len(f.words.split()) for f in filled if f.er_status == ER_NO_MATCH)
                    phrase = sum(len(f.words.split()) for f in filled if f.type == "AMAZON.SearchQuery")
                    score = (unlisted, phrase, slot_words)
                    if best is None or score < best[0]:
                        best = (score, {f.name: f for f in filled})
                return
            piece = pieces[k]
            if isinstance(piece, str):
                if j < n and tokens[j] == piece:
                    walk(k + 1, j + 1, filled)
                return
            # Words still needed by the literals after this slot bound how far it can reach.
            rest_literals = sum(1 for p in pieces[k + 1:] if isinstance(p, str))
            rest_slots = sum(1 for p in pieces[k + 1:] if isinstance(p, SlotRef))
            following = pieces[k + 1] if k + 1 < len(pieces) else None
            for end in range(j + 1, n - rest_literals - rest_slots + 1):
                # Only where what follows can match: the next word, or the end for a last slot
                # (the slot's value is worked out only for those).
                if following is None and end != n or isinstance(following, str) and tokens[end] != following:
                    continue
                fill = slot_at(k, j, end)
                if fill is not None:
                    walk(k + 1, end, filled + [fill])

        walk(0, 0, [])
        if best is None:
            return None
        score, slots = best
        return Match(sample.intent, sample.text, slots, score, sample.builtin_phrase)

    def match(self, tokens: Sequence[str]) -> List[Match]:
        """Every intent's best match for these words, best first."""
        tokens = tuple(tokens)
        best_by_intent: Dict[str, Match] = {}
        for sample in self._candidates(tokens):
            found = self._match_sample(sample, tokens)
            if found is None:
                continue
            current = best_by_intent.get(found.intent)
            if current is None or (found.score, found.builtin_phrase) < (current.score, current.builtin_phrase):
                best_by_intent[found.intent] = found
        # A tie goes to the intent the model declares first: the same every run (the candidates
        # come from a set of words, whose order changes with Python's hash seed).
        ranked = sorted(best_by_intent.values(),
                        key=lambda m: (m.score, m.builtin_phrase, self._declared[m.intent]))
        return ranked

    def ranked(self, tokens: Sequence[str]) -> List[Match]:
        """Every intent's best match, best first, for the words as said or without the words
        Alexa ignores around them (see the module docstring)."""
        said = self.match(tokens) if tokens else []
        if said and literal(said[0]):
            return said
        trimmed: List[Tuple[int, List[Match]]] = []
        for dropped, words in without_ignored(tokens):
            found = self.match(words)
            if found and (literal(found[0]) or not said):
                trimmed.append((dropped, found))
        literal_first = [t for t in trimmed if literal(t[1][0])]
        if literal_first:
            return min(literal_first, key=lambda t: (t[1][0].score, t[0]))[1]
        if said:
            return said
        return min(trimmed, key=lambda t: (t[0], t[1][0].score))[1] if trimmed else []

    def understand(self, tokens: Sequence[str]) -> Heard:
        """An utterance said inside a session (no invocation name)."""
        text = " ".join(tokens)
        ranked = self.ranked(tokens)
        if not ranked:
            if FALLBACK in self.intents:
                return Heard(text, "IntentRequest", FALLBACK, slot_types=dict(self.intents[FALLBACK]))
            return Heard(text, None)
        top = ranked[0]
        ties = [m for m in ranked[1:] if m.score == top.score]
        return Heard(text, "IntentRequest", top.intent, dict(top.slots), top.sample, ties=ties,
                     slot_types=dict(self.intents.get(top.intent, {})))

    def hear(self, utterance: str) -> Heard:
        """What Alexa sends for `utterance`: a launch, a one-shot (with the invocation name),
        or an intent inside the open session."""
        tokens = normalize(utterance)
        if tokens[:1] == ["alexa"]:
            tokens = tokens[1:]
        inv = self.invocation
        size = len(inv)
        if inv and len(tokens) > size and tuple(tokens[1:1 + size]) == inv:
            verb, rest = tokens[0], tokens[1 + size:]
            if verb in LAUNCH_VERBS + ASK_VERBS and not rest:
                return Heard(" ".join(tokens), "LaunchRequest")
            if verb in ASK_VERBS or (verb in LAUNCH_VERBS and rest[0] == "and"):
                return self._one_shot(tokens, rest)
        if inv and len(tokens) > size + 1 and tuple(tokens[-size:]) == inv and tokens[-size - 1] in ONE_SHOT_SUFFIXES:
            return self._one_shot(tokens, tokens[:-size - 1])
        if inv and tuple(tokens) == inv:
            return Heard(" ".join(tokens), "LaunchRequest")
        return self.understand(tokens)

    def _one_shot(self, said: Sequence[str], rest: Sequence[str]) -> Heard:
        options = [list(rest)]
        if rest and rest[0] in ONE_SHOT_CONNECTORS and len(rest) > 1:
            options.insert(0, list(rest[1:]))
        heard_options = [self.understand(option) for option in options]
        understood = [h for h in heard_options if h.intent not in (None, FALLBACK)]
        if understood:
            # The reading with the connector taken off first; the literal one if it scores better.
            # A reading the model matches beats a guess of the approximate hearing's.
            heard = min(understood, key=lambda h: (h.confidence is not None,
                                                   sum(len(s.words.split()) for s in h.slots.values())))
        else:
            heard = heard_options[0]
        heard.text = " ".join(said)
        heard.one_shot = True
        return heard


def literal(match: Match) -> bool:
    """A match on a sample's own words: no free phrase, no value its slot type does not list."""
    return match.score[0] == 0 and match.score[1] == 0


_IGNORED_BEFORE = sorted({tuple(normalize(p)) for p in IGNORED_BEFORE}, key=len, reverse=True)
_IGNORED_AFTER = sorted({tuple(normalize(p)) for p in IGNORED_AFTER}, key=len, reverse=True)


def without_ignored(tokens: Sequence[str]) -> List[Tuple[int, Tuple[str, ...]]]:
    """Every reading of `tokens` with ignored words taken off the front and the back, as
    (words taken off, words left), fewest taken off first; never the words as said, never empty."""
    def peel(words: Tuple[str, ...], phrases, front: bool) -> List[Tuple[str, ...]]:
        found = [words]
        for phrase in phrases:
            n = len(phrase)
            if len(words) > n and (words[:n] if front else words[-n:]) == phrase:
                found += peel(words[n:] if front else words[:-n], phrases, front)
        return found

    readings = {}
    for front in peel(tuple(tokens), _IGNORED_BEFORE, True):
        for both in peel(front, _IGNORED_AFTER, False):
            if both and len(both) < len(tokens):
                readings.setdefault(both, len(tokens) - len(both))
    return sorted(((dropped, words) for words, dropped in readings.items()), key=lambda r: (r[0], r[1]))


HEARINGS = ("strict", "approximate")
_CACHE: Dict[Tuple[str, float, str, str], NLU] = {}


def load_nlu(path: Union[str, Path], skill_id: str = "amzn1.ask.skill.simulated", hearing: str = "strict") -> NLU:
    """The compiled model at `path`, compiled once per file version and hearing: "strict"
    (this module) or "approximate" (approximate.py: a classifier trained on the model)."""
    if hearing not in HEARINGS:
        raise ValueError("no hearing %r (there are: %s)" % (hearing, ", ".join(HEARINGS)))
    path = Path(path)
    key = (str(path.resolve()), path.stat().st_mtime, skill_id, hearing)
    cached = _CACHE.get(key)
    if cached is None:
        with open(path, encoding="utf-8") as handle:
            model = json.load(handle)
        if hearing == "approximate":
            from spasm_coach_tools.simulator.approximate import ApproximateNLU
            cached = ApproximateNLU(model, skill_id=skill_id)
        else:
            cached = NLU(model, skill_id=skill_id)
        _CACHE[key] = cached
    return cached


def model_path(locale: str, root: Optional[Path] = None) -> Path:
    return _models(root) / ("%s.json" % locale)


def model_locales(root: Optional[Path] = None) -> List[str]:
    """Every locale with an interaction model (interaction_model/<locale>.json), sorted."""
    return sorted(path.stem for path in _models(root).glob("*.json"))


def _models(root: Optional[Path]) -> Path:
    if root is None:
        from spasm_coach.config import PROJECT_ROOT
        root = PROJECT_ROOT
    return Path(root) / "interaction_model"
