# Set-up and the two front-door jobs. Everything installs into .venv; nothing is assumed on the machine
# except python3 (3.11+) and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch, pinned: an unpinned torch would pull a multi-GB CUDA build.
TORCH_CPU := torch==2.13.0

.PHONY: chat test install install-dev benchmarks clean

chat: $(VENV)/.installed-chat
	$(BIN)/crisp chat

test: $(VENV)/.installed-dev
	$(BIN)/pytest

install: $(VENV)/.installed-chat
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-chat: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[default-model,safety]'
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	# The REPL tests drive a real terminal through tmux (Debian package; root on CI machines).
	command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; }
	# crisp serve's tests drive Debian's chromium (Playwright's own browser download does not work here)
	# and run a real PostgreSQL (initdb/pg_ctl on a temporary folder).
	test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql; }
	$(BIN)/pip install --quiet $(TORCH_CPU)
	$(BIN)/pip install --quiet -e '.[default-model,lite-model,hf,data,serve,serve-dev,safety,train,eval,dev]'
	touch $(VENV)/.installed-chat $@

benchmarks: $(VENV)/.installed-dev
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
