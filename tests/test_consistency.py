"""The interaction model, the handlers and skill.json agree, and follow Alexa's rules."""
import json
import re
from pathlib import Path

import pytest

from spasm_coach.content import locales as content_locales
from spasm_coach.skill import request_handlers

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "interaction_model").glob("*.json"))
MANIFEST = json.loads((ROOT / "skill.json").read_text())["manifest"]
REQUIRED_BUILTINS = {"AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent",
                     "AMAZON.FallbackIntent", "AMAZON.NavigateHomeIntent"}
LAUNCH_WORDS = {"open", "ask", "start", "tell", "launch", "begin", "load", "play", "resume", "run",
                "talk", "use", "enable", "stop", "cancel", "exit", "quit", "help"}
CONNECTING_WORDS = {"to", "for", "about", "by", "from", "if", "whether", "and", "that", "with", "using"}
FORBIDDEN_IN_INVOCATION = {"alexa", "amazon", "echo", "computer", "skill", "app"}
# Intents whose words the triage reads before anything else answers (handlers/safety.py).
SAFETY_INTENTS = {"SymptomIntent", "SensationIntent", "SafetyAnswerIntent", "DescribeIntent", "DescribeMyIntent",
                  "DescribeHaveIntent"}
SAMPLE_CHARS = re.compile(r"^(?:[a-z' .\-]|\{[A-Za-z_]+\})+$")


def language_model(path):
    return json.loads(path.read_text())["interactionModel"]["languageModel"]


def handled_intents():
    names = set()
    for handler in request_handlers():
        names.update(getattr(handler, "intents", ()))
    return names


# The emergency numbers each locale's description names: its country's, from the content
# (content/emergency.json; clinical.md: by country, never by language), its same-day lines aside.
EMERGENCY_NUMBERS = {
    locale: [digits for name, digits in numbers.items() if not name.endswith("same_day_number")]
    for locale, numbers in json.loads((ROOT / "lambda/spasm_coach/content/emergency.json").read_text())["locales"].items()
    if locale in content_locales()}
LOCALES = sorted(MANIFEST["publishingInformation"]["locales"])
by_locale = pytest.mark.parametrize("locale", LOCALES)


def test_every_english_locale_has_a_model_and_publishing_information():
    assert [m.stem for m in MODELS] == LOCALES == sorted(EMERGENCY_NUMBERS)
    assert sorted(MANIFEST["privacyAndCompliance"]["locales"]) == LOCALES
    countries = MANIFEST["publishingInformation"]["distributionCountries"]
    assert sorted(countries) == ["AU", "CA", "GB", "IN", "NZ", "US"]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_every_model_intent_has_a_handler_and_every_handler_an_intent(path):
    model = {i["name"] for i in language_model(path)["intents"]}
    assert model == handled_intents()
    assert REQUIRED_BUILTINS <= model


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_invocation_name_follows_alexas_rules(path):
    name = language_model(path)["invocationName"]
    words = name.split()
    assert re.fullmatch(r"[a-z ]+", name) and len(words) >= 2
    assert not set(words) & (FORBIDDEN_IN_INVOCATION | LAUNCH_WORDS | CONNECTING_WORDS)
    assert name == "back spasm coach"


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_samples_are_unique_legal_and_their_slots_declared(path):
    model = language_model(path)
    types = {t["name"] for t in model.get("types", [])}
    seen, shapes = {}, {}
    for intent in model["intents"]:
        slots = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for slot_type in slots.values():
            assert slot_type in types or slot_type.startswith("AMAZON."), slot_type
        for sample in intent.get("samples", []):
            assert SAMPLE_CHARS.match(sample), (intent["name"], sample)
            assert not re.search(r"\d", sample), "numbers must be spelled out: %r" % sample
            assert sample == sample.strip() and "  " not in sample
            for slot in re.findall(r"\{(\w+)\}", sample):
                assert slot in slots, (intent["name"], sample)
            assert sample not in seen, "%r is in %s and %s" % (sample, seen[sample], intent["name"])
            seen[sample] = intent["name"]
            used = re.findall(r"\{(\w+)\}", sample)
            assert len(used) == len(set(used)), "a slot used twice: %r" % sample
            # The same words around different slots are ambiguous; only the safety
            # intents may share a shape, since all go to the triage first.
            shape = re.sub(r"\{\w+\}", "{}", sample)
            other = shapes.setdefault(shape, intent["name"])
            assert other == intent["name"] or {other, intent["name"]} <= SAFETY_INTENTS, (sample, other)
    for slot_type in model.get("types", []):
        values = [v["name"]["value"] for v in slot_type["values"]]
        synonyms = [s for v in slot_type["values"] for s in v["name"].get("synonyms", [])]
        assert len(set(values + synonyms)) == len(values + synonyms), slot_type["name"]
        assert all(len(v) <= 140 for v in values + synonyms)
        assert all(v.get("id") for v in slot_type["values"])


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_free_phrase_intents_follow_alexas_rules(path):
    """AMAZON.SearchQuery: one phrase slot per sample, always with a carrier phrase, and in
    intents of their own, apart from custom slots (alexa-platform.md)."""
    search_intents = 0
    for intent in language_model(path)["intents"]:
        types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        if "AMAZON.SearchQuery" not in types.values():
            continue
        search_intents += 1
        assert set(types.values()) == {"AMAZON.SearchQuery"}, intent["name"]
        for sample in intent["samples"]:
            used = re.findall(r"\{(\w+)\}", sample)
            assert len(used) == 1 and sample.strip() != "{%s}" % used[0], sample
    assert search_intents >= 1


@by_locale
def test_slot_ids_match_the_content(locale):
    from spasm_coach.content import for_locale
    content = for_locale(locale)
    model = language_model(ROOT / "interaction_model" / ("%s.json" % locale))
    ids = {t["name"]: {v["id"] for v in t["values"]} for t in model["types"]}
    assert ids["STRETCH"] == set(content.stretches)
    assert ids["INFO_TOPIC"] == set(content.raw("info"))


@by_locale
def test_manifest_fields_and_limits(locale):
    info = MANIFEST["publishingInformation"]["locales"][locale]
    assert info["name"] == "Back Spasm Coach"
    assert len(info["summary"]) <= 160 and len(info["description"]) <= 4000
    assert "not a substitute for professional medical advice" in info["description"]
    assert "emergency" in info["description"] and "local emergency number" in info["description"]
    assert "use your phone" in info["description"]
    emergency = info["description"][info["description"].index("local emergency number"):]
    for number in EMERGENCY_NUMBERS[locale]:
        assert number in emergency, (locale, number)
    others = {n for numbers in EMERGENCY_NUMBERS.values() for n in numbers} - set(EMERGENCY_NUMBERS[locale])
    assert not [n for n in others if re.search(r"\b%s\b" % n, emergency)], locale
    assert 1 <= len(info["examplePhrases"]) <= 4 and all(len(p) <= 200 for p in info["examplePhrases"])
    assert 1 <= len(info["keywords"]) <= 30
    privacy = MANIFEST["privacyAndCompliance"]
    for field in ("allowsPurchases", "usesPersonalInfo", "isChildDirected", "isExportCompliant",
                  "containsAds", "usesHealthInfo"):
        assert isinstance(privacy[field], bool)
    assert privacy["usesHealthInfo"] is False  # only for HIPAA-covered entities
    assert len(MANIFEST["publishingInformation"]["testingInstructions"]) <= 4000


@by_locale
def test_example_phrases_are_real_sample_utterances(locale):
    model = language_model(ROOT / "interaction_model" / ("%s.json" % locale))
    samples = {s for i in model["intents"] for s in i.get("samples", [])}
    invocation = model["invocationName"]
    for phrase in MANIFEST["publishingInformation"]["locales"][locale]["examplePhrases"]:
        words = phrase.lower().rstrip(".?!")
        assert words.startswith("alexa, "), phrase
        words = words[len("alexa, "):]
        if words == "open " + invocation:
            continue
        match = re.fullmatch(r"(?:ask|tell) %s (?:(?:to|that|for|about|if|whether) )?(.+)"
                             % invocation, words)
        assert match and match.group(1) in samples, phrase
