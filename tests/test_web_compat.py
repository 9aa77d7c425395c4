"""flask-ask-sdk imports on this machine's OpenSSL, each time in a fresh interpreter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_fresh(code: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lambda"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_plain_import_state_is_what_compat_acts_on():
    # Without the fix, the import either works (nothing to do) or fails with
    # oscrypto's version error (the case the stand-in exists for); nothing else.
    result = run_fresh(
        "import json\n"
        "try:\n"
        "    import flask_ask_sdk.skill_adapter\n"
        "    print(json.dumps({'error': None}))\n"
        "except Exception as e:\n"
        "    print(json.dumps({'error': type(e).__name__, 'module': type(e).__module__}))\n")
    assert result["error"] in (None, "LibraryNotFoundError")
    if result["error"]:
        assert result["module"].startswith("oscrypto")


def test_compat_makes_skill_adapter_importable_and_fails_closed():
    result = run_fresh(
        "import json, sys\n"
        "from spasm_coach_server import compat\n"
        "needed = compat.ensure_flask_ask_sdk_importable()\n"
        "again = compat.ensure_flask_ask_sdk_importable()\n"
        "from flask_ask_sdk.skill_adapter import SkillAdapter\n"
        "from ask_sdk_webservice_support.verifier import RequestVerifier, VerificationException\n"
        "import certvalidator, certvalidator.errors\n"
        "refused = None\n"
        "try:\n"
        "    certvalidator.CertificateValidator(b'x', [])\n"
        "except certvalidator.errors.ValidationError:\n"
        "    refused = True\n"
        "print(json.dumps({'needed': needed, 'again': again, 'stand_in':"
        " compat.certvalidator_is_stand_in(), 'refused': refused,"
        " 'errors_file': certvalidator.errors.__file__}))\n")
    assert result["needed"] == result["again"] == result["stand_in"]
    if result["needed"]:
        # The stand-in refuses every certificate, and certvalidator.errors is the real module.
        assert result["refused"] is True
        assert result["errors_file"].endswith(os.path.join("certvalidator", "errors.py"))


def test_sdk_request_verifier_refuses_under_the_stand_in():
    # Anyone still wiring the SDK's own RequestVerifier gets refusals, never acceptance.
    result = run_fresh(
        "import json\n"
        "from spasm_coach_server import compat\n"
        "needed = compat.ensure_flask_ask_sdk_importable()\n"
        "from ask_sdk_webservice_support.verifier import RequestVerifier, VerificationException\n"
        "import sys; sys.path.insert(0, %r)\n"
        "import webcerts\n"
        "a = webcerts.make_authority()\n"
        "outcome = 'accepted'\n"
        "try:\n"
        "    RequestVerifier()._validate_cert_chain(a.chain_pem)\n"
        "except VerificationException:\n"
        "    outcome = 'refused'\n"
        "print(json.dumps({'needed': needed, 'outcome': outcome}))\n" % str(ROOT / "tests"))
    # A test authority is never trusted: refused with or without the stand-in.
    assert result["outcome"] == "refused"


def test_web_app_imports_in_a_fresh_interpreter():
    result = run_fresh(
        "import json\n"
        "from spasm_coach_server.app import create_app, create_app_from_env\n"
        "from spasm_coach_server.cli import main\n"
        "app = create_app(verify=False)\n"
        "client = app.test_client()\n"
        "print(json.dumps({'health': client.get('/healthz').status_code,"
        " 'rules': sorted(r.rule for r in app.url_map.iter_rules())}))\n")
    assert result["health"] == 200
    assert "/" in result["rules"] and "/healthz" in result["rules"]
