"""Every sample utterance of every interaction model is heard as its own intent.

A sample that another intent takes is a conflict: Alexa's build rejects duplicates, and a
person saying that sample would land somewhere the model's author did not mean.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from spasm_coach_tools.simulator.nlu import NLU, load_nlu

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "interaction_model").glob("*.json"))
BUILT_IN_FILLS = {
    "AMAZON.NUMBER": ["five"],
    "AMAZON.DURATION": ["ten minutes"],
    "AMAZON.SearchQuery": ["had a long day at work"],
}


def _fills(nlu: NLU, slot_type: str) -> List[str]:
    """Words to say for a slot: every listed value and synonym, or a typical phrase."""
    if slot_type in nlu.types:
        return [" ".join(words) for words in nlu.types[slot_type].phrases]
    return BUILT_IN_FILLS.get(slot_type, ["something"])


def _cases():
    """One case per intent of each model, with its samples (thousands of samples: one
    test each would cost more in the test runner than in the hearing)."""
    for path in MODELS:
        model = json.loads(path.read_text(encoding="utf-8"))
        language = model["interactionModel"]["languageModel"]
        for intent in language.get("intents", []):
            if intent.get("samples"):
                yield pytest.param(path, intent["name"], intent["samples"], id="%s:%s" % (path.stem, intent["name"]))


def test_there_is_a_model():
    assert MODELS, "interaction_model/ has no model"


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_model_builds_without_problems(path):
    assert load_nlu(path).problems == []


def sample_problem(nlu: NLU, intent: str, sample: str) -> Optional[str]:
    """Why `sample` of `intent`, with its slots filled, is not heard as that intent; or None."""
    slot_types: Dict[str, str] = nlu.intents[intent]
    names = re.findall(r"\{(\w+)\}", sample)
    fills = {name: _fills(nlu, slot_types[name]) for name in names}
    # Fill every slot with each of its values in turn (the other slots with their first).
    variants = []
    for name in names or [None]:
        for value in (fills[name] if name else [None]):
            chosen = {other: fills[other][0] for other in names}
            if name:
                chosen[name] = value
            variants.append(re.sub(r"\{(\w+)\}", lambda m: chosen[m.group(1)], sample))
    heard = {said: nlu.hear(said) for said in variants}
    own = [said for said, h in heard.items() if h.intent == intent]
    if not own:
        return "%r is heard as %s" % (sample, sorted({str(h.intent) for h in heard.values()}))
    for said in own:
        h = heard[said]
        if h.ties:
            return "%r is as likely %s" % (said, [t.intent for t in h.ties])
        for name in names:
            if name not in h.slots:
                return "%r: slot %s not filled" % (said, name)
            if slot_types[name] in nlu.types and not h.slots[name].resolved_id:
                return "%r: %s did not resolve" % (said, name)
    return None


@pytest.mark.parametrize("path, intent, samples", list(_cases()))
def test_every_sample_resolves_to_its_own_intent(path, intent, samples):
    nlu = load_nlu(path)
    problems = [sample_problem(nlu, intent, sample) for sample in samples]
    assert [p for p in problems if p] == []


def test_a_conflicting_model_fails_the_check():
    nlu = NLU({"interactionModel": {"languageModel": {"invocationName": "test skill", "intents": [
        {"name": "AMAZON.FallbackIntent", "samples": []},
        {"name": "AMAZON.StopIntent", "samples": []},
        {"name": "Spasm", "samples": ["my back hurts"]},
        {"name": "Quit", "samples": ["stop"]},
        {"name": "Where", "slots": [{"name": "Part", "type": "PART"}], "samples": ["my {Part} hurts"]},
        {"name": "Also", "slots": [{"name": "Part", "type": "PART"}], "samples": ["my {Part} is sore"]},
        {"name": "Same", "slots": [{"name": "Place", "type": "PART"}], "samples": ["my {Place} is sore"]},
    ], "types": [{"name": "PART", "values": [{"id": "BACK", "name": {"value": "back"}}]}]}}})
    assert sample_problem(nlu, "Spasm", "my back hurts") is None
    assert "heard as" in sample_problem(nlu, "Where", "my {Part} hurts")
    assert "as likely" in sample_problem(nlu, "Also", "my {Part} is sore")
    assert sample_problem(nlu, "Quit", "stop") is None  # the model's sample beats the built-in phrase
