"""``curate run``: the whole loop (corpus, reference model, influence, classifier, tags, check,
mixtures, ablations) as one resumable command with one report."""

from curate.run.config import RunConfig, load_run_config
from curate.run.pipeline import Runner, run_all

__all__ = ["RunConfig", "Runner", "load_run_config", "run_all"]
