"""The command line: help texts and the world command, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app

runner = CliRunner()


def test_top_level_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "world" in result.output and "run" in result.output


@pytest.mark.parametrize("command", ["world", "run"])
def test_subcommand_help_explains(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--seed" in result.output
    assert len(result.output.splitlines()) > 8


def test_world_command_writes_corpus_and_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["world", "--out", str(tmp_path), "--docs", "120", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "by doc_type" in result.output
    info = json.loads((tmp_path / "summary.json").read_text())
    assert info["summary"]["documents"] == 120
    assert (tmp_path / "queries" / "probe.jsonl").stat().st_size > 0
