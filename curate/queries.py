"""Query suites: the JSONL files of prompts and completions that influence and ablations measure.

One reader for every stage, so a malformed suite fails the same way everywhere: with the
file, the line and the field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from curate.errors import CurateUserError

KINDS = ("reasoning", "factual", "control")


def load_queries(
    queries: str | os.PathLike | Sequence[dict], *, split: str = "influence", kinds: Sequence[str] | None = None
) -> list[dict]:
    """Queries from a JSONL file, a folder holding ``{split}.jsonl``, or a list of dicts.

    Every query needs a non-empty ``prompt`` and ``completion``; ``id`` defaults to its
    position and must be unique. ``kinds`` keeps only queries of those kinds.
    """
    if isinstance(queries, (str, os.PathLike)):
        path = Path(queries)
        if path.is_dir():
            path = path / f"{split}.jsonl"
        if not path.is_file():
            raise CurateUserError(f"{path}: no such query file (JSONL of {{id, prompt, completion, ...}})")
        out = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise CurateUserError(f"{path}:{n}: not JSON ({e.msg})") from None
                if not isinstance(row, dict):
                    raise CurateUserError(f"{path}:{n}: a query must be a JSON object")
                out.append(row)
        where = str(path)
    else:
        out = [q if isinstance(q, dict) else q.to_dict() for q in queries]
        out = [dict(q) for q in out]
        where = "queries"
    if kinds is not None:
        out = [q for q in out if q.get("kind") in kinds]
    if not out:
        wanted = f" of kind {', '.join(kinds)}" if kinds is not None else ""
        raise CurateUserError(f"{where}: no queries{wanted}")
    for i, q in enumerate(out):
        for key in ("prompt", "completion"):
            if not isinstance(q.get(key), str) or not q[key]:
                raise CurateUserError(f"{where}: query {q.get('id', i)!r}: field {key!r} missing or empty")
        q.setdefault("id", f"query-{i:05d}")
    ids = [q["id"] for q in out]
    if len(set(ids)) != len(ids):
        raise CurateUserError(f"{where}: query ids are not unique")
    return out
