"""classifier train / eval and tag from the command line, on a small generated corpus."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from typer.testing import CliRunner

from curate.cli import app
from curate.io import iter_documents
from curate.world import generate_world

runner = CliRunner()


def test_train_eval_tag_and_resume(tmp_path: Path) -> None:
    generate_world(tmp_path / "world", n_docs=500, seed=11, max_docs_per_shard=200)
    docs = str(tmp_path / "world" / "docs")
    clf = tmp_path / "clf"
    result = runner.invoke(app, ["classifier", "train", docs, "--out", str(clf), "--backend", "fast", "--seed", "1"])
    assert result.exit_code == 0, result.output
    metrics = json.loads((clf / "metrics.json").read_text())
    assert metrics["split"]["groups_in_both"] == 0
    assert metrics["heldout"]["macro_f1"] > 0.5

    result = runner.invoke(app, ["classifier", "eval", str(clf), docs, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["accuracy"] > 0.6

    tagged = tmp_path / "tagged"
    result = runner.invoke(app, ["tag", docs, "--out", str(tagged), "--classifier", str(clf), "--workers", "2"])
    assert result.exit_code == 0, result.output
    out_docs = list(iter_documents(tagged))
    assert len(out_docs) == 500
    assert all(d.metadata["curate"]["label"] in {"procedural", "factual", "other"} for d in out_docs)
    counts = json.loads((tagged / "tag_counts.json").read_text())
    assert sum(counts.values()) == 500

    # a rerun finds every task complete and rewrites nothing; counts still cover everything
    before = {p: p.stat().st_mtime_ns for p in tagged.glob("*.jsonl.gz")}
    result = runner.invoke(app, ["tag", docs, "--out", str(tagged), "--classifier", str(clf)])
    assert result.exit_code == 0, result.output
    assert {p: p.stat().st_mtime_ns for p in tagged.glob("*.jsonl.gz")} == before
    assert sum(json.loads((tagged / "tag_counts.json").read_text()).values()) == 500


def test_train_params_reach_the_saved_config(tmp_path: Path, monkeypatch, capsys) -> None:
    generate_world(tmp_path / "world", n_docs=200, seed=5)
    docs = str(tmp_path / "world" / "docs")
    result = runner.invoke(app, ["classifier", "train", docs, "--out", str(tmp_path / "c2"), "--param", "C=2.0",
                                 "-p", "word_ngrams=[1, 1]"])
    assert result.exit_code == 0, result.output
    config = json.loads((tmp_path / "c2" / "config.json").read_text())
    assert config["backend"] == "fast" and config["params"]["C"] == 2.0 and config["params"]["word_ngrams"] == [1, 1]
    for bad, message in (("C", "expected KEY=VALUE"), ("nope=1", "unknown fast-backend parameters ['nope']")):
        code, output = _curate(monkeypatch, capsys, "classifier", "train", docs, "--out", str(tmp_path / "c3"), "--param", bad)
        assert code == 2 and message in output and len(output.strip().splitlines()) == 1, output
    assert not (tmp_path / "c3").exists()


def test_missing_classifier_is_one_line_error(tmp_path: Path) -> None:
    generate_world(tmp_path / "world", n_docs=20, seed=2)
    result = runner.invoke(app, ["tag", str(tmp_path / "world" / "docs"), "--out", str(tmp_path / "t"),
                                 "--classifier", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "nope" in str(result.exception)


def _curate(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Exit code and output of the console entry point (user errors: one line, exit 2), in process."""
    from curate.cli import main

    monkeypatch.setattr(sys, "argv", ["curate", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out + captured.err


@pytest.fixture(scope="module")
def small_classifier(tmp_path_factory) -> Path:
    from curate.classify import make_classifier

    texts = ["Mix the flour, then bake it for 20 minutes.", "Oslo is a city in Norway.", "She laughed and left."] * 4
    labels = ["procedural", "factual", "other"] * 4
    clf = make_classifier("fast", word_features=2**10, shape_features=2**8).fit(texts, labels)
    return clf.save(tmp_path_factory.mktemp("clf") / "small")


def _edit_config(d: Path, edit) -> None:
    cfg = json.loads((d / "config.json").read_text())
    edit(cfg)
    (d / "config.json").write_text(json.dumps(cfg))


@pytest.mark.parametrize("damage, message", [
    (lambda d: (d / "weights.npz").unlink(), "weights.npz is missing"),
    (lambda d: _edit_config(d, lambda c: c.update(format_version=0)), "format_version 0"),
    (lambda d: _edit_config(d, lambda c: c["params"].update(features_version=1)), "features_version 1"),
])
def test_tag_with_a_bad_classifier_is_one_line_exit_2(small_classifier, tmp_path, monkeypatch, capsys, damage,
                                                      message) -> None:
    d = tmp_path / "clf"
    shutil.copytree(small_classifier, d)
    damage(d)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Mix it."}) + "\n")
    code, output = _curate(monkeypatch, capsys, "tag", str(corpus), "--out", str(tmp_path / "out"), "--classifier", str(d))
    assert code == 2 and message in output
    assert output.startswith("error:") and len(output.strip().splitlines()) == 1, output
    assert not (tmp_path / "out").exists()


def test_tag_corpus_without_text_field_is_one_line_exit_2(small_classifier, tmp_path, monkeypatch, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        (corpus / name).write_text("".join(json.dumps({"id": f"{name}{i}", "body": "Mix it."}) + "\n" for i in range(3)))
    for workers in ("1", "2"):
        code, output = _curate(monkeypatch, capsys, "tag", str(corpus), "--out", str(tmp_path / "out"),
                               "--classifier", str(small_classifier), "--workers", workers)
        assert code == 2 and "a.jsonl:1: field 'text' missing" in output
        assert output.startswith("error:") and len(output.strip().splitlines()) == 1, output


def test_mix_and_filter_commands(tmp_path: Path) -> None:
    """The CLI over curate.mix: a shipped recipe on a tagged corpus, and a filter."""
    from datatrove.data import Document

    from curate.io import write_documents
    from curate.world import World

    world = World(seed=4)
    docs = []
    for i in range(800):
        d = world.document(i)
        meta = d.metadata()
        meta["curate"] = {"label": meta["doc_type"], "probs": {meta["doc_type"]: 0.9}}
        docs.append(Document(text=d.text, id=f"d{i}", metadata=meta))
    write_documents(docs, tmp_path / "tagged")
    repo = Path(__file__).resolve().parents[1]
    result = runner.invoke(app, ["mix", str(repo / "recipes" / "natural.yaml"), "--out", str(tmp_path / "mix"),
                                 "--inputs", str(tmp_path / "tagged")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "mix" / "manifest.json").read_text())
    acc = manifest["accounting"]
    assert acc["input_records"] == 800
    assert acc["selected"] + sum(acc["dropped"].values()) == 800
    result = runner.invoke(app, ["filter", str(tmp_path / "tagged"), "--keep", "procedural", "--out", str(tmp_path / "f")])
    assert result.exit_code == 0, result.output
    kept = list(iter_documents(tmp_path / "f"))
    assert kept and all(d.metadata["curate"]["label"] == "procedural" for d in kept)


def test_lm_train_command_reports_query_metrics(tmp_path: Path) -> None:
    generate_world(tmp_path / "world", n_docs=150, seed=8)
    result = runner.invoke(app, ["lm", "train", str(tmp_path / "world" / "docs"), "--out", str(tmp_path / "lm"),
                                 "--preset", "tiny", "--steps", "40", "--drills", "30",
                                 "--queries", str(tmp_path / "world" / "queries" / "influence.jsonl")])
    assert result.exit_code == 0, result.output
    assert "reasoning queries after" in result.output
    report = json.loads((tmp_path / "lm" / "train_report.json").read_text())
    assert report["n_docs"] == 150 + 30  # the corpus and the practice drills
    assert report["final_loss"] < report["first_loss"]
    assert report["steps"] == 40 and report["preset"]["steps"] == 40
    assert (tmp_path / "lm" / "config.json").exists()


def test_lm_train_unknown_preset_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    code, out = _curate(monkeypatch, capsys, "lm", "train", str(tmp_path), "--out", str(tmp_path / "lm"), "--preset", "huge")
    assert code == 2 and "unknown preset 'huge'" in out and len(out.strip().splitlines()) == 1
    assert not (tmp_path / "lm").exists()
