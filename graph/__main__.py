"""The command line: ``python -m graph build|query|analyze|export``.

Every command reads notes files, folders or RDF files (the bundled notes when
none are named). Bad input exits with status 2 and one line
``FILE:LINE: problem``; nothing is half-written.

Examples
--------
>>> main(["query", "-q", "ASK { cid:dynamodb a ca:DatabaseService }"])
true
0
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from graph.errors import InputError
from graph.tables import TABLE_FORMATS, render

__all__ = ["main", "build_parser", "write_atomic"]

RDF_OUTPUT_FORMATS = ("turtle", "nt", "jsonld", "trig", "nq", "xml")


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure leaves no half file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as err:
        raise InputError(err.strerror or str(err), file=str(path)) from None


def _load(inputs: Sequence[str]):
    """The store for the inputs named (the bundled notes when none)."""
    from graph.pipeline import BUNDLED_NOTES, build_store

    return build_store(inputs or [BUNDLED_NOTES])


def _emit(data: bytes | str, output: str | None) -> None:
    raw = data.encode() if isinstance(data, str) else data
    if output:
        write_atomic(output, raw)
    else:
        sys.stdout.write(raw.decode())
        if not raw.endswith(b"\n"):
            sys.stdout.write("\n")


def cmd_build(args: argparse.Namespace) -> int:
    """Notes → RDF, to a file or stdout."""
    store = _load(args.notes)
    from graph.derive import add_derived

    add_derived(store)
    _emit(store.dump(args.format), args.output)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """Run a read-only query and print its results."""
    from graph.sparql import run_query

    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(getattr(err, "strerror", None) or str(err), file=args.file) from None
        name = args.file
    else:
        text, name = args.query, "<query>"
    store = _load(args.inputs)
    from graph.derive import add_derived

    add_derived(store)
    result = run_query(store, text, name=name, timeout=args.timeout, max_rows=args.max_rows)
    if result.truncated:
        print(f"(first {args.max_rows:,} rows shown: the row cap cut the result)", file=sys.stderr)
    if result.kind == "ask":
        out = (
            render([{"result": str(result.boolean).lower()}], args.format)
            if args.format != "table"
            else str(result.boolean).lower()
        )
    else:
        rows = result.rows if args.format == "table" else (result.raw_rows or result.rows)
        out = render(rows, args.format, result.columns)
    _emit(out, args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(
        prog="python -m graph",
        description="CloudAtlas: cloud-architecture notes as a knowledge graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="notes files or folders (.md, .txt) → RDF", description=cmd_build.__doc__)
    build.add_argument("notes", nargs="*", help="notes files or folders (default: the bundled notes)")
    build.add_argument("-o", "--output", help="file to write (default: stdout)")
    build.add_argument("--format", default="turtle", choices=RDF_OUTPUT_FORMATS, help="RDF format (default: turtle)")
    build.set_defaults(handler=cmd_build)

    query = sub.add_parser("query", help="run a read-only SPARQL query", description=cmd_query.__doc__)
    query.add_argument("inputs", nargs="*", help="notes or RDF files or folders (default: the bundled notes)")
    given = query.add_mutually_exclusive_group(required=True)
    given.add_argument("-q", "--query", help="the query text")
    given.add_argument("-f", "--file", help="a .rq file holding the query")
    query.add_argument("--format", default="table", choices=TABLE_FORMATS, help="result format (default: table)")
    query.add_argument("-o", "--output", help="file to write (default: stdout)")
    query.add_argument("--timeout", type=float, default=10.0, help="seconds before the query is stopped (default 10)")
    query.add_argument("--max-rows", type=int, default=10_000, help="most rows shown (default 10,000)")
    query.set_defaults(handler=cmd_query)

    from graph import cli_analyze, cli_export

    cli_analyze.add_parser(sub)
    cli_export.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except InputError as err:
        print(err, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
