"""``report.md``, ``report.html`` and the figures of an ablation, all from ``results.json``.

The report opens with the ablation table (every arm's headline metrics, mean and 95% t-interval
over seeds), then each arm's paired difference to the baseline, the reasoning tasks one by one,
a learning curve and a bar plot with intervals.
"""

from __future__ import annotations

from pathlib import Path

from curate.report import html, markdown, pyplot, save_figure

HEADLINE = ["reasoning.loss", "reasoning.accuracy", "factual.loss", "factual.accuracy",
            "control.loss", "control.accuracy", "heldout.loss"]
CURVES = ["reasoning.loss", "factual.loss", "control.loss", "heldout.loss"]
LEARNING_CURVES = "learning_curves.png"
BARS = "metrics.png"


def _label(metric: str) -> str:
    *what, stat = metric.split(".")
    return f"{' '.join(what).replace('heldout', 'held-out')} {'acc' if stat == 'accuracy' else stat}"


def _num(metric: str, x: float, signed: bool = False) -> str:
    if metric.endswith("accuracy"):
        return f"{100 * x:+.1f}" if signed else f"{100 * x:.1f}"
    return f"{x:+.3f}" if signed else f"{x:.3f}"


def _cell(metric: str, s: dict, signed: bool = False) -> str:
    text = _num(metric, s["mean"], signed)
    if s["ci95"] is not None:
        text += f" [{_num(metric, s['ci95'][0], signed)}, {_num(metric, s['ci95'][1], signed)}]"
    if s.get("excludes_zero"):
        text += " *"
    return text


def _present(results: dict, metrics: list[str]) -> list[str]:
    return [m for m in metrics if m in results["metrics"][results["baseline"]]]


def blocks(results: dict) -> list[tuple]:
    """The report as blocks (see :mod:`curate.report`)."""
    cfg, base = results["config"], results["baseline"]
    arms = list(results["metrics"])
    head = _present(results, HEADLINE)
    p = cfg["preset"]
    b: list[tuple] = [("h1", "curate ablation")]
    b.append(("p", f"{len(arms)} arms x {len(cfg['seeds'])} seeds; each run trains the `{p['name']}` model "
                   f"(d_model {p['d_model']}, {p['n_layers']} layers, context {p['context']}) from scratch on "
                   f"{cfg['tokens_trained']:,} tokens ({p['steps']} steps of {p['batch_size']} x {p['context']}). "
                   "Mean [95% t-interval over seeds]; losses in nats per token (lower is better), "
                   "accuracies in % (greedy exact match)."))
    b.append(("table", ["arm"] + [_label(m) for m in head],
              [[a] + [_cell(m, results["metrics"][a][m]) for m in head] for a in arms]))
    if results["paired"]:
        b.append(("h2", f"Paired differences to {base}"))
        b.append(("p", f"Arm minus {base}, run by run with the same seed (same initialisation and data order); "
                       "* marks an interval that excludes zero."))
        b.append(("table", ["arm"] + [_label(m) for m in head],
                  [[a] + [_cell(m, d[m], signed=True) for m in head] for a, d in results["paired"].items()]))
        b.append(("p", _verdict(results)))
    tasks = sorted({m.split(".")[1] for m in results["metrics"][base] if m.count(".") == 2})
    if tasks:
        b.append(("h2", "Reasoning probes by task"))
        b.append(("p", "Completion loss, mean [95% t-interval]; greedy accuracy in % (none for open-ended tasks)."))
        rows = []
        for t in tasks:
            loss, acc = f"reasoning.{t}.loss", f"reasoning.{t}.accuracy"
            rows.append([t] + [_cell(loss, results["metrics"][a][loss])
                               + (f"; {_num(acc, results['metrics'][a][acc]['mean'])}%" if acc in results["metrics"][a] else "")
                               for a in arms])
        b.append(("table", ["task"] + arms, rows))
    b.append(("h2", "Learning curves"))
    b.append(("img", LEARNING_CURVES, "probe and held-out loss against training tokens"))
    b.append(("img", BARS, "headline metrics with 95% intervals"))
    b.append(("h2", "Setup"))
    held = cfg["heldout"]
    b.append(("table", ["arm", "source", "training documents", "held-out documents dropped"],
              [[a["name"], a["source"], f"{a['documents']:,}", str(a["heldout_dropped"])] for a in results["arms"]]))
    b.append(("p", f"Probes: {cfg['probes']['queries']} queries. Held-out sample: {held['source']} "
                   f"({held['documents']:,} documents, none trained on; {held['tokens_scored']:,} tokens scored). "
                   f"Every run shares one tokenizer (vocabulary {p['vocab_size']}). Seeds {cfg['seeds']}; "
                   f"device {cfg['device']}, {cfg['threads']} threads."))
    return b


def _verdict(results: dict) -> str:
    lines = []
    for arm, d in results["paired"].items():
        s = d.get("reasoning.loss")
        if s is None:
            continue
        if s["ci95"] is None:
            lines.append(f"{arm} vs {results['baseline']}: one seed, no interval.")
            continue
        lo, hi = s["ci95"]
        way = "lower than" if hi < 0 else "higher than" if lo > 0 else "not distinguishable from"
        lines.append(f"{arm}: reasoning probe loss {way} {results['baseline']} "
                     f"({s['mean']:+.3f} nats/token, 95% CI [{lo:+.3f}, {hi:+.3f}]).")
    return " ".join(lines)


def plot_curves(results: dict, path: Path) -> None:
    plt = pyplot()

    metrics = [m for m in CURVES if m in results["curves"][results["baseline"]][0]]
    fig, axes = plt.subplots(1, len(metrics), figsize=(3.6 * len(metrics), 3.2), squeeze=False)
    for ax, m in zip(axes[0], metrics):
        for arm, points in results["curves"].items():
            x = [pt["tokens"] for pt in points]
            mean = [pt[m]["mean"] for pt in points]
            ax.plot(x, mean, marker="o", ms=3, label=arm)
            if points[0][m]["ci95"] is not None:
                ax.fill_between(x, [pt[m]["ci95"][0] for pt in points], [pt[m]["ci95"][1] for pt in points], alpha=0.2)
        ax.set_title(_label(m))
        ax.set_xlabel("training tokens")
    axes[0][0].set_ylabel("nats / token")
    axes[0][0].legend(fontsize=8)
    save_figure(fig, path)


def plot_bars(results: dict, path: Path) -> None:
    plt = pyplot()

    metrics = _present(results, HEADLINE)
    arms = list(results["metrics"])
    fig, axes = plt.subplots(1, len(metrics), figsize=(2.4 * len(metrics), 3.2), squeeze=False)
    for ax, m in zip(axes[0], metrics):
        stats = [results["metrics"][a][m] for a in arms]
        means = [s["mean"] for s in stats]
        err = [[s["mean"] - s["ci95"][0] if s["ci95"] else 0 for s in stats],
               [s["ci95"][1] - s["mean"] if s["ci95"] else 0 for s in stats]]
        ax.bar(range(len(arms)), means, yerr=err, capsize=3, color=[f"C{i}" for i in range(len(arms))])
        ax.set_xticks(range(len(arms)), arms, rotation=30, ha="right", fontsize=7)
        ax.set_title(_label(m), fontsize=9)
        if m.endswith("accuracy"):
            ax.set_ylim(0, 1)
        else:
            lo = min(s["ci95"][0] if s["ci95"] else s["mean"] for s in stats)
            hi = max(s["ci95"][1] if s["ci95"] else s["mean"] for s in stats)
            pad = 0.5 * (hi - lo) + 1e-3
            ax.set_ylim(lo - pad, hi + pad)  # losses differ by little next to their size
    save_figure(fig, path)


def render(results: dict) -> str:
    """The ablation table and the paired differences, as Markdown for a terminal."""
    b = blocks(results)
    end = next((i for i, blk in enumerate(b) if blk[0] == "h2" and not blk[1].startswith("Paired")), len(b))
    return markdown(b[:end]).strip()


def write_report(results: dict, out: Path) -> None:
    """Figures, ``report.md`` and ``report.html`` into ``out``."""
    plot_curves(results, out / LEARNING_CURVES)
    plot_bars(results, out / BARS)
    b = blocks(results)
    (out / "report.md").write_text(markdown(b))
    (out / "report.html").write_text(html(b, out, "curate ablation"))
