"""The reference LM: a small Llama-style decoder built from ``nn.Linear`` layers.

Llama (not GPT-2, whose projections are ``Conv1D``) so that every projection is an
``nn.Linear`` that kronfluence can track: per layer ``self_attn.{q,k,v,o}_proj`` and
``mlp.{gate,up,down}_proj``. RMSNorm, rotary positions, SwiGLU MLP, no biases, no dropout.
"""

from __future__ import annotations

import torch
from torch import nn
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerBase

from curate.lm.presets import Preset


def model_config(preset: Preset, tokenizer: PreTrainedTokenizerBase) -> LlamaConfig:
    """The ``LlamaConfig`` for ``preset``, with the tokenizer's vocabulary and special ids."""
    return LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=preset.d_model,
        intermediate_size=preset.d_mlp,
        num_hidden_layers=preset.n_layers,
        num_attention_heads=preset.n_heads,
        num_key_value_heads=preset.n_heads,
        max_position_embeddings=preset.context,
        rms_norm_eps=1e-5,
        initializer_range=0.02,
        tie_word_embeddings=preset.tie_embeddings,
        rope_parameters={"rope_type": "default", "rope_theta": 10_000.0},
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )


def build_model(
    preset: Preset, tokenizer: PreTrainedTokenizerBase, *, seed: int = 0, attn: str = "sdpa"
) -> LlamaForCausalLM:
    """A freshly initialised model; the same ``seed`` always gives the same weights."""
    config = model_config(preset, tokenizer)
    config._attn_implementation = attn
    torch.manual_seed(seed)
    return LlamaForCausalLM(config)


def count_params(model: nn.Module, *, non_embedding: bool = False) -> int:
    """Distinct parameters (tied weights counted once); optionally without the embeddings."""
    params = {id(p): p for p in model.parameters()}
    n = sum(p.numel() for p in params.values())
    if non_embedding:
        emb = model.get_input_embeddings().weight
        n -= emb.numel()
        head = model.get_output_embeddings()
        if head is not None and head.weight is not emb:
            n -= head.weight.numel()
    return n


def train_flops_per_token(model: nn.Module, preset: Preset) -> int:
    """Training FLOPs per token, forward and backward: 6 per weight (the tied head counted once,
    as one matmul) plus causal attention's 6 * layers * d_model * context (Kaplan et al. 2020)."""
    return 6 * count_params(model) + 6 * preset.n_layers * preset.d_model * preset.context


def linear_module_names(model: nn.Module, *, include_head: bool = False) -> list[str]:
    """Names of the ``nn.Linear`` modules to track for influence (the decoder's projections).

    The output head is left out unless asked for: with tied embeddings it shares its
    weight with the input embedding, and it is by far the widest layer.
    """
    head = model.get_output_embeddings()
    return [
        name
        for name, m in model.named_modules()
        if isinstance(m, nn.Linear) and (include_head or m is not head)
    ]
