# The two commands a new user needs: `make demo` and `make test`.
# Both build .venv on first use; later runs reuse it and are fast.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format typecheck pytest bench bench-inputs bench-pdf bench-portfolio sample messages golden wheel clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## build the environment and write the sample offices' reports, review packs and audit programmes under reports/
	$(BIN)/readiness demo

test: lint typecheck pytest  ## run the whole suite: lint, types, tests

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)  ## mypy on the package
	$(BIN)/mypy

# Two pytest-xdist workers for the two cores the suite's budget is set on (tests that read the
# session's sample runs share one worker: tests/conftest.py); `PYTEST_WORKERS=` runs one process.
PYTEST_WORKERS ?= -n 2 --dist loadgroup

pytest: $(STAMP)  ## the tests (two workers; PYTEST_WORKERS= for one process)
	$(BIN)/python -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench-inputs: $(STAMP)  ## every bad input tried: outcome, time, peak memory
	$(BIN)/python benchmarks/bad_inputs.py

bench-pdf: $(STAMP)  ## the PDF engines tried on the county sample's report, side by side
	$(BIN)/python benchmarks/bench_pdf.py

bench: $(STAMP)  ## speed figures, printed side by side (report, reading, kernel sharing)
	@status=0; \
	$(BIN)/python benchmarks/bench_report.py || status=1; \
	$(BIN)/python benchmarks/bench_read.py || status=1; \
	$(BIN)/python benchmarks/bench_kernel.py || status=1; \
	exit $$status

bench-portfolio: $(STAMP)  ## 300 fictional offices on 1 and 2 workers: offices/s, s/office, memory, dashboard
	$(BIN)/python benchmarks/bench_portfolio.py $(BENCH_ARGS)

sample: $(STAMP)  ## rebuild the sample workbooks in data/sample from their builder
	$(BIN)/python data/sample/build_sample.py

wheel: $(STAMP)  ## build the sdist and the wheel (with the notebooks, templates and samples) into dist/
	$(BIN)/python -m build

clean:  ## remove the environment, generated reports and built packages
	rm -rf $(VENV) reports dist build .pytest_cache .mypy_cache .ruff_cache

messages: $(STAMP)  ## re-extract translatable strings and update the pl and bg catalogues
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k NC_:1c,2 --no-location --sort-output --omit-header -o src/readiness/locale/readiness.pot .
	$(BIN)/pybabel update -D readiness -i src/readiness/locale/readiness.pot -d src/readiness/locale --no-fuzzy-matching --omit-header --ignore-obsolete

golden: $(STAMP)  ## rewrite the golden notebooks and sample outputs after a deliberate change (review the diff)
	READINESS_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/integration/test_golden.py tests/integration/test_unchanged.py -q
