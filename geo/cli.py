"""The ``incidentmap`` command.

Exit codes: 0 success; 2 bad usage or bad input, with one line on stderr; 1 an
installation or internal problem, also one line. Imports are deferred to the
sub-command that needs them so a look-up starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

PROG = "incidentmap"
PUBLISHED_HELP = ("publication date YYYY-MM-DD for articles that carry none (PATH@DATE, a JSONL record's "
                  "\"published\" and an HTML page's date come first); else unknown")


class UsageError(Exception):
    """Bad input from the user: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage + message and exits 2; keep it to one line
        raise UsageError(message)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PROG)
    except PackageNotFoundError:   # run from a checkout that was never installed
        return "(not installed)"


def _parser() -> argparse.ArgumentParser:
    from gazetteer.settings import KINDS

    p = _Parser(prog=PROG, description="News reports of attacks and strikes to incidents on a map.")
    p.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    bt = sub.add_parser("batch", help="a corpus (files, folders, JSONL) through extract on Dask, to GeoParquet")
    bt.add_argument("inputs", nargs="+", help="files, folders and JSONL files (one article a line)")
    bt.add_argument("-o", "--output", required=True, help="incidents GeoParquet (.parquet); links and errors beside it")
    bt.add_argument("--workers", type=int, default=2, help="local worker processes (default 2; 0 runs in this process)")
    bt.add_argument("--scheduler", help="address of a running dask scheduler, e.g. tcp://10.0.0.5:8786")
    bt.add_argument("--published", help="publication date for documents that carry none")

    mp = sub.add_parser("map", help="articles to an interactive, self-contained HTML map")
    mp.add_argument("articles", nargs="+", help=".txt, .html or .json(l) files, or - for standard input; PATH@YYYY-MM-DD gives that article its date; "
                    "or incident tables (.parquet) written by extract or batch")
    mp.add_argument("--published", help=PUBLISHED_HELP)
    mp.add_argument("-o", "--output", default="map.html", help="HTML file to write (default: map.html)")
    mp.add_argument("--tiles", choices=["online"], help="add OpenStreetMap tiles (needs the network to view)")
    mp.add_argument("--title", help="title shown on the map")

    ex = sub.add_parser("extract", help="incidents of articles as GeoJSON, GeoPackage, CSV or GeoParquet")
    ex.add_argument("articles", nargs="+", help=".txt, .html or .json(l) files, or - for standard input; PATH@YYYY-MM-DD gives that article its date")
    ex.add_argument("--published", help=PUBLISHED_HELP)
    ex.add_argument("-o", "--output", default="-",
                    help="output file: .geojson (default, to standard output), .gpkg, .csv or .parquet")

    gp = sub.add_parser("geoparse", help="place names of each JSONL record {doc_id, text}, resolved")
    gp.add_argument("input", help="JSONL file, one record per line ('-' for standard input)")
    gp.add_argument("-o", "--output", default="-", help="JSONL output (default: standard output)")
    gp.add_argument("--given-spans", action="store_true",
                    help='resolve the spans each record lists under "toponyms" instead of finding names')
    gp.add_argument("--demonyms", action="store_true", help='also report demonyms ("Syrian") with kind demonym')
    gp.add_argument("--country", help="context country (ISO2) for every record")

    wh = sub.add_parser("where", help="one place expression to a GeoJSON Feature with its precision")
    wh.add_argument("expression", help="e.g. 'north of Baghdad', 'eastern Syria', '20 km west of Mosul'")
    wh.add_argument("--country", help="context country (ISO2) for 'the country', 'along the border'")
    wh.add_argument("--countries", default="",
                    help="other countries the text mentions, comma-separated ISO2 (which border)")

    gz = sub.add_parser("gazetteer", help="look up or add places in the embedded gazetteer")
    gzs = gz.add_subparsers(dest="action", required=True, parser_class=_Parser)
    lk = gzs.add_parser("lookup", help="candidates for a place name, best first")
    lk.add_argument("name", help="place name, e.g. 'Albu Kamal'")
    lk.add_argument("--country", help="only candidates in this country (ISO2 or ISO3)")
    lk.add_argument("--kind", action="append", dest="kinds", choices=KINDS, metavar="KIND",
                    help="only this kind (repeatable): " + ", ".join(KINDS))
    lk.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    lk.add_argument("--json", action="store_true", help="print a JSON list")
    lk.add_argument("--no-fuzzy", action="store_true", help="exact matches only")
    add = gzs.add_parser("add", help="add user places from CSV (name,lat,lon[,aliases,kind,country]) or GeoJSON")
    add.add_argument("file", help="CSV or GeoJSON file")
    return p


def _dated_path(item: str) -> tuple[str, str | None]:
    """``PATH@YYYY-MM-DD`` -> (PATH, date); a path that exists as written is never split."""
    import re

    path, sep, day = item.rpartition("@")
    if not sep or os.path.exists(item) or not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", day):
        return item, None
    return path, day


def _read_articles(paths, published_arg):
    """Articles with their publication dates; bad input raises UsageError before any work.
    A date given with the path comes first, then the article's own, then --published."""
    from geo.articles import BadArticle, read
    from geo.incidents import BadPublished, parse_published

    def check(day, what):
        try:
            parse_published(day)
        except BadPublished as exc:
            raise UsageError(f"{what}: {exc}") from None

    if published_arg is not None:
        check(published_arg, "--published")
    out = []
    for item in paths:
        path, day = _dated_path(item)
        if day is not None:
            check(day, item)
        try:
            arts = read(path)
        except BadArticle as exc:
            raise UsageError(str(exc)) from None
        for a in arts:
            own = a.published
            if own is not None and day is None:
                try:
                    parse_published(own)
                except BadPublished:
                    print(f"{PROG}: {a.id}: publication date {own!r} not understood; "
                          + ("using --published" if published_arg else "left unknown"), file=sys.stderr)
                    own = None
            out.append((a, day or own or published_arg))
    return out


def _check_output(output: str, inputs) -> None:
    """Refuse, before any work, an output that is an input or cannot be written."""
    from geo.io import BadOutput, check_output

    try:
        check_output(output, [_dated_path(i)[0] for i in inputs])
    except BadOutput as exc:
        raise UsageError(str(exc)) from None


def _incidents(args):
    """The incidents of the articles named on the command line, numbered together."""
    import warnings

    from geo.incidents import combine, extract

    articles = _read_articles(args.articles, args.published)
    parts = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for a, published in articles:
            if not a.text.strip():
                print(f"{PROG}: {a.id}: empty text, no incidents", file=sys.stderr)
            parts.append(extract(a.text, published, article=a.id if len(articles) > 1 else None))
    for message in dict.fromkeys(str(w.message) for w in caught):   # each once, in order
        print(f"{PROG}: {message}", file=sys.stderr)
    return combine(parts)


def _extract(args) -> int:
    from geo import export

    try:
        export.format_of(args.output)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _check_output(args.output, args.articles)
    result = _incidents(args)
    export.write(result, args.output)
    if args.output != "-":
        print(f"{len(result)} incident(s) written to {args.output}", file=sys.stderr)
    return 0


def _batch(args) -> int:
    from geo import batch
    from geo.incidents import BadPublished, parse_published

    if not args.output.endswith(".parquet"):
        raise UsageError(f"batch writes GeoParquet: name the output .parquet, not {args.output!r}")
    if args.workers < 0:
        raise UsageError("--workers must be 0 or more")
    _check_output(args.output, args.inputs)
    try:
        parse_published(args.published)
    except BadPublished as exc:
        raise UsageError(str(exc)) from None
    s = batch.run(args.inputs, args.output, workers=args.workers, scheduler=args.scheduler,
                  published=args.published, progress=sys.stderr.isatty())
    print(f"{s.documents} document(s), {s.skipped} already done; {s.incidents} incident(s) and "
          f"{s.errors} error(s) in {s.output}", file=sys.stderr)
    return 0


def _tables(paths: list[str]):
    """Incident tables written by extract or batch, as one set (ids kept: batch ids are
    already unique; several tables are numbered together)."""
    from geo import export
    from geo.incidents import combine

    parts = []
    for path in paths:
        if not os.path.isfile(path):
            raise UsageError(f"no such file: {path}")
        try:
            parts.append(export.read(path))
        except export.BadIncidentsFile as exc:
            raise UsageError(str(exc)) from None
    return parts[0] if len(parts) == 1 else combine(parts)


def _map(args) -> int:
    import maps

    if not args.output.lower().endswith((".html", ".htm")):
        raise UsageError(f"the map is HTML: name the output .html, not {args.output!r}")
    _check_output(args.output, args.articles)
    tables = [a for a in args.articles if a.lower().endswith(".parquet")]
    if tables and len(tables) != len(args.articles):
        raise UsageError("map either articles or incident tables (.parquet), not both at once")
    if tables:
        result = _tables(tables)
    else:
        result = _incidents(args)
    m = maps.incident_map(result, tiles=args.tiles, title=args.title)
    maps.save(m, args.output)
    shown = int((~result.gdf.background.astype(bool)).sum()) if len(result.gdf) else 0
    print(f"{shown} incident(s) mapped to {args.output}", file=sys.stderr)
    return 0


def _geoparse(args) -> int:
    import warnings

    from tqdm import tqdm

    import geo
    from geo.io import BadRecord, atomic_output, jsonl_records

    if args.input != "-" and not os.path.isfile(args.input):
        raise UsageError(f"no such file: {args.input}")
    _check_output(args.output, [args.input])
    bad = done = 0
    with warnings.catch_warnings(record=True) as caught, atomic_output(args.output) as out:
        warnings.simplefilter("always")
        records = tqdm(jsonl_records(args.input), desc="geoparse", unit=" doc",
                       disable=not sys.stderr.isatty(), leave=False)
        for n, rec in records:
            if isinstance(rec, BadRecord):
                bad += 1
                print(f"{PROG}: {args.input}: line {rec.line}: {rec.reason}; skipped", file=sys.stderr)
                continue
            spans = None
            if args.given_spans:
                spans = [(t["start"], t["end"]) for t in rec.get("toponyms") or []
                         if isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
                         and 0 <= t["start"] <= t["end"] <= len(rec["text"])]
            found = geo.geoparse(rec["text"], args.country, spans_given=spans, demonyms=args.demonyms)
            out.write(json.dumps({"doc_id": rec.get("doc_id", str(n)),
                                  "toponyms": [t.to_dict() for t in found]}, ensure_ascii=False) + "\n")
            done += 1
        for w in caught:
            print(f"{PROG}: {args.input}: {w.message}", file=sys.stderr)
    if bad:
        print(f"{PROG}: {done} record(s) written, {bad} skipped", file=sys.stderr)
    return 0


def _where(args) -> int:
    import geo

    context = {"country": args.country,
               "countries": [c.strip() for c in args.countries.split(",") if c.strip()]}
    print(json.dumps(geo.where(args.expression, context=context).to_feature(), ensure_ascii=False))
    return 0


def _lookup(args) -> int:
    from gazetteer import Gazetteer

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    found = Gazetteer.default().lookup(args.name, country=args.country, kinds=args.kinds,
                                       limit=args.limit, fuzzy=not args.no_fuzzy)
    if not found:
        print(f"{PROG}: no place named {args.name!r} in the gazetteer", file=sys.stderr)
    if args.json:
        keys = ("name", "kind", "country", "admin1", "lat", "lon", "id", "population", "score", "match")
        print(json.dumps([{k: getattr(c, k) for k in keys} for c in found], ensure_ascii=False, indent=1))
    else:
        for c in found:
            where = ", ".join(x for x in (c.admin1, c.country) if x)
            print(f"{c.name}\t{c.kind}\t{where}\t{c.lat:.4f},{c.lon:.4f}\t{c.id}\t{c.match}")
    return 0


def _add(args) -> int:
    from gazetteer import userplaces

    good, bad = userplaces.read_places(args.file)
    if not good:    # one line, as for any bad input: the count and the first reason
        first = f" ({len(bad)} row(s) rejected; first: {bad[0]})" if bad else ""
        raise UsageError(f"{args.file}: no usable places{first}")
    path = userplaces.save(good)    # before any report, so a failed save is one line too
    for r in bad:
        print(f"{PROG}: {args.file}: {r}; row skipped", file=sys.stderr)
    print(f"added {len(good)} place(s) to {path}" + (f"; {len(bad)} row(s) rejected" if bad else ""))
    return 0


def main(argv=None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()      # a closed pipe shows here, inside the handler, not at exit
        return code
    except BrokenPipeError:
        # The reader stopped reading (`| head`): a normal end. Send the rest of stdout to
        # /dev/null so the interpreter's last flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv=None) -> int:
    from gazetteer import BadPlaceName, BadPlacesFile, DataFileError
    from geo.io import BadOutput
    from geo.place import PlaceNotFound

    try:
        args = _parser().parse_args(argv)
        if args.command == "gazetteer":
            return {"lookup": _lookup, "add": _add}[args.action](args)
        if args.command == "where":
            return _where(args)
        if args.command == "geoparse":
            return _geoparse(args)
        if args.command == "extract":
            return _extract(args)
        if args.command == "map":
            return _map(args)
        if args.command == "batch":
            return _batch(args)
        raise UsageError(f"unknown command {args.command!r}")
    except (UsageError, BadOutput, BadPlaceName, BadPlacesFile, PlaceNotFound) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except DataFileError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: one line, the traceback only when asked for
        if os.environ.get("INCIDENTMAP_DEBUG"):
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc} "
              f"(set INCIDENTMAP_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
