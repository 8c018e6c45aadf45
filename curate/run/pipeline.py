"""The whole loop in one call: each stage reads the previous stage's files and writes its own.

    world -> lm -> influence (score, label, report) -> classifier -> tag -> check -> mix -> ablate -> report

Every stage writes ``OUT/<stage>/stage.json`` (its summary and a key of the configuration it
depends on) when it finishes. A rerun skips finished stages whose key is unchanged, and the
libraries underneath resume unfinished work (training checkpoints, scored shards, tagged
files, ablation runs), so a killed ``curate run`` picks up where it stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch
from rich.console import Console

from curate.errors import CurateUserError
from curate.run.config import RunConfig

STAGE_FILE = "stage.json"
STARTED_FILE = ".stage-key"  # the key of the attempt whose outputs the folder holds
HELDOUT_SEED = 1_000_003  # offset of the held-out world's seed from the run's

#: stage name -> the config sections whose change reruns it (with the seed), and its upstream stages
STAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "world": (("world",), ()),
    "lm": (("lm",), ("world",)),
    "influence": (("influence",), ("lm",)),
    "classifier": (("classifier",), ("influence",)),
    "tag": ((), ("classifier",)),
    "check": (("check",), ("tag",)),
    "mix": (("mix",), ("tag",)),
    "ablate": (("ablate",), ("mix",)),
}


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)


class Runner:
    """Runs the stages of one configuration, skipping those already finished with the same key."""

    def __init__(self, cfg: RunConfig, console: Console | None = None, progress: bool = True) -> None:
        self.cfg = cfg
        self.out = Path(cfg.out)
        self.console = console or Console()
        self.progress = progress
        self.keys: dict[str, str] = {}
        self.results: dict[str, dict] = {}

    # ------------------------------------------------------------------ bookkeeping
    def key(self, stage: str) -> str:
        """This stage's config digest chained with its upstream stages' keys."""
        sections, upstream = STAGES[stage]
        chain = [self.cfg.stage_key(*sections), *(self.keys[u] for u in upstream)]
        return hashlib.sha256("|".join(chain).encode()).hexdigest()[:16]

    def dir(self, stage: str) -> Path:
        return self.out / stage

    @contextlib.contextmanager
    def stage(self, name: str, what: str) -> Iterator[dict | None]:
        """Yields ``None`` when the stage is finished already (its summary is loaded), else a
        dict for the stage to fill; the summary is written when the block ends normally."""
        key = self.key(name)
        self.keys[name] = key
        marker = self.dir(name) / STAGE_FILE
        n = list(STAGES).index(name) + 1
        title = f"[bold cyan][{n}/{len(STAGES)}] {name}[/]: {what}"
        if marker.is_file():
            done = json.loads(marker.read_text())
            if done.get("key") == key:
                self.results[name] = done["summary"]
                self.console.print(f"{title} [dim](done before, {done.get('seconds', 0):.0f} s; skipped)[/]")
                yield None
                return
        self.console.print(title)
        # outputs of an unfinished attempt are resumed only when that attempt had this key:
        # anything else in the stage's folder (another config's run) is stale, and goes
        started = self.dir(name) / STARTED_FILE
        if self.dir(name).exists() and not (started.is_file() and started.read_text() == key):
            shutil.rmtree(self.dir(name))
        self.dir(name).mkdir(parents=True, exist_ok=True)
        started.write_text(key)
        summary: dict = {}
        t0 = time.perf_counter()
        yield summary
        seconds = time.perf_counter() - t0
        _write_json(marker, {"key": key, "seconds": round(seconds, 1), "summary": summary})
        self.results[name] = summary
        self.console.print(f"  [green]done[/] in {seconds:.0f} s")

    # ------------------------------------------------------------------ stages
    def world(self) -> None:
        from curate.world import generate_world

        with self.stage("world", f"generate {self.cfg.world.docs:,} documents") as s:
            if s is None:
                return
            summary = generate_world(self.dir("world"), n_docs=self.cfg.world.docs, seed=self.cfg.seed)
            # a natural sample no mixture can hold, for the ablations' held-out loss: another seed's world
            n_held = max(200, self.cfg.world.docs // 40)
            generate_world(self.dir("world") / "heldout", n_docs=n_held, seed=self.cfg.seed + HELDOUT_SEED)
            s["heldout_documents"] = n_held
            s.update({"documents": summary.docs, "tokens": summary.tokens,
                      "by_doc_type": {k: d for k, d, _ in summary.table("doc_type")}})

    @property
    def docs(self) -> Path:
        return self.dir("world") / "docs"

    @property
    def queries(self) -> Path:
        return self.dir("world") / "queries"

    def lm(self) -> None:
        from curate.io import iter_documents
        from curate.lm import get_preset, train_lm
        from curate.queries import load_queries
        from curate.world.drills import drill_documents

        c = self.cfg.lm
        preset = get_preset(c.preset, steps=c.steps or None)
        with self.stage("lm", f"train the reference model ({preset.name}, {preset.total_tokens:,} tokens)") as s:
            if s is None:
                return
            queries = load_queries(self.queries, split="influence")
            texts = [d.text for d in iter_documents(self.docs)]
            texts += drill_documents(c.drills, self.cfg.seed, exclude_prompts=[q["prompt"] for q in queries])
            report = train_lm(texts, self.dir("lm") / "model", preset=preset, seed=self.cfg.seed,
                              queries=queries, progress=self.progress, threads=self.cfg.threads)
            s["drills"] = c.drills
            s.update({k: report.get(k) for k in ("params", "tokens_seen", "final_loss", "tokens_per_s", "train_s")})
            for when in ("before", "after"):
                s[f"queries_{when}"] = (report.get(f"queries_{when}") or {}).get("by_kind")

    def influence(self) -> None:
        from curate.influence.label import write_labels
        from curate.influence.report import influence_report
        from curate.influence.score import score_corpus

        c = self.cfg.influence
        with self.stage("influence", f"score {c.docs:,} documents ({c.backend}), label them, reproduce the paper's analyses") as s:
            if s is None:
                return
            d = self.dir("influence")
            scores = score_corpus(
                self.docs, self.queries / "influence.jsonl", self.dir("lm") / "model", d / "scores",
                backend=c.backend, limit=c.docs, shard_docs=c.shard_docs, progress=self.progress,
                threads=self.cfg.threads, seed=self.cfg.seed, **({"fit_docs": c.fit_docs} if c.backend == "fast" else {}),
                **c.settings,
            )
            labels = write_labels(scores, d / "labels.jsonl")
            report = influence_report(scores, d / "report", seed=self.cfg.seed)
            s.update({"labels": {k: labels[k] for k in ("counts", "thresholds", "documents")},
                      "labels_vs_truth": labels.get("evaluation"),
                      "finding1": report["finding1_correlation"], "finding2": report["finding2_answers"],
                      "dispersion": report["dispersion"], "targets": report["targets"],
                      "seconds_scoring": json.loads((scores / "meta.json").read_text()).get("seconds")})

    def classifier(self) -> None:
        from curate.classify.data import labelled_corpus, read_labels_file
        from curate.classify.evaluate import evaluate_proba
        from curate.classify.train import train_classifier

        c = self.cfg.classifier
        with self.stage("classifier", f"train the {c.backend} classifier on influence labels, evaluate on held-out documents") as s:
            if s is None:
                return
            d = self.dir("classifier")
            labels = self.dir("influence") / "labels.jsonl"
            # one pass over the corpus: influence-labelled documents train, the others (by ground truth) evaluate
            corpus = labelled_corpus(self.docs, label_field="doc_type", group_field="style")
            by_id = read_labels_file(labels)
            train = [i for i, doc_id in enumerate(corpus.ids) if doc_id in by_id]
            train_labels = [by_id[corpus.ids[i]] for i in train]
            clf = train_classifier([corpus.texts[i] for i in train], train_labels, d / "model", backend=c.backend, params=c.params,
                                   seed=self.cfg.seed, groups=[corpus.groups[i] for i in train], group_key="style",
                                   data_description=f"influence labels of {len(train):,} documents ({labels})",
                                   reference=[corpus.labels[i] for i in train], reference_key="doc_type", prune=c.prune,
                                   prune_by=c.prune_by)
            model_metrics = json.loads((d / "model" / "metrics.json").read_text())
            idx = [i for i, doc_id in enumerate(corpus.ids) if doc_id not in by_id]
            texts, truth_labels = [corpus.texts[i] for i in idx], [corpus.labels[i] for i in idx]
            # a class the influence labels never gave is one the classifier cannot predict: it scores zero
            classes = list(clf.labels) + sorted(set(truth_labels) - set(clf.labels))
            proba = clf.predict_proba(texts)
            proba = np.pad(proba, ((0, 0), (0, len(classes) - proba.shape[1])))
            truth = evaluate_proba(proba, truth_labels, classes, plot_path=d / "reliability_truth.png",
                                   title="ground truth of the unscored documents")
            s.update({"trained_on": len(train), "label_counts": dict(sorted(Counter(train_labels).items())),
                      "heldout_influence_labels": model_metrics["heldout"],
                      "heldout_ground_truth": model_metrics["heldout_reference"],
                      "vs_ground_truth": truth, "evaluated_on": len(idx)})

    def tag(self) -> None:
        from curate.classify import tag_corpus

        with self.stage("tag", "tag the whole corpus with the classifier") as s:
            if s is None:
                return
            counts = tag_corpus(self.docs, self.dir("tag") / "tagged", self.dir("classifier") / "model")
            s.update({"counts": counts})

    def check(self) -> None:
        from curate.influence.check import influence_check

        n = self.cfg.check.sample
        with self.stage("check", f"influence check of the tags on {n} documents (and of the same tags shuffled)") as s:
            if s is None:
                return
            result = influence_check(self.dir("tag") / "tagged", self.dir("lm") / "model", self.queries / "influence.jsonl",
                                     sample=n, seed=self.cfg.seed, out=self.dir("check"))
            s["tags"] = _check_summary(result)
            s["shuffled"] = result["shuffled_control"]

    def mix(self) -> None:
        from curate.mix import mix

        with self.stage("mix", f"mix {', '.join(self.cfg.mix.recipes)}") as s:
            if s is None:
                return
            for recipe in self.cfg.recipe_paths():
                out = self.dir("mix") / recipe.stem
                manifest = mix(recipe, out, inputs=[self.dir("tag") / "tagged"], budget=self.cfg.mix.budget)
                s[recipe.stem] = {
                    "budget": manifest["budget"], "accounting_adds_up": manifest["accounting"]["adds_up"],
                    "labels": {k: {f: v.get(f) for f in ("requested_share", "realized_share", "tokens")}
                               for k, v in manifest["labels"].items() if "tokens" in v},
                    "diversity": manifest["diversity"],
                }

    def ablate(self) -> None:
        from curate.ablate import ablate

        c = self.cfg.ablate
        names = [p.stem for p in self.cfg.recipe_paths()]
        with self.stage("ablate", f"train {len(names)} x {c.seeds} small models, compare on probes") as s:
            if s is None:
                return
            kwargs = {k: v for k, v in (("tokens", c.tokens), ("preset", c.preset)) if v is not None}
            results = ablate([self.dir("mix") / n for n in names], self.dir("ablate"), seeds=c.seeds,
                             probes=self.queries / "probe.jsonl", heldout=self.dir("world") / "heldout" / "docs",
                             threads=self.cfg.threads,
                             progress=self.progress, **kwargs)
            s["results"] = "ablate/results.json"
            s["arms"] = list(results.get("arms", names))

    def all(self, until: str | None = None) -> dict[str, dict]:
        """Run the stages in order, stopping after ``until`` (default: all of them)."""
        if until is not None and until not in STAGES:
            raise CurateUserError(f"unknown stage {until!r}; stages: {', '.join(STAGES)}")
        for name in STAGES:
            getattr(self, name)()
            if name == until:
                break
        return self.results


def _check_summary(result: dict) -> dict:
    return {"verdict": result["verdict"], "kappa": result["agreement"]["kappa"],
            "p_value": result["permutation"]["p_value"], "documents": result["sample"]["documents"],
            "reasons": result["reasons"]}


def run_all(cfg: RunConfig, console: Console | None = None, progress: bool = True,
            until: str | None = None) -> dict[str, dict]:
    """Run the stages of ``cfg`` (resuming) up to ``until``, then write ``OUT/report.html``;
    returns the stage summaries."""
    from curate.run.report import write_run_report

    runner = Runner(cfg, console, progress)
    before = torch.get_num_threads()
    try:
        results = runner.all(until)
    finally:
        torch.set_num_threads(before)
    _write_json(runner.out / "run.json", {"config": cfg.to_dict(), "stages": results})
    write_run_report(runner.out, cfg, results)
    return results
