"""Spoken content, loaded once per locale from the JSON files beside this module.

Text lives in one file per language variant (``en-US.json``), plus optional files per
concern (``en-US.timers.json``) whose top-level keys are merged into it; a locale with
no file of its own speaks the nearest one (any ``en-*`` → ``en-US``; anything else → English).
Emergency numbers are chosen by the locale's country (``emergency.json``), never by
its language.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, Hashable, List, Mapping, Optional, TypeVar

HERE = Path(__file__).resolve().parent
DEFAULT_LOCALE = "en-US"


def _read(name: str) -> Dict[str, Any]:
    with open(HERE / name, encoding="utf-8") as handle:
        return json.load(handle)


class _Blank(dict):
    """Leaves unknown placeholders as they are instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


T = TypeVar("T")


class Content:
    """The words of one locale, with the locale's emergency number filled in."""

    def __init__(self, locale: str, data: Mapping[str, Any], emergency: Mapping[str, str]):
        self.locale = locale
        self.data = data
        self.emergency = dict(emergency)
        self.voice: Mapping[str, Any] = data["voice"]
        self.stretches: Mapping[str, Mapping[str, Any]] = data["stretches"]
        self.routines: Mapping[str, Mapping[str, Any]] = data["routines"]
        self._defaults = {
            "number": self.emergency["number"],
            "local_note": self.emergency.get("local_note", ""),
            "urgent_line": self.emergency.get("urgent_line", "a doctor"),
        }
        self._derived: Dict[Hashable, Any] = {}

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
        if "{" not in template and "}" not in template:
            return template
        merged = _Blank(self._defaults)
        merged.update(values)
        return template.format_map(merged)

    def text(self, path: str, **values: Any) -> str:
        return self.fill(self.raw(path), **values)

    def lines(self, path: str, **values: Any) -> List[str]:
        return [self.fill(line, **values) for line in self.raw(path)]


def _language_files() -> Dict[str, Dict[str, Any]]:
    texts = {p.stem: _read(p.name) for p in sorted(HERE.glob("??-??.json"))}
    for part in sorted(HERE.glob("??-??.*.json")):
        locale = part.name[:5]
        extra = _read(part.name)
        clash = set(extra) & set(texts.get(locale, {})) - {"about", "locale"}
        if locale not in texts or clash:
            raise ValueError("%s: no %s.json to extend, or keys already defined: %s"
                             % (part.name, locale, sorted(clash)))
        texts[locale].update({k: v for k, v in extra.items() if k not in ("about", "locale")})
    return texts


_TEXTS = _language_files()
_EMERGENCY = _read("emergency.json")
_CACHE: Dict[str, Content] = {}


def loaded() -> List[Content]:
    """Every Content made so far in this process."""
    return list(_CACHE.values())


def for_locale(locale: Optional[str]) -> Content:
    """Content for a request's locale; never fails (unknown locales speak English)."""
    key = locale if isinstance(locale, str) and len(locale) <= 16 else DEFAULT_LOCALE
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    if key in _TEXTS:
        text_locale = key
    else:
        language = key.split("-")[0].lower()
        same_language = [name for name in _TEXTS if name.split("-")[0] == language]
        text_locale = same_language[0] if same_language else DEFAULT_LOCALE
    emergency = _EMERGENCY["locales"].get(key, _EMERGENCY["default"])
    content = Content(text_locale, _TEXTS[text_locale], emergency)
    if len(_CACHE) < 64:  # locales come from requests: bound what is kept
        _CACHE[key] = content
    return content
