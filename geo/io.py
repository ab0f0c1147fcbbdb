"""Reading records and writing outputs safely.

Outputs are written to a temporary file in the target's folder and renamed over it, so
an interrupted run leaves the previous file intact and never a half-written one.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class BadOutput(ValueError):
    """An output path that would overwrite an input or cannot be written: exit 2, before any work."""


@dataclass(frozen=True, slots=True)
class BadRecord:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str      # "utf-8", or the encoding the detector found ("cp1252")


# A byte-order mark says the encoding outright; UTF-32's marks first (they begin with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Without a mark, text in these is full of NUL bytes: never guess them for text without.
_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# Encodings the bytes declare (UTF-8, or a byte-order mark); any other was detected.
DECLARED = frozenset({"utf-8", "utf-16", "utf-32"})


def decode(data: bytes) -> Decoded:
    """Text from bytes, losing none: by its byte-order mark, else UTF-8, else the encoding
    charset-normalizer detects.

    Windows-1252 wins unless the detector finds a reading with less "chaos" (odd mixes
    of scripts, cases and symbols): on a short Western text the detector alone picks
    cp1250 ("Peña" read "Peńa"), cp1257 ("Bogotį") or even Big5, by language scores
    that one accented letter tips.

    >>> decode("Bogotá".encode("latin-1"))
    Decoded(text='Bogotá', encoding='cp1252')
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.removesuffix("-sig"))
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=_WIDE).best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        return Decoded(str(western), "cp1252")
    if best is None:          # no reading is text: keep every byte as a character
        return Decoded(data.decode("latin-1"), "latin-1")
    return Decoded(str(best), best.encoding)


def decode_input(data: str | bytes) -> str:
    """A text given as ``str`` as it is; bytes through :func:`decode`, with a
    UnicodeWarning that names the encoding when they are not UTF-8."""
    if isinstance(data, str):
        return data
    decoded = decode(data)
    if decoded.encoding not in DECLARED:
        warnings.warn(f"input is not valid UTF-8; read as {decoded.encoding}", UnicodeWarning, stacklevel=3)
    return decoded.text


def jsonl_records(path: str) -> Iterator[tuple[int, dict | BadRecord]]:
    """(line number, record) for each non-blank line of a JSONL file ("-" = stdin); a line
    that is not a JSON object with a string "text" comes back as a BadRecord."""
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    with stream if path != "-" else contextlib.nullcontext(stream) as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            decoded = decode(raw)
            line = decoded.text
            if decoded.encoding not in DECLARED:
                warnings.warn(f"line {n}: not UTF-8; read as {decoded.encoding}", UnicodeWarning, stacklevel=2)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, BadRecord(n, f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                yield n, BadRecord(n, 'not a JSON object with a string "text"')
                continue
            yield n, rec


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | Path):
    """A temporary path beside ``path``, renamed over it when the block succeeds and
    removed when it fails; the file gets the usual permissions, not mkstemp's 0600."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix or ".part")
    os.close(fd)
    os.unlink(tmp)   # writers such as GDAL want to create the file themselves
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def atomic_output(path: str, mode: str = "w"):
    """Open ``path`` for writing through a temporary file renamed into place on success
    ("-" writes to stdout)."""
    if path == "-":
        yield sys.stdout if "b" not in mode else sys.stdout.buffer
        return
    with atomic_path(path) as tmp:
        with open(tmp, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f


def check_output(path: str | Path, inputs=()) -> None:
    """Refuse, before any work, an output that is one of the inputs or whose folder cannot
    be written; raises BadOutput naming the path. ``-`` (standard output) always passes."""
    if str(path) == "-":
        return
    target = Path(path)
    for item in inputs:
        if str(item) == "-":
            continue
        src = Path(item)
        same = (target.exists() and src.exists() and os.path.samefile(target, src)) or \
            target.resolve() == src.resolve()
        if same:
            raise BadOutput(f"{path}: the output is also an input; refusing to overwrite it")
    if target.is_dir():
        raise BadOutput(f"{path}: is a folder; name a file")
    folder = target.parent
    while not folder.exists():          # atomic_path creates missing folders: check the first that exists
        folder = folder.parent
    if not folder.is_dir():
        raise BadOutput(f"{path}: {folder} is not a folder")
    # os.access says yes to root on a read-only mount: a real probe is the only honest test.
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".incidentmap-probe-")
    except OSError as exc:
        raise BadOutput(f"{path}: cannot write in {folder} ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)
