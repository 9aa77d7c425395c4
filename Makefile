# Every target does its own set-up: a virtual environment in .venv with the
# pinned dependencies of requirements.txt and this project installed editable.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000
# Release values for `make package` (README, Deploy): PRIVACY_URL, TERMS_URL, ENDPOINT
# (build/sam's function), DYNAMODB_TABLE and LOG_LEVEL (build/ask's function), or
# SETTINGS=file.json holding them; HOSTED_REPO=clone of an Alexa-hosted skill to copy
# build/hosted into; DEV=1 builds with placeholders, not for release.
PACKAGE_ARGS = $(if $(SETTINGS),--settings '$(SETTINGS)') \
	$(if $(PRIVACY_URL),--privacy-url '$(PRIVACY_URL)') \
	$(if $(TERMS_URL),--terms-url '$(TERMS_URL)') \
	$(if $(ENDPOINT),--endpoint '$(ENDPOINT)') \
	$(if $(DYNAMODB_TABLE),--dynamodb-table '$(DYNAMODB_TABLE)') \
	$(if $(LOG_LEVEL),--log-level '$(LOG_LEVEL)') \
	$(if $(HOSTED_REPO),--hosted-repo '$(HOSTED_REPO)') \
	$(if $(DEV),--development)

# Amazon's APL validator (npm, pinned in tests/apl/package-lock.json) for the screen tests.
APL_STAMP := tests/apl/node_modules/.installed-stamp

.PHONY: run test chat simulate package bench fuzz mutate audit drawings models apl-validator clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(STAMP)
	$(VENV)/bin/spasm-coach serve --no-verify --host $(HOST) --port $(PORT)

# On every core (pytest-xdist), a test file to a worker: a file's module-scoped servers and
# its reports are set up once, on one worker. Files are handed out in the order collected,
# the longest first (tests/conftest.py), not by how many tests each holds.
test: $(STAMP) node-packages apl-validator
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The virtual-alexa client's packages (tests/virtual_alexa), installed exactly as locked when
# npm is here; without node or npm its test skips. A failed install does not stop the Python
# suite: the client's test then fails and says why.
NODE_CLIENT := tests/virtual_alexa
NODE_STAMP := $(NODE_CLIENT)/node_modules/.installed-stamp
NPM := $(shell command -v npm 2>/dev/null)

.PHONY: node-packages safety-report requests-report dev-report
node-packages: $(if $(NPM),$(NODE_STAMP))

$(NODE_STAMP): $(NODE_CLIENT)/package.json $(NODE_CLIENT)/package-lock.json
	@if cd $(NODE_CLIENT) && npm ci --no-audit --no-fund --loglevel=error; then touch node_modules/.installed-stamp; \
	else echo "npm ci failed in $(NODE_CLIENT): the virtual-alexa test will fail" >&2; fi

# Installed where node and npm are; without them the APL validation tests are skipped
# (and say so), and everything else still runs.
apl-validator:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  if [ ! -f $(APL_STAMP) ] || [ tests/apl/package-lock.json -nt $(APL_STAMP) ]; then \
	    npm ci --prefix tests/apl --no-audit --no-fund --loglevel=error && touch $(APL_STAMP) \
	      || echo "npm ci failed: the APL validation tests will be skipped"; \
	  fi; \
	else echo "node or npm not found: the APL validation tests will be skipped"; fi

# interaction_model/<locale>.json from interaction_model/source/ (en.yaml and one file of
# additions per locale); a test fails while a committed model differs from its source.
models: $(STAMP)
	$(PY) scripts/build_models.py

# The stretch drawings as PNG, to look at (docs/drawings/, shown in the README).
drawings: $(STAMP)
	$(PY) scripts/drawings.py

chat: $(STAMP)
	$(VENV)/bin/spasm-coach chat

simulate: $(STAMP)
	$(VENV)/bin/spasm-coach simulate

# Issue 13's measurement: the dev and sealed sets through the simulator, one-shot and
# mid-routine, beside the triage alone (tests/safety_eval.py --help for options).
safety-report: $(STAMP)
	$(PY) tests/safety_eval.py

# Issue 15's measurement: every sealed request set through the simulator, in both hearings
# (tests/requests_eval.py --help for options).
requests-report: $(STAMP)
	$(PY) tests/requests_eval.py

# The measurement tests (simulator and virtual-alexa) on the development sets as well as the
# sealed ones: what learning from the development sets is checked with. `make test` measures
# only the sets the targets are checked on.
dev-report: $(STAMP) node-packages
	SPASM_COACH_DEV_SETS=1 $(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder -p no:cacheprovider \
	  tests/test_safety_recall.py tests/test_requests_eval.py tests/test_virtual_alexa.py

package: $(STAMP)
	$(PY) scripts/package.py $(PACKAGE_ARGS)

# The benchmark needs only build/lambda.zip, so placeholders do not stop it.
bench: $(STAMP)
	$(PY) scripts/package.py $(PACKAGE_ARGS) --development
	$(PY) scripts/bench.py

# Hostile, slow and odd traffic, fixed seeds, loopback only (tests run a slice of it).
fuzz: $(STAMP)
	$(PY) scripts/fuzz.py

# Mutation testing of the pure cores (scripts/mutate.py): kill rate per core and every survivor.
mutate: $(STAMP)
	$(PY) scripts/mutate.py $(CORES)

# The spoken-length audit (scripts/audit.py): every turn of scripted conversations rendered
# with espeak-ng and measured with sox, which are installed from Debian's packages when
# missing (as root, or with sudo); elsewhere it says what to install.
audit: $(STAMP)
	@if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "make audit needs espeak-ng and sox; install them with your package manager (Debian: apt-get install espeak-ng sox) and run it again" >&2; exit 1; fi; \
	  echo "installing espeak-ng and sox (apt-get)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends espeak-ng sox \
	    || { echo "apt-get could not install espeak-ng and sox: install them and run make audit again" >&2; exit 1; }; \
	fi
	$(PY) scripts/audit.py $(if $(TURNS),--turns)

clean:
	rm -rf build $(VENV) $(NODE_CLIENT)/node_modules tests/apl/node_modules
