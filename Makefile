# Every target does its own set-up: a virtual environment in .venv with the
# pinned dependencies of requirements.txt and this project installed editable.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

# Amazon's APL validator (npm, pinned in tests/apl/package-lock.json) for the screen tests.
APL_STAMP := tests/apl/node_modules/.installed-stamp

.PHONY: run test chat simulate package bench drawings apl-validator clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(STAMP)
	$(VENV)/bin/spasm-coach serve --no-verify --host $(HOST) --port $(PORT)

test: $(STAMP) apl-validator
	$(PY) -m pytest

# Installed where node and npm are; without them the APL validation tests are skipped
# (and say so), and everything else still runs.
apl-validator:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  if [ ! -f $(APL_STAMP) ] || [ tests/apl/package-lock.json -nt $(APL_STAMP) ]; then \
	    npm ci --prefix tests/apl --no-audit --no-fund --loglevel=error && touch $(APL_STAMP) \
	      || echo "npm ci failed: the APL validation tests will be skipped"; \
	  fi; \
	else echo "node or npm not found: the APL validation tests will be skipped"; fi

# The stretch drawings as PNG, to look at (docs/drawings/, shown in the README).
drawings: $(STAMP)
	$(PY) scripts/drawings.py

chat: $(STAMP)
	$(VENV)/bin/spasm-coach chat

simulate: $(STAMP)
	$(VENV)/bin/spasm-coach simulate

package: $(STAMP)
	$(PY) scripts/package.py

bench: $(STAMP) package
	$(PY) scripts/bench.py

clean:
	rm -rf build $(VENV) tests/apl/node_modules
