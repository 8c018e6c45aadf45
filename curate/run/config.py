"""What ``curate run`` does, as plain data: one section per stage, defaults sized for the demo.

The defaults fit a 2-core laptop (the whole loop in about 80 minutes, 45 of them the reference model); a YAML file
scales any stage up (``recipes/runs/large.yaml``)::

    world: {docs: 200000}
    lm: {preset: small}
    influence: {docs: 20000, backend: ekfac}

Unknown sections or keys fail with the name of the key and the keys that exist.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from curate.classify.base import BACKENDS as CLASSIFIER_BACKENDS
from curate.classify.train import INFLUENCE_LABEL_PARAMS, INFLUENCE_LABEL_PRUNE, PRUNE_BY
from curate.errors import CurateUserError

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class WorldConfig:
    docs: int = 20_000  # documents in the generated default corpus


@dataclass(frozen=True)
class LMConfig:
    preset: str = "demo"  # reference model preset (curate/lm/presets.py)
    # the demo preset's 2,400 steps on the corpus alone answer 9% of the reasoning queries; with
    # 12,000 practice drills (worked Q/A in the query format, curate/world/drills.py) and 12,000
    # steps the model answers half (README, "Practice drills")
    steps: int | None = 12_000  # None: the preset's steps
    drills: int = 12_000  # generated practice documents added to the LM's training data only


@dataclass(frozen=True)
class InfluenceConfig:
    docs: int = 2_000  # documents scored (the first N of the corpus: a random sample)
    backend: str = "fast"
    fit_docs: int = 256  # documents the EK-FAC factors are fitted on (fast backend; README, "Benchmarks")
    shard_docs: int = 500
    settings: dict = field(default_factory=dict)  # other InfluenceSettings fields


@dataclass(frozen=True)
class ClassifierConfig:
    backend: str = "fast"
    # backend parameters over its defaults; None: INFLUENCE_LABEL_PARAMS[backend]
    params: dict | None = None
    # fraction of influence-labelled documents dropped as likely label errors (confident learning);
    # None: INFLUENCE_LABEL_PRUNE[backend], picked on the real-text devsets (README, "Classifiers and tagging")
    prune: float | None = None
    # the backend whose cross-fitted models rank the labels for pruning (README, "Classifiers and tagging")
    prune_by: str = PRUNE_BY

    def __post_init__(self) -> None:
        if self.params is None:
            object.__setattr__(self, "params", dict(INFLUENCE_LABEL_PARAMS.get(self.backend, {})))
        if self.prune is None:
            object.__setattr__(self, "prune", INFLUENCE_LABEL_PRUNE.get(self.backend, 0.0))


@dataclass(frozen=True)
class CheckConfig:
    sample: int = 500


@dataclass(frozen=True)
class MixConfig:
    recipes: tuple[str, ...] = ("natural", "procedural-diverse", "procedural-narrow")
    budget: int | str | None = None  # override each recipe's token budget


@dataclass(frozen=True)
class AblateConfig:
    seeds: int = 5
    tokens: int | None = None  # training tokens per run (None: the ablation default)
    preset: str | None = None  # None: the ablation default preset


@dataclass(frozen=True)
class RunConfig:
    out: str = "runs/demo"
    seed: int = 0
    threads: int | None = None  # torch CPU threads (None: torch's default)
    world: WorldConfig = WorldConfig()
    lm: LMConfig = LMConfig()
    influence: InfluenceConfig = InfluenceConfig()
    classifier: ClassifierConfig = ClassifierConfig()
    check: CheckConfig = CheckConfig()
    mix: MixConfig = MixConfig()
    ablate: AblateConfig = AblateConfig()

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def stage_key(self, *sections: str) -> str:
        """A digest of the seed and the named sections: a stage reruns when it changes."""
        d = self.to_dict()
        blob = json.dumps({"seed": self.seed, **{s: d[s] for s in sections}}, sort_keys=True, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def recipe_paths(self) -> list[Path]:
        """Recipe names resolve to ``recipes/<name>.yaml`` of the repository; paths stay paths."""
        out = []
        for r in self.mix.recipes:
            p = Path(r)
            if p.suffix not in (".yaml", ".yml"):
                p = REPO / "recipes" / f"{r}.yaml"
            if not p.is_file():
                raise CurateUserError(f"mix.recipes: no recipe {r!r} (looked for {p})")
            out.append(p)
        return out


def _build(cls: type, values: Any, where: str):
    if not isinstance(values, dict):
        raise CurateUserError(f"{where}: expected a mapping, got {type(values).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in values.items():
        if key not in fields:
            raise CurateUserError(f"{where}: unknown key {key!r}; known keys: {', '.join(fields)}")
        sub = fields[key].default
        if dataclasses.is_dataclass(sub):
            kwargs[key] = _build(type(sub), value or {}, f"{where}.{key}" if where != "config" else key)
        elif key == "recipes":
            kwargs[key] = tuple(value) if isinstance(value, (list, tuple)) else (value,)
        else:
            kwargs[key] = value
    try:
        return cls(**kwargs)
    except TypeError as err:
        raise CurateUserError(f"{where}: {err}") from None


def _check_number(value: Any, name: str, where: str, lo: float, hi: float | None = None, integer: bool = False) -> None:
    """One line naming the key unless ``value`` is a number (a whole one if ``integer``) in ``[lo, hi)``:
    a string or a negative count in a run config fails here, not as a traceback inside a stage."""
    kinds = (int,) if integer else (int, float)
    if not isinstance(value, bool) and isinstance(value, kinds) and lo <= value and (hi is None or value < hi):
        return
    what = f"a number in [{lo}, {hi})" if hi is not None else f"at least {lo}" + (", a whole number" if integer else "")
    raise CurateUserError(f"{where}: {name} must be {what}, got {value!r}")


def load_run_config(path: str | Path | None = None, **overrides: Any) -> RunConfig:
    """The run configuration from a YAML file (or the defaults), with top-level ``overrides``."""
    values: dict = {}
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise CurateUserError(f"{p}: no such run config")
        try:
            values = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise CurateUserError(f"{p}{line}: not valid YAML") from None
        where = str(p)
    else:
        where = "config"
    values.update({k: v for k, v in overrides.items() if v is not None})
    cfg = _build(RunConfig, values, where)
    _check_number(cfg.world.docs, "world.docs", where, 100, integer=True)
    _check_number(cfg.lm.drills, "lm.drills", where, 0, integer=True)
    _check_number(cfg.influence.docs, "influence.docs", where, 1, integer=True)
    _check_number(cfg.classifier.prune, "classifier.prune", where, 0, 1)
    if cfg.classifier.prune_by not in CLASSIFIER_BACKENDS:
        raise CurateUserError(f"{where}: classifier.prune_by must be one of {', '.join(CLASSIFIER_BACKENDS)}, "
                              f"got {cfg.classifier.prune_by!r}")
    if cfg.influence.docs > cfg.world.docs:
        raise CurateUserError(f"{where}: influence.docs ({cfg.influence.docs}) exceeds world.docs ({cfg.world.docs})")
    return cfg
