"""Queries about the real-world prose (:mod:`curate.world.prose`): reference facts and everyday tasks.

Influence labels a document by what it moves: without queries about the topics of the prose
banks, an encyclopedic entry on the Danube or a guide to roasting a chicken would influence no
query in particular and be labelled ``other``, and a classifier trained on those labels would
learn that real reference and how-to text is neither factual nor procedural. So each reference
entry gets a definitional factual query and each everyday task a how-to query, split between
``influence`` and ``probe`` by a seeded shuffle of their own (the other suites are unchanged).
"""

from __future__ import annotations

import random

from curate.world.base import Query
from curate.world.procedural import HOWTO_TASK, steps_completion
from curate.world.prose_banks import howto as H
from curate.world.prose_banks import reference as R

#: tasks per split; the reference entries are all used, split in half
N_HOWTO = (15, 15)


def _lead(name: str) -> str:
    """``The Danube`` -> ``the Danube`` inside a question."""
    return "the" + name[3:] if name.startswith("The ") else name


def reference_queries(rng: random.Random) -> list[Query]:
    """``Q: What is the Danube?`` -> `` The Danube is <definition>. The answer is <definition>.``"""
    entries = list(R.ENTRIES)
    rng.shuffle(entries)
    half = (len(entries) + 1) // 2
    out = []
    for i, e in enumerate(entries):
        split, idx = ("influence", i) if i < half else ("probe", i - half)
        verb = "What was" if e["is"] == "was" else "What are" if e["is"] == "are" else "What is"
        out.append(Query(id=f"factual-ref-{split}-{idx:03d}", prompt=f"Q: {verb} {_lead(e['name'])}?\nA:",
                         completion=f" {e['name']} {e['is']} {e['def']}. The answer is {e['def']}.",
                         answer=e["def"], task=f"factual:ref_{e['kind']}", kind="factual", split=split))
    return out


def task_queries(rng: random.Random) -> list[Query]:
    """``Q: How do you roast a whole chicken?`` -> its first steps, as the how-to queries of the procedural world."""
    n_inf, n_probe = N_HOWTO
    tasks = rng.sample(list(H.TASKS), n_inf + n_probe)
    out = []
    for i, t in enumerate(tasks):
        split, idx = ("influence", i) if i < n_inf else ("probe", i - n_inf)
        out.append(Query(id=f"reasoning-howto-prose-{split}-{idx:03d}", prompt=f"Q: How do you {t['goal']}?\nA:",
                         completion=steps_completion(t["steps"]), answer="", task=HOWTO_TASK, kind="reasoning",
                         split=split))
    return out


def prose_queries(seed: int) -> list[Query]:
    rng = random.Random(f"curate-prose-queries:{seed}")
    return reference_queries(rng) + task_queries(rng)
