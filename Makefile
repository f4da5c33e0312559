# The only entry points a newcomer needs: `make run` (the demo) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Where `make run` serves HQ, and where `make run-post` serves the post and finds HQ:
# `make run HOST=127.0.0.1:9000`, then `make run-post HQ_URL=http://127.0.0.1:9000
# POST_HOST=127.0.0.1:9001` when other services hold ports 8000 and 8001.
HOST      ?= 127.0.0.1:8000
POST_HOST ?= 127.0.0.1:8001
HQ_URL    ?= http://$(HOST)
# The demo answers to the host names it is served on (PASSAGE_ALLOWED_HOSTS wins if set).
DEMO_HOSTS := 127.0.0.1,localhost,$(firstword $(subst :, ,$(HOST))),$(firstword $(subst :, ,$(POST_HOST)))
# Two workers: the suite takes about two minutes instead of four on a two-core machine.
PYTEST_ARGS ?= -n 2
export PASSAGE_VAR_DIR ?= $(CURDIR)/var

.PHONY: setup run run-post test check fmt bench vendor clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	PASSAGE_DEBUG=1 $(BIN)/passage setup
	PASSAGE_DEBUG=1 $(BIN)/passage demo
	@echo
	@echo "Passage is starting at http://$(HOST)/ — sign in with a demo login above."
	@echo "A border post beside it: run 'make run-post HQ_URL=$(HQ_URL)' in a second terminal (docs/operations.md)."
	PASSAGE_ALLOWED_HOSTS=$${PASSAGE_ALLOWED_HOSTS:-$(DEMO_HOSTS)} PASSAGE_DEBUG=1 $(BIN)/passage runserver $(HOST)

# A second process acting as a border post (PASSAGE_ROLE=node, var/post/), enrolled at
# the demo HQ that `make run` serves, syncing with it in the background.
run-post: setup
	PASSAGE_ALLOWED_HOSTS=$${PASSAGE_ALLOWED_HOSTS:-$(DEMO_HOSTS)} BIN=$(BIN) HQ_URL=$(HQ_URL) POST_HOST=$(POST_HOST) scripts/run-post.sh

check: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=passage.site.settings_test $(BIN)/passage check
	DJANGO_SETTINGS_MODULE=passage.site.settings_test $(BIN)/passage makemigrations --check --dry-run

test: check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

fmt: setup
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/mrz.py
	$(BIN)/python bench/passengers.py

vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
