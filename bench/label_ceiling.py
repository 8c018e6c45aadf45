"""How much of the ground truth an influence-score matrix holds: the label rule against supervised ceilings.

The labelling rule (:mod:`curate.influence.label`) never sees the ground truth. This script asks
what it leaves on the table: per scores folder, cross-validated classifiers *trained on the
generator's* ``doc_type`` predict it from

* ``rule features``: the statistics the rule thresholds (R, F, F_mean, C, A, top_task_z);
* ``|z| + features``: every query's robust z-scored absolute influence as well (length-normalised
  as the rule does);
* ``z + |z| + features``: and the signed z-scores.

A rule near the first ceiling uses what its features hold; a low second ceiling means the scores
themselves do not separate the classes, and no unsupervised rule on them can reach it. Ground truth
is read here only; nothing is tuned with it.

    python bench/label_ceiling.py runs/ekfac-2k/scores runs/ekfac-2k-no-drills/scores \\
        --out bench/results/label_ceiling.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)  # import curate from this checkout, and keep bench/ from shadowing modules

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: E402

from bench.common import write_results  # noqa: E402
from curate.influence.label import LabelRule, label_with_features, length_normalised, standardise  # noqa: E402
from curate.influence.score import load_doc_tokens, load_scores  # noqa: E402

RULE_FEATURES = ("R", "F", "F_mean", "C", "A", "top_task_z")


def ceilings(scores_dir: Path, folds: int, seed: int) -> dict:
    """Macro-F1 of the rule and of ``folds``-fold cross-validated gradient boosting on three feature sets."""
    scores, docs, queries = load_scores(scores_dir)
    tokens = load_doc_tokens(scores_dir)
    records, feats, _ = label_with_features(scores, queries, docs, tokens=tokens)
    truth = np.array([str((d.get("metadata") or {}).get("doc_type")) for d in docs])
    if "None" in set(truth.tolist()):
        raise SystemExit(f"{scores_dir}: some documents have no metadata.doc_type (ground truth)")
    rule_x = np.nan_to_num(np.stack([feats[k] for k in RULE_FEATURES], axis=1), neginf=-5.0, posinf=50.0)
    z = standardise(length_normalised(scores, tokens, LabelRule().length_power))
    sets = {"rule features": rule_x, "|z| + features": np.hstack([np.abs(z), rule_x]),
            "z + |z| + features": np.hstack([z, np.abs(z), rule_x])}
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    out = {"scores": str(scores_dir), "documents": len(docs), "queries": len(queries),
           "rule": f1_score(truth, [r["label"] for r in records], average="macro")}
    for name, x in sets.items():
        pred = cross_val_predict(HistGradientBoostingClassifier(random_state=seed), x, truth, cv=cv)
        out[name] = f1_score(truth, pred, average="macro")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scores", nargs="+", type=Path, help="scores folders (curate influence score --out)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "label_ceiling.json")
    args = ap.parse_args()
    rows = [ceilings(d, args.folds, args.seed) for d in args.scores]
    cols = ("rule", "rule features", "|z| + features", "z + |z| + features")
    table = Table(title=f"macro-F1 against the ground truth (supervised columns: {args.folds}-fold CV)")
    table.add_column("scores", overflow="fold")
    table.add_column("docs", justify="right")
    for c in cols:
        table.add_column(c, justify="right")
    for r in rows:
        table.add_row(r["scores"], str(r["documents"]), *(f"{r[c]:.3f}" for c in cols))
    Console().print(table)
    write_results({"folds": args.folds, "seed": args.seed, "rows": rows}, args.out)


if __name__ == "__main__":
    main()
