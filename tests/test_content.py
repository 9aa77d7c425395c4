"""The content's layers fit together for every locale, and each locale names only its
own country's numbers (clinical.md: emergency numbers by country, never by language).

Assertions read the content's own data (a locale's numbers, its spoken forms, its local
words) rather than sentences, except where the words themselves are the rule (en-US and
en-CA say no British words)."""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from dateutil import tz

from spasm_coach import content
from spasm_coach.content import (LOCALES_DIR, ContentError, build, combine, for_locale, language_words, locales,
                                 override)

EMERGENCY = json.loads((content.HERE / "emergency.json").read_text(encoding="utf-8"))["locales"]
LOCALES = locales()
UNKNOWN = ("en-NZ", "en-IE", "fr-FR", "xx")  # no file of their own
PHONE = re.compile(r"\d{3,}(?: \d{3,})*")  # a phone number written in digits
NUMBER_NAMES = {name for numbers in EMERGENCY.values() for name in numbers}


def texts(node: Any, path: str = "") -> Iterator[Tuple[str, str]]:
    """(path, template) for every string of a content tree but its sources."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "source" and not key.endswith("_source") and key != "about":
                yield from texts(value, "%s.%s" % (path, key) if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, "%s.%d" % (path, index))
    elif isinstance(node, str):
        yield path, node


def said_and_shown(locale: str) -> List[Tuple[str, str, str]]:
    """(path, as said, as shown) for every text of a locale, its placeholders filled."""
    words = for_locale(locale)
    return [(path, words.fill(text), words.show(text)) for path, text in texts(words.data)]


def test_the_locales_with_files_of_their_own():
    assert LOCALES == ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"]
    for locale in LOCALES:
        own = json.loads((LOCALES_DIR / ("%s.json" % locale)).read_text(encoding="utf-8"))
        assert own["locale"] == locale
        assert set(own) <= {"locale", "about", "time_zone", "spoken_numbers", "overrides"}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_locale_says_every_number_of_its_country_and_no_other(locale):
    own = json.loads((LOCALES_DIR / ("%s.json" % locale)).read_text(encoding="utf-8"))
    assert set(own["spoken_numbers"]) == set(EMERGENCY[locale]), "one spoken form per number of emergency.json"
    words = for_locale(locale)
    for name, digits in EMERGENCY[locale].items():
        assert words.show("{%s}" % name) == digits
        said = words.fill("{%s}" % name)
        assert said == own["spoken_numbers"][name] and not any(ch.isdigit() for ch in said)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_locale_has_a_time_zone_for_its_reminders(locale):
    zone = for_locale(locale).time_zone
    assert zone and tz.gettz(zone) is not None


@pytest.mark.parametrize("locale", LOCALES + list(UNKNOWN))
def test_every_phone_number_in_a_locale_is_its_own_country_s(locale):
    own_digits = set(EMERGENCY.get(locale, {}).values()) if locale in LOCALES else set()
    own_spoken = {for_locale(locale).fill("{%s}" % name) for name in EMERGENCY.get(locale, {})} \
        if locale in LOCALES else set()
    others = set()
    for other in LOCALES:
        for name, digits in EMERGENCY[other].items():
            if digits not in own_digits:
                others.add(for_locale(other).fill("{%s}" % name))
    others -= own_spoken
    for path, said, shown in said_and_shown(locale):
        assert set(PHONE.findall(shown)) <= own_digits, (locale, path, shown)
        assert not PHONE.findall(said), ("numbers are said as words", locale, path, said)
        for spoken in others:
            assert spoken not in said, (locale, path, spoken)
        leftover = set(re.findall(r"\{(\w+)\}", said)) & (NUMBER_NAMES | set(for_locale(locale).raw("local")))
        assert not leftover, (locale, path, leftover)


@pytest.mark.parametrize("locale", UNKNOWN)
def test_a_locale_without_a_file_speaks_english_with_the_default_emergency_wording(locale):
    words = for_locale(locale)
    default = language_words("en")["local"]["number"]
    assert words.fill("{number}") == words.show("{number}") == default
    assert words.emergency == {"number": default} and words.time_zone is None
    assert words.text("safety.emergency") == build("en").text("safety.emergency")
    assert default in words.text("safety.emergency")


def test_the_emergency_advice_names_the_emergency_number_and_the_phone():
    for locale in LOCALES + list(UNKNOWN):
        words = for_locale(locale)
        for said in (words.text("safety.emergency"), words.shown("safety.emergency_card"),
                     words.shown("screens.emergency.call")):
            assert words.fill("{number}") in said or words.show("{number}") in said, (locale, said)


def test_en_gb_never_sends_an_emergency_to_nhs_111():
    """111 is the UK's non-urgent line: only the same-day advice may name it."""
    words = for_locale("en-GB")
    same_day = (words.fill("{same_day_number}"), words.show("{same_day_number}"))
    for path, template in texts(words.data):
        if "{number}" in template and "{urgent_line}" not in template:
            for filled in (words.fill(template), words.show(template)):
                assert not any(number in filled for number in same_day), (path, filled)
    assert same_day[0] in words.text("safety.urgent") and same_day[1] in words.shown("safety.urgent_card")


# Texts where {number} is a count the code passes in ("stretch {number} of {total}"),
# not the emergency number.
COUNTED = {"routine_lines.step_intro", "routine_lines.remaining", "routine_lines.resume_from",
           "routine_lines.resume_from_side", "help.routine", "memory.welcome_back_routine",
           "screens.stretch.step", "screens.stretch.rep"}


def test_the_emergency_number_always_comes_with_the_locale_s_other_numbers():
    """{number}{local_note}: en-AU's "triple zero" never without New Zealand's 111."""
    for path, template in texts(language_words("en")):
        if "{number}" in template and path not in COUNTED:
            assert "{number}{local_note}" in template, path
    words = for_locale("en-AU")
    for path, template in texts(words.data):
        if "{local_note}" in template:
            assert words.fill("{nz_number}") in words.fill(template), path


def test_each_locale_names_its_same_day_route_in_the_urgent_advice():
    for locale in LOCALES:
        words = for_locale(locale)
        route = words.fill("{urgent_line}")
        assert route in words.text("safety.urgent") and words.show("{urgent_line}") in words.shown("safety.urgent_card")
        for name in EMERGENCY[locale]:
            if name.endswith("same_day_number"):
                assert words.fill("{%s}" % name) in route, (locale, name)


@pytest.mark.parametrize("locale,towel", [
    ("en-US", "dish towel"), ("en-CA", "dish towel"), ("en-GB", "tea towel"), ("en-AU", "tea towel")])
def test_ice_is_wrapped_in_the_local_towel(locale, towel):
    words = for_locale(locale)
    assert words.fill("{towel}") == towel
    assert any(towel in line for line in words.lines("info.heat_ice.lines"))


@pytest.mark.parametrize("locale,paracetamol", [
    ("en-US", "acetaminophen"), ("en-CA", "acetaminophen"), ("en-GB", "paracetamol"),
    ("en-AU", "paracetamol"), ("en-IN", "paracetamol"), ("en-NZ", "acetaminophen")])
def test_the_painkiller_warning_uses_the_local_drug_name(locale, paracetamol):
    words = for_locale(locale)
    assert words.fill("{paracetamol}") == paracetamol
    assert any(paracetamol in line for line in words.lines("info.medicine.lines"))


BRITISH = ("tea towel", "paracetamol", "A&E", "GP", "NHS", "bum", "loo", "wee", "chemist")
# Words the skill listens for, never says: a request in anyone's words ("gotta nip to the loo").
HEARD_ONLY = "describe.requests.routes."


@pytest.mark.parametrize("locale", ["en-US", "en-CA"])
def test_north_american_english_says_no_british_words(locale):
    for path, said, shown in said_and_shown(locale):
        if path.startswith(HEARD_ONLY):
            continue
        for word in BRITISH:
            pattern = r"(?<![\w&])%s(?![\w&])" % re.escape(word)
            assert not re.search(pattern, said) and not re.search(pattern, shown), (locale, path, word)


def test_words_files_write_no_phone_number():
    """Phone numbers come from emergency.json, by country: never written into words."""
    files = [content.HERE / name for name in ("en.json", "en.describe.json", "en.screens.json", "en.timers.json")]
    files += sorted(LOCALES_DIR.glob("*.json"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("spoken_numbers", None)
        for where, text in texts(data):
            assert not PHONE.search(text), (path.name, where, text)


def test_every_stretch_has_its_numbers_its_words_and_a_source():
    words = for_locale("en-US")
    for stretch_id, stretch in words.stretches.items():
        assert stretch["source"] and stretch["name"], stretch_id
        if stretch.get("prevention_only"):
            assert stretch["explain"], stretch_id
            continue
        assert stretch["setup"] and stretch["reps"]["min"] <= stretch["reps"]["default"] <= stretch["reps"]["max"]
        for moves in ("rep", "again"):
            assert all(move["say"] for move in stretch.get(moves, [])), (stretch_id, moves)
        assert any({"hold", "breath"} & set(move) for move in stretch["rep"]), stretch_id
        for side in stretch.get("sides", ()):
            assert words.side(side), (stretch_id, side)
    for routine in words.routines.values():
        assert routine["source"] and routine["name"]
        assert all(step.split(":")[0] in words.stretches for step in routine["steps"])


def test_every_group_of_words_has_a_source_in_the_catalogue():
    words = for_locale("en-US").data
    unsourced = {"speech", "info_follow_up", "info_reprompt", "info_unknown", "help", "fallback", "yes_no",
                 "goodbye", "error", "error_reprompt", "apology", "info_routine_follow_up"}
    for group, value in language_words("en").items():
        if group in unsourced:
            continue
        found = [path for path, _ in _sources(words[group])]
        assert found, "%s has no source" % group
    for topic, item in words["info"].items():
        assert item.get("source"), topic


def _sources(node: Any, path: str = "") -> Iterator[Tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" or key.endswith("_source"):
                yield path, value
            else:
                yield from _sources(value, path + "." + key)


def test_the_catalogue_holds_no_words_and_the_words_no_numbers():
    catalogue = json.loads((content.HERE / "catalogue.json").read_text(encoding="utf-8"))
    catalogue.pop("about")
    for path, value in texts(catalogue):
        # ids, rates and a routine's steps only: no sentence outside a source
        assert re.fullmatch(r"[a-z_:]+|\d+%", value), (path, value)
    words = language_words("en")

    def numbers(node: Any, path: str = "") -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from numbers(value, path + "." + key)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from numbers(value, "%s.%d" % (path, index))
        elif isinstance(node, (int, float)):
            yield path
    assert list(numbers(words)) == []


def _paths(node: Any, path: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + "." + key)
    else:
        yield path


def test_every_language_has_every_key_of_english():
    english = set(_paths(language_words("en")))
    for language in content.languages():
        assert set(_paths(language_words(language))) == english, language


def test_layers_refuse_what_does_not_fit():
    with pytest.raises(ContentError):
        combine({"a": {"b": 1}}, {"a": {"b": "x"}})  # the same key in both layers
    with pytest.raises(ContentError):
        combine({"rep": [{"hold": "hold"}]}, {"rep": [{"say": "a"}, {"say": "b"}]})  # moves that differ
    assert combine({"rep": [{"hold": "hold"}]}, {"rep": [{"say": "a"}]}) == {"rep": [{"hold": "hold", "say": "a"}]}
    words = {"local": {"towel": "dish towel"}, "lines": ["a"]}
    with pytest.raises(ContentError):
        override(words, {"local": {"flannel": "x"}})  # a key the language does not have
    with pytest.raises(ContentError):
        override(words, {"lines": "a"})  # a different kind of value
    with pytest.raises(ContentError):
        override(words, {"local": "x"})  # a group changed wholesale
    assert override(words, {"local": {"towel": "tea towel"}}) == {"local": {"towel": "tea towel"}, "lines": ["a"]}
    assert words["local"]["towel"] == "dish towel"  # the language's words are left as they were


def test_a_locale_whose_numbers_are_not_all_spoken_is_refused():
    with pytest.raises(ContentError):
        content.Content("en-GB", build("en-GB").data, {"number": "999", "other_number": "112"},
                        {"number": "nine nine nine"})


def test_placeholders_of_the_local_group_are_filled_everywhere():
    words = for_locale("en-GB")
    for path, said, shown in said_and_shown("en-GB"):
        for name in words.raw("local"):
            assert "{%s}" % name not in said and "{%s}" % name not in shown, (path, name)


def test_a_broken_locale_file_falls_back_to_the_default_wording_never_to_no_advice(monkeypatch):
    monkeypatch.setattr(content, "_BUILT", {})
    monkeypatch.setattr(content, "_CACHE", {})
    real = content._read

    def broken(name):
        if name == "locales/en-GB.json":
            return {"locale": "en-GB", "overrides": {"no_such_group": {}}}
        return real(name)
    monkeypatch.setattr(content, "_read", broken)
    words = for_locale("en-GB")
    assert words.fill("{number}") == language_words("en")["local"]["number"]
    assert words.fill("{number}") in words.text("safety.emergency")
