"""Tag documents with a classifier inside any datatrove pipeline.

>>> from datatrove.executor import LocalPipelineExecutor
>>> LocalPipelineExecutor([reader, ClassifierTagger("classifiers/kind-fast"), writer], tasks=4).run()

Each document gains ``metadata["curate"] = {"label", "probs": {label: p}, "classifier": "name@version"}``.
Documents stream through in batches of ``batch_size``: memory stays flat at any corpus size.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.batching import batched
from datatrove.utils.stats import Stats

from curate.classify.base import ClassifierError, check_classifier, load_classifier


class ClassifierTagger(PipelineStep):
    """Adds ``metadata[key] = {"label", "probs", "classifier"}`` to every document it passes on."""

    name = "🏷 curate classifier"
    type = "🏷 - TAGGER"

    def __init__(self, classifier_dir: str | Path, batch_size: int = 512, key: str = "curate", digits: int = 6) -> None:
        super().__init__()
        if batch_size < 1:
            raise ClassifierError(f"batch_size must be at least 1, got {batch_size}")
        self.classifier_dir = str(classifier_dir)
        self.batch_size = int(batch_size)
        self.key = key
        self.digits = digits
        config, _ = check_classifier(self.classifier_dir)  # fail at construction, not inside a worker
        self.labels = list(config["labels"])
        self._clf = None

    # the loaded model is not carried when datatrove copies or pickles the pipeline for its workers
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_clf"] = None
        return state

    @property
    def classifier(self):
        if self._clf is None:
            self._clf = load_classifier(self.classifier_dir)
        return self._clf

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        # counts of this task only: Slurm and Ray run the tasks of one job (tasks_per_job) on the same
        # step object, and datatrove saves each task's stats from the step's running totals
        self.stats = Stats(str(self))
        clf = self.classifier
        labels = clf.labels
        tag = clf.tag
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                proba = clf.predict_proba([doc.text for doc in batch])
            best = proba.argmax(axis=1)
            # counts once a batch: per-document stat updates cost as much as a fast model's predictions
            self.stat_update("batches")
            self.stat_update("tagged", value=len(batch))
            for k, n in enumerate(np.bincount(best, minlength=len(labels)).tolist()):
                if n:
                    self.stat_update(f"label_{labels[k]}", value=n)
            for doc, p, k in zip(batch, proba, best.tolist()):
                doc.metadata[self.key] = {
                    "label": labels[k],
                    "probs": {lab: round(float(x), self.digits) for lab, x in zip(labels, p)},
                    "classifier": tag,
                }
                yield doc


def tag_corpus(
    inputs,
    out_dir: str | Path,
    classifier_dir: str | Path,
    workers: int = 1,
    executor: str = "local",
    *,
    executor_config: dict[str, Any] | None = None,
    executor_source: str = "executor config",
    fmt: str = "jsonl.gz",
    batch_size: int = 512,
    text_key: str = "text",
    id_key: str = "id",
    skip_bad: bool = False,
    logging_dir: str | Path | None = None,
) -> dict[str, int] | None:
    """Read ``inputs``, tag every document, write shards to ``out_dir``; returns documents per label.

    Uses :func:`curate.io.corpus_reader` / :func:`curate.io.corpus_writer`. Each input file is one
    datatrove task (so each task writes its own shards, renamed into place when complete), run by
    :func:`curate.executors.run_pipeline` on ``executor`` (``local``, ``slurm`` or ``ray``, with
    ``executor_config`` settings, read from the file ``executor_source``) with ``workers`` tasks at
    once. A rerun skips tasks whose completion marker exists, so a killed run resumes. Logs and
    stats go to ``logging_dir`` (default ``<out_dir>/.datatrove``); per-label counts over all
    tasks are written to ``<out_dir>/tag_counts.json`` once every task is done. Returns ``None``
    while submitted Slurm jobs are still to run (rerun the call when they have finished).
    """
    from curate.executors import run_pipeline
    from curate.io import corpus_reader, corpus_writer, iter_documents, resolve_inputs

    if workers < 1:
        raise ClassifierError(f"workers must be at least 1, got {workers}")
    out = Path(out_dir).absolute()
    logs = Path(logging_dir or out / ".datatrove").absolute()
    files = resolve_inputs(inputs)
    if not skip_bad:  # a corpus without the text (or id) field fails here in one line, not inside a worker
        for path in files:
            next(iter(iter_documents(path, text_key=text_key, id_key=id_key, limit=1)), None)
    tasks = max(1, len(files))
    pipeline = [
        corpus_reader(inputs, text_key=text_key, id_key=id_key, skip_bad=skip_bad,
                      rejects_dir=out / ".rejects" if skip_bad else None),
        ClassifierTagger(Path(classifier_dir).absolute(), batch_size=batch_size),
        corpus_writer(out, fmt=fmt),
    ]
    if not run_pipeline(executor, pipeline, tasks=tasks, workers=min(workers, tasks), logging_dir=logs,
                        config=executor_config, source=executor_source):
        return None
    counts = label_counts(logs)
    (out / "tag_counts.json").write_text(json.dumps(counts, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts


def label_counts(logging_dir: str | Path) -> dict[str, int]:
    """Documents per label summed over every task's saved stats (this run's and earlier ones)."""
    counts: dict[str, int] = {}
    for path in sorted(Path(logging_dir, "stats").glob("*.json")):
        for step in json.loads(path.read_text()):
            for key, value in step.get("stats", {}).items():
                if key.startswith("label_"):
                    n = value["total"] if isinstance(value, dict) else value
                    counts[key[len("label_"):]] = counts.get(key[len("label_"):], 0) + int(n)
    return counts
