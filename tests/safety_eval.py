"""Does the skill route red flags however they are said? Labelled phrases through the simulator.

Issue 13's measurement: every labelled row is said by a new simulated user through
`spasm_coach_tools.simulator.Conversation` (what `spasm-coach simulate` runs: the model's
hearing, full envelopes, the real `lambda_handler` path) in two contexts, and, beside
that, given to `triage.assess` alone:

- one_shot: "ask back spasm coach <text>", a new session whose first request carries the
  words (the simulator's NLU tries the words as said, and without a leading connector
  such as "to" or "that", as Alexa does);
- mid_routine: "open back spasm coach", "start stretches", "no" to each safety question
  until the routine is running (read from the session, at most MAX_SETUP_ANSWERS answers,
  otherwise a harness error), "next" once, then the words. The way into the routine is the
  same for every row, so it is walked once per locale and hearing and each row says its
  words in a copy of the session it left.

Both contexts are run in each of the simulator's hearings: `strict` (the model's samples as
written, the columns one_shot and mid_routine) and `approximate` (also a classifier trained
on the model: the columns one_shot/approximate and mid_routine/approximate).

The level reached is read from what Alexa keeps of the answer (`level_reached`):
- the session attribute `safety` (the simulator's `safety` report field) gives doctor,
  urgent or emergency; an emergency also ends the session: `safety` = emergency with the
  session left open counts as urgent and is listed as an anomaly;
- otherwise, a safety question left waiting for an answer (the session's `pending` names
  a safety question of the skill's registry) is "clarify";
- otherwise "none". A skill error (the simulator's `error` field) is "none", and listed.

Where a safety question was left waiting, the simulated person then says "yes" to it, and the
level reached after that is reported beside the targets' figures (never in them): red flags
"routed or asked the right question" (routed at once, or by that "yes"), and benign phrases
asked a question. The targets count what the phrase alone reached. A question that a yes does
not answer ("where is it: one leg, both legs, or around your bottom?") is asked again, so a red
flag that lands there counts as not routed.

Rows are JSON Lines: text, level, and optionally accept, flags, clarify, category,
speaker, asr, locale. A row with a locale is said in that locale, through its interaction
model and with the skill answering in it, when the project has a model for it; any other
row is said in en-US (DEFAULT_LOCALE). Figures are given per locale too. `accept` lists every acceptable level; without it, a red flag accepts its
level and every higher one, a near miss or benign row every level below doctor. A red-flag
row is met when the level reached is at or above the lowest red-flag level it accepts;
a near miss or benign row when the level reached is one it accepts.

    .venv/bin/python tests/safety_eval.py [FILE.jsonl ...]      # default: dev sets + sealed sets
    make safety-report
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "lambda") not in sys.path:
    sys.path.insert(0, str(ROOT / "lambda"))

DATA = ROOT / "tests" / "data"
DEV_SET = DATA / "triage_en-US.jsonl"
# Development sets: written from public NHS, charity and patient material and everyday speech
# by people who had not seen the vocabulary (December 2026). A and B were sealed until the
# fresh sealed set D was written, D until set E was, E until set F was, F until set G was, G
# until set H was, H until set I was, I until set J was, J until set K was, K until set L was,
# L until set M was (all 2026-12-02), M until set N was, N until set O was, O until set P was, P until set Q
# was, Q until set R was, R until set S was and S until set U was (2026-12-03); C was a development set from the start. All nineteen are learnt from, so
# they are reported (rows quoted, misses listable) but their figures are no measure of
# phrasings nobody wrote down yet, and they are not held to the targets.
DEV_SETS_WRITTEN = tuple(DATA / ("devset-%s.en.jsonl" % name) for name in "abcdefghijklmnopqrs")
SEALED_GLOB = "sealed/redflags-*.jsonl"  # sealed/ also holds sets of other kinds (requests)

LEVELS = ("none", "clarify", "doctor", "urgent", "emergency")
RED_FLAG_LEVELS = ("doctor", "urgent", "emergency")
RANK = {level: index for index, level in enumerate(LEVELS)}
FALLBACK = "AMAZON.FallbackIntent"

TRIAGE = "triage"  # triage.assess on the text alone
ONE_SHOT, MID_ROUTINE = "one_shot", "mid_routine"
CONTEXTS = (ONE_SHOT, MID_ROUTINE)
HEARINGS = ("strict", "approximate")


def column(context: str, hearing: str = "strict") -> str:
    """The report's column for a context in a hearing: the strict hearing's keep their names."""
    return context if hearing == "strict" else "%s/%s" % (context, hearing)


COLUMNS = tuple(column(c, h) for h in HEARINGS for c in CONTEXTS)

# Issue 13's targets, per set and context (fractions).
EMERGENCY_RECALL_MIN = 1.00
URGENT_RECALL_MIN = 1.00
DOCTOR_RECALL_MIN = 0.95
BENIGN_FALSE_ALARM_MAX = 0.02
# A hard floor under the 2% target while it is open (fresh sealed sets have measured 6%): a
# triage that alarms on ordinary talk fails the run at once, whatever the recall.
BENIGN_FALSE_ALARM_GUARD = 0.10
FALLBACK_SHARE_BELOW = 0.03  # of red-flag phrasings; strictly below
VIRTUAL_ALEXA_ROUTED_MIN = 0.80  # red flags routed at their level, heard by virtual-alexa

DEFAULT_LOCALE = "en-US"  # rows without a locale, or with one the project has no model for

START_STRETCHES = ("open back spasm coach", "start stretches")
MAX_SETUP_ANSWERS = 3  # "no" to at most this many safety questions before the routine runs
NOW = "2026-12-01T09:00:00Z"


# --- rows ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    text: str
    level: str
    accept: Tuple[str, ...]
    category: str = "?"
    speaker: str = "?"
    asr: bool = False
    flags: Tuple[str, ...] = ()
    clarify: Optional[str] = None
    line: int = 0
    locale: Optional[str] = None  # the locale it is said in, when the set gives one

    @property
    def kind(self) -> str:
        """red_flag, near_miss or benign."""
        if self.level in RED_FLAG_LEVELS:
            return "red_flag"
        return "near_miss" if self.level == "clarify" else "benign"

    @property
    def required(self) -> Optional[str]:
        """For a red flag, the lowest red-flag level it accepts."""
        if self.kind != "red_flag":
            return None
        return min((lvl for lvl in self.accept if lvl in RED_FLAG_LEVELS), key=RANK.__getitem__)

    def met(self, reached: str) -> bool:
        if self.kind == "red_flag":
            return RANK[reached] >= RANK[self.required]
        return reached in self.accept


def derived_accept(level: str) -> Tuple[str, ...]:
    if level in RED_FLAG_LEVELS:
        return LEVELS[RANK[level]:]
    return ("none", "clarify")


def row_from(raw: Mapping[str, Any], line: int = 0) -> Row:
    level = raw["level"]
    if level not in LEVELS:
        raise ValueError("unknown level %r" % level)
    given = raw.get("accept")
    # The dev set lists only the levels accepted besides its own (foot drop: "urgent").
    accept = set(derived_accept(level) if given is None else list(given) + [level])
    if not accept <= set(LEVELS):
        raise ValueError("unknown accepted level(s) %s" % sorted(accept - set(LEVELS)))
    if level in RED_FLAG_LEVELS:  # above an accepted red-flag level is accepted too
        floor = min(RANK[lvl] for lvl in accept if lvl in RED_FLAG_LEVELS)
        accept |= set(LEVELS[floor:])
    return Row(text=str(raw["text"]), level=level, accept=tuple(l for l in LEVELS if l in accept),
               category=str(raw.get("category") or "?"), speaker=str(raw.get("speaker") or "?"),
               asr=bool(raw.get("asr")), flags=tuple(raw.get("flags") or ()),
               clarify=raw.get("clarify"), line=line, locale=raw.get("locale") or None)


def load_rows(path: Path, make: Optional[Callable[[Mapping[str, Any], int], Any]] = None) -> List[Any]:
    """The rows of a JSON Lines set, each made by `make` (default row_from) from its object and
    line number; a row it cannot make stops the load, naming the line."""
    make = make or row_from
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(make(json.loads(line), number))
            except (ValueError, KeyError, TypeError) as problem:
                raise ValueError("%s:%d: %s" % (path, number, problem)) from None
    return rows


def set_name(path: Path) -> str:
    try:
        name = str(Path(path).resolve().relative_to(DATA))
    except ValueError:
        name = str(path)
    return name[:-len(".jsonl")] if name.endswith(".jsonl") else name


def is_sealed(path: Path) -> bool:
    """Sealed sets are measured, never quoted: reports name their rows by line number."""
    return Path(path).resolve().parent == (DATA / "sealed").resolve()


def default_sets() -> List[Path]:
    """The dev sets, then every sealed red-flag set."""
    return [DEV_SET] + list(DEV_SETS_WRITTEN) + sealed_sets()


# `make test` measures the sets the targets are checked on; `make dev-report` sets this to also
# put the written development sets through the same tests (the simulator and virtual-alexa),
# reported beside them. They are learnt from, so they measure nothing the targets ask about.
WITH_DEV_SETS = os.environ.get("SPASM_COACH_DEV_SETS") == "1"


def tested_sets() -> List[Path]:
    """The sets the test run puts through the simulator: the targets' sets, and the written
    development sets too under WITH_DEV_SETS."""
    return [DEV_SET] + (list(DEV_SETS_WRITTEN) if WITH_DEV_SETS else []) + sealed_sets()


def sealed_sets() -> List[Path]:
    return sorted(DATA.glob(SEALED_GLOB))


def target_sets() -> List[Path]:
    """The sets issue 13's targets are checked on: the labelled set and every sealed set
    (the written development sets are reported beside them, not held to the targets)."""
    return [DEV_SET] + sealed_sets()


# --- reading what the skill did ----------------------------------------------------------------

def safety_question_ids() -> frozenset:
    """Ids of the skill's safety questions, as the session's `pending` names them.

    Main's question registry (spasm_coach.questions) where it exists, else the older
    handlers.safety table.
    """
    try:
        from spasm_coach import questions  # type: ignore[attr-defined]
        return frozenset(q.id for q in questions.QUESTIONS.values() if getattr(q, "safety", False))
    except ImportError:
        from spasm_coach.handlers import safety
        return frozenset(getattr(safety, "SAFETY_QUESTIONS", ()))


@dataclass
class Outcome:
    level: str
    intent: Optional[str] = None
    fallback: bool = False
    problem: Optional[str] = None  # a skill error or anomaly (the row still counts)
    harness: Optional[str] = None  # the row could not be put to the skill as intended
    locale: str = DEFAULT_LOCALE  # the locale it was said in
    after_yes: Optional[str] = None  # the level a "yes" to the safety question asked reached


def level_reached(report: Mapping[str, Any], attributes: Optional[Mapping[str, Any]],
                  questions: frozenset) -> Tuple[str, Optional[str]]:
    """(level, anomaly) from a simulator report and the session attributes after it
    (None when the session is over). See the module docstring."""
    if report.get("error"):
        return "none", "skill error: %s" % report["error"]
    safety = report.get("safety")
    if safety == "emergency":
        if report.get("end_session") is True:
            return "emergency", None
        return "urgent", "emergency advice but the session stayed open"
    if safety in RED_FLAG_LEVELS:
        return safety, None
    if attributes is not None and attributes.get("pending") in questions:
        return "clarify", None
    return "none", None


def routine_running(attributes: Optional[Mapping[str, Any]]) -> bool:
    routine = (attributes or {}).get("routine")
    return isinstance(routine, dict) and routine.get("status") == "active"


def routine_position(attributes: Optional[Mapping[str, Any]]) -> Tuple[Any, Any, Any]:
    routine = (attributes or {}).get("routine") or {}
    return routine.get("step"), routine.get("part"), routine.get("stage")


# --- the simulator -----------------------------------------------------------------------------

class SimulatedAlexa:
    """One skill and one compiled model, shared by every row; a new user for each row."""

    def __init__(self, handler: Optional[Callable] = None, locale: str = DEFAULT_LOCALE, hearing: str = "strict"):
        from spasm_coach.config import Settings
        from spasm_coach_tools.simulator.conversation import skill_handler
        from spasm_coach_tools.simulator.nlu import load_nlu, model_path
        # Nothing outlives the session: each row is a new user anyway.
        self.handler = handler or skill_handler(Settings(store="session"))
        self.locale = locale
        self.hearing = hearing
        self.nlu = load_nlu(model_path(locale), hearing=hearing)
        self.invocation = self.nlu.invocation_name
        self.questions = safety_question_ids()
        self._under_way: Optional[Tuple[Optional[str], Any]] = None

    def conversation(self):
        from spasm_coach_tools.simulator.conversation import Conversation
        return Conversation(self.handler, locale=self.locale, nlu=self.nlu, now=NOW,
                            user_id="safety-eval-" + uuid.uuid4().hex)

    @staticmethod
    def attributes(conversation) -> Optional[Dict[str, Any]]:
        return conversation.session.info.attributes if conversation.session is not None else None

    def outcome(self, conversation, reports: List[Dict[str, Any]]) -> Outcome:
        """What came of the phrase: its request (an IntentRequest, or a LaunchRequest when
        the words were only the invocation) is the first report."""
        if not reports:
            return Outcome("none", harness="nothing was sent for the phrase")
        report = reports[0]
        level, problem = level_reached(report, self.attributes(conversation), self.questions)
        outcome = Outcome(level, report.get("intent"), report.get("intent") == FALLBACK, problem)
        if level == "clarify":
            answered = conversation.say("yes")
            outcome.after_yes = level_reached(answered[0], self.attributes(conversation), self.questions)[0] \
                if answered else "clarify"
        return outcome

    def one_shot(self, text: str) -> Outcome:
        conversation = self.conversation()
        return self.outcome(conversation, conversation.say("ask %s %s" % (self.invocation, text)))

    def into_routine(self, conversation) -> Optional[str]:
        """Open the skill and start the routine, answering "no" to safety questions; a
        harness problem, or None once the routine is running and has moved on once."""
        for line in START_STRETCHES:
            conversation.say(line)
        for _ in range(MAX_SETUP_ANSWERS + 1):
            attributes = self.attributes(conversation)
            if attributes is None:
                return "the session ended before the routine started"
            if attributes.get("safety") not in (None, "none"):
                return "the setup raised the level to %s" % attributes["safety"]
            if routine_running(attributes) and attributes.get("pending") not in self.questions:
                break
            if attributes.get("pending") not in self.questions:
                return "the routine did not start (pending %r)" % attributes.get("pending")
            conversation.say("no")
        else:
            return "the routine did not start after %d answers" % MAX_SETUP_ANSWERS
        if (self.attributes(conversation).get("routine") or {}).get("stage") == "caution":
            conversation.say("no")  # the first stretch's caution: on to its set-up
        before = routine_position(self.attributes(conversation))
        conversation.say("next")
        attributes = self.attributes(conversation)
        if not routine_running(attributes) or routine_position(attributes) == before:
            return "\"next\" did not move the routine on"
        return None

    def routine_under_way(self) -> Tuple[Optional[str], Any]:
        """(harness problem, the open session) once the routine is running and has moved on
        once. The way there is the same for every row (the same words, the same simulated
        clock, nothing kept beyond the session), so it is walked once and each row starts
        from a copy of the session it left."""
        if self._under_way is None:
            conversation = self.conversation()
            problem = self.into_routine(conversation)
            self._under_way = (problem, None if problem else conversation.session)
        return self._under_way

    def mid_routine(self, text: str) -> Outcome:
        problem, session = self.routine_under_way()
        if problem:
            return Outcome("none", harness=problem)
        conversation = self.conversation()
        conversation.session = copy.deepcopy(session)
        return self.outcome(conversation, conversation.say(text))

    def run(self, context: str, text: str) -> Outcome:
        outcome = {ONE_SHOT: self.one_shot, MID_ROUTINE: self.mid_routine}[context](text)
        outcome.locale = self.locale
        return outcome


class Locales:
    """A SimulatedAlexa for each locale with an interaction model, made when first needed,
    all on one skill; a row is said in its own locale where there is a model for it."""

    def __init__(self, first: Optional[SimulatedAlexa] = None, hearing: str = "strict",
                 handler: Optional[Callable] = None):
        from spasm_coach_tools.simulator.nlu import model_locales
        self.models = frozenset(model_locales())
        self.hearing = hearing
        self.handler = handler
        self.alexas: Dict[str, SimulatedAlexa] = {}
        if first is not None:
            self.alexas[first.locale] = first

    def locale_of(self, row: Row) -> str:
        return row.locale if row.locale in self.models else DEFAULT_LOCALE

    def alexa(self, locale: str) -> SimulatedAlexa:
        if locale not in self.alexas:
            handler = next(iter(self.alexas.values())).handler if self.alexas else self.handler
            self.alexas[locale] = SimulatedAlexa(handler, locale, self.hearing)
            self.handler = self.alexas[locale].handler
        return self.alexas[locale]

    def run(self, context: str, row: Row) -> Outcome:
        return self.alexa(self.locale_of(row)).run(context, row.text)


def triage_outcome(text: str, locale: str = DEFAULT_LOCALE) -> Outcome:
    from spasm_coach import triage
    try:
        return Outcome(triage.assess(text, locale=locale).level, locale=locale)
    except Exception as raised:  # a broken triage is a finding, not a crash of the report
        return Outcome("none", problem="triage raised %s" % type(raised).__name__, locale=locale)


# --- figures -------------------------------------------------------------------------------

@dataclass
class Count:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(ok)
        self.total += 1

    @property
    def share(self) -> Optional[float]:
        return self.hit / self.total if self.total else None

    def to_dict(self) -> Dict[str, Any]:
        return {"hit": self.hit, "total": self.total, "share": self.share}


@dataclass
class Figures:
    """One set in one context."""

    recall: Dict[str, Count] = field(default_factory=lambda: OrderedDict((lvl, Count()) for lvl in RED_FLAG_LEVELS + ("all",)))
    by_category: Dict[str, Count] = field(default_factory=dict)   # rows met, every kind
    by_speaker: Dict[str, Count] = field(default_factory=dict)    # red flags routed
    by_locale: Dict[str, Count] = field(default_factory=dict)     # red flags routed, by the locale said in
    fallback_by_locale: Dict[str, Count] = field(default_factory=dict)  # red flags heard as FallbackIntent
    alarms_by_locale: Dict[str, Count] = field(default_factory=dict)    # benign and near misses at a red-flag level
    asr: Count = field(default_factory=Count)                     # red flags routed, asr rows
    benign_false_alarms: Count = field(default_factory=Count)     # benign at doctor or higher
    near_miss_outside: Count = field(default_factory=Count)       # near misses outside accept
    near_miss_alarms: Count = field(default_factory=Count)        # ... at an unaccepted red-flag level
    fallback: Count = field(default_factory=Count)                # red flags heard as FallbackIntent
    under_triage: Count = field(default_factory=Count)            # red flags routed below the level
    routed_or_asked: Count = field(default_factory=Count)  # red flags routed, or by a "yes" to the question asked
    benign_asked: Count = field(default_factory=Count)     # benign phrases asked a safety question
    levels: Dict[str, Dict[str, int]] = field(default_factory=dict)  # kind -> level reached -> n
    misses: List[Dict[str, Any]] = field(default_factory=list)
    missed_by_intent: Dict[str, int] = field(default_factory=dict)  # red flags not routed at their level
    outcomes: List[Dict[str, Any]] = field(default_factory=list)    # every row, by line number
    problems: List[str] = field(default_factory=list)
    harness_errors: List[str] = field(default_factory=list)
    seconds: float = 0.0
    quote: bool = True  # False for sealed sets: rows are named by line number only

    def name(self, row: Row) -> str:
        return "line %d %r" % (row.line, row.text) if self.quote else "line %d (%s)" % (row.line, row.category)

    def add(self, row: Row, outcome: Outcome) -> None:
        if outcome.harness:
            self.harness_errors.append("%s: %s" % (self.name(row), outcome.harness))
            return
        if outcome.problem:
            self.problems.append("%s: %s" % (self.name(row), outcome.problem))
        reached = outcome.level
        ok = row.met(reached)
        kinds = self.levels.setdefault(row.kind, {})
        kinds[reached] = kinds.get(reached, 0) + 1
        self.by_category.setdefault(row.category, Count()).add(ok)
        if row.kind == "red_flag":
            self.recall[row.level].add(ok)
            self.recall["all"].add(ok)
            self.by_speaker.setdefault(row.speaker, Count()).add(ok)
            self.by_locale.setdefault(outcome.locale, Count()).add(ok)
            self.fallback_by_locale.setdefault(outcome.locale, Count()).add(outcome.fallback)
            if row.asr:
                self.asr.add(ok)
            self.fallback.add(outcome.fallback)
            self.under_triage.add(not ok and reached in RED_FLAG_LEVELS)
            self.routed_or_asked.add(ok or (outcome.after_yes is not None and row.met(outcome.after_yes)))
        else:
            self.alarms_by_locale.setdefault(outcome.locale, Count()).add(not ok and reached in RED_FLAG_LEVELS)
            if row.kind == "benign":
                self.benign_false_alarms.add(RANK[reached] >= RANK["doctor"])
                self.benign_asked.add(reached == "clarify")
            else:
                self.near_miss_outside.add(not ok)
                self.near_miss_alarms.add(not ok and reached in RED_FLAG_LEVELS)
        self.outcomes.append({"line": row.line, "intent": outcome.intent, "fallback": outcome.fallback,
                              "level": reached, "met": ok})
        if not ok and row.kind == "red_flag":
            heard = outcome.intent or "(no intent)"
            self.missed_by_intent[heard] = self.missed_by_intent.get(heard, 0) + 1
        if not ok:
            self.misses.append({"row": self.name(row), "expected": row.level, "reached": reached,
                                "intent": outcome.intent})

    def to_dict(self) -> Dict[str, Any]:
        return {
            "recall": {lvl: c.to_dict() for lvl, c in self.recall.items()},
            "by_category": {k: c.to_dict() for k, c in sorted(self.by_category.items())},
            "by_speaker": {k: c.to_dict() for k, c in sorted(self.by_speaker.items())},
            "by_locale": {k: c.to_dict() for k, c in sorted(self.by_locale.items())},
            "fallback_by_locale": {k: c.to_dict() for k, c in sorted(self.fallback_by_locale.items())},
            "alarms_by_locale": {k: c.to_dict() for k, c in sorted(self.alarms_by_locale.items())},
            "asr": self.asr.to_dict(),
            "benign_false_alarms": self.benign_false_alarms.to_dict(),
            "near_miss_outside_accept": self.near_miss_outside.to_dict(),
            "near_miss_alarms": self.near_miss_alarms.to_dict(),
            "fallback": self.fallback.to_dict(),
            "under_triage": self.under_triage.to_dict(),
            "routed_or_asked": self.routed_or_asked.to_dict(),
            "benign_asked": self.benign_asked.to_dict(),
            "levels": self.levels,
            "misses": self.misses,
            "missed_by_intent": dict(sorted(self.missed_by_intent.items(), key=lambda item: -item[1])),
            "outcomes": self.outcomes,
            "problems": self.problems,
            "harness_errors": self.harness_errors,
            "seconds": round(self.seconds, 2),
        }


def figures_for(rows: Sequence[Row], outcomes: Iterable[Outcome], quote: bool = True) -> Figures:
    figures = Figures(quote=quote)
    for row, outcome in zip(rows, outcomes):
        figures.add(row, outcome)
    return figures


# --- targets -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    below: bool  # the figure must stay below (or at most) the limit, rather than reach it
    strict: bool = False
    measure: Callable[[Mapping[str, Any]], Optional[float]] = lambda figures: None

    def check(self, figures: Mapping[str, Any]) -> Tuple[bool, Optional[float]]:
        value = self.measure(figures)
        if value is None:  # no rows of that kind in the set: nothing to miss
            return True, None
        if self.below:
            return (value < self.limit if self.strict else value <= self.limit), value
        return value >= self.limit, value

    def describe(self) -> str:
        return "%s %s %g%%" % (self.name, ("<" if self.strict else "<=") if self.below else ">=",
                               100 * self.limit)


TARGETS = (
    Target("emergency recall", EMERGENCY_RECALL_MIN, below=False,
           measure=lambda f: f["recall"]["emergency"]["share"]),
    Target("urgent recall", URGENT_RECALL_MIN, below=False,
           measure=lambda f: f["recall"]["urgent"]["share"]),
    Target("doctor recall", DOCTOR_RECALL_MIN, below=False,
           measure=lambda f: f["recall"]["doctor"]["share"]),
    Target("benign false alarms", BENIGN_FALSE_ALARM_MAX, below=True,
           measure=lambda f: f["benign_false_alarms"]["share"]),
    Target("benign false alarms (guard)", BENIGN_FALSE_ALARM_GUARD, below=True,
           measure=lambda f: f["benign_false_alarms"]["share"]),
    Target("red flags heard as FallbackIntent", FALLBACK_SHARE_BELOW, below=True, strict=True,
           measure=lambda f: f["fallback"]["share"]),
)
VIRTUAL_ALEXA_COLUMNS = ("virtual_alexa", "virtual_alexa/approximate")
VIRTUAL_ALEXA_TARGET = Target("red flags routed (virtual-alexa)", VIRTUAL_ALEXA_ROUTED_MIN, below=False,
                              measure=lambda f: f["recall"]["all"]["share"])
# Targets issue 13 has not reached yet. A miss of one of these is reported as an expected
# failure, with its figure, so the suite can land while the issue is open; a target
# reached passes, and every other target (the false-alarm guard) fails the run when missed.
# Empty this once they are met: the figures, not this list, say where the work stands.
NOT_YET_MET = frozenset({"emergency recall", "urgent recall", "doctor recall", "benign false alarms",
                         "red flags heard as FallbackIntent", "red flags routed (virtual-alexa)"})
OPEN_ISSUE = "issue 13 is open: %s, measured %.1f%% (see the figures in the run's summary)"


def assert_target(target: Target, figures: Mapping[str, Any], where: str) -> None:
    """Assert one target; a miss of a target not yet met is an expected failure."""
    import pytest
    met, value = target.check(figures)
    if not met and target.name in NOT_YET_MET:
        pytest.xfail(OPEN_ISSUE % (target.describe(), 100 * value))
    assert met, "%s: %s, measured %.1f%%" % (where, target.describe(), 100 * (value or 0))


# --- running -----------------------------------------------------------------------------------

def evaluate(paths: Optional[Sequence[Path]] = None, contexts: Sequence[str] = CONTEXTS,
             alexa: Optional[SimulatedAlexa] = None, hearings: Sequence[str] = HEARINGS) -> Dict[str, Dict[str, Any]]:
    """{set name: {"rows": {...}, "triage": figures, "one_shot": ..., "mid_routine": ...,
    "one_shot/approximate": ..., ...}}: every context in every hearing (see column())."""
    handler = alexa.handler if alexa is not None else None
    locales = {h: Locales(alexa if alexa is not None and alexa.hearing == h else None, hearing=h, handler=handler)
               for h in hearings}
    any_locales = next(iter(locales.values()))
    report: Dict[str, Dict[str, Any]] = OrderedDict()
    for path in paths or default_sets():
        rows = load_rows(Path(path))
        entry: Dict[str, Any] = {"rows": {kind: sum(r.kind == kind for r in rows)
                                          for kind in ("red_flag", "near_miss", "benign")}}
        runs = [(TRIAGE, None, TRIAGE)] + [(column(c, h), h, c) for h in hearings for c in contexts]
        for name, hearing, context in runs:
            started = time.perf_counter()
            if hearing is None:
                outcomes = [triage_outcome(row.text, any_locales.locale_of(row)) for row in rows]
            else:
                outcomes = [locales[hearing].run(context, row) for row in rows]
            figures = figures_for(rows, outcomes, quote=not is_sealed(Path(path)))
            figures.seconds = time.perf_counter() - started
            entry[name] = figures.to_dict()
        report[set_name(Path(path))] = entry
    return report


# --- printing ----------------------------------------------------------------------------------

def cell(count: Mapping[str, Any]) -> str:
    if not count or not count.get("total"):
        return "-"
    return "%d/%d %5.1f%%" % (count["hit"], count["total"], 100.0 * count["share"])


def _table(title: str, columns: Sequence[str], lines: List[Tuple[str, List[Mapping[str, Any]]]]) -> List[str]:
    width = max([len(label) for label, _ in lines] + [len(title)])
    sizes = [max(18, len(c) + 2) for c in columns]
    out = ["  %-*s  %s" % (width, title, "".join("%-*s" % (n, c) for n, c in zip(sizes, columns)))]
    for label, counts in lines:
        out.append("  %-*s  %s" % (width, label, "".join("%-*s" % (n, cell(c)) for n, c in zip(sizes, counts))))
    return out


def format_set(name: str, entry: Mapping[str, Any], show_misses: int = 0) -> str:
    columns = [c for c in (TRIAGE,) + COLUMNS + VIRTUAL_ALEXA_COLUMNS if c in entry]
    figures = [entry[c] for c in columns]
    rows = entry["rows"]
    out = ["== %s: %d red flags, %d near misses, %d benign ==" % (name, rows["red_flag"], rows["near_miss"], rows["benign"])]
    lines: List[Tuple[str, List[Mapping[str, Any]]]] = []
    for level in RED_FLAG_LEVELS[::-1] + ("all",):
        lines.append(("recall %s" % level, [f["recall"][level] for f in figures]))
    lines.append(("FallbackIntent (red flags)", [f["fallback"] for f in figures]))
    lines.append(("under-triage (red flags)", [f["under_triage"] for f in figures]))
    lines.append(("routed or asked, then yes", [f.get("routed_or_asked", {}) for f in figures]))
    lines.append(("false alarms (benign)", [f["benign_false_alarms"] for f in figures]))
    lines.append(("benign asked a question", [f.get("benign_asked", {}) for f in figures]))
    lines.append(("near misses outside accept", [f["near_miss_outside_accept"] for f in figures]))
    lines.append(("  of which alarms", [f["near_miss_alarms"] for f in figures]))
    lines.append(("asr rows routed", [f["asr"] for f in figures]))
    locales = sorted({k for f in figures for k in f.get("by_locale", {})})
    if len(locales) > 1:
        for locale in locales:
            lines.append(("locale %s routed" % locale, [f["by_locale"].get(locale, {}) for f in figures]))
            lines.append(("locale %s FallbackIntent" % locale, [f["fallback_by_locale"].get(locale, {}) for f in figures]))
            lines.append(("locale %s alarms (not red flags)" % locale,
                          [f["alarms_by_locale"].get(locale, {}) for f in figures]))
    speakers = sorted({k for f in figures for k in f["by_speaker"]} - {"?"})  # "?": none given
    for speaker in speakers:
        lines.append(("speaker %s" % speaker, [f["by_speaker"].get(speaker, {}) for f in figures]))
    categories = sorted({k for f in figures for k in f["by_category"]})
    for category in categories:
        lines.append(("category %s" % category, [f["by_category"].get(category, {}) for f in figures]))
    out += _table("(hit/total)", columns, lines)
    for col, f in zip(columns, figures):
        if col == TRIAGE:
            continue
        checks = []
        for target in (VIRTUAL_ALEXA_TARGET,) if col in VIRTUAL_ALEXA_COLUMNS else TARGETS:
            ok, value = target.check(f)
            checks.append("%s %s (%s)" % ("met" if ok else "MISSED", target.describe(),
                                          "-" if value is None else "%.1f%%" % (100 * value)))
        out.append("  %s targets: %s" % (col, "; ".join(checks)))
        if f.get("missed_by_intent"):
            out.append("  %s red flags missed, by intent heard: %s" % (col, ", ".join(
                "%s %d" % item for item in f["missed_by_intent"].items())))
        for label, items in (("harness errors", f["harness_errors"]), ("skill problems", f["problems"])):
            if items:
                out.append("  %s %s: %d, e.g. %s" % (col, label, len(items), "; ".join(items[:3])))
        for miss in f["misses"][:show_misses]:
            out.append("    miss %s: %s expected %s, reached %s (%s)"
                       % (col, miss["row"], miss["expected"], miss["reached"], miss["intent"]))
        out.append("  %s: %.1f s" % (col, f["seconds"]))
    return "\n".join(out)


def format_report(report: Mapping[str, Mapping[str, Any]], show_misses: int = 0) -> str:
    return "\n\n".join(format_set(name, entry, show_misses) for name, entry in report.items())


class ReportPrinter:
    """A pytest plugin, registered while the suite runs: one section in the terminal summary,
    so the figures show in every run's output, with or without -s."""

    def __init__(self, title: str, text: str):
        self.title, self.text = title, text

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section(self.title)
        for line in self.text.splitlines():
            terminalreporter.write_line(line)


def show_in_summary(config, title: str, text: str) -> None:
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        # A pytest-xdist worker prints no summary: it hands the section to the controller,
        # which shows it (conftest.py, pytest_testnodedown).
        workeroutput.setdefault("summaries", {})[title] = text
        return
    if not config.pluginmanager.has_plugin(title):
        config.pluginmanager.register(ReportPrinter(title, text), title)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSONL sets (default: the dev set and every sealed set)")
    parser.add_argument("--context", choices=CONTEXTS, action="append", help="only this context (repeatable)")
    parser.add_argument("--hearing", choices=HEARINGS, action="append", help="only this hearing (repeatable)")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list up to N missed rows per context")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    report = evaluate(args.files or None, tuple(args.context or CONTEXTS), hearings=tuple(args.hearing or HEARINGS))
    print(format_report(report, args.misses))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    import os
    import tempfile
    os.environ.setdefault("SPASM_COACH_STORE", "session")
    os.environ.setdefault("SPASM_COACH_DATA_DIR", tempfile.mkdtemp(prefix="spasm-coach-eval-"))
    sys.exit(main())
