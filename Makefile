# Tactful's one task runner. Every target installs what it needs itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint unit evals live-smoke bench load lock browsers databases install-dev clean replicas zendesk-app docker docker-base docker-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

LOCK   := requirements.lock

# Start the service on the embedded default model (first start assembles it, ~1.1 GB).
serve: install-dev
	$(BIN)/tactful serve --host $(HOST) --port $(PORT)

# Everything is installed from the lock file, every file checked against its sha256 (--require-hashes),
# without resolving anything (--no-deps: the lock is the whole set); then the project itself, editable.
install-dev: $(VENV)/.dev-installed

$(VENV)/.dev-installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# Re-pin after a change to pyproject.toml's dependencies (resolves against the configured index).
lock: $(BIN)/python
	$(BIN)/pip install -q pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --extra embedded --extra eval --extra dev --output-file $(LOCK) pyproject.toml
	cat scripts/lock-extra.txt >> $(LOCK)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browsers:
	@{ command -v chromium >/dev/null 2>&1 && fc-list | grep -qi wqy; } || \
	  { apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

# PostgreSQL and redis-server for the feedback and rate-limit tests (each test run starts its own throwaway
# servers on loopback; nothing is started here). Debian keeps initdb in /usr/lib/postgresql/<major>/bin.
databases:
	@{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } && \
	  command -v redis-server >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq postgresql redis-server >/dev/null; }

lint: install-dev
	$(BIN)/ruff check service evals tests scripts
	$(BIN)/mypy

# Everything CI runs: lint, unit + API + browser + runtime tests and one pytest per golden case
# (replayed), the eval gate on the recordings, and a live smoke of two cases on the embedded model.
test: install-dev browsers databases lint
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(MAKE) --no-print-directory evals live-smoke

evals: install-dev
	$(BIN)/tactful eval --solver chain --solver chain-full --no-progress --out artifacts/eval

live-smoke: install-dev
	TACTFUL_CHAIN_TIMEOUT_S=600 TACTFUL_TIMEOUT_S=300 $(BIN)/tactful eval --cache off --model embedded \
	  --case refund-zh-two-calls --case refund-en-two-emails --no-gate --fail-on-degraded --no-progress \
	  --baseline artifacts/no-baseline.json --out artifacts/eval-smoke

unit: install-dev
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

# Speed figures: the embedded model over HTTP (12 golden cases), then the hosted path (full shape vs the
# single-call baseline against a fake upstream costing 0.3 s per call + 10 ms per token).
bench: install-dev
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench.py --hosted

clean:
	rm -rf $(VENV) artifacts .pytest_cache .mypy_cache .ruff_cache

# Load over real HTTP on loopback (prints figures, asserts nothing): a fake OpenAI upstream with fixed
# latency and 200 concurrent clients, then the embedded model with 20 rewrites at once.
load: install-dev
	$(BIN)/python scripts/load.py fake --clients 1,20,200
	$(BIN)/python scripts/load.py embedded --clients 20

# deploy/'s stack without Docker (PostgreSQL, a model server, 2 replicas, a round-robin proxy on loopback):
# proves spread, cross-replica feedback and a replica killed mid-load; prints 1 vs 2 replica throughput.
replicas: install-dev databases
	$(BIN)/python scripts/replicas.py --slots 4,32

# The Zendesk sidebar app as the zip Zendesk accepts (artifacts/tactful-zendesk-<version>.zip); checked first.
# ZENDESK_DOMAIN=tactful.example.com puts your Tactful host in domainWhitelist (Zendesk sends the key only there).
ZENDESK_DOMAIN ?=
zendesk-app:
	$(PYTHON) scripts/zendesk_app.py $(if $(ZENDESK_DOMAIN),--domain $(ZENDESK_DOMAIN)) --out artifacts

# The image (see the Dockerfile's head). No registry is needed: `make docker-base` builds the base from the
# Debian mirror (debootstrap, then docker import; root and a docker engine), `make docker` the image on it,
# `make docker-smoke` runs it: /readyz, then one golden rewrite (SMOKE_MODEL=embedded: the image's model).
VERSION     := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
DOCKER_BASE ?= tactful-base:bookworm
IMAGE       ?= tactful:$(VERSION)
EMBEDDED    ?= 1
SMOKE_MODEL ?= fake

docker-base:
	BASE_IMAGE=$(DOCKER_BASE) scripts/docker_base.sh

docker:
	docker build --platform linux/amd64 --build-arg BASE_IMAGE=$(DOCKER_BASE) --build-arg EMBEDDED=$(EMBEDDED) \
	  -t $(IMAGE) .

docker-smoke:
	IMAGE=$(IMAGE) scripts/docker_smoke.sh $(if $(filter embedded,$(SMOKE_MODEL)),--embedded)
