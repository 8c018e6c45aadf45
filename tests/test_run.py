"""``curate run``: the configuration, and the whole loop end to end on a tiny corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.errors import CurateUserError
from curate.run import load_run_config, run_all
from curate.run.config import RunConfig

TINY = """
seed: 0
threads: 1
world: {docs: 400}
lm: {preset: tiny, steps: 30, drills: 20}
influence: {docs: 120, fit_docs: 48, shard_docs: 60, settings: {max_length: 64, batch_size: 16}}
classifier: {backend: fast}
check: {sample: 60}
mix: {budget: "15%"}
ablate: {seeds: 2, tokens: 8000, preset: tiny}
"""


def test_defaults_are_the_demo() -> None:
    cfg = load_run_config()
    assert cfg == RunConfig() == load_run_config(Path(__file__).parents[1] / "recipes" / "runs" / "demo.yaml")
    assert cfg.world.docs == 20_000 and cfg.ablate.seeds >= 3
    assert [p.stem for p in cfg.recipe_paths()] == ["natural", "procedural-diverse", "procedural-narrow"]


def test_every_shipped_run_config_loads() -> None:
    paths = sorted((Path(__file__).parents[1] / "recipes" / "runs").glob("*.yaml"))
    assert {p.stem for p in paths} >= {"demo", "demo-no-drills", "large"}
    for p in paths:
        cfg = load_run_config(p)
        assert cfg.recipe_paths() and cfg.lm.drills >= 0


def test_classifier_params_and_pruning_default_to_the_backends_noisy_label_settings(tmp_path: Path) -> None:
    # the fast backend's C 2.0 must not leak into an embed run (embed's scale differs: 0.1 by default)
    path = tmp_path / "run.yaml"
    path.write_text("classifier: {backend: embed}\n")
    embed = load_run_config(path).classifier
    assert embed.params == {"C": 0.03} and embed.prune == 0.3 and embed.prune_by == "fast"
    path.write_text("classifier: {backend: embed, params: {C: 1.0, style: false}, prune: 0.1}\n")
    embed = load_run_config(path).classifier
    assert embed.params == {"C": 1.0, "style": False} and embed.prune == 0.1
    default = load_run_config().classifier
    assert default.params == {"C": 2.0} and default.prune == 0.3


def test_config_file_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "run.yaml"
    path.write_text(TINY)
    cfg = load_run_config(path, out=str(tmp_path / "x"), seed=3)
    assert cfg.world.docs == 400 and cfg.lm.preset == "tiny" and cfg.seed == 3
    assert cfg.influence.settings == {"max_length": 64, "batch_size": 16}
    assert cfg.stage_key("world") != load_run_config(path).stage_key("world")  # the seed is part of the key


@pytest.mark.parametrize("text, message", [
    ("wolrd: {docs: 10}", "unknown key 'wolrd'"),
    ("world: {size: 10}", "world: unknown key 'size'"),
    ("world: 5", "world: expected a mapping"),
    ("world: {docs: 10}", "world.docs must be at least 100"),
    ("world: {docs: many}", "world.docs must be at least 100"),
    ("lm: {drills: -5}", "lm.drills must be at least 0"),
    ("influence: {docs: some}", "influence.docs must be at least 1"),
    ("world: {docs: 500}\ninfluence: {docs: 600}", "exceeds world.docs"),
    ("classifier: {prune: 1.5}", "classifier.prune must be a number in [0, 1)"),
    ("classifier: {prune: lots}", "classifier.prune must be a number in [0, 1)"),
    ("classifier: {prune_by: tfidf}", "classifier.prune_by must be one of fast, embed"),
    ("mix: {recipes: [nope]}", None),
    ("world: [", "not valid YAML"),
])
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str | None) -> None:
    path = tmp_path / "run.yaml"
    path.write_text(text)
    with pytest.raises(CurateUserError) as err:
        load_run_config(path).recipe_paths()
    assert str(path) in str(err.value) or "nope" in str(err.value)
    if message:
        assert message in str(err.value)


@pytest.mark.slow
def test_whole_loop_on_a_tiny_corpus_resumes_and_is_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "run.yaml"
    path.write_text(TINY)
    cfg = load_run_config(path, out=str(tmp_path / "run"))
    results = run_all(cfg, progress=False)
    out = Path(cfg.out)
    assert list(results) == ["world", "lm", "influence", "classifier", "tag", "check", "mix", "ablate"]
    for stage in results:
        assert (out / stage / "stage.json").is_file()
    assert sum(results["tag"]["counts"].values()) == 400  # the LM's practice drills are never tagged
    assert results["lm"]["drills"] == 20
    assert set(results["mix"]) == {"natural", "procedural-diverse", "procedural-narrow"}
    assert all(m["accounting_adds_up"] for m in results["mix"].values())
    c = results["classifier"]  # held-out styles scored against influence labels and ground truth alike
    assert c["heldout_influence_labels"]["n"] == c["heldout_ground_truth"]["n"] > 0
    assert 0.0 <= c["heldout_ground_truth"]["macro_f1"] <= 1.0
    ablation = json.loads((out / "ablate" / "results.json").read_text())
    assert [a["name"] for a in ablation["arms"]] == ["natural", "procedural-diverse", "procedural-narrow"]
    page = (out / "report.html").read_text()
    assert page.index("Ablations") < page.index("Corpus") < page.index("Influence check")

    # a rerun skips every finished stage and reproduces the same summaries
    before = (out / "run.json").read_bytes()
    stamps = {s: (out / s / "stage.json").stat().st_mtime_ns for s in results}
    run_all(cfg, progress=False)
    assert (out / "run.json").read_bytes() == before
    assert stamps == {s: (out / s / "stage.json").stat().st_mtime_ns for s in results}

    # a stage whose marker is gone runs again, with the same result
    marker = out / "mix" / "stage.json"
    old = json.loads(marker.read_text())["summary"]
    marker.unlink()
    again = run_all(cfg, progress=False)
    assert again["mix"] == old

    # another classifier setting reruns the classifier and tag stages from scratch: no stale tags
    from curate.classify import load_classifier
    from curate.io import iter_documents

    path.write_text(TINY.replace("classifier: {backend: fast}", "classifier: {backend: fast, params: {C: 0.05}}"))
    changed = load_run_config(path, out=str(tmp_path / "run"))
    run_all(changed, progress=False, until="tag")
    clf = load_classifier(out / "classifier" / "model")
    assert clf.params["C"] == 0.05
    assert {d.metadata["curate"]["classifier"] for d in iter_documents(out / "tag" / "tagged")} == {clf.tag}
