"""`spasm-coach simulate` and `spasm-coach chat` through their entry point, on the real skill."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spasm_coach_tools.simulator import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_memory_on_disk(monkeypatch, tmp_path):
    # The skill reads Settings.from_env(): keep anything it stores out of the project folder.
    monkeypatch.setenv("SPASM_COACH_STORE", "session")
    monkeypatch.setenv("SPASM_COACH_DATA_DIR", str(tmp_path))


def simulate(script, *options):
    out = io.StringIO()
    code = cli.main("simulate", ["--now", "2025-03-01T09:00:00Z", *options], stdin=io.StringIO(script), stdout=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_simulate_writes_one_json_object_per_request():
    code, lines = simulate("open back spasm coach\nmy back is spasming\n/silence\n/silence\n")
    assert code == 0
    assert [l["request_type"] for l in lines] == ["LaunchRequest", "IntentRequest", "Reprompt", "SessionEndedRequest"]
    assert lines[0]["input"] == "open back spasm coach" and lines[0]["time"] == "2025-03-01T09:00:00Z"
    assert lines[1]["intent"] == "SpasmIntent" and lines[1]["speech"] and "<speak>" in lines[1]["ssml"]
    assert lines[2]["speech"] == lines[1]["reprompt"]
    for line in lines:
        assert set(cli_keys()) <= set(line)


def cli_keys():
    from spasm_coach_tools.simulator.conversation import REPORT_KEYS
    return REPORT_KEYS


def test_bad_script_lines_give_error_lines_and_the_script_goes_on():
    code, lines = simulate("/advance whenever\n/nonsense\n/user\nopen back spasm coach\n")
    assert code == 0
    assert [bool(l["error"]) for l in lines] == [True, True, True, False]
    assert "90s" in lines[0]["error"] and "/nonsense" in lines[1]["error"]
    assert lines[-1]["request_type"] == "LaunchRequest"


def test_user_option():
    _, lines = simulate("open back spasm coach\n", "--user", "carol")
    assert lines[0]["user"] == "carol"


def test_bad_now_is_a_usage_error(capsys):
    assert cli.main("simulate", ["--now", "yesterday"], stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    assert "yesterday" in capsys.readouterr().err


def test_chat_shows_what_was_heard_and_said():
    out = io.StringIO()
    script = "open back spasm coach\nhow do i do the knee hug\n/silence\n/advance 5s\n/quit\n"
    assert cli.main("chat", ["--now", "2025-03-01T09:00:00Z", "--ssml", "-v", "--speak"],
                    stdin=io.StringIO(script), stdout=out) == 0
    text = out.getvalue()
    assert "heard: LaunchRequest" in text
    assert "heard: StretchIntent (Stretch='knee hug')  <- \"how do i do the {Stretch}\"" in text
    assert "alexa> Welcome to Back Spasm Coach" in text
    assert "ssml: <speak>" in text and "reprompt: " in text
    assert "[Reprompt]" in text
    if shutil.which("espeak-ng") is None:
        assert "espeak-ng is not installed" in text


def test_chat_verbose_shows_ties():
    report = {"request_type": "IntentRequest", "heard": "tell me a story", "intent": "One", "slots": {},
              "sample": "tell me {x}", "ties": [{"intent": "Two", "sample": "tell me {y}"}], "speech": "Once."}
    out = io.StringIO()
    cli.show(report, out, verbose=True)
    assert 'tie:   Two  <- "tell me {y}"' in out.getvalue()
    quiet = io.StringIO()
    cli.show(report, quiet, verbose=False)
    assert "tie:" not in quiet.getvalue()


def test_spasm_coach_simulate_as_a_program(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lambda"), SPASM_COACH_STORE="session",
               SPASM_COACH_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "spasm_coach_tools.cli", "simulate", "--screen",
                           "--deny-permissions"],
                          input="ask back spasm coach what can i say\n/bogus\n", capture_output=True,
                          text=True, env=env, cwd=str(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["intent"] == "AMAZON.HelpIntent" and lines[0]["one_shot"] is True
    assert lines[1]["error"]
