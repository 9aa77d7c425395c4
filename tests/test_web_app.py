"""The Flask endpoint: signed requests pass, every refusal is a 4xx, hardening holds.

Certificate chains come from a real loopback HTTP server through the default
fetcher; only Amazon's certificate folder is mapped onto it, so the URL rules
apply to every header exactly as in production.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import logging

import pytest

import envelopes
import webcerts
from spasm_coach_server.app import (ConfigurationError, DEFAULT_MAX_BODY_BYTES, create_app,
                                 create_app_from_env)

SKILL_ID = envelopes.SKILL_ID
SECRET_WORDS = "my secret slot words about my sore back"


@pytest.fixture(scope="module")
def authority():
    return webcerts.shared_authority()


@pytest.fixture(scope="module")
def cert_server(authority):
    now = webcerts.utcnow()
    files = {
        webcerts.ALEXA_CHAIN_PATH: authority.chain_pem,
        "/echo.api/expired.pem": authority.chain_with(authority.leaf(
            not_before=now - dt.timedelta(days=30), not_after=now - dt.timedelta(days=1))),
        "/echo.api/future.pem": authority.chain_with(authority.leaf(
            not_before=now + dt.timedelta(days=1), not_after=now + dt.timedelta(days=30))),
        "/echo.api/wrong-san.pem": authority.chain_with(authority.leaf(names=["www.amazon.com"])),
        "/echo.api/untrusted.pem": webcerts.make_authority("Untrusted Root").chain_pem,
    }
    with webcerts.CertServer(files) as server:
        yield server


def tiny_skill(fail: bool = False):
    """A minimal ask-sdk-core skill that echoes the request type (or breaks, on demand)."""
    from ask_sdk_core.skill_builder import SkillBuilder

    builder = SkillBuilder()

    @builder.request_handler(can_handle_func=lambda handler_input: True)
    def answer(handler_input):
        if fail:
            raise RuntimeError("the handler broke")
        kind = handler_input.request_envelope.request.object_type
        return handler_input.response_builder.speak("tiny %s" % kind).response

    return builder.create()


@pytest.fixture(scope="module")
def app(authority, cert_server):
    return create_app(tiny_skill(), SKILL_ID, trust_roots=authority.root_pem,
                      cert_url_map=cert_server.url_map())


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def now_stamp(offset: float = 0) -> str:
    moment = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=offset)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def launch(offset: float = 0, **changes):
    env = envelopes.launch()
    env["request"]["timestamp"] = now_stamp(offset)
    env["request"].update(changes)
    return env


def signed(authority, env, url=webcerts.ALEXA_CHAIN_URL):
    body = env if isinstance(env, bytes) else json.dumps(env).encode("utf-8")
    return body, {"Content-Type": "application/json", "SignatureCertChainUrl": url,
                  "Signature-256": authority.sign(body)}


def post(client, body, headers):
    return client.post("/", data=body, headers=headers)


def assert_refused(response, status=400):
    assert response.status_code == status
    assert response.is_json and set(response.get_json()) == {"error"}
    assert b"Traceback" not in response.data


# --- passing ----------------------------------------------------------------------------

def test_signed_request_passes(client, authority, cert_server):
    response = post(client, *signed(authority, launch()))
    assert response.status_code == 200
    assert "tiny LaunchRequest" in response.get_json()["response"]["outputSpeech"]["ssml"]


def test_chain_fetched_once_then_cached(client, authority, cert_server):
    for _ in range(3):
        assert post(client, *signed(authority, launch())).status_code == 200
    assert cert_server.hits[webcerts.ALEXA_CHAIN_PATH] == 1


def test_equivalent_url_forms_pass(client, authority):
    for url in ("https://s3.amazonaws.com:443/echo.api/echo-api-cert-12.pem",
                "https://S3.AMAZONAWS.COM/echo.api/../echo.api/echo-api-cert-12.pem"):
        assert post(client, *signed(authority, launch(), url)).status_code == 200


def test_skill_event_an_hour_old_passes(client, authority):
    env = envelopes.envelope({"type": "AlexaSkillEvent.SkillEnabled", "timestamp": now_stamp(-3000)})
    assert post(client, *signed(authority, env)).status_code == 200


@pytest.fixture(scope="module")
def real(authority, cert_server):
    """The endpoint with the real skill: build_skill() is the default."""
    return create_app(skill_id=SKILL_ID, trust_roots=authority.root_pem,
                      cert_url_map=cert_server.url_map()).test_client()


def test_the_real_skill_behind_the_endpoint(real, authority):
    response = post(real, *signed(authority, launch()))
    assert response.status_code == 200
    body = response.get_json()
    assert body["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert body["response"].get("shouldEndSession") is not True


# --- refused: signature -----------------------------------------------------------------------

def test_tampered_body_is_refused(client, authority):
    body, headers = signed(authority, launch())
    assert_refused(post(client, body.replace(b"LaunchRequest", b"IntentRequest"), headers))
    assert_refused(post(client, body + b" ", headers))


@pytest.mark.parametrize("signature", [None, "", "not base64 at all!", "QUJD", "A" * 344])
def test_missing_or_malformed_signature_is_refused(client, authority, signature):
    body, headers = signed(authority, launch())
    if signature is None:
        del headers["Signature-256"]
    else:
        headers["Signature-256"] = signature
    assert_refused(post(client, body, headers))


def test_missing_chain_url_is_refused(client, authority):
    body, headers = signed(authority, launch())
    del headers["SignatureCertChainUrl"]
    assert_refused(post(client, body, headers))


@pytest.mark.parametrize("url", [
    "http://s3.amazonaws.com/echo.api/echo-api-cert-12.pem",           # scheme
    "https://notamazon.com/echo.api/echo-api-cert-12.pem",             # host
    "https://s3.amazonaws.com/invalid.path/echo-api-cert-12.pem",      # path
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert-12.pem",      # port
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-12.pem",          # letter case
    "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert-12.pem",
])
def test_each_broken_url_rule_is_refused_without_a_fetch(client, authority, cert_server, url):
    before = dict(cert_server.hits)
    assert_refused(post(client, *signed(authority, launch(), url)))
    assert cert_server.hits == before


@pytest.mark.parametrize("name", ["expired", "future", "wrong-san", "untrusted"])
def test_broken_certificates_are_refused(client, authority, name):
    url = "https://s3.amazonaws.com/echo.api/%s.pem" % name
    assert_refused(post(client, *signed(authority, launch(), url)))


def test_unknown_certificate_url_is_refused(client, authority):
    assert_refused(post(client, *signed(authority, launch(),
                                        "https://s3.amazonaws.com/echo.api/nothing-here.pem")))


# --- refused: timestamp and skill id --------------------------------------------------------------

@pytest.mark.parametrize("offset", [-151 - 5, -3600, 151 + 5, 86400])
def test_stale_or_future_timestamp_is_refused(client, authority, offset):
    assert_refused(post(client, *signed(authority, launch(offset))))


def test_wrong_skill_id_is_refused(client, authority):
    env = launch()
    env["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    env["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    assert_refused(post(client, *signed(authority, env)))
    env = launch()
    env["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    assert_refused(post(client, *signed(authority, env)))


# --- hardening ---------------------------------------------------------------------------------

def test_body_over_the_limit_is_413(client, authority):
    body, headers = signed(authority, b"{" + b" " * DEFAULT_MAX_BODY_BYTES + b"}")
    assert_refused(post(client, body, headers), 413)


def test_body_without_length_over_the_limit_is_413(client):
    # As a server that handles chunked requests passes it: no Content-Length.
    response = client.post("/", input_stream=io.BytesIO(b" " * (DEFAULT_MAX_BODY_BYTES + 10)),
                           environ_overrides={"wsgi.input_terminated": True})
    assert_refused(response, 413)


@pytest.mark.parametrize("body", [
    b"not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"a string"', b"{}",
    b'{"version": "1.0"}', b'{"version": "1.0", "request": "x"}',
    b'{"version": "1.0", "request": {"type": "LaunchRequest"}}',
    b'{"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": 5}}',
    b'{"version": "1.0", "session": [], "request": {"type": "LaunchRequest", "requestId": "r",'
    b' "timestamp": "2026-01-01T00:00:00Z"}}',
    b'{"version": 1.0, "request": NaN}',
    b'{"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r",'
    b' "timestamp": "2026-01-01T00:00:00Z"}}',
    b'{"version": "1.0", "context": {"System": null}, "request": {"type": "LaunchRequest",'
    b' "requestId": "r", "timestamp": "2026-01-01T00:00:00Z"}}',
    b"[" * 50000 + b"]" * 50000,
])
def test_non_json_or_invalid_envelope_is_400(authority, cert_server, body):
    # Signed, so the envelope check itself is what answers.
    app = create_app(tiny_skill(), SKILL_ID, trust_roots=authority.root_pem,
                     cert_url_map=cert_server.url_map())
    assert_refused(post(app.test_client(), *signed(authority, body)))


def test_envelope_the_sdk_cannot_read_is_400(client, authority):
    env = launch()
    env["request"]["type"] = "NoSuchRequestType"
    assert_refused(post(client, *signed(authority, env)))
    env = launch()
    env["request"]["timestamp"] = "not a time"
    assert_refused(post(client, *signed(authority, env)))


def _odd_emergency(skill_id=SKILL_ID):
    env = envelopes.intent("SymptomIntent", {"Symptom": "I wet myself"})
    env["request"]["timestamp"] = "2026-02-30T10:00:00Z"  # no such day: the SDK refuses it
    for holder in (env["session"], env["context"]["System"]):
        holder["application"] = {"applicationId": skill_id}
    return env


def test_a_signed_emergency_the_sdk_cannot_read_still_gets_the_advice(real, authority):
    response = post(real, *signed(authority, _odd_emergency()))
    assert response.status_code == 200
    body = response.get_json()
    assert body["response"]["shouldEndSession"] is True
    assert body["sessionAttributes"] == {"safety": "emergency"}
    # For another skill: refused, advice or not.
    assert_refused(post(real, *signed(authority, _odd_emergency("amzn1.ask.skill.other"))))


def test_json_nested_hundreds_deep_is_400(real, authority):
    env = launch()
    deep = {}
    for _ in range(900):
        deep = {"a": deep}
    env["session"]["attributes"] = {"deep": deep}
    assert_refused(post(real, *signed(authority, env)))


def test_a_body_that_cannot_be_read_is_400_not_500(client, authority, caplog):
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise TimeoutError("the client stalled")

    response = client.post("/", data=b"x" * 100, headers={"Content-Type": "application/json"},
                           environ_overrides={"wsgi.input": io.BufferedReader(Broken())})
    assert_refused(response)
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405(client, method):
    response = client.open("/", method=method)
    assert_refused(response, 405)
    assert response.headers.get("Allow") == "POST"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert client.head("/healthz").status_code == 200
    assert_refused(client.post("/healthz"), 405)
    assert_refused(client.get("/no-such-page"), 404)


def test_skill_failure_is_500_without_a_trace(authority, cert_server, caplog):
    broken = create_app(tiny_skill(fail=True), SKILL_ID, trust_roots=authority.root_pem,
                        cert_url_map=cert_server.url_map()).test_client()
    with caplog.at_level(logging.INFO, logger="spasm_coach_server"):
        response = post(broken, *signed(authority, launch()))
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal error"}
    assert b"RuntimeError" not in response.data and b"handler broke" not in response.data


def test_logs_carry_the_request_id_never_the_words(client, authority, caplog):
    said = envelopes.intent("AMAZON.FallbackIntent")
    said["request"]["timestamp"] = now_stamp()
    said["request"]["intent"]["slots"] = {"Query": {"name": "Query", "value": SECRET_WORDS}}
    request_id = said["request"]["requestId"]
    tampered = copy.deepcopy(said)
    with caplog.at_level(logging.DEBUG):
        assert post(client, *signed(authority, said)).status_code == 200
        body, headers = signed(authority, tampered)
        post(client, body.replace(b"sore", b"SORE"), headers)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert request_id in text
    assert "refused check=signature" in text
    assert "secret" not in text.lower() and "sore back" not in text.lower()


# --- configuration -------------------------------------------------------------------------------

def test_verified_app_needs_a_skill_id():
    with pytest.raises(ConfigurationError, match="ALEXA_SKILL_ID"):
        create_app(tiny_skill(), None)
    with pytest.raises(ConfigurationError):
        create_app_from_env({})


def test_unverified_app_skips_the_checks():
    client = create_app(tiny_skill(), verify=False).test_client()
    env = launch(offset=-100000)
    env["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.any"
    response = client.post("/", json=env)
    assert response.status_code == 200
    assert_refused(client.post("/", data=b"not json"))


def test_create_app_from_env_uses_the_hooks(authority, cert_server, tmp_path):
    root = tmp_path / "root.pem"
    root.write_bytes(authority.root_pem)
    mapping = ",".join("%s=%s" % item for item in cert_server.url_map().items())
    app = create_app_from_env({"ALEXA_SKILL_ID": SKILL_ID, "SPASM_COACH_TRUST_BUNDLE": str(root),
                               "SPASM_COACH_CERT_URL_MAP": mapping})
    assert post(app.test_client(), *signed(authority, launch())).status_code == 200
    with pytest.raises(ValueError, match="loopback"):
        create_app_from_env({"ALEXA_SKILL_ID": SKILL_ID, "SPASM_COACH_CERT_URL_MAP":
                             "https://s3.amazonaws.com/echo.api/=https://example.com/echo.api/"})
