"""The user-facing error types: each message is one line naming what to fix."""

from __future__ import annotations


class CurateUserError(ValueError):
    """Bad input from the user (a file, a field, a setting); the CLI prints it as one line."""
