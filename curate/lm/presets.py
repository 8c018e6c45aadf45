"""Model and training presets, kept as plain data.

A preset fixes everything about a reference-LM run except the corpus and the seed:
the tokenizer's vocabulary size, the transformer's shape, and the optimisation schedule.
``tiny`` is for tests, ``demo`` is the reference model of the demo (a few CPU minutes on
~20k documents), ``small`` and ``base`` are for bigger machines or a GPU.

Pick one with :func:`get_preset`, changing any field on the way::

    get_preset("demo", steps=2000, lr=1e-3)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from curate.errors import CurateUserError


@dataclass(frozen=True)
class Preset:
    name: str
    # tokenizer and model shape
    vocab_size: int
    d_model: int
    n_layers: int
    n_heads: int
    d_mlp: int  # hidden size of the SwiGLU MLP
    context: int  # tokens per training block (and the model's maximum length)
    tie_embeddings: bool = True
    # optimisation: one step sees batch_size * context tokens
    batch_size: int = 16
    steps: int = 1000
    lr: float = 1e-3
    warmup: int = 100
    min_lr_ratio: float = 0.1  # cosine decays from lr to lr * min_lr_ratio
    weight_decay: float = 0.1
    beta1: float = 0.9
    beta2: float = 0.95
    grad_clip: float = 1.0
    grad_accum: int = 1  # micro-batches per step (batch_size must divide by it)
    # bookkeeping
    checkpoint_every: int = 200  # steps between resumable checkpoints
    log_every: int = 10  # steps between loss-curve points

    @property
    def tokens_per_step(self) -> int:
        return self.batch_size * self.context

    @property
    def total_tokens(self) -> int:
        return self.steps * self.tokens_per_step

    def with_tokens(self, tokens: int) -> Preset:
        """This preset trained on ``tokens`` tokens: the steps that budget buys (at least one),
        with the warmup capped at a tenth of them, so runs at equal budget share one schedule."""
        steps = max(1, round(tokens / self.tokens_per_step))
        return dataclasses.replace(self, steps=steps, warmup=max(1, min(self.warmup, steps // 10)))

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        # Tests: trains in a few seconds on a few hundred short documents.
        Preset(
            name="tiny", vocab_size=384, d_model=64, n_layers=2, n_heads=2, d_mlp=192,
            context=128, batch_size=8, steps=60, lr=3e-3, warmup=10,
            checkpoint_every=20, log_every=5,
        ),
        # Reference model of the demo: ~0.9M parameters, 2.5M tokens in 2400 small steps
        # (small batches learn far more per token here than large ones), about 3-4 minutes
        # on 2 free CPU cores. Tuned on a synthetic worked-example corpus, see train_report.json.
        Preset(
            name="demo", vocab_size=2048, d_model=128, n_layers=4, n_heads=4, d_mlp=384,
            context=256, batch_size=4, steps=2400, lr=4e-3, warmup=100,
            checkpoint_every=200, log_every=20,
        ),
        # Ablations: one run per (recipe, seed), ~30 s each on 2 CPU cores; `curate ablate`
        # sets the steps from its token budget (Preset.with_tokens).
        Preset(
            name="ablate", vocab_size=2048, d_model=128, n_layers=2, n_heads=4, d_mlp=384,
            context=128, batch_size=16, steps=250, lr=4e-3, warmup=25,
            checkpoint_every=50, log_every=10,
        ),
        # Bigger machines / one GPU.
        Preset(
            name="small", vocab_size=8192, d_model=512, n_layers=8, n_heads=8, d_mlp=1408,
            context=512, batch_size=32, steps=5000, lr=1e-3, warmup=200,
            checkpoint_every=500, log_every=20,
        ),
        Preset(
            name="base", vocab_size=16384, d_model=768, n_layers=12, n_heads=12, d_mlp=2048,
            context=1024, batch_size=64, steps=10000, lr=6e-4, warmup=500,
            tie_embeddings=False, checkpoint_every=500, log_every=20,
        ),
    ]
}


def get_preset(preset: str | Preset = "demo", **overrides) -> Preset:
    """The named preset (or the one given), with ``overrides`` replacing its fields.

    An override of ``None`` keeps the preset's value, so optional settings (a CLI option, a run
    config field) pass straight through. An unknown name is a user error (one line in the CLI).
    """
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise CurateUserError(f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
        preset = PRESETS[preset]
    overrides = {k: v for k, v in overrides.items() if v is not None}
    return dataclasses.replace(preset, **overrides) if overrides else preset
