"""lambda/requirements.txt installs on every Python that Lambda and Alexa-hosted skills
may run, and the code that goes to Lambda keeps to Python 3.8."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from spasm_coach.config import PROJECT_ROOT

LAMBDA = PROJECT_ROOT / "lambda"
# Lambda's Python runtimes, and Alexa-hosted skills' (3.8 by default in the last public
# evidence: ask-cli lib/utils/constants.js, DEFAULT_RUNTIME.Python = PYTHON_3_8).
PYTHONS = ("3.8", "3.9", "3.10", "3.11", "3.12")
OLDEST = PYTHONS[0]


def load_package_script():
    spec = importlib.util.spec_from_file_location("package_for_requirements",
                                                  PROJECT_ROOT / "scripts" / "package.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pip_download(requirements, python, dest):
    """The wheels pip picks for CPython `python` on Lambda's platform, without dependencies:
    every run-time dependency is pinned, and their agreement is checked from the wheels'
    own metadata below, which costs far less than pip's resolver six times over."""
    requirements_file = dest / ("requirements-%s.txt" % python)
    requirements_file.write_text("\n".join(requirements) + "\n")
    return subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--no-deps",
         "--platform", "manylinux2014_x86_64", "--python-version", python,
         "--implementation", "cp", "--disable-pip-version-check", "--quiet",
         "--dest", str(dest / "wheels"), "-r", str(requirements_file)],
        capture_output=True, text=True, timeout=300)


def _download_all(root):
    """pip download for every Python in turn; None when the index cannot be reached.

    pip evaluates environment markers with the Python running it even with
    --python-version, so the lines for each Python are picked first (package.for_python);
    Requires-Python and the wheel tags are still checked against that Python by pip.
    """
    package = load_package_script()
    lines = package.runtime_requirements(LAMBDA / "requirements.txt")
    results = {}
    # The project's own Python first: make test installs these very pins for it, so a
    # failure there means the index is out of reach, not that a pin is wrong.
    for python in sorted(PYTHONS, key=lambda v: v != "3.11"):
        (root / python).mkdir()
        results[python] = pip_download(package.for_python(lines, python), python, root / python)
        if python == "3.11" and results[python].returncode != 0:
            return results[python]
    return results


# Each download spends seconds waiting on the package index, so they start, one at a
# time, when this module is collected and overlap the rest of the suite; the tests below
# wait for them.
_WORK = tempfile.TemporaryDirectory(prefix="pip-download-")
_DOWNLOADS = ThreadPoolExecutor(max_workers=1).submit(_download_all, Path(_WORK.name))


@pytest.fixture(scope="module")
def downloads():
    result = _DOWNLOADS.result(timeout=600)
    if isinstance(result, subprocess.CompletedProcess):
        pytest.skip("the package index cannot be reached, so the Lambda wheels for each Python"
                    " cannot be checked here:\n%s" % (result.stderr.strip()[-600:]))
    return result


def wheel_requirements(wheel):
    """Requires-Dist of a wheel, from its METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(name).decode("utf-8")
    return [Requirement(line.split(":", 1)[1].strip()) for line in metadata.splitlines()
            if line.startswith("Requires-Dist:")]


@pytest.mark.parametrize("python", PYTHONS)
def test_runtime_requirements_install_on_every_lambda_python(downloads, python):
    """Every pin has a wheel for that Python, and every pin satisfies what the others require
    there; only what the Lambda runtime provides (boto3 and its own) is left to it."""
    package = load_package_script()
    result = downloads[python]
    assert result.returncode == 0, "Python %s:\n%s" % (python, result.stderr[-2000:])
    chosen = package.for_python(package.runtime_requirements(LAMBDA / "requirements.txt"), python)
    pins = {package._normalize(line.split("==")[0]): line.split("==")[1] for line in chosen}
    wheels = sorted((Path(result.args[result.args.index("--dest") + 1])).glob("*.whl"))
    assert len(wheels) == len(pins), [w.name for w in wheels]
    environment = {"python_version": python, "python_full_version": python + ".0",
                   "implementation_name": "cpython", "platform_python_implementation": "CPython",
                   "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                   "platform_machine": "x86_64", "extra": ""}
    for wheel in wheels:
        for requirement in wheel_requirements(wheel):
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            name = package._normalize(requirement.name)
            if name in package.RUNTIME_PROVIDED:
                continue
            assert name in pins, "%s needs %s, which is not pinned" % (wheel.name, requirement)
            assert requirement.specifier.contains(pins[name], prereleases=True), \
                "Python %s: %s needs %s, %s is pinned" % (python, wheel.name, requirement, pins[name])


def test_every_requirement_is_pinned_for_every_python():
    package = load_package_script()
    lines = package.runtime_requirements(LAMBDA / "requirements.txt")
    everywhere = None
    for python in PYTHONS:
        chosen = package.for_python(lines, python)
        assert all("==" in line for line in chosen), chosen
        names = {package._normalize(line.split("==")[0]) for line in chosen}
        everywhere = names if everywhere is None else everywhere
        assert names == everywhere, (python, names ^ everywhere)  # nothing lost on any Python
    assert {"ask-sdk-core", "requests", "urllib3", "idna"} <= everywhere


def test_the_zip_gets_the_pins_the_project_is_tested_with():
    """build/lambda.zip is CPython 3.11: its lines are the ones requirements.txt pins."""
    package = load_package_script()
    lines = package.for_python(package.runtime_requirements(LAMBDA / "requirements.txt"),
                               package.LAMBDA_PYTHON)
    pinned = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[package._normalize(name)] = version.strip()
    for line in lines:
        name, version = line.split("==")
        assert pinned.get(package._normalize(name)) == version, line


# --- the code itself on Python 3.8 ------------------------------------------------------

VERMIN = Path(sys.executable).with_name("vermin")


def vermin(*paths, cwd):
    """vermin reads the syntax tree for the language features, modules, functions and
    arguments each Python version added; no 3.8 interpreter is needed."""
    return subprocess.run([str(VERMIN), "-t=%s-" % OLDEST, "--violations", "--no-tips",
                           "--no-parse-comments"] + [str(p) for p in paths],
                          cwd=str(cwd), capture_output=True, text=True, timeout=120)


def test_the_lambda_code_needs_nothing_newer_than_python_3_8():
    result = vermin("lambda_function.py", "spasm_coach", cwd=LAMBDA)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Analyzing" in result.stdout  # it did look at the files


def test_the_check_finds_what_3_8_lacks(tmp_path):
    """The same check on code 3.8 cannot run fails: it is not a no-op."""
    for source in ('name = "x".removeprefix("a")\n',           # str method of 3.9
                   "import zoneinfo\n",                        # module of 3.9
                   "def f(x):\n    match x:\n        case 1:\n            return 1\n",  # 3.10
                   "from functools import cache\n"):           # function of 3.9
        (tmp_path / "new.py").write_text(source)
        result = vermin("new.py", cwd=tmp_path)
        assert result.returncode != 0, source


def test_python_3_8_syntax_of_every_lambda_file():
    """Every file parses with the 3.8 grammar (ast's feature_version), a second opinion."""
    import ast

    for path in sorted(LAMBDA.rglob("*.py")):
        name = path.relative_to(LAMBDA).as_posix()
        ast.parse(path.read_text(encoding="utf-8"), filename=name, feature_version=(3, 8))
