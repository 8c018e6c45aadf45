"""Option parsing shared by the ``curate`` commands."""

from __future__ import annotations

import json


def parse_overrides(pairs: list[str], what: str) -> dict:
    """``KEY=VALUE`` options as a dict; values are JSON when they parse (numbers, null), else strings."""
    from curate.errors import CurateUserError

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CurateUserError(f"{what} {pair!r}: expected KEY=VALUE")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out
