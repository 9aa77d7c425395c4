"""The one place that makes SSML.

A ``Speech`` is built from plain pieces (words, pauses, counted holds, breaths) and
rendered once: text is escaped, every break is at most Alexa's 10 seconds, the whole
is wrapped in a calm prosody rate, and the output stays under Alexa's 8000-character
limit. It also keeps a plain-text rendering (cards, logs-free tests, the simulator)
and an estimate of how long it takes to say, which the routine uses to keep each
turn short enough for someone lying on the floor.

Speech that is the same every time (a stretch's turn, at one pace) can be frozen into
a ``Block``: escaped and rendered once, then reused as a single piece.
"""
from __future__ import annotations

import functools
import re
from typing import List, Optional, Sequence, Tuple, Union

MAX_BREAK_MS = 10_000          # Alexa's limit for one <break>
MAX_SSML_CHARS = 8_000         # Alexa's limit for outputSpeech.ssml
DEFAULT_WORDS_PER_SECOND = 2.4

_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")
# Characters that are not valid in XML 1.0 text would make Alexa reject the SSML.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML-escape text for SSML. (xml.sax.saxutils.escape does the same, but importing
    it pulls in urllib.request: about 30 ms of cold start for three replacements.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_word(value: int, words: Sequence[str]) -> str:
    """A whole number in the locale's words (``words[n]`` says n); digits beyond them."""
    return words[value] if 0 <= value < len(words) else str(value)


def spoken_list(items: List[str], conjunction: str) -> str:
    """ "a, b and c": items joined as said aloud, with the locale's word for "and"."""
    if len(items) <= 1:
        return "".join(items)
    return "%s %s %s" % (", ".join(items[:-1]), conjunction, items[-1])


def plain(ssml: str) -> str:
    """SSML to plain text: tags removed, entities decoded, whitespace collapsed."""
    text = _TAGS.sub(" ", ssml)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", text)).strip()


def _clean(text: str) -> str:
    """Text as it may be spoken: invalid XML characters dropped, whitespace collapsed."""
    # Most text (everything from the content files) is already clean: one cheap test
    # instead of two regular-expression passes. isprintable() is False for every
    # character _XML_INVALID removes and for every whitespace but the plain space.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES.sub(" ", _XML_INVALID.sub("", text)).strip()


Piece = Tuple[str, object]  # ("say", text) | ("pause", ms) | ("block", Block)


class Block:
    """Finished speech, rendered once: its SSML (without <speak> or prosody), its plain
    text, its words and its pauses. Immutable, so one block can sit in any number of
    Speech objects at once."""

    __slots__ = ("pieces", "ssml", "text", "words", "pause_ms")

    def __init__(self, pieces: Tuple[Piece, ...]):
        self.pieces = pieces
        self.ssml = _render_inner(pieces)
        self.text = _join([str(v) for k, v in pieces if k == "say"])
        self.words = _words(pieces)
        self.pause_ms = sum(int(v) for k, v in pieces if k == "pause")  # type: ignore[call-overload]

    def seconds(self, words_per_second: float = DEFAULT_WORDS_PER_SECOND) -> float:
        return self.words / words_per_second + self.pause_ms / 1000.0


class Speech:
    """Spoken output, built piece by piece."""

    def __init__(self, rate: Optional[str] = None, words_per_second: float = DEFAULT_WORDS_PER_SECOND):
        self.rate = rate
        self.words_per_second = words_per_second
        self._pieces: List[Piece] = []

    # -- building -----------------------------------------------------------------
    def say(self, *texts: str) -> "Speech":
        for text in texts:
            text = _clean(text) if text else ""
            if text:
                self._pieces.append(("say", text))
        return self

    def pause(self, seconds: float) -> "Speech":
        ms = int(round(max(0.0, float(seconds)) * 1000))
        if ms > 0:
            self._pieces.append(("pause", ms))
        return self

    def count(self, seconds: int, numbers: Sequence[str], gap_ms: int = 700, lead: str = "",
              end: str = "") -> "Speech":
        """A hold counted out loud in the locale's number words (``numbers``):
        "Hold, one … two … three …, and release."

        Each number plus its gap takes about a second, so the count keeps time
        with the hold without any break longer than ``gap_ms``.
        """
        if lead:
            self.say(lead)
        for second in range(1, max(1, int(seconds)) + 1):
            self.say(number_word(second, numbers))
            self.pause(gap_ms / 1000.0)
        if end:
            self.say(end)
        return self

    def breath(self, inhale_s: float, exhale_s: float, inhale: str, exhale: str) -> "Speech":
        """One slow breath: the cue to breathe in, its time, the cue to breathe out, its time
        (the cues are the locale's words)."""
        self.say(inhale).pause(inhale_s).say(exhale).pause(exhale_s)
        return self

    def extend(self, other: Union["Speech", Block]) -> "Speech":
        if isinstance(other, Block):
            if other.pieces:
                self._pieces.append(("block", other))
        else:
            self._pieces.extend(other._pieces)
        return self

    def freeze(self) -> Block:
        """This speech as a Block (the rate and pace stay with whoever speaks it)."""
        return Block(tuple(_flat(self._pieces)))

    # -- reading ------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self._pieces)

    @property
    def seconds(self) -> float:
        """Roughly how long this takes to say."""
        words = _words(self._pieces)
        pause_ms = 0
        for kind, value in self._pieces:
            if kind == "pause":
                pause_ms += value  # type: ignore[operator]
            elif kind == "block":
                words += value.words  # type: ignore[attr-defined]
                pause_ms += value.pause_ms  # type: ignore[attr-defined]
        return words / self.words_per_second + pause_ms / 1000.0

    @property
    def text(self) -> str:
        return _join([v.text if k == "block" else str(v)  # type: ignore[attr-defined]
                      for k, v in self._pieces if k in ("say", "block")])

    def ssml(self) -> str:
        body = _render(self._pieces, self.rate)
        if len(body) <= MAX_SSML_CHARS:
            return body
        # Too long for Alexa: keep the most whole pieces from the start that fit, so
        # the person still hears complete sentences (a binary search: the rendered
        # length only grows with each piece kept).
        pieces = _flat(self._pieces)
        fits, too_many = 0, len(pieces)
        while too_many - fits > 1:
            middle = (fits + too_many) // 2
            if len(_render(pieces[:middle], self.rate)) <= MAX_SSML_CHARS:
                fits = middle
            else:
                too_many = middle
        return _render(pieces[:fits], self.rate)


@functools.lru_cache(maxsize=512)
def say_ssml(text: str, rate: Optional[str] = None) -> str:
    """The SSML of one line of text at a rate, as Speech(rate).say(text).ssml() makes it.

    Kept for the most recent lines: most replies end with one of a few fixed reprompts.
    Empty when there is nothing to say.
    """
    speech = Speech(rate=rate).say(text)
    return speech.ssml() if speech else ""


def _join(parts: List[str]) -> str:
    """Pieces joined by spaces, except before punctuation ("911, or" not "911 , or")."""
    joined = ""
    for part in parts:
        if joined and not part[:1] in ",.;:!?":
            joined += " "
        joined += part
    return joined


def _flat(pieces: List[Piece]) -> List[Piece]:
    """The pieces with every block opened up into its own."""
    flat: List[Piece] = []
    for kind, value in pieces:
        if kind == "block":
            flat.extend(value.pieces)  # type: ignore[attr-defined]
        else:
            flat.append((kind, value))
    return flat


def _words(pieces: Union[List[Piece], Tuple[Piece, ...]]) -> int:
    """Words spoken in the say pieces."""
    words = 0
    for kind, value in pieces:
        if kind == "say":
            words += len(value.split())  # type: ignore[attr-defined]
    return words


def _render_inner(pieces: Union[List[Piece], Tuple[Piece, ...]]) -> str:
    out: List[str] = []
    for kind, value in pieces:
        if kind == "say":
            out.append(escape(value))  # type: ignore[arg-type]
        elif kind == "block":
            out.append(value.ssml)  # type: ignore[attr-defined]
        else:
            ms = int(value)  # type: ignore[call-overload]
            while ms > 0:
                step = min(ms, MAX_BREAK_MS)
                out.append('<break time="%dms"/>' % step)
                ms -= step
    return _join(out)


def _render(pieces: List[Piece], rate: Optional[str]) -> str:
    inner = _render_inner(pieces)
    if rate:
        inner = '<prosody rate="%s">%s</prosody>' % (escape(rate), inner)
    return "<speak>%s</speak>" % inner


# What the skill's own SSML is made of (see _render): anything else was not made here.
_OWN_TAGS = {"speak", "prosody", "break"}
_OWN_ATTRIBUTES = {"prosody": {"rate"}, "break": {"time"}}
_BREAK_TIME = re.compile(r"^(\d{1,5})ms$")


def is_own_ssml(ssml: object) -> bool:
    """Whether ``ssml`` is speech this module could have made: within Alexa's length,
    well-formed, only the tags and attributes _render writes, every break at most
    10 s. For SSML that came back from outside (the session's last speech)."""
    if not isinstance(ssml, str) or not ssml.startswith("<speak>") or len(ssml) > MAX_SSML_CHARS:
        return False
    return _checked_ssml(ssml)


# Most speech replayed is a routine turn many people hear in the same words: a string
# checked once is not parsed again (bounded: at most 8000 characters x 128 entries).
@functools.lru_cache(maxsize=128)
def _checked_ssml(ssml: str) -> bool:
    # Imported here: only "repeat" needs an XML parser (a few ms of cold start otherwise).
    import xml.etree.ElementTree as ElementTree
    try:
        root = ElementTree.fromstring(ssml)
    except (ElementTree.ParseError, ValueError):
        return False
    for element in root.iter():
        if element.tag not in _OWN_TAGS or set(element.attrib) - _OWN_ATTRIBUTES.get(element.tag, set()):
            return False
        if element.tag == "break":
            match = _BREAK_TIME.match(element.attrib.get("time", ""))
            if not match or int(match.group(1)) > MAX_BREAK_MS:
                return False
    return root.tag == "speak"
