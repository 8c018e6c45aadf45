"""Audit a classifier's tags with influence: do the tags agree with what influence says?

``influence_check`` draws a sample of a tagged corpus stratified by tag, scores it against the
query suite with a (fast) influence backend, labels each document from its influence pattern
(:mod:`curate.influence.label`) and measures agreement between tags and influence labels:
agreement rate, macro-F1 (influence labels as reference) and Cohen's kappa, plus a permutation
test that shuffles the tags (``n_perm`` times) to ask whether the agreement beats chance.

Verdict **pass** when both hold:

* the agreement is significantly better than with shuffled tags: permutation ``p < alpha``
  (default 0.01), and
* Cohen's kappa is at least ``kappa_min`` (default :data:`KAPPA_MIN` = 0.4, "moderate"
  agreement on the Landis & Koch scale). Significance alone is not enough: with 500 documents
  a kappa of 0.1 is already significant, but tags that weak would not curate anything.

The scorer is injectable: any ``scorer(docs, queries, model_dir) -> array [n_docs, n_queries]``.
By default the fast backend of :mod:`curate.influence.backends` scores with the LM in ``model_dir``.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from curate.errors import CurateUserError
from curate.queries import KINDS, load_queries
from curate.influence.label import (
    LABELS,
    LabelRule,
    agreement_table,
    label_with_features,
    thresholds_for_json,
)

__all__ = ["KAPPA_MIN", "ALPHA", "influence_check", "permutation_test", "print_check_summary", "stratified_sample"]

KAPPA_MIN = 0.4
ALPHA = 0.01

Scorer = Callable[[list[dict], list[dict], Any], np.ndarray]


# ---------------------------------------------------------------------------------------------
# Sampling


def stratified_sample(docs, sample: int, seed: int = 0, tag_key: str = "curate") -> tuple[list[dict], dict]:
    """Up to ``sample`` documents, as equal a number per tag as the tags allow, in one pass.

    ``docs`` is an iterable of datatrove ``Document`` objects (or ``{"id", "text", "metadata"}``
    dicts) whose ``metadata[tag_key]["label"]`` holds the tag. Each tag keeps a reservoir of
    ``sample`` documents (memory: at most ``sample x tags`` documents); a tag with fewer
    documents than its share gives the rest to the others. Untagged documents are counted.
    Returns ``(records, stats)``; records are dicts with ``id``, ``text``, ``metadata``, ``tag``.
    """
    if sample < 1:
        raise CurateUserError(f"sample must be at least 1, got {sample}")
    rng = random.Random(seed)
    reservoirs: dict[str, list[dict]] = {}
    seen: Counter = Counter()
    untagged = 0
    for doc in docs:
        rec = _record(doc)
        tag = _tag(rec["metadata"], tag_key)
        if tag is None:
            untagged += 1
            continue
        rec["tag"] = tag
        seen[tag] += 1
        res = reservoirs.setdefault(tag, [])
        if len(res) < sample:
            res.append(rec)
        else:
            j = rng.randrange(seen[tag])
            if j < sample:
                res[j] = rec
    if not reservoirs:
        raise CurateUserError(f"no document carries a tag in metadata.{tag_key}.label: is the corpus tagged?")
    quota = _allocate({t: len(r) for t, r in reservoirs.items()}, sample)
    out: list[dict] = []
    for tag in sorted(reservoirs):
        res = reservoirs[tag]
        # reservoir order depends on arrival; shuffle before cutting to the quota
        rng.shuffle(res)
        out.extend(res[: quota[tag]])
    rng.shuffle(out)
    stats = {"documents_read": sum(seen.values()) + untagged, "untagged": untagged,
             "tags_in_corpus": dict(sorted(seen.items())),
             "sampled": dict(sorted(Counter(r["tag"] for r in out).items()))}
    return out, stats


def _allocate(available: dict[str, int], total: int) -> dict[str, int]:
    """Equal shares of ``total`` over tags, capped by what each tag has, leftovers passed on."""
    quota = {t: 0 for t in available}
    left = min(total, sum(available.values()))
    open_tags = sorted(available)
    while left > 0 and open_tags:
        share = max(1, left // len(open_tags))
        for t in list(open_tags):
            take = min(share, available[t] - quota[t], left)
            quota[t] += take
            left -= take
            if quota[t] >= available[t]:
                open_tags.remove(t)
            if left == 0:
                break
    return quota


def _record(doc: Any) -> dict:
    if isinstance(doc, dict):
        return {"id": doc.get("id"), "text": doc.get("text") or "", "metadata": dict(doc.get("metadata") or {})}
    return {"id": doc.id, "text": doc.text, "metadata": dict(doc.metadata or {})}


def _tag(metadata: dict, tag_key: str) -> str | None:
    value = metadata.get(tag_key)
    if isinstance(value, dict):
        value = value.get("label")
    elif isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value).get("label")
        except (json.JSONDecodeError, AttributeError):
            value = None
    return None if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Statistics


def permutation_test(tags: Sequence[str], labels: Sequence[str], n_perm: int = 1000, seed: int = 0) -> dict:
    """One-sided permutation test of agreement: shuffle the tags ``n_perm`` times.

    Shuffling keeps both label distributions, so the expected chance agreement is fixed and
    agreement rate and Cohen's kappa order permutations identically. ``p = (1 + #{null >=
    observed}) / (1 + n_perm)``.
    """
    tags = np.asarray([str(t) for t in tags])
    labels = np.asarray([str(x) for x in labels])
    if tags.size != labels.size:
        raise CurateUserError(f"{tags.size} tags for {labels.size} labels")
    observed = float(np.mean(tags == labels)) if tags.size else 0.0
    rng = np.random.default_rng(seed)
    null = np.empty(n_perm)
    for i in range(n_perm):
        null[i] = np.mean(rng.permutation(tags) == labels)
    p = (1.0 + float(np.sum(null >= observed - 1e-12))) / (1.0 + n_perm)
    return {"n_perm": int(n_perm), "observed_agreement": observed, "p_value": p,
            "null_mean": float(null.mean()) if n_perm else None,
            "null_p99": float(np.percentile(null, 99)) if n_perm else None}


# ---------------------------------------------------------------------------------------------
# The check


def influence_check(
    tagged_inputs,
    model_dir,
    queries,
    sample: int = 500,
    seed: int = 0,
    out: str | Path | None = None,
    *,
    scorer: Scorer | None = None,
    backend: str = "fast",
    n_perm: int = 1000,
    alpha: float = ALPHA,
    kappa_min: float = KAPPA_MIN,
    tag_key: str = "curate",
    label_map: dict[str, str] | None = None,
    rule: LabelRule | None = None,
    shuffle_tags: bool = False,
) -> dict:
    """Check a classifier's tags against influence labels on a stratified sample; see the module doc.

    ``tagged_inputs``: files/folders readable by :func:`curate.io.iter_documents`, or an
    iterable of documents. ``queries``: a queries JSONL path or a list of query dicts.
    ``label_map`` maps classifier tags onto procedural/factual/other when its vocabulary differs.
    ``out``: a ``.json`` file, or a folder that receives ``check.json`` and ``labels.jsonl``.
    ``shuffle_tags`` permutes the sampled tags first: the negative control, which should fail.
    Returns the result dict (``verdict`` is ``"pass"`` or ``"fail"``).
    """
    docs_iter = _documents(tagged_inputs)
    qs = load_queries(queries, kinds=KINDS)
    records, sample_stats = stratified_sample(docs_iter, sample, seed=seed, tag_key=tag_key)
    tags = [label_map.get(r["tag"], r["tag"]) if label_map else r["tag"] for r in records]
    if shuffle_tags:
        tags = [str(t) for t in np.random.default_rng([seed, 1]).permutation(tags)]
    if not set(tags) & set(LABELS):
        raise CurateUserError(
            f"tags {sorted(set(tags))} share nothing with the influence labels {list(LABELS)}; pass label_map"
        )
    score_fn = scorer if scorer is not None else default_scorer(backend)
    scores = np.asarray(score_fn(records, qs, model_dir), dtype=np.float64)
    if scores.shape != (len(records), len(qs)):
        raise CurateUserError(f"scorer returned shape {scores.shape}, expected {(len(records), len(qs))}")
    rule = rule or LabelRule()
    tokens = None
    if model_dir is not None:  # the rule's length normalisation, with the backend's default cut
        from curate.influence.score import doc_tokens_for

        tokens = doc_tokens_for(model_dir, [r["text"] for r in records])
    labelled, feats, thresholds = label_with_features(scores, qs, records, rule=rule, tokens=tokens)
    inf_labels = [r["label"] for r in labelled]
    verdict = _verdict(tags, inf_labels, n_perm, seed, alpha, kappa_min)
    # the negative control from the same scores: the sample's tags shuffled must fail
    shuffled = [str(t) for t in np.random.default_rng([seed, 2]).permutation(tags)]
    control = _verdict(shuffled, inf_labels, n_perm, seed, alpha, kappa_min)
    result = {
        **verdict,
        "criteria": {"alpha": alpha, "kappa_min": kappa_min},
        "shuffled_control": {k: control[k] for k in ("verdict", "passed", "reasons")}
        | {"kappa": control["agreement"]["kappa"], "p_value": control["permutation"]["p_value"]},
        "sample": {"requested": sample, "documents": len(records), "seed": seed, **sample_stats},
        "influence_labels": dict(Counter(inf_labels)),
        "labelling": {"rule": asdict(rule), "thresholds": thresholds_for_json(thresholds),
                      "length_normalised": feats["length_normalised"]},
        "queries": dict(Counter(q.get("kind", "") for q in qs)),
        "model_dir": str(model_dir) if model_dir is not None else None,
        "tags_shuffled": shuffle_tags,
        "backend": backend if scorer is None else getattr(scorer, "__name__", "custom"),
    }
    if out is not None:
        _write(result, records, tags, labelled, Path(out))
    return result


def _documents(inputs) -> Any:
    paths = isinstance(inputs, Sequence) and len(inputs) > 0 and isinstance(inputs[0], (str, Path))
    if isinstance(inputs, (str, Path)) or paths:
        from curate.io import iter_documents

        return iter_documents(inputs)
    return iter(inputs)


def _verdict(tags: Sequence[str], labels: Sequence[str], n_perm: int, seed: int, alpha: float,
             kappa_min: float) -> dict:
    """Pass when agreement beats shuffled tags (permutation test) and kappa reaches ``kappa_min``."""
    agreement = agreement_table(labels, tags)  # influence labels are the reference (rows)
    perm = permutation_test(tags, labels, n_perm=n_perm, seed=seed)
    significant = perm["p_value"] < alpha
    strong = agreement["kappa"] >= kappa_min
    reasons = []
    if not significant:
        reasons.append(f"agreement not better than shuffled tags (p = {perm['p_value']:.4f} >= {alpha})")
    if not strong:
        reasons.append(f"kappa {agreement['kappa']:.3f} below the minimum {kappa_min}")
    return {
        "verdict": "pass" if significant and strong else "fail",
        "passed": bool(significant and strong),
        "reasons": reasons,
        "agreement": {
            "rate": agreement["accuracy"],
            "macro_f1": agreement["macro_f1"],
            "kappa": agreement["kappa"],
            "per_class": agreement["per_class"],
            "confusion": {**agreement["confusion"], "rows": "influence label", "columns": "tag"},
        },
        "permutation": perm,
    }


def default_scorer(backend: str = "fast") -> Scorer:
    """Score a sample with the reference LM in ``model_dir`` and an influence backend.

    Loads the model with :func:`curate.lm.load_lm` and calls the backend's one-call API
    (:meth:`curate.influence.backends.Backend.score`: factors fitted on the sample, scores
    normalised per nat of query loss). Imported when called: torch and kronfluence load only then.
    """

    def score(docs: list[dict], queries: list[dict], model_dir) -> np.ndarray:
        if model_dir is None:
            raise CurateUserError("influence_check needs model_dir (the reference LM) unless a scorer is given")
        from curate.influence.backends import get_backend
        from curate.lm import load_lm

        model, tokenizer = load_lm(model_dir)
        return np.asarray(get_backend(backend).score(model, tokenizer, [(d["id"], d["text"]) for d in docs], queries))

    score.__name__ = f"{backend} backend"
    return score


def _write(result: dict, records: list[dict], tags: list[str], labelled: list[dict], out: Path) -> None:
    if out.suffix == ".json":
        out.parent.mkdir(parents=True, exist_ok=True)
        json_path = out
        labels_path = out.with_name(out.stem + ".labels.jsonl")
    else:
        out.mkdir(parents=True, exist_ok=True)
        json_path, labels_path = out / "check.json", out / "labels.jsonl"
    json_path.write_text(json.dumps(result, indent=2) + "\n")
    with open(labels_path, "w", encoding="utf-8") as f:
        for rec, tag, lab in zip(records, tags, labelled):
            f.write(json.dumps({"id": rec["id"], "tag": tag, "label": lab["label"], "evidence": lab["evidence"]},
                               ensure_ascii=False) + "\n")
    result["out"] = str(json_path)


# ---------------------------------------------------------------------------------------------
# Summary


def print_check_summary(result: dict, console=None) -> None:
    """A rich summary: verdict, agreement statistics, permutation test, confusion table."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    ok = result["passed"]
    console.print(f"[bold {'green' if ok else 'red'}]influence check: {result['verdict'].upper()}[/]")
    a, p = result["agreement"], result["permutation"]
    c = result["criteria"]
    console.print(
        f"{result['sample']['documents']} documents sampled "
        f"({', '.join(f'{k} {v}' for k, v in result['sample']['sampled'].items())}); "
        f"agreement {a['rate']:.3f}, macro-F1 {a['macro_f1']:.3f}, kappa {a['kappa']:.3f} (min {c['kappa_min']}); "
        f"permutation p = {p['p_value']:.4f} (alpha {c['alpha']}, shuffled agreement {p['null_mean']:.3f})",
        highlight=False,
    )
    for reason in result["reasons"]:
        console.print(f"  [red]-[/] {reason}", highlight=False)
    ctrl = result.get("shuffled_control")
    if ctrl:
        console.print(f"negative control (the same tags shuffled): {ctrl['verdict']} "
                      f"(kappa {ctrl['kappa']:.3f}, p = {ctrl['p_value']:.4f})", highlight=False)
    names = a["confusion"]["labels"]
    table = Table(title="influence label (rows) x tag (columns)", title_justify="left", show_edge=False)
    table.add_column("")
    for n in names:
        table.add_column(n, justify="right")
    for n, row in zip(names, a["confusion"]["matrix"]):
        table.add_row(n, *[str(x) for x in row])
    console.print(table)
