"""Communities: groups of closely linked nodes, found by the Louvain method with a seed, so repeatable.

They are found on the undirected view (:func:`graph.network.subgraphs.undirected`) without
negated relations (``ca:notAvailableFor``) by :func:`graph.network.algorithms.louvain`,
which gives :func:`networkx.community.louvain_communities`'s result for the same seed.

Examples
--------
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
>>> [(c.index, c.labels) for c in communities(g)]
[(1, ('a', 'b', 'c')), (2, ('x', 'y'))]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.network.algorithms import louvain
from graph.network.names import label_of
from graph.network.rules import _NEGATED
from graph.network.subgraphs import undirected

__all__ = ["Community", "communities"]


@dataclass(frozen=True)
class Community:
    """A group of closely linked nodes: IRIs and labels, both sorted by label."""

    index: int
    nodes: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def size(self) -> int:
        """The number of nodes."""
        return len(self.nodes)


def communities(g: nx.MultiDiGraph, seed: int = 0) -> tuple[Community, ...]:
    """Louvain communities of the undirected graph (negated relations left out), seeded.

    The communities are :func:`networkx.community.louvain_communities`'s for the
    same seed, computed by :func:`graph.network.algorithms.louvain`.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    seed : int, default 0
        The random seed, so the same graph always gives the same communities.

    Returns
    -------
    tuple of Community
        Largest first, then by first label; numbered from 1.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [c.labels for c in communities(g)]
    [('a', 'b', 'c'), ('x', 'y', 'z')]
    """
    h = undirected(g, skip=[_NEGATED])
    if h.number_of_nodes() == 0:
        return ()
    groups = louvain(h, seed=seed)
    ordered = []
    for group in groups:
        members = sorted(group, key=lambda n: (label_of(g, n).casefold(), n))
        ordered.append((tuple(members), tuple(label_of(g, n) for n in members)))
    ordered.sort(key=lambda c: (-len(c[0]), c[1][0].casefold(), c[0][0]))
    return tuple(Community(i, nodes, labels) for i, (nodes, labels) in enumerate(ordered, start=1))
