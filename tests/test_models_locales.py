"""Every English locale's interaction model at work: `spasm-coach simulate --locale` runs it,
the served endpoint answers in it, and the words a locale adds (interaction_model/source/
<locale>.yaml) reach the intent they mean there. What the skill says in each locale is the
content's to test."""
from __future__ import annotations

import io
import json

import pytest

import envelopes
from spasm_coach_tools.simulator import cli
from spasm_coach_tools.simulator.conversation import Conversation, default_handler
from spasm_coach_tools.simulator.nlu import load_nlu, model_locales, model_path
from spasm_coach_server.app import create_app

LOCALES = ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"]

# (what is said, the intent it means, the slot ids it resolves to), in that locale's words.
LOCAL_WORDS = {
    "en-GB": [
        ("I've done my back in", "SpasmIntent", {}),
        ("do I need to see a g. p.", "DoctorInfoIntent", {}),
        ("should I go to A&E", "DoctorInfoIntent", {}),
        ("what can I get from the chemist", "MedicineInfoIntent", {}),
        ("tell me about nurofen", "InfoIntent", {"Topic": "medicine"}),
        ("I need to spend a penny", "AMAZON.PauseIntent", {}),
        ("numbness around my back passage", "SensationIntent", {"Sensation": "numb", "BodyPart": "saddle"}),
        ("I can't go to the loo", "SymptomIntent", {"Symptom": "bladder"}),
        ("I can't hold my wee", "SymptomIntent", {"Symptom": "bladder"}),
    ],
    "en-AU": [
        ("I've stuffed my back", "SpasmIntent", {}),
        ("my back went this arvo", "SpasmIntent", {}),
        ("should I see my g. p.", "DoctorInfoIntent", {}),
        ("tell me about panadol", "InfoIntent", {"Topic": "medicine"}),
        ("set a heat bag timer", "SetTimerIntent", {"Pack": "heat"}),
        ("I need the dunny", "AMAZON.PauseIntent", {}),
        ("pins and needles in my leg since this arvo", "SensationIntent",
         {"Sensation": "tingling", "BodyPart": "leg"}),
        ("I can't go to the dunny", "SymptomIntent", {"Symptom": "bladder"}),
    ],
    "en-CA": [
        ("should I go to a walk in clinic", "DoctorInfoIntent", {}),
        ("should I call eight one one", "DoctorInfoIntent", {}),
        ("what can I get from the drugstore", "MedicineInfoIntent", {}),
        ("I need the washroom", "AMAZON.PauseIntent", {}),
        ("I can't go to the washroom", "SymptomIntent", {"Symptom": "bladder"}),
    ],
    "en-IN": [
        ("my back is paining since two days", "SpasmIntent", {}),
        ("I have a catch in my back", "SpasmIntent", {}),
        ("should I consult a doctor", "DoctorInfoIntent", {}),
        ("which tablet can I take", "MedicineInfoIntent", {}),
        ("tell me about hot fomentation", "InfoIntent", {"Topic": "heat_ice"}),
        ("set a hot water bag timer", "SetTimerIntent", {"Pack": "heat"}),
        ("I am having a fever", "SymptomIntent", {"Symptom": "fever"}),
        ("tingling in my feet since morning", "SensationIntent", {"Sensation": "tingling", "BodyPart": "feet"}),
        ("passing urine is burning", "DescribeBladderIntent", {}),
        ("I can't pass urine", "SymptomIntent", {"Symptom": "bladder"}),
        ("I am not able to control my motion", "SymptomIntent", {"Symptom": "bowel"}),
    ],
    "en-US": [
        ("I've had a tumor", "SymptomIntent", {"Symptom": "cancer_history"}),
    ],
}
# A red flag in each locale's own words: routed at once.
LOCAL_EMERGENCY = {"en-GB": "I can't go to the loo", "en-AU": "I can't go to the dunny",
                   "en-CA": "I can't go to the washroom", "en-IN": "I can't pass urine",
                   "en-US": "I can't control my bladder"}


@pytest.fixture(autouse=True)
def no_memory_on_disk(monkeypatch, tmp_path):
    monkeypatch.setenv("SPASM_COACH_STORE", "session")
    monkeypatch.setenv("SPASM_COACH_DATA_DIR", str(tmp_path))


def test_the_five_english_locales_have_models():
    assert model_locales() == LOCALES == sorted(LOCAL_WORDS)


@pytest.mark.parametrize("locale, said, name, ids", [
    pytest.param(locale, said, name, ids, id="%s:%s" % (locale, said))
    for locale, rows in sorted(LOCAL_WORDS.items()) for said, name, ids in rows])
def test_a_locales_own_words_reach_the_intent_they_mean_there(locale, said, name, ids):
    nlu = load_nlu(model_path(locale))
    assert nlu.problems == []
    heard = nlu.hear(said)
    assert heard.intent == name, (locale, said, heard.intent)
    assert not heard.ties, (locale, said, [t.intent for t in heard.ties])
    assert {slot: heard.slots[slot].resolved_id for slot in ids} == ids


@pytest.mark.parametrize("locale", LOCALES)
def test_spasm_coach_simulate_runs_each_locale(locale):
    script = "open back spasm coach\nmy back is spasming\n%s\n" % LOCAL_EMERGENCY[locale]
    out = io.StringIO()
    code = cli.main("simulate", ["--locale", locale, "--now", "2026-03-01T09:00:00Z"],
                    stdin=io.StringIO(script), stdout=out)
    assert code == 0
    launch, relief, emergency = [json.loads(line) for line in out.getvalue().splitlines()]
    assert launch["request_type"] == "LaunchRequest" and launch["speech"] and not launch["error"]
    assert relief["intent"] == "SpasmIntent" and relief["speech"] and not relief["end_session"]
    assert emergency["intent"] == "SymptomIntent" and emergency["safety"] == "emergency"
    assert emergency["end_session"] is True


def test_a_locale_without_a_model_is_a_usage_error_naming_the_ones_there_are(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main("simulate", ["--locale", "en-NZ"], stdin=io.StringIO(""), stdout=io.StringIO())
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "en-NZ" in error and all(locale in error for locale in LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_conversation_in_each_locale_hears_by_its_own_model(locale):
    talk = Conversation(default_handler(), locale=locale, user_id="locales-%s" % locale)
    said, name, _ = LOCAL_WORDS[locale][0]  # words only that locale's model has
    reports = talk.line("ask back spasm coach %s" % said.lower())
    assert reports[-1]["intent"] == name and reports[-1]["speech"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_served_endpoint_answers_in_each_locale(locale):
    client = create_app(verify=False).test_client()
    for event, ends in ((envelopes.launch(locale=locale), False),
                        (envelopes.intent("SymptomIntent", {"Symptom": ("i wet myself", "bladder")},
                                          locale=locale, new=True), True)):
        response = client.post("/", data=json.dumps(event), headers={"Content-Type": "application/json"})
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()["response"]
        assert body["outputSpeech"]["ssml"].startswith("<speak>")
        assert bool(body.get("shouldEndSession")) is ends
