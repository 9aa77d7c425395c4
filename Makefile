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

.PHONY: run test chat simulate package bench clean

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
	$(PY) scripts/package.py $(PACKAGE_ARGS)

# The benchmark needs only build/lambda.zip, so placeholders do not stop it.
bench: $(STAMP)
	$(PY) scripts/package.py $(PACKAGE_ARGS) --development
	$(PY) scripts/bench.py

clean:
	rm -rf build $(VENV)
