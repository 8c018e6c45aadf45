"""How influence is estimated: the ``ekfac`` reference and the ``fast`` estimator.

Both backends score the same quantity (:mod:`curate.influence.task`) with EK-FAC
preconditioning; they differ in where the factors come from and how the document pass runs.

``ekfac`` (the paper's method, the reference)
    kronfluence end to end: covariance matrices, eigendecomposition and eigenvalue
    correction (the three EK-FAC fits) on *every* document being scored, then kronfluence's
    ``compute_pairwise_scores`` (per-query preconditioned gradients, dotted with every
    document's gradient). Per document that is three forward/backward passes (true-Fisher
    covariance, eigenvalue correction, pairwise), plus the query gradients once per call.

``fast``
    * EK-FAC factors fitted with kronfluence on a fixed-size sample of the corpus
      (``fit_docs``, 256 by default, drawn with ``seed``) and reused for every document:
      the two factor passes cost a constant instead of two passes per document;
    * the query gradients are computed and preconditioned **once** (kronfluence's own EK-FAC
      ``precondition_gradient``, same damping), saved beside the factors and loaded by every
      worker and shard;
    * one lean forward/backward per document (hooks on the tracked layers capture inputs and
      output gradients; the backward starts at the first tracked layer, and from the logits'
      gradient formed directly, ``softmax - onehot``), per-document gradients
      formed per layer and multiplied with all preconditioned query gradients in one GEMM;
    * the pass runs in bfloat16 where the hardware multiplies bf16 natively
      (``compute_dtype="auto"``; ``"float32"`` everywhere else or on request): the model's
      matmuls under autocast, and the per-document gradients and their products with the
      preconditioned query gradients in bf16 (accumulated in float32, summed over layers in
      float32). On CPUs attention stays float32 (:func:`float32_attention`): the CPU
      flash-attention kernel is slower in bf16 than in float32.
    In float32 and given the same factors it computes exactly kronfluence's pairwise scores
    (tested), so its approximations are fitting the Fisher on a sample instead of on all
    documents, and bf16 rounding in the pass (``bench/influence.py`` measures both against
    ``ekfac``; bf16 moves the median Spearman against float32 ``fast`` by 0.0002).

    Cost: one forward/backward per document where ``ekfac`` needs three (covariance,
    eigenvalue correction, pairwise). In float32 the per-document gradient and query products
    (inside the backward) are ~80% of that pass, which held the gain at ~3x on 2 CPU cores;
    bf16 cuts those products to about a third and the model's matmuls to about half. Lighter
    settings trade agreement for speed:
    ``score_length`` (score each document's first N tokens) and a smaller ``modules`` set
    (e.g. ``["model.layers.[123].mlp.*"]``: the backward stops above layer 0);
    ``bench/influence.py --frontier`` measures that trade-off.

Both backends sort each call's documents by length before batching (less padding; the
scores do not depend on the batching).

Identity-Hessian gradient dot products (no preconditioning) agree poorly with EK-FAC and are
deliberately not offered.

Both return *raw* scores ``[n_docs, n_queries]``; dividing by the query loss is done by
:func:`normalize_scores` (see there for why).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import math
import os
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import numpy as np
import torch
from kronfluence.analyzer import Analyzer, prepare_model
from kronfluence.arguments import FactorArguments, ScoreArguments
from kronfluence.factor.config import FactorConfig
from kronfluence.factor.eigen import load_eigendecomposition, load_lambda_matrices
from kronfluence.utils.constants import NUM_LAMBDA_PROCESSED
from kronfluence.utils.dataset import DataLoaderKwargs
from safetensors import safe_open
from safetensors.torch import load_file, save_file
from torch import nn

from curate.influence.task import (
    Collator,
    ExampleDataset,
    LanguageModelTask,
    document_example,
    encode_documents,
    query_example,
    query_losses,
    tracked_modules,
)

ANALYSIS = "kronfluence"  # kronfluence's analysis folder under a factors dir
FACTORS_DONE = "factors_done.json"
FACTORS_NAME = "ekfac"  # kronfluence factors name (the strategy; both backends fit the same kind)
QUERY_GRADIENTS = "query_gradients.safetensors"  # fast: preconditioned query gradients, beside the factors
Advance = Callable[[int], None]  # progress callback: called with the number of documents just processed


COMPUTE_DTYPES = ("auto", "float32", "bfloat16")


def native_bf16() -> bool:
    """Whether this machine multiplies bfloat16 matrices natively: a CUDA GPU with bf16, or a CPU
    with AVX512-BF16 / AMX (elsewhere bf16 matmuls are emulated and slower than float32)."""
    if torch.cuda.is_available():
        return torch.cuda.is_bf16_supported()
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(f in flags for f in (" avx512_bf16", " amx_bf16"))


@dataclass(frozen=True)
class InfluenceSettings:
    """Everything that changes scores or cost, kept as plain data (saved in ``meta.json``)."""

    modules: str | tuple[str, ...] = "mlp"  # tracked layers, see task.tracked_modules
    max_length: int = 256  # documents are cut to this many tokens (bos ... eos)
    batch_size: int = 8  # documents per batch (factor fits and scoring)
    query_batch_size: int = 32  # queries per batch for query gradients
    damping: float | None = None  # None: 0.1 x mean corrected eigenvalue (kronfluence's heuristic)
    fit_docs: int | None = None  # documents the factors are fitted on; None: all scored documents
    score_length: int | None = None  # fast only: score the first N tokens of each document (None: max_length)
    sort_by_length: bool = True  # batch documents of similar length together (same scores, less padding)
    seed: int = 0  # label sampling for the true Fisher, and the fit sample
    eigendecomposition_dtype: str = "float64"
    # fast only: dtype of the document pass (the model's matmuls, the per-document gradients and
    # their products with the preconditioned query gradients; sums in float32); "auto" is
    # bfloat16 where matmuls have it natively
    compute_dtype: str = "float32"

    def __post_init__(self) -> None:
        if self.compute_dtype not in COMPUTE_DTYPES:
            raise ValueError(f"compute_dtype must be one of {COMPUTE_DTYPES}, got {self.compute_dtype!r}")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["modules"] = self.modules if isinstance(self.modules, str) else list(self.modules)
        return d


@dataclass
class Timings:
    """Seconds per phase and the documents each phase processed."""

    seconds: dict[str, float] = field(default_factory=dict)  # wall clock
    docs: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # process CPU time (all threads)

    def add(self, phase: str, seconds: float, docs: int = 0, cpu: float = 0.0) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds
        self.docs[phase] = self.docs.get(phase, 0) + docs
        self.cpu[phase] = self.cpu.get(phase, 0.0) + cpu

    @contextlib.contextmanager
    def phase(self, name: str, docs: int = 0):
        """Time a block as phase ``name`` (wall and CPU seconds)."""
        w, c = time.perf_counter(), time.process_time()
        yield
        self.add(name, time.perf_counter() - w, docs, time.process_time() - c)

    def merge(self, other: "Timings | dict") -> None:
        other = other if isinstance(other, Timings) else Timings(**other)
        for k, v in other.seconds.items():
            self.add(k, v, other.docs.get(k, 0), other.cpu.get(k, 0.0))

    def to_dict(self) -> dict:
        return {"seconds": dict(self.seconds), "docs": dict(self.docs), "cpu": dict(self.cpu)}


# ------------------------------------------------------------------------------- helpers


@contextlib.contextmanager
def deterministic(seed: int = 0):
    """Seeded, deterministic kernels for the duration (bitwise repeatable for a fixed thread count)."""
    before = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        with torch.random.fork_rng(devices=[]), warnings.catch_warnings():  # the caller's RNG is left alone
            torch.manual_seed(seed)
            # kronfluence builds a (disabled) torch.cuda.amp.GradScaler, deprecated in recent torch
            warnings.filterwarnings("ignore", message=".*GradScaler.*", category=FutureWarning)
            yield
    finally:
        torch.use_deterministic_algorithms(before)


def _device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


class _Tap(torch.utils.data.Dataset):
    """A dataset that reports progress as kronfluence's DataLoader reads it."""

    def __init__(self, base: torch.utils.data.Dataset, advance: Advance | None) -> None:
        self.base, self.advance = base, advance

    def __len__(self) -> int:
        return len(self.base)

    def __getitem__(self, i: int):
        if self.advance is not None:
            self.advance(1)
        return self.base[i]


def _length_order(examples: Sequence[dict], enabled: bool) -> list[int]:
    """Positions sorted by length, longest first (stable), or the identity."""
    if not enabled:
        return list(range(len(examples)))
    return sorted(range(len(examples)), key=lambda i: -len(examples[i]["input_ids"]))


def sample_indices(n_docs: int, k: int | None, seed: int) -> list[int]:
    """The documents the factors are fitted on: all, or ``k`` drawn without replacement (sorted)."""
    if k is None or k >= n_docs:
        return list(range(n_docs))
    rng = np.random.default_rng([seed, 0x5EED])
    return sorted(int(i) for i in rng.choice(n_docs, size=k, replace=False))


def normalize_scores(raw: np.ndarray, query_loss: Sequence[float]) -> np.ndarray:
    """Influence per nat of query information: each column divided by the query's summed completion loss.

    Ruis et al. (2024) compare influence across queries after dividing by the query's
    information content (its completion NLL): a query the model already predicts well has a
    small gradient and small scores everywhere, which would otherwise make its documents look
    unimportant next to a hard query's. Rankings within a query (top-k, Spearman) are unchanged.
    """
    loss = np.asarray(query_loss, dtype=np.float64)
    return (raw / np.maximum(loss, 1e-6)[None, :]).astype(np.float32)


def _factor_args(s: InfluenceSettings) -> FactorArguments:
    return FactorArguments(
        strategy="ekfac",
        use_empirical_fisher=False,  # true Fisher: targets sampled from the model (Grosse et al.)
        covariance_max_examples=None,
        lambda_max_examples=None,
        eigendecomposition_dtype=getattr(torch, s.eigendecomposition_dtype),
    )


# ------------------------------------------------------------------------------- backends


class Backend:
    """Common interface: fit factors once, then score any number of document batches.

    * :meth:`fit_indices` - which of ``n`` documents the factors must be fitted on;
    * :meth:`fit` - fit and save the EK-FAC factors in ``factors_dir``;
    * :meth:`prepare_queries` - whatever is computed once per query suite (``fast``: the
      preconditioned query gradients);
    * :meth:`score_texts` - raw scores ``[n_docs, n_queries]`` (float32) with saved factors
      (:meth:`encode` then :meth:`score_encoded`);
    * :meth:`score` - both, in a temporary folder, then normalised: the one-call API.
    """

    name = "base"
    defaults: dict = {}

    def __init__(self, settings: InfluenceSettings | None = None, **overrides) -> None:
        base = replace(InfluenceSettings(), **self.defaults)
        if settings is not None:
            base = settings
        if isinstance(overrides.get("modules"), list):
            overrides["modules"] = tuple(overrides["modules"])
        settings = replace(base, **overrides) if overrides else base
        if settings.compute_dtype == "auto":  # resolved here, so plans and meta.json name the dtype used
            settings = replace(settings, compute_dtype="bfloat16" if native_bf16() else "float32")
        self.settings = settings
        self.timings = Timings()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings})"

    # -- factors --------------------------------------------------------------------------

    def fit_indices(self, n_docs: int) -> list[int]:
        return sample_indices(n_docs, self.settings.fit_docs, self.settings.seed)

    def _task_and_model(self, model: nn.Module) -> tuple[LanguageModelTask, nn.Module]:
        names = tracked_modules(model, self.settings.modules)
        task = LanguageModelTask(names, seed=self.settings.seed)
        prepared = prepare_model(copy.deepcopy(model), task)
        return task, prepared

    def _analyzer(self, model: nn.Module, factors_dir: Path) -> tuple[Analyzer, LanguageModelTask]:
        task, prepared = self._task_and_model(model)
        analyzer = Analyzer(
            analysis_name=ANALYSIS, model=prepared, task=task, cpu=_device(model).type == "cpu",
            disable_tqdm=True, output_dir=str(factors_dir), log_level=logging.WARNING,
        )
        return analyzer, task

    def factors_ready(self, factors_dir: str | Path) -> bool:
        done = Path(factors_dir) / FACTORS_DONE
        return done.exists() and json.loads(done.read_text()).get("settings") == self._factor_key()

    def _factor_key(self) -> dict:
        s = self.settings
        return {"modules": s.to_dict()["modules"], "max_length": s.max_length, "seed": s.seed,
                "eigendecomposition_dtype": s.eigendecomposition_dtype}

    def fit(self, model: nn.Module, tokenizer, texts: Sequence[str], factors_dir: str | Path,
            *, advance: Advance | None = None, n_docs_total: int | None = None) -> Timings:
        """Fit EK-FAC factors on ``texts`` (covariance, eigendecomposition, eigenvalue correction).

        ``advance`` is called once per document and pass (two passes). The factors land in
        ``factors_dir`` with a ``factors_done.json`` marker; a folder already holding factors
        for the same settings is reused.
        """
        factors_dir = Path(factors_dir)
        t = Timings()
        if self.factors_ready(factors_dir):
            return t
        s = self.settings
        examples = [document_example(ids) for ids in encode_documents(tokenizer, texts, s.max_length)]
        order = _length_order(examples, s.sort_by_length)
        dataset = ExampleDataset([examples[i] for i in order])
        analyzer, task = self._analyzer(model, factors_dir)
        loader = DataLoaderKwargs(collate_fn=Collator(tokenizer.pad_token_id))
        args = _factor_args(s)
        common = dict(factors_name=FACTORS_NAME, per_device_batch_size=s.batch_size, dataloader_kwargs=loader,
                      factor_args=args, overwrite_output_dir=True)
        with deterministic(s.seed):
            task.reseed()
            with t.phase("covariance", len(dataset)):
                analyzer.fit_covariance_matrices(dataset=_Tap(dataset, advance), **common)
            with t.phase("eigendecomposition"):
                analyzer.perform_eigendecomposition(factors_name=FACTORS_NAME, factor_args=args,
                                                    overwrite_output_dir=True)
            task.reseed(s.seed + 1)
            with t.phase("eigen_correction", len(dataset)):
                analyzer.fit_lambda_matrices(dataset=_Tap(dataset, advance), **common)
        done = {"settings": self._factor_key(), "backend": self.name, "fit_docs": len(texts),
                "n_docs_total": n_docs_total, "timings": t.to_dict()}
        tmp = factors_dir / (FACTORS_DONE + ".tmp")
        tmp.write_text(json.dumps(done, indent=1))
        os.replace(tmp, factors_dir / FACTORS_DONE)
        self.timings.merge(t)
        return t

    def kronfluence_factors_dir(self, factors_dir: str | Path) -> Path:
        return Path(factors_dir) / ANALYSIS / f"factors_{FACTORS_NAME}"

    # -- scoring --------------------------------------------------------------------------

    def queries_ready(self, factors_dir: str | Path, queries: Sequence[dict]) -> bool:
        """Whether :meth:`prepare_queries` has nothing left to compute for these queries."""
        return True

    def prepare_queries(self, model: nn.Module, tokenizer, queries: Sequence[dict], factors_dir: str | Path) -> Timings:
        """Per-backend work on the queries, done before any documents (default: nothing)."""
        return Timings()

    @property
    def loss_length(self) -> int:
        """The most tokens of a document its scored loss sums over (``max_length``)."""
        return self.settings.max_length

    def encode(self, tokenizer, texts: Sequence[str]) -> list[list[int]]:
        """Each document's tokens as scored: its loss sums over them (``len`` is its ``doc_tokens``)."""
        return encode_documents(tokenizer, texts, self.loss_length)

    def score_texts(self, model: nn.Module, tokenizer, texts: Sequence[str], queries: Sequence[dict],
                    factors_dir: str | Path, *, advance: Advance | None = None) -> np.ndarray:
        """Raw scores ``[n_docs, n_queries]`` (float32) of ``texts``, with the factors in ``factors_dir``."""
        return self.score_encoded(model, tokenizer, self.encode(tokenizer, texts), queries, factors_dir,
                                  advance=advance)

    def score_encoded(self, model: nn.Module, tokenizer, ids: Sequence[list[int]], queries: Sequence[dict],
                      factors_dir: str | Path, *, advance: Advance | None = None) -> np.ndarray:
        """:meth:`score_texts` of documents already encoded (:meth:`encode`)."""
        raise NotImplementedError

    def score(self, model: nn.Module, tokenizer, docs: Sequence[tuple[str, str]] | Sequence[str],
              queries: Sequence[dict], *, factors_dir: str | Path | None = None,
              normalize: bool = True) -> np.ndarray:
        """Fit factors (on the documents, or a sample of them) and score: ``[n_docs, n_queries]`` float32.

        ``docs`` are ``(id, text)`` pairs or texts. Scores are divided by each query's summed
        completion loss unless ``normalize=False`` (see :func:`normalize_scores`).
        """
        import tempfile

        texts = [d if isinstance(d, str) else d[1] for d in docs]
        with contextlib.ExitStack() as stack:
            if factors_dir is None:
                factors_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="curate-influence-"))
            fit = self.fit_indices(len(texts))
            self.fit(model, tokenizer, [texts[i] for i in fit], factors_dir, n_docs_total=len(texts))
            self.prepare_queries(model, tokenizer, queries, factors_dir)
            raw = self.score_texts(model, tokenizer, texts, queries, factors_dir)
        if not normalize:
            return raw
        return normalize_scores(raw, query_losses(model, tokenizer, queries))


class EkfacBackend(Backend):
    """The paper's method, through kronfluence's public API (``compute_pairwise_scores``)."""

    name = "ekfac"
    defaults = {"fit_docs": None, "batch_size": 32, "query_batch_size": 32}

    def score_encoded(self, model, tokenizer, ids, queries, factors_dir, *, advance=None) -> np.ndarray:
        s = self.settings
        factors_dir = Path(factors_dir)
        examples = [document_example(x) for x in ids]
        order = _length_order(examples, s.sort_by_length)
        train = ExampleDataset([examples[i] for i in order])
        query_set = ExampleDataset([query_example(tokenizer, q) for q in queries])
        qbs = min(s.query_batch_size, len(query_set))
        score_args = ScoreArguments(
            damping_factor=s.damping,
            # all query gradients are kept, so the documents are read once
            query_gradient_accumulation_steps=math.ceil(len(query_set) / qbs),
        )
        analyzer, _ = self._analyzer(model, factors_dir)
        name = f"pairwise-{os.getpid()}"
        with deterministic(s.seed), self.timings.phase("pairwise", len(ids)):
            analyzer.compute_pairwise_scores(
                scores_name=name, factors_name=FACTORS_NAME, query_dataset=query_set,
                train_dataset=_Tap(train, advance), per_device_query_batch_size=qbs,
                per_device_train_batch_size=s.batch_size,
                dataloader_kwargs=DataLoaderKwargs(collate_fn=Collator(tokenizer.pad_token_id)),
                score_args=score_args, overwrite_output_dir=True,
            )
            scores = analyzer.load_pairwise_scores(scores_name=name)
        _rmtree(analyzer.scores_output_dir(name))
        sorted_scores = scores["all_modules"].T.float().numpy()  # [n_docs (sorted), n_queries]
        out = np.empty_like(sorted_scores)
        out[np.asarray(order)] = sorted_scores
        return out.astype(np.float32)


class FastBackend(Backend):
    """EK-FAC factors from a sample, queries preconditioned once, one lean pass per document."""

    name = "fast"
    defaults = {"fit_docs": 256, "batch_size": 32, "query_batch_size": 32, "compute_dtype": "auto"}

    def __init__(self, settings: InfluenceSettings | None = None, **overrides) -> None:
        super().__init__(settings, **overrides)
        self._queries_key: tuple | None = None
        self._precond: dict[str, torch.Tensor] = {}  # module name -> [n_queries, out*in]

    def _queries_digest(self, queries: Sequence[dict]) -> str:
        """What the preconditioned query gradients depend on besides the model and its factors."""
        s = self.settings
        key = {"queries": [[q.get("id", i), q["prompt"], q["completion"]] for i, q in enumerate(queries)],
               "modules": s.to_dict()["modules"], "damping": s.damping, "dtype": s.compute_dtype}
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]

    def queries_ready(self, factors_dir: str | Path, queries: Sequence[dict]) -> bool:
        path = Path(factors_dir) / QUERY_GRADIENTS
        if not path.is_file():
            return False
        with safe_open(str(path), framework="pt") as f:
            return (f.metadata() or {}).get("queries") == self._queries_digest(queries)

    def prepare_queries(self, model, tokenizer, queries, factors_dir) -> Timings:
        """Every query's preconditioned gradient, computed once per factors folder.

        They are kept in memory for all batches and saved next to the factors
        (``query_gradients.safetensors``), so the workers of a run, and a resumed run, load
        them instead of computing them again. Only computing them is timed (phase ``queries``).
        """
        digest = self._queries_digest(queries)
        key = (id(model), str(factors_dir), digest)
        t = Timings()
        if key == self._queries_key:
            return t
        path = Path(factors_dir) / QUERY_GRADIENTS
        if self.queries_ready(factors_dir, queries):
            precond = load_file(str(path), device=str(_device(model)))
            self._precond = {n: precond[n] for n in tracked_modules(model, self.settings.modules)}
        else:
            with deterministic(self.settings.seed), t.phase("queries"):
                self._precond = preconditioned_query_gradients(
                    model, tokenizer, queries, self.kronfluence_factors_dir(factors_dir),
                    tracked_modules(model, self.settings.modules), damping=self.settings.damping,
                    batch_size=self.settings.query_batch_size, dtype=getattr(torch, self.settings.compute_dtype),
                )
            tmp = path.with_name(f".tmp.{os.getpid()}.{path.name}")  # workers may race: each writes its own
            save_file(self._precond, str(tmp), metadata={"queries": digest})
            os.replace(tmp, path)
        self._queries_key = key
        self.timings.merge(t)
        return t

    @property
    def loss_length(self) -> int:
        """``score_length`` where set: the pass scores each document's first tokens only."""
        return self.settings.score_length or self.settings.max_length

    def score_encoded(self, model, tokenizer, ids, queries, factors_dir, *, advance=None) -> np.ndarray:
        self.prepare_queries(model, tokenizer, queries, factors_dir)
        s = self.settings
        with deterministic(s.seed), self.timings.phase("pairwise", len(ids)):
            examples = [document_example(x) for x in ids]
            out = pairwise_scores(model, tokenizer.pad_token_id, examples, self._precond,
                                  batch_size=s.batch_size, sort_by_length=s.sort_by_length, advance=advance)
        return out


BACKENDS: dict[str, type[Backend]] = {"ekfac": EkfacBackend, "fast": FastBackend}


def get_backend(backend: str | Backend = "fast", **overrides) -> Backend:
    """A backend by name (``"fast"`` or ``"ekfac"``) with settings overridden, or the one given."""
    if isinstance(backend, Backend):
        return backend
    if backend not in BACKENDS:
        raise ValueError(f"unknown influence backend {backend!r}; choose from {sorted(BACKENDS)}")
    known = {f.name for f in fields(InfluenceSettings)} | {"settings"}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"unknown influence settings {unknown}; known: {sorted(known - {'settings'})}")
    return BACKENDS[backend](**overrides)


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------- the fast backend's kernels


def load_ekfac(kfac_dir: Path, names: Sequence[str], damping: float | None, device: torch.device) -> dict[str, dict]:
    """kronfluence's EK-FAC factors per module, prepared for preconditioning exactly as kronfluence does."""
    eigen = load_eigendecomposition(output_dir=kfac_dir)
    lam = load_lambda_matrices(output_dir=kfac_dir)
    ekfac = FactorConfig.CONFIGS["ekfac"]
    args = ScoreArguments(damping_factor=damping)
    out = {}
    for name in names:
        storage = {k: v[name] for k, v in eigen.items()}
        storage.update({k: v[name] for k, v in lam.items()})
        ekfac.prepare(storage=storage, score_args=args, device=device)
        storage.pop(NUM_LAMBDA_PROCESSED, None)
        out[name] = storage
    return out


def preconditioned_query_gradients(
    model: nn.Module, tokenizer, queries: Sequence[dict], kfac_dir: Path, names: Sequence[str],
    *, damping: float | None = None, batch_size: int = 32, dtype: torch.dtype = torch.float32,
) -> dict[str, torch.Tensor]:
    """``(G + damping)^-1 grad f_q`` for every query and tracked module: ``{name: [n_queries, out * in]}``
    (preconditioned in float32, stored in ``dtype``)."""
    device = _device(model)
    factors = load_ekfac(kfac_dir, names, damping, device)
    ekfac = FactorConfig.CONFIGS["ekfac"]
    collate = Collator(tokenizer.pad_token_id)
    task = LanguageModelTask(names)
    mods = dict(model.named_modules())
    out = {n: torch.empty((len(queries), mods[n].weight.numel()), dtype=dtype, device=device) for n in names}
    with _Capture(model, names) as cap:
        for i in range(0, len(queries), batch_size):
            batch = collate([query_example(tokenizer, q) for q in queries[i : i + batch_size]])
            batch = {k: v.to(device) for k, v in batch.items()}
            cap.reset()
            task.compute_measurement(batch, model).backward()
            for n in names:
                g = cap.per_example_gradients(n)  # [b, out, in]
                p = ekfac.precondition_gradient(gradient=g, storage=factors[n])
                out[n][i : i + p.size(0)] = p.reshape(p.size(0), -1)
    return out


class _Capture:
    """Forward/backward hooks on tracked ``nn.Linear`` layers: their inputs and output gradients.

    Parameters stay frozen; the first tracked layer's output is made a leaf that requires
    grad, so the backward pass starts there (nothing below it is differentiated).
    """

    def __init__(self, model: nn.Module, names: Sequence[str]) -> None:
        self.model, self.names = model, list(names)
        mods = dict(model.named_modules())
        self.modules = {n: mods[n] for n in self.names}
        self.inputs: dict[str, torch.Tensor] = {}
        self.grads: dict[str, torch.Tensor] = {}
        self.handles: list = []
        self.on_gradient: Callable[[str, torch.Tensor, torch.Tensor], None] | None = None

    def __enter__(self) -> "_Capture":
        self.flags = {p: p.requires_grad for p in self.model.parameters()}
        for p in self.model.parameters():
            p.requires_grad_(False)
        self.was_training = self.model.training
        self.model.eval()
        for n, m in self.modules.items():
            self.handles.append(m.register_forward_hook(self._forward_hook(n)))
        return self

    def __exit__(self, *exc) -> None:
        for h in self.handles:
            h.remove()
        for p, flag in self.flags.items():
            p.requires_grad_(flag)
        self.model.train(self.was_training)
        self.reset()

    def reset(self) -> None:
        self.inputs.clear()
        self.grads.clear()

    def _forward_hook(self, name: str):
        def hook(module, inputs, output):
            if not torch.is_grad_enabled():
                return None
            self.inputs[name] = inputs[0].detach()
            if not output.requires_grad:
                output = output.detach().requires_grad_(True)

            def grad_hook(g: torch.Tensor) -> None:
                if self.on_gradient is not None:
                    self.on_gradient(name, self.inputs.pop(name), g.detach())
                else:
                    self.grads[name] = g.detach()

            output.register_hook(grad_hook)
            return output

        return hook

    def per_example_gradients(self, name: str) -> torch.Tensor:
        """``[batch, out, in]``: each example's gradient of the weight (summed over its tokens)."""
        return torch.einsum("bto,bti->boi", self.grads[name], self.inputs[name])


FLOAT32_SDPA = "curate_sdpa_float32"


def _sdpa_float32(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, *args, **kwargs):
    """transformers' SDPA attention with autocast off and float32 inputs; returns the input dtype."""
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    with torch.autocast(device_type=query.device.type, enabled=False):
        out, weights = sdpa_attention_forward(module, query.float(), key.float(), value.float(), *args, **kwargs)
    return out.to(query.dtype), weights


@contextlib.contextmanager
def float32_attention(model: nn.Module):
    """Run a transformers model's SDPA attention in float32 for the duration (on CPU only).

    Under bf16 autocast, attention would run in bf16 too, and PyTorch's CPU flash-attention
    kernel is slower in bf16 than in float32 (about 54 against 45 ms forward and backward for
    32 x 4 heads x 256 tokens x 32 on 2 cores). On GPUs bf16 attention is the fast one, and
    models that do not use transformers' SDPA attention are left as they are.
    """
    config = getattr(model, "config", None)
    before = getattr(config, "_attn_implementation", None)
    if before != "sdpa" or _device(model).type != "cpu":
        yield
        return
    from transformers import AttentionInterface

    AttentionInterface.register(FLOAT32_SDPA, _sdpa_float32)
    model.set_attn_implementation(FLOAT32_SDPA)
    try:
        yield
    finally:
        model.set_attn_implementation(before)


@contextlib.contextmanager
def compute_in(model: nn.Module, dtype: torch.dtype):
    """The fast pass's precision: float32 as is, or bf16 autocast with float32 attention on CPU."""
    if dtype == torch.float32:
        yield
        return
    with float32_attention(model), torch.autocast(device_type=_device(model).type, dtype=dtype):
        yield


# The fast pass pads each batch to a multiple of this many tokens. Its bf16 matmuls run through
# oneDNN, which compiles and caches kernels per shape: with every batch width possible, a long run
# kept meeting new shapes (compiling, and growing memory by ~150 MB per 500 documents), and its pass
# slowed from ~16 to ~20 ms per document over a few thousand documents (1 thread). With widths in
# steps of 16 (~4% more tokens) memory stays flat and the pass stays at its early speed.
PAD_MULTIPLE = 16


def pairwise_scores(
    model: nn.Module, pad_id: int, examples: Sequence[dict], precond: dict[str, torch.Tensor],
    *, batch_size: int = 32, sort_by_length: bool = True, advance: Advance | None = None,
) -> np.ndarray:
    """``[n_docs, n_queries]``: each document's loss gradient dotted with the preconditioned query gradients.

    Per batch and layer: per-document gradients ``[b, out*in]`` (one batched matmul over tokens)
    times ``precond[layer].T`` (one GEMM), summed over layers in float32, as soon as the layer's
    output gradient arrives in the backward pass (so at most one layer's gradients are alive).
    The pass runs in ``precond``'s dtype (:func:`compute_in`): in bfloat16 the two matmuls take
    about a third of the float32 time on CPUs with AVX512-BF16, the model's own about half.
    """
    device = _device(model)
    names = list(precond)
    n_queries = next(iter(precond.values())).size(0)
    collate = Collator(pad_id, multiple=PAD_MULTIPLE)
    task = LanguageModelTask(names)
    order = _length_order(examples, sort_by_length)
    out = torch.zeros((len(examples), n_queries), dtype=torch.float32)
    dtype = next(iter(precond.values())).dtype
    with _Capture(model, names) as cap, compute_in(model, dtype):
        acc: dict[str, torch.Tensor] = {}

        def on_gradient(name: str, a: torch.Tensor, g: torch.Tensor) -> None:
            p = precond[name]
            per_doc = torch.bmm(g.transpose(1, 2).to(p.dtype), a.to(p.dtype)).reshape(a.size(0), -1)  # [b, out*in]
            s = (per_doc @ p.T).float()
            acc["s"] = s if "s" not in acc else acc["s"] + s

        cap.on_gradient = on_gradient
        for i in range(0, len(order), batch_size):
            rows = order[i : i + batch_size]
            batch = collate([examples[j] for j in rows])
            batch = {k: v.to(device) for k, v in batch.items()}
            acc.clear()
            cap.reset()
            task.backward_train_loss(batch, model)
            out[torch.as_tensor(rows)] = acc["s"].float().cpu()
            if advance is not None:
                advance(len(rows))
    return out.numpy()
