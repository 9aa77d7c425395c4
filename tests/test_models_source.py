"""The interaction models are made from one English source (scripts/build_models.py):
the committed models are exactly what it makes, and a source it cannot make a buildable
model from is refused with the place and the reason."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_models.py"
SOURCE = ROOT / "interaction_model" / "source"


def load_script():
    spec = importlib.util.spec_from_file_location("build_models_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_models = load_script()


def test_the_committed_models_are_what_the_source_makes():
    problems = build_models.stale(build_models.build())
    assert not problems, "the models differ from interaction_model/source/: run make models\n" \
        + "\n".join(problems)


def test_every_source_locale_has_its_model():
    locales = {p.stem for p in SOURCE.glob("*.yaml")} - {"en"}
    assert {p.stem for p in (ROOT / "interaction_model").glob("*.json")} == locales


def test_a_locale_adds_to_the_shared_model_and_takes_nothing_away():
    shared = build_models.shared_model(build_models.read(SOURCE / "en.yaml"), "en.yaml")
    for locale, model in build_models.build().items():
        built = model["interactionModel"]["languageModel"]
        intents = {i["name"]: i for i in built["intents"]}
        assert [i["name"] for i in built["intents"]] == [i["name"] for i in shared["intents"]]
        for intent in shared["intents"]:
            own = intents[intent["name"]]
            assert own.get("slots") == intent.get("slots"), (locale, intent["name"])
            assert own["samples"][:len(intent["samples"])] == intent["samples"], (locale, intent["name"])
        values = {(t["name"], v["id"]): v["name"] for t in built["types"] for v in t["values"]}
        for slot_type in shared["types"]:
            for value in slot_type["values"]:
                own = values[(slot_type["name"], value["id"])]
                assert own["value"] == value["name"]["value"]
                assert set(value["name"].get("synonyms", [])) <= set(own.get("synonyms", []))


# --- the check fails when it should -------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    """A copy of the source and the models, to change."""
    shutil.copytree(SOURCE, tmp_path / "source")
    out = tmp_path / "models"
    out.mkdir()
    for path in (ROOT / "interaction_model").glob("*.json"):
        shutil.copy(path, out / path.name)
    return tmp_path


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT)] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=120)


def test_a_hand_edited_model_fails_the_check_and_says_to_run_make_models(project):
    path = project / "models" / "en-US.json"
    model = json.loads(path.read_text())
    model["interactionModel"]["languageModel"]["intents"][0]["samples"].append("my back went twang")
    path.write_text(json.dumps(model, indent=2) + "\n")
    result = run("--check", "--source", project / "source", "--out", project / "models")
    assert result.returncode == 1
    assert "en-US.json differs" in result.stderr and "make models" in result.stderr
    assert run("--source", project / "source", "--out", project / "models").returncode == 0
    assert run("--check", "--source", project / "source", "--out", project / "models").returncode == 0


def test_a_model_without_a_source_and_a_source_without_a_model_fail_the_check(project):
    (project / "models" / "en-NZ.json").write_text("{}\n")
    (project / "models" / "en-US.json").unlink()
    problems = build_models.stale(build_models.build(project / "source"), project / "models")
    assert "en-NZ.json has no source/en-NZ.yaml" in problems
    assert "en-US.json is missing" in problems


# --- the source's own rules -----------------------------------------------------------------

def build_with(project, locale_text, shared_edit=None):
    for path in (project / "source").glob("*.yaml"):
        if path.stem != "en":
            path.unlink()
    (project / "source" / "en-ZZ.yaml").write_text(locale_text)
    if shared_edit:
        shared = project / "source" / "en.yaml"
        shared.write_text(shared_edit(shared.read_text()))
    return build_models.build(project / "source")["en-ZZ"]["interactionModel"]["languageModel"]


def intent(model, name):
    return next(i for i in model["intents"] if i["name"] == name)


def test_a_locale_adds_samples_synonyms_and_its_invocation_name(project):
    model = build_with(project, "invocation: back spasm helper\n"
                                "samples:\n  SpasmIntent:\n    - my back has gone twang\n"
                                "synonyms:\n  BODY_PART:\n    saddle:\n      - tush\n")
    assert model["invocationName"] == "back spasm helper"
    assert intent(model, "SpasmIntent")["samples"][-1] == "my back has gone twang"
    saddle = next(v for t in model["types"] if t["name"] == "BODY_PART" for v in t["values"]
                  if v["id"] == "saddle")
    assert saddle["name"]["synonyms"][-1] == "tush"


def test_words_yaml_would_read_as_booleans_stay_words(project):
    model = build_with(project, "samples:\n  SpasmIntent:\n    - no\n    - on\n    - yes\n",
                       lambda text: text.replace("intents:\n", "intents:\n  OddIntent:\n"
                                                 "    samples:\n      - off\n      - null\n", 1))
    assert intent(model, "SpasmIntent")["samples"][-3:] == ["no", "on", "yes"]
    assert intent(model, "OddIntent")["samples"] == ["off", "null"]


@pytest.mark.parametrize("locale_text, said", [
    ("samples:\n  SpasmIntent:\n    - start stretches\n", "is a sample of SpasmIntent and again of StartRoutineIntent"),
    ("samples:\n  SpasmIntent:\n    - My Back Hurts\n", "is a sample of SpasmIntent and again of SpasmIntent"),
    ("samples:\n  TwangIntent:\n    - my back went twang\n", "TwangIntent, an intent en.yaml does not have"),
    ("samples:\n  SpasmIntent:\n    - my {Part} went twang\n", "which SpasmIntent does not declare"),
    ("samples:\n  StretchIntent:\n    - {Stretch} now\n", "goes in quotes"),
    ("samples:\n  SpasmIntent:\n    - my back  went\n", "two together"),
    ("samples:\n  SpasmIntent:\n    - one\n  SpasmIntent:\n    - two\n", "'SpasmIntent' is given twice"),
    ("synonyms:\n  BODY_PART:\n    saddle:\n      - calf\n", "BODY_PART has 'calf' twice"),
    ("synonyms:\n  BODY_PART:\n    elbow:\n      - funny bone\n", "BODY_PART has no value elbow"),
    ("synonyms:\n  LIMB:\n    leg:\n      - pin\n", "LIMB, a slot type en.yaml does not have"),
    ("sample:\n  SpasmIntent:\n    - my back went twang\n", "unknown sample"),
    ("samples:\n  SpasmIntent: my back went twang\n", "expected a list"),
])
def test_a_source_alexa_would_refuse_is_refused_with_where_and_why(project, locale_text, said):
    with pytest.raises(build_models.SourceError, match="en-ZZ.yaml") as error:
        build_with(project, locale_text)
    assert said in str(error.value)


def test_a_refused_source_stops_the_script_with_its_reason(project):
    (project / "source" / "en-US.yaml").write_text("samples:\n  SpasmIntent:\n    - start stretches\n")
    result = run("--source", project / "source", "--out", project / "models")
    assert result.returncode == 2 and "start stretches" in result.stderr
    assert json.loads((project / "models" / "en-US.json").read_text()) == json.loads(
        (ROOT / "interaction_model" / "en-US.json").read_text())  # nothing written
