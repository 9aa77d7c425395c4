"""pytest plugin of make mutate (scripts/mutate.py copies it in as the root conftest.py).

Each mutant runs the tests that reach its code fastest first, by the durations mutmut
measured when it ran them all once (mutants/mutmut-stats.json): the first failing test
ends the run (-x), so a caught mutant costs its quickest catching test, not the slow
property tests that happen to come first. Every test still runs for a mutant none catches.
"""
import json
from pathlib import Path

STATS = Path("mutmut-stats.json")  # mutmut runs each mutant's tests from inside mutants/


def pytest_collection_modifyitems(items):
    if STATS.exists():
        durations = json.loads(STATS.read_text())["duration_by_test"]
        items.sort(key=lambda item: durations.get(item.nodeid, 0.0))
