"""The assembled world: determinism, ground truth, query suites, summary."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from curate.io import iter_documents
from curate.world import World, generate_world, write_queries
from curate.world.base import DOC_TYPES, QUERY_KINDS, SOURCES

REPO = Path(__file__).resolve().parents[1]


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_world(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate_world(out, n_docs=600, seed=3, max_docs_per_shard=250)
    return out


def test_same_seed_same_bytes(small_world: Path, tmp_path: Path) -> None:
    generate_world(tmp_path, n_docs=600, seed=3, max_docs_per_shard=250)
    assert _digest(small_world) == _digest(tmp_path)


def test_different_seed_different_numbers(tmp_path: Path) -> None:
    a, b = World(seed=1), World(seed=2)
    texts_a = [a.document(i).text for i in range(50)]
    texts_b = [b.document(i).text for i in range(50)]
    assert sum(x != y for x, y in zip(texts_a, texts_b)) >= 45


def test_shards_and_ground_truth(small_world: Path) -> None:
    shards = sorted((small_world / "docs").iterdir())
    assert len(shards) == 3  # 600 documents at 250 per shard
    docs = list(iter_documents(small_world / "docs"))
    assert len(docs) == 600
    assert len({d.id for d in docs}) == 600
    for d in docs:
        assert d.text.strip()
        assert d.metadata["doc_type"] in DOC_TYPES
        assert d.metadata["source"] in SOURCES
        assert d.metadata["style"]
    types = {d.metadata["doc_type"] for d in docs}
    assert types == set(DOC_TYPES)
    assert any(d.metadata["mixed"] for d in docs)
    sources = {d.metadata["source"] for d in docs}
    assert sources == set(SOURCES)


def test_summary_counts_add_up(small_world: Path) -> None:
    info = json.loads((small_world / "summary.json").read_text())
    summary = info["summary"]
    assert summary["documents"] == 600
    for field in ("doc_type", "procedure", "style", "source"):
        assert sum(v["documents"] for v in summary[field].values()) == 600
        assert sum(v["tokens"] for v in summary[field].values()) == summary["tokens"]


def test_query_suites(small_world: Path) -> None:
    queries = {split: [json.loads(line) for line in open(small_world / "queries" / f"{split}.jsonl")]
               for split in ("influence", "probe")}
    for split, rows in queries.items():
        assert {q["kind"] for q in rows} == set(QUERY_KINDS)
        assert all(q["split"] == split for q in rows)
        for q in rows:
            assert set(q) == {"id", "prompt", "completion", "answer", "task", "kind", "split"}
            assert q["answer"] in q["completion"]
    ids = [{q["id"] for q in rows} for rows in queries.values()]
    assert not ids[0] & ids[1]
    prompts = [{q["prompt"] for q in rows if q["kind"] != "control"} for rows in queries.values()]
    assert not prompts[0] & prompts[1]
    tasks = {q["task"] for q in queries["influence"] if q["kind"] == "reasoning"}
    assert {"arithmetic", "slope", "linear_equation"} <= tasks


def test_shipped_default_suite_matches_generator(tmp_path: Path) -> None:
    """influence/queries holds the seed-0 suite; regenerate it to prove the copy is current."""
    write_queries(World(seed=0).queries(), tmp_path)
    for split in ("influence", "probe"):
        shipped = REPO / "influence" / "queries" / f"{split}.jsonl"
        assert shipped.read_bytes() == (tmp_path / f"{split}.jsonl").read_bytes()
