"""Read the embedded Parquet files into compact arrays, without pandas.

Strings stay in Arrow's layout (one bytes blob plus int32 offsets) so a table of a
million names loads in milliseconds and costs a few megabytes; a row's string is
sliced out only when a look-up returns it.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

import numpy as np

from ._errors import DataFileError


def read_parquet(path: Path, columns=None):
    import pyarrow.parquet as pq

    try:
        # ParquetFile, not read_table: read_table goes through pyarrow.dataset, which
        # imports pandas and costs 0.2 s of start-up.
        return pq.ParquetFile(path).read(columns=columns)
    except FileNotFoundError:
        raise DataFileError(f"gazetteer data file missing: {path}") from None
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataFileError(f"gazetteer data file unreadable: {path} ({type(exc).__name__})") from None


class Strings:
    """Read-only sequence of str over an Arrow string column."""

    __slots__ = ("_data", "_offsets", "_n")

    def __init__(self, column):
        arr = column.combine_chunks() if hasattr(column, "combine_chunks") else column
        _, offsets, data = arr.buffers()
        # A memoryview indexes to Python ints as fast as a list, at 4 bytes a row.
        self._offsets = memoryview(offsets).cast("i")[arr.offset: arr.offset + len(arr) + 1]
        self._data = data.to_pybytes() if data is not None else b""
        self._n = len(arr)

    def __len__(self):
        return self._n

    def raw(self, i: int) -> bytes:
        return self._data[self._offsets[i]: self._offsets[i + 1]]

    def __getitem__(self, i: int) -> str:
        return self._data[self._offsets[i]: self._offsets[i + 1]].decode()


def numbers(column, fmt: str) -> memoryview:
    """A fixed-width numeric column (no nulls) as a memoryview of Python numbers.

    Read straight from the Arrow buffer: ``to_numpy`` would import pandas (0.2 s), and
    a memoryview hands out Python ints and floats faster than numpy scalars.
    """
    arr = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    if fmt == "?":  # Arrow packs booleans as bits
        bits = np.frombuffer(arr.buffers()[1], dtype=np.uint8)
        unpacked = np.unpackbits(bits, bitorder="little")[arr.offset: arr.offset + len(arr)]
        return memoryview(unpacked.astype(np.bool_))
    return memoryview(arr.buffers()[1]).cast(fmt)[arr.offset: arr.offset + len(arr)]


class Categories:
    """Read-only sequence of str over an Arrow dictionary column."""

    __slots__ = ("codes", "values")

    def __init__(self, column):
        arr = column.combine_chunks()
        self.codes = numbers(arr.indices, "i")
        self.values = arr.dictionary.to_pylist()

    def __len__(self):
        return len(self.codes)

    def __getitem__(self, i: int) -> str:
        return self.values[self.codes[i]]

    def code(self, value: str) -> int:
        return self.values.index(value) if value in self.values else -1


class _RawKeys:
    """The key column as bytes, searched in place.

    A binary search calls ``__getitem__`` in Python at every step, twenty of them over a
    million keys: every ``STEP``-th key is also kept in a list, which ``bisect`` searches
    in C, so only the last few steps, within one stretch of ``STEP`` rows, are in Python.
    """

    __slots__ = ("strings", "_data", "_offsets", "_every")
    STEP = 128

    def __init__(self, strings: Strings):
        self.strings = strings
        self._data, self._offsets = strings._data, strings._offsets
        self._every = [self[i] for i in range(0, len(strings), self.STEP)]

    def __len__(self):
        return len(self.strings)

    def __getitem__(self, i):
        return self._data[self._offsets[i]: self._offsets[i + 1]]

    def bisect_left(self, q: bytes) -> int:
        """The first row whose key is not below ``q`` (``bisect.bisect_left`` over all rows)."""
        j = bisect.bisect_left(self._every, q)
        # keys before row (j - 1) * STEP + 1 are below q; row j * STEP (when there is one) is not
        lo = (j - 1) * self.STEP + 1 if j else 0
        return bisect.bisect_left(self, q, lo, min(j * self.STEP, len(self)))


def _equal_rows(raw: _RawKeys, q: bytes) -> range:
    """The rows of sorted ``raw`` equal to ``q``."""
    lo, n = raw.bisect_left(q), len(raw)
    end = lo
    while end < n and raw[end] == q:
        end += 1
    return range(lo, end)


class NameIndex:
    """Sorted (key, entry, grade) rows; exact look-up by binary search."""

    def __init__(self, table):
        self.keys = Strings(table.column("key"))
        self.entry = numbers(table.column("entry"), "i")
        self.grade = numbers(table.column("grade"), "B")
        self._raw = _RawKeys(self.keys)
        self._unique: list[str] | None = None
        # A document asks for the same few names again and again (to recognise, resolve
        # and place them), and so does a corpus: each key is searched for once.
        self.rows = lru_cache(maxsize=65536)(self._rows)

    def _rows(self, key: str) -> range:
        """Row numbers whose key equals ``key`` (what ``rows`` answers)."""
        return _equal_rows(self._raw, key.encode())

    def starts(self, prefix: str) -> bool:
        """True when some key begins with ``prefix``."""
        q = prefix.encode()
        if not q:
            return True
        i = self._raw.bisect_left(q)
        return i < len(self._raw) and self._raw[i].startswith(q)

    def keys_from(self, prefix: str, most: int) -> list[str]:
        """Distinct keys that begin with ``prefix``, in order, at most ``most`` of them."""
        q = prefix.encode()
        i, out = self._raw.bisect_left(q), []
        while i < len(self._raw) and len(out) < most:
            raw = self._raw[i]
            if not raw.startswith(q):
                break
            if not out or out[-1] != raw:
                out.append(raw)
            i += 1
        return [r.decode() for r in out]

    def unique_keys(self) -> list[str]:
        """Distinct keys, decoded (built on first use: only fuzzy search needs them)."""
        if self._unique is None:
            unique, prev = [], None
            for i in range(len(self.keys)):
                raw = self.keys.raw(i)
                if raw != prev:
                    unique.append(raw.decode())
                    prev = raw
            self._unique = unique
        return self._unique


class SkeletonIndex:
    """Sorted (skeleton, key) rows: the name keys that share a transliteration skeleton."""

    def __init__(self, table):
        self._skeleton = Strings(table.column("skeleton"))
        self._key = Strings(table.column("key"))
        self._raw = _RawKeys(self._skeleton)

    def keys(self, skeleton: str) -> list[str]:
        return [self._key[i] for i in _equal_rows(self._raw, skeleton.encode())]
