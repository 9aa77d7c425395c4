"""The skill as an HTTPS web service: flask-ask-sdk's SkillAdapter, verified and hardened.

Routes: POST / (Alexa request envelopes), GET /healthz (load balancers).
Production: gunicorn 'spasm_coach_server.app:create_app_from_env()' with ALEXA_SKILL_ID set.
"""
from __future__ import annotations

import json
import logging
import os
import time
from typing import Any, Dict, List, Mapping, Optional

from spasm_coach_server.compat import ensure_flask_ask_sdk_importable

ensure_flask_ask_sdk_importable()

from ask_sdk_core.exceptions import SerializationException  # noqa: E402
from ask_sdk_core.skill import CustomSkill  # noqa: E402
from ask_sdk_runtime.exceptions import AskSdkException  # noqa: E402
from ask_sdk_webservice_support.verifier import AbstractVerifier, VerificationException  # noqa: E402
from ask_sdk_webservice_support.webservice_handler import WebserviceSkillHandler  # noqa: E402
from flask import Flask, Response, current_app, g, jsonify, request  # noqa: E402
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG, VERIFY_TIMESTAMP_APP_CONFIG, SkillAdapter)
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge  # noqa: E402

from spasm_coach.limits import fit_limits  # noqa: E402
from spasm_coach.unreadable import advice_response  # noqa: E402
from spasm_coach_server.verification import (  # noqa: E402
    CertificateFetcher, Clock, Fetcher, RequestRefused, SignatureVerifier, TrustRoots,
    build_verifiers, parse_url_map, utc_now)

log = logging.getLogger("spasm_coach_server")

# Alexa's requests are a few kilobytes; screens and long sessions add some. Anything
# near this limit is not from Alexa.
DEFAULT_MAX_BODY_BYTES = 128 * 1024
# Seconds a client may take for each read of its body (the whole body, from Alexa).
BODY_TIMEOUT = 3.0

SKILL_ID_ENV = "ALEXA_SKILL_ID"
# Test and load-run hooks: trust this PEM bundle instead of certifi's roots, and
# fetch Amazon's certificate folder from a loopback server (URL rules still apply).
TRUST_BUNDLE_ENV = "SPASM_COACH_TRUST_BUNDLE"
CERT_URL_MAP_ENV = "SPASM_COACH_CERT_URL_MAP"

MISSING_SKILL_ID = (
    "Request verification is on, but no skill id is configured. Set %s (or pass "
    "--skill-id) to your skill's id, amzn1.ask.skill.…, from the Alexa developer "
    "console. For local tools only, serve on loopback with --no-verify." % SKILL_ID_ENV)


class ConfigurationError(ValueError):
    """The endpoint cannot start as configured; the message says what to change."""


class EnvelopeError(Exception):
    """The body is not a JSON Alexa request envelope."""


def parse_envelope(body: bytes) -> Dict[str, Any]:
    """Check the outline of a request envelope; the SDK deserializes the rest."""
    try:
        envelope = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EnvelopeError("body is not JSON") from None
    if not isinstance(envelope, dict):
        raise EnvelopeError("envelope is not a JSON object")
    req = envelope.get("request")
    if not isinstance(envelope.get("version"), str) or not isinstance(req, dict):
        raise EnvelopeError("envelope needs version and request")
    for name in ("type", "requestId", "timestamp"):
        if not isinstance(req.get(name), str) or not req.get(name):
            raise EnvelopeError("request needs %s" % name)
    for name in ("session", "context"):
        if name in envelope and not isinstance(envelope[name], dict):
            raise EnvelopeError("%s is not an object" % name)
    # Alexa always sends context.System; the SDK reads it for every request.
    if not isinstance((envelope.get("context") or {}).get("System"), dict):
        raise EnvelopeError("envelope needs context.System")
    return envelope


def _refuse_constant(name: str) -> Any:
    raise ValueError("non-standard JSON constant")


class SkillEndpoint(SkillAdapter):
    """flask-ask-sdk's SkillAdapter with a dispatch that is safe to face the internet.

    As released, SkillAdapter.dispatch_request deserializes the body before any
    verifier runs, and answers SDK errors (an envelope the SDK cannot read, a
    body that is not UTF-8) with HTTP 500. This replaces that one method:
    the signature is checked over the raw bytes first, the envelope's outline
    next, and only then does the SDK's WebserviceSkillHandler deserialize,
    run the envelope verifiers (timestamp, skill id) and invoke the skill. Every
    refusal becomes a 4xx. init_app only switches off the SDK's two built-in
    verifiers before calling flask-ask-sdk's own; registration, configuration
    and the handler stay flask-ask-sdk's.
    """

    def __init__(self, skill: CustomSkill, skill_id: Optional[str],
                 signature_verifier: Optional[SignatureVerifier] = None,
                 verifiers: Optional[List[AbstractVerifier]] = None,
                 app: Optional[Flask] = None):
        self._signature_verifier = signature_verifier
        self._verified_skill_id = skill_id if signature_verifier is not None else None
        super().__init__(skill=skill, skill_id=skill_id or "unverified",
                         verifiers=verifiers or [], app=app)
        # The handler that verifies and dispatches, made as SkillAdapter makes its own
        # (which it keeps private), with the SDK's two verifiers off (see init_app).
        self._handler = WebserviceSkillHandler(skill=skill, verify_signature=False,
                                               verify_timestamp=False, verifiers=verifiers or [])

    def init_app(self, app: Flask) -> None:
        # The SDK's own RequestVerifier needs certvalidator (unusable on this
        # OpenSSL) and its TimestampVerifier fails on a timestamp without a zone:
        # both are replaced by spasm_coach_server.verification.
        app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
        app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
        super().init_app(app)

    def dispatch_request(self) -> Response:
        body = _read_body()
        if self._signature_verifier is not None:
            self._signature_verifier.verify_body(request.headers, body)
        envelope = parse_envelope(body)
        g.alexa_request_id = envelope["request"]["requestId"]
        try:
            response = self._handler.verify_request_and_dispatch(
                http_request_headers=request.headers,
                http_request_body=body.decode("utf-8"))
        except VerificationException:
            raise
        except RecursionError:
            # JSON nested a few hundred deep parses, then overflows the SDK's copy of
            # it. Alexa's envelopes nest about eight deep.
            raise EnvelopeError("envelope nested too deep") from None
        except SerializationException:
            # The outline passed, but a field has a type the SDK cannot read. The
            # person's words may be intact: a red flag still gets its advice.
            advice = self._advice_for_unreadable(envelope)
            if advice is not None:
                return jsonify(advice)
            raise EnvelopeError("envelope fields are not valid") from None
        except AskSdkException as error:
            log.error("skill dispatch failed request_id=%s error=%s",
                      g.alexa_request_id, type(error).__name__)
            return _error(500, "internal error")
        return jsonify(fit_limits(response))


    def _advice_for_unreadable(self, envelope: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The advice for a verified request the SDK cannot read, when its words are a
        red flag. The signature has been checked (the body is Amazon's); the skill id is
        checked here, as SkillIdVerifier would. The timestamp may be the field that
        could not be read: advice is safe to give to a replayed request (it changes
        nothing and reads nothing)."""
        if self._verified_skill_id is not None:
            system = envelope["context"]["System"]
            application = system.get("application") if isinstance(system, dict) else None
            if not isinstance(application, dict) or \
                    application.get("applicationId") != self._verified_skill_id:
                return None
        return advice_response(envelope)


def _read_body() -> bytes:
    """The raw body, read within its limits. Content-Length over MAX_CONTENT_LENGTH is
    a 413 from werkzeug; a body without Content-Length (chunked) is cut at the limit
    without an error, so reaching the limit counts as going over it. A client that
    stalls mid-body meets the socket timeout; a malformed chunked body is an error
    from the server's parser: both are the client's fault, a 400, not a 500."""
    sock = request.environ.get("gunicorn.socket")
    timed = sock is not None and hasattr(sock, "settimeout")
    if timed:
        before = sock.gettimeout()
        sock.settimeout(BODY_TIMEOUT)
    try:
        body = request.get_data(cache=True)
    except HTTPException:
        raise
    except Exception as error:  # gunicorn's parser errors, socket timeouts, resets
        log.warning("refused check=body reason=%s", type(error).__name__)
        raise BadRequest("the body could not be read") from None
    finally:
        if timed:
            # Kept alive, the connection waits for its next request under gunicorn's
            # own keep-alive timeout, not this one.
            sock.settimeout(before)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and len(body) >= limit:
        raise RequestEntityTooLarge()
    return body


def _error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _request_id() -> str:
    return getattr(g, "alexa_request_id", None) or "-"


def create_app(skill: Optional[CustomSkill] = None, skill_id: Optional[str] = None,
               verify: bool = True, *, trust_roots: TrustRoots = None,
               cert_fetcher: Optional[Fetcher] = None,
               cert_url_map: Optional[Mapping[str, str]] = None,
               clock: Clock = utc_now,
               max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> Flask:
    """The Flask app serving `skill` (default: spasm_coach.skill.build_skill()).

    verify=True (the default) needs `skill_id` and checks every request as
    Amazon requires. `trust_roots` (certificates, PEM bytes or a PEM file;
    default certifi's roots), `cert_fetcher` (url -> PEM bytes) and
    `cert_url_map` (prefix -> loopback prefix, for the default fetcher) exist so
    tests can stand in for Amazon's authority without weakening the URL rules.
    verify=False is for local tools; the caller keeps such a server on loopback.
    """
    if verify and not skill_id:
        raise ConfigurationError(MISSING_SKILL_ID)
    if skill is None:
        from spasm_coach.skill import build_skill
        skill = build_skill()

    app = Flask("spasm_coach_server")
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes

    signature_verifier = None
    envelope_verifiers: List[AbstractVerifier] = []
    if verify:
        fetcher = cert_fetcher or CertificateFetcher(url_map=cert_url_map)
        signature_verifier, envelope_verifiers = build_verifiers(
            skill_id, trust_roots=trust_roots, fetcher=fetcher, clock=clock)
    endpoint = SkillEndpoint(skill, skill_id, signature_verifier, envelope_verifiers, app=app)

    app.add_url_rule("/", "skill", endpoint.dispatch_request, methods=["POST"],
                     provide_automatic_options=False)

    def healthz() -> Response:
        return jsonify({"status": "ok"})

    app.add_url_rule("/healthz", "healthz", healthz, methods=["GET"],
                     provide_automatic_options=False)

    @app.before_request
    def start_clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        # The request id and the outcome only: never the body, never what was said.
        if request.path != "/healthz":
            elapsed = (time.perf_counter() - getattr(g, "started", time.perf_counter())) * 1000
            log.info("%s %s %d request_id=%s %.1fms", request.method, request.path,
                     response.status_code, _request_id(), elapsed)
        return response

    @app.errorhandler(VerificationException)
    def refused(error: VerificationException) -> Response:
        reason = error.reason if isinstance(error, RequestRefused) else type(error).__name__
        check = error.check if isinstance(error, RequestRefused) else "sdk"
        log.warning("refused check=%s reason=%s request_id=%s", check, reason, _request_id())
        return _error(400, "request failed verification")

    @app.errorhandler(EnvelopeError)
    def bad_envelope(error: EnvelopeError) -> Response:
        log.warning("refused check=envelope reason=%s request_id=%s", error, _request_id())
        return _error(400, "invalid request: %s" % error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        response = _error(error.code or 500, (error.name or "error").lower())
        if error.code == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        # The traceback goes to the server log; the client learns nothing more.
        log.error("unexpected error request_id=%s", _request_id(), exc_info=True)
        return _error(500, "internal error")

    return app


def env_options(environ: Mapping[str, str] = os.environ) -> Dict[str, Any]:
    """create_app keyword arguments from the test hooks in the environment."""
    options: Dict[str, Any] = {}
    if environ.get(TRUST_BUNDLE_ENV):
        options["trust_roots"] = environ[TRUST_BUNDLE_ENV]
    if environ.get(CERT_URL_MAP_ENV):
        options["cert_url_map"] = parse_url_map(environ[CERT_URL_MAP_ENV])
    return options


def create_app_from_env(environ: Mapping[str, str] = os.environ) -> Flask:
    """The verified app for gunicorn: the skill id comes from ALEXA_SKILL_ID."""
    from spasm_coach import log_privacy
    log_privacy.configure(None, environ)  # gunicorn sets up the handlers and levels
    return create_app(skill_id=environ.get(SKILL_ID_ENV) or None, verify=True,
                      **env_options(environ))
