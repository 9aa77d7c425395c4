"""The guided stretch routine: state + event → new state + what to say.

Plain functions with no SDK types. The state is a small JSON-able dict that lives in
the session attributes (and, through the memory layer, across sessions):

    {"id": "gentle", "step": 2, "part": 0, "status": "active"}

``id`` names a routine in the content, or ``"single:<stretch>"`` for one stretch on
request. A *step* is one stretch (one side of it, for two-sided stretches). A step's
repetitions are split into *parts* so that no turn runs past the content's turn
budget (about 85 seconds of speech); "next" moves to the next part, then the next step.

A turn is the same words every time for one locale and one pace and hold length, so
each is rendered once (``Content.derived``) and reused as a frozen speech block.

Every event returns the new state, the speech, and the ``Turn`` it says (or None when it
says no stretch): which stretch, step n of m, the side, the repetitions, the hold, and
when each repetition and each counted hold starts in the speech, for a screen to show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Any, Callable, Dict, Mapping, Optional, Tuple

from .content import Content
from .speech import Block, Speech, spoken_list

ACTIVE, PAUSED, FINISHED = "active", "paused", "finished"
SINGLE_PREFIX = "single:"
# Seconds of speech around the repetitions in a turn that are not the stretch itself.
TURN_OVERHEAD_S = 12.0

Prefs = Mapping[str, str]
State = Dict[str, Any]
# Stretch ids to leave out for the rest of a session (the ones that hurt).
Avoid = AbstractSet[str]
NOTHING: Avoid = frozenset()
# What every event returns: the new state, what to say, and the turn it says (if any).
Moved = Tuple[State, Speech, Optional["Turn"]]


@dataclass(frozen=True)
class Step:
    stretch: str
    side: Optional[str] = None


@dataclass(frozen=True)
class Turn:
    """What one turn guides, beside its speech. Times are seconds from the start of the
    reply's speech, estimated the way the turn budget is (words per second and pauses)."""

    routine: str
    step: int                      # index of the step in the routine
    part: int
    steps: int                     # how many steps the routine has
    stretch: str
    side: Optional[str]
    first_rep: int                 # number of this turn's first repetition (1-based)
    reps: int                      # repetitions in this turn
    total_reps: int                # repetitions of the step, over all its turns
    hold_s: Optional[int]          # seconds of each counted hold; None: no hold
    lead_s: float                  # speech before the turn's own words
    rep_starts: Tuple[float, ...]  # when each repetition starts
    hold_starts: Tuple[float, ...]  # when each spoken count starts ("one")


def routine_steps(content: Content, routine_id: str) -> Tuple[Step, ...]:
    """The steps of a routine id; an unknown id has none."""
    if routine_id.startswith(SINGLE_PREFIX):
        name = routine_id[len(SINGLE_PREFIX):]
        stretch = content.stretches.get(name)
        if not stretch or stretch.get("prevention_only"):
            return ()
        return content.derived(("steps", routine_id), lambda: tuple(
            Step(name, side) for side in stretch.get("sides", [None])))
    routine = content.routines.get(routine_id)
    if not routine:
        return ()
    return content.derived(("steps", routine_id), lambda: tuple(
        Step(name, side or None) for name, _, side in (e.partition(":") for e in routine["steps"])))


def step_name(content: Content, step: Step) -> str:
    name = content.stretches[step.stretch]["name"]
    if step.side:
        return content.text("routine_lines.side_name", name=name, side=content.side(step.side))
    return name


def is_valid(content: Content, state: Any) -> bool:
    """Whether a stored or carried state can be used (defends against old or odd data)."""
    if not isinstance(state, dict):
        return False
    routine_id, step, part = state.get("id"), state.get("step"), state.get("part", 0)
    if not isinstance(routine_id, str) or not isinstance(step, int) or not isinstance(part, int):
        return False
    steps = routine_steps(content, routine_id)
    return 0 <= step < len(steps) and part >= 0 and state.get("status") in (ACTIVE, PAUSED, FINISHED)


class Coach:
    """Renders and moves through a routine for one locale and one person's preferences."""

    def __init__(self, content: Content, prefs: Optional[Prefs] = None):
        self.content = content
        self.prefs = dict(prefs or {})
        voice = content.voice
        slower = self.prefs.get("pace") == "slower"
        self.rate = voice["slower_rate"] if slower else voice["rate"]
        self.wps = float(voice["words_per_second"]) * (0.85 if slower else 1.0)
        self.gap_ms = int(voice["count_gap_ms"] * (1.3 if slower else 1.0))
        self.budget = float(voice["turn_budget_s"])
        hold = self.prefs.get("hold")
        # What the rendered words depend on, from a finite set whatever the session holds.
        self._style = (slower, hold if hold in ("longer", "shorter") else None)

    def _derived(self, *key: Any, build: Any) -> Any:
        return self.content.derived(("coach", self._style) + key, build)

    def speech(self) -> Speech:
        return Speech(rate=self.rate, words_per_second=self.wps)

    def fixed(self, key: str, build: Callable[[Speech], Speech]) -> Speech:
        """Speech made only of the locale's fixed lines (``build`` fills a new Speech),
        rendered once per locale and style. ``key`` names it in code, never from a request."""
        block = self._derived("fixed", key, build=lambda: build(self.speech()).freeze())
        return self.speech().extend(block)

    # -- events ---------------------------------------------------------------------
    def start(self, routine_id: str, lead: Optional[Speech] = None) -> Moved:
        state = {"id": routine_id, "step": 0, "part": 0, "status": ACTIVE}
        speech = lead if lead is not None else self.speech()
        if routine_id.startswith(SINGLE_PREFIX):
            stretch = self.content.stretches[routine_id[len(SINGLE_PREFIX):]]
            speech.say(self.content.text("routine_lines.single_intro", name=stretch["name"]))
        else:
            speech.say(self.content.text("routine_lines.intro"))
        speech.pause(1)
        return self._turn(state, speech)

    def current(self, state: State, lead: Optional[Speech] = None,
                avoid: Avoid = NOTHING) -> Moved:
        """Say the current part again from its start (resume, or after a pause); a
        stretch left out moves on to the next one."""
        speech = lead if lead is not None else self.speech()
        if self.stretch_at(state) in avoid:
            return self._to_step(state, state["step"] + 1, speech, avoid)
        state = dict(state, status=ACTIVE)
        return self._turn(state, speech)

    def next(self, state: State, avoid: Avoid = NOTHING) -> Moved:
        if state.get("status") == FINISHED:
            return state, self.speech().say(self.content.text("routine_lines.already_finished")), None
        steps = routine_steps(self.content, state["id"])
        parts = self.parts(steps[state["step"]])
        if state["part"] + 1 < len(parts) and self.stretch_at(state) not in avoid:
            return self._turn(dict(state, part=state["part"] + 1, status=ACTIVE), self.speech())
        return self._to_step(state, state["step"] + 1, self.speech(), avoid)

    def skip(self, state: State, avoid: Avoid = NOTHING, lead: Optional[Speech] = None,
             announce: bool = True) -> Moved:
        speech = lead if lead is not None else self.speech()
        if state.get("status") == FINISHED:
            return state, speech.say(self.content.text("routine_lines.already_finished")), None
        if announce:
            speech.say(self.content.text("routine_lines.skip")).pause(1)
        return self._to_step(state, state["step"] + 1, speech, avoid)

    def previous(self, state: State, avoid: Avoid = NOTHING) -> Moved:
        speech = self.speech()
        steps = routine_steps(self.content, state["id"])
        if state.get("status") == FINISHED:
            target = len(steps) - 1
        elif state["part"] > 0:
            target = state["step"]  # back to the start of this stretch
        elif state["step"] == 0:
            speech.say(self.content.text("routine_lines.first_step")).pause(1)
            target = 0
        else:
            target = state["step"] - 1
        while target > 0 and steps[target].stretch in avoid:
            target -= 1
        if steps[target].stretch in avoid:
            return self._to_step(state, target + 1, speech, avoid)
        return self._turn({"id": state["id"], "step": target, "part": 0, "status": ACTIVE}, speech)

    def start_over(self, state: State, avoid: Avoid = NOTHING) -> Moved:
        speech = self.speech().say(self.content.text("routine_lines.start_over")).pause(1)
        return self._to_step({"id": state["id"], "step": 0, "part": 0, "status": ACTIVE}, 0, speech, avoid)

    def stretch_at(self, state: State) -> str:
        """The stretch id of a valid state's current step."""
        return routine_steps(self.content, state["id"])[state["step"]].stretch

    def remaining(self, state: State) -> Speech:
        speech = self.speech()
        steps = routine_steps(self.content, state["id"])
        if state.get("status") == FINISHED:
            return speech.say(self.content.text("routine_lines.already_finished"))
        later = steps[state["step"] + 1:]
        if later:
            left = self.content.text(
                "routine_lines.remaining_some",
                names=spoken_list([step_name(self.content, s) for s in later],
                                  self.content.text("speech.list_and")))
        else:
            left = self.content.text("routine_lines.remaining_last")
        return speech.say(self.content.text(
            "routine_lines.remaining", number=self.content.number(state["step"] + 1),
            total=self.content.number(len(steps)), name=step_name(self.content, steps[state["step"]]),
            left=left))

    def describe(self, state: State) -> Dict[str, Any]:
        """Where a state stands, for help lines and welcome-back lines."""
        steps = routine_steps(self.content, state["id"])
        return {"number": self.content.number(state["step"] + 1), "total": self.content.number(len(steps)),
                "name": step_name(self.content, steps[state["step"]])}

    # -- rendering ------------------------------------------------------------------
    def hold_seconds(self, stretch: Mapping[str, Any]) -> int:
        hold = stretch.get("hold") or {}
        choice = self.prefs.get("hold")
        if choice == "longer":
            return int(hold.get("max", hold.get("default", 5)))
        if choice == "shorter":
            return int(hold.get("min", hold.get("default", 5)))
        return int(hold.get("default", 5))

    def rep(self, step: Step) -> Block:
        """One repetition of a step."""
        return self._rep(step)[0]

    def _rep(self, step: Step) -> Tuple[Block, Tuple[float, ...]]:
        """One repetition, and when each of its counts starts within it."""
        return self._derived("rep", step, build=lambda: self._render_rep(step))

    def _render_rep(self, step: Step) -> Tuple[Block, Tuple[float, ...]]:
        stretch = self.content.stretches[step.stretch]
        voice = self.content.voice
        speech = self.speech()
        holds = []
        for move in stretch["rep"]:
            speech.say(self.content.fill(move["say"], side=self.content.side(step.side)))
            if move.get("hold"):
                speech.say(self.content.text("routine_lines.hold_intro"))
                holds.append(speech.seconds)
                speech.count(self.hold_seconds(stretch), self.content.raw("speech.numbers"), gap_ms=self.gap_ms)
            if move.get("breath"):
                for _ in range(int(move["breath"])):
                    speech.breath(voice["breath_in_s"], voice["breath_out_s"],
                                  self.content.text("routine_lines.breathe_in"),
                                  self.content.text("routine_lines.breathe_out"))
            if move.get("pause"):
                speech.pause(move["pause"])
        return speech.freeze(), tuple(holds)

    def parts(self, step: Step) -> Tuple[int, ...]:
        """How many repetitions each turn of a step holds, within the turn budget."""
        return self._derived("parts", step, build=lambda: self._split(step))

    def _split(self, step: Step) -> Tuple[int, ...]:
        stretch = self.content.stretches[step.stretch]
        reps = int(stretch["reps"]["default"])
        one = max(self.rep(step).seconds(self.wps), 1.0)
        # The step's introduction, the routine's own lead-in and "say next" share the turn.
        overhead = self._intro(step, 0).seconds + TURN_OVERHEAD_S
        per_turn = max(1, int((self.budget - overhead) // one))
        turns = -(-reps // per_turn)  # ceiling division
        # Spread the repetitions evenly: 3 + 2 rather than 4 + 1.
        return tuple(reps // turns + (1 if i < reps % turns else 0) for i in range(turns))

    def _intro(self, step: Step, reps: int) -> Speech:
        stretch = self.content.stretches[step.stretch]
        speech = self.speech()
        sides = stretch.get("sides") or [None]
        if step.side and step.side != sides[0]:
            speech.say(self.content.text("routine_lines.side_intro"))
        else:
            speech.say(stretch["setup"])
            if stretch.get("caution"):
                speech.say(stretch["caution"])
        if reps:
            speech.say(self.content.text("routine_lines.rep_count", count=self.content.number(reps)))
        return speech.pause(1)

    def _finished_line(self, routine_id: str) -> str:
        if routine_id.startswith(SINGLE_PREFIX):
            name = self.content.stretches[routine_id[len(SINGLE_PREFIX):]]["name"]
            return self.content.text("routine_lines.single_finished", name=name)
        return self.content.text("routine_lines.finished")

    def _to_step(self, state: State, index: int, speech: Speech,
                 avoid: Avoid = NOTHING) -> Moved:
        steps = routine_steps(self.content, state["id"])
        while index < len(steps) and steps[index].stretch in avoid:
            index += 1
        if index >= len(steps):
            done = {"id": state["id"], "step": len(steps) - 1, "part": 0, "status": FINISHED}
            return done, speech.say(self._finished_line(done["id"])), None
        return self._turn({"id": state["id"], "step": index, "part": 0, "status": ACTIVE}, speech)

    def _turn(self, state: State, speech: Speech) -> Moved:
        routine_id, index = state["id"], state["step"]
        parts = self.parts(routine_steps(self.content, routine_id)[index])
        part = min(state["part"], len(parts) - 1)
        turn = self.turn_at(routine_id, index, part, speech.seconds)
        finished, block, _ = self._rendered_turn(routine_id, index, part)
        speech.extend(block)
        if finished:
            return {"id": routine_id, "step": index, "part": 0, "status": FINISHED}, speech, turn
        return dict(state, part=part), speech, turn

    def _rendered_turn(self, routine_id: str, index: int, part: int) -> Tuple[bool, Block, Any]:
        return self._derived("turn", routine_id, index, part,
                             build=lambda: self._render_turn(routine_id, index, part))

    def turn_at(self, routine_id: str, index: int, part: int, lead_s: float = 0.0) -> Turn:
        """The Turn of a routine's step and part, said after ``lead_s`` seconds of other
        speech (a valid position: is_valid)."""
        step = routine_steps(self.content, routine_id)[index]
        parts = self.parts(step)
        part = min(max(part, 0), len(parts) - 1)
        _, _, (rep_starts, hold_starts) = self._rendered_turn(routine_id, index, part)
        stretch = self.content.stretches[step.stretch]
        return Turn(routine=routine_id, step=index, part=part,
                    steps=len(routine_steps(self.content, routine_id)), stretch=step.stretch,
                    side=step.side, first_rep=sum(parts[:part]) + 1, reps=parts[part],
                    total_reps=sum(parts),
                    hold_s=self.hold_seconds(stretch) if stretch.get("hold") else None,
                    lead_s=lead_s, rep_starts=tuple(lead_s + t for t in rep_starts),
                    hold_starts=tuple(lead_s + t for t in hold_starts))

    def _render_turn(self, routine_id: str, index: int, part: int) -> Tuple[bool, Block, Any]:
        """One turn's words, whether it ends the routine, and when its repetitions and
        counts start in it."""
        steps = routine_steps(self.content, routine_id)
        step = steps[index]
        parts = self.parts(step)
        speech = self.speech()
        if part == 0:
            if not routine_id.startswith(SINGLE_PREFIX):
                speech.say(self.content.text(
                    "routine_lines.step_intro", number=self.content.number(index + 1),
                    total=self.content.number(len(steps)), name=step_name(self.content, step)))
            speech.extend(self._intro(step, parts[0]))
        else:
            speech.say(self.content.text("routine_lines.more_reps", count=self.content.number(parts[part]))).pause(1)
        rep_starts, hold_starts = [], []
        block, holds = self._rep(step)
        for rep in range(parts[part]):
            if rep:
                speech.pause(1)
            start = speech.seconds
            rep_starts.append(start)
            hold_starts.extend(start + hold for hold in holds)
            speech.extend(block)
        timing = (tuple(rep_starts), tuple(hold_starts))
        if part == len(parts) - 1 and index == len(steps) - 1:
            speech.pause(1).say(self._finished_line(routine_id))
            return True, speech.freeze(), timing
        speech.say(self.content.text("routine_lines.next_prompt"))
        return False, speech.freeze(), timing


