"""scripts/bench.py end to end in a tiny configuration, and the minimal skill it compares with.

Nothing here is timed: the assertions are about what the bench measures and prints,
never about how fast anything is.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from envelopes import intent, launch
from spasm_coach.config import PROJECT_ROOT

SCRIPTS = PROJECT_ROOT / "scripts"
ROW_KEYS = ["launch", "spasm", "screening", "first_stretch", "next", "repeat", "red_flag",
            "help", "fallback"]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return load("bench_script", SCRIPTS / "bench.py")


@pytest.fixture(scope="module")
def run(tmp_path_factory, bench):
    """One tiny run: a real zip built from this environment, two gunicorns, fresh interpreters."""
    work = tmp_path_factory.mktemp("bench")
    package = load("package_for_bench", SCRIPTS / "package.py")
    try:
        built = package.build(PROJECT_ROOT, work / "build", deps="env", log=lambda *a: None,
                              settings=package.DeploySettings(development=True))
    except package.PackageError as error:  # not CPython 3.11 on Linux x86_64
        pytest.skip("cannot build the zip from this environment: %s" % error)
    out = work / "bench.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench.py"), "--iterations", "3", "--warmup", "1",
         "--cold-runs", "1", "--cold-repeats", "1", "--zip", str(built["zip"]),
         "--endpoint-requests", "12", "--endpoint-warmup", "4", "--concurrency", "2",
         "--workers", "1", "--rounds", "2", "--profile", "--profile-calls", "3",
         "--profile-rows", "2", "--json-out", str(out)],
        capture_output=True, text=True, timeout=120, cwd=str(work))
    assert result.returncode == 0, result.stderr
    return result.stdout, json.loads(out.read_text()), built


def test_every_request_row_is_printed_with_its_verdict(run, bench):
    stdout, figures, _ = run
    rows = figures["requests"]["rows"]
    assert [row["key"] for row in rows] == ROW_KEYS
    lines = stdout.splitlines()
    for row in rows:
        printed = [line for line in lines if line.startswith(row["label"] + " ")]
        assert len(printed) == 1, row["label"]
        assert printed[0].split()[-1] == ("PASS" if row["pass"] else "FAIL")
        assert row["samples"] == 3
        assert 0 < row["ours_p50_ms"] <= row["ours_p99_ms"]
        assert 0 < row["minimal_p50_ms"] <= row["minimal_p99_ms"]
        assert row["pass"] == (row["p50_ratio"] <= bench.REQUEST_P50_RATIO)
    for kind in ("launch", "HelloWorldIntent"):
        assert any(line.startswith("minimal skill: %s " % kind) for line in lines)


def test_cold_start_memory_size_and_endpoint_are_reported(run):
    stdout, figures, built = run
    cold = figures["cold"]
    for name in ("ours", "minimal"):
        assert cold[name]["import_ms"] > 0 and cold[name]["maxrss_mb"] > 0
    assert cold["pass"] == (cold["import_ratio"] <= 1.5)

    size = figures["size"]
    assert size["zip_bytes"] == built["zip_bytes"]
    assert "ask-sdk-core" in size["sdk_distributions"] and "requests" in size["sdk_distributions"]
    assert 0 < size["sdk_zip_bytes"] < size["zip_bytes"]
    assert size["extra_bytes"] == size["zip_bytes"] - size["sdk_zip_bytes"]

    point = figures["endpoint"]
    for name in ("ours", "minimal"):
        assert point[name]["errors"] == 0 and point[name]["requests"] == 12
        assert point[name]["throughput_rps"] > 0
    assert point["pass"] == (point["rps_ratio"] >= 0.8)

    for heading in ("Cold start:", "Package", "Endpoint:", "Import profile", "Request profile",
                    "Targets:"):
        assert any(line.startswith(heading) for line in stdout.splitlines()), heading
    targets = figures["targets"]
    assert set(targets) == {"request %s" % key for key in ROW_KEYS} | {
        "cold import", "zip size", "endpoint throughput"}
    summary = [line for line in stdout.splitlines() if line.startswith("Targets:")][0]
    assert ("%d of %d pass" % (sum(targets.values()), len(targets))) in summary


def test_profiles_name_where_time_goes(run):
    _, figures, _ = run
    profiles = figures["profiles"]
    assert profiles["import"]["extra_modules"] > 0
    assert any(package == "spasm_coach" for package, _ in profiles["import"]["by_package_ms"])
    assert len(profiles["requests"]) == 2
    for entry in profiles["requests"]:
        assert entry["ours_us"] > 0 and entry["minimal_us"] > 0
        for skill in ("ours", "minimal"):
            assert set(entry["phases_us"][skill]) == {"read", "invoke", "write"}


def test_percentile_is_nearest_rank(bench):
    values = list(range(1, 101))
    assert bench.percentile(values, 50) == 50
    assert bench.percentile(values, 99) == 99
    assert bench.percentile([7], 99) == 7
    assert bench.percentile([3, 1, 2], 50) == 2


IMPORTTIME = """import time: self [us] | cumulative | imported package
import time:       300 |        300 |     xml.sax.saxutils
import time:       120 |        420 |   spasm_coach.speech
import time:        50 |         50 |     ask_sdk_core.skill
import time:      2000 |       2470 | spasm_coach.skill
"""


def test_importtime_lines_are_read(bench):
    assert bench.parse_importtime(IMPORTTIME) == [
        ("xml.sax.saxutils", 2, 300, 300), ("spasm_coach.speech", 1, 120, 420),
        ("ask_sdk_core.skill", 2, 50, 50), ("spasm_coach.skill", 0, 2000, 2470)]


def test_a_module_is_charged_only_what_the_minimal_skill_does_not_import(bench):
    ours = bench.parse_importtime(IMPORTTIME)
    theirs = [("ask_sdk_core.skill", 0, 80, 80)]
    assert bench.added_import_time(ours, theirs) == {
        "xml.sax.saxutils": 300, "spasm_coach.speech": 420, "spasm_coach.skill": 2420}


def test_the_minimal_skill_answers_its_launch_and_intent_only():
    module = load("minimal_lambda_function", SCRIPTS / "minimal_skill" / "lambda_function.py")
    said = module.lambda_handler(launch(), None)
    assert said["response"]["outputSpeech"]["ssml"] == "<speak>Welcome. Say hello.</speak>"
    assert said["response"]["shouldEndSession"] is False
    said = module.lambda_handler(intent(module.INTENT_NAME), None)
    assert said["response"]["outputSpeech"]["ssml"] == "<speak>Hello world.</speak>"
    with pytest.raises(Exception):
        module.lambda_handler(intent("AMAZON.HelpIntent"), None)
