"""Query metrics: completion loss and greedy exact match, overall, per kind and per task.

A query is a record ``{id, prompt, completion, answer, task, kind, split}``. Its
*completion loss* is the mean negative log-likelihood of the completion tokens given the
prompt (prompt tokens are masked out). Its *greedy exact match* decodes greedily from the
prompt for up to ``max_new_tokens`` tokens, stopping at a newline or ``<|eos|>``, and is
correct when the first ``The answer is X`` in the output has ``X == answer`` exactly. Queries
without an answer (open-ended how-to queries) get a loss but no exact match.

The same encoding (:func:`encode_query`) should be used wherever a query is scored, e.g.
by the influence task, so that losses agree.
"""

from __future__ import annotations

import re
from collections import defaultdict

import torch
import torch.nn.functional as F

IGNORE = -100
_ANSWER = re.compile(r"The answer is (.+?)(?:\.(?=\s|$)|\n|$)")


def encode_query(tokenizer, prompt: str, completion: str) -> tuple[list[int], list[int]]:
    """``(input_ids, labels)`` for prompt + completion; labels are ``-100`` on the prompt.

    The prompt gets the tokenizer's ``<|bos|>`` (as every training document does); the
    completion is encoded separately, so its tokens never merge with the prompt's.
    """
    p = tokenizer(prompt, add_special_tokens=True)["input_ids"]
    c = tokenizer(completion, add_special_tokens=False)["input_ids"]
    return p + c, [IGNORE] * len(p) + c


def extract_answer(text: str) -> str | None:
    """What follows the first ``The answer is`` in ``text`` (without the closing period)."""
    m = _ANSWER.search(text)
    return m.group(1).strip() if m else None


def is_correct(text: str, answer: str) -> bool:
    """True when the first ``The answer is X`` in ``text`` has exactly ``X == answer``."""
    got = extract_answer(text)
    return got is not None and got == str(answer).strip()


def _device(model) -> torch.device:
    return next(model.parameters()).device


@torch.inference_mode()
def completion_token_losses(model, tokenizer, queries: list[dict], *, batch_size: int = 32) -> list[list[float]]:
    """NLL (nats) of each completion token of each query, given its prompt."""
    device, out = _device(model), []
    for i in range(0, len(queries), batch_size):
        enc = [encode_query(tokenizer, q["prompt"], q["completion"]) for q in queries[i : i + batch_size]]
        width = max(len(ids) for ids, _ in enc)
        pad = tokenizer.pad_token_id
        ids = torch.tensor([x + [pad] * (width - len(x)) for x, _ in enc], device=device)
        labels = torch.tensor([y + [IGNORE] * (width - len(y)) for _, y in enc], device=device)
        mask = (torch.arange(width, device=device)[None, :] < torch.tensor([len(x) for x, _ in enc], device=device)[:, None]).long()
        logits = model(input_ids=ids, attention_mask=mask).logits.float()
        # position t predicts token t + 1
        nll = F.cross_entropy(
            logits[:, :-1].transpose(1, 2), labels[:, 1:], ignore_index=IGNORE, reduction="none"
        )
        keep = labels[:, 1:] != IGNORE
        out += [row[k].tolist() for row, k in zip(nll, keep)]
    return out


def _mean_nll(token_nll: list[float]) -> float:
    return sum(token_nll) / max(len(token_nll), 1)


def completion_losses(model, tokenizer, queries: list[dict], *, batch_size: int = 32) -> list[float]:
    """Mean NLL (nats/token) of each query's completion given its prompt."""
    return [_mean_nll(t) for t in completion_token_losses(model, tokenizer, queries, batch_size=batch_size)]


_NUMBER = re.compile(r"\d+")


def copied_number_mask(tokenizer, prompt: str, completion: str) -> list[bool]:
    """Per completion token: is it (part of) a number that also stands in the prompt?

    Those tokens can only be predicted by copying from the prompt, so their loss tells
    whether a model attends back to the question's operands at all (a uniform guess over
    ten digits costs ln 10 = 2.3 nats).
    """
    in_prompt = set(_NUMBER.findall(prompt))
    spans = [m.span() for m in _NUMBER.finditer(completion) if m.group() in in_prompt]
    offsets = tokenizer(completion, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    return [
        any(a < e and s < b for s, e in spans) and any(ch.isdigit() for ch in completion[a:b])
        for a, b in offsets
    ]


@torch.inference_mode()
def block_loss(model, blocks: torch.Tensor, pad_id: int, *, batch_size: int = 32) -> float:
    """Mean next-token NLL (nats/token) over packed ``[n, context]`` blocks, ``pad_id`` ignored.

    Blocks as training packs them (:func:`curate.lm.train.pack_documents`), so a held-out
    corpus is scored exactly as the training loss is computed.
    """
    device, total, count = _device(model), 0.0, 0
    for i in range(0, len(blocks), batch_size):
        ids = blocks[i : i + batch_size].to(device, torch.long)
        labels = ids.masked_fill(ids == pad_id, IGNORE)
        logits = model(input_ids=ids).logits.float()
        nll = F.cross_entropy(logits[:, :-1].transpose(1, 2), labels[:, 1:], ignore_index=IGNORE, reduction="sum")
        total += float(nll)
        count += int((labels[:, 1:] != IGNORE).sum())
    return total / max(count, 1)


def stop_token_ids(tokenizer) -> list[int]:
    """``<|eos|>`` and every token whose text contains a newline."""
    ids = {i for i in range(len(tokenizer)) if "\n" in tokenizer.decode([i])}
    return sorted(ids | {tokenizer.eos_token_id})


@torch.inference_mode()
def greedy_generate(
    model, tokenizer, prompts: list[str], *, max_new_tokens: int = 48, batch_size: int = 32
) -> list[str]:
    """Greedy continuations of ``prompts``, each cut at its first newline."""
    device, out = _device(model), []
    stops = stop_token_ids(tokenizer)
    side = tokenizer.padding_side
    tokenizer.padding_side = "left"  # so every row's last position is its prompt's end
    try:
        for i in range(0, len(prompts), batch_size):
            enc = tokenizer(prompts[i : i + batch_size], return_tensors="pt", padding=True).to(device)
            gen = model.generate(
                **enc,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                eos_token_id=stops,
                pad_token_id=tokenizer.pad_token_id,
            )
            new = gen[:, enc["input_ids"].shape[1] :]
            out += [t.split("\n")[0] for t in tokenizer.batch_decode(new, skip_special_tokens=True)]
    finally:
        tokenizer.padding_side = side
    return out


def _summary(rows: list[dict]) -> dict:
    n = len(rows)
    summary = {"n": n, "loss": sum(r["loss"] for r in rows) / n if n else float("nan")}
    copy = [r["copy_loss"] for r in rows if "copy_loss" in r]
    if copy:
        summary["copy_loss"] = sum(copy) / len(copy)
    graded = [r["correct"] for r in rows if "correct" in r]
    if graded:
        summary["accuracy"] = sum(graded) / len(graded)
        summary["graded"] = len(graded)
    return summary


def query_metrics(
    model,
    tokenizer,
    queries: list[dict],
    *,
    generate: bool = True,
    max_new_tokens: int = 48,
    batch_size: int = 128,  # large batches: greedy decoding pays per step, not per row
) -> dict:
    """Completion loss and (if ``generate``) greedy exact match for each query, aggregated.

    Returns ``{"overall": {n, loss, copy_loss, accuracy}, "by_kind": {kind: ...}, "by_task": {task: ...},
    "per_query": [{id, task, kind, loss, copy_loss, output, correct}, ...]}``; ``copy_loss`` is the
    mean NLL of completion tokens that copy a number from the prompt (:func:`copied_number_mask`).
    """
    was_training = model.training
    model.eval()
    try:
        token_losses = completion_token_losses(model, tokenizer, queries, batch_size=batch_size)
        outputs = (
            greedy_generate(model, tokenizer, [q["prompt"] for q in queries],
                            max_new_tokens=max_new_tokens, batch_size=batch_size)
            if generate else None
        )
    finally:
        model.train(was_training)
    rows = []
    for i, q in enumerate(queries):
        nll = token_losses[i]
        row = {"id": q.get("id", str(i)), "task": q.get("task"), "kind": q.get("kind"), "loss": _mean_nll(nll)}
        copied = [x for x, c in zip(nll, copied_number_mask(tokenizer, q["prompt"], q["completion"])) if c]
        if copied:
            row["copy_loss"] = _mean_nll(copied)
        if outputs is not None:
            row["output"] = outputs[i]
            if str(q.get("answer") or "").strip():  # open-ended queries (how-to) have no exact answer
                row["correct"] = is_correct(outputs[i], q["answer"])
        rows.append(row)
    groups = {"by_kind": defaultdict(list), "by_task": defaultdict(list)}
    for r in rows:
        groups["by_kind"][r["kind"]].append(r)
        groups["by_task"][r["task"]].append(r)
    return {
        "overall": _summary(rows),
        "by_kind": {k: _summary(v) for k, v in sorted(groups["by_kind"].items(), key=lambda kv: str(kv[0]))},
        "by_task": {k: _summary(v) for k, v in sorted(groups["by_task"].items(), key=lambda kv: str(kv[0]))},
        "per_query": rows,
    }
