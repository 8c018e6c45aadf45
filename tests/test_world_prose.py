"""The prose generator: determinism, every style of every kind, metadata, lengths, variety."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest

from curate.world import World
from curate.world.base import DOC_TYPES, SOURCES, doc_rng
from curate.world.generate import PROSE_SHARE
from curate.world.prose import PROSE_STYLES, prose_document

STYLE_KEYS = [(kind, key) for kind, styles in PROSE_STYLES.items() for key in styles]


def test_every_kind_has_prose_styles() -> None:
    assert set(PROSE_STYLES) == set(DOC_TYPES)
    assert all(len(styles) >= 7 for styles in PROSE_STYLES.values())


@pytest.mark.parametrize("kind,key", STYLE_KEYS)
def test_style_makes_valid_documents(kind: str, key: str) -> None:
    for i in range(40):
        doc = prose_document(doc_rng(5, i), kind, key)
        assert doc.doc_type == kind
        assert doc.source in SOURCES
        assert doc.style.startswith("prose_")
        assert doc.metadata()["generator"] == "prose"
        words = len(doc.text.split())
        assert 8 <= words <= 960, (doc.style, words)
        assert "{" not in doc.text or doc.style == "prose_code_walkthrough", doc.text  # every slot filled
        assert doc.text == doc.text.strip()


def test_same_seed_same_text_different_seed_differs() -> None:
    for kind, key in STYLE_KEYS:
        a = prose_document(doc_rng(1, 7), kind, key).text
        b = prose_document(doc_rng(1, 7), kind, key).text
        assert a == b
    texts = {prose_document(doc_rng(s, 0), "other").text for s in range(30)}
    assert len(texts) >= 25


def test_sample_has_no_duplicates_and_varied_lengths() -> None:
    for kind in DOC_TYPES:
        docs = [prose_document(random.Random(f"dup:{kind}:{i}"), kind) for i in range(400)]
        texts = [d.text for d in docs]
        dup = len(texts) - len(set(texts))
        assert dup <= 4, f"{kind}: {dup} repeated documents in 400"
        lengths = sorted(len(t.split()) for t in texts)
        assert lengths[len(lengths) // 10] < 70 and lengths[-len(lengths) // 10] > 90 and lengths[-1] > 150, (kind, lengths[::40])
        assert len({d.style for d in docs}) >= 7


def test_world_mixes_prose_into_every_kind_and_keeps_maths() -> None:
    world = World(seed=0)
    docs = [world.document(i) for i in range(3000)]
    prose = Counter(d.doc_type for d in docs if d.style.startswith("prose_"))
    kinds = Counter(d.doc_type for d in docs)
    for kind, share in PROSE_SHARE.items():
        # mixed documents are never prose, so the realised share sits a little below PROSE_SHARE
        assert 0.6 * share < prose[kind] / kinds[kind] < 1.1 * share, (kind, prose[kind], kinds[kind])
    maths = sum(1 for d in docs if d.doc_type == "procedural" and "operands" in d.extra and not d.mixed)
    assert maths / len(docs) > 0.14  # the influence stage's maths procedures stay well represented


def test_world_generation_is_quick_enough() -> None:
    """Reports the rate (no time assertion: the machine is shared); 20k documents take seconds."""
    world = World(seed=1)
    t0 = time.perf_counter()
    n = sum(len(world.document(i).text) > 0 for i in range(2000))
    rate = n / (time.perf_counter() - t0)
    print(f"world generation: {rate:,.0f} docs/s")
    assert n == 2000
