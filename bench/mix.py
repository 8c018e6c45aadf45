"""Mixing throughput: curate.mix recipes next to a plain copy of the same corpus through curate.io.

The floor is ``write_documents(iter_documents(corpus), out)``: reading and writing every document
once, the least any stage that rewrites a corpus can do. A mix reads the corpus twice (a scan
that keeps a few hundred bytes per document, then a streaming write of the selected documents)
and hashes, deduplicates and clusters in between, so it runs at a fraction of the floor; the
rows show which fraction, and what planning alone (``--dry-run``) and ``--weights-only`` cost.

    python bench/mix.py --docs 20000 --out bench/results/mix.json

The corpus is the generated world, tagged with its ground-truth types and random confidences.
Every measurement runs in a fresh process (peak memory is that process's own; "state MB" is the
growth over a process that only imported the same modules), best of ``--repeat`` rounds, rounds
interleaved so that background load on a shared machine hits every row alike. MB/s counts the
uncompressed JSONL size of the input.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import multiprocessing as mp
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)  # import curate from this checkout, and keep bench/ from shadowing modules

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.common import write_results  # noqa: E402

RECIPES = REPO / "recipes"
LABELS = ("procedural", "factual", "other")


def make_corpus(n: int, out: Path) -> None:
    from datatrove.data import Document

    from curate.io import write_documents
    from curate.world import World

    def docs():
        world = World(0)
        for i in range(n):
            doc = world.document(i)
            meta = doc.metadata()
            u = int(hashlib.sha256(f"bench:{i}".encode()).hexdigest()[:8], 16) / 2**32
            p = round(0.4 + 0.6 * u, 6)
            rest = [lab for lab in LABELS if lab != doc.doc_type]
            meta["curate"] = {"label": doc.doc_type, "classifier": "ground-truth",
                              "probs": {doc.doc_type: p, rest[0]: round((1 - p) * 0.6, 6), rest[1]: round((1 - p) * 0.4, 6)}}
            yield Document(text=doc.text, id=f"world-{i:08d}", metadata=meta)

    write_documents(docs(), out, fmt="jsonl.gz", max_docs_per_shard=50_000)


def _imports() -> None:
    import sklearn.cluster  # noqa: F401
    import sklearn.decomposition  # noqa: F401

    import curate.mix  # noqa: F401


def _job(kind: str, corpus: str, work: str, queue) -> None:
    """One measurement in a fresh process: (wall s, CPU s, peak RSS MB, extra)."""
    _imports()
    from curate.io import iter_documents, write_documents
    from curate.mix import mix

    out = Path(work) / kind
    shutil.rmtree(out, ignore_errors=True)
    extra: dict = {}
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "baseline":
        pass
    elif kind == "copy":
        write_documents(iter_documents(corpus), out, fmt="jsonl.gz")
    else:
        recipe, _, mode = kind.partition(":")
        manifest = mix(RECIPES / f"{recipe}.yaml", out, dry_run=mode == "dry-run", weights_only=mode == "weights",
                       inputs=[corpus])
        extra = {"selected": manifest["accounting"]["selected"], "instances": manifest["accounting"]["instances"],
                 "tokens": manifest["budget"]["realized_tokens"]}
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    queue.put((wall, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, extra))


def measure(kind: str, corpus: Path, work: Path) -> tuple[float, float, float, dict]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_job, args=(kind, str(corpus), str(work), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def state_bytes(corpus: Path) -> dict:
    """Bytes of per-document state a diverse-recipe plan holds in memory, and spills to disk (ids, hashes, terms)."""
    from curate.mix import load_recipe
    from curate.mix.select import plan

    p = plan(load_recipe(RECIPES / "procedural-diverse.yaml", inputs=[corpus]))
    sc = p.scan
    try:
        memory = sum(a.nbytes for a in (sc.tokens, sc.label, sc.source, sc.status, p.repeats, p.cluster))
        disk = sum(f.stat().st_size for f in sc.spill.path.iterdir())
    finally:
        sc.close()
    return {"documents": sc.n, "memory_bytes_per_document": memory / sc.n, "memory_bytes": memory,
            "spilled_bytes_per_document": disk / sc.n, "spilled_bytes": disk}


ROWS = ["copy", "natural", "procedural-diverse", "procedural-narrow", "procedural-diverse:weights",
        "procedural-diverse:dry-run"]


def run(n_docs: int, repeat: int, work: Path) -> dict:
    corpus = work / "corpus"
    make_corpus(n_docs, corpus)
    jsonl_mb = sum(len(line) for f in corpus.iterdir() for line in gzip.open(f)) / 1e6
    disk_mb = sum(f.stat().st_size for f in corpus.iterdir()) / 1e6
    best: dict[str, tuple] = {}
    baseline = min((measure("baseline", corpus, work) for _ in range(2)), key=lambda r: r[2])
    for _ in range(repeat):
        for kind in ROWS:
            r = measure(kind, corpus, work)
            prev = best.get(kind)
            best[kind] = r if prev is None else (min(prev[0], r[0]), min(prev[1], r[1]), max(prev[2], r[2]), r[3])
    rows = []
    floor = best["copy"]
    for kind in ROWS:
        wall, cpu, rss, extra = best[kind]
        rows.append({"run": kind, "seconds": wall, "cpu_seconds": cpu, "docs_per_s": n_docs / wall,
                     "mb_per_s": jsonl_mb / wall, "vs_floor": floor[0] / wall, "vs_floor_cpu": floor[1] / cpu,
                     "peak_rss_mb": rss, "state_mb": rss - baseline[2], **extra})
    return {
        "docs": n_docs,
        "corpus_jsonl_mb": jsonl_mb,
        "corpus_disk_mb": disk_mb,
        "repeat": repeat,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "baseline_rss_mb": baseline[2],
        "state": state_bytes(corpus),
        "results": rows,
    }


def show(report: dict) -> None:
    table = Table(
        title=f"curate.mix: {report['docs']:,} tagged world documents, {report['corpus_jsonl_mb']:.0f} MB of JSONL "
              f"({report['corpus_disk_mb']:.0f} MB gzipped), best of {report['repeat']}",
        caption="copy: write_documents(iter_documents(corpus)), the floor\n"
                "recipes as shipped, inputs overridden; :weights = --weights-only, :dry-run = plan only\n"
                "MB/s: uncompressed input JSONL MB per second; state MB: peak RSS over an import-only process",
        caption_justify="left",
    )
    for name in ["run", "docs/s", "MB/s", "x floor", "x floor CPU", "peak MB", "state MB", "copies"]:
        table.add_column(name, justify="left" if name == "run" else "right")
    for r in report["results"]:
        table.add_row(r["run"], f"{r['docs_per_s']:,.0f}", f"{r['mb_per_s']:.1f}", f"{r['vs_floor']:.2f}",
                      f"{r['vs_floor_cpu']:.2f}", f"{r['peak_rss_mb']:.0f}", f"{r['state_mb']:.0f}",
                      f"{r.get('instances', 0):,}" if "instances" in r else "")
    console = Console(width=max(Console().width, 110))
    console.print(table)
    st = report["state"]
    console.print(f"per-document state of a procedural-diverse plan: {st['memory_bytes_per_document']:.0f} bytes in "
                  f"memory, {st['spilled_bytes_per_document']:.0f} bytes spilled to disk (ids, hashes, terms) for "
                  f"{st['documents']:,} documents; an import-only process peaks at {report['baseline_rss_mb']:.0f} MB.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the tagged world corpus")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "mix.json", help="JSON report")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="curate-bench-mix-"))
    try:
        report = run(args.docs, args.repeat, work)
    finally:
        shutil.rmtree(work)
    show(report)
    write_results(report, args.out)


if __name__ == "__main__":
    main()
