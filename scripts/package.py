#!/usr/bin/env python3
"""Build what deployment needs, under build/ (`make package`).

build/lambda.zip
    The Lambda function: lambda/lambda_function.py and the spasm_coach package
    (the skill alone: the simulator, the command line and the self-hosted
    server live outside lambda/, in tools/ and server/), plus the run-time
    dependencies pinned in lambda/requirements.txt
    as wheels for the Lambda platform (manylinux2014 x86_64, CPython 3.11).
    boto3, botocore, s3transfer and jmespath are left out: the Lambda runtime
    provides them. The zip is reproducible: sorted entries, fixed timestamps
    and permissions, so the same sources give the same bytes.

build/ask/
    An ASK CLI v2 project that deploys as it is (`cd build/ask && ask deploy`):
    ask-resources.json for the CLI's Lambda deployer (runtime, handler, an 8 s
    timeout, the environment, the SKILL_DISABLED subscription as skillEvents),
    skill-package/ assembled from skill.json, interaction_model/<locale>.json
    and assets/ (the icons), with no endpoint (the deployer fills it in once
    the function exists), lambda/ with the code, and hooks/build.sh, which hands
    the CLI build/lambda.zip instead of letting it pip-install with the
    developer's own Python. A rebuild keeps build/ask/.ask (the CLI's record of
    the skill id and the function), so the next `ask deploy` updates the same
    skill.

build/sam/
    The skill package alone, as an ASK CLI project with no code or
    infrastructure (`cd build/sam && ask deploy`), for the function that
    `sam deploy` creates: with ENDPOINT set, skill.json names it.

build/hosted/
    What an Alexa-hosted skill's repository needs: lambda/ (the same code as
    the zip, and lambda/requirements.txt as it is, with its per-Python markers) and
    skill-package/ (no endpoint: the hosting service sets it).

A release build (the default) refuses to write a skill package that still
holds an example.com address or the placeholder Lambda ARN, and says how to
set them: `make package PRIVACY_URL=https://… TERMS_URL=https://…`, or a
settings file (`make package SETTINGS=deploy.json`, keys as in
deploy.example.json). `--development` (`make package DEV=1`) builds anyway.

Dependencies come from pip (`--deps pip`, the default; give --find-links DIR to
install from a folder of wheels with no index) or are copied from the
environment running this script (`--deps env`, offline; only right when that
environment is CPython 3.11 on Linux x86_64, which the script checks).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]

LAMBDA_PLATFORM = "manylinux2014_x86_64"
LAMBDA_PYTHON = "3.11"
LAMBDA_RUNTIME = "python3.11"
LAMBDA_HANDLER = "lambda_function.lambda_handler"
# Alexa waits about 8 s for an answer; the ASK CLI's default of 15 s would only let a
# stuck call run on after Alexa has given up.
LAMBDA_TIMEOUT = 8
LAMBDA_MEMORY = 512  # as template.yaml: more memory is more CPU, a faster cold start
DEFAULT_TABLE = "back-spasm-coach-users"

# Provided by the Lambda Python runtime; bundling them would only add megabytes.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
SKIPPED_DIRS = ("__pycache__", "tests", "test", ".pytest_cache")
SKIPPED_SUFFIXES = (".pyc", ".pyo")
SKIPPED_NAMES = (".DS_Store",)

# Lambda's limits for a zip deployment package.
MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 250 * 1024 * 1024

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


class PackageError(Exception):
    pass


# --- what goes in ---------------------------------------------------------------

def code_files(lambda_dir: Path) -> Dict[str, Path]:
    """Archive name -> file, for the function's own code."""
    if not (lambda_dir / "lambda_function.py").is_file():
        raise PackageError("%s has no lambda_function.py" % lambda_dir)
    files: Dict[str, Path] = {}
    for path in sorted(lambda_dir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(lambda_dir).as_posix()
        if "/" not in name and not name.endswith(".py"):
            continue  # requirements.txt and other top-level notes
        if _skipped(name):
            continue
        files[name] = path
    return files


def _skipped(name: str) -> bool:
    parts = name.split("/")
    return (parts[0] == "bin"  # console scripts pip writes next to the packages
            or any(part in SKIPPED_DIRS for part in parts[:-1])
            or parts[-1].endswith(SKIPPED_SUFFIXES) or parts[-1] in SKIPPED_NAMES)


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements(requirements: Path) -> List[str]:
    """The lines of lambda/requirements.txt that Lambda needs bundled, markers kept."""
    lines = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name = re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0]
        if _normalize(name) in RUNTIME_PROVIDED:
            continue
        lines.append(line)
    return lines


def for_python(requirements: List[str], python_version: str) -> List[str]:
    """The requirements that apply on CPython `python_version` on Linux, markers evaluated.

    pip evaluates markers against the Python running it, even with --python-version,
    so the lines for another Python are picked here.
    """
    from packaging.requirements import Requirement

    environment = {"python_version": python_version, "python_full_version": python_version + ".0",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython",
                   "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                   "platform_machine": "x86_64"}
    chosen = []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(environment):
            chosen.append(line.split(";", 1)[0].strip())
    return chosen


def install_with_pip(requirements: List[str], target: Path,
                     find_links: Optional[Path] = None, quiet: bool = True) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(requirements) + "\n")
        requirements_file = handle.name
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--only-binary=:all:",
               "--platform", LAMBDA_PLATFORM, "--python-version", LAMBDA_PYTHON,
               "--implementation", "cp", "--no-compile", "--disable-pip-version-check",
               "--target", str(target), "-r", requirements_file]
    if find_links is not None:
        command[4:4] = ["--no-index", "--find-links", str(find_links)]
    if quiet:
        command.append("--quiet")
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.unlink(requirements_file)
    if result.returncode != 0:
        raise PackageError("pip install failed:\n%s%s" % (result.stdout, result.stderr))


def copy_from_environment(requirements: List[str], target: Path) -> None:
    """Copy the installed distributions named in `requirements` into `target`."""
    from importlib import metadata

    machine = platform.machine().lower()
    if (sys.implementation.name != "cpython" or sys.platform != "linux"
            or machine not in ("x86_64", "amd64")
            or "%d.%d" % sys.version_info[:2] != LAMBDA_PYTHON):
        raise PackageError("--deps env needs CPython %s on Linux x86_64 (this is %s %d.%d on %s %s);"
                           " use --deps pip" % (LAMBDA_PYTHON, sys.implementation.name,
                                                sys.version_info[0], sys.version_info[1],
                                                sys.platform, machine))
    for requirement in requirements:
        name, _, pinned = requirement.partition("==")
        try:
            dist = metadata.distribution(name.strip())
        except metadata.PackageNotFoundError:
            raise PackageError("%s is not installed in %s" % (name, sys.prefix))
        if pinned and dist.version != pinned.strip():
            raise PackageError("%s %s is installed, %s is pinned" % (name, dist.version, pinned))
        for file in dist.files or ():
            relative = Path(str(file))
            if relative.is_absolute() or ".." in relative.parts:
                continue  # scripts and data installed outside site-packages
            source = Path(str(dist.locate_file(file)))
            if source.is_file():
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


def dependency_files(target: Path) -> Dict[str, Path]:
    files: Dict[str, Path] = {}
    for path in sorted(target.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(target).as_posix()
        top = _normalize(name.split("/", 1)[0].split("-", 1)[0].replace(".py", ""))
        if _skipped(name) or top in RUNTIME_PROVIDED:
            continue
        files[name] = path
    return files


# --- the zip --------------------------------------------------------------------

def write_zip(entries: Dict[str, Path], destination: Path) -> None:
    """A reproducible zip: sorted names, fixed dates, 0644 files."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100644 << 16)
            info.create_system = 3  # Unix, so the permissions above are read
            zf.writestr(info, entries[name].read_bytes(), compresslevel=9)
    os.replace(partial, destination)


def zip_sizes(zip_path: Path, groups: Dict[str, Iterable[str]]) -> Dict[str, Tuple[int, int]]:
    """Compressed and uncompressed bytes of each group of entry names."""
    with zipfile.ZipFile(zip_path) as zf:
        infos = {info.filename: info for info in zf.infolist()}
    sizes = {}
    for group, names in groups.items():
        chosen = [infos[n] for n in names if n in infos]
        sizes[group] = (sum(i.compress_size for i in chosen), sum(i.file_size for i in chosen))
    return sizes


# --- deployment settings ----------------------------------------------------------

# Lambda ARNs in AWS's documentation use this account number; skill.json carries one.
PLACEHOLDER_ARN = re.compile(r"arn:aws:lambda:[a-z0-9-]*:123456789012:")
# Names reserved for examples (RFC 2606, RFC 6761): never a real privacy policy.
PLACEHOLDER_HOST = re.compile(
    r"^https?://(?:[^/@]*@)?(?:[^/]*\.)?(?:example\.(?:com|net|org)|[^/]*\.(?:example|invalid|test)"
    r"|localhost)(?::\d+)?(?:/|$)", re.IGNORECASE)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The make variable that sets each kind of placeholder, for the message refusing a release.
HOW_TO_SET = {"privacyPolicyUrl": "PRIVACY_URL=https://…",
              "termsOfUseUrl": "TERMS_URL=https://…",
              "uri": "ENDPOINT=arn:aws:lambda:…"}


@dataclass(frozen=True)
class DeploySettings:
    """The values a release needs that the repository cannot know."""

    privacy_url: Optional[str] = None
    terms_url: Optional[str] = None
    # The function `sam deploy` created (or an HTTPS URL); only build/sam uses it: the ASK
    # CLI and Alexa-hosted skills set their own endpoint.
    endpoint: Optional[str] = None
    dynamodb_table: str = DEFAULT_TABLE
    log_level: str = "WARNING"
    development: bool = False


SETTING_KEYS = ("privacy_url", "terms_url", "endpoint", "dynamodb_table", "log_level")


def load_settings(path: Optional[Path] = None, development: bool = False,
                  **given: Optional[str]) -> DeploySettings:
    """Settings from a JSON file, then the values given (make variables) over them."""
    values: Dict[str, Any] = {}
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PackageError("settings file %s: %s" % (path, exc))
        if not isinstance(data, dict):
            raise PackageError("settings file %s must hold one JSON object" % path)
        unknown = sorted(set(data) - set(SETTING_KEYS))
        if unknown:
            raise PackageError("settings file %s: unknown keys %s (known: %s)" % (
                path, ", ".join(unknown), ", ".join(SETTING_KEYS)))
        values.update({key: value for key, value in data.items() if value not in (None, "")})
    values.update({key: value for key, value in given.items() if value not in (None, "")})
    for key in ("privacy_url", "terms_url"):
        if key in values and not re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", str(values[key])):
            raise PackageError("%s must be an https:// address, not %r" % (key, values[key]))
    if "endpoint" in values and not re.match(
            r"^(arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?"
            r"|https://\S+)$", str(values["endpoint"])):
        raise PackageError("endpoint must be a Lambda function ARN or an https:// URL, not %r"
                           % values["endpoint"])
    if "dynamodb_table" in values and not re.match(r"^[A-Za-z0-9_.-]{3,255}$",
                                                   str(values["dynamodb_table"])):
        raise PackageError("dynamodb_table %r is not a DynamoDB table name" % values["dynamodb_table"])
    if "log_level" in values:
        values["log_level"] = str(values["log_level"]).upper()
        if values["log_level"] not in LOG_LEVELS:
            raise PackageError("log_level must be one of %s" % ", ".join(LOG_LEVELS))
    return DeploySettings(development=development, **values)


def placeholders(node: Any, path: str = "") -> List[Tuple[str, str]]:
    """(JSON path, value) of every placeholder address or ARN in a manifest."""
    found: List[Tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += placeholders(value, "%s.%s" % (path, key) if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += placeholders(value, "%s[%d]" % (path, index))
    elif isinstance(node, str) and (PLACEHOLDER_ARN.search(node) or PLACEHOLDER_HOST.match(node)):
        found.append((path, node))
    return found


def refuse_placeholders(packages: Mapping[str, Mapping[str, Any]]) -> None:
    """Stop a release build whose skill packages still hold placeholders, saying how to fix it."""
    found: Dict[Tuple[str, str], List[str]] = {}
    for where, manifest in sorted(packages.items()):
        for path, value in placeholders(manifest):
            found.setdefault((path, value), []).append(where)
    if not found:
        return
    lines = ["  %s = %s (%s)" % (path, value, ", ".join(where))
             for (path, value), where in found.items()]
    variables, edits = [], []
    for path, _ in found:
        variable = HOW_TO_SET.get(path.rsplit(".", 1)[-1])
        if variable is None:
            edits.append("  edit %s in skill.json\n" % path)
        elif variable not in variables:
            variables.append(variable)
    raise PackageError(
        "a release skill package must not hold placeholder addresses, and these would be "
        "uploaded:\n%s\n%sSet them for this build:\n  make package %s\n"
        "or in a settings file (one JSON object with the keys %s; see deploy.example.json):\n"
        "  make package SETTINGS=deploy.json\n"
        "or build for development only, never for certification:\n  make package DEV=1"
        % ("\n".join(lines), "".join(edits), " ".join(variables) or "SETTINGS=deploy.json",
           ", ".join(SETTING_KEYS)))


# --- the skill package --------------------------------------------------------------

def ask_inputs(root: Path) -> Tuple[Path, List[Path]]:
    """skill.json and interaction_model/<locale>.json, checked before anything is built."""
    manifest = root / "skill.json"
    if not manifest.is_file():
        raise PackageError("%s is missing: the skill manifest is needed for build/ask" % manifest)
    models = sorted((root / "interaction_model").glob("*.json"))
    if not models:
        raise PackageError("no interaction model in %s" % (root / "interaction_model"))
    for path in [manifest] + models:
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise PackageError("%s is not valid JSON: %s" % (path, exc))
    for model in models:
        if not re.match(r"^[a-z]{2}-[A-Z]{2}$", model.stem):
            raise PackageError("%s: interaction models are named <locale>.json, like en-US.json"
                               % model)
    body = json.loads(manifest.read_text(encoding="utf-8")).get("manifest", {})
    modelled = {model.stem for model in models}
    for section in ("publishingInformation", "privacyAndCompliance"):
        published = set(body.get(section, {}).get("locales", {}))
        if published != modelled:
            raise PackageError(
                "skill.json's %s has the locales %s and interaction_model/ has models for %s: "
                "each locale needs both (models: interaction_model/source/<locale>.yaml, then "
                "make models)" % (section, ", ".join(sorted(published)) or "none",
                                  ", ".join(sorted(modelled))))
    return manifest, models


def skill_manifest(manifest: Mapping[str, Any], settings: DeploySettings,
                   endpoint: Optional[str] = None) -> Dict[str, Any]:
    """skill.json as uploaded: the release addresses set, the endpoint only where given.

    Without `endpoint` the custom API keeps its interfaces but loses its endpoint, and
    the events block goes: the ASK CLI uploads the skill package before it creates the
    function, and a manifest naming a function without this skill's trigger is refused
    (alexa/ask-cli#365); its Lambda deployer then writes the function's ARN into both
    (the events from ask-resources.json's skillEvents).
    """
    result = copy.deepcopy(dict(manifest))
    body = result["manifest"]
    for locale in body.get("privacyAndCompliance", {}).get("locales", {}).values():
        if settings.privacy_url:
            locale["privacyPolicyUrl"] = settings.privacy_url
        if settings.terms_url:
            locale["termsOfUseUrl"] = settings.terms_url
    custom = body.get("apis", {}).get("custom")
    if custom is not None:
        custom.pop("endpoint", None)
        custom.pop("regions", None)
        if endpoint:
            custom["endpoint"] = {"uri": endpoint}
            if endpoint.startswith("https://"):
                custom["endpoint"]["sslCertificateType"] = "Trusted"
    events = body.pop("events", None)
    if events is not None and endpoint:
        events = dict(events, endpoint={"uri": endpoint})
        events.pop("regions", None)
        body["events"] = events
    return result


def skill_events(manifest: Mapping[str, Any]) -> Optional[Dict[str, List[str]]]:
    """ask-resources.json's skillEvents: the event names of skill.json's events block."""
    events = manifest["manifest"].get("events")
    if not events:
        return None
    found = {kind: [entry["eventName"] for entry in events.get(kind, ())]
             for kind in ("subscriptions", "publications")}
    return {kind: names for kind, names in found.items() if names} or None


def icon_files(root: Path, manifest: Mapping[str, Any]) -> Dict[str, Path]:
    """Skill-package name -> file, for every icon skill.json names as file://…"""
    files = {}
    locales = manifest["manifest"].get("publishingInformation", {}).get("locales", {})
    for locale, info in sorted(locales.items()):
        for key in ("smallIconUri", "largeIconUri"):
            uri = info.get(key, "")
            if not uri.startswith("file://"):
                continue
            name = uri[len("file://"):]
            source = root / name
            if not name.startswith("assets/") or ".." in name.split("/") or not source.is_file():
                raise PackageError("%s (%s, %s) must be a file under %s" % (
                    uri, locale, key, root / "assets"))
            files[name] = source
    return files


def write_skill_package(destination: Path, manifest: Mapping[str, Any], models: List[Path],
                        icons: Mapping[str, Path]) -> None:
    """The layout the ASK CLI uploads: skill.json, interactionModels/custom/, assets/."""
    (destination / "interactionModels" / "custom").mkdir(parents=True)
    (destination / "skill.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                            + "\n", encoding="utf-8")
    for model in models:
        shutil.copyfile(model, destination / "interactionModels" / "custom" / model.name)
    for name, source in icons.items():
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination / name)


def copy_code(code: Mapping[str, Path], destination: Path) -> None:
    for name, source in code.items():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def fresh_folder(folder: Path) -> None:
    """Empty `folder`, keeping .ask: the ASK CLI's record of which skill and function
    this project deployed, without which the next `ask deploy` would create new ones."""
    if folder.exists():
        for child in folder.iterdir():
            if child.name == ".ask":
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    folder.mkdir(parents=True, exist_ok=True)


# --- the three deployments -----------------------------------------------------------

BUILD_HOOK = """#!/usr/bin/env bash
# The ASK CLI runs hooks/build.sh (from the project folder) instead of its own Python
# build, which would pip-install lambda/requirements.txt with this machine's Python and
# platform. Called as: hooks/build.sh <OUT_FILE> <DO_DEBUG>, in the CLI's copy of lambda/.
# It hands over the zip `make package` built: Lambda-platform wheels, reproducible bytes.
set -euo pipefail
out="${1:?usage: hooks/build.sh OUT_FILE [DO_DEBUG]}"
zip="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lambda.zip"
if [[ ! -f "$zip" ]]; then
  echo "[Error] $zip is missing: run make package in the project first" >&2
  exit 1
fi
if [[ "${2:-false}" == true ]]; then
  echo "[Debug] deploying $zip as $out" >&2
fi
cp "$zip" "$out"
"""

BUILD_HOOK_WINDOWS = """# The ASK CLI on Windows runs hooks/build.ps1 instead of its own Python build; see build.sh.
param([string]$OutFile = "upload.zip", [bool]$DoDebug = $False)
$ErrorActionPreference = "Stop"
$zip = Join-Path (Split-Path -Parent $PSScriptRoot) "lambda.zip"
if (-not (Test-Path $zip)) { Write-Error "$zip is missing: run make package in the project first"; exit 1 }
Copy-Item -Force $zip $OutFile
"""


def lambda_environment(settings: DeploySettings) -> Dict[str, str]:
    return {"DYNAMODB_PERSISTENCE_TABLE_NAME": settings.dynamodb_table,
            # The README creates the table with Time to Live on "ttl": no purge needed.
            "SPASM_COACH_TABLE_TTL": "true",
            "LOG_LEVEL": settings.log_level}


def ask_resources(settings: DeploySettings,
                  events: Optional[Dict[str, List[str]]]) -> Dict[str, Any]:
    """ask-resources.json for the ASK CLI's Lambda deployer.

    The deployer reads runtime and handler from userConfig, and timeout, memorySize and
    environmentVariables from userConfig.lambda (lib/builtins/deploy-delegates/
    lambda-deployer/helper.js); skillEvents makes it point the events at the function.
    """
    user_config: Dict[str, Any] = {
        "runtime": LAMBDA_RUNTIME,
        "handler": LAMBDA_HANDLER,
        "lambda": {"timeout": LAMBDA_TIMEOUT, "memorySize": LAMBDA_MEMORY,
                   "environmentVariables": lambda_environment(settings)},
    }
    if events:
        user_config["skillEvents"] = events
    return {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {
            "default": {
                "skillMetadata": {"src": "./skill-package"},
                "code": {"default": {"src": "./lambda"}},
                "skillInfrastructure": {"type": "@ask-cli/lambda-deployer",
                                        "userConfig": user_config},
            }
        },
    }


def table_policy(table: str) -> Dict[str, Any]:
    """What the role the ASK CLI creates must be given for the table (README, ASK CLI)."""
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow",
                           "Action": ["dynamodb:GetItem", "dynamodb:PutItem",
                                      "dynamodb:DeleteItem"],
                           "Resource": "arn:aws:dynamodb:*:*:table/%s" % table}]}


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def start_output(root: Path, destination: Path, manifest: Mapping[str, Any]) -> Dict[str, Any]:
    """Empty `destination` (keeping .ask) and write its skill-package/ with `manifest`;
    returns skill.json as the repository has it."""
    _, models = ask_inputs(root)
    source = json.loads((root / "skill.json").read_text(encoding="utf-8"))
    fresh_folder(destination)
    write_skill_package(destination / "skill-package", manifest, models, icon_files(root, source))
    return source


def build_ask_project(root: Path, code: Dict[str, Path], requirements: List[str],
                      destination: Path, zip_path: Path, settings: DeploySettings,
                      manifest: Mapping[str, Any]) -> None:
    """build/ask: `ask deploy` there creates the skill, the function and its trigger."""
    source = start_output(root, destination, manifest)
    copy_code(code, destination / "lambda")
    # Read by nobody at deploy time (the hook hands over the zip); it tells a reader
    # what the zip holds.
    (destination / "lambda" / "requirements.txt").write_text(
        "# Bundled in lambda.zip by make package; the Lambda runtime provides boto3.\n"
        + "\n".join(requirements) + "\n", encoding="utf-8")
    shutil.copyfile(zip_path, destination / "lambda.zip")
    hooks = destination / "hooks"
    hooks.mkdir()
    (hooks / "build.sh").write_text(BUILD_HOOK, encoding="utf-8")
    (hooks / "build.sh").chmod(0o755)  # the CLI runs it directly
    (hooks / "build.ps1").write_text(BUILD_HOOK_WINDOWS, encoding="utf-8")
    _write_json(destination / "ask-resources.json", ask_resources(settings, skill_events(source)))
    _write_json(destination / "table-policy.json", table_policy(settings.dynamodb_table))


def build_sam_project(root: Path, destination: Path, manifest: Mapping[str, Any]) -> None:
    """build/sam: the skill package alone, for `ask deploy` beside `sam deploy`."""
    start_output(root, destination, manifest)
    _write_json(destination / "ask-resources.json", {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}}})


def build_hosted(root: Path, code: Dict[str, Path], destination: Path,
                 manifest: Mapping[str, Any]) -> None:
    """build/hosted: lambda/ and skill-package/ to copy over an Alexa-hosted skill's own."""
    start_output(root, destination, manifest)
    copy_code(code, destination / "lambda")
    # As it is: the hosted build pip-installs it with the hosted Python, markers and all.
    shutil.copyfile(root / "lambda" / "requirements.txt",
                    destination / "lambda" / "requirements.txt")


def copy_into_hosted_repo(hosted: Path, repo: Path) -> None:
    """Put build/hosted into a clone of an Alexa-hosted skill's repository (`ask init
    --hosted-skill-id …`), ready to commit and push: lambda/ replaced whole; skill-package/
    replaced, except that skill.json keeps the endpoints the hosting service set."""
    theirs_path = repo / "skill-package" / "skill.json"
    if not (repo / "lambda").is_dir() or not theirs_path.is_file():
        raise PackageError("%s is not a clone of an Alexa-hosted skill (no lambda/ or "
                           "skill-package/skill.json); clone it with ask init "
                           "--hosted-skill-id amzn1.ask.skill.…" % repo)
    theirs = json.loads(theirs_path.read_text(encoding="utf-8"))["manifest"]
    ours = json.loads((hosted / "skill-package" / "skill.json").read_text(encoding="utf-8"))
    custom = theirs.get("apis", {}).get("custom", {})
    for key in ("endpoint", "regions"):
        if key in custom:
            ours["manifest"]["apis"]["custom"][key] = custom[key]
    if "events" in theirs:
        ours["manifest"]["events"] = theirs["events"]
    shutil.rmtree(repo / "lambda")
    shutil.copytree(hosted / "lambda", repo / "lambda")
    shutil.rmtree(repo / "skill-package")
    shutil.copytree(hosted / "skill-package", repo / "skill-package")
    (repo / "skill-package" / "skill.json").write_text(
        json.dumps(ours, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def manifests_for(root: Path, settings: DeploySettings) -> Dict[str, Dict[str, Any]]:
    """The skill.json each output uploads, by output folder."""
    source = json.loads((root / "skill.json").read_text(encoding="utf-8"))
    no_endpoint = skill_manifest(source, settings)
    return {"ask": no_endpoint, "hosted": no_endpoint,
            "sam": skill_manifest(source, settings, endpoint=settings.endpoint)}


# --- main -----------------------------------------------------------------------

def build(root: Path, out: Path, deps: str = "pip", find_links: Optional[Path] = None,
          settings: DeploySettings = DeploySettings(), log=print) -> Dict[str, object]:
    lambda_dir = root / "lambda"
    code = code_files(lambda_dir)
    requirements = runtime_requirements(lambda_dir / "requirements.txt")
    lambda_requirements = for_python(requirements, LAMBDA_PYTHON)
    # Everything that can refuse the build does so before the slow part.
    ask_inputs(root)
    manifests = manifests_for(root, settings)
    icon_files(root, json.loads((root / "skill.json").read_text(encoding="utf-8")))
    if not settings.development:
        refuse_placeholders({"build/%s" % name: manifest
                             for name, manifest in sorted(manifests.items())})
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deps-", dir=str(out)) as work:
        target = Path(work)
        if deps == "pip":
            install_with_pip(lambda_requirements, target, find_links=find_links)
        elif deps == "env":
            copy_from_environment(lambda_requirements, target)
        else:
            raise PackageError("unknown --deps %r" % deps)
        dependencies = dependency_files(target)
        clashes = sorted(set(code) & set(dependencies))
        if clashes:
            raise PackageError("code and dependencies both have %s" % ", ".join(clashes))
        zip_path = out / "lambda.zip"
        write_zip(dict(code, **dependencies), zip_path)

    sdk = [n for n in dependencies if n.split("/", 1)[0].startswith("ask_sdk")]
    sizes = zip_sizes(zip_path, {"code": code, "dependencies": dependencies, "ask_sdk": sdk})
    total = zip_path.stat().st_size
    unzipped = sizes["code"][1] + sizes["dependencies"][1]
    if total > MAX_ZIP_BYTES or unzipped > MAX_UNZIPPED_BYTES:
        raise PackageError("%s is over Lambda's size limits" % zip_path)
    build_ask_project(root, code, lambda_requirements, out / "ask", zip_path, settings,
                      manifests["ask"])
    build_sam_project(root, out / "sam", manifests["sam"])
    build_hosted(root, code, out / "hosted", manifests["hosted"])
    locales = sorted(p.stem for p in (root / "interaction_model").glob("*.json"))

    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    log("%s: %s zipped (%s unzipped), %d files, sha256 %s" % (
        zip_path, _size(total), _size(unzipped), len(code) + len(dependencies), digest[:16]))
    log("  code:         %s zipped, %s unzipped (%d files)" % (
        _size(sizes["code"][0]), _size(sizes["code"][1]), len(code)))
    log("  dependencies: %s zipped, %s unzipped (%d files)" % (
        _size(sizes["dependencies"][0]), _size(sizes["dependencies"][1]), len(dependencies)))
    log("    of which the ASK SDK (ask_sdk_*): %s zipped, %s unzipped" % (
        _size(sizes["ask_sdk"][0]), _size(sizes["ask_sdk"][1])))
    log("%s: ASK CLI project (Lambda deployer), locales %s" % (out / "ask", ", ".join(locales)))
    log("%s: skill package for the SAM function (%s)" % (
        out / "sam", "endpoint %s" % settings.endpoint if settings.endpoint
        else "no endpoint yet: set ENDPOINT once sam deploy has made the function"))
    log("%s: lambda/ and skill-package/ for an Alexa-hosted skill" % (out / "hosted"))
    if settings.development:
        left = sorted({value for m in manifests.values() for _, value in placeholders(m)})
        if left:
            log("development build: placeholders kept (%s); not for certification"
                % ", ".join(left))
    return {"zip": zip_path, "zip_bytes": total, "unzipped_bytes": unzipped, "sha256": digest,
            "sizes": sizes, "ask": out / "ask", "sam": out / "sam", "hosted": out / "hosted",
            "locales": locales}


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return "%.1f MB" % (count / (1024 * 1024))
    return "%.0f KB" % (count / 1024)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build build/lambda.zip, build/ask/, build/sam/ and build/hosted/.")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="project folder holding lambda/, skill.json, interaction_model/")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default ROOT/build)")
    parser.add_argument("--deps", choices=("pip", "env"), default="pip",
                        help="pip: Lambda-platform wheels (default); env: copy from this"
                             " environment (offline)")
    parser.add_argument("--find-links", type=Path, default=None,
                        help="with --deps pip: install only from this folder of wheels")
    parser.add_argument("--settings", type=Path, default=None,
                        help="JSON file with %s" % ", ".join(SETTING_KEYS))
    parser.add_argument("--privacy-url", help="the skill's privacy policy (https://…)")
    parser.add_argument("--terms-url", help="the skill's terms of use (https://…)")
    parser.add_argument("--endpoint", help="build/sam's endpoint: the SAM function's ARN")
    parser.add_argument("--dynamodb-table", help="build/ask's table (default %s)" % DEFAULT_TABLE)
    parser.add_argument("--log-level", help="build/ask's LOG_LEVEL (default WARNING)")
    parser.add_argument("--hosted-repo", type=Path, default=None,
                        help="then copy build/hosted into this clone of an Alexa-hosted skill")
    parser.add_argument("--development", action="store_true",
                        help="build even with placeholder addresses (never for certification)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "build").resolve()
    try:
        settings = load_settings(args.settings, development=args.development,
                                 privacy_url=args.privacy_url, terms_url=args.terms_url,
                                 endpoint=args.endpoint, dynamodb_table=args.dynamodb_table,
                                 log_level=args.log_level)
        built = build(root, out, deps=args.deps, find_links=args.find_links, settings=settings)
        if args.hosted_repo is not None:
            copy_into_hosted_repo(built["hosted"], args.hosted_repo.resolve())
            print("%s: lambda/ and skill-package/ replaced; commit and git push to deploy"
                  % args.hosted_repo)
    except PackageError as exc:
        sys.stderr.write("package: %s\n" % exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
