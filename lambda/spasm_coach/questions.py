"""Every question the skill asks, in one registry, and what each answer does.

A plain module with no SDK types. The session keeps only the id of the question that
is waiting for an answer (``pending``); the handlers read and write it through
``pending_in`` and ``put_pending`` here, and carry out a ``Decision`` from ``decide``.
Adding a question means adding one ``Question`` below (and its words in the content).

An answer is "yes", "no", one of a question's listed follow-ups (the ids of the
SAFETY_ANSWER slot type: "one_leg", "both_legs", "saddle", "bladder", "bowel"), a second
"I don't know" ("unsure"), or anything else, which is "unclear".

Safety questions follow four rules (clinical.md: red flags and how urgent they are;
the project's rule that a confirmed flag holds for the session):

1. "yes" to a red-flag question raises the level at once, to at least "doctor"; a
   follow-up answer may only raise it further (levels never go down here).
2. "no" clears only what that question asked about: it never lowers a level raised
   earlier, and says nothing about a symptom the question did not cover.
3. An unclear, off-topic or missing answer never clears anything: the question is
   asked again (``Decision.restate``). Words not heard at all (AMAZON.FallbackIntent) a
   second time while the same question waits count as an "I don't know" (rule 5), so
   noise or words the skill cannot make out never ask the question forever.
4. Once a level is raised, no exercise is guided for the rest of the session (the
   exercise gate in handlers/safety.py reads the level).
5. "I don't know" is asked again once, like any unclear answer; a second "I don't know"
   while the same question waits (help and repeat in between or not) is a symptom that
   cannot be ruled out: the level is raised to the question's ``unsure`` level (never above
   urgent: a doctor today can check what the person cannot tell; never below doctor) and the
   advice for it is given, with its safety net (or, where that advice would not be the
   speaker's, the question's ``unsure_do``). A yes said with an all-clear ("yes, it's fine")
   to a question whose all-clear is a no is neither answer, and counts as an "I don't know".

Questions can form a sequence (the screening before the first exercise, the symptom
check): the action ``continue`` moves to the next question of the sequence the
session is in, and past its end to the sequence's closing action.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Dict, Mapping, MutableMapping, NamedTuple, Optional, Tuple

from .triage import max_level

YES, NO, UNCLEAR, UNSURE = "yes", "no", "unclear", "unsure"
# Rule 5: the levels a second "I don't know" may raise.
UNSURE_LEVELS = ("doctor", "urgent")
FOLLOW_UPS = ("one_leg", "both_legs", "saddle", "bladder", "bowel")
SESSION_KEY = "pending"
UNSURE_KEY = "unsure"  # the pending question already answered "I don't know" once (rule 5)
UNHEARD_KEY = "unheard"  # the pending question already had an answer not heard at all (rule 3)
# The safety question that "is this happening to someone with you?" was asked over, asked again
# after a no (handlers/safety.py, SomeoneElseHandler; handlers/dialogue.py, carry_on).
INTERRUPTED_KEY = "interrupted"
# Actions a question may lead to; handlers/dialogue.py carries each out.
ACTIONS = (
    "relief", "no_relief", "start_routine", "resume", "goodbye", "forget", "keep_data",
    "create_reminders", "decline_reminders", "set_offered_timer", "decline_timer",
    "continue", "settled", "pain_next", "pain_rest", "next_stretch", "stop_for_today",
    "leave_out_stretch", "stretch_setup", "their_emergency", "their_emergency_unsure", "carry_on",
)
# Actions that guide an exercise: the exercise gate looks at these before they run.
EXERCISE_ACTIONS = frozenset({"start_routine", "resume", "next_stretch", "leave_out_stretch", "stretch_setup"})
# The default of a question's mappings: empty, and shared by every question that has none,
# so read-only.
EMPTY_MAPPING: Mapping[str, Any] = MappingProxyType({})


class Then(NamedTuple):
    """What an answer does: raise the level to at least ``level``, then ask ``ask`` or
    carry out ``do``. With neither, the advice for the session's level is given."""

    level: Optional[str] = None
    ask: Optional[str] = None
    do: Optional[str] = None


class Question(NamedTuple):
    """A question the skill asks, where its words are, and what each answer does."""

    id: str
    asked_by: str                      # the module that asks it
    text: str                          # content key of the question
    reprompt: str                      # content key of its reprompt
    yes: Optional[Then]                # None: "yes" does not answer it (asked again)
    no: Optional[Then]
    follow_ups: Mapping[str, Then] = EMPTY_MAPPING
    safety: bool = False               # rules 2 and 3 apply
    red_flag: bool = False             # a "yes" is a red flag (rule 1)
    covers: Tuple[str, ...] = ()       # red-flag groups it asks about
    help: Optional[str] = None         # content key: what help says before asking again
    # A red flag whose words are this question's own answer, and the intent that answer is:
    # "worse after that stretch" answers "better, the same, or worse?" (handlers/describe.py).
    flag_answers: Mapping[str, str] = EMPTY_MAPPING
    # Rule 5: the level a second "I don't know" raises (every safety question has one).
    unsure: Optional[str] = None
    # What a casual all-clear ("it's fine", "all good") answers: no symptom, unless the question
    # asks whether something has settled ("is the pain settling?": it has).
    all_clear: str = "no"
    # Rule 5, where the advice for the unsure level is not the speaker's: the action a second
    # "I don't know" carries out instead, once the level is raised.
    unsure_do: Optional[str] = None
    # Content key of the phrases ("here") that, said in words of one's own with no "no" or "not",
    # none of its "away" phrases and asking for nothing, answer yes (rule 3 otherwise asks
    # again): to "is this happening to someone with you?", "he's here with me", not "he's at work".
    told: Optional[str] = None


_NEXT = Then(do="continue")  # on to the next question of the sequence, or its close
_LEGS = Then(level="doctor", ask="legs_where")
_EMERGENCY = Then(level="emergency")
# Where a leg symptom is, once someone has said there is one (clinical.md: one leg is
# a doctor matter, both legs an emergency; one weak leg urgent, sudden or worsening
# weakness an emergency).
_WHERE = {"one_leg": Then(level="doctor", ask="leg_weak"), "both_legs": _EMERGENCY,
          "saddle": _EMERGENCY, "bladder": _EMERGENCY, "bowel": _EMERGENCY}

_QUESTIONS = (
    # -- conversation ------------------------------------------------------------------
    Question("launch", "handlers/launch.py", "welcome.question", "welcome.reprompt",
             yes=Then(do="relief"), no=Then(do="no_relief")),
    Question("welcome_back", "handlers/launch.py", "memory.welcome_back_routine",
             "memory.welcome_back_reprompt", yes=Then(do="resume"), no=Then(ask="launch")),
    Question("offer_stretches", "handlers/launch.py, handlers/info.py, handlers/routine.py",
             "relief.offer", "relief.reprompt", yes=Then(do="start_routine"), no=Then(do="goodbye")),
    Question("forget", "handlers/memory.py", "memory.forget_confirm", "memory.forget_reprompt",
             yes=Then(do="forget"), no=Then(do="keep_data")),
    Question("confirm_reminders", "handlers/timers.py", "reminders.confirm_many",
             "reminders.confirm_reprompt", yes=Then(do="create_reminders"),
             no=Then(do="decline_reminders")),
    Question("offer_timer", "handlers/timers.py", "timers.offer.which", "timers.offer.which_reprompt",
             yes=Then(do="set_offered_timer"), no=Then(do="decline_timer")),
    Question("offer_heat_timer", "handlers/routine.py", "routine_lines.finished_offer",
             "routine_lines.finished_reprompt", yes=Then(do="set_offered_timer"),
             no=Then(do="decline_timer")),
    Question("offer_ice_timer", "handlers/timers.py", "routine_lines.finished_offer",
             "routine_lines.finished_reprompt", yes=Then(do="set_offered_timer"),
             no=Then(do="decline_timer")),
    # -- screening: every session, before the first exercise ---------------------------
    Question("screening_legs", "handlers/safety.py", "safety.ask.screening_legs",
             "safety.ask.screening_legs_reprompt", yes=_LEGS, no=_NEXT, follow_ups=_WHERE,
             safety=True, unsure="doctor", red_flag=True, covers=("legs",)),
    Question("screening_saddle", "handlers/safety.py", "safety.ask.screening_saddle",
             "safety.ask.screening_saddle_reprompt", yes=_EMERGENCY, no=_NEXT,
             safety=True, unsure="urgent", red_flag=True, covers=("saddle", "bladder", "bowel", "sexual")),
    # -- follow-ups about the legs --------------------------------------------------------
    Question("legs_where", "handlers/safety.py", "safety.ask.legs_where",
             "safety.ask.legs_where_reprompt", yes=None, no=_NEXT, follow_ups=_WHERE,
             safety=True, unsure="urgent", covers=("legs",), help="safety.restate.follow_up"),
    Question("leg_weak", "handlers/safety.py", "safety.ask.leg_weak", "safety.ask.leg_weak_reprompt",
             yes=Then(level="urgent", ask="weak_sudden"), no=_NEXT,
             follow_ups={"both_legs": _EMERGENCY},
             safety=True, unsure="urgent", red_flag=True, covers=("weakness", "foot_drop")),
    Question("weak_sudden", "handlers/safety.py", "safety.ask.weak_sudden",
             "safety.ask.weak_sudden_reprompt", yes=_EMERGENCY, no=Then(level="urgent", do="continue"),
             safety=True, unsure="urgent", red_flag=True, covers=("weakness",)),
    # -- clarifying a near miss (triage "clarify") ---------------------------------------
    Question("clarify_legs", "handlers/safety.py", "safety.ask.clarify_legs",
             "safety.ask.yes_no_reprompt", yes=_LEGS, no=Then(do="settled"), follow_ups=_WHERE,
             safety=True, unsure="doctor", red_flag=True, covers=("legs",)),
    Question("clarify_pain", "handlers/safety.py", "safety.ask.clarify_pain",
             "safety.ask.yes_no_reprompt", yes=_LEGS, no=Then(do="settled"), follow_ups=_WHERE,
             safety=True, unsure="doctor", red_flag=True, covers=("legs",)),
    Question("clarify_saddle", "handlers/safety.py", "safety.ask.clarify_saddle",
             "safety.ask.yes_no_reprompt", yes=_EMERGENCY, no=Then(do="settled"),
             safety=True, unsure="urgent", red_flag=True, covers=("saddle",)),
    Question("clarify_bladder", "handlers/safety.py", "safety.ask.clarify_bladder",
             "safety.ask.new_reprompt", yes=_EMERGENCY, no=Then(do="settled"),
             safety=True, unsure="urgent", red_flag=True, covers=("bladder",)),
    Question("clarify_bowel", "handlers/safety.py", "safety.ask.clarify_bowel",
             "safety.ask.new_reprompt", yes=_EMERGENCY, no=Then(do="settled"),
             safety=True, unsure="urgent", red_flag=True, covers=("bowel",)),
    Question("clarify_weakness", "handlers/safety.py", "safety.ask.clarify_weakness",
             "safety.ask.yes_no_reprompt", yes=_EMERGENCY, no=Then(level="urgent", do="continue"),
             safety=True, unsure="urgent", red_flag=True, covers=("weakness",)),
    Question("clarify_where", "handlers/safety.py", "safety.ask.clarify_where",
             "safety.ask.clarify_where_reprompt", yes=None, no=Then(do="settled"),
             follow_ups=_WHERE, safety=True, unsure="urgent", covers=("legs", "saddle", "bladder", "bowel"),
             help="safety.restate.follow_up"),
    # A belly ache or a tight belly beside back pain: is it what clinical.md's emergency row
    # names (a throbbing or pulsing belly, sudden tearing pain through to the back, chest pain)?
    Question("clarify_belly", "handlers/safety.py", "safety.ask.clarify_belly",
             "safety.ask.yes_no_reprompt", yes=_EMERGENCY, no=Then(do="settled"),
             safety=True, unsure="urgent", red_flag=True,
             covers=("chest_or_belly",)),  # content: safety.answer_context
    # -- someone else's emergency, said as happening now (triage: Assessment.someone_else) -----
    # "my husband has chest pain going into his arm": is it happening to someone with the
    # speaker now? Yes: the emergency advice, for them (clinical.md, emergency row). No: carry on
    # where the person was. A second "I don't know" takes the safe side: what was said needs
    # emergency care wherever they are, so the same advice, said as an "if".
    Question("someone_with_you", "handlers/safety.py", "safety.someone_else.question",
             "safety.someone_else.reprompt", yes=Then(do="their_emergency"), no=Then(do="carry_on"),
             safety=True, red_flag=True, unsure="urgent", unsure_do="their_emergency_unsure", told="safety.someone_else.told",
             help="safety.someone_else.help"),
    # -- "that hurts" during a stretch -----------------------------------------------------
    Question("pain_leg", "handlers/routine.py", "safety.ask.pain_leg", "safety.ask.yes_no_reprompt",
             yes=_LEGS, no=Then(ask="pain_settles"), follow_ups=_WHERE,
             safety=True, unsure="doctor", red_flag=True, covers=("legs",)),
    # clinical.md, doctor row: pain during the exercises that does not settle.
    Question("pain_settles", "handlers/routine.py", "safety.ask.pain_settles",
             "safety.ask.yes_no_reprompt", yes=Then(do="pain_next"), no=Then(level="doctor", do="continue"),
             safety=True, unsure="doctor", covers=("exercise_pain",), all_clear=YES),
    Question("pain_next", "handlers/routine.py", "routine_lines.pain_next",
             "routine_lines.pain_next_reprompt", yes=Then(do="next_stretch"), no=Then(do="pain_rest")),
    Question("pain_stop", "handlers/routine.py", "routine_lines.pain_stop",
             "routine_lines.pain_stop_reprompt", yes=Then(do="stop_for_today"),
             no=Then(do="next_stretch")),
    # -- during the routine (routine.py says which a turn ends with) ----------------------
    # A stretch's caution, before its set-up: yes leaves the stretch out for the session.
    Question("caution_osteoporosis", "handlers/routine.py", "stretches.knee_to_chest.caution.question",
             "stretches.knee_to_chest.caution.reprompt", yes=Then(do="leave_out_stretch"),
             no=Then(do="stretch_setup")),
    # After each stretch: better, the same or worse (the Feeling...Intents); a yes or a no moves on.
    # Pain the stretch made worse is what it asks about: "worse", not a flag (clinical.md's doctor
    # row is pain during the exercises that does not settle; worse leaves the stretch out and offers rest).
    Question("feedback", "handlers/routine.py", "routine_lines.feedback", "routine_lines.feedback_reprompt",
             yes=Then(do="next_stretch"), no=Then(do="next_stretch"),
             flag_answers={"exercise_pain": "FeelingWorseIntent"}),
    Question("worse_rest", "handlers/routine.py", "routine_lines.worse_rest",
             "routine_lines.worse_rest_reprompt", yes=Then(do="pain_rest"), no=Then(do="next_stretch")),
    # -- the symptom check: one question per red-flag group, most urgent first ----------
    Question("check_saddle", "handlers/safety.py", "safety.check.saddle", "safety.ask.yes_no_reprompt",
             yes=_EMERGENCY, no=_NEXT, safety=True, unsure="urgent", red_flag=True, covers=("saddle",)),
    Question("check_toilet", "handlers/safety.py", "safety.check.toilet", "safety.ask.yes_no_reprompt",
             yes=_EMERGENCY, no=_NEXT, safety=True, unsure="urgent", red_flag=True,
             covers=("bladder", "bowel", "sexual")),
    Question("check_legs", "handlers/safety.py", "safety.check.legs", "safety.ask.yes_no_reprompt",
             yes=_LEGS, no=_NEXT, follow_ups=_WHERE,
             safety=True, unsure="doctor", red_flag=True, covers=("legs", "weakness", "foot_drop")),
    Question("check_chest", "handlers/safety.py", "safety.check.chest", "safety.ask.yes_no_reprompt",
             yes=_EMERGENCY, no=_NEXT, safety=True, unsure="urgent", red_flag=True,
             covers=("chest_or_belly",)),
    Question("check_fall", "handlers/safety.py", "safety.check.fall", "safety.ask.yes_no_reprompt",
             yes=_EMERGENCY, no=_NEXT, safety=True, unsure="urgent", red_flag=True, covers=("trauma",)),
    Question("check_fever", "handlers/safety.py", "safety.check.fever", "safety.ask.yes_no_reprompt",
             yes=Then(level="urgent", do="continue"), no=_NEXT, safety=True, unsure="urgent", red_flag=True,
             covers=("fever",)),
    Question("check_history", "handlers/safety.py", "safety.check.history", "safety.ask.yes_no_reprompt",
             yes=Then(level="urgent", do="continue"), no=_NEXT, safety=True, unsure="urgent", red_flag=True,
             covers=("cancer_history", "osteoporosis_steroids", "immune")),
    Question("check_doctor", "handlers/safety.py", "safety.check.doctor", "safety.ask.yes_no_reprompt",
             yes=Then(level="doctor", do="continue"), no=_NEXT, safety=True, unsure="doctor", red_flag=True,
             covers=("night_pain", "weight_loss", "not_improving")),
)
QUESTIONS: Dict[str, Question] = {q.id: q for q in _QUESTIONS}

# Sequences of questions, and what follows their last one.
SEQUENCES: Dict[str, Tuple[str, ...]] = {
    "screening": ("screening_legs", "screening_saddle"),
    "check": ("check_saddle", "check_toilet", "check_legs", "check_chest", "check_fall",
              "check_fever", "check_history", "check_doctor"),
}
# Asked when someone else's emergency is said as happening now (handlers/safety.py).
SOMEONE_WITH_YOU = "someone_with_you"
# Which red-flag topic of the triage each clarifying question asks about.
CLARIFY_QUESTIONS = {"legs": "clarify_legs", "pain": "clarify_pain", "saddle": "clarify_saddle",
                     "bladder": "clarify_bladder", "bowel": "clarify_bowel",
                     "weakness": "clarify_weakness", "where": "clarify_where", "belly": "clarify_belly"}
# Triage flags that answer a follow-up by themselves ("both legs", "around my bottom").
FLAG_ANSWERS = {"both_legs": "both_legs", "one_leg": "one_leg", "saddle_numbness": "saddle",
                "bladder": "bladder", "bowel": "bowel"}
# The red-flag group (a question's ``covers``) of each triage flag whose id is not its group's
# name. A possible urine infection belongs to none: no question's "yes" means it.
FLAG_GROUPS = {"saddle_numbness": "saddle", "both_legs": "legs", "one_leg": "legs",
               "leg_weakness": "weakness", "sudden_weakness": "weakness", "cannot_walk": "weakness",
               "breathless": "chest_or_belly", "urine_infection": None}


def clarify_elsewhere(question: Question, topic: Optional[str]) -> Optional[str]:
    """The clarifying question for a near miss's topic when it asks about something ``question``
    does not ("my legs feel weird" told to the saddle question: clarify_legs), or None."""
    other = get(CLARIFY_QUESTIONS.get(topic or ""))
    if other is None or set(other.covers) & set(question.covers):
        return None
    return other.id


def asks_about(question: Question, flag: str) -> bool:
    """Whether a "yes" to ``question`` would tell of the triage flag ``flag`` (its group is one
    the question covers): "blood in my wee" is no yes to "pain down either leg?"."""
    return FLAG_GROUPS.get(flag, flag) in question.covers


class Decision(NamedTuple):
    """What to do with an answer: the session's new level, then ask ``ask``, carry out
    ``do``, or give the advice for ``level``; or, for an unclear answer, ask again."""

    level: str
    ask: Optional[str] = None
    do: Optional[str] = None
    restate: bool = False


def get(question_id: Optional[str]) -> Optional[Question]:
    return QUESTIONS.get(question_id) if isinstance(question_id, str) else None


def decide(question: Question, answer: str, level: str = "none") -> Decision:
    """The outcome of ``answer`` to ``question`` in a session whose level is ``level``."""
    if answer == YES:
        then = question.yes
    elif answer == NO:
        then = question.no
    elif answer == UNSURE:
        # rule 5: in a sequence (where "no" goes on), the next question may still find more
        goes_on = question.no is not None and question.no.do == "continue"
        then = Then(level=question.unsure, do=question.unsure_do or ("continue" if goes_on else None)) \
            if question.unsure else None
    else:
        then = question.follow_ups.get(answer)
    if then is None:
        return Decision(level=level, restate=True)  # rule 3
    new = level
    if question.red_flag and answer != NO:
        new = max_level(new, "doctor")  # rule 1
    if then.level:
        new = max_level(new, then.level)  # only ever up
    return Decision(level=new, ask=then.ask, do=then.do)


def next_in_sequence(sequence: Optional[str], question_id: Optional[str]) -> Optional[str]:
    """The question after ``question_id`` in ``sequence`` (None past its end)."""
    order = SEQUENCES.get(sequence or "", ())
    if question_id not in order:
        return order[0] if order and question_id is None else None
    index = order.index(question_id) + 1
    return order[index] if index < len(order) else None


def sequence_of(question_id: str) -> Optional[str]:
    for name, order in SEQUENCES.items():
        if question_id in order:
            return name
    return None


# -- the session's pending question -----------------------------------------------------
def pending_in(attributes: Mapping[str, Any]) -> Optional[Question]:
    """The question waiting for an answer in these session attributes (None if none, or
    if the session holds something that is not a known question id)."""
    return get(attributes.get(SESSION_KEY))


def put_pending(attributes: MutableMapping[str, Any], question_id: Optional[str]) -> None:
    """Make ``question_id`` the pending question (None: no question is pending)."""
    for key in (UNSURE_KEY, UNHEARD_KEY):  # rules 3 and 5 count while one question waits
        if attributes.get(key) != question_id:
            attributes.pop(key, None)
    if question_id is None:
        attributes.pop(SESSION_KEY, None)
        return
    if question_id not in QUESTIONS:
        raise KeyError("not a registered question: %r" % question_id)
    attributes[SESSION_KEY] = question_id


def unheard_before(attributes: MutableMapping[str, Any], question_id: str) -> bool:
    """Rule 3: note an answer not heard at all to the pending question; whether one came before."""
    if attributes.get(UNHEARD_KEY) == question_id:
        return True
    attributes[UNHEARD_KEY] = question_id
    return False


def second_unsure(attributes: MutableMapping[str, Any], question_id: str) -> bool:
    """Rule 5: note an "I don't know" to the pending question; whether it is the second."""
    if attributes.get(UNSURE_KEY) == question_id:
        attributes.pop(UNSURE_KEY)
        return True
    attributes[UNSURE_KEY] = question_id
    return False


def check_registry(registry: Mapping[str, Question] = QUESTIONS,
                   sequences: Mapping[str, Tuple[str, ...]] = SEQUENCES) -> None:
    """Raise ValueError when a registry breaks its own rules (run by the tests)."""
    for question in registry.values():
        outcomes = [question.yes, question.no] + list(question.follow_ups.values())
        for then in filter(None, outcomes):
            if then.ask and then.ask not in registry:
                raise ValueError("%s asks unknown %s" % (question.id, then.ask))
            if then.do and then.do not in ACTIONS:
                raise ValueError("%s does unknown %s" % (question.id, then.do))
            if then.ask and then.do:
                raise ValueError("%s both asks and does" % question.id)
        if not question.safety and (question.yes is None or question.no is None):
            raise ValueError("%s: a conversation question takes yes and no" % question.id)
        if set(question.follow_ups) - set(FOLLOW_UPS):
            raise ValueError("%s: unknown follow-up" % question.id)
        if question.red_flag and not question.safety:
            raise ValueError("%s: a red-flag question is a safety question" % question.id)
        if (question.unsure is not None) != question.safety or question.unsure not in UNSURE_LEVELS + (None,):
            raise ValueError("%s: a safety question, and only one, has an unsure level of %s"
                             % (question.id, UNSURE_LEVELS))
        if question.unsure_do is not None and (question.unsure is None or question.unsure_do not in ACTIONS):
            raise ValueError("%s: unsure_do needs an unsure level and a known action" % question.id)
    for order in sequences.values():
        for question_id in order:
            if question_id not in registry or not registry[question_id].safety:
                raise ValueError("%s in a sequence is not a safety question" % question_id)
