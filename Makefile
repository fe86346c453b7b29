# Everything runs from a virtual environment in .venv, built on first use from the pinned files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The documented test, run concurrently: 700 employees by 20 users. With no HOST the
# suite starts its own emulator (PBX model on) and stops it at the end.
EMPLOYEES ?= 700
USERS ?= 20
HOST ?=
USER_CLASS ?= EmployeeUser
REPORTS := reports

.PHONY: run test lint bench emulator clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Then the cleanup is offered (asked at a terminal); the exit code stays the run's.
run: $(STAMP)
	mkdir -p $(REPORTS)
	status=0; $(BIN)/locust -f locustfile.py --headless $(if $(HOST),--host $(HOST)) \
		--users $(USERS) --spawn-rate $(USERS) --employees $(EMPLOYEES) \
		--csv $(REPORTS)/run --html $(REPORTS)/run.html \
		--ledger '$(REPORTS)/ledger-{run_id}.csv' --only-summary $(USER_CLASS) || status=$$?; \
	$(BIN)/python -m tools.offer_cleanup $(REPORTS) $(if $(HOST),,--emulator); \
	exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m bench

emulator: $(STAMP)
	$(BIN)/python -m emulator

clean:
	rm -rf $(VENV) reports .pytest_cache
