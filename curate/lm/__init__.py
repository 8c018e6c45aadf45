"""The reference LM: tokenizer, model, training loop and query metrics.

``train_lm`` trains a small Llama-style model from scratch on a corpus (deterministic,
resumable); ``load_lm`` loads it (or any local Hugging Face causal LM); ``query_metrics``
scores queries by completion loss and greedy exact match.
"""

from curate.lm.evaluate import encode_query, is_correct, query_metrics
from curate.lm.model import build_model, count_params, linear_module_names
from curate.lm.presets import PRESETS, Preset, get_preset
from curate.lm.tokenizer import train_tokenizer
from curate.lm.train import load_lm, train_lm

__all__ = [
    "PRESETS", "Preset", "build_model", "count_params", "encode_query", "get_preset", "is_correct",
    "linear_module_names", "load_lm", "query_metrics", "train_lm", "train_tokenizer",
]
