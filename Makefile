# Every target does its own set-up: a virtual environment in .venv with the
# pinned dependencies of requirements.txt and this project installed editable.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test chat simulate package bench fuzz clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(STAMP)
	$(VENV)/bin/spasm-coach serve --no-verify --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest

chat: $(STAMP)
	$(VENV)/bin/spasm-coach chat

simulate: $(STAMP)
	$(VENV)/bin/spasm-coach simulate

package: $(STAMP)
	$(PY) scripts/package.py

bench: $(STAMP) package
	$(PY) scripts/bench.py

# Hostile, slow and odd traffic, fixed seeds, loopback only (tests run a slice of it).
fuzz: $(STAMP)
	$(PY) scripts/fuzz.py

clean:
	rm -rf build $(VENV)
