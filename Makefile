# Two commands for a fresh machine that has only python3, pip and make:
#   make demo   generate the fictional demo council, index it, serve it on http://127.0.0.1:5000
#   make test   run the test suite
# The virtualenv is created, and the package installed into it, only when missing, so a
# developer's editable install (.venv/bin/pip install -e '.[test]') is left alone.

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
DEMO_DIR ?= demo-council
HOST     ?= 127.0.0.1
PORT     ?= 5000
PYTEST_ARGS ?=

.PHONY: help demo test

help:
	@echo "make demo   generate the demo council into $(DEMO_DIR)/, index it, serve http://$(HOST):$(PORT)"
	@echo "make test   install the test extras when missing and run pytest"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet .

demo: $(BIN)/python
	@$(BIN)/python -c "import councilsearch" 2>/dev/null || $(BIN)/python -m pip install --quiet .
	$(BIN)/councilsearch demo --dir $(DEMO_DIR) --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a failure here, and it says so.
test: $(BIN)/python
	@$(BIN)/python -c "import councilsearch, pytest, hypothesis, selenium" 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet '.[test]'
	@status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$status
