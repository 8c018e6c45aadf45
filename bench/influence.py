"""Influence scoring cost and agreement: the ``fast`` backend next to the ``ekfac`` reference.

    python bench/influence.py --world /work/scratch/influence/world --model /work/scratch/influence/lm-demo \\
        --docs 2000 --out bench/results/influence.json

Both backends run :func:`curate.influence.score_corpus` on the first ``--docs`` documents of
the corpus against the ``--split`` queries, each in its own process (so peak memory, from
``ru_maxrss``, is per backend), one after the other, with the same threads and workers.
Reported per backend: wall seconds and documents/s of the run, milliseconds per document of
each phase, peak RSS; and the agreement of fast with ekfac: Spearman rank correlation per
query (median, quartiles, min) and the overlap of the top-k documents (k = 10, 50).

Targets (on the default corpus and its demo reference model): median Spearman >= 0.8, and
fast >= 5x the documents/s of ekfac on a corpus of ``--target-docs`` (20,000) documents.
ekfac's factor passes (covariance, eigenvalue correction) and its pairwise pass cost a fixed
amount per document, so its time on the target corpus is extrapolated from the per-document
phase costs measured here (plus its fixed costs: eigendecomposition, query gradients); fast's
factors are fitted on a fixed-size sample whatever the corpus size, so its fixed cost is
measured and its per-document cost is its pairwise pass. The output says which numbers are
measured and which extrapolated.

``--frontier`` also re-scores the same documents with lighter fast settings (a prefix of
each document, fewer tracked layers; see FRONTIER) using the fast run's factors, and reports
their per-document cost, extrapolated speedup and agreement: the speed/fidelity trade-off.

Ground-truth metadata (doc_type) is read here only to report what the top documents are.

Result on the demo model (20,000 docs x 243 influence queries, --threads 1 --workers 2, 2-core
shared box, 2026-12-04, measured directly): see README.md, "Benchmarks". Extrapolations from
1,000 documents overstated the ratio (4.7-5.5x against 4.0x measured on 20,000, 2026-12-03):
ekfac pays per-call overhead on few documents, and fast's pass then slowed over a long run (batch
widths meeting new oneDNN kernel shapes, fixed by padding to a multiple of 16 tokens). Quote the
target from a direct --docs 20000 run. Absolute times on this machine move by 20% between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

BACKENDS = ("fast", "ekfac")
# Lighter fast settings for --frontier: (label, settings); scored with the fast run's factors.
FRONTIER = [
    ("default", {}),
    ("float32 pass", {"compute_dtype": "float32"}),
    ("prefix 192", {"score_length": 192}),
    ("prefix 160", {"score_length": 160}),
    ("layers 1-3, prefix 192", {"modules": ["model.layers.[123].mlp.*"], "score_length": 192}),
    ("layers 1-3, prefix 160", {"modules": ["model.layers.[123].mlp.*"], "score_length": 160}),
    ("layers 1-3, prefix 128", {"modules": ["model.layers.[123].mlp.*"], "score_length": 128}),
    ("down_proj only", {"modules": ["*.mlp.down_proj"]}),
    ("down_proj only, prefix 192", {"modules": ["*.mlp.down_proj"], "score_length": 192}),
    ("down_proj only, prefix 160", {"modules": ["*.mlp.down_proj"], "score_length": 160}),
]


def run_child(args: argparse.Namespace, backend: str, out_dir: Path) -> dict:
    """Score in a fresh process; returns its result (timings from meta.json, peak RSS)."""
    cmd = [sys.executable, __file__, "--child", backend, "--world", str(args.world), "--model", str(args.model),
           "--docs", str(args.docs), "--split", args.split, "--scores", str(out_dir),
           "--threads", str(args.threads), "--workers", str(args.workers), "--shard-docs", str(args.shard_docs)]
    if backend == "fast":
        cmd += ["--fit-docs", str(args.fit_docs), "--fast-batch", str(args.fast_batch)]
        if args.fast_max_length:
            cmd += ["--fast-max-length", str(args.fast_max_length)]
    else:
        # one shard per worker: kronfluence recomputes the query gradients in every pairwise call
        cmd += ["--ekfac-batch", str(args.ekfac_batch), "--shard-docs", str(max(-(-args.docs // args.workers), 1))]
    if args.fresh:  # score_corpus resumes a finished folder of the same run: remove it to time a new one
        shutil.rmtree(out_dir, ignore_errors=True)
    subprocess.run(cmd, check=True)
    return json.loads((out_dir / "bench_child.json").read_text())


def child(args: argparse.Namespace) -> None:
    import torch

    from curate.influence import score_corpus
    from curate.io import keep_freed_memory

    torch.set_num_threads(args.threads)
    keep_freed_memory()  # as `curate influence score` does
    settings = {}
    if args.child == "fast":
        settings = {"fit_docs": args.fit_docs, "batch_size": args.fast_batch}
        if args.fast_max_length:
            settings["max_length"] = args.fast_max_length
    else:
        settings = {"batch_size": args.ekfac_batch}
    out = Path(args.scores)
    t0 = time.perf_counter()
    score_corpus(Path(args.world) / "docs", Path(args.world) / "queries" / f"{args.split}.jsonl", args.model, out,
                 backend=args.child, limit=args.docs, shard_docs=args.shard_docs, workers=args.workers,
                 threads=args.threads, progress=True, **settings)
    wall = time.perf_counter() - t0
    meta = json.loads((out / "meta.json").read_text())
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # datatrove workers, if any
    (out / "bench_child.json").write_text(json.dumps({
        "wall_s": wall, "meta": meta, "peak_rss_mb": max(self_rss, kids_rss) / 1024,
    }, indent=1))


def frontier_child(args: argparse.Namespace) -> None:
    """Score the fast run's documents with lighter settings (its factors), timing the pairwise pass."""
    import torch

    from curate.influence import FastBackend, load_scores
    from curate.lm import load_lm

    torch.set_num_threads(args.threads)
    work = Path(args.scores)
    _, docs, queries = load_scores(work / "fast")
    texts = [d["text"] for d in docs]
    model, tok = load_lm(args.model)
    out = []
    for label, settings in FRONTIER:
        be = FastBackend(**settings)
        be.prepare_queries(model, tok, queries, work / "fast" / "factors")
        raw = be.score_texts(model, tok, texts, queries, work / "fast" / "factors")
        np.save(work / f"frontier-{len(out)}.npy", raw)
        t = be.timings
        out.append({"label": label, "settings": settings, "queries_s": t.seconds.get("queries", 0.0),
                    "pairwise_ms_per_doc": 1000 * t.seconds["pairwise"] / len(texts),
                    "pairwise_cpu_ms_per_doc": 1000 * t.cpu["pairwise"] / len(texts)})
        print(out[-1], flush=True)
    (work / "frontier.json").write_text(json.dumps(out, indent=1))


def frontier(args: argparse.Namespace, work: Path, ekfac_raw: np.ndarray, rows: dict) -> list[dict]:
    cmd = [sys.executable, __file__, "--child", "frontier", "--model", str(args.model), "--scores", str(work),
           "--threads", str(args.threads)]
    subprocess.run(cmd, check=True)
    out = json.loads((work / "frontier.json").read_text())
    fast_fixed = rows["fast"]["extrapolated_target"]["fixed_s"]
    ekfac_s = rows["ekfac"]["extrapolated_target"]["seconds"]
    for i, r in enumerate(out):
        raw = np.load(work / f"frontier-{i}.npy")
        rho = spearman_columns(raw, ekfac_raw)
        r["spearman"] = quartiles(rho)
        r["top10_overlap"] = quartiles(top_overlap(raw, ekfac_raw, 10))
        fast_s = fast_fixed + r["pairwise_ms_per_doc"] / 1000 * args.target_docs
        r["speedup_at_target"] = ekfac_s / fast_s
    return out


def spearman_columns(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    from scipy.stats import spearmanr

    return np.array([spearmanr(a[:, j], b[:, j])[0] for j in range(a.shape[1])])


def top_overlap(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    k = min(k, a.shape[0])
    out = []
    for j in range(a.shape[1]):
        ta = set(np.argsort(-a[:, j], kind="stable")[:k])
        tb = set(np.argsort(-b[:, j], kind="stable")[:k])
        out.append(len(ta & tb) / k)
    return np.array(out)


def quartiles(x: np.ndarray) -> dict:
    return {"median": float(np.median(x)), "q25": float(np.percentile(x, 25)), "q75": float(np.percentile(x, 75)),
            "min": float(x.min()), "max": float(x.max())}


RANK_PHASES = ("pairwise",)  # run by each datatrove rank; the others run once in the main process


def wall_share(phase: str, workers: int) -> float:
    """The share of a phase's (rank-summed) seconds that is wall time: ranks run ``workers`` at a time."""
    return 1 / workers if phase in RANK_PHASES else 1.0


def extrapolate(meta: dict, n: int, query_seconds: float | None = None) -> dict:
    """Seconds for ``n`` documents from a run's phases: fixed phases once, per-document phases x n.

    Rank phases are summed over the ranks, which run ``workers`` at a time: they count
    ``1 / workers`` of their seconds. kronfluence's pairwise call (ekfac) computes the query
    gradients inside it, once per call (shard) and rank; ``query_seconds`` is fast's measured
    cost of the same query gradients, once in the main process on all ``workers`` threads, so a
    rank's single-threaded cost is taken as ``workers`` times that (an upper bound: threads do
    not scale perfectly). That is taken out of ekfac's per-document pairwise cost and counted once
    (the ranks compute them side by side), which favours ekfac slightly.
    """
    workers = meta.get("workers", 1)
    fixed, per_doc = 0.0, 0.0
    for phase, p in meta["phases"].items():
        seconds = p["seconds"] * wall_share(phase, workers)
        if meta["backend"] == "fast" and phase in ("covariance", "eigen_correction"):
            fixed += seconds  # fitted on a fixed-size sample: does not grow with the corpus
        elif phase == "pairwise" and meta["backend"] == "ekfac" and query_seconds:
            per_rank = query_seconds * workers
            fixed += per_rank
            per_doc += max(0.0, seconds - meta["n_shards"] / workers * per_rank) / p["docs"]
        elif p["docs"]:
            per_doc += seconds / p["docs"]
        else:
            fixed += seconds
    seconds = fixed + per_doc * n
    return {"docs": n, "seconds": seconds, "docs_per_s": n / seconds, "fixed_s": fixed, "per_doc_ms": 1000 * per_doc}


def content_report(scores: np.ndarray, docs: list[dict], queries: list[dict], k: int = 10) -> dict:
    """What the top-k documents of each query kind are (evaluation only: reads ground truth)."""
    types = np.array([d["metadata"].get("doc_type") for d in docs])
    out: dict = {}
    for kind in sorted({q["kind"] for q in queries}):
        cols = [j for j, q in enumerate(queries) if q["kind"] == kind]
        top = [np.argsort(-scores[:, j], kind="stable")[:k] for j in cols]
        shares = {t: float(np.mean([np.mean(types[ix] == t) for ix in top])) for t in ("procedural", "factual", "other")}
        row = {"top_k_doc_type_share": shares, "corpus_doc_type_share": {t: float(np.mean(types == t)) for t in shares}}
        if kind == "factual":
            has = [np.array([str(queries[j]["answer"]) in d["text"] for d in docs]) for j in cols]
            row["answer_in_top_k"] = float(np.mean([h[ix].mean() for h, ix in zip(has, top)]))
            row["answer_in_corpus"] = float(np.mean([h.mean() for h in has]))
        out[kind] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world", type=Path, default=Path("/work/scratch/influence/world"),
                    help="a `curate world` folder (docs/ and queries/)")
    ap.add_argument("--model", type=Path, default=Path("/work/scratch/influence/lm-demo"), help="reference LM folder")
    ap.add_argument("--docs", type=int, default=2000, help="documents scored by both backends")
    ap.add_argument("--target-docs", type=int, default=20_000, help="corpus size the speed target is stated for")
    ap.add_argument("--split", default="influence", help="query split (queries/<split>.jsonl)")
    ap.add_argument("--work", type=Path, default=None, help="where the score folders go (default: next to --out)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "influence.json")
    ap.add_argument("--threads", type=int, default=1, help="torch threads per process (same for both backends)")
    ap.add_argument("--workers", type=int, default=1, help="datatrove workers (same for both backends)")
    ap.add_argument("--shard-docs", type=int, default=1000)
    ap.add_argument("--fit-docs", type=int, default=None, help="fast: documents its factors are fitted on")
    ap.add_argument("--fast-batch", type=int, default=None)
    ap.add_argument("--fast-max-length", type=int, default=None)
    ap.add_argument("--ekfac-batch", type=int, default=None)
    ap.add_argument("--backends", default="fast,ekfac", help="which to (re)run; others are read from --work")
    ap.add_argument("--fresh", action="store_true", help="discard earlier score folders in --work")
    ap.add_argument("--frontier", action="store_true", help="also time lighter fast settings (see FRONTIER)")
    ap.add_argument("--child", choices=(*BACKENDS, "frontier"), help=argparse.SUPPRESS)
    ap.add_argument("--scores", help=argparse.SUPPRESS)
    args = ap.parse_args()

    from curate.influence.backends import BACKENDS as CLASSES

    args.fit_docs = args.fit_docs or CLASSES["fast"].defaults["fit_docs"]
    args.fast_batch = args.fast_batch or CLASSES["fast"].defaults["batch_size"]
    args.ekfac_batch = args.ekfac_batch or CLASSES["ekfac"].defaults["batch_size"]
    if args.child == "frontier":
        frontier_child(args)
        return
    if args.child:
        child(args)
        return

    console = Console(width=160)
    work = args.work or args.out.parent / f"influence-{args.docs}"
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    for backend in BACKENDS:
        folder = work / backend
        if backend in args.backends.split(","):
            console.print(f"[bold]{backend}[/]: scoring {args.docs} documents -> {folder}")
            results[backend] = run_child(args, backend, folder)
        else:
            results[backend] = json.loads((folder / "bench_child.json").read_text())

    from curate.influence import load_scores

    fast, docs, queries = load_scores(work / "fast")
    ekfac, _, _ = load_scores(work / "ekfac")
    rho = spearman_columns(fast, ekfac)
    kinds = sorted({q["kind"] for q in queries})
    agreement = {
        "spearman": quartiles(rho),
        "spearman_by_kind": {k: quartiles(rho[[q["kind"] == k for q in queries]]) for k in kinds},
        "top10_overlap": quartiles(top_overlap(fast, ekfac, 10)),
        "top50_overlap": quartiles(top_overlap(fast, ekfac, 50)),
    }

    rows = {}
    for backend, r in results.items():
        meta = r["meta"]
        rows[backend] = {
            "measured": {"docs": meta["n_docs"], "wall_s": r["wall_s"], "docs_per_s": meta["n_docs"] / r["wall_s"],
                         "compute_s": meta["compute_seconds"]},
            "phases": meta["phases"],
            "settings": meta["settings"],
            "fit_docs": meta["fit_docs"],
            "peak_rss_mb": r["peak_rss_mb"],
            "extrapolated_target": extrapolate(
                meta, args.target_docs,
                results["fast"]["meta"]["phases"].get("queries", {}).get("seconds") if backend == "ekfac" else None),
        }
    speedup_measured = rows["fast"]["measured"]["docs_per_s"] / rows["ekfac"]["measured"]["docs_per_s"]
    speedup_target = (rows["fast"]["extrapolated_target"]["docs_per_s"]
                      / rows["ekfac"]["extrapolated_target"]["docs_per_s"])
    report = {
        "bench": "influence",
        "world": str(args.world),
        "model": str(args.model),
        "docs": args.docs,
        "queries": len(queries),
        "split": args.split,
        "target_docs": args.target_docs,
        "threads": args.threads,
        "workers": args.workers,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "load_avg_at_end": os.getloadavg()},
        "backends": rows,
        "agreement": agreement,
        "speedup": {
            "measured_at_docs": speedup_measured,
            "extrapolated_at_target_docs": speedup_target,
            "note": (f"measured: whole score_corpus runs on {args.docs} documents. extrapolated: fixed costs "
                     f"(eigendecomposition, query gradients; fast: its factor fit on {rows['fast']['fit_docs']} "
                     f"documents) + per-document phase costs x {args.target_docs}; ekfac's covariance and "
                     "eigenvalue-correction passes scale linearly with the corpus (it fits on every document)."),
        },
        "targets": {"median_spearman>=0.8": agreement["spearman"]["median"] >= 0.8,
                    "speedup_at_target>=5": speedup_target >= 5},
        "top_documents": {"fast": content_report(fast, docs, queries), "ekfac": content_report(ekfac, docs, queries)},
    }
    if args.frontier:
        console.print("[bold]frontier[/]: lighter fast settings on the same documents")
        ekfac_raw, _, _ = load_scores(work / "ekfac", raw=True)
        report["frontier"] = frontier(args, work, ekfac_raw, rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")

    t = Table(title=f"influence: {args.docs} docs x {len(queries)} queries ({args.threads} thread(s), "
                    f"{args.workers} worker(s))", title_justify="left")
    t.add_column("backend")
    for col in ("fit docs", "docs/s (run)", "ms/doc: covariance", "eigen-corr.", "pairwise", "fixed s",
                f"docs/s @ {args.target_docs:,} (extrap.)", "peak RSS MB"):
        t.add_column(col, justify="right")
    for backend, r in rows.items():
        ph = r["phases"]

        def ms(p: str) -> str:  # wall ms per document; rank phases shared by the workers
            if p not in ph or not ph[p]["ms_per_doc"]:
                return "-"
            return f"{ph[p]['ms_per_doc'] * wall_share(p, args.workers):.1f}"

        t.add_row(backend, str(r["fit_docs"]), f"{r['measured']['docs_per_s']:.2f}", ms("covariance"),
                  ms("eigen_correction"), ms("pairwise"), f"{r['extrapolated_target']['fixed_s']:.0f}",
                  f"{r['extrapolated_target']['docs_per_s']:.2f}", f"{r['peak_rss_mb']:.0f}")
    console.print(t)
    a = agreement
    console.print(
        f"fast vs ekfac: Spearman per query median {a['spearman']['median']:.3f} "
        f"[q25 {a['spearman']['q25']:.3f}, q75 {a['spearman']['q75']:.3f}, min {a['spearman']['min']:.3f}]; "
        f"top-10 overlap median {a['top10_overlap']['median']:.2f}, top-50 {a['top50_overlap']['median']:.2f}"
    )
    for k, v in a["spearman_by_kind"].items():
        console.print(f"  {k:>9}: median Spearman {v['median']:.3f} (min {v['min']:.3f})")
    console.print(f"speedup (fast/ekfac docs/s): measured on {args.docs} docs {speedup_measured:.1f}x; "
                  f"extrapolated to {args.target_docs:,} docs {speedup_target:.1f}x (see JSON note)")
    if args.frontier:
        ft = Table(title="fast: speed / agreement trade-off (same factors)", title_justify="left")
        for col in ("setting", "pairwise ms/doc", "CPU ms/doc", f"speedup @ {args.target_docs:,}", "Spearman median",
                    "q25", "min", "top-10 overlap"):
            ft.add_column(col, justify="right" if col != "setting" else "left")
        for r in report["frontier"]:
            sp = r["spearman"]
            ft.add_row(r["label"], f"{r['pairwise_ms_per_doc']:.1f}", f"{r['pairwise_cpu_ms_per_doc']:.1f}",
                       f"{r['speedup_at_target']:.1f}x", f"{sp['median']:.3f}", f"{sp['q25']:.3f}", f"{sp['min']:.3f}",
                       f"{r['top10_overlap']['median']:.2f}")
        console.print(ft)
    console.print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
