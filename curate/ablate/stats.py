"""Means, t-intervals over seeds, and differences paired by seed.

Seeds are the unit of replication: a run's model initialisation and data order both derive
from its seed, and arm A and arm B trained with the same seed share both, so the difference
``A_s - B_s`` removes the seed's own luck. With few seeds the interval is Student's t.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

LEVEL = 0.95


def t_interval(values: Sequence[float], level: float = LEVEL) -> dict:
    """``{n, mean, sd, ci95: [lo, hi]}``; ``sd`` and ``ci95`` are None for a single value."""
    x = np.asarray(values, dtype=np.float64)
    n, mean = len(x), float(x.mean())
    if n < 2:
        return {"n": n, "mean": mean, "sd": None, "ci95": None}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return {"n": n, "mean": mean, "sd": sd, "ci95": [mean - half, mean + half]}


def excludes_zero(interval: dict) -> bool:
    ci = interval["ci95"]
    return ci is not None and (ci[0] > 0 or ci[1] < 0)


def summarize(values: dict[str, dict[str, list[float]]]) -> tuple[dict, dict]:
    """Per-arm intervals, and each arm's paired difference to the first arm (same seed order).

    ``values[arm][metric]`` lists one number per seed, seeds in the same order for every arm.
    """
    arms = list(values)
    per_arm = {a: {m: {**t_interval(v), "values": list(v)} for m, v in values[a].items()} for a in arms}
    base = arms[0]
    paired = {}
    for a in arms[1:]:
        paired[a] = {}
        for m, v in values[a].items():
            diffs = [float(x - y) for x, y in zip(v, values[base][m], strict=True)]
            iv = t_interval(diffs)
            paired[a][m] = {**iv, "excludes_zero": excludes_zero(iv), "values": diffs}
    return per_arm, paired
