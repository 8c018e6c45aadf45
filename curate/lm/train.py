"""Train the reference LM from scratch: a short, deterministic, resumable loop.

    report = train_lm(texts, "runs/lm", preset="demo", seed=0, queries=queries)
    model, tokenizer = load_lm("runs/lm")

What happens, in order:

1. a byte-level BPE tokenizer is trained on the texts (``tokenizer.py``);
2. every document is encoded as ``<|bos|> text <|eos|>``, and all of them are packed
   end to end into blocks of ``preset.context`` tokens (the last block is padded);
3. a Llama-style model (``model.py``) is trained with AdamW (linear warmup, cosine
   decay, gradient clipping) on batches of blocks. Step ``s`` always reads the same
   blocks: epoch ``e``'s order is a permutation drawn from ``(seed, e)`` alone;
4. every ``preset.checkpoint_every`` steps the model (safetensors), the optimizer state
   (``torch.save`` of tensors, read back with ``weights_only=True``) and the loss curve
   are written to ``out_dir/checkpoint``. A run that stops (crash, Ctrl-C, ``max_steps``)
   resumes from there when called again, and ends with bitwise the same weights as a run
   that never stopped (same machine, same thread count);
5. the final model and tokenizer are saved with ``save_pretrained`` in ``out_dir``, next to
   ``train_report.json`` and ``loss_curve.json``: any transformers user can load them with
   ``AutoModelForCausalLM.from_pretrained(out_dir)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_model, save_model
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase
from transformers.utils import logging as hf_logging

from curate.lm.evaluate import IGNORE, query_metrics
from curate.lm.model import build_model, count_params, train_flops_per_token
from curate.lm.presets import Preset, get_preset
from curate.lm.tokenizer import train_tokenizer

REPORT = "train_report.json"
CURVE = "loss_curve.json"
EVAL_CURVE = "eval_curve.json"
RUN = "run.json"
CKPT = "checkpoint"


# ----------------------------------------------------------------------------- data


def pack_documents(texts: list[str], tokenizer, context: int, *, batch: int = 1000) -> torch.Tensor:
    """All documents as ``<|bos|> text <|eos|>``, end to end, cut into ``[n, context]`` blocks.

    The last block is padded with ``<|pad|>`` (which the loss ignores).
    """
    eos, pad = tokenizer.eos_token_id, tokenizer.pad_token_id
    chunks = []
    for i in range(0, len(texts), batch):
        for ids in tokenizer(texts[i : i + batch])["input_ids"]:
            chunks.append(np.asarray(ids + [eos], dtype=np.int32))
    if not chunks:
        raise ValueError("no documents to train on")
    stream = np.concatenate(chunks)
    n = math.ceil(len(stream) / context)
    stream = np.concatenate([stream, np.full(n * context - len(stream), pad, dtype=np.int32)])
    return torch.from_numpy(stream.reshape(n, context))


def batch_indices(step: int, batch_size: int, n_blocks: int, seed: int) -> torch.Tensor:
    """Which blocks step ``step`` trains on: a pure function of its arguments."""
    out = []
    for pos in range(step * batch_size, (step + 1) * batch_size):
        epoch, i = divmod(pos, n_blocks)
        out.append(_epoch_order(seed, epoch, n_blocks)[i])
    return torch.tensor(out)


@lru_cache(maxsize=4)
def _epoch_order(seed: int, epoch: int, n_blocks: int) -> np.ndarray:
    return np.random.default_rng([seed, epoch]).permutation(n_blocks)


def lr_at(step: int, p: Preset) -> float:
    """Linear warmup to ``p.lr``, then cosine decay to ``p.lr * p.min_lr_ratio`` at ``p.steps``."""
    if step < p.warmup:
        return p.lr * (step + 1) / p.warmup
    t = min(1.0, (step - p.warmup) / max(1, p.steps - p.warmup))
    return p.lr * (p.min_lr_ratio + (1 - p.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * t)))


# ------------------------------------------------------------------------ checkpoints


def _write_json(path: Path, obj) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(obj, indent=1))
    os.replace(tmp, path)  # atomic: a reader sees the old file or the new one


def save_checkpoint(ckpt: Path, step: int, model, optimizer, state: dict) -> None:
    """Write ``step-N/{model.safetensors,optimizer.pt}``, then point ``latest.json`` at it."""
    d = ckpt / f"step-{step:07d}"
    d.mkdir(parents=True, exist_ok=True)
    save_model(model, str(d / "model.safetensors"))  # handles tied weights
    torch.save(optimizer.state_dict(), d / "optimizer.pt")
    _write_json(ckpt / "latest.json", {**state, "step": step, "dir": d.name})
    for old in ckpt.glob("step-*"):
        if old != d:
            shutil.rmtree(old)


def load_checkpoint(ckpt: Path, model, optimizer) -> dict | None:
    """Restore the latest checkpoint into ``model`` and ``optimizer``; its state, or None."""
    if not (ckpt / "latest.json").exists():
        return None
    state = json.loads((ckpt / "latest.json").read_text())
    d = ckpt / state["dir"]
    load_model(model, str(d / "model.safetensors"))
    optimizer.load_state_dict(torch.load(d / "optimizer.pt", weights_only=True))
    return state


# --------------------------------------------------------------------------- training


def fingerprint(texts: list[str], preset: Preset, seed: int, tokenizer=None) -> str:
    """Identifies a run: same texts, preset, seed (and given tokenizer) give the same fingerprint."""
    h = hashlib.sha256(json.dumps([preset.to_dict(), seed], sort_keys=True).encode())
    if tokenizer is not None:
        h.update(tokenizer.backend_tokenizer.to_str().encode())
    for t in texts:
        h.update(t.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def make_optimizer(model, p: Preset) -> torch.optim.AdamW:
    """AdamW; weight decay on matrices (and embeddings), none on norm gains."""
    params = [q for q in model.parameters() if q.requires_grad]
    groups = [
        {"params": [q for q in params if q.dim() >= 2], "weight_decay": p.weight_decay},
        {"params": [q for q in params if q.dim() < 2], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=p.lr, betas=(p.beta1, p.beta2), eps=1e-8)


def train_step(model, optimizer, batch: torch.Tensor, p: Preset, pad_id: int, autocast=None) -> float:
    """One optimizer step on ``batch`` (``p.grad_accum`` micro-batches, clipping); the mean loss.

    The learning rate is the caller's to set. Shared by :func:`train_lm` and the benchmark.
    """
    step_loss = 0.0
    for micro in batch.chunk(p.grad_accum):
        labels = micro.masked_fill(micro == pad_id, IGNORE)
        with autocast or contextlib.nullcontext():
            loss = model(input_ids=micro, labels=labels).loss / p.grad_accum
        loss.backward()
        step_loss += loss.item()
    torch.nn.utils.clip_grad_norm_(model.parameters(), p.grad_clip)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return step_loss


@contextlib.contextmanager
def _deterministic():
    """Deterministic kernels while training; the caller's setting is restored afterwards."""
    before = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(before)


@contextlib.contextmanager
def _quiet_transformers():
    """No transformers progress bars while saving or loading weights."""
    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def _progress(enabled: bool):
    if not enabled:
        return contextlib.nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]train LM"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(), TimeRemainingColumn(),
    )


def _summaries(metrics: dict | None) -> dict | None:
    return None if metrics is None else {k: v for k, v in metrics.items() if k != "per_query"}


def train_lm(
    texts: Iterable[str],
    out_dir: str | Path,
    *,
    preset: str | Preset = "demo",
    seed: int = 0,
    queries: list[dict] | None = None,
    progress: bool = True,
    max_steps: int | None = None,
    resume: bool = True,
    device: str | None = None,
    threads: int | None = None,
    tokenizer: PreTrainedTokenizerBase | None = None,
    eval_fn: Callable[[PreTrainedModel, PreTrainedTokenizerBase], dict[str, float]] | None = None,
    eval_every: int = 0,
) -> dict:
    """Train the reference LM on ``texts`` into ``out_dir``; returns the train report.

    ``queries`` (optional) are scored with :func:`query_metrics` before and after training.
    ``max_steps`` stops early (with a checkpoint) after that many steps; the schedule still
    follows ``preset.steps``, and calling again resumes. With ``resume=False`` an existing
    run in ``out_dir`` is discarded. A finished run with the same texts, preset and seed
    is not trained again: its report is returned. ``threads`` sets torch's CPU threads for
    the call (bitwise reproducibility holds for a fixed thread count; on a busy machine
    ``threads=1`` can be much faster than oversubscribing cores).

    ``tokenizer`` replaces the one trained on ``texts``, so that runs on different corpora
    share a vocabulary and their per-token losses compare (ablations). ``eval_fn(model,
    tokenizer)`` is called every ``eval_every`` steps and after the last one; its numbers
    form the report's ``eval_curve`` (a learning curve, kept in checkpoints like the loss curve).
    """
    before = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        return _train_lm(
            texts, out_dir, preset=preset, seed=seed, queries=queries, progress=progress,
            max_steps=max_steps, resume=resume, device=device, tokenizer=tokenizer, eval_fn=eval_fn,
            eval_every=eval_every,
        )
    finally:
        torch.set_num_threads(before)


def _train_lm(
    texts, out_dir, *, preset, seed, queries, progress, max_steps, resume, device, tokenizer, eval_fn, eval_every
) -> dict:
    p = get_preset(preset)
    texts = list(texts)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ckpt = out / CKPT
    fp = fingerprint(texts, p, seed, tokenizer)

    run = json.loads((out / RUN).read_text()) if (out / RUN).exists() else None
    if run is not None and (not resume or run["fingerprint"] != fp):
        if resume:
            raise ValueError(
                f"{out} holds a different run (other texts, preset or seed); "
                "pass resume=False to overwrite it, or choose another directory"
            )
        shutil.rmtree(ckpt, ignore_errors=True)
        for name in (REPORT, CURVE, EVAL_CURVE, RUN, "query_metrics_before.json", "query_metrics_after.json"):
            (out / name).unlink(missing_ok=True)
        run = None
    if run is not None and (out / REPORT).exists():
        return json.loads((out / REPORT).read_text())

    dev = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))

    # 1. tokenizer (kept in out_dir from the start, so a resumed run reuses it)
    t0 = time.perf_counter()
    if run is not None and (out / "tokenizer.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(out)
    else:
        tokenizer = tokenizer if tokenizer is not None else train_tokenizer(texts, p.vocab_size)
        tokenizer.save_pretrained(out)
        _write_json(out / RUN, {"fingerprint": fp, "preset": p.to_dict(), "seed": seed})
    tokenizer_s = time.perf_counter() - t0

    # 2. data
    t0 = time.perf_counter()
    blocks = pack_documents(texts, tokenizer, p.context)
    corpus_tokens = int((blocks != tokenizer.pad_token_id).sum())
    pack_s = time.perf_counter() - t0

    # 3. model, optimizer, and the last checkpoint if there is one
    with _deterministic():
        model = build_model(p, tokenizer, seed=seed).to(dev)
        optimizer = make_optimizer(model, p)
        state = load_checkpoint(ckpt, model, optimizer) or {
            "step": 0, "train_s": 0.0, "curve": [], "evals": [], "window": [], "first_loss": None,
            "resumed_at": [],
        }
        state.setdefault("evals", [])  # checkpoints written before learning curves existed
        start = state["step"]
        if start:
            state["resumed_at"].append(start)

        before = None
        if queries:
            path = out / "query_metrics_before.json"
            if start == 0:  # scored on the untrained model, and kept for a resumed run
                before = query_metrics(model, tokenizer, queries)
                _write_json(path, before)
            elif path.exists():
                before = json.loads(path.read_text())

        stop = min(p.steps, max_steps) if max_steps is not None else p.steps
        autocast = (
            torch.autocast("cuda", dtype=torch.bfloat16)
            if dev.type == "cuda" and torch.cuda.is_bf16_supported()
            else contextlib.nullcontext()
        )
        model.train()
        t_start = time.perf_counter()
        train_s0 = state["train_s"]
        with _progress(progress) as bar:
            task = bar.add_task("train", total=p.steps, completed=start, info="") if bar else None
            for step in range(start, stop):
                lr = lr_at(step, p)
                for g in optimizer.param_groups:
                    g["lr"] = lr
                batch = blocks[batch_indices(step, p.batch_size, len(blocks), seed)].to(dev, torch.long)
                step_loss = train_step(model, optimizer, batch, p, tokenizer.pad_token_id, autocast)

                if state["first_loss"] is None:
                    state["first_loss"] = step_loss
                state["window"].append(step_loss)
                done = step + 1
                state["train_s"] = train_s0 + time.perf_counter() - t_start
                if done % p.log_every == 0 or done == p.steps:
                    state["curve"].append({
                        "step": done, "tokens": done * p.tokens_per_step, "loss": float(np.mean(state["window"])),
                        "lr": lr, "time_s": round(state["train_s"], 2),
                    })
                    state["window"] = []
                if eval_fn is not None and ((eval_every and done % eval_every == 0) or done == p.steps):
                    t_eval = time.perf_counter()
                    model.eval()
                    state["evals"].append({"step": done, "tokens": done * p.tokens_per_step, **eval_fn(model, tokenizer)})
                    model.train()
                    t_start += time.perf_counter() - t_eval  # train_s counts training only
                if bar:
                    bar.update(task, completed=done, info=f"loss {step_loss:.3f}")
                if done % p.checkpoint_every == 0 or done == stop:
                    save_checkpoint(ckpt, done, model, optimizer, state)

    if stop < p.steps:  # stopped early on purpose: the checkpoint is the result
        return {"stopped_at": stop, "steps": p.steps, "checkpoint": str(ckpt)}

    # 4. evaluate, save, report
    model.eval()
    t0 = time.perf_counter()
    after = None
    if queries:
        after = query_metrics(model, tokenizer, queries)
        _write_json(out / "query_metrics_after.json", after)
    eval_s = time.perf_counter() - t0
    with _quiet_transformers():
        model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    _write_json(out / CURVE, state["curve"])
    if eval_fn is not None:
        _write_json(out / EVAL_CURVE, state["evals"])

    n_params = count_params(model)
    n_layer_params = count_params(model, non_embedding=True)
    tokens = p.steps * p.tokens_per_step
    flops_per_token = train_flops_per_token(model, p)
    report = {
        "fingerprint": fp,
        "preset": p.to_dict(),
        "seed": seed,
        "device": str(dev),
        "threads": torch.get_num_threads(),
        "n_docs": len(texts),
        "corpus_tokens": corpus_tokens,
        "n_blocks": len(blocks),
        "vocab_size": len(tokenizer),
        "params": n_params,
        "params_non_embedding": n_layer_params,
        "steps": p.steps,
        "tokens_seen": tokens,
        "epochs": tokens / corpus_tokens,
        "first_loss": state["first_loss"],
        "final_loss": state["curve"][-1]["loss"] if state["curve"] else None,
        "train_s": state["train_s"],
        "tokens_per_s": tokens / state["train_s"],
        "flops_per_token": flops_per_token,
        "achieved_gflops": flops_per_token * tokens / state["train_s"] / 1e9,
        "tokenizer_s": tokenizer_s,
        "pack_s": pack_s,
        "eval_s": eval_s,
        "resumed_at": state["resumed_at"],
        "queries_before": _summaries(before),
        "queries_after": _summaries(after),
        "eval_curve": state["evals"] if eval_fn is not None else None,
    }
    _write_json(out / REPORT, report)
    shutil.rmtree(ckpt, ignore_errors=True)  # the final model is saved; optimizer state is not needed
    return report


def load_lm(path: str | Path, *, device: str | None = None):
    """``(model, tokenizer)`` from a local Hugging Face causal-LM folder, in eval mode.

    Works for the folders :func:`train_lm` writes and for any other causal LM saved with
    ``save_pretrained``; a tokenizer without a pad token gets its eos token as pad.
    """
    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    with _quiet_transformers():
        model = AutoModelForCausalLM.from_pretrained(path)
    dev = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    return model.to(dev).eval(), tokenizer
