"""Smaller graphs made from a network: a node's neighbourhood, the nodes of some classes, an undirected view.

:func:`nodes_from_line` finds the nodes a line of the notes gave: the things it named or
bounded, and the ends of the relations it stated.

:func:`undirected` is the simple undirected view, in sorted order, that the scores
(:mod:`graph.network.scores`), the shortest paths and the communities are computed on.

Examples
--------
>>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
>>> sorted(ego(g, "a", 2)), sorted(undirected(g).edges())
(['a', 'b', 'c'], [('a', 'b'), ('b', 'c'), ('c', 'd')])
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.network.names import find_node, local_name

__all__ = ["ego", "filter_classes", "nodes_from_line", "undirected"]


def ego(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` hops of ``node`` (either direction), as a new graph.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(ego(g, "a", 2))
    ['a', 'b', 'c']
    """
    center = find_node(g, node)
    return nx.ego_graph(g, center, radius=depth, undirected=True)


def filter_classes(g: nx.MultiDiGraph, classes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph of nodes having any of ``classes`` (``ca:`` local names or IRIs).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", classes=("Engine",)); g.add_node("b", classes=("CacheService", "Service"))
    >>> sorted(filter_classes(g, ["CacheService"]))
    ['b']
    """
    wanted = {local_name(c) for c in classes}
    keep = [n for n, data in g.nodes(data=True) if wanted.intersection(data.get("classes", ()))]
    return g.subgraph(keep).copy()


def undirected(g: nx.Graph, *, skip: Iterable[str] = ()) -> nx.Graph:
    """A simple undirected view with nodes and edges in sorted order (for determinism).

    Edges whose key is in ``skip`` are left out.

    >>> sorted(undirected(nx.MultiDiGraph([("b", "a"), ("a", "b")])).edges())
    [('a', 'b')]
    """
    skipped = set(skip)
    nodes = sorted(g.nodes)
    h = nx.Graph()
    h.add_nodes_from(nodes)
    # Pairs as numbers (rank of one end * n + rank of the other): sorting numbers is fast, tuples of IRIs are not.
    rank, n = {node: i for i, node in enumerate(nodes)}, len(nodes)
    edges = g.edges(keys=True) if g.is_multigraph() else ((u, v, None) for u, v in g.edges())
    ends = ((rank[u], rank[v]) for u, v, key in edges if key not in skipped)
    pairs = sorted({a * n + b if a <= b else b * n + a for a, b in ends})
    h.add_edges_from((nodes[pair // n], nodes[pair % n]) for pair in pairs)
    return h


def nodes_from_line(g: nx.MultiDiGraph, file: str, line: int) -> tuple[str, ...]:
    """The nodes that line ``line`` of notes file ``file`` gave, in the graph's order.

    Those derived from the line's ``ca:Note`` node (``wasDerivedFrom`` edges, present in a network
    made with the notes) and the ends of every relation whose ``sources`` cite the line.
    Note nodes themselves are left out.

    >>> from graph.network.build import NoteRef
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("note-7", classes=("Note",), file="a.md", line=7)
    >>> _ = g.add_edge("rds", "note-7", key="wasDerivedFrom")
    >>> _ = g.add_edge("rds", "mysql", key="supportsEngine", sources=(NoteRef("a.md", 8, ""),))
    >>> nodes_from_line(g, "a.md", 7), nodes_from_line(g, "a.md", 8), nodes_from_line(g, "b.md", 7)
    (('rds',), ('rds', 'mysql'), ())
    """
    found: dict[str, None] = {}
    for note, data in g.nodes(data=True):
        if data.get("file") == file and data.get("line") == line and "Note" in data.get("classes", ()):
            for source, _, key in g.in_edges(note, keys=True):
                if key == "wasDerivedFrom":
                    found[source] = None
    for u, v, data in g.edges(data=True):
        if any(ref.file == file and ref.line == line for ref in data.get("sources") or ()):
            found[u] = found[v] = None
    notes = {n for n in found if "Note" in g.nodes[n].get("classes", ())}
    return tuple(n for n in found if n not in notes)
