#!/usr/bin/env python3
"""How much the coach adds on top of the ASK SDK (`make bench`).

    .venv/bin/python scripts/bench.py [--iterations 1000] [--cold-runs 9] [--no-endpoint]

One run on one machine, every figure beside the same figure for a hello-world
ask-sdk-core skill (scripts/minimal_skill: a launch handler and one intent,
on the SDK's own ``SkillBuilder().lambda_handler()``):

- per request, through ``lambda_handler``: p50 and p99 for the main requests,
  with the SQLite memory on (a temporary data folder, one user whose record is
  read and written for real); the two skills are timed in alternation, after a
  warm-up, so drift on the machine falls on both;
- cold start: the time to import ``lambda_function`` in a fresh interpreter
  (several runs, medians), and each process's peak memory after answering;
- size: build/lambda.zip beside a zip of the SDK's own dependencies with the
  minimal skill (what any skill on this SDK ships);
- the endpoint: gunicorn on loopback with request verification on, through
  scripts/loadtest.py, requests per second and p99.

Prints a table with PASS or FAIL per target, writes the figures to
build/bench.json, and profiles whatever misses its target (import time by
module, request time by where it is spent). Exits 0 whether targets pass or
not: this is a report; it exits 1 only when it could not measure.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import json
import math
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
LAMBDA_DIR = ROOT / "lambda"
MINIMAL_DIR = SCRIPTS / "minimal_skill"
for _path in (LAMBDA_DIR, SCRIPTS, ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# The targets of issue 8.
REQUEST_P50_RATIO = 1.5      # per-request p50, coach / minimal, at most
COLD_IMPORT_RATIO = 1.5      # cold import, coach / minimal, at most
ENDPOINT_RPS_RATIO = 0.8     # endpoint throughput, coach / minimal, at least
ZIP_EXTRA_BYTES = 2 * 1024 * 1024  # build/lambda.zip beyond the SDK's own, at most

USER_ID = "amzn1.ask.account.BENCH"
MINIMAL_INTENT = "HelloWorldIntent"
RED_FLAG_WORDS = "I wet myself"
MINIMAL_APP = "minimal_skill.wsgi:create_app()"


class BenchError(Exception):
    """Something could not be measured (as opposed to a target missed)."""


# --- small helpers -------------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, int(math.ceil(p / 100.0 * len(ordered))))
    return ordered[min(rank, len(ordered)) - 1]


def ratio(ours: float, base: float) -> float:
    return ours / base if base else float("nan")


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def _size(count: float) -> str:
    if abs(count) >= 1024 * 1024:
        return "%.2f MB" % (count / (1024 * 1024))
    return "%.0f KB" % (count / 1024)


def machine() -> Dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {"cpu": cpu, "cpus": usable, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "os": platform.platform()}


# --- the requests --------------------------------------------------------------------------

@dataclass
class Row:
    """One kind of request, the minimal skill's request it is compared with, and a check
    that the coach answered it the way the row means (so the right path is timed)."""

    key: str
    label: str
    event: Dict[str, Any]
    baseline: str  # "launch" or "intent": the minimal skill's request of the same kind
    check: Callable[[Dict[str, Any]], Optional[str]]


def _attributes(response: Dict[str, Any]) -> Dict[str, Any]:
    return response.get("sessionAttributes") or {}


def _speaks(response: Dict[str, Any]) -> Optional[str]:
    body = response.get("response") or {}
    if not (body.get("outputSpeech") or {}).get("ssml"):
        return "no speech"
    return None


def _expect(test: Callable[[Dict[str, Any]], bool], what: str) -> Callable[[Dict[str, Any]], Optional[str]]:
    def check(response: Dict[str, Any]) -> Optional[str]:
        return _speaks(response) or (None if test(response) else what)
    return check


def red_flag_intent(model_path: Path = ROOT / "interaction_model" / "en-US.json") -> Tuple[str, str]:
    """The intent and slot a symptom arrives in, as the interaction model names them."""
    try:
        model = json.loads(model_path.read_text(encoding="utf-8"))
        intents = model["interactionModel"]["languageModel"]["intents"]
    except (OSError, ValueError, KeyError):
        intents = []
    for wanted in ("SymptomIntent", "SafetyAnswerIntent"):
        for intent in intents:
            if intent.get("name") == wanted and intent.get("slots"):
                return wanted, intent["slots"][0]["name"]
    return "SymptomIntent", "Symptom"


def coach_rows(handler: Callable[[Dict[str, Any], Any], Dict[str, Any]]) -> List[Row]:
    """The main requests, each in the state a real conversation reaches it in.

    The session attributes come from running the conversation once through
    `handler`, so they are exactly what the skill itself hands back.
    """
    from envelopes import intent, launch
    from spasm_coach import questions

    def run(event: Dict[str, Any]) -> Dict[str, Any]:
        return handler(event, None)

    launched = _attributes(run(launch(user_id=USER_ID)))
    screened = dict(launched, screened=True)
    first = run(intent("StartRoutineIntent", attributes=screened, user_id=USER_ID))
    if (_attributes(first).get("routine") or {}).get("stage") == "caution":
        # The first stretch asks its caution first: "no" gives its set-up, where "next" moves on.
        first = run(intent("AMAZON.NoIntent", attributes=_attributes(first), user_id=USER_ID))
    in_routine = _attributes(first)
    first_step = in_routine.get("routine") or {}
    first_ssml = ((first.get("response") or {}).get("outputSpeech") or {}).get("ssml")
    flag_intent, flag_slot = red_flag_intent()

    def moved(response: Dict[str, Any]) -> bool:
        now = _attributes(response).get("routine") or {}
        return (now.get("step"), now.get("part"), now.get("stage")) != (
            first_step.get("step"), first_step.get("part"), first_step.get("stage"))

    def repeated(response: Dict[str, Any]) -> bool:
        return ((response.get("response") or {}).get("outputSpeech") or {}).get("ssml") == first_ssml

    def still_open(response: Dict[str, Any]) -> bool:
        return not (response.get("response") or {}).get("shouldEndSession")

    return [
        Row("launch", "launch", launch(user_id=USER_ID), "launch", _expect(still_open, "session ended")),
        Row("spasm", '"my back is spasming" (one-shot)',
            intent("SpasmIntent", new=True, user_id=USER_ID), "intent",
            _expect(still_open, "session ended")),
        Row("screening", "start stretches: screening question",
            intent("StartRoutineIntent", attributes=launched, user_id=USER_ID), "intent",
            _expect(lambda r: _attributes(r).get("pending") == questions.SEQUENCES["screening"][0],
                    "no screening question")),
        Row("first_stretch", "start stretches: first stretch",
            intent("StartRoutineIntent", attributes=screened, user_id=USER_ID), "intent",
            _expect(lambda r: (_attributes(r).get("routine") or {}).get("status") == "active",
                    "no routine started")),
        Row("next", "next", intent("AMAZON.NextIntent", attributes=in_routine, user_id=USER_ID),
            "intent", _expect(moved, "the routine did not move on")),
        Row("repeat", "repeat", intent("AMAZON.RepeatIntent", attributes=in_routine, user_id=USER_ID),
            "intent", _expect(repeated, "not the same speech again")),
        Row("red_flag", 'red flag: "%s"' % RED_FLAG_WORDS,
            intent(flag_intent, {flag_slot: RED_FLAG_WORDS}, attributes=in_routine, user_id=USER_ID),
            "intent", _expect(lambda r: _attributes(r).get("safety") == "emergency",
                              "not routed as an emergency")),
        Row("help", "help", intent("AMAZON.HelpIntent", attributes=launched, user_id=USER_ID),
            "intent", _expect(still_open, "session ended")),
        Row("fallback", "fallback", intent("AMAZON.FallbackIntent", attributes=launched, user_id=USER_ID),
            "intent", _expect(still_open, "session ended")),
    ]


def minimal_events() -> Dict[str, Dict[str, Any]]:
    from envelopes import intent, launch
    return {"launch": launch(user_id=USER_ID),
            "intent": intent(MINIMAL_INTENT, user_id=USER_ID)}


# --- loading both skills in this process ---------------------------------------------------

def load_skills(data_dir: Path) -> Tuple[Any, Any]:
    """Both lambda_function modules: the coach with its SQLite memory in `data_dir`, and the
    minimal skill."""
    os.environ["SPASM_COACH_STORE"] = "sqlite"
    os.environ["SPASM_COACH_DATA_DIR"] = str(data_dir)
    os.environ.pop("DYNAMODB_PERSISTENCE_TABLE_NAME", None)
    return (importlib.import_module("lambda_function"),
            importlib.import_module("minimal_skill.lambda_function"))


# --- per request ---------------------------------------------------------------------------

@dataclass
class RequestTimes:
    row: Row
    ours: List[int] = field(default_factory=list)      # ns
    minimal: List[int] = field(default_factory=list)   # ns, timed beside this row

    def summary(self) -> Dict[str, Any]:
        ours50, ours99 = percentile(self.ours, 50), percentile(self.ours, 99)
        base50, base99 = percentile(self.minimal, 50), percentile(self.minimal, 99)
        p50_ratio = ratio(ours50, base50)
        return {"key": self.row.key, "label": self.row.label, "baseline": self.row.baseline,
                "samples": len(self.ours),
                "ours_p50_ms": ours50 / 1e6, "ours_p99_ms": ours99 / 1e6,
                "minimal_p50_ms": base50 / 1e6, "minimal_p99_ms": base99 / 1e6,
                "p50_ratio": p50_ratio, "p99_ratio": ratio(ours99, base99),
                "target": REQUEST_P50_RATIO, "pass": p50_ratio <= REQUEST_P50_RATIO}


def _timed(handler: Callable, event: Dict[str, Any]) -> int:
    started = time.perf_counter_ns()
    handler(event, None)
    return time.perf_counter_ns() - started


def time_requests(coach: Callable, minimal: Callable, rows: Sequence[Row],
                  baseline: Dict[str, Dict[str, Any]], iterations: int,
                  warmup: int) -> Tuple[List[RequestTimes], Dict[str, List[int]]]:
    """Each row and its minimal counterpart timed side by side, in turns: the order of
    the rows rotates every round, and which skill goes first alternates."""
    for row in rows:
        problem = row.check(coach(row.event, None))
        if problem:
            raise BenchError("%s: %s" % (row.label, problem))
    for kind, event in baseline.items():
        if _speaks(minimal(event, None)):
            raise BenchError("the minimal skill did not answer its %s" % kind)
    times = [RequestTimes(row) for row in rows]
    pooled: Dict[str, List[int]] = {kind: [] for kind in baseline}
    for turn in range(warmup + iterations):
        keep = turn >= warmup
        shift = turn % len(times)
        for slot, entry in enumerate(times[shift:] + times[:shift]):
            base_event = baseline[entry.row.baseline]
            if (turn + slot) % 2:
                ours, base = _timed(coach, entry.row.event), _timed(minimal, base_event)
            else:
                base, ours = _timed(minimal, base_event), _timed(coach, entry.row.event)
            if keep:
                entry.ours.append(ours)
                entry.minimal.append(base)
                pooled[entry.row.baseline].append(base)
    return times, pooled


# --- cold start and peak memory --------------------------------------------------------------

# Runs in a fresh interpreter: times the import alone, then answers the given events
# so the peak memory is that of a process that has served requests. The peak is
# read from /proc/self/status (VmHWM) where there is one: on Linux, ru_maxrss keeps
# the parent's peak across fork and exec, so a small child would report the bench's.
CHILD = """
import sys, time
started = time.perf_counter_ns()
import lambda_function
imported = time.perf_counter_ns() - started
import json, resource
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
after_import = peak_kb()
with open(sys.argv[1]) as handle:
    events = json.load(handle)
for _ in range(int(sys.argv[2])):
    for event in events:
        lambda_function.lambda_handler(event, None)
print(json.dumps({"import_ns": imported, "maxrss_import_kb": after_import, "maxrss_kb": peak_kb()}))
"""


def child_env(code_dir: Path, data_dir: Path) -> Dict[str, str]:
    """Only the skill's own folder on the path, the coach's memory on SQLite in `data_dir`."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "SPASM_COACH_", "DYNAMODB_"))}
    env.update({"PYTHONPATH": str(code_dir),
                "SPASM_COACH_STORE": "sqlite", "SPASM_COACH_DATA_DIR": str(data_dir)})
    return env


def run_child(code_dir: Path, events_file: Path, repeats: int, data_dir: Path,
              importtime: bool = False) -> Dict[str, Any]:
    command = [sys.executable] + (["-X", "importtime"] if importtime else []) + [
        "-c", CHILD, str(events_file), str(repeats)]
    started = time.perf_counter_ns()
    done = subprocess.run(command, env=child_env(code_dir, data_dir), capture_output=True,
                          text=True, timeout=120, cwd=str(data_dir))
    wall = time.perf_counter_ns() - started
    if done.returncode != 0:
        raise BenchError("importing %s/lambda_function failed:\n%s" % (code_dir, done.stderr[-2000:]))
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_ns"] = wall
    if importtime:
        result["importtime"] = done.stderr
    return result


def cold_start(ours_events: List[Dict[str, Any]], minimal_events_: List[Dict[str, Any]],
               runs: int, repeats: int, work: Path) -> Dict[str, Any]:
    """Fresh interpreters importing each lambda_function in turn; medians of `runs`."""
    samples: Dict[str, List[Dict[str, Any]]] = {"ours": [], "minimal": []}
    setups = {}
    for name, code_dir, events in (("ours", LAMBDA_DIR, ours_events),
                                   ("minimal", MINIMAL_DIR, minimal_events_)):
        events_file = work / ("%s-events.json" % name)
        events_file.write_text(json.dumps(events), encoding="utf-8")
        data_dir = work / ("%s-data" % name)
        data_dir.mkdir(exist_ok=True)
        setups[name] = (code_dir, events_file, data_dir)
        run_child(code_dir, events_file, 1, data_dir)  # writes bytecode caches; not counted
    for turn in range(runs):
        for name in (("ours", "minimal") if turn % 2 == 0 else ("minimal", "ours")):
            code_dir, events_file, data_dir = setups[name]
            samples[name].append(run_child(code_dir, events_file, repeats, data_dir))

    def median_of(name: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[name])

    result: Dict[str, Any] = {"runs": runs}
    for name in samples:
        result[name] = {"import_ms": median_of(name, "import_ns") / 1e6,
                        "process_ms": median_of(name, "process_ns") / 1e6,
                        "maxrss_import_mb": median_of(name, "maxrss_import_kb") / 1024,
                        "maxrss_mb": median_of(name, "maxrss_kb") / 1024,
                        "import_ms_all": [round(s["import_ns"] / 1e6, 2) for s in samples[name]]}
    result["import_ratio"] = ratio(result["ours"]["import_ms"], result["minimal"]["import_ms"])
    result["maxrss_ratio"] = ratio(result["ours"]["maxrss_mb"], result["minimal"]["maxrss_mb"])
    result["target"] = COLD_IMPORT_RATIO
    result["pass"] = result["import_ratio"] <= COLD_IMPORT_RATIO
    result["setups"] = {name: setup for name, setup in setups.items()}
    return result


_IMPORTTIME = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)\s*$")


def parse_importtime(text: str) -> List[Tuple[str, int, int, int]]:
    """(module, depth, self us, cumulative us) from `python -X importtime` output, in the
    order printed (a module after everything it imported)."""
    found = []
    for line in text.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            found.append((match.group(4), len(match.group(3)) // 2,
                          int(match.group(1)), int(match.group(2))))
    return found


def added_import_time(ours: Sequence[Tuple[str, int, int, int]],
                      theirs: Sequence[Tuple[str, int, int, int]]) -> Dict[str, int]:
    """For each module only `ours` imports: the own time of it and of every module only
    `ours` imports below it (us). Modules both import are not charged to whoever came first."""
    shared = {module for module, _, _, _ in theirs}
    added: Dict[str, int] = {}
    pending: List[Tuple[int, int]] = []  # (depth, added us of a finished subtree)
    for module, depth, own, _ in ours:
        below = 0
        while pending and pending[-1][0] > depth:
            below += pending.pop()[1]
        total = below + (own if module not in shared else 0)
        if module not in shared:
            added[module] = total
        pending.append((depth, total))
    return added


def import_profile(setups: Dict[str, Tuple[Path, Path, Path]], top: int = 12) -> Dict[str, Any]:
    """What the coach imports that the minimal skill does not, and what it costs."""
    parsed = {name: parse_importtime(run_child(code_dir, events, 0, data, importtime=True)["importtime"])
              for name, (code_dir, events, data) in setups.items()}
    shared = {module for module, _, _, _ in parsed["minimal"]}
    own = {module: self_us for module, _, self_us, _ in parsed["ours"] if module not in shared}
    by_package: Dict[str, int] = {}
    for module, self_us in own.items():
        package = module.split(".")[0]
        by_package[package] = by_package.get(package, 0) + self_us
    added = added_import_time(parsed["ours"], parsed["minimal"])
    return {
        "extra_modules": len(own),
        "extra_self_ms": sum(own.values()) / 1000,
        "by_package_ms": sorted(((p, us / 1000) for p, us in by_package.items()),
                                key=lambda item: -item[1])[:top],
        "heaviest_ms": sorted(((m, added[m] / 1000, own[m] / 1000) for m in added),
                              key=lambda item: -item[1])[:top],
    }


# --- per-request profile -------------------------------------------------------------------

def _group(filename: str, function: str) -> str:
    """Where a profiled function lives, as a short name: a project module, a library, a
    standard-library module, or the C function itself."""
    if filename == "~":
        match = re.search(r"of '([\w.]+)", function) or re.search(r"<(?:built-in )?method (\w+)", function)
        return "builtin " + (match.group(1).split(".")[0] if match else function)
    path = filename.replace("\\", "/")
    if "/spasm_coach/" in path:
        return "spasm_coach/" + path.split("/spasm_coach/", 1)[1]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/")[0].replace(".py", "")
    match = re.search(r"/python3\.\d+/(.+)$", path)
    if match:
        return "stdlib " + match.group(1).split("/")[0].replace(".py", "")
    return Path(path).name


def profile_calls(handler: Callable, event: Dict[str, Any], calls: int) -> Dict[str, float]:
    """Microseconds per call spent in each group (own time, as cProfile counts it)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        handler(event, None)
    profiler.disable()
    groups: Dict[str, float] = {}
    for (filename, _, function), (_, _, own, _, _) in pstats.Stats(profiler).stats.items():
        name = _group(filename, function)
        groups[name] = groups.get(name, 0.0) + own
    return {name: seconds * 1e6 / calls for name, seconds in groups.items()}


def phases(skill: Any, event: Dict[str, Any], calls: int) -> Optional[Dict[str, float]]:
    """Median microseconds of the three things a lambda_handler does: read the envelope
    (json and the SDK's deserializer), run the skill, write the response."""
    if skill is None:
        return None
    from ask_sdk_model import RequestEnvelope

    spent: Dict[str, List[int]] = {"read": [], "invoke": [], "write": []}
    for _ in range(calls):
        started = time.perf_counter_ns()
        envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        read = time.perf_counter_ns()
        response = skill.invoke(request_envelope=envelope, context=None)
        invoked = time.perf_counter_ns()
        skill.serializer.serialize(response)
        spent["read"].append(read - started)
        spent["invoke"].append(invoked - read)
        spent["write"].append(time.perf_counter_ns() - invoked)
    return {name: statistics.median(values) / 1000 for name, values in spent.items()}


def request_profile(coach: Any, minimal: Any, row: Row,
                    baseline: Dict[str, Dict[str, Any]], calls: int, top: int = 10) -> Dict[str, Any]:
    """Where one request's time goes, beside the minimal skill's: by phase (timed, no
    profiler) and by module (cProfile's own time, which inflates small calls)."""
    minimal_skill = getattr(minimal, "skill_builder", None)
    split = {"ours": phases(getattr(coach, "skill", None), row.event, calls),
             "minimal": phases(minimal_skill.create() if minimal_skill else None,
                               baseline[row.baseline], calls)}
    ours = profile_calls(coach.lambda_handler, row.event, calls)
    base = profile_calls(minimal.lambda_handler, baseline[row.baseline], calls)
    excess = sorted(((name, ours.get(name, 0.0) - base.get(name, 0.0), ours.get(name, 0.0))
                     for name in set(ours) | set(base)), key=lambda item: -item[1])
    return {"row": row.key, "calls": calls, "phases_us": split,
            "ours_us": sum(ours.values()), "minimal_us": sum(base.values()),
            "excess_us": [(name, round(extra, 1), round(total, 1))
                          for name, extra, total in excess[:top] if extra > 0]}


# --- size ----------------------------------------------------------------------------------

def _requirement_name(line: str) -> Optional[str]:
    name, _, marker = line.partition(";")
    if "extra" in marker:
        return None
    return re.split(r"[\s(<>=!~\[]", name.strip(), maxsplit=1)[0]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def zip_sizes(zip_path: Path, minimal_dir: Path, work: Path) -> Dict[str, Any]:
    """build/lambda.zip beside the SDK's own: ask-sdk-core and what it requires, zipped the
    same way (scripts/package.py) with the minimal skill's lambda_function.py."""
    import package

    if not zip_path.is_file():
        raise BenchError("%s is missing: run make package" % zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        dists: Dict[str, Dict[str, Any]] = {}
        for name in names:
            match = re.match(r"^([^/]+)-[^-/]+\.dist-info/METADATA$", name)
            if not match:
                continue
            folder = name.rsplit("/", 1)[0]
            metadata = archive.read(name).decode("utf-8", "replace")
            requires = [_requirement_name(line.split(":", 1)[1])
                        for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
            record = archive.read(folder + "/RECORD").decode("utf-8", "replace") \
                if folder + "/RECORD" in names else ""
            files = {line.split(",", 1)[0] for line in record.splitlines() if line}
            files = {f for f in files if f in names} | {n for n in names if n.startswith(folder + "/")}
            dists[_norm(match.group(1))] = {"requires": [_norm(r) for r in requires if r],
                                            "files": files}
        if "ask-sdk-core" not in dists:
            raise BenchError("%s holds no ask-sdk-core" % zip_path)
        closure, todo = set(), ["ask-sdk-core"]
        while todo:
            dist = todo.pop()
            if dist in closure or dist not in dists:
                continue  # not bundled: provided by the runtime
            closure.add(dist)
            todo.extend(dists[dist]["requires"])
        sdk_files = sorted(set().union(*(dists[d]["files"] for d in closure)))
        extract = work / "sdk"
        archive.extractall(extract, members=sdk_files)
    entries = {name: extract / name for name in sdk_files}
    entries["lambda_function.py"] = minimal_dir / "lambda_function.py"
    sdk_zip = work / "minimal-lambda.zip"
    package.write_zip(entries, sdk_zip)
    ours = zip_path.stat().st_size
    sdk = sdk_zip.stat().st_size
    by_dist = {}
    for dist, info in dists.items():
        by_dist[dist] = sum(i.compress_size for i in infos if i.filename in info["files"])
    code = sum(i.compress_size for i in infos if i.filename.startswith("spasm_coach/")
               or i.filename == "lambda_function.py")
    return {"zip": str(zip_path), "zip_bytes": ours, "sdk_zip_bytes": sdk,
            "extra_bytes": ours - sdk, "sdk_distributions": sorted(closure),
            "other_distributions": {d: b for d, b in sorted(by_dist.items()) if d not in closure},
            "code_bytes": code, "target_extra_bytes": ZIP_EXTRA_BYTES,
            "pass": ours - sdk <= ZIP_EXTRA_BYTES}


# --- the endpoint --------------------------------------------------------------------------

def endpoint_requests() -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """The coach's main stateless requests, and the minimal skill's two."""
    import loadtest

    flag_intent, flag_slot = red_flag_intent()
    red_flag = loadtest.intent_request(flag_intent)
    red_flag["intent"]["slots"] = {flag_slot: {"name": flag_slot, "value": RED_FLAG_WORDS,
                                               "confirmationStatus": "NONE"}}
    coach = [{"type": "LaunchRequest"}, loadtest.intent_request("SpasmIntent"),
             loadtest.intent_request("StartRoutineIntent"), red_flag,
             loadtest.intent_request("AMAZON.HelpIntent"),
             loadtest.intent_request("AMAZON.FallbackIntent")]
    return coach, [{"type": "LaunchRequest"}, loadtest.intent_request(MINIMAL_INTENT)]


def endpoint(total: int, concurrency: int, workers: int, rounds: int, warmup: int,
             work: Path) -> Dict[str, Any]:
    """Both apps under gunicorn with verification on, loaded in alternating rounds
    (scripts/loadtest.py's servers, signer and load runner)."""
    import loadtest
    import webcerts

    coach_requests, minimal_requests = endpoint_requests()
    rounds = max(1, min(rounds, total))
    pki = loadtest.write_pki(work)
    log_path = work / "gunicorn.log"
    with webcerts.CertServer({webcerts.ALEXA_CHAIN_PATH: pki.authority.chain_pem}) as cert_server:
        env = loadtest.server_env(pki, cert_server, data_dir=work / "data")
        env["SPASM_COACH_STORE"] = "sqlite"
        signers = {"ours": loadtest.Signer(pki.authority, requests=coach_requests),
                   "minimal": loadtest.Signer(pki.authority, requests=minimal_requests)}
        with loadtest.Gunicorn(loadtest.COACH_APP, env, workers=workers, log_path=log_path) as ours, \
                loadtest.Gunicorn(MINIMAL_APP, env, workers=workers, log_path=log_path) as minimal:
            servers = [("ours", ours), ("minimal", minimal)]
            for label, server in servers:
                loadtest.warm_up(server, signers[label], label, warmup, concurrency)
            results: Dict[str, list] = {label: [] for label, _ in servers}
            for turn in range(rounds):
                size = total // rounds + (1 if turn < total % rounds else 0)
                for label, server in (servers if turn % 2 == 0 else servers[::-1]):
                    results[label].append(loadtest.run_load(
                        server.scheme, server.port, signers[label], size, concurrency, label))
    merged = {label: loadtest.merge(parts).summary() for label, parts in results.items()}
    if merged["ours"]["errors"] or merged["minimal"]["errors"]:
        tail = log_path.read_text(errors="replace").splitlines()[-20:] if log_path.exists() else []
        raise BenchError("endpoint errors: %s\n%s" % (
            {label: summary["errors"] for label, summary in merged.items()}, "\n".join(tail)))
    rps_ratio = ratio(merged["ours"]["throughput_rps"], merged["minimal"]["throughput_rps"])
    return {"requests_per_app": total, "concurrency": concurrency, "workers": workers,
            "rounds": rounds, "ours": merged["ours"], "minimal": merged["minimal"],
            "rps_ratio": rps_ratio,
            "p99_ratio": ratio(merged["ours"]["p99_ms"], merged["minimal"]["p99_ms"]),
            "target": ENDPOINT_RPS_RATIO, "pass": rps_ratio >= ENDPOINT_RPS_RATIO}


# --- the report ----------------------------------------------------------------------------

def format_report(results: Dict[str, Any]) -> str:
    lines = []
    m = results["machine"]
    lines.append("Back Spasm Coach vs a minimal ask-sdk-core skill, one run on %s (%d CPUs), "
                 "%s %s, %s" % (m["cpu"], m["cpus"], m["implementation"], m["python"], m["os"]))
    requests = results["requests"]
    lines.append("")
    lines.append("Per request through lambda_handler, SQLite memory on; %d samples a row after %d "
                 "warm-up rounds, skills alternated (target: p50 <= %.1fx minimal)" % (
                     requests["iterations"], requests["warmup"], REQUEST_P50_RATIO))
    header = "%-40s %9s %9s %11s %11s %7s %7s  %s" % (
        "request", "p50 ms", "p99 ms", "min p50 ms", "min p99 ms", "p50 x", "p99 x", "target")
    lines.append(header)
    lines.append("-" * len(header))
    for row in requests["rows"]:
        lines.append("%-40s %9.3f %9.3f %11.3f %11.3f %7.3f %7.3f  %s" % (
            row["label"], row["ours_p50_ms"], row["ours_p99_ms"], row["minimal_p50_ms"],
            row["minimal_p99_ms"], row["p50_ratio"], row["p99_ratio"], verdict(row["pass"])))
    for kind, row in requests["minimal"].items():
        lines.append("%-40s %9.3f %9.3f" % ("minimal skill: %s" % row["label"], row["p50_ms"],
                                            row["p99_ms"]))
    cold = results.get("cold")
    if cold:
        lines.append("")
        lines.append("Cold start: import lambda_function in a fresh interpreter, median of %d runs "
                     "(target: <= %.1fx minimal)" % (cold["runs"], COLD_IMPORT_RATIO))
        lines.append("%-40s %9s %9s %11s" % ("", "import ms", "process ms", "peak RSS MB"))
        for name, label in (("ours", "back spasm coach"), ("minimal", "minimal skill")):
            lines.append("%-40s %9.1f %9.1f %11.1f" % (label, cold[name]["import_ms"],
                                                       cold[name]["process_ms"], cold[name]["maxrss_mb"]))
        lines.append("%-40s %9.3f %9s %11.3f  %s" % ("coach / minimal", cold["import_ratio"], "",
                                                     cold["maxrss_ratio"], verdict(cold["pass"])))
    size = results.get("size")
    if size:
        lines.append("")
        lines.append("Package (target: no more than %s beyond the SDK's own)" % _size(ZIP_EXTRA_BYTES))
        lines.append("  build/lambda.zip                         %s" % _size(size["zip_bytes"]))
        lines.append("  SDK's own (%s) + minimal skill, zipped the same way: %s" % (
            ", ".join(size["sdk_distributions"]), _size(size["sdk_zip_bytes"])))
        others = ", ".join("%s %s" % (d, _size(b)) for d, b in size["other_distributions"].items())
        lines.append("  beyond the SDK's own                     %s (our code %s%s)  %s" % (
            _size(size["extra_bytes"]), _size(size["code_bytes"]),
            "; " + others if others else "", verdict(size["pass"])))
    elif results.get("size_error"):
        lines.append("")
        lines.append("Package: not measured (%s)  FAIL" % results["size_error"])
    point = results.get("endpoint")
    if point:
        lines.append("")
        lines.append("Endpoint: gunicorn on 127.0.0.1, %d sync workers per app, verification on, %d "
                     "requests per app at %d concurrent in %d alternating rounds (target: "
                     "throughput >= %.1fx minimal)" % (point["workers"], point["requests_per_app"],
                                                       point["concurrency"], point["rounds"],
                                                       ENDPOINT_RPS_RATIO))
        lines.append("%-40s %9s %9s %11s" % ("", "req/s", "p50 ms", "p99 ms"))
        for name, label in (("ours", "back spasm coach"), ("minimal", "minimal skill")):
            lines.append("%-40s %9.1f %9.2f %11.2f" % (label, point[name]["throughput_rps"],
                                                       point[name]["p50_ms"], point[name]["p99_ms"]))
        lines.append("%-40s %9.3f %9s %11.3f  %s" % ("coach / minimal", point["rps_ratio"], "",
                                                     point["p99_ratio"], verdict(point["pass"])))
    elif "endpoint" in results.get("skipped", []):
        lines.append("")
        lines.append("Endpoint: not measured (--no-endpoint)")
    profiles = results.get("profiles") or {}
    if profiles.get("import"):
        imp = profiles["import"]
        lines.append("")
        lines.append("Import profile (python -X importtime): %d modules the minimal skill does not "
                     "import, %.1f ms of their own" % (imp["extra_modules"], imp["extra_self_ms"]))
        lines.append("  by package: " + ", ".join("%s %.1f ms" % item for item in imp["by_package_ms"]))
        lines.append("  heaviest (with what only it pulls in / own ms): " + ", ".join(
            "%s %.1f/%.1f" % item for item in imp["heaviest_ms"]))
    for entry in profiles.get("requests", []):
        lines.append("")
        lines.append("Request profile (cProfile, %d calls) of %s: %.0f us a call vs %.0f us for the "
                     "minimal skill; where the difference goes (extra us / our total us):" % (
                         entry["calls"], entry["row"], entry["ours_us"], entry["minimal_us"]))
        lines.append("  " + ", ".join("%s +%.1f/%.1f" % item for item in entry["excess_us"]))
        split = entry["phases_us"]
        if split["ours"] and split["minimal"]:
            lines.append("  by phase, us (ours / minimal, no profiler): " + ", ".join(
                "%s %.0f/%.0f" % (name, split["ours"][name], split["minimal"][name])
                for name in ("read", "invoke", "write")))
    lines.append("")
    targets = results["targets"]
    lines.append("Targets: %d of %d pass%s" % (
        sum(1 for t in targets.values() if t), len(targets),
        "" if all(targets.values()) else " (failing: %s)" % ", ".join(
            name for name, ok in targets.items() if not ok)))
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> Dict[str, Any]:
    results: Dict[str, Any] = {"machine": machine(), "skipped": []}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="spasm-coach-bench-") as tmp:
        work = Path(tmp)
        coach_module, minimal_module = load_skills(work / "memory")
        coach, minimal = coach_module.lambda_handler, minimal_module.lambda_handler
        rows = coach_rows(coach)
        baseline = minimal_events()
        gc.collect()
        times, pooled = time_requests(coach, minimal, rows, baseline, args.iterations, args.warmup)
        summaries = [entry.summary() for entry in times]
        results["requests"] = {
            "iterations": args.iterations, "warmup": args.warmup, "rows": summaries,
            "minimal": {kind: {"label": "launch" if kind == "launch" else MINIMAL_INTENT,
                               "p50_ms": percentile(values, 50) / 1e6,
                               "p99_ms": percentile(values, 99) / 1e6, "samples": len(values)}
                        for kind, values in pooled.items()}}
        targets: Dict[str, bool] = {"request %s" % s["key"]: s["pass"] for s in summaries}

        cold_work = work / "cold"
        cold_work.mkdir()
        cold = cold_start([row.event for row in rows], list(baseline.values()),
                          args.cold_runs, args.cold_repeats, cold_work)
        setups = cold.pop("setups")
        results["cold"] = cold
        targets["cold import"] = cold["pass"]

        size_work = work / "size"
        size_work.mkdir()
        try:
            results["size"] = zip_sizes(args.zip, MINIMAL_DIR, size_work)
            targets["zip size"] = results["size"]["pass"]
        except BenchError as error:
            results["size_error"] = str(error)
            targets["zip size"] = False

        if args.no_endpoint:
            results["skipped"].append("endpoint")
        else:
            point_work = work / "endpoint"
            point_work.mkdir()
            results["endpoint"] = endpoint(args.endpoint_requests, args.concurrency, args.workers,
                                           args.rounds, args.endpoint_warmup, point_work)
            targets["endpoint throughput"] = results["endpoint"]["pass"]

        profiles: Dict[str, Any] = {}
        if args.profile or not cold["pass"]:
            profiles["import"] = import_profile(setups)
        failing = [entry for entry, s in zip(times, summaries) if args.profile or not s["pass"]]
        failing.sort(key=lambda entry: -entry.summary()["p50_ratio"])
        profiles["requests"] = [request_profile(coach_module, minimal_module, entry.row, baseline,
                                                args.profile_calls)
                                for entry in failing[:args.profile_rows]]
        results["profiles"] = profiles
    results["targets"] = targets
    results["elapsed_s"] = round(time.monotonic() - started, 1)
    return results


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=1000,
                        help="timed rounds per request (each times every row and its baseline)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed rounds first")
    parser.add_argument("--cold-runs", type=int, default=9, help="fresh interpreters per skill")
    parser.add_argument("--cold-repeats", type=int, default=5,
                        help="times each child answers its requests before its memory is read")
    parser.add_argument("--zip", type=Path, default=ROOT / "build" / "lambda.zip")
    parser.add_argument("--no-endpoint", action="store_true", help="skip the gunicorn comparison")
    parser.add_argument("--endpoint-requests", type=int, default=1500, help="requests per app")
    parser.add_argument("--endpoint-warmup", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per app")
    parser.add_argument("--rounds", type=int, default=6, help="alternating endpoint rounds")
    parser.add_argument("--profile", action="store_true",
                        help="profile even when every target passes")
    parser.add_argument("--profile-calls", type=int, default=300)
    parser.add_argument("--profile-rows", type=int, default=3,
                        help="requests profiled, worst ratio first")
    parser.add_argument("--json-out", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args(argv)
    if args.iterations < 1 or args.warmup < 0 or args.cold_runs < 1 or args.cold_repeats < 0:
        parser.error("--iterations and --cold-runs at least 1; --warmup, --cold-repeats at least 0")
    if not (0 < args.endpoint_requests <= 100000 and 0 < args.concurrency <= 256
            and 0 < args.workers <= 16 and args.endpoint_warmup > 0):
        parser.error("--endpoint-requests 1..100000, --concurrency 1..256, --workers 1..16, "
                     "--endpoint-warmup at least 1")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    try:
        results = run(args)
    except BenchError as error:
        sys.stderr.write("bench: %s\n" % error)
        return 1
    print(format_report(results))
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print("\nFigures in %s (%.0f s)" % (args.json_out, results["elapsed_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
