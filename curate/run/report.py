"""One readable page for a whole run: ``OUT/report.html``, opening with the ablation table.

Each stage contributes a short section built from its ``stage.json`` summary, with the
figures its own report wrote (linked relative to ``OUT``, so the folder can be moved).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from curate.report import fmt, fmt_interval
from curate.run.config import RunConfig

#: the ablation metrics shown first, in this order (others follow in the ablation's own report)
KEY_METRICS = ("reasoning.loss", "reasoning.accuracy", "factual.loss", "factual.accuracy", "control.loss",
               "heldout.loss")

CSS = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
img{max-width:48%;margin:.3em;border:1px solid #eee}.pass{color:#070;font-weight:bold}.fail{color:#b00;font-weight:bold}
.note{color:#555;font-size:.92em}
"""


def _fmt(x: Any, digits: int = 3) -> str:
    return html.escape(fmt(x, digits))


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _images(out: Path, *paths: str) -> str:
    return "".join(f'<a href="{p}"><img src="{p}" alt="{p}"></a>' for p in paths if (out / p).is_file())


def ablation_rows(results: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per key metric, per arm its mean [95% CI], then paired differences."""
    arms = [a["name"] for a in results["arms"]]
    base = results["baseline"]
    metrics = [m for m in KEY_METRICS if m in results["metrics"][base]]
    metrics += sorted(m for m in results["metrics"][base] if m not in KEY_METRICS and m.count(".") == 1)
    header = ["metric", *arms, *(f"{a} − {base}" for a in arms if a != base)]
    rows = []
    for m in metrics:
        row = [html.escape(m), *(fmt_interval(results["metrics"][a].get(m)) for a in arms)]
        for a in arms:
            if a == base:
                continue
            d = results["paired"][a].get(m)
            mark = " *" if d and d.get("excludes_zero") else ""
            row.append(fmt_interval(d) + mark)
        rows.append(row)
    return header, rows


def _ablation(out: Path) -> str:
    path = out / "ablate" / "results.json"
    if not path.is_file():
        return "<h2>Ablations</h2><p>not run</p>"
    r = json.loads(path.read_text())
    header, rows = ablation_rows(r)
    c = r["config"]
    note = (f"{len(r['arms'])} mixtures × {len(c['seeds'])} seeds, {c['tokens_trained']:,} training tokens per run, "
            f"preset {html.escape(str(c['preset'].get('name')))}; probe split of the query suites "
            f"({c['probes']['queries']} queries). Mean [95% t-interval over seeds]; differences are paired by "
            f"seed, * = the interval excludes zero. Lower loss is better.")
    figs = sorted(p.relative_to(out).as_posix() for p in (out / "ablate").glob("*.png"))
    return (f"<h2>Ablations: does the mixture help reasoning?</h2>{_table(header, rows)}<p class='note'>{note}</p>"
            f"{_images(out, *figs)}<p><a href='ablate/report.html'>full ablation report</a></p>")


def _kv(d: dict, keys: list[tuple[str, str]]) -> str:
    return _table(["", "value"], [[html.escape(label), _fmt(d.get(k))] for k, label in keys if k in d])


def _sections(out: Path, s: dict[str, dict]) -> list[str]:
    parts = []
    if "world" in s:
        w = s["world"]
        parts.append("<h2>1. Corpus</h2>" + _table(["doc_type", "documents"], [[k, _fmt(v)] for k, v in w["by_doc_type"].items()])
                     + f"<p class='note'>{_fmt(w['documents'])} documents, {_fmt(w['tokens'])} tokens.</p>")
    if "lm" in s:
        m = s["lm"]
        rows = []
        for kind in sorted((m.get("queries_after") or {})):
            b, a = (m.get("queries_before") or {}).get(kind, {}), m["queries_after"][kind]
            rows.append([kind, _fmt(b.get("loss")), _fmt(a.get("loss")), _fmt(a.get("accuracy"))])
        parts.append("<h2>2. Reference model</h2>" + _kv(m, [("params", "parameters"), ("tokens_seen", "tokens trained"),
                                                            ("final_loss", "final training loss"), ("tokens_per_s", "tokens/s")])
                     + _table(["influence queries", "loss before", "loss after", "greedy accuracy after"], rows))
    if "influence" in s:
        i = s["influence"]
        ev = i.get("labels_vs_truth") or {}
        f1 = i["finding1"]
        f2 = i["finding2"]
        rows = [["Finding 1: same-task minus different-task correlation", fmt_interval(f1.get("same_minus_different")),
                 _fmt(i["targets"].get("finding1_difference_excludes_zero"))],
                ["Finding 2: factual / reasoning excess of answer-in-top-50", _fmt(f2.get("factual_to_reasoning_excess_ratio")),
                 _fmt(i["targets"].get("finding2_ratio_at_least_3"))],
                ["influence labels against ground truth (macro-F1)", _fmt(ev.get("macro_f1")), ""]]
        counts = ", ".join(f"{k} {_fmt(v)}" for k, v in sorted(i["labels"]["counts"].items()))
        parts.append("<h2>3. Influence</h2>" + _table(["", "measured", "reproduced"], rows)
                     + f"<p>labels: {counts}. <a href='influence/report/report.html'>full influence report</a></p>"
                     + _images(out, "influence/report/correlation.png", "influence/report/answers_topk.png",
                               "influence/report/dispersion.png", "influence/report/labels.png"))
    if "classifier" in s:
        c = s["classifier"]
        h, g, t = c["heldout_influence_labels"], c.get("heldout_ground_truth") or {}, c["vs_ground_truth"]
        rows = [["influence labels of held-out styles", _fmt(h.get("macro_f1")), _fmt(h.get("accuracy")), _fmt(h.get("ece"))],
                ["ground truth of the same held-out styles", _fmt(g.get("macro_f1")), _fmt(g.get("accuracy")), _fmt(g.get("ece"))],
                [f"ground truth of {c['evaluated_on']:,} unscored documents", _fmt(t.get("macro_f1")),
                 _fmt(t.get("accuracy")), _fmt(t.get("ece"))]]
        parts.append(f"<h2>4. Classifier</h2><p>trained on {c['trained_on']:,} influence-labelled documents</p>"
                     + _table(["evaluated against", "macro-F1", "accuracy", "ECE"], rows)
                     + _images(out, "classifier/model/reliability.png", "classifier/reliability_truth.png"))
    if "tag" in s:
        counts = s["tag"].get("counts") or {}
        parts.append("<h2>5. Tags</h2>" + _table(["label", "documents"], [[k, _fmt(v)] for k, v in sorted(counts.items())]))
    if "check" in s:
        rows = []
        for name in ("tags", "shuffled"):
            r = s["check"][name]
            cls = "pass" if r["verdict"] == "pass" else "fail"
            rows.append(["the same tags shuffled" if name == "shuffled" else "classifier tags",
                         f"<span class='{cls}'>{r['verdict']}</span>", _fmt(r["kappa"]), _fmt(r["p_value"], 4)])
        parts.append("<h2>6. Influence check</h2>" + _table(["tags", "verdict", "Cohen's kappa", "permutation p"], rows))
    if "mix" in s:
        rows = []
        for name, m in s["mix"].items():
            div = m["diversity"].get("procedural") or {}
            shares = ", ".join(f"{k} {_fmt(v['realized_share'])} ({_fmt(v['requested_share'])})"
                               for k, v in sorted(m["labels"].items()))
            rows.append([html.escape(name), f"{_fmt(m['budget']['realized_tokens'])}", shares,
                         _fmt(div.get("cluster_entropy_bits")), _fmt(div.get("distinct_3gram_ratio"))])
        parts.append("<h2>7. Mixtures</h2>" + _table(["recipe", "tokens", "realized (requested) token shares",
                                                     "procedural cluster entropy (bits)",
                                                     "procedural distinct 3-gram ratio"], rows))
    return parts


def write_run_report(out: str | Path, cfg: RunConfig, results: dict[str, dict]) -> Path:
    """Write ``OUT/report.html`` from the stage summaries; returns its path."""
    out = Path(out)
    timing = []
    for stage in results:
        marker = out / stage / "stage.json"
        if marker.is_file():
            timing.append([stage, _fmt(json.loads(marker.read_text()).get("seconds"), 1)])
    body = [f"<h1>curate run: {html.escape(cfg.out)}</h1>", _ablation(out), *_sections(out, results),
            "<h2>Stage times (seconds)</h2>" + _table(["stage", "seconds"], timing),
            f"<h2>Configuration</h2><pre>{html.escape(json.dumps(cfg.to_dict(), indent=2, default=list))}</pre>"]
    page = f"<!doctype html><html><head><meta charset='utf-8'><title>curate run</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
