"""One way to run a datatrove pipeline on this machine, a Slurm cluster or a Ray cluster.

Every distributed stage (tagging, the mixture's shard writing, influence scoring) builds its
pipeline and hands it to :func:`run_pipeline`; the stage decides the number of tasks and what
"done" means, the executor decides where the tasks run. Executor settings come from a YAML file
(:func:`load_executor_config`) whose keys are the datatrove executor's own arguments, e.g. for
Slurm ``partition``, ``time``, ``cpus_per_task``, ``mem_per_cpu_gb``, ``sbatch_args``; for Ray
``cpus_per_task``, ``mem_per_cpu_gb`` and ``init`` (arguments of ``ray.init``, e.g.
``{address: auto}`` to join a running cluster; without it a local one is started).

Slurm runs are asynchronous: :func:`run_pipeline` returns once the job array is submitted
(the sbatch script is ``<logging_dir>/launch_script.slurm``); rerunning the same command
when the jobs have finished skips every completed task and finishes the stage.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from datatrove.executor.base import PipelineExecutor

from curate.errors import CurateUserError

__all__ = ["EXECUTORS", "load_executor_config", "run_pipeline", "tasks_done"]

EXECUTORS = ("local", "slurm", "ray")
# Arguments the stage sets itself; a config file naming them is refused, not silently overridden.
_OWN = ("pipeline", "tasks", "workers", "logging_dir", "skip_completed", "depends")


def _executor_class(kind: str) -> type[PipelineExecutor]:
    if kind == "local":
        from datatrove.executor import LocalPipelineExecutor

        return LocalPipelineExecutor
    if kind == "slurm":
        from datatrove.executor import SlurmPipelineExecutor

        return SlurmPipelineExecutor
    if kind == "ray":
        from datatrove.executor import RayPipelineExecutor

        return RayPipelineExecutor
    raise CurateUserError(f"unknown executor {kind!r}; choose {', '.join(EXECUTORS)}")


def load_executor_config(path: str | Path | None) -> dict[str, Any]:
    """Executor settings from a YAML mapping (``yaml.safe_load``); ``None`` gives no settings."""
    if path is None:
        return {}
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as err:
        raise CurateUserError(f"{p}: cannot read executor config ({err.strerror})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark else str(p)
        raise CurateUserError(f"{where}: not valid YAML ({getattr(err, 'problem', None) or err})") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise CurateUserError(f"{p}: executor config must be a mapping of setting names to values")
    return data


def _settings(kind: str, cls: type[PipelineExecutor], config: Mapping[str, Any] | None, source: str) -> dict[str, Any]:
    """``config`` checked against the executor's arguments: unknown, reserved or missing keys fail in one line."""
    settings = dict(config or {})
    if kind == "ray":
        settings.pop("init", None)  # ray.init arguments, used by run_pipeline
    params = inspect.signature(cls.__init__).parameters
    for key in settings:
        if key in _OWN:
            raise CurateUserError(f"{source}: {key!r} is set by curate (use --workers for parallelism); remove it")
        if key not in params:
            known = ", ".join(k for k in params if k not in ("self", *_OWN))
            raise CurateUserError(f"{source}: unknown {kind} executor setting {key!r}; known: {known}")
    missing = [k for k, v in params.items() if v.default is inspect.Parameter.empty
               and k not in ("self", *_OWN) and k not in settings]
    if missing:
        raise CurateUserError(f"{source}: the {kind} executor needs {', '.join(map(repr, missing))} "
                              f"(e.g. partition: cpu, time: '04:00:00')")
    if kind == "slurm" and not {"env_command", "condaenv", "venv_path"} & settings.keys():
        activate = Path(sys.prefix) / "bin" / "activate"
        if activate.is_file():  # the job runs in this virtual environment
            settings["venv_path"] = str(activate)
    return settings


def run_pipeline(
    kind: str,
    pipeline: list,
    *,
    tasks: int,
    workers: int,
    logging_dir: str | Path,
    skip_completed: bool = True,
    config: Mapping[str, Any] | None = None,
    source: str = "executor config",
) -> bool:
    """Run ``pipeline`` as ``tasks`` datatrove tasks on executor ``kind``; returns whether every task has completed.

    ``False`` only for Slurm, whose jobs run after this returns. With ``skip_completed`` a
    rerun runs only the tasks without a completion marker (``<logging_dir>/completions``).
    ``config`` holds the executor's settings, ``source`` names the file they came from in
    error messages. Ray: joins the cluster this process is connected to, else calls
    ``ray.init(**config["init"])``.
    """
    cls = _executor_class(kind)
    settings = _settings(kind, cls, config, source)
    executor = cls(pipeline=pipeline, tasks=tasks, workers=workers, logging_dir=str(logging_dir),
                   skip_completed=skip_completed, **settings)
    if kind == "ray":
        import ray

        if not ray.is_initialized():
            init = (config or {}).get("init") or {}
            if not isinstance(init, dict):
                raise CurateUserError(f"{source}: 'init' must be a mapping of ray.init arguments")
            ray.init(**init)
    executor.run()
    return kind != "slurm" or tasks_done(logging_dir, tasks)


def tasks_done(logging_dir: str | Path, tasks: int) -> bool:
    """Whether all ``tasks`` ranks of a pipeline have their completion marker."""
    done = Path(logging_dir, "completions")
    return all((done / f"{rank:05d}").is_file() for rank in range(tasks))
