"""Reading records and writing outputs safely.

Outputs are written to a temporary file in the target's folder and renamed over it, so
an interrupted run leaves the previous file intact and never a half-written one.
"""

from __future__ import annotations

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


def jsonl_records(path: str) -> Iterator[tuple[int, dict | BadRecord]]:
    """(line number, record) for each non-blank line of a JSONL file ("-" = stdin); a line
    that is not a JSON object with a string "text" comes back as a BadRecord."""
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    with stream if path != "-" else contextlib.nullcontext(stream) as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                warnings.warn(f"line {n}: not valid UTF-8 ({exc.reason}); bytes replaced", UnicodeWarning,
                              stacklevel=2)
                line = raw.decode("utf-8", errors="replace")
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
