"""Tagging benchmark: fastText supervised next to curate's classifier backends, same splits, one run.

    python bench/tagging.py --docs 20000 --seed 0 --out bench/results/tagging.json [--minilm]

Corpus: the generated world (``--docs``, ``--seed``), labelled by its ground-truth ``doc_type``.
Two splits, both built with :func:`curate.classify.group_split`:

* random: a stratified random 80/20 split (in distribution: test documents share templates
  with training ones);
* held-out: whole styles (of every type) and whole procedures (of procedural documents) are
  held out; a document is a test document when its style or its procedure is held out.

Every model trains on each split's training part in a fresh process (training seconds and peak
memory of that process) and is scored by macro-F1 on the test part. Speed is measured with the
models trained on the held-out split, in fresh processes, rounds interleaved so that background
load on a shared machine hits every model alike; the best round counts:

* tag docs/s: the whole corpus through the datatrove tagging pipeline in one process (curate.io
  reader, tagger step, jsonl.gz writer): ``tag_corpus`` with ``ClassifierTagger`` for curate's
  backends, the same reader and writer around a fastText tagger step for fastText;
* predict docs/s: ``predict_proba`` (fastText: ``predict(k=-1)``) over the held-out test texts
  in memory, in the same process after tagging.

Tagging peak memory is reported for one shard and for the whole corpus: equal figures mean
memory does not grow with the corpus. fastText: ``train_supervised`` with the settings of its
text-classification tutorial (word bigrams, lr 1.0, 25 epochs, dim 50), one thread
(deterministic), on the same text curate reads (the first ``max_chars`` characters),
lower-cased with whitespace collapsed (fastText reads one line).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)  # import curate from this checkout

from datatrove.pipeline.base import PipelineStep  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from curate.classify.tagger import ClassifierTagger  # noqa: E402

from bench.common import write_results  # noqa: E402

LABELS = ("procedural", "factual", "other")
MAX_CHARS = 4000  # what the fast backend and the style rates read; fastText gets the same cut
# the settings of fastText's own text-classification tutorial (softmax loss kept for probabilities)
FASTTEXT_PARAMS = {"lr": 1.0, "epoch": 25, "wordNgrams": 2, "dim": 50, "bucket": 200_000, "thread": 1, "seed": 0,
                   "verbose": 0}
MODELS = {  # name -> (backend, params); "fasttext" is the baseline
    "fasttext": None,
    "fast": ("fast", {}),
    "embed": ("embed", {"encoder": "static"}),
    "minilm": ("embed", {"encoder": "minilm"}),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _fasttext_line(text: str) -> str:
    return " ".join(text[:MAX_CHARS].lower().split())


# --------------------------------------------------------------------------------------------
# data and splits


def load_corpus(docs_dir: Path) -> dict[str, list]:
    from curate.io import iter_documents

    data: dict[str, list] = {"texts": [], "labels": [], "styles": [], "procedures": []}
    for doc in iter_documents(docs_dir):
        data["texts"].append(doc.text)
        data["labels"].append(doc.metadata["doc_type"])
        data["styles"].append(str(doc.metadata.get("style")))
        data["procedures"].append(doc.metadata.get("procedure"))
    return data


def make_splits(data: dict[str, list], seed: int, test_size: float = 0.2) -> dict[str, dict]:
    """The random split and the held-out (styles and procedures) split, as index lists."""
    from curate.classify import group_split

    labels = data["labels"]
    tr, te = group_split(labels, None, test_size, seed)
    splits = {"random": {"train": sorted(tr.tolist()), "test": sorted(te.tolist())}}
    _, te_style = group_split(labels, data["styles"], test_size, seed)
    held_styles = {data["styles"][i] for i in te_style}
    proc_idx = [i for i, p in enumerate(data["procedures"]) if p]
    procs = [data["procedures"][i] for i in proc_idx]
    _, te_proc = group_split(["procedural"] * len(procs), procs, test_size, seed)
    held_procs = {procs[i] for i in te_proc}
    test = [i for i in range(len(labels)) if data["styles"][i] in held_styles or data["procedures"][i] in held_procs]
    test_set = set(test)
    splits["heldout"] = {"train": [i for i in range(len(labels)) if i not in test_set], "test": test,
                         "styles": sorted(held_styles), "procedures": sorted(held_procs)}
    return splits


# --------------------------------------------------------------------------------------------
# fastText in the same shape as a curate classifier


class FastText:
    """fastText supervised behind what the benchmark and the tagger call: fit, predict_proba, labels, tag."""

    labels = list(LABELS)
    tag = "fasttext"

    def __init__(self, model=None) -> None:
        self.model = model

    def fit(self, texts: list[str], labels: list[str], work: Path) -> "FastText":
        import fasttext

        work.mkdir(parents=True, exist_ok=True)
        train_file = work / "fasttext-train.txt"
        with open(train_file, "w", encoding="utf-8") as f:
            for text, label in zip(texts, labels):
                f.write(f"__label__{label} {_fasttext_line(text)}\n")
        self.model = fasttext.train_supervised(str(train_file), **FASTTEXT_PARAMS)
        train_file.unlink()
        return self

    def predict_proba(self, texts: list[str]):
        """Probabilities of LABELS, from the C++ ``predict`` of each line.

        fastText's Python ``predict`` breaks under NumPy 2 (``copy=False``) and its list form
        returns the top probability for every label, so the binding is called directly.
        """
        import numpy as np

        index = {f"__label__{lab}": j for j, lab in enumerate(LABELS)}
        predict, k = self.model.f.predict, len(LABELS)
        out = np.zeros((len(texts), k))
        for i, text in enumerate(texts):
            for p, name in predict(_fasttext_line(text) + "\n", k, 0.0, "strict"):
                out[i, index[name]] = p
        return out


class FastTextTagger(ClassifierTagger):
    """ClassifierTagger's loop, tagging with a fastText model (loaded lazily, in the worker)."""

    name = "fastText tagger"

    def __init__(self, model_path: str, batch_size: int = 512) -> None:
        PipelineStep.__init__(self)  # not ClassifierTagger's: there is no curate classifier directory to check
        self.model_path, self.batch_size, self.key, self.digits = model_path, batch_size, "curate", 6
        self._clf = None

    @property
    def classifier(self) -> FastText:
        if self._clf is None:
            import fasttext

            self._clf = FastText(fasttext.load_model(self.model_path))
        return self._clf


# --------------------------------------------------------------------------------------------
# jobs, each in a fresh process


def _train_job(model: str, split: str, work: str, queue) -> None:
    """Fit ``model`` on the split's training part, save it, score macro-F1 on the test part."""
    import numpy as np
    from sklearn.metrics import f1_score

    from curate.classify import make_classifier

    w = Path(work)
    data = load_corpus(w / "world" / "docs")
    idx = json.loads((w / "splits.json").read_text())[split]
    texts, labels = data["texts"], data["labels"]
    train_texts, train_labels = [texts[i] for i in idx["train"]], [labels[i] for i in idx["train"]]
    out = w / "models" / f"{model}-{split}"
    t0 = time.perf_counter()
    if model == "fasttext":
        clf = FastText().fit(train_texts, train_labels, w)
        seconds = time.perf_counter() - t0
        out.mkdir(parents=True, exist_ok=True)
        clf.model.save_model(str(out / "model.bin"))
    else:
        backend, params = MODELS[model]
        clf = make_classifier(backend, seed=0, **params).fit(train_texts, train_labels, classes=list(LABELS))
        seconds = time.perf_counter() - t0
        clf.save(out, name=f"{model}-{split}")
    rss = _peak_mb()
    proba = clf.predict_proba([texts[i] for i in idx["test"]])
    pred = [LABELS[k] for k in np.asarray(proba).argmax(axis=1)]
    truth = [labels[i] for i in idx["test"]]
    per_class = f1_score(truth, pred, labels=list(LABELS), average=None)
    queue.put({"train_seconds": seconds, "train_peak_mb": rss,
               "macro_f1": float(f1_score(truth, pred, labels=list(LABELS), average="macro")),
               "f1": {lab: float(v) for lab, v in zip(LABELS, per_class)}})


def _tag_job(model: str, inputs: list[str], work: str, predict: bool, queue) -> None:
    """Tag ``inputs`` through the datatrove pipeline; then time predict_proba on the test texts."""
    from curate.io import resolve_inputs

    from curate.classify.tagger import label_counts

    w = Path(work)
    model_dir = w / "models" / f"{model}-heldout"
    out = w / "tagged" / model
    shutil.rmtree(out, ignore_errors=True)
    wall, cpu = time.perf_counter(), time.process_time()
    if model == "fasttext":
        from datatrove.executor import LocalPipelineExecutor

        from curate.io import corpus_reader, corpus_writer

        files = resolve_inputs(inputs)
        LocalPipelineExecutor([corpus_reader(inputs), FastTextTagger(str(model_dir / "model.bin")), corpus_writer(out)],
                              tasks=len(files), workers=1, logging_dir=str(out / ".datatrove")).run()
    else:
        from curate.classify import tag_corpus

        tag_corpus(inputs, out, model_dir, workers=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n_docs = sum(label_counts(out / ".datatrove").values())
    result = {"tag_seconds": wall, "tag_cpu_seconds": cpu, "tag_docs": n_docs, "tag_peak_mb": _peak_mb()}
    if predict:
        data = load_corpus(w / "world" / "docs")
        idx = json.loads((w / "splits.json").read_text())["heldout"]["test"]
        texts = [data["texts"][i] for i in idx]
        del data
        if model == "fasttext":
            import fasttext

            clf = FastText(fasttext.load_model(str(model_dir / "model.bin")))
        else:
            from curate.classify import load_classifier

            clf = load_classifier(model_dir)
        clf.predict_proba(texts[:64])
        t0, c0 = time.perf_counter(), time.process_time()
        clf.predict_proba(texts)
        result.update({"predict_seconds": time.perf_counter() - t0, "predict_cpu_seconds": time.process_time() - c0,
                       "predict_docs": len(texts)})
    queue.put(result)


def _in_fresh_process(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    while True:  # a job that dies puts nothing in the queue: stop instead of waiting forever
        try:
            result = queue.get(timeout=2)
            break
        except Empty:
            if not proc.is_alive():
                raise RuntimeError(f"{target.__name__}{args} failed with exit code {proc.exitcode}") from None
    proc.join()
    return result


# --------------------------------------------------------------------------------------------
# the run


def run(n_docs: int, seed: int, models: list[str], repeat: int, work: Path) -> dict:
    from curate.io import resolve_inputs
    from curate.world import generate_world

    generate_world(work / "world", n_docs=n_docs, seed=seed, max_docs_per_shard=max(1, n_docs // 2))
    data = load_corpus(work / "world" / "docs")
    splits = make_splits(data, seed)
    (work / "splits.json").write_text(json.dumps(splits))
    shards = [str(p) for p in resolve_inputs(work / "world" / "docs")]
    results: dict[str, dict] = {m: {} for m in models}
    for split in ("random", "heldout"):
        for model in models:
            r = _in_fresh_process(_train_job, model, split, str(work))
            results[model][split] = r
    for model in models:
        results[model]["tag_one_shard"] = _in_fresh_process(_tag_job, model, shards[:1], str(work), False)
    for _ in range(repeat):
        for model in models:
            r = _in_fresh_process(_tag_job, model, shards, str(work), True)
            best = results[model].get("speed")
            results[model]["speed"] = r if best is None else {
                k: (min(best[k], r[k]) if k.endswith("seconds") else max(best[k], r[k])) for k in r}
    rows = []
    for model in models:
        r = results[model]
        s = r["speed"]
        rows.append({
            "model": model,
            "train_seconds": r["heldout"]["train_seconds"],
            "train_peak_mb": r["heldout"]["train_peak_mb"],
            "tag_docs_per_s": s["tag_docs"] / s["tag_seconds"],
            "tag_docs_per_cpu_s": s["tag_docs"] / s["tag_cpu_seconds"],
            "predict_docs_per_s": s["predict_docs"] / s["predict_seconds"],
            "predict_docs_per_cpu_s": s["predict_docs"] / s["predict_cpu_seconds"],
            "tag_peak_mb_one_shard": r["tag_one_shard"]["tag_peak_mb"],
            "tag_peak_mb_all": s["tag_peak_mb"],
            "tag_docs": s["tag_docs"],
            "macro_f1_random": r["random"]["macro_f1"],
            "macro_f1_heldout": r["heldout"]["macro_f1"],
            "f1_heldout": r["heldout"]["f1"],
        })
    held = splits["heldout"]
    return {
        "docs": n_docs,
        "seed": seed,
        "shards": len(shards),
        "repeat": repeat,
        "splits": {
            "random": {"train": len(splits["random"]["train"]), "test": len(splits["random"]["test"])},
            "heldout": {"train": len(held["train"]), "test": len(held["test"]),
                        "held_out_styles": held["styles"], "held_out_procedures": held["procedures"]},
        },
        "fasttext_params": FASTTEXT_PARAMS,
        "max_chars": MAX_CHARS,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(),
        "results": rows,
    }


def targets(report: dict) -> list[tuple[str, bool, str]]:
    """(target, met, figures) for the speed and accuracy targets of the classifiers."""
    by = {r["model"]: r for r in report["results"]}
    out = []
    if "fasttext" in by and "fast" in by:
        ft, fa = by["fasttext"], by["fast"]
        for split in ("random", "heldout"):
            a, b = fa[f"macro_f1_{split}"], ft[f"macro_f1_{split}"]
            out.append((f"fast macro-F1 >= fastText ({split})", a >= b, f"{a:.3f} vs {b:.3f}"))
        for kind in ("tag", "predict"):
            ratio = fa[f"{kind}_docs_per_s"] / ft[f"{kind}_docs_per_s"]
            out.append((f"fast {kind} docs/s >= 0.5x fastText", ratio >= 0.5, f"{ratio:.2f}x"))
    if "embed" in by:
        for kind in ("tag", "predict"):
            v = by["embed"][f"{kind}_docs_per_s"]
            out.append((f"embed {kind} docs/s >= 2,000", v >= 2000, f"{v:,.0f}"))
    return out


def show(report: dict) -> None:
    sp = report["splits"]
    table = Table(
        title=f"tagging: {report['docs']:,} world documents (seed {report['seed']}), {report['cpus']} CPUs, "
              f"best of {report['repeat']}",
        caption=f"random split {sp['random']['train']:,}/{sp['random']['test']:,}; held-out split "
                f"{sp['heldout']['train']:,}/{sp['heldout']['test']:,} ({len(sp['heldout']['held_out_styles'])} "
                f"styles and {len(sp['heldout']['held_out_procedures'])} procedures held out)\n"
                "train s / MB: fit on the held-out split's training part, peak RSS of that process\n"
                "tag: whole corpus through reader -> tagger -> jsonl.gz writer, one process; "
                "MB for one shard / all shards\npredict: predict_proba on the held-out test texts in memory",
        caption_justify="left",
    )
    for name in ["model", "train s", "train MB", "tag docs/s", "tag docs/CPU-s", "predict docs/s",
                 "tag MB 1 shard / all", "macro-F1 random", "macro-F1 held-out"]:
        table.add_column(name, justify="left" if name == "model" else "right")
    for r in report["results"]:
        table.add_row(r["model"], f"{r['train_seconds']:.1f}", f"{r['train_peak_mb']:.0f}",
                      f"{r['tag_docs_per_s']:,.0f}", f"{r['tag_docs_per_cpu_s']:,.0f}", f"{r['predict_docs_per_s']:,.0f}",
                      f"{r['tag_peak_mb_one_shard']:.0f} / {r['tag_peak_mb_all']:.0f}",
                      f"{r['macro_f1_random']:.3f}", f"{r['macro_f1_heldout']:.3f}")
    console = Console(width=max(Console().width, 130))
    console.print(table)
    for name, met, figures in targets(report):
        console.print(f"{'[green]meets[/]' if met else '[red]misses[/]'} {name}: {figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the generated world")
    parser.add_argument("--seed", type=int, default=0, help="world and split seed")
    parser.add_argument("--repeat", type=int, default=2, help="tagging rounds per model; the fastest counts")
    parser.add_argument("--minilm", action="store_true", help="also the embed backend on the MiniLM transformer (slow)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "tagging.json", help="JSON report")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    models = ["fasttext", "fast", "embed"] + (["minilm"] if args.minilm else [])
    with tempfile.TemporaryDirectory(prefix="curate-bench-tagging-") as work:
        report = run(args.docs, args.seed, models, args.repeat, Path(work))
    report["targets"] = [{"target": n, "met": m, "figures": f} for n, m, f in targets(report)]
    show(report)
    write_results(report, args.out)


if __name__ == "__main__":
    main()
