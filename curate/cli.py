"""The ``curate`` command line: thin typer commands over the library API."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(
    name="curate",
    help=(
        "Curate reasoning-ready pretraining mixtures. Label documents by their influence on "
        "reasoning and factual queries, train fast classifiers on those labels, tag corpora, "
        "and mix rebalanced, diversity-aware recipes."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
