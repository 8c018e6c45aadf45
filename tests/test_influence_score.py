"""Influence scoring: task, backends (fast and ekfac) and the sharded, resumable corpus run.

One tiny reference LM is trained per module on a few hundred generated documents; documents
are cut to 64 tokens so that every kronfluence pass stays at a few seconds on 2 CPU cores.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file
from scipy.stats import spearmanr

from curate.errors import CurateUserError
from curate.influence import (
    EkfacBackend,
    FastBackend,
    InfluenceScorer,
    LanguageModelTask,
    doc_tokens_for,
    get_backend,
    load_doc_tokens,
    load_scores,
    query_losses,
    score_corpus,
    tracked_modules,
)
from curate.influence.backends import FLOAT32_SDPA, compute_in
from curate.influence.task import Collator, document_example, encode_documents, query_example
from curate.lm import get_preset, load_lm, train_lm
from curate.world import generate_world

N_TRAIN = 300
N_SCORE = 48
SHARD = 16
SETTINGS = {"max_length": 64, "batch_size": 16}


@pytest.fixture(scope="module")
def threads():
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # a shared 2-core box runs one thread per process fastest
    yield 1
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def world(tmp_path_factory, threads):
    root = tmp_path_factory.mktemp("influence")
    generate_world(root / "world", n_docs=N_TRAIN, seed=0)
    from curate.io import iter_documents

    texts = [d.text for d in iter_documents(root / "world" / "docs")]
    train_lm(texts, root / "lm", preset=get_preset("tiny", steps=40), seed=0, progress=False, threads=1)
    queries = [json.loads(x) for x in (root / "world" / "queries" / "influence.jsonl").read_text().splitlines()]
    by_task: dict[str, list[dict]] = {}
    for q in queries:
        by_task.setdefault(q["task"], []).append(q)
    picked = [q for qs in by_task.values() for q in qs[:1]]
    return {"root": root, "docs": root / "world" / "docs", "lm": root / "lm", "texts": texts, "queries": picked}


@pytest.fixture(scope="module")
def runs(world):
    """score_corpus with both backends on the first N_SCORE documents (3 shards)."""
    out = {}
    for backend, extra in (("fast", {"fit_docs": 24}), ("ekfac", {})):
        out[backend] = score_corpus(
            world["docs"], world["queries"], world["lm"], world["root"] / f"scores-{backend}",
            backend=backend, shard_docs=SHARD, limit=N_SCORE, progress=False, threads=1,
            **SETTINGS, **extra,
        )
    return out


# ------------------------------------------------------------------------------- the task


def test_tracked_modules_default_to_mlp_layers(world):
    model, _ = load_lm(world["lm"])
    n_layers = model.config.num_hidden_layers
    mlp = tracked_modules(model)
    assert len(mlp) == 3 * n_layers and all(".mlp." in n for n in mlp)
    assert all(".self_attn." in n for n in tracked_modules(model, "attn"))
    assert len(tracked_modules(model, "all")) == 7 * n_layers  # no output head
    assert tracked_modules(model, ["*.mlp.down_proj"]) == [n for n in mlp if n.endswith("down_proj")]
    with pytest.raises(ValueError):
        tracked_modules(model, ["nothing.*"])


def test_measurement_is_the_completion_loss_of_lm_evaluate(world):
    from curate.lm.evaluate import completion_losses

    model, tok = load_lm(world["lm"])
    qs = world["queries"]
    summed = query_losses(model, tok, qs)
    mean = completion_losses(model, tok, qs)
    n_tokens = [sum(x != -100 for x in query_example(tok, q)["labels"][1:]) for q in qs]
    np.testing.assert_allclose(np.array(summed) / np.array(n_tokens), mean, rtol=1e-5)
    # the task's measurement of a batch is the sum of the queries' losses
    batch = Collator(tok.pad_token_id)([query_example(tok, q) for q in qs])
    with torch.no_grad():
        total = LanguageModelTask().compute_measurement(batch, model).item()
    assert total == pytest.approx(sum(summed), rel=1e-5)


def test_documents_are_encoded_as_in_training_and_cut(world):
    _, tok = load_lm(world["lm"])
    short, long = "A short note.", " ".join(["word"] * 500)
    a, b = encode_documents(tok, [short, long], max_length=32)
    assert a[0] == tok.bos_token_id and a[-1] == tok.eos_token_id
    assert len(b) == 32 and b[0] == tok.bos_token_id


def test_collator_rounds_the_width_up_with_masked_padding():
    batch = Collator(pad_id=2, multiple=16)([document_example([0, 5, 6, 1]), document_example(list(range(3, 20)))])
    assert batch["input_ids"].shape == (2, 32)
    assert batch["attention_mask"].sum(1).tolist() == [4, 17]
    assert (batch["labels"][batch["attention_mask"] == 0] == -100).all()
    assert (batch["input_ids"][0, 4:] == 2).all()


def test_fisher_label_draws_do_not_depend_on_batching(world):
    model, tok = load_lm(world["lm"])
    examples = [document_example(x) for x in encode_documents(tok, world["texts"][:3], 48)]
    collate = Collator(tok.pad_token_id)
    task = LanguageModelTask()

    def draws(batches):
        task.reseed(7)
        out = []
        for b in batches:
            batch = collate(b)
            with torch.no_grad():
                logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1]
            labels = task._sample_labels(logits.float(), batch["labels"][:, 1:])
            out += [row[row != -100] for row in labels]
        return out

    together = draws([examples])
    apart = draws([[e] for e in examples])
    assert all(torch.equal(x, y) for x, y in zip(together, apart))


# --------------------------------------------------------------------------- the backends


def test_fast_scorer_equals_kronfluence_pairwise_on_the_same_factors(world, tmp_path):
    """The fast backend's lean pass computes kronfluence's pairwise scores exactly (in float32),
    and in bfloat16 products it ranks documents as float32 does."""
    model, tok = load_lm(world["lm"])
    texts, qs = world["texts"][:24], world["queries"]
    ekfac = EkfacBackend(**SETTINGS)
    ekfac.fit(model, tok, texts, tmp_path)
    ref = ekfac.score_texts(model, tok, texts, qs, tmp_path)
    fast = FastBackend(**SETTINGS, compute_dtype="float32").score_texts(model, tok, texts, qs, tmp_path)
    assert ref.shape == (24, len(qs)) and np.isfinite(ref).all()
    np.testing.assert_allclose(fast, ref, rtol=1e-3, atol=1e-4 * np.abs(ref).max())
    bf16 = FastBackend(**SETTINGS, compute_dtype="bfloat16").score_texts(model, tok, texts, qs, tmp_path)
    assert np.abs(bf16 - ref).max() < 0.02 * np.abs(ref).max() and not np.array_equal(bf16, fast)
    assert np.median([spearmanr(bf16[:, j], ref[:, j])[0] for j in range(len(qs))]) > 0.99
    assert model.config._attn_implementation == "sdpa"  # the float32-attention swap is undone


def test_query_gradients_are_computed_once_per_factors_folder(world, tmp_path):
    """A second backend (a worker, a resumed run) loads the saved query gradients instead of
    computing them, and scores the same bytes; other queries or settings compute afresh."""
    model, tok = load_lm(world["lm"])
    texts, qs = world["texts"][:16], world["queries"]
    first = FastBackend(**SETTINGS)
    first.fit(model, tok, texts, tmp_path)
    assert not first.queries_ready(tmp_path, qs)
    assert "queries" in first.prepare_queries(model, tok, qs, tmp_path).seconds
    assert first.queries_ready(tmp_path, qs) and (tmp_path / "query_gradients.safetensors").is_file()
    second = FastBackend(**SETTINGS)
    assert second.prepare_queries(model, tok, qs, tmp_path).seconds == {}
    assert np.array_equal(second.score_texts(model, tok, texts, qs, tmp_path),
                          first.score_texts(model, tok, texts, qs, tmp_path))
    assert not second.queries_ready(tmp_path, qs[:-1])
    assert not FastBackend(**SETTINGS, damping=1.0).queries_ready(tmp_path, qs)
    assert not FastBackend(**SETTINGS, compute_dtype="float32").queries_ready(tmp_path, qs)


def test_bf16_pass_keeps_attention_in_float32_on_cpu(world, monkeypatch):
    """Under the bf16 pass the matmuls autocast to bf16 while attention gets float32 inputs."""
    model, _ = load_lm(world["lm"])
    seen: dict = {"attention": set()}
    sdpa = torch.nn.functional.scaled_dot_product_attention

    def observed(q, *args, **kwargs):  # records the dtype, then runs the real kernel
        seen["attention"].add(q.dtype)
        return sdpa(q, *args, **kwargs)

    monkeypatch.setattr(torch.nn.functional, "scaled_dot_product_attention", observed)
    hook = model.model.layers[0].mlp.up_proj.register_forward_hook(lambda m, i, o: seen.update(mlp=o.dtype))
    with compute_in(model, torch.bfloat16):
        assert model.config._attn_implementation == FLOAT32_SDPA
        logits = model(input_ids=torch.tensor([[1, 5, 6, 7, 8]])).logits
    hook.remove()
    assert seen == {"attention": {torch.float32}, "mlp": torch.bfloat16} and torch.isfinite(logits).all()
    assert model.config._attn_implementation == "sdpa"


def test_compute_dtype_auto_resolves_to_a_dtype_and_bad_ones_fail():
    assert FastBackend().settings.compute_dtype in ("float32", "bfloat16")
    assert EkfacBackend().settings.compute_dtype == "float32"
    with pytest.raises(ValueError, match="compute_dtype"):
        FastBackend(compute_dtype="float16")


def test_factor_fit_does_not_depend_on_the_batch_size(world, tmp_path):
    """Same documents, other batching: the same covariances (up to float rounding), the same scores.

    Eigenvectors are compared through the scores: within (near-)degenerate eigenspaces they
    may rotate with rounding, which leaves the preconditioner unchanged.
    """
    model, tok = load_lm(world["lm"])
    texts, qs = world["texts"][:12], world["queries"]
    scores = {}
    for run, batch in (("a", 4), ("b", 12)):
        backend = FastBackend(max_length=32, batch_size=batch, compute_dtype="float32")  # the fit, not bf16 rounding
        backend.fit(model, tok, texts, tmp_path / run)
        scores[run] = backend.score_texts(model, tok, texts, qs, tmp_path / run)
    kfac = Path("kronfluence") / "factors_ekfac"
    for name in ("activation_covariance", "gradient_covariance"):
        a = load_file(tmp_path / "a" / kfac / f"{name}.safetensors")
        b = load_file(tmp_path / "b" / kfac / f"{name}.safetensors")
        for k in a:
            np.testing.assert_allclose(a[k], b[k], rtol=1e-4, atol=1e-5 * np.abs(a[k]).max())
    np.testing.assert_allclose(scores["a"], scores["b"], rtol=1e-2, atol=1e-3 * np.abs(scores["a"]).max())


# --------------------------------------------------------------------------- corpus runs


def test_score_corpus_writes_the_documented_folder(world, runs):
    for backend, out in runs.items():
        scores, docs, queries = load_scores(out)
        assert scores.shape == (N_SCORE, len(world["queries"])) and scores.dtype == np.float32
        assert np.isfinite(scores).all() and np.abs(scores).max() > 0
        assert [d["id"] for d in docs] == [f"world-{i:08d}" for i in range(N_SCORE)]
        assert docs[0]["text"] == world["texts"][0] and "source" in docs[0]["metadata"]
        assert [q["id"] for q in queries] == [q["id"] for q in world["queries"]]
        raw, _, _ = load_scores(out, raw=True)
        loss = load_file(out / "scores.safetensors")["query_loss"]
        np.testing.assert_allclose(scores, raw / loss[None, :], rtol=1e-5)
        meta = json.loads((out / "meta.json").read_text())
        assert meta["backend"] == backend and meta["n_docs"] == N_SCORE and meta["n_shards"] == 3
        assert meta["docs_per_s"] > 0 and "pairwise" in meta["phases"]
        assert meta["fit_docs"] == (24 if backend == "fast" else N_SCORE)
        # computed once before the shards: query losses (both), preconditioned query gradients (fast)
        assert json.loads((out / "factors" / "query_loss.json").read_text()) == pytest.approx(loss.tolist())
        assert (out / "factors" / "query_gradients.safetensors").is_file() == (backend == "fast")
        assert ("queries" in meta["phases"]) == (backend == "fast")


def test_scores_folder_stores_each_documents_loss_tokens(world, runs):
    # the label rule divides by these: they must be the tokens the backend's loss summed over
    _, tok = load_lm(world["lm"])
    want = [len(ids) for ids in encode_documents(tok, world["texts"][:N_SCORE], SETTINGS["max_length"])]
    for out in runs.values():
        tokens = load_doc_tokens(out)
        assert tokens.tolist() == want and tokens.dtype == np.int32
        # each shard stores its own, counted as it was scored (the merge does not tokenize again)
        assert load_file(out / "shards" / "00001.safetensors")["doc_tokens"].tolist() == want[SHARD : 2 * SHARD]
        assert max(want) == SETTINGS["max_length"]  # the cut is applied


def test_loss_tokens_follow_the_backends_cut(world):
    # fast scores the first score_length tokens; ekfac ignores it: doc_tokens_for counts as each encodes
    _, tok = load_lm(world["lm"])
    texts = world["texts"][:N_SCORE]
    for name, cut in (("fast", 24), ("ekfac", SETTINGS["max_length"])):
        settings = {**SETTINGS, "score_length": 24}
        want = [len(ids) for ids in get_backend(name, **settings).encode(tok, texts)]
        assert max(want) == cut
        assert doc_tokens_for(world["lm"], texts, name, settings).tolist() == want


def test_fast_agrees_with_ekfac(runs):
    fast, _, _ = load_scores(runs["fast"])
    ekfac, _, _ = load_scores(runs["ekfac"])
    rho = [spearmanr(fast[:, j], ekfac[:, j])[0] for j in range(fast.shape[1])]
    assert np.median(rho) > 0.6, rho


def test_rerun_resumes_only_missing_shards_and_is_byte_identical(world, runs):
    out = runs["fast"]
    before = (out / "scores.safetensors").read_bytes()
    markers = {k: (out / "shards" / f"{k:05d}.done.json").stat().st_mtime_ns for k in (0, 2)}
    (out / "shards" / "00001.safetensors").unlink()
    score_corpus(world["docs"], world["queries"], world["lm"], out, backend="fast", shard_docs=SHARD,
                 limit=N_SCORE, progress=False, threads=1, fit_docs=24, **SETTINGS)
    meta = json.loads((out / "meta.json").read_text())
    assert meta["docs_scored_this_call"] == SHARD and meta["resumed"]
    assert {k: (out / "shards" / f"{k:05d}.done.json").stat().st_mtime_ns for k in (0, 2)} == markers
    assert (out / "scores.safetensors").read_bytes() == before


@pytest.mark.parametrize("start_method", [None, "forkserver"])
def test_worker_processes_give_the_same_scores(world, runs, tmp_path, start_method):
    # two datatrove workers (processes of their own, keeping freed memory) split the shards; with one
    # thread each they are forked from this process (imports done), unless the executor config says
    config = {"start_method": start_method} if start_method else None
    out = score_corpus(world["docs"], world["queries"], world["lm"], tmp_path / "w2", backend="fast",
                       shard_docs=SHARD, limit=N_SCORE, progress=False, threads=1, workers=2, fit_docs=24,
                       executor_kwargs=config, **SETTINGS)
    assert json.loads((out / "logs" / "executor.json").read_text())["start_method"] == (start_method or "fork")
    ranks = {json.loads((out / "shards" / f"{k:05d}.done.json").read_text())["rank"] for k in range(3)}
    assert ranks == {0, 1}
    # the same scores up to bf16 rounding: a fresh process may round its bf16 matmuls differently
    two, one = load_scores(out, raw=True)[0], load_scores(runs["fast"], raw=True)[0]
    np.testing.assert_allclose(two, one, rtol=0, atol=1e-3 * np.abs(one).max())


def test_a_folder_of_another_run_is_refused(world, runs):
    with pytest.raises(CurateUserError, match="another run"):
        score_corpus(world["docs"], world["queries"], world["lm"], runs["fast"], backend="fast",
                     shard_docs=SHARD, limit=N_SCORE, progress=False, threads=1, fit_docs=12, **SETTINGS)


def test_unknown_settings_and_backends_are_refused(world, tmp_path):
    with pytest.raises(CurateUserError, match="unknown influence settings"):
        score_corpus(world["docs"], world["queries"], world["lm"], tmp_path, max_lenght=64)
    with pytest.raises(CurateUserError, match="unknown influence backend"):
        score_corpus(world["docs"], world["queries"], world["lm"], tmp_path, backend="lissa")


def test_bad_records_are_skipped_into_a_rejects_file(world, tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(world["texts"][:6])]
    lines[2] = json.dumps({"id": "empty", "text": ""})
    lines.insert(4, "not json")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n")
    with pytest.raises(CurateUserError, match=r"corpus.jsonl:3"):  # without skip_bad: one line naming file and line
        score_corpus(corpus, world["queries"], world["lm"], tmp_path / "strict", progress=False, threads=1, **SETTINGS)
    out = score_corpus(corpus, world["queries"], world["lm"], tmp_path / "scores", skip_bad=True, fit_docs=4,
                       progress=False, threads=1, **SETTINGS)
    scores, docs, _ = load_scores(out)
    rejects = [json.loads(x) for x in (out / "_rejects.jsonl").read_text().splitlines()]
    assert [d["id"] for d in docs] == ["d0", "d1", "d3", "d4", "d5"]
    assert sorted(r["line"] for r in rejects) == [3, 5] and len(docs) + len(rejects) == len(lines)
    assert scores.shape[0] == len(docs)


def test_the_pipeline_step_pickles(runs):
    step = pickle.loads(pickle.dumps(InfluenceScorer(runs["fast"], threads=1)))
    assert step.out_dir == str(runs["fast"])


@pytest.mark.slow
def test_factual_top_documents_contain_the_answer(world, tmp_path):
    """At tiny scale this is weak evidence; bench/influence.py checks it on the demo model."""
    factual = [q for q in json.loads("[" + ",".join(
        (world["root"] / "world" / "queries" / "influence.jsonl").read_text().splitlines()) + "]")
        if q["kind"] == "factual"][:8]
    out = score_corpus(world["docs"], factual, world["lm"], tmp_path / "facts", backend="fast",
                       shard_docs=100, progress=False, threads=1, max_length=128)
    scores, docs, queries = load_scores(out)
    hit_top, hit_all = [], []
    for j, q in enumerate(queries):
        has = np.array([q["answer"] in d["text"] for d in docs])
        top = np.argsort(-scores[:, j])[:10]
        hit_top.append(has[top].mean())
        hit_all.append(has.mean())
    assert np.mean(hit_top) > np.mean(hit_all)
