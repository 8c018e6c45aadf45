"""Reports as a list of blocks, rendered to Markdown and to one self-contained HTML page.

A block is ``("h1" | "h2" | "p", text)``, ``("table", header, rows)`` or ``("img", png_name,
alt)``; text may hold ``code`` spans. Stages build blocks from their JSON results, so the
Markdown, the HTML and the JSON always say the same thing.
"""

from __future__ import annotations

import base64
import html as _html
import re
from pathlib import Path
from typing import Any


def pyplot():
    """matplotlib's pyplot on the file-only Agg backend, imported on first use (it is slow to import)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig, path: str | Path, dpi: int = 110) -> Path:
    """Lay out, write as PNG and close ``fig``; returns ``path``."""
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return Path(path)


def fmt(x: Any, digits: int = 3) -> str:
    """A number or value for a table cell: ``–`` for missing, ``yes``/``no``, thousands separators."""
    if x is None:
        return "–"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:.{digits}f}" if abs(x) < 1e5 else f"{x:,.0f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def fmt_interval(d: dict | None, digits: int = 3) -> str:
    """``mean [lo, hi]`` of a ``{"mean", "ci95"}`` summary; the mean alone when it has no interval."""
    if not d:
        return "–"
    ci = d.get("ci95")
    mean = fmt(d.get("mean"), digits)
    return f"{mean} [{fmt(ci[0], digits)}, {fmt(ci[1], digits)}]" if ci else mean


def markdown(blocks: list[tuple]) -> str:
    """Markdown; images are linked by file name (next to the report)."""
    out = []
    for blk in blocks:
        kind = blk[0]
        if kind == "h1":
            out.append(f"# {blk[1]}\n")
        elif kind == "h2":
            out.append(f"## {blk[1]}\n")
        elif kind == "p":
            out.append(blk[1] + "\n")
        elif kind == "table":
            head, rows = blk[1], blk[2]
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "|".join("---" for _ in head) + "|")
            out.extend("| " + " | ".join(r) + " |" for r in rows)
            out.append("")
        elif kind == "img":
            out.append(f"![{blk[2]}]({blk[1]})\n")
    return "\n".join(out) + "\n"


def html(blocks: list[tuple], out_dir: Path, title: str) -> str:
    """One HTML page; images (PNG files in ``out_dir``) are embedded, so the page travels alone."""

    def inline(text: str) -> str:
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", _html.escape(text))

    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{_html.escape(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
             "table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;"
             "text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
             "img{max-width:100%}code{background:#f3f3f3;padding:0 .2em}</style></head><body>"]
    for blk in blocks:
        kind = blk[0]
        if kind in ("h1", "h2"):
            parts.append(f"<{kind}>{inline(blk[1])}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{inline(blk[1])}</p>")
        elif kind == "table":
            parts.append("<table><tr>" + "".join(f"<th>{inline(h)}</th>" for h in blk[1]) + "</tr>")
            for row in blk[2]:
                parts.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        elif kind == "img":
            data = base64.b64encode((out_dir / blk[1]).read_bytes()).decode("ascii")
            parts.append(f"<p><img alt='{_html.escape(blk[2])}' src='data:image/png;base64,{data}'></p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
