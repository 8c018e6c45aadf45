"""Ablations: does a mixture really help reasoning? Train the same small LM on each and measure.

>>> from curate.ablate import ablate
>>> results = ablate(["recipes/natural.yaml", "recipes/procedural-diverse.yaml"], "runs/demo/ablate",
...                  seeds=3, tokens="500k", probes="influence/queries/probe.jsonl")

Each recipe is mixed (:func:`curate.mix.mix`; a folder that already holds a mixture is taken as
it is), then the same decoder-only model (:mod:`curate.lm`, preset ``ablate`` by default) is
trained from scratch on every mixture for every seed, at the same token budget and schedule, with
one shared tokenizer. Each run is scored on the probe split: completion loss and greedy exact
match per query kind and per reasoning task, and LM loss on a held-out natural sample that no
run trains on. ``results.json`` holds per-arm means with 95% t-intervals over seeds and each
arm's difference to the first, paired by seed; ``report.md``/``report.html`` open with the table.
"""

from curate.ablate.report import render
from curate.ablate.runner import ablate
from curate.ablate.stats import summarize, t_interval

__all__ = ["ablate", "render", "summarize", "t_interval"]
