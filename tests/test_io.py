"""Corpus I/O: every format round-trips, bad input fails clearly or is accounted for, writes stream."""

from __future__ import annotations

import gzip
import pickle
import re
import tempfile
import tracemalloc
from pathlib import Path

import orjson
import pytest
import zstandard
from datatrove.data import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.io import (
    CorpusError,
    Rejects,
    corpus_reader,
    corpus_writer,
    iter_documents,
    resolve_inputs,
    write_documents,
)

FORMATS = ["jsonl", "jsonl.gz", "parquet"]


def make_docs(n: int) -> list[Document]:
    return [
        Document(
            text=f"document {i} — ünïcode ✓\nsecond line {'x' * (i % 7)}",
            id=f"doc-{i}",
            metadata={"source": ["web", "code"][i % 2], "score": i / 3, "tags": ["a", i], "nested": {"k": None}}
            if i % 5
            else {},
        )
        for i in range(n)
    ]


def as_tuples(docs) -> list[tuple]:
    """Documents as comparable values; orjson keeps true/1 and key order apart, unlike ==."""
    return [(d.text, d.id, orjson.dumps(d.metadata)) for d in docs]


def write_lines(path: Path, lines: list) -> Path:
    """A JSONL file from dicts (encoded) and bytes (written as they are)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"".join((x if isinstance(x, bytes) else orjson.dumps(x)) + b"\n" for x in lines)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


# ---------------------------------------------------------------------------------------------
# Round trips and formats


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_with_shards(tmp_path: Path, fmt: str) -> None:
    docs = make_docs(25)
    paths = write_documents(iter(docs), tmp_path / "out", fmt=fmt, max_docs_per_shard=10)
    assert [p.name for p in paths] == [f"0000{i}.{fmt}" for i in range(3)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in paths]
    assert as_tuples(iter_documents(tmp_path / "out")) == as_tuples(docs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_documents_same_bytes(tmp_path: Path, fmt: str) -> None:
    a = write_documents(make_docs(30), tmp_path / "a", fmt=fmt, max_docs_per_shard=20, prefix="part-")
    b = write_documents(make_docs(30), tmp_path / "b", fmt=fmt, max_docs_per_shard=20, prefix="part-")
    assert [p.name for p in a] == [f"part-00000.{fmt}", f"part-00001.{fmt}"]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    if fmt == "jsonl.gz":  # no timestamp and no file name in the gzip header
        header = a[0].read_bytes()[:10]
        assert header[3] == 0 and header[4:8] == b"\0\0\0\0"


def test_read_zstd_with_several_frames(tmp_path: Path) -> None:
    docs = make_docs(6)
    lines = [orjson.dumps({"text": d.text, "id": d.id, "metadata": d.metadata}) + b"\n" for d in docs]
    cctx = zstandard.ZstdCompressor()
    path = tmp_path / "c.jsonl.zst"
    path.write_bytes(cctx.compress(b"".join(lines[:3])) + cctx.compress(b"".join(lines[3:])))
    assert as_tuples(iter_documents(path)) == as_tuples(docs)


def test_read_save_to_disk_folder(tmp_path: Path) -> None:
    from datasets import Dataset, DatasetDict

    records = [{"text": f"row {i}", "id": f"r{i}", "lang": "en"} for i in range(5)]
    Dataset.from_list(records).save_to_disk(str(tmp_path / "ds"))
    docs = list(iter_documents(tmp_path / "ds"))
    assert [(d.text, d.id, d.metadata) for d in docs] == [(r["text"], r["id"], {"lang": "en"}) for r in records]
    # a DatasetDict folder is read split by split, in sorted order
    DatasetDict({"train": Dataset.from_list(records[:3]), "test": Dataset.from_list(records[3:])}).save_to_disk(
        str(tmp_path / "dd"))
    assert [d.id for d in iter_documents(tmp_path / "dd")] == ["r3", "r4", "r0", "r1", "r2"]


def test_foreign_parquet_columns_become_metadata(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [7, 8], "text": ["a", "b"], "score": [0.5, 1.5]}), tmp_path / "x.parquet")
    docs = list(iter_documents(tmp_path / "x.parquet"))
    assert [(d.id, d.text, d.metadata) for d in docs] == [("7", "a", {"score": 0.5}), ("8", "b", {"score": 1.5})]


def test_custom_keys_nested_metadata_and_synthesized_ids(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl.gz", [
        {"content": "first", "doc_id": "x1", "text": "other field", "metadata": {"m": 1}, "lang": "de"},
        {"content": "second", "lang": "en"},
    ])
    docs = list(iter_documents(path, text_key="content", id_key="doc_id"))
    assert [(d.text, d.id, d.metadata) for d in docs] == [
        ("first", "x1", {"m": 1, "text": "other field", "lang": "de"}),
        ("second", "a/2", {"lang": "en"}),  # <stem>/<line>
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_odd_metadata_fields_round_trip(tmp_path: Path, fmt: str) -> None:
    path = write_lines(tmp_path / "m.jsonl", [
        {"text": "a", "metadata": "plain string"},
        {"text": "b", "metadata": None, "x": 1},
        {"text": "c", "metadata": '{"from": "a JSON string"}'},
        {"text": "d", "metadata": {"metadata": {"deep": [1, 2]}}},
    ])
    first = list(iter_documents(path))
    assert [d.metadata for d in first] == [
        {"metadata": "plain string"}, {"metadata": None, "x": 1}, {"from": "a JSON string"},
        {"metadata": {"deep": [1, 2]}},
    ]
    write_documents(first, tmp_path / "out", fmt=fmt)
    assert as_tuples(iter_documents(tmp_path / "out")) == as_tuples(first)


def test_folders_globs_and_lists(tmp_path: Path) -> None:
    write_lines(tmp_path / "d" / "b.jsonl", [{"text": "b"}])
    write_lines(tmp_path / "d" / "a.jsonl", [{"text": "a"}])
    write_lines(tmp_path / "d" / "sub" / "c.jsonl.gz", [{"text": "c"}])
    write_lines(tmp_path / "d" / ".tmp.00000.jsonl", [{"text": "half-written"}])
    write_lines(tmp_path / "d" / "_skip" / "e.jsonl", [{"text": "e"}])
    (tmp_path / "d" / "README.md").write_text("not a corpus")
    d = tmp_path / "d"

    assert [p.name for p in resolve_inputs(d)] == ["a.jsonl", "b.jsonl", "c.jsonl.gz"]
    assert [x.text for x in iter_documents(str(d / "*.jsonl"))] == ["a", "b"]
    # a glob is taken as written: only hidden names stay out
    assert [x.text for x in iter_documents(str(d / "**" / "*.jsonl*"))] == ["e", "a", "b", "c"]
    # a list keeps its order; a file named twice is read once
    assert [x.text for x in iter_documents([d / "sub", d / "b.jsonl", d])] == ["c", "b", "a"]
    # an existing path is taken literally, even with glob characters in its name
    write_lines(tmp_path / "x[1].jsonl", [{"text": "literal"}])
    assert [x.text for x in iter_documents(tmp_path / "x[1].jsonl")] == ["literal"]


@pytest.mark.parametrize("inputs, message", [
    ("nope.jsonl", "nope.jsonl: no such file or folder"),
    ("*.nothing", "pattern matches no corpus files"),
    ("README.md", "README.md: unsupported file type"),
    ("empty_dir", "empty_dir: folder holds no corpus files"),
    ([], "no corpus inputs"),
])
def test_bad_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text("x")
    Path("empty_dir").mkdir()
    with pytest.raises(CorpusError, match=message):
        iter_documents(inputs)  # fails at once, not at the first next()


def test_limit(tmp_path: Path) -> None:
    write_documents(make_docs(30), tmp_path, fmt="jsonl", max_docs_per_shard=10)
    assert [d.id for d in iter_documents(tmp_path, limit=12)] == [f"doc-{i}" for i in range(12)]


# ---------------------------------------------------------------------------------------------
# Bad records: strict errors and skip_bad accounting

GOOD = {"text": "fine", "id": "g1"}
GOOD2 = {"text": "also fine", "id": "g2"}

# name, lines (dicts or raw bytes), line of the bad record, reason, message fragment
BAD_CASES = [
    ("a.jsonl", [GOOD, b'{"text": "x", oops}', GOOD2], 2, "malformed_json", "malformed JSON"),
    ("a.jsonl", [GOOD, GOOD2, b""], 3, "malformed_json", "blank line"),
    ("a.jsonl", [GOOD, b"[1, 2]", GOOD2], 2, "not_an_object", "expected a JSON object, got an array"),
    ("a.jsonl", [GOOD, {"body": "x"}, GOOD2], 2, "missing_text", "field 'text' missing"),
    ("a.jsonl", [GOOD, {"text": 5}, GOOD2], 2, "text_not_string", "field 'text' is a number"),
    ("a.jsonl", [GOOD, {"text": None}, GOOD2], 2, "text_not_string", "field 'text' is null"),
    ("a.jsonl", [GOOD, GOOD2, {"text": ""}], 3, "empty_text", "field 'text' is empty"),
    ("a.jsonl", [GOOD, b'{"text": "bad \xff\xfe bytes"}', GOOD2], 2, "invalid_utf8", "invalid UTF-8"),
    ("a.jsonl.gz", [GOOD, {"text": "y", "id": "g1"}, GOOD2], 2, "duplicate_id", "duplicate id 'g1'"),
    ("a.jsonl", [GOOD, {"text": "y", "id": ["l"]}, GOOD2], 2, "bad_id", "field 'id' is an array"),
    ("a.jsonl", [GOOD, GOOD2, {"text": "y", "id": ""}], 3, "bad_id", "field 'id' is empty"),
]
BAD_IDS = [f"{case[3]}-{i}" for i, case in enumerate(BAD_CASES)]


@pytest.mark.parametrize("name, lines, line, reason, fragment", BAD_CASES, ids=BAD_IDS)
def test_bad_record_strict(tmp_path: Path, name: str, lines: list, line: int, reason: str, fragment: str) -> None:
    path = write_lines(tmp_path / name, lines)
    with pytest.raises(CorpusError) as err:
        list(iter_documents(path))
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and fragment in message
    assert "\n" not in message
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("name, lines, line, reason, fragment", BAD_CASES, ids=BAD_IDS)
def test_bad_record_skipped_and_accounted(tmp_path: Path, name: str, lines: list, line: int, reason: str,
                                          fragment: str) -> None:
    path = write_lines(tmp_path / name, lines)
    with Rejects(tmp_path / "rejects.jsonl") as rejects:
        docs = list(iter_documents(path, skip_bad=True, rejects=rejects))
    assert rejects.counts == {reason: 1} and rejects.total == 1
    assert len(docs) + rejects.total == len(lines)
    [entry] = [orjson.loads(x) for x in (tmp_path / "rejects.jsonl").read_bytes().splitlines()]
    assert entry["path"] == str(path) and entry["line"] == line and entry["reason"] == reason
    assert fragment in entry["message"]
    raw = lines[line - 1]
    raw = raw.decode("utf-8", "backslashreplace") if isinstance(raw, bytes) else orjson.dumps(raw).decode()
    assert entry["raw"] == raw


def test_duplicate_ids_allowed_when_asked(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", [GOOD, {"text": "y", "id": "g1"}])
    assert [d.id for d in iter_documents(path, unique_ids=False)] == ["g1", "g1"]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write_lines(tmp_path / "a.jsonl", [GOOD])
    write_lines(tmp_path / "b.jsonl", [GOOD2, GOOD])
    with pytest.raises(CorpusError, match=r"b\.jsonl:2: duplicate id 'g1'"):
        list(iter_documents(tmp_path))


@pytest.mark.parametrize("suffix", ["gz", "zst"])
def test_truncated_compressed_file(tmp_path: Path, suffix: str) -> None:
    data = b"".join(orjson.dumps({"text": f"line {i} " + "y" * (i % 50), "id": str(i)}) + b"\n" for i in range(20_000))
    data = gzip.compress(data) if suffix == "gz" else zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"t.jsonl.{suffix}"
    path.write_bytes(data[: len(data) // 2])
    rejects = Rejects()
    read = len(list(iter_documents(path, skip_bad=True, rejects=rejects)))
    assert rejects.counts == {"corrupt_file": 1} and 0 < read < 20_000
    with pytest.raises(CorpusError, match=rf"^{re.escape(str(path))}:{read + 1}: unreadable .* truncated"):
        list(iter_documents(path))


def test_corrupt_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(CorpusError, match=rf"^{re.escape(str(path))}:1: unreadable parquet data"):
        list(iter_documents(path))


@pytest.mark.parametrize("name, content", [
    ("e.jsonl", b""),
    ("e.jsonl.gz", gzip.compress(b"")),
    ("e.parquet", b""),
], ids=["jsonl", "gzip-of-nothing", "parquet"])
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=rf"^{re.escape(str(path))}: empty file"):
        list(iter_documents(path))
    write_lines(tmp_path / "ok.jsonl", [GOOD])
    rejects = Rejects()
    assert [d.id for d in iter_documents(tmp_path, skip_bad=True, rejects=rejects)] == ["g1"]
    assert rejects.counts == {"empty_file": 1}


def test_many_bad_records_all_accounted(tmp_path: Path) -> None:
    lines = [GOOD, GOOD2] + [case[1][case[2] - 1] for case in BAD_CASES] + [{"text": "last", "id": "g3"}]
    write_lines(tmp_path / "a.jsonl", lines)
    with Rejects(tmp_path / "r" / "rejects.jsonl") as rejects:
        docs = list(iter_documents(tmp_path / "a.jsonl", skip_bad=True, rejects=rejects))
    assert len(docs) + rejects.total == len(lines)
    assert sum(1 for _ in (tmp_path / "r" / "rejects.jsonl").open()) == rejects.total == len(BAD_CASES)
    assert set(rejects.counts) == {case[3] for case in BAD_CASES}


# ---------------------------------------------------------------------------------------------
# Writing: streaming, atomic shards, stale shards


def test_write_streams_and_shards_appear_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"

    def docs():
        for i, doc in enumerate(make_docs(25)):
            if i == 10:  # the first shard is complete and in place before the 11th document is drawn
                assert [d.id for d in iter_documents(out)] == [f"doc-{k}" for k in range(10)]
            if i == 15:  # the open shard is hidden from readers
                assert [p.name for p in resolve_inputs(out)] == ["00000.jsonl.gz"]
            yield doc

    write_documents(docs(), out, max_docs_per_shard=10)
    assert len(list(iter_documents(out))) == 25


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_memory_stays_flat(tmp_path: Path, fmt: str) -> None:
    text = "word " * 200

    def docs(n: int):
        for i in range(n):
            yield Document(text=text + str(i), id=str(i), metadata={"i": i})

    n = 12_000
    write_documents(docs(10), tmp_path / "warm-up", fmt=fmt)  # lazy imports are not the writer's memory
    tracemalloc.start()
    try:
        write_documents(docs(n), tmp_path / "out", fmt=fmt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < n * len(text) / 4  # nothing is held beyond one Parquet batch (~1.4 MB here)


@pytest.mark.parametrize("fmt", FORMATS)
def test_failed_write_leaves_no_partial_shard(tmp_path: Path, fmt: str) -> None:
    def docs():
        yield from make_docs(15)
        raise RuntimeError("upstream failed")

    with pytest.raises(RuntimeError):
        write_documents(docs(), tmp_path, fmt=fmt, max_docs_per_shard=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"00000.{fmt}"]


def test_rewrite_removes_stale_shards(tmp_path: Path) -> None:
    write_documents(make_docs(50), tmp_path, max_docs_per_shard=10)
    (tmp_path / "notes.txt").write_text("kept")
    write_documents(make_docs(12), tmp_path, max_docs_per_shard=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00000.jsonl.gz", "00001.jsonl.gz", "notes.txt"]
    assert len(list(iter_documents(tmp_path))) == 12


def test_bad_writer_settings(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="unknown output format 'csv'"):
        write_documents([], tmp_path, fmt="csv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_docs_per_shard"):
        write_documents([], tmp_path, max_docs_per_shard=0)


# ---------------------------------------------------------------------------------------------
# datatrove pipelines


def test_pipeline_ranks_share_files_and_keep_rejects(tmp_path: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor

    for k in range(4):
        write_lines(tmp_path / "in" / f"{k}.jsonl", [{"text": f"t{k}-{i}", "id": f"{k}-{i}"} for i in range(5)]
                    + ([b"not json"] if k == 1 else []))
    reader = corpus_reader(tmp_path / "in", skip_bad=True, rejects_dir=tmp_path / "rejects")
    writer = corpus_writer(tmp_path / "out", "jsonl.gz", max_docs_per_shard=6)
    # executors ship steps to workers (Slurm, Ray, multiprocessing) by pickling them
    reader, writer = pickle.loads(pickle.dumps(reader)), pickle.loads(pickle.dumps(writer))
    executor = LocalPipelineExecutor(
        [reader, writer],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["00000_00000.jsonl.gz", "00000_00001.jsonl.gz", "00001_00000.jsonl.gz", "00001_00001.jsonl.gz"]
    ids = sorted(d.id for d in iter_documents(tmp_path / "out"))
    assert ids == sorted(f"{k}-{i}" for k in range(4) for i in range(5))
    rank1 = [orjson.loads(x) for x in (tmp_path / "rejects" / "00001.jsonl").read_bytes().splitlines()]
    assert (tmp_path / "rejects" / "00000.jsonl").read_bytes() == b""
    assert [(Path(r["path"]).name, r["line"], r["reason"]) for r in rank1] == [("1.jsonl", 6, "malformed_json")]


# ---------------------------------------------------------------------------------------------
# Property: arbitrary records round-trip losslessly

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)  # no lone surrogates
_ids = st.text(min_size=1, max_size=8).filter(lambda i: "/" not in i)  # never equal to a synthesized id
_records = st.lists(
    st.fixed_dictionaries({"text": _text}, optional={"id": _ids})
    .flatmap(lambda r: st.dictionaries(st.text(max_size=6).filter(lambda k: k not in ("text", "id")),
                                       _json_values, max_size=4).map(lambda extra: extra | r)),
    min_size=1, max_size=8,
    unique_by=lambda r: r.get("id"),  # ids are unique, and at most one record has none
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=_records)
def test_records_round_trip_losslessly(records: list[dict]) -> None:
    expected = [
        (r["text"], r.get("id", f"src/{line}"), orjson.dumps({k: v for k, v in r.items() if k not in ("text", "id")}))
        for line, r in enumerate(records, 1)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        first = list(iter_documents(write_lines(Path(tmp) / "src.jsonl", records)))
        assert as_tuples(first) == expected
        for fmt in FORMATS:
            write_documents(first, Path(tmp) / fmt, fmt=fmt, max_docs_per_shard=3)
            assert as_tuples(iter_documents(Path(tmp) / fmt)) == expected, fmt
