"""The ``analyze`` command: the network analyses of :mod:`graph.network` as tables.

``analyze caching [SERVICE]``, ``analyze migrations [--from X] [--to Y]``,
``analyze compare [QUANTITY]``, ``analyze paths A B``, ``analyze central``,
``analyze communities``, ``analyze conflicts [INPUT...]`` (notes that disagree) and
``analyze gaps [INPUT...]`` (what the notes lack); each takes ``--input PATH``
(repeatable; the bundled notes when none) and ``--format table|csv|json``. :func:`add_parser` registers
the command on the main parser; :func:`analysis_rows` is the pure part (graph ->
rows) and :func:`handle` does the loading and printing.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="graph")
>>> _ = add_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["analyze", "migrations", "--from", "Oracle", "--format", "csv"])
>>> args.analysis, args.source, args.target, args.format, args.input
('migrations', 'Oracle', None, 'csv', [])
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

import networkx as nx

from graph import network as analysis
from graph.errors import InputError
from graph.network import limits
from graph.network.cache import network_of
from graph.network.caching import caching_rows
from graph.network.conflicts import BOUND_WORDS
from graph.network.migration import migration_rows
from graph.rdf.store import PREFIXES
from graph.views.tables import TABLE_FORMATS, render

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["ANALYSES", "BOUND_WORDS", "add_parser", "analysis_rows", "conflict_rows", "gap_rows", "run", "handle"]

#: The sub-commands of ``analyze``.
ANALYSES = ("caching", "migrations", "compare", "paths", "central", "communities", "conflicts", "gaps")

#: The columns of :func:`conflict_rows`: each side's values as written, its file:line notes and its lines.
CONFLICT_COLUMNS = (
    "service", "quantity", "bound", "value", "notes", "lines", "other value", "other notes", "other lines",
)  # fmt: skip

#: ``load(paths) -> (store, network)``: the store of the inputs and its network.
LoadGraph = Callable[[Sequence[str]], "tuple[Store, nx.MultiDiGraph]"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``analyze`` and its sub-commands; the handler is :func:`handle` (``args.handler``).

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        What ``ArgumentParser.add_subparsers()`` returned for the main parser.

    Returns
    -------
    argparse.ArgumentParser
        The ``analyze`` parser.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--input",
        "-i",
        action="append",
        default=[],
        metavar="PATH",
        help="a notes file or folder, or an RDF file (repeatable; default: the bundled notes)",
    )
    common.add_argument("--format", choices=TABLE_FORMATS, default="table", help="output format (default: table)")

    parser = subparsers.add_parser(
        "analyze",
        help="network analyses as tables",
        description="Network analyses of the knowledge graph, printed as a table, CSV or JSON.",
    )
    sub = parser.add_subparsers(dest="analysis", metavar="ANALYSIS", required=True)

    p = sub.add_parser(
        "caching",
        parents=[common],
        help="caching layers that can sit in front of a service",
        description="The caches that can sit in front of a service, client inwards: edge, api, in-memory. "
        "Noted layers come from ca:caches; inferred ones name their rule.",
    )
    p.add_argument("service", nargs="?", metavar="SERVICE", help="a service name or alias (default: every service)")

    p = sub.add_parser(
        "migrations",
        parents=[common],
        help="migration paths through a migration service",
        description="Paths from a source through a migration service to a target, shortest first; "
        "heterogeneous paths add the Schema Conversion Tool.",
    )
    p.add_argument("--from", dest="source", metavar="X", help="the source: a service or engine")
    p.add_argument(
        "--to", dest="target", metavar="Y", help="the target: a service, an engine, or both ('Aurora PostgreSQL')"
    )

    p = sub.add_parser(
        "compare",
        parents=[common],
        help="limits side by side, in common units",
        description="Limits of every service by what they bound: the engine a limit is for, its value "
        "as noted and in the unit its quantity is compared in (KB, GB, TB, h, days), and the IRI of each limit.",
    )
    p.add_argument("quantity", nargs="?", metavar="QUANTITY", help="only this quantity, e.g. 'read replicas'")

    p = sub.add_parser(
        "paths",
        parents=[common],
        help="all shortest paths between two nodes",
        description="All shortest paths between two nodes, ignoring direction; each hop shows its relation.",
    )
    p.add_argument("a", metavar="A", help="a name, alias or IRI")
    p.add_argument("b", metavar="B", help="a name, alias or IRI")

    p = sub.add_parser(
        "central",
        parents=[common],
        help="the most central nodes",
        description="Degree, betweenness and PageRank of the nodes, highest PageRank first.",
    )
    p.add_argument("--top", type=int, default=20, metavar="N", help="how many rows (default: 20; 0 for all)")

    sub.add_parser(
        "communities",
        parents=[common],
        help="groups of closely linked nodes",
        description="Louvain communities of the graph (seeded, so always the same), largest first.",
    )

    p = sub.add_parser(
        "conflicts",
        parents=[common],
        help="notes that give one service and quantity different values",
        description="Lines of the notes that give the same service and quantity different values: "
        "a maximum against a maximum, a minimum against a minimum, compared in one unit (15 min and 900 s "
        "agree). Each row gives both values as written, and the file:line and text of the lines behind each.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="notes files or folders, or RDF files (as --input)")

    p = sub.add_parser(
        "gaps",
        parents=[common],
        help="what a well-noted service of its class has and the notes do not",
        description="For each service, what a well-noted service of its class has and these notes do not "
        "(engines, backups, replication, storage or retention limits, ...), one row per service and gap, in "
        "plain words: the gap shapes of ontology/shapes.ttl validated with pyshacl. Severity 'warning' for what "
        "every service of the class has, 'info' for what is worth knowing.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="notes files or folders, or RDF files (as --input)")
    parser.set_defaults(handler=handle)
    return parser


def _curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def conflict_rows(g: nx.MultiDiGraph, *, lists: bool = False) -> tuple[list[dict[str, object]], list[str]]:
    """Rows of :func:`graph.network.find_conflicts`: both values as written, and the lines behind each.

    With ``lists``, the notes and lines of each side are lists (for JSON); else joined with ``"; "``.
    """

    def side(values: Sequence[analysis.NotedValue]) -> tuple[object, object, object]:
        written = "; ".join(dict.fromkeys(v.text for v in values))
        notes = [str(v.source) if v.source.file else "" for v in values]
        lines = [v.source.text for v in values]
        return (written, notes, lines) if lists else (written, "; ".join(notes), "; ".join(lines))

    rows = []
    for c in analysis.find_conflicts(g):
        cells = (c.service_label, c.quantity_text, c.bound_text, *side(c.first), *side(c.second))
        rows.append(dict(zip(CONFLICT_COLUMNS, cells, strict=True)))
    return rows, list(CONFLICT_COLUMNS)


def gap_rows(g: nx.MultiDiGraph, service: str | None = None) -> tuple[list[dict[str, object]], list[str]]:
    """Rows of :func:`graph.network.find_gaps`: one per service and missing thing, in plain words."""
    rows = [
        {
            "service": gap.service_label,
            "class": gap.kind,
            "gap": gap.gap,
            "severity": gap.severity,
            "why": gap.why,
            "notes": " ".join(gap.notes),
        }
        for gap in analysis.find_gaps(g, service)
    ]
    return rows, ["service", "class", "gap", "severity", "why", "notes"]


def analysis_rows(g: nx.MultiDiGraph, args: argparse.Namespace) -> tuple[list[dict[str, object]], list[str]]:
    """The rows and columns of the analysis ``args.analysis`` over ``g`` (pure).

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    args : argparse.Namespace
        Parsed ``analyze`` arguments.

    Returns
    -------
    tuple
        ``(rows, columns)``: dicts of plain values, and the column order.

    Raises
    ------
    graph.errors.InputError
        When a name in the arguments names nothing in the graph.
    """
    name = args.analysis
    if name == "caching":
        return caching_rows(g, args.service)
    if name == "migrations":
        return migration_rows(g, args.source, args.target)
    if name == "compare":
        iri = _curie if args.format == "table" else str
        rows = limits.limit_table(analysis.compare_limits(g, args.quantity), iri)
        return rows, list(limits.LIMIT_COLUMNS)
    if name == "paths":
        found = analysis.shortest_paths(g, args.a, args.b)
        rows = [{"path": i, "hops": p.length, "route": p.route} for i, p in enumerate(found, start=1)]
        return rows, ["path", "hops", "route"]
    if name == "central":
        top = args.top if args.top and args.top > 0 else None
        rows = [
            {
                "rank": i,
                "node": r.label,
                "degree": r.degree,
                "betweenness": round(r.betweenness, 4),
                "pagerank": round(r.pagerank, 4),
            }
            for i, r in enumerate(analysis.centrality(g, top), start=1)
        ]
        return rows, ["rank", "node", "degree", "betweenness", "pagerank"]
    if name == "communities":
        rows = [{"community": c.index, "size": c.size, "members": "; ".join(c.labels)} for c in analysis.communities(g)]
        return rows, ["community", "size", "members"]
    if name == "conflicts":
        return conflict_rows(g, lists=args.format == "json")
    if name == "gaps":
        return gap_rows(g)
    raise ValueError(f"unknown analysis {name!r}; use one of {', '.join(ANALYSES)}")


def run(args: argparse.Namespace, store: Store) -> str:
    """The analysis of ``args`` over ``store``, rendered in ``args.format``.

    The network of an on-disk store comes from its folder when saved there (:mod:`graph.network.cache`).
    """
    rows, columns = analysis_rows(network_of(store), args)
    return render(rows, args.format, columns)


def handle(args: argparse.Namespace, load_graph: LoadGraph | None = None, *, out: TextIO | None = None) -> int:
    """Load the inputs, run the analysis and print it; returns the exit status.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed ``analyze`` arguments.
    load_graph : callable, optional
        ``load_graph(paths) -> (store, network)``; :func:`graph.rdf.pipeline.build_store` and
        :func:`graph.network.derive.derive_network` when omitted.
    out : file, optional
        Where to print (standard output when omitted).

    Returns
    -------
    int
        0; bad input raises :class:`graph.errors.InputError` for the caller to report,
        a name that is not in the graph naming the inputs as the file.
    """
    from graph.network.derive import derive_network
    from graph.rdf.pipeline import BUNDLED_NOTES, build_store

    if getattr(args, "inputs", None):  # INPUT... and --input: one list, as the store is loaded from
        args.input = args.inputs = [*args.input, *args.inputs]
    paths = list(args.input) or [str(BUNDLED_NOTES)]
    source = ", ".join(args.input) or getattr(args, "store", None) or paths[0]
    if load_graph is None:
        g = derive_network(build_store(paths))
    else:
        _, g = load_graph(paths)
    try:
        rows, columns = analysis_rows(g, args)
    except InputError as err:
        if err.file != "<input>":
            raise
        raise InputError(err.problem, file=source) from None
    text = render(rows, args.format, columns)
    stream = out if out is not None else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    return 0
