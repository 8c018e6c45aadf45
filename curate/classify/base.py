"""Shared interface, on-disk format and safe loading of curate classifiers.

A classifier is a directory::

    config.json    backend, label names, format version, hyper-parameters, encoder reference
    weights.npz    numeric arrays only (loaded with ``allow_pickle=False``)
    metrics.json   held-out metrics written by training (optional for loading)
    README.md      model card (optional for loading)

Nothing in a classifier directory is ever unpickled: files such as ``model.pkl`` or
``*.joblib`` are ignored (with a warning) and never opened.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar, Sequence

import numpy as np

from curate.classify.features import FEATURES_VERSION

try:  # the project-wide user-error base class, when present
    from curate.errors import CurateUserError as _UserErrorBase
except ImportError:  # pragma: no cover - standalone use
    _UserErrorBase = ValueError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"
METRICS_FILE = "metrics.json"
CARD_FILE = "README.md"
DEFAULT_LABELS = ("procedural", "factual", "other")
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".sav", ".dill")


class ClassifierError(_UserErrorBase):
    """A classifier directory that cannot be used; the message is one line naming what to fix."""


# --------------------------------------------------------------------------------------------
# numerics shared by the backends


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = np.asarray(scores, dtype=np.float64)
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


def linear_proba(scores: np.ndarray) -> np.ndarray:
    """Class probabilities from the decision scores of a linear model (binary or multinomial)."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim == 1 or scores.shape[1] == 1:
        s = scores.reshape(-1)
        return softmax(np.stack([np.zeros_like(s), s], axis=1))
    return softmax(scores)


def fit_logreg(X, y: np.ndarray, C: float, max_iter: int, class_weight: str | None, seed: int):
    """A multinomial logistic regression (lbfgs: deterministic) fitted on ``X``.

    A sparse ``X`` is fitted on its non-empty columns only: an empty column's weight stays zero
    under L2 regularisation, so the solution is the same, while the solver's memory and time
    no longer scale with the (hashed, mostly empty) width.
    """
    import warnings

    from scipy import sparse
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    used, width = None, X.shape[1]
    if sparse.issparse(X):
        X = sparse.csr_matrix(X)
        used = np.unique(X.indices)
        X = X[:, used]
    model = LogisticRegression(C=C, max_iter=max_iter, class_weight=class_weight, random_state=seed, tol=1e-4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    coef = np.asarray(model.coef_, dtype=np.float32)
    if used is not None:
        full = np.zeros((coef.shape[0], width), dtype=np.float32)
        full[:, used] = coef
        coef = full
    intercept = np.asarray(model.intercept_, dtype=np.float32)
    return coef, intercept


def encode_labels(labels: Sequence[str], classes: Sequence[str] | None) -> tuple[list[str], np.ndarray]:
    labels = [str(x) for x in labels]
    present = sorted(set(labels))
    if classes is None:
        order = [c for c in DEFAULT_LABELS if c in present] + [c for c in present if c not in DEFAULT_LABELS]
    else:
        order = [str(c) for c in classes]
        unknown = sorted(set(present) - set(order))
        if unknown:
            raise ClassifierError(f"labels {unknown} are not among the classes {order}")
    if len(set(present)) < 2:
        raise ClassifierError(f"training needs at least two distinct labels, got {present}")
    index = {c: i for i, c in enumerate(order)}
    return order, np.array([index[x] for x in labels], dtype=np.int64)


# --------------------------------------------------------------------------------------------
# the interface


class Classifier(ABC):
    """The small scikit-learn-like interface every backend shares."""

    backend: ClassVar[str] = ""
    defaults: ClassVar[dict[str, Any]] = {}  # every parameter a backend knows, with its default

    def __init__(self, **params: Any) -> None:
        """Store ``params`` over :attr:`defaults`, refusing unknown names and other feature versions."""
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            raise ClassifierError(
                f"unknown {self.backend}-backend parameters {unknown}; known: {sorted(self.defaults)}"
            )
        merged = {**self.defaults, **params}
        version = merged.get("features_version", FEATURES_VERSION)
        if version != FEATURES_VERSION:
            raise ClassifierError(
                f"classifier built with features_version {version}, "
                f"this curate computes version {FEATURES_VERSION}: retrain it"
            )
        self.params: dict[str, Any] = merged
        self.classes_: np.ndarray = np.array([], dtype=object)
        self.name: str = ""
        self.model_version: str = ""

    # -- to implement
    @abstractmethod
    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "Classifier": ...

    @abstractmethod
    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Linear decision scores, one row per text (one column for a binary model)."""

    @abstractmethod
    def _arrays(self) -> dict[str, np.ndarray]:
        """Every learned array, for ``weights.npz``."""

    @abstractmethod
    def _set_arrays(self, arrays: dict[str, np.ndarray], directory: Path) -> None:
        """Restore from ``weights.npz`` arrays (and config in ``self.params``)."""

    def _extra_config(self) -> dict[str, Any]:
        return {}

    # -- shared
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            self._check_fitted()
            return np.zeros((0, len(self.classes_)))
        return linear_proba(self.decision_function(texts))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        proba = self.predict_proba(texts)
        return self.classes_[proba.argmax(axis=1)] if len(proba) else np.array([], dtype=object)

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.classes_]

    @property
    def tag(self) -> str:
        """``name@version``: what tagged documents record as their classifier."""
        return f"{self.name or self.backend}@{self.model_version or 'unsaved'}"

    def _check_fitted(self) -> None:
        if len(self.classes_) == 0:
            raise ClassifierError(f"this {self.backend} classifier is not fitted yet; call fit() or load()")

    def save(self, directory: str | Path, name: str | None = None) -> Path:
        """Write ``config.json`` and ``weights.npz`` (never a pickle) into ``directory``."""
        self._check_fitted()
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        arrays = {k: np.ascontiguousarray(v) for k, v in self._arrays().items()}
        for key, value in arrays.items():
            if value.dtype == object:
                raise ClassifierError(f"array {key!r} has dtype object and cannot be saved without pickle")
        weights = out / WEIGHTS_FILE
        save_arrays(weights, arrays)
        self.model_version = file_sha256(weights)[:12]
        self.name = name or self.name or out.resolve().name
        import curate

        config = {
            "format": "curate-classifier",
            "format_version": FORMAT_VERSION,
            "backend": self.backend,
            "name": self.name,
            "model_version": self.model_version,
            "labels": self.labels,
            "params": self.params,
            "weights": {"file": WEIGHTS_FILE, "sha256": file_sha256(weights)},
            "curate_version": getattr(curate, "__version__", "unknown"),
            **self._extra_config(),
        }
        (out / CONFIG_FILE).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, directory: str | Path) -> "Classifier":
        clf = load_classifier(directory)
        if cls is not Classifier and not isinstance(clf, cls):
            raise ClassifierError(f"{directory} holds a {clf.backend!r} classifier, not a {cls.backend!r} one")
        return clf


# --------------------------------------------------------------------------------------------
# loading


def save_arrays(path: str | Path, arrays: dict[str, np.ndarray]) -> None:
    """A compressed ``.npz`` with fixed zip timestamps: the same arrays always give the same bytes."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with zf.open(info, "w", force_zip64=True) as f:
                np.lib.format.write_array(f, np.ascontiguousarray(arrays[key]), allow_pickle=False)
    tmp.replace(path)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _backends() -> dict[str, type[Classifier]]:
    from curate.classify.embed import EmbedClassifier
    from curate.classify.fast import FastClassifier

    return {"fast": FastClassifier, "embed": EmbedClassifier}


BACKENDS = ("fast", "embed")


def read_config(directory: str | Path) -> dict[str, Any]:
    """Read and validate ``config.json`` of a classifier directory (no weights are touched)."""
    d = Path(directory)
    if not d.is_dir():
        raise ClassifierError(f"classifier directory not found: {d}")
    cfg_path = d / CONFIG_FILE
    if not cfg_path.is_file():
        raise ClassifierError(f"{cfg_path} is missing: not a curate classifier directory")
    try:
        config = json.loads(cfg_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClassifierError(f"{cfg_path} is not valid JSON: {exc}") from None
    if not isinstance(config, dict) or config.get("format") != "curate-classifier":
        raise ClassifierError(f"{cfg_path} is not a curate classifier config (no \"format\": \"curate-classifier\")")
    version = config.get("format_version")
    if version != FORMAT_VERSION:
        raise ClassifierError(
            f"{cfg_path} has format_version {version!r}; this curate reads version {FORMAT_VERSION}: retrain it"
        )
    backend = config.get("backend")
    if backend not in BACKENDS:
        raise ClassifierError(f"{cfg_path} names unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
    labels = config.get("labels")
    if not isinstance(labels, list) or len(labels) < 2 or not all(isinstance(x, str) for x in labels):
        raise ClassifierError(f"{cfg_path} has no valid \"labels\" list")
    features = (config.get("params") or {}).get("features_version", FEATURES_VERSION)
    if features != FEATURES_VERSION:
        raise ClassifierError(
            f"{cfg_path} was trained on features_version {features}; this curate computes version "
            f"{FEATURES_VERSION}: retrain it"
        )
    return config


def check_classifier(directory: str | Path) -> tuple[dict[str, Any], Path]:
    """The config and weights path of a usable classifier directory, checked without loading weights.

    Catches what would otherwise fail only once a pipeline runs: a bad config, another format
    or features version, missing or changed weights.
    """
    d = Path(directory)
    config = read_config(d)
    weights = config.get("weights") or {}
    wfile = weights.get("file", WEIGHTS_FILE)
    if not isinstance(wfile, str) or Path(wfile).name != wfile or not wfile.endswith(".npz"):
        raise ClassifierError(f"{d / CONFIG_FILE} names weights file {wfile!r}; expected a plain .npz file name")
    path = d / wfile
    if not path.is_file():
        raise ClassifierError(f"weights file {path} is missing")
    if weights.get("sha256") and file_sha256(path) != weights["sha256"]:
        raise ClassifierError(f"{path} does not match the sha256 recorded in config.json (file changed?)")
    return config, path


def _warn_pickles(d: Path) -> None:
    for p in sorted(d.iterdir()):
        if p.suffix.lower() in PICKLE_SUFFIXES:
            logger.warning("ignoring %s: curate never loads pickled files", p)


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    """Numeric arrays of an ``.npz`` file, never unpickling anything."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            if not hasattr(npz, "files"):
                raise ClassifierError(f"{path} is a bare array, not an .npz archive of weights")
            return {k: npz[k] for k in npz.files}
    except ClassifierError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
        msg = re.sub(r"\s+", " ", str(exc)).strip()
        raise ClassifierError(f"{path} cannot be read as safe numeric weights: {msg}") from None


def load_classifier(directory: str | Path) -> Classifier:
    """Load a classifier directory written by :meth:`Classifier.save` (raises :class:`ClassifierError`)."""
    d = Path(directory)
    config, weights = check_classifier(d)
    _warn_pickles(d)
    arrays = load_arrays(weights)
    cls = _backends()[config["backend"]]
    clf = cls(**(config.get("params") or {}))
    clf.classes_ = np.array(config["labels"], dtype=object)
    clf.name = str(config.get("name") or d.resolve().name)
    clf.model_version = str(config.get("model_version") or "")
    clf._config = config
    try:
        clf._set_arrays(arrays, d)
    except ClassifierError:
        raise
    except (KeyError, ValueError) as exc:
        raise ClassifierError(f"{weights} does not fit its config ({type(exc).__name__}: {exc})") from None
    return clf
