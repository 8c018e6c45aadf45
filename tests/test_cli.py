"""The command line: help texts and the world command, run in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.io import iter_documents

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


def _curate(*args: str) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it (errors go through ``main``)."""
    return subprocess.run([sys.executable, "-m", "curate", *args], capture_output=True, text=True, timeout=120)


def test_convert_bad_record_is_one_line_error_then_skip_bad_accounts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "hello"}\n{"id": "b", "text": \n{"id": "c"}\n')
    strict = _curate("convert", str(bad), "--out", str(tmp_path / "strict"))
    assert strict.returncode == 2
    message = (strict.stdout + strict.stderr).strip()
    assert "Traceback" not in message
    assert len(message.splitlines()) == 1
    assert f"{bad}:2:" in message.replace("\n", "")

    result = runner.invoke(app, ["convert", str(bad), "--out", str(tmp_path / "ok"), "--skip-bad"])
    assert result.exit_code == 0, result.output
    rejects = [json.loads(line) for line in (tmp_path / "ok" / "_rejects.jsonl").read_text().splitlines()]
    assert [(r["line"], r["reason"]) for r in rejects] == [(2, "malformed_json"), (3, "missing_text")]
    kept = list(iter_documents(tmp_path / "ok", skip_bad=False))
    assert [d.id for d in kept] == ["a"]
