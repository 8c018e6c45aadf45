"""Tests for the reference LM (curate.lm): tokenizer, model, training loop, query metrics."""

from __future__ import annotations

import json
import random

import pytest
import torch
from safetensors.torch import load_file

from curate.lm import evaluate
from curate.lm.evaluate import IGNORE, completion_losses, copied_number_mask, encode_query, extract_answer, is_correct, query_metrics
from curate.lm.model import build_model, count_params, linear_module_names
from curate.lm.presets import PRESETS, get_preset
from curate.lm.tokenizer import train_tokenizer
from curate.lm.train import batch_indices, load_lm, lr_at, train_lm

WORDS = "the river city market old new small road bridge north people trade grain wool winter king built near many".split()


def worked(a: int, b: int, c: int) -> dict:
    s = a + b
    return {
        "prompt": f"Q: Calculate ({a} + {b}) * {c}.\nA:",
        "completion": f" First, {a} + {b} = {s}. Then, {s} * {c} = {s * c}. The answer is {s * c}.",
        "answer": str(s * c),
    }


def make_corpus(n: int, seed: int = 0) -> list[str]:
    """Worked examples in the query format, interleaved with filler prose."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        if i % 2 == 0:
            q = worked(rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 5))
            docs.append(q["prompt"] + q["completion"])
        else:
            docs.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40))).capitalize() + ".")
    return docs


def make_queries() -> list[dict]:
    qs = []
    for i, (a, b, c) in enumerate([(1, 2, 3), (4, 0, 2), (3, 3, 1), (2, 5, 4)]):
        qs.append({"id": f"r{i}", "task": "arith", "kind": "reasoning", "split": "probe", **worked(a, b, c)})
    qs.append({"id": "f0", "task": "capital", "kind": "factual", "split": "probe",
               "prompt": "Q: What is the old city?\nA:", "completion": " The answer is Grain.", "answer": "Grain"})
    return qs


CORPUS = make_corpus(300)
TINY_SHORT = get_preset("tiny", steps=12, warmup=3, checkpoint_every=5, log_every=2)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One torch thread: tiny models gain nothing from more, and lose a lot on a busy machine."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("lm")
    report = train_lm(CORPUS, out, preset="tiny", seed=0, queries=make_queries(), progress=False)
    return out, report


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(CORPUS, 384)


# ------------------------------------------------------------------------- tokenizer


def test_tokenizer_splits_digits_roundtrips_and_is_deterministic(tokenizer, tmp_path):
    text = "Q: Calculate (12 + 305) * 7.\nA: The answer is 2219."
    ids = tokenizer(text)["input_ids"]
    assert ids[0] == tokenizer.bos_token_id
    assert tokenizer.decode(ids, skip_special_tokens=True) == text
    pieces = [tokenizer.decode([i]) for i in ids[1:]]
    assert all(len(p.strip()) <= 1 for p in pieces if any(ch.isdigit() for ch in p))
    assert {tokenizer.bos_token, tokenizer.eos_token, tokenizer.pad_token} == {"<|bos|>", "<|eos|>", "<|pad|>"}
    again = train_tokenizer(CORPUS, 384)
    assert again.backend_tokenizer.to_str() == tokenizer.backend_tokenizer.to_str()

    from transformers import AutoTokenizer

    tokenizer.save_pretrained(tmp_path)
    loaded = AutoTokenizer.from_pretrained(tmp_path)
    assert loaded(text)["input_ids"] == ids
    assert (loaded.bos_token_id, loaded.eos_token_id, loaded.pad_token_id) == (0, 1, 2)


# --------------------------------------------------------------------------- metrics


@pytest.mark.parametrize(
    "text, answer, ok",
    [
        (" First, 7 + 5 = 12. Then, 12 * 3 = 36. The answer is 36.", "36", True),
        (" The answer is 36", "36", True),
        (" The answer is 360.", "36", False),
        (" The answer is 3.", "36", False),
        (" The answer is 36.5.", "36", False),
        (" The answer is 35. The answer is 36.", "36", False),  # only the first counts
        (" So it is 36.", "36", False),
        (" The answer is Paris. Next", "Paris", True),
        (" The answer is Paris Hilton.", "Paris", False),
        (" The answer is 3.5.", "3.5", True),
        ("", "36", False),
    ],
)
def test_is_correct(text, answer, ok):
    assert is_correct(text, answer) is ok


def test_extract_answer():
    assert extract_answer("x. The answer is 42. More") == "42"
    assert extract_answer("no answer here") is None


def test_accuracy_aggregates_hand_made_outputs(monkeypatch, tokenizer):
    queries = make_queries()
    outputs = {  # by prompt: two of four arithmetic queries right, the factual one right
        queries[0]["prompt"]: queries[0]["completion"],
        queries[1]["prompt"]: " First, 4 + 0 = 4. Then, 4 * 2 = 8. The answer is 80.",
        queries[2]["prompt"]: queries[2]["completion"],
        queries[3]["prompt"]: " I do not know",
        queries[4]["prompt"]: " The answer is Grain.",
    }
    monkeypatch.setattr(evaluate, "greedy_generate", lambda m, t, prompts, **kw: [outputs[p] for p in prompts])
    model = build_model(PRESETS["tiny"], tokenizer, seed=0)
    m = query_metrics(model, tokenizer, queries)
    assert m["overall"]["n"] == 5 and m["overall"]["accuracy"] == pytest.approx(3 / 5)
    assert m["by_kind"]["reasoning"]["accuracy"] == pytest.approx(2 / 4)
    assert m["by_kind"]["factual"]["accuracy"] == 1.0
    assert m["by_task"]["arith"]["n"] == 4 and m["by_task"]["capital"]["n"] == 1
    assert [r["correct"] for r in m["per_query"]] == [True, False, True, False, True]
    losses = [r["loss"] for r in m["per_query"]]
    assert m["by_kind"]["reasoning"]["loss"] == pytest.approx(sum(losses[:4]) / 4)


def test_completion_loss_masks_prompt(trained):
    model, tokenizer = load_lm(trained[0])
    queries = make_queries()
    q = queries[0]
    ids, labels = encode_query(tokenizer, q["prompt"], q["completion"])
    n_prompt = len(tokenizer(q["prompt"])["input_ids"])
    assert labels[:n_prompt] == [IGNORE] * n_prompt and labels[n_prompt:] == ids[n_prompt:]
    # encoding prompt and completion apart gives the tokens the model saw in training
    assert all(
        encode_query(tokenizer, x["prompt"], x["completion"])[0] == tokenizer(x["prompt"] + x["completion"])["input_ids"]
        for x in queries
    )

    # manual: NLL of each completion token given everything before it
    with torch.no_grad():
        logp = torch.log_softmax(model(torch.tensor([ids])).logits[0].double(), -1)
    manual = -sum(logp[t - 1, ids[t]].item() for t in range(n_prompt, len(ids))) / (len(ids) - n_prompt)
    # the same queries batched together (different lengths, padded) give the same numbers
    batched = completion_losses(model, tokenizer, queries, batch_size=8)
    single = completion_losses(model, tokenizer, [q], batch_size=1)
    assert batched[0] == pytest.approx(manual, rel=1e-4)
    assert single[0] == pytest.approx(manual, rel=1e-4)
    # and it is not the loss over all tokens (prompt included)
    with torch.no_grad():
        full = torch.nn.functional.cross_entropy(model(torch.tensor([ids])).logits[0, :-1], torch.tensor(ids[1:]))
    assert abs(full.item() - manual) > 1e-3


def test_copy_loss_covers_exactly_the_numbers_taken_from_the_prompt(trained):
    model, tokenizer = load_lm(trained[0])
    prompt, completion = "Q: Calculate 6 * 10 + 16.\nA:", " First, 6 * 10 = 60. Then, 60 + 16 = 76. The answer is 76."
    ids = tokenizer(completion, add_special_tokens=False)["input_ids"]
    mask = copied_number_mask(tokenizer, prompt, completion)
    assert len(mask) == len(ids)
    # digits are single tokens: 6, 1 0 (first step) and 1 6 (second step); 60 and 76 are computed
    assert "".join(tokenizer.decode([i]) for i, m in zip(ids, mask) if m) == "61016"
    q = {"id": "q", "prompt": prompt, "completion": completion, "answer": "76", "kind": "reasoning", "task": "t"}
    row = query_metrics(model, tokenizer, [q], generate=False)["per_query"][0]
    with torch.no_grad():
        full, _ = encode_query(tokenizer, prompt, completion)
        logp = torch.log_softmax(model(torch.tensor([full])).logits[0].double(), -1)
    start = len(full) - len(ids)
    manual = [-logp[start + j - 1, ids[j]].item() for j in range(len(ids)) if mask[j]]
    assert row["copy_loss"] == pytest.approx(sum(manual) / len(manual), rel=1e-4)


# -------------------------------------------------------------------------- training


def test_schedule_and_data_order():
    p = get_preset("tiny", steps=100, warmup=10, lr=1.0, min_lr_ratio=0.1)
    assert lr_at(0, p) == pytest.approx(0.1) and lr_at(9, p) == pytest.approx(1.0)
    assert lr_at(55, p) == pytest.approx(0.55) and lr_at(99, p) == pytest.approx(0.1, abs=1e-3)
    # every block exactly once per epoch, and the same order for the same seed
    seen = torch.cat([batch_indices(s, 4, 10, seed=3) for s in range(5)]).tolist()
    assert sorted(seen[:10]) == list(range(10)) and sorted(seen[10:]) == list(range(10))
    assert batch_indices(2, 4, 10, seed=3).tolist() == seen[8:12]
    assert seen != torch.cat([batch_indices(s, 4, 10, seed=4) for s in range(5)]).tolist()


def test_presets_are_consistent(tokenizer):
    for p in PRESETS.values():
        assert p.d_model % p.n_heads == 0 and p.batch_size % p.grad_accum == 0 and p.warmup < p.steps
    model = build_model(PRESETS["tiny"], tokenizer)
    names = linear_module_names(model)
    assert names and all(isinstance(model.get_submodule(n), torch.nn.Linear) for n in names)
    assert "lm_head" not in names and len(names) == 7 * PRESETS["tiny"].n_layers
    assert count_params(model) > count_params(model, non_embedding=True)


def test_training_reduces_loss_and_saves_a_transformers_model(trained):
    out, report = trained
    assert report["final_loss"] < report["first_loss"] - 1.5
    curve = json.loads((out / "loss_curve.json").read_text())
    assert curve[-1]["step"] == PRESETS["tiny"].steps and curve[-1]["loss"] < curve[0]["loss"]
    assert report["tokens_seen"] == PRESETS["tiny"].total_tokens and report["tokens_per_s"] > 0
    before, after = report["queries_before"], report["queries_after"]
    assert after["by_kind"]["reasoning"]["loss"] < before["by_kind"]["reasoning"]["loss"] - 1.0
    assert set(after["by_task"]) == {"arith", "capital"}
    assert not (out / "checkpoint").exists()

    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(out).eval()
    tok = AutoTokenizer.from_pretrained(out)
    ours, ours_tok = load_lm(out)
    x = tok("Q: Calculate (1 + 2) * 3.\nA:", return_tensors="pt")["input_ids"]
    assert x.tolist() == ours_tok("Q: Calculate (1 + 2) * 3.\nA:", return_tensors="pt")["input_ids"].tolist()
    with torch.no_grad():
        assert torch.equal(model(x).logits, ours(x).logits)
    # finished runs are not trained again
    assert train_lm(CORPUS, out, preset="tiny", seed=0, progress=False) == report


def test_greedy_generation_is_batch_invariant(trained):
    model, tok = load_lm(trained[0])
    prompts = [q["prompt"] for q in make_queries()]
    batched = evaluate.greedy_generate(model, tok, prompts, max_new_tokens=20, batch_size=8)
    single = [evaluate.greedy_generate(model, tok, [p], max_new_tokens=20)[0] for p in prompts]
    assert batched == single
    assert all("\n" not in s for s in batched)


def _weights(d) -> dict:
    return load_file(str(d / "model.safetensors"))


def test_same_seed_same_weights_and_resume_equals_uninterrupted(tmp_path):
    full = train_lm(CORPUS, tmp_path / "a", preset=TINY_SHORT, seed=0, progress=False)
    again = train_lm(CORPUS, tmp_path / "b", preset=TINY_SHORT, seed=0, progress=False)
    a, b = _weights(tmp_path / "a"), _weights(tmp_path / "b")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)

    # interrupted after 7 steps (between checkpoints), then resumed
    stopped = train_lm(CORPUS, tmp_path / "c", preset=TINY_SHORT, seed=0, progress=False, max_steps=7)
    assert stopped["stopped_at"] == 7 and (tmp_path / "c" / "checkpoint" / "latest.json").exists()
    resumed = train_lm(CORPUS, tmp_path / "c", preset=TINY_SHORT, seed=0, progress=False)
    c = _weights(tmp_path / "c")
    assert all(torch.equal(a[k], c[k]) for k in a)
    assert resumed["resumed_at"] == [7] and resumed["final_loss"] == full["final_loss"]
    assert json.loads((tmp_path / "c" / "loss_curve.json").read_text())[-1]["loss"] == full["final_loss"]
    assert again["final_loss"] == full["final_loss"]

    # another seed gives other weights; a different run in a used folder is refused
    train_lm(CORPUS, tmp_path / "d", preset=TINY_SHORT, seed=1, progress=False)
    d = _weights(tmp_path / "d")
    assert not all(torch.equal(a[k], d[k]) for k in a)
    with pytest.raises(ValueError, match="different run"):
        train_lm(CORPUS, tmp_path / "a", preset=TINY_SHORT, seed=1, progress=False)


def test_token_budget_sets_the_steps():
    p = PRESETS["demo"].with_tokens(3_000_000)
    assert p.steps == round(3_000_000 / p.tokens_per_step) and p.warmup == PRESETS["demo"].warmup
    short = PRESETS["demo"].with_tokens(10 * PRESETS["demo"].tokens_per_step)
    assert short.steps == 10 and short.warmup == 1 and short.lr == PRESETS["demo"].lr
