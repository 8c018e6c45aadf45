"""Scale: tagging and mixing the generated world at 10k, 100k and 1M documents, time and peak memory.

    python bench/scale.py                              # 10k, 100k, 1M (the 1M size takes a while)
    python bench/scale.py --sizes 10000,100000 --speedup-sizes 100000

Each size gets its own world (``curate world --docs N``, in files of N/20 documents: 20 tagging
tasks at every size), then ``curate tag`` with a small fast classifier and ``curate mix`` with a
shipped recipe, each as the real CLI in a fresh process. Peak memory is the largest sum of the
proportional set sizes (PSS: shared pages counted once) of the command and all its child
processes, sampled every 50 ms. At the ``--speedup-sizes`` both commands run again with
``--workers 2``. With ``--repeat R`` each command runs R times and the fastest time counts (and
the largest peak memory): on a shared machine one slow run otherwise decides a time ratio.
Targets: from 100k to 1M documents (10x the data) a stage may take at most 11x the time and
1.2x the peak memory.
Results go to ``bench/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
CURATE = [sys.executable, "-m", "curate"]
TARGET_TIME, TARGET_MEMORY = 11.0, 1.2


def measure(cmd: list[str]) -> dict[str, float]:
    """Wall seconds and peak memory (MB) of ``cmd`` and every process it starts.

    Memory is the proportional set size (PSS) summed over the processes: a page shared by a
    forked helper (datatrove's multiprocess manager forks from the command) counts once, where
    summing resident sets counted the parent's whole heap again for the helper.
    """
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        rss = 0
        try:
            for p in [proc, *proc.children(recursive=True)]:
                rss += p.memory_full_info().pss
        except psutil.Error:  # a process ended between listing and reading
            pass
        peak = max(peak, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    err = proc.stderr.read()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 2**20, 1)}


def classifier(work: Path) -> Path:
    """A fast classifier trained on 5,000 generated documents' ground truth (training is not measured)."""
    from curate.classify import make_classifier
    from curate.io import iter_documents
    from curate.world import generate_world

    out = work / "classifier"
    if not (out / "config.json").is_file():
        generate_world(work / "train-world", n_docs=5000, seed=1)
        docs = list(iter_documents(work / "train-world" / "docs"))
        make_classifier("fast", seed=0).fit([d.text for d in docs], [d.metadata["doc_type"] for d in docs]).save(out)
    return out


def best_of(repeat: int, cmd: list[str], out: Path) -> dict[str, float]:
    """``measure`` ``repeat`` times (output folder removed before each): the fastest time, the largest peak."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(measure(cmd))
    return {"seconds": min(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "runs": len(runs)}


def run_size(n: int, work: Path, clf: Path, recipe: Path, speedup: bool, repeat: int = 1) -> dict:
    root = work / f"n{n}"
    world = root / "world"
    if not (world / "summary.json").is_file():
        subprocess.run([*CURATE, "world", "--out", str(world), "--docs", str(n), "--shard-docs", str(max(500, n // 20)),
                        "--quiet"], check=True, stdout=subprocess.DEVNULL)
    row: dict = {"documents": n, "input_mb": round(sum(p.stat().st_size for p in (world / "docs").iterdir()) / 2**20, 1)}
    for workers in (1, 2) if speedup else (1,):
        tagged, mixed = root / f"tagged-w{workers}", root / f"mix-w{workers}"
        row[f"tag_w{workers}"] = best_of(repeat, [*CURATE, "tag", str(world / "docs"), "--out", str(tagged),
                                                  "--classifier", str(clf), "--workers", str(workers)], tagged)
        row[f"mix_w{workers}"] = best_of(repeat, [*CURATE, "mix", str(recipe), "--out", str(mixed), "--inputs",
                                                  str(tagged), "--workers", str(workers)], mixed)
        print(f"  {n:>9,} docs, {workers} worker(s): tag {row[f'tag_w{workers}']}, mix {row[f'mix_w{workers}']}",
              flush=True)
    if speedup:
        row["speedup_2_workers"] = {s: round(row[f"{s}_w1"]["seconds"] / row[f"{s}_w2"]["seconds"], 2)
                                    for s in ("tag", "mix")}
    return row


def ratios(rows: dict[int, dict]) -> dict:
    """Time and memory growth from 100k to 1M documents (or between the two largest sizes run)."""
    sizes = sorted(rows)
    if len(sizes) < 2:
        return {}
    lo, hi = (100_000, 1_000_000) if {100_000, 1_000_000} <= set(sizes) else sizes[-2:]
    out = {"from": lo, "to": hi, "data_ratio": hi / lo}
    for stage in ("tag", "mix"):
        a, b = rows[lo][f"{stage}_w1"], rows[hi][f"{stage}_w1"]
        out[stage] = {"time_ratio": round(b["seconds"] / a["seconds"], 2), "memory_ratio": round(b["peak_mb"] / a["peak_mb"], 2)}
        if (lo, hi) == (100_000, 1_000_000):
            out[stage]["meets_time_target"] = out[stage]["time_ratio"] <= TARGET_TIME
            out[stage]["meets_memory_target"] = out[stage]["memory_ratio"] <= TARGET_MEMORY
    return out


def table(rows: dict[int, dict], growth: dict) -> str:
    lines = [f"{'documents':>10} {'stage':<5} {'seconds':>9} {'docs/s':>9} {'peak MB':>9} {'2-worker speed-up':>18}"]
    for n, row in sorted(rows.items()):
        for stage in ("tag", "mix"):
            m = row[f"{stage}_w1"]
            up = row.get("speedup_2_workers", {}).get(stage)
            lines.append(f"{n:>10,} {stage:<5} {m['seconds']:>9.1f} {n / m['seconds']:>9,.0f} {m['peak_mb']:>9.0f} "
                         f"{f'{up:.2f}x' if up else '':>18}")
    if growth:
        for stage in ("tag", "mix"):
            g = growth[stage]
            lines.append(f"{growth['from']:,} -> {growth['to']:,} documents, {stage}: {g['time_ratio']:.2f}x time "
                         f"(target <= {TARGET_TIME}x), {g['memory_ratio']:.2f}x peak memory (target <= {TARGET_MEMORY}x)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--speedup-sizes", default="100000", help="sizes also run with 2 workers (comma-separated)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each command; the fastest time and the largest peak memory count")
    parser.add_argument("--recipe", type=Path, default=REPO / "recipes" / "natural.yaml")
    parser.add_argument("--work", type=Path, default=REPO / "runs" / "bench-scale", help="corpora and outputs (kept for reruns)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "scale.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    speedup = {int(s) for s in args.speedup_sizes.split(",") if s}
    args.work.mkdir(parents=True, exist_ok=True)
    clf = classifier(args.work)
    rows = {}
    for n in sizes:
        rows[n] = run_size(n, args.work, clf, args.recipe, n in speedup, args.repeat)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average": os.getloadavg()},
        "recipe": str(args.recipe.relative_to(REPO) if args.recipe.is_relative_to(REPO) else args.recipe),
        "sizes": {str(n): row for n, row in rows.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.is_file() else {}
    report["sizes"] = previous.get("sizes", {}) | report["sizes"]  # a run of some sizes keeps the others
    report["growth"] = ratios({int(n): row for n, row in report["sizes"].items()})
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(table({int(n): row for n, row in report["sizes"].items()}, report["growth"]))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
