"""Mixture recipes: the YAML schema, its validation and the resolved :class:`Recipe`.

A recipe says which tagged corpora to read, how many tokens to draw, what share of them each
label gets, which documents are eligible (classifier confidence, length), how diversity is
enforced (MinHash near-duplicate removal, clustering with caps or temperature sampling across
clusters), how often one document may repeat, how tokens are counted, and how the mixture is
written. ``recipes/README.md`` documents every key.

Validation is strict and happens before any data is read: an unknown key, a value of the wrong
type or out of range raises :class:`RecipeError` with one line naming the key and the value, and
a "did you mean" hint for misspelt keys. Checks that need the data (a label without documents, a
budget the data cannot fill) are made by :mod:`curate.mix.select` before anything is written.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import yaml

from curate.errors import CurateUserError

__all__ = [
    "DEFAULT_LABELS",
    "INPUTS_ENV",
    "Budget",
    "ClusterSpec",
    "DedupSpec",
    "Recipe",
    "RecipeError",
    "load_recipe",
    "parse_budget",
]

DEFAULT_LABELS = ("procedural", "factual", "other")
INPUTS_ENV = "CURATE_MIX_INPUTS"
FORMATS = ("jsonl", "jsonl.gz", "parquet")
BUILTIN_TOKENIZERS = ("regex", "whitespace")
_LABEL = re.compile(r"[A-Za-z0-9_.:-]+")
_SIMPLE = re.compile(r"[A-Za-z0-9_.:*%-]{1,60}")
_SUFFIXES = {"k": 10**3, "m": 10**6, "b": 10**9, "g": 10**9, "t": 10**12}


class RecipeError(CurateUserError):
    """A recipe that cannot be run, as one line naming the key, the value and what to change."""


# ---------------------------------------------------------------------------------------------
# Resolved recipe


@dataclass(frozen=True)
class Budget:
    """Token budget: ``tokens`` (absolute), ``percent`` (of the input's tokens) or ``max`` (all the data allows)."""

    kind: str
    value: float = 0.0

    def __str__(self) -> str:
        if self.kind == "tokens":
            return str(int(self.value))
        if self.kind == "percent":
            return f"{self.value:g}%"
        return "max"


@dataclass(frozen=True)
class DedupSpec:
    """Near-duplicate removal with MinHash LSH (datatrove's MinhashConfig, signatures and normalisation)."""

    labels: tuple[str, ...] | None = None  # None: every label
    ngram: int = 5
    bands: int = 14
    rows: int = 8
    normalize_numbers: bool = True

    @property
    def threshold(self) -> float:
        """The LSH threshold (1/bands)^(1/rows): pairs of Jaccard similarity above it are caught with high probability."""
        return (1.0 / self.bands) ** (1.0 / self.rows)

    def applies(self, label: str) -> bool:
        return self.labels is None or label in self.labels


@dataclass(frozen=True)
class ClusterSpec:
    """Clustering (scikit-learn) and how tokens are spread across clusters."""

    labels: tuple[str, ...] = ("procedural",)
    k: int = 32
    temperature: float = 1.0
    max_share: float | None = None
    limit: int | None = None

    def applies(self, label: str) -> bool:
        return label in self.labels


@dataclass(frozen=True)
class Recipe:
    """A validated recipe with every default filled in and every path absolute."""

    inputs: tuple[str, ...]
    name: str = "recipe"
    description: str = ""
    text_key: str = "text"
    id_key: str = "id"
    skip_bad: bool = False
    budget: Budget = Budget("max")
    shares: dict[str, float] | None = None  # None: natural shares times multipliers
    multipliers: dict[str, float] = field(default_factory=dict)
    min_prob: dict[str, float] = field(default_factory=dict)  # label (or "*") -> minimum confidence
    min_tokens: int = 0
    max_tokens: int | None = None
    dedup: DedupSpec | None = None
    clusters: ClusterSpec | None = None
    max_repeats: int = 1
    tokenizer: str = "regex"
    seed: int = 0
    format: str = "jsonl.gz"
    shard_docs: int = 100_000
    source: str | None = None  # the recipe file, when there is one
    sha256: str = ""  # of the recipe file's bytes, or of the canonical JSON of a recipe given as a dict

    def min_prob_for(self, label: str) -> float:
        return self.min_prob.get(label, self.min_prob.get("*", 0.0))

    def to_dict(self) -> dict[str, Any]:
        """The resolved recipe as plain data, in schema order (for the manifest and dry runs)."""
        min_prob: Any = self.min_prob.get("*", 0.0) if set(self.min_prob) <= {"*"} else dict(self.min_prob)
        return {
            "name": self.name,
            "description": self.description,
            "inputs": list(self.inputs),
            "text_key": self.text_key,
            "id_key": self.id_key,
            "skip_bad": self.skip_bad,
            "budget_tokens": int(self.budget.value) if self.budget.kind == "tokens" else str(self.budget),
            "shares": dict(self.shares) if self.shares is not None else "natural",
            "multipliers": dict(self.multipliers),
            "filters": {"min_prob": min_prob, "min_tokens": self.min_tokens, "max_tokens": self.max_tokens},
            "dedup": None if self.dedup is None else {
                "labels": "all" if self.dedup.labels is None else list(self.dedup.labels),
                "ngram": self.dedup.ngram, "bands": self.dedup.bands, "rows": self.dedup.rows,
                "normalize_numbers": self.dedup.normalize_numbers,
            },
            "clusters": None if self.clusters is None else {
                "labels": list(self.clusters.labels), "k": self.clusters.k,
                "temperature": self.clusters.temperature, "max_share": self.clusters.max_share,
                "limit": self.clusters.limit,
            },
            "max_repeats": self.max_repeats,
            "tokenizer": self.tokenizer,
            "seed": self.seed,
            "output": {"format": self.format, "shard_docs": self.shard_docs},
        }


# ---------------------------------------------------------------------------------------------
# Schema: key -> (parser, default). Parsers take (value, key path, context) and return the value.


class _Ctx:
    def __init__(self, where: str, base_dir: Path) -> None:
        self.where = where  # "recipe.yaml: " or "recipe: ", prefixed to every message
        self.base_dir = base_dir

    def fail(self, key: str, message: str) -> RecipeError:
        return RecipeError(f"{self.where}{key}: {message}")


def _show(value: Any) -> str:
    """A short, one-line rendering of a value for error messages."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = repr(value)
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    names = {type(None): "null", bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def _check_keys(obj: Mapping, allowed: Sequence[str], prefix: str, ctx: _Ctx) -> None:
    for key in obj:
        if not isinstance(key, str):
            raise ctx.fail(f"{prefix}{_show(key)}", f"keys must be strings, got {_kind(key)}")
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
            raise ctx.fail(f"{prefix}{_name(key)}", f"unknown key{hint}")


def _name(name: Any) -> str:
    """A key as it appears in messages: plain when it is a simple name, JSON-quoted otherwise (one line)."""
    return name if isinstance(name, str) and _SIMPLE.fullmatch(name) else _show(name)


def _sub(key: str, name: Any) -> str:
    return f"{key}.{_name(name)}"


def _mapping(value: Any, key: str, ctx: _Ctx) -> Mapping:
    if not isinstance(value, Mapping):
        raise ctx.fail(key, f"expected a mapping, got {_kind(value)} {_show(value)}")
    return value


def _string(value: Any, key: str, ctx: _Ctx, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ctx.fail(key, f"expected a non-empty string, got {_kind(value)} {_show(value)}")
    return value


def _bool(value: Any, key: str, ctx: _Ctx) -> bool:
    if not isinstance(value, bool):
        raise ctx.fail(key, f"expected true or false, got {_kind(value)} {_show(value)}")
    return value


def _int(value: Any, key: str, ctx: _Ctx, lo: int | None = None, hi: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ctx.fail(key, f"expected an integer, got {_kind(value)} {_show(value)}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        bounds = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise ctx.fail(key, f"expected an integer {bounds}, got {value}")
    return value


def _number(value: Any, key: str, ctx: _Ctx, lo: float, hi: float | None = None, *, lo_open: bool = False) -> float:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**1000:
        value = math.inf
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ctx.fail(key, f"expected a finite number, got {_kind(value)} {_show(value)}")
    value = float(value)
    if value < lo or (lo_open and value == lo) or (hi is not None and value > hi):
        low = f"> {lo:g}" if lo_open else f">= {lo:g}"
        rng = f"{low}" if hi is None else f"{low} and <= {hi:g}"
        raise ctx.fail(key, f"expected a number {rng}, got {value:g}")
    return value


def _label(value: Any, key: str, ctx: _Ctx) -> str:
    if not isinstance(value, str) or not _LABEL.fullmatch(value):
        raise ctx.fail(key, f"expected a label name (letters, digits, _ . : -), got {_kind(value)} {_show(value)}")
    return value


def _labels(value: Any, key: str, ctx: _Ctx, *, allow_all: bool) -> tuple[str, ...] | None:
    if allow_all and value == "all":
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        expected = "a label, a list of labels or 'all'" if allow_all else "a label or a list of labels"
        raise ctx.fail(key, f"expected {expected}, got {_kind(value)} {_show(value)}")
    labels = [_label(v, f"{key}[{i}]", ctx) for i, v in enumerate(value)]
    if len(set(labels)) != len(labels):
        raise ctx.fail(key, f"label listed twice in {_show(labels)}")
    return tuple(labels)


def parse_budget(value: Any, key: str = "budget_tokens", where: str = "") -> Budget:
    """``1000000``, ``"1M"``/``"500k"``/``"1.5B"``, ``"40%"`` (of the input's tokens) or ``"max"``."""
    ctx = _Ctx(where, Path("."))
    return _budget(value, key, ctx)


def _budget(value: Any, key: str, ctx: _Ctx) -> Budget:
    bad = ctx.fail(key, f"expected a token count (1000000, '1M', '500k'), a percentage of the input's tokens "
                        f"('40%') or 'max', got {_kind(value)} {_show(value)}")
    if isinstance(value, bool):
        raise bad
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value) and value.is_integer()):
        if not 1 <= value < 2**62:
            raise ctx.fail(key, f"expected between 1 and 2^62 tokens, got {_show(value)}")
        return Budget("tokens", float(int(value)))
    if not isinstance(value, str):
        raise bad
    text = value.strip().lower().replace("_", "").replace(",", "")
    if text == "max":
        return Budget("max")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
    if m:
        pct = float(m.group(1))
        if not 0 < pct <= 100:
            raise ctx.fail(key, f"a percentage must be > 0 and <= 100, got {value!r}")
        return Budget("percent", pct)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmbgt]?)", text)
    if not m:
        raise bad
    tokens = float(m.group(1)) * _SUFFIXES.get(m.group(2), 1)
    if not math.isfinite(tokens) or tokens < 1 or tokens >= 2**62:
        raise ctx.fail(key, f"expected between 1 and 2^62 tokens, got {value!r}")
    return Budget("tokens", float(int(round(tokens))))


def _shares(value: Any, key: str, ctx: _Ctx) -> dict[str, float] | None:
    if value == "natural":
        return None
    if not isinstance(value, Mapping) or not value:
        raise ctx.fail(key, f"expected 'natural' or a mapping of label to share (summing to 1), got "
                            f"{_kind(value)} {_show(value)}")
    shares = {_label(k, _sub(key, k), ctx): _number(v, _sub(key, k), ctx, 0.0, 1.0) for k, v in value.items()}
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        listed = ", ".join(f"{k}={v:g}" for k, v in shares.items())
        raise ctx.fail(key, f"shares must sum to 1, got {total:g} ({listed}); adjust them, or use "
                            f"'multipliers' to scale the natural shares instead")
    return shares


def _multipliers(value: Any, key: str, ctx: _Ctx) -> dict[str, float]:
    value = _mapping(value, key, ctx)
    return {_label(k, _sub(key, k), ctx): _number(v, _sub(key, k), ctx, 0.0, 1e6) for k, v in value.items()}


def _min_prob(value: Any, key: str, ctx: _Ctx) -> dict[str, float]:
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            name = k if k == "*" else _label(k, _sub(key, k), ctx)
            out[name] = _number(v, _sub(key, k), ctx, 0.0, 1.0)
        return out
    return {"*": _number(value, key, ctx, 0.0, 1.0)}


def _path_like(value: str, ctx: _Ctx) -> str:
    path = Path(os.path.expanduser(value))
    return os.path.normpath(path if path.is_absolute() else (ctx.base_dir / path))


def _inputs(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ctx.fail(key, f"expected a path, glob or list of them, got {_kind(value)} {_show(value)}")
    return tuple(_path_like(_string(v, f"{key}[{i}]", ctx), ctx) for i, v in enumerate(items))


def _tokenizer(value: Any, key: str, ctx: _Ctx) -> str:
    name = _string(value, key, ctx)
    if name in BUILTIN_TOKENIZERS:
        return name
    path = Path(_path_like(name, ctx))
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name the file system cannot even look up
        exists = False
    if not exists:
        raise ctx.fail(key, f"expected 'regex', 'whitespace' or the path of a local Hugging Face tokenizer "
                            f"(tokenizer.json or its folder), got {name!r}: no such file or folder")
    return str(path)


def _dedup(value: Any, key: str, ctx: _Ctx) -> DedupSpec | None:
    if value is None or value is False:
        return None
    if value is True:
        return DedupSpec()
    value = _mapping(value, key, ctx)
    allowed = ("labels", "ngram", "bands", "rows", "normalize_numbers")
    _check_keys(value, allowed, f"{key}.", ctx)
    spec = DedupSpec(
        labels=_labels(value["labels"], f"{key}.labels", ctx, allow_all=True) if "labels" in value else None,
        ngram=_int(value.get("ngram", 5), f"{key}.ngram", ctx, 1, 64),
        bands=_int(value.get("bands", 14), f"{key}.bands", ctx, 1, 256),
        rows=_int(value.get("rows", 8), f"{key}.rows", ctx, 1, 64),
        normalize_numbers=_bool(value.get("normalize_numbers", True), f"{key}.normalize_numbers", ctx),
    )
    if spec.bands * spec.rows > 1024:
        raise ctx.fail(key, f"bands x rows must be at most 1024 hashes, got {spec.bands} x {spec.rows}")
    return spec


def _clusters(value: Any, key: str, ctx: _Ctx) -> ClusterSpec | None:
    if value is None or value is False:
        return None
    if value is True:
        return ClusterSpec()
    value = _mapping(value, key, ctx)
    _check_keys(value, ("labels", "k", "temperature", "max_share", "limit"), f"{key}.", ctx)
    max_share = value.get("max_share")
    limit = value.get("limit")
    spec = ClusterSpec(
        labels=_labels(value.get("labels", ["procedural"]), f"{key}.labels", ctx, allow_all=False) or (),
        k=_int(value.get("k", 32), f"{key}.k", ctx, 2, 4096),
        temperature=_number(value.get("temperature", 1.0), f"{key}.temperature", ctx, 0.0, 1e6, lo_open=True),
        max_share=None if max_share is None else _number(max_share, f"{key}.max_share", ctx, 0.0, 1.0, lo_open=True),
        limit=None if limit is None else _int(limit, f"{key}.limit", ctx, 1, 4096),
    )
    if spec.limit is not None and spec.limit > spec.k:
        raise ctx.fail(f"{key}.limit", f"limit {spec.limit} is more than the {spec.k} clusters of {key}.k")
    return spec


def _filters(value: Any, key: str, ctx: _Ctx) -> dict[str, Any]:
    value = _mapping(value, key, ctx)
    _check_keys(value, ("min_prob", "min_tokens", "max_tokens"), f"{key}.", ctx)
    out = {
        "min_prob": _min_prob(value.get("min_prob", 0.0), f"{key}.min_prob", ctx),
        "min_tokens": _int(value.get("min_tokens", 0), f"{key}.min_tokens", ctx, 0),
        "max_tokens": None if value.get("max_tokens") is None
        else _int(value["max_tokens"], f"{key}.max_tokens", ctx, 1),
    }
    if out["max_tokens"] is not None and out["max_tokens"] < out["min_tokens"]:
        raise ctx.fail(f"{key}.max_tokens", f"max_tokens {out['max_tokens']} is below min_tokens {out['min_tokens']}")
    return out


def _output(value: Any, key: str, ctx: _Ctx) -> dict[str, Any]:
    value = _mapping(value, key, ctx)
    _check_keys(value, ("format", "shard_docs"), f"{key}.", ctx)
    fmt = value.get("format", "jsonl.gz")
    if fmt not in FORMATS:
        close = difflib.get_close_matches(str(fmt), FORMATS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ctx.fail(f"{key}.format", f"expected one of {', '.join(FORMATS)}, got {_show(fmt)}{hint}")
    return {"format": fmt, "shard_docs": _int(value.get("shard_docs", 100_000), f"{key}.shard_docs", ctx, 1)}


TOP_KEYS = ("version", "name", "description", "inputs", "text_key", "id_key", "skip_bad", "budget_tokens",
            "shares", "multipliers", "filters", "dedup", "clusters", "max_repeats", "tokenizer", "seed", "output")


def _parse(obj: Any, ctx: _Ctx, inputs_override: Sequence[str] | None, source: str | None, sha: str) -> Recipe:
    if not isinstance(obj, Mapping):
        raise RecipeError(f"{ctx.where}expected a mapping of recipe keys at the top level, got {_kind(obj)}")
    _check_keys(obj, TOP_KEYS, "", ctx)
    if "version" in obj and (type(obj["version"]) is not int or obj["version"] != 1):
        raise ctx.fail("version", f"only version 1 is supported, got {_show(obj['version'])}")
    if inputs_override:
        inputs = tuple(os.path.normpath(Path(os.path.expanduser(p)).absolute()) for p in inputs_override)
    elif "inputs" in obj:
        inputs = _inputs(obj["inputs"], "inputs", ctx)
    else:
        raise ctx.fail("inputs", f"missing: name the tagged corpora to mix (files, folders or globs), or set "
                                 f"{INPUTS_ENV}")
    if "shares" in obj and "multipliers" in obj:
        raise ctx.fail("multipliers", "give either 'shares' or 'multipliers', not both")
    shares = _shares(obj["shares"], "shares", ctx) if "shares" in obj else None
    multipliers = _multipliers(obj["multipliers"], "multipliers", ctx) if "multipliers" in obj else {}
    filters = _filters(obj.get("filters", {}), "filters", ctx)
    dedup = _dedup(obj.get("dedup"), "dedup", ctx)
    clusters = _clusters(obj.get("clusters"), "clusters", ctx)
    output = _output(obj.get("output", {}), "output", ctx)
    name = obj.get("name", Path(source).stem if source else "recipe")
    return Recipe(
        inputs=inputs,
        name=_string(name, "name", ctx),
        description=_string(obj.get("description", ""), "description", ctx, empty=True),
        text_key=_string(obj.get("text_key", "text"), "text_key", ctx),
        id_key=_string(obj.get("id_key", "id"), "id_key", ctx),
        skip_bad=_bool(obj.get("skip_bad", False), "skip_bad", ctx),
        budget=_budget(obj.get("budget_tokens", "max"), "budget_tokens", ctx),
        shares=shares,
        multipliers=multipliers,
        min_prob=filters["min_prob"],
        min_tokens=filters["min_tokens"],
        max_tokens=filters["max_tokens"],
        dedup=dedup,
        clusters=clusters,
        max_repeats=_int(obj.get("max_repeats", 1), "max_repeats", ctx, 1, 65535),
        tokenizer=_tokenizer(obj.get("tokenizer", "regex"), "tokenizer", ctx),
        seed=_int(obj.get("seed", 0), "seed", ctx, 0, 2**32 - 1),
        format=output["format"],
        shard_docs=output["shard_docs"],
        source=source,
        sha256=sha,
    )


def load_recipe(
    recipe: str | os.PathLike | Mapping[str, Any] | Recipe,
    *,
    inputs: Sequence[str | os.PathLike] | str | os.PathLike | None = None,
    budget: int | str | None = None,
) -> Recipe:
    """Read and validate a recipe (a YAML file or an already loaded mapping).

    Relative paths in a recipe file resolve against the file's folder; in a mapping, against the
    current directory. ``inputs``, when given, replaces the recipe's inputs; otherwise the
    environment variable ``CURATE_MIX_INPUTS`` (paths separated by ``os.pathsep``) does, if set.
    ``budget`` replaces ``budget_tokens`` (same forms: 1000000, "1M", "40%", "max").
    Raises :class:`RecipeError` (one line naming the key and value) and nothing else.
    """
    rec = _load(recipe, inputs)
    if budget is not None:
        from dataclasses import replace

        rec = replace(rec, budget=_budget(budget, "budget", _Ctx("", Path("."))))
    return rec


def _load(recipe: Any, inputs: Any) -> Recipe:
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    override = [os.fspath(p) for p in inputs] if inputs else None
    if not override and os.environ.get(INPUTS_ENV, "").strip():
        override = [p for p in os.environ[INPUTS_ENV].split(os.pathsep) if p.strip()]
    if isinstance(recipe, Recipe):
        if override:
            from dataclasses import replace

            return replace(recipe, inputs=tuple(os.path.normpath(Path(p).absolute()) for p in override))
        return recipe
    if isinstance(recipe, Mapping):
        try:
            canonical = orjson.dumps(recipe, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
        except (TypeError, orjson.JSONEncodeError):
            canonical = repr(recipe).encode()
        ctx = _Ctx("recipe: ", Path.cwd())
        return _parse(recipe, ctx, override, None, hashlib.sha256(canonical).hexdigest())
    if not isinstance(recipe, (str, os.PathLike)):
        raise RecipeError(f"recipe: expected a recipe file or a mapping of recipe keys, got {_kind(recipe)}")
    path = Path(recipe)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecipeError(f"{path}: no such recipe file") from None
    except (OSError, ValueError) as err:
        raise RecipeError(f"{path}: cannot read recipe ({getattr(err, 'strerror', None) or err})") from None
    ctx = _Ctx(f"{path.name}: ", path.absolute().parent)
    try:
        obj = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RecipeError(f"{path}: not valid YAML{where}: {problem}") from None
    if obj is None:
        raise RecipeError(f"{path}: empty recipe")
    return _parse(obj, ctx, override, str(path.absolute()), hashlib.sha256(raw).hexdigest())
