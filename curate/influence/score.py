"""Score a corpus against a query suite: sharded, resumable, distributed over datatrove ranks.

    out = score_corpus("world/docs", "world/queries/influence.jsonl", "runs/lm", "runs/influence")
    scores, docs, queries = load_scores(out)   # scores[i, j]: document i on query j

What happens, in order (every step is skipped when a previous run already did it):

1. the corpus is read once (``curate.io.iter_documents``) into ``out_dir/documents.jsonl.gz``,
   which fixes the row order; queries go to ``out_dir/queries.jsonl`` (the column order);
   ``plan.json`` fingerprints the run (documents, queries, model weights, backend settings);
   an ``out_dir`` holding a different run is refused unless ``overwrite=True``;
2. in the calling process, with all its threads, **once**: the EK-FAC factors are fitted into
   ``out_dir/factors`` (``fast``: on a fixed sample of the documents; ``ekfac``: on all of
   them); ``fast`` computes the preconditioned query gradients there too; each query's loss
   goes to ``factors/query_loss.json``. Every shard and rank reads them;
3. the documents are cut into fixed shards of ``shard_docs`` rows (by row order); a datatrove
   ``PipelineStep`` (:class:`InfluenceScorer`) scores the shards of its rank
   (``k % world_size == rank``), run by a datatrove executor (``local`` by default, ``slurm``
   or ``ray`` on a cluster). Each shard is written to ``shards/<k>.safetensors`` under a
   temporary name and renamed when complete, then marked done by ``shards/<k>.done.json``;
   a rerun skips shards that are done, so a killed run resumes where it stopped;
4. when all shards are done they are merged into ``out_dir/scores.safetensors``:
   ``scores`` [n_docs, n_queries] float32 (influence per nat of query information, see
   :func:`curate.influence.backends.normalize_scores`), ``raw_scores`` (undivided),
   ``query_loss`` [n_queries] and ``doc_tokens`` [n_docs] (the tokens each document's loss sums
   over, for the label rule; each shard stores its own); ``meta.json`` records backend, model,
   settings, timings.

Scores are deterministic: the same inputs, settings and thread count give the same bytes.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import math
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import torch
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

from curate.errors import CurateUserError
from curate.executors import run_pipeline
from curate.queries import load_queries
from curate.influence.backends import (
    InfluenceSettings,
    Timings,
    get_backend,
    normalize_scores,
)
from curate.influence.task import loss_tokens, query_losses

DOCUMENTS = "documents.jsonl.gz"
QUERIES = "queries.jsonl"
SCORES = "scores.safetensors"
META = "meta.json"
PLAN = "plan.json"
SHARDS = "shards"
FACTORS = "factors"
REJECTS = "_rejects.jsonl"
QUERY_LOSS = "query_loss.json"  # under FACTORS: each query's summed completion loss
MODEL_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")

__all__ = ["InfluenceScorer", "load_doc_tokens", "load_scores", "merge_scores", "score_corpus"]


# ------------------------------------------------------------------------------ small I/O


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".tmp.{path.name}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_json(path: Path, obj: Any) -> None:
    _write_atomic(path, json.dumps(obj, indent=1, sort_keys=True).encode() + b"\n")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text())


def _model_digest(model_dir: Path) -> str:
    h = hashlib.sha256()
    found = False
    for name in MODEL_FILES:
        p = model_dir / name
        if p.is_file():
            found = True
            h.update(name.encode())
            with open(p, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
    if not found:
        raise CurateUserError(f"{model_dir}: not a model folder (no config.json / model.safetensors)")
    return h.hexdigest()[:16]


def iter_rows(out_dir: str | Path, start: int = 0, stop: int | None = None) -> Iterator[dict]:
    """Document records ``{id, text, metadata}`` of rows ``start..stop-1`` of a scores folder."""
    with gzip.open(Path(out_dir) / DOCUMENTS, "rb") as f:
        for i, line in enumerate(f):
            if stop is not None and i >= stop:
                break
            if i >= start:
                yield orjson.loads(line)


def _write_documents(corpus_inputs, path: Path, *, text_key: str, id_key: str, skip_bad: bool,
                     limit: int | None) -> tuple[int, str]:
    """Stream the corpus into ``documents.jsonl.gz`` (fixed gzip header); ``(n_docs, digest)``.

    With ``skip_bad``, every skipped record is written to ``_rejects.jsonl`` next to it.
    """
    from curate.io import Rejects, iter_documents

    h = hashlib.sha256()
    n = 0
    tmp = path.with_name(f".tmp.{path.name}")
    rejects = Rejects(path.parent / REJECTS if skip_bad else None)
    with rejects, open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=3) as gz:
        buf = io.BufferedWriter(gz, buffer_size=1 << 20)
        for doc in iter_documents(corpus_inputs, text_key=text_key, id_key=id_key, skip_bad=skip_bad, limit=limit,
                                  rejects=rejects):
            rec = orjson.dumps({"id": doc.id, "text": doc.text, "metadata": doc.metadata},
                               option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY)
            buf.write(rec)
            h.update(str(doc.id).encode() + b"\0" + doc.text.encode() + b"\0")
            n += 1
        buf.flush()
    if rejects.total:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(rejects.counts.items()))
        logger.warning(f"skipped {rejects.total} bad records ({reasons}); see {rejects.path}")
    if n == 0:
        tmp.unlink()
        raise CurateUserError("the corpus holds no documents")
    os.replace(tmp, path)
    return n, h.hexdigest()[:16]


# --------------------------------------------------------------------------- shard files


def shard_range(k: int, n_docs: int, shard_docs: int) -> tuple[int, int]:
    return k * shard_docs, min(n_docs, (k + 1) * shard_docs)


def _shard_paths(out_dir: Path, k: int) -> tuple[Path, Path]:
    d = out_dir / SHARDS
    return d / f"{k:05d}.safetensors", d / f"{k:05d}.done.json"


def shard_done(out_dir: Path, k: int, fingerprint: str) -> bool:
    """A shard counts as done when its scores file and its marker (for this run) both exist."""
    data, marker = _shard_paths(out_dir, k)
    if not (data.is_file() and marker.is_file()):
        return False
    try:
        return _read_json(marker).get("fingerprint") == fingerprint
    except (OSError, json.JSONDecodeError):
        return False


def _progress(enabled: bool):
    if not enabled:
        return contextlib.nullcontext(None)
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TimeRemainingColumn())


@contextlib.contextmanager
def _threads(n: int | None):
    before = torch.get_num_threads()
    if n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


# -------------------------------------------------------------------------- the pipeline


class InfluenceScorer(PipelineStep):
    """datatrove step: score this rank's shards (``k % world_size == rank``) that are not done yet.

    Everything it needs is on disk in ``out_dir`` (documents, queries, plan, fitted factors),
    so the step is a few strings and numbers: it pickles to any executor's workers.
    Documents flowing in from earlier steps are passed through untouched.
    """

    name = "🎯 influence scores"
    type = "🧮 - INFLUENCE"

    def __init__(self, out_dir: str | Path, *, threads: int | None = None, device: str | None = None,
                 progress: bool = False) -> None:
        super().__init__()
        self.out_dir = str(Path(out_dir).absolute())
        self.threads = threads
        self.device = device
        self.progress = progress
        self.caller_pid = os.getpid()

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        if os.getpid() != self.caller_pid:  # a worker process of its own: nothing else shares its heap
            from curate.io import keep_freed_memory

            keep_freed_memory()
        with _threads(self.threads):
            self._score_rank(rank, world_size)

    def _score_rank(self, rank: int, world_size: int) -> None:
        from curate.lm import load_lm

        out = Path(self.out_dir)
        plan = _read_json(out / PLAN)
        fp, n_docs, shard_docs = plan["fingerprint"], plan["n_docs"], plan["shard_docs"]
        n_shards = math.ceil(n_docs / shard_docs)
        todo = [k for k in range(rank, n_shards, world_size) if not shard_done(out, k, fp)]
        if not todo:
            return
        queries = load_queries(out / QUERIES)
        model, tokenizer = load_lm(plan["model_dir"], device=self.device)
        backend = get_backend(plan["backend"], settings=InfluenceSettings(**_settings_args(plan["settings"])))
        factors = out / FACTORS
        (out / SHARDS).mkdir(exist_ok=True)
        total = sum(shard_range(k, n_docs, shard_docs)[1] - shard_range(k, n_docs, shard_docs)[0] for k in todo)
        with _progress(self.progress) as bar:
            task = bar.add_task(f"score ({backend.name})", total=total) if bar else None
            advance = (lambda n: bar.advance(task, n)) if bar else None
            t_queries = backend.prepare_queries(model, tokenizer, queries, factors)
            rows = iter_rows(out)
            pos = 0
            for k in todo:
                start, stop = shard_range(k, n_docs, shard_docs)
                for _ in range(start - pos):
                    next(rows)
                texts = [next(rows)["text"] for _ in range(stop - start)]
                pos = stop
                t0 = time.perf_counter()
                backend.timings = Timings()
                ids = backend.encode(tokenizer, texts)
                raw = backend.score_encoded(model, tokenizer, ids, queries, factors, advance=advance)
                seconds = time.perf_counter() - t0
                spent = backend.timings
                if t_queries.seconds:  # once per rank: booked on its first shard
                    spent.merge(t_queries)
                    seconds += sum(t_queries.seconds.values())
                    t_queries = Timings()
                data_path, marker = _shard_paths(out, k)
                tmp = data_path.with_name(f".tmp.{data_path.name}")
                save_file({"raw_scores": np.ascontiguousarray(raw, dtype=np.float32),
                           "doc_tokens": np.array([len(x) for x in ids], dtype=np.int32)}, str(tmp),
                          metadata=_st_meta({"start": start, "stop": stop, "fingerprint": fp}))
                os.replace(tmp, data_path)
                _write_json(marker, {"shard": k, "start": start, "stop": stop, "fingerprint": fp, "rank": rank,
                                     "seconds": seconds, "timings": spent.to_dict()})
                self.stat_update("documents", value=stop - start)
                self.stat_update("shards")


def _local_start_method(threads: int) -> str:
    """How the local executor starts its workers (when it runs more than one).

    ``"fork"``: from this process, which has imported torch, transformers and curate already, so
    each worker starts at once instead of spending ~5 s of CPU on imports (2-3% of a 20,000-document
    ``fast`` run on 2 cores). Only where that is safe: one torch thread per worker (a forked child
    that starts an OpenMP thread team after the parent ran one can hang, as GNU OpenMP does here
    with 2 threads per worker) and no CUDA in this process (CUDA cannot be used after a fork).
    Otherwise datatrove's default, ``"forkserver"``. An executor config naming ``start_method`` wins.
    """
    return "fork" if threads == 1 and not torch.cuda.is_initialized() else "forkserver"


def _st_meta(d: dict) -> dict[str, str]:
    """safetensors metadata as one JSON string: its header keeps several keys in no fixed order."""
    return {"curate": json.dumps(d, sort_keys=True)}


def _settings_args(d: dict) -> dict:
    d = dict(d)
    if isinstance(d.get("modules"), list):
        d["modules"] = tuple(d["modules"])
    return d


# ------------------------------------------------------------------------------ the API


def score_corpus(
    corpus_inputs: str | Path | Sequence[str | Path],
    queries: str | Path | Sequence[dict],
    model_dir: str | Path,
    out_dir: str | Path,
    *,
    backend: str = "fast",
    shard_docs: int = 1000,
    workers: int = 1,
    tasks: int | None = None,
    executor: str = "local",
    executor_kwargs: dict | None = None,
    limit: int | None = None,
    progress: bool = True,
    threads: int | None = None,
    device: str | None = None,
    overwrite: bool = False,
    text_key: str = "text",
    id_key: str = "id",
    skip_bad: bool = False,
    **settings: Any,
) -> Path:
    """Influence of every document of the corpus on every query; returns ``out_dir``.

    ``backend`` is ``"fast"`` (default; EK-FAC factors fitted on a sample) or ``"ekfac"`` (the
    paper's method through kronfluence, factors on all documents). ``settings`` override
    :class:`~curate.influence.backends.InfluenceSettings` (``modules``, ``max_length``,
    ``batch_size``, ``fit_docs``, ``damping``, ``seed``, ...). ``tasks`` datatrove ranks
    (default ``workers``) split the shards, ``workers`` of them run at once, each with
    ``threads`` torch threads (default: this process's threads divided by ``workers``).
    With ``executor="slurm"`` the call returns once the jobs are submitted; run
    :func:`merge_scores` (or this function again) when they have finished.

    ``ekfac`` computes its query gradients inside kronfluence's pairwise call, i.e. once per
    shard: give it large shards (``shard_docs``). ``fast`` computes them once, before the shards.
    """
    t_start = time.perf_counter()
    out = Path(out_dir).absolute()
    model_dir = Path(model_dir).absolute()
    if shard_docs < 1:
        raise CurateUserError("shard_docs must be at least 1")
    if workers < 1:
        raise CurateUserError("workers must be at least 1")
    try:
        be = get_backend(backend, **settings)
    except (TypeError, ValueError) as e:
        raise CurateUserError(str(e)) from None
    query_list = load_queries(queries)
    threads = threads or max(1, torch.get_num_threads() // workers)
    out.mkdir(parents=True, exist_ok=True)

    # 1. documents, queries, plan
    docs_tmp = out / f".new.{DOCUMENTS}"
    n_docs, docs_digest = _write_documents(corpus_inputs, docs_tmp, text_key=text_key, id_key=id_key,
                                           skip_bad=skip_bad, limit=limit)
    key = {
        "backend": be.name, "settings": be.settings.to_dict(), "model": _model_digest(model_dir),
        "documents": docs_digest, "n_docs": n_docs, "shard_docs": shard_docs,
        "queries": hashlib.sha256(json.dumps(query_list, sort_keys=True).encode()).hexdigest()[:16],
    }
    fingerprint = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    old = _read_json(out / PLAN) if (out / PLAN).is_file() else None
    if old is not None and old.get("fingerprint") != fingerprint:
        if not overwrite:
            docs_tmp.unlink()
            raise CurateUserError(
                f"{out} holds influence scores of another run (different documents, queries, model or "
                "settings); pass overwrite=True or choose another folder"
            )
        for name in (SHARDS, FACTORS, "logs"):
            shutil.rmtree(out / name, ignore_errors=True)
        for name in (SCORES, META):
            (out / name).unlink(missing_ok=True)
    os.replace(docs_tmp, out / DOCUMENTS)
    _write_atomic(out / QUERIES, b"".join(orjson.dumps(q, option=orjson.OPT_APPEND_NEWLINE) for q in query_list))
    plan = {**key, "fingerprint": fingerprint, "model_dir": str(model_dir), "n_queries": len(query_list)}
    _write_json(out / PLAN, plan)

    n_shards = math.ceil(n_docs / shard_docs)
    pending = [k for k in range(n_shards) if not shard_done(out, k, fingerprint)]
    if not pending and (out / SCORES).is_file() and (out / META).is_file() \
            and _read_json(out / META).get("fingerprint") == fingerprint:
        return out  # finished earlier: nothing to do
    resumed = len(pending) < n_shards or (out / FACTORS / "factors_done.json").exists()

    # 2. once, before any shard, with all threads: the factors, what the backend computes per query
    #    suite (fast: the preconditioned query gradients), and the query losses
    setup = Timings()
    loss_path = out / FACTORS / QUERY_LOSS
    if pending and not (be.factors_ready(out / FACTORS) and be.queries_ready(out / FACTORS, query_list)
                        and loss_path.is_file()):
        from curate.lm import load_lm

        with _threads(threads * workers if executor == "local" else threads):
            model, tokenizer = load_lm(model_dir, device=device)
            if not be.factors_ready(out / FACTORS):
                idx = set(be.fit_indices(n_docs))
                texts = [r["text"] for i, r in enumerate(iter_rows(out)) if i in idx]
                with _progress(progress) as bar:
                    task = bar.add_task(f"fit factors ({be.name}, {len(texts)} docs x 2 passes)",
                                        total=2 * len(texts)) if bar else None
                    be.fit(model, tokenizer, texts, out / FACTORS, n_docs_total=n_docs,
                           advance=(lambda n: bar.advance(task, n)) if bar else None)
            setup.merge(be.prepare_queries(model, tokenizer, query_list, out / FACTORS))
            if not loss_path.is_file():
                _write_json(loss_path, query_losses(model, tokenizer, query_list))
            del model

    # 3. shards over datatrove ranks
    if pending:
        world = tasks or workers
        step = InfluenceScorer(out, threads=threads, device=device, progress=progress and workers == 1)
        config = dict(executor_kwargs or {})
        if executor == "local":
            config.setdefault("start_method", _local_start_method(threads))
        run_pipeline(executor, [step], tasks=world, workers=workers, logging_dir=out / "logs",
                     skip_completed=False, config=config)

    # 4. merge (when every shard is there)
    if all(shard_done(out, k, fingerprint) for k in range(n_shards)):
        merge_scores(out, seconds=time.perf_counter() - t_start, setup_timings=setup,
                     extra={"workers": workers, "tasks": tasks or workers, "threads": threads,
                            "executor": executor, "resumed": resumed, "docs_scored_this_call":
                            sum(shard_range(k, n_docs, shard_docs)[1] - shard_range(k, n_docs, shard_docs)[0]
                                for k in pending)})
    return out


def merge_scores(out_dir: str | Path, *, seconds: float | None = None, setup_timings: Timings | None = None,
                 extra: dict | None = None) -> Path:
    """Concatenate the shard files into ``scores.safetensors`` and write ``meta.json``.

    ``meta.json``'s phases are the factor fit's (from ``factors_done.json``), the shards' and
    ``setup_timings`` (work of this call before the shards, e.g. ``fast``'s query gradients).
    """
    out = Path(out_dir)
    plan = _read_json(out / PLAN)
    fp, n_docs, shard_docs = plan["fingerprint"], plan["n_docs"], plan["shard_docs"]
    n_shards = math.ceil(n_docs / shard_docs)
    missing = [k for k in range(n_shards) if not shard_done(out, k, fp)]
    if missing:
        raise CurateUserError(f"{out}: {len(missing)} of {n_shards} shards are not scored yet (first: {missing[0]})")
    parts, tokens, timings = [], [], Timings()
    for k in range(n_shards):
        data, marker = _shard_paths(out, k)
        shard = load_file(str(data))
        parts.append(shard["raw_scores"])
        tokens.append(shard.get("doc_tokens"))  # absent in shards written before it was stored
        timings.merge(_read_json(marker)["timings"])
    raw = np.concatenate(parts).astype(np.float32)
    if raw.shape != (n_docs, plan["n_queries"]):
        raise CurateUserError(f"{out}: shards hold {raw.shape} scores, expected {(n_docs, plan['n_queries'])}")

    queries = load_queries(out / QUERIES)
    loss_path = out / FACTORS / QUERY_LOSS
    if loss_path.is_file():
        q_loss = _read_json(loss_path)
    else:
        from curate.lm import load_lm

        model, tokenizer = load_lm(plan["model_dir"])
        q_loss = query_losses(model, tokenizer, queries)
        loss_path.parent.mkdir(exist_ok=True)
        _write_json(loss_path, q_loss)
    scores = normalize_scores(raw, q_loss)
    if any(t is None for t in tokens):
        doc_tokens = doc_tokens_for(plan["model_dir"], [d["text"] for d in iter_rows(out)], plan["backend"],
                                    plan["settings"])
    else:
        doc_tokens = np.concatenate(tokens)
    tmp = out / f".tmp.{SCORES}"
    save_file({"scores": scores, "raw_scores": raw, "query_loss": np.asarray(q_loss, dtype=np.float32),
               "doc_tokens": doc_tokens}, str(tmp),
              metadata=_st_meta({"backend": plan["backend"], "fingerprint": fp, "rows": DOCUMENTS, "columns": QUERIES,
                                 "scores": "raw_scores / query_loss (influence per nat)"}))
    os.replace(tmp, out / SCORES)

    factors_done = out / FACTORS / "factors_done.json"
    phases = Timings()
    if factors_done.is_file():
        phases.merge(_read_json(factors_done)["timings"])
    phases.merge(setup_timings or Timings())
    phases.merge(timings)
    meta = {
        "backend": plan["backend"],
        "model_dir": plan["model_dir"],
        "settings": plan["settings"],
        "n_docs": n_docs,
        "n_queries": plan["n_queries"],
        "shard_docs": shard_docs,
        "n_shards": n_shards,
        "fingerprint": fp,
        "fit_docs": _read_json(factors_done).get("fit_docs") if factors_done.is_file() else None,
        "seconds": seconds,
        "docs_per_s": (extra or {}).get("docs_scored_this_call", n_docs) / seconds if seconds else None,
        "compute_seconds": sum(phases.seconds.values()),
        "phases": {p: {"seconds": s, "cpu_seconds": phases.cpu.get(p, 0.0), "docs": phases.docs.get(p, 0),
                       "ms_per_doc": 1000 * s / phases.docs[p] if phases.docs.get(p) else None,
                       "cpu_ms_per_doc": 1000 * phases.cpu.get(p, 0.0) / phases.docs[p] if phases.docs.get(p) else None}
                   for p, s in phases.seconds.items()},
        "device": "cuda" if torch.cuda.is_available() else "cpu",
        "torch": torch.__version__,
        "scores": "raw_scores / query_loss: influence per nat of the query's summed completion loss; "
                  "positive = up-weighting the document lowers the query's completion loss",
        **(extra or {}),
    }
    _write_json(out / META, meta)
    return out


def doc_tokens_for(model_dir: str | Path, texts: Sequence[str], backend: str = "fast",
                   settings: dict | None = None) -> np.ndarray:
    """Tokens each document's loss sums over under ``model_dir``'s tokenizer, as ``backend`` with
    ``settings`` (``InfluenceSettings`` fields) scores it (:attr:`Backend.loss_length`)."""
    from transformers import AutoTokenizer

    be = get_backend(backend, settings=InfluenceSettings(**_settings_args(settings or {})))
    return loss_tokens(AutoTokenizer.from_pretrained(model_dir), texts, be.loss_length)


def load_doc_tokens(out_dir: str | Path) -> np.ndarray | None:
    """``doc_tokens`` [n_docs] of a scores folder, or ``None`` for a folder that has neither the
    tensor nor a plan naming the model (a score matrix from elsewhere); folders merged before the
    tensor was stored get it from the plan's tokenizer."""
    out = Path(out_dir)
    if not (out / SCORES).is_file():
        raise CurateUserError(f"{out}: no {SCORES} (scoring not finished? run score_corpus or merge_scores)")
    with safe_open(str(out / SCORES), framework="numpy") as f:
        if "doc_tokens" in f.keys():
            return f.get_tensor("doc_tokens")
    if not (out / PLAN).is_file():
        return None
    plan = _read_json(out / PLAN)
    return doc_tokens_for(plan["model_dir"], [d["text"] for d in iter_rows(out)], plan.get("backend", "fast"),
                          plan.get("settings"))


def load_scores(out_dir: str | Path, *, raw: bool = False) -> tuple[np.ndarray, list[dict], list[dict]]:
    """``(scores [n_docs, n_queries] float32, document records, queries)`` of a scores folder.

    Document records are ``{id, text, metadata}`` in row order; queries in column order.
    ``raw=True`` returns the scores before division by the query loss.
    """
    out = Path(out_dir)
    if not (out / SCORES).is_file():
        raise CurateUserError(f"{out}: no {SCORES} (scoring not finished? run score_corpus or merge_scores)")
    for name in (DOCUMENTS, QUERIES):
        if not (out / name).is_file():
            raise CurateUserError(f"{out}: no {name} (is this a scores folder?)")
    tensors = load_file(str(out / SCORES))
    docs = list(iter_rows(out))
    queries = load_queries(out / QUERIES)
    name = "raw_scores" if raw else "scores"
    if name not in tensors:
        raise CurateUserError(f"{out / SCORES}: no tensor named {name!r} (has {sorted(tensors)})")
    scores = tensors[name]
    if scores.shape != (len(docs), len(queries)):
        raise CurateUserError(f"{out}: scores {scores.shape} do not match {len(docs)} documents x {len(queries)} queries")
    return scores, docs, queries
