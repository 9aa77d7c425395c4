"""Amazon's request checks, one by one: URL rules, chain, signature, timestamp, skill id."""
from __future__ import annotations

import base64
import datetime as dt
import http.server
import json
import threading
import time

import pytest

import webcerts
from spasm_coach_server.verification import (
    CertificateFetcher, RequestRefused, SignatureVerifier, SigningCertificates, SkillIdVerifier,
    TimestampVerifier, check_cert_chain_url, check_timestamp, load_trust_roots, parse_url_map,
    remove_dot_segments)

URL = webcerts.ALEXA_CHAIN_URL


@pytest.fixture(scope="module")
def authority():
    return webcerts.shared_authority()


def certificates(authority, chain=None, **kwargs):
    chain = chain if chain is not None else authority.chain_pem
    return SigningCertificates(trust_roots=authority.root_pem, fetcher=lambda url: chain, **kwargs)


# --- SignatureCertChainUrl rules (Amazon's own examples, plus the edges) ----------------

@pytest.mark.parametrize("url, normalized", [
    ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
     "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
    ("https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
     "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
    ("https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
     "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
    ("HTTPS://S3.AmazonAWS.COM/echo.api/./echo-api-cert.pem",
     "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
])
def test_valid_chain_urls(url, normalized):
    assert check_cert_chain_url(url) == normalized


@pytest.mark.parametrize("url", [
    "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",            # scheme
    "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://notamazon.com/echo.api/echo-api-cert.pem",              # host
    "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
    "https://evil.example/s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem",
    "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",           # letter case of the path
    "https://s3.amazonaws.com/ECHO.API/echo-api-cert.pem",
    "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",       # path
    "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api",
    "https://s3.amazonaws.com/echo.api/%2e%2e/x/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api%2fx",
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",       # port
    "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:99999/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:abc/echo.api/echo-api-cert.pem",
    "", "not a url", "https://s3.amazonaws.com/echo.api/a b.pem",
])
def test_broken_chain_urls_are_refused(url):
    with pytest.raises(RequestRefused) as refused:
        check_cert_chain_url(url)
    assert refused.value.check == "cert-url"


def test_remove_dot_segments_follows_rfc_3986():
    assert remove_dot_segments("/a/b/c/./../../g") == "/a/g"
    assert remove_dot_segments("mid/content=5/../6") == "mid/6"
    assert remove_dot_segments("/../echo.api/x") == "/echo.api/x"


# --- the chain --------------------------------------------------------------------------

def test_valid_chain_gives_the_signing_key(authority):
    key = certificates(authority).public_key(check_cert_chain_url(URL))
    assert key.public_numbers() == authority.signing_key.public_key().public_numbers()


@pytest.mark.parametrize("case, reason", [
    ("expired", "expired"),
    ("not_yet_valid", "not valid yet"),
    ("wrong_san", "not for echo-api.amazon.com"),
    ("no_san", "no subject alternative name"),
])
def test_broken_signing_certificates_are_refused(authority, case, reason):
    now = webcerts.utcnow()
    leaf = {
        "expired": lambda: authority.leaf(not_before=now - dt.timedelta(days=30),
                                          not_after=now - dt.timedelta(days=1)),
        "not_yet_valid": lambda: authority.leaf(not_before=now + dt.timedelta(days=1),
                                                not_after=now + dt.timedelta(days=30)),
        "wrong_san": lambda: authority.leaf(names=["echo-api.amazon.com.evil.example",
                                                   "www.amazon.com"]),
        "no_san": lambda: authority.leaf(names=[], common_name="echo-api.amazon.com"),
    }[case]()
    with pytest.raises(RequestRefused) as refused:
        certificates(authority, authority.chain_with(leaf)).public_key(URL)
    assert refused.value.check == "certificate"
    assert reason in refused.value.reason


def test_untrusted_chain_is_refused(authority):
    stranger = webcerts.make_authority("Somebody Else's Root")
    with pytest.raises(RequestRefused, match="trusted root"):
        certificates(authority, stranger.chain_pem).public_key(URL)


def test_chain_missing_its_intermediate_is_refused(authority):
    with pytest.raises(RequestRefused, match="trusted root"):
        certificates(authority, webcerts.pem(authority.signing)).public_key(URL)


def test_default_trust_is_public_roots_not_a_test_authority(authority):
    roots = load_trust_roots()
    assert len(roots) > 50
    chain = authority.chain_pem
    with pytest.raises(RequestRefused, match="trusted root"):
        SigningCertificates(fetcher=lambda url: chain).public_key(URL)


@pytest.mark.parametrize("chain", [b"", b"not pem", b"-----BEGIN CERTIFICATE-----\nxx\n"
                                   b"-----END CERTIFICATE-----\n"])
def test_garbage_chain_is_refused(authority, chain):
    with pytest.raises(RequestRefused):
        certificates(authority, chain).public_key(URL)


def test_chain_is_cached_until_it_expires(authority):
    now = [webcerts.utcnow()]
    fetched = []
    leaf = authority.leaf(not_after=now[0] + dt.timedelta(hours=1))
    chain = authority.chain_with(leaf)

    def fetch(url):
        fetched.append(url)
        return chain

    store = SigningCertificates(trust_roots=authority.root_pem, fetcher=fetch,
                                clock=lambda: now[0])
    for _ in range(5):
        store.public_key(URL)
    assert len(fetched) == 1
    now[0] += dt.timedelta(hours=2)  # past the leaf's expiry: fetched again, and refused
    with pytest.raises(RequestRefused, match="expired"):
        store.public_key(URL)
    assert len(fetched) == 2


def test_a_failed_chain_url_is_not_fetched_again_until_its_failure_expires(authority):
    clock = [0.0]
    calls = []

    def fetch(url):
        calls.append(url)
        return b"junk" if len(calls) == 1 else authority.chain_pem

    store = SigningCertificates(trust_roots=authority.root_pem, fetcher=fetch,
                                failure_ttl=300, monotonic=lambda: clock[0])
    for _ in range(5):
        with pytest.raises(RequestRefused):
            store.public_key(URL)
    assert len(calls) == 1
    clock[0] += 301
    store.public_key(URL)
    assert len(calls) == 2


def test_the_failure_cache_is_bounded(authority):
    store = SigningCertificates(trust_roots=authority.root_pem, fetcher=lambda url: b"junk",
                                failure_cache_size=4)
    for n in range(10):
        with pytest.raises(RequestRefused):
            store.public_key("https://s3.amazonaws.com/echo.api/%d.pem" % n)
    assert len(store._failed) == 4


def test_junk_cannot_evict_a_proven_chain_or_spend_a_download_budget(authority):
    """Unproven chains (fetched for junk signatures) only evict each other; the
    proven chain stays cached, and a new valid chain is still fetched after them."""
    fetched = []
    store = SigningCertificates(trust_roots=authority.root_pem, cache_size=4,
                                fetcher=lambda url: fetched.append(url) or authority.chain_pem)
    verifier = SignatureVerifier(store)
    body = b'{"request": 1}'
    verifier.verify_body(headers_for(authority, body, URL), body)  # proven
    for n in range(30):
        junk = headers_for(authority, body, "https://s3.amazonaws.com/echo.api/x.pem?n=%d" % n)
        junk["Signature-256"] = base64.b64encode(bytes(256)).decode()
        with pytest.raises(RequestRefused, match="does not match"):
            verifier.verify_body(junk, body)
    verifier.verify_body(headers_for(authority, body, URL), body)
    assert fetched.count(URL) == 1
    new_url = "https://s3.amazonaws.com/echo.api/new.pem"
    verifier.verify_body(headers_for(authority, body, new_url), body)
    assert fetched.count(new_url) == 1


def test_a_replayed_request_with_other_urls_for_the_same_chain_cannot_evict_it(authority):
    fetched = []
    store = SigningCertificates(trust_roots=authority.root_pem, cache_size=2,
                                fetcher=lambda url: fetched.append(url) or authority.chain_pem)
    verifier = SignatureVerifier(store)
    body = b'{"request": "captured"}'
    verifier.verify_body(headers_for(authority, body, URL), body)
    for n in range(10):  # the same signed body, the chain under other names
        verifier.verify_body(headers_for(authority, body, URL + "?n=%d" % n), body)
    verifier.verify_body(headers_for(authority, body, URL), body)
    assert fetched.count(URL) == 1


def test_signatures_of_no_rsa_size_are_refused_before_any_fetch(authority):
    fetched = []
    store = SigningCertificates(trust_roots=authority.root_pem,
                                fetcher=lambda url: fetched.append(url) or authority.chain_pem)
    body = b"{}"
    for length in (1, 100, 255, 257, 1024):
        headers = headers_for(authority, body, URL)
        headers["Signature-256"] = base64.b64encode(bytes(length)).decode()
        with pytest.raises(RequestRefused, match="length"):
            SignatureVerifier(store).verify_body(headers, body)
    assert fetched == []


def test_downloads_are_bounded_by_concurrency_not_by_a_count(authority):
    started, release = threading.Semaphore(0), threading.Event()

    def slow_fetch(url):
        started.release()
        release.wait(5)
        return authority.chain_pem

    store = SigningCertificates(trust_roots=authority.root_pem, fetcher=slow_fetch,
                                max_concurrent_fetches=1, fetch_wait=0.2)
    worker = threading.Thread(target=store.public_key, args=(URL,))
    worker.start()
    assert started.acquire(timeout=5)
    with pytest.raises(RequestRefused, match="at once"):
        store.public_key("https://s3.amazonaws.com/echo.api/other.pem")
    release.set()
    worker.join(5)
    for n in range(40):  # no count per minute: forty new URLs are all fetched
        store.public_key("https://s3.amazonaws.com/echo.api/%d.pem" % n)


# --- the fetcher: real HTTP on loopback ------------------------------------------------------

class SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path.endswith("/redirect.pem"):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere.pem")
            self.end_headers()
            return
        if self.path.endswith("/big.pem"):
            self.send_response(200)
            self.end_headers()  # no Content-Length: the size limit must hold while reading
            for _ in range(64):
                self.wfile.write(b"A" * 4096)
            return
        self.send_response(200)
        self.send_header("Content-Length", "500")
        self.end_headers()
        for _ in range(50):  # dribbles for far longer than the fetch timeout
            self.wfile.write(b"A" * 10)
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def odd_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d/echo.api/" % httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_fetcher_reads_a_chain_through_the_url_map(authority):
    with webcerts.CertServer({webcerts.ALEXA_CHAIN_PATH: authority.chain_pem}) as server:
        fetcher = CertificateFetcher(url_map=server.url_map())
        assert fetcher(check_cert_chain_url(URL)) == authority.chain_pem
        with pytest.raises(RequestRefused, match="HTTP 404"):
            fetcher("https://s3.amazonaws.com/echo.api/missing.pem")
        assert server.hits == {webcerts.ALEXA_CHAIN_PATH: 1, "/echo.api/missing.pem": 1}


def test_fetcher_size_limit(odd_server):
    fetcher = CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/": odd_server},
                                 max_bytes=64 * 1024)
    with pytest.raises(RequestRefused, match="larger than"):
        fetcher("https://s3.amazonaws.com/echo.api/big.pem")
    with pytest.raises(RequestRefused, match="larger than"):  # the declared length
        CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/": odd_server},
                           max_bytes=400)("https://s3.amazonaws.com/echo.api/slow.pem")


def test_fetcher_total_time_limit(odd_server):
    fetcher = CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/": odd_server},
                                 timeout=0.5)
    started = time.monotonic()
    with pytest.raises(RequestRefused, match="too long"):
        fetcher("https://s3.amazonaws.com/echo.api/slow.pem")
    assert time.monotonic() - started < 2.0


def test_fetcher_does_not_follow_redirects(odd_server):
    fetcher = CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/": odd_server})
    with pytest.raises(RequestRefused, match="HTTP 302"):
        fetcher("https://s3.amazonaws.com/echo.api/redirect.pem")


def test_fetcher_connection_refused_is_a_refusal():
    fetcher = CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/":
                                          "http://127.0.0.1:1/echo.api/"}, timeout=1)
    with pytest.raises(RequestRefused, match="could not fetch"):
        fetcher("https://s3.amazonaws.com/echo.api/x.pem")


@pytest.mark.parametrize("target", ["http://example.com/echo.api/", "file:///etc/",
                                    "http://10.0.0.1/echo.api/"])
def test_url_map_accepts_loopback_targets_only(target):
    with pytest.raises(ValueError, match="loopback"):
        CertificateFetcher(url_map={"https://s3.amazonaws.com/echo.api/": target})


def test_parse_url_map():
    assert parse_url_map("https://s3.amazonaws.com/echo.api/=http://127.0.0.1:9/echo.api/") == {
        "https://s3.amazonaws.com/echo.api/": "http://127.0.0.1:9/echo.api/"}
    with pytest.raises(ValueError):
        parse_url_map("nonsense")


# --- Signature-256 over the raw body ------------------------------------------------------------

def headers_for(authority, body, url=URL):
    return {"SignatureCertChainUrl": url, "Signature-256": authority.sign(body)}


def test_signature_over_raw_bytes(authority):
    verifier = SignatureVerifier(certificates(authority))
    body = json.dumps({"a": "café"}, ensure_ascii=False).encode("utf-8")
    verifier.verify_body(headers_for(authority, body), body)
    # The AbstractVerifier entry point takes the decoded text, as flask-ask-sdk passes it.
    verifier.verify(headers_for(authority, body), body.decode("utf-8"), None)
    # Lower-case header names, as some proxies forward them.
    verifier.verify_body({k.lower(): v for k, v in headers_for(authority, body).items()}, body)


@pytest.mark.parametrize("change", ["tampered", "missing", "empty", "not_base64", "truncated",
                                    "other_key", "missing_url"])
def test_bad_signatures_are_refused(authority, change):
    verifier = SignatureVerifier(certificates(authority))
    body = b'{"version":"1.0"}'
    headers = headers_for(authority, body)
    if change == "tampered":
        body = b'{"version":"1.1"}'
    elif change == "missing":
        del headers["Signature-256"]
    elif change == "empty":
        headers["Signature-256"] = ""
    elif change == "not_base64":
        headers["Signature-256"] = "***not base64***"
    elif change == "truncated":
        headers["Signature-256"] = headers["Signature-256"][:40]
    elif change == "other_key":
        headers["Signature-256"] = webcerts.sign_body(authority.root_key, body)
    elif change == "missing_url":
        del headers["SignatureCertChainUrl"]
    with pytest.raises(RequestRefused):
        verifier.verify_body(headers, body)


def test_url_rules_run_before_any_fetch(authority):
    fetched = []
    store = SigningCertificates(trust_roots=authority.root_pem,
                                fetcher=lambda url: fetched.append(url) or authority.chain_pem)
    verifier = SignatureVerifier(store)
    body = b"{}"
    with pytest.raises(RequestRefused, match="scheme"):
        verifier.verify_body(headers_for(authority, body,
                                         "http://s3.amazonaws.com/echo.api/x.pem"), body)
    assert fetched == []


# --- timestamp and skill id --------------------------------------------------------------------

NOW = dt.datetime(2026, 5, 1, 12, 0, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("offset, request_type, ok", [
    (0, "LaunchRequest", True),
    (-150, "LaunchRequest", True),
    (150, "IntentRequest", True),
    (-151, "LaunchRequest", False),     # stale
    (151, "IntentRequest", False),      # from the future
    (-3000, "AlexaSkillEvent.SkillEnabled", True),
    (-3601, "AlexaSkillEvent.SkillDisabled", False),
    (-3000, "IntentRequest", False),
])
def test_timestamp_window(offset, request_type, ok):
    stamp = NOW + dt.timedelta(seconds=offset)
    if ok:
        check_timestamp(stamp, request_type, NOW)
    else:
        with pytest.raises(RequestRefused):
            check_timestamp(stamp, request_type, NOW)


def test_timestamp_without_zone_is_read_as_utc():
    check_timestamp(NOW.replace(tzinfo=None), "LaunchRequest", NOW)
    with pytest.raises(RequestRefused):
        check_timestamp(None, "LaunchRequest", NOW)


def deserialize(envelope):
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope
    return DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)


def envelope_for(skill_id="amzn1.ask.skill.mine", session_id=None, timestamp="2026-05-01T12:00:00Z"):
    env = {"version": "1.0",
           "context": {"System": {"application": {"applicationId": skill_id}}},
           "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": timestamp}}
    if session_id:
        env["session"] = {"sessionId": "s", "application": {"applicationId": session_id}}
    return env


def test_timestamp_verifier_on_a_deserialized_envelope():
    TimestampVerifier(clock=lambda: NOW).verify({}, "", deserialize(envelope_for()))
    with pytest.raises(RequestRefused):
        TimestampVerifier(clock=lambda: NOW + dt.timedelta(minutes=5)).verify(
            {}, "", deserialize(envelope_for()))


def test_skill_id_verifier():
    verifier = SkillIdVerifier("amzn1.ask.skill.mine")
    verifier.verify({}, "", deserialize(envelope_for()))
    verifier.verify({}, "", deserialize(envelope_for(session_id="amzn1.ask.skill.mine")))
    for env in (envelope_for("amzn1.ask.skill.theirs"),
                envelope_for(session_id="amzn1.ask.skill.theirs"),
                {"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r",
                                               "timestamp": "2026-05-01T12:00:00Z"}}):
        with pytest.raises(RequestRefused) as refused:
            verifier.verify({}, "", deserialize(env))
        assert refused.value.check == "skill-id"
    with pytest.raises(ValueError):
        SkillIdVerifier("")
