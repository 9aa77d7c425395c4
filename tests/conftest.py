import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# scripts/mutate.py runs the tests over a copy whose package folder is src/ (where the
# mutation tool expects it); everything else reads lambda/.
SOURCE = os.environ.get("SPASM_COACH_SOURCE", "lambda")
for path in (ROOT / SOURCE, ROOT / "tests"):
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
