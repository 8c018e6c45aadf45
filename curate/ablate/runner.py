"""Train one small LM per (arm, seed) at an equal token budget and score it on the probe split.

Layout of ``out_dir``::

    mixtures/NAME/         mixtures made from recipes (reused when up to date)
    tokenizer/             the BPE tokenizer every run shares (per-token losses compare)
    runs/NAME/seed-S/      a train_lm folder per run (checkpoint/ while training), metrics.json
    results.json           config, per-arm means and 95% t-intervals, paired differences, curves
    timings.json           wall times (kept out of results.json, which is deterministic)
    learning_curves.png, metrics.png, report.md, report.html

Every run resumes: ``train_lm`` restarts from its last checkpoint, and a run whose
``metrics.json`` matches its training fingerprint is not touched again.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch

from curate.ablate.arms import Arm, heldout_texts, resolve_arms, text_key, training_texts
from curate.ablate.stats import summarize, t_interval
from curate.errors import CurateUserError
from curate.lm.evaluate import block_loss, completion_losses, query_metrics
from curate.lm.presets import Preset, get_preset
from curate.lm.tokenizer import train_tokenizer
from curate.lm.train import load_lm, pack_documents, train_lm
from curate.mix.recipe import parse_budget

RESULTS = "results.json"
TIMINGS = "timings.json"
DEFAULT_TOKENS = 500_000
DEFAULT_PRESET = "ablate"


def _write_json(path: Path, obj) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(obj, indent=1, allow_nan=False) + "\n")
    os.replace(tmp, path)


def _sha(texts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode() + b"\0")
    return h.hexdigest()[:16]


def _shared_tokenizer(texts: list[str], vocab_size: int, out: Path):
    """One tokenizer for every run, trained on the union of the arms' training documents."""
    from transformers import AutoTokenizer

    stamp = {"texts": _sha(texts), "vocab_size": vocab_size}
    if (out / "source.json").is_file() and json.loads((out / "source.json").read_text()) == stamp:
        return AutoTokenizer.from_pretrained(out)
    tokenizer = train_tokenizer(texts, vocab_size)
    tokenizer.save_pretrained(out)
    _write_json(out / "source.json", stamp)
    return tokenizer


def _curve_fn(probes: list[dict], blocks: torch.Tensor) -> Callable:
    """Learning-curve metrics (no generation, so cheap): probe loss per kind, held-out loss."""
    kinds = list(dict.fromkeys(q["kind"] for q in probes))

    def fn(model, tokenizer) -> dict[str, float]:
        losses = np.asarray(completion_losses(model, tokenizer, probes))
        out = {f"{k}.loss": float(losses[[q["kind"] == k for q in probes]].mean()) for k in kinds}
        out["heldout.loss"] = block_loss(model, blocks, tokenizer.pad_token_id)
        return out

    return fn


def final_metrics(model, tokenizer, probes: list[dict], blocks: torch.Tensor) -> tuple[dict[str, float], list[dict]]:
    """Flat metrics of a trained model: loss and greedy accuracy per query kind and per reasoning task,
    held-out LM loss; and the per-query rows."""
    qm = query_metrics(model, tokenizer, probes)
    kind_of = {q["task"]: q["kind"] for q in probes}
    m: dict[str, float] = {}

    def put(name: str, s: dict) -> None:
        m[f"{name}.loss"] = s["loss"]
        if "accuracy" in s:  # open-ended queries (how-to) have a loss but no exact answer
            m[f"{name}.accuracy"] = s["accuracy"]

    for kind, s in qm["by_kind"].items():
        put(kind, s)
    m["heldout.loss"] = block_loss(model, blocks, tokenizer.pad_token_id)
    for task, s in qm["by_task"].items():
        if kind_of[task] == "reasoning":
            put(f"reasoning.{task}", s)
    return m, qm["per_query"]


def _run(arm: Arm, seed: int, texts: list[str], p: Preset, tokenizer, probes: list[dict], blocks: torch.Tensor,
         run_dir: Path, curve_points: int, progress: bool) -> tuple[dict, dict]:
    """Train (or resume, or skip) one run and score it; ``(metrics record, timings)``."""
    t0 = time.perf_counter()
    try:
        report = train_lm(texts, run_dir, preset=p, seed=seed, tokenizer=tokenizer, progress=progress,
                          eval_fn=_curve_fn(probes, blocks), eval_every=math.ceil(p.steps / curve_points))
    except ValueError as err:
        if "different run" in str(err):
            raise CurateUserError(f"{run_dir} holds a run of another configuration; choose another --out") from None
        raise
    path = run_dir / "metrics.json"
    if path.is_file() and (rec := json.loads(path.read_text()))["fingerprint"] == report["fingerprint"]:
        return rec, {}
    wall_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    model, tok = load_lm(run_dir)
    metrics, per_query = final_metrics(model, tok, probes, blocks)
    rec = {"arm": arm.name, "seed": seed, "fingerprint": report["fingerprint"], "metrics": metrics,
           "curve": report["eval_curve"], "per_query": per_query}
    _write_json(path, rec)
    timing = {"train_s": report["train_s"], "tokens_per_s": report["tokens_per_s"], "wall_train_s": wall_train,
              "eval_s": time.perf_counter() - t0}
    return rec, timing


def _curves(records: list[dict]) -> list[dict]:
    """Each learning-curve metric at each evaluated point: mean and t-interval over seeds."""
    points = []
    for i, first in enumerate(records[0]["curve"]):
        point = {"step": first["step"], "tokens": first["tokens"]}
        for key in first:
            if key not in ("step", "tokens"):
                point[key] = t_interval([r["curve"][i][key] for r in records])
        points.append(point)
    return points


def ablate(
    recipes: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    seeds: int | Sequence[int] = 3,
    tokens: int | str = DEFAULT_TOKENS,
    preset: str | Preset = DEFAULT_PRESET,
    probes: str | os.PathLike | Sequence[dict],
    heldout: str | os.PathLike | None = None,
    inputs: Sequence[str | os.PathLike] | None = None,
    heldout_tokens: int = 16_384,
    curve_points: int = 5,
    threads: int | None = None,
    progress: bool = True,
    log: Callable[[str], None] = lambda _: None,
) -> dict:
    """Compare recipes (or mixture folders) by training the same small LM on each; returns results.json.

    ``seeds`` (a count, or the seeds themselves) runs per arm; ``tokens`` the training budget of
    every run (``500000`` or ``"500k"``; it sets the steps of ``preset``); ``probes`` the query suite (a JSONL file, a folder
    with ``probe.jsonl``, or the queries); ``heldout`` a natural corpus for the held-out LM loss
    (default: the reserved slice of the recipes' inputs, see :mod:`curate.ablate.arms`), of which
    the first ``heldout_tokens`` tokens are scored; ``inputs`` replaces the recipes' inputs.
    The first arm is the baseline of the paired differences. ``threads`` sets torch's CPU
    threads (results are bitwise reproducible for a fixed thread count).
    """
    from curate.ablate.report import write_report
    from curate.queries import load_queries

    seed_list = list(range(seeds)) if isinstance(seeds, int) else list(seeds)
    if not seed_list or len(set(seed_list)) != len(seed_list):
        raise CurateUserError(f"seeds: need one or more distinct seeds, got {seeds!r}")
    budget = parse_budget(tokens, "tokens")
    if budget.kind != "tokens":
        raise CurateUserError(f"tokens: give a token count per run (e.g. 500k), got {tokens!r}")
    tokens = int(budget.value)
    p = get_preset(preset).with_tokens(tokens)
    queries = load_queries(probes, split="probe")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    before = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        t0 = time.perf_counter()
        arms = resolve_arms(recipes, out / "mixtures", inputs=inputs, log=log)
        held, held_where = heldout_texts(arms, heldout)
        excluded = {text_key(t) for t in held}
        data = {a.name: training_texts(a, excluded) for a in arms}
        union = list(dict.fromkeys(t for texts, _ in data.values() for t in texts))
        tokenizer = _shared_tokenizer(union, p.vocab_size, out / "tokenizer")
        blocks = pack_documents(held, tokenizer, p.context)[: max(1, heldout_tokens // p.context)]
        timings: dict = {"prepare_s": time.perf_counter() - t0, "runs": {}}

        records: dict[str, list[dict]] = {}
        for arm in arms:
            texts = data[arm.name][0]
            for seed in seed_list:
                log(f"{arm.name} seed {seed}")
                rec, timing = _run(arm, seed, texts, p, tokenizer, queries, blocks,
                                   out / "runs" / arm.name / f"seed-{seed}", curve_points, progress)
                records.setdefault(arm.name, []).append(rec)
                if timing:
                    timings["runs"][f"{arm.name}/seed-{seed}"] = timing
        device = "cuda" if torch.cuda.is_available() else "cpu"
        results = _results(arms, data, records, p, tokens, seed_list, queries, held, held_where, blocks,
                           tokenizer.pad_token_id, device)
        _write_json(out / RESULTS, results)
        t0 = time.perf_counter()
        write_report(results, out)
        timings["report_s"] = time.perf_counter() - t0
        _write_json(out / TIMINGS, timings)
        return results
    finally:
        torch.set_num_threads(before)


def _results(arms, data, records, p, tokens, seeds, queries, held, held_where, blocks, pad, device) -> dict:
    values = {a: {m: [r["metrics"][m] for r in recs] for m in recs[0]["metrics"]} for a, recs in records.items()}
    per_arm, paired = summarize(values)
    return {
        "curate_ablate": 1,
        "config": {
            "preset": p.to_dict(),
            "tokens": tokens,
            "tokens_trained": p.total_tokens,
            "seeds": seeds,
            "probes": {"queries": len(queries), "sha256": _sha([json.dumps(q, sort_keys=True) for q in queries])},
            "heldout": {"source": held_where, "documents": len(held), "sha256": _sha(held),
                        "tokens_scored": int((blocks != pad).sum())},
            "device": device,
            "threads": torch.get_num_threads(),
        },
        "arms": [{"name": a.name, "source": a.source, "recipe_sha256": a.recipe_sha256,
                  "documents": len(data[a.name][0]), "heldout_dropped": data[a.name][1],
                  "sha256": _sha(data[a.name][0])} for a in arms],
        "baseline": arms[0].name,
        "metrics": {a: per_arm[a] for a in per_arm},
        "paired": paired,
        "curves": {a: _curves(recs) for a, recs in records.items()},
    }
