"""Selection: one pass over tagged corpora to small per-document state, then filtering, near-duplicate
removal, clustering, share and budget resolution, and sampling with a repetition cap.

The pass (:func:`scan`) keeps, per document, its id, token count, label, source, status and,
for the documents a recipe may select, a MinHash band key per LSH band, its top term counts
(up to 48 hashed words, for clustering) and a small sample of its word 3-gram hashes, never the
text. The fixed-size fields stay in memory (about 10 bytes a document); the rest is spilled to
disk (:mod:`curate.mix.spill`) and read back a chunk at a time. :func:`plan` raises
:class:`RecipeError` for any recipe the data cannot satisfy, before anything is written.
"""

from __future__ import annotations

import array
import difflib
import hashlib
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from curate.io import CorpusError, Rejects, iter_documents, resolve_inputs
from curate.mix.recipe import DEFAULT_LABELS, ClusterSpec, DedupSpec, Recipe, RecipeError, _name
from curate.mix.spill import Column, Ragged, SpillDir
from curate.mix.text import (
    NGRAM_N,
    NGRAM_SAMPLE_SHIFT,
    MinHasher,
    TermCounter,
    WordHasher,
    batch_shingles,
    kmeans_terms,
    make_token_counter,
)

__all__ = ["DROP_REASONS", "Plan", "Scan", "hash_inputs", "plan", "scan"]

# Status codes of a document after planning; every code but SELECTED is a drop reason.
AVAILABLE, UNTAGGED, EXCLUDED, LOW_CONF, TOO_SHORT, TOO_LONG, NEAR_DUP, NOT_SAMPLED, SELECTED = range(9)
STATUS_NAMES = ("available", "untagged", "label_excluded", "low_confidence", "too_short", "too_long",
                "near_duplicate", "not_sampled", "selected")
DROP_REASONS = STATUS_NAMES[1:8]
BATCH = 512


class KeptRejects(Rejects):
    """Rejects that also keeps the first ``keep`` entries in memory, to be written once the plan holds."""

    def __init__(self, keep: int = 10_000) -> None:
        super().__init__(None)
        self.keep = keep
        self.entries: list[dict[str, Any]] = []

    def add(self, path: str | Path, line: int, reason: str, message: str, raw: bytes = b"") -> None:
        super().add(path, line, reason, message, raw)
        if len(self.entries) < self.keep:
            prefix = raw.rstrip(b"\r\n")[:256].decode("utf-8", "backslashreplace")
            self.entries.append({"path": str(path), "line": line, "reason": reason, "message": message, "raw": prefix})


# ---------------------------------------------------------------------------------------------
# The pass


@dataclass
class Scan:
    """Per-document state of one pass over the inputs (index = position in the input).

    In memory: a few fixed bytes a document (tokens, label, source, status). On disk, in
    ``spill`` (see :mod:`curate.mix.spill`): ids, sampled 3-gram hashes, MinHash band keys and
    term counts, read back a chunk at a time. :meth:`close` removes the files.
    """

    units: list[Path]
    ids: Ids
    tokens: np.ndarray  # int32
    label: np.ndarray  # int16 index into label_names, -1 untagged
    source: np.ndarray  # int16 index into source_names
    status: np.ndarray  # int8 status code
    label_names: list[str]
    source_names: list[str]
    rejects: KeptRejects
    tokenizer: dict
    spill: SpillDir
    ngram_total: Column  # int64 word 3-grams of each document (0 where not measured)
    ngrams: Ragged  # uint64 sampled 3-gram hashes of each document
    dedup_docs: Column  # int64 documents with band keys, ascending
    band_keys: Column  # uint64 rows of ``bands`` keys
    term_docs: dict[str, Column] = field(default_factory=dict)  # label -> int64 documents, ascending
    terms: dict[str, Ragged] = field(default_factory=dict)  # label -> (feature uint32, count uint16) rows
    stamps: list[tuple[int, int]] = field(default_factory=list)  # (size, mtime_ns) of each unit

    @property
    def n(self) -> int:
        return len(self.tokens)

    def label_code(self, name: str) -> int:
        return self.label_names.index(name) if name in self.label_names else -2

    def close(self) -> None:
        self.spill.close()


def _tag(metadata: dict) -> tuple[str | None, float | None]:
    tag = metadata.get("curate")
    if not isinstance(tag, dict):
        return None, None
    label = tag.get("label")
    if not isinstance(label, str) or not label:
        return None, None
    probs = tag.get("probs")
    conf = probs.get(label) if isinstance(probs, dict) else None
    if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not math.isfinite(conf):
        conf = None
    return label, conf


class _Grow:
    """An append-only typed array that becomes a numpy array without copying element by element."""

    def __init__(self, code: str, dtype: Any) -> None:
        self.arr = array.array(code)
        self.dtype = dtype

    def numpy(self) -> np.ndarray:
        return np.frombuffer(self.arr, dtype=self.dtype) if len(self.arr) else np.empty(0, self.dtype)


class Ids:
    """Document ids in input order, kept on disk as UTF-8 (a :class:`~curate.mix.spill.Ragged` of bytes).

    A list of a million ``str`` ids held ~80 MB, and each long-lived small object pinned the
    allocator arena it landed in among the pass's short-lived documents.
    """

    def __init__(self, spill: SpillDir) -> None:
        self._col = spill.ragged("ids", np.uint8)

    def extend(self, ids: Sequence[str]) -> None:
        enc = [i.encode("utf-8", "surrogatepass") for i in ids]
        self._col.append(np.fromiter(map(len, enc), dtype=np.int64, count=len(enc)),
                         np.frombuffer(b"".join(enc), dtype=np.uint8))

    def __len__(self) -> int:
        return self._col.rows

    def __iter__(self) -> Iterator[str]:
        for lengths, data in self._col.chunks():
            buf, off = data.tobytes(), 0
            for n in lengths.tolist():
                yield buf[off : off + n].decode("utf-8", "surrogatepass")
                off += n

    def take(self, positions: Sequence[int]) -> list[str]:
        """The ids at ``positions`` (in the order given), in one pass over the file."""
        want = {int(p) for p in positions}
        found: dict[int, str] = {}
        for i, doc_id in enumerate(self):
            if len(found) == len(want):
                break
            if i in want:
                found[i] = doc_id
        return [found[int(p)] for p in positions]


def open_documents(recipe_like: Any, rejects: Rejects) -> Iterator:
    return iter_documents(list(recipe_like.inputs), text_key=recipe_like.text_key, id_key=recipe_like.id_key,
                          skip_bad=recipe_like.skip_bad, rejects=rejects)


def resolve_units(inputs: Sequence[str], hint: str) -> list[Path]:
    try:
        return resolve_inputs(list(inputs))
    except CorpusError as err:
        raise RecipeError(f"inputs: {err}; {hint}") from None


def scan(
    recipe: Recipe,
    included: set[str] | None,
    *,
    measure: bool = True,
) -> Scan:
    """Read every document once and keep its small state.

    ``included``: labels a recipe may select (None: every label); documents of other labels are
    ``label_excluded``. With ``measure`` the documents that pass the filters are also hashed for
    near-duplicate removal, clustering and n-gram diversity.
    """
    units = resolve_units(recipe.inputs, "override the recipe's inputs with --inputs or CURATE_MIX_INPUTS")
    stamps = [_stamp(u) for u in units]
    count, tok_info = make_token_counter(recipe.tokenizer)
    dedup, clusters = (recipe.dedup, recipe.clusters) if measure else (None, None)
    words = WordHasher(dedup.normalize_numbers if dedup else True) if measure else None
    minhash = MinHasher(dedup, seed=1) if dedup else None
    terms = TermCounter() if clusters else None
    spill = SpillDir()
    ids = Ids(spill)
    ng_total, ngrams = spill.column("ngram_total", np.int64), spill.ragged("ngrams", np.uint64)
    dd_docs, dd_keys = spill.column("dedup_docs", np.int64), spill.column("band_keys", np.uint64, dedup.bands if dedup else 1)
    tc_docs: dict[str, Column] = {}
    tc_rows: dict[str, Ragged] = {}
    tokens, label, source, status = _Grow("i", np.int32), _Grow("h", np.int16), _Grow("h", np.int16), _Grow("b", np.int8)
    pending: dict[str, tuple[list[int], list[str]]] = {}
    label_idx: dict[str, int] = {}
    source_idx: dict[str, int] = {}
    rejects = KeptRejects()

    def flush(name: str) -> None:
        idx, texts = pending.pop(name)
        if name not in tc_docs:
            tc_docs[name] = spill.column(f"term_docs.{len(tc_docs)}", np.int64)
            tc_rows[name] = spill.ragged(f"terms.{len(tc_rows)}", np.uint32, np.uint16)
        tc_docs[name].append(np.asarray(idx, dtype=np.int64))
        tc_rows[name].append(*terms.counts(texts))

    def process(batch: list) -> None:
        counts = count([d.text for d in batch])
        measured: list[int] = []  # positions in the batch of documents that pass the filters
        first = len(tokens.arr)
        ids.extend([doc.id for doc in batch])
        for pos, (doc, ntok) in enumerate(zip(batch, counts)):
            tokens.arr.append(ntok)
            meta = doc.metadata
            src = meta.get("source")
            src = src if isinstance(src, str) and src else "unknown"
            source.arr.append(source_idx.setdefault(src, len(source_idx)))
            name, conf = _tag(meta)
            code = -1 if name is None else label_idx.setdefault(name, len(label_idx))
            label.arr.append(code)
            if name is None:
                st = UNTAGGED
            elif included is not None and name not in included:
                st = EXCLUDED
            elif (minp := recipe.min_prob_for(name)) > 0 and (conf is None or conf < minp):
                st = LOW_CONF
            elif ntok < recipe.min_tokens:
                st = TOO_SHORT
            elif recipe.max_tokens is not None and ntok > recipe.max_tokens:
                st = TOO_LONG
            else:
                st = AVAILABLE
                if words is not None:
                    measured.append(pos)
            status.arr.append(st)
        n3 = np.zeros(len(batch), dtype=np.int64)  # word 3-grams of each document
        ng_len = np.zeros(len(batch), dtype=np.int64)  # of which sampled
        sampled = np.empty(0, dtype=np.uint64)
        if measured:
            w, w_off = words.batch([batch[p].text for p in measured])
            sh3, off3 = batch_shingles(w, w_off, NGRAM_N)
            keep = (sh3 >> np.uint64(NGRAM_SAMPLE_SHIFT)) == 0
            kept = np.concatenate(([0], np.cumsum(keep, dtype=np.int64)))
            n3[measured] = np.diff(off3)
            ng_len[measured] = kept[off3[1:]] - kept[off3[:-1]]
            sampled = sh3[keep]
            if minhash is not None:
                wanted = [k for k, p in enumerate(measured) if dedup.applies(batch[p].metadata["curate"]["label"])]
                sh, sh_off = batch_shingles(w, w_off, dedup.ngram)
                done, keys = minhash.batch_band_keys(sh, sh_off, wanted)
                dd_docs.append(np.asarray([first + measured[k] for k in done], dtype=np.int64))
                dd_keys.append(keys)
            if terms is not None:
                for p in measured:
                    name = batch[p].metadata["curate"]["label"]
                    if clusters.applies(name):
                        idx, texts = pending.setdefault(name, ([], []))
                        idx.append(first + p)
                        texts.append(batch[p].text)
                        if len(idx) >= BATCH:
                            flush(name)
        ng_total.append(n3)
        ngrams.append(ng_len, sampled)

    try:
        batch: list = []
        for doc in open_documents(recipe, rejects):
            batch.append(doc)
            if len(batch) >= BATCH:
                process(batch)
                batch = []
        if batch:
            process(batch)
        for name in list(pending):
            flush(name)
    except BaseException:
        spill.close()
        raise

    return Scan(
        units=units, ids=ids, tokens=tokens.numpy(), label=label.numpy(), source=source.numpy(),
        status=status.numpy(), label_names=list(label_idx), source_names=list(source_idx), rejects=rejects,
        tokenizer=tok_info, spill=spill, ngram_total=ng_total, ngrams=ngrams, dedup_docs=dd_docs, band_keys=dd_keys,
        term_docs=tc_docs, terms=tc_rows, stamps=stamps,
    )


def _stamp(path: Path) -> tuple[int, int]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        return sum(p.stat().st_size for p in files), max((p.stat().st_mtime_ns for p in files), default=0)
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def hash_inputs(units: Sequence[Path]) -> list[dict[str, Any]]:
    """sha256 and size of every input unit (a file, or a save_to_disk folder's files in sorted order)."""
    out = []
    for unit in units:
        digest = hashlib.sha256()
        size = 0
        files = sorted(p for p in unit.rglob("*") if p.is_file()) if unit.is_dir() else [unit]
        for f in files:
            if unit.is_dir():
                digest.update(str(f.relative_to(unit)).encode() + b"\0")
            with open(f, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
        out.append({"path": str(unit), "bytes": size, "sha256": digest.hexdigest()})
    return out


# ---------------------------------------------------------------------------------------------
# Near-duplicates and clusters


def near_duplicates(sc: Scan, spec: DedupSpec) -> dict[str, Any]:
    """Mark near-duplicates (MinHash LSH: a shared band links two documents; linked groups keep their first)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    docs = sc.dedup_docs.read()
    m = len(docs)
    info = {"labels": "all" if spec.labels is None else list(spec.labels), "ngram": spec.ngram,
            "bands": spec.bands, "rows": spec.rows, "normalize_numbers": spec.normalize_numbers,
            "threshold": round(spec.threshold, 4), "candidates": m, "removed": 0, "groups": 0}
    if m < 2:
        return info
    us, vs = [], []
    for b in range(spec.bands):  # one band's keys in memory at a time
        col = np.concatenate([chunk[:, b] for chunk in sc.band_keys.chunks()])
        order = np.argsort(col, kind="stable")
        sorted_keys = col[order]
        del col
        new_run = np.empty(m, dtype=bool)
        new_run[0] = True
        new_run[1:] = sorted_keys[1:] != sorted_keys[:-1]
        if new_run.all():
            continue
        run_start = np.maximum.accumulate(np.where(new_run, np.arange(m), 0))
        dup = ~new_run
        us.append(order[run_start[dup]])
        vs.append(order[dup])
    if not us:
        return info
    u, v = np.concatenate(us), np.concatenate(vs)
    graph = coo_matrix((np.ones(len(u), dtype=np.int8), (u, v)), shape=(m, m))
    _, comp = connected_components(graph, directed=False)
    _, first, sizes = np.unique(comp, return_index=True, return_counts=True)
    keep = np.zeros(m, dtype=bool)
    keep[first] = True
    removed = docs[~keep]
    sc.status[removed] = NEAR_DUP
    info["removed"] = int(len(removed))
    info["groups"] = int((sizes > 1).sum())
    return info


def cluster(sc: Scan, spec: ClusterSpec, seed: int) -> tuple[np.ndarray, set[str]]:
    """k-means over the LSA embedding of each clustered label's documents; cluster 0 has the most tokens.

    Clusters are fit on every document of the label that passes the filters, before
    near-duplicate removal, so recipes that differ only in their diversity controls share them.
    Returns the cluster of each document within its label (int16, -1 where none) and the
    labels clustered.
    """
    from threadpoolctl import threadpool_limits

    cluster_of = np.full(sc.n, -1, dtype=np.int16)
    done: set[str] = set()
    for name in spec.labels:
        if name not in sc.term_docs or sc.term_docs[name].rows == 0:
            continue
        docs = sc.term_docs[name].read()
        k = min(spec.k, len(docs))
        if k == 1:
            labels = np.zeros(len(docs), dtype=np.int64)
        else:
            # one thread: the same bytes on every run, and no oversubscription on shared machines
            with threadpool_limits(1), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # fewer distinct points than clusters, convergence notes
                labels = kmeans_terms(sc.terms[name], k=k, seed=seed)
        # renumber: most tokens first, ties by first document
        mass = np.bincount(labels, weights=sc.tokens[docs], minlength=k)
        first = np.full(k, np.iinfo(np.int64).max)
        np.minimum.at(first, labels, docs)
        order = np.lexsort((first, -mass))
        rank = np.empty(k, dtype=np.int16)
        rank[order] = np.arange(k)
        cluster_of[docs] = rank[labels]
        done.add(name)
    return cluster_of, done


# ---------------------------------------------------------------------------------------------
# Shares, budget, sampling


@dataclass
class LabelPlan:
    name: str
    share: float
    target: int = 0
    clusters: np.ndarray | None = None  # cluster ids in play (sorted), None when not clustered
    allocation: dict[int, float] = field(default_factory=dict)


@dataclass
class Plan:
    """The resolved selection: per-document repeats and everything the manifest reports."""

    recipe: Recipe
    scan: Scan
    repeats: np.ndarray  # int64 copies of each document in the mixture (0: dropped)
    cluster: np.ndarray  # int16 cluster of each document within its label, -1 none
    shares: dict[str, float]
    natural: dict[str, float]
    budget: int
    labels: dict[str, LabelPlan]
    dedup: dict[str, Any] | None
    input_tokens: int


def _known_label_check(sc: Scan, names: Sequence[str], key: str) -> None:
    found = [n for n in sc.label_names]
    for name in names:
        if name not in found:
            close = difflib.get_close_matches(name, found, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            listing = ", ".join(_name(f) for f in sorted(found)) or "none: the inputs carry no curate tags"
            raise RecipeError(f"{key}: no document is labelled {name!r} (labels found: {listing}){hint}")


def _reasons_of(sc: Scan, code: int) -> str:
    mask = sc.label == code
    parts = []
    for st in (LOW_CONF, TOO_SHORT, TOO_LONG, NEAR_DUP):
        n = int((sc.status[mask] == st).sum())
        if n:
            parts.append(f"{n} {STATUS_NAMES[st].replace('_', ' ')}")
    return ", ".join(parts) or "none left"


def _capacity(k1: np.ndarray, repeats: int, max_share: float | None) -> float:
    """Most tokens a label can yield: clusters of ``k1`` tokens, each used ``repeats`` times, none above ``max_share``."""
    caps = k1.astype(float) * repeats
    total = float(caps.sum())
    if max_share is None or total == 0:
        return total
    if max_share * int((caps > 0).sum()) < 1 - 1e-12:
        return 0.0
    lo, hi = 0.0, total
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.minimum(max_share * mid, caps).sum() >= mid * (1 - 1e-12):
            lo = mid
        else:
            hi = mid
    return lo


def _water_fill(target: float, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Split ``target`` in proportion to ``weights`` without exceeding ``caps``; overflow goes to the rest."""
    alloc = np.zeros(len(weights))
    active = (weights > 0) & (caps > 0)
    remaining = target
    while remaining > 1e-9 and active.any():
        idx = np.flatnonzero(active)
        share = remaining * weights[idx] / weights[idx].sum()
        room = caps[idx] - alloc[idx]
        full = share >= room
        if not full.any():
            alloc[idx] += share
            break
        sat = idx[full]
        remaining -= float(room[full].sum())
        alloc[sat] = caps[sat]
        active[sat] = False
    return alloc


def _fill(docs: np.ndarray, tokens: np.ndarray, target: float, max_repeats: int,
          rng: np.random.Generator, repeats: np.ndarray) -> float:
    """Draw ``docs`` in seeded random rounds (each document once a round) until ``target`` tokens; returns tokens drawn.

    The last document of the draw is kept when that lands closer to the target than stopping before it.
    """
    drawn = 0.0
    if len(docs) == 0 or target <= 0:
        return drawn
    for _ in range(max_repeats):
        order = docs[rng.permutation(len(docs))]
        cs = np.cumsum(tokens[order], dtype=np.float64)
        need = target - drawn
        if need <= 0:
            break
        if cs[-1] <= need:
            repeats[order] += 1
            drawn += float(cs[-1])
            continue
        k = int(np.searchsorted(cs, need))  # first prefix reaching need
        before = cs[k - 1] if k > 0 else 0.0
        take = k + 1 if (cs[k] - need) < (need - before) else k
        repeats[order[:take]] += 1
        drawn += float(cs[take - 1]) if take > 0 else 0.0
        break
    return drawn


def plan(recipe: Recipe, *, measure: bool = True) -> Plan:
    """Scan the inputs and resolve the recipe into per-document repeats, or raise RecipeError saying what to change."""
    if recipe.shares is not None:
        included: set[str] | None = {k for k, v in recipe.shares.items() if v > 0}
    else:
        zero = {k for k, v in recipe.multipliers.items() if v == 0}
        included = None if not zero else _AllBut(zero)
    sc = scan(recipe, included, measure=measure)
    try:
        return _resolve(recipe, sc, measure)
    except BaseException:
        sc.close()
        raise


def _resolve(recipe: Recipe, sc: Scan, measure: bool) -> Plan:
    if sc.n == 0:
        raise RecipeError(f"inputs: no documents read from {', '.join(str(u) for u in sc.units)}")
    if (sc.label < 0).all():
        raise RecipeError("inputs: no document carries a classifier tag (metadata.curate.label); tag the corpus "
                          "first (curate tag) or point inputs at a tagged corpus")
    named = list(recipe.shares or {}) + list(recipe.multipliers) + [k for k in recipe.min_prob if k != "*"]
    keys = [f"shares.{k}" for k in (recipe.shares or {})] + [f"multipliers.{k}" for k in recipe.multipliers] + \
           [f"filters.min_prob.{k}" for k in recipe.min_prob if k != "*"]
    for name, key in zip(named, keys):
        if key.startswith("shares.") and recipe.shares and recipe.shares[name] == 0:
            continue
        _known_label_check(sc, [name], key)
    if recipe.dedup is not None and recipe.dedup.labels is not None:
        _known_label_check(sc, recipe.dedup.labels, "dedup.labels")
    if recipe.clusters is not None:
        _known_label_check(sc, recipe.clusters.labels, "clusters.labels")

    dedup_info = near_duplicates(sc, recipe.dedup) if recipe.dedup is not None and measure else None
    if recipe.clusters is not None and measure:
        cluster_of, clusters = cluster(sc, recipe.clusters, recipe.seed)
    else:
        cluster_of, clusters = np.full(sc.n, -1, dtype=np.int16), set()

    avail = sc.status == AVAILABLE
    labels_sorted = _order_labels(sc.label_names)
    avail_tokens = {name: int(sc.tokens[avail & (sc.label == sc.label_code(name))].sum()) for name in labels_sorted}
    total_avail = sum(avail_tokens.values())
    natural = {k: (v / total_avail if total_avail else 0.0) for k, v in avail_tokens.items()}

    # requested shares
    if recipe.shares is not None:
        shares = {k: float(v) for k, v in recipe.shares.items() if v > 0}
        for name, share in shares.items():
            if avail_tokens.get(name, 0) == 0:
                code = sc.label_code(name)
                raise RecipeError(
                    f"shares.{name}={share:g}: no {name} document is left after filters"
                    f"{' and dedup' if recipe.dedup else ''} ({int((sc.label == code).sum())} tagged {name}: "
                    f"{_reasons_of(sc, code)}); set shares.{name} to 0 or relax the filters")
    else:
        weighted = {k: avail_tokens[k] * recipe.multipliers.get(k, 1.0) for k in labels_sorted}
        total = sum(weighted.values())
        if total <= 0:
            raise RecipeError("multipliers: every label with documents left after the filters has multiplier 0 "
                              f"(tokens left per label: {_listing(avail_tokens)}); raise a multiplier or relax the filters")
        shares = {k: v / total for k, v in weighted.items() if v > 0}

    # per-label capacity under the repetition cap and cluster constraints
    cap_docs: dict[str, np.ndarray] = {}
    label_plans: dict[str, LabelPlan] = {}
    capacities: dict[str, float] = {}
    for name, share in shares.items():
        code = sc.label_code(name)
        mask = avail & (sc.label == code)
        lp = LabelPlan(name, share)
        if name in clusters:
            cids = cluster_of[mask]
            k_all = int(cluster_of[sc.label == code].max()) + 1
            in_play = np.arange(k_all)
            if recipe.clusters.limit is not None:
                in_play = in_play[: recipe.clusters.limit]
            lp.clusters = in_play
            k1 = np.bincount(cids, weights=sc.tokens[mask], minlength=k_all)[in_play]
            spec = recipe.clusters
            if spec.max_share is not None and spec.max_share * int((k1 > 0).sum()) < 1 - 1e-12:
                n_c = int((k1 > 0).sum())
                raise RecipeError(
                    f"clusters.max_share={spec.max_share:g}: {n_c} {name} clusters with documents cannot hold all "
                    f"{name} tokens at most {spec.max_share:g} each; raise clusters.max_share to at least "
                    f"{math.ceil(1e4 / max(n_c, 1)) / 1e4:g} (1/{n_c})"
                    + (" or raise clusters.limit" if spec.limit is not None else " or raise clusters.k"))
            capacities[name] = _capacity(k1, recipe.max_repeats, recipe.clusters.max_share)
        else:
            capacities[name] = float(sc.tokens[mask].sum()) * recipe.max_repeats
        cap_docs[name] = np.flatnonzero(mask)
        label_plans[name] = lp

    input_tokens = int(sc.tokens.sum())
    if recipe.budget.kind == "tokens":
        budget = int(recipe.budget.value)
    elif recipe.budget.kind == "percent":
        budget = int(round(input_tokens * recipe.budget.value / 100))
    else:
        budget = int(math.floor(min(capacities[k] / s for k, s in shares.items()) + 1e-6))
    if budget < 1:
        raise RecipeError(f"budget_tokens={recipe.budget}: resolves to {budget} tokens "
                          f"({input_tokens} tokens in the inputs); give a larger budget")
    for name, share in shares.items():
        need = share * budget
        if need > capacities[name] * (1 + 1e-9) + 0.5:
            raise RecipeError(_infeasible(recipe, sc, name, share, budget, need, capacities, shares, clusters,
                                          cluster_of, cap_docs[name]))

    # sampling
    repeats = np.zeros(sc.n, dtype=np.int64)
    targets = _round_targets(shares, budget)
    for name, share in shares.items():
        lp = label_plans[name]
        lp.target = targets[name]
        docs = cap_docs[name]
        label_seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "little")
        if lp.clusters is None:
            rng = np.random.default_rng([recipe.seed, label_seed])
            _fill(docs, sc.tokens, lp.target, recipe.max_repeats, rng, repeats)
            continue
        cids = cluster_of[docs]
        spec = recipe.clusters
        k1 = np.array([float(sc.tokens[docs[cids == c]].sum()) for c in lp.clusters])
        base = k1 / k1.max() if k1.max() > 0 else k1
        weights = np.where(k1 > 0, base ** (1.0 / spec.temperature), 0.0)
        caps = k1 * recipe.max_repeats
        if spec.max_share is not None:
            caps = np.minimum(caps, spec.max_share * lp.target)
        alloc = _water_fill(float(lp.target), weights, caps)
        if alloc.sum() < lp.target - 0.5:  # rounding at the capacity edge: let the carry absorb it
            alloc = _water_fill(float(lp.target), weights, k1 * recipe.max_repeats)
        carry = 0.0
        for c, a in zip(lp.clusters, alloc):
            lp.allocation[int(c)] = float(a)
            members = docs[cids == c]
            rng = np.random.default_rng([recipe.seed, label_seed, int(c) + 1])
            want = a + carry
            drawn = _fill(members, sc.tokens, want, recipe.max_repeats, rng, repeats)
            carry = want - drawn
        if carry > 0.5:  # clusters ran out before the carry was spent: top up from any cluster in play
            members = docs[np.isin(cids, lp.clusters)]
            rng = np.random.default_rng([recipe.seed, label_seed, 0])
            spare = members[repeats[members] < recipe.max_repeats]
            _top_up(spare, sc.tokens, carry, recipe.max_repeats, rng, repeats)

    selected = repeats > 0
    sc.status[avail & selected] = SELECTED
    sc.status[avail & ~selected] = NOT_SAMPLED
    return Plan(recipe=recipe, scan=sc, repeats=repeats.astype(np.int64), cluster=cluster_of, shares=shares,
                natural=natural, budget=budget, labels=label_plans, dedup=dedup_info, input_tokens=input_tokens)


def _top_up(docs: np.ndarray, tokens: np.ndarray, need: float, max_repeats: int, rng: np.random.Generator,
            repeats: np.ndarray) -> None:
    """Spend a leftover ``need`` on one more copy of documents, in seeded random order, while that gets closer."""
    for d in docs[rng.permutation(len(docs))]:
        if need <= 0.5:
            break
        t = float(tokens[d])
        if repeats[d] < max_repeats and t < 2 * need:
            repeats[d] += 1
            need -= t


class _AllBut(set):
    """The labels a natural-share recipe includes: every label but those with multiplier 0."""

    def __init__(self, excluded: set[str]) -> None:
        super().__init__()
        self.excluded = excluded

    def __contains__(self, name: object) -> bool:
        return name not in self.excluded


def _order_labels(names: Sequence[str]) -> list[str]:
    return [n for n in DEFAULT_LABELS if n in names] + sorted(n for n in names if n not in DEFAULT_LABELS)


def _listing(d: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in d.items())


def _round_targets(shares: dict[str, float], budget: int) -> dict[str, int]:
    """Integer token targets per label summing to the budget (largest remainders)."""
    raw = {k: v * budget for k, v in shares.items()}
    floor = {k: int(math.floor(v)) for k, v in raw.items()}
    rest = budget - sum(floor.values())
    for k in sorted(raw, key=lambda k: (floor[k] - raw[k], k))[: max(rest, 0)]:
        floor[k] += 1
    return floor


def _infeasible(recipe: Recipe, sc: Scan, name: str, share: float, budget: int, need: float,
                capacities: dict[str, float], shares: dict[str, float], clusters: set[str], cluster_of: np.ndarray,
                docs: np.ndarray) -> str:
    max_budget = int(min(capacities[k] / s for k, s in shares.items()))
    tokens_left = int(sc.tokens[docs].sum())
    where = ""
    k1 = None
    if name in clusters and recipe.clusters is not None:
        cids = cluster_of[docs]
        k_all = int(cids.max()) + 1 if len(cids) else 0
        in_play = np.arange(k_all) if recipe.clusters.limit is None else np.arange(min(k_all, recipe.clusters.limit))
        k1 = np.bincount(cids, weights=sc.tokens[docs], minlength=max(k_all, 1))[in_play] if k_all else np.zeros(0)
        if recipe.clusters.limit is not None:
            where = f" in the {len(in_play)} clusters of clusters.limit"
            tokens_left = int(k1.sum())
    constraint = ("each used at most once (max_repeats=1)" if recipe.max_repeats == 1
                  else f"each used at most max_repeats={recipe.max_repeats} times")
    if recipe.clusters is not None and recipe.clusters.max_share is not None and name in clusters:
        constraint += f" and no cluster above clusters.max_share={recipe.clusters.max_share:g}"
    fixes = [f"lower budget_tokens to at most {max_budget}", f"lower shares.{name}"
             if recipe.shares is not None else f"lower multipliers.{name}"]
    # smallest repetition cap that would do
    for r in _candidate_repeats(recipe.max_repeats):
        cap = _capacity(k1, r, recipe.clusters.max_share if k1 is not None and recipe.clusters else None) \
            if k1 is not None else tokens_left * r
        if cap >= need:
            fixes.append(f"raise max_repeats to at least {r}")
            break
    else:
        if k1 is not None and recipe.clusters is not None and recipe.clusters.max_share is not None:
            fixes.append("raise clusters.max_share")
    if recipe.clusters is not None and recipe.clusters.limit is not None and name in clusters:
        fixes.append("raise clusters.limit")
    dedup = " and dedup" if recipe.dedup is not None and recipe.dedup.applies(name) else ""
    return (f"budget_tokens={recipe.budget} needs {int(round(need))} {name} tokens ({share:.4g} of {budget}), but at "
            f"most {int(capacities[name])} can be drawn: {tokens_left} {name} tokens left after filters{dedup}"
            f"{where}, {constraint}; {', '.join(fixes[:-1])} or {fixes[-1]}")


def _candidate_repeats(current: int) -> Iterator[int]:
    r = current + 1
    while r <= 65535:
        yield r
        r = r + 1 if r < 64 else r * 2
