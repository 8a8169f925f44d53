# Two entry points a new user needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test browser serve evaluate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

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
