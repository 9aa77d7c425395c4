#!/usr/bin/env python3
"""Build the interaction models, interaction_model/<locale>.json, from one English source.

    make models                                       # write every model
    .venv/bin/python scripts/build_models.py --check  # exit 1, naming each model that differs

interaction_model/source/en.yaml holds what every English locale shares: the invocation
name, every intent with its slots and samples, and every slot type with its values.
interaction_model/source/<locale>.yaml holds only what one locale adds to it: samples with
its own words, synonyms of existing slot values, and its invocation name if it differs.
Each locale file makes one model; the models are committed, and a test fails when one
differs from what this script writes.

Every scalar in the source is text: "no", "yes" and "on" stay words (YAML 1.1 would read
them as booleans). A key given twice is an error, as is anything the build would refuse:
a sample in two intents, a slot no intent declares, a synonym given twice.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import yaml

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "interaction_model"
SOURCE = MODELS / "source"
SHARED = "en"
LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
SLOT = re.compile(r"\{([^{}]*)\}")
QUOTE_HINT = " (a phrase that starts with a slot goes in quotes: '{Stretch} please')"

SHARED_KEYS = {"invocation", "openers", "intents", "types"}
INTENT_KEYS = {"slots", "samples", "opened_by"}
LOCALE_KEYS = {"invocation", "samples", "synonyms"}


class SourceError(Exception):
    """The source cannot make a model; the message says where and why."""


# libyaml's parser where PyYAML has it (its wheels do): the same YAML, read about ten
# times faster than by the pure-Python one, which the tests would spend a minute in.
_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """YAML in which every scalar is text and a key given twice is an error."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise SourceError("line %d: %r is given twice" % (key_node.start_mark.line + 1, key))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read(path: Path) -> Dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = text.splitlines()[mark.line] if mark is not None and mark.line < len(
            text.splitlines()) else ""
        hint = QUOTE_HINT if line.lstrip().startswith("- {") else ""
        raise SourceError("%s: %s%s" % (path.name, error, hint))
    except SourceError as error:
        raise SourceError("%s, %s" % (path.name, error))
    if data is None:
        return {}
    _mapping(data, path.name)
    return data


# --- checks on what was read --------------------------------------------------------

def _mapping(value: Any, where: str, keys: Optional[set] = None) -> Mapping[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise SourceError("%s: expected names with a colon after each" % where)
    if keys is not None:
        unknown = sorted(set(value) - keys)
        if unknown:
            raise SourceError("%s: unknown %s (known: %s)" % (
                where, ", ".join(unknown), ", ".join(sorted(keys))))
    return value


def _words(value: Any, where: str) -> List[str]:
    """A list of phrases: each a line starting with "- "."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise SourceError("%s: expected a list, one '- phrase' a line" % where)
    for item in value:
        if not isinstance(item, str) or not item.strip():
            hint = QUOTE_HINT if isinstance(item, dict) else ""
            raise SourceError("%s: %r is not a phrase%s" % (where, item, hint))
        if item != item.strip() or "  " in item:
            raise SourceError("%s: %r has spaces at an end or two together" % (where, item))
    return list(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError("%s: expected a phrase" % where)
    return value


# --- the model ----------------------------------------------------------------------

def shared_model(source: Mapping[str, Any], where: str) -> Dict[str, Any]:
    """The language model every English locale starts from."""
    _mapping(source, where, SHARED_KEYS)
    openers = {name: _words(phrases, "%s: openers, %s" % (where, name))
               for name, phrases in _mapping(source.get("openers"), where + ": openers").items()}
    intents = []
    for name, body in _mapping(source.get("intents"), where + ": intents").items():
        at = "%s: %s" % (where, name)
        body = _mapping(body, at, INTENT_KEYS)
        intent: Dict[str, Any] = {"name": name}
        slots = _mapping(body.get("slots"), at + ": slots")
        if slots:
            intent["slots"] = [{"name": slot, "type": _text(kind, "%s: slot %s" % (at, slot))}
                               for slot, kind in slots.items()]
        intent["samples"] = _words(body.get("samples"), at)
        intent["samples"] += _opened(body.get("opened_by"), openers, slots, intent["samples"], at)
        intents.append(intent)
    types = []
    for name, values in _mapping(source.get("types"), where + ": types").items():
        entries = []
        for value_id, words in _mapping(values, "%s: type %s" % (where, name)).items():
            words = _words(words, "%s: type %s, %s" % (where, name, value_id))
            if not words:
                raise SourceError("%s: type %s, %s has no value" % (where, name, value_id))
            value: Dict[str, Any] = {"value": words[0]}
            if words[1:]:
                value["synonyms"] = words[1:]
            entries.append({"id": value_id, "name": value})
        types.append({"name": name, "values": entries})
    return {"invocationName": _text(source.get("invocation"), where + ": invocation"),
            "intents": intents, "types": types}


def _opened(names: Any, openers: Mapping[str, List[str]], slots: Mapping[str, Any],
            samples: List[str], at: str) -> List[str]:
    """The samples an intent's `opened_by` lists make: each opener (the ways a sentence can
    begin) as the carrier phrase before the intent's one free phrase ("honestly {Description}");
    a sample the intent already has is not made twice."""
    names = _words(names, at + ": opened_by")
    if not names:
        return []
    phrases = [slot for slot, kind in slots.items() if kind == "AMAZON.SearchQuery"]
    if len(phrases) != 1:
        raise SourceError("%s: opened_by needs exactly one AMAZON.SearchQuery slot" % at)
    made: List[str] = []
    for name in names:
        if name not in openers:
            raise SourceError("%s: opened_by names %r, which openers does not list" % (at, name))
        for opener in openers[name]:
            sample = "%s {%s}" % (opener, phrases[0])
            if sample not in samples and sample not in made:
                made.append(sample)
    return made


def with_locale(shared: Mapping[str, Any], differences: Mapping[str, Any],
                where: str) -> Dict[str, Any]:
    """The shared model with one locale's differences added to it."""
    _mapping(differences, where, LOCALE_KEYS)
    model = json.loads(json.dumps(shared))  # a copy: the shared model serves every locale
    if "invocation" in differences:
        model["invocationName"] = _text(differences["invocation"], where + ": invocation")
    intents = {intent["name"]: intent for intent in model["intents"]}
    for name, samples in _mapping(differences.get("samples"), where + ": samples").items():
        if name not in intents:
            raise SourceError("%s: samples for %s, an intent en.yaml does not have" % (where, name))
        intents[name]["samples"].extend(_words(samples, "%s: samples of %s" % (where, name)))
    types = {slot_type["name"]: slot_type for slot_type in model["types"]}
    for name, values in _mapping(differences.get("synonyms"), where + ": synonyms").items():
        if name not in types:
            raise SourceError("%s: synonyms for %s, a slot type en.yaml does not have" % (where, name))
        by_id = {value["id"]: value["name"] for value in types[name]["values"]}
        for value_id, words in _mapping(values, "%s: synonyms of %s" % (where, name)).items():
            if value_id not in by_id:
                raise SourceError("%s: %s has no value %s in en.yaml (a new value needs the "
                                  "content to know its id: add it there)" % (where, name, value_id))
            words = _words(words, "%s: synonyms of %s, %s" % (where, name, value_id))
            by_id[value_id].setdefault("synonyms", []).extend(words)
    check(model, where)
    return {"interactionModel": {"languageModel": model}}


def check(model: Mapping[str, Any], where: str) -> None:
    """What Alexa's build would refuse and a locale's additions can cause."""
    types = {slot_type["name"] for slot_type in model["types"]}
    seen: Dict[str, str] = {}
    for intent in model["intents"]:
        slots = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for kind in slots.values():
            if kind not in types and not kind.startswith("AMAZON."):
                raise SourceError("%s: %s's slot type %s is not under types" % (
                    where, intent["name"], kind))
        for sample in intent["samples"]:
            for slot in SLOT.findall(sample):
                if slot not in slots:
                    raise SourceError("%s: %r of %s uses {%s}, which %s does not declare" % (
                        where, sample, intent["name"], slot, intent["name"]))
            if sample.lower() in seen:
                raise SourceError("%s: %r is a sample of %s and again of %s: Alexa refuses a "
                                  "sample twice" % (where, sample, seen[sample.lower()], intent["name"]))
            seen[sample.lower()] = intent["name"]
    for slot_type in model["types"]:
        words: Dict[str, str] = {}
        for value in slot_type["values"]:
            for word in [value["name"]["value"]] + value["name"].get("synonyms", []):
                if word.lower() in words:
                    raise SourceError("%s: %s has %r twice (%s, %s)" % (
                        where, slot_type["name"], word, words[word.lower()], value["id"]))
                words[word.lower()] = value["id"]


def build(source: Path = SOURCE) -> Dict[str, Dict[str, Any]]:
    """locale -> interaction model, one for each <locale>.yaml beside en.yaml."""
    shared_path = source / ("%s.yaml" % SHARED)
    if not shared_path.is_file():
        raise SourceError("%s is missing: it holds the intents every English locale shares"
                          % shared_path)
    shared = shared_model(read(shared_path), shared_path.name)
    models = {}
    for path in sorted(source.glob("*.yaml")):
        if path == shared_path:
            continue
        if not LOCALE.match(path.stem):
            raise SourceError("%s: a locale's file is named like en-GB.yaml" % path)
        models[path.stem] = with_locale(shared, read(path), path.name)
    if not models:
        raise SourceError("%s: no <locale>.yaml, so no model to build" % source)
    return models


def render(model: Mapping[str, Any]) -> str:
    """A model as it is committed: two-space JSON, words as they are, a final newline."""
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def stale(models: Mapping[str, Mapping[str, Any]], out: Path = MODELS) -> List[str]:
    """Why the models in `out` are not the ones `models` makes: one line per file."""
    problems = []
    for locale, model in sorted(models.items()):
        path = out / ("%s.json" % locale)
        if not path.is_file():
            problems.append("%s is missing" % path.name)
        elif path.read_text(encoding="utf-8") != render(model):
            problems.append("%s differs from the source" % path.name)
    for path in sorted(out.glob("*.json")):
        if path.stem not in models:
            problems.append("%s has no source/%s.yaml" % (path.name, path.stem))
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the committed models with the source; write nothing")
    parser.add_argument("--source", type=Path, default=SOURCE, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=MODELS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        models = build(args.source)
    except SourceError as error:
        print("build_models: %s" % error, file=sys.stderr)
        return 2
    if args.check:
        problems = stale(models, args.out)
        for problem in problems:
            print("%s: run make models" % problem, file=sys.stderr)
        return 1 if problems else 0
    for locale, model in sorted(models.items()):
        path = args.out / ("%s.json" % locale)
        text = render(model)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print("wrote %s" % path.relative_to(ROOT) if ROOT in path.parents else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
