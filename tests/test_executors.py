"""Tagging on every executor: Ray gives the local run's bytes, Slurm submits the script it should."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.classify import tag_corpus
from curate.cli import app
from curate.errors import CurateUserError
from curate.executors import load_executor_config, run_pipeline
from curate.io import iter_documents
from curate.mix import mix

runner = CliRunner()


def shard_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl.gz"))}


@pytest.mark.slow  # ~30 s: starting a Ray cluster
def test_ray_run_matches_local_run_byte_for_byte(tagging_world, tmp_path):
    ray = pytest.importorskip("ray")
    docs, clf = tagging_world
    local = tag_corpus(docs, tmp_path / "local", clf, workers=2)
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False, configure_logging=False)
    try:
        # the CLI path: settings from a YAML file, the cluster this process already joined
        cfg = tmp_path / "ray.yaml"
        cfg.write_text("cpus_per_task: 1\nmem_per_cpu_gb: 0.5\n")
        result = runner.invoke(app, ["tag", str(docs), "--out", str(tmp_path / "ray"), "--classifier", str(clf),
                                     "--workers", "2", "--executor", "ray", "--executor-config", str(cfg)])
        assert result.exit_code == 0, result.output
        # the mixture's shard writing on Ray: one task per 100-document shard
        recipe = {"inputs": str(tmp_path / "local"), "shares": "natural", "budget_tokens": "max",
                  "output": {"shard_docs": 100}}
        on_ray = mix(recipe, tmp_path / "mix-ray", executor="ray", workers=2)
    finally:
        ray.shutdown()
    assert mix(recipe, tmp_path / "mix-local") == on_ray and len(on_ray["outputs"]["shards"]) == 3
    assert shard_bytes(tmp_path / "mix-ray") == shard_bytes(tmp_path / "mix-local")
    assert json.loads((tmp_path / "ray" / "tag_counts.json").read_text()) == local
    assert sum(local.values()) == 300
    ray_shards = shard_bytes(tmp_path / "ray")
    assert len(ray_shards) == 3 and ray_shards == shard_bytes(tmp_path / "local")


def _fake_slurm(bin_dir: Path, log: Path) -> None:
    """sbatch that records its arguments and the script, as a cluster's would accept them."""
    bin_dir.mkdir()
    sbatch = bin_dir / "sbatch"
    sbatch.write_text(f'#!/bin/sh\necho "$@" >> {log}\necho "Submitted batch job 4242"\n')
    sbatch.chmod(sbatch.stat().st_mode | stat.S_IEXEC)
    scontrol = bin_dir / "scontrol"  # `scontrol show hostnames NODELIST`, used inside a job
    scontrol.write_text('#!/bin/sh\necho "$4"\n')
    scontrol.chmod(scontrol.stat().st_mode | stat.S_IEXEC)


def test_slurm_submission_script_from_config_then_jobs_finish_the_run(tagging_world, tmp_path, monkeypatch):
    docs, clf = tagging_world
    _fake_slurm(tmp_path / "bin", tmp_path / "sbatch.log")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    cfg = tmp_path / "slurm.yaml"
    cfg.write_text("partition: cpu-long\ntime: '02:30:00'\ncpus_per_task: 4\nmem_per_cpu_gb: 3\n"
                   "job_name: curate-tag\ntasks_per_job: 3\nsbatch_args: {account: curation}\n")
    out = tmp_path / "tagged"
    result = runner.invoke(app, ["tag", str(docs), "--out", str(out), "--classifier", str(clf), "--workers", "2",
                                 "--executor", "slurm", "--executor-config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "submitted" in result.output and not (out / "tag_counts.json").exists()

    logs = out / ".datatrove"
    script = (logs / "launch_script.slurm").read_text()
    for line in ("#SBATCH --partition=cpu-long", "#SBATCH --time=02:30:00", "#SBATCH --cpus-per-task=4",
                 "#SBATCH --mem-per-cpu=3G", "#SBATCH --job-name=curate-tag", "#SBATCH --account=curation",
                 "#SBATCH --array=0-0%2", f"source {Path(sys.prefix) / 'bin' / 'activate'}",
                 f"launch_pickled_pipeline {logs / 'executor.pik'}"):
        assert line in script, line
    assert json.loads((logs / "ranks_to_run.json").read_text()) == [0, 1, 2]
    submitted = (tmp_path / "sbatch.log").read_text().splitlines()
    assert len(submitted) == 2 and submitted[0].startswith("--export=ALL,RUN_OFFSET=0")  # the array, merge stats

    # what the array job runs (all 3 tasks: tasks_per_job), as Slurm starts it; then a rerun finds all done
    launcher = Path(sys.executable).with_name("launch_pickled_pipeline")
    env = os.environ | {"SLURM_ARRAY_TASK_ID": "0", "SLURM_NODELIST": "node1"}
    subprocess.run([str(launcher), str(logs / "executor.pik")], env=env, check=True, capture_output=True)
    result = runner.invoke(app, ["tag", str(docs), "--out", str(out), "--classifier", str(clf),
                                 "--executor", "slurm", "--executor-config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert sum(json.loads((out / "tag_counts.json").read_text()).values()) == 300
    assert len(list(iter_documents(out))) == 300
    assert len((tmp_path / "sbatch.log").read_text().splitlines()) == 2  # nothing submitted again


@pytest.mark.parametrize(
    "kind, text, message",
    [
        ("slurm", "partition: cpu\n", "needs 'time'"),
        ("slurm", "partition: cpu\ntime: 1:00:00\npartitoin: x\n", "unknown slurm executor setting 'partitoin'"),
        ("local", "workers: 4\n", "'workers' is set by curate"),
        ("local", "- a\n- b\n", "must be a mapping"),
        ("local", "a: [1,\n", "cfg.yaml:2: not valid YAML"),
        ("dask", "", "unknown executor 'dask'"),
    ],
)
def test_bad_executor_settings_are_one_line_errors(tmp_path, kind, text, message):
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(text)
    with pytest.raises(CurateUserError, match=message) as info:
        run_pipeline(kind, [], tasks=1, workers=1, logging_dir=tmp_path / "logs",
                     config=load_executor_config(cfg), source=str(cfg))
    assert "\n" not in str(info.value)
