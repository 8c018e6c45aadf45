"""Ablations: interval and paired-difference math, results.json and report on tiny runs,
resume after a crash mid-training, determinism, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from test_mix import RECIPES, tagged_docs

import curate.lm.train
from curate.ablate import ablate, summarize, t_interval
from curate.errors import CurateUserError
from curate.io import write_documents
from curate.lm.presets import get_preset
from curate.queries import load_queries

REPO = Path(__file__).resolve().parents[1]
ARMS = [RECIPES / "natural.yaml", RECIPES / "procedural-diverse.yaml"]
# Student's t quantile t(0.975; df) from tables, so the intervals are checked against numbers
# that do not come from the code under test.
T975 = {1: 12.706204736174707, 2: 4.302652729911275, 3: 3.182446305284263}


def test_t_interval_matches_the_textbook_formula():
    x = [2.0, 3.5, 1.0, 4.25]
    n, mean, sd = len(x), float(np.mean(x)), float(np.std(x, ddof=1))
    iv = t_interval(x)
    half = T975[n - 1] * sd / np.sqrt(n)
    assert iv["n"] == 4 and iv["mean"] == pytest.approx(mean) and iv["sd"] == pytest.approx(sd)
    assert iv["ci95"] == pytest.approx([mean - half, mean + half])
    assert t_interval([1.5, 1.5, 1.5])["ci95"] == [1.5, 1.5]  # identical runs: zero width
    assert t_interval([7.0])["ci95"] is None  # one seed: no interval


def test_paired_differences_against_numpy():
    rng = np.random.default_rng(0)
    base = rng.normal(3.0, 0.5, size=3)
    other = base - 0.2 + rng.normal(0, 0.01, size=3)  # shares the seed effect: pairing removes it
    values = {"a": {"loss": base.tolist()}, "b": {"loss": other.tolist()}, "c": {"loss": base.tolist()}}
    per_arm, paired = summarize(values)
    assert list(paired) == ["b", "c"]
    d = other - base
    half = T975[2] * d.std(ddof=1) / np.sqrt(3)
    got = paired["b"]["loss"]
    assert got["values"] == pytest.approx(d.tolist()) and got["mean"] == pytest.approx(d.mean())
    assert got["ci95"] == pytest.approx([d.mean() - half, d.mean() + half])
    assert got["excludes_zero"] and got["ci95"][1] < 0
    # unpaired, the seed-to-seed spread (0.5) swamps the 0.2 difference
    assert per_arm["b"]["loss"]["ci95"][1] > per_arm["a"]["loss"]["ci95"][0]
    assert paired["c"]["loss"]["ci95"] == [0.0, 0.0] and not paired["c"]["loss"]["excludes_zero"]


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tagged")
    write_documents(tagged_docs(400), out)
    return out


@pytest.fixture(scope="module")
def probes() -> list[dict]:
    """A few queries of each kind from the shipped probe split (generation dominates a tiny run's cost)."""
    queries = load_queries(REPO / "influence" / "queries" / "probe.jsonl", split="probe")
    def first(n: int, **match) -> list[dict]:
        return [q for q in queries if all(q[k] == v for k, v in match.items())][:n]

    return first(4, task="arithmetic") + first(4, task="slope") + first(4, kind="factual") + first(4, kind="control")


def _ablate(out: Path, tagged: Path, probes: list[dict]) -> dict:
    """Two arms x two seeds, six tiny steps each, a checkpoint every two."""
    return ablate(ARMS, out, seeds=2, tokens=6 * 8 * 128, preset=get_preset("tiny", checkpoint_every=2),
                  probes=probes, inputs=[tagged], curve_points=3, threads=1, progress=False)


@pytest.fixture(scope="module")
def done(tmp_path_factory, tagged, probes) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("ablate")
    return out, _ablate(out, tagged, probes)


@pytest.mark.slow
def test_results_and_report(done):
    out, results = done
    assert json.loads((out / "results.json").read_text()) == results
    assert results["baseline"] == "natural" and list(results["metrics"]) == ["natural", "procedural-diverse"]
    assert results["config"]["seeds"] == [0, 1] and results["config"]["tokens_trained"] == 6 * 8 * 128
    for arm, metrics in results["metrics"].items():
        for key in ("reasoning.loss", "reasoning.accuracy", "factual.loss", "control.loss", "heldout.loss",
                    "reasoning.arithmetic.loss", "reasoning.slope.accuracy"):
            s = metrics[key]
            assert s["n"] == 2 and len(s["values"]) == 2 and s["ci95"][0] <= s["mean"] <= s["ci95"][1]
        # each run's numbers are those in its own metrics.json
        for i, seed in enumerate(results["config"]["seeds"]):
            run = json.loads((out / "runs" / arm / f"seed-{seed}" / "metrics.json").read_text())
            assert all(metrics[m]["values"][i] == v for m, v in run["metrics"].items())
    nat, div = results["metrics"]["natural"], results["metrics"]["procedural-diverse"]
    for m, d in results["paired"]["procedural-diverse"].items():
        assert d["values"] == pytest.approx(np.subtract(div[m]["values"], nat[m]["values"]).tolist())
    # learning curves: evaluated points up to the last step, and held-out loss falls
    curve = results["curves"]["natural"]
    assert curve[-1]["tokens"] == 6 * 8 * 128 and curve[-1]["heldout.loss"]["mean"] < curve[0]["heldout.loss"]["mean"]
    # held-out documents are never trained on, and the mixtures differ
    assert results["config"]["heldout"]["documents"] > 0
    assert len({a["sha256"] for a in results["arms"]}) == 2
    for name in ("report.md", "report.html", "learning_curves.png", "metrics.png", "timings.json"):
        assert (out / name).stat().st_size > 0
    md = (out / "report.md").read_text().splitlines()
    assert md[0] == "# curate ablation" and next(line for line in md[1:] if line.startswith("|")).startswith("| arm |")
    assert "results.json" not in json.dumps(json.loads((out / "timings.json").read_text()))


@pytest.mark.slow
def test_resume_after_a_crash_gives_identical_results(done, tagged, probes, tmp_path, monkeypatch):
    """A crash right after the first checkpoint of the third run; rerunning finishes it from there."""
    out = tmp_path / "ablate"
    real, saves = curate.lm.train.save_checkpoint, []

    def crash_in_third_run(ckpt, step, *args, **kwargs):
        real(ckpt, step, *args, **kwargs)
        saves.append(ckpt)
        if len({c.parent for c in saves}) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(curate.lm.train, "save_checkpoint", crash_in_third_run)
    with pytest.raises(KeyboardInterrupt):
        _ablate(out, tagged, probes)
    monkeypatch.setattr(curate.lm.train, "save_checkpoint", real)
    first = out / "runs" / "natural" / "seed-0" / "metrics.json"
    stamp = first.stat().st_mtime_ns
    third = out / "runs" / "procedural-diverse" / "seed-0"
    assert (third / "checkpoint" / "latest.json").exists() and not (third / "metrics.json").exists()

    resumed = _ablate(out, tagged, probes)
    assert first.stat().st_mtime_ns == stamp  # finished runs are skipped
    assert json.loads((third / "train_report.json").read_text())["resumed_at"]
    assert set(json.loads((out / "timings.json").read_text())["runs"]) == {"procedural-diverse/seed-0",
                                                                           "procedural-diverse/seed-1"}
    # same configuration and seeds: byte-identical results.json
    assert (out / "results.json").read_bytes() == (done[0] / "results.json").read_bytes()
    assert resumed == done[1]


def test_bad_input_is_one_line(tmp_path, tagged, probes):
    with pytest.raises(CurateUserError, match="not a recipe file"):
        ablate([tmp_path / "recipe.txt"], tmp_path / "o", probes=probes)
    with pytest.raises(CurateUserError, match="no such recipe file"):
        ablate([tmp_path / "missing.yml"], tmp_path / "o", probes=probes)
    with pytest.raises(CurateUserError, match="unknown preset"):
        ablate(ARMS, tmp_path / "o", preset="huge", probes=probes)
    with pytest.raises(CurateUserError, match="tokens"):
        ablate(ARMS, tmp_path / "o", tokens="40%", probes=probes)
    with pytest.raises(CurateUserError, match="--heldout"):
        ablate([tagged], tmp_path / "o", probes=probes)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CurateUserError, match="no corpus files"):
        ablate([tmp_path / "empty"], tmp_path / "o", probes=probes, heldout=tagged)
