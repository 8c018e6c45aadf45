"""Shared by the benchmark scripts (each puts the repository first on sys.path, so ``bench.common`` imports)."""

from __future__ import annotations

import json
from pathlib import Path


def write_results(report: dict, out: Path) -> None:
    """Write a benchmark's JSON results and say where."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")
