"""Does the skill do what people ask, however they ask it? Natural requests through the simulator.

Issue 15's measurement, beside tests/safety_eval.py for red flags. Every row of a request set
(the development sets DEV_SETS, then tests/data/sealed/requests-*.jsonl; fields in each NOTE) is said by a new simulated person in a
fresh conversation, through `spasm_coach_tools.simulator.Conversation` (the model's hearing, full
envelopes, the real skill, Alexa's Timers and Reminders APIs played by the local stand-in):

1. the conversation is put into the row's `context` first (CONTEXTS below says how);
2. the row's words are said, in the row's locale (the locale's interaction model, or en-US's,
   with a note, while the locale has none);
3. if that left one of the screening questions asked before the first exercise waiting, it is
   answered "no" until the exercise starts, as a person would (at most MAX_SCREENING answers);
4. what the skill did is judged by the row's `expects` label, in JUDGEMENTS below: the
   routine's position, preferences, the question left waiting, the timers and reminders the
   stand-in holds and the calls it received, and which content items were spoken (matched
   against the locale's content by key, never by English written here).

A row that raised the safety level (doctor, urgent or emergency: none of these requests names a
red flag) is counted apart, and must never happen. Rows answered with a clarifying or
symptom-check question are counted too.

Figures: the share answered right, overall and per label, context, speaker, locale and asr, in
each hearing (`strict`, the model's samples as written, with the words Alexa ignores around
them; `approximate`, the statistical hearing). Sealed rows are never quoted: misses are named
by line number only; a development set's misses quote the words (`--misses N` lists them).

    .venv/bin/python tests/requests_eval.py [FILE.jsonl ...] [--hearing strict] [--json out.json]
    make requests-report
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "lambda", ROOT / "tools", ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import safety_eval  # noqa: E402
from safety_eval import WITH_DEV_SETS, Count, cell, is_sealed, set_name, show_in_summary  # noqa: E402  (shared with the red-flag report)

DATA = ROOT / "tests" / "data"
SEALED_GLOB = "sealed/requests-*.jsonl"
# Development sets: A was sealed until the fresh sealed set B was written, B until set C was
# (both 2026-12-02), C until set D was, D until set E was, E until set F was, F until set G
# was, G until set H was, H until set I was, I until set J was, and J until set K was (2026-12-03);
# each has been learnt from since.
# They are reported beside the sealed sets (rows quoted, misses listable) and must never raise
# a safety level, but their figures measure nothing unwritten, so issue 15's share targets are
# checked on the sealed sets only.
DEV_SETS = tuple(DATA / ("requests-dev-%s.en.jsonl" % name) for name in "abcdefghij")

HEARINGS = ("strict", "approximate")
CONTEXTS = ("opened", "routine", "question", "feedback", "timer")
RED_FLAG_LEVELS = ("doctor", "urgent", "emergency")
FALLBACK = "AMAZON.FallbackIntent"
DEFAULT_LOCALE = "en-US"

# Issue 15's targets: the share of rows answered by the right behaviour, per hearing.
TARGETS = {"strict": 0.80, "approximate": 0.90}
# Targets the work has not reached yet: a miss is reported as an expected failure with its
# figure while issue 15 is open.
NOT_YET_MET = frozenset({"strict", "approximate"})
OPEN_ISSUE = "issue 15 is open: %s hearing at least %.0f%% answered right, measured %.1f%%"
# A request that raises a safety level fails the run on every set that was learnt from. On a
# sealed set it is issue 15's target "none raising a safety level": a fresh set can find an
# over-read nobody has written down yet, which may only be learnt from once that set is a
# development set, so while the issue is open it is an expected failure with its count.
RAISES_NOT_YET_MET = True
OPEN_RAISES = "issue 15 is open: no request may raise a safety level, %d rows of %s did in the %s hearing"

INVOCATION = "open back spasm coach"
MAX_SCREENING = 3     # "no" to at most this many screening questions after a row
MAX_WALK = 12         # turns a context may take to reach its place in the routine
MIN_REPEAT_CHARS = 20  # a repeat says a turn again, not a few words of it
# Ten in the morning where each locale's people usually are (the skill reads the time zone
# from the device, and falls back to these zones: handlers/timers.FALLBACK_TIME_ZONES), so a
# walking reminder always falls in waking hours.
NOW = {"en-US": "2026-12-01T15:00:00Z", "en-CA": "2026-12-01T15:00:00Z",
       "en-GB": "2026-12-01T10:00:00Z", "en-AU": "2026-11-30T23:00:00Z",
       "en-IN": "2026-12-01T04:30:00Z"}


# --- rows ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    text: str
    context: str
    expects: str
    speaker: str = "?"
    locale: str = DEFAULT_LOCALE
    asr: bool = False
    line: int = 0


def row_from(raw: Mapping[str, Any], line: int = 0) -> Row:
    row = Row(text=str(raw["text"]), context=str(raw["context"]), expects=str(raw["expects"]),
              speaker=str(raw.get("speaker") or "?"), locale=str(raw.get("locale") or DEFAULT_LOCALE),
              asr=bool(raw.get("asr")), line=line)
    if row.context not in CONTEXTS:
        raise ValueError("unknown context %r" % row.context)
    if row.expects not in JUDGEMENTS:
        raise ValueError("no judgement for label %r" % row.expects)
    return row


def load_rows(path: Path) -> List[Row]:
    return safety_eval.load_rows(path, make=row_from)


def default_sets() -> List[Path]:
    """The development sets, then every sealed request set."""
    return list(DEV_SETS) + sealed_sets()


def tested_sets() -> List[Path]:
    """The sets the test run puts through the simulator: the sealed sets, and the development
    sets too under WITH_DEV_SETS (`make dev-report`)."""
    return default_sets() if WITH_DEV_SETS else sealed_sets()


def sealed_sets() -> List[Path]:
    """The sets issue 15's share targets are checked on."""
    return sorted(DATA.glob(SEALED_GLOB))


# --- what the skill did ------------------------------------------------------------------------

def _plain_words(text: str) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit a space."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _pattern(template: str) -> "re.Pattern[str]":
    """A content template as a pattern over plain words: each {placeholder} matches anything."""
    parts = re.split(r"\{[^{}]*\}", template)
    words = [re.escape(_plain_words(part)) for part in parts]
    return re.compile(r"\b" + r"\b.*?\b".join(w for w in words if w) + r"\b") if any(words) else re.compile("$^")


def _position(state: Any) -> Optional[Tuple[int, int]]:
    if not isinstance(state, dict) or not isinstance(state.get("step"), int):
        return None
    part = state.get("part", 0)
    return state["step"], part if isinstance(part, int) else 0


@dataclass
class Observed:
    """What one row made the skill do."""

    content: Any                       # the locale's Content
    reports: List[Dict[str, Any]]      # the simulator's reports for the row's words
    before: Dict[str, Any]             # session attributes before the words
    after: Optional[Dict[str, Any]]    # ... after them (and any screening answered); None: session over
    previous_speech: str               # what the skill said last before the words
    timers_before: List[Dict[str, Any]]
    timers_after: List[Dict[str, Any]]
    calls: List[Dict[str, Any]]        # requests the stand-in received for the row
    created_timers: List[Dict[str, Any]]
    created_reminders: List[Dict[str, Any]]
    default_routine: str

    # -- what was heard and said --
    @property
    def intents(self) -> List[str]:
        return [r["intent"] for r in self.reports if r.get("intent")]

    @property
    def speech(self) -> str:
        return _plain_words(" ".join(r.get("speech") or "" for r in self.reports))

    @property
    def level(self) -> str:
        levels = [r.get("safety") for r in self.reports] + [(self.after or {}).get("safety")]
        found = [lvl for lvl in levels if lvl in RED_FLAG_LEVELS]
        return max(found, key=RED_FLAG_LEVELS.index) if found else "none"

    @property
    def ended(self) -> bool:
        return self.after is None

    @property
    def directives(self) -> List[str]:
        return [d for r in self.reports for d in r.get("directives") or []]

    def repeated(self) -> bool:
        said, before = self.speech, _plain_words(self.previous_speech)
        return len(said) >= MIN_REPEAT_CHARS and bool(before) and (said in before or before in said)

    def said(self, key: str) -> bool:
        """Whether the content item at `key` was spoken (every line of a list of lines, the
        lines that are pauses aside); its placeholders match any words."""
        try:
            item = self.content.raw(key)
        except (KeyError, TypeError):
            return False
        lines = item if isinstance(item, list) else [item]
        lines = [line for line in lines if isinstance(line, str) and not line.startswith("PAUSE:")]
        speech = self.speech
        return bool(lines) and all(_pattern(line).search(speech) for line in lines)

    def said_any(self, *keys: str) -> bool:
        return any(self.said(key) for key in keys)

    def said_topic(self, *topics: str) -> bool:
        return any(self.said("info.%s.lines" % topic) for topic in topics)

    # -- the routine --
    @property
    def routine(self) -> Optional[Dict[str, Any]]:
        state = (self.after or {}).get("routine")
        return state if isinstance(state, dict) else None

    @property
    def routine_before(self) -> Optional[Dict[str, Any]]:
        state = self.before.get("routine")
        return state if isinstance(state, dict) else None

    def running(self) -> bool:
        return (self.routine or {}).get("status") == "active"

    def moved_on(self) -> bool:
        before, after = _position(self.routine_before), _position(self.routine)
        return self.running() and before is not None and after is not None and after > before

    def moved_back(self) -> bool:
        before, after = _position(self.routine_before), _position(self.routine)
        return self.running() and before is not None and after is not None and after < before

    def next_stretch(self) -> bool:
        before, after = _position(self.routine_before), _position(self.routine)
        return before is not None and after is not None and after[0] > before[0] and (
            self.running() or (self.routine or {}).get("status") == "finished")

    def same_place(self) -> bool:
        """The routine is where it was (or there was none and still is none running)."""
        before, after = self.routine_before, self.routine
        if before is None:
            return after is None or after.get("status") != "active" or self.routine_id() != self.default_routine
        return _position(after) == _position(before) and (after or {}).get("id") == before.get("id")

    def routine_id(self) -> Optional[str]:
        return (self.routine or {}).get("id")

    def steps(self) -> List[str]:
        """The stretch ids of the routine now running, one per step."""
        state = self.routine or {}
        if isinstance(state.get("steps"), list):  # a routine made for the session
            return [str(step).partition(":")[0] for step in state["steps"]]
        routine = self.content.routines.get(state.get("id") or "")
        if routine:
            return [step.partition(":")[0] for step in routine["steps"]]
        single = (state.get("id") or "").partition("single:")[2]
        return [single] if single else []

    def started(self) -> bool:
        """A routine is running from its first stretch (it was not before, or it was further on)."""
        position = _position(self.routine)
        return self.running() and position == (0, 0) and _position(self.routine_before) != (0, 0)

    def started_default(self) -> bool:
        return self.started() and self.routine_id() == self.default_routine

    def started_shorter(self) -> bool:
        default = [s.partition(":")[0] for s in self.content.routines[self.default_routine]["steps"]]
        return self.started() and 0 < len(self.steps()) < len(default)

    def lying_only(self) -> bool:
        """A routine runs with only the stretches done lying down: its own steps are, or the
        session leaves out every other one."""
        if not self.running():
            return False
        others = {s for s, v in self.content.stretches.items() if v.get("position", "lying") != "lying"}
        steps = set(self.steps())
        return not (steps & others) or others <= set(self.left_out()) or (self.after or {}).get("lying_only") is True

    def left_out(self, which: str = "after") -> List[str]:
        attributes = (self.after if which == "after" else self.before) or {}
        kept = attributes.get("left_out")
        return [s for s in kept if isinstance(s, str)] if isinstance(kept, list) else []

    def left_out_more(self) -> bool:
        return len(set(self.left_out()) - set(self.left_out("before"))) > 0

    def left_out_current(self) -> bool:
        before = self.routine_before or {}
        steps = self.steps_of(before)
        position = _position(before)
        if position is None or not 0 <= position[0] < len(steps):
            return False
        return steps[position[0]] in self.left_out()

    def steps_of(self, state: Mapping[str, Any]) -> List[str]:
        routine = self.content.routines.get(state.get("id") or "")
        return [step.partition(":")[0] for step in routine["steps"]] if routine else []

    def numbers_said(self) -> List[int]:
        """Numbers spoken, leaving out those that say where the routine is ("stretch two of six")."""
        from spasm_coach_tools.simulator.spoken import words_to_number
        words = re.sub(r"\b\w+ of \w+\b", " ", self.speech).split()
        return [n for n in (int(w) if w.isdigit() else words_to_number([w]) for w in words) if n is not None]

    def told_how_many(self) -> bool:
        """A number of stretches: those left after this one or with it, or the whole routine."""
        before = self.routine_before
        steps = self.steps_of(before or {}) or self.steps_of({"id": self.default_routine})
        position = _position(before) or (0, 0)
        left = steps[position[0]:]
        counts = {len(left), len(left) - 1, len(set(left)), len(set(left)) - 1}
        return bool(set(self.numbers_said()) & counts) and self.same_place()

    def named_every_stretch(self) -> bool:
        names = [self.content.stretches[s]["name"] for s in dict.fromkeys(self.steps_of({"id": self.default_routine}))]
        speech = self.speech
        return all(_plain_words(name) in speech for name in names)

    # -- preferences, questions, memory --
    def pref(self, key: str) -> Optional[str]:
        prefs = (self.after or {}).get("prefs")
        return prefs.get(key) if isinstance(prefs, dict) else None

    @property
    def pending(self) -> Optional[str]:
        return (self.after or {}).get("pending")

    def forget_asked_or_done(self) -> bool:
        return self.pending == "forget" or bool((self.after or {}).get("forgotten"))

    # -- timers and reminders --
    def created(self, kind: str) -> bool:
        label = self.content.raw("timers.kinds.%s.label" % kind)
        return any((t.get("timerLabel") or "").lower() == label for t in self.created_timers)

    def timer_calls(self, method: str, suffix: str = "") -> bool:
        return any(c["method"] == method and c["path"].startswith("/v1/alerts/timers")
                   and c["path"].endswith(suffix) and c.get("status") in (200, 204) for c in self.calls)

    def timers_untouched(self) -> bool:
        """No timer created, cancelled or paused by the row."""
        changed = {(t["id"], t.get("status")) for t in self.timers_before} != {
            (t["id"], t.get("status")) for t in self.timers_after}
        return not self.created_timers and not changed

    def timer_checked(self) -> bool:
        return self.timer_calls("GET") and self.timers_untouched()

    def timer_cancelled(self) -> bool:
        gone = {t["id"] for t in self.timers_before} - {t["id"] for t in self.timers_after}
        return bool(gone) and not self.created_timers

    def timer_paused(self) -> bool:
        paused = {t["id"] for t in self.timers_after if t.get("status") == "PAUSED"}
        was = {t["id"] for t in self.timers_before if t.get("status") == "PAUSED"}
        return bool(paused - was) and not self.created_timers

    def reminders_offered(self) -> bool:
        """Set, or about to be: the permission, once granted, leads to the confirmation."""
        return bool(self.created_reminders) or self.pending == "confirm_reminders" or self.said("reminders.too_late")

    def reminders_cancelled(self) -> bool:
        return self.said_any("reminders.cancelled", "reminders.cancelled_none") and not self.created_reminders

    # -- answers that are not a choice --
    def fell_back(self) -> bool:
        return FALLBACK in self.intents or self.said_any("fallback.general", "fallback.routine")

    def help_given(self) -> bool:
        return self.said_any("help.general", "help.routine") and self.same_place()

    def stopped(self) -> bool:
        return self.ended and not self.said("routine_lines.paused") and self.level == "none"


# --- the judgement of every label --------------------------------------------------------------
# label: (what counts as the right behaviour, how it is read from what the skill did)

Judge = Callable[[Observed], bool]
JUDGEMENTS: Dict[str, Tuple[str, Judge]] = OrderedDict([
    ("relief", ("the relief steps are said", lambda o: o.said("relief.lines"))),
    ("start_routine", ("the default routine runs from its first stretch", lambda o: o.started_default())),
    ("short_routine", ("a routine with fewer stretches than the default runs from its first",
                       lambda o: o.started_shorter())),
    ("lying_only", ("a routine runs with the lying-down stretches only", lambda o: o.lying_only())),
    ("list_stretches", ("every stretch of the default routine is named; the routine stays where it was",
                        lambda o: o.named_every_stretch() and o.same_place())),
    ("how_many_left", ("the number of stretches left is said (with this one or after it); the routine stays",
                       lambda o: o.told_how_many())),
    ("next", ("the routine moves on", lambda o: o.moved_on() or (o.routine_before is None and o.started()))),
    ("previous", ("the routine goes back", lambda o: o.moved_back())),
    ("repeat", ("what was said last is said again (or its own turn, without what led into it); "
                "the routine stays where it was", lambda o: o.repeated() and o.same_place())),
    ("skip", ("the routine goes on to a later stretch", lambda o: o.next_stretch())),
    ("pause", ("the routine is paused", lambda o: o.said("routine_lines.paused")
               or (o.routine or {}).get("status") == "paused")),
    ("resume", ("the routine runs again where it was, or at the next step",
                lambda o: o.running() and _position(o.routine_before) is not None
                and _position(o.routine_before) <= _position(o.routine) <= (_position(o.routine_before)[0] + 1, 0))),
    ("start_over", ("the routine runs again from its first stretch", lambda o: o.started())),
    ("slower", ("the pace preference is slower", lambda o: o.pref("pace") == "slower")),
    ("faster", ("the pace is back to normal or faster, and said so",
                lambda o: o.pref("pace") == "faster" or (o.pref("pace") is None and o.said_any(
                    "memory.prefs.NormalPaceIntent", "memory.prefs_this_session.NormalPaceIntent")))),
    ("longer_holds", ("the hold preference is longer", lambda o: o.pref("hold") == "longer")),
    ("shorter_holds", ("the hold preference is shorter", lambda o: o.pref("hold") == "shorter")),
    ("that_hurts", ("the stretch being done is left out for the session", lambda o: o.left_out_current())),
    ("better", ("the routine goes on, nothing left out", lambda o: o.moved_on() and not o.left_out_more())),
    ("same", ("the routine goes on, nothing left out", lambda o: o.moved_on() and not o.left_out_more())),
    ("worse", ("a stretch is left out for the session", lambda o: o.left_out_more())),
    ("yes", ("the offer is taken: the default routine runs from its first stretch", lambda o: o.started_default())),
    ("no", ("the offer is declined: the session ends, no routine runs", lambda o: o.ended and not o.running())),
    ("help", ("help is said; the routine stays where it was", lambda o: o.help_given())),
    ("stop", ("the session ends, not paused", lambda o: o.stopped())),
    ("timer_heat", ("a heat pack timer is created", lambda o: o.created("heat"))),
    ("timer_ice", ("an ice pack timer is created", lambda o: o.created("ice"))),
    ("timer_check", ("the timers are read, none created, cancelled or paused", lambda o: o.timer_checked())),
    ("timer_cancel", ("the running timer is gone, none created", lambda o: o.timer_cancelled())),
    ("timer_pause", ("the running timer is paused, none created", lambda o: o.timer_paused())),
    ("reminder_walk", ("walking reminders are offered (permission asked, confirmation asked, or set)",
                       lambda o: o.reminders_offered())),
    ("reminder_cancel", ("the reminders are cancelled (or there were none), none created",
                         lambda o: o.reminders_cancelled())),
    ("forget_me", ("deleting is confirmed or done", lambda o: o.forget_asked_or_done())),
    ("info_heat_ice", ("the heat and ice answer", lambda o: o.said_topic("heat_ice"))),
    ("info_painkillers", ("the medicine answer", lambda o: o.said_topic("medicine"))),
    ("info_work", ("the answer on work and daily activities", lambda o: o.said_topic("work"))),
    ("info_bed_rest", ("the answer on staying active (rather than in bed)", lambda o: o.said_topic("activity"))),
    ("info_exercise", ("the answer on exercise", lambda o: o.said_topic("exercise"))),
    ("info_causes", ("the answer on causes", lambda o: o.said_topic("causes"))),
    ("info_treatments", ("the answer on other treatments", lambda o: o.said_topic("other_treatments"))),
    ("info_sleep", ("the sleep answer", lambda o: o.said_topic("sleep"))),
    ("info_comfortable", ("the answer on getting comfortable", lambda o: o.said_topic("comfortable"))),
    ("info_recovery", ("the recovery answer", lambda o: o.said_topic("recovery"))),
    ("info_prevention", ("the prevention answer", lambda o: o.said_topic("prevention"))),
    ("info_doctor", ("the answer on when to see a doctor", lambda o: o.said_topic("doctor"))),
])


def judge(label: str, observed: Observed) -> bool:
    """The right behaviour for `label`, and never a raised safety level."""
    return observed.level == "none" and bool(JUDGEMENTS[label][1](observed))


# --- the simulated conversation ------------------------------------------------------------------

def model_locale(locale: str) -> Tuple[str, Optional[str]]:
    """The locale whose interaction model hears `locale`, and a note when it is not its own."""
    from spasm_coach_tools.simulator.nlu import model_path
    if model_path(locale).is_file():
        return locale, None
    return DEFAULT_LOCALE, "no interaction model for %s yet: heard with %s's" % (locale, DEFAULT_LOCALE)


def load_hearing(locale: str, hearing: str):
    from spasm_coach_tools.simulator import nlu
    path = nlu.model_path(locale)
    if hearing == "strict":
        return nlu.load_nlu(path)
    try:
        return nlu.load_nlu(path, hearing=hearing)
    except TypeError:
        raise SystemExit("this simulator has no %s hearing" % hearing) from None


class Harness:
    """One skill (SQLite memory in a scratch folder, the Alexa API stand-in) for every row;
    a new person and a new conversation for each row."""

    def __init__(self, hearing: str = "strict"):
        from spasm_coach.config import Settings
        from spasm_coach.handlers.routine import GENTLE
        from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn
        from spasm_coach_tools.simulator.conversation import skill_handler
        from spasm_coach import questions
        self.hearing = hearing
        self.standin = AlexaApiStandIn().start()
        self.folder = tempfile.TemporaryDirectory(prefix="spasm-coach-requests-")
        self.handler = skill_handler(Settings(store="sqlite", data_dir=Path(self.folder.name),
                                              api_ca_bundle=self.standin.ca_path, api_timeout=2.0))
        self.default_routine = GENTLE
        self.screening = frozenset(questions.SEQUENCES["screening"])
        self.asked_out_of_turn = frozenset(questions.CLARIFY_QUESTIONS.values()) | frozenset(
            questions.SEQUENCES["check"])
        self.questions = questions.QUESTIONS
        self.nlus: Dict[str, Any] = {}
        self.notes: Dict[str, str] = {}

    def close(self) -> None:
        self.standin.stop()
        self.folder.cleanup()

    def __enter__(self) -> "Harness":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def conversation(self, locale: str):
        from spasm_coach_tools.simulator.conversation import Conversation
        heard_as, note = model_locale(locale)
        if note:
            self.notes[locale] = note
        if heard_as not in self.nlus:
            self.nlus[heard_as] = load_hearing(heard_as, self.hearing)
        self.standin.reset()
        return Conversation(self.handler, locale=locale, nlu=self.nlus[heard_as], apis=self.standin,
                            now=NOW.get(locale, NOW[DEFAULT_LOCALE]), user_id="requests-eval-" + uuid.uuid4().hex)

    # -- contexts: each returns None once the conversation is where the row is said, else why not --
    def say(self, talk, line: str) -> List[Dict[str, Any]]:
        reports = talk.line(line)
        for report in reports:
            if report.get("error"):
                raise SetupError("%r: %s" % (line, report["error"]))
            if report.get("safety") in RED_FLAG_LEVELS:
                raise SetupError("%r raised the level to %s" % (line, report["safety"]))
        return reports

    @staticmethod
    def attributes(talk) -> Dict[str, Any]:
        if talk.session is None:
            raise SetupError("the session ended while setting up")
        return talk.session.info.attributes

    def answer_screening(self, talk) -> List[Dict[str, Any]]:
        reports: List[Dict[str, Any]] = []
        for _ in range(MAX_SCREENING):
            if talk.session is None or talk.session.info.attributes.get("pending") not in self.screening:
                return reports
            reports += talk.line("no")
        return reports

    def opened(self, talk, label: str) -> None:
        if label == "resume":
            # Nothing can be resumed by a person who never paused: this one paused yesterday.
            self.routine(talk, label)
            self.say(talk, "pause")
            talk.line("/end")
        self.say(talk, INVOCATION)
        self.attributes(talk)

    def routine(self, talk, label: str) -> None:
        """Mid-routine, right after a stretch's repetitions were counted (the skill waits for
        "next"), one stretch or more into it so that "go back" has somewhere to go. On the
        way: a stretch's caution is answered "no", its set-up "ready", the question after a
        stretch "next"."""
        self.say(talk, INVOCATION)
        self.say(talk, "start stretches")
        self.answer_screening(talk)
        for _ in range(MAX_WALK):
            attributes = self.attributes(talk)
            state = attributes.get("routine")
            if not isinstance(state, dict) or state.get("status") != "active":
                raise SetupError("the routine is not running")
            asked = self.questions.get(attributes.get("pending") or "")
            if asked is not None:
                self.say(talk, "no" if asked.yes is not None and asked.id.startswith("caution") else "next")
            elif state.get("stage") == "caution":
                self.say(talk, "no")
            elif state.get("stage") == "setup":
                self.say(talk, "ready")
            elif _position(state) >= (1, 0):
                return
            else:
                self.say(talk, "next")
        raise SetupError("the routine did not reach its second stretch in %d turns" % MAX_WALK)

    def question(self, talk, label: str) -> None:
        # "Is your back in spasm right now?" "No." "Would you like to do some gentle stretches?"
        self.say(talk, INVOCATION)
        self.say(talk, "no")
        if self.attributes(talk).get("pending") != "offer_stretches":
            raise SetupError("the stretches were not offered")

    def feedback(self, talk, label: str) -> None:
        """After a stretch, where the skill asks how it felt: the first question it asks in
        the routine that is not a safety question. Where it asks none, at the end of a stretch."""
        self.routine(talk, label)
        step = _position(self.attributes(talk)["routine"])[0]
        for _ in range(MAX_WALK):
            attributes = self.attributes(talk)
            asked = self.questions.get(attributes.get("pending") or "")
            if asked is not None and not asked.safety and (attributes.get("routine") or {}).get("status") == "active":
                return
            if _position(attributes.get("routine"))[0] != step:
                break  # the stretch ended with no question
            self.say(talk, "ready" if (attributes.get("routine") or {}).get("stage") == "setup" else "next")
        self.notes["feedback"] = ("the skill asks nothing after a stretch: feedback rows are said at the start "
                                  "of the next one")

    def timer(self, talk, label: str) -> None:
        # A heat pack timer set (permission granted when asked), then back in the skill later.
        self.say(talk, INVOCATION)
        self.say(talk, "set a heat timer")
        if not talk.active_timers():
            raise SetupError("no timer was set")
        self.say(talk, "stop")
        talk.line("/advance 3m")
        self.say(talk, INVOCATION)

    # -- one row --
    def run(self, row: Row) -> "Outcome":
        from spasm_coach.content import for_locale
        talk = self.conversation(row.locale)
        try:
            getattr(self, row.context)(talk, row.expects)
        except SetupError as problem:
            return Outcome(row, harness="%s context: %s" % (row.context, problem))
        before = json.loads(json.dumps(talk.session.info.attributes))
        previous_speech = _last_speech(talk)
        timers_before = self.standin.timers(talk.alexa_user_id)
        self.standin.take_calls()
        self.standin.take_created()
        reports = talk.line(row.text)
        calls = self.standin.take_calls()
        follow = self.answer_screening(talk) if reports and not any(r.get("error") for r in reports) else []
        calls += self.standin.take_calls()
        created = [t for r in reports + follow for t in r.get("timers") or []]
        reminders = [t for r in reports + follow for t in r.get("reminders") or []]
        after = dict(talk.session.info.attributes) if talk.session is not None else None
        observed = Observed(content=for_locale(row.locale), reports=reports, before=before, after=after,
                            previous_speech=previous_speech, timers_before=timers_before,
                            timers_after=self.standin.timers(talk.alexa_user_id), calls=calls,
                            created_timers=created, created_reminders=reminders,
                            default_routine=self.default_routine)
        errors = [r["error"] for r in reports + follow if r.get("error")]
        ok = judge(row.expects, observed)
        out_of_turn = (after or {}).get("pending") in self.asked_out_of_turn
        return Outcome(row, ok=ok, level=observed.level, intent=next(iter(observed.intents), None),
                       fallback=observed.fell_back(), asked_out_of_turn=out_of_turn,
                       problem="; ".join(errors) or None)


class SetupError(Exception):
    pass


def _last_speech(talk) -> str:
    attributes = talk.session.info.attributes if talk.session is not None else {}
    last = attributes.get("last")
    if isinstance(last, dict) and isinstance(last.get("speech"), str):
        from spasm_coach.speech import plain
        return plain(last["speech"])
    return ""


@dataclass
class Outcome:
    row: Row
    ok: bool = False
    level: str = "none"
    intent: Optional[str] = None
    fallback: bool = False
    asked_out_of_turn: bool = False
    problem: Optional[str] = None
    harness: Optional[str] = None


# --- figures ---------------------------------------------------------------------------------

GROUPS = ("expects", "context", "speaker", "locale", "asr")


@dataclass
class Figures:
    """One set in one hearing."""

    all: Count = field(default_factory=Count)
    groups: Dict[str, Dict[str, Count]] = field(default_factory=lambda: {g: {} for g in GROUPS})
    raised: List[str] = field(default_factory=list)            # rows that raised a safety level
    asked_out_of_turn: Count = field(default_factory=Count)     # a clarifying or symptom-check question
    fallback: Count = field(default_factory=Count)              # heard as FallbackIntent, or the fallback said
    missed_by_intent: Dict[str, int] = field(default_factory=dict)
    misses: List[str] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)
    harness_errors: List[str] = field(default_factory=list)
    outcomes: List[Dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    quote: bool = True  # False for sealed sets: rows are named by line number only

    def add(self, outcome: Outcome) -> None:
        row = outcome.row
        name = "line %d (%s, %s)" % (row.line, row.expects, row.context)
        if self.quote:
            name += " %r [%s]" % (row.text, row.locale)
        if outcome.harness:
            self.harness_errors.append("%s: %s" % (name, outcome.harness))
            return
        if outcome.problem:
            self.problems.append("%s: %s" % (name, outcome.problem))
        self.all.add(outcome.ok)
        for group in GROUPS:
            key = str(getattr(row, group)).lower()
            self.groups[group].setdefault(key, Count()).add(outcome.ok)
        if outcome.level != "none":
            self.raised.append("%s: %s" % (name, outcome.level))
        self.asked_out_of_turn.add(outcome.asked_out_of_turn)
        self.fallback.add(outcome.fallback)
        if not outcome.ok:
            heard = outcome.intent or "(no intent)"
            self.missed_by_intent[heard] = self.missed_by_intent.get(heard, 0) + 1
            self.misses.append("%s heard as %s" % (name, heard))
        self.outcomes.append({"line": row.line, "ok": outcome.ok, "intent": outcome.intent, "level": outcome.level})

    def to_dict(self) -> Dict[str, Any]:
        return {
            "all": self.all.to_dict(),
            "groups": {g: {k: c.to_dict() for k, c in sorted(v.items())} for g, v in self.groups.items()},
            "raised": self.raised,
            "asked_out_of_turn": self.asked_out_of_turn.to_dict(),
            "fallback": self.fallback.to_dict(),
            "missed_by_intent": dict(sorted(self.missed_by_intent.items(), key=lambda item: -item[1])),
            "misses": self.misses,
            "problems": self.problems,
            "harness_errors": self.harness_errors,
            "outcomes": self.outcomes,
            "seconds": round(self.seconds, 2),
        }


def evaluate(paths: Optional[Sequence[Path]] = None, hearings: Sequence[str] = HEARINGS) -> Dict[str, Any]:
    """{"sets": {name: {hearing: figures}}, "notes": [...]}."""
    report: Dict[str, Any] = {"sets": OrderedDict(), "notes": []}
    notes: Dict[str, str] = {}
    for path in paths or default_sets():
        rows = load_rows(Path(path))
        entry: Dict[str, Any] = {"rows": len(rows), "sealed": is_sealed(Path(path))}
        for hearing in hearings:
            started = time.perf_counter()
            figures = Figures(quote=not is_sealed(Path(path)))
            with Harness(hearing) as harness:
                for row in rows:
                    figures.add(harness.run(row))
                notes.update(harness.notes)
            figures.seconds = time.perf_counter() - started
            entry[hearing] = figures.to_dict()
        report["sets"][set_name(Path(path))] = entry
    report["notes"] = [notes[k] for k in sorted(notes)]
    return report


# --- targets -------------------------------------------------------------------------------------

def assert_no_raise(name: str, hearing: str, figures: Mapping[str, Any], sealed: bool) -> None:
    """No row raised a safety level; on a sealed set, while issue 15 is open, rows that did
    are an expected failure with their count."""
    import pytest
    raised = figures["raised"]
    if raised and sealed and RAISES_NOT_YET_MET:
        pytest.xfail(OPEN_RAISES % (len(raised), name, hearing))
    assert raised == [], "%s, %s hearing: safety level raised on %d rows" % (name, hearing, len(raised))


def assert_target(hearing: str, figures: Mapping[str, Any]) -> None:
    """The share answered right in one hearing; a miss while issue 15 is open is an expected failure."""
    import pytest
    share = figures["all"]["share"] or 0.0
    if share >= TARGETS[hearing]:
        return
    if hearing in NOT_YET_MET:
        pytest.xfail(OPEN_ISSUE % (hearing, 100 * TARGETS[hearing], 100 * share))
    raise AssertionError("%s hearing: at least %.0f%% answered right, measured %.1f%%"
                         % (hearing, 100 * TARGETS[hearing], 100 * share))


# --- printing --------------------------------------------------------------------------------------

def format_set(name: str, entry: Mapping[str, Any], show_misses: int = 0) -> str:
    hearings = [h for h in HEARINGS if h in entry]
    figures = [entry[h] for h in hearings]
    lines: List[Tuple[str, List[Any]]] = [("answered right", [f["all"] for f in figures])]
    for group in GROUPS:
        keys = sorted({k for f in figures for k in f["groups"][group]})
        for key in keys:
            lines.append(("%s %s" % (group, key), [f["groups"][group].get(key, {}) for f in figures]))
    lines.append(("heard as fallback", [f["fallback"] for f in figures]))
    lines.append(("asked a medical question", [f["asked_out_of_turn"] for f in figures]))
    width = max(len(label) for label, _ in lines)
    kind = "sealed" if entry.get("sealed", True) else "development set: learnt from, no target"
    out = ["== %s: %d requests (%s) ==" % (name, entry["rows"], kind),
           "  %-*s  %s" % (width, "(hit/total)", "".join("%-18s" % h for h in hearings))]
    for label, counts in lines:
        out.append("  %-*s  %s" % (width, label, "".join("%-18s" % cell(c) for c in counts)))
    for hearing, f in zip(hearings, figures):
        share = f["all"]["share"] or 0.0
        verdict = ("met" if share >= TARGETS[hearing] else "MISSED") if entry.get("sealed", True) else "(not held to)"
        out.append("  %s: %s at least %.0f%% answered right (%.1f%%); safety level raised on %d rows%s"
                   % (hearing, verdict, 100 * TARGETS[hearing],
                      100 * share, len(f["raised"]), (": " + "; ".join(f["raised"])) if f["raised"] else ""))
        if f["missed_by_intent"]:
            out.append("  %s misses by intent heard: %s" % (hearing, ", ".join(
                "%s %d" % item for item in f["missed_by_intent"].items())))
        for label, items in (("harness errors", f["harness_errors"]), ("skill problems", f["problems"])):
            if items:
                out.append("  %s %s: %d, e.g. %s" % (hearing, label, len(items), "; ".join(items[:3])))
        for miss in f["misses"][:show_misses]:
            out.append("    miss %s: %s" % (hearing, miss))
        out.append("  %s: %.1f s" % (hearing, f["seconds"]))
    return "\n".join(out)


def format_report(report: Mapping[str, Any], show_misses: int = 0) -> str:
    parts = [format_set(name, entry, show_misses) for name, entry in report["sets"].items()]
    if report.get("notes"):
        parts.append("notes:\n" + "\n".join("  " + note for note in report["notes"]))
    return "\n\n".join(parts)


def format_judgements() -> str:
    width = max(len(label) for label in JUDGEMENTS)
    return "\n".join("  %-*s  %s" % (width, label, text) for label, (text, _) in JUDGEMENTS.items())


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        help="JSONL request sets (default: the development sets, then every sealed one)")
    parser.add_argument("--hearing", choices=HEARINGS, action="append", help="only this hearing (repeatable)")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="list up to N missed rows per hearing (quoted for development sets)")
    parser.add_argument("--judgements", action="store_true", help="print what each label counts as, and stop")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    if args.judgements:
        print(format_judgements())
        return 0
    report = evaluate(args.files or None, tuple(args.hearing or HEARINGS))
    print(format_report(report, args.misses))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    import logging
    logging.disable(logging.WARNING)
    sys.exit(main())
