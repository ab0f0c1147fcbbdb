"""The text names are matched in, and the way back to the text the user gave.

News text carries characters that are invisible yet split or hide a name: zero-width
spaces and joiners, soft hyphens, byte-order marks, bidi controls (Unicode category Cf),
and accents typed as a separate combining mark ("Bogota" + U+0301). Matching runs on a
cleaned copy, NFC-composed with those characters removed; every offset found there is
mapped back, so results point into, and quote, the original text.

>>> m = normalize("Khar\\u200bkiv and Bogota\\u0301")
>>> m.text
'Kharkiv and Bogotá'
>>> s, e = m.original_span(0, 7)
>>> m.original[s:e] == "Khar\\u200bkiv"
True
>>> s, e = m.original_span(12, 18)
>>> m.original[s:e] == "Bogota\\u0301"
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

# Format characters are assigned in planes 0, 1 and 14 only (tags, Egyptian and musical
# format controls outside the BMP); scanning those takes a few hundredths of a second.
_PLANES = (range(0x0000, 0x20000), range(0xE0000, 0xE1000))
# A run of non-ASCII characters with the character before it, which a combining mark may
# compose with: ASCII characters never compose with their neighbours otherwise, so each
# such run is normalised on its own.
_NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


@cache
def _format_codes() -> np.ndarray:
    return np.array([c for plane in _PLANES for c in plane if unicodedata.category(chr(c)) == "Cf"],
                    dtype=np.uint32)


@dataclass(frozen=True, eq=False)
class Normalized:
    """``text`` (what is matched) and ``original``; ``starts[i]`` is where the character
    ``text[i]`` begins in ``original`` and ``ends[i]`` where it ends (None: the two texts
    are the same, or, for ``ends``, every character is one original character)."""

    text: str
    original: str
    starts: np.ndarray | None = None
    ends: np.ndarray | None = None

    @property
    def changed(self) -> bool:
        return self.starts is not None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in ``original`` of ``text[start:end]``."""
        if self.starts is None:
            return start, end
        if end <= start:
            pos = int(self.starts[start]) if start < len(self.text) else len(self.original)
            return pos, pos
        last = int(self.ends[end - 1]) if self.ends is not None else int(self.starts[end - 1]) + 1
        return int(self.starts[start]), last

    def text_offset(self, original: int) -> int:
        """The offset in ``text`` of the first character at or after ``original`` there."""
        if self.starts is None:
            return original
        return int(np.searchsorted(self.starts, original, side="left"))


def normalize(original: str) -> Normalized:
    """``original`` NFC-composed and without format characters, with the offset map back."""
    if original.isascii():
        return Normalized(original, original)
    # one pass of numpy over the code points: a regex class of all format characters
    # crawls through non-Latin text
    codes = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    keep = ~np.isin(codes, _format_codes(), kind="table")
    if keep.all():
        if unicodedata.is_normalized("NFC", original):
            return Normalized(original, original)
        return _compose(original, original, np.arange(len(original), dtype=_index_type(original)))
    text = codes[keep].tobytes().decode("utf-32-le", "surrogatepass")
    starts = np.flatnonzero(keep).astype(_index_type(original))
    del codes, keep
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, original, starts)
    return _compose(text, original, starts)


def _index_type(original: str):
    return np.int32 if len(original) < 2**31 - 1 else np.int64


def _compose(text: str, original: str, starts: np.ndarray) -> Normalized:
    """NFC of ``text`` (already free of format characters, mapped by ``starts``), run by
    run of non-ASCII characters, each character of the result mapped to the characters it
    was composed from."""
    ends = starts + 1
    parts, start_parts, end_parts, done = [], [], [], 0
    for m in _NON_ASCII_RUN.finditer(text):
        a, b = m.span()
        run = m.group()
        if unicodedata.is_normalized("NFC", run):
            continue
        new, s, e = _compose_run(run, starts[a:b], ends[a:b])
        parts += [text[done:a], new]
        start_parts += [starts[done:a], s]
        end_parts += [ends[done:a], e]
        done = b
    parts.append(text[done:])
    start_parts.append(starts[done:])
    end_parts.append(ends[done:])
    return Normalized("".join(parts), original, np.concatenate(start_parts), np.concatenate(end_parts))


def _compose_run(run: str, starts: np.ndarray, ends: np.ndarray) -> tuple[str, np.ndarray, np.ndarray]:
    """NFC of one run and where each of its characters comes from. A cluster is a base
    character and the combining marks after it; where composing cluster by cluster does
    not give the NFC of the whole run (Hangul jamo, two-part Indic vowels), the run is one
    cluster."""
    bounds = [k for k, ch in enumerate(run) if k == 0 or unicodedata.combining(ch) == 0] + [len(run)]
    pieces = [unicodedata.normalize("NFC", run[a:b]) for a, b in zip(bounds, bounds[1:])]
    whole = unicodedata.normalize("NFC", run)
    if "".join(pieces) != whole:
        bounds, pieces = [0, len(run)], [whole]
    out_s, out_e = [], []
    for (a, b), piece in zip(zip(bounds, bounds[1:]), pieces):
        if len(piece) == b - a:               # nothing composed: character for character
            out_s += starts[a:b].tolist()
            out_e += ends[a:b].tolist()
            continue
        # the first characters of the result take the cluster's first characters, the last
        # one everything left: "e" + U+0301 becomes one "é" spanning both
        n = len(piece)
        for t in range(n):
            first = a + min(t, b - a - 1)
            out_s.append(int(starts[first]))
            out_e.append(int(ends[b - 1]) if t == n - 1 else int(ends[first]))
    return whole, np.asarray(out_s, dtype=starts.dtype), np.asarray(out_e, dtype=ends.dtype)
