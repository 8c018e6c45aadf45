"""Per-document state of the mix's pass that lives on disk, so memory does not grow with the corpus.

The pass appends each document's variable-length state (its id, sampled n-gram hashes, term
counts for clustering, MinHash band keys) to typed column files in a temporary folder; the
planning stages read them back in order, a chunk of rows at a time. Only a few fixed bytes per
document (tokens, label, source, status) stay in memory. Files are written and read with plain
``write``/``readinto`` rather than memory maps, whose touched pages would count as the
process's resident memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

__all__ = ["Column", "Ragged", "SpillDir", "take_rows"]

CHUNK_ROWS = 65_536


class Column:
    """An append-only column of fixed-width rows (``width`` values of ``dtype``) in a file."""

    def __init__(self, path: Path, dtype: np.dtype | type | str, width: int = 1) -> None:
        self.path, self.dtype, self.width = path, np.dtype(dtype), width
        self.rows = 0
        self._out = open(path, "wb", buffering=1 << 20)

    def append(self, values: np.ndarray) -> None:
        a = np.ascontiguousarray(values, dtype=self.dtype)
        if a.size % self.width:
            raise ValueError(f"{self.path.name}: {a.size} values do not fill rows of {self.width}")
        self._out.write(a.tobytes())
        self.rows += a.size // self.width

    def finish(self) -> None:
        if not self._out.closed:
            self._out.close()

    def _shape(self, a: np.ndarray) -> np.ndarray:
        return a.reshape(-1, self.width) if self.width > 1 else a

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[np.ndarray]:
        """The rows in order, ``rows`` at a time."""
        self.finish()
        with open(self.path, "rb") as f:
            for start in range(0, self.rows, rows):
                yield self._shape(np.fromfile(f, self.dtype, min(rows, self.rows - start) * self.width))

    def read(self) -> np.ndarray:
        """Every row (for columns whose whole size is small, or needed at once)."""
        self.finish()
        return self._shape(np.fromfile(self.path, self.dtype, self.rows * self.width))


class Ragged:
    """Rows of varying length: a lengths column and one or more value columns read in step."""

    def __init__(self, folder: Path, name: str, dtypes: Sequence[np.dtype | type | str]) -> None:
        self.lengths = Column(folder / f"{name}.len", np.int64)
        self.values = [Column(folder / f"{name}.{k}", dt) for k, dt in enumerate(dtypes)]

    @property
    def rows(self) -> int:
        return self.lengths.rows

    def append(self, lengths: np.ndarray, *values: np.ndarray) -> None:
        self.lengths.append(lengths)
        for col, v in zip(self.values, values):
            col.append(v)

    def finish(self) -> None:
        self.lengths.finish()
        for col in self.values:
            col.finish()

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[tuple[np.ndarray, ...]]:
        """``(lengths, *values)`` of consecutive rows, ``rows`` at a time."""
        self.finish()
        handles = [open(c.path, "rb") for c in self.values]
        try:
            for lengths in self.lengths.chunks(rows):
                total = int(lengths.sum())
                yield (lengths, *(np.fromfile(h, c.dtype, total) for h, c in zip(handles, self.values)))
        finally:
            for h in handles:
                h.close()


def take_rows(lengths: np.ndarray, values: Sequence[np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """``(lengths, *values)`` of the rows ``rows`` (ascending positions) of one ragged chunk."""
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    lens = lengths[rows]
    total = int(lens.sum())
    idx = np.repeat(starts[rows] - np.concatenate(([0], np.cumsum(lens)[:-1])), lens) + np.arange(total)
    return (lens, *(v[idx] for v in values))


class SpillDir:
    """A temporary folder for one pass's columns, removed by :meth:`close` (or when collected)."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="curate-mix-")
        self.path = Path(self._tmp.name)
        self._columns: list[Column | Ragged] = []

    def column(self, name: str, dtype: np.dtype | type | str, width: int = 1) -> Column:
        col = Column(self.path / name, dtype, width)
        self._columns.append(col)
        return col

    def ragged(self, name: str, *dtypes: np.dtype | type | str) -> Ragged:
        col = Ragged(self.path, name, dtypes)
        self._columns.append(col)
        return col

    def close(self) -> None:
        for col in self._columns:
            col.finish()
        self._tmp.cleanup()
