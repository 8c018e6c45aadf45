"""Corpus reading and writing shared by every stage, built on datatrove's readers and writers.

Why not datatrove's ``JsonlReader``/``ParquetReader`` as they are: they log and drop malformed
lines and documents without text. A curation tool that loses documents without saying so
corrupts every count downstream, so here each bad record either stops the run with a one-line
:class:`CorpusError` naming file, line and field (strict, the default) or is accounted for in
:class:`Rejects` (``skip_bad=True``): documents read + records rejected = records in the input.

Formats read: ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.parquet`` and ``datasets``
``save_to_disk`` folders. Formats written: ``jsonl``, ``jsonl.gz`` and ``parquet`` shards named
``{prefix}{shard:05d}.{ext}`` (``{prefix}{rank:05d}_{shard:05d}.{ext}`` from a pipeline), each
written under a hidden temporary name and renamed when complete, so readers never see half a
shard, and byte-identical for the same documents.

A record's ``text`` and ``id`` fields (names configurable) become ``Document.text`` and
``Document.id``; every other field, and the contents of a nested ``metadata`` object, become
``Document.metadata``. Writing stores ``{"text", "id", "metadata"}``, so documents round-trip
losslessly (Parquet keeps metadata as a JSON string: fields that vary between documents would
otherwise be dropped by a schema inferred from the first one).
"""

from __future__ import annotations

import array
import ctypes
import gzip
import hashlib
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from glob import glob
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Literal, get_args

import orjson
import pyarrow as pa
import zstandard
from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.pipeline.writers.jsonl import JsonlWriter, _json_default
from datatrove.pipeline.writers.parquet import ParquetWriter
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints
from fsspec.compression import register_compression

from curate.errors import CurateUserError

__all__ = [
    "CorpusError",
    "CorpusReader",
    "Rejects",
    "WriteFormat",
    "corpus_reader",
    "corpus_writer",
    "iter_documents",
    "resolve_inputs",
    "shard_writer",
    "write_documents",
]

WriteFormat = Literal["jsonl", "jsonl.gz", "parquet"]
# Longest suffix first, so that "a.jsonl.gz" is not taken for plain JSONL.
_FILE_FORMATS = {".jsonl.gz": "jsonl.gz", ".jsonl.zst": "jsonl.zst", ".jsonl": "jsonl", ".parquet": "parquet"}
_SUPPORTED = ".jsonl, .jsonl.gz, .jsonl.zst, .parquet or a datasets save_to_disk folder"
_RAW_PREFIX_BYTES = 256
_MISSING = object()


class CorpusError(CurateUserError):
    """Bad corpus input, as one line naming the file, the line and the field: ``a.jsonl:17: field 'text' missing``."""


class Rejects:
    """Accounts for every record that ``skip_bad`` mode drops, so that nothing is lost silently.

    Counts rejects per reason and, when ``path`` is given, writes one JSON line per reject
    (``path``, ``line``, ``reason``, ``message`` and the first bytes of the raw record). The file
    is created, and truncated, at once: a stale file from an earlier run never passes for this one.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.counts: dict[str, int] = {}
        self._file = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "wb")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, path: str | Path, line: int, reason: str, message: str, raw: bytes = b"") -> None:
        """Record one reject; ``line`` is 1-based, 0 for a problem with the file as a whole."""
        self.counts[reason] = self.counts.get(reason, 0) + 1
        if self._file is not None:
            prefix = raw.rstrip(b"\r\n")[:_RAW_PREFIX_BYTES].decode("utf-8", "backslashreplace")
            entry = {"path": str(path), "line": line, "reason": reason, "message": message, "raw": prefix}
            self._file.write(orjson.dumps(entry, option=orjson.OPT_APPEND_NEWLINE))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Rejects:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# Finding inputs


def resolve_inputs(inputs: str | Path | Sequence[str | Path]) -> list[Path]:
    """Expand files, folders and globs into the ordered, de-duplicated list of corpus units.

    A unit is a file or a ``save_to_disk`` folder; each rank of a pipeline reads whole units.
    Folders are walked recursively in sorted order (names starting with ``.`` or ``_``, such as
    shards still being written, are skipped), so the same inputs always give the same order.
    Paths are made absolute so that executors whose workers start elsewhere read the same files.
    """
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not items:
        raise CorpusError("no corpus inputs given")
    units: dict[Path, None] = {}
    for item in items:
        name = os.fspath(item)
        if Path(name).exists():  # before globbing: "[" is legal in a file name
            found = _units(Path(name), named=True)
            if not found:
                raise CorpusError(f"{name}: folder holds no corpus files ({_SUPPORTED})")
        elif any(c in name for c in "*?["):
            found = [u for match in sorted(glob(name, recursive=True)) for u in _units(Path(match), named=False)]
            if not found:
                raise CorpusError(f"{name}: pattern matches no corpus files ({_SUPPORTED})")
        else:
            raise CorpusError(f"{name}: no such file or folder")
        for unit in found:
            units.setdefault(unit.absolute(), None)
    return list(units)


def _units(path: Path, named: bool) -> list[Path]:
    """Corpus units at ``path``; a file the user ``named`` must have a supported format."""
    if path.is_dir():
        if _format(path) == "dataset":
            return [path]
        children = (c for c in sorted(path.iterdir()) if not c.name.startswith((".", "_")))
        return [unit for child in children for unit in _units(child, named=False)]
    if _format(path) is None:
        if named:
            raise CorpusError(f"{path}: unsupported file type, expected {_SUPPORTED}")
        return []
    return [path]


def _format(path: Path) -> str | None:
    if path.is_dir():
        saved = (path / "state.json").is_file() and (path / "dataset_info.json").is_file()
        return "dataset" if saved else None
    return next((fmt for suffix, fmt in _FILE_FORMATS.items() if path.name.endswith(suffix)), None)


def _stem(path: Path) -> str:
    """File name without its format suffix: the stable part of a synthesized id."""
    name = path.name
    suffix = next((s for s in _FILE_FORMATS if name.endswith(s)), "")
    return name[: len(name) - len(suffix)]


# ---------------------------------------------------------------------------------------------
# Reading


class _BadRecord(Exception):
    """A record that cannot become a Document: ``reason`` is the reject key, ``message`` the detail."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# Errors of an unreadable file: I/O, truncated or corrupt compressed streams, corrupt Parquet or Arrow data.
_UNREADABLE = (OSError, EOFError, zlib.error, zstandard.ZstdError, pa.ArrowException)


def return_freed_memory(threshold: int = 256 << 10) -> None:
    """Make glibc serve every allocation of ``threshold`` bytes or more from its own memory map.

    glibc raises its map threshold as large blocks are freed, after which a corpus pass's
    batch-sized temporaries land in the heap among long-lived arrays; freed, they cannot be
    returned to the system, and the process's resident memory grows with the corpus (measured:
    +25 MB per 100k documents mixed). A fixed threshold returns them at once. No effect off glibc.

    Process-wide and for corpus passes only: torch's large temporaries would each become a new
    map zeroed by the kernel (influence scoring 2.6x slower, with most of its time in the system).
    """
    _mallopt((-3, threshold))  # M_MMAP_THRESHOLD


def keep_freed_memory() -> None:
    """Make glibc keep freed memory for reuse: no memory maps, no trimming of the heap.

    For processes that run torch and nothing else (influence scoring workers): their large
    temporaries (logits, per-document gradients) are freed and allocated again every batch,
    and each fresh map or trimmed page is zeroed by the kernel on first touch (measured on 2
    cores: up to 190k page faults and 1-2 s of system time per 500 documents scored, none
    with this). Resident memory stays at its peak. No effect off glibc.
    """
    _mallopt((-4, 0),  # M_MMAP_MAX: serve nothing from memory maps
             (-1, 2**31 - 1))  # M_TRIM_THRESHOLD (a C int): never give the heap back


def _mallopt(*settings: tuple[int, int]) -> None:
    """glibc ``mallopt(param, value)`` for each pair; nothing where there is no glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return
    for param, value in settings:
        mallopt(param, value)


class IdSet:
    """The ids seen so far, as 64-bit BLAKE2b fingerprints in an open-addressing ``array('Q')``.

    A ``set`` of a million ``str`` ids held ~100 MB, and its small objects pinned allocator
    arenas among the pass's short-lived documents, so a reader's memory grew with the corpus.
    Here an id costs 8-16 bytes. Two distinct ids of a million-document pass share a
    fingerprint with probability ~3e-8 (the second would be rejected as a duplicate, and counted).
    """

    def __init__(self) -> None:
        self._table = array.array("Q", bytes(8 << 12))
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def add(self, doc_id: str) -> bool:
        """Insert ``doc_id``; False when it was already there."""
        digest = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if not self._insert(int.from_bytes(digest, "little") | 1):  # | 1: never the empty slot's 0
            return False
        self._n += 1
        if 2 * self._n > len(self._table):
            old, self._table = self._table, array.array("Q", bytes(16 * len(self._table)))
            for h in old:
                if h:
                    self._insert(h)
        return True

    def _insert(self, h: int) -> bool:
        table = self._table
        mask = len(table) - 1
        slot = (h >> 1) & mask
        while (x := table[slot]) != 0:
            if x == h:
                return False
            slot = (slot + 1) & mask
        table[slot] = h
        return True


class CorpusReader(BaseDiskReader):
    """datatrove reader for every supported format that validates records instead of dropping them.

    Inputs are resolved once, at construction, so every rank of an executor sees the same list
    and reads units ``[rank::world_size]`` of it. Strict mode raises :class:`CorpusError` at the
    first bad record; ``skip_bad`` writes rejects to ``<rejects_dir>/<rank:05d>.jsonl`` and counts
    them in the step's stats as ``rejected_<reason>``. ``unique_ids`` checks ids within one rank
    (an :class:`IdSet`: 8-16 bytes a document).
    """

    name = "📖 curate corpus"

    def __init__(
        self,
        inputs: str | Path | Sequence[str | Path],
        *,
        text_key: str = "text",
        id_key: str = "id",
        skip_bad: bool = False,
        unique_ids: bool = True,
        rejects_dir: str | Path | None = None,
        limit: int = -1,
    ) -> None:
        self.paths = resolve_inputs(inputs)
        common = os.path.commonpath([p.parent for p in self.paths])
        super().__init__(common, limit=limit, text_key=text_key, id_key=id_key, add_file_path=False)
        self.skip_bad = skip_bad
        self.unique_ids = unique_ids
        self.rejects_dir = Path(rejects_dir).absolute() if rejects_dir is not None else None
        self._rejects: Rejects | None = None
        self._seen: IdSet | None = None

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        path = self.rejects_dir / f"{rank:05d}.jsonl" if self.rejects_dir is not None else None
        with Rejects(path) as rejects:
            self.start(rejects)
            for doc in self.read_files_shard([str(p) for p in self.paths[rank::world_size]]):
                self.update_doc_stats(doc)
                yield doc
        if rejects.total:
            logger.warning(f"rank {rank}: skipped {rejects.total} bad records {rejects.counts}"
                           + (f", listed in {path}" if path else ""))

    def start(self, rejects: Rejects) -> None:
        """Begin a pass over the input: bad records go to ``rejects`` (skip_bad), ids are checked afresh."""
        self._rejects = rejects
        self._seen = IdSet() if self.unique_ids else None

    def read_file(self, filepath: str) -> Iterator[Document]:
        path = Path(filepath)
        fmt = _format(path)
        if path.is_file() and path.stat().st_size == 0:
            self._reject(path, 0, "empty_file", "empty file, no records")
            return
        n = 0
        try:
            if fmt in ("parquet", "dataset"):
                for n, record in enumerate(_table_rows(path, fmt), 1):
                    try:
                        doc = self.get_document_from_dict(record, path, n)
                    except _BadRecord as bad:
                        raw = orjson.dumps(record, default=str, option=orjson.OPT_NON_STR_KEYS)
                        self._reject(path, n, bad.reason, bad.message, raw)
                    else:
                        yield doc
            else:
                loads = orjson.loads
                for n, raw in enumerate(_jsonl_lines(path, fmt), 1):
                    try:
                        doc = self.get_document_from_dict(loads(raw), path, n)
                    except orjson.JSONDecodeError as err:
                        self._reject(path, n, *_decode_problem(raw, err), raw)
                    except _BadRecord as bad:
                        self._reject(path, n, bad.reason, bad.message, raw)
                    else:
                        yield doc
        except _UNREADABLE as err:
            detail = str(err).replace("\n", " ")
            self._reject(path, n + 1, "corrupt_file", f"unreadable {fmt} data ({detail})")
            return
        if n == 0:
            self._reject(path, 0, "empty_file", "empty file, no records")

    def get_document_from_dict(  # type: ignore[override]
        self, data: Any, source_file: Path, id_in_file: int
    ) -> Document:
        """Validate one record and build its Document; raises _BadRecord (never returns None, unlike datatrove)."""
        if type(data) is not dict:
            raise _BadRecord("not_an_object", f"expected a JSON object, got {_kind(data)}")
        text = data.get(self.text_key, _MISSING)
        if type(text) is not str:
            if text is _MISSING:
                raise _BadRecord("missing_text", f"field {self.text_key!r} missing")
            raise _BadRecord("text_not_string", f"field {self.text_key!r} is {_kind(text)}, expected a string")
        if not text:
            raise _BadRecord("empty_text", f"field {self.text_key!r} is empty")
        doc_id = data.get(self.id_key, _MISSING)
        if type(doc_id) is not str:
            if doc_id is _MISSING:
                doc_id = f"{_stem(source_file)}/{id_in_file}"
            elif type(doc_id) is int:
                doc_id = str(doc_id)
            else:
                raise _BadRecord("bad_id", f"field {self.id_key!r} is {_kind(doc_id)}, expected a string")
        elif not doc_id:
            raise _BadRecord("bad_id", f"field {self.id_key!r} is empty")
        if self._seen is not None and not self._seen.add(doc_id):
            raise _BadRecord("duplicate_id", f"duplicate id {doc_id!r} in field {self.id_key!r}")
        data.pop(self.text_key)
        data.pop(self.id_key, None)
        nested = data.pop("metadata", _MISSING)
        metadata = data if nested is _MISSING else _as_metadata(nested) | data
        return Document(text=text, id=doc_id, metadata=metadata)

    def _reject(self, path: Path, line: int, reason: str, message: str, raw: bytes = b"") -> None:
        if not self.skip_bad:
            where = f"{path}:{line}" if line else str(path)
            raise CorpusError(f"{where}: {message}") from None
        assert self._rejects is not None
        self._rejects.add(path, line, reason, message, raw)
        self.stat_update(f"rejected_{reason}")


def _jsonl_lines(path: Path, fmt: str) -> Iterator[bytes]:
    """Raw lines as bytes: orjson parses bytes directly and validates UTF-8 as it goes."""
    with open(path, "rb") as raw:
        if fmt == "jsonl":
            yield from raw
        elif fmt == "jsonl.gz":
            yield from _split_lines(_decompressed(raw, lambda: zlib.decompressobj(wbits=31), "gzip member"))
        else:
            yield from _split_lines(_decompressed(raw, zstandard.ZstdDecompressor().decompressobj, "zstd frame"))


def _decompressed(raw: BinaryIO, decompressor: Callable[[], Any], unit: str) -> Iterator[bytes]:
    """Decompressed chunks of every gzip member or zstd frame; EOFError if the last one is cut short.

    Large chunks keep decompression in C (``gzip.GzipFile`` reads lines in small pieces, at a
    third of the speed), and zstandard's own stream reader ends silently at a truncated frame.
    """
    dobj, pending = decompressor(), False
    while chunk := raw.read(1 << 20):
        while chunk:
            pending = True
            if out := dobj.decompress(chunk):
                yield out
            chunk = b""
            if dobj.eof:  # this member or frame ended; what follows may be another one
                chunk, dobj, pending = dobj.unused_data, decompressor(), False
    if pending:
        raise EOFError(f"file truncated inside a {unit}")


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    pieces: list[bytes] = []
    for chunk in chunks:
        *lines, tail = chunk.split(b"\n")
        if lines:
            lines[0] = b"".join(pieces) + lines[0]
            pieces = []
            yield from lines
        pieces.append(tail)
    if last := b"".join(pieces):
        yield last


def _table_rows(path: Path, fmt: str) -> Iterator[dict]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetFile(path) as pf:
            for batch in pf.iter_batches(batch_size=1024):
                yield from batch.to_pylist()
    else:
        from datasets import load_from_disk

        for table in load_from_disk(str(path)).with_format("arrow").iter(batch_size=1024):
            yield from table.to_pylist()


def _decode_problem(raw: bytes, err: orjson.JSONDecodeError) -> tuple[str, str]:
    """Tell invalid UTF-8 from malformed JSON: orjson reports both as a decode error."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return "invalid_utf8", f"invalid UTF-8 at byte {bad.start}"
    if not raw.strip():
        return "malformed_json", "blank line, expected a JSON object"
    return "malformed_json", f"malformed JSON: {err.msg} at column {err.colno}"


def _as_metadata(nested: Any) -> dict:
    """A record's ``metadata`` field as a dict; Parquet stores it as a JSON string."""
    if isinstance(nested, str):
        try:
            parsed = orjson.loads(nested)
        except orjson.JSONDecodeError:
            parsed = None
        if isinstance(parsed, dict):
            return parsed
    return nested if isinstance(nested, dict) else {"metadata": nested}


_KINDS = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
          list: "an array", dict: "an object"}


def _kind(value: Any) -> str:
    """JSON name of a value's type, for error messages."""
    return _KINDS.get(type(value), type(value).__name__)


def iter_documents(
    inputs: str | Path | Sequence[str | Path],
    *,
    text_key: str = "text",
    id_key: str = "id",
    skip_bad: bool = False,
    unique_ids: bool = True,
    rejects: Rejects | None = None,
    limit: int | None = None,
) -> Iterator[Document]:
    """Stream the documents of ``inputs`` in order: the reader for library code.

    Inputs are resolved now, so a missing file fails here rather than at the first ``next``.
    With ``skip_bad`` and no ``rejects``, skipped records are still counted and logged.
    """
    reader = CorpusReader(inputs, text_key=text_key, id_key=id_key, skip_bad=skip_bad, unique_ids=unique_ids)
    return _iter_with(reader, rejects, limit)


def _iter_with(reader: CorpusReader, rejects: Rejects | None, limit: int | None) -> Iterator[Document]:
    # Not reader.run(): library callers want neither datatrove's per-file log lines nor its stats.
    own = rejects if rejects is not None else Rejects()
    reader.start(own)
    yield from islice((doc for path in reader.paths for doc in reader.read_file(str(path))), limit)
    if rejects is None and own.total:
        logger.warning(f"skipped {own.total} bad records {own.counts}; pass a Rejects to keep them")


def corpus_reader(
    inputs: str | Path | Sequence[str | Path],
    *,
    text_key: str = "text",
    id_key: str = "id",
    skip_bad: bool = False,
    unique_ids: bool = True,
    rejects_dir: str | Path | None = None,
    limit: int | None = None,
) -> CorpusReader:
    """The reader step for datatrove pipelines; each rank reads its share of the input units."""
    return CorpusReader(inputs, text_key=text_key, id_key=id_key, skip_bad=skip_bad, unique_ids=unique_ids,
                        rejects_dir=rejects_dir, limit=-1 if limit is None else limit)


# ---------------------------------------------------------------------------------------------
# Writing


class _GzipShard(gzip.GzipFile):
    """gzip writer with a fixed header (mtime 0, no file name) that also closes the file it wraps.

    fsspec's own gzip stamps the time and the temporary name into the header, so the same
    documents would give different bytes, and leaves the wrapped file open at ``close``.
    Level 3 compresses English text about 2.5x faster than level 6 for files ~10% larger.
    """

    def __init__(self, fileobj: Any, mode: str = "rb") -> None:
        super().__init__(filename="", mode=mode, compresslevel=3, fileobj=fileobj, mtime=0)
        self._wrapped = fileobj

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._wrapped.close()


register_compression("curate-gzip", _GzipShard, [], force=True)


class _Shards:
    """Mixin for datatrove DiskWriters: shards of at most ``max_docs`` documents, renamed into place when complete.

    Each shard is written as ``.tmp.<name>`` in the output folder and renamed to ``<name>`` once
    closed, so a reader never sees half a shard; if the run fails the open shard is deleted.
    """

    def _init_shards(self, max_docs: int, first_shard: int = 0) -> None:
        if max_docs < 1:
            raise ValueError(f"max_docs_per_shard must be at least 1, got {max_docs}")
        self.max_docs = max_docs
        self.shards: list[Path] = []
        self._shard, self._in_shard = first_shard, 0
        self._tmp = self._final = ""  # names of the open shard; "" while none is open

    def write(self, document: Document, rank: int = 0, **kwargs: Any) -> None:
        if not self._tmp:
            rank_tag = f"{rank:05d}_" if self.per_rank else ""
            self._final = self.output_filename.substitute(rank=rank_tag, shard=f"{self._shard:05d}")
            self._tmp = f".tmp.{self._final}"
        file = self.output_mg.get_file(self._tmp)
        self._write(self.adapter(document), file, self._tmp)
        self.stat_update(StatHints.total)
        self.update_doc_stats(document)
        self._in_shard += 1
        if self._in_shard == self.max_docs:
            self._finish_shard()

    def _finish_shard(self) -> None:
        self.close_file(self._tmp)
        self.output_folder.mv(self._tmp, self._final)
        self.shards.append(Path(self.output_folder.resolve_paths(self._final)))
        self._shard, self._in_shard, self._tmp = self._shard + 1, 0, ""

    def close(self) -> None:
        if self._tmp:
            self._finish_shard()
        super().close()

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None or not self._tmp:
            self.close()
            return
        tmp, self._tmp = self._tmp, ""
        super().close()  # closes the open shard's file, which is then discarded
        if self.output_folder.exists(tmp):
            self.output_folder.rm(tmp)


class _JsonlShards(_Shards, JsonlWriter):
    name = "🐿 curate jsonl shards"

    def __init__(self, out_dir: str, template: str, gz: bool, max_docs: int, per_rank: bool, first_shard: int) -> None:
        super().__init__(out_dir, output_filename=template, compression="curate-gzip" if gz else None)
        self.per_rank = per_rank
        self._init_shards(max_docs, first_shard)

    def _default_adapter(self, document: Document) -> dict:
        """Exactly what the reader reads back; datatrove's adapter also drops falsy values, such as id ""."""
        record = {"text": document.text, "id": document.id}
        if document.metadata:
            record["metadata"] = document.metadata
        return record


class _ParquetShards(_Shards, ParquetWriter):
    name = "📒 curate parquet shards"

    def __init__(self, out_dir: str, template: str, max_docs: int, per_rank: bool, first_shard: int) -> None:
        schema = pa.schema([("text", pa.string()), ("id", pa.string()), ("metadata", pa.string())])
        # max_file_size=-1: shards are cut by document count here, not by datatrove's size-based file ids
        super().__init__(out_dir, output_filename=template, schema=schema, max_file_size=-1)
        self.per_rank = per_rank
        self._init_shards(max_docs, first_shard)

    def _default_adapter(self, document: Document) -> dict:
        """Metadata as a JSON string: a fixed schema whatever fields each document carries."""
        metadata = orjson.dumps(document.metadata, default=_json_default).decode()
        return {"text": document.text, "id": document.id, "metadata": metadata}


def _make_writer(out_dir: str | Path, fmt: str, max_docs_per_shard: int, prefix: str, per_rank: bool,
                 first_shard: int = 0) -> DiskWriter:
    if fmt not in get_args(WriteFormat):
        raise CorpusError(f"unknown output format {fmt!r}, expected one of {', '.join(get_args(WriteFormat))}")
    # ${rank} is "" for a single writer and "NNNNN_" in a pipeline, so parallel ranks never collide
    template = f"{prefix.replace('$', '$$')}${{rank}}${{shard}}.{fmt}"
    folder = str(Path(out_dir).absolute())
    if fmt == "parquet":
        return _ParquetShards(folder, template, max_docs_per_shard, per_rank, first_shard)
    return _JsonlShards(folder, template, fmt == "jsonl.gz", max_docs_per_shard, per_rank, first_shard)


def shard_writer(out_dir: str | Path, fmt: WriteFormat = "jsonl.gz", *, max_docs_per_shard: int = 100_000,
                 first_shard: int = 0) -> DiskWriter:
    """A writer of shards ``{first_shard:05d}.{fmt}``, ``{first_shard + 1:05d}.{fmt}``, ... (use as a context manager).

    For stages that cut one ordered output into ranges written by different tasks: task ``k``
    writing documents ``k * m * max_docs ...`` starts at shard ``k * m``, and the shards are the
    bytes one writer would have written. Each shard is renamed into place when complete.
    """
    return _make_writer(out_dir, fmt, max_docs_per_shard, "", per_rank=False, first_shard=first_shard)


def write_documents(
    docs: Iterable[Document],
    out_dir: str | Path,
    *,
    fmt: WriteFormat = "jsonl.gz",
    max_docs_per_shard: int = 100_000,
    prefix: str = "",
) -> list[Path]:
    """Stream ``docs`` into shards ``{prefix}00000.{fmt}``, ``{prefix}00001.{fmt}``, ... and return their paths.

    Memory stays flat: documents are written as they arrive. Shards of this name pattern left
    by an earlier, larger run are removed afterwards, so the folder holds exactly this output.
    """
    out = Path(out_dir)
    writer = _make_writer(out, fmt, max_docs_per_shard, prefix, per_rank=False)
    out.mkdir(parents=True, exist_ok=True)
    with writer:
        for doc in docs:
            writer.write(doc)
    written = {p.name for p in writer.shards}
    pattern = re.compile(re.escape(prefix) + r"\d{5}\.(?:jsonl|jsonl\.gz|parquet)")
    for stale in out.iterdir():
        if pattern.fullmatch(stale.name) and stale.name not in written:
            stale.unlink()
    return writer.shards


def corpus_writer(
    out_dir: str | Path,
    fmt: WriteFormat = "jsonl.gz",
    *,
    max_docs_per_shard: int = 100_000,
    prefix: str = "",
) -> DiskWriter:
    """The writer step for datatrove pipelines: each rank writes ``{prefix}{rank:05d}_{shard:05d}.{fmt}``."""
    return _make_writer(out_dir, fmt, max_docs_per_shard, prefix, per_rank=True)
