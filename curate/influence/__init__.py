"""Influence of pretraining documents on reasoning and factual queries (EK-FAC, as in Ruis et al. 2024).

* :mod:`curate.influence.task` - *what* is measured: the kronfluence ``Task`` (summed document
  LM loss; summed query completion loss, prompt masked; MLP layers tracked) and tokenization;
* :mod:`curate.influence.backends` - *how* it is estimated: ``ekfac`` (kronfluence end to end,
  the reference) and ``fast`` (factors fitted on a sample, lean scoring pass);
* :mod:`curate.influence.score` - a corpus x query-suite run: sharded, resumable, distributed
  over datatrove ranks, merged into ``scores.safetensors``; :func:`load_scores` reads it back, and
  :func:`load_doc_tokens` each document's loss tokens (for the label rule).
"""

from curate.influence.backends import (
    BACKENDS,
    Backend,
    EkfacBackend,
    FastBackend,
    InfluenceSettings,
    get_backend,
    normalize_scores,
)
from curate.influence.score import InfluenceScorer, doc_tokens_for, load_doc_tokens, load_scores, merge_scores, score_corpus
from curate.influence.task import LanguageModelTask, query_losses, tracked_modules

__all__ = [
    "BACKENDS", "Backend", "EkfacBackend", "FastBackend", "InfluenceScorer", "InfluenceSettings",
    "LanguageModelTask", "doc_tokens_for", "get_backend", "load_doc_tokens", "load_scores", "merge_scores", "normalize_scores", "query_losses",
    "score_corpus", "tracked_modules",
]
