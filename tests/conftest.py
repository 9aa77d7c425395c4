import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# scripts/mutate.py runs the tests over a copy whose package folder is src/ (where the
# mutation tool expects it); everything else reads lambda/.
SOURCE = os.environ.get("SPASM_COACH_SOURCE", "lambda")
for path in (ROOT / SOURCE, ROOT / "server", ROOT / "tools", ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# Tests that import lambda_function get a skill that keeps nothing beyond the session,
# unless a test builds its own with a store; nothing is written into the project tree.
import tempfile

os.environ.setdefault("SPASM_COACH_STORE", "session")

import pytest


@pytest.fixture(autouse=os.environ.get("SPASM_COACH_FRESH_RENDERING") == "1")
def fresh_rendering():
    """Set by scripts/mutate.py: every test renders its speech anew, so the mutation tool
    sees which tests reach the rendering code (a cached turn would hide them)."""
    from spasm_coach import content, speech
    for loaded in content.loaded():
        loaded.forget_derived()
    speech.say_ssml.cache_clear()
    yield
os.environ.setdefault("SPASM_COACH_DATA_DIR", tempfile.mkdtemp(prefix="spasm-coach-test-"))


# CPython 3.11.0 to 3.11.7 can raise "SystemError: AST constructor recursion depth
# mismatch" while pytest rewrites a test module's asserts, when the garbage collector
# runs a finalizer in the middle of building the module's AST (cpython#106905, fixed in
# 3.11.8 by cpython#113035). Seen here once on a fresh collection. Collection is where
# every test module is parsed, so the collector waits until it is over.
_GC_BUG = (3, 11) <= sys.version_info[:3] < (3, 11, 8)


def pytest_configure(config):
    if _GC_BUG:
        import gc
        gc.disable()


def pytest_collection_finish(session):
    if _GC_BUG:
        import gc
        gc.enable()


# The files that take longest, longest first (CPU seconds on this project's 2-core machine,
# December 2026): `make test` hands whole files to its workers in collection order
# (--dist loadfile --no-loadscope-reorder), and a long file started last keeps one worker
# busy while the others stand idle.
LONGEST_FIRST = ("test_requests_eval.py", "test_nlu_models.py", "test_safety_recall.py",
                 "test_virtual_alexa.py", "test_web_serve.py", "test_approximate.py",
                 "test_package.py", "test_describe.py", "test_bench.py")


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as collected


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """`make test` runs the suite on pytest-xdist workers: the figures a worker's reports
    would have printed at the end (safety_eval.show_in_summary) are printed here."""
    from safety_eval import show_in_summary
    for title, text in (getattr(node, "workeroutput", None) or {}).get("summaries", {}).items():
        show_in_summary(node.config, title, text)


@pytest.fixture(scope="module")
def api_standin():
    """Alexa's Timers and Reminders APIs as the simulator serves them, on loopback HTTPS."""
    from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn
    with AlexaApiStandIn() as server:
        yield server


@pytest.fixture(scope="module")
def simulated_skill(api_standin):
    """The skill as lambda_handler serves it, keeping nothing beyond the session, its API
    calls going to ``api_standin``."""
    from spasm_coach.config import Settings
    from spasm_coach_tools.simulator.conversation import skill_handler
    return skill_handler(Settings(store="session", api_ca_bundle=api_standin.ca_path, api_timeout=3.0))  # loaded machines answer slowly
