"""The factual, other and mixed generators of the world: knowledge base, documents, queries."""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter

import pytest

from curate.world.base import DOC_TYPES, SOURCES, SPLITS, doc_rng
from curate.world.facts import FACT_STYLES, QUERY_FORMS, FactWorld
from curate.world.mixed import mixed_document, mixed_styles
from curate.world.other import other_document, other_styles

N_FACT_DOCS = 2500


@pytest.fixture(scope="module")
def world() -> FactWorld:
    return FactWorld(0)


@pytest.fixture(scope="module")
def fact_docs(world: FactWorld) -> list:
    return [world.document(doc_rng(0, i)) for i in range(N_FACT_DOCS)]


@pytest.fixture(scope="module")
def other_docs() -> list:
    return [other_document(doc_rng(0, i)) for i in range(1500)]


@pytest.fixture(scope="module")
def mixed_docs(world: FactWorld) -> list:
    return [mixed_document(doc_rng(0, i), world) for i in range(900)]


# ----------------------------------------------------------------------------- knowledge base
def test_knowledge_base_size_and_relations(world: FactWorld) -> None:
    assert len(world.entities) >= 500
    names = [e.name.lower() for e in world.entities]
    assert len(set(names)) == len(names)
    kinds = Counter(e.kind for e in world.entities)
    for kind in ("country", "city", "person", "river", "mountain", "substance", "company", "species", "ship", "book"):
        assert kinds[kind] >= 10, kind
    for e in world.entities:
        for attr, target in e.links.items():
            assert world.by_id[target].name == e.attrs[attr]
    for country in world.by_kind["country"]:
        capital = world.by_id[country.links["capital"]]
        assert capital.kind == "city" and capital.links["country"] == country.id
    for person in world.by_kind["person"]:
        assert world.by_id[person.links["birthplace"]].kind == "city"
        assert int(person.attrs["birth_year"]) < int(person.attrs["death_year"])
    for s in world.by_kind["substance"]:
        chemist = world.by_id[s.links["discovered_by"]]
        assert int(chemist.attrs["birth_year"]) < int(s.attrs["discovery_year"]) < int(chemist.attrs["death_year"])


def test_knowledge_base_deterministic() -> None:
    a, b, c = FactWorld(5), FactWorld(5), FactWorld(6)
    assert [(e.name, e.attrs) for e in a.entities] == [(e.name, e.attrs) for e in b.entities]
    assert [e.name for e in a.entities] != [e.name for e in c.entities]


# ----------------------------------------------------------------------------- determinism
def test_documents_deterministic(world: FactWorld) -> None:
    again = FactWorld(0)
    for i in (0, 7, 123, 999):
        assert world.document(doc_rng(0, i)).text == again.document(doc_rng(0, i)).text
        assert other_document(doc_rng(0, i)).text == other_document(doc_rng(0, i)).text
        assert mixed_document(doc_rng(0, i), world).text == mixed_document(doc_rng(0, i), again).text
    # no hidden state: a document does not depend on the documents drawn before it
    first = world.document(doc_rng(0, 42)).text
    for i in range(50):
        world.document(doc_rng(0, 1000 + i))
    assert world.document(doc_rng(0, 42)).text == first


def test_different_seed_different_documents() -> None:
    a, b = FactWorld(1), FactWorld(2)
    fa = [a.document(doc_rng(1, i)).text for i in range(40)]
    fb = [b.document(doc_rng(2, i)).text for i in range(40)]
    assert sum(x != y for x, y in zip(fa, fb)) >= 38
    oa = [other_document(doc_rng(1, i)).text for i in range(40)]
    ob = [other_document(doc_rng(2, i)).text for i in range(40)]
    assert sum(x != y for x, y in zip(oa, ob)) >= 38


# ----------------------------------------------------------------------------- factual documents
def test_factual_documents_state_their_facts(fact_docs: list) -> None:
    stated = 0
    for d in fact_docs:
        assert d.doc_type == "factual" and d.source in SOURCES and not d.mixed
        assert d.entity
        low = d.text.lower()
        for f in d.extra["facts"]:
            entity, attr, value = f.split("|")
            assert value.lower() in low, (d.style, f)
            assert entity.lower() in low, (d.style, f)
            stated += 1
    assert stated / len(fact_docs) > 3  # several facts per document on average


def test_every_fact_stated_in_several_documents(world: FactWorld, fact_docs: list) -> None:
    per_fact = Counter(f for d in fact_docs for f in d.extra["facts"])
    facts = [f"{e.name}|{a}|{v}" for e in world.entities if e.kind != "term" for a, v in e.attrs.items()]
    covered = sum(per_fact[f] >= 1 for f in facts)
    assert covered / len(facts) > 0.8
    repeated = sum(per_fact[f] >= 2 for f in facts)
    assert repeated / len(facts) > 0.5


def test_factual_styles_and_lengths(fact_docs: list) -> None:
    styles = Counter(d.style for d in fact_docs)
    assert set(styles) == {s for s, _, _ in FACT_STYLES}
    sources = {d.source for d in fact_docs}
    assert {"encyclopedia", "web", "news", "forum"} <= sources
    words = [len(d.text.split()) for d in fact_docs]
    assert min(words) >= 5 and max(words) <= 800
    assert 50 <= statistics.median(words) <= 200
    article = [len(d.text.split()) for d in fact_docs if d.style == "encyclopedia_article"]
    assert max(article) >= 300
    # generic concepts are defined too, not only named entities
    assert any(d.style in ("definition", "glossary") and not d.extra["facts"] for d in fact_docs) or \
        any("photosynthesis" in d.text or "delta" in d.text for d in fact_docs)


# ----------------------------------------------------------------------------- queries
def test_factual_queries_format_and_splits(world: FactWorld) -> None:
    qs = world.queries()
    factual = [q for q in qs if q.kind == "factual"]
    controls = [q for q in qs if q.kind == "control"]
    assert {q.split for q in qs} == set(SPLITS)
    for split in SPLITS:
        assert 35 <= sum(q.split == split for q in factual) <= 45
        assert 8 <= sum(q.split == split for q in controls) <= 12
    assert len({q.id for q in qs}) == len(qs)
    for q in factual:
        assert re.fullmatch(r"Q: [^\n]+\?\nA:", q.prompt), q.prompt
        assert q.completion.startswith(" ") and q.completion.endswith(f" The answer is {q.answer}.")
        assert q.task.startswith("factual:") and (q.task.split(":")[1] in {a for _, a in QUERY_FORMS})
    prompts = {split: {q.prompt for q in factual if q.split == split} for split in SPLITS}
    assert not prompts["influence"] & prompts["probe"]
    # the same fact is never asked in both splits, and the example format holds
    facts = [f for _, f in world.query_facts()]
    assert len(facts) == len(factual)
    assert len(set(facts)) == len(factual)
    capital = next((q for q in factual if q.task == "factual:capital"), None)
    if capital is not None:
        m = re.fullmatch(r"Q: What is the capital of (\S+)\?\nA:", capital.prompt)
        assert m and capital.completion == f" The capital of {m.group(1)} is {capital.answer}. The answer is {capital.answer}."


def test_query_facts_are_common_in_the_corpus(world: FactWorld, fact_docs: list) -> None:
    for q, fact in world.query_facts():
        docs = [d for d in fact_docs if fact in d.extra["facts"]]
        assert len(docs) >= 8, (q.prompt, len(docs))
        assert all(q.answer in d.text for d in docs)


def test_control_answers_correct(world: FactWorld) -> None:
    controls = [q for q in world.queries() if q.kind == "control"]
    assert controls
    for q in controls:
        assert q.task == "factual_control"
        assert q.completion.endswith(f"The answer is {q.answer}.")
        if m := re.fullmatch(r"Q: What is the first letter of the word (\w+)\?\nA:", q.prompt):
            assert q.answer == m.group(1)[0]
        elif m := re.fullmatch(r"Q: What is the last letter of the word (\w+)\?\nA:", q.prompt):
            assert q.answer == m.group(1)[-1]
        elif m := re.fullmatch(r"Q: How many letters are in the word (\w+)\?\nA:", q.prompt):
            assert q.answer == str(len(m.group(1)))
        elif m := re.fullmatch(r"Q: Which comes first in alphabetical order, (\w+) or (\w+)\?\nA:", q.prompt):
            assert q.answer == min(m.group(1), m.group(2), key=str.lower)
        elif m := re.fullmatch(r"Q: Repeat the word (\w+) twice\.\nA:", q.prompt):
            assert q.answer == f"{m.group(1)} {m.group(1)}"
        else:
            pytest.fail(f"unknown control form: {q.prompt!r}")


# ----------------------------------------------------------------------------- other & mixed
def test_other_documents(other_docs: list) -> None:
    assert {d.style for d in other_docs} == set(other_styles())
    imperative = re.compile(r"^\s*(?:\d+[.)]|Step \d+:?)\s*(?:Add|Mix|Heat|Preheat|Click|Install|Press|Stir|Pour|Insert|Select|Whisk)\b", re.M)
    for d in other_docs:
        assert d.doc_type == "other" and d.source in SOURCES and not d.mixed
        assert d.text.strip() and not imperative.search(d.text), d.text[:200]
        assert "{" not in d.text and "}" not in d.text, d.text[:200]
    words = [len(d.text.split()) for d in other_docs]
    assert min(words) >= 10 and max(words) <= 800
    assert 50 <= statistics.median(words) <= 250
    assert max(len(d.text.split()) for d in other_docs if d.style == "story") >= 250
    assert len({d.text for d in other_docs}) == len(other_docs)


def test_mixed_documents(mixed_docs: list) -> None:
    assert {d.style for d in mixed_docs} == set(mixed_styles())
    types = Counter(d.doc_type for d in mixed_docs)
    assert types["other"] > 0 and types["factual"] > 0 and set(types) <= set(DOC_TYPES)
    for d in mixed_docs:
        assert d.mixed and d.source in SOURCES and d.text.strip()
        assert d.extra["minor"] in DOC_TYPES and d.extra["minor"] != d.doc_type
        for f in d.extra["facts"]:
            assert f.split("|")[2].lower() in d.text.lower()
    assert sum(bool(d.extra["facts"]) for d in mixed_docs) > len(mixed_docs) / 3


def test_worked_arithmetic_in_forum_threads_is_right(mixed_docs: list) -> None:
    checked = 0
    for d in mixed_docs:
        if d.style != "forum_with_arithmetic":
            continue
        for a, b, c in re.findall(r"(?<![\d.])(\d+) × £(\d+\.\d\d) = £([\d,]+\.\d\d)", d.text):
            assert abs(int(a) * float(b) - float(c.replace(",", ""))) < 0.006
            checked += 1
    assert checked > 0


def test_speed(world: FactWorld) -> None:
    start = time.perf_counter()
    for i in range(900):
        world.document(doc_rng(9, i))
        other_document(doc_rng(9, i))
        if i % 3 == 0:
            mixed_document(doc_rng(9, i), world)
    per_doc = (time.perf_counter() - start) / 2100
    assert per_doc < 1e-3, per_doc
