"""``curate influence score / label / report / check`` end to end on a tiny world and model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from typer.testing import CliRunner

from curate.cli import app
from curate.errors import CurateUserError
from curate.io import iter_documents, write_documents
from curate.lm import get_preset, train_lm
from curate.world import generate_world

runner = CliRunner()
SETTINGS = ["--set", "max_length=64", "--set", "batch_size=16", "--set", "fit_docs=32"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("cli-influence")
    generate_world(root / "world", n_docs=240, seed=0)
    docs = list(iter_documents(root / "world" / "docs"))
    train_lm([d.text for d in docs], root / "lm", preset=get_preset("tiny", steps=30), seed=0, progress=False)
    # a small suite: two queries per kind keeps kronfluence's passes to seconds
    rows = [json.loads(x) for x in (root / "world" / "queries" / "influence.jsonl").read_text().splitlines()]
    picked, seen = [], {}
    for q in rows:
        if seen.get(q["task"], 0) < 2:
            seen[q["task"]] = seen.get(q["task"], 0) + 1
            picked.append(q)
    (root / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in picked))
    # tags from ground truth stand in for a classifier's
    for d in docs:
        d.metadata["curate"] = {"label": d.metadata["doc_type"] if d.metadata["doc_type"] != "mixed"
                                else "other", "probs": {}, "classifier": "truth"}
    write_documents(docs, root / "tagged")
    yield root
    torch.set_num_threads(before)


def _invoke(args: list[str]):
    return runner.invoke(app, args, catch_exceptions=False)


def test_score_label_report(setup: Path) -> None:
    root = setup
    scores = root / "scores"
    r = _invoke(["influence", "score", str(root / "world" / "docs"), "--model", str(root / "lm"),
                 "--queries", str(root / "queries.jsonl"), "--out", str(scores), "--limit", "96",
                 "--shard-docs", "48", *SETTINGS])
    assert r.exit_code == 0, r.output
    assert "96 documents" in r.output.replace(",", "")
    assert (scores / "scores.safetensors").is_file()

    labels = root / "labels.jsonl"
    r = _invoke(["influence", "label", str(scores), "--out", str(labels), "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    rows = [json.loads(x) for x in labels.read_text().splitlines()]
    assert len(rows) == 96 == summary["documents"] == sum(summary["counts"].values())
    assert {x["label"] for x in rows} <= {"procedural", "factual", "other"}

    with pytest.raises(CurateUserError, match="nonsense"):
        _invoke(["influence", "label", str(scores), "--out", str(root / "bad.jsonl"), "--rule", "nonsense=1"])
    assert not (root / "bad.jsonl").exists()

    r = _invoke(["influence", "report", str(scores), "--out", str(root / "report")])
    assert r.exit_code == 0, r.output
    report = json.loads((root / "report" / "report.json").read_text())
    assert report["documents"] == 96
    assert (root / "report" / "report.html").stat().st_size > 0
    assert "same-task minus different-task" in r.output


def test_check_exit_code_follows_verdict(setup: Path) -> None:
    root = setup
    args = ["influence", "check", str(root / "tagged"), "--model", str(root / "lm"),
            "--queries", str(root / "queries.jsonl"), "--sample", "60"]
    r = _invoke([*args, "--out", str(root / "check")])
    result = json.loads((root / "check" / "check.json").read_text())
    assert r.exit_code == (0 if result["passed"] else 1)
    assert result["sample"]["documents"] == 60
    assert "influence check" in r.output
    r = _invoke([*args, "--shuffle-tags", "--out", str(root / "check-shuffled")])
    shuffled = json.loads((root / "check-shuffled" / "check.json").read_text())
    assert shuffled["tags_shuffled"] is True
    assert r.exit_code == (0 if shuffled["passed"] else 1)
