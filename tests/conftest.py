"""Fixtures shared by several test files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tagging_world(tmp_path_factory) -> tuple[Path, Path]:
    """A generated 300-document corpus in 3 files and a small fast classifier trained on its ground truth."""
    from curate.classify import make_classifier
    from curate.io import iter_documents
    from curate.world import generate_world

    root = tmp_path_factory.mktemp("tagging")
    generate_world(root / "world", n_docs=300, seed=5, max_docs_per_shard=100)
    docs = list(iter_documents(root / "world" / "docs"))
    clf = make_classifier("fast", seed=0, word_features=2**14, shape_features=2**12)
    clf.fit([d.text for d in docs], [d.metadata["doc_type"] for d in docs]).save(root / "clf")
    return root / "world" / "docs", root / "clf"
