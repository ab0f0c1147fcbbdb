"""Articles from files: plain text, HTML (scripts, styles and comments dropped; the
publication date read from common meta tags) and JSON (``text``, ``published``, ``id``,
``title``, ``url``), in UTF-8 or whatever encoding the bytes are in (``geo.io.decode``)."""

from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .io import decode

PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                  "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")


# 25 MB: the largest input that stays within 1.5 GB on any text (BENCHMARKS.md, long texts).
DEFAULT_MAX_BYTES = 25_000_000


class BadArticle(ValueError):
    """An article file that cannot be read."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    encoding: str = "utf-8"     # what the file's bytes were read as ("cp1252" when detected)


class _Html(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
             "footer", "blockquote", "figcaption", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        if tag == "time" and not self.meta.get("time"):
            a = dict(attrs)
            if a.get("datetime"):
                self.meta["time"] = a["datetime"]
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def from_html(html: str) -> tuple[str, str | None]:
    """(text, published) of an HTML page."""
    p = _Html()
    p.feed(html)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).splitlines()]
    text = "\n".join(line for line in lines if line)
    published = next((p.meta[k] for k in PUBLISHED_META if p.meta.get(k)), p.meta.get("time"))
    return text, published


def max_bytes() -> int:
    """Largest input read, from INCIDENTMAP_MAX_BYTES (default 25 MB)."""
    import os

    try:
        return int(os.environ.get("INCIDENTMAP_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_bytes(path: str) -> tuple[bytes, str]:
    """(data, name) of a path ("-" for standard input), refusing an input above
    ``max_bytes()`` before it is read into memory."""
    limit = max_bytes()
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise BadArticle(f"standard input is larger than {limit:,} bytes (INCIDENTMAP_MAX_BYTES)")
        return data, "stdin"
    p = Path(path)
    if not p.is_file():
        raise BadArticle(f"no such file: {path}")
    size = p.stat().st_size
    if size > limit:
        raise BadArticle(f"{path} is {size:,} bytes, larger than the limit of {limit:,} "
                         f"(set INCIDENTMAP_MAX_BYTES to raise it)")
    return p.read_bytes(), p.name


def parse(data: bytes, name: str, suffix: str = "") -> list[Article]:
    """The articles in the bytes of one input: one for text or HTML, one per record for
    JSON (``suffix`` ".json" or ".jsonl"). Binary data is refused."""
    # UTF-16 and UTF-32 text is full of NUL bytes: its byte-order mark tells it from binary
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    if b"\x00" in data[:8192] and not wide:
        raise BadArticle(f"{name}: binary file (NUL bytes), not an article")
    decoded = decode(data)
    text, encoding = decoded.text, decoded.encoding
    if suffix in (".html", ".htm") or (suffix == "" and text.lstrip()[:1] == "<"):
        body, published = from_html(text)
        return [Article(name, body, published, encoding=encoding)]
    if suffix in (".json", ".jsonl"):
        records = []
        for n, line in enumerate(text.splitlines() if suffix == ".jsonl" else [text], 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadArticle(f"{name}: line {n}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise BadArticle(f'{name}: line {n}: not a JSON object with a string "text"')
            records.append(Article(str(rec.get("id") or rec.get("doc_id") or f"{name}:{n}"), rec["text"],
                                   rec.get("published"), rec.get("title"), encoding))
        return records
    return [Article(name, text, encoding=encoding)]


def read(path: str) -> list[Article]:
    """The articles of one path ("-" for standard input); see :func:`parse`."""
    data, name = read_bytes(path)
    return parse(data, name, "" if path == "-" else Path(path).suffix.lower())
