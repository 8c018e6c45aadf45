"""Label documents procedural / factual / other from their pattern of influence on queries.

The rule (documented with its thresholds in ``influence/README.md``):

1. **Standardise per query.** Signed influence is a poor label: procedural documents move
   reasoning queries strongly in *both* directions. A document's loss is summed over its
   tokens, so the noise in its influence grows like the square root of its length: each row
   of ``|score|`` is divided by ``tokens ** length_power`` (0.5) so that a short worked example
   and a long page meet the same noise floor. Then each query's column is turned into a robust
   z-score over the documents (median and MAD, clipped at ``clip``); the scale of a query, its
   loss and its backend drop out.
2. **Summarise per document.** ``R`` = mean z over reasoning queries; ``F_mean`` = mean z over
   factual queries; ``F`` = mean of the ``factual_top`` largest factual z (factual influence
   concentrates on the few queries whose fact the document states); ``A`` = the largest z over
   the factual queries whose answer occurs in the document's text (needs the documents);
   ``C`` = mean z over control queries (a format baseline, reported as evidence only).
3. **Decide, with thresholds relative to the corpus.** With ``D = R - F_mean``, a document is

   * ``factual`` when ``A >= f_min`` (strong influence on a factual query whose answer it
     states: the paper's signature of factual knowledge; ``answer_first=False`` turns it off);
   * else ``procedural`` when ``D >= margin`` (reasoning influence dominates factual influence)
     and ``R >= r_min`` (at least typical reasoning influence);
   * else ``factual`` when ``F >= f_min`` (or, optionally, ``F_mean >= fm_min``);
   * else ``other``.

   Thresholds default to ``"auto"``: ``median + k * spread`` of the statistic over the corpus,
   ``spread`` being the bulk's spread measured below the median (``(q50 - q10) / 1.2816``),
   with ``k`` = ``r_k``, ``margin_k``, ``f_k`` (``fm_k``). They move with the corpus and the
   backend instead of being raw z-levels, and class shares are not fixed. Numbers are
   accepted too. Defaults were chosen on the demo reference model's scores (see the README).

Only :func:`evaluate_labels` reads ground truth (``metadata.doc_type``); labelling never does.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from curate.errors import CurateUserError

__all__ = [
    "LABELS",
    "LabelRule",
    "agreement_table",
    "answer_in_text",
    "answer_matrix",
    "answer_pattern",
    "apply_rule",
    "auto_threshold",
    "cohen_kappa",
    "evaluate_labels",
    "influence_features",
    "label_documents",
    "label_with_features",
    "length_normalised",
    "labelling_summary",
    "make_rule",
    "read_scores_dir",
    "resolve_thresholds",
    "standardise",
    "thresholds_for_json",
    "write_labels",
]

LABELS = ("procedural", "factual", "other")
_MAD_TO_SD = 1.4826


def read_scores_dir(path: str | Path) -> tuple[np.ndarray, list[dict], list[dict]]:
    """``(scores [n_docs, n_queries] float32, documents, queries)`` of a scores folder
    (the layout :mod:`curate.influence.score` writes; a one-line error if it is incomplete)."""
    from curate.influence.score import load_scores  # torch and datatrove: only when reading

    return load_scores(path)


# ---------------------------------------------------------------------------------------------
# Answers in text


@lru_cache(maxsize=4096)
def answer_pattern(answer: str) -> re.Pattern:
    """Whole-word, case-insensitive pattern for ``answer``.

    A word boundary is a non-word character; for answers that start or end with a digit, a
    neighbouring ``.`` or ``,`` followed by a digit also counts as part of the word, so the
    answer ``1`` is not found in ``1,192`` or ``3.1``.
    """
    body = re.escape(answer.strip())
    left = r"(?<!\w)" + (r"(?<!\d[.,])" if answer.strip()[:1].isdigit() else "")
    right = r"(?!\w)" + (r"(?![.,]\d)" if answer.strip()[-1:].isdigit() else "")
    return re.compile(left + body + right, re.IGNORECASE)


def answer_in_text(answer: str, text: str) -> bool:
    """Whether ``answer`` occurs in ``text`` as a whole word (see :func:`answer_pattern`)."""
    answer = (answer or "").strip()
    if not answer or answer.lower() not in text.lower():
        return False
    return answer_pattern(answer).search(text) is not None


def answer_matrix(docs: Sequence[dict], answers: Sequence[str]) -> np.ndarray:
    """Boolean ``[n_docs, n_answers]``: answer ``j`` occurs in document ``i`` (whole word)."""
    uniq = sorted(set(a.strip() for a in answers))
    lowered = [(d.get("text") or "").lower() for d in docs]
    texts = [d.get("text") or "" for d in docs]
    col: dict[str, np.ndarray] = {}
    for a in uniq:
        hits = np.zeros(len(docs), dtype=bool)
        if a:
            needle, pat = a.lower(), answer_pattern(a)
            for i, (low, text) in enumerate(zip(lowered, texts)):
                if needle in low and pat.search(text):
                    hits[i] = True
        col[a] = hits
    if not answers:
        return np.zeros((len(docs), 0), dtype=bool)
    return np.stack([col[a.strip()] for a in answers], axis=1)


# ---------------------------------------------------------------------------------------------
# The rule


@dataclass(frozen=True)
class LabelRule:
    """Parameters of the labelling rule; see the module docstring and ``influence/README.md``.

    A threshold is a number (in the units of its statistic) or ``"auto"``: ``median + k *
    spread`` of the statistic over the corpus, where ``spread`` is the bulk's spread measured
    below the median, ``(q50 - q10) / 1.2816`` (a normal's sd). The documents a class should
    catch sit in the upper tail, so they do not inflate the spread; no class share is fixed.
    Defaults were chosen on the demo reference model's scores (``influence/README.md``).
    """

    method: str = "robust_z"     # per-query standardisation of |score|: robust_z | log_z | rank
    clip: float | None = 20.0    # z-scores are clipped to [-clip, clip] before averaging
    length_power: float = 0.5    # |score| is divided by tokens ** length_power first (0: off)
    factual_top: int = 5         # F = mean of the top-m factual z-scores of a document
    r_min: float | str = "auto"   # procedural needs R >= r_min (a guard: at least typical) ...
    r_k: float = 0.0
    margin: float | str = "auto"  # ... and D = R - F_mean >= margin (reasoning dominates)
    margin_k: float = 0.25
    f_min: float | str = "auto"   # factual needs F >= f_min (concentrated on a few factual queries)
    f_k: float = 1.0
    fm_min: float | str | None = None  # optional: or F_mean >= fm_min (off by default)
    fm_k: float = 2.5
    answer_first: bool = True  # factual first when A (z on a factual query answered in the text) >= f_min

    def __post_init__(self) -> None:
        if self.method not in ("robust_z", "log_z", "rank"):
            raise CurateUserError(f"method must be robust_z, log_z or rank, got {self.method!r}")
        if not isinstance(self.answer_first, bool):
            raise CurateUserError(f"answer_first must be true or false, got {self.answer_first!r}")
        if not 0 <= self.length_power <= 2:
            raise CurateUserError(f"length_power must be between 0 and 2, got {self.length_power}")
        if self.factual_top < 1:
            raise CurateUserError(f"factual_top must be at least 1, got {self.factual_top}")
        for name in ("r_min", "margin", "f_min", "fm_min"):
            v = getattr(self, name)
            if name != "fm_min" and v is None:
                raise CurateUserError(f"{name} must be a number or 'auto', got None")
            if isinstance(v, str) and v != "auto":
                raise CurateUserError(f"{name} must be a number or 'auto', got {v!r}")


def standardise(scores: np.ndarray, method: str = "robust_z", clip: float | None = 10.0) -> np.ndarray:
    """Per-query (column) standardisation of ``|scores|`` over documents (float64).

    ``robust_z``: (|s| - median) / (1.4826 MAD); ``log_z``: the same on log|s|; ``rank``:
    normal scores of the ranks of |s| (distribution-free). Then clipped to ``[-clip, clip]``.
    """
    a = np.abs(np.asarray(scores, dtype=np.float64))
    if a.ndim != 2:
        raise CurateUserError(f"scores must be 2-D [documents, queries], got shape {a.shape}")
    if method == "rank":
        from scipy.special import ndtri
        from scipy.stats import rankdata

        n = a.shape[0]
        z = ndtri((rankdata(a, axis=0) - 0.5) / max(n, 1))
    else:
        if method == "log_z":
            pos = a[a > 0]
            floor = float(pos.min()) if pos.size else 1e-30
            a = np.log(np.maximum(a, floor))
        elif method != "robust_z":
            raise CurateUserError(f"method must be robust_z, log_z or rank, got {method!r}")
        med = np.median(a, axis=0)
        scale = _MAD_TO_SD * np.median(np.abs(a - med), axis=0)
        sd = a.std(axis=0)
        scale = np.where(scale > 0, scale, np.where(sd > 0, sd, 1.0))
        z = (a - med) / scale
    if clip is not None:
        z = np.clip(z, -clip, clip)
    return z


def _kinds(queries: Sequence[dict]) -> np.ndarray:
    return np.array([q.get("kind", "") for q in queries])


def length_normalised(scores: np.ndarray, tokens: np.ndarray | None, power: float) -> np.ndarray:
    """``scores / tokens ** power`` per row (``tokens`` None or ``power`` 0: unchanged)."""
    scores = np.asarray(scores, dtype=np.float64)
    if tokens is None or power == 0:
        return scores
    tokens = np.asarray(tokens, dtype=np.float64)
    if tokens.shape != (scores.shape[0],):
        raise CurateUserError(f"{tokens.shape[0] if tokens.ndim else 0} token counts for {scores.shape[0]} documents")
    return scores / np.maximum(tokens, 1.0)[:, None] ** power


def influence_features(
    scores: np.ndarray, queries: Sequence[dict], rule: LabelRule | None = None, docs: Sequence[dict] | None = None,
    tokens: np.ndarray | None = None,
) -> dict[str, Any]:
    """Per-document statistics of the rule: ``R``, ``F``, ``F_mean``, ``C``, ``A``, top task and query.

    ``tokens`` (each document's loss tokens, :func:`curate.influence.score.load_doc_tokens`) turn
    on the rule's length normalisation; without them the scores are standardised as they are
    (``length_normalised`` says which).

    ``A`` (and ``answer_query``, its column) needs ``docs`` (records with ``text``); without them,
    or for a document that contains no factual query's answer, ``A`` is ``-inf``.
    ``top_factual_answered``: the answer of the top factual query occurs in the text.
    """
    rule = rule or LabelRule()
    scores = np.asarray(scores)
    if scores.ndim != 2 or scores.shape[1] != len(queries):
        raise CurateUserError(f"scores shape {scores.shape} does not match {len(queries)} queries")
    z = standardise(length_normalised(scores, tokens, rule.length_power), rule.method, rule.clip)
    kinds = _kinds(queries)
    reasoning, factual, control = (np.flatnonzero(kinds == k) for k in ("reasoning", "factual", "control"))
    if reasoning.size == 0 or factual.size == 0:
        raise CurateUserError(
            f"labelling needs reasoning and factual queries; got {int(reasoning.size)} reasoning, "
            f"{int(factual.size)} factual"
        )
    n = scores.shape[0]
    R = z[:, reasoning].mean(axis=1)
    zf = z[:, factual]
    m = min(rule.factual_top, factual.size)
    top_f = np.sort(zf, axis=1)[:, ::-1][:, :m]
    F = top_f.mean(axis=1)
    F_mean = zf.mean(axis=1)
    C = z[:, control].mean(axis=1) if control.size else np.zeros(n)
    top_col = np.argmax(zf, axis=1)
    top_factual = factual[top_col]
    A, answer_query = np.full(n, -np.inf), np.full(n, -1)
    answered = np.zeros((n, factual.size), dtype=bool)
    if docs is not None:
        answered = answer_matrix(docs, [str(queries[j].get("answer", "")) for j in factual])
        za = np.where(answered, zf, -np.inf)
        best = np.argmax(za, axis=1)
        A = za[np.arange(n), best]
        answer_query = np.where(np.isfinite(A), factual[best], -1)
    tasks = np.array([queries[i].get("task", "") for i in reasoning])
    task_names = sorted(set(tasks))
    per_task = np.stack([z[:, reasoning[tasks == t]].mean(axis=1) for t in task_names], axis=1)
    top_task_idx = np.argmax(per_task, axis=1)
    return {
        "length_normalised": tokens is not None and rule.length_power != 0,
        "z": z,
        "R": R,
        "F": F,
        "F_mean": F_mean,
        "C": C,
        "A": A,
        "answer_query": answer_query,
        "top_factual": top_factual,
        "top_factual_answered": answered[np.arange(n), top_col],
        "task_names": task_names,
        "per_task": per_task,
        "top_task": [task_names[i] for i in top_task_idx],
        "top_task_z": per_task[np.arange(n), top_task_idx],
    }


def auto_threshold(values: np.ndarray, k: float) -> float:
    """``median + k * (q50 - q10) / 1.2816``: k bulk standard deviations above the median."""
    q10, q50 = np.percentile(values, [10, 50])
    spread = float(q50 - q10) / 1.2816
    if spread <= 0:
        spread = float(np.std(values)) or 1.0
    return float(q50) + k * spread


def resolve_thresholds(features: dict[str, Any], rule: LabelRule) -> dict[str, float]:
    """The numeric thresholds the rule applies to these features (``auto`` resolved)."""
    def pick(value, stat, k):
        if value is None:
            return float("inf")
        if value != "auto":
            return float(value)
        values = features["R"] - features["F_mean"] if stat == "D" else features[stat]
        return auto_threshold(values, k)

    f_min = pick(rule.f_min, "F", rule.f_k)
    return {
        "r_min": pick(rule.r_min, "R", rule.r_k),
        "margin": pick(rule.margin, "D", rule.margin_k),
        "f_min": f_min,
        "fm_min": pick(rule.fm_min, "F_mean", rule.fm_k),
        "a_min": f_min if rule.answer_first else float("inf"),  # answer-first: the same bar as F
    }


def thresholds_for_json(thresholds: dict[str, float]) -> dict[str, float | None]:
    """Resolved thresholds with disabled (infinite) ones as ``None``, for strict JSON."""
    return {k: (float(v) if np.isfinite(v) else None) for k, v in thresholds.items()}


def apply_rule(features: dict[str, Any], thresholds: dict[str, float]) -> np.ndarray:
    """Labels (array of str) from features and resolved thresholds."""
    R, F, F_mean = features["R"], features["F"], features["F_mean"]
    answered = features["A"] >= thresholds["a_min"]
    procedural = ~answered & (R >= thresholds["r_min"]) & (R - F_mean >= thresholds["margin"])
    factual = answered | (~procedural & ((F >= thresholds["f_min"]) | (F_mean >= thresholds["fm_min"])))
    return np.where(procedural, "procedural", np.where(factual, "factual", "other"))


def make_rule(rule: LabelRule | None = None, **overrides: Any) -> LabelRule:
    """``rule`` (default :class:`LabelRule`) with fields replaced by ``overrides``; unknown names fail."""
    base = asdict(rule or LabelRule())
    unknown = set(overrides) - set(base)
    if unknown:
        raise CurateUserError(f"unknown labelling parameters {sorted(unknown)}; known: {sorted(base)}")
    return LabelRule(**{**base, **overrides})


def label_documents(
    scores: np.ndarray,
    queries: Sequence[dict],
    docs: Sequence[dict] | None = None,
    *,
    rule: LabelRule | None = None,
    tokens: np.ndarray | None = None,
    **thresholds: Any,
) -> list[dict]:
    """One record per document (row of ``scores``): ``{"id", "label", "evidence"}``; see
    :func:`label_with_features`."""
    return label_with_features(scores, queries, docs, rule=rule, tokens=tokens, **thresholds)[0]


def label_with_features(
    scores: np.ndarray,
    queries: Sequence[dict],
    docs: Sequence[dict] | None = None,
    *,
    rule: LabelRule | None = None,
    tokens: np.ndarray | None = None,
    **thresholds: Any,
) -> tuple[list[dict], dict[str, Any], dict[str, float]]:
    """``(records, features, resolved thresholds)``: the labels of :func:`label_documents` with
    what decided them, for callers that report those too (one pass over the answers in the text).

    ``thresholds`` are :class:`LabelRule` fields (``r_min=2.0``, ``f_k=5``, ``method="rank"``,
    ...) overriding ``rule``. ``docs`` (records with ``id`` and ``text``) supply ids and the
    answers in the text: ``A`` (the rule's answer-first step; without ``docs`` it is skipped) and
    the ``answer_in_text`` evidence (whether the answer of the document's top factual query occurs
    in its text). ``tokens`` (loss tokens per document) turn on the length normalisation
    (``rule.length_power``); scores folders store them (``load_doc_tokens``).
    """
    rule = make_rule(rule, **thresholds)
    scores = np.asarray(scores)
    if docs is not None and len(docs) != scores.shape[0]:
        raise CurateUserError(f"{len(docs)} documents but scores have {scores.shape[0]} rows")
    feats = influence_features(scores, queries, rule, docs, tokens)
    th = resolve_thresholds(feats, rule)
    labels = apply_rule(feats, th)
    records = []
    for i in range(scores.shape[0]):
        q = queries[int(feats["top_factual"][i])]
        ev = {
            "reasoning": round(float(feats["R"][i]), 4),
            "factual": round(float(feats["F"][i]), 4),
            "factual_mean": round(float(feats["F_mean"][i]), 4),
            "dominance": round(float(feats["R"][i] - feats["F_mean"][i]), 4),
            "control": round(float(feats["C"][i]), 4),
            "top_task": feats["top_task"][i],
            "top_task_z": round(float(feats["top_task_z"][i]), 4),
            "top_factual_query": q.get("id"),
            "answered_factual": round(float(feats["A"][i]), 4) if np.isfinite(feats["A"][i]) else None,
            "answered_query": queries[int(feats["answer_query"][i])].get("id") if feats["answer_query"][i] >= 0 else None,
            "answer_in_text": bool(feats["top_factual_answered"][i]),
            "tokens": int(tokens[i]) if tokens is not None else None,
        }
        doc_id = docs[i].get("id") if docs is not None else None
        records.append({"id": doc_id if doc_id is not None else i, "label": str(labels[i]), "evidence": ev})
    return records, feats, th


def labelling_summary(
    records: Sequence[dict], scores: np.ndarray, queries: Sequence[dict], rule: LabelRule | None = None,
    thresholds: dict[str, float] | None = None, tokens: np.ndarray | None = None,
) -> dict:
    """Counts per label and the resolved thresholds (for a report or a log line); ``thresholds``
    already resolved for these scores are used as they are."""
    rule = rule or LabelRule()
    th = thresholds if thresholds is not None else resolve_thresholds(
        influence_features(scores, queries, rule, tokens=tokens), rule)
    counts = dict(Counter(r["label"] for r in records))
    return {"rule": asdict(rule), "thresholds": thresholds_for_json(th), "counts": counts}


def write_labels(
    scores_dir: str | Path, out_path: str | Path, *, rule: LabelRule | None = None, **thresholds: Any
) -> dict:
    """Label every document of a scores folder and write JSONL records to ``out_path``.

    Returns a summary: the rule, the resolved thresholds, counts per label, and, when the
    documents carry ground truth (``metadata.doc_type``), the evaluation against it.
    """
    from curate.influence.score import load_doc_tokens

    rule = make_rule(rule, **thresholds)
    scores, docs, queries = read_scores_dir(scores_dir)
    records, feats, th = label_with_features(scores, queries, docs, rule=rule, tokens=load_doc_tokens(scores_dir))
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    opener = gzip.open if out.suffix == ".gz" else open
    with opener(tmp, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(out)
    summary = labelling_summary(records, scores, queries, rule, th)
    summary["length_normalised"] = feats["length_normalised"]
    summary["documents"] = len(records)
    summary["out"] = str(out)
    if any("doc_type" in (d.get("metadata") or {}) for d in docs):
        summary["evaluation"] = evaluate_labels(records, docs)
    return summary


# ---------------------------------------------------------------------------------------------
# Evaluation (the only place ground truth is read)


def evaluate_labels(labels: Sequence[dict] | Sequence[str], docs: Sequence[dict], truth_key: str = "doc_type") -> dict:
    """Macro-F1, accuracy, per-class precision/recall/F1 and confusion against ground truth.

    ``labels`` are label records (or plain label strings) in the order of ``docs``; documents
    without ``metadata[truth_key]`` are skipped. Rows of the confusion matrix are the truth.
    """
    pred = [r["label"] if isinstance(r, dict) else str(r) for r in labels]
    if len(pred) != len(docs):
        raise CurateUserError(f"{len(pred)} labels for {len(docs)} documents")
    pairs = [(str((d.get("metadata") or {}).get(truth_key)), p) for d, p in zip(docs, pred)
             if (d.get("metadata") or {}).get(truth_key) is not None]
    if not pairs:
        return {"documents": 0, "macro_f1": None, "note": f"no document has metadata.{truth_key}"}
    truth, guess = zip(*pairs)
    return agreement_table(list(truth), list(guess))


def agreement_table(truth: Sequence[str], pred: Sequence[str], classes: Sequence[str] | None = None) -> dict:
    """Accuracy, macro-F1 (over the classes present in ``truth``), Cohen's kappa, confusion."""
    truth, pred = list(map(str, truth)), list(map(str, pred))
    if classes is None:
        present = set(truth) | set(pred)
        classes = [c for c in LABELS if c in present] + sorted(present - set(LABELS))
    idx = {c: i for i, c in enumerate(classes)}
    cm = np.zeros((len(classes), len(classes)), dtype=np.int64)
    for t, p in zip(truth, pred):
        cm[idx[t], idx[p]] += 1
    n = int(cm.sum())
    per_class, f1s = {}, []
    for c, i in idx.items():
        tp = int(cm[i, i])
        support, predicted = int(cm[i].sum()), int(cm[:, i].sum())
        prec = tp / predicted if predicted else 0.0
        rec = tp / support if support else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {"precision": prec, "recall": rec, "f1": f1, "support": support, "predicted": predicted}
        if support:
            f1s.append(f1)
    acc = float(np.trace(cm) / n) if n else 0.0
    return {
        "documents": n,
        "accuracy": acc,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "kappa": cohen_kappa(cm),
        "per_class": per_class,
        "confusion": {"labels": list(classes), "matrix": cm.tolist(), "rows": "truth", "columns": "predicted"},
    }


def cohen_kappa(cm: np.ndarray) -> float:
    """Cohen's kappa of a square confusion matrix (1 = perfect, 0 = chance)."""
    cm = np.asarray(cm, dtype=np.float64)
    n = cm.sum()
    if n == 0:
        return 0.0
    po = np.trace(cm) / n
    pe = float((cm.sum(axis=0) * cm.sum(axis=1)).sum()) / n**2
    return float((po - pe) / (1 - pe)) if pe < 1 else (1.0 if po == 1 else 0.0)
