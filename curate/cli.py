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


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _print_world_summary(summary) -> None:
    from rich.table import Table

    console.print(f"[bold]{summary.docs:,}[/] documents, [bold]{summary.tokens:,}[/] tokens (words and punctuation)")
    for name in summary.FIELDS:
        table = Table(title=f"by {name}", title_justify="left", show_edge=False)
        table.add_column(name)
        table.add_column("documents", justify="right")
        table.add_column("share", justify="right")
        table.add_column("tokens", justify="right")
        for key, docs, tokens in summary.table(name):
            table.add_row(key, f"{docs:,}", f"{docs / max(summary.docs, 1):.1%}", f"{tokens:,}")
        console.print(table)


@app.command()
def world(
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: docs/ shards, queries/ suites, summary.json."),
    docs: int = typer.Option(20_000, "--docs", "-n", min=1, help="Number of documents to generate."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives byte-identical output."),
    fmt: str = typer.Option("jsonl.gz", "--format", help="Shard format: jsonl, jsonl.gz or parquet."),
    shard_docs: int = typer.Option(10_000, "--shard-docs", min=1, help="Documents per shard."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary tables."),
) -> None:
    """Generate the default corpus: procedural, factual, other and mixed documents with ground truth.

    Documents stream to shards (memory stays flat at any --docs); reasoning, factual and control
    query suites are written beside them in two disjoint splits, `influence` and `probe`.
    """
    from curate.world import generate_world

    with _progress() as progress:
        task = progress.add_task("generating", total=docs)
        summary = generate_world(
            out, n_docs=docs, seed=seed, fmt=fmt, max_docs_per_shard=shard_docs,
            on_doc=lambda: progress.advance(task),
        )
    if not quiet:
        _print_world_summary(summary)
    console.print(f"wrote [bold]{out}[/] (docs/, queries/, summary.json)")


@app.command()
def convert(
    inputs: list[str] = typer.Argument(..., help="Corpus files, folders or globs (.jsonl, .jsonl.gz, .jsonl.zst, .parquet, save_to_disk folders)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the shards."),
    fmt: str = typer.Option("jsonl.gz", "--format", help="Shard format: jsonl, jsonl.gz or parquet."),
    text_key: str = typer.Option("text", "--text-key", help="Field holding the document text."),
    id_key: str = typer.Option("id", "--id-key", help="Field holding the document id (missing ids become FILE/LINE)."),
    shard_docs: int = typer.Option(100_000, "--shard-docs", min=1, help="Documents per output shard."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip bad records and write them to OUT/_rejects.jsonl instead of stopping."),
) -> None:
    """Read a corpus in any supported format and write it as shards, accounting for every record.

    Without --skip-bad the first bad record (malformed JSON, missing or empty text, invalid UTF-8,
    truncated file, duplicate id) stops the run with one line naming the file, line and field.
    """
    from curate.io import Rejects, iter_documents, write_documents

    out.mkdir(parents=True, exist_ok=True)
    rejects = Rejects(out / "_rejects.jsonl" if skip_bad else None)
    written = 0

    def counted(docs):
        nonlocal written
        for doc in docs:
            written += 1
            yield doc

    with rejects:
        docs = iter_documents(inputs, text_key=text_key, id_key=id_key, skip_bad=skip_bad, rejects=rejects)
        write_documents(counted(docs), out, fmt=fmt, max_docs_per_shard=shard_docs)
    console.print(f"wrote [bold]{written:,}[/] documents to {out}")
    if rejects.total:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(rejects.counts.items()))
        console.print(f"rejected [bold]{rejects.total:,}[/] records ({reasons}); see {out / '_rejects.jsonl'}")


@app.command()
def run(
    out: Path = typer.Option(Path("runs/demo"), "--out", "-o", help="Folder for every stage's outputs."),
    docs: int = typer.Option(20_000, "--docs", "-n", min=1, help="Size of the generated corpus."),
    seed: int = typer.Option(0, "--seed", help="Random seed for every stage."),
) -> None:
    """Run the main job on the embedded default corpus (what `make demo` calls).

    Today: generate the default corpus and print its summary. Later stages (reference model,
    influence labels, classifier, tagging, mixing, ablations) join this loop as they land.
    """
    world(out=out / "world", docs=docs, seed=seed, fmt="jsonl.gz", shard_docs=10_000, quiet=False)


def main() -> None:
    """Console entry point: user errors become one clear line and exit code 2, never a traceback."""
    from curate.errors import CurateUserError

    try:
        app()
    except CurateUserError as err:
        console.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
