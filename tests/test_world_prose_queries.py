"""Queries about the real-world prose: every reference entry and sampled everyday tasks."""

from __future__ import annotations

from curate.influence.label import answer_in_text
from curate.world import World
from curate.world.base import doc_rng
from curate.world.prose import prose_document
from curate.world.prose_banks import reference as R
from curate.world.prose_queries import N_HOWTO, prose_queries


def test_each_reference_entry_is_asked_once_and_splits_are_disjoint() -> None:
    qs = prose_queries(0)
    ref = [q for q in qs if q.kind == "factual"]
    assert sorted(q.answer for q in ref) == sorted(e["def"] for e in R.ENTRIES)
    for split in ("influence", "probe"):
        assert abs(sum(q.split == split for q in ref) - len(ref) / 2) <= 1
    howto = [q for q in qs if q.kind == "reasoning"]
    assert len(howto) == sum(N_HOWTO) and len({q.prompt for q in howto}) == len(howto)
    assert all(q.answer == "" and q.completion.startswith(" First, ") for q in howto)
    assert [q.to_dict() for q in prose_queries(0)] == [q.to_dict() for q in qs]
    assert [q.id for q in prose_queries(1)] == [q.id for q in qs] and prose_queries(1) != qs


def test_world_suite_keeps_its_other_queries_and_ids_are_unique() -> None:
    qs = World(0).queries()
    assert len({q.id for q in qs}) == len(qs)
    assert qs[-len(prose_queries(0)):] == prose_queries(0)


def test_reference_answers_occur_in_factual_prose() -> None:
    """Finding 2 needs documents that contain the answers: factual prose states the definitions."""
    answers = {q.answer for q in prose_queries(0) if q.kind == "factual"}
    docs = [prose_document(doc_rng(0, i), "factual") for i in range(150)]
    hits = sum(any(answer_in_text(a, d.text) for a in answers) for d in docs)
    assert hits > 0.3 * len(docs)
