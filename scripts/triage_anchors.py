#!/usr/bin/env python3
"""Write the triage's anchors: content/redflags.<locale>.anchors.json.

    .venv/bin/python scripts/triage_anchors.py           # rewrite the files
    .venv/bin/python scripts/triage_anchors.py --check   # exit 1 if any is out of date

A pattern's anchors are literal pieces of text, at least one of which is in every
match of the pattern (worked out from the regular expression's parse tree). The
triage searches a clause with a pattern only when the clause contains one of that
pattern's anchors, and compiles an entry's patterns only the first time one of
them is needed, so a cold start compiles none of them and a request runs the few
patterns whose words are there rather than one search per pattern.

Each entry's anchors carry a fingerprint of its patterns with their classes
expanded. After an edit to an entry or a class, the triage finds the fingerprint
changed and looks for that entry everywhere (correct, only slower) until this
script is run again; tests/test_triage.py fails until it is.

Needs CPython 3.11 or later (re._parser); the skill itself does not import this.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lambda"))

from spasm_coach import triage  # noqa: E402

from re import _constants as sre  # type: ignore[attr-defined]  # noqa: E402
from re import _parser as sre_parse  # type: ignore[attr-defined]  # noqa: E402

Candidates = List[FrozenSet[str]]
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, name))


def _fixed(items: Iterable) -> Optional[str]:
    """The text a (sub)pattern always matches exactly, or None if it can vary."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.SUBPATTERN:
            inner = _fixed(av[3])
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    return "".join(out)


def _best(candidates: Candidates) -> Optional[FrozenSet[str]]:
    """The most selective candidate: longest shortest piece, then fewest pieces."""
    usable = [c for c in candidates if c and all(c)]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c), -len(c)))


def _candidates(items: Iterable) -> Candidates:
    """Sets of text, each with at least one member in every match of `items`."""
    found: Candidates = []
    run: List[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op is sre.SUBPATTERN:
            fixed = _fixed(av[3])
            if fixed is not None:
                run.append(fixed)
                continue
            flush()
            best = _best(_candidates(av[3]))
            if best:
                found.append(best)
            continue
        flush()  # anything else ends a run of literal text
        if op is sre.BRANCH:
            union: set = set()
            for alternative in av[1]:
                best = _best(_candidates(alternative))
                if best is None:  # one alternative with no anchor: the branch has none
                    union = set()
                    break
                union |= best
            if union:
                found.append(frozenset(union))
        elif op in _REPEATS:
            low, _high, body = av
            if low >= 1:
                best = _best(_candidates(body))
                if best:
                    found.append(best)
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            best = _best(_candidates(av))
            if best:
                found.append(best)
        # IN, ANY, CATEGORY, AT, ASSERT, ASSERT_NOT, NOT_LITERAL, GROUPREF...: no text to rely on
    flush()
    return found


def pattern_anchors(pattern: str) -> Optional[FrozenSet[str]]:
    """Anchors for one expanded pattern, or None if it has none to rely on."""
    return _best(_candidates(sre_parse.parse(pattern)))


def entry_anchors(patterns: Sequence[str]) -> List[Optional[List[str]]]:
    """Anchors for each of an entry's patterns, in order; None for a pattern with none."""
    found: List[Optional[List[str]]] = []
    for pattern in patterns:
        anchors = pattern_anchors(pattern)
        # A shorter anchor inside a longer one makes the longer one redundant.
        found.append(sorted(a for a in anchors if not any(b != a and b in a for b in anchors))
                     if anchors else None)
    return found


def anchors_for(locale: str) -> Dict[str, object]:
    data = triage.read_vocabulary(locale)
    entries = {}
    for raw in data["entries"]:
        expanded = triage.entry_sources(raw, data["classes"])
        entries[raw["id"]] = {"fingerprint": triage.fingerprint(expanded),
                              "patterns": entry_anchors(expanded)}
    return {"about": "Generated by scripts/triage_anchors.py from redflags.%s.json: do not edit. "
                     "For each entry, the anchors of each of its patterns, then of each of its "
                     "denied patterns: every match of a pattern contains one of its anchors." % locale,
            "entries": entries}


def anchors_path(locale: str) -> Path:
    return triage.CONTENT_DIR / ("redflags.%s.anchors.json" % locale)


def render(value: Dict[str, object]) -> str:
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def locales() -> List[str]:
    found = []
    for path in sorted(triage.CONTENT_DIR.glob("redflags.*.json")):
        match = re.fullmatch(r"redflags\.([A-Za-z]{2}-[A-Za-z]{2})\.json", path.name)
        if match:
            found.append(match.group(1))
    return found


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for locale in locales():
        path, text = anchors_path(locale), render(anchors_for(locale))
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        sys.stderr.write("out of date: %s (run scripts/triage_anchors.py)\n" % ", ".join(stale))
        return 1
    for name in stale:
        sys.stdout.write("wrote %s\n" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
