"""The command line: ``python -m graph build|query|analyze|export``.

Every command reads notes files, folders or RDF files (the bundled notes when
none are named), or with ``--store DIR`` and no inputs, that store as it is
(``query``, ``analyze`` and ``export`` never change it). Bad input exits with
status 2 and one line ``FILE:LINE: problem``; nothing is half-written.

Examples
--------
>>> main(["query", "-q", "ASK { cid:dynamodb a ca:DatabaseService }"])
true
0
"""

from __future__ import annotations

import argparse
import errno
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import InputError
from graph.utils.files import write_atomic
from graph.views.tables import TABLE_FORMATS, render

__all__ = ["main", "build_parser", "load_store", "load_graph", "write_atomic", "store_write_problem"]

RDF_OUTPUT_FORMATS = ("turtle", "nt", "jsonld", "trig", "nq", "xml")


def _explicit_inputs(args: argparse.Namespace) -> list[str]:
    """The notes or RDF inputs the user named on this command (none: the bundled notes)."""
    for name in ("notes", "inputs", "input"):
        if getattr(args, name, None):
            return list(getattr(args, name))
    return []


def load_store(args: argparse.Namespace, paths: Sequence[str] | None = None):
    """The store a command reads, with its computed relations.

    ``--endpoint``: the remote SPARQL store (inputs are not allowed then). ``--store`` with
    inputs named (or for ``build``): the on-disk store, brought up to date with them (only
    changed files are re-read); when they changed, its network is saved in its folder
    (:mod:`graph.network.cache`). ``--store`` with no inputs named, for a command that only
    reads: the store as it is, opened read-only (it must exist; it is never changed). Otherwise
    the inputs are built into memory.
    """
    return _load(args, paths, network=False)[0]


def load_graph(args: argparse.Namespace, paths: Sequence[str] | None = None):
    """:func:`load_store`, and the store's network, made once.

    With the computed relations when they are made here, or from an on-disk store's folder when
    it was saved there; where :func:`load_store` and then :func:`graph.network.build.to_networkx`
    would make it twice.
    """
    return _load(args, paths, network=True)


def _load(args: argparse.Namespace, paths: Sequence[str] | None, *, network: bool):
    import pyoxigraph as ox

    from graph.network.derive import DERIVED_GRAPH, add_derived, derive_network
    from graph.rdf.pipeline import BUNDLED_NOTES, build_store
    from graph.utils.progress import progress_bar

    named = _explicit_inputs(args)
    paths = list(named or paths or [str(BUNDLED_NOTES)])
    if getattr(args, "endpoint", None):
        if named:
            raise InputError("give notes or RDF inputs, or --endpoint, not both", file=named[0])
        from graph.network.build import to_networkx
        from graph.rdf.remote import DEFAULT_TIMEOUT, RemoteStore

        # A query's --timeout bounds each request to the endpoint too (not only the worker running it).
        timeout = getattr(args, "timeout", None) or DEFAULT_TIMEOUT
        remote = RemoteStore(args.endpoint, getattr(args, "update_endpoint", None), timeout=timeout)
        return remote, to_networkx(remote) if network else None
    if getattr(args, "store", None) and not named and getattr(args, "handler", None) is not cmd_build:
        from graph.network.cache import network_of
        from graph.rdf.incremental import open_store

        store = open_store(args.store, read_only=True)  # reading a store never changes it
        return store, network_of(store) if network else None
    with progress_bar("reading notes") as bar:
        if getattr(args, "store", None):
            from graph.network.cache import network_of, save_network
            from graph.rdf.incremental import open_store, sync_store

            store = open_store(args.store)
            try:
                report = sync_store(paths, store, progress=bar, compact=False)  # save_network compacts
                if report.touched or not store.ox.contains_named_graph(ox.NamedNode(str(DERIVED_GRAPH))):
                    g = derive_network(store)
                    save_network(store, g)  # so that the next command need not make it
                    return store, g
            except OSError as err:
                raise InputError(store_write_problem(err), file=str(args.store)) from None
            except RuntimeError as err:  # the embedded store reports some failed writes this way
                if "no space left" not in str(err).lower():
                    raise
                raise InputError(store_write_problem(OSError(errno.ENOSPC, str(err))), file=str(args.store)) from None
            return store, network_of(store) if network else None
        store = build_store(paths, progress=bar)
    if network:
        return store, derive_network(store)
    add_derived(store)
    return store, None


def store_write_problem(err: OSError) -> str:
    """What a failed write into a store on disk means to its user, on one line.

    >>> store_write_problem(OSError(28, "No space left on device"))
    'no space left on the device: the store keeps what it held before (free some space and build again)'
    >>> store_write_problem(OSError("IO error: Permission denied: While opening 000042.sst"))
    'cannot write the store (IO error: Permission denied: While opening 000042.sst)'
    """
    text = " ".join(str(err).split())
    if err.errno == errno.ENOSPC or "no space left" in text.lower():
        return "no space left on the device: the store keeps what it held before (free some space and build again)"
    if err.errno == errno.EDQUOT or "quota exceeded" in text.lower():
        return "disk quota exceeded: the store keeps what it held before (free some space and build again)"
    return f"cannot write the store ({err.strerror or text})"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``PROG: error: PROBLEM (see PROG --help)``, exit 2."""

    def error(self, message: str):
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _seconds(text: str) -> float:
    """``--timeout``: seconds above 0 and at most a day (not nan or inf)."""
    from graph.query.sparql import MAX_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_TIMEOUT):  # false for nan too
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:,.0f}, not {text!r}"
        )
    return value


def _row_cap(text: str) -> int:
    """``--max-rows``: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of rows, 1 or more, not {text!r}")
    return value


def _endpoint_url(text: str) -> str:
    """``--endpoint``, ``--update-endpoint``: an http(s) URL with a host and a valid port."""
    try:
        parts = urlsplit(text)
        _ = parts.port  # ValueError for a port that is not a number from 0 to 65535
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a valid URL ({err})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError("must be an http:// or https:// URL with a host name")
    return text


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--store DIR`` or ``--endpoint URL [--update-endpoint URL]``."""
    where = parser.add_argument_group("where the graph lives (default: built in memory)")
    choice = where.add_mutually_exclusive_group()
    choice.add_argument(
        "--store",
        metavar="DIR",
        help="an on-disk store: built once, reopened, updated per file; with no inputs named, "
        "query, analyze and export read it as it is, never changing it",
    )
    choice.add_argument(
        "--endpoint",
        metavar="URL",
        type=_endpoint_url,
        help="a SPARQL 1.1 query endpoint (Neptune, Fuseki, Oxigraph...)",
    )
    where.add_argument(
        "--update-endpoint", metavar="URL", type=_endpoint_url, help="its SPARQL update endpoint (for build)"
    )


def _emit(data: bytes | str, output: str | None) -> None:
    raw = data.encode() if isinstance(data, str) else data
    if output:
        write_atomic(output, raw)
    else:
        sys.stdout.write(raw.decode())
        if not raw.endswith(b"\n"):
            sys.stdout.write("\n")


def cmd_build(args: argparse.Namespace) -> int:
    """Notes → RDF, to a file or stdout; or into an on-disk store or a SPARQL server."""
    if getattr(args, "report", None):
        _write_report(args.notes, args.report)
    if args.endpoint:
        from graph.network.derive import add_derived
        from graph.rdf.pipeline import BUNDLED_NOTES, build_store
        from graph.rdf.remote import RemoteStore
        from graph.utils.progress import progress_bar

        with progress_bar("reading notes") as bar:
            staging = build_store(args.notes or [str(BUNDLED_NOTES)], progress=bar)
        add_derived(staging)
        remote = RemoteStore(args.endpoint, args.update_endpoint or args.endpoint)
        remote.publish(staging)
        print(f"{len(staging):,} quads published to {args.endpoint}", file=sys.stderr)
        return 0
    store = load_store(args)
    if args.store:
        from graph.rdf.bookkeeping import dump

        if args.output:
            _emit(dump(store, args.format), args.output)
        print(f"store {args.store}: {len(store):,} quads", file=sys.stderr)
        return 0
    _emit(store.dump(args.format), args.output)
    return 0


def _write_report(notes: Sequence[str], target: str) -> None:
    """The coverage report of the notes named (the bundled notes when none): text on stderr, or JSON to a file."""
    from graph.rdf.pipeline import BUNDLED_NOTES, notes_coverage
    from graph.read.report import report_json, report_text

    coverages = notes_coverage(notes or [str(BUNDLED_NOTES)])
    if target == "-":
        print(report_text(coverages), file=sys.stderr)
    else:
        write_atomic(target, report_json(coverages).encode("utf-8"))


def cmd_query(args: argparse.Namespace) -> int:
    """Run a read-only query and print its results."""
    from graph.query.sparql import run_query

    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(getattr(err, "strerror", None) or str(err), file=args.file) from None
        name = args.file
    else:
        text, name = args.query, "<query>"
    store = load_store(args)
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
    parser = _Parser(
        prog="python -m graph",
        description="CloudAtlas: cloud-architecture notes as a knowledge graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="notes files or folders (.md, .txt) → RDF", description=cmd_build.__doc__)
    build.add_argument("notes", nargs="*", help="notes files or folders (default: the bundled notes)")
    build.add_argument("-o", "--output", help="file to write (default: stdout)")
    build.add_argument("--format", default="turtle", choices=RDF_OUTPUT_FORMATS, help="RDF format (default: turtle)")
    build.add_argument(
        "--report",
        nargs="?",
        const="-",
        metavar="FILE.json",
        help="per notes file, how many lines gave facts and each line with a number or a known name that gave "
        "nothing of it (on standard error); with FILE.json, every line and the facts it gave, as JSON",
    )
    _add_store_options(build)
    build.set_defaults(handler=cmd_build)

    query = sub.add_parser("query", help="run a read-only SPARQL query", description=cmd_query.__doc__)
    query.add_argument("inputs", nargs="*", help="notes or RDF files or folders (default: the bundled notes)")
    given = query.add_mutually_exclusive_group(required=True)
    given.add_argument("-q", "--query", help="the query text")
    given.add_argument("-f", "--file", help="a .rq file holding the query")
    query.add_argument("--format", default="table", choices=TABLE_FORMATS, help="result format (default: table)")
    query.add_argument("-o", "--output", help="file to write (default: stdout)")
    query.add_argument(
        "--timeout",
        type=_seconds,
        default=10.0,
        help="seconds before the query is stopped: above 0, at most 86,400 (default 10)",
    )
    query.add_argument("--max-rows", type=_row_cap, default=10_000, help="most rows shown: 1 or more (default 10,000)")
    _add_store_options(query)
    query.set_defaults(handler=cmd_query)

    from graph.cli import analyze as cli_analyze
    from graph.cli import export as cli_export

    analyze = cli_analyze.add_parser(sub)
    for action in analyze._subparsers._group_actions if analyze._subparsers else ():
        for command in action.choices.values():
            _add_store_options(command)
    _add_store_options(cli_export.add_parser(sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.handler in (cmd_build, cmd_query):
            return args.handler(args)
        return args.handler(args, lambda paths: load_graph(args, paths))
    except InputError as err:
        print(err, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file or device that failed under us: one line, as for bad input
        where = getattr(args, "store", None) or err.filename or getattr(args, "output", None) or "<output>"
        problem = store_write_problem(err) if getattr(args, "store", None) else (err.strerror or str(err))
        print(InputError(" ".join(problem.split()), file=str(where)), file=sys.stderr)
        return 2
