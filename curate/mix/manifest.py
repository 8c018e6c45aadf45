"""What a mix reports and writes: the manifest, per-document accounting, weights, and the shuffled shards.

Every file is deterministic: the same recipe, inputs and seed give the same bytes (no times, no
output paths, gzip headers without a time stamp). ``manifest.json`` is written last, so a folder
with a manifest holds a complete mix.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from datatrove.data import Document
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.jsonl import _json_default

from curate.executors import run_pipeline
from curate.io import CorpusError, shard_writer
from curate.mix.select import (
    DROP_REASONS,
    SELECTED,
    STATUS_NAMES,
    Plan,
    Scan,
    _order_labels,
    _stamp,
    open_documents,
    KeptRejects,
)
from curate.mix.spill import take_rows
from curate.mix.text import NGRAM_SAMPLE_SHIFT

__all__ = ["MANIFEST", "build_manifest", "render", "write_outputs"]

MANIFEST = "manifest.json"
WEIGHTS = "weights.jsonl"
ACCOUNTING = "_accounting.jsonl.gz"  # "_": the folder still reads as a corpus (curate.io skips it)
REJECTS = "_rejects.jsonl"
TMP = ".mix-tmp"
MAX_OPEN_BUCKETS = 256
_SHARD = re.compile(r"\d{5}\.(?:jsonl|jsonl\.gz|parquet)")


def _r(x: float, digits: int = 6) -> float:
    return float(round(x, digits)) if math.isfinite(x) else 0.0


# ---------------------------------------------------------------------------------------------
# Diversity


def entropy_bits(weights: np.ndarray) -> float:
    w = weights[weights > 0].astype(float)
    if w.size == 0:
        return 0.0
    p = w / w.sum()
    return float(-(p * np.log2(p)).sum())


KMV_K = 1 << 16  # distinct-count sketch size: exact below 65,536 distinct sampled 3-grams, ~0.4% error above


class DistinctSketch:
    """Distinct count of 3-gram hashes sampled below 2^NGRAM_SAMPLE_SHIFT, from the K smallest (KMV sketch).

    Bounded memory whatever the selection's size; exact while fewer than K distinct hashes were seen.
    """

    def __init__(self) -> None:
        self.low = np.empty(0, dtype=np.uint64)

    def add(self, hashes: np.ndarray) -> None:
        if len(hashes):
            self.low = np.unique(np.concatenate((self.low, hashes)))[:KMV_K]

    def estimate(self) -> int:
        """Distinct 3-grams of the selection (the sampled count scaled by the sampling rate)."""
        sampled = len(self.low) if len(self.low) < KMV_K else \
            round((KMV_K - 1) * float(1 << NGRAM_SAMPLE_SHIFT) / (float(self.low[-1]) + 1.0))
        return int(sampled) << (64 - NGRAM_SAMPLE_SHIFT)


def ngram_counts(plan: Plan, groups: dict[str, np.ndarray]) -> dict[str, tuple[int, int]]:
    """(3-grams counting repeats, distinct 3-grams) of each group of documents (a boolean mask), in one pass."""
    sc, reps = plan.scan, plan.repeats
    totals = dict.fromkeys(groups, 0)
    sketches = {name: DistinctSketch() for name in groups}
    start = 0
    for n3, (lengths, hashes) in zip(sc.ngram_total.chunks(), sc.ngrams.chunks()):
        end = start + len(lengths)
        for name, mask in groups.items():
            rows = np.flatnonzero(mask[start:end])
            totals[name] += int((n3[rows] * reps[start:end][rows]).sum())
            sketches[name].add(take_rows(lengths, (hashes,), rows)[1])
        start = end
    return {name: (totals[name], sketches[name].estimate()) for name in groups}


def diversity(plan: Plan, docs: np.ndarray, clustered: bool, ngrams: tuple[int, int]) -> dict[str, Any]:
    """Diversity of a selection (``docs`` with their repeats): cluster entropy and distinct 3-gram ratio.

    ``ngrams``: the selection's (3-grams, distinct 3-grams) from :func:`ngram_counts`.
    """
    sc, reps = plan.scan, plan.repeats[docs]
    inst = sc.tokens[docs].astype(np.int64) * reps
    tokens = float(inst.sum())
    out: dict[str, Any] = {"documents": int(len(docs)), "instances": int(reps.sum()), "tokens": int(tokens)}
    if clustered:
        cl = plan.cluster[docs]
        mass = np.bincount(cl[cl >= 0], weights=inst[cl >= 0]) if (cl >= 0).any() else np.zeros(0)
        h = entropy_bits(mass)
        out.update({"cluster_entropy_bits": _r(h, 4), "effective_clusters": _r(2**h, 3),
                    "clusters_used": int((mass > 0).sum()),
                    "largest_cluster_share": _r(float(mass.max() / mass.sum()) if mass.sum() else 0.0, 4)})
    total, distinct = ngrams
    out.update({
        "total_3grams": total,
        "distinct_3grams_estimate": distinct,
        "distinct_3gram_ratio": _r(min(distinct / total, 1.0) if total else 0.0, 4),
        "repeated_token_share": _r(float((sc.tokens[docs] * (reps - 1)).sum()) / tokens if tokens else 0.0, 4),
    })
    return out


# ---------------------------------------------------------------------------------------------
# Manifest


def _counts(mask: np.ndarray, sc: Scan, reps: np.ndarray) -> dict[str, int]:
    return {"documents": int(mask.sum()), "tokens": int(sc.tokens[mask].sum())}


def build_manifest(plan: Plan, inputs: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    recipe, sc, reps = plan.recipe, plan.scan, plan.repeats
    sel = reps > 0
    inst_tokens = sc.tokens.astype(np.int64) * reps
    realized = int(inst_tokens.sum())
    rejected = sc.rejects.total
    dropped = {name: int((sc.status == code).sum()) for code, name in enumerate(STATUS_NAMES) if name in DROP_REASONS}
    dropped["rejected"] = rejected
    n_sel = int(sel.sum())
    records = sc.n + rejected

    labels: dict[str, Any] = {}
    for name in _order_labels(sc.label_names):
        code = sc.label_code(name)
        m = sc.label == code
        avail = m & ((sc.status == SELECTED) | (sc.status == STATUS_NAMES.index("not_sampled")))
        lp = plan.labels.get(name)
        tok = int(inst_tokens[m].sum())
        share = plan.shares.get(name, 0.0)
        labels[name] = {
            "input": _counts(m, sc, reps),
            "available": _counts(avail, sc, reps),
            "natural_share": _r(plan.natural.get(name, 0.0)),
            "requested_share": _r(share),
            "target_tokens": lp.target if lp else 0,
            "selected_documents": int((m & sel).sum()),
            "instances": int(reps[m].sum()),
            "tokens": tok,
            "realized_share": _r(tok / realized if realized else 0.0),
            "share_error_pp": _r(100 * ((tok / realized if realized else 0.0) - share), 4),
            "dropped": {r: int((m & (sc.status == STATUS_NAMES.index(r))).sum()) for r in DROP_REASONS
                        if (m & (sc.status == STATUS_NAMES.index(r))).any()},
        }
    untagged = sc.label < 0
    if untagged.any():
        labels["(untagged)"] = {"input": _counts(untagged, sc, reps)}

    sources = {}
    for code, name in sorted(enumerate(sc.source_names), key=lambda x: x[1]):
        m = sc.source == code
        sources[name] = {"input": _counts(m, sc, reps), "selected_documents": int((m & sel).sum()),
                         "instances": int(reps[m].sum()), "tokens": int(inst_tokens[m].sum()),
                         "share": _r(float(inst_tokens[m].sum()) / realized if realized else 0.0)}

    clusters: dict[str, Any] = {}
    for name, lp in plan.labels.items():
        if lp.clusters is None:
            continue
        code = sc.label_code(name)
        m = sc.label == code
        label_tokens = float(inst_tokens[m].sum())
        rows = []
        in_play = set(lp.clusters.tolist())
        for c in range(int(plan.cluster[m].max()) + 1):
            cm = m & (plan.cluster == c)
            avail = cm & ((sc.status == SELECTED) | (sc.status == STATUS_NAMES.index("not_sampled")))
            rows.append({
                "cluster": c,
                "in_play": bool(c in in_play),
                "documents": int(cm.sum()),
                "available": _counts(avail, sc, reps),
                "allocated_tokens": int(round(lp.allocation.get(c, 0.0))),
                "selected_documents": int((cm & sel).sum()),
                "instances": int(reps[cm].sum()),
                "tokens": int(inst_tokens[cm].sum()),
                "share": _r(float(inst_tokens[cm].sum()) / label_tokens if label_tokens else 0.0),
                "examples": np.flatnonzero(cm)[:3].tolist(),  # positions, ids below
            })
        clusters[name] = rows
    positions = [i for rows in clusters.values() for row in rows for i in row["examples"]]
    example_ids = dict(zip(positions, sc.ids.take(positions)))
    for rows in clusters.values():
        for row in rows:
            row["examples"] = [example_ids[i] for i in row["examples"]]

    hist: dict[str, int] = {}
    for r, n in zip(*np.unique(reps[sel], return_counts=True)):
        hist[str(int(r))] = int(n)
    by_label_hist = {}
    for name in plan.labels:
        m = (sc.label == sc.label_code(name)) & sel
        by_label_hist[name] = {str(int(r)): int(n) for r, n in zip(*np.unique(reps[m], return_counts=True))}

    groups = {name: (sc.label == sc.label_code(name)) & sel for name in plan.labels} | {"(all)": sel}
    ngrams = ngram_counts(plan, groups)
    div = {name: diversity(plan, np.flatnonzero(mask), name in plan.labels and plan.labels[name].clusters is not None,
                           ngrams[name]) for name, mask in groups.items()}

    accounted = n_sel + sum(dropped.values())
    return {
        "curate_mix": 1,
        "mode": mode,
        "recipe": {"name": recipe.name, "path": recipe.source, "sha256": recipe.sha256, "resolved": recipe.to_dict()},
        "inputs": inputs,
        "tokenizer": sc.tokenizer,
        "budget": {
            "requested": str(recipe.budget),
            "tokens": plan.budget,
            "input_tokens": plan.input_tokens,
            "realized_tokens": realized,
            "relative_error": _r((realized - plan.budget) / plan.budget if plan.budget else 0.0),
        },
        "accounting": {
            "input_records": records,
            "selected": n_sel,
            "instances": int(reps.sum()),
            "dropped": dropped,
            "adds_up": accounted == records,
        },
        "labels": labels,
        "sources": sources,
        "clusters": clusters,
        "dedup": plan.dedup,
        "repetition": {"max_repeats": recipe.max_repeats, "histogram": hist, "by_label": by_label_hist},
        "diversity": div,
        "outputs": {},
    }


def render(manifest: dict[str, Any]) -> str:
    """A short plain-text summary of a mix or filter manifest (what the CLI prints, e.g. for --dry-run)."""
    if "curate_filter" in manifest:
        return _render_filter(manifest)
    b = manifest["budget"]
    acc = manifest["accounting"]
    lines = [
        f"recipe {manifest['recipe']['name']} ({manifest['mode']}): budget {b['tokens']:,} tokens "
        f"({b['requested']}), realized {b['realized_tokens']:,} ({100 * b['relative_error']:+.2f}%)",
        f"{'label':<14}{'natural':>9}{'requested':>11}{'realized':>10}{'docs':>9}{'copies':>9}{'tokens':>12}",
    ]
    for name, row in manifest["labels"].items():
        if "tokens" not in row:
            continue
        lines.append(f"{name:<14}{row['natural_share']:>9.1%}{row['requested_share']:>11.1%}"
                     f"{row['realized_share']:>10.1%}{row['selected_documents']:>9,}{row['instances']:>9,}"
                     f"{row['tokens']:>12,}")
    for name, d in manifest["diversity"].items():
        parts = [f"distinct 3-gram ratio {d['distinct_3gram_ratio']:.3f}"]
        if "cluster_entropy_bits" in d:
            parts.insert(0, f"cluster entropy {d['cluster_entropy_bits']:.2f} bits "
                            f"({d['clusters_used']} clusters used)")
        parts.append(f"repeated tokens {d['repeated_token_share']:.1%}")
        lines.append(f"diversity {name}: " + ", ".join(parts))
    drops = ", ".join(f"{k} {v:,}" for k, v in acc["dropped"].items() if v)
    lines.append(f"{acc['input_records']:,} input records: {acc['selected']:,} selected "
                 f"({acc['instances']:,} copies){', dropped: ' + drops if drops else ''}")
    hist = manifest["repetition"]["histogram"]
    lines.append("repeats: " + ", ".join(f"{k}x {v:,}" for k, v in hist.items()))
    if manifest["outputs"]:
        lines.append("wrote " + ", ".join(_describe_outputs(manifest["outputs"])))
    return "\n".join(lines)


def _render_filter(manifest: dict[str, Any]) -> str:
    kept, total = manifest["kept"], manifest["input"]
    settings = manifest["settings"]
    lines = [f"filter ({manifest['mode']}): keep {','.join(settings['keep'])} at probability >= "
             f"{settings['min_prob']:g}: kept {kept['documents']:,} of {total['documents']:,} documents "
             f"({kept['document_share']:.1%}) and {kept['tokens']:,} of {total['tokens']:,} tokens "
             f"({kept['token_share']:.1%})"]
    for name, row in manifest["labels"].items():
        lines.append(f"  {name:<14}{row['kept']['documents']:>9,} of {row['input']['documents']:>9,} documents")
    drops = ", ".join(f"{k} {v:,}" for k, v in manifest["accounting"]["dropped"].items() if v)
    if drops:
        lines.append(f"dropped: {drops}")
    if manifest["outputs"]:
        lines.append("wrote " + ", ".join(_describe_outputs(manifest["outputs"])))
    return "\n".join(lines)


def _describe_outputs(outputs: dict[str, Any]) -> list[str]:
    out = []
    for key, value in outputs.items():
        if isinstance(value, list):
            out.append(f"{len(value)} {key}")
        elif value:
            out.append(str(value))
    return out


# ---------------------------------------------------------------------------------------------
# Files


def write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(f".tmp.{path.name}")
    tmp.write_bytes(orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n")
    os.replace(tmp, path)


def prepare_out(out: Path) -> None:
    """Create ``out`` and remove what an earlier mix left there (manifest first: no stale manifest survives)."""
    out.mkdir(parents=True, exist_ok=True)
    for name in (MANIFEST, WEIGHTS, ACCOUNTING, REJECTS):
        (out / name).unlink(missing_ok=True)
    shutil.rmtree(out / TMP, ignore_errors=True)


def is_ours(name: str) -> bool:
    """Whether a file name is one a mix or filter writes (so a folder of only such files may be reused)."""
    return (name in (MANIFEST, WEIGHTS, ACCOUNTING, REJECTS, TMP) or name.startswith(".tmp.")
            or _SHARD.fullmatch(name) is not None)


def remove_shards(out: Path) -> None:
    for p in out.iterdir():
        if _SHARD.fullmatch(p.name):
            p.unlink()


def write_accounting(plan: Plan, out: Path) -> None:
    sc, reps = plan.scan, plan.repeats
    names = sc.label_names
    tmp = out / f".tmp.{ACCOUNTING}"
    # no file name and time 0 in the gzip header: the same accounting gives the same bytes
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        buf = []
        for i, doc_id in enumerate(sc.ids):
            code = int(sc.label[i])
            c = int(plan.cluster[i])
            rec = {"id": doc_id, "status": STATUS_NAMES[sc.status[i]], "repeats": int(reps[i]),
                   "label": names[code] if code >= 0 else None, "tokens": int(sc.tokens[i]),
                   "cluster": c if c >= 0 else None}
            buf.append(orjson.dumps(rec))
            if len(buf) >= 4096:
                gz.write(b"\n".join(buf) + b"\n")
                buf = []
        if buf:
            gz.write(b"\n".join(buf) + b"\n")
    os.replace(tmp, out / ACCOUNTING)


def write_weights(plan: Plan, out: Path) -> None:
    sc, reps = plan.scan, plan.repeats
    tmp = out / f".tmp.{WEIGHTS}"
    with open(tmp, "wb") as f:
        for i, doc_id in enumerate(sc.ids):
            if not reps[i]:
                continue
            code = int(sc.label[i])
            c = int(plan.cluster[i])
            f.write(orjson.dumps({"id": doc_id, "repeats": int(reps[i]), "weight": int(reps[i]),
                                  "label": sc.label_names[code], "tokens": int(sc.tokens[i]),
                                  "cluster": c if c >= 0 else None}) + b"\n")
    os.replace(tmp, out / WEIGHTS)


def write_rejects(rejects: KeptRejects, out: Path) -> str | None:
    if not rejects.total:
        return None
    with open(out / REJECTS, "wb") as f:
        for entry in rejects.entries:
            f.write(orjson.dumps(entry) + b"\n")
    return REJECTS


def verified_documents(plan: Plan) -> Iterator[tuple[int, Document]]:
    """Second pass over the inputs: documents with their index, checked against the first pass."""
    sc = plan.scan
    i = -1
    planned = iter(sc.ids)
    for i, doc in enumerate(open_documents(plan.recipe, KeptRejects())):
        expected = next(planned, None)
        if doc.id != expected:
            raise CorpusError(f"inputs changed while mixing: document {i} is {doc.id!r}, the plan had "
                              f"{expected if expected is not None else 'no more documents'!r}; run the mix again")
        yield i, doc
    if i + 1 != sc.n or [_stamp(u) for u in sc.units] != sc.stamps:
        raise CorpusError("inputs changed while mixing (files were modified between passes); run the mix again")


def _fingerprint(manifest: dict[str, Any]) -> str:
    """What identifies a mix: its manifest before outputs (recipe, input hashes, every count)."""
    body = {k: v for k, v in manifest.items() if k not in ("outputs", "fingerprint")}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def _read_fingerprint(path: Path) -> str | None:
    try:
        return orjson.loads(path.read_bytes()).get("fingerprint")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return None


class BucketShards(PipelineStep):
    """datatrove step: task ``b`` turns bucket file ``b`` into the shards of output positions ``b * size ...``.

    Bucket rows are ``position<TAB>[id, text, metadata]`` in input order; the task indexes row
    offsets by position (16 bytes a row, never the texts) and writes the rows in position order
    with positional reads (not a memory map, whose touched pages would count as resident memory
    as large as the bucket), so a bucket of any size fits in memory. The bucket size is a multiple
    of the shard size: every task writes whole shards, the same bytes one writer would write.
    """

    name = "🔀 mixture shards"
    type = "💽 - WRITER"

    def __init__(self, tmp: Path, out: Path, fmt: str, shard_docs: int, bucket_size: int, n_inst: int) -> None:
        super().__init__()
        self.tmp, self.out = str(tmp), str(out)
        self.fmt, self.shard_docs, self.bucket_size, self.n_inst = fmt, shard_docs, bucket_size, n_inst

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        base = rank * self.bucket_size
        count = max(0, min(self.bucket_size, self.n_inst - base))
        starts, ends = np.zeros(count, dtype=np.int64), np.zeros(count, dtype=np.int64)
        with open(Path(self.tmp) / f"{rank:05d}.jsonl", "rb") as f:
            offset = 0
            for line in f:
                tab = line.index(b"\t")
                k = int(line[:tab]) - base
                starts[k], ends[k] = offset + tab + 1, offset + len(line)
                offset += len(line)
            if not count:
                return
            writer = shard_writer(self.out, self.fmt, max_docs_per_shard=self.shard_docs,
                                  first_shard=base // self.shard_docs)
            fd = f.fileno()
            with writer:
                for a, b in zip(starts.tolist(), ends.tolist()):
                    doc_id, text, meta = orjson.loads(os.pread(fd, b - a, a))
                    writer.write(Document(text=text, id=doc_id, metadata=meta))
        self.stat_update("documents", value=count)


def write_shards(plan: Plan, out: Path, fingerprint: str, run: dict[str, Any]) -> list[str] | None:
    """Stream the selected documents into shards in a seeded shuffled order, repeats as extra copies.

    An external shuffle: each copy is given its output position, and one pass over the inputs
    appends it to the bucket file of its position range (``.mix-tmp/``, marked complete by
    ``state.json``). The buckets then become shards in a datatrove pipeline, one task a bucket,
    on the executor ``run`` names (:func:`curate.executors.run_pipeline` arguments). A rerun of
    the same mix after a kill keeps complete buckets and skips tasks that completed, so shards
    already written are not written again. Returns the shard names, or ``None`` while submitted
    Slurm jobs are still to run.
    """
    recipe, reps = plan.recipe, plan.repeats
    n_inst = int(reps.sum())
    per_bucket = max(-(-n_inst // MAX_OPEN_BUCKETS), 1)
    bucket_size = recipe.shard_docs * -(-per_bucket // recipe.shard_docs)
    n_buckets = max(-(-n_inst // bucket_size), 1)
    tmp = out / TMP
    state = tmp / "state.json"
    if _read_fingerprint(state) != fingerprint:
        shutil.rmtree(tmp, ignore_errors=True)
        _fill_buckets(plan, tmp, n_inst, bucket_size, n_buckets)
        write_json(state, {"fingerprint": fingerprint, "buckets": n_buckets, "bucket_size": bucket_size})
    step = BucketShards(tmp.absolute(), out.absolute(), recipe.format, recipe.shard_docs, bucket_size, n_inst)
    if not run_pipeline(run.get("executor", "local"), [step], tasks=n_buckets,
                        workers=min(run.get("workers", 1), n_buckets), logging_dir=(tmp / "logs").absolute(),
                        config=run.get("config"), source=run.get("source", "executor config")):
        return None
    shutil.rmtree(tmp, ignore_errors=True)
    return [f"{s:05d}.{recipe.format}" for s in range(-(-n_inst // recipe.shard_docs))]


def _fill_buckets(plan: Plan, tmp: Path, n_inst: int, bucket_size: int, n_buckets: int) -> None:
    """The pass over the inputs that gives every selected copy its position and bucket."""
    recipe, reps = plan.recipe, plan.repeats
    rng = np.random.default_rng([recipe.seed, 0x5EED])
    order = rng.permutation(n_inst)  # order[j] = output position of copy j (copies in input order)
    starts = np.concatenate(([0], np.cumsum(reps)))
    tmp.mkdir(parents=True, exist_ok=True)
    files = [open(tmp / f"{b:05d}.jsonl", "wb", buffering=1 << 16) for b in range(n_buckets)]
    try:
        for i, doc in verified_documents(plan):
            n = int(reps[i])
            if not n:
                continue
            positions = np.sort(order[starts[i] : starts[i] + n])
            tag = doc.metadata.get("curate")
            c = int(plan.cluster[i])
            for k, pos in enumerate(positions.tolist(), 1):
                tag["mix"] = {"recipe": recipe.name, "copy": k, "copies": n, "cluster": c if c >= 0 else None}
                doc_id = doc.id if k == 1 else f"{doc.id}#{k}"
                row = orjson.dumps([doc_id, doc.text, doc.metadata], default=_json_default)
                files[pos // bucket_size].write(b"%d\t%b\n" % (pos, row))
    finally:
        for f in files:
            f.close()


def write_outputs(plan: Plan, out: Path, manifest: dict[str, Any], weights_only: bool,
                  run: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the mixture (or its weights), accounting and rejects, then the manifest; returns the manifest.

    The manifest records the mix's fingerprint: a folder whose manifest has it already holds
    this mix, and nothing is written again. ``run`` selects the executor of the shard stage
    (``executor``, ``workers``, ``config``, ``source``); with Slurm the manifest is written by
    the rerun that finds every job done (until then the returned manifest has no outputs).
    """
    manifest["fingerprint"] = fingerprint = _fingerprint(manifest)
    if _read_fingerprint(out / MANIFEST) == fingerprint:
        return orjson.loads((out / MANIFEST).read_bytes())
    if _read_fingerprint(out / TMP / "state.json") == fingerprint and not weights_only:
        (out / MANIFEST).unlink(missing_ok=True)  # resuming this mix: keep its buckets and shards
    else:
        prepare_out(out)
        remove_shards(out)
    outputs: dict[str, Any] = {}
    if weights_only:
        write_weights(plan, out)
        outputs["weights"] = WEIGHTS
    else:
        shards = write_shards(plan, out, fingerprint, run or {})
        if shards is None:
            return manifest
        outputs["shards"] = shards
    write_accounting(plan, out)
    outputs["accounting"] = ACCOUNTING
    if rej := write_rejects(plan.scan.rejects, out):
        outputs["rejects"] = rej
    manifest["outputs"] = outputs
    write_json(out / MANIFEST, manifest)
    return manifest
