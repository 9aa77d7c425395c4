"""`spasm-coach serve` and gunicorn on loopback: start-up rules, TLS, a short load run."""
from __future__ import annotations

import http.client
import io
import json
import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

import webcerts
from spasm_coach_server import cli, gunicorn_conf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import loadtest  # noqa: E402


def run_cli(argv, environ=None):
    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    try:
        os.environ.pop("ALEXA_SKILL_ID", None)
        os.environ.update(environ or {})
        code = cli.main(argv, out=out, err=err)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


# --- start-up rules (these return before anything listens) ---------------------------------

@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com"])
def test_no_verify_refuses_anything_but_loopback(host):
    code, out, err = run_cli(["--no-verify", "--host", host])
    assert code == 2
    assert "loopback only" in err and host in err
    assert out == ""


def test_verified_serving_needs_a_skill_id():
    code, out, err = run_cli(["--host", "0.0.0.0"])
    assert code == 2
    assert "no skill id" in err and "ALEXA_SKILL_ID" in err and "--skill-id" in err


def test_a_broken_triage_vocabulary_stops_the_server_from_starting(tmp_path, monkeypatch):
    from spasm_coach import triage
    for path in triage.vocabulary_files():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "redflags.en-GB.json").write_text("{ broken", encoding="utf-8")
    monkeypatch.setattr(triage, "CONTENT_DIR", tmp_path)
    monkeypatch.setattr(triage, "_VOCABULARIES", {})
    monkeypatch.setattr(cli, "serve_with_gunicorn", lambda app, options: pytest.fail("server started"))
    code, out, err = run_cli(["--no-verify"])
    assert code == 2 and "redflags.en-GB.json" in err and out == ""


def test_certfile_and_keyfile_go_together():
    with pytest.raises(SystemExit):
        cli.parse_args(["--certfile", "cert.pem"])


def test_missing_tls_files_are_reported():
    code, _, err = run_cli(["--skill-id", "amzn1.ask.skill.x", "--certfile", "/nonexistent/c.pem",
                            "--keyfile", "/nonexistent/k.pem"])
    assert code == 2 and "no such file" in err


def test_loopback_detection():
    for host in ("127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"):
        assert cli.is_loopback(host)
    for host in ("0.0.0.0", "::", "10.0.0.1", "localhost.example.com", ""):
        assert not cli.is_loopback(host)


def test_startup_message_says_how_to_talk_to_it():
    message = cli.startup_message(cli.parse_args(["--no-verify", "--port", "5055"]))
    assert "http://127.0.0.1:5055/" in message and "verification OFF" in message
    assert "curl" in message and "/healthz" in message
    message = cli.startup_message(cli.parse_args(
        ["--skill-id", "amzn1.ask.skill.x", "--certfile", "c", "--keyfile", "k"]))
    assert "https://127.0.0.1:5000/" in message and "verification ON" in message


def test_the_startup_messages_example_request_gets_an_answer():
    import json
    import re

    from spasm_coach_server.app import create_app
    message = cli.startup_message(cli.parse_args(["--no-verify"]))
    body = re.search(r"-d '(\{.*\})'", message).group(1)
    assert json.loads(body) == cli.EXAMPLE_ENVELOPE
    response = create_app(verify=False).test_client().post(
        "/", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Back Spasm Coach" in response.get_json()["response"]["outputSpeech"]["ssml"]


def test_gunicorn_options():
    options = cli.gunicorn_options(cli.parse_args(
        ["--host", "::1", "--port", "8443", "--workers", "3", "--skill-id", "x",
         "--certfile", "c.pem", "--keyfile", "k.pem"]))
    assert options["bind"] == ["[::1]:8443"]
    assert options["workers"] == 3
    assert options["certfile"] == "c.pem" and options["keyfile"] == "k.pem"

    # Slow or idle clients cost a greenlet, not a worker: a bounded number of them, with
    # timeouts well inside Alexa's 8 s (scripts/fuzz.py measures the effect).
    assert options["worker_class"] == "gevent"
    assert 50 <= options["worker_connections"] <= 1000
    assert options["keepalive"] <= 8 and options["timeout"] <= 30
    assert options["post_worker_init"] is gunicorn_conf.post_worker_init  # bounds TLS handshakes


# --- serving for real ---------------------------------------------------------------------------

def wait_for(port, context=None, timeout=30.0, process=None):
    try:
        loadtest.wait_healthy(port, process, context, timeout)
    except RuntimeError as error:
        output = process.stdout.read() if process is not None and process.poll() is not None else ""
        raise AssertionError("%s %s" % (error, output)) from None


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    return process.stdout.read()


@pytest.fixture(scope="module")
def authority():
    return webcerts.shared_authority()


@pytest.fixture(scope="module")
def pki(authority, tmp_path_factory):
    return loadtest.write_pki(tmp_path_factory.mktemp("pki"), authority)


@pytest.fixture(scope="module")
def cert_server(authority):
    with webcerts.CertServer({webcerts.ALEXA_CHAIN_PATH: authority.chain_pem}) as server:
        yield server


def test_serve_tls_verified_on_loopback(authority, pki, cert_server, tmp_path):
    cert_pem, key_pem = authority.server_cert()
    certfile, keyfile = tmp_path / "server.pem", tmp_path / "server-key.pem"
    certfile.write_bytes(cert_pem)
    keyfile.write_bytes(key_pem)
    port = loadtest.free_port()
    env = loadtest.server_env(pki, cert_server, data_dir=tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "spasm_coach_tools.cli", "serve", "--port", str(port),
         "--workers", "1", "--skill-id", loadtest.SKILL_ID,
         "--certfile", str(certfile), "--keyfile", str(keyfile)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    context = ssl.create_default_context(cafile=str(pki.root))
    try:
        wait_for(port, context, process=process)
        signer = loadtest.Signer(authority)
        body, headers = signer.sign({"type": "LaunchRequest"})
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
        conn.request("POST", "/", body=body, headers=headers)
        response = conn.getresponse()
        assert response.status == 200
        assert "outputSpeech" in json.loads(response.read())["response"]
        # Tampered: refused with 400 over TLS too.
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
        conn.request("POST", "/", body=body + b" ", headers=headers)
        response = conn.getresponse()
        assert response.status == 400 and b"Traceback" not in response.read()
        # A chunked body past the limit: 413 from the real server.
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
        conn.request("POST", "/", body=iter([b" " * 1024] * 200), headers=headers,
                     encode_chunked=True)
        assert conn.getresponse().status == 413
        # A client that connects and never starts its TLS handshake is let go.
        import socket
        with socket.create_connection(("127.0.0.1", port), timeout=20) as idle:
            started = time.monotonic()
            try:
                assert idle.recv(1) == b""
            except ConnectionResetError:
                pass
            assert time.monotonic() - started < 15
        # Plain HTTP on the TLS port gets nowhere.
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        with pytest.raises((OSError, http.client.HTTPException)):
            plain.request("GET", "/healthz")
            assert plain.getresponse().status != 200
    finally:
        output = stop(process)
    assert "https://127.0.0.1:%d/" % port in output
    assert "verification ON" in output
    assert "request_id=amzn1.echo-api.request." in output


def test_serve_no_verify_on_loopback_beside_idle_and_slow_clients(tmp_path):
    """Served as `serve` serves it: a request is answered while idle connections and a
    stalled body are open (generous bounds; `make fuzz` times it), malformed chunked
    bodies are 400s, and nothing ends in a traceback."""
    import socket

    port = loadtest.free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lambda"), SPASM_COACH_DATA_DIR=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "spasm_coach_tools.cli", "serve", "--no-verify", "--port", str(port),
         "--workers", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    idle = []
    try:
        wait_for(port, process=process)
        idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(30)]
        stalled = socket.create_connection(("127.0.0.1", port), timeout=5)
        stalled.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{}")
        idle.append(stalled)
        body = json.dumps(loadtest.alexa_envelope({"type": "LaunchRequest"}))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        assert conn.getresponse().status == 200  # generous bounds; `make fuzz` times it
        for raw in (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                    b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
                sock.sendall(raw)
                assert sock.recv(64).split(b" ")[1] == b"400"
    finally:
        for sock in idle:
            sock.close()
        output = stop(process)
    assert "Traceback" not in output
    assert "verification OFF" in output and "loopback only" in output


def test_short_load_run_has_zero_errors():
    # The load script's own run, at smoke size: zero errors; timing is reported, not asserted.
    coach, hello = loadtest.compare(total=50, concurrency=8, workers=2, rounds=2, warmup=10)
    for result in (coach, hello):
        assert result.errors == 0, result.error_samples
        assert result.requests == len(result.latencies) == 50
        assert result.summary()["p99_ms"] >= result.summary()["p50_ms"] > 0
    assert "coach / hello" in loadtest.report(coach, hello)
