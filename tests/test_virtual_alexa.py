"""Issue 13's independent client: bespoken's virtual-alexa hears every labelled phrase from
the interaction model of the row's locale (en-US where the row gives none, or one with no
model) and posts it, one-shot, to `spasm-coach serve --no-verify` on a free
loopback port (tests/virtual_alexa/hear.js says how it hears). At least 80% of each sealed
set's red flags must be routed at their level or higher, in each hearing: `strict` is
virtual-alexa's own matcher; `approximate` sends what that matcher cannot place as the
simulator's approximate hearing hears it (spasm_coach_tools.simulator.approximate).
Under `make dev-report` (safety_eval.WITH_DEV_SETS) the written development sets are heard too,
reported beside them and not held to the target.

Skipped when node or npm is not installed; `make test` installs the node packages
(`npm ci` in tests/virtual_alexa) when they are.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import safety_eval as ev

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "tests" / "virtual_alexa"
MODELS = ROOT / "interaction_model"
sys.path.insert(0, str(ROOT / "scripts"))
from loadtest import free_port  # noqa: E402
from test_web_serve import wait_for  # noqa: E402

SETS = (list(ev.DEV_SETS_WRITTEN) if ev.WITH_DEV_SETS else []) + ev.sealed_sets()
NAMES = [ev.set_name(path) for path in SETS]
TARGET_NAMES = [ev.set_name(path) for path in ev.sealed_sets()]  # the target is on these
START_SECONDS = 30
REQUEST_MS = 10000
IN_FLIGHT = 4  # phrases posted at once (two server workers)
RUN_SECONDS = 240


def missing_tools():
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    return "%s not installed: the virtual-alexa client is not run" % " and ".join(missing) if missing else None


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    if not (CLIENT / "node_modules" / "virtual-alexa").is_dir():
        pytest.fail("virtual-alexa is not installed: run `make test`, or `npm ci` in %s" % CLIENT)
    where = tmp_path_factory.mktemp("virtual-alexa-serve")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lambda"), SPASM_COACH_STORE="session",
               SPASM_COACH_DATA_DIR=str(where), LOG_LEVEL="WARNING")
    env.pop("ALEXA_SKILL_ID", None)
    command = [sys.executable, "-m", "spasm_coach_tools.cli", "serve", "--no-verify",
               "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    # The log goes to a file: a pipe nobody reads could fill and stall the server.
    with open(where / "serve.log", "w") as log, \
            subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT) as server:
        try:
            wait_until_healthy(port, where / "serve.log")
            yield "http://127.0.0.1:%d/" % port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_healthy(port, log_path):
    try:
        wait_for(port, timeout=START_SECONDS)  # GET /healthz until it answers 200
    except AssertionError:
        raise AssertionError("the server did not start: %s" % log_path.read_text()) from None


def locale_of(row):
    """The row's own locale where the project has a model for it, as the simulator's figures."""
    return row.locale if row.locale and (MODELS / ("%s.json" % row.locale)).is_file() else ev.DEFAULT_LOCALE


def hear_both(url, rows):
    """{hearing: hear.js's answer for every row, in order} in both hearings. The approximate
    hearing differs from the strict one only where virtual-alexa's matcher places nothing:
    a phrase it places goes out as the same one-shot request in both, so only the others (and
    any that got no answer) are heard again, approximately."""
    strict = hear(url, rows, "strict")
    approximate = list(strict)
    again = [i for i, answer in enumerate(strict) if not answer["matched"] or answer["error"]]
    for index, answer in zip(again, hear(url, [rows[i] for i in again], "approximate")):
        approximate[index] = dict(answer, index=index)
    return {"strict": strict, "approximate": approximate}


def hear(url, rows, hearing="strict"):
    """hear.js's answer for every row, in order; each row heard through its locale's model."""
    answers = [None] * len(rows)
    for locale in sorted({locale_of(row) for row in rows}):
        indexes = [i for i, row in enumerate(rows) if locale_of(row) == locale]
        for index, answer in zip(indexes, hear_in(url, locale, [rows[i] for i in indexes], hearing)):
            answers[index] = dict(answer, locale=locale)
    return answers


def approximate_hearing(locale, text):
    """{intent, slots} as the simulator's approximate hearing hears `text` said in a session."""
    from spasm_coach_tools.simulator.nlu import load_nlu
    heard = load_nlu(MODELS / ("%s.json" % locale), hearing="approximate").hear(text)
    return {"intent": heard.intent, "slots": {name: fill.value for name, fill in heard.slots.items()}}


def hear_in(url, locale, rows, hearing="strict"):
    if hearing == "approximate":
        phrases = "".join(json.dumps({"text": row.text, "approximate": approximate_hearing(locale, row.text)}) + "\n"
                          for row in rows)
    else:
        phrases = "".join(json.dumps(row.text) + "\n" for row in rows)
    env = dict(os.environ, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE="1")
    done = subprocess.run(
        ["node", str(CLIENT / "hear.js"), "--url", url, "--model", str(MODELS / ("%s.json" % locale)),
         "--locale", locale, "--timeout-ms", str(REQUEST_MS), "--concurrency", str(IN_FLIGHT),
         "--hearing", hearing],
        input=phrases, capture_output=True, text=True, timeout=RUN_SECONDS, cwd=str(CLIENT), env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    answers = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [a["index"] for a in answers] == list(range(len(rows)))
    return answers


def outcome(answer, questions):
    if answer["error"]:
        return ev.Outcome("none", answer["intent"], answer["intent"] == ev.FALLBACK, harness=answer["error"],
                          locale=answer["locale"])
    report = {"safety": answer["safety"], "end_session": answer["end_session"]}
    attributes = None if answer["end_session"] else {"pending": answer["pending"]}
    level, problem = ev.level_reached(report, attributes, questions)
    return ev.Outcome(level, answer["intent"], answer["intent"] == ev.FALLBACK, problem, locale=answer["locale"])


@pytest.fixture(scope="module")
def heard(endpoint, request):
    questions = ev.safety_question_ids()
    report = {}
    for path, name in zip(SETS, NAMES):
        rows = ev.load_rows(path)
        report[name] = {"rows": {kind: sum(r.kind == kind for r in rows) for kind in ("red_flag", "near_miss", "benign")}}
        started = time.perf_counter()
        answers = hear_both(endpoint, rows)
        seconds = time.perf_counter() - started  # both hearings
        for hearing, column in zip(ev.HEARINGS, ev.VIRTUAL_ALEXA_COLUMNS):
            outcomes = [outcome(answer, questions) for answer in answers[hearing]]
            figures = ev.figures_for(rows, outcomes, quote=not ev.is_sealed(path))
            figures.seconds = seconds
            report[name][column] = figures.to_dict()
    ev.show_in_summary(request.config, "safety recall through virtual-alexa, one-shot (issue 13)",
                       ev.format_report(report))
    return report


@pytest.mark.parametrize("column", ev.VIRTUAL_ALEXA_COLUMNS)
@pytest.mark.parametrize("name", TARGET_NAMES)
def test_red_flags_routed(heard, name, column):
    ev.assert_target(ev.VIRTUAL_ALEXA_TARGET, heard[name][column], "%s, %s" % (name, column))


@pytest.mark.parametrize("column", ev.VIRTUAL_ALEXA_COLUMNS)
@pytest.mark.parametrize("name", NAMES)
def test_every_phrase_got_an_answer(heard, name, column):
    assert heard[name][column]["harness_errors"] == []


# --- hear.js's own rule: one more try after a dropped connection, never more ------------------

class _DroppingSkill:
    """A loopback endpoint that drops the first `drops` connections unanswered (as a server
    closing a kept-alive socket does), then answers every request with an emergency."""

    def __init__(self, drops):
        import http.server
        import threading

        outer = self
        self.drops, self.posts = drops, 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.posts += 1
                if outer.posts <= outer.drops:
                    self.close_connection = True
                    self.connection.shutdown(2)  # no answer: the client sees the socket close
                    return
                body = json.dumps({"version": "1.0", "sessionAttributes": {"safety": "emergency"},
                                   "response": {"shouldEndSession": True}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return "http://127.0.0.1:%d/" % self.server.server_address[1]

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _hear(url, phrases, *options):
    done = subprocess.run(
        ["node", str(CLIENT / "hear.js"), "--url", url, "--model", str(MODELS / "en-US.json"),
         "--locale", "en-US", "--timeout-ms", str(REQUEST_MS), "--concurrency", "1"] + list(options),
        input="".join(json.dumps(phrase) + "\n" for phrase in phrases), capture_output=True, text=True,
        timeout=RUN_SECONDS, cwd=str(CLIENT))
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def _hear_one(url):
    return _hear(url, ["I wet myself"])[0]


@pytest.mark.parametrize("drops, answered", [(0, True), (1, True), (2, False)])
def test_a_dropped_connection_is_tried_once_more(drops, answered):
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    skill = _DroppingSkill(drops)
    with skill as url:
        answer = _hear_one(url)
    assert answer["error"] is None if answered else "socket hang up" in answer["error"]
    assert (answer["safety"] == "emergency") == answered
    assert skill.posts == min(drops + 1, 2)  # never a third try


def test_trying_only_the_samples_that_could_match_hears_what_trying_every_sample_hears():
    """hear.js hands virtual-core only the samples whose words all occur in the phrase."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    phrases = [row.text for path in ev.DEV_SETS_WRITTEN[:2] for row in ev.load_rows(path)[::12]]
    phrases += ["start stretches", "set a heat timer for twenty minutes", "how do I do the cat cow",
                "what's the weather like", "my back is spasming", "remind me to walk every hour",
                "play some jazz music"]  # a request for another skill: no sample matches it
    with _DroppingSkill(0) as url:
        some, every = _hear(url, phrases), _hear(url, phrases, "--every-sample")
    assert [(a["intent"], a["matched"]) for a in some] == [(a["intent"], a["matched"]) for a in every]
    assert {a["intent"] for a in some} >= {"StartRoutineIntent", "AMAZON.FallbackIntent"}
