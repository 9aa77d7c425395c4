"""The one place that makes SSML.

A ``Speech`` is built from plain pieces (words, pauses, counted holds, breaths) and
rendered once: text is escaped, every break is at most Alexa's 10 seconds, the whole
is wrapped in a calm prosody rate, and the output stays under Alexa's 8000-character
limit. It also keeps a plain-text rendering (cards, logs-free tests, the simulator)
and an estimate of how long it takes to say, which the routine uses to keep each
turn short enough for someone lying on the floor.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

MAX_BREAK_MS = 10_000          # Alexa's limit for one <break>
MAX_SSML_CHARS = 8_000         # Alexa's limit for outputSpeech.ssml
DEFAULT_WORDS_PER_SECOND = 2.4

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
).split()

_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")
# Characters that are not valid in XML 1.0 text would make Alexa reject the SSML.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML-escape text for SSML. (xml.sax.saxutils.escape does the same, but importing
    it pulls in urllib.request: about 30 ms of cold start for three replacements.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_word(value: int) -> str:
    return NUMBER_WORDS[value] if 0 <= value < len(NUMBER_WORDS) else str(value)


def plain(ssml: str) -> str:
    """SSML to plain text: tags removed, entities decoded, whitespace collapsed."""
    text = _TAGS.sub(" ", ssml)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", text)).strip()


class Speech:
    """Spoken output, built piece by piece."""

    def __init__(self, rate: Optional[str] = None, words_per_second: float = DEFAULT_WORDS_PER_SECOND):
        self.rate = rate
        self.words_per_second = words_per_second
        self._pieces: List[Tuple[str, object]] = []  # ("say", text) | ("pause", ms)

    # -- building -----------------------------------------------------------------
    def say(self, *texts: str) -> "Speech":
        for text in texts:
            text = _SPACES.sub(" ", _XML_INVALID.sub("", text or "")).strip()
            if text:
                self._pieces.append(("say", text))
        return self

    def say_digits(self, digits: str) -> "Speech":
        """A number such as an emergency number: written in digits, read digit by digit."""
        digits = "".join(ch for ch in str(digits) if ch.isdigit())
        if digits:
            self._pieces.append(("digits", digits))
        return self

    def pause(self, seconds: float) -> "Speech":
        ms = int(round(max(0.0, float(seconds)) * 1000))
        if ms > 0:
            self._pieces.append(("pause", ms))
        return self

    def count(self, seconds: int, gap_ms: int = 700, lead: str = "", end: str = "") -> "Speech":
        """A hold counted out loud: "Hold, one … two … three …, and release."

        Each number plus its gap takes about a second, so the count keeps time
        with the hold without any break longer than ``gap_ms``.
        """
        if lead:
            self.say(lead)
        for second in range(1, max(1, int(seconds)) + 1):
            self.say(number_word(second))
            self.pause(gap_ms / 1000.0)
        if end:
            self.say(end)
        return self

    def breath(self, inhale_s: float, exhale_s: float, inhale: str = "Breathe in,", exhale: str = "and out.") -> "Speech":
        self.say(inhale).pause(inhale_s).say(exhale).pause(exhale_s)
        return self

    def extend(self, other: "Speech") -> "Speech":
        self._pieces.extend(other._pieces)
        return self

    # -- reading ------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self._pieces)

    @property
    def seconds(self) -> float:
        """Roughly how long this takes to say."""
        words = sum(len(str(v).split()) for k, v in self._pieces if k == "say")
        words += sum(len(str(v)) for k, v in self._pieces if k == "digits")
        pauses = sum(int(v) for k, v in self._pieces if k == "pause") / 1000.0
        return words / self.words_per_second + pauses

    @property
    def text(self) -> str:
        return _join([str(v) for k, v in self._pieces if k in ("say", "digits")])

    def ssml(self) -> str:
        body = _render(self._pieces, self.rate)
        if len(body) <= MAX_SSML_CHARS:
            return body
        # Too long for Alexa: drop whole pieces from the end until it fits,
        # so the person still hears complete sentences.
        pieces = list(self._pieces)
        while pieces and len(_render(pieces, self.rate)) > MAX_SSML_CHARS:
            pieces.pop()
        return _render(pieces, self.rate)


def _join(parts: List[str]) -> str:
    """Pieces joined by spaces, except before punctuation ("911, or" not "911 , or")."""
    joined = ""
    for part in parts:
        if joined and not part[:1] in ",.;:!?":
            joined += " "
        joined += part
    return joined


def _render(pieces: List[Tuple[str, object]], rate: Optional[str]) -> str:
    out: List[str] = []
    for kind, value in pieces:
        if kind == "say":
            out.append(escape(str(value)))
        elif kind == "digits":
            out.append('<say-as interpret-as="digits">%s</say-as>' % value)
        else:
            ms = int(value)  # type: ignore[arg-type]
            while ms > 0:
                step = min(ms, MAX_BREAK_MS)
                out.append('<break time="%dms"/>' % step)
                ms -= step
    inner = _join(out)
    if rate:
        inner = '<prosody rate="%s">%s</prosody>' % (escape(rate), inner)
    return "<speak>%s</speak>" % inner
