"""scripts/package.py: the Lambda zip and the ASK CLI project, built for real into tmp folders."""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import shutil

import pytest
from PIL import Image

from spasm_coach.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "package.py"


def load_script():
    spec = importlib.util.spec_from_file_location("package_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


# Release values as a developer would give them (`make package PRIVACY_URL=… TERMS_URL=…`).
PRIVACY = "https://www.backspasmcoach.org/privacy"
TERMS = "https://www.backspasmcoach.org/terms"
RELEASE = ("--privacy-url", PRIVACY, "--terms-url", TERMS)
SAM_ARN = "arn:aws:lambda:eu-west-1:210987654321:function:back-spasm-coach-SkillFunction-AbC123"


def run(*args, cwd=PROJECT_ROOT):
    return subprocess.run([sys.executable, str(SCRIPT)] + list(args), cwd=str(cwd),
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real release build, dependencies from pip as `make package` does it."""
    out = tmp_path_factory.mktemp("build")
    result = run("--out", str(out), *RELEASE)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def names(zip_path):
    with zipfile.ZipFile(zip_path) as zf:
        return zf.namelist()


# What runs only beside the skill, never in what is deployed: the simulator and the
# spasm-coach command (tools/), the self-hosted server (server/), and the scripts.
LOCAL_ONLY_PACKAGES = ("spasm_coach_tools", "spasm_coach_server")
LOCAL_ONLY_DIRS = ("tools", "server", "scripts", "tests")
# Libraries only the self-hosted server uses.
SERVER_LIBRARIES = ("flask", "flask_ask_sdk", "ask_sdk_webservice_support", "gunicorn",
                    "gevent", "werkzeug")


def local_only_sources():
    """sha256 -> repository path of every non-empty file of tools/, server/ and scripts/."""
    found = {}
    for top in ("tools", "server", "scripts"):
        for path in sorted((PROJECT_ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.stat().st_size:
                found[hashlib.sha256(path.read_bytes()).hexdigest()] = \
                    path.relative_to(PROJECT_ROOT).as_posix()
    return found


def imported_modules(source):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def local_only_parts(files):
    """What of {deployed name: bytes} belongs to the simulator, the tools or the server:
    by name, by content (a copy under any name), or by importing them."""
    sources = local_only_sources()
    found = []
    for name, data in sorted(files.items()):
        parts = name.split("/")
        digest = hashlib.sha256(data).hexdigest()
        if (parts[0] in LOCAL_ONLY_PACKAGES + LOCAL_ONLY_DIRS
                or (parts[0] == "spasm_coach"
                    and any(part in ("simulator", "web", "server", "tools") for part in parts[:-1]))
                or name == "spasm_coach/cli.py"):
            found.append("%s: local-only by its name" % name)
        elif data and digest in sources:
            found.append("%s: a copy of %s" % (name, sources[digest]))
        elif name.endswith(".py") and (parts[0] in ("spasm_coach", "lambda_function.py")):
            used = set(imported_modules(data)) & set(LOCAL_ONLY_PACKAGES + SERVER_LIBRARIES)
            if used:
                found.append("%s: imports %s" % (name, ", ".join(sorted(used))))
    return found


def zip_files(zip_path):
    with zipfile.ZipFile(zip_path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def folder_files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


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
    assert local_only_parts(zip_files(out / "lambda.zip")) == []
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
    for absent in ("boto3", "botocore", "moto") + LOCAL_ONLY_PACKAGES + SERVER_LIBRARIES:
        assert absent not in report["modules"], absent
    # Only the local store opens SQLite, and only a failed store call's log line hashes:
    # neither is imported on the way to a first answer (each costs milliseconds of cold start).
    for absent in ("sqlite3", "_sqlite3", "hashlib", "_hashlib"):
        assert absent not in report["modules"], absent


def test_ask_cli_project_layout(built):
    out, _ = built
    ask = out / "ask"
    resources = json.loads((ask / "ask-resources.json").read_text())
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    profile = resources["profiles"]["default"]
    assert profile["skillMetadata"] == {"src": "./skill-package"}
    assert profile["code"] == {"default": {"src": "./lambda"}}
    assert profile["skillInfrastructure"]["type"] == "@ask-cli/lambda-deployer"

    code = ask / "lambda"
    assert (code / "lambda_function.py").is_file()
    assert (code / "spasm_coach" / "persistence" / "__init__.py").is_file()
    assert local_only_parts(folder_files(code)) == []
    requirements = (code / "requirements.txt").read_text().splitlines()
    assert "ask-sdk-core==1.19.0" in requirements
    assert not any(line.split("==")[0] in ("boto3", "botocore") for line in requirements)


def test_ask_cli_lambda_settings(built):
    """What the CLI's Lambda deployer reads: runtime and handler from userConfig; timeout,
    memorySize and environmentVariables from userConfig.lambda; skillEvents to point the
    events at the function (lib/builtins/deploy-delegates/lambda-deployer/helper.js,
    lib/controllers/skill-infrastructure-controller/index.js)."""
    out, _ = built
    resources = json.loads((out / "ask" / "ask-resources.json").read_text())
    config = resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]
    assert config["runtime"] == "python3.11"
    assert config["handler"] == "lambda_function.lambda_handler"
    assert 3 <= config["lambda"]["timeout"] <= 8  # Alexa waits about 8 s; the CLI's default is 15
    assert config["lambda"]["memorySize"] >= 256
    environment = config["lambda"]["environmentVariables"]
    assert environment == {"DYNAMODB_PERSISTENCE_TABLE_NAME": "back-spasm-coach-users",
                           "SPASM_COACH_TABLE_TTL": "true", "LOG_LEVEL": "WARNING"}
    from spasm_coach.config import Settings
    settings = Settings.from_env(dict(environment, AWS_LAMBDA_FUNCTION_NAME="f"))
    assert (settings.store, settings.dynamodb_table, settings.log_level) == (
        "dynamodb", "back-spasm-coach-users", "WARNING")
    source = json.loads((PROJECT_ROOT / "skill.json").read_text())["manifest"]
    assert config["skillEvents"] == {
        "subscriptions": [e["eventName"] for e in source["events"]["subscriptions"]]}
    policy = json.loads((out / "ask" / "table-policy.json").read_text())
    assert policy["Statement"] == [{
        "Effect": "Allow",
        "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        "Resource": "arn:aws:dynamodb:*:*:table/back-spasm-coach-users"}]


def test_uploaded_manifest_has_no_endpoint_and_the_release_addresses(built):
    """ask deploy uploads the skill package before the function exists (alexa/ask-cli#365)."""
    out, _ = built
    source = json.loads((PROJECT_ROOT / "skill.json").read_text())
    for folder in ("ask", "hosted", "sam"):
        manifest = json.loads((out / folder / "skill-package" / "skill.json").read_text())
        body = manifest["manifest"]
        assert "endpoint" not in body["apis"]["custom"], folder
        assert body["apis"]["custom"]["interfaces"] == source["manifest"]["apis"]["custom"][
            "interfaces"]  # the CLI finds the "custom" domain here to set the endpoint
        assert "events" not in body, folder
        privacy = body["privacyAndCompliance"]["locales"]["en-US"]
        assert (privacy["privacyPolicyUrl"], privacy["termsOfUseUrl"]) == (PRIVACY, TERMS)
        assert "example.com" not in json.dumps(manifest) and "123456789012" not in json.dumps(
            manifest)
        # Everything else is skill.json as written.
        body.pop("privacyAndCompliance")
        expected = json.loads(json.dumps(source["manifest"]))
        expected.pop("privacyAndCompliance"), expected.pop("events")
        expected["apis"]["custom"].pop("endpoint")
        assert body == expected


def ask_cli_upload(package):
    """The names the ASK CLI zips from a skill package (lib/utils/zip-utils.js createTempZip:
    every file under skillMetadata.src)."""
    return sorted(p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", ["ask", "sam", "hosted"])
def test_what_the_ask_cli_uploads_follows_the_skill_package_layout(built, folder):
    out, _ = built
    package = out / folder / "skill-package"
    models = sorted(m.name for m in (PROJECT_ROOT / "interaction_model").glob("*.json"))
    manifest = json.loads((package / "skill.json").read_text())
    icons = []
    for locale, info in manifest["manifest"]["publishingInformation"]["locales"].items():
        for key, size in (("smallIconUri", 108), ("largeIconUri", 512)):
            # The CLI uploads the whole package when an icon is file://… (Manifest.hasIconFileUri)
            assert info[key] == "file://assets/images/%s_%s.png" % (locale, key)
            icons.append(info[key][len("file://"):])
            with Image.open(package / icons[-1]) as image:
                assert (image.format, image.size) == ("PNG", (size, size))
    assert ask_cli_upload(package) == sorted(
        ["skill.json"] + ["interactionModels/custom/" + m for m in models] + icons)
    for model in models:
        assert (package / "interactionModels" / "custom" / model).read_bytes() == \
            (PROJECT_ROOT / "interaction_model" / model).read_bytes()


def test_build_hook_hands_the_cli_the_zip_make_package_built(built, tmp_path):
    """As the CLI's custom build flow runs it (lib/builtins/build-flows/custom.js): the
    project folder's hooks/build.sh <OUT_FILE> <DO_DEBUG>, in the CLI's copy of lambda/."""
    out, _ = built
    ask = tmp_path / "ask"
    shutil.copytree(out / "ask", ask)  # deploys as it is, wherever it is copied
    hook = ask / "hooks" / "build.sh"
    assert os.access(hook, os.X_OK)
    mirror = ask / ".ask" / "lambda"
    shutil.copytree(ask / "lambda", mirror)
    result = subprocess.run('%s "%s" false' % (hook, mirror / "build.zip"), shell=True,
                            cwd=str(mirror), capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert (mirror / "build.zip").read_bytes() == (out / "lambda.zip").read_bytes()
    (ask / "lambda.zip").unlink()
    result = subprocess.run([str(hook), str(mirror / "again.zip"), "false"], cwd=str(mirror),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "make package" in result.stderr
    assert "lambda.zip" in (ask / "hooks" / "build.ps1").read_text()


def test_hosted_folder_holds_only_what_the_hosted_lambda_needs(built):
    out, _ = built
    hosted = out / "hosted"
    assert sorted(p.name for p in hosted.iterdir()) == ["lambda", "skill-package"]
    code = hosted / "lambda"
    names = sorted(p.relative_to(code).as_posix() for p in code.rglob("*") if p.is_file())
    assert "lambda_function.py" in names and "requirements.txt" in names
    assert not any("__pycache__" in n for n in names)
    assert local_only_parts(folder_files(code)) == []
    with zipfile.ZipFile(out / "lambda.zip") as zf:
        ours = {n for n in zf.namelist() if n.startswith("spasm_coach/")} | {"lambda_function.py"}
    assert set(names) - {"requirements.txt"} == ours
    # The hosted build installs it with its own Python: the markers stay.
    assert (code / "requirements.txt").read_bytes() == \
        (PROJECT_ROOT / "lambda" / "requirements.txt").read_bytes()


def test_the_check_finds_the_simulator_the_tools_and_the_server_in_a_build(tmp_path):
    """Planted in a copy of lambda/, under their old names or disguised, each is found."""
    package = load_script()
    source = tmp_path / "lambda"
    shutil.copytree(PROJECT_ROOT / "lambda", source,
                    ignore=shutil.ignore_patterns("__pycache__"))
    clean = {name: path.read_bytes() for name, path in package.code_files(source).items()}
    assert local_only_parts(clean) == []
    simulator = PROJECT_ROOT / "tools" / "spasm_coach_tools" / "simulator"
    shutil.copytree(simulator, source / "spasm_coach" / "simulator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(PROJECT_ROOT / "server" / "spasm_coach_server" / "verification.py",
                    source / "spasm_coach" / "checks.py")
    shutil.copyfile(PROJECT_ROOT / "tools" / "spasm_coach_tools" / "cli.py",
                    source / "spasm_coach" / "cli.py")
    (source / "spasm_coach" / "serve.py").write_text(
        "from flask_ask_sdk.skill_adapter import SkillAdapter\n")
    (source / "spasm_coach" / "chat.py").write_text("import spasm_coach_tools.simulator\n")
    planted = {name: path.read_bytes() for name, path in package.code_files(source).items()}
    found = "\n".join(local_only_parts(planted))
    for name in ("spasm_coach/simulator/nlu.py", "spasm_coach/checks.py", "spasm_coach/cli.py",
                 "spasm_coach/serve.py", "spasm_coach/chat.py"):
        assert name + ":" in found, name


def test_sizes_are_printed(built):
    out, stdout = built
    assert str(out / "lambda.zip") in stdout
    assert "dependencies:" in stdout and "ASK SDK" in stdout and "zipped" in stdout
    assert (out / "lambda.zip").stat().st_size < 10 * 1024 * 1024


def test_dependencies_from_this_environment_match_pip(built, tmp_path):
    """--deps env (offline) bundles the same packages, file for file, as --deps pip."""
    out, _ = built
    result = run("--out", str(tmp_path), "--deps", "env", *RELEASE)
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


@pytest.mark.parametrize("section", ["publishingInformation", "privacyAndCompliance"])
def test_a_locale_without_a_model_or_a_model_without_a_locale_fails_before_building(tmp_path, section):
    root = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "interaction_model", root / "interaction_model")
    (root / "lambda").mkdir()
    manifest = json.loads((PROJECT_ROOT / "skill.json").read_text())
    (root / "skill.json").write_text(json.dumps(manifest))
    package = load_script()
    assert [m.stem for m in package.ask_inputs(root)[1]] == sorted(
        manifest["manifest"]["publishingInformation"]["locales"])
    (root / "interaction_model" / "en-NZ.json").write_text("{}")
    with pytest.raises(package.PackageError, match="en-NZ"):
        package.ask_inputs(root)
    (root / "interaction_model" / "en-NZ.json").unlink()
    locales = manifest["manifest"][section]["locales"]
    locales["en-NZ"] = locales.pop(sorted(locales)[-1])
    (root / "skill.json").write_text(json.dumps(manifest))
    with pytest.raises(package.PackageError, match="%s has the locales .*en-NZ" % section):
        package.ask_inputs(root)


def test_runtime_requirements_leave_out_what_lambda_provides(tmp_path):
    package = load_script()
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# comment\nask-sdk-core==1.19.0\nboto3\nBotocore==1.0\n"
                            "s3transfer>=0.1  # inline\njmespath\nsix==1.17.0\n")
    assert package.runtime_requirements(requirements) == ["ask-sdk-core==1.19.0", "six==1.17.0"]


def test_markers_are_evaluated_for_the_target_python(tmp_path):
    """pip itself evaluates markers with the Python running it, even with --python-version."""
    package = load_script()
    lines = ['requests==2.34.2; python_version >= "3.10"', 'requests==2.32.4; python_version < "3.9"',
             "six==1.17.0", 'idna==3.15; python_version < "3.9"']
    assert package.for_python(lines, "3.8") == ["requests==2.32.4", "six==1.17.0", "idna==3.15"]
    assert package.for_python(lines, "3.9") == ["six==1.17.0"]
    assert package.for_python(lines, "3.11") == ["requests==2.34.2", "six==1.17.0"]



# --- release or development ------------------------------------------------------------

def test_a_release_build_refuses_placeholders_and_says_how_to_set_them(tmp_path):
    result = run("--out", str(tmp_path / "out"), "--deps", "env")
    assert result.returncode == 1
    message = result.stderr
    for placeholder in ("privacyPolicyUrl = https://example.com/", "termsOfUseUrl = https://example.com/"):
        assert placeholder in message
    for how in ("make package PRIVACY_URL=https://… TERMS_URL=https://…",
                "make package SETTINGS=deploy.json", "make package DEV=1", "privacy_url"):
        assert how in message, how
    assert not (tmp_path / "out").exists()  # refused before anything is built

    result = run("--out", str(tmp_path / "out"), "--deps", "env", *RELEASE,
                 "--endpoint", "arn:aws:lambda:us-east-1:123456789012:function:back-spasm-coach")
    assert result.returncode == 1
    assert "123456789012" in result.stderr and "ENDPOINT=arn:aws:lambda:" in result.stderr


def test_the_makefile_passes_the_release_values_on():
    # Not as a sub-make of `make test`: that one would print its directory changes.
    environ = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(["make", "-n", "--no-print-directory", "package",
                             "PRIVACY_URL=%s" % PRIVACY, "TERMS_URL=%s" % TERMS,
                             "ENDPOINT=%s" % SAM_ARN, "DEV=1", "SETTINGS=deploy.json",
                             "DYNAMODB_TABLE=t1", "LOG_LEVEL=INFO", "HOSTED_REPO=../clone"],
                            cwd=str(PROJECT_ROOT), capture_output=True, text=True, timeout=30,
                            env=environ)
    command = next(line for line in result.stdout.splitlines() if "scripts/package.py" in line)
    for part in ("scripts/package.py", "--privacy-url '%s'" % PRIVACY, "--terms-url '%s'" % TERMS,
                 "--endpoint '%s'" % SAM_ARN, "--development", "--settings 'deploy.json'",
                 "--dynamodb-table 't1'", "--log-level 'INFO'", "--hosted-repo '../clone'"):
        assert part in command, part


def test_a_settings_file_sets_them(tmp_path):
    settings = tmp_path / "deploy.json"
    settings.write_text(json.dumps({"privacy_url": PRIVACY, "terms_url": TERMS, "endpoint": SAM_ARN,
                                    "dynamodb_table": "coach-memory", "log_level": "info"}))
    out = tmp_path / "out"
    (out / "ask" / ".ask").mkdir(parents=True)
    states = out / "ask" / ".ask" / "ask-states.json"
    states.write_text('{"profiles": {"default": {"skillId": "amzn1.ask.skill.KEEP"}}}')
    (out / "ask" / "stale.txt").write_text("from an older build")
    result = run("--out", str(out), "--deps", "env", "--settings", str(settings))
    assert result.returncode == 0, result.stderr

    sam = json.loads((out / "sam" / "skill-package" / "skill.json").read_text())["manifest"]
    assert sam["apis"]["custom"]["endpoint"] == {"uri": SAM_ARN}
    assert sam["events"]["endpoint"] == {"uri": SAM_ARN}
    assert sam["privacyAndCompliance"]["locales"]["en-US"]["privacyPolicyUrl"] == PRIVACY
    resources = json.loads((out / "sam" / "ask-resources.json").read_text())
    assert resources["profiles"] == {"default": {"skillMetadata": {"src": "./skill-package"}}}

    config = json.loads((out / "ask" / "ask-resources.json").read_text())["profiles"]["default"][
        "skillInfrastructure"]["userConfig"]
    assert config["lambda"]["environmentVariables"]["DYNAMODB_PERSISTENCE_TABLE_NAME"] == \
        "coach-memory"
    assert config["lambda"]["environmentVariables"]["LOG_LEVEL"] == "INFO"
    # The CLI's record of the skill it deployed survives a rebuild; nothing else old does.
    assert "amzn1.ask.skill.KEEP" in states.read_text()
    assert not (out / "ask" / "stale.txt").exists()


@pytest.mark.parametrize("content, complaint", [
    ({"privacy_url": "http://www.backspasmcoach.org/privacy"}, "https://"),
    ({"endpoint": "my-function"}, "Lambda function ARN"),
    ({"log_level": "LOUD"}, "log_level"),
    ({"privacy": PRIVACY}, "unknown keys privacy"),
    ([PRIVACY], "one JSON object"),
])
def test_a_bad_settings_file_is_refused(tmp_path, content, complaint):
    settings = tmp_path / "deploy.json"
    settings.write_text(json.dumps(content))
    result = run("--out", str(tmp_path / "out"), "--deps", "env", "--settings", str(settings),
                 "--development")
    assert result.returncode == 1 and complaint in result.stderr, result.stderr


def test_the_example_settings_file_is_only_an_example(tmp_path):
    """deploy.example.json has every key, and a release build from it unchanged is refused."""
    example = PROJECT_ROOT / "deploy.example.json"
    package = load_script()
    assert sorted(json.loads(example.read_text())) == sorted(package.SETTING_KEYS)
    result = run("--out", str(tmp_path / "out"), "--deps", "env", "--settings", str(example))
    assert result.returncode == 1 and "www.example.com" in result.stderr


def test_a_development_build_goes_into_a_hosted_skills_clone(tmp_path):
    """`make package DEV=1 HOSTED_REPO=…`: placeholders kept and said so; the clone's
    lambda/ and skill-package/ replaced, the hosting service's endpoint kept."""
    repo = tmp_path / "HostedSkill"
    (repo / "lambda").mkdir(parents=True)
    (repo / "lambda" / "utils.py").write_text("# the hello-world template's\n")
    (repo / "skill-package" / "interactionModels" / "custom").mkdir(parents=True)
    (repo / "skill-package" / "interactionModels" / "custom" / "en-GB.json").write_text("{}")
    hosted_endpoint = {"uri": "arn:aws:lambda:us-east-1:345678901234:function:a1b2c3"}
    (repo / "skill-package" / "skill.json").write_text(json.dumps(
        {"manifest": {"apis": {"custom": {"endpoint": hosted_endpoint}}}}))
    (repo / ".git").mkdir()
    out = tmp_path / "out"
    result = run("--out", str(out), "--deps", "env", "--development", "--hosted-repo", str(repo))
    assert result.returncode == 0, result.stderr
    assert "development build" in result.stdout and "example.com" in result.stdout
    manifest = json.loads((out / "ask" / "skill-package" / "skill.json").read_text())
    assert "endpoint" not in manifest["manifest"]["apis"]["custom"]  # never the placeholder ARN

    assert (repo / ".git").is_dir()
    assert not (repo / "lambda" / "utils.py").exists()
    assert (repo / "lambda" / "requirements.txt").read_bytes() == \
        (PROJECT_ROOT / "lambda" / "requirements.txt").read_bytes()
    assert ask_cli_upload(repo / "skill-package") == ask_cli_upload(out / "hosted" / "skill-package")
    manifest = json.loads((repo / "skill-package" / "skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"] == hosted_endpoint
    assert manifest["publishingInformation"]["locales"]["en-US"]["name"] == "Back Spasm Coach"


def test_only_a_hosted_skills_clone_is_written_into(tmp_path, built):
    out, _ = built
    package = load_script()
    with pytest.raises(package.PackageError, match="ask init --hosted-skill-id"):
        package.copy_into_hosted_repo(out / "hosted", tmp_path / "nothing-here")


def test_the_readme_role_lookup_reads_what_the_ask_cli_records(tmp_path):
    """The README's ASK CLI step 4, run on .ask/ask-states.json as the CLI writes it
    (lib/model/resources-config/ask-states.js: profiles.<profile>.skillInfrastructure.
    <deployer>.deployState.<region>.iamRole, the role's ARN)."""
    readme = (PROJECT_ROOT / "README.md").read_text()
    line = next(l.strip() for l in readme.splitlines() if l.strip().startswith("ROLE=$("))
    (tmp_path / ".ask").mkdir()
    (tmp_path / ".ask" / "ask-states.json").write_text(json.dumps({
        "askcliStatesVersion": "2020-03-31",
        "profiles": {"default": {"skillId": "amzn1.ask.skill.X", "skillInfrastructure": {
            "@ask-cli/lambda-deployer": {"deployState": {"default": {
                "iamRole": "arn:aws:iam::210987654321:role/ask-lambda-back-spasm-coach-1733090000000",
                "lambda": {"arn": "arn:aws:lambda:us-east-1:210987654321:function:f"}}}}}}}}))
    result = subprocess.run(["bash", "-c", line + '\necho "$ROLE"'], cwd=str(tmp_path),
                            capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "ask-lambda-back-spasm-coach-1733090000000", result.stderr


def test_the_readme_names_what_package_builds():
    readme = (PROJECT_ROOT / "README.md").read_text()
    for needed in ("make package PRIVACY_URL=", "SETTINGS=deploy.json", "DEV=1", "HOSTED_REPO=",
                   "ENDPOINT=", "cd build/ask && ask deploy", "cd build/sam && ask deploy",
                   "ask init --hosted-skill-id", "sam deploy --guided --template-file template.yaml",
                   "file://table-policy.json", "Enabled=true,AttributeName=ttl"):
        assert needed in readme, needed
    assert "Paste the `SkillFunctionArn` output into `skill.json`" not in readme


def test_an_https_endpoint_is_written_with_a_trusted_certificate():
    package = load_script()
    source = json.loads((PROJECT_ROOT / "skill.json").read_text())
    settings = package.load_settings(endpoint="https://coach.backspasmcoach.org/")
    manifest = package.skill_manifest(source, settings, endpoint=settings.endpoint)["manifest"]
    assert manifest["apis"]["custom"]["endpoint"] == {
        "uri": "https://coach.backspasmcoach.org/", "sslCertificateType": "Trusted"}
    assert source["manifest"]["apis"]["custom"]["endpoint"]["uri"].startswith("arn:")  # untouched
