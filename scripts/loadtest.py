#!/usr/bin/env python3
"""A bounded load run against the verified endpoint, served by gunicorn on loopback.

    .venv/bin/python scripts/loadtest.py [--requests 2000] [--concurrency 16] [--workers 4]

Serves the Back Spasm Coach app and a minimal hello-world ask-sdk-core skill
the same way (gunicorn, verification on, requests signed by a local test
authority whose certificate chain is served from a loopback server), sends each
the same number of requests in alternating rounds, and reports errors, p50/p99
latency, throughput and the ratio between the two. Exit status 0 only with
zero errors.

The functions are importable (see tests/test_web_serve.py for a short run).
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "lambda", ROOT / "server", ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import webcerts  # noqa: E402  (tests/webcerts.py: the local test authority)

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
COACH_APP = "spasm_coach_server.app:create_app_from_env()"
HELLO_APP = "loadtest:create_hello_app()"


# --- the comparison skill ----------------------------------------------------------------

def hello_skill():
    """The smallest useful ask-sdk-core skill: says hello to every request."""
    from ask_sdk_core.skill_builder import SkillBuilder

    builder = SkillBuilder()

    @builder.request_handler(can_handle_func=lambda handler_input: True)
    def hello(handler_input):
        return handler_input.response_builder.speak("Hello.").response

    return builder.create()


def create_hello_app():
    """gunicorn entry point for the hello-world skill, verified like the coach."""
    from spasm_coach_server.app import SKILL_ID_ENV, create_app, env_options
    return create_app(skill=hello_skill(), skill_id=os.environ.get(SKILL_ID_ENV),
                      verify=True, **env_options())


# --- requests ----------------------------------------------------------------------------

def alexa_envelope(request: Dict[str, Any], skill_id: str = SKILL_ID,
                   now: Optional[dt.datetime] = None) -> Dict[str, Any]:
    now = now or dt.datetime.now(dt.timezone.utc)
    application = {"applicationId": skill_id}
    user = {"userId": "amzn1.ask.account.LOADTEST"}
    request = dict(request, requestId="amzn1.echo-api.request.%s" % uuid.uuid4(),
                   timestamp=now.strftime("%Y-%m-%dT%H:%M:%SZ"), locale="en-US")
    return {
        "version": "1.0",
        "session": {"new": request["type"] == "LaunchRequest",
                    "sessionId": "amzn1.echo-api.session.LOADTEST",
                    "application": application, "user": user, "attributes": {}},
        "context": {"System": {"application": application, "user": user,
                               "device": {"deviceId": "amzn1.ask.device.LOADTEST",
                                          "supportedInterfaces": {}},
                               "apiEndpoint": "https://api.amazonalexa.com"}},
        "request": request,
    }


def intent_request(name: str) -> Dict[str, Any]:
    return {"type": "IntentRequest", "dialogState": "COMPLETED",
            "intent": {"name": name, "confirmationStatus": "NONE", "slots": {}}}


DEFAULT_REQUESTS: Tuple[Dict[str, Any], ...] = (
    {"type": "LaunchRequest"},
    intent_request("AMAZON.HelpIntent"),
    intent_request("AMAZON.StopIntent"),
    {"type": "SessionEndedRequest", "reason": "USER_INITIATED"},
)


class Signer:
    """Signed (body, headers) pairs, re-signed once a minute so timestamps stay fresh."""

    def __init__(self, authority: webcerts.TestAuthority, skill_id: str = SKILL_ID,
                 requests: Sequence[Dict[str, Any]] = DEFAULT_REQUESTS, max_age: float = 60.0):
        self.authority = authority
        self.skill_id = skill_id
        self.requests = list(requests)
        self.max_age = max_age
        self._lock = threading.Lock()
        self._signed: List[Tuple[bytes, Dict[str, str]]] = []
        self._signed_at = 0.0

    def sign(self, request: Dict[str, Any]) -> Tuple[bytes, Dict[str, str]]:
        body = json.dumps(alexa_envelope(request, self.skill_id)).encode("utf-8")
        return body, {"Content-Type": "application/json; charset=utf-8",
                      "SignatureCertChainUrl": webcerts.ALEXA_CHAIN_URL,
                      "Signature-256": self.authority.sign(body)}

    def get(self, index: int) -> Tuple[bytes, Dict[str, str]]:
        with self._lock:
            if time.monotonic() - self._signed_at > self.max_age:
                self._signed = [self.sign(r) for r in self.requests]
                self._signed_at = time.monotonic()
            return self._signed[index % len(self._signed)]


# --- serving -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PKIFiles:
    authority: webcerts.TestAuthority
    directory: Path
    root: Path


def write_pki(directory: Path, authority: Optional[webcerts.TestAuthority] = None) -> PKIFiles:
    authority = authority or webcerts.shared_authority()
    paths = authority.write(directory)
    return PKIFiles(authority, directory, paths["root"])


def server_env(pki: PKIFiles, cert_server: webcerts.CertServer, skill_id: str = SKILL_ID,
               data_dir: Optional[Path] = None) -> Dict[str, str]:
    """Environment for a verified server trusting the test authority."""
    env = dict(os.environ)
    env.update({
        "ALEXA_SKILL_ID": skill_id,
        "SPASM_COACH_TRUST_BUNDLE": str(pki.root),
        "SPASM_COACH_CERT_URL_MAP": ",".join(
            "%s=%s" % item for item in cert_server.url_map().items()),
        "SPASM_COACH_DATA_DIR": str(data_dir or pki.directory / "data"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "lambda"), str(ROOT / "server"),
                                                    str(ROOT / "scripts"),
                                                    env.get("PYTHONPATH", "")])),
    })
    return env


def wait_healthy(port: int, process: Optional[subprocess.Popen] = None,
                 context: Optional[ssl.SSLContext] = None, timeout: float = 30.0) -> None:
    """Wait until GET /healthz on 127.0.0.1:port answers 200; RuntimeError otherwise
    (at once if `process` exits meanwhile)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("the server exited with %s" % process.returncode)
        try:
            conn = (http.client.HTTPSConnection("127.0.0.1", port, timeout=2, context=context)
                    if context else http.client.HTTPConnection("127.0.0.1", port, timeout=2))
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("no answer on port %d within %.0f s" % (port, timeout))


class Gunicorn:
    """gunicorn serving `app_spec` on 127.0.0.1 until the context ends."""

    def __init__(self, app_spec: str, env: Mapping[str, str], workers: int = 4,
                 certfile: Optional[str] = None, keyfile: Optional[str] = None,
                 log_path: Optional[Path] = None, start_timeout: float = 30.0):
        self.port = free_port()
        self.scheme = "https" if certfile else "http"
        self.url = "%s://127.0.0.1:%d/" % (self.scheme, self.port)
        self.command = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:%d" % self.port,
                        "--workers", str(workers), "--no-control-socket",
                        "--log-level", "warning"]
        if certfile:
            self.command += ["--certfile", certfile, "--keyfile", keyfile or ""]
        self.command.append(app_spec)
        self.env = dict(env)
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.process: Optional[subprocess.Popen] = None

    def __enter__(self) -> "Gunicorn":
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(self.command, env=self.env, stdout=log, stderr=log)
        if self.log_path:
            log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited with %s" % self.process.returncode)
            try:
                conn = _connection(self.scheme, self.port, timeout=1.0)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within %.0f s" % self.start_timeout)

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _connection(scheme: str, port: int, timeout: float,
                context: Optional[ssl.SSLContext] = None) -> http.client.HTTPConnection:
    if scheme == "https":
        return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout,
                                           context=context or ssl.create_default_context())
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


# --- the load run ------------------------------------------------------------------------

@dataclass
class LoadResult:
    label: str
    requests: int
    concurrency: int
    elapsed: float
    latencies: List[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    error_samples: List[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered))) - 1))]

    def summary(self) -> Dict[str, Any]:
        return {
            "label": self.label, "requests": self.requests, "concurrency": self.concurrency,
            "errors": self.errors,
            "p50_ms": round(self.percentile(50) * 1000, 2),
            "p99_ms": round(self.percentile(99) * 1000, 2),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 2) if self.latencies else None,
            "throughput_rps": round(self.requests / self.elapsed, 1) if self.elapsed else None,
            "elapsed_s": round(self.elapsed, 2),
        }


def run_load(url_scheme: str, port: int, signer: Signer, total: int, concurrency: int,
             label: str = "", timeout: float = 10.0,
             context: Optional[ssl.SSLContext] = None) -> LoadResult:
    """POST `total` signed requests with `concurrency` threads; every request ends."""
    result = LoadResult(label, total, concurrency, 0.0)
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        conn = _connection(url_scheme, port, timeout, context)
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            body, headers = signer.get(index)
            started = time.perf_counter()
            problem = None
            try:
                conn.request("POST", "/", body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                if response.status != 200:
                    problem = "HTTP %d %s" % (response.status, payload[:100])
                elif "response" not in json.loads(payload):
                    problem = "no response object"
            except (OSError, http.client.HTTPException, ValueError) as error:
                problem = "%s: %s" % (type(error).__name__, error)
                conn.close()
                conn = _connection(url_scheme, port, timeout, context)
            elapsed = time.perf_counter() - started
            with lock:
                if problem is None:
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(problem)
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result


def warm_up(server: Gunicorn, signer: Signer, label: str, warmup: int, concurrency: int) -> None:
    """Let every worker load its code and fetch the chain before the figures start."""
    warm = run_load(server.scheme, server.port, signer, warmup, min(concurrency, warmup), label)
    if warm.errors:
        raise RuntimeError("%s failed during warm-up: %s" % (label, warm.error_samples))


def merge(results: Sequence[LoadResult]) -> LoadResult:
    merged = LoadResult(results[0].label, 0, results[0].concurrency, 0.0)
    for result in results:
        merged.requests += result.requests
        merged.elapsed += result.elapsed
        merged.latencies.extend(result.latencies)
        merged.errors += result.errors
        merged.error_samples.extend(result.error_samples[:5 - len(merged.error_samples)])
    return merged


def compare(total: int = 2000, concurrency: int = 16, workers: int = 4, rounds: int = 4,
            work_dir: Optional[Path] = None, warmup: int = 50) -> Tuple[LoadResult, LoadResult]:
    """The coach and the hello-world skill, served the same way and loaded in turns.

    Both servers run side by side; the `total` requests per app are sent in
    `rounds` alternating slices (coach first, then hello first, ...), so a burst
    of other work on the machine falls on both.
    """
    rounds = max(1, min(rounds, total))
    with tempfile.TemporaryDirectory(prefix="spasm-coach-load-") as tmp:
        directory = Path(work_dir or tmp)
        pki = write_pki(directory)
        chain = {webcerts.ALEXA_CHAIN_PATH: pki.authority.chain_pem}
        log_path = directory / "gunicorn.log"
        with webcerts.CertServer(chain) as cert_server:
            env = server_env(pki, cert_server)
            signer = Signer(pki.authority)
            with Gunicorn(COACH_APP, env, workers=workers, log_path=log_path) as coach_server, \
                    Gunicorn(HELLO_APP, env, workers=workers, log_path=log_path) as hello_server:
                servers = [("back spasm coach", coach_server), ("hello world", hello_server)]
                for label, server in servers:
                    warm_up(server, signer, label, warmup, concurrency)
                results: Dict[str, List[LoadResult]] = {label: [] for label, _ in servers}
                for turn in range(rounds):
                    size = total // rounds + (1 if turn < total % rounds else 0)
                    for label, server in (servers if turn % 2 == 0 else servers[::-1]):
                        results[label].append(run_load(server.scheme, server.port, signer,
                                                       size, concurrency, label))
        coach, hello = (merge(results[label]) for label, _ in servers)
        if (coach.errors or hello.errors) and log_path.exists():
            sys.stderr.write("gunicorn log (last lines):\n%s\n" % "\n".join(
                log_path.read_text(errors="replace").splitlines()[-30:]))
    return coach, hello


def report(coach: LoadResult, hello: LoadResult) -> str:
    rows = [coach.summary(), hello.summary()]
    lines = ["%-18s %8s %7s %9s %9s %11s" % ("skill", "requests", "errors", "p50 ms", "p99 ms",
                                              "req/s")]
    for row in rows:
        lines.append("%-18s %8d %7d %9.2f %9.2f %11.1f" % (
            row["label"], row["requests"], row["errors"], row["p50_ms"], row["p99_ms"],
            row["throughput_rps"]))
    if hello.latencies and coach.latencies:
        lines.append("coach / hello: p50 x%.2f, p99 x%.2f, throughput x%.2f" % (
            coach.percentile(50) / hello.percentile(50),
            coach.percentile(99) / hello.percentile(99),
            (coach.requests / coach.elapsed) / (hello.requests / hello.elapsed)))
    for result in (coach, hello):
        for sample in result.error_samples:
            lines.append("error (%s): %s" % (result.label, sample))
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per app")
    parser.add_argument("--rounds", type=int, default=4,
                        help="alternating slices the requests are sent in")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    if not (0 < args.requests <= 100000 and 0 < args.concurrency <= 256):
        parser.error("--requests 1..100000 and --concurrency 1..256")
    coach, hello = compare(args.requests, args.concurrency, args.workers, args.rounds)
    print("gunicorn, %d sync workers per app, verification on, %d requests per app at %d "
          "concurrent in %d alternating rounds, %d CPUs" % (
              args.workers, args.requests, args.concurrency, args.rounds, os.cpu_count() or 0))
    print(report(coach, hello))
    if args.json:
        print(json.dumps({"coach": coach.summary(), "hello": hello.summary()}))
    return 0 if coach.errors == 0 and hello.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
