"""Recipes and mixing: shares and budget met, diversity controls work, every document accounted for,
deterministic output, bad recipes fail before writing, weights-only and dry-run modes, parser robustness."""

from __future__ import annotations

import gzip
import hashlib
import math
import re
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import orjson
import pytest
from datatrove.data import Document
from datatrove.utils.text import TextNormConfig, simplify_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.io import CorpusError, iter_documents, write_documents
from curate.mix import Recipe, RecipeError, filter_corpus, load_recipe, mix, render
from curate.mix.recipe import INPUTS_ENV, TOP_KEYS
from curate.mix.text import MinHasher, WordHasher
from curate.world import World

REPO = Path(__file__).resolve().parents[1]
RECIPES = REPO / "recipes"
LABELS = ("procedural", "factual", "other")
TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"\w+")


def tagged_docs(n: int, seed: int = 0, start: int = 0):
    """World documents tagged with their ground-truth type, with deterministic confidences in [0.4, 1)."""
    world = World(seed)
    for i in range(start, start + n):
        doc = world.document(i)
        meta = doc.metadata()
        u = int(hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:8], 16) / 2**32
        p = round(0.4 + 0.6 * u, 6)
        rest = [lab for lab in LABELS if lab != doc.doc_type]
        probs = {doc.doc_type: p, rest[0]: round((1 - p) * 0.6, 6), rest[1]: round((1 - p) * 0.4, 6)}
        meta["curate"] = {"label": doc.doc_type, "probs": probs, "classifier": "ground-truth"}
        yield Document(text=doc.text, id=f"world-{i:08d}", metadata=meta)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A tagged world corpus of 2,500 documents in two shards."""
    out = tmp_path_factory.mktemp("tagged")
    write_documents(tagged_docs(2500), out, fmt="jsonl.gz", max_docs_per_shard=1250)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    write_documents(tagged_docs(500, seed=1), out, fmt="jsonl", max_docs_per_shard=500)
    return out


@pytest.fixture(scope="module")
def runs(corpus, tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """The shipped diverse and narrow recipes, materialized on the test corpus (inputs overridden)."""
    base = tmp_path_factory.mktemp("mix")
    out = {}
    for name in ("procedural-diverse", "procedural-narrow"):
        manifest = mix(RECIPES / f"{name}.yaml", base / name, inputs=[corpus])
        out[name] = (base / name, manifest)
    return out


def read_shards(folder: Path) -> list[Document]:
    return list(iter_documents(sorted(folder.glob("0*.jsonl.gz"))))


def base_id(doc_id: str) -> str:
    return doc_id.split("#", 1)[0]


def accounting(folder: Path) -> list[dict]:
    with gzip.open(folder / "_accounting.jsonl.gz") as f:
        return [orjson.loads(line) for line in f]


# ---------------------------------------------------------------------------------------------
# Shares, budget, diversity


def test_realized_shares_and_budget_from_the_shards(runs, corpus):
    folder, manifest = runs["procedural-diverse"]
    docs = read_shards(folder)
    tokens = Counter()
    for doc in docs:
        tokens[doc.metadata["curate"]["label"]] += len(TOKEN.findall(doc.text))
    total = sum(tokens.values())
    input_tokens = sum(len(TOKEN.findall(d.text)) for d in iter_documents(corpus))
    budget = round(0.4 * input_tokens)  # the recipe's "40%"
    assert manifest["budget"]["tokens"] == budget
    assert abs(total - budget) <= 0.01 * budget
    requested = {"procedural": 0.5, "factual": 0.25, "other": 0.25}
    for label, share in requested.items():
        assert abs(tokens[label] / total - share) < 0.01, (label, tokens[label] / total)
        row = manifest["labels"][label]
        assert row["tokens"] == tokens[label]
        assert abs(row["share_error_pp"]) < 1.0
    assert manifest["mode"] == "mixture"
    assert "procedural" in render(manifest)


def _procedural_diversity(folder: Path) -> tuple[int, float, float]:
    """(procedural tokens, cluster entropy in bits, exact distinct word-3-gram ratio) from the shards.

    Words are normalised as the mix's scan normalises them: numbers as ``0`` unless the recipe's
    dedup keeps them apart (``dedup.normalize_numbers: false``).
    """
    mass: Counter = Counter()
    grams: list[tuple[str, str, str]] = []
    tokens = 0
    dedup = orjson.loads((folder / "manifest.json").read_bytes())["recipe"]["resolved"]["dedup"]
    config = TextNormConfig(norm_numbers=dedup is None or dedup["normalize_numbers"])
    for doc in read_shards(folder):
        tag = doc.metadata["curate"]
        if tag["label"] != "procedural":
            continue
        n = len(TOKEN.findall(doc.text))
        tokens += n
        mass[tag["mix"]["cluster"]] += n
        words = simplify_text(doc.text, config).split()
        grams.extend(zip(words, words[1:], words[2:]))
    p = np.array(list(mass.values()), dtype=float) / sum(mass.values())
    entropy = float(-(p * np.log2(p)).sum())
    return tokens, entropy, len(set(grams)) / len(grams)


def test_diverse_beats_narrow_at_equal_procedural_tokens(runs):
    div_tokens, div_entropy, div_ratio = _procedural_diversity(runs["procedural-diverse"][0])
    nar_tokens, nar_entropy, nar_ratio = _procedural_diversity(runs["procedural-narrow"][0])
    assert abs(div_tokens - nar_tokens) <= 0.01 * div_tokens
    assert div_entropy > nar_entropy + 2.0  # ~5 bits over 32 clusters versus ~1.6 over 3
    assert div_ratio > 1.5 * nar_ratio
    # the manifest's estimates agree with the exact figures
    for name, (entropy, ratio) in {"procedural-diverse": (div_entropy, div_ratio),
                                   "procedural-narrow": (nar_entropy, nar_ratio)}.items():
        d = runs[name][1]["diversity"]["procedural"]
        assert d["cluster_entropy_bits"] == pytest.approx(entropy, abs=1e-3)
        assert d["distinct_3gram_ratio"] == pytest.approx(ratio, rel=0.1)
    narrow = runs["procedural-narrow"][1]
    assert narrow["diversity"]["procedural"]["clusters_used"] <= 3
    assert max(int(k) for k in narrow["repetition"]["by_label"]["procedural"]) > 1
    diverse = runs["procedural-diverse"][1]
    assert diverse["repetition"]["histogram"] == {"1": diverse["accounting"]["selected"]}
    assert diverse["dedup"]["removed"] > 0
    shares = [c["share"] for c in diverse["clusters"]["procedural"]]
    assert max(shares) <= 0.08 + 0.01


# ---------------------------------------------------------------------------------------------
# Accounting and determinism


def test_every_input_document_is_accounted_for(runs, corpus):
    input_ids = [d.id for d in iter_documents(corpus)]
    for name, (folder, manifest) in runs.items():
        rows = accounting(folder)
        assert [r["id"] for r in rows] == input_ids
        statuses = Counter(r["status"] for r in rows)
        acc = manifest["accounting"]
        assert acc["adds_up"] and acc["input_records"] == len(input_ids)
        assert statuses["selected"] == acc["selected"]
        for reason, count in acc["dropped"].items():
            assert statuses.get(reason, 0) == count, (name, reason)
        assert set(statuses) <= {"selected", *acc["dropped"]}
        copies = Counter(base_id(d.id) for d in read_shards(folder))
        assert copies == {r["id"]: r["repeats"] for r in rows if r["status"] == "selected"}
        assert all((r["repeats"] > 0) == (r["status"] == "selected") for r in rows)
        assert sum(copies.values()) == acc["instances"]
    # the diverse recipe dropped some documents for each kind of reason it has
    dropped = runs["procedural-diverse"][1]["accounting"]["dropped"]
    assert dropped["low_confidence"] and dropped["near_duplicate"] and dropped["not_sampled"]


def test_same_recipe_inputs_and_seed_give_identical_bytes(runs, corpus, tmp_path):
    first, _ = runs["procedural-diverse"]
    mix(RECIPES / "procedural-diverse.yaml", tmp_path / "again", inputs=[corpus])
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    assert "manifest.json" in names and any(n.endswith(".jsonl.gz") and n[0].isdigit() for n in names)
    for name in names:
        assert (first / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    order = [d.metadata["curate"]["label"] for d in read_shards(first)[:60]]
    assert len(set(order)) == 3  # shuffled, not grouped by label or input order


def test_near_duplicates_are_removed(small, tmp_path):
    docs = list(iter_documents(small))
    procedural = [d for d in docs if d.metadata["curate"]["label"] == "procedural"][:5]
    copies = [Document(text=d.text.replace(".", " .", 1) + " Thanks.", id=f"copy-{i}", metadata=d.metadata)
              for i, d in enumerate(procedural)]
    write_documents(docs + copies, tmp_path / "in", fmt="jsonl")
    recipe = {"inputs": str(tmp_path / "in"), "shares": {"procedural": 1.0}, "dedup": True, "budget_tokens": "max"}
    manifest = mix(recipe, tmp_path / "out", weights_only=True)
    status = {r["id"]: r["status"] for r in accounting(tmp_path / "out")}
    assert all(status[f"copy-{i}"] == "near_duplicate" for i in range(5))
    assert all(status[d.id] == "selected" for d in procedural)  # the first of each group stays
    assert manifest["dedup"]["removed"] >= 5


# ---------------------------------------------------------------------------------------------
# Bad recipes fail before writing


GOOD = {"shares": {"procedural": 0.5, "factual": 0.25, "other": 0.25}, "budget_tokens": 20_000,
        "filters": {"min_prob": 0.5}}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"sharez": {"procedural": 1.0}}, ["sharez", "did you mean 'shares'"]),
        ({"clusters": {"k": 8, "temprature": 2}}, ["clusters.temprature", "clusters.temperature"]),
        ({"shares": {"procedural": 0.6, "factual": 0.25, "other": 0.25}}, ["shares", "sum to 1", "1.1"]),
        ({"shares": {"procedurl": 0.5, "factual": 0.5}}, ["shares.procedurl", "did you mean 'procedural'"]),
        ({"filters": {"min_prob": {"procedural": 0.99999}}}, ["shares.procedural=0.5", "low confidence"]),
        ({"inputs": "/nonexistent/tagged"}, ["inputs", "/nonexistent/tagged", "no such file"]),
        ({"budget_tokens": "10M"}, ["budget_tokens=10000000", "lower budget_tokens to at most", "max_repeats"]),
        ({"clusters": {"limit": 1, "k": 8}, "max_repeats": 1}, ["clusters.limit", "max_repeats"]),
        ({"clusters": {"k": 8, "max_share": 0.1}}, ["clusters.max_share=0.1", "at least 0.125"]),
        ({"output": {"format": "jsonl.gzip"}}, ["output.format", "jsonl.gzip", "did you mean 'jsonl.gz'"]),
        ({"max_repeats": 0}, ["max_repeats", "0"]),
    ],
)
def test_bad_recipes_fail_before_writing(small, tmp_path, change, words):
    recipe = {"inputs": str(small), **GOOD, **change}
    out = tmp_path / "out"
    with pytest.raises(RecipeError) as err:
        mix(recipe, out)
    message = str(err.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    assert not out.exists()


def test_recipe_file_errors_name_the_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("inputs: x\nshares: {procedural: 2}\n")
    with pytest.raises(RecipeError, match=r"^mine\.yaml: shares\.procedural: .*got 2$"):
        load_recipe(path)
    path.write_text("inputs: [x\n")
    with pytest.raises(RecipeError, match="not valid YAML at line"):
        load_recipe(path)
    with pytest.raises(RecipeError, match="no such recipe file"):
        load_recipe(tmp_path / "missing.yaml")


def test_bad_input_record_stops_or_is_accounted(small, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(small, folder)
    (folder / "extra.jsonl").write_text('{"id": "ok-1", "text": "fine text", "metadata": {}}\n{"id": "bad", \n')
    recipe = {"inputs": str(folder), "shares": "natural", "budget_tokens": "max"}
    with pytest.raises(CorpusError, match="extra.jsonl:2"):
        mix(recipe, tmp_path / "strict")
    assert not (tmp_path / "strict").exists()
    manifest = mix({**recipe, "skip_bad": True}, tmp_path / "lenient")
    acc = manifest["accounting"]
    assert acc["dropped"]["rejected"] == 1 and acc["dropped"]["untagged"] == 1 and acc["adds_up"]
    assert acc["input_records"] == 502
    assert (tmp_path / "lenient" / "_rejects.jsonl").read_text().count("\n") == 1


# ---------------------------------------------------------------------------------------------
# Modes, overrides, filter


def test_weights_only_and_dry_run_agree(small, tmp_path, monkeypatch):
    recipe = RECIPES / "procedural-narrow.yaml"
    monkeypatch.setenv(INPUTS_ENV, str(small))
    plan = mix(recipe, tmp_path / "dry", dry_run=True, budget="30k")
    assert not (tmp_path / "dry").exists()
    assert plan["mode"] == "dry_run" and plan["outputs"] == {}
    assert plan["recipe"]["resolved"]["inputs"] == [str(small)]
    manifest = mix(recipe, tmp_path / "w", weights_only=True, budget="30k")
    assert manifest["labels"] == plan["labels"] and manifest["diversity"] == plan["diversity"]
    files = sorted(p.name for p in (tmp_path / "w").iterdir())
    assert files == ["_accounting.jsonl.gz", "manifest.json", "weights.jsonl"]
    rows = [orjson.loads(line) for line in (tmp_path / "w" / "weights.jsonl").read_bytes().splitlines()]
    assert sum(r["repeats"] for r in rows) == manifest["accounting"]["instances"]
    assert sum(r["tokens"] * r["weight"] for r in rows) == manifest["budget"]["realized_tokens"]
    assert abs(manifest["budget"]["realized_tokens"] - 30_000) <= 300
    # a later full mix into the same folder replaces the weights with shards
    mix(recipe, tmp_path / "w", budget="30k")
    assert not (tmp_path / "w" / "weights.jsonl").exists()


def test_natural_recipe_keeps_natural_shares_in_parquet(small, tmp_path):
    manifest = mix(RECIPES / "natural.yaml", tmp_path / "nat", inputs=[small], budget="50%")
    for row in (manifest["labels"][label] for label in LABELS):
        assert abs(row["realized_share"] - row["natural_share"]) < 0.01
        assert row["requested_share"] == pytest.approx(row["natural_share"])
    everything = mix({"inputs": str(small), "budget_tokens": "max", "output": {"format": "parquet"}}, tmp_path / "all")
    docs = list(iter_documents(tmp_path / "all"))  # the output folder reads back as a corpus
    assert len(docs) == 500 == everything["accounting"]["selected"]
    assert everything["budget"]["realized_tokens"] == everything["budget"]["input_tokens"]
    assert {d.id for d in docs} == {d.id for d in iter_documents(small)}
    assert all(d.metadata["curate"]["mix"]["copies"] == 1 for d in docs)


def test_multipliers_and_local_hf_tokenizer(small, tmp_path):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator([d.text for d in iter_documents(small)], trainers.WordLevelTrainer(special_tokens=["[UNK]"]))
    tok.save(str(tmp_path / "tokenizer.json"))
    recipe = {"inputs": str(small), "multipliers": {"procedural": 3.0, "other": 0}, "tokenizer": str(tmp_path),
              "budget_tokens": "max"}
    manifest = mix(recipe, tmp_path / "out", dry_run=True)
    natural = {k: manifest["labels"][k]["natural_share"] for k in ("procedural", "factual")}
    expected = 3 * natural["procedural"] / (3 * natural["procedural"] + natural["factual"])
    assert manifest["labels"]["procedural"]["requested_share"] == pytest.approx(expected, abs=1e-6)
    assert manifest["labels"]["other"]["selected_documents"] == 0
    assert manifest["accounting"]["dropped"]["label_excluded"] == manifest["labels"]["other"]["input"]["documents"]
    assert manifest["tokenizer"]["sha256"] == hashlib.sha256((tmp_path / "tokenizer.json").read_bytes()).hexdigest()


def test_filter_corpus(small, tmp_path):
    report = filter_corpus(small, "procedural,factual", 0.7, tmp_path / "f")
    kept = list(iter_documents(tmp_path / "f"))
    source = list(iter_documents(small))
    expected = [d.id for d in source if d.metadata["curate"]["label"] in ("procedural", "factual")
                and d.metadata["curate"]["probs"][d.metadata["curate"]["label"]] >= 0.7]
    assert [d.id for d in kept] == expected  # input order kept
    assert report["kept"]["documents"] == len(expected)
    assert report["kept"]["document_share"] == pytest.approx(len(expected) / len(source), abs=1e-6)
    assert 0 < report["kept"]["token_share"] < 1 and report["accounting"]["adds_up"]
    with pytest.raises(RecipeError, match="did you mean 'factual'"):
        filter_corpus(small, ["factul"], 0.5, tmp_path / "g")
    assert not (tmp_path / "g").exists()


# ---------------------------------------------------------------------------------------------
# Building blocks agree with datatrove


def test_normalisation_and_signatures_match_datatrove():
    world = World(3)
    texts = [world.document(i).text for i in range(150)] + ["Ça coûte 3,50 € — d'accord?\x1c Ünïcödé  x"]
    for numbers in (True, False):
        hasher = WordHasher(numbers)
        for text in texts:
            assert hasher.normalize(text) == simplify_text(text, TextNormConfig(norm_numbers=numbers)).encode()
    words = WordHasher().words("the cat sat on the mat")
    assert words[0] == words[4] and len(set(words.tolist())) == 5
    from curate.mix.recipe import DedupSpec

    minhash = MinHasher(DedupSpec())
    shingles = np.random.default_rng(0).integers(0, 2**64 - 1, size=200, dtype=np.uint64)
    expected = np.asarray(minhash.step.get_signature(shingles.reshape(-1, 1)), dtype=np.uint64)
    assert (minhash.signature(shingles) == expected).all()


# ---------------------------------------------------------------------------------------------
# Parser property


_SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=True) | st.text(max_size=12)
_KEYS = st.sampled_from(TOP_KEYS + ("labels", "k", "temperature", "max_share", "limit", "min_prob", "min_tokens",
                                    "max_tokens", "format", "shard_docs", "procedural", "factual", "*", "ngram"))
_VALUES = st.recursive(
    _SCALARS | st.sampled_from(["natural", "max", "40%", "1M", "all", "jsonl", "regex", "procedural"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS | st.text(max_size=8) | st.integers(), inner,
                                                                max_size=5),
    max_leaves=12,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS | st.text(max_size=10), _VALUES, max_size=8)
       | st.fixed_dictionaries({"inputs": st.just("x"), "shares": st.dictionaries(
           st.sampled_from(LABELS), st.floats(0, 1) | st.integers(0, 1), min_size=1)}, optional={
           "clusters": _VALUES, "filters": _VALUES, "budget_tokens": _VALUES, "dedup": _VALUES}))
def test_parser_validates_or_raises_recipe_error(obj):
    try:
        recipe = load_recipe(obj)
    except RecipeError as err:
        assert "\n" not in str(err)
        return
    assert isinstance(recipe, Recipe)
    if recipe.shares is not None:
        assert math.isclose(sum(recipe.shares.values()), 1.0, abs_tol=1e-6)
    assert recipe.max_repeats >= 1 and recipe.inputs
