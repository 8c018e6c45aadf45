"""Transfer to real text: classifiers trained on the generated world, scored on human-written passages.

Generates the default world in memory (``--docs`` documents of ``--seed``), trains each backend
on its ground-truth ``doc_type`` with :func:`curate.classify.train_classifier` (which also
reports the in-distribution score on a held-out group split by style), then scores the trained
model on the hand-written development sets ``classifiers/devsets/realtext-dev*.jsonl``. The gap
between the two numbers is what issue #5 is about: a generator whose classes are separated by
template vocabulary scores high in distribution and low on real text.

    nice python bench/realtext.py --tag after                       # 20k docs, seed 0, fast + embed
    nice python bench/realtext.py --tag before --world-rev e625511  # generator before issue #5
    nice python bench/realtext.py --docs 5000 --backends fast --tag quick

``--world-rev`` generates the corpus with ``curate/world`` as of a git revision (extracted with
``git archive`` and run in a subprocess), while training and scoring use this checkout, so a
before/after comparison measures the generator alone even while the classifiers change.

Results are merged into ``--out`` (default ``bench/results/realtext.json``) under ``--tag`` so
runs of different generator versions (``before``/``after``) sit side by side. Use the devsets
for aggregate numbers only; it is a development estimate, not the held-out evaluation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)  # import curate from this checkout, and keep bench/ from shadowing modules

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

DEVSETS = (REPO / "classifiers" / "devsets" / "realtext-dev.jsonl", REPO / "classifiers" / "devsets" / "realtext-dev-hard.jsonl")
LABELS = ("procedural", "factual", "other")


def load_devset(path: Path) -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


_DUMP = """
import json, sys, time
from curate.world import World
n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
world = World(seed)
t0 = time.perf_counter()
docs = [world.document(i) for i in range(n)]
seconds = time.perf_counter() - t0
with open(out, "w", encoding="utf-8") as f:
    f.write(json.dumps(seconds) + "\\n")
    for d in docs:
        f.write(json.dumps([d.text, d.doc_type, d.style]) + "\\n")
"""


def world_corpus(n: int, seed: int, rev: str | None = None) -> tuple[list[str], list[str], list[str], dict, float]:
    """Texts, doc_type labels, style groups, composition counts and generation seconds.

    With ``rev``, the generator is the one committed at that git revision (run in a subprocess
    from a ``git archive`` of ``curate/``); otherwise this checkout's.
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = REPO if rev is None else Path(tmp) / "src"
        if rev is not None:
            src.mkdir()
            archive = subprocess.run(["git", "archive", rev, "curate"], cwd=REPO, capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        dump = Path(tmp) / "corpus.jsonl"
        subprocess.run([sys.executable, "-c", _DUMP, str(n), str(seed), str(dump)], cwd=src, check=True,
                       env={**os.environ, "PYTHONPATH": str(src)})
        lines = dump.read_text(encoding="utf-8").splitlines()
    seconds = json.loads(lines[0])
    rows = [json.loads(line) for line in lines[1:]]
    texts = [r[0] for r in rows]
    labels = [r[1] for r in rows]
    groups = [r[2] for r in rows]
    styles = Counter(f"{r[1]}/{r[2]}" for r in rows)
    composition = {"doc_type": dict(sorted(Counter(labels).items())), "style": dict(sorted(styles.items()))}
    return texts, labels, groups, composition, seconds


def _summary(result: dict) -> dict:
    return {
        "macro_f1": round(result["macro_f1"], 4),
        "accuracy": round(result["accuracy"], 4),
        "recall": {c: round(m["recall"], 4) for c, m in result["per_class"].items()},
        "f1": {c: round(m["f1"], 4) for c, m in result["per_class"].items()},
        "confusion": result["confusion"],
    }


def run(docs: int, seed: int, backends: list[str], devsets: list[Path], rev: str | None = None) -> dict:
    from curate.classify import train_classifier
    from curate.classify.evaluate import evaluate

    texts, labels, groups, composition, gen_s = world_corpus(docs, seed, rev)
    devs = {p.stem: load_devset(p) for p in devsets}
    out: dict = {"docs": docs, "seed": seed, "world_rev": rev or "checkout", "generate_seconds": round(gen_s, 2), "composition": composition,
                 "devsets": {name: {"n": len(t), "labels": dict(sorted(Counter(y).items()))} for name, (t, y) in devs.items()},
                 "backends": {}}
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            clf = train_classifier(texts, labels, Path(tmp) / backend, backend=backend, seed=seed,
                                   groups=groups, group_key="style")
            train_s = time.perf_counter() - t0
            heldout = json.loads((Path(tmp) / backend / "metrics.json").read_text())["heldout"]
        out["backends"][backend] = {"train_seconds": round(train_s, 1), "heldout_by_style": _summary(heldout),
                                    "devsets": {name: _summary(evaluate(clf, t, y)) for name, (t, y) in devs.items()}}
    return out


def _git_rev() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def table(results: dict) -> Table:
    t = Table(title="real-text transfer (devset) vs in-distribution held-out (group split by style)",
              title_justify="left", show_edge=False)
    for col in ("run", "backend", "held-out F1", "devset", "devset F1", *(f"recall {c[:4]}" for c in LABELS)):
        t.add_column(col, justify="left" if col in ("run", "backend", "devset") else "right")
    for tag, res in results.items():
        for backend, r in res["backends"].items():
            for name, dev in r.get("devsets", {}).items():
                rec = dev["recall"]
                cells = [f"[red]{rec[c]:.3f}[/]" if rec[c] < 0.5 else f"{rec[c]:.3f}" for c in LABELS]
                t.add_row(tag, backend, f"{r['heldout_by_style']['macro_f1']:.3f}", name.removeprefix("realtext-"), f"{dev['macro_f1']:.3f}", *cells)
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--backends", default="fast,embed", help="comma-separated: fast, embed")
    ap.add_argument("--devset", type=Path, action="append", help="JSONL with text and label (repeatable; default: both devsets)")
    ap.add_argument("--world-rev", default=None, help="generate with curate/world as of this git revision")
    ap.add_argument("--tag", default="current", help="key of this run in the results file (e.g. before, after)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "realtext.json")
    args = ap.parse_args()

    res = run(args.docs, args.seed, [b.strip() for b in args.backends.split(",") if b.strip()], [p.resolve() for p in (args.devset or DEVSETS)],
              args.world_rev)
    res.update({"git": _git_rev(), "python": platform.python_version(), "machine": platform.machine(),
                "date": time.strftime("%Y-%m-%d %H:%M:%S")})
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results[args.tag] = res
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    Console().print(table(results))
    print(f"generated {args.docs} docs in {res['generate_seconds']:.1f} s; results in {args.out}")


if __name__ == "__main__":
    main()
