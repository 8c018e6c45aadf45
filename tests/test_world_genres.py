"""The added prose genres and long web pages: determinism, valid metadata, lengths, clutter in every kind."""

from __future__ import annotations

from collections import Counter

import pytest

from curate.world.base import DOC_TYPES, SOURCES, doc_rng
from curate.world.prose import PROSE_STYLES, prose_document
from curate.world.prose_banks import howto as H
from curate.world.prose_banks import reference as R
from curate.world.prose_genres import GENRE_STYLES, MAX_WORDS, page

GENRE_KEYS = [(kind, key) for kind, styles in GENRE_STYLES.items() for key in styles]
LONG = {"procedural": ("recipe_blog", "howto_page"), "factual": ("wiki_page", "ref_page"), "other": ("news_page", "story_long")}


def test_banks_have_the_fields_queries_need() -> None:
    assert len(H.TASKS) >= 118 and len(R.ENTRIES) >= 158
    assert len({t["goal"] for t in H.TASKS}) == len(H.TASKS)
    assert len({e["name"] for e in R.ENTRIES}) == len(R.ENTRIES)
    for t in H.TASKS:
        assert t["goal"] and len(t["steps"]) >= 3 and {"need", "tips", "warn", "domain"} <= set(t)
    for e in R.ENTRIES:
        assert e["name"] and e["def"] and e["kind"] and e["is"] in ("is", "was", "are") and len(e["facts"]) >= 3


def test_genres_registered_in_every_kind() -> None:
    assert sum(len(s) for s in GENRE_STYLES.values()) >= 20
    for kind, styles in GENRE_STYLES.items():
        assert set(styles) <= set(PROSE_STYLES[kind])


@pytest.mark.parametrize("kind,key", GENRE_KEYS)
def test_genre_makes_valid_documents(kind: str, key: str) -> None:
    for i in range(40):
        doc = prose_document(doc_rng(11, i), kind, key)
        assert doc.doc_type == kind and doc.source in SOURCES and doc.style.startswith("prose_")
        assert doc.metadata()["generator"] == "prose"
        words = len(doc.text.split())
        assert 10 <= words <= MAX_WORDS + 60, (doc.style, words)
        assert "{" not in doc.text and "}" not in doc.text, doc.text
        assert doc.text == doc.text.strip()


def test_genres_are_deterministic() -> None:
    for kind, key in GENRE_KEYS:
        assert prose_document(doc_rng(2, 3), kind, key).text == prose_document(doc_rng(2, 3), kind, key).text
    for kind in DOC_TYPES:
        texts = {prose_document(doc_rng(4, i), kind, LONG[kind][0]).text for i in range(30)}
        assert len(texts) >= 25


def test_long_pages_in_every_kind() -> None:
    for kind in DOC_TYPES:
        docs = [prose_document(doc_rng(9, i), kind) for i in range(1500)]
        lengths = [len(d.text.split()) for d in docs]
        assert sum(n >= 300 for n in lengths) >= 30, kind
        assert max(lengths) >= 450, (kind, max(lengths))
        assert max(lengths) <= MAX_WORDS + 60
        # page clutter (bylines, share bars, related links, cookie notices) occurs in every kind
        clutter = sum(any(m in d.text for m in ("Share this", "Related articles", "You might also like", "cookies", "Posted by",
                                                "Read next", "All rights reserved", "Advertisement", "Comments (")) for d in docs)
        assert clutter >= 60, (kind, clutter)
        assert len(Counter(d.style for d in docs)) >= 12


def test_page_wrapper_keeps_the_body() -> None:
    body = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."
    for i in range(20):
        text = page(doc_rng(1, i), body, "A title")
        assert "First paragraph." in text and "Third paragraph." in text and "A title" in text
