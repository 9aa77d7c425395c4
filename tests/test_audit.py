"""The spoken-length audit (scripts/audit.py): it finds every counted hold in a turn, and,
where espeak-ng and sox are installed, a rendered hold lasts its count at every pace."""
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from spasm_coach.content import for_locale
from spasm_coach.routine import Coach

ROOT = Path(__file__).resolve().parents[1]
CONTENT = for_locale("en-US")
PREFS = [{}, {"pace": "slower"}, {"pace": "slower", "hold": "longer"}, {"hold": "shorter"}]


def load_audit():
    spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit"] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


audit = load_audit()


def reps_turn(coach, routine):
    state, _, _ = coach.start(routine)
    while state.get("stage"):
        state, speech, turn = coach.next(state)
    return speech, turn


@pytest.mark.parametrize("prefs", PREFS, ids=lambda p: "+".join(sorted(p.values())) or "default")
def test_every_counted_hold_of_a_turn_is_found_with_its_count(prefs):
    coach = Coach(CONTENT, prefs)
    for stretch_id, stretch in CONTENT.stretches.items():
        if stretch.get("prevention_only"):
            continue
        speech, turn = reps_turn(coach, "single:" + stretch_id)
        runs = audit.count_runs(speech.ssml())
        assert len(runs) == len(turn.hold_starts)
        assert all(count == turn.hold_s for count, _ in runs)
    assert audit.count_runs("<speak>one <break time=\"500ms\"/> more time</speak>") == []
    words, breaks = audit.words_and_breaks('<speak><prosody rate="92%">Hold, one <break time="583ms"/></prosody></speak>')
    assert (words, breaks) == (2, 0.583)


@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("sox")),
                    reason="espeak-ng and sox are not installed (make audit installs them)")
@pytest.mark.parametrize("prefs", PREFS, ids=lambda p: "+".join(sorted(p.values())) or "default")
def test_a_spoken_hold_lasts_its_count_within_its_range(prefs):
    coach = Coach(CONTENT, prefs)
    with tempfile.TemporaryDirectory() as workdir:
        renderer = audit.Renderer(Path(workdir))
        for stretch_id in ("knee_to_chest", "pelvic_tilt", "cat_cow"):
            stretch = CONTENT.stretches[stretch_id]
            speech, turn = reps_turn(coach, "single:" + stretch_id)
            count, run = audit.count_runs(speech.ssml())[0]
            seconds = renderer.seconds('<speak><prosody rate="%s">%s</prosody></speak>' % (coach.rate, run))
            assert abs(seconds / count - 1) <= audit.HOLD_TOLERANCE, (stretch_id, seconds)
            # Never past the maximum (what is safe); "about" the minimum.
            low = stretch["hold"]["min"] * (1 - audit.HOLD_TOLERANCE)
            assert low <= seconds <= stretch["hold"]["max"], (stretch_id, seconds)
