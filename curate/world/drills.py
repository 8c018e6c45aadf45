"""Practice drills: worked Q/A pairs in exactly the query format, extra training data for the reference LM.

The world's maths procedures appear in many styles (prose, steps, code, exercises...), and only
the ``worked`` style (about 1.5% of the default corpus's words, some 80 Q/A pairs a task) shows
the query format itself. From that little, the 1M-parameter ``demo`` model learns the format but
not to copy a question's operands or to compute, and answers about 9% of the reasoning queries.
A model the size of the paper's has met such demonstrations countless times in pretraining; these
drills stand in for that exposure. They are added to the reference model's *training* data only
(``curate lm train --drills N``, run config ``lm.drills``), never to the corpus that is scored,
labelled and tagged, and no drill uses a query's problem: the world's reserved problems (its
influence and probe queries) are redrawn, and so is any question that matches a given prompt.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from curate.world.procedural import ProceduralWorld


def drill_documents(n_docs: int, seed: int = 0, *, pairs: int = 6, exclude_prompts: Iterable[str] = ()) -> list[str]:
    """``n_docs`` drill documents of ``pairs`` Q/A each (``Q: question\\nA: First, ... The answer is X.``).

    Tasks are drawn as the world draws them (the paper's three tasks twice as often). Problems
    reserved by ``ProceduralWorld(seed)``, and questions whose prompt is in ``exclude_prompts``,
    are never used. The same arguments always give the same texts.
    """
    if n_docs < 0 or pairs < 1:
        raise ValueError(f"need n_docs >= 0 and pairs >= 1, got {n_docs} and {pairs}")
    world = ProceduralWorld(seed)
    excluded = set(exclude_prompts)
    rng = random.Random(f"curate-drills:{seed}")

    def pair() -> str:
        while True:
            prompt, completion = world.practice_pair(rng)
            if prompt not in excluded:
                return prompt + completion

    return ["\n\n".join(pair() for _ in range(pairs)) for _ in range(n_docs)]
