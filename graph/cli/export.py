"""The ``export`` command: a picture, page or data file of the graph, or of a view around one node.

``export [INPUT...] [--focus LABEL --depth N] [--class CLASS ...] [--cap N] [--layout spring|hierarchical]
--format png|svg|pdf|html|turtle|jsonld|nt|graphml -o FILE``. Inputs are notes files or folders or
RDF files (the bundled notes when none). Without ``--focus`` the whole graph is drawn, capped to
the ``--cap`` most central nodes (400 by default); data formats then hold everything. With it, only
the view: its nodes, their relations among themselves and the note lines they came from.
``--format`` may be left out when the output's suffix names it. The file is written atomically:
a failure leaves no half-written file. :func:`add_parser` registers the command on the main parser;
:func:`handle` runs it.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="graph")
>>> _ = add_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["export", "--focus", "DAX", "--depth", "2", "-o", "dax.svg"])
>>> args.focus, args.depth, args.cap, args.layout, output_format(args)
('DAX', 2, 400, 'spring', 'svg')
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError
from graph.views.export import EXPORT_FORMATS
from graph.views.layout import LAYOUTS

if TYPE_CHECKING:
    import networkx as nx

    from graph.rdf.store import Store

__all__ = ["add_parser", "handle", "output_format", "view_title", "DEFAULT_CAP"]

#: The most nodes drawn unless ``--cap`` says otherwise.
DEFAULT_CAP = 400

_BY_SUFFIX = {f.suffix: f.name for f in EXPORT_FORMATS.values()} | {
    ".htm": "html",
    ".turtle": "turtle",
    ".json": "jsonld",
}


def _count(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    return parse


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``export``; the handler is :func:`handle` (``args.handler``).

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        What ``ArgumentParser.add_subparsers()`` returned for the main parser.

    Returns
    -------
    argparse.ArgumentParser
        The ``export`` parser.
    """
    parser = subparsers.add_parser(
        "export",
        help="a picture (PNG, SVG, PDF), an offline HTML page or the data (Turtle, JSON-LD, N-Triples, GraphML)",
        description="Export the graph, or the view around one node, as a picture with the app's colours and "
        "legend, a standalone offline HTML page, or data.",
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="notes or RDF files or folders (default: the bundled notes)"
    )
    parser.add_argument("--focus", metavar="LABEL", help="centre on this node (label, alias or IRI)")
    parser.add_argument("--depth", type=_count(0), default=1, metavar="N", help="hops around --focus (default: 1)")
    parser.add_argument(
        "--class", dest="classes", action="append", default=[], metavar="CLASS",
        help="keep only nodes of this class, e.g. CacheService (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--cap", type=_count(1), default=DEFAULT_CAP, metavar="N",
        help=f"the most nodes drawn, the most central kept (default: {DEFAULT_CAP})",
    )  # fmt: skip
    parser.add_argument("--layout", choices=LAYOUTS, default="spring", help="picture layout (default: spring)")
    parser.add_argument("--title", help="title of the picture or page")
    parser.add_argument(
        "--format", choices=tuple(EXPORT_FORMATS), metavar="FORMAT",
        help=f"one of {', '.join(EXPORT_FORMATS)} (default: from the suffix of -o)",
    )  # fmt: skip
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.set_defaults(handler=handle)
    return parser


def output_format(args: argparse.Namespace) -> str:
    """``--format``, or the format the output file's suffix names.

    >>> output_format(argparse.Namespace(format=None, output="graph.TTL"))
    'turtle'
    >>> output_format(argparse.Namespace(format=None, output="graph.bin"))
    Traceback (most recent call last):
    ...
    graph.errors.InputError: graph.bin:0: cannot tell the format from the suffix; give --format
    """
    if args.format:
        return args.format
    fmt = _BY_SUFFIX.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise InputError("cannot tell the format from the suffix; give --format", file=args.output)
    return fmt


def view_title(g, focus: str | None, depth: int, shown: int, total: int) -> str:
    """The default title: what is drawn.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("cid:dax", label="DAX")
    >>> view_title(g, "cid:dax", 2, 12, 135), view_title(g, None, 1, 135, 135), view_title(g, None, 1, 400, 654)
    ('CloudAtlas: DAX, 2 hops', 'CloudAtlas', 'CloudAtlas: 400 of 654 nodes')
    """
    from graph.network import label_of

    if focus:
        return f"CloudAtlas: {label_of(g, focus)}, {depth} hop{'s' if depth != 1 else ''}"
    return "CloudAtlas" if shown >= total else f"CloudAtlas: {shown} of {total} nodes"


def handle(
    args: argparse.Namespace, load_graph: Callable[[Sequence[str]], tuple[Store, nx.MultiDiGraph]] | None = None
) -> int:
    """Run ``export``: load, choose the view, write the file.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed ``export`` arguments.
    load_graph : callable, optional
        ``load_graph(paths) -> (store, network)``, the store with its computed relations;
        :func:`graph.rdf.pipeline.build_store` and :func:`graph.network.derive.derive_network` when omitted.

    Returns
    -------
    int
        0; bad input raises :class:`graph.errors.InputError` for the caller to report (a
        ``--focus`` that names no node names the inputs as the file). Nothing is written then.
    """
    from graph.network import find_node
    from graph.network.derive import derive_network
    from graph.rdf.pipeline import BUNDLED_NOTES, build_store
    from graph.utils.files import write_atomic
    from graph.views.export import export
    from graph.views.selection import ViewSpec, class_options, scores_for, select_view

    fmt = output_format(args)
    paths = list(args.inputs) or [str(BUNDLED_NOTES)]
    source = ", ".join(args.inputs) or getattr(args, "store", None) or paths[0]
    if load_graph is None:
        store = build_store(paths)
        g = derive_network(store)
    else:
        store, g = load_graph(paths)
    focus = None
    if args.focus:
        try:
            focus = find_node(g, args.focus)
        except InputError as err:
            raise InputError(f"--focus: {err.problem}", file=source) from None
    known = [cls for cls, _ in class_options(g)]
    unknown = [c for c in args.classes if c not in known]
    if unknown:
        raise InputError(f"--class: no node has class {unknown[0]!r}; known: {', '.join(known)}", file=source)
    spec = ViewSpec(
        focus=focus,
        depth=args.depth,
        classes=tuple(args.classes),
        cap=args.cap,
        hierarchical=args.layout == "hierarchical",
    )
    scores = scores_for(g, "pagerank")  # of the whole graph, as the app sizes nodes
    view = select_view(g, spec, scores)
    whole = focus is None and not args.classes and view.number_of_nodes() == g.number_of_nodes()
    title = args.title or view_title(g, focus, args.depth, view.number_of_nodes(), g.number_of_nodes())
    data = export(fmt, store, view, whole=whole, network=g, spec=spec, scores=scores, title=title, layout=args.layout)
    write_atomic(args.output, data)
    return 0
