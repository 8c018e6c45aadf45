"""Held-out evaluation: accuracy, macro-F1, per-class scores, confusion, calibration (ECE + plot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from curate.classify.base import ClassifierError

ECE_BINS = 15


def calibration_bins(proba: np.ndarray, y: np.ndarray, n_bins: int = ECE_BINS) -> list[dict[str, float]]:
    """Top-label reliability bins over [0, 1]: count, mean confidence and accuracy of each."""
    proba = np.asarray(proba, dtype=np.float64)
    conf = proba.max(axis=1) if len(proba) else np.zeros(0)
    correct = (proba.argmax(axis=1) == np.asarray(y)) if len(proba) else np.zeros(0, dtype=bool)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    bins = []
    for b in range(n_bins):
        m = idx == b
        n = int(m.sum())
        bins.append({
            "lo": float(edges[b]), "hi": float(edges[b + 1]), "count": n,
            "confidence": float(conf[m].mean()) if n else 0.0,
            "accuracy": float(correct[m].mean()) if n else 0.0,
        })
    return bins


def expected_calibration_error(proba: np.ndarray, y: np.ndarray, n_bins: int = ECE_BINS) -> float:
    """Top-label ECE: sum over bins of |accuracy - confidence| weighted by the bin's share."""
    bins = calibration_bins(proba, y, n_bins)
    total = sum(b["count"] for b in bins)
    if total == 0:
        return 0.0
    return float(sum(b["count"] / total * abs(b["accuracy"] - b["confidence"]) for b in bins))


def reliability_plot(bins: list[dict[str, float]], path: str | Path, title: str = "reliability") -> Path:
    """Write a reliability diagram (accuracy vs. confidence per bin, with counts) as PNG."""
    from curate.report import pyplot, save_figure

    plt = pyplot()

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, (ax, axc) = plt.subplots(2, 1, figsize=(5, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    width = bins[0]["hi"] - bins[0]["lo"] if bins else 1.0
    centers = [(b["lo"] + b["hi"]) / 2 for b in bins]
    acc = [b["accuracy"] if b["count"] else 0.0 for b in bins]
    ax.bar(centers, acc, width=width * 0.95, color="#4c72b0", edgecolor="black", linewidth=0.4, label="accuracy")
    conf = [(c, b["confidence"]) for c, b in zip(centers, bins) if b["count"]]
    if conf:
        ax.plot([c for c, _ in conf], [v for _, v in conf], "o", color="#dd8452", ms=4, label="mean confidence")
    ax.plot([0, 1], [0, 1], "--", color="gray", linewidth=1, label="perfect calibration")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    axc.bar(centers, [b["count"] for b in bins], width=width * 0.95, color="#8c8c8c")
    axc.set_xlabel("top-label confidence")
    axc.set_ylabel("documents")
    return save_figure(fig, path, dpi=100)


def evaluate_proba(
    proba: np.ndarray,
    labels: Sequence[str],
    classes: Sequence[str],
    plot_path: str | Path | None = None,
    title: str = "reliability",
) -> dict[str, Any]:
    """Metrics of predicted class probabilities ``proba`` (columns in ``classes`` order)."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    classes = [str(c) for c in classes]
    index = {c: i for i, c in enumerate(classes)}
    unknown = sorted({str(x) for x in labels} - set(classes))
    if unknown:
        raise ClassifierError(f"evaluation labels {unknown} are not among the classifier's classes {classes}")
    y = np.array([index[str(x)] for x in labels], dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    if proba.shape != (len(y), len(classes)):
        raise ClassifierError(f"probabilities have shape {proba.shape}, expected ({len(y)}, {len(classes)})")
    pred = proba.argmax(axis=1) if len(y) else np.zeros(0, dtype=np.int64)
    ks = list(range(len(classes)))
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=ks, zero_division=0)
    bins = calibration_bins(proba, y)
    ece = expected_calibration_error(proba, y)
    result: dict[str, Any] = {
        "n": int(len(y)),
        "accuracy": float((pred == y).mean()) if len(y) else 0.0,
        "macro_f1": float(np.mean(f)) if len(y) else 0.0,
        "per_class": {
            c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, c in enumerate(classes)
        },
        "min_recall": float(np.min(r)) if len(y) else 0.0,
        "confusion": {"labels": classes, "matrix": confusion_matrix(y, pred, labels=ks).tolist()},
        "ece": ece,
        "ece_bins": ECE_BINS,
        "calibration": bins,
        "mean_confidence": float(proba.max(axis=1).mean()) if len(y) else 0.0,
    }
    if plot_path is not None:
        result["reliability_plot"] = str(reliability_plot(bins, plot_path, f"{title} (ECE {ece:.3f})"))
    return result


def evaluate(clf, texts: Sequence[str], labels: Sequence[str], plot_path: str | Path | None = None) -> dict[str, Any]:
    """Evaluate a fitted classifier on labelled texts (see :func:`evaluate_proba` for the keys)."""
    texts = list(texts)
    if len(texts) != len(labels):
        raise ClassifierError(f"{len(texts)} texts but {len(labels)} labels")
    return evaluate_proba(clf.predict_proba(texts), labels, clf.labels, plot_path, title=f"{clf.tag} reliability")


def metrics_table(result: dict[str, Any], title: str = "classifier metrics"):
    """A rich Table of per-class precision/recall/F1 with accuracy, macro-F1 and ECE in the caption."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column("class")
    for col in ("precision", "recall", "f1", "support"):
        table.add_column(col, justify="right")
    for name, m in result["per_class"].items():
        recall = f"{m['recall']:.3f}"
        if m["support"] and m["recall"] < 0.5:
            recall = f"[red]{recall}[/]"
        table.add_row(name, f"{m['precision']:.3f}", recall, f"{m['f1']:.3f}", f"{m['support']:,}")
    labels = result["confusion"]["labels"]
    table.caption = (
        f"n={result['n']:,}  accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}  "
        f"ECE {result['ece']:.3f}\nconfusion (rows true, cols predicted {'/'.join(labels)}): "
        + "  ".join(f"{lab}: {row}" for lab, row in zip(labels, result["confusion"]["matrix"]))
    )
    table.caption_justify = "left"
    return table
