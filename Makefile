# The two quick-start commands: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_STORE ?= demo/demo.seco
DEMO_RECORDS ?= 20000
# The demo accounts' password (synthetic demo store only; README says so).
DEMO_PASSWORD := Demo-Only-Passw0rd!

.PHONY: run demo-search test lint bench demo clean installer installer-self-test

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "SECO Desktop needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(DEMO_STORE): | $(STAMP)
	printf '%s\n' '$(DEMO_PASSWORD)' | $(BIN)/seco-admin demo --records $(DEMO_RECORDS) \
		--store $(DEMO_STORE) --password-stdin

demo: $(DEMO_STORE)

run: $(DEMO_STORE)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" != Linux ]; then \
		echo "Opening SECO Desktop on $(DEMO_STORE): sign in as agent1, coach1, supervisor1 or admin"; \
		echo "with the demo password $(DEMO_PASSWORD)"; \
		$(BIN)/seco-desktop --store $(DEMO_STORE); \
	else \
		echo "No display here (try: xvfb-run make run); showing the command-line search instead."; \
		$(MAKE) --no-print-directory demo-search; \
	fi

demo-search: $(DEMO_STORE)
	@echo "--- Sample search on the demo store as agent1: 'gonzales', spelled as heard over the phone"
	@printf '%s\n' '$(DEMO_PASSWORD)' | $(BIN)/seco-admin search --store $(DEMO_STORE) \
		--user agent1 --password-stdin gonzales

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	.ci/with-keyring $(BIN)/python -m pytest -q

# The one-folder application for this machine's OS in dist/seco-desktop/, then its self-test.
INSTALLER_STAMP := $(VENV)/.installer-stamp
$(INSTALLER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,installer]'
	touch $(INSTALLER_STAMP)

installer: $(INSTALLER_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python installer/make_icons.py
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/seco-desktop.spec
	$(BIN)/python installer/fill_version.py \
		--metainfo dist/linux/mil.dod.seco.SecoDesktop.metainfo.xml >/dev/null
	cp installer/linux/seco-desktop.desktop resources/icons/seco-desktop.svg dist/linux/
	cp -r build/icons/hicolor dist/linux/
	$(MAKE) --no-print-directory installer-self-test

installer-self-test:
	QT_QPA_PLATFORM=offscreen dist/seco-desktop/seco-desktop --self-test

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) demo build dist .pytest_cache .mypy_cache .ruff_cache
