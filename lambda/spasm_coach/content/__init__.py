"""Content, loaded once per locale from the JSON files beside this module.

Three layers make one tree per locale:

    catalogue.json        what the skill does, in no language: repetitions, holds and
                          their ranges, timer limits, the voice's pace, the order of a
                          routine, and every item's source
    en.json (+ en.*.json) the words of one language (``en.timers.json`` and the other
                          parts add top-level keys); English as said in the United States
    locales/en-GB.json    one locale: only what differs there (``overrides``, keys the
                          language already has), how its phone numbers are spoken, and
                          its usual time zone

The catalogue and the words never define the same key; a list in both (a stretch's
moves) is joined item by item. Phone numbers are chosen by the locale's country
(``emergency.json``), never by its language, and reach the words through placeholders
(``{number}``): speech gets them as the locale says them ("triple zero"), cards and
screens in digits. A locale without a file of its own speaks its language's words with
the default emergency wording ("your local emergency number"), never another country's
number; a language without words speaks English.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Dict, Hashable, List, Mapping, Optional, TypeVar

from ..speech import number_word

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
LOCALES_DIR = HERE / "locales"
DEFAULT_LOCALE = "en-US"
DEFAULT_LANGUAGE = "en"
# Keys of a file that describe it rather than say anything.
FILE_KEYS = ("about", "language", "locale")


class ContentError(ValueError):
    """Content files that do not fit together."""


def _read(name: str) -> Dict[str, Any]:
    with open(HERE / name, encoding="utf-8") as handle:
        return json.load(handle)


class _Blank(dict):
    """Leaves unknown placeholders as they are instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


T = TypeVar("T")


class Content:
    """The words of one locale on the catalogue, with the locale's phone numbers filled in.

    ``numbers``: the locale's numbers in digits by placeholder name (emergency.json);
    ``spoken``: how the locale says each of them. Every name in the words' ``local`` group
    is a placeholder of every text; without numbers, ``{number}`` is that group's words
    ("your local emergency number") in speech and on screens alike.
    """

    def __init__(self, locale: str, data: Mapping[str, Any], numbers: Optional[Mapping[str, str]] = None,
                 spoken: Optional[Mapping[str, str]] = None, time_zone: Optional[str] = None):
        self.locale = locale
        self.data = data
        self.time_zone = time_zone
        self.voice: Mapping[str, Any] = data["voice"]
        self.stretches: Mapping[str, Mapping[str, Any]] = data["stretches"]
        self.routines: Mapping[str, Mapping[str, Any]] = data["routines"]
        local = data["local"]
        written = dict(numbers) if numbers else {"number": local["number"]}
        said = {name: (spoken or {}).get(name, "") for name in written} if numbers else dict(written)
        missing = sorted(name for name, value in said.items() if not value)
        if missing:
            raise ContentError("%s: no spoken form for the numbers %s" % (locale, ", ".join(missing)))
        # The numbers as shown (cards, screens) and as said, for every placeholder they fill.
        self.emergency = written
        self._shown = self._defaults(local, written)
        self._said = self._defaults(local, said)
        self._derived: Dict[Hashable, Any] = {}

    @staticmethod
    def _defaults(local: Mapping[str, str], numbers: Mapping[str, str]) -> Dict[str, str]:
        """What every placeholder of the local group (and every number) stands for."""
        values = {name: words.format_map(_Blank(numbers)) for name, words in local.items() if name != "source"}
        values.update(numbers)
        return values

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """Something computed from these words once and kept (a routine's steps, a rendered
        turn). Keys must come from a finite set (content ids, known preferences), never
        from anything a request carries unchecked."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    def forget_derived(self) -> None:
        """Drop everything computed from these words (for tests that must see each
        rendering happen, such as the mutation runs of scripts/mutate.py)."""
        self._derived.clear()

    def raw(self, path: str) -> Any:
        """The item at a dotted path, e.g. ``"routine_lines.paused"``."""
        node: Any = self.data
        for part in path.split("."):
            node = node[part]
        return node

    def fill(self, template: str, **values: Any) -> str:
        """A template filled for speech: the phone numbers as the locale says them."""
        return self._fill(template, self._said, values)

    def show(self, template: str, **values: Any) -> str:
        """A template filled to be read (a card, a screen): the phone numbers in digits."""
        return self._fill(template, self._shown, values)

    @staticmethod
    def _fill(template: str, defaults: Mapping[str, str], values: Mapping[str, Any]) -> str:
        if "{" not in template and "}" not in template:
            return template
        merged = _Blank(defaults)
        merged.update(values)
        return template.format_map(merged)

    def text(self, path: str, **values: Any) -> str:
        """The words at a path, to be said (with no values, the same words every time:
        filled once)."""
        if values:
            return self.fill(self.raw(path), **values)
        return self.derived(("text", path), lambda: self.fill(self.raw(path)))

    def shown(self, path: str, **values: Any) -> str:
        """The words at a path, to be read (with no values, filled once)."""
        if values:
            return self.show(self.raw(path), **values)
        return self.derived(("shown", path), lambda: self.show(self.raw(path)))

    def lines(self, path: str, **values: Any) -> List[str]:
        return [self.fill(line, **values) for line in self.raw(path)]

    def number(self, value: int) -> str:
        """A small whole number as said in this language ("twelve"); digits beyond the list."""
        return number_word(value, self.data["speech"]["numbers"])

    def side(self, side: Optional[str]) -> str:
        """The spoken word for a side id of the catalogue ("right"); empty for none."""
        return self.data["speech"]["sides"][side] if side else ""


# -- putting the layers together ------------------------------------------------------------

def combine(catalogue: Any, words: Any, where: str = "") -> Any:
    """The catalogue and a language's words as one tree: objects are joined key by key,
    lists of the same length item by item; a key in both is an error."""
    if isinstance(catalogue, dict) and isinstance(words, dict):
        joined = dict(catalogue)
        for key, value in words.items():
            joined[key] = combine(catalogue[key], value, where + "." + key) if key in catalogue else value
        return joined
    if isinstance(catalogue, list) and isinstance(words, list) and len(catalogue) == len(words):
        return [combine(c, w, "%s[%d]" % (where, i)) for i, (c, w) in enumerate(zip(catalogue, words))]
    raise ContentError("%s is defined both in catalogue.json and in the words" % where.lstrip("."))


def override(words: Mapping[str, Any], changes: Mapping[str, Any], where: str = "") -> Dict[str, Any]:
    """A language's words with a locale's changes: only keys the language has, each
    replaced by a value of the same kind."""
    changed = dict(words)
    for key, value in changes.items():
        place = (where + "." + key).lstrip(".")
        if key not in words:
            raise ContentError("%s: the language's words have no such key" % place)
        if isinstance(words[key], dict):
            if not isinstance(value, dict):
                raise ContentError("%s: a group of words can only be changed key by key" % place)
            changed[key] = override(words[key], value, place)
        elif type(value) is not type(words[key]):
            raise ContentError("%s: %s, not %s" % (place, type(value).__name__, type(words[key]).__name__))
        else:
            changed[key] = value
    return changed


def _without_file_keys(data: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in data.items() if k not in FILE_KEYS}


def language_words(language: str) -> Dict[str, Any]:
    """A language's words: ``<language>.json`` and its parts (``<language>.<part>.json``)."""
    words = _without_file_keys(_read(language + ".json"))
    for part in sorted(HERE.glob(language + ".*.json")):
        extra = _without_file_keys(_read(part.name))
        clash = set(extra) & set(words)
        if clash:
            raise ContentError("%s: keys already defined: %s" % (part.name, sorted(clash)))
        words.update(extra)
    return words


_CATALOGUE = _without_file_keys(_read("catalogue.json"))
_LANGUAGES = {p.stem for p in HERE.glob("??.json")}
_LOCALES = {p.stem for p in LOCALES_DIR.glob("??-??.json")}
_WORDS: Dict[str, Dict[str, Any]] = {}
_BUILT: Dict[str, Content] = {}  # by locale file or language: a finite set
_CACHE: Dict[str, Content] = {}  # by the locale a request named


def languages() -> List[str]:
    """Every language with words of its own ("en")."""
    return sorted(_LANGUAGES)


def locales() -> List[str]:
    """Every locale with a file of its own ("en-GB", "en-US", ...)."""
    return sorted(_LOCALES)


def loaded() -> List[Content]:
    """Every Content made so far in this process."""
    return list(_BUILT.values())


def build(locale: str) -> Content:
    """The Content of a locale, made afresh from the files (for_locale keeps one)."""
    language = locale.split("-")[0].lower()
    language = language if language in _LANGUAGES else DEFAULT_LANGUAGE
    words = _WORDS.get(language)
    if words is None:
        words = _WORDS[language] = language_words(language)
    if locale not in _LOCALES:
        return Content(locale, combine(_CATALOGUE, words))
    own = _read("locales/%s.json" % locale)
    numbers = _read("emergency.json")["locales"].get(locale)
    if numbers is None:
        raise ContentError("locales/%s.json: emergency.json has no numbers for %s" % (locale, locale))
    words = override(words, own.get("overrides") or {})
    return Content(locale, combine(_CATALOGUE, words), numbers, own.get("spoken_numbers"), own.get("time_zone"))


def for_locale(locale: Optional[str]) -> Content:
    """Content for a request's locale; never fails for a broken locale file (unknown
    locales, and a locale whose own file does not fit, speak their language with the
    default emergency wording: the advice is never lost to a content error)."""
    key = locale if isinstance(locale, str) and len(locale) <= 16 else DEFAULT_LOCALE
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    name = key if key in _LOCALES else _unknown(key)
    content = _BUILT.get(name)
    if content is None:
        try:
            content = build(name)
        except (ContentError, OSError, ValueError) as error:
            if name not in _LOCALES:
                raise  # the language itself: the tests and start-up catch this
            log.error("content for %s does not load (%s); its language's words are used", name,
                      type(error).__name__)
            content = _BUILT.get(_unknown(name)) or build(_unknown(name))
        _BUILT[name] = content
    if len(_CACHE) < 64:  # locales come from requests: bound what is kept
        _CACHE[key] = content
    return content


def _unknown(locale: str) -> str:
    """What a locale without a file of its own is made from: its language with no
    country. One Content per language serves every such locale."""
    language = locale.split("-")[0].lower()
    return language if language in _LANGUAGES else DEFAULT_LANGUAGE
