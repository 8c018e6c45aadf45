"""What is measured: the kronfluence ``Task`` for a causal LM, and the tokenization it needs.

Influence of a training document ``z`` on a query ``q`` (Grosse et al. 2023; Ruis et al. 2024)::

    I(z, q) = grad f_q(theta)^T  (G + lambda I)^-1  grad L_z(theta)

* ``L_z`` (the *training loss*) is the document's **summed** next-token loss over all its
  non-pad tokens, the document encoded as the reference LM saw it in training
  (``<|bos|> text <|eos|>``, here cut to ``max_length`` tokens);
* ``f_q`` (the *measurement*) is the query's **summed** completion loss: prompt tokens are
  masked (labels ``-100``), exactly as :func:`curate.lm.evaluate.encode_query` encodes it,
  so the loss agrees with ``curate.lm.query_metrics`` (which reports the per-token mean);
* ``G`` is the (true) Fisher of the training loss, approximated by EK-FAC over the tracked
  modules. By default those are the MLP projections of every block (``gate_proj``,
  ``up_proj``, ``down_proj`` in a Llama), as in Grosse et al. and the paper; ``modules``
  picks others.

With these signs (kronfluence's convention) a **positive** score means that up-weighting the
document *lowers* the query's completion loss: the document helps the model produce the
completion. How the inverse-Fisher product is estimated lives in :mod:`curate.influence.backends`.
"""

from __future__ import annotations

import fnmatch
import functools
import inspect
from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from kronfluence.task import Task
from torch import nn

from curate.lm.evaluate import IGNORE, encode_query

# Name groups for ``modules=``: substrings of the module names of Llama-style blocks
# (and the common names of other Hugging Face decoders).
MODULE_GROUPS: dict[str, tuple[str, ...]] = {
    "mlp": (".mlp.", ".feed_forward.", ".ffn."),
    "attn": (".self_attn.", ".attention.", ".attn."),
}

Modules = str | Sequence[str]


def tracked_modules(model: nn.Module, modules: Modules = "mlp") -> list[str]:
    """Names of the ``nn.Linear`` modules whose influence is computed, in model order.

    ``modules`` is ``"mlp"`` (the MLP projections of each block, the default and the paper's
    choice), ``"attn"`` (the attention projections), ``"all"`` (every linear layer but the
    output head), or a list of module names / ``fnmatch`` patterns
    (``["*.mlp.down_proj", "model.layers.3.*"]``). The output head (tied to the embedding
    in the reference LM) is only tracked when named explicitly.
    """
    head = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    linear = [(n, m) for n, m in model.named_modules() if isinstance(m, nn.Linear)]
    if isinstance(modules, str) and modules in ("mlp", "attn", "all"):
        keys = MODULE_GROUPS.get(modules)
        names = [
            n for n, m in linear
            if m is not head and (keys is None or any(k in f".{n}." for k in keys))
        ]
    else:
        patterns = [modules] if isinstance(modules, str) else list(modules)
        names = [n for n, _ in linear if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
    if not names:
        raise ValueError(f"no nn.Linear modules of the model match modules={modules!r}")
    return names


# ----------------------------------------------------------------------------- tokenization


def encode_documents(tokenizer, texts: Sequence[str], max_length: int = 256, *, batch: int = 512) -> list[list[int]]:
    """Token ids of each document as in training (``<|bos|> text <|eos|>``), cut to ``max_length``.

    The tokenizer adds its own start token (the reference tokenizer adds ``<|bos|>``); the
    end-of-sequence token is appended when the document fits.
    """
    if max_length < 2:
        raise ValueError("max_length must be at least 2 tokens")
    eos = tokenizer.eos_token_id
    out: list[list[int]] = []
    for i in range(0, len(texts), batch):
        for ids in tokenizer(list(texts[i : i + batch]), add_special_tokens=True)["input_ids"]:
            if eos is not None:
                ids = ids + [eos]
            out.append(ids[:max_length])
    return out


def loss_tokens(tokenizer, texts: Sequence[str], max_length: int = 256) -> np.ndarray:
    """Tokens in each document's summed training loss (``int32``): what its gradient sums over.

    The label rule divides influence by a power of this (``LabelRule.length_power``), so short and
    long documents are compared at the same noise level.
    """
    return np.array([len(ids) for ids in encode_documents(tokenizer, texts, max_length)], dtype=np.int32)


def document_example(ids: Sequence[int]) -> dict:
    """A training example: every token is a target (the loss ignores only padding)."""
    return {"input_ids": list(ids), "labels": list(ids)}


def query_example(tokenizer, query: dict, max_length: int | None = None) -> dict:
    """A query example: prompt + completion, labels ``-100`` on the prompt (``encode_query``)."""
    ids, labels = encode_query(tokenizer, query["prompt"], query["completion"])
    if max_length is not None:
        ids, labels = ids[:max_length], labels[:max_length]
    if all(x == IGNORE for x in labels[1:]):
        raise ValueError(f"query {query.get('id')!r}: no completion tokens left to measure")
    return {"input_ids": ids, "labels": labels}


class ExampleDataset(torch.utils.data.Dataset):
    """A list of ``{input_ids, labels}`` examples (kronfluence needs a map-style dataset)."""

    def __init__(self, examples: Sequence[dict]) -> None:
        self.examples = list(examples)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return self.examples[i]


class Collator:
    """Right-pads a list of examples into ``input_ids``, ``attention_mask``, ``labels`` tensors.

    Padded positions have attention 0 and label ``-100``; the pad id itself never matters
    (it may equal ``<|eos|>`` for foreign tokenizers). ``multiple`` rounds the width up (fewer
    distinct shapes for kernels compiled per shape). A class, not a closure, so that
    DataLoader workers and datatrove ranks can pickle it.
    """

    def __init__(self, pad_id: int, multiple: int = 1) -> None:
        self.pad_id = int(pad_id)
        self.multiple = int(multiple)

    def __call__(self, batch: Sequence[dict]) -> dict[str, torch.Tensor]:
        width = -(-max(len(b["input_ids"]) for b in batch) // self.multiple) * self.multiple
        ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for i, b in enumerate(batch):
            n = len(b["input_ids"])
            ids[i, :n] = torch.as_tensor(b["input_ids"], dtype=torch.long)
            labels[i, :n] = torch.as_tensor(b["labels"], dtype=torch.long)
            mask[i, :n] = 1
        return {"input_ids": ids, "attention_mask": mask, "labels": labels}


# ------------------------------------------------------------------------------------- task


def _next_tokens(labels: torch.Tensor) -> torch.Tensor:
    """The token each position predicts: the labels shifted left, ``-100`` at the last position.

    The labels are shifted rather than the logits sliced: slicing ``[batch, T, vocab]`` logits
    copies them, and its backward allocates and fills another full-size tensor.
    """
    return torch.cat([labels[:, 1:], labels.new_full((labels.size(0), 1), IGNORE)], dim=1)


def _shifted(batch: dict, model: nn.Module) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits (float32) at every position and the token each one predicts (:func:`_next_tokens`)."""
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    return logits.float(), _next_tokens(batch["labels"])


@functools.cache
def _keeps_logits(model_type: type) -> bool:
    """Whether the model's forward takes ``logits_to_keep`` (most transformers causal LMs do)."""
    return "logits_to_keep" in inspect.signature(model_type.forward).parameters


def _completion_logits(batch: dict, model: nn.Module) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits (float32) only at the positions that predict a completion token, and those tokens.

    A query's loss is measured on its few completion tokens; computing the vocabulary-wide
    logits (and their log-softmax and its backward) at every prompt position would cost more
    than the rest of the query's gradient. Positions are kept where any query of the batch
    predicts a completion token; the loss and its gradient are unchanged.
    """
    shifted = _next_tokens(batch["labels"])
    keep = (shifted != IGNORE).any(0).nonzero().squeeze(1)
    inputs = {"input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"]}
    if _keeps_logits(type(model)):
        logits = model(**inputs, logits_to_keep=keep).logits
    else:
        logits = model(**inputs).logits[:, keep]
    return logits.float(), shifted[:, keep]


def completion_losses(batch: dict, model: nn.Module) -> torch.Tensor:
    """``[batch]``: each query's summed completion loss (differentiable), the measurement ``f_q``."""
    logits, labels = _completion_logits(batch, model)
    return F.cross_entropy(logits.transpose(1, 2), labels, ignore_index=IGNORE, reduction="none").sum(1)


class LanguageModelTask(Task):
    """kronfluence ``Task``: summed document LM loss for training, summed completion loss as measurement.

    ``sample=True`` (used while fitting the EK-FAC factors) draws the targets from the model's
    own predictive distribution, giving the true Fisher rather than the empirical one, as in
    Grosse et al. The draws come from a private generator; :meth:`reseed` restarts it so a
    factor fit over the same batches draws the same labels (deterministic scores).
    """

    def __init__(self, module_names: Sequence[str] | None = None, seed: int = 0) -> None:
        self.module_names = list(module_names) if module_names is not None else None
        self.seed = seed
        self.generator = torch.Generator().manual_seed(seed)

    def reseed(self, seed: int | None = None) -> None:
        self.seed = self.seed if seed is None else seed
        self.generator = torch.Generator().manual_seed(self.seed)

    def compute_train_loss(self, batch: dict, model: nn.Module, sample: bool = False) -> torch.Tensor:
        logits, labels = _shifted(batch, model)
        vocab = logits.size(-1)
        if sample:
            labels = self._sample_labels(logits, labels)
        return F.cross_entropy(logits.reshape(-1, vocab), labels.reshape(-1), ignore_index=IGNORE, reduction="sum")

    @torch.no_grad()
    def _sample_labels(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Targets drawn from the model at every non-ignored position, by inverse CDF.

        One uniform number per real token, drawn in batch order from a CPU generator: the
        draws depend on the documents and their order only, not on the batch size, padding
        or device, so factors fitted with different batch sizes agree.
        """
        valid = labels != IGNORE
        cdf = torch.softmax(logits.detach()[valid], dim=-1).cumsum(-1)
        u = torch.rand(cdf.size(0), generator=self.generator, dtype=torch.float32).to(cdf.device)
        drawn = torch.searchsorted(cdf, (u * cdf[:, -1]).unsqueeze(1)).squeeze(1).clamp_(max=cdf.size(1) - 1)
        out = labels.clone()
        out[valid] = drawn
        return out

    def compute_measurement(self, batch: dict, model: nn.Module) -> torch.Tensor:
        return completion_losses(batch, model).sum()

    def backward_train_loss(self, batch: dict, model: nn.Module) -> None:
        """Backpropagate :meth:`compute_train_loss` (``sample=False``) with its logit gradient
        formed directly: ``softmax - onehot`` at every target, zero elsewhere. The same gradient
        as autograd's, without cross-entropy's log-softmax and its backward over the vocabulary;
        the softmax is taken in float32 straight from the logits (no float32 copy of them), and
        only the few rows without a target (padding, each document's last token) are zeroed."""
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        vocab = logits.size(-1)
        with torch.no_grad():
            grad = torch.softmax(logits, dim=-1, dtype=torch.float32)
            targets = _next_tokens(batch["labels"]).reshape(-1)
            valid = targets != IGNORE
            rows = grad.view(-1, vocab)
            rows.index_fill_(0, (~valid).nonzero().squeeze(1), 0.0)
            at = valid.nonzero().squeeze(1)
            rows.view(-1).index_add_(0, at * vocab + targets[at], grad.new_full(at.shape, -1.0))
        logits.backward(grad.to(logits.dtype))

    def get_influence_tracked_modules(self) -> list[str] | None:
        return self.module_names

    def get_attention_mask(self, batch: dict) -> torch.Tensor:
        return batch["attention_mask"]


@torch.inference_mode()
def query_losses(model: nn.Module, tokenizer, queries: Sequence[dict], *, batch_size: int = 32) -> list[float]:
    """Summed completion loss (nats) of each query: the measurement ``f_q`` at the current weights."""
    device = next(model.parameters()).device
    collate = Collator(tokenizer.pad_token_id)
    out: list[float] = []
    for i in range(0, len(queries), batch_size):
        batch = collate([query_example(tokenizer, q) for q in queries[i : i + batch_size]])
        batch = {k: v.to(device) for k, v in batch.items()}
        out += completion_losses(batch, model).tolist()
    return out
