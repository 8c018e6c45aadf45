"""Faults: a SIGKILLed tag, mix or influence run resumes with only the remaining work and the bytes of
an uninterrupted run; readers never see half a shard; every bad input record is accounted for."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.classify import tag_corpus
from curate.io import CorpusError, Rejects, iter_documents
from curate.mix import mix
from curate.world import generate_world

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "curate"]


def kill_when(cmd: list[str], ready: Callable[[], bool], timeout: float = 120) -> None:
    """Start ``cmd``, SIGKILL it as soon as ``ready()`` holds; fail if it finished first.

    The signal goes to the command's whole process group, as a scheduler's kill does: its
    worker processes die mid-work too, and none is left behind waiting on a dead parent.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"finished (rc {proc.returncode}) before it could be killed: {proc.stderr.read()[-2000:]!r}")
        assert time.monotonic() < deadline, "never got ready to be killed"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def run_ok(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout + done.stderr


def files(folder: Path, pattern: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob(pattern))}


def mtimes(folder: Path, names) -> dict[str, int]:
    return {n: (folder / n).stat().st_mtime_ns for n in names}


def visible_shards_are_whole(folder: Path, pattern: str) -> None:
    """What a reader sees mid-run: every shard not hidden reads to its end (hidden .tmp.* are skipped)."""
    for p in folder.glob(pattern):
        with gzip.open(p) as f:
            for line in f:
                orjson.loads(line)


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    """3,000 generated documents in 20 files: 20 tagging tasks."""
    root = tmp_path_factory.mktemp("faults")
    generate_world(root / "world", n_docs=3000, seed=9, max_docs_per_shard=150)
    return root / "world" / "docs"


@pytest.fixture(scope="module")
def tagged(many_files, tagging_world, tmp_path_factory) -> Path:
    """The uninterrupted tagging run everything is compared with."""
    out = tmp_path_factory.mktemp("tagged")
    tag_corpus(many_files, out, tagging_world[1])
    return out


@pytest.mark.slow  # three CLI starts on a 3,000-document corpus: ~40 s on 2 busy cores
def test_killed_tag_resumes_remaining_tasks_with_identical_bytes(many_files, tagging_world, tagged, tmp_path):
    out = tmp_path / "tagged"
    cmd = [*CLI, "tag", str(many_files), "--out", str(out), "--classifier", str(tagging_world[1])]
    done = out / ".datatrove" / "completions"
    kill_when(cmd, lambda: done.is_dir() and len(list(done.iterdir())) >= 2)

    visible_shards_are_whole(out, "*.jsonl.gz")
    finished = sorted(p.name for p in done.iterdir())
    assert 2 <= len(finished) < 20
    kept = [f"{rank}_00000.jsonl.gz" for rank in finished]
    before = mtimes(out, kept) | mtimes(done, finished)
    log = run_ok(cmd)
    assert f"Skipping {len(finished)} already completed tasks" in log
    assert mtimes(out, kept) | mtimes(done, finished) == before  # finished tasks were not redone
    assert files(out, "*.jsonl.gz") == files(tagged, "*.jsonl.gz")
    assert json.loads((out / "tag_counts.json").read_text()) == json.loads((tagged / "tag_counts.json").read_text())


def small_shard_recipe(folder: Path) -> Path:
    recipe = yaml.safe_load((REPO / "recipes" / "natural.yaml").read_text())
    recipe["output"] = {"format": "jsonl.gz", "shard_docs": 10}
    path = folder / "natural-small-shards.yaml"
    path.write_text(yaml.safe_dump(recipe))
    return path


@pytest.mark.slow  # four mixes of ~1,000 documents into 10-document shards: ~1 min
def test_killed_mix_resumes_remaining_shards_with_identical_bytes(tagged, tmp_path):
    recipe = small_shard_recipe(tmp_path)
    reference = mix(recipe, tmp_path / "reference", inputs=[str(tagged)])
    n_shards = len(reference["outputs"]["shards"])
    assert n_shards > 50

    out = tmp_path / "mix"
    cmd = [*CLI, "mix", str(recipe), "--out", str(out), "--inputs", str(tagged)]
    done = out / ".mix-tmp" / "logs" / "completions"
    kill_when(cmd, lambda: done.is_dir() and len(list(done.iterdir())) >= 3)

    assert not (out / "manifest.json").exists()  # a folder with a manifest holds a complete mix
    visible_shards_are_whole(out, "*.jsonl.gz")
    finished = sorted(p.name for p in done.iterdir())
    assert 3 <= len(finished) < n_shards
    kept = [f"{rank}.jsonl.gz" for rank in finished]  # one shard a task at this size
    before = mtimes(out, kept)
    log = run_ok(cmd)
    assert f"Skipping {len(finished)} already completed tasks" in log
    assert mtimes(out, kept) == before
    assert not (out / ".mix-tmp").exists()
    assert files(out, "*") == files(tmp_path / "reference", "*")

    # a rerun of a finished mix finds its manifest and writes nothing
    stamp = mtimes(out, sorted(files(out, "*")))
    run_ok(cmd)
    assert mtimes(out, sorted(files(out, "*"))) == stamp


@pytest.mark.slow  # trains a tiny LM and starts torch twice: ~1 min
def test_killed_influence_scoring_resumes_remaining_shards(tmp_path):
    from curate.influence import score_corpus
    from curate.lm import get_preset, train_lm

    generate_world(tmp_path / "world", n_docs=200, seed=0)
    texts = [d.text for d in iter_documents(tmp_path / "world" / "docs")]
    train_lm(texts, tmp_path / "lm", preset=get_preset("tiny", steps=20), seed=0, progress=False, threads=1)
    queries = tmp_path / "queries.jsonl"
    lines = (tmp_path / "world" / "queries" / "influence.jsonl").read_text().splitlines()[:3]
    queries.write_text("\n".join(lines) + "\n")
    args = dict(backend="fast", shard_docs=8, limit=96, progress=False, threads=1, max_length=48, batch_size=8,
                fit_docs=16)
    reference = score_corpus(tmp_path / "world" / "docs", queries, tmp_path / "lm", tmp_path / "reference", **args)

    out = tmp_path / "scores"
    code = (f"from curate.influence import score_corpus; score_corpus({str(tmp_path / 'world' / 'docs')!r}, "
            f"{str(queries)!r}, {str(tmp_path / 'lm')!r}, {str(out)!r}, **{args!r})")
    shards = out / "shards"
    kill_when([sys.executable, "-c", code], lambda: shards.is_dir() and len(list(shards.glob("*.done.json"))) >= 2)
    assert not (out / "scores.safetensors").exists()
    finished = sorted(p.name for p in shards.glob("*.done.json"))
    assert 2 <= len(finished) < 12
    kept = finished + [n.replace(".done.json", ".safetensors") for n in finished]
    before = mtimes(shards, kept)
    run_ok([sys.executable, "-c", code])
    assert mtimes(shards, kept) == before
    meta = json.loads((out / "meta.json").read_text())
    assert meta["resumed"] and meta["docs_scored_this_call"] == 96 - 8 * len(finished)
    assert (out / "scores.safetensors").read_bytes() == (reference / "scores.safetensors").read_bytes()


def write_jsonl(path: Path, rows: list, raw_lines: tuple[bytes, ...] = ()) -> int:
    data = b"".join(orjson.dumps(r) + b"\n" for r in rows) + b"".join(raw_lines)
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return len(rows) + len(raw_lines)


@pytest.fixture(scope="module")
def hostile(tagging_world, tmp_path_factory) -> tuple[Path, set[str]]:
    """Tagged documents among every kind of bad record; returns the folder and the ids that should survive."""
    folder = tmp_path_factory.mktemp("hostile")
    good = [{"id": d.id, "text": d.text, "metadata": d.metadata | {"curate": {
        "label": d.metadata["doc_type"], "probs": {d.metadata["doc_type"]: 0.9}}}}
        for d in iter_documents(tagging_world[0], limit=60)]
    write_jsonl(folder / "a.jsonl", good[:20] + [
        {"id": "empty", "text": "", "metadata": {}},
        {"id": "number", "text": 42, "metadata": {}},
        good[0],  # duplicate id
        {"id": "renamed", "content": "text under another field name", "metadata": {}},
    ], (b'{"id": "latin1", "text": "caf\xe9"}\n', b"not json\n"))
    huge = dict(good[20], id="huge", text=("twenty megabytes of one document. " * 620_000)[:20_000_000])
    write_jsonl(folder / "b.jsonl", [huge, *good[21:40]])
    write_jsonl(folder / "c.jsonl.gz", good[40:60])
    data = (folder / "c.jsonl.gz").read_bytes()
    (folder / "c.jsonl.gz").write_bytes(data[: len(data) // 2])  # truncated mid-stream
    return folder, {r["id"] for r in good[:20] + good[21:40]} | {"huge"}


def rejects_of(folder: Path) -> list[dict]:
    return [orjson.loads(line) for p in sorted(folder.glob("*.jsonl")) for line in p.read_bytes().splitlines()]


def test_tag_accounts_for_every_bad_record(hostile, tagging_world, tmp_path):
    folder, survivors = hostile
    tag_corpus(folder, tmp_path / "t", tagging_world[1], skip_bad=True)
    out_ids = [d.id for d in iter_documents(tmp_path / "t")]
    rejects = rejects_of(tmp_path / "t" / ".rejects")
    from_c = [i for i in out_ids if i not in survivors]  # what the truncated file still gave
    assert len(out_ids) == len(set(out_ids)) and set(out_ids) == survivors | set(from_c)
    assert sorted(r["reason"] for r in rejects) == sorted(
        ["empty_text", "text_not_string", "duplicate_id", "missing_text", "invalid_utf8", "malformed_json",
         "corrupt_file"])
    cut = next(r for r in rejects if r["reason"] == "corrupt_file")
    assert cut["path"].endswith("c.jsonl.gz") and cut["line"] == len(from_c) + 1  # where the rest was lost
    assert len(out_ids) + len(rejects) == 26 + 20 + len(from_c) + 1  # records in a, b, c up to the cut
    assert next(d for d in iter_documents(tmp_path / "t") if d.id == "huge").text == \
        next(d for d in iter_documents(folder / "b.jsonl", limit=1)).text


def test_mix_accounts_for_every_bad_record(hostile, tmp_path):
    folder, survivors = hostile
    manifest = mix({"inputs": str(folder), "shares": "natural", "budget_tokens": "max", "skip_bad": True},
                   tmp_path / "m")
    acc = manifest["accounting"]
    rejects = rejects_of(tmp_path / "m")
    assert acc["adds_up"] and acc["dropped"]["rejected"] == len(rejects) == 7
    selected = [d.id for d in iter_documents(tmp_path / "m")]
    assert acc["input_records"] == acc["selected"] + sum(acc["dropped"].values())
    assert len(selected) == acc["instances"] and set(selected) <= survivors | {
        r["id"] for r in map(orjson.loads, gzip.decompress((tmp_path / "m" / "_accounting.jsonl.gz").read_bytes())
                             .splitlines())}
    assert "huge" in selected  # 20 MB of text is a document like any other


_record = st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "c"]), "text": st.text(max_size=8)}).map(orjson.dumps)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.binary(max_size=30).filter(lambda b: b"\n" not in b) | _record, max_size=8),
       gz=st.booleans(), cut=st.integers(0, 200))
def test_any_bytes_are_read_or_rejected_never_lost(tmp_path, lines, gz, cut):
    """Whatever a file holds: documents + rejects = its records (a cut gzip: + 1 for the lost tail)."""
    data = b"".join(line + b"\n" for line in lines)
    path = tmp_path / ("x.jsonl.gz" if gz else "x.jsonl")
    path.write_bytes(gzip.compress(data, mtime=0)[: cut if gz and cut < 20 + len(data) else None] if gz else data)
    rejects = Rejects()
    try:
        docs = list(iter_documents(path, skip_bad=True, rejects=rejects))
    finally:
        rejects.close()
    if rejects.counts.get("corrupt_file"):
        assert len(docs) + rejects.total <= len(lines) + 1
    elif not data or path.stat().st_size == 0:  # nothing written, or a gzip cut to nothing
        assert rejects.counts == {"empty_file": 1} and not docs
    else:
        assert len(docs) + rejects.total == len(lines)
    try:
        strict = list(iter_documents(path))
    except CorpusError as err:
        assert "\n" not in str(err) and str(path) in str(err)
    else:
        assert strict == docs


class _Payload:
    def __reduce__(self):
        return (open, (os.environ["CURATE_TEST_SENTINEL"], "w"))


@pytest.mark.parametrize("name", ["weights.npy", "weights.bin", "weights.pkl"])
def test_classifier_weights_that_need_unpickling_are_refused(tagging_world, tmp_path, monkeypatch, name):
    import pickle
    import shutil

    import numpy as np

    from curate.classify import load_classifier
    from curate.classify.base import ClassifierError

    d = tmp_path / "clf"
    shutil.copytree(tagging_world[1], d)
    sentinel = tmp_path / "executed"
    monkeypatch.setenv("CURATE_TEST_SENTINEL", str(sentinel))
    if name.endswith(".npy"):
        np.save(d / name, np.array([_Payload()], dtype=object), allow_pickle=True)
    else:
        (d / name).write_bytes(pickle.dumps(_Payload()))
    load_classifier(d)  # planted beside the real weights: ignored, never opened
    assert not sentinel.exists()
    config = json.loads((d / "config.json").read_text())
    for target in (name, "weights.npz"):  # named as the weights, or in place of the weights
        if target == "weights.npz":
            (d / target).write_bytes((d / name).read_bytes())
            config["weights"] = {"file": target}
        else:
            config["weights"] = {"file": name}
        (d / "config.json").write_text(json.dumps(config))
        with pytest.raises(ClassifierError) as info:
            load_classifier(d)
        assert "\n" not in str(info.value)
    assert not sentinel.exists()
