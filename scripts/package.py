#!/usr/bin/env python3
"""Build what deployment needs, under build/ (`make package`).

build/lambda.zip
    The Lambda function: lambda/lambda_function.py and the spasm_coach package
    (without spasm_coach/simulator and spasm_coach/web, which only run
    locally), plus the run-time dependencies pinned in lambda/requirements.txt
    as wheels for the Lambda platform (manylinux2014 x86_64, CPython 3.11).
    boto3, botocore, s3transfer and jmespath are left out: the Lambda runtime
    provides them. The zip is reproducible: sorted entries, fixed timestamps
    and permissions, so the same sources give the same bytes.

build/ask/
    An ASK CLI v2 project (`cd build/ask && ask deploy`): ask-resources.json,
    skill-package/ assembled from skill.json and interaction_model/<locale>.json,
    and lambda/ with the code and a requirements.txt for the ASK CLI to install.

Dependencies come from pip (`--deps pip`, the default; give --find-links DIR to
install from a folder of wheels with no index) or are copied from the
environment running this script (`--deps env`, offline; only right when that
environment is CPython 3.11 on Linux x86_64, which the script checks).
"""
from __future__ import annotations

import argparse
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
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]

LAMBDA_PLATFORM = "manylinux2014_x86_64"
LAMBDA_PYTHON = "3.11"
LAMBDA_RUNTIME = "python3.11"
LAMBDA_HANDLER = "lambda_function.lambda_handler"

# Provided by the Lambda Python runtime; bundling them would only add megabytes.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
# Parts of the package that only run locally (HTTP server, simulator).
LOCAL_ONLY = ("spasm_coach/simulator", "spasm_coach/web")
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
        if _skipped(name) or any(name == d or name.startswith(d + "/") for d in LOCAL_ONLY):
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
    """The lines of lambda/requirements.txt that Lambda needs bundled."""
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


# --- the ASK CLI project ----------------------------------------------------------

def ask_resources() -> Dict[str, object]:
    return {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {
            "default": {
                "skillMetadata": {"src": "./skill-package"},
                "code": {"default": {"src": "./lambda"}},
                "skillInfrastructure": {
                    "type": "@ask-cli/lambda-deployer",
                    "userConfig": {"runtime": LAMBDA_RUNTIME, "handler": LAMBDA_HANDLER},
                },
            }
        },
    }


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
    return manifest, models


def build_ask_project(root: Path, code: Dict[str, Path], requirements: List[str],
                      destination: Path) -> List[str]:
    """Assemble build/ask; returns the locales of the interaction models copied."""
    manifest, models = ask_inputs(root)
    if destination.exists():
        shutil.rmtree(destination)
    package = destination / "skill-package"
    (package / "interactionModels" / "custom").mkdir(parents=True)
    shutil.copyfile(manifest, package / "skill.json")
    locales = []
    for model in models:
        shutil.copyfile(model, package / "interactionModels" / "custom" / model.name)
        locales.append(model.stem)
    for name, source in code.items():
        target = destination / "lambda" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (destination / "lambda" / "requirements.txt").write_text(
        "# Run-time dependencies for the ASK CLI to install; the Lambda runtime provides boto3.\n"
        + "\n".join(requirements) + "\n", encoding="utf-8")
    (destination / "ask-resources.json").write_text(
        json.dumps(ask_resources(), indent=2) + "\n", encoding="utf-8")
    return locales


# --- main -----------------------------------------------------------------------

def build(root: Path, out: Path, deps: str = "pip", find_links: Optional[Path] = None,
          log=print) -> Dict[str, object]:
    lambda_dir = root / "lambda"
    code = code_files(lambda_dir)
    requirements = runtime_requirements(lambda_dir / "requirements.txt")
    ask_inputs(root)  # fail before the slow part
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deps-", dir=str(out)) as work:
        target = Path(work)
        if deps == "pip":
            install_with_pip(requirements, target, find_links=find_links)
        elif deps == "env":
            copy_from_environment(requirements, target)
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
    locales = build_ask_project(root, code, requirements, out / "ask")

    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    log("%s: %s zipped (%s unzipped), %d files, sha256 %s" % (
        zip_path, _size(total), _size(unzipped), len(code) + len(dependencies), digest[:16]))
    log("  code:         %s zipped, %s unzipped (%d files)" % (
        _size(sizes["code"][0]), _size(sizes["code"][1]), len(code)))
    log("  dependencies: %s zipped, %s unzipped (%d files)" % (
        _size(sizes["dependencies"][0]), _size(sizes["dependencies"][1]), len(dependencies)))
    log("    of which the ASK SDK (ask_sdk_*): %s zipped, %s unzipped" % (
        _size(sizes["ask_sdk"][0]), _size(sizes["ask_sdk"][1])))
    log("%s: ASK CLI project, locales %s" % (out / "ask", ", ".join(locales)))
    return {"zip": zip_path, "zip_bytes": total, "unzipped_bytes": unzipped, "sha256": digest,
            "sizes": sizes, "ask": out / "ask", "locales": locales}


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return "%.1f MB" % (count / (1024 * 1024))
    return "%.0f KB" % (count / 1024)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build build/lambda.zip and build/ask/.")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="project folder holding lambda/, skill.json, interaction_model/")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default ROOT/build)")
    parser.add_argument("--deps", choices=("pip", "env"), default="pip",
                        help="pip: Lambda-platform wheels (default); env: copy from this"
                             " environment (offline)")
    parser.add_argument("--find-links", type=Path, default=None,
                        help="with --deps pip: install only from this folder of wheels")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "build").resolve()
    try:
        build(root, out, deps=args.deps, find_links=args.find_links)
    except PackageError as exc:
        sys.stderr.write("package: %s\n" % exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
