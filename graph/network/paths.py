"""Routes through the network: the steps of a route, and the shortest paths between two nodes.

A :class:`Step` is one node of a route with the relation that links it to the one
before, in its direction; the migration paths of :mod:`graph.network.migration` are
routes of steps too. :func:`shortest_paths` finds every shortest path, ignoring direction.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_edges_from([("dax", "dynamodb", "caches"), ("rds", "dynamodb", "mentions")])
['caches', 'mentions']
>>> [p.route for p in shortest_paths(g, "dax", "rds")]
['dax -caches-> dynamodb <-mentions- rds']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.network.names import find_node, label_of
from graph.network.subgraphs import undirected

__all__ = ["Step", "GraphPath", "shortest_paths", "main_relation", "RELATION_ORDER"]

#: Relations from the strongest: noted ones first, computed ones next, ``mentions`` (the weakest) last.
RELATION_ORDER = (
    "caches",
    "supportsEngine",
    "compatibleWith",
    "migrationSource",
    "migrationTarget",
    "notAvailableFor",
    "hasFeature",
    "hasLimit",
    "limitOf",
    "includes",
    "cachingLayer",
    "canMigrateTo",
)


def main_relation(keys: Iterable[str]) -> str:
    """The one relation a hop shows of those linking two nodes: the strongest, ``mentions`` only when alone.

    Relations of :data:`RELATION_ORDER` come in its order, any other before ``mentions`` by name.

    >>> main_relation(["mentions", "supportsEngine"]), main_relation(["mentions"]), main_relation([])
    ('supportsEngine', 'mentions', '')
    """
    rank = {key: i for i, key in enumerate(RELATION_ORDER)}
    found = sorted(set(keys), key=lambda k: (k == "mentions", rank.get(k, len(rank)), k))
    return found[0] if found else ""


@dataclass(frozen=True)
class Step:
    """One node of a route and how it is linked to the one before it.

    ``forward`` tells the direction of ``relation``: previous ``-relation->`` this
    node, or previous ``<-relation-`` this node. ``relation`` is ``""`` on the
    first step and ``"+"`` for a service used alongside the previous one.

    >>> Step("b", "B", "caches", False).text()
    '<-caches- B'
    """

    node: str
    label: str
    relation: str = ""
    forward: bool = True

    def text(self) -> str:
        """The step as route text."""
        if not self.relation:
            return self.label
        if self.relation == "+":
            return f"+ {self.label}"
        arrow = f"-{self.relation}->" if self.forward else f"<-{self.relation}-"
        return f"{arrow} {self.label}"


def _route(steps: Iterable[Step]) -> str:
    return " ".join(step.text() for step in steps)


@dataclass(frozen=True)
class GraphPath:
    """A path between two nodes; each step keeps the relation and its direction."""

    steps: tuple[Step, ...]

    @property
    def route(self) -> str:
        """The steps as one line of text."""
        return _route(self.steps)

    @property
    def length(self) -> int:
        """The number of hops."""
        return len(self.steps) - 1


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str) -> tuple[GraphPath, ...]:
    """All shortest paths between two nodes, ignoring edge direction.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    a, b : str
        Names, aliases or IRIs.

    Returns
    -------
    tuple of GraphPath
        Sorted by route text; empty when the nodes are not connected. Where two
        nodes are linked by several relations, a step names one: of those running
        along the path if any, the strongest (:func:`main_relation`).

    Raises
    ------
    graph.errors.InputError
        When ``a`` or ``b`` names nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("rds", "rr", "hasFeature"), ("aurora", "rr", "hasFeature")])
    ['hasFeature', 'hasFeature']
    >>> [p.route for p in shortest_paths(g, "rds", "aurora")]
    ['rds -hasFeature-> rr <-hasFeature- aurora']
    """
    start, end = find_node(g, a), find_node(g, b)
    h = undirected(g)
    try:
        found = list(nx.all_shortest_paths(h, start, end))
    except nx.NetworkXNoPath:
        return ()
    paths = []
    for nodes in found:
        steps = [Step(nodes[0], label_of(g, nodes[0]))]
        for u, v in pairwise(nodes):
            forward = main_relation(g[u][v]) if g.has_edge(u, v) else ""
            backward = main_relation(g[v][u]) if g.has_edge(v, u) else ""
            steps.append(Step(v, label_of(g, v), forward or backward, bool(forward)))
        paths.append(GraphPath(tuple(steps)))
    return tuple(sorted(paths, key=lambda p: (p.route, tuple(s.node for s in p.steps))))
