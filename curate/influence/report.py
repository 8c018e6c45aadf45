"""The paper's analyses on a scores folder: ``report.json``, figures, ``report.md``, ``report.html``.

Sections (Ruis et al. 2024 findings, at our scale):

* **Finding 1** -- Pearson correlation of document influence between pairs of queries: same
  reasoning task, different reasoning tasks, factual pairs (and control pairs); means with
  bootstrap 95% intervals over documents, and the same-minus-different difference with its own
  interval. Heatmap of the query x query matrix.
* **Finding 2** -- share of queries whose top-k documents (by signed influence) contain the
  answer as a whole word, for factual and reasoning queries, next to the exact random-k
  baseline ``1 - C(N - m, k) / C(N, k)`` (``m`` documents of ``N`` contain the answer), the
  excess over it, and the ratio of factual to reasoning excess at k = 50.
* **Dispersion** -- share of a query's total positive influence held by its top 1%, 5%, 10% of
  documents, per query kind; ranked-tail figure (log-log).
* **Sources** -- over/under-representation of each ``metadata.source`` among each query's top
  (and bottom) documents, pooled per query kind, against the corpus base rate.
* **Labels** -- the influence labels of :mod:`curate.influence.label`, and their agreement with
  ground truth when the documents carry it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from curate.influence.label import (
    LabelRule,
    answer_matrix,
    evaluate_labels,
    label_with_features,
    read_scores_dir,
    thresholds_for_json,
)
from curate.report import fmt, fmt_interval, html, markdown, pyplot, save_figure

__all__ = [
    "answer_in_topk",
    "correlation_groups",
    "dispersion",
    "influence_report",
    "random_k_hit_probability",
    "source_representation",
]

KS = (10, 50, 500)
FRACTIONS = (0.01, 0.05, 0.10)
RATIO_FLOOR = 0.01  # denominator floor of the factual/reasoning excess ratio (one point)


# ---------------------------------------------------------------------------------------------
# Finding 1: correlation of influence between queries


def _pair_masks(queries: Sequence[dict]) -> dict[str, np.ndarray]:
    kinds = np.array([q.get("kind", "") for q in queries])
    tasks = np.array([q.get("task", "") for q in queries])
    m = len(queries)
    upper = np.triu(np.ones((m, m), dtype=bool), k=1)
    reas = kinds == "reasoning"
    both_reas = np.outer(reas, reas)
    same = tasks[:, None] == tasks[None, :]
    return {
        "same_task": upper & both_reas & same,
        "different_task": upper & both_reas & ~same,
        "factual": upper & np.outer(kinds == "factual", kinds == "factual"),
        "control": upper & np.outer(kinds == "control", kinds == "control"),
    }


def _corr(x: np.ndarray) -> np.ndarray:
    x = x - x.mean(axis=0)
    norm = np.sqrt((x * x).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        c = (x.T @ x) / np.outer(norm, norm)
    return c


def _group_means(c: np.ndarray, masks: dict[str, np.ndarray]) -> dict[str, float]:
    out = {}
    for name, mask in masks.items():
        vals = c[mask]
        vals = vals[np.isfinite(vals)]
        out[name] = float(vals.mean()) if vals.size else float("nan")
    return out


def correlation_groups(scores: np.ndarray, queries: Sequence[dict], n_boot: int = 200, seed: int = 0) -> dict:
    """Finding 1: mean Pearson correlation per pair group with normal bootstrap (documents) 95% CIs."""
    s = np.asarray(scores, dtype=np.float64)
    n = s.shape[0]
    masks = _pair_masks(queries)
    c = _corr(s)
    point = _group_means(c, masks)
    point["same_minus_different"] = point["same_task"] - point["different_task"]
    rng = np.random.default_rng(seed)
    boots = {k: [] for k in point}
    # one BLAS thread: many small products, and multi-threaded OpenBLAS collapses on busy machines
    with threadpool_limits(limits=1, user_api="blas"):
        for _ in range(n_boot):
            idx = rng.integers(0, n, n)
            g = _group_means(_corr(s[idx]), masks)
            g["same_minus_different"] = g["same_task"] - g["different_task"]
            for k, v in g.items():
                boots[k].append(v)
    out: dict[str, Any] = {"n_boot": n_boot, "documents": n}
    for k, v in point.items():
        arr = np.asarray(boots[k], dtype=np.float64)
        arr = arr[np.isfinite(arr)]
        # normal bootstrap interval, estimate +- 1.96 bootstrap sd. Resampling documents with
        # replacement repeats the few dominant ones, which inflates correlations: on the demo
        # the bootstrap distribution lay wholly above the estimate, so percentile intervals
        # (and basic or BC ones) excluded the estimate itself. boot_mean shows that shift.
        half = 1.96 * float(arr.std(ddof=1)) if arr.size > 1 else None
        ci = [v - half, v + half] if half is not None else [None, None]
        pairs = int(masks[k].sum()) if k in masks else int(masks["same_task"].sum() + masks["different_task"].sum())
        out[k] = {"mean": _finite(v), "ci95": [_finite(x) for x in ci], "pairs": pairs,
                  "boot_mean": _finite(float(arr.mean())) if arr.size else None}
    lo, hi = out["same_minus_different"]["ci95"]
    out["same_minus_different"]["excludes_zero"] = bool(lo is not None and (lo > 0 or hi < 0))
    tasks = np.array([q.get("task", "") for q in queries])
    per_task = {}
    for t in sorted({q.get("task", "") for q in queries if q.get("kind") == "reasoning"}):
        sel = masks["same_task"] & (tasks[:, None] == t)
        vals = c[sel]
        vals = vals[np.isfinite(vals)]
        per_task[t] = {"mean": _finite(float(vals.mean())) if vals.size else None, "pairs": int(sel.sum())}
    out["per_task"] = per_task
    out["matrix"] = c
    return out


# ---------------------------------------------------------------------------------------------
# Finding 2: answers in the top documents


def random_k_hit_probability(n_docs: int, n_with_answer: int, k: int) -> float:
    """Exact probability that ``k`` documents drawn without replacement include at least one
    of the ``n_with_answer`` documents containing the answer: ``1 - C(N-m, k) / C(N, k)``."""
    n, m, k = int(n_docs), int(n_with_answer), int(min(k, n_docs))
    if m <= 0 or k <= 0:
        return 0.0
    if k > n - m:
        return 1.0
    log_miss = (math.lgamma(n - m + 1) - math.lgamma(n - m - k + 1)) - (math.lgamma(n + 1) - math.lgamma(n - k + 1))
    return float(-math.expm1(log_miss))


def answer_in_topk(
    scores: np.ndarray, queries: Sequence[dict], docs: Sequence[dict], ks: Sequence[int] = KS,
    answers: np.ndarray | None = None,
) -> dict:
    """Finding 2: per kind and k, share of queries with the answer in their top-k documents
    (signed influence, descending), the exact random-k baseline and the excess over it."""
    s = np.asarray(scores)
    n, m = s.shape
    A = answers if answers is not None else answer_matrix(docs, [str(q.get("answer", "")) for q in queries])
    order = np.argsort(-s, axis=0, kind="stable")
    df = A.sum(axis=0)
    kinds = np.array([q.get("kind", "") if str(q.get("answer") or "").strip() else "" for q in queries])
    ks_eff = sorted({min(int(k), n) for k in ks})
    per_query = []
    for j in range(m):
        hits, base = {}, {}
        for k in ks_eff:
            hits[k] = bool(A[order[:k, j], j].any())
            base[k] = random_k_hit_probability(n, int(df[j]), k)
        per_query.append({"hits": hits, "baseline": base})
    by_kind: dict[str, dict] = {}
    for kind in ("factual", "reasoning", "control"):
        idx = np.flatnonzero(kinds == kind)
        if idx.size == 0:
            continue
        rows = {}
        for k in ks_eff:
            share = float(np.mean([per_query[j]["hits"][k] for j in idx]))
            base = float(np.mean([per_query[j]["baseline"][k] for j in idx]))
            rows[str(k)] = {"share": share, "baseline": base, "excess": share - base, "queries": int(idx.size)}
        by_kind[kind] = {
            "k": rows,
            "queries": int(idx.size),
            "answer_in_corpus": float(np.mean(df[idx] > 0)),
            "median_answer_docs": float(np.median(df[idx])),
        }
    k_ratio = min(50, n)
    ratio = None
    if "factual" in by_kind and "reasoning" in by_kind:
        f_ex = by_kind["factual"]["k"][str(k_ratio)]["excess"]
        r_ex = by_kind["reasoning"]["k"][str(k_ratio)]["excess"]
        ratio = f_ex / max(r_ex, RATIO_FLOOR)
    return {
        "ks": ks_eff,
        "ranking": "signed influence, descending",
        "by_kind": by_kind,
        "ratio_k": k_ratio,
        "factual_to_reasoning_excess_ratio": ratio,
        "ratio_floor": RATIO_FLOOR,
        "_per_query": per_query,
        "_df": df,
    }


# ---------------------------------------------------------------------------------------------
# Dispersion


def dispersion(scores: np.ndarray, queries: Sequence[dict], fractions: Sequence[float] = FRACTIONS) -> dict:
    """Share of each query's total positive influence held by its top fraction of documents."""
    s = np.asarray(scores, dtype=np.float64)
    n = s.shape[0]
    pos = np.sort(np.maximum(s, 0.0), axis=0)[::-1]
    total = pos.sum(axis=0)
    cum = np.cumsum(pos, axis=0)
    kinds = np.array([q.get("kind", "") for q in queries])
    shares = {}
    for f in fractions:
        k = max(1, int(math.ceil(f * n)))
        with np.errstate(invalid="ignore", divide="ignore"):
            shares[f] = np.where(total > 0, cum[k - 1] / np.where(total > 0, total, 1.0), np.nan)
    by_kind = {}
    for kind in ("reasoning", "factual", "control"):
        idx = np.flatnonzero(kinds == kind)
        if idx.size == 0:
            continue
        row = {}
        for f in fractions:
            v = shares[f][idx]
            v = v[np.isfinite(v)]
            row[f"{f:g}"] = {"mean": _finite(float(v.mean())) if v.size else None,
                             "sd": _finite(float(v.std())) if v.size else None}
        by_kind[kind] = row
    return {"fractions": [float(f) for f in fractions], "by_kind": by_kind, "_sorted_positive": pos, "_total": total}


# ---------------------------------------------------------------------------------------------
# Sources


def source_representation(
    scores: np.ndarray, queries: Sequence[dict], docs: Sequence[dict], top_fraction: float = 0.01
) -> dict:
    """Share of each source among every query's top (and bottom) documents, pooled per kind,
    divided by its corpus base rate (ratio > 1: over-represented)."""
    s = np.asarray(scores)
    n = s.shape[0]
    k = max(1, int(math.ceil(top_fraction * n)))
    sources = np.array([str((d.get("metadata") or {}).get("source", "unknown")) for d in docs])
    names = sorted(set(sources))
    base = {src: float(np.mean(sources == src)) for src in names}
    order = np.argsort(-s, axis=0, kind="stable")
    kinds = np.array([q.get("kind", "") for q in queries])
    by_kind = {}
    for kind in ("reasoning", "factual", "control"):
        idx = np.flatnonzero(kinds == kind)
        if idx.size == 0:
            continue
        top = Counter(sources[order[:k, idx].ravel()])
        bottom = Counter(sources[order[n - k:, idx].ravel()])
        total = k * idx.size
        row = {}
        for src in names:
            ts, bs = top[src] / total, bottom[src] / total
            row[src] = {"top_share": ts, "top_ratio": ts / base[src],
                        "bottom_share": bs, "bottom_ratio": bs / base[src]}
        by_kind[kind] = row
    return {"top_fraction": top_fraction, "top_k": k, "base_rate": base, "by_kind": by_kind}


# ---------------------------------------------------------------------------------------------
# The report


def influence_report(
    scores_dir: str | Path,
    out_dir: str | Path,
    seed: int = 0,
    *,
    n_boot: int = 200,
    ks: Sequence[int] = KS,
    fractions: Sequence[float] = FRACTIONS,
    top_fraction: float = 0.01,
    rule: LabelRule | None = None,
) -> dict:
    """Run every analysis on a scores folder; write ``report.json``, PNGs, ``report.md``, ``report.html``.

    Returns the ``report.json`` content (finite numbers; missing values are ``null``).
    """
    scores, docs, queries = read_scores_dir(scores_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = {}
    meta_path = Path(scores_dir) / "meta.json"
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text())
        except json.JSONDecodeError:
            meta = {}
    kinds = Counter(q.get("kind", "") for q in queries)

    f1 = correlation_groups(scores, queries, n_boot=n_boot, seed=seed)
    f2 = answer_in_topk(scores, queries, docs, ks)
    disp = dispersion(scores, queries, fractions)
    src = source_representation(scores, queries, docs, top_fraction)

    rule = rule or LabelRule()
    from curate.influence.score import load_doc_tokens  # torch: only when reading a folder

    records, feats, th = label_with_features(scores, queries, docs, rule=rule, tokens=load_doc_tokens(scores_dir))
    labels_section: dict[str, Any] = {
        "rule": asdict(rule),
        "length_normalised": feats["length_normalised"],
        "thresholds": thresholds_for_json(th),
        "counts": dict(Counter(r["label"] for r in records)),
    }
    has_truth = any("doc_type" in (d.get("metadata") or {}) for d in docs)
    if has_truth:
        labels_section["evaluation"] = evaluate_labels(records, docs)

    figures = {
        "correlation": _fig_heatmap(f1["matrix"], queries, out / "correlation.png"),
        "answers": _fig_answers(f2, out / "answers_topk.png"),
        "dispersion": _fig_dispersion(disp, queries, out / "dispersion.png"),
        "sources": _fig_sources(src, out / "sources.png"),
        "labels": _fig_labels(feats, th, records, out / "labels.png"),
    }

    report = {
        "scores_dir": str(scores_dir),
        "meta": meta,
        "documents": int(scores.shape[0]),
        "queries": {k: int(v) for k, v in sorted(kinds.items())},
        "seed": seed,
        "finding1_correlation": {k: v for k, v in f1.items() if k != "matrix"},
        "finding2_answers": {k: v for k, v in f2.items() if not k.startswith("_")},
        "dispersion": {k: v for k, v in disp.items() if not k.startswith("_")},
        "sources": src,
        "labels": labels_section,
        "figures": {k: v.name for k, v in figures.items()},
        "targets": _targets(f1, f2, labels_section),
    }
    report = _clean(report)
    (out / "report.json").write_text(json.dumps(report, indent=2, sort_keys=False) + "\n")
    blocks = _blocks(report)
    (out / "report.md").write_text(markdown(blocks))
    (out / "report.html").write_text(html(blocks, out, "curate influence report"))
    return report


def _targets(f1: dict, f2: dict, labels: dict) -> dict:
    t = {
        "finding1_difference_excludes_zero": bool(f1["same_minus_different"]["excludes_zero"]
                                                  and (f1["same_minus_different"]["mean"] or 0) > 0),
        "finding2_ratio_at_least_3": bool((f2["factual_to_reasoning_excess_ratio"] or 0) >= 3),
    }
    ev = labels.get("evaluation")
    if ev and ev.get("macro_f1") is not None:
        t["labels_macro_f1"] = ev["macro_f1"]
    return t


# ---------------------------------------------------------------------------------------------
# Figures


def _fig_heatmap(c: np.ndarray, queries: Sequence[dict], path: Path) -> Path:
    plt = pyplot()
    kind_order = {"reasoning": 0, "factual": 1, "control": 2}
    order = sorted(range(len(queries)),
                   key=lambda i: (kind_order.get(queries[i].get("kind"), 3), queries[i].get("task", ""), i))
    cm = np.nan_to_num(c[np.ix_(order, order)])
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    im = ax.imshow(cm, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
    groups: list[tuple[str, int, int]] = []
    for pos, i in enumerate(order):
        q = queries[i]
        name = q.get("task", "") if q.get("kind") == "reasoning" else q.get("kind", "")
        if groups and groups[-1][0] == name:
            groups[-1] = (name, groups[-1][1], pos)
        else:
            groups.append((name, pos, pos))
    ticks = [(a + b) / 2 for _, a, b in groups]
    ax.set_xticks(ticks)
    ax.set_xticklabels([g[0] for g in groups], rotation=90, fontsize=6)
    ax.set_yticks(ticks)
    ax.set_yticklabels([g[0] for g in groups], fontsize=6)
    for _, a, _b in groups[1:]:
        ax.axhline(a - 0.5, color="k", lw=0.3)
        ax.axvline(a - 0.5, color="k", lw=0.3)
    fig.colorbar(im, ax=ax, shrink=0.8, label="Pearson r of document influence")
    ax.set_title("Finding 1: query x query correlation of influence")
    return save_figure(fig, path)


def _fig_answers(f2: dict, path: Path) -> Path:
    plt = pyplot()
    ks = f2["ks"]
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.2
    x = np.arange(len(ks))
    colors = {"factual": "tab:orange", "reasoning": "tab:blue"}
    for j, kind in enumerate(("factual", "reasoning")):
        if kind not in f2["by_kind"]:
            continue
        rows = f2["by_kind"][kind]["k"]
        share = [rows[str(k)]["share"] for k in ks]
        base = [rows[str(k)]["baseline"] for k in ks]
        ax.bar(x + (2 * j - 1.5) * width, share, width, color=colors[kind], label=f"{kind}: top-k")
        ax.bar(x + (2 * j - 0.5) * width, base, width, color=colors[kind], alpha=0.35, hatch="//",
               label=f"{kind}: random-k")
    ax.set_xticks(x)
    ax.set_xticklabels([f"k={k}" for k in ks])
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel("share of queries with the answer in top-k")
    ax.set_title("Finding 2: answer in the most influential documents")
    ax.legend(fontsize=7, loc="upper center", ncol=2)
    return save_figure(fig, path)


def _fig_dispersion(disp: dict, queries: Sequence[dict], path: Path) -> Path:
    plt = pyplot()
    pos, total = disp["_sorted_positive"], disp["_total"]
    n = pos.shape[0]
    kinds = np.array([q.get("kind", "") for q in queries])
    ranks = np.arange(1, n + 1)
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    colors = {"reasoning": "tab:blue", "factual": "tab:orange", "control": "tab:gray"}
    for kind, color in colors.items():
        idx = np.flatnonzero((kinds == kind) & (total > 0))
        if idx.size == 0:
            continue
        norm = pos[:, idx] / total[idx]
        for j in range(min(idx.size, 40)):
            ax.plot(ranks, np.where(norm[:, j] > 0, norm[:, j], np.nan), color=color, alpha=0.08, lw=0.6)
        med = np.median(norm, axis=1)
        ax.plot(ranks, np.where(med > 0, med, np.nan), color=color, lw=2, label=f"{kind} (median of {idx.size})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(bottom=max(ax.get_ylim()[0], 1e-6))
    ax.set_xlabel("document rank (by positive influence)")
    ax.set_ylabel("share of the query's total positive influence")
    ax.set_title("Dispersion: ranked influence tail")
    ax.legend(fontsize=8)
    return save_figure(fig, path)


def _fig_sources(src: dict, path: Path) -> Path:
    plt = pyplot()
    names = sorted(src["base_rate"])
    kinds = [k for k in ("reasoning", "factual", "control") if k in src["by_kind"]]
    colors = {"reasoning": "tab:blue", "factual": "tab:orange", "control": "tab:gray"}
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.8 / max(len(kinds), 1)
    x = np.arange(len(names))
    for j, kind in enumerate(kinds):
        ratios = [src["by_kind"][kind][s]["top_ratio"] for s in names]
        vals = [math.log2(r) if r > 0 else -5.0 for r in ratios]
        ax.bar(x + (j - (len(kinds) - 1) / 2) * width, vals, width, color=colors[kind], label=kind)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(names, rotation=30)
    ax.set_ylabel("log2(share in top / base rate); -5: none")
    ax.set_title(f"Sources among each query's top {src['top_fraction']:.0%} documents")
    ax.legend(fontsize=8)
    return save_figure(fig, path)


def _fig_labels(feats: dict, th: dict, records: Sequence[dict], path: Path) -> Path:
    plt = pyplot()
    labels = np.array([r["label"] for r in records])
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.3), sharey=True)
    colors = {"procedural": "tab:blue", "factual": "tab:orange", "other": "tab:gray"}
    panels = (("F_mean", "fm_min", "F_mean: mean factual z"), ("F", "f_min", "F: top factual z (concentration)"))
    for ax, (stat, key, xlabel) in zip(axes, panels):
        for lab, color in colors.items():
            sel = labels == lab
            ax.scatter(feats[stat][sel], feats["R"][sel], s=4, alpha=0.5, color=color,
                       label=f"{lab} ({int(sel.sum())})")
        ax.axhline(th["r_min"], color="tab:blue", ls="--", lw=0.8)
        if np.isfinite(th[key]):
            ax.axvline(th[key], color="tab:orange", ls="--", lw=0.8)
        if stat == "F_mean":  # procedural also needs R - F_mean >= margin: the diagonal
            xs = np.array(ax.get_xlim())
            ax.plot(xs, xs + th["margin"], color="tab:blue", ls=":", lw=0.8)
            ax.set_xlim(*xs)
        ax.set_xlabel(xlabel)
    axes[0].set_ylabel("R: mean reasoning z")
    axes[0].legend(fontsize=8, markerscale=3)
    fig.suptitle("Influence labels (dashed: thresholds)")
    return save_figure(fig, path)


# ---------------------------------------------------------------------------------------------
# Markdown and HTML from one list of blocks


def _blocks(r: dict) -> list[tuple]:
    b: list[tuple] = []
    b.append(("h1", "Influence report"))
    backend = r["meta"].get("backend") or r["meta"].get("method") or "?"
    q = ", ".join(f"{v} {k}" for k, v in r["queries"].items())
    b.append(("p", f"Scores: `{r['scores_dir']}` (backend: {backend}); {r['documents']:,} documents; queries: {q}."))

    f1 = r["finding1_correlation"]
    b.append(("h2", "Finding 1: influence correlates within a reasoning task"))
    b.append(("p", f"Mean Pearson correlation of document influence between query pairs, with bootstrap 95% intervals "
                   f"({f1['n_boot']} resamples of the documents)."))
    rows = [[name, str(f1[key]["pairs"]), fmt_interval(f1[key])] for key, name in (
        ("same_task", "same reasoning task"), ("different_task", "different reasoning tasks"),
        ("factual", "factual pairs"), ("control", "control pairs"), ("same_minus_different", "same − different"))]
    b.append(("table", ["pairs of queries", "pairs", "mean r [95% CI]"], rows))
    smd = f1["same_minus_different"]
    b.append(("p", f"Same-task minus different-task: {fmt_interval(smd)}; the interval "
                   f"{'excludes' if smd['excludes_zero'] else 'does not exclude'} zero. "
                   "Paper (Command R 7B/35B): about 0.9 for the same task and format, 0.55 across formats, "
                   "0.03 to 0.06 between factual queries."))
    b.append(("table", ["reasoning task", "pairs", "mean r"],
              [[t, str(v["pairs"]), fmt(v["mean"])] for t, v in f1["per_task"].items()]))
    b.append(("img", r["figures"]["correlation"], "query x query correlation"))

    f2 = r["finding2_answers"]
    b.append(("h2", "Finding 2: answers appear in the top documents of factual queries"))
    b.append(("p", "Share of queries whose top-k documents (signed influence, descending) contain the answer as a "
                   "whole word, next to the exact random-k baseline (expected share for k documents drawn at random, "
                   "from each answer's document frequency). Paper: the answer is in the top 500 documents for 55% "
                   "of factual queries (7B) and almost never for reasoning queries."))
    rows = []
    for kind, d in f2["by_kind"].items():
        for k in f2["ks"]:
            x = d["k"][str(k)]
            rows.append([kind, str(k), fmt(x["share"]), fmt(x["baseline"]), fmt(x["excess"])])
    b.append(("table", ["queries", "k", "share with answer", "random-k baseline", "excess"], rows))
    b.append(("p", f"Factual excess / reasoning excess at k={f2['ratio_k']}: "
                   f"{fmt(f2['factual_to_reasoning_excess_ratio'], 2)} "
                   f"(reasoning excess floored at {f2['ratio_floor']})."))
    b.append(("img", r["figures"]["answers"], "answers in top-k"))

    d = r["dispersion"]
    b.append(("h2", "Dispersion: how concentrated is influence"))
    b.append(("p", "Share of each query's total positive influence held by its top documents "
                   "(mean ± sd over queries). "
                   "Paper: reasoning influence is less concentrated (more dispersed) than factual influence."))
    fr = [f"{f:g}" for f in d["fractions"]]
    rows = [[kind] + [f"{fmt(v[f]['mean'])} ± {fmt(v[f]['sd'])}" for f in fr] for kind, v in d["by_kind"].items()]
    b.append(("table", ["queries"] + [f"top {float(f):.0%}" for f in fr], rows))
    b.append(("img", r["figures"]["dispersion"], "ranked influence tail"))

    s = r["sources"]
    b.append(("h2", "Sources of the top documents"))
    b.append(("p", f"Share of each source among every query's top {s['top_k']} documents ({s['top_fraction']:.0%}), "
                   "pooled per query kind, divided by its base rate in the corpus (>1: over-represented). "
                   "Bottom = most negative documents. Paper: StackExchange and code over-represented for reasoning "
                   "queries; Wikipedia and trivia for factual queries, where code is under-represented."))
    kinds = list(s["by_kind"])
    rows = [[src, fmt(s["base_rate"][src])]
            + [f"{fmt(s['by_kind'][k][src]['top_ratio'], 2)} / {fmt(s['by_kind'][k][src]['bottom_ratio'], 2)}"
               for k in kinds]
            for src in sorted(s["base_rate"])]
    b.append(("table", ["source", "base rate"] + [f"{k}: top / bottom ratio" for k in kinds], rows))
    b.append(("img", r["figures"]["sources"], "sources"))

    lab = r["labels"]
    b.append(("h2", "Influence labels"))
    th = lab["thresholds"]
    b.append(("p", f"Rule: {lab['rule']['method']} of |influence| per query (clip {lab['rule']['clip']}); "
                   f"procedural if R − F_mean ≥ {th['margin']:.3f} and R ≥ {th['r_min']:.3f}; "
                   f"factual if F ≥ {th['f_min']:.3f}"
                   + (f" or F_mean ≥ {th['fm_min']:.3f}" if th.get("fm_min") is not None else "")
                   + "; else other. Counts: "
                   + ", ".join(f"{k} {v}" for k, v in sorted(lab["counts"].items())) + "."))
    ev = lab.get("evaluation")
    if ev and ev.get("macro_f1") is not None:
        b.append(("p", f"Against ground truth (metadata.doc_type): macro-F1 {ev['macro_f1']:.3f}, "
                       f"accuracy {ev['accuracy']:.3f}, kappa {ev['kappa']:.3f}."))
        names = ev["confusion"]["labels"]
        rows = [[names[i]] + [str(x) for x in row] for i, row in enumerate(ev["confusion"]["matrix"])]
        b.append(("table", ["truth \\ label"] + names, rows))
    b.append(("img", r["figures"]["labels"], "labels"))

    t = r["targets"]
    b.append(("h2", "Targets"))
    b.append(("table", ["check", "value"], [[k, fmt(v)] for k, v in t.items()]))
    return b


# ---------------------------------------------------------------------------------------------
# JSON hygiene


def _finite(x: Any) -> Any:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _clean(obj: Any) -> Any:
    """Numpy scalars to Python, non-finite floats to None, so report.json is strict JSON."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return _finite(obj)
    if isinstance(obj, np.ndarray):
        return _clean(obj.tolist())
    return obj
