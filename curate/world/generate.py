"""Assemble the generated default corpus: stream documents to shards, write query suites.

Each document ``i`` is drawn from its own seeded generator (:func:`doc_rng`), so the corpus
streams with flat memory at any size and the same seed always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from datatrove.data import Document

from curate.io import write_documents
from curate.world.base import SPLITS, Query, WorldDoc, doc_rng
from curate.world.facts import FactWorld
from curate.world.mixed import mixed_document
from curate.world.other import other_document
from curate.world.procedural import ProceduralWorld
from curate.world.prose import prose_document
from curate.world.prose_queries import prose_queries

# Share of each generator in the default corpus. Mixed documents are labelled by their
# dominant type, so realised doc_type shares differ slightly from these.
KIND_WEIGHTS: dict[str, float] = {"procedural": 0.34, "factual": 0.30, "other": 0.26, "mixed": 0.10}
# Share of each kind drawn from the hand-written prose banks (real-world topics and formats, so
# classifiers learn what a text does rather than template vocabulary; issue #5).
PROSE_SHARE: dict[str, float] = {"procedural": 0.35, "factual": 0.45, "other": 0.45}
# Template how-to guides among the remaining procedural documents; the rest are the maths
# procedures the influence stage and the query suites rely on (about 18% of the corpus).
HOWTO_SHARE = 0.2

_TOKEN = re.compile(r"\w+|[^\w\s]")


def approx_tokens(text: str) -> int:
    """Words and punctuation marks: a tokenizer-free size measure for summaries."""
    return len(_TOKEN.findall(text))


@dataclass
class WorldSummary:
    """Streaming counts of documents and tokens per ground-truth field."""

    docs: int = 0
    tokens: int = 0
    by: dict[str, Counter] = field(default_factory=dict)

    FIELDS = ("doc_type", "procedure", "style", "source")

    def add(self, doc: WorldDoc, tokens: int) -> None:
        self.docs += 1
        self.tokens += tokens
        meta = doc.metadata()
        for name in self.FIELDS:
            key = meta.get(name) or "-"
            counter = self.by.setdefault(name, Counter())
            counter[f"{key}\tdocs"] += 1
            counter[f"{key}\ttokens"] += tokens

    def table(self, name: str) -> list[tuple[str, int, int]]:
        """Rows (value, documents, tokens) for one field, most documents first."""
        counter = self.by.get(name, Counter())
        keys = sorted({k.split("\t")[0] for k in counter})
        rows = [(k, counter[f"{k}\tdocs"], counter[f"{k}\ttokens"]) for k in keys]
        return sorted(rows, key=lambda r: (-r[1], r[0]))

    def to_dict(self) -> dict:
        return {
            "documents": self.docs,
            "tokens": self.tokens,
            **{name: {k: {"documents": d, "tokens": t} for k, d, t in self.table(name)} for name in self.FIELDS},
        }


class World:
    """The generators of one seed: procedural, factual, other and mixed documents."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.procedural = ProceduralWorld(seed)
        self.facts = FactWorld(seed)
        self._kinds = list(KIND_WEIGHTS)
        self._weights = list(KIND_WEIGHTS.values())
        self._makers: dict[str, Callable] = {
            "procedural": self._procedural,
            "factual": self.facts.document,
            "other": other_document,
            "mixed": lambda rng: mixed_document(rng, self.facts),
        }

    def document(self, index: int) -> WorldDoc:
        rng = doc_rng(self.seed, index)
        kind = rng.choices(self._kinds, weights=self._weights)[0]
        if kind in PROSE_SHARE and rng.random() < PROSE_SHARE[kind]:
            return prose_document(rng, kind)
        return self._makers[kind](rng)

    def _procedural(self, rng) -> WorldDoc:
        if rng.random() < HOWTO_SHARE:
            return self.procedural.howto_document(rng)
        return self.procedural.math_document(rng)

    def queries(self) -> list[Query]:
        return self.procedural.queries() + self.facts.queries() + prose_queries(self.seed)


def iter_world(world: World, n_docs: int, summary: WorldSummary | None = None) -> Iterator[Document]:
    """Documents ``world-00000000``… as datatrove Documents, counted into ``summary``."""
    for i in range(n_docs):
        doc = world.document(i)
        if summary is not None:
            summary.add(doc, approx_tokens(doc.text))
        yield Document(text=doc.text, id=f"world-{i:08d}", metadata=doc.metadata())


def write_queries(queries: list[Query], out_dir: Path) -> dict[str, Path]:
    """One JSONL file per split, sorted as generated (deterministic)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split in SPLITS:
        path = out_dir / f"{split}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for q in queries:
                if q.split == split:
                    f.write(json.dumps(q.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        paths[split] = path
    return paths


def generate_world(
    out_dir: str | Path,
    n_docs: int = 20_000,
    seed: int = 0,
    fmt: str = "jsonl.gz",
    max_docs_per_shard: int = 10_000,
    on_doc: Callable[[], None] | None = None,
) -> WorldSummary:
    """Write the corpus to ``out_dir/docs``, queries to ``out_dir/queries``, and a summary.

    ``on_doc`` is called once per generated document (progress bars hook in here).
    """
    out = Path(out_dir)
    world = World(seed)
    summary = WorldSummary()
    docs = iter_world(world, n_docs, summary)
    if on_doc is not None:
        docs = _tap(docs, on_doc)
    write_documents(docs, out / "docs", fmt=fmt, max_docs_per_shard=max_docs_per_shard)
    write_queries(world.queries(), out / "queries")
    info = {"seed": seed, "documents": n_docs, "format": fmt, "summary": summary.to_dict()}
    (out / "summary.json").write_text(json.dumps(info, indent=2, sort_keys=True) + "\n")
    return summary


def _tap(docs: Iterator[Document], callback: Callable[[], None]) -> Iterator[Document]:
    for doc in docs:
        callback()
        yield doc
