"""The approximate hearing: an intent classifier and slot filler trained only on the model.

Alexa's NLU is statistical: it hears requests its samples never spelt out, when they are close
enough to what the samples say, and sends AMAZON.FallbackIntent when nothing is close. This
hearing (`--hearing approximate`) plays that part beside the exact one (`--hearing strict`,
nlu.py). It learns from the interaction model alone: every sample with its slots filled by the
slot types' values and synonyms, and the usual phrases of the built-in intents. No request,
test set or log is ever used to train or tune it.

How a request is heard:

1. The exact hearing first (nlu.py): a match on a sample's own words is heard as it is; Alexa
   is surest of a sample said as written.
2. Otherwise each intent is scored by the cosine similarity between the request and the
   nearest of its training examples, over TF-IDF weighted features: words, pairs of
   neighbouring words, and the letter triples of each word (so "stretching" is near
   "stretches"). A feature's weight falls with the number of intents that use it: "the" says
   little, "ibuprofen" a lot. Words the model never uses weigh almost as much as its rarest
   words, so a request about something else scores low. Hesitations, and the words Alexa
   ignores around a sample, are left out first.
3. The best intent is heard when its score reaches CONFIDENCE. It must also account for every
   word (each one fills a slot, is a word of that intent's own samples, or is one of
   EMPTY_WORDS) where the exact hearing matched a carrier phrase and its free phrase ("my
   {Description}", which sends every word to the skill's red-flag check), and where the
   intent takes a value said on its own ("{Answer}", "{Symptom}"), whose words are the value:
   "I would like to begin the stretching exercises" is all words of StartRoutineIntent's
   samples; "I don't have a fever" is not all SymptomIntent's, so it keeps its carrier, and
   "will losing weight help my back" is not heard as the symptom "losing weight". A request's
   carrier ("how {Request}") is no such match: a confident guess is heard over it. Otherwise
   the exact hearing's match (a carrier, or a guess at a value a slot type does not list), or
   AMAZON.FallbackIntent.
4. The chosen intent's slots are filled from the words: for a custom slot type a listed value
   or synonym said (resolved as Alexa does); numbers and durations where the intent takes
   them. Where the words hold more than one value a slot could take, the one said among the
   words that surround that slot in the nearest sample is taken ("the heat is done, switch me
   to the ice" near "the {Finished} is done now time the {Pack}": heat is what is done, ice the
   pack), else the longest, then the first said.

CONFIDENCE and UNKNOWN_WEIGHT were set on the model's own samples, each left out of training in
turn (most must still be heard as their intent), on requests for other skills written for
tests/test_approximate.py (they must fall back), on development requests written for the
purpose, and on the development red-flag sets (the red flags routed must stay as in the exact
hearing); never on a sealed set.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from spasm_coach_tools.simulator.nlu import NLU, Heard, SlotFill, SlotRef, Sample, literal, normalize, without_ignored
from spasm_coach_tools.simulator.spoken import words_to_duration, words_to_number

CONFIDENCE = 0.55
# Hesitations carry nothing wherever they are said.
HESITATIONS = frozenset({"um", "uh", "er", "erm", "hmm", "umm", "uhh"})
# Words that say nothing about what is asked or felt (hedges, intensifiers, politeness): an
# intent that must account for every word (step 3 above) may leave them out. No negation, no
# body word, nothing that judges ("fine", "good").
EMPTY_WORDS = frozenset("""really very quite just so bit little think guess suppose maybe perhaps
    probably actually basically today now then please thanks thank okay ok well oh right yeah
    like kind sort anyway too also dear love mate cheers""".split())
LETTERS_WEIGHT = 0.35       # a letter triple, against a whole word
PAIR_WEIGHT = 0.5           # a pair of neighbouring words, against a whole word
UNKNOWN_WEIGHT = 0.8        # a word the model never uses, against the weight of its rarest words
HEARD_KEPT = 10000          # classifications kept, so words said again are not scored again
MARGIN = 1e-9               # what rounding could take off a bound when the best guess is searched for
FLOOR_FROM = 500            # while fewer examples are touched, the leaders are scored for a floor
LEADERS = 3                 # examples scored in full at once, for a floor to prune against
VALUES_PER_SLOT = 12        # training examples one sample makes from its slots' values
FEW_VALUES = 4              # a slot type with at most this many values is learnt with each one's name
# What stands for a slot in training when its type lists no values.
BUILT_IN_FILLS = {"AMAZON.NUMBER": ("twenty",), "AMAZON.DURATION": ("twenty", "minutes")}

# Free phrases that follow a request's carrier (a question word, a modal, a polite opener),
# not a description of the body: see asks().
REQUEST_PHRASES = frozenset({"Request"})

Features = Dict[str, float]


def features(words: Sequence[str]) -> Features:
    """Words, neighbouring pairs and each word's letter triples, with their weights."""
    found: Features = defaultdict(float)
    for word in words:
        found["w:" + word] += 1.0
        padded = "#%s#" % word
        for i in range(len(padded) - 2):
            found["c:" + padded[i:i + 3]] += LETTERS_WEIGHT
    for first, second in zip(words, words[1:]):
        found["p:%s %s" % (first, second)] += PAIR_WEIGHT
    return found


@dataclass(frozen=True)
class Guess:
    intent: str
    score: float
    sample: str  # the nearest training example's sample, as written in the model


class Classifier:
    """Nearest training example by cosine similarity of TF-IDF features."""

    def __init__(self, examples: Iterable[Tuple[str, Sequence[str], str]]):
        raw = [(intent, features(words), sample) for intent, words, sample in examples]
        users: Dict[str, Set[str]] = defaultdict(set)
        for intent, found, _ in raw:
            for feature in found:
                users[feature].add(intent)
        intents = {intent for intent, _, _ in raw}
        self.idf = {f: math.log((len(intents) + 1) / (len(u) + 1)) + 1 for f, u in users.items()}
        self.unknown_idf = UNKNOWN_WEIGHT * (math.log(len(intents) + 1) + 1)
        self._heard: Dict[Tuple[str, ...], List[Guess]] = {}  # words already classified
        self.examples: List[Tuple[str, str]] = []
        self.vectors: List[Features] = []  # each example's weighted features
        self._best: Dict[Tuple[str, ...], Optional[Guess]] = {}  # words already classified, best guess only
        self.index: Dict[str, List[Tuple[int, float]]] = defaultdict(list)
        seen: Set[Tuple[str, Tuple[Tuple[str, float], ...]]] = set()
        for intent, found, sample in raw:
            key = (intent, tuple(sorted(found.items())))
            if key in seen:
                continue
            seen.add(key)
            vector = self._weigh(found)
            number = len(self.examples)
            self.examples.append((intent, sample))
            self.vectors.append(vector)
            for feature, weight in vector.items():
                self.index[feature].append((number, weight))
        # The most any one example weighs each feature: what a feature can add to a score at most.
        self.heaviest = {feature: max(weight for _, weight in postings) for feature, postings in self.index.items()}

    def _weigh(self, found: Features) -> Features:
        vector = {f: count * self.idf.get(f, self.unknown_idf) for f, count in found.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def guesses(self, words: Sequence[str], leave_out: Optional[Tuple[str, str]] = None) -> List[Guess]:
        """Every intent with its best score, best first; `leave_out` (intent, sample): as if
        that sample had not been learnt (how the thresholds were checked)."""
        key = tuple(words)
        if leave_out is None and key in self._heard:
            return self._heard[key]
        vector = self._weigh(features(words))
        totals: Dict[int, float] = defaultdict(float)
        for feature, weight in vector.items():
            for number, other in self.index.get(feature, ()):
                totals[number] += weight * other
        best: Dict[str, Guess] = {}
        for number, score in totals.items():
            intent, sample = self.examples[number]
            if (intent, sample) == leave_out:
                continue
            if intent not in best or score > best[intent].score:
                best[intent] = Guess(intent, score, sample)
        ranked = sorted(best.values(), key=lambda g: (-g.score, g.intent))
        if leave_out is None:
            if len(self._heard) >= HEARD_KEPT:
                self._heard.clear()
            self._heard[key] = ranked
        return ranked

    def best(self, words: Sequence[str], leave_out: Optional[Tuple[str, str]] = None) -> Optional[Guess]:
        """The first of `guesses(words, leave_out)`: the same intent, score and sample (or None),
        found without scoring every example.

        What a feature can add to any score is at most its query weight times the most any
        example weighs it. Features are added up from the one that can add most; once what
        the features left could add together falls below the best full score found so far,
        an example none of the added features touched cannot come first, and the features
        left (letter triples most examples share, such as "#th") are only added for the
        touched examples that could still reach that score: each is scored in full, in the
        order `guesses` adds (so to the same float), and ties are broken as `guesses` does."""
        key = tuple(words)
        if leave_out is None and key in self._best:
            return self._best[key]
        vector = self._weigh(features(words))
        order = {feature: place for place, feature in enumerate(vector)}
        known = sorted((f for f in vector if f in self.index),
                       key=lambda f: (-vector[f] * self.heaviest[f], order[f]))
        left = [0.0] * (len(known) + 1)  # left[i]: the most known[i:] can add to a score
        for i in range(len(known) - 1, -1, -1):
            left[i] = left[i + 1] + vector[known[i]] * self.heaviest[known[i]]
        partial: Dict[int, float] = defaultdict(float)
        floor = -1.0  # the best full score found so far
        i = 0
        while i < len(known) and left[i] >= floor - MARGIN:
            feature, i = known[i], i + 1
            weight = vector[feature]
            for number, other in self.index[feature]:
                partial[number] += weight * other
            if len(partial) <= FLOOR_FROM:  # a better floor while it is cheap to find one
                for number in heapq.nlargest(LEADERS, partial, key=partial.__getitem__):
                    if self.examples[number] != leave_out:
                        floor = max(floor, self._score(vector, number))
        for number in heapq.nlargest(LEADERS, partial, key=partial.__getitem__):
            if self.examples[number] != leave_out:
                floor = max(floor, self._score(vector, number))
        # The features left, each added only to the examples that could still come first.
        while i < len(known) and len(partial) > LEADERS:
            bound = floor - MARGIN - left[i]
            partial = {number: part for number, part in partial.items() if part >= bound}
            feature, i = known[i], i + 1
            weight = vector[feature]
            for number in partial:
                other = self.vectors[number].get(feature)
                if other is not None:
                    partial[number] += weight * other
        rest = left[i]
        top: Optional[Tuple[float, str, int, int]] = None
        for number in sorted(partial, key=partial.__getitem__, reverse=True):
            if partial[number] + rest < floor - MARGIN:
                break
            if self.examples[number] == leave_out:
                continue
            score = self._score(vector, number)
            floor = max(floor, score)
            # guesses ranks by score, then the intent's name; within an intent the first
            # example it met wins (by the first query feature it has, then by its number).
            first = min(order[f] for f in self.vectors[number] if f in order)
            rank = (-score, self.examples[number][0], first, number)
            if top is None or rank < top:
                top = rank
        found = None if top is None else Guess(top[1], -top[0], self.examples[top[3]][1])
        if leave_out is None:
            if len(self._best) >= HEARD_KEPT:
                self._best.clear()
            self._best[key] = found
        return found

    def _score(self, vector: Features, number: int) -> float:
        """One example's full score, added up in the query's order as `guesses` adds it."""
        mine = self.vectors[number]
        total = 0.0
        for feature, weight in vector.items():
            other = mine.get(feature)
            if other is not None:
                total += weight * other
        return total


class ApproximateNLU(NLU):
    """The exact hearing, and a classifier for what it cannot match word for word."""

    def __init__(self, model: dict, skill_id: str = "amzn1.ask.skill.simulated"):
        super().__init__(model, skill_id=skill_id)
        self.classifier = Classifier(self.training_examples())
        # Intents that take a value said on its own ("{Answer}"): their words are the value.
        self.bare_values = frozenset(sample.intent for sample in self.samples if not sample.literal_count)
        self.own_words: Dict[str, frozenset] = {}
        self.by_text = {(sample.intent, sample.text): sample for sample in self.samples}
        for sample in self.samples:
            self.own_words[sample.intent] = self.own_words.get(sample.intent, frozenset()) | sample.literals

    # -- training ------------------------------------------------------------------------

    def training_examples(self) -> Iterator[Tuple[str, Tuple[str, ...], str]]:
        """(intent, words, sample) for every sample with its slots filled in turn by the slot
        types' values and synonyms. Not learnt: samples with a free phrase (it can be anything,
        so only the carrier is known, and the exact hearing matches that), and samples that are
        a slot alone (a value said on its own: the exact hearing matches the listed ones)."""
        made: Dict[str, int] = defaultdict(int)  # examples made so far for each intent
        for sample in self.samples:
            if not learnable(sample):
                continue
            # Each sample takes the next few values of its slots, so that an intent's samples
            # together say every value without each saying all of them.
            for words in self._fillings(sample, made[sample.intent]):
                if words:
                    made[sample.intent] += 1
                    yield sample.intent, words, sample.text

    def _fillings(self, sample: Sample, offset: int = 0) -> List[Tuple[str, ...]]:
        refs = [p for p in sample.pieces if isinstance(p, SlotRef)]
        if not refs:
            return [tuple(sample.pieces)]
        choices = {ref.name: self._slot_words(ref) for ref in refs}
        count = min(max(len(c) for c in choices.values()), VALUES_PER_SLOT)
        filled = []
        for i in range(offset, offset + count):  # values side by side (not every pairing)
            words: List[str] = []
            for piece in sample.pieces:
                if isinstance(piece, SlotRef):
                    options = choices[piece.name]
                    words.extend(options[i % len(options)] if options else ())
                else:
                    words.append(piece)
            filled.append(tuple(words))
        # A slot type of few values is also learnt with each value's own name in every sample
        # ("{Pack} timer please" as "ice timer please"), whichever synonyms the turn above gave it.
        for ref in refs:
            for name in self._value_names(ref):
                words = []
                for piece in sample.pieces:
                    if piece == ref:
                        words.extend(name)
                    elif isinstance(piece, SlotRef):
                        options = choices[piece.name]
                        words.extend(options[offset % len(options)] if options else ())
                    else:
                        words.append(piece)
                if tuple(words) not in filled:
                    filled.append(tuple(words))
        return filled

    def _value_names(self, ref: SlotRef) -> List[Tuple[str, ...]]:
        """The values' own names of a slot type with few values (none for a type of many)."""
        table = self.types.get(ref.type)
        if table is None:
            return []
        names = sorted({tuple(normalize(r.name)) for entries in table.phrases.values() for r in entries})
        return names if len(names) <= FEW_VALUES else []

    def _slot_words(self, ref: SlotRef) -> List[Tuple[str, ...]]:
        if ref.type in self.types:
            return sorted(self.types[ref.type].phrases)
        return [BUILT_IN_FILLS.get(ref.type, ())]

    # -- hearing ---------------------------------------------------------------------------

    def understand(self, tokens: Sequence[str]) -> Heard:
        ranked = self.ranked(tokens)
        if ranked and literal(ranked[0]):
            return super().understand(tokens)
        # A description's carrier matched ("i {Description}"), even where a request's longer
        # carrier matched better ("i need {Request}"): its words stay for the red-flag check.
        carried = any(match.score[0] == 0 and not asks(match) for match in ranked)
        words = plain_request(tokens)
        guess = self.classifier.best(words) if words else None
        if guess is not None and guess.score >= CONFIDENCE:
            heard = self._heard(tokens, words, guess)
            if self.accounts_for(heard, words) or not (carried or guess.intent in self.bare_values):
                return heard
        return super().understand(tokens)

    def accounts_for(self, heard: Heard, words: Sequence[str]) -> bool:
        """Whether the intent heard explains every word: each one is in a filled slot, is one
        of the intent's own sample words, or says nothing (EMPTY_WORDS)."""
        own = self.own_words.get(heard.intent, frozenset())
        in_slots = {w for fill in heard.slots.values() for w in fill.words.split()}
        return all(w in own or w in in_slots or w in EMPTY_WORDS for w in words)

    def _heard(self, tokens: Sequence[str], words: Sequence[str], guess: Guess) -> Heard:
        slots = self.fill_slots(guess.intent, tuple(words), self._sample_of(guess))
        return Heard(" ".join(tokens), "IntentRequest", guess.intent, slots, guess.sample,
                     slot_types=dict(self.intents.get(guess.intent, {})), confidence=round(guess.score, 3))

    def _sample_of(self, guess: Guess) -> Optional[Sample]:
        return self.by_text.get((guess.intent, guess.sample))

    def fill_slots(self, intent: str, words: Tuple[str, ...], sample: Optional[Sample] = None) -> Dict[str, SlotFill]:
        """The intent's slots as its words fill them (see the module docstring): each time, the
        slot and value that fit best (a duration before a number: "twenty minutes" is one length,
        not the number twenty; then the words said around the slot in `sample`, the nearest
        sample; then the longest value, then the first said)."""
        slots: Dict[str, SlotFill] = {}
        used: Set[int] = set()
        declared = self.intents.get(intent, {})
        contexts = _slot_contexts(sample)
        left = dict(declared)
        while left:
            best = None
            for order, (name, kind) in enumerate(left.items()):
                around = contexts.get(name)
                for start, end in self._spans(kind, words, used):
                    fit = _context_fit(words, start, end, around) if around else 0
                    rank = (kind == "AMAZON.DURATION", fit, around is not None, end - start, -start, -order)
                    if best is None or rank > best[0]:
                        best = (rank, name, kind, start, end)
            if best is None:
                break
            _, name, kind, start, end = best
            del left[name]
            fill = self._slot_value(SlotRef(name, kind), words[start:end], False)
            if fill is not None:
                slots[name] = fill
                used.update(range(start, end))
        return slots

    def _spans(self, kind: str, words: Tuple[str, ...], used: Set[int]) -> List[Tuple[int, int]]:
        """The spans of unused words that the slot type takes as a value, none inside another."""
        found = []
        n = len(words)
        table = self.types.get(kind)
        for start in range(n):
            for end in range(start + 1, n + 1):
                if used & set(range(start, end)):
                    break
                span = words[start:end]
                if ((kind == "AMAZON.NUMBER" and words_to_number(span) is not None)
                        or (kind == "AMAZON.DURATION" and words_to_duration(span) is not None)
                        or (table is not None and span in table.phrases)):
                    found.append((start, end))
        return [(s, e) for s, e in found
                if not any((o, f) != (s, e) and o <= s and e <= f for o, f in found)]


def _slot_contexts(sample: Optional[Sample]) -> Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]]:
    """For each slot of `sample`: the sample's words just before it and just after it (up to two)."""
    if sample is None:
        return {}
    pieces = sample.pieces
    contexts = {}
    for i, piece in enumerate(pieces):
        if isinstance(piece, SlotRef):
            before: List[str] = []
            for p in reversed(pieces[:i]):
                if not isinstance(p, str) or len(before) == 2:
                    break
                before.insert(0, p)
            after: List[str] = []
            for p in pieces[i + 1:]:
                if not isinstance(p, str) or len(after) == 2:
                    break
                after.append(p)
            contexts[piece.name] = (tuple(before), tuple(after))
    return contexts


def _context_fit(words: Tuple[str, ...], start: int, end: int,
                 around: Tuple[Tuple[str, ...], Tuple[str, ...]]) -> int:
    """How many of the words a sample says around a slot are said around this span, in place."""
    before, after = around
    fit = sum(1 for k, word in enumerate(reversed(before)) if start - 1 - k >= 0 and words[start - 1 - k] == word)
    fit += sum(1 for k, word in enumerate(after) if end + k < len(words) and words[end + k] == word)
    return fit


def asks(match) -> bool:
    """Whether an exact match is a request's carrier and its free phrase (REQUEST_PHRASES:
    "how {Request}", "kindly {Request}"). A confident guess is heard over such a match, as
    Alexa prefers an intent whose samples are near to a catch-all carrier, unless a
    description's carrier matches the words too ("i {Description}" of "i need to ..."): that
    keeps its words for the red-flag check (step 3 above)."""
    return any(fill.type == "AMAZON.SearchQuery" and name in REQUEST_PHRASES
               for name, fill in match.slots.items())


def learnable(sample: Sample) -> bool:
    """Whether the classifier learns from `sample` (see training_examples)."""
    return sample.literal_count > 0 and not any(
        isinstance(p, SlotRef) and p.type == "AMAZON.SearchQuery" for p in sample.pieces)


def plain_request(tokens: Sequence[str]) -> Tuple[str, ...]:
    """The words that carry the request: hesitations out, ignored words off both ends."""
    words = tuple(t for t in tokens if t not in HESITATIONS) or tuple(tokens)
    readings = without_ignored(words)
    return max(readings, key=lambda r: r[0])[1] if readings else words
