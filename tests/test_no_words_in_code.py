"""No spoken or matched English in the skill's code: every word comes from the content.

The scan reads every module of the skill (every .py file under lambda/spasm_coach; the
content is JSON) with ``ast`` and flags string literals that look like language:

- a phrase: two or more words of letters separated by spaces, once any markup is
  taken out ("Breathe in, and out", "Back Spasm Coach", "ice pack");
- a word the English content says, with a space around it (", and ");
- a vocabulary: a set, list, tuple or dict with three or more single words that the
  English content says or hears and that are not ids anywhere in the project's data
  (content keys, catalogue values, slot value ids): {"cold", "frozen", "peas"};
- a regular expression that reads only the letters a to z (``[^a-z ]+``, ``[a-z]+``),
  which would strip or miss the letters of any other language (é, ü, ı, any script).

Not flagged: docstrings, log messages, the messages of exceptions raised and the
printf-style messages (``"rule %s has no source" % rule``) that become them (for whoever
reads the logs; never said: speech is filled with the content's ``{placeholders}``), and
the short allow-list below, each with its reason.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Iterable, Iterator, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lambda" / "spasm_coach"
CONTENT = PACKAGE / "content"

ALLOWED = {
    # The triage's own reading of English: which "'s" means "is", "&" read as "and". It
    # belongs with the red-flag vocabulary (redflags.en.json), whose contents the red-flag
    # recognition work owns; it moves there with that work.
    ("triage.py", "it"), ("triage.py", "that"), ("triage.py", "there"), ("triage.py", "what"),
    ("triage.py", "who"), ("triage.py", "he"), ("triage.py", " and "),
    # check(): phrases every English vocabulary must read at their level, so a file that
    # loads but has lost its meaning is refused at start-up (same owner, same move).
    ("triage.py", "I wet myself"), ("triage.py", "my back is spasming"),
    # The triage's tokens are its vocabulary's: plain lower-case ASCII words, accents folded
    # first (check() refuses any other term). Same owner as above.
    ("triage.py", "[a-z0-9]+|#"), ("triage.py", "[a-z0-9']+|[.,;:!?]"),
    # A stored preference's value is an id of the skill's own ("longer"), never words.
    ("persistence/records.py", "^[a-z_]{1,16}$"),
    # What the Alexa APIs answer, matched or declared as they send it; never said.
    ("alexa_api.py", "duplicate|already exists"), ("alexa_api.py", "Too many requests"),
    ("alexa_api.py", "Internal Server Error"),
}

LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
_MARKUP = re.compile(r"<[^>]*>")
_PHRASE = re.compile(r"(?<![\w%/.{])[A-Za-z][a-z']*(?: [A-Za-z][a-z']*)+(?![\w(/.}])")
_WORD = re.compile(r"[A-Za-z]+")
_PADDED_WORD = re.compile(r"[\s,.;:!?]*([A-Za-z']+)[\s,.;:!?]*")
_RE_FUNCTIONS = {"compile", "sub", "subn", "findall", "finditer", "match", "fullmatch", "search", "split"}


def _ascii_letters_only(node: ast.AST) -> bool:
    """A call of the re module on a pattern that names a-z but not A-Z."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCTIONS and node.args):
        return False
    pattern = node.args[0]
    return (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
            and "a-z" in pattern.value and "A-Z" not in pattern.value)


def _strings(node) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _keys(node) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keys(value)


def spoken_words() -> Set[str]:
    """Every word the English content says or hears."""
    words: Set[str] = set()
    for path in CONTENT.glob("en*.json"):
        for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
            words.update(word.lower() for word in _WORD.findall(text))
    return words


def data_ids() -> Set[str]:
    """Names the project's data gives things: every key, the catalogue's and emergency
    numbers' values, the APL documents' strings, the models' slot value ids."""
    ids: Set[str] = set()
    for path in list(CONTENT.rglob("*.json")) + list((ROOT / "interaction_model").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        ids.update(_keys(data))
        if path.name in ("catalogue.json", "emergency.json") or "apl" in path.parts:
            ids.update(_strings(data))
        model = data.get("interactionModel", {}).get("languageModel", {}) if isinstance(data, dict) else {}
        for slot_type in model.get("types", []):
            ids.update(value["id"] for value in slot_type.get("values", []) if "id" in value)
    return ids


def _not_spoken(tree: ast.AST) -> Set[int]:
    """The string constants that are docstrings, log messages or raised messages."""
    skip: Set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOG_METHODS:
            skip.update(id(part) for part in ast.walk(node))
        if isinstance(node, ast.Raise) and node.exc is not None:
            skip.update(id(part) for part in ast.walk(node.exc))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            skip.add(id(node.left))
    return skip


def english_in(source: str, spoken: Set[str], ids: Set[str]) -> List[Tuple[int, str]]:
    """(line, literal) for every string literal of ``source`` that looks like language."""
    tree = ast.parse(source)
    skip = _not_spoken(tree)
    found: List[Tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            padded = _PADDED_WORD.fullmatch(node.value)
            if _PHRASE.search(_MARKUP.sub(" ", node.value)) or (
                    padded and " " in padded.group(0) and padded.group(1).lower() in spoken):
                found.append((node.lineno, node.value))
        elif _ascii_letters_only(node):
            found.append((node.lineno, node.args[0].value))
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            members = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [m for m in members if isinstance(m, ast.Constant) and isinstance(m.value, str)
                     and id(m) not in skip and _WORD.fullmatch(m.value)
                     and m.value.lower() in spoken and m.value not in ids]
            if len(words) >= 3:
                found.extend((m.lineno, m.value) for m in words)
    return found


def skill_modules() -> Iterable[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == CONTENT or CONTENT not in path.parents:
            yield path


@pytest.fixture(scope="module")
def vocabulary():
    return spoken_words(), data_ids()


def test_no_module_of_the_skill_holds_spoken_english(vocabulary):
    spoken, ids = vocabulary
    found = []
    for path in skill_modules():
        relative = path.relative_to(PACKAGE).as_posix()
        for line, literal in english_in(path.read_text(encoding="utf-8"), spoken, ids):
            if (relative, literal) not in ALLOWED:
                found.append("%s:%d: %r" % (relative, line, literal))
    assert not found, "words in code; put them in the content:\n" + "\n".join(found)


def test_every_allowed_literal_is_still_there(vocabulary):
    """An allow-list entry whose literal is gone would quietly allow it anywhere later."""
    spoken, ids = vocabulary
    seen = set()
    for path in skill_modules():
        relative = path.relative_to(PACKAGE).as_posix()
        seen.update((relative, literal) for _, literal in english_in(path.read_text(encoding="utf-8"), spoken, ids))
    assert ALLOWED <= seen, sorted(ALLOWED - seen)


def test_the_scan_finds_words_of_the_kinds_code_used_to_hold(vocabulary):
    spoken, ids = vocabulary
    caught = [
        'NUMBER_WORDS = "zero one two three four five".split()',
        'builder.set_card(SimpleCard(title="Back Spasm Coach", content=card))',
        'speech.breath(3, 4, "Breathe in,", "and out.")',
        'if words & {"ice", "icepack", "cold", "frozen", "peas", "freezer"}: pass',
        'builder.speak("<speak>Sorry, something went wrong. Please try again.</speak>")',
        'LIST_AND = ", and "',
        '_NON_WORD = re.compile(r"[^a-z ]+")',
        'words = set(re.findall(r"[a-z]+", text.lower()))',
    ]
    for source in caught:
        assert english_in(source, spoken, ids), source
    ignored = [
        '"""A docstring with many words."""',
        'log.info("session ended: %s", reason)',
        'raise ValueError("no request in the envelope")',
        'KINDS = ("ice", "heat")',
        'content.text("routine_lines.next_reprompt")',
        'SPEECH = \'<prosody rate="%s">%s</prosody>\'',
        'ACTIONS = ("relief", "resume", "goodbye")',
        '_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")',
        '_WORD = re.compile(r"[^\\W\\d_]+")',
    ]
    for source in ignored:
        assert not english_in(source, spoken, ids), source
