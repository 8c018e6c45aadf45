"""``curate influence ...``: score, label, report and check, thin over :mod:`curate.influence`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from curate.cli_options import parse_overrides
from curate.report import fmt, fmt_interval

app = typer.Typer(
    help=(
        "Influence of documents on reasoning and factual queries (EK-FAC through kronfluence): "
        "score a corpus, label documents procedural / factual / other, reproduce the paper's "
        "analyses, and check a classifier's tags against influence."
    ),
    no_args_is_help=True,
)
console = Console()


def torch_pass() -> None:
    """Scoring keeps freed memory for reuse (:func:`curate.io.keep_freed_memory`): this process
    does nothing else, and re-faulting torch's per-batch temporaries cost ~13% of the pass."""
    from curate.io import keep_freed_memory

    keep_freed_memory()


QUERIES_HELP = "Query suite: a JSONL file, or a folder holding influence.jsonl (default: the shipped suite)."
DEFAULT_QUERIES = Path(__file__).resolve().parents[1] / "influence" / "queries" / "influence.jsonl"


@app.command("score")
def score(
    corpus: list[str] = typer.Argument(..., help="Documents to score: JSONL(.gz)/Parquet files, folders or globs."),
    model: Path = typer.Option(..., "--model", "-m", help="Reference model folder (any local Hugging Face causal LM)."),
    out: Path = typer.Option(..., "--out", "-o", help="Scores folder: scores.safetensors, documents, queries, meta.json."),
    queries: Path = typer.Option(DEFAULT_QUERIES, "--queries", "-q", help=QUERIES_HELP),
    backend: str = typer.Option("fast", "--backend", "-b", help="ekfac (kronfluence EK-FAC, the paper's method) or fast (EK-FAC factors fitted on a sample)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes sharing the shards, each with its share of this machine's torch threads. On CPUs, one per core (one thread each) scores large corpora fastest; factors and query gradients are computed once, before the workers start, and shared."),
    shard_docs: int = typer.Option(1000, "--shard-docs", min=1, help="Documents per shard (the unit of resumption)."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Score only the first N documents."),
    executor: str = typer.Option("local", "--executor", help="datatrove executor: local, slurm or ray."),
    setting: list[str] = typer.Option([], "--set", help="Backend setting KEY=VALUE, e.g. fit_docs=512, modules=mlp, max_length=256, seed=1."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip malformed documents (counted in the rejects file) instead of stopping."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Start afresh instead of resuming a finished or partial run."),
) -> None:
    """Score every document's influence on every query: a documents x queries float32 matrix.

    Work is split into shards over datatrove ranks; rerunning the same command resumes,
    scoring only shards that are missing.
    """
    from curate.influence.score import load_scores, score_corpus

    torch_pass()
    out_dir = score_corpus(
        corpus, queries, model, out, backend=backend, workers=workers, shard_docs=shard_docs, limit=limit,
        executor=executor, skip_bad=skip_bad, overwrite=overwrite, **parse_overrides(setting, "--set"),
    )
    if (out_dir / "scores.safetensors").is_file():
        scores, docs, qs = load_scores(out_dir)
        meta = json.loads((out_dir / "meta.json").read_text())
        console.print(
            f"scored [bold]{scores.shape[0]:,}[/] documents x [bold]{scores.shape[1]}[/] queries "
            f"with [bold]{meta.get('backend', backend)}[/] in {meta.get('seconds', float('nan')):.0f} s -> {out_dir}",
            highlight=False,
        )
    else:
        console.print(f"jobs submitted; run the same command again to merge the shards into {out_dir}")


@app.command("label")
def label(
    scores: Path = typer.Argument(..., help="Scores folder written by `curate influence score`."),
    out: Path = typer.Option(..., "--out", "-o", help="Labels JSONL: one {id, label, evidence} per document."),
    rule: list[str] = typer.Option([], "--rule", help="Labelling rule field KEY=VALUE, e.g. margin_k=0.5, f_k=1.5, f_min=2.0 (see influence/README.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Label documents procedural / factual / other from the pattern of their influence scores.

    Procedural: influence on reasoning queries clearly above influence on factual ones.
    Factual: strong influence concentrated on a few factual queries. Other: neither.
    """
    from curate.influence.label import write_labels

    summary = write_labels(scores, out, **parse_overrides(rule, "--rule"))  # unknown fields fail there
    if as_json:
        console.print_json(json.dumps(summary))
        return
    table = Table(title=f"influence labels ({summary['documents']:,} documents)", title_justify="left", show_edge=False)
    table.add_column("label")
    table.add_column("documents", justify="right")
    for name, n in sorted(summary["counts"].items()):
        table.add_row(name, f"{n:,}")
    console.print(table)
    th = ", ".join(f"{k} {v:.3g}" for k, v in summary["thresholds"].items() if v is not None)
    console.print(f"thresholds: {th}", highlight=False)
    if not summary["length_normalised"]:
        console.print("[yellow]scores used as they are: no token counts in the folder (or length_power 0)[/]")
    ev = summary.get("evaluation")
    if ev and ev.get("macro_f1") is not None:
        console.print(f"against ground truth (metadata.doc_type): macro-F1 [bold]{ev['macro_f1']:.3f}[/], "
                      f"accuracy {ev['accuracy']:.3f}, kappa {ev['kappa']:.3f}", highlight=False)
    console.print(f"wrote [bold]{out}[/]")


@app.command("report")
def report(
    scores: Path = typer.Argument(..., help="Scores folder written by `curate influence score`."),
    out: Path = typer.Option(None, "--out", "-o", help="Report folder (default: SCORES/report)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap intervals."),
) -> None:
    """Reproduce the paper's analyses on a scores folder.

    Finding 1 (within-task correlation of influence), Finding 2 (answers in the top
    documents against a random-k baseline), dispersion of influence, over-represented
    sources. Writes report.json, report.md, report.html and PNG figures.
    """
    from curate.influence.report import influence_report

    out = out or scores / "report"
    result = influence_report(scores, out, seed=seed)
    f1, f2 = result["finding1_correlation"], result["finding2_answers"]
    diff = f1["same_minus_different"]
    table = Table(title="paper findings", title_justify="left", show_edge=False)
    table.add_column("finding")
    table.add_column("measured")
    table.add_column("reproduced", justify="center")
    targets = result["targets"]
    table.add_row("1: same-task minus different-task correlation",
                  fmt_interval(diff),
                  "yes" if targets["finding1_difference_excludes_zero"] else "no")
    table.add_row("2: factual / reasoning excess of answer-in-top-50",
                  fmt(f2['factual_to_reasoning_excess_ratio']), "yes" if targets["finding2_ratio_at_least_3"] else "no")
    if "labels_macro_f1" in targets:
        table.add_row("labels against ground truth (macro-F1)", f"{targets['labels_macro_f1']:.3f}", "")
    console.print(table)
    console.print(f"wrote [bold]{out / 'report.html'}[/]")


@app.command("check")
def check(
    tagged: list[str] = typer.Argument(..., help="Tagged corpus (output of `curate tag`): files, folders or globs."),
    model: Path = typer.Option(..., "--model", "-m", help="Reference model folder."),
    queries: Path = typer.Option(DEFAULT_QUERIES, "--queries", "-q", help=QUERIES_HELP),
    sample: int = typer.Option(500, "--sample", "-n", min=10, help="Documents to draw, stratified by tag."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Folder for check.json and the sample's influence labels."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sample and the permutation test."),
    shuffle_tags: bool = typer.Option(False, "--shuffle-tags", help="Shuffle the sample's tags first (a negative control: should fail)."),
) -> None:
    """Audit a classifier's tags against influence; exit 0 on pass, 1 on fail.

    Scores a stratified sample with the fast influence backend, labels it from influence,
    and tests agreement (Cohen's kappa) against a permutation of the tags.
    """
    from curate.influence.check import influence_check, print_check_summary

    torch_pass()
    result = influence_check(tagged, model, queries, sample=sample, seed=seed, out=out, shuffle_tags=shuffle_tags)
    print_check_summary(result, console)
    if out is not None:
        console.print(f"wrote [bold]{out}[/]")
    raise typer.Exit(0 if result["passed"] else 1)
