"""Recipes: tagged corpora into pretraining mixtures, rebalanced by label and diverse within it.

>>> from curate.mix import mix, filter_corpus
>>> manifest = mix("recipes/procedural-diverse.yaml", "runs/demo/mix/diverse")
>>> filter_corpus("runs/demo/tagged", ["procedural"], 0.8, "runs/demo/procedural")

:func:`mix` reads a recipe (``recipes/README.md`` documents the schema), makes one pass over the
tagged inputs keeping ~10 bytes per document in memory and a few hundred on disk (never the
text), removes near-duplicates (MinHash LSH), clusters the documents of the diversity-controlled labels (scikit-learn k-means),
resolves shares and the token budget, samples with a repetition cap, and only then writes: the
mixture shards in a seeded shuffled order (or, with ``weights_only``, a per-document weights
file), ``_accounting.jsonl.gz`` with the fate of every input document, and ``manifest.json``.
Any recipe the data cannot satisfy fails with :class:`RecipeError` before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from curate.mix.manifest import (
    ACCOUNTING,
    MANIFEST,
    build_manifest,
    is_ours,
    prepare_out,
    remove_shards,
    render,
    verified_documents,
    write_accounting,
    write_json,
    write_outputs,
    write_rejects,
)
from curate.mix.recipe import _LABEL, INPUTS_ENV, Recipe, RecipeError, load_recipe
from curate.mix.select import (
    AVAILABLE,
    DROP_REASONS,
    SELECTED,
    STATUS_NAMES,
    Plan,
    Scan,
    _known_label_check,
    _order_labels,
    hash_inputs,
    plan,
    scan,
)

__all__ = ["INPUTS_ENV", "Recipe", "RecipeError", "filter_corpus", "load_recipe", "mix", "render"]


def _check_out(out_dir: str | os.PathLike, inputs: Sequence[str]) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise RecipeError(f"out: {out} exists and is not a folder; choose another output folder")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if not is_ours(p.name))
        if foreign:
            raise RecipeError(f"out: {out} holds files a mix did not write ({', '.join(foreign[:3])}"
                              f"{', ...' if len(foreign) > 3 else ''}); choose an empty or new folder")
    resolved = out.resolve()
    for item in inputs:
        if any(c in item for c in "*?[") and not Path(item).exists():
            continue
        src = Path(item).resolve()
        if resolved == src or src in resolved.parents or (src.is_dir() and resolved in src.parents):
            raise RecipeError(f"out: {out} overlaps the input {item}; write the mixture to a separate folder")
    return out


def mix(
    recipe: str | os.PathLike | Mapping[str, Any] | Recipe,
    out_dir: str | os.PathLike,
    dry_run: bool = False,
    weights_only: bool = False,
    *,
    inputs: Sequence[str | os.PathLike] | str | os.PathLike | None = None,
    budget: int | str | None = None,
    executor: str = "local",
    workers: int = 1,
    executor_config: Mapping[str, Any] | None = None,
    executor_source: str = "executor config",
) -> dict[str, Any]:
    """Run a recipe; returns the manifest (also written to ``out_dir/manifest.json`` unless ``dry_run``).

    ``dry_run``: plan and return the manifest, write nothing (``out_dir`` is not created).
    ``weights_only``: write ``weights.jsonl`` (id, repeats, weight, label, tokens, cluster for each
    selected document) instead of the mixture's text. ``inputs`` replaces the recipe's inputs
    (else ``$CURATE_MIX_INPUTS`` does, if set); ``budget`` replaces ``budget_tokens``. Raises
    :class:`RecipeError` (or :class:`curate.io.CorpusError` for unreadable input) before writing
    anything.

    Selection is global (shares, dedup and clusters span all inputs) and runs here; the shard
    writing runs as a datatrove pipeline on ``executor`` (``local``, ``slurm``, ``ray``, with
    ``executor_config`` settings) with ``workers`` tasks at once. Rerunning a killed mix resumes
    it: the plan is recomputed, shards already written are kept. With Slurm, rerun the call
    when the jobs are done to write the accounting and the manifest.
    """
    rec = load_recipe(recipe, inputs=inputs, budget=budget)
    out = Path(out_dir) if dry_run else _check_out(out_dir, rec.inputs)
    try:
        p = plan(rec)
    except RecipeError as err:  # checks against the data: say which recipe they concern
        where = f"{Path(rec.source).name}: " if rec.source else "recipe: "
        raise RecipeError(f"{where}{err}") from None
    try:
        mode = "dry_run" if dry_run else "weights" if weights_only else "mixture"
        manifest = build_manifest(p, hash_inputs(p.scan.units), mode)
        if dry_run:
            return manifest
        run = {"executor": executor, "workers": workers, "config": executor_config, "source": executor_source}
        return write_outputs(p, out, manifest, weights_only, run)
    finally:
        p.scan.close()


def _keep_labels(keep_labels: str | Sequence[str]) -> tuple[str, ...]:
    items = keep_labels.split(",") if isinstance(keep_labels, str) else list(keep_labels)
    labels = tuple(dict.fromkeys(str(x).strip() for x in items if str(x).strip()))
    if not labels:
        raise RecipeError("keep: name at least one label to keep (e.g. --keep procedural)")
    for name in labels:
        if not _LABEL.fullmatch(name):
            raise RecipeError(f"keep: {name!r} is not a label name (letters, digits, _ . : -)")
    return labels


def filter_corpus(
    inputs: str | os.PathLike | Sequence[str | os.PathLike],
    keep_labels: str | Sequence[str],
    min_prob: float,
    out_dir: str | os.PathLike,
    *,
    min_tokens: int = 0,
    max_tokens: int | None = None,
    fmt: str = "jsonl.gz",
    shard_docs: int = 100_000,
    tokenizer: str = "regex",
    text_key: str = "text",
    id_key: str = "id",
    skip_bad: bool = False,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Keep the documents tagged with one of ``keep_labels`` at confidence >= ``min_prob``, in input order.

    The same selection machinery as :func:`mix` without a recipe: no shares, budget, dedup or
    sampling. Writes shards, ``_accounting.jsonl.gz`` and ``manifest.json`` (kept share of
    documents and tokens, per label, every dropped document's reason); returns the manifest.
    """
    labels = _keep_labels(keep_labels)
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    obj: dict[str, Any] = {
        "name": "filter", "inputs": [os.fspath(p) for p in items], "text_key": text_key, "id_key": id_key,
        "skip_bad": skip_bad, "shares": {labels[0]: 1.0}, "tokenizer": tokenizer,
        "filters": {"min_prob": min_prob, "min_tokens": min_tokens, "max_tokens": max_tokens},
        "output": {"format": fmt, "shard_docs": shard_docs},
    }
    try:
        rec = load_recipe(obj)
    except RecipeError as err:  # name the filter's options, not recipe keys
        raise RecipeError(str(err).replace("recipe: filters.", "").replace("recipe: output.", "").replace(
            "recipe: ", "")) from None
    out = Path(out_dir) if dry_run else _check_out(out_dir, rec.inputs)
    sc = scan(rec, set(labels), measure=False)
    try:
        return _write_filtered(rec, sc, labels, out, dry_run)
    finally:
        sc.close()


def _write_filtered(rec: Recipe, sc: Scan, labels: tuple[str, ...], out: Path, dry_run: bool) -> dict[str, Any]:
    if sc.n == 0:
        raise RecipeError(f"inputs: no documents read from {', '.join(str(u) for u in sc.units)}")
    if (sc.label < 0).all():
        raise RecipeError("inputs: no document carries a classifier tag (metadata.curate.label); tag the corpus first")
    _known_label_check(sc, labels, "keep")
    kept = sc.status == AVAILABLE
    if not kept.any():
        reasons = {STATUS_NAMES[c]: int((sc.status == c).sum()) for c in range(1, 6) if (sc.status == c).any()}
        raise RecipeError(f"min_prob={rec.min_prob_for(labels[0]):g}: no document kept ({', '.join(f'{k} {v}' for k, v in reasons.items())}); "
                          f"lower min_prob or change keep")
    sc.status[kept] = SELECTED
    reps = kept.astype(np.int64)
    p = Plan(recipe=rec, scan=sc, repeats=reps, cluster=np.full(sc.n, -1, dtype=np.int16), shares={},
             natural={}, budget=0, labels={}, dedup=None, input_tokens=int(sc.tokens.sum()))
    manifest = _filter_manifest(p, labels, hash_inputs(sc.units), "dry_run" if dry_run else "filter")
    if dry_run:
        return manifest
    from curate.io import write_documents

    prepare_out(out)
    remove_shards(out)
    docs = (doc for i, doc in verified_documents(p) if reps[i])
    shards = write_documents(docs, out, fmt=rec.format, max_docs_per_shard=rec.shard_docs)
    write_accounting(p, out)
    outputs: dict[str, Any] = {"shards": [s.name for s in shards], "accounting": ACCOUNTING}
    if rej := write_rejects(sc.rejects, out):
        outputs["rejects"] = rej
    manifest["outputs"] = outputs
    write_json(out / MANIFEST, manifest)
    return manifest


def _filter_manifest(p: Plan, labels: tuple[str, ...], inputs: list[dict], mode: str) -> dict[str, Any]:
    sc = p.scan
    kept = p.repeats > 0
    n_tok = int(sc.tokens.sum())
    k_tok = int(sc.tokens[kept].sum())
    per_label = {}
    for name in _order_labels(sc.label_names):
        m = sc.label == sc.label_code(name)
        per_label[name] = {"input": {"documents": int(m.sum()), "tokens": int(sc.tokens[m].sum())},
                           "kept": {"documents": int((m & kept).sum()), "tokens": int(sc.tokens[m & kept].sum())}}
    dropped = {r: int((sc.status == STATUS_NAMES.index(r)).sum()) for r in DROP_REASONS}
    dropped["rejected"] = sc.rejects.total
    records = sc.n + sc.rejects.total
    return {
        "curate_filter": 1,
        "mode": mode,
        "settings": {"keep": list(labels), "min_prob": p.recipe.min_prob_for(labels[0]),
                     "min_tokens": p.recipe.min_tokens, "max_tokens": p.recipe.max_tokens,
                     "tokenizer": p.recipe.tokenizer, "format": p.recipe.format, "shard_docs": p.recipe.shard_docs,
                     "skip_bad": p.recipe.skip_bad},
        "inputs": inputs,
        "tokenizer": sc.tokenizer,
        "input": {"records": records, "documents": sc.n, "tokens": n_tok},
        "kept": {"documents": int(kept.sum()), "tokens": k_tok,
                 "document_share": round(float(kept.sum()) / sc.n, 6) if sc.n else 0.0,
                 "token_share": round(k_tok / n_tok, 6) if n_tok else 0.0},
        "labels": per_label,
        "accounting": {"input_records": records, "selected": int(kept.sum()), "dropped": dropped,
                       "adds_up": int(kept.sum()) + sum(dropped.values()) == records},
        "outputs": {},
    }
