"""scripts/package.py: the Lambda zip and the ASK CLI project, built for real into tmp folders."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from spasm_coach.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "package.py"


def load_script():
    spec = importlib.util.spec_from_file_location("package_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args, cwd=PROJECT_ROOT):
    return subprocess.run([sys.executable, str(SCRIPT)] + list(args), cwd=str(cwd),
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real build, dependencies from pip as `make package` does it."""
    out = tmp_path_factory.mktemp("build")
    result = run("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def names(zip_path):
    with zipfile.ZipFile(zip_path) as zf:
        return zf.namelist()


def test_zip_holds_code_and_runtime_dependencies_only(built):
    out, _ = built
    entries = names(out / "lambda.zip")
    tops = {name.split("/", 1)[0] for name in entries}
    for required in ("lambda_function.py", "spasm_coach", "ask_sdk_core", "ask_sdk_model",
                     "ask_sdk_runtime", "ask_sdk_dynamodb", "requests", "urllib3", "certifi",
                     "idna", "charset_normalizer", "dateutil", "six.py"):
        assert required in tops, required
    assert "spasm_coach/persistence/sqlite.py" in entries
    assert "spasm_coach/persistence/records.py" in entries
    assert any(n.startswith("spasm_coach/content/") for n in entries)
    for forbidden in ("boto3", "botocore", "s3transfer", "jmespath", "tests", "bin",
                      "moto", "flask", "flask_ask_sdk", "pytest", "requirements.txt"):
        assert forbidden not in tops, forbidden
    assert not any(n.startswith(("spasm_coach/simulator", "spasm_coach/web")) for n in entries)
    assert not any("__pycache__" in n or n.endswith((".pyc", ".pyo")) for n in entries)
    assert not any("/tests/" in n for n in entries)


def test_zip_is_reproducible_in_its_form(built):
    out, _ = built
    with zipfile.ZipFile(out / "lambda.zip") as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_same_inputs_give_the_same_bytes(tmp_path):
    package = load_script()
    source = tmp_path / "src"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "b.py").write_text("B = 2\n")
    (source / "a.py").write_text("A = 1\n")
    entries = {"pkg/b.py": source / "pkg" / "b.py", "a.py": source / "a.py"}
    package.write_zip(entries, tmp_path / "one.zip")
    os.utime(source / "a.py", (0, 0))  # a different mtime must not matter
    package.write_zip(dict(reversed(list(entries.items()))), tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_the_zip_alone_answers_a_launch_request(built, tmp_path):
    """Unzipped, with no site-packages at all (python -S), as on Lambda without a table."""
    out, _ = built
    with zipfile.ZipFile(out / "lambda.zip") as zf:
        zf.extractall(tmp_path / "task")
    event = {
        "version": "1.0",
        "session": {"new": True, "sessionId": "amzn1.echo-api.session.PKG",
                    "application": {"applicationId": "amzn1.ask.skill.PKG"},
                    "user": {"userId": "amzn1.ask.account.PKG"}},
        "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.PKG"},
                               "user": {"userId": "amzn1.ask.account.PKG"},
                               "apiEndpoint": "https://api.amazonalexa.com"}},
        "request": {"type": "LaunchRequest", "requestId": "amzn1.echo-api.request.PKG",
                    "timestamp": "2024-05-01T10:00:00Z", "locale": "en-US"},
    }
    code = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import lambda_function\n"
        "out = lambda_function.lambda_handler(json.loads(sys.argv[2]), None)\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules})\n"
        "print(json.dumps({'response': out, 'modules': loaded,\n"
        "                  'file': lambda_function.__file__}))\n")
    env = {"PATH": os.environ.get("PATH", ""), "AWS_LAMBDA_FUNCTION_NAME": "back-spasm-coach",
           "AWS_REGION": "us-east-1", "LANG": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-S", "-c", code, str(tmp_path / "task"),
                             json.dumps(event)], capture_output=True, text=True, env=env,
                            cwd=str(tmp_path), timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["file"].startswith(str(tmp_path / "task"))
    speech = report["response"]["response"]["outputSpeech"]["ssml"]
    assert speech.startswith("<speak>") and len(speech) > 40
    for absent in ("boto3", "botocore", "flask", "flask_ask_sdk", "moto"):
        assert absent not in report["modules"], absent


def test_ask_cli_project_layout(built):
    out, _ = built
    ask = out / "ask"
    resources = json.loads((ask / "ask-resources.json").read_text())
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    profile = resources["profiles"]["default"]
    assert profile["skillMetadata"] == {"src": "./skill-package"}
    assert profile["code"] == {"default": {"src": "./lambda"}}
    assert profile["skillInfrastructure"] == {
        "type": "@ask-cli/lambda-deployer",
        "userConfig": {"runtime": "python3.11", "handler": "lambda_function.lambda_handler"}}

    assert (ask / "skill-package" / "skill.json").read_bytes() == \
        (PROJECT_ROOT / "skill.json").read_bytes()
    models = sorted((PROJECT_ROOT / "interaction_model").glob("*.json"))
    assert models
    for model in models:
        copied = ask / "skill-package" / "interactionModels" / "custom" / model.name
        assert copied.read_bytes() == model.read_bytes()

    code = ask / "lambda"
    assert (code / "lambda_function.py").is_file()
    assert (code / "spasm_coach" / "persistence" / "__init__.py").is_file()
    assert not (code / "spasm_coach" / "web").exists()
    assert not (code / "spasm_coach" / "simulator").exists()
    requirements = (code / "requirements.txt").read_text().splitlines()
    assert "ask-sdk-core==1.19.0" in requirements
    assert not any(line.split("==")[0] in ("boto3", "botocore") for line in requirements)


def test_sizes_are_printed(built):
    out, stdout = built
    assert str(out / "lambda.zip") in stdout
    assert "dependencies:" in stdout and "ASK SDK" in stdout and "zipped" in stdout
    assert (out / "lambda.zip").stat().st_size < 10 * 1024 * 1024


def test_dependencies_from_this_environment_match_pip(built, tmp_path):
    """--deps env (offline) bundles the same packages, file for file, as --deps pip."""
    out, _ = built
    result = run("--out", str(tmp_path), "--deps", "env")
    assert result.returncode == 0, result.stderr

    def package_files(path):
        with zipfile.ZipFile(path) as zf:
            return {n: zf.read(n) for n in zf.namelist()
                    if ".dist-info/" not in n and not n.startswith("spasm_coach/")}

    from_pip, from_env = package_files(out / "lambda.zip"), package_files(tmp_path / "lambda.zip")
    assert from_pip.keys() == from_env.keys()
    assert from_pip == from_env


def test_missing_manifest_fails_before_building(tmp_path):
    root = tmp_path / "project"
    (root / "lambda").mkdir(parents=True)
    (root / "lambda" / "lambda_function.py").write_text("def lambda_handler(e, c):\n    return {}\n")
    (root / "lambda" / "requirements.txt").write_text("six==1.17.0\n")
    (root / "interaction_model").mkdir()
    (root / "interaction_model" / "en-US.json").write_text("{}")
    result = run("--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "skill.json" in result.stderr
    assert not (tmp_path / "out" / "lambda.zip").exists()


def test_runtime_requirements_leave_out_what_lambda_provides(tmp_path):
    package = load_script()
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# comment\nask-sdk-core==1.19.0\nboto3\nBotocore==1.0\n"
                            "s3transfer>=0.1  # inline\njmespath\nsix==1.17.0\n")
    assert package.runtime_requirements(requirements) == ["ask-sdk-core==1.19.0", "six==1.17.0"]
