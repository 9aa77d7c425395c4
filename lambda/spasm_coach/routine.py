"""The guided stretch routine: state + event → new state + what to say.

Plain functions with no SDK types. The state is a small JSON-able dict that lives in
the session attributes (and, through the memory layer, across sessions):

    {"id": "gentle", "step": 2, "part": 0, "status": "active", "stage": "setup"}

``id`` names a routine in the content, or ``"single:<stretch>"`` for one stretch on
request. A *step* is one stretch, with all its sides. Its repetitions are said in
*parts*, each a turn short enough to follow lying on the floor (the content's turn
budget), one side at a time; "next" moves to the next part, then the next step.

Turns are shaped for listening:
- a stretch starts with its *set-up* (``stage: "setup"``): where to lie, how many times
  ("three times on each side"), then "say ready when you're in position";
- a caution that needs an answer ("do you have osteoporosis?") is a question of its own
  before the set-up (``stage: "caution"``);
- then the counted repetitions, the first said in full, the others with a short cue;
- the last part of a stretch ends with one quick question: better, the same, or worse?
- resuming (a pause, the next day) gives the set-up again before the repetitions.

A hold is counted one number a second at every pace (the gap after each number is what
the spoken number leaves of the second), so a hold lasts its count and stays within the
stretch's range in the content (clinical.md). Slower speaks more slowly and breathes and
pauses longer; it never holds longer.

A turn is the same words every time for one locale, pace and hold length, so each is
rendered once (``Content.derived``) and reused as a frozen speech block.

Every event returns the new state, the speech, and the ``Turn`` it says (or None when it
says no stretch): which stretch, step n of m, the side, the repetitions, the hold, the
question it asks, and when each repetition and each counted hold starts in the speech.
"""
from __future__ import annotations

import functools
from typing import AbstractSet, Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple

from .content import Content
from .speech import Block, Speech, spoken_list

ACTIVE, PAUSED, FINISHED = "active", "paused", "finished"
CAUTION, SETUP = "caution", "setup"  # stages before a part's repetitions
SINGLE_PREFIX = "single:"
# Questions a turn may ask (questions.py): a stretch's caution ("caution_" + its id in the
# content), and how the back feels now.
CAUTION_PREFIX, FEEDBACK_QUESTION = "caution_", "feedback"

Prefs = Mapping[str, str]
State = Dict[str, Any]
# Stretch ids to leave out for the rest of a session (the ones that hurt or made it worse).
Avoid = AbstractSet[str]
NOTHING: Avoid = frozenset()
# What every event returns: the new state, what to say, and the turn it says (if any).
Moved = Tuple[State, Speech, Optional["Turn"]]


class Step(NamedTuple):
    """One stretch of a routine, and how many times it is done."""

    stretch: str
    reps: int                                  # repetitions on each side
    sides: Tuple[Optional[str], ...] = (None,)


class Part(NamedTuple):
    """The repetitions of one side of a step said in one turn."""

    side: Optional[str]
    first: int  # the side's repetition this part starts with (0-based)
    reps: int


class Turn(NamedTuple):
    """What one turn guides, beside its speech. Times are seconds from the start of the
    reply's speech, estimated the way the turn budget is (words per second and pauses)."""

    routine: str
    step: int                      # index of the step in the routine
    part: int
    steps: int                     # how many steps the routine has
    stretch: str
    side: Optional[str]
    first_rep: int                 # number of this turn's first repetition on its side (1-based)
    reps: int                      # repetitions in this turn (0: the set-up or the caution)
    total_reps: int                # repetitions on each side
    hold_s: Optional[int]          # seconds of each counted hold; None: no hold
    lead_s: float                  # speech before the turn's own words
    rep_starts: Tuple[float, ...]  # when each repetition starts
    hold_starts: Tuple[float, ...]  # when each spoken count starts ("one")
    stage: Optional[str] = None    # CAUTION, SETUP, or None for repetitions
    asks: Optional[str] = None     # the question the turn ends with (questions.py), if any


def _bounded(value: Any, limits: Mapping[str, Any]) -> int:
    """A repetition count within the stretch's range (its default when out of range)."""
    low, high, default = int(limits["min"]), int(limits["max"]), int(limits["default"])
    return value if isinstance(value, int) and low <= value <= high else default


def routine_steps(content: Content, routine_id: str) -> Tuple[Step, ...]:
    """The steps of a routine id; an unknown id has none."""
    if not isinstance(routine_id, str):
        return ()
    if routine_id.startswith(SINGLE_PREFIX):
        name = routine_id[len(SINGLE_PREFIX):]
        stretch = content.stretches.get(name)
        if not stretch or stretch.get("prevention_only"):
            return ()
        return content.derived(("steps", routine_id), lambda: (
            Step(name, int(stretch["reps"]["default"]), tuple(stretch.get("sides") or [None])),))
    routine = content.routines.get(routine_id)
    if not routine:
        return ()

    def build() -> Tuple[Step, ...]:
        reps = routine.get("reps") or {}
        return tuple(Step(name, _bounded(reps.get(name), content.stretches[name]["reps"]),
                          tuple(content.stretches[name].get("sides") or [None]))
                     for name in routine["steps"])
    return content.derived(("steps", routine_id), build)


def step_name(content: Content, step: Step) -> str:
    return content.stretches[step.stretch]["name"]


def is_valid(content: Content, state: Any) -> bool:
    """Whether a stored or carried state can be used (defends against old or odd data)."""
    if not isinstance(state, dict):
        return False
    routine_id, step, part = state.get("id"), state.get("step"), state.get("part", 0)
    if not isinstance(routine_id, str) or type(step) is not int or type(part) is not int:
        return False
    steps = routine_steps(content, routine_id)
    if not (0 <= step < len(steps) and part >= 0 and state.get("status") in (ACTIVE, PAUSED, FINISHED)):
        return False
    stage = state.get("stage")
    if stage == CAUTION:
        return bool(content.stretches[steps[step].stretch].get("caution"))
    return stage in (None, SETUP)


def coach_for(content: Content, prefs: Optional[Prefs] = None) -> "Coach":
    """The coach for a locale's content and a person's preferences. A coach holds nothing
    that changes, and only the pace and the hold length make one speak differently, so
    there is one per locale and style, made on first use (not one per request)."""
    prefs = prefs or {}
    slower, hold = prefs.get("pace") == "slower", prefs.get("hold")
    hold = hold if hold in ("longer", "shorter") else None
    style = {"pace": "slower"} if slower else {}
    if hold:
        style["hold"] = hold
    return content.derived(("coach_for", slower, hold), lambda: Coach(content, style))


class Coach:
    """Renders and moves through a routine for one locale and one person's preferences."""

    def __init__(self, content: Content, prefs: Optional[Prefs] = None):
        self.content = content
        self.prefs = dict(prefs or {})
        voice = content.voice
        slower = self.prefs.get("pace") == "slower"
        self.rate = voice["slower_rate"] if slower else voice["rate"]
        self.wps = float(voice["words_per_second"]) * (float(voice["slower_words_factor"]) if slower else 1.0)
        # Pauses and breaths: longer when slower. Holds: never.
        self.pause_factor = float(voice["slower_pause_factor"]) if slower else 1.0
        # One spoken number a second: the gap is what the number leaves of its second.
        self.gap_ms = max(200, int(round(1000.0 - 1000.0 / self.wps)))
        self.budget = float(voice["turn_budget_s"])
        hold = self.prefs.get("hold")
        # What the rendered words depend on, from a finite set whatever the session holds.
        self._style = (slower, hold if hold in ("longer", "shorter") else None)

    def _derived(self, *key: Any, build: Any) -> Any:
        return self.content.derived(("coach", self._style) + key, build)

    def speech(self) -> Speech:
        return Speech(rate=self.rate, words_per_second=self.wps)

    def pause(self, speech: Speech, seconds: float) -> Speech:
        """A pause at this pace (longer when slower)."""
        return speech.pause(seconds * self.pause_factor)

    def fixed(self, key: str, build: Callable[[Speech], Speech]) -> Speech:
        """Speech made only of the locale's fixed lines (``build`` fills a new Speech),
        rendered once per locale and style. ``key`` names it in code, never from a request."""
        block = self._derived("fixed", key, build=lambda: build(self.speech()).freeze())
        return self.speech().extend(block)

    # -- events ---------------------------------------------------------------------
    def start(self, routine_id: str, lead: Optional[Speech] = None, avoid: Avoid = NOTHING) -> Moved:
        speech = lead if lead is not None else self.speech()
        if routine_id.startswith(SINGLE_PREFIX):
            stretch = self.content.stretches[routine_id[len(SINGLE_PREFIX):]]
            speech.say(self.content.text("routine_lines.single_intro", name=stretch["name"]))
        else:
            count = sum(1 for s in routine_steps(self.content, routine_id) if s.stretch not in avoid)
            speech.say(self._derived("intro", count, build=lambda: self.content.text(
                "routine_lines.intro", count=self.content.number(count))))  # filled once per count
        self.pause(speech, 1)
        return self._to_step({"id": routine_id}, 0, speech, avoid)

    def current(self, state: State, lead: Optional[Speech] = None,
                avoid: Avoid = NOTHING) -> Moved:
        """Pick up where a state is (resume, after a pause, the next day): the set-up of
        the current stretch again, then its part; a stretch left out moves on."""
        speech = lead if lead is not None else self.speech()
        if self.stretch_at(state) in avoid:
            return self._to_step(state, state["step"] + 1, speech, avoid)
        stage = CAUTION if state.get("stage") == CAUTION else SETUP
        return self._turn(self._at(state, state["step"], state.get("part", 0), stage), speech)

    def next(self, state: State, avoid: Avoid = NOTHING) -> Moved:
        """On: caution → set-up → each part → the next stretch ("next" and "ready")."""
        if state.get("status") == FINISHED:
            return state, self.speech().say(self.content.text("routine_lines.already_finished")), None
        if self.stretch_at(state) in avoid:
            return self._to_step(state, state["step"] + 1, self.speech(), avoid)
        stage = state.get("stage")
        if stage == CAUTION:
            return self.answer_caution(state, applies=False)
        parts = self.parts(self.step_at(state))
        part = min(state.get("part", 0), len(parts) - 1)
        if stage == SETUP:
            return self._turn(self._at(state, state["step"], part, None), self.speech())
        if part + 1 < len(parts):
            return self._turn(self._at(state, state["step"], part + 1, None), self.speech())
        return self._to_step(state, state["step"] + 1, self.speech(), avoid)

    def answer_caution(self, state: State, applies: bool, avoid: Avoid = NOTHING,
                       lead: Optional[Speech] = None) -> Moved:
        """The answer to a stretch's caution: it applies (leave the stretch out: the
        caller keeps it in ``avoid``) or not (on to its set-up)."""
        speech = lead if lead is not None else self.speech()
        if applies:
            self.pause(speech.say(self.content.text("routine_lines.caution_left_out")), 0.5)
            return self._to_step(state, state["step"] + 1, speech, avoid | {self.stretch_at(state)})
        return self._turn(self._at(state, state["step"], 0, SETUP), speech)

    def skip(self, state: State, avoid: Avoid = NOTHING, lead: Optional[Speech] = None,
             announce: bool = True) -> Moved:
        speech = lead if lead is not None else self.speech()
        if state.get("status") == FINISHED:
            return state, speech.say(self.content.text("routine_lines.already_finished")), None
        if announce:
            self.pause(speech.say(self.content.text("routine_lines.skip")), 1)
        return self._to_step(state, state["step"] + 1, speech, avoid)

    def previous(self, state: State, avoid: Avoid = NOTHING) -> Moved:
        """Back: to the start of this stretch's repetitions (in position already), or
        to the set-up of the stretch before."""
        speech = self.speech()
        steps = routine_steps(self.content, state["id"])
        if state.get("status") != FINISHED and state.get("stage") is None and state.get("part", 0) > 0 \
                and steps[state["step"]].stretch not in avoid:
            return self._turn(self._at(state, state["step"], 0, None), speech)
        if state.get("status") == FINISHED:
            target = len(steps) - 1
        elif state["step"] == 0:
            self.pause(speech.say(self.content.text("routine_lines.first_step")), 1)
            target = 0
        else:
            target = state["step"] - 1
        while target > 0 and steps[target].stretch in avoid:
            target -= 1
        return self._to_step(state, target, speech, avoid)

    def go_to(self, state: State, stretch: str, avoid: Avoid = NOTHING) -> Optional[Moved]:
        """To a stretch of this routine named by the person, earlier or later ("back to the
        knee rolls", "skip to the cat cow"): its caution or set-up. None when the routine has
        no such stretch, or it is left out."""
        steps = routine_steps(self.content, state["id"])
        index = next((i for i, step in enumerate(steps) if step.stretch == stretch), None)
        if index is None or stretch in avoid:
            return None
        return self._to_step(state, index, self.speech(), avoid)

    def start_over(self, state: State, avoid: Avoid = NOTHING, lead: Optional[Speech] = None) -> Moved:
        speech = lead if lead is not None else self.speech()
        self.pause(speech.say(self.content.text("routine_lines.start_over")), 1)
        return self._to_step(state, 0, speech, avoid)

    def again(self, state: State) -> Optional[Speech]:
        """The current turn's own words, without whatever led into it (for "repeat")."""
        if state.get("status") != ACTIVE:
            return None
        return self.speech().extend(self._words_at(state)[1])

    # -- where a state stands -------------------------------------------------------
    def step_at(self, state: State) -> Step:
        return routine_steps(self.content, state["id"])[state["step"]]

    def stretch_at(self, state: State) -> str:
        """The stretch id of a valid state's current step."""
        return self.step_at(state).stretch

    def asks(self, state: State) -> Optional[str]:
        """The question the turn at ``state`` ends with (questions.py), if any."""
        if state.get("status") != ACTIVE:
            return None
        if state.get("stage") == CAUTION:
            return CAUTION_PREFIX + self.content.stretches[self.stretch_at(state)]["caution"]["id"]
        if state.get("stage") is None and state.get("part", 0) >= len(self.parts(self.step_at(state))) - 1:
            return FEEDBACK_QUESTION
        return None

    def prompt(self, state: State) -> Tuple[str, str]:
        """(the line a turn at ``state`` ends with, its reprompt): what it waits for."""
        text = self.content.text
        if state.get("status") == FINISHED:
            return text("routine_lines.already_finished"), text("routine_lines.already_finished_reprompt")
        stage = state.get("stage")
        if stage == CAUTION:
            caution = self.content.stretches[self.stretch_at(state)]["caution"]
            return caution["question"], caution["reprompt"]
        if stage == SETUP:
            return text("routine_lines.ready_prompt"), text("routine_lines.ready_reprompt")
        parts = self.parts(self.step_at(state))
        part = min(state.get("part", 0), len(parts) - 1)
        if part == len(parts) - 1:
            return text("routine_lines.feedback"), text("routine_lines.feedback_reprompt")
        if parts[part + 1].side != parts[part].side:
            side = parts[part + 1].side  # a side of the catalogue: its line is filled once
            return (self._derived("next_side_prompt", side, build=lambda: text(
                        "routine_lines.next_side_prompt", side=self.content.side(side))),
                    text("routine_lines.next_reprompt"))
        return text("routine_lines.next_prompt"), text("routine_lines.next_reprompt")

    def remaining(self, state: State, avoid: Avoid = NOTHING) -> Speech:
        """Where we are, and how many stretches are left after this one (a number)."""
        speech = self.speech()
        steps = routine_steps(self.content, state["id"])
        if state.get("status") == FINISHED:
            return speech.say(self.content.text("routine_lines.already_finished"))
        later = [s for s in steps[state["step"] + 1:] if s.stretch not in avoid]
        if later:
            left = self.content.text(
                "routine_lines.remaining_some", count=self.content.number(len(later)),
                names=spoken_list([step_name(self.content, s) for s in later],
                                  self.content.text("speech.list_and")))
        else:
            left = self.content.text("routine_lines.remaining_last")
        return speech.say(self.content.text("routine_lines.remaining", **dict(self.describe(state), left=left)))

    def hold_length(self, state: State) -> Speech:
        """How long the current stretch is held (at this person's hold length), or that it
        is moved through with the breath and has no hold."""
        step = self.step_at(state)
        stretch = self.content.stretches[step.stretch]
        if not stretch.get("hold"):
            return self.speech().say(self.content.text("routine_lines.hold_length_none",
                                                       name=step_name(self.content, step)))
        return self.speech().say(self.content.text("routine_lines.hold_length",
                                                   seconds=self.content.number(self.hold_seconds(stretch))))

    def listing(self, routine_id: str, avoid: Avoid = NOTHING) -> Speech:
        """The stretches of a routine, with how many there are."""
        steps = [s for s in routine_steps(self.content, routine_id) if s.stretch not in avoid]
        names = spoken_list([step_name(self.content, s) for s in steps], self.content.text("speech.list_and"))
        return self.speech().say(self.content.text(
            "routine_lines.list", routine=self.content.routines[routine_id]["name"],
            count=self.content.number(len(steps)), names=names))

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

    def rep(self, step: Step, side: Optional[str] = None, index: int = 0) -> Block:
        """One repetition of a step: the ``index``-th on ``side`` (0-based)."""
        return self._rep(step.stretch, side, index)[0]

    def _rep(self, stretch_id: str, side: Optional[str], index: int) -> Tuple[Block, Tuple[float, ...]]:
        """One repetition, and when each of its counts starts within it. The first of each
        side (each way, for a stretch that alternates) is said in full, the rest with the
        stretch's short cue."""
        stretch = self.content.stretches[stretch_id]
        alternate = stretch.get("alternate") or []
        if alternate:
            side = alternate[index % len(alternate)]
        full = index < max(1, len(alternate)) or not stretch.get("again")
        return self._derived("rep", stretch_id, side, full,
                             build=lambda: self._render_rep(stretch_id, side, full))

    def _render_rep(self, stretch_id: str, side: Optional[str], full: bool) -> Tuple[Block, Tuple[float, ...]]:
        stretch = self.content.stretches[stretch_id]
        voice = self.content.voice
        speech = self.speech()
        holds = []
        for move in stretch["rep"] if full else stretch["again"]:
            speech.say(self.content.fill(move["say"], side=self.content.side(side)))
            if move.get("hold"):
                speech.say(self.content.text("routine_lines.hold_intro"))
                holds.append(speech.seconds)
                speech.count(self.hold_seconds(stretch), self.content.raw("speech.numbers"), gap_ms=self.gap_ms)
            for _ in range(int(move.get("breath") or 0)):
                speech.breath(voice["breath_in_s"] * self.pause_factor, voice["breath_out_s"] * self.pause_factor,
                              self.content.text("routine_lines.breathe_in"),
                              self.content.text("routine_lines.breathe_out"))
            if move.get("pause"):
                self.pause(speech, move["pause"])
        return speech.freeze(), tuple(holds)

    def parts(self, step: Step) -> Tuple[Part, ...]:
        """The turns a step's repetitions are said in: each side on its own, split evenly
        into as few turns as keep each within the turn budget."""
        return self._derived("parts", step, build=lambda: self._split(step))

    def _split(self, step: Step) -> Tuple[Part, ...]:
        text = self.content.text
        prompts = [text("routine_lines.feedback"), text("routine_lines.next_prompt")] + [
            text("routine_lines.next_side_prompt", side=self.content.side(side)) for side in step.sides if side]
        # Around a part's repetitions: a side's first words, the pause at the end, the prompt.
        ending = self.pause_factor + max(self.speech().say(line).seconds for line in prompts)
        parts: List[Part] = []
        for side in step.sides:
            lead = 0.0
            if side is not None and side != step.sides[0]:
                lead = (self.speech().say(text("routine_lines.side_intro", side=self.content.side(side))).seconds
                        + 2 * self.pause_factor)
            seconds = [self.rep(step, side, i).seconds(self.wps) + (self.pause_factor if i else 0.0)
                       for i in range(step.reps)]
            limit = self.budget - lead - ending
            turns = 1
            while turns < step.reps and _balanced(seconds, turns)[0] > limit:
                turns += 1
            first = 0
            for size in _balanced(seconds, turns)[1]:
                parts.append(Part(side, first, size))
                first += size
        return tuple(parts)

    def _finished_line(self, routine_id: str) -> str:
        if routine_id.startswith(SINGLE_PREFIX):
            name = self.content.stretches[routine_id[len(SINGLE_PREFIX):]]["name"]
            return self.content.text("routine_lines.single_finished", name=name)
        return self.content.text("routine_lines.finished")

    def _at(self, state: State, index: int, part: int, stage: Optional[str]) -> State:
        moved = {"id": state["id"], "step": index, "part": part, "status": ACTIVE}
        if stage:
            moved["stage"] = stage
        return moved

    def _to_step(self, state: State, index: int, speech: Speech, avoid: Avoid = NOTHING) -> Moved:
        """Arrive at a stretch (the first not left out from ``index``): its caution or
        its set-up; past the last one, the routine is finished."""
        steps = routine_steps(self.content, state["id"])
        while index < len(steps) and steps[index].stretch in avoid:
            index += 1
        if index >= len(steps):
            done = {"id": state["id"], "step": len(steps) - 1, "part": 0, "status": FINISHED}
            return done, speech.say(self._finished_line(done["id"])), None
        caution = self.content.stretches[steps[index].stretch].get("caution")
        return self._turn(self._at(state, index, 0, CAUTION if caution else SETUP), speech)

    def _turn(self, state: State, speech: Speech) -> Moved:
        state, block = self._words_at(state)
        turn = self.turn_at(state["id"], state["step"], state["part"], speech.seconds, state.get("stage"))
        return state, speech.extend(block), turn

    def _words_at(self, state: State) -> Tuple[State, Block]:
        """``state`` (active) at a part its step has, and that turn's words (rendered once)."""
        routine_id, index = state["id"], state["step"]
        parts = self.parts(routine_steps(self.content, routine_id)[index])
        state = dict(state, part=min(state.get("part", 0), len(parts) - 1))
        return state, self._rendered_turn(routine_id, index, state["part"], state.get("stage"))[0]

    def _rendered_turn(self, routine_id: str, index: int, part: int, stage: Optional[str]) -> Tuple[Block, Any]:
        return self._derived("turn", routine_id, index, part, stage,
                             build=lambda: self._render_turn(routine_id, index, part, stage))

    def turn_at(self, routine_id: str, index: int, part: int, lead_s: float = 0.0,
                stage: Optional[str] = None) -> Turn:
        """The Turn of a routine's step, part and stage, said after ``lead_s`` seconds of
        other speech (a valid position: is_valid). Built once per position; only a lead
        shifts its times."""
        parts = self.parts(routine_steps(self.content, routine_id)[index])
        part = min(max(part, 0), len(parts) - 1)
        stage = stage if stage in (CAUTION, SETUP) else None
        turn = self._derived("turn_at", routine_id, index, part, stage,
                             build=lambda: self._build_turn(routine_id, index, part, stage))
        if not lead_s:
            return turn
        # The same Turn with its times shifted.
        return turn._replace(lead_s=lead_s, rep_starts=tuple(lead_s + t for t in turn.rep_starts),
                             hold_starts=tuple(lead_s + t for t in turn.hold_starts))

    def _build_turn(self, routine_id: str, index: int, part: int, stage: Optional[str]) -> Turn:
        steps = routine_steps(self.content, routine_id)
        step = steps[index]
        parts = self.parts(step)
        _, (rep_starts, hold_starts) = self._rendered_turn(routine_id, index, part, stage)
        stretch = self.content.stretches[step.stretch]
        state = {"id": routine_id, "step": index, "part": part, "status": ACTIVE, "stage": stage}
        return Turn(routine=routine_id, step=index, part=part, steps=len(steps), stretch=step.stretch,
                    side=parts[part].side, first_rep=parts[part].first + 1,
                    reps=0 if stage else parts[part].reps, total_reps=step.reps,
                    hold_s=self.hold_seconds(stretch) if stretch.get("hold") else None,
                    lead_s=0.0, rep_starts=rep_starts, hold_starts=hold_starts, stage=stage,
                    asks=self.asks(state))

    def _render_turn(self, routine_id: str, index: int, part: int, stage: Optional[str]) -> Tuple[Block, Any]:
        """One turn's words, and when its repetitions and counts start in it."""
        text = self.content.text
        steps = routine_steps(self.content, routine_id)
        step = steps[index]
        stretch = self.content.stretches[step.stretch]
        parts = self.parts(step)
        here = parts[part]
        state = {"id": routine_id, "step": index, "part": part, "status": ACTIVE, "stage": stage}
        speech = self.speech()
        rep_starts: List[float] = []
        hold_starts: List[float] = []
        if stage:
            if not routine_id.startswith(SINGLE_PREFIX):
                speech.say(text("routine_lines.step_intro", number=self.content.number(index + 1),
                                total=self.content.number(len(steps)), name=step_name(self.content, step)))
            if stage == SETUP:
                speech.say(stretch["setup"])
                speech.say(self._count_line(step, here))
        else:
            first_of_side = here.first == 0
            if first_of_side and here.side is not None and here.side != step.sides[0]:
                self.pause(speech.say(text("routine_lines.side_intro", side=self.content.side(here.side))), 2)
            for rep in range(here.first, here.first + here.reps):
                if rep > here.first:
                    self.pause(speech, 1)
                block, holds = self._rep(step.stretch, here.side, rep)
                start = speech.seconds
                rep_starts.append(start)
                hold_starts.extend(start + hold for hold in holds)
                speech.extend(block)
            self.pause(speech, 1)
        speech.say(self.prompt(state)[0])
        return speech.freeze(), (tuple(rep_starts), tuple(hold_starts))

    def _count_line(self, step: Step, here: Part) -> str:
        """How many times, true for the whole stretch; when picking up part-way, where from."""
        text = self.content.text
        if here.first or (here.side is not None and here.side != step.sides[0]):
            if here.side is None:
                return text("routine_lines.resume_from", number=self.content.number(here.first + 1),
                            total=self.content.number(step.reps))
            return text("routine_lines.resume_from_side", side=self.content.side(here.side),
                        number=self.content.number(here.first + 1), total=self.content.number(step.reps))
        stretch = self.content.stretches[step.stretch]
        if stretch.get("count"):
            return self.content.fill(stretch["count"], count=self.content.number(step.reps))
        if step.sides[0] is not None:
            return text("routine_lines.rep_count_sides", count=self.content.number(step.reps),
                        side=self.content.side(step.sides[0]))
        return text("routine_lines.rep_count", count=self.content.number(step.reps))


def _balanced(seconds: List[float], turns: int) -> Tuple[float, Tuple[int, ...]]:
    """The split of repetitions (their seconds, in order) into ``turns`` turns, each of at
    least one, whose longest turn is shortest: (its seconds, the sizes). Of equally good
    splits, the one whose sizes differ least."""
    @functools.lru_cache(maxsize=None)
    def best(start: int, left: int) -> Tuple[float, int, Tuple[int, ...]]:
        if left == 1:
            return sum(seconds[start:]), 0, (len(seconds) - start,)
        found = None
        for size in range(1, len(seconds) - start - left + 2):
            rest_longest, rest_spread, rest = best(start + size, left - 1)
            sizes = (size,) + rest
            candidate = (max(sum(seconds[start:start + size]), rest_longest), max(sizes) - min(sizes), sizes)
            if found is None or candidate[:2] < found[:2]:
                found = candidate
        return found  # type: ignore[return-value]
    longest, _, sizes = best(0, max(1, min(turns, len(seconds))))
    return longest, sizes
