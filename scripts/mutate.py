"""make mutate: mutation testing of the pure cores, each against its own tests.

For each core (routine, speech, triage, questions) this copies the project into
build/mutate/<core>/ with the package under src/ (where mutmut looks for code), runs
mutmut over that one module with only the tests named for it below, and prints the kill
rate with every surviving mutant. A survivor listed in tests/data/equivalent_mutants.json
(its function, the changed line, and why no test can tell it apart) is reported as
equivalent and counted out of the rate.

    .venv/bin/python scripts/mutate.py                 # every core
    .venv/bin/python scripts/mutate.py routine speech  # some
    .venv/bin/python scripts/mutate.py --check         # exit 1 below a target

mutmut runs the tests once to see which test reaches which function, then each mutant
only against the tests that reach it, in forked processes (--jobs at a time).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mutate"
EQUIVALENT = ROOT / "tests" / "data" / "equivalent_mutants.json"
MUTMUT = Path(sys.executable).with_name("mutmut")

# Each core, its targets (issue: tests that catch real mistakes) and the tests that are its own.
CORES: Dict[str, Dict[str, object]] = {
    "routine": {"target": 0.90, "tests": ["tests/test_routine.py", "tests/test_routine_properties.py",
                                          "tests/test_routine_events.py"]},
    "speech": {"target": 0.90, "tests": ["tests/test_speech.py", "tests/test_speech_properties.py"]},
    "triage": {"target": 0.85, "tests": ["tests/test_triage.py", "tests/test_triage_mechanics.py",
                                         "tests/test_triage_kinds.py"]},
    "questions": {"target": 0.90, "tests": ["tests/test_questions.py"]},
}
# mutmut's exit codes of a mutant no test caught: the tests passed (0), no test reached it
# (5, 33) or it was skipped (34). Any other code (1, and the timeouts -24, 36, 152) is a kill.
NOT_KILLED = (0, 5, 33, 34, None)
TIMEOUT = 4


def prepare(core: str) -> Path:
    """A copy of the project for one core, with mutmut's configuration for it."""
    where = BUILD / core
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    shutil.copytree(ROOT / "lambda", where / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tests", "interaction_model", "scripts"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "skill.json", where / "skill.json")
    shutil.copy2(ROOT / "scripts" / "mutate_conftest.py", where / "conftest.py")
    tests = json.dumps(CORES[core]["tests"])
    (where / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n\n'
        "[tool.mutmut]\n"
        'source_paths = ["src/"]\n'
        'only_mutate = ["src/spasm_coach/%s.py"]\n'
        "pytest_add_cli_args_test_selection = %s\n"
        'also_copy = ["interaction_model/", "skill.json", "scripts/", "conftest.py"]\n'
        # A mutant that loops is stopped after TIMEOUT times the time its tests took
        # unmutated (mutmut's default of 15 spent minutes on each one).
        "timeout_multiplier = %d\n"
        "timeout_constant = 2.0\n"
        # What pytest does on every start that no mutant needs: assertion rewriting
        # (a failing assert fails all the same) and the cache of last failures.
        'pytest_add_cli_args = ["--assert=plain", "-p", "no:cacheprovider", "-p", "_hypothesis_pytestplugin"]\n'
        # Each mutant in a process forked from a server that has only collected the
        # tests: forking from the process that ran them would hand every mutant the
        # speech the content had already rendered (Content.derived), unmutated.
        'process_isolation = "forkserver"\n' % (core, tests, TIMEOUT))
    return where


def run(core: str, jobs: int) -> Path:
    where = prepare(core)
    # pytest loads only the plugins named (PYTEST_DISABLE_PLUGIN_AUTOLOAD): looking for
    # installed ones is a scan of every package, once for each mutant.
    env = dict(os.environ, SPASM_COACH_SOURCE="src", SPASM_COACH_FRESH_RENDERING="1",
               PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    with open(where / "mutmut.log", "w") as log:
        subprocess.run([str(MUTMUT), "run", "--max-children", str(jobs)], cwd=where, env=env,
                       stdout=log, stderr=subprocess.STDOUT, check=False)
    return where


def outcomes(where: Path, core: str) -> Dict[str, Optional[int]]:
    meta = where / "mutants" / "src" / "spasm_coach" / ("%s.py.meta" % core)
    if not meta.exists():
        raise SystemExit("mutmut wrote no results for %s: see %s" % (core, where / "mutmut.log"))
    return json.loads(meta.read_text())["exit_code_by_key"]


# mutmut's own `show` command, run for every mutant asked about in one process: a process
# per mutant spent most of a run's listing starting Python and importing mutmut.
SHOW_EACH = ("import sys\n"
             "from mutmut.__main__ import cli\n"
             "for name in sys.argv[1:]:\n"
             "    cli.main(['show', name], standalone_mode=False)\n")


def changed_lines(where: Path, names: List[str]) -> Dict[str, str]:
    """The mutated line of each mutant, as `mutmut show` prints it ("+ ..."), by name."""
    if not names:
        return {}
    shown = subprocess.run([sys.executable, "-c", SHOW_EACH] + names, cwd=where, capture_output=True,
                           text=True, env=dict(os.environ, SPASM_COACH_SOURCE="src"), check=False).stdout
    added: Dict[str, List[str]] = {}
    current = None
    for line in shown.splitlines():
        header = line[2:].split(": ")[0] if line.startswith("# ") else None
        if header in names:
            current = header
            added[current] = []
        elif current and line.startswith("+") and not line.startswith("+++"):
            added[current].append(line[1:].strip())
    return {name: " / ".join(added.get(name, ())) or "?" for name in names}


def equivalents() -> List[Dict[str, str]]:
    return json.loads(EQUIVALENT.read_text()) if EQUIVALENT.exists() else []


def report(core: str, where: Path, seconds: float, cpu: float) -> Dict[str, object]:
    results = outcomes(where, core)
    known = equivalents()
    survivors, equivalent = [], []
    lines = changed_lines(where, sorted(name for name, code in results.items() if code in NOT_KILLED))
    for name, line in lines.items():
        function = name.split("__mutmut_")[0]
        why = next((e["why"] for e in known if e["function"] == function and e["change"] == line), None)
        (equivalent if why else survivors).append((name, line, why))
    total = len(results)
    killed = total - len(survivors) - len(equivalent)
    rate = killed / (total - len(equivalent)) if total > len(equivalent) else 1.0
    target = float(CORES[core]["target"])
    print("\n%s: %d mutants, %d killed, %d equivalent, %d survived: kill rate %.1f%% (target %.0f%%) "
          "in %.0f s (%.0f s of CPU)" % (core, total, killed, len(equivalent), len(survivors), 100 * rate,
                                        100 * target, seconds, cpu))
    for name, line, _ in survivors:
        print("  survived  %s: %s" % (name, line))
    for name, line, why in equivalent:
        print("  equivalent %s: %s  (%s)" % (name, line, why))
    return {"core": core, "total": total, "killed": killed, "equivalent": len(equivalent),
            "survived": len(survivors), "rate": rate, "target": target, "seconds": seconds,
            "cpu_seconds": cpu}


def cpu_of_children() -> float:
    """CPU seconds spent so far by the processes this one started (mutmut and its workers):
    on a machine shared with other work, the measure of a run that the wall clock is not."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cores", nargs="*", help="some of: %s (default: all)" % ", ".join(CORES))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--check", action="store_true", help="exit 1 when a core is below its target")
    parser.add_argument("--report-only", action="store_true",
                        help="report the last run in build/mutate again (after editing the equivalents)")
    args = parser.parse_args(argv)
    unknown = set(args.cores) - set(CORES)
    if unknown:
        parser.error("unknown core: %s" % ", ".join(sorted(unknown)))
    summaries = []
    for core in args.cores or list(CORES):
        start, cpu = time.monotonic(), cpu_of_children()
        where = BUILD / core if args.report_only else run(core, args.jobs)
        summaries.append(report(core, where, time.monotonic() - start, cpu_of_children() - cpu))
    (BUILD / "summary.json").write_text(json.dumps(summaries, indent=2))
    print("\n%-10s %8s %8s %8s %8s %8s %8s %8s" % ("core", "mutants", "killed", "equiv", "survived", "rate",
                                                 "seconds", "cpu s"))
    for s in summaries:
        print("%-10s %8d %8d %8d %8d %7.1f%% %8.0f %8.0f" % (
            s["core"], s["total"], s["killed"], s["equivalent"], s["survived"], 100 * s["rate"],
            s["seconds"], s["cpu_seconds"]))
    print("%-10s %8d %44.0f %8.0f" % ("all", sum(s["total"] for s in summaries),
                                      sum(s["seconds"] for s in summaries),
                                      sum(s["cpu_seconds"] for s in summaries)))
    below = [s["core"] for s in summaries if s["rate"] < s["target"]]
    return 1 if args.check and below else 0


if __name__ == "__main__":
    sys.exit(main())
