"""Shared record types and random-number conventions of the generated world.

Every generator module returns :class:`WorldDoc` objects drawn from a ``random.Random``
that the caller seeds per document, so any shard of the corpus can be generated alone
and the same seed always gives the same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

DOC_TYPES = ("procedural", "factual", "other")
SOURCES = ("web", "code", "forum", "encyclopedia", "fiction", "news")
QUERY_KINDS = ("reasoning", "factual", "control")
SPLITS = ("influence", "probe")


@dataclass
class WorldDoc:
    """One generated document and its ground truth (read only by evaluation code)."""

    text: str
    source: str
    doc_type: str
    style: str
    procedure: str | None = None
    entity: str | None = None
    mixed: bool = False
    extra: dict = field(default_factory=dict)

    def metadata(self) -> dict:
        meta = {
            "source": self.source,
            "doc_type": self.doc_type,
            "style": self.style,
            "procedure": self.procedure,
            "entity": self.entity,
            "mixed": self.mixed,
        }
        meta.update(self.extra)
        return meta


@dataclass
class Query:
    """A prompt with its step-by-step completion, used for influence and for probes."""

    id: str
    prompt: str
    completion: str
    answer: str
    task: str
    kind: str
    split: str

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "prompt": self.prompt,
            "completion": self.completion,
            "answer": self.answer,
            "task": self.task,
            "kind": self.kind,
            "split": self.split,
        }


def doc_rng(seed: int, index: int) -> random.Random:
    """A generator for document ``index`` that does not depend on any other document."""
    return random.Random(f"curate-world:{seed}:{index}")
