"""Triage: what a person said (and any resolved slot ids) in, how urgent it is out.

A plain function with no SDK types, so it can sit in front of every handler and be
tested directly. The vocabulary is data (content/redflags.<locale>.json), read on
first use. Each pattern has anchors (content/redflags.<locale>.anchors.json, written
by scripts/triage_anchors.py): literal text that every match of it contains. One
pass over a clause finds the anchors in it, and only the patterns they belong to are
searched; an entry is compiled the first time one of its patterns is needed. So a
cold start compiles nothing, and a request runs a few regular expressions rather
than one per pattern. Levels follow clinical.md's red-flag table:

    none < clarify < doctor < urgent < emergency

"clarify" is a near miss: a red flag mentioned but denied ("no numbness"), described
as long-standing ("ever since my kids"), asked about hypothetically ("what if my legs
go numb"), positional and gone ("my leg went dead from sitting cross-legged but it's
fine now"), or too vague to place ("I feel numb"). It calls for one clarifying
question (Assessment.clarify), not an alarm.

When several things are said, the highest level wins; a denied symptom never cancels
a different one said in the same breath ("no fever but I wet myself" = emergency).
"""
from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Pattern, Sequence, Set, Tuple

LEVELS: Tuple[str, ...] = ("none", "clarify", "doctor", "urgent", "emergency")
_RANK = {name: index for index, name in enumerate(LEVELS)}

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LOCALE = "en-US"

# Order in which clarifying topics are preferred when several fit equally.
_TOPIC_ORDER = ("saddle", "bladder", "bowel", "legs", "weakness", "where", "pain", "general")


def level_rank(level: str) -> int:
    """Position of a level in LEVELS (unknown levels count as "none")."""
    return _RANK.get(level, 0)


def max_level(a: str, b: str) -> str:
    """The more urgent of two levels."""
    return a if level_rank(a) >= level_rank(b) else b


@dataclass(frozen=True)
class Assessment:
    """The outcome of one triage.

    level: one of LEVELS.
    flags: red-flag ids raised (see content/redflags.<locale>.json "flags"), most urgent first.
    clarify: which clarifying question fits ("legs", "saddle", "bladder", "bowel",
        "weakness", "where", "pain", "general"), or None. Set when level is "clarify",
        and also when a doctor/urgent answer could rise with one follow-up (a leg
        symptom with no side given: "one leg or both?").
    near_misses: red-flag ids mentioned but denied, past, hypothetical or resolved.
    """

    level: str = "none"
    flags: Tuple[str, ...] = ()
    clarify: Optional[str] = None
    near_misses: Tuple[str, ...] = field(default=())

    @property
    def is_red_flag(self) -> bool:
        return level_rank(self.level) >= _RANK["doctor"]

    def to_dict(self) -> Dict[str, object]:
        return {
            "level": self.level,
            "flags": list(self.flags),
            "clarify": self.clarify,
            "near_misses": list(self.near_misses),
        }


NONE = Assessment()


# --------------------------------------------------------------------------- vocabulary


def _words(alternatives: str) -> str:
    return "(?:" + alternatives + ")"


def _expand(pattern: str, classes: Dict[str, str]) -> str:
    def expand(match: "re.Match[str]") -> str:
        return classes[match.group(1)]

    # Classes may refer to classes; expand until stable (bounded).
    text = pattern
    for _ in range(4):
        expanded = re.sub(r"\{([A-Z0-9]+)\}", expand, text)
        if expanded == text:
            break
        text = expanded
    return text


def _compile(pattern: str, classes: Dict[str, str]) -> Pattern[str]:
    return re.compile(r"(?<![a-z0-9'])(?:" + _expand(pattern, classes) + r")(?![a-z0-9'])")


def _alternatives(prefix: str, patterns: Iterable[str]) -> Pattern[str]:
    """Whole words matching one of `patterns`, each alternative a named group (prefix and
    its index), so ``match.lastgroup`` says which. The word boundaries stand outside
    the alternation: checked once per position instead of once per alternative, which
    makes the search several times faster, and a match whose end is not a boundary
    still backtracks into the next alternative, as it would with the boundaries inside.
    """
    body = "|".join("(?P<%s%d>%s)" % (prefix, i, p) for i, p in enumerate(patterns))
    return re.compile(r"(?<![a-z0-9'])(?:%s)(?![a-z0-9'])" % body)


class _Compiled:
    """An entry's regular expressions, compiled the first time they are needed.

    ``sources`` are its patterns then its denied patterns (the order of entry_sources
    and of the anchors file); ``run_order`` is the order they are searched in: the
    denied ones first, so a denial claims its words before a pattern can.
    """

    __slots__ = ("sources", "first_denied", "run_order", "unless")

    def __init__(self, raw: Mapping[str, Any], classes: Dict[str, str]):
        patterns, negated = list(raw.get("patterns", ())), list(raw.get("negated_patterns", ()))
        self.sources = tuple(_compile(p, classes) for p in patterns + negated)
        self.first_denied = len(patterns)
        self.run_order = tuple(range(len(patterns), len(self.sources))) + tuple(range(len(patterns)))
        # Whether any of them is in the clause: one search of their alternation.
        unless = [_expand(p, classes) for p in raw.get("unless", ())]
        self.unless = re.compile(r"(?<![a-z0-9'])(?:%s)(?![a-z0-9'])" % "|".join(
            "(?:%s)" % p for p in unless)) if unless else None


class _Entry:
    __slots__ = ("id", "flag", "level", "clarify", "history", "resolvable", "sided", "fallback",
                 "sources", "anchors", "_raw", "_classes", "_compiled", "_lock")

    def __init__(self, raw: Mapping[str, Any], flags: Mapping[str, Any], classes: Dict[str, str],
                 anchors: Optional[Tuple[Optional[Tuple[str, ...]], ...]]):
        flag = raw.get("flag")
        self.id: str = raw["id"]
        self.flag: Optional[str] = flag
        self.level: str = flags[flag]["level"] if flag else raw.get("level", "clarify")
        self.clarify: str = raw.get("clarify") or (flags[flag]["clarify"] if flag else "general")
        self.history = bool(raw.get("history", False))
        self.resolvable = bool(raw.get("resolvable", False))
        self.sided = bool(raw.get("sided", False))
        self.fallback = bool(raw.get("fallback", False))
        # How many patterns and denied patterns it has.
        self.sources = len(raw.get("patterns", ())) + len(raw.get("negated_patterns", ()))
        # Per pattern (patterns, then denied patterns): every match contains one of its
        # anchors; None for a pattern with none to rely on (searched in every clause
        # that reaches the entry), and None for all when they are stale.
        self.anchors = anchors
        self._raw, self._classes = raw, classes
        self._compiled: Optional[_Compiled] = None
        self._lock = threading.Lock()

    def compiled(self) -> _Compiled:
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                compiled = self._compiled
                if compiled is None:
                    compiled = self._compiled = _Compiled(self._raw, self._classes)
        return compiled


class _AnchorIndex:
    """Which patterns of which entries a clause may match, in one regular-expression pass.

    The anchors of every pattern (about 700 distinct pieces of text) are folded into one
    trie-shaped expression: at each position of the clause it follows the characters
    down the trie and stops at the longest anchor that starts there. Every anchor that
    starts at that position is a prefix of that longest one, so each anchor maps to
    the patterns of all its prefixes, worked out when the index is built. The regular
    expression engine does the walking, in C; a plain alternation of the anchors, or a
    lookup per character pair in Python, was several times slower. Built on first use,
    with the vocabulary.
    """

    def __init__(self, entries: Sequence[_Entry]):
        # Patterns searched in every clause: all of an entry with stale anchors, and any
        # pattern without anchors of its own.
        self.always: Dict[int, FrozenSet[int]] = {}
        filed: Dict[str, Set[Tuple[int, int]]] = {}
        for index, entry in enumerate(entries):
            if entry.anchors is None:
                self.always[index] = frozenset(range(entry.sources))
                continue
            unanchored = frozenset(slot for slot, found in enumerate(entry.anchors) if not found)
            if unanchored:
                self.always[index] = unanchored
            for slot, found in enumerate(entry.anchors):
                for anchor in found or ():
                    filed.setdefault(anchor, set()).add((index, slot))
        # An anchor found means every anchor that is a prefix of it was found too.
        self.reaches: Dict[str, FrozenSet[Tuple[int, int]]] = {
            anchor: frozenset().union(*(filed.get(anchor[:end], ()) for end in range(1, len(anchor) + 1)))
            for anchor in filed}
        self.pattern = re.compile("(?=(%s))" % _trie_pattern(filed)) if filed else None

    def candidates(self, clause: str) -> List[Tuple[int, Set[int]]]:
        """(entry index, the indexes of its patterns that may match), in entry order."""
        found: Dict[int, Set[int]] = {index: set(slots) for index, slots in self.always.items()}
        if self.pattern is not None:
            reaches = self.reaches
            for anchor in self.pattern.findall(clause):
                for index, slot in reaches[anchor]:
                    slots = found.get(index)
                    if slots is None:
                        found[index] = {slot}
                    else:
                        slots.add(slot)
        return sorted(found.items())


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly `words`, shaped as their trie, greedy: where
    one word is a prefix of another, the longer is tried first."""
    trie: Dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: Dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
        return "(?:%s)?" % body if "" in node else body

    return pattern(trie)


@dataclass(frozen=True)
class _Vocabulary:
    max_chars: int
    rewrites: Pattern[str]
    rewrite_to: Tuple[str, ...]
    boundaries: Pattern[str]
    cues: Pattern[str]
    not_cues: Pattern[str]
    restart: Pattern[str]
    joiners: Pattern[str]
    window: int
    history: Pattern[str]
    resolved: Pattern[str]
    positional: Pattern[str]
    hypothetical: Pattern[str]
    flag_levels: Dict[str, str]
    flag_topics: Dict[str, str]
    flag_order: Dict[str, int]
    entries: Tuple[_Entry, ...]
    anchor_index: _AnchorIndex
    plural_legs: Pattern[str]
    left_leg: Pattern[str]
    right_leg: Pattern[str]
    explicit_side: Pattern[str]


def read_vocabulary(locale: str) -> Dict[str, Any]:
    """The vocabulary file of a locale, as data."""
    path = CONTENT_DIR / ("redflags.%s.json" % locale)
    return json.loads(path.read_text(encoding="utf-8"))


def entry_sources(raw: Mapping[str, Any], classes: Dict[str, str]) -> List[str]:
    """An entry's patterns and denied patterns with their classes expanded: what its anchors
    are worked out from, and what their fingerprint covers."""
    return [_expand(p, classes) for p in list(raw.get("patterns", ())) + list(raw.get("negated_patterns", ()))]


def fingerprint(sources: Sequence[str]) -> str:
    import hashlib  # here, not at import: loading OpenSSL's hashes costs about 5 ms of cold start
    return hashlib.sha256(json.dumps(list(sources)).encode("utf-8")).hexdigest()[:16]


def _read_anchors(locale: str) -> Dict[str, Any]:
    try:
        data = json.loads((CONTENT_DIR / ("redflags.%s.anchors.json" % locale)).read_text(encoding="utf-8"))
        return data["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _anchors(raw: Mapping[str, Any], classes: Dict[str, str],
             known: Mapping[str, Any]) -> Optional[Tuple[Optional[Tuple[str, ...]], ...]]:
    """The anchors of each of the entry's patterns, if they were worked out from its
    patterns as they are now; None if not (the entry is then searched everywhere)."""
    found = known.get(raw["id"])
    sources = entry_sources(raw, classes)
    if not isinstance(found, dict) or not isinstance(found.get("patterns"), list):
        return None
    if len(found["patterns"]) != len(sources) or found.get("fingerprint") != fingerprint(sources):
        return None  # edited since: correct without anchors, only slower
    return tuple(tuple(str(a) for a in anchors) if anchors else None for anchors in found["patterns"])


def _load(locale: str) -> _Vocabulary:
    data = read_vocabulary(locale)
    classes = {name: value for name, value in data["classes"].items()}
    flags = data["flags"]
    known = _read_anchors(locale)
    entries = tuple(_Entry(raw, flags, classes, _anchors(raw, classes, known)) for raw in data["entries"])
    negation = data["negation"]
    legs = classes["LEGS"]
    leg1 = classes["LEG1"]
    return _Vocabulary(
        max_chars=int(data.get("max_chars", 600)),
        rewrites=_alternatives("r", (_expand(r["pattern"], classes) for r in data["rewrites"])),
        rewrite_to=tuple(r["replace"] for r in data["rewrites"]),
        boundaries=re.compile(data["clause_boundaries"]),
        cues=_compile(negation["cues"], classes),
        not_cues=_compile(negation["not_cues"], classes),
        restart=_compile(negation["restart"], classes),
        joiners=re.compile(r"^(?:\s|(?:%s)(?![a-z0-9']))*$" % negation["list_joiners"]),
        window=int(negation["window"]),
        history=_compile(data["history_markers"], classes),
        resolved=_compile(data["resolved_markers"], classes),
        positional=_compile(data["positional_markers"], classes),
        hypothetical=_compile(data["hypothetical_markers"], classes),
        flag_levels={name: info["level"] for name, info in flags.items()},
        flag_topics={name: info["clarify"] for name, info in flags.items()},
        flag_order={name: index for index, name in enumerate(flags)},
        entries=entries,
        anchor_index=_AnchorIndex(entries),
        plural_legs=re.compile(r"(?<![a-z0-9'])(?:%s|both)(?![a-z0-9'])" % legs),
        left_leg=re.compile(r"(?<![a-z0-9'])left (?:%s|%s|side)(?![a-z0-9'])" % (leg1, legs)),
        right_leg=re.compile(r"(?<![a-z0-9'])right (?:%s|%s|side)(?![a-z0-9'])" % (leg1, legs)),
        explicit_side=re.compile(r"(?<![a-z0-9'])(?:left|right|one|the one|one side)(?![a-z0-9'])"),
    )


_VOCABULARIES: Dict[str, _Vocabulary] = {}
_LOADING = threading.Lock()


def _vocabulary(locale: str) -> _Vocabulary:
    # Any English locale shares the en-US vocabulary until it has its own file.
    found = _VOCABULARIES.get(locale or DEFAULT_LOCALE) or _VOCABULARIES.get(DEFAULT_LOCALE)
    if found is None:
        with _LOADING:
            found = _VOCABULARIES.get(DEFAULT_LOCALE)
            if found is None:
                found = _VOCABULARIES[DEFAULT_LOCALE] = _load(DEFAULT_LOCALE)
    return found


def flag_level(flag: str, locale: str = DEFAULT_LOCALE) -> str:
    """The level a red-flag id raises on its own ("none" for unknown ids)."""
    return _vocabulary(locale).flag_levels.get(flag, "none")


def known_flags(locale: str = DEFAULT_LOCALE) -> Tuple[str, ...]:
    return tuple(_vocabulary(locale).flag_levels)


# --------------------------------------------------------------------------- text

_CONTRACTION_TABLE: Tuple[Tuple[str, Optional[str]], ...] = (
    (r"can ?not|cant|couldn't|couldnt|could not|unable to|not able to", "can't"),
    (r"dont|do not", "don't"),
    (r"doesnt|does not", "doesn't"),
    (r"didnt|did not", "didn't"),
    (r"havent|have not", "haven't"),
    (r"hasnt|has not", "hasn't"),
    (r"isnt|is not", "isn't"),
    (r"arent|are not", "aren't"),
    (r"wasnt|was not", "wasn't"),
    (r"wont|will not", "won't"),
    (r"i'm|im", "i am"),
    (r"i've|ive", "i have"),
    (r"i'll", "i will"),
    (r"(?:you|we|they)'re", None),
    (r"(?:you|we|they)'ve", None),
)
class _Rules:
    """The regular expressions of normalize(), compiled on first use like the vocabulary."""

    def __init__(self) -> None:
        self.contractions = _alternatives("c", (p for p, _ in _CONTRACTION_TABLE))
        # "i'd peed" -> "i had peed", "i'd like" -> "i would like".
        self.apostrophe_d = re.compile(r"(?<![a-z0-9'])(i|you|we|they|he|she|it)'d ([a-z']+)")
        self.had_next = re.compile(r"(?:[a-z]+ed|been|gone|had|done|got|lost|fallen|wet|let|hurt|felt|fell|left)$")
        # "bum's gone numb" -> "bum is gone numb"; "it's" -> "it is".
        self.apostrophe_s = re.compile(r"(?<=[a-z])'s(?![a-z0-9'])")
        self.not_allowed = re.compile(r"[^a-z0-9'.,;:!? ]+")
        self.stray_apostrophe = re.compile(r"(?<![a-z])'|'(?![a-z])")
        self.word = re.compile(r"[^ ]+")
        self.space_before_punct = re.compile(r" ?([.,;:!?]+) ?")


_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'.,;:!? ")
_CLAUSE_PUNCTUATION = frozenset(".,;:!?")
# normalize() on ASCII text: what the replacements and `not_allowed` of the general
# path do, as one str.translate table.
_ASCII_TABLE = {code: " " for code in range(128) if chr(code) not in _ALLOWED}
_ASCII_TABLE.update({ord("`"): "'", ord("&"): " and "})

_RULES: List[_Rules] = []


def _rules() -> _Rules:
    if not _RULES:
        with _LOADING:
            if not _RULES:
                _RULES.append(_Rules())
    return _RULES[0]


def _contract(match: "re.Match[str]") -> str:
    replacement = _CONTRACTION_TABLE[int(match.lastgroup[1:])][1]
    if replacement is None:  # "you're" -> "you are", "we've" -> "we have"
        word, _, tail = match.group(0).partition("'")
        return "%s %s" % (word, "are" if tail == "re" else "have")
    return replacement


def _expand_d(match: "re.Match[str]") -> str:
    verb = match.group(2)
    return "%s %s %s" % (match.group(1), "had" if _rules().had_next.match(verb) else "would", verb)


def normalize(text: object, locale: str = DEFAULT_LOCALE) -> str:
    """Lower-case words, clause punctuation kept, contractions expanded, trimmed."""
    vocab = _vocabulary(locale)
    rules = _rules()
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = text[: vocab.max_chars * 4]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    if text.isascii():
        # One pass in C does the quotes, "&", "-", "_" and the characters not allowed.
        text = text.translate(_ASCII_TABLE)
    else:
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("\u02bc", "'")
        text = text.replace("&", " and ").replace("-", " ").replace("_", " ")
        text = rules.not_allowed.sub(" ", text)
    if "'" in text:
        text = rules.stray_apostrophe.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > vocab.max_chars:
        cut = text.rfind(" ", 0, vocab.max_chars)
        text = text[: cut if cut > 0 else vocab.max_chars]
    if not _CLAUSE_PUNCTUATION.isdisjoint(text):
        text = rules.space_before_punct.sub(r"\1 ", text).strip()
    text = vocab.rewrites.sub(lambda m: vocab.rewrite_to[int(m.lastgroup[1:])], text)
    text = rules.contractions.sub(_contract, text)
    # The two apostrophe rules, only where there is an apostrophe for them to read.
    if "'d " in text:
        text = rules.apostrophe_d.sub(_expand_d, text)
    if "'s" in text:
        text = rules.apostrophe_s.sub(" is", text)
    return " ".join(text.split())


def _clauses(text: str, vocab: _Vocabulary) -> List[str]:
    parts = vocab.boundaries.split(text)
    return [part.strip() for part in parts if part and part.strip()]


# --------------------------------------------------------------------------- matching


@dataclass
class _Hit:
    entry: _Entry
    start: int
    end: int
    text: str
    gap: str
    denied: bool = False


def _find_hits(clause: str, vocab: _Vocabulary) -> List[_Hit]:
    hits: List[_Hit] = []
    entries = vocab.entries
    for index, slots in vocab.anchor_index.candidates(clause):
        # Only the patterns with an anchor in the clause: the others cannot match.
        entry = entries[index]
        compiled = entry.compiled()
        sources, first_denied = compiled.sources, compiled.first_denied
        matches = [(slot >= first_denied, m) for slot in compiled.run_order if slot in slots
                   for m in sources[slot].finditer(clause)]
        if not matches or (compiled.unless is not None and compiled.unless.search(clause)):
            continue
        spans: List[Tuple[int, int]] = []
        for denied, m in matches:
            if denied:
                spans.append((m.start(), m.end()))
                hits.append(_Hit(entry, m.start(), m.end(), m.group(0), "", denied=True))
                continue
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
            gap = m.groupdict().get("gap") or ""
            hits.append(_Hit(entry, m.start(), m.end(), m.group(0), gap))
    if any(not hit.entry.fallback for hit in hits):
        hits = [hit for hit in hits if not hit.entry.fallback]
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    return hits


def _has_cue(text: str, vocab: _Vocabulary) -> bool:
    for m in vocab.cues.finditer(text):
        if not any(n.start() <= m.start() < n.end() for n in vocab.not_cues.finditer(text)):
            return True
    return False


def _negated(hit: _Hit, clause: str, hits: Sequence[_Hit], vocab: _Vocabulary) -> bool:
    if hit.denied:
        return True
    if hit.gap and _has_cue(hit.gap, vocab):
        return True
    starts = [m.start() for m in _rules().word.finditer(clause, 0, hit.start)]
    if not starts:
        return False
    window_start = starts[-vocab.window] if len(starts) >= vocab.window else 0
    cues = list(vocab.cues.finditer(clause, window_start, hit.start))
    if not cues:
        return False
    not_spans = [(n.start(), n.end()) for n in vocab.not_cues.finditer(clause)]
    cue_end = -1
    for m in cues:
        if any(s <= m.start() < e for s, e in not_spans):
            continue
        cue_end = m.end()
    if cue_end < 0:
        return False
    between_start = cue_end
    others = [h for h in hits if h is not hit and h.start >= cue_end and h.end <= hit.start]
    if others:
        # "no numbness or tingling in my legs": a cue carries across a list, not a new clause.
        last = max(others, key=lambda h: h.end)
        if not vocab.joiners.match(clause[last.end: hit.start]):
            return False
        between_start = min(h.start for h in others)
        between = clause[cue_end:between_start]
    else:
        between = clause[between_start: hit.start]
    return not vocab.restart.search(between)


def _side_is_both(hit: _Hit, vocab: _Vocabulary) -> bool:
    return bool(vocab.plural_legs.search(hit.text))


# --------------------------------------------------------------------------- assess


def assess(text: str, slot_ids: Iterable[str] = (), locale: str = DEFAULT_LOCALE) -> Assessment:
    """Triage one utterance (or slot value). Never raises; empty or unreadable input is "none"."""
    try:
        return _assess(text, slot_ids, locale)
    except Exception:  # pragma: no cover - a safety check must not take the skill down
        return Assessment(level="clarify", clarify="general")


def _assess(text: object, slot_ids: Iterable[str], locale: str) -> Assessment:
    vocab = _vocabulary(locale)
    normalized = normalize(text, locale)
    raised: Dict[str, str] = {}  # flag -> level
    near: Dict[str, int] = {}  # flag or topic -> rank of what it could have been
    topics: List[Tuple[int, str]] = []  # (rank, clarify topic)
    unsided_leg = False  # a leg symptom with no side given: "one leg or both?" could raise it

    clauses = _clauses(normalized, vocab) if normalized else []
    clause_hits = [_find_hits(clause, vocab) for clause in clauses]
    for index, (clause, hits) in enumerate(zip(clauses, clause_hits)):
        if not hits:
            continue
        # A following clause with no symptom of its own can qualify this one:
        # "I wet myself, but that was years ago" / "... but it's fine now".
        following = ""
        if index + 1 < len(clauses) and not clause_hits[index + 1]:
            following = clauses[index + 1]
        # Each marker is looked for only if an entry found here can be set aside by it.
        history = any(hit.entry.history for hit in hits) and bool(
            vocab.history.search(clause) or (following and vocab.history.search(following)))
        resolved = any(hit.entry.resolvable for hit in hits) and bool(
            vocab.resolved.search(clause)
            or vocab.positional.search(clause)
            or (following and (vocab.resolved.search(following) or vocab.positional.search(following)))
        )
        hypo = vocab.hypothetical.search(clause)
        for hit in hits:
            entry = hit.entry
            setting_aside = (
                _negated(hit, clause, hits, vocab)
                or (entry.history and history)
                or (entry.resolvable and resolved)
                or (hypo is not None and hypo.start() <= hit.start)
            )
            both = entry.sided and _side_is_both(hit, vocab)
            if entry.flag is None:
                topics.append((_RANK["clarify"], entry.clarify))
                continue
            flag_rank = _RANK[entry.level]
            if both:
                flag_rank = _RANK["emergency"]
            if setting_aside:
                name = "both_legs" if both else entry.flag
                near[name] = max(near.get(name, 0), flag_rank)
                topics.append((flag_rank, entry.clarify))
                continue
            if both:
                raised["both_legs"] = "emergency"
                if entry.flag != "one_leg":
                    raised[entry.flag] = max_level(raised.get(entry.flag, "none"), entry.level)
            else:
                raised[entry.flag] = max_level(raised.get(entry.flag, "none"), entry.level)
                if entry.flag == "one_leg" and not vocab.explicit_side.search(clause):
                    unsided_leg = True

    # "numbness in my left leg and tingling in my right foot" is both legs.
    if ("one_leg" in raised or "leg_weakness" in raised) and vocab.left_leg.search(normalized) and vocab.right_leg.search(normalized):
        raised.pop("one_leg", None)
        raised["both_legs"] = "emergency"

    for slot_id in slot_ids or ():
        if not isinstance(slot_id, str):
            continue
        level = vocab.flag_levels.get(slot_id)
        if level is None or slot_id in near:
            # Words beat a resolved id: "no leg pain" may still resolve to one_leg.
            continue
        raised[slot_id] = max_level(raised.get(slot_id, "none"), level)

    if "both_legs" in raised:
        raised.pop("one_leg", None)
    if any(f in raised for f in ("both_legs", "sudden_weakness", "foot_drop", "cannot_walk")):
        # Weakness that is sudden, bilateral or a foot drop is already the emergency.
        raised.pop("leg_weakness", None)

    level = "none"
    for flag_value in raised.values():
        level = max_level(level, flag_value)
    if level == "none" and (near or topics):
        level = "clarify"

    flags = tuple(
        sorted(raised, key=lambda f: (-_RANK[raised[f]], vocab.flag_order.get(f, 99)))
    )
    near_misses = tuple(
        sorted((f for f in near if f not in raised), key=lambda f: (-near[f], vocab.flag_order.get(f, 99)))
    )

    clarify: Optional[str] = None
    if level == "clarify":
        clarify = _best_topic(topics)
    elif level in ("doctor", "urgent"):
        higher = [(rank, topic) for rank, topic in topics if rank > _RANK[level]]
        if higher:
            clarify = _best_topic(higher)
        elif "leg_weakness" in raised:
            clarify = "weakness"  # sudden or getting worse would make it an emergency
        elif unsided_leg and "one_leg" in raised:
            clarify = "legs"
    return Assessment(level=level, flags=flags, clarify=clarify, near_misses=near_misses)


def _best_topic(topics: Sequence[Tuple[int, str]]) -> str:
    if not topics:
        return "general"
    best_rank = max(rank for rank, _ in topics)
    candidates = [topic for rank, topic in topics if rank == best_rank]
    return min(candidates, key=lambda t: _TOPIC_ORDER.index(t) if t in _TOPIC_ORDER else len(_TOPIC_ORDER))
