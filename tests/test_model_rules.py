"""Amazon's build rules for interaction models, checked offline on every
interaction_model/<locale>.json and the example phrases in skill.json.

Written from Amazon's documentation for custom skills: "Create Intents, Utterances, and
Slots" (intent and slot name requirements, sample utterance characters), "Choose the
Invocation Name for a Custom Skill", "AMAZON.SearchQuery" (a carrier phrase, and the build
error "Sample intent utterances with phrase types cannot consist of only slots"),
"Standard built-in intents" (the required ones), "Entity resolution" (value ids) and the
certification checklist on example phrases. Limits marked "secondary" come from a
secondary source (shared/alexa-platform.md) rather than an Amazon page.

Where today's model breaks a rule the check is marked xfail(strict=True) for exactly that
intent: the fix is under way elsewhere, and once it lands the marker turns into a failure
and must be removed.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "interaction_model").glob("*.json"))
MANIFEST = json.loads((ROOT / "skill.json").read_text(encoding="utf-8"))["manifest"]

REQUIRED_BUILTINS = {"AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent",
                     "AMAZON.FallbackIntent", "AMAZON.NavigateHomeIntent"}
LAUNCH_WORDS = {"open", "ask", "start", "tell", "launch", "begin", "load", "play", "resume",
                "run", "talk", "use", "enable", "stop", "cancel", "exit", "quit", "help"}
CONNECTING_WORDS = {"to", "for", "about", "by", "from", "if", "whether", "and", "that", "with",
                    "using"}
FORBIDDEN_IN_INVOCATION = {"alexa", "amazon", "echo", "computer", "skill", "app"}
# "Alexa, ask <invocation name> <connecting word> <utterance>" and the same with tell.
PHRASE_CONNECTORS = ("to", "that", "for", "about", "if", "whether")
LAUNCH_PHRASES = ("open", "launch", "start", "begin")
PHRASE_TYPES = {"AMAZON.SearchQuery"}

NAME = re.compile(r"^[A-Za-z_]+$")                       # intent, slot and slot type names
BUILTIN_INTENT = re.compile(r"^AMAZON\.[A-Za-z]+$")
SLOT_REF = re.compile(r"\{([^{}]*)\}")
# Letters of any script, spaces, possessive apostrophes, hyphens inside words, periods in
# spelled abbreviations ("a.m.", "p. t."); slots in braces. No digits: numbers are spelled out.
WORD = r"(?:[^\W\d_]+(?:['’][^\W\d_]*)?(?:-[^\W\d_]+)*|(?:[^\W\d_]\.)+|\{[A-Za-z_]+\})"
SAMPLE = re.compile(r"^%s(?: %s)*$" % (WORD, WORD))
INVOCATION = re.compile(r"^(?:[a-z]+(?:'s)?|(?:[a-z]\.)+)(?: (?:[a-z]+(?:'s)?|(?:[a-z]\.)+))+$")

MAX_INTENTS = 250              # secondary
MAX_SLOT_VALUE_CHARS = 140     # secondary
MAX_MODEL_BYTES = 1536 * 1024  # 1.5 MB, secondary
MAX_SAMPLE_CHARS = 200         # no Amazon figure found; the example-phrase limit, as a guard
MAX_EXAMPLE_PHRASES = 3        # "three example phrases"; the schema allows 4
MAX_EXAMPLE_PHRASE_CHARS = 200


@functools.lru_cache(maxsize=None)
def language_model(path):
    """The model's languageModel, read once for every check (none of them changes it)."""
    return json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]


def intents(path):
    return language_model(path)["intents"]


def slots_of(intent):
    return {slot["name"]: slot["type"] for slot in intent.get("slots", [])}


# Known breaks of a model, each with why it is still there (strict xfail: once fixed it
# fails as XPASS, and the entry must go). None today.
KNOWN = {}


def per_intent(rule):
    """(model, intent name) for every intent of every model, with the known break marked."""
    params = []
    for path in MODELS:
        for intent in intents(path):
            reason = KNOWN.get((rule, path.stem, intent["name"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(path, intent["name"], marks=marks,
                                       id="%s-%s" % (path.stem, intent["name"])))
    return params


def intent_named(path, name):
    return next(i for i in intents(path) if i["name"] == name)


by_model = pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)


# --- the model as a whole -----------------------------------------------------------------

def test_every_locale_has_a_model_and_every_model_a_locale():
    locales = set(MANIFEST["publishingInformation"]["locales"])
    assert MODELS and {p.stem for p in MODELS} == locales


@by_model
def test_model_size_and_intent_count(path):
    assert path.stat().st_size <= MAX_MODEL_BYTES
    assert len(intents(path)) <= MAX_INTENTS


@by_model
def test_invocation_name(path):
    name = language_model(path)["invocationName"]
    words = name.replace(".", " ").split()
    assert INVOCATION.match(name), name  # lower case, two or more words
    assert not set(words) & FORBIDDEN_IN_INVOCATION, name
    assert not set(words) & (LAUNCH_WORDS | CONNECTING_WORDS), name


@by_model
def test_intent_names_are_unique_and_well_formed(path):
    names = [intent["name"] for intent in intents(path)]
    assert len(names) == len(set(names))
    for name in names:
        if name.startswith("AMAZON."):
            assert BUILTIN_INTENT.match(name), name
        else:
            assert NAME.match(name), name
    assert REQUIRED_BUILTINS <= set(names)
    assert any(not n.startswith("AMAZON.") for n in names)  # a custom skill needs one


@by_model
def test_samples_are_unique_across_the_model(path):
    seen = {}
    for intent in intents(path):
        for sample in intent.get("samples", []):
            key = sample.lower()
            assert key not in seen, "%r is in %s and %s" % (sample, seen[key], intent["name"])
            seen[key] = intent["name"]


@by_model
def test_slot_types(path):
    model = language_model(path)
    types = model.get("types", [])
    names = [t["name"] for t in types]
    assert len(names) == len(set(names))
    used = {slot_type for i in model["intents"] for slot_type in slots_of(i).values()}
    for slot_type in types:
        assert NAME.match(slot_type["name"]) and not slot_type["name"].startswith("AMAZON"), \
            slot_type["name"]
        assert slot_type["name"] in used, "%s is declared but no slot uses it" % slot_type["name"]
        ids = [v.get("id") for v in slot_type["values"]]
        assert all(ids), "%s: every value needs an id for entity resolution" % slot_type["name"]
        assert len(ids) == len(set(ids)), "%s: duplicate ids" % slot_type["name"]
        words = [v["name"]["value"] for v in slot_type["values"]] + [
            s for v in slot_type["values"] for s in v["name"].get("synonyms", [])]
        lowered = [w.lower() for w in words]
        assert len(lowered) == len(set(lowered)), "%s: a value or synonym twice" % slot_type["name"]
        for word in words:
            assert word.strip() and word == word.strip(), (slot_type["name"], word)
            assert len(word) <= MAX_SLOT_VALUE_CHARS, (slot_type["name"], word)
            assert "{" not in word and "}" not in word, (slot_type["name"], word)


# --- each intent -------------------------------------------------------------------------

@pytest.mark.parametrize("path, name", per_intent("slots"))
def test_slots_are_named_typed_and_declared(path, name):
    intent = intent_named(path, name)
    declared = [slot["name"] for slot in intent.get("slots", [])]
    assert len(declared) == len(set(declared)), declared
    custom = {t["name"] for t in language_model(path).get("types", [])}
    for slot_name, slot_type in slots_of(intent).items():
        assert NAME.match(slot_name), slot_name
        assert slot_type in custom or re.match(r"^AMAZON\.[A-Za-z_]+$", slot_type), slot_type
    for sample in intent.get("samples", []):
        for slot_name in SLOT_REF.findall(sample):
            assert slot_name in declared, (sample, slot_name)


@pytest.mark.parametrize("path, name", per_intent("characters"))
def test_sample_characters_and_lengths(path, name):
    for sample in intent_named(path, name).get("samples", []):
        assert SAMPLE.match(sample), "%s: %r" % (name, sample)
        assert len(sample) <= MAX_SAMPLE_CHARS, sample


@pytest.mark.parametrize("path, name", per_intent("slot_twice"))
def test_no_slot_twice_in_one_sample(path, name):
    """A list goes in one slot with multipleValues; the same slot twice is not buildable."""
    for sample in intent_named(path, name).get("samples", []):
        used = SLOT_REF.findall(sample)
        assert len(used) == len(set(used)), "%s: %r" % (name, sample)


@pytest.mark.parametrize("path, name", per_intent("carrier_phrase"))
def test_a_phrase_slot_has_a_carrier_phrase(path, name):
    """AMAZON.SearchQuery: at most one in a sample, never alone in it."""
    intent = intent_named(path, name)
    phrases = {s for s, t in slots_of(intent).items() if t in PHRASE_TYPES}
    for sample in intent.get("samples", []):
        used = [s for s in SLOT_REF.findall(sample) if s in phrases]
        assert len(used) <= 1, sample
        if used:
            assert SLOT_REF.sub("", sample).strip(), "%s: %r has no carrier phrase" % (name, sample)


@pytest.mark.parametrize("path, name", per_intent("only_slots"))
def test_an_intent_with_a_phrase_slot_has_no_slot_only_sample(path, name):
    """"Sample intent utterances with phrase types cannot consist of only slots"."""
    intent = intent_named(path, name)
    if not set(slots_of(intent).values()) & PHRASE_TYPES:
        return
    for sample in intent.get("samples", []):
        assert SLOT_REF.sub("", sample).strip(), "%s: %r" % (name, sample)


@pytest.mark.parametrize("path, name", per_intent("phrase_alone"))
def test_a_phrase_slot_is_the_only_slot_of_its_intent(path, name):
    """Whether a phrase slot may share an intent with other slots is disputed; kept apart."""
    types = list(slots_of(intent_named(path, name)).values())
    if set(types) & PHRASE_TYPES:
        assert len(types) == 1, "%s: %s" % (name, types)


@pytest.mark.parametrize("path, name", per_intent("builtins"))
def test_built_ins_carry_no_slots_and_fallback_no_samples(path, name):
    intent = intent_named(path, name)
    if name.startswith("AMAZON."):
        assert not intent.get("slots"), name
    if name == "AMAZON.FallbackIntent":
        assert not intent.get("samples")  # it carries no words; samples there would be lost


# --- example phrases in skill.json --------------------------------------------------------

def sample_pattern(sample, slot_types, custom):
    """A regular expression for what a sample matches, its slots filled with their values."""
    parts = []
    for piece in re.split(r"(\{[A-Za-z_]+\})", sample):
        if piece.startswith("{"):
            slot_type = slot_types[piece[1:-1]]
            if slot_type in custom:
                parts.append("(?:%s)" % "|".join(re.escape(w.lower()) for w in custom[slot_type]))
            else:
                parts.append(".+")
        else:
            parts.append(re.escape(piece))
    return re.compile("^%s$" % "".join(parts))


def spoken_samples(path):
    """(intent name, pattern) for every sample in the model's order, each pattern made when
    it is reached."""
    model = language_model(path)
    custom = {t["name"]: [v["name"]["value"] for v in t["values"]]
              + [s for v in t["values"] for s in v["name"].get("synonyms", [])]
              for t in model.get("types", [])}
    return ((intent["name"], sample_pattern(sample, slots_of(intent), custom))
            for intent in model["intents"] for sample in intent.get("samples", []))


@by_model
def test_example_phrases_are_samples_in_a_supported_form(path):
    invocation = language_model(path)["invocationName"]
    phrases = MANIFEST["publishingInformation"]["locales"][path.stem]["examplePhrases"]
    assert 1 <= len(phrases) <= MAX_EXAMPLE_PHRASES
    launch = re.compile(r"^alexa, (?:%s) %s$" % ("|".join(LAUNCH_PHRASES), re.escape(invocation)))
    with_utterance = re.compile(r"^alexa, (?:ask|tell) %s (?:%s) (.+)$" % (
        re.escape(invocation), "|".join(PHRASE_CONNECTORS)))
    for index, phrase in enumerate(phrases):
        assert len(phrase) <= MAX_EXAMPLE_PHRASE_CHARS
        words = phrase.lower().rstrip(".?!")
        if index == 0:
            # The first phrase opens the skill by name, and nothing more.
            assert launch.match(words), phrase
            continue
        if launch.match(words):
            continue
        match = with_utterance.match(words)
        assert match, "%r is not 'Alexa, ask|tell %s to|that|… <utterance>'" % (phrase, invocation)
        utterance = match.group(1)
        heard = next((name for name, pattern in spoken_samples(path) if pattern.match(utterance)), None)
        assert heard, "%r: %r is no sample of the model" % (phrase, utterance)
        assert not heard.startswith("AMAZON.Fallback"), phrase


# --- the check itself ---------------------------------------------------------------------

def test_known_breaks_name_real_intents():
    """Every xfail above names an intent that exists, so none can silently go stale."""
    for rule, locale, name in KNOWN:
        path = ROOT / "interaction_model" / ("%s.json" % locale)
        assert path.is_file() and any(i["name"] == name for i in intents(path)), (rule, name)


@pytest.mark.parametrize("sample, good", [
    ("i have a cramp in my back", True),
    ("it's my back's fault", True),
    ("set a timer for {Duration}", True),
    ("a.m. or p.m.", True),
    ("knee-to-chest", True),
    ("set a 20 minute timer", False),        # numbers are spelled out
    ("what?", False),
    ("my back, again", False),
    ("two  spaces", False),
    (" leading", False),
    ("{Slot name}", False),
])
def test_the_sample_rule_tells_good_from_bad(sample, good):
    assert bool(SAMPLE.match(sample)) is good
