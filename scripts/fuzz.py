#!/usr/bin/env python3
"""Hostile, slow and odd traffic against the skill, with fixed seeds; loopback only.

    .venv/bin/python scripts/fuzz.py [--seed 17] [--emergency 3000] [--envelopes 10000]
                                     [--skip-http]

Parts, each with its figures and its target:
- emergency: odd-but-readable envelopes (one to three odd fields; the words intact)
  whose words are an emergency, through lambda_handler: every one gets the advice.
- envelopes: mutated envelopes of every request type: no exception escapes, no
  response over Alexa's limits or with NaN, no speech for events.
- store: SQLite under another connection's write lock, DynamoDB that never answers:
  every answer within 2 s, and "I'll remember that" only after a save.
- logs: a root handler at DEBUG, with SQLite and with DynamoDB (moto's server on
  loopback, fake credentials): no user id, words or credentials in the output.
- http: `spasm-coach serve` on loopback, verified: a signed request answered within
  2 s with 50 idle connections and 5 slow senders open, plain and over TLS (and, for
  the record, with 300 idle TLS connections on one worker); after 30 junk-signature
  requests with distinct chain URLs, a signed request with an uncached chain is
  accepted and the known chain is not fetched again; no 5xx on malformed HTTP.

Exit status 0 only when every target is met. The functions are importable:
tests/test_fuzz.py runs a small slice with the same seeds.
"""
from __future__ import annotations

import argparse
import base64
import copy
import io
import json
import logging
import os
import random
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "lambda", ROOT / "server", ROOT / "tools", ROOT / "tests", ROOT / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import envelopes  # noqa: E402  (tests/envelopes.py)
from spasm_coach import log_privacy  # noqa: E402
from spasm_coach.config import Settings  # noqa: E402
from spasm_coach.content import for_locale  # noqa: E402
from spasm_coach.entry import make_lambda_handler  # noqa: E402
from spasm_coach.handlers.common import SPOKEN_REQUESTS  # noqa: E402
from spasm_coach.limits import MAX_RESPONSE_BYTES, MAX_SPEECH_CHARS, size_of  # noqa: E402
from spasm_coach.skill import build_skill  # noqa: E402

# A loopback port nobody listens on: Alexa API calls from fuzzed envelopes fail at once.
DEAD_API = "https://127.0.0.1:9"
EMERGENCY_WORDS = ("I wet myself", "both legs are going numb", "I pooed myself",
                   "I can't really feel the toilet paper when I wipe", "I fell down the stairs",
                   "I'm trying to pee but nothing comes")
USER_ID = "amzn1.ask.account.FUZZLEAKCHECK0123456789"

Handler = Callable[[Any, Any], Dict[str, Any]]


def skill_handler(data_dir: Path) -> Handler:
    return make_lambda_handler(build_skill(Settings(store="sqlite", data_dir=data_dir)))


def _loopback_only(event: Any) -> Any:
    system = ((event.get("context") or {}) if isinstance(event, dict) else {})
    system = system.get("System") if isinstance(system, dict) else None
    if isinstance(system, dict) and "apiEndpoint" in system:
        system["apiEndpoint"] = DEAD_API
    return event


# --- odd but readable: emergency envelopes -----------------------------------------------

def _set(event: Dict[str, Any], path: Tuple[str, ...], value: Any) -> None:
    node = event
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value


def _deep(levels: int) -> Dict[str, Any]:
    value: Dict[str, Any] = {}
    for _ in range(levels):
        value = {"a": value}
    return value


ODD_FIELDS: List[Tuple[Tuple[str, ...], List[Any]]] = [
    (("request", "timestamp"), ["2026-02-30T10:00:00Z", "", 12345, None, "yesterday", []]),
    (("request", "intent", "confirmationStatus"), ["MAYBE", 5, None]),
    (("request", "dialogState"), ["SOMETHING_NEW", {}, 3]),
    (("request", "locale"), ["", None, 5, "xx-YY", "en-GB", "en-IN", "e" * 300]),
    (("request", "requestId"), [5, None, ""]),
    (("request", "unknownField"), [{"x": 1}, "y"]),
    (("context", "System", "device"), ["x", [], 5, None, {"supportedInterfaces": "x"}]),
    (("context", "System", "user", "permissions"), ["x", [], {"scopes": 5}, {"consentToken": 5}]),
    (("context", "System", "user"), [None, "x", {}]),
    (("context", "System"), [None, "x"]),
    (("context",), [None, [], {}]),
    (("session",), [None, "x"]),
    (("session", "new"), ["yes", 5, None]),
    (("session", "attributes"), [
        {"safety": ["x"]}, {"remembered": 5}, {"prefs": "slow"}, {"last": 5},
        {"routine": [1]}, {"hurts": "x"}, {"sequence": 5}, {"pending": 7},
        {"refusals": "x"}, {"left_out": 3}, {"alert_request": []}, {"x": float("nan")},
        {"deep": _deep(40)}, {"big": "x" * 200_000}, [], "x",
        {"last": {"speech": "<speak>" + "a" * 9000 + "</speak>"}}]),
    (("session", "user", "userId"), [5, None, "\ud800x"]),
    (("version",), [5, None, "2.0"]),
]


def _odd_slot_fields(rng: random.Random, event: Dict[str, Any]) -> None:
    """An odd field inside the slot that carries the words (the words stay)."""
    slot = event["request"]["intent"]["slots"]["Symptom"]
    choice = rng.randrange(4)
    if choice == 0:
        slot["confirmationStatus"] = rng.choice(["NEW_STATUS", 5, None])
    elif choice == 1:
        slot["resolutions"] = {"resolutionsPerAuthority": [{
            "authority": "amzn1.er-authority.x", "status": {"code": "ER_SUCCESS_SOMETHING_NEW"},
            "values": []}]}
    elif choice == 2:
        slot["resolutions"] = rng.choice([{"resolutionsPerAuthority": {}}, "x", 5])
    else:
        slot["slotValue"] = rng.choice([{"type": "NewKind"}, 5, "x"])


def emergency_envelope(rng: random.Random) -> Dict[str, Any]:
    words = rng.choice(EMERGENCY_WORDS)
    event = envelopes.intent("SymptomIntent", {"Symptom": words}, user_id=USER_ID,
                             new=rng.random() < 0.5)
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.2:
            _odd_slot_fields(rng, event)
            continue
        path, values = rng.choice(ODD_FIELDS)
        _set(event, path, copy.deepcopy(rng.choice(values)))
    return _loopback_only(event)


def _advice_given(event: Dict[str, Any], response: Dict[str, Any]) -> bool:
    """The emergency advice's card, the session ended, and (in a session) the level kept.
    The locale as sent or as the SDK reads it (a number becomes its digits)."""
    locale = (event.get("request") or {}).get("locale")
    cards = {for_locale(value).shown("safety.emergency_card") for value in (locale, str(locale))}
    body = response.get("response") or {}
    in_session = isinstance(event.get("session"), dict)
    return ((body.get("card") or {}).get("content") in cards
            and body.get("shouldEndSession") is True
            and (not in_session
                 or (response.get("sessionAttributes") or {}).get("safety") == "emergency"))


def run_emergency(handler: Handler, count: int, seed: int) -> Dict[str, Any]:
    rng = random.Random(seed)
    missed, samples = 0, []
    for _ in range(count):
        event = emergency_envelope(rng)
        response = handler(copy.deepcopy(event), None)
        if not _advice_given(event, response):
            missed += 1
            if len(samples) < 5:
                samples.append(event)
    return {"envelopes": count, "without_advice": missed, "samples": samples}


# --- every request type, mutated ------------------------------------------------------------

BASE_REQUESTS = [
    lambda rng: envelopes.launch(user_id=USER_ID),
    lambda rng: envelopes.intent(rng.choice(INTENTS), _random_slots(rng), user_id=USER_ID),
    lambda rng: envelopes.session_ended(rng.choice(["USER_INITIATED", "ERROR", "NEW", 5]),
                                        user_id=USER_ID),
    lambda rng: envelopes.envelope({"type": rng.choice(EVENTS)}, user_id=USER_ID),
    lambda rng: envelopes.envelope({"type": "Connections.Response", "name": "AskFor",
                                    "status": {"code": "200"},
                                    "payload": {"status": rng.choice(["ACCEPTED", "DENIED", 5])},
                                    "token": rng.choice(["spasm-coach:timers:ice:1e300",
                                                         "spasm-coach:reminders", "x"])},
                                   user_id=USER_ID),
    lambda rng: envelopes.envelope({"type": "CanFulfillIntentRequest",
                                    "intent": {"name": rng.choice(INTENTS)}}, user_id=USER_ID),
]
INTENTS = ["SymptomIntent", "SensationIntent", "SetTimerIntent", "StretchIntent", "InfoIntent",
           "SlowerIntent", "LongerHoldsIntent", "AMAZON.RepeatIntent", "AMAZON.YesIntent",
           "AMAZON.NoIntent", "AMAZON.NextIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent",
           "StartRoutineIntent", "SafetyAnswerIntent", "ForgetMeIntent", "WalkReminderIntent",
           "TimerStatusIntent", "UnknownIntent", "AMAZON.FallbackIntent"]
EVENTS = ["AlexaSkillEvent.SkillEnabled", "AlexaSkillEvent.SkillDisabled",
          "AlexaSkillEvent.SkillPermissionAccepted", "System.ExceptionEncountered",
          "AudioPlayer.PlaybackStarted", "Messaging.MessageReceived", "Something.New"]
SLOT_VALUES = ["I wet myself", "99999999999999999999", "-5", "0.5", "PT99999999999H", "PT20M",
               "ice", "both legs numb", "", "x" * 500, "\ud800", "NaN", "1e308", "twenty"]


def _random_slots(rng: random.Random) -> Dict[str, Any]:
    names = ["Symptom", "Description", "Minutes", "Duration", "Pack", "Stretch", "Topic",
             "Sensation", "BodyPart", "Answer"]
    return {name: rng.choice(SLOT_VALUES) for name in rng.sample(names, rng.randint(0, 3))}


def _random_value(rng: random.Random) -> Any:
    return rng.choice([None, "", "x" * rng.choice([1, 300, 9000]), 0, -1, 2 ** 70, 1.5,
                       float("nan"), float("inf"), True, [], [1, "a"], {}, {"a": {"b": 1}},
                       _deep(rng.choice([8, 60])), "\ud800", "2026-02-30T10:00:00Z",
                       "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-11-20T10:00:00+14:00"])


def _paths(value: Any, prefix: Tuple[Any, ...] = ()) -> List[Tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, prefix + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value[:4]):
            found.extend(_paths(item, prefix + (index,)))
    return found


def mutate(rng: random.Random, event: Dict[str, Any]) -> Dict[str, Any]:
    for _ in range(rng.randint(1, 4)):
        paths = _paths(event)
        if not paths:
            break
        path = rng.choice(paths)
        node = event
        for key in path[:-1]:
            node = node[key]
        if rng.random() < 0.3 and isinstance(node, dict):
            node.pop(path[-1], None)
        else:
            node[path[-1]] = _random_value(rng)
    return _loopback_only(event)


GRANTED = {"consentToken": "consent", "scopes": {
    scope: {"status": "GRANTED"} for scope in ("alexa::alerts:timers:skill:readwrite",
                                               "alexa::alerts:reminders:skill:readwrite")}}


def fuzzed_envelope(rng: random.Random) -> Dict[str, Any]:
    event = rng.choice(BASE_REQUESTS)(rng)
    if rng.random() < 0.5:  # timers and reminders reached too (their API is a dead port)
        event["context"]["System"]["user"]["permissions"] = copy.deepcopy(GRANTED)
    return mutate(rng, event)


def check_response(event: Any, response: Any) -> List[str]:
    """What is wrong with a response (empty: nothing)."""
    problems = []
    try:
        json.dumps(response, allow_nan=False)
    except (TypeError, ValueError):
        problems.append("not JSON (NaN?)")
        return problems
    if size_of(response) > MAX_RESPONSE_BYTES:
        problems.append("over 120 KB")
    body = response.get("response") or {}
    speech = [(body.get("outputSpeech") or {}),
              ((body.get("reprompt") or {}).get("outputSpeech") or {})]
    if any(len(s.get("ssml") or s.get("text") or "") > MAX_SPEECH_CHARS for s in speech):
        problems.append("speech over 8000 characters")
    request = event.get("request") if isinstance(event, dict) else None
    kind = request.get("type") if isinstance(request, dict) else None
    if isinstance(request, dict) and kind not in SPOKEN_REQUESTS and any(speech):
        problems.append("speech for %s" % kind)
    return problems


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def run_envelopes(handler: Handler, count: int, seed: int) -> Dict[str, Any]:
    rng = random.Random(seed)
    escaped, problems, kinds = 0, {}, {}
    samples: List[Any] = []
    # Errors the skill's exception handler caught (answered with the apology): reported.
    caught = _Counter()
    errors_log = logging.getLogger("spasm_coach.handlers.errors")
    saved = errors_log.level, errors_log.propagate
    errors_log.addHandler(caught)
    errors_log.setLevel(logging.ERROR)
    errors_log.propagate = False
    try:
        _send_mutated(handler, count, rng, kinds, problems, samples)
    finally:
        errors_log.removeHandler(caught)
        errors_log.setLevel(saved[0])
        errors_log.propagate = saved[1]
    escaped = sum(1 for sample in samples if sample.startswith("escaped"))
    return {"envelopes": count, "exceptions": escaped, "problems": problems,
            "errors_caught_by_the_skill": caught.count,
            "request_types": len(kinds), "samples": samples}


def _send_mutated(handler: Handler, count: int, rng: random.Random, kinds: Dict[str, int],
                  problems: Dict[str, int], samples: List[str]) -> None:
    for _ in range(count):
        event = fuzzed_envelope(rng)
        kind = (event.get("request") or {}).get("type") if isinstance(event.get("request"), dict) else None
        kinds[str(kind)] = kinds.get(str(kind), 0) + 1
        try:
            response = handler(copy.deepcopy(event), None)
        except Exception as error:  # what the target counts (every one kept)
            samples.append("escaped: %r" % error)
            continue
        for problem in check_response(event, response):
            key = problem.split(" for ")[0]
            problems[key] = problems.get(key, 0) + 1
            if len(samples) < 5:
                samples.append(problem)


# --- the store: bounded waits ------------------------------------------------------------------

def _conversation_times(handler: Handler, user_id: str) -> Tuple[float, Dict[str, Any]]:
    slowest, last = 0.0, {}
    attributes: Dict[str, Any] = {}
    for event in (envelopes.launch(user_id=user_id),
                  envelopes.intent("SlowerIntent", user_id=user_id, new=False),
                  envelopes.session_ended(user_id=user_id)):
        event["session"]["attributes"] = attributes
        started = time.monotonic()
        last = handler(event, None)
        slowest = max(slowest, time.monotonic() - started)
        if event["request"]["type"] == "IntentRequest":
            said = last
        attributes = last.get("sessionAttributes") or {}
    return slowest, said


def _remembered(response: Dict[str, Any]) -> bool:
    content = for_locale("en-US")
    ssml = ((response.get("response") or {}).get("outputSpeech") or {}).get("ssml", "")
    from spasm_coach.speech import plain
    return content.text("memory.prefs.SlowerIntent") in plain(ssml)


def run_store(workdir: Path) -> Dict[str, Any]:
    results: Dict[str, Any] = {}
    # SQLite with another connection holding the write lock for the whole conversation.
    data_dir = workdir / "locked"
    handler = skill_handler(data_dir)
    handler(envelopes.launch(user_id="amzn1.ask.account.WARMUP"), None)  # creates the file
    holder = sqlite3.connect(str(data_dir / "spasm_coach.sqlite3"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        slowest, said = _conversation_times(handler, "amzn1.ask.account.LOCKED")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    results["sqlite_locked"] = {"slowest_s": round(slowest, 3), "said_remembered": _remembered(said)}
    # DynamoDB that accepts connections and never answers.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        endpoint = "http://127.0.0.1:%d" % listener.getsockname()[1]
        with _fake_aws_env():
            handler = make_lambda_handler(build_skill(Settings(
                store="dynamodb", dynamodb_table="fuzz", dynamodb_region="us-east-1",
                dynamodb_endpoint=endpoint)))
            slowest, said = _conversation_times(handler, "amzn1.ask.account.SILENT")
    results["dynamodb_silent"] = {"slowest_s": round(slowest, 3), "said_remembered": _remembered(said)}
    # A store that works: the preference is said to be remembered.
    slowest, said = _conversation_times(skill_handler(workdir / "ok"), "amzn1.ask.account.OK")
    results["sqlite_ok"] = {"slowest_s": round(slowest, 3), "said_remembered": _remembered(said)}
    return results


# --- logs ------------------------------------------------------------------------------------------

FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIAFUZZFAKEKEY12345",
                    "AWS_SECRET_ACCESS_KEY": "fuzzFakeSecretAccessKey0123456789abcdefgh",
                    "AWS_SESSION_TOKEN": "FuzzFakeSessionToken//0123456789abcdefghijklmnop=="}


class _fake_aws_env:
    NAMES = ("AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
             "AWS_ENDPOINT_URL_DYNAMODB", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
             "AWS_EC2_METADATA_DISABLED") + tuple(FAKE_CREDENTIALS)

    def __enter__(self) -> None:
        self.saved = {name: os.environ.get(name) for name in self.NAMES}
        for name in self.NAMES:
            os.environ.pop(name, None)
        os.environ.update(FAKE_CREDENTIALS)
        os.environ.update({"AWS_CONFIG_FILE": "/nonexistent/aws-config",
                           "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
                           "AWS_EC2_METADATA_DISABLED": "true"})

    def __exit__(self, *exc: object) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        import boto3
        boto3.DEFAULT_SESSION = None


LEAK_WORDS = "my toes catch the floor zebracrossing"


def _talk(handler: Handler) -> None:
    attributes: Dict[str, Any] = {}
    for event in (envelopes.launch(user_id=USER_ID),
                  envelopes.intent("SymptomIntent", {"Description": LEAK_WORDS}, user_id=USER_ID),
                  envelopes.intent("SlowerIntent", user_id=USER_ID),
                  envelopes.intent("SetTimerIntent", {"Minutes": "99999999999999999999"},
                                   user_id=USER_ID),
                  envelopes.intent("SymptomIntent", {"Symptom": "I wet myself"}, user_id=USER_ID),
                  envelopes.session_ended(user_id=USER_ID)):
        event["session"]["attributes"] = attributes
        response = handler(_loopback_only(event), None)
        attributes = response.get("sessionAttributes") or {}


def leaks_in(text: str) -> Dict[str, int]:
    secrets = dict(FAKE_CREDENTIALS, user_id=USER_ID, words=LEAK_WORDS, wet="wet myself")
    return {name: text.count(value) for name, value in secrets.items() if text.count(value)}


def run_logs(workdir: Path) -> Dict[str, Any]:
    """Both stores under a root handler at DEBUG; what reached it is searched."""
    from moto.server import ThreadedMotoServer

    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    captured = io.StringIO()
    results: Dict[str, Any] = {}
    with _fake_aws_env():
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            endpoint = "http://%s:%d" % (host, port)
            import boto3
            # moto keeps its tables per process: a fresh name for every run.
            table = "fuzz-%d" % random.Random().randrange(10 ** 9)
            boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint).create_table(
                TableName=table, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            for store in ("sqlite", "dynamodb"):
                captured.seek(0)
                captured.truncate()
                root.handlers = [logging.StreamHandler(captured)]
                log_privacy.configure("DEBUG")
                settings = (Settings(store="sqlite", data_dir=workdir / "logs") if store == "sqlite"
                            else Settings(store="dynamodb", dynamodb_table=table,
                                          dynamodb_region="us-east-1", dynamodb_endpoint=endpoint))
                _talk(make_lambda_handler(build_skill(settings)))
                text = captured.getvalue()
                results[store] = {"log_lines": text.count("\n"), "leaks": leaks_in(text)}
        finally:
            server.stop()
            root.handlers = saved_handlers
            root.setLevel(saved_level)
    return results


# --- the served endpoint -----------------------------------------------------------------------------

SECOND_CHAIN_PATH = "/echo.api/echo-api-cert-13.pem"


def _status_of(raw: bytes, port: int, timeout: float = 10.0) -> Optional[int]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            return None
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _post(port: int, body: bytes, headers: Dict[str, str], timeout: float = 10.0,
          context: Optional[ssl.SSLContext] = None) -> Tuple[int, float]:
    import http.client
    started = time.monotonic()
    conn = (http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=context)
            if context else http.client.HTTPConnection("127.0.0.1", port, timeout=timeout))
    try:
        conn.request("POST", "/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        conn.close()


def malformed_requests(signer: Any) -> List[Tuple[str, bytes]]:
    deep = b'{"a":' * 900 + b"1" + b"}" * 900
    deep_env = json.dumps(envelopes.launch()).encode()[:-1] + b', "x": ' + deep + b"}"
    nan_env = json.dumps(envelopes.launch()).replace('"new": true', '"new": NaN').encode()

    def signed(body: bytes) -> bytes:
        _, headers = signer.sign({"type": "LaunchRequest"})
        headers["Signature-256"] = signer.authority.sign(body)
        lines = "".join("%s: %s\r\n" % item for item in headers.items())
        return ("POST / HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n\r\n"
                % (lines, len(body))).encode() + body

    return [
        ("bad chunk size", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
        ("chunk without end", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{}"),
        ("chunk missing CRLF", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n"),
        ("huge chunk size", b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}"),
        ("short body", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{}"),
        ("bad content length", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}"),
        ("two lengths", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
        ("garbage request line", b"\x00\x01\x02 garbage\r\n\r\n"),
        ("huge header", b"POST / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20000 + b"\r\n\r\n"),
        ("many headers", b"POST / HTTP/1.1\r\n" + b"".join(b"X%d: y\r\n" % i for i in range(300)) + b"\r\n"),
        ("bad method", b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("http 0.9", b"GET /\r\n"),
        ("invalid utf-8 body", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc"),
        ("signed deep JSON", signed(deep_env)),
        ("signed NaN", signed(nan_env)),
        ("signed not JSON", signed(b"not json")),
        ("signed lone surrogate user id", signed(json.dumps(_fresh(user_id="\ud800x")).encode())),
        ("signed odd timestamp emergency", signed(json.dumps(_fresh(
            "2026-02-30T10:00:00Z", words=EMERGENCY_WORDS[0])).encode())),
    ]


def _fresh(timestamp: Optional[str] = None, user_id: Optional[str] = None,
           words: Optional[str] = None) -> Dict[str, Any]:
    """A request the served endpoint accepts (its skill id, a current timestamp)."""
    import loadtest
    if words is None:
        event = loadtest.alexa_envelope({"type": "LaunchRequest"})
    else:
        event = loadtest.alexa_envelope({"type": "IntentRequest", "intent": {
            "name": "SymptomIntent", "confirmationStatus": "NONE",
            "slots": {"Symptom": {"name": "Symptom", "value": words}}}})
    if timestamp is not None:
        event["request"]["timestamp"] = timestamp
    if user_id is not None:
        event["session"]["user"] = event["context"]["System"]["user"] = {"userId": user_id}
    return event


def _open_slow_clients(port: int, stop: threading.Event, idle_count: int = 50,
                       context: Optional[ssl.SSLContext] = None
                       ) -> Tuple[List[socket.socket], List[threading.Thread]]:
    """`idle_count` connections that send nothing (not even a TLS handshake) and 5 slow
    senders: headers a byte at a time, or a partial body and then nothing."""
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(idle_count)]
    partial_body = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{}"
    slow_headers = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nX-Slow: " + b"a" * 200

    def sender(payload: bytes, per_byte: float, then_idle: bool) -> None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                sock = context.wrap_socket(raw, server_hostname="127.0.0.1") if context else raw
                if then_idle:
                    sock.sendall(payload)
                    stop.wait()
                    return
                for byte in payload:
                    if stop.wait(per_byte):
                        return
                    sock.sendall(bytes([byte]))
        except OSError:
            pass  # the server closing a slow client is what it should do

    threads = [threading.Thread(target=sender, args=args, daemon=True) for args in (
        (slow_headers, 0.5, False), (slow_headers, 1.0, False), (partial_body, 0, True),
        (partial_body, 0, True), (partial_body, 1.0, False))]
    for thread in threads:
        thread.start()
    return idle, threads


def slow_client_check(port: int, signer: Any, idle_count: int = 50,
                      context: Optional[ssl.SSLContext] = None) -> Dict[str, Any]:
    """Five valid signed requests while idle and slow clients are open: their statuses
    and the slowest answer."""
    stop = threading.Event()
    idle, threads = _open_slow_clients(port, stop, idle_count, context)
    times, statuses = [], []
    try:
        time.sleep(0.5)
        for _ in range(5):
            body, headers = signer.sign({"type": "LaunchRequest"})
            status, elapsed = _post(port, body, headers, context=context)
            statuses.append(status)
            times.append(elapsed)
            time.sleep(0.5)
    finally:
        stop.set()
        for sock in idle:
            sock.close()
    return {"idle": idle_count, "slow": len(threads), "statuses": statuses,
            "slowest_s": round(max(times), 3)}


def _serve(port: int, env: Dict[str, str], log_path: Path, *extra: str) -> subprocess.Popen:
    import loadtest
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "spasm_coach_tools.cli", "serve", "--port", str(port),
             "--skill-id", loadtest.SKILL_ID] + list(extra),
            env=env, stdout=log, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def run_tls_idle(workdir: Path, cert_server: Any, pki: Any, log_path: Path) -> Dict[str, Any]:
    """The same over TLS, where an idle client holds a connection in the TLS handshake;
    and 300 idle connections against one worker (more than it takes at once)."""
    import loadtest
    authority = pki.authority
    cert_pem, key_pem = authority.server_cert()
    (workdir / "tls.pem").write_bytes(cert_pem)
    (workdir / "tls-key.pem").write_bytes(key_pem)
    context = ssl.create_default_context(cafile=str(pki.root))
    port = loadtest.free_port()
    env = loadtest.server_env(pki, cert_server, data_dir=workdir / "tls-data")
    process = _serve(port, env, log_path, "--workers", "1", "--certfile",
                     str(workdir / "tls.pem"), "--keyfile", str(workdir / "tls-key.pem"))
    try:
        loadtest.wait_healthy(port, process, context)
        signer = loadtest.Signer(authority)
        result = slow_client_check(port, signer, 50, context)
        crowd = slow_client_check(port, signer, 300, context)
        result["idle_300_one_worker_slowest_s"] = crowd["slowest_s"]
        result["idle_300_one_worker_statuses"] = crowd["statuses"]
        return result
    finally:
        _stop(process)


def run_http(workdir: Path) -> Dict[str, Any]:
    import loadtest
    import webcerts

    authority = webcerts.shared_authority()
    pki = loadtest.write_pki(workdir / "pki", authority)
    junk_files = {"/echo.api/copy-%d.pem" % n: authority.chain_pem for n in range(20)}
    files = dict(junk_files, **{webcerts.ALEXA_CHAIN_PATH: authority.chain_pem,
                                SECOND_CHAIN_PATH: authority.chain_pem})
    results: Dict[str, Any] = {}
    log_path = workdir / "server.log"
    with webcerts.CertServer(files) as cert_server:
        port = loadtest.free_port()
        env = loadtest.server_env(pki, cert_server, data_dir=workdir / "http-data")
        process = _serve(port, env, log_path, "--workers", "2")
        try:
            loadtest.wait_healthy(port, process)
            signer = loadtest.Signer(authority)
            body, headers = signer.sign({"type": "LaunchRequest"})
            status, _ = _post(port, body, headers)  # the known chain, fetched and proven
            results["first_request_status"] = status
            results["slow_clients"] = slow_client_check(port, signer)

            # Junk signatures with distinct chain URLs, then an uncached valid chain.
            rng = random.Random(17)
            junk_statuses = []
            for n in range(30):
                body, headers = signer.sign({"type": "LaunchRequest"})
                path = ("/echo.api/copy-%d.pem" % n) if n < 20 else ("/echo.api/junk-%d.pem" % n)
                headers["SignatureCertChainUrl"] = "https://s3.amazonaws.com" + path
                headers["Signature-256"] = base64.b64encode(
                    bytes(rng.randrange(256) for _ in range(256))).decode()
                junk_statuses.append(_post(port, body, headers)[0])
            body, headers = signer.sign({"type": "LaunchRequest"})
            headers["SignatureCertChainUrl"] = "https://s3.amazonaws.com" + SECOND_CHAIN_PATH
            uncached_status, _ = _post(port, body, headers)
            body, headers = signer.sign({"type": "LaunchRequest"})
            known_status, _ = _post(port, body, headers)
            results["junk_signatures"] = {
                "junk": len(junk_statuses), "junk_refused": sum(s == 400 for s in junk_statuses),
                "uncached_valid_status": uncached_status, "known_valid_status": known_status,
                # Fetched by each worker at most once: never evicted by the junk.
                "known_chain_fetches": cert_server.hits.get(webcerts.ALEXA_CHAIN_PATH, 0)}

            # Malformed HTTP.
            statuses_by_case = {name: _status_of(raw, port) for name, raw in malformed_requests(signer)}
            results["odd_timestamp_emergency_status"] = statuses_by_case.pop(
                "signed odd timestamp emergency")
            results["lone_surrogate_status"] = statuses_by_case["signed lone surrogate user id"]
            results["malformed"] = {
                "cases": len(statuses_by_case),
                "5xx": sorted(name for name, s in statuses_by_case.items() if s and s >= 500),
                "statuses": statuses_by_case}
        finally:
            _stop(process)
        results["slow_clients_tls"] = run_tls_idle(workdir, cert_server, pki, log_path)
        server_log = log_path.read_text(errors="replace")
        results["server_log"] = {"tracebacks": server_log.count("Traceback"),
                                 "user_ids": server_log.count("amzn1.ask.account.")}
    return results


# --- the report -------------------------------------------------------------------------------------

def verdicts(report: Dict[str, Any]) -> Dict[str, bool]:
    found: Dict[str, bool] = {}
    if "emergency" in report:
        found["emergency advice in every odd envelope"] = report["emergency"]["without_advice"] == 0
    if "envelopes" in report:
        env = report["envelopes"]
        found["no exception escapes"] = env["exceptions"] == 0
        found["no response over the limits, with NaN or speech for events"] = not env["problems"]
    if "store" in report:
        store = report["store"]
        found["every answer within 2 s whatever the store does"] = all(
            part["slowest_s"] < 2.0 for part in store.values())
        found["remembered only after a save"] = (
            store["sqlite_ok"]["said_remembered"] and not store["sqlite_locked"]["said_remembered"]
            and not store["dynamodb_silent"]["said_remembered"])
    if "logs" in report:
        found["no leaks in DEBUG logs"] = not any(part["leaks"] for part in report["logs"].values())
    if "http" in report:
        http_ = report["http"]
        found["answered within 2 s beside idle and slow clients"] = all(
            all(s == 200 for s in http_[part]["statuses"]) and http_[part]["slowest_s"] < 2.0
            for part in ("slow_clients", "slow_clients_tls"))
        junk = http_["junk_signatures"]
        found["junk signatures cannot refuse a valid chain"] = (
            junk["uncached_valid_status"] == 200 and junk["known_valid_status"] == 200
            and junk["known_chain_fetches"] <= 2)
        found["no 5xx on malformed HTTP"] = not http_["malformed"]["5xx"]
        found["odd-but-signed emergency and lone surrogate answered"] = (
            http_["odd_timestamp_emergency_status"] == 200 and http_["lone_surrogate_status"] == 200)
        found["no tracebacks or user ids in the server log"] = (
            http_["server_log"]["tracebacks"] == 0 and http_["server_log"]["user_ids"] == 0)
    return found


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--emergency", type=int, default=3000)
    parser.add_argument("--envelopes", type=int, default=10000)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.CRITICAL)  # the fuzz's own errors are counted, not printed
    report: Dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="spasm-fuzz-") as tmp:
        workdir = Path(tmp)
        handler = skill_handler(workdir / "fuzz-data")
        started = time.monotonic()
        report["emergency"] = run_emergency(handler, args.emergency, args.seed)
        report["envelopes"] = run_envelopes(handler, args.envelopes, args.seed)
        report["store"] = run_store(workdir)
        report["logs"] = run_logs(workdir)
        if not args.skip_http:
            report["http"] = run_http(workdir)
        report["seconds"] = round(time.monotonic() - started, 1)
    found = verdicts(report)
    report["targets"] = found
    print(json.dumps(report, indent=2, default=repr))
    for name, ok in found.items():
        print("%-60s %s" % (name, "met" if ok else "NOT MET"))
    return 0 if all(found.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
