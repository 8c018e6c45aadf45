"""Influence labels, the paper-findings report and the influence check, on planted-signal scores.

The synthetic scores folder uses real generated documents and queries (``curate.world``) with a
planted signal: procedural documents get large influence of random sign on reasoning queries,
shared within a task (so same-task queries correlate; how-to procedures get a weaker one spread
over all tasks); factual documents get large influence on the factual queries of the relations
they state and a larger positive one on the queries whose answer they state; noise
(heavy-tailed, a different scale per query) everywhere.
"""

from __future__ import annotations

import gzip
import json
import math
import random

import numpy as np
import pytest

from curate.errors import CurateUserError
from curate.influence.check import influence_check, permutation_test, stratified_sample, _allocate
from curate.influence.label import (
    LABELS,
    answer_in_text,
    answer_matrix,
    evaluate_labels,
    label_documents,
    labelling_summary,
    read_scores_dir,
    write_labels,
)
from curate.influence.report import (
    answer_in_topk,
    correlation_groups,
    influence_report,
    random_k_hit_probability,
)
from curate.world import World

N_DOCS = 900


def planted_scores(docs: list[dict], queries: list[dict], seed: int = 0, signal: bool = True) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n, m = len(docs), len(queries)
    scale = np.exp(rng.normal(0.0, 1.0, m))  # queries differ in scale (loss, length)
    s = rng.standard_t(5, size=(n, m))
    if not signal:
        return s * scale
    kinds = np.array([q["kind"] for q in queries])
    tasks = np.array([q["task"] for q in queries])
    reasoning, factual = kinds == "reasoning", kinds == "factual"
    reasoning_tasks = set(tasks[reasoning])
    answers = answer_matrix(docs, [q["answer"] for q in queries])
    for i, d in enumerate(docs):
        meta = d["metadata"]
        if meta["doc_type"] == "procedural":
            sign, amp = rng.choice([-1.0, 1.0]), rng.uniform(3.0, 7.0)
            if meta.get("procedure") in reasoning_tasks:
                same = reasoning & (tasks == meta["procedure"])
                s[i, same] += sign * amp * (1 + 0.2 * rng.standard_normal(int(same.sum())))
                s[i, reasoning & ~same] += rng.choice([-1.0, 1.0]) * 2.0
            else:  # how-to procedures: weaker, spread over every reasoning task
                s[i, reasoning] += sign * 2.5
        elif meta["doc_type"] == "factual":
            # large on the factual queries of the relations the document states, larger where it
            # states the queried answer; small elsewhere
            relations = {f"factual:{fact.split('|')[1]}" for fact in meta.get("facts") or [] if fact.count("|") == 2}
            related = factual & np.isin(tasks, list(relations))
            if not relations:  # prose reference entries: the definitional query of the entry described
                related = np.zeros(m, dtype=bool)
                related[rng.choice(np.flatnonzero(factual), 1)] = True
            s[i, factual] += rng.choice([-1.0, 1.0]) * 0.5
            s[i, related] += rng.choice([-1.0, 1.0], int(related.sum())) * rng.uniform(5.0, 9.0)
            s[i, factual & answers[i]] += 12.0
    return s * scale


def _world(n: int = N_DOCS, seed: int = 0) -> tuple[list[dict], list[dict]]:
    w = World(seed)
    docs = [{"id": f"world-{i:08d}", "text": d.text, "metadata": d.metadata()}
            for i, d in enumerate(w.document(i) for i in range(n))]
    queries = [q.to_dict() for q in w.queries() if q.split == "influence"]
    return docs, queries


def write_scores_dir(path, scores: np.ndarray, docs: list[dict], queries: list[dict]) -> None:
    from safetensors.numpy import save_file

    path.mkdir(parents=True, exist_ok=True)
    save_file({"scores": scores.astype(np.float32)}, str(path / "scores.safetensors"))
    with gzip.open(path / "documents.jsonl.gz", "wt", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    with open(path / "queries.jsonl", "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    (path / "meta.json").write_text(json.dumps({"backend": "planted"}))


@pytest.fixture(scope="module")
def world():
    return _world()


@pytest.fixture(scope="module")
def planted(world):
    docs, queries = world
    return planted_scores(docs, queries), docs, queries


@pytest.fixture(scope="module")
def planted_dir(tmp_path_factory, planted):
    scores, docs, queries = planted
    path = tmp_path_factory.mktemp("scores")
    write_scores_dir(path, scores, docs, queries)
    return path


# ---------------------------------------------------------------------------------------------
# Labels


def test_read_scores_dir_round_trip(planted_dir, planted):
    scores, docs, queries = read_scores_dir(planted_dir)
    assert scores.dtype == np.float32 and scores.shape == (len(planted[1]), len(planted[2]))
    np.testing.assert_allclose(scores, planted[0].astype(np.float32))
    assert [d["id"] for d in docs] == [d["id"] for d in planted[1]]
    assert [q["id"] for q in queries] == [q["id"] for q in planted[2]]


@pytest.mark.parametrize("missing", ["documents.jsonl.gz", "queries.jsonl", "scores.safetensors"])
def test_incomplete_scores_dir_names_the_missing_file(tmp_path, planted, missing):
    scores, docs, queries = planted
    write_scores_dir(tmp_path, scores[:5], docs[:5], queries)
    (tmp_path / missing).unlink()
    with pytest.raises(CurateUserError, match=missing.replace(".", r"\.")):
        read_scores_dir(tmp_path)


def test_labels_recover_planted_classes(planted):
    scores, docs, queries = planted
    records = label_documents(scores, queries, docs)
    assert len(records) == len(docs)
    assert {r["label"] for r in records} <= set(LABELS)
    ev = evaluate_labels(records, docs)
    assert ev["macro_f1"] >= 0.85, ev
    for c in LABELS:
        assert ev["per_class"][c]["f1"] >= 0.75, (c, ev["per_class"][c])


def test_labels_on_pure_noise_carry_no_ground_truth(world):
    # labelling never reads metadata: on scores without signal the labels match the truth by chance only
    docs, queries = world
    noise = planted_scores(docs, queries, signal=False)
    ev = evaluate_labels(label_documents(noise, queries, docs), docs)
    assert ev["macro_f1"] < 0.45 and abs(ev["kappa"]) < 0.1, ev


def test_label_thresholds_are_respected(planted):
    scores, docs, queries = planted
    r_min, f_min, fm_min, margin = 0.8, 4.0, 0.5, 0.3
    records = label_documents(scores, queries, docs, r_min=r_min, f_min=f_min, fm_min=fm_min, margin=margin)
    tol, seen = 2e-3, set()
    for r in records:
        R, F, Fm = r["evidence"]["reasoning"], r["evidence"]["factual"], r["evidence"]["factual_mean"]
        surely_procedural = R >= r_min + tol and R - Fm >= margin + tol
        if r["label"] == "procedural":
            assert R >= r_min - tol and R - Fm >= margin - tol
        elif r["label"] == "factual":
            assert (F >= f_min - tol or Fm >= fm_min - tol) and not surely_procedural
        else:
            assert F < f_min + tol and Fm < fm_min + tol and not surely_procedural
        seen.add(r["label"])
    assert seen == set(LABELS)
    # an unreachable threshold empties the class; an unknown parameter is refused
    assert not any(r["label"] == "procedural" for r in label_documents(scores, queries, docs, r_min=1e9))
    assert not any(r["label"] == "factual" for r in label_documents(scores, queries, docs, f_min=1e9, fm_min=1e9))
    with pytest.raises(ValueError):
        label_documents(scores, queries, docs, r_threshold=1.0)


def test_answer_first_makes_an_answering_document_factual(planted):
    # a procedural document that states a factual query's answer and moves that query strongly is
    # factual under the default rule, procedural with answer_first=False; no other label changes
    scores, docs, queries = planted
    scores, docs = scores.copy(), [dict(d) for d in docs]
    base = label_documents(scores, queries, docs, answer_first=False)
    i = next(k for k, r in enumerate(base) if r["label"] == "procedural")
    j = next(k for k, q in enumerate(queries) if q["kind"] == "factual" and not q["answer"].isdigit())
    docs[i]["text"] += f" The answer is {queries[j]['answer']}."
    scores[i, j] = 50 * np.abs(scores[:, j]).max()
    on = label_documents(scores, queries, docs)
    off = label_documents(scores, queries, docs, answer_first=False)
    assert off[i]["label"] == "procedural" and on[i]["label"] == "factual"
    assert on[i]["evidence"]["answered_query"] == queries[j]["id"]
    f_min = labelling_summary(on, scores, queries)["thresholds"]["f_min"]
    for a, b in zip(on, off):
        A = a["evidence"]["answered_factual"]
        if A is not None and A >= f_min:
            assert a["label"] == "factual"
        else:
            assert a["label"] == b["label"]
    # without the documents' text there is no answer evidence: the rule falls back
    assert [r["label"] for r in label_documents(scores, queries)] == [r["label"] for r in off]


def test_length_normalisation_undoes_a_square_root_length_inflation(planted):
    # influence summed over a document's tokens carries noise growing like sqrt(tokens): rows
    # inflated by exactly that get back the labels of the uninflated scores
    scores, docs, queries = planted
    tokens = np.random.default_rng(0).integers(10, 257, size=len(docs))
    plain = [r["label"] for r in label_documents(scores, queries, docs)]
    inflated = scores * np.sqrt(tokens)[:, None]
    assert [r["label"] for r in label_documents(inflated, queries, docs, tokens=tokens)] == plain
    assert [r["label"] for r in label_documents(inflated, queries, docs)] != plain
    # length_power=0 turns it off: the tokens are then only evidence
    off = label_documents(inflated, queries, docs, tokens=tokens, length_power=0)
    assert [r["label"] for r in off] == [r["label"] for r in label_documents(inflated, queries, docs)]
    assert off[0]["evidence"]["tokens"] == int(tokens[0])
    with pytest.raises(CurateUserError, match="token counts"):
        label_documents(scores, queries, docs, tokens=tokens[:-1])
    with pytest.raises(CurateUserError, match="length_power"):
        label_documents(scores, queries, docs, length_power=-1)


def test_label_evidence_and_answer_in_text(planted):
    scores, docs, queries = planted
    records = label_documents(scores, queries, docs)
    keys = {"reasoning", "factual", "factual_mean", "control", "top_task", "top_factual_query", "answer_in_text"}
    assert all(keys <= set(r["evidence"]) for r in records)
    assert [r["id"] for r in records] == [d["id"] for d in docs]
    # the largest planted factual influence sits on the queries whose answer the document states
    with_answer = [r["label"] for r in records if r["evidence"]["answer_in_text"]]
    assert len(with_answer) >= 30 and np.mean([lab == "factual" for lab in with_answer]) >= 0.8
    factual = [r["evidence"]["answer_in_text"] for r in records if r["label"] == "factual"]
    others = [r["evidence"]["answer_in_text"] for r in records if r["label"] != "factual"]
    assert np.mean(factual) > 3 * np.mean(others)
    reasoning_tasks = {q["task"] for q in queries if q["kind"] == "reasoning"}
    assert all(r["evidence"]["top_task"] in reasoning_tasks for r in records)


def test_write_labels(tmp_path, planted_dir):
    out = tmp_path / "labels.jsonl"
    summary = write_labels(planted_dir, out)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == N_DOCS and set(lines[0]) == {"id", "label", "evidence"}
    assert summary["evaluation"]["macro_f1"] >= 0.85
    assert sum(summary["counts"].values()) == N_DOCS
    assert {"r_min", "f_min", "margin"} <= set(summary["thresholds"])


def test_answer_matching_is_whole_word():
    assert answer_in_text("76", "The answer is 76.")
    assert not answer_in_text("76", "It cost 176 pounds.")
    assert not answer_in_text("1", "at an elevation of 1,192 metres")
    assert not answer_in_text("3", "a ratio of 3.5")
    assert answer_in_text("3", "3, 4 and 5")
    assert answer_in_text("lostesh", "native to Lostesh, where")
    assert not answer_in_text("Marka", "born in Markanwick")
    assert answer_in_text("4, 5, 11, 20", "sorted: 4, 5, 11, 20.")


# ---------------------------------------------------------------------------------------------
# Report


def test_random_k_baseline_is_exact():
    rng = random.Random(0)
    for n, m, k in [(200, 5, 20), (50, 1, 10), (300, 30, 7)]:
        exact = random_k_hit_probability(n, m, k)
        closed = 1 - math.comb(n - m, k) / math.comb(n, k)
        assert exact == pytest.approx(closed, abs=1e-12)
        hits = sum(any(j < m for j in rng.sample(range(n), k)) for _ in range(20_000))
        assert hits / 20_000 == pytest.approx(exact, abs=0.015)
    assert random_k_hit_probability(100, 0, 50) == 0.0
    assert random_k_hit_probability(100, 60, 50) == 1.0
    assert random_k_hit_probability(10, 2, 500) == 1.0  # k capped at n


def test_answer_in_topk_baseline_matches_shuffled_rankings(world):
    docs, queries = world
    noise = planted_scores(docs, queries, seed=3, signal=False)
    res = answer_in_topk(noise, queries, docs, ks=(10, 50))
    # random rankings: the share with the answer in top-k is the random-k baseline, up to sampling
    for kind in ("factual", "reasoning"):
        row = res["by_kind"][kind]["k"]["50"]
        assert abs(row["excess"]) < 0.25, (kind, row)
    # and exactly: the mean of the baseline over many shuffled score matrices
    rng = np.random.default_rng(0)
    A = answer_matrix(docs, [q["answer"] for q in queries])
    df = A.sum(axis=0)
    j = int(np.argmax((df > 0) & (df < 20)))
    sims = [A[rng.permutation(len(docs))[:10], j].any() for _ in range(4000)]
    assert np.mean(sims) == pytest.approx(random_k_hit_probability(len(docs), int(df[j]), 10), abs=0.025)


def test_finding1_same_task_beats_different_task_on_planted_not_on_noise(planted, world):
    scores, _, queries = planted
    res = correlation_groups(scores, queries, n_boot=60, seed=0)
    assert res["same_task"]["mean"] > res["different_task"]["mean"] + 0.05
    assert res["same_minus_different"]["excludes_zero"]
    lo, hi = res["same_minus_different"]["ci95"]
    assert 0 < lo <= res["same_minus_different"]["mean"] <= hi
    docs, queries = world
    noise = correlation_groups(planted_scores(docs, queries, seed=1, signal=False), queries, n_boot=60, seed=0)
    assert abs(noise["same_minus_different"]["mean"]) < 0.03
    assert not noise["same_minus_different"]["excludes_zero"]


def test_finding1_interval_holds_its_estimate_when_few_documents_dominate(world):
    # a handful of documents carry most of the influence (as on real scores): resampling repeats
    # them and shifts the bootstrap's correlations off the estimate; the interval stays centred on it
    docs, queries = world
    rng = np.random.default_rng(3)
    s = rng.standard_normal((len(docs), len(queries)))
    heavy = rng.choice(len(docs), 8, replace=False)
    s[heavy] += 30 * rng.standard_normal((8, 1))  # shared across queries: correlated, but only through 8 rows
    res = correlation_groups(s, queries, n_boot=60, seed=0)
    for group in ("same_task", "different_task", "factual", "same_minus_different"):
        lo, hi = res[group]["ci95"]
        assert lo < res[group]["mean"] < hi and (lo + hi) / 2 == pytest.approx(res[group]["mean"]), (group, res[group])
        assert math.isfinite(res[group]["boot_mean"])


def _numbers(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _numbers(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _numbers(v)
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        yield obj


def test_report_writes_every_file_with_expected_keys(tmp_path, planted_dir):
    out = tmp_path / "report"
    report = influence_report(planted_dir, out, seed=0, n_boot=40)
    for name in ("report.json", "report.md", "report.html", "correlation.png", "answers_topk.png",
                 "dispersion.png", "sources.png", "labels.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    on_disk = json.loads((out / "report.json").read_text())
    assert on_disk == report
    for key in ("finding1_correlation", "finding2_answers", "dispersion", "sources", "labels", "targets", "figures"):
        assert key in report
    f1 = report["finding1_correlation"]
    for group in ("same_task", "different_task", "factual", "same_minus_different"):
        assert set(f1[group]) >= {"mean", "ci95", "pairs"}
        assert all(isinstance(x, float) and math.isfinite(x) for x in [f1[group]["mean"], *f1[group]["ci95"]])
    f2 = report["finding2_answers"]
    for kind in ("factual", "reasoning"):
        for k in ("10", "50", "500"):
            row = f2["by_kind"][kind]["k"][k]
            assert set(row) >= {"share", "baseline", "excess"}
            assert 0 <= row["share"] <= 1 and 0 <= row["baseline"] <= 1
    assert math.isfinite(f2["factual_to_reasoning_excess_ratio"])
    assert f2["factual_to_reasoning_excess_ratio"] >= 3
    disp = report["dispersion"]["by_kind"]
    for kind in ("reasoning", "factual"):
        shares = [disp[kind][f]["mean"] for f in ("0.01", "0.05", "0.1")]
        assert all(0 < s <= 1 for s in shares) and shares == sorted(shares)
    src = report["sources"]
    assert abs(sum(src["base_rate"].values()) - 1) < 1e-9
    assert set(src["by_kind"]["reasoning"]) == set(src["base_rate"])
    assert report["labels"]["evaluation"]["macro_f1"] >= 0.85
    assert report["targets"]["finding1_difference_excludes_zero"]
    assert all(math.isfinite(x) for x in _numbers(report))
    md, html = (out / "report.md").read_text(), (out / "report.html").read_text()
    assert "Finding 1" in md and "![" in md and "correlation.png" in md
    assert "data:image/png;base64," in html and "Finding 2" in html


# ---------------------------------------------------------------------------------------------
# Check


def test_allocation_and_stratified_sample():
    assert _allocate({"a": 100, "b": 100, "c": 100}, 90) == {"a": 30, "b": 30, "c": 30}
    assert _allocate({"a": 5, "b": 100, "c": 100}, 90) == {"a": 5, "b": 43, "c": 42}
    assert _allocate({"a": 5, "b": 6}, 90) == {"a": 5, "b": 6}
    docs = [{"id": str(i), "text": "x", "metadata": {"curate": {"label": "ab"[i % 2] if i % 10 else "c"}}}
            for i in range(300)]
    docs.append({"id": "u", "text": "x", "metadata": {}})
    recs, stats = stratified_sample(docs, 60, seed=1)
    assert stats["sampled"] == {"a": 20, "b": 20, "c": 20} and stats["untagged"] == 1
    assert len({r["id"] for r in recs}) == 60
    again, _ = stratified_sample(docs, 60, seed=1)
    assert [r["id"] for r in again] == [r["id"] for r in recs]


def test_permutation_test_separates_agreement_from_chance():
    rng = np.random.default_rng(0)
    labels = rng.choice(list(LABELS), 300)
    good = np.where(rng.random(300) < 0.7, labels, rng.choice(list(LABELS), 300))
    assert permutation_test(good, labels, n_perm=500)["p_value"] < 0.01
    assert permutation_test(rng.permutation(labels), labels, n_perm=500)["p_value"] > 0.01


def _tagged_corpus(tmp_path, docs, tags):
    from datatrove.data import Document

    from curate.io import write_documents

    out = tmp_path / "tagged"
    write_documents(
        (Document(text=d["text"], id=d["id"], metadata={**d["metadata"], "curate": {"label": t}})
         for d, t in zip(docs, tags)),
        out, fmt="jsonl.gz",
    )
    return out


def _planted_scorer(planted):
    scores, docs, queries = planted
    row = {d["id"]: i for i, d in enumerate(docs)}
    col = {q["id"]: j for j, q in enumerate(queries)}

    def scorer(sample_docs, sample_queries, model_dir):
        return scores[np.ix_([row[d["id"]] for d in sample_docs], [col[q["id"]] for q in sample_queries])]

    return scorer


def test_check_passes_true_tags_and_fails_shuffled_tags(tmp_path, planted):
    scores, docs, queries = planted
    truth = [d["metadata"]["doc_type"] for d in docs]
    scorer = _planted_scorer(planted)

    true_dir = _tagged_corpus(tmp_path / "true", docs, truth)
    res = influence_check(true_dir, None, queries, sample=300, seed=0, out=tmp_path / "true_out",
                          scorer=scorer, n_perm=300)
    assert res["verdict"] == "pass" and res["passed"], res["reasons"]
    assert res["agreement"]["kappa"] >= 0.6 and res["permutation"]["p_value"] < 0.01
    assert sum(res["sample"]["sampled"].values()) == 300
    saved = json.loads((tmp_path / "true_out" / "check.json").read_text())
    assert saved["verdict"] == "pass"
    assert len((tmp_path / "true_out" / "labels.jsonl").read_text().splitlines()) == 300

    shuffled = list(truth)
    random.Random(7).shuffle(shuffled)
    bad_dir = _tagged_corpus(tmp_path / "bad", docs, shuffled)
    bad = influence_check(bad_dir, None, queries, sample=300, seed=0, scorer=scorer, n_perm=300)
    assert bad["verdict"] == "fail" and not bad["passed"]
    assert bad["reasons"]
    assert abs(bad["agreement"]["kappa"]) < 0.2
