"""Reading a request from words that reached the skill in a free phrase or an open slot.

The content lists what people ask with (describe.requests, describe.topics): a phrase counts
when its words are said in order and together, so "go back" is not read in "my back ... go".
Pure functions of words and content, no SDK types.
"""
from __future__ import annotations

import functools
import re
from itertools import product
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple

# A word as heard: letters of any alphabet.
_WORD = re.compile(r"[^\W\d_]+")
# Two words said where a contraction could be ("i am done", "did not catch that"): read as the
# contraction, so a phrase written either way is heard said either way.
CONTRACTED = {("i", "am"): "im", ("i", "have"): "ive", ("i", "would"): "id", ("do", "not"): "dont",
              ("does", "not"): "doesnt", ("did", "not"): "didnt", ("can", "not"): "cant", ("cannot",): "cant",
              ("will", "not"): "wont", ("would", "not"): "wouldnt", ("could", "not"): "couldnt",
              ("should", "not"): "shouldnt", ("is", "not"): "isnt", ("are", "not"): "arent",
              ("was", "not"): "wasnt", ("have", "not"): "havent", ("has", "not"): "hasnt",
              ("let", "us"): "lets", ("that", "is"): "thats", ("it", "is"): "its", ("what", "is"): "whats",
              ("you", "are"): "youre"}


def words_of(text: str) -> List[str]:
    """The words of `text`, lower case, in order; an apostrophe inside a word is dropped, and
    two words a contraction could stand for are read as it (CONTRACTED)."""
    words = _WORD.findall(text.casefold().replace("'", "").replace("\u2019", ""))
    folded: List[str] = []
    for word in words:
        if folded and (folded[-1], word) in CONTRACTED:
            folded[-1] = CONTRACTED[(folded[-1], word)]
        else:
            folded.append(CONTRACTED.get((word,), word))
    return folded


@functools.lru_cache(maxsize=4096)
def _phrase(phrase: str) -> Tuple[str, ...]:
    """The words of one of the content's phrases, worked out once: a request is read
    against hundreds of them."""
    return tuple(words_of(phrase))


def says(words: Sequence[str], phrase: str) -> bool:
    """Whether the words of `phrase` are said, in order and together."""
    wanted = _phrase(phrase)
    size = len(wanted)
    if not size or wanted[0] not in words:
        return False
    return any(tuple(words[i:i + size]) == wanted for i in range(len(words) - size + 1))


def says_any(words: Sequence[str], phrases: Iterable[str]) -> bool:
    return any(says(words, phrase) for phrase in phrases)


def mentions_any(text: Optional[str], phrases: Iterable[str]) -> bool:
    """Whether `text` holds every word of one of `phrases`, in any order ("my back
    just went" holds "back went"), as the triage reads concepts."""
    if not text:
        return False
    said = set(words_of(text))
    return any(said.issuperset(_phrase(phrase)) for phrase in phrases)


def request_in(words: Sequence[str], routes: Iterable[Mapping[str, Any]], in_routine_now: bool,
               question_waiting: bool, answers: bool = False) -> Optional[str]:
    """The intent of the first route (describe.requests: {intent: route}) whose every group is said
    (`in_turn`: one phrase of each group said one after another, "a quick version", not "quick, this one").
    The answers to a waiting question (`when` "question": yes, no) are read apart, with
    `answers`, after every request and topic: "okay, can I go shopping" asks about work."""
    for entry in routes:
        (intent, route), = entry.items()
        when = route.get("when")
        if (when == "question") != answers:
            continue
        if (when == "routine" and not in_routine_now) or (when == "question" and not question_waiting):
            continue
        if says_any(words, route.get("unless", ())):
            continue
        if "in_turn" in route:  # one phrase of each group, said one after another
            if says_any(words, (" ".join(parts) for parts in product(*route["in_turn"]))):
                return intent
        elif all(says_any(words, group) for group in route["all"]):
            return intent
    return None


def topic_in(words: Sequence[str], topics: Mapping[str, Any], asked: Optional[bool] = None) -> Optional[str]:
    """The first topic (describe.topics) whose words, or the locale's own words for it
    (describe.topics.local), are said in a question: with a question word for its `routes`,
    alone for its `questions`. `asked`: known to be a question already
    (an info intent's slot), else read from the words."""
    if asked is None:
        asked = says_any(words, topics["question_words"])
    local = topics.get("local") or {}  # a locale's own words for a topic
    for route in (topics["routes"] if asked else []) + topics["questions"]:
        if _topic_said(words, route) or says_any(words, local.get(route["topic"], ())):
            return route["topic"]
    return None


def topic_asked(words: Sequence[str], topics: Mapping[str, Any]) -> bool:
    """Whether the words are a question (they open with one of describe.topics.asking_openers) about
    a topic named by a word for the thing (describe.topics.routes), the routine's own words
    (routine_words) left out; a topic's question phrases alone ("how long") do not count: they
    are said of the routine too."""
    if not words or words[0] not in topics["asking_openers"]:
        return False
    kept = [word for word in words if word not in topics["routine_words"]]
    local = topics.get("local") or {}
    return any(_topic_said(kept, route) or says_any(kept, local.get(route["topic"], ()))
               for route in topics["routes"])


def _topic_said(words: Sequence[str], route: Mapping[str, Any]) -> bool:
    """A topic's `words` (one phrase said), or its `all` groups (one phrase of each, in any order:
    a word for the thing and a word for what is wanted of it)."""
    if "all" in route:
        return all(says_any(words, group) for group in route["all"])
    return says_any(words, route["words"])
