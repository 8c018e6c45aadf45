"""``fast`` backend: hashed word n-grams, style rates and (optionally) hashed shape n-grams into a linear model.

Every feature is a fixed function of the text (hashing needs no vocabulary), so ``config.json``
fully describes the vectorizers; ``weights.npz`` holds the non-zero weight columns (sparse),
the intercept and the standardisation of the dense style block. One word tokenization of a
batch (:class:`~curate.classify.features.WordBatch`) feeds both the word n-grams and the style
rates, and n-grams are hashed with numpy over the whole batch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from curate.classify.base import Classifier, ClassifierError, encode_labels, fit_logreg
from curate.classify.features import FEATURES_VERSION, N_STYLE, WordBatch, shape_matrix, style_features, word_matrix

FAST_DEFAULTS: dict[str, Any] = {
    "word_ngrams": [1, 2],        # word n-gram range; None disables the block
    "word_features": 2**20,
    "char_ngrams": None,          # e.g. [3, 5] for char_wb n-grams (slower: ~900 docs/s on 1 kB docs)
    "char_features": 2**20,
    "shape_ngrams": 0,            # max n of shape-sequence n-grams (e.g. 3); 0 disables the block: it
                                  # costs half the tagging time for +0.01-0.02 macro-F1 on real-text devsets
    "shape_features": 2**18,
    "style": True,                # dense style rates (curate.classify.features.STYLE_NAMES)
    "style_weight": 0.05,         # scale of the standardised style block (larger over-fits template styles)
    "C": 8.0,
    "class_weight": "balanced",
    "max_iter": 2000,
    "max_chars": 4000,            # features read the first max_chars characters of a text
    "seed": 0,
    "features_version": FEATURES_VERSION,
}


class FastClassifier(Classifier):
    backend = "fast"
    defaults = FAST_DEFAULTS

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self._char_vectorizer = None
        self._W = None  # sparse (n_features_total, n_classes)
        self._b = None
        self._style_mean = None
        self._style_scale = None

    # -- features
    def _chars(self):
        if self._char_vectorizer is None:
            from sklearn.feature_extraction.text import HashingVectorizer

            p = self.params
            self._char_vectorizer = HashingVectorizer(
                analyzer="char_wb", ngram_range=tuple(p["char_ngrams"]), n_features=int(p["char_features"]),
                alternate_sign=False, norm="l2", lowercase=True, dtype=np.float32,
            )
        return self._char_vectorizer

    @property
    def n_features(self) -> int:
        p = self.params
        n = (int(p["word_features"]) if p["word_ngrams"] else 0) + (int(p["char_features"]) if p["char_ngrams"] else 0)
        n += int(p["shape_features"]) if p["shape_ngrams"] else 0
        return n + (N_STYLE if p["style"] else 0)

    def _raw(self, texts: Sequence[str]) -> tuple[list, np.ndarray | None]:
        """The hashed n-gram blocks and the raw (unstandardised) style rates of ``texts``."""
        p = self.params
        cut = [t[: p["max_chars"]] for t in texts]
        words = WordBatch(cut) if p["word_ngrams"] or p["style"] else None
        blocks = []
        if p["word_ngrams"]:
            blocks.append(word_matrix(words, tuple(p["word_ngrams"]), int(p["word_features"])))
        if p["char_ngrams"]:
            blocks.append(self._chars().transform(cut))
        if p["shape_ngrams"]:
            blocks.append(shape_matrix(cut, int(p["shape_ngrams"]), int(p["shape_features"]), p["max_chars"]))
        style = style_features(cut, p["max_chars"], words) if p["style"] else None
        if not blocks and style is None:
            raise ClassifierError("the fast backend needs at least one feature block (word, char, shape or style)")
        return blocks, style

    def _features(self, blocks: list, style: np.ndarray | None):
        from scipy import sparse

        if style is not None:
            z = (style - self._style_mean) / self._style_scale * float(self.params["style_weight"])
            blocks = [*blocks, sparse.csr_matrix(z.astype(np.float32))]
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    # -- interface
    def fit(self, texts: Sequence[str], labels: Sequence[str], classes: Sequence[str] | None = None) -> "FastClassifier":
        texts = list(texts)
        if len(texts) != len(labels):
            raise ClassifierError(f"{len(texts)} texts but {len(labels)} labels")
        order, y = encode_labels(labels, classes)
        blocks, style = self._raw(texts)
        if style is not None:
            self._style_mean = style.mean(axis=0).astype(np.float32)
            self._style_scale = np.maximum(style.std(axis=0), 1e-3).astype(np.float32)
        X = self._features(blocks, style)
        p = self.params
        coef, intercept = fit_logreg(X, y, p["C"], p["max_iter"], p["class_weight"], p["seed"])
        self.classes_ = np.array(order, dtype=object)
        self._set_weights(coef, intercept)
        return self

    def _set_weights(self, coef: np.ndarray, intercept: np.ndarray) -> None:
        cols = np.flatnonzero(np.any(coef != 0, axis=0)).astype(np.int64)
        self._set_sparse_weights(cols, coef[:, cols].astype(np.float32), intercept.astype(np.float32))

    def _set_sparse_weights(self, cols: np.ndarray, vals: np.ndarray, intercept: np.ndarray) -> None:
        from scipy import sparse

        self._store = {"coef_cols": cols, "coef_vals": vals, "intercept": intercept}
        W = sparse.csr_matrix(
            (vals.T.ravel(), (np.repeat(cols, vals.shape[0]), np.tile(np.arange(vals.shape[0]), len(cols)))),
            shape=(self.n_features, vals.shape[0]), dtype=np.float32,
        )
        self._W = W
        self._b = intercept.astype(np.float32)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._W.shape[1]), dtype=np.float32)
        X = self._features(*self._raw(texts))
        return np.asarray((X @ self._W).todense(), dtype=np.float32) + self._b

    def _arrays(self) -> dict[str, np.ndarray]:
        arrays = dict(self._store)
        if self.params["style"]:
            arrays["style_mean"] = self._style_mean
            arrays["style_scale"] = self._style_scale
        return arrays

    def _set_arrays(self, arrays: dict[str, np.ndarray], directory: Path) -> None:
        cols = arrays["coef_cols"].astype(np.int64)
        vals = arrays["coef_vals"].astype(np.float32)
        n_out = vals.shape[0]
        expected = 1 if len(self.classes_) == 2 else len(self.classes_)
        if n_out != expected or vals.shape[1] != len(cols) or (len(cols) and cols.max() >= self.n_features):
            raise ClassifierError(f"{directory} weights do not match its config (shape {vals.shape}, {len(cols)} columns)")
        if self.params["style"]:
            self._style_mean = arrays["style_mean"].astype(np.float32)
            self._style_scale = arrays["style_scale"].astype(np.float32)
            if self._style_mean.shape != (N_STYLE,):
                raise ClassifierError(f"{directory} style statistics have shape {self._style_mean.shape}, expected ({N_STYLE},)")
        self._set_sparse_weights(cols, vals, arrays["intercept"].astype(np.float32))

    def _extra_config(self) -> dict[str, Any]:
        p = self.params
        blocks = [name for name, on in (("hashed word n-grams", p["word_ngrams"]), ("hashed char n-grams", p["char_ngrams"]),
                                        ("hashed shape n-grams", p["shape_ngrams"]), ("style rates", p["style"])) if on]
        return {"features": " + ".join(blocks) + " (curate.classify.features)"}
