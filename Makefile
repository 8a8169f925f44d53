# Two entry points a new user needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test browser antiword serve evaluate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) antiword

# Old Word files (.doc) are read with Debian's antiword; without it they are refused with a
# message saying how to convert them, so a machine without apt only loses that.
antiword:
	@command -v antiword >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 && \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y antiword >/dev/null 2>&1 || \
		  { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y antiword >/dev/null 2>&1; }; }; } || \
		echo "note: could not install antiword (no apt-get, or not root): old Word .doc files will be refused; install antiword to read them"

run: setup
	$(BIN)/extract --corpus corpus --db out/extract.db
	@echo "Browse the result with: $(BIN)/extract serve --db out/extract.db   (then open http://127.0.0.1:8001)"

test: setup browser
	$(BIN)/pytest -q

# The browser tests drive Debian's Chromium through its chromedriver (we run as root).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi

serve: setup
	$(BIN)/extract serve --db out/extract.db

evaluate: setup
	$(BIN)/extract --corpus ../shared/gold/dev/docs --db out/dev.db
	$(BIN)/extract evaluate --gold ../shared/gold/dev/gold.jsonl --corpus ../shared/gold/dev/docs --db out/dev.db

# Throughput of extract beside underthesea's word_tokenize and sent_tokenize (see bench/run.sh).
bench: setup
	sh bench/run.sh

clean:
	rm -rf out $(VENV)
