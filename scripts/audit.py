#!/usr/bin/env python3
"""How long each turn really is to listen to (`make audit`).

    .venv/bin/python scripts/audit.py [--json build/audit.json] [--turns]

Plays scripted conversations through the simulator (the real skill, a device with a
screen so that stretch turns can be told apart), renders the SSML of every answer
with espeak-ng in SSML mode (``-m``) and measures the audio with sox. Prints, per
conversation, the seconds of audio of each turn, and for every counted hold its real
length against its count and the stretch's range in the content (from clinical.md).

The conversations: relief; the default routine, the short routine and the default one
at the slower pace with longer holds, each said through to its end the way a person
would answer it; help, at the start and during a stretch; every information topic.

Targets (issue 15): no turn over 45 s of audio; the median stretch turn at most 30 s;
every hold within 15% of its count and within its stretch's range. Exits 0 whether the
targets are met or not (it is a report); 1 only when it could not measure (espeak-ng
or sox missing: `make audit` installs them with apt-get on Debian).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
for _path in ("lambda", "tools"):
    sys.path.insert(0, str(ROOT / _path))

from spasm_coach.config import Settings  # noqa: E402
from spasm_coach.content import for_locale  # noqa: E402
from spasm_coach.routine import routine_steps  # noqa: E402
from spasm_coach_tools.simulator.conversation import Conversation, skill_handler  # noqa: E402

MAX_TURN_S = 45.0
MAX_MEDIAN_STRETCH_TURN_S = 30.0
HOLD_TOLERANCE = 0.15
START = "2026-11-20T09:00:00Z"
LOCALE = "en-US"
NUMBER_WORDS = for_locale(LOCALE).raw("speech.numbers")  # a count is said in these words
MAX_TURNS = 80

# What a person answers to each question the routine asks on the way (by the pending
# question's id); anything else is answered with "next".
ANSWERS = {
    "screening_legs": "no",
    "screening_saddle": "no",
    "caution_osteoporosis": "no",
    "feedback": "about the same",
    "offer_heat_timer": None,  # the routine is over: stop here
}


@dataclass
class Hold:
    stretch: str
    count: int
    seconds: float
    low: Optional[float]
    high: Optional[float]

    @property
    def off_by(self) -> float:
        return self.seconds / self.count - 1.0

    @property
    def ok(self) -> bool:
        """Within 15% of its count, never past the stretch's maximum (what is safe), and
        not below its minimum by more than the same 15% (clinical.md: "about 5 seconds")."""
        within_count = abs(self.off_by) <= HOLD_TOLERANCE
        in_range = (self.low is None or self.seconds >= self.low * (1 - HOLD_TOLERANCE)) and (
            self.high is None or self.seconds <= self.high)
        return within_count and in_range


@dataclass
class Turn:
    said: str
    seconds: float
    words: int
    breaks_s: float
    stretch: bool
    holds: List[Hold] = field(default_factory=list)


# -- rendering ----------------------------------------------------------------------------
class Renderer:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.cache: Dict[str, float] = {}

    def seconds(self, ssml: str) -> float:
        """Seconds of audio espeak-ng makes of this SSML."""
        if ssml not in self.cache:
            text, wav = self.workdir / "turn.ssml", self.workdir / "turn.wav"
            text.write_text(ssml, encoding="utf-8")
            subprocess.run(["espeak-ng", "-m", "-f", str(text), "-w", str(wav)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            out = subprocess.run(["sox", "--i", "-D", str(wav)], check=True, capture_output=True, text=True)
            self.cache[ssml] = float(out.stdout.strip())
        return self.cache[ssml]


_TOKEN = re.compile(r'<break time="(\d+)ms"/>|<[^>]+>|[^<]+')
_RATE = re.compile(r'<prosody rate="([^"]+)">')


def count_runs(ssml: str) -> List[Tuple[int, str]]:
    """Every counted hold in a turn's SSML: (its count, the SSML of the count alone, from
    "one" to the end of the gap after the last number)."""
    runs: List[Tuple[int, str]] = []
    tokens = [(m.group(1), m.group(0)) for m in _TOKEN.finditer(ssml)]
    i = 0
    while i < len(tokens):
        ms, raw = tokens[i]
        words = raw.split() if ms is None and not raw.startswith("<") else []
        if words and words[-1].strip(",.") == NUMBER_WORDS[1] and i + 1 < len(tokens) and tokens[i + 1][0]:
            pieces, expected, j = [NUMBER_WORDS[1], tokens[i + 1][1]], 2, i + 2
            while j + 1 < len(tokens):
                word = tokens[j][1].strip()
                if tokens[j][0] is None and word == NUMBER_WORDS[expected] and tokens[j + 1][0]:
                    pieces += [word, tokens[j + 1][1]]
                    expected += 1
                    j += 2
                else:
                    break
            if expected > 2:  # a count, not a lone "one"
                runs.append((expected - 1, " ".join(pieces)))
            i = j
        else:
            i += 1
    return runs


def words_and_breaks(ssml: str) -> Tuple[int, float]:
    words, breaks = 0, 0.0
    for ms, raw in ((m.group(1), m.group(0)) for m in _TOKEN.finditer(ssml)):
        if ms:
            breaks += int(ms) / 1000.0
        elif not raw.startswith("<"):
            words += len(raw.split())
    return words, breaks


# -- conversations ------------------------------------------------------------------------
class Audit:
    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.content = for_locale(LOCALE)
        self.handler = skill_handler(Settings(store="session"))

    def conversation(self) -> Conversation:
        return Conversation(self.handler, locale=LOCALE, now=START, screen=True)

    def measure(self, conversation: Conversation, lines: Sequence[str]) -> List[Turn]:
        turns: List[Turn] = []
        for line in lines:
            turns += self._said(conversation, line)
        return turns

    def routine(self, opening: Sequence[str]) -> List[Turn]:
        """A routine said through to its end: the opening lines, then the answer each
        question asks for, and "next" otherwise."""
        conversation = self.conversation()
        turns = self.measure(conversation, opening)
        for _ in range(MAX_TURNS):
            session = conversation.session
            if session is None:
                break
            attributes = session.info.attributes or {}
            state = attributes.get("routine") or {}
            pending = attributes.get("pending")
            if pending in ANSWERS:
                if ANSWERS[pending] is None:
                    break
                turns += self._said(conversation, ANSWERS[pending])
                continue
            if state.get("status") == "finished":
                break
            turns += self._said(conversation, "next")
        return turns

    def _said(self, conversation: Conversation, line: str) -> List[Turn]:
        turns = []
        for report in conversation.line(line):
            if report.get("error"):
                raise SystemExit("audit: %r was not answered: %s" % (line, report["error"]))
            ssml = report.get("ssml")
            if not ssml:
                continue
            session = conversation.session
            attributes = (session.info.attributes or {}) if session else {}
            stretch_turn = (report.get("screen") or {}).get("document") == "stretch"
            turns.append(self._turn(line, ssml, stretch_turn, attributes.get("routine")))
        return turns

    def _turn(self, line: str, ssml: str, stretch_turn: bool, state: Any) -> Turn:
        words, breaks = words_and_breaks(ssml)
        turn = Turn(said=line, seconds=self.renderer.seconds(ssml), words=words, breaks_s=breaks,
                    stretch=stretch_turn)
        stretch_id = self._stretch_of(state)
        rate = _RATE.search(ssml)
        for count, run in count_runs(ssml):
            inner = '<prosody rate="%s">%s</prosody>' % (rate.group(1), run) if rate else run
            limits = (self.content.stretches.get(stretch_id) or {}).get("hold") or {}
            turn.holds.append(Hold(stretch=stretch_id or "?", count=count,
                                   seconds=self.renderer.seconds("<speak>%s</speak>" % inner),
                                   low=limits.get("min"), high=limits.get("max")))
        return turn

    def _stretch_of(self, state: Any) -> Optional[str]:
        if not isinstance(state, dict) or not isinstance(state.get("id"), str):
            return None
        steps = routine_steps(self.content, state["id"])
        step = state.get("step")
        return steps[step].stretch if isinstance(step, int) and 0 <= step < len(steps) else None

    def model(self) -> Dict[str, Any]:
        return json.loads((ROOT / "interaction_model" / ("%s.json" % LOCALE)).read_text())["interactionModel"]

    def model_intents(self) -> List[str]:
        return [intent["name"] for intent in self.model()["languageModel"]["intents"]]

    def info_topics(self) -> List[Tuple[str, List[Turn]]]:
        types = {t["name"]: t for t in self.model()["languageModel"]["types"]}
        out = []
        for value in types["INFO_TOPIC"]["values"]:
            name = value["name"]["value"]
            out.append((name, self.measure(self.conversation(), ["open back spasm coach",
                                                                  "tell me about %s" % name])[1:]))
        return out


def conversations(audit: Audit) -> List[Tuple[str, List[Turn]]]:
    start = ["open back spasm coach", "start stretches"]
    found = [
        ("relief", audit.measure(audit.conversation(), ["open back spasm coach", "my back is spasming"])),
        ("default routine", audit.routine(start)),
    ]
    if "ShortRoutineIntent" in audit.model_intents():
        found.append(("short routine", audit.routine(["open back spasm coach", "a short routine"])))
    else:
        print("(the short routine is left out: the interaction model has no ShortRoutineIntent yet)\n")
    found.append(("slower routine, longer holds",
                  audit.routine(["open back spasm coach", "slower please", "longer holds", "start stretches"])))
    found.append(("help", audit.measure(audit.conversation(), ["open back spasm coach", "help", "start stretches",
                                                               "no", "no", "help"])))
    found += [("info: %s" % name, turns) for name, turns in audit.info_topics()]
    return found


# -- report -------------------------------------------------------------------------------
def tool_versions() -> Dict[str, str]:
    versions = {}
    for tool, flag in (("espeak-ng", "--version"), ("sox", "--version")):
        out = subprocess.run([tool, flag], capture_output=True, text=True)
        versions[tool] = (out.stdout or out.stderr).strip().splitlines()[0]
    return versions


def report(found: List[Tuple[str, List[Turn]]], show_turns: bool) -> Dict[str, Any]:
    all_turns = [t for _, turns in found for t in turns]
    stretch_turns = [t.seconds for t in all_turns if t.stretch]
    holds = [h for t in all_turns for h in t.holds]
    longest = max(all_turns, key=lambda t: t.seconds)
    summary = {
        "turns": len(all_turns),
        "longest_turn_s": round(longest.seconds, 1),
        "turns_over_45_s": sum(1 for t in all_turns if t.seconds > MAX_TURN_S),
        "stretch_turns": len(stretch_turns),
        "median_stretch_turn_s": round(statistics.median(stretch_turns), 1) if stretch_turns else None,
        "holds": len(holds),
        "holds_off": sum(1 for h in holds if not h.ok),
    }
    for name, turns in found:
        stretch = [t for t in turns if t.stretch]
        line = "%-32s %3d turns, %5.1f s in all, longest %5.1f s" % (
            name, len(turns), sum(t.seconds for t in turns), max((t.seconds for t in turns), default=0))
        if stretch:
            line += ", median stretch turn %4.1f s (%d)" % (statistics.median(t.seconds for t in stretch), len(stretch))
        print(line)
        if show_turns:
            for t in turns:
                print("    %-20s %5.1f s  %3d words  %4.1f s of breaks%s" % (
                    t.said[:20], t.seconds, t.words, t.breaks_s, "  stretch" if t.stretch else ""))
    print()
    print("holds: stretch, count, real seconds (off by), range in the content")
    seen = set()
    for h in holds:
        key = (h.stretch, h.count, round(h.seconds, 2))
        if key in seen:
            continue
        seen.add(key)
        print("    %-14s %2d  %5.2f s (%+5.1f%%)  %s-%s s  %s" % (
            h.stretch, h.count, h.seconds, 100 * h.off_by, h.low, h.high, "ok" if h.ok else "OFF"))
    print()
    targets = [
        ("no turn over %d s of audio" % MAX_TURN_S, summary["turns_over_45_s"] == 0,
         "longest %.1f s (%s), %d over" % (longest.seconds, longest.said, summary["turns_over_45_s"])),
        ("median stretch turn at most %d s" % MAX_MEDIAN_STRETCH_TURN_S,
         summary["median_stretch_turn_s"] is not None and summary["median_stretch_turn_s"] <= MAX_MEDIAN_STRETCH_TURN_S,
         "%s s over %d stretch turns" % (summary["median_stretch_turn_s"], len(stretch_turns))),
        ("every hold within 15% of its count and its range", summary["holds_off"] == 0,
         "%d of %d off" % (summary["holds_off"], len(holds))),
    ]
    for name, passed, figure in targets:
        print("%-4s %-50s %s" % ("PASS" if passed else "FAIL", name, figure))
    summary["targets_met"] = all(passed for _, passed, _ in targets)
    return summary


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "audit.json",
                        help="where to write the figures (default build/audit.json)")
    parser.add_argument("--turns", action="store_true", help="print every turn")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        print("audit: %s not found. On Debian or Ubuntu: apt-get install espeak-ng sox "
              "(make audit does this where it can)." % " and ".join(missing), file=sys.stderr)
        return 1
    versions = tool_versions()
    print("espeak-ng: %s\nsox: %s\n" % (versions["espeak-ng"], versions["sox"]))
    with tempfile.TemporaryDirectory() as workdir:
        audit = Audit(Renderer(Path(workdir)))
        found = conversations(audit)
        summary = report(found, args.turns)
    summary["tools"] = versions
    summary["conversations"] = {name: [{"said": t.said, "seconds": round(t.seconds, 2), "stretch": t.stretch,
                                        "holds": [[h.stretch, h.count, round(h.seconds, 2)] for h in t.holds]}
                                       for t in turns] for name, turns in found}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
