import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "lambda", ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# Tests that import lambda_function get a skill that keeps nothing beyond the session,
# unless a test builds its own with a store; nothing is written into the project tree.
import os
import tempfile

os.environ.setdefault("SPASM_COACH_STORE", "session")
os.environ.setdefault("SPASM_COACH_DATA_DIR", tempfile.mkdtemp(prefix="spasm-coach-test-"))
