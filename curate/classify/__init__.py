"""Document-kind classifiers: procedural / factual / other.

Backends share one scikit-learn-like interface (``fit``, ``predict_proba``, ``predict``,
``classes_``, ``save``, ``load``):

* ``fast`` - hashed word n-grams + style rates (+ hashed word-shape n-grams with ``shape_ngrams``), logistic regression;
* ``embed`` - sentence embeddings (``static``: model2vec-style table distilled from MiniLM, or
  ``minilm``: the transformer) + style rates, logistic-regression head.

A classifier is a directory (``config.json``, ``weights.npz``, ``metrics.json``, ``README.md``)
that is loaded without ever unpickling anything: :func:`load_classifier`.
"""

from curate.classify.base import (
    BACKENDS,
    FORMAT_VERSION,
    Classifier,
    ClassifierError,
    load_classifier,
    read_config,
)
from curate.classify.encoders import distill_static_encoder, resolve_static_encoder
from curate.classify.evaluate import evaluate, evaluate_proba, expected_calibration_error, metrics_table
from curate.classify.train import group_split, make_classifier, train_classifier

__all__ = [
    "BACKENDS",
    "FORMAT_VERSION",
    "Classifier",
    "ClassifierError",
    "ClassifierTagger",
    "EmbedClassifier",
    "FastClassifier",
    "distill_static_encoder",
    "evaluate",
    "evaluate_proba",
    "expected_calibration_error",
    "group_split",
    "load_classifier",
    "make_classifier",
    "metrics_table",
    "read_config",
    "resolve_static_encoder",
    "tag_corpus",
    "train_classifier",
]


def __getattr__(name: str):
    # heavier imports (datatrove, the backends) on first use
    if name in ("ClassifierTagger", "tag_corpus"):
        from curate.classify import tagger

        return getattr(tagger, name)
    if name == "FastClassifier":
        from curate.classify.fast import FastClassifier

        return FastClassifier
    if name == "EmbedClassifier":
        from curate.classify.embed import EmbedClassifier

        return EmbedClassifier
    raise AttributeError(name)
