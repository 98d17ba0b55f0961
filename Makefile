# The two commands of the README: `make run` and `make test`.
# Needs only Python 3.11 and make; everything else goes into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SOURCES := $(shell find src/ungraph -name '*.py' -o -name '*.html') $(wildcard data/source/* data/reference/* ontology/*.ttl shapes/*.ttl)

.PHONY: install build run test test-fast lint clean lint-data vendor

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,refdata]'
	@touch $(STAMP)

build/ungraph.nq: $(STAMP) $(SOURCES)
	$(BIN)/ungraph build

build: $(STAMP)
	$(BIN)/ungraph build

run: install build/ungraph.nq
	$(BIN)/ungraph serve

test: install lint
	$(BIN)/python -m pytest

# ruff (pyflakes, pycodestyle errors, blind excepts, unneeded noqa) and mypy (pyproject.toml), before the tests
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

# The quick loop: everything but the browser, subprocess-server and slow tests (README, "Tests").
test-fast: install
	$(BIN)/python -m pytest -m "not browser and not server and not slow"

lint-data: install
	$(BIN)/ungraph lint-data

clean:
	rm -rf build $(VENV)

# Refresh the committed front-end files (YASGUI) from the pinned package-lock.json; needs npm.
VENDOR := src/ungraph/web/static/vendor
vendor:
	npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(VENDOR)/yasgui
	cp node_modules/@triply/yasgui/build/yasgui.min.js node_modules/@triply/yasgui/build/yasgui.min.css \
	   node_modules/@triply/yasgui/build/yasgui.min.js.LICENSE.txt node_modules/@triply/yasgui/LICENSE.txt $(VENDOR)/yasgui/
	# views (timeline, map, charts): ECharts, TopoJSON client, Natural Earth countries (world-atlas)
	mkdir -p $(VENDOR)/echarts $(VENDOR)/topojson-client $(VENDOR)/world-atlas
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE $(VENDOR)/echarts/
	cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client/
	cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
