"""The ``curate`` command line: thin typer commands over the library API."""

from __future__ import annotations

import json
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
    rich_markup_mode="markdown",  # reflows docstring paragraphs to the terminal's width
)
console = Console()


def corpus_pass() -> None:
    """Streaming corpus passes (world, convert, tag, mix, filter) return freed memory at once.

    Only these: in the torch commands (lm, influence, classifier, ablate, run) every large
    temporary would become a fresh memory map zeroed by the kernel on first touch (measured:
    influence scoring 2.6x slower), see :func:`curate.io.return_freed_memory`.
    """
    from curate.io import return_freed_memory

    return_freed_memory()


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
    corpus_pass()
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
    corpus_pass()
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


classifier_app = typer.Typer(help="Train and evaluate procedural / factual / other classifiers.", no_args_is_help=True)
app.add_typer(classifier_app, name="classifier")

DEFAULT_CLASSIFIER = Path(__file__).resolve().parent.parent / "classifiers" / "default"


@classifier_app.command("train")
def classifier_train(
    data: list[str] = typer.Argument(..., help="Labelled corpus: files, folders or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Classifier directory to write."),
    backend: str = typer.Option("fast", "--backend", help="fast (hashed n-grams and style rates) or embed (static MiniLM embeddings)."),
    label_field: str = typer.Option("doc_type", "--label-field", help="Metadata field holding the label."),
    labels: Path | None = typer.Option(None, "--labels", help="Labels JSONL (id, label), e.g. from `curate influence label`; overrides --label-field."),
    group_field: str | None = typer.Option("style", "--group-field", help="Metadata field whose groups are held out together in the evaluation split (empty: none); a comma list such as procedure,entity,style takes the first field a document has."),
    param: list[str] = typer.Option([], "--param", "-p", help="Backend parameter KEY=VALUE (value read as JSON, else a string), repeatable; e.g. -p C=2.0."),
    reference_field: str | None = typer.Option(None, "--reference-field", help="Metadata field with a second labelling (e.g. doc_type, the generator's ground truth): held-out documents are scored against it too."),
    prune: float = typer.Option(0.0, "--prune", min=0.0, max=0.99, help="Drop this fraction of training documents whose labels look least likely to models cross-fitted on the other groups (confident learning; for noisy labels such as influence labels)."),
    prune_by: str = typer.Option("fast", "--prune-by", help="Backend whose cross-fitted models rank the labels for --prune (fast finds influence-label errors best, also for embed)."),
    seed: int = typer.Option(0, "--seed", help="Random seed for the split and the model."),
) -> None:
    """Train a classifier; held-out metrics use a group split so memorised templates earn nothing.

    Writes config.json, weights.npz, metrics.json, reliability.png and a model card README.md.
    """
    from curate.classify import make_classifier, metrics_table, train_classifier
    from curate.classify.data import labelled_corpus
    from curate.cli_options import parse_overrides

    params = parse_overrides(param, "--param")
    make_classifier(backend, seed=seed, **params)  # unknown backend or parameter: fail before reading the corpus
    make_classifier(prune_by)
    ds = labelled_corpus(data, label_field=label_field, labels_file=labels, group_field=group_field or None,
                         reference_field=reference_field or None)
    console.print(f"training [bold]{backend}[/] on {len(ds.texts):,} labelled documents ({ds.unlabelled:,} without a label left out)")
    source = f"labels from {labels}" if labels else f"labels from metadata field {label_field!r}"
    train_classifier(ds.texts, ds.labels, out, backend=backend, seed=seed, groups=ds.groups, params=params,
                     group_key=group_field or "", data_description=f"{len(ds.texts):,} documents of {', '.join(data)}; {source}",
                     reference=ds.references, reference_key=reference_field or "", prune=prune,
                     prune_by=prune_by)
    metrics = json.loads((out / "metrics.json").read_text())
    console.print(metrics_table(metrics["heldout"], title=f"held-out metrics ({metrics['split']['by']})"))
    if "heldout_reference" in metrics:
        console.print(metrics_table(metrics["heldout_reference"], title=f"same held-out documents against {reference_field!r}"))
    console.print(f"wrote [bold]{out}[/]")


@classifier_app.command("eval")
def classifier_eval(
    directory: Path = typer.Argument(..., help="Classifier directory."),
    data: list[str] = typer.Argument(..., help="Labelled corpus: files, folders or globs."),
    label_field: str = typer.Option("doc_type", "--label-field", help="Metadata field holding the true label."),
    labels: Path | None = typer.Option(None, "--labels", help="Labels JSONL (id, label); overrides --label-field."),
    plot: Path | None = typer.Option(None, "--plot", help="Where to write the reliability plot (PNG)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON instead of a table."),
) -> None:
    """Accuracy, macro-F1, per-class precision/recall/F1, confusion matrix and calibration (ECE)."""
    from curate.classify import evaluate, load_classifier, metrics_table
    from curate.classify.data import labelled_corpus

    clf = load_classifier(directory)
    ds = labelled_corpus(data, label_field=label_field, labels_file=labels)
    result = evaluate(clf, ds.texts, ds.labels, plot_path=plot)
    if as_json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        console.print(metrics_table(result, title=f"{clf.tag} on {len(ds.texts):,} documents"))


@app.command()
def tag(
    corpus: list[str] = typer.Argument(..., help="Corpus files, folders or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for tagged shards."),
    classifier: Path = typer.Option(DEFAULT_CLASSIFIER, "--classifier", "-c", help="Classifier directory (default: the shipped classifiers/default)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Parallel worker processes; each takes its own input files and writes its own shards."),
    executor: str = typer.Option("local", "--executor", help="Where tasks run: local (processes), slurm (a job array) or ray (a Ray cluster)."),
    executor_config: Path | None = typer.Option(None, "--executor-config", help="YAML of executor settings, e.g. slurm partition, time, cpus_per_task (see README)."),
    text_key: str = typer.Option("text", "--text-key", help="Field holding the document text."),
    id_key: str = typer.Option("id", "--id-key", help="Field holding the document id."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip bad records (counted in OUT/.rejects) instead of stopping."),
) -> None:
    """Add metadata.curate = {label, probs, classifier} to every document, as a datatrove pipeline.

    A rerun skips the input files whose work already completed (so a killed run resumes, and a
    Slurm run is finished by rerunning the command once its jobs are done). Per-label counts go
    to OUT/tag_counts.json.
    """
    corpus_pass()
    from rich.table import Table

    from curate.classify import tag_corpus
    from curate.executors import load_executor_config

    counts = tag_corpus(corpus, out, classifier, workers=workers, executor=executor,
                        executor_config=load_executor_config(executor_config),
                        executor_source=str(executor_config or "executor config"),
                        text_key=text_key, id_key=id_key, skip_bad=skip_bad)
    if counts is None:
        console.print(f"submitted; rerun this command when the jobs are done (logs: {out / '.datatrove'})")
        return
    table = Table(title="tags", title_justify="left", show_edge=False)
    table.add_column("label")
    table.add_column("documents", justify="right")
    table.add_column("share", justify="right")
    total = sum(counts.values()) or 1
    for label, n in sorted(counts.items()):
        table.add_row(label, f"{n:,}", f"{n / total:.1%}")
    console.print(table)
    console.print(f"wrote [bold]{out}[/]")


@app.command("mix")
def mix_command(
    recipe: Path = typer.Argument(..., help="Recipe YAML (see recipes/README.md)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: mixture shards and manifest.json."),
    inputs: list[str] | None = typer.Option(None, "--inputs", "-i", help="Tagged corpora replacing the recipe's inputs (repeatable)."),
    budget: str | None = typer.Option(None, "--budget", help="Token budget replacing the recipe's (e.g. 2M, 40%, max)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan; write nothing."),
    weights_only: bool = typer.Option(False, "--weights-only", help="Write a per-document sampling weight (weights.jsonl) instead of text."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Shard-writing tasks run at once."),
    executor: str = typer.Option("local", "--executor", help="Where the shard-writing tasks run: local, slurm or ray (selection itself runs here)."),
    executor_config: Path | None = typer.Option(None, "--executor-config", help="YAML of executor settings (see README)."),
) -> None:
    """Mix tagged corpora into a rebalanced pretraining mixture under a token budget.

    Every input document is accounted for in manifest.json: selected (how many times) or dropped
    with the reason. A recipe that cannot be met fails before anything is written.
    """
    corpus_pass()
    from curate.executors import load_executor_config
    from curate.mix import mix
    from curate.mix.manifest import render

    manifest = mix(recipe, out, dry_run=dry_run, weights_only=weights_only, inputs=inputs or None, budget=budget,
                   executor=executor, workers=workers, executor_config=load_executor_config(executor_config),
                   executor_source=str(executor_config or "executor config"))
    console.print(render(manifest), highlight=False, markup=False)
    if not dry_run and not manifest["outputs"]:
        console.print(f"submitted; rerun this command when the jobs are done (logs: {out / '.mix-tmp' / 'logs'})")
    elif not dry_run:
        console.print(f"wrote [bold]{out}[/]")


@app.command("filter")
def filter_command(
    corpus: list[str] = typer.Argument(..., help="Tagged corpus: files, folders or globs."),
    keep: str = typer.Option(..., "--keep", help="Labels to keep, comma-separated (e.g. procedural,factual)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    min_prob: float = typer.Option(0.0, "--min-prob", min=0.0, max=1.0, help="Minimum classifier probability of the kept label."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report the kept shares; write nothing."),
) -> None:
    """Keep documents with the given tags, reporting the kept share of documents and tokens."""
    corpus_pass()
    from curate.mix import filter_corpus
    from curate.mix.manifest import render

    manifest = filter_corpus(corpus, keep, min_prob, out, dry_run=dry_run)
    console.print(render(manifest), highlight=False, markup=False)


DEFAULT_PROBES = Path(__file__).resolve().parent.parent / "influence" / "queries" / "probe.jsonl"


@app.command("ablate")
def ablate_command(
    recipes: list[str] = typer.Argument(..., help="Recipe YAML files (mixed here) or folders holding a mixture; the first is the baseline."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: runs, results.json, report.md/html, plots."),
    seeds: int = typer.Option(3, "--seeds", min=1, help="Runs (seeds 0..N-1) per recipe."),
    tokens: str = typer.Option("500k", "--tokens", help="Training tokens per run (e.g. 500k, 2M); sets the preset's steps."),
    preset: str = typer.Option("ablate", "--preset", help="Model and schedule preset: tiny, ablate, demo, small, base."),
    probes: Path = typer.Option(DEFAULT_PROBES, "--probes", help="Probe queries (JSONL, or a folder with probe.jsonl)."),
    heldout: Path | None = typer.Option(None, "--heldout", help="Natural corpus for held-out LM loss (default: a reserved 2% slice of the recipes' inputs)."),
    inputs: list[str] | None = typer.Option(None, "--inputs", "-i", help="Tagged corpora replacing the recipes' inputs (repeatable)."),
    threads: int | None = typer.Option(None, "--threads", min=1, help="torch CPU threads (default: torch's; 1 is faster on a busy machine)."),
) -> None:
    """Train the same small LM on each mixture at an equal token budget and compare them on probes.

    Reports mean and 95% t-interval over seeds, and each recipe's paired difference to the
    first. An interrupted ablation resumes when the same command is rerun.
    """
    from curate.ablate import ablate, render

    results = ablate(recipes, out, seeds=seeds, tokens=tokens, preset=preset, probes=probes, heldout=heldout,
                     inputs=inputs or None, threads=threads, log=lambda msg: console.print(msg, highlight=False))
    console.print(render(results), highlight=False, markup=False, soft_wrap=True)  # table rows stay whole
    console.print(f"wrote [bold]{out}[/] (results.json, report.md, report.html)")


from curate.cli_influence import app as influence_app  # noqa: E402

app.add_typer(influence_app, name="influence")

lm_app = typer.Typer(help="The small reference language model (shared by influence and ablations).", no_args_is_help=True)
app.add_typer(lm_app, name="lm")


@lm_app.command("train")
def lm_train(
    corpus: list[str] = typer.Argument(..., help="Training corpus: files, folders or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Model folder (save_pretrained layout, loadable by transformers)."),
    preset: str = typer.Option("demo", "--preset", help="Model and schedule preset: tiny, demo, small, base."),
    queries: Path | None = typer.Option(None, "--queries", "-q", help="Query suite JSONL: completion loss and greedy accuracy are reported before and after training."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed and threads: bitwise the same weights)."),
    steps: int | None = typer.Option(None, "--steps", min=1, help="Optimizer steps (default: the preset's); the cosine schedule follows them."),
    drills: int = typer.Option(0, "--drills", min=0, help="Add this many generated practice documents (6 worked Q/A each in the query format, never a query's problem) to the training data, so a small model learns the procedures (curate/world/drills.py)."),
    text_key: str = typer.Option("text", "--text-key", help="Field holding the document text."),
) -> None:
    """Train a small Llama-style model and a BPE tokenizer from scratch on a corpus.

    Checkpoints as it goes: an interrupted run resumes when the same command is rerun.
    """
    from curate.io import iter_documents
    from curate.lm import get_preset, train_lm
    from curate.queries import load_queries
    from curate.world.drills import drill_documents

    chosen = get_preset(preset, steps=steps)
    query_rows = load_queries(queries, split="influence") if queries else None
    texts = [doc.text for doc in iter_documents(corpus, text_key=text_key)]
    texts += drill_documents(drills, seed, exclude_prompts=[q["prompt"] for q in query_rows or []])
    report = train_lm(texts, out, preset=chosen, seed=seed, queries=query_rows)
    from rich.table import Table

    table = Table(title="reference model", title_justify="left", show_edge=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in ("params", "tokens_seen", "train_s", "tokens_per_s", "final_loss"):
        if key in report:
            table.add_row(key, f"{report[key]:,.4g}" if isinstance(report[key], float) else f"{report[key]:,}")
    for when in ("before", "after"):
        for kind, m in (report.get(f"queries_{when}", {}) or {}).get("by_kind", {}).items():
            acc = f"  acc {m['accuracy']:.0%}" if "accuracy" in m else ""
            copy = f"  copy {m['copy_loss']:.2f}" if "copy_loss" in m else ""
            table.add_row(f"{kind} queries {when}", f"loss {m['loss']:.3f}{copy}{acc}")
    console.print(table)
    console.print(f"wrote [bold]{out}[/]")


@app.command()
def run(
    config: Path | None = typer.Argument(None, help="Run config YAML (default: the demo settings; see recipes/runs/)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Folder for every stage's outputs (default runs/demo)."),
    docs: int | None = typer.Option(None, "--docs", "-n", min=100, help="Size of the generated corpus (overrides world.docs)."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed for every stage (same config and seed: same results)."),
    until: str | None = typer.Option(None, "--until", help="Stop after this stage: world, lm, influence, classifier, tag, check, mix or ablate."),
) -> None:
    """Run the whole loop on the embedded default corpus (what `make demo` calls).

    Generate the corpus, train the reference model, score and label influence (with the
    paper's analyses), train and evaluate the classifier on influence labels, tag the corpus,
    check the tags against influence, mix natural / procedural-diverse / procedural-narrow,
    ablate them with small models, and write OUT/report.html. A rerun resumes: finished
    stages are skipped and unfinished ones continue from their checkpoints.
    """
    from curate.run import load_run_config, run_all

    overrides = {"out": str(out) if out else None, "seed": seed}
    cfg = load_run_config(config, **overrides)
    if docs is not None:
        import dataclasses

        cfg = dataclasses.replace(cfg, world=dataclasses.replace(cfg.world, docs=docs))
    run_all(cfg, console=console, until=until)
    console.print(f"report: [bold]{Path(cfg.out) / 'report.html'}[/]")


def main() -> None:
    """Console entry point: user errors become one clear line and exit code 2, never a traceback."""
    from curate.errors import CurateUserError

    try:
        app()
    except CurateUserError as err:
        console.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
