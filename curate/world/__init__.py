"""The generated default corpus ("the world") and its query suites.

Documents of known type (procedural, factual, other, mixed) carry their ground truth in
``metadata`` (``doc_type``, ``procedure`` or ``entity``, ``style``, ``source``); no stage but
evaluation code reads it.
"""

from curate.world.base import DOC_TYPES, SOURCES, Query, WorldDoc
from curate.world.generate import World, WorldSummary, generate_world, iter_world, write_queries

__all__ = [
    "DOC_TYPES",
    "SOURCES",
    "Query",
    "World",
    "WorldDoc",
    "WorldSummary",
    "generate_world",
    "iter_world",
    "write_queries",
]
